#!/usr/bin/env bash
# Writes docs/screenshots/*.png: the home page, CV, an article with code and
# the private dashboard at 1280 and 390 px, light and dark, in headless
# Chromium (see scripts/screenshots.mjs for which sites and pages).
#
#   bash scripts/screenshots.sh            # builds the release binary first
#   FOLIO_BIN=target/debug/folio bash scripts/screenshots.sh
#
# Needs: Rust (cargo), Node/npm; Chromium is installed by
# scripts/ensure-chromium.sh when missing.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

if [[ -z "${FOLIO_BIN:-}" ]]; then
  cargo build --release >&2
  FOLIO_BIN="$(cargo metadata --format-version 1 --no-deps |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')/release/folio"
fi
[[ -x "$FOLIO_BIN" ]] || { echo "error: no folio binary at $FOLIO_BIN" >&2; exit 1; }

chromium="$(bash "$repo/scripts/ensure-chromium.sh")"
if [[ ! -f "$repo/tests/browser/node_modules/playwright-core/package.json" ]]; then
  (cd "$repo/tests/browser" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

FOLIO_BIN="$FOLIO_BIN" CHROMIUM="$chromium" FOLIO_REPO="$repo" \
  node "$repo/scripts/screenshots.mjs"
