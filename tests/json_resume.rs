//! Integration tests of CVs written the way JSON Resume's own ecosystem
//! writes them. Fixture sites: `cv-legacy` (a `cv.json` in the 0.x form:
//! `company`, `website`, `picture`, `gpa`), `cv-errors-yaml` and
//! `cv-errors-json` (the same thirteen schema errors in each form), and
//! `cv-unshown` (keys JSON Resume does not name, numbers written as
//! `3.70` and `01234`).

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;

use serde_json::Value;
use support::{Running, Site};

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

/// The warnings of `cv-legacy`, as `folio` prints them.
const LEGACY_WARNINGS: &[&str] = &[
    "content/cv.json:5:5: warning: `basics.picture` is the JSON Resume 0.x name of `image`: read as `image`",
    "content/cv.json:7:5: warning: `basics.website` is the JSON Resume 0.x name of `url`: read as `url`",
    "content/cv.json:23:7: warning: `work[0].company` is the JSON Resume 0.x name of `name`: read as `name`",
    "content/cv.json:25:7: warning: `work[0].website` is the JSON Resume 0.x name of `url`: read as `url`",
    "content/cv.json:33:7: warning: `work[1].company` is the JSON Resume 0.x name of `name`: read as `name`",
    "content/cv.json:40:7: warning: `work[2].company` is the JSON Resume 0.x name of `name`: read as `name`",
    "content/cv.json:42:7: warning: `work[2].website` is the JSON Resume 0.x name of `url`: read as `url`",
    "content/cv.json:51:7: warning: `volunteer[0].website` is the JSON Resume 0.x name of `url`: read as `url`",
    "content/cv.json:62:7: warning: `education[0].gpa` is the JSON Resume 0.x name of `score`: read as `score`",
    "content/cv.json:70:7: warning: `publications[0].website` is the JSON Resume 0.x name of `url`: read as `url`",
];

// ---- JSON Resume 0.x ----------------------------------------------------------

#[test]
fn a_0x_cv_heads_each_job_with_its_employer_and_groups_its_roles() {
    let site = Site::copy("cv-legacy");
    site.build(&[]).assert_ok();
    let cv = site.read_public("cv/index.html");
    assert!(!cv.contains("<h3>Work</h3>"), "no job headed `Work`");
    assert_eq!(
        cv.matches(r#"<h3><a href="https://lantern.example.com/">Lantern Logistics</a></h3>"#)
            .count(),
        1,
        "two roles, one employer heading"
    );
    assert!(cv.contains("<h4>Staff Engineer</h4>") && cv.contains("<h4>Senior Engineer</h4>"));
    assert!(cv.contains(r#"<h3><a href="https://quill.example.net/">Quill &amp; Ledger</a></h3>"#));
    for shown in [
        r#"src="../noor.png""#,
        r#"href="https://noor.example.org/""#,
        "https://harbour-club.example.org/",
        "https://journal.example.org/forget",
        "Score: 3.70",
    ] {
        assert!(cv.contains(shown), "{shown}");
    }
    assert!(
        cv.contains(r#""worksFor":[{"@type":"Organization","name":"Lantern Logistics","url":"https://lantern.example.com/"}]"#),
        "JSON-LD names the employer"
    );
}

#[test]
fn a_0x_cv_comes_back_as_resume_json_unchanged() {
    let site = Site::copy("cv-legacy");
    site.build(&[]).assert_ok();
    let input = json(&std::fs::read_to_string(site.path("content/cv.json")).unwrap());
    assert_eq!(json(&site.read_public("resume.json")), input);
    assert_eq!(json(&site.read_private("resume.json")), input);
}

#[test]
fn linkedin_names_positions_by_their_0x_company() {
    let site = Site::copy("cv-legacy");
    let out = site.run(&["export", "linkedin", "--root", &site.root_string()]);
    out.assert_ok();
    assert!(!out.stdout.contains("Work entry"), "{}", out.stdout);
    assert_eq!(
        out.stdout
            .matches("== Lantern Logistics: position title")
            .count(),
        2
    );
    assert!(out.stdout.contains("== Quill & Ledger: position title"));
}

#[test]
fn each_0x_key_is_a_warning_at_its_line_in_build_and_check() {
    let site = Site::copy("cv-legacy");
    let build = site.build(&[]);
    build.assert_ok();
    let check = site.run(&["check", "--root", &site.root_string()]);
    check.assert_ok();
    let check_text = format!("{}{}", check.stdout, check.stderr);
    for w in LEGACY_WARNINGS {
        assert!(build.stderr.contains(w), "build: {w}\n{}", build.stderr);
        assert!(check_text.contains(w), "check: {w}\n{check_text}");
    }
    assert!(
        build
            .stderr
            .contains("hint: rename `company` to `name` (JSON Resume 1.0)")
    );
    assert_eq!(
        build.stderr.matches(": warning: ").count(),
        LEGACY_WARNINGS.len()
    );
}

/// `GET path` on the local server: the body.
fn get(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn serve_logs_the_warnings_and_shows_schema_errors_in_the_overlay() {
    let site = Site::copy("cv-legacy");
    let root = site.root_string();
    let mut run = Running::start(&["serve", "--root", &root, "--port", "0"]);
    let port = run.wait_for_port();
    if !run.seen.iter().any(|l| l.contains(LEGACY_WARNINGS[2])) {
        run.wait_for(LEGACY_WARNINGS[2]);
    }
    let bad = std::fs::read_to_string(site.path("content/cv.json"))
        .unwrap()
        .replace("\"startDate\": \"2018-09\"", "\"startDate\": \"Sept 2018\"")
        .replace("noor@example.org", "noor");
    site.write("content/cv.json", &bad);
    run.wait_for("build failed");
    let page = get(port, "/");
    assert!(page.contains("window.__folioErrors="), "{page}");
    for e in [
        "content/cv.json:6:15: error: basics.email: `noor` is not an e-mail address",
        "content/cv.json:35:21: error: work[1].startDate: `Sept 2018` is not a date",
    ] {
        assert!(page.contains(e), "overlay has {e}:\n{page}");
    }
}

// ---- Schema errors ----------------------------------------------------------

/// The thirteen errors of `cv-errors-yaml`: line, column, field.
const YAML_ERRORS: &[(usize, usize, &str)] = &[
    (
        3,
        10,
        "basics.email: `bram-at-example` is not an e-mail address",
    ),
    (4, 8, "basics.url: `bram.example.org` is not a full URL"),
    (5, 13, "basics.location: invalid type: string \"Rotterdam\""),
    (8, 13, "basics.profiles[0].url: `` is not a full URL"),
    (
        10,
        13,
        "basics.profiles[1].url: `@bram@example.social` is not a full URL",
    ),
    (14, 16, "work[0].startDate: `March 2019` is not a date"),
    (15, 14, "work[0].endDate: `2021-13` is not a date"),
    (
        16,
        17,
        "work[0].highlights: invalid type: string \"Shipped the thing\"",
    ),
    (18, 10, "work[1].url: `tide` is not a full URL"),
    (19, 16, "work[1].startDate: `2022-02-30` is not a date"),
    (22, 17, "education[0].startDate: `2010/09` is not a date"),
    (
        23,
        14,
        "education[0].courses: invalid type: string \"Databases\"",
    ),
    (
        26,
        17,
        "projects[0].visibility: `hidden` is not a visibility",
    ),
];

/// The same errors in `cv-errors-json`.
const JSON_ERRORS: &[(usize, usize)] = &[
    (4, 15),
    (5, 13),
    (6, 18),
    (8, 37),
    (9, 39),
    (16, 21),
    (17, 19),
    (18, 22),
    (22, 15),
    (23, 21),
    (29, 21),
    (30, 19),
    (34, 37),
];

fn assert_errors(fixture: &str, file: &str, at: &[(usize, usize)]) {
    let site = Site::copy(fixture);
    for out in [
        site.run(&["check", "--root", &site.root_string()]),
        site.build(&[]),
    ] {
        out.assert_code(1);
        let text = format!("{}{}", out.stdout, out.stderr);
        let errors: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with(&format!("content/{file}:")))
            .collect();
        assert_eq!(errors.len(), YAML_ERRORS.len(), "all in one run:\n{text}");
        for ((line, col), (_, _, what)) in at.iter().zip(YAML_ERRORS) {
            let want = format!("content/{file}:{line}:{col}: error: {what}");
            assert!(
                errors.iter().any(|e| e.starts_with(&want)),
                "{want}\n{text}"
            );
        }
    }
}

#[test]
fn every_schema_error_of_a_cv_yaml_is_reported_in_one_run_at_its_field() {
    let at: Vec<(usize, usize)> = YAML_ERRORS.iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_errors("cv-errors-yaml", "cv.yaml", &at);
}

#[test]
fn every_schema_error_of_a_cv_json_is_reported_in_one_run_at_its_field() {
    assert_errors("cv-errors-json", "cv.json", JSON_ERRORS);
}

// ---- Keys not shown, numbers as written -----------------------------------------

#[test]
fn keys_the_cv_page_does_not_show_are_warnings_naming_their_path() {
    let site = Site::copy("cv-unshown");
    let build = site.build(&[]);
    build.assert_ok();
    let check = site.run(&["check", "--root", &site.root_string()]);
    let check_text = format!("{}{}", check.stdout, check.stderr);
    for w in [
        "content/cv.yaml:4:3: warning: unknown key `basics.aboutMe` is kept in resume.json but not shown on the CV page",
        "content/cv.yaml:14:5: warning: unknown key `work[0].salary` is kept in resume.json but not shown on the CV page",
        "content/cv.yaml:21:1: warning: unknown section `experience` is kept in resume.json but not shown on the CV page",
    ] {
        assert!(build.stderr.contains(w), "build: {w}\n{}", build.stderr);
        assert!(check_text.contains(w), "check: {w}\n{check_text}");
    }
    assert!(build.stderr.contains("hint: did you mean `work`?"));
    assert_eq!(
        build.stderr.matches(": warning: ").count(),
        3,
        "{}",
        build.stderr
    );
    // The street address and postal code are left off the page on purpose.
    let cv = site.read_public("cv/index.html");
    assert!(cv.contains("Ghent, BE"));
    let page_text: String = cv.split("<main").nth(1).unwrap_or_default().into();
    assert!(!page_text.contains("12 Example Lane"));
    let resume = json(&site.read_public("resume.json"));
    assert_eq!(
        resume["experience"][0]["title"],
        "Intern at Sluice Analytics"
    );
    assert_eq!(resume["basics"]["aboutMe"], "Likes tidy pipelines.");
}

#[test]
fn numbers_keep_the_text_they_were_written_with() {
    let site = Site::copy("cv-unshown");
    site.build(&[]).assert_ok();
    let resume = json(&site.read_public("resume.json"));
    assert_eq!(resume["education"][0]["score"], "3.70");
    assert_eq!(resume["basics"]["location"]["postalCode"], "01234");
    assert_eq!(
        resume["work"][0]["salary"], 1000,
        "unknown keys stay numbers"
    );
    assert!(site.read_public("cv/index.html").contains("Score: 3.70"));

    std::fs::remove_file(site.path("content/cv.yaml")).unwrap();
    site.write(
        "content/cv.json",
        "{\"education\": [{\"institution\": \"Canal University\", \"score\": 3.70}]}\n",
    );
    site.build(&[]).assert_ok();
    let resume = json(&site.read_public("resume.json"));
    assert_eq!(resume["education"][0]["score"], "3.70");
    assert!(site.read_public("cv/index.html").contains("Score: 3.70"));
}

#[test]
fn a_private_image_or_url_keeps_its_0x_picture_and_website_off_the_public_site() {
    let site = Site::copy("cv-legacy");
    let cv = std::fs::read_to_string(site.path("content/cv.json")).unwrap();
    site.write(
        "content/cv.json",
        &cv.replace(
            "\"summary\": \"Builds the boring parts",
            "\"visibility\": {\"image\": \"private\", \"url\": \"private\"},\n    \"summary\": \"Builds the boring parts",
        ),
    );
    site.build(&[]).assert_ok();
    assert!(!site.public("noor.png").exists(), "the private photo file");
    assert!(site.private("noor.png").exists());
    let public = json(&site.read_public("resume.json"));
    assert_eq!(public["basics"].get("picture"), None);
    assert_eq!(public["basics"].get("website"), None);
    assert!(!site.read_public("cv/index.html").contains("noor.png"));
    let private = json(&site.read_private("resume.json"));
    assert_eq!(private["basics"]["picture"], "noor.png");
    assert_eq!(private["basics"]["website"], "https://noor.example.org/");
}
