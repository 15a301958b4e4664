//! A roadmap written as the Obsidian Tasks plugin writes tasks (emoji
//! fields, tags and block ids among them, custom checkbox symbols set in
//! `site.toml`) builds with the meaning Tasks gives each line, and the
//! lines that look like tasks but are not warn in `build` and `check` alike.

mod support;

use support::{Running, Site};

const TODAY: &[&str] = &["--today", "2021-06-01"];

#[test]
fn a_tasks_roadmap_keeps_its_dates_priorities_recurrence_and_dependencies() {
    let site = Site::copy("obsidian-tasks");
    let out = site.build(TODAY);
    out.assert_ok();
    let page = site.read_private("roadmaps/vault/index.html");
    // Tags after the due date do not hide it: due, high priority.
    assert!(
        page.contains("<li class=\"entry entry-open\"><span class=\"status status-open\">Open</span> Plan the week #work #q3 <span class=\"chips\"><span class=\"chip chip-priority chip-priority-high\">High priority</span><span class=\"chip chip-due\"><span class=\"chip-label\">Due</span> <time datetime=\"2021-09-12\">"),
        "{page}"
    );
    assert!(
        page.contains("Take out the trash <span class=\"chips\">"),
        "{page}"
    );
    assert!(page.contains("<span class=\"chip chip-recurrence\"><span class=\"chip-label\">Repeats</span> every Sunday</span>"));
    assert!(page.contains(
        "<span class=\"chip chip-id\"><span class=\"chip-label\">ID</span> draft1</span>"
    ));
    assert!(page.contains(
        "<span class=\"chip chip-depends-on\"><span class=\"chip-label\">After</span> Build a first draft</span>"
    ));
    // Overdue by its due date: the date shows once, in the overdue chip.
    assert!(page.contains("Water plants <span class=\"chips\"><span class=\"chip chip-overdue\">Overdue: was due <time datetime=\"2021-05-02\">"), "{page}");
    // Custom statuses: `>` in progress by site.toml, `!` and `?` to-dos by
    // Tasks' default, `~` not a task.
    assert!(page.contains(
        "<span class=\"status status-in-progress\">In progress</span> Forwarded to next week"
    ));
    assert!(page.contains("<span class=\"status status-open\">Open</span> Call the landlord"));
    assert!(page.contains("<span class=\"status status-open\">Open</span> Ask about the lease"));
    assert!(
        page.contains("<li>Pro: the plan fits on a page</li>"),
        "{page}"
    );
    // An explicit `[x]` beats strike-through; without a done mark it drops.
    assert!(
        page.contains("<span class=\"status status-done\">Done</span> <del>Shipped the beta</del>"),
        "{page}"
    );
    assert!(
        page.contains(
            "<span class=\"status status-dropped\">Dropped</span> <del>Learn Haskell</del>"
        )
    );
    // 1 done of 9 counted (7 open, 1 in progress): the dropped one and the
    // note do not count.
    assert!(
        page.contains("Habits <span class=\"cookie\">[1/9]</span>"),
        "{page}"
    );
    // The dashboard's objective lists (the theme's entry partial) show the
    // recurrence too.
    let dashboard = site.read_private("dashboard/index.html");
    assert!(
        dashboard.contains(
            "Take out the trash <span class=\"chips\"><span class=\"chip chip-recurrence\">"
        ),
        "{dashboard}"
    );
    // Overdue by its due date: the date once, in the overdue chip.
    assert!(dashboard.contains("<span class=\"chip chip-recurrence\"><span class=\"chip-label\">Repeats</span> every Sunday</span><span class=\"chip chip-overdue\">Overdue: was due <time datetime=\"2021-04-25\">"));
    for raw in [
        "🔁", "🆔", "⛔", "🏁", "📅", "⏫", "^trash", "[&gt;]", "[!]", "[~]",
    ] {
        assert!(!page.contains(raw), "raw `{raw}` left in the page");
    }
}

#[test]
fn task_like_text_warns_in_build_and_check_alike() {
    let site = Site::copy("obsidian-tasks");
    let build = site.build(TODAY);
    build.assert_ok();
    let root = site.root_string();
    let check = site.run(&["check", "--root", &root]);
    // `build` reports on stderr, `check` prints its findings on stdout.
    for (what, err) in [("build", &build.stderr), ("check", &check.stdout)] {
        assert!(
            err.contains(
                "content/roadmaps/vault.md:22:3: warning: `[Done]` is not a task's checkbox"
            ),
            "{what}: {err}"
        );
        assert!(
            err.contains(
                "content/roadmaps/vault.md:27:1: warning: 2 task lines indented four spaces or more"
            ),
            "{what}: {err}"
        );
    }
}

/// A vault's note with wikilinks, an embed and a callout folio does not
/// read: the page shows them as written (never a link to an address that
/// does not exist), each with a warning at its line and column, in the
/// order of the file; a roadmap's wikilinks too, and its model (and so
/// `progress.json`) keeps a task's wikilink as written.
#[test]
fn wikilinks_embeds_and_callouts_are_shown_as_written_with_warnings() {
    let site = Site::copy("obsidian-tasks");
    site.write(
        "content/notes/vault-note.md",
        "---\ntitle: Vault note\n---\n\n> [!tip]- Folded\n> Hidden.\n\nSee [[vault]], [[vault#Week|the week]] and ![[chart.png]].\n",
    );
    let roadmap = std::fs::read_to_string(site.path("content/roadmaps/vault.md")).unwrap();
    site.write(
        "content/roadmaps/vault.md",
        &format!("{roadmap}\nSee [[vault-note]].\n\n- [ ] Read [[Some Book|the book]] first\n"),
    );
    let line = roadmap.lines().count() + 2;
    let out = site.build(TODAY);
    out.assert_ok();
    let warnings: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("content/notes/vault-note.md:"))
        .collect();
    assert_eq!(
        warnings,
        [
            "content/notes/vault-note.md:5:1: warning: `> [!tip]- Folded` is shown as written: folio reads GitHub's alerts, not Obsidian's callouts (`[!tip]`)",
            "content/notes/vault-note.md:8:5: warning: `[[vault]]` is shown as written: folio does not read Obsidian's wikilinks",
            "content/notes/vault-note.md:8:16: warning: `[[vault#Week|the week]]` is shown as written: folio does not read Obsidian's wikilinks",
            "content/notes/vault-note.md:8:44: warning: `![[chart.png]]` is shown as written: folio does not read Obsidian's wikilinks",
        ],
        "{}",
        out.stderr
    );
    let roadmap_warning = format!(
        "content/roadmaps/vault.md:{line}:5: warning: `[[vault-note]]` is shown as written"
    );
    assert!(
        out.stderr.contains(&roadmap_warning),
        "{roadmap_warning}\n{}",
        out.stderr
    );
    let page = site.read_public("notes/vault-note/index.html");
    assert!(
        page.contains("<p>See [[vault]], [[vault#Week|the week]] and ![[chart.png]].</p>"),
        "{page}"
    );
    assert!(page.contains("<p>[!tip]- Folded"), "{page}");
    // The roadmap's model reads the task as written too: the dashboard's
    // data and the page agree.
    let progress = site.read_private("progress.json");
    assert!(
        progress.contains("\"Read [[Some Book|the book]] first\""),
        "{progress}"
    );
}

#[test]
fn task_like_text_warns_under_serve_too() {
    let site = Site::copy("obsidian-tasks");
    let root = site.root_string();
    // Killed when dropped.
    let mut serve = Running::start(&["serve", "--root", &root, "--port", "0"]);
    serve.wait_for("content/roadmaps/vault.md:22:3: warning: `[Done]` is not a task's checkbox");
    serve.wait_for(
        "content/roadmaps/vault.md:27:1: warning: 2 task lines indented four spaces or more",
    );
}

#[test]
fn an_impossible_date_says_it_is_not_a_real_day() {
    let site = Site::copy("obsidian-tasks");
    site.write(
        "content/roadmaps/vault.md",
        "---\ntitle: Vault plan\n---\n\n- [ ] Leap 📅 2023-02-29\n",
    );
    let out = site.build(TODAY);
    out.assert_code(1);
    assert!(
        out.stderr.contains(
            "content/roadmaps/vault.md:5:12: error: `2023-02-29` is not a real day (February 2023 has 28 days)"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn a_bad_task_status_in_site_toml_is_an_error_at_its_line() {
    let site = Site::copy("obsidian-tasks");
    site.write(
        "site.toml",
        "title = \"t\"\nbase_url = \"https://example.org/\"\n\n[task_statuses]\n\"!\" = \"urgent\"\n",
    );
    let out = site.build(TODAY);
    out.assert_code(1);
    assert!(
        out.stderr.contains(
            "site.toml:5:1: error: `task_statuses`: `!` = \"urgent\" is not a status folio knows"
        ),
        "{}",
        out.stderr
    );
}
