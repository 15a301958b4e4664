//! The typed model of a site and its loading: walk `content/`, split and read
//! front matter, place every file at its URL path, then render each body's
//! markdown once with links between files resolved.
//!
//! Loading decides *what* exists; [`view`] decides *who sees it*.
//!
//! This root owns the model types ([`Site`], [`Item`], [`Kind`], [`Asset`])
//! and the cache entry; `load.rs` owns the whole-site walk and rendering,
//! `place.rs` one file's kind, title and URL path.

pub mod achievement;
pub mod advances;
pub mod aliases;
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

mod dated;
mod load;
mod place;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use frontmatter::Visibility;
pub use load::{load, load_cached};
pub(crate) use place::kind_for;

use crate::cache::Cache;
use crate::config::Config;
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::markdown::{Body, Rendered};

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
    /// Old URLs that redirect here (`aliases`, `redirect_from`).
    pub aliases: Vec<aliases::Alias>,
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
            aliases: Vec::new(),
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
    /// Each markdown file read, by absolute path, with the hash of its
    /// bytes (a build's record of its inputs takes them from here).
    pub read: Vec<(PathBuf, u64)>,
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
    /// The file's text: in memory, or, while `folio build` waits to render
    /// it, spilled ([`Bodies::keep_source`](crate::build_cache::bodies::Bodies::keep_source)).
    text: Body,
    /// A hash of the file's bytes as read (before decoding), or of the text
    /// when it was not read from a file: the build's record of its inputs
    /// takes it for the file ([`Site::read`]).
    text_hash: u64,
    body_start: usize,
    body_line: usize,
    roadmap: roadmap::Settings,
}

impl Placed {
    /// The file's text, read back when it was spilled.
    fn text(&self) -> std::borrow::Cow<'_, str> {
        self.text.text()
    }
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
