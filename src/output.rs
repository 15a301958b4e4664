//! Build outputs and the only code that writes them to disk.
//!
//! [`Outputs`] is a sorted map of relative path → bytes; every path is
//! checked to stay inside its folder. [`write_atomic`] builds a sibling
//! temporary folder and swaps it in, so a failed build leaves the previous
//! output untouched and stale files never survive; a file whose bytes did
//! not change is hard-linked from the previous output, not written again.
//!
//! Only a folder folio made is ever replaced ([`owned`]: every output carries
//! a marker file), and it is swapped in one step where the system allows
//! ([`swap`]), so an output folder is never missing.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::cache::Stamp;
use crate::error::{Error, Result};

pub mod owned;
pub mod stream;
pub mod swap;

pub use stream::Stream;

/// Relative path → bytes. The bytes are shared (`Arc`), so a rebuild can
/// reuse unchanged pages without copying them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Outputs {
    files: BTreeMap<String, Arc<[u8]>>,
}

impl Outputs {
    /// Adds a file; a path that could leave the output folder is refused.
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Result<()> {
        self.insert_shared(path, Arc::from(bytes.into()))
    }

    /// Adds a file whose bytes are shared with a cache.
    pub fn insert_shared(&mut self, path: impl Into<String>, bytes: Arc<[u8]>) -> Result<()> {
        let path = path.into();
        check_path(&path)?;
        self.files.insert(path, bytes);
        Ok(())
    }

    /// Adds files whose paths [`check_path`] accepted, all at once: on an
    /// empty `Outputs` the map is built from the sorted list, not by one
    /// insertion per file. A path given twice keeps its last bytes, as
    /// inserting one by one does.
    pub fn extend_checked(&mut self, files: Vec<(String, Arc<[u8]>)>) {
        if self.files.is_empty() {
            // `from_iter` sorts stably and keeps the last of equal keys.
            self.files = files.into_iter().collect();
        } else {
            self.files.extend(files);
        }
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|b| &b[..])
    }

    /// Like [`Outputs::get`], with the shared bytes.
    pub fn get_shared(&self, path: &str) -> Option<&Arc<[u8]>> {
        self.files.get(path)
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(k, v)| (k.as_str(), &v[..]))
    }

    /// Like [`Outputs::iter`], with the shared bytes.
    pub fn iter_shared(&self) -> impl Iterator<Item = (&str, &Arc<[u8]>)> {
        self.files.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// How many HTML pages.
    pub fn pages(&self) -> usize {
        self.files.keys().filter(|k| k.ends_with(".html")).count()
    }
}

/// What [`Outputs`] holds for a file already written to its staging
/// folder as it rendered ([`Stream`]): the path stays known (for links and
/// collisions), the bytes are on disk only. One shared empty allocation,
/// told apart from an empty file by [`is_written_elsewhere`].
pub fn written_elsewhere() -> Arc<[u8]> {
    static ELSEWHERE: OnceLock<Arc<[u8]>> = OnceLock::new();
    Arc::clone(ELSEWHERE.get_or_init(|| Arc::from(Vec::new())))
}

/// Whether `bytes` is the [`written_elsewhere`] stand-in.
pub fn is_written_elsewhere(bytes: &Arc<[u8]>) -> bool {
    Arc::ptr_eq(bytes, &written_elsewhere())
}

/// Refuses a path that could leave the output folder.
pub fn check_path(path: &str) -> Result<()> {
    if is_safe_relative(path) {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "refusing to write `{path}`: it would leave the output folder"
        )))
    }
}

/// Whether `path` names a file inside its folder: every component of
/// [`Path::components`] is a plain name. On Unix this is decided on the
/// bytes ([`safe_by_bytes`]): every page of every rebuild passes here.
fn is_safe_relative(path: &str) -> bool {
    if cfg!(unix) {
        safe_by_bytes(path)
    } else {
        safe_by_components(path)
    }
}

/// [`is_safe_relative`] the slow way, for systems whose paths have prefixes.
fn safe_by_components(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && !path.contains('\0')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// [`safe_by_components`] for Unix paths without building a `Path`: no
/// root, no `..`, no leading `.` (a `.` or empty component further on is
/// skipped by `components`, as here).
fn safe_by_bytes(path: &str) -> bool {
    let bytes = path.as_bytes();
    if bytes.first().is_none_or(|b| *b == b'/') {
        return false;
    }
    // Most paths hold no `..` at all: then only their first component
    // (a lone `.`) and the two refused bytes are to be looked for.
    if bytes.contains(&b'\\') || bytes.contains(&0) {
        return false;
    }
    if !path.contains("..") {
        return !(bytes == b"." || bytes.starts_with(b"./"));
    }
    // One pass; each component is judged at the `/` (or end) after it.
    let mut start = 0;
    for i in 0..=bytes.len() {
        match bytes.get(i).copied().unwrap_or(b'/') {
            b'\\' | 0 => return false,
            b'/' => {
                let part = &bytes[start..i];
                if part == b".." || (start == 0 && part == b".") {
                    return false;
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    true
}

/// Writes `outputs` as the whole content of `dir`, atomically: into a
/// temporary sibling folder first, then swapped in.
pub fn write_atomic(dir: &Path, outputs: &Outputs) -> Result<()> {
    stage(dir, outputs)?.commit()?.remove()
}

/// A site written into a temporary folder beside `dir`, not yet in place.
#[must_use = "a staged site is only in place once committed"]
pub struct Staged {
    dir: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    /// Every file written, relative to the folder, with its stamp.
    written: Vec<(String, Stamp)>,
}

/// The previous output, swapped out by [`Staged::commit`]: removing it can
/// wait (and run beside other work), or the swap can be undone.
#[must_use = "the previous output is left beside the new one until removed"]
pub struct Retired {
    dir: PathBuf,
    /// Where the previous output is now; `None` when there was none.
    old: Option<PathBuf>,
}

/// Writes `outputs` into a temporary folder beside `dir`; [`Staged::commit`]
/// swaps it in, [`Staged::discard`] removes it. Refuses, before writing
/// anything, a `dir` that folio did not make or cannot replace
/// ([`owned::check_replaceable`]).
pub fn stage(dir: &Path, outputs: &Outputs) -> Result<Staged> {
    owned::check_replaceable(dir, outputs)?;
    let (mut staged, previous) = Staged::open(dir)?;
    match write_tree(&staged.tmp, outputs, previous.as_deref()) {
        Ok(written) => {
            staged.written.extend(written);
            Ok(staged)
        }
        Err(e) => {
            staged.discard();
            Err(e)
        }
    }
}

impl Staged {
    /// The staging folder beside `dir`, made empty but for the marker
    /// (what an earlier build left there goes first), and the previous
    /// output to hard-link unchanged files from, if there is one.
    fn open(dir: &Path) -> Result<(Staged, Option<PathBuf>)> {
        let parent = dir.parent().ok_or_else(|| {
            Error::Usage(format!(
                "output folder {} has no parent folder",
                dir.display()
            ))
        })?;
        let name = dir
            .file_name()
            .ok_or_else(|| Error::Usage(format!("output folder {} has no name", dir.display())))?
            .to_string_lossy()
            .into_owned();
        std::fs::create_dir_all(parent).map_err(|e| Error::io("creating", parent, e))?;
        let mut staged = Staged {
            dir: dir.to_path_buf(),
            tmp: parent.join(format!(".{name}.folio-new")),
            old: parent.join(format!(".{name}.folio-old")),
            written: Vec::new(),
        };
        owned::remove_leftovers(&[dir])?;
        let previous = dir.is_dir().then(|| dir.to_path_buf());
        std::fs::create_dir_all(&staged.tmp).map_err(|e| Error::io("creating", &staged.tmp, e))?;
        // The marker first: even a half-written folder says it is folio's.
        let marker = staged.tmp.join(owned::MARKER);
        match write_file(&marker, owned::MARKER_TEXT.as_bytes(), None) {
            Ok(stamp) => staged.written.push((owned::MARKER.to_string(), stamp)),
            Err(e) => {
                staged.discard();
                return Err(e);
            }
        }
        Ok((staged, previous))
    }

    /// Every file of the staged site, relative to its folder, with the
    /// stamp it was written with (the swap keeps stamps): what the folder
    /// holds once committed, known without reading it again. Taken out, to
    /// be read once the previous output is removed: a file hard-linked from
    /// it changes stamp then ([`crate::build_cache::unchanged::outputs_written`]).
    pub fn take_written(&mut self) -> Vec<(String, Stamp)> {
        std::mem::take(&mut self.written)
    }
}

impl Staged {
    /// Puts the staged site in place of the previous one, in one step where
    /// the system allows ([`swap`]): the output folder is never missing.
    pub fn commit(self) -> Result<Retired> {
        let Staged { dir, tmp, old, .. } = self;
        match std::fs::symlink_metadata(&dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Err(e) = std::fs::rename(&tmp, &dir) {
                    let _ = std::fs::remove_dir_all(&tmp);
                    return Err(Error::io("moving into place", &dir, e));
                }
                return Ok(Retired { dir, old: None });
            }
            Ok(m) if m.is_dir() => {}
            _ => {
                let _ = std::fs::remove_dir_all(&tmp);
                return Err(Error::Usage(format!(
                    "output path {} exists and is not a folder",
                    dir.display()
                )));
            }
        }
        match swap::exchange(&tmp, &dir) {
            Ok(()) => {
                // The previous output is at `tmp` now: give it its name.
                let old = match std::fs::rename(&tmp, &old) {
                    Ok(()) => old,
                    Err(_) => tmp,
                };
                Ok(Retired {
                    dir,
                    old: Some(old),
                })
            }
            Err(e) if swap::is_unsupported(&e) => {
                std::fs::rename(&dir, &old).map_err(|e| Error::io("moving aside", &dir, e))?;
                if let Err(e) = std::fs::rename(&tmp, &dir) {
                    // Put the previous output back before reporting.
                    let _ = std::fs::rename(&old, &dir);
                    let _ = std::fs::remove_dir_all(&tmp);
                    return Err(Error::io("moving into place", &dir, e));
                }
                Ok(Retired {
                    dir,
                    old: Some(old),
                })
            }
            Err(e) => {
                let _ = std::fs::remove_dir_all(&tmp);
                Err(Error::io("moving into place", &dir, e))
            }
        }
    }

    /// Removes the staged site; the previous output stays as it was.
    pub fn discard(self) {
        let _ = std::fs::remove_dir_all(&self.tmp);
    }
}

impl Retired {
    pub fn remove(self) -> Result<()> {
        match self.old {
            Some(old) => std::fs::remove_dir_all(&old).map_err(|e| Error::io("removing", &old, e)),
            None => Ok(()),
        }
    }

    /// Undoes [`Staged::commit`]: the previous output goes back in place
    /// (in one step where the system allows) and the new one is removed.
    pub fn undo(self) -> Result<()> {
        let Retired { dir, old } = self;
        let Some(old) = old else {
            // There was nothing before: the new output goes.
            return std::fs::remove_dir_all(&dir).map_err(|e| Error::io("removing", &dir, e));
        };
        match swap::exchange(&old, &dir) {
            Ok(()) => {}
            Err(e) if swap::is_unsupported(&e) => {
                let aside = owned::leftovers(&dir)
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| old.with_extension("folio-undo"));
                std::fs::rename(&dir, &aside).map_err(|e| Error::io("moving aside", &dir, e))?;
                std::fs::rename(&old, &dir).map_err(|e| Error::io("moving back", &old, e))?;
                return std::fs::remove_dir_all(&aside)
                    .map_err(|e| Error::io("removing", &aside, e));
            }
            Err(e) => return Err(Error::io("moving back", &old, e)),
        }
        // The new output is at `old` now.
        std::fs::remove_dir_all(&old).map_err(|e| Error::io("removing", &old, e))
    }
}

/// A test hook: a debug build of folio aborts at the point `name` when the
/// environment variable `FOLIO_TEST_ABORT_AT` says so, to test what a crash
/// there leaves and how the next build repairs it. Release builds ignore it.
pub fn crash_point(name: &str) {
    if cfg!(debug_assertions) && std::env::var_os("FOLIO_TEST_ABORT_AT").is_some_and(|v| v == name)
    {
        std::process::abort();
    }
}

/// A test hook: a debug build of folio fails to write the file `rel` of the
/// output folder `dir` as a full disk would, when `FOLIO_TEST_FAIL_WRITE` is
/// the folder's name and `rel` (`public/articles/a/index.html`), to test
/// that a write failing half-way leaves the previous outputs as they were.
/// Release builds ignore it.
pub fn failure_point(dir: &Path, rel: &str) -> std::io::Result<()> {
    if cfg!(debug_assertions)
        && let Some(wanted) = std::env::var_os("FOLIO_TEST_FAIL_WRITE")
        && let Some(name) = dir.file_name()
        && Path::new(name).join(rel) == Path::new(&wanted)
    {
        return Err(std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            "no space left on device (FOLIO_TEST_FAIL_WRITE)",
        ));
    }
    Ok(())
}

/// Writes `outputs` under `root`, but for the files [`written_elsewhere`]
/// (already there). A file whose bytes equal the same file of `previous`
/// (the output being replaced) is hard-linked from there instead of
/// written: only the bytes that changed are written again.
fn write_tree(
    root: &Path,
    outputs: &Outputs,
    previous: Option<&Path>,
) -> Result<Vec<(String, Stamp)>> {
    // Folders first, each once, in order (a parent before its children).
    let mut made: std::collections::HashSet<&Path> = std::collections::HashSet::new();
    let files: Vec<(&str, PathBuf, &[u8], Option<PathBuf>)> = outputs
        .iter_shared()
        .filter(|(_, bytes)| !is_written_elsewhere(bytes))
        .map(|(rel, bytes)| {
            let old = previous.map(|p| p.join(rel));
            (rel, root.join(rel), &bytes[..], old)
        })
        .collect();
    for (_, path, _, _) in &files {
        if let Some(dir) = path.parent()
            && made.insert(dir)
        {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("creating", dir, e))?;
        }
    }
    let write = |(rel, path, bytes, old): &(&str, PathBuf, &[u8], Option<PathBuf>)| {
        write_file(path, bytes, old.as_deref()).map(|stamp| (rel.to_string(), stamp))
    };
    let writers = writer_threads().min(files.len().max(1));
    if writers <= 1 {
        return files.iter().map(write).collect();
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..writers)
            .map(|w| {
                let files = &files;
                scope.spawn(move || {
                    files
                        .iter()
                        .skip(w)
                        .step_by(writers)
                        .map(write)
                        .collect::<Result<Vec<_>>>()
                })
            })
            .collect();
        let mut written = Vec::with_capacity(files.len());
        for h in handles {
            let part = h
                .join()
                .unwrap_or_else(|_| Err(Error::Usage("a writer thread panicked".into())))?;
            written.extend(part);
        }
        Ok(written)
    })
}

/// Writes (or hard-links, when `old` holds the same bytes) one file, and
/// gives the stamp it was left with.
fn write_file(path: &Path, bytes: &[u8], old: Option<&Path>) -> Result<Stamp> {
    if let Some(old) = old
        && same_bytes(old, bytes)
        && std::fs::hard_link(old, path).is_ok()
    {
        let meta = std::fs::metadata(path).map_err(|e| Error::io("reading", path, e))?;
        return Ok(Stamp::of_metadata(&meta));
    }
    let written = create_new(path).and_then(|mut f| {
        std::io::Write::write_all(&mut f, bytes)?;
        f.metadata()
    });
    written
        .map(|meta| Stamp::of_metadata(&meta))
        .map_err(|e| Error::io("writing", path, e))
}

/// A new file at `path`. A file already there (written earlier in the same
/// build) is removed first, never written through: it may be a hard link
/// of the output still in place.
fn create_new(path: &Path) -> std::io::Result<std::fs::File> {
    let create = || {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
    };
    match create() {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::remove_file(path)?;
            create()
        }
        other => other,
    }
}

/// `path` is a plain file (not a link) holding exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes)
}

/// How many threads write a build's files: one unless `FOLIO_WRITERS` says
/// otherwise. Measured (benches/RESULTS-build.md): on tmpfs several writers
/// gain little, and on a slow disk they cost kernel time.
fn writer_threads() -> usize {
    std::env::var("FOLIO_WRITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n >= 1)
        .unwrap_or(1)
}

/// The Content-Type for an output file, from its extension.
pub fn content_type(key: &str) -> &'static str {
    let ext = key
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" if key.ends_with("atom.xml") => "application/atom+xml",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-level check agrees with `Path::components` on every path
    /// made of the pieces that matter.
    #[cfg(unix)]
    #[test]
    fn the_byte_check_agrees_with_path_components() {
        let pieces = ["", "a", ".", "..", "...", ".a", "a.", "\\", "\0", "b c"];
        let mut paths = vec![String::new()];
        for _ in 0..3 {
            let mut next = Vec::new();
            for p in &paths {
                for piece in pieces {
                    next.push(format!("{p}{piece}"));
                    next.push(format!("{p}/{piece}"));
                }
            }
            paths.extend(next);
            paths.sort();
            paths.dedup();
        }
        for p in &paths {
            assert_eq!(safe_by_bytes(p), safe_by_components(p), "{p:?}");
        }
    }

    #[test]
    fn paths_that_leave_the_folder_are_refused() {
        let mut o = Outputs::default();
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "a\\b", "./a"] {
            assert!(o.insert(bad, "x").is_err(), "{bad}");
        }
        assert!(o.insert("a/b/index.html", "x").is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn only_changed_files_are_written_again() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let mut first = Outputs::default();
        first.insert("same.html", "same").unwrap();
        first.insert("a/changed.html", "old").unwrap();
        write_atomic(&dir, &first).unwrap();
        let inode = |rel: &str| std::fs::metadata(dir.join(rel)).unwrap().ino();
        let (same, changed) = (inode("same.html"), inode("a/changed.html"));
        let mut second = Outputs::default();
        second.insert("same.html", "same").unwrap();
        second.insert("a/changed.html", "new").unwrap();
        write_atomic(&dir, &second).unwrap();
        assert_eq!(inode("same.html"), same, "kept (hard-linked), not written");
        assert_ne!(inode("a/changed.html"), changed, "written anew");
        assert_eq!(std::fs::read(dir.join("a/changed.html")).unwrap(), b"new");
        assert_eq!(std::fs::read(dir.join("same.html")).unwrap(), b"same");
    }

    fn site(files: &[(&str, &str)]) -> Outputs {
        let mut o = Outputs::default();
        for (p, b) in files {
            o.insert(*p, *b).unwrap();
        }
        o
    }

    /// Names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    /// Commit then undo, by exchange and by the fallback renames: the
    /// previous output is back, byte for byte, and nothing is left beside it.
    #[test]
    fn an_undone_commit_leaves_the_previous_output_as_it_was() {
        for fallback in [false, true] {
            swap::NO_EXCHANGE.with(|n| n.set(fallback));
            let tmp = tempfile::tempdir().unwrap();
            let dir = tmp.path().join("public");
            write_atomic(&dir, &site(&[("index.html", "old")])).unwrap();
            let staged = stage(&dir, &site(&[("index.html", "new")])).unwrap();
            let retired = staged.commit().unwrap();
            assert_eq!(std::fs::read(dir.join("index.html")).unwrap(), b"new");
            retired.undo().unwrap();
            assert_eq!(std::fs::read(dir.join("index.html")).unwrap(), b"old");
            assert_eq!(names(tmp.path()), ["public"], "fallback: {fallback}");
            // With nothing before, undoing removes the new output.
            let fresh = tmp.path().join("fresh");
            let retired = stage(&fresh, &site(&[("index.html", "new")]))
                .unwrap()
                .commit()
                .unwrap();
            retired.undo().unwrap();
            assert!(!fresh.exists());
            swap::NO_EXCHANGE.with(|n| n.set(false));
        }
    }

    #[test]
    fn the_fallback_renames_replace_the_output_too() {
        swap::NO_EXCHANGE.with(|n| n.set(true));
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        write_atomic(&dir, &site(&[("old.html", "old")])).unwrap();
        write_atomic(&dir, &site(&[("new.html", "new")])).unwrap();
        swap::NO_EXCHANGE.with(|n| n.set(false));
        assert_eq!(names(&dir), [owned::MARKER, "new.html"]);
        assert_eq!(names(tmp.path()), ["public"]);
    }

    #[test]
    fn atomic_write_replaces_everything() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let mut first = Outputs::default();
        first.insert("old.html", "old").unwrap();
        first.insert("a/index.html", "a").unwrap();
        write_atomic(&dir, &first).unwrap();
        let mut second = Outputs::default();
        second.insert("a/index.html", "b").unwrap();
        write_atomic(&dir, &second).unwrap();
        assert!(!dir.join("old.html").exists());
        assert_eq!(
            std::fs::read_to_string(dir.join("a/index.html")).unwrap(),
            "b"
        );
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary folders left behind");
    }
}

/// What differs between two renders of the same site.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diff {
    /// Added or changed files.
    pub changed: Vec<String>,
    pub removed: Vec<String>,
}

impl Diff {
    /// Both trees are walked once, side by side in path order (no lookup
    /// per file); shared bytes ([`Arc::ptr_eq`]) are not compared.
    pub fn between(old: &Outputs, new: &Outputs) -> Diff {
        let mut changed = Vec::new();
        let mut removed = Vec::new();
        let mut olds = old.files.iter().peekable();
        for (k, v) in &new.files {
            while let Some((gone, _)) = olds.next_if(|(o, _)| *o < k) {
                removed.push(gone.clone());
            }
            match olds.next_if(|(o, _)| *o == k) {
                Some((_, o)) if Arc::ptr_eq(o, v) || o == v => {}
                _ => changed.push(k.clone()),
            }
        }
        removed.extend(olds.map(|(k, _)| k.clone()));
        Diff { changed, removed }
    }

    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }

    /// Changed or removed HTML pages.
    pub fn pages(&self) -> usize {
        self.changed
            .iter()
            .chain(&self.removed)
            .filter(|p| p.ends_with(".html"))
            .count()
    }

    /// Only stylesheets changed: a browser can swap them without reloading.
    pub fn css_only(&self) -> bool {
        !self.is_empty()
            && self.removed.is_empty()
            && self.changed.iter().all(|p| p.ends_with(".css"))
    }
}

/// Brings `dir` up to `new` by writing only the files `diff` names as
/// changed, each atomically (a temporary file renamed over the old one), and
/// removing the files it names as gone. Without a tree on disk it falls back
/// to [`write_atomic`].
pub fn write_diff(dir: &Path, diff: &Diff, new: &Outputs) -> Result<()> {
    if !dir.is_dir() {
        return write_atomic(dir, new);
    }
    for rel in &diff.changed {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("creating", parent, e))?;
        }
        let tmp = path.with_file_name(format!(
            ".{}.folio-tmp",
            path.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        ));
        let bytes = new.get(rel).unwrap_or_default();
        std::fs::write(&tmp, bytes).map_err(|e| Error::io("writing", &tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| Error::io("moving into place", &path, e))?;
    }
    for rel in &diff.removed {
        let path = dir.join(rel);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io("removing", &path, e)),
        }
        // Remove folders left empty, up to the output folder itself.
        let mut parent = path.parent();
        while let Some(p) = parent {
            if p == dir || std::fs::remove_dir(p).is_err() {
                break;
            }
            parent = p.parent();
        }
    }
    Ok(())
}

#[cfg(test)]
mod diff_tests {
    use super::*;

    fn outputs(files: &[(&str, &str)]) -> Outputs {
        let mut o = Outputs::default();
        for (p, b) in files {
            o.insert(*p, *b).unwrap();
        }
        o
    }

    #[test]
    fn diff_finds_changed_added_and_removed_files() {
        let old = outputs(&[("a.html", "1"), ("b.css", "x"), ("gone/index.html", "g")]);
        let new = outputs(&[("a.html", "1"), ("b.css", "y"), ("new.html", "n")]);
        let d = Diff::between(&old, &new);
        assert_eq!(d.changed, ["b.css", "new.html"]);
        assert_eq!(d.removed, ["gone/index.html"]);
        assert_eq!(d.pages(), 2);
        assert!(!d.css_only());
        let css = Diff::between(
            &old,
            &outputs(&[("a.html", "1"), ("b.css", "z"), ("gone/index.html", "g")]),
        );
        assert!(css.css_only());
    }

    /// The side-by-side walk gives what a lookup of every path gives, with
    /// files added, removed and changed before, between and after the others.
    #[test]
    fn diff_walks_both_trees_in_path_order() {
        let old = outputs(&[
            ("a", "1"),
            ("b", "same"),
            ("d", "old"),
            ("f", "gone"),
            ("g", "same"),
            ("z", "gone"),
        ]);
        let mut new = outputs(&[("0", "new"), ("c", "new"), ("d", "new"), ("e", "new")]);
        for (k, v) in old.iter_shared().filter(|(k, _)| ["b", "g"].contains(k)) {
            new.insert_shared(k, Arc::clone(v)).unwrap();
        }
        new.insert("h", "new").unwrap();
        let d = Diff::between(&old, &new);
        assert_eq!(d.changed, ["0", "c", "d", "e", "h"]);
        assert_eq!(d.removed, ["a", "f", "z"]);
        assert!(Diff::between(&new, &new).is_empty());
        let all = Diff::between(&Outputs::default(), &new);
        assert_eq!(all.changed.len(), new.len());
        let none = Diff::between(&old, &Outputs::default());
        assert_eq!(none.removed, ["a", "b", "d", "f", "g", "z"]);
    }

    #[test]
    fn write_diff_touches_only_what_changed() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        let old = outputs(&[("a.html", "1"), ("sub/b.html", "2")]);
        write_atomic(&dir, &old).unwrap();
        let before = std::fs::metadata(dir.join("a.html"))
            .unwrap()
            .modified()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let new = outputs(&[("a.html", "1"), ("c.html", "3")]);
        let d = Diff::between(&old, &new);
        assert_eq!(d.changed, ["c.html"]);
        write_diff(&dir, &d, &new).unwrap();
        let after = std::fs::metadata(dir.join("a.html"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(before, after, "unchanged file not rewritten");
        assert!(!dir.join("sub").exists(), "emptied folder removed");
        assert_eq!(std::fs::read_to_string(dir.join("c.html")).unwrap(), "3");
    }
}
