//! Reading a log file: its `##` headings that start with a date start
//! entries, each running to the next `#` or `##` heading, and an entry's
//! first lines may be `Key: value` fields ([`super::FIELDS`]). This module
//! finds the entries and their fields, with the file's line numbers for
//! diagnostics; resolving and rendering them is [`super`]'s job.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::{FIELDS, Parsed, Spot};
use crate::content::{Placed, Visibility};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, closest};
use crate::markdown;

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
pub(super) fn parse<'f>(file: &'f Placed, out: &mut Vec<Parsed<'f>>, diags: &mut Vec<Diagnostic>) {
    let text = file.text();
    let body = &text[file.body_start..];
    let lines = LineStarts::new(&text);
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
                        .at_in(&file.text(), line, 4)
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
            heading: text.clone(),
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
    let text = file.text();
    let body = &text[file.body_start..];
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
                .at_in(&file.text(), file_line, col)
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
                    .at_in(&file.text(), file_line, 1)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::line_col;

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
}
