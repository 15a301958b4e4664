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

    /// The ranges by where they start, for [`Cursor`].
    fn sorted(&self) -> Vec<Range<usize>> {
        let mut ranges = self.ranges.clone();
        ranges.sort_by_key(|r| (r.start, r.end));
        ranges
    }
}

/// Walks the quiet ranges along with offsets that only grow.
struct Cursor {
    ranges: Vec<Range<usize>>,
    next: usize,
}

impl Cursor {
    /// The end of the quiet range holding `offset`, if one does.
    fn covers(&mut self, offset: usize) -> Option<usize> {
        while self.ranges.get(self.next).is_some_and(|r| r.end <= offset) {
            self.next += 1;
        }
        let r = self.ranges.get(self.next)?;
        (r.start <= offset).then_some(r.end)
    }
}

/// What a found piece of template syntax is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    LiquidTag,
    /// `{% raw %}`, Jekyll's escape: what it holds is shown as written.
    LiquidRaw,
    LiquidOutput,
    Shortcode,
    /// `{{</* x */>}}`, Hugo's way to show a shortcode as written.
    EscapedShortcode,
}

/// Each piece of template syntax in `body` outside its quiet parts: byte
/// offset, kind and text.
fn find<'b>(body: &'b str, quiet: &Quiet) -> Vec<(usize, Kind, &'b str)> {
    let mut quiet = Cursor {
        ranges: quiet.sorted(),
        next: 0,
    };
    let mut found = Vec::new();
    let mut in_raw = false;
    let mut i = 0;
    while let Some(p) = body.get(i..).and_then(|rest| rest.find('{')) {
        let at = i + p;
        if let Some(end) = quiet.covers(at) {
            i = end.max(at + 1);
            continue;
        }
        let Some((kind, len)) = tag_at(&body[at..]) else {
            i = at + 1;
            continue;
        };
        i = at + len;
        let text = &body[at..at + len];
        // Between `{% raw %}` and `{% endraw %}` the text is meant as
        // written, as folio shows it: only the two tags are wrong.
        if kind == Kind::LiquidRaw {
            in_raw = liquid_name(text) == "raw";
        } else if in_raw {
            continue;
        }
        found.push((at, kind, text));
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
        // `/` also opens a closing tag and an escaped one (`/*`).
        Kind::Shortcode | Kind::EscapedShortcode => starts_like_a_name,
        Kind::LiquidTag | Kind::LiquidRaw => inner
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic()),
        Kind::LiquidOutput => names_a_liquid_object(inner),
    };
    let kind = match kind {
        Kind::LiquidTag if matches!(liquid_name(&window[..close_at]), "raw" | "endraw") => {
            Kind::LiquidRaw
        }
        Kind::Shortcode if inner.starts_with("/*") => Kind::EscapedShortcode,
        kind => kind,
    };
    meant.then_some((kind, close_at + close.len()))
}

/// The tag name of a Liquid tag (`raw` in `{%- raw -%}`).
fn liquid_name(tag: &str) -> &str {
    let inner = tag
        .trim_start_matches("{%")
        .trim_start_matches(|c: char| c == '-' || c.is_whitespace());
    let end = inner
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .unwrap_or(inner.len());
    &inner[..end]
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
                Kind::LiquidRaw => (
                    "liquid",
                    format!("`{shown}` is Jekyll's escape for Liquid; folio does not run Liquid, so it shows as text"),
                    "remove `{% raw %}` and `{% endraw %}`: folio already shows what they hold as written",
                ),
                Kind::LiquidOutput => (
                    "liquid",
                    format!("`{shown}` is a Liquid variable (Jekyll); folio does not run Liquid, so it shows as text"),
                    "write the value itself (the site's title and the like are in site.toml, the page's in its front matter), \
                     or put it in `code` if the page means to show it",
                ),
                Kind::EscapedShortcode => (
                    "hugo-shortcode",
                    format!("`{shown}` is Hugo's escaped shortcode; folio shows it as written, `/*` and `*/` included"),
                    "write the shortcode without `/*` and `*/`, in `code`, to show it",
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

/// `text` on one line, at most 60 characters (an ellipsis marks a cut).
pub(super) fn shorten(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= 60 {
        return one_line;
    }
    let cut: String = one_line.chars().take(57).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests;
