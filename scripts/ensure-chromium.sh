#!/usr/bin/env bash
# Makes sure Debian's headless Chromium is installed (for the browser tests).
# Prints the browser's path. Installs with apt-get when missing and allowed
# (root, or passwordless sudo); otherwise fails with the command to run.
set -euo pipefail

find_browser() {
  for b in "${CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    if [[ -n "$b" && -x "$b" ]]; then
      printf '%s\n' "$b"
      return 0
    fi
  done
  return 1
}

if find_browser; then
  exit 0
fi

install=(apt-get install -y --no-install-recommends chromium fonts-dejavu-core)
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "error: chromium is not installed; run: sudo ${install[*]}" >&2
  exit 1
fi
echo "==> installing chromium with apt-get" >&2
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" "${install[@]}" >&2
find_browser || { echo "error: chromium still not found after installing" >&2; exit 1; }
