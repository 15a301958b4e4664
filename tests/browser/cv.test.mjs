// The CV outputs checked by real tools:
// - every built resume.json is validated against the official JSON Resume
//   schema (npm `@jsonresume/schema`) with a real JSON Schema validator
//   (ajv + ajv-formats), each CV variant's resume-NAME.json too;
// - JSON Resume's own sample, given as cv.json, comes back out unchanged;
// - headless Chromium prints the CV page to PDF on A4 and US Letter: the page
//   count is checked, and no navigation reaches the PDF;
// - the LinkedIn page's Copy buttons copy, and without JavaScript the
//   buttons stay hidden while the text stays there.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { launch, folio, copyFixture, serveDir, tempDir, REPO } from "./lib.mjs";

const require = createRequire(import.meta.url);
const schema = require("@jsonresume/schema/schema.json");
const sample = require("@jsonresume/schema/sample.resume.json");

const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

/** Builds a site into a temp folder; returns { public, private }. */
function build(root) {
  const out = tempDir();
  folio(["build", "--no-cache", "--root", root, "--out", join(out, "public"), "--private-out", join(out, "private")]);
  return { public: join(out, "public"), private: join(out, "private") };
}

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

function assertValid(resume, label) {
  const ok = validate(resume);
  assert.ok(ok, `${label} is not valid JSON Resume:\n${ajv.errorsText(validate.errors, { separator: "\n" })}`);
}

let sites, browser, samplePublic, careerPrivate;

before(async () => {
  sites = {
    example: build(REPO),
    sample: build(copyFixture("cv-sample")),
    career: build(copyFixture("career")),
    variants: build(copyFixture("cv-variants")),
  };
  samplePublic = await serveDir(sites.sample.public);
  careerPrivate = await serveDir(sites.career.private);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await samplePublic?.close();
  await careerPrivate?.close();
});

test("the validator is live: it rejects what the schema forbids", () => {
  assert.equal(validate({ basics: { email: "not an address" } }), false);
  assert.equal(validate({ work: [{ startDate: "June 2020" }] }), false);
  assert.equal(validate({ basics: { url: "example.org" } }), false);
});

test("the owner's resume.json is valid JSON Resume", () => {
  const resume = readJson(join(sites.example.public, "resume.json"));
  assertValid(resume, "example site's resume.json");
  assert.ok(resume.work.length > 0, "work entries without position are kept");
  assert.ok(resume.work.every((w) => !("position" in w)), "no position is invented");
});

test("the fixture cv.json is the schema package's own sample", () => {
  const fixture = readJson(join(REPO, "tests/fixtures/sites/cv-sample/content/cv.json"));
  assert.deepEqual(fixture, sample);
});

test("JSON Resume's sample comes back unchanged and valid", () => {
  for (const dir of [sites.sample.public, sites.sample.private]) {
    const resume = readJson(join(dir, "resume.json"));
    assert.deepEqual(resume, sample);
    assertValid(resume, "sample site's resume.json");
  }
});

test("resume.json with merged achievement highlights is valid, in both sites", () => {
  for (const dir of [sites.career.public, sites.career.private]) {
    const resume = readJson(join(dir, "resume.json"));
    assertValid(resume, `${dir}/resume.json`);
    assert.ok(resume.work[0].highlights.includes("Spoke at QCon — 400 attendees"));
  }
});

test("each CV variant's resume-NAME.json is valid JSON Resume, in both sites", () => {
  for (const dir of [sites.variants.public, sites.variants.private]) {
    for (const name of ["leadership", "research"]) {
      const resume = readJson(join(dir, `resume-${name}.json`));
      assertValid(resume, `${dir}/resume-${name}.json`);
      assert.ok(resume.work.length > 0);
      assert.ok(resume.work.every((w) => (w.highlights ?? []).every((h) => typeof h === "string")), "highlights are text");
    }
    assertValid(readJson(join(dir, "resume.json")), `${dir}/resume.json`);
  }
});

/** Prints `url` to PDF; returns the PDF text (latin1) and its page count. */
async function printPdf(url, format) {
  const page = await browser.newPage();
  await page.goto(url);
  const pdf = (await page.pdf({ format })).toString("latin1");
  await page.close();
  const pages = (pdf.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  const links = [...pdf.matchAll(/\/URI\s*\(((?:\\.|[^\\)])*)\)/g)].map((m) => m[1].replace(/\\(.)/g, "$1"));
  return { pages, links };
}

for (const format of ["A4", "Letter"]) {
  test(`the CV prints on ${format}: two pages at most, no navigation`, async () => {
    const { pages, links } = await printPdf(`${samplePublic.url}cv/`, format);
    assert.ok(pages >= 1 && pages <= 2, `${format}: ${pages} pages`);
    // Every printed link becomes a link annotation in the PDF. The CV's own
    // links are there; the site's navigation (links within the site) is not.
    assert.ok(links.includes("http://piedpiper.example.com/"), `links: ${links}`);
    assert.ok(links.includes("mailto:richard.hendriks@mail.com"));
    const internal = links.filter((l) => l.startsWith(samplePublic.url));
    assert.deepEqual(internal, [], "no navigation link in the PDF");
  });
}

test("print styles hide the navigation, drop dark backgrounds and print links as their text", async () => {
  const page = await browser.newPage({ colorScheme: "dark" });
  await page.goto(`${samplePublic.url}cv/`);
  await page.emulateMedia({ media: "print", colorScheme: "dark" });
  const printed = await page.evaluate(() => ({
    text: document.body.innerText,
    header: getComputedStyle(document.querySelector(".site-header")).display,
    footer: getComputedStyle(document.querySelector(".site-footer")).display,
    background: getComputedStyle(document.body).backgroundColor,
    color: getComputedStyle(document.body).color,
    after: getComputedStyle(document.querySelector('#experience h3 a'), "::after").content,
    underline: [...document.querySelectorAll(".cv a")].map((a) => getComputedStyle(a).textDecorationLine),
    breaks: [...document.querySelectorAll(".cv-entry")].map((e) => getComputedStyle(e).breakInside),
  }));
  assert.equal(printed.header, "none");
  assert.equal(printed.footer, "none");
  for (const nav of ["Skip to main content", "Articles", "Home"]) {
    assert.ok(!printed.text.includes(nav), `"${nav}" is printed`);
  }
  assert.ok(printed.text.includes("Richard Hendriks"));
  assert.equal(printed.background, "rgb(255, 255, 255)");
  assert.equal(printed.color, "rgb(0, 0, 0)");
  // Links print as their text: no URL after the name, no underline.
  assert.ok(["none", "normal"].includes(printed.after), `printed after a link: ${printed.after}`);
  assert.ok(!printed.text.includes("http://piedpiper.example.com"), "a raw URL is printed");
  assert.deepEqual([...new Set(printed.underline)], ["none"]);
  assert.ok(printed.breaks.length > 0 && printed.breaks.every((b) => b === "avoid"), `entries split: ${printed.breaks}`);
  await page.close();
});

test("the CV's dates sit right-aligned beside the role on a wide screen, and wrap within the page on a phone", async () => {
  for (const [width, beside] of [[1280, true], [390, false]]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${samplePublic.url}cv/`);
    const box = await page.evaluate(() => {
      const head = document.querySelector(".cv-role-head");
      const r = (el) => el.getBoundingClientRect();
      const role = r(head.querySelector("h4"));
      const dates = r(head.querySelector(".cv-dates"));
      return { roleRight: role.right, roleTop: role.top, datesLeft: dates.left, datesRight: dates.right, datesTop: dates.top, headRight: r(head).right };
    });
    if (beside) {
      assert.ok(box.datesLeft > box.roleRight, `${width}px: dates not beside the role`);
      assert.ok(Math.abs(box.datesRight - box.headRight) < 1, `${width}px: dates not right-aligned`);
    }
    assert.ok(box.datesRight <= box.headRight + 1, `${width}px: dates overflow the page`);
    await page.close();
  }
});

test("LinkedIn: no Copy button on an empty field, boxes as tall as their text, one label per box", async () => {
  const page = await browser.newPage();
  await page.goto(`${careerPrivate.url}linkedin/`);
  const seen = await page.evaluate(() => ({
    empty: [...document.querySelectorAll("textarea")].filter((t) => !t.value).map((t) => document.querySelector(`button[data-copy="${t.id}"]`)),
    clipped: [...document.querySelectorAll("textarea")].filter((t) => t.scrollHeight > t.clientHeight + 1).map((t) => t.id),
    headings: [...document.querySelectorAll("h2")].map((h) => h.textContent),
  }));
  assert.ok(seen.empty.length > 0, "the fixture has an empty field");
  assert.deepEqual(seen.empty, seen.empty.map(() => null), "an empty field has a Copy button");
  assert.deepEqual(seen.clipped, [], "a text box hides part of its text");
  assert.ok(!seen.headings.includes("Headline") && !seen.headings.includes("About"), `headings repeat labels: ${seen.headings}`);
  await page.close();
});

test("LinkedIn Copy buttons copy the text", async () => {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: careerPrivate.url.replace(/\/$/, "") });
  const page = await context.newPage();
  await page.goto(`${careerPrivate.url}linkedin/`);
  const button = page.locator('button[data-copy="li-description-1"]');
  assert.ok(await button.isVisible());
  await button.click();
  await page.waitForFunction(() => document.querySelector('button[data-copy="li-description-1"]').textContent === "Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await page.locator("#li-description-1").inputValue());
  assert.match(copied, /^Leads engineering\.\n\n• Grew the team from 8 to 30\n/);
  await context.close();
});

test("without JavaScript the LinkedIn text is there and the buttons stay hidden", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${careerPrivate.url}linkedin/`);
  assert.equal(await page.locator("button.li-copy").first().isVisible(), false);
  assert.equal(await page.getByLabel("Headline", { exact: true }).inputValue(), "VP Engineering");
  await context.close();
});
