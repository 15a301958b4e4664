//! A page's scan packed for keeping ([`Scanned`]): what a build that writes
//! each page as it renders holds of the page once its bytes are on disk.
//! The text of each id and URL is kept once for the whole site ([`Texts`]):
//! most are the same navigation, tag and asset links on every page, so a
//! page holds only their numbers, and its links are lent out of the texts
//! for the check, a page at a time.

use std::hash::BuildHasher;
use std::sync::Mutex;

use hashbrown::HashTable;

use super::resolve::{is_implicit_anchor, own_anchor};
use super::scan::{Link, ScannedPage};
use crate::html::{self, Use};

/// The distinct texts of one site's kept scans, numbered in the order they
/// were first seen; filled from any thread.
#[derive(Default)]
pub struct Texts {
    index: Mutex<TextIndex>,
}

/// The texts one after the other in one buffer, found by their hash: about
/// the length of a text and 14 bytes each, with no allocation of its own.
#[derive(Default)]
struct TextIndex {
    texts: Strings,
    /// The numbers of the texts, found by the texts' hash.
    numbers: HashTable<u32>,
}

/// Texts by number.
#[derive(Default)]
pub(super) struct Strings {
    buffer: String,
    /// Where each text is in `buffer`: start and length.
    spans: Vec<(u32, u32)>,
}

impl Strings {
    fn get(&self, n: u32) -> &str {
        // Every number was given by these strings, on char boundaries.
        self.spans
            .get(n as usize)
            .and_then(|&(start, len)| self.buffer.get(start as usize..(start + len) as usize))
            .unwrap_or_default()
    }
}

fn hash(text: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(text)
}

impl TextIndex {
    /// The number of `text`, given it if it is new; `None` past 4 GiB of
    /// texts.
    fn number(&mut self, text: &str) -> Option<u32> {
        let TextIndex { texts, numbers } = self;
        let hash = hash(text);
        if let Some(n) = numbers.find(hash, |n| texts.get(*n) == text) {
            return Some(*n);
        }
        let n = u32::try_from(texts.spans.len()).ok()?;
        let start = u32::try_from(texts.buffer.len()).ok()?;
        let len = u32::try_from(text.len()).ok()?;
        start.checked_add(len)?;
        texts.buffer.push_str(text);
        texts.spans.push((start, len));
        numbers.insert_unique(hash, n, |n| self::hash(texts.get(*n)));
        Some(n)
    }
}

impl Texts {
    /// The texts by number, once no more pages are packed.
    pub(super) fn into_strings(self) -> Strings {
        let index = self.index.into_inner().unwrap_or_else(|e| e.into_inner());
        index.texts
    }
}

struct PackedUrl {
    text: u32,
    /// Where the attribute's value starts in the page.
    offset: u32,
    used_as: Use,
}

/// One page's ids and URLs, packed: numbers in its site's [`Texts`].
pub struct Scanned {
    path: Box<str>,
    ids: Box<[u32]>,
    urls: Box<[PackedUrl]>,
}

impl Scanned {
    /// The packed scan of the output `path`, its texts numbered in `texts`;
    /// `None` when it is not an HTML page (or is over 4 GiB), so it must be
    /// kept as bytes.
    pub fn of(path: &str, bytes: &[u8], texts: &Texts) -> Option<Scanned> {
        if !super::is_page(path) || u32::try_from(bytes.len()).is_err() {
            return None;
        }
        let scan = html::scan(std::str::from_utf8(bytes).ok()?);
        // A link to an anchor of the page itself (a table of contents, a
        // footnote) is checked now, and kept only when it is broken: its
        // text is the page's own, so never shared with other pages.
        let sorted_ids = {
            let mut ids: Vec<&str> = scan.ids.iter().map(|i| i.as_ref()).collect();
            ids.sort_unstable();
            ids
        };
        let resolved_here = |url: &str| {
            own_anchor(url).is_some_and(|fragment| {
                is_implicit_anchor(&fragment)
                    || sorted_ids.binary_search(&fragment.as_ref()).is_ok()
            })
        };
        // One lock for the whole page.
        let mut index = crate::cache::lock(&texts.index);
        let ids = scan
            .ids
            .iter()
            .map(|id| index.number(id))
            .collect::<Option<_>>()?;
        let urls = scan
            .urls
            .iter()
            .filter(|u| !resolved_here(&u.url))
            .map(|u| {
                Some(PackedUrl {
                    text: index.number(&u.url)?,
                    // Within the page, whose length fits in 32 bits.
                    offset: u32::try_from(u.offset).ok()?,
                    used_as: u.used_as,
                })
            })
            .collect::<Option<_>>()?;
        Some(Scanned {
            path: path.into(),
            ids,
            urls,
        })
    }

    pub fn path(&self) -> &str {
        &self.path
    }
}

/// The packed pages of one site with their texts, as the check reads them.
pub(super) struct Lent<'a> {
    page: &'a Scanned,
    texts: &'a Strings,
}

impl<'a> Lent<'a> {
    pub(super) fn new(page: &'a Scanned, texts: &'a Strings) -> Lent<'a> {
        Lent { page, texts }
    }

    fn text(&self, n: u32) -> &'a str {
        self.texts.get(n)
    }
}

impl ScannedPage for Lent<'_> {
    fn path(&self) -> &str {
        &self.page.path
    }

    fn ids(&self) -> Vec<&str> {
        self.page.ids.iter().map(|n| self.text(*n)).collect()
    }

    fn url_count(&self) -> usize {
        self.page.urls.len()
    }

    fn links(&self) -> impl Iterator<Item = Link<'_>> {
        self.page.urls.iter().map(|u| Link {
            url: self.text(u.text),
            used_as: u.used_as,
            offset: u.offset as usize,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;

    /// Pages of links, ids, entities and multi-byte text in any order.
    fn page() -> impl Strategy<Value = String> {
        let part = prop_oneof![
            "[a-zé/#.]{0,12}".prop_map(|u| format!("<a href=\"{u}\">x</a>")),
            "[a-z]{1,3}".prop_map(|i| format!("<h2 id=\"{i}\">t</h2>")),
            "[ a-z%]{0,3}".prop_map(|i| format!("<a href=\"#{i}\">t</a>")),
            Just("<img srcset=\"a.png 1x, b&amp;c.png 2x\" src=\"a.png\">".to_string()),
            Just("<a name=caf&eacute;>".to_string()),
            "[ a-zé<>]{0,20}",
        ];
        prop::collection::vec(part, 0..12).prop_map(|parts| parts.concat())
    }

    proptest! {
        /// Several pages share one set of texts: each lends back the ids
        /// and URLs of its own scan, whatever the others held, but for the
        /// links to one of its own anchors, checked when it was packed.
        #[test]
        fn packed_pages_lend_back_the_scans_they_were_made_from(
            pages in prop::collection::vec(page(), 1..6)
        ) {
            let texts = Texts::default();
            let packed: Vec<Scanned> = pages
                .iter()
                .enumerate()
                .map(|(i, html)| Scanned::of(&format!("{i}/index.html"), html.as_bytes(), &texts))
                .collect::<Option<_>>()
                .expect("HTML pages");
            let list = texts.into_strings();
            let all: Vec<&str> = (0..list.spans.len() as u32).map(|n| list.get(n)).collect();
            let distinct: std::collections::HashSet<&str> = all.iter().copied().collect();
            prop_assert_eq!(distinct.len(), all.len(), "each text kept once");
            for (html, page) in pages.iter().zip(&packed) {
                let lent = Lent::new(page, &list);
                let scan = html::scan(html);
                prop_assert_eq!(lent.ids(), scan.ids.iter().map(|i| i.as_ref()).collect::<Vec<_>>());
                let links: Vec<(&str, Use, usize)> =
                    lent.links().map(|l| (l.url, l.used_as, l.offset)).collect();
                let own = |url: &str| {
                    crate::links::resolve::own_anchor(url).is_some_and(|f| {
                        f.is_empty() || f == "top" || scan.ids.contains(&f)
                    })
                };
                let want: Vec<(&str, Use, usize)> = scan
                    .urls
                    .iter()
                    .filter(|u| !own(&u.url))
                    .map(|u| (u.url.as_ref(), u.used_as, u.offset))
                    .collect();
                prop_assert_eq!(links, want);
                prop_assert_eq!(lent.url_count(), lent.links().count());
            }
        }
    }

    #[test]
    fn a_link_on_every_page_is_kept_once() {
        let texts = Texts::default();
        let nav = "<a href=\"/articles/\">Articles</a><h1 id=\"top\">x</h1>";
        let pages: Vec<Scanned> = (0..100)
            .map(|i| Scanned::of(&format!("{i}.html"), nav.as_bytes(), &texts).unwrap())
            .collect();
        let strings = texts.into_strings();
        assert_eq!(strings.spans.len(), 2);
        assert_eq!((strings.get(0), strings.get(1)), ("top", "/articles/"));
        assert!(pages.iter().all(|p| p.urls.len() == 1 && p.ids.len() == 1));
    }

    #[test]
    fn a_link_to_an_anchor_of_its_own_page_is_kept_only_when_broken() {
        let texts = Texts::default();
        let html = "<h2 id=\"caf%C3%A9\">x</h2><h2 id=\"café\">y</h2>\
                    <a href=\"#café\">ok</a><a href=\" #caf%C3%A9 \">ok</a>\
                    <a href=\"#\">top</a><a href=\"#top\">top</a>\
                    <a href=\"#nowhere\">broken</a><a href=\"other/#café\">elsewhere</a>";
        let page = Scanned::of("p.html", html.as_bytes(), &texts).unwrap();
        let list = texts.into_strings();
        let lent = Lent::new(&page, &list);
        let urls: Vec<&str> = lent.links().map(|l| l.url).collect();
        assert_eq!(urls, ["#nowhere", "other/#café"]);
    }

    #[test]
    fn only_html_pages_are_packed() {
        let texts = Texts::default();
        assert!(Scanned::of("feed.xml", b"<a href=x>", &texts).is_none());
        assert!(Scanned::of("x.html", b"\xff<a href=x>", &texts).is_none());
        assert!(Scanned::of("x.htm", b"<a href=x>", &texts).is_some());
    }
}
