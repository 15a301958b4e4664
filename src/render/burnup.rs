//! A burn-up chart as inline SVG, drawn at build time: scope (dashed) and
//! done (filled) as step lines over time, with a "today" marker. Colours
//! come from the theme's stylesheet through class names, so the chart
//! follows the light and dark schemes; no script, no other host.

use std::fmt::Write as _;

use crate::calendar::{days, display_short};
use crate::date::Date;
use crate::markdown::escape;
use crate::progress::Burnup;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 28.0;

/// What the chart says, in words: its accessible name.
pub fn description(b: &Burnup, today: Date) -> String {
    let last = b.last();
    format!(
        "Burn-up chart: {} of {} objectives done by {}, counted from {}.",
        last.done,
        last.scope,
        display_short(today.max(last.date)),
        display_short(b.from)
    )
}

pub fn svg(b: &Burnup, today: Date) -> String {
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let span = (days(b.to) - days(b.from)).max(1) as f64;
    let max = b
        .points
        .iter()
        .map(|p| p.scope.max(p.done))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
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
    let mut s = String::with_capacity(2048);
    let _ = write!(
        s,
        "<svg class=\"burnup\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"{label}\">\
<title>{label}</title>\
<g class=\"burnup-grid\"><line x1=\"{LEFT}\" y1=\"{top:.1}\" x2=\"{x_end:.1}\" y2=\"{top:.1}\"/>\
<line x1=\"{LEFT}\" y1=\"{bottom:.1}\" x2=\"{x_end:.1}\" y2=\"{bottom:.1}\"/></g>\
<path class=\"burnup-area\" d=\"{done}V{bottom:.1}H{LEFT}Z\"/>\
<path class=\"burnup-done\" d=\"{done}\"/>\
<path class=\"burnup-scope\" d=\"{scope}\"/>"
    );
    if today >= b.from && today <= b.to {
        let tx = x(today);
        let _ = write!(
            s,
            "<line class=\"burnup-today\" x1=\"{tx:.1}\" y1=\"{top:.1}\" x2=\"{tx:.1}\" y2=\"{bottom:.1}\"/>"
        );
    }
    let label_y = bottom + 18.0;
    let _ = write!(
        s,
        "<g class=\"burnup-labels\">\
<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\
<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">0</text>\
<text x=\"{LEFT}\" y=\"{label_y:.1}\">{}</text>\
<text x=\"{x_end:.1}\" y=\"{label_y:.1}\" text-anchor=\"end\">{}</text>\
</g></svg>",
        LEFT - 8.0,
        top + 4.0,
        max as usize,
        LEFT - 8.0,
        bottom + 4.0,
        display_short(b.from),
        display_short(b.to),
    );
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
        };
        let svg = svg(&b, d("2026-01-11"));
        // done: 0 at the bottom (y=212), then 2 of 4 half way (y=114) at
        // the middle of the plot (x = 44 + 290).
        assert!(svg.contains("d=\"M44.0 212.0H334.0V114.0H624.0\""), "{svg}");
        assert!(svg.contains("class=\"burnup-scope\" d=\"M44.0 16.0H334.0V16.0H624.0\""));
        assert!(svg.contains("aria-label=\"Burn-up chart: 2 of 4 objectives done by 11 Jan 2026, counted from 1 Jan 2026.\""));
        assert!(svg.contains("class=\"burnup-today\" x1=\"624.0\""));
        assert!(!svg.contains("<script"));
    }
}
