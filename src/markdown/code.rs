//! Fenced and indented code blocks: the hook into [`crate::highlight`],
//! reuse of an earlier render's blocks, the per-block keys, and the warning
//! for an unknown language. It does not own highlighting itself nor the
//! theme's colours.

use super::{Renderer, escape};
use crate::diagnostic::Diagnostic;
use crate::highlight::{self, Highlighted};

impl Renderer<'_, '_> {
    pub(super) fn code_block(&mut self, code: &str, lang: &str, offset: usize) -> String {
        self.has_code = true;
        let key = crate::cache::hash_of(&(lang.trim(), code));
        let highlighted = match self.ctx.reuse.and_then(|r| r.0.get(&key)) {
            Some(html) => Highlighted::Html(html.to_string()),
            None => highlight::highlight(code, lang),
        };
        let inner = match highlighted {
            Highlighted::Html(h) => {
                self.blocks.push(key);
                h
            }
            Highlighted::Plain => {
                self.blocks.push(0);
                escape(code)
            }
            Highlighted::UnknownLanguage => {
                let (line, col) = self.ctx.position(self.body, offset);
                self.diags.push(
                    Diagnostic::warning(
                        "unknown-language",
                        self.ctx.source,
                        format!("no highlighting for code language `{lang}`; shown as plain text"),
                    )
                    .at_in(self.ctx.file_text, line, col)
                    .hint("use a common name such as rust, python, yaml, bash or js, or `text`"),
                );
                self.blocks.push(0);
                escape(code)
            }
        };
        let lang_attr = if lang.is_empty() {
            String::new()
        } else {
            format!(" data-lang=\"{}\"", escape(lang))
        };
        // `tabindex="0"`: a block wider than the column scrolls, and a
        // scrolling region must be reachable from the keyboard (axe's
        // `scrollable-region-focusable`); which blocks overflow depends on the
        // reader's screen, so every block gets it.
        format!("<pre class=\"code\" tabindex=\"0\"{lang_attr}><code>{inner}</code></pre>\n")
    }
}
