// Every page fits a phone: at 320 and 390 px no page of either site (public
// and private) scrolls sideways: the example site (this repository's root),
// the `showcase` and `identity` fixtures (photo, projects, code) and the
// roadmaps fixture. The main navigation's labels sit at even gaps at 390 px
// (a public menu of five on one row), and the dashboard's burn-up chart
// text is at least 11 px tall on screen.

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

async function build(name, root, today) {
  const out = tempDir();
  folio(["build", "--no-cache", "--root", root, "--out", join(out, "public"), "--private-out", join(out, "private"), "--today", today]);
  for (const audience of ["public", "private"]) {
    const dir = join(out, audience);
    sites.push({ name: `${name} (${audience})`, audience, dir, server: await serveDir(dir), pages: pages(dir) });
  }
}

before(async () => {
  await build("example site", REPO, "2026-11-30");
  await build("roadmaps fixture", copyFixture("roadmaps"), "2026-09-01");
  await build("showcase", copyFixture("showcase"), "2026-06-01");
  await build("identity", copyFixture("identity"), "2026-06-01");
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const s of sites) await s.server.close();
});

for (const width of [320, 390]) {
  test(`no page, public or private, scrolls sideways at ${width} px`, async () => {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    const wide = [];
    let checked = 0;
    for (const site of sites) {
      if (site.audience === "private") assert.ok(site.pages.includes("dashboard/"), `${site.name} has a dashboard`);
      for (const path of site.pages) {
        await page.goto(site.server.url + path);
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        checked += 1;
        if (scroll > width) wide.push(`${site.name} /${path}: ${scroll} px`);
      }
    }
    assert.ok(checked >= 60, `checked ${checked} pages`);
    assert.deepEqual(wide, [], `pages wider than ${width} px`);
    await page.close();
  });
}

test("burn-up chart text is at least 11 px at phone widths", async () => {
  const site = sites.find((s) => s.name === "roadmaps fixture (private)");
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

test("the main navigation's labels sit at even gaps on a phone (390 px), five of them on one row", async () => {
  // A label narrower than the 44 px touch target used to be centred in it,
  // so "CV" had twice the gap of its neighbours. Gaps are measured between
  // the labels' text, on each row of the wrapped navigation. The public
  // menus (up to five labels: Home, Articles, Tags, CV, Achievements) used
  // to leave "Achievements" alone on a second row.
  const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
  let rows = 0;
  const rowsOf = {};
  for (const name of ["example site (public)", "example site (private)", "identity (public)", "identity (private)"]) {
    const site = sites.find((s) => s.name === name);
    await page.goto(site.server.url);
    const labels = await page.locator(".site-nav a").evaluateAll((links) =>
      links.map((a) => {
        const range = document.createRange();
        range.selectNodeContents(a);
        const r = range.getBoundingClientRect();
        return { text: a.textContent.trim(), left: r.left, right: r.right, top: Math.round(r.top) };
      }),
    );
    assert.ok(labels.length >= 4, `${name}: ${labels.length} nav labels`);
    const gaps = [];
    rowsOf[name] = { labels: labels.map((l) => l.text), rows: 1 };
    for (let i = 1; i < labels.length; i += 1) {
      if (labels[i].top === labels[i - 1].top) {
        gaps.push({ between: `${labels[i - 1].text}|${labels[i].text}`, px: labels[i].left - labels[i - 1].right });
      } else {
        rows += 1;
        rowsOf[name].rows += 1;
      }
    }
    const sizes = gaps.map((g) => g.px);
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1.5, `${name}: uneven nav gaps ${JSON.stringify(gaps)}`);
    assert.ok(Math.min(...sizes) >= 16, `${name}: nav labels too close ${JSON.stringify(gaps)}`);
  }
  assert.ok(rows >= 1, "some navigation wraps to a second row (the private one)");
  for (const name of ["example site (public)", "identity (public)"]) {
    assert.equal(rowsOf[name].rows, 1, `${name}: ${JSON.stringify(rowsOf[name])}`);
  }
  assert.equal(rowsOf["identity (public)"].labels.length, 5, "the identity site's public menu has five labels");
  await page.close();
});
