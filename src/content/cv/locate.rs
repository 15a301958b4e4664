//! Where a field of the CV is written: `basics.label` or `work[2].position`
//! as a file line and column, so findings about a field (a LinkedIn text
//! over its limit, a schema error) point at it. YAML is followed by
//! indentation (block style, as `folio init` writes it); JSON is followed
//! through its objects and lists (the text is known to parse).
//!
//! Best effort by design: a field not found gives `None`, and the finding
//! is reported on the whole file.

mod json;

use json::locate_json;

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// `work[2].position` → `[Key(work), Index(2), Key(position)]`.
fn steps(path: &str) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, rest) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() {
            out.push(Step::Key(key));
        }
        for index in rest.split('[') {
            if let Some(n) = index.strip_suffix(']').and_then(|n| n.parse().ok()) {
                out.push(Step::Index(n));
            }
        }
    }
    out
}

/// The 1-based line and column of the field at `path` in a CV's text: its
/// key, or for a list item (`work[2]`) the item.
pub fn locate(text: &str, path: &str, json: bool) -> Option<(usize, usize)> {
    Locator::new(text, json).locate(path)
}

/// Where a field is written: byte offsets of its key (or list item) and,
/// when written there, of its value (YAML: on the key's line; a quoted
/// value's first character inside the quote).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    pub key: usize,
    pub value: Option<usize>,
}

/// The [`Spot`] of the field at `path`.
#[cfg(test)]
fn spot(text: &str, path: &str, json: bool) -> Option<Spot> {
    Locator::new(text, json).spot(path)
}

/// The [`Locator::number_text`] of `path`.
#[cfg(test)]
fn number_text<'t>(text: &'t str, path: &str, json: bool) -> Option<&'t str> {
    Locator::new(text, json).number_text(path)
}

/// Finds many fields in one CV's text: the YAML lines are measured once.
pub struct Locator<'t> {
    text: &'t str,
    /// `None` for JSON.
    yaml: Option<Lines<'t>>,
}

impl<'t> Locator<'t> {
    pub fn new(text: &'t str, json: bool) -> Self {
        Locator {
            text,
            yaml: (!json).then(|| Lines::new(text)),
        }
    }

    /// See [`locate`].
    pub fn locate(&self, path: &str) -> Option<(usize, usize)> {
        self.spot(path)
            .map(|s| crate::diagnostic::line_col(self.text, s.key))
    }

    /// The [`Spot`] of the field at `path`.
    pub fn spot(&self, path: &str) -> Option<Spot> {
        let steps = steps(path);
        match &self.yaml {
            Some(lines) => locate_yaml(lines, &steps),
            None => locate_json(self.text, &steps),
        }
    }

    /// The [`Spot`] of the field at `path`, else of the nearest field
    /// holding it that can be found (`basics` for `basics.email` written
    /// in flow style, `{name: Ada, email: x}`).
    pub fn spot_or_parent(&self, path: &str) -> Option<Spot> {
        let mut path = path;
        loop {
            if let Some(s) = self.spot(path) {
                return Some(s);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }

    /// The number written at `path` as its text (`3.70`, `01234`), if it
    /// is written there plainly.
    pub fn number_text(&self, path: &str) -> Option<&'t str> {
        let at = self.spot(path)?.value?;
        let rest = &self.text[at..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || "+-._".contains(c)))
            .unwrap_or(rest.len());
        let token = &rest[..end];
        // YAML: the token must be the whole value (not `3.70 GPA`).
        let after = rest[end..].trim_start_matches([' ', '\t']);
        let whole = self.yaml.is_none() || after.is_empty() || after.starts_with(['\n', '\r', '#']);
        (whole && !token.is_empty()).then_some(token)
    }
}

/// A YAML text's lines, each with its offset, indentation and whether it is
/// blank (or only a comment).
struct Lines<'t> {
    lines: Vec<&'t str>,
    starts: Vec<usize>,
    indent: Vec<usize>,
    blank: Vec<bool>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        let lines: Vec<&str> = text.lines().collect();
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .take(lines.len())
            .collect();
        Lines {
            indent: lines.iter().map(|l| indent_of(l)).collect(),
            blank: lines.iter().map(|l| is_blank(l)).collect(),
            starts,
            lines,
        }
    }

    /// Line `i`'s indentation, blankness and text after the indentation,
    /// reading the `-` of the list item on line `item` as a space (so the
    /// item's first key reads like the keys below it).
    fn get(&self, i: usize, item: Option<usize>) -> (usize, bool, &'t str) {
        let line = self.lines[i];
        if item == Some(i) {
            let after_dash = &line[self.indent[i] + 1..];
            let t = after_dash.trim_start_matches(' ');
            (line.len() - t.len(), is_blank(t), t)
        } else {
            (self.indent[i], self.blank[i], &line[self.indent[i]..])
        }
    }
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// Where the value after `key:` (or after `- `) starts on a line, if it is
/// written there: the column, past an opening quote.
fn value_col(line: &str, after: usize) -> Option<usize> {
    let rest = line.get(after..)?;
    let value = rest.trim_start_matches([' ', '\t']);
    if value.is_empty() || value.starts_with('#') {
        return None;
    }
    let col = after + rest.len() - value.len();
    Some(if value.starts_with(['"', '\'']) {
        col + 1
    } else {
        col
    })
}

fn is_item(t: &str) -> bool {
    t == "-" || t.starts_with("- ")
}

/// Follows the path down the indentation. Each step looks only as far as
/// its block goes (to the first line indented less, or for a list, to the
/// first line at its indentation that is not an item), so finding a field
/// costs the lines before it, not the whole file.
fn locate_yaml(y: &Lines<'_>, steps: &[Step<'_>]) -> Option<Spot> {
    let n = y.lines.len();
    let mut lo = 0;
    // The indentation of the key or item whose value the next step is in.
    let mut parent: Option<usize> = None;
    let mut item: Option<usize> = None;
    let mut found = None;
    for step in steps {
        let block = (lo..n).find(|&i| !y.get(i, item).1)?;
        let (indent, _, first) = y.get(block, item);
        // A key's list may sit at the key's own indentation (`work:` then
        // `- name: A`).
        if parent.is_some_and(|p| indent < p || (indent == p && !is_item(first))) {
            return None;
        }
        let in_block = |i: &usize| {
            let (ind, blank, t) = y.get(*i, item);
            blank || ind > indent || (ind == indent && (matches!(step, Step::Key(_)) || is_item(t)))
        };
        let (at, after) = match step {
            Step::Key(k) => {
                let mut after = 0;
                let at = (block..n).take_while(in_block).find(|&i| {
                    let (ind, blank, t) = y.get(i, item);
                    if blank || ind != indent {
                        return false;
                    }
                    let lead = t.len() - t.trim_start_matches(['"', '\'']).len();
                    let Some(r) = t[lead..].strip_prefix(k) else {
                        return false;
                    };
                    let r2 = r.trim_start_matches(['"', '\'']);
                    let r3 = r2.trim_start();
                    if !r3.starts_with(':') {
                        return false;
                    }
                    after = indent + lead + k.len() + (r.len() - r3.len()) + 1;
                    true
                })?;
                (at, after)
            }
            Step::Index(n) => {
                let at = (block..y.lines.len())
                    .take_while(in_block)
                    .filter(|&i| {
                        let (ind, blank, t) = y.get(i, item);
                        !blank && ind == indent && is_item(t)
                    })
                    .nth(*n)?;
                (at, indent + 1)
            }
        };
        let line_start = y.starts[at];
        found = Some(Spot {
            key: line_start + indent,
            value: value_col(y.lines[at], after).map(|c| line_start + c),
        });
        parent = Some(indent);
        if let Step::Index(_) = step {
            // The item's first key is on its own line, after the `-`.
            item = Some(at);
            lo = at;
        } else {
            lo = at + 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "basics:\n  name: Ada\n  label: Engineer\nwork:\n  - name: Acme\n    position: Lead\n\n  - name: Other\n    summary: |\n      Long.\n    position: CTO\n";

    #[test]
    fn yaml_fields_by_indentation() {
        assert_eq!(locate(YAML, "basics.label", false), Some((3, 3)));
        assert_eq!(locate(YAML, "work[0].position", false), Some((6, 5)));
        assert_eq!(locate(YAML, "work[1].position", false), Some((11, 5)));
        assert_eq!(locate(YAML, "work[1].name", false), Some((8, 5)));
        assert_eq!(locate(YAML, "work[1]", false), Some((8, 3)));
        assert_eq!(locate(YAML, "work[2].position", false), None);
        assert_eq!(locate(YAML, "basics.summary", false), None);
    }

    #[test]
    fn a_list_at_its_key_s_indentation_ends_at_the_next_key() {
        let yaml = "work:\n- name: A\n  url: x\n- name: B\neducation:\n- institution: C\n";
        assert_eq!(locate(yaml, "work[1].name", false), Some((4, 3)));
        assert_eq!(locate(yaml, "work[0].url", false), Some((3, 3)));
        assert_eq!(locate(yaml, "work[2]", false), None);
        assert_eq!(
            locate(yaml, "education[0].institution", false),
            Some((6, 3))
        );
        assert_eq!(locate(yaml, "work.name", false), None);
    }

    #[test]
    fn values_and_numbers_as_written() {
        let yaml = "education:\n  - score: 3.70 # of 4\n    gpa: \"3.9\"\n    area:\n      Maths\n  - 3.10\n";
        assert_eq!(number_text(yaml, "education[0].score", false), Some("3.70"));
        let s = spot(yaml, "education[0].gpa", false).unwrap();
        assert_eq!(crate::diagnostic::line_col(yaml, s.value.unwrap()), (3, 11));
        assert_eq!(spot(yaml, "education[0].area", false).unwrap().value, None);
        assert_eq!(number_text(yaml, "education[1]", false), Some("3.10"));
        let json = "{\"education\": [{\"score\": 3.70, \"x\": 1e2}]}";
        assert_eq!(number_text(json, "education[0].score", true), Some("3.70"));
        assert_eq!(number_text(json, "education[0].x", true), Some("1e2"));
    }
}
