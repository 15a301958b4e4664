//! The private `/linkedin/` page: the LinkedIn text of
//! [`crate::export::linkedin`](mod@crate::export::linkedin) with its counts and the limits table.

use tera::Value;

use super::super::Page;
use crate::content::view::SiteView;
use crate::export::linkedin::{LIMITS, Profile};

/// The page, for the private site only (the text itself comes from the
/// public view: it is meant to be published).
pub(in crate::render) fn page(view: &SiteView<'_>) -> Option<Page<'static>> {
    if !view.is_private() {
        return None;
    }
    let profile = Profile::for_site(view.site)?;
    let mut page = Page::new("linkedin/", "linkedin.html", Some("LinkedIn".into()))
        .var("linkedin", Value::from_serializable(&profile))
        .var("limits", Value::from_serializable(&LIMITS));
    page.description = "LinkedIn profile text built from the CV, ready to paste.".into();
    Some(page)
}
