//! A burn-up chart as inline SVG, drawn at build time: scope (dashed) and
//! done (filled) as step lines over time, a "today" marker, the plan's pace
//! (dotted, to each horizon's end), axis ticks and light gridlines. Colours
//! come from the theme's stylesheet through class names, so the chart
//! follows the light and dark schemes; no script, no other host.

use std::fmt::Write as _;

use crate::calendar::{days, display_short};
use crate::date::Date;
use crate::markdown::escape;
use crate::progress::Burnup;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 44.0;
/// At most this many ticks on either axis: labels stay apart even at the
/// large phone font size.
const MAX_TICKS: usize = 5;

/// What the chart says, in words: its accessible name.
pub fn description(b: &Burnup, today: Date) -> String {
    let last = b.last();
    let mut text = format!(
        "Burn-up chart: {} of {} objectives done by {}, counted from {}.",
        last.done,
        last.scope,
        display_short(today.max(last.date)),
        display_short(b.from)
    );
    if let Some(planned) = pace_at(b, today) {
        let done = done_at(b, today);
        let verdict = match done.cmp(&planned) {
            std::cmp::Ordering::Less => format!("{} behind", planned - done),
            std::cmp::Ordering::Equal => "on pace".to_string(),
            std::cmp::Ordering::Greater => format!("{} ahead", done - planned),
        };
        let end = b.pace.last().map_or(b.to, |t| t.date);
        let _ = write!(
            text,
            " The plan's pace asks for {planned} by {} ({verdict}), and {} by {}.",
            display_short(today),
            b.pace.last().map_or(0, |t| t.due),
            display_short(end)
        );
    }
    text
}

/// Objectives done on `day`, from the steps.
fn done_at(b: &Burnup, day: Date) -> usize {
    b.points
        .iter()
        .take_while(|p| p.date <= day)
        .last()
        .map_or(0, |p| p.done)
}

/// Objectives the pace line asks for on `day` (whole objectives, rounded
/// down); `None` without a pace.
fn pace_at(b: &Burnup, day: Date) -> Option<usize> {
    let mut prev = (b.from, 0usize);
    for t in &b.pace {
        if day <= t.date {
            let span = (days(t.date) - days(prev.0)).max(1) as f64;
            let part = (days(day) - days(prev.0)).max(0) as f64 / span;
            let value = prev.1 as f64 + part * (t.due as f64 - prev.1 as f64);
            return Some(value.floor() as usize);
        }
        prev = (t.date, t.due);
    }
    b.pace.last().map(|t| t.due)
}

/// A round step (1, 2, 5 × 10ⁿ) giving at most [`MAX_TICKS`] intervals.
fn value_step(max: usize) -> usize {
    let mut unit = 1;
    loop {
        for m in [1, 2, 5] {
            let step = unit * m;
            if max.div_ceil(step) <= MAX_TICKS {
                return step;
            }
        }
        unit *= 10;
    }
}

/// First days of months between `from` and `to`, every 1, 2, 3, 6 or 12
/// months, fewer than [`MAX_TICKS`] of them (month names are wide).
fn month_ticks(from: Date, to: Date) -> Vec<Date> {
    let months = |d: Date| i64::from(d.year) * 12 + i64::from(d.month) - 1;
    let first = months(from) + i64::from(from.day > 1);
    let last = months(to);
    for stride in [1, 2, 3, 6, 12, 24, 60] {
        let start = first + (stride - first.rem_euclid(stride)) % stride;
        let ticks: Vec<Date> = (start..=last)
            .step_by(stride as usize)
            .filter_map(|m| {
                let year = i32::try_from(m.div_euclid(12)).ok()?;
                let month = u8::try_from(m.rem_euclid(12) + 1).ok()?;
                Date::parse(&format!("{year:04}-{month:02}-01")).ok()
            })
            .collect();
        if ticks.len() < MAX_TICKS {
            return ticks;
        }
    }
    Vec::new()
}

/// `Jan 2026`.
fn month_label(d: Date) -> String {
    let full = display_short(d);
    full.split_once(' ')
        .map_or(full.clone(), |(_, rest)| rest.to_string())
}

pub fn svg(b: &Burnup, today: Date) -> String {
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let span = (days(b.to) - days(b.from)).max(1) as f64;
    let highest = b
        .points
        .iter()
        .map(|p| p.scope.max(p.done))
        .chain(b.pace.iter().map(|t| t.due))
        .max()
        .unwrap_or(0)
        .max(1);
    let step = value_step(highest);
    let max = (highest.div_ceil(step) * step) as f64;
    let x = |d: Date| LEFT + (days(d) - days(b.from)) as f64 / span * plot_w;
    let y = |n: usize| TOP + plot_h - n as f64 / max * plot_h;
    let x_end = x(b.to);
    let steps = |value: fn(&crate::progress::burnup::Point) -> usize| {
        let mut d = String::new();
        for (i, p) in b.points.iter().enumerate() {
            if i == 0 {
                let _ = write!(d, "M{:.1} {:.1}", x(p.date), y(value(p)));
            } else {
                let _ = write!(d, "H{:.1}V{:.1}", x(p.date), y(value(p)));
            }
        }
        let _ = write!(d, "H{x_end:.1}");
        d
    };
    let done = steps(|p| p.done);
    let scope = steps(|p| p.scope);
    let label = escape(&description(b, today));
    let bottom = y(0);
    let top = y(max as usize);
    let label_y = bottom + 26.0;
    let mut grid = String::new();
    let mut labels = String::new();
    for n in (0..=max as usize).step_by(step) {
        let ty = y(n);
        let _ = write!(
            grid,
            "<line x1=\"{LEFT}\" y1=\"{ty:.1}\" x2=\"{x_end:.1}\" y2=\"{ty:.1}\"/>"
        );
        let _ = write!(
            labels,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{n}</text>",
            LEFT - 8.0,
            ty + 5.0
        );
    }
    let ticks = month_ticks(b.from, b.to);
    // Month labels are wider than numbers: fewer of them.
    for &t in &ticks {
        let tx = x(t);
        let _ = write!(
            grid,
            "<line class=\"burnup-tick\" x1=\"{tx:.1}\" y1=\"{top:.1}\" x2=\"{tx:.1}\" y2=\"{:.1}\"/>",
            bottom + 6.0
        );
        let anchor = if tx - LEFT < 40.0 {
            "start"
        } else if x_end - tx < 40.0 {
            "end"
        } else {
            "middle"
        };
        let _ = write!(
            labels,
            "<text x=\"{tx:.1}\" y=\"{label_y:.1}\" text-anchor=\"{anchor}\">{}</text>",
            month_label(t)
        );
    }
    if ticks.is_empty() {
        let _ = write!(
            labels,
            "<text x=\"{LEFT}\" y=\"{label_y:.1}\">{}</text>\
<text x=\"{x_end:.1}\" y=\"{label_y:.1}\" text-anchor=\"end\">{}</text>",
            display_short(b.from),
            display_short(b.to)
        );
    }
    let mut s = String::with_capacity(4096);
    let _ = write!(
        s,
        "<svg class=\"burnup\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"{label}\">\
<title>{label}</title>\
<g class=\"burnup-grid\">{grid}</g>\
<path class=\"burnup-area\" d=\"{done}V{bottom:.1}H{LEFT}Z\"/>\
<path class=\"burnup-done\" d=\"{done}\"/>\
<path class=\"burnup-scope\" d=\"{scope}\"/>"
    );
    if !b.pace.is_empty() {
        let mut d = format!("M{LEFT:.1} {bottom:.1}");
        for t in &b.pace {
            let _ = write!(d, "L{:.1} {:.1}", x(t.date), y(t.due));
        }
        let _ = write!(s, "<path class=\"burnup-pace\" d=\"{d}\"/>");
    }
    if today >= b.from && today <= b.to {
        let tx = x(today);
        let _ = write!(
            s,
            "<line class=\"burnup-today\" x1=\"{tx:.1}\" y1=\"{top:.1}\" x2=\"{tx:.1}\" y2=\"{bottom:.1}\"/>"
        );
    }
    let _ = write!(s, "<g class=\"burnup-labels\">{labels}</g></svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::burnup::Point;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn steps_scale_to_the_plot() {
        let b = Burnup {
            from: d("2026-01-01"),
            to: d("2026-01-11"),
            points: vec![
                Point {
                    date: d("2026-01-01"),
                    scope: 4,
                    done: 0,
                },
                Point {
                    date: d("2026-01-06"),
                    scope: 4,
                    done: 2,
                },
            ],
            pace: Vec::new(),
        };
        let svg = svg(&b, d("2026-01-11"));
        // done: 0 at the bottom (y=216), then 2 of 4 half way (y=116) at
        // the middle of the plot (x = 48 + 288).
        assert!(svg.contains("d=\"M48.0 216.0H336.0V116.0H624.0\""), "{svg}");
        assert!(svg.contains("class=\"burnup-scope\" d=\"M48.0 16.0H336.0V16.0H624.0\""));
        assert!(svg.contains("aria-label=\"Burn-up chart: 2 of 4 objectives done by 11 Jan 2026, counted from 1 Jan 2026.\""));
        assert!(svg.contains("class=\"burnup-today\" x1=\"624.0\""));
        assert!(!svg.contains("<script"));
    }

    fn two_points(pace: Vec<crate::progress::burnup::Target>) -> Burnup {
        Burnup {
            from: d("2026-01-01"),
            to: d("2026-07-01"),
            points: vec![
                Point {
                    date: d("2026-01-01"),
                    scope: 12,
                    done: 0,
                },
                Point {
                    date: d("2026-02-15"),
                    scope: 12,
                    done: 2,
                },
            ],
            pace,
        }
    }

    #[test]
    fn axes_have_round_ticks_and_light_gridlines() {
        let svg = svg(&two_points(Vec::new()), d("2026-04-01"));
        // 12 objectives: a step of 5 up to 15, each with a gridline.
        for n in ["0", "5", "10", "15"] {
            assert!(
                svg.contains(&format!("text-anchor=\"end\">{n}</text>")),
                "{n}: {svg}"
            );
        }
        assert_eq!(svg.matches("<line x1=\"48\"").count(), 4, "{svg}");
        // Months at most five: every other month from January.
        for m in ["Jan 2026", "Mar 2026", "May 2026", "Jul 2026"] {
            assert!(svg.contains(&format!(">{m}</text>")), "{m}: {svg}");
        }
        assert!(!svg.contains(">Feb 2026<"));
        assert_eq!(svg.matches("class=\"burnup-tick\"").count(), 4);
        assert!(!svg.contains("burnup-pace"), "no horizons, no pace");
    }

    #[test]
    fn pace_line_reaches_each_horizon_end_and_says_if_the_plan_is_late() {
        use crate::progress::burnup::Target;
        let b = two_points(vec![
            Target {
                date: d("2026-04-01"),
                due: 6,
            },
            Target {
                date: d("2026-07-01"),
                due: 12,
            },
        ]);
        let svg = svg(&b, d("2026-04-01"));
        assert!(
            svg.contains("class=\"burnup-pace\" d=\"M48.0 216.0L"),
            "{svg}"
        );
        assert_eq!(svg.matches('L').count() - svg.matches("Label").count(), 2);
        let text = description(&b, d("2026-04-01"));
        assert!(
            text.ends_with(
                "The plan's pace asks for 6 by 1 Apr 2026 (4 behind), and 12 by 1 Jul 2026."
            ),
            "{text}"
        );
        let on_time = description(&b, d("2026-01-20"));
        assert!(
            on_time.contains("asks for 1 by 20 Jan 2026 (1 behind)"),
            "{on_time}"
        );
        let ahead = description(&b, d("2026-02-20"));
        assert!(
            ahead.contains("asks for 3 by 20 Feb 2026 (1 behind)"),
            "{ahead}"
        );
        let mut early = b.clone();
        early.points[1].done = 5;
        let ahead = description(&early, d("2026-02-20"));
        assert!(
            ahead.contains("asks for 3 by 20 Feb 2026 (2 ahead)"),
            "{ahead}"
        );
    }
}
