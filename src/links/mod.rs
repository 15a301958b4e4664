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

pub mod locate;
mod refuse;
pub mod resolve;

pub use refuse::{link_errors, refuse, refuse_errors, refuse_errors_incremental};
pub(crate) use refuse::{not_reported_yet, sorted_unique};

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::content::Site;
use crate::content::view::Audience;
use crate::diagnostic::{Diagnostic, closest};
use crate::html::{self, Use};
use crate::output::Outputs;
use crate::render::Rendered;

use locate::{Located, Locator};
use resolve::{Dest, classify, file_set, find_file, is_implicit_anchor, wanted_file};

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

fn scan_pages(outputs: &Outputs) -> Vec<Page<'_>> {
    let pages: Vec<(&str, &str)> = outputs
        .iter()
        .filter(|(p, _)| p.ends_with(".html") || p.ends_with(".htm"))
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

struct Ctx<'a> {
    base_url: &'a str,
    base_path: &'a str,
    /// Where the private site is mounted (its 404 page links from there).
    private_base_path: &'a str,
    drafts: &'a HashSet<String>,
    private_files: &'a HashSet<&'a str>,
    /// Give each page's link targets (for [`LinkMemo`]); a one-off check
    /// does not need them.
    keep_deps: bool,
}

impl Ctx<'_> {
    /// The findings, external URLs and URL count of one audience's pages.
    fn check_pages<'p>(
        &self,
        audience: Audience,
        outputs: &'p Outputs,
        pages: &'p [Page<'p>],
    ) -> (Vec<Finding<'p>>, Vec<ExternalUse<'p>>, usize) {
        let files = file_set(outputs);
        // Sorted id lists: cheaper than hash sets for the few ids of a page.
        let ids: HashMap<&str, Vec<&str>> = pages
            .iter()
            .map(|p| {
                let mut list: Vec<&str> = p.scan.ids.iter().map(Cow::as_ref).collect();
                list.sort_unstable();
                (p.path, list)
            })
            .collect();
        let ids: HashMap<&str, &[&str]> = ids.iter().map(|(p, v)| (*p, v.as_slice())).collect();
        let per_page: Vec<PageResult> = pages
            .par_iter()
            .map(|p| self.check_page(audience, &files, &ids, p.path, &p.scan))
            .collect();
        let mut findings = Vec::new();
        let mut external = Vec::new();
        for (f, e, _) in per_page {
            findings.extend(f);
            external.extend(e);
        }
        let urls = pages.iter().map(|p| p.scan.urls.len()).sum();
        (findings, external, urls)
    }

    fn check_page<'p, S: AsRef<str>>(
        &self,
        audience: Audience,
        files: &HashSet<&str>,
        ids: &HashMap<&str, &[S]>,
        path: &'p str,
        scan: &html::Scan<'_>,
    ) -> PageResult<'p> {
        let mut findings = Vec::new();
        let mut external = Vec::new();
        let mut deps = Vec::new();
        for u in &scan.urls {
            let finding = |target: String, problem| Finding {
                audience,
                page: path,
                offset: u.offset,
                url: u.url.to_string(),
                used_as: u.used_as,
                target,
                problem,
            };
            let base_path = match audience {
                Audience::Public => self.base_path,
                Audience::Private => self.private_base_path,
            };
            match classify(&u.url, path, self.base_url, base_path) {
                Dest::Ignored => {}
                Dest::External(url) => external.push(ExternalUse {
                    audience,
                    page: path,
                    offset: u.offset,
                    url,
                }),
                Dest::Outside => findings.push(finding(u.url.to_string(), Problem::Outside)),
                Dest::Internal { path, fragment } => match find_file(files, &path) {
                    Some(file) => {
                        if self.keep_deps {
                            deps.push((file.to_string(), fragment.is_some()));
                        }
                        let Some(fragment) = fragment else { continue };
                        let Some(page_ids) = ids.get(file) else {
                            continue; // not HTML: nothing to check the anchor against
                        };
                        if is_implicit_anchor(&fragment)
                            || page_ids
                                .binary_search_by(|id| id.as_ref().cmp(fragment.as_str()))
                                .is_ok()
                        {
                            continue;
                        }
                        let closest = closest(&fragment, page_ids.iter().map(AsRef::as_ref))
                            .map(str::to_string);
                        findings.push(finding(
                            format!("{file}#{fragment}"),
                            Problem::Anchor {
                                page: file.to_string(),
                                closest,
                            },
                        ));
                    }
                    None => {
                        let wanted = wanted_file(&path).into_owned();
                        if self.keep_deps {
                            deps.push((wanted.clone(), false));
                        }
                        let problem = if self.drafts.contains(&wanted) {
                            Problem::Draft
                        } else if audience == Audience::Public
                            && find_file(self.private_files, &path).is_some()
                        {
                            Problem::Private
                        } else {
                            Problem::Missing
                        };
                        findings.push(finding(wanted, problem));
                    }
                },
            }
        }
        (findings, external, deps)
    }
}

/// Findings become diagnostics, located in the sources. The same problem
/// seen on several pages (a summary shown on list pages, a template link on
/// every page) is reported once: at the content file when one occurrence is
/// written there, else at the first page showing it.
fn diagnose(findings: &[Finding], locator: &mut Locator, sites: &Sites) -> Vec<Diagnostic> {
    let mut groups: BTreeMap<(&str, &str), Vec<(&Finding, Located)>> = BTreeMap::new();
    for f in findings {
        let at = locate(locator, sites, f.audience, f.page, f.offset, &f.url);
        groups
            .entry((code(f), f.target.as_str()))
            .or_default()
            .push((f, at));
    }
    let mut out = Vec::new();
    for list in groups.values() {
        let in_content: Vec<_> = list.iter().filter(|(_, at)| at.in_content).collect();
        if in_content.is_empty() {
            let (f, at) = &list[0];
            let pages: HashSet<(Audience, &str)> =
                list.iter().map(|(f, _)| (f.audience, f.page)).collect();
            let mut d = at.apply(diagnostic(f, &f.url));
            match pages.len() {
                1 => {}
                2 => d.message.push_str(" (and on 1 more page)"),
                n => d
                    .message
                    .push_str(&format!(" (and on {} more pages)", n - 1)),
            }
            out.push(d.hint(
                "this link comes from a template (the site's templates/ or its theme), not from a content file: fix it there",
            ));
        } else {
            for (f, at) in in_content {
                let url = at.written.as_deref().unwrap_or(&f.url);
                out.push(at.apply(diagnostic(f, url)));
            }
        }
    }
    out
}

fn code(f: &Finding) -> &'static str {
    match (&f.problem, f.used_as) {
        (Problem::Missing | Problem::Outside, Use::Link) => "broken-link",
        (Problem::Missing | Problem::Outside, Use::Asset) => "missing-asset",
        (Problem::Anchor { .. }, _) => "broken-anchor",
        (Problem::Private, _) => "private-link",
        (Problem::Draft, _) => "draft-link",
    }
}

/// The diagnostic for `f`, naming the URL as `url` (as written where known).
fn diagnostic(f: &Finding, url: &str) -> Diagnostic {
    let d = |message: String| Diagnostic::error(code(f), PathBuf::new(), message);
    match &f.problem {
        Problem::Missing if f.used_as == Use::Asset => d(format!(
            "`{url}` does not exist in the built site"
        ))
        .hint("put the file next to the page in content/, or in static/, and check the spelling"),
        Problem::Missing => d(format!("link to `{url}`: no such page in the built site")).hint(
            "fix the address; between pages, link to the markdown file (e.g. `../about.md`) and folio writes the URL",
        ),
        Problem::Outside => d(format!("link `{url}` climbs out of the site's root folder"))
            .hint("remove a `../`, or write the full https:// address"),
        Problem::Anchor { page, closest } => {
            let page = page.strip_suffix("index.html").unwrap_or(page);
            let d = d(format!(
                "link to `{url}`: the page /{page} has no element with that id"
            ));
            match closest {
                Some(c) => d.hint(format!("did you mean `#{c}`?")),
                None => d.hint("heading ids come from the heading text: `## Next steps` is `#next-steps`"),
            }
        }
        Problem::Private => d(format!(
            "public page links to `{url}`, which exists only in the private site"
        ))
        .hint("remove the link, make the target `visibility: public`, or make this page private"),
        Problem::Draft => d(format!("link to `{url}`, a draft that is not published"))
            .hint("publish the target (remove `draft: true`), or remove the link"),
    }
}

/// Where the URL at `offset` of output `page` was written.
fn locate(
    locator: &mut Locator,
    sites: &Sites,
    audience: Audience,
    page: &str,
    offset: usize,
    url: &str,
) -> Located {
    let config = &sites.site.config;
    let (outputs, dir) = match audience {
        Audience::Public => (sites.public, &config.output_dir),
        Audience::Private => (sites.private, &config.private_output_dir),
    };
    // Output folders are shown relative to the site when inside it.
    let dir = dir.strip_prefix(&config.root).unwrap_or(dir);
    locator.locate(audience, outputs, dir, page, offset, url)
}

/// What the link check keeps of each page between rebuilds of a watched
/// site, so a rebuild re-scans only pages whose bytes changed and re-checks
/// only pages that changed, link to a file that appeared, vanished or
/// changed, or had findings.
#[derive(Default)]
pub struct LinkMemo {
    /// Per audience (public, private): page path → what it gave.
    pages: [HashMap<String, MemoPage>; 2],
    /// Per audience: every output file.
    files: [HashSet<String>; 2],
    /// Per audience: file → the pages whose links point at it, and whether
    /// one of those links names an anchor there.
    linked_from: [HashMap<String, HashMap<String, bool>>; 2],
}

struct MemoPage {
    bytes: std::sync::Arc<[u8]>,
    scan: html::Scan<'static>,
    /// Sorted ids, for anchors.
    ids: Vec<String>,
    deps: Vec<(String, bool)>,
    findings: Vec<OwnedFinding>,
}

/// A finding kept between rebuilds.
#[derive(Clone)]
struct OwnedFinding {
    offset: usize,
    url: String,
    used_as: Use,
    target: String,
    problem: Problem,
}

/// A page checked again: its path, findings and link targets.
type Rechecked = (String, Vec<OwnedFinding>, Vec<(String, bool)>);

const AUDIENCES: [Audience; 2] = [Audience::Public, Audience::Private];

/// The link errors of `rendered`, reusing `memo` from the previous rebuild.
/// Gives the same findings as [`check`] (the same pages checked against the
/// same files and ids), only faster when little changed.
pub fn check_incremental(rendered: &Rendered, memo: &mut LinkMemo) -> Vec<Diagnostic> {
    let config = &rendered.site.config;
    let drafts = unpublished_drafts(&rendered.site);
    // Files that appeared or vanished: every link to them is looked at
    // again. Pages whose ids changed: links to an anchor there are.
    let mut dirty: HashSet<String> = HashSet::new();
    let mut new_ids: HashSet<String> = HashSet::new();
    let mut changed: [HashSet<String>; 2] = Default::default();
    for (k, outputs) in [&rendered.public, &rendered.private]
        .into_iter()
        .enumerate()
    {
        let added: Vec<String> = outputs
            .iter()
            .map(|(p, _)| p)
            .filter(|p| !memo.files[k].contains(*p))
            .map(str::to_string)
            .collect();
        let removed: Vec<String> = memo.files[k]
            .iter()
            .filter(|p| !outputs.contains(p))
            .cloned()
            .collect();
        for p in &removed {
            memo.files[k].remove(p);
            memo.pages[k].remove(p);
        }
        memo.files[k].extend(added.iter().cloned());
        dirty.extend(added);
        dirty.extend(removed);
        let pages = &memo.pages[k];
        let fresh: Vec<(String, MemoPage)> = outputs
            .iter_shared()
            .filter(|(p, _)| p.ends_with(".html") || p.ends_with(".htm"))
            .filter(|(p, b)| {
                pages
                    .get(*p)
                    .is_none_or(|m| !std::sync::Arc::ptr_eq(&m.bytes, b))
            })
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|(p, b)| {
                let scan = std::str::from_utf8(b)
                    .map(|h| html::scan(h).into_owned())
                    .unwrap_or_default();
                let mut ids: Vec<String> = scan.ids.iter().map(|i| i.to_string()).collect();
                ids.sort_unstable();
                let page = MemoPage {
                    bytes: std::sync::Arc::clone(b),
                    scan,
                    ids,
                    deps: Vec::new(),
                    findings: Vec::new(),
                };
                (p.to_string(), page)
            })
            .collect();
        for (path, page) in fresh {
            changed[k].insert(path.clone());
            let old = memo.pages[k].insert(path.clone(), page);
            if old.is_none_or(|o| o.ids != memo.pages[k][&path].ids) {
                new_ids.insert(path);
            }
        }
    }

    let private_files: HashSet<&str> = memo.files[1].iter().map(String::as_str).collect();
    let ctx = Ctx {
        base_url: &config.base_url,
        base_path: config.base_path(),
        private_base_path: &config.private_base_path,
        drafts: &drafts,
        private_files: &private_files,
        keep_deps: true,
    };
    for (k, audience) in AUDIENCES.into_iter().enumerate() {
        let mut todo: HashSet<&str> = changed[k].iter().map(String::as_str).collect();
        for d in &dirty {
            if let Some(from) = memo.linked_from[k].get(d) {
                todo.extend(from.keys().map(String::as_str));
            }
        }
        for d in &new_ids {
            if let Some(from) = memo.linked_from[k].get(d) {
                todo.extend(
                    from.iter()
                        .filter(|(_, anchor)| **anchor)
                        .map(|(p, _)| p.as_str()),
                );
            }
        }
        todo.extend(
            memo.pages[k]
                .iter()
                .filter(|(_, m)| !m.findings.is_empty())
                .map(|(p, _)| p.as_str()),
        );
        let files: HashSet<&str> = memo.files[k].iter().map(String::as_str).collect();
        let ids: HashMap<&str, &[String]> = memo.pages[k]
            .iter()
            .map(|(p, m)| (p.as_str(), m.ids.as_slice()))
            .collect();
        let todo: Vec<&str> = todo
            .into_iter()
            .filter(|p| memo.pages[k].contains_key(*p))
            .collect();
        let results: Vec<Rechecked> = todo
            .par_iter()
            .map(|p| {
                let m = &memo.pages[k][*p];
                let (findings, _, deps) = ctx.check_page(audience, &files, &ids, p, &m.scan);
                let owned = findings
                    .into_iter()
                    .map(|f| OwnedFinding {
                        offset: f.offset,
                        url: f.url,
                        used_as: f.used_as,
                        target: f.target,
                        problem: f.problem,
                    })
                    .collect();
                (p.to_string(), owned, deps)
            })
            .collect();
        for (p, findings, deps) in results {
            let Some(m) = memo.pages[k].get_mut(&p) else {
                continue;
            };
            for (old, _) in &m.deps {
                if let Some(from) = memo.linked_from[k].get_mut(old) {
                    from.remove(&p);
                }
            }
            for (d, anchor) in &deps {
                let entry = memo.linked_from[k].entry(d.clone()).or_default();
                let named = entry.entry(p.clone()).or_insert(false);
                *named |= *anchor;
            }
            m.findings = findings;
            m.deps = deps;
        }
    }

    let mut findings: Vec<Finding> = Vec::new();
    for (k, audience) in AUDIENCES.into_iter().enumerate() {
        for (page, m) in &memo.pages[k] {
            findings.extend(m.findings.iter().map(|f| Finding {
                audience,
                page,
                offset: f.offset,
                url: f.url.clone(),
                used_as: f.used_as,
                target: f.target.clone(),
                problem: f.problem.clone(),
            }));
        }
    }
    if findings.is_empty() {
        return Vec::new();
    }
    // The order of a full check: public pages first, by path, then offset.
    findings.sort_by(|a, b| {
        (a.audience == Audience::Private, a.page, a.offset).cmp(&(
            b.audience == Audience::Private,
            b.page,
            b.offset,
        ))
    });
    let mut locator = Locator::new(&rendered.site);
    diagnose(&findings, &mut locator, &Sites::from(rendered))
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
    let config = &site.config;
    let drafts = unpublished_drafts(site);
    let pages = scan_pages(outputs);
    let ctx = Ctx {
        base_url: &config.base_url,
        base_path: config.base_path(),
        private_base_path: &config.private_base_path,
        drafts: &drafts,
        private_files,
        keep_deps: false,
    };
    let (findings, _, _) = ctx.check_pages(audience, outputs, &pages);
    let empty = Outputs::default();
    let sites = match audience {
        Audience::Public => Sites {
            site,
            public: outputs,
            private: &empty,
        },
        Audience::Private => Sites {
            site,
            public: &empty,
            private: outputs,
        },
    };
    diagnose(&findings, &mut Locator::new(site), &sites)
}
