//! Files only the private site has, and the references private pages make to
//! them. Such a file is sealed like a page, so a page that shows it cannot
//! load it as is: before a page is sealed, an embedding reference (`src`,
//! `poster`, `<object data>`, `<link href>`) becomes a `data:` URI holding
//! the file, and a link to it (`<a href>`, `<area href>`) gets a
//! `data-folio-encrypted` attribute so the shell's script fetches, decrypts
//! and opens it.
//!
//! The HTML is scanned ([`crate::html::start_tags`]), not parsed into a tree; only the
//! attributes that change are rewritten.

use std::borrow::Cow;
use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::html::{resolve, start_tags};
use crate::output::Outputs;

/// Files that stay readable although the public site has no identical
/// copy: folio writes them itself and they hold no content.
const CONTENT_FREE: &[&str] = &["robots.txt"];

/// Private-only non-HTML files, by path.
pub struct Assets<'a> {
    files: BTreeMap<&'a str, &'a [u8]>,
}

impl<'a> Assets<'a> {
    /// The files of `private` that are not HTML, not content-free, and not
    /// byte-identical to the file at the same path in `public`.
    pub fn private_only(public: &Outputs, private: &'a Outputs) -> Assets<'a> {
        let files = private
            .iter()
            .filter(|(path, bytes)| is_private_only(path, bytes, public))
            .collect();
        Assets { files }
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }
}

/// Whether the file at `path` must be sealed (HTML pages are handled apart).
pub fn is_private_only(path: &str, bytes: &[u8], public: &Outputs) -> bool {
    !is_html(path) && !CONTENT_FREE.contains(&path) && public.get(path) != Some(bytes)
}

pub fn is_html(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

/// The media type for a `data:` URI or an envelope, from the file name.
pub fn media_type(path: &str) -> &'static str {
    crate::output::content_type(path)
}

/// `html` (the page at `page_path`) with every reference to a file of
/// `assets` rewritten; borrowed when nothing refers to one.
pub fn inline<'h>(page_path: &str, html: &'h str, assets: &Assets<'_>) -> Cow<'h, str> {
    if assets.files.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    start_tags(
        html,
        &["src", "poster", "data", "href", "srcset", "sizes"],
        |tag| {
            // A `srcset` naming a sealed file ([`crate::images`]' copies) goes,
            // with its `sizes`: the browser would fetch the sealed bytes
            // instead of the inlined `src`.
            let sealed_candidate = tag.attrs.iter().any(|a| {
                a.key == "srcset"
                    && a.decoded.split(',').any(|c| {
                        let url = c.split_whitespace().next().unwrap_or("");
                        resolve(page_path, url)
                            .is_some_and(|t| assets.files.contains_key(t.as_str()))
                    })
            });
            for attr in tag.attrs.iter() {
                if matches!(attr.key, "srcset" | "sizes") {
                    if sealed_candidate && let Some(start) = attribute_start(html, attr.name) {
                        edits.push((start, attr.quoted.1, String::new()));
                    }
                    continue;
                }
                let is = |name: &str| attr.key == name;
                let embeds = is("src")
                    || is("poster")
                    || (is("data") && tag.name == "object")
                    || (is("href") && tag.name == "link");
                let links = is("href") && matches!(tag.name, "a" | "area");
                if !embeds && !links {
                    continue;
                }
                let Some(target) = resolve(page_path, &attr.decoded) else {
                    continue;
                };
                let Some((path, bytes)) = assets.files.get_key_value(target.as_str()) else {
                    continue;
                };
                let media = media_type(path).replace(' ', "");
                if embeds {
                    let uri = format!("\"data:{media};base64,{}\"", BASE64.encode(bytes));
                    edits.push((attr.quoted.0, attr.quoted.1, uri));
                } else {
                    let marker = format!(" data-folio-encrypted=\"{media}\"");
                    edits.push((attr.quoted.1, attr.quoted.1, marker));
                }
            }
        },
    );
    if edits.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out =
        String::with_capacity(html.len() + edits.iter().map(|e| e.2.len()).sum::<usize>());
    let mut at = 0;
    for (start, end, text) in edits {
        out.push_str(&html[at..start]);
        out.push_str(&text);
        at = end;
    }
    out.push_str(&html[at..]);
    Cow::Owned(out)
}

/// Where the attribute whose name is the slice `name` of `html` starts,
/// with the whitespace before it.
fn attribute_start(html: &str, name: &str) -> Option<usize> {
    let offset = (name.as_ptr() as usize).checked_sub(html.as_ptr() as usize)?;
    (offset + name.len() <= html.len()).then_some(())?;
    Some(html[..offset].trim_end().len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::decode as decode_entities;

    fn outputs(files: &[(&str, &str)]) -> Outputs {
        let mut o = Outputs::default();
        for (p, b) in files {
            o.insert(*p, *b).unwrap();
        }
        o
    }

    #[test]
    fn private_only_means_not_html_not_robots_and_not_identical_to_public() {
        let public = outputs(&[
            ("style.css", "a{}"),
            ("img/x.png", "PNG1"),
            ("robots.txt", "allow"),
        ]);
        let private = outputs(&[
            ("style.css", "a{}"),
            ("img/x.png", "PNG2"),
            ("robots.txt", "disallow"),
            ("progress.json", "{}"),
            ("index.html", "<p>"),
        ]);
        let a = Assets::private_only(&public, &private);
        let paths: Vec<_> = a.files.keys().copied().collect();
        assert_eq!(paths, ["img/x.png", "progress.json"]);
    }

    #[test]
    fn urls_resolve_against_the_page() {
        let cases = [
            (
                "roadmaps/plan/index.html",
                "../diagram.svg",
                Some("roadmaps/diagram.svg"),
            ),
            (
                "roadmaps/plan/index.html",
                "../../progress.json#x",
                Some("progress.json"),
            ),
            ("index.html", "./progress.json?v=1", Some("progress.json")),
            (
                "a/index.html",
                "/roadmaps/d%20x.svg",
                Some("roadmaps/d x.svg"),
            ),
            ("index.html", "../../escape.svg", None),
            ("index.html", "https://x.org/a.svg", None),
            ("index.html", "data:image/png;base64,AA", None),
            ("index.html", "//cdn.example/a.svg", None),
            ("index.html", "roadmaps/", None),
            ("index.html", "#top", None),
        ];
        for (page, url, want) in cases {
            assert_eq!(resolve(page, url).as_deref(), want, "{page} {url}");
        }
    }

    #[test]
    fn embedded_files_become_data_uris_and_links_are_marked() {
        let public = outputs(&[("shared.png", "same")]);
        let private = outputs(&[
            ("roadmaps/diagram.svg", "<svg/>"),
            ("progress.json", "{}"),
            ("shared.png", "same"),
        ]);
        let assets = Assets::private_only(&public, &private);
        let html = concat!(
            "<!-- <img src=\"../diagram.svg\"> -->",
            "<p><IMG alt=\"d\" SRC='../diagram.svg' class=x></p>",
            "<img src=../diagram.svg>",
            "<img src=\"../../shared.png\">",
            "<a href=\"../../progress.json\" rel=\"alternate\">data</a>",
            "<script>var s = '<img src=\"../diagram.svg\">';</script>",
            "<a href=\"https://x.org/\">out</a>",
        );
        let out = inline("roadmaps/plan/index.html", html, &assets);
        let uri = format!("\"data:image/svg+xml;base64,{}\"", BASE64.encode("<svg/>"));
        assert_eq!(
            out,
            format!(
                "{}{}{}{}{}{}{}",
                "<!-- <img src=\"../diagram.svg\"> -->",
                format_args!("<p><IMG alt=\"d\" SRC={uri} class=x></p>"),
                format_args!("<img src={uri}>"),
                "<img src=\"../../shared.png\">",
                "<a href=\"../../progress.json\" data-folio-encrypted=\"application/json\" rel=\"alternate\">data</a>",
                "<script>var s = '<img src=\"../diagram.svg\">';</script>",
                "<a href=\"https://x.org/\">out</a>",
            )
        );
    }

    #[test]
    fn a_srcset_naming_a_sealed_copy_goes_with_its_sizes_and_a_public_one_stays() {
        let public = outputs(&[("pub.png", "P"), ("pub-320w.png", "p")]);
        let private = outputs(&[
            ("pub.png", "P"),
            ("pub-320w.png", "p"),
            ("me.png", "M"),
            ("me-320w.png", "m"),
        ]);
        let assets = Assets::private_only(&public, &private);
        let html = "<img src=\"me.png\" srcset=\"me-320w.png 320w, me.png 900w\" \
                    sizes=\"(max-width: 160px) 100vw, 160px\" alt=\"\">\
                    <img src=\"pub.png\" srcset=\"pub-320w.png 320w\" sizes=\"9px\" alt=\"\">";
        let out = inline("index.html", html, &assets);
        assert_eq!(
            out,
            "<img src=\"data:image/png;base64,TQ==\" alt=\"\">\
             <img src=\"pub.png\" srcset=\"pub-320w.png 320w\" sizes=\"9px\" alt=\"\">"
        );
    }

    #[test]
    fn pages_without_references_are_borrowed() {
        let private = outputs(&[("a.svg", "<svg/>")]);
        let assets = Assets::private_only(&Outputs::default(), &private);
        let html = "<p>text with a < sign and <b>bold</b> <img src=\"b.svg\"></p>";
        assert!(matches!(
            inline("index.html", html, &assets),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn entities_in_urls_are_decoded() {
        assert_eq!(
            decode_entities("a&amp;b&#47;c&#x2F;d&bogus;"),
            "a&b/c/d&bogus;"
        );
        let private = outputs(&[("a&b.svg", "<svg/>")]);
        let assets = Assets::private_only(&Outputs::default(), &private);
        let out = inline("index.html", "<img src=\"a&amp;b.svg\">", &assets);
        assert!(
            out.starts_with("<img src=\"data:image/svg+xml;base64,"),
            "{out}"
        );
    }

    #[test]
    fn scanning_never_panics_on_broken_html() {
        let private = outputs(&[("a.svg", "<svg/>")]);
        let assets = Assets::private_only(&Outputs::default(), &private);
        for html in [
            "<",
            "<a",
            "<a href",
            "<a href=",
            "<a href=\"a.svg",
            "<img src='a.svg",
            "<!--",
            "<script>",
            "<a =x>",
            "<é src=a.svg>",
        ] {
            let _ = inline("index.html", html, &assets);
        }
        let out = inline("index.html", "<img src=\"a.svg", &assets);
        assert!(out.starts_with("<img src=\"data:"), "{out}");
    }
}
