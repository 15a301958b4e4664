//! Links on the rendered HTML of both sites, so links made by templates
//! count as much as links written in markdown: every internal link and
//! `#anchor` must resolve to an output file and an element id, every asset
//! must exist, a public page must never point into the private site, and
//! external links are collected (for `folio check --external`).
//!
//! A step of the pipeline, below `build`: a build runs it on the rendered
//! sites before writing them ([`refuse_errors`]); `folio check` calls it too.
//!
//! Pages are scanned in parallel and each URL resolved ([`resolve`]);
//! findings are then located in the sources ([`locate`]) and turned
//! into diagnostics.
//!
//! This root owns the findings' types and the whole-site and per-audience
//! checks; `scan.rs` checks one audience's pages, `diagnose.rs` makes the
//! diagnostics, `incremental.rs` the memo of a watched site's rebuilds.

mod diagnose;
mod incremental;
pub mod locate;
mod packed;
mod refuse;
pub mod resolve;
mod scan;

pub use incremental::{LinkMemo, check_incremental};
use packed::Lent;
pub use packed::{Scanned, Texts};
pub use refuse::{link_errors, refuse, refuse_errors, refuse_errors_incremental};
pub(crate) use refuse::{not_reported_yet, sorted_unique};

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::Site;
use crate::content::view::Audience;
use crate::diagnostic::Diagnostic;
use crate::html::{self, Use};
use crate::output::{self, Outputs};
use crate::render::Rendered;

use diagnose::{diagnose, locate};
use locate::{Located, Locator};
use resolve::file_set;
use scan::{Ctx, ScannedPage};

/// The codes of link findings, here and in the markdown renderer.
pub const LINK_CODES: &[&str] = &[
    "broken-link",
    "broken-anchor",
    "missing-asset",
    "private-link",
    "draft-link",
];

/// The rendered sites findings are located in. When one audience is checked
/// alone, the other's outputs are empty.
struct Sites<'a> {
    site: &'a Site,
    public: &'a Outputs,
    private: &'a Outputs,
}

impl<'a> From<&'a Rendered> for Sites<'a> {
    fn from(rendered: &'a Rendered) -> Self {
        Sites {
            site: &rendered.site,
            public: &rendered.public,
            private: &rendered.private,
        }
    }
}

/// Pages of `site` that are drafts not built (`<path>index.html`).
fn unpublished_drafts(site: &Site) -> HashSet<String> {
    site.items
        .iter()
        .filter(|i| i.draft && !site.config.drafts)
        .map(|i| format!("{}index.html", i.path))
        .collect()
}

/// What the link check found.
pub struct LinkReport {
    pub diagnostics: Vec<Diagnostic>,
    /// With `external`: each external URL once, where it is first written.
    pub external: Vec<(String, Located)>,
    /// How many distinct external URLs the pages hold.
    pub external_count: usize,
    pub pages: usize,
    pub urls: usize,
}

/// What is wrong with one internal URL.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Problem {
    Missing,
    Outside,
    Anchor {
        page: String,
        closest: Option<String>,
    },
    Private,
    Draft,
}

/// One problem on one rendered page, not yet located in the sources.
struct Finding<'a> {
    audience: Audience,
    page: &'a str,
    offset: usize,
    url: String,
    used_as: Use,
    /// The resolved target, to group the same problem across pages.
    target: String,
    problem: Problem,
}

/// An external URL seen on a page.
struct ExternalUse<'a> {
    audience: Audience,
    page: &'a str,
    offset: usize,
    url: String,
}

/// What one page gave the check: its findings, its external URLs, and the
/// files its internal links point at (found or not), each with whether the
/// link names an anchor there.
type PageResult<'a> = (Vec<Finding<'a>>, Vec<ExternalUse<'a>>, Vec<(String, bool)>);

struct Page<'a> {
    path: &'a str,
    scan: html::Scan<'a>,
}

/// Checks every HTML page of both sites; with `external`, also lists the
/// external URLs, each where it is first written.
pub fn check(rendered: &Rendered, list_external: bool) -> LinkReport {
    let config = &rendered.site.config;
    let drafts = unpublished_drafts(&rendered.site);
    let public = scan_pages(&rendered.public);
    let private = scan_pages(&rendered.private);
    let ctx = Ctx {
        base_url: &config.base_url,
        base_path: config.base_path(),
        private_base_path: &config.private_base_path,
        drafts: &drafts,
        private_files: &file_set(&rendered.private),
        keep_deps: false,
    };
    let mut findings = Vec::new();
    let mut external: Vec<ExternalUse> = Vec::new();
    let mut urls = 0;
    for (audience, outputs, pages) in [
        (Audience::Public, &rendered.public, &public),
        (Audience::Private, &rendered.private, &private),
    ] {
        let (f, e, u) = ctx.check_pages(audience, outputs, pages);
        findings.extend(f);
        external.extend(e);
        urls += u;
    }

    let sites = Sites::from(rendered);
    let mut locator = Locator::new(&rendered.site);
    let diagnostics = diagnose(&findings, &mut locator, &sites);

    // Each external URL once, at the first place it is written in content
    // (else the first page showing it).
    let mut by_url: BTreeMap<&str, Vec<&ExternalUse>> = BTreeMap::new();
    for e in &external {
        by_url.entry(e.url.as_str()).or_default().push(e);
    }
    let mut listed = Vec::new();
    if list_external {
        for (url, uses) in &by_url {
            let mut first = None;
            for e in uses {
                let at = locate(&mut locator, &sites, e.audience, e.page, e.offset, url);
                if at.in_content {
                    first = Some(at);
                    break;
                }
                first.get_or_insert(at);
            }
            if let Some(at) = first {
                listed.push((url.to_string(), at));
            }
        }
    }
    LinkReport {
        diagnostics,
        external: listed,
        external_count: by_url.len(),
        pages: public.len() + private.len(),
        urls,
    }
}

fn is_page(path: &str) -> bool {
    path.ends_with(".html") || path.ends_with(".htm")
}

/// The pages of `outputs` scanned, but those [`output::written_elsewhere`]
/// (see [`check_audience_streamed`]).
fn scan_pages(outputs: &Outputs) -> Vec<Page<'_>> {
    let pages: Vec<(&str, &str)> = outputs
        .iter_shared()
        .filter(|(p, b)| is_page(p) && !output::is_written_elsewhere(b))
        .filter_map(|(p, b)| std::str::from_utf8(b).ok().map(|h| (p, h)))
        .collect();
    pages
        .par_iter()
        .map(|(path, html)| Page {
            path,
            scan: html::scan(html),
        })
        .collect()
}

/// The link errors of one audience's pages, for a build that renders and
/// writes one site at a time. `private_files` are the private site's files
/// (a public page must not point there; empty when checking the private
/// site). Unlike [`check`], the same template mistake on both sites is
/// reported once per site.
pub fn check_audience(
    site: &Site,
    audience: Audience,
    outputs: &Outputs,
    private_files: &HashSet<&str>,
) -> Vec<Diagnostic> {
    let pages = scan_pages(outputs);
    check_scanned(site, audience, outputs, &pages, private_files, |_| None)
}

/// [`check_audience`] for a site written as it rendered: `outputs` holds
/// every file, the pages already on disk as [`output::written_elsewhere`]
/// with their scans in `scanned`, numbered in `texts`; a page with a finding
/// is read back with `read_back` to locate it.
pub fn check_audience_streamed(
    site: &Site,
    audience: Audience,
    outputs: &Outputs,
    mut scanned: Vec<Scanned>,
    texts: Texts,
    private_files: &HashSet<&str>,
    read_back: impl Fn(&str) -> Option<Vec<u8>>,
) -> Vec<Diagnostic> {
    // The pages kept as bytes are packed too, and all are read in the
    // order of the outputs, as [`check_audience`] reads them.
    scanned.extend(
        outputs
            .iter_shared()
            .filter(|(_, b)| !output::is_written_elsewhere(b))
            .filter_map(|(p, b)| Scanned::of(p, b, &texts)),
    );
    let texts = texts.into_strings();
    let mut pages: Vec<Lent> = scanned.iter().map(|p| Lent::new(p, &texts)).collect();
    pages.sort_unstable_by(|a, b| a.path().cmp(b.path()));
    check_scanned(site, audience, outputs, &pages, private_files, read_back)
}

fn check_scanned<P: ScannedPage>(
    site: &Site,
    audience: Audience,
    outputs: &Outputs,
    pages: &[P],
    private_files: &HashSet<&str>,
    read_back: impl Fn(&str) -> Option<Vec<u8>>,
) -> Vec<Diagnostic> {
    let config = &site.config;
    let drafts = unpublished_drafts(site);
    let ctx = Ctx {
        base_url: &config.base_url,
        base_path: config.base_path(),
        private_base_path: &config.private_base_path,
        drafts: &drafts,
        private_files,
        keep_deps: false,
    };
    let (findings, _, _) = ctx.check_pages(audience, outputs, pages);
    let located = pages_read_back(outputs, &findings, read_back);
    let located = located.as_ref().unwrap_or(outputs);
    let empty = Outputs::default();
    let sites = match audience {
        Audience::Public => Sites {
            site,
            public: located,
            private: &empty,
        },
        Audience::Private => Sites {
            site,
            public: &empty,
            private: located,
        },
    };
    diagnose(&findings, &mut Locator::new(site), &sites)
}

/// The pages findings are on, when one of them is on disk only: those
/// pages, read back, to locate the findings in. `None`: `outputs` has them.
fn pages_read_back(
    outputs: &Outputs,
    findings: &[Finding],
    read_back: impl Fn(&str) -> Option<Vec<u8>>,
) -> Option<Outputs> {
    let on_disk = |page: &str| {
        outputs
            .get_shared(page)
            .is_some_and(output::is_written_elsewhere)
    };
    if !findings.iter().any(|f| on_disk(f.page)) {
        return None;
    }
    let mut pages = Outputs::default();
    for f in findings {
        if pages.contains(f.page) {
            continue;
        }
        let bytes: Arc<[u8]> = match outputs.get_shared(f.page) {
            Some(b) if !output::is_written_elsewhere(b) => Arc::clone(b),
            _ => read_back(f.page).map(Arc::from).unwrap_or_default(),
        };
        // The path is one of `outputs`, already checked.
        let _ = pages.insert_shared(f.page, bytes);
    }
    Some(pages)
}
