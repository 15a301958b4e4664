//! The scalars of the JSON Resume schema: text (YAML numbers and booleans
//! read as their text), and the checked kinds, dates as `YYYY[-MM[-DD]]`,
//! URLs with a scheme and e-mail addresses, checked the way the official
//! schema checks them.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use crate::date::Date;

/// A string. YAML numbers and booleans are taken as their text, so
/// `postalCode: 94105` works without quotes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
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
pub(super) struct ScalarVisitor(pub(super) &'static str);

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

#[cfg(test)]
mod tests {
    use super::*;

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
