//! The pipeline, start to end: load → view per audience → render → write.
//!
//! [`render_site`] stops before the disk so `serve` and tests can use the
//! outputs in memory; [`build`] renders, checks and writes one site at a
//! time beside its folder, and swaps both in only when both passed. With
//! `[private] encrypt`, [`build`] renders both, then seals the private site
//! ([`crate::crypt`]) before writing. The build cache
//! ([`crate::build_cache`]) lets a build skip what has not changed.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::build_cache::bodies::{Bodies, Place};
use crate::build_cache::unchanged;
use crate::config::Config;
use crate::content::view::Audience;
use crate::content::{self, Site, SiteCache};
use crate::crypt;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::highlight;
use crate::images;
use crate::links;
use crate::markdown::{Body, Spill};
use crate::output::{self, Retired, Staged};
use crate::render::{self, Theme};
use crate::timings;

pub use crate::render::Rendered;

/// What a finished build reports.
pub struct Report {
    pub public_pages: usize,
    pub private_pages: usize,
    /// Pages and achievement files left out for being drafts.
    pub drafts: usize,
    /// The private site was written encrypted.
    pub private_encrypted: bool,
    /// Nothing changed since the last build: the outputs were left as they were.
    pub unchanged: bool,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

/// What the summary line of `build`, `serve` and `watch` says of the drafts
/// left out: nothing when there are none.
pub fn drafts_note(drafts: usize) -> String {
    match drafts {
        0 => String::new(),
        1 => "; 1 draft skipped (--drafts includes it)".to_string(),
        n => format!("; {n} drafts skipped (--drafts includes them)"),
    }
}

/// Loads the site and renders both audiences.
pub fn render_site(config: Config) -> Result<Rendered> {
    render_site_cached(config, &SiteCache::disabled(), &Bodies::disabled())
}

/// Like [`render_site`], reusing what `cache` holds from earlier rebuilds
/// and `bodies` from earlier builds.
pub fn render_site_cached(config: Config, cache: &SiteCache, bodies: &Bodies) -> Result<Rendered> {
    let Loaded {
        site,
        theme,
        syntax_css,
        warnings,
    } = load(config, cache, bodies)?;
    let images = images::Store::new(&site.config.root, bodies.enabled());
    let render = |audience| {
        let mut out = render::render_cached(&site.view(audience), &theme, &syntax_css, cache)?;
        let notes = timings::phase("images", || {
            images::responsive_cached(&mut out, &images, cache, audience)
        });
        Ok::<_, Error>((out, notes))
    };
    let (public, private) = timings::phase("render both sites", || {
        rayon::join(|| render(Audience::Public), || render(Audience::Private))
    });
    let ((public, notes), (private, more)) = (public?, private?);
    let mut warnings = warnings;
    images::merge_warnings(&mut warnings, [notes, more]);
    Ok(Rendered {
        public,
        private,
        warnings,
        site,
    })
}

/// A site loaded and ready to render.
struct Loaded {
    site: Site,
    theme: Theme,
    syntax_css: String,
    /// The theme's, the content's and the LinkedIn texts' warnings.
    warnings: Vec<Diagnostic>,
}

/// Loads the theme and the content. When either has errors, every error
/// of both is returned, with the link errors of the pages that did load
/// ([`every_error`]).
fn load(config: Config, cache: &SiteCache, bodies: &Bodies) -> Result<Loaded> {
    // The accent colour's contrast warnings ([`crate::config::theme`]).
    let mut warnings = config.theme_warnings.clone();
    let theme = timings::phase("theme", || Theme::load(&config, &mut warnings));
    let site = timings::phase("load content", || {
        content::load_cached(config.clone(), cache, bodies)
    });
    let (theme, mut site) = match (theme, site) {
        (Ok(theme), Ok(site)) => (theme, site),
        (Err(e), _) | (_, Err(e)) if !matches!(e, Error::Content(_)) => return Err(e),
        (theme, site) => return Err(every_error(config, theme, site)),
    };
    // Dates the roadmaps leave open, from git (issue 16); before the
    // content's warnings are taken, since a start from history answers
    // the missing-start warning. Its note (no history to read) is for
    // builds; `check` reports problems only.
    let cache = bodies.enabled();
    let note = timings::phase("history", || {
        crate::history::apply_to_site(&mut site, cache)
    });
    warnings.extend(site.warnings.iter().cloned());
    warnings.extend(crate::export::linkedin::warnings_for(&site));
    warnings.extend(note.filter(|_| !site.config.keep_going));
    let syntax_css = syntax_css(&site)?;
    Ok(Loaded {
        site,
        theme,
        syntax_css,
        warnings,
    })
}

/// Every error of a site whose theme or content did not load: the theme's
/// errors, and the content loaded again past its errors
/// ([`Config::keep_going`]), as `folio check` does, for the errors of every
/// page and, when the theme loaded, the link errors of both sites rendered
/// in memory. A page that did not load stands in with empty front matter,
/// so links to it are not reported as broken. Nothing here is written.
fn every_error(mut config: Config, theme: Result<Theme>, site: Result<Site>) -> Error {
    let mut errors = Vec::new();
    if let Err(Error::Content(d)) = &theme {
        errors.extend(d.iter().cloned());
    }
    config.keep_going = true;
    let past_errors = timings::phase("load past errors", || {
        content::load_cached(config, &SiteCache::disabled(), &Bodies::disabled())
    });
    let Ok(past_errors) = past_errors else {
        if let Err(Error::Content(d)) = site {
            errors.extend(d);
        }
        return Error::Content(errors);
    };
    // With `keep_going`, the content's errors are among its warnings.
    errors.extend(past_errors.warnings.iter().cloned());
    if let Ok(theme) = theme
        && let Ok(links) = link_errors(past_errors, &theme)
    {
        errors.extend(links);
    }
    // Each error once (a page in both sites has its link errors in both),
    // errors first.
    match links::refuse(Vec::new(), &errors) {
        Err(e) => e,
        Ok(()) => Error::Content(errors),
    }
}

/// The link errors of both sites of `site` rendered in memory, past those
/// loading it found.
fn link_errors(site: Site, theme: &Theme) -> Result<Vec<Diagnostic>> {
    let syntax_css = syntax_css(&site)?;
    let render = |audience| {
        render::render_cached(
            &site.view(audience),
            theme,
            &syntax_css,
            &SiteCache::disabled(),
        )
    };
    let (public, private) = timings::phase("render past errors", || {
        rayon::join(|| render(Audience::Public), || render(Audience::Private))
    });
    let rendered = Rendered {
        public: public?,
        private: private?,
        warnings: site.warnings.clone(),
        site,
    };
    Ok(links::link_errors(&rendered))
}

/// The full build: render both sites, check them, then swap them in. With
/// `use_cache`, the persisted build cache ([`crate::build_cache`]) is read
/// and written: a build with nothing changed since the last one only checks
/// that, and markdown bodies and code blocks are reused.
pub fn build(mut config: Config, use_cache: bool) -> Result<Report> {
    config.pdf_cache = use_cache;
    // With `[private] encrypt`, the key is derived (slow by design) while
    // the sites render, and the private site is sealed before it is written.
    // The clock starts after the passphrase, which may be typed.
    let pending = crypt::Pending::prepare(&config)?;
    let start = Instant::now();
    // What a killed or crashed build left goes first, even when nothing
    // changed (the caller holds the site's lock, [`crate::site_lock`]).
    output::owned::remove_leftovers(&[&config.output_dir, &config.private_output_dir])?;
    // Hashed before anything is read (or as the loader reads it): an edit
    // made during the build makes the next build a real one.
    let check = use_cache.then(|| timings::phase("hash inputs", || unchanged::check(&config)));
    let inputs = match check {
        Some(unchanged::Check::Unchanged(previous)) => {
            return Ok(Report {
                public_pages: previous.public_pages,
                private_pages: previous.private_pages,
                drafts: previous.drafts,
                private_encrypted: false,
                unchanged: true,
                elapsed: start.elapsed(),
                warnings: previous.warnings,
            });
        }
        Some(unchanged::Check::Build(inputs)) => inputs,
        None => None,
    };
    let mut bodies = if use_cache {
        timings::phase("read cache", || Bodies::open(&config.root))
    } else {
        Bodies::disabled()
    };
    // The bodies wait in a temporary file for their pages, not in memory:
    // memory then grows with the pages' metadata only. Without a
    // temporary folder to write to, they stay in memory.
    if let Ok(spill) = Spill::new() {
        bodies.spill_to(spill);
    }
    let written = match pending {
        None => write_one_site_at_a_time(config, &bodies),
        Some(pending) => write_sealed(config, &bodies, pending),
    };
    timings::note(|| match bodies.spilled() {
        Some(bytes) => format!("sources and bodies spilled: {bytes} bytes to a temporary file"),
        None => "bodies kept in memory: no temporary file".to_string(),
    });
    // A body that could not be read back left its pages without it: that
    // is the error, before any it caused (links into the missing body).
    if let Some(e) = bodies.spill_failure() {
        if let Ok(written) = written {
            written.public.discard();
            written.private.discard();
        }
        return Err(Error::io(
            "read back a page's source or rendered body from a temporary file in",
            std::env::temp_dir(),
            e,
        ));
    }
    let mut written = written?;
    let config = &written.config;
    // What the output folders will hold once swapped in, from what was
    // written (the swap keeps every file's stamp): recorded once the
    // previous outputs are gone, below.
    let record = inputs.and_then(|i| i.finish(&written.read)).map(|inputs| {
        unchanged::forget(config);
        let folders = [
            (config.output_dir.as_path(), written.public.take_written()),
            (
                config.private_output_dir.as_path(),
                written.private.take_written(),
            ),
        ];
        (inputs, folders)
    });
    let retired = swap_in(written.public, written.private)?;
    let mut report = Report {
        public_pages: written.public_pages,
        private_pages: written.private_pages,
        drafts: written.drafts,
        private_encrypted: written.encrypted,
        unchanged: false,
        elapsed: Duration::ZERO,
        warnings: written.warnings,
    };
    // The previous outputs are removed while the cache is written.
    let (removed, ()) = rayon::join(
        || {
            timings::phase("remove old outputs", || {
                let (public, private) = rayon::join(|| retired.0.remove(), || retired.1.remove());
                public.and(private)
            })
        },
        || {
            timings::phase("write cache", || {
                bodies.save();
                if bodies.enabled() {
                    images::store::prune(&config.root);
                }
            })
        },
    );
    removed?;
    // Only now: a file hard-linked from the previous outputs changed
    // stamp when they went.
    if let Some((inputs, mut folders)) = record
        && let Some(outputs) = timings::phase("record outputs", || {
            unchanged::outputs_written(&mut folders)
        })
    {
        unchanged::remember(
            config,
            (inputs, outputs),
            report.public_pages,
            report.private_pages,
            report.drafts,
            &report.warnings,
        );
    }
    report.elapsed = start.elapsed();
    Ok(report)
}

/// Swaps both staged sites in, the public one first. When the private one
/// cannot go in, the public one is put back: a build that cannot finish the
/// swap leaves the previous outputs as they were. A crash between the two
/// swaps leaves a new public and the previous private site, each whole; the
/// nothing-changed record is forgotten before the swap, so the next build
/// writes both again (and removes what this one left beside them).
fn swap_in(public: Staged, private: Staged) -> Result<(Retired, Retired)> {
    let public = match public.commit() {
        Ok(retired) => retired,
        Err(e) => {
            private.discard();
            return Err(e);
        }
    };
    output::crash_point("between-swaps");
    match private.commit() {
        Ok(private) => Ok((public, private)),
        Err(e) => match public.undo() {
            Ok(()) => Err(e),
            Err(undo) => Err(Error::Usage(format!(
                "{e}; putting the previous public site back failed too: {undo}"
            ))),
        },
    }
}

/// Both sites written beside their folders and checked: ready to swap in.
struct Written {
    config: Config,
    public: Staged,
    private: Staged,
    public_pages: usize,
    private_pages: usize,
    drafts: usize,
    warnings: Vec<Diagnostic>,
    encrypted: bool,
    /// Each markdown file the loader read, with the hash of its bytes.
    read: Vec<(PathBuf, u64)>,
}

/// Renders, checks and writes (beside its folder) the private site, frees
/// it, then does the same for the public site. Each page is written as soon
/// as it is rendered and only its links are kept ([`Parts::stage`]), so a
/// site's pages are never all in memory. The build cache is written while
/// the sites render.
fn write_one_site_at_a_time(config: Config, bodies: &Bodies) -> Result<Written> {
    let loaded = load(config, &SiteCache::disabled(), bodies)?;
    edit_point();
    // `FOLIO_TEST_LOSE_SPILL=bodies`: the spill file loses its bytes (as
    // on a full or failing disk), to test that the build says so and keeps
    // the last good output (`=sources`: see `content::load`). Release
    // builds ignore it.
    if cfg!(debug_assertions)
        && std::env::var_os("FOLIO_TEST_LOSE_SPILL").is_some_and(|v| v == "bodies")
    {
        bodies.lose_spill();
    }
    // Every body is rendered: the lines parsed for highlighting go.
    highlight::forget_lines();
    let images = images::Store::new(&loaded.site.config.root, bodies.enabled());
    render_check_write(loaded, &images, bodies)
}

fn render_check_write(loaded: Loaded, images: &images::Store, bodies: &Bodies) -> Result<Written> {
    let Loaded {
        site,
        theme,
        syntax_css,
        mut warnings,
    } = loaded;
    let config = &site.config;
    let parts = Parts {
        site: &site,
        theme: &theme,
        syntax_css: &syntax_css,
        images,
        bodies: &Wanted::new(&site, bodies),
    };
    // The private site first: public pages are checked against its files.
    let private = timings::phase("private site", || {
        parts.stage(
            Audience::Private,
            &config.private_output_dir,
            &HashSet::new(),
        )
    })?;
    let files: HashSet<&str> = private.files.iter().map(String::as_str).collect();
    let public = timings::phase("public site", || {
        parts.stage(Audience::Public, &config.output_dir, &files)
    });
    let public = match public {
        Ok(public) => public,
        Err(e) => {
            private.staged.discard();
            return Err(e);
        }
    };
    images::merge_warnings(&mut warnings, [private.notes, public.notes]);
    let mut errors = public.errors;
    errors.extend(private.errors);
    if let Err(e) = links::refuse(errors, &warnings) {
        public.staged.discard();
        private.staged.discard();
        return Err(e);
    }
    Ok(Written {
        config: config.clone(),
        public: public.staged,
        private: private.staged,
        public_pages: public.pages,
        private_pages: private.pages,
        drafts: site.skipped_drafts(),
        warnings,
        encrypted: false,
        read: site.read,
    })
}

/// What a build renders each site from.
struct Parts<'a> {
    site: &'a Site,
    theme: &'a Theme,
    syntax_css: &'a str,
    images: &'a images::Store,
    bodies: &'a Wanted<'a>,
}

/// The markdown bodies the build cache wants to find in the pages written:
/// each item's body, by the output path of the item's page. A body found
/// verbatim there is stored as its place ([`Place`]), not copied.
struct Wanted<'a> {
    bodies: &'a Bodies,
    /// Output path → (source file, body).
    pages: HashMap<String, (&'a str, &'a Body)>,
}

impl<'a> Wanted<'a> {
    fn new(site: &'a Site, bodies: &'a Bodies) -> Wanted<'a> {
        let pages = if bodies.enabled() {
            bodies.look_in_pages();
            site.items
                .iter()
                .map(|i| {
                    let page = if i.path.ends_with(".html") {
                        i.path.clone()
                    } else {
                        format!("{}index.html", i.path)
                    };
                    (page, (i.rel.as_str(), &i.rendered.html))
                })
                .collect()
        } else {
            HashMap::new()
        };
        Wanted { bodies, pages }
    }

    /// Looks for the body of the page at `path` in its bytes, written into
    /// the folder that becomes `dir`.
    fn look(&self, dir: &Path, path: &str, page: &[u8]) {
        if let Some((rel, body)) = self.pages.get(path)
            && !self.bodies.placed(rel)
            && let Some(place) = Place::find(&dir.join(path), page, &body.text())
        {
            self.bodies.found(rel, place);
        }
    }
}

/// One site written beside its folder, with its link errors.
struct StagedSite {
    staged: Staged,
    /// Every file's path.
    files: Vec<String>,
    pages: usize,
    errors: Vec<Diagnostic>,
    /// The images step's warnings.
    notes: Vec<Diagnostic>,
}

impl StagedSite {
    fn new(
        staged: Staged,
        outputs: &output::Outputs,
        errors: Vec<Diagnostic>,
        notes: Vec<Diagnostic>,
    ) -> StagedSite {
        StagedSite {
            staged,
            files: outputs.iter().map(|(p, _)| p.to_string()).collect(),
            pages: outputs.pages(),
            errors,
            notes,
        }
    }
}

impl Parts<'_> {
    /// Renders the `audience` site and writes it beside `dir`, checking its
    /// links against its own files and `private_files`. A page is written
    /// the moment it is rendered and only its scan is kept, unless it may
    /// show an image (the images step rewrites it first) or `dir` must be
    /// judged on the whole site ([`output::Stream::begin`]).
    fn stage(
        &self,
        audience: Audience,
        dir: &Path,
        private_files: &HashSet<&str>,
    ) -> Result<StagedSite> {
        let Some(stream) = output::Stream::begin(dir)? else {
            return self.stage_whole(audience, dir, private_files);
        };
        // Where the bodies will be once the folder is swapped in.
        let final_dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        let scanned = Mutex::new(Vec::new());
        let texts = links::Texts::default();
        let failed = Mutex::new(None);
        let sink = |path: &str, bytes: Arc<[u8]>| {
            if images::may_have_img(&bytes) {
                return bytes;
            }
            let Some(scan) = links::Scanned::of(path, &bytes, &texts) else {
                return bytes;
            };
            match stream.write(path, &bytes) {
                Ok(()) => {
                    crate::cache::lock(&scanned).push(scan);
                    self.bodies.look(&final_dir, path, &bytes);
                    output::written_elsewhere()
                }
                Err(e) => {
                    crate::cache::lock(&failed).get_or_insert(e);
                    bytes
                }
            }
        };
        let rendered = render::render_streamed(
            &self.site.view(audience),
            self.theme,
            self.syntax_css,
            &SiteCache::disabled(),
            Some(&sink),
        );
        let failed = failed.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut outputs = match (rendered, failed) {
            (Ok(outputs), None) => outputs,
            (Err(e), _) | (_, Some(e)) => {
                stream.discard();
                return Err(e);
            }
        };
        let notes = timings::phase("images", || images::responsive(&mut outputs, self.images));
        let scanned = scanned.into_inner().unwrap_or_else(|e| e.into_inner());
        let folder = stream.folder().to_path_buf();
        let (errors, staged) = rayon::join(
            || {
                timings::phase("check links", || {
                    links::check_audience_streamed(
                        self.site,
                        audience,
                        &outputs,
                        scanned,
                        texts,
                        private_files,
                        |page| std::fs::read(folder.join(page)).ok(),
                    )
                })
            },
            || timings::phase("write the rest", || stream.finish(&outputs)),
        );
        Ok(StagedSite::new(staged?, &outputs, errors, notes))
    }

    /// [`Parts::stage`] with the whole site rendered in memory first.
    fn stage_whole(
        &self,
        audience: Audience,
        dir: &Path,
        private_files: &HashSet<&str>,
    ) -> Result<StagedSite> {
        let mut outputs = render::render_cached(
            &self.site.view(audience),
            self.theme,
            self.syntax_css,
            &SiteCache::disabled(),
        )?;
        let notes = timings::phase("images", || images::responsive(&mut outputs, self.images));
        let (errors, staged) = rayon::join(
            || links::check_audience(self.site, audience, &outputs, private_files),
            || output::stage(dir, &outputs),
        );
        Ok(StagedSite::new(staged?, &outputs, errors, notes))
    }
}

/// With `[private] encrypt`: both sites rendered (while the key is derived)
/// and checked on the plain text, then the private site sealed, then both
/// written beside their folders.
fn write_sealed(config: Config, bodies: &Bodies, pending: crypt::Pending) -> Result<Written> {
    let crypt_warnings = pending.warnings.clone();
    let (sealer, rendered) = rayon::join(
        || pending.derive(),
        || render_site_cached(config, &SiteCache::disabled(), bodies),
    );
    let mut rendered = rendered?;
    timings::phase("check links", || links::refuse_errors(&rendered))?;
    rendered.private = sealer.seal(&rendered.public, &rendered.private)?;
    let config = rendered.site.config.clone();
    let (public, private) = timings::phase("write both beside", || {
        let public = output::stage(&config.output_dir, &rendered.public)?;
        match output::stage(&config.private_output_dir, &rendered.private) {
            Ok(private) => Ok((public, private)),
            Err(e) => {
                public.discard();
                Err(e)
            }
        }
    })?;
    let mut warnings = rendered.warnings;
    warnings.extend(crypt_warnings);
    Ok(Written {
        config,
        public,
        private,
        public_pages: rendered.public.pages(),
        private_pages: rendered.private.pages(),
        drafts: rendered.site.skipped_drafts(),
        warnings,
        encrypted: true,
        read: Vec::new(),
    })
}

/// A test hook: a debug build of folio appends a line to the file named by
/// `FOLIO_TEST_EDIT_AFTER_LOAD` once the content is read, as an editor
/// saving while a build runs would, to test that the next build sees the
/// edit. Release builds ignore it.
fn edit_point() {
    if cfg!(debug_assertions)
        && let Some(path) = std::env::var_os("FOLIO_TEST_EDIT_AFTER_LOAD")
    {
        use std::io::Write;
        let appended = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .and_then(|mut f| f.write_all(b"\nEdited while the build ran.\n"));
        if let Err(e) = appended {
            eprintln!("FOLIO_TEST_EDIT_AFTER_LOAD: {e}");
        }
    }
}

/// The code stylesheet; the theme set is only loaded when a page has code.
fn syntax_css(site: &Site) -> Result<String> {
    if !site.items.iter().any(|i| i.rendered.has_code) {
        return Ok("/* No code blocks on this site. Generated by folio. */\n".to_string());
    }
    let c = &site.config;
    highlight::stylesheet(&c.highlight_theme, &c.highlight_theme_dark).map_err(|msg| {
        Error::from(
            Diagnostic::error("config", crate::config::CONFIG_FILE, msg)
                .hint("set highlight_theme / highlight_theme_dark to one of the known themes"),
        )
    })
}
