//! The tags a CV carries (on entries, their highlights and skills) and the
//! warning for a CV variant's tag that nothing carries: such a variant
//! silently shows less than its author meant.

use std::collections::BTreeSet;
use std::path::Path;

use super::Cv;
use crate::config::cv_variants::CvVariant;
use crate::content::resume::{Highlight, Resume, Text};
use crate::diagnostic::{Diagnostic, closest};

/// Every tag of `resume`, lowercased.
pub fn tags(resume: &Resume) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut add = |tags: &Option<Vec<Text>>| {
        out.extend(
            tags.iter()
                .flatten()
                .map(|t| t.as_str().trim().to_lowercase()),
        );
    };
    let highlights = |list: &Option<Vec<Highlight>>| -> Vec<Option<Vec<Text>>> {
        list.iter().flatten().map(|h| h.tags.clone()).collect()
    };
    macro_rules! section {
        ($list:expr) => {
            for e in $list.iter().flatten() {
                add(&e.tags);
            }
        };
        ($list:expr, highlights) => {
            for e in $list.iter().flatten() {
                add(&e.tags);
                for h in highlights(&e.highlights) {
                    add(&h);
                }
            }
        };
    }
    section!(resume.work, highlights);
    section!(resume.volunteer, highlights);
    section!(resume.projects, highlights);
    section!(resume.education);
    section!(resume.awards);
    section!(resume.certificates);
    section!(resume.publications);
    section!(resume.skills);
    section!(resume.languages);
    section!(resume.interests);
    section!(resume.references);
    out
}

/// A warning, at the tag in `site.toml`, for each tag of `variants` that
/// neither the CV nor an achievement (`achievement_tags`) carries.
pub fn unknown_variant_tags<'a>(
    variants: &[CvVariant],
    cv: Option<&Cv>,
    achievement_tags: impl IntoIterator<Item = &'a str>,
) -> Vec<Diagnostic> {
    let mut known = cv.map(|cv| tags(&cv.resume)).unwrap_or_default();
    known.extend(achievement_tags.into_iter().map(str::to_lowercase));
    let mut out = Vec::new();
    for variant in variants {
        for tag in &variant.tags {
            if known.contains(&tag.name.to_lowercase()) {
                continue;
            }
            let hint = match closest(&tag.name, known.iter().map(String::as_str)) {
                Some(k) => format!("did you mean `{k}`?"),
                None if known.is_empty() => "add `tags: [...]` to CV entries, highlights or skills (or achievements), or remove the tag".into(),
                None => format!(
                    "the tags in use are: {}",
                    known.iter().cloned().collect::<Vec<_>>().join(", ")
                ),
            };
            let mut d = Diagnostic::warning(
                "cv",
                Path::new(crate::config::CONFIG_FILE),
                format!(
                    "the CV variant `{}` names the tag `{}`, which no CV entry, highlight, skill or achievement carries",
                    variant.name, tag.name
                ),
            )
            .hint(hint);
            if tag.line > 0 {
                d = d.at_in(&tag.source_line, 1, tag.col).at(tag.line, tag.col);
            }
            out.push(d);
        }
    }
    out
}
