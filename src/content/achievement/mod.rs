//! The achievement log: dated entries read from the files of
//! `content/achievements/` (or any file with `kind: achievement`).
//!
//! A file is either **one entry** (its front matter has a `date`; `title`,
//! `tags`, `visibility` and the fields below are front-matter keys), or a
//! **log**: every `##` heading that starts with a date starts an entry
//! (`## 2026-03-14 — Spoke at QCon`, with `—`, `–`, `-` or `:` between date
//! and title), and the entry's first lines may be fields written as
//! `Key: value` (see [`FIELDS`]). An entry is private unless its own
//! `Visibility:`, or its file's `visibility:`, says public.
//!
//! This module reads one-entry files (the log form is `log`'s), resolves
//! `advances:` and `cv:`, gives entries their ids and renders each body once;
//! who sees an entry is decided in [`super::view`].

mod log;

use std::cmp::Reverse;
use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;

use rayon::prelude::*;

use super::advances::{Advance, Roadmaps};
use super::cv::Cv;
use super::{Item, Placed, Visibility, view};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, LinkTarget};
use crate::slug::{HeadingIds, heading_id};

/// Where the achievement pages live; links to an achievement file land here.
pub const PATH: &str = "achievements/";

/// The fields an entry of a log may start with, as `Key: value` lines
/// (case-insensitive; `**Key:** value` works too). `Tags` and `Advances`
/// take comma-separated lists; `Impact` may repeat, one metric per line.
pub const FIELDS: &[&str] = &["tags", "impact", "visibility", "advances", "cv"];

/// One entry of the log.
#[derive(Debug, Clone)]
pub struct Achievement {
    /// Unique on the site, stable: GitHub's id of the entry's heading
    /// (`## 2026-03-14 — Spoke at QCon` is `2026-03-14--spoke-at-qcon`).
    pub id: String,
    pub date: Date,
    pub title: String,
    pub tags: Vec<String>,
    pub impact: Vec<String>,
    pub advances: Vec<Advance>,
    /// The index in the CV's `work` list this entry is a highlight of.
    pub cv_work: Option<usize>,
    pub visibility: Visibility,
    pub draft: bool,
    /// The file and line the entry starts at, relative to the site root.
    pub source: PathBuf,
    pub line: usize,
    /// The rendered body, its element ids prefixed with [`Achievement::id`].
    pub html: String,
}

/// An achievement file: links to it land on the achievements page, which
/// exists for an audience that may see the file even before it has entries.
#[derive(Debug, Clone)]
pub struct LogFile {
    pub source: PathBuf,
    pub visibility: Visibility,
    pub draft: bool,
}

impl LogFile {
    pub(super) fn of(file: &Placed) -> LogFile {
        LogFile {
            source: file.item.source.clone(),
            visibility: file.item.visibility,
            draft: file.item.draft,
        }
    }
}

/// A value as written, with its position in the file.
#[derive(Debug, Clone)]
struct Spot {
    value: String,
    line: usize,
    col: usize,
}

/// An entry read from its file, not yet resolved or rendered.
struct Parsed<'f> {
    file: &'f Placed,
    date: Date,
    title: String,
    /// The text the entry's id comes from, as GitHub makes a heading's id:
    /// the `##` heading of a log entry, `date title` for a one-entry file.
    heading: String,
    line: usize,
    tags: Vec<String>,
    impact: Vec<String>,
    advances: Vec<Spot>,
    cv: Option<Spot>,
    visibility: Visibility,
    /// The body in `file.text`, and the file line it starts on.
    body: Range<usize>,
    body_line: usize,
}

/// Where an achievement file's links point: the achievements page.
pub(super) fn link_targets(files: &[Placed], drafts_shown: bool) -> Vec<(String, LinkTarget)> {
    files
        .iter()
        .map(|f| {
            let target = LinkTarget {
                path: PATH.to_string(),
                seen: view::seen(f.item.visibility, f.item.draft, drafts_shown),
                draft: f.item.draft,
            };
            (f.item.rel.clone(), target)
        })
        .collect()
}

/// Pages whose URL folio needs for the log and the CV.
pub(super) fn path_clashes(items: &[Placed], has_cv: bool, has_log: bool) -> Vec<Diagnostic> {
    items
        .iter()
        .filter(|p| {
            let path = p.item.path.as_str();
            (has_log && (path == PATH || path.starts_with("achievements/tags/")))
                || (has_cv && (path == "cv/" || path == "linkedin/"))
        })
        .map(|p| {
            Diagnostic::error(
                "duplicate-path",
                &p.item.source,
                format!("the URL /{} is made by folio itself", p.item.path),
            )
            .hint("rename the file or give it another slug")
        })
        .collect()
}

/// Reads, resolves and renders every entry of `files`, newest first.
/// Problems come back as diagnostics (errors and warnings mixed).
pub(super) fn load(
    files: &[Placed],
    targets: &HashMap<String, LinkTarget>,
    items: &[Item],
    cv: Option<&Cv>,
    drafts_shown: bool,
) -> (Vec<Achievement>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut parsed = Vec::new();
    for file in files {
        if file.item.date.is_some() {
            parsed.extend(parse_single(file, &mut diags));
        } else {
            log::parse(file, &mut parsed, &mut diags);
        }
    }
    parsed.sort_by(|a, b| {
        (Reverse(a.date), &a.file.item.rel, a.line).cmp(&(
            Reverse(b.date),
            &b.file.item.rel,
            b.line,
        ))
    });

    let roadmaps = Roadmaps::new(items);
    // Ids as GitHub gives the headings, so `log.md#2026-03-14--spoke-at-qcon`
    // written on GitHub finds its entry on the achievements page.
    let mut ids = HeadingIds::default();
    let mut resolved = Vec::with_capacity(parsed.len());
    for p in &parsed {
        let id = match heading_id(&p.heading) {
            s if s.is_empty() => ids.unique("entry".into()),
            s => ids.unique(s),
        };
        let error = |code: &'static str, spot: &Spot, msg: String, hint: String| {
            Diagnostic::error(code, &p.file.item.source, msg)
                .at_in(&p.file.text(), spot.line, spot.col)
                .hint(hint)
        };
        let mut advances = Vec::new();
        for spot in &p.advances {
            match roadmaps.resolve(&spot.value) {
                Ok(a) if !advances.contains(&a) => advances.push(a),
                Ok(_) => {}
                Err((msg, hint)) => diags.push(error("advances", spot, msg, hint)),
            }
        }
        let cv_work = p.cv.as_ref().and_then(|spot| match cv {
            None => {
                diags.push(error(
                    "achievement",
                    spot,
                    format!(
                        "`cv: {}` names a CV entry, but the site has no CV",
                        spot.value
                    ),
                    "add content/cv.yaml (JSON Resume as YAML), or remove the line".into(),
                ));
                None
            }
            Some(cv) => match cv.work_for(&spot.value, p.date) {
                Ok(i) => Some(i),
                Err(hint) => {
                    diags.push(error(
                        "achievement",
                        spot,
                        format!(
                            "`cv: {}` names no work entry of {}",
                            spot.value,
                            cv.source.display()
                        ),
                        hint,
                    ));
                    None
                }
            },
        });
        resolved.push((id, advances, cv_work));
    }

    let rendered: Vec<(Achievement, Vec<Diagnostic>)> = parsed
        .par_iter()
        .zip(resolved.into_par_iter())
        .map(|(p, (id, advances, cv_work))| {
            let item = &p.file.item;
            let text = p.file.text();
            let ctx = markdown::Context {
                source: &item.source,
                rel: &item.rel,
                page_path: PATH,
                seen: view::seen(p.visibility, item.draft, drafts_shown),
                file_text: &text,
                body_line: p.body_line,
                targets,
                reuse: None,
            };
            let (body, diags) = markdown::render(&text[p.body.clone()], &ctx);
            let html = prefix_ids(&body.html.text(), &id);
            let entry = Achievement {
                id,
                date: p.date,
                title: p.title.clone(),
                tags: p.tags.clone(),
                impact: p.impact.clone(),
                advances,
                cv_work,
                visibility: p.visibility,
                draft: item.draft,
                source: item.source.clone(),
                line: p.line,
                html,
            };
            (entry, diags)
        })
        .collect();
    let mut entries = Vec::with_capacity(rendered.len());
    for (entry, d) in rendered {
        diags.extend(d);
        entries.push(entry);
    }
    (entries, diags)
}

/// A file with a `date` in its front matter: one entry.
fn parse_single<'f>(file: &'f Placed, diags: &mut Vec<Diagnostic>) -> Option<Parsed<'f>> {
    let item = &file.item;
    let date = item.date?;
    let mut entry = Parsed {
        file,
        date,
        title: item.title.clone(),
        heading: format!("{date} {}", item.title),
        line: front_matter_line(file, "date").map_or(1, |(l, _)| l),
        tags: item.tags.clone(),
        impact: Vec::new(),
        advances: Vec::new(),
        cv: None,
        visibility: item.visibility,
        body: file.body_start..file.text.len(),
        body_line: file.body_line,
    };
    for (key, value) in &item.extra {
        let Some(field) = FIELDS.iter().find(|f| f.eq_ignore_ascii_case(key)) else {
            continue;
        };
        let (line, col) = front_matter_line(file, key).unwrap_or((1, 1));
        let bad = |expected: &str| {
            Diagnostic::error(
                "front-matter-type",
                &item.source,
                format!("`{key}` must be {expected}"),
            )
            .at_in(&file.text(), line, col)
        };
        let strings = match value {
            serde_json::Value::Array(list) => list.iter().map(scalar_text).collect(),
            v => vec![scalar_text(v)],
        };
        match (*field, value) {
            ("cv", serde_json::Value::String(s)) => {
                entry.cv = Some(Spot {
                    value: s.trim().to_string(),
                    line,
                    col,
                })
            }
            ("cv", _) => {
                diags.push(bad("the name of a work entry of the CV").hint("write cv: Every Cure"))
            }
            (_, _) if strings.iter().any(Option::is_none) => diags.push(
                bad("a text or a list of texts").hint(format!("write {key}: [first, second]")),
            ),
            ("impact", _) => entry.impact = strings.into_iter().flatten().collect(),
            ("advances", _) => {
                entry.advances = strings
                    .into_iter()
                    .flatten()
                    .flat_map(|s| {
                        s.split(',')
                            .map(str::trim)
                            .map(String::from)
                            .collect::<Vec<_>>()
                    })
                    .filter(|s| !s.is_empty())
                    .map(|value| Spot { value, line, col })
                    .collect()
            }
            _ => {}
        }
    }
    Some(entry)
}

fn scalar_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.trim().to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The file line and value column of a top-level front-matter key.
fn front_matter_line(file: &Placed, key: &str) -> Option<(usize, usize)> {
    let text = file.text();
    if !text.starts_with("---\n") {
        return None;
    }
    text.lines()
        .enumerate()
        .skip(1)
        .take_while(|(_, l)| l.trim_end() != "---")
        .find_map(|(i, l)| {
            let rest = l.strip_prefix(key)?.strip_prefix(':')?;
            let col = key.len() + 2 + (rest.len() - rest.trim_start().len());
            Some((i + 1, col))
        })
}

/// Prefixes the element ids of an entry's body (heading ids, footnotes) and
/// the in-page links to them, so entries shown on one page never share an id.
fn prefix_ids(html: &str, prefix: &str) -> String {
    html.replace(" id=\"", &format!(" id=\"{prefix}--"))
        .replace(" href=\"#", &format!(" href=\"#{prefix}--"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Kind;
    use crate::diagnostic::line_col;

    fn placed(rel: &str, text: &str, date: Option<&str>) -> Placed {
        let body_start = text
            .strip_prefix("---\n")
            .and_then(|rest| rest.find("---\n"))
            .map_or(0, |i| i + 8);
        Placed {
            item: Item {
                date: date.map(|d| Date::parse(d).unwrap()),
                ..Item::new(
                    Kind::Achievement,
                    rel,
                    "achievements/x/".into(),
                    "Log".into(),
                )
            },
            text_hash: 0,
            roadmap: Default::default(),
            body_line: line_col(text, body_start).0,
            text: crate::markdown::Body::from(text.to_string()),
            body_start,
        }
    }

    fn load_one(file: Placed) -> (Vec<Achievement>, Vec<Diagnostic>) {
        load(&[file], &HashMap::new(), &[], None, false)
    }

    #[test]
    fn a_log_gives_entries_with_fields_and_bodies() {
        let text = "---\ntitle: Log\n---\nPreamble for me.\n\n## 2026-03-14 — Spoke at QCon\nTags: speaking, #ai\nImpact: 400 attendees\nImpact: rated 4.8/5\nVisibility: public\n\nThe talk went well.\n\n### Notes\n\nMore.[^1]\n\n[^1]: Footnote.\n\n## 2025 in review\n\nNot an entry.\n\n## 2025-11-02: Shipped v2\n\nDone.\n";
        let (entries, diags) = load_one(placed("achievements/log.md", text, None));
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(entries.len(), 2);
        let qcon = &entries[0];
        assert_eq!(
            qcon.id, "2026-03-14--spoke-at-qcon",
            "GitHub's id of the heading"
        );
        assert_eq!(qcon.line, 6);
        assert_eq!(qcon.tags, ["speaking", "ai"]);
        assert_eq!(qcon.impact, ["400 attendees", "rated 4.8/5"]);
        assert_eq!(qcon.visibility, Visibility::Public);
        assert!(qcon.html.contains("The talk went well."));
        assert!(!qcon.html.contains("Tags:") && !qcon.html.contains("Not an entry"));
        assert!(
            qcon.html
                .contains("id=\"2026-03-14--spoke-at-qcon--notes\""),
            "{}",
            qcon.html
        );
        assert!(
            qcon.html.contains("href=\"#2026-03-14--spoke-at-qcon--"),
            "{}",
            qcon.html
        );
        let v2 = &entries[1];
        assert_eq!(
            (v2.title.as_str(), v2.visibility),
            ("Shipped v2", Visibility::Private)
        );
        assert_eq!(v2.html.trim(), "<p>Done.</p>");
    }

    #[test]
    fn a_file_with_a_date_is_one_entry() {
        let mut file = placed(
            "achievements/qcon.md",
            "---\ntitle: Spoke at QCon\ndate: 2026-03-14\nimpact: [400 attendees]\nadvances: growth\n---\nBody.\n",
            Some("2026-03-14"),
        );
        file.item.title = "Spoke at QCon".into();
        file.item
            .extra
            .insert("impact".into(), serde_json::json!(["400 attendees"]));
        file.item
            .extra
            .insert("advances".into(), serde_json::json!("growth"));
        let (entries, diags) = load_one(file);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].impact, ["400 attendees"]);
        assert_eq!(entries[0].line, 3);
        // No roadmap `growth`: the error points at the front-matter line.
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!((diags[0].line, diags[0].col), (5, 11));
    }

    #[test]
    fn mistakes_are_positioned() {
        let text = "## 2026-03-14 — A\nVisibility: secret\nAdvances: plan, nowhere#x\n\n## 2026-02-30 — B\n\n## 2026-01-01 — C\nTag: oops\n";
        let (entries, diags) = load_one(placed("achievements/log.md", text, None));
        assert_eq!(entries.len(), 2);
        let at: Vec<(usize, usize, bool)> = diags
            .iter()
            .map(|d| (d.line, d.col, d.is_error()))
            .collect();
        assert_eq!(
            at,
            [
                (2, 13, true),
                (5, 4, true),
                (8, 1, false),
                (3, 11, true),
                (3, 17, true)
            ],
            "{diags:#?}"
        );
        assert!(entries[1].html.contains("Tag: oops"));
    }
}
