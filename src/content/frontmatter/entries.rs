//! Reading a front matter's text, whatever its language, into one list of
//! top-level [`Entry`]s (key, value, file line), so that the keys are
//! checked once, the same way, for YAML, TOML and JSON.
//!
//! Values become YAML values (a TOML date becomes its text). Two TOML
//! tables Zola defines are opened up: `[taxonomies]`'s `tags` is folio's
//! `tags`, and `[extra]`'s keys are template data, as Zola means them.

use std::path::Path;

use super::split::{Format, Split, json_message};
use crate::diagnostic::{Diagnostic, line_col};

/// One key of the front matter.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub value: serde_yaml::Value,
    /// The 1-based file line of the key.
    pub line: usize,
    /// The Zola table the key sits in (`extra`, `taxonomies`); `None` at
    /// the top level.
    pub table: Option<&'static str>,
}

/// The entries of `split`'s front matter, or its syntax errors, positioned
/// in `file_text`.
pub fn entries(
    path: &Path,
    file_text: &str,
    split: &Split<'_>,
) -> Result<Vec<Entry>, Vec<Diagnostic>> {
    if split.raw.trim().is_empty() {
        return Ok(Vec::new());
    }
    let mut entries = match split.format {
        Format::Yaml => yaml(path, file_text, split.raw),
        Format::Toml => toml(path, file_text, split),
        Format::Json => json(path, file_text, split),
    }?;
    // In the order they are written (TOML and JSON maps come sorted).
    entries.sort_by_key(|e| e.line);
    Ok(entries)
}

fn yaml(path: &Path, file_text: &str, raw: &str) -> Result<Vec<Entry>, Vec<Diagnostic>> {
    let map: serde_yaml::Mapping = match crate::yaml::from_str(raw) {
        Ok(serde_yaml::Value::Mapping(m)) => m,
        Ok(serde_yaml::Value::Null) => return Ok(Vec::new()),
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
            let (line, col) = line_col(raw, offset);
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
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (key, value) in map {
        match key.as_str() {
            Some(key) => out.push(Entry {
                line: key_line(raw, key),
                key: key.to_string(),
                value,
                table: None,
            }),
            None => problems.push(
                Diagnostic::error("yaml", path, "front matter keys must be strings")
                    .at_in(file_text, 2, 1),
            ),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// How deep TOML arrays and inline tables may nest: front matter is a few
/// keys, and a deeper document is refused before it is parsed.
const TOML_DEPTH: usize = 32;

fn toml(path: &Path, file_text: &str, split: &Split<'_>) -> Result<Vec<Entry>, Vec<Diagnostic>> {
    let raw = split.raw;
    let at = |offset: usize| {
        let (line, col) = line_col(raw, offset);
        (line + split.raw_line - 1, col)
    };
    if let Some(offset) = too_deep(raw) {
        let (line, col) = at(offset);
        return Err(vec![
            Diagnostic::error("toml", path, "the front matter nests too deeply")
                .at_in(file_text, line, col)
                .hint("front matter is a few `key = value` lines: remove the deep nesting"),
        ]);
    }
    let table: toml::Table = match toml::from_str(raw) {
        Ok(t) => t,
        Err(e) => {
            let (line, col) = at(e.span().map_or(0, |s| s.start));
            return Err(vec![
                Diagnostic::error(
                    "toml",
                    path,
                    format!("invalid TOML: {}", e.message().trim_end()),
                )
                .at_in(file_text, line, col)
                .hint("write `key = \"text\"`, `key = true`, `key = 2026-03-14` or `key = [\"a\", \"b\"]`"),
            ]);
        }
    };
    let line_of = |key: &str| toml_key_line(raw, key) + split.raw_line - 1;
    let mut out = Vec::new();
    for (key, value) in table {
        match (key.as_str(), value) {
            (name @ ("extra" | "taxonomies"), toml::Value::Table(inner)) => {
                let name = if name == "extra" {
                    "extra"
                } else {
                    "taxonomies"
                };
                for (k, v) in inner {
                    let mapped = name == "taxonomies" && k == "tags";
                    out.push(Entry {
                        line: line_of(&k),
                        key: k,
                        value: toml_to_yaml(v),
                        table: (!mapped).then_some(name),
                    });
                }
            }
            (_, value) => out.push(Entry {
                line: line_of(&key),
                key,
                value: toml_to_yaml(value),
                table: None,
            }),
        }
    }
    Ok(out)
}

fn json(path: &Path, file_text: &str, split: &Split<'_>) -> Result<Vec<Entry>, Vec<Diagnostic>> {
    let raw = split.raw;
    let map: serde_json::Map<String, serde_json::Value> = match serde_json::from_str(raw) {
        Ok(serde_json::Value::Object(m)) => m,
        Ok(_) => {
            return Err(vec![
                Diagnostic::error("json", path, "JSON front matter is not an object")
                    .at_in(file_text, 1, 1)
                    .hint("write it as { \"title\": \"My page\" }"),
            ]);
        }
        Err(e) => {
            return Err(vec![
                Diagnostic::error(
                    "json",
                    path,
                    format!("invalid JSON front matter: {}", json_message(&e)),
                )
                .at_in(file_text, e.line().max(1), e.column().max(1)),
            ]);
        }
    };
    let mut out = Vec::new();
    for (key, value) in map {
        out.push(Entry {
            line: json_key_line(raw, &key) + split.raw_line - 1,
            value: serde_yaml::to_value(&value).unwrap_or(serde_yaml::Value::Null),
            key,
            table: None,
        });
    }
    Ok(out)
}

/// A TOML value as the YAML value the key checks read; a date or date-time
/// becomes its text (`2026-03-14`, `2026-03-14T09:00:00Z`).
fn toml_to_yaml(value: toml::Value) -> serde_yaml::Value {
    use serde_yaml::Value as Y;
    match value {
        toml::Value::String(s) => Y::String(s),
        toml::Value::Integer(i) => Y::Number(i.into()),
        toml::Value::Float(f) => Y::Number(f.into()),
        toml::Value::Boolean(b) => Y::Bool(b),
        toml::Value::Datetime(d) => Y::String(d.to_string()),
        toml::Value::Array(a) => Y::Sequence(a.into_iter().map(toml_to_yaml).collect()),
        toml::Value::Table(t) => Y::Mapping(
            t.into_iter()
                .map(|(k, v)| (Y::String(k), toml_to_yaml(v)))
                .collect(),
        ),
    }
}

/// The offset of the first bracket or brace nested deeper than
/// [`TOML_DEPTH`], outside strings and comments.
fn too_deep(raw: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut comment = false;
    for (i, c) in raw.char_indices() {
        if comment {
            comment = c != '\n';
            continue;
        }
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' && q == '"' {
                escaped = true;
            } else if c == q || c == '\n' {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '#' => comment = true,
            '[' | '{' => {
                depth += 1;
                if depth > TOML_DEPTH {
                    return Some(i);
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The serde_yaml message without its trailing " at line X column Y".
fn yaml_message(e: &serde_yaml::Error) -> String {
    let msg = e.to_string();
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}

/// The file line (1-based) of a top-level key in a YAML block, which
/// starts on line 2 (line 2 when the key is not found).
fn key_line(yaml: &str, key: &str) -> usize {
    line_of_key(yaml, key, ':').map_or(2, |i| i + 2)
}

/// The 1-based line, within `raw`, of `key = …` or a `[key]` table header.
fn toml_key_line(raw: &str, key: &str) -> usize {
    let header = raw.lines().position(|l| {
        let l = l.trim_start();
        l.strip_prefix('[')
            .and_then(|r| r.trim_start().strip_prefix(key))
            .is_some_and(|r| r.trim_start().starts_with([']', '.']))
    });
    line_of_key(raw, key, '=').or(header).map_or(1, |i| i + 1)
}

/// The 1-based line, within `raw`, of `"key":`.
fn json_key_line(raw: &str, key: &str) -> usize {
    let quoted = serde_json::to_string(key).unwrap_or_default();
    raw.lines()
        .position(|l| {
            l.find(&quoted)
                .is_some_and(|i| l[i + quoted.len()..].trim_start().starts_with(':'))
        })
        .map_or(1, |i| i + 1)
}

/// The 0-based index of the first line of `text` that opens with `key`
/// (bare or quoted) followed by `sep`.
fn line_of_key(text: &str, key: &str, sep: char) -> Option<usize> {
    text.lines().position(|l| {
        let l = l.trim_start().trim_start_matches(['"', '\'']);
        l.strip_prefix(key).is_some_and(|rest| {
            rest.trim_start_matches(['"', '\''])
                .trim_start()
                .starts_with(sep)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::super::split::split;
    use super::*;

    fn read(text: &str) -> Result<Vec<Entry>, Vec<Diagnostic>> {
        let s = split(Path::new("a.md"), text).map_err(|d| vec![d])?;
        entries(Path::new("a.md"), text, &s)
    }

    fn keys(entries: &[Entry]) -> Vec<(&str, usize, Option<&str>)> {
        entries
            .iter()
            .map(|e| (e.key.as_str(), e.line, e.table))
            .collect()
    }

    #[test]
    fn toml_keys_are_at_their_file_lines_and_zola_tables_open_up() {
        let text = "+++\ntitle = \"Hi\"\ndate = 2024-01-15\n\n[taxonomies]\ntags = [\"rust\"]\ncategories = [\"x\"]\n\n[extra]\ntoc = true\n+++\nBody\n";
        let e = read(text).unwrap();
        assert_eq!(
            keys(&e),
            [
                ("title", 2, None),
                ("date", 3, None),
                ("tags", 6, None),
                ("categories", 7, Some("taxonomies")),
                ("toc", 10, Some("extra")),
            ]
        );
        let date = e.iter().find(|e| e.key == "date").unwrap();
        assert_eq!(date.value, serde_yaml::Value::String("2024-01-15".into()));
    }

    #[test]
    fn toml_syntax_error_is_at_its_file_line() {
        let errs = read("+++\ntitle = \"Hi\"\ndraft = yes\n+++\n").unwrap_err();
        assert_eq!(errs[0].code, "toml");
        assert_eq!((errs[0].line, errs[0].col), (3, 9));
    }

    #[test]
    fn deep_toml_is_refused_before_parsing() {
        let deep = format!(
            "+++\na = {}1{}\n+++\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        let errs = read(&deep).unwrap_err();
        assert_eq!((errs[0].line, errs[0].col), (2, 5 + TOML_DEPTH));
        assert!(read("+++\na = [[1, 2], [\"[[[\"]] # [[[[\n+++\n").is_ok());
    }

    #[test]
    fn json_keys_are_at_their_file_lines() {
        let e = read("{\n  \"title\": \"Hi\",\n  \"draft\": true\n}\nBody\n").unwrap();
        assert_eq!(keys(&e), [("title", 2, None), ("draft", 3, None)]);
    }

    #[test]
    fn key_lines_count_from_the_opening_dashes() {
        assert_eq!(key_line("title: x\ntitel: y\n", "titel"), 3);
        assert_eq!(key_line("\"quoted\": 1\n", "quoted"), 2);
    }
}
