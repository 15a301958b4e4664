// Every private page fits a phone: at 320 and 390 px no page of the private
// site scrolls sideways (the example site, this repository's root, and the
// roadmaps fixture), and the dashboard's burn-up chart text is at least
// 11 px tall on screen.

import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { launch, folio, copyFixture, serveDir, tempDir, REPO } from "./lib.mjs";

let browser;
const sites = [];

/** Every page of a built site, as paths relative to its root (`dashboard/`). */
function pages(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name === "index.html") {
      const rel = relative(dir, entry.parentPath ?? entry.path);
      found.push(rel ? rel.split("\\").join("/") + "/" : "");
    }
  }
  return found.sort();
}

async function buildPrivate(name, root, today) {
  const out = tempDir();
  folio(["build", "--no-cache", "--root", root, "--out", join(out, "public"), "--private-out", join(out, "private"), "--today", today]);
  const dir = join(out, "private");
  sites.push({ name, dir, server: await serveDir(dir), pages: pages(dir) });
}

before(async () => {
  await buildPrivate("example site", REPO, "2026-11-30");
  await buildPrivate("roadmaps fixture", copyFixture("roadmaps"), "2026-09-01");
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const s of sites) await s.server.close();
});

for (const width of [320, 390]) {
  test(`no private page scrolls sideways at ${width} px`, async () => {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    const wide = [];
    let checked = 0;
    for (const site of sites) {
      assert.ok(site.pages.includes("dashboard/"), `${site.name} has a dashboard`);
      for (const path of site.pages) {
        await page.goto(site.server.url + path);
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        checked += 1;
        if (scroll > width) wide.push(`${site.name} /${path}: ${scroll} px`);
      }
    }
    assert.ok(checked >= 10, `checked ${checked} pages`);
    assert.deepEqual(wide, [], `pages wider than ${width} px`);
    await page.close();
  });
}

test("burn-up chart text is at least 11 px at phone widths", async () => {
  const site = sites.find((s) => s.name === "roadmaps fixture");
  for (const width of [320, 390]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.goto(site.server.url + "dashboard/");
    const heights = await page.locator("svg.burnup text").evaluateAll((texts) =>
      texts.map((t) => {
        const svg = t.ownerSVGElement;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return parseFloat(getComputedStyle(t).fontSize) * scale;
      }),
    );
    assert.ok(heights.length >= 4, `${heights.length} labels`);
    const smallest = Math.min(...heights);
    assert.ok(smallest >= 11, `smallest chart text at ${width} px: ${smallest.toFixed(1)} px`);
    await page.close();
  }
});
