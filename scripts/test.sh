#!/usr/bin/env bash
# The project's test command.
#
#   bash scripts/test.sh
#
# 1. installs the Nu Html Checker (vnu-jar, from npm) into .tools/ if needed;
# 2. runs `cargo test --all-targets`;
# 3. builds the binary (debug, as `cargo test` left it), builds the example site (the repo root) and
#    every fixture site under tests/fixtures/sites/*/ (those with a site.toml
#    and without a `.expect-fail` file) and a fresh `folio init` site into
#    temporary folders, runs `folio check` on the example site, and validates
#    all the HTML (and CSS) they produce with vnu. Any error fails the script;
# 4. runs tests/browser/*.test.mjs in headless Chromium (playwright-core),
#    including the JSON Resume schema validation of resume.json (ajv), axe
#    and Lighthouse audits (see README, "Measured like the best sites").
#
# Needs: Rust (cargo), Node/npm, Java (17+). Runs from any working directory.
set -euo pipefail

VNU_VERSION="26.9.27"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# --- prerequisites ----------------------------------------------------------

command -v cargo >/dev/null 2>&1 ||
  die "cargo not found: install Rust (https://rustup.rs) and retry"
command -v java >/dev/null 2>&1 ||
  die "java not found: the HTML checker (vnu.jar) needs a Java runtime (on Debian: apt-get install default-jre-headless)"
command -v npm >/dev/null 2>&1 ||
  die "npm not found: it is needed once, to install the HTML checker (vnu-jar) into .tools/"
java -version >/dev/null 2>&1 ||
  die "java is on PATH but does not run (try: java -version)"

# --- 1. the Nu Html Checker --------------------------------------------------

tools="$repo/.tools"
vnu_pkg="$tools/node_modules/vnu-jar"

installed_version() {
  [[ -f "$vnu_pkg/package.json" ]] || return 0
  node -p "require(process.argv[1]).version" "$vnu_pkg/package.json" 2>/dev/null || true
}

if [[ "$(installed_version)" != "$VNU_VERSION" ]]; then
  say "installing vnu-jar@$VNU_VERSION into .tools/"
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error \
    "vnu-jar@$VNU_VERSION" >&2 ||
    die "npm install vnu-jar@$VNU_VERSION failed (is the npm registry reachable?)"
fi

find_vnu_jar() {
  local jar="$vnu_pkg/build/dist/vnu.jar"
  if [[ -f "$jar" ]]; then
    printf '%s\n' "$jar"
    return
  fi
  # The package's main module exports the jar's absolute path.
  jar="$(cd "$tools" && node -p "String(require('vnu-jar'))" 2>/dev/null || true)"
  if [[ -n "$jar" && -f "$jar" ]]; then
    printf '%s\n' "$jar"
    return
  fi
  jar="$(find "$vnu_pkg" -name vnu.jar -type f 2>/dev/null | head -n 1 || true)"
  [[ -n "$jar" ]] || die "vnu.jar not found under $vnu_pkg; delete .tools/ and retry"
  printf '%s\n' "$jar"
}
vnu_jar="$(find_vnu_jar)"
java -jar "$vnu_jar" --version >/dev/null 2>&1 ||
  die "$vnu_jar does not run with $(command -v java); delete .tools/ and retry"

# --- 2. cargo tests ---------------------------------------------------------

say "cargo test --all-targets"
# The cv.pdf tests read the PDF with poppler-utils (pdftotext, pdfinfo).
bash "$repo/scripts/ensure-poppler.sh"
cargo test --all-targets

# --- 3. build the sites and validate their HTML -----------------------------

# The debug binary `cargo test` just built: an optimised build of the
# Typst stack would add a quarter of an hour to every run for sites that
# build in seconds either way.
say "cargo build (the binary the tests below drive)"
cargo build

target_dir="$(cargo metadata --format-version 1 --no-deps |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
folio="$target_dir/debug/folio"
[[ -x "$folio" ]] || die "folio binary not found at $folio"

work="$(mktemp -d "${TMPDIR:-/tmp}/folio-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT

sites=("$repo")
shopt -s nullglob
for dir in "$repo"/tests/fixtures/sites/*/; do
  dir="${dir%/}"
  [[ -f "$dir/site.toml" && ! -e "$dir/.expect-fail" ]] && sites+=("$dir")
done
shopt -u nullglob

# A fresh `folio init` site must build and validate too.
say "folio init (a fresh site)"
"$folio" init "$work/init-site" -q || die "folio init failed"
sites+=("$work/init-site")
# The passphrase of the `encrypted` fixture (its site.toml names this variable).
export FOLIO_TEST_PASSPHRASE="correct horse battery staple"

outputs=()
for site in "${sites[@]}"; do
  if [[ "$site" == "$repo" ]]; then
    name="example" label="."
  else
    name="sites/$(basename "$site")" label="${site#"$repo"/}"
  fi
  out="$work/$name"
  say "folio build --root $label"
  "$folio" build --no-cache --root "$site" --out "$out/public" --private-out "$out/private" ||
    die "folio build failed for site $site"
  for d in "$out/public" "$out/private"; do
    [[ -d "$d" ]] && outputs+=("$d")
  done
done

say "folio check --root ."
"$folio" check --root "$repo" -q || die "folio check found errors in the example site"

html_count=0
css_count=0
if ((${#outputs[@]} > 0)); then
  html_count="$(find "${outputs[@]}" -type f \( -name '*.html' -o -name '*.htm' -o -name '*.xhtml' \) | wc -l)"
  css_count="$(find "${outputs[@]}" -type f -name '*.css' | wc -l)"
fi
html_count="${html_count//[[:space:]]/}"
css_count="${css_count//[[:space:]]/}"
((html_count > 0)) || die "the builds produced no HTML files to check"

say "vnu: checking $html_count HTML and $css_count CSS files from ${#sites[@]} site(s)"
report="$work/vnu.txt"
status=0
java -jar "$vnu_jar" --errors-only --skip-non-html --also-check-css \
  --format gnu "${outputs[@]}" 2>"$report" || status=$?

# Show paths relative to the temp folder, which is deleted on exit.
sed -e "s|file:$work/||g" -e "s|$work/||g" "$report" >&2
errors="$(grep -c ': error' "$report" || true)"
errors="${errors//[[:space:]]/}"
if ((status != 0 && errors == 0)); then
  errors=1 # vnu failed without a message we recognise; still a failure
fi

echo "html-validation: $html_count files checked (+ $css_count CSS), $errors errors"
((status == 0 && errors == 0)) || exit 1

# --- 4. browser tests: a real headless Chromium ------------------------------

shopt -s nullglob
browser_tests=("$repo"/tests/browser/*.test.mjs)
shopt -u nullglob
if ((${#browser_tests[@]} > 0)); then
  chromium="$(bash "$repo/scripts/ensure-chromium.sh")"
  # Install when any dependency of tests/browser/package.json is missing
  # (playwright-core, and @jsonresume/schema + ajv for the CV tests).
  browser_deps="$(node -p 'Object.keys(require(process.argv[1]).dependencies).join(" ")' \
    "$repo/tests/browser/package.json")"
  missing_deps=""
  for dep in $browser_deps; do
    [[ -f "$repo/tests/browser/node_modules/$dep/package.json" ]] || missing_deps+=" $dep"
  done
  if [[ -n "$missing_deps" ]]; then
    say "installing the browser-test tools (missing:$missing_deps) into tests/browser/"
    (cd "$repo/tests/browser" && npm ci --no-audit --no-fund --loglevel=error >&2) ||
      die "npm ci in tests/browser failed (is the npm registry reachable?)"
  fi
  say "browser tests (${#browser_tests[@]} files) with $chromium"
  FOLIO_BIN="$folio" CHROMIUM="$chromium" FOLIO_REPO="$repo" \
    node --test --test-concurrency=1 "${browser_tests[@]}"
fi
