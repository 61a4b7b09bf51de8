#!/usr/bin/env bash
# Print the fenced code block that follows the line `<!-- MARKER: ... -->` in a Markdown file,
# so that a check runs what the doc shows. Fails when the marker or its block is missing.
#
# Usage: scripts/doc-block.sh FILE MARKER
set -euo pipefail
[[ $# -eq 2 ]] || {
    echo "usage: $0 FILE MARKER" >&2
    exit 2
}
block=$(awk -v marker="$2" '
    index($0, "<!-- " marker ":") == 1 { found = 1; next }
    found && !inside && /^```/ { inside = 1; next }
    inside && /^```/ { closed = 1; exit }
    inside { print }
    END { exit !closed }
' "$1") || {
    echo "$1: no closed code block after the marker <!-- $2: ... -->" >&2
    exit 1
}
printf '%s\n' "$block"
