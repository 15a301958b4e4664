// Accessibility: axe-core in headless Chromium over every page kind of the
// owner's site (the repository root), public and private, in the light and
// dark colour schemes. Any violation of impact "serious" or "critical" fails.

import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { launch, folio, serveDir, tempDir, REPO } from "./lib.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

let browser;
const sites = {};

/** Every HTML page of a built folder, as URL paths; one page per tag listing. */
function pages(dir) {
  const out = [];
  const seen = new Set();
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".html")) {
        const rel = relative(dir, p).split(sep).join("/");
        // tags/x/ and achievements/tags/x/ are one kind each: check the first.
        const kind = rel.replace(/tags\/[^/]+\//, "tags/*/").replace(/page\/\d+\//, "page/*/");
        if (kind !== rel && seen.has(kind)) continue;
        seen.add(kind);
        out.push(rel.replace(/index\.html$/, ""));
      }
    }
  };
  walk(dir);
  return out.sort();
}

before(async () => {
  const out = tempDir();
  folio([
    "build", "--no-cache", "--root", REPO, "--today", "2026-06-01",
    "--out", join(out, "public"), "--private-out", join(out, "private"),
  ]);
  for (const audience of ["public", "private"]) {
    const dir = join(out, audience);
    sites[audience] = { server: await serveDir(dir), pages: pages(dir) };
  }
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const s of Object.values(sites)) await s.server.close();
});

for (const audience of ["public", "private"]) {
  for (const colorScheme of ["light", "dark"]) {
    test(`axe: no serious or critical violation, ${audience} site, ${colorScheme}`, async () => {
      const { server, pages: paths } = sites[audience];
      assert.ok(paths.length >= 5, `only ${paths.length} pages found`);
      const problems = [];
      const context = await browser.newContext({ colorScheme });
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
          if (v.impact === "serious" || v.impact === "critical") {
            problems.push(`${path || "/"} [${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes.join("\n    ")}`);
          }
        }
        await page.close();
      }
      await context.close();
      assert.equal(problems.length, 0, `axe found:\n${problems.join("\n")}`);
    });
  }
}
