//! A page's scan packed for keeping ([`Scanned`]): what a build that writes
//! each page as it renders holds of the page once its bytes are on disk.
//! The text of its ids and URLs sits in one buffer, each named by a range,
//! and the page's [`html::Scan`] is lent out of it for the check, a page at
//! a time.

use std::borrow::Cow;
use std::ops::Range;

use super::scan::ScannedPage;
use crate::html::{self, Url, Use};

/// A range of a page (or of the buffer), in 32 bits: a page over 4 GiB is
/// not packed ([`Scanned::of`] gives `None`).
type Span = Range<u32>;

struct PackedUrl {
    text: Span,
    used_as: Use,
    offset: u32,
    raw: Span,
}

/// One page's ids and URLs, packed.
pub struct Scanned {
    path: String,
    text: String,
    ids: Vec<Span>,
    urls: Vec<PackedUrl>,
}

impl Scanned {
    /// The packed scan of the output `path`; `None` when it is not an HTML
    /// page (or is over 4 GiB), so it must be kept as bytes.
    pub fn of(path: &str, bytes: &[u8]) -> Option<Scanned> {
        if !super::is_page(path) || u32::try_from(bytes.len()).is_err() {
            return None;
        }
        let scan = html::scan(std::str::from_utf8(bytes).ok()?);
        let mut text = String::new();
        let mut push = |s: &str| {
            let start = text.len();
            text.push_str(s);
            start..text.len()
        };
        let ids: Vec<Range<usize>> = scan.ids.iter().map(|id| push(id)).collect();
        let urls: Vec<(Range<usize>, &Url)> = scan.urls.iter().map(|u| (push(&u.url), u)).collect();
        // Every position is within the page or the page's own text: both
        // fit in 32 bits, checked above.
        let span =
            |r: &Range<usize>| Some(u32::try_from(r.start).ok()?..u32::try_from(r.end).ok()?);
        Some(Scanned {
            path: path.to_string(),
            ids: ids.iter().map(span).collect::<Option<_>>()?,
            urls: urls
                .iter()
                .map(|(t, u)| {
                    Some(PackedUrl {
                        text: span(t)?,
                        used_as: u.used_as,
                        offset: u32::try_from(u.offset).ok()?,
                        raw: span(&u.raw)?,
                    })
                })
                .collect::<Option<_>>()?,
            text,
        })
    }

    fn text(&self, span: &Span) -> &str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or_default()
    }

    /// The page's scan, borrowing the packed text.
    fn scan(&self) -> html::Scan<'_> {
        let range = |s: &Span| s.start as usize..s.end as usize;
        html::Scan {
            ids: self
                .ids
                .iter()
                .map(|s| Cow::Borrowed(self.text(s)))
                .collect(),
            urls: self
                .urls
                .iter()
                .map(|u| Url {
                    url: Cow::Borrowed(self.text(&u.text)),
                    used_as: u.used_as,
                    offset: u.offset as usize,
                    raw: range(&u.raw),
                })
                .collect(),
        }
    }
}

impl ScannedPage for Scanned {
    fn path(&self) -> &str {
        &self.path
    }

    fn ids(&self) -> Vec<&str> {
        self.ids.iter().map(|s| self.text(s)).collect()
    }

    fn url_count(&self) -> usize {
        self.urls.len()
    }

    fn with_scan<R>(&self, f: impl FnOnce(&html::Scan<'_>) -> R) -> R {
        f(&self.scan())
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
            "[a-z]{1,8}".prop_map(|i| format!("<h2 id=\"{i}\">t</h2>")),
            Just("<img srcset=\"a.png 1x, b&amp;c.png 2x\" src=\"a.png\">".to_string()),
            Just("<a name=caf&eacute;>".to_string()),
            "[ a-zé<>]{0,20}",
        ];
        prop::collection::vec(part, 0..12).prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn a_packed_scan_lends_back_the_scan_it_was_made_from(html in page()) {
            let packed = Scanned::of("a/index.html", html.as_bytes()).expect("an HTML page");
            let lent = packed.scan();
            let scan = html::scan(&html);
            prop_assert_eq!(&lent.ids, &scan.ids);
            prop_assert_eq!(&lent.urls, &scan.urls);
            prop_assert_eq!(packed.ids(), scan.ids.iter().map(|i| i.as_ref()).collect::<Vec<_>>());
            prop_assert_eq!(packed.url_count(), scan.urls.len());
        }
    }

    #[test]
    fn only_html_pages_are_packed() {
        assert!(Scanned::of("feed.xml", b"<a href=x>").is_none());
        assert!(Scanned::of("x.html", b"\xff<a href=x>").is_none());
        assert!(Scanned::of("x.htm", b"<a href=x>").is_some());
    }
}
