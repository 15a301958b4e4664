//! Day arithmetic on [`Date`]s (days since 1970, adding days and months),
//! done by `jiff`, and the one place that decides what "today" is for a build.
//!
//! Today comes from `--today YYYY-MM-DD`, else from `SOURCE_DATE_EPOCH`
//! (seconds since 1970, the reproducible-builds convention), else from the
//! clock — see [`today`]. Nothing else in folio reads the clock
//! ([`clock_seconds`]; `folio new` uses it for a new file's date).

use crate::date::{CYCLE_DAYS, Date, MONTHS, days_in_month};

const UNIX_EPOCH: jiff::civil::Date = jiff::civil::Date::constant(1970, 1, 1);

/// Days from 1970-01-01 to `d` (negative before).
pub fn days(d: Date) -> i64 {
    let (date, cycles) = d.to_jiff();
    date.duration_since(UNIX_EPOCH).as_secs() / 86_400 + cycles * CYCLE_DAYS
}

/// The date `n` days after 1970-01-01.
pub fn from_days(n: i64) -> Date {
    // 0..146_097 days after 1970 stay well inside jiff's range, so the
    // addition cannot fail.
    let cycles = n.div_euclid(CYCLE_DAYS);
    let span = jiff::Span::new().days(n.rem_euclid(CYCLE_DAYS));
    let date = UNIX_EPOCH.checked_add(span).unwrap_or(UNIX_EPOCH);
    Date::from_jiff(date, cycles)
}

pub fn add_days(d: Date, n: i64) -> Date {
    from_days(days(d) + n)
}

/// `d` plus `months` calendar months; the day is kept, or clamped to the
/// last day of a shorter month (31 January + 1 month = 28/29 February).
pub fn add_months(d: Date, months: u32) -> Date {
    let index = i64::from(d.year) * 12 + i64::from(d.month - 1) + i64::from(months);
    let year = index.div_euclid(12) as i32;
    let month = (index.rem_euclid(12) + 1) as u8;
    Date {
        year,
        month,
        day: d.day.min(days_in_month(year, month)),
    }
}

/// `1 Mar 2026`: short enough for chips and chart labels.
pub fn display_short(d: Date) -> String {
    let month = MONTHS[usize::from(d.month - 1)];
    format!("{} {} {}", d.day, &month[..3], d.year)
}

/// Seconds since 1970 on the system clock (0 if it reads earlier): the one
/// place folio reads the clock.
pub fn clock_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Today's date for a build: the `--today` flag, else `SOURCE_DATE_EPOCH`,
/// else the system clock (UTC). A malformed `SOURCE_DATE_EPOCH` is an error
/// rather than a silent fallback to the clock.
pub fn today(flag: Option<Date>) -> Result<Date, String> {
    let epoch = std::env::var_os("SOURCE_DATE_EPOCH");
    today_from(
        flag,
        epoch.as_deref().map(|v| v.to_string_lossy()),
        clock_seconds,
    )
}

/// [`today`] with its inputs given, for tests.
fn today_from(
    flag: Option<Date>,
    source_date_epoch: Option<std::borrow::Cow<'_, str>>,
    clock: impl FnOnce() -> i64,
) -> Result<Date, String> {
    if let Some(d) = flag {
        return Ok(d);
    }
    let seconds = match source_date_epoch {
        Some(v) if !v.trim().is_empty() => {
            let v = v.trim();
            match v.parse::<i64>() {
                Ok(s) if (0..=253_402_300_799).contains(&s) => s,
                _ => {
                    return Err(format!(
                        "SOURCE_DATE_EPOCH `{v}` is not a number of seconds since 1970-01-01; unset it or pass --today YYYY-MM-DD"
                    ));
                }
            }
        }
        _ => clock(),
    };
    Ok(from_days(seconds.div_euclid(86_400)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn days_round_trip() {
        assert_eq!(days(d("1970-01-01")), 0);
        assert_eq!(days(d("2000-03-01")), 11_017);
        for n in [-800_000, -1, 0, 59, 60, 11_016, 20_000, 2_932_896] {
            assert_eq!(days(from_days(n)), n, "{n}");
        }
        assert_eq!(from_days(days(d("2024-02-29")) + 1), d("2024-03-01"));
    }

    #[test]
    fn months_clamp_to_the_shorter_month() {
        assert_eq!(add_months(d("2026-01-31"), 1), d("2026-02-28"));
        assert_eq!(add_months(d("2024-01-31"), 1), d("2024-02-29"));
        assert_eq!(add_months(d("2026-03-15"), 18), d("2027-09-15"));
        assert_eq!(add_months(d("2026-12-01"), 0), d("2026-12-01"));
        assert_eq!(add_days(d("2026-12-31"), 1), d("2027-01-01"));
        assert_eq!(display_short(d("2026-03-01")), "1 Mar 2026");
    }

    #[test]
    fn today_prefers_flag_then_epoch_then_clock() {
        let clock = || 86_400 * 3;
        assert_eq!(
            today_from(Some(d("2026-05-01")), Some("0".into()), clock).unwrap(),
            d("2026-05-01")
        );
        assert_eq!(
            today_from(None, Some("1767225600".into()), clock).unwrap(),
            d("2026-01-01")
        );
        assert_eq!(today_from(None, None, clock).unwrap(), d("1970-01-04"));
        assert_eq!(
            today_from(None, Some("".into()), clock).unwrap(),
            d("1970-01-04")
        );
        let err = today_from(None, Some("yesterday".into()), clock).unwrap_err();
        assert!(err.contains("SOURCE_DATE_EPOCH `yesterday`"), "{err}");
    }

    #[test]
    fn year_boundaries_and_far_ends() {
        assert_eq!(add_days(d("2024-12-31"), 1), d("2025-01-01"));
        assert_eq!(add_days(d("2025-01-01"), -1), d("2024-12-31"));
        assert_eq!(add_days(d("2024-02-28"), 1), d("2024-02-29"));
        assert_eq!(add_days(d("2100-02-28"), 1), d("2100-03-01"));
        assert_eq!(add_months(d("2026-11-30"), 3), d("2027-02-28"));
        assert_eq!(days(d("0001-01-01")), -719_162);
        assert_eq!(days(d("9999-12-31")), 2_932_896);
        assert_eq!(from_days(-719_162), d("0001-01-01"));
        // Past jiff's year 9999: a roadmap horizon of "Years 9000-9999"
        // still gets its dates, as before.
        let past = add_days(d("9999-12-31"), 1);
        assert_eq!((past.year, past.month, past.day), (10_000, 1, 1));
        assert_eq!(past.to_string(), "10000-01-01");
        let far = add_months(d("2026-01-31"), 12 * 9999 + 1);
        assert_eq!((far.year, far.month, far.day), (12_025, 2, 28));
        assert_eq!(days(past), 2_932_897);
        // SOURCE_DATE_EPOCH's last accepted second is the last day of 9999.
        let clock = || 0;
        assert_eq!(
            today_from(None, Some("253402300799".into()), clock).unwrap(),
            d("9999-12-31")
        );
        assert!(today_from(None, Some("253402300800".into()), clock).is_err());
        assert!(today_from(None, Some("-1".into()), clock).is_err());
    }

    /// The hand-written arithmetic this module had until issue 14, kept as
    /// the oracle the jiff-backed one is compared against.
    mod old {
        use crate::date::Date;
        use crate::date::tests::old::days_in_month;

        pub fn days(d: Date) -> i64 {
            let y = i64::from(d.year) - i64::from(d.month <= 2);
            let era = y.div_euclid(400);
            let yoe = y - era * 400;
            let m = i64::from(d.month);
            let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d.day) - 1;
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            era * 146_097 + doe - 719_468
        }

        pub fn from_days(n: i64) -> Date {
            let z = n + 719_468;
            let era = z.div_euclid(146_097);
            let doe = z - era * 146_097;
            let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            let mp = (5 * doy + 2) / 153;
            let day = doy - (153 * mp + 2) / 5 + 1;
            let month = if mp < 10 { mp + 3 } else { mp - 9 };
            let year = yoe + era * 400 + i64::from(month <= 2);
            Date {
                year: year as i32,
                month: month as u8,
                day: day as u8,
            }
        }

        pub fn add_months(d: Date, months: u32) -> Date {
            let index = i64::from(d.year) * 12 + i64::from(d.month - 1) + i64::from(months);
            let year = index.div_euclid(12) as i32;
            let month = (index.rem_euclid(12) + 1) as u8;
            Date {
                year,
                month,
                day: d.day.min(days_in_month(year, month)),
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// Day numbers, from 1 BC's end to past year 20000, as before.
        #[test]
        fn day_numbers_match_the_old_arithmetic(n in -720_000i64..6_600_000) {
            let date = from_days(n);
            proptest::prop_assert_eq!(date, old::from_days(n));
            proptest::prop_assert_eq!(days(date), n);
            proptest::prop_assert_eq!(days(date), old::days(date));
        }

        /// Adding days and months (roadmap horizons reach 9999 years ahead).
        #[test]
        fn adding_matches_the_old_arithmetic(
            n in -719_000i64..2_932_000,
            step in -800i64..800,
            months in 0u32..120_000,
        ) {
            let date = old::from_days(n);
            proptest::prop_assert_eq!(add_days(date, step), old::from_days(n + step));
            proptest::prop_assert_eq!(add_months(date, months), old::add_months(date, months));
            let later = old::add_months(date, months);
            proptest::prop_assert_eq!(days(later), old::days(later));
        }
    }
}
