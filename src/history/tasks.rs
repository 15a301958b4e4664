//! Following task items through a roadmap's versions: which task of one
//! version is which task of the next, so a task keeps the day it was
//! added and the day it was ticked across edits.
//!
//! The rule (also in `docs/history.md`): a task's identity is its text,
//! normalised — metadata (`✅ 2026-01-02`, `[key:: value]`, priority
//! signs) removed, lower-cased, every run of other characters than
//! letters and digits made one space. Between two versions, equal
//! normalised texts pair first (in document order, wherever the section);
//! the tasks left pair by word similarity (Dice coefficient of their word
//! sets, at least [`SIMILAR`]), most similar first. A task left unpaired is
//! new in the later version. Its limits: a task rewritten in one commit
//! beyond half its words is a new task; two tasks with the same text are
//! told apart by order only.

use std::collections::{BTreeSet, HashMap};
use std::hash::Hash;

use crate::config::tasks::{TaskKind, TaskStatuses};
use crate::date::Date;

/// How alike two task texts must be (Dice coefficient over words) to be
/// the same task reworded.
pub const SIMILAR: f64 = 0.5;

/// One task item of one version of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub key: String,
    pub done: bool,
}

/// One task as history knows it after the latest version read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tracked {
    pub key: String,
    /// Days since 1970-01-01 of the version that first had the task.
    pub added: i64,
    /// Days of the version in which it became done (and stayed done).
    pub done: Option<i64>,
}

/// The task items of a markdown text, in document order: list items with
/// a `[?]` marker outside fenced code blocks. "Not a task" symbols are
/// skipped.
pub fn extract(text: &str, statuses: &TaskStatuses) -> Vec<Seen> {
    task_lines(text, statuses)
        .into_iter()
        .map(|(rest, done)| Seen {
            key: normalise(rest),
            done,
        })
        .filter(|s| !s.key.is_empty())
        .collect()
}

/// The task items of `text` as written: the text after each `[?]`
/// marker, and whether the symbol means done. [`extract`] without the
/// normalising, so a caller can normalise each distinct line once.
pub fn task_lines<'t>(text: &'t str, statuses: &TaskStatuses) -> Vec<(&'t str, bool)> {
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    for line in lines(text) {
        let t = line.trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
            continue;
        }
        let Some(rest) = strip_bullet(t) else {
            continue;
        };
        let mut chars = rest.chars();
        let (Some('['), Some(symbol), Some(']')) = (chars.next(), chars.next(), chars.next())
        else {
            continue;
        };
        let kind = statuses.kind(symbol);
        if kind == TaskKind::NotATask {
            continue;
        }
        out.push((chars.as_str(), kind == TaskKind::Done));
    }
    out
}

/// What [`str::lines`] gives (lines end at `\n`, a `\r` before it goes
/// with it), found with `memchr`: `str::lines` was a tenth of a cold
/// history read, every line of every version of a roadmap.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let line = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(i) => {
                let line = &rest[..i];
                rest = &rest[i + 1..];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => std::mem::take(&mut rest),
        };
        Some(line)
    })
}

fn strip_bullet(t: &str) -> Option<&str> {
    if let Some(rest) = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .or_else(|| t.strip_prefix("+ "))
    {
        return Some(rest.trim_start());
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    let rest = &t[digits..];
    rest.strip_prefix(". ")
        .or_else(|| rest.strip_prefix(") "))
        .map(str::trim_start)
}

/// Signs of the Tasks plugin's fields: the text after the first is
/// metadata.
const FIELD_SIGNS: &[char] = &[
    '📅', '✅', '🛫', '⏳', '⌛', '❌', '➕', '🔁', '🆔', '⛔', '🏁', '⏫', '🔼', '🔽', '⏬', '🔺',
];

/// A task's text as history compares it: without metadata, lower-case,
/// words separated by single spaces.
pub fn normalise(text: &str) -> String {
    let text = text.split(FIELD_SIGNS).next().unwrap_or("");
    // `[key:: value]` inline fields.
    let mut plain = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        match rest[open..].find(']') {
            Some(close) if rest[open..open + close].contains("::") => {
                plain.push_str(&rest[..open]);
                rest = &rest[open + close + 1..];
            }
            _ => {
                plain.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    plain.push_str(rest);
    let mut out = String::with_capacity(plain.len());
    for word in plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Dice coefficient of the word sets of two normalised texts.
pub fn similarity(a: &str, b: &str) -> f64 {
    let a: BTreeSet<&str> = a.split(' ').collect();
    let b: BTreeSet<&str> = b.split(' ').collect();
    let common = a.intersection(&b).count();
    (2 * common) as f64 / (a.len() + b.len()).max(1) as f64
}

/// For each of `new`, the index in `old` it continues, if any.
pub fn pair(old: &[&str], new: &[&str]) -> Vec<Option<usize>> {
    pair_with(old, new, |o, n| similarity(old[o], new[n]))
}

/// [`pair`] over any keys: equal keys first, in document order; then the
/// leftovers of both sides by `similar(old index, new index)` (at least
/// [`SIMILAR`], most similar first). Only the leftovers are compared, so a
/// version that changes one task costs one pass over a hash map.
pub fn pair_with<K: Eq + Hash + Copy>(
    old: &[K],
    new: &[K],
    mut similar: impl FnMut(usize, usize) -> f64,
) -> Vec<Option<usize>> {
    if old == new {
        return (0..new.len()).map(Some).collect();
    }
    let mut result = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    // A common beginning pairs in place (what the rule below gives it):
    // most versions only tick boxes or add tasks at the end.
    let same = old.iter().zip(new).take_while(|(o, n)| o == n).count();
    for (i, (t, r)) in taken
        .iter_mut()
        .zip(result.iter_mut())
        .take(same)
        .enumerate()
    {
        *t = true;
        *r = Some(i);
    }
    // Equal keys, in document order: each key's old indices, first last.
    let mut by_key: HashMap<K, Vec<usize>> = HashMap::new();
    for (oi, o) in old.iter().enumerate().skip(same).rev() {
        by_key.entry(*o).or_default().push(oi);
    }
    for (ni, n) in new.iter().enumerate().skip(same) {
        if let Some(oi) = by_key.get_mut(n).and_then(Vec::pop) {
            taken[oi] = true;
            result[ni] = Some(oi);
        }
    }
    let left_old: Vec<usize> = (0..old.len()).filter(|&oi| !taken[oi]).collect();
    if left_old.is_empty() {
        return result;
    }
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for ni in (0..new.len()).filter(|&ni| result[ni].is_none()) {
        for &oi in &left_old {
            let s = similar(oi, ni);
            if s >= SIMILAR {
                candidates.push((s, ni, oi));
            }
        }
    }
    // Most similar first; ties in document order.
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, ni, oi) in candidates {
        if result[ni].is_none() && !taken[oi] {
            taken[oi] = true;
            result[ni] = Some(oi);
        }
    }
    result
}

/// The tasks after one more version, dated `day` (days since 1970).
pub fn advance(before: &[Tracked], version: &[Seen], day: i64) -> Vec<Tracked> {
    let old: Vec<&str> = before.iter().map(|t| t.key.as_str()).collect();
    let new: Vec<&str> = version.iter().map(|s| s.key.as_str()).collect();
    pair(&old, &new)
        .into_iter()
        .zip(version)
        .map(|(prev, seen)| {
            let prev = prev.map(|i| &before[i]);
            let done = match (seen.done, prev) {
                (false, _) => None,
                (true, Some(p)) => p.done.or(Some(day)),
                (true, None) => Some(day),
            };
            Tracked {
                key: seen.key.clone(),
                added: prev.map_or(day, |p| p.added),
                done,
            }
        })
        .collect()
}

/// A date as days since 1970-01-01.
pub fn day_of(d: Date) -> i64 {
    crate::calendar::days(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_the_lines_of_str_lines() {
        for text in [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\r",
            "a\rb\n\r",
            "\r\n\r\n- [x] é\r\n  - [ ] b\n\n",
            "a\n\r\r\n\n",
        ] {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn normalising_drops_metadata_case_and_punctuation() {
        assert_eq!(
            normalise("Ship **the** CLI, v2 ✅ 2026-01-02 ⏫"),
            "ship the cli v2"
        );
        assert_eq!(
            normalise("Write docs [due:: 2026-03-01] now"),
            "write docs now"
        );
    }

    #[test]
    fn extract_reads_task_items_outside_code() {
        let text = "# A\n- [ ] One\n- [x] Two ✅ 2026-01-01\n- plain\n```\n- [ ] code\n```\n1. [/] Three\n";
        let got = extract(text, &TaskStatuses::default());
        let keys: Vec<(&str, bool)> = got.iter().map(|s| (s.key.as_str(), s.done)).collect();
        assert_eq!(keys, [("one", false), ("two", true), ("three", false)]);
    }

    #[test]
    fn reworded_and_moved_tasks_keep_their_identity() {
        let old = ["write the parser", "ship release one", "unrelated thing"];
        let new = ["ship release one", "write the new parser", "brand new task"];
        assert_eq!(pair(&old, &new), [Some(1), Some(0), None]);
    }

    #[test]
    fn done_date_is_the_version_that_ticked_it() {
        let v1 = [Seen {
            key: "a".into(),
            done: false,
        }];
        let v2 = [Seen {
            key: "a".into(),
            done: true,
        }];
        let t = advance(&advance(&[], &v1, 10), &v2, 20);
        assert_eq!(
            t,
            [Tracked {
                key: "a".into(),
                added: 10,
                done: Some(20)
            }]
        );
        // Unticked later, ticked again: the last tick counts.
        let t = advance(&advance(&t, &v1, 30), &v2, 40);
        assert_eq!(t[0].done, Some(40));
    }
}
