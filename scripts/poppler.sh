#!/usr/bin/env bash
# Debian's poppler-utils for the tests that read generated and signed PDFs: pdftotext (the
# Lithuanian text of a learning contract survives extraction), pdfinfo (page count) and pdfsig
# (PAdES signatures verify; it needs NSS's certutil from libnss3-tools for its certificate
# database). Installs what is missing; prints pdftotext's path.
source "$(dirname "$0")/lib.sh"
if ! command -v pdftotext >/dev/null || ! command -v pdfsig >/dev/null; then
  apt_install poppler-utils
fi
if ! command -v certutil >/dev/null; then
  apt_install libnss3-tools
fi
command -v pdftotext
