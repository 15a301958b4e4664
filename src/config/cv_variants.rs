//! The CV variants of `site.toml`: `[cv.variants.NAME]` tables, each a
//! selection of the CV by `tags`, with its own `label` (headline) and
//! `summary` if it says so, and `only_tagged = true` to leave out entries
//! that carry no tags.
//!
//! This module reads the `variants` key of the `[cv]` table only; the other
//! keys of `[cv]` belong to their own readers. Which tags the CV really
//! uses is known only once the content is loaded: the warning for a tag
//! nothing carries is [`crate::content`]'s, at the position kept here.

use std::path::Path;

use crate::diagnostic::{Diagnostic, closest};

const KNOWN_KEYS: &[&str] = &["tags", "label", "summary", "only_tagged"];

/// One tag of a variant, with where it is written in `site.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantTag {
    pub name: String,
    /// 1-based; 0 when not found.
    pub line: usize,
    pub col: usize,
    /// The text of that line, for the diagnostic.
    pub source_line: String,
}

/// One `[cv.variants.NAME]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CvVariant {
    /// The URL segment: `/cv/NAME/`, `resume-NAME.json`.
    pub name: String,
    pub tags: Vec<VariantTag>,
    /// Replaces `basics.label` in this variant.
    pub label: Option<String>,
    /// Replaces `basics.summary` in this variant.
    pub summary: Option<String>,
    /// Leave out entries (and highlights, skills) with no tags.
    pub only_tagged: bool,
}

impl CvVariant {
    /// Whether something tagged `tags` belongs to this variant.
    pub fn takes<'t>(&self, tags: impl IntoIterator<Item = &'t str>) -> bool {
        let mut any = false;
        for t in tags {
            any = true;
            if self.tags.iter().any(|v| v.name.eq_ignore_ascii_case(t)) {
                return true;
            }
        }
        !any && !self.only_tagged
    }
}

/// Reads the variants of the `[cv]` table (absent: none), in name order.
/// Every problem is reported, each at its key in `text`.
pub fn from_table(
    cv: Option<&toml::Value>,
    text: &str,
    file: &Path,
) -> Result<Vec<CvVariant>, Vec<Diagnostic>> {
    let Some(cv) = cv else {
        return Ok(Vec::new());
    };
    let mut problems = Vec::new();
    let mut problem = |path: &str, message: String, hint: &str| {
        let (line, col) = position(text, path);
        problems.push(
            Diagnostic::error("config", file, message)
                .at_in(text, line, col)
                .hint(hint.to_string()),
        );
    };
    // `config::cv` reads the `[cv]` table itself and reports its unknown
    // keys and a `cv` that is not a table; only `variants` is read here.
    let Some(cv) = cv.as_table() else {
        return Ok(Vec::new());
    };
    let Some(variants) = cv.get("variants") else {
        return if problems.is_empty() {
            Ok(Vec::new())
        } else {
            Err(problems)
        };
    };
    let Some(variants) = variants.as_table() else {
        problem(
            "cv.variants",
            "`cv.variants` must be a table of variants".into(),
            "write each variant as a section: [cv.variants.leadership] then tags = [\"lead\"]",
        );
        return Err(problems);
    };
    let mut out = Vec::new();
    for (name, value) in variants {
        let at = format!("cv.variants.{name}");
        if !is_name(name) {
            problem(
                &at,
                format!("`{name}` cannot name a CV variant: it becomes /cv/{name}/"),
                "use lowercase letters, digits and hyphens, e.g. [cv.variants.data-science]",
            );
            continue;
        }
        let Some(table) = value.as_table() else {
            problem(
                &at,
                format!("`{at}` must be a table"),
                "write it as a section: [cv.variants.NAME] then tags = [\"…\"]",
            );
            continue;
        };
        let mut variant = CvVariant {
            name: name.clone(),
            tags: Vec::new(),
            label: None,
            summary: None,
            only_tagged: false,
        };
        for (key, value) in table {
            let here = format!("{at}.{key}");
            match key.as_str() {
                "tags" => match value.as_array().map(|a| {
                    a.iter()
                        .map(|t| t.as_str().map(str::trim))
                        .collect::<Option<Vec<_>>>()
                }) {
                    Some(Some(tags)) if !tags.is_empty() && tags.iter().all(|t| !t.is_empty()) => {
                        variant.tags = tags.into_iter().map(|t| tag_at(text, &here, t)).collect();
                    }
                    _ => problem(
                        &here,
                        format!("`{here}` must be a list of tag names"),
                        "write tags = [\"leadership\", \"management\"]",
                    ),
                },
                "label" | "summary" => match value.as_str() {
                    Some(s) if key == "label" => variant.label = Some(s.to_string()),
                    Some(s) => variant.summary = Some(s.to_string()),
                    None => problem(
                        &here,
                        format!("`{here}` must be text, not {}", value.type_str()),
                        "quote it: label = \"Engineering manager\"",
                    ),
                },
                "only_tagged" => match value.as_bool() {
                    Some(b) => variant.only_tagged = b,
                    None => problem(
                        &here,
                        format!("`{here}` must be true or false, not {}", value.type_str()),
                        "write only_tagged = true (no quotes) to leave out entries with no tags",
                    ),
                },
                other => {
                    let hint = match closest(other, KNOWN_KEYS.iter().copied()) {
                        Some(k) => format!("did you mean `{k}`?"),
                        None => format!("known keys: {}", KNOWN_KEYS.join(", ")),
                    };
                    problem(&here, format!("unknown key `{here}`"), &hint);
                }
            }
        }
        if variant.tags.is_empty() && table.get("tags").is_none() {
            problem(
                &at,
                format!("the CV variant `{name}` has no `tags`"),
                "add tags = [\"…\"]: the variant keeps the entries carrying one of them",
            );
            continue;
        }
        out.push(variant);
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// A variant's name is a URL segment and part of a file name.
fn is_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The tag `tag` of the `tags` key at `path`, placed at its quoted text
/// after that key (a list may span lines), else at the key.
fn tag_at(text: &str, path: &str, tag: &str) -> VariantTag {
    let (line, col) = position(text, path);
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let found = ['"', '\''].iter().find_map(|q| {
        text.get(start..)?
            .find(&format!("{q}{tag}{q}"))
            .map(|i| start + i)
    });
    let (line, col) = match found {
        Some(offset) if line > 0 => crate::diagnostic::line_col(text, offset),
        _ => (line, col),
    };
    VariantTag {
        name: tag.to_string(),
        line,
        col,
        source_line: text
            .lines()
            .nth(line.saturating_sub(1))
            .unwrap_or_default()
            .trim_end_matches('\r')
            .to_string(),
    }
}

/// Where the dotted key `path` (`cv.variants.lead.tags`) is written: a
/// line `key = …` whose table header and dotted key together spell it, or
/// the header `[path]` itself; (0, 0) when not found.
fn position(text: &str, path: &str) -> (usize, usize) {
    let mut table = String::new();
    let mut fallback = (0, 0);
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let col = line.len() - trimmed.len() + 1;
        let clean = |s: &str| -> String {
            s.chars()
                .filter(|c| !c.is_whitespace() && *c != '"' && *c != '\'')
                .collect()
        };
        if let Some(header) = trimmed.strip_prefix('[') {
            let header = header.split(']').next().unwrap_or_default();
            table = clean(header);
            if table == path {
                return (i + 1, col);
            }
            if fallback == (0, 0) && path.starts_with(&format!("{table}.")) {
                fallback = (i + 1, col);
            }
            continue;
        }
        let Some((lhs, _)) = trimmed.split_once('=') else {
            continue;
        };
        let key = clean(lhs);
        let full = if table.is_empty() {
            key
        } else {
            format!("{table}.{key}")
        };
        if full == path {
            return (i + 1, col);
        }
        if full.starts_with(&format!("{path}.")) && fallback == (0, 0) {
            fallback = (i + 1, col);
        }
    }
    fallback
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Vec<CvVariant>, Vec<Diagnostic>> {
        let table: toml::Table = text.parse().unwrap();
        from_table(table.get("cv"), text, Path::new("site.toml"))
    }

    #[test]
    fn variants_are_read_with_their_keys_and_tag_positions() {
        let v = read(concat!(
            "title = \"x\"\n[cv.variants.lead]\n",
            "label = \"Manager\"\ntags = [\n  \"leadership\",\n  \"people\",\n]\n",
            "only_tagged = true\n[cv.variants.data]\ntags = ['ml']\n",
        ))
        .unwrap();
        assert_eq!(
            v.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(),
            ["data", "lead"]
        );
        let lead = &v[1];
        assert_eq!(lead.label.as_deref(), Some("Manager"));
        assert!(lead.only_tagged);
        let at: Vec<(&str, usize, usize)> = lead
            .tags
            .iter()
            .map(|t| (t.name.as_str(), t.line, t.col))
            .collect();
        assert_eq!(at, [("leadership", 5, 3), ("people", 6, 3)]);
        assert_eq!((v[0].tags[0].line, v[0].tags[0].col), (10, 9));
    }

    #[test]
    fn a_variant_takes_tagged_entries_and_untagged_unless_only_tagged() {
        let v = &read("[cv.variants.a]\ntags = [\"Lead\"]\n").unwrap()[0];
        assert!(v.takes(["lead"]));
        assert!(!v.takes(["data"]));
        assert!(v.takes([]));
        let v = &read("[cv.variants.a]\ntags = [\"lead\"]\nonly_tagged = true\n").unwrap()[0];
        assert!(!v.takes([]));
    }

    #[test]
    fn bad_variants_are_errors_at_their_keys() {
        let errors = read(concat!(
            "[cv]\npapr = \"a4\"\n[cv.variants.Lead]\ntags = [\"a\"]\n",
            "[cv.variants.ok]\ntags = \"a\"\nonly_tagged = \"yes\"\ntitle = \"x\"\n",
            "[cv.variants.none]\nlabel = \"x\"\n",
        ))
        .unwrap_err();
        let got: Vec<(usize, &str)> = errors
            .iter()
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (3, "`Lead` cannot name a CV variant: it becomes /cv/Lead/"),
                (9, "the CV variant `none` has no `tags`"),
                (
                    7,
                    "`cv.variants.ok.only_tagged` must be true or false, not string"
                ),
                (6, "`cv.variants.ok.tags` must be a list of tag names"),
                (8, "unknown key `cv.variants.ok.title`"),
            ]
        );
    }
}
