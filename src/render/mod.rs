//! Rendering: a pure function from one audience's [`SiteView`] and a
//! [`Theme`] to [`Outputs`] (relative path → bytes). Pages render in
//! parallel; shared data (the site, article lists) is serialized once.

pub mod burnup;
pub mod career;
pub mod context;
pub mod dashboard;
pub mod feeds;
pub mod pdf;
mod progress_json;
mod redirects;
pub mod roadmap_ctx;
pub mod theme;
pub mod timeline;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::json;
use tera::Value;

use crate::cache::hash_of;
use crate::content::view::SiteView;
use crate::content::{Item, Kind, Site, SiteCache};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::output::Outputs;
use context::{ItemCtx, Meta, Paginator, SiteCtx, TagCtx, json_ld};

/// Both sites, rendered in memory: what the link check ([`crate::links`])
/// reads and a build writes.
pub struct Rendered {
    pub public: Outputs,
    pub private: Outputs,
    pub warnings: Vec<Diagnostic>,
    /// The model both sites were rendered from (for `check`).
    pub site: Site,
}
pub use theme::Theme;

/// How many articles the home page lists.
const HOME_LATEST: usize = 5;

/// A template variable, turned into a tera value only when the page has to
/// be rendered (an unchanged page is reused from the cache).
enum Var<'a> {
    /// A ready value and, when known, a hash of what it was built from.
    Value(Value, Option<u64>),
    /// A list page's paginator: the list's path, the page's number, the
    /// number of pages and of items, from which it is made (only when the
    /// page is rendered: most list pages are reused).
    Paginator(&'a str, [usize; 3]),
    /// A tag page's tag and its hash, made a value only when rendered.
    Tag(&'a TagCtx, u64),
    /// One item, with its body (`true`) or as a summary.
    Item(&'a Item, bool),
    /// A list of items, as summaries.
    Items(Vec<&'a Item>),
    Null,
}

impl Var<'_> {
    /// Feeds what this variable was made from to `h` (each kind with its
    /// own tag); `None` when that is not known.
    fn fingerprint(&self, h: &mut Fingerprint) -> Option<()> {
        match self {
            Var::Value(_, hash) => h.write_tagged(0, &[(*hash)?]),
            Var::Paginator(base, [n, total, items]) => {
                h.write_tagged(1, &[*n as u64, *total as u64, *items as u64]);
                h.write_str(base);
            }
            Var::Tag(_, hash) => h.write_tagged(5, &[*hash]),
            Var::Item(item, content) => h.write_tagged(2, &[item.version, u64::from(*content)]),
            Var::Items(items) => {
                h.write_tagged(3, &[items.len() as u64]);
                for i in items {
                    h.write_u64(i.version);
                }
            }
            Var::Null => h.write_tagged(4, &[]),
        }
        Some(())
    }

    /// The value for the page at site path `page`: summaries shown there
    /// get their relative links moved from the item's own page.
    fn value(&self, base: &str, page: &str) -> Value {
        match self {
            Var::Value(v, _) => v.clone(),
            Var::Paginator(base, [n, total, items]) => {
                Value::from_serializable(&Paginator::new(base, *n, *total, *items))
            }
            Var::Tag(t, _) => Value::from_serializable(*t),
            Var::Item(item, true) => Value::from_serializable(&ItemCtx::new(item, base, true)),
            Var::Item(item, false) => {
                Value::from_serializable(&ItemCtx::new(item, base, false).listed_on(item, page))
            }
            Var::Items(items) => {
                let ctxs: Vec<ItemCtx> = items
                    .iter()
                    .map(|i| ItemCtx::new(i, base, false).listed_on(i, page))
                    .collect();
                Value::from_serializable(&ctxs)
            }
            Var::Null => Value::none(),
        }
    }
}

/// A plain value whose inputs are not known: its page is always rendered.
impl From<Value> for Var<'_> {
    fn from(value: Value) -> Self {
        Var::Value(value, None)
    }
}

/// One HTML page to render. Its texts are borrowed from the item it shows
/// when they can be: every page is made on every rebuild, most only to be
/// fingerprinted and reused.
struct Page<'a> {
    /// Site path of the page (`articles/x/`, `` for home, `404.html`).
    path: Cow<'a, str>,
    template: Cow<'a, str>,
    title: Option<Cow<'a, str>>,
    description: Cow<'a, str>,
    /// Take the description from this item's summary when it has none (done
    /// only if the page is rendered; the item's version covers it).
    description_of: Option<&'a Item>,
    og_type: &'static str,
    json_ld: Option<String>,
    /// Template-specific variables.
    vars: Vec<(&'static str, Var<'a>)>,
}

impl<'a> Page<'a> {
    fn new(
        path: impl Into<Cow<'a, str>>,
        template: impl Into<Cow<'a, str>>,
        title: Option<String>,
    ) -> Self {
        Page {
            path: path.into(),
            template: template.into(),
            title: title.map(Cow::Owned),
            description: Cow::Borrowed(""),
            description_of: None,
            og_type: "website",
            json_ld: None,
            vars: Vec::new(),
        }
    }

    fn var(mut self, key: &'static str, value: impl Into<Var<'a>>) -> Self {
        self.vars.push((key, value.into()));
        self
    }

    /// Where the page is written.
    fn out_path(&self) -> String {
        if self.path.ends_with(".html") {
            self.path.to_string()
        } else {
            // Not `format!`: this runs for every page of every rebuild.
            let mut out = String::with_capacity(self.path.len() + "index.html".len());
            out.push_str(&self.path);
            out.push_str("index.html");
            out
        }
    }

    /// A hash of every input of this page, or `None` when one of them is
    /// not known (the page is then always rendered).
    fn fingerprint(&self, shared: u64) -> Option<u64> {
        let mut h = Fingerprint {
            bytes: Vec::with_capacity(256),
        };
        h.write_u64(shared);
        h.write_str(&self.path);
        h.write_str(&self.template);
        h.write_opt_str(self.title.as_deref());
        h.write_str(&self.description);
        h.write_str(self.og_type);
        h.write_opt_str(self.json_ld.as_deref());
        h.write_u64(self.vars.len() as u64);
        for (k, v) in &self.vars {
            h.write_str(k);
            v.fingerprint(&mut h)?;
        }
        Some(h.finish())
    }
}

/// The inputs of one page laid end to end, hashed once at the end: every
/// page of every rebuild is fingerprinted, and one hash of a short buffer
/// costs much less than a streaming hasher fed field by field. Strings are
/// written with their length, so no two different inputs lay out the same.
struct Fingerprint {
    bytes: Vec<u8>,
}

impl Fingerprint {
    fn write_u64(&mut self, n: u64) {
        self.bytes.extend_from_slice(&n.to_le_bytes());
    }

    fn write_str(&mut self, s: &str) {
        self.write_u64(s.len() as u64);
        self.bytes.extend_from_slice(s.as_bytes());
    }

    fn write_opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.bytes.push(1);
                self.write_str(s);
            }
            None => self.bytes.push(0),
        }
    }

    fn write_tagged(&mut self, tag: u8, numbers: &[u64]) {
        self.bytes.push(tag);
        for n in numbers {
            self.write_u64(*n);
        }
    }

    fn finish(&self) -> u64 {
        xxhash_rust::xxh3::xxh3_64(&self.bytes)
    }
}

/// Renders the whole site for the view's audience.
pub fn render(view: &SiteView<'_>, theme: &Theme, syntax_css: &str) -> Result<Outputs> {
    render_cached(view, theme, syntax_css, &SiteCache::disabled())
}

/// Renders the site, reusing pages from `cache` whose inputs are unchanged.
pub fn render_cached(
    view: &SiteView<'_>,
    theme: &Theme,
    syntax_css: &str,
    cache: &SiteCache,
) -> Result<Outputs> {
    render_streamed(view, theme, syntax_css, cache, None)
}

/// Where each page goes as soon as it is rendered, on the thread that
/// rendered it: given its path and bytes, it gives back what the outputs
/// keep for it (the bytes, or [`crate::output::written_elsewhere`]).
pub type Sink<'s> = dyn Fn(&str, Arc<[u8]>) -> Arc<[u8]> + Sync + 's;

/// [`render_cached`], each page handed to `sink` as it is rendered. A path
/// two pages would write is kept out of the sink (its last page wins in the
/// outputs, as without a sink).
pub fn render_streamed(
    view: &SiteView<'_>,
    theme: &Theme,
    syntax_css: &str,
    cache: &SiteCache,
    sink: Option<&Sink<'_>>,
) -> Result<Outputs> {
    let config = &view.site.config;
    let base = config.base_url.as_str();
    let articles = view.articles();
    let tags = collect_tags(&articles);
    let site_ctx = SiteCtx::new(view, !tags.is_empty(), career::nav(view));
    let site_value = Value::from_serializable(&site_ctx);
    // Inputs shared by every page: the theme, the site variables, the
    // audience and the base paths.
    let shared = hash_of(&(
        theme.version(),
        serde_json::to_string(&site_ctx).unwrap_or_default(),
        view.is_private(),
        &config.base_url,
        &config.private_base_path,
    ));

    let mut pages = Vec::new();
    let career = career::Career::new(view, theme);

    // Home.
    let home = view.home();
    let latest = articles[..articles.len().min(HOME_LATEST)].to_vec();
    let private_pages: Vec<&Item> = if view.is_private() {
        view.items
            .iter()
            .copied()
            .filter(|i| {
                matches!(i.kind, Kind::Roadmap | Kind::Achievement)
                    || (i.kind == Kind::Page && i.visibility == crate::content::Visibility::Private)
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut home_page = Page::new("", "index.html", None)
        .var("intro", home.map_or(Var::Null, |h| Var::Item(h, true)))
        .var("latest", Var::Items(latest))
        .var("private_pages", Var::Items(private_pages));
    home_page.description = home
        .map(|h| h.description.as_str())
        .filter(|d| !d.is_empty())
        .unwrap_or(&config.description)
        .into();
    home_page.json_ld = Some(json_ld(&json!({
        "@context": "https://schema.org",
        "@type": "Person",
        "name": if config.author.is_empty() { &config.title } else { &config.author },
        "url": base,
        "description": home_page.description,
    })));
    pages.push(career.home(home_page));

    // Articles, with their neighbours.
    for (i, a) in articles.iter().enumerate() {
        let next = i.checked_sub(1).map(|j| articles[j]);
        let prev = articles.get(i + 1).copied();
        let mut p = item_page(a, "article.html")
            .var("prev", prev.map_or(Var::Null, |n| Var::Item(n, false)))
            .var("next", next.map_or(Var::Null, |n| Var::Item(n, false)));
        p.og_type = "article";
        pages.push(p);
    }
    pages.extend(paginated(
        "articles/",
        "articles.html",
        "Articles",
        &articles,
        config.paginate,
        Vec::new,
    ));

    // Tags.
    if !tags.is_empty() {
        let tag_list: Vec<&TagCtx> = tags.values().map(|(t, _)| t).collect();
        let tags_hash = hash_of(
            &tag_list
                .iter()
                .map(|t| (&t.name, t.count))
                .collect::<Vec<_>>(),
        );
        pages.push(Page::new("tags/", "tags.html", Some("Tags".into())).var(
            "tags",
            Var::Value(Value::from_serializable(&tag_list), Some(tags_hash)),
        ));
        for (tag, items) in tags.values() {
            let tag_hash = hash_of(&(&tag.name, &tag.slug, tag.count));
            pages.extend(paginated(
                &tag.path,
                "tag.html",
                &format!("Tagged “{}”", tag.name),
                items,
                config.paginate,
                || vec![("tag", Var::Tag(tag, tag_hash))],
            ));
        }
    }

    // Roadmaps: the private dashboard and roadmap pages, public "Now" pages.
    let roadmaps = dashboard::build(view, |item, page| career.item_page(item, page));
    pages.extend(roadmaps.pages);

    // Every other page.
    for item in view
        .items
        .iter()
        .filter(|i| !matches!(i.kind, Kind::Home | Kind::Article | Kind::Roadmap))
    {
        pages.push(career.item_page(item, item_page(item, "page.html")));
    }
    pages.extend(career.pages());
    pages.push(Page::new(
        "404.html",
        "404.html",
        Some("Page not found".into()),
    ));

    for p in &pages {
        if !theme.has_template(&p.template) {
            return Err(Diagnostic::error(
                "template",
                "templates",
                format!(
                    "template `{}` not found (wanted by /{})",
                    p.template, p.path
                ),
            )
            .hint("add the template to templates/, or fix `template:` in the page's front matter")
            .into());
        }
    }

    let on_pages = files_on_pages(view, theme, &pages);
    if !on_pages.is_empty() {
        return Err(Error::Content(on_pages));
    }

    // The CV's PDFs are typeset (or taken from their cache) while the
    // pages render.
    let twice = sink.map(|_| written_twice(&pages)).unwrap_or_default();
    let sink = sink.map(|sink| {
        move |path: &str, bytes: Arc<[u8]>| {
            if twice.contains(path) {
                bytes
            } else {
                sink(path, bytes)
            }
        }
    });
    let sink = sink.as_ref().map(|s| s as &Sink);
    let (rendered, pdfs) = rayon::join(
        || render_pages(view, &pages, theme, shared, &site_value, cache, sink),
        || career.pdfs(theme),
    );
    let mut out = Outputs::default();
    let mut problems = Vec::new();
    let mut made = Vec::with_capacity(rendered.len());
    for r in rendered {
        match r {
            Ok((path, html)) => {
                crate::output::check_path(&path)?;
                made.push((path, html));
            }
            Err(diags) => {
                for d in diags {
                    if !problems.contains(&d) {
                        problems.push(d);
                    }
                }
            }
        }
    }
    // In one step: the pages' paths are checked, and a path two pages
    // write keeps the last, as inserting them one by one would.
    out.extend_checked(made);
    match pdfs {
        Ok(pdfs) => {
            for (path, bytes) in pdfs {
                out.insert_shared(path, bytes)?;
            }
        }
        Err(diags) => problems.extend(diags),
    }
    if !problems.is_empty() {
        return Err(Error::Content(problems));
    }

    // Site files.
    out.insert("robots.txt", feeds::robots(config, view.is_private()))?;
    if !view.is_private() {
        // The feed and the sitemap are made again only when what they are
        // made from changed (a rebuild's cache keeps them by that hash).
        let atom_key = cache.enabled().then(|| feeds::atom_key(config, &articles));
        let atom = memoised(cache, view, "atom.xml", atom_key, || {
            feeds::atom(config, &articles)
        });
        out.insert_shared("atom.xml", atom)?;
        let by_path: rustc_hash::FxHashMap<&str, &Item> =
            view.items.iter().map(|i| (i.path.as_str(), *i)).collect();
        let mut listed: Vec<(&str, Option<Date>)> = pages
            .iter()
            .filter(|p| !p.path.ends_with(".html"))
            .map(|p| {
                let lastmod = by_path
                    .get(p.path.as_ref())
                    .and_then(|i| i.updated.max(i.date));
                (p.path.as_ref(), lastmod)
            })
            .collect();
        // Listed in page order: the order of the pages follows from the
        // site, so equal lists give equal sitemaps.
        let sitemap_key = cache
            .enabled()
            .then(|| hash_of(&(&config.base_url, &listed)));
        let sitemap = memoised(cache, view, "sitemap.xml", sitemap_key, || {
            listed.sort_unstable();
            feeds::sitemap(config, &listed)
        });
        out.insert_shared("sitemap.xml", sitemap)?;
    }

    career.files(&mut out)?;

    // Static files and content assets.
    out.insert("syntax.css", syntax_css)?;
    for (rel, src) in &theme.statics {
        out.insert(rel.clone(), src.read()?)?;
    }
    for asset in &view.assets {
        let bytes = std::fs::read(&asset.abs).map_err(|e| Error::io("reading", &asset.abs, e))?;
        out.insert(asset.rel.clone(), bytes)?;
    }
    for (path, bytes) in roadmaps.files {
        out.insert(path, bytes)?;
    }
    // Last, so an alias that lands on any other file is caught.
    redirects::add(view, &mut out)?;
    Ok(out)
}

/// An error for each file of `static/` (the site's or its theme's) or of
/// `content/` that would be copied to the address of one of `pages`: it
/// would replace the page, which links and the sitemap expect there.
fn files_on_pages(view: &SiteView<'_>, theme: &Theme, pages: &[Page<'_>]) -> Vec<Diagnostic> {
    let statics = theme
        .statics
        .iter()
        .filter_map(|(rel, source)| match source {
            theme::StaticSource::Disk(abs) => Some((rel.as_str(), abs)),
            theme::StaticSource::Embedded(_) => None,
        });
    let assets = view.assets.iter().map(|a| (a.rel.as_str(), &a.abs));
    // Only a file named like a page can be on one; usually there is none.
    // An asset is copied after the static files: the one that would land.
    let files: std::collections::HashMap<&str, &std::path::PathBuf> = statics
        .chain(assets)
        .filter(|(rel, _)| rel.ends_with(".html"))
        .collect();
    if files.is_empty() {
        return Vec::new();
    }
    let root = &view.site.config.root;
    let mut found: Vec<Diagnostic> = pages
        .iter()
        .filter_map(|page| {
            let abs = files.get(page.out_path().as_str())?;
            let file = abs.strip_prefix(root).unwrap_or(abs);
            let made = match view.items.iter().find(|i| i.path == page.path) {
                Some(item) => format!("(made from {})", item.source.display()),
                None => "folio makes".to_string(),
            };
            Some(
                Diagnostic::error(
                    "file-on-page",
                    file,
                    format!("this file would replace the page /{} {made}", page.path),
                )
                .hint(format!(
                    "a page and a file cannot share an address: rename or move the file; to change the page itself, override its template (templates/{})",
                    page.template
                )),
            )
        })
        .collect();
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// The file at `path` made by `make`, or taken from `cache` when it was
/// made before from inputs whose hash is `key` (no key: always made).
fn memoised(
    cache: &SiteCache,
    view: &SiteView<'_>,
    path: &str,
    key: Option<u64>,
    make: impl FnOnce() -> String,
) -> Arc<[u8]> {
    if let Some(bytes) = key.and_then(|k| cache.page(view.audience, path, k)) {
        return bytes;
    }
    let bytes: Arc<[u8]> = Arc::from(make().into_bytes());
    if let Some(k) = key {
        cache.store_page(view.audience, path, k, Arc::clone(&bytes));
    }
    bytes
}

type PageResult = std::result::Result<(String, Arc<[u8]>), Vec<Diagnostic>>;

/// The output paths more than one of `pages` would write.
fn written_twice(pages: &[Page<'_>]) -> std::collections::HashSet<String> {
    let mut seen = std::collections::HashSet::new();
    pages
        .iter()
        .map(Page::out_path)
        .filter(|path| !seen.insert(path.clone()))
        .collect()
}

/// Every page rendered (in parallel), or taken from `cache` when its
/// inputs are unchanged, then handed to `sink`.
fn render_pages(
    view: &SiteView<'_>,
    pages: &[Page<'_>],
    theme: &Theme,
    shared: u64,
    site_value: &Value,
    cache: &SiteCache,
    sink: Option<&Sink<'_>>,
) -> Vec<PageResult> {
    let sink = |path: &str, bytes| match sink {
        Some(sink) => sink(path, bytes),
        None => bytes,
    };
    pages
        .par_iter()
        .map(|p| {
            let out_path = p.out_path();
            let fingerprint = p.fingerprint(shared);
            if let Some(bytes) = fingerprint.and_then(|f| cache.page(view.audience, &out_path, f)) {
                let bytes = sink(&out_path, bytes);
                return Ok((out_path, bytes));
            }
            let ctx = page_context(view, p, site_value);
            cache.count_rendered();
            let html = theme.render(&p.template, &ctx)?;
            let bytes: Arc<[u8]> = Arc::from(html.into_bytes());
            if let Some(f) = fingerprint {
                cache.store_page(view.audience, &out_path, f, Arc::clone(&bytes));
            }
            let bytes = sink(&out_path, bytes);
            Ok((out_path, bytes))
        })
        .collect()
}

/// The pages of a list of articles, `per_page` to a page (0: one page), each
/// with its `paginator` and `articles`, plus the variables `extra` gives.
fn paginated<'a>(
    base: &'a str,
    template: &'static str,
    title: &str,
    items: &[&'a Item],
    per_page: usize,
    extra: impl Fn() -> Vec<(&'static str, Var<'a>)>,
) -> Vec<Page<'a>> {
    let per_page = if per_page == 0 {
        items.len().max(1)
    } else {
        per_page
    };
    let chunks: Vec<&[&Item]> = if items.is_empty() {
        vec![&[]]
    } else {
        items.chunks(per_page).collect()
    };
    let total = chunks.len();
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, chunk)| {
            let n = i + 1;
            let title = if n == 1 {
                title.to_string()
            } else {
                format!("{title} (page {n} of {total})")
            };
            let mut page = Page::new(Paginator::path(base, n), template, Some(title))
                .var("articles", Var::Items(chunk.to_vec()))
                .var("paginator", Var::Paginator(base, [n, total, items.len()]));
            page.vars.extend(extra());
            page
        })
        .collect()
}

fn item_page<'a>(item: &'a Item, default_template: &'static str) -> Page<'a> {
    let template = item.template.as_deref().unwrap_or(default_template);
    let mut p = Page::new(item.path.as_str(), template, None).var("page", Var::Item(item, true));
    p.title = Some(Cow::Borrowed(&item.title));
    if item.description.is_empty() {
        p.description_of = Some(item);
    } else {
        p.description = Cow::Borrowed(&item.description);
    }
    p
}

/// The variables every template gets, plus the page's own.
fn page_context(view: &SiteView<'_>, page: &Page<'_>, site: &Value) -> tera::Context {
    let config = &view.site.config;
    let root = if page.path == "404.html" && view.is_private() {
        config.private_base_path.clone()
    } else if page.path == "404.html" {
        config.base_path().to_string()
    } else {
        let depth = page.path.matches('/').count();
        if depth == 0 {
            "./".to_string()
        } else {
            "../".repeat(depth)
        }
    };
    let permalink = format!("{}{}", config.base_url, page.path);
    let title = match &page.title {
        Some(t) => format!("{t} · {}", config.title),
        None => config.title.clone(),
    };
    let summary = page
        .description_of
        .map(|i| plain_text(&i.rendered.summary, 200))
        .filter(|d| !d.is_empty());
    let description = match summary {
        Some(d) => d,
        None if page.description.is_empty() => config.description.clone(),
        None => page.description.to_string(),
    };
    let meta = Meta {
        title,
        description,
        og_type: page.og_type,
        noindex: view.is_private(),
        json_ld: page.json_ld.clone(),
    };
    let mut ctx = tera::Context::new();
    ctx.insert_value("site", site.clone());
    ctx.insert("root", &root);
    ctx.insert("path", &page.path);
    ctx.insert("permalink", &permalink);
    ctx.insert("meta", &meta);
    for (k, v) in &page.vars {
        ctx.insert_value(*k, v.value(&config.base_url, &page.path));
    }
    ctx
}

/// Tags of the visible articles: slug → (tag, its articles newest first).
fn collect_tags<'a>(articles: &[&'a Item]) -> BTreeMap<String, (TagCtx, Vec<&'a Item>)> {
    let mut tags: BTreeMap<String, (TagCtx, Vec<&Item>)> = BTreeMap::new();
    for a in articles {
        for (k, (name, slug)) in a.tags.iter().zip(&a.tag_slugs).enumerate() {
            if a.tag_slugs[..k].contains(slug) {
                continue; // the same tag twice in one article
            }
            // Looked up first: a new entry (and its key) is made once a tag.
            let entry = match tags.get_mut(slug) {
                Some(entry) => entry,
                None => tags.entry(slug.clone()).or_insert_with(|| {
                    (
                        TagCtx {
                            name: name.clone(),
                            path: format!("tags/{slug}/"),
                            slug: slug.clone(),
                            count: 0,
                        },
                        Vec::new(),
                    )
                }),
            };
            entry.0.count += 1;
            entry.1.push(a);
        }
    }
    tags
}

/// Text content of an HTML fragment, cut at a word boundary.
fn plain_text(html: &str, max: usize) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    match cut.rfind(' ') {
        Some(i) => format!("{}…", &cut[..i]),
        None => format!("{cut}…"),
    }
}
