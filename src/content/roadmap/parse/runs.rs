//! Runs of a roadmap item's events, as the walk in [`super`] needs them:
//! where an item's own text starts and ends ([`lead`]), its text as it
//! reads after the cuts already made, and the leading or trailing text
//! events that markers and metadata are cut from (and tags put back into).

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Events, Walk};
use crate::diagnostic::line_col;

impl Walk<'_, '_, '_> {
    /// Whether everything the item says is struck through.
    pub(super) fn struck_through(&self, from: usize, to: usize) -> bool {
        let (mut depth, mut inside, mut outside) = (0usize, false, false);
        for k in from..to {
            match &self.events[k].0 {
                Event::Start(Tag::Strikethrough) => depth += 1,
                Event::End(TagEnd::Strikethrough) => depth = depth.saturating_sub(1),
                Event::Text(_) | Event::Code(_) if !self.text(k).trim().is_empty() => {
                    if depth > 0 {
                        inside = true;
                    } else {
                        outside = true;
                    }
                }
                _ => {}
            }
        }
        inside && !outside
    }

    /// The current text of event `k` (after cuts).
    pub(super) fn text(&self, k: usize) -> &str {
        if let Some(t) = &self.layout.texts[k] {
            return t;
        }
        match &self.events[k].0 {
            Event::Text(t) | Event::Code(t) => t,
            _ => "",
        }
    }

    /// Text and code of `from..to`, whitespace collapsed.
    pub(super) fn plain_text(&self, from: usize, to: usize) -> String {
        let mut s = String::new();
        for k in from..to {
            match &self.events[k].0 {
                Event::Text(_) | Event::Code(_) => s.push_str(self.text(k)),
                Event::SoftBreak | Event::HardBreak => s.push(' '),
                _ => {}
            }
        }
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    pub(super) fn is_text(&self, k: usize) -> bool {
        matches!(self.events[k].0, Event::Text(_))
    }

    /// The text events opening `from..to`.
    pub(super) fn leading_run(&self, from: usize, to: usize) -> Vec<usize> {
        (from..to).take_while(|&k| self.is_text(k)).collect()
    }

    /// The text events closing `from..to`, in order.
    pub(super) fn trailing_run(&self, from: usize, to: usize) -> Vec<usize> {
        let mut run: Vec<usize> = (from..to).rev().take_while(|&k| self.is_text(k)).collect();
        run.reverse();
        run
    }

    pub(super) fn join(&self, run: &[usize]) -> String {
        run.iter().map(|&k| self.text(k)).collect()
    }

    /// Removes `n` bytes from the start of a run of text events.
    pub(super) fn cut_start(&mut self, run: &[usize], mut n: usize) {
        for &k in run {
            if n == 0 {
                break;
            }
            let t = self.text(k);
            let take = n.min(t.len());
            let rest = t[take..].to_string();
            self.layout.texts[k] = Some(rest);
            n -= take;
        }
    }

    /// Adds ` words` after the last non-empty text of a run (a task's
    /// tags, put back after its description); into an emptied run, with a
    /// space first when `spaced` (the run follows other inline content).
    pub(super) fn append(&mut self, run: &[usize], words: &str, spaced: bool) {
        let Some(&k) = run
            .iter()
            .rev()
            .find(|&&k| !self.text(k).is_empty())
            .or(run.first())
        else {
            return;
        };
        let t = self.text(k);
        let joined = if t.trim().is_empty() && !spaced {
            format!("{t}{words}")
        } else if t.trim().is_empty() {
            format!(" {words}")
        } else {
            format!("{t} {words}")
        };
        self.layout.texts[k] = Some(joined);
    }

    /// Removes `n` bytes from the end of a run of text events.
    pub(super) fn cut_end(&mut self, run: &[usize], mut n: usize) {
        for &k in run.iter().rev() {
            if n == 0 {
                break;
            }
            let t = self.text(k);
            let take = n.min(t.len());
            let rest = t[..t.len() - take].to_string();
            self.layout.texts[k] = Some(rest);
            n -= take;
        }
    }

    /// File line and column of a byte offset in the body.
    pub(super) fn position(&self, offset: usize) -> (usize, usize) {
        let line_index = self.line_starts.partition_point(|&s| s <= offset);
        let line_start = self.line_starts[line_index.saturating_sub(1)];
        let (_, col) = line_col(&self.body[line_start..], offset - line_start);
        let line = line_index.max(1);
        (line + self.ctx.body_line - 1, col)
    }

    pub(super) fn line_of(&self, offset: usize) -> usize {
        self.position(offset).0
    }
}

/// The events of an item's own text: after `Start(Item)` (and the
/// `Start(Paragraph)` of a loose item), up to the first block inside it or
/// its end. Returns `(first, end)`.
pub(super) fn lead(events: &Events<'_>, i: usize) -> (usize, usize) {
    let mut first = i + 1;
    if matches!(events.get(first), Some((Event::Start(Tag::Paragraph), _))) {
        first += 1;
    }
    let mut depth = 0usize;
    let mut k = first;
    while k < events.len() {
        match &events[k].0 {
            Event::Start(tag) if is_inline(tag) => depth += 1,
            Event::End(tag) if is_inline_end(*tag) => depth = depth.saturating_sub(1),
            Event::Start(_) | Event::End(_) | Event::Html(_) if depth == 0 => break,
            _ => {}
        }
        k += 1;
    }
    (first, k)
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}
