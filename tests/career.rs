//! Integration tests of the career facts: the achievement log, the CV page,
//! `resume.json`, the LinkedIn page and export, and what the home and
//! roadmap pages show of them. Fixture sites: `career` (every feature),
//! `cv-sample` (JSON Resume's own sample resume as `cv.json`) and
//! `advances-nowhere` (an `advances:` link to no heading).

mod support;

use serde_json::Value;
use support::{Site, read_tree};

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

// ---- CV ---------------------------------------------------------------------

#[test]
fn cv_page_shows_every_section_of_the_json_resume_sample() {
    let site = Site::copy("cv-sample");
    site.build(&[]).assert_ok();
    let cv = site.read_public("cv/index.html");
    for heading in [
        "Summary",
        "Experience",
        "Projects",
        "Volunteering",
        "Education",
        "Awards",
        "Publications",
        "Skills",
        "Languages",
        "Interests",
        "References",
    ] {
        assert!(
            cv.contains(&format!("<h2>{heading}</h2>")),
            "section {heading}"
        );
    }
    for fact in [
        "<h1>Richard Hendriks</h1>",
        "Programmer",
        "richard.hendriks@mail.com",
        "(912) 555-4321",
        "San Francisco, California, US",
        "Twitter: neutralthoughts",
        "<h4>CEO/President</h4>",
        "Dec 2013 – Dec 2014",
        "Successfully won Techcrunch Disrupt",
        "CoderDojo",
        "Awarded &#39;Teacher of the Month&#39;",
        "University of Oklahoma",
        "Bachelor, Information Technology",
        "DB1101 - Basic SQL",
        "Score: 4.0",
        "Digital Compression Pioneer Award",
        "Techcrunch · Nov 2014",
        "Video compression for 3d media",
        "<strong>Compression</strong> (Master): Mpeg, MP4, GIF",
        "<strong>English</strong>: Native speaker",
        "<strong>Wildlife</strong>: Ferrets, Unicorns",
        "Erlich Bachman",
        "Miss Direction",
        "Role: Team lead, Designer",
        "GoogleMaps · Chrome Extension · Javascript",
    ] {
        assert!(cv.contains(fact), "CV page lacks {fact:?}");
    }
    // The sample's empty image is not shown; no request leaves the site.
    assert!(!cv.contains("<img"));
}

#[test]
fn cv_json_comes_back_as_resume_json_unchanged() {
    let site = Site::copy("cv-sample");
    site.build(&[]).assert_ok();
    let input = json(&std::fs::read_to_string(site.path("content/cv.json")).unwrap());
    assert_eq!(json(&site.read_public("resume.json")), input);
    assert_eq!(json(&site.read_private("resume.json")), input);
}

#[test]
fn cv_json_round_trips_with_merged_highlights() {
    let site = Site::copy("cv-sample");
    site.write(
        "content/achievements/log.md",
        "## 2014-06-01 — Middle-out compression\nCV: Pied Piper\nImpact: Weissman score 5.2\nVisibility: public\n\n## 2014-07-01 — Secret raise\nCV: Pied Piper\n",
    );
    site.build(&[]).assert_ok();
    let mut expected = json(&std::fs::read_to_string(site.path("content/cv.json")).unwrap());
    expected["work"][0]["highlights"]
        .as_array_mut()
        .unwrap()
        .push("Middle-out compression — Weissman score 5.2".into());
    assert_eq!(json(&site.read_public("resume.json")), expected);
    let private = json(&site.read_private("resume.json"));
    let highlights = private["work"][0]["highlights"].as_array().unwrap();
    assert_eq!(
        highlights[3..],
        [
            "Secret raise",
            "Middle-out compression — Weissman score 5.2"
        ],
        "private site: every entry, newest first"
    );
}

#[test]
fn cv_page_groups_roles_under_their_employer_with_merged_highlights() {
    let site = Site::copy("career");
    site.build(&[]).assert_ok();
    let cv = site.read_public("cv/index.html");
    assert_eq!(
        count(
            &cv,
            "<h3><a href=\"https://acme.example.com/\">Acme Labs</a></h3>"
        ),
        1
    );
    let acme = cv.find("id=\"work-acme-labs\"").unwrap();
    let vp = cv.find("<h4>VP Engineering</h4>").unwrap();
    let staff = cv.find("<h4>Staff Engineer</h4>").unwrap();
    let old = cv.find("id=\"work-old-corp\"").unwrap();
    assert!(
        acme < vp && vp < staff && staff < old,
        "two roles under one employer"
    );
    assert!(cv.contains("Feb 2023 – present"));
    // Own highlights first, then public achievements, newest first.
    let own = cv.find("Grew the team from 8 to 30").unwrap();
    let qcon = cv
        .find("<a href=\"../achievements/#2026-03-14--spoke-at-qcon\">Spoke at QCon — 400 attendees</a>")
        .unwrap();
    let platform = cv.find("Shipped the data platform</a>").unwrap();
    assert!(own < qcon && qcon < platform && platform < staff);
    // Every section the YAML has, certificates included.
    for h in [
        "Volunteering",
        "Education",
        "Awards",
        "Certificates",
        "Publications",
        "References",
    ] {
        assert!(cv.contains(&format!("<h2>{h}</h2>")), "{h}");
    }
    assert!(
        cv.contains("Kubernetes Administrator</li>")
            || cv.contains("Kubernetes Administrator, CNCF")
    );
    // The private site's CV shows the private highlight, marked.
    let private = site.read_private("cv/index.html");
    assert!(
        private
            .contains("PRIVATE-IMPACT-7c1f</a> <span class=\"badge badge-private\">Private</span>")
    );
}

#[test]
fn cv_and_home_carry_json_ld_built_from_the_cv() {
    let site = Site::copy("career");
    site.build(&[]).assert_ok();
    let ld = |html: &str| {
        let start = html.find("<script type=\"application/ld+json\">").unwrap() + 35;
        let end = start + html[start..].find("</script>").unwrap();
        json(&html[start..end])
    };
    let cv = ld(&site.read_public("cv/index.html"));
    assert_eq!(cv["@type"], "ProfilePage");
    assert_eq!(cv["url"], "https://ada.example.org/cv/");
    let person = &cv["mainEntity"];
    assert_eq!(person["@type"], "Person");
    assert_eq!(person["name"], "Ada Example");
    assert_eq!(person["jobTitle"], "VP Engineering");
    assert_eq!(
        person["sameAs"],
        serde_json::json!(["https://github.com/ada"])
    );
    assert_eq!(person["worksFor"][0]["name"], "Acme Labs");
    assert_eq!(person["alumniOf"][0]["name"], "Université de Lyon");
    let home = ld(&site.read_public("index.html"));
    assert_eq!(home["@context"], "https://schema.org");
    assert_eq!(home["@type"], "Person");
    assert_eq!(home["name"], "Ada Example");
    assert_eq!(home["address"]["addressLocality"], "Lyon");
}

#[test]
fn a_bad_cv_value_is_an_error_at_its_line() {
    let site = Site::copy("career");
    let yaml = std::fs::read_to_string(site.path("content/cv.yaml")).unwrap();
    site.write(
        "content/cv.yaml",
        &yaml.replace("startDate: 2023-02", "startDate: 2023-14"),
    );
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr.contains(
            "content/cv.yaml:18:16: error: work[0].startDate: `2023-14` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn export_json_resume_writes_the_public_resume_json() {
    let site = Site::copy("career");
    site.build(&[]).assert_ok();
    let file = site.out_root().join("exported.json");
    let root = site.root_string();
    let out = site.run(&[
        "export",
        "json-resume",
        "--root",
        &root,
        "-o",
        file.to_str().unwrap(),
    ]);
    out.assert_ok();
    let exported = std::fs::read_to_string(&file).unwrap();
    assert_eq!(exported, site.read_public("resume.json"));
    let stdout = site.run(&["export", "json-resume", "--root", &root]);
    stdout.assert_ok();
    assert_eq!(stdout.stdout, exported);
    assert!(!exported.contains("7c1f"));
}

#[test]
fn export_without_a_cv_is_an_error() {
    let site = Site::copy("basic");
    let out = site.run(&["export", "json-resume", "--root", &site.root_string()]);
    out.assert_code(1);
    assert!(
        out.stderr.contains("the site has no CV to export"),
        "{}",
        out.stderr
    );
}

// ---- Achievements ----------------------------------------------------------

#[test]
fn both_forms_of_the_log_give_dated_entries_grouped_by_year() {
    let site = Site::copy("career");
    site.build(&[]).assert_ok();
    let log = site.read_private("achievements/index.html");
    let ids = [
        "2026-04-20-keynote-at-leaddev",
        "2026-03-14--spoke-at-qcon",
        "2026-02-01-promotion-case-private-ach-7c1f",
        "2025-10-05---shipped-the-data-platform",
        "2021-06-01--hired-the-first-data-team",
    ];
    let positions: Vec<usize> = ids
        .iter()
        .map(|id| {
            log.find(&format!("<article class=\"achievement\" id=\"{id}\">"))
                .expect(id)
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "newest first");
    let y2026 = log.find("<h2 id=\"year-2026\">2026</h2>").unwrap();
    let y2025 = log.find("<h2 id=\"year-2025\">2025</h2>").unwrap();
    assert!(y2026 < positions[0] && positions[2] < y2025 && y2025 < positions[3]);
    assert!(
        log.contains("<li>1,200 attendees</li>"),
        "impact from front matter"
    );
    assert!(log.contains("<p>A one-entry file.</p>"));
    assert!(
        log.contains("See <a href=\"../articles/hello/\">my article</a>"),
        "links resolved"
    );
    assert!(
        !log.contains("Tags: speaking"),
        "field lines are not body text"
    );
    assert!(
        !log.contains("Notes to myself"),
        "the preamble is not an entry"
    );
    assert!(log.contains("<p class=\"list-count\">5 achievements</p>"));
}

#[test]
fn tag_pages_filter_the_log_without_javascript() {
    let site = Site::copy("career");
    site.build(&[]).assert_ok();
    let speaking = site.read_public("achievements/tags/speaking/index.html");
    assert!(speaking.contains("Keynote at LeadDev") && speaking.contains("Spoke at QCon"));
    assert!(!speaking.contains("Shipped the data platform"));
    assert!(speaking.contains("href=\"../../../achievements/#2026-03-14--spoke-at-qcon\""));
    let log = site.read_public("achievements/index.html");
    assert!(log.contains("<a href=\"../achievements/tags/leadership/\" rel=\"tag\">leadership</a> <span class=\"tag-count\">2</span>"));
    // No script filters the log; the only scripts are base.html's two for
    // the colour-scheme toggle (issue 18).
    assert_eq!(count(&log, "<script"), 2, "{log}");
}

#[test]
fn private_entries_never_reach_any_public_file() {
    let site = Site::copy("career");
    site.build(&[]).assert_ok();
    for (path, bytes) in read_tree(&site.public_dir()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("7c1f"), "private marker in public/{path}");
        assert!(
            !text.contains("roadmaps/"),
            "private roadmap named in public/{path}"
        );
        assert!(
            !text.contains("Growth Plan"),
            "private roadmap title in public/{path}"
        );
    }
    assert!(
        !site
            .public("achievements/tags/secret-tag-7c1f/index.html")
            .exists()
    );
    assert!(!site.public("linkedin/index.html").exists());
    // The private site has them all.
    assert!(
        site.read_private("achievements/index.html")
            .contains("PRIVATE-BODY-7c1f")
    );
    assert!(
        site.private("achievements/tags/secret-tag-7c1f/index.html")
            .exists()
    );
}

#[test]
fn public_pages_list_public_entries_only() {
    let site = Site::copy("career");
    site.build(&[]).assert_ok();
    let log = site.read_public("achievements/index.html");
    assert!(log.contains("<p class=\"list-count\">4 achievements</p>"));
    assert!(!log.contains("Advances"), "the roadmap is private");
    assert!(log.contains("<dt>On the CV under</dt>"));
    let sitemap = site.read_public("sitemap.xml");
    assert!(sitemap.contains("<loc>https://ada.example.org/achievements/</loc>"));
    assert!(sitemap.contains("<loc>https://ada.example.org/cv/</loc>"));
}

#[test]
fn home_page_is_built_from_the_cv_and_the_log() {
    let site = Site::copy("career");
    site.build(&[]).assert_ok();
    let home = site.read_public("index.html");
    // One hero: the CV's name and label, `_index.md`'s body (issue 18).
    assert!(home.contains("<h1>Ada Example</h1>"), "{home}");
    assert!(home.contains("<p class=\"lede\">VP Engineering · Lyon, FR</p>"));
    let main = &home[home.find("<main").unwrap()..home.find("</main>").unwrap()];
    assert_eq!(count(main, "Ada Example"), 1, "the name once: {main}");
    assert!(main.contains("Welcome to my portfolio."));
    assert!(
        !main.contains("Engineering leader who builds platforms"),
        "the CV summary stands in only when _index.md has no body"
    );
    assert!(
        !main.contains("Ada's portfolio."),
        "site.description is for <meta>"
    );
    assert!(
        home.contains(
            "<a href=\"https://github.com/ada\" rel=\"me\"><svg class=\"icon icon-github\""
        )
    );
    assert!(home.contains("<span>GitHub</span></a>"));
    assert!(home.contains("<h2>Featured projects</h2>"));
    assert!(
        home.contains("Pipeline Kit") && !home.contains("Side Thing"),
        "featured only"
    );
    let recent = home.find("<h2>Recent achievements</h2>").unwrap();
    let section = &home[recent..home[recent..].find("</section>").unwrap() + recent];
    assert_eq!(count(section, "class=\"post-item achievement-item\""), 3);
    assert!(
        section.contains("Keynote at LeadDev") && section.contains("Shipped the data platform")
    );
    assert!(home.contains("<h2>Latest articles</h2>"));
    let nav = &home[home.find("<nav").unwrap()..home.find("</nav>").unwrap()];
    assert!(
        nav.contains(">CV</a>") && nav.contains(">Achievements</a>") && !nav.contains("LinkedIn")
    );
}

#[test]
fn featured_projects_default_to_the_latest_three() {
    let site = Site::copy("career");
    let yaml = std::fs::read_to_string(site.path("content/cv.yaml")).unwrap();
    site.write("content/cv.yaml", &yaml.replace("    featured: true\n", ""));
    site.build(&[]).assert_ok();
    let home = site.read_public("index.html");
    let side = home.find("Side Thing").expect("latest first");
    let kit = home.find("Pipeline Kit").unwrap();
    assert!(side < kit);
}

#[test]
fn roadmap_pages_show_the_achievements_that_advance_them() {
    let site = Site::copy("career");
    site.build(&[]).assert_ok();
    let page = site.read_private("roadmaps/growth/index.html");
    let section = page
        .find("<h2>Achievements that advance this roadmap</h2>")
        .unwrap();
    let quantify = page
        .find("<h3><a href=\"../../roadmaps/growth/#1-quantify-current-role-impact\">1. Quantify Current Role Impact</a></h3>")
        .unwrap();
    let thought = page
        .find("<h3><a href=\"../../roadmaps/growth/#2-thought-leadership-development\">2. Thought Leadership Development</a></h3>")
        .unwrap();
    assert!(
        section < quantify && quantify < thought,
        "in the roadmap's order"
    );
    let after = &page[thought..];
    assert!(after.contains("Keynote at LeadDev") && after.contains("Spoke at QCon"));
    assert!(page[quantify..thought].contains("Promotion case PRIVATE-ACH-7c1f"));
}

#[test]
fn an_advances_link_to_nowhere_names_file_line_and_nearest_target() {
    let site = Site::copy("advances-nowhere");
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr.contains(
            "content/achievements/log.md:3:11: error: `advances: plan#year-on` points nowhere: roadmap `plan` has no heading `#year-on`"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("hint: did you mean `plan#year-one`?"),
        "{}",
        out.stderr
    );
    assert!(!site.public_dir().exists(), "nothing written");
}

#[test]
fn a_cv_name_that_matches_no_work_entry_is_an_error() {
    let site = Site::copy("career");
    site.write(
        "content/achievements/extra.md",
        "## 2026-05-01 — Thing\nCV: Acme Lab\n",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr.contains("content/achievements/extra.md:2:5: error: `cv: Acme Lab` names no work entry of content/cv.yaml"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("hint: did you mean `cv: Acme Labs`?"));
}

#[test]
fn a_malformed_entry_date_is_an_error() {
    let site = Site::copy("career");
    site.write("content/achievements/extra.md", "## 2026-02-30 — Leap\n");
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr
            .contains("content/achievements/extra.md:1:4: error: `2026-02-30` is not a real date"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_draft_log_is_left_out_unless_drafts_are_shown() {
    let site = Site::copy("career");
    site.write(
        "content/achievements/wip.md",
        "---\ndraft: true\nvisibility: public\n---\n## 2026-06-01 — DRAFT-ACH-91aa\n",
    );
    site.build(&[]).assert_ok();
    assert!(
        !site
            .read_private("achievements/index.html")
            .contains("DRAFT-ACH-91aa")
    );
    site.build(&["--drafts"]).assert_ok();
    assert!(
        site.read_public("achievements/index.html")
            .contains("DRAFT-ACH-91aa")
    );
}

#[test]
fn career_output_is_deterministic() {
    let site = Site::copy("career");
    site.build(&[]).assert_ok();
    let first = (
        read_tree(&site.public_dir()),
        read_tree(&site.private_dir()),
    );
    site.build(&[]).assert_ok();
    let second = (
        read_tree(&site.public_dir()),
        read_tree(&site.private_dir()),
    );
    assert!(first == second);
}

// ---- LinkedIn --------------------------------------------------------------

#[test]
fn linkedin_page_is_private_with_counts_and_copy_buttons() {
    let site = Site::copy("career");
    site.build(&[]).assert_ok();
    let page = site.read_private("linkedin/index.html");
    assert!(page.contains(
        "<textarea id=\"li-headline\" readonly rows=\"2\" aria-describedby=\"li-headline-count\">VP Engineering</textarea>"
    ));
    assert!(
        page.contains("<p class=\"li-count\" id=\"li-headline-count\">14 / 220 characters</p>")
    );
    assert!(page.contains("<p class=\"li-count\" id=\"li-about-count\">50 / 2600 characters</p>"));
    assert!(page.contains("• Spoke at QCon — 400 attendees"));
    assert!(!page.contains("7c1f"), "LinkedIn text is public text");
    assert!(page.contains(
        "<button type=\"button\" class=\"li-copy\" data-copy=\"li-headline\" hidden>Copy</button>"
    ));
    assert!(page.contains("<td>About</td><td>2600 (about 300 shown before “see more”)</td>"));
    // The Copy buttons' script, and base.html's two for the scheme toggle.
    assert_eq!(count(&page, "<script>"), 3);
    assert!(!site.public("linkedin/index.html").exists());
}

#[test]
fn export_linkedin_prints_the_same_text() {
    let site = Site::copy("career");
    let out = site.run(&["export", "linkedin", "--root", &site.root_string()]);
    out.assert_ok();
    assert!(
        out.stdout
            .starts_with("== Headline — 14 of 220 characters ==\nVP Engineering\n\n")
    );
    assert!(out.stdout.contains(
        "== Acme Labs: description — 108 of 2000 characters ==\nLeads engineering.\n\n• Grew the team from 8 to 30\n• Spoke at QCon — 400 attendees\n• Shipped the data platform\n"
    ));
    assert!(out.stdout.contains("== Old Corp: position title — 0 of 100 characters ==\n(empty: set `work[2].position` in the CV)\n"));
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
fn a_field_over_its_linkedin_limit_is_a_warning_with_the_overflow() {
    let site = Site::copy("career");
    let yaml = std::fs::read_to_string(site.path("content/cv.yaml")).unwrap();
    let long = "x".repeat(230);
    site.write(
        "content/cv.yaml",
        &yaml.replace("label: VP Engineering", &format!("label: {long}")),
    );
    let out = site.build(&[]);
    out.assert_ok();
    let warning = "content/cv.yaml:3:3: warning: LinkedIn Headline is 230 characters: 10 over the limit of 220";
    assert!(out.stderr.contains(warning), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("hint: shorten `basics.label` in content/cv.yaml")
    );
    let page = site.read_private("linkedin/index.html");
    assert!(page.contains("230 / 220 characters — <strong>10 over the limit</strong>"));
    let export = site.run(&["export", "linkedin", "--root", &site.root_string()]);
    assert!(export.stderr.contains(warning));
    assert!(export.stdout.contains("230 of 220 characters, 10 OVER"));
}
