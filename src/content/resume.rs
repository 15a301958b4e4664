//! The JSON Resume schema (<https://jsonresume.org/schema>) as typed serde
//! structs, read from YAML or JSON and written back as JSON ([`scalar`]:
//! the kinds of value; [`visibility`]: folio's own `visibility` keys).
//!
//! Every field is optional, and every object keeps the keys the schema does
//! not name in `extra`, so a `cv.json` comes back out of folio with the same
//! data. Scalars are checked the way the official schema checks them (dates
//! as `YYYY[-MM[-DD]]`, URLs with a scheme, e-mail addresses), so a CV that
//! loads gives a `resume.json` the schema accepts. The keys JSON Resume
//! 0.x used (`company`, `website`, `picture`, `gpa`) are fields too, kept
//! under the name they were written with; [`legacy`] reads them as their
//! 1.0 names. Loading the file and positioning errors is [`super::cv`]'s job.

pub mod legacy;
mod scalar;
mod visibility;

pub use scalar::{Email, PartialDate, Text, Url};
pub use visibility::{BASICS_FIELDS, FieldVisibility, is_visibility_error};

use serde::{Deserialize, Serialize};

use super::Visibility;

/// Keys of an object that the schema does not name, kept as they are.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// An object of the schema: every named field optional (and left out of the
/// JSON when absent), the rest kept in `extra`.
macro_rules! record {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            $(
                $(#[$fmeta])*
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
            #[serde(flatten)]
            pub extra: Extra,
        }
    };
}

record!(
    /// A whole CV.
    Resume {
        basics: Basics,
        work: Vec<Work>,
        volunteer: Vec<Volunteer>,
        education: Vec<Education>,
        awards: Vec<Award>,
        certificates: Vec<Certificate>,
        publications: Vec<Publication>,
        skills: Vec<Skill>,
        languages: Vec<Language>,
        interests: Vec<Interest>,
        references: Vec<Reference>,
        projects: Vec<Project>,
    }
);

record!(Basics {
    name: Text,
    label: Text,
    image: Text,
    email: Email,
    phone: Text,
    url: Url,
    summary: Text,
    location: Location,
    profiles: Vec<Profile>,
    /// JSON Resume 0.x name of `image`.
    picture: Text,
    /// JSON Resume 0.x name of `url`.
    website: Url,
    /// folio's own key: which of these fields are private.
    visibility: FieldVisibility,
});

record!(Location {
    address: Text,
    postal_code: Text,
    city: Text,
    country_code: Text,
    region: Text,
});

record!(Profile {
    network: Text,
    username: Text,
    url: Url,
    /// folio's own key: `private` keeps the entry off the public site.
    visibility: Visibility,
});

record!(Work {
    name: Text,
    location: Text,
    description: Text,
    position: Text,
    url: Url,
    start_date: PartialDate,
    end_date: PartialDate,
    summary: Text,
    highlights: Vec<Text>,
    /// JSON Resume 0.x name of `name`.
    company: Text,
    /// JSON Resume 0.x name of `url`.
    website: Url,
    /// folio's own key: `private` keeps the entry off the public site.
    visibility: Visibility,
});

record!(Volunteer {
    organization: Text,
    position: Text,
    url: Url,
    start_date: PartialDate,
    end_date: PartialDate,
    summary: Text,
    highlights: Vec<Text>,
    /// JSON Resume 0.x name of `url`.
    website: Url,
    /// folio's own key: `private` keeps the entry off the public site.
    visibility: Visibility,
});

record!(Education {
    institution: Text,
    url: Url,
    area: Text,
    study_type: Text,
    start_date: PartialDate,
    end_date: PartialDate,
    score: Text,
    courses: Vec<Text>,
    /// JSON Resume 0.x name of `score`.
    gpa: Text,
    /// folio's own key: `private` keeps the entry off the public site.
    visibility: Visibility,
});

record!(Award {
    title: Text,
    date: PartialDate,
    awarder: Text,
    summary: Text,
    /// folio's own key: `private` keeps the entry off the public site.
    visibility: Visibility,
});

record!(Certificate {
    name: Text,
    date: PartialDate,
    url: Url,
    issuer: Text,
    /// folio's own key: `private` keeps the entry off the public site.
    visibility: Visibility,
});

record!(Publication {
    name: Text,
    publisher: Text,
    release_date: PartialDate,
    url: Url,
    summary: Text,
    /// JSON Resume 0.x name of `url`.
    website: Url,
    /// folio's own key: `private` keeps the entry off the public site.
    visibility: Visibility,
});

record!(Skill {
    name: Text,
    level: Text,
    keywords: Vec<Text>,
    /// folio's own key: `private` keeps the entry off the public site.
    visibility: Visibility,
});

record!(Language {
    language: Text,
    fluency: Text,
    /// folio's own key: `private` keeps the entry off the public site.
    visibility: Visibility,
});

record!(Interest {
    name: Text,
    keywords: Vec<Text>,
    /// folio's own key: `private` keeps the entry off the public site.
    visibility: Visibility,
});

record!(Reference {
    name: Text,
    reference: Text,
    /// folio's own key: `private` keeps the entry off the public site.
    visibility: Visibility,
});

record!(Project {
    name: Text,
    description: Text,
    highlights: Vec<Text>,
    keywords: Vec<Text>,
    start_date: PartialDate,
    end_date: PartialDate,
    url: Url,
    roles: Vec<Text>,
    entity: Text,
    r#type: Text,
    /// folio's own key: shown on the home page.
    featured: bool,
    /// folio's own key: a site-local picture for the home page's card.
    image: Text,
    /// folio's own key: `private` keeps the entry off the public site.
    visibility: Visibility,
});

/// The top-level keys of the schema, for typo suggestions.
pub const SECTIONS: &[&str] = &[
    "basics",
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
    "meta",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_survive_a_round_trip() {
        let json = serde_json::json!({
            "$schema": "https://example.org/schema.json",
            "basics": {"name": "Ada", "x-custom": [1, 2], "visibility": {"phone": "private"}},
            "work": [{"name": "Acme", "highlights": ["a"], "company": "Acme Inc", "visibility": "private"}],
            "volunteer": [],
            "meta": {"version": "v1.0.0"}
        });
        let r: Resume = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&r).unwrap(), json);
    }

    #[test]
    fn yaml_numbers_are_text_and_years_are_dates() {
        let r: Resume = serde_yaml::from_str(
            "basics:\n  location:\n    postalCode: 94105\neducation:\n  - score: 3.5\n    startDate: 2011\n",
        )
        .unwrap();
        let loc = r.basics.unwrap().location.unwrap();
        assert_eq!(loc.postal_code.unwrap().as_str(), "94105");
        let edu = &r.education.unwrap()[0];
        assert_eq!(edu.score.as_ref().unwrap().as_str(), "3.5");
        assert_eq!(edu.start_date.as_ref().unwrap().as_str(), "2011");
    }
}
