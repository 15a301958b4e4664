//! Day arithmetic on [`Date`]s (days since 1970, adding days and months) and
//! the one place that decides what "today" is for a build.
//!
//! Today comes from `--today YYYY-MM-DD`, else from `SOURCE_DATE_EPOCH`
//! (seconds since 1970, the reproducible-builds convention), else from the
//! clock — see [`today`]. Nothing else in folio reads the clock.

use crate::date::{Date, days_in_month};

/// Days from 1970-01-01 to `d` (negative before).
pub fn days(d: Date) -> i64 {
    // Howard Hinnant's days_from_civil.
    let y = i64::from(d.year) - i64::from(d.month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(d.month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `n` days after 1970-01-01.
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
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!("{} {} {}", d.day, MONTHS[usize::from(d.month - 1)], d.year)
}

/// Today's date for a build: the `--today` flag, else `SOURCE_DATE_EPOCH`,
/// else the system clock (UTC). A malformed `SOURCE_DATE_EPOCH` is an error
/// rather than a silent fallback to the clock.
pub fn today(flag: Option<Date>) -> Result<Date, String> {
    let epoch = std::env::var_os("SOURCE_DATE_EPOCH");
    today_from(flag, epoch.as_deref().map(|v| v.to_string_lossy()), || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    })
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
}
