//! From a roadmap body's pulldown-cmark events to the model: one walk that
//! turns headings into sections and list items into entries, and notes
//! where the events must change for the page ([`Layout`]: task markers to
//! remove, texts to cut, where items and headings start and end).
//!
//! Structure comes from the events only (task markers, list nesting,
//! strikethrough, paragraphs); [`super::inline`] reads the words of one
//! item or line (the checkbox symbol, whose meaning the site's
//! [`TaskStatuses`] give), [`super::fields`] a task's Obsidian Tasks
//! metadata, [`super::horizon`] the words of one heading, and
//! [`super::not_tasks`] words the walk warns about. `runs` holds the
//! helpers over runs of text events.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};

use super::{
    Cookie, Entry, Horizon, LeadIn, Priority, Roadmap, Section, Settings, StartFrom, Status,
};
use super::{fields, horizon, inline, not_tasks};
use crate::config::tasks::{TaskKind, TaskStatuses};
use crate::diagnostic::Diagnostic;
use crate::markdown;
use runs::lead;

/// Where the events of the body change on the roadmap page.
#[derive(Debug, Default)]
pub struct Layout {
    /// Per section: index of its `End(Heading)` event.
    pub heading_ends: Vec<usize>,
    /// Per entry, in the same order as the model's entries.
    pub entries: Vec<EntryLayout>,
    /// Per event: the new text of a text event whose text changes
    /// (markers and metadata cut off).
    pub texts: Vec<Option<String>>,
    /// `TaskListMarker` events, replaced by status chips.
    pub markers: Vec<usize>,
    /// One-line `Priority: HIGH` paragraphs, shown as a chip instead.
    pub priority_lines: Vec<PriorityLine>,
}

/// A paragraph that is one `Priority:` line: its `Start` and `End` event
/// indices, the priority, and the words after it (`Critical for the CV`).
#[derive(Debug, Clone)]
pub struct PriorityLine {
    pub start: usize,
    pub end: usize,
    pub priority: super::Priority,
    pub rest: String,
}

/// Event indices of one list item.
#[derive(Debug, Default, Clone, Copy)]
pub struct EntryLayout {
    /// `Start(Item)`.
    pub start: usize,
    /// `End(Item)`.
    pub end: usize,
    /// The first event of the item's own text (after any marker).
    pub lead_first: usize,
    /// One past its last event.
    pub lead_end: usize,
}

mod runs;

type Events<'a> = [(Event<'a>, Range<usize>)];

struct Walk<'e, 'a, 'c> {
    events: &'e Events<'a>,
    body: &'a str,
    ctx: &'c markdown::Context<'c>,
    statuses: &'c TaskStatuses,
    sections: Vec<Section>,
    own_priority: Vec<Option<Priority>>,
    own_horizon: Vec<Option<Horizon>>,
    entries: Vec<Entry>,
    layout: Layout,
    diags: Vec<Diagnostic>,
    /// A `Priority:` line before the first heading.
    preamble_priority: Option<Priority>,
    /// Open headings, innermost last.
    heading_stack: Vec<usize>,
    /// Open list items (entry indices), innermost last.
    item_stack: Vec<usize>,
    /// Byte offset where each line of the body starts.
    line_starts: Vec<usize>,
    lead_ins: Vec<LeadIn>,
    /// A lead-in paragraph waiting for the list right after it.
    pending_lead_in: Option<usize>,
    /// The lead-in of the top-level list being read.
    list_lead_in: Option<usize>,
}

pub fn parse(
    events: &Events<'_>,
    body: &str,
    ctx: &markdown::Context<'_>,
    settings: &Settings,
    statuses: &TaskStatuses,
) -> (Roadmap, Layout, Vec<Diagnostic>) {
    let mut w = Walk {
        events,
        body,
        ctx,
        statuses,
        sections: Vec::new(),
        own_priority: Vec::new(),
        own_horizon: Vec::new(),
        entries: Vec::new(),
        layout: Layout {
            texts: vec![None; events.len()],
            ..Layout::default()
        },
        diags: Vec::new(),
        preamble_priority: None,
        heading_stack: Vec::new(),
        item_stack: Vec::new(),
        line_starts: std::iter::once(0)
            .chain(body.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
        lead_ins: Vec::new(),
        pending_lead_in: None,
        list_lead_in: None,
    };
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(Tag::Heading { level, .. }) => {
                w.pending_lead_in = None;
                i = w.heading(i, *level as u8);
            }
            Event::Start(Tag::Item) => w.item(i),
            Event::End(TagEnd::Item) => {
                if let Some(e) = w.item_stack.pop() {
                    w.layout.entries[e].end = i;
                }
            }
            Event::Start(Tag::List(_)) if w.item_stack.is_empty() => {
                w.list_lead_in = w.pending_lead_in.take();
            }
            Event::End(TagEnd::List(_)) if w.item_stack.is_empty() => w.list_lead_in = None,
            Event::Start(Tag::Paragraph) if w.item_stack.is_empty() => i = w.paragraph(i),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => {
                if w.item_stack.is_empty() {
                    w.pending_lead_in = None;
                }
                w.indented_code(i);
            }
            // Any other block between a lead-in and a list parts them.
            Event::Start(_) | Event::Rule | Event::Html(_) if w.item_stack.is_empty() => {
                w.pending_lead_in = None;
            }
            _ => {}
        }
        i += 1;
    }
    w.finish(settings)
}

impl<'a> Walk<'_, 'a, '_> {
    /// Reads the heading starting at `i`; returns the index of its end.
    fn heading(&mut self, i: usize, level: u8) -> usize {
        let end = (i + 1..self.events.len())
            .find(|&k| matches!(self.events[k].0, Event::End(TagEnd::Heading(_))))
            .unwrap_or(self.events.len());
        let run = self.trailing_run(i + 1, end);
        let joined = self.join(&run);
        let trimmed = joined.trim_end();
        let cookie = cookie_at_end(trimmed).map(|(cookie, at)| {
            self.cut_end(&run, joined.len() - trimmed[..at].trim_end().len());
            cookie
        });
        let title = self.plain_text(i + 1, end);
        while let Some(&top) = self.heading_stack.last() {
            if self.sections[top].level >= level {
                self.heading_stack.pop();
            } else {
                break;
            }
        }
        let index = self.sections.len();
        self.own_horizon.push(horizon::parse(&title));
        self.own_priority.push(None);
        self.sections.push(Section {
            title,
            id: String::new(),
            level,
            parent: self.heading_stack.last().copied(),
            line: self.line_of(self.events[i].1.start),
            priority: None,
            horizon: None,
            cookie,
        });
        self.heading_stack.push(index);
        self.layout.heading_ends.push(end);
        end
    }

    /// Reads the list item starting at `i` into an entry.
    fn item(&mut self, i: usize) {
        let (mut first, lead_end) = lead(self.events, i);
        let mut kind = None;
        if let Some((Event::TaskListMarker(_), range)) = self.events.get(first)
            && first < lead_end
        {
            // The symbol as written: `[x]`, `[X]` or `[ ]`.
            let symbol = self.body[range.clone()].chars().nth(1).unwrap_or(' ');
            kind = Some(self.statuses.kind(symbol));
            self.layout.markers.push(first);
            first += 1;
        } else {
            let run = self.leading_run(first, lead_end);
            let joined = self.join(&run);
            if let Some((symbol, len)) = inline::status_prefix(&joined) {
                kind = Some(self.statuses.kind(symbol));
                self.cut_start(&run, len);
            } else if let Some(written) = inline::false_checkbox(&joined) {
                let (line, col) = self.position(self.events[first].1.start);
                self.diags
                    .push(not_tasks::false_checkbox(self.ctx, written, line, col));
            }
        }
        let (task, mut status) = match kind {
            None | Some(TaskKind::NotATask) => (false, Status::Note),
            Some(TaskKind::Todo) => (true, Status::Open),
            Some(TaskKind::InProgress) => (true, Status::InProgress),
            Some(TaskKind::Done) => (true, Status::Done),
            Some(TaskKind::Cancelled) => (true, Status::Cancelled),
        };
        let mut fields = fields::Fields::default();
        if task {
            let run = self.trailing_run(first, lead_end);
            let joined = self.join(&run);
            let (keep, found, errors) = fields::split_fields(&joined);
            if keep < joined.len() {
                self.cut_end(&run, joined.len() - keep);
                if !found.tags.is_empty() {
                    // After `**Plan**`, the tags need a space of their own.
                    let after_markup = run.first().is_some_and(|&k| k > first);
                    self.append(&run, &found.tags, after_markup);
                }
            }
            fields = found;
            let item_range = self.events[i].1.clone();
            if let Some(field) = not_tasks::buried_date(&joined[..keep]) {
                let offset = self.body[item_range.clone()]
                    .find(field)
                    .map_or(item_range.start, |o| item_range.start + o);
                let (line, col) = self.position(offset);
                self.diags
                    .push(not_tasks::buried_date_warning(self.ctx, field, line, col));
            }
            for e in errors {
                let offset = self.body[item_range.clone()]
                    .rfind(&e.text)
                    .map_or(item_range.start, |o| item_range.start + o);
                let (line, col) = self.position(offset);
                self.diags.push(
                    Diagnostic::error("roadmap-field", self.ctx.source, e.message)
                        .at_in(self.ctx.file_text, line, col)
                        .hint("write task dates as in Obsidian Tasks, a real day in the form YYYY-MM-DD: `📅 2026-06-30` or `[due:: 2026-06-30]`"),
                );
            }
        }
        // Strike-through drops an item, unless it is marked done or
        // cancelled: an explicit mark says what the author meant.
        if self.struck_through(first, lead_end)
            && !(task && matches!(status, Status::Done | Status::Cancelled))
        {
            status = Status::Dropped;
        }
        let parent = self.item_stack.last().copied();
        if let Some(p) = parent {
            match self.entries[p].status {
                Status::Dropped => status = Status::Dropped,
                Status::Cancelled if task && status != Status::Dropped => {
                    status = Status::Cancelled
                }
                _ => {}
            }
        }
        let index = self.entries.len();
        self.entries.push(Entry {
            text: self.plain_text(first, lead_end),
            status,
            task,
            section: self.sections.len().checked_sub(1),
            parent,
            depth: self.item_stack.len().min(usize::from(u8::MAX)) as u8,
            line: self.line_of(self.events[i].1.start),
            own_priority: fields.priority,
            priority: None,
            dates: fields.dates,
            meta: fields.meta,
            lead_in: self.list_lead_in,
        });
        self.layout.entries.push(EntryLayout {
            start: i,
            end: i,
            lead_first: first,
            lead_end,
        });
        self.item_stack.push(index);
    }

    /// An indented code block holding task lines: a checklist indented
    /// four spaces where a list was meant.
    fn indented_code(&mut self, i: usize) {
        let mut code = String::new();
        for (event, _) in &self.events[i + 1..] {
            match event {
                Event::Text(t) => code.push_str(t),
                _ => break,
            }
        }
        let tasks = not_tasks::task_lines(&code);
        if tasks > 0 {
            // At the indentation, which is what turned the list into code.
            let (line, _) = self.position(self.events[i].1.start);
            self.diags
                .push(not_tasks::indented_checklist(self.ctx, tasks, line, 1));
        }
    }

    /// A paragraph outside lists: a `Priority:` line sets its section's
    /// priority (the first one counts); a one-line label ending in a colon
    /// is the lead-in of a list right after it. Returns the index of the
    /// paragraph's end.
    fn paragraph(&mut self, i: usize) -> usize {
        let mut lines = vec![String::new()];
        let mut end = self.events.len();
        for (k, (event, _)) in self.events.iter().enumerate().skip(i + 1) {
            match event {
                Event::End(TagEnd::Paragraph) => {
                    end = k;
                    break;
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some(last) = lines.last_mut() {
                        last.push_str(t);
                    }
                }
                Event::SoftBreak | Event::HardBreak => lines.push(String::new()),
                _ => {}
            }
        }
        self.pending_lead_in = match lines.as_slice() {
            [one] => lead_in_text(one).map(|text| {
                let line = self.line_of(self.events[i].1.start);
                self.lead_ins.push(LeadIn { text, line });
                self.lead_ins.len() - 1
            }),
            _ => None,
        };
        if let [one] = lines.as_slice()
            && let Some(Ok(priority)) = inline::priority_line(one)
        {
            self.layout.priority_lines.push(PriorityLine {
                start: i,
                end,
                priority,
                rest: inline::priority_rest(one).to_string(),
            });
        }
        for line in lines {
            match inline::priority_line(&line) {
                None => {}
                Some(Ok(p)) => {
                    let slot = match self.sections.len().checked_sub(1) {
                        Some(s) => &mut self.own_priority[s],
                        None => &mut self.preamble_priority,
                    };
                    slot.get_or_insert(p);
                }
                Some(Err(word)) => {
                    let (line, col) = self.position(self.events[i].1.start);
                    self.diags.push(
                        Diagnostic::warning(
                            "roadmap-priority",
                            self.ctx.source,
                            format!("`Priority: {word}` is not a priority folio knows; the line is ignored"),
                        )
                        .at_in(self.ctx.file_text, line, col)
                        .hint("write `Priority: HIGH`, `MEDIUM` or `LOW` (or highest, lowest)"),
                    );
                }
            }
        }
        end
    }

    /// Inheritance (priority and horizon flow down to subsections, priority
    /// on to entries), the start date, and the whole-roadmap diagnostics.
    fn finish(mut self, settings: &Settings) -> (Roadmap, Layout, Vec<Diagnostic>) {
        let mut default = self.preamble_priority;
        if let Some((word, line)) = &settings.priority {
            match inline::priority_word(word) {
                Some(p) => default = Some(p),
                None => self.diags.push(
                    Diagnostic::error(
                        "front-matter-type",
                        self.ctx.source,
                        format!("`priority`: `{word}` is not a priority"),
                    )
                    .at_in(self.ctx.file_text, *line, 1)
                    .hint("write priority: high (or highest, medium, low, lowest)"),
                ),
            }
        }
        let first_horizon = self.own_horizon.iter().position(Option::is_some);
        for s in 0..self.sections.len() {
            let parent = self.sections[s].parent;
            let inherited_priority = parent.map_or(default, |p| self.sections[p].priority);
            let inherited_horizon = parent.and_then(|p| self.sections[p].horizon.clone());
            let section = &mut self.sections[s];
            section.priority = self.own_priority[s].or(inherited_priority);
            section.horizon = self.own_horizon[s].take().or(inherited_horizon);
        }
        for e in &mut self.entries {
            let section_priority = e.section.map_or(default, |s| self.sections[s].priority);
            e.priority = e.own_priority.or(section_priority);
        }
        let (start, start_from) = match (settings.start, settings.date) {
            (Some(d), _) => (Some(d), Some(StartFrom::Start)),
            (None, Some(d)) => (Some(d), Some(StartFrom::Date)),
            (None, None) => (None, None),
        };
        if start.is_none()
            && let Some(s) = first_horizon
        {
            let section = &self.sections[s];
            let label = section.horizon.as_ref().map_or("", |h| h.label.as_str());
            self.diags.push(
                Diagnostic::warning(
                    "roadmap-start",
                    self.ctx.source,
                    format!("horizon `{label}` has no dates: the roadmap has no `start` (or `date`) in its front matter"),
                )
                .at_in(self.ctx.file_text, section.line, 1)
                .hint("add `start: YYYY-MM-DD` (when the plan began) to the front matter; until then no horizon makes an objective overdue"),
            );
        }
        let roadmap = Roadmap {
            start,
            start_from,
            public_items: settings.public_items,
            sections: self.sections,
            entries: self.entries,
            lead_ins: self.lead_ins,
        };
        (roadmap, self.layout, self.diags)
    }
}

/// The label of a lead-in paragraph: one short line ending in a colon
/// (`Objectives:`; bold or not, since this is plain text), without it.
fn lead_in_text(line: &str) -> Option<String> {
    let label = line.trim().strip_suffix(':')?.trim_end();
    (!label.is_empty() && label.chars().count() <= 60).then(|| label.to_string())
}

/// An org-mode cookie ending `s` (`[/]`, `[%]`, or an old `[2/5]`, `[40%]`):
/// the kind and where it starts.
fn cookie_at_end(s: &str) -> Option<(Cookie, usize)> {
    let inner_end = s.strip_suffix(']')?;
    let open = inner_end.rfind('[')?;
    let inner = &inner_end[open + 1..];
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let cookie = if let Some(pct) = inner.strip_suffix('%') {
        digits(pct).then_some(Cookie::Percent)?
    } else if let Some((a, b)) = inner.split_once('/') {
        (digits(a) && digits(b)).then_some(Cookie::Fraction)?
    } else {
        return None;
    };
    Some((cookie, open))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_old_and_new() {
        assert_eq!(cookie_at_end("Plan [/]"), Some((Cookie::Fraction, 5)));
        assert_eq!(cookie_at_end("Plan [%]"), Some((Cookie::Percent, 5)));
        assert_eq!(cookie_at_end("Plan [2/5]"), Some((Cookie::Fraction, 5)));
        assert_eq!(cookie_at_end("Plan [40%]"), Some((Cookie::Percent, 5)));
        assert_eq!(cookie_at_end("Plan [x]"), None);
        assert_eq!(cookie_at_end("Plan"), None);
    }
}
