//! A short piece of markdown with no page of its own (a CV entry's private
//! `notes`): folio's dialect, raw HTML shown as text, no heading ids, links
//! as written.

use pulldown_cmark::{Event, Parser, html};

/// `text` as HTML.
pub fn snippet(text: &str) -> String {
    let events = Parser::new_ext(text, super::options()).map(|e| match e {
        Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
        other => super::alert(other),
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snippet_is_markdown_with_raw_html_as_text() {
        assert_eq!(
            snippet("Ask about *hiring* <b>x</b>"),
            "<p>Ask about <em>hiring</em> &lt;b&gt;x&lt;/b&gt;</p>\n"
        );
    }
}
