//! Achievement pages: the log grouped by year (`achievements/`), one page
//! per tag (`achievements/tags/<slug>/`, the filter that needs no
//! JavaScript), the entries a roadmap page lists as advancing it, and the
//! entry contexts templates see. Entries come only from the view.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Value;

use super::super::Page;
use crate::content::Item;
use crate::content::Visibility;
use crate::content::achievement::{Achievement, PATH};
use crate::content::view::SiteView;
use crate::slug::slugify;

/// A tag of the log.
#[derive(Serialize, Clone)]
pub struct AchievementTag {
    pub name: String,
    pub slug: String,
    /// `achievements/tags/<slug>/`.
    pub path: String,
    pub count: usize,
}

/// A tag of one entry: its name and its page.
#[derive(Serialize)]
pub struct TagLink {
    pub name: String,
    pub slug: String,
    pub path: String,
}

#[derive(Serialize)]
pub struct AdvanceCtx {
    /// `Roadmap › Section`.
    pub title: String,
    /// `roadmaps/x/#section-id`, relative to the root.
    pub path: String,
}

#[derive(Serialize)]
pub struct CvRef {
    pub name: String,
    /// `cv/#work-<employer>`.
    pub path: String,
}

/// An entry as templates see it; `content` only on `achievements/`.
#[derive(Serialize)]
pub struct AchievementCtx<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub date: String,
    pub date_display: String,
    pub year: i32,
    /// `achievements/#<id>`.
    pub path: String,
    pub tags: Vec<TagLink>,
    pub impact: &'a [String],
    pub advances: Vec<AdvanceCtx>,
    pub cv: Option<CvRef>,
    pub is_private: bool,
    pub draft: bool,
    pub content: Option<&'a str>,
}

/// The anchor of an employer on the CV page.
pub fn employer_anchor(name: &str) -> String {
    let s = slugify(name);
    format!("work-{}", if s.is_empty() { "entry" } else { &s })
}

pub fn tag_of(name: &str) -> AchievementTag {
    let s = slugify(name);
    let slug = if s.is_empty() { "tag".to_string() } else { s };
    AchievementTag {
        name: name.to_string(),
        path: format!("{PATH}tags/{slug}/"),
        slug,
        count: 0,
    }
}

pub fn entry<'a>(
    view: &SiteView<'a>,
    a: &'a Achievement,
    with_content: bool,
) -> AchievementCtx<'a> {
    let cv = view.cv_work(a).and_then(|i| {
        let work = view.cv()?.resume.work.as_ref()?.get(i)?;
        let name = work.employer()?.to_string();
        Some(CvRef {
            path: format!("cv/#{}", employer_anchor(&name)),
            name,
        })
    });
    AchievementCtx {
        id: &a.id,
        title: &a.title,
        date: a.date.to_string(),
        date_display: a.date.display_long(),
        year: a.date.year,
        path: format!("{PATH}#{}", a.id),
        tags: a
            .tags
            .iter()
            .map(|t| {
                let AchievementTag {
                    name, slug, path, ..
                } = tag_of(t);
                TagLink { name, slug, path }
            })
            .collect(),
        impact: &a.impact,
        advances: view
            .advances(a)
            .into_iter()
            .map(|adv| AdvanceCtx {
                title: match &adv.section {
                    Some((_, title)) => format!("{} › {title}", adv.roadmap_title),
                    None => adv.roadmap_title.clone(),
                },
                path: adv.href(),
            })
            .collect(),
        cv,
        is_private: a.visibility == Visibility::Private,
        draft: a.draft,
        content: with_content.then_some(a.html.as_str()),
    }
}

#[derive(Serialize)]
struct YearCtx<'a> {
    year: i32,
    entries: Vec<AchievementCtx<'a>>,
}

/// `achievements/` and one page per tag. The log page exists whenever the
/// site has an achievement file, so links to it never break.
pub(in crate::render) fn pages(
    view: &SiteView<'_>,
    entries: &[&Achievement],
) -> Vec<Page<'static>> {
    if !view.has_achievements_page() {
        return Vec::new();
    }
    let mut tags: BTreeMap<String, (AchievementTag, Vec<&Achievement>)> = BTreeMap::new();
    for a in entries {
        for name in &a.tags {
            let t = tag_of(name);
            let slot = tags
                .entry(t.slug.clone())
                .or_insert_with(|| (t, Vec::new()));
            if !slot.1.iter().any(|e| std::ptr::eq(*e, *a)) {
                slot.0.count += 1;
                slot.1.push(a);
            }
        }
    }
    let mut years: Vec<YearCtx> = Vec::new();
    for a in entries {
        let ctx = entry(view, a, true);
        match years.last_mut() {
            Some(y) if y.year == ctx.year => y.entries.push(ctx),
            _ => years.push(YearCtx {
                year: ctx.year,
                entries: vec![ctx],
            }),
        }
    }
    let tag_list: Vec<&AchievementTag> = tags.values().map(|(t, _)| t).collect();
    let mut log = Page::new(PATH, "achievements.html", Some("Achievements".into()))
        .var("years", Value::from_serializable(&years))
        .var("tags", Value::from_serializable(&tag_list))
        .var("count", Value::from(entries.len()));
    log.description = format!(
        "{} achievement{}, newest first.",
        entries.len(),
        if entries.len() == 1 { "" } else { "s" }
    )
    .into();
    let mut pages = vec![log];
    for (tag, list) in tags.values() {
        let ctxs: Vec<AchievementCtx> = list.iter().map(|a| entry(view, a, false)).collect();
        pages.push(
            Page::new(
                tag.path.clone(),
                "achievement_tag.html",
                Some(format!("Achievements tagged “{}”", tag.name)),
            )
            .var("tag", Value::from_serializable(tag))
            .var("entries", Value::from_serializable(&ctxs)),
        );
    }
    pages
}

#[derive(Serialize)]
struct SectionCtx<'a> {
    /// The section's heading, or the roadmap's title for the whole roadmap.
    title: String,
    /// Link to the section, relative to the root.
    path: String,
    entries: Vec<AchievementCtx<'a>>,
}

/// For a roadmap page: its sections that achievements advance, in the
/// roadmap's order, each with its entries (newest first).
pub fn advanced_by(view: &SiteView<'_>, item: &Item, entries: &[&Achievement]) -> Value {
    let mut sections: BTreeMap<usize, SectionCtx> = BTreeMap::new();
    for a in entries {
        for adv in view.advances(a) {
            if adv.roadmap != item.rel {
                continue;
            }
            let (order, title) = match &adv.section {
                None => (0, item.title.clone()),
                Some((id, title)) => {
                    let pos = item.rendered.toc.iter().position(|h| &h.id == id);
                    (pos.map_or(usize::MAX, |p| p + 1), title.clone())
                }
            };
            let slot = sections.entry(order).or_insert_with(|| SectionCtx {
                title,
                path: adv.href(),
                entries: Vec::new(),
            });
            if !slot.entries.iter().any(|e| e.id == a.id) {
                slot.entries.push(entry(view, a, false));
            }
        }
    }
    let list: Vec<SectionCtx> = sections.into_values().collect();
    Value::from_serializable(&list)
}
