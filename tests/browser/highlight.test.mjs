// Highlighted code is readable in both colour schemes (issue 18): over a page
// with code in many languages, every highlighted character meets WCAG AA
// (4.5:1) against the background it is drawn on, for every bundled highlight
// theme in either slot (light or dark) of `site.toml`.

import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch, folio, copyFixture, serveDir, tempDir } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The bundled themes, as folio's error for an unknown theme lists them. */
function bundledThemes() {
  const site = copyFixture("showcase");
  writeFileSync(join(site, "site.toml"), readFileSync(join(site, "site.toml"), "utf8") + 'highlight_theme = "no-such-theme"\n');
  const r = folio(["build", "--no-cache", "--root", site, "--out", join(tempDir(), "p"), "--private-out", join(tempDir(), "q")], { allowFailure: true });
  const m = (r.stdout + r.stderr).match(/known themes: ([^\n]+)/);
  assert.ok(m, `no theme list in:\n${r.stderr}`);
  return m[1].split(", ").map((s) => s.trim());
}

/** Every highlighted text run's contrast against what is behind it. */
async function contrasts(url, colorScheme, media = "screen") {
  const page = await browser.newPage({ colorScheme });
  await page.emulateMedia({ media, colorScheme });
  await page.goto(url);
  const runs = await page.evaluate(() => {
    const rgb = (s) => s.match(/[\d.]+/g).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
      .reduce((acc, v, i) => acc + v * [0.2126, 0.7152, 0.0722][i], 0);
    const behind = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length < 4 || c[3] > 0) return c;
      }
      return [255, 255, 255];
    };
    const out = [];
    const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || !el.closest("pre.code")) continue;
      const a = lum(rgb(getComputedStyle(el).color)), b = lum(behind(el));
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      out.push({ ratio, cls: el.className || el.tagName, text: n.textContent.trim().slice(0, 20), color: getComputedStyle(el).color });
    }
    return out;
  });
  await page.close();
  return runs;
}

test("every token of every bundled highlight theme reads at 4.5:1 in both schemes", async (t) => {
  const themes = bundledThemes();
  assert.ok(themes.length >= 7, themes.join(", "));
  const failures = [];
  for (let i = 0; i < themes.length; i++) {
    // Each theme once as the light theme and once as the dark one.
    const light = themes[i], dark = themes[(i + 1) % themes.length];
    const site = copyFixture("showcase");
    writeFileSync(join(site, "site.toml"), readFileSync(join(site, "site.toml"), "utf8") + `highlight_theme = "${light}"\nhighlight_theme_dark = "${dark}"\n`);
    const out = tempDir();
    folio(["build", "--no-cache", "--root", site, "--out", join(out, "public"), "--private-out", join(out, "private")]);
    const server = await serveDir(join(out, "public"));
    for (const [scheme, theme] of [["light", light], ["dark", dark]]) {
      const runs = await contrasts(server.url + "articles/code-tour/", scheme);
      assert.ok(runs.length > 200, `only ${runs.length} highlighted runs`);
      const worst = runs.reduce((a, b) => (a.ratio <= b.ratio ? a : b));
      t.diagnostic(`${scheme} ${theme}: lowest ${worst.ratio.toFixed(2)}:1 (${worst.cls} "${worst.text}" ${worst.color})`);
      for (const r of runs.filter((r) => r.ratio < 4.5)) failures.push(`${scheme} ${theme}: ${r.ratio.toFixed(2)}:1 ${r.cls} "${r.text}" ${r.color}`);
    }
    await server.close();
  }
  const unique = [...new Set(failures)];
  assert.deepEqual(unique.slice(0, 30), [], `${unique.length} token runs below 4.5:1`);
});

test("code prints readable on paper even when the screen is dark", async () => {
  const site = copyFixture("showcase");
  const out = tempDir();
  folio(["build", "--no-cache", "--root", site, "--out", join(out, "public"), "--private-out", join(out, "private")]);
  const server = await serveDir(join(out, "public"));
  const runs = await contrasts(server.url + "articles/code-tour/", "dark", "print");
  await server.close();
  const low = runs.filter((r) => r.ratio < 4.5).map((r) => `${r.ratio.toFixed(2)}:1 ${r.cls} ${r.color}`);
  assert.deepEqual([...new Set(low)].slice(0, 10), [], `${low.length} runs below 4.5:1 in print`);
});
