//! `progress.json` (private site only): every roadmap's model and the
//! roll-ups, for other tools. The shape is documented in
//! `docs/progress-json.md` and versioned by its `version` field; these
//! structs are that shape, so change the two together.

use serde::Serialize;

use crate::content::Visibility;
use crate::content::roadmap::{Overdue, Priority, Status, Tally};
use crate::content::view::RoadmapView;
use crate::date::Date;
use crate::progress::burnup::Burnup;
use crate::progress::{HorizonGroup, PriorityGroup, Progress};

/// Bumped when a field changes meaning or disappears (not when one is added).
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    today: String,
    progress: TallyJson,
    by_priority: Vec<PriorityJson>,
    by_horizon: Vec<HorizonGroupJson>,
    overdue: Vec<RefJson>,
    next_up: Vec<RefJson>,
    burnup: Option<Vec<PointJson>>,
    roadmaps: Vec<RoadmapJson<'a>>,
}

#[derive(Serialize)]
struct TallyJson {
    open: usize,
    in_progress: usize,
    done: usize,
    cancelled: usize,
    dropped: usize,
    notes: usize,
    counted: usize,
    percent: Option<usize>,
}

impl From<&Tally> for TallyJson {
    fn from(t: &Tally) -> Self {
        TallyJson {
            open: t.open,
            in_progress: t.in_progress,
            done: t.done,
            cancelled: t.cancelled,
            dropped: t.dropped,
            notes: t.notes,
            counted: t.counted(),
            percent: t.percent(),
        }
    }
}

#[derive(Serialize)]
struct PriorityJson {
    priority: Option<Priority>,
    progress: TallyJson,
}

#[derive(Serialize)]
struct HorizonGroupJson {
    label: String,
    months_from: Option<u32>,
    months_to: Option<u32>,
    progress: TallyJson,
}

#[derive(Serialize)]
struct RefJson {
    roadmap: usize,
    item: usize,
}

#[derive(Serialize)]
struct PointJson {
    date: String,
    scope: usize,
    done: usize,
}

#[derive(Serialize)]
struct RoadmapJson<'a> {
    title: &'a str,
    path: &'a str,
    url: String,
    source: String,
    visibility: Visibility,
    public_items: bool,
    start: Option<String>,
    start_from: Option<crate::content::roadmap::StartFrom>,
    progress: TallyJson,
    by_priority: Vec<PriorityJson>,
    by_horizon: Vec<HorizonGroupJson>,
    burnup: Option<Vec<PointJson>>,
    sections: Vec<SectionJson<'a>>,
    items: Vec<ItemJson<'a>>,
}

#[derive(Serialize)]
struct SectionJson<'a> {
    title: &'a str,
    id: &'a str,
    level: u8,
    parent: Option<usize>,
    line: usize,
    priority: Option<Priority>,
    horizon: Option<HorizonJson<'a>>,
    cookie: Option<String>,
    progress: TallyJson,
}

#[derive(Serialize)]
struct HorizonJson<'a> {
    label: &'a str,
    months_from: u32,
    months_to: Option<u32>,
    from: Option<String>,
    until: Option<String>,
}

#[derive(Serialize)]
struct ItemJson<'a> {
    text: &'a str,
    status: Status,
    task: bool,
    section: Option<usize>,
    parent: Option<usize>,
    depth: u8,
    line: usize,
    priority: Option<Priority>,
    own_priority: Option<Priority>,
    due: Option<String>,
    scheduled: Option<String>,
    start: Option<String>,
    done: Option<String>,
    cancelled: Option<String>,
    created: Option<String>,
    overdue: Option<OverdueJson>,
}

#[derive(Serialize)]
struct OverdueJson {
    reason: &'static str,
    date: String,
}

fn date(d: Option<Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

fn priorities(groups: &[PriorityGroup]) -> Vec<PriorityJson> {
    groups
        .iter()
        .map(|g| PriorityJson {
            priority: g.priority,
            progress: (&g.tally).into(),
        })
        .collect()
}

fn horizons(groups: &[HorizonGroup]) -> Vec<HorizonGroupJson> {
    groups
        .iter()
        .map(|g| HorizonGroupJson {
            label: g.label(),
            months_from: g.span.map(|s| s.0),
            months_to: g.span.and_then(|s| s.1),
            progress: (&g.tally).into(),
        })
        .collect()
}

fn points(b: &Option<Burnup>) -> Option<Vec<PointJson>> {
    b.as_ref().map(|b| {
        b.points
            .iter()
            .map(|p| PointJson {
                date: p.date.to_string(),
                scope: p.scope,
                done: p.done,
            })
            .collect()
    })
}

/// The document, pretty-printed, ending with a newline.
pub fn render(views: &[RoadmapView<'_>], p: &Progress, base_url: &str) -> Vec<u8> {
    let roadmaps = views
        .iter()
        .zip(&p.roadmaps)
        .map(|(v, rp)| {
            let r = v.roadmap.as_ref();
            RoadmapJson {
                title: &v.item.title,
                path: &v.item.path,
                url: format!("{base_url}{}", v.item.path),
                source: v.item.source.to_string_lossy().replace('\\', "/"),
                visibility: v.item.visibility,
                public_items: r.public_items,
                start: date(r.start),
                start_from: r.start_from,
                progress: (&rp.total).into(),
                by_priority: priorities(&rp.by_priority),
                by_horizon: horizons(&rp.by_horizon),
                burnup: points(&rp.burnup),
                sections: r
                    .sections
                    .iter()
                    .zip(&rp.sections)
                    .map(|(s, t)| {
                        let window = s.horizon.as_ref().and_then(|h| r.window(h));
                        SectionJson {
                            title: &s.title,
                            id: &s.id,
                            level: s.level,
                            parent: s.parent,
                            line: s.line,
                            priority: s.priority,
                            horizon: s.horizon.as_ref().map(|h| HorizonJson {
                                label: &h.label,
                                months_from: h.from_months,
                                months_to: h.to_months,
                                from: date(window.map(|w| w.from)),
                                until: date(window.and_then(|w| w.until)),
                            }),
                            cookie: s.cookie.map(|c| crate::content::roadmap::cookie_text(c, t)),
                            progress: t.into(),
                        }
                    })
                    .collect(),
                items: r
                    .entries
                    .iter()
                    .map(|e| ItemJson {
                        text: &e.text,
                        status: e.status,
                        task: e.task,
                        section: e.section,
                        parent: e.parent,
                        depth: e.depth,
                        line: e.line,
                        priority: e.priority,
                        own_priority: e.own_priority,
                        due: date(e.dates.due),
                        scheduled: date(e.dates.scheduled),
                        start: date(e.dates.start),
                        done: date(e.dates.done),
                        cancelled: date(e.dates.cancelled),
                        created: date(e.dates.created),
                        overdue: r.overdue(e, p.today).map(|o| OverdueJson {
                            reason: match o {
                                Overdue::Due(_) => "due",
                                Overdue::Horizon(_) => "horizon",
                            },
                            date: o.date().to_string(),
                        }),
                    })
                    .collect(),
            }
        })
        .collect();
    let doc = Doc {
        version: VERSION,
        today: p.today.to_string(),
        progress: (&p.overall).into(),
        by_priority: priorities(&p.by_priority),
        by_horizon: horizons(&p.by_horizon),
        overdue: p
            .overdue
            .iter()
            .map(|(r, _)| RefJson {
                roadmap: r.roadmap,
                item: r.entry,
            })
            .collect(),
        next_up: p
            .next_up
            .iter()
            .map(|r| RefJson {
                roadmap: r.roadmap,
                item: r.entry,
            })
            .collect(),
        burnup: points(&p.burnup),
        roadmaps,
    };
    let mut json = serde_json::to_vec_pretty(&doc).unwrap_or_else(|_| b"{}".to_vec());
    json.push(b'\n');
    json
}
