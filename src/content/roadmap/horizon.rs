//! A section's horizon, read from its heading text: "(Next 6-12 Months)",
//! "(6-18 Months)", "(18+ Months)", "Short-term (6 months)", "YEAR 2",
//! "Next 2 years". A horizon is a window in months after the roadmap's
//! start; the model turns it into dates.
//!
//! Forms, where N, A, B are whole numbers and the unit is month(s) or
//! year(s), any case:
//!
//! | heading says | window (months after start) |
//! |---|---|
//! | `Year N` | 12(N−1) to 12N |
//! | `N months`, `Next N months` | 0 to N |
//! | `Next A-B months` | 0 to B |
//! | `A-B months` (also `A–B`, `A to B`) | A to B |
//! | `N+ months` | N onwards |
//!
//! A number glued to its unit by a hyphen ("3-Year Roadmap") is an
//! adjective, not a horizon; percentages and counts ("(35%)", "(3 Core
//! Projects)") are not horizons either.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Horizon {
    /// The words of the heading that name it, as written ("Next 6-12 Months").
    pub label: String,
    pub from_months: u32,
    /// `None`: open-ended.
    pub to_months: Option<u32>,
}

impl Horizon {
    /// `Months 6–18`, `Months 18+`: the same for every roadmap, so horizons
    /// of different roadmaps can be grouped.
    pub fn span_label(&self) -> String {
        match self.to_months {
            Some(to) => format!("Months {}–{to}", self.from_months),
            None => format!("Months {}+", self.from_months),
        }
    }
}

/// The horizon a heading names, if any.
pub fn parse(title: &str) -> Option<Horizon> {
    // ASCII lowercasing keeps byte offsets, so positions map back to `title`.
    let lower = title.to_ascii_lowercase();
    year_n(title, &lower).or_else(|| duration(title, &lower))
}

/// Whether a heading names a span of time, understood or not: a number
/// before a time unit (`6 weeks`, `12-6 months`, `18+ months`), a unit
/// before a number (`Year 0`, `Quarter 3`), or a quarter (`Q3`). A number
/// glued to its unit by a hyphen (`3-Year Roadmap`) is an adjective and does
/// not count. `folio check` warns when this holds and [`parse`] finds nothing.
pub fn looks_like(title: &str) -> bool {
    let lower = title.to_ascii_lowercase();
    for unit in ["day", "week", "month", "quarter", "year"] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(unit).map(|i| i + from) {
            from = i + unit.len();
            let mut end = from;
            if lower[end..].starts_with('s') {
                end += 1;
            }
            if !word_start(&lower, i) || !word_end(&lower, end) {
                continue;
            }
            let before = &lower[..i];
            let trimmed = before.trim_end_matches(' ');
            if trimmed.len() < before.len()
                && trimmed.ends_with(|c: char| c.is_ascii_digit() || c == '+')
            {
                return true;
            }
            let after = &lower[end..];
            let rest = after.trim_start_matches(' ');
            if rest.len() < after.len() && rest.starts_with(|c: char| c.is_ascii_digit()) {
                return true;
            }
        }
    }
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| matches!(w, "q1" | "q2" | "q3" | "q4"))
}

/// `Year N` as a word followed by a number.
fn year_n(title: &str, lower: &str) -> Option<Horizon> {
    let mut from = 0;
    while let Some(i) = lower[from..].find("year").map(|i| i + from) {
        from = i + 4;
        if !word_start(lower, i) {
            continue;
        }
        let rest = &lower[i + 4..];
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        if spaces == 0 {
            continue;
        }
        let Some((n, len)) = number(&rest[spaces..]) else {
            continue;
        };
        let end = i + 4 + spaces + len;
        if n == 0 || n > 100 || !word_end(lower, end) {
            continue;
        }
        return Some(Horizon {
            label: title[i..end].to_string(),
            from_months: 12 * (n - 1),
            to_months: Some(12 * n),
        });
    }
    None
}

/// `[Next] A-B unit`, `[Next] N unit`, `N+ unit`.
fn duration(title: &str, lower: &str) -> Option<Horizon> {
    let bytes = lower.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || !number_start(lower, i) {
            i += 1;
            continue;
        }
        if let Some(h) = duration_at(title, lower, i) {
            return Some(h);
        }
        // Skip the rest of this number.
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
    }
    None
}

fn duration_at(title: &str, lower: &str, start: usize) -> Option<Horizon> {
    let (a, len) = number(&lower[start..])?;
    let mut pos = start + len;
    let mut b = None;
    let mut open = false;
    let after = &lower[pos..];
    let trimmed = after.trim_start_matches(' ');
    if let Some(rest) = trimmed
        .strip_prefix('-')
        .or_else(|| trimmed.strip_prefix('–'))
        .or_else(|| trimmed.strip_prefix("to "))
    {
        let rest_trimmed = rest.trim_start_matches(' ');
        let (n, nlen) = number(rest_trimmed)?;
        pos = lower.len() - rest_trimmed.len() + nlen;
        b = Some(n);
    } else if let Some(rest) = after.strip_prefix('+') {
        pos = lower.len() - rest.len();
        open = true;
    }
    let rest = &lower[pos..];
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    if spaces == 0 {
        return None;
    }
    let unit_at = pos + spaces;
    let (per_unit, unit_len) = unit(&lower[unit_at..])?;
    let end = unit_at + unit_len;
    if !word_end(lower, end) {
        return None;
    }
    let next_at = preceding_next(lower, start);
    let label_start = next_at.unwrap_or(start);
    let (from, to) = match (b, open) {
        (Some(b), _) if next_at.is_some() => (0, Some(b)),
        (Some(b), _) => (a, Some(b)),
        (None, true) => (a, None),
        (None, false) => (0, Some(a)),
    };
    if to.is_some_and(|t| t <= from) {
        return None;
    }
    Some(Horizon {
        label: title[label_start..end].to_string(),
        from_months: from * per_unit,
        to_months: to.map(|t| t * per_unit),
    })
}

/// A whole number at the start of `s`, and its length in bytes.
fn number(s: &str) -> Option<(u32, usize)> {
    let len = s.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 || len > 4 {
        return None;
    }
    Some((s[..len].parse().ok()?, len))
}

/// A time unit at the start of `s`: months per unit, and its length.
fn unit(s: &str) -> Option<(u32, usize)> {
    for (word, months) in [("months", 1), ("month", 1), ("years", 12), ("year", 12)] {
        if s.starts_with(word) {
            return Some((months, word.len()));
        }
    }
    None
}

/// Where a `next ` directly before `at` starts.
fn preceding_next(lower: &str, at: usize) -> Option<usize> {
    let before = lower[..at].trim_end_matches(' ');
    let i = before.strip_suffix("next").map(str::len)?;
    (before.len() < at && word_start(lower, i)).then_some(i)
}

/// A number starts here: not in the middle of a word, a range or a decimal.
fn number_start(s: &str, i: usize) -> bool {
    !s[..i]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || "-–./+".contains(c))
}

fn word_start(s: &str, i: usize) -> bool {
    !s[..i]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

fn word_end(s: &str, i: usize) -> bool {
    !s[i..].chars().next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(title: &str) -> Option<(String, u32, Option<u32>)> {
        parse(title).map(|h| (h.label, h.from_months, h.to_months))
    }

    #[test]
    fn the_owners_headings() {
        assert_eq!(
            h("Immediate Opportunities (Next 6-12 Months)"),
            Some(("Next 6-12 Months".into(), 0, Some(12)))
        );
        assert_eq!(
            h("Medium-term Opportunities (6-18 Months)"),
            Some(("6-18 Months".into(), 6, Some(18)))
        );
        assert_eq!(
            h("Long-term Strategic Opportunities (18+ Months)"),
            Some(("18+ Months".into(), 18, None))
        );
        assert_eq!(
            h("Short-term (6 months)"),
            Some(("6 months".into(), 0, Some(6)))
        );
        assert_eq!(
            h("Medium-term (12 months)"),
            Some(("12 months".into(), 0, Some(12)))
        );
        assert_eq!(
            h("🟢 YEAR 1 — Positioning Upgrade (Foundation + Visibility)"),
            Some(("YEAR 1".into(), 0, Some(12)))
        );
        assert_eq!(
            h("ðŸŸ¡ YEAR 2 â€” Authority & Differentiation"),
            Some(("YEAR 2".into(), 12, Some(24)))
        );
    }

    #[test]
    fn other_spellings() {
        assert_eq!(
            h("Next 2 years"),
            Some(("Next 2 years".into(), 0, Some(24)))
        );
        assert_eq!(
            h("Later (1–2 Years)"),
            Some(("1–2 Years".into(), 12, Some(24)))
        );
        assert_eq!(
            h("Phase (3 to 9 months)"),
            Some(("3 to 9 months".into(), 3, Some(9)))
        );
        assert_eq!(h("Year 10"), Some(("Year 10".into(), 108, Some(120))));
        assert_eq!(
            h("Year in review, year 2"),
            Some(("year 2".into(), 12, Some(24)))
        );
    }

    #[test]
    fn not_horizons() {
        for title in [
            "1. 3-Year Strategic Roadmap: Deep Tech → Startup → Executive",
            "Technical Leadership Excellence (35%)",
            "Project Portfolio (3 Core Projects)",
            "Project 24: Building and Scaling AI/ML Engineering Team",
            "Yearly review 2",
            "Short-term",
            "The 12-month plan",
            "(12-6 months)",
            "Year 0",
            "Year in review",
        ] {
            assert_eq!(parse(title), None, "{title}");
        }
    }

    #[test]
    fn what_looks_like_a_horizon() {
        for title in [
            "Next 6 weeks",
            "(12-6 months)",
            "Year 0",
            "Quarter 3",
            "Q3 goals",
            "Next 6-12 Months",
            "YEAR 1",
        ] {
            assert!(looks_like(title), "{title}");
        }
        for title in [
            "1. 3-Year Strategic Roadmap: Deep Tech → Startup → Executive",
            "The 12-month plan",
            "Year in review",
            "Yearly review 2",
            "Project 24: Building and Scaling AI/ML Engineering Team",
            "Technical Leadership Excellence (35%)",
            "Short-term",
        ] {
            assert!(!looks_like(title), "{title}");
        }
    }

    #[test]
    fn span_labels_group_across_roadmaps() {
        assert_eq!(parse("Year 2").unwrap().span_label(), "Months 12–24");
        assert_eq!(parse("(18+ Months)").unwrap().span_label(), "Months 18+");
    }
}
