//! Hugo's other date keys. Hugo takes a page's date from the first of
//! `date`, `publishDate`, `pubdate`, `published`, `lastmod`, `modified` it
//! finds, and its last change from `lastmod` or `modified` (its default
//! `[frontmatter]` settings, keys in any case). folio reads them the same
//! way into `date` and `updated`; `date` and `updated` themselves win.

use crate::date::Date;

/// Hugo's fallbacks for `date`, in Hugo's order (lower case).
const DATE_ORDER: &[&str] = &["publishdate", "pubdate", "published", "lastmod", "modified"];

/// Whether `key` is one of Hugo's date keys (in any case).
pub fn is_key(key: &str) -> bool {
    DATE_ORDER.contains(&key.to_ascii_lowercase().as_str())
}

/// The Hugo dates one front matter gives.
#[derive(Default)]
pub(super) struct HugoDates {
    found: [Option<Date>; 5],
}

impl HugoDates {
    /// Records `date` under `key` (one of [`is_key`]'s keys).
    pub(super) fn set(&mut self, key: &str, date: Date) {
        let lower = key.to_ascii_lowercase();
        if let Some(i) = DATE_ORDER.iter().position(|k| *k == lower) {
            self.found[i] = Some(date);
        }
    }

    /// The page's date and last change, where front matter gives none.
    pub(super) fn fill(&self, date: &mut Option<Date>, updated: &mut Option<Date>) {
        *date = date.or_else(|| self.found.iter().flatten().next().copied());
        *updated = updated.or(self.found[3]).or(self.found[4]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hugo_order_fills_what_front_matter_leaves_out() {
        let day = |s: &str| Date::parse(s).unwrap();
        let mut h = HugoDates::default();
        h.set("lastmod", day("2024-02-01"));
        h.set("publishDate", day("2024-01-01"));
        let (mut date, mut updated) = (None, None);
        h.fill(&mut date, &mut updated);
        assert_eq!(
            (date, updated),
            (Some(day("2024-01-01")), Some(day("2024-02-01")))
        );
        let (mut date, mut updated) = (Some(day("2023-01-01")), None);
        h.fill(&mut date, &mut updated);
        assert_eq!(date, Some(day("2023-01-01")));
        assert!(is_key("PublishDate") && is_key("modified") && !is_key("expiryDate"));
    }
}
