//! Handing the career facts to other tools: `resume.json` (JSON Resume)
//! and LinkedIn-ready text. Both are built from one audience's view, so
//! what they carry has passed the audience boundary; the site's
//! `resume.json`, `/cv/` and `/linkedin/` pages and the `folio export`
//! commands share these functions.

pub mod json_resume;
pub mod linkedin;
pub mod variant;

use std::path::Path;

use crate::config::cv_variants::CvVariant;
use crate::config::{Config, Overrides};
use crate::content::view::Audience;
use crate::content::{self, Site};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use json_resume::{Merged, to_json};
use linkedin::Profile;

/// What an export produced: the text, and warnings to show.
pub struct Export {
    pub text: String,
    pub warnings: Vec<Diagnostic>,
}

/// `folio export json-resume [--variant NAME]`: the public `resume.json`
/// of the site at `root`, or of its CV variant `variant`.
pub fn json_resume(root: &Path, variant: Option<&str>) -> Result<Export> {
    let site = load(root)?;
    let mut merged = Merged::for_view(&site.view(Audience::Public)).ok_or_else(no_cv)?;
    if let Some(name) = variant {
        merged = merged.variant(find_variant(&site, name)?).0;
    }
    Ok(Export {
        text: to_json(&merged.resume),
        warnings: site.warnings.clone(),
    })
}

/// `folio export linkedin [--variant NAME]`: the LinkedIn text of the site
/// at `root`, or of its CV variant `variant`.
pub fn linkedin(root: &Path, variant: Option<&str>) -> Result<Export> {
    let site = load(root)?;
    let profile = match variant {
        None => Profile::for_site(&site),
        Some(name) => Profile::for_variant(&site, find_variant(&site, name)?),
    }
    .ok_or_else(no_cv)?;
    let mut warnings = site.warnings.clone();
    warnings.extend(linkedin::warnings_for(&site));
    Ok(Export {
        text: profile.text(),
        warnings,
    })
}

fn load(root: &Path) -> Result<Site> {
    content::load(Config::load(root, &Overrides::default())?)
}

/// The variant `[cv.variants.NAME]` of `site.toml`, or a usage error
/// naming the variants there are.
fn find_variant<'s>(site: &'s Site, name: &str) -> Result<&'s CvVariant> {
    let variants = &site.config.cv_variants;
    variants.iter().find(|v| v.name == name).ok_or_else(|| {
        let names: Vec<&str> = variants.iter().map(|v| v.name.as_str()).collect();
        Error::Usage(if names.is_empty() {
            format!(
                "no CV variant `{name}`: site.toml names none (add [cv.variants.{name}] with tags = [\"…\"])"
            )
        } else {
            format!(
                "no CV variant `{name}` in site.toml: the variants are {}",
                names.join(", ")
            )
        })
    })
}

fn no_cv() -> Error {
    Diagnostic::error("cv", "content", "the site has no CV to export")
        .hint("write content/cv.yaml (JSON Resume as YAML) or content/cv.json")
        .into()
}
