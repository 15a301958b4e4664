//! `advances:` targets: an achievement names the roadmap section it moves
//! forward as `<roadmap>#<heading-id>` (or just `<roadmap>`), where
//! `<roadmap>` is the roadmap's file under `roadmaps/` without `.md`
//! (`growth-opportunities`) and `<heading-id>` the id folio gives the
//! heading. A heading numbered in its text (`### 2. Thought Leadership
//! Development`, id `2-thought-leadership-development`) may also be named
//! without its number (`thought-leadership-development`).
//!
//! This module only resolves names against the roadmaps' rendered headings;
//! which audience may see a roadmap is [`super::view`]'s business.

use std::collections::BTreeMap;

use super::{Item, Kind};
use crate::diagnostic::closest;

/// A resolved `advances:` target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advance {
    /// The roadmap's source, relative to `content/` (`roadmaps/x.md`).
    pub roadmap: String,
    /// The roadmap page's URL path (`roadmaps/x/`).
    pub path: String,
    pub roadmap_title: String,
    /// The heading's id and text; `None` when the whole roadmap is meant.
    pub section: Option<(String, String)>,
}

impl Advance {
    /// The link to the section, relative to the site root.
    pub fn href(&self) -> String {
        match &self.section {
            Some((id, _)) => format!("{}#{id}", self.path),
            None => self.path.clone(),
        }
    }
}

/// Every roadmap by name, with its headings by id and by unnumbered id.
pub struct Roadmaps<'a> {
    by_name: BTreeMap<String, (&'a Item, BTreeMap<String, usize>)>,
}

impl<'a> Roadmaps<'a> {
    pub fn new(items: &'a [Item]) -> Self {
        let mut by_name = BTreeMap::new();
        for item in items.iter().filter(|i| i.kind == Kind::Roadmap) {
            let mut ids = BTreeMap::new();
            for (i, h) in item.rendered.toc.iter().enumerate() {
                ids.entry(h.id.clone()).or_insert(i);
            }
            for (i, h) in item.rendered.toc.iter().enumerate() {
                if let Some(bare) = unnumbered(&h.id) {
                    ids.entry(bare.to_string()).or_insert(i);
                }
            }
            by_name.insert(name_of(&item.rel), (item, ids));
        }
        Roadmaps { by_name }
    }

    /// Resolves `target`; `Err` holds the message and a hint naming the
    /// nearest valid target.
    pub fn resolve(&self, target: &str) -> Result<Advance, (String, String)> {
        let (name, id) = match target.split_once('#') {
            Some((n, id)) => (n.trim(), Some(id.trim())),
            None => (target.trim(), None),
        };
        let name = name_of(name);
        let Some((item, ids)) = self.by_name.get(&name) else {
            let msg = format!("`advances: {target}` points nowhere: there is no roadmap `{name}`");
            return Err((msg, self.hint(target)));
        };
        let section = match id {
            None | Some("") => None,
            Some(id) => match ids.get(id) {
                Some(&i) => {
                    let h = &item.rendered.toc[i];
                    Some((h.id.clone(), h.title.clone()))
                }
                None => {
                    let msg = format!(
                        "`advances: {target}` points nowhere: roadmap `{name}` has no heading `#{id}`"
                    );
                    return Err((msg, self.hint(target)));
                }
            },
        };
        Ok(Advance {
            roadmap: item.rel.clone(),
            path: item.path.clone(),
            roadmap_title: item.title.clone(),
            section,
        })
    }

    fn hint(&self, target: &str) -> String {
        let candidates: Vec<String> = self
            .by_name
            .iter()
            .flat_map(|(name, (_, ids))| {
                std::iter::once(name.clone())
                    .chain(ids.keys().map(move |id| format!("{name}#{id}")))
            })
            .collect();
        if candidates.is_empty() {
            return "there are no roadmaps: add one under content/roadmaps/, or remove the line"
                .into();
        }
        let wanted = target
            .trim()
            .trim_start_matches("roadmaps/")
            .replace(".md#", "#");
        match closest(&wanted, candidates.iter().map(String::as_str)) {
            Some(c) => format!("did you mean `{c}`?"),
            None => {
                let names: Vec<&str> = self.by_name.keys().map(String::as_str).collect();
                format!(
                    "write `<roadmap>#<heading-id>`; the roadmaps are: {}",
                    names.join(", ")
                )
            }
        }
    }
}

/// `roadmaps/growth.md` (or `.markdown`…) → `growth`; a name as written
/// loses the same parts.
fn name_of(rel: &str) -> String {
    let s = rel.trim().trim_start_matches("./");
    let s = s.strip_prefix("roadmaps/").unwrap_or(s);
    super::page_files::stem(s).to_string()
}

/// `2-thought-leadership` → `thought-leadership`.
fn unnumbered(id: &str) -> Option<&str> {
    let digits = id.chars().take_while(char::is_ascii_digit).count();
    let rest = id.get(digits..)?.strip_prefix('-')?;
    (digits > 0 && !rest.is_empty()).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{Rendered, TocEntry};

    fn roadmap(rel: &str, headings: &[(&str, &str)]) -> Item {
        let path = rel.trim_end_matches(".md").to_string() + "/";
        Item {
            rendered: Rendered {
                toc: headings
                    .iter()
                    .map(|(id, title)| TocEntry {
                        level: 3,
                        id: id.to_string(),
                        title: title.to_string(),
                    })
                    .collect(),
                ..Rendered::default()
            },
            ..Item::new(Kind::Roadmap, rel, path, "Growth".into())
        }
    }

    #[test]
    fn resolves_sections_with_or_without_their_number() {
        let items = [roadmap(
            "roadmaps/growth-opportunities.md",
            &[(
                "2-thought-leadership-development",
                "2. Thought Leadership Development",
            )],
        )];
        let r = Roadmaps::new(&items);
        for t in [
            "growth-opportunities#thought-leadership-development",
            "growth-opportunities#2-thought-leadership-development",
            "roadmaps/growth-opportunities.md#thought-leadership-development",
        ] {
            let a = r.resolve(t).unwrap();
            assert_eq!(
                a.href(),
                "roadmaps/growth-opportunities/#2-thought-leadership-development"
            );
        }
        assert_eq!(r.resolve("growth-opportunities").unwrap().section, None);
    }

    #[test]
    fn a_target_to_nowhere_names_the_nearest() {
        let items = [roadmap(
            "roadmaps/growth-opportunities.md",
            &[("2-thought-leadership-development", "x")],
        )];
        let r = Roadmaps::new(&items);
        let (msg, hint) = r
            .resolve("growth-opportunities#thought-leadership-developmnt")
            .unwrap_err();
        assert!(msg.contains("has no heading"), "{msg}");
        assert_eq!(
            hint,
            "did you mean `growth-opportunities#thought-leadership-development`?"
        );
        let (msg, hint) = r.resolve("growth#x").unwrap_err();
        assert!(msg.contains("no roadmap `growth`"), "{msg}");
        assert!(hint.contains("growth-opportunities"), "{hint}");
    }
}
