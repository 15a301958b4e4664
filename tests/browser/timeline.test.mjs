// The dashboard's timeline (render/timeline.rs) in a real browser, at 1280
// and 390 px (and 320): the chart is drawn without JavaScript, every label
// line shows exactly one of its lengths and stays inside the chart, chart
// text is at least 11 px on screen at phone widths, the page does not
// scroll sideways, priorities differ in colour, and the "today" line falls
// inside the window of a section that holds today.

import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, folio, copyFixture, serveDir, tempDir } from "./lib.mjs";

let browser;
let server;

before(async () => {
  const out = tempDir();
  folio(["build", "--no-cache", "--root", copyFixture("timeline"), "--out", join(out, "public"), "--private-out", join(out, "private"), "--today", "2026-09-01"]);
  server = await serveDir(join(out, "private"));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** What the test needs to know of the chart, measured on screen. */
async function measure(width, scheme) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme, javaScriptEnabled: false });
  await page.goto(server.url + "dashboard/");
  const facts = await page.evaluate(() => {
    const svg = document.querySelector("svg.timeline");
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    const shown = [...svg.querySelectorAll("text")].filter((t) => getComputedStyle(t).display !== "none");
    const lines = new Map();
    for (const t of shown) {
      const key = `${t.getAttribute("x")},${t.getAttribute("y")}`;
      lines.set(key, (lines.get(key) ?? 0) + 1);
    }
    const bar = (name) => {
      const text = shown.find((t) => t.textContent.includes(name));
      const y = parseFloat(text.getAttribute("y"));
      const rect = [...svg.querySelectorAll("rect.tl-window")].find((r) => Math.abs(parseFloat(r.getAttribute("y")) - (y + 8)) < 1);
      const b = rect.getBoundingClientRect();
      return { left: b.left, right: b.right, fill: getComputedStyle(rect).fill };
    };
    const today = svg.querySelector("line.tl-today").getBoundingClientRect();
    return {
      scroll: document.documentElement.scrollWidth,
      smallest: Math.min(...shown.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale)),
      outside: shown.filter((t) => { const b = t.getBoundingClientRect(); return b.left < box.left - 0.5 || b.right > box.right + 0.5; }).map((t) => t.textContent),
      doubled: [...lines.values()].filter((n) => n > 1).length,
      shown: shown.map((t) => t.textContent),
      board: bar("Board work"),
      quantify: bar("Quantify impact"),
      speaking: bar("Speaking"),
      today: today.left,
    };
  });
  await page.close();
  return facts;
}

for (const width of [1280, 390, 320]) {
  for (const scheme of ["light", "dark"]) {
    test(`the timeline reads at ${width} px (${scheme})`, async () => {
      const m = await measure(width, scheme);
      assert.ok(m.scroll <= width, `page is ${m.scroll} px wide`);
      assert.deepEqual(m.outside, [], "labels inside the chart");
      assert.equal(m.doubled, 0, "one length of each label shown");
      assert.ok(m.shown.some((t) => t.startsWith("Highest · Board work")), m.shown.join("\n"));
      if (width <= 390) assert.ok(m.smallest >= 11, `smallest chart text ${m.smallest.toFixed(1)} px`);
      assert.ok(m.board.left <= m.today && m.today <= m.board.right, "today inside Board work's window");
      assert.ok(m.quantify.right <= m.today, "Quantify impact's window has ended");
      assert.notEqual(m.board.fill, m.speaking.fill, "highest and medium differ in colour");
      assert.equal(m.board.fill, m.quantify.fill, "highest and high share the high colour");
    });
  }
}
