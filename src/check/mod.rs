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
//! - [`crate::links`]: the rendered HTML of both sites: internal links, `#anchors`,
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
//! The link check is a step of the pipeline ([`crate::links`], which a build
//! also runs before writing); this module calls down to it.

pub mod encoding;
pub mod external;
pub mod front_matter;
/// Mojibake is found and repaired on the ground floor; the lint is [`encoding`].
pub use crate::mojibake;
pub mod roadmaps;
pub mod sources;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use crate::build;
use crate::config::{Config, Overrides};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::links::{self, not_reported_yet, sorted_unique};
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
