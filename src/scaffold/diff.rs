//! A unified diff (`diff -u`'s format, three lines of context) between two
//! texts with the same number of lines that differ only on some lines, as
//! `folio tasks --dry-run` prints it: `patch` and `git apply` read it.
//! Lines are printed with their own endings (so a CRLF file's diff
//! applies to it); a last line without one gets the usual
//! `\ No newline at end of file` marker.

use std::fmt::Write as _;

const CONTEXT: usize = 3;

/// The diff of `old` → `new`, where `changed` are the 1-based lines that
/// differ (sorted); empty when nothing changed. `old` and `new` must have
/// the same lines but for those.
pub fn unified(label: &str, old: &str, new: &str, changed: &[usize]) -> String {
    if changed.is_empty() {
        return String::new();
    }
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let count = old_lines.len().min(new_lines.len());
    let mut out = format!("--- a/{label}\n+++ b/{label}\n");
    // Group changed lines whose context windows touch into one hunk.
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for &line in changed {
        let i = line.saturating_sub(1);
        let from = i.saturating_sub(CONTEXT);
        let to = (i + CONTEXT + 1).min(count);
        match hunks.last_mut() {
            Some(last) if from <= last.1 => last.1 = to,
            _ => hunks.push((from, to)),
        }
    }
    for (from, to) in hunks {
        let len = to - from;
        let _ = writeln!(out, "@@ -{} +{} @@", range(from, len), range(from, len));
        for i in from..to {
            if changed.binary_search(&(i + 1)).is_ok() {
                push_line(&mut out, '-', old_lines[i]);
                push_line(&mut out, '+', new_lines[i]);
            } else {
                push_line(&mut out, ' ', old_lines[i]);
            }
        }
    }
    out
}

/// `start,len` in diff's 1-based form.
fn range(from: usize, len: usize) -> String {
    if len == 1 {
        format!("{}", from + 1)
    } else {
        format!("{},{len}", from + 1)
    }
}

fn push_line(out: &mut String, sign: char, line: &str) {
    out.push(sign);
    out.push_str(line);
    if !line.ends_with('\n') {
        out.push_str("\n\\ No newline at end of file\n");
    }
}
