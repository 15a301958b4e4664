//! Warnings about keys of a CV that are read differently from JSON Resume
//! 1.0: the 0.x names (`work[0].company`: read as `name`, a warning
//! suggests the new name), and keys the schema does not name
//! (`experience:`, `basics.aboutMe`): kept in `resume.json`, shown nowhere
//! on the CV page, so each gets a warning naming its path.
//!
//! Keys that look like a misspelt `visibility` are errors, reported by
//! [`super`]; they get no warning here.

use std::path::Path;

use super::locate::Locator;
use crate::content::resume::legacy::renamed;
use crate::content::resume::{Extra, Resume, SECTIONS};
use crate::diagnostic::{Diagnostic, closest};
use serde_json::Value;

/// The keys of each object of JSON Resume 1.0 (`section` for a section's
/// entries), and folio's own (`visibility`, `featured`, a project's `image`), for suggestions.
const FIELDS: &[(&str, &[&str])] = &[
    (
        "basics",
        &[
            "name",
            "label",
            "image",
            "email",
            "phone",
            "url",
            "summary",
            "location",
            "profiles",
            "visibility",
        ],
    ),
    (
        "location",
        &["address", "postalCode", "city", "countryCode", "region"],
    ),
    ("profiles", &["network", "username", "url", "visibility"]),
    (
        "work",
        &[
            "name",
            "location",
            "description",
            "position",
            "url",
            "startDate",
            "endDate",
            "summary",
            "highlights",
            "visibility",
        ],
    ),
    (
        "volunteer",
        &[
            "organization",
            "position",
            "url",
            "startDate",
            "endDate",
            "summary",
            "highlights",
            "visibility",
        ],
    ),
    (
        "education",
        &[
            "institution",
            "url",
            "area",
            "studyType",
            "startDate",
            "endDate",
            "score",
            "courses",
            "visibility",
        ],
    ),
    (
        "awards",
        &["title", "date", "awarder", "summary", "visibility"],
    ),
    (
        "certificates",
        &["name", "date", "url", "issuer", "visibility"],
    ),
    (
        "publications",
        &[
            "name",
            "publisher",
            "releaseDate",
            "url",
            "summary",
            "visibility",
        ],
    ),
    ("skills", &["name", "level", "keywords", "visibility"]),
    ("languages", &["language", "fluency", "visibility"]),
    ("interests", &["name", "keywords", "visibility"]),
    ("references", &["name", "reference", "visibility"]),
    (
        "projects",
        &[
            "name",
            "description",
            "highlights",
            "keywords",
            "startDate",
            "endDate",
            "url",
            "roles",
            "entity",
            "type",
            "featured",
            "image",
            "visibility",
        ],
    ),
];

/// Top-level keys other tools write for a section of the schema.
const SECTION_SYNONYMS: &[(&str, &str)] = &[
    ("experience", "work"),
    ("employment", "work"),
    ("jobs", "work"),
    ("volunteering", "volunteer"),
    ("certifications", "certificates"),
    ("hobbies", "interests"),
    // Before 0.0.0 (June 2014) `basics` was `bio`.
    ("bio", "basics"),
];

/// Past this many warnings, the rest are counted in one, so a huge CV is
/// not searched once per key.
const MAX_WARNINGS: usize = 50;

/// The warnings for `resume`, read from `text`.
pub fn warnings(path: &Path, text: &str, json: bool, resume: &Resume) -> Vec<Diagnostic> {
    let mut found: Vec<(String, Diagnostic)> = Vec::new();
    let locator = Locator::new(text, json);
    let all = serde_json::to_value(resume).unwrap_or(Value::Null);
    for (kind, at, extra) in objects(resume) {
        if !at.is_empty() {
            found.extend(legacy(path, &all, kind, &at));
        }
        for key in extra.keys() {
            if key == "visibility" || closest(key, ["visibility"]).is_some() {
                continue;
            }
            if kind.is_empty() && (key == "$schema" || key == "meta") {
                continue;
            }
            let field = if at.is_empty() {
                key.clone()
            } else {
                format!("{at}.{key}")
            };
            let d = unknown(path, kind, &field, key);
            found.push((field, d));
        }
    }
    let more = found.len().saturating_sub(MAX_WARNINGS);
    found.truncate(MAX_WARNINGS);
    let mut out: Vec<Diagnostic> = found
        .into_iter()
        .map(|(field, d)| at_field(d, text, &locator, &field))
        .collect();
    out.sort_by_key(|d| (d.line, d.col));
    if more > 0 {
        out.push(
            Diagnostic::warning(
                "cv",
                path,
                format!("{more} more keys are JSON Resume 0.x names or not shown"),
            )
            .hint("fix the keys above and run `folio check` again to see the rest"),
        );
    }
    out
}

fn unknown(path: &Path, kind: &str, field: &str, key: &str) -> Diagnostic {
    let (what, names): (&str, &[&str]) = if kind.is_empty() {
        ("section", SECTIONS)
    } else {
        (
            "key",
            FIELDS
                .iter()
                .find(|(k, _)| *k == kind)
                .map_or(&[][..], |(_, f)| *f),
        )
    };
    let guess = SECTION_SYNONYMS
        .iter()
        .find(|(s, _)| kind.is_empty() && *s == key)
        .map(|(_, s)| *s)
        .or_else(|| closest(key, names.iter().copied()));
    let hint = match guess {
        Some(g) => format!("did you mean `{g}`?"),
        None => format!(
            "JSON Resume names these here: {}; rename the {what} to one of them, or remove it",
            names.join(", ")
        ),
    };
    Diagnostic::warning(
        "cv",
        path,
        format!("unknown {what} `{field}` is kept in resume.json but not shown on the CV page"),
    )
    .hint(hint)
}

/// A warning for each 0.x key of the object at `at`, of kind `kind`.
fn legacy(path: &Path, all: &Value, kind: &str, at: &str) -> Vec<(String, Diagnostic)> {
    let Some(Value::Object(map)) = value_at(all, at) else {
        return Vec::new();
    };
    map.keys()
        .filter_map(|key| {
            let new = renamed(kind, key)?;
            let field = format!("{at}.{key}");
            let read = if map.contains_key(new) {
                format!("the entry's `{new}` is shown instead")
            } else {
                format!("read as `{new}`")
            };
            let d = Diagnostic::warning(
                "cv",
                path,
                format!("`{field}` is the JSON Resume 0.x name of `{new}`: {read}"),
            )
            .hint(format!(
                "rename `{key}` to `{new}` (JSON Resume 1.0); resume.json keeps the key as written"
            ));
            Some((field, d))
        })
        .collect()
}

/// The value at `at` (`work[1]`, `basics`) in the CV as JSON.
fn value_at<'v>(all: &'v Value, at: &str) -> Option<&'v Value> {
    let mut v = all;
    for part in at.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((k, i)) => (k, i.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        v = v.get(key)?;
        if let Some(i) = index {
            v = v.get(i)?;
        }
    }
    Some(v)
}

fn at_field(d: Diagnostic, text: &str, locator: &Locator<'_>, field: &str) -> Diagnostic {
    match locator.spot_or_parent(field) {
        Some(s) => {
            let (line, col) = crate::diagnostic::line_col(text, s.key);
            d.at_in(text, line, col)
        }
        None => d,
    }
}

/// Every object of the CV with its kind (`""` for the top level), its
/// path, and its unknown keys.
fn objects(r: &Resume) -> Vec<(&'static str, String, &Extra)> {
    let mut out: Vec<(&'static str, String, &Extra)> = vec![("", String::new(), &r.extra)];
    if let Some(b) = &r.basics {
        out.push(("basics", "basics".into(), &b.extra));
        if let Some(l) = &b.location {
            out.push(("location", "basics.location".into(), &l.extra));
        }
        for (i, p) in b.profiles.iter().flatten().enumerate() {
            out.push(("profiles", format!("basics.profiles[{i}]"), &p.extra));
        }
    }
    fn list<'r, T>(
        out: &mut Vec<(&'static str, String, &'r Extra)>,
        kind: &'static str,
        entries: &'r Option<Vec<T>>,
        extra: fn(&T) -> &Extra,
    ) {
        for (i, e) in entries.iter().flatten().enumerate() {
            out.push((kind, format!("{kind}[{i}]"), extra(e)));
        }
    }
    list(&mut out, "work", &r.work, |e| &e.extra);
    list(&mut out, "volunteer", &r.volunteer, |e| &e.extra);
    list(&mut out, "education", &r.education, |e| &e.extra);
    list(&mut out, "awards", &r.awards, |e| &e.extra);
    list(&mut out, "certificates", &r.certificates, |e| &e.extra);
    list(&mut out, "publications", &r.publications, |e| &e.extra);
    list(&mut out, "skills", &r.skills, |e| &e.extra);
    list(&mut out, "languages", &r.languages, |e| &e.extra);
    list(&mut out, "interests", &r.interests, |e| &e.extra);
    list(&mut out, "references", &r.references, |e| &e.extra);
    list(&mut out, "projects", &r.projects, |e| &e.extra);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warned(text: &str) -> Vec<(usize, usize, String, Option<String>)> {
        let r: Resume = serde_yaml::from_str(text).unwrap();
        warnings(Path::new("content/cv.yaml"), text, false, &r)
            .into_iter()
            .map(|d| (d.line, d.col, d.message, d.hint))
            .collect()
    }

    #[test]
    fn many_unknown_keys_are_counted_past_fifty() {
        let text: String = (0..80).map(|i| format!("x{i}: 1\n")).collect();
        let w = warned(&text);
        assert_eq!(w.len(), 51);
        assert!(
            w[..50].windows(2).all(|p| p[0].0 < p[1].0),
            "placed, in file order"
        );
        assert!(
            w[..50]
                .iter()
                .all(|(_, c, m, _)| *c == 1 && m.starts_with("unknown section `x"))
        );
        assert_eq!(
            w[50].2,
            "30 more keys are JSON Resume 0.x names or not shown"
        );
    }

    #[test]
    fn a_0x_key_beside_its_1_0_key_says_which_is_shown() {
        let w = warned("work:\n  - name: New Co\n    company: Old Co\n");
        assert_eq!(w.len(), 1);
        assert_eq!((w[0].0, w[0].1), (3, 5));
        assert_eq!(
            w[0].2,
            "`work[0].company` is the JSON Resume 0.x name of `name`: the entry's `name` is shown instead"
        );
    }

    #[test]
    fn unknown_keys_name_their_path_and_likely_key() {
        let w = warned(
            "$schema: x\nmeta: {version: v1}\nbasics:\n  nam: Ada\n  visiblity: {}\n  location:\n    zip: 1\nhobbies: []\nskils: []\n",
        );
        let got: Vec<(usize, &str, Option<&str>)> = w
            .iter()
            .map(|(l, _, m, h)| (*l, m.as_str(), h.as_deref()))
            .collect();
        assert_eq!(got.len(), 4, "{got:#?}");
        assert!(got.contains(&(
            8,
            "unknown section `hobbies` is kept in resume.json but not shown on the CV page",
            Some("did you mean `interests`?")
        )));
        assert!(got.contains(&(
            9,
            "unknown section `skils` is kept in resume.json but not shown on the CV page",
            Some("did you mean `skills`?")
        )));
        assert!(got.iter().any(|(l, m, h)| *l == 4
            && m.contains("`basics.nam`")
            && *h == Some("did you mean `name`?")));
        assert!(got.iter().any(|(l, m, h)| *l == 7
            && m.contains("`basics.location.zip`")
            && h.is_some_and(|h| h.contains("postalCode"))));
    }
}
