//! Headings: each gets a stable, unique id (from `{#id}` or a slug of its
//! text, never one the layout reserves), an anchor link, and a table of
//! contents entry. It does not decide how summaries show headings (see
//! `render_events` in the module root).

use std::fmt::Write as _;

use pulldown_cmark::{CowStr, Event};

use super::{Renderer, TocEntry, escape};
use crate::slug::slugify;

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
            if let Event::Text(t) | Event::Code(t) = e {
                text.push_str(t);
            }
        }
        let base = match id {
            Some(id) => id.to_string(),
            None => {
                let s = slugify(&text);
                if s.is_empty() {
                    "section".to_string()
                } else {
                    s
                }
            }
        };
        let id = self.unique_id(base);
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

    fn unique_id(&mut self, base: String) -> String {
        let n = self.ids.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            return base;
        }
        let mut k = *n - 1;
        loop {
            let candidate = format!("{base}-{k}");
            if !self.ids.contains_key(&candidate) {
                self.ids.insert(candidate.clone(), 1);
                return candidate;
            }
            k += 1;
        }
    }
}
