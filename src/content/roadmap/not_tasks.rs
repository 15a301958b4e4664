//! Text in a roadmap that looks like a task but is not one, so it would
//! silently count for nothing: a checkbox folio cannot read (`- [Done]
//! TypeScript`, `- []`), and a checklist indented four spaces, which
//! CommonMark reads as a code block (after a heading or a blank line, four
//! spaces start code, not a list); and a Tasks date left in the middle of
//! a task's text, where Tasks does not read it. All are warnings, from loading the
//! roadmap, so `build`, `check` and the `serve` overlay show them alike.

use crate::diagnostic::Diagnostic;
use crate::markdown;

/// How many lines of `code` are written like task list items
/// (`- [ ] …`, `* [x] …`, `1. [/] …`).
pub fn task_lines(code: &str) -> usize {
    code.lines().filter(|l| is_task_line(l)).count()
}

fn is_task_line(line: &str) -> bool {
    let l = line.trim_start();
    let rest = if let Some(r) = l.strip_prefix(['-', '*', '+']) {
        r
    } else {
        let digits = l.len() - l.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            return false;
        }
        match l[digits..].strip_prefix(['.', ')']) {
            Some(r) => r,
            None => return false,
        }
    };
    if !rest.starts_with(' ') {
        return false;
    }
    let rest = rest.trim_start_matches(' ');
    let mut chars = rest.chars();
    chars.next() == Some('[') && chars.next().is_some() && chars.next() == Some(']')
}

/// The warning for a checklist markdown reads as code.
pub fn indented_checklist(
    ctx: &markdown::Context<'_>,
    tasks: usize,
    line: usize,
    col: usize,
) -> Diagnostic {
    let what = if tasks == 1 {
        "a task line".to_string()
    } else {
        format!("{tasks} task lines")
    };
    Diagnostic::warning(
        "roadmap-indented-tasks",
        ctx.source,
        format!("{what} indented four spaces or more: markdown reads them as a code block, so they are shown as code and count for nothing"),
    )
    .at_in(ctx.file_text, line, col)
    .hint("start the list at the left margin (indent only items nested under another item, by two spaces); keep the indentation only if you mean to show code")
}

/// The warning for `[Done]` and the like where a checkbox was meant.
pub fn false_checkbox(
    ctx: &markdown::Context<'_>,
    written: &str,
    line: usize,
    col: usize,
) -> Diagnostic {
    let hint = if written.trim_matches(['[', ']', ' ']).is_empty() {
        "write `- [ ] …` with a space between the brackets for a task to do".to_string()
    } else {
        "write one character between the brackets: `- [x] …` done, `- [ ] …` to do, `- [/] …` in progress, `- [-] …` cancelled; or write the word without brackets if this is not a task".to_string()
    };
    Diagnostic::warning(
        "roadmap-not-a-task",
        ctx.source,
        format!("`{written}` is not a task's checkbox (a status is one character between brackets): this item is a plain bullet and counts for nothing"),
    )
    .at_in(ctx.file_text, line, col)
    .hint(hint)
}

/// A Tasks date field left inside a task's description, with other text
/// after it (`Meet Bob 📅 2021-09-12 at noon`): Tasks reads fields only at
/// the end of the line, so this date means nothing. Returns the field.
pub fn buried_date(description: &str) -> Option<&str> {
    const EMOJIS: [char; 9] = ['📅', '📆', '🗓', '⏳', '⌛', '🛫', '➕', '✅', '❌'];
    for (at, c) in description.char_indices() {
        if !EMOJIS.contains(&c) {
            continue;
        }
        let after = &description[at + c.len_utf8()..];
        let after = after.strip_prefix('\u{FE0F}').unwrap_or(after);
        let value = after.trim_start_matches(' ');
        let shaped = value.len() >= 10
            && value.bytes().take(10).enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if shaped {
            let end = description.len() - value.len() + 10;
            return Some(&description[at..end]);
        }
    }
    None
}

/// The warning for a date field in the middle of a task's text.
pub fn buried_date_warning(
    ctx: &markdown::Context<'_>,
    field: &str,
    line: usize,
    col: usize,
) -> Diagnostic {
    Diagnostic::warning(
        "roadmap-buried-field",
        ctx.source,
        format!("`{field}` is followed by other text, so it is not read as a date: Obsidian Tasks reads fields only at the end of a task"),
    )
    .at_in(ctx.file_text, line, col)
    .hint("move the date to the end of the line, after the words (tags and other fields may follow it)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_lines_in_code() {
        let code =
            "- [ ] one\n* [x] two\n1. [/] three\n2) [>] four\n- plain\n-[ ] glued\n[ ] bare\n";
        assert_eq!(task_lines(code), 4);
        assert_eq!(task_lines("let x = [a];\n"), 0);
    }

    #[test]
    fn dates_left_inside_the_text() {
        assert_eq!(
            buried_date("Meet Bob 📅 2021-09-12 at noon"),
            Some("📅 2021-09-12")
        );
        assert_eq!(
            buried_date("Ship ⏳2021-09-12, then rest"),
            Some("⏳2021-09-12")
        );
        assert_eq!(buried_date("Plan the 📅 review"), None);
        assert_eq!(buried_date("Plan #work"), None);
    }
}
