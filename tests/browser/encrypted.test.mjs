// The encrypted private site in a real browser, served over HTTP on loopback
// like any static host (Web Crypto needs a secure context: 127.0.0.1 is one).
// A wrong passphrase is refused, the right one shows the page, other private
// pages then open without asking, "remember me" and "forget" work, private
// files open decrypted, and a tool can decrypt an envelope the documented way.

import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { webcrypto } from "node:crypto";
import { launch, folio, copyFixture, serveDir, tempDir } from "./lib.mjs";

// The passphrase the `encrypted` fixture's tests use (see its site.toml).
const PASSPHRASE = "correct horse battery staple";
const FORGET = "Lock and forget the passphrase on this device";
let browser, server, out;

before(async () => {
  const site = copyFixture("encrypted");
  out = tempDir();
  folio(["build", "--no-cache", "--root", site, "--out", join(out, "public"), "--private-out", join(out, "private")], {
    env: { ...process.env, NO_COLOR: "1", FOLIO_TEST_PASSPHRASE: PASSPHRASE },
  });
  server = await serveDir(join(out, "private"));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const storage = (page) =>
  page.evaluate(() => ({ session: { ...sessionStorage }, local: { ...localStorage } }));

async function unlock(page, passphrase, { remember = false } = {}) {
  await page.getByLabel("Passphrase").fill(passphrase);
  if (remember) await page.getByLabel("Remember me on this device").check();
  await page.getByRole("button", { name: "Unlock" }).click();
}

test("wrong passphrase is refused, the right one shows the page, and the next page opens without asking", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requested = [];
  page.on("request", (r) => requested.push(r.url()));
  await page.goto(`${server.url}roadmaps/plan/`);
  assert.equal(await page.title(), "Locked page · Encrypted Fixture");

  await unlock(page, "not the passphrase at all");
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.textContent(), /^Wrong passphrase/);
  assert.ok(!(await page.content()).includes("PRIVATE-MARKER-DASHBOARD-5b1d"), "nothing decrypted");
  assert.ok(await page.getByLabel("Passphrase").isVisible(), "the form stays");

  await unlock(page, PASSPHRASE);
  await page.getByText("PRIVATE-MARKER-DASHBOARD-5b1d").waitFor();
  assert.equal(await page.title(), "Growth Plan PRIVATE-TITLE-9e77 · Encrypted Fixture");
  assert.equal(await page.getByLabel("Passphrase").count(), 0, "the form is gone");
  // The theme's stylesheet (a plain file, identical to the public one) applies.
  const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  assert.ok(!/^"?Times/.test(font), `theme styles applied, got ${font}`);
  // The private chart was inlined before encryption and renders.
  const chart = page.getByRole("img", { name: "progress chart" });
  assert.equal(await chart.evaluate((img) => img.complete && img.naturalWidth), 120);

  // The key (not the passphrase) is kept for this tab only.
  const kept = await storage(page);
  assert.deepEqual(Object.keys(kept.local), []);
  const [slot] = Object.keys(kept.session);
  assert.match(slot, /^folio-key:/);
  const key = kept.session[slot];
  assert.equal(atob(key).length, 32, "a raw 256-bit key");
  assert.ok(!key.includes(PASSPHRASE) && !atob(key).includes(PASSPHRASE));

  await page.getByRole("link", { name: "the journal" }).click();
  await page.waitForURL(/\/notes\/journal\/$/);
  await page.getByText("PRIVATE-MARKER-JOURNAL-0c3f").waitFor();
  assert.equal(await page.getByLabel("Passphrase").count(), 0, "not asked again");

  for (const url of requested) {
    assert.ok(url.startsWith(server.url), `request to another host: ${url}`);
    for (const secret of [PASSPHRASE, encodeURIComponent(PASSPHRASE), key, encodeURIComponent(key)]) {
      assert.ok(!url.includes(secret), `secret in URL ${url}`);
    }
  }
  await context.close();
});

test("remember me keeps the key on the device until forget clears it", async () => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await first.goto(server.url);
  await unlock(first, PASSPHRASE, { remember: true });
  await first.getByRole("link", { name: FORGET }).waitFor();
  let kept = await storage(first);
  assert.equal(Object.keys(kept.local).length, 1);
  assert.deepEqual(Object.keys(kept.session), []);

  // A new tab has no session storage: only the remembered key can open it.
  const second = await context.newPage();
  await second.goto(`${server.url}notes/journal/`);
  await second.getByText("PRIVATE-MARKER-JOURNAL-0c3f").waitFor();

  await second.getByRole("link", { name: FORGET }).click();
  await second.getByLabel("Passphrase").waitFor();
  assert.ok(!(await second.content()).includes("PRIVATE-MARKER-JOURNAL-0c3f"));
  kept = await storage(second);
  assert.deepEqual(kept, { session: {}, local: {} });
  await context.close();
});

test("a remembered key that no longer fits is dropped with a message", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  const slot = await page.evaluate(
    () => "folio-key:" + JSON.parse(document.getElementById("folio-envelope").textContent).salt,
  );
  await page.evaluate((slot) => localStorage.setItem(slot, btoa("x".repeat(32))), slot);
  await page.reload();
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.textContent(), /does not open this page any more/);
  assert.deepEqual(await storage(page), { session: {}, local: {} });
  assert.ok(await page.getByLabel("Passphrase").isVisible());
  await context.close();
});

test("a link to a private file opens it decrypted", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}roadmaps/plan/`);
  await unlock(page, PASSPHRASE);
  await page.getByRole("link", { name: "the raw data" }).click();
  await page.waitForURL(/^blob:/);
  assert.match(await page.textContent("body"), /PRIVATE-MARKER-JSON-77aa/);
  await context.close();
});

test("without JavaScript the shell says what it is", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}roadmaps/plan/`);
  // innerText is the text as rendered (Playwright's text locators skip <noscript>).
  const shown = await page.locator("body").innerText();
  assert.match(shown, /This page cannot be shown without JavaScript\./);
  assert.match(shown, /private site is encrypted\. It opens with the site’s passphrase/);
  assert.ok(!(await page.getByLabel("Passphrase").isVisible()), "no form that cannot work");
  await context.close();
});

test("a tool decrypts an envelope as docs/encryption.md describes", async () => {
  const envelope = JSON.parse(readFileSync(join(out, "private/roadmaps/data.json"), "utf8"));
  assert.equal(envelope.format, "folio-encrypted");
  assert.equal(envelope.version, 1);
  assert.equal(envelope.content_type, "application/json");
  const b64 = (s) => Buffer.from(s, "base64");
  const { subtle } = webcrypto;
  const material = await subtle.importKey("raw", Buffer.from(PASSPHRASE.normalize("NFC")), "PBKDF2", false, [
    "deriveKey",
  ]);
  const key = await subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt: b64(envelope.salt), iterations: envelope.iterations },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["decrypt"],
  );
  const plain = await subtle.decrypt({ name: "AES-GCM", iv: b64(envelope.nonce) }, key, b64(envelope.ciphertext));
  const data = JSON.parse(Buffer.from(plain).toString("utf8"));
  assert.deepEqual(data, { note: "PRIVATE-MARKER-JSON-77aa", done: 2, total: 3 });
});
