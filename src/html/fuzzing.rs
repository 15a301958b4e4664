//! The differential check of [`scan`] against the tokenizer used directly
//! (html5gum's own emitter), for `fuzz/` and the unit tests.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::{Use, decode, scan};

/// Which URL each attribute holds, as folio's link check reads them.
fn used_as(tag: &str, attr: &str) -> Option<(Use, bool)> {
    Some(match (tag, attr) {
        ("a" | "area", "href") => (Use::Link, false),
        ("link", "href")
        | (
            "img" | "script" | "source" | "video" | "audio" | "iframe" | "embed" | "track"
            | "input",
            "src",
        )
        | ("video", "poster")
        | ("object", "data") => (Use::Asset, false),
        ("img" | "source", "srcset") => (Use::Asset, true),
        _ => return None,
    })
}

/// Panics when the URLs [`scan`] finds in `html` are not those of the
/// start tags html5gum reads: the same URLs, for the same uses, each
/// with a position inside its attribute that holds the value as written.
pub fn links_match_tokenizer(html: &str) {
    // html5gum's own state switch spells `noframes` as `noframe` (folio's
    // is right): after either tag the two readings differ by design.
    if html.to_ascii_lowercase().contains("<noframe") {
        return;
    }
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    // (attribute start, url, use), and each attribute's byte range.
    let mut want = Vec::new();
    let mut spans = Vec::new();
    // Where the last complete token ends: a start tag after it is cut
    // off by the end of the text, which the spec drops and folio keeps.
    let mut complete = 0;
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        complete = complete.max(match &token {
            Token::StartTag(t) => t.span.end,
            Token::EndTag(t) => t.span.end,
            Token::String(t) => t.span.end,
            Token::Comment(t) => t.span.end,
            Token::Doctype(t) => t.span.end,
            Token::Error(_) => 0,
        });
        let Token::StartTag(tag) = token else {
            continue;
        };
        let name = String::from_utf8_lossy(&tag.name);
        for (attr, value) in &tag.attributes {
            let attr = String::from_utf8_lossy(attr);
            let Some((used, srcset)) = used_as(&name, &attr) else {
                continue;
            };
            let (start, end) = (value.span.start, value.span.end);
            spans.push(start..end);
            let value = String::from_utf8_lossy(&value.value);
            if srcset {
                for candidate in value.split(',') {
                    if let Some(u) = candidate.split_whitespace().next() {
                        want.push((start, u.to_string(), used));
                    }
                }
            } else if !value.is_empty() {
                want.push((start, value.into_owned(), used));
            }
        }
    }
    let mut got = Vec::new();
    for u in scan(html).urls {
        if u.offset >= complete {
            assert!(html.get(u.raw.clone()).is_some(), "{u:?}");
            continue;
        }
        let attr = spans
            .iter()
            .find(|s| s.start < u.offset && u.raw.end <= s.end)
            .unwrap_or_else(|| panic!("{u:?}: not inside an attribute of {html:?}"));
        assert_eq!(u.offset, u.raw.start, "{u:?}");
        let raw = html.get(u.raw.clone()).expect("a value on char boundaries");
        let decoded = decode(raw);
        let single = decoded == u.url;
        assert!(
            single || decoded.contains(u.url.as_ref()),
            "{u:?}: the value as written, {raw:?}, is not that URL"
        );
        got.push((attr.start, u.url.into_owned(), u.used_as));
    }
    want.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    got.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    assert_eq!(got, want, "in {html:?}");
}

#[cfg(test)]
mod differential {
    use proptest::prelude::*;

    /// One piece of random HTML: text, markup, or a start tag with
    /// attributes in every quoting style and character references.
    fn piece() -> impl Strategy<Value = String> {
        let value_part = prop_oneof![
            "[a-zA-Z0-9./#?:_-]{0,6}",
            Just("&amp;".to_string()),
            Just("&amp".to_string()),
            Just("&#47;".to_string()),
            Just("&#x2F;".to_string()),
            Just("&#0;".to_string()),
            Just("&lt".to_string()),
            Just("&eacute;".to_string()),
            Just("&notit;".to_string()),
            Just("&bogus;".to_string()),
            Just("&".to_string()),
            Just(" ".to_string()),
            Just(", ".to_string()),
            Just(" 2x".to_string()),
            Just("\"".to_string()),
            Just("'".to_string()),
            Just("=".to_string()),
            Just(">".to_string()),
            Just("<".to_string()),
            Just("`".to_string()),
            Just("\r\n".to_string()),
            Just("\0".to_string()),
            Just("é".to_string()),
        ];
        let value = prop::collection::vec(value_part, 0..5).prop_map(|p| p.concat());
        let attr_name = prop_oneof![
            Just("href"),
            Just("HREF"),
            Just("src"),
            Just("Src"),
            Just("srcset"),
            Just("poster"),
            Just("data"),
            Just("id"),
            Just("name"),
            Just("class"),
            Just("x"),
            Just("/"),
            Just("\""),
        ];
        let attr = (
            attr_name,
            0..5usize,
            value,
            "[ \t\r\n]{0,2}",
            "[ \t\r\n]{0,2}",
        )
            .prop_map(|(name, quoting, value, before, after)| match quoting {
                0 => format!(" {name}"),
                1 => format!(" {name}{before}={after}{value}"),
                2 => format!(" {name}{before}={after}\"{value}\""),
                3 => format!(" {name}{before}={after}'{value}'"),
                _ => format!("{name}=\"{value}\""),
            });
        let tag_name = prop_oneof![
            Just("a"),
            Just("A"),
            Just("area"),
            Just("img"),
            Just("link"),
            Just("script"),
            Just("style"),
            Just("textarea"),
            Just("title"),
            Just("source"),
            Just("video"),
            Just("object"),
            Just("iframe"),
            Just("p"),
            Just("svg"),
            Just("plaintext"),
        ];
        let start = (tag_name, prop::collection::vec(attr, 0..4), any::<bool>()).prop_map(
            |(name, attrs, closing)| {
                format!(
                    "<{name}{}{}>",
                    attrs.concat(),
                    if closing { "/" } else { "" }
                )
            },
        );
        prop_oneof![
            4 => start,
            2 => "[a-z <>&;#=/!-]{0,8}",
            1 => prop_oneof![
                Just("</a>"), Just("</script>"), Just("</STYLE x=y>"), Just("</title>"),
                Just("</textarea >"), Just("<!-- <a href=c> -->"), Just("<!--"),
                Just("-->"), Just("<!DOCTYPE html>"), Just("<?x <a href=p>?>"),
                Just("<![CDATA[ <a href=d> ]]>"), Just("</"), Just("<"), Just("</a href=e>"),
                Just("<!--->"), Just("--!>"), Just("\r\n"), Just("\r"), Just("\0"),
            ]
            .prop_map(str::to_string),
        ]
    }

    proptest! {
        /// The link scan sees exactly the URLs html5gum's own emitter
        /// sees in random HTML, with positions at their values.
        #[test]
        fn links_match_the_tokenizer_on_random_html(
            pieces in prop::collection::vec(piece(), 0..12)
        ) {
            crate::html::fuzzing::links_match_tokenizer(&pieces.concat());
        }
    }
}
