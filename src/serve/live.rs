//! The live-reload client and the error overlay. They exist only in pages
//! served by `folio serve`: [`inject`] adds them to each HTML response, and
//! `folio build` output never contains them.

use crate::diagnostic::Diagnostic;

/// Served at `/_folio/live.js`. Listens on `/_folio/events` (Server-Sent
/// Events): `generation` first (the rebuild count: a page served before a
/// rebuild whose `reload` it missed reloads), then `reload`, `css` (swap
/// stylesheets in place), `build-error` (show the overlay), `build-ok`
/// (hide it). The last good build's warnings
/// show in a small panel that can be closed. Both are built with
/// `textContent` only, so a message can never inject markup. The overlay is
/// opaque (nothing of the page, such as the private banner, shows through
/// its heading), and messages never wrap: a long source line scrolls
/// sideways, so the caret stays under the column it points at.
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
    o.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#141418;color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:clamp(1rem,4vw,2rem)";
    const h = document.createElement("p");
    h.style.cssText = "font-size:18px;font-weight:bold;color:#fca5a5;margin:0 0 1rem";
    h.textContent = "folio: the last edit does not build. This page shows the last good version.";
    o.appendChild(h);
    for (const e of errors) {
      const pre = document.createElement("pre");
      pre.className = "folio-error";
      pre.style.cssText = "white-space:pre;overflow-x:auto;background:#27272a;border-left:4px solid #f87171;padding:1rem;margin:0 0 1rem";
      pre.textContent = e;
      o.appendChild(pre);
    }
    const note = document.createElement("p");
    note.textContent = "Fix the file and save: this page reloads by itself.";
    o.appendChild(note);
    document.body.appendChild(o);
  }
  function warn(warnings) {
    const p = document.createElement("div");
    p.id = "folio-warnings";
    p.setAttribute("role", "status");
    p.style.cssText = "position:fixed;right:1rem;bottom:1rem;z-index:2147483646;max-width:min(48rem,90vw);max-height:40vh;overflow:auto;background:rgba(20,20,24,.94);color:#f4f4f5;font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:1rem;border-left:4px solid #fbbf24";
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", "close");
    close.style.cssText = "float:right;background:none;border:0;color:inherit;font-size:18px;cursor:pointer";
    close.addEventListener("click", () => p.remove());
    p.appendChild(close);
    const h = document.createElement("p");
    h.style.cssText = "font-weight:bold;color:#fcd34d;margin:0 0 .5rem";
    h.textContent = "folio: " + warnings.length + (warnings.length === 1 ? " warning" : " warnings") + " in the last build";
    p.appendChild(h);
    for (const w of warnings) {
      const pre = document.createElement("pre");
      pre.className = "folio-warning";
      pre.style.cssText = "white-space:pre;overflow-x:auto;margin:0 0 .5rem";
      pre.textContent = w;
      p.appendChild(pre);
    }
    document.body.appendChild(p);
  }
  if (window.__folioErrors) show(window.__folioErrors);
  else if (window.__folioWarnings) warn(window.__folioWarnings);
  const events = new EventSource("/_folio/events");
  // The stream opens with the rebuild count: a page served before a
  // rebuild whose reload it missed (its stream was not open yet) reloads.
  events.addEventListener("generation", (e) => {
    if (String(window.__folioGeneration) !== e.data) location.reload();
  });
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

/// The warnings panel's lines: the warnings, not the notes (a note, such
/// as "history would date these tasks", is said in the terminal; the panel
/// is for what needs fixing).
pub fn warning_messages(warnings: &[Diagnostic]) -> Vec<String> {
    warnings
        .iter()
        .filter(|w| w.severity != crate::diagnostic::Severity::Note)
        .map(ToString::to_string)
        .collect()
}

/// JSON for a `<script>` element: `</` is escaped so the text cannot end it.
pub fn script_json(messages: &[String]) -> String {
    serde_json::to_string(messages)
        .unwrap_or_else(|_| "[]".into())
        .replace("</", "<\\/")
}

/// What a served page shows over itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct Overlay<'a> {
    /// The errors of a failed rebuild: the whole page is covered.
    pub errors: Option<&'a [String]>,
    /// The last good build's warnings (the same text as the terminal).
    pub warnings: &'a [String],
    /// The rebuild this page comes from (see the `generation` event).
    pub generation: u64,
}

/// Adds the live-reload client (and the overlay's current errors, else the
/// warnings) to an HTML page, just before `</body>`.
pub fn inject(html: &[u8], overlay: Overlay<'_>) -> Vec<u8> {
    let mut tag = String::new();
    if let Some(errors) = overlay.errors {
        tag.push_str("<script>window.__folioErrors=");
        tag.push_str(&script_json(errors));
        tag.push_str(";</script>");
    } else if !overlay.warnings.is_empty() {
        tag.push_str("<script>window.__folioWarnings=");
        tag.push_str(&script_json(overlay.warnings));
        tag.push_str(";</script>");
    }
    tag.push_str(&format!(
        "<script>window.__folioGeneration={};</script>",
        overlay.generation
    ));
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
        let out = inject(b"<html><body><p>x</p></body></html>", Overlay::default());
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<html><body><p>x</p><script>window.__folioGeneration=0;</script><script src=\"/_folio/live.js\"></script></body></html>"
        );
    }

    #[test]
    fn errors_cannot_close_the_script_element() {
        let errors = vec!["bad </script><img src=x onerror=alert(1)>".to_string()];
        let overlay = Overlay {
            errors: Some(&errors),
            warnings: &[],
            generation: 0,
        };
        let out = String::from_utf8(inject(b"<body></body>", overlay)).unwrap();
        assert!(!out.contains("</script><img"), "{out}");
        assert!(out.contains("<\\/script>"));
    }

    #[test]
    fn the_warnings_panel_leaves_notes_to_the_terminal() {
        let w = Diagnostic::warning("w", "a.md", "fix me");
        let mut n = Diagnostic::warning("n", "b.md", "history would help");
        n.severity = crate::diagnostic::Severity::Note;
        assert_eq!(warning_messages(&[n, w]), ["a.md: warning: fix me"]);
    }

    #[test]
    fn warnings_show_when_there_are_no_errors() {
        let warnings = vec!["a.md:1:1: warning: w </script>".to_string()];
        let errors = vec!["e".to_string()];
        let quiet = Overlay {
            errors: None,
            warnings: &warnings,
            generation: 7,
        };
        let out = String::from_utf8(inject(b"<body></body>", quiet)).unwrap();
        assert!(
            out.contains("window.__folioWarnings=[\"a.md:1:1: warning: w <\\/script>\"]"),
            "{out}"
        );
        assert!(out.contains("window.__folioGeneration=7;"), "{out}");
        let failed = Overlay {
            errors: Some(&errors),
            warnings: &warnings,
            generation: 8,
        };
        let out = String::from_utf8(inject(b"<body></body>", failed)).unwrap();
        assert!(
            out.contains("__folioErrors") && !out.contains("__folioWarnings"),
            "{out}"
        );
    }
}
