//! The live-reload client and the error overlay. They exist only in pages
//! served by `folio serve`: [`inject`] adds them to each HTML response, and
//! `folio build` output never contains them.

use crate::diagnostic::Diagnostic;

/// Served at `/_folio/live.js`. Listens on `/_folio/events` (Server-Sent
/// Events): `reload`, `css` (swap stylesheets in place), `build-error`
/// (show the overlay), `build-ok` (hide it). The overlay is built with
/// `textContent` only, so a message can never inject markup.
pub const LIVE_JS: &str = r#"(() => {
  "use strict";
  const ID = "folio-error-overlay";
  function hide() { const o = document.getElementById(ID); if (o) o.remove(); }
  function show(errors) {
    hide();
    const o = document.createElement("div");
    o.id = ID;
    o.setAttribute("role", "alertdialog");
    o.setAttribute("aria-label", "folio build error");
    o.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:2rem";
    const h = document.createElement("p");
    h.style.cssText = "font-size:18px;font-weight:bold;color:#fca5a5;margin:0 0 1rem";
    h.textContent = "folio: the last edit does not build. This page shows the last good version.";
    o.appendChild(h);
    for (const e of errors) {
      const pre = document.createElement("pre");
      pre.className = "folio-error";
      pre.style.cssText = "white-space:pre-wrap;background:#27272a;border-left:4px solid #f87171;padding:1rem;margin:0 0 1rem";
      pre.textContent = e;
      o.appendChild(pre);
    }
    const note = document.createElement("p");
    note.textContent = "Fix the file and save: this page reloads by itself.";
    o.appendChild(note);
    document.body.appendChild(o);
  }
  if (window.__folioErrors) show(window.__folioErrors);
  const events = new EventSource("/_folio/events");
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("css", () => {
    hide();
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("folio-reload", Date.now());
      link.href = url.href;
    }
  });
  events.addEventListener("build-error", (e) => show(JSON.parse(e.data)));
  events.addEventListener("build-ok", hide);
})();
"#;

/// The diagnostics as the overlay shows them (the same text as the terminal).
pub fn overlay_messages(errors: &[Diagnostic]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

/// JSON for a `<script>` element: `</` is escaped so the text cannot end it.
pub fn script_json(messages: &[String]) -> String {
    serde_json::to_string(messages)
        .unwrap_or_else(|_| "[]".into())
        .replace("</", "<\\/")
}

/// Adds the live-reload client (and the overlay's current errors) to an HTML
/// page, just before `</body>`.
pub fn inject(html: &[u8], errors: Option<&[String]>) -> Vec<u8> {
    let mut tag = String::new();
    if let Some(errors) = errors {
        tag.push_str("<script>window.__folioErrors=");
        tag.push_str(&script_json(errors));
        tag.push_str(";</script>");
    }
    tag.push_str("<script src=\"/_folio/live.js\"></script>");
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_closing_body() {
        let out = inject(b"<html><body><p>x</p></body></html>", None);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<html><body><p>x</p><script src=\"/_folio/live.js\"></script></body></html>"
        );
    }

    #[test]
    fn errors_cannot_close_the_script_element() {
        let errors = vec!["bad </script><img src=x onerror=alert(1)>".to_string()];
        let out = String::from_utf8(inject(b"<body></body>", Some(&errors))).unwrap();
        assert!(!out.contains("</script><img"), "{out}");
        assert!(out.contains("<\\/script>"));
    }
}
