//! The start tags of an HTML text as the WHATWG tokenizer reads them (the
//! `html5gum` crate does the tokenizing), each with the attributes its
//! caller asked for: their values decoded, and where they are written.
//!
//! folio reads a few attributes of every tag and nothing else, so this is
//! an [`Emitter`] of its own rather than one that builds tokens: no
//! allocation per tag (the buffers are reused), and only the values of the
//! attributes asked for are kept. Comments, doctypes, end tags and text are
//! dropped as they are read, and so are parse errors. The contents of
//! `script`, `style`, `textarea`, `title` and the other raw-text elements
//! are text, not markup. A start tag cut off by the end of the text is kept
//! (the spec drops it): what folio's scanners always did, and the safe side
//! for the inlining of private files and the files a page uses.

use std::borrow::Cow;
use std::convert::Infallible;

use html5gum::{Emitter, Error, State, Tokenizer};

use super::input::Input;

/// One attribute of a start tag, by byte ranges into the HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr<'h> {
    /// The name as written (compare ignoring ASCII case).
    pub name: &'h str,
    /// The name lowercase, as asked for.
    pub key: &'static str,
    /// The value as written, without its quotes.
    pub value: (usize, usize),
    /// The value with its quotes, if any.
    pub quoted: (usize, usize),
    /// The value as the tokenizer reads it: character references decoded.
    pub decoded: Cow<'h, str>,
}

/// One start tag: its lowercase name, and in document order those of the
/// attributes asked for that have a non-empty value. A repeated attribute
/// is dropped, as a browser does.
#[derive(Debug)]
pub struct Tag<'t, 'h> {
    pub name: &'t str,
    pub attrs: &'t mut [Attr<'h>],
    /// Where the tag ends: the byte after its `>`.
    pub end: usize,
}

/// Calls `f` with each start tag of `html`, keeping the attributes named in
/// `keep` (lowercase; at most 32 names).
pub fn start_tags<'h>(html: &'h str, keep: &[&'static str], f: impl FnMut(Tag<'_, 'h>)) {
    start_tags_reading(html, html.as_bytes(), keep, f);
}

/// Like [`start_tags`], with the tokenizer reading `read`: `html` with some
/// runs of plain text and markup-free content replaced by spaces of the same
/// length (see [`super::scan`]), so positions and every tag outside those
/// runs are the same, and names and values still come from `html`.
pub(super) fn start_tags_reading<'h>(
    html: &'h str,
    read: &[u8],
    keep: &[&'static str],
    f: impl FnMut(Tag<'_, 'h>),
) {
    debug_assert!(keep.len() <= 32);
    debug_assert_eq!(read.len(), html.len());
    let reader = Reader {
        html,
        keep,
        f,
        pos: 0,
        open: false,
        start: false,
        name: Vec::new(),
        last_start: Vec::new(),
        attrs: Vec::new(),
        seen: 0,
        attr_name: Vec::new(),
        name_at: 0,
        naming: false,
        current: None,
        value: Vec::new(),
        value_at: None,
        fresh: false,
    };
    match Tokenizer::new_with_emitter(Input::new(read), reader).finish() {
        Ok(()) => {}
        Err(never) => match never {},
    }
}

/// The state a start tag switches the tokenizer to: what `html5gum`'s
/// `naive_next_state` does, with `noframes` spelled right.
fn next_state(name: &[u8]) -> Option<State> {
    match name {
        b"textarea" | b"title" => Some(State::RcData),
        b"plaintext" => Some(State::PlainText),
        b"script" => Some(State::ScriptData),
        b"style" | b"iframe" | b"xmp" | b"noembed" | b"noframes" | b"noscript" => {
            Some(State::RawText)
        }
        _ => None,
    }
}

/// Builds [`Tag`]s from the tokenizer's calls.
struct Reader<'h, 'k, F> {
    html: &'h str,
    keep: &'k [&'static str],
    f: F,
    /// The tokenizer's position in `html` (it reports every move).
    pos: usize,
    /// A start tag is being read.
    open: bool,
    /// The tag being read is a start tag (not an end tag).
    start: bool,
    name: Vec<u8>,
    /// The name of the last start tag that switched to raw text.
    last_start: Vec<u8>,
    attrs: Vec<Attr<'h>>,
    /// Which of `keep` this tag has had (a repeat is dropped).
    seen: u32,
    attr_name: Vec<u8>,
    /// Where the attribute name being read starts.
    name_at: usize,
    /// An attribute name is being read.
    naming: bool,
    /// The index in `keep` of the attribute whose value is being read.
    current: Option<usize>,
    value: Vec<u8>,
    /// Where the value being read starts.
    value_at: Option<usize>,
    /// `init_attribute_value` was the tokenizer's last call.
    fresh: bool,
}

impl<'h, F: FnMut(Tag<'_, 'h>)> Reader<'h, '_, F> {
    /// The attribute name is read: decide whether its value is kept.
    fn end_name(&mut self) {
        if !std::mem::take(&mut self.naming) {
            return;
        }
        self.current = None;
        if !self.start {
            return;
        }
        if let Some(i) = self
            .keep
            .iter()
            .position(|k| k.as_bytes() == self.attr_name)
        {
            let bit = 1u32 << i;
            if self.seen & bit == 0 {
                self.seen |= bit;
                self.current = Some(i);
            }
        }
    }

    /// The attribute is read: keep it if it was asked for and has a value.
    fn end_attribute(&mut self) {
        self.end_name();
        let (Some(i), Some(start)) = (self.current.take(), self.value_at.take()) else {
            return;
        };
        if self.value.is_empty() {
            return;
        }
        let b = self.html.as_bytes();
        let quote = start
            .checked_sub(1)
            .and_then(|q| b.get(q))
            .filter(|q| matches!(q, b'"' | b'\''));
        let (value, quoted) = match quote {
            Some(&q) => {
                let end = memchr::memchr(q, &b[start..]).map_or(b.len(), |e| start + e);
                ((start, end), (start - 1, (end + 1).min(b.len())))
            }
            None => {
                let len = b[start..]
                    .iter()
                    .position(|c| matches!(c, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'>'))
                    .unwrap_or(b.len() - start);
                ((start, start + len), (start, start + len))
            }
        };
        let raw = self.html.get(value.0..value.1).unwrap_or("");
        let decoded = if raw.as_bytes() == self.value {
            Cow::Borrowed(raw)
        } else {
            Cow::Owned(String::from_utf8_lossy(&self.value).into_owned())
        };
        let key = self.keep[i];
        // The tokenizer lowercases the name; as written it has as many bytes.
        let name = self.html.get(self.name_at..self.name_at + key.len());
        self.attrs.push(Attr {
            name: name.unwrap_or(key),
            key,
            value,
            quoted,
            decoded,
        });
    }

    /// Hands the start tag read to the caller.
    fn end_tag(&mut self) {
        self.end_attribute();
        self.open = false;
        let name = std::str::from_utf8(&self.name).unwrap_or("");
        (self.f)(Tag {
            name,
            attrs: &mut self.attrs,
            end: self.pos,
        });
    }
}

impl<'h, F: FnMut(Tag<'_, 'h>)> Emitter for Reader<'h, '_, F> {
    type Token = Infallible;

    fn set_last_start_tag(&mut self, last_start_tag: Option<&[u8]>) {
        self.last_start.clear();
        self.last_start
            .extend_from_slice(last_start_tag.unwrap_or(b""));
    }

    fn emit_eof(&mut self) {
        if self.open {
            self.end_tag();
        }
    }

    fn emit_error(&mut self, _error: Error) {}

    #[inline]
    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn pop_token(&mut self) -> Option<Infallible> {
        None
    }

    fn emit_string(&mut self, _text: &[u8]) {}

    fn init_start_tag(&mut self) {
        self.open = true;
        self.start = true;
        self.name.clear();
        self.attrs.clear();
        self.seen = 0;
        self.naming = false;
        self.current = None;
        self.value_at = None;
    }

    fn init_end_tag(&mut self) {
        self.open = false;
        self.start = false;
        self.name.clear();
        self.naming = false;
        self.current = None;
        self.value_at = None;
    }

    fn init_comment(&mut self) {
        self.open = false;
    }

    fn emit_current_tag(&mut self) -> Option<State> {
        if !self.start {
            return None;
        }
        self.end_tag();
        let next = next_state(&self.name);
        if next.is_some() {
            self.last_start.clone_from(&self.name);
        }
        next
    }

    fn emit_current_comment(&mut self) {}

    fn emit_current_doctype(&mut self) {}

    fn set_self_closing(&mut self) {}

    fn set_force_quirks(&mut self) {}

    fn push_tag_name(&mut self, s: &[u8]) {
        self.name.extend_from_slice(s);
    }

    fn push_comment(&mut self, _s: &[u8]) {}

    fn push_doctype_name(&mut self, _s: &[u8]) {}

    fn init_doctype(&mut self) {
        self.open = false;
    }

    fn init_attribute(&mut self) {
        self.end_attribute();
        self.attr_name.clear();
        // Called once the name's first character is read.
        self.name_at = self.pos.saturating_sub(1);
        self.naming = true;
    }

    fn init_attribute_value(&mut self) {
        self.end_name();
        self.value.clear();
        self.value_at = Some(self.pos);
        self.fresh = true;
    }

    fn push_attribute_name(&mut self, s: &[u8]) {
        self.attr_name.extend_from_slice(s);
    }

    fn push_attribute_value(&mut self, s: &[u8]) {
        if self.current.is_some() {
            self.value.extend_from_slice(s);
        }
    }

    fn set_doctype_public_identifier(&mut self, _value: &[u8]) {}

    fn set_doctype_system_identifier(&mut self, _value: &[u8]) {}

    fn push_doctype_public_identifier(&mut self, _s: &[u8]) {}

    fn push_doctype_system_identifier(&mut self, _s: &[u8]) {}

    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        !self.start && !self.last_start.is_empty() && self.name == self.last_start
    }

    #[inline]
    fn move_position(&mut self, offset: isize) {
        self.pos = self.pos.saturating_add_signed(offset);
        // An unquoted value's first character is read before the
        // tokenizer knows it is one, then read again: the value starts
        // where the tokenizer steps back to (html5gum's own emitters put
        // it one byte late).
        if std::mem::take(&mut self.fresh) && offset < 0 {
            self.value_at = Some(self.pos);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (tag, attribute, value as written, with its quotes, decoded).
    fn read(html: &str, keep: &[&'static str]) -> Vec<(String, String, String, String, String)> {
        let mut out = Vec::new();
        start_tags(html, keep, |tag| {
            for a in tag.attrs.iter() {
                out.push((
                    tag.name.to_string(),
                    a.key.to_string(),
                    html[a.value.0..a.value.1].to_string(),
                    html[a.quoted.0..a.quoted.1].to_string(),
                    a.decoded.to_string(),
                ));
            }
        });
        out
    }

    fn row(
        t: &str,
        a: &str,
        v: &str,
        q: &str,
        d: &str,
    ) -> (String, String, String, String, String) {
        (t.into(), a.into(), v.into(), q.into(), d.into())
    }

    #[test]
    fn an_unquoted_value_starts_at_its_first_byte() {
        // html5gum's own spans put it one byte late; folio's emitter not.
        let html = "<a href=x.html>a</a><img src=p&amp;q.png\nalt=y><a id=z";
        assert_eq!(
            read(html, &["href", "src", "id"]),
            [
                row("a", "href", "x.html", "x.html", "x.html"),
                row("img", "src", "p&amp;q.png", "p&amp;q.png", "p&q.png"),
                row("a", "id", "z", "z", "z"),
            ]
        );
    }

    #[test]
    fn quoted_values_keep_their_quotes_apart() {
        let html = "<a\thref = \"a b\" ID='&#47;'><p data-x=\"y\" id=\"\">";
        assert_eq!(
            read(html, &["href", "id"]),
            [
                row("a", "href", "a b", "\"a b\"", "a b"),
                row("a", "id", "&#47;", "'&#47;'", "/"),
            ]
        );
    }

    #[test]
    fn only_attributes_asked_for_are_kept_and_a_repeat_is_dropped() {
        let html = "<a class=c href=one href=two title=t><a href id=i href=three>";
        assert_eq!(
            read(html, &["href", "id"]),
            [
                row("a", "href", "one", "one", "one"),
                row("a", "id", "i", "i", "i")
            ]
        );
    }

    #[test]
    fn raw_text_elements_hold_no_tags_including_noframes() {
        let html = "<noframes><a href=no1></noframes><xmp><a href=no2></xmp>\
                    <script><a href=no3></script ><a href=yes>";
        let found: Vec<String> = read(html, &["href"]).into_iter().map(|r| r.2).collect();
        assert_eq!(found, ["yes"]);
    }

    #[test]
    fn a_tag_cut_off_by_the_end_is_kept() {
        assert_eq!(
            read("<p><img src=\"a.png", &["src"]),
            [row("img", "src", "a.png", "\"a.png", "a.png")]
        );
        assert_eq!(read("<a href=", &["href"]), []);
    }
}
