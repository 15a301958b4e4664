//! Reading a CV's parsed tree into the typed [`Resume`]: every schema error
//! in one run, each named by its field path (`basics.profiles[0].url`) and
//! placed at that field in the file; and numbers kept as they were written
//! (`score: 3.70` stays `3.70`, not `3.7`).
//!
//! The tree is read with `serde_path_to_error`, which names the field that
//! failed; that value is taken out of the tree and the tree read again,
//! until it reads (each failure removes a value, so this ends).

use std::path::Path;

use serde_json::Value;
use serde_path_to_error::Segment;

use super::locate::Locator;
use crate::content::resume::{Resume, is_visibility_error};
use crate::diagnostic::Diagnostic;

/// The hint for a bad `visibility` in the CV.
pub const VISIBILITY_HINT: &str = "an entry of any section may say `visibility: private` (the default is public); in `basics`, `visibility:` names fields, e.g. `visibility: {phone: private, location.address: private}`";

/// Stops a hostile file from making the loop long: past this many errors,
/// the rest are not listed.
const MAX_ERRORS: usize = 200;

/// Reads `tree` (the parsed `text`) as a [`Resume`], or every schema error.
pub fn read(
    path: &Path,
    text: &str,
    json: bool,
    mut tree: Value,
) -> Result<Resume, Vec<Diagnostic>> {
    if tree.is_null() {
        // A file of only comments.
        return Ok(Resume::default());
    }
    let original = tree.clone();
    let locator = Locator::new(text, json);
    let mut errors = Vec::new();
    // The field last put right, and how many times.
    let mut last: Option<(String, u8)> = None;
    let resume = loop {
        match serde_path_to_error::deserialize::<_, Resume>(&tree) {
            Ok(r) => break Some(r),
            Err(e) => {
                let segments: Vec<Segment> = e.path().iter().cloned().collect();
                let field = path_text(&segments);
                let attempt = match &last {
                    Some((f, n)) if *f == field => n + 1,
                    _ => 0,
                };
                if attempt == 0 {
                    errors.push(error(
                        path,
                        text,
                        json,
                        &locator,
                        &field,
                        &e.inner().to_string(),
                    ));
                }
                if errors.len() >= MAX_ERRORS || !remove(&mut tree, &segments, attempt) {
                    break None;
                }
                last = Some((field, attempt));
            }
        }
    };
    match resume {
        Some(r) if errors.is_empty() => Ok(keep_number_text(&locator, &original, r)),
        _ => {
            errors.sort_by_key(|d| (d.line, d.col));
            if errors.len() >= MAX_ERRORS {
                errors.push(
                    Diagnostic::error(
                        "cv",
                        path,
                        format!("more errors not listed: the first {MAX_ERRORS} are above"),
                    )
                    .hint("fix these and run `folio check` again"),
                );
            }
            Err(errors)
        }
    }
}

/// One schema error, at the field's value (or its key, when the value is
/// on later lines), or at the quoted value the message names.
fn error(
    path: &Path,
    text: &str,
    json: bool,
    locator: &Locator<'_>,
    field: &str,
    msg: &str,
) -> Diagnostic {
    let hint = if is_visibility_error(msg) {
        VISIBILITY_HINT
    } else if json {
        "the file must be JSON Resume (https://jsonresume.org/schema)"
    } else {
        "the file is JSON Resume written as YAML (https://jsonresume.org/schema); check the indentation and quote values that contain `: `"
    };
    let plain = plain_words(msg);
    let message = if field.is_empty() {
        plain
    } else {
        format!("{field}: {plain}")
    };
    let d = Diagnostic::error("cv", path, message).hint(hint);
    let Some(spot) = locator.spot_or_parent(field) else {
        return d;
    };
    // `basics.visibility: {adress: private}` fails at the map: the message
    // quotes the entry at fault, which is written after the key.
    let quoted = msg
        .split_once('`')
        .and_then(|(_, rest)| rest.split_once('`'))
        .map(|(v, _)| v)
        .filter(|v| !v.is_empty());
    let from = spot.value.unwrap_or(spot.key);
    let at = quoted
        .and_then(|q| text.get(from..)?.find(q).map(|i| i + from))
        .or(spot.value)
        .unwrap_or(spot.key);
    let (line, col) = crate::diagnostic::line_col(text, at);
    d.at_in(text, line, col)
}

/// serde's names for what was expected, in the CV's terms: `expected a
/// sequence` → `a list`, `expected struct Location` → `fields`.
fn plain_words(msg: &str) -> String {
    let msg = msg.replace("expected a sequence", "expected a list");
    match msg.split_once("expected struct ") {
        Some((head, tail)) => {
            let rest = tail.trim_start_matches(|c: char| c.is_ascii_alphanumeric());
            format!("{head}expected fields (`key: value` under it){rest}")
        }
        None => msg,
    }
}

/// `basics.profiles[0].url`.
fn path_text(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        match s {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

/// Takes the value at `segments` out of `tree`, so the rest can be read;
/// false when it cannot (the error is about the whole file). A list item
/// keeps its place, so later items keep their index: it becomes `{}` (an
/// empty entry), else, on the next `attempt`, `""` (an empty text).
fn remove(tree: &mut Value, segments: &[Segment], attempt: u8) -> bool {
    let Some((last, parents)) = segments.split_last() else {
        return false;
    };
    let mut at = tree;
    for s in parents {
        let next = match (s, at) {
            (Segment::Map { key }, Value::Object(m)) => m.get_mut(key),
            (Segment::Seq { index }, Value::Array(a)) => a.get_mut(*index),
            _ => None,
        };
        match next {
            Some(n) => at = n,
            None => return false,
        }
    }
    match (last, at) {
        (Segment::Map { key }, Value::Object(m)) => attempt == 0 && m.remove(key).is_some(),
        (Segment::Seq { index }, Value::Array(a)) => {
            let Some(item) = a.get_mut(*index) else {
                return false;
            };
            *item = match attempt {
                0 => Value::Object(serde_json::Map::new()),
                1 => Value::String(String::new()),
                _ => return false,
            };
            true
        }
        _ => false,
    }
}

/// A number the file gives where the schema wants text became text the
/// way the parser prints it (`3.70` → `3.7`): put back the text written in
/// the file, for up to [`MAX_NUMBERS`] numbers. Numbers among unknown keys
/// stay numbers.
fn keep_number_text(locator: &Locator<'_>, original: &Value, resume: Resume) -> Resume {
    let Ok(mut typed) = serde_json::to_value(&resume) else {
        return resume;
    };
    let mut budget = MAX_NUMBERS;
    let mut changed = false;
    restore(
        locator,
        original,
        &mut typed,
        String::new(),
        &mut budget,
        &mut changed,
    );
    if !changed {
        return resume;
    }
    serde_json::from_value(typed).unwrap_or(resume)
}

/// Each number looked up costs a search of the text: a CV has dozens, a
/// hostile file may have a million.
const MAX_NUMBERS: usize = 1000;

fn restore(
    locator: &Locator<'_>,
    from: &Value,
    to: &mut Value,
    at: String,
    budget: &mut usize,
    changed: &mut bool,
) {
    match (from, to) {
        (Value::Number(n), Value::String(s)) => {
            if *budget == 0 {
                return;
            }
            *budget -= 1;
            let Some(written) = locator.number_text(&at) else {
                return;
            };
            let same = written.parse::<f64>().ok() == n.as_f64();
            if same && written != s {
                *s = written.to_string();
                *changed = true;
            }
        }
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                if let Some(t) = b.get_mut(k) {
                    let sub = if at.is_empty() {
                        k.clone()
                    } else {
                        format!("{at}.{k}")
                    };
                    restore(locator, v, t, sub, budget, changed);
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, (v, t)) in a.iter().zip(b.iter_mut()).enumerate() {
                restore(locator, v, t, format!("{at}[{i}]"), budget, changed);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Result<Resume, Vec<Diagnostic>> {
        let tree: Value = serde_yaml::from_str(text).unwrap();
        read(Path::new("content/cv.yaml"), text, false, tree)
    }

    fn json(text: &str) -> Result<Resume, Vec<Diagnostic>> {
        let tree: Value = serde_json::from_str(text).unwrap();
        read(Path::new("content/cv.json"), text, true, tree)
    }

    fn at(errors: &[Diagnostic]) -> Vec<(usize, usize, String)> {
        errors
            .iter()
            .map(|d| (d.line, d.col, d.message.clone()))
            .collect()
    }

    #[test]
    fn every_error_at_its_own_field() {
        let e = yaml(
            "basics:\n  name: Ada\n  email: ada\n  profiles:\n    - network: X\n      url: \"\"\nwork:\n  - name: A\n    startDate: 2020-13\n    highlights: one\n  - name: B\n    endDate: soon\n",
        )
        .unwrap_err();
        let got = at(&e);
        let fields: Vec<(usize, usize, &str)> = got
            .iter()
            .map(|(l, c, m)| (*l, *c, m.split(':').next().unwrap()))
            .collect();
        assert!(got[1].2.ends_with(
            "`` is not a full URL: write it with its scheme, e.g. https://example.org/"
        ));
        assert_eq!(
            got[3].2,
            "work[0].highlights: invalid type: string \"one\", expected a list"
        );
        assert_eq!(
            fields,
            [
                (3, 10, "basics.email"),
                (6, 13, "basics.profiles[0].url"),
                (9, 16, "work[0].startDate"),
                (10, 17, "work[0].highlights"),
                (12, 14, "work[1].endDate"),
            ],
            "{got:?}"
        );
    }

    #[test]
    fn json_errors_are_placed_the_same_way() {
        let e = json(
            "{\"basics\": {\"name\": \"Ada\",\n  \"profiles\": [{\"url\": \"x\"}]},\n \"work\": [{\"name\": \"A\"}, {\"startDate\": 2020.5}]}",
        )
        .unwrap_err();
        let got = at(&e);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!((got[0].0, got[0].1), (2, 25));
        assert!(
            got[0]
                .2
                .starts_with("basics.profiles[0].url: `x` is not a full URL")
        );
        assert_eq!((got[1].0, got[1].1), (3, 40));
        assert!(
            got[1]
                .2
                .starts_with("work[1].startDate: `2020.5` is not a date")
        );
    }

    #[test]
    fn wrong_kinds_of_value_get_one_error_each_in_block_or_flow_style() {
        let e = yaml(
            "work:\n  - Acme\n  - name: B\n    highlights: [1, {a: b}, c]\nbasics: {name: Ada, email: nope}\n",
        )
        .unwrap_err();
        let got: Vec<(usize, usize, &str)> = e
            .iter()
            .map(|d| (d.line, d.col, d.message.split(':').next().unwrap()))
            .collect();
        assert_eq!(
            got,
            [
                (2, 5, "work[0]"),
                // A highlight may be an object now: the error names its bad key.
                (4, 22, "work[1].highlights[1]"),
                (5, 28, "basics.email")
            ],
            "{e:?}"
        );
        let e = yaml("basics:\n  location: Ghent\n").unwrap_err();
        assert_eq!(
            e[0].message,
            "basics.location: invalid type: string \"Ghent\", expected fields (`key: value` under it)"
        );
        assert_eq!((e[0].line, e[0].col), (2, 13));
        let e = yaml("- just\n- a list\n").unwrap_err();
        assert_eq!(e.len(), 1);
        assert!(e[0].message.starts_with("invalid type: sequence"), "{e:?}");
    }

    #[test]
    fn past_200_errors_the_rest_are_not_listed() {
        let text: String = std::iter::once("work:\n".to_string())
            .chain((0..300).map(|i| format!("  - name: W{i}\n    url: w{i}\n")))
            .collect();
        let e = yaml(&text).unwrap_err();
        assert_eq!(e.len(), MAX_ERRORS + 1);
        assert_eq!((e[0].line, e[0].col), (3, 10));
        assert_eq!(
            e[MAX_ERRORS].message,
            "more errors not listed: the first 200 are above"
        );
    }

    #[test]
    fn numbers_keep_their_written_text() {
        let r = yaml("basics:\n  phone: +31612345678\n  label: 1e3\n  location:\n    postalCode: 01234\neducation:\n  - score: 3.70\n    gpa: 4.0\n").unwrap();
        let basics = r.basics.unwrap();
        let postal = basics.location.unwrap().postal_code.unwrap();
        assert_eq!(postal.as_str(), "01234");
        assert_eq!(basics.phone.unwrap().as_str(), "+31612345678");
        assert_eq!(basics.label.unwrap().as_str(), "1e3");
        let edu = &r.education.unwrap()[0];
        assert_eq!(edu.score.as_ref().unwrap().as_str(), "3.70");
        assert_eq!(edu.gpa.as_ref().unwrap().as_str(), "4.0");
        let r = json("{\"education\": [{\"score\": 3.70}], \"meta\": {\"n\": 2}}").unwrap();
        assert_eq!(
            r.education.unwrap()[0].score.as_ref().unwrap().as_str(),
            "3.70"
        );
        assert_eq!(r.extra["meta"], serde_json::json!({"n": 2}));
    }

    proptest::proptest! {
        /// A decimal keeps its digits (`3.70`, `0012`), from YAML and JSON.
        #[test]
        fn decimals_keep_their_written_text(
            int in "[0-9]{1,4}",
            frac in proptest::option::of("[0-9]{1,4}"),
        ) {
            let written = match &frac {
                Some(f) => format!("{int}.{f}"),
                None => int.clone(),
            };
            let r = yaml(&format!("education:\n  - institution: X\n    score: {written}\n")).unwrap();
            let score = r.education.unwrap()[0].score.clone().unwrap();
            proptest::prop_assert_eq!(score.as_str(), written.as_str());
            // JSON numbers have no leading zeros.
            let plain = written.trim_start_matches('0');
            let plain = if plain.is_empty() || plain.starts_with('.') { format!("0{plain}") } else { plain.to_string() };
            let r = json(&format!("{{\"education\": [{{\"score\": {plain}}}]}}")).unwrap();
            let score = r.education.unwrap()[0].score.clone().unwrap();
            proptest::prop_assert_eq!(score.as_str(), plain.as_str());
        }
    }
}
