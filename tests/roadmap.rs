//! Roadmaps end to end: the private dashboard and roadmap pages, overdue
//! objectives and horizon windows under a fixed "today", the Obsidian Tasks
//! syntax in a CRLF file with a BOM, `progress.json`, public "Now" pages, and
//! the rule that no private roadmap text reaches the public site.

mod support;

use support::{Output, Site, output_of, read_tree};

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// The part of `html` from `from` up to the next `to` (or the end).
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(from).unwrap_or_else(|| panic!("no {from:?}"));
    let rest = &html[start..];
    let end = rest[from.len()..]
        .find(to)
        .map_or(rest.len(), |i| i + from.len());
    &rest[..end]
}

/// `needles` appear in `text` in this order.
#[track_caller]
fn in_order(text: &str, needles: &[&str]) {
    let mut at = 0;
    for n in needles {
        match text[at..].find(n) {
            Some(i) => at += i + n.len(),
            None => panic!("{n:?} missing or out of order in:\n{text}"),
        }
    }
}

fn progress_json(site: &Site) -> serde_json::Value {
    serde_json::from_str(&site.read_private("progress.json")).expect("valid JSON")
}

/// `folio build` for `site` with extra environment variables.
fn build_with_env(site: &Site, extra: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = site.build_command(extra);
    cmd.env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        cmd.env(k, v);
    }
    output_of(&mut cmd)
}

#[test]
fn dashboard_shows_overall_cards_priorities_horizons_overdue_and_next_up() {
    let site = Site::copy("roadmaps");
    site.build(&["--today", "2026-09-01"]).assert_ok();
    let html = site.read_private("dashboard/index.html");
    assert!(html.contains("as of <time datetime=\"2026-09-01\">1 Sep 2026</time>"));
    let overall = between(&html, "<h2>Progress</h2>", "<h2>");
    assert!(overall.contains("3 of 11 done · 27%"), "{overall}");
    assert!(overall.contains("<svg class=\"burnup\""), "overall burn-up");

    let cards = between(&html, "<h2>Roadmaps</h2>", "<h2>");
    in_order(
        cards,
        &[
            "href=\"../roadmaps/career/\">Career plan</a>",
            "2 of 8 done · 25%",
            "3 overdue",
            "href=\"../roadmaps/health/\">Health</a>",
            "1 of 3 done · 33%",
        ],
    );

    let priorities = between(&html, "<h2>By priority</h2>", "<h2>");
    in_order(
        priorities,
        &[
            "<tr class=\"group-highest\"><th scope=\"row\">Highest</th>",
            "0 of 1 done",
            "group-high\"><th scope=\"row\">High</th>",
            "1 of 5 done",
            "group-medium\"><th scope=\"row\">Medium</th>",
            "1 of 2 done",
            "group-low\"><th scope=\"row\">Low</th>",
            "0 of 1 done",
            "group-none\"><th scope=\"row\">No priority</th>",
            "1 of 2 done",
        ],
    );
    let horizons = between(&html, "<h2>By horizon</h2>", "<h2>");
    in_order(
        horizons,
        &[
            "Months 0–6",
            "1 of 4 done",
            "Months 0–12",
            "1 of 3 done",
            "Months 6–18",
            "1 of 3 done",
            "Months 24–36",
            "0 of 1 done",
        ],
    );

    let overdue = between(&html, "<h2>Overdue</h2>", "<h2>");
    in_order(
        overdue,
        &[
            "Ask three peers for feedback",
            "horizon ended <time datetime=\"2026-06-30\">",
            "href=\"../roadmaps/career/#now-next-6-months\">Career plan › Now (Next 6 months)</a>",
            "Write the first article",
            "horizon ended",
            "Keynote somewhere",
            "was due <time datetime=\"2026-08-15\">15 Aug 2026</time>",
        ],
    );
    let next = between(&html, "<h2>Next up</h2>", "</section>");
    assert!(next.contains("Give a talk at a meetup"), "{next}");
    assert!(
        !next.contains("Run a 10k"),
        "a farther horizon waits: {next}"
    );

    // The first screen: figures, then Overdue and Next up, then the
    // burn-up, the cards, and the tables.
    in_order(
        &html,
        &[
            "<dl class=\"dash-figures\">",
            "<h2>Overdue</h2>",
            "<h2>Next up</h2>",
            "<svg class=\"burnup\"",
            "<h2>Roadmaps</h2>",
            "<h2>By priority</h2>",
            "<h2>By horizon</h2>",
        ],
    );
    let figures = between(&html, "<dl class=\"dash-figures\">", "</dl>");
    in_order(
        figures,
        &[
            "<dt>Done</dt><dd><strong>3 of 11</strong> · 27%",
            "<dt>Done, last 30 days</dt><dd><strong>0</strong>",
            "<dt>Done, last 90 days</dt><dd><strong>0</strong>",
            "<dt>Overdue</dt><dd><strong>3</strong>",
            "<dt>Next due</dt><dd><strong><time datetime=\"2026-12-01\">1 Dec 2026</time></strong> <span class=\"figure-what\">Give a talk at a meetup</span>",
        ],
    );
    // An objective overdue by its due date shows that date once.
    let keynote = between(overdue, "Keynote somewhere", "</li>");
    assert_eq!(keynote.matches("15 Aug 2026").count(), 1, "{keynote}");

    let home = site.read_private("index.html");
    assert!(
        home.contains("<a href=\"./dashboard/\">Dashboard</a>"),
        "private nav"
    );
    assert!(!site.read_public("index.html").contains("Dashboard"));
}

#[test]
fn overdue_and_horizon_windows_follow_today() {
    let site = Site::copy("roadmaps");
    site.build(&["--today", "2026-03-01"]).assert_ok();
    let html = site.read_private("dashboard/index.html");
    assert!(between(&html, "<h2>Overdue</h2>", "<h2>").contains("Nothing is overdue."));
    in_order(
        between(&html, "<h2>Next up</h2>", "</section>"),
        &[
            "Give a talk at a meetup",
            "Ask three peers for feedback",
            "Write the first article",
        ],
    );
    let page = site.read_private("roadmaps/career/index.html");
    assert!(!page.contains("entry-overdue"));

    site.build(&["--today", "2026-09-01"]).assert_ok();
    let page = site.read_private("roadmaps/career/index.html");
    assert!(page.contains(
        "<li class=\"entry entry-open entry-overdue\"><span class=\"status status-open\">Open</span> Ask three peers for feedback"
    ));
    // The window of the first horizon, from `start: 2026-01-01`.
    assert!(page.contains(
        "<span class=\"chip chip-window\"><time datetime=\"2026-01-01\">1 Jan 2026</time> – <time datetime=\"2026-06-30\">30 Jun 2026</time></span>"
    ));
    // Health starts from its `date:`; its Year 1 has not ended.
    let json = progress_json(&site);
    let health = &json["roadmaps"][1];
    assert_eq!(health["start"], "2026-02-01");
    assert_eq!(health["start_from"], "date");
    assert_eq!(health["sections"][0]["horizon"]["until"], "2027-01-31");
}

#[test]
fn today_comes_from_source_date_epoch_unless_the_flag_is_given() {
    let site = Site::copy("roadmaps");
    // 2026-03-01T00:00:00Z
    build_with_env(&site, &[], &[("SOURCE_DATE_EPOCH", "1772323200")]).assert_ok();
    assert!(
        site.read_private("dashboard/index.html")
            .contains("as of <time datetime=\"2026-03-01\">")
    );
    build_with_env(
        &site,
        &["--today", "2026-09-01"],
        &[("SOURCE_DATE_EPOCH", "1772323200")],
    )
    .assert_ok();
    assert!(
        site.read_private("dashboard/index.html")
            .contains("as of <time datetime=\"2026-09-01\">")
    );
    let bad = build_with_env(&site, &[], &[("SOURCE_DATE_EPOCH", "soon")]);
    bad.assert_code(2);
    assert!(
        bad.stderr.contains("SOURCE_DATE_EPOCH `soon`"),
        "{}",
        bad.stderr
    );
    let bad = site.build(&["--today", "2026-02-30"]);
    bad.assert_code(2);
    assert!(bad.stderr.contains("2026-02-30"), "{}", bad.stderr);
}

#[test]
fn roadmap_page_has_outline_cookies_chips_and_the_whole_document() {
    let site = Site::copy("roadmaps");
    site.build(&["--today", "2026-09-01"]).assert_ok();
    let page = site.read_private("roadmaps/career/index.html");
    let summary = between(&page, "<header class=\"page-header\">", "</header>");
    assert!(summary.contains("2 of 8 done · 25%"), "{summary}");
    assert!(summary.contains("Started <time datetime=\"2026-01-01\">"));
    assert!(page.contains("<figure class=\"burnup-figure\">\n<svg class=\"burnup\""));
    let outline = between(&page, "<nav class=\"roadmap-outline\"", "</nav>");
    in_order(
        outline,
        &[
            "<a href=\"#now-next-6-months\">Now (Next 6 months)</a> <span class=\"cookie\">[1/4]</span>",
            "1 of 4 done · 25%",
            "High priority",
            "Months 0–6",
            "<a href=\"#later-6-18-months\">Later (6-18 months)</a> <span class=\"cookie\">[33%]</span>",
            "Medium priority",
            "<a href=\"#writing\">Writing</a>",
            "<a href=\"#year-3\">Year 3</a>",
        ],
    );
    let body = between(&page, "<div class=\"prose roadmap-body\">", "</article>");
    assert!(body.contains("CAREER-PROSE-MARKER"), "the prose is kept");
    assert!(body.contains(
        "<h2 id=\"now-next-6-months\">Now (Next 6 months) <span class=\"cookie\">[1/4]</span><a class=\"anchor\""
    ));
    assert!(body.contains("<span class=\"status status-in-progress\">In progress</span> Write the first article <span class=\"chips\"><span class=\"chip chip-start\"><span class=\"chip-label\">Starts</span> <time datetime=\"2026-03-01\">1 Mar 2026</time></span>"));
    assert!(body.contains(
        "<span class=\"status status-cancelled\">Cancelled</span> <del>Start a newsletter</del>"
    ));
    assert!(body.contains(
        "<span class=\"status status-dropped\">Dropped</span> <del>Learn calligraphy</del>"
    ));
    assert!(
        body.contains("<li>Keep an eye on the market</li>"),
        "notes stay plain bullets"
    );
    for raw in ["✅", "📅", "🛫", "❌", "⏫", "🔽", "[/]", "[%]", "[-]"] {
        assert!(!body.contains(raw), "raw `{raw}` in the page");
    }
    // A `Priority:` line is shown as its chip, not as the raw line; what
    // the line says after the word stays.
    assert!(!body.contains("Priority:"), "raw priority line in {body}");
    assert!(body.contains(
        "<p class=\"section-priority\"><span class=\"chip chip-priority chip-priority-high\">High priority</span></p>"
    ));
    assert!(body.contains(
        "<p class=\"section-priority\"><span class=\"chip chip-priority chip-priority-medium\">Medium priority</span> after the basics</p>"
    ));
    // An objective overdue by its due date shows that date once.
    let keynote = between(body, "Keynote somewhere", "</li>");
    assert_eq!(keynote.matches("15 Aug 2026").count(), 1, "{keynote}");
    assert!(keynote.contains("Overdue: was due"), "{keynote}");
}

#[test]
fn progress_json_is_the_documented_model_and_only_private() {
    let site = Site::copy("roadmaps");
    site.build(&["--today", "2026-09-01"]).assert_ok();
    assert!(!site.public("progress.json").exists());
    assert!(!site.public("dashboard/index.html").exists());
    let json = progress_json(&site);
    assert_eq!(json["version"], 1);
    assert_eq!(json["today"], "2026-09-01");
    assert_eq!(json["progress"]["done"], 3);
    assert_eq!(json["progress"]["counted"], 11);
    assert_eq!(json["progress"]["percent"], 27);
    let career = &json["roadmaps"][0];
    assert_eq!(career["title"], "Career plan");
    assert_eq!(career["path"], "roadmaps/career/");
    assert_eq!(career["url"], "https://example.org/roadmaps/career/");
    assert_eq!(career["source"], "content/roadmaps/career.md");
    assert_eq!(career["visibility"], "private");
    let now = &career["sections"][0];
    assert_eq!(now["title"], "Now (Next 6 months)");
    assert_eq!(now["id"], "now-next-6-months");
    assert_eq!(now["level"], 2);
    assert_eq!(now["line"], 11);
    assert_eq!(now["priority"], "high");
    assert_eq!(now["cookie"], "[1/4]");
    assert_eq!(now["horizon"]["label"], "Next 6 months");
    assert_eq!(now["horizon"]["months_from"], 0);
    assert_eq!(now["horizon"]["months_to"], 6);
    assert_eq!(now["horizon"]["until"], "2026-06-30");
    assert_eq!(career["sections"][2]["parent"], 1, "Writing is under Later");
    let items = career["items"].as_array().unwrap();
    let item = |text: &str| {
        items
            .iter()
            .find(|i| i["text"] == text)
            .unwrap_or_else(|| panic!("no item {text}"))
    };
    let keynote = item("Keynote somewhere");
    assert_eq!(keynote["status"], "open");
    assert_eq!(keynote["priority"], "high");
    assert_eq!(keynote["own_priority"], "high");
    assert_eq!(keynote["due"], "2026-08-15");
    assert_eq!(keynote["overdue"]["reason"], "due");
    assert_eq!(item("Write the first article")["status"], "in_progress");
    assert_eq!(item("Learn calligraphy")["status"], "dropped");
    assert_eq!(item("Learn calligraphy")["task"], false);
    assert_eq!(item("Keep an eye on the market")["status"], "note");
    let overdue: Vec<(u64, u64)> = json["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["roadmap"].as_u64().unwrap(), r["item"].as_u64().unwrap()))
        .collect();
    assert_eq!(overdue.len(), 3);
    assert_eq!(
        items[overdue[0].1 as usize]["text"],
        "Ask three peers for feedback"
    );
    assert_eq!(json["burnup"][0]["date"], "2026-01-01");
    assert_eq!(json["by_priority"][0]["priority"], "highest");
}

#[test]
fn obsidian_tasks_syntax_in_a_crlf_file_with_a_bom() {
    let site = Site::copy("roadmap-tasks");
    let raw = std::fs::read(site.path("content/roadmaps/tasks.md")).unwrap();
    assert!(
        raw.starts_with(b"\xEF\xBB\xBF---\r\n"),
        "the fixture keeps its BOM and CRLF"
    );
    site.build(&["--today", "2026-09-01"]).assert_ok();
    let page = site.read_private("roadmaps/tasks/index.html");
    assert!(!page.contains('\r'));
    assert!(page.contains("Every status <span class=\"cookie\">[2/4]</span>"));
    assert!(page.contains("Every date <span class=\"cookie\">[50%]</span>"));
    for (status, text) in [
        ("open", "Open objective"),
        ("done", "Done objective"),
        ("done", "Done with a capital X"),
        ("in-progress", "Objective in progress"),
    ] {
        assert!(
            page.contains(&format!("\"status status-{status}\">")),
            "{status}"
        );
        assert!(page.contains(&format!("</span> {text}")), "{text}");
    }
    assert!(page.contains("<del>Cancelled objective</del>"));
    assert!(page.contains(
        "<span class=\"status status-dropped\">Dropped</span> <del>Dropped objective</del>"
    ));
    assert!(page.contains(
        "<span class=\"status status-dropped\">Dropped</span> <del>Dropped bullet</del>"
    ));
    in_order(
        &page,
        &[
            // Overdue by its due date: the date shows once, in the
            // overdue chip, not also as "Due".
            "Dated objective <span class=\"chips\">",
            "chip-scheduled\"><span class=\"chip-label\">Scheduled</span> <time datetime=\"2026-01-07\">",
            "chip-start\"><span class=\"chip-label\">Starts</span> <time datetime=\"2026-01-06\">",
            "chip-created\"><span class=\"chip-label\">Created</span> <time datetime=\"2026-01-05\">",
            "Overdue: was due <time datetime=\"2026-01-08\">",
            "Finished objective <span class=\"chips\"><span class=\"chip chip-done\"><span class=\"chip-label\">Done</span> <time datetime=\"2026-01-09\">",
            "Abandoned objective</del> <span class=\"chips\"><span class=\"chip chip-cancelled\"><span class=\"chip-label\">Cancelled</span> <time datetime=\"2026-01-10\">",
        ],
    );
    for p in ["Highest", "High", "Medium", "Low", "Lowest"] {
        assert!(
            page.contains(&format!(
                "{p} objective <span class=\"chips\"><span class=\"chip chip-priority chip-priority-{}\">{p} priority</span>",
                p.to_lowercase()
            )),
            "{p}"
        );
    }
    for raw in [
        "✅", "📅", "🛫", "⏳", "❌", "➕", "🔺", "⏫", "🔼", "🔽", "⏬", "::",
    ] {
        assert!(!page.contains(raw), "raw `{raw}` in the page");
    }
    let json = progress_json(&site);
    let items = json["roadmaps"][0]["items"].as_array().unwrap();
    let index = |text: &str| items.iter().position(|i| i["text"] == text).unwrap();
    let parent = index("Parent objective");
    assert_eq!(items[parent]["own_priority"], "high");
    let child = &items[index("Child objective")];
    assert_eq!(
        (child["parent"].as_u64(), child["depth"].as_u64()),
        (Some(parent as u64), Some(1))
    );
    assert_eq!(
        (child["status"].as_str(), child["done"].as_str()),
        (Some("done"), Some("2026-02-10"))
    );
    assert_eq!(items[index("Second child")]["due"], "2026-06-30");
    assert_eq!(
        items[index("Cancelled objective")]["cancelled"],
        "2026-03-03"
    );
    let t = &json["progress"];
    assert_eq!(
        (
            &t["done"],
            &t["in_progress"],
            &t["open"],
            &t["cancelled"],
            &t["dropped"]
        ),
        (&4.into(), &1.into(), &9.into(), &2.into(), &2.into())
    );
}

#[test]
fn public_site_never_contains_private_roadmap_text() {
    let site = Site::copy("roadmap-public");
    site.build(&["--today", "2026-09-01", "--drafts"])
        .assert_ok();
    let secrets = [
        "PRIVATE-ROADMAP-TITLE-1e2f",
        "PRIVATE-ROADMAP-DESCRIPTION-2f3a",
        "PRIVATE-SECTION-3a4b",
        "PRIVATE-ROADMAP-ITEM-9c0d",
        "PRIVATE-ROADMAP-DONE-4b5c",
        "roadmaps/private",
        "NOW-PROSE-SECRET-3c4d",
        "NOW-ITEM-SECRET-1a2b",
        "NOW-ITEM-SECRET-5e6f",
        "NOW-DROPPED-SECRET-7a7a",
        "NOW-BULLET-SECRET-8b8b",
        "NOW-NOTE-SECRET-9c9c",
        "OPEN-PROSE-SECRET-7a8b",
        "OPEN-DROPPED-SECRET-0d0d",
        "OPEN-BULLET-SECRET-1e1e",
        "progress.json",
        "dashboard/",
    ];
    let public = read_tree(&site.public_dir());
    assert!(public.len() > 5);
    for (path, bytes) in &public {
        for s in secrets {
            assert!(!contains(bytes, s), "public/{path} contains `{s}`");
        }
    }
    let private = read_tree(&site.private_dir());
    for s in &secrets[..15] {
        assert!(
            private.values().any(|b| contains(b, s)),
            "the private site lacks `{s}`"
        );
    }
}

#[test]
fn public_roadmap_is_a_now_page_of_titles_and_bars() {
    let site = Site::copy("roadmap-public");
    site.build(&["--today", "2026-09-01"]).assert_ok();
    let now = site.read_public("roadmaps/now/index.html");
    assert!(now.contains("<p class=\"kicker\">Now</p>\n<h1>What I am doing now</h1>"));
    assert!(now.contains("<h2 class=\"now-section-title\">Learning Rust</h2>"));
    assert!(now.contains(
        "<progress max=\"2\" value=\"1\" aria-label=\"Progress of Learning Rust\">50%</progress>"
    ));
    assert!(
        !now.contains("Notes only"),
        "sections without objectives are left out"
    );
    assert!(
        !now.contains("class=\"entry"),
        "no objectives without public_items"
    );
    assert!(
        now.contains("href=\"../../roadmaps/now/\" aria-current=\"page\">What I am doing now</a>"),
        "menu: 2 puts it in the nav"
    );
    let sitemap = site.read_public("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/roadmaps/now/</loc>"));

    let open = site.read_public("roadmaps/open/index.html");
    assert!(open.contains("<span class=\"status status-done\">Done</span>\nOPEN-ITEM-VISIBLE-5e6f ship version one"), "{open}");
    assert!(open.contains(
        "<span class=\"status status-in-progress\">In progress</span>\nOPEN-ITEM-VISIBLE-6a7b"
    ));
    // The private site has the whole roadmap page instead.
    let private = site.read_private("roadmaps/now/index.html");
    assert!(private.contains("NOW-ITEM-SECRET-1a2b read the book"));
    assert!(private.contains("class=\"prose roadmap-body\""));
}

#[test]
fn bad_task_date_is_an_error_at_its_line_and_column() {
    let site = Site::copy("roadmaps");
    site.write(
        "content/roadmaps/bad.md",
        "---\ntitle: Bad\n---\n\n## Soon\n\n- [ ] Ship it 📅 2026-13-01\n",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr.contains(
            "content/roadmaps/bad.md:7:15: error: `2026-13-01` is not a real day (there is no month 13)"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("7 | - [ ] Ship it 📅 2026-13-01"));
}

#[test]
fn the_owners_site_shows_the_real_state_of_three_roadmaps() {
    // A copy in no repository, so the checkout's history (full, shallow or
    // none) changes nothing; `tests/history.rs` builds it with history.
    let site = Site::owners();
    let out = site.build(&["--today", "2026-09-01"]);
    out.assert_ok();
    let out_dir = site.out_root();
    // No start dates in the owner's documents: a warning per roadmap that
    // names horizons, and no horizon makes anything overdue.
    assert_eq!(
        out.stderr.matches("has no dates").count(),
        2,
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains(
        "content/roadmaps/growth-opportunities.md:15:1: warning: horizon `Next 6-12 Months`"
    ));
    assert!(
        out.stderr
            .contains("content/roadmaps/deep-tech-to-startup.md:16:1: warning: horizon `YEAR 1`")
    );
    let dashboard = std::fs::read_to_string(out_dir.join("private/dashboard/index.html")).unwrap();
    assert!(between(&dashboard, "<h2>Progress</h2>", "<h2>").contains("4 of 17 done · 23%"));
    let cards = between(&dashboard, "<h2>Roadmaps</h2>", "<h2>");
    in_order(
        cards,
        &[
            "Career Roadmap: Deep Technical Authority &amp; Entrepreneurial Path",
            "No objectives yet",
            "38 plain bullets",
            "Growth Opportunities &amp; Career Development Objectives",
            "4 of 17 done · 23%",
            "<li>71 plain bullets (not counted)</li>",
            "<li>1 dropped</li>",
            "Track 4: Technical Leadership &amp; Team Management",
            "No objectives yet",
            "97 plain bullets",
        ],
    );
    // Empty lists say why, and never ask for what is already written.
    let overdue = between(&dashboard, "<h2>Overdue</h2>", "</section>");
    assert!(
        overdue.contains("nothing can be: Career Roadmap: Deep Technical Authority &amp; Entrepreneurial Path, Growth Opportunities &amp; Career Development Objectives name horizons but have no start date."),
        "{overdue}"
    );
    let next = between(&dashboard, "<h2>Next up</h2>", "</section>");
    assert!(
        next.contains("2 high-priority sections have no tasks:"),
        "{next}"
    );
    assert!(
        next.contains(">1. Quantify Current Role Impact</a>"),
        "{next}"
    );
    assert!(!next.contains("Priority: HIGH"), "{next}");
    assert!(dashboard.contains("No burn-up chart yet"));
}

#[test]
fn the_dashboard_lists_the_twenty_most_overdue_and_counts_the_rest() {
    let site = Site::copy("roadmaps");
    let tasks: String = (1..=25)
        .map(|day| format!("- [ ] Late task {day:02} 📅 2026-07-{day:02}\n"))
        .collect();
    site.write(
        "content/roadmaps/late.md",
        &format!("---\ntitle: Late\n---\n\n## Backlog\n\n{tasks}"),
    );
    site.build(&["--today", "2026-09-01"]).assert_ok();
    let html = site.read_private("dashboard/index.html");
    let overdue = between(&html, "<h2>Overdue</h2>", "<h2>");
    assert_eq!(overdue.matches("<li class=\"entry").count(), 20);
    assert!(overdue.contains("Late task 01"), "the most overdue first");
    assert!(!overdue.contains("Late task 25"));
    assert!(
        overdue.contains("And 8 more; each roadmap’s page lists all of its own."),
        "{overdue}"
    );
    let page = site.read_private("roadmaps/late/index.html");
    assert_eq!(
        between(&page, "<h2>Overdue</h2>", "</section>")
            .matches("<li class=\"entry")
            .count(),
        25
    );
}
