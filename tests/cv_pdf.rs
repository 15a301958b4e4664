//! `cv.pdf`: `folio build` typesets the CV of each site (public and
//! private) with Typst. The PDF is read back as a recruiter's tools read
//! it, with poppler-utils (`pdftotext`, `pdfinfo`; `scripts/ensure-poppler.sh`
//! installs them): every fact of the JSON Resume sample in reading order,
//! one A4 page, title, author; the same sources give the same bytes; the
//! private PDF has the private entries and the public one has none; text
//! in the CV is never Typst code; a broken template is a diagnostic.

mod support;

use std::path::Path;

use support::{Site, output_of, poppler};

const TODAY: &str = "2024-06-15";

/// The PDF's text, every run of white space made one space.
fn text_of(pdf: &Path) -> String {
    words(&poppler("pdftotext", &["-enc", "UTF-8"], pdf))
}

/// The PDF's text line by line as the page shows it (`pdftotext -layout`:
/// a date set flush right stays on its title's line).
fn lines_of(pdf: &Path) -> String {
    words(&poppler("pdftotext", &["-layout", "-enc", "UTF-8"], pdf))
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` holds every one of `facts`, in this order.
#[track_caller]
fn assert_in_order(text: &str, facts: &[&str]) {
    let mut from = 0;
    for fact in facts {
        match text[from..].find(fact) {
            Some(at) => from += at + fact.len(),
            None => panic!(
                "{fact:?} is missing from the PDF's text, or out of order (after byte {from}):\n{text}"
            ),
        }
    }
}

fn built(fixture: &str) -> Site {
    let site = Site::copy(fixture);
    site.build(&["--today", TODAY]).assert_ok();
    site
}

#[test]
fn the_sample_pdf_has_every_fact_of_the_cv_in_reading_order() {
    let site = built("cv-sample");
    let text = lines_of(&site.public("cv.pdf"));
    let facts = [
        "Richard Hendriks",
        "Programmer",
        "San Francisco, California, US",
        "richard.hendriks@mail.com",
        "(912) 555-4321",
        "richardhendricks.example.com",
        "Twitter: neutralthoughts",
        "SoundCloud: dandymusicnl",
        "Summary",
        "Richard hails from Tulsa.",
        "“length-limited” conversation!",
        "Experience",
        "Pied Piper",
        "Dec 2013 – Dec 2014",
        "Awesome compression company",
        "CEO/President",
        "Palo Alto, CA",
        "Pied Piper is a multi-platform technology",
        "Build an algorithm for artist to detect if their music was violating copy right infringement laws",
        "Successfully won Techcrunch Disrupt",
        "Optimized an algorithm that holds the current world record for Weisman Scores",
        "Projects",
        "Miss Direction",
        "Aug 2016",
        "Smoogle · Team lead, Designer",
        "A mapping engine that misguides you",
        "Won award at AIHacks 2016",
        "Built by all women team of newbie programmers",
        "Using modern technologies such as GoogleMaps, Chrome Extension and Javascript",
        "GoogleMaps · Chrome Extension · Javascript",
        "Education",
        "University of Oklahoma",
        "Jun 2011 – Jan 2014",
        "Bachelor in Information Technology",
        "Score: 4.0",
        "Courses: DB1101 - Basic SQL, CS2011 - Java Introduction",
        "Volunteering",
        "CoderDojo",
        "Jan 2012 – Jan 2013",
        "Teacher",
        "Global movement of free coding clubs for young people.",
        "Awarded 'Teacher of the Month'",
        "Awards",
        "Digital Compression Pioneer Award",
        "Nov 2014",
        "Techcrunch",
        "There is no spoon.",
        "Publications",
        "Video compression for 3d media",
        "Oct 2014",
        "Hooli",
        "Innovative middle-out compression algorithm",
        "Skills",
        "Web Development, Master: HTML, CSS, Javascript",
        "Compression, Master: Mpeg, MP4, GIF",
        "Languages",
        "English (Native speaker)",
        "Interests",
        "Wildlife: Ferrets, Unicorns",
        "References",
        "Erlich Bachman",
        "It is my pleasure to recommend Richard",
    ];
    assert_in_order(&text, &facts);
    // pdftotext's default reading, as a text extractor sees it, has them all.
    let flow = text_of(&site.public("cv.pdf"));
    for fact in facts {
        assert!(flow.contains(fact), "{fact:?} missing from:\n{flow}");
    }
    // Links show their text, never a raw address.
    assert!(!text.contains("http://"), "a raw URL in the PDF:\n{text}");
    assert!(!text.contains("https://"), "a raw URL in the PDF:\n{text}");
}

#[test]
fn the_sample_pdf_is_one_a4_page_with_title_author_and_the_build_date() {
    let site = built("cv-sample");
    let info = poppler("pdfinfo", &[], &site.public("cv.pdf"));
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}:")))
            .map(str::trim)
            .unwrap_or_else(|| panic!("pdfinfo shows no {name}:\n{info}"))
            .to_string()
    };
    assert_eq!(field("Pages"), "1", "{info}");
    assert_eq!(field("Title"), "CV of Richard Hendriks");
    assert_eq!(field("Author"), "Richard Hendriks");
    assert!(field("Page size").contains("(A4)"), "{info}");
    assert!(field("CreationDate").contains("2024"), "{info}");
    assert!(field("Tagged").starts_with("yes"), "{info}");
}

#[test]
fn paper_letter_sets_the_pdf_and_the_printed_page_to_us_letter() {
    let site = Site::copy("cv-sample");
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", &format!("{toml}\n[cv]\npaper = \"letter\"\n"));
    site.build(&["--today", TODAY]).assert_ok();
    let info = poppler("pdfinfo", &[], &site.public("cv.pdf"));
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    let page = site.read_public("cv/index.html");
    assert!(page.contains("@page { size: letter; }"), "{page}");
    let a4 = built("cv-sample").read_public("cv/index.html");
    assert!(a4.contains("@page { size: A4; }"));
}

#[test]
fn a_bad_paper_is_an_error_at_its_line_in_site_toml() {
    let site = Site::copy("cv-sample");
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    let line = toml.lines().count() + 3;
    site.write("site.toml", &format!("{toml}\n[cv]\npaper = \"a5\"\n"));
    let out = site.build(&[]);
    out.assert_code(1);
    let at = format!("site.toml:{line}:1: error: `cv.paper` = \"a5\" is not a paper folio knows");
    assert!(out.stderr.contains(&at), "{}", out.stderr);
    assert!(out.stderr.contains("paper = \"letter\""), "{}", out.stderr);
}

#[test]
fn the_same_sources_give_the_same_pdf_bytes() {
    let site = built("cv-sample");
    let first = std::fs::read(site.public("cv.pdf")).unwrap();
    let private = std::fs::read(site.private("cv.pdf")).unwrap();
    // Typeset again from nothing: no cache, outputs elsewhere.
    std::fs::remove_dir_all(site.path(".folio-cache")).unwrap();
    let again = site.out_root().join("again");
    let out = output_of(&mut site.build_command_into(
        &again.join("public"),
        &again.join("private"),
        &["--today", TODAY, "--no-cache"],
    ));
    out.assert_ok();
    assert!(first.starts_with(b"%PDF-"));
    assert_eq!(std::fs::read(again.join("public/cv.pdf")).unwrap(), first);
    assert_eq!(
        std::fs::read(again.join("private/cv.pdf")).unwrap(),
        private
    );
}

#[test]
fn the_cv_page_and_the_home_page_link_the_pdf() {
    let site = built("cv-sample");
    let cv = site.read_public("cv/index.html");
    assert!(
        cv.contains(r#"<a href="../cv.pdf" type="application/pdf">"#),
        "{cv}"
    );
    let home = site.read_public("index.html");
    assert!(
        home.contains(r#"<a href="./cv.pdf" type="application/pdf">"#),
        "{home}"
    );
    let private_cv = site.read_private("cv/index.html");
    assert!(private_cv.contains(r#"href="../cv.pdf""#));
    assert!(site.private("cv.pdf").is_file());
}

#[test]
fn private_entries_are_in_the_private_pdf_only() {
    let site = built("cv-private");
    let public = text_of(&site.public("cv.pdf")).to_lowercase();
    let private = text_of(&site.private("cv.pdf")).to_lowercase();
    assert!(public.contains("acme labs"), "{public}");
    assert!(
        !public.contains("hush"),
        "a private word in public/cv.pdf:\n{public}"
    );
    for word in ["hushcorp", "hush advisor", "hush shelter", "hush academy"] {
        assert!(
            private.contains(word),
            "{word:?} missing from private/cv.pdf:\n{private}"
        );
    }
}

#[test]
fn text_in_the_cv_is_shown_as_written_never_run_as_typst() {
    let site = Site::copy("cv-private");
    let cv = std::fs::read_to_string(site.path("content/cv.yaml")).unwrap();
    let hostile =
        r##"label: '#panic("boom") *not bold* $x^2$ ] #set page(width: 1cm) // @ref <l>'"##;
    site.write(
        "content/cv.yaml",
        &cv.replace("label: VP Engineering", hostile),
    );
    site.build(&["--today", TODAY]).assert_ok();
    let text = text_of(&site.public("cv.pdf"));
    assert!(
        text.contains(r#"#panic("boom") *not bold* $x^2$ ] #set page(width: 1cm) // @ref <l>"#),
        "{text}"
    );
    let info = poppler("pdfinfo", &[], &site.public("cv.pdf"));
    assert!(info.contains("(A4)"), "{info}");
}

#[test]
fn a_broken_template_is_a_diagnostic_at_its_line_not_an_engine_trace() {
    let site = Site::copy("cv-sample");
    site.write(
        "templates/cv.typ",
        "#let data = json(\"cv.json\")\n= #data.cv.basics.name\n#data.cv.basics.nope\n",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr.contains("templates/cv.typ:3:")
            && out
                .stderr
                .contains("error: typesetting cv.pdf: dictionary does not contain key \"nope\""),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert!(!site.public_dir().exists(), "nothing is written");
}

#[test]
fn an_overriding_template_is_used_and_the_cv_is_typeset_again_only_when_it_changed() {
    let site = Site::copy("cv-sample");
    site.write(
        "templates/cv.typ",
        "#let data = json(\"cv.json\")\n#set document(title: data.meta.title)\nOverride for #data.cv.basics.name\n",
    );
    let timed = |site: &Site| {
        let mut cmd = site.build_command(&["--today", TODAY]);
        cmd.env("FOLIO_TIMINGS", "1");
        let out = output_of(&mut cmd);
        out.assert_ok();
        out.stderr
    };
    let first = timed(&site);
    assert!(first.contains("typeset cv.pdf public"), "{first}");
    assert_eq!(
        text_of(&site.public("cv.pdf")),
        "Override for Richard Hendriks"
    );
    // A change elsewhere: the PDFs come from the cache.
    site.write("content/about.md", "---\ntitle: About\n---\nHello.\n");
    let second = timed(&site);
    assert!(!second.contains("typeset cv.pdf"), "{second}");
    assert_eq!(
        text_of(&site.public("cv.pdf")),
        "Override for Richard Hendriks"
    );
    // A change to the CV: typeset again.
    let cv = std::fs::read_to_string(site.path("content/cv.json")).unwrap();
    site.write(
        "content/cv.json",
        &cv.replace("Richard Hendriks", "Richard H."),
    );
    let third = timed(&site);
    assert!(third.contains("typeset cv.pdf public"), "{third}");
    assert_eq!(text_of(&site.public("cv.pdf")), "Override for Richard H.");
}

/// A copy of `resume.json`, the feed or the sitemap left in `static/` used
/// to replace the file folio makes, silently: the CV's edits never reached
/// `resume.json` again. It is still published, with a warning naming it;
/// `robots.txt` is the site's own to replace, without one.
#[test]
fn static_copies_of_resume_json_the_feed_and_the_sitemap_are_published_with_a_warning() {
    let site = Site::copy("cv-sample");
    for (rel, text) in [
        (
            "static/resume.json",
            "{\"basics\": {\"name\": \"Stale\"}}\n",
        ),
        ("static/atom.xml", "<feed/>\n"),
        ("static/sitemap.xml", "<urlset/>\n"),
        ("static/robots.txt", "User-agent: *\nDisallow: /drafts/\n"),
    ] {
        site.write(rel, text);
    }
    let out = site.build(&[]);
    out.assert_ok();
    for line in [
        "static/resume.json: warning: `static/resume.json` is published at /resume.json instead of the JSON Resume folio makes from your CV",
        "static/atom.xml: warning: `static/atom.xml` is published at /atom.xml instead of the feed folio makes from your articles",
        "static/sitemap.xml: warning: `static/sitemap.xml` is published at /sitemap.xml instead of the sitemap folio makes of your pages",
    ] {
        assert!(out.stderr.contains(line), "{line}\n{}", out.stderr);
    }
    assert!(!out.stderr.contains("static/robots.txt"), "{}", out.stderr);
    let published = std::fs::read_to_string(site.public("resume.json")).unwrap();
    assert!(published.contains("Stale"), "{published}");

    // Without a CV, folio makes no resume.json: nothing to warn about.
    std::fs::remove_file(site.path("content/cv.json")).unwrap();
    let out = site.build(&[]);
    out.assert_ok();
    assert!(!out.stderr.contains("static/resume.json"), "{}", out.stderr);
}

#[test]
fn a_static_cv_pdf_is_published_with_a_warning_and_pdf_false_makes_none() {
    let site = Site::copy("cv-sample");
    site.write("static/cv.pdf", "%PDF-1.4 my own CV\n");
    let out = site.build(&[]);
    out.assert_ok();
    assert!(
        out.stderr.contains(
            "static/cv.pdf: warning: `static/cv.pdf` is published at /cv.pdf instead of the CV folio typesets there"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("pdf = false"), "{}", out.stderr);
    let published = std::fs::read(site.public("cv.pdf")).unwrap();
    assert_eq!(published, b"%PDF-1.4 my own CV\n");

    // `pdf = false`: the user's file, no warning; without it, no cv.pdf
    // at all and no link to one.
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", &format!("{toml}\n[cv]\npdf = false\n"));
    let out = site.build(&[]);
    out.assert_ok();
    assert!(
        !out.stderr.contains("static-shadows-pdf") && !out.stderr.contains("instead of the CV"),
        "{}",
        out.stderr
    );
    std::fs::remove_file(site.path("static/cv.pdf")).unwrap();
    site.build(&[]).assert_ok();
    assert!(!site.public("cv.pdf").exists());
    assert!(!site.private("cv.pdf").exists());
    assert!(!site.read_public("cv/index.html").contains("cv.pdf"));
    assert!(!site.read_public("index.html").contains("cv.pdf"));
}
