//! The pipeline, start to end: load → view per audience → render → write.
//!
//! [`render_site`] stops before the disk so `serve` and tests can use the
//! outputs in memory; [`build`] writes both folders atomically, and only when
//! both sites rendered without error. With `[private] encrypt`, [`build`]
//! seals the private site ([`crate::crypt`]) between render and write.

use std::time::{Duration, Instant};

use crate::build_cache::bodies::Bodies;
use crate::build_cache::unchanged;
use crate::config::Config;
use crate::content::view::Audience;
use crate::content::{self, Site, SiteCache};
use crate::crypt;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::highlight;
use crate::output::{self, Outputs, Staged};
use crate::render::{self, Theme};
use crate::timings;

/// Both sites, rendered in memory.
pub struct Rendered {
    pub public: Outputs,
    pub private: Outputs,
    pub warnings: Vec<Diagnostic>,
    /// The model both sites were rendered from (for `check`).
    pub site: Site,
}

/// What a finished build reports.
pub struct Report {
    pub public_pages: usize,
    pub private_pages: usize,
    /// The private site was written encrypted.
    pub private_encrypted: bool,
    /// Nothing changed since the last build: the outputs were left as they were.
    pub unchanged: bool,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

/// Loads the site and renders both audiences.
pub fn render_site(config: Config) -> Result<Rendered> {
    render_site_cached(config, &SiteCache::disabled(), &Bodies::disabled())
}

/// Like [`render_site`], reusing what `cache` holds from earlier rebuilds
/// and `bodies` from earlier builds.
pub fn render_site_cached(config: Config, cache: &SiteCache, bodies: &Bodies) -> Result<Rendered> {
    let mut warnings = Vec::new();
    let theme = timings::phase("theme", || Theme::load(&config, &mut warnings))?;
    let site = timings::phase("load content", || {
        content::load_cached(config, cache, bodies)
    })?;
    warnings.extend(site.warnings.iter().cloned());
    warnings.extend(crate::export::linkedin::warnings_for(&site));
    let syntax_css = syntax_css(&site)?;
    let (public, private) = timings::phase("render both sites", || {
        rayon::join(
            || render::render_cached(&site.view(Audience::Public), &theme, &syntax_css, cache),
            || render::render_cached(&site.view(Audience::Private), &theme, &syntax_css, cache),
        )
    });
    Ok(Rendered {
        public: public?,
        private: private?,
        warnings,
        site,
    })
}

/// The full build: render both sites, then write them atomically. With
/// `use_cache`, the persisted build cache ([`crate::build_cache`]) is read
/// and written: a build with nothing changed since the last one only checks
/// that, and markdown bodies and code blocks are reused.
pub fn build(config: Config, use_cache: bool) -> Result<Report> {
    // With `[private] encrypt`, the key is derived (slow by design) while
    // the sites render, and the private site is sealed before it is written.
    // The clock starts after the passphrase, which may be typed.
    let pending = crypt::Pending::prepare(&config)?;
    let start = Instant::now();
    // Hashed before anything is read: an edit made during the build makes
    // the next build a real one.
    let inputs = use_cache
        .then(|| timings::phase("hash inputs", || unchanged::inputs(&config)))
        .flatten();
    if let Some(previous) = inputs.and_then(|i| unchanged::unchanged(&config, i)) {
        return Ok(Report {
            public_pages: previous.public_pages,
            private_pages: previous.private_pages,
            private_encrypted: false,
            unchanged: true,
            elapsed: start.elapsed(),
            warnings: previous.warnings,
        });
    }
    let bodies = if use_cache {
        timings::phase("read cache", || Bodies::open(&config.root))
    } else {
        Bodies::disabled()
    };
    let crypt_warnings = pending.as_ref().map(|p| p.warnings.clone());
    let (sealer, rendered) = rayon::join(
        || pending.map(crypt::Pending::derive),
        || render_site_cached(config, &SiteCache::disabled(), &bodies),
    );
    let mut rendered = rendered?;
    let config = rendered.site.config.clone();
    let staged = match &sealer {
        // The links are checked while the sites are written beside their
        // folders; they are swapped in only if the check passes.
        None => {
            let (checked, staged) = rayon::join(
                || timings::phase("check links", || crate::check::refuse_errors(&rendered)),
                || timings::phase("stage outputs", || stage_both(&config, &rendered)),
            );
            match (checked, staged) {
                (Ok(()), staged) => staged?,
                (Err(e), staged) => {
                    if let Ok((public, private)) = staged {
                        public.discard();
                        private.discard();
                    }
                    return Err(e);
                }
            }
        }
        // Checked on the plain text, before the private site is sealed.
        Some(sealer) => {
            timings::phase("check links", || crate::check::refuse_errors(&rendered))?;
            rendered.private = sealer.seal(&rendered.public, &rendered.private)?;
            stage_both(&config, &rendered)?
        }
    };
    rendered
        .warnings
        .extend(crypt_warnings.into_iter().flatten());
    if inputs.is_some() {
        unchanged::forget(&config);
    }
    let (public, private) = staged;
    let retired = match public.commit() {
        Ok(old_public) => (old_public, private.commit()?),
        Err(e) => {
            private.discard();
            return Err(e);
        }
    };
    let mut report = Report {
        public_pages: rendered.public.pages(),
        private_pages: rendered.private.pages(),
        private_encrypted: sealer.is_some(),
        unchanged: false,
        elapsed: Duration::ZERO,
        warnings: rendered.warnings,
    };
    // The pages are on disk: free them before the cache is written, while
    // the previous outputs are removed.
    drop((rendered.public, rendered.private, rendered.site));
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
                if let Some(inputs) = inputs {
                    unchanged::remember(
                        &config,
                        inputs,
                        report.public_pages,
                        report.private_pages,
                        &report.warnings,
                    );
                }
            })
        },
    );
    removed?;
    report.elapsed = start.elapsed();
    Ok(report)
}

/// Writes both sites beside their folders (see [`output::stage`]).
fn stage_both(config: &Config, rendered: &Rendered) -> Result<(Staged, Staged)> {
    let public = output::stage(&config.output_dir, &rendered.public)?;
    match output::stage(&config.private_output_dir, &rendered.private) {
        Ok(private) => Ok((public, private)),
        Err(e) => {
            public.discard();
            Err(e)
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
