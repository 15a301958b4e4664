//! The plan as a timeline, tracked or not, end to end: the dashboard's
//! timeline SVG, "Now", the real reasons "Overdue" and "Next up" are
//! empty, and `folio tasks`, which turns a section's plain bullets into
//! tasks only when asked (with a dry run that prints a unified diff).

mod support;

use support::{Site, output_of};

fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("missing {from:?}"));
    let rest = &html[start..];
    let end = rest[from.len()..]
        .find(to)
        .map_or(rest.len(), |i| i + from.len());
    &rest[..end]
}

fn dashboard(site: &Site) -> String {
    site.build(&["--today", "2026-09-01"]).assert_ok();
    site.read_private("dashboard/index.html")
}

#[test]
fn the_timeline_draws_each_sections_window_priority_and_progress() {
    let site = Site::copy("timeline");
    let html = dashboard(&site);
    let svg = between(&html, "<svg class=\"timeline\"", "</svg>");
    assert!(
        svg.contains("aria-label=\"Timeline: 8 sections of 2 roadmaps from 1 Jan 2026 to 31 Dec 2027; today is 1 Sep 2026; 2 sections hold today.\""),
        "{svg}"
    );
    // One bar per dated section, coloured by priority; none for the
    // roadmap without a start date.
    assert_eq!(svg.matches("class=\"tl-bar ").count(), 7, "{svg}");
    for class in [
        "tl-p-highest",
        "tl-p-high",
        "tl-p-medium",
        "tl-p-low",
        "tl-p-none",
    ] {
        assert!(
            svg.contains(&format!("class=\"tl-bar {class}\"")),
            "{class}"
        );
    }
    // The priority in words, the title and the progress on every row.
    assert!(svg.contains("<tspan class=\"tl-prio\">High</tspan> · Quantify impact · no tasks"));
    assert!(svg.contains("<tspan class=\"tl-prio\">Low</tspan> · Write articles · 2 of 2 done"));
    assert!(svg.contains("<tspan class=\"tl-prio\">Highest</tspan> · Board work · no tasks"));
    // Done is filled: the whole window of a finished section (and of the
    // horizon holding it, whose only tasks those are), nothing of an
    // untracked one.
    assert_eq!(svg.matches("class=\"tl-done\"").count(), 2, "{svg}");
    assert!(svg.contains("<rect class=\"tl-window\" x=\"8.0\" y=\"224.0\" width=\"154.9\" height=\"12\" rx=\"3\"/><rect class=\"tl-done\" x=\"8.0\" y=\"224.0\" width=\"154.9\""));
    // Today is marked; the undated roadmap says why it has no bars.
    assert!(svg.contains("class=\"tl-today\"") && svg.contains(">Today</text>"));
    assert!(svg.contains(">Side project</text>"));
    assert!(svg.contains("No start date, so no windows"));
    assert!(svg.contains(
        "<tspan class=\"tl-prio\">High</tspan> · First steps (Next 3 months) · no tasks"
    ));
    // No horizon, no row.
    assert!(!svg.contains("Ideas"));
    // Drawn at build time: no script in the chart (the browser test reads
    // it with JavaScript off).
    assert!(!svg.contains("<script"));
}

#[test]
fn now_lists_todays_sections_highest_priority_first_tracked_or_not() {
    let site = Site::copy("timeline");
    let html = dashboard(&site);
    let now = between(&html, "<h2>Now</h2>", "</section>");
    let board = now.find("Board work").expect("Board work is now");
    let speaking = now.find("Speaking").expect("Speaking is now");
    assert!(board < speaking, "highest priority first: {now}");
    assert!(now.contains("chip-priority-highest\">Highest</span>"));
    assert!(now.contains("not tracked: no tasks · window ends <time datetime=\"2026-12-31\">"));
    assert!(now.contains("0 of 1 done"));
    for not_now in ["Quantify impact", "Write a book", "First steps"] {
        assert!(!now.contains(not_now), "{not_now} is not now: {now}");
    }
}

#[test]
fn empty_overdue_and_next_up_say_the_real_reason() {
    let site = Site::copy("timeline");
    let html = dashboard(&site);
    let overdue = between(&html, "<h2>Overdue</h2>", "</section>");
    assert!(
        overdue.contains("Side project names horizons but has no start date."),
        "{overdue}"
    );
    assert!(
        overdue.contains("1 section whose window has ended has no tasks, so nothing in it can be overdue: <a href=\"../roadmaps/growth/#quantify-impact\">Quantify impact</a> (Growth plan)."),
        "{overdue}"
    );
    assert!(!overdue.contains("Nothing is overdue."));
    let next = between(&html, "<h2>Next up</h2>", "</section>");
    assert!(
        next.contains("4 high-priority sections have no tasks:"),
        "{next}"
    );
    assert!(
        next.contains("<code>folio tasks ROADMAP --section NAME</code> turns its plain bullets into tasks for you."),
        "points to the command: {next}"
    );
}

#[test]
fn a_site_without_start_dates_says_so_instead_of_inventing_windows() {
    let site = Site::copy("timeline");
    let growth = std::fs::read_to_string(site.path("content/roadmaps/growth.md")).unwrap();
    site.write(
        "content/roadmaps/growth.md",
        &growth.replace("start: 2026-01-01\n", ""),
    );
    let html = dashboard(&site);
    let svg = between(&html, "<svg class=\"timeline\"", "</svg>");
    assert!(
        !svg.contains("tl-bar") && !svg.contains("tl-today"),
        "{svg}"
    );
    assert_eq!(svg.matches("No start date, so no windows").count(), 2);
    let now = between(&html, "<h2>Now</h2>", "</section>");
    assert!(
        now.contains("Nothing can be placed on today: Growth plan, Side project name horizons but have no start date."),
        "{now}"
    );
}

#[test]
fn tasks_dry_run_prints_a_diff_that_patch_applies_and_writes_nothing() {
    let site = Site::copy("timeline");
    let file = site.path("content/roadmaps/growth.md");
    let before = std::fs::read(&file).unwrap();
    let root = site.root_string();
    let out = site.run(&[
        "tasks",
        "--root",
        &root,
        "growth",
        "--section",
        "quantify impact",
        "--dry-run",
    ]);
    out.assert_ok();
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "a dry run writes nothing"
    );
    assert!(
        out.stdout
            .contains("\n-- Document team size\n+- [ ] Document team size\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("\n-  - per stage\n+  - [ ] per stage\n"),
        "nested bullets too"
    );
    assert!(
        out.stdout
            .starts_with("--- a/content/roadmaps/growth.md\n+++ b/content/roadmaps/growth.md\n@@ "),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("Present to the board"),
        "only the section"
    );
    assert!(
        out.stderr
            .contains("3 plain bullets would become tasks (dry run: nothing written)"),
        "{}",
        out.stderr
    );
    // The diff is a real unified diff: `git apply` applies it (from the
    // site's root, outside any repository), giving exactly what the
    // command writes.
    let diff = site.path("change.diff");
    std::fs::write(&diff, &out.stdout).unwrap();
    let applied = output_of(
        std::process::Command::new("git")
            .current_dir(site.root())
            .arg("apply")
            .arg(&diff),
    );
    assert_eq!(applied.code, 0, "{}{}", applied.stdout, applied.stderr);
    let patched = std::fs::read(&file).unwrap();
    assert_ne!(patched, before);
    std::fs::write(&file, &before).unwrap();
    site.run(&[
        "tasks",
        "--root",
        &root,
        "growth",
        "--section",
        "quantify impact",
    ])
    .assert_ok();
    assert_eq!(std::fs::read(&file).unwrap(), patched);
}

#[test]
fn tasks_change_only_the_sections_plain_bullets_and_the_dashboard_tracks_them() {
    let site = Site::copy("timeline");
    let file = site.path("content/roadmaps/growth.md");
    let before = std::fs::read_to_string(&file).unwrap();
    let out = site.run(&[
        "tasks",
        "--root",
        &site.root_string(),
        "content/roadmaps/growth.md",
        "--section",
        "Immediate",
    ]);
    // A path from the site's root names the roadmap too.
    out.assert_ok();
    let after = std::fs::read_to_string(&file).unwrap();
    let expected = before
        .replace("- Document team size", "- [ ] Document team size")
        .replace("- Measure pipeline speed", "- [ ] Measure pipeline speed")
        .replace("  - per stage", "  - [ ] per stage");
    assert_eq!(after, expected, "only the section's plain bullets change");
    assert!(
        after.contains("- Present to the board"),
        "other sections untouched"
    );
    let html = dashboard(&site);
    let overdue = between(&html, "<h2>Overdue</h2>", "</section>");
    assert!(
        overdue.contains("Document team size"),
        "tracked now, and late: {overdue}"
    );
    let svg = between(&html, "<svg class=\"timeline\"", "</svg>");
    assert!(svg.contains("Quantify impact · 0 of 3 done"), "{svg}");
}

#[test]
fn tasks_keep_crlf_code_and_existing_tasks_byte_for_byte() {
    let site = Site::copy("timeline");
    let text = "---\r\ntitle: Crlf\r\ntags:\r\n  - kept\r\n---\r\n\r\n## Plan (Next 6 months)\r\n\r\n- one\r\n- [x] done\r\n- [>] deferred\r\n\r\n```\r\n- in code\r\n```\r\n\r\n1. first\r\n";
    site.write("content/roadmaps/crlf.md", text);
    site.run(&["tasks", "--root", &site.root_string(), "crlf.md"])
        .assert_ok();
    let after = std::fs::read(site.path("content/roadmaps/crlf.md")).unwrap();
    let expected = text
        .replace("\r\n- one\r\n", "\r\n- [ ] one\r\n")
        .replace("1. first", "1. [ ] first");
    assert_eq!(String::from_utf8(after).unwrap(), expected);
    let leftovers: Vec<_> = std::fs::read_dir(site.path("content/roadmaps"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary file left: {leftovers:?}"
    );
}

#[test]
fn tasks_with_an_unknown_section_or_roadmap_is_a_usage_error_and_writes_nothing() {
    let site = Site::copy("timeline");
    let file = site.path("content/roadmaps/growth.md");
    let before = std::fs::read(&file).unwrap();
    let root = site.root_string();
    let out = site.run(&["tasks", "--root", &root, "growth", "--section", "Year 9"]);
    out.assert_code(2);
    assert!(
        out.stderr.contains("no section \"Year 9\" in this roadmap"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("quantify impact"),
        "lists the headings: {}",
        out.stderr
    );
    let out = site.run(&["tasks", "--root", &root, "growth", "--section", "m"]);
    out.assert_code(2);
    assert!(
        out.stderr.contains("sections; give more of the heading"),
        "{}",
        out.stderr
    );
    let out = site.run(&["tasks", "--root", &root, "nope"]);
    out.assert_code(2);
    assert!(out.stderr.contains("no roadmap nope"), "{}", out.stderr);
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

/// The owner's own roadmaps (this repository's `content/`): plans written
/// as plain bullets under `Priority:` lines and horizon headings. Whether
/// or not history supplies start dates, every prioritised section is on
/// the timeline with its priority in words, and says it has no tasks.
#[test]
fn the_owners_sections_are_on_the_timeline_with_their_priorities() {
    let site_root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out_dir = tempfile::tempdir().unwrap();
    support::run_folio(&[
        "build",
        "--no-cache",
        "--root",
        site_root.to_str().unwrap(),
        "--out",
        out_dir.path().join("public").to_str().unwrap(),
        "--private-out",
        out_dir.path().join("private").to_str().unwrap(),
        "--today",
        "2026-09-01",
    ])
    .assert_ok();
    let html =
        std::fs::read_to_string(out_dir.path().join("private/dashboard/index.html")).unwrap();
    let svg = between(&html, "<svg class=\"timeline\"", "</svg>");
    for row in [
        "<tspan class=\"tl-prio\">High</tspan> · 1. Quantify Current Role Impact · no tasks",
        "<tspan class=\"tl-prio\">High</tspan> · 2. Thought Leadership Development · no tasks",
        "<tspan class=\"tl-prio\">Medium</tspan> · 3. Board/Investor Relations Experience · no tasks",
    ] {
        assert!(svg.contains(row), "{row}");
    }
    assert!(html.contains("<h2>Now</h2>"));
}
