//! Hostile inputs: one class of bad or outlandish source per test, each on
//! a small fixture site (`tests/fixtures/sites/hostile-*`) or on a copy of
//! `basic` made hostile at test time (what cannot be committed: huge or deep
//! files, symlinks, odd file names, permissions). Every test pins the exact
//! diagnostic (code, file, line, column, message) and that the build wrote
//! nothing outside its output folders; a failing build must also leave the
//! previous good output byte for byte.

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use support::{Output, Running, Site, Unprivileged, read_tree};

/// Everything under the site's temporary folder: the sources and both
/// output folders, byte for byte.
struct Snapshot {
    sources: BTreeMap<String, Vec<u8>>,
    public: BTreeMap<String, Vec<u8>>,
    private: BTreeMap<String, Vec<u8>>,
}

impl Snapshot {
    fn of(site: &Site) -> Snapshot {
        Snapshot {
            sources: sources_of(site),
            public: read_tree(&site.public_dir()),
            private: read_tree(&site.private_dir()),
        }
    }
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Nothing was written beside the sources, the two output folders and the
/// build cache (`.folio-cache/`, whose files are all folio's own), and the
/// sources are as they were.
#[track_caller]
fn assert_wrote_only_outputs(site: &Site, sources: &BTreeMap<String, Vec<u8>>) {
    let tmp = site.root().parent().unwrap().to_path_buf();
    assert_eq!(names(&tmp), ["out", "site"], "litter beside the site");
    assert_eq!(
        names(&site.out_root()),
        ["private", "public"],
        "litter beside the outputs"
    );
    let cache_dir = site.path(".folio-cache");
    let cache = if cache_dir.exists() {
        read_tree(&cache_dir)
    } else {
        BTreeMap::new()
    };
    for name in cache.keys() {
        assert!(
            [".gitignore", "CACHEDIR.TAG", "build.lock"].contains(&name.as_str())
                || name.ends_with(".bin"),
            "unexpected file in the build cache: {name}"
        );
    }
    let now = sources_of(site);
    assert!(now == *sources, "the sources changed");
}

/// The site's files, without the build cache.
fn sources_of(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let mut files = read_tree(&site.root());
    files.retain(|path, _| !path.starts_with(".folio-cache/"));
    files
}

/// Builds `site` (which must build), makes it hostile with `make`, builds
/// again: that build must fail (exit 1) and leave everything — sources and
/// the previous outputs — byte for byte. Returns the failing build.
#[track_caller]
fn fails_keeping_the_last_good_site(site: &Site, make: impl FnOnce(&Site)) -> Output {
    site.build(&[]).assert_ok();
    make(site);
    let before = Snapshot::of(site);
    let out = site.build(&[]);
    out.assert_code(1);
    assert_wrote_only_outputs(site, &before.sources);
    assert!(
        read_tree(&site.public_dir()) == before.public,
        "public/ changed"
    );
    assert!(
        read_tree(&site.private_dir()) == before.private,
        "private/ changed"
    );
    out
}

/// A committed hostile fixture: its `hostile` files are set aside for a
/// first, good build, then put back.
#[track_caller]
fn fixture_fails(fixture: &str, hostile: &str) -> (Site, Output) {
    let site = Site::copy(fixture);
    let bytes = fs::read(site.path(hostile)).unwrap();
    fs::remove_file(site.path(hostile)).unwrap();
    let out = fails_keeping_the_last_good_site(&site, |s| s.write_bytes(hostile, &bytes));
    (site, out)
}

/// Makes `site` hostile with `make`, then builds: the build must succeed
/// and write nothing outside its outputs.
#[track_caller]
fn builds_anyway(site: &Site, make: impl FnOnce(&Site)) -> Output {
    make(site);
    let sources = sources_of(site);
    let out = site.build(&[]);
    out.assert_ok();
    assert_wrote_only_outputs(site, &sources);
    out
}

/// One finding of `folio check --format json`.
#[derive(Debug, PartialEq)]
struct Finding {
    severity: String,
    code: String,
    path: String,
    line: u64,
    col: u64,
    message: String,
}

fn check_findings(site: &Site) -> Vec<Finding> {
    let root = site.root_string();
    let out = site.run(&["check", "--root", &root, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("check --format json: {e}\n{}", out.stdout));
    json.as_array()
        .unwrap()
        .iter()
        .map(|f| Finding {
            severity: f["severity"].as_str().unwrap().into(),
            code: f["code"].as_str().unwrap().into(),
            path: f["path"].as_str().unwrap().into(),
            line: f["line"].as_u64().unwrap(),
            col: f["col"].as_u64().unwrap(),
            message: f["message"].as_str().unwrap().into(),
        })
        .collect()
}

/// `folio check` reports exactly one error: `code` at `path:line:col`, its
/// message starting with `message`.
#[track_caller]
fn assert_one_error(site: &Site, code: &str, path: &str, line: u64, col: u64, message: &str) {
    let errors: Vec<Finding> = check_findings(site)
        .into_iter()
        .filter(|f| f.severity == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let f = &errors[0];
    assert_eq!(
        (f.code.as_str(), f.path.as_str(), f.line, f.col),
        (code, path, line, col),
        "{f:#?}"
    );
    assert!(f.message.starts_with(message), "{f:#?}");
}

/// The build printed `line` (a whole `path:line:col: error: message` line,
/// or its start).
#[track_caller]
fn assert_printed(out: &Output, line: &str) {
    assert!(
        out.stderr.lines().any(|l| l.starts_with(line)),
        "no line starting with {line:?} in:\n{}",
        out.stderr
    );
}

#[test]
fn invalid_utf8_names_the_file_line_column_and_byte() {
    let (site, out) = fixture_fails("hostile-invalid-utf8", "content/articles/latin1.md");
    assert_printed(
        &out,
        "content/articles/latin1.md:2:11: error: file is not valid UTF-8 (byte 0xE9)",
    );
    assert_one_error(
        &site,
        "encoding",
        "content/articles/latin1.md",
        2,
        11,
        "file is not valid UTF-8 (byte 0xE9)",
    );
}

#[test]
fn yaml_bomb_of_aliases_is_refused_not_expanded() {
    let (site, out) = fixture_fails("hostile-yaml-bomb", "content/articles/laughs.md");
    assert_printed(
        &out,
        "content/articles/laughs.md:2:1: error: invalid YAML: repetition limit exceeded",
    );
    assert!(
        out.stderr.contains("hint: front matter is a few `key: value` lines: remove the deep nesting or the repeated `*aliases`"),
        "{}",
        out.stderr
    );
    assert_one_error(
        &site,
        "yaml",
        "content/articles/laughs.md",
        2,
        1,
        "invalid YAML: repetition limit exceeded",
    );
}

#[test]
fn yaml_nested_ten_thousand_deep_is_refused_early() {
    let (site, out) = fixture_fails("hostile-yaml-deep", "content/articles/deep.md");
    assert_printed(
        &out,
        "content/articles/deep.md:4:108: error: invalid YAML: nested more than 100 levels deep",
    );
    assert_one_error(
        &site,
        "yaml",
        "content/articles/deep.md",
        4,
        108,
        "invalid YAML: nested more than 100 levels deep",
    );
}

#[test]
fn duplicate_slug_names_both_files() {
    let (site, out) = fixture_fails("hostile-duplicate-slug", "content/articles/copy.md");
    assert_printed(
        &out,
        "content/articles/good.md: error: same URL /articles/good/ as content/articles/copy.md",
    );
    assert_one_error(
        &site,
        "duplicate-path",
        "content/articles/good.md",
        0,
        0,
        "same URL /articles/good/ as content/articles/copy.md",
    );
}

/// A file of `static/` or `content/` at the address of a page folio makes
/// would have replaced that page: silently in memory (`serve`), and in a
/// build after the page was written and its links recorded, so the build
/// failed on a link the file does not have, blamed on the template. Each
/// such file is an error naming it and the page, in `build` and `check`,
/// and the last good site stays.
#[test]
fn a_file_at_the_address_of_a_page_is_an_error_naming_both() {
    let site = Site::copy("basic");
    let out = fails_keeping_the_last_good_site(&site, |s| {
        s.write("static/about/index.html", "<p>my own about page</p>\n");
        s.write("static/tags/index.html", "<p>my own tag list</p>\n");
        s.write(
            "content/articles/first/index.html",
            "<p>beside the article</p>\n",
        );
    });
    for line in [
        "static/about/index.html: error: this file would replace the page /about/ (made from content/about.md)",
        "static/tags/index.html: error: this file would replace the page /tags/ folio makes",
        "content/articles/first/index.html: error: this file would replace the page /articles/first/ (made from content/articles/first.md)",
    ] {
        assert_printed(&out, line);
    }
    assert!(
        !out.stderr.contains("#main"),
        "no link error blamed on the template:\n{}",
        out.stderr
    );
    let errors: Vec<Finding> = check_findings(&site)
        .into_iter()
        .filter(|f| f.severity == "error")
        .collect();
    let named: Vec<(&str, &str)> = errors
        .iter()
        .map(|f| (f.code.as_str(), f.path.as_str()))
        .collect();
    assert_eq!(
        named,
        [
            ("file-on-page", "content/articles/first/index.html"),
            ("file-on-page", "static/about/index.html"),
            ("file-on-page", "static/tags/index.html"),
        ],
        "{errors:#?}"
    );
    // A file beside a page, not on it, is still copied.
    fs::remove_file(site.path("static/about/index.html")).unwrap();
    fs::remove_file(site.path("static/tags/index.html")).unwrap();
    fs::remove_file(site.path("content/articles/first/index.html")).unwrap();
    site.write("static/about/card.html", "<p>a card</p>\n");
    site.build(&[]).assert_ok();
    assert!(site.public("about/card.html").is_file());
}

#[test]
fn slug_with_dot_dot_is_refused_and_nothing_escapes() {
    let (site, out) = fixture_fails("hostile-dotdot-slug", "content/articles/evil.md");
    assert_printed(
        &out,
        "content/articles/evil.md:4:1: error: slug `../../escape` is not a single path segment (it would leave its folder)",
    );
    assert_one_error(
        &site,
        "slug",
        "content/articles/evil.md",
        4,
        1,
        "slug `../../escape` is not a single path segment",
    );
    assert!(!site.out_root().join("escape").exists());
    assert!(!site.root().parent().unwrap().join("escape").exists());
}

#[test]
fn date_0000_00_00_is_not_a_real_date() {
    let (site, out) = fixture_fails("hostile-zero-date", "content/articles/zero.md");
    assert_printed(
        &out,
        "content/articles/zero.md:3:1: error: `date`: `0000-00-00` is not a real date (year or month out of range)",
    );
    assert_one_error(
        &site,
        "front-matter-type",
        "content/articles/zero.md",
        3,
        1,
        "`date`: `0000-00-00` is not a real date",
    );
}

/// About 5 MB of ordinary markdown in one article: it builds, whole.
#[test]
fn five_megabyte_article_builds() {
    let site = Site::copy("basic");
    builds_anyway(&site, |s| {
        let mut text = String::from("---\ntitle: Huge\ndate: 2026-01-20\n---\n");
        let mut n = 0;
        while text.len() < 5 * 1024 * 1024 {
            n += 1;
            text.push_str(&format!(
                "## Part {n}\n\nParagraph {n} with *emphasis*, `code`, a [link](first.md) and\n\
                 some plain words to make it long enough to be a paragraph.\n\n\
                 - item one of {n}\n- item two of {n}\n\n```rust\nfn part_{n}() {{}}\n```\n\n"
            ));
        }
        text.push_str("The very last paragraph.\n");
        s.write("content/articles/huge.md", &text);
    });
    let page = site.read_public("articles/huge/index.html");
    assert!(page.len() > 5 * 1024 * 1024, "{} bytes", page.len());
    assert!(page.contains("The very last paragraph."));
}

/// 10,000 nested block quotes and 10,000 nested brackets build without
/// overflowing the stack (pulldown-cmark's or folio's).
#[test]
fn ten_thousand_deep_quotes_and_brackets_build() {
    let site = Site::copy("basic");
    builds_anyway(&site, |s| {
        let quotes = format!(
            "---\ntitle: Quotes\ndate: 2026-01-21\n---\n{}deepest quote\n",
            "> ".repeat(10_000)
        );
        s.write("content/articles/quotes.md", &quotes);
        let brackets = format!(
            "---\ntitle: Brackets\ndate: 2026-01-21\n---\n{}deepest bracket{}(first.md)\n\n{}x{}\n",
            "[".repeat(10_000),
            "]".repeat(10_000),
            "*".repeat(10_000),
            "*".repeat(10_000),
        );
        s.write("content/articles/brackets.md", &brackets);
    });
    assert!(
        site.read_public("articles/quotes/index.html")
            .contains("deepest quote")
    );
    assert!(
        site.read_public("articles/brackets/index.html")
            .contains("deepest bracket")
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_skipped_with_a_warning() {
    let site = Site::copy("basic");
    let out = builds_anyway(&site, |s| {
        std::os::unix::fs::symlink("loop.md", s.path("content/articles/loop.md")).unwrap();
        std::os::unix::fs::symlink("b.md", s.path("content/articles/a.md")).unwrap();
        std::os::unix::fs::symlink("a.md", s.path("content/articles/b.md")).unwrap();
        std::os::unix::fs::symlink("..", s.path("content/articles/up")).unwrap();
    });
    for name in ["loop.md", "a.md", "b.md"] {
        assert_printed(
            &out,
            &format!(
                "content/articles/{name}: warning: skipped: broken symlink (its target does not exist or loops)"
            ),
        );
    }
    assert_printed(
        &out,
        "content/articles/up: warning: symlinked folder not followed",
    );
    assert!(
        !read_tree(&site.public_dir())
            .keys()
            .any(|k| k.contains("up/"))
    );
}

/// Symlinks to `/etc`, to a file in it and to a file beside the site, in
/// `content/` and `static/`: none is read; nothing of them is published.
/// (Moved here from tests/cli.rs, and made wider.)
#[cfg(unix)]
#[test]
fn symlinks_out_of_the_tree_are_never_read() {
    let site = Site::copy("basic");
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = elsewhere.path().join("outside-secret.md");
    let out = builds_anyway(&site, |s| {
        fs::write(&outside, "---\ntitle: Outside\n---\nOUTSIDE-MARKER-99\n").unwrap();
        std::os::unix::fs::symlink(&outside, s.path("content/articles/linked.md")).unwrap();
        std::os::unix::fs::symlink("/etc", s.path("content/etc")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", s.path("content/articles/passwd.md")).unwrap();
        std::os::unix::fs::symlink("/etc", s.path("static/etc")).unwrap();
    });
    for (path, target) in [
        ("content/articles/linked.md", outside.display().to_string()),
        ("content/articles/passwd.md", "/etc/passwd".into()),
        ("content/etc", "/etc".into()),
        ("static/etc", "/etc".into()),
    ] {
        assert_printed(
            &out,
            &format!("{path}: warning: skipped: symlink points outside the site ({target})"),
        );
    }
    for tree in [
        read_tree(&site.public_dir()),
        read_tree(&site.private_dir()),
    ] {
        assert!(!tree.values().any(|b| contains(b, "OUTSIDE-MARKER-99")));
        assert!(!tree.values().any(|b| contains(b, "root:x:0:0")));
        assert!(
            !tree
                .keys()
                .any(|k| k.starts_with("etc") || k.contains("passwd"))
        );
    }
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[cfg(unix)]
#[test]
fn file_name_with_a_line_break_is_refused() {
    let site = Site::copy("basic");
    let out = fails_keeping_the_last_good_site(&site, |s| {
        s.write(
            "content/articles/two\nlines.md",
            "---\ntitle: Two Lines\n---\nx\n",
        );
    });
    assert_printed(
        &out,
        r#"content/articles: error: file name "two\nlines.md" contains a control character"#,
    );
    assert_one_error(
        &site,
        "file-name",
        "content/articles",
        0,
        0,
        r#"file name "two\nlines.md" contains a control character"#,
    );
}

/// A FIFO in `content/`, and a symlink to one: skipped with a warning, and
/// never opened (opening a FIFO waits for a writer, so a build that tried
/// would never end: it gets 60 seconds here).
#[cfg(unix)]
#[test]
fn fifo_in_content_is_skipped_with_a_warning_and_never_opened() {
    let site = Site::copy("basic");
    for fifo in ["content/articles/pipe.md", "pipe-beside.md"] {
        let path = std::ffi::CString::new(site.path(fifo).to_str().unwrap()).unwrap();
        // SAFETY: a valid C string; mkfifo only creates the file.
        assert_eq!(
            unsafe { libc::mkfifo(path.as_ptr(), 0o644) },
            0,
            "mkfifo {fifo}"
        );
    }
    std::os::unix::fs::symlink(
        "../../pipe-beside.md",
        site.path("content/articles/linked.md"),
    )
    .unwrap();
    let mut child = site
        .build_command(&[])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the build opened a FIFO and waited for a writer");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = output_of_child(child);
    out.assert_ok();
    for path in ["content/articles/pipe.md", "content/articles/linked.md"] {
        assert_printed(
            &out,
            &format!("{path}: warning: skipped: not a regular file (a FIFO, a socket or a device)"),
        );
    }
    assert!(site.public("articles/first/index.html").exists());
    assert!(!site.public("articles/pipe").exists() && !site.public("articles/linked").exists());
}

/// What a finished child printed.
fn output_of_child(child: std::process::Child) -> Output {
    let out = child.wait_with_output().unwrap();
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A backslash is legal in a Linux file name but would turn `a\b.md` into
/// the URL folders `a/b/`.
#[cfg(unix)]
#[test]
fn file_name_with_a_backslash_is_refused() {
    let site = Site::copy("basic");
    let out = fails_keeping_the_last_good_site(&site, |s| {
        s.write("content/articles/a\\b.md", "---\ntitle: Slash\n---\nx\n");
    });
    assert_printed(
        &out,
        r#"content/articles/a\b.md: error: the name "a\b.md" contains a backslash (\), which would become a folder in its URL"#,
    );
    assert!(out.stderr.contains("rename it"), "{}", out.stderr);
}

/// A file folio may not read. `chmod 000` does not stop root (CI runs the
/// tests as root), so as root the build runs as `nobody` (uid 65534) on a
/// site handed to that user; as anyone else it runs as the current user.
/// Either way the read really fails with "permission denied".
#[cfg(unix)]
#[test]
fn unreadable_file_is_an_error_that_names_it() {
    use std::os::unix::fs::PermissionsExt;

    let site = Site::copy("basic");
    // `nobody` may not reach the test binary (a checkout in a private
    // folder): it runs a copy in a folder of its own.
    let runner = Unprivileged::new(&site);
    let build = || runner.build(&site, &[]);
    build().assert_ok();
    let before = Snapshot::of(&site);
    let target = site.path("content/articles/second.md");
    fs::set_permissions(&target, fs::Permissions::from_mode(0o000)).unwrap();
    let out = build();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o644)).unwrap();
    out.assert_code(1);
    assert_printed(
        &out,
        "content/articles/second.md: error: cannot read the file: permission denied",
    );
    assert_wrote_only_outputs(&site, &before.sources);
    assert!(read_tree(&site.public_dir()) == before.public);
    assert!(read_tree(&site.private_dir()) == before.private);
}

/// `content/` vanishes while `folio watch` runs: the loop says so, keeps the
/// last good output, keeps running, and rebuilds when the folder is back.
#[test]
fn content_folder_vanishing_during_watch_keeps_the_last_good_output() {
    let site = Site::copy("basic");
    let (root, public, private) = (
        site.root_string(),
        site.public_dir().to_string_lossy().into_owned(),
        site.private_dir().to_string_lossy().into_owned(),
    );
    let mut watch = Running::start(&[
        "watch",
        "--root",
        &root,
        "--out",
        &public,
        "--private-out",
        &private,
    ]);
    watch.wait_for("rebuilt (startup)");
    let before = Snapshot::of(&site);
    let aside = site.root().parent().unwrap().join("content-aside");
    fs::rename(site.path("content"), &aside).unwrap();
    watch.wait_for("content: error: the content/ folder is missing");
    watch.wait_for("build failed");
    assert!(
        read_tree(&site.public_dir()) == before.public,
        "public/ changed"
    );
    assert!(
        read_tree(&site.private_dir()) == before.private,
        "private/ changed"
    );
    assert_eq!(names(&site.out_root()), ["private", "public"]);
    fs::rename(&aside, site.path("content")).unwrap();
    watch.wait_for("rebuilt");
    drop(watch);
    assert_wrote_only_outputs(&site, &before.sources);
    assert!(
        read_tree(&site.public_dir()) == before.public,
        "public/ differs after the folder came back"
    );
    assert!(read_tree(&site.private_dir()) == before.private);
}
