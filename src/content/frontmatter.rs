//! Front matter: splitting the YAML block off a markdown file and reading it
//! into [`FrontMatter`] (the text itself is parsed by [`crate::yaml`]).
//!
//! Positions are always reported in the file's own lines: the YAML block
//! starts on line 2, so its line numbers are shifted by one.

use std::collections::BTreeMap;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::date::Date;
use crate::diagnostic::{Diagnostic, closest};

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
];

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
}

pub use crate::audience::Visibility;

/// A markdown file cut in two.
#[derive(Debug)]
pub struct Split<'a> {
    /// The YAML text between the `---` lines (empty without front matter).
    pub yaml: &'a str,
    pub body: &'a str,
    /// The 1-based file line the body starts on.
    pub body_line: usize,
}

/// Splits `text` (already BOM-free, LF line endings) at its front matter.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_line_len = text.find('\n').map_or(text.len(), |i| i + 1);
    let fence = super::page_files::opening_fence(text.as_bytes());
    if fence == Some("+++") {
        return Err(Diagnostic::error(
            "front-matter",
            path,
            "TOML front matter (`+++`) is not read yet: this page's settings (visibility, draft…) would be ignored",
        )
        .at_in(text, 1, 1)
        .hint("write the front matter as YAML between two `---` lines (`title: My page` rather than `title = \"My page\"`)"));
    }
    // The opening `---` may carry trailing blanks: a page that means to
    // have front matter is never shown with it as its body.
    let after_open = match fence {
        Some(_) => &text[first_line_len..],
        None => {
            return Ok(Split {
                yaml: "",
                body: text,
                body_line: 1,
            });
        }
    };
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        let bare = line.trim_end_matches('\n').trim_end();
        if bare == "---" || bare == "..." {
            let yaml = &after_open[..offset];
            let body = &after_open[offset + line.len()..];
            let body_line = 2 + yaml.matches('\n').count() + 1;
            return Ok(Split {
                yaml,
                body,
                body_line,
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error("front-matter", path, "front matter is not closed")
            .at_in(text, 1, 1)
            .hint("end the YAML block with a line containing only `---`"),
    )
}

/// Parses the YAML block of `file_text` (as split by [`split`]). Every
/// problem found is returned, positioned in the file.
pub fn parse(path: &Path, file_text: &str, yaml: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
    let mut fm = FrontMatter::default();
    if yaml.trim().is_empty() {
        return Ok(fm);
    }
    let map: serde_yaml::Mapping = match crate::yaml::from_str(yaml) {
        Ok(serde_yaml::Value::Mapping(m)) => m,
        Ok(serde_yaml::Value::Null) => return Ok(fm),
        Ok(_) => {
            return Err(vec![
                Diagnostic::error(
                    "yaml",
                    path,
                    "front matter is not a map of `key: value` lines",
                )
                .at_in(file_text, 2, 1)
                .hint("write front matter as lines like `title: My page`"),
            ]);
        }
        Err(crate::yaml::Error::TooDeep { offset }) => {
            let (line, col) = crate::diagnostic::line_col(yaml, offset);
            return Err(vec![
                Diagnostic::error("yaml", path, crate::yaml::too_deep_message())
                    .at_in(file_text, line + 1, col)
                    .hint("front matter is a few `key: value` lines: remove the deep nesting"),
            ]);
        }
        Err(crate::yaml::Error::Parse(e)) => {
            let (line, col) = e.location().map_or((2, 1), |l| (l.line() + 1, l.column()));
            let message = yaml_message(&e);
            // serde_yaml's guards against alias bombs and deep nesting.
            let hint = if message.contains("limit exceeded") {
                "front matter is a few `key: value` lines: remove the deep nesting or the repeated `*aliases`"
            } else {
                "check the indentation and quote values that contain `: ` or start with a special character"
            };
            return Err(vec![
                Diagnostic::error("yaml", path, format!("invalid YAML: {message}"))
                    .at_in(file_text, line, col)
                    .hint(hint),
            ]);
        }
    };
    let mut problems = Vec::new();
    for (key, value) in map {
        let Some(key) = key.as_str().map(str::to_string) else {
            problems.push(
                Diagnostic::error("yaml", path, "front matter keys must be strings")
                    .at_in(file_text, 2, 1),
            );
            continue;
        };
        let line = key_line(yaml, &key);
        let at = |d: Diagnostic| d.at_in(file_text, line, 1);
        let typed = |expected: &str, hint: &str| {
            at(Diagnostic::error(
                "front-matter-type",
                path,
                format!("`{key}` must be {expected}"),
            ))
            .hint(hint.to_string())
        };
        match key.as_str() {
            "title" => match get::<String>(value) {
                Some(v) => fm.title = Some(v),
                None => problems.push(typed("a string", "write it as title: My title")),
            },
            "description" => match get::<String>(value) {
                Some(v) => fm.description = Some(v),
                None => problems.push(typed("a string", "quote it if it contains `: `")),
            },
            "date" | "updated" | "start" => {
                let parsed = get::<String>(value).map(|s| Date::parse(&s));
                match parsed {
                    Some(Ok(d)) if key == "date" => fm.date = Some(d),
                    Some(Ok(d)) if key == "start" => fm.start = Some(d),
                    Some(Ok(d)) => fm.updated = Some(d),
                    Some(Err(msg)) => problems.push(at(Diagnostic::error(
                        "front-matter-type",
                        path,
                        format!("`{key}`: {msg}"),
                    )
                    .hint("write a date as YYYY-MM-DD, e.g. 2026-03-14"))),
                    None => problems.push(typed(
                        "a date",
                        "write a date as YYYY-MM-DD, e.g. 2026-03-14",
                    )),
                }
            }
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
                Some(v) => fm.draft = v,
                None => problems.push(typed("true or false", "write draft: true")),
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

/// The serde_yaml message without its trailing " at line X column Y".
fn yaml_message(e: &serde_yaml::Error) -> String {
    let msg = e.to_string();
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}

/// The file line (1-based) of a top-level key in the YAML block, which
/// starts on line 2 (line 2 when the key is not found).
pub(crate) fn key_line(yaml: &str, key: &str) -> usize {
    yaml.lines()
        .position(|l| {
            let l = l.trim_start_matches(['"', '\'']);
            l.strip_prefix(key).is_some_and(|rest| {
                rest.trim_start_matches(['"', '\''])
                    .trim_start()
                    .starts_with(':')
            })
        })
        .map_or(2, |i| i + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_file(text: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        let s = split(Path::new("a.md"), text).map_err(|d| vec![d])?;
        parse(Path::new("a.md"), text, s.yaml)
    }

    #[test]
    fn split_finds_body_and_its_line() {
        let s = split(Path::new("a.md"), "---\ntitle: x\n---\n# Hi\n").unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(s.body, "# Hi\n");
        assert_eq!(s.body_line, 4);
        let s = split(Path::new("a.md"), "# No front matter\n").unwrap();
        assert_eq!((s.yaml, s.body_line), ("", 1));
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert!(split(Path::new("a.md"), "---\ntitle: x\n# body\n").is_err());
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
    fn key_lines_count_from_the_opening_dashes() {
        assert_eq!(key_line("title: x\ntitel: y\n", "titel"), 3);
        assert_eq!(key_line("\"quoted\": 1\n", "quoted"), 2);
    }
}
