//! Roadmaps as data: the model folio reads out of an ordinary markdown
//! roadmap — a tree of sections from the headings, and an entry for every
//! list item (objectives from task items, plain bullets kept as notes) —
//! plus the counts that follow from it.
//!
//! [`load`] parses a roadmap's body once ([`parse`]), then renders it with
//! the usual markdown renderer on an event stream [`decorate`]d with status
//! chips, metadata chips, filled-in progress cookies and section progress
//! bars. Cross-roadmap roll-ups (dashboard, burn-up) live in
//! [`crate::progress`]; who may see what lives in [`crate::content::view`].
//!
//! Counting rules, in one place ([`Tally`]): progress is
//! done / (open + in progress + done), i.e. all task items minus cancelled
//! and dropped ones. Every task item counts once, nested or not; a nested
//! item belongs to its parent item and is dropped (or cancelled) with it.
//! Plain bullets are notes: shown, never counted.

mod decorate;
mod fields;
mod horizon;
mod inline;
mod lint;
mod not_tasks;
mod parse;

use std::ops::Range;

use pulldown_cmark::{Event, Parser};
use serde::Serialize;

use crate::calendar;
use crate::config::tasks::TaskStatuses;
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, Rendered};

pub use decorate::cookie_text;
pub use horizon::Horizon;
pub use lint::PlainList;

/// What the front matter says about a roadmap.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub start: Option<Date>,
    pub date: Option<Date>,
    pub public_items: bool,
    /// `priority:` as written, with its file line; validated here.
    pub priority: Option<(String, usize)>,
}

/// Where a roadmap's start date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StartFrom {
    /// `start:` in the front matter.
    Start,
    /// `date:` in the front matter.
    Date,
    /// The commit that added the file ([`crate::history`]).
    History,
}

#[derive(Debug, Clone)]
pub struct Roadmap {
    /// Horizons turn into date windows from here.
    pub start: Option<Date>,
    pub start_from: Option<StartFrom>,
    /// Whether the public "Now" page may show objective texts.
    pub public_items: bool,
    /// Every heading of the body, in document order; parents come first.
    pub sections: Vec<Section>,
    /// Every list item, in document order; parents come first.
    pub entries: Vec<Entry>,
    /// Short paragraphs ending in a colon that introduce a list
    /// (`**Objectives:**`), in document order.
    pub lead_ins: Vec<LeadIn>,
}

/// A label paragraph right before a top-level list: `**Objectives:**`,
/// `Action items:`. It is part of the body; the model only remembers it so
/// checks can tell what the list is meant to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadIn {
    /// Plain text, without the colon.
    pub text: String,
    /// File line of the paragraph.
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Section {
    /// Plain text of the heading, without its progress cookie.
    pub title: String,
    /// The heading's id in the rendered body.
    pub id: String,
    pub level: u8,
    pub parent: Option<usize>,
    /// File line of the heading.
    pub line: usize,
    /// From a `Priority:` line in this section, else inherited from the
    /// section above, else the roadmap's `priority:`.
    pub priority: Option<Priority>,
    /// From the heading, else inherited from the section above.
    pub horizon: Option<Horizon>,
    pub cookie: Option<Cookie>,
}

/// An org-mode progress cookie on a heading, filled in on output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cookie {
    /// `[/]` → `[2/5]`
    Fraction,
    /// `[%]` → `[40%]`
    Percent,
}

#[derive(Debug, Clone)]
pub struct Entry {
    /// Plain text, without task marker and metadata.
    pub text: String,
    /// Effective status (a child of a dropped item is dropped, a task under
    /// a cancelled one is cancelled).
    pub status: Status,
    /// Written as a task (`[ ]`, `[x]`, `[/]`, `[-]`, or any other symbol
    /// `site.toml` does not make "not a task").
    pub task: bool,
    pub section: Option<usize>,
    /// The list item this one is nested in.
    pub parent: Option<usize>,
    /// 0 for a top-level item.
    pub depth: u8,
    /// File line of the item.
    pub line: usize,
    /// From the item (`⏫`, `[priority:: high]`).
    pub own_priority: Option<Priority>,
    /// The item's own, else its section's.
    pub priority: Option<Priority>,
    pub dates: Dates,
    /// Recurrence, dependencies and the other Tasks fields folio shows.
    pub meta: TaskMeta,
    /// The lead-in of the top-level list this item is in (index into
    /// [`Roadmap::lead_ins`]).
    pub lead_in: Option<usize>,
}

/// Obsidian Tasks dates of one item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dates {
    /// `📅`
    pub due: Option<Date>,
    /// `✅`
    pub done: Option<Date>,
    /// `🛫`
    pub start: Option<Date>,
    /// `⏳`
    pub scheduled: Option<Date>,
    /// `❌`
    pub cancelled: Option<Date>,
    /// `➕`
    pub created: Option<Date>,
}

/// The Obsidian Tasks fields of one item that are not dates or priority.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskMeta {
    /// `🔁 every week on Monday`, the rule as written.
    pub recurrence: Option<String>,
    /// `🏁 keep` or `🏁 delete`.
    pub on_completion: Option<String>,
    /// `🆔 abc123`.
    pub id: Option<String>,
    /// `⛔ abc123,def456`.
    pub depends_on: Vec<String>,
    /// `^block-id`, as written.
    pub block_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    InProgress,
    Done,
    Cancelled,
    Dropped,
    /// A plain bullet: shown, not counted.
    Note,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::InProgress => "in-progress",
            Status::Done => "done",
            Status::Cancelled => "cancelled",
            Status::Dropped => "dropped",
            Status::Note => "note",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Open => "Open",
            Status::InProgress => "In progress",
            Status::Done => "Done",
            Status::Cancelled => "Cancelled",
            Status::Dropped => "Dropped",
            Status::Note => "Note",
        }
    }

    /// Still to do: open or in progress.
    pub fn is_pending(self) -> bool {
        matches!(self, Status::Open | Status::InProgress)
    }

    /// Part of the objectives progress is measured against (of a task).
    pub fn counted(self) -> bool {
        matches!(self, Status::Open | Status::InProgress | Status::Done)
    }
}

/// The Obsidian Tasks priorities; "no priority" sits between medium and low.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    Highest,
    High,
    Medium,
    Low,
    Lowest,
}

impl Priority {
    pub fn key(self) -> &'static str {
        match self {
            Priority::Highest => "highest",
            Priority::High => "high",
            Priority::Medium => "medium",
            Priority::Low => "low",
            Priority::Lowest => "lowest",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Priority::Highest => "Highest",
            Priority::High => "High",
            Priority::Medium => "Medium",
            Priority::Low => "Low",
            Priority::Lowest => "Lowest",
        }
    }

    /// Higher is more urgent; `None` (no priority) ranks 2.
    pub fn rank(p: Option<Priority>) -> u8 {
        match p {
            Some(Priority::Highest) => 5,
            Some(Priority::High) => 4,
            Some(Priority::Medium) => 3,
            None => 2,
            Some(Priority::Low) => 1,
            Some(Priority::Lowest) => 0,
        }
    }
}

/// Counts of entries by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub open: usize,
    pub in_progress: usize,
    pub done: usize,
    pub cancelled: usize,
    pub dropped: usize,
    pub notes: usize,
}

impl Tally {
    pub fn add(&mut self, status: Status) {
        match status {
            Status::Open => self.open += 1,
            Status::InProgress => self.in_progress += 1,
            Status::Done => self.done += 1,
            Status::Cancelled => self.cancelled += 1,
            Status::Dropped => self.dropped += 1,
            Status::Note => self.notes += 1,
        }
    }

    pub fn merge(&mut self, other: &Tally) {
        self.open += other.open;
        self.in_progress += other.in_progress;
        self.done += other.done;
        self.cancelled += other.cancelled;
        self.dropped += other.dropped;
        self.notes += other.notes;
    }

    /// The objectives progress is measured against: all tasks minus the
    /// cancelled and dropped ones.
    pub fn counted(&self) -> usize {
        self.open + self.in_progress + self.done
    }

    /// Whole percent done, rounded down (100 only when everything is done);
    /// `None` without counted objectives.
    pub fn percent(&self) -> Option<usize> {
        let counted = self.counted();
        (counted > 0).then(|| self.done * 100 / counted)
    }
}

/// A horizon as dates: `from` to `until`, both inclusive; `until` is `None`
/// for an open-ended horizon ("18+ months").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: Date,
    pub until: Option<Date>,
}

/// Why an entry is overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overdue {
    /// Its `📅` due date has passed.
    Due(Date),
    /// The horizon window of its section ended on this day.
    Horizon(Date),
}

impl Overdue {
    pub fn date(self) -> Date {
        match self {
            Overdue::Due(d) | Overdue::Horizon(d) => d,
        }
    }
}

impl Roadmap {
    /// Counts over the whole roadmap.
    pub fn tally(&self) -> Tally {
        let mut t = Tally::default();
        for e in &self.entries {
            t.add(e.status);
        }
        t
    }

    /// Counts per section, each including its subsections.
    pub fn section_tallies(&self) -> Vec<Tally> {
        let mut own = vec![Tally::default(); self.sections.len()];
        for e in &self.entries {
            if let Some(s) = e.section {
                own[s].add(e.status);
            }
        }
        // Children come after their parents: fold from the end.
        for i in (0..self.sections.len()).rev() {
            if let Some(p) = self.sections[i].parent {
                let child = own[i];
                own[p].merge(&child);
            }
        }
        own
    }

    /// The horizon an entry falls under (its section's).
    pub fn horizon_of(&self, e: &Entry) -> Option<&Horizon> {
        e.section.and_then(|s| self.sections[s].horizon.as_ref())
    }

    /// A horizon's dates, when the roadmap has a start.
    pub fn window(&self, h: &Horizon) -> Option<Window> {
        let start = self.start?;
        Some(Window {
            from: calendar::add_months(start, h.from_months),
            until: h
                .to_months
                .map(|m| calendar::add_days(calendar::add_months(start, m), -1)),
        })
    }

    /// Whether a pending objective is overdue on `today`: its due date has
    /// passed, or its horizon window has ended. The due date wins.
    pub fn overdue(&self, e: &Entry, today: Date) -> Option<Overdue> {
        if !(e.task && e.status.is_pending()) {
            return None;
        }
        if let Some(due) = e.dates.due {
            return (due < today).then_some(Overdue::Due(due));
        }
        let until = self.horizon_of(e).and_then(|h| self.window(h))?.until?;
        (until < today).then_some(Overdue::Horizon(until))
    }

    /// What an entry waits for (`⛔`), by name: the text of the task in
    /// this roadmap with that `🆔`, else the id as written (Tasks' ids
    /// may name a task in another note).
    pub fn dependencies(&self, e: &Entry) -> Vec<String> {
        e.meta
            .depends_on
            .iter()
            .map(|id| {
                self.entries
                    .iter()
                    .find(|o| o.meta.id.as_ref() == Some(id) && !o.text.is_empty())
                    .map_or_else(|| id.clone(), |o| o.text.clone())
            })
            .collect()
    }

    /// The same roadmap with every entry's text removed: what the public
    /// site gets unless the front matter says `public_items: true`.
    pub fn without_item_text(&self) -> Roadmap {
        let mut r = self.clone();
        for e in &mut r.entries {
            e.text = String::new();
            e.meta = TaskMeta::default();
        }
        r
    }
}

/// Parses a roadmap body and renders it: the model, the rendered body
/// (decorated), and every diagnostic (markdown's and the roadmap's).
/// `statuses` says what each checkbox symbol means (`site.toml`).
pub fn load(
    body: &str,
    ctx: &markdown::Context<'_>,
    settings: &Settings,
    statuses: &TaskStatuses,
    today: Date,
) -> (Roadmap, Rendered, Vec<Diagnostic>) {
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(body, markdown::options())
        .into_offset_iter()
        .collect();
    let (mut roadmap, layout, mut diags) = parse::parse(&events, body, ctx, settings, statuses);
    let tallies = roadmap.section_tallies();
    let decorated = decorate::decorate(events, &roadmap, &layout, &tallies, today);
    let (rendered, render_diags) = markdown::render_events(body, decorated.into_iter(), ctx);
    // Every heading is a section and gets one toc entry, in the same order.
    for (section, entry) in roadmap.sections.iter_mut().zip(rendered.toc.iter()) {
        section.id = entry.id.clone();
    }
    diags.extend(render_diags);
    (roadmap, rendered, diags)
}

#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
mod tests_tasks;
