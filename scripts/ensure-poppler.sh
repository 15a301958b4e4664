#!/usr/bin/env bash
# Makes sure Debian's poppler-utils (pdftotext, pdfinfo, pdftoppm) is
# installed: the tests of cv.pdf read the typeset PDF with them. Installs
# with apt-get when missing and allowed (root, or passwordless sudo);
# otherwise fails with the command to run.
set -euo pipefail

if command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1; then
  exit 0
fi

install=(apt-get install -y --no-install-recommends poppler-utils)
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "error: pdftotext is not installed; run: sudo ${install[*]}" >&2
  exit 1
fi
echo "==> installing poppler-utils with apt-get" >&2
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" "${install[@]}" >&2
command -v pdftotext >/dev/null 2>&1 || { echo "error: pdftotext still not found after installing" >&2; exit 1; }
