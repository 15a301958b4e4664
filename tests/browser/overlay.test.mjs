// The live error overlay on a phone, under `folio serve` (issue 18): opaque,
// so the private banner never shows through its heading, and its snippets
// scroll sideways rather than wrap, so the caret stays under its column.

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

test("on a phone the overlay is opaque and its caret points at the right column", async () => {
  // Issue 18: the snippet wrapped at 390 px, so the caret pointed elsewhere;
  // the half-transparent overlay let the private banner show through.
  const page = await browser.newPage({ viewport: { width: 390, height: 800 }, colorScheme: "dark" });
  await page.goto(url + "about/");
  writeFileSync(join(site, "content/about.md"),
    '---\ntitle: About\nmenu: 1\ndescription: "a long description that runs well past the width of a phone screen" oops\n---\nBroken.\n');
  const overlay = page.locator("#folio-error-overlay");
  await overlay.waitFor({ state: "visible", timeout: 10000 });
  const got = await page.evaluate(() => {
    const o = document.getElementById("folio-error-overlay");
    const pre = o.querySelector("pre.folio-error");
    const text = pre.firstChild;
    const lines = text.textContent.split("\n");
    const caretLine = lines.findIndex((l) => /^\s*\|\s*\^/.test(l));
    const start = (i) => lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0);
    const col = lines[caretLine].indexOf("^");
    const box = (offset) => {
      const r = document.createRange();
      r.setStart(text, offset);
      r.setEnd(text, offset + 1);
      return r.getBoundingClientRect();
    };
    const caret = box(start(caretLine) + col);
    const pointed = box(start(caretLine - 1) + col);
    return {
      pointedChar: lines[caretLine - 1][col],
      caretX: caret.left, pointedX: pointed.left,
      lineHeight: parseFloat(getComputedStyle(pre).lineHeight),
      verticalGap: caret.top - pointed.top,
      scrolls: pre.scrollWidth > pre.clientWidth,
      background: getComputedStyle(o).backgroundColor,
    };
  });
  assert.equal(got.pointedChar, "o", "the caret points at `oops`");
  assert.ok(Math.abs(got.caretX - got.pointedX) < 1, `caret at x=${got.caretX}, its character at x=${got.pointedX}`);
  assert.ok(got.verticalGap < got.lineHeight * 1.5, `the source line wrapped (${got.verticalGap}px between it and the caret)`);
  assert.ok(got.scrolls, "the snippet scrolls sideways instead of wrapping");
  assert.match(got.background, /^rgb\(/, `the overlay is opaque, not ${got.background}`);
  about("Fixed again.");
  await overlay.waitFor({ state: "detached", timeout: 10000 });
  await page.close();
});
