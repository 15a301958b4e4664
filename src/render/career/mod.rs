//! The career part of a site: the CV page (and one per CV variant),
//! `resume.json` (and `resume-NAME.json`), the achievement
//! pages, the LinkedIn page, and what the home and roadmap pages show of
//! them. `Career` is built once per audience from the view and hands the
//! renderer pages, variables and files; it never decides visibility itself.

pub mod achievements;
pub mod cv;
pub mod icons;
pub mod linkedin;
mod variants;

use serde_json::json;
use tera::Value;

use super::Page;
use super::context::{NavEntry, json_ld};
use crate::config::cv_variants::CvVariant;
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
            has_pdf: merged.is_some()
                && view.site.config.cv.pdf
                && theme.typst_template(super::pdf::TEMPLATE).is_some(),
            merged,
        }
    }

    /// `cv.pdf` (`cv-NAME.pdf` for a variant's page) when this site has
    /// one, else none (the `cv_pdf` variable of the home and CV pages).
    fn pdf_var(&self, variant: Option<&CvVariant>) -> Value {
        match (self.has_pdf, variant) {
            (false, _) => Value::none(),
            (true, None) => Value::from("cv.pdf"),
            (true, Some(v)) => Value::from(format!("cv-{}.pdf", v.name)),
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
            .var("cv_pdf", self.pdf_var(None));
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

    /// The CV page, a page per CV variant, the achievement pages and
    /// (private site) LinkedIn.
    pub fn pages(&self) -> Vec<Page<'static>> {
        let mut pages = Vec::new();
        if let Some(m) = &self.merged {
            pages.push(self.cv_page(m, None));
            for v in &self.view.site.config.cv_variants {
                pages.push(self.cv_page(&m.variant(v).0, Some(v)));
            }
        }
        pages.extend(achievements::pages(self.view, &self.achievements));
        pages.extend(linkedin::page(self.view));
        pages
    }

    /// The page of the CV `m`: `cv/`, or `cv/NAME/` for a variant.
    fn cv_page(&self, m: &Merged<'_>, variant: Option<&CvVariant>) -> Page<'static> {
        let config = &self.view.site.config;
        let mut ctx = cv::cv(m, self.view.is_private());
        ctx.variant = variant.map(|v| v.name.clone());
        ctx.variants = variants::links(&config.cv_variants, variant);
        let name = if ctx.basics.name.is_empty() {
            "CV".to_string()
        } else {
            format!("CV of {}", ctx.basics.name)
        };
        let (path, title) = match variant {
            None => ("cv/".to_string(), name),
            Some(v) => (
                format!("cv/{}/", v.name),
                format!("{name} ({})", variants::title(v)),
            ),
        };
        let mut page = Page::new(path.clone(), "cv.html", Some(title));
        page.description = [&ctx.basics.label, &ctx.basics.summary]
            .into_iter()
            .find(|s| !s.is_empty())
            .cloned()
            .unwrap_or_default()
            .into();
        page.og_type = "profile";
        let person = cv::person(&m.resume, self.name(), &config.base_url);
        page.json_ld = Some(json_ld(&json!({
            "@context": "https://schema.org",
            "@type": "ProfilePage",
            "url": format!("{}{path}", config.base_url),
            "mainEntity": person,
        })));
        page.var("cv", Value::from_serializable(&ctx))
            .var("cv_pdf", self.pdf_var(variant))
            .var("paper", Value::from(config.cv.paper.name()))
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

    /// The CV PDFs, each with the file it is written to: `cv.pdf` (the CV
    /// with this audience's highlights merged in) and `cv-NAME.pdf` for
    /// each CV variant, typeset with the theme's `cv.typ`
    /// ([`crate::render::pdf`]); none without a CV or without that
    /// template. Private notes are never typeset.
    pub fn pdfs(
        &self,
        theme: &super::Theme,
    ) -> std::result::Result<Vec<super::pdf::Pdf>, Vec<crate::diagnostic::Diagnostic>> {
        let (true, Some(m), Some((path, text))) = (
            self.has_pdf,
            &self.merged,
            theme.typst_template(super::pdf::TEMPLATE),
        ) else {
            return Ok(Vec::new());
        };
        let template = super::pdf::Template { path, text };
        let config = &self.view.site.config;
        let mut out = Vec::new();
        let main = cv::cv(m, false);
        let bytes = super::pdf::cv_pdf(
            config,
            self.view.audience,
            "cv",
            &main,
            &main.basics.name,
            &template,
        )?;
        out.push(("cv.pdf".to_string(), bytes));
        for v in &config.cv_variants {
            let stem = format!("cv-{}", v.name);
            let mut ctx = cv::cv(&m.variant(v).0, false);
            ctx.variant = Some(v.name.clone());
            let bytes = super::pdf::cv_pdf(
                config,
                self.view.audience,
                &stem,
                &ctx,
                &ctx.basics.name,
                &template,
            )?;
            out.push((format!("{stem}.pdf"), bytes));
        }
        Ok(out)
    }

    /// `resume.json`: the CV with this audience's highlights merged in;
    /// `resume-NAME.json` for each CV variant.
    pub fn files(&self, out: &mut Outputs) -> Result<()> {
        if let Some(m) = &self.merged {
            out.insert("resume.json", to_json(&m.resume))?;
            for v in &self.view.site.config.cv_variants {
                out.insert(
                    format!("resume-{}.json", v.name),
                    to_json(&m.variant(v).0.resume),
                )?;
            }
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
