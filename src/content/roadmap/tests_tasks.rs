//! Obsidian Tasks lines, written in the forms Tasks' documentation shows,
//! each pinned with the meaning Tasks gives it: status, description (tags
//! put back after it), priority, dates, recurrence, on-completion action,
//! id and dependencies. Then the checkbox symbols `site.toml` can change,
//! the page's chips, and the warnings for text that looks like a task.

use super::tests::load_with;
use super::*;
use crate::config::tasks::{TaskKind, TaskStatuses};

/// What Tasks reads out of one line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Read {
    status: Status,
    text: String,
    priority: Option<Priority>,
    dates: Dates,
    meta: TaskMeta,
}

fn d(s: &str) -> Option<Date> {
    Some(Date::parse(s).unwrap())
}

/// A line, and what it means: its status and description, then the
/// fields set with the builder methods below.
fn t(status: Status, text: &str) -> Read {
    Read {
        status,
        text: text.to_string(),
        priority: None,
        dates: Dates::default(),
        meta: TaskMeta::default(),
    }
}

impl Read {
    fn prio(mut self, p: Priority) -> Self {
        self.priority = Some(p);
        self
    }
    fn due(mut self, s: &str) -> Self {
        self.dates.due = d(s);
        self
    }
    fn done(mut self, s: &str) -> Self {
        self.dates.done = d(s);
        self
    }
    fn start(mut self, s: &str) -> Self {
        self.dates.start = d(s);
        self
    }
    fn scheduled(mut self, s: &str) -> Self {
        self.dates.scheduled = d(s);
        self
    }
    fn created(mut self, s: &str) -> Self {
        self.dates.created = d(s);
        self
    }
    fn cancelled(mut self, s: &str) -> Self {
        self.dates.cancelled = d(s);
        self
    }
    fn every(mut self, rule: &str) -> Self {
        self.meta.recurrence = Some(rule.to_string());
        self
    }
    fn when_done(mut self, action: &str) -> Self {
        self.meta.on_completion = Some(action.to_string());
        self
    }
    fn id(mut self, id: &str) -> Self {
        self.meta.id = Some(id.to_string());
        self
    }
    fn after(mut self, ids: &[&str]) -> Self {
        self.meta.depends_on = ids.iter().map(|s| s.to_string()).collect();
        self
    }
    fn block(mut self, id: &str) -> Self {
        self.meta.block_id = Some(id.to_string());
        self
    }
}

/// Reads one line as a roadmap with the given statuses; no diagnostics
/// allowed but the warning for a date left inside the text.
fn entry_with(line: &str, statuses: &TaskStatuses) -> Entry {
    let targets = std::collections::HashMap::new();
    let ctx = markdown::Context {
        source: std::path::Path::new("content/roadmaps/r.md"),
        rel: "roadmaps/r.md",
        page_path: "roadmaps/r/",
        seen: crate::content::view::seen(crate::content::Visibility::Private, false, false),
        file_text: line,
        body_line: 1,
        targets: &targets,
        reuse: None,
    };
    let today = Date::parse("2021-06-01").unwrap();
    let (r, _, diags) = load(line, &ctx, &Settings::default(), statuses, today);
    assert!(
        diags.iter().all(|d| d.code == "roadmap-buried-field"),
        "{line}: {diags:?}"
    );
    assert_eq!(r.entries.len(), 1, "{line}: {:#?}", r.entries);
    r.entries[0].clone()
}

fn read_with(line: &str, statuses: &TaskStatuses) -> Read {
    let e = entry_with(line, statuses);
    Read {
        status: e.status,
        text: e.text.clone(),
        priority: e.own_priority,
        dates: e.dates,
        meta: e.meta.clone(),
    }
}

#[test]
fn tasks_lines_mean_what_tasks_reads_in_them() {
    use Priority::*;
    use Status::*;
    let cases: Vec<(&str, Read)> = vec![
        // Recurring tasks.
        (
            "- [ ] take out the trash 🔁 every Sunday 📅 2021-04-25",
            t(Open, "take out the trash")
                .every("every Sunday")
                .due("2021-04-25"),
        ),
        (
            "- [x] take out the trash 🔁 every Sunday 📅 2021-04-25 ✅ 2021-04-24",
            t(Done, "take out the trash")
                .every("every Sunday")
                .due("2021-04-25")
                .done("2021-04-24"),
        ),
        (
            "- [ ] sweep the floors 🔁 every week when done ⏳ 2022-02-20",
            t(Open, "sweep the floors")
                .every("every week when done")
                .scheduled("2022-02-20"),
        ),
        (
            "- [ ] do stuff 🔁 every month on the last 📅 2022-01-31",
            t(Open, "do stuff")
                .every("every month on the last")
                .due("2022-01-31"),
        ),
        (
            "- [ ] stretch 🔁 every weekday",
            t(Open, "stretch").every("every weekday"),
        ),
        (
            "- [ ] water plants 🔁 every 3 days ⏳ 2021-05-01 ^water",
            t(Open, "water plants")
                .every("every 3 days")
                .scheduled("2021-05-01")
                .block("^water"),
        ),
        // Tags and block ids between and after the fields.
        (
            "- [ ] Plan 📅 2021-09-12 #work ⏫ #q3",
            t(Open, "Plan #work #q3").due("2021-09-12").prio(High),
        ),
        (
            "- [ ] Call the bank #home 📅 2021-09-12",
            t(Open, "Call the bank #home").due("2021-09-12"),
        ),
        (
            "- [ ] Block link 📅 2021-09-12 ^abc-123",
            t(Open, "Block link").due("2021-09-12").block("^abc-123"),
        ),
        (
            "- [ ] chores 🔁 every week #home",
            t(Open, "chores #home").every("every week"),
        ),
        ("- [ ] #inbox", t(Open, "#inbox")),
        // Dependencies.
        (
            "- [ ] Build a first draft 🆔 4ijuhy",
            t(Open, "Build a first draft").id("4ijuhy"),
        ),
        (
            "- [ ] Test with users ⛔ 4ijuhy",
            t(Open, "Test with users").after(&["4ijuhy"]),
        ),
        (
            "- [ ] Launch ⛔ dcf64c,0h17ye",
            t(Open, "Launch").after(&["dcf64c", "0h17ye"]),
        ),
        (
            "- [ ] Write notes 🆔 notes_1 ⛔ draft-2 📅 2021-07-01",
            t(Open, "Write notes")
                .id("notes_1")
                .after(&["draft-2"])
                .due("2021-07-01"),
        ),
        // On completion.
        (
            "- [ ] Leave me alone 🏁 keep",
            t(Open, "Leave me alone").when_done("keep"),
        ),
        (
            "- [ ] Delete me upon completion 🏁 delete",
            t(Open, "Delete me upon completion").when_done("delete"),
        ),
        (
            "- [ ] Pay rent 📅 2021-05-20 🔁 every day when done 🏁 delete",
            t(Open, "Pay rent")
                .due("2021-05-20")
                .every("every day when done")
                .when_done("delete"),
        ),
        // Priorities.
        (
            "- [ ] Write report 🔺",
            t(Open, "Write report").prio(Highest),
        ),
        ("- [ ] Write report ⏫", t(Open, "Write report").prio(High)),
        (
            "- [ ] Write report 🔼",
            t(Open, "Write report").prio(Medium),
        ),
        ("- [ ] Write report 🔽", t(Open, "Write report").prio(Low)),
        (
            "- [ ] Write report ⏬",
            t(Open, "Write report").prio(Lowest),
        ),
        (
            "- [ ] Variation selector ⏫\u{FE0F}",
            t(Open, "Variation selector").prio(High),
        ),
        // Dates, each signifier.
        (
            "- [ ] Fly 🛫 2021-04-09",
            t(Open, "Fly").start("2021-04-09"),
        ),
        (
            "- [ ] Made ➕ 2021-04-09",
            t(Open, "Made").created("2021-04-09"),
        ),
        (
            "- [ ] Plan ⏳ 2021-04-09",
            t(Open, "Plan").scheduled("2021-04-09"),
        ),
        (
            "- [ ] Plan ⌛ 2021-04-09",
            t(Open, "Plan").scheduled("2021-04-09"),
        ),
        ("- [ ] Due 📆 2021-04-09", t(Open, "Due").due("2021-04-09")),
        ("- [ ] Due 🗓 2021-04-09", t(Open, "Due").due("2021-04-09")),
        (
            "- [ ] No space 📅2022-07-02",
            t(Open, "No space").due("2022-07-02"),
        ),
        (
            "- [ ] Twice 📅 2021-01-01 📅 2021-02-02",
            t(Open, "Twice").due("2021-01-01"),
        ),
        (
            "- [ ] Meet Bob 📅 2021-09-12 at noon",
            t(Open, "Meet Bob 📅 2021-09-12 at noon"),
        ),
        // Every field, in the order Tasks writes them.
        (
            "- [x] Everything 🆔 abc123 ⛔ def456 🔺 🔁 every day when done 🏁 keep ➕ 2023-04-13 🛫 2023-04-14 ⏳ 2023-04-15 📅 2023-04-16 ✅ 2023-04-17 ^my-block",
            t(Done, "Everything")
                .id("abc123")
                .after(&["def456"])
                .prio(Highest)
                .every("every day when done")
                .when_done("keep")
                .created("2023-04-13")
                .start("2023-04-14")
                .scheduled("2023-04-15")
                .due("2023-04-16")
                .done("2023-04-17")
                .block("^my-block"),
        ),
        (
            "- [-] Cancel it 🔽 ➕ 2023-04-13 📅 2023-04-16 ❌ 2023-04-17",
            t(Cancelled, "Cancel it")
                .prio(Low)
                .created("2023-04-13")
                .due("2023-04-16")
                .cancelled("2023-04-17"),
        ),
        // Statuses: Tasks' four, and unknown symbols read as to-dos.
        ("- [/] Half way", t(InProgress, "Half way")),
        ("- [X] Capital X", t(Done, "Capital X")),
        ("- [>] Forwarded", t(Open, "Forwarded")),
        ("- [!] Important", t(Open, "Important")),
        ("- [?] Question", t(Open, "Question")),
        (
            "- [D] Deferred 📅 2021-08-01",
            t(Open, "Deferred").due("2021-08-01"),
        ),
        ("- [<] Scheduled elsewhere", t(Open, "Scheduled elsewhere")),
        (
            "- [ ]    Spaces after the box",
            t(Open, "Spaces after the box"),
        ),
        // List markers Tasks accepts.
        ("* [ ] Star ⏫", t(Open, "Star").prio(High)),
        ("+ [x] Plus", t(Done, "Plus")),
        (
            "1. [ ] Numbered 📅 2021-01-01",
            t(Open, "Numbered").due("2021-01-01"),
        ),
        ("> - [ ] Quoted 🔼", t(Open, "Quoted").prio(Medium)),
        // An explicit mark beats strike-through.
        ("- [x] ~~Shipped the beta~~", t(Done, "Shipped the beta")),
        (
            "- [-] ~~Struck and cancelled~~",
            t(Cancelled, "Struck and cancelled"),
        ),
        ("- [ ] ~~Gave up~~", t(Dropped, "Gave up")),
        ("- [/] ~~Stopped half way~~", t(Dropped, "Stopped half way")),
        // An on-completion word Tasks does not know is read and ignored.
        ("- [ ] Tidy 🏁 archive", t(Open, "Tidy")),
    ];
    assert!(cases.len() >= 40, "{} lines", cases.len());
    let statuses = TaskStatuses::default();
    for (line, want) in &cases {
        assert_eq!(&read_with(line, &statuses), want, "{line}");
    }
}

#[test]
fn site_toml_says_what_a_symbol_means() {
    let statuses = TaskStatuses::default()
        .with('>', TaskKind::InProgress)
        .with('D', TaskKind::Done)
        .with('?', TaskKind::Cancelled)
        .with('~', TaskKind::NotATask)
        .with('x', TaskKind::Cancelled);
    let cases = [
        ("- [>] Forwarded", Status::InProgress, true),
        ("- [D] Deferred", Status::Done, true),
        ("- [?] Maybe", Status::Cancelled, true),
        ("- [x] Marked x", Status::Cancelled, true),
        ("- [~] Pro: fast builds 📅 2021-01-01", Status::Note, false),
        ("- [!] Unlisted", Status::Open, true),
    ];
    for (line, status, task) in cases {
        let e = entry_with(line, &statuses);
        assert_eq!((e.status, e.task), (status, task), "{line}");
        let e = entry_with(line, &TaskStatuses::default());
        assert!(e.task, "a task with Tasks' defaults: {line}");
    }
    // Not a task: the checkbox goes, the text stays whole, nothing counts.
    let r = read_with("- [~] Pro: fast builds 📅 2021-01-01", &statuses);
    assert_eq!(r.text, "Pro: fast builds 📅 2021-01-01");
    assert_eq!(r.dates, Dates::default());
}

#[test]
fn the_page_shows_recurrence_and_dependencies_as_chips() {
    let (_, rendered, diags) = load_with(
        "- [ ] Plan 📅 2021-09-12 #work 🔁 every week 🆔 plan-1 ⛔ a1,b2 🏁 delete ^blk\n",
        &Settings::default(),
        "2021-06-01",
    );
    assert!(diags.is_empty(), "{diags:?}");
    let html = &rendered.html.text();
    assert!(html.contains("Plan #work <span class=\"chips\">"), "{html}");
    for chip in [
        "<span class=\"chip chip-recurrence\"><span class=\"chip-label\">Repeats</span> every week</span>",
        "<span class=\"chip chip-on-completion\"><span class=\"chip-label\">When done</span> delete</span>",
        "<span class=\"chip chip-id\"><span class=\"chip-label\">ID</span> plan-1</span>",
        "<span class=\"chip chip-depends-on\"><span class=\"chip-label\">After</span> a1, b2</span>",
        "<time datetime=\"2021-09-12\">",
    ] {
        assert!(html.contains(chip), "no {chip} in {html}");
    }
    // A dependency on a task of the same roadmap shows that task's text.
    let (_, rendered, _) = load_with(
        "- [ ] Build a first draft 🆔 draft1\n- [ ] Test with users ⛔ draft1,other9\n",
        &Settings::default(),
        "2021-06-01",
    );
    assert!(
        rendered.html.text().contains("<span class=\"chip chip-depends-on\"><span class=\"chip-label\">After</span> Build a first draft, other9</span>"),
        "{}",
        rendered.html.text()
    );
    // Tags after markup keep their space.
    let (_, rendered, _) = load_with(
        "- [ ] **Plan** 📅 2021-09-12 #work\n",
        &Settings::default(),
        "2021-06-01",
    );
    assert!(
        rendered
            .html
            .text()
            .contains("<strong>Plan</strong> #work <span class=\"chips\">"),
        "{}",
        rendered.html.text()
    );
    for raw in ["🔁", "🆔", "⛔", "🏁", "📅", "^blk"] {
        assert!(!html.contains(raw), "raw `{raw}` left in {html}");
    }
}

#[test]
fn text_that_looks_like_a_task_but_is_not_gets_a_warning() {
    let text = "## Skills\n\n- [Done] TypeScript\n- [] Rust\n- [x] Go\n- [2024] Joined Acme\n";
    let (r, _, diags) = load_with(text, &Settings::default(), "2021-06-01");
    let found: Vec<(usize, usize, &str)> = diags.iter().map(|d| (d.line, d.col, d.code)).collect();
    assert_eq!(
        found,
        [(3, 3, "roadmap-not-a-task"), (4, 3, "roadmap-not-a-task")],
        "{diags:?}"
    );
    assert!(diags.iter().all(|d| !d.is_error()));
    assert!(
        diags[0].message.contains("`[Done]`"),
        "{}",
        diags[0].message
    );
    assert_eq!(r.tally().counted(), 1, "only `[x] Go` is a task");

    let text =
        "## Objectives\n\n    - [ ] Learn Rust\n    - [x] Read the book\n    - notes\n\nDone.\n";
    let (r, _, diags) = load_with(text, &Settings::default(), "2021-06-01");
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!((d.code, d.line, d.col), ("roadmap-indented-tasks", 3, 1));
    assert!(
        d.message.starts_with("2 task lines indented four spaces"),
        "{}",
        d.message
    );
    assert!(!d.is_error());
    assert!(r.entries.is_empty());
    // A date Tasks does not read, because words follow it.
    let (r, _, diags) = load_with(
        "- [ ] Meet Bob 📅 2021-09-12 at noon ⏫\n",
        &Settings::default(),
        "2021-06-01",
    );
    assert_eq!(r.entries[0].dates.due, None);
    assert_eq!(r.entries[0].own_priority, Some(Priority::High));
    let found: Vec<(usize, usize, &str)> = diags.iter().map(|d| (d.line, d.col, d.code)).collect();
    assert_eq!(found, [(1, 16, "roadmap-buried-field")], "{diags:?}");
    assert!(
        diags[0]
            .message
            .starts_with("`📅 2021-09-12` is followed by other text")
    );
    // Code that is not a checklist says nothing.
    let (_, _, diags) = load_with(
        "## A\n\n    let x = [1];\n",
        &Settings::default(),
        "2021-06-01",
    );
    assert!(diags.is_empty(), "{diags:?}");
}
