//! The plan as a timeline, tracked or not: every roadmap's sections that
//! say something of their own (a horizon, or a priority their parent does
//! not have) with the date window of their horizon, their priority and
//! their progress; "Now", the sections whose window holds today; and the
//! sections whose window has ended with nothing to be overdue in them.
//!
//! Windows come from each roadmap's resolved start ([`Roadmap::start`]);
//! a roadmap without one has rows without windows, never invented ones.
//! A section is "tracked" when it or a subsection holds a task.

use crate::content::roadmap::{Priority, Roadmap, Tally, Window};
use crate::date::Date;

use super::SectionRef;

/// One section on the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub section: usize,
    /// How deep under the roadmap's top row (0 for a top row).
    pub depth: u8,
    pub priority: Option<Priority>,
    /// The horizon's window (`None`: no start date, or no horizon).
    pub window: Option<Window>,
    /// Subsections included.
    pub tally: Tally,
    /// Whether another row of this roadmap lies under this one.
    pub has_children: bool,
}

/// One roadmap's rows, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    pub roadmap: usize,
    pub start: Option<Date>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// Roadmaps with at least one row, in the order given.
    pub lanes: Vec<Lane>,
    /// Innermost rows whose window holds today, highest priority first
    /// (then roadmap and document order).
    pub now: Vec<(SectionRef, Option<Priority>, Tally)>,
    /// Innermost rows whose window ended before today with no open or
    /// in-progress task in them because they hold no tasks at all.
    pub ended_untracked: Vec<SectionRef>,
    /// The earliest and latest day any window covers (open-ended windows
    /// count from their first day), with today; `None` without windows.
    pub span: Option<(Date, Date)>,
}

pub fn timeline(roadmaps: &[&Roadmap], today: Date) -> Timeline {
    let lanes: Vec<Lane> = roadmaps
        .iter()
        .enumerate()
        .map(|(ri, r)| lane(ri, r))
        .filter(|l| !l.rows.is_empty())
        .collect();
    let mut now = Vec::new();
    let mut ended_untracked = Vec::new();
    let mut span: Option<(Date, Date)> = None;
    let widen = |span: &mut Option<(Date, Date)>, d: Date| {
        *span = Some(match *span {
            Some((a, b)) => (a.min(d), b.max(d)),
            None => (d, d),
        });
    };
    for l in &lanes {
        for row in &l.rows {
            let Some(w) = row.window else { continue };
            widen(&mut span, w.from);
            if let Some(until) = w.until {
                widen(&mut span, until);
            }
            if row.has_children {
                continue;
            }
            let at = SectionRef {
                roadmap: l.roadmap,
                section: row.section,
            };
            let holds_today = w.from <= today && w.until.is_none_or(|u| today <= u);
            if holds_today {
                now.push((at, row.priority, row.tally));
            } else if w.until.is_some_and(|u| u < today) && row.tally.counted() == 0 {
                ended_untracked.push(at);
            }
        }
    }
    if span.is_some() {
        widen(&mut span, today);
    }
    now.sort_by_key(|(at, p, _)| {
        (
            std::cmp::Reverse(Priority::rank(*p)),
            at.roadmap,
            at.section,
        )
    });
    Timeline {
        lanes,
        now,
        ended_untracked,
        span,
    }
}

/// Whether section `s` (which has a horizon) says something its parent
/// does not: a horizon or a priority of its own.
fn own_plan(r: &Roadmap, s: usize) -> bool {
    let sec = &r.sections[s];
    sec.parent
        .map(|p| &r.sections[p])
        .is_none_or(|parent| sec.horizon != parent.horizon || sec.priority != parent.priority)
}

fn lane(ri: usize, r: &Roadmap) -> Lane {
    let tallies = r.section_tallies();
    let chosen: Vec<usize> = (0..r.sections.len())
        .filter(|&s| r.sections[s].horizon.is_some() && own_plan(r, s))
        .collect();
    let row_above = |s: usize| {
        let mut at = r.sections[s].parent;
        let mut depth = 0u8;
        while let Some(p) = at {
            if chosen.contains(&p) {
                depth = depth.saturating_add(1);
            }
            at = r.sections[p].parent;
        }
        depth
    };
    let rows = chosen
        .iter()
        .map(|&s| {
            let sec = &r.sections[s];
            Row {
                section: s,
                depth: row_above(s),
                priority: sec.priority,
                window: sec.horizon.as_ref().and_then(|h| r.window(h)),
                tally: tallies[s],
                has_children: chosen.iter().any(|&c| is_under(r, c, s)),
            }
        })
        .collect();
    Lane {
        roadmap: ri,
        start: r.start,
        rows,
    }
}

/// Whether section `c` lies (at any depth) under section `s`.
fn is_under(r: &Roadmap, c: usize, s: usize) -> bool {
    let mut at = r.sections[c].parent;
    while let Some(p) = at {
        if p == s {
            return true;
        }
        at = r.sections[p].parent;
    }
    false
}

#[cfg(test)]
mod tests;
