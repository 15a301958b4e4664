//! A small HTML scanner: it finds the element ids of a page and every URL
//! the page refers to (`href`, `src`, `srcset`, `poster`, `data`), each with
//! its position, in one pass without building a tree. `check` uses it to
//! check links; [`rebase`] uses it to move a summary's relative links onto
//! the list page that shows it.
//!
//! It follows the HTML tokenizer where it matters for links: comments,
//! doctypes and end tags are skipped, `<script>` and `<style>` contents are
//! raw text, attribute values may be quoted or bare, and character
//! references in values are decoded. It does not validate anything.

use std::borrow::Cow;
use std::ops::Range;

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
    let bytes = html.as_bytes();
    let mut scan = Scan::default();
    let mut i = 0;
    while let Some(lt) = memchr(b'<', bytes, i) {
        i = lt + 1;
        let rest = &html[i..];
        if rest.starts_with("!--") {
            i = html[i + 3..]
                .find("-->")
                .map_or(html.len(), |e| i + 3 + e + 3);
        } else if rest.starts_with('!') || rest.starts_with('?') || rest.starts_with('/') {
            i = memchr(b'>', bytes, i).map_or(html.len(), |e| e + 1);
        } else if rest.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
            i = start_tag(html, i, &mut scan);
        }
    }
    scan
}

/// Reads the start tag whose name begins at `i`; returns where scanning
/// goes on.
fn start_tag<'a>(html: &'a str, mut i: usize, scan: &mut Scan<'a>) -> usize {
    let bytes = html.as_bytes();
    let name_start = i;
    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
        i += 1;
    }
    let name = lower(&html[name_start..i]);
    loop {
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return i;
        }
        if bytes[i] == b'>' {
            i += 1;
            break;
        }
        let attr_start = i;
        if bytes[i] == b'=' {
            i += 1; // a name may start with `=`
        }
        while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let attr = lower(&html[attr_start..i]);
        let mut j = i;
        while j < bytes.len() && is_space(bytes[j]) {
            j += 1;
        }
        if j >= bytes.len() || bytes[j] != b'=' {
            continue; // attribute without a value
        }
        j += 1;
        while j < bytes.len() && is_space(bytes[j]) {
            j += 1;
        }
        let (value_start, value_end, next) = match bytes.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = memchr(q, bytes, j + 1).unwrap_or(bytes.len());
                (j + 1, end, (end + 1).min(bytes.len()))
            }
            _ => {
                let mut e = j;
                while e < bytes.len() && !is_space(bytes[e]) && bytes[e] != b'>' {
                    e += 1;
                }
                (j, e, e)
            }
        };
        i = next;
        attribute(
            &name,
            &attr,
            &html[value_start..value_end],
            value_start,
            scan,
        );
    }
    if name == "script" || name == "style" {
        // Raw text: nothing in it is markup.
        let close = format!("</{name}");
        return find_ascii_ci(html, i, &close).unwrap_or(html.len());
    }
    i
}

fn attribute<'a>(tag: &str, attr: &str, raw: &'a str, offset: usize, scan: &mut Scan<'a>) {
    let span = offset..offset + raw.len();
    let url = |used_as| Url {
        url: decode(raw),
        used_as,
        offset,
        raw: span.clone(),
    };
    match (tag, attr) {
        (_, "id") | ("a", "name") => scan.ids.push(decode(raw)),
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
            let value = decode(raw);
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

/// Decodes the character references that matter in URLs and ids.
pub fn decode(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map_or(rest.len(), |e| e + 1);
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name.strip_prefix('#').and_then(|n| {
                let code = match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => n.parse().ok(),
                };
                code.and_then(char::from_u32)
            }),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                let skip = if rest[end..].starts_with(';') {
                    end + 1
                } else {
                    end
                };
                rest = &rest[skip..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

fn memchr(needle: u8, haystack: &[u8], from: usize) -> Option<usize> {
    memchr::memchr(needle, haystack.get(from..)?).map(|p| p + from)
}

fn find_ascii_ci(html: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = html.as_bytes().get(from..)?;
    let n = needle.as_bytes();
    hay.windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
        .map(|p| p + from)
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
}
