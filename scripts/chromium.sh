#!/usr/bin/env bash
# Debian's Chromium for the end-to-end tests (playwright-core drives it; nothing is downloaded by
# the test tool itself). Prints its path.
source "$(dirname "$0")/lib.sh"
if ! command -v chromium >/dev/null; then
  apt_install chromium
fi
command -v chromium
