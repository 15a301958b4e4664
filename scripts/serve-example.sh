#!/usr/bin/env bash
# Build the example site (this repository's own content/ and site.toml) into
# public/ and private/, then preview it with live reload.
#
#   bash scripts/serve-example.sh [extra `folio serve` arguments, e.g. --port 0 --open]
#
# The preview is at http://127.0.0.1:1111/ (private site under /_private/);
# edit anything in content/ and the open page reloads. Ctrl-C stops it.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

# Optimised, without the release profile's whole-program LTO (Cargo.toml):
# the preview does not need the last few percent, and this compiles minutes
# sooner on a fresh machine.
cargo build --release --config profile.release.lto=false --config profile.release.codegen-units=16
./target/release/folio build --root "$repo"
echo "built the example site into $repo/public/ (deployable) and $repo/private/ (owner only)" >&2
exec ./target/release/folio serve --root "$repo" "$@"
