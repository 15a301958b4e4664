#!/usr/bin/env bash
# Byte comparison of two folio binaries: builds the example site (the repo
# root) and every fixture site (tests/fixtures/sites/*/ with a site.toml)
# with each binary, and diffs the outputs, the exit codes and the messages.
#
#   scripts/same-output.sh BASE_BIN NEW_BIN [EXTRA_BUILD_ARGS…]
#
# (e.g. `--drafts` as an extra argument compares the builds with drafts.)
# Each site is copied to a temporary folder first, so neither build touches
# the repo. The `encrypted` fixture's output is random per build: only its
# file list is compared. Exits 1 on any difference, listing each.
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: $0 BASE_BIN NEW_BIN [EXTRA_BUILD_ARGS…]" >&2; exit 2; }
base="$(realpath "$1")"
new="$(realpath "$2")"
shift 2
extra=("$@")
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export FOLIO_TEST_PASSPHRASE="correct horse battery staple"

sites=("$repo")
for s in "$repo"/tests/fixtures/sites/*/; do
  [ -f "$s/site.toml" ] && sites+=("${s%/}")
done

build() { # BIN SITE_COPY OUT
  local rc=0
  (cd "$2" && "$1" build --no-cache --today 2026-11-30 --root "$2" \
    --out "$3/public" --private-out "$3/private" "${extra[@]}") \
    >"$3.stdout" 2>"$3.stderr" || rc=$?
  echo "$rc" >"$3.rc"
  # Timings and the like are not output; the messages are.
  sed -i -E 's/[0-9]+(\.[0-9]+)? ?(ms|s)\b/T/g' "$3.stdout" "$3.stderr"
}

differ=0
for site in "${sites[@]}"; do
  name="$(basename "$site")"
  [ "$site" = "$repo" ] && name="example"
  for side in base new; do
    # Same paths for both binaries, so messages naming them compare equal.
    copy="$work/src"
    rm -rf "$copy" "$work/out"*
    mkdir -p "$copy"
    if [ "$site" = "$repo" ]; then
      # The example site: its sources only, not the repo around them.
      for part in site.toml content static themes templates; do
        [ -e "$site/$part" ] && cp -a "$site/$part" "$copy/"
      done
    else
      cp -a "$site/." "$copy/"
      rm -rf "$copy/.folio-cache"
    fi
    bin="$base"; [ "$side" = new ] && bin="$new"
    build "$bin" "$copy" "$work/out"
    for f in "$work/out"*; do mv "$f" "$work/$name-$side${f#"$work/out"}"; done
  done
  a="$work/$name-base"; b="$work/$name-new"
  if [ "$name" = "encrypted" ]; then
    for d in "$a" "$b"; do
      (cd "$d" 2>/dev/null && find . -type f | sort) >"$d.files" || true
    done
    cmp -s "$a.files" "$b.files" || { echo "DIFF $name: file lists"; diff "$a.files" "$b.files" | head -20; differ=1; }
  elif [ -d "$a" ] || [ -d "$b" ]; then
    diff -r "$a" "$b" >/dev/null 2>&1 || { echo "DIFF $name: outputs"; diff -r "$a" "$b" | head -20; differ=1; }
  fi
  for f in rc stdout stderr; do
    cmp -s "$a.$f" "$b.$f" || { echo "DIFF $name: $f"; diff "$a.$f" "$b.$f" | head -20; differ=1; }
  done
  echo "checked $name (exit $(cat "$a.rc"))"
done
[ "$differ" -eq 0 ] && echo "same output on ${#sites[@]} sites"
exit "$differ"
