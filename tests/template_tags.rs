//! Liquid (Jekyll) and Hugo shortcodes left in a page's text: folio does
//! not run them, so each one is a warning naming its file, line and column,
//! the same in `folio build`, `folio check` and `folio serve`. Shown in
//! code (an article about Jekyll), they stay quiet.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use support::{Running, Site, run_folio};

/// Every template tag of the fixture, as `path:line:col: warning: <start>`.
const EXPECTED: &[&str] = &[
    "content/articles/from-hugo.md:7:1: warning: `{{< youtube w7Ft2ymGmfc >}}` is a Hugo shortcode; folio does not run shortcodes",
    "content/articles/from-hugo.md:9:1: warning: `{{% notice tip %}}` is a Hugo shortcode",
    "content/articles/from-hugo.md:11:1: warning: `{{% /notice %}}` is a Hugo shortcode",
    "content/articles/from-jekyll.md:7:1: warning: `{% include toc.html %}` is a Liquid tag (Jekyll); folio does not run Liquid",
    "content/articles/from-jekyll.md:9:11: warning: `{{ site.title }}` is a Liquid variable (Jekyll)",
    "content/articles/from-jekyll.md:9:31: warning: `{{ page.author }}` is a Liquid variable (Jekyll)",
    "content/articles/from-jekyll.md:11:25: warning: `{% post_url 2024-04-01-hello %}` is a Liquid tag (Jekyll)",
];

#[track_caller]
fn assert_warns_each(output: &str) {
    for line in EXPECTED {
        assert_eq!(output.matches(line).count(), 1, "{line}\nin:\n{output}");
    }
    assert_eq!(
        output.matches(": warning: ").count(),
        EXPECTED.len(),
        "no other warning, none for the article that shows Liquid in code:\n{output}"
    );
    assert!(!output.contains("about-jekyll.md"), "{output}");
    assert!(
        output.contains("hint: write what it should give instead"),
        "{output}"
    );
}

#[test]
fn build_warns_at_each_liquid_tag_and_shortcode_and_still_builds() {
    let site = Site::copy("template-tags");
    let out = site.build(&[]);
    out.assert_ok();
    assert_warns_each(&out.stderr);
    // Shown as written, as the warning says.
    let page = site.read_public("articles/from-jekyll/index.html");
    assert!(page.contains("{{ site.title }}"), "{page}");
}

#[test]
fn check_reports_the_same_warnings() {
    let site = Site::copy("template-tags");
    let out = run_folio(&["check", "--root", &site.root_string()]);
    out.assert_ok();
    assert_warns_each(&out.stdout);
    assert!(out.stdout.ends_with("found 7 warnings\n"), "{}", out.stdout);
}

/// The body of `GET path` from a server on `port`.
fn get(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    raw
}

#[test]
fn serve_prints_the_same_warnings_and_shows_them_over_each_page() {
    let site = Site::copy("template-tags");
    let root = site.root_string();
    let mut run = Running::spawn(support::folio(&["serve", "--root", &root, "--port", "0"]));
    let port = run.wait_for_port();
    // Warnings and the address come on two streams, in either order.
    for line in EXPECTED {
        if !run.seen.iter().any(|l| l.contains(line)) {
            run.wait_for(line);
        }
    }
    let page = get(port, "/articles/about-jekyll/");
    assert!(page.contains("<script>window.__folioWarnings=["), "{page}");
    for line in EXPECTED {
        assert!(page.contains(line), "{line}\nin:\n{page}");
    }
}
