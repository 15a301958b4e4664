//! Errors as the owner meets them: every error of a site reported at once
//! (in `build`, `check` and `serve`), however the errors combine; inputs
//! nested deep enough to hang the YAML parser refused at once; and a
//! standard output or error closed early ending folio with exit code 2,
//! not a panic.

mod support;

use std::process::Stdio;

use support::{Site, folio, output_of};

/// Runs `cmd` with standard error (or output) connected to a pipe whose
/// reading end is already closed: every write to it fails. Returns the
/// exit code.
fn exit_code_with_closed(mut cmd: std::process::Command, stream: &str) -> i32 {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    cmd.stdin(Stdio::null());
    match stream {
        "stderr" => cmd.stdout(Stdio::null()).stderr(writer),
        _ => cmd.stdout(writer).stderr(Stdio::null()),
    };
    let status = cmd.status().expect("run folio");
    // A panic would be exit code 101.
    status.code().expect("an exit code, not a signal")
}

#[test]
fn closed_stderr_during_a_failing_build_exits_2_without_panicking() {
    let site = Site::copy("basic");
    site.write("content/articles/bad.md", "---\ntitle: [\n---\nbody\n");
    let code = exit_code_with_closed(site.build_command(&[]), "stderr");
    assert_eq!(code, 2);
}

#[test]
fn closed_stdout_during_an_export_exits_2_without_panicking() {
    let site = Site::copy("cv-sample");
    let root = site.root_string();
    let code = exit_code_with_closed(folio(&["export", "json-resume", "--root", &root]), "stdout");
    assert_eq!(code, 2);
}

#[test]
fn closed_stdout_during_check_exits_2_without_panicking() {
    let site = Site::copy("basic");
    site.write("content/articles/bad.md", "---\ntitle: [\n---\nbody\n");
    let root = site.root_string();
    let code = exit_code_with_closed(folio(&["check", "--root", &root]), "stdout");
    assert_eq!(code, 2);
}

/// `levels` block mappings, each key indented one more space, under `extra:`.
fn block_nested(levels: usize) -> String {
    let mut yaml = String::from("extra:\n");
    for level in 1..=levels {
        yaml.push_str(&format!("{}k{level}:\n", " ".repeat(level)));
    }
    yaml
}

/// 200 KB of `[` nesting: tens of seconds for the YAML parser unguarded.
fn flow_nested() -> String {
    format!("{}{}", "[".repeat(100_000), "]".repeat(100_000))
}

#[test]
fn check_refuses_front_matter_nested_too_deep_in_either_style() {
    let site = Site::copy("basic");
    site.write(
        "content/articles/flow.md",
        &format!("---\ntitle: Flow\nextra: {}\n---\nbody\n", flow_nested()),
    );
    site.write(
        "content/articles/block.md",
        &format!("---\ntitle: Block\n{}---\nbody\n", block_nested(300)),
    );
    let root = site.root_string();
    let out = output_of(&mut folio(&["check", "--root", &root, "--format", "json"]));
    out.assert_code(1);
    let rows = rows(&out.stdout);
    assert_eq!(
        rows,
        [
            "error yaml content/articles/block.md:104:102 invalid YAML: nested more than 100 levels deep",
            "error yaml content/articles/flow.md:3:108 invalid YAML: nested more than 100 levels deep",
        ]
    );
}

#[test]
fn a_cv_nested_too_deep_is_refused_by_build_and_export() {
    let site = Site::copy("basic");
    site.write(
        "content/cv.yaml",
        &format!("basics:\n  name: Ada\nwork: {}\n", flow_nested()),
    );
    let expected = "content/cv.yaml:3:107: error: invalid YAML: nested more than 100 levels deep";
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(out.stderr.contains(expected), "{}", out.stderr);
    assert!(
        out.stderr.contains("hint: a CV is sections of entries of fields, a few levels deep: remove the deep nesting"),
        "{}",
        out.stderr
    );
    assert!(!site.public_dir().exists());

    site.write(
        "content/cv.yaml",
        &format!("basics:\n  name: Ada\n{}", block_nested(200)),
    );
    let root = site.root_string();
    let out = output_of(&mut folio(&["export", "json-resume", "--root", &root]));
    out.assert_code(1);
    assert!(
        out.stderr.contains(
            "content/cv.yaml:104:102: error: invalid YAML: nested more than 100 levels deep"
        ),
        "{}",
        out.stderr
    );
}

/// `severity code path:line:col message` per finding of a JSON report.
fn rows(stdout: &str) -> Vec<String> {
    let findings: serde_json::Value = serde_json::from_str(stdout).expect("a JSON array");
    findings
        .as_array()
        .expect("array")
        .iter()
        .map(|f| {
            format!(
                "{} {} {}:{}:{} {}",
                f["severity"].as_str().unwrap(),
                f["code"].as_str().unwrap(),
                f["path"].as_str().unwrap(),
                f["line"],
                f["col"],
                f["message"].as_str().unwrap(),
            )
        })
        .collect()
}

/// A page whose front matter does not parse.
const BAD_FRONT_MATTER: &str = "---\ntitle: [\n---\nBody.\n";
/// A page linking to nowhere and to the page whose front matter is broken.
const LINKS: &str = "---\ntitle: Links\n---\nSee [nowhere](nowhere.md) and [bad](bad.md).\n";

const YAML_ERROR: &str = "content/articles/bad.md:3:1: error: invalid YAML";
const BROKEN_LINK: &str =
    "content/articles/links.md:4:5: error: link to `nowhere.md`: no such file";
const NAME_ERROR: &str =
    "content/articles: error: file name \"tab\\tname.md\" contains a control character";

/// `basic` with a page whose front matter is broken and a page with a
/// broken link (and a link to the broken page).
fn site_with_content_errors() -> Site {
    let site = Site::copy("basic");
    site.write("content/articles/bad.md", BAD_FRONT_MATTER);
    site.write("content/articles/links.md", LINKS);
    site
}

fn check_text(site: &Site) -> support::Output {
    let root = site.root_string();
    output_of(&mut folio(&["check", "--root", &root]))
}

#[track_caller]
fn assert_all_in(text: &str, expected: &[&str]) {
    for e in expected {
        assert!(text.contains(e), "missing `{e}` in:\n{text}");
    }
}

#[test]
fn a_bad_file_name_hides_no_other_error_in_build_or_check() {
    let site = site_with_content_errors();
    site.write("content/articles/tab\tname.md", "---\ntitle: Tab\n---\n");
    let out = site.build(&[]);
    out.assert_code(1);
    assert_all_in(&out.stderr, &[NAME_ERROR, YAML_ERROR, BROKEN_LINK]);
    assert!(out.stderr.contains("error: 3 errors"), "{}", out.stderr);
    assert!(!site.public_dir().exists() && !site.private_dir().exists());

    let out = check_text(&site);
    out.assert_code(1);
    assert_all_in(&out.stdout, &[NAME_ERROR, YAML_ERROR, BROKEN_LINK]);
    assert!(out.stdout.contains("found 3 errors"), "{}", out.stdout);
}

#[test]
fn a_build_reports_link_errors_beside_front_matter_errors_but_not_links_to_the_broken_page() {
    let site = Site::copy("basic");
    site.build(&[]).assert_ok();
    let before = support::read_tree(&site.public_dir());
    site.write("content/articles/bad.md", BAD_FRONT_MATTER);
    site.write("content/articles/links.md", LINKS);
    let out = site.build(&[]);
    out.assert_code(1);
    assert_all_in(&out.stderr, &[YAML_ERROR, BROKEN_LINK]);
    // `bad.md` exists; only its front matter is broken.
    assert!(!out.stderr.contains("`bad.md`"), "{}", out.stderr);
    assert!(out.stderr.contains("error: 2 errors"), "{}", out.stderr);
    assert_eq!(support::read_tree(&site.public_dir()), before);
}

#[test]
fn every_broken_template_and_the_content_errors_are_reported_together() {
    let site = site_with_content_errors();
    site.write("templates/page.html", "{% if x %}\n<p>{{ broken </p>\n");
    site.write("templates/article.html", "<html>\n{{ foo | }}\n");
    let expected = [
        "templates/page.html:2:14: error: template `page.html`",
        "templates/article.html:2:10: error: template `article.html`",
        YAML_ERROR,
        BROKEN_LINK,
    ];
    let out = site.build(&[]);
    out.assert_code(1);
    assert_all_in(&out.stderr, &expected);
    assert!(!site.public_dir().exists());

    let out = check_text(&site);
    out.assert_code(1);
    assert_all_in(&out.stdout, &expected);
    assert!(out.stdout.contains("found 4 errors"), "{}", out.stdout);
}

#[test]
fn an_unknown_site_toml_key_hides_no_wrong_type() {
    let site = Site::copy("basic");
    site.write(
        "site.toml",
        "title = 3\nbase_url = \"https://example.org/\"\npaginate = \"ten\"\ntitel = \"x\"\n",
    );
    let expected = [
        "site.toml:1:1: error: `title`: invalid type: integer `3`, expected a string",
        "site.toml:3:1: error: `paginate`: invalid type: string \"ten\", expected usize",
        "site.toml:4:1: error: unknown key `titel`",
    ];
    let out = site.build(&[]);
    out.assert_code(1);
    assert_all_in(&out.stderr, &expected);
    assert!(out.stderr.contains("error: 3 errors"), "{}", out.stderr);

    let out = check_text(&site);
    out.assert_code(1);
    assert_all_in(&out.stdout, &expected);
    assert!(out.stdout.contains("found 3 errors"), "{}", out.stdout);
}

#[test]
fn the_serve_overlay_shows_every_error_at_once() {
    let site = Site::copy("basic");
    let root = site.root_string();
    let mut run = support::Running::start(&["serve", "--root", &root, "--port", "0"]);
    let port = run.wait_for_port();
    site.write("content/articles/links.md", LINKS);
    site.write("templates/article.html", "<html>\n{{ foo | }}\n");
    site.write("content/articles/bad.md", BAD_FRONT_MATTER);
    // Wait for the rebuild that saw all three files (the watcher may see
    // them in one batch or more).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        run.wait_for("build failed");
        run.settle(std::time::Duration::from_millis(500));
        let page = http_get(port, "/");
        let all = [
            "templates/article.html:2:10",
            "content/articles/bad.md:3:1",
            "content/articles/links.md:4:5",
        ];
        if all.iter().all(|e| page.contains(e)) {
            assert!(!page.contains("link to `bad.md`"), "{page}");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "overlay lacks errors:\n{page}"
        );
    }
}

/// The body of a GET of `path` on the local server at `port`.
fn http_get(port: u16, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    String::from_utf8_lossy(&raw).into_owned()
}

#[test]
fn a_build_lists_each_error_check_finds_once() {
    let site = Site::copy("check-all");
    let out = site.build(&[]);
    out.assert_code(1);
    let root = site.root_string();
    let check = output_of(&mut folio(&["check", "--root", &root, "--format", "json"]));
    let errors: Vec<String> = rows(&check.stdout)
        .into_iter()
        .filter(|r| r.starts_with("error "))
        .collect();
    assert_eq!(errors.len(), 12, "{errors:#?}");
    assert!(
        out.stderr
            .contains(&format!("error: {} errors", errors.len())),
        "{}",
        out.stderr
    );
    for row in errors.iter().filter(|r| r.contains(" content/")) {
        // `error code path:line:col message` as `path:line:col: error: message`.
        let mut parts = row.splitn(4, ' ');
        let (_, _, at, message) = (
            parts.next(),
            parts.next(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        let line = format!("{at}: error: {message}");
        assert_eq!(
            out.stderr.matches(&line).count(),
            1,
            "`{line}` in:\n{}",
            out.stderr
        );
    }
}
