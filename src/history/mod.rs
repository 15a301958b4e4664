//! Dates from version control: when a roadmap was written and when each of
//! its boxes was ticked, read from the site's git repository (gitoxide)
//! and filled into the roadmap models the dashboard and the burn-up read.
//!
//! Only what the sources leave open is filled in, front matter and `✅`
//! dates always win: a roadmap without `start:`/`date:` starts on the day
//! of the commit that added its file; a done task without `✅` is done on
//! the day of the commit that ticked it; a task added after the start
//! (without `➕`) is in scope from the day of the commit that added it.
//! Changes not yet committed count as of today (`--today`,
//! `SOURCE_DATE_EPOCH`), so a build stays reproducible. Tasks are followed
//! from version to version by their text ([`tasks`]). A site in no
//! repository, or in a shallow clone, builds as before, with one note.
//!
//! What the commits say is cached in `.folio-cache/history.json` ([`cache`]),
//! with the HEAD commit it was read at: a later HEAD reads only the commits
//! since.

mod cache;
mod follow;
mod git;
pub mod tasks;

use std::path::{Path, PathBuf};

use crate::calendar;
use crate::config::tasks::TaskStatuses;
use crate::content::roadmap::{Roadmap, StartFrom, Status};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Severity};
use tasks::Tracked;

/// One roadmap to date: its file (absolute) and its model.
pub struct Target<'a> {
    pub file: PathBuf,
    pub roadmap: &'a mut Roadmap,
}

/// What history knows of one file at HEAD.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
struct Committed {
    /// Day of the first commit that had the file.
    added: Option<i64>,
    /// xxh3 of the file's text at HEAD (0: not at HEAD).
    head_hash: u64,
    /// The file's blob at HEAD (hex; `None`: not at HEAD), where a read
    /// of later commits goes on from.
    #[serde(default)]
    head_blob: Option<String>,
    tasks: Vec<Tracked>,
}

/// Fills the dates history knows into `targets`. Returns a note when there
/// is no history to read (or it could not be read). `cache_root` is the
/// site root whose `.folio-cache/` may hold the read history (`None`: no
/// cache).
pub fn apply(
    site_root: &Path,
    cache_root: Option<&Path>,
    today: Date,
    statuses: &TaskStatuses,
    targets: Vec<Target<'_>>,
) -> Option<Diagnostic> {
    if targets.is_empty() {
        return None;
    }
    let (repo, head, workdir) = match git::open(site_root) {
        Ok(git::Repo::Found {
            repo,
            head,
            workdir,
        }) => (Some(repo), Some(head), workdir),
        Ok(git::Repo::Unborn) => (None, None, PathBuf::new()),
        Ok(git::Repo::None) => {
            return note(&targets, site_root, "the site is not in a git repository");
        }
        Ok(git::Repo::Shallow) => {
            return note(
                &targets,
                site_root,
                "the site is a shallow git clone (clone it whole, `fetch-depth: 0` in CI)",
            );
        }
        Err(e) => return note(&targets, site_root, &format!("git history not read ({e})")),
    };
    let paths: Vec<String> = targets
        .iter()
        .map(|t| {
            let abs = t.file.canonicalize().unwrap_or_else(|_| t.file.clone());
            abs.strip_prefix(&workdir)
                .unwrap_or(&abs)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect();
    let committed = match (repo, head) {
        (Some(repo), Some(head)) => match committed(&repo, head, &paths, cache_root, statuses) {
            Ok(c) => c,
            Err(e) => {
                return note(&targets, site_root, &format!("git history not read ({e})"));
            }
        },
        _ => vec![Committed::default(); paths.len()],
    };
    let day = tasks::day_of(today);
    for (target, mut known) in targets.into_iter().zip(committed) {
        if let Ok(text) = std::fs::read_to_string(&target.file)
            && hash(&text) != known.head_hash
        {
            // Uncommitted: as of today.
            known.tasks = tasks::advance(&known.tasks, &tasks::extract(&text, statuses), day);
            known.added = known.added.or(Some(day));
        }
        fill(target.roadmap, &known);
    }
    None
}

/// One note on what history would add to `targets`, when it would add
/// anything: `why` there is none.
fn note(targets: &[Target<'_>], site_root: &Path, why: &str) -> Option<Diagnostic> {
    let starts = targets.iter().filter(|t| t.roadmap.start.is_none()).count();
    let ticks: usize = targets
        .iter()
        .map(|t| {
            let done = |e: &&crate::content::roadmap::Entry| e.task && e.status == Status::Done;
            t.roadmap
                .entries
                .iter()
                .filter(done)
                .filter(|e| e.dates.done.is_none())
                .count()
        })
        .sum();
    let mut missing = Vec::new();
    if starts > 0 {
        missing.push(plural(
            starts,
            "roadmap has no start date",
            "roadmaps have no start date",
        ));
    }
    if ticks > 0 {
        missing.push(plural(
            ticks,
            "ticked task has no done date",
            "ticked tasks have no done date",
        ));
    }
    if missing.is_empty() {
        return None;
    }
    let first = targets
        .iter()
        .find(|t| t.roadmap.start.is_none())
        .unwrap_or(&targets[0]);
    let path = first.file.strip_prefix(site_root).unwrap_or(&first.file);
    Some(Diagnostic {
        severity: Severity::Note,
        ..Diagnostic::warning(
            "history",
            path,
            format!(
                "{why}: {}; from git history folio would date them by their commits",
                missing.join(" and ")
            ),
        )
    })
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes()) | 1
}

/// What the commits say about each of `paths`: from the cache when it was
/// read at this HEAD for these paths; from the cache and the commits since
/// when it was read at an ancestor on HEAD's first-parent line; else from
/// every commit.
fn committed(
    repo: &gix::Repository,
    head: gix::ObjectId,
    paths: &[String],
    cache_root: Option<&Path>,
    statuses: &TaskStatuses,
) -> Result<Vec<Committed>, String> {
    let cached = cache_root.and_then(|r| cache::read(r, paths, statuses));
    let head_hex = head.to_string();
    if let Some(c) = cached.as_ref().filter(|c| c.head == head_hex) {
        return Ok(c.files.clone());
    }
    let stop = cached
        .as_ref()
        .and_then(|c| gix::ObjectId::from_hex(c.head.as_bytes()).ok());
    let (commits, met) = crate::timings::phase("history: read commits", || {
        git::commits(repo, head, paths, stop)
    })?;
    let from = match cached {
        Some(c) if met => c.files,
        _ => vec![Committed::default(); paths.len()],
    };
    let files = crate::timings::phase("history: follow tasks", || {
        from.into_iter()
            .enumerate()
            .map(|(i, known)| follow(repo, &commits, i, known, statuses))
            .collect::<Result<Vec<_>, String>>()
    })?;
    if let Some(root) = cache_root {
        cache::write(root, &head_hex, paths, statuses, &files);
    }
    Ok(files)
}

/// `known` (what was known of path `i` at the commit before the oldest of
/// `commits`) after `commits` (newest first).
fn follow(
    repo: &gix::Repository,
    commits: &[git::Commit],
    i: usize,
    known: Committed,
    statuses: &TaskStatuses,
) -> Result<Committed, String> {
    let mut last = known
        .head_blob
        .as_deref()
        .and_then(|h| gix::ObjectId::from_hex(h.as_bytes()).ok());
    let mut f = follow::Follow::new(statuses, &known.tasks);
    let mut added = known.added;
    let mut changed = false;
    // The blob at HEAD is hashed when it is read (not read again).
    let head_blob = commits.first().and_then(|c| c.blobs[i]);
    let mut head_hash = None;
    for commit in commits.iter().rev() {
        let blob = commit.blobs[i];
        if blob == last {
            continue;
        }
        match blob {
            Some(id) => {
                f.version(id, commit.day, || {
                    let text = git::text(repo, id)?;
                    if Some(id) == head_blob {
                        head_hash = Some(hash(&text));
                    }
                    Ok(text)
                })?;
                added = added.or(Some(commit.day));
            }
            None => f.removed(commit.day),
        }
        last = blob;
        changed = true;
    }
    if !changed {
        return Ok(known);
    }
    let head_hash = match (last, head_hash) {
        (Some(_), Some(h)) => h,
        (Some(id), None) => hash(&git::text(repo, id)?),
        (None, _) => 0,
    };
    Ok(Committed {
        added,
        head_hash,
        head_blob: last.map(|id| id.to_string()),
        tasks: f.tracked(),
    })
}

/// Fills what the sources leave open.
fn fill(roadmap: &mut Roadmap, known: &Committed) {
    if roadmap.start.is_none()
        && let Some(added) = known.added
    {
        roadmap.start = Some(calendar::from_days(added));
        roadmap.start_from = Some(StartFrom::History);
    }
    let start = roadmap.start.map(tasks::day_of);
    let entries: Vec<usize> = (0..roadmap.entries.len())
        .filter(|&i| roadmap.entries[i].task)
        .collect();
    let keys: Vec<String> = entries
        .iter()
        .map(|&i| tasks::normalise(&roadmap.entries[i].text))
        .collect();
    let new: Vec<&str> = keys.iter().map(String::as_str).collect();
    let old: Vec<&str> = known.tasks.iter().map(|t| t.key.as_str()).collect();
    for (&i, m) in entries.iter().zip(tasks::pair(&old, &new)) {
        let Some(t) = m.map(|m| &known.tasks[m]) else {
            continue;
        };
        let e = &mut roadmap.entries[i];
        // A task already ticked in the file's first version was done before
        // the history starts: its day is not known, so none is invented.
        let done_before_history = known
            .added
            .is_some_and(|a| t.added == a && t.done == Some(a));
        if e.status == Status::Done && e.dates.done.is_none() && !done_before_history {
            e.dates.done = t.done.map(calendar::from_days);
        }
        // Tasks of the file's first version count from the start.
        let later = known.added.is_some_and(|a| t.added > a) && start.is_some_and(|s| t.added > s);
        if e.dates.created.is_none() && later {
            e.dates.created = Some(calendar::from_days(t.added));
        }
    }
}

/// [`apply`] to every roadmap of `site`; `cache`: whether `.folio-cache/`
/// may be read and written. The warning that a roadmap has no start goes
/// from `site.warnings` when history gave it one.
pub fn apply_to_site(site: &mut crate::content::Site, cache: bool) -> Option<Diagnostic> {
    let root = site.config.root.clone();
    let today = site.config.today;
    let statuses = site.config.task_statuses.clone();
    let targets: Vec<Target<'_>> = site
        .items
        .iter_mut()
        .filter_map(|item| {
            let file = root.join(&item.source);
            item.roadmap
                .as_deref_mut()
                .map(|roadmap| Target { file, roadmap })
        })
        .collect();
    let note = apply(
        &root,
        cache.then_some(root.as_path()),
        today,
        &statuses,
        targets,
    );
    // A start from history answers the warning that there is none.
    let dated: Vec<PathBuf> = site
        .items
        .iter()
        .filter(|i| {
            i.roadmap
                .as_ref()
                .is_some_and(|r| r.start_from == Some(StartFrom::History))
        })
        .map(|i| i.source.clone())
        .collect();
    site.warnings
        .retain(|w| !(w.code == "roadmap-start" && dated.contains(&w.path)));
    note
}
