// Lighthouse (the npm package, pinned in package.json) over every public page
// kind of the owner's site (the repository root) and of the `identity`
// fixture (the showcase site plus a photo, projects and code): accessibility,
// best practices and SEO must score 100 and performance at least 95.
//
// Preset: Lighthouse's desktop config (no CPU slowdown, desktop screen), on
// purpose. The default mobile preset simulates a 4× slower CPU from the
// timings it observes, so on a shared 2-core CI machine the same page scores
// anywhere from 72 to 100 between runs (see README, "Measured"); the desktop
// figures are stable. `LIGHTHOUSE_PRESET=mobile` runs the mobile preset
// instead, to look at those figures. Private pages are left out: they ask
// not to be indexed, on purpose, which Lighthouse's SEO score counts against
// them; axe (a11y.test.mjs) checks them.
//
// Lighthouse drives its own Chromium (Debian's, `CHROMIUM`) over the DevTools
// protocol, headless, and reads the sites over loopback HTTP.

import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { folio, serveDir, tempDir, copyFixture, pageKinds, REPO } from "./lib.mjs";

const PRESET = process.env.LIGHTHOUSE_PRESET ?? "desktop";
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const MINIMUM = { performance: 95, accessibility: 100, "best-practices": 100, seo: 100 };

let chrome, port;
const sites = [];

/** Starts Chromium with a DevTools port of its own choosing; returns the port. */
async function startChromium() {
  const profile = tempDir("folio-lighthouse-");
  chrome = spawn(process.env.CHROMIUM ?? "/usr/bin/chromium", [
    "--headless=new", "--remote-debugging-port=0", `--user-data-dir=${profile}`,
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "about:blank",
  ], { stdio: "ignore" });
  const file = join(profile, "DevToolsActivePort");
  for (let i = 0; i < 300; i += 1) {
    if (existsSync(file)) {
      const first = readFileSync(file, "utf8").split("\n")[0];
      if (/^\d+$/.test(first)) return Number(first);
    }
    await sleep(100);
  }
  throw new Error("Chromium did not open a DevTools port within 30 s");
}

before(async () => {
  for (const [name, root] of [["example site", REPO], ["identity", copyFixture("identity")]]) {
    const out = tempDir();
    folio([
      "build", "--no-cache", "--root", root, "--today", "2026-06-01",
      "--out", join(out, "public"), "--private-out", join(out, "private"),
    ]);
    const dir = join(out, "public");
    sites.push({ name, server: await serveDir(dir), pages: pageKinds(dir) });
  }
  port = await startChromium();
});

after(async () => {
  chrome?.kill();
  for (const s of sites) await s.server.close();
});

for (const name of ["example site", "identity"]) {
  test(`lighthouse (${PRESET}): every public page kind of the ${name} scores ${JSON.stringify(MINIMUM)}`, async (t) => {
    const site = sites.find((s) => s.name === name);
    assert.ok(site.pages.length >= 6, `only ${site.pages.length} page kinds`);
    const low = [];
    for (const path of site.pages) {
      const result = await lighthouse(
        site.server.url + path,
        { port, output: "json", logLevel: "error", onlyCategories: CATEGORIES },
        PRESET === "desktop" ? desktopConfig : undefined,
      );
      assert.ok(result?.lhr, `no Lighthouse result for /${path}`);
      const { categories, audits, runtimeError } = result.lhr;
      assert.equal(runtimeError, undefined, `/${path}: ${runtimeError?.message}`);
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(categories[c].score * 100)]));
      t.diagnostic(`/${path} ${CATEGORIES.map((c) => `${c} ${scores[c]}`).join(", ")}`);
      for (const c of CATEGORIES) {
        if (scores[c] < MINIMUM[c]) {
          // Name the audits that cost the points.
          const failing = categories[c].auditRefs
            .filter((r) => r.weight > 0 && audits[r.id].score !== null && audits[r.id].score < 1)
            .map((r) => `${r.id} (${audits[r.id].displayValue ?? audits[r.id].score})`);
          low.push(`/${path} ${c} ${scores[c]} < ${MINIMUM[c]}: ${failing.join(", ")}`);
        }
      }
    }
    assert.deepEqual(low, [], `${name}: scores below the bar`);
  });
}
