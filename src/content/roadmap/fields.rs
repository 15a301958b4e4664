//! Obsidian Tasks metadata at the end of one task's text, read the way the
//! plugin's default (emoji) format reads it: a `^block-id` is taken off the
//! end once, then fields, `#tags` and ids are taken off the end, in any
//! order, pass after pass, until a pass finds none. Tags taken off on the
//! way go back after the description, as Tasks puts them back, so
//! `Plan 📅 2021-09-12 #work ⏫ #q3` is "Plan #work #q3", due 12 September,
//! high priority.
//!
//! A field written twice keeps the one further left (Tasks reads the line
//! from the end, so the last one it meets wins). Folio also reads the
//! Dataview form (`[due:: 2026-06-30]`, `(priority:: low)`) in the same
//! passes.

use super::inline::priority_word;
use super::{Dates, Priority, TaskMeta};
use crate::date::Date;

/// Metadata read off the end of an item.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Fields {
    pub dates: Dates,
    pub priority: Option<Priority>,
    pub meta: TaskMeta,
    /// Tags met among the fields, to put back after the description
    /// (`#work #q3`), in their order.
    pub tags: String,
}

/// A field that was recognised but is wrong (a date that does not exist).
#[derive(Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field as written, to find it in the source.
    pub text: String,
    pub message: String,
}

/// Tasks' safety net: never more passes than this.
const MAX_PASSES: usize = 21;

/// Reads Tasks fields from the end of `text`. Returns how many bytes of
/// `text` are the description (the rest is fields, tags and block id;
/// `Fields::tags` says which tags to show again after it).
pub fn split_fields(text: &str) -> (usize, Fields, Vec<FieldError>) {
    let mut f = Fields::default();
    let mut errors = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let mut end = text.trim_end().len();
    if let Some(at) = block_link(&text[..end]) {
        f.meta.block_id = Some(text[at..end].trim_start().to_string());
        end = text[..at].trim_end().len();
    }
    for _ in 0..MAX_PASSES {
        let before = end;
        // Tasks' order within one pass; each reader sees what the last left.
        for read in READERS {
            let s = text[..end].trim_end();
            if let Some(at) = read(s, &mut f, &mut tags, &mut errors) {
                end = s[..at].trim_end().len();
            }
        }
        if end == before {
            break;
        }
    }
    tags.reverse();
    f.tags = tags.join(" ");
    (end, f, errors)
}

/// One kind of field: reads it off the end of `s` into the fields and
/// returns where it starts, or `None` when `s` does not end with one.
type Reader = fn(&str, &mut Fields, &mut Vec<String>, &mut Vec<FieldError>) -> Option<usize>;

const READERS: &[Reader] = &[
    |s, f, _, _| {
        let (p, at) = trailing_priority(s)?;
        f.priority = Some(p);
        Some(at)
    },
    |s, f, _, e| date_field(s, &['✅'], &mut f.dates.done, e),
    |s, f, _, e| date_field(s, &['❌'], &mut f.dates.cancelled, e),
    |s, f, _, e| date_field(s, &['📅', '📆', '🗓'], &mut f.dates.due, e),
    |s, f, _, e| date_field(s, &['⏳', '⌛'], &mut f.dates.scheduled, e),
    |s, f, _, e| date_field(s, &['🛫'], &mut f.dates.start, e),
    |s, f, _, e| date_field(s, &['➕'], &mut f.dates.created, e),
    |s, f, _, _| {
        let (value, at) = text_field(s, '🔁', |c| {
            c.is_ascii_alphanumeric() || matches!(c, ',' | ' ' | '!')
        })?;
        f.meta.recurrence = Some(value.trim().to_string());
        Some(at)
    },
    |s, f, _, _| {
        let (value, at) = text_field(s, '🏁', |c| c.is_ascii_alphabetic())?;
        f.meta.on_completion = on_completion(value);
        Some(at)
    },
    |s, _, tags, _| {
        let at = trailing_tag(s)?;
        tags.push(s[at..].trim_start().to_string());
        Some(at)
    },
    |s, f, _, _| {
        let (value, at) = text_field(s, '🆔', is_id_char)?;
        f.meta.id = Some(value.to_string());
        Some(at)
    },
    |s, f, _, _| {
        let (value, at) = text_field(s, '⛔', |c| is_id_char(c) || matches!(c, ',' | ' '))?;
        let ids: Vec<String> = value
            .split(',')
            .map(|id| id.replace(' ', ""))
            .filter(|id| !id.is_empty())
            .collect();
        // A sequence of ids: no id may hold a space inside it.
        let well_formed = value
            .split(',')
            .all(|id| id.trim().is_empty() || !id.trim().contains(' '));
        if ids.is_empty() || !well_formed || value.trim_start().starts_with(',') {
            return None;
        }
        f.meta.depends_on = ids;
        Some(at)
    },
    dataview,
];

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_')
}

/// `keep` and `delete` are Tasks' actions; any other word is read and
/// ignored, as Tasks does.
fn on_completion(value: &str) -> Option<String> {
    let v = value.to_ascii_lowercase();
    matches!(v.as_str(), "keep" | "delete").then_some(v)
}

/// ` ^block-id` ending `s`: where its space starts.
fn block_link(s: &str) -> Option<usize> {
    let caret = s.rfind('^')?;
    let id = &s[caret + 1..];
    let ok = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    (ok && s[..caret].ends_with(' ')).then(|| caret - 1)
}

/// A `#tag` ending `s`, at the start or after white space: where the tag
/// (or the space before it) starts.
fn trailing_tag(s: &str) -> Option<usize> {
    let hash = s.rfind('#')?;
    let name = &s[hash + 1..];
    let forbidden = |c: char| c.is_whitespace() || " !@#$%^&*(),.?\":{}|<>".contains(c);
    if name.is_empty() || name.chars().any(forbidden) {
        return None;
    }
    let before = &s[..hash];
    match before.chars().next_back() {
        None => Some(0),
        Some(c) if c.is_whitespace() => Some(hash - c.len_utf8()),
        Some(_) => None,
    }
}

/// A priority emoji ending `s`: the priority and where it starts.
fn trailing_priority(s: &str) -> Option<(Priority, usize)> {
    let s = s.strip_suffix('\u{FE0F}').unwrap_or(s);
    let c = s.chars().next_back()?;
    let p = match c {
        '🔺' => Priority::Highest,
        '⏫' => Priority::High,
        '🔼' => Priority::Medium,
        '🔽' => Priority::Low,
        '⏬' => Priority::Lowest,
        _ => return None,
    };
    Some((p, s.len() - c.len_utf8()))
}

/// `<emoji> value` ending `s`, the value made of `allowed` characters
/// (spaces between emoji and value optional): the value and where the
/// emoji starts.
fn text_field(s: &str, emoji: char, allowed: impl Fn(char) -> bool) -> Option<(&str, usize)> {
    let at = s.rfind(emoji)?;
    let mut value = &s[at + emoji.len_utf8()..];
    value = value.strip_prefix('\u{FE0F}').unwrap_or(value);
    let value = value.trim_start_matches(' ');
    (!value.is_empty() && value.chars().all(allowed)).then_some((value, at))
}

/// `<emoji> YYYY-MM-DD` ending `s`, for one of `emojis`: stores the date
/// in `slot` (a date-shaped value that is not a real day is reported
/// instead) and returns where the emoji starts.
fn date_field(
    s: &str,
    emojis: &[char],
    slot: &mut Option<Date>,
    errors: &mut Vec<FieldError>,
) -> Option<usize> {
    let value = s.get(s.len().checked_sub(10)?..)?;
    let shaped = value.bytes().enumerate().all(|(i, b)| {
        if i == 4 || i == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    });
    if !shaped {
        return None;
    }
    let before = s[..s.len() - 10].trim_end_matches(' ');
    let before = before.strip_suffix('\u{FE0F}').unwrap_or(before);
    let c = before.chars().next_back()?;
    if !emojis.contains(&c) {
        return None;
    }
    let at = before.len() - c.len_utf8();
    match Date::parse(value) {
        Ok(d) => *slot = Some(d),
        Err(_) => errors.push(FieldError {
            text: s[at..].to_string(),
            message: not_a_real_day(value),
        }),
    }
    Some(at)
}

/// The message for a date-shaped value that names no day.
pub fn not_a_real_day(value: &str) -> String {
    let num = |r: std::ops::Range<usize>| value.get(r).and_then(|t| t.parse::<i16>().ok());
    let (year, month) = (num(0..4).unwrap_or(0), num(5..7).unwrap_or(0));
    let why = if !(1..=12).contains(&month) {
        format!("there is no month {month}")
    } else if year == 0 {
        "there is no year 0".to_string()
    } else {
        match jiff::civil::Date::new(year, month as i8, 1) {
            Ok(first) => format!(
                "{} {year} has {} days",
                first.strftime("%B"),
                first.days_in_month()
            ),
            Err(_) => "no such day".to_string(),
        }
    };
    format!("`{value}` is not a real day ({why})")
}

/// `[key:: value]` or `(key:: value)` ending `s`, with a key folio knows.
fn dataview(
    s: &str,
    f: &mut Fields,
    _tags: &mut Vec<String>,
    errors: &mut Vec<FieldError>,
) -> Option<usize> {
    let open = match s.chars().next_back()? {
        ']' => '[',
        ')' => '(',
        _ => return None,
    };
    let start = s.rfind(open)?;
    let inner = &s[start + 1..s.len() - 1];
    let (key, value) = inner.split_once("::")?;
    let value = value.trim();
    let written = &s[start..];
    let slot = match key.trim() {
        "due" => &mut f.dates.due,
        "completion" => &mut f.dates.done,
        "start" => &mut f.dates.start,
        "scheduled" => &mut f.dates.scheduled,
        "cancelled" => &mut f.dates.cancelled,
        "created" => &mut f.dates.created,
        "priority" => {
            match priority_word(value) {
                Some(p) => f.priority = Some(p),
                None => errors.push(FieldError {
                    text: written.to_string(),
                    message: format!(
                        "unknown priority `{value}`; use highest, high, medium, low or lowest"
                    ),
                }),
            }
            return Some(start);
        }
        "repeat" => {
            f.meta.recurrence = Some(value.to_string());
            return Some(start);
        }
        "id" => {
            f.meta.id = Some(value.to_string());
            return Some(start);
        }
        "dependsOn" => {
            f.meta.depends_on = value
                .split(',')
                .map(|id| id.trim().to_string())
                .filter(|id| !id.is_empty())
                .collect();
            return Some(start);
        }
        "onCompletion" => {
            f.meta.on_completion = on_completion(value);
            return Some(start);
        }
        _ => return None,
    };
    let shaped = value.len() == 10 && value.as_bytes().get(4) == Some(&b'-');
    match Date::parse(value) {
        Ok(d) if value.len() == 10 => *slot = Some(d),
        Err(_) if shaped => errors.push(FieldError {
            text: written.to_string(),
            message: not_a_real_day(value),
        }),
        Ok(_) | Err(_) => errors.push(FieldError {
            text: written.to_string(),
            message: format!("`{value}` is not a date in the form YYYY-MM-DD"),
        }),
    }
    Some(start)
}

#[cfg(test)]
mod tests;
