//! `folio check` and the checks a build shares with it: every finding of the
//! `check-all` fixture pinned in text and JSON form, `--fix` on the owner's
//! documents, external links against a loopback server, exit codes.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use support::{Site, read_tree, run_folio};

fn check(site: &Site, extra: &[&str]) -> support::Output {
    let root = site.root_string();
    let mut args = vec!["check", "--root", &root];
    args.extend_from_slice(extra);
    run_folio(&args)
}

#[test]
fn every_finding_is_reported_with_its_position_in_text() {
    let site = Site::copy("check-all");
    let out = check(&site, &[]);
    out.assert_code(1);
    insta::assert_snapshot!("check_all_text", out.stdout);
}

#[test]
fn every_finding_is_reported_with_its_position_in_json() {
    let site = Site::copy("check-all");
    let out = check(&site, &["--format", "json"]);
    out.assert_code(1);
    assert_eq!(
        json_rows(&out.stdout),
        [
            "error front-matter-type content/articles/bad-types.md:3:1",
            "error front-matter-type content/articles/bad-types.md:4:1",
            "error yaml content/articles/bad-yaml.md:3:15",
            "error broken-link content/articles/links.md:8:3",
            "error broken-anchor content/articles/links.md:9:3",
            "error missing-asset content/articles/links.md:10:3",
            "error private-link content/articles/links.md:11:3",
            "error draft-link content/articles/links.md:12:3",
            "error broken-link content/articles/links.md:13:12",
            "warning unknown-key content/articles/typo.md:3:1",
            "warning mojibake content/articles/typo.md:7:11",
            "error cv content/cv.yaml:6:16",
            "error encoding content/notes/latin1.md:5:4",
            "warning roadmap-start content/roadmaps/plan.md:5:1",
            "error broken-link public/about/index.html:8:13",
        ]
    );
    insta::assert_snapshot!("check_all_json", out.stdout);
}

/// `severity code path:line:col` per finding of a JSON report.
fn json_rows(stdout: &str) -> Vec<String> {
    let findings: serde_json::Value = serde_json::from_str(stdout).expect("a JSON array");
    findings
        .as_array()
        .expect("array")
        .iter()
        .map(|f| {
            format!(
                "{} {} {}:{}:{}",
                f["severity"].as_str().unwrap(),
                f["code"].as_str().unwrap(),
                f["path"].as_str().unwrap(),
                f["line"],
                f["col"]
            )
        })
        .collect()
}

#[test]
fn every_roadmap_and_cv_finding_is_reported_with_its_position_in_text() {
    let site = Site::copy("check-career");
    let out = check(&site, &[]);
    out.assert_code(1);
    insta::assert_snapshot!("check_career_text", out.stdout);
}

#[test]
fn every_roadmap_and_cv_finding_is_reported_with_its_position_in_json() {
    let site = Site::copy("check-career");
    let out = check(&site, &["--format", "json"]);
    out.assert_code(1);
    assert_eq!(
        json_rows(&out.stdout),
        [
            "error advances content/achievements/log.md:6:11",
            "warning linkedin content/cv.yaml:3:3",
            "warning roadmap-plain-bullet content/roadmaps/plan.md:10:1",
            "error roadmap-field content/roadmaps/plan.md:15:24",
            "warning roadmap-due-before-start content/roadmaps/plan.md:16:23",
            "warning roadmap-horizon content/roadmaps/plan.md:18:1",
        ]
    );
    insta::assert_snapshot!("check_career_json", out.stdout);
}

#[test]
fn a_build_refuses_the_roadmap_and_cv_errors_and_only_warns_of_the_rest() {
    let site = Site::copy("check-career");
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr.contains("did you mean `plan#next-6-months`?"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("`2026-02-30` is not a real day"),
        "{}",
        out.stderr
    );
    assert!(!site.public_dir().exists());
    // Fixed, the site builds; what is left are warnings check alone reports
    // (plain bullets, due before start, horizon) and LinkedIn's, which a
    // build reports too.
    site.write(
        "content/achievements/log.md",
        "---\ntitle: Achievements\n---\n\n## 2026-03-14 — Spoke at QCon\nAdvances: plan#next-6-months\n",
    );
    let plan = std::fs::read_to_string(site.path("content/roadmaps/plan.md")).unwrap();
    site.write(
        "content/roadmaps/plan.md",
        &plan.replace("2026-02-30", "2026-02-28"),
    );
    site.build(&[]).assert_ok();
    let out = check(&site, &["--format", "json"]);
    out.assert_ok();
    let codes: Vec<String> = json_rows(&out.stdout)
        .iter()
        .map(|r| r.split(' ').take(2).collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        codes,
        [
            "warning linkedin",
            "warning roadmap-plain-bullet",
            "warning roadmap-due-before-start",
            "warning roadmap-horizon",
        ]
    );
}

#[test]
fn check_writes_nothing() {
    let site = Site::copy("check-all");
    let before = read_tree(&site.root());
    check(&site, &[]).assert_code(1);
    assert_eq!(read_tree(&site.root()), before);
    assert!(!site.path("public").exists() && !site.path("private").exists());
}

#[test]
fn quiet_prints_only_errors_and_verbose_says_what_was_checked() {
    let site = Site::copy("check-all");
    let quiet = check(&site, &["-q"]);
    quiet.assert_code(1);
    assert!(quiet.stdout.contains(": error: "));
    assert!(!quiet.stdout.contains(": warning: "));
    assert!(!quiet.stdout.contains("found"));
    let verbose = check(&site, &["-v"]);
    let stats = verbose
        .stdout
        .lines()
        .find(|l| l.starts_with("checked "))
        .expect("a line saying what was checked");
    assert!(
        stats.starts_with("checked 13 source files and 22 pages (")
            && stats.ends_with(" links, 1 external)"),
        "{stats}"
    );
}

#[test]
fn a_clean_site_exits_0_and_says_so() {
    let site = Site::copy("basic");
    let out = check(&site, &[]);
    out.assert_ok();
    assert_eq!(out.stdout, "no problems found\n");
}

#[test]
fn warnings_alone_exit_0() {
    let site = Site::copy("basic");
    site.write(
        "content/articles/typo.md",
        "---\ntitle: T\ntitel: x\ndate: 2026-03-02\n---\nDeep Tech â†’ Startup\n",
    );
    let out = check(&site, &[]);
    out.assert_ok();
    assert!(out.stdout.ends_with("found 2 warnings\n"), "{}", out.stdout);
}

#[test]
fn a_check_that_cannot_run_exits_2() {
    let empty = tempfile::tempdir().unwrap();
    let out = run_folio(&["check", "--root", empty.path().to_str().unwrap()]);
    out.assert_code(2);
    assert!(out.stderr.contains("no site.toml"), "{}", out.stderr);
    run_folio(&["check", "--format", "yaml"]).assert_code(2);
}

#[test]
fn site_toml_errors_are_findings_in_json_too() {
    let site = Site::copy("basic");
    site.write(
        "site.toml",
        "base_url = \"https://x.org/\"\ntitel = \"x\"\n",
    );
    let out = check(&site, &["--format", "json"]);
    out.assert_code(1);
    let findings: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(findings[0]["code"], "config");
    assert_eq!(findings[0]["line"], 2);
}

#[test]
fn fix_repairs_the_owner_documents_exactly() {
    let site = Site::copy("basic");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let cases = [
        (
            "001_4ed2abfd11698da7.txt",
            "content/articles/leader.md",
            "001_fixed.txt",
        ),
        (
            "002_900e8027bb3e13d8.txt",
            "content/roadmaps/deep.md",
            "002_fixed.txt",
        ),
    ];
    for (seed, to, _) in cases {
        let bytes = std::fs::read(seeds.join("seeds").join(seed)).unwrap();
        site.write_bytes(to, &bytes);
    }
    let before = check(&site, &[]);
    before.assert_ok();
    assert_eq!(before.stdout.matches(": warning: mojibake").count(), 11);

    let fixed = check(&site, &["--fix"]);
    fixed.assert_ok();
    assert!(
        fixed
            .stdout
            .starts_with("fixed 1 run of mojibake in content/articles/leader.md\nfixed 10 runs of mojibake in content/roadmaps/deep.md\n"),
        "{}",
        fixed.stdout
    );
    for (_, to, expected) in cases {
        let want = std::fs::read(seeds.join("mojibake").join(expected)).unwrap();
        assert!(
            std::fs::read(site.path(to)).unwrap() == want,
            "{to} differs from tests/fixtures/mojibake/{expected}"
        );
    }
    // What is left is the roadmap's missing start date and the article's
    // missing date, not mojibake.
    let after = check(&site, &[]).stdout;
    assert!(!after.contains("mojibake"), "{after}");
    assert!(
        after.contains("deep.md:10:1: warning: horizon `YEAR 1` has no dates"),
        "{after}"
    );
    assert!(
        after.contains("leader.md:1:1: warning: this article has no date"),
        "{after}"
    );
    assert!(after.ends_with("found 2 warnings\n"), "{after}");
}

#[test]
fn fix_keeps_bom_and_line_endings() {
    let site = Site::copy("basic");
    site.write_bytes(
        "content/articles/crlf.md",
        "\u{feff}---\r\ntitle: C\r\n---\r\nA â€” B\r\n".as_bytes(),
    );
    let out = check(&site, &["--fix"]);
    out.assert_ok();
    assert_eq!(
        std::fs::read(site.path("content/articles/crlf.md")).unwrap(),
        "\u{feff}---\r\ntitle: C\r\n---\r\nA — B\r\n".as_bytes()
    );
}

/// A loopback HTTP server: `/ok` answers 200, anything else 404. Counts
/// requests.
fn serve() -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&hits);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            counter.fetch_add(1, Ordering::SeqCst);
            let mut request_line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let _ = reader.read_line(&mut request_line);
            loop {
                let mut header = String::new();
                match reader.read_line(&mut header) {
                    Ok(0) | Err(_) => break,
                    Ok(_) if header == "\r\n" => break,
                    Ok(_) => {}
                }
            }
            let status = if request_line.starts_with("GET /ok ") {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\ncontent-length: 2\r\nconnection: close\r\n\r\nhi"
            );
        }
    });
    (port, hits)
}

fn site_with_external_links(port: u16) -> Site {
    let site = Site::copy("basic");
    site.write(
        "content/articles/links-out.md",
        &format!(
            "---\ntitle: Out\ndate: 2026-05-01\n---\nSee [ok](http://127.0.0.1:{port}/ok)\nand [gone](http://127.0.0.1:{port}/gone).\n"
        ),
    );
    site
}

fn check_with_loopback(site: &Site, extra: &[&str]) -> support::Output {
    let root = site.root_string();
    let mut cmd = support::folio(&["check", "--root", &root]);
    cmd.args(extra)
        .env("NO_PROXY", "127.0.0.1")
        .env("no_proxy", "127.0.0.1");
    support::output_of(&mut cmd)
}

#[test]
fn external_links_are_neither_listed_nor_fetched_by_default() {
    let (port, hits) = serve();
    let site = site_with_external_links(port);
    let out = check_with_loopback(&site, &[]);
    out.assert_ok();
    assert!(!out.stdout.contains("127.0.0.1"), "{}", out.stdout);
    assert_eq!(hits.load(Ordering::SeqCst), 0);
}

#[test]
fn external_links_are_listed_and_fetched_with_external() {
    let (port, hits) = serve();
    let site = site_with_external_links(port);
    let out = check_with_loopback(&site, &["--external", "--timeout", "5"]);
    out.assert_code(1);
    assert_eq!(hits.load(Ordering::SeqCst), 2, "each URL fetched once");
    assert!(out.stdout.contains(&format!(
        "content/articles/links-out.md:6:5: error: external link `http://127.0.0.1:{port}/gone` is gone: the server answered 404"
    )), "{}", out.stdout);
    assert!(out.stdout.contains(&format!(
        "content/articles/links-out.md:5:5: note: external link `http://127.0.0.1:{port}/ok`: 200"
    )), "{}", out.stdout);
    let json = check_with_loopback(&site, &["--external", "--format", "json"]);
    let findings: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let external: Vec<(&str, &str)> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "external-link")
        .map(|f| {
            (
                f["severity"].as_str().unwrap(),
                f["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(external.len(), 2, "{external:?}");
    assert_eq!(external[0].0, "note");
    assert_eq!(external[1].0, "error");
}

#[test]
fn build_refuses_a_broken_anchor_and_writes_nothing() {
    let site = Site::copy("basic");
    site.write(
        "content/extra.md",
        "---\ntitle: Extra\n---\nSee [part two](articles/first.md#part-tow).\n",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr.contains(
            "content/extra.md:4:5: error: link to `articles/first.md#part-tow`: the page /articles/first/ has no element with that id"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("did you mean `#part-two`?"));
    assert!(!site.public_dir().exists());
}

/// Where the report of the broken link on the public site's first article
/// says it is (`public/articles/first/index.html:line:col`, wherever the
/// output folder is), and the source line and caret shown under it.
fn located(report: &str) -> String {
    let page = "public/articles/first/index.html:";
    let lines: Vec<&str> = report.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(page) && l.contains("no such page"))
        .unwrap_or_else(|| panic!("no broken link in:\n{report}"));
    let first = lines[at];
    let from = first.find(page).unwrap_or_default();
    let to = first.find(": error").unwrap_or(first.len());
    let mut out = vec![&first[from..to]];
    out.extend(lines.iter().skip(at + 1).take(3));
    out.join("\n")
}

#[test]
fn a_templates_broken_link_is_located_in_the_written_page_as_check_locates_it() {
    let site = Site::copy("basic");
    // On every article's page: the build writes each page as it renders,
    // keeps only its links, and reads a page back to show where one is.
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block content %}\n<p>a</p>\n\n  <p>b <a href=\"{{ root }}gone/\">x</a></p>{% endblock content %}",
    );
    let built = site.build(&[]);
    built.assert_code(1);
    let at = located(&built.stderr);
    assert!(
        at.starts_with("public/articles/first/index.html:")
            && at.contains("|   <p>b <a href=\"../../gone/\">x</a></p>")
            && at.ends_with("|                 ^"),
        "{at}"
    );
    // `folio check` reads the same pages in memory.
    let checked = check(&site, &[]);
    checked.assert_code(1);
    assert_eq!(at, located(&checked.stdout), "{}", checked.stdout);
}

#[test]
fn build_refuses_a_broken_link_made_by_a_template() {
    let site = Site::copy("basic");
    // A good build first: the refused one must leave it in place, with
    // nothing staged beside it (the sites are written while links are
    // checked, and only swapped in when the check passes).
    site.build(&[]).assert_ok();
    let public_before = read_tree(&site.public_dir());
    let private_before = read_tree(&site.private_dir());
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<a href=\"{{ root }}missing/\">x</a>{% endblock content %}",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr
            .contains("error: link to `/me/missing/`: no such page in the built site"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("comes from a template"));
    assert!(read_tree(&site.public_dir()) == public_before);
    assert!(read_tree(&site.private_dir()) == private_before);
    let mut beside: Vec<String> = std::fs::read_dir(site.out_root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(
        beside,
        ["private", "public"],
        "nothing staged is left behind"
    );
}

#[test]
fn build_refuses_a_raw_html_link_from_a_public_page_into_the_private_site() {
    let site = Site::copy("basic");
    // Raw HTML is not resolved by the markdown renderer: only the check of
    // the built public site, against the private site's files, sees it.
    site.write(
        "content/articles/raw.md",
        "---\ntitle: Raw\ndate: 2026-02-01\n---\nSee <a href=\"../../roadmaps/plan/\">the plan</a>.\n",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr
            .contains("content/articles/raw.md:5:14: error: public page links to")
            && out.stderr.contains("exists only in the private site"),
        "{}",
        out.stderr
    );
    assert!(!site.public_dir().exists(), "nothing was swapped in");
}

#[test]
fn asset_beside_a_page_and_summaries_on_list_pages_link_correctly() {
    let site = Site::copy("basic");
    site.build(&[]).assert_ok();
    assert!(
        site.read_private("roadmaps/plan/index.html")
            .contains("src=\"../diagram.svg\"")
    );
    // second.md links to first.md#part-two; its summary is listed on
    // articles/, tags/career/ and the home page.
    assert!(
        site.read_public("articles/index.html")
            .contains("href=\"first/#part-two\"")
    );
    assert!(
        site.read_public("tags/career/index.html")
            .contains("href=\"../../articles/first/#part-two\"")
    );
    assert!(
        site.read_public("index.html")
            .contains("href=\"articles/first/#part-two\"")
    );
}

/// `script` (util-linux) runs folio on a pseudo-terminal.
#[cfg(target_os = "linux")]
#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let site = Site::copy("check-all");
    let cmd = format!(
        "'{}' check --root '{}' -q",
        env!("CARGO_BIN_EXE_folio"),
        site.root_string()
    );
    let on_tty = |no_color: Option<&str>| {
        let mut c = std::process::Command::new("script");
        c.args(["-qec", &cmd, "/dev/null"]).env_remove("NO_COLOR");
        if let Some(v) = no_color {
            c.env("NO_COLOR", v);
        }
        String::from_utf8_lossy(&c.output().expect("run script").stdout).into_owned()
    };
    assert!(on_tty(None).contains("\x1b[1;31merror\x1b[0m: "));
    assert!(!on_tty(Some("1")).contains('\x1b'));
    let piped = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["check", "--root", &site.root_string()])
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&piped.stdout).contains('\x1b'));
}

#[test]
fn the_owner_site_has_no_errors() {
    let out = run_folio(&["check", "--root", env!("CARGO_MANIFEST_DIR"), "-q"]);
    out.assert_ok();
    assert_eq!(out.stdout, "", "-q prints errors only");
}

/// The link check reads highlighted code blocks as blank text (their
/// insides hold only spans); a block of the same shape written as raw HTML
/// with a link inside is still read, so a public page cannot point into
/// the private site from inside one.
#[test]
fn a_link_inside_a_code_shaped_html_block_is_still_checked() {
    let site = Site::copy("basic");
    let page = "---\ntitle: Code\ndate: 2026-04-01\n---\nSome code:\n\n```rust\nfn main() { let s = \"<a href='../nowhere/'>\"; }\n```\n";
    site.write("content/articles/code.md", page);
    check(&site, &[]).assert_ok();
    site.write(
        "content/articles/code.md",
        &format!("{page}\n<pre class=\"code\" tabindex=\"0\"><code><span class=\"hl-a\">x</span> <a href=\"../secret/\">the plan</a></code></pre>\n"),
    );
    let out = check(&site, &[]);
    out.assert_code(1);
    let said = format!("{}{}", out.stdout, out.stderr);
    assert!(
        said.contains("content/articles/code.md:11:75")
            && said.contains("exists only in the private site"),
        "{said}"
    );
    assert!(!said.contains("nowhere"), "{said}");
}
