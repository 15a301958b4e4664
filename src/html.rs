//! folio's one HTML reader: the start tags of a page and their attributes,
//! with byte positions, as the WHATWG tokenizer reads them (the `html5gum`
//! crate does the tokenizing; folio keeps only what is its own). On top of
//! it, the link checker's scan: the element ids of a page and every URL the
//! page refers to (`href`, `src`, `srcset`, `poster`, `data`), each with
//! the position of its value, for `file:line:col` diagnostics. [`rebase`]
//! uses the scan to move a summary's relative links onto the list page that
//! shows it; the encryption's asset inlining and the audience's "files a
//! page uses" read [`Tags`] directly.
//!
//! Comments, doctypes and end tags hold no URLs; `<script>`, `<style>`,
//! `<textarea>` and `<title>` contents are text; attribute values may be
//! quoted or bare, and their character references are decoded by the
//! tokenizer. Nothing is validated.

use std::borrow::Cow;
use std::ops::Range;

use html5gum::emitters::callback::{Callback, CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, StringReader, Tokenizer};

use crate::markdown::{escape, relative_url};

/// What a URL is used for: navigating (`<a href>`) or loading (everything
/// else: images, stylesheets, scripts, media).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    Link,
    Asset,
}

/// One URL found in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url<'a> {
    pub url: Cow<'a, str>,
    pub used_as: Use,
    /// Byte offset of the attribute value in the page.
    pub offset: usize,
    /// The attribute value as written (shared by the URLs of a `srcset`).
    pub raw: Range<usize>,
}

/// What a page holds for the link checker.
#[derive(Debug, Default)]
pub struct Scan<'a> {
    /// Every `id` (and `<a name>`), decoded.
    pub ids: Vec<Cow<'a, str>>,
    pub urls: Vec<Url<'a>>,
}

impl Scan<'_> {
    /// The same scan, owning its text (to keep it between rebuilds).
    pub fn into_owned(self) -> Scan<'static> {
        Scan {
            ids: self
                .ids
                .into_iter()
                .map(|i| Cow::Owned(i.into_owned()))
                .collect(),
            urls: self
                .urls
                .into_iter()
                .map(|u| Url {
                    url: Cow::Owned(u.url.into_owned()),
                    used_as: u.used_as,
                    offset: u.offset,
                    raw: u.raw,
                })
                .collect(),
        }
    }
}

/// Scans one HTML document.
pub fn scan(html: &str) -> Scan<'_> {
    let mut scan = Scan::default();
    for tag in Tags::new(html) {
        for attr in tag.attrs {
            let name = lower(attr.name);
            attribute(
                &tag.name,
                &name,
                attr.decoded,
                attr.value.0,
                attr.value.1,
                &mut scan,
            );
        }
    }
    scan
}

/// One attribute of a start tag, by byte ranges into the HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr<'h> {
    /// The name as written (compare ignoring ASCII case).
    pub name: &'h str,
    /// The value as written, without its quotes.
    pub value: (usize, usize),
    /// The value with its quotes, if any.
    pub quoted: (usize, usize),
    /// The value as the tokenizer reads it: character references decoded.
    pub decoded: Cow<'h, str>,
}

/// One start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag<'h> {
    /// Lowercase.
    pub name: String,
    /// In document order, those with a non-empty value; a repeated
    /// attribute is dropped, as a browser does.
    pub attrs: Vec<Attr<'h>>,
}

/// The start tags of an HTML text, in order, as the WHATWG tokenizer
/// (html5gum) reads them: comments, doctypes and end tags are skipped, and
/// the contents of `script`, `style`, `textarea`, `title` (and the other
/// raw-text elements) are text, not markup. A tag cut off by the end of the
/// text is kept (see [`Quiet::emit_eof`]).
pub struct Tags<'h> {
    tokens: Tokenizer<StringReader<'h>, Quiet<'h>>,
}

impl<'h> Tags<'h> {
    pub fn new(html: &'h str) -> Self {
        let mut emitter = CallbackEmitter::new(Reader { html, tag: None });
        emitter.naively_switch_states(true);
        Tags {
            tokens: Tokenizer::new_with_emitter(html, Quiet(emitter, None)),
        }
    }
}

impl<'h> Iterator for Tags<'h> {
    type Item = Tag<'h>;

    fn next(&mut self) -> Option<Tag<'h>> {
        match self.tokens.next()? {
            Ok(tag) => Some(tag),
            Err(never) => match never {},
        }
    }
}

/// The tokenizer's events without what folio never reads, which costs most
/// of the time: parse errors (each character is checked for them), text
/// and comments.
struct Quiet<'h>(CallbackEmitter<Reader<'h>, Tag<'h>, usize>, Option<Tag<'h>>);

impl<'h> ForwardingEmitter for Quiet<'h> {
    type Token = Tag<'h>;

    fn inner(&mut self) -> &mut impl Emitter<Token = Tag<'h>> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn emit_string(&mut self, _text: &[u8]) {}

    fn push_comment(&mut self, _text: &[u8]) {}

    /// Unlike the spec, which drops a start tag cut off by the end of the
    /// text, folio keeps it (with its last value read to the end): what
    /// folio's scanners always did, and the safe side for the inlining of
    /// private files and the files a page uses.
    fn emit_eof(&mut self) {
        self.0.emit_eof();
        let reader = self.0.callback_mut();
        let html = reader.html;
        if let Some(mut tag) = reader.tag.take() {
            if let Some(attr) = tag.attrs.last_mut().filter(|a| a.decoded.is_empty()) {
                let (value, quoted) = value_span(html, attr.value.0);
                let raw = html.get(value.0..value.1).unwrap_or("");
                (attr.value, attr.quoted, attr.decoded) = (value, quoted, decode(raw));
            }
            tag.attrs
                .retain(|a| !a.name.is_empty() && !a.decoded.is_empty());
            self.1 = Some(tag);
        }
    }

    fn pop_token(&mut self) -> Option<Tag<'h>> {
        self.0.pop_token().or_else(|| self.1.take())
    }
}

/// Builds [`Tag`]s from the tokenizer's events.
struct Reader<'h> {
    html: &'h str,
    /// The start tag being read; until its value is read, an attribute's
    /// `value` is where its name ends.
    tag: Option<Tag<'h>>,
}

impl<'h> Callback<Tag<'h>, usize> for Reader<'h> {
    fn handle_event(&mut self, event: CallbackEvent<'_>, span: Span<usize>) -> Option<Tag<'h>> {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.tag = Some(Tag {
                    name: String::from_utf8_lossy(name).into_owned(),
                    attrs: Vec::new(),
                });
            }
            CallbackEvent::AttributeName { name } => {
                // Attributes of an end tag arrive with no start tag open.
                let tag = self.tag.as_mut()?;
                let written = self.html.get(span.start..span.end).unwrap_or("");
                if tag
                    .attrs
                    .iter()
                    .any(|a| a.name.eq_ignore_ascii_case(written))
                    || written.len() != name.len()
                {
                    // A repeat (dropped by the spec), or a name the
                    // tokenizer changed (a NUL): never a URL attribute.
                    tag.attrs.push(Attr {
                        name: "",
                        value: (span.end, span.end),
                        quoted: (span.end, span.end),
                        decoded: Cow::Borrowed(""),
                    });
                } else {
                    tag.attrs.push(Attr {
                        name: written,
                        value: (span.end, span.end),
                        quoted: (span.end, span.end),
                        decoded: Cow::Borrowed(""),
                    });
                }
            }
            CallbackEvent::AttributeValue { value } => {
                let attr = self.tag.as_mut()?.attrs.last_mut()?;
                let (value_at, quoted) = value_span(self.html, attr.value.0);
                attr.value = value_at;
                attr.quoted = quoted;
                let raw = self.html.get(value_at.0..value_at.1).unwrap_or("");
                attr.decoded = if raw.as_bytes() == value {
                    Cow::Borrowed(raw)
                } else {
                    Cow::Owned(String::from_utf8_lossy(value).into_owned())
                };
            }
            CallbackEvent::CloseStartTag { .. } => {
                let mut tag = self.tag.take()?;
                // Repeats, and attributes without a value (or an empty one).
                tag.attrs
                    .retain(|a| !a.name.is_empty() && !a.decoded.is_empty());
                return Some(tag);
            }
            CallbackEvent::Error(_) => {}
            _ => self.tag = None,
        }
        None
    }
}

/// The value of the attribute whose name ends at `name_end`, without and
/// with its quotes, by the tokenizer's rules (the spans html5gum gives for
/// values are not exact: an unquoted value's starts one byte late): after
/// the name come spaces, `=`, spaces, then a value in `"`, in `'`, or bare
/// up to a space or `>`.
fn value_span(html: &str, name_end: usize) -> ((usize, usize), (usize, usize)) {
    let b = html.as_bytes();
    let space = |i: usize| matches!(b.get(i), Some(b'\t' | b'\n' | b'\x0C' | b'\r' | b' '));
    let mut i = name_end;
    while space(i) {
        i += 1;
    }
    if b.get(i) == Some(&b'=') {
        i += 1;
    }
    while space(i) {
        i += 1;
    }
    match b.get(i) {
        Some(&q @ (b'"' | b'\'')) => {
            let end = memchr::memchr(q, &b[i + 1..]).map_or(b.len(), |e| i + 1 + e);
            ((i + 1, end), (i, (end + 1).min(b.len())))
        }
        _ => {
            let start = i.min(b.len());
            let mut end = start;
            while end < b.len() && !space(end) && b[end] != b'>' {
                end += 1;
            }
            ((start, end), (start, end))
        }
    }
}

/// Which attributes of which tags hold an id or URLs: folio's own part.
fn attribute<'a>(
    tag: &str,
    attr: &str,
    value: Cow<'a, str>,
    offset: usize,
    end: usize,
    scan: &mut Scan<'a>,
) {
    if value.is_empty() {
        return; // no id, and an empty URL points nowhere
    }
    let span = offset..end;
    let url = |used_as| Url {
        url: value.clone(),
        used_as,
        offset,
        raw: span.clone(),
    };
    match (tag, attr) {
        (_, "id") | ("a", "name") => scan.ids.push(value),
        ("a" | "area", "href") => scan.urls.push(url(Use::Link)),
        ("link", "href")
        | (
            "img" | "script" | "source" | "video" | "audio" | "iframe" | "embed" | "track"
            | "input",
            "src",
        )
        | ("video", "poster")
        | ("object", "data") => scan.urls.push(url(Use::Asset)),
        ("img" | "source", "srcset") => {
            // `a.png 1x, b.png 2x`: the first word of each candidate.
            for candidate in value.split(',') {
                if let Some(u) = candidate.split_whitespace().next() {
                    scan.urls.push(Url {
                        url: Cow::Owned(u.to_string()),
                        used_as: Use::Asset,
                        offset,
                        raw: span.clone(),
                    });
                }
            }
        }
        _ => {}
    }
}

/// Rewrites the relative URLs of `html`, written for the page at site path
/// `from` (a folder such as `articles/a/`, or `` for home), so that they
/// work on the page at `to`. Absolute URLs are left alone.
pub fn rebase<'a>(html: &'a str, from: &str, to: &str) -> Cow<'a, str> {
    if from == to || !(html.contains("href=") || html.contains("src=")) {
        return Cow::Borrowed(html);
    }
    // From `to`, the folder `from` is at `prefix`; a URL relative to `from`
    // is the same URL behind that prefix.
    let prefix = relative_url(to, from);
    let prefix: Vec<&str> = prefix.split('/').filter(|s| !s.is_empty()).collect();
    let mut out = String::with_capacity(html.len() + 32);
    let mut last = 0;
    for u in scan(html).urls {
        let raw = &html[u.raw.clone()];
        // A srcset holds several URLs in one value: left as written.
        if u.raw.start < last || decode(raw) != u.url || !is_relative(&u.url) {
            continue;
        }
        out.push_str(&html[last..u.raw.start]);
        out.push_str(&escape(&behind(&prefix, &u.url)));
        last = u.raw.end;
    }
    if last == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[last..]);
    Cow::Owned(out)
}

/// Relative `url` seen from the folders `prefix` further up: `../x/` behind
/// `second/` is `x/`, not `second/../x/`.
fn behind(prefix: &[&str], url: &str) -> String {
    let mut keep = prefix.len();
    let mut rest = url;
    loop {
        if let Some(r) = rest.strip_prefix("./") {
            rest = r;
        } else if keep > 0 && prefix[keep - 1] != ".." && (rest.starts_with("../") || rest == "..")
        {
            keep -= 1;
            rest = rest.get(3..).unwrap_or("");
        } else {
            break;
        }
    }
    let mut moved = String::with_capacity(url.len() + 3 * keep);
    for segment in &prefix[..keep] {
        moved.push_str(segment);
        moved.push('/');
    }
    moved.push_str(rest);
    if moved.is_empty() {
        moved.push_str("./");
    }
    moved
}

/// A URL without a scheme that does not start at the host's root.
pub fn is_relative(url: &str) -> bool {
    let first = url.split(['/', '?', '#']).next().unwrap_or("");
    !url.is_empty() && !url.starts_with('/') && !first.contains(':')
}

/// Resolves relative `url` against the folder `dir` (`a/b/` or empty), both
/// relative to a site root; the query and fragment are kept. `None` when
/// the URL climbs above the root.
pub fn join(dir: &str, url: &str) -> Option<String> {
    let (path, tail) = url.split_at(url.find(['?', '#']).unwrap_or(url.len()));
    // `out` is always a folder path: empty, or ending in `/`.
    let mut out = String::with_capacity(dir.len() + url.len() + 1);
    out.push_str(dir);
    if !out.is_empty() && !out.ends_with('/') {
        out.push('/');
    }
    let mut ends_in_file = false;
    for segment in path.split('/') {
        ends_in_file = false;
        match segment {
            "" | "." => {}
            ".." => {
                let parent = out.strip_suffix('/')?.rfind('/').map_or(0, |i| i + 1);
                out.truncate(parent);
            }
            name => {
                out.push_str(name);
                out.push('/');
                ends_in_file = true;
            }
        }
    }
    if ends_in_file {
        out.pop();
    }
    out.push_str(tail);
    Some(out)
}

/// Decodes the character references of an attribute value as written, as
/// the tokenizer does in a value (`&amp;`, `&#47;`, `&eacute;`…; an unknown
/// name stays as written).
pub fn decode(raw: &str) -> Cow<'_, str> {
    // The tokenizer also reads a NUL as U+FFFD and a CR (LF) as LF.
    if !raw.contains(['&', '\0', '\r']) {
        return Cow::Borrowed(raw);
    }
    // In a double-quoted value, `&quot;` is the `"` it replaces and ends
    // any reference before it as `"` would.
    let html = format!("<a v=\"{}\">", raw.replace('"', "&quot;"));
    let value = Tags::new(&html)
        .next()
        .and_then(|tag| tag.attrs.into_iter().next())
        .map(|attr| attr.decoded.into_owned())
        .unwrap_or_default();
    Cow::Owned(value)
}

fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// The differential check of [`scan`] against the tokenizer used directly
/// (html5gum's own emitter), for `fuzz/` and the unit tests.
pub mod fuzzing {
    use html5gum::{DefaultEmitter, Token, Tokenizer};

    use super::{Use, decode, scan};

    /// Which URL each attribute holds, as folio's link check reads them.
    fn used_as(tag: &str, attr: &str) -> Option<(Use, bool)> {
        Some(match (tag, attr) {
            ("a" | "area", "href") => (Use::Link, false),
            ("link", "href")
            | (
                "img" | "script" | "source" | "video" | "audio" | "iframe" | "embed" | "track"
                | "input",
                "src",
            )
            | ("video", "poster")
            | ("object", "data") => (Use::Asset, false),
            ("img" | "source", "srcset") => (Use::Asset, true),
            _ => return None,
        })
    }

    /// Panics when the URLs [`scan`] finds in `html` are not those of the
    /// start tags html5gum reads: the same URLs, for the same uses, each
    /// with a position inside its attribute that holds the value as written.
    pub fn links_match_tokenizer(html: &str) {
        let mut emitter = DefaultEmitter::<usize>::new_with_span();
        emitter.naively_switch_states(true);
        // (attribute start, url, use), and each attribute's byte range.
        let mut want = Vec::new();
        let mut spans = Vec::new();
        // Where the last complete token ends: a start tag after it is cut
        // off by the end of the text, which the spec drops and folio keeps.
        let mut complete = 0;
        for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
            complete = complete.max(match &token {
                Token::StartTag(t) => t.span.end,
                Token::EndTag(t) => t.span.end,
                Token::String(t) => t.span.end,
                Token::Comment(t) => t.span.end,
                Token::Doctype(t) => t.span.end,
                Token::Error(_) => 0,
            });
            let Token::StartTag(tag) = token else {
                continue;
            };
            let name = String::from_utf8_lossy(&tag.name);
            for (attr, value) in &tag.attributes {
                let attr = String::from_utf8_lossy(attr);
                let Some((used, srcset)) = used_as(&name, &attr) else {
                    continue;
                };
                let (start, end) = (value.span.start, value.span.end);
                spans.push(start..end);
                let value = String::from_utf8_lossy(&value.value);
                if srcset {
                    for candidate in value.split(',') {
                        if let Some(u) = candidate.split_whitespace().next() {
                            want.push((start, u.to_string(), used));
                        }
                    }
                } else if !value.is_empty() {
                    want.push((start, value.into_owned(), used));
                }
            }
        }
        let mut got = Vec::new();
        for u in scan(html).urls {
            if u.offset >= complete {
                assert!(html.get(u.raw.clone()).is_some(), "{u:?}");
                continue;
            }
            let attr = spans
                .iter()
                .find(|s| s.start < u.offset && u.raw.end <= s.end)
                .unwrap_or_else(|| panic!("{u:?}: not inside an attribute of {html:?}"));
            assert_eq!(u.offset, u.raw.start, "{u:?}");
            let raw = html.get(u.raw.clone()).expect("a value on char boundaries");
            let decoded = decode(raw);
            let single = decoded == u.url;
            assert!(
                single || decoded.contains(u.url.as_ref()),
                "{u:?}: the value as written, {raw:?}, is not that URL"
            );
            got.push((attr.start, u.url.into_owned(), u.used_as));
        }
        want.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        got.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        assert_eq!(got, want, "in {html:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(html: &str) -> Vec<(String, Use, usize)> {
        scan(html)
            .urls
            .into_iter()
            .map(|u| (u.url.into_owned(), u.used_as, u.offset))
            .collect()
    }

    #[test]
    fn finds_links_assets_and_their_offsets() {
        let html = r#"<a href="x/">x</a><img alt=i src='p.png'><link rel=stylesheet href=s.css>"#;
        assert_eq!(
            urls(html),
            [
                ("x/".into(), Use::Link, 9),
                ("p.png".into(), Use::Asset, 34),
                ("s.css".into(), Use::Asset, 67),
            ]
        );
        assert_eq!(&html[34..39], "p.png");
    }

    #[test]
    fn finds_ids_and_anchor_names() {
        let s = scan(r#"<h2 id="a&amp;b">T</h2><a name=top></a><p ID='x'>"#);
        let ids: Vec<&str> = s.ids.iter().map(|c| c.as_ref()).collect();
        assert_eq!(ids, ["a&b", "top", "x"]);
    }

    #[test]
    fn skips_comments_scripts_and_end_tags() {
        let html = "<!-- <a href=no1> --><script>if (a<b) x='<a href=no2>'</script>\
                    <style>a[href=no3]{}</style></a href=no4><a href=\"yes\">";
        let found: Vec<String> = urls(html).into_iter().map(|u| u.0).collect();
        assert_eq!(found, ["yes"]);
    }

    #[test]
    fn decodes_references_in_values() {
        assert_eq!(decode("a?b=1&amp;c=2"), "a?b=1&c=2");
        assert_eq!(decode("&#x2F;&#47;&lt;"), "//<");
        assert_eq!(decode("AT&T &unknown;"), "AT&T &unknown;");
    }

    #[test]
    fn reads_srcset_candidates_and_odd_attribute_syntax() {
        let found: Vec<String> =
            urls("<img srcset=\"a.png 1x, b.png 2x\"><a\nclass=x\nhref = \"c\" download><a href>")
                .into_iter()
                .map(|u| u.0)
                .collect();
        assert_eq!(found, ["a.png", "b.png", "c"]);
    }

    #[test]
    fn rebase_moves_relative_links_to_the_list_page() {
        let summary = r##"<p>See <a href="../first/#part">one</a>, <a href="#fn">note</a>, <img src="pic.png" alt="">, <a href="https://x.org/">x</a> and <a href="/abs/">y</a>.</p>"##;
        let on_list = rebase(summary, "articles/second/", "articles/");
        assert_eq!(
            on_list,
            r##"<p>See <a href="first/#part">one</a>, <a href="second/#fn">note</a>, <img src="second/pic.png" alt="">, <a href="https://x.org/">x</a> and <a href="/abs/">y</a>.</p>"##
        );
        let on_home = rebase(summary, "articles/second/", "");
        assert!(
            on_home.contains(r##"href="articles/first/#part""##),
            "{on_home}"
        );
        assert!(matches!(rebase(summary, "a/", "a/"), Cow::Borrowed(_)));
        assert!(matches!(
            rebase("<p>no links</p>", "a/", ""),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn behind_cancels_parent_steps_against_the_prefix() {
        assert_eq!(behind(&["second"], "../first/#p"), "first/#p");
        assert_eq!(behind(&["second"], "../../"), "../");
        assert_eq!(behind(&["second"], "../"), "./");
        assert_eq!(behind(&["second"], "./pic.png"), "second/pic.png");
        assert_eq!(
            behind(&["..", "..", "articles", "second"], "../first/"),
            "../../articles/first/"
        );
        assert_eq!(behind(&["..", "x"], "../../y"), "../../y");
    }

    #[test]
    fn join_resolves_against_a_folder() {
        assert_eq!(join("a/b/", "../c.png?x#y").as_deref(), Some("a/c.png?x#y"));
        assert_eq!(join("a/b/", "../../").as_deref(), Some(""));
        assert_eq!(join("a/", "../../x"), None);
        assert_eq!(join("a/", "#top").as_deref(), Some("a/#top"));
    }

    #[test]
    fn unterminated_markup_does_not_panic() {
        for html in [
            "<a href=\"x",
            "<a href=",
            "<!-- x",
            "<script>x",
            "<",
            "<a",
            "<a b",
        ] {
            let _ = scan(html);
        }
    }

    #[test]
    fn reads_odd_html_as_the_whatwg_tokenizer_does() {
        let found: Vec<String> = urls(
            "<a href=one href=two><title><a href=no1></title><textarea><img src=no2></textarea>\
             <!---><a href=\"&eacute;&#128;?a=1&copy=2&amp\"><noscript><img src=no3></noscript>",
        )
        .into_iter()
        .map(|u| u.0)
        .collect();
        // The first of two `href`s; nothing inside RCDATA/raw text; the
        // whole named-reference table, Windows-1252 for C1 numbers, and a
        // legacy name before `=` left as written; `<!--->` is a comment.
        assert_eq!(found, ["one", "é€?a=1&copy=2&"]);
    }

    // Moved from the old `crypt::tags` scanner, assertions unchanged.
    use crate::html::decode as decode_entities;

    #[test]
    fn attributes_are_found_with_any_quoting_and_case() {
        let html = "<!-- <a href=x> --><IMG Src='a.svg' alt=\"b c\" hidden data-x=y><script>'<a href=z>'</script><p>";
        let tags: Vec<Tag> = Tags::new(html).collect();
        let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["img", "script", "p"]);
        let attrs: Vec<(&str, &str, &str)> = tags[0]
            .attrs
            .iter()
            .map(|a| {
                (
                    a.name,
                    &html[a.value.0..a.value.1],
                    &html[a.quoted.0..a.quoted.1],
                )
            })
            .collect();
        assert_eq!(
            attrs,
            [
                ("Src", "a.svg", "'a.svg'"),
                ("alt", "b c", "\"b c\""),
                ("data-x", "y", "y")
            ]
        );
    }

    #[test]
    fn character_references_are_decoded() {
        assert_eq!(
            decode_entities("a&amp;b&#47;c&#x2F;d&bogus;&"),
            "a&b/c/d&bogus;&"
        );
        assert!(matches!(decode_entities("plain"), Cow::Borrowed("plain")));
    }

    mod differential {
        use proptest::prelude::*;

        /// One piece of random HTML: text, markup, or a start tag with
        /// attributes in every quoting style and character references.
        fn piece() -> impl Strategy<Value = String> {
            let value_part = prop_oneof![
                "[a-zA-Z0-9./#?:_-]{0,6}",
                Just("&amp;".to_string()),
                Just("&amp".to_string()),
                Just("&#47;".to_string()),
                Just("&#x2F;".to_string()),
                Just("&#0;".to_string()),
                Just("&lt".to_string()),
                Just("&eacute;".to_string()),
                Just("&notit;".to_string()),
                Just("&bogus;".to_string()),
                Just("&".to_string()),
                Just(" ".to_string()),
                Just(", ".to_string()),
                Just(" 2x".to_string()),
                Just("\"".to_string()),
                Just("'".to_string()),
                Just("=".to_string()),
                Just(">".to_string()),
                Just("<".to_string()),
                Just("`".to_string()),
                Just("\r\n".to_string()),
                Just("\0".to_string()),
                Just("é".to_string()),
            ];
            let value = prop::collection::vec(value_part, 0..5).prop_map(|p| p.concat());
            let attr_name = prop_oneof![
                Just("href"),
                Just("HREF"),
                Just("src"),
                Just("Src"),
                Just("srcset"),
                Just("poster"),
                Just("data"),
                Just("id"),
                Just("name"),
                Just("class"),
                Just("x"),
                Just("/"),
                Just("\""),
            ];
            let attr = (
                attr_name,
                0..5usize,
                value,
                "[ \t\r\n]{0,2}",
                "[ \t\r\n]{0,2}",
            )
                .prop_map(|(name, quoting, value, before, after)| match quoting {
                    0 => format!(" {name}"),
                    1 => format!(" {name}{before}={after}{value}"),
                    2 => format!(" {name}{before}={after}\"{value}\""),
                    3 => format!(" {name}{before}={after}'{value}'"),
                    _ => format!("{name}=\"{value}\""),
                });
            let tag_name = prop_oneof![
                Just("a"),
                Just("A"),
                Just("area"),
                Just("img"),
                Just("link"),
                Just("script"),
                Just("style"),
                Just("textarea"),
                Just("title"),
                Just("source"),
                Just("video"),
                Just("object"),
                Just("iframe"),
                Just("p"),
                Just("svg"),
                Just("plaintext"),
            ];
            let start = (tag_name, prop::collection::vec(attr, 0..4), any::<bool>()).prop_map(
                |(name, attrs, closing)| {
                    format!(
                        "<{name}{}{}>",
                        attrs.concat(),
                        if closing { "/" } else { "" }
                    )
                },
            );
            prop_oneof![
                4 => start,
                2 => "[a-z <>&;#=/!-]{0,8}",
                1 => prop_oneof![
                    Just("</a>"), Just("</script>"), Just("</STYLE x=y>"), Just("</title>"),
                    Just("</textarea >"), Just("<!-- <a href=c> -->"), Just("<!--"),
                    Just("-->"), Just("<!DOCTYPE html>"), Just("<?x <a href=p>?>"),
                    Just("<![CDATA[ <a href=d> ]]>"), Just("</"), Just("<"), Just("</a href=e>"),
                    Just("<!--->"), Just("--!>"), Just("\r\n"), Just("\r"), Just("\0"),
                ]
                .prop_map(str::to_string),
            ]
        }

        proptest! {
            /// The link scan sees exactly the URLs html5gum's own emitter
            /// sees in random HTML, with positions at their values.
            #[test]
            fn links_match_the_tokenizer_on_random_html(
                pieces in prop::collection::vec(piece(), 0..12)
            ) {
                crate::html::fuzzing::links_match_tokenizer(&pieces.concat());
            }
        }
    }
}
