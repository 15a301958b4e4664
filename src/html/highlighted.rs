//! The insides of the highlighted code blocks folio's markdown renderer
//! writes (`<pre class="code" tabindex="0"…><code>…</code>`): only
//! `<span class="hl-…">`, `</span>` and escaped text, so no link and no id.
//! On a page with code they are most of its tags, so the link check reads
//! the page with them blanked out ([`blanked`]) instead of tokenizing every
//! span.
//!
//! A block is blanked only when every `<` inside it starts one of those two
//! tags, and only when the tokenizer read its `<code>` as a tag (not inside
//! a comment, raw text or an attribute's value): else the page is read as
//! written, tag by tag.

use std::ops::Range;

use memchr::memmem;

/// How the markdown renderer opens a code block ([`crate::markdown`]).
const OPEN: &[u8] = b"<pre class=\"code\" tabindex=\"0\"";
const CODE: &[u8] = b"<code>";
const CLOSE: &[u8] = b"</code>";
const SPAN_OPEN: &[u8] = b"<span class=\"";
const SPAN_CLOSE: &[u8] = b"</span>";

/// `html` with the inside of every highlighted code block replaced by
/// spaces (same length, so every position is unchanged), with the ranges
/// blanked; `None` when there is no such block.
///
/// Blanking changes nothing the tokenizer reports unless a blanked inside
/// sits in an attribute's value (`<a href='<pre class="code" …'>`): an
/// inside holds no `-->`, no end tag but `</span>`, no `'` and no `]]>`, so
/// comments, raw text and CDATA read on across it alike. The caller checks
/// that no value it keeps overlaps a blanked range, and reads the page as
/// written when one does.
pub(super) fn blanked(html: &str) -> Option<(Vec<u8>, Vec<Range<usize>>)> {
    let bytes = html.as_bytes();
    let mut out: Option<(Vec<u8>, Vec<Range<usize>>)> = None;
    let mut from = 0;
    while let Some(found) = memmem::find(&bytes[from..], OPEN) {
        let open = from + found;
        // The rest of the `<pre …>` tag: `data-lang="…"` at most.
        let Some(gt) = memchr::memchr2(b'>', b'<', &bytes[open + 1..]).map(|i| open + 1 + i) else {
            break;
        };
        from = gt;
        if bytes[gt] != b'>' || !bytes[gt + 1..].starts_with(CODE) {
            continue;
        }
        let start = gt + 1 + CODE.len();
        let Some(len) = memmem::find(&bytes[start..], CLOSE) else {
            break;
        };
        let inside = &bytes[start..start + len];
        from = start + len;
        if only_spans_and_text(inside) {
            let (text, ranges) = out.get_or_insert_with(|| (bytes.to_vec(), Vec::new()));
            text[start..start + len].fill(b' ');
            ranges.push(start..start + len);
        }
    }
    out
}

/// Whether every `<` of `inside` opens `<span class="…">` or is `</span>`.
/// Read from the text state (the caller checks that a real `<code>` tag
/// comes before), such an inside changes no state and holds no other tag:
/// its `>`, quotes and character references are text.
fn only_spans_and_text(inside: &[u8]) -> bool {
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'<', &inside[at..]) {
        let rest = &inside[at + i..];
        if rest.starts_with(SPAN_CLOSE) {
            at += i + SPAN_CLOSE.len();
        } else if rest.starts_with(SPAN_OPEN) {
            let names = &rest[SPAN_OPEN.len()..];
            let Some(end) = memchr::memchr(b'"', names) else {
                return false;
            };
            if names.get(end + 1) != Some(&b'>') {
                return false;
            }
            at += i + SPAN_OPEN.len() + end + 2;
        } else {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLOCK: &str = "<p>a</p>\n<pre class=\"code\" tabindex=\"0\" data-lang=\"rust\"><code><span class=\"hl-source hl-rust\"><span class=\"hl-keyword\">fn</span> a() &lt;b&gt; &quot;c&quot;\n</span></code></pre>\n<a href=\"x/\">x</a>";

    #[test]
    fn the_inside_of_a_highlighted_block_is_blanked_and_nothing_else() {
        let (out, ranges) = blanked(BLOCK).expect("a block to blank");
        assert_eq!(out.len(), BLOCK.len());
        let text = String::from_utf8(out).unwrap();
        let start = BLOCK.find("<code>").unwrap() + 6;
        let end = BLOCK.find("</code>").unwrap();
        assert_eq!(&text[..start], &BLOCK[..start]);
        assert_eq!(&text[end..], &BLOCK[end..]);
        assert!(text[start..end].bytes().all(|b| b == b' '));
        assert_eq!(ranges.len(), 1);
        assert_eq!(ranges[0], start..end);
    }

    /// Anything but spans and escaped text inside: read as written.
    #[test]
    fn a_block_with_other_markup_inside_is_left_alone() {
        for inside in [
            "<a href=\"x/\">x</a>",
            "<span id=\"x\">x</span>",
            "<span class=\"hl-a\" id=\"x\">x</span>",
            "<span class=\"a\"b\">x</span>",
            "<!-- x -->",
            "<script>",
            "<span class='hl-a'>x</span>",
            "<span class=\"hl-a\"",
        ] {
            let html = format!("<pre class=\"code\" tabindex=\"0\"><code>{inside}</code></pre>");
            assert_eq!(blanked(&html), None, "{inside}");
        }
        assert_eq!(blanked("<pre class=\"code\">x</pre>"), None);
        assert_eq!(blanked("<pre><code>x</code></pre>"), None);
    }

    /// Ids and (URL, position) pairs of `page`: from [`crate::html::scan`]
    /// (`fast`), and from tokenizing every tag (`slow`).
    type Found = (Vec<String>, Vec<(String, usize)>);
    fn both(page: &str) -> (Found, Found) {
        let found = |s: &crate::html::Scan| -> Found {
            (
                s.ids.iter().map(|i| i.to_string()).collect(),
                s.urls
                    .iter()
                    .map(|u| (u.url.to_string(), u.offset))
                    .collect(),
            )
        };
        let fast = crate::html::scan(page);
        let mut slow = crate::html::Scan::default();
        super::super::tags::start_tags(page, super::super::SCANNED, |tag| {
            for attr in tag.attrs.iter_mut() {
                let value = std::mem::take(&mut attr.decoded);
                let (start, end) = attr.value;
                super::super::attribute(tag.name, attr.key, value, start, end, &mut slow);
            }
        });
        (found(&fast), found(&slow))
    }

    /// The link check finds the same links and ids with and without the
    /// blanking, on a page with several blocks, links and ids around them.
    #[test]
    fn scanning_a_page_with_blocks_finds_what_tokenizing_every_tag_finds() {
        let page = format!(
            "<h2 id=\"one\">One</h2>{BLOCK}<pre class=\"code\" tabindex=\"0\"><code><a href=\"in-code/\">x</a></code></pre>{BLOCK}<p id=\"two\"><a href=\"#one\">1</a></p>"
        );
        let (fast, slow) = both(&page);
        assert_eq!(fast, slow);
        assert_eq!(fast.0, ["one", "two"]);
        let blanked = blanked(&page).expect("blocks to blank");
        assert_eq!(blanked.1.len(), 2, "the block with a link inside is read");
        assert!(
            crate::html::scan_blanked(&page, blanked).is_some(),
            "the blanked page is the one scanned"
        );
        let hidden = format!("<a title='{BLOCK}'>");
        let blanked = super::blanked(&hidden).expect("a block to blank");
        assert!(
            crate::html::scan_blanked(&hidden, blanked).is_none(),
            "a block inside an attribute's value is read as written"
        );
        assert_eq!(fast.1.len(), 4, "{:?}", fast.1);
    }

    proptest::proptest! {
        /// Pages made of code blocks with every kind of inside (spans,
        /// links, ids, comments, quotes, a block cut short), links and ids
        /// between them, blocks inside comments, scripts and attribute
        /// values: the scan always finds what tokenizing every tag finds.
        #[test]
        fn any_page_scans_as_tokenizing_every_tag_does(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "<pre class=\"code\" tabindex=\"0\"><code>",
                "<pre class=\"code\" tabindex=\"0\" data-lang=\"rust\"><code>",
                "</code></pre>", "<span class=\"hl-a hl-b\">", "</span>", "x &lt; y",
                "<a href=\"a/\">a</a>", "<a href='b/'>", "<h2 id=\"h\">", "<!--", "-->",
                "<script>", "</script>", "<div title='", "'>", "<img src=\"i.png\">",
                "<span class=\"hl-x\" id=\"s\">", "\"", "'", ">", "<textarea>", "</textarea>",
                "<a href='", "<a href=\"", "<a id=", "<svg><![CDATA[", "]]></svg>",
                "<div title=\"", "<div title=",
            ]), 0..40)
        ) {
            let page = parts.concat();
            let (fast, slow) = both(&page);
            proptest::prop_assert_eq!(fast, slow, "{}", page);
        }
    }
}
