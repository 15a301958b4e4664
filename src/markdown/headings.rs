//! Headings: each gets a stable, unique id (from `{#id}`, else GitHub's id
//! for its text, [`crate::slug::heading_id`], made unique GitHub's way and
//! never one the layout reserves), an anchor link, and a table of contents
//! entry. It does not decide how summaries show headings (see
//! `render_events` in the module root).

use std::fmt::Write as _;

use pulldown_cmark::{CowStr, Event};

use super::{Renderer, TocEntry, escape};
use crate::slug::heading_id;

impl<'a> Renderer<'a, '_> {
    pub(super) fn heading(
        &mut self,
        level: u8,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        inner: Vec<Event<'a>>,
    ) {
        let mut text = String::new();
        for e in &inner {
            match e {
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                // GitHub reads the heading's text as the browser shows it.
                Event::SoftBreak | Event::HardBreak => text.push('\n'),
                _ => {}
            }
        }
        let base = match id {
            Some(id) => id.to_string(),
            None => {
                let s = heading_id(&text);
                if s.is_empty() {
                    "section".to_string()
                } else {
                    s
                }
            }
        };
        let id = self.ids.unique(base);
        let mut open = format!("<h{level} id=\"{}\"", escape(&id));
        if !classes.is_empty() {
            let classes: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
            let _ = write!(open, " class=\"{}\"", escape(&classes.join(" ")));
        }
        for (k, v) in &attrs {
            let _ = write!(
                open,
                " {}=\"{}\"",
                escape(k),
                escape(v.as_deref().unwrap_or(""))
            );
        }
        open.push('>');
        self.heading_marks.insert(self.out.len());
        self.out.push(Event::Html(open.into()));
        self.out.extend(inner);
        self.heading_marks.insert(self.out.len());
        self.out.push(Event::Html(
            format!(
                "<a class=\"anchor\" href=\"#{}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h{level}>\n",
                escape(&id)
            )
            .into(),
        ));
        self.toc.push(TocEntry {
            level,
            id,
            title: text.trim().to_string(),
        });
    }
}
