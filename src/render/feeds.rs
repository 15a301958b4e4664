//! Machine-readable site files: the Atom feed, `sitemap.xml` and
//! `robots.txt`, written directly (no template) so they are always valid
//! XML and deterministic.

use std::fmt::Write as _;

use crate::config::Config;
use crate::content::Item;
use crate::date::Date;
use crate::markdown::escape;

/// How many articles the feed carries.
const FEED_LEN: usize = 20;

/// The newest date of all `articles`: the feed's own `<updated>`.
fn newest(articles: &[&Item]) -> Option<Date> {
    articles.iter().filter_map(|a| a.updated.max(a.date)).max()
}

/// The articles the feed carries: the first [`FEED_LEN`] with a date. An
/// article with no date at all is left out (Atom needs one on every entry,
/// and folio does not invent it); loading warns about it.
fn carried<'a>(articles: &'a [&'a Item]) -> impl Iterator<Item = &'a Item> {
    articles
        .iter()
        .copied()
        .filter(|a| a.date.is_some() || a.updated.is_some())
        .take(FEED_LEN)
}

/// The Atom feed of `articles` (newest first, already public).
pub fn atom(config: &Config, articles: &[&Item]) -> String {
    let base = &config.base_url;
    let updated =
        newest(articles).map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d: Date| d.rfc3339());
    let author = if config.author.is_empty() {
        &config.title
    } else {
        &config.author
    };
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape(&config.language)
    );
    let _ = writeln!(x, "  <title>{}</title>", escape(&config.title));
    if !config.description.is_empty() {
        let _ = writeln!(x, "  <subtitle>{}</subtitle>", escape(&config.description));
    }
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}atom.xml\"/>",
        escape(base)
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(base)
    );
    let _ = writeln!(x, "  <id>{}</id>", escape(base));
    let _ = writeln!(x, "  <updated>{updated}</updated>");
    let _ = writeln!(x, "  <author><name>{}</name></author>", escape(author));
    x.push_str("  <generator>folio</generator>\n");
    for a in carried(articles) {
        let url = format!("{base}{}", a.path);
        let published = a.date.map(|d| d.rfc3339());
        let entry_updated = a
            .updated
            .or(a.date)
            .map_or_else(|| updated.clone(), |d| d.rfc3339());
        x.push_str("  <entry>\n");
        let _ = writeln!(x, "    <title>{}</title>", escape(&a.title));
        let _ = writeln!(
            x,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape(&url)
        );
        let _ = writeln!(x, "    <id>{}</id>", escape(&url));
        if let Some(p) = published {
            let _ = writeln!(x, "    <published>{p}</published>");
        }
        let _ = writeln!(x, "    <updated>{entry_updated}</updated>");
        for tag in &a.tags {
            let _ = writeln!(x, "    <category term=\"{}\"/>", escape(tag));
        }
        if !a.description.is_empty() {
            let _ = writeln!(x, "    <summary>{}</summary>", escape(&a.description));
        }
        // Links in the body are relative to the article's own URL.
        let _ = writeln!(
            x,
            "    <content type=\"html\" xml:base=\"{}\">{}</content>",
            escape(&url),
            escape(&a.rendered.html.text())
        );
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

/// A hash of everything [`atom`] reads: the config's fields it shows, the
/// newest date of all `articles`, and the articles it carries, each by its
/// address and version (which covers the rest of its data).
pub fn atom_key(config: &Config, articles: &[&Item]) -> u64 {
    let carried: Vec<(&str, u64)> = carried(articles)
        .map(|a| (a.path.as_str(), a.version))
        .collect();
    crate::cache::hash_of(&(
        &config.base_url,
        &config.language,
        &config.title,
        &config.description,
        &config.author,
        newest(articles),
        carried,
    ))
}

/// `sitemap.xml` listing `pages` (site path, last modification).
pub fn sitemap(config: &Config, pages: &[(&str, Option<Date>)]) -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, lastmod) in pages {
        let _ = write!(
            x,
            "  <url><loc>{}{}</loc>",
            escape(&config.base_url),
            escape(path)
        );
        if let Some(d) = lastmod {
            let _ = write!(x, "<lastmod>{d}</lastmod>");
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

pub fn robots(config: &Config, private: bool) -> String {
    if private {
        "User-agent: *\nDisallow: /\n".to_string()
    } else {
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            config.base_url
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Kind;

    fn article(n: usize, date: Option<&str>) -> Item {
        let mut a = Item::new(
            Kind::Article,
            &format!("articles/a{n}.md"),
            format!("articles/a{n}/"),
            format!("A{n}"),
        );
        a.date = date.map(|d| Date::parse(d).expect("date"));
        a.version = n as u64;
        a
    }

    /// Whatever changes the feed changes its key: the key stands in for the
    /// feed while `folio serve` or `watch` reuses it.
    #[test]
    fn every_change_to_the_feed_changes_its_key() {
        let config = crate::config::testing::parse("author = \"Ada\"\n").expect("config");
        let mut items: Vec<Item> = (0..25).map(|n| article(n, Some("2026-01-02"))).collect();
        items.push(article(99, None));
        let base = || (config.clone(), items.clone());
        type Edit = Box<dyn Fn(&mut Config, &mut Vec<Item>)>;
        let edits: Vec<(&str, Edit)> = vec![
            ("title", Box::new(|c, _| c.title = "Other".into())),
            (
                "base_url",
                Box::new(|c, _| c.base_url = "https://y.org/".into()),
            ),
            ("language", Box::new(|c, _| c.language = "fr".into())),
            ("description", Box::new(|c, _| c.description = "D".into())),
            ("author", Box::new(|c, _| c.author = "Grace".into())),
            (
                "an address",
                Box::new(|_, a| a[0].path = "elsewhere/".into()),
            ),
            (
                // An edit to a file changes the item's data and its version.
                "an edit",
                Box::new(|_, a| {
                    a[3].title = "Edited".into();
                    a[3].version = 1000;
                }),
            ),
            (
                "the newest date, of an article past the feed's length",
                Box::new(|_, a| a[24].updated = Some(Date::parse("2027-01-01").expect("date"))),
            ),
            ("an article fewer", Box::new(|_, a| drop(a.remove(0)))),
        ];
        let feed = |c: &Config, a: &[Item]| {
            let refs: Vec<&Item> = a.iter().collect();
            (atom(c, &refs), atom_key(c, &refs))
        };
        let (c, a) = base();
        let (first, key) = feed(&c, &a);
        for (what, edit) in &edits {
            let (mut c, mut a) = base();
            edit(&mut c, &mut a);
            let (text, k) = feed(&c, &a);
            assert_ne!(text, first, "{what} changes the feed");
            assert_ne!(k, key, "{what} changes the key");
        }
        // An article the feed does not carry (past its length, not the
        // newest) changes neither.
        let (c, mut a) = base();
        a[24].version = 2000;
        assert_eq!(feed(&c, &a), (first, key));
    }
}
