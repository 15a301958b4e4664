//! Unit tests of the markdown renderer: headings and their ids, links
//! between content files and across the audience boundary, code blocks and
//! their reuse, summaries and relative URLs. The whole-site behaviour is
//! pinned in `tests/`.

use super::*;

// What the view decides for a page (drafts hidden), as markdown gets it.
const PUBLIC: Seen = Seen {
    public: true,
    private: true,
};
const PRIVATE: Seen = Seen {
    public: false,
    private: true,
};
const UNPUBLISHED_DRAFT: Seen = Seen {
    public: false,
    private: false,
};

fn targets() -> HashMap<String, LinkTarget> {
    let t = |path: &str, seen, draft| LinkTarget {
        path: path.into(),
        seen,
        draft,
    };
    HashMap::from([
        ("articles/b.md".into(), t("articles/b/", PUBLIC, false)),
        (
            "roadmaps/plan.md".into(),
            t("roadmaps/plan/", PRIVATE, false),
        ),
        (
            "articles/wip.md".into(),
            t("articles/wip/", UNPUBLISHED_DRAFT, true),
        ),
        (
            "articles/img.png".into(),
            t("articles/img.png", PUBLIC, false),
        ),
    ])
}

fn render_as(body: &str, seen: Seen) -> (Rendered, Vec<Diagnostic>) {
    let targets = targets();
    let ctx = Context {
        source: Path::new("content/articles/a.md"),
        rel: "articles/a.md",
        page_path: "articles/a/",
        seen,
        file_text: body,
        body_line: 1,
        targets: &targets,
        reuse: None,
    };
    render(body, &ctx)
}

fn render_public(body: &str) -> (Rendered, Vec<Diagnostic>) {
    render_as(body, PUBLIC)
}

fn render_reusing(body: &str, previous: &Rendered) -> Rendered {
    let targets = targets();
    let reuse = Reuse::of(previous);
    let ctx = Context {
        source: Path::new("content/articles/a.md"),
        rel: "articles/a.md",
        page_path: "articles/a/",
        seen: PUBLIC,
        file_text: body,
        body_line: 1,
        targets: &targets,
        reuse: Some(&reuse),
    };
    render(body, &ctx).0
}

#[test]
fn unchanged_code_blocks_are_reused_and_changed_ones_highlighted() {
    let body = "```rust\nfn a() {}\n```\n\n```text\nplain\n```\n\n```python\nx = 1\n```\n";
    let (first, _) = render_public(body);
    assert_eq!(first.blocks.len(), 3);
    assert_eq!(first.blocks[1], 0, "plain text is not a highlighted block");
    // Reusing a render of the same body gives the same bytes.
    assert_eq!(render_reusing(body, &first).html.text(), first.html.text());
    // A reused block is copied, not highlighted again: mark the earlier
    // render's rust block, and see the mark come through.
    let marked = Rendered {
        html: first
            .html
            .text()
            .replacen("<span", "<span data-reused", 1)
            .into(),
        ..first.clone()
    };
    let edited = body.replace("x = 1", "x = 2");
    let again = render_reusing(&edited, &marked);
    assert!(
        again.html.text().contains("data-reused"),
        "{}",
        again.html.text()
    );
    assert!(
        again.html.text().contains(">2<"),
        "the edited block is new: {}",
        again.html.text()
    );
    // Raw HTML that looks like a block makes the earlier render unusable.
    let confusing = Rendered {
        html: format!(
            "<pre class=\"code\"><code>x</code></pre>{}",
            marked.html.text()
        )
        .into(),
        ..marked.clone()
    };
    assert!(
        !render_reusing(body, &confusing)
            .html
            .text()
            .contains("data-reused")
    );
}

#[test]
fn headings_get_unique_ids_and_anchors() {
    let (r, _) = render_public("# Intro\n\n## Intro\n\n## Custom {#mine}\n");
    assert!(
        r.html
            .text()
            .contains("<h1 id=\"intro\">Intro<a class=\"anchor\" href=\"#intro\"")
    );
    assert!(r.html.text().contains("<h2 id=\"intro-1\">"));
    assert!(r.html.text().contains("<h2 id=\"mine\">Custom"));
    let ids: Vec<_> = r.toc.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["intro", "intro-1", "mine"]);
}

#[test]
fn heading_ids_are_githubs_from_the_text_the_reader_sees() {
    let body = "## The `--force` *flag* & [its docs](https://x.org/)\n\n\
                ## <img src=\"a.png\" alt=\"\"> Logo\n\n\
                Two\nlines\n---\n\n\
                ## 📚 Table of Contents\n\n\
                ## 🎉\n\n\
                ## FAQ\n\n## FAQ 1\n\n## FAQ\n";
    let (r, _) = render_public(body);
    let ids: Vec<_> = r.toc.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "the---force-flag--its-docs",
            "-logo",
            "twolines",
            "-table-of-contents",
            "section",
            "faq",
            "faq-1",
            "faq-2",
        ]
    );
}

#[test]
fn headings_never_take_the_layout_ids() {
    let (r, _) = render_public("## Main\n");
    assert!(
        r.html.text().contains("<h2 id=\"main-1\">"),
        "{}",
        r.html.text()
    );
}

#[test]
fn md_links_become_relative_urls_with_anchors() {
    let (r, d) = render_public("See [b](b.md#part) and ![i](img.png).\n");
    assert!(d.is_empty(), "{d:?}");
    assert!(
        r.html.text().contains("href=\"../b/#part\""),
        "{}",
        r.html.text()
    );
    assert!(
        r.html.text().contains("src=\"../img.png\""),
        "{}",
        r.html.text()
    );
}

#[test]
fn link_to_missing_file_is_an_error_at_its_line() {
    let (_, d) = render_public("para\n\nsee [x](../nope.md)\n");
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].line, d[0].col), (3, 5));
    assert!(d[0].message.contains("content/nope.md"));
}

#[test]
fn public_page_linking_to_private_is_an_error() {
    let (_, d) = render_public("[plan](../roadmaps/plan.md)\n");
    assert_eq!(d.len(), 1);
    assert!(d[0].message.contains("private"));
    let (r, d) = render_as("[plan](../roadmaps/plan.md)\n", PRIVATE);
    assert!(d.is_empty());
    assert!(r.html.text().contains("href=\"../../roadmaps/plan/\""));
}

#[test]
fn link_to_unpublished_draft_is_an_error() {
    let (_, d) = render_public("[w](wip.md)\n");
    assert!(d[0].message.contains("draft"));
}

#[test]
fn external_and_anchor_links_are_left_alone() {
    let (r, d) = render_public("[a](https://x.org/a.md) [b](#top) [c](mailto:x@y.z)\n");
    assert!(d.is_empty());
    assert!(r.html.text().contains("href=\"https://x.org/a.md\""));
    assert!(r.html.text().contains("href=\"#top\""));
}

#[test]
fn summary_is_first_paragraph_or_before_more() {
    let (r, _) = render_public("# T\n\nFirst *para*.\n\nSecond.\n");
    assert_eq!(&*r.summary, "<p>First <em>para</em>.</p>\n");
    let (r, _) = render_public("## Head\n\nOne.\n\nTwo.\n\n<!-- more -->\n\nThree.\n");
    assert!(r.summary.contains("One.") && r.summary.contains("Two."));
    assert!(!r.summary.contains("Three"));
    assert!(!r.summary.contains("id="), "{}", r.summary);
}

#[test]
fn code_is_highlighted_and_unknown_language_warns() {
    let (r, d) = render_public("```rust\nfn main() {}\n```\n");
    assert!(d.is_empty());
    assert!(r.has_code);
    assert!(
        r.html
            .text()
            .contains("<pre class=\"code\" tabindex=\"0\" data-lang=\"rust\"><code>")
    );
    let (r, d) = render_public("```klingon\n<x>\n```\n");
    assert_eq!(d.len(), 1);
    assert!(!d[0].is_error());
    assert_eq!(d[0].line, 1);
    assert!(r.html.text().contains("&lt;x&gt;"));
}

#[test]
fn extensions_are_on() {
    let (r, _) =
        render_public("| a |\n|---|\n| b |\n\n~~gone~~\n\n- [x] done\n\nnote[^1]\n\n[^1]: foot\n");
    assert!(r.html.text().contains("<table>"));
    assert!(r.html.text().contains("<del>gone</del>"));
    assert!(r.html.text().contains("checked aria-label=\"done\""));
    assert!(r.html.text().contains("footnote-definition"));
}

#[test]
fn relative_urls_between_site_paths() {
    assert_eq!(relative_url("articles/a/", "articles/b/"), "../b/");
    assert_eq!(relative_url("articles/a/", ""), "../../");
    assert_eq!(relative_url("", "articles/b/"), "articles/b/");
    assert_eq!(relative_url("articles/a/", "articles/a/"), "./");
    assert_eq!(
        relative_url("articles/a/", "articles/img.png"),
        "../img.png"
    );
}

#[test]
fn words_are_counted_outside_code() {
    let (r, _) = render_public("one two three\n\n```text\nnot counted here\n```\n");
    assert_eq!(r.word_count, 3);
}

/// GitHub's alerts, as GitHub reads them: a quote whose first line is only
/// `[!KIND]` (any case) for one of five kinds becomes GitHub's markup, the
/// title first; the marker is not shown.
#[test]
fn github_alerts_render_as_github_does_in_any_case() {
    for (marker, class, title) in [
        ("[!NOTE]", "note", "Note"),
        ("[!tip]", "tip", "Tip"),
        ("[!Important]", "important", "Important"),
        ("[!WARNING]", "warning", "Warning"),
        ("[!caution]", "caution", "Caution"),
    ] {
        let (r, d) = render_public(&format!(
            "> {marker}\n> Read *this* first.\n>\n> - one\n> - two\n"
        ));
        assert!(d.is_empty(), "{marker}: {d:?}");
        assert!(
            r.html.text().starts_with(&format!(
                "<div class=\"markdown-alert markdown-alert-{class}\" role=\"note\">\n<p class=\"markdown-alert-title\">{title}</p>\n<p>Read <em>this</em> first.</p>\n<ul>"
            )),
            "{marker}: {}",
            r.html.text()
        );
        assert!(
            r.html.text().ends_with("</ul>\n</div>\n"),
            "{}",
            r.html.text()
        );
        assert!(!r.html.text().contains("[!"), "{}", r.html.text());
        assert!(!r.html.text().contains("<blockquote"), "{}", r.html.text());
    }
}

/// A quote that opens like an Obsidian callout (a title on the marker's
/// line, a kind GitHub does not have, a fold sign) is not an alert: it is
/// shown as written, with a warning at its line. A plain quote, or one
/// that only starts with a bracket, is not warned about.
#[test]
fn a_quote_opening_like_a_callout_is_shown_as_written_with_a_warning() {
    for (body, kind) in [
        ("> [!note] Callout title\n> body\n", "note"),
        ("> [!abstract]\n> body\n", "abstract"),
        ("> [!tip]-\n> folded\n", "tip"),
        ("> [!NOTE] on the same line\n", "NOTE"),
    ] {
        let text = format!("Intro.\n\n{body}");
        let (r, d) = render_public(&text);
        assert!(
            r.html.text().contains("<blockquote>"),
            "{body}: {}",
            r.html.text()
        );
        assert!(
            r.html.text().contains(&format!("[!{kind}]")),
            "{}",
            r.html.text()
        );
        assert_eq!(d.len(), 1, "{body}: {d:?}");
        assert_eq!((d[0].code, d[0].line, d[0].col), ("callout", 3, 1));
        assert!(
            d[0].message
                .contains(&format!("Obsidian's callouts (`[!{kind}]`)")),
            "{}",
            d[0].message
        );
    }
    for body in [
        "> a quote\n",
        "> [link](https://example.org/)\n",
        "> [!] x\n",
        "> [! note]\n",
    ] {
        let (_, d) = render_public(body);
        assert!(d.is_empty(), "{body}: {d:?}");
    }
}
