// The default theme's identity (issue 18, "An identity"): a home page that
// reads as a portfolio (hero with photo, name, label, location and profile
// links with inline-SVG icons; project cards), one accent colour from
// site.toml that reads on both schemes, and a light/dark/system toggle with
// no flash of the wrong scheme that falls back to the system's without
// JavaScript. Runs on the identity fixture (showcase + photo, projects,
// six profiles, `[theme] accent`).

import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { existsSync } from "node:fs";
import { launch, folio, copyFixture, serveDir, tempDir } from "./lib.mjs";

let browser, pub, priv, out;

before(async () => {
  const site = copyFixture("identity");
  out = tempDir();
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

const LIGHT_BG = "rgb(255, 255, 255)";
const DARK_BG = "rgb(20, 22, 26)";

/** WCAG 2 contrast of two `rgb(…)` strings. */
function contrast(a, b) {
  const lum = (s) => {
    const [r, g, bl] = s.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Opens the home page in `colorScheme` with `stored` preset in localStorage
 * (null: none), recording, before any of the page's own scripts, the
 * scheme attribute when <body> is first inserted and the background at the
 * first animation frame (rendering is blocked until then, so this is what
 * the first paint shows).
 */
async function firstPaint(colorScheme, stored) {
  const context = await browser.newContext({ colorScheme });
  await context.addInitScript((stored) => {
    if (stored && !sessionStorage.getItem("seeded")) {
      localStorage.setItem("folio-scheme", stored);
      sessionStorage.setItem("seeded", "1");
    }
    window.__first = {};
    new MutationObserver((_, observer) => {
      if (document.body) {
        window.__first.atBody = document.documentElement.dataset.scheme ?? null;
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
    requestAnimationFrame(() => {
      window.__first.background = getComputedStyle(document.body).backgroundColor;
    });
  }, stored);
  const page = await context.newPage();
  await page.goto(pub.url);
  await page.waitForFunction(() => window.__first.background);
  const first = await page.evaluate(() => window.__first);
  return { context, page, first };
}

test("a stored dark scheme is in force at first paint on a light system, and the reverse", async () => {
  for (const [system, stored, bg] of [["light", "dark", DARK_BG], ["dark", "light", LIGHT_BG], ["dark", null, DARK_BG], ["light", null, LIGHT_BG]]) {
    const { context, first } = await firstPaint(system, stored);
    assert.equal(first.atBody, stored, `system ${system}, stored ${stored}: data-scheme before <body>`);
    assert.equal(first.background, bg, `system ${system}, stored ${stored}: first painted background`);
    await context.close();
  }
});

test("the toggle cycles system → light → dark → system, is remembered, and names the scheme", async () => {
  const context = await browser.newContext({ colorScheme: "light" });
  const page = await context.newPage();
  await page.goto(pub.url);
  const toggle = page.getByRole("button", { name: /^Scheme: / });
  assert.ok(await toggle.isVisible());
  const state = () => page.evaluate(() => ({
    text: document.querySelector(".scheme-toggle").textContent,
    attr: document.documentElement.dataset.scheme ?? null,
    stored: localStorage.getItem("folio-scheme"),
    bg: getComputedStyle(document.body).backgroundColor,
  }));
  assert.deepEqual(await state(), { text: "Scheme: system", attr: null, stored: null, bg: LIGHT_BG });
  await toggle.click();
  assert.deepEqual(await state(), { text: "Scheme: light", attr: "light", stored: "light", bg: LIGHT_BG });
  await toggle.click();
  assert.deepEqual(await state(), { text: "Scheme: dark", attr: "dark", stored: "dark", bg: DARK_BG });
  await page.reload();
  assert.deepEqual(await state(), { text: "Scheme: dark", attr: "dark", stored: "dark", bg: DARK_BG });
  // Code follows the chosen scheme too: pre.code is dark on a light system.
  await page.goto(pub.url + "articles/code-tour/");
  const codeBg = await page.evaluate(() => getComputedStyle(document.querySelector("pre.code")).backgroundColor);
  assert.ok(contrast(codeBg, LIGHT_BG) > 10, `code background ${codeBg} is dark`);
  await page.goto(pub.url);
  await page.getByRole("button", { name: /^Scheme: / }).click();
  assert.deepEqual(await state(), { text: "Scheme: system", attr: null, stored: null, bg: LIGHT_BG });
  await context.close();
});

test("without JavaScript the system scheme applies and the toggle is hidden", async () => {
  for (const [colorScheme, bg] of [["light", LIGHT_BG], ["dark", DARK_BG]]) {
    const context = await browser.newContext({ colorScheme, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(pub.url);
    // Playwright's own evaluate still runs; the page's scripts did not.
    const seen = await page.evaluate(() => ({
      hiddenAttr: document.querySelector(".scheme-toggle").hasAttribute("hidden"),
      bg: getComputedStyle(document.body).backgroundColor,
    }));
    assert.equal(seen.hiddenAttr, true, "the page's scripts did not run");
    assert.equal(await page.locator(".scheme-toggle").isVisible(), false);
    assert.equal(seen.bg, bg, colorScheme);
    await context.close();
  }
});

test("the accent from site.toml colours links and reads at 4.5:1 on both schemes", async () => {
  const want = { light: "rgb(138, 63, 252)", dark: "rgb(190, 149, 255)" };
  for (const scheme of ["light", "dark"]) {
    const page = await browser.newPage({ colorScheme: scheme });
    await page.goto(pub.url);
    const { link, bg, surface } = await page.evaluate(() => ({
      link: getComputedStyle(document.querySelector(".profile-links a")).color,
      bg: getComputedStyle(document.body).backgroundColor,
      surface: getComputedStyle(document.querySelector(".project-card")).backgroundColor,
    }));
    assert.equal(link, want[scheme], scheme);
    for (const behind of [bg, surface]) {
      const ratio = contrast(link, behind);
      assert.ok(ratio >= 4.5, `${scheme}: accent ${link} on ${behind} is ${ratio.toFixed(2)}:1`);
    }
    await page.close();
  }
});

for (const width of [1280, 390]) {
  test(`the hero shows the photo, name, label, location and icon links at ${width} px, with no horizontal scroll`, async () => {
    for (const colorScheme of ["light", "dark"]) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
      await page.goto(pub.url);
      const hero = await page.evaluate(() => {
        const box = (el) => el.getBoundingClientRect().toJSON();
        const img = document.querySelector(".hero-photo");
        return {
          photo: img && { loaded: img.complete && img.naturalWidth > 0, alt: img.alt, box: box(img) },
          name: box(document.querySelector(".hero h1")),
          h1: document.querySelector(".hero h1").textContent.trim(),
          lede: document.querySelector(".hero .lede").textContent,
          links: [...document.querySelectorAll(".profile-links a")].map((a) => ({
            name: a.textContent.trim(),
            icon: a.querySelector("svg")?.getAttribute("class") ?? null,
            hidden: a.querySelector("svg")?.getAttribute("aria-hidden") ?? null,
          })),
          scroll: document.documentElement.scrollWidth,
          inner: window.innerWidth,
        };
      });
      assert.ok(hero.photo?.loaded, "the photo loads");
      assert.equal(hero.photo.alt, "Photo of Ada Example");
      assert.equal(hero.h1, "Ada Example");
      assert.equal(hero.lede, "VP Engineering · Lyon, FR");
      if (width >= 1280) {
        assert.ok(hero.photo.box.right <= hero.name.left, "the photo sits left of the name");
      } else {
        assert.ok(hero.photo.box.bottom <= hero.name.top, "the photo sits above the name");
      }
      assert.ok(hero.photo.box.right <= width && hero.photo.box.left >= 0);
      const icons = Object.fromEntries(hero.links.filter((l) => l.icon).map((l) => [l.name, l.icon.replace("icon icon-", "")]));
      assert.deepEqual(icons, {
        "ada.example.org": "website", GitHub: "github", LinkedIn: "linkedin", Mastodon: "mastodon",
        Bluesky: "bluesky", "Stack Overflow": "stackoverflow", Strava: "link", Email: "email",
      });
      for (const l of hero.links.filter((l) => l.icon)) assert.equal(l.hidden, "true", `${l.name}: icon hidden from screen readers`);
      assert.equal(hero.scroll, hero.inner, "no horizontal scroll");
      await page.close();
    }
  });
}

test("featured projects are cards, with their image when they have one; a private project stays private", async () => {
  const cards = async (server) => {
    const page = await browser.newPage();
    await page.goto(server.url);
    const found = await page.evaluate(async () => {
      const cards = [...document.querySelectorAll(".project-card")];
      // The images are lazy (`loading="lazy"`): the page's load event does
      // not wait for them. Each is brought on screen and waited for, until
      // it loads or fails (or 10 s pass), before it is judged.
      for (const img of cards.map((c) => c.querySelector("img")).filter(Boolean)) {
        img.scrollIntoView();
        if (!img.complete) {
          await Promise.race([
            new Promise((done) => {
              img.addEventListener("load", done, { once: true });
              img.addEventListener("error", done, { once: true });
            }),
            new Promise((done) => setTimeout(done, 10000)),
          ]);
        }
      }
      return cards.map((c) => ({
        title: c.querySelector(".project-title").textContent,
        image: c.querySelector("img") ? c.querySelector("img").complete && c.querySelector("img").naturalWidth > 0 : null,
      }));
    });
    await page.close();
    return found;
  };
  assert.deepEqual(await cards(pub), [
    { title: "Data Platform", image: true },
    { title: "Hiring Loop", image: true },
    { title: "Open Runbooks", image: null },
  ]);
  assert.deepEqual((await cards(priv)).map((c) => c.title), ["Data Platform", "Hiring Loop", "Open Runbooks", "Secret Prototype"]);
  assert.ok(!existsSync(join(out, "public/images/secret.png")), "a private project's image is not published");
  assert.ok(existsSync(join(out, "private/images/secret.png")));
});
