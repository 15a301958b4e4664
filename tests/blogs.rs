//! Posts as Hugo, Zola and Jekyll write them, driven through the real
//! binary on the `blogs` fixture: TOML (`+++`) and JSON front matter, the
//! date in a Jekyll/Zola file name, `published: false`, redirect pages for
//! `aliases` and `redirect_from`, and the warning for an undated article.

mod support;

use support::{Site, run_folio};

fn check(site: &Site) -> support::Output {
    let root = site.root_string();
    run_folio(&["check", "--root", &root])
}

#[test]
fn toml_and_json_posts_are_read_with_their_titles_dates_and_tags() {
    let site = Site::copy("blogs");
    site.build(&[]).assert_ok();
    let toml = site.read_public("articles/hugo-toml/index.html");
    assert!(toml.contains("Tuning a Build Cache"), "{toml}");
    assert!(toml.contains("4 May 2023"), "{toml}");
    assert!(!toml.contains("+++"), "{toml}");
    assert!(!toml.contains("aliases"), "{toml}");
    let json = site.read_public("articles/hugo-json/index.html");
    assert!(json.contains("Reading Flame Graphs"), "{json}");
    assert!(json.contains("20 November 2022"), "{json}");
    assert!(!json.contains("\"title\""), "{json}");
    // Hugo's top-level `tags` and Zola's `[taxonomies] tags` are folio's tags.
    for tag in ["rust", "builds", "profiling", "web"] {
        assert!(
            site.public(&format!("tags/{tag}/index.html")).exists(),
            "{tag}"
        );
    }
    assert!(!site.public("tags/engineering").exists());
    assert!(!site.public("tags/meta").exists());
}

#[test]
fn a_dated_file_name_gives_the_date_and_a_url_without_it() {
    let site = Site::copy("blogs");
    site.build(&[]).assert_ok();
    let jekyll = site.read_public("articles/jekyll-post/index.html");
    assert!(jekyll.contains("22 March 2019"), "{jekyll}");
    let zola = site.read_public("articles/zola-post/index.html");
    assert!(zola.contains("1 June 2021"), "{zola}");
    assert!(!site.public("articles/2019-03-22-jekyll-post").exists());
    assert!(!site.public("articles/2021-06-01-zola-post").exists());
    let feed = site.read_public("atom.xml");
    assert!(
        feed.contains("<published>2019-03-22T00:00:00Z</published>"),
        "{feed}"
    );
    assert!(
        feed.contains("<published>2021-06-01T00:00:00Z</published>"),
        "{feed}"
    );
    // Hugo's `lastmod` is the last change, and `publishDate` the date when
    // `date` is missing (Hugo's own fallbacks).
    assert!(
        feed.contains("<updated>2023-06-01T00:00:00Z</updated>"),
        "{feed}"
    );
    assert!(
        feed.contains("<published>2020-02-02T00:00:00Z</published>"),
        "{feed}"
    );
}

#[test]
fn drafts_in_toml_and_jekyll_form_are_left_out() {
    let site = Site::copy("blogs");
    site.build(&[]).assert_ok();
    for dir in [site.public_dir(), site.private_dir()] {
        for (path, bytes) in support::read_tree(&dir) {
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains("DRAFT-TOML-BODY"), "{path}");
            assert!(!text.contains("UNPUBLISHED-JEKYLL-BODY"), "{path}");
            assert!(!text.contains("Not Ready Yet"), "{path}");
        }
    }
    assert!(!site.public("articles/hugo-draft").exists());
    assert!(!site.public("articles/unpublished").exists());
    // `--drafts` shows them, as it does a YAML `draft: true`.
    site.build(&["--drafts"]).assert_ok();
    assert!(
        site.read_public("articles/unpublished/index.html")
            .contains("UNPUBLISHED-JEKYLL-BODY")
    );
    assert!(
        site.read_public("articles/hugo-draft/index.html")
            .contains("DRAFT-TOML-BODY")
    );
}

#[test]
fn aliases_and_redirect_from_write_redirect_pages_at_the_old_paths() {
    let site = Site::copy("blogs");
    site.build(&[]).assert_ok();
    for (old, depth, target) in [
        ("posts/build-cache/index.html", 2, "articles/hugo-toml/"),
        ("2023/05/build-cache.html", 2, "articles/hugo-toml/"),
        ("posts/flame-graphs/index.html", 2, "articles/hugo-json/"),
        ("blog/moving/index.html", 2, "articles/zola-post/"),
        ("2019/03/22/first-talk.html", 3, "articles/jekyll-post/"),
        ("talks/first/index.html", 2, "articles/jekyll-post/"),
    ] {
        let page = site.read_public(old);
        let relative = format!("{}{target}", "../".repeat(depth));
        assert!(
            page.contains(&format!(
                "<link rel=\"canonical\" href=\"https://example.org/{target}\">"
            )),
            "{old}: {page}"
        );
        assert!(
            page.contains(&format!(
                "<meta http-equiv=\"refresh\" content=\"0; url={relative}\">"
            )),
            "{old}: {page}"
        );
        assert!(
            page.contains("<meta name=\"robots\" content=\"noindex\">"),
            "{old}"
        );
    }
    // Redirect pages are not pages of the site: not in the sitemap.
    assert!(
        !site
            .read_public("sitemap.xml")
            .contains("posts/build-cache")
    );
    // A private page's old URL exists only in the private site.
    assert!(!site.public("old-plans").exists());
    assert!(
        site.read_private("old-plans/index.html")
            .contains("../notes/plans/")
    );
}

#[test]
fn an_alias_on_a_taken_url_is_an_error_at_its_front_matter_line() {
    let site = Site::copy("blogs");
    site.write(
        "content/articles/clash.md",
        "+++\ntitle = \"Clash\"\ndate = 2024-01-01\naliases = [\n  \"/articles/hugo-json/\",\n]\nredirect_from = \"/posts/flame-graphs\"\n+++\nBody\n",
    );
    site.write(
        "content/articles/feeds.md",
        "---\ntitle: Feeds\ndate: 2024-01-02\naliases: [/tags/, /old-feeds/]\n---\nBody\n",
    );
    site.write("content/old-feeds/index.html", "<p>a file</p>\n");
    let out = site.build(&[]);
    out.assert_code(1);
    for needle in [
        "content/articles/clash.md:4:1: error: alias /articles/hugo-json/ is the URL of content/articles/hugo-json.md",
        "content/articles/hugo-json.md:5:1: error: alias /posts/flame-graphs/ is also an alias of content/articles/clash.md",
        "content/articles/feeds.md:4:1: error: alias /tags/ is a URL folio makes itself",
    ] {
        assert!(out.stderr.contains(needle), "{needle}\n{}", out.stderr);
    }
    assert!(!site.public_dir().exists(), "nothing is written");
    // With the page clashes gone, an alias over a copied file is refused too.
    site.write(
        "content/articles/clash.md",
        "---\ntitle: Clash\ndate: 2024-01-01\n---\nBody\n",
    );
    site.write(
        "content/articles/feeds.md",
        "---\ntitle: Feeds\ndate: 2024-01-02\naliases: [/old-feeds/]\n---\nBody\n",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr.contains("content/articles/feeds.md:4:1: error: alias /old-feeds/ is a file the site already has (/old-feeds/index.html)"),
        "{}",
        out.stderr
    );
}

#[test]
fn toml_and_json_mistakes_are_errors_at_their_file_line_and_column() {
    let site = Site::copy("blogs");
    site.write(
        "content/articles/bad-toml.md",
        "+++\ntitle = \"Bad\"\ndate = 2024-13-01\n+++\nBody\n",
    );
    site.write(
        "content/articles/bad-json.md",
        "{\n  \"title\": \"Bad\",\n  \"date\": \"2024-01-01\"\n  \"tags\": []\n}\nBody\n",
    );
    site.write(
        "content/articles/bad-type.md",
        "+++\ntitle = \"Bad\"\ndate = 2024-01-01\ntags = \"rust\"\naliases = \"old/\"\n+++\nBody\n",
    );
    site.write(
        "content/articles/2024-02-30-bad-day.md",
        "---\ntitle: Bad day\n---\nBody\n",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    for needle in [
        "content/articles/bad-toml.md:3:8: error: invalid TOML",
        "content/articles/bad-json.md:4:3: error: invalid JSON front matter: expected `,` or `}`",
        "content/articles/bad-type.md:4:1: error: `tags` must be a list of strings",
        "content/articles/bad-type.md:5:1: error: alias `old/` does not start with `/`",
        "content/articles/2024-02-30-bad-day.md:1:1: error: the file name's date `2024-02-30` is not a real date",
    ] {
        assert!(out.stderr.contains(needle), "{needle}\n{}", out.stderr);
    }
}

#[test]
fn an_undated_article_is_a_warning_in_build_check_and_serve_and_stays_out_of_the_feed() {
    let site = Site::copy("blogs");
    let warning = "content/articles/undated.md:1:1: warning: this article has no date: it is listed after every dated article and left out of the Atom feed";
    let out = site.build(&[]);
    out.assert_ok();
    assert!(out.stderr.contains(warning), "{}", out.stderr);
    let feed = site.read_public("atom.xml");
    assert!(!feed.contains("A Post Without a Date"), "{feed}");
    assert!(!feed.contains("articles/undated/"), "{feed}");
    // Listed last.
    let list = site.read_public("articles/index.html");
    let undated = list.find("A Post Without a Date").expect("listed");
    let oldest = list.find("My First Conference Talk").expect("listed");
    assert!(oldest < undated);

    let out = check(&site);
    assert!(out.stdout.contains(warning), "{}", out.stdout);

    let root = site.root_string();
    let mut run = support::Running::start(&["serve", "--root", &root, "--port", "0"]);
    run.wait_for("this article has no date");
}

#[test]
fn check_names_what_hugo_zola_and_jekyll_keys_folio_does_not_show() {
    let site = Site::copy("blogs");
    let out = check(&site);
    out.assert_ok();
    for needle in [
        "content/articles/hugo-toml.md:8:1: warning: `categories` is not shown",
        "content/articles/2021-06-01-zola-post.md:8:1: warning: taxonomy `categories` is not shown",
        "content/articles/2019-03-22-jekyll-post.md:2:1: warning: unknown front-matter key `layout`",
        "content/articles/hugo-publishdate.md:4:1: warning: `expiryDate` is not read: folio does not unpublish pages",
    ] {
        assert!(out.stdout.contains(needle), "{needle}\n{}", out.stdout);
    }
    // Zola's `[extra] toc` is read by the default theme, and Hugo's date
    // keys are read: no warning.
    assert!(!out.stdout.contains("`toc`"), "{}", out.stdout);
    assert!(!out.stdout.contains("publishDate"), "{}", out.stdout);
    assert!(!out.stdout.contains("lastmod"), "{}", out.stdout);
}
