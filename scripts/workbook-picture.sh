#!/usr/bin/env bash
# Make docs/img/ledger-sheet.png, the user guide's picture of the workbook's Ledger sheet: the
# intensive scenario's workbook, printed to PDF by LibreOffice (an independent program opening
# the file), and the top of the Ledger's first page as PNG.
#
# Needs Debian's libreoffice-calc (or libreoffice-calc-nogui) and poppler-utils.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
cargo run --release --quiet -- run scenarios/intensive.yaml --format xlsx -o "$work/intensive.xlsx"
soffice --headless --convert-to pdf --outdir "$work" "$work/intensive.xlsx" >/dev/null 2>&1
pages=$(pdfinfo "$work/intensive.pdf" | awk '/^Pages:/ {print $2}')
for ((p = 1; p <= pages; p++)); do
    text=$(pdftotext -f "$p" -l "$p" "$work/intensive.pdf" -)
    # The page header is the sheet's name.
    if [[ "$(head -n 1 <<<"$text")" == "Ledger" ]]; then
        pdftoppm -f "$p" -l "$p" -r 150 -x 100 -y 70 -W 1560 -H 640 -png -singlefile \
            "$work/intensive.pdf" docs/img/ledger-sheet
        echo "docs/img/ledger-sheet.png: page $p of $pages"
        exit 0
    fi
done
echo "no Ledger page found in the PDF" >&2
exit 1
