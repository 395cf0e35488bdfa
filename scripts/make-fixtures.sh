#!/usr/bin/env bash
# Regenerates the DOCX and PDF fixtures from the text samples with LibreOffice headless
# (Debian: libreoffice-writer-nogui), so tests need no LibreOffice: HTML → DOCX → PDF.
#   fixtures/docx, fixtures/pdf          Liberation Serif 13 pt on A4, as a commune office types it
#   fixtures/docx-alt, fixtures/pdf-alt  DejaVu Sans on B5 with large headings that wrap, Word
#                                        bullets, running page numbers: the harder set
#   fixtures/doc, fixtures/odt, fixtures/rtf  the fixtures/docx files saved by LibreOffice as Word
#                                        97-2003, OpenDocument and RTF, as communes still send them
#   fixtures/xlsx, fixtures/zip          an indicator appendix and a .zip of reports
#                                        (scripts/make-format-fixtures.mjs, no LibreOffice needed)
# Usage: bash scripts/make-fixtures.sh [SAMPLE.txt ...]
#        bash scripts/make-fixtures.sh --formats   only the .doc/.odt/.rtf/.xlsx/.zip fixtures
set -euo pipefail
cd "$(dirname "$0")/.."

only_formats=""
if [ "${1:-}" = "--formats" ]; then
  only_formats=1
  shift
fi

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

if [ -z "$only_formats" ]; then
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

# Word features the samples lack: auto-numbering (numbering.xml: roman, decimal, lettered levels,
# bullets) and merged table cells
mkdir -p fixtures/docx-alt fixtures/pdf-alt fixtures/pdf-broken
cat >"$work/word-features.html" <<'HTML'
<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>word features</title></head><body>
<ol type="I"><li><p>CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO</p></li><li><p>KẾT QUẢ TRIỂN KHAI</p>
<ol><li><p>Công tác tuyên truyền</p></li><li><p>Kết quả thực hiện chỉ tiêu</p>
<ol type="a"><li><p>Tỷ lệ người dân có kỹ năng số đạt 85%.</p></li><li><p>Số tổ công nghệ số cộng đồng: 13 tổ.</p></li></ol>
</li></ol></li></ol>
<ul><li><p>Như trên;</p></li><li><p>Lưu: VT.</p></li></ul>
<table border="1" cellspacing="0" cellpadding="4" width="100%">
<tr><td><p>TT</p></td><td><p>Chỉ số</p></td><td><p>Kết quả</p></td></tr>
<tr><td colspan="3"><p>1. Chỉ số về công tác lãnh đạo</p></td></tr>
<tr><td rowspan="2"><p>1.1</p></td><td><p>Ban hành kế hoạch</p></td><td><p>Có</p></td></tr>
<tr><td><p>Kiểm tra, giám sát</p></td><td><p>Có</p></td></tr>
</table>
</body></html>
HTML
convert "$work/word-features.html" "docx:MS Word 2007 XML" "$work" "HTML (StarWriter)"
convert "$work/word-features.docx" pdf "$work"
cp "$work/word-features.docx" fixtures/docx-alt/word-features.docx
cp "$work/word-features.pdf" fixtures/pdf-alt/word-features.pdf

# a password-protected PDF (Debian's qpdf) for the reader's error path
if command -v qpdf >/dev/null; then
  qpdf --encrypt secret secret 256 -- fixtures/pdf/000_71c6cec35a92dd84.pdf fixtures/pdf-broken/encrypted.pdf
else
  echo "qpdf not found: fixtures/pdf-broken/encrypted.pdf kept as it was" >&2
fi
fi # only_formats

# Legacy and open formats: LibreOffice saves each main-style DOCX as .doc, .odt and .rtf
mkdir -p fixtures/doc fixtures/odt fixtures/rtf "$work/legacy"
for sample in "${samples[@]}"; do
  base=$(basename "$sample" .txt)
  for target in doc odt rtf; do
    convert "fixtures/docx/$base.docx" "$target" "$work/legacy"
    cp "$work/legacy/$base.$target" "fixtures/$target/$base.$target"
  done
  echo "fixtures/{doc,odt,rtf}/$base" >&2
done
# An old .doc typed in the TCVN3 font .VnTime: the font's bytes stored as Windows-1252 letters
mkdir -p fixtures/doc-legacy
base=000_71c6cec35a92dd84
node scripts/sample-to-html.mjs "fixtures/samples/$base.txt" --style main |
  node --input-type=module -e '
    import { readFileSync, writeFileSync } from "node:fs";
    import { encodeTcvn3 } from "./dist/src/ingest/legacy-encodings.js";
    const html = readFileSync(0, "utf8")
      .replace(/<meta charset="utf-8">/i, "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">")
      .replace(/<body([^>]*)>/i, "<body$1 style=\"font-family: .VnTime\">");
    writeFileSync(process.argv[1], encodeTcvn3(html));' "$work/legacy/$base-tcvn3.html"
convert "$work/legacy/$base-tcvn3.html" "doc:MS Word 97" "$work/legacy" "HTML (StarWriter)"
cp "$work/legacy/$base-tcvn3.doc" "fixtures/doc-legacy/$base-tcvn3.doc"
node scripts/make-format-fixtures.mjs
# the hand-written ODT of fixtures/writers saved by LibreOffice as Word 97-2003: a .doc with text
# boxes, a two-paragraph cell in a later row and an optional hyphen (\x1f)
convert fixtures/writers/writers.odt "doc:MS Word 97" "$work"
cp "$work/writers.doc" fixtures/writers/writers.doc
