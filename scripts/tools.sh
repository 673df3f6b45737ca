#!/usr/bin/env bash
# Document tools of the e-Akte, from Debian packages: pdftotext/pdftoppm (poppler-utils), tesseract with the
# German model for scans, zbarimg for the QR codes on cover sheets, tiff2pdf (libtiff-tools) to show TIFF scans in
# the viewer; xmllint (libxml2-utils), with which the tests check the hand-over's xdomea messages independently of
# .NET; WeasyPrint 57 (weasyprint, with Python 3 and the DejaVu fonts), which renders letters to PDF/A-2b
# (docs/adr/0023); python3-icalendar, an independent reader of the booking .ics files. Used by run.sh and test.sh.
set -euo pipefail
missing=()
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v tesseract >/dev/null || missing+=(tesseract-ocr)
[ -n "$(ls /usr/share/tesseract-ocr/*/tessdata/deu.traineddata 2>/dev/null)" ] || missing+=(tesseract-ocr-deu)
command -v zbarimg >/dev/null || missing+=(zbar-tools)
command -v tiff2pdf >/dev/null || missing+=(libtiff-tools)
command -v xmllint >/dev/null || missing+=(libxml2-utils)
/usr/bin/python3 -c 'import weasyprint' 2>/dev/null || missing+=(weasyprint)
# python3-icalendar: the appointments tests parse the booking's .ics with it, independently of Ical.Net (docs/adr/0031).
/usr/bin/python3 -c 'import icalendar' 2>/dev/null || missing+=(python3-icalendar)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "tools.sh: installing ${missing[*]} from Debian packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null; }
fi
