#!/usr/bin/env bash
# Load on the dev server: `folio serve` on a generated site on loopback, driven
# by wrk (Debian's package) from a second process while an article is
# rewritten over and over (truncate + write, like an editor without atomic
# saves). Reports requests/s, latency percentiles, socket errors, non-200
# answers, and checks that every 200 HTML body is a complete page of either
# build: it ends with </html> and carries the injected live-reload script.
# It also reads which edit each answer for the edited article shows, and
# fails unless later builds were served during the run (the server did not
# keep serving one old build).
#
# Not part of CI. Usage: scripts/bench-serve-load.sh [SECONDS] [CONNECTIONS] [ARTICLES]
# Needs: cargo, wrk (apt-get install wrk).
set -euo pipefail

duration=${1:-20}
connections=${2:-16}
articles=${3:-200}
repo=$(cd "$(dirname "$0")/.." && pwd)
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 2; }

cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
folio="${CARGO_TARGET_DIR:-$repo/target}/release/folio"

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

site="$work/site"
mkdir -p "$site/content/articles"
cat >"$site/site.toml" <<TOML
title = "Load"
base_url = "https://load.example.org/"
author = "Ada"
language = "en"
TOML
printf 'Welcome.\n' >"$site/content/_index.md"
for i in $(seq 1 "$articles"); do
  printf -- '---\ntitle: "Article %d"\ndate: 2025-01-%02d\ntags: [t%d]\n---\nBody of article %d, with [a link](a1.md).\n\n%s\n' \
    "$i" $(( (i % 28) + 1 )) $(( i % 10 )) "$i" "$(printf 'Some prose. %.0s' {1..40})" \
    >"$site/content/articles/a$i.md"
done

port=$(( 20000 + RANDOM % 20000 ))
"$folio" serve --root "$site" --port "$port" --quiet >"$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/" >/dev/null 2>&1 && break
  sleep 0.1
done

# The editor: rewrite one article every 100 ms for the whole run.
(
  n=0
  end=$(( $(date +%s) + duration + 1 ))
  while (( $(date +%s) < end )); do
    n=$((n + 1))
    printf -- '---\ntitle: "Article 1 (edit %d)"\ndate: 2025-01-02\n---\nEdited %d times.\n' "$n" "$n" \
      >"$site/content/articles/a1.md"
    sleep 0.1
  done
  echo "$n" >"$work/edits"
) &
editor=$!
pids+=($editor)

cat >"$work/check.lua" <<'LUA'
local threads = {}
local paths = { "/", "/articles/", "/articles/a1/", "/articles/a2/", "/tags/t1/",
                "/_private/", "/_private/articles/a1/", "/sitemap.xml", "/atom.xml" }
function setup(thread) table.insert(threads, thread) end
function init(args)
  i = 0; ok = 0; non200 = 0; s5xx = 0; incomplete = 0; html = 0
  first_edit = -1; last_edit = -1; seen = {}; versions = 0
end
function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
    if status >= 500 then s5xx = s5xx + 1 end
    return
  end
  local ct = headers["Content-Type"] or headers["content-type"] or ""
  if ct:find("text/html", 1, true) then
    html = html + 1
    if not (body:find("</html>%s*$") and body:find("/_folio/live.js", 1, true)) then
      incomplete = incomplete + 1
    end
    -- Which build of the edited article this is.
    local edit = body:match("Edited (%d+) times")
    if edit then
      edit = tonumber(edit)
      if first_edit < 0 or edit < first_edit then first_edit = edit end
      if edit > last_edit then last_edit = edit end
      if not seen[edit] then seen[edit] = true; versions = versions + 1 end
    end
  end
  ok = ok + 1
end
function done(summary, latency, requests)
  local t = { ok = 0, non200 = 0, s5xx = 0, incomplete = 0, html = 0, versions = 0 }
  local first, last = -1, -1
  for _, th in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + th:get(k) end
    local f, l = th:get("first_edit"), th:get("last_edit")
    if f >= 0 and (first < 0 or f < first) then first = f end
    if l > last then last = l end
  end
  local e = summary.errors
  io.write(string.format("requests %d in %.1f s: %.0f req/s\n", summary.requests,
    summary.duration / 1e6, summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f\n",
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(99) / 1e3,
    latency:percentile(99.9) / 1e3, latency.max / 1e3))
  io.write(string.format("socket errors: connect %d read %d write %d timeout %d\n",
    e.connect, e.read, e.write, e.timeout))
  io.write(string.format("non-200: %d (5xx: %d); HTML pages checked: %d, incomplete: %d\n",
    t.non200, t.s5xx, t.html, t.incomplete))
  io.write(string.format("edited article: served edits %d to %d (%d versions seen across threads)\n",
    first, last, t.versions))
  local bad = e.connect + e.read + e.write + e.timeout + t.non200 + t.incomplete
  if last <= first then bad = bad + 1 end
  io.write(bad == 0 and "RESULT: ok\n" or "RESULT: FAILED\n")
end
LUA

wrk -t2 -c"$connections" -d"${duration}s" --timeout 5s -s "$work/check.lua" \
  "http://127.0.0.1:$port" | tee "$work/wrk.out"
wait "$editor" || true
echo "edits during the run: $(cat "$work/edits" 2>/dev/null || echo "?")"
grep -q "RESULT: ok" "$work/wrk.out"
