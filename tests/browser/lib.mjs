// Shared helpers for the browser tests: launch Debian's Chromium headless with
// playwright-core, serve a folder over HTTP on loopback, and run folio.
//
// Environment (set by scripts/test.sh): FOLIO_BIN (the release binary),
// CHROMIUM (the browser), FOLIO_REPO (the repository root).

import { chromium } from "playwright-core";
import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, statSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, extname, resolve, sep } from "node:path";

export const REPO = process.env.FOLIO_REPO ?? resolve(import.meta.dirname, "../..");
export const FOLIO = process.env.FOLIO_BIN ?? join(REPO, "target/release/folio");

/** Launches headless Chromium with the flags this closed network needs. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Runs folio with `args`; throws with its output when it fails. */
export function folio(args, options = {}) {
  const r = spawnSync(FOLIO, args, { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, ...options });
  if (r.status !== 0 && !options.allowFailure) {
    throw new Error(`folio ${args.join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return r;
}

/** A fresh temporary folder. */
export function tempDir(prefix = "folio-browser-") {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Copies a fixture site (tests/fixtures/sites/NAME) into a temp folder. */
export function copyFixture(name) {
  const dir = join(tempDir(), "site");
  cpSync(join(REPO, "tests/fixtures/sites", name), dir, { recursive: true });
  return dir;
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves `dir` read-only on 127.0.0.1 (a free port) like a static host:
 * `/x/` → `x/index.html`, unknown paths → 404. Returns { url, close }.
 */
export async function serveDir(dir) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path.endsWith("/")) path += "index.html";
    const file = resolve(join(root, path));
    if (!file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (!statSync(file).isFile()) throw new Error("not a file");
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}
