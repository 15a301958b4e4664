//! The words inside one item or line of a roadmap: the checkbox of a task
//! written in a form pulldown-cmark leaves as text (`[/]`, `[-]`, `[>]`:
//! any one character between brackets, as Obsidian Tasks reads it), text
//! that looks like a checkbox but is none (`[Done]`), and `Priority: HIGH`
//! lines. The metadata at the end of a task is [`super::fields`]'.
//!
//! These work on the plain text of one item, never on the document: the
//! structure (lists, headings, strikethrough) comes from the event stream.

use super::Priority;

/// A checkbox pulldown-cmark leaves as text: `[c]` for one character `c`
/// at the start of an item (Tasks' rule: any symbol; spaces after it are
/// optional). Returns the symbol and how many bytes to remove (the
/// checkbox and the spaces after it).
pub fn status_prefix(text: &str) -> Option<(char, usize)> {
    let rest = text.strip_prefix('[')?;
    let mut chars = rest.chars();
    let symbol = chars.next()?;
    let after = chars.as_str().strip_prefix(']')?;
    if symbol == ']' || symbol == '\n' {
        return None;
    }
    Some((symbol, text.len() - after.trim_start_matches(' ').len()))
}

/// Words people put in brackets at the start of an item when they mean a
/// task's status.
const STATUS_WORDS: &[&str] = &[
    "done",
    "todo",
    "to do",
    "wip",
    "doing",
    "in progress",
    "cancelled",
    "canceled",
    "complete",
    "completed",
    "finished",
    "open",
    "pending",
    "started",
    "blocked",
    "ok",
];

/// Text at the start of an item that looks like a task's checkbox but is
/// not one: `[]`, `[ x ]`, `[Done]`, `[WIP]`. Returns what is written in
/// brackets, with them.
pub fn false_checkbox(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('[')?;
    let close = rest.find(']')?;
    let inner = &rest[..close];
    if inner.chars().count() == 1 {
        return None;
    }
    let trimmed = inner.trim();
    let looks = trimmed.chars().count() <= 1
        || STATUS_WORDS.contains(&trimmed.to_ascii_lowercase().as_str());
    // `[Done](url)` and `[Done][ref]` are links, whatever pulldown made of them.
    let after = &rest[close + 1..];
    let link = after.starts_with('(') || after.starts_with('[');
    (looks && !link).then(|| &text[..close + 2])
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

/// What a `Priority: HIGH` line says after its priority word, without the
/// dash or colon between: `Priority: HIGH - Critical` → `Critical`.
pub fn priority_rest(line: &str) -> &str {
    let line = line.trim();
    let Some(colon) = line.find(':') else {
        return "";
    };
    let after = line[colon + 1..].trim_start();
    let word = after
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(after.len(), |(i, _)| i);
    after[word..].trim_start_matches(|c: char| c.is_whitespace() || "-–—:,.;".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkboxes_pulldown_leaves_as_text() {
        assert_eq!(status_prefix("[/] doing"), Some(('/', 4)));
        assert_eq!(status_prefix("[-]  dropped"), Some(('-', 5)));
        assert_eq!(status_prefix("[-]"), Some(('-', 3)));
        assert_eq!(status_prefix("[>]x"), Some(('>', 3)));
        assert_eq!(status_prefix("[?] what"), Some(('?', 4)));
        assert_eq!(status_prefix("[🔥] hot"), Some(('🔥', 7)));
        assert_eq!(status_prefix("[Done] x"), None);
        assert_eq!(status_prefix("[] x"), None);
        assert_eq!(status_prefix("plain"), None);
    }

    #[test]
    fn text_that_looks_like_a_checkbox() {
        assert_eq!(false_checkbox("[Done] TypeScript"), Some("[Done]"));
        assert_eq!(false_checkbox("[] empty"), Some("[]"));
        assert_eq!(false_checkbox("[ x ] padded"), Some("[ x ]"));
        assert_eq!(false_checkbox("[WIP] thing"), Some("[WIP]"));
        assert_eq!(false_checkbox("[x] real"), None);
        assert_eq!(false_checkbox("[2024] Joined Acme"), None);
        assert_eq!(false_checkbox("[Done](https://example.org) link"), None);
        assert_eq!(false_checkbox("plain"), None);
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
        assert_eq!(
            priority_rest("Priority: HIGH - Critical for CV enhancement"),
            "Critical for CV enhancement"
        );
        assert_eq!(priority_rest("Priority: low"), "");
        assert_eq!(priority_rest("priority:high — soon"), "soon");
    }
}
