//! Roadmap pages for both sites: in the private site the dashboard
//! (`dashboard/`), a page per roadmap with its decorated body, and
//! `progress.json`; in the public site a "Now" page per public roadmap.
//!
//! Everything here starts from [`SiteView::roadmaps`], which has already
//! cut each roadmap for the audience; nothing reads `Item::roadmap` or a
//! roadmap's body directly.

use tera::Value;

use super::roadmap_ctx;
use super::{Page, Var};
use crate::content::view::{Audience, SiteView};
use crate::progress;

/// Where the dashboard lives in the private site.
pub const DASHBOARD_PATH: &str = "dashboard/";

/// Pages to render and files to write for one audience.
pub(super) struct RoadmapOutputs<'a> {
    pub pages: Vec<Page<'a>>,
    pub files: Vec<(String, Vec<u8>)>,
}

/// `decorate` adds what other parts of the site attach to a roadmap page
/// (the achievements that advance it).
pub(super) fn build<'a>(
    view: &SiteView<'a>,
    decorate: impl Fn(&crate::content::Item, Page<'a>) -> Page<'a>,
) -> RoadmapOutputs<'a> {
    let config = &view.site.config;
    let views = view.roadmaps();
    let mut pages = Vec::new();
    let mut files = Vec::new();
    match view.audience {
        Audience::Public => {
            for v in &views {
                let ctx = roadmap_ctx::now_page(v);
                pages.push(page(v, "now.html", Value::from_serializable(&ctx)));
            }
        }
        Audience::Private => {
            let models: Vec<&crate::content::roadmap::Roadmap> =
                views.iter().map(|v| v.roadmap.as_ref()).collect();
            let p = progress::compute(&models, config.today);
            for (v, rp) in views.iter().zip(&p.roadmaps) {
                let ctx = roadmap_ctx::private_roadmap(v, rp, config.today);
                let p = page(v, "roadmap.html", Value::from_serializable(&ctx));
                pages.push(decorate(v.item, p));
            }
            let ctx = roadmap_ctx::dashboard(&views, &p);
            let timeline = super::timeline::context(&views, &p.timeline, config.today);
            let mut dashboard =
                Page::new(DASHBOARD_PATH, "dashboard.html", Some("Dashboard".into()))
                    .var(
                        "dashboard",
                        Var::Value(Value::from_serializable(&ctx), None),
                    )
                    .var(
                        "timeline",
                        Var::Value(Value::from_serializable(&timeline), None),
                    );
            dashboard.description = "Progress on every roadmap.".into();
            pages.push(dashboard);
            files.push((
                "progress.json".to_string(),
                super::progress_json::render(&views, &p, &config.base_url),
            ));
        }
    }
    RoadmapOutputs { pages, files }
}

/// A roadmap page. Its variables are always rendered afresh (no
/// fingerprint): they depend on every roadmap and on today's date.
fn page<'a>(v: &crate::content::view::RoadmapView<'a>, template: &str, ctx: Value) -> Page<'a> {
    let item = v.item;
    let template = item
        .template
        .clone()
        .unwrap_or_else(|| template.to_string());
    let mut p = Page::new(item.path.as_str(), template, Some(item.title.clone()))
        .var("roadmap", Var::Value(ctx, None));
    p.description = item.description.as_str().into();
    p
}
