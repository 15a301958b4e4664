// Live preview in a real browser: `folio serve` on a copy of the basic
// fixture; the test edits sources and the open page follows without any
// action in the browser.

import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { launch, copyFixture, FOLIO } from "./lib.mjs";

let browser, server, site, url;

before(async () => {
  site = copyFixture("basic");
  server = spawn(FOLIO, ["serve", "--root", site, "--port", "0"], { env: { ...process.env, NO_COLOR: "1" } });
  const lines = createInterface({ input: server.stdout });
  url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("folio serve did not start")), 20000);
    lines.on("line", (line) => {
      const m = line.match(/serving (http:\/\/[^ ]+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill();
});

const about = (body) => writeFileSync(join(site, "content/about.md"), `---\ntitle: About\nmenu: 1\n---\n${body}\n`);

test("an edit shows up in the open page by itself", async () => {
  const page = await browser.newPage();
  await page.goto(url + "about/");
  await page.waitForFunction(() => document.body.innerText.includes("Some words about Ada"));
  about("Freshly edited words.");
  await page.waitForFunction(() => document.body.innerText.includes("Freshly edited words."), null, { timeout: 10000 });
  await page.close();
});

test("a bad edit shows the overlay, and the fix clears it", async () => {
  const page = await browser.newPage();
  await page.goto(url + "about/");
  writeFileSync(join(site, "content/about.md"), "---\ntitle: [broken\n---\nBroken.\n");
  const overlay = page.locator("#folio-error-overlay");
  await overlay.waitFor({ state: "visible", timeout: 10000 });
  const text = await overlay.innerText();
  assert.match(text, /content\/about\.md:\d+:\d+: error: invalid YAML/);
  about("Fixed again.");
  await overlay.waitFor({ state: "detached", timeout: 10000 });
  await page.waitForFunction(() => document.body.innerText.includes("Fixed again."), null, { timeout: 10000 });
  await page.close();
});

test("a CSS-only change swaps the stylesheet without reloading", async () => {
  const page = await browser.newPage();
  await page.goto(url);
  await page.evaluate(() => { window.__notReloaded = true; });
  writeFileSync(join(site, "static/style.css"), "body { background: rgb(1, 2, 3) !important; }\n");
  await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)", null, { timeout: 10000 });
  assert.equal(await page.evaluate(() => window.__notReloaded), true, "the page was not reloaded");
  await page.close();
});

test("a warning shows in a panel that can be closed, and the fix clears it", async () => {
  const page = await browser.newPage();
  await page.goto(url + "about/");
  // The rebuild reloads the open page, which comes back with the warnings.
  about("Posted on {{ site.title }}.");
  const panel = page.locator("#folio-warnings");
  await panel.waitFor({ state: "visible", timeout: 10000 });
  assert.match(await panel.innerText(), /content\/about\.md:\d+:\d+: warning: `\{\{ site\.title \}\}` is a Liquid variable/);
  assert.equal(await page.locator("#folio-error-overlay").count(), 0, "a warning does not cover the page");
  await panel.getByRole("button", { name: "close" }).click();
  await panel.waitFor({ state: "detached", timeout: 5000 });
  about("No template tags now.");
  await page.waitForFunction(() => document.body.innerText.includes("No template tags now."), null, { timeout: 10000 });
  assert.equal(await page.locator("#folio-warnings").count(), 0);
  await page.close();
});
