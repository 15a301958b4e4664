//! What templates see: dedicated `Serialize` view structs, built from a
//! [`SiteView`] (never from the whole site). `docs/templates.md` documents
//! every field; keep the two in step.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::content::view::SiteView;
use crate::content::{Item, Kind, Visibility};
use crate::markdown::TocEntry;

#[derive(Serialize)]
pub struct SiteCtx<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub author: &'a str,
    pub language: &'a str,
    pub base_url: &'a str,
    pub extra: &'a toml::Table,
    pub is_private: bool,
    pub has_feed: bool,
    pub nav: Vec<NavEntry>,
    /// `[theme] accent` of site.toml, per scheme, or null.
    pub accent: Option<&'a crate::config::theme::Accent>,
}

#[derive(Serialize, Clone)]
pub struct NavEntry {
    pub title: String,
    pub path: String,
}

#[derive(Serialize)]
pub struct Meta {
    pub title: String,
    pub description: String,
    pub og_type: &'static str,
    pub noindex: bool,
    pub json_ld: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct TagRef {
    pub name: String,
    pub slug: String,
    pub path: String,
}

#[derive(Serialize, Clone)]
pub struct TagCtx {
    pub name: String,
    pub slug: String,
    pub path: String,
    pub count: usize,
}

/// An item as templates see it. `content` is only filled on the item's own
/// page, so list pages do not carry every body.
#[derive(Serialize)]
pub struct ItemCtx<'a> {
    pub title: &'a str,
    pub path: &'a str,
    pub permalink: String,
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub updated: Option<String>,
    pub description: &'a str,
    pub summary: Cow<'a, str>,
    pub content: Option<Cow<'a, str>>,
    pub tags: Vec<TagRef>,
    pub reading_time: usize,
    pub word_count: usize,
    pub toc: &'a [TocEntry],
    pub is_private: bool,
    pub draft: bool,
    pub kind: Kind,
    pub extra: &'a BTreeMap<String, serde_json::Value>,
}

impl<'a> ItemCtx<'a> {
    pub fn new(item: &'a Item, base_url: &str, with_content: bool) -> Self {
        ItemCtx {
            title: &item.title,
            path: &item.path,
            permalink: format!("{base_url}{}", item.path),
            date: item.date.map(|d| d.to_string()),
            date_display: item.date.map(|d| d.display_long()),
            updated: item.updated.map(|d| d.to_string()),
            description: &item.description,
            summary: Cow::Borrowed(&item.rendered.summary),
            content: with_content.then(|| item.rendered.html.text()),
            tags: item
                .tags
                .iter()
                .zip(&item.tag_slugs)
                .map(|(name, slug)| TagRef {
                    name: name.clone(),
                    slug: slug.clone(),
                    path: format!("tags/{slug}/"),
                })
                .collect(),
            reading_time: item.rendered.word_count.div_ceil(200).max(1),
            word_count: item.rendered.word_count,
            toc: &item.rendered.toc,
            is_private: item.visibility == Visibility::Private,
            draft: item.draft,
            kind: item.kind,
            extra: &item.extra,
        }
    }

    /// The item as listed on the page at site path `page`: its summary's
    /// relative links, written for the item's own page, are moved there.
    pub fn listed_on(mut self, item: &'a Item, page: &str) -> Self {
        self.summary = crate::html::rebase(&item.rendered.summary, &item.path, page);
        self
    }
}

impl<'a> SiteCtx<'a> {
    /// `career_nav` is the career pages' entries ([`super::career::nav`]),
    /// handed in so this module need not know the career pages.
    pub fn new(view: &SiteView<'a>, has_tags: bool, career_nav: Vec<NavEntry>) -> Self {
        let config = &view.site.config;
        let mut nav = vec![NavEntry {
            title: "Home".into(),
            path: String::new(),
        }];
        nav.push(NavEntry {
            title: "Articles".into(),
            path: "articles/".into(),
        });
        if has_tags {
            nav.push(NavEntry {
                title: "Tags".into(),
                path: "tags/".into(),
            });
        }
        if view.is_private() {
            nav.push(NavEntry {
                title: "Dashboard".into(),
                path: super::dashboard::DASHBOARD_PATH.into(),
            });
        }
        nav.extend(career_nav);
        let mut menu: Vec<&Item> = view
            .items
            .iter()
            .copied()
            .filter(|i| i.menu.is_some())
            .collect();
        menu.sort_by(|a, b| a.menu.cmp(&b.menu).then_with(|| a.title.cmp(&b.title)));
        nav.extend(menu.into_iter().map(|i| NavEntry {
            title: i.title.clone(),
            path: i.path.clone(),
        }));
        SiteCtx {
            title: &config.title,
            description: &config.description,
            author: &config.author,
            language: &config.language,
            base_url: &config.base_url,
            extra: &config.extra,
            is_private: view.is_private(),
            has_feed: !view.is_private(),
            nav,
            accent: config.accent.as_ref(),
        }
    }
}

/// A JSON document safe to put inside `<script type="application/ld+json">`.
pub fn json_ld(value: &serde_json::Value) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    json.replace("</", "<\\/")
}

/// Where a list page sits among its pages. Paths are relative to the root.
#[derive(Serialize, Hash)]
pub struct Paginator {
    /// 1-based.
    pub current: usize,
    pub total: usize,
    /// Items in the whole list, across pages.
    pub total_items: usize,
    pub first: String,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Paginator {
    /// The site path of page `n` (1-based) of the list at `base` (`articles/`).
    pub fn path(base: &str, n: usize) -> String {
        if n <= 1 {
            base.to_string()
        } else {
            format!("{base}page/{n}/")
        }
    }

    pub fn new(base: &str, current: usize, total: usize, total_items: usize) -> Self {
        Paginator {
            current,
            total,
            total_items,
            first: base.to_string(),
            prev: (current > 1).then(|| Paginator::path(base, current - 1)),
            next: (current < total).then(|| Paginator::path(base, current + 1)),
        }
    }
}
