//! folio's own `visibility` keys in the CV: an entry's `visibility:
//! public | private`, and `basics.visibility`, which names the basics
//! fields (`phone`, `location.address`) that are private.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::scalar::ScalarVisitor;
use crate::content::Visibility;
use crate::diagnostic::closest;

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
