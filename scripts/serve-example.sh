#!/usr/bin/env bash
# Build the example site (this repository's own content/ and site.toml).
#
#   bash scripts/serve-example.sh [extra `folio build` arguments]
#
# For now this only builds; `folio serve` (rebuild on edit, live reload) will
# replace it. Links in the output are relative, so the public site can be
# opened straight from disk.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

cargo run --release -- build --root "$repo" "$@"

cat >&2 <<MSG

Built the example site (unless --out / --private-out said otherwise):
  public site:  $repo/public/    open $repo/public/index.html
  private site: $repo/private/   (for the owner only; never deploy it)
MSG
