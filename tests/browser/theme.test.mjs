// The default theme in a real browser: pages render, navigation works, the
// skip link appears on keyboard focus, and dark mode changes the colours.

import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, folio, copyFixture, serveDir, tempDir } from "./lib.mjs";

let browser, server;

before(async () => {
  const site = copyFixture("basic");
  const out = tempDir();
  folio(["build", "--no-cache", "--root", site, "--out", join(out, "public"), "--private-out", join(out, "private")]);
  server = await serveDir(join(out, "public"));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("home page links to the articles list", async () => {
  const page = await browser.newPage();
  await page.goto(server.url);
  assert.equal(await page.locator("h1").first().textContent(), "Welcome");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Articles" }).click();
  await page.waitForURL(/\/articles\/$/);
  assert.ok(await page.getByRole("link", { name: "First Steps" }).isVisible());
  await page.close();
});

test("the skip link is the first tab stop and becomes visible", async () => {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
  assert.equal(focused, "Skip to main content");
  assert.ok(await page.locator(".skip-link").isVisible());
  await page.close();
});

test("dark colour scheme changes the page background", async () => {
  const background = async (colorScheme) => {
    const page = await browser.newPage({ colorScheme });
    await page.goto(server.url);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.close();
    return bg;
  };
  assert.notEqual(await background("light"), await background("dark"));
});
