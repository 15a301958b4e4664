//! Turning titles, file names and tags into URL segments and element ids.
//!
//! Two rules live here. [`slugify`] makes URL segments (runs of anything but
//! letters and digits become one `-`). [`heading_id`] makes heading ids the
//! way GitHub does, so the in-page links of a README written on GitHub
//! (`[back to top](#-table-of-contents)`) work unchanged; [`HeadingIds`]
//! keeps them unique the way GitHub does.

use std::collections::HashMap;

use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

/// Lowercase letters and digits (any script), other runs become one `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// [`slugify`] in ASCII, for file names `folio new` makes from a title:
/// letters and digits of any script are transliterated (`Café Über` →
/// `cafe-uber`, `Профиль` → `profil`, `安装` → `an-zhuang`), then the same
/// rule applies. Symbols and emoji go, as in [`slugify`]. The URL made from
/// such a file name is the name itself.
pub fn ascii_slug(text: &str) -> String {
    let mut ascii = String::with_capacity(text.len());
    for c in text.chars() {
        match deunicode::deunicode_char(c) {
            // Syllables (`安` → `An `) come with their own space.
            // Letters only: `ь` → `'` must not split `пользователя`.
            Some(t) if c.is_alphanumeric() || c == '_' => ascii.extend(
                t.chars()
                    .filter(|a| a.is_ascii_alphanumeric() || *a == '_' || *a == ' '),
            ),
            // Combining marks (`e\u{301}`) vanish, as they do in `é`.
            Some("") => {}
            _ => ascii.push(' '),
        }
    }
    slugify(&ascii)
}

/// The URL segment of a tag (`tag` when the name has no letters or digits).
pub fn tag_slug(name: &str) -> String {
    let s = slugify(name);
    if s.is_empty() { "tag".into() } else { s }
}

/// The id GitHub gives a heading with this text: lowercased; every space
/// becomes `-` (no collapsing, no trimming); `-` and `_` stay, and so do
/// letters, marks and digits of any script; everything else (punctuation,
/// symbols and emoji, other spaces, control and format characters) goes.
/// `📚 Table of Contents` → `-table-of-contents`; `Don't panic` →
/// `dont-panic`; `AI & ML` → `ai--ml`. Empty when nothing is left.
pub fn heading_id(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c == ' ' {
            out.push('-');
        } else if kept_in_heading_id(c) {
            out.push(c);
        }
    }
    out
}

/// GitHub keeps letters, marks, decimal and letter numbers, connector
/// punctuation (`_`), the ASCII `-`, and any character with the Alphabetic
/// property (circled letters are symbols that count as letters).
fn kept_in_heading_id(c: char) -> bool {
    if c == '-' || c.is_alphabetic() {
        return true;
    }
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Mark
    ) || matches!(
        c.general_category(),
        GeneralCategory::DecimalNumber
            | GeneralCategory::LetterNumber
            | GeneralCategory::ConnectorPunctuation
    )
}

/// The ids of one page so far, made unique the way GitHub does: the second
/// `Notes` is `notes-1`, the third `notes-2`, and a suffixed id that is
/// itself taken (a heading `Notes 1` came first) moves on to the next number.
#[derive(Debug, Default)]
pub struct HeadingIds {
    /// Each id given out, with the last suffix tried for it as a base.
    seen: HashMap<String, usize>,
}

impl HeadingIds {
    /// Ids that are already taken (the page layout's own).
    pub fn reserving<'a>(ids: impl IntoIterator<Item = &'a str>) -> Self {
        HeadingIds {
            seen: ids.into_iter().map(|id| (id.to_string(), 0)).collect(),
        }
    }

    /// `base` if it is free, else `base-N` for the first free `N` from the
    /// last one tried for `base`.
    pub fn unique(&mut self, base: String) -> String {
        let mut id = base.clone();
        while self.seen.contains_key(&id) {
            let n = self.seen.get_mut(&base).map_or(1, |n| {
                *n += 1;
                *n
            });
            id = format!("{base}-{n}");
        }
        self.seen.insert(id.clone(), 0);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs_keep_words_and_drop_punctuation() {
        assert_eq!(slugify("Hello, World!"), "hello-world");
        assert_eq!(
            slugify("  1. Quantify Current Role Impact "),
            "1-quantify-current-role-impact"
        );
        assert_eq!(slugify("Café au lait"), "café-au-lait");
        assert_eq!(slugify("AI/ML & GenAI"), "ai-ml-genai");
        assert_eq!(slugify("📜 Story"), "story");
        assert_eq!(slugify("../../x"), "x");
    }

    #[test]
    fn ascii_slugs_transliterate_then_follow_the_slug_rule() {
        use super::ascii_slug;
        for (title, slug) in [
            ("Café Über", "cafe-uber"),
            ("My first post", "my-first-post"),
            ("Straße & Ærø", "strasse-aero"),
            ("Профиль пользователя", "profil-polzovatelia"),
            ("安装 指南", "an-zhuang-zhi-nan"),
            ("📜 Story", "story"),
            ("naïve_café", "naive_cafe"),
            ("Cafe\u{301}s", "cafes"),
            ("🎉", ""),
        ] {
            let got = ascii_slug(title);
            assert_eq!(got, slug, "title `{title}`");
            assert!(got.is_ascii());
            assert_eq!(slugify(&got), got, "its URL is the file name itself");
        }
    }
}

#[cfg(test)]
mod heading_id_tests {
    use super::{HeadingIds, heading_id};

    #[test]
    fn heading_ids_follow_github() {
        for (text, id) in [
            ("📚 Table of Contents", "-table-of-contents"),
            (
                "Don't feel you aren't smart enough",
                "dont-feel-you-arent-smart-enough",
            ),
            ("Hello, World!", "hello-world"),
            ("AI/ML & GenAI", "aiml--genai"),
            ("1.2 Setup", "12-setup"),
            ("The `--force` flag", "the---force-flag"),
            ("snake_case and kebab-case", "snake_case-and-kebab-case"),
            ("What’s new — 2024", "whats-new--2024"),
            ("Café au lait", "café-au-lait"),
            ("Cafe\u{301}", "cafe\u{301}"),
            ("Профиль пользователя", "профиль-пользователя"),
            ("安装 指南", "安装-指南"),
            ("Step ① and Ⅻ", "step--and-ⅻ"),
            ("Price: $5 (€4)", "price-5-4"),
            ("tab\there", "tabhere"),
            ("  two  spaces ", "--two--spaces-"),
            ("no\u{a0}break", "nobreak"),
            ("👨\u{200d}👩\u{200d}👧 Family", "-family"),
            ("🇫🇷 France", "-france"),
            // GitHub keeps the emoji presentation selector (a mark).
            ("❤\u{fe0f} Thanks", "\u{fe0f}-thanks"),
            ("Ⓐ circled", "ⓐ-circled"),
            ("İstanbul", "i\u{307}stanbul"),
            ("🎉", ""),
            ("", ""),
        ] {
            assert_eq!(heading_id(text), id, "heading `{text}`");
        }
    }

    #[test]
    fn repeated_heading_ids_get_github_suffixes() {
        let mut ids = HeadingIds::default();
        let got: Vec<String> = ["notes", "notes", "notes-1", "notes", "notes-1"]
            .into_iter()
            .map(|b| ids.unique(b.to_string()))
            .collect();
        assert_eq!(
            got,
            ["notes", "notes-1", "notes-1-1", "notes-2", "notes-1-2"]
        );

        // A suffixed id written first is skipped over later.
        let mut ids = HeadingIds::default();
        let got: Vec<String> = ["faq-1", "faq", "faq", "faq"]
            .into_iter()
            .map(|b| ids.unique(b.to_string()))
            .collect();
        assert_eq!(got, ["faq-1", "faq", "faq-2", "faq-3"]);

        let mut ids = HeadingIds::reserving(["main"]);
        assert_eq!(ids.unique("main".into()), "main-1");
    }

    proptest::proptest! {
        /// Ids hold no ASCII punctuation but `-` and `_`, no whitespace,
        /// and are their own id (already lowercase, nothing left to drop).
        #[test]
        fn heading_ids_are_safe_fragments(text in "\\PC{0,40}") {
            let id = heading_id(&text);
            proptest::prop_assert!(!id.chars().any(char::is_whitespace));
            proptest::prop_assert!(!id.chars().any(|c| c.is_ascii_punctuation() && c != '-' && c != '_'));
            proptest::prop_assert_eq!(heading_id(&id), id.clone(), "ids are fixed points");
        }

        /// Every id handed out on a page is new.
        #[test]
        fn unique_ids_never_repeat(bases in proptest::collection::vec("(a|a-1|a-2|b|b-1)", 0..30)) {
            let mut ids = HeadingIds::reserving(["main"]);
            let mut seen = std::collections::HashSet::from(["main".to_string()]);
            for b in bases {
                let id = ids.unique(b.clone());
                proptest::prop_assert!(id.starts_with(&b));
                proptest::prop_assert!(seen.insert(id));
            }
        }
    }
}
