#!/usr/bin/env bash
# Render the reports of two shipped scenarios (Danish and English) and the council brief of
# every shipped scenario in headless Chromium, to PNG and to A4 PDF, and fail on any console
# message (the page has no scripts, so a message means a
# blocked request or a broken page), on a request to anything but the page itself, on a chart
# without drawing, or on a PDF without the report's text.
#
# Needs Debian's chromium and poppler-utils (.ci/run installs them). Writes to
# target/report-check/; with --picture PATH, also the top of the Danish report as PNG there
# (the user guide's picture, docs/img/report.png).
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/report-check
picture=""
if [[ "${1:-}" == "--picture" ]]; then
    picture=$2
fi
rm -rf "$out"
mkdir -p "$out"
cargo build --release --locked --quiet
bin=target/release/somsim
fail() {
    echo "check-report: $*" >&2
    exit 1
}
chromium_run() {
    # As the machine's own probe starts it: no sandbox (root), no GPU, no background traffic.
    local profile
    profile=$(mktemp -d "$out/profile.XXXX")
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --disable-default-apps --hide-scrollbars --user-data-dir="$profile" \
        --enable-logging=stderr --v=0 "$@"
}
for case in "scenarios/intensive.yaml da Nutidsværdi" "contracts/intensive-dsi.yaml en Net present value"; do
    read -r file lang word <<<"$case"
    name=$(basename "$file" .yaml)-$lang
    html="$PWD/$out/$name.html"
    "$bin" report "$file" --lang "$lang" -o "$html"
    # Every chart has drawn something.
    charts=$(grep -c "<svg " "$html" || true)
    [[ "$charts" -ge 5 ]] || fail "$name: $charts charts"
    if awk '/<svg /{n=0; inside=1} inside && /<(rect|polyline|polygon|circle)/{n++} /<\/svg>/{if (n < 3) bad=1; inside=0} END{exit !bad}' "$html"; then
        fail "$name: a chart without drawing"
    fi
    chromium_run --window-size=1100,12000 --screenshot="$out/$name.png" \
        --log-net-log="$out/$name.netlog.json" "file://$html" 2>"$out/$name.png.log" >/dev/null
    chromium_run --no-pdf-header-footer --print-to-pdf="$out/$name.pdf" "file://$html" \
        2>"$out/$name.pdf.log" >/dev/null
    for log in "$out/$name.png.log" "$out/$name.pdf.log"; do
        if grep -q ":CONSOLE" "$log"; then
            grep ":CONSOLE" "$log" >&2
            fail "$name: console messages (see $log)"
        fi
    done
    # Requests the page made: anything but its own file:// address. (Chromium's own service
    # requests, which the flags above mostly stop, go to Google's hosts and are left out.)
    requests=$(grep -o '"url":"[^"]*"' "$out/$name.netlog.json" | grep -v '"url":"file://' |
        grep -Ev 'google\.com|gstatic\.com|googleapis\.com|gvt1\.com' || true)
    [[ -z "$requests" ]] || fail "$name: network requests: $requests"
    [[ $(stat -c %s "$out/$name.png") -gt 100000 ]] || fail "$name: the screenshot is nearly empty"
    pages=$(pdfinfo "$out/$name.pdf" | awk '/^Pages:/ {print $2}')
    [[ "$pages" -ge 3 ]] || fail "$name: the PDF has $pages pages"
    pdftotext "$out/$name.pdf" "$out/$name.txt"
    grep -q "$word" "$out/$name.txt" || fail "$name: the PDF lacks \"$word\""
    echo "check-report: $name: $charts charts, $pages A4 pages, no console messages or requests"
done
# The council brief of every shipped scenario and the contract file, in Danish (its default)
# and English: at most two A4 pages, the answer on the first, no console messages.
for file in scenarios/*.yaml contracts/*.yaml; do
    for lang in da en; do
        name=brief-$(basename "$file" .yaml)-$lang
        html="$PWD/$out/$name.html"
        "$bin" report --brief "$file" --lang "$lang" -o "$html"
        chromium_run --no-pdf-header-footer --print-to-pdf="$out/$name.pdf" "file://$html" \
            2>"$out/$name.pdf.log" >/dev/null
        if grep -q ":CONSOLE" "$out/$name.pdf.log"; then
            fail "$name: console messages (see $out/$name.pdf.log)"
        fi
        pages=$(pdfinfo "$out/$name.pdf" | awk '/^Pages:/ {print $2}')
        [[ "$pages" -le 2 ]] || fail "$name: the brief has $pages A4 pages; at most 2"
        first=$(pdftotext -f 1 -l 1 "$out/$name.pdf" - | tr '\n' ' ')
        case $lang in
            da) grep -Eq "Indsatsen betaler sig|Det er usikkert" <<<"$first" || fail "$name: no answer on page 1" ;;
            en) grep -Eq "It pays|It does not pay|is uncertain" <<<"$first" || fail "$name: no answer on page 1" ;;
        esac
        echo "check-report: $name: $pages A4 pages, the answer on the first"
    done
done
if [[ -n "$picture" ]]; then
    chromium_run --window-size=1000,1400 --screenshot="$picture" \
        "file://$PWD/$out/intensive-da.html" 2>/dev/null >/dev/null
    echo "check-report: wrote $picture"
fi
