// Writes the screenshots in docs/screenshots/: the home page, the CV, an
// article with code (the `identity` fixture: photo, projects, code in several
// languages) and the private dashboard (the example site, this repository's
// root, which has roadmaps), each at 1280 and 390 px wide, in the light and
// dark schemes. These are the sites and pages the browser tests check.
// Run by scripts/screenshots.sh (which builds folio and finds Chromium).
//
// Environment: FOLIO_BIN (the binary), CHROMIUM (the browser).

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launch, folio, serveDir, tempDir, copyFixture, REPO } from "../tests/browser/lib.mjs";

const OUT = join(REPO, "docs/screenshots");
/** Pages taller than this are cut here, so the files stay small. */
const MAX_HEIGHT = 2400;

function build(root, today) {
  const out = tempDir("folio-shots-");
  folio(["build", "--no-cache", "--root", root, "--today", today,
    "--out", join(out, "public"), "--private-out", join(out, "private")]);
  return out;
}

const identity = build(copyFixture("identity"), "2026-06-01");
const example = build(REPO, "2026-11-30");
const servers = {
  identity: await serveDir(join(identity, "public")),
  example: await serveDir(join(example, "private")),
};
const SHOTS = [
  ["home", servers.identity, ""],
  ["cv", servers.identity, "cv/"],
  ["article-code", servers.identity, "articles/code-tour/"],
  ["dashboard", servers.example, "dashboard/"],
];

mkdirSync(OUT, { recursive: true });
const browser = await launch();
try {
  for (const [name, server, path] of SHOTS) {
    for (const width of [1280, 390]) {
      for (const colorScheme of ["light", "dark"]) {
        const height = width === 390 ? 844 : 800;
        const context = await browser.newContext({ viewport: { width, height }, colorScheme });
        const page = await context.newPage();
        await page.goto(server.url + path, { waitUntil: "load" });
        const full = await page.evaluate(() => document.documentElement.scrollHeight);
        const file = join(OUT, `${name}-${width}-${colorScheme}.png`);
        await page.screenshot({
          path: file,
          fullPage: true,
          clip: { x: 0, y: 0, width, height: Math.min(full, MAX_HEIGHT) },
        });
        console.log(file.slice(REPO.length + 1));
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  for (const s of Object.values(servers)) await s.close();
}
