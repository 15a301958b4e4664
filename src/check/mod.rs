//! `folio check`: every problem in a site, collected rather than stopping at
//! the first, without writing any output. It loads and renders both sites in
//! memory with [`Config::keep_going`], so one broken file does not hide the
//! problems of the others, then runs each family of checks:
//!
//! - [`encoding`]: a file that is not UTF-8 (error); mojibake (warning,
//!   repaired in place with `--fix`);
//! - [`front_matter`]: unknown keys (warning). YAML and type errors, links
//!   between markdown files and drafts linked from published pages come from
//!   loading the site, exactly as in a build;
//! - [`links`]: the rendered HTML of both sites: internal links, `#anchors`,
//!   assets, public pages pointing into the private site;
//! - [`external`]: external links, listed and fetched only when asked.
//!
//! - [`roadmaps`]: plain bullets under Objectives / Action items, due
//!   dates before the start, horizons that cannot be read (task dates that
//!   do not parse and a missing start come from loading the roadmaps);
//! - the CV: schema errors in `cv.yaml` / `cv.json`, `advances:` links to
//!   nowhere and LinkedIn texts over their limits come from loading and
//!   rendering the site, exactly as in a build.
//!
//! [`refuse_errors`] is the part a build runs: the findings that are errors.

pub mod encoding;
pub mod external;
pub mod front_matter;
pub mod links;
pub mod locate;
pub mod mojibake;
pub mod resolve;
pub mod roadmaps;
pub mod sources;

use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::time::Duration;

use crate::build::{self, Rendered};
use crate::config::{Config, Overrides};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::render::Theme;

pub use encoding::Fixed;

/// What `folio check` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// Check as if building with `--drafts`.
    pub drafts: bool,
    /// Repair mojibake in place.
    pub fix: bool,
    /// List and fetch external links.
    pub external: bool,
    /// Per external request.
    pub timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            drafts: false,
            fix: false,
            external: false,
            timeout: Duration::from_secs(5),
        }
    }
}

/// Everything `folio check` found.
#[derive(Debug, Default)]
pub struct Report {
    /// Sorted by path, line, column; each finding once.
    pub diagnostics: Vec<Diagnostic>,
    pub fixed: Vec<Fixed>,
    /// Source files read, HTML pages scanned, URLs seen on them.
    pub files: usize,
    pub pages: usize,
    pub urls: usize,
    /// Distinct external URLs (fetched only with `--external`).
    pub external: usize,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.count(crate::diagnostic::Severity::Warning)
    }

    fn count(&self, severity: crate::diagnostic::Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Checks the site at `root`. Content problems are in the report; `Err` is
/// for what stops the check itself (no `site.toml`, unreadable files, a
/// `site.toml` with errors).
pub fn run(root: &Path, options: &Options) -> Result<Report> {
    let overrides = Overrides {
        drafts: options.drafts,
        ..Overrides::default()
    };
    let mut config = Config::load(root, &overrides)?;
    config.keep_going = true;

    let mut report = Report::default();
    let mut files = sources::collect(&config)?;
    report.files = files.len();
    let (mut found, fixed) = encoding::check(&mut files, options.fix)?;
    report.fixed = fixed;
    let template_keys = match Theme::load(&config, &mut Vec::new()) {
        Ok(theme) => front_matter::template_keys(&theme),
        // Rendering reports the theme's errors below.
        Err(_) => BTreeSet::new(),
    };
    found.extend(front_matter::unknown_keys(&files, &template_keys));

    match build::render_site(config) {
        Ok(rendered) => {
            found.extend(rendered.warnings.iter().cloned());
            let links = links::check(&rendered, options.external);
            found.extend(not_reported_yet(links.diagnostics, &found));
            report.pages = links.pages;
            report.urls = links.urls;
            report.external = links.external_count;
            if options.external {
                found.extend(external::check(&links.external, options.timeout));
            }
            found.extend(roadmaps::check(&rendered.site, &files));
        }
        // A theme or template that does not render: nothing more to check.
        Err(Error::Content(d)) => found.extend(d),
        Err(e) => return Err(e),
    }
    report.diagnostics = sorted_unique(found);
    Ok(report)
}

/// The checks a build runs on rendered sites before writing them: errors
/// let through by a `keep_going` load, and the link checks. `Err` lists
/// every error, then the warnings.
pub fn refuse_errors(rendered: &Rendered) -> Result<()> {
    refuse(
        links::check(rendered, false).diagnostics,
        &rendered.warnings,
    )
}

/// The link errors on both rendered sites that loading them has not
/// already reported: what a build adds to the errors of a site loaded past
/// them ([`Config::keep_going`]).
pub fn link_errors(rendered: &Rendered) -> Vec<Diagnostic> {
    let found: Vec<Diagnostic> = rendered
        .warnings
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    not_reported_yet(links::check(rendered, false).diagnostics, &found)
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}

/// [`refuse_errors`] for a rebuild of a watched site: the link check reuses
/// what `memo` kept from the previous rebuild.
pub fn refuse_errors_incremental(rendered: &Rendered, memo: &mut links::LinkMemo) -> Result<()> {
    refuse(links::check_incremental(rendered, memo), &rendered.warnings)
}

/// Fails with every error — the link errors and any error among `warnings`
/// — followed by the warnings, when there is an error.
pub fn refuse(link_errors: Vec<Diagnostic>, warnings: &[Diagnostic]) -> Result<()> {
    let mut errors: Vec<Diagnostic> = warnings.iter().filter(|d| d.is_error()).cloned().collect();
    errors.extend(link_errors);
    if errors.is_empty() {
        return Ok(());
    }
    let mut all = sorted_unique(errors);
    all.extend(warnings.iter().filter(|d| !d.is_error()).cloned());
    Err(Error::Content(all))
}

/// Drops link findings on the rendered HTML that loading the site already
/// reported at the same place (a `.md` link to nowhere is left as written,
/// so the HTML check finds it again).
fn not_reported_yet(new: Vec<Diagnostic>, found: &[Diagnostic]) -> Vec<Diagnostic> {
    let seen: HashSet<(&Path, usize, usize)> = found
        .iter()
        .filter(|d| links::LINK_CODES.contains(&d.code))
        .map(|d| (d.path.as_path(), d.line, d.col))
        .collect();
    new.into_iter()
        .filter(|d| !seen.contains(&(d.path.as_path(), d.line, d.col)))
        .collect()
}

fn sorted_unique(mut list: Vec<Diagnostic>) -> Vec<Diagnostic> {
    list.sort_by(|a, b| {
        (&a.path, a.line, a.col, b.severity, a.code, &a.message)
            .cmp(&(&b.path, b.line, b.col, a.severity, b.code, &b.message))
    });
    list.dedup_by(|a, b| {
        (&a.path, a.line, a.col, a.code, &a.message) == (&b.path, b.line, b.col, b.code, &b.message)
    });
    list
}
