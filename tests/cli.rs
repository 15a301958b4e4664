//! Integration tests: drive the `folio` binary on small fixture sites in
//! `tests/fixtures/sites/`, one behaviour per test.

mod support;

use std::fs;

use support::{Site, read_tree};

#[test]
fn builds_every_page_kind() {
    let site = Site::copy("basic");
    let out = site.build(&[]);
    out.assert_ok();
    for path in [
        "index.html",
        "about/index.html",
        "articles/index.html",
        "articles/first/index.html",
        "articles/second/index.html",
        "tags/index.html",
        "tags/rust/index.html",
        "tags/career/index.html",
        "404.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "style.css",
        "syntax.css",
        "favicon.svg",
        "CNAME",
    ] {
        assert!(site.public(path).exists(), "public/{path} missing");
    }
    for path in [
        "roadmaps/plan/index.html",
        "notes/journal/index.html",
        "articles/secret/index.html",
        "roadmaps/diagram.svg",
        "index.html",
        "dashboard/index.html",
        "progress.json",
    ] {
        assert!(site.private(path).exists(), "private/{path} missing");
    }
    assert!(
        out.stdout.contains("built 9 public and 14 private pages"),
        "{}",
        out.stdout
    );
}

#[test]
fn article_page_has_reading_time_tags_neighbours_and_resolved_links() {
    let site = Site::copy("basic");
    site.build(&[]).assert_ok();
    let first = site.read_public("articles/first/index.html");
    assert!(first.contains("<time datetime=\"2026-03-14\">14 March 2026</time>"));
    assert!(first.contains("1 min read"));
    assert!(first.contains("href=\"../../tags/rust/\""));
    assert!(first.contains("href=\"../second/\""), "md link resolved");
    assert!(first.contains("href=\"../../about/\""));
    assert!(first.contains("rel=\"next\""), "newer neighbour");
    assert!(!first.contains("rel=\"prev\""), "no older article");
    assert!(first.contains("<h2 id=\"part-two\">"));
    assert!(
        first.contains("class=\"hl-"),
        "code highlighted with classes"
    );
    let about = site.read_public("about/index.html");
    assert!(
        about.contains("href=\"../articles/first/#part-two\""),
        "anchor kept"
    );
}

#[test]
fn articles_list_is_newest_first_with_summaries() {
    let site = Site::copy("basic");
    site.build(&[]).assert_ok();
    let list = site.read_public("articles/index.html");
    let second = list.find("Second Thoughts").expect("second listed");
    let first = list.find("First Steps").expect("first listed");
    assert!(second < first, "newest first");
    // The teaser is the author's description when there is one (issue 18),
    // else the summary: the first paragraph.
    assert!(list.contains("Where it all started."));
    assert!(!list.contains("The opening paragraph of the first article."));
    assert!(list.contains("Second article body with a"));
    assert!(!list.contains("After the fold"));
    // The summary itself still stops at <!-- more --> (the feed shows it).
    let feed = site.read_public("atom.xml");
    assert!(feed.contains("Still part of the summary."));
}

#[test]
fn drafts_are_excluded_unless_asked_for() {
    let site = Site::copy("basic");
    site.build(&[]).assert_ok();
    assert!(!site.public("articles/wip/index.html").exists());
    assert!(!site.private("articles/wip/index.html").exists());
    assert!(!site.public("tags/drafty/index.html").exists());
    assert!(
        !read_tree(&site.public_dir())
            .values()
            .any(|b| contains(b, "DRAFT-MARKER-5d1e"))
    );

    site.build(&["--drafts"]).assert_ok();
    assert!(
        site.read_public("articles/wip/index.html")
            .contains("DRAFT-MARKER-5d1e")
    );
    assert!(site.public("tags/drafty/index.html").exists());
}

#[test]
fn tags_index_and_tag_pages_list_their_articles() {
    let site = Site::copy("basic");
    site.build(&[]).assert_ok();
    let tags = site.read_public("tags/index.html");
    assert!(
        tags.contains("href=\"../tags/career/\"") || tags.contains("href=\"career/\""),
        "{tags}"
    );
    let career = site.read_public("tags/career/index.html");
    assert!(career.contains("First Steps") && career.contains("Second Thoughts"));
    let rust = site.read_public("tags/rust/index.html");
    assert!(rust.contains("First Steps") && !rust.contains("Second Thoughts"));
}

#[test]
fn a_tag_written_twice_is_one_tag() {
    let site = Site::copy("basic");
    site.write(
        "content/articles/twice.md",
        "---\ntitle: Twice\ndate: 2026-02-01\ntags: [rust, Rust, rust, career]\n---\nBody.\n",
    );
    site.build(&[]).assert_ok();
    let page = site.read_public("articles/twice/index.html");
    assert_eq!(
        page.matches("href=\"../../tags/rust/\"").count(),
        1,
        "{page}"
    );
    assert_eq!(
        page.matches("<meta property=\"article:tag\"").count(),
        2,
        "{page}"
    );
    let rust = site.read_public("tags/rust/index.html");
    assert_eq!(rust.matches("Twice").count(), 1, "{rust}");
}

#[test]
fn feed_and_sitemap_use_the_sub_path_base_url() {
    let site = Site::copy("basic");
    site.build(&[]).assert_ok();
    let feed = site.read_public("atom.xml");
    assert!(feed.contains("<id>https://example.org/me/articles/second/</id>"));
    assert!(feed.contains("href=\"https://example.org/me/atom.xml\""));
    assert!(feed.contains("xml:base=\"https://example.org/me/articles/first/\""));
    assert!(feed.contains("<updated>2026-04-01T00:00:00Z</updated>"));
    let sitemap = site.read_public("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/me/</loc>"));
    assert!(sitemap.contains(
        "<loc>https://example.org/me/articles/first/</loc><lastmod>2026-03-14</lastmod>"
    ));
    assert!(!sitemap.contains("404"));
    let robots = site.read_public("robots.txt");
    assert!(robots.contains("Sitemap: https://example.org/me/sitemap.xml"));
    let home = site.read_public("index.html");
    assert!(home.contains("<link rel=\"canonical\" href=\"https://example.org/me/\">"));
    let not_found = site.read_public("404.html");
    assert!(
        not_found.contains("href=\"/me/style.css\""),
        "404 links from the base path"
    );
}

#[test]
fn base_url_flag_overrides_site_toml() {
    let site = Site::copy("basic");
    site.build(&["--base-url", "https://other.example/x"])
        .assert_ok();
    assert!(
        site.read_public("atom.xml")
            .contains("https://other.example/x/articles/first/")
    );
}

#[test]
fn no_private_marker_reaches_any_public_file() {
    let site = Site::copy("basic");
    site.build(&["--drafts"]).assert_ok();
    let markers = [
        "PRIVATE-MARKER-ARTICLE-91c2",
        "PRIVATE-TITLE-2b8c",
        "PRIVATE-MARKER-ROADMAP-7f3a",
        "PRIVATE-TITLE-ROADMAP",
        "PRIVATE-MARKER-NOTE-44aa",
        "PRIVATE-MARKER-ASSET-c0de",
        "secret-tag-x",
        "roadmaps/plan",
        "notes/journal",
        "articles/secret",
        "diagram.svg",
    ];
    let public = read_tree(&site.public_dir());
    for (path, bytes) in &public {
        for m in markers {
            assert!(!contains(bytes, m), "public/{path} contains private `{m}`");
        }
    }
    let private = read_tree(&site.private_dir());
    for m in &markers[..6] {
        assert!(
            private.values().any(|b| contains(b, m)),
            "private site lacks `{m}`"
        );
    }
    let private_home = site.read_private("index.html");
    assert!(private_home.contains("noindex"));
    assert_eq!(
        site.read_private("robots.txt"),
        "User-agent: *\nDisallow: /\n"
    );
}

#[test]
fn public_page_linking_to_a_private_one_is_an_error() {
    let site = Site::copy("basic");
    site.write(
        "content/articles/leaky.md",
        "---\ntitle: Leaky\ndate: 2026-06-01\n---\nIntro.\n\nSee [my plan](../roadmaps/plan.md).\n",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr.contains("content/articles/leaky.md:7:5: error: public page links to private `../roadmaps/plan.md`"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("PRIVATE-TITLE"),
        "the error itself names no private title"
    );
}

#[test]
fn link_to_a_missing_file_names_file_line_and_nearest_target() {
    let site = Site::copy("basic");
    site.write(
        "content/about.md",
        "---\ntitle: About\n---\nSee [x](articles/frist.md).\n",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr.contains("content/about.md:4:5: error: link to `articles/frist.md`: no such file content/articles/frist.md"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("did you mean content/articles/first.md?"),
        "{}",
        out.stderr
    );
}

#[test]
fn yaml_error_is_reported_at_the_file_line_and_column() {
    let site = Site::copy("basic");
    site.write(
        "content/articles/bad.md",
        "---\ntitle: Bad\ndate: 2026-01-01\ndescription: a: b\n---\nBody\n",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr.contains("content/articles/bad.md:4:15: error: invalid YAML: mapping values are not allowed in this context"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("4 | description: a: b"),
        "quotes the source line: {}",
        out.stderr
    );
}

#[test]
fn wrong_front_matter_types_are_all_reported() {
    let site = Site::copy("basic");
    site.write(
        "content/articles/bad.md",
        "---\ntitle: Bad\ndate: 0000-00-00\ntags: rust\n---\nBody\n",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr.contains(
            "content/articles/bad.md:3:1: error: `date`: `0000-00-00` is not a real date"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("content/articles/bad.md:4:1: error: `tags` must be a list of strings"),
        "{}",
        out.stderr
    );
}

#[test]
fn template_error_names_the_template_line_and_problem() {
    let site = Site::copy("basic");
    site.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.title | no_such_filter }}\n{% endblock content %}\n");
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr.contains("templates/page.html:3:"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("no_such_filter"), "{}", out.stderr);
}

#[test]
fn site_templates_override_the_theme_file_by_file() {
    let site = Site::copy("basic");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}<p class=\"custom\">{{ page.title }}</p>{% endblock content %}\n",
    );
    site.write("static/style.css", "body { color: red }\n");
    site.build(&[]).assert_ok();
    assert!(
        site.read_public("about/index.html")
            .contains("<p class=\"custom\">About</p>")
    );
    assert_eq!(site.read_public("style.css"), "body { color: red }\n");
    assert!(
        site.read_public("articles/first/index.html")
            .contains("First Steps")
    );
}

#[test]
fn bom_and_crlf_files_build() {
    let site = Site::copy("basic");
    site.write_bytes(
        "content/articles/windows.md",
        b"\xEF\xBB\xBF---\r\ntitle: Windows File\r\ndate: 2026-02-02\r\n---\r\nSaved on **Windows**.\r\n",
    );
    site.build(&[]).assert_ok();
    let page = site.read_public("articles/windows/index.html");
    assert!(page.contains("<strong>Windows</strong>"));
    assert!(!page.contains('\r'));
}

#[test]
fn unknown_config_key_suggests_the_closest() {
    let site = Site::copy("basic");
    let toml = fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", &toml.replace("description =", "descripton ="));
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr
            .contains("site.toml:3:1: error: unknown key `descripton`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("did you mean `description`?"));
}

#[test]
fn failing_build_leaves_previous_output_untouched() {
    let site = Site::copy("basic");
    site.build(&[]).assert_ok();
    let before_public = read_tree(&site.public_dir());
    let before_private = read_tree(&site.private_dir());
    site.write("content/articles/first.md", "---\ntitle: [broken\n---\n");
    site.build(&[]).assert_code(1);
    assert_eq!(read_tree(&site.public_dir()), before_public);
    assert_eq!(read_tree(&site.private_dir()), before_private);
    let litter: Vec<_> = fs::read_dir(site.out_root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        litter.len(),
        2,
        "only public/ and private/ remain: {litter:?}"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let site = Site::copy("basic");
    // Encrypted output differs on every build (fresh nonces): this test is
    // about unencrypted builds (tests/encrypted.rs covers the other kind).
    let toml = fs::read_to_string(site.path("site.toml")).unwrap();
    assert!(!toml.contains("encrypt"), "basic must stay unencrypted");
    site.build(&[]).assert_ok();
    let first = (
        read_tree(&site.public_dir()),
        read_tree(&site.private_dir()),
    );
    site.build(&[]).assert_ok();
    let second = (
        read_tree(&site.public_dir()),
        read_tree(&site.private_dir()),
    );
    assert!(first == second, "outputs differ between two builds");
}

/// `folio build` keeps each rendered body in an unlinked file in `$TMPDIR`
/// until its pages are written, and in memory when it cannot make one:
/// both give the same bytes, with every body whole in its pages.
#[test]
fn bodies_spilled_to_a_temporary_file_come_back_whole() {
    let site = Site::copy("basic");
    // Long enough to be spilled, with code, an image, a table and text
    // that is not ASCII, and a last line to find whole.
    let mut body = String::from("---\ntitle: Long\ndate: 2026-03-01\n---\n");
    for i in 0..40 {
        body.push_str(&format!(
            "## Part {i}\n\nÉté, naïve — paragraph {i} with [a link](first.md).\n\n```rust\nfn f{i}() -> u32 {{ {i} }}\n```\n\n| a | b |\n|---|---|\n| {i} | é |\n\n"
        ));
    }
    body.push_str("The very last words of the long article.\n");
    site.write("content/articles/long.md", &body);
    let tmp = tempfile::tempdir().unwrap();
    let build = |name: &str, tmpdir: &std::path::Path| {
        let public = tmp.path().join(name).join("public");
        let private = tmp.path().join(name).join("private");
        let out = support::output_of(
            site.build_command_into(&public, &private, &["--no-cache"])
                .env("FOLIO_TIMINGS", "1")
                .env("TMPDIR", tmpdir),
        );
        out.assert_ok();
        (out.stderr, read_tree(&public), read_tree(&private))
    };
    let (spilled, public, private) = build("spilled", tmp.path());
    let bytes: u64 = spilled
        .lines()
        .find_map(|l| l.strip_prefix("folio timing: sources and bodies spilled: "))
        .and_then(|rest| rest.split(' ').next()?.parse().ok())
        .unwrap_or_else(|| panic!("no spill reported:\n{spilled}"));
    assert!(
        bytes > 20_000 + body.len() as u64,
        "the long source and its body went to the file: {bytes}"
    );
    let no_tmp = tmp.path().join("no-such-folder");
    let (in_memory, public_mem, private_mem) = build("memory", &no_tmp);
    assert!(
        in_memory.contains("bodies kept in memory"),
        "no temporary folder, no spill:\n{in_memory}"
    );
    assert!(public == public_mem, "the public sites differ");
    assert!(private == private_mem, "the private sites differ");
    let page = String::from_utf8(public["articles/long/index.html"].clone()).unwrap();
    assert!(page.contains("<h2 id=\"part-0\">"), "the first part");
    assert!(
        page.contains("Été, naïve — paragraph 39"),
        "the text as written"
    );
    assert!(page.contains("<p>The very last words of the long article.</p>"));
    let feed = String::from_utf8(public["atom.xml"].clone()).unwrap();
    assert!(
        feed.contains("The very last words of the long article."),
        "the feed's body too"
    );
}

/// `folio build` checks a page's links to its own anchors as it writes the
/// page: the good ones are not reported, the broken one is, once, at its
/// line and column, with the closest id.
#[test]
fn a_build_reports_only_the_broken_link_to_an_anchor_of_the_same_page() {
    let site = Site::copy("basic");
    site.write(
        "content/articles/anchors.md",
        "---\ntitle: Anchors\ndate: 2026-03-02\n---\n## Part one\n\n## Part two\n\n## Été\n\nSee [one](#part-one), [top](#top), [summer](#%C3%A9t%C3%A9) and\n[two](#part-too).\n",
    );
    let out = site.build(&["--no-cache"]);
    out.assert_code(1);
    let errors: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.contains(": error:"))
        .collect();
    assert_eq!(
        errors,
        [
            "content/articles/anchors.md:12:1: error: link to `#part-too`: the page /articles/anchors/ has no element with that id"
        ],
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("did you mean `#part-two`?"),
        "{}",
        out.stderr
    );
}

/// A spilled source or body that cannot be read back (the file lost its
/// bytes, as on a failing disk) fails the build with that error, not with
/// the broken links it causes, and the last good output stays as it was.
/// The file loses the sources after their front matter is read, or the
/// bodies after they are rendered.
#[test]
fn a_source_or_body_lost_from_the_spill_file_fails_the_build_and_keeps_the_last_output() {
    let site = Site::copy("basic");
    let long = format!(
        "---\ntitle: Long\ndate: 2026-03-01\n---\n## Deep part\n\n{}\n",
        "A sentence long enough to be spilled. ".repeat(20)
    );
    site.write("content/articles/long.md", &long);
    site.write(
        "content/about.md",
        "---\ntitle: About\n---\nSee [the deep part](articles/long.md#deep-part).\n",
    );
    site.build(&["--no-cache"]).assert_ok();
    let before = (
        read_tree(&site.public_dir()),
        read_tree(&site.private_dir()),
    );
    site.write("content/articles/long.md", &long.replace("Long", "Longer"));
    for lost in ["sources", "bodies"] {
        let out = support::output_of(
            site.build_command(&["--no-cache"])
                .env("FOLIO_TEST_LOSE_SPILL", lost),
        );
        out.assert_code(2);
        assert!(
            out.stderr
                .contains("read back a page's source or rendered body from a temporary file"),
            "{lost}: {}",
            out.stderr
        );
        assert!(
            !out.stderr.contains("deep-part"),
            "{lost}: not the links it broke: {}",
            out.stderr
        );
        let after = (
            read_tree(&site.public_dir()),
            read_tree(&site.private_dir()),
        );
        assert!(before == after, "{lost}: the last good output stays");
    }
}

#[test]
fn removed_page_disappears_from_output() {
    let site = Site::copy("basic");
    site.build(&[]).assert_ok();
    assert!(site.public("articles/second/index.html").exists());
    site.write(
        "content/articles/first.md",
        "---\ntitle: First\ndate: 2026-03-14\n---\nNo links now.\n",
    );
    site.write("content/about.md", "---\ntitle: About\n---\nNo links.\n");
    fs::remove_file(site.path("content/articles/second.md")).unwrap();
    site.build(&[]).assert_ok();
    assert!(!site.public("articles/second/index.html").exists());
    assert!(
        !site
            .read_public("articles/index.html")
            .contains("Second Thoughts")
    );
    assert!(!site.read_public("atom.xml").contains("Second Thoughts"));
}

#[test]
fn output_folder_inside_content_is_refused() {
    let site = Site::copy("basic");
    let root = site.root_string();
    let out = site.run(&["build", "--root", &root, "--out", "content/public"]);
    out.assert_code(2);
    assert!(
        out.stderr.contains("overlaps the site's sources"),
        "{}",
        out.stderr
    );
}

#[test]
fn missing_site_toml_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = support::run_folio(&["build", "--root", dir.path().to_str().unwrap()]);
    out.assert_code(2);
    assert!(out.stderr.contains("no site.toml in"), "{}", out.stderr);
}

#[test]
fn unknown_code_language_warns_and_builds() {
    let site = Site::copy("basic");
    site.write(
        "content/about.md",
        "---\ntitle: About\n---\n```klingon\nqapla <b>\n```\n",
    );
    let out = site.build(&[]);
    out.assert_ok();
    assert!(
        out.stderr
            .contains("content/about.md:4:1: warning: no highlighting for code language `klingon`"),
        "{}",
        out.stderr
    );
    assert!(
        site.read_public("about/index.html")
            .contains("qapla &lt;b&gt;")
    );
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn long_lists_are_paginated_with_links_between_pages() {
    let site = Site::copy("basic");
    let toml = fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        &toml.replace("language = \"en\"", "language = \"en\"\npaginate = 1"),
    );
    site.build(&[]).assert_ok();
    let first = site.read_public("articles/index.html");
    assert!(
        first.contains("Second Thoughts") && !first.contains("First Steps"),
        "one per page, newest first"
    );
    assert!(first.contains("2 articles"), "count covers the whole list");
    assert!(
        first.contains("href=\"../articles/page/2/\" rel=\"next\""),
        "{first}"
    );
    let second = site.read_public("articles/page/2/index.html");
    assert!(second.contains("First Steps"));
    assert!(
        second.contains("href=\"../../../articles/\" rel=\"prev\""),
        "{second}"
    );
    assert!(
        site.public("tags/career/page/2/index.html").exists(),
        "tag pages paginate too"
    );
    assert!(
        site.read_public("sitemap.xml")
            .contains("<loc>https://example.org/me/articles/page/2/</loc>")
    );
}

/// mimalloc commits memory to its arena as it is used (peak memory, README
/// Performance): the option is set before the first allocation reserves the
/// arena, and `MIMALLOC_ARENA_EAGER_COMMIT` still overrides it.
#[cfg(target_os = "linux")]
#[test]
fn the_allocator_commits_its_arena_on_demand_unless_told_otherwise() {
    let option = |env: Option<&str>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_folio"));
        cmd.arg("--version").env("MIMALLOC_VERBOSE", "1");
        cmd.env_remove("MIMALLOC_ARENA_EAGER_COMMIT");
        if let Some(value) = env {
            cmd.env("MIMALLOC_ARENA_EAGER_COMMIT", value);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        stderr
            .lines()
            .find(|l| l.contains("option 'arena_eager_commit'"))
            .unwrap_or_else(|| panic!("mimalloc printed no options: {stderr}"))
            .trim()
            .to_string()
    };
    assert_eq!(option(None), "option 'arena_eager_commit': 0");
    assert_eq!(option(Some("1")), "option 'arena_eager_commit': 1");
}
