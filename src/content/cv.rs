//! The CV: finding `content/cv.yaml` (or `cv.yml`, or `cv.json` in plain
//! JSON Resume), reading it into the typed [`Resume`], and turning parser
//! errors into diagnostics at the file's line and column.
//!
//! It also answers which work entry an achievement's `cv:` names. Merging
//! achievements into the CV happens per audience, in [`crate::export::json_resume`](mod@crate::export::json_resume).

mod keys;
mod locate;
mod public;
mod read;
mod tags;

use std::path::{Path, PathBuf};

pub use tags::{tags, unknown_variant_tags};

use super::resume::{Resume, Work};
use super::source::{self, SourceFile};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, closest};
use crate::error::{Error, Result};

/// The CV files folio reads, in `content/`.
pub const CV_FILES: &[&str] = &["cv.yaml", "cv.yml", "cv.json"];

/// The loaded CV.
#[derive(Debug, Clone)]
pub struct Cv {
    pub resume: Resume,
    /// The file, relative to the site root.
    pub source: PathBuf,
    /// The file's text, so findings about a field can point at it.
    pub text: String,
}

/// Reads the CV among the files walked under `content/`: `Ok(None)` when
/// there is none, content problems as diagnostics (warnings included).
pub fn load(root: &Path, files: &[SourceFile]) -> Result<(Option<Cv>, Vec<Diagnostic>)> {
    let found: Vec<&SourceFile> = files
        .iter()
        .filter(|f| CV_FILES.contains(&f.rel.as_str()))
        .collect();
    let Some(file) = found.first() else {
        return Ok((None, Vec::new()));
    };
    let display = file
        .abs
        .strip_prefix(root)
        .unwrap_or(&file.abs)
        .to_path_buf();
    if found.len() > 1 {
        let names: Vec<&str> = found.iter().map(|f| f.rel.as_str()).collect();
        return Ok((
            None,
            vec![
                Diagnostic::error(
                    "cv",
                    &display,
                    format!("more than one CV file: {}", names.join(", ")),
                )
                .hint("keep one: content/cv.yaml (YAML) or content/cv.json (JSON Resume)"),
            ],
        ));
    }
    let bytes = std::fs::read(&file.abs).map_err(|e| Error::io("reading", &file.abs, e))?;
    let text = match source::decode(&display, bytes) {
        Ok(t) => t,
        Err(d) => return Ok((None, vec![d])),
    };
    let json = file.rel.ends_with(".json");
    Ok(match parse(&display, &text, json) {
        Ok((resume, warnings)) => (
            Some(Cv {
                resume,
                source: display,
                text,
            }),
            warnings,
        ),
        Err(errors) => (None, errors),
    })
}

/// Parses a CV's text: every schema error (a CV with any does not load),
/// or the CV with its warnings (0.x keys, keys not shown, see [`keys`]).
/// Keys of an entry that look like a typo of `visibility` are errors, but
/// the CV still loads.
pub fn parse(
    path: &Path,
    text: &str,
    json: bool,
) -> std::result::Result<(Resume, Vec<Diagnostic>), Vec<Diagnostic>> {
    let hint = if json {
        "the file must be JSON Resume (https://jsonresume.org/schema)"
    } else {
        "the file is JSON Resume written as YAML (https://jsonresume.org/schema); check the indentation and quote values that contain `: `"
    };
    let tree: serde_json::Value = if json {
        serde_json::from_str(text).map_err(|e| {
            let msg = strip_position(&e.to_string());
            let (line, col) = refine(text, &msg, e.line(), e.column(), false);
            vec![
                Diagnostic::error("cv", path, msg)
                    .at_in(text, line, col)
                    .hint(hint),
            ]
        })?
    } else if text.trim().is_empty() {
        serde_json::Value::Null
    } else {
        crate::yaml::from_str(text).map_err(|e| {
            let e = match e {
                crate::yaml::Error::Parse(e) => e,
                crate::yaml::Error::TooDeep { offset } => {
                    let (line, col) = crate::diagnostic::line_col(text, offset);
                    return vec![Diagnostic::error("cv", path, crate::yaml::too_deep_message())
                        .at_in(text, line, col)
                        .hint("a CV is sections of entries of fields, a few levels deep: remove the deep nesting")];
                }
            };
            let msg = strip_position(&e.to_string());
            let d = Diagnostic::error("cv", path, msg.clone()).hint(hint);
            vec![match e.location() {
                Some(l) => {
                    let (line, col) = refine(text, &msg, l.line(), l.column(), true);
                    d.at_in(text, line, col)
                }
                None => d,
            }]
        })?
    };
    let resume = read::read(path, text, json, tree)?;
    let mut findings = visibility_typos(path, text, json, &resume);
    findings.extend(keys::warnings(path, text, json, &resume));
    Ok((resume, findings))
}

/// An error for every key of a CV entry (or of `basics`) that looks like a
/// misspelt `visibility`: such a key is kept as an unknown key, so the entry
/// it meant to make private would be published.
fn visibility_typos(path: &Path, text: &str, json: bool, resume: &Resume) -> Vec<Diagnostic> {
    let Ok(serde_json::Value::Object(sections)) = serde_json::to_value(resume) else {
        return Vec::new();
    };
    let mut objects: Vec<(String, &serde_json::Value)> = Vec::new();
    for (name, section) in &sections {
        match section {
            serde_json::Value::Array(list) => objects.extend(
                list.iter()
                    .enumerate()
                    .map(|(i, e)| (format!("{name}[{i}]"), e)),
            ),
            serde_json::Value::Object(_) if name == "basics" => {
                objects.push((name.clone(), section));
                if let Some(serde_json::Value::Array(list)) = section.get("profiles") {
                    objects.extend(
                        list.iter()
                            .enumerate()
                            .map(|(i, e)| (format!("basics.profiles[{i}]"), e)),
                    );
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    for (at, object) in objects {
        let Some(map) = object.as_object() else {
            continue;
        };
        for key in map.keys() {
            if key == "visibility" || closest(key, ["visibility"]).is_none() {
                continue;
            }
            let d = Diagnostic::error(
                "cv",
                path,
                format!("{at}: unknown key `{key}`: nothing here is made private"),
            )
            .hint("did you mean `visibility`?");
            found.push(match locate::locate(text, &format!("{at}.{key}"), json) {
                Some((line, col)) => d.at_in(text, line, col),
                None => d,
            });
        }
    }
    found
}

impl Cv {
    /// The line and column where the field at `path` (`basics.label`,
    /// `work[2].position`) is written, if it can be found.
    pub fn locate(&self, path: &str) -> Option<(usize, usize)> {
        let json = self.source.extension().is_some_and(|e| e == "json");
        locate::locate(&self.text, path, json)
    }

    /// The index of the work entry an achievement dated `date` belongs to
    /// under `name` (the employer, case and spacing ignored). With several
    /// roles at that employer, the role whose dates hold `date` wins, else
    /// the one that started last. `Err` carries a hint.
    pub fn work_for(&self, name: &str, date: Date) -> std::result::Result<usize, String> {
        let work = self.resume.work.as_deref().unwrap_or_default();
        let want = normalize(name);
        let roles: Vec<(usize, &Work)> = work
            .iter()
            .enumerate()
            .filter(|(_, w)| w.employer().is_some_and(|n| normalize(n.as_str()) == want))
            .collect();
        if roles.is_empty() {
            let names: Vec<&str> = work
                .iter()
                .filter_map(|w| w.employer().map(|n| n.as_str()))
                .collect();
            return Err(match closest(name, names.iter().copied()) {
                Some(n) => format!("did you mean `cv: {n}`?"),
                None if names.is_empty() => format!(
                    "{} has no `work` entries with a `name`",
                    self.source.display()
                ),
                None => format!("the work entries are: {}", names.join(", ")),
            });
        }
        let holds = |w: &Work| {
            w.start_date.as_ref().is_some_and(|s| s.starts_by(date))
                && w.end_date.as_ref().is_none_or(|e| e.ends_after(date))
        };
        let chosen = roles
            .iter()
            .find(|(_, w)| holds(w))
            .or_else(|| {
                roles
                    .iter()
                    .max_by(|a, b| a.1.start_date.cmp(&b.1.start_date))
            })
            .map_or(roles[0].0, |(i, _)| *i);
        Ok(chosen)
    }
}

/// Parsers report a bad value inside an object at the object (YAML: where
/// it starts; JSON: where it ends), because the object is read whole to keep
/// its unknown keys. When the message quotes the value (`` `2020-13` ``), the
/// position moves to that value: the first occurrence after the object's
/// start, or the last one before its end.
fn refine(text: &str, msg: &str, line: usize, col: usize, forward: bool) -> (usize, usize) {
    let quoted = msg
        .split_once('`')
        .and_then(|(_, rest)| rest.split_once('`'))
        .map(|(v, _)| v)
        .filter(|v| !v.is_empty());
    let Some(value) = quoted else {
        return (line, col);
    };
    let offset = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        + col.saturating_sub(1);
    let offset = offset.min(text.len());
    let found = if forward {
        text.get(offset..)
            .and_then(|t| t.find(value))
            .map(|i| i + offset)
    } else {
        text.get(..offset).and_then(|t| t.rfind(value))
    };
    match found {
        Some(i) => crate::diagnostic::line_col(text, i),
        None => (line, col),
    }
}

fn normalize(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A parser message without its trailing ` at line X column Y`.
fn strip_position(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> std::result::Result<(Resume, Vec<Diagnostic>), Vec<Diagnostic>> {
        parse(Path::new("content/cv.yaml"), text, false)
    }

    #[test]
    fn work_without_position_loads() {
        let (r, w) = yaml("work:\n  - name: Every Cure\n    summary: Leads the team.\n").unwrap();
        assert!(w.is_empty());
        let work = r.work.unwrap();
        assert_eq!(work[0].name.as_ref().unwrap().as_str(), "Every Cure");
        assert!(work[0].position.is_none());
    }

    #[test]
    fn bad_date_is_reported_at_its_line() {
        let d = yaml("basics:\n  name: Ada\nwork:\n  - name: Acme\n    startDate: 2020-13\n")
            .unwrap_err()
            .remove(0);
        assert_eq!(d.line, 5, "{d}");
        assert!(d.message.contains("`2020-13` is not a date"), "{d}");
        assert!(!d.message.contains("at line"));
    }

    #[test]
    fn bad_url_and_json_syntax_are_positioned() {
        let d = yaml("basics:\n  name: Ada\n  url: ada.example.org\n")
            .unwrap_err()
            .remove(0);
        assert_eq!(d.line, 3, "{d}");
        assert!(d.message.contains("not a full URL"), "{d}");
        let d = parse(
            Path::new("cv.json"),
            "{\n  \"basics\": {\"name\": }\n}",
            true,
        )
        .unwrap_err()
        .remove(0);
        assert_eq!((d.line, d.col), (2, 22), "{d}");
        let d = parse(
            Path::new("cv.json"),
            "{\"work\": [\n  {\"name\": \"A\",\n   \"endDate\": \"2020-13\"}\n]}",
            true,
        )
        .unwrap_err()
        .remove(0);
        assert_eq!((d.line, d.col), (3, 16), "{d}");
    }

    #[test]
    fn a_bad_visibility_is_reported_at_its_line_with_its_hint() {
        let d = yaml("work:\n  - name: Acme\n    summary: a\n    visibility: hidden\n")
            .unwrap_err()
            .remove(0);
        assert_eq!((d.line, d.col), (4, 17), "{d}");
        assert!(d.message.contains("`hidden` is not a visibility"), "{d}");
        assert_eq!(d.hint.as_deref(), Some(read::VISIBILITY_HINT));
        let d = parse(
            Path::new("cv.json"),
            "{\"skills\": [\n  {\"name\": \"A\",\n   \"visibility\": \"Private\"}\n]}",
            true,
        )
        .unwrap_err()
        .remove(0);
        assert_eq!((d.line, d.col), (3, 19), "{d}");
        let d = yaml("basics:\n  visibility:\n    adress: private\n")
            .unwrap_err()
            .remove(0);
        assert_eq!((d.line, d.col), (3, 5), "{d}");
        assert!(
            d.message.ends_with(
                "names no basics field that can be private: did you mean `location.address`?"
            ),
            "{d}"
        );
        assert_eq!(d.hint.as_deref(), Some(read::VISIBILITY_HINT));
    }

    #[test]
    fn a_misspelt_visibility_is_an_error_at_its_key() {
        let (_, found) = yaml(
            "basics:\n  name: Ada\n  visibilty: {phone: private}\nprojects:\n  - name: A\n  - name: B\n    visiblity: private\n    visible: yes\n",
        )
        .unwrap();
        let (errors, warnings): (Vec<_>, Vec<_>) = found.iter().partition(|d| d.is_error());
        assert_eq!(warnings.len(), 1, "`visible` is not shown: {warnings:?}");
        assert_eq!((warnings[0].line, warnings[0].col), (8, 5));
        let at: Vec<(usize, usize, &str)> = errors
            .iter()
            .map(|d| (d.line, d.col, d.message.as_str()))
            .collect();
        assert_eq!(
            at,
            [
                (
                    3,
                    3,
                    "basics: unknown key `visibilty`: nothing here is made private"
                ),
                (
                    7,
                    5,
                    "projects[1]: unknown key `visiblity`: nothing here is made private"
                ),
            ]
        );
    }

    #[test]
    fn a_section_typo_is_a_warning() {
        let (_, w) = yaml("wrok:\n  - name: Acme\n").unwrap();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, 1);
        assert_eq!(w[0].hint.as_deref(), Some("did you mean `work`?"));
    }

    #[test]
    fn cv_names_pick_the_role_holding_the_date() {
        let (resume, _) = yaml(
            "work:\n  - name: Acme\n    position: Lead\n    startDate: 2022-01\n  - name: Acme\n    position: Engineer\n    startDate: 2019\n    endDate: 2021-12\n  - name: Other\n",
        )
        .unwrap();
        let cv = Cv {
            resume,
            source: "content/cv.yaml".into(),
            text: String::new(),
        };
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(cv.work_for("acme", d("2020-05-01")), Ok(1));
        assert_eq!(cv.work_for("ACME", d("2023-05-01")), Ok(0));
        assert_eq!(cv.work_for("Acme", d("2010-05-01")), Ok(0), "latest start");
        assert_eq!(
            cv.work_for("Othr", d("2020-01-01")),
            Err("did you mean `cv: Other`?".into())
        );
    }
}
