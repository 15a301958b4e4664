//! Markdown to HTML: the one place that sets pulldown-cmark's options, gives
//! headings stable unique ids and anchor links, resolves links between
//! content files, highlights fenced code, and cuts the summary.
//!
//! It knows nothing of templates, and nothing of the audience rules: the
//! view hands it, as data ([`Seen`]), which audiences see the page and each
//! link target, so it can refuse a link that crosses the boundary.
//! Which file names are markdown pages ([`is_markdown`]) is decided here.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, html};

use crate::audience::{Audience, Seen};
use crate::diagnostic::{Diagnostic, line_col};
use crate::highlight::{self, Highlighted};
use crate::slug::slugify;

/// The markdown dialect of folio, in one place.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Element ids the page layout owns; headings never take them.
const RESERVED_IDS: &[&str] = &["main"];

/// A body rendered once, shared by every page that shows it.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Shared: pages, lists and feeds hold the same body without copies.
    pub html: Arc<String>,
    /// The part before `<!-- more -->`, else the first paragraph.
    pub summary: Arc<String>,
    pub toc: Arc<[TocEntry]>,
    pub word_count: usize,
    pub has_code: bool,
    /// One key per code block of `html`, in order: a hash of its language
    /// and text when it was highlighted, else 0. See [`Reuse`].
    pub blocks: Arc<[u64]>,
}

/// The highlighted code blocks of an earlier render of the same file, by
/// key: a body rendered again (its text or a link target changed) copies a
/// block whose language and text are unchanged instead of highlighting it.
#[derive(Default)]
pub struct Reuse<'a>(HashMap<u64, &'a str>);

impl<'a> Reuse<'a> {
    pub fn of(previous: &'a Rendered) -> Reuse<'a> {
        let inners = block_inners(&previous.html);
        // Raw HTML that looks like a block would shift the pairs: no reuse.
        if inners.len() != previous.blocks.len() {
            return Reuse::default();
        }
        Reuse(
            previous
                .blocks
                .iter()
                .copied()
                .zip(inners)
                .filter(|(key, _)| *key != 0)
                .collect(),
        )
    }
}

/// The inner HTML of each `<pre class="code"…><code>…</code></pre>` of
/// `html`, in order. (Escaped code never holds `</code></pre>`.)
fn block_inners(html: &str) -> Vec<&str> {
    const OPEN: &str = "<pre class=\"code\"";
    let mut inners = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(OPEN) {
        let after = &rest[at..];
        let Some(code) = after.find("<code>") else {
            break;
        };
        let inner = &after[code + "<code>".len()..];
        let Some(end) = inner.find("</code></pre>") else {
            break;
        };
        inners.push(&inner[..end]);
        rest = &inner[end..];
    }
    inners
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
    pub title: String,
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
/// code languages as warnings.
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
        ids: RESERVED_IDS.iter().map(|id| (id.to_string(), 1)).collect(),
        heading_marks: HashSet::new(),
        words: 0,
        has_code: false,
        blocks: Vec::new(),
    };
    let mut more_at = None;
    let mut first_para = None;
    let mut para_start = 0;
    let mut depth = 0usize;
    while let Some((event, range)) = events.next() {
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
                depth += 1;
                let e = r.map_inline(event, range.start);
                r.out.push(e);
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                r.out.push(Event::End(tag));
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
    ids: HashMap<String, usize>,
    /// Indices in `out` of the HTML events that open and close headings.
    heading_marks: HashSet<usize>,
    words: usize,
    has_code: bool,
    /// See [`Rendered::blocks`].
    blocks: Vec<u64>,
}

impl<'a> Renderer<'a, '_> {
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

    fn heading(
        &mut self,
        level: u8,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        inner: Vec<Event<'a>>,
    ) {
        let mut text = String::new();
        for e in &inner {
            if let Event::Text(t) | Event::Code(t) = e {
                text.push_str(t);
            }
        }
        let base = match id {
            Some(id) => id.to_string(),
            None => {
                let s = slugify(&text);
                if s.is_empty() {
                    "section".to_string()
                } else {
                    s
                }
            }
        };
        let id = self.unique_id(base);
        let mut open = format!("<h{level} id=\"{}\"", escape(&id));
        if !classes.is_empty() {
            let classes: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
            let _ = write!(open, " class=\"{}\"", escape(&classes.join(" ")));
        }
        for (k, v) in &attrs {
            let _ = write!(
                open,
                " {}=\"{}\"",
                escape(k),
                escape(v.as_deref().unwrap_or(""))
            );
        }
        open.push('>');
        self.heading_marks.insert(self.out.len());
        self.out.push(Event::Html(open.into()));
        self.out.extend(inner);
        self.heading_marks.insert(self.out.len());
        self.out.push(Event::Html(
            format!(
                "<a class=\"anchor\" href=\"#{}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h{level}>\n",
                escape(&id)
            )
            .into(),
        ));
        self.toc.push(TocEntry {
            level,
            id,
            title: text.trim().to_string(),
        });
    }

    fn unique_id(&mut self, base: String) -> String {
        let n = self.ids.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            return base;
        }
        let mut k = *n - 1;
        loop {
            let candidate = format!("{base}-{k}");
            if !self.ids.contains_key(&candidate) {
                self.ids.insert(candidate.clone(), 1);
                return candidate;
            }
            k += 1;
        }
    }

    fn code_block(&mut self, code: &str, lang: &str, offset: usize) -> String {
        self.has_code = true;
        let key = crate::cache::hash_of(&(lang.trim(), code));
        let highlighted = match self.ctx.reuse.and_then(|r| r.0.get(&key)) {
            Some(html) => Highlighted::Html(html.to_string()),
            None => highlight::highlight(code, lang),
        };
        let inner = match highlighted {
            Highlighted::Html(h) => {
                self.blocks.push(key);
                h
            }
            Highlighted::Plain => {
                self.blocks.push(0);
                escape(code)
            }
            Highlighted::UnknownLanguage => {
                let (line, col) = self.ctx.position(self.body, offset);
                self.diags.push(
                    Diagnostic::warning(
                        "unknown-language",
                        self.ctx.source,
                        format!("no highlighting for code language `{lang}`; shown as plain text"),
                    )
                    .at_in(self.ctx.file_text, line, col)
                    .hint("use a common name such as rust, python, yaml, bash or js, or `text`"),
                );
                self.blocks.push(0);
                escape(code)
            }
        };
        let lang_attr = if lang.is_empty() {
            String::new()
        } else {
            format!(" data-lang=\"{}\"", escape(lang))
        };
        format!("<pre class=\"code\"{lang_attr}><code>{inner}</code></pre>\n")
    }

    /// Turns a relative link to a content file into the target page's URL,
    /// relative to this page. Errors for links to nowhere or across the
    /// audience boundary.
    fn resolve(&mut self, dest: CowStr<'a>, offset: usize) -> CowStr<'a> {
        let raw = dest.as_ref();
        if raw.is_empty() || raw.starts_with('#') || raw.starts_with('/') || has_scheme(raw) {
            return dest;
        }
        let (path_part, fragment) = match raw.find(['#', '?']) {
            Some(i) => raw.split_at(i),
            None => (raw, ""),
        };
        let decoded = crate::percent::decode_lossy(path_part);
        let is_markdown = is_markdown(&decoded);
        let Some(content_path) = join_relative(self.ctx.rel, &decoded) else {
            self.link_error(
                offset,
                format!("link `{raw}` leaves the content folder"),
                None,
            );
            return dest;
        };
        let Some(target) = self.ctx.targets.get(&content_path) else {
            if is_markdown {
                let nearest = crate::diagnostic::closest(
                    &content_path,
                    self.ctx.targets.keys().map(String::as_str),
                );
                let hint = match nearest {
                    Some(n) => format!("did you mean content/{n}?"),
                    None => "check the file name; links are relative to this file".to_string(),
                };
                self.link_error(
                    offset,
                    format!("link to `{raw}`: no such file content/{content_path}"),
                    Some(hint),
                );
            }
            return dest;
        };
        for audience in [Audience::Public, Audience::Private] {
            if self.ctx.seen.by(audience) && !target.seen.by(audience) {
                let (code, msg, hint) = if target.draft {
                    (
                        "draft-link",
                        format!("link to `{raw}`, which is a draft and is not published"),
                        "publish the target (remove `draft: true`), or remove the link",
                    )
                } else {
                    (
                        "private-link",
                        format!(
                            "public page links to private `{raw}`; the public site must not reveal it"
                        ),
                        "remove the link, make the target `visibility: public`, or make this page private",
                    )
                };
                self.link_error_coded(code, offset, msg, Some(hint.to_string()));
                return dest;
            }
        }
        let url = relative_url(self.ctx.page_path, &target.path);
        format!("{url}{fragment}").into()
    }

    fn link_error(&mut self, offset: usize, message: String, hint: Option<String>) {
        self.link_error_coded("broken-link", offset, message, hint);
    }

    fn link_error_coded(
        &mut self,
        code: &'static str,
        offset: usize,
        message: String,
        hint: Option<String>,
    ) {
        let (line, col) = self.ctx.position(self.body, offset);
        let mut d =
            Diagnostic::error(code, self.ctx.source, message).at_in(self.ctx.file_text, line, col);
        if let Some(h) = hint {
            d = d.hint(h);
        }
        self.diags.push(d);
    }
}

fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(i) => {
            let scheme = &url[..i];
            !scheme.is_empty()
                && !url[..i].contains('/')
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// Resolves `link` against the folder of `from` (both relative to
/// `content/`); `None` when it climbs out.
fn join_relative(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The URL of site path `to` as seen from the page at site path `from_dir`
/// (a folder path ending in `/`, or empty for the root).
pub fn relative_url(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut url = "../".repeat(from.len() - common);
    url.push_str(&to_parts[common..].join("/"));
    if to.ends_with('/') && common < to_parts.len() {
        url.push('/');
    }
    if url.is_empty() {
        url.push_str("./");
    }
    url
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
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
            title: "T".into(),
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
        assert_eq!(render_reusing(body, &first).html, first.html);
        // A reused block is copied, not highlighted again: mark the earlier
        // render's rust block, and see the mark come through.
        let marked = Rendered {
            html: first.html.replacen("<span", "<span data-reused", 1).into(),
            ..first.clone()
        };
        let edited = body.replace("x = 1", "x = 2");
        let again = render_reusing(&edited, &marked);
        assert!(again.html.contains("data-reused"), "{}", again.html);
        assert!(
            again.html.contains(">2<"),
            "the edited block is new: {}",
            again.html
        );
        // Raw HTML that looks like a block makes the earlier render unusable.
        let confusing = Rendered {
            html: format!("<pre class=\"code\"><code>x</code></pre>{}", marked.html).into(),
            ..marked.clone()
        };
        assert!(
            !render_reusing(body, &confusing)
                .html
                .contains("data-reused")
        );
    }

    #[test]
    fn headings_get_unique_ids_and_anchors() {
        let (r, _) = render_public("# Intro\n\n## Intro\n\n## Custom {#mine}\n");
        assert!(
            r.html
                .contains("<h1 id=\"intro\">Intro<a class=\"anchor\" href=\"#intro\"")
        );
        assert!(r.html.contains("<h2 id=\"intro-1\">"));
        assert!(r.html.contains("<h2 id=\"mine\">Custom"));
        let ids: Vec<_> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["intro", "intro-1", "mine"]);
    }

    #[test]
    fn headings_never_take_the_layout_ids() {
        let (r, _) = render_public("## Main\n");
        assert!(r.html.contains("<h2 id=\"main-1\">"), "{}", r.html);
    }

    #[test]
    fn md_links_become_relative_urls_with_anchors() {
        let (r, d) = render_public("See [b](b.md#part) and ![i](img.png).\n");
        assert!(d.is_empty(), "{d:?}");
        assert!(r.html.contains("href=\"../b/#part\""), "{}", r.html);
        assert!(r.html.contains("src=\"../img.png\""), "{}", r.html);
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
        assert!(r.html.contains("href=\"../../roadmaps/plan/\""));
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
        assert!(r.html.contains("href=\"https://x.org/a.md\""));
        assert!(r.html.contains("href=\"#top\""));
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
                .contains("<pre class=\"code\" data-lang=\"rust\"><code>")
        );
        let (r, d) = render_public("```klingon\n<x>\n```\n");
        assert_eq!(d.len(), 1);
        assert!(!d[0].is_error());
        assert_eq!(d[0].line, 1);
        assert!(r.html.contains("&lt;x&gt;"));
    }

    #[test]
    fn extensions_are_on() {
        let (r, _) = render_public(
            "| a |\n|---|\n| b |\n\n~~gone~~\n\n- [x] done\n\nnote[^1]\n\n[^1]: foot\n",
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>gone</del>"));
        assert!(r.html.contains("checked aria-label=\"done\""));
        assert!(r.html.contains("footnote-definition"));
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
}
