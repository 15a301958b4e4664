//! The roadmap page's body: the body's own events, changed where the
//! [`Layout`] says. Task markers become status chips, metadata becomes
//! chips (dates as `<time>`), cancelled items are struck through, progress
//! cookies are filled in, and a section with objectives gets a progress bar
//! under its heading. Everything else renders as any page does.

use std::fmt::Write as _;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::parse::Layout;
use super::{Cookie, Entry, Overdue, Roadmap, Section, Status, Tally, TaskMeta};
use crate::calendar::display_short;
use crate::date::Date;
use crate::markdown::escape;

pub fn decorate<'a>(
    events: Vec<(Event<'a>, Range<usize>)>,
    roadmap: &Roadmap,
    layout: &Layout,
    tallies: &[Tally],
    today: Date,
) -> Vec<(Event<'a>, Range<usize>)> {
    let n = events.len();
    // Per event index: events to insert before it, and a replacement (an
    // `Html` event, or nothing for a removed task marker).
    let mut before: Vec<Vec<Event<'a>>> = std::iter::repeat_with(Vec::new).take(n + 1).collect();
    let mut replace: Vec<Option<Option<Event<'a>>>> =
        std::iter::repeat_with(|| None).take(n).collect();
    for (s, section) in roadmap.sections.iter().enumerate() {
        let end = layout.heading_ends[s];
        let tally = &tallies[s];
        if let Some(cookie) = section.cookie {
            before[end].push(inline_html(cookie_html(cookie, tally)));
        }
        if tally.counted() > 0 {
            before[(end + 1).min(n)].push(Event::Html(
                section_progress(roadmap, section, tally).into(),
            ));
        }
    }
    for &k in &layout.markers {
        replace[k] = Some(None);
    }
    // A `Priority: HIGH` line becomes the chip it stands for (the raw line
    // is not shown), followed by whatever the line says after the word.
    for p in &layout.priority_lines {
        let mut html = format!(
            "<p class=\"section-priority\"><span class=\"chip chip-priority chip-priority-{}\">{} priority</span>",
            p.priority.key(),
            p.priority.label()
        );
        if !p.rest.is_empty() {
            let _ = write!(html, " {}", escape(&p.rest));
        }
        html.push_str("</p>\n");
        replace[p.start] = Some(Some(Event::Html(html.into())));
        for slot in &mut replace[p.start + 1..=p.end.min(n - 1)] {
            *slot = Some(None);
        }
    }
    for (entry, l) in roadmap.entries.iter().zip(&layout.entries) {
        if entry.status == Status::Note {
            continue;
        }
        let overdue = roadmap.overdue(entry, today);
        let mut class = format!("entry entry-{}", entry.status.key());
        if overdue.is_some() {
            class.push_str(" entry-overdue");
        }
        replace[l.start] = Some(Some(Event::Html(format!("<li class=\"{class}\">").into())));
        replace[l.end] = Some(Some(Event::Html("</li>\n".into())));
        let opening = &mut before[l.lead_first];
        opening.push(inline_html(format!(
            "<span class=\"status status-{}\">{}</span> ",
            entry.status.key(),
            entry.status.label()
        )));
        let cancelled = entry.status == Status::Cancelled;
        if cancelled {
            opening.push(Event::Start(Tag::Strikethrough));
        }
        let closing = &mut before[l.lead_end];
        if cancelled {
            closing.push(Event::End(TagEnd::Strikethrough));
        }
        let chips = chips(roadmap, entry, overdue);
        if !chips.is_empty() {
            closing.push(inline_html(chips));
        }
    }

    let mut out = Vec::with_capacity(n + n / 4);
    let mut last = 0..0;
    for (k, (event, range)) in events.into_iter().enumerate() {
        out.extend(
            std::mem::take(&mut before[k])
                .into_iter()
                .map(|e| (e, range.clone())),
        );
        last = range.clone();
        let event = match (replace[k].take(), &layout.texts[k]) {
            (Some(None), _) => continue,
            (Some(Some(r)), _) => r,
            (None, Some(text)) => Event::Text(CowStr::from(text.clone())),
            (None, None) => event,
        };
        out.push((event, range));
    }
    out.extend(
        std::mem::take(&mut before[n])
            .into_iter()
            .map(|e| (e, last.clone())),
    );
    out
}

fn inline_html<'a>(html: String) -> Event<'a> {
    Event::InlineHtml(html.into())
}

/// `[2/5]` or `[40%]`, as org-mode fills them in.
pub fn cookie_text(cookie: Cookie, tally: &Tally) -> String {
    match cookie {
        Cookie::Fraction => format!("[{}/{}]", tally.done, tally.counted()),
        Cookie::Percent => format!("[{}%]", tally.percent().unwrap_or(0)),
    }
}

fn cookie_html(cookie: Cookie, tally: &Tally) -> String {
    format!(
        " <span class=\"cookie\">{}</span>",
        cookie_text(cookie, tally)
    )
}

/// The bar under a section heading: `2 of 3 done · 66%`, and the dates of
/// its horizon when the roadmap has a start.
fn section_progress(roadmap: &Roadmap, section: &Section, tally: &Tally) -> String {
    let percent = tally.percent().unwrap_or(0);
    let mut html = format!(
        "<div class=\"section-progress\"><progress max=\"{}\" value=\"{}\" aria-label=\"Progress of {}\">{percent}%</progress> <span class=\"progress-text\">{} of {} done · {percent}%</span>",
        tally.counted(),
        tally.done,
        escape(&section.title),
        tally.done,
        tally.counted(),
    );
    if let Some(w) = section.horizon.as_ref().and_then(|h| roadmap.window(h)) {
        html.push_str(" <span class=\"chip chip-window\">");
        html.push_str(&time(w.from));
        match w.until {
            Some(until) => {
                html.push_str(" – ");
                html.push_str(&time(until));
            }
            None => html.push_str(" onwards"),
        }
        html.push_str("</span>");
    }
    html.push_str("</div>\n");
    html
}

/// Priority, dates, the other Tasks fields and overdue as chips, in
/// reading order.
fn chips(roadmap: &Roadmap, entry: &Entry, overdue: Option<Overdue>) -> String {
    let d = &entry.dates;
    let mut html = String::new();
    if let Some(p) = entry.own_priority {
        let _ = write!(
            html,
            "<span class=\"chip chip-priority chip-priority-{}\">{} priority</span>",
            p.key(),
            p.label()
        );
    }
    // An objective overdue by its due date shows that date once, in the
    // overdue chip.
    let due = d.due.filter(|_| !matches!(overdue, Some(Overdue::Due(_))));
    for (class, label, date) in [
        ("due", "Due", due),
        ("scheduled", "Scheduled", d.scheduled),
        ("start", "Starts", d.start),
        ("done", "Done", d.done),
        ("cancelled", "Cancelled", d.cancelled),
        ("created", "Created", d.created),
    ] {
        if let Some(date) = date {
            let _ = write!(
                html,
                "<span class=\"chip chip-{class}\"><span class=\"chip-label\">{label}</span> {}</span>",
                time(date)
            );
        }
    }
    meta_chips(&mut html, &entry.meta, &roadmap.dependencies(entry));
    if let Some(o) = overdue {
        let what = match o {
            Overdue::Due(_) => "was due",
            Overdue::Horizon(_) => "horizon ended",
        };
        let _ = write!(
            html,
            "<span class=\"chip chip-overdue\">Overdue: {what} {}</span>",
            time(o.date())
        );
    }
    if html.is_empty() {
        return html;
    }
    format!(" <span class=\"chips\">{html}</span>")
}

/// Recurrence, on-completion action, id and dependencies (by name), as
/// chips.
fn meta_chips(html: &mut String, meta: &TaskMeta, dependencies: &[String]) {
    let mut chip = |class: &str, label: &str, value: &str| {
        let _ = write!(
            html,
            "<span class=\"chip chip-{class}\"><span class=\"chip-label\">{label}</span> {}</span>",
            escape(value)
        );
    };
    if let Some(rule) = &meta.recurrence {
        chip("recurrence", "Repeats", rule);
    }
    if let Some(action) = &meta.on_completion {
        chip("on-completion", "When done", action);
    }
    if let Some(id) = &meta.id {
        chip("id", "ID", id);
    }
    if !dependencies.is_empty() {
        chip("depends-on", "After", &dependencies.join(", "));
    }
}

fn time(d: Date) -> String {
    format!("<time datetime=\"{d}\">{}</time>", display_short(d))
}
