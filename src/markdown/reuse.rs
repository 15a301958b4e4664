//! Highlighted code kept across renders: a body rendered again (its text or
//! a link target changed) copies each code block whose language and text
//! are unchanged instead of highlighting it again. It owns the [`Reuse`]
//! table and how it is read back out of an earlier render's HTML; it does
//! not highlight (see [`crate::highlight`]) nor decide block keys (see
//! `code.rs`).

use std::collections::HashMap;

use super::Rendered;

/// The highlighted code blocks of an earlier render of the same file, by
/// key: a body rendered again (its text or a link target changed) copies a
/// block whose language and text are unchanged instead of highlighting it.
#[derive(Default)]
pub struct Reuse<'a>(pub(super) HashMap<u64, &'a str>);

impl<'a> Reuse<'a> {
    /// The blocks of `previous`; none when its body was spilled to a file
    /// (only `folio build` spills, and it renders each body once).
    pub fn of(previous: &'a Rendered) -> Reuse<'a> {
        let Some(html) = previous.html.in_memory() else {
            return Reuse::default();
        };
        let inners = block_inners(html);
        // Raw HTML that looks like a block would shift the pairs: no reuse.
        if inners.len() != previous.blocks.len() {
            return Reuse::default();
        }
        Reuse(
            previous
                .blocks
                .iter()
                .copied()
                .zip(inners)
                .filter(|(key, _)| *key != 0)
                .collect(),
        )
    }
}

/// The inner HTML of each `<pre class="code"…><code>…</code></pre>` of
/// `html`, in order. (Escaped code never holds `</code></pre>`.)
fn block_inners(html: &str) -> Vec<&str> {
    const OPEN: &str = "<pre class=\"code\"";
    let mut inners = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(OPEN) {
        let after = &rest[at..];
        let Some(code) = after.find("<code>") else {
            break;
        };
        let inner = &after[code + "<code>".len()..];
        let Some(end) = inner.find("</code></pre>") else {
            break;
        };
        inners.push(&inner[..end]);
        rest = &inner[end..];
    }
    inners
}
