//! The typed model of a site and its loading: walk `content/`, split and read
//! front matter, place every file at its URL path, then render each body's
//! markdown once with links between files resolved.
//!
//! Loading decides *what* exists; [`view`] decides *who sees it*.

pub mod achievement;
pub mod advances;
pub mod cv;
pub mod frontmatter;
#[doc(hidden)]
pub mod fuzzing;
mod lenient;
pub mod page_files;
pub mod resume;
pub mod roadmap;
pub mod source;
pub mod view;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

pub use frontmatter::Visibility;

use crate::build_cache::bodies::{Bodies, Lookup};
use crate::cache::{Cache, Stamp, hash_bytes, hash_of};
use crate::config::Config;
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::markdown::{self, LinkTarget, Rendered, Reuse};
use crate::slug::slugify;
use crate::timings;

/// Data files at the root of `content/` that folio reads itself and never
/// copies as assets.
pub const DATA_FILES: &[&str] = &["cv.yaml", "cv.yml", "cv.json"];

/// What a markdown file is, from its folder or its `kind:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// `content/_index.md`: the home page intro.
    Home,
    Article,
    Page,
    Roadmap,
    Achievement,
}

impl Kind {
    /// Roadmaps and achievements are private unless they say otherwise.
    pub fn default_visibility(self) -> Visibility {
        match self {
            Kind::Roadmap | Kind::Achievement => Visibility::Private,
            Kind::Home | Kind::Article | Kind::Page => Visibility::Public,
        }
    }
}

/// One markdown file of the site.
#[derive(Debug, Clone)]
pub struct Item {
    pub kind: Kind,
    /// Path relative to `content/`, `/`-separated (`articles/x.md`).
    pub rel: String,
    /// Path relative to the site root, for diagnostics.
    pub source: PathBuf,
    /// URL path relative to the site root (`articles/x/`, `` for home).
    pub path: String,
    pub title: String,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub description: String,
    pub tags: Vec<String>,
    /// The URL segment of each tag, in the same order.
    pub tag_slugs: Vec<String>,
    pub draft: bool,
    pub visibility: Visibility,
    pub template: Option<String>,
    pub menu: Option<i64>,
    pub extra: BTreeMap<String, serde_json::Value>,
    pub rendered: Rendered,
    /// A hash of everything this item's data depends on (its file, the site's
    /// link targets, the build flags): equal versions, equal item.
    pub version: u64,
    /// The model of a roadmap (only for `Kind::Roadmap`).
    pub roadmap: Option<Box<roadmap::Roadmap>>,
}

impl Item {
    /// An item of `kind` for `content/<rel>` at URL `path`, with its kind's
    /// default visibility and nothing else set yet.
    pub fn new(kind: Kind, rel: &str, path: String, title: String) -> Item {
        Item {
            kind,
            rel: rel.to_string(),
            source: Path::new("content").join(rel),
            path,
            title,
            date: None,
            updated: None,
            description: String::new(),
            tags: Vec::new(),
            tag_slugs: Vec::new(),
            draft: false,
            visibility: kind.default_visibility(),
            template: None,
            menu: None,
            extra: BTreeMap::new(),
            rendered: Rendered::default(),
            version: 0,
            roadmap: None,
        }
    }
}

/// A non-markdown file under `content/`, copied beside its page.
#[derive(Debug, Clone)]
pub struct Asset {
    pub rel: String,
    pub abs: PathBuf,
    pub visibility: Visibility,
}

/// Everything the sources say, before any audience is chosen.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// Sorted by `rel`.
    pub items: Vec<Item>,
    pub assets: Vec<Asset>,
    /// Warnings; with `config.keep_going`, also the errors a build stops on.
    pub warnings: Vec<Diagnostic>,
    /// The CV (`content/cv.yaml` or `cv.json`), if the site has one.
    pub cv: Option<cv::Cv>,
    /// Every achievement entry, newest first.
    pub achievements: Vec<achievement::Achievement>,
    /// The achievement files (which may hold no entry yet).
    pub achievement_files: Vec<achievement::LogFile>,
    /// Which assets go public, decided once by [`view::public_assets`].
    pub(crate) public_assets: std::sync::OnceLock<Vec<bool>>,
}

impl Site {
    pub fn items_of(&self, kind: Kind) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(move |i| i.kind == kind)
    }
}

/// A file read and placed, its markdown not yet rendered.
#[derive(Clone)]
struct Placed {
    item: Item,
    text: Arc<str>,
    text_hash: u64,
    body_start: usize,
    body_line: usize,
    roadmap: roadmap::Settings,
}

/// What the cache keeps of one content file between rebuilds.
#[derive(Clone)]
pub struct CachedFile {
    placed: std::result::Result<Placed, Vec<Diagnostic>>,
    /// The markdown key it was rendered with, the result, its diagnostics
    /// and, for a roadmap, its model.
    markdown: Option<CachedMarkdown>,
}

/// A rendered body as the cache keeps it.
type CachedMarkdown = (
    u64,
    Rendered,
    Vec<Diagnostic>,
    Option<Box<roadmap::Roadmap>>,
);

/// The cache of one site's rebuilds.
pub type SiteCache = Cache<CachedFile>;

/// Loads the whole site. Every problem found is returned at once.
pub fn load(config: Config) -> Result<Site> {
    load_cached(config, &SiteCache::disabled(), &Bodies::disabled())
}

/// Loads the site, reusing what `cache` holds for unchanged files (in
/// memory, between rebuilds) and what `bodies` holds (on disk, between
/// builds).
pub fn load_cached(config: Config, cache: &SiteCache, bodies: &Bodies) -> Result<Site> {
    let root = config.root.clone();
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        return Err(Diagnostic::error("no-content", "content", "the content/ folder is missing")
            .hint("create content/ with an _index.md for the home page, or start a new site with `folio init`")
            .into());
    }
    let mut warnings = Vec::new();
    let mut problems = Vec::new();
    let files = timings::phase("walk", || source::walk(&root, &content_dir, &mut warnings))?;
    // File names that cannot be used are errors; the other files go on.
    let (name_errors, walk_warnings): (Vec<_>, Vec<_>) =
        warnings.drain(..).partition(Diagnostic::is_error);
    problems.extend(name_errors);
    warnings.extend(walk_warnings);

    let (markdown, others): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|f| page_files::is_markdown(&f.rel));
    let (cv, cv_diags) = cv::load(&root, &others)?;
    let others: Vec<_> = others
        .into_iter()
        .filter(|f| !DATA_FILES.contains(&f.rel.as_str()))
        .collect();
    // A file meant as a page but not read as one is never copied raw.
    let refused: Vec<Diagnostic> = others
        .iter()
        .filter_map(|f| {
            let display = f.abs.strip_prefix(&root).unwrap_or(&f.abs);
            page_files::refuse_front_matter_asset(&f.abs, display)
        })
        .collect();
    let assets: Vec<Asset> = others
        .into_iter()
        .map(|f| Asset {
            visibility: kind_for(&f.rel, None).default_visibility(),
            rel: f.rel,
            abs: f.abs,
        })
        .collect();

    let placed = timings::phase("read front matter", || place_all(&root, &markdown, cache))?;
    cache.finish_load(&markdown.iter().map(|f| f.rel.as_str()).collect());
    problems.extend(refused);
    let mut items = Vec::new();
    for (p, file) in placed.into_iter().zip(&markdown) {
        match p {
            Ok(p) => items.push(p),
            Err(d) => {
                problems.extend(d);
                if config.keep_going {
                    items.extend(lenient::placeholder(&root, file)?);
                }
            }
        }
    }
    let (cv_errors, cv_warnings): (Vec<_>, Vec<_>) =
        cv_diags.into_iter().partition(Diagnostic::is_error);
    problems.extend(cv_errors);
    warnings.extend(cv_warnings);
    let (logs, items): (Vec<_>, Vec<_>) = items
        .into_iter()
        .partition(|p| p.item.kind == Kind::Achievement);
    problems.extend(achievement::path_clashes(
        &items,
        cv.is_some(),
        !logs.is_empty(),
    ));
    problems.extend(duplicate_paths(&items));
    if !problems.is_empty() && !config.keep_going {
        return Err(Error::Content(problems));
    }

    let targets: HashMap<String, LinkTarget> = items
        .iter()
        .map(|p| {
            let target = LinkTarget {
                path: p.item.path.clone(),
                seen: view::seen(p.item.visibility, p.item.draft, config.drafts),
                draft: p.item.draft,
                title: p.item.title.clone(),
            };
            (p.item.rel.clone(), target)
        })
        .chain(achievement::link_targets(&logs, config.drafts))
        .chain(assets.iter().map(|a| {
            // Assets are link targets too: `![](diagram.svg)` beside a page
            // must point from the page's URL to the copied file.
            let target = LinkTarget {
                path: a.rel.clone(),
                seen: view::seen(a.visibility, false, config.drafts),
                draft: false,
                title: a.rel.clone(),
            };
            (a.rel.clone(), target)
        }))
        .collect();
    // Every link target, in a stable order: a change to any of them may
    // change how a body's links render.
    let targets_version = {
        let mut all: Vec<_> = targets
            .iter()
            .map(|(rel, t)| (rel, &t.path, t.seen, t.draft, &t.title))
            .collect();
        all.sort();
        hash_of(&all)
    };
    let stores = Stores { cache, bodies };
    let results: Vec<(Item, Vec<Diagnostic>)> = timings::phase("render markdown", || {
        items
            .into_par_iter()
            .map(|p| render_body(p, &config, &targets, targets_version, &stores))
            .collect()
    });
    let mut items = Vec::with_capacity(results.len());
    for (item, diags) in results {
        for d in diags {
            if d.is_error() {
                problems.push(d);
            } else {
                warnings.push(d);
            }
        }
        items.push(item);
    }
    let (achievements, diags) =
        achievement::load(&logs, &targets, &items, cv.as_ref(), config.drafts);
    for d in diags {
        if d.is_error() {
            problems.push(d);
        } else {
            warnings.push(d);
        }
    }
    if config.keep_going {
        warnings.append(&mut problems);
    }
    if !problems.is_empty() {
        problems.extend(warnings);
        return Err(Error::Content(problems));
    }
    items.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(Site {
        config,
        items,
        assets,
        warnings,
        cv,
        achievements,
        achievement_files: logs.iter().map(achievement::LogFile::of).collect(),
        public_assets: std::sync::OnceLock::new(),
    })
}

/// Where a rendered body may come from besides rendering it.
struct Stores<'a> {
    /// In memory, between rebuilds of a watched site.
    cache: &'a SiteCache,
    /// On disk, between builds.
    bodies: &'a Bodies,
}

/// Renders one placed file's body (or reuses it), giving the finished item
/// and the body's diagnostics.
fn render_body(
    mut p: Placed,
    config: &Config,
    targets: &HashMap<String, LinkTarget>,
    targets_version: u64,
    stores: &Stores,
) -> (Item, Vec<Diagnostic>) {
    // Everything the rendered body depends on.
    // (Roadmaps also depend on "today", for overdue objectives.)
    let key = hash_of(&(
        p.text_hash,
        &p.item.rel,
        targets_version,
        config.drafts,
        config.today,
    ));
    p.item.version = key;
    // The previous render of this file, if any: reused whole when its key
    // matches, else for its highlighted code blocks.
    let mut previous = None;
    if let Some(entry) = stores.cache.entry(&p.item.rel)
        && let Some((k, rendered, diags, roadmap)) = &entry.markdown
    {
        if *k == key {
            p.item.rendered = rendered.clone();
            p.item.roadmap = roadmap.clone();
            return (p.item, diags.clone());
        }
        previous = Some(rendered.clone());
    }
    // Roadmaps are never stored on disk: their model is rebuilt from the body.
    let storable = p.item.kind != Kind::Roadmap;
    if storable {
        match stores.bodies.get(&p.item.rel, key) {
            Lookup::Hit(rendered) => {
                stores.cache.update_file(&p.item.rel, |entry| {
                    entry.markdown = Some((key, rendered.clone(), Vec::new(), None));
                });
                p.item.rendered = rendered;
                return (p.item, Vec::new());
            }
            Lookup::Stale(stale) => previous = previous.or(Some(stale)),
            Lookup::Miss => {}
        }
    }
    let reuse = previous.as_ref().map(Reuse::of);
    let ctx = markdown::Context {
        source: &p.item.source,
        rel: &p.item.rel,
        page_path: &p.item.path,
        seen: view::seen(p.item.visibility, p.item.draft, config.drafts),
        file_text: &p.text,
        body_line: p.body_line,
        targets,
        reuse: reuse.as_ref(),
    };
    let body = &p.text[p.body_start..];
    let (rendered, diags) = if p.item.kind == Kind::Roadmap {
        let (model, rendered, diags) = roadmap::load(body, &ctx, &p.roadmap, config.today);
        p.item.roadmap = Some(Box::new(model));
        (rendered, diags)
    } else {
        markdown::render(body, &ctx)
    };
    stores.cache.update_file(&p.item.rel, |entry| {
        entry.markdown = Some((key, rendered.clone(), diags.clone(), p.item.roadmap.clone()));
    });
    if storable && diags.is_empty() {
        stores.bodies.put(&p.item.rel, key, &rendered);
    }
    p.item.rendered = rendered;
    (p.item, diags)
}

/// Reads and places every markdown file (in parallel), reusing unchanged ones.
fn place_all(
    root: &Path,
    markdown: &[source::SourceFile],
    cache: &SiteCache,
) -> Result<Vec<std::result::Result<Placed, Vec<Diagnostic>>>> {
    markdown
        .par_iter()
        .map(|f| {
            let stamp = Stamp::of(&f.abs);
            if let Some(entry) = cache.file(&f.rel, &f.abs, stamp) {
                return Ok(entry.placed.clone());
            }
            let placed = place(root, f)?;
            let entry = CachedFile {
                placed: placed.clone(),
                markdown: None,
            };
            cache.store_file(&f.rel, stamp, entry);
            Ok(placed)
        })
        .collect()
}

pub(crate) fn kind_for(rel: &str, declared: Option<&str>) -> Kind {
    match declared {
        Some("roadmap") => return Kind::Roadmap,
        Some("achievement" | "achievements") => return Kind::Achievement,
        Some("article") => return Kind::Article,
        Some("page") => return Kind::Page,
        _ => {}
    }
    if matches!(page_files::stem(rel), "_index" | "index") {
        return Kind::Home;
    }
    match rel.split('/').next() {
        Some("articles") if rel.contains('/') => Kind::Article,
        Some("roadmaps") if rel.contains('/') => Kind::Roadmap,
        Some("achievements") if rel.contains('/') => Kind::Achievement,
        _ => Kind::Page,
    }
}

/// Reads one markdown file, its front matter, and its place in the site.
fn place(
    root: &Path,
    file: &source::SourceFile,
) -> Result<std::result::Result<Placed, Vec<Diagnostic>>> {
    let display = file
        .abs
        .strip_prefix(root)
        .unwrap_or(&file.abs)
        .to_path_buf();
    let bytes = match std::fs::read(&file.abs) {
        Ok(b) => b,
        Err(e) => return Ok(Err(vec![source::unreadable(&display, &e)])),
    };
    let text = match source::decode(&display, bytes) {
        Ok(t) => t,
        Err(d) => return Ok(Err(vec![d])),
    };
    Ok(place_text(display, &file.rel, text))
}

/// [`place`] for a file already read and decoded.
fn place_text(
    display: PathBuf,
    rel: &str,
    text: String,
) -> std::result::Result<Placed, Vec<Diagnostic>> {
    let split = match frontmatter::split(&display, &text) {
        Ok(s) => s,
        Err(d) => return Err(vec![d]),
    };
    let fm = frontmatter::parse(&display, &text, split.yaml)?;
    let mut body_start = text.len() - split.body.len();
    let mut body_line = split.body_line;
    let kind = kind_for(rel, fm.kind.as_deref());
    let roadmap = roadmap::Settings {
        start: fm.start,
        date: fm.date,
        public_items: fm.public_items,
        priority: fm.priority.clone(),
    };
    let path = match url_path(rel, kind, fm.slug.as_ref()) {
        Ok(p) => p,
        Err(msg) => {
            let line = fm.slug.as_ref().map_or(1, |(_, l)| *l);
            return Err(vec![
                Diagnostic::error("slug", &display, msg)
                    .at_in(&text, line, 1)
                    .hint("a slug is one path segment of letters, digits and dashes, e.g. slug: my-page"),
            ]);
        }
    };
    // A leading `# Title` is the page's title, shown by the template: it is
    // not repeated in the body unless the front matter names another title.
    let leading = leading_h1(split.body);
    let title = match (fm.title.clone(), leading) {
        (Some(t), Some((h1, skip))) if same_title(&t, &h1) => {
            body_start += skip;
            body_line += split.body[..skip].matches('\n').count();
            t
        }
        (Some(t), _) => t,
        (None, Some((h1, skip))) => {
            body_start += skip;
            body_line += split.body[..skip].matches('\n').count();
            h1
        }
        (None, None) => title_from_file(rel),
    };
    // A tag written twice (or as `Rust` and `rust`) is one tag, shown once.
    let mut tags = Vec::new();
    let mut tag_slugs = Vec::new();
    for tag in fm.tags {
        let slug = crate::slug::tag_slug(&tag);
        if !tag_slugs.contains(&slug) {
            tag_slugs.push(slug);
            tags.push(tag);
        }
    }
    let item = Item {
        kind,
        rel: rel.to_string(),
        source: display,
        path,
        title,
        date: fm.date,
        updated: fm.updated,
        description: fm.description.unwrap_or_default(),
        tag_slugs,
        tags,
        draft: fm.draft,
        visibility: fm.visibility.unwrap_or_else(|| kind.default_visibility()),
        template: fm.template,
        menu: fm.menu,
        extra: fm.extra,
        rendered: Rendered::default(),
        version: 0,
        roadmap: None,
    };
    Ok(Placed {
        item,
        text_hash: hash_bytes(text.as_bytes()),
        text: text.into(),
        body_start,
        body_line,
        roadmap,
    })
}

/// The URL path of a content file: `articles/x.md` → `articles/x/`,
/// `about/_index.md` → `about/`, with `slug` replacing the last segment.
fn url_path(
    rel: &str,
    kind: Kind,
    slug: Option<&(String, usize)>,
) -> std::result::Result<String, String> {
    if kind == Kind::Home && slug.is_none() {
        return Ok(String::new());
    }
    let stem = page_files::stem(rel);
    let mut segments: Vec<String> = stem.split('/').map(slugify).collect();
    let last_is_index = matches!(stem.rsplit('/').next(), Some("_index" | "index"));
    if last_is_index {
        segments.pop();
    }
    if let Some((slug, _)) = slug {
        let s = slug.trim();
        if s.is_empty()
            || s.contains(['/', '\\'])
            || s.split('.').all(str::is_empty)
            || s.contains("..")
        {
            return Err(format!(
                "slug `{slug}` is not a single path segment (it would leave its folder)"
            ));
        }
        let s = slugify(s);
        if s.is_empty() {
            return Err(format!("slug `{slug}` has no letters or digits"));
        }
        match segments.last_mut() {
            Some(last) if !last_is_index => *last = s,
            _ => segments.push(s),
        }
    }
    if segments.iter().any(String::is_empty) {
        return Err(format!("the file name `{rel}` gives an empty URL segment"));
    }
    Ok(segments.iter().map(|s| format!("{s}/")).collect())
}

fn duplicate_paths(items: &[Placed]) -> Vec<Diagnostic> {
    let reserved = ["articles/", "tags/", "dashboard/"];
    let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
    let mut problems = Vec::new();
    for p in items {
        let path = p.item.path.as_str();
        if reserved.contains(&path)
            || path.starts_with("tags/")
            || path.starts_with("articles/page/")
        {
            problems.push(
                Diagnostic::error(
                    "duplicate-path",
                    &p.item.source,
                    format!("the URL /{path} is made by folio itself"),
                )
                .hint("rename the file or give it another slug"),
            );
        } else if let Some(other) = seen.insert(path, &p.item.source) {
            problems.push(
                Diagnostic::error(
                    "duplicate-path",
                    &p.item.source,
                    format!("same URL /{path} as {}", other.display()),
                )
                .hint("rename one of the files or give it a `slug:`"),
            );
        }
    }
    problems
}

/// A `# Heading` opening the body (after blank lines): its text, and how
/// many bytes of the body it spans.
fn leading_h1(body: &str) -> Option<(String, usize)> {
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let text = trimmed.strip_prefix("# ")?.trim().trim_matches('*').trim();
        return (!text.is_empty()).then(|| (text.to_string(), offset));
    }
    None
}

fn same_title(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

fn title_from_file(rel: &str) -> String {
    let stem = rel.rsplit('/').next().unwrap_or(rel);
    let stem = page_files::stem(stem);
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "Untitled".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_folders_or_front_matter() {
        assert_eq!(kind_for("_index.md", None), Kind::Home);
        assert_eq!(kind_for("articles/a.md", None), Kind::Article);
        assert_eq!(kind_for("roadmaps/a.md", None), Kind::Roadmap);
        assert_eq!(kind_for("achievements/log.md", None), Kind::Achievement);
        assert_eq!(kind_for("about.md", None), Kind::Page);
        assert_eq!(kind_for("notes/plan.md", Some("roadmap")), Kind::Roadmap);
    }

    #[test]
    fn url_paths_follow_files_and_slugs() {
        assert_eq!(
            url_path("articles/My Post.md", Kind::Article, None).unwrap(),
            "articles/my-post/"
        );
        assert_eq!(
            url_path("about/_index.md", Kind::Page, None).unwrap(),
            "about/"
        );
        assert_eq!(url_path("_index.md", Kind::Home, None).unwrap(), "");
        let slug = ("Hello World".to_string(), 2);
        assert_eq!(
            url_path("articles/x.md", Kind::Article, Some(&slug)).unwrap(),
            "articles/hello-world/"
        );
    }

    #[test]
    fn slugs_that_leave_their_folder_are_refused() {
        for bad in ["../../x", "a/b", "..", ".", "", "..\\x"] {
            let slug = (bad.to_string(), 2);
            assert!(
                url_path("articles/x.md", Kind::Article, Some(&slug)).is_err(),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn titles_fall_back_to_heading_then_file_name() {
        assert_eq!(
            leading_h1("\n# **The Plan**\nbody\n"),
            Some(("The Plan".to_string(), 16))
        );
        assert_eq!(leading_h1("intro\n# Later\n"), None);
        assert_eq!(title_from_file("roadmaps/growth-plan.md"), "Growth plan");
    }
}
