#!/usr/bin/env bash
# Regenerates the DOCX and PDF fixtures from the text samples with LibreOffice headless
# (Debian: libreoffice-writer-nogui), so tests need no LibreOffice: HTML → DOCX → PDF.
#   fixtures/docx, fixtures/pdf          Liberation Serif 13 pt on A4, as a commune office types it
#   fixtures/docx-alt, fixtures/pdf-alt  DejaVu Sans on B5 with large headings that wrap, Word
#                                        bullets, running page numbers: the harder set
# Usage: bash scripts/make-fixtures.sh [SAMPLE.txt ...]
set -euo pipefail
cd "$(dirname "$0")/.."

command -v soffice >/dev/null || { echo "soffice not found: apt-get install libreoffice-writer-nogui" >&2; exit 1; }

samples=("$@")
[ ${#samples[@]} -gt 0 ] || samples=(fixtures/samples/*.txt)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# a private LibreOffice profile: no clash with a running instance, no state left behind
profile="file://$work/profile"

convert() { # $1 input, $2 target, $3 outdir [, $4 input filter]
  local extra=()
  [ -n "${4:-}" ] && extra=(--infilter="$4")
  soffice -env:UserInstallation="$profile" --headless "${extra[@]}" --convert-to "$2" --outdir "$3" "$1" >/dev/null 2>&1 ||
    { echo "LibreOffice failed on $1" >&2; exit 1; }
}

for style in main alt; do
  suffix=""
  [ "$style" = alt ] && suffix="-alt"
  mkdir -p "fixtures/docx$suffix" "fixtures/pdf$suffix" "$work/$style"
  for sample in "${samples[@]}"; do
    base=$(basename "$sample" .txt)
    node scripts/sample-to-html.mjs "$sample" --style "$style" >"$work/$style/$base.html"
    convert "$work/$style/$base.html" "docx:MS Word 2007 XML" "$work/$style" "HTML (StarWriter)"
    convert "$work/$style/$base.docx" pdf "$work/$style"
    cp "$work/$style/$base.docx" "fixtures/docx$suffix/$base.docx"
    cp "$work/$style/$base.pdf" "fixtures/pdf$suffix/$base.pdf"
    echo "fixtures/{docx,pdf}$suffix/$base: $(pdfinfo "$work/$style/$base.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}') pages" >&2
  done
done
