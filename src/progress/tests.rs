//! Roll-ups across roadmaps, on models parsed from small markdown bodies.

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

const CAREER: &str = "\
## Now (Next 6 months)

Priority: HIGH

- [x] Update CV ✅ 2026-02-01
- [ ] Ask for feedback
- [ ] Book the talk 📅 2026-12-01

## Later (6-18 months)

Priority: high

- [ ] Write a book
- [-] Learn Haskell

## Someday

- [ ] Sail ⏫
- Just a thought
";

const HEALTH: &str = "\
## Year 1

- [x] Run 5k
- [/] Run 10k 🔺 📅 2026-08-01
- [ ] Swim 🔽
";

#[test]
fn rolls_up_overall_by_priority_and_by_horizon() {
    let career = parse(CAREER, Some("2026-01-01"));
    let health = parse(HEALTH, None);
    let p = compute(&[&career, &health], date("2026-09-01"));
    assert_eq!(
        (
            p.overall.done,
            p.overall.counted(),
            p.overall.cancelled,
            p.overall.notes
        ),
        (2, 8, 1, 1)
    );
    assert_eq!(p.overall.percent(), Some(25));
    let priorities: Vec<(Option<Priority>, usize, usize)> = p
        .by_priority
        .iter()
        .map(|g| (g.priority, g.tally.done, g.tally.counted()))
        .collect();
    assert_eq!(
        priorities,
        [
            (Some(Priority::Highest), 0, 1),
            (Some(Priority::High), 1, 5),
            (Some(Priority::Low), 0, 1),
            (None, 1, 1),
        ]
    );
    let horizons: Vec<(String, usize, usize)> = p
        .by_horizon
        .iter()
        .map(|g| (g.label(), g.tally.done, g.tally.counted()))
        .collect();
    assert_eq!(
        horizons,
        [
            ("Months 0–6".to_string(), 1, 3),
            ("Months 0–12".to_string(), 1, 3),
            ("Months 6–18".to_string(), 0, 1),
            ("No horizon".to_string(), 0, 1),
        ]
    );
}

#[test]
fn overdue_by_due_date_or_ended_horizon_most_overdue_first() {
    let career = parse(CAREER, Some("2026-01-01"));
    let health = parse(HEALTH, None);
    let p = compute(&[&career, &health], date("2026-09-01"));
    let overdue: Vec<(usize, &str, Overdue)> = p
        .overdue
        .iter()
        .map(|(r, o)| {
            let m = [&career, &health][r.roadmap];
            (r.roadmap, m.entries[r.entry].text.as_str(), *o)
        })
        .collect();
    assert_eq!(
        overdue,
        [
            (0, "Ask for feedback", Overdue::Horizon(date("2026-06-30"))),
            (1, "Run 10k", Overdue::Due(date("2026-08-01"))),
        ]
    );
    assert_eq!(p.roadmaps[0].overdue.len(), 1);
    // Health has no start: its "Year 1" never ends.
    let later = compute(&[&health], date("2030-01-01"));
    assert_eq!(later.overdue.len(), 1, "only the due date counts");
}

#[test]
fn next_up_is_high_priority_in_the_nearest_horizon() {
    let career = parse(CAREER, Some("2026-01-01"));
    let p = compute(&[&career], date("2026-03-01"));
    let texts: Vec<&str> = p
        .next_up
        .iter()
        .map(|r| career.entries[r.entry].text.as_str())
        .collect();
    // Months 0–6 is nearest; the dated one first. "Write a book" (6–18) and
    // "Sail" (no horizon) wait.
    assert_eq!(texts, ["Book the talk", "Ask for feedback"]);
    // Once the first horizon is over, its objectives are overdue instead.
    let p = compute(&[&career], date("2026-09-01"));
    let texts: Vec<&str> = p
        .next_up
        .iter()
        .map(|r| career.entries[r.entry].text.as_str())
        .collect();
    assert_eq!(texts, ["Book the talk"]);
    assert_eq!(p.next_up_more, 0);
}

#[test]
fn next_up_is_capped() {
    let many: String = (0..15).map(|i| format!("- [ ] task {i} ⏫\n")).collect();
    let r = parse(&many, None);
    let p = compute(&[&r], date("2026-03-01"));
    assert_eq!(p.next_up.len(), NEXT_UP_LIMIT);
    assert_eq!(p.next_up_more, 5);
}

#[test]
fn burn_up_overall_spans_every_roadmap() {
    let career = parse(CAREER, Some("2026-01-01"));
    let health = parse(HEALTH, None);
    let p = compute(&[&career, &health], date("2026-09-01"));
    let b = p.burnup.expect("career has dates");
    // The chart runs to the end of career's last horizon (6–18 months).
    assert_eq!((b.from, b.to), (date("2026-01-01"), date("2027-06-30")));
    assert_eq!(b.last().done, 2);
    assert_eq!(b.last().scope, 8);
    assert!(p.roadmaps[1].burnup.is_none(), "health has no dates");
}

#[test]
fn glance_counts_recent_done_and_the_next_due_date() {
    let text = "\
- [x] Old ✅ 2026-01-10
- [x] Ninety ✅ 2026-06-10
- [x] Thirty ✅ 2026-08-20
- [x] Undated
- [ ] Later 📅 2026-12-01
- [ ] Sooner 📅 2026-10-01
- [ ] Past 📅 2026-08-01
- [x] Done already 📅 2026-09-15
";
    let r = parse(text, None);
    let g = compute(&[&r], date("2026-09-01")).glance;
    assert_eq!((g.done_last_30, g.done_last_90), (1, 2));
    let (due_ref, due) = g.next_due.expect("an open objective is due");
    assert_eq!(r.entries[due_ref.entry].text, "Sooner");
    assert_eq!(due, date("2026-10-01"));
}

#[test]
fn glance_says_why_overdue_and_next_up_are_empty() {
    let text = "\
## Now (Next 6 months)

Priority: HIGH

- A plan written as a bullet

### Detail

- Another bullet

## Tracked (Next 6 months)

Priority: HIGH

- [ ] A task

## Later (6-18 months)

Priority: LOW

- A low bullet
";
    let r = parse(text, None);
    let p = compute(&[&r], date("2026-09-01"));
    let g = p.glance;
    assert_eq!(g.undated, [0], "horizons without a start date");
    let titles: Vec<&str> = g
        .untracked_high
        .iter()
        .map(|s| r.sections[s.section].title.as_str())
        .collect();
    assert_eq!(
        titles,
        ["Now (Next 6 months)"],
        "outermost high sections without tasks"
    );
    let dated = parse(text, Some("2026-01-01"));
    assert!(
        compute(&[&dated], date("2026-09-01"))
            .glance
            .undated
            .is_empty()
    );
}
