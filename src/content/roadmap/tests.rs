//! The roadmap model: the owner's four documents pinned as parsed, and the
//! Obsidian Tasks syntax, nesting, strikethrough, cookies and diagnostics.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use super::*;
use crate::content::Visibility;

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// Loads `text` as a private roadmap body (no front matter).
pub(crate) fn load_with(
    text: &str,
    settings: &Settings,
    today: &str,
) -> (Roadmap, Rendered, Vec<Diagnostic>) {
    let targets = HashMap::new();
    let ctx = markdown::Context {
        source: Path::new("content/roadmaps/r.md"),
        rel: "roadmaps/r.md",
        page_path: "roadmaps/r/",
        seen: crate::content::view::seen(Visibility::Private, false, false),
        file_text: text,
        body_line: 1,
        targets: &targets,
        reuse: None,
    };
    load(
        text,
        &ctx,
        settings,
        &crate::config::tasks::TaskStatuses::default(),
        date(today),
    )
}

fn load_str(text: &str) -> Roadmap {
    let (r, _, diags) = load_with(text, &Settings::default(), "2026-09-01");
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    r
}

/// One line per section: indented title | roll-up | priority | horizon.
fn outline(r: &Roadmap) -> String {
    let tallies = r.section_tallies();
    let mut out = String::new();
    for (s, t) in r.sections.iter().zip(&tallies) {
        let mut counts = Vec::new();
        for (n, name) in [
            (t.done, "done"),
            (t.in_progress, "in progress"),
            (t.open, "open"),
            (t.cancelled, "cancelled"),
            (t.dropped, "dropped"),
            (t.notes, "notes"),
        ] {
            if n > 0 {
                counts.push(format!("{n} {name}"));
            }
        }
        let horizon = s.horizon.as_ref().map_or("-".to_string(), |h| {
            format!("{} ({})", h.label, h.span_label())
        });
        let _ = writeln!(
            out,
            "{}{} | {} | {} | {}",
            "  ".repeat(usize::from(s.level.saturating_sub(1))),
            s.title,
            if counts.is_empty() {
                "-".to_string()
            } else {
                counts.join(", ")
            },
            s.priority.map_or("-", Priority::key),
            horizon
        );
    }
    out
}

fn section(r: &Roadmap, title: &str) -> usize {
    r.sections
        .iter()
        .position(|s| s.title == title)
        .unwrap_or_else(|| panic!("no section {title:?}"))
}

/// Entries of section `s` and its subsections.
fn entries_under(r: &Roadmap, s: usize) -> Vec<&Entry> {
    let inside = |mut i: usize| loop {
        if i == s {
            return true;
        }
        match r.sections[i].parent {
            Some(p) => i = p,
            None => return false,
        }
    };
    r.entries
        .iter()
        .filter(|e| e.section.is_some_and(inside))
        .collect()
}

const SEED_000: &str = include_str!("../../../tests/fixtures/seeds/000_291e0e0668064c9b.txt");
const SEED_001: &str = include_str!("../../../tests/fixtures/seeds/001_4ed2abfd11698da7.txt");
const SEED_002: &str = include_str!("../../../tests/fixtures/seeds/002_900e8027bb3e13d8.txt");
const SEED_003: &str = include_str!("../../../tests/fixtures/seeds/003_a9f8721be9058b2d.txt");

#[test]
fn seed_000_growth_opportunities() {
    let r = load_str(SEED_000);
    assert_eq!(
        outline(&r),
        "\
Growth Opportunities & Career Development Objectives | 4 done, 13 open, 1 dropped, 71 notes | - | -
  Executive Summary | - | - | -
  Immediate Opportunities (Next 6-12 Months) | 24 notes | - | Next 6-12 Months (Months 0–12)
    1. Quantify Current Role Impact | 8 notes | high | Next 6-12 Months (Months 0–12)
    2. Thought Leadership Development | 8 notes | high | Next 6-12 Months (Months 0–12)
    3. Board/Investor Relations Experience | 8 notes | medium | Next 6-12 Months (Months 0–12)
  Medium-term Opportunities (6-18 Months) | 2 done, 1 open, 1 dropped, 19 notes | - | 6-18 Months (Months 6–18)
    4. M&A and Integration Experience | 8 notes | medium | 6-18 Months (Months 6–18)
    5. Industry-Specific Deep Expertise | 8 notes | medium | 6-18 Months (Months 6–18)
    6. Mentorship and Team Development | 2 done, 1 open, 1 dropped, 3 notes | medium | 6-18 Months (Months 6–18)
  Long-term Strategic Opportunities (18+ Months) | 2 done, 8 notes | - | 18+ Months (Months 18+)
    7. International Leadership Experience | 2 done | low | 18+ Months (Months 18+)
    8. Advanced Technical Expertise | 8 notes | low | 18+ Months (Months 18+)
  Profile Enhancement Strategies | 13 notes | - | -
    CV Improvements | 5 notes | - | -
    LinkedIn Profile Enhancement | 4 notes | - | -
    Professional Development | 4 notes | - | -
  Success Metrics | 12 open | - | -
    Short-term (6 months) | 4 open | - | 6 months (Months 0–6)
    Medium-term (12 months) | 4 open | - | 12 months (Months 0–12)
    Long-term (18+ months) | 4 open | - | 18+ months (Months 18+)
  Risk Mitigation | 7 notes | - | -
    Potential Gaps to Address | 4 notes | - | -
    Competitive Positioning | 3 notes | - | -
"
    );
    assert_eq!(r.tally().percent(), Some(23), "4 of 17");

    // Mentorship: 2 of 3 objectives done; the struck-through DEI bullet is dropped.
    let mentorship = section(&r, "6. Mentorship and Team Development");
    let tally = r.section_tallies()[mentorship];
    assert_eq!((tally.done, tally.counted()), (2, 3));
    let dei: Vec<&Entry> = entries_under(&r, mentorship)
        .into_iter()
        .filter(|e| e.status == Status::Dropped)
        .collect();
    assert_eq!(dei.len(), 1);
    assert_eq!(
        dei[0].text,
        "Lead or participate in DEI initiatives in engineering"
    );
    assert!(!dei[0].task, "a plain bullet, struck through");

    let international = section(&r, "7. International Leadership Experience");
    let t = r.section_tallies()[international];
    assert_eq!((t.done, t.counted()), (2, 2));

    let metrics = entries_under(&r, section(&r, "Success Metrics"));
    assert_eq!(metrics.len(), 12);
    assert!(metrics.iter().all(|e| e.task && e.status == Status::Open));

    // Objectives have their text without the marker, bold kept as text.
    let first_done = r.entries.iter().find(|e| e.status == Status::Done).unwrap();
    assert_eq!(
        first_done.text,
        "Formal mentorship: Establish structured mentorship program for junior engineers"
    );
    assert_eq!(
        first_done.priority,
        Some(Priority::Medium),
        "from the section"
    );
}

#[test]
fn seed_001_engineer_to_leader() {
    let r = load_str(SEED_001);
    assert_eq!(
        outline(&r),
        "\
career_strategy: From Engineer to Leader (Deep Dive) | 24 notes | - | -
  ðŸ“œ Story Mode: The CTO | - | - | -
  1. The Career Ladder | 7 notes | - | -
    1.1 Individual Contributor (IC) Track | 4 notes | - | -
    1.2 Management Track | 3 notes | - | -
  2. Strategic Frameworks | 7 notes | - | -
    2.1 The AI Maturity Curve | 5 notes | - | -
    2.2 Buy vs Build | 2 notes | - | -
  3. Communication Patterns | 4 notes | - | -
    3.1 Speaking to Executives | 2 notes | - | -
    3.2 Speaking to Engineers | 2 notes | - | -
  4. The Exit Games | 6 notes | - | -
    4.1 Startup vs Big Tech | 2 notes | - | -
    4.2 Building a Personal Brand | 4 notes | - | -
"
    );
    assert_eq!(r.tally().counted(), 0);
    assert_eq!(r.tally().percent(), None);
}

#[test]
fn seed_002_deep_tech_to_startup() {
    let (r, _, diags) = load_with(SEED_002, &Settings::default(), "2026-09-01");
    assert_eq!(
        outline(&r),
        "\
Career Roadmap: Deep Technical Authority & Entrepreneurial Path | 38 notes | - | -
  1. 3-Year Strategic Roadmap: Deep Tech â†’ Startup â†’ Executive | 38 notes | - | -
    Goal | - | - | -
    ðŸŸ¢ YEAR 1 â€” Positioning Upgrade (Foundation + Visibility) | 12 notes | - | YEAR 1 (Months 0–12)
    ðŸŸ¡ YEAR 2 â€” Authority & Differentiation | 13 notes | - | YEAR 2 (Months 12–24)
    ðŸ”µ YEAR 3 â€” Strategic Positioning | 8 notes | - | YEAR 3 (Months 24–36)
    ðŸ”¹ High-ROI Skill Areas | 5 notes | - | -
"
    );
    // Nested bullets belong to their parent bullet.
    let nested = r
        .entries
        .iter()
        .find(|e| e.text == "Applied Machine Learning fundamentals")
        .unwrap();
    let parent = &r.entries[nested.parent.unwrap()];
    assert_eq!(parent.text, "Upgrade technical stack to be AI-ready:");
    assert_eq!(nested.depth, 1);
    // Horizons without a start date: one warning, at the first horizon.
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].code, "roadmap-start");
    assert_eq!(diags[0].line, 10);
    assert!(diags[0].message.contains("`YEAR 1`"));
}

#[test]
fn seed_003_technical_leadership_track() {
    let (r, _, diags) = load_with(SEED_003, &Settings::default(), "2026-09-01");
    assert!(
        diags.is_empty(),
        "no horizons, so no start needed: {diags:?}"
    );
    assert_eq!(
        outline(&r),
        "\
Track 4: Technical Leadership & Team Management | 97 notes | - | -
  Track Overview | - | - | -
  Core Competencies Development | 12 notes | - | -
    Technical Team Leadership | 4 notes | - | -
    Organizational Development | 4 notes | - | -
    Executive Leadership & Communication | 4 notes | - | -
  Project Portfolio (3 Core Projects) | 45 notes | - | -
    Project 24: Building and Scaling AI/ML Engineering Team for Healthcare Startup | 15 notes | - | -
      Client Scenario | - | - | -
      Core Requirements | 5 notes | - | -
      Leadership Deliverables | 5 notes | - | -
      Operational Deliverables | 5 notes | - | -
    Project 25: Technical Due Diligence and Integration for Healthcare AI Acquisition | 15 notes | - | -
      Client Scenario | - | - | -
      Core Requirements | 5 notes | - | -
      Due Diligence Deliverables | 5 notes | - | -
      Integration Deliverables | 5 notes | - | -
    Project 26: Enterprise AI Center of Excellence Development and Implementation | 15 notes | - | -
      Client Scenario | - | - | -
      Core Requirements | 5 notes | - | -
      Organizational Deliverables | 5 notes | - | -
      Implementation Deliverables | 5 notes | - | -
  Assessment Framework | 16 notes | - | -
    Technical Leadership Excellence (35%) | 4 notes | - | -
    Organizational Leadership (30%) | 4 notes | - | -
    Executive Communication (20%) | 4 notes | - | -
    Professional Excellence (15%) | 4 notes | - | -
  Track-Specific Success Metrics | 12 notes | - | -
    Team Development KPIs | 4 notes | - | -
    Organizational Impact KPIs | 4 notes | - | -
    Leadership Development KPIs | 4 notes | - | -
  Industry Integration | 12 notes | - | -
    Leadership Development Partnerships | 4 notes | - | -
    Professional Development | 4 notes | - | -
    Career Placement Support | 4 notes | - | -
"
    );
    assert!(
        r.sections
            .iter()
            .all(|s| s.horizon.is_none() && s.priority.is_none())
    );
    assert_eq!(r.tally().counted(), 0);
}

#[test]
fn obsidian_tasks_statuses_dates_priorities_and_nesting() {
    let text = "\
## Launch [/]

- [ ] Open task 🔼 📅 2026-06-30
- [x] Done task ✅ 2026-03-01 ➕ 2026-01-10
- [X] Done with a capital X
- [/] In progress 🛫 2026-02-01 ⏳ 2026-02-15 ⏫
- [-] Cancelled ❌ 2026-04-01
- [ ] ~~Dropped task~~ 🔺
- ~Dropped bullet~
- Plain bullet 📅 2026-01-01
- [ ] Parent ⏬
  - [x] Child done [completion:: 2026-05-05]
  - [ ] Child open [due:: 2026-07-01] [priority:: lowest]
- [-] Cancelled parent
  - [ ] Child of a cancelled one
- ~~Dropped parent~~
  - [x] Child of a dropped one

## Later [%]

- [ ] Low one 🔽
";
    let r = load_str(text);
    let by_text = |t: &str| {
        r.entries
            .iter()
            .find(|e| e.text == t)
            .unwrap_or_else(|| panic!("no entry {t:?} in {:#?}", r.entries))
    };
    let e = by_text("Open task");
    assert_eq!(
        (e.status, e.own_priority),
        (Status::Open, Some(Priority::Medium))
    );
    assert_eq!(e.dates.due, Some(date("2026-06-30")));
    let e = by_text("Done task");
    assert_eq!(e.status, Status::Done);
    assert_eq!(
        (e.dates.done, e.dates.created),
        (Some(date("2026-03-01")), Some(date("2026-01-10")))
    );
    assert_eq!(by_text("Done with a capital X").status, Status::Done);
    let e = by_text("In progress");
    assert_eq!(
        (e.status, e.own_priority),
        (Status::InProgress, Some(Priority::High))
    );
    assert_eq!(
        (e.dates.start, e.dates.scheduled),
        (Some(date("2026-02-01")), Some(date("2026-02-15")))
    );
    let e = by_text("Cancelled");
    assert_eq!(
        (e.status, e.dates.cancelled),
        (Status::Cancelled, Some(date("2026-04-01")))
    );
    let e = by_text("Dropped task");
    assert_eq!(
        (e.status, e.task, e.own_priority),
        (Status::Dropped, true, Some(Priority::Highest))
    );
    let e = by_text("Dropped bullet");
    assert_eq!((e.status, e.task), (Status::Dropped, false));
    let e = by_text("Plain bullet 📅 2026-01-01");
    assert_eq!(
        (e.status, e.dates.due),
        (Status::Note, None),
        "notes keep their text"
    );
    let parent = by_text("Parent");
    let child = by_text("Child done");
    assert_eq!(
        child.parent.map(|p| r.entries[p].text.as_str()),
        Some("Parent")
    );
    assert_eq!(
        (child.status, child.dates.done),
        (Status::Done, Some(date("2026-05-05")))
    );
    assert_eq!(parent.own_priority, Some(Priority::Lowest));
    assert_eq!(
        child.priority, None,
        "an item's priority is not inherited by its children"
    );
    let e = by_text("Child open");
    assert_eq!(
        (e.dates.due, e.own_priority),
        (Some(date("2026-07-01")), Some(Priority::Lowest))
    );
    assert_eq!(
        by_text("Child of a cancelled one").status,
        Status::Cancelled
    );
    assert_eq!(by_text("Child of a dropped one").status, Status::Dropped);

    // Every task counts once, nested or not; cancelled and dropped do not.
    let t = r.section_tallies()[0];
    assert_eq!(
        (
            t.done,
            t.in_progress,
            t.open,
            t.cancelled,
            t.dropped,
            t.notes
        ),
        (3, 1, 3, 3, 4, 1)
    );
    assert_eq!(t.percent(), Some(42), "3 of 7");
    assert_eq!(r.sections[0].title, "Launch");
    assert_eq!(r.sections[0].cookie, Some(Cookie::Fraction));
    assert_eq!(r.sections[1].cookie, Some(Cookie::Percent));
}

#[test]
fn the_page_shows_chips_and_filled_cookies_not_emoji() {
    let (r, rendered, _) = load_with(
        "## Launch [/]\n\n- [x] Ship ✅ 2026-03-01\n- [ ] Tell people 📅 2026-06-30 ⏫\n- [-] Party\n- [/] Write\n\n## Later [%]\n\n- [ ] Rest\n",
        &Settings::default(),
        "2026-09-01",
    );
    let html = &rendered.html.text();
    assert!(
        html.contains(
            "<h2 id=\"launch\">Launch <span class=\"cookie\">[1/3]</span><a class=\"anchor\""
        ),
        "{html}"
    );
    assert!(
        html.contains("<h2 id=\"later\">Later <span class=\"cookie\">[0%]</span>"),
        "{html}"
    );
    assert!(html.contains("<li class=\"entry entry-done\"><span class=\"status status-done\">Done</span> Ship <span class=\"chips\"><span class=\"chip chip-done\"><span class=\"chip-label\">Done</span> <time datetime=\"2026-03-01\">1 Mar 2026</time></span></span></li>"), "{html}");
    assert!(html.contains("<li class=\"entry entry-open entry-overdue\"><span class=\"status status-open\">Open</span> Tell people <span class=\"chips\"><span class=\"chip chip-priority chip-priority-high\">High priority</span>"), "{html}");
    assert!(html.contains("Overdue: was due <time datetime=\"2026-06-30\">30 Jun 2026</time>"));
    assert!(
        html.contains("<span class=\"status status-cancelled\">Cancelled</span> <del>Party</del>"),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"status status-in-progress\">In progress</span> Write</li>"),
        "{html}"
    );
    assert!(html.contains(
        "<progress max=\"3\" value=\"1\" aria-label=\"Progress of Launch\">33%</progress>"
    ));
    for raw in ["✅", "📅", "⏫", "[/]", "[-]", "[%]", "type=\"checkbox\""] {
        assert!(!html.contains(raw), "raw `{raw}` left in {html}");
    }
    assert_eq!(r.sections[0].id, "launch");
    assert_eq!(
        rendered.toc[0].title, "Launch",
        "the cookie is not part of the title"
    );
}

#[test]
fn priority_lines_flow_down_and_items_override() {
    let r = load_str(
        "Priority: low\n\n# Plan\n\n## A\n\n**Priority: HIGH** - why\n\n### A1\n\n- [ ] a1\n- [ ] a1 lowest ⏬\n\n## B\n\n- [ ] b\n",
    );
    let prio = |t: &str| r.entries.iter().find(|e| e.text == t).unwrap().priority;
    assert_eq!(prio("a1"), Some(Priority::High), "from the section above");
    assert_eq!(prio("a1 lowest"), Some(Priority::Lowest));
    assert_eq!(prio("b"), Some(Priority::Low), "the roadmap's default");
    let (r, _, diags) = load_with(
        "## A\n\n- [ ] a\n",
        &Settings {
            priority: Some(("medium".into(), 3)),
            ..Settings::default()
        },
        "2026-09-01",
    );
    assert!(diags.is_empty());
    assert_eq!(r.entries[0].priority, Some(Priority::Medium));
}

#[test]
fn horizons_turn_into_windows_from_the_start() {
    let text = "## Now (Next 6 months)\n\n- [ ] early\n- [ ] due soon 📅 2027-01-01\n\n## Later (6-18 months)\n\n### Part\n\n- [ ] late\n\n## Year 2\n\n- [x] done\n";
    let settings = Settings {
        date: Some(date("2026-01-01")),
        ..Settings::default()
    };
    let (r, _, diags) = load_with(text, &settings, "2026-09-01");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        (r.start, r.start_from),
        (Some(date("2026-01-01")), Some(StartFrom::Date))
    );
    let w = |title: &str| {
        let s = &r.sections[section(&r, title)];
        r.window(s.horizon.as_ref().unwrap()).unwrap()
    };
    assert_eq!(
        w("Now (Next 6 months)"),
        Window {
            from: date("2026-01-01"),
            until: Some(date("2026-06-30"))
        }
    );
    assert_eq!(
        w("Part"),
        Window {
            from: date("2026-07-01"),
            until: Some(date("2027-06-30"))
        }
    );
    assert_eq!(
        w("Year 2"),
        Window {
            from: date("2027-01-01"),
            until: Some(date("2027-12-31"))
        }
    );
    let today = date("2026-09-01");
    let overdue = |t: &str| r.overdue(r.entries.iter().find(|e| e.text == t).unwrap(), today);
    assert_eq!(overdue("early"), Some(Overdue::Horizon(date("2026-06-30"))));
    assert_eq!(
        overdue("due soon"),
        None,
        "its own due date wins over the horizon"
    );
    assert_eq!(overdue("late"), None);
    assert_eq!(overdue("done"), None);
}

#[test]
fn bad_dates_are_errors_at_their_position() {
    let text = "# Plan\n\n- [ ] Ship 📅 2026-02-30\n";
    let (_, _, diags) = load_with(text, &Settings::default(), "2026-09-01");
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert!(d.is_error());
    assert_eq!((d.line, d.col), (3, 12));
    assert_eq!(
        d.message,
        "`2026-02-30` is not a real day (February 2026 has 28 days)"
    );
    let (_, _, diags) = load_with(
        "## A\n\nPriority: urgent\n",
        &Settings::default(),
        "2026-09-01",
    );
    assert_eq!(diags.len(), 1);
    assert!(!diags[0].is_error());
    assert_eq!(diags[0].line, 3);
}

#[test]
fn public_copies_lose_every_item_text() {
    let r = load_str(SEED_000).without_item_text();
    assert!(r.entries.iter().all(|e| e.text.is_empty()));
    assert_eq!(r.tally().counted(), 17);
    assert_eq!(
        r.sections[0].title,
        "Growth Opportunities & Career Development Objectives"
    );
}
