//! The public cut of a CV: entries marked `visibility: private` removed
//! from every section (`basics.profiles` included), the basics fields named
//! private in `basics.visibility` removed, and every `visibility` key
//! stripped, so nothing of the private CV, not even the word, reaches a
//! public output. Private `notes` go too, from every entry and highlight.
//!
//! It does not decide who gets which cut: that is
//! [`crate::content::view`]'s job.

use super::Cv;
use crate::content::Visibility;
use crate::content::resume::{
    Award, Basics, Certificate, Education, Interest, Language, Location, Profile, Project,
    Publication, Reference, Resume, Skill, Volunteer, Work,
};

/// A list entry of the CV that can be private.
trait Entry: Clone {
    fn visibility(&mut self) -> &mut Option<Visibility>;
    /// Removes the entry's private notes (its highlights' too).
    fn drop_notes(&mut self) {}
}

macro_rules! entries {
    ($($t:ty),*) => {
        $(impl Entry for $t {
            fn visibility(&mut self) -> &mut Option<Visibility> {
                &mut self.visibility
            }
            fn drop_notes(&mut self) {
                self.notes = None;
            }
        })*
    };
}

/// Entries with highlights, whose notes go as well.
macro_rules! entries_with_highlights {
    ($($t:ty),*) => {
        $(impl Entry for $t {
            fn visibility(&mut self) -> &mut Option<Visibility> {
                &mut self.visibility
            }
            fn drop_notes(&mut self) {
                self.notes = None;
                for h in self.highlights.iter_mut().flatten() {
                    h.notes = None;
                }
            }
        })*
    };
}

impl Entry for Profile {
    fn visibility(&mut self) -> &mut Option<Visibility> {
        &mut self.visibility
    }
}

entries!(
    Education,
    Award,
    Certificate,
    Publication,
    Skill,
    Language,
    Interest,
    Reference
);
entries_with_highlights!(Work, Volunteer, Project);

impl Cv {
    /// The CV without its private parts, and for each work entry kept, its
    /// index in the full CV (achievements name work entries by that index).
    pub fn without_private(&self) -> (Cv, Vec<usize>) {
        let r = &self.resume;
        let kept_work: Vec<usize> = r
            .work
            .as_deref()
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter(|(_, w)| w.visibility != Some(Visibility::Private))
            .map(|(i, _)| i)
            .collect();
        let resume = Resume {
            basics: r.basics.as_ref().map(public_basics),
            work: public(&r.work),
            volunteer: public(&r.volunteer),
            education: public(&r.education),
            awards: public(&r.awards),
            certificates: public(&r.certificates),
            publications: public(&r.publications),
            skills: public(&r.skills),
            languages: public(&r.languages),
            interests: public(&r.interests),
            references: public(&r.references),
            projects: public(&r.projects),
            extra: r.extra.clone(),
        };
        let cv = Cv {
            resume,
            source: self.source.clone(),
            text: self.text.clone(),
        };
        (cv, kept_work)
    }
}

/// The public entries of a section, without their `visibility` keys. A
/// section whose entries are all private is left out, as if not written.
fn public<T: Entry>(list: &Option<Vec<T>>) -> Option<Vec<T>> {
    let list = list.as_ref()?;
    let kept: Vec<T> = list
        .iter()
        .filter_map(|e| {
            let mut e = e.clone();
            e.drop_notes();
            match e.visibility().take() {
                Some(Visibility::Private) => None,
                _ => Some(e),
            }
        })
        .collect();
    (kept.len() == list.len() || !kept.is_empty()).then_some(kept)
}

fn public_basics(b: &Basics) -> Basics {
    let mut b = b.clone();
    let fields = b.visibility.take().unwrap_or_default();
    b.profiles = public(&b.profiles);
    for field in fields.private() {
        match field {
            "name" => b.name = None,
            "label" => b.label = None,
            // The 0.x names of a field go with it.
            "image" => (b.image, b.picture) = (None, None),
            "email" => b.email = None,
            "phone" => b.phone = None,
            "url" => (b.url, b.website) = (None, None),
            "summary" => b.summary = None,
            "location" => b.location = None,
            "profiles" => b.profiles = None,
            other => {
                if let (Some(l), Some(key)) = (&mut b.location, other.strip_prefix("location.")) {
                    clear_location(l, key);
                }
            }
        }
    }
    b
}

fn clear_location(l: &mut Location, key: &str) {
    match key {
        "address" => l.address = None,
        "postalCode" => l.postal_code = None,
        "city" => l.city = None,
        "countryCode" => l.country_code = None,
        "region" => l.region = None,
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn cut(yaml: &str) -> (serde_json::Value, Vec<usize>) {
        let (resume, _) = super::super::parse(Path::new("cv.yaml"), yaml, false).unwrap();
        let cv = Cv {
            resume,
            source: "content/cv.yaml".into(),
            text: yaml.into(),
        };
        let (public, kept) = cv.without_private();
        (serde_json::to_value(&public.resume).unwrap(), kept)
    }

    #[test]
    fn private_entries_go_and_visibility_keys_are_stripped() {
        let (json, kept) = cut(
            "work:\n  - name: A\n    visibility: public\n  - name: Secret\n    visibility: private\n  - name: C\nskills:\n  - name: S\n    visibility: private\nprojects: []\n",
        );
        assert_eq!(
            json,
            serde_json::json!({"work": [{"name": "A"}, {"name": "C"}], "projects": []})
        );
        assert_eq!(kept, [0, 2], "the full CV's index of each kept work entry");
    }

    #[test]
    fn private_basics_fields_and_profiles_go() {
        let (json, _) = cut(concat!(
            "basics:\n  name: Ada\n  phone: \"555\"\n  email: a@example.org\n",
            "  location:\n    address: 1 Road\n    city: Paris\n",
            "  profiles:\n    - network: X\n      visibility: private\n    - network: Y\n",
            "  visibility:\n    phone: private\n    email: public\n    location.address: private\n",
        ));
        assert_eq!(
            json,
            serde_json::json!({"basics": {
                "name": "Ada",
                "email": "a@example.org",
                "location": {"city": "Paris"},
                "profiles": [{"network": "Y"}],
            }})
        );
    }

    #[test]
    fn a_private_url_or_image_takes_its_0x_name_with_it() {
        let (json, _) = cut(concat!(
            "basics:\n  name: Ada\n  website: https://ada.example.org/\n  picture: ada.jpg\n",
            "  visibility: {url: private, image: private}\n",
        ));
        assert_eq!(json, serde_json::json!({"basics": {"name": "Ada"}}));
    }
}
