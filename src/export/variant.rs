//! A CV variant (`[cv.variants.NAME]` in `site.toml`): one audience's
//! merged CV cut down to the entries, highlights and skills its tags pick,
//! with the variant's own `label` and `summary`.
//!
//! The rule: an entry is picked when one of its tags is the variant's, or
//! when it has no tags and the variant is not `only_tagged`. A picked
//! entry keeps its highlights with no tags and those with one of the
//! variant's tags. An entry not picked is still shown for its highlights
//! that carry one of the variant's tags, with those only. Achievements
//! merged as highlights carry their own tags.
//!
//! The cut starts from one audience's CV ([`Merged::for_view`]), so a
//! public variant never holds a private entry. The site's `/cv/NAME/`
//! pages, `resume-NAME.json` files and `folio export … --variant NAME` all
//! come from [`Merged::variant`]; so can a typeset `cv-NAME.pdf`.

use std::collections::{BTreeMap, HashMap};

use super::json_resume::Merged;
use crate::config::cv_variants::CvVariant;
use crate::content::resume::{Highlight, Resume, Text};

/// A list entry the variant can keep or leave out.
trait Tagged: Clone {
    fn tags(&self) -> &Option<Vec<Text>>;
    /// The entry's highlights, for those that have them.
    fn highlights(&mut self) -> Option<&mut Option<Vec<Highlight>>> {
        None
    }
}

macro_rules! tagged {
    ($($t:ident),*) => {$(
        impl Tagged for crate::content::resume::$t {
            fn tags(&self) -> &Option<Vec<Text>> {
                &self.tags
            }
        }
    )*};
}

macro_rules! tagged_with_highlights {
    ($($t:ident),*) => {$(
        impl Tagged for crate::content::resume::$t {
            fn tags(&self) -> &Option<Vec<Text>> {
                &self.tags
            }
            fn highlights(&mut self) -> Option<&mut Option<Vec<Highlight>>> {
                Some(&mut self.highlights)
            }
        }
    )*};
}

tagged!(
    Education,
    Award,
    Certificate,
    Publication,
    Skill,
    Language,
    Interest,
    Reference
);
tagged_with_highlights!(Work, Volunteer, Project);

fn names(tags: &Option<Vec<Text>>) -> impl Iterator<Item = &str> {
    tags.iter().flatten().map(Text::as_str)
}

/// `entry` as the variant shows it, or `None` when it leaves it out.
fn cut<T: Tagged>(variant: &CvVariant, entry: &T) -> Option<T> {
    let tagged = |t: &Option<Vec<Text>>| t.as_ref().is_some_and(|t| !t.is_empty());
    let mut entry = entry.clone();
    let picked = if tagged(entry.tags()) {
        variant.takes(names(entry.tags()))
    } else {
        !variant.only_tagged
    };
    let Some(Some(list)) = entry.highlights() else {
        return picked.then_some(entry);
    };
    if picked {
        list.retain(|h| !tagged(&h.tags) || variant.takes(names(&h.tags)));
        return Some(entry);
    }
    // Not picked itself: shown for its highlights the variant picks.
    list.retain(|h| tagged(&h.tags) && variant.takes(names(&h.tags)));
    (!list.is_empty()).then_some(entry)
}

/// The entries of a section the variant keeps, with the index each had;
/// a section left with none is left out.
fn section<T: Tagged>(variant: &CvVariant, list: &Option<Vec<T>>) -> (Option<Vec<T>>, Vec<usize>) {
    let Some(list) = list else {
        return (None, Vec::new());
    };
    let (kept, from): (Vec<T>, Vec<usize>) = list
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((cut(variant, e)?, i)))
        .unzip();
    if kept.is_empty() && !list.is_empty() {
        return (None, from);
    }
    (Some(kept), from)
}

impl<'a> Merged<'a> {
    /// This CV as the variant `variant` shows it, and for each work entry
    /// kept, its index in this CV.
    pub fn variant(&self, variant: &CvVariant) -> (Merged<'a>, Vec<usize>) {
        let r = &self.resume;
        let (work, work_from) = section(variant, &r.work);
        let mut basics = r.basics.clone();
        if variant.label.is_some() || variant.summary.is_some() {
            let b = basics.get_or_insert_with(Default::default);
            if let Some(label) = &variant.label {
                b.label = Some(Text(label.clone()));
            }
            if let Some(summary) = &variant.summary {
                b.summary = Some(Text(summary.clone()));
            }
        }
        let resume = Resume {
            basics,
            work,
            volunteer: section(variant, &r.volunteer).0,
            education: section(variant, &r.education).0,
            awards: section(variant, &r.awards).0,
            certificates: section(variant, &r.certificates).0,
            publications: section(variant, &r.publications).0,
            skills: section(variant, &r.skills).0,
            languages: section(variant, &r.languages).0,
            interests: section(variant, &r.interests).0,
            references: section(variant, &r.references).0,
            projects: section(variant, &r.projects).0,
            extra: r.extra.clone(),
        };
        let new_index: HashMap<usize, usize> = work_from
            .iter()
            .enumerate()
            .map(|(new, &old)| (old, new))
            .collect();
        let shown = |work: usize, text: &str| {
            resume
                .work
                .as_deref()
                .and_then(|w| w.get(work))
                .is_some_and(|w| w.highlights.iter().flatten().any(|h| h.as_str() == text))
        };
        let mut added = BTreeMap::new();
        for (old, list) in &self.added {
            if let Some(&new) = new_index.get(old) {
                let kept: Vec<_> = list
                    .iter()
                    .copied()
                    .filter(|a| shown(new, &super::json_resume::highlight_text(a)))
                    .collect();
                if !kept.is_empty() {
                    added.insert(new, kept);
                }
            }
        }
        let sources = self
            .sources
            .iter()
            .filter_map(|((old, text), a)| {
                let new = *new_index.get(old)?;
                shown(new, text).then(|| ((new, text.clone()), *a))
            })
            .collect();
        (
            Merged {
                resume,
                added,
                sources,
            },
            work_from,
        )
    }
}
