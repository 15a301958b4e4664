//! Text in a roadmap that looks like a task but is not one, so it would
//! silently count for nothing: a checkbox folio cannot read (`- [Done]
//! TypeScript`, `- []`), and a checklist indented four spaces, which
//! CommonMark reads as a code block (after a heading or a blank line, four
//! spaces start code, not a list). Both are warnings, from loading the
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_lines_in_code() {
        let code = "- [ ] one\n* [x] two\n1. [/] three\n2) [>] four\n- plain\n-[ ] glued\n[ ] bare\n";
        assert_eq!(task_lines(code), 4);
        assert_eq!(task_lines("let x = [a];\n"), 0);
    }
}
