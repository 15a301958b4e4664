//! What a roadmap says that folio reads but the writer probably did not
//! mean, answered from the model alone (no second parse): plain bullets
//! where objectives are expected, due dates before the roadmap began,
//! headings that look like horizons but are not understood. `folio check`
//! turns these into diagnostics; the page renders them as written.
//!
//! Rules:
//!
//! - **Plain objectives**: a top-level list of plain bullets (`- …`, not
//!   `- [ ] …`) under a heading, or right after a one-line lead-in paragraph
//!   (`**Objectives:**`), whose label starts with "Objective" or "Action
//!   item" (any case, after numbering or emoji). Reported once per list, at
//!   its first plain bullet. Bullets nested in an item are details of it and
//!   never reported.
//! - **Due before start**: an item whose `📅` due date is before the
//!   roadmap's start.
//! - **Unread horizon**: a heading with a number next to a time unit
//!   (`Next 6 weeks`, `(12-6 months)`, `Year 0`, `Q3`) that
//!   [`super::horizon`] does not read as a horizon.

use super::{Entry, Roadmap, Section, horizon};
use crate::date::Date;

/// A list of plain bullets where tasks were expected.
#[derive(Debug, Clone, Copy)]
pub struct PlainList<'a> {
    /// The heading or lead-in naming the list (`Objectives`).
    pub label: &'a str,
    /// Its first plain bullet.
    pub first: &'a Entry,
    /// Plain top-level bullets in the list.
    pub count: usize,
}

/// Whether a heading or lead-in names a list of objectives.
pub fn names_objectives(label: &str) -> bool {
    let words: String = label
        .trim_start_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    words.starts_with("objective") || words.starts_with("action item")
}

impl Roadmap {
    /// Lists of plain bullets under an Objectives or Action items label.
    pub fn plain_objectives(&self) -> Vec<PlainList<'_>> {
        let mut out: Vec<PlainList<'_>> = Vec::new();
        // A list is a run of top-level entries with the same section and lead-in.
        let mut last_key = None;
        for e in self.entries.iter().filter(|e| e.parent.is_none()) {
            let key = (e.section, e.lead_in);
            let same_list = last_key == Some(key);
            last_key = Some(key);
            if e.task {
                continue;
            }
            let Some(label) = self.objectives_label(e) else {
                continue;
            };
            match out.last_mut() {
                Some(list) if same_list && (list.first.section, list.first.lead_in) == key => {
                    list.count += 1;
                }
                _ => out.push(PlainList {
                    label,
                    first: e,
                    count: 1,
                }),
            }
        }
        out
    }

    /// The label that makes `e` an objective: its list's lead-in, else its
    /// section's heading or one above it.
    fn objectives_label(&self, e: &Entry) -> Option<&str> {
        if let Some(l) = e.lead_in.map(|i| &self.lead_ins[i]) {
            return names_objectives(&l.text).then_some(l.text.as_str());
        }
        let mut section = e.section;
        while let Some(s) = section {
            let sec = &self.sections[s];
            if names_objectives(&sec.title) {
                return Some(&sec.title);
            }
            section = sec.parent;
        }
        None
    }

    /// Items due before the roadmap's start, with that start.
    pub fn due_before_start(&self) -> Vec<(&Entry, Date)> {
        let Some(start) = self.start else {
            return Vec::new();
        };
        self.entries
            .iter()
            .filter(|e| e.dates.due.is_some_and(|d| d < start))
            .map(|e| (e, start))
            .collect()
    }

    /// Headings that look like a horizon but are not read as one.
    pub fn unread_horizons(&self) -> Vec<&Section> {
        self.sections
            .iter()
            .filter(|s| horizon::looks_like(&s.title) && horizon::parse(&s.title).is_none())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objective_labels() {
        for yes in [
            "Objectives",
            "Action items",
            "🎯 Objectives (Q1)",
            "2. Action Items",
        ] {
            assert!(names_objectives(yes), "{yes}");
        }
        for no in [
            "Growth Opportunities & Career Development Objectives",
            "Outcome",
            "Actions",
            "Key results",
        ] {
            assert!(!names_objectives(no), "{no}");
        }
    }
}
