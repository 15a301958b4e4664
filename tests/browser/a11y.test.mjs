// Accessibility: axe-core in headless Chromium over every page kind of the
// owner's site (the repository root) and of the `showcase` and `identity`
// fixtures (photo, projects, code in several languages), public and private,
// in the light and dark colour schemes. Any violation, of any impact
// (minor and moderate included), fails.

import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import { launch, folio, serveDir, tempDir, copyFixture, pageKinds, REPO } from "./lib.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

let browser;
const sites = [];

before(async () => {
  for (const [name, root] of [["example site", REPO], ["showcase", copyFixture("showcase")], ["identity", copyFixture("identity")]]) {
    const out = tempDir();
    folio([
      "build", "--no-cache", "--root", root, "--today", "2026-06-01",
      "--out", join(out, "public"), "--private-out", join(out, "private"),
    ]);
    for (const audience of ["public", "private"]) {
      const dir = join(out, audience);
      sites.push({ name, audience, server: await serveDir(dir), pages: pageKinds(dir) });
    }
  }
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const s of sites) await s.server.close();
});

for (const audience of ["public", "private"]) {
  for (const colorScheme of ["light", "dark"]) {
    test(`axe: no violation of any impact, ${audience} sites, ${colorScheme}`, async () => {
      const problems = [];
      const context = await browser.newContext({ colorScheme });
      for (const { name, server, pages: paths } of sites.filter((s) => s.audience === audience)) {
        assert.ok(paths.length >= 5, `only ${paths.length} pages found in ${name}`);
        for (const path of paths) {
          const page = await context.newPage();
          const resp = await page.goto(server.url + path);
          assert.ok(resp, `no response for ${path}`);
          await page.addScriptTag({ path: AXE });
          const violations = await page.evaluate(async () => {
            const r = await globalThis.axe.run(document, { resultTypes: ["violations"] });
            return r.violations.map((v) => ({
              id: v.id,
              impact: v.impact,
              help: v.help,
              nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary}`),
            }));
          });
          for (const v of violations) {
            problems.push(`${name} /${path} [${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes.join("\n    ")}`);
          }
          await page.close();
        }
      }
      await context.close();
      assert.equal(problems.length, 0, `axe found:\n${problems.join("\n")}`);
    });
  }
}
