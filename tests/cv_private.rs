//! Integration tests of per-entry CV visibility: entries of any JSON Resume
//! section marked `visibility: private`, and `basics` fields named private
//! in `basics.visibility`, appear on the private CV only (with a badge),
//! never on a public page, in `resume.json` or in `folio export`, and the
//! `visibility` key itself never leaves in public output. Fixture site:
//! `cv-private`, where every private word contains `hush`.

mod support;

use serde_json::Value;
use support::{Site, read_tree};

/// Whether `text` carries a private word of the fixture.
fn has_secret(text: &str) -> bool {
    text.to_lowercase().contains("hush")
}

/// Every key of a JSON document, at any depth.
fn keys(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                out.push(k.clone());
                keys(v, out);
            }
        }
        Value::Array(list) => list.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

fn json_keys(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    keys(&serde_json::from_str(text).expect("valid JSON"), &mut out);
    out
}

fn built() -> Site {
    let site = Site::copy("cv-private");
    site.build(&[]).assert_ok();
    site
}

#[test]
fn private_cv_entries_and_fields_reach_no_public_page() {
    let site = built();
    let cv = site.read_public("cv/index.html");
    for public in ["Acme Labs", "Code Club", "Rust", "Folio", "Lyon", "GitHub"] {
        assert!(cv.contains(public), "public CV lacks {public:?}");
    }
    let home = site.read_public("index.html");
    assert!(home.contains("Folio"), "the public featured project");
    for (path, bytes) in read_tree(&site.public_dir()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !has_secret(&text),
            "public/{path} carries a private CV word"
        );
    }
}

#[test]
fn public_resume_json_has_no_private_entry_and_no_visibility_key() {
    let site = built();
    let resume = site.read_public("resume.json");
    assert!(resume.contains("Acme Labs") && resume.contains("Code Club"));
    assert!(!has_secret(&resume), "{resume}");
    let keys = json_keys(&resume);
    assert!(keys.iter().any(|k| k == "featured"), "folio keys stay");
    assert!(!keys.iter().any(|k| k == "visibility"), "{resume}");
    assert!(!site.read_public("cv/index.html").contains("visibility"));
}

#[test]
fn exports_carry_the_public_cv_only() {
    let site = built();
    let root = site.root_string();
    let json = site.run(&["export", "json-resume", "--root", &root]);
    json.assert_ok();
    assert_eq!(json.stdout, site.read_public("resume.json"));
    assert!(!has_secret(&json.stdout), "{}", json.stdout);
    assert!(!json_keys(&json.stdout).iter().any(|k| k == "visibility"));
    let linkedin = site.run(&["export", "linkedin", "--root", &root]);
    linkedin.assert_ok();
    assert!(linkedin.stdout.contains("Acme Labs: position title"));
    assert!(!has_secret(&linkedin.stdout), "{}", linkedin.stdout);
    assert!(!has_secret(&site.read_private("linkedin/index.html")));
}

#[test]
fn a_highlight_merged_into_a_private_work_entry_stays_private() {
    let site = built();
    let highlight = "Advised the board";
    // The achievement itself is public; its line on the private job is not.
    assert!(
        site.read_public("achievements/index.html")
            .contains(highlight)
    );
    assert!(!site.read_public("cv/index.html").contains(highlight));
    assert!(!site.read_public("resume.json").contains(highlight));
    assert!(
        site.read_public("cv/index.html")
            .contains("Shipped the platform")
    );
    assert!(site.read_private("cv/index.html").contains(highlight));
}

#[test]
fn the_private_cv_shows_private_entries_with_a_badge() {
    let site = built();
    let cv = site.read_private("cv/index.html");
    let badge = "<span class=\"badge badge-private\">Private</span>";
    for entry in [
        "hush-mail@example.org</a> ",
        "+33 hush-phone ",
        "HushNet: hush-profile ",
        "<h4>Hush advisor ",
        "<h3>Hush project ",
        "<h3>Hush shelter ",
        "<h3>Hush academy ",
        "<h3>Hush prize ",
        "<h3>Hush paper ",
        "<li>Hush licence ",
        "<strong>Hush skill</strong> ",
        "<strong>Hushese</strong> ",
        "<strong>Hush hobby</strong> ",
        "— Hush referee ",
    ] {
        assert!(
            cv.contains(&format!("{entry}{badge}")),
            "private CV lacks {entry:?} with its badge"
        );
    }
    assert_eq!(cv.matches(badge).count(), 14, "public entries have none");
    let resume = site.read_private("resume.json");
    assert!(resume.contains("Hushcorp") && resume.contains("1 hush-street"));
}

#[test]
fn check_rejects_a_visibility_that_is_not_public_or_private() {
    let site = Site::copy("cv-private");
    let cv = std::fs::read_to_string(site.path("content/cv.yaml")).unwrap();
    let bad = cv.replacen(
        "    summary: Leads engineering.\n    visibility: public\n",
        "    summary: Leads engineering.\n    visibility: secret\n",
        1,
    );
    assert_ne!(bad, cv);
    site.write("content/cv.yaml", &bad);
    let out = site.run(&["check", "--root", &site.root_string()]);
    out.assert_code(1);
    assert!(
        out.stdout.contains(
            "content/cv.yaml:35:17: error: work[1].visibility: `secret` is not a visibility: write `public` (the default) or `private`"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("hint: an entry of any section may say `visibility: private`"),
        "{}",
        out.stdout
    );

    let typo = cv.replacen("    phone: private\n", "    phon: private\n", 1);
    site.write("content/cv.yaml", &typo);
    let out = site.run(&["check", "--root", &site.root_string()]);
    out.assert_code(1);
    assert!(
        out.stdout.contains(
            "content/cv.yaml:22:5: error: basics.visibility: `phon: private` names no basics field that can be private: did you mean `phone`?"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn a_misspelt_visibility_stops_the_build_instead_of_publishing() {
    let site = Site::copy("cv-private");
    let cv = std::fs::read_to_string(site.path("content/cv.yaml")).unwrap();
    let typo = cv.replacen(
        "    summary: Hush-work summary.\n    visibility: private\n",
        "    summary: Hush-work summary.\n    visiblity: private\n",
        1,
    );
    assert_ne!(typo, cv);
    site.write("content/cv.yaml", &typo);
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr.contains(
            "content/cv.yaml:30:5: error: work[0]: unknown key `visiblity`: nothing here is made private"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("did you mean `visibility`?"));
    assert!(!site.public("resume.json").exists(), "nothing was written");
}

#[test]
fn a_linkedin_warning_points_at_the_public_entry_after_a_private_one() {
    let site = Site::copy("cv-private");
    let cv = std::fs::read_to_string(site.path("content/cv.yaml")).unwrap();
    let long = format!("    position: {}\n", "T".repeat(105));
    let edited = cv.replacen("    position: VP Engineering\n", &long, 1);
    assert_ne!(edited, cv);
    site.write("content/cv.yaml", &edited);
    let out = site.run(&["export", "linkedin", "--root", &site.root_string()]);
    out.assert_ok();
    // Acme Labs is work[1] in the file, the first work entry of the public CV.
    assert!(
        out.stderr.contains(
            "content/cv.yaml:32:5: warning: LinkedIn Acme Labs: position title is 105 characters"
        ),
        "{}",
        out.stderr
    );
}
