//! The dashboard's first screen in numbers: objectives done in the last
//! 30 and 90 days, the next due date, and why "Overdue" or "Next up" can
//! be empty (roadmaps with horizons but no start date; high-priority
//! sections that have no tasks yet).
//!
//! Only facts the content states are used: an objective counts as done
//! in a window only with a done date.

use crate::calendar;
use crate::content::roadmap::{Priority, Roadmap};
use crate::date::Date;

use super::Ref;

/// One section of one roadmap (indices into the roadmaps and their
/// sections).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionRef {
    pub roadmap: usize,
    pub section: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glance {
    /// Objectives with a done date in the 30 (90) days up to today.
    pub done_last_30: usize,
    pub done_last_90: usize,
    /// The open objective due soonest, today or later.
    pub next_due: Option<(Ref, Date)>,
    /// Roadmaps that name horizons but have no start date (so nothing in
    /// them can be overdue by its horizon).
    pub undated: Vec<usize>,
    /// High or highest priority sections with no tasks in them or below,
    /// outermost only, in document order.
    pub untracked_high: Vec<SectionRef>,
}

pub fn glance(roadmaps: &[&Roadmap], today: Date) -> Glance {
    let done_within = |days: i64| {
        let from = calendar::add_days(today, -(days - 1));
        roadmaps
            .iter()
            .flat_map(|r| r.entries.iter())
            .filter(|e| e.task && e.status == crate::content::roadmap::Status::Done)
            .filter_map(|e| e.dates.done)
            .filter(|&d| d >= from && d <= today)
            .count()
    };
    let next_due = roadmaps
        .iter()
        .enumerate()
        .flat_map(|(ri, r)| {
            r.entries.iter().enumerate().filter_map(move |(ei, e)| {
                let due = e.dates.due.filter(|&d| d >= today)?;
                (e.task && e.status.is_pending()).then_some((
                    Ref {
                        roadmap: ri,
                        entry: ei,
                    },
                    due,
                ))
            })
        })
        .min_by_key(|&(r, due)| (due, r.roadmap, r.entry));
    let undated = roadmaps
        .iter()
        .enumerate()
        .filter(|(_, r)| r.start.is_none() && r.sections.iter().any(|s| s.horizon.is_some()))
        .map(|(i, _)| i)
        .collect();
    let high = Priority::rank(Some(Priority::High));
    let mut untracked_high = Vec::new();
    for (ri, r) in roadmaps.iter().enumerate() {
        let tallies = r.section_tallies();
        let wanted =
            |s: usize| Priority::rank(r.sections[s].priority) >= high && tallies[s].counted() == 0;
        for s in 0..r.sections.len() {
            let parent_listed = r.sections[s].parent.is_some_and(wanted);
            if wanted(s) && !parent_listed {
                untracked_high.push(SectionRef {
                    roadmap: ri,
                    section: s,
                });
            }
        }
    }
    Glance {
        done_last_30: done_within(30),
        done_last_90: done_within(90),
        next_due,
        undated,
        untracked_high,
    }
}
