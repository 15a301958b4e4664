//! A highlight of a CV entry: text, as JSON Resume has it, or folio's
//! object form `{text, tags, notes}`, so a highlight can be picked by a CV
//! variant's tags and carry private notes.
//!
//! The object form is read and written back as written (the CV is handed
//! around as a [`super::Resume`]); `resume.json` flattens every highlight
//! to its text ([`crate::export::json_resume::to_json`]), as the schema wants.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::scalar::{ScalarVisitor, Text};

/// One highlight.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlight {
    pub text: Text,
    /// folio's own key: the CV variants this highlight belongs to.
    pub tags: Option<Vec<Text>>,
    /// folio's own key: markdown shown only on the private CV page.
    pub notes: Option<Text>,
}

impl Highlight {
    /// A highlight of text only.
    pub fn plain(text: impl Into<String>) -> Highlight {
        Highlight {
            text: Text(text.into()),
            ..Highlight::default()
        }
    }

    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }

    /// Written as text, as the schema has it.
    pub fn is_plain(&self) -> bool {
        self.tags.is_none() && self.notes.is_none()
    }
}

impl fmt::Display for Highlight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text.as_str())
    }
}

/// The object form, as written.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Object {
    text: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<Text>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    notes: Option<Text>,
}

impl Serialize for Highlight {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_plain() {
            return self.text.serialize(s);
        }
        Object {
            text: self.text.clone(),
            tags: self.tags.clone(),
            notes: self.notes.clone(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Highlight {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(HighlightVisitor)
    }
}

struct HighlightVisitor;

const EXPECTING: &str = "text, or `text:` with `tags:` and `notes:`";
const KEYS: &[&str] = &["text", "tags", "notes"];

impl<'de> Visitor<'de> for HighlightVisitor {
    type Value = Highlight;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTING)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Highlight, E> {
        ScalarVisitor(EXPECTING).visit_str(v).map(Highlight::plain)
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Highlight, E> {
        Ok(Highlight::plain(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Highlight, E> {
        ScalarVisitor(EXPECTING).visit_i64(v).map(Highlight::plain)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Highlight, E> {
        ScalarVisitor(EXPECTING).visit_u64(v).map(Highlight::plain)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Highlight, E> {
        ScalarVisitor(EXPECTING).visit_f64(v).map(Highlight::plain)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Highlight, E> {
        ScalarVisitor(EXPECTING).visit_bool(v).map(Highlight::plain)
    }
    /// The object form, read whole, so that whatever is wrong with it is
    /// one error at the highlight.
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Highlight, A::Error> {
        let fields = serde_json::Map::deserialize(de::value::MapAccessDeserializer::new(map))?;
        if let Some(key) = fields.keys().find(|k| !KEYS.contains(&k.as_str())) {
            return Err(de::Error::custom(format!(
                "`{key}` is not a key of a highlight: write it as {EXPECTING}"
            )));
        }
        if !fields.contains_key("text") {
            return Err(de::Error::custom(format!(
                "a highlight written as fields needs `text:` (write it as {EXPECTING})"
            )));
        }
        let o: Object = serde_json::from_value(serde_json::Value::Object(fields))
            .map_err(|e| de::Error::custom(format!("in a highlight: {e}")))?;
        Ok(Highlight {
            text: o.text,
            tags: o.tags,
            notes: o.notes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_highlight_is_text_or_an_object_and_round_trips() {
        let list: Vec<Highlight> = serde_yaml::from_str(
            "- Shipped v2\n- 42\n- text: Led five\n  tags: [lead]\n  notes: Ask about *hiring*.\n",
        )
        .unwrap();
        assert_eq!(list[0], Highlight::plain("Shipped v2"));
        assert_eq!(list[1], Highlight::plain("42"));
        assert_eq!(list[2].tags, Some(vec![Text("lead".into())]));
        assert_eq!(
            list[2].notes.as_ref().map(Text::as_str),
            Some("Ask about *hiring*.")
        );
        assert_eq!(
            serde_json::to_value(&list).unwrap(),
            serde_json::json!([
                "Shipped v2",
                "42",
                {"text": "Led five", "tags": ["lead"], "notes": "Ask about *hiring*."}
            ])
        );
    }

    #[test]
    fn an_unknown_key_or_a_missing_text_is_an_error() {
        let e = serde_yaml::from_str::<Highlight>("text: a\ntag: [x]\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("`tag` is not a key of a highlight"),
            "{e}"
        );
        let e = serde_yaml::from_str::<Highlight>("tags: [x]\n").unwrap_err();
        assert!(e.to_string().contains("needs `text:`"), "{e}");
        let e = serde_yaml::from_str::<Highlight>("text: a\ntags: x\n").unwrap_err();
        assert!(
            e.to_string().starts_with("in a highlight: invalid type"),
            "{e}"
        );
    }
}
