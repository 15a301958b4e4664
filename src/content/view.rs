//! The audience boundary: the one place that decides what each site gets.
//!
//! `site.view(Audience::Public)` hands renderers only public, published
//! items; templates cannot leak what they are never given. Every other
//! module asks this one rather than reading `visibility` itself: the rules
//! are private here, and other steps get their answers as data ([`seen`]
//! for markdown's links between pages).
//!
//! Assets (files beside the pages) get theirs from the pages that use
//! them ([`public_assets`]): a file goes to the public site only when a
//! page the public sees uses it, or when no page uses it and it lies in a
//! public folder that holds no private page.
//!
//! Roadmaps get a finer cut ([`SiteView::roadmaps`]): the public site sees
//! a public roadmap's section titles and progress, never its body, and its
//! objective texts only with `public_items: true`. So does the CV
//! ([`SiteView::cv`]): the public site sees it without the entries and
//! `basics` fields marked private, and without any `visibility` key.

use std::borrow::Cow;
use std::collections::HashSet;

use rayon::prelude::*;

use super::achievement::Achievement;
use super::advances::Advance;
use super::cv::Cv;
use super::roadmap::Roadmap;
use super::{Asset, Item, Kind, Site, Visibility};

pub use crate::audience::Audience;
use crate::audience::Seen;

/// Whether an item with this visibility and draft state belongs in the
/// site for `audience`. Drafts appear only when `drafts_shown`.
fn visible_to(visibility: Visibility, draft: bool, drafts_shown: bool, audience: Audience) -> bool {
    if draft && !drafts_shown {
        return false;
    }
    match audience {
        Audience::Private => true,
        Audience::Public => visibility == Visibility::Public,
    }
}

/// Which audiences see a page or file with this visibility and draft
/// state: the answer markdown gets for its link targets and for the page
/// being rendered, so it can refuse a link across the boundary.
pub(in crate::content) fn seen(visibility: Visibility, draft: bool, drafts_shown: bool) -> Seen {
    Seen {
        public: visible_to(visibility, draft, drafts_shown, Audience::Public),
        private: visible_to(visibility, draft, drafts_shown, Audience::Private),
    }
}

/// The part of a [`Site`] one audience may see.
#[derive(Debug)]
pub struct SiteView<'a> {
    pub audience: Audience,
    pub site: &'a Site,
    /// Visible items, sorted by source path.
    pub items: Vec<&'a Item>,
    pub assets: Vec<&'a Asset>,
    cv: Option<CvView<'a>>,
}

/// The CV as one audience may see it.
#[derive(Debug)]
struct CvView<'a> {
    cv: Cow<'a, Cv>,
    /// For each work entry here, its index in the full CV; `None` when
    /// nothing was cut.
    work_source: Option<Vec<usize>>,
}

impl<'a> CvView<'a> {
    fn new(cv: &'a Cv, audience: Audience) -> Self {
        match audience {
            Audience::Private => CvView {
                cv: Cow::Borrowed(cv),
                work_source: None,
            },
            Audience::Public => {
                let (cv, kept) = cv.without_private();
                CvView {
                    cv: Cow::Owned(cv),
                    work_source: Some(kept),
                }
            }
        }
    }
}

impl Site {
    /// The pages left out of both sites for being drafts (none when drafts
    /// are shown), each with the audiences that would see it once
    /// published. `serve` tells a visitor of such a page's address why.
    pub fn skipped_draft_pages(&self) -> impl Iterator<Item = (&Item, Seen)> {
        let drafts = self.config.drafts;
        self.items
            .iter()
            .filter(move |i| {
                i.draft && !visible_to(i.visibility, i.draft, drafts, Audience::Private)
            })
            .map(|i| (i, seen(i.visibility, false, true)))
    }

    /// How many pages and achievement files are left out for being drafts,
    /// for the summary line of `build`, `serve` and `watch`.
    pub fn skipped_drafts(&self) -> usize {
        let drafts = self.config.drafts;
        let files = self
            .achievement_files
            .iter()
            .filter(|f| f.draft && !visible_to(f.visibility, f.draft, drafts, Audience::Private))
            .count();
        self.skipped_draft_pages().count() + files
    }

    pub fn view(&self, audience: Audience) -> SiteView<'_> {
        let drafts = self.config.drafts;
        SiteView {
            audience,
            site: self,
            items: self
                .items
                .iter()
                .filter(|i| visible_to(i.visibility, i.draft, drafts, audience))
                .collect(),
            assets: match audience {
                Audience::Private => self.assets.iter().collect(),
                Audience::Public => self
                    .assets
                    .iter()
                    .zip(self.public_assets.get_or_init(|| {
                        crate::timings::phase("asset audiences", || public_assets(self))
                    }))
                    .filter_map(|(a, public)| public.then_some(a))
                    .collect(),
            },
            cv: self.cv.as_ref().map(|cv| CvView::new(cv, audience)),
        }
    }
}

/// Whether each asset of `site` (in order) goes to the public site.
///
/// A file goes public when a page the public sees uses it (its rendered
/// body refers to it: markdown links and images, raw HTML `src`, `href`,
/// `srcset`, `poster`… resolved as a browser would, relative to the page or
/// from the site root). A file no public page uses goes public only when no
/// other page uses it either, its folder is public by default, that folder
/// holds no page the public does not see, and no folder above it is the
/// bundle (`_index.md`) of such a page. Everything else is private.
pub fn public_assets(site: &Site) -> Vec<bool> {
    if site.assets.is_empty() {
        return Vec::new();
    }
    let drafts = site.config.drafts;
    let shown = |v: Visibility, draft: bool| visible_to(v, draft, drafts, Audience::Public);
    let mut public_uses = HashSet::new();
    let mut private_uses = HashSet::new();
    // Folders holding a page the public does not see (wholly), and
    // folders that are the bundle of one.
    let mut private_dirs = HashSet::new();
    let mut private_bundles = HashSet::new();
    let base = &site.config.base_url;
    // Scanning the bodies is the cost: done in parallel, merged after.
    let scanned: Vec<(bool, HashSet<String>)> = site
        .items
        .par_iter()
        .map(|item| {
            let page = format!("{}index.html", item.path);
            // A roadmap's body is never shown publicly, whatever its visibility.
            let public = shown(item.visibility, item.draft) && item.kind != Kind::Roadmap;
            let mut found = HashSet::new();
            uses::collect(&item.rendered.html.text(), &page, base, &mut found);
            (public, found)
        })
        .collect();
    for (item, (public, found)) in site.items.iter().zip(scanned) {
        if public {
            public_uses.extend(found);
        } else {
            private_uses.extend(found);
            let dir = folder(&item.rel);
            private_dirs.insert(dir.to_string());
            if matches!(stem_name(&item.rel), "_index" | "index") {
                private_bundles.insert(dir.to_string());
            }
        }
    }
    for entry in &site.achievements {
        let page = format!("{}index.html", super::achievement::PATH);
        let set = if shown(entry.visibility, entry.draft) {
            &mut public_uses
        } else {
            &mut private_uses
        };
        uses::collect(&entry.html, &page, base, set);
    }
    for file in &site.achievement_files {
        let rel = file.source.strip_prefix("content").unwrap_or(&file.source);
        let rel = rel.to_string_lossy().replace('\\', "/");
        private_dirs.insert(folder(&rel).to_string());
    }
    if let Some(cv) = &site.cv {
        // The CV page shows its photo from the site root; the public CV
        // only when `basics.image` is not private (the 0.x `picture` too).
        let photo = |cv: &super::cv::Cv| cv.resume.basics.as_ref()?.portrait().cloned();
        if let Some(image) = photo(cv) {
            let set = if photo(&cv.without_private().0).is_some() {
                &mut public_uses
            } else {
                &mut private_uses
            };
            uses::collect_url(image.as_str(), "index.html", base, set);
        }
        // The home page's project cards show a project's `image` (folio's
        // own key); the public site only a public project's.
        let images = |cv: &super::cv::Cv| -> Vec<String> {
            let projects = cv.resume.projects.as_deref().unwrap_or_default();
            projects
                .iter()
                .filter_map(|p| p.image.as_ref().map(|i| i.as_str().to_string()))
                .collect()
        };
        let public_images = images(&cv.without_private().0);
        for image in images(cv) {
            let set = if public_images.contains(&image) {
                &mut public_uses
            } else {
                &mut private_uses
            };
            uses::collect_url(&image, "index.html", base, set);
        }
    }
    site.assets
        .iter()
        .map(|a| {
            if public_uses.contains(&a.rel) {
                return true;
            }
            let dir = folder(&a.rel);
            a.visibility == Visibility::Public
                && !private_uses.contains(&a.rel)
                && !private_dirs.contains(dir)
                && !ancestors(dir).any(|d| private_bundles.contains(d))
        })
        .collect()
}

/// The folder of a path relative to `content/` (`""` at the top).
fn folder(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(d, _)| d)
}

/// The file name of `rel` without its markdown extension.
fn stem_name(rel: &str) -> &str {
    let stem = super::page_files::stem(rel);
    stem.rsplit('/').next().unwrap_or(stem)
}

/// `dir` and every folder above it, up to the top (`""`).
fn ancestors(dir: &str) -> impl Iterator<Item = &str> {
    let mut next = Some(dir);
    std::iter::from_fn(move || {
        let d = next?;
        next = if d.is_empty() { None } else { Some(folder(d)) };
        Some(d)
    })
}

/// The files a rendered body refers to.
mod uses {
    use std::collections::HashSet;

    use crate::html::{resolve, start_tags};

    /// Attributes whose value is a URL (or, for `srcset`, a list of them).
    const URL_ATTRS: &[&str] = &[
        "src",
        "href",
        "srcset",
        "poster",
        "data",
        "xlink:href",
        "background",
        "cite",
        "action",
        "formaction",
        "longdesc",
        "imagesrcset",
    ];

    /// Adds to `out` the site paths (`articles/chart.svg`) that the `html`
    /// of the page at `page` (`articles/x/index.html`) refers to.
    pub fn collect(html: &str, page: &str, base: &str, out: &mut HashSet<String>) {
        start_tags(html, URL_ATTRS, |tag| {
            for attr in tag.attrs.iter() {
                let value = &attr.decoded;
                if attr.key.ends_with("srcset") {
                    for candidate in value.split(',') {
                        let url = candidate.split_whitespace().next().unwrap_or("");
                        collect_url(url, page, base, out);
                    }
                } else {
                    collect_url(value, page, base, out);
                }
            }
        });
    }

    /// Adds the site path `url` (written on `page`) points to, if any; a
    /// URL under the site's own `base` counts as a path from its root.
    pub fn collect_url(url: &str, page: &str, base: &str, out: &mut HashSet<String>) {
        let url = url.trim();
        let base_path = base
            .split_once("://")
            .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
            .unwrap_or("/");
        let own = url
            .strip_prefix(base)
            .map(|rest| format!("/{rest}"))
            .or_else(|| {
                (base_path != "/")
                    .then(|| url.strip_prefix(base_path).map(|rest| format!("/{rest}")))
                    .flatten()
            });
        for url in [Some(url.to_string()), own].into_iter().flatten() {
            if let Some(path) = resolve(page, &url) {
                out.insert(path);
            }
        }
    }
}

impl<'a> SiteView<'a> {
    pub fn is_private(&self) -> bool {
        self.audience == Audience::Private
    }

    /// Articles, newest first (undated last, then by title for stability).
    pub fn articles(&self) -> Vec<&'a Item> {
        let mut list: Vec<&Item> = self.of(Kind::Article).collect();
        // No two articles compare equal (their files differ), so an
        // unstable sort gives the one order.
        list.sort_unstable_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.rel.cmp(&b.rel))
        });
        list
    }

    pub fn of(&self, kind: Kind) -> impl Iterator<Item = &'a Item> + '_ {
        self.items.iter().copied().filter(move |i| i.kind == kind)
    }

    pub fn home(&self) -> Option<&'a Item> {
        self.of(Kind::Home).next()
    }

    /// The achievement entries this audience may see, newest first: each
    /// entry has its own visibility, whatever its file's.
    pub fn achievements(&self) -> Vec<&'a Achievement> {
        let drafts = self.site.config.drafts;
        self.site
            .achievements
            .iter()
            .filter(|a| visible_to(a.visibility, a.draft, drafts, self.audience))
            .collect()
    }

    /// Whether this audience gets the achievements page: it has entries
    /// to see, or an achievement file (which other pages may link to).
    pub fn has_achievements_page(&self) -> bool {
        let drafts = self.site.config.drafts;
        !self.achievements().is_empty()
            || self
                .site
                .achievement_files
                .iter()
                .any(|f| visible_to(f.visibility, f.draft, drafts, self.audience))
    }

    /// The `advances:` links of `entry` whose roadmap this audience sees;
    /// the others are left out, so a public entry never names a private
    /// roadmap.
    pub fn advances(&self, entry: &'a Achievement) -> Vec<&'a Advance> {
        entry
            .advances
            .iter()
            .filter(|a| self.items.iter().any(|i| i.rel == a.roadmap))
            .collect()
    }

    /// The CV this audience may see: the whole of it for the private site;
    /// for the public, without the entries marked `visibility: private` and
    /// the `basics` fields named private, and with no `visibility` key left.
    /// (Its achievement highlights are merged per audience from
    /// [`SiteView::achievements`] and [`SiteView::cv_work`].)
    pub fn cv(&self) -> Option<&Cv> {
        self.cv.as_ref().map(|c| &*c.cv)
    }

    /// The index, in [`SiteView::cv`], of the work entry `entry` names with
    /// `cv:`; `None` when it names none this audience sees.
    pub fn cv_work(&self, entry: &Achievement) -> Option<usize> {
        let index = entry.cv_work?;
        match &self.cv.as_ref()?.work_source {
            None => Some(index),
            Some(kept) => kept.iter().position(|&k| k == index),
        }
    }

    /// The index in the full CV of work entry `index` of [`SiteView::cv`]
    /// (where it is written, for diagnostics).
    pub fn cv_work_source(&self, index: usize) -> usize {
        match self.cv.as_ref().and_then(|c| c.work_source.as_ref()) {
            Some(kept) => kept.get(index).copied().unwrap_or(index),
            None => index,
        }
    }
}

/// A roadmap as one audience may see it.
#[derive(Debug)]
pub struct RoadmapView<'a> {
    pub item: &'a Item,
    /// For the public: objective texts removed unless `public_items: true`.
    pub roadmap: Cow<'a, Roadmap>,
    /// The rendered body; `None` for the public.
    pub content: Option<Cow<'a, str>>,
}

impl<'a> SiteView<'a> {
    /// The visible roadmaps, cut for this audience.
    pub fn roadmaps(&self) -> Vec<RoadmapView<'a>> {
        self.of(Kind::Roadmap)
            .filter_map(|item| {
                let roadmap = item.roadmap.as_deref()?;
                Some(match self.audience {
                    Audience::Private => RoadmapView {
                        item,
                        roadmap: Cow::Borrowed(roadmap),
                        content: Some(item.rendered.html.text()),
                    },
                    Audience::Public => RoadmapView {
                        item,
                        roadmap: if roadmap.public_items {
                            Cow::Borrowed(roadmap)
                        } else {
                            Cow::Owned(roadmap.without_item_text())
                        },
                        content: None,
                    },
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_uses_what_its_html_refers_to_as_a_browser_resolves_it() {
        let html = concat!(
            "<img src=\"../chart.svg\" srcset=\"../a.png 1x, /media/b&amp;c.png 2x\">",
            "<a href=\"https://example.org/me/docs/offer.txt#p\">o</a>",
            "<video poster=\"/me/media/poster.png\"></video>",
            "<a href=\"https://elsewhere.org/x.png\">x</a>",
            "<!-- <img src=\"../hidden.png\"> -->",
            "<p data-x=\"../not-a-url.png\">",
        );
        let mut found = HashSet::new();
        uses::collect(
            html,
            "articles/plan/index.html",
            "https://example.org/me/",
            &mut found,
        );
        let mut found: Vec<_> = found.into_iter().collect();
        found.sort();
        assert_eq!(
            found,
            [
                "articles/a.png",
                "articles/chart.svg",
                "docs/offer.txt",
                "me/media/poster.png",
                "media/b&c.png",
                "media/poster.png",
            ]
        );
    }

    #[test]
    fn ancestors_climb_to_the_top() {
        assert_eq!(
            ancestors("a/b/c").collect::<Vec<_>>(),
            ["a/b/c", "a/b", "a", ""]
        );
        assert_eq!(ancestors("").collect::<Vec<_>>(), [""]);
        assert_eq!(stem_name("secret/_index.markdown"), "_index");
    }

    #[test]
    fn public_gets_public_published_items_only() {
        use Audience::*;
        use Visibility as V;
        assert!(visible_to(V::Public, false, false, Public));
        assert!(!visible_to(V::Private, false, false, Public));
        assert!(!visible_to(V::Public, true, false, Public));
        assert!(visible_to(V::Public, true, true, Public));
        assert!(!visible_to(V::Private, true, true, Public));
        assert!(visible_to(V::Private, false, false, Private));
        assert!(!visible_to(V::Private, true, false, Private));
    }
}
