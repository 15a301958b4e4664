//! Template syntax of other site generators left in a page's text: Liquid
//! (Jekyll: `{% include x.html %}`, `{{ site.title }}`) and Hugo shortcodes
//! (`{{< youtube id >}}`, `{{% notice %}}`). folio does not run them, so each
//! one would show as literal text; this module finds them for a warning.
//!
//! Code spans, code blocks, `<code>`/`<pre>` HTML and HTML comments stay
//! quiet: a page that *shows* Liquid (an article about Jekyll) is right.
//! The renderer notes those parts as its events go by ([`Quiet::note`]).

use std::ops::Range;

use pulldown_cmark::{Event, Tag};

use super::Context;
use crate::diagnostic::Diagnostic;

/// Liquid objects Jekyll fills in: `{{ site.title }}`, `{{ page.date }}`…
const LIQUID_OBJECTS: &[&str] = &[
    "site",
    "page",
    "layout",
    "content",
    "paginator",
    "include",
    "jekyll",
    "post",
];

/// How far (in bytes) a closing delimiter is looked for.
const MAX_TAG: usize = 400;

/// The parts of a body where template syntax is shown, not meant to run.
#[derive(Debug, Default)]
pub(super) struct Quiet {
    ranges: Vec<Range<usize>>,
    /// Where an inline `<code>` opened, until its `</code>`.
    open_code: Option<usize>,
}

impl Quiet {
    /// Notes `event` (at `range` of `body`) if it is code or a comment.
    pub(super) fn note(&mut self, body: &str, event: &Event<'_>, range: &Range<usize>) {
        match event {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => self.ranges.push(range.clone()),
            Event::Start(Tag::HtmlBlock) => {
                let html = body.get(range.clone()).unwrap_or("");
                let lower = html.to_ascii_lowercase();
                if lower.trim_start().starts_with("<!--")
                    || lower.contains("<pre")
                    || lower.contains("<code")
                {
                    self.ranges.push(range.clone());
                }
            }
            Event::InlineHtml(h) => {
                let lower = h.to_ascii_lowercase();
                if lower.starts_with("<!--") {
                    self.ranges.push(range.clone());
                } else if lower.starts_with("<code") {
                    self.open_code.get_or_insert(range.start);
                } else if lower.starts_with("</code")
                    && let Some(start) = self.open_code.take()
                {
                    self.ranges.push(start..range.end);
                }
            }
            _ => {}
        }
    }

    fn covers(&self, offset: usize) -> Option<usize> {
        self.ranges
            .iter()
            .find(|r| r.contains(&offset))
            .map(|r| r.end)
    }
}

/// What a found piece of template syntax is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    LiquidTag,
    LiquidOutput,
    Shortcode,
}

/// Each piece of template syntax in `body` outside its quiet parts: byte
/// offset, kind and text.
fn find<'b>(body: &'b str, quiet: &Quiet) -> Vec<(usize, Kind, &'b str)> {
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(p) = body.get(i..).and_then(|rest| rest.find('{')) {
        let at = i + p;
        if let Some(end) = quiet.covers(at) {
            i = end.max(at + 1);
            continue;
        }
        match tag_at(&body[at..]) {
            Some((kind, len)) => {
                found.push((at, kind, &body[at..at + len]));
                i = at + len;
            }
            None => i = at + 1,
        }
    }
    found
}

/// The template tag `rest` starts with, and its length.
fn tag_at(rest: &str) -> Option<(Kind, usize)> {
    let (kind, open, close) = if rest.starts_with("{{<") {
        (Kind::Shortcode, "{{<", ">}}")
    } else if rest.starts_with("{{%") {
        (Kind::Shortcode, "{{%", "%}}")
    } else if rest.starts_with("{%") {
        (Kind::LiquidTag, "{%", "%}")
    } else if rest.starts_with("{{") {
        (Kind::LiquidOutput, "{{", "}}")
    } else {
        return None;
    };
    let window = &rest[..floor_boundary(rest, MAX_TAG)];
    let close_at = window[open.len()..].find(close)? + open.len();
    let inner = &window[open.len()..close_at];
    // A tag stays within its paragraph.
    if inner.contains("\n\n") || inner.contains("\n\r\n") {
        return None;
    }
    let inner = inner.trim_matches(|c: char| c == '-' || c.is_whitespace());
    let starts_like_a_name = inner
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '/');
    let meant = match kind {
        Kind::Shortcode => starts_like_a_name || inner.starts_with("/*"),
        Kind::LiquidTag => inner
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic()),
        Kind::LiquidOutput => names_a_liquid_object(inner),
    };
    meant.then_some((kind, close_at + close.len()))
}

/// `site.title`, `page.date | date: "%Y"`, `content`, or anything filtered
/// through `|` (`"/img" | relative_url`).
fn names_a_liquid_object(inner: &str) -> bool {
    let name_end = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(inner.len());
    let (name, after) = inner.split_at(name_end);
    let object = LIQUID_OBJECTS.contains(&name)
        && (after.is_empty() || after.starts_with(['.', ' ', '|', '[']));
    object || (inner.contains('|') && !inner.contains("||"))
}

fn floor_boundary(s: &str, max: usize) -> usize {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// A warning for each piece of template syntax in `body` outside `quiet`.
pub(super) fn warnings(body: &str, quiet: &Quiet, ctx: &Context<'_>) -> Vec<Diagnostic> {
    find(body, quiet)
        .into_iter()
        .map(|(at, kind, text)| {
            let (line, col) = ctx.position(body, at);
            let shown = shorten(text);
            let (code, message, hint) = match kind {
                Kind::LiquidTag => (
                    "liquid",
                    format!("`{shown}` is a Liquid tag (Jekyll); folio does not run Liquid, so it shows as text"),
                    "write what it should give instead (markdown, a link, an image, HTML), \
                     or put it in `code` if the page means to show it",
                ),
                Kind::LiquidOutput => (
                    "liquid",
                    format!("`{shown}` is a Liquid variable (Jekyll); folio does not run Liquid, so it shows as text"),
                    "write the value itself (the site's title and the like are in site.toml, the page's in its front matter), \
                     or put it in `code` if the page means to show it",
                ),
                Kind::Shortcode => (
                    "hugo-shortcode",
                    format!("`{shown}` is a Hugo shortcode; folio does not run shortcodes, so it shows as text"),
                    "write what it should give instead (markdown, a link, an image, HTML such as an <iframe>), \
                     or put it in `code` if the page means to show it",
                ),
            };
            Diagnostic::warning(code, ctx.source, message)
                .at_in(ctx.file_text, line, col)
                .hint(hint)
        })
        .collect()
}

/// The tag on one line, at most 60 characters.
fn shorten(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= 60 {
        return one_line;
    }
    let cut: String = one_line.chars().take(57).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
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
        assert!(rendered.html.contains("{{ site.title }}"), "shown as it is");
    }
}
