//! What the CV pages show of the CV variants: a link to the whole CV and
//! to each variant, the one shown marked, and a variant's title.

use serde::Serialize;

use crate::config::cv_variants::CvVariant;

/// A link among the CV's versions.
#[derive(Serialize)]
pub struct VariantLink {
    pub title: String,
    /// Site path: `cv/` or `cv/NAME/`.
    pub path: String,
    /// The page being rendered.
    pub current: bool,
}

/// A variant's title: its `label`, else its name.
pub fn title(v: &CvVariant) -> String {
    v.label.clone().unwrap_or_else(|| v.name.clone())
}

/// The whole CV and every variant, or nothing when there are none.
pub fn links(variants: &[CvVariant], shown: Option<&CvVariant>) -> Vec<VariantLink> {
    if variants.is_empty() {
        return Vec::new();
    }
    let mut out = vec![VariantLink {
        title: "Full CV".into(),
        path: "cv/".into(),
        current: shown.is_none(),
    }];
    out.extend(variants.iter().map(|v| VariantLink {
        title: title(v),
        path: format!("cv/{}/", v.name),
        current: shown.is_some_and(|s| s.name == v.name),
    }));
    out
}
