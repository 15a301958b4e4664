//! The `[cv]` table of `site.toml`: the paper the CV is set on (`paper =
//! "a4"` or `"letter"`), for `cv.pdf` and for the CV page's print `@page`,
//! and whether `cv.pdf` is made at all (`pdf = false` turns it off).
//!
//! [`crate::config`] calls in here for this one table. Keys of `[cv]` that
//! other settings own (`variants`, read on its own) are left to them.

use std::path::Path;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, closest};

const TABLE: &str = "cv";
const KNOWN_KEYS: &[&str] = &["paper", "pdf", "variants"];

/// A paper size the CV is set on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// The name as written in `site.toml`, in CSS's `@page size` and in
    /// Typst's `paper` ("a4", "us-letter").
    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }

    /// Typst's name for the paper.
    pub fn typst(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "us-letter",
        }
    }
}

/// `[cv]` as validated, with its defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CvSettings {
    pub paper: Paper,
    /// Typeset `cv.pdf` (and each variant's PDF); on unless `pdf = false`.
    pub pdf: bool,
}

impl Default for CvSettings {
    fn default() -> Self {
        CvSettings {
            paper: Paper::default(),
            pdf: true,
        }
    }
}

impl CvSettings {
    /// Reads the `[cv]` table (absent: the defaults). Every problem is
    /// reported, each at its key's line in `text`.
    pub fn from_table(
        table: Option<&toml::Value>,
        text: &str,
        file: &Path,
    ) -> Result<CvSettings, Vec<Diagnostic>> {
        let mut settings = CvSettings::default();
        let Some(value) = table else {
            return Ok(settings);
        };
        let Some(table) = value.as_table() else {
            let (line, col) = super::table_key_position(text, TABLE, None);
            return Err(vec![
                Diagnostic::error("config", file, "`cv` must be a table")
                    .at_in(text, line, col)
                    .hint("write it as a section: [cv] on its own line, then paper = \"a4\""),
            ]);
        };
        let mut problems = Vec::new();
        for (key, value) in table {
            let (line, col) = super::table_key_position(text, TABLE, Some(key));
            let at = |message: String, hint: String| {
                Diagnostic::error("config", file, message)
                    .at_in(text, line, col)
                    .hint(hint)
            };
            match key.as_str() {
                "paper" => match value.as_str() {
                    Some("a4") => settings.paper = Paper::A4,
                    Some("letter") => settings.paper = Paper::Letter,
                    Some(other) => problems.push(at(
                        format!("`cv.paper` = {other:?} is not a paper folio knows"),
                        "write paper = \"a4\" or paper = \"letter\"".into(),
                    )),
                    None => problems.push(at(
                        format!("`cv.paper` must be a string, not {}", value.type_str()),
                        "write paper = \"a4\" or paper = \"letter\"".into(),
                    )),
                },
                "pdf" => match value.as_bool() {
                    Some(on) => settings.pdf = on,
                    None => problems.push(at(
                        format!("`cv.pdf` must be true or false, not {}", value.type_str()),
                        "write pdf = false to make no cv.pdf, or leave it out".into(),
                    )),
                },
                "variants" => {}
                other => {
                    let hint = match closest(other, KNOWN_KEYS.iter().copied()) {
                        Some(k) => format!("did you mean `{k}`?"),
                        None => format!("known keys in [cv]: {}", KNOWN_KEYS.join(", ")),
                    };
                    problems.push(at(format!("unknown key `{other}` in [cv]"), hint));
                }
            }
        }
        if problems.is_empty() {
            Ok(settings)
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::testing::{errors, parse};

    #[test]
    fn a4_by_default_and_letter_when_asked() {
        assert_eq!(parse("").unwrap().cv.paper, Paper::A4);
        assert_eq!(
            parse("[cv]\npaper = \"letter\"\n").unwrap().cv.paper,
            Paper::Letter
        );
        assert_eq!(parse("cv.paper = \"a4\"\n").unwrap().cv.paper, Paper::A4);
    }

    #[test]
    fn an_unknown_paper_is_an_error_at_its_line() {
        let d = errors("[cv]\npaper = \"A5\"\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message,
            "`cv.paper` = \"A5\" is not a paper folio knows"
        );
        assert_eq!((d[0].line, d[0].col), (4, 1));
        assert!(d[0].hint.as_deref().unwrap().contains("\"letter\""));
        let d = errors("[cv]\npaper = 4\n");
        assert_eq!(d[0].message, "`cv.paper` must be a string, not integer");
        assert_eq!(d[0].line, 4);
    }

    #[test]
    fn unknown_keys_and_a_non_table_are_errors() {
        let d = errors("[cv]\npapper = \"a4\"\n");
        assert_eq!(d[0].message, "unknown key `papper` in [cv]");
        assert_eq!(d[0].hint.as_deref(), Some("did you mean `paper`?"));
        let d = errors("cv = 1\n");
        assert_eq!(d[0].message, "`cv` must be a table");
        assert_eq!(d[0].line, 3);
    }

    #[test]
    fn pdf_is_on_unless_turned_off_and_must_be_a_boolean() {
        assert!(parse("[cv]\npaper = \"a4\"\n").unwrap().cv.pdf);
        assert!(!parse("[cv]\npdf = false\n").unwrap().cv.pdf);
        let d = errors("[cv]\npdf = \"no\"\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].line, 4);
        assert_eq!(d[0].message, "`cv.pdf` must be true or false, not string");
    }

    #[test]
    fn variants_are_left_to_their_own_reader() {
        let c = parse("[cv]\npaper = \"letter\"\n[cv.variants.lead]\ntags = [\"x\"]\n").unwrap();
        assert_eq!(c.cv.paper, Paper::Letter);
    }
}
