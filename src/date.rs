//! Calendar dates as written in front matter (`YYYY-MM-DD`, optionally
//! followed by a time, which is ignored), validated, ordered and formatted.
//! The shape rule is folio's; whether a day exists, and month lengths, are
//! the `jiff` crate's ([`Date::to_jiff`] bridges the two).
//!
//! Only [`crate::calendar`] reads the clock, so output stays
//! reproducible.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// Month names; the first three letters are the short form
/// ([`crate::calendar::display_short`]).
pub(crate) const MONTHS: [&str; 12] = [
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
    ///
    /// The shape (four, two and two digits, year 0001 or later) is folio's
    /// rule, checked here; whether the day exists is jiff's to say.
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
        let num = |r: std::ops::Range<usize>| date_part[r].parse::<i16>().unwrap_or(0);
        let (year, month, day) = (num(0..4), num(5..7), num(8..10));
        if year == 0 || !(1..=12).contains(&month) {
            return Err(format!(
                "`{text}` is not a real date (year or month out of range)"
            ));
        }
        // Two digits fit an i8; jiff refuses day 0 and days past the month's end.
        let Ok(real) = jiff::civil::Date::new(year, month as i8, day as i8) else {
            return Err(format!(
                "`{text}` is not a real date (no such day in that month)"
            ));
        };
        Ok(Date {
            year: i32::from(real.year()),
            month: real.month() as u8,
            day: real.day() as u8,
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

    /// This date as a [`jiff::civil::Date`] `cycles` × 400 years earlier or
    /// later (see [`fold_year`]), and `cycles`. The fields are public, so a
    /// hand-made impossible month or day is moved to the nearest real one
    /// rather than panicking; [`Date::parse`] and [`crate::calendar`] only
    /// make real dates.
    pub(crate) fn to_jiff(self) -> (jiff::civil::Date, i64) {
        let (year, cycles) = fold_year(self.year);
        let month = self.month.clamp(1, 12) as i8;
        let first = jiff::civil::Date::constant(year, month, 1);
        let day = (self.day as i8).clamp(1, first.days_in_month());
        (jiff::civil::Date::constant(year, month, day), cycles)
    }

    /// The inverse of [`Date::to_jiff`].
    pub(crate) fn from_jiff(d: jiff::civil::Date, cycles: i64) -> Date {
        Date {
            year: (i64::from(d.year()) + cycles * CYCLE_YEARS) as i32,
            month: d.month() as u8,
            day: d.day() as u8,
        }
    }
}

/// The Gregorian calendar repeats every 400 years, which are 146,097 days.
pub(crate) const CYCLE_YEARS: i64 = 400;
pub(crate) const CYCLE_DAYS: i64 = 146_097;

/// `year` moved by whole 400-year cycles into 2000..2400, and how many
/// cycles it moved. jiff covers years -9999..=9999, but folio's arithmetic
/// can go past 9999 (a roadmap starting in 2026 with a "Years 9000-9999"
/// section); the calendar repeats, so arithmetic on the folded year is exact.
pub(crate) fn fold_year(year: i32) -> (i16, i64) {
    let cycles = (i64::from(year) - 2000).div_euclid(CYCLE_YEARS);
    ((i64::from(year) - cycles * CYCLE_YEARS) as i16, cycles)
}

/// Days in `month` (1 to 12; others are clamped into that range) of `year`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    Date {
        year,
        month,
        day: 1,
    }
    .to_jiff()
    .0
    .days_in_month() as u8
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
pub(crate) mod tests {
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

    #[test]
    fn leap_days_follow_the_gregorian_rule() {
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2000-02-29").is_ok());
        for bad in ["2023-02-29", "2100-02-29", "1900-02-29"] {
            let err = Date::parse(bad).unwrap_err();
            assert_eq!(
                err,
                format!("`{bad}` is not a real date (no such day in that month)")
            );
        }
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2100, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(12_000, 2), 29);
        assert_eq!(days_in_month(12_100, 2), 28);
    }

    #[test]
    fn month_lengths() {
        let lengths: Vec<u8> = (1..=12).map(|m| days_in_month(2026, m)).collect();
        assert_eq!(lengths, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
        assert!(Date::parse("2026-04-30").is_ok());
        assert!(Date::parse("2026-04-31").is_err());
        assert!(Date::parse("2026-12-31").is_ok());
        assert!(Date::parse("2026-12-32").is_err());
    }

    #[test]
    fn years_0001_to_9999_and_no_others() {
        assert_eq!(
            Date::parse("0001-01-01").unwrap(),
            Date {
                year: 1,
                month: 1,
                day: 1
            }
        );
        assert_eq!(Date::parse("0001-01-01").unwrap().to_string(), "0001-01-01");
        assert_eq!(Date::parse("9999-12-31").unwrap().to_string(), "9999-12-31");
        assert_eq!(
            Date::parse("0000-00-00").unwrap_err(),
            "`0000-00-00` is not a real date (year or month out of range)"
        );
        assert_eq!(
            Date::parse("0000-01-01").unwrap_err(),
            "`0000-01-01` is not a real date (year or month out of range)"
        );
        assert_eq!(
            Date::parse("10000-01-01").unwrap_err(),
            "`10000-01-01` is not a date in the form YYYY-MM-DD"
        );
        assert_eq!(
            Date::parse("2026-01-00").unwrap_err(),
            "`2026-01-00` is not a real date (no such day in that month)"
        );
    }

    /// jiff's own parser takes more than folio's rule does; these stay refused.
    #[test]
    fn only_the_yyyy_mm_dd_shape() {
        for bad in [
            "2026-1-05",
            "+2026-01-05",
            "-2026-01-05",
            "20260105",
            "2026-01-05Z",
            "2026-W01-1",
            " 2026 -01-05",
        ] {
            assert_eq!(
                Date::parse(bad).unwrap_err(),
                format!("`{}` is not a date in the form YYYY-MM-DD", bad.trim()),
            );
        }
        assert!(Date::parse("  2026-01-05 10:00  ").is_ok());
    }

    /// The hand-written validation this module had until issue 14, kept as
    /// the oracle the jiff-backed one is compared against.
    pub(crate) mod old {
        pub fn days_in_month(year: i32, month: u8) -> u8 {
            match month {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
                _ => 28,
            }
        }

        pub fn parse(text: &str) -> Result<(i32, u8, u8), String> {
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
            Ok((year, month as u8, day as u8))
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// Same dates and the same messages as the old parser, on strings
        /// shaped like dates (digits, dashes, times, stray characters).
        #[test]
        fn parsing_matches_the_old_parser(
            s in " ?([0-9]{4}|[0-9]{1,5}|0000|9999)-([0-9]{2}|0[0-9]|1[0-3]|[0-9])-([0-9]{2}|[23][0-9]|[0-9])(T10:00:00Z| 10:00|x|Z)? ?"
        ) {
            let new = Date::parse(&s).map(|d| (d.year, d.month, d.day));
            proptest::prop_assert_eq!(new, old::parse(&s));
        }

        #[test]
        fn month_lengths_match_the_old_rule(year in 1i32..30_000, month in 1u8..=12) {
            proptest::prop_assert_eq!(days_in_month(year, month), old::days_in_month(year, month));
        }
    }
}
