//! A minimal scanner of HTML start tags and their attributes, by byte
//! ranges, for rewriting a few attribute values in place. It skips comments
//! and the raw text of `script`, `style`, `textarea` and `title`, accepts
//! any quoting, and never panics on broken markup; it does not build a tree.

use std::borrow::Cow;

/// Decodes the character references an attribute value may hold.
pub fn decode_entities(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').and_then(|semi| {
            let name = &rest[1..semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
                n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// One attribute of a tag, by byte ranges into the HTML.
pub struct Attr<'h> {
    /// As written (compare ignoring ASCII case).
    pub name: &'h str,
    /// The value without its quotes.
    pub value: (usize, usize),
    /// The value with its quotes, if any.
    pub quoted: (usize, usize),
}

pub struct Tag<'h> {
    /// Lowercase.
    pub name: String,
    pub attrs: Vec<Attr<'h>>,
}

/// The start tags of an HTML text, in order.
pub struct Tags<'h> {
    html: &'h str,
    at: usize,
}

impl<'h> Tags<'h> {
    pub fn new(html: &'h str) -> Self {
        Tags { html, at: 0 }
    }
}

impl<'h> Iterator for Tags<'h> {
    type Item = Tag<'h>;

    fn next(&mut self) -> Option<Tag<'h>> {
        let html = self.html;
        let b = html.as_bytes();
        loop {
            let lt = self.at + html[self.at..].find('<')?;
            if html[lt..].starts_with("<!--") {
                self.at = html[lt..].find("-->").map_or(html.len(), |e| lt + e + 3);
                continue;
            }
            if !b.get(lt + 1).is_some_and(u8::is_ascii_alphabetic) {
                self.at = lt + 1;
                continue;
            }
            let mut i = lt + 1;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
                i += 1;
            }
            let name = html[lt + 1..i].to_ascii_lowercase();
            let mut attrs = Vec::new();
            loop {
                while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                    i += 1;
                }
                if i >= b.len() || b[i] == b'>' {
                    break;
                }
                let name_start = i;
                while i < b.len()
                    && !b[i].is_ascii_whitespace()
                    && !matches!(b[i], b'=' | b'>' | b'/')
                {
                    i += 1;
                }
                let attr_name = &html[name_start..i];
                if i == name_start {
                    i += 1; // a stray `=`
                    continue;
                }
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if b.get(i) != Some(&b'=') {
                    continue; // an attribute without a value
                }
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                let (value, quoted) = match b.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = html[i + 1..]
                            .find(q as char)
                            .map_or(html.len(), |e| i + 1 + e);
                        let r = ((i + 1, end), (i, (end + 1).min(html.len())));
                        i = (end + 1).min(html.len());
                        r
                    }
                    _ => {
                        let start = i;
                        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                            i += 1;
                        }
                        ((start, i), (start, i))
                    }
                };
                attrs.push(Attr {
                    name: attr_name,
                    value,
                    quoted,
                });
            }
            self.at = (i + 1).min(html.len());
            if matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
                // Raw text: skip to the closing tag.
                self.at = find_close(html, self.at, &name);
            }
            return Some(Tag { name, attrs });
        }
    }
}

/// Where the closing tag `</name` (any case) starts at or after `from`.
fn find_close(html: &str, from: usize, name: &str) -> usize {
    let b = html.as_bytes();
    let mut at = from;
    while let Some(i) = html[at..].find("</") {
        let start = at + i;
        let name_at = start + 2;
        if b.get(name_at..name_at + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        {
            return start;
        }
        at = start + 2;
    }
    html.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_found_with_any_quoting_and_case() {
        let html = "<!-- <a href=x> --><IMG Src='a.svg' alt=\"b c\" hidden data-x=y><script>'<a href=z>'</script><p>";
        let tags: Vec<Tag> = Tags::new(html).collect();
        let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["img", "script", "p"]);
        let attrs: Vec<(&str, &str, &str)> = tags[0]
            .attrs
            .iter()
            .map(|a| {
                (
                    a.name,
                    &html[a.value.0..a.value.1],
                    &html[a.quoted.0..a.quoted.1],
                )
            })
            .collect();
        assert_eq!(
            attrs,
            [
                ("Src", "a.svg", "'a.svg'"),
                ("alt", "b c", "\"b c\""),
                ("data-x", "y", "y")
            ]
        );
    }

    #[test]
    fn character_references_are_decoded() {
        assert_eq!(
            decode_entities("a&amp;b&#47;c&#x2F;d&bogus;&"),
            "a&b/c/d&bogus;&"
        );
        assert!(matches!(decode_entities("plain"), Cow::Borrowed("plain")));
    }
}
