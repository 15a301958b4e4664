//! Watching the sources: notify events → a pure classification of each path
//! → debounced batches of relevant changes, and the rebuild loop shared by
//! `folio watch` and `folio serve`.
//!
//! `folio watch` writes the private site encrypted when `[private] encrypt`
//! says so ([`crate::crypt::WatchSealer`]); `serve` never encrypts.
//!
//! Editor temp and swap files, `.git`, `target/` and the output folders are
//! ignored. A rename arrives as events on both names; a batch is just the set
//! of paths that changed, so a delete plus a create is handled like any edit.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher as _};

use crate::config::{CONFIG_FILE, Config, Overrides};
use crate::content::source::is_ignored;
use crate::crypt::WatchSealer;
use crate::error::{Error, Result};
use crate::output::{self, Diff, Outputs};
use crate::rebuild::{self, Rebuilder};
use crate::site_lock::{SiteLock, Wait};

/// Which part of the site a changed path belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Config,
    Content,
    Static,
    Theme,
}

/// Source folders watched recursively.
const WATCHED: &[(&str, Change)] = &[
    ("content", Change::Content),
    ("static", Change::Static),
    ("templates", Change::Theme),
    ("themes", Change::Theme),
];

/// Classifies one changed path (absolute) of the site at `root`; `None` for
/// paths a rebuild does not depend on.
pub fn classify(root: &Path, output_dirs: &[PathBuf], path: &Path) -> Option<Change> {
    if output_dirs.iter().any(|d| path.starts_with(d)) {
        return None;
    }
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let first = parts.next()?;
    let names: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    if names.iter().any(|n| is_ignored(n) || is_editor_temp(n)) {
        return None;
    }
    if first == CONFIG_FILE && parts.next().is_none() {
        return Some(Change::Config);
    }
    WATCHED
        .iter()
        .find(|(dir, _)| *dir == first)
        .map(|(_, change)| *change)
}

/// Whether an event can change what a build reads. Reads (which folio's own
/// builds cause) and metadata-only changes cannot.
fn changes_content(kind: &notify::EventKind) -> bool {
    use notify::EventKind::{Access, Modify};
    use notify::event::ModifyKind;
    !matches!(kind, Access(_) | Modify(ModifyKind::Metadata(_)))
}

/// Temporary names editors write before renaming over the real file.
fn is_editor_temp(name: &str) -> bool {
    name == "4913" // vim's write test
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name.ends_with(".crswap")
        || name.ends_with(".kate-swp")
        || name.starts_with(".#")
}

/// A batch of changes, collected until the sources have been quiet for a
/// moment.
#[derive(Debug, Default, Clone)]
pub struct Batch {
    pub kinds: BTreeSet<Change>,
    /// Changed paths relative to the site root.
    pub paths: BTreeSet<PathBuf>,
}

impl Batch {
    /// A short description for the rebuild line: the changed file, or a count.
    pub fn describe(&self) -> String {
        match self.paths.len() {
            0 => "startup".to_string(),
            1 => self
                .paths
                .iter()
                .next()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            n => format!("{n} files"),
        }
    }
}

/// Watches a site's sources and hands out debounced batches.
pub struct SourceWatcher {
    root: PathBuf,
    output_dirs: Vec<PathBuf>,
    rx: Receiver<notify::Result<notify::Event>>,
    watcher: notify::RecommendedWatcher,
    watched: BTreeSet<PathBuf>,
}

/// How long the sources must be quiet before a rebuild starts.
const QUIET: Duration = Duration::from_millis(5);
/// A rebuild starts at the latest this long after the first event.
const MAX_WAIT: Duration = Duration::from_millis(300);

impl SourceWatcher {
    pub fn new(config: &Config) -> Result<SourceWatcher> {
        let (tx, rx) = channel();
        let watcher = notify::recommended_watcher(move |e| {
            let _ = tx.send(e);
        })
        .map_err(|e| Error::Usage(format!("cannot watch the site's files: {e}")))?;
        let mut w = SourceWatcher {
            root: config.root.clone(),
            output_dirs: vec![
                config.output_dir.clone(),
                config.private_output_dir.clone(),
                config.root.join("target"),
            ],
            rx,
            watcher,
            watched: BTreeSet::new(),
        };
        w.watcher
            .watch(&w.root, RecursiveMode::NonRecursive)
            .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", w.root.display())))?;
        w.refresh_watches();
        Ok(w)
    }

    /// Watches the source folders that exist now (they may appear or vanish
    /// while folio runs).
    fn refresh_watches(&mut self) {
        for (dir, _) in WATCHED {
            let path = self.root.join(dir);
            let exists = path.is_dir();
            let watched = self.watched.contains(&path);
            if exists && !watched {
                if self.watcher.watch(&path, RecursiveMode::Recursive).is_ok() {
                    self.watched.insert(path);
                }
            } else if !exists && watched {
                let _ = self.watcher.unwatch(&path);
                self.watched.remove(&path);
            }
        }
    }

    /// Blocks until a batch of relevant changes is ready.
    pub fn next_batch(&mut self) -> Batch {
        let mut batch = Batch::default();
        let mut first_at: Option<Instant> = None;
        loop {
            let timeout = match first_at {
                None => Duration::from_secs(3600),
                Some(t) => QUIET.min(MAX_WAIT.saturating_sub(t.elapsed())),
            };
            match self.rx.recv_timeout(timeout) {
                Ok(Ok(event)) if !changes_content(&event.kind) => {}
                Ok(Ok(event)) => {
                    for path in event.paths {
                        if let Some(kind) = classify(&self.root, &self.output_dirs, &path) {
                            batch.kinds.insert(kind);
                            let rel = path.strip_prefix(&self.root).unwrap_or(&path);
                            batch.paths.insert(rel.to_path_buf());
                            first_at.get_or_insert_with(Instant::now);
                        } else if path.parent() == Some(&self.root) {
                            // A top-level folder may have been made or removed.
                            self.refresh_watches();
                        }
                    }
                }
                Ok(Err(_)) => {
                    // The OS dropped events (queue overflow): rebuild
                    // everything, and list `content/` again (a file may
                    // have been added or removed unseen).
                    batch.kinds.insert(Change::Config);
                    batch.paths.insert(PathBuf::from("content"));
                    first_at.get_or_insert_with(Instant::now);
                }
                Err(RecvTimeoutError::Timeout) if first_at.is_some() => {
                    self.refresh_watches();
                    return batch;
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return batch,
            }
        }
    }
}

/// `folio watch`: build into the real output folders, then rebuild on every
/// change, writing only the files whose bytes changed. A failed rebuild
/// prints its diagnostics and leaves the last good output in place.
///
/// Every write holds the site's lock ([`crate::site_lock`]), so a
/// `folio build` of the same site never writes at the same time; `wait`
/// says whether to wait for another folio that holds it.
pub fn run(root: PathBuf, overrides: Overrides, wait: Wait, log: &dyn Fn(&str)) -> Result<()> {
    let mut rebuilder = Rebuilder::new(root, overrides, Box::new(|_| {}));
    let config = rebuilder.config()?;
    let mut watcher = SourceWatcher::new(&config)?;
    // An encrypted private site needs its passphrase before anything else.
    let mut sealer = WatchSealer::default();
    let mut notes = Vec::new();
    sealer.prepare(&config, &mut notes)?;
    for n in &notes {
        log(&n.to_string());
    }
    // The folders the last good output was written to; a full, atomic write
    // happens first and whenever they change.
    let mut written: Option<(PathBuf, PathBuf)> = None;
    // The private tree as written when it is sealed (encrypted); a plain
    // private tree is the last render's own, and its diff is the rebuild's.
    let mut private_written = Outputs::default();
    // Whether the private tree on disk is sealed.
    let mut written_sealed = false;
    let mut batch = Batch::default();
    let mut started = false;
    loop {
        let what = batch.describe();
        match rebuilder.rebuild(&batch.paths) {
            Ok(rebuilt) => {
                for w in &rebuilt.warnings {
                    log(&w.to_string());
                }
                let (public_dir, private_dir) = &rebuilt.output_dirs;
                let mut written_ok = Ok(());
                if let Some(last) = rebuilder.last() {
                    let mut notes = Vec::new();
                    // Sealed only when encrypted: a plain private tree is
                    // written from the render itself, not from a copy.
                    let sealed = if rebuilt.config.private.encrypt {
                        sealer
                            .private_outputs(
                                &rebuilt.config,
                                &last.public,
                                &last.private,
                                &mut notes,
                            )
                            .map(Some)
                    } else {
                        sealer.prepare(&rebuilt.config, &mut notes).map(|()| None)
                    };
                    written_ok = sealed.and_then(|sealed| {
                        let _lock =
                            SiteLock::acquire(&rebuilt.config.root, "folio watch", wait, log)?;
                        let same_mode = written_sealed == sealed.is_some();
                        if written.as_ref() == Some(&rebuilt.output_dirs) && same_mode {
                            output::write_diff(public_dir, &rebuilt.public, &last.public)?;
                            match &sealed {
                                Some(private) => {
                                    let diff = Diff::between(&private_written, private);
                                    output::write_diff(private_dir, &diff, private)?;
                                }
                                // The tree on disk is the previous render's.
                                None => output::write_diff(
                                    private_dir,
                                    &rebuilt.private,
                                    &last.private,
                                )?,
                            }
                        } else {
                            output::write_atomic(public_dir, &last.public)?;
                            output::write_atomic(
                                private_dir,
                                sealed.as_ref().unwrap_or(&last.private),
                            )?;
                            written = Some(rebuilt.output_dirs.clone());
                        }
                        written_sealed = sealed.is_some();
                        private_written = sealed.unwrap_or_default();
                        Ok(())
                    });
                    for n in &notes {
                        log(&n.to_string());
                    }
                }
                match written_ok {
                    Ok(()) => log(&rebuilt.summary(&what)),
                    Err(e @ Error::Io { .. }) => return Err(e),
                    Err(e) => {
                        // Not written: the next good rebuild writes everything.
                        written = None;
                        for d in rebuild::diagnostics(&e) {
                            log(&d.to_string());
                        }
                        log(&format!(
                            "build failed ({what}): the last good output is unchanged"
                        ));
                    }
                }
            }
            Err(e) => {
                for d in rebuild::diagnostics(&e) {
                    log(&d.to_string());
                }
                log(&format!(
                    "build failed ({what}): the last good output is unchanged"
                ));
            }
        }
        if !started {
            started = true;
            log(&format!(
                "watching {} for changes; press Ctrl+C to stop",
                config.root.display()
            ));
        }
        batch = watcher.next_batch();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths_by_folder_and_ignores_noise() {
        let root = Path::new("/s");
        let outs = [PathBuf::from("/s/public"), PathBuf::from("/s/private")];
        let cases: &[(&str, Option<Change>)] = &[
            ("/s/site.toml", Some(Change::Config)),
            ("/s/content/articles/a.md", Some(Change::Content)),
            ("/s/content/roadmaps", Some(Change::Content)),
            ("/s/static/img/x.png", Some(Change::Static)),
            ("/s/templates/page.html", Some(Change::Theme)),
            ("/s/themes/mine/static/style.css", Some(Change::Theme)),
            ("/s/content/.a.md.swp", None),
            ("/s/content/a.md~", None),
            ("/s/content/#a.md#", None),
            ("/s/content/4913", None),
            ("/s/content/a.md___jb_tmp___", None),
            ("/s/content/.#a.md", None),
            ("/s/.git/index", None),
            ("/s/public/index.html", None),
            ("/s/private/x/index.html", None),
            ("/s/target/debug/folio", None),
            ("/s/README.md", None),
            ("/elsewhere/content/a.md", None),
            ("/s/content/.hidden/a.md", None),
        ];
        for (path, want) in cases {
            assert_eq!(classify(root, &outs, Path::new(path)), *want, "{path}");
        }
    }

    #[test]
    fn reads_and_metadata_changes_are_not_changes() {
        use notify::EventKind;
        use notify::event::{
            AccessKind, CreateKind, DataChange, MetadataKind, ModifyKind, RemoveKind, RenameMode,
        };
        assert!(!changes_content(&EventKind::Access(AccessKind::Any)));
        assert!(!changes_content(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::Any
        ))));
        assert!(changes_content(&EventKind::Create(CreateKind::File)));
        assert!(changes_content(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(changes_content(&EventKind::Modify(ModifyKind::Name(
            RenameMode::Both
        ))));
        assert!(changes_content(&EventKind::Remove(RemoveKind::Folder)));
    }

    #[test]
    fn batch_describes_one_file_or_a_count() {
        let mut b = Batch::default();
        assert_eq!(b.describe(), "startup");
        b.paths.insert("content/a.md".into());
        assert_eq!(b.describe(), "content/a.md");
        b.paths.insert("content/b.md".into());
        assert_eq!(b.describe(), "2 files");
    }
}
