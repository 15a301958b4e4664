//! The `[task_statuses]` table of `site.toml`: what each checkbox symbol
//! of a roadmap task means (`- [>] …`, `- [!] …`).
//!
//! The defaults are Obsidian Tasks' own: `[ ]` to do, `[x]` done, `[/]` in
//! progress, `[-]` cancelled, and any other symbol to do (Tasks reads an
//! unknown symbol as a to-do). `[X]` is done, as in GitHub and CommonMark's
//! task lists and in Tasks' conventional meaning of the symbol. The table
//! maps one character to one of the words of [`TaskKind::from_word`].

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;

const TABLE: &str = "task_statuses";

/// What a checkbox symbol means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskKind {
    Todo,
    InProgress,
    Done,
    Cancelled,
    /// Not a task at all (a pro/con list, a bookmark): shown as a note.
    NotATask,
}

impl TaskKind {
    /// `todo`, `in progress`, `done`, `cancelled`, `not a task`, any case,
    /// with spaces, `_` or `-` between words; Tasks' status type names
    /// (`TODO`, `IN_PROGRESS`, `ON_HOLD`, `NON_TASK`) read the same way
    /// (on hold still needs doing, so it is a to-do).
    pub fn from_word(word: &str) -> Option<TaskKind> {
        let w: String = word
            .trim()
            .to_ascii_lowercase()
            .chars()
            .map(|c| if c == '_' || c == '-' { ' ' } else { c })
            .collect();
        match w.split_whitespace().collect::<Vec<_>>().join(" ").as_str() {
            "todo" | "to do" | "open" | "on hold" => Some(TaskKind::Todo),
            "in progress" => Some(TaskKind::InProgress),
            "done" => Some(TaskKind::Done),
            "cancelled" | "canceled" => Some(TaskKind::Cancelled),
            "not a task" | "non task" => Some(TaskKind::NotATask),
            _ => None,
        }
    }
}

/// Symbol → meaning, as `site.toml` overrides Tasks' defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct TaskStatuses {
    custom: BTreeMap<char, TaskKind>,
}

impl TaskStatuses {
    /// What `symbol` (the character between the brackets) means.
    pub fn kind(&self, symbol: char) -> TaskKind {
        if let Some(k) = self.custom.get(&symbol) {
            return *k;
        }
        match symbol {
            'x' | 'X' => TaskKind::Done,
            '/' => TaskKind::InProgress,
            '-' => TaskKind::Cancelled,
            _ => TaskKind::Todo,
        }
    }

    /// The same statuses with `symbol` meaning `kind`.
    pub fn with(mut self, symbol: char, kind: TaskKind) -> TaskStatuses {
        self.custom.insert(symbol, kind);
        self
    }

    /// Reads the `[task_statuses]` table (absent: Tasks' defaults). Every
    /// problem is reported, each at its key's line in `text`.
    pub fn from_table(
        table: Option<&toml::Value>,
        text: &str,
        file: &Path,
    ) -> Result<TaskStatuses, Vec<Diagnostic>> {
        let mut statuses = TaskStatuses::default();
        let Some(value) = table else {
            return Ok(statuses);
        };
        let hint_words = "use one of: todo, in progress, done, cancelled, not a task";
        let Some(table) = value.as_table() else {
            let (line, col) = position(text, None);
            return Err(vec![
                Diagnostic::error("config", file, format!("`{TABLE}` must be a table"))
                    .at_in(text, line, col)
                    .hint(format!(
                        "write it as a section: [{TABLE}] on its own line, then \">\" = \"todo\""
                    )),
            ]);
        };
        let mut problems = Vec::new();
        for (key, value) in table {
            let (line, col) = position(text, Some(key));
            let mut chars = key.chars();
            let symbol = match (chars.next(), chars.next()) {
                (Some(c), None) => c,
                _ => {
                    problems.push(
                        Diagnostic::error(
                            "config",
                            file,
                            format!("`{TABLE}`: `{key}` is not one character; a task's status is the one character between its brackets"),
                        )
                        .at_in(text, line, col)
                        .hint("write the symbol alone, quoted: \">\" = \"todo\""),
                    );
                    continue;
                }
            };
            match value.as_str().map(TaskKind::from_word) {
                Some(Some(kind)) => {
                    statuses.custom.insert(symbol, kind);
                }
                Some(None) | None => problems.push(
                    Diagnostic::error(
                        "config",
                        file,
                        format!("`{TABLE}`: `{key}` = {value} is not a status folio knows"),
                    )
                    .at_in(text, line, col)
                    .hint(hint_words),
                ),
            }
        }
        problems.sort_by_key(|d| (d.line, d.col));
        if problems.is_empty() {
            Ok(statuses)
        } else {
            Err(problems)
        }
    }
}

/// Line and column of the table's header, or of `key` inside it
/// (quoted or not); line 1 when it cannot be found.
fn position(text: &str, key: Option<&str>) -> (usize, usize) {
    let mut in_table = false;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.starts_with('[') {
            in_table = trimmed.trim_end() == format!("[{TABLE}]");
            if in_table && key.is_none() {
                return (i + 1, indent + 1);
            }
            continue;
        }
        if key.is_none() && trimmed.starts_with(TABLE) {
            return (i + 1, indent + 1);
        }
        if let Some(k) = key
            && in_table
        {
            let quoted = [format!("\"{k}\""), format!("'{k}'"), k.to_string()];
            if quoted.iter().any(|q| {
                trimmed
                    .strip_prefix(q.as_str())
                    .is_some_and(|r| r.trim_start().starts_with('='))
            }) {
                return (i + 1, indent + 1);
            }
        }
    }
    (1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<TaskStatuses, Vec<Diagnostic>> {
        let table: toml::Table = text.parse().unwrap();
        TaskStatuses::from_table(table.get(TABLE), text, Path::new("site.toml"))
    }

    #[test]
    fn tasks_defaults_without_a_table() {
        let s = TaskStatuses::default();
        assert_eq!(s.kind(' '), TaskKind::Todo);
        assert_eq!(s.kind('x'), TaskKind::Done);
        assert_eq!(s.kind('X'), TaskKind::Done);
        assert_eq!(s.kind('/'), TaskKind::InProgress);
        assert_eq!(s.kind('-'), TaskKind::Cancelled);
        for unknown in ['>', '!', '?', 'D', '<', '*', '🔥'] {
            assert_eq!(s.kind(unknown), TaskKind::Todo, "{unknown}");
        }
    }

    #[test]
    fn the_table_overrides_symbols() {
        let s = read(
            "[task_statuses]\n\">\" = \"in progress\"\n\"~\" = \"not a task\"\nD = \"DONE\"\nh = \"ON_HOLD\"\n\"-\" = \"todo\"\n",
        )
        .unwrap();
        assert_eq!(s.kind('>'), TaskKind::InProgress);
        assert_eq!(s.kind('~'), TaskKind::NotATask);
        assert_eq!(s.kind('D'), TaskKind::Done);
        assert_eq!(s.kind('h'), TaskKind::Todo);
        assert_eq!(s.kind('-'), TaskKind::Todo);
        assert_eq!(s.kind('x'), TaskKind::Done, "others keep their default");
    }

    #[test]
    fn every_bad_entry_is_reported_at_its_line() {
        let text =
            "title = \"t\"\n[task_statuses]\n\">>\" = \"todo\"\n\"!\" = \"urgent\"\n\"?\" = 3\n";
        let problems = read(text).unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
        let lines: Vec<usize> = problems.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![3, 4, 5]);
        assert!(problems[0].message.contains("not one character"));
        assert!(
            problems[1].message.contains("\"urgent\""),
            "{}",
            problems[1].message
        );
        let problems = read("task_statuses = 3\n").unwrap_err();
        assert!(problems[0].message.contains("must be a table"));
    }
}
