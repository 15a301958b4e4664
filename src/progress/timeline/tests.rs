//! The timeline's rows, windows and "Now", on small roadmaps.

use super::*;
use crate::content::roadmap::{self, Settings};

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn parse(text: &str, start: Option<&str>) -> Roadmap {
    let settings = Settings {
        start: start.map(date),
        ..Settings::default()
    };
    roadmap::tests::load_with(text, &settings, "2026-09-01").0
}

/// The owner's shape: horizon sections holding prioritised subsections
/// written as plain bullets, one of them tracked.
const PLAN: &str = "\
# Plan

## Immediate (Next 6 months)

### Quantify impact

Priority: HIGH

- Document team size
- Measure pipeline speed

### Write articles

Priority: LOW

- [x] First article
- [ ] Second article

### Board work

Priority: HIGHEST

- Present to the board

## Medium term (6-12 months)

Priority: MEDIUM

- Learn finance

## Notes

- no horizon here
";

#[test]
fn rows_are_sections_with_a_horizon_or_a_priority_of_their_own() {
    let r = parse(PLAN, Some("2026-06-01"));
    let t = timeline(&[&r], date("2026-09-01"));
    let titles: Vec<&str> = t.lanes[0]
        .rows
        .iter()
        .map(|row| r.sections[row.section].title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Immediate (Next 6 months)",
            "Quantify impact",
            "Write articles",
            "Board work",
            "Medium term (6-12 months)"
        ]
    );
    let rows = &t.lanes[0].rows;
    assert!(rows[0].has_children && !rows[1].has_children);
    assert_eq!((rows[0].depth, rows[1].depth), (0, 1));
    let w = rows[1].window.expect("a start gives windows");
    assert_eq!(
        (w.from, w.until),
        (date("2026-06-01"), Some(date("2026-11-30")))
    );
    assert_eq!(rows[2].tally.done, 1);
    assert_eq!(rows[4].priority, Some(Priority::Medium));
}

#[test]
fn now_holds_todays_sections_highest_priority_first_tracked_or_not() {
    let r = parse(PLAN, Some("2026-06-01"));
    let t = timeline(&[&r], date("2026-09-01"));
    let now: Vec<(&str, Option<Priority>)> = t
        .now
        .iter()
        .map(|(at, p, _)| (r.sections[at.section].title.as_str(), *p))
        .collect();
    assert_eq!(
        now,
        [
            ("Board work", Some(Priority::Highest)),
            ("Quantify impact", Some(Priority::High)),
            ("Write articles", Some(Priority::Low)),
        ]
    );
    assert_eq!(t.span, Some((date("2026-06-01"), date("2027-05-31"))));
}

#[test]
fn ended_windows_without_tasks_are_named_and_undated_roadmaps_get_no_window() {
    let r = parse(PLAN, Some("2025-01-01"));
    let t = timeline(&[&r], date("2026-09-01"));
    assert!(t.now.is_empty(), "every window has ended");
    let ended: Vec<&str> = t
        .ended_untracked
        .iter()
        .map(|at| r.sections[at.section].title.as_str())
        .collect();
    assert_eq!(
        ended,
        ["Quantify impact", "Board work", "Medium term (6-12 months)"]
    );

    let undated = parse(PLAN, None);
    let t = timeline(&[&undated], date("2026-09-01"));
    assert_eq!(t.lanes[0].rows.len(), 5, "the sections are still listed");
    assert!(t.lanes[0].rows.iter().all(|row| row.window.is_none()));
    assert!(t.now.is_empty() && t.span.is_none());
}
