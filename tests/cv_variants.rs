//! Integration tests of CV variants and private notes. Fixture site:
//! `cv-variants`, whose `site.toml` names two variants: `leadership`
//! (tags `leadership`, `people`, with its own label and summary) and
//! `research` (tag `research`, `only_tagged = true`). Private words:
//! `Secretco`/`Hushed` (a private work entry) and the notes' `Mutedword`
//! and `Quietword`.

mod support;

use serde_json::{Value, json};
use support::{Site, poppler, read_tree, run_folio};

fn built() -> Site {
    let site = Site::copy("cv-variants");
    site.build(&[]).assert_ok();
    site
}

fn json_of(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

#[track_caller]
fn has_all(page: &str, what: &str, words: &[&str]) {
    for w in words {
        assert!(page.contains(w), "{what} lacks {w:?}");
    }
}

#[track_caller]
fn has_none(page: &str, what: &str, words: &[&str]) {
    for w in words {
        assert!(!page.contains(w), "{what} shows {w:?}");
    }
}

#[test]
fn each_variant_has_its_page_with_the_entries_its_tags_pick() {
    let site = built();
    let lead = site.read_public("cv/leadership/index.html");
    has_all(
        &lead,
        "cv/leadership/",
        &[
            "Engineering manager",
            "I grow teams that ship.",
            "Acme Labs",
            "Grew the team from 3 to 12",
            "Ran the hiring loop",
            "Led the platform launch",
            "Corner Shop",
            "Mentoring",
            "Rust",
        ],
    );
    has_none(
        &lead,
        "cv/leadership/",
        &[
            "Wrote the query planner",
            "Benchmarked the planner",
            "Lab of Ideas",
            "Statistics",
            "Software engineer",
        ],
    );
    let research = site.read_public("cv/research/index.html");
    has_all(
        &research,
        "cv/research/",
        &[
            "Software engineer",
            "Acme Labs",
            "Wrote the query planner",
            "Benchmarked the planner",
            "Lab of Ideas",
            "Published two papers",
            "Statistics",
        ],
    );
    has_none(
        &research,
        "cv/research/",
        &[
            "Grew the team",
            "Ran the hiring loop",
            "Corner Shop",
            "Rust",
            "Mentoring",
        ],
    );
    // The full CV links every version; each version marks itself.
    let full = site.read_public("cv/index.html");
    has_all(
        &full,
        "cv/",
        &[
            r#"href="../cv/leadership/""#,
            r#"href="../cv/research/""#,
            "Wrote the query planner",
            "Corner Shop",
        ],
    );
    assert!(lead.contains(r#"aria-current="page">Engineering manager</a>"#));
    assert!(research.contains(r#"aria-current="page">research</a>"#));
}

#[test]
fn each_variant_has_its_resume_json() {
    let site = built();
    let research = json_of(&site.read_public("resume-research.json"));
    assert_eq!(
        research,
        json!({
            "basics": {"name": "Ada Example", "label": "Software engineer", "summary": "I build data tools."},
            "work": [
                {
                    "name": "Acme Labs", "position": "Head of Engineering", "startDate": "2021-04",
                    "highlights": ["Wrote the query planner", "Benchmarked the planner"],
                    "tags": ["leadership"]
                },
                {
                    "name": "Lab of Ideas", "position": "Research engineer",
                    "startDate": "2018-01", "endDate": "2021-03",
                    "highlights": ["Published two papers"], "tags": ["research"]
                }
            ],
            "skills": [{"name": "Statistics", "tags": ["research"]}]
        })
    );
    let lead = json_of(&site.read_public("resume-leadership.json"));
    assert_eq!(
        lead,
        json!({
            "basics": {"name": "Ada Example", "label": "Engineering manager", "summary": "I grow teams that ship."},
            "work": [
                {
                    "name": "Acme Labs", "position": "Head of Engineering", "startDate": "2021-04",
                    "highlights": ["Grew the team from 3 to 12", "Ran the hiring loop", "Led the platform launch"],
                    "tags": ["leadership"]
                },
                {
                    "name": "Corner Shop", "position": "Cashier",
                    "startDate": "2015-06", "endDate": "2017-12",
                    "highlights": ["Balanced the till"]
                }
            ],
            "skills": [{"name": "Rust", "keywords": ["systems"]}, {"name": "Mentoring", "tags": ["people"]}]
        })
    );
    // The full resume.json keeps every highlight, as text.
    let full = json_of(&site.read_public("resume.json"));
    assert_eq!(
        full["work"][0]["highlights"],
        json!([
            "Grew the team from 3 to 12",
            "Ran the hiring loop",
            "Wrote the query planner",
            "Led the platform launch",
            "Benchmarked the planner"
        ])
    );
}

#[test]
fn a_private_entry_reaches_only_the_private_variants() {
    let site = built();
    for (path, bytes) in read_tree(&site.public_dir()) {
        let text = String::from_utf8_lossy(&bytes);
        has_none(&text, &format!("public/{path}"), &["Secretco", "Hushed"]);
    }
    let private = site.read_private("cv/leadership/index.html");
    has_all(
        &private,
        "private cv/leadership/",
        &["Secretco", "Hushed board work"],
    );
    let private = json_of(&site.read_private("resume-leadership.json"));
    let names: Vec<&str> = private["work"]
        .as_array()
        .expect("work")
        .iter()
        .filter_map(|w| w["name"].as_str())
        .collect();
    assert_eq!(names, ["Acme Labs", "Corner Shop", "Secretco"]);
    assert!(
        !site
            .read_private("cv/research/index.html")
            .contains("Secretco"),
        "a private entry still goes by its tags"
    );
}

#[test]
fn notes_show_on_the_private_cv_pages_only() {
    let site = built();
    let private = site.read_private("cv/index.html");
    has_all(
        &private,
        "private cv/",
        &[
            "Ask them about the <strong>reorg</strong> (Mutedword one).",
            "Quietword story for interviews.",
        ],
    );
    assert!(
        site.read_private("cv/leadership/index.html")
            .contains("Quietword")
    );
    for (path, bytes) in read_tree(&site.public_dir()) {
        let text = String::from_utf8_lossy(&bytes);
        has_none(
            &text,
            &format!("public/{path}"),
            &["Mutedword", "Quietword"],
        );
    }
    for (path, bytes) in read_tree(&site.private_dir()) {
        if path.starts_with("resume") && path.ends_with(".json") {
            let text = String::from_utf8_lossy(&bytes);
            has_none(
                &text,
                &format!("private/{path}"),
                &["Mutedword", "Quietword", "\"notes\""],
            );
        }
    }
}

#[test]
fn export_variant_gives_the_built_files_text() {
    let site = built();
    let root = site.root_string();
    let out = run_folio(&[
        "export",
        "json-resume",
        "--root",
        &root,
        "--variant",
        "research",
    ]);
    out.assert_ok();
    assert_eq!(out.stdout, site.read_public("resume-research.json"));
    let out = run_folio(&[
        "export",
        "linkedin",
        "--root",
        &root,
        "--variant",
        "leadership",
    ]);
    out.assert_ok();
    assert!(
        out.stdout.contains("\nEngineering manager\n"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("Lab of Ideas"), "{}", out.stdout);
    let out = run_folio(&["export", "linkedin", "--root", &root]);
    assert!(out.stdout.contains("Lab of Ideas"), "{}", out.stdout);
    let out = run_folio(&[
        "export",
        "json-resume",
        "--root",
        &root,
        "--variant",
        "leader",
    ]);
    out.assert_code(2);
    assert!(
        out.stderr
            .contains("no CV variant `leader` in site.toml: the variants are leadership, research"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_unknown_tag_in_a_variant_is_a_warning_at_the_tag() {
    let site = Site::copy("cv-variants");
    let toml = std::fs::read_to_string(site.path("site.toml")).expect("site.toml");
    site.write(
        "site.toml",
        &toml.replace(
            r#"tags = ["research"]"#,
            r#"tags = ["research", "reserch"]"#,
        ),
    );
    let out = site.build(&[]);
    out.assert_ok();
    let line = toml
        .lines()
        .position(|l| l.contains(r#"tags = ["research"]"#))
        .expect("the research tags")
        + 1;
    // At the tag's opening quote.
    let at = format!("site.toml:{line}:21: warning");
    assert!(out.stderr.contains(&at), "no {at:?} in:\n{}", out.stderr);
    assert!(
        out.stderr
            .contains("the CV variant `research` names the tag `reserch`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("did you mean `research`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_bad_variant_is_an_error_at_its_key() {
    let site = Site::copy("cv-variants");
    let toml = std::fs::read_to_string(site.path("site.toml")).expect("site.toml");
    site.write(
        "site.toml",
        &toml.replace("only_tagged = true", "only_tagged = \"yes\""),
    );
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr
            .contains("`cv.variants.research.only_tagged` must be true or false, not string"),
        "{}",
        out.stderr
    );
}

/// The text of a built PDF as `pdftotext` reads it.
fn pdf_text(path: std::path::PathBuf) -> String {
    assert!(path.is_file(), "{} was not written", path.display());
    poppler("pdftotext", &["-enc", "UTF-8"], &path)
}

#[test]
fn each_variant_has_its_pdf_with_the_entries_its_tags_pick_and_no_notes() {
    let site = built();
    let lead = pdf_text(site.public("cv-leadership.pdf"));
    has_all(
        &lead,
        "cv-leadership.pdf",
        &[
            "Engineering manager",
            "Acme Labs",
            "Grew the team from 3 to 12",
        ],
    );
    has_none(
        &lead,
        "cv-leadership.pdf",
        &[
            "Wrote the query planner",
            "Lab of Ideas",
            "Secretco",
            "Mutedword",
        ],
    );
    let research = pdf_text(site.public("cv-research.pdf"));
    has_all(
        &research,
        "cv-research.pdf",
        &["Wrote the query planner", "Lab of Ideas"],
    );
    has_none(
        &research,
        "cv-research.pdf",
        &["Grew the team from 3 to 12", "Corner Shop", "Secretco"],
    );
    // The private site's variants have the private entry, never the notes;
    // each variant's page links its own PDF.
    let private = pdf_text(site.private("cv-leadership.pdf"));
    has_all(&private, "private cv-leadership.pdf", &["Secretco"]);
    has_none(
        &private,
        "private cv-leadership.pdf",
        &["Mutedword", "Quietword"],
    );
    assert!(
        site.read_public("cv/leadership/index.html")
            .contains("cv-leadership.pdf")
    );
    assert!(site.read_public("cv/index.html").contains("cv.pdf"));
}

/// A static copy of a variant's PDF or JSON Resume is published with a
/// warning naming it, as `cv.pdf` and `resume.json` are; a file only named
/// like one (no such variant) is just a static file.
#[test]
fn a_static_copy_of_a_variants_pdf_or_resume_json_is_published_with_a_warning() {
    let site = Site::copy("cv-variants");
    site.write("static/cv-leadership.pdf", "%PDF-1.4 my own\n");
    site.write("static/resume-research.json", "{}\n");
    site.write("static/cv-sales.pdf", "%PDF-1.4 other\n");
    site.write("static/resume-leadership.json.bak", "{}\n");
    let out = site.build(&[]);
    out.assert_ok();
    for line in [
        "static/cv-leadership.pdf: warning: `static/cv-leadership.pdf` is published at /cv-leadership.pdf instead of the CV folio typesets there",
        "static/resume-research.json: warning: `static/resume-research.json` is published at /resume-research.json instead of the JSON Resume folio makes from your CV",
    ] {
        assert!(out.stderr.contains(line), "{line}\n{}", out.stderr);
    }
    for name in ["static/cv-sales.pdf", "static/resume-leadership.json.bak"] {
        assert!(!out.stderr.contains(name), "{name}\n{}", out.stderr);
    }
    assert_eq!(
        std::fs::read(site.public("cv-leadership.pdf")).unwrap(),
        b"%PDF-1.4 my own\n"
    );
}
