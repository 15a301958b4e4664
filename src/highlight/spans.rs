//! Highlighted code written as HTML spans (`<span class="hl-…">`): every
//! character inside exactly the spans of the scopes syntect's parser gives
//! it, in the same nesting as syntect's own generator writes them, but
//! with no span that holds no text and no span closed only to be opened
//! again with the same class (`</span><span class="same">`). Those were
//! about one byte in twelve of a highlighted block, each read again by the
//! link check and written to both sites.
//!
//! The spans are brought in line with the parser's scope stack only where
//! text is written, so the operations between two pieces of text (across
//! a line's end too) cost only the difference of the stacks.

use std::cell::RefCell;

use rustc_hash::FxHashMap;
use syntect::parsing::{Scope, ScopeStack, ScopeStackOp};

use super::PREFIX;
use crate::html::escape_into;

/// One code block's HTML, written line by line.
pub(super) struct Writer {
    /// The parser's scopes after the operations read so far.
    stack: ScopeStack,
    /// The spans open in `html`, outermost first.
    open: Vec<Scope>,
    html: String,
}

impl Writer {
    pub(super) fn new(capacity: usize) -> Writer {
        Writer {
            stack: ScopeStack::new(),
            open: Vec::new(),
            html: String::with_capacity(capacity),
        }
    }

    /// Writes `line` with the parser's operations on it (each at a byte of
    /// the line, in order); `None` when an operation does not fit the
    /// stack or falls outside the line.
    pub(super) fn line(&mut self, line: &str, ops: &[(usize, ScopeStackOp)]) -> Option<()> {
        let mut at = 0;
        for (i, op) in ops {
            if *i > at {
                self.text(line.get(at..*i)?);
                at = *i;
            }
            self.stack.apply(op).ok()?;
        }
        self.text(line.get(at..)?);
        Some(())
    }

    /// The block's HTML, every span closed.
    pub(super) fn finish(mut self) -> String {
        for _ in 0..self.open.len() {
            self.html.push_str("</span>");
        }
        self.html
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let Writer { stack, open, html } = self;
        let wanted = stack.as_slice();
        let kept = open.iter().zip(wanted).take_while(|(a, b)| a == b).count();
        for _ in kept..open.len() {
            html.push_str("</span>");
        }
        open.truncate(kept);
        for scope in &wanted[kept..] {
            html.push_str("<span class=\"");
            with_classes(*scope, |classes| html.push_str(classes));
            html.push_str("\">");
            open.push(*scope);
        }
        escape_into(html, text);
    }
}

/// Calls `f` with the classes of `scope`: each atom with [`PREFIX`], as
/// syntect's `ClassStyle::SpacedPrefixed` names them. Kept per thread, so
/// syntect's global scope names are locked once per scope, not per span.
fn with_classes(scope: Scope, f: impl FnOnce(&str)) {
    thread_local! {
        static CLASSES: RefCell<FxHashMap<Scope, Box<str>>> = RefCell::default();
    }
    CLASSES.with(|classes| {
        let mut classes = classes.borrow_mut();
        let names = classes.entry(scope).or_insert_with(|| {
            scope
                .build_string()
                .split('.')
                .map(|atom| format!("{PREFIX}{atom}"))
                .collect::<Vec<_>>()
                .join(" ")
                .into()
        });
        f(names);
    });
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Each character of highlighted `html` with the classes of the spans
    /// around it, outermost first (what a stylesheet can tell apart), and
    /// the spans that hold no text or are reopened right after closing.
    pub(in crate::highlight) fn read(html: &str) -> (Vec<(char, Vec<String>)>, Vec<String>) {
        let (mut painted, mut needless) = (Vec::new(), Vec::new());
        // The open spans, each with whether it holds text yet.
        let mut stack: Vec<(String, bool)> = Vec::new();
        // The last tag: `Some(Some(class))` closed that class, `Some(None)`
        // opened a span; `None` after text.
        let mut last: Option<Option<String>> = None;
        let mut rest = html;
        while let Some(c) = rest.chars().next() {
            if let Some(after) = rest.strip_prefix("<span class=\"") {
                let (class, after) = after.split_once("\">").expect("a whole tag");
                if last == Some(Some(class.to_string())) {
                    needless.push(format!("{class} closed and opened again"));
                }
                stack.push((class.to_string(), false));
                last = Some(None);
                rest = after;
            } else if let Some(after) = rest.strip_prefix("</span>") {
                let (class, text) = stack.pop().expect("a span to close");
                if !text {
                    needless.push(format!("{class} empty"));
                }
                last = Some(Some(class));
                rest = after;
            } else {
                let (ch, len) = [
                    ("&lt;", '<'),
                    ("&gt;", '>'),
                    ("&amp;", '&'),
                    ("&#39;", '\''),
                    ("&quot;", '"'),
                ]
                .iter()
                .find(|(e, _)| rest.starts_with(e))
                .map_or((c, c.len_utf8()), |(e, ch)| (*ch, e.len()));
                for (_, text) in &mut stack {
                    *text = true;
                }
                painted.push((ch, stack.iter().map(|(c, _)| c.clone()).collect()));
                last = None;
                rest = &rest[len..];
            }
        }
        assert!(stack.is_empty(), "spans left open: {html}");
        (painted, needless)
    }

    #[test]
    fn reading_tells_apart_what_a_stylesheet_can_and_finds_needless_spans() {
        let a = "<span class=\"hl-a\">x</span><span class=\"hl-b\">&lt;</span>";
        let class = |c: &str| vec![c.to_string()];
        assert_eq!(
            read(a),
            (vec![('x', class("hl-a")), ('<', class("hl-b"))], vec![])
        );
        assert_ne!(read(a).0, read("<span class=\"hl-a\">x&lt;</span>").0);
        let reopened = "<span class=\"hl-a\">x</span><span class=\"hl-a\">y</span>";
        assert_eq!(read(reopened).0, read("<span class=\"hl-a\">xy</span>").0);
        assert_eq!(read(reopened).1, vec!["hl-a closed and opened again"]);
        let empty = "<span class=\"hl-a\">x<span class=\"hl-b\"></span></span>";
        assert_eq!(read(empty).1, vec!["hl-b empty"]);
        let nested = "x<span class=\"hl-a\"><span class=\"hl-b\"></span></span>";
        assert_eq!(read(nested).1, vec!["hl-b empty", "hl-a empty"]);
    }

    #[test]
    fn code_text_is_escaped_as_syntect_escapes_it() {
        let mut html = String::new();
        escape_into(&mut html, "a<b>&'\"é");
        assert_eq!(html, "a&lt;b&gt;&amp;&#39;&quot;é");
    }
}
