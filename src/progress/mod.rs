//! Roll-ups across roadmaps, for the private dashboard and `progress.json`:
//! progress overall, per roadmap, per priority and per horizon; overdue
//! objectives; "next up"; burn-up series ([`burnup`]).
//!
//! Works on roadmap models only (never on pages or templates), with the
//! counting rules of [`Tally`]. Priority and horizon groups count task
//! items only; notes (plain bullets) have neither.

pub mod burnup;
pub mod glance;

use crate::content::roadmap::{Entry, Overdue, Priority, Roadmap, Tally};
use crate::date::Date;
pub use burnup::Burnup;
pub use glance::{Glance, SectionRef};

/// How many "next up" objectives the dashboard lists.
pub const NEXT_UP_LIMIT: usize = 10;

/// One entry of one roadmap (indices into the roadmaps given to
/// [`compute`] and into that roadmap's entries).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ref {
    pub roadmap: usize,
    pub entry: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriorityGroup {
    pub priority: Option<Priority>,
    pub tally: Tally,
}

/// Objectives whose sections share a horizon window (in months after
/// their roadmap's start), or have none (`span: None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HorizonGroup {
    pub span: Span,
    pub tally: Tally,
}

impl HorizonGroup {
    pub fn label(&self) -> String {
        match self.span {
            Some((from, Some(to))) => format!("Months {from}–{to}"),
            Some((from, None)) => format!("Months {from}+"),
            None => "No horizon".to_string(),
        }
    }
}

/// One roadmap's numbers.
#[derive(Debug, Clone)]
pub struct RoadmapProgress {
    pub total: Tally,
    /// Per section, subsections included.
    pub sections: Vec<Tally>,
    pub by_priority: Vec<PriorityGroup>,
    pub by_horizon: Vec<HorizonGroup>,
    /// Entry indices, most overdue first.
    pub overdue: Vec<(usize, Overdue)>,
    pub burnup: Option<Burnup>,
}

/// Everything the dashboard shows.
#[derive(Debug, Clone)]
pub struct Progress {
    pub today: Date,
    pub overall: Tally,
    /// In the order the roadmaps were given.
    pub roadmaps: Vec<RoadmapProgress>,
    pub by_priority: Vec<PriorityGroup>,
    pub by_horizon: Vec<HorizonGroup>,
    /// Most overdue first.
    pub overdue: Vec<(Ref, Overdue)>,
    /// Open high-priority objectives of the nearest horizon, at most
    /// [`NEXT_UP_LIMIT`].
    pub next_up: Vec<Ref>,
    /// How many more there were.
    pub next_up_more: usize,
    pub burnup: Option<Burnup>,
    /// The first screen's figures and the reasons lists are empty.
    pub glance: Glance,
}

pub fn compute(roadmaps: &[&Roadmap], today: Date) -> Progress {
    let per: Vec<RoadmapProgress> = roadmaps.iter().map(|r| one(r, today)).collect();
    let mut overall = Tally::default();
    for p in &per {
        overall.merge(&p.total);
    }
    let tasks = || {
        roadmaps
            .iter()
            .flat_map(|r| r.entries.iter().filter(|e| e.task).map(move |e| (*r, e)))
    };
    let mut overdue: Vec<(Ref, Overdue)> = per
        .iter()
        .enumerate()
        .flat_map(|(ri, p)| {
            p.overdue
                .iter()
                .map(move |&(entry, o)| (Ref { roadmap: ri, entry }, o))
        })
        .collect();
    overdue.sort_by_key(|(r, o)| (o.date(), r.roadmap, r.entry));
    let (next_up, next_up_more) = next_up(roadmaps, today);
    Progress {
        today,
        overall,
        by_priority: by_priority(tasks()),
        by_horizon: by_horizon(tasks()),
        overdue,
        next_up,
        next_up_more,
        burnup: burnup::series(roadmaps, today),
        glance: glance::glance(roadmaps, today),
        roadmaps: per,
    }
}

fn one(r: &Roadmap, today: Date) -> RoadmapProgress {
    let tasks = || r.entries.iter().filter(|e| e.task).map(|e| (r, e));
    let mut overdue: Vec<(usize, Overdue)> = r
        .entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| r.overdue(e, today).map(|o| (i, o)))
        .collect();
    overdue.sort_by_key(|&(i, o)| (o.date(), i));
    RoadmapProgress {
        total: r.tally(),
        sections: r.section_tallies(),
        by_priority: by_priority(tasks()),
        by_horizon: by_horizon(tasks()),
        overdue,
        burnup: burnup::series(&[r], today),
    }
}

fn by_priority<'r>(tasks: impl Iterator<Item = (&'r Roadmap, &'r Entry)>) -> Vec<PriorityGroup> {
    let mut groups: Vec<PriorityGroup> = Vec::new();
    for (_, e) in tasks {
        match groups.iter_mut().find(|g| g.priority == e.priority) {
            Some(g) => g.tally.add(e.status),
            None => {
                let mut tally = Tally::default();
                tally.add(e.status);
                groups.push(PriorityGroup {
                    priority: e.priority,
                    tally,
                });
            }
        }
    }
    // Highest first; "no priority" is not a priority, so it comes last.
    groups.sort_by_key(|g| {
        (
            g.priority.is_none(),
            std::cmp::Reverse(Priority::rank(g.priority)),
        )
    });
    groups
}

/// A horizon window in months after the start (`None`: no horizon).
pub type Span = Option<(u32, Option<u32>)>;

fn span_of(r: &Roadmap, e: &Entry) -> Span {
    r.horizon_of(e).map(|h| (h.from_months, h.to_months))
}

/// Sort key: nearest first, open-ended after closed, no horizon last.
fn span_key(span: Span) -> (bool, u32, u32) {
    match span {
        Some((from, to)) => (false, from, to.unwrap_or(u32::MAX)),
        None => (true, 0, 0),
    }
}

fn by_horizon<'r>(tasks: impl Iterator<Item = (&'r Roadmap, &'r Entry)>) -> Vec<HorizonGroup> {
    let mut groups: Vec<HorizonGroup> = Vec::new();
    for (r, e) in tasks {
        let span = span_of(r, e);
        match groups.iter_mut().find(|g| g.span == span) {
            Some(g) => g.tally.add(e.status),
            None => {
                let mut tally = Tally::default();
                tally.add(e.status);
                groups.push(HorizonGroup { span, tally });
            }
        }
    }
    groups.sort_by_key(|g| span_key(g.span));
    groups
}

/// Open or in-progress objectives of high or highest priority that are not
/// overdue, in the nearest horizon that has any; soonest due first.
fn next_up(roadmaps: &[&Roadmap], today: Date) -> (Vec<Ref>, usize) {
    let high = Priority::rank(Some(Priority::High));
    let candidates: Vec<(Ref, &Entry, Span)> = roadmaps
        .iter()
        .enumerate()
        .flat_map(|(ri, r)| {
            r.entries.iter().enumerate().filter_map(move |(ei, e)| {
                let wanted = e.task
                    && e.status.is_pending()
                    && Priority::rank(e.priority) >= high
                    && r.overdue(e, today).is_none();
                wanted.then(|| {
                    (
                        Ref {
                            roadmap: ri,
                            entry: ei,
                        },
                        e,
                        span_of(r, e),
                    )
                })
            })
        })
        .collect();
    let Some(nearest) = candidates.iter().map(|c| span_key(c.2)).min() else {
        return (Vec::new(), 0);
    };
    let mut chosen: Vec<&(Ref, &Entry, _)> = candidates
        .iter()
        .filter(|c| span_key(c.2) == nearest)
        .collect();
    chosen.sort_by_key(|(r, e, _)| {
        (
            e.dates.due.is_none(),
            e.dates.due,
            std::cmp::Reverse(Priority::rank(e.priority)),
            r.roadmap,
            r.entry,
        )
    });
    let more = chosen.len().saturating_sub(NEXT_UP_LIMIT);
    let refs = chosen
        .into_iter()
        .take(NEXT_UP_LIMIT)
        .map(|c| c.0)
        .collect();
    (refs, more)
}

#[cfg(test)]
mod tests;
