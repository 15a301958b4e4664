//! Handing the career facts to other tools: `resume.json` (JSON Resume)
//! and LinkedIn-ready text. Both are built from one audience's view, so
//! what they carry has passed the audience boundary; the site's
//! `resume.json`, `/cv/` and `/linkedin/` pages and the `folio export`
//! commands share these functions.

pub mod json_resume;
pub mod linkedin;

use std::path::Path;

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

/// `folio export json-resume`: the public `resume.json` of the site at `root`.
pub fn json_resume(root: &Path) -> Result<Export> {
    let site = load(root)?;
    let merged = Merged::for_view(&site.view(Audience::Public)).ok_or_else(no_cv)?;
    Ok(Export {
        text: to_json(&merged.resume),
        warnings: site.warnings.clone(),
    })
}

/// `folio export linkedin`: the LinkedIn text of the site at `root`.
pub fn linkedin(root: &Path) -> Result<Export> {
    let site = load(root)?;
    let profile = Profile::for_site(&site).ok_or_else(no_cv)?;
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

fn no_cv() -> Error {
    Diagnostic::error("cv", "content", "the site has no CV to export")
        .hint("write content/cv.yaml (JSON Resume as YAML) or content/cv.json")
        .into()
}
