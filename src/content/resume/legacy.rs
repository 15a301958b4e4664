//! The keys JSON Resume 0.x used before 1.0 renamed them (schema v0.0.16 →
//! v0.0.17, 2019): `work[].company` → `name`, `basics.website`,
//! `work[].website`, `volunteer[].website`, `publications[].website` →
//! `url`, `basics.picture` → `image`, `education[].gpa` → `score`.
//!
//! A CV in the old form is read as if written in the new one (the 1.0 key
//! wins when both are there), while `resume.json` keeps the keys as they
//! were written. [`RENAMES`] lists them for the warnings that suggest the
//! new names.

use super::{Basics, Education, Text, Url, Work};

/// `(object, 0.x key, 1.0 key)`: `object` is a section (`work`) or `basics`.
pub const RENAMES: &[(&str, &str, &str)] = &[
    ("basics", "picture", "image"),
    ("basics", "website", "url"),
    ("work", "company", "name"),
    ("work", "website", "url"),
    ("volunteer", "website", "url"),
    ("education", "gpa", "score"),
    ("publications", "website", "url"),
];

/// The 1.0 name of the 0.x key `key` of `object`, if it is one.
pub fn renamed(object: &str, key: &str) -> Option<&'static str> {
    RENAMES
        .iter()
        .find(|(o, old, _)| *o == object && *old == key)
        .map(|(_, _, new)| *new)
}

impl Work {
    /// The employer: `name`, else the 0.x `company`.
    pub fn employer(&self) -> Option<&Text> {
        self.name.as_ref().or(self.company.as_ref())
    }

    /// The employer's site: `url`, else the 0.x `website`.
    pub fn link(&self) -> Option<&Url> {
        self.url.as_ref().or(self.website.as_ref())
    }
}

impl Basics {
    /// The person's own site: `url`, else the 0.x `website`.
    pub fn link(&self) -> Option<&Url> {
        self.url.as_ref().or(self.website.as_ref())
    }

    /// The portrait: `image`, else the 0.x `picture`.
    pub fn portrait(&self) -> Option<&Text> {
        self.image.as_ref().or(self.picture.as_ref())
    }
}

impl Education {
    /// The grade: `score`, else the 0.x `gpa`.
    pub fn grade(&self) -> Option<&Text> {
        self.score.as_ref().or(self.gpa.as_ref())
    }
}

/// A section entry as templates see it (a JSON object): the 0.x keys of
/// `section` copied to their 1.0 names where those are absent, so the
/// templates, which read 1.0 names, show them.
pub fn upgrade_entry(section: &str, entry: &mut serde_json::Map<String, serde_json::Value>) {
    for (object, old, new) in RENAMES {
        if *object != section || entry.contains_key(*new) {
            continue;
        }
        if let Some(v) = entry.get(*old).cloned() {
            entry.insert((*new).to_string(), v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_1_0_key_wins_over_the_0_x_key() {
        let w: Work = serde_json::from_value(serde_json::json!({
            "company": "Old Name", "website": "https://old.example.org/"
        }))
        .unwrap();
        assert_eq!(w.employer().map(Text::as_str), Some("Old Name"));
        assert_eq!(w.link().map(Url::as_str), Some("https://old.example.org/"));
        let w: Work =
            serde_json::from_value(serde_json::json!({"company": "Old", "name": "New"})).unwrap();
        assert_eq!(w.employer().map(Text::as_str), Some("New"));
    }

    #[test]
    fn entries_get_their_1_0_keys_for_templates() {
        let mut e = serde_json::json!({"website": "https://a.example/", "gpa": "3.70"});
        let map = e.as_object_mut().unwrap();
        upgrade_entry("education", map);
        assert_eq!(map.get("score"), Some(&serde_json::json!("3.70")));
        assert!(!map.contains_key("url"), "education has no 0.x website");
        upgrade_entry("publications", map);
        assert_eq!(
            map.get("url"),
            Some(&serde_json::json!("https://a.example/"))
        );
        assert_eq!(renamed("work", "company"), Some("name"));
        assert_eq!(renamed("basics", "company"), None);
    }
}
