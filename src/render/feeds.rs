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

/// The Atom feed of `articles` (newest first, already public).
pub fn atom(config: &Config, articles: &[&Item]) -> String {
    let base = &config.base_url;
    let updated = articles
        .iter()
        .filter_map(|a| a.updated.max(a.date))
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d: Date| d.rfc3339());
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
    // An article with no date at all is left out (Atom needs one on every
    // entry, and folio does not invent it); loading warns about it.
    let dated = articles
        .iter()
        .filter(|a| a.date.is_some() || a.updated.is_some());
    for a in dated.take(FEED_LEN) {
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
            escape(&a.rendered.html)
        );
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

/// A hash of everything [`atom`] reads: the config's fields it shows, the
/// newest date of all `articles`, and the articles it carries (an item's
/// version covers all of its data).
pub fn atom_key(config: &Config, articles: &[&Item]) -> u64 {
    let updated = articles.iter().filter_map(|a| a.updated.max(a.date)).max();
    let carried: Vec<u64> = articles
        .iter()
        .filter(|a| a.date.is_some() || a.updated.is_some())
        .take(FEED_LEN)
        .map(|a| a.version)
        .collect();
    crate::cache::hash_of(&(
        &config.base_url,
        &config.language,
        &config.title,
        &config.description,
        &config.author,
        updated,
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
