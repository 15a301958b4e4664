// folio: decrypts this page in the browser with the Web Crypto API.
// The envelope format is documented in folio's docs/encryption.md. The key
// derived from the passphrase (never the passphrase) is kept in
// sessionStorage, or in localStorage when "remember me" is ticked, so the
// other private pages open without asking again. Nothing is ever sent anywhere.
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const envelope = JSON.parse($("folio-envelope").textContent);
  const slot = "folio-key:" + envelope.salt;
  const form = $("folio-unlock");
  const input = $("folio-passphrase");
  const remember = $("folio-remember");
  const button = $("folio-submit");
  const status = $("folio-status");
  const problem = $("folio-error");

  const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const base64 = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)));
  const storage = (name) => {
    try {
      return window[name] ?? null;
    } catch {
      return null; // storage turned off
    }
  };
  const attempt = (f) => {
    try {
      return f();
    } catch {
      return null;
    }
  };
  const saved = () =>
    attempt(() => storage("sessionStorage")?.getItem(slot)) ??
    attempt(() => storage("localStorage")?.getItem(slot)) ??
    null;
  const forget = () => {
    attempt(() => storage("sessionStorage")?.removeItem(slot));
    attempt(() => storage("localStorage")?.removeItem(slot));
  };
  const keep = (raw, everywhere) => {
    forget();
    const where = storage(everywhere ? "localStorage" : "sessionStorage");
    attempt(() => where?.setItem(slot, base64(raw)));
  };
  const say = (text) => {
    status.textContent = text;
  };
  const fail = (text) => {
    problem.textContent = text;
    problem.hidden = !text;
  };

  async function derive(passphrase) {
    const material = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(passphrase.normalize("NFC")),
      "PBKDF2",
      false,
      ["deriveBits"],
    );
    return crypto.subtle.deriveBits(
      { name: "PBKDF2", hash: "SHA-256", salt: bytes(envelope.salt), iterations: envelope.iterations },
      material,
      256,
    );
  }

  async function decrypt(raw, sealed) {
    const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["decrypt"]);
    return crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes(sealed.nonce) }, key, bytes(sealed.ciphertext));
  }

  // A link to a file that is sealed too: fetch it, decrypt it, open it.
  async function openSealed(event, link, raw) {
    event.preventDefault();
    try {
      const response = await fetch(link.href);
      const sealed = await response.json();
      const plain = await decrypt(raw, sealed);
      location.assign(URL.createObjectURL(new Blob([plain], { type: sealed.content_type })));
    } catch {
      link.after(" (this file could not be decrypted)");
    }
  }

  // Replaces the shell with the decrypted page.
  function show(plain, raw) {
    const page = new DOMParser().parseFromString(new TextDecoder().decode(plain), "text/html");
    document.replaceChild(document.adoptNode(page.documentElement), document.documentElement);
    for (const old of document.querySelectorAll("script")) {
      const fresh = document.createElement("script");
      for (const { name, value } of old.attributes) fresh.setAttribute(name, value);
      fresh.textContent = old.textContent;
      old.replaceWith(fresh);
    }
    for (const link of document.querySelectorAll("a[data-folio-encrypted], area[data-folio-encrypted]")) {
      link.addEventListener("click", (event) => openSealed(event, link, raw));
    }
    const lock = document.createElement("a");
    lock.href = "#";
    lock.id = "folio-forget";
    lock.textContent = "Lock and forget the passphrase on this device";
    lock.style.color = "inherit";
    lock.addEventListener("click", (event) => {
      event.preventDefault();
      forget();
      location.reload();
    });
    const banner = document.querySelector(".private-banner");
    if (banner) {
      banner.append(" · ", lock);
    } else {
      const line = document.createElement("p");
      line.append(lock);
      (document.querySelector("main") ?? document.body).prepend(line);
    }
    if (location.hash) {
      attempt(() => document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView());
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    fail("");
    const passphrase = input.value;
    if (!passphrase) {
      fail("Enter the passphrase first.");
      input.focus();
      return;
    }
    button.disabled = true;
    say("Unlocking…");
    let raw;
    let plain;
    try {
      raw = await derive(passphrase);
      plain = await decrypt(raw, envelope);
    } catch {
      say("");
      fail("Wrong passphrase: this page stays locked. Check the passphrase and try again.");
      button.disabled = false;
      input.select();
      return;
    }
    input.value = "";
    keep(raw, remember.checked);
    show(plain, raw);
  });

  async function start() {
    if (!window.crypto?.subtle) {
      say("This browser cannot decrypt pages at this address: open the site over HTTPS.");
      return;
    }
    const stored = saved();
    if (stored) {
      try {
        const raw = bytes(stored);
        show(await decrypt(raw, envelope), raw);
        return;
      } catch {
        forget();
        fail("The passphrase remembered on this device does not open this page any more. Enter the current one.");
      }
    }
    say("");
    form.hidden = false;
    input.focus();
  }

  start();
})();
