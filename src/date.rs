//! Calendar dates as written in front matter (`YYYY-MM-DD`, optionally
//! followed by a time, which is ignored), validated, ordered and formatted.
//!
//! Only [`crate::calendar::today`] reads the clock, so output stays
//! reproducible.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// Parses `YYYY-MM-DD`, or an RFC 3339 date-time whose date part is kept.
    pub fn parse(text: &str) -> Result<Date, String> {
        let text = text.trim();
        let date_part = text.get(..10).unwrap_or(text);
        let rest = text.get(10..).unwrap_or("");
        if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
            return Err(format!("`{text}` is not a date in the form YYYY-MM-DD"));
        }
        let bytes = date_part.as_bytes();
        let well_formed = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !well_formed {
            return Err(format!("`{text}` is not a date in the form YYYY-MM-DD"));
        }
        let num = |r: std::ops::Range<usize>| date_part[r].parse::<u32>().unwrap_or(0);
        let (year, month, day) = (num(0..4), num(5..7), num(8..10));
        if year == 0 || !(1..=12).contains(&month) {
            return Err(format!(
                "`{text}` is not a real date (year or month out of range)"
            ));
        }
        let year = year as i32;
        if day == 0 || day > u32::from(days_in_month(year, month as u8)) {
            return Err(format!(
                "`{text}` is not a real date (no such day in that month)"
            ));
        }
        Ok(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    /// `14 March 2026`.
    pub fn display_long(&self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month - 1)],
            self.year
        )
    }

    /// `2026-03-14T00:00:00Z`, for Atom and the sitemap.
    pub fn rfc3339(&self) -> String {
        format!("{self}T00:00:00Z")
    }
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_dates_and_datetimes() {
        let d = Date::parse("2026-03-14").unwrap();
        assert_eq!((d.year, d.month, d.day), (2026, 3, 14));
        assert_eq!(Date::parse("2026-03-14T10:00:00Z").unwrap(), d);
        assert_eq!(d.display_long(), "14 March 2026");
        assert_eq!(d.rfc3339(), "2026-03-14T00:00:00Z");
    }

    #[test]
    fn refuses_impossible_and_malformed_dates() {
        for bad in [
            "0000-00-00",
            "2026-13-01",
            "2026-02-30",
            "2025-02-29",
            "14/03/2026",
            "2026-3-4",
            "2026-03-14x",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad} should be refused");
        }
        assert!(Date::parse("2024-02-29").is_ok());
    }
}
