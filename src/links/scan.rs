//! Checking the scanned pages of one audience: each link and `#anchor` of a
//! page is resolved against the output files and element ids, with the
//! private-link and draft rules applied, giving findings (and, for the
//! memo, each page's link targets). It does not say how a URL maps to a
//! file (see [`resolve`](super::resolve)) nor turn findings into
//! diagnostics (see `diagnose.rs`).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::{ExternalUse, Finding, Page, PageResult, Problem};
use crate::content::view::Audience;
use crate::diagnostic::closest;
use crate::html::{self, Use};
use crate::output::Outputs;

use super::resolve::{Dest, FileSet, classify, find_file, is_implicit_anchor, wanted_file};

pub(super) struct Ctx<'a> {
    pub(super) base_url: &'a str,
    pub(super) base_path: &'a str,
    /// Where the private site is mounted (its 404 page links from there).
    pub(super) private_base_path: &'a str,
    pub(super) drafts: &'a HashSet<String>,
    pub(super) private_files: &'a (dyn FileSet + 'a),
    /// Give each page's link targets (for [`LinkMemo`]); a one-off check
    /// does not need them.
    pub(super) keep_deps: bool,
}

/// The sorted ids of each HTML page, by output path, as the check looks
/// them up: a map built for one check, or a watched site's link memo.
pub(super) trait PageIds<S>: Sync {
    fn ids_of(&self, file: &str) -> Option<&[S]>;
}

impl<S: Sync, H: BuildHasher + Sync> PageIds<S> for HashMap<&str, &[S], H> {
    fn ids_of(&self, file: &str) -> Option<&[S]> {
        self.get(file).copied()
    }
}

/// One URL of a page as the check reads it.
pub(super) struct Link<'a> {
    pub(super) url: &'a str,
    pub(super) used_as: Use,
    /// Byte offset of the attribute value in the page.
    pub(super) offset: usize,
}

impl<'a> From<&'a html::Url<'_>> for Link<'a> {
    fn from(u: &'a html::Url<'_>) -> Self {
        Link {
            url: &u.url,
            used_as: u.used_as,
            offset: u.offset,
        }
    }
}

/// A page as the check reads it: its path, its ids and its URLs.
pub(super) trait ScannedPage: Sync {
    fn path(&self) -> &str;
    fn ids(&self) -> Vec<&str>;
    fn url_count(&self) -> usize;
    /// The page's URLs, in the order they are written.
    fn links(&self) -> impl Iterator<Item = Link<'_>>;
}

impl ScannedPage for Page<'_> {
    fn path(&self) -> &str {
        self.path
    }

    fn ids(&self) -> Vec<&str> {
        self.scan.ids.iter().map(Cow::as_ref).collect()
    }

    fn url_count(&self) -> usize {
        self.scan.urls.len()
    }

    fn links(&self) -> impl Iterator<Item = Link<'_>> {
        self.scan.urls.iter().map(Link::from)
    }
}

impl Ctx<'_> {
    /// The findings, external URLs and URL count of one audience's pages.
    pub(super) fn check_pages<'p, P: ScannedPage>(
        &self,
        audience: Audience,
        outputs: &'p Outputs,
        pages: &'p [P],
    ) -> (Vec<Finding<'p>>, Vec<ExternalUse<'p>>, usize) {
        // Every URL of every page is looked up in these two: hashed with
        // rustc's Fx hash rather than SipHash (the keys are the site's own).
        let files: FxHashSet<&str> = outputs.iter().map(|(path, _)| path).collect();
        // Sorted id lists: cheaper than hash sets for the few ids of a page.
        let ids: FxHashMap<&str, Vec<&str>> = pages
            .iter()
            .map(|p| {
                let mut list = p.ids();
                list.sort_unstable();
                (p.path(), list)
            })
            .collect();
        let ids: FxHashMap<&str, &[&str]> = ids.iter().map(|(p, v)| (*p, v.as_slice())).collect();
        let per_page: Vec<PageResult> = pages
            .par_iter()
            .map(|p| self.check_page(audience, &files, &ids, p.path(), p.links()))
            .collect();
        let mut findings = Vec::new();
        let mut external = Vec::new();
        for (f, e, _) in per_page {
            findings.extend(f);
            external.extend(e);
        }
        let urls = pages.iter().map(ScannedPage::url_count).sum();
        (findings, external, urls)
    }

    pub(super) fn check_page<'p, 'l, S, F, I>(
        &self,
        audience: Audience,
        files: &F,
        ids: &I,
        path: &'p str,
        links: impl IntoIterator<Item = Link<'l>>,
    ) -> PageResult<'p>
    where
        S: AsRef<str>,
        F: FileSet + ?Sized,
        I: PageIds<S> + ?Sized,
    {
        let mut findings = Vec::new();
        let mut external = Vec::new();
        let mut deps = Vec::new();
        for u in links {
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
            match classify(u.url, path, self.base_url, base_path) {
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
                        let Some(page_ids) = ids.ids_of(file) else {
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
