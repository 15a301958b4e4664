//! Obsidian's wikilinks and embeds (`[[Note]]`, `[[Note|text]]`,
//! `[[Note#Heading]]`, `![[image.png]]`), which folio does not resolve.
//! Bodies are parsed without pulldown-cmark's `ENABLE_WIKILINKS`, so for
//! every reader of the events (pages, roadmap models, `progress.json`) a
//! wikilink stays the text it was written as; [`find`] reads the body a
//! second time with the option, only when it holds `[[`, to say where each
//! one is, for a warning.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

/// Each wikilink or embed of `body`, as Obsidian's syntax reads it: its
/// offset in the body and its source text. Code spans and code blocks hold
/// none.
pub fn find(body: &str) -> Vec<(usize, &str)> {
    if !body.contains("[[") {
        return Vec::new();
    }
    let mut found: Vec<(usize, &str)> = Vec::new();
    let events = Parser::new_ext(body, super::options() | Options::ENABLE_WIKILINKS);
    for (event, range) in events.into_offset_iter() {
        let wikilink = matches!(
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
        );
        // One inside another's text is part of it.
        let inside = found
            .last()
            .is_some_and(|(at, text)| range.start < at + text.len());
        if wikilink
            && !inside
            && let Some(text) = body.get(range.clone())
        {
            found.push((range.start, text));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wikilinks_and_embeds_are_found_with_their_offsets() {
        assert_eq!(
            find("See [[about]], [[notes/b#Part|*the* part]] and ![[diagram.png]].\n"),
            [
                (4, "[[about]]"),
                (15, "[[notes/b#Part|*the* part]]"),
                (47, "![[diagram.png]]"),
            ]
        );
    }

    #[test]
    fn markdown_links_and_code_hold_no_wikilinks() {
        assert!(
            find("[a](a.md), `[[code]]` and [x]\n\n    [[indented]]\n\n```\n[[fenced]]\n```\n")
                .is_empty()
        );
        assert!(find("No brackets at all.\n").is_empty());
    }
}
