// The private progress site in a real browser: the dashboard is reachable
// from the navigation, its burn-up chart and progress bars are drawn, the
// section links of a roadmap page land on their headings, and the chart
// follows the dark scheme.

import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, folio, copyFixture, serveDir, tempDir } from "./lib.mjs";

let browser, server;

before(async () => {
  const site = copyFixture("roadmaps");
  const out = tempDir();
  folio(["build", "--no-cache", "--root", site, "--out", join(out, "public"), "--private-out", join(out, "private"), "--today", "2026-09-01"]);
  server = await serveDir(join(out, "private"));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("the dashboard is linked from the navigation and draws its chart", async () => {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await page.waitForURL(/\/dashboard\/$/);
  const chart = page.getByRole("img", { name: /^Burn-up chart: 3 of 11 objectives done/ });
  const box = await chart.boundingBox();
  assert.ok(box && box.width > 300 && box.height > 100, `chart box ${JSON.stringify(box)}`);
  const bar = page.getByRole("progressbar", { name: "Progress over all roadmaps" });
  assert.equal(await bar.getAttribute("value"), "3");
  assert.ok(await bar.isVisible());
  await page.close();
});

test("a section link in the outline scrolls to its heading", async () => {
  const page = await browser.newPage({ viewport: { width: 800, height: 400 } });
  await page.goto(server.url + "roadmaps/career/");
  await page.getByRole("navigation", { name: "Sections and their progress" }).getByRole("link", { name: "Writing" }).click();
  await page.waitForURL(/#writing$/);
  const { top, scrolled, height } = await page.locator("#writing").evaluate((h) => ({
    top: h.getBoundingClientRect().top,
    scrolled: window.scrollY,
    height: window.innerHeight,
  }));
  assert.ok(scrolled > 0, "the page scrolled");
  assert.ok(top >= 0 && top < height, `heading at ${top}px of ${height}px`);
  await page.close();
});

test("the done line of the chart changes colour with the scheme", async () => {
  const stroke = async (colorScheme) => {
    const page = await browser.newPage({ colorScheme });
    await page.goto(server.url + "dashboard/");
    const value = await page.locator(".burnup-done").first().evaluate((p) => getComputedStyle(p).stroke);
    await page.close();
    return value;
  };
  const light = await stroke("light");
  const dark = await stroke("dark");
  assert.notEqual(light, "none");
  assert.notEqual(light, dark);
});
