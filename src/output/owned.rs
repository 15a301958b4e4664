//! Which folders a build may replace: only the ones folio made.
//!
//! Every output folio writes carries a marker file, [`MARKER`]. A build
//! replaces a folder only when it is missing, empty, carries the marker, or
//! looks like an output of a folio from before the marker (every file in it
//! is one this build writes, and the files every build writes are there). Anything else — a
//! home folder, a sibling `docs/` with a thesis in it, a symbolic link — is
//! refused before anything is written, with what is there and what to do.
//!
//! A folder folio may replace must also be one it *can* remove: every folder
//! in it writable. Checked before the swap, so a read-only output is refused
//! with the previous outputs exactly as they were, instead of being swapped
//! out and then failing to go away.
//!
//! The names a build leaves beside an output folder while it works
//! ([`leftovers`]) are removed by the next build, first thing.

use std::path::{Path, PathBuf};

use super::Outputs;
use crate::error::{Error, Result};

/// The marker file in every output folder folio writes. A dotfile: static
/// hosts serve it as a tiny text file at most, never as a page.
pub const MARKER: &str = ".folio-output";

/// What the marker says, for whoever finds it.
pub const MARKER_TEXT: &str = "This folder was built by folio, a static-site generator.\n\
`folio build` replaces it whole: do not keep your own files here.\n\
folio only ever replaces a folder that carries this file (or is empty).\n";

/// The names a build uses beside the output folder `dir` while it works:
/// the new site being written and the previous one on its way out.
pub fn leftovers(dir: &Path) -> Vec<PathBuf> {
    let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else {
        return Vec::new();
    };
    let name = name.to_string_lossy();
    vec![
        parent.join(format!(".{name}.folio-new")),
        parent.join(format!(".{name}.folio-old")),
    ]
}

/// Removes what earlier builds (killed, or that crashed) left beside the
/// output folders `dirs`. Only folders by folio's own names are touched;
/// a symbolic link by such a name is removed, never followed.
pub fn remove_leftovers(dirs: &[&Path]) -> Result<()> {
    for dir in dirs {
        for path in leftovers(dir) {
            match std::fs::symlink_metadata(&path) {
                Ok(m) if m.is_dir() => std::fs::remove_dir_all(&path),
                Ok(_) => std::fs::remove_file(&path),
                Err(_) => continue,
            }
            .map_err(|e| Error::io("removing what an earlier build left", &path, e))?;
        }
    }
    Ok(())
}

/// Refuses, before anything is written, to replace `dir` unless folio made
/// it (see the module doc) and can remove it. `outputs` is what will be
/// written there, for recognising an output of an older folio.
pub fn check_replaceable(dir: &Path, outputs: &Outputs) -> Result<()> {
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io("reading", dir, e)),
    };
    if meta.file_type().is_symlink() {
        return Err(refusal(
            dir,
            "is a symbolic link",
            "point the output at the real folder, or remove the link",
        ));
    }
    if !meta.is_dir() {
        return Err(refusal(
            dir,
            "is a file, not a folder",
            "pick another output folder, or move the file away",
        ));
    }
    if !is_marked(dir) {
        check_unmarked(dir, outputs)?;
    }
    check_removable(dir)
}

fn is_marked(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// Whether [`check_replaceable`] needs the whole new site to decide on
/// `dir`: a real folder (not a link), without the marker, that holds
/// anything. Any other `dir` is decided by what is there alone.
pub fn needs_whole_site(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
        && !is_marked(dir)
        && std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some())
}

/// Files every folio build writes (when its theme makes them): a folder
/// without the marker must hold each of them to pass for an earlier build.
const SIGNATURE: &[&str] = &["index.html", "robots.txt", "404.html", "style.css"];

/// An existing folder without the marker: empty, or an output of a folio
/// from before the marker — every file in it is one this build writes, and
/// it holds the files every build writes ([`SIGNATURE`]).
fn check_unmarked(dir: &Path, outputs: &Outputs) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            Error::io("reading", path, e.into())
        })?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel_text = rel.to_string_lossy().replace('\\', "/");
        if !entry.file_type().is_file() || !outputs.contains(&rel_text) {
            return Err(refusal(
                dir,
                &format!(
                    "is not empty and was not built by folio (it holds `{}`, which this build would not write, and no {MARKER} file)",
                    rel.display()
                ),
                "pick another output folder (--out, --private-out, or output_dir / private_output_dir in site.toml), or empty it yourself if it only holds an old build",
            ));
        }
        seen.insert(rel_text);
    }
    if seen.is_empty() {
        return Ok(());
    }
    // index.html always; the others when this build writes them too.
    let missing = SIGNATURE
        .iter()
        .find(|f| (**f == "index.html" || outputs.contains(f)) && !seen.contains(**f));
    if let Some(file) = missing {
        return Err(refusal(
            dir,
            &format!(
                "is not empty, has no {MARKER} file and does not look like an earlier folio build (it has no `{file}`)"
            ),
            "pick another output folder, or empty it yourself if it only holds an old build",
        ));
    }
    Ok(())
}

/// Every folder in `dir` (and `dir` itself) lets folio remove what it holds,
/// judged as the kernel would judge it for this process (root included).
#[cfg(unix)]
fn check_removable(dir: &Path) -> Result<()> {
    use std::os::unix::ffi::OsStrExt;
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            Error::io("reading", path, e.into())
        })?;
        if !entry.file_type().is_dir() {
            continue;
        }
        let Ok(c) = std::ffi::CString::new(entry.path().as_os_str().as_bytes()) else {
            continue;
        };
        // SAFETY: `c` is a valid NUL-terminated path for the whole call.
        let ok = unsafe {
            libc::faccessat(
                libc::AT_FDCWD,
                c.as_ptr(),
                libc::W_OK | libc::X_OK,
                libc::AT_EACCESS,
            )
        } == 0;
        if !ok {
            let why = std::io::Error::last_os_error();
            return Err(Error::Usage(format!(
                "cannot replace output folder {}: folio may not remove files from {} ({why}); nothing was changed. Make it writable (chmod -R u+w {}) or remove it, then build again",
                dir.display(),
                entry.path().display(),
                dir.display()
            )));
        }
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_removable(_dir: &Path) -> Result<()> {
    Ok(())
}

fn refusal(dir: &Path, what: &str, todo: &str) -> Error {
    Error::Usage(format!(
        "refusing to replace output folder {}: it {what}; nothing was changed. {}",
        dir.display(),
        capitalise(todo)
    ))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outputs(paths: &[&str]) -> Outputs {
        let mut o = Outputs::default();
        for p in paths {
            o.insert(*p, "x").unwrap();
        }
        o
    }

    #[test]
    fn missing_empty_and_marked_folders_may_be_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let o = outputs(&["index.html"]);
        check_replaceable(&tmp.path().join("missing"), &o).unwrap();
        let empty = tmp.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        check_replaceable(&empty, &o).unwrap();
        let marked = tmp.path().join("marked");
        std::fs::create_dir(&marked).unwrap();
        std::fs::write(marked.join(MARKER), MARKER_TEXT).unwrap();
        std::fs::write(marked.join("anything.txt"), "x").unwrap();
        check_replaceable(&marked, &o).unwrap();
    }

    #[test]
    fn a_folder_folio_did_not_make_is_refused_naming_a_file() {
        let tmp = tempfile::tempdir().unwrap();
        let home = tmp.path().join("home");
        std::fs::create_dir_all(home.join("docs")).unwrap();
        std::fs::write(home.join("index.html"), "mine").unwrap();
        std::fs::write(home.join("docs/thesis.txt"), "years of work").unwrap();
        let e = check_replaceable(&home, &outputs(&["index.html"]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("refusing to replace output folder"), "{e}");
        assert!(e.contains("docs/thesis.txt"), "{e}");
        assert!(e.contains("Pick another output folder"), "{e}");
    }

    #[test]
    fn an_old_folio_output_without_the_marker_is_recognised() {
        let tmp = tempfile::tempdir().unwrap();
        let old = tmp.path().join("public");
        std::fs::create_dir_all(old.join("a")).unwrap();
        for f in [
            "index.html",
            "a/index.html",
            "robots.txt",
            "404.html",
            "style.css",
        ] {
            std::fs::write(old.join(f), "old").unwrap();
        }
        let site = [
            "index.html",
            "a/index.html",
            "robots.txt",
            "404.html",
            "style.css",
            "b.css",
        ];
        check_replaceable(&old, &outputs(&site)).unwrap();
        // A page this build no longer writes: not provably folio's.
        let e = check_replaceable(&old, &outputs(&site[1..])).unwrap_err();
        assert!(e.to_string().contains("`index.html`"), "{e}");
    }

    #[test]
    fn a_lone_hand_written_index_html_does_not_pass_for_a_build() {
        let tmp = tempfile::tempdir().unwrap();
        let www = tmp.path().join("www");
        std::fs::create_dir(&www).unwrap();
        std::fs::write(www.join("index.html"), "my own home page").unwrap();
        let e = check_replaceable(&www, &outputs(&["index.html", "robots.txt"])).unwrap_err();
        assert!(e.to_string().contains("no `robots.txt`"), "{e}");
        // A folder holding only what this build writes, and all of
        // folio's own files, passes.
        std::fs::write(www.join("robots.txt"), "").unwrap();
        check_replaceable(&www, &outputs(&["index.html", "robots.txt"])).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_or_a_file_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().join("real");
        std::fs::create_dir(&real).unwrap();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let e = check_replaceable(&link, &outputs(&["index.html"])).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        let file = tmp.path().join("file");
        std::fs::write(&file, "x").unwrap();
        let e = check_replaceable(&file, &outputs(&["index.html"])).unwrap_err();
        assert!(e.to_string().contains("is a file"), "{e}");
    }

    #[test]
    fn leftovers_are_removed_and_only_they() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        std::fs::create_dir(&dir).unwrap();
        for l in leftovers(&dir) {
            std::fs::create_dir_all(l.join("x")).unwrap();
        }
        std::fs::write(tmp.path().join(".public.folio-other"), "keep").unwrap();
        remove_leftovers(&[&dir]).unwrap();
        let mut names: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".public.folio-other", "public"]);
    }
}
