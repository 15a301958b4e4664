//! The words inside one item or line of a roadmap: the `[/]` and `[-]`
//! markers pulldown-cmark does not know, the Obsidian Tasks metadata at the
//! end of an item (emoji and Dataview forms), and `Priority: HIGH` lines.
//!
//! These work on the plain text of one item, never on the document: the
//! structure (lists, headings, strikethrough) comes from the event stream.

use super::{Dates, Priority, Status};
use crate::date::Date;

/// A marker pulldown-cmark leaves as text: `[/]` (in progress) or `[-]`
/// (cancelled) at the start of an item, followed by a space or nothing.
/// Returns the status and how many bytes to remove (marker and spaces).
pub fn status_prefix(text: &str) -> Option<(Status, usize)> {
    let status = match text.get(..3)? {
        "[/]" => Status::InProgress,
        "[-]" => Status::Cancelled,
        _ => return None,
    };
    let rest = &text[3..];
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some((status, text.len() - rest.trim_start().len()))
}

/// Metadata read off the end of an item.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Fields {
    pub dates: Dates,
    pub priority: Option<Priority>,
}

/// A field that was recognised but is wrong (a date that does not exist).
#[derive(Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field as written, to find it in the source.
    pub text: String,
    pub message: String,
}

/// Reads Obsidian Tasks fields from the end of `text`, right to left, until
/// something else is met: `📅 2026-06-30`, `✅ …`, `🛫 …`, `⏳ …`, `❌ …`,
/// `➕ …`, `🔺 ⏫ 🔼 🔽 ⏬`, and the Dataview forms `[due:: 2026-06-30]`
/// (or with parentheses). Returns how many bytes of `text` to keep.
pub fn split_fields(text: &str) -> (usize, Fields, Vec<FieldError>) {
    let mut fields = Fields::default();
    let mut errors = Vec::new();
    let mut end = text.len();
    loop {
        let s = text[..end].trim_end();
        if let Some((p, rest)) = trailing_priority(s) {
            fields.priority.get_or_insert(p);
            end = rest;
        } else if let Some((kind, date, rest)) = trailing_date_field(s) {
            set_date(&mut fields, kind, date, &s[rest..], &mut errors);
            end = rest;
        } else if let Some((kind, value, rest)) = trailing_dataview(s) {
            match kind {
                Key::Priority => match priority_word(value) {
                    Some(p) => {
                        fields.priority.get_or_insert(p);
                    }
                    None => errors.push(FieldError {
                        text: s[rest..].to_string(),
                        message: format!(
                            "unknown priority `{value}`; use highest, high, medium, low or lowest"
                        ),
                    }),
                },
                Key::Date(kind) => set_date(&mut fields, kind, value, &s[rest..], &mut errors),
                Key::Ignored => {}
            }
            end = rest;
        } else {
            return (s.len(), fields, errors);
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum DateKind {
    Due,
    Done,
    Start,
    Scheduled,
    Cancelled,
    Created,
}

enum Key {
    Date(DateKind),
    Priority,
    /// Obsidian Tasks fields folio reads past but does not use.
    Ignored,
}

fn set_date(
    fields: &mut Fields,
    kind: DateKind,
    value: &str,
    written: &str,
    errors: &mut Vec<FieldError>,
) {
    let date = match Date::parse(value) {
        Ok(d) if value.trim().len() == 10 => d,
        Ok(_) | Err(_) => {
            errors.push(FieldError {
                text: written.trim().to_string(),
                message: format!("`{}` is not a date in the form YYYY-MM-DD", value.trim()),
            });
            return;
        }
    };
    let d = &mut fields.dates;
    let slot = match kind {
        DateKind::Due => &mut d.due,
        DateKind::Done => &mut d.done,
        DateKind::Start => &mut d.start,
        DateKind::Scheduled => &mut d.scheduled,
        DateKind::Cancelled => &mut d.cancelled,
        DateKind::Created => &mut d.created,
    };
    // Read right to left: the rightmost field of a kind wins.
    slot.get_or_insert(date);
}

/// A priority emoji ending `s`; returns it and where it starts.
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

/// `<emoji> YYYY-MM-DD` ending `s`: the kind, the date text, and where the
/// emoji starts. A date-shaped value that is not a real date is still
/// returned, so it can be reported.
fn trailing_date_field(s: &str) -> Option<(DateKind, &str, usize)> {
    let date = s.get(s.len().checked_sub(10)?..)?;
    let shaped = date.bytes().enumerate().all(|(i, b)| {
        if i == 4 || i == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    });
    if !shaped {
        return None;
    }
    let before = s[..s.len() - 10].trim_end();
    let before = before.strip_suffix('\u{FE0F}').unwrap_or(before);
    let c = before.chars().next_back()?;
    let kind = match c {
        '📅' | '📆' | '🗓' => DateKind::Due,
        '✅' => DateKind::Done,
        '🛫' => DateKind::Start,
        '⏳' | '⌛' => DateKind::Scheduled,
        '❌' => DateKind::Cancelled,
        '➕' => DateKind::Created,
        _ => return None,
    };
    Some((kind, date, before.len() - c.len_utf8()))
}

/// `[key:: value]` or `(key:: value)` ending `s`, with a key folio knows.
fn trailing_dataview(s: &str) -> Option<(Key, &str, usize)> {
    let open = match s.chars().next_back()? {
        ']' => '[',
        ')' => '(',
        _ => return None,
    };
    let start = s.rfind(open)?;
    let inner = &s[start + 1..s.len() - 1];
    let (key, value) = inner.split_once("::")?;
    let key = match key.trim() {
        "due" => Key::Date(DateKind::Due),
        "completion" => Key::Date(DateKind::Done),
        "start" => Key::Date(DateKind::Start),
        "scheduled" => Key::Date(DateKind::Scheduled),
        "cancelled" => Key::Date(DateKind::Cancelled),
        "created" => Key::Date(DateKind::Created),
        "priority" => Key::Priority,
        "repeat" | "id" | "dependsOn" | "onCompletion" => Key::Ignored,
        _ => return None,
    };
    Some((key, value.trim(), start))
}

/// `highest`, `high`, `medium`, `low`, `lowest`, any case.
pub fn priority_word(word: &str) -> Option<Priority> {
    match word.trim().to_ascii_lowercase().as_str() {
        "highest" => Some(Priority::Highest),
        "high" => Some(Priority::High),
        "medium" => Some(Priority::Medium),
        "low" => Some(Priority::Low),
        "lowest" => Some(Priority::Lowest),
        _ => None,
    }
}

/// A `Priority: HIGH` line (the plain text of one line of a paragraph, so
/// bold or not): `None` when the line is about something else, else the
/// priority or the word that is not one.
pub fn priority_line(line: &str) -> Option<Result<Priority, String>> {
    let line = line.trim();
    let rest = line.get(..8)?;
    if !rest.eq_ignore_ascii_case("priority") {
        return None;
    }
    let rest = line[8..].trim_start().strip_prefix(':')?.trim_start();
    let word: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
    Some(priority_word(&word).ok_or(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Date> {
        Some(Date::parse(s).unwrap())
    }

    fn kept(text: &str) -> (&str, Fields) {
        let (len, fields, errors) = split_fields(text);
        assert!(errors.is_empty(), "{errors:?}");
        (&text[..len], fields)
    }

    #[test]
    fn markers_pulldown_leaves_as_text() {
        assert_eq!(status_prefix("[/] doing"), Some((Status::InProgress, 4)));
        assert_eq!(status_prefix("[-]  dropped"), Some((Status::Cancelled, 5)));
        assert_eq!(status_prefix("[-]"), Some((Status::Cancelled, 3)));
        assert_eq!(status_prefix("[-]x"), None);
        assert_eq!(status_prefix("[?] what"), None);
        assert_eq!(status_prefix("plain"), None);
    }

    #[test]
    fn every_emoji_field_is_read_from_the_end() {
        let (text, f) = kept(
            "Ship it ⏫ ➕ 2026-01-02 🛫 2026-01-03 ⏳ 2026-01-04 📅 2026-01-05 ✅ 2026-01-06 ❌ 2026-01-07",
        );
        assert_eq!(text, "Ship it");
        assert_eq!(f.priority, Some(Priority::High));
        assert_eq!(
            f.dates,
            Dates {
                created: d("2026-01-02"),
                start: d("2026-01-03"),
                scheduled: d("2026-01-04"),
                due: d("2026-01-05"),
                done: d("2026-01-06"),
                cancelled: d("2026-01-07"),
            }
        );
        for (emoji, p) in [
            ("🔺", Priority::Highest),
            ("⏫", Priority::High),
            ("🔼", Priority::Medium),
            ("🔽", Priority::Low),
            ("⏬", Priority::Lowest),
        ] {
            assert_eq!(kept(&format!("x {emoji}")).1.priority, Some(p));
        }
    }

    #[test]
    fn dataview_fields_and_variation_selectors() {
        let (text, f) = kept("Write [due:: 2026-06-30] (priority:: low)");
        assert_eq!(text, "Write");
        assert_eq!(f.dates.due, d("2026-06-30"));
        assert_eq!(f.priority, Some(Priority::Low));
        let (_, f) = kept("x 🗓\u{FE0F} 2026-06-30");
        assert_eq!(f.dates.due, d("2026-06-30"));
        let (_, f) = kept("x 📅2026-06-30");
        assert_eq!(f.dates.due, d("2026-06-30"));
    }

    #[test]
    fn reading_stops_at_other_text() {
        let (text, f) = kept("Meet on 📅 2026-01-05 with Bob");
        assert_eq!(text, "Meet on 📅 2026-01-05 with Bob");
        assert_eq!(f, Fields::default());
        assert_eq!(kept("see [link text]").0, "see [link text]");
        assert_eq!(kept("a [note:: x]").0, "a [note:: x]");
    }

    #[test]
    fn impossible_dates_are_reported() {
        let (len, f, errors) = split_fields("Plan 📅 2026-02-30");
        assert_eq!(len, 4);
        assert_eq!(f.dates.due, None);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].text, "📅 2026-02-30");
        let (_, _, errors) = split_fields("Plan [due:: soon]");
        assert!(errors[0].message.contains("`soon`"), "{errors:?}");
    }

    #[test]
    fn priority_lines_bold_or_not() {
        assert_eq!(
            priority_line("Priority: HIGH - Critical for CV enhancement"),
            Some(Ok(Priority::High))
        );
        assert_eq!(priority_line("priority:low"), Some(Ok(Priority::Low)));
        assert_eq!(priority_line("Priority: soon"), Some(Err("soon".into())));
        assert_eq!(priority_line("Priorities are clear"), None);
        assert_eq!(priority_line("Focus: AI"), None);
    }
}
