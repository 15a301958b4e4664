//! What the roadmap templates see (`roadmap.html`, `now.html`,
//! `dashboard.html`): `Serialize` view structs built from [`RoadmapView`]s,
//! which have already been cut for the audience. `docs/templates.md`
//! documents every field; keep the two in step.

use serde::Serialize;

use crate::calendar::display_short;
use crate::content::roadmap::{Entry, Overdue, Priority, Status, Tally};
use crate::content::view::RoadmapView;
use crate::date::Date;
use crate::progress::{HorizonGroup, PriorityGroup, Progress, RoadmapProgress};

/// How many overdue objectives the dashboard lists.
pub const OVERDUE_LIMIT: usize = 20;

#[derive(Serialize)]
pub struct TallyCtx {
    pub done: usize,
    pub in_progress: usize,
    pub open: usize,
    pub cancelled: usize,
    pub dropped: usize,
    pub notes: usize,
    /// Objectives progress counts: open + in progress + done.
    pub total: usize,
    /// Whole percent done, rounded down; null without objectives.
    pub percent: Option<usize>,
}

impl From<&Tally> for TallyCtx {
    fn from(t: &Tally) -> Self {
        TallyCtx {
            done: t.done,
            in_progress: t.in_progress,
            open: t.open,
            cancelled: t.cancelled,
            dropped: t.dropped,
            notes: t.notes,
            total: t.counted(),
            percent: t.percent(),
        }
    }
}

#[derive(Serialize)]
pub struct DateCtx {
    /// `2026-06-30`
    pub iso: String,
    /// `30 Jun 2026`
    pub display: String,
}

impl From<Date> for DateCtx {
    fn from(d: Date) -> Self {
        DateCtx {
            iso: d.to_string(),
            display: display_short(d),
        }
    }
}

/// A status or priority: a stable `key` for CSS classes and a `label`.
#[derive(Serialize)]
pub struct LabelCtx {
    pub key: &'static str,
    pub label: &'static str,
}

fn status(s: Status) -> LabelCtx {
    LabelCtx {
        key: s.key(),
        label: s.label(),
    }
}

fn priority(p: Priority) -> LabelCtx {
    LabelCtx {
        key: p.key(),
        label: p.label(),
    }
}

#[derive(Serialize)]
pub struct HorizonCtx {
    /// As written in the heading: `Next 6-12 Months`.
    pub label: String,
    /// The same for every roadmap: `Months 0–12`.
    pub span: String,
    pub from: Option<DateCtx>,
    /// Null for an open-ended horizon or without a start date.
    pub until: Option<DateCtx>,
}

#[derive(Serialize)]
pub struct SectionCtx<'a> {
    pub title: &'a str,
    /// The heading's id in `roadmap.content`.
    pub id: &'a str,
    pub level: u8,
    /// Nesting below the shallowest listed section (0, 1, …).
    pub depth: u8,
    pub priority: Option<LabelCtx>,
    pub horizon: Option<HorizonCtx>,
    pub progress: TallyCtx,
    /// The filled-in cookie (`[2/5]`, `[40%]`) when the heading has one.
    pub cookie: Option<String>,
    /// Its objectives: only on a "Now" page with `public_items: true`.
    pub entries: Vec<EntryCtx<'a>>,
}

#[derive(Serialize)]
pub struct OverdueCtx {
    /// `due` or `horizon`.
    pub reason: &'static str,
    pub date: DateCtx,
}

#[derive(Serialize)]
pub struct EntryCtx<'a> {
    pub text: &'a str,
    pub status: LabelCtx,
    pub task: bool,
    pub depth: u8,
    /// Its own, else its section's.
    pub priority: Option<LabelCtx>,
    pub due: Option<DateCtx>,
    pub scheduled: Option<DateCtx>,
    pub start: Option<DateCtx>,
    pub done: Option<DateCtx>,
    pub cancelled: Option<DateCtx>,
    pub created: Option<DateCtx>,
    /// `🔁 every week`: the rule as written.
    pub recurrence: Option<&'a str>,
    /// `🆔 abc123`.
    pub id: Option<&'a str>,
    /// `⛔ abc123,def456`: what it waits for, by name (the text of the
    /// task with that `🆔` in the same roadmap, else the id).
    pub depends_on: Vec<String>,
    pub overdue: Option<OverdueCtx>,
    pub roadmap_title: &'a str,
    pub roadmap_path: &'a str,
    pub section_title: Option<&'a str>,
    pub section_id: Option<&'a str>,
}

#[derive(Serialize)]
pub struct GroupCtx {
    /// For CSS classes: `high`, `none`; `months-0-12`, `none`.
    pub key: String,
    pub label: String,
    pub progress: TallyCtx,
}

#[derive(Serialize)]
pub struct RoadmapCtx<'a> {
    pub title: &'a str,
    pub path: &'a str,
    pub description: &'a str,
    pub is_private: bool,
    pub draft: bool,
    pub updated: Option<DateCtx>,
    pub start: Option<DateCtx>,
    /// `start` or `date`: the front-matter key the start came from.
    pub start_from: Option<&'static str>,
    /// Whether the roadmap names horizons (so a missing start matters).
    pub has_horizons: bool,
    pub progress: TallyCtx,
    pub sections: Vec<SectionCtx<'a>>,
    /// The rendered body (HTML): only in the private site.
    pub content: Option<&'a str>,
    /// Burn-up chart (inline SVG markup): only in the private site.
    pub burnup: Option<String>,
    /// Whether the chart has a pace line (horizons with a start date).
    pub burnup_has_pace: bool,
    pub by_priority: Vec<GroupCtx>,
    pub by_horizon: Vec<GroupCtx>,
    pub overdue: Vec<EntryCtx<'a>>,
}

#[derive(Serialize)]
pub struct CardCtx<'a> {
    pub title: &'a str,
    pub path: &'a str,
    pub description: &'a str,
    pub progress: TallyCtx,
    pub overdue: usize,
    pub start: Option<DateCtx>,
    /// Also shown on the public site as a "Now" page.
    pub is_public: bool,
}

#[derive(Serialize)]
pub struct DashboardCtx<'a> {
    pub today: DateCtx,
    pub progress: TallyCtx,
    pub roadmaps: Vec<CardCtx<'a>>,
    pub burnup: Option<String>,
    /// Whether the chart has a pace line (horizons with a start date).
    pub burnup_has_pace: bool,
    pub by_priority: Vec<GroupCtx>,
    pub by_horizon: Vec<GroupCtx>,
    /// The most overdue objectives, at most [`OVERDUE_LIMIT`].
    pub overdue: Vec<EntryCtx<'a>>,
    /// How many more are overdue (each roadmap's page lists all of its own).
    pub overdue_more: usize,
    pub next_up: Vec<EntryCtx<'a>>,
    /// Objectives that would also be "next up" beyond the listed ones.
    pub next_up_more: usize,
    /// The first screen's row of figures.
    pub figures: FiguresCtx<'a>,
    /// Titles of roadmaps that name horizons but have no start date.
    pub undated: Vec<&'a str>,
    /// High-priority sections with no tasks yet (why "Next up" is empty).
    pub untracked_high: Vec<SectionLinkCtx<'a>>,
}

#[derive(Serialize)]
pub struct FiguresCtx<'a> {
    /// Objectives done in the 30 (90) days up to today, by their done date.
    pub done_last_30: usize,
    pub done_last_90: usize,
    /// How many objectives are overdue (all of them, not only the listed).
    pub overdue: usize,
    /// The open objective due soonest, today or later.
    pub next_due: Option<EntryCtx<'a>>,
}

#[derive(Serialize)]
pub struct SectionLinkCtx<'a> {
    pub title: &'a str,
    pub id: &'a str,
    pub roadmap_title: &'a str,
    pub roadmap_path: &'a str,
}

pub fn priority_groups(groups: &[PriorityGroup]) -> Vec<GroupCtx> {
    groups
        .iter()
        .map(|g| GroupCtx {
            key: g.priority.map_or("none", Priority::key).to_string(),
            label: g
                .priority
                .map_or("No priority", Priority::label)
                .to_string(),
            progress: (&g.tally).into(),
        })
        .collect()
}

pub fn horizon_groups(groups: &[HorizonGroup]) -> Vec<GroupCtx> {
    groups
        .iter()
        .map(|g| GroupCtx {
            key: match g.span {
                Some((from, Some(to))) => format!("months-{from}-{to}"),
                Some((from, None)) => format!("months-{from}-plus"),
                None => "none".into(),
            },
            label: g.label(),
            progress: (&g.tally).into(),
        })
        .collect()
}

/// One entry of a roadmap, for lists.
pub fn entry<'a>(
    view: &'a RoadmapView<'_>,
    e: &'a Entry,
    overdue: Option<Overdue>,
) -> EntryCtx<'a> {
    let section = e.section.map(|s| &view.roadmap.sections[s]);
    let d = e.dates;
    EntryCtx {
        text: &e.text,
        status: status(e.status),
        task: e.task,
        depth: e.depth,
        priority: e.priority.map(priority),
        due: d.due.map(Into::into),
        scheduled: d.scheduled.map(Into::into),
        start: d.start.map(Into::into),
        done: d.done.map(Into::into),
        cancelled: d.cancelled.map(Into::into),
        created: d.created.map(Into::into),
        recurrence: e.meta.recurrence.as_deref(),
        id: e.meta.id.as_deref(),
        depends_on: view.roadmap.dependencies(e),
        overdue: overdue.map(|o| OverdueCtx {
            reason: match o {
                Overdue::Due(_) => "due",
                Overdue::Horizon(_) => "horizon",
            },
            date: o.date().into(),
        }),
        roadmap_title: &view.item.title,
        roadmap_path: &view.item.path,
        section_title: section.map(|s| s.title.as_str()),
        section_id: section.map(|s| s.id.as_str()),
    }
}

/// Sections with their progress; `only_with_objectives` keeps the ones
/// that have objectives (in them or below), for the "Now" page.
fn sections<'a>(
    view: &'a RoadmapView<'_>,
    tallies: &[Tally],
    only_with_objectives: bool,
    with_entries: bool,
) -> Vec<SectionCtx<'a>> {
    let r = view.roadmap.as_ref();
    let listed: Vec<usize> = (0..r.sections.len())
        .filter(|&s| !only_with_objectives || tallies[s].counted() > 0)
        .collect();
    let top = listed
        .iter()
        .map(|&s| r.sections[s].level)
        .min()
        .unwrap_or(1);
    listed
        .into_iter()
        .map(|s| {
            let section = &r.sections[s];
            let window = section.horizon.as_ref().and_then(|h| r.window(h));
            SectionCtx {
                title: &section.title,
                id: &section.id,
                level: section.level,
                depth: section.level - top,
                priority: section.priority.map(priority),
                horizon: section.horizon.as_ref().map(|h| HorizonCtx {
                    label: h.label.clone(),
                    span: h.span_label(),
                    from: window.map(|w| w.from.into()),
                    until: window.and_then(|w| w.until).map(Into::into),
                }),
                progress: (&tallies[s]).into(),
                cookie: section
                    .cookie
                    .map(|c| crate::content::roadmap::cookie_text(c, &tallies[s])),
                entries: if with_entries {
                    r.entries
                        .iter()
                        .filter(|e| e.section == Some(s) && e.task && e.status != Status::Dropped)
                        .map(|e| entry(view, e, None))
                        .collect()
                } else {
                    Vec::new()
                },
            }
        })
        .collect()
}

fn base<'a>(view: &'a RoadmapView<'_>, total: &Tally) -> RoadmapCtx<'a> {
    let item = view.item;
    let r = view.roadmap.as_ref();
    RoadmapCtx {
        title: &item.title,
        path: &item.path,
        description: &item.description,
        is_private: item.visibility == crate::content::Visibility::Private,
        draft: item.draft,
        updated: item.updated.map(Into::into),
        start: r.start.map(Into::into),
        start_from: r.start_from.map(|f| match f {
            crate::content::roadmap::StartFrom::Start => "start",
            crate::content::roadmap::StartFrom::Date => "date",
            crate::content::roadmap::StartFrom::History => "history",
        }),
        has_horizons: r.sections.iter().any(|s| s.horizon.is_some()),
        progress: total.into(),
        sections: Vec::new(),
        content: None,
        burnup: None,
        burnup_has_pace: false,
        by_priority: Vec::new(),
        by_horizon: Vec::new(),
        overdue: Vec::new(),
    }
}

/// The private roadmap page: everything.
pub fn private_roadmap<'a>(
    view: &'a RoadmapView<'_>,
    p: &RoadmapProgress,
    today: Date,
) -> RoadmapCtx<'a> {
    let r = view.roadmap.as_ref();
    RoadmapCtx {
        sections: sections(view, &p.sections, false, false),
        content: view.content.as_deref(),
        burnup: p.burnup.as_ref().map(|b| super::burnup::svg(b, today)),
        burnup_has_pace: p.burnup.as_ref().is_some_and(|b| !b.pace.is_empty()),
        by_priority: priority_groups(&p.by_priority),
        by_horizon: horizon_groups(&p.by_horizon),
        overdue: p
            .overdue
            .iter()
            .map(|&(i, o)| entry(view, &r.entries[i], Some(o)))
            .collect(),
        ..base(view, &p.total)
    }
}

/// The public "Now" page: section titles and progress; objectives only
/// when the view kept their text (`public_items: true`).
pub fn now_page<'a>(view: &'a RoadmapView<'_>) -> RoadmapCtx<'a> {
    let r = view.roadmap.as_ref();
    let tallies = r.section_tallies();
    RoadmapCtx {
        sections: sections(view, &tallies, true, r.public_items),
        ..base(view, &r.tally())
    }
}

/// The private dashboard.
pub fn dashboard<'a>(views: &'a [RoadmapView<'_>], p: &Progress) -> DashboardCtx<'a> {
    let g = &p.glance;
    let refs = |list: &mut dyn Iterator<Item = (crate::progress::Ref, Option<Overdue>)>| {
        list.map(|(r, o)| {
            let view = &views[r.roadmap];
            entry(view, &view.roadmap.entries[r.entry], o)
        })
        .collect::<Vec<_>>()
    };
    DashboardCtx {
        today: p.today.into(),
        progress: (&p.overall).into(),
        roadmaps: views
            .iter()
            .zip(&p.roadmaps)
            .map(|(v, rp)| CardCtx {
                title: &v.item.title,
                path: &v.item.path,
                description: &v.item.description,
                progress: (&rp.total).into(),
                overdue: rp.overdue.len(),
                start: v.roadmap.start.map(Into::into),
                is_public: v.item.visibility == crate::content::Visibility::Public,
            })
            .collect(),
        burnup: p.burnup.as_ref().map(|b| super::burnup::svg(b, p.today)),
        burnup_has_pace: p.burnup.as_ref().is_some_and(|b| !b.pace.is_empty()),
        by_priority: priority_groups(&p.by_priority),
        by_horizon: horizon_groups(&p.by_horizon),
        overdue: refs(
            &mut p
                .overdue
                .iter()
                .take(OVERDUE_LIMIT)
                .map(|&(r, o)| (r, Some(o))),
        ),
        overdue_more: p.overdue.len().saturating_sub(OVERDUE_LIMIT),
        next_up: refs(&mut p.next_up.iter().map(|&r| (r, None))),
        next_up_more: p.next_up_more,
        figures: FiguresCtx {
            done_last_30: g.done_last_30,
            done_last_90: g.done_last_90,
            overdue: p.overdue.len(),
            next_due: g.next_due.map(|(r, _)| {
                let view = &views[r.roadmap];
                entry(view, &view.roadmap.entries[r.entry], None)
            }),
        },
        undated: g
            .undated
            .iter()
            .map(|&i| views[i].item.title.as_str())
            .collect(),
        untracked_high: g
            .untracked_high
            .iter()
            .map(|s| {
                let view = &views[s.roadmap];
                let section = &view.roadmap.sections[s.section];
                SectionLinkCtx {
                    title: &section.title,
                    id: &section.id,
                    roadmap_title: &view.item.title,
                    roadmap_path: &view.item.path,
                }
            })
            .collect(),
    }
}
