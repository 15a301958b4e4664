//! The JSON Resume schema (<https://jsonresume.org/schema>) as typed serde
//! structs, read from YAML or JSON and written back as JSON.
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

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::Visibility;
use crate::date::Date;
use crate::diagnostic::closest;

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
    /// folio's own key: `private` keeps the entry off the public site.
    visibility: Visibility,
});

/// A string. YAML numbers and booleans are taken as their text, so
/// `postalCode: 94105` works without quotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor("text")).map(Text)
    }
}

/// Reads any scalar as text.
struct ScalarVisitor(&'static str);

impl Visitor<'_> for ScalarVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(format!("{v:?}"))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
}

/// A scalar checked by `check` when read; serialized as its text.
macro_rules! checked_text {
    ($(#[$meta:meta])* $name:ident, $expecting:literal, $check:path) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = d.deserialize_any(ScalarVisitor($expecting))?;
                $check(&text).map_err(de::Error::custom)?;
                Ok($name(text))
            }
        }
    };
}

checked_text!(
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as the schema's `iso8601`.
    /// Ordered as text, which orders dates of any precision correctly.
    PartialDate,
    "a date (YYYY, YYYY-MM or YYYY-MM-DD)",
    check_partial_date
);
checked_text!(
    /// An absolute URL (with a scheme such as `https:`).
    Url,
    "a URL",
    check_url
);
checked_text!(
    /// An e-mail address.
    Email,
    "an e-mail address",
    check_email
);

impl PartialDate {
    /// The year, month and day given (month and day may be absent).
    pub fn parts(&self) -> (i32, Option<u8>, Option<u8>) {
        let mut it = self.0.split('-').map(|p| p.parse::<u32>().unwrap_or(0));
        let year = it.next().unwrap_or(0) as i32;
        let month = it.next().map(|m| m as u8);
        let day = it.next().map(|d| d as u8);
        (year, month, day)
    }

    /// `Dec 2013`, `2013`, or `14 Dec 2013`.
    pub fn display(&self) -> String {
        const SHORT: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        match self.parts() {
            (y, Some(m), _) if (1..=12).contains(&m) => {
                format!("{} {y}", SHORT[usize::from(m - 1)])
            }
            (y, _, _) => y.to_string(),
        }
    }

    /// Whether `date` falls on or after the start of this (partial) date.
    pub fn starts_by(&self, date: Date) -> bool {
        let (y, m, d) = self.parts();
        (y, m.unwrap_or(1), d.unwrap_or(1)) <= (date.year, date.month, date.day)
    }

    /// Whether `date` falls on or before the end of this (partial) date.
    pub fn ends_after(&self, date: Date) -> bool {
        let (y, m, d) = self.parts();
        (y, m.unwrap_or(12), d.unwrap_or(31)) >= (date.year, date.month, date.day)
    }
}

fn check_partial_date(text: &str) -> Result<(), String> {
    let bad =
        || format!("`{text}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2021-04)");
    match text.len() {
        4 if text.bytes().all(|b| b.is_ascii_digit()) && !text.starts_with('0') => Ok(()),
        7 => Date::parse(&format!("{text}-01"))
            .map(|_| ())
            .map_err(|_| bad()),
        10 => Date::parse(text).map(|_| ()).map_err(|_| bad()),
        _ => Err(bad()),
    }
}

fn check_url(text: &str) -> Result<(), String> {
    let scheme_end = text.find(':').unwrap_or(0);
    let scheme = &text[..scheme_end];
    let valid_scheme = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if !valid_scheme || text.len() == scheme_end + 1 || text.contains(char::is_whitespace) {
        return Err(format!(
            "`{text}` is not a full URL: write it with its scheme, e.g. https://example.org/"
        ));
    }
    Ok(())
}

fn check_email(text: &str) -> Result<(), String> {
    let bad = || format!("`{text}` is not an e-mail address (like name@example.org)");
    let (local, domain) = text.rsplit_once('@').ok_or_else(bad)?;
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-.".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if local_ok && domain_ok {
        Ok(())
    } else {
        Err(bad())
    }
}

const VISIBILITY_ERROR: &str = "is not a visibility";
const BASICS_FIELD_ERROR: &str = "names no basics field that can be private";

/// Whether a parser message is about a CV `visibility` (so the diagnostic
/// can give the matching hint).
pub fn is_visibility_error(msg: &str) -> bool {
    msg.contains(VISIBILITY_ERROR) || msg.contains(BASICS_FIELD_ERROR)
}

/// The `basics` fields `basics.visibility` can make private.
pub const BASICS_FIELDS: &[&str] = &[
    "name",
    "label",
    "image",
    "email",
    "phone",
    "url",
    "summary",
    "location",
    "location.address",
    "location.postalCode",
    "location.city",
    "location.countryCode",
    "location.region",
    "profiles",
];

fn visibility_of(text: &str, written: &str) -> Result<Visibility, String> {
    match text {
        "public" => Ok(Visibility::Public),
        "private" => Ok(Visibility::Private),
        _ => Err(format!(
            "`{written}` {VISIBILITY_ERROR}: write `public` (the default) or `private`"
        )),
    }
}

/// An entry's `visibility: public | private`.
impl<'de> Deserialize<'de> for Visibility {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = d.deserialize_any(ScalarVisitor("`public` or `private`"))?;
        visibility_of(&text, &text).map_err(de::Error::custom)
    }
}

/// `basics.visibility`: basics fields by name (`phone`, `location.address`)
/// and their visibility. Fields not named are public.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct FieldVisibility(pub BTreeMap<String, Visibility>);

impl FieldVisibility {
    /// The fields marked private, as named in [`BASICS_FIELDS`].
    pub fn private(&self) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(|(_, v)| **v == Visibility::Private)
            .map(|(k, _)| k.as_str())
    }

    pub fn is_private(&self, field: &str) -> bool {
        self.0.get(field) == Some(&Visibility::Private)
    }
}

impl<'de> Deserialize<'de> for FieldVisibility {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(FieldVisibilityVisitor)
    }
}

struct FieldVisibilityVisitor;

impl<'de> Visitor<'de> for FieldVisibilityVisitor {
    type Value = FieldVisibility;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("basics fields and their visibility, e.g. `phone: private`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FieldVisibility, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(field) = map.next_key::<String>()? {
            let value: String = map.next_value_seed(ScalarSeed)?;
            // Quoting `field: value` lets the diagnostic find the line.
            let written = format!("{field}: {value}");
            if !BASICS_FIELDS.contains(&field.as_str()) {
                let guess = match closest_field(&field) {
                    Some(g) => format!("did you mean `{g}`?"),
                    None => format!("the fields are {}", BASICS_FIELDS.join(", ")),
                };
                return Err(de::Error::custom(format!(
                    "`{written}` {BASICS_FIELD_ERROR}: {guess}"
                )));
            }
            let visibility = visibility_of(&value, &written).map_err(de::Error::custom)?;
            out.insert(field, visibility);
        }
        Ok(FieldVisibility(out))
    }
}

/// The basics field `field` may be a typo of: by its whole name, else by
/// its last part (`adress` → `location.address`).
fn closest_field(field: &str) -> Option<&'static str> {
    let tail = |f: &'static str| f.rsplit_once('.').map_or(f, |(_, t)| t);
    closest(field, BASICS_FIELDS.iter().copied()).or_else(|| {
        let t = closest(field, BASICS_FIELDS.iter().map(|f| tail(f)))?;
        BASICS_FIELDS.iter().copied().find(|f| tail(f) == t)
    })
}

/// Reads one scalar of a map as text.
struct ScalarSeed;

impl<'de> de::DeserializeSeed<'de> for ScalarSeed {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_any(ScalarVisitor("`public` or `private`"))
    }
}

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

    #[test]
    fn scalars_are_checked_like_the_schema() {
        for good in ["2014", "2014-06", "2014-06-29"] {
            assert!(check_partial_date(good).is_ok(), "{good}");
        }
        for bad in ["14", "2014-13", "2014-02-30", "June 2014", "2014/06"] {
            assert!(check_partial_date(bad).is_err(), "{bad}");
        }
        assert!(check_url("https://example.org/x").is_ok());
        assert!(check_url("mailto:a@b.org").is_ok());
        for bad in ["example.org", "", "https:", "http://a b"] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
        assert!(check_email("ada.l@example.org").is_ok());
        for bad in ["ada", "ada@localhost", "a b@x.org", "@x.org", "a@.org"] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn partial_dates_display_and_bound_a_day() {
        let d = PartialDate("2013-12".into());
        assert_eq!(d.display(), "Dec 2013");
        assert_eq!(PartialDate("2013".into()).display(), "2013");
        let day = Date::parse("2013-12-31").unwrap();
        assert!(d.starts_by(day) && d.ends_after(day));
        assert!(!PartialDate("2014".into()).starts_by(day));
    }
}
