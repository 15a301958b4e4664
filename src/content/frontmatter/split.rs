//! Cutting a markdown file in two at its front matter, in the three forms
//! Hugo documents (and Jekyll and Zola use one of): YAML between `---`
//! lines, TOML between `+++` lines, and a JSON object opening the file.
//!
//! Only the boundary is found here; the front matter's text is read by
//! [`super::entries`].

use std::path::Path;

use crate::diagnostic::Diagnostic;

/// The language of a file's front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `---` lines (Jekyll, Hugo, Obsidian).
    Yaml,
    /// Between `+++` lines (Hugo, Zola).
    Toml,
    /// A JSON object opening the file (Hugo).
    Json,
}

/// A markdown file cut in two.
#[derive(Debug)]
pub struct Split<'a> {
    pub format: Format,
    /// The front matter's own text: what lies between the fences (YAML,
    /// TOML), or the JSON object with its braces; empty without front matter.
    pub raw: &'a str,
    /// The 1-based file line `raw` starts on.
    pub raw_line: usize,
    pub body: &'a str,
    /// The 1-based file line the body starts on.
    pub body_line: usize,
}

/// Splits `text` (already BOM-free, LF line endings) at its front matter.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    match super::super::page_files::opening_fence(text.as_bytes()) {
        Some("+++") => fenced(path, text, Format::Toml),
        Some(_) => fenced(path, text, Format::Yaml),
        None if opens_json(text) => json(path, text),
        None => Ok(Split {
            format: Format::Yaml,
            raw: "",
            raw_line: 1,
            body: text,
            body_line: 1,
        }),
    }
}

/// Hugo reads a file opening with `{` as JSON front matter. folio asks a
/// little more (the object's first key, or its end, must follow), so that
/// a body opening with `{{< shortcode >}}` or `{% liquid %}` stays a body.
fn opens_json(text: &str) -> bool {
    text.strip_prefix('{')
        .is_some_and(|rest| rest.trim_start().starts_with(['"', '}']))
}

/// YAML or TOML between two fence lines. The opening fence may carry
/// trailing blanks: a page that means to have front matter is never shown
/// with it as its body.
fn fenced<'a>(path: &Path, text: &'a str, format: Format) -> Result<Split<'a>, Diagnostic> {
    let first_line_len = text.find('\n').map_or(text.len(), |i| i + 1);
    let after_open = &text[first_line_len..];
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        let bare = line.trim_end_matches('\n').trim_end();
        let closes = match format {
            Format::Toml => bare == "+++",
            _ => bare == "---" || bare == "...",
        };
        if closes {
            let raw = &after_open[..offset];
            let body = &after_open[offset + line.len()..];
            let body_line = 2 + raw.matches('\n').count() + 1;
            return Ok(Split {
                format,
                raw,
                raw_line: 2,
                body,
                body_line,
            });
        }
        offset += line.len();
    }
    let (what, fence) = match format {
        Format::Toml => ("TOML", "+++"),
        _ => ("YAML", "---"),
    };
    Err(
        Diagnostic::error("front-matter", path, "front matter is not closed")
            .at_in(text, 1, 1)
            .hint(format!(
                "end the {what} block with a line containing only `{fence}`"
            )),
    )
}

/// A JSON object opening the file; the body starts on the line after its
/// closing brace (or right after it, when text follows on that line).
fn json<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>();
    match stream.next() {
        Some(Ok(_)) => {}
        Some(Err(e)) => {
            let (line, col) = (e.line().max(1), e.column().max(1));
            return Err(Diagnostic::error(
                "json",
                path,
                format!("invalid JSON front matter: {}", json_message(&e)),
            )
            .at_in(text, line, col)
            .hint("the file opens with `{`, so it is read as JSON front matter (as Hugo does): check the quotes, commas and the closing `}`"));
        }
        None => {
            return Err(
                Diagnostic::error("json", path, "JSON front matter is not closed")
                    .at_in(text, 1, 1)
                    .hint("end the JSON object with `}`"),
            );
        }
    }
    let end = stream.byte_offset();
    let rest = &text[end..];
    let body_start = match rest.find('\n') {
        Some(i) if rest[..i].trim().is_empty() => end + i + 1,
        _ => end,
    };
    Ok(Split {
        format: Format::Json,
        raw: &text[..end],
        raw_line: 1,
        body: &text[body_start..],
        body_line: 1 + text[..body_start].matches('\n').count(),
    })
}

/// serde_json's message without its trailing " at line X column Y".
pub(super) fn json_message(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Split<'_> {
        split(Path::new("a.md"), text).unwrap()
    }

    #[test]
    fn yaml_between_dashes() {
        let s = cut("---\ntitle: x\n---\n# Hi\n");
        assert_eq!(
            (s.format, s.raw, s.raw_line),
            (Format::Yaml, "title: x\n", 2)
        );
        assert_eq!((s.body, s.body_line), ("# Hi\n", 4));
        let s = cut("# No front matter\n");
        assert_eq!((s.raw, s.body_line), ("", 1));
        let e = split(Path::new("a.md"), "---\ntitle: x\n# body\n").unwrap_err();
        assert_eq!(
            (e.line, e.message.as_str()),
            (1, "front matter is not closed")
        );
    }

    #[test]
    fn toml_between_pluses_closes_only_on_pluses() {
        let s = cut("+++\ntitle = \"x\"\n---\nb = 1\n+++\nBody\n");
        assert_eq!(s.format, Format::Toml);
        assert_eq!(s.raw, "title = \"x\"\n---\nb = 1\n");
        assert_eq!((s.body, s.body_line), ("Body\n", 6));
        assert!(split(Path::new("a.md"), "+++\ntitle = 1\n---\nBody\n").is_err());
    }

    #[test]
    fn json_object_opening_the_file() {
        let s = cut("{\n  \"title\": \"x\",\n  \"tags\": [\"a}\"]\n}\nBody\n");
        assert_eq!(s.format, Format::Json);
        assert_eq!(s.raw, "{\n  \"title\": \"x\",\n  \"tags\": [\"a}\"]\n}");
        assert_eq!((s.body, s.body_line), ("Body\n", 5));
        assert_eq!(cut("{}\n").body, "");
    }

    #[test]
    fn shortcodes_and_liquid_opening_a_body_are_not_json() {
        for text in [
            "{{< figure src=\"x\" >}}\n",
            "{% include x.html %}\n",
            "{x}\n",
        ] {
            let s = cut(text);
            assert_eq!((s.raw, s.body), ("", text));
        }
    }

    #[test]
    fn broken_json_is_an_error_at_its_line_and_column() {
        let e = split(
            Path::new("a.md"),
            "{\n  \"title\": \"x\"\n  \"draft\": true\n}\n",
        )
        .unwrap_err();
        assert_eq!((e.line, e.col), (3, 3));
        assert!(!e.message.contains(" at line "), "{}", e.message);
    }
}
