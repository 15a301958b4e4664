//! The link check of a watched site's rebuild: [`LinkMemo`] keeps what each
//! page gave, so a rebuild re-scans only pages whose bytes changed and
//! re-checks only pages that changed, point at a file that appeared,
//! vanished or changed, or had findings. It gives the same findings as
//! [`check`](super::check); the rules themselves live in `scan.rs`.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::diagnose::diagnose;
use super::scan::{Ctx, Link, PageIds};
use super::{Finding, Problem, Sites, unpublished_drafts};
use crate::content::view::Audience;
use crate::diagnostic::Diagnostic;
use crate::html::{self, Use};
use crate::output::Diff;
use crate::render::Rendered;

use super::locate::Locator;

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

/// The ids of the memo's pages, for the check.
struct MemoIds<'m>(&'m HashMap<String, MemoPage>);

impl PageIds<String> for MemoIds<'_> {
    fn ids_of(&self, file: &str) -> Option<&[String]> {
        self.0.get(file).map(|m| m.ids.as_slice())
    }
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
/// Gives the same findings as [`check`](super::check) (the same pages
/// checked against the same files and ids), only faster when little changed.
///
/// `changes`, when given, are the public and private differences between
/// the render `memo` last saw and `rendered`: then only the files they name
/// are looked at, not every output. Without it every output is compared
/// with the memo.
pub fn check_incremental(
    rendered: &Rendered,
    memo: &mut LinkMemo,
    changes: Option<[&Diff; 2]>,
) -> Vec<Diagnostic> {
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
        let (added, removed) = match changes {
            Some(changes) => {
                let known = &memo.files[k];
                let added: Vec<String> = changes[k]
                    .changed
                    .iter()
                    .filter(|p| !known.contains(*p))
                    .cloned()
                    .collect();
                let removed: Vec<String> = changes[k]
                    .removed
                    .iter()
                    .filter(|p| known.contains(*p))
                    .cloned()
                    .collect();
                (added, removed)
            }
            None => {
                let added: Vec<String> = outputs
                    .iter()
                    .map(|(p, _)| p)
                    .filter(|p| !memo.files[k].contains(*p))
                    .map(str::to_string)
                    .collect();
                // Every output the memo knows is still there when the counts
                // say so: then no file was removed, and no lookup per file is
                // needed.
                let kept = outputs.len() - added.len();
                let removed: Vec<String> = if kept == memo.files[k].len() {
                    Vec::new()
                } else {
                    memo.files[k]
                        .iter()
                        .filter(|p| !outputs.contains(p))
                        .cloned()
                        .collect()
                };
                (added, removed)
            }
        };
        for p in &removed {
            memo.files[k].remove(p);
            memo.pages[k].remove(p);
        }
        memo.files[k].extend(added.iter().cloned());
        dirty.extend(added);
        dirty.extend(removed);
        let pages = &memo.pages[k];
        // The pages that may have changed: those `changes` names, or all.
        let candidates: Vec<(&str, &std::sync::Arc<[u8]>)> = match changes {
            Some(changes) => changes[k]
                .changed
                .iter()
                .filter_map(|p| outputs.get_shared(p).map(|b| (p.as_str(), b)))
                .collect(),
            None => outputs.iter_shared().collect(),
        };
        let fresh: Vec<(String, MemoPage)> = candidates
            .into_iter()
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

    // The memo's own sets are looked up: nothing is gathered per rebuild.
    let ctx = Ctx {
        base_url: &config.base_url,
        base_path: config.base_path(),
        private_base_path: &config.private_base_path,
        drafts: &drafts,
        private_files: &memo.files[1],
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
        let files = &memo.files[k];
        let ids = MemoIds(&memo.pages[k]);
        let todo: Vec<&str> = todo
            .into_iter()
            .filter(|p| memo.pages[k].contains_key(*p))
            .collect();
        let results: Vec<Rechecked> = todo
            .par_iter()
            .map(|p| {
                let m = &memo.pages[k][*p];
                let (findings, _, deps) =
                    ctx.check_page(audience, files, &ids, p, m.scan.urls.iter().map(Link::from));
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
