//! Dates in file names: Jekyll's `_posts/2026-03-14-title.md` and Zola's
//! `2026-03-14_title.md` (or that folder holding `index.md`) give the page
//! its date when front matter has none, and the date is left out of the
//! URL. An article with no date at all gets a warning here.

use super::{Kind, Placed, page_files};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::slug::slugify;

/// The date a page's name starts with (`2026-03-14-title.md`, or the
/// folder of `2026-03-14_title/index.md`, as Jekyll and Zola name posts),
/// and the rest of the name. Only articles and pages are named so; the
/// date may not be a real day (the error says why).
pub(super) fn dated_name(
    rel: &str,
    kind: Kind,
) -> Option<(std::result::Result<Date, String>, &str)> {
    if !matches!(kind, Kind::Article | Kind::Page) {
        return None;
    }
    let stem = page_files::stem(rel);
    let mut parts = stem.rsplit('/');
    let mut name = parts.next()?;
    if matches!(name, "_index" | "index") {
        name = parts.next()?;
    }
    let b = name.as_bytes();
    let shaped = b.len() > 11
        && matches!(b[10], b'-' | b'_')
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    let rest = name.get(11..)?;
    (shaped && !slugify(rest).is_empty()).then(|| (Date::parse(&name[..10]), rest))
}

/// A published article with no date at all (none in front matter or the
/// file name): a warning, since it lists last and stays out of the feed.
/// A draft may wait for its date, as Jekyll's `_drafts` do.
pub(super) fn undated(p: &Placed) -> Option<Diagnostic> {
    let item = &p.item;
    (item.kind == Kind::Article && !item.draft && item.date.is_none() && item.updated.is_none())
        .then(|| {
            Diagnostic::warning("no-date", &item.source, "this article has no date: it is listed after every dated article and left out of the Atom feed")
                .at_in(&p.text(), 1, 1)
                .hint("add `date: 2026-03-14` to its front matter, or start its file name with the date (2026-03-14-title.md)")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::place::url_path;

    #[test]
    fn a_dated_name_gives_the_date_and_leaves_the_url() {
        fn date(rel: &str, kind: Kind) -> Option<(std::result::Result<String, String>, &str)> {
            dated_name(rel, kind).map(|(d, rest)| (d.map(|d| d.to_string()), rest))
        }
        assert_eq!(
            date("articles/2019-03-22-hello-world.md", Kind::Article),
            Some((Ok("2019-03-22".to_string()), "hello-world"))
        );
        assert_eq!(
            date("articles/2019-03-22_hello/index.md", Kind::Article),
            Some((Ok("2019-03-22".to_string()), "hello"))
        );
        assert!(matches!(
            date("articles/2019-02-30-x.md", Kind::Article),
            Some((Err(_), "x"))
        ));
        for plain in [
            "articles/2019-03-22.md",
            "articles/2019-03-22-.md",
            "articles/2019-3-22-x.md",
        ] {
            assert_eq!(date(plain, Kind::Article), None, "{plain}");
        }
        assert_eq!(date("roadmaps/2019-03-22-plan.md", Kind::Roadmap), None);
        assert_eq!(
            url_path("articles/2019-03-22-Hello World.md", Kind::Article, None).unwrap(),
            "articles/hello-world/"
        );
        assert_eq!(
            url_path("articles/2019-03-22_hello/index.md", Kind::Article, None).unwrap(),
            "articles/hello/"
        );
    }
}
