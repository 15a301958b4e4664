//! Obsidian's wikilinks and embeds (`[[Note]]`, `[[Note|text]]`,
//! `[[Note#Heading]]`, `![[image.png]]`), which folio does not resolve: the
//! parser reads them ([`pulldown_cmark::Options::ENABLE_WIKILINKS`]) only so
//! that each is found, shown as written and warned about, never turned into a
//! link to an address that does not exist.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

/// The events of a body with each wikilink or embed replaced by its source
/// text; [`Wikilinks::found`] has the offset and text of each.
pub struct Wikilinks<'a, I> {
    body: &'a str,
    inner: I,
    found: Vec<(usize, &'a str)>,
}

impl<'a, I> Wikilinks<'a, I> {
    pub fn new(body: &'a str, inner: I) -> Self {
        Wikilinks {
            body,
            inner,
            found: Vec::new(),
        }
    }

    /// The wikilinks and embeds read so far: offset in the body, source.
    pub fn found(&self) -> &[(usize, &'a str)] {
        &self.found
    }
}

fn is_wikilink(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::Start(
            Tag::Link {
                link_type: LinkType::WikiLink { .. },
                ..
            } | Tag::Image {
                link_type: LinkType::WikiLink { .. },
                ..
            }
        )
    )
}

impl<'a, I> Iterator for Wikilinks<'a, I>
where
    I: Iterator<Item = (Event<'a>, Range<usize>)>,
{
    type Item = (Event<'a>, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        let (event, range) = self.inner.next()?;
        if !is_wikilink(&event) {
            return Some((event, range));
        }
        // Skip to the link's end (its text may hold other inline events).
        let mut depth = 1usize;
        while depth > 0 {
            match self.inner.next() {
                Some((Event::Start(Tag::Link { .. } | Tag::Image { .. }), _)) => depth += 1,
                Some((Event::End(TagEnd::Link | TagEnd::Image), _)) => depth -= 1,
                Some(_) => {}
                None => break,
            }
        }
        let text = self.body.get(range.clone()).unwrap_or_default();
        self.found.push((range.start, text));
        Some((Event::Text(text.into()), range))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn shown(body: &str) -> (String, Vec<(usize, String)>) {
        let mut events = Wikilinks::new(
            body,
            Parser::new_ext(body, crate::markdown::options()).into_offset_iter(),
        );
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.by_ref().map(|(e, _)| e));
        let found = events
            .found()
            .iter()
            .map(|(o, t)| (*o, t.to_string()))
            .collect();
        (html, found)
    }

    #[test]
    fn wikilinks_and_embeds_are_shown_as_written_and_found() {
        let (html, found) =
            shown("See [[about]], [[notes/b#Part|*the* part]] and ![[diagram.png]].\n");
        assert_eq!(
            html,
            "<p>See [[about]], [[notes/b#Part|*the* part]] and ![[diagram.png]].</p>\n"
        );
        assert_eq!(
            found,
            [
                (4, "[[about]]".to_string()),
                (15, "[[notes/b#Part|*the* part]]".to_string()),
                (47, "![[diagram.png]]".to_string()),
            ]
        );
    }

    #[test]
    fn markdown_links_and_code_are_not_wikilinks() {
        let (html, found) = shown("[a](a.md), `[[code]]` and [x]\n\n    [[indented]]\n");
        assert!(found.is_empty(), "{found:?}");
        assert!(html.contains("<a href=\"a.md\">a</a>"), "{html}");
        assert!(html.contains("<code>[[code]]</code>"), "{html}");
    }
}
