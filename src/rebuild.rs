//! One rebuild of a watched site: reload the config, render both sites in
//! memory, and compare with the last good render. Shared by `folio watch`
//! (which writes the difference to disk) and `folio serve` (which serves it).
//!
//! A failed rebuild keeps the last good outputs; nothing here writes files.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::build::{self, Rendered};
use crate::build_cache::bodies::Bodies;
use crate::config::{Config, Overrides};
use crate::content::SiteCache;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::output::{Diff, Outputs};

/// Keeps the last good render of a site and rebuilds it on demand.
pub struct Rebuilder {
    root: PathBuf,
    /// `root` made absolute, as the loader names files: the watcher's
    /// paths are marked dirty under it.
    abs_root: PathBuf,
    overrides: Overrides,
    /// Applied to every config load (serve sets the local addresses).
    adjust: Box<dyn Fn(&mut Config) + Send>,
    last: Option<Rendered>,
    /// What the next rebuild may reuse.
    cache: SiteCache,
    /// What the link check may reuse.
    links: crate::links::LinkMemo,
    /// Whether `links` was last brought up to `last` (or to nothing, before
    /// the first render): then the diffs from `last` are all it needs to
    /// look at. A render the check refused leaves it ahead of `last`.
    links_at_last: bool,
}

/// The result of a successful rebuild.
pub struct Rebuilt {
    /// The output folders of the config this rebuild used.
    pub output_dirs: (PathBuf, PathBuf),
    /// The config this rebuild used.
    pub config: Config,
    pub public: Diff,
    pub private: Diff,
    /// Pages rendered again (the others were reused unchanged).
    pub rendered: usize,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
    /// Pages and achievement files left out for being drafts.
    pub drafts: usize,
}

impl Rebuilt {
    /// HTML pages that changed in either site.
    pub fn pages(&self) -> usize {
        self.public.pages() + self.private.pages()
    }

    /// The line printed after a rebuild.
    pub fn summary(&self, what: &str) -> String {
        format!(
            "rebuilt ({what}): {} re-rendered, {} changed, in {} ms{}",
            crate::error::count(self.rendered, "page"),
            self.pages(),
            self.elapsed.as_millis(),
            build::drafts_note(self.drafts)
        )
    }

    pub fn is_empty(&self) -> bool {
        self.public.is_empty() && self.private.is_empty()
    }

    /// Only stylesheets changed.
    pub fn css_only(&self) -> bool {
        !self.is_empty()
            && (self.public.is_empty() || self.public.css_only())
            && (self.private.is_empty() || self.private.css_only())
    }
}

impl Rebuilder {
    pub fn new(
        root: PathBuf,
        overrides: Overrides,
        adjust: Box<dyn Fn(&mut Config) + Send>,
    ) -> Self {
        Rebuilder {
            abs_root: std::path::absolute(&root).unwrap_or_else(|_| root.clone()),
            root,
            overrides,
            adjust,
            last: None,
            cache: SiteCache::new(),
            links: Default::default(),
            links_at_last: true,
        }
    }

    /// The config as a rebuild would use it now.
    pub fn config(&self) -> Result<Config> {
        let mut config = Config::load(&self.root, &self.overrides)?;
        (self.adjust)(&mut config);
        Ok(config)
    }

    /// Rebuilds after `changed` (paths relative to the site root, as the
    /// watcher saw them); on success the new render becomes the last good one.
    pub fn rebuild(&mut self, changed: &BTreeSet<PathBuf>) -> Result<Rebuilt> {
        let start = Instant::now();
        self.cache
            .mark_dirty(changed.iter().map(|p| self.abs_root.join(p)));
        let config = self.config()?;
        let output_dirs = (config.output_dir.clone(), config.private_output_dir.clone());
        let used = config.clone();
        // The first build of a session starts from the persisted cache.
        let bodies = match self.last {
            None => Bodies::open(&config.root),
            Some(_) => Bodies::disabled(),
        };
        let rendered = build::render_site_cached(config, &self.cache, &bodies)?;
        let empty = Outputs::default();
        let (old_public, old_private) = match &self.last {
            Some(last) => (&last.public, &last.private),
            None => (&empty, &empty),
        };
        let public = Diff::between(old_public, &rendered.public);
        let private = Diff::between(old_private, &rendered.private);
        // The same checks as `folio build`: a broken link made by a template
        // is refused here too, so watch never writes it and serve shows it.
        let changes = self.links_at_last.then_some([&public, &private]);
        self.links_at_last = false;
        crate::links::refuse_errors_incremental(&rendered, &mut self.links, changes)?;
        self.links_at_last = true;
        let rebuilt = Rebuilt {
            output_dirs,
            config: used,
            public,
            private,
            rendered: self.cache.take_rendered(),
            elapsed: start.elapsed(),
            warnings: rendered.warnings.clone(),
            drafts: rendered.site.skipped_drafts(),
        };
        // Freeing the previous render (two sites' outputs and the model)
        // is work the caller need not wait for: it writes the diff first.
        if let Some(old) = self.last.replace(rendered) {
            drop_later(old);
        }
        save_bodies(&rebuilt.config.root, &bodies);
        Ok(rebuilt)
    }

    /// The last good render, if any.
    pub fn last(&self) -> Option<&Rendered> {
        self.last.as_ref()
    }
}

/// Drops `value` on another thread; when no thread can be started, the
/// closure that holds it is dropped here instead.
fn drop_later<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("folio-drop".into())
        .spawn(move || drop(value));
}

/// Writes the bodies cache under the site's lock ([`crate::site_lock`]),
/// or not at all when another folio holds it: the cache is only an
/// optimisation, and waiting would hold up the rebuild.
fn save_bodies(root: &std::path::Path, bodies: &Bodies) {
    if let Ok(Some(_lock)) = crate::site_lock::SiteLock::try_acquire(root, "folio serve or watch") {
        bodies.save();
    }
}

/// The diagnostics of a failed rebuild, for the terminal and the overlay.
pub fn diagnostics(e: &Error) -> Vec<Diagnostic> {
    match e {
        Error::Content(d) => d.clone(),
        other => vec![Diagnostic::error(
            "build",
            PathBuf::from("."),
            other.to_string(),
        )],
    }
}
