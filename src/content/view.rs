//! The audience boundary: the one place that decides what each site gets.
//!
//! `site.view(Audience::Public)` hands renderers only public, published
//! items; templates cannot leak what they are never given. Every other
//! module asks [`visible_to`] rather than reading `visibility` itself.
//!
//! Roadmaps get a finer cut ([`SiteView::roadmaps`]): the public site sees
//! a public roadmap's section titles and progress, never its body, and its
//! objective texts only with `public_items: true`. So does the CV
//! ([`SiteView::cv`]): the public site sees it without the entries and
//! `basics` fields marked private, and without any `visibility` key.

use std::borrow::Cow;

use super::achievement::Achievement;
use super::advances::Advance;
use super::cv::Cv;
use super::roadmap::Roadmap;
use super::{Asset, Item, Kind, Site, Visibility};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    Public,
    Private,
}

impl Audience {
    pub fn name(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Private => "private",
        }
    }
}

/// Whether an item with this visibility and draft state belongs in the
/// site for `audience`. Drafts appear only when `drafts_shown`.
pub fn visible_to(
    visibility: Visibility,
    draft: bool,
    drafts_shown: bool,
    audience: Audience,
) -> bool {
    if draft && !drafts_shown {
        return false;
    }
    match audience {
        Audience::Private => true,
        Audience::Public => visibility == Visibility::Public,
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
            assets: self
                .assets
                .iter()
                .filter(|a| visible_to(a.visibility, false, drafts, audience))
                .collect(),
            cv: self.cv.as_ref().map(|cv| CvView::new(cv, audience)),
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
        list.sort_by(|a, b| {
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
    pub content: Option<&'a str>,
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
                        content: Some(&*item.rendered.html),
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
