//! The roadmap findings of `folio check`, gathered from the models the load
//! built ([`crate::content::roadmap`] owns the rules, see its `lint`
//! module): plain bullets under an Objectives or Action items label, due
//! dates before the roadmap's start, headings that look like horizons but
//! are not understood. Task dates that do not parse and the missing start
//! date come from loading the roadmap, as in a build.
//!
//! The source texts `check` already holds only give the caret its line.

use std::collections::HashMap;
use std::path::Path;

use crate::content::Site;
use crate::content::roadmap::Roadmap;
use crate::diagnostic::Diagnostic;

use super::sources::SourceText;

/// Every roadmap finding of the site.
pub fn check(site: &Site, files: &[SourceText]) -> Vec<Diagnostic> {
    let texts: HashMap<&Path, &str> = files
        .iter()
        .filter_map(|f| Some((f.display.as_path(), std::str::from_utf8(&f.bytes).ok()?)))
        .collect();
    let mut out = Vec::new();
    for item in &site.items {
        let Some(roadmap) = &item.roadmap else {
            continue;
        };
        let text = texts.get(item.source.as_path()).copied().unwrap_or("");
        out.extend(findings(roadmap, &item.source, text));
    }
    out
}

fn findings(r: &Roadmap, path: &Path, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for list in r.plain_objectives() {
        let line = list.first.line;
        let what = if list.count == 1 {
            "1 plain bullet".to_string()
        } else {
            format!("{} plain bullets", list.count)
        };
        out.push(
            Diagnostic::warning(
                "roadmap-plain-bullet",
                path,
                format!(
                    "`{}` lists {what}, not tasks: they show as notes and count for no progress",
                    list.label
                ),
            )
            .at_in(text, line, indent(text, line))
            .hint("write each objective as a task, `- [ ] …` (`- [x] …` once done), so folio tracks it"),
        );
    }
    for (e, start) in r.due_before_start() {
        let due = e.dates.due.map(|d| d.to_string()).unwrap_or_default();
        let (line, col) = due_position(text, e.line, &due);
        out.push(
            Diagnostic::warning(
                "roadmap-due-before-start",
                path,
                format!("due date {due} is before the roadmap's start, {start}"),
            )
            .at_in(text, line, col)
            .hint("fix the due date, or move `start:` in the front matter back to when the plan began"),
        );
    }
    for s in r.unread_horizons() {
        out.push(
            Diagnostic::warning(
                "roadmap-horizon",
                path,
                format!(
                    "heading `{}` names a span of time folio cannot read as a horizon; its objectives get no dates from it",
                    s.title
                ),
            )
            .at_in(text, s.line, 1)
            .hint("write a horizon in months or years, from now: `Next 6 months`, `6-18 months` (small to large), `18+ months`, `Year 2`"),
        );
    }
    out
}

/// Column of the first non-blank character of `line`: the bullet.
fn indent(text: &str, line: usize) -> usize {
    text.lines()
        .nth(line.saturating_sub(1))
        .and_then(|l| l.chars().position(|c| !c.is_whitespace()))
        .map_or(1, |i| i + 1)
}

/// Where the due date `due` is written, in the item starting on `line` or
/// the few lines its text may wrap onto; else the item's start.
fn due_position(text: &str, line: usize, due: &str) -> (usize, usize) {
    for (n, l) in text
        .lines()
        .enumerate()
        .skip(line.saturating_sub(1))
        .take(4)
    {
        if let Some(i) = l.rfind(due) {
            // Point at the field: the emoji or `[due::` before the date.
            let field = l[..i]
                .trim_end()
                .rfind(['📅', '📆', '🗓', '[', '('])
                .unwrap_or(i);
            return (n + 1, l[..field].chars().count() + 1);
        }
    }
    (line, indent(text, line))
}
