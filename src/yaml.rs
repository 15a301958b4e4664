//! Reading YAML text: the one place folio hands text to the YAML parser
//! (front matter, `cv.yaml`, and `folio check`'s own look at front-matter
//! keys all come through [`from_str`]).
//!
//! Before the parser sees a text, [`too_deep`] scans it once, in linear
//! time, for nesting deeper than [`MAX_DEPTH`] levels. The parser (libyaml)
//! takes time quadratic in the depth of `[`/`{` nesting before serde_yaml's
//! own recursion limit (128) can stop it: 200 KB of brackets took tens of
//! seconds. Block nesting (indentation, `- `, `? `) is counted too, so a
//! text nested too deep gets the same error in either style. Repeated
//! `*aliases` ("billion laughs") add no nesting to the text; serde_yaml's
//! own repetition and recursion limits stop their expansion.

use serde::de::DeserializeOwned;

/// How deep collections may nest below a document's top level (serde_yaml
/// stops at 128 anyway).
pub const MAX_DEPTH: usize = 100;

/// Why a YAML text could not be read.
#[derive(Debug)]
pub enum Error {
    /// Nested deeper than [`MAX_DEPTH`]: the byte offset where it first is.
    TooDeep { offset: usize },
    /// What the YAML parser said.
    Parse(serde_yaml::Error),
}

/// Parses `text`, refusing too-deep nesting before the parser sees it.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    if let Some(offset) = too_deep(text) {
        return Err(Error::TooDeep { offset });
    }
    serde_yaml::from_str(text).map_err(Error::Parse)
}

/// The message for [`Error::TooDeep`].
pub fn too_deep_message() -> String {
    format!("invalid YAML: nested more than {MAX_DEPTH} levels deep")
}

/// The byte offset of the first point of `text` nested deeper than
/// [`MAX_DEPTH`]: a flow `[`/`{`, or the start of a block node (a line's
/// content, or the node after a `- ` / `? ` indicator). Quoted text,
/// comments and block scalars (`|`, `>`) are skipped. A scan, not a
/// parser: it may miss nesting in text a parser would refuse anyway, and
/// counts a plain scalar's more-indented continuation lines as nesting.
pub fn too_deep(text: &str) -> Option<usize> {
    let mut scan = Scan::default();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if let Some(i) = scan.line(body) {
            return Some(line_start + i);
        }
        line_start += line.len();
    }
    None
}

#[derive(Default)]
struct Scan {
    /// The columns of the open block collections, outermost first.
    block: Vec<usize>,
    /// Open flow collections.
    flow: usize,
    /// Inside a quoted scalar opened by this quote.
    quote: Option<u8>,
    /// Inside a block scalar whose lines are indented more than this.
    block_scalar: Option<usize>,
}

impl Scan {
    fn depth(&self) -> usize {
        self.block.len().saturating_sub(1) + self.flow
    }

    /// Scans one line (without its line break): the byte offset in it
    /// where the nesting first goes too deep.
    fn line(&mut self, body: &str) -> Option<usize> {
        let b = body.as_bytes();
        let indent = b.iter().take_while(|&&c| c == b' ').count();
        let blank = indent == b.len();
        if let Some(parent) = self.block_scalar {
            if blank || indent > parent {
                return None;
            }
            self.block_scalar = None;
        }
        let mut i = indent;
        if self.quote.is_none() && self.flow == 0 {
            if blank || b[indent] == b'#' {
                return None;
            }
            // This line's indentation closes the block collections at or
            // right of it and opens one of its own.
            while self.block.last().is_some_and(|&c| c >= indent) {
                self.block.pop();
            }
            self.block.push(indent);
            // Compact nesting on one line: `- - x`, `- key: x`, `? x`.
            while i + 1 < b.len() && matches!(b[i], b'-' | b'?') && b[i + 1] == b' ' {
                let next = i + 1 + b[i + 1..].iter().take_while(|&&c| c == b' ').count();
                if next >= b.len() {
                    break;
                }
                i = next;
                self.block.push(i);
                if self.depth() > MAX_DEPTH {
                    return Some(i);
                }
            }
            if self.depth() > MAX_DEPTH {
                return Some(i);
            }
        }
        self.rest_of_line(b, indent, i)
    }

    /// Flow brackets, quotes, comments and block-scalar headers from byte
    /// `i` of line `b` (indented by `indent`).
    fn rest_of_line(&mut self, b: &[u8], indent: usize, mut i: usize) -> Option<usize> {
        // At the start of a node, where `[`, `{` and quotes are indicators
        // (in a plain scalar they are text).
        let mut node_start = self.quote.is_none();
        let mut after_space = true;
        while i < b.len() {
            let c = b[i];
            let next = b.get(i + 1).copied();
            if let Some(q) = self.quote {
                if q == b'"' && c == b'\\' {
                    i += 2;
                    continue;
                }
                if c == q {
                    if q == b'\'' && next == Some(b'\'') {
                        i += 2;
                        continue;
                    }
                    self.quote = None;
                    node_start = false;
                }
                after_space = false;
                i += 1;
                continue;
            }
            let ends_token = matches!(next, None | Some(b' ' | b'\t'));
            match c {
                b'#' if after_space => return None,
                b'"' | b'\'' if node_start => self.quote = Some(c),
                b'[' | b'{' if node_start || self.flow > 0 => {
                    self.flow += 1;
                    if self.depth() > MAX_DEPTH {
                        return Some(i);
                    }
                    node_start = true;
                }
                b']' | b'}' if self.flow > 0 => {
                    self.flow -= 1;
                    node_start = false;
                }
                b',' if self.flow > 0 => node_start = true,
                b':' if ends_token || self.flow > 0 => node_start = true,
                b'-' | b'?' if node_start && ends_token => {}
                b' ' | b'\t' => {}
                b'&' | b'!' if node_start => {
                    // An anchor or a tag: the node follows it.
                    while i + 1 < b.len() && !matches!(b[i + 1], b' ' | b'\t') {
                        i += 1;
                    }
                }
                b'|' | b'>' if node_start && self.flow == 0 => {
                    let header_end = b[i + 1..]
                        .iter()
                        .take_while(|c| matches!(c, b'0'..=b'9' | b'+' | b'-'))
                        .count();
                    let after = &b[i + 1 + header_end..];
                    let trimmed = after.trim_ascii_start();
                    if trimmed.is_empty() || trimmed[0] == b'#' {
                        self.block_scalar = Some(indent);
                        return None;
                    }
                    node_start = false;
                }
                _ => node_start = false,
            }
            after_space = matches!(c, b' ' | b'\t');
            i += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(open: &str, close: &str, n: usize) -> String {
        format!("{}{}", open.repeat(n), close.repeat(n))
    }

    #[test]
    fn deep_flow_nesting_is_found_at_the_first_bracket_too_deep() {
        let deep = format!("title: x\nextra: {}\n", nested("[", "]", 10_000));
        assert_eq!(too_deep(&deep), Some(16 + MAX_DEPTH));
        let maps = format!("a: {}\n", nested("{b: ", "}", 200));
        assert_eq!(too_deep(&maps), Some(3 + 4 * MAX_DEPTH));
        let fine = format!("a: {}\n", nested("[", "]", MAX_DEPTH));
        assert_eq!(too_deep(&fine), None);
    }

    #[test]
    fn deep_block_nesting_is_found_by_indentation_and_indicators() {
        let mut keys = String::new();
        for level in 0..=MAX_DEPTH + 5 {
            keys.push_str(&format!("{}k{level}:\n", " ".repeat(level)));
        }
        let at = too_deep(&keys).expect("too deep");
        let line = keys[..at].matches('\n').count() + 1;
        assert_eq!(line, MAX_DEPTH + 2);
        let dashes = format!("a:\n  {}x\n", "- ".repeat(500));
        // The node after the 100th `- ` is the first too deep.
        assert_eq!(too_deep(&dashes), Some(5 + 2 * MAX_DEPTH));
        let questions = format!("{}x\n", "? ".repeat(500));
        assert!(too_deep(&questions).is_some());
    }

    #[test]
    fn brackets_in_quotes_comments_block_scalars_and_plain_text_do_not_count() {
        let brackets = "[".repeat(500);
        for text in [
            format!("a: '{brackets}'\n"),
            format!("a: \"{brackets}\\\"\"\n"),
            format!("a: 'it''s {brackets}'\n"),
            format!("a: 1 # {brackets}\n"),
            format!("a: |\n  {brackets}\n\n  {brackets}\nb: 1\n"),
            format!("- >-\n  {brackets}\n"),
            format!("a: x{brackets}\n"),
            format!("a: it's {brackets}\n"),
            format!("a: &anchor [1]\nb: *anchor\nc: !!str '{brackets}'\n"),
        ] {
            assert_eq!(too_deep(&text), None, "{text}");
        }
    }

    #[test]
    fn an_apostrophe_in_plain_text_hides_no_nesting_after_it() {
        let text = format!("a: it's\nb: {}\n", nested("[", "]", 500));
        assert_eq!(too_deep(&text), Some(11 + MAX_DEPTH));
    }

    #[test]
    fn ordinary_documents_pass() {
        for text in [
            include_str!("../tests/fixtures/sites/career/content/cv.yaml"),
            include_str!("../content/cv.yaml"),
            "title: x\ntags: [a, b]\nextra:\n  links:\n    - {name: a, url: 'http://x#y'}\n",
            "---\na: 1\n...\n",
        ] {
            assert_eq!(too_deep(text), None, "{text}");
        }
    }

    #[test]
    fn from_str_refuses_before_parsing_and_parses_otherwise() {
        let deep = format!("a: {}\n", nested("[", "]", 1_000));
        assert!(matches!(
            from_str::<serde_yaml::Value>(&deep),
            Err(Error::TooDeep { offset: 103 })
        ));
        let v: serde_yaml::Value = from_str("a: [1, 2]\n").unwrap();
        assert_eq!(v["a"][1], serde_yaml::Value::from(2));
        assert!(matches!(
            from_str::<serde_yaml::Value>("a: [\n"),
            Err(Error::Parse(_))
        ));
    }
}
