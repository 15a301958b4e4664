//! Markdown to HTML: the one place that sets pulldown-cmark's options, gives
//! headings stable unique ids and anchor links, resolves links between
//! content files, highlights fenced code, and cuts the summary.
//!
//! It knows nothing of templates, and nothing of the audience rules: the
//! view hands it, as data ([`Seen`]), which audiences see the page and each
//! link target, so it can refuse a link that crosses the boundary.
//! Which file names are markdown pages ([`is_markdown`]) is decided here.
//!
//! This root owns the dialect ([`options`]), the result types, the event
//! loop and the summary; its children own one job each: `headings` (ids,
//! anchors, table of contents), `links` (resolving links between content
//! files), `code` (the highlighting hook), `reuse` (code blocks kept
//! from an earlier render), `template_tags` (Liquid and Hugo shortcodes
//! left in the text, which folio does not run), `snippet` (a few lines
//! with no page of their own, such as a CV entry's notes) and `body` (where
//! a rendered body's HTML is kept: in memory, or in a build's spill file).

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, Event, Options, Parser, Tag, TagEnd, html};

use crate::audience::Seen;
use crate::diagnostic::{Diagnostic, line_col};
use crate::slug::HeadingIds;

mod body;
mod code;
mod headings;
mod links;
mod reuse;
mod snippet;
mod template_tags;
mod wikilinks;

pub use body::{Body, Spill};
pub use links::relative_url;
pub use reuse::Reuse;
pub use snippet::snippet;

/// The markdown dialect of folio, in one place. `ENABLE_GFM` reads
/// GitHub's alerts (`> [!NOTE]`, see [`alert`]). Obsidian's wikilinks stay
/// text; [`wikilinks`] finds them for a warning.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// A GitHub alert (a blockquote whose first line is only `[!NOTE]`,
/// `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]`, in any case) as
/// GitHub renders it: a `div` of class `markdown-alert
/// markdown-alert-KIND` opening with its title; other events unchanged.
fn alert(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::BlockQuote(Some(kind))) => {
            let (class, title) = match kind {
                BlockQuoteKind::Note => ("note", "Note"),
                BlockQuoteKind::Tip => ("tip", "Tip"),
                BlockQuoteKind::Important => ("important", "Important"),
                BlockQuoteKind::Warning => ("warning", "Warning"),
                BlockQuoteKind::Caution => ("caution", "Caution"),
            };
            Event::Html(
                format!(
                    "<div class=\"markdown-alert markdown-alert-{class}\" role=\"note\">\n<p class=\"markdown-alert-title\">{title}</p>\n"
                )
                .into(),
            )
        }
        Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html("</div>\n".into()),
        other => other,
    }
}

/// Element ids the page layout owns; headings never take them.
const RESERVED_IDS: &[&str] = &["main"];

/// A body rendered once, shared by every page that shows it.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Shared: pages, lists and feeds hold the same body without copies;
    /// spilled to a file during `folio build` ([`Spill`]).
    pub html: Body,
    /// The part before `<!-- more -->`, else the first paragraph.
    pub summary: Arc<String>,
    pub toc: Arc<[TocEntry]>,
    pub word_count: usize,
    pub has_code: bool,
    /// One key per code block of `html`, in order: a hash of its language
    /// and text when it was highlighted, else 0. See [`Reuse`].
    pub blocks: Arc<[u64]>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// The extensions of markdown pages, lowercase.
pub const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkd", "mkdn"];

/// The markdown extension of `rel` (as written), if it is a page.
pub(crate) fn markdown_extension(rel: &str) -> Option<&str> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty()
        && MARKDOWN_EXTENSIONS
            .iter()
            .any(|m| m.eq_ignore_ascii_case(ext)))
    .then_some(ext)
}

/// Whether the file at `rel` (relative to `content/`) is a markdown page.
pub fn is_markdown(rel: &str) -> bool {
    markdown_extension(rel).is_some()
}

/// What a link between content files can point at.
#[derive(Debug, Clone)]
pub struct LinkTarget {
    /// URL path relative to the site root (a page's folder, or an asset file).
    pub path: String,
    /// Which audiences see the target (decided by [`crate::content::view`]).
    pub seen: Seen,
    pub draft: bool,
}

/// Where the body being rendered comes from.
pub struct Context<'a> {
    /// The file, relative to the site root, for diagnostics.
    pub source: &'a Path,
    /// The file, relative to `content/`.
    pub rel: &'a str,
    /// The page's URL path, relative to the site root.
    pub page_path: &'a str,
    /// Which audiences see this page (decided by [`crate::content::view`]).
    pub seen: Seen,
    /// The whole file, to quote source lines in diagnostics.
    pub file_text: &'a str,
    /// The file line the body starts on.
    pub body_line: usize,
    /// Every content file by its path relative to `content/`.
    pub targets: &'a HashMap<String, LinkTarget>,
    /// Code blocks of an earlier render of this file.
    pub reuse: Option<&'a Reuse<'a>>,
}

impl Context<'_> {
    fn position(&self, body: &str, offset: usize) -> (usize, usize) {
        let (line, col) = line_col(body, offset);
        (line + self.body_line - 1, col)
    }
}

/// Renders `body`; link problems come back as diagnostics (errors), unknown
/// code languages and Liquid or Hugo shortcodes left in the text as warnings.
pub fn render(body: &str, ctx: &Context<'_>) -> (Rendered, Vec<Diagnostic>) {
    render_events(
        body,
        Parser::new_ext(body, options()).into_offset_iter(),
        ctx,
    )
}

/// [`render`] for events of `body` (parsed with [`options`]) that the
/// caller has changed on the way: roadmaps decorate theirs.
pub fn render_events<'a>(
    body: &'a str,
    mut events: impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
    ctx: &Context<'_>,
) -> (Rendered, Vec<Diagnostic>) {
    let mut r = Renderer {
        ctx,
        body,
        out: Vec::new(),
        diags: Vec::new(),
        toc: Vec::new(),
        // Ids the theme's layout uses itself.
        ids: HeadingIds::reserving(RESERVED_IDS.iter().copied()),
        heading_marks: HashSet::new(),
        words: 0,
        has_code: false,
        blocks: Vec::new(),
    };
    let mut more_at = None;
    let mut first_para = None;
    let mut para_start = 0;
    let mut depth = 0usize;
    let mut quiet = template_tags::Quiet::default();
    while let Some((event, range)) = events.next() {
        quiet.note(body, &event, &range);
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let mut inner = Vec::new();
                for (e, range) in events.by_ref() {
                    if matches!(e, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    quiet.note(body, &e, &range);
                    inner.push(r.map_inline(e, range.start));
                }
                r.heading(level as u8, id, classes, attrs, inner);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let mut code = String::new();
                for (e, _) in events.by_ref() {
                    match e {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(t) => code.push_str(&t),
                        _ => {}
                    }
                }
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or(""),
                    CodeBlockKind::Indented => "",
                };
                let html = r.code_block(&code, lang, range.start);
                r.out.push(Event::Html(html.into()));
            }
            Event::Html(ref h) | Event::InlineHtml(ref h) if h.trim() == "<!-- more -->" => {
                more_at.get_or_insert(r.out.len());
            }
            Event::Start(ref tag) => {
                if depth == 0 && matches!(tag, Tag::Paragraph) {
                    para_start = r.out.len();
                }
                if matches!(tag, Tag::BlockQuote(None)) {
                    r.callout(range.start);
                }
                depth += 1;
                let e = r.map_inline(event, range.start);
                r.out.push(alert(e));
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                r.out.push(alert(Event::End(tag)));
                if depth == 0 && tag == TagEnd::Paragraph && first_para.is_none() {
                    first_para = Some((para_start, r.out.len()));
                }
            }
            other => {
                let e = r.map_inline(other, range.start);
                r.out.push(e);
            }
        }
    }
    r.diags.extend(template_tags::warnings(body, &quiet, ctx));
    for (offset, text) in wikilinks::find(body) {
        r.wikilink(offset, text);
    }
    // In the order of the file, whichever step found them.
    r.diags.sort_by_key(|d| (d.line, d.col));
    let summary_range = match (more_at, first_para) {
        (Some(end), _) => Some((0, end)),
        (None, Some(range)) => Some(range),
        (None, None) => None,
    };
    let mut summary = String::new();
    if let Some((start, end)) = summary_range {
        // Headings in a summary lose their ids: list pages show many summaries.
        let events = r.out[start..end].iter().enumerate().map(|(i, e)| {
            if r.heading_marks.contains(&(start + i)) {
                match e {
                    Event::Html(h)
                        if h.starts_with("</h") || h.starts_with("<a class=\"anchor\"") =>
                    {
                        Event::Html("</strong></p>\n".into())
                    }
                    _ => Event::Html("<p><strong>".into()),
                }
            } else {
                e.clone()
            }
        });
        html::push_html(&mut summary, events);
    }
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, r.out.into_iter());
    // Kept for the whole build: no spare capacity.
    out.shrink_to_fit();
    summary.shrink_to_fit();
    (
        Rendered {
            html: out.into(),
            summary: summary.into(),
            toc: r.toc.into(),
            word_count: r.words,
            has_code: r.has_code,
            blocks: r.blocks.into(),
        },
        r.diags,
    )
}

struct Renderer<'a, 'c> {
    ctx: &'c Context<'c>,
    body: &'a str,
    out: Vec<Event<'a>>,
    diags: Vec<Diagnostic>,
    toc: Vec<TocEntry>,
    ids: HeadingIds,
    /// Indices in `out` of the HTML events that open and close headings.
    heading_marks: HashSet<usize>,
    words: usize,
    has_code: bool,
    /// See [`Rendered::blocks`].
    blocks: Vec<u64>,
}

impl<'a> Renderer<'a, '_> {
    /// A warning for a blockquote at `offset` that opens like an Obsidian
    /// callout (`> [!note] Title`, `> [!abstract]`, `> [!tip]-`) but is not
    /// one of GitHub's alerts, which [`alert`] renders: it is shown as
    /// written, `[!note]` and all.
    fn callout(&mut self, offset: usize) {
        let line = self
            .body
            .get(offset..)
            .and_then(|b| b.lines().next())
            .unwrap_or("");
        let Some(text) = line.strip_prefix('>').map(str::trim) else {
            return;
        };
        let Some(kind) = text
            .strip_prefix("[!")
            .and_then(|t| t.split_once(']'))
            .map(|(kind, _)| kind)
            .filter(|k| !k.is_empty() && !k.contains(char::is_whitespace))
        else {
            return;
        };
        let shown = template_tags::shorten(text);
        let (line, col) = self.ctx.position(self.body, offset);
        self.diags.push(
            Diagnostic::warning(
                "callout",
                self.ctx.source,
                format!("`> {shown}` is shown as written: folio reads GitHub's alerts, not Obsidian's callouts (`[!{kind}]`)"),
            )
            .at_in(self.ctx.file_text, line, col)
            .hint("write `> [!NOTE]` alone on the quote's first line (NOTE, TIP, IMPORTANT, WARNING or CAUTION), and any title on the next"),
        );
    }

    /// A warning for an Obsidian wikilink or embed at `offset`, which the
    /// page shows as written ([`wikilinks`]).
    fn wikilink(&mut self, offset: usize, text: &str) {
        let (line, col) = self.ctx.position(self.body, offset);
        let shown = template_tags::shorten(text);
        let hint = if text.starts_with('!') {
            "show an image as `![description](image.png)`, its path relative to this file"
        } else {
            "write a markdown link to the file, relative to this one: `[About](about.md)`, `[Setup](notes/setup.md#install)`"
        };
        self.diags.push(
            Diagnostic::warning(
                "wikilink",
                self.ctx.source,
                format!("`{shown}` is shown as written: folio does not read Obsidian's wikilinks"),
            )
            .at_in(self.ctx.file_text, line, col)
            .hint(hint),
        );
    }

    /// Rewrites links and task markers; counts words.
    fn map_inline(&mut self, event: Event<'a>, offset: usize) -> Event<'a> {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: self.resolve(dest_url, offset),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: self.resolve(dest_url, offset),
                title,
                id,
            }),
            Event::Text(t) => {
                self.words += t.split_whitespace().count();
                Event::Text(t)
            }
            Event::TaskListMarker(done) => Event::Html(
                if done {
                    "<input type=\"checkbox\" disabled checked aria-label=\"done\"> "
                } else {
                    "<input type=\"checkbox\" disabled aria-label=\"not done\"> "
                }
                .into(),
            ),
            other => other,
        }
    }
}

/// Escapes text for HTML content and attribute values (kept here by name
/// for markdown's callers; it lives with the HTML reader).
pub use crate::html::escape;

#[cfg(test)]
mod tests;
