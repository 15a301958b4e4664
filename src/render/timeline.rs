//! The plan as a timeline, as inline SVG drawn at build time: one shared
//! month axis, each roadmap's title, and under it one row per section of
//! [`crate::progress::timeline`]: the priority in words, the section's
//! title and its progress ("2 of 5 done", "no tasks"), and a bar over its
//! horizon window, coloured by priority, filled as far as it is done.
//! Today is a vertical line. A roadmap without a start date says so and
//! gets no bars.
//!
//! Colours and font sizes come from the theme's stylesheet (class names),
//! so the chart follows the light and dark schemes and its text grows on
//! phones; each label is written twice (long and short) and the stylesheet
//! shows the one that fits. No script.

use std::fmt::Write as _;

use serde::Serialize;

use super::burnup::{month_label, month_ticks};
use super::roadmap_ctx::{DateCtx, LabelCtx, SectionLinkCtx, TallyCtx};
use crate::calendar::{days, display_short};
use crate::content::roadmap::{Priority, Roadmap};
use crate::content::view::RoadmapView;
use crate::date::Date;
use crate::markdown::escape;
use crate::progress::SectionRef;
use crate::progress::timeline::{Row, Timeline};

const WIDTH: f64 = 640.0;
const X0: f64 = 8.0;
const X1: f64 = 632.0;
const AXIS: f64 = 52.0;
const LANE_TITLE: f64 = 36.0;
const NOTE: f64 = 30.0;
const ROW: f64 = 52.0;
const ROW_UNDATED: f64 = 32.0;
const BAR_TOP: f64 = 32.0;
const BAR_H: f64 = 12.0;
/// Characters a label may have at desktop, phone and small phone sizes.
const LONG: usize = 80;
const SHORT: usize = 46;
const TINY: usize = 38;

/// `None` when no roadmap has a section on the timeline.
pub fn svg(t: &Timeline, roadmaps: &[&Roadmap], titles: &[&str], today: Date) -> Option<String> {
    if t.lanes.is_empty() {
        return None;
    }
    let (from, to) = t.span.unwrap_or((today, today));
    let total = (days(to) - days(from)).max(1) as f64;
    let x = |d: Date| X0 + (days(d) - days(from)).clamp(0, total as i64) as f64 / total * (X1 - X0);
    let mut body = String::new();
    let mut y = if t.span.is_some() { AXIS } else { 0.0 };
    let mut rows = 0;
    for lane in &t.lanes {
        let r = roadmaps[lane.roadmap];
        let title = titles.get(lane.roadmap).copied().unwrap_or("");
        body.push_str(&label(X0, y + 26.0, "tl-lane", None, title, ""));
        y += LANE_TITLE;
        if lane.start.is_none() {
            body.push_str(&label(
                X0,
                y + 20.0,
                "tl-note",
                None,
                "No start date, so no windows",
                "",
            ));
            y += NOTE;
        }
        for row in &lane.rows {
            rows += 1;
            let section = &r.sections[row.section];
            let indent = X0 + f64::from(row.depth) * 16.0;
            body.push_str(&label(
                indent,
                y + 24.0,
                "",
                Some(priority_word(row.priority)),
                &section.title,
                &row_label(row),
            ));
            match row.window {
                Some(w) => {
                    let x1 = x(w.from);
                    let x2 = w.until.map_or(X1, |u| x(calendar_next(u)));
                    let width = (x2 - x1).max(2.0);
                    let class = format!("tl-bar tl-p-{}", priority_key(row.priority));
                    let open = if w.until.is_none() { " tl-open" } else { "" };
                    let _ = write!(
                        body,
                        "<g class=\"{class}{open}\"><rect class=\"tl-window\" x=\"{x1:.1}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"{BAR_H}\" rx=\"3\"/>",
                        y + BAR_TOP
                    );
                    if let Some(pct) = row.tally.percent().filter(|&p| p > 0) {
                        let _ = write!(
                            body,
                            "<rect class=\"tl-done\" x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{BAR_H}\" rx=\"3\"/>",
                            y + BAR_TOP,
                            width * pct as f64 / 100.0
                        );
                    }
                    body.push_str("</g>");
                    y += ROW;
                }
                None => y += ROW_UNDATED,
            }
        }
        y += 8.0;
    }
    let height = y;
    let mut axis = String::new();
    if t.span.is_some() {
        for tick in month_ticks(from, to) {
            let tx = x(tick);
            let anchor = anchor(tx);
            let _ = write!(
                axis,
                "<line class=\"tl-tick\" x1=\"{tx:.1}\" y1=\"28\" x2=\"{tx:.1}\" y2=\"{height:.1}\"/><text class=\"tl-axis\" x=\"{tx:.1}\" y=\"20\" text-anchor=\"{anchor}\">{}</text>",
                month_label(tick)
            );
        }
        let tx = x(today);
        let _ = write!(
            axis,
            "<line class=\"tl-today\" x1=\"{tx:.1}\" y1=\"30\" x2=\"{tx:.1}\" y2=\"{height:.1}\"/><text class=\"tl-today-label\" x=\"{tx:.1}\" y=\"46\" text-anchor=\"{}\">Today</text>",
            anchor(tx)
        );
    }
    let summary = description(t, rows, today);
    Some(format!(
        "<svg class=\"timeline\" viewBox=\"0 0 {WIDTH} {height:.0}\" role=\"img\" aria-label=\"{}\">{axis}{body}</svg>",
        escape(&summary)
    ))
}

/// The day after `d`: a window's bar ends at the end of its last day.
fn calendar_next(d: Date) -> Date {
    crate::calendar::add_days(d, 1)
}

fn anchor(tx: f64) -> &'static str {
    if tx - X0 < 40.0 {
        "start"
    } else if X1 - tx < 40.0 {
        "end"
    } else {
        "middle"
    }
}

/// What the chart says, in words: its accessible name.
pub fn description(t: &Timeline, rows: usize, today: Date) -> String {
    let lanes = t.lanes.len();
    let mut text = format!(
        "Timeline: {rows} section{} of {lanes} roadmap{}",
        if rows == 1 { "" } else { "s" },
        if lanes == 1 { "" } else { "s" }
    );
    if let Some((from, to)) = t.span {
        let _ = write!(
            text,
            " from {} to {}; today is {}; {} section{} today.",
            display_short(from),
            display_short(to),
            display_short(today),
            t.now.len(),
            if t.now.len() == 1 { " holds" } else { "s hold" }
        );
    } else {
        text.push_str("; no roadmap has a start date, so none has windows.");
    }
    text
}

/// ` · 2 of 5 done`, ` · no tasks`.
fn row_label(row: &Row) -> String {
    let counted = row.tally.counted();
    if counted == 0 {
        " · no tasks".to_string()
    } else {
        format!(" · {} of {counted} done", row.tally.done)
    }
}

fn priority_word(p: Option<Priority>) -> &'static str {
    p.map_or("No priority", Priority::label)
}

fn priority_key(p: Option<Priority>) -> &'static str {
    p.map_or("none", Priority::key)
}

/// One line of text, once, or once per screen size when it must be cut
/// there (wide: at most [`LONG`] characters; phone: [`SHORT`]; small
/// phone: [`TINY`]); the stylesheet shows the one for the screen. `prio`
/// is written first, in bold, and never cut; then the title (cut with
/// `…`), then `tail`. Bold lines (`tl-lane`) get fewer characters.
fn label(x: f64, y: f64, class: &str, prio: Option<&str>, title: &str, tail: &str) -> String {
    let (head, sep) = match prio {
        Some(p) => (
            format!("<tspan class=\"tl-prio\">{}</tspan>", escape(p)),
            " · ",
        ),
        None => (String::new(), ""),
    };
    let bold = if class == "tl-lane" { 6 } else { 0 };
    let used = prio.map_or(0, |p| p.chars().count() + 3) + tail.chars().count() + bold;
    let fit = |budget: usize| {
        let room = budget.saturating_sub(used).max(10);
        if title.chars().count() <= room {
            title.to_string()
        } else {
            let cut: String = title.chars().take(room - 1).collect();
            format!("{}…", cut.trim_end())
        }
    };
    let variants = [
        ("tl-l", fit(LONG)),
        ("tl-s", fit(SHORT)),
        ("tl-t", fit(TINY)),
    ];
    let mut out = String::new();
    let mut i = 0;
    while i < variants.len() {
        let text = &variants[i].1;
        let mut sizes = vec![variants[i].0];
        let mut j = i + 1;
        while j < variants.len() && &variants[j].1 == text {
            sizes.push(variants[j].0);
            j += 1;
        }
        let mut classes: Vec<&str> = Vec::new();
        if !class.is_empty() {
            classes.push(class);
        }
        if sizes.len() < variants.len() {
            classes.push("tl-v");
            classes.extend(sizes);
        }
        let attr = if classes.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", classes.join(" "))
        };
        let _ = write!(
            out,
            "<text{attr} x=\"{x:.1}\" y=\"{y:.1}\">{head}{sep}{}{}</text>",
            escape(text),
            escape(tail)
        );
        i = j;
    }
    out
}

/// What the dashboard's template sees of the timeline.
#[derive(Serialize)]
pub struct TimelineCtx<'a> {
    /// The chart; `None` when no roadmap has a section with a horizon.
    pub svg: Option<String>,
    /// Whether any section has a window (some roadmap has a start date).
    pub dated: bool,
    /// Sections whose window holds today, highest priority first.
    pub now: Vec<NowCtx<'a>>,
    /// Sections whose window has ended with no tasks in them (why
    /// "Overdue" can be empty).
    pub ended_untracked: Vec<SectionLinkCtx<'a>>,
}

#[derive(Serialize)]
pub struct NowCtx<'a> {
    pub section: SectionLinkCtx<'a>,
    pub priority: Option<LabelCtx>,
    pub progress: TallyCtx,
    /// The window's last day (`None`: open-ended).
    pub until: Option<DateCtx>,
}

pub fn context<'a>(views: &'a [RoadmapView<'_>], t: &Timeline, today: Date) -> TimelineCtx<'a> {
    let models: Vec<&Roadmap> = views.iter().map(|v| v.roadmap.as_ref()).collect();
    let titles: Vec<&str> = views.iter().map(|v| v.item.title.as_str()).collect();
    let link = |at: &SectionRef| {
        let view = &views[at.roadmap];
        let section = &view.roadmap.sections[at.section];
        SectionLinkCtx {
            title: &section.title,
            id: &section.id,
            roadmap_title: &view.item.title,
            roadmap_path: &view.item.path,
        }
    };
    let until = |at: &SectionRef| {
        let r = &views[at.roadmap].roadmap;
        let h = r.sections[at.section].horizon.as_ref()?;
        r.window(h)?.until.map(Into::into)
    };
    TimelineCtx {
        svg: svg(t, &models, &titles, today),
        dated: t.span.is_some(),
        now: t
            .now
            .iter()
            .map(|(at, p, tally)| NowCtx {
                section: link(at),
                priority: p.map(|p| LabelCtx {
                    key: p.key(),
                    label: p.label(),
                }),
                progress: tally.into(),
                until: until(at),
            })
            .collect(),
        ended_untracked: t.ended_untracked.iter().map(link).collect(),
    }
}
