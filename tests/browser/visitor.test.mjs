// What a visitor sees of the default theme (issue 18, "Bugs a visitor sees"):
// a header that does not move between pages, touch targets a thumb can hit,
// teasers the author wrote, one hero on the home page, a calm private banner.
// Runs on the showcase fixture (CV, achievements, articles, a private page).

import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, folio, copyFixture, serveDir, tempDir } from "./lib.mjs";

let browser, pub, priv;

before(async () => {
  const site = copyFixture("showcase");
  const out = tempDir();
  folio(["build", "--no-cache", "--root", site, "--out", join(out, "public"), "--private-out", join(out, "private")]);
  pub = await serveDir(join(out, "public"));
  priv = await serveDir(join(out, "private"));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await pub?.close();
  await priv?.close();
});

const PUBLIC_PAGES = ["", "articles/", "articles/code-tour/", "tags/", "tags/code/", "achievements/", "cv/", "404.html"];
const PRIVATE_PAGES = ["", "articles/", "notes/journal/", "achievements/", "cv/", "dashboard/", "linkedin/"];

/** The header's box and every nav link's box, rounded to a tenth of a pixel. */
async function headerBoxes(page) {
  return page.evaluate(() => {
    const r = (el) => { const b = el.getBoundingClientRect(); return [b.x, b.y, b.width, b.height].map((v) => Math.round(v * 10) / 10); };
    return { header: r(document.querySelector(".site-header")), links: [...document.querySelectorAll(".site-nav a")].map((a) => `${a.textContent}: ${r(a)}`) };
  });
}

for (const width of [1280, 390]) {
  test(`the header is the same box on every page kind at ${width} px`, async () => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    for (const [server, paths] of [[pub, PUBLIC_PAGES], [priv, PRIVATE_PAGES]]) {
      await page.goto(server.url);
      const home = await headerBoxes(page);
      assert.ok(home.links.length >= 4, JSON.stringify(home));
      for (const path of paths.slice(1)) {
        await page.goto(server.url + path);
        assert.deepEqual(await headerBoxes(page), home, `${server === pub ? "public" : "private"} /${path} differs from home`);
      }
    }
    await page.close();
  });
}

test("header and footer links are touch targets of at least 44 × 44 px on a phone", async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
  for (const url of [pub.url, pub.url + "achievements/", priv.url + "notes/journal/"]) {
    await page.goto(url);
    const small = await page.evaluate(() => [...document.querySelectorAll(".site-header a, .site-footer a")]
      .map((a) => ({ text: a.textContent.trim(), w: a.getBoundingClientRect().width, h: a.getBoundingClientRect().height }))
      .filter((b) => b.w < 44 || b.h < 44));
    assert.deepEqual(small, [], `small targets on ${url}`);
  }
  await page.close();
});

test("teasers on the home page and the articles list are the description when there is one", async () => {
  const page = await browser.newPage();
  for (const path of ["", "articles/"]) {
    await page.goto(pub.url + path);
    const item = page.locator(".post-item", { has: page.getByRole("link", { name: "Described article" }) });
    assert.equal((await item.locator(".post-item-summary").innerText()).trim(), "The teaser the author wrote for this article.", `on /${path}`);
    // Without a description, the first paragraph.
    const other = page.locator(".post-item", { has: page.getByRole("link", { name: "A tour of code" }) });
    assert.match(await other.locator(".post-item-summary").innerText(), /^Code in several languages/);
  }
  await page.close();
});

test("the home page has one hero: the name, label and summary once each", async () => {
  const page = await browser.newPage();
  await page.goto(pub.url);
  const main = await page.locator("main").innerText();
  const count = (s) => main.split(s).length - 1;
  assert.equal(await page.locator("main h1").count(), 1);
  assert.equal((await page.locator("main h1").innerText()).trim(), "Ada Example");
  assert.equal(count("Ada Example"), 1, main);
  assert.equal(count("VP Engineering"), 1, main);
  assert.equal(count("I lead platform engineering"), 1, "the _index.md body");
  assert.equal(count("Engineering leader who builds platforms"), 0, "the CV summary only stands in for a missing _index.md body");
  assert.equal(count("Ada's portfolio"), 0, "site.description belongs to <meta>");
  assert.equal(count("Ada builds data platforms"), 0, "_index.md's description belongs to <meta> once the CV gives a label");
  assert.ok(await page.locator("main .hero").getByRole("link", { name: /Full CV/ }).isVisible());
  await page.close();
});

const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
  .reduce((acc, v, i) => acc + v * [0.2126, 0.7152, 0.0722][i], 0);
const ratio = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);

test("in dark mode the private banner is a dark bar with readable text, not a bright one", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const page = await browser.newPage({ colorScheme });
    await page.goto(priv.url + "notes/journal/");
    const [bg, fg] = await page.evaluate(() => {
      const s = getComputedStyle(document.querySelector(".private-banner"));
      return [s.backgroundColor, s.color].map((c) => c.match(/\d+/g).slice(0, 3).map(Number));
    });
    assert.ok(ratio(fg, bg) >= 4.5, `${colorScheme}: banner text ${ratio(fg, bg).toFixed(2)}:1`);
    if (colorScheme === "dark") assert.ok(lum(bg) < 0.05, `dark banner background luminance ${lum(bg).toFixed(3)} (rgb ${bg})`);
    await page.close();
  }
});
