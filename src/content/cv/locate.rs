//! Where a field of the CV is written: `basics.label` or `work[2].position`
//! as a file line and column, so findings about a field (a LinkedIn text
//! over its limit) point at it. YAML is followed by indentation (block
//! style, as `folio init` writes it); in JSON the keys are found in order,
//! and a list index stops the search at the list's key.
//!
//! Best effort by design: a field not found gives `None`, and the finding
//! is reported on the whole file.

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

/// The 1-based line and column of the field at `path` in a CV's text.
pub fn locate(text: &str, path: &str, json: bool) -> Option<(usize, usize)> {
    let steps = steps(path);
    if json {
        locate_json(text, &steps)
    } else {
        locate_yaml(text, &steps)
    }
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

fn locate_yaml(text: &str, steps: &[Step<'_>]) -> Option<(usize, usize)> {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let (mut lo, mut hi) = (0, lines.len());
    let mut found = None;
    for step in steps {
        let block = (lo..hi).find(|&i| !is_blank(&lines[i]))?;
        let indent = indent_of(&lines[block]);
        let at = (block..hi).find(|&i| {
            let l = &lines[i];
            if is_blank(l) || indent_of(l) != indent {
                return false;
            }
            let t = l.trim_start();
            match step {
                Step::Key(k) => {
                    let bare = t.trim_start_matches(['"', '\'']);
                    bare.strip_prefix(k).is_some_and(|r| {
                        r.trim_start_matches(['"', '\''])
                            .trim_start()
                            .starts_with(':')
                    })
                }
                Step::Index(_) => t == "-" || t.starts_with("- "),
            }
        });
        let at = match step {
            Step::Key(_) => at?,
            Step::Index(n) => (block..hi)
                .filter(|&i| {
                    let l = &lines[i];
                    !is_blank(l) && indent_of(l) == indent && {
                        let t = l.trim_start();
                        t == "-" || t.starts_with("- ")
                    }
                })
                .nth(*n)?,
        };
        found = Some((at + 1, indent + 1));
        // The value's block: the lines below, indented deeper.
        let end = (at + 1..hi)
            .find(|&i| !is_blank(&lines[i]) && indent_of(&lines[i]) <= indent)
            .unwrap_or(hi);
        if let Step::Index(_) = step {
            // `- key: v` holds the item's first key: read it as `  key: v`.
            let rest = lines[at].trim_start()[1..].to_string();
            lines[at] = format!("{} {rest}", " ".repeat(indent));
            lo = at;
        } else {
            lo = at + 1;
        }
        hi = end;
    }
    found
}

fn locate_json(text: &str, steps: &[Step<'_>]) -> Option<(usize, usize)> {
    let mut from = 0;
    let mut found = None;
    for step in steps {
        let Step::Key(k) = step else {
            break;
        };
        let quoted = format!("\"{k}\"");
        let at = text[from..]
            .match_indices(&quoted)
            .map(|(i, _)| i + from)
            .find(|&i| text[i + quoted.len()..].trim_start().starts_with(':'))?;
        found = Some(crate::diagnostic::line_col(text, at));
        from = at + quoted.len();
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
    fn json_keys_in_order() {
        let json =
            "{\n  \"basics\": {\n    \"name\": \"Ada\",\n    \"label\": \"Engineer\"\n  }\n}\n";
        assert_eq!(locate(json, "basics.label", true), Some((4, 5)));
        assert_eq!(locate(json, "work[0].position", true), None);
    }
}
