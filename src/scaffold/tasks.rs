//! `folio tasks`: turn a roadmap's plain bullets into Obsidian Tasks
//! to-dos (`- item` → `- [ ] item`), in the whole file or in one section
//! and its subsections, only when the owner asks for it.
//!
//! The edit is the smallest one that makes an item a task, written the way
//! Obsidian Tasks writes a new task: `[ ] ` right after the list marker
//! (`-`, `*`, `+`, `1.`, `1)`) and its spaces. Nothing else changes: the
//! bytes of every other line, line endings (LF or CRLF), indentation,
//! fenced and indented code (markdown never sees list items there), the
//! front matter, and items that already have a checkbox of any symbol.
//! List items come from pulldown-cmark's events, as the roadmap model
//! reads them. The file is replaced in one step (a sibling temporary file
//! renamed over it), so a crash never leaves half a roadmap.

use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::error::{Error, Result};
use crate::markdown;

/// The result of turning bullets into tasks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    /// The new text of the whole file.
    pub text: String,
    /// 1-based lines that changed, in order.
    pub lines: Vec<usize>,
}

/// Makes every plain list item of `text` (in `section` and below when
/// given, matched as [`find_section`] does) an open task. `Err` is a
/// usage message: no such section, or more than one.
pub fn convert(text: &str, section: Option<&str>) -> std::result::Result<Converted, String> {
    let body_at = body_offset(text);
    let body = &text[body_at..];
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(body, markdown::options())
        .into_offset_iter()
        .collect();
    let headings = headings(&events);
    let scope = match section {
        Some(name) => {
            let i = find_section(&headings, name)?;
            let (level, start) = (headings[i].level, headings[i].start);
            let end = headings[i + 1..]
                .iter()
                .find(|h| h.level <= level)
                .map_or(body.len(), |h| h.start);
            start..end
        }
        None => 0..body.len(),
    };
    let mut inserts: Vec<usize> = events
        .iter()
        .filter(|(e, r)| matches!(e, Event::Start(Tag::Item)) && scope.contains(&r.start))
        .filter_map(|(_, r)| insertion_point(body, r.start))
        .map(|at| at + body_at)
        .collect();
    inserts.sort_unstable();
    inserts.dedup();
    let mut out = String::with_capacity(text.len() + 4 * inserts.len());
    let mut last = 0;
    let mut lines = Vec::with_capacity(inserts.len());
    for at in inserts {
        out.push_str(&text[last..at]);
        out.push_str("[ ] ");
        last = at;
        lines.push(text[..at].matches('\n').count() + 1);
    }
    out.push_str(&text[last..]);
    Ok(Converted { text: out, lines })
}

/// One heading of the body: its plain text, level and byte offset.
#[derive(Debug)]
struct Heading {
    title: String,
    level: u8,
    start: usize,
}

fn headings(events: &[(Event<'_>, Range<usize>)]) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut open: Option<(u8, usize, String)> = None;
    for (e, r) in events {
        match e {
            Event::Start(Tag::Heading { level, .. }) => {
                open = Some((*level as u8, r.start, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, title)) = open.as_mut() {
                    title.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start, title)) = open.take() {
                    out.push(Heading {
                        title: normalise(&title),
                        level,
                        start,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// Lower case, blanks collapsed, without a trailing progress cookie.
fn normalise(title: &str) -> String {
    let words: Vec<&str> = title.split_whitespace().collect();
    let mut joined = words.join(" ").to_lowercase();
    if joined.ends_with(']')
        && let Some(open) = joined.rfind('[')
        && joined[open + 1..joined.len() - 1]
            .chars()
            .all(|c| c.is_ascii_digit() || c == '/' || c == '%')
    {
        joined.truncate(open);
    }
    joined.trim_end().to_string()
}

/// The heading `name` names: its whole text (any case, blanks and progress
/// cookie aside), else the one heading whose text contains it.
fn find_section(headings: &[Heading], name: &str) -> std::result::Result<usize, String> {
    let wanted = normalise(name);
    if wanted.is_empty() {
        return Err("--section needs a heading's text".to_string());
    }
    let exact: Vec<usize> = (0..headings.len())
        .filter(|&i| headings[i].title == wanted)
        .collect();
    let found = if exact.is_empty() {
        (0..headings.len())
            .filter(|&i| headings[i].title.contains(&wanted))
            .collect()
    } else {
        exact
    };
    match found.as_slice() {
        [one] => Ok(*one),
        [] => {
            let list: Vec<String> = headings.iter().map(|h| format!("  {}", h.title)).collect();
            Err(format!(
                "no section \"{name}\" in this roadmap; its headings are:\n{}",
                list.join("\n")
            ))
        }
        many => {
            let list: Vec<String> = many
                .iter()
                .map(|&i| format!("  {}", headings[i].title))
                .collect();
            Err(format!(
                "\"{name}\" names {} sections; give more of the heading:\n{}",
                many.len(),
                list.join("\n")
            ))
        }
    }
}

/// Where `[ ] ` goes for the list item starting at `at` (its marker):
/// after the marker and its blanks. `None` when the item already has a
/// checkbox, is empty on its first line, or does not start with a marker.
fn insertion_point(body: &str, at: usize) -> Option<usize> {
    let rest = &body[at..];
    let marker = if rest.starts_with(['-', '*', '+']) {
        1
    } else {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let delim = rest.as_bytes().get(digits).copied();
        if digits == 0 || digits > 9 || !matches!(delim, Some(b'.' | b')')) {
            return None;
        }
        digits + 1
    };
    let after = &rest[marker..];
    let blanks = after
        .bytes()
        .take_while(|&b| b == b' ' || b == b'\t')
        .count();
    if blanks == 0 {
        return None;
    }
    let content = &after[blanks..];
    if content.is_empty() || content.starts_with(['\n', '\r']) {
        return None;
    }
    if has_checkbox(content) {
        return None;
    }
    Some(at + marker + blanks)
}

/// `[c]` followed by a blank or the end of the line: a task already, of
/// whatever status (Tasks reads any one character as a status symbol).
fn has_checkbox(content: &str) -> bool {
    let mut chars = content.chars();
    chars.next() == Some('[')
        && chars.next().is_some_and(|c| c != '\n' && c != '\r')
        && chars.next() == Some(']')
        && chars
            .next()
            .is_none_or(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
}

/// Where the markdown body starts: after YAML (`---`) or TOML (`+++`)
/// front matter, if the file opens with one (with LF or CRLF endings).
fn body_offset(text: &str) -> usize {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = text[start..].split_inclusive('\n');
    let Some(first) = lines.next() else {
        return start;
    };
    let fence = first.trim_end();
    let closers: &[&str] = match fence {
        "---" => &["---", "..."],
        "+++" => &["+++"],
        _ => return start,
    };
    let mut offset = start + first.len();
    for line in lines {
        offset += line.len();
        if closers.contains(&line.trim_end()) {
            return offset;
        }
    }
    // An unclosed fence: the whole file is front matter to markdown
    // readers that know it; touch nothing.
    text.len()
}

/// The roadmap file `name` means: a path as given (from the current
/// folder, else from the site's root), else a file of `content/roadmaps/`
/// (with or without `.md`).
pub fn locate(root: &Path, name: &str) -> Result<PathBuf> {
    let given = PathBuf::from(name);
    if given.is_file() {
        return Ok(given);
    }
    let dir = root.join("content").join("roadmaps");
    for candidate in [
        root.join(name),
        dir.join(name),
        dir.join(format!("{name}.md")),
    ] {
        if candidate.is_file() {
            return Ok(candidate);
        }
    }
    Err(Error::Usage(format!(
        "no roadmap {name}: give the path of a markdown file, or the name of one in {}",
        dir.display()
    )))
}

/// Reads `path`, converts it, and (unless `dry_run`) replaces it in one
/// step. Returns the old and new text and the changed lines.
pub fn apply(path: &Path, section: Option<&str>, dry_run: bool) -> Result<(String, Converted)> {
    let bytes = std::fs::read(path).map_err(|e| Error::io("reading", path, e))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::Usage(format!(
            "{} is not UTF-8 text; `folio check --fix` repairs common encodings",
            path.display()
        ))
    })?;
    let converted =
        convert(&text, section).map_err(|m| Error::Usage(format!("{}: {m}", path.display())))?;
    if !dry_run && !converted.lines.is_empty() {
        replace(path, converted.text.as_bytes())?;
    }
    Ok((text, converted))
}

/// Writes `bytes` to a temporary file beside `path`, with its permissions,
/// and renames it over `path`.
fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.folio-tasks.tmp"));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io("writing", path, e)
    })
}

#[cfg(test)]
mod tests;
