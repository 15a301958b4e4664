#!/usr/bin/env bash
# Makes sure Debian's Hugo is installed (for `cargo bench --bench peers`,
# which builds the same generated site with folio and with Hugo). Prints
# Hugo's path. Installs with apt-get when missing and allowed (root, or
# passwordless sudo); otherwise fails with the command to run.
set -euo pipefail

find_hugo() {
  for h in "${HUGO:-}" /usr/bin/hugo "$(command -v hugo 2>/dev/null || true)"; do
    if [[ -n "$h" && -x "$h" ]]; then
      printf '%s\n' "$h"
      return 0
    fi
  done
  return 1
}

if find_hugo; then
  exit 0
fi

install=(apt-get install -y --no-install-recommends hugo)
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "error: hugo is not installed; run: sudo ${install[*]}" >&2
  exit 1
fi
echo "==> installing hugo with apt-get" >&2
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" "${install[@]}" >&2
find_hugo || { echo "error: hugo still not found after installing" >&2; exit 1; }
