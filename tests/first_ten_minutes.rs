//! The first ten minutes of a new user, driven through the real binary in a
//! temporary folder: `folio init`, `folio new article` from inside
//! `content/articles/`, `folio build`, `folio serve` over HTTP on loopback
//! (where the new article is a draft and its address says so), then
//! publishing it by editing its front matter. Every step says what happened
//! and what to do next, and nothing is written outside the site's own
//! output folders, wherever in the site folio is run.

mod support;

use std::collections::BTreeSet;
use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

use support::{Output, Running, folio, output_of};

/// Runs folio with `args` in the folder `cwd`.
fn folio_in(cwd: &Path, args: &[&str]) -> Output {
    let mut cmd = folio(args);
    cmd.current_dir(cwd);
    output_of(&mut cmd)
}

/// Every file and folder under `dir`, relative, except those under `skip`.
fn tree(dir: &Path, skip: &[&str]) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(dir).unwrap().to_path_buf();
            if skip.iter().any(|s| rel.starts_with(s)) {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            }
            out.insert(rel);
        }
    }
    out
}

/// A GET over HTTP/1.1 on loopback: the status and the body.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {text}"));
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

#[test]
fn init_new_build_serve_then_publish_a_first_article() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("my-career");
    let articles = site.join("content/articles");

    // init: the next step is `folio serve`, with both sites' addresses.
    let init = folio_in(tmp.path(), &["init", "my-career", "--date", "2026-03-14"]);
    init.assert_ok();
    assert!(
        init.stdout.contains("next: cd my-career && folio serve\n"),
        "{}",
        init.stdout
    );
    assert!(
        init.stdout
            .contains("http://127.0.0.1:1111/ for the public site")
            && init.stdout.contains("http://127.0.0.1:1111/_private/"),
        "{}",
        init.stdout
    );

    // new, from inside content/articles/: the site is found above, and the
    // article is said to be a draft, with how to preview and publish it.
    let new = folio_in(
        &articles,
        &["new", "article", "My first post", "--date", "2026-03-14"],
    );
    new.assert_ok();
    assert_eq!(new.stdout, "../../content/articles/my-first-post.md\n");
    let article = articles.join("my-first-post.md");
    let text = fs::read_to_string(&article).unwrap();
    assert!(text.contains("\ndraft: true\n"), "{text}");
    for said in [
        "this article is a draft (`draft: true` in its front matter)",
        "preview it: folio serve --drafts",
        "publish it: delete the `draft: true` line",
    ] {
        assert!(new.stderr.contains(said), "`{said}` in:\n{}", new.stderr);
    }
    assert!(
        !articles.join("content").exists() && !articles.join("site.toml").exists(),
        "nothing written in the folder new ran in"
    );

    // build, from the same subfolder: outputs go to the site's own folders,
    // nothing else in the site changes, and the draft is counted.
    let sources = tree(&site, &[]);
    let build = folio_in(&articles, &["build"]);
    build.assert_ok();
    assert!(
        build
            .stdout
            .contains("; 1 draft skipped (--drafts includes it)"),
        "{}",
        build.stdout
    );
    let after = tree(&site, &["public", "private", ".folio-cache"]);
    assert_eq!(
        after, sources,
        "a build from a subfolder writes only public/, private/ and .folio-cache/"
    );
    assert!(site.join("public/index.html").is_file());
    assert!(site.join("private/index.html").is_file());
    assert!(!site.join("public/articles/my-first-post").exists());

    // serve, from the subfolder too: how to stop it, the draft counted, and
    // the draft's address explains itself on both sites.
    let mut cmd = folio(&["serve", "--port", "0"]);
    cmd.current_dir(&articles);
    let mut serve = Running::spawn(cmd);
    let summary = serve.wait_for("rebuilt (startup)");
    assert!(
        summary.ends_with("; 1 draft skipped (--drafts includes it)"),
        "{summary}"
    );
    let serving = serve.wait_for("serving http://");
    assert!(serving.ends_with("; press Ctrl+C to stop"), "{serving}");
    let port = serving
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {serving}"));
    for path in [
        "/articles/my-first-post/",
        "/articles/my-first-post",
        "/_private/articles/my-first-post/",
    ] {
        let (status, body) = get(port, path);
        assert_eq!(status, 404, "{path}");
        assert!(
            body.contains("<h1>This page is a draft</h1>"),
            "{path}: {body}"
        );
        assert!(
            body.contains("<code>content/articles/my-first-post.md</code>")
                && body.contains("delete the <code class=\"cmd\">draft: true</code> line")
                && body.contains("<code class=\"cmd\">folio serve --drafts</code>"),
            "{path}: {body}"
        );
        assert!(
            body.contains("/_folio/live.js"),
            "it reloads once published"
        );
    }
    let (status, body) = get(port, "/articles/no-such-page/");
    assert_eq!(status, 404);
    assert!(!body.contains("draft"), "any other 404 is the site's own");

    // Publish by editing the front matter: serve shows it at once.
    fs::write(&article, text.replace("draft: true\n", "")).unwrap();
    let rebuilt = serve.wait_for("rebuilt (content/articles/my-first-post.md)");
    assert!(!rebuilt.contains("draft"), "{rebuilt}");
    let (status, body) = get(port, "/articles/my-first-post/");
    assert_eq!(status, 200);
    assert!(body.contains("My first post"));
    drop(serve);

    // And the next build publishes it, with no draft left to mention.
    let build = folio_in(&site, &["build"]);
    build.assert_ok();
    assert!(build.stdout.starts_with("built "), "{}", build.stdout);
    assert!(!build.stdout.contains("draft"), "{}", build.stdout);
    let page = fs::read_to_string(site.join("public/articles/my-first-post/index.html")).unwrap();
    assert!(page.contains("My first post"));
}

#[test]
fn new_makes_ascii_file_names_from_any_title() {
    let tmp = tempfile::tempdir().unwrap();
    folio_in(tmp.path(), &["init", "s", "-q"]).assert_ok();
    let site = tmp.path().join("s");
    for (title, file) in [
        ("Café Über", "cafe-uber.md"),
        ("Straße nach Ærø", "strasse-nach-aero.md"),
        ("Профиль", "profil.md"),
    ] {
        let out = folio_in(&site, &["new", "article", title, "-q"]);
        out.assert_ok();
        assert_eq!(out.stdout, format!("content/articles/{file}\n"));
        assert_eq!(out.stderr, "", "-q keeps the draft note quiet");
        let text = fs::read_to_string(site.join("content/articles").join(file)).unwrap();
        assert!(
            text.starts_with(&format!("---\ntitle: \"{title}\"\n")),
            "{text}"
        );
    }
    let built = folio_in(&site, &["build", "--drafts"]);
    built.assert_ok();
    assert!(site.join("public/articles/cafe-uber/index.html").is_file());
}

#[test]
fn root_wins_over_the_site_found_above_and_outputs_stay_in_the_site() {
    let tmp = tempfile::tempdir().unwrap();
    folio_in(tmp.path(), &["init", "a", "-q"]).assert_ok();
    folio_in(tmp.path(), &["init", "b", "-q"]).assert_ok();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    // Site b writes to folders of its own choosing, relative to itself.
    let toml = fs::read_to_string(b.join("site.toml")).unwrap();
    fs::write(
        b.join("site.toml"),
        format!("output_dir = \"out/web\"\nprivate_output_dir = \"out/me\"\n{toml}"),
    )
    .unwrap();
    let inside_a = a.join("content/articles");
    let out = folio_in(&inside_a, &["build", "--root", b.to_str().unwrap()]);
    out.assert_ok();
    assert!(b.join("out/web/index.html").is_file());
    assert!(b.join("out/me/index.html").is_file());
    assert!(!a.join("public").exists() && !inside_a.join("out").exists());

    // Found from below, b's output folders are still b's.
    let inside_b = b.join("content/roadmaps");
    fs::remove_dir_all(b.join("out")).unwrap();
    folio_in(&inside_b, &["build"]).assert_ok();
    assert!(b.join("out/web/index.html").is_file());
    assert!(!inside_b.join("out").exists());

    // Outside any site, the usual message, naming where it looked.
    let out = folio_in(tmp.path(), &["build"]);
    out.assert_code(2);
    assert!(
        out.stderr.contains("no site.toml in") && out.stderr.contains("--root DIR"),
        "{}",
        out.stderr
    );
}

#[test]
fn watch_says_how_to_stop_it() {
    let tmp = tempfile::tempdir().unwrap();
    folio_in(tmp.path(), &["init", "s", "-q"]).assert_ok();
    let mut cmd = folio(&["watch"]);
    cmd.current_dir(tmp.path().join("s/content"));
    let mut watch = Running::spawn(cmd);
    watch.wait_for("rebuilt (startup)");
    let line = watch.wait_for("press Ctrl+C to stop");
    assert!(line.starts_with("watching "), "{line}");
    assert!(tmp.path().join("s/public/index.html").is_file());
}

#[test]
fn every_kind_of_draft_is_counted_and_drafts_shown_are_not() {
    let tmp = tempfile::tempdir().unwrap();
    folio_in(tmp.path(), &["init", "s", "-q"]).assert_ok();
    let site = tmp.path().join("s");
    folio_in(&site, &["new", "article", "One", "-q"]).assert_ok();
    fs::write(
        site.join("content/achievements/2026-03-01-talk.md"),
        "---\ntitle: Talk\ndate: 2026-03-01\ndraft: true\n---\nA talk.\n",
    )
    .unwrap();
    let out = folio_in(&site, &["build"]);
    out.assert_ok();
    assert!(
        out.stdout
            .contains("; 2 drafts skipped (--drafts includes them)\n"),
        "{}",
        out.stdout
    );
    let out = folio_in(&site, &["build", "--drafts"]);
    out.assert_ok();
    assert!(!out.stdout.contains("draft"), "{}", out.stdout);
}

#[test]
fn init_names_the_way_into_the_site_only_when_there_is_one() {
    let tmp = tempfile::tempdir().unwrap();
    let here = tmp.path().join("here");
    fs::create_dir_all(&here).unwrap();
    let out = folio_in(&here, &["init"]);
    out.assert_ok();
    assert!(
        out.stdout.contains("\nnext: folio serve\n"),
        "{}",
        out.stdout
    );
    let out = folio_in(tmp.path(), &["init", "my career"]);
    out.assert_ok();
    assert!(
        out.stdout
            .contains("\nnext: cd 'my career' && folio serve\n"),
        "{}",
        out.stdout
    );
}
