//! Front matter: splitting it off a markdown file (`split`), reading it,
//! YAML, TOML or JSON, into top-level entries (`entries`), and checking
//! those entries into one [`FrontMatter`], whatever the language.
//!
//! Positions are always reported in the file's own lines.

mod entries;
pub mod hugo_dates;
mod split;

use std::collections::BTreeMap;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::aliases::Alias;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, closest};

pub use entries::{Entry, entries};
pub use split::{Format, Split, split};

/// Keys folio understands; anything else is kept in `extra`.
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "description",
    "tags",
    "draft",
    "slug",
    "visibility",
    "kind",
    "template",
    "menu",
    "start",
    "public_items",
    "priority",
    "published",
    "aliases",
    "redirect_from",
];

/// The keys that decide who sees a page.
const PRIVACY_KEYS: &[&str] = &["draft", "published", "visibility"];

/// The validated front matter of one file.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub draft: bool,
    /// As written; validated by the caller, which knows the file's place.
    pub slug: Option<(String, usize)>,
    pub visibility: Option<Visibility>,
    pub kind: Option<String>,
    pub template: Option<String>,
    /// Position in the main navigation (lower first).
    pub menu: Option<i64>,
    /// Unknown keys, for templates.
    pub extra: BTreeMap<String, serde_json::Value>,
    /// Roadmaps: when the plan began (horizons count from here).
    pub start: Option<Date>,
    /// Roadmaps: the public "Now" page may show objective texts.
    pub public_items: bool,
    /// Roadmaps: the default priority, as written, with its line.
    pub priority: Option<(String, usize)>,
    /// Old URL paths that redirect here (`aliases`, `redirect_from`).
    pub aliases: Vec<Alias>,
}

pub use crate::audience::Visibility;

/// Checks the front matter `split` off `file_text` into [`FrontMatter`].
/// Every problem found is returned, positioned in the file.
pub fn parse(
    path: &Path,
    file_text: &str,
    split: &Split<'_>,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let mut fm = FrontMatter::default();
    let entries = entries(path, file_text, split)?;
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut hugo = hugo_dates::HugoDates::default();
    for Entry {
        key,
        value,
        line,
        table,
    } in entries
    {
        // A key that decides who sees the page, but that folio would not
        // read (`Draft`, or `draft` under a `[table]` line): the page could
        // be published against its author's intent.
        if PRIVACY_KEYS.contains(&key.to_ascii_lowercase().as_str())
            && (table.is_some() || !PRIVACY_KEYS.contains(&key.as_str()))
        {
            let (message, hint) = match table {
                Some(t) => (
                    format!(
                        "`{key}` is inside the `[{t}]` table (every key after a `[{t}]` line belongs to it), so folio does not read it"
                    ),
                    format!("move `{key}` above the first `[table]` line"),
                ),
                None => (
                    format!("`{key}` is not read: front-matter keys are lower case"),
                    format!("write `{}`", key.to_ascii_lowercase()),
                ),
            };
            problems.push(
                Diagnostic::error("front-matter", path, message)
                    .at_in(file_text, line, 1)
                    .hint(hint),
            );
            continue;
        }
        match table {
            // Zola's `[extra]`: template data, as `page.extra.<key>`.
            Some("extra") => {
                if let Ok(v) = serde_json::to_value(&value) {
                    fm.extra.insert(key, v);
                }
                continue;
            }
            // Other Zola taxonomies: folio has tags only (`check` says so).
            Some(_) => continue,
            None => {}
        }
        let at = |d: Diagnostic| d.at_in(file_text, line, 1);
        let typed = |expected: &str, hint: &str| {
            at(Diagnostic::error(
                "front-matter-type",
                path,
                format!("`{key}` must be {expected}"),
            ))
            .hint(hint.to_string())
        };
        let date_of = |value: serde_yaml::Value| get::<String>(value).map(|s| Date::parse(&s));
        let date_error = |msg: String| {
            at(Diagnostic::error(
                "front-matter-type",
                path,
                format!("`{key}`: {msg}"),
            ))
            .hint("write a date as YYYY-MM-DD, e.g. 2026-03-14")
        };
        // Jekyll's `published: false`, or Hugo's `published` date.
        if key == "published" && !value.is_bool() {
            match date_of(value) {
                Some(Ok(d)) => hugo.set(&key, d),
                Some(Err(msg)) => problems.push(date_error(msg)),
                None => problems.push(typed(
                    "true or false (or, as Hugo reads it, a date)",
                    "write published: false",
                )),
            }
            continue;
        }
        if key != "published" && hugo_dates::is_key(&key) {
            match date_of(value) {
                Some(Ok(d)) => hugo.set(&key, d),
                Some(Err(msg)) => problems.push(date_error(msg)),
                None => problems.push(typed(
                    "a date",
                    "write a date as YYYY-MM-DD, e.g. 2026-03-14",
                )),
            }
            continue;
        }
        match key.as_str() {
            "title" => match get::<String>(value) {
                Some(v) => fm.title = Some(v),
                None => problems.push(typed("a string", "write it as title: My title")),
            },
            "description" => match get::<String>(value) {
                Some(v) => fm.description = Some(v),
                None => problems.push(typed("a string", "quote it if it contains `: `")),
            },
            "date" | "updated" | "start" => match date_of(value) {
                Some(Ok(d)) if key == "date" => fm.date = Some(d),
                Some(Ok(d)) if key == "start" => fm.start = Some(d),
                Some(Ok(d)) => fm.updated = Some(d),
                Some(Err(msg)) => problems.push(date_error(msg)),
                None => problems.push(typed(
                    "a date",
                    "write a date as YYYY-MM-DD, e.g. 2026-03-14",
                )),
            },
            "tags" => match get::<Vec<String>>(value) {
                Some(v) => {
                    fm.tags = v
                        .into_iter()
                        .map(|t| t.trim().to_string())
                        .filter(|t| !t.is_empty())
                        .collect()
                }
                None => problems.push(typed(
                    "a list of strings",
                    "write tags as [rust, career] or as `- item` lines",
                )),
            },
            "draft" => match get::<bool>(value) {
                Some(v) => fm.draft |= v,
                None => problems.push(typed("true or false", "write draft: true")),
            },
            // Jekyll's way of saying draft.
            "published" => match get::<bool>(value) {
                Some(v) => fm.draft |= !v,
                None => problems.push(typed("true or false", "write published: false")),
            },
            // Hugo and Zola write `aliases`, jekyll-redirect-from
            // `redirect_from`: one path or a list of them.
            "aliases" | "redirect_from" => match get::<OneOrMany>(value) {
                Some(written) => {
                    let written = match written {
                        OneOrMany::One(p) => vec![p],
                        OneOrMany::Many(ps) => ps,
                    };
                    for w in written {
                        match super::aliases::site_path(&w) {
                            Ok(path) => fm.aliases.push(Alias { path, line }),
                            Err(msg) => problems.push(at(Diagnostic::error("alias", path, msg).hint(
                                "write the old URL's path from the site root, e.g. /posts/old-name/",
                            ))),
                        }
                    }
                }
                None => problems.push(typed(
                    "a URL path or a list of them",
                    "write aliases: [/old/path/] or redirect_from: /old/path/",
                )),
            },
            "slug" => match get::<String>(value) {
                Some(v) => fm.slug = Some((v, line)),
                None => problems.push(typed("a string", "write slug: my-page")),
            },
            "visibility" => match get::<String>(value).as_deref() {
                Some("public") => fm.visibility = Some(Visibility::Public),
                Some("private") => fm.visibility = Some(Visibility::Private),
                _ => problems.push(typed(
                    "`public` or `private`",
                    "write visibility: public or visibility: private",
                )),
            },
            "kind" => match get::<String>(value) {
                Some(v) => fm.kind = Some(v),
                None => problems.push(typed("a string", "write kind: roadmap")),
            },
            "template" => match get::<String>(value) {
                Some(v) => fm.template = Some(v),
                None => problems.push(typed("a template file name", "write template: page.html")),
            },
            "public_items" => match get::<bool>(value) {
                Some(v) => fm.public_items = v,
                None => problems.push(typed("true or false", "write public_items: true")),
            },
            "priority" => match get::<String>(value) {
                Some(v) => fm.priority = Some((v, line)),
                None => problems.push(typed("a word", "write priority: high")),
            },
            "menu" => match get::<i64>(value) {
                Some(v) => fm.menu = Some(v),
                None => problems.push(typed(
                    "a number (the position in the menu)",
                    "write menu: 1",
                )),
            },
            _ => match serde_json::to_value(&value) {
                Ok(v) => {
                    fm.extra.insert(key, v);
                }
                Err(_) => {
                    problems.push(typed("plain data", "use strings, numbers, lists and maps"))
                }
            },
        }
    }
    hugo.fill(&mut fm.date, &mut fm.updated);
    if problems.is_empty() {
        Ok(fm)
    } else {
        Err(problems)
    }
}

/// The closest known key to an unknown one, for warnings in `check`.
pub fn suggest_key(key: &str) -> Option<&'static str> {
    closest(key, KNOWN_KEYS.iter().copied())
}

fn get<T: DeserializeOwned>(value: serde_yaml::Value) -> Option<T> {
    serde_yaml::from_value(value).ok()
}

/// One string or a list of them.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_file(text: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        let s = split(Path::new("a.md"), text).map_err(|d| vec![d])?;
        parse(Path::new("a.md"), text, &s)
    }

    #[test]
    fn reads_known_keys_and_keeps_extra() {
        let fm = parse_file(
            "---\ntitle: Hello\ndate: 2026-03-14\ntags: [a, b]\ndraft: true\nvisibility: private\nhero: x.png\n---\n",
        )
        .unwrap();
        assert_eq!(fm.title.as_deref(), Some("Hello"));
        assert_eq!(
            fm.date.map(|d| d.to_string()).as_deref(),
            Some("2026-03-14")
        );
        assert_eq!(fm.tags, ["a", "b"]);
        assert!(fm.draft);
        assert_eq!(fm.visibility, Some(Visibility::Private));
        assert_eq!(fm.extra["hero"], serde_json::json!("x.png"));
    }

    #[test]
    fn yaml_syntax_error_is_reported_at_the_file_line() {
        let errs = parse_file("---\ntitle: ok\ntags: [a, b\n---\nbody\n").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].code, "yaml");
        // The YAML parser notices the unclosed list at the end of the block:
        // file line 4 is the first line after the block's text.
        assert!(errs[0].line >= 3, "line {}", errs[0].line);
        assert!(!errs[0].message.contains("at line"));
    }

    #[test]
    fn yaml_error_position_is_shifted_by_the_opening_line() {
        let errs = parse_file("---\ntitle: ok\nbad: : :\n---\n").unwrap_err();
        assert_eq!(errs[0].line, 3);
        assert_eq!(errs[0].col, 6);
    }

    #[test]
    fn wrong_types_are_all_reported_at_their_key() {
        let errs = parse_file("---\ntitle: x\ndate: 14/03/2026\ntags: rust\ndraft: maybe\n---\n")
            .unwrap_err();
        let lines: Vec<_> = errs.iter().map(|d| d.line).collect();
        assert_eq!(lines, [3, 4, 5]);
        assert!(errs[0].message.contains("14/03/2026"));
    }

    #[test]
    fn toml_and_json_front_matter_read_like_yaml() {
        let toml = parse_file(
            "+++\ntitle = \"Hello\"\ndate = 2026-03-14T09:30:00+01:00\ndraft = true\naliases = [\"/old/\"]\n[taxonomies]\ntags = [\"a\", \"b\"]\n[extra]\nhero = \"x.png\"\n+++\nBody\n",
        )
        .unwrap();
        let json = parse_file(
            "{\n  \"title\": \"Hello\",\n  \"date\": \"2026-03-14\",\n  \"draft\": true,\n  \"aliases\": [\"/old/\"],\n  \"tags\": [\"a\", \"b\"],\n  \"hero\": \"x.png\"\n}\nBody\n",
        )
        .unwrap();
        for fm in [toml, json] {
            assert_eq!(fm.title.as_deref(), Some("Hello"));
            assert_eq!(
                fm.date.map(|d| d.to_string()).as_deref(),
                Some("2026-03-14")
            );
            assert!(fm.draft);
            assert_eq!(fm.tags, ["a", "b"]);
            assert_eq!(fm.aliases.len(), 1);
            assert_eq!(fm.extra["hero"], serde_json::json!("x.png"));
        }
    }

    #[test]
    fn published_false_is_a_draft_and_redirect_from_may_be_one_path() {
        let fm = parse_file("---\npublished: false\nredirect_from: /2019/old.html\n---\n").unwrap();
        assert!(fm.draft);
        assert_eq!(
            fm.aliases,
            [Alias {
                path: "2019/old.html".into(),
                line: 3
            }]
        );
        let fm = parse_file("---\npublished: true\ndraft: true\n---\n").unwrap();
        assert!(fm.draft, "published: true does not undo draft: true");
        assert!(!parse_file("---\npublished: true\n---\n").unwrap().draft);
    }

    #[test]
    fn wrong_types_in_toml_are_reported_at_their_file_line() {
        let errs =
            parse_file("+++\ntitle = \"x\"\ndraft = \"yes\"\naliases = 3\n+++\n").unwrap_err();
        let lines: Vec<_> = errs.iter().map(|d| d.line).collect();
        assert_eq!(lines, [3, 4]);
    }

    #[test]
    fn a_privacy_key_folio_would_not_read_is_an_error_at_its_line() {
        for (text, line) in [
            (
                "+++\ntitle = \"x\"\n[extra]\ntoc = true\ndraft = true\n+++\n",
                5,
            ),
            (
                "+++\n[taxonomies]\ntags = []\nvisibility = \"private\"\n+++\n",
                4,
            ),
            ("{\n  \"Draft\": true\n}\n", 2),
            ("---\nVisibility: private\n---\n", 2),
        ] {
            let errs = parse_file(text).unwrap_err();
            assert_eq!(errs.len(), 1, "{text}");
            assert_eq!(
                (errs[0].code, errs[0].line),
                ("front-matter", line),
                "{text}"
            );
        }
    }
}
