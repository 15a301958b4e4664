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
//! This module parses, resolves `advances:` and `cv:` and renders each
//! entry's body once; who sees an entry is decided in [`super::view`].

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use rayon::prelude::*;

use super::advances::{Advance, Roadmaps};
use super::cv::Cv;
use super::{Item, Placed, Visibility};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, closest};
use crate::markdown::{self, LinkTarget};
use crate::slug::slugify;

/// Where the achievement pages live; links to an achievement file land here.
pub const PATH: &str = "achievements/";

/// The fields an entry of a log may start with, as `Key: value` lines
/// (case-insensitive; `**Key:** value` works too). `Tags` and `Advances`
/// take comma-separated lists; `Impact` may repeat, one metric per line.
pub const FIELDS: &[&str] = &["tags", "impact", "visibility", "advances", "cv"];

/// One entry of the log.
#[derive(Debug, Clone)]
pub struct Achievement {
    /// Unique on the site, stable: `2026-03-14-spoke-at-qcon`.
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
pub(super) fn link_targets(files: &[Placed]) -> Vec<(String, LinkTarget)> {
    files
        .iter()
        .map(|f| {
            let target = LinkTarget {
                path: PATH.to_string(),
                visibility: f.item.visibility,
                draft: f.item.draft,
                title: f.item.title.clone(),
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
            parse_log(file, &mut parsed, &mut diags);
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
    let mut seen: HashSet<String> = HashSet::new();
    let mut resolved = Vec::with_capacity(parsed.len());
    for p in &parsed {
        let base = slugify(&format!("{} {}", p.date, p.title));
        let mut id = base.clone();
        let mut n = 1;
        while !seen.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        let error = |spot: &Spot, msg: String, hint: String| {
            Diagnostic::error("achievement", &p.file.item.source, msg)
                .at_in(&p.file.text, spot.line, spot.col)
                .hint(hint)
        };
        let mut advances = Vec::new();
        for spot in &p.advances {
            match roadmaps.resolve(&spot.value) {
                Ok(a) if !advances.contains(&a) => advances.push(a),
                Ok(_) => {}
                Err((msg, hint)) => diags.push(error(spot, msg, hint)),
            }
        }
        let cv_work = p.cv.as_ref().and_then(|spot| match cv {
            None => {
                diags.push(error(
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
            let ctx = markdown::Context {
                source: &item.source,
                rel: &item.rel,
                page_path: PATH,
                visibility: p.visibility,
                draft: item.draft,
                drafts_shown,
                file_text: &p.file.text,
                body_line: p.body_line,
                targets,
            };
            let (body, diags) = markdown::render(&p.file.text[p.body.clone()], &ctx);
            let html = prefix_ids(&body.html, &id);
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
            .at_in(&file.text, line, col)
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
    if !file.text.starts_with("---\n") {
        return None;
    }
    file.text
        .lines()
        .enumerate()
        .skip(1)
        .take_while(|(_, l)| l.trim_end() != "---")
        .find_map(|(i, l)| {
            let rest = l.strip_prefix(key)?.strip_prefix(':')?;
            let col = key.len() + 2 + (rest.len() - rest.trim_start().len());
            Some((i + 1, col))
        })
}

/// What a level-1 or level-2 heading of a log is.
#[derive(Debug, PartialEq)]
enum Heading {
    Entry(Date, String),
    Invalid(String),
    Other,
}

fn classify(text: &str) -> Heading {
    let t = text.trim();
    let looks_dated =
        t.len() >= 5 && t.as_bytes()[..4].iter().all(u8::is_ascii_digit) && t.as_bytes()[4] == b'-';
    if !looks_dated {
        return Heading::Other;
    }
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(t.len());
    // `2026-03-14-Title` has its separator glued to the date.
    let end = end.min(10);
    let date = match Date::parse(&t[..end]) {
        Ok(d) => d,
        Err(msg) => return Heading::Invalid(msg),
    };
    let rest = t[end..].trim_start();
    let title = ["—", "–", "-", ":"]
        .iter()
        .find_map(|sep| rest.strip_prefix(sep))
        .unwrap_or(rest)
        .trim();
    if title.is_empty() {
        return Heading::Invalid(format!("the entry dated {date} has no title"));
    }
    Heading::Entry(date, title.to_string())
}

/// A log file: every `##` heading that starts with a date starts an entry,
/// which runs to the next `#` or `##` heading.
fn parse_log<'f>(file: &'f Placed, out: &mut Vec<Parsed<'f>>, diags: &mut Vec<Diagnostic>) {
    let body = &file.text[file.body_start..];
    let lines = LineStarts::new(&file.text);
    let line_of = |offset: usize| lines.line(file.body_start + offset);
    let mut heads: Vec<(HeadingLevel, Range<usize>, String)> = Vec::new();
    let mut events = Parser::new_ext(body, markdown::options()).into_offset_iter();
    while let Some((event, range)) = events.next() {
        let Event::Start(Tag::Heading { level, .. }) = event else {
            continue;
        };
        if level > HeadingLevel::H2 {
            continue;
        }
        let mut text = String::new();
        for (e, _) in events.by_ref() {
            match e {
                Event::End(TagEnd::Heading(_)) => break,
                Event::Text(t) | Event::Code(t) => text.push_str(&t),
                _ => {}
            }
        }
        heads.push((level, range, text));
    }
    let before = out.len();
    for (i, (level, range, text)) in heads.iter().enumerate() {
        if *level != HeadingLevel::H2 {
            continue;
        }
        let line = line_of(range.start);
        let (date, title) = match classify(text) {
            Heading::Entry(d, t) => (d, t),
            Heading::Other => continue,
            Heading::Invalid(msg) => {
                diags.push(
                    Diagnostic::error("achievement", &file.item.source, msg)
                        .at_in(&file.text, line, 4)
                        .hint("start an entry as `## 2026-03-14 — What happened`"),
                );
                continue;
            }
        };
        let end = heads.get(i + 1).map_or(body.len(), |(_, r, _)| r.start);
        let start = range.end.min(end);
        let mut entry = Parsed {
            file,
            date,
            title,
            line,
            tags: file.item.tags.clone(),
            impact: Vec::new(),
            advances: Vec::new(),
            cv: None,
            visibility: file.item.visibility,
            body: 0..0,
            body_line: 0,
        };
        let skipped = read_fields(file, &lines, start, end, &mut entry, diags);
        let body_start = file.body_start + skipped;
        entry.body = body_start..file.body_start + end;
        entry.body_line = lines.line(body_start);
        out.push(entry);
    }
    if out.len() == before && heads.iter().any(|(l, _, _)| *l == HeadingLevel::H2) {
        diags.push(
            Diagnostic::warning(
                "achievement",
                &file.item.source,
                "no entries: none of the `##` headings starts with a date",
            )
            .hint("start an entry as `## 2026-03-14 — What happened`, or give a one-entry file a `date:` in its front matter"),
        );
    }
}

/// Where each line of a file starts, to number the lines of a long log
/// without rescanning it for every entry.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineStarts(starts)
    }

    /// The 1-based line holding byte `offset`.
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }
}

/// What one line at the top of an entry is.
#[derive(Debug, PartialEq)]
enum FieldLine<'a> {
    /// Key (lowercase), value, and the value's byte offset in the line.
    Field(String, &'a str, usize),
    Text,
}

fn field_line(line: &str) -> FieldLine<'_> {
    let s = line.trim_start();
    let (s, bold) = match s.strip_prefix("**").or_else(|| s.strip_prefix("__")) {
        Some(rest) => (rest, true),
        None => (s, false),
    };
    let key_len = s
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(s.len());
    if key_len == 0 {
        return FieldLine::Text;
    }
    let (key, rest) = s.split_at(key_len);
    let rest = if bold {
        ["**:", ":**", "__:", ":__"]
            .iter()
            .find_map(|m| rest.strip_prefix(m))
    } else {
        rest.strip_prefix(':')
    };
    let Some(rest) = rest else {
        return FieldLine::Text;
    };
    let value = rest.trim();
    let offset = line.len() - rest.len() + (rest.len() - rest.trim_start().len());
    FieldLine::Field(key.to_ascii_lowercase(), value, offset)
}

/// Reads the `Key: value` lines opening an entry (body bytes
/// `start..end`) into `entry`; returns where the entry's text begins,
/// relative to the body.
fn read_fields(
    file: &Placed,
    lines: &LineStarts,
    start: usize,
    end: usize,
    entry: &mut Parsed<'_>,
    diags: &mut Vec<Diagnostic>,
) -> usize {
    let body = &file.text[file.body_start..];
    let mut offset = start;
    let mut found = false;
    for raw in body[start..end].split_inclusive('\n') {
        let line = raw.trim_end_matches('\n');
        if line.trim().is_empty() {
            if found {
                break;
            }
            offset += raw.len();
            continue;
        }
        let file_line = lines.line(file.body_start + offset);
        let FieldLine::Field(key, value, at) = field_line(line) else {
            break;
        };
        let col = line[..at].chars().count() + 1;
        let error = |msg: String, hint: &str| {
            Diagnostic::error("achievement", &file.item.source, msg)
                .at_in(&file.text, file_line, col)
                .hint(hint.to_string())
        };
        if !FIELDS.contains(&key.as_str()) {
            if let Some(near) = closest(&key, FIELDS.iter().copied()) {
                diags.push(
                    Diagnostic::warning(
                        "achievement",
                        &file.item.source,
                        format!("`{key}:` is not an entry field, so this line is shown as text"),
                    )
                    .at_in(&file.text, file_line, 1)
                    .hint(format!("did you mean `{}:`?", capitalized(near))),
                );
            }
            break;
        }
        found = true;
        offset += raw.len();
        if value.is_empty() {
            diags.push(error(
                format!("the field `{key}:` is empty"),
                "write a value after the colon, or remove the line",
            ));
            continue;
        }
        let spots = |value: &str| -> Vec<Spot> {
            let mut spots = Vec::new();
            let mut pos = 0;
            for part in value.split(',') {
                let trimmed = part.trim();
                if !trimmed.is_empty() {
                    let lead = part.len() - part.trim_start().len();
                    spots.push(Spot {
                        value: trimmed.to_string(),
                        line: file_line,
                        col: col + value[..pos + lead].chars().count(),
                    });
                }
                pos += part.len() + 1;
            }
            spots
        };
        match key.as_str() {
            "tags" => {
                for s in spots(value) {
                    let tag = s.value.trim_start_matches('#').trim().to_string();
                    if !tag.is_empty() && !entry.tags.contains(&tag) {
                        entry.tags.push(tag);
                    }
                }
            }
            "impact" => entry.impact.push(value.to_string()),
            "advances" => entry.advances.extend(spots(value)),
            "visibility" => match value.to_ascii_lowercase().as_str() {
                "public" => entry.visibility = Visibility::Public,
                "private" => entry.visibility = Visibility::Private,
                _ => diags.push(error(
                    format!("`Visibility: {value}` must be `public` or `private`"),
                    "write Visibility: public",
                )),
            },
            "cv" if entry.cv.is_some() => diags.push(error(
                "`CV:` is given twice for this entry".into(),
                "an entry is a highlight of one work entry: keep one `CV:` line",
            )),
            "cv" => {
                entry.cv = Some(Spot {
                    value: value.to_string(),
                    line: file_line,
                    col,
                })
            }
            _ => {}
        }
    }
    offset
}

fn capitalized(s: &str) -> String {
    if s == "cv" {
        return "CV".into();
    }
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
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
    use crate::markdown::Rendered;

    fn placed(rel: &str, text: &str, date: Option<&str>) -> Placed {
        let body_start = text
            .strip_prefix("---\n")
            .and_then(|rest| rest.find("---\n"))
            .map_or(0, |i| i + 8);
        Placed {
            item: Item {
                kind: Kind::Achievement,
                rel: rel.into(),
                source: format!("content/{rel}").into(),
                path: "achievements/x/".into(),
                title: "Log".into(),
                date: date.map(|d| Date::parse(d).unwrap()),
                updated: None,
                description: String::new(),
                tags: vec![],
                draft: false,
                visibility: Visibility::Private,
                template: None,
                menu: None,
                extra: Default::default(),
                rendered: Rendered::default(),
            },
            body_line: line_col(text, body_start).0,
            text: text.into(),
            body_start,
        }
    }

    fn load_one(file: Placed) -> (Vec<Achievement>, Vec<Diagnostic>) {
        load(&[file], &HashMap::new(), &[], None, false)
    }

    #[test]
    fn line_starts_number_lines_like_line_col() {
        let text = "a\nbb\n\nccc";
        let lines = LineStarts::new(text);
        for offset in 0..=text.len() {
            assert_eq!(lines.line(offset), line_col(text, offset).0, "{offset}");
        }
    }

    #[test]
    fn headings_with_a_date_start_entries() {
        assert_eq!(
            classify("2026-03-14 — Spoke at QCon"),
            Heading::Entry(Date::parse("2026-03-14").unwrap(), "Spoke at QCon".into())
        );
        for t in [
            "2026-03-14 - X",
            "2026-03-14: X",
            "2026-03-14 – X",
            "2026-03-14-X",
            "2026-03-14 X",
        ] {
            assert!(
                matches!(classify(t), Heading::Entry(_, ref x) if x == "X"),
                "{t}"
            );
        }
        assert_eq!(classify("2025 in review"), Heading::Other);
        assert_eq!(classify("Notes"), Heading::Other);
        assert!(matches!(classify("2026-02-30 — X"), Heading::Invalid(_)));
        assert!(matches!(classify("2026-3-4 — X"), Heading::Invalid(_)));
        assert!(matches!(classify("2026-03-14 —"), Heading::Invalid(_)));
    }

    #[test]
    fn field_lines_in_plain_and_bold_forms() {
        assert_eq!(
            field_line("Tags: a, b"),
            FieldLine::Field("tags".into(), "a, b", 6)
        );
        assert_eq!(
            field_line("**Impact:** 3x"),
            FieldLine::Field("impact".into(), "3x", 12)
        );
        assert_eq!(
            field_line("**CV**: Acme"),
            FieldLine::Field("cv".into(), "Acme", 8)
        );
        assert_eq!(field_line("Plain text here."), FieldLine::Text);
        assert_eq!(field_line("- Tags: x"), FieldLine::Text);
    }

    #[test]
    fn a_log_gives_entries_with_fields_and_bodies() {
        let text = "---\ntitle: Log\n---\nPreamble for me.\n\n## 2026-03-14 — Spoke at QCon\nTags: speaking, #ai\nImpact: 400 attendees\nImpact: rated 4.8/5\nVisibility: public\n\nThe talk went well.\n\n### Notes\n\nMore.[^1]\n\n[^1]: Footnote.\n\n## 2025 in review\n\nNot an entry.\n\n## 2025-11-02: Shipped v2\n\nDone.\n";
        let (entries, diags) = load_one(placed("achievements/log.md", text, None));
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(entries.len(), 2);
        let qcon = &entries[0];
        assert_eq!(qcon.id, "2026-03-14-spoke-at-qcon");
        assert_eq!(qcon.line, 6);
        assert_eq!(qcon.tags, ["speaking", "ai"]);
        assert_eq!(qcon.impact, ["400 attendees", "rated 4.8/5"]);
        assert_eq!(qcon.visibility, Visibility::Public);
        assert!(qcon.html.contains("The talk went well."));
        assert!(!qcon.html.contains("Tags:") && !qcon.html.contains("Not an entry"));
        assert!(
            qcon.html.contains("id=\"2026-03-14-spoke-at-qcon--notes\""),
            "{}",
            qcon.html
        );
        assert!(
            qcon.html.contains("href=\"#2026-03-14-spoke-at-qcon--"),
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
