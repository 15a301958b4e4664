#!/usr/bin/env bash
# Fuzzes folio's parsers of user input with cargo-fuzz (libFuzzer).
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Runs each target of fuzz/ (front_matter, markdown, roadmap,
# achievement_log, mojibake, html_links; or only those named) for SECONDS
# (default 60), one after the other. Each target keeps its corpus in fuzz/corpus/<target>/
# (git-ignored), seeded from every text file under tests/fixtures/; a crash
# stops the script and leaves its input in fuzz/artifacts/<target>/ — fix
# it, and add that input as a regression test (tests/hostile.rs).
#
# Installs cargo-fuzz if missing. cargo-fuzz needs nightly compiler flags;
# on a stable toolchain RUSTC_BOOTSTRAP=1 makes rustc accept them.
# Not part of scripts/test.sh (CI): run it by hand.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo/fuzz"

seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(front_matter markdown roadmap achievement_log mojibake html_links)
fi

say() { printf '==> %s\n' "$*" >&2; }

if ! cargo fuzz --version >/dev/null 2>&1; then
  say "installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1

say "building the fuzz targets (release, with debug assertions)"
cargo fuzz build -O

summary=()
for t in "${targets[@]}"; do
  corpus="corpus/$t"
  mkdir -p "$corpus"
  # Seed: every markdown/text/YAML/HTML file of the fixtures, named by content.
  while IFS= read -r -d '' f; do
    cp "$f" "$corpus/seed-$(sha1sum <"$f" | cut -c1-16)"
  done < <(find "$repo/tests/fixtures" -type f \
    \( -name '*.md' -o -name '*.txt' -o -name '*.yaml' -o -name '*.yml' -o -name '*.html' \) -print0)
  say "fuzzing $t for ${seconds}s"
  log="$(mktemp)"
  if ! cargo fuzz run -O "$t" "$corpus" -- \
      -max_total_time="$seconds" -timeout=10 -print_final_stats=1 2>&1 | tee "$log" >&2; then
    say "$t: crash found; input in fuzz/artifacts/$t/"
    exit 1
  fi
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  secs="$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  summary+=("$t: ${runs:-?} runs in ${secs:-?} s (${rate:-?} execs/s), no crash")
  rm -f "$log"
done

say "summary"
printf '%s\n' "${summary[@]}"
