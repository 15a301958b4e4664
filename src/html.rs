//! folio's one HTML reader: the start tags of a page and their attributes,
//! with byte positions, as the WHATWG tokenizer reads them (the `html5gum`
//! crate does the tokenizing; folio keeps only what is its own). On top of
//! it, the link checker's scan: the element ids of a page and every URL the
//! page refers to (`href`, `src`, `srcset`, `poster`, `data`), each with
//! the position of its value, for `file:line:col` diagnostics. [`rebase`]
//! uses the scan to move a summary's relative links onto the list page that
//! shows it; the encryption's asset inlining and the audience's "files a
//! page uses" read [`start_tags`] directly (`tags.rs`).
//!
//! Comments, doctypes and end tags hold no URLs; `<script>`, `<style>`,
//! `<textarea>` and `<title>` contents are text; attribute values may be
//! quoted or bare, and their character references are decoded by the
//! tokenizer. Nothing is validated.

pub mod fuzzing;
mod highlighted;
mod input;
mod tags;
mod text;

use std::borrow::Cow;
use std::ops::Range;

pub use tags::{Attr, Tag, start_tags};

pub use text::{escape, escape_into, relative_url};

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

/// The attributes the link check reads.
const SCANNED: &[&str] = &["id", "name", "href", "src", "srcset", "poster", "data"];

/// Scans one HTML document. The insides of highlighted code blocks hold no
/// link and no id, and are skipped ([`highlighted`]).
pub fn scan(html: &str) -> Scan<'_> {
    if let Some(scan) = highlighted::blanked(html).and_then(|b| scan_blanked(html, b)) {
        return scan;
    }
    let mut scan = Scan::default();
    start_tags(html, SCANNED, |tag| {
        for attr in tag.attrs.iter_mut() {
            let value = std::mem::take(&mut attr.decoded);
            let (start, end) = attr.value;
            attribute(tag.name, attr.key, value, start, end, &mut scan);
        }
    });
    scan
}

/// The scan of `html` read with the insides of its code blocks blanked
/// (`read`, the `blanked` ranges), or `None` when one of those insides does
/// not follow a `<code>` tag the tokenizer read as a tag (it sits in a
/// comment, raw text or an attribute's value): then blanking could change
/// what is read, and the page is read as written.
fn scan_blanked<'h>(
    html: &'h str,
    (read, blanked): (Vec<u8>, Vec<Range<usize>>),
) -> Option<Scan<'h>> {
    let mut scan = Scan::default();
    let mut code_ends = Vec::new();
    tags::start_tags_reading(html, &read, SCANNED, |tag| {
        if tag.name == "code" {
            code_ends.push(tag.end);
        }
        for attr in tag.attrs.iter_mut() {
            let value = std::mem::take(&mut attr.decoded);
            let (start, end) = attr.value;
            attribute(tag.name, attr.key, value, start, end, &mut scan);
        }
    });
    // Both lists are in document order.
    let mut ends = code_ends.iter();
    blanked
        .iter()
        .all(|r| ends.any(|&end| end == r.start))
        .then_some(scan)
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

/// The output path a URL written on the page at `page_path` points to, for
/// same-site relative or root-relative URLs to a file; `None` otherwise.
pub fn resolve(page_path: &str, url: &str) -> Option<String> {
    let url = url.trim();
    let url = url.split(['#', '?']).next().unwrap_or("");
    if url.is_empty() || url.starts_with("//") || url.ends_with('/') {
        return None;
    }
    if let Some(colon) = url.find(':')
        && !url[..colon].contains('/')
    {
        return None; // has a scheme: http:, data:, mailto:…
    }
    let mut parts: Vec<String> = if url.starts_with('/') {
        Vec::new()
    } else {
        let mut dir: Vec<String> = page_path.split('/').map(str::to_string).collect();
        dir.pop(); // the page's own file name
        dir
    };
    for seg in url.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            seg => parts.push(crate::percent::decode_strict(seg)?),
        }
    }
    Some(parts.join("/"))
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
    let mut value = String::new();
    start_tags(&html, &["v"], |tag| {
        if let Some(attr) = tag.attrs.first_mut() {
            value = std::mem::take(&mut attr.decoded).into_owned();
        }
    });
    Cow::Owned(value)
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
        let keep = ["src", "alt", "data-x"];
        let mut tags = Vec::new();
        start_tags(html, &keep, |t| {
            tags.push((t.name.to_string(), t.attrs.to_vec()))
        });
        let names: Vec<&str> = tags.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(names, ["img", "script", "p"]);
        let attrs: Vec<(&str, &str, &str)> = tags[0]
            .1
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
}
