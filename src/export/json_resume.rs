//! The CV with achievement highlights merged in, and its JSON Resume text.
//!
//! An achievement with `cv: <employer>` becomes a highlight of that work
//! entry: its title, followed by its impact metrics. The CV's own
//! highlights come first, then the achievements, newest first; a highlight
//! already in the CV is not repeated. Everything else of the view's CV,
//! unknown keys included, comes out as it went in. The public view's CV has
//! no private entry, so an achievement naming a private job adds nothing
//! to it.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::content::achievement::Achievement;
use crate::content::cv::Cv;
use crate::content::resume::{Highlight, Resume, Text};
use crate::content::view::SiteView;

/// A CV with one audience's achievements merged into its work entries.
#[derive(Debug, Clone)]
pub struct Merged<'a> {
    pub resume: Resume,
    /// Per work entry (by index): the achievements merged into it.
    pub added: BTreeMap<usize, Vec<&'a Achievement>>,
    /// (work entry, highlight text) → the achievement it came from.
    pub(super) sources: HashMap<(usize, String), &'a Achievement>,
}

impl<'a> Merged<'a> {
    /// The view's CV with the view's achievements merged in.
    pub fn for_view(view: &SiteView<'a>) -> Option<Merged<'a>> {
        let placed: Vec<(&Achievement, usize)> = view
            .achievements()
            .into_iter()
            .filter_map(|a| Some((a, view.cv_work(a)?)))
            .collect();
        Some(merge(view.cv()?, &placed))
    }

    /// The achievement a highlight of work entry `work` came from.
    pub fn source_of(&self, work: usize, highlight: &str) -> Option<&'a Achievement> {
        self.sources.get(&(work, highlight.to_string())).copied()
    }
}

/// The highlight an achievement becomes: `Title — impact; impact`.
pub fn highlight_text(a: &Achievement) -> String {
    if a.impact.is_empty() {
        a.title.clone()
    } else {
        format!("{} — {}", a.title, a.impact.join("; "))
    }
}

/// Merges `achievements` (newest first, each with the index of the work
/// entry it names in `cv`) into those work entries.
pub fn merge<'a>(cv: &Cv, achievements: &[(&'a Achievement, usize)]) -> Merged<'a> {
    let mut resume = cv.resume.clone();
    let mut added: BTreeMap<usize, Vec<&Achievement>> = BTreeMap::new();
    let mut sources = HashMap::new();
    let mut present: HashMap<usize, HashSet<String>> = HashMap::new();
    if let Some(work) = resume.work.as_mut() {
        for &(a, i) in achievements {
            if i >= work.len() {
                continue;
            }
            let list = work[i].highlights.get_or_insert_with(Vec::new);
            let seen = present
                .entry(i)
                .or_insert_with(|| list.iter().map(|h| h.as_str().to_string()).collect());
            let text = highlight_text(a);
            if seen.insert(text.clone()) {
                let tags: Vec<Text> = a.tags.iter().map(|t| Text(t.clone())).collect();
                list.push(Highlight {
                    text: Text(text.clone()),
                    tags: (!tags.is_empty()).then_some(tags),
                    notes: None,
                });
            }
            sources.entry((i, text)).or_insert(a);
            added.entry(i).or_default().push(a);
        }
    }
    Merged {
        resume,
        added,
        sources,
    }
}

/// `resume.json`: pretty-printed JSON with a final newline. Highlights
/// are text, as the schema has them, and no entry's `notes` (private to
/// the owner's CV page) is written, whichever audience the CV is for.
pub fn to_json(resume: &Resume) -> String {
    let mut value = resume.clone();
    macro_rules! plain {
        ($($section:ident),*) => {$(
            for e in value.$section.iter_mut().flatten() {
                e.notes = None;
            }
        )*};
        ($($section:ident),* ; highlights) => {$(
            for e in value.$section.iter_mut().flatten() {
                e.notes = None;
                for h in e.highlights.iter_mut().flatten() {
                    *h = Highlight::plain(h.as_str());
                }
            }
        )*};
    }
    plain!(work, volunteer, projects; highlights);
    plain!(
        education,
        awards,
        certificates,
        publications,
        skills,
        languages,
        interests,
        references
    );
    let mut json = serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".into());
    json.push('\n');
    json
}
