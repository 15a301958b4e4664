//! Burn-up series: how many objectives were in scope and how many were
//! done, day by day, from the `➕` created and `✅` done dates.
//!
//! An objective without a created date is in scope from its roadmap's
//! start; one done without a `✅` date counts as done at that start. With no
//! start either, both count from the first date the chart has. A chart
//! needs at least one date (a start, or any created or done date); without
//! one there is no series.
//!
//! The pace: for each end of a horizon window (a roadmap's start plus the
//! horizon's months), how many objectives are planned to be done by then
//! (those of every window ending on or before it). Objectives without a
//! closed window are not on the pace line. The chart runs to the last end.

use std::collections::BTreeMap;

use crate::calendar;
use crate::content::roadmap::{Roadmap, Status};
use crate::date::Date;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Burnup {
    /// First and last day of the chart (the last is at least today).
    pub from: Date,
    pub to: Date,
    /// Steps: from this date on, `scope` objectives, `done` of them done.
    /// The first point is at `from`.
    pub points: Vec<Point>,
    /// The pace: by each horizon end, how many objectives are planned to
    /// be done; in date order, cumulative.
    pub pace: Vec<Target>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub date: Date,
    pub due: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub date: Date,
    pub scope: usize,
    pub done: usize,
}

impl Burnup {
    pub fn last(&self) -> Point {
        self.points.last().copied().unwrap_or(Point {
            date: self.from,
            scope: 0,
            done: 0,
        })
    }
}

pub fn series(roadmaps: &[&Roadmap], today: Date) -> Option<Burnup> {
    // date → (scope added, done added); `None` = the chart's first day.
    let mut steps: BTreeMap<Option<Date>, (usize, usize)> = BTreeMap::new();
    let mut known: Vec<Date> = roadmaps.iter().filter_map(|r| r.start).collect();
    for r in roadmaps {
        for e in r.entries.iter().filter(|e| e.task && e.status.counted()) {
            let added = e.dates.created.or(r.start);
            steps.entry(added).or_default().0 += 1;
            if e.status == Status::Done {
                let done = e.dates.done.or(r.start);
                steps.entry(done).or_default().1 += 1;
            }
            known.extend(e.dates.created);
            known.extend(e.dates.done.filter(|_| e.status == Status::Done));
        }
    }
    // Nothing to count: no chart (an empty axis says nothing).
    if steps.is_empty() {
        return None;
    }
    let from = known.iter().min().copied()?;
    let pace = pace(roadmaps);
    let plan_end = pace.last().map(|t| t.date);
    let last = known
        .iter()
        .max()
        .copied()
        .unwrap_or(from)
        .max(today)
        .max(plan_end.unwrap_or(from));
    let to = if last > from {
        last
    } else {
        calendar::add_days(from, 1)
    };
    let mut points = vec![Point {
        date: from,
        scope: 0,
        done: 0,
    }];
    for (date, (scope, done)) in steps {
        let date = date.unwrap_or(from).max(from);
        let prev = *points.last().unwrap_or(&points[0]);
        let point = Point {
            date,
            scope: prev.scope + scope,
            done: prev.done + done,
        };
        match points.last_mut() {
            Some(p) if p.date == date => *p = point,
            _ => points.push(point),
        }
    }
    Some(Burnup {
        from,
        to,
        points,
        pace,
    })
}

/// Objectives due by each horizon end, cumulative, in date order.
fn pace(roadmaps: &[&Roadmap]) -> Vec<Target> {
    let mut by_end: BTreeMap<Date, usize> = BTreeMap::new();
    for r in roadmaps {
        for e in r.entries.iter().filter(|e| e.task && e.status.counted()) {
            let end = r
                .horizon_of(e)
                .and_then(|h| r.window(h))
                .and_then(|w| w.until);
            if let Some(end) = end {
                *by_end.entry(end).or_default() += 1;
            }
        }
    }
    let mut due = 0;
    by_end
        .into_iter()
        .map(|(date, n)| {
            due += n;
            Target { date, due }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::roadmap::{Dates, Entry};

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn task(status: Status, created: Option<&str>, done: Option<&str>) -> Entry {
        Entry {
            text: String::new(),
            status,
            task: true,
            section: None,
            parent: None,
            depth: 0,
            line: 1,
            own_priority: None,
            priority: None,
            dates: Dates {
                created: created.map(d),
                done: done.map(d),
                ..Dates::default()
            },
            meta: Default::default(),
            lead_in: None,
        }
    }

    fn roadmap(start: Option<&str>, entries: Vec<Entry>) -> Roadmap {
        Roadmap {
            start: start.map(d),
            start_from: None,
            public_items: false,
            sections: Vec::new(),
            entries,
            lead_ins: Vec::new(),
        }
    }

    #[test]
    fn steps_from_created_and_done_dates() {
        let r = roadmap(
            Some("2026-01-01"),
            vec![
                task(Status::Done, None, Some("2026-02-01")),
                task(Status::Done, None, None),
                task(Status::Open, Some("2026-03-01"), None),
                task(Status::Cancelled, None, None),
            ],
        );
        let b = series(&[&r], d("2026-04-01")).unwrap();
        assert_eq!((b.from, b.to), (d("2026-01-01"), d("2026-04-01")));
        let steps: Vec<(String, usize, usize)> = b
            .points
            .iter()
            .map(|p| (p.date.to_string(), p.scope, p.done))
            .collect();
        assert_eq!(
            steps,
            [
                ("2026-01-01".into(), 2, 1),
                ("2026-02-01".into(), 2, 2),
                ("2026-03-01".into(), 3, 2),
            ]
        );
    }

    #[test]
    fn no_dates_means_no_chart() {
        let r = roadmap(None, vec![task(Status::Done, None, None)]);
        assert_eq!(series(&[&r], d("2026-04-01")), None);
    }

    #[test]
    fn a_roadmap_without_objectives_draws_no_chart() {
        let started = roadmap(Some("2026-01-01"), Vec::new());
        assert_eq!(series(&[&started], d("2026-04-01")), None);
        let mut not_a_task = task(Status::Done, Some("2026-01-02"), Some("2026-01-03"));
        not_a_task.task = false;
        let bullets = roadmap(Some("2026-01-01"), vec![not_a_task]);
        assert_eq!(series(&[&bullets], d("2026-04-01")), None);
        // With one objective among them, there is a chart.
        let one = roadmap(Some("2026-01-01"), vec![task(Status::Open, None, None)]);
        assert!(series(&[&started, &one], d("2026-04-01")).is_some());
    }

    #[test]
    fn undated_items_count_from_the_first_known_date() {
        let r = roadmap(
            None,
            vec![
                task(Status::Done, None, None),
                task(Status::Done, None, Some("2026-02-01")),
            ],
        );
        let b = series(&[&r], d("2026-01-15")).unwrap();
        assert_eq!(b.from, d("2026-02-01"));
        assert_eq!(b.to, d("2026-02-02"));
        assert_eq!(
            b.last(),
            Point {
                date: d("2026-02-01"),
                scope: 2,
                done: 2
            }
        );
    }
}

#[cfg(test)]
mod pace_tests {
    use super::*;
    use crate::content::roadmap::{self, Settings};

    #[test]
    fn pace_reaches_each_horizon_end_with_the_objectives_due_by_then() {
        let text = "\
## Now (Next 6 months)

- [x] One ✅ 2026-02-01
- [ ] Two

## Later (6-12 months)

- [ ] Three

## Someday

- [ ] Four
";
        let settings = Settings {
            start: Some(Date::parse("2026-01-01").unwrap()),
            ..Settings::default()
        };
        let r = roadmap::tests::load_with(text, &settings, "2026-03-01").0;
        let b = series(&[&r], Date::parse("2026-03-01").unwrap()).unwrap();
        let pace: Vec<(String, usize)> =
            b.pace.iter().map(|t| (t.date.to_string(), t.due)).collect();
        assert_eq!(pace, [("2026-06-30".into(), 2), ("2026-12-31".into(), 3)]);
        assert_eq!(
            b.to,
            Date::parse("2026-12-31").unwrap(),
            "the chart runs to the plan's end"
        );
    }
}
