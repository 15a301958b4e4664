//! Unit tests of the Liquid and Hugo shortcode warnings: what is found,
//! where, and what stays quiet.

use std::collections::HashMap;
use std::path::Path;

use super::super::{Context, render};
use crate::audience::Seen;
use crate::diagnostic::Diagnostic;

/// The warnings of `body` as `line:col code`, with the messages.
fn warned(body: &str) -> Vec<(String, String)> {
    let targets = HashMap::new();
    let ctx = Context {
        source: Path::new("content/articles/a.md"),
        rel: "articles/a.md",
        page_path: "articles/a/",
        seen: Seen {
            public: true,
            private: true,
        },
        file_text: body,
        body_line: 1,
        targets: &targets,
        reuse: None,
    };
    let (_, diags) = render(body, &ctx);
    diags
        .iter()
        .filter(|d| d.code == "liquid" || d.code == "hugo-shortcode")
        .map(|d: &Diagnostic| {
            (
                format!("{}:{} {}", d.line, d.col, d.code),
                d.message.clone(),
            )
        })
        .collect()
}

fn positions(body: &str) -> Vec<String> {
    warned(body).into_iter().map(|(p, _)| p).collect()
}

#[test]
fn liquid_tags_and_variables_in_text_are_named_with_their_place() {
    let body = "Intro.\n\n{% include figure.html src=\"a.png\" %}\n\nBy {{ site.author }} on {{ page.date | date: \"%Y\" }}.\n\n![x]({{ \"/img/x.png\" | relative_url }})\n\n{%- if page.draft -%}Draft{%- endif -%}\n";
    let got = warned(body);
    let at: Vec<&str> = got.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        at,
        [
            "3:1 liquid",
            "5:4 liquid",
            "5:25 liquid",
            "7:6 liquid",
            "9:1 liquid",
            "9:27 liquid",
        ],
        "{got:?}"
    );
    assert_eq!(
        got[0].1,
        "`{% include figure.html src=\"a.png\" %}` is a Liquid tag (Jekyll); folio does not run Liquid, so it shows as text"
    );
    assert!(
        got[1]
            .1
            .contains("`{{ site.author }}` is a Liquid variable"),
        "{got:?}"
    );
}

#[test]
fn hugo_shortcodes_are_named_with_their_place() {
    let body = "# Title\n\n{{< youtube dQw4w9WgXcQ >}}\n\n{{% notice tip %}}\nRead this.\n{{% /notice %}}\n\nInline {{<figure src=\"a.png\">}} too.\n";
    let got = warned(body);
    let at: Vec<&str> = got.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        at,
        [
            "3:1 hugo-shortcode",
            "5:1 hugo-shortcode",
            "7:1 hugo-shortcode",
            "9:8 hugo-shortcode",
        ],
        "{got:?}"
    );
    assert!(
        got[0]
            .1
            .starts_with("`{{< youtube dQw4w9WgXcQ >}}` is a Hugo shortcode")
    );
}

#[test]
fn raw_blocks_and_escaped_shortcodes_get_their_own_advice() {
    let body =
        "{% raw %}Write {{ page.title }} and {% if x %}.{% endraw %}\n\n{{</* youtube id */>}}\n";
    let got = warned(body);
    let at: Vec<&str> = got.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        at,
        ["1:1 liquid", "1:48 liquid", "3:1 hugo-shortcode"],
        "{got:?}"
    );
    assert!(
        got[0].1.starts_with("`{% raw %}` is Jekyll's escape"),
        "{got:?}"
    );
    assert!(
        got[1].1.starts_with("`{% endraw %}` is Jekyll's escape"),
        "{got:?}"
    );
    assert!(got[2].1.contains("escaped shortcode"), "{got:?}");
}

#[test]
fn template_syntax_shown_as_code_stays_quiet() {
    let body = "Use `{% include x.html %}` or `{{ site.title }}`.\n\n```liquid\n{% for post in site.posts %}\n  {{ post.title }}\n{% endfor %}\n```\n\n    {{< youtube id >}}\n\n~~~\n{{% notice %}}\n~~~\n\n<pre>{{ page.title }}</pre>\n\nIn HTML: <code>{% raw %}</code>.\n\n<!-- {% comment %} -->\n\n## The `{{< ref >}}` shortcode\n";
    assert_eq!(positions(body), Vec::<String>::new());
}

#[test]
fn braces_that_are_not_templates_stay_quiet() {
    let body = "A set {1, 2}, a map {{a: 1}}, `{{` alone, {{ user.name }}, a % {%}, \
                JSON {\"a\": {\"b\": 1}}, {% 50 off %}.\n\nAn open {% tag\n\nnever closed %}.\n";
    assert_eq!(positions(body), Vec::<String>::new());
}

#[test]
fn the_position_counts_from_the_file_not_the_body() {
    let targets = HashMap::new();
    let file = "---\ntitle: A\n---\nText {{ site.title }}.\n";
    let ctx = Context {
        source: Path::new("content/a.md"),
        rel: "a.md",
        page_path: "a/",
        seen: Seen {
            public: true,
            private: true,
        },
        file_text: file,
        body_line: 4,
        targets: &targets,
        reuse: None,
    };
    let (rendered, diags) = render(&file[17..], &ctx);
    assert_eq!((diags[0].line, diags[0].col), (4, 6));
    assert!(
        rendered.html.text().contains("{{ site.title }}"),
        "shown as it is"
    );
}
