//! The career part of a site: the CV page, `resume.json`, the achievement
//! pages, the LinkedIn page, and what the home and roadmap pages show of
//! them. `Career` is built once per audience from the view and hands the
//! renderer pages, variables and files; it never decides visibility itself.

pub mod achievements;
pub mod cv;
pub mod icons;
pub mod linkedin;

use serde_json::json;
use tera::Value;

use super::Page;
use super::context::{NavEntry, json_ld};
use crate::content::achievement::Achievement;
use crate::content::view::SiteView;
use crate::content::{Item, Kind};
use crate::error::Result;
use crate::export::json_resume::{Merged, to_json};
use crate::output::Outputs;

/// How many achievements the home page shows.
const HOME_ACHIEVEMENTS: usize = 3;

pub(super) struct Career<'v, 'a> {
    view: &'v SiteView<'a>,
    achievements: Vec<&'a Achievement>,
    merged: Option<Merged<'a>>,
    /// The theme typesets `cv.pdf` (it has `cv.typ`): pages link to it.
    has_pdf: bool,
}

impl<'v, 'a> Career<'v, 'a> {
    pub fn new(view: &'v SiteView<'a>, theme: &super::Theme) -> Self {
        let merged = Merged::for_view(view);
        Career {
            view,
            achievements: view.achievements(),
            has_pdf: merged.is_some() && theme.typst_template(super::pdf::TEMPLATE).is_some(),
            merged,
        }
    }

    /// `cv.pdf` when this site has one, else none (the `cv_pdf` variable
    /// of the home and CV pages).
    fn pdf_var(&self) -> Value {
        if self.has_pdf {
            Value::from("cv.pdf")
        } else {
            Value::none()
        }
    }

    fn name(&self) -> &str {
        let c = &self.view.site.config;
        if c.author.is_empty() {
            &c.title
        } else {
            &c.author
        }
    }

    /// The home page's `profile`, `featured_projects` and
    /// `latest_achievements`, and its JSON-LD `Person` from the CV.
    pub fn home<'p>(&self, mut page: Page<'p>) -> Page<'p> {
        let latest: Vec<_> = self
            .achievements
            .iter()
            .take(HOME_ACHIEVEMENTS)
            .map(|a| achievements::entry(self.view, a, false))
            .collect();
        page = page
            .var("latest_achievements", Value::from_serializable(&latest))
            .var("cv_pdf", self.pdf_var());
        let Some(m) = &self.merged else {
            return page.var("profile", Value::none()).var(
                "featured_projects",
                Value::from_serializable(&Vec::<()>::new()),
            );
        };
        let base = &self.view.site.config.base_url;
        let mut person = cv::person(&m.resume, self.name(), base);
        person["@context"] = json!("https://schema.org");
        page.json_ld = Some(json_ld(&person));
        page.var("profile", Value::from_serializable(&cv::basics(&m.resume)))
            .var(
                "featured_projects",
                Value::from_serializable(&cv::featured_projects(&m.resume)),
            )
    }

    /// The CV page, the achievement pages and (private site) LinkedIn.
    pub fn pages(&self) -> Vec<Page<'static>> {
        let mut pages = Vec::new();
        if let Some(m) = &self.merged {
            let config = &self.view.site.config;
            let ctx = cv::cv(m);
            let title = if ctx.basics.name.is_empty() {
                "CV".to_string()
            } else {
                format!("CV of {}", ctx.basics.name)
            };
            let mut page = Page::new("cv/", "cv.html", Some(title));
            page.description = [&ctx.basics.label, &ctx.basics.summary]
                .into_iter()
                .find(|s| !s.is_empty())
                .cloned()
                .unwrap_or_default();
            page.og_type = "profile";
            let person = cv::person(&m.resume, self.name(), &config.base_url);
            page.json_ld = Some(json_ld(&json!({
                "@context": "https://schema.org",
                "@type": "ProfilePage",
                "url": format!("{}cv/", config.base_url),
                "mainEntity": person,
            })));
            pages.push(
                page.var("cv", Value::from_serializable(&ctx))
                    .var("cv_pdf", self.pdf_var())
                    .var("paper", Value::from(config.cv.paper.name())),
            );
        }
        pages.extend(achievements::pages(self.view, &self.achievements));
        pages.extend(linkedin::page(self.view));
        pages
    }

    /// A roadmap page's `advanced_by`: its sections that achievements
    /// advance. Other pages are returned as they are.
    pub fn item_page<'p>(&self, item: &Item, page: Page<'p>) -> Page<'p> {
        if item.kind != Kind::Roadmap {
            return page;
        }
        page.var(
            "advanced_by",
            achievements::advanced_by(self.view, item, &self.achievements),
        )
    }

    /// `cv.pdf`: the CV with this audience's highlights merged in, typeset
    /// with the theme's `cv.typ` ([`crate::render::pdf`]); `None` without
    /// a CV or without that template.
    pub fn pdf(
        &self,
        theme: &super::Theme,
    ) -> std::result::Result<Option<std::sync::Arc<[u8]>>, Vec<crate::diagnostic::Diagnostic>> {
        let (true, Some(m), Some((path, text))) = (
            self.has_pdf,
            &self.merged,
            theme.typst_template(super::pdf::TEMPLATE),
        ) else {
            return Ok(None);
        };
        let template = super::pdf::Template { path, text };
        let ctx = cv::cv(m);
        super::pdf::cv_pdf(
            &self.view.site.config,
            self.view.audience,
            &ctx,
            &ctx.basics.name,
            &template,
        )
        .map(Some)
    }

    /// `resume.json`: the CV with this audience's highlights merged in.
    pub fn files(&self, out: &mut Outputs) -> Result<()> {
        if let Some(m) = &self.merged {
            out.insert("resume.json", to_json(&m.resume))?;
        }
        Ok(())
    }
}

/// Navigation entries for the CV, the achievements and (private) LinkedIn.
pub fn nav(view: &SiteView<'_>) -> Vec<NavEntry> {
    let mut nav = Vec::new();
    let entry = |title: &str, path: &str| NavEntry {
        title: title.into(),
        path: path.into(),
    };
    if view.cv().is_some() {
        nav.push(entry("CV", "cv/"));
    }
    if view.has_achievements_page() {
        nav.push(entry("Achievements", "achievements/"));
    }
    if view.cv().is_some() && view.is_private() {
        nav.push(entry("LinkedIn", "linkedin/"));
    }
    nav
}
