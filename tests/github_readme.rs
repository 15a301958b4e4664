//! A README written on GitHub keeps working: its headings get GitHub's ids
//! (emoji and punctuation dropped, each space a `-`, repeats numbered
//! `-1`, `-2` as GitHub numbers them), so the in-page links written
//! against GitHub resolve, and the link check holds them to that rule.

mod support;

use support::{Site, run_folio};

const IDS: &[&str] = &[
    "-table-of-contents",
    "dont-feel-you-arent-smart-enough",
    "install--configure",
    "whats-new-in-v20",
    "the---dry-run-flag",
    "c--rust-interop",
    "über-uns",
    "qa-part-1",
    "faq",
    "faq-1",
    "faq-2",
    "faq-3",
    "\u{fe0f}-thanks",
];

#[test]
fn a_readme_copied_from_github_builds_with_its_in_page_links() {
    let site = Site::copy("github-readme");
    let out = site.build(&[]);
    out.assert_ok();
    assert!(!out.stderr.contains("broken-anchor"), "{}", out.stderr);
    let page = site.read_public("projects/toolkit/index.html");
    for id in IDS {
        assert!(
            page.contains(&format!("<h2 id=\"{id}\">")),
            "no heading with id {id:?} in\n{page}"
        );
    }
    // The first `FAQ` keeps the bare id; `FAQ 1` came before the second.
    let order: Vec<usize> = [
        "id=\"faq\">FAQ<",
        "id=\"faq-1\">FAQ 1<",
        "id=\"faq-2\">FAQ<",
        "id=\"faq-3\">FAQ<",
    ]
    .iter()
    .map(|h| page.find(h).unwrap_or_else(|| panic!("{h}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // Links from another page and into an achievement log use the same ids.
    let home = site.read_public("index.html");
    assert!(
        home.contains("href=\"projects/toolkit/#-table-of-contents\""),
        "{home}"
    );
    let log = site.read_public("achievements/index.html");
    assert!(
        log.contains("id=\"2026-03-14--spoke-at-rustconf\""),
        "{log}"
    );
}

#[test]
fn check_holds_in_page_links_to_githubs_ids_and_suggests_them() {
    let site = Site::copy("github-readme");
    let root = site.root_string();
    let clean = run_folio(&["check", "--root", &root]);
    clean.assert_ok();
    assert!(!clean.stdout.contains("broken-anchor"), "{}", clean.stdout);

    // folio's old id for `## Install & configure` is not GitHub's.
    site.write(
        "content/more.md",
        "---\ntitle: More\n---\nSee [install](projects/toolkit.md#install-configure).\n",
    );
    let out = run_folio(&["check", "--root", &root]);
    out.assert_code(1);
    assert!(
        out.stdout.contains(
            "content/more.md:4:5: error: link to `projects/toolkit.md#install-configure`: the page /projects/toolkit/ has no element with that id"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("did you mean `#install--configure`?"),
        "{}",
        out.stdout
    );
}
