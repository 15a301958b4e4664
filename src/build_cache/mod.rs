//! The persisted build cache in `<site>/.folio-cache/`: what a later
//! `folio build` reuses from an earlier one. It is safe to delete at any
//! time, and ignored by git (the folder carries its own `.gitignore`).
//!
//! - [`bodies`]: every markdown body rendered without a diagnostic, keyed by
//!   a hash of its file, the site's link targets and the build flags; a body
//!   whose key changed still gives its highlighted code blocks, by a hash of
//!   their language and text. A body `folio build` wrote verbatim into a page
//!   is kept as its place in that page (checked by a hash when read back),
//!   not copied;
//! - [`unchanged`]: a record of the last successful build (a hash of every
//!   input file's stamp and of the configuration, a hash of what the output
//!   folders held after writing, the page counts and warnings), so a build
//!   with nothing changed only checks and reports;
//! - [`pdfs`]: each audience's typeset `cv.pdf`, keyed by a hash of what
//!   it was made from.
//!
//! Every file's name carries the format and a hash of this build of folio's
//! own sources (`FOLIO_BUILD_ID`), so a cache written by another version is
//! never read; a file that does not decode is ignored. Writes go through a
//! temporary file and a rename, so a crash never leaves half a file. The
//! folder also holds the site's lock file ([`crate::site_lock`]).

pub mod bodies;
pub mod pdfs;
pub mod unchanged;

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The cache folder, relative to the site root.
pub const DIR: &str = crate::config::CACHE_DIR;

/// Bumped when the layout of a cache file changes.
const FORMAT: u32 = 2;

/// The folder of the site at `root`.
pub fn dir(root: &Path) -> PathBuf {
    root.join(DIR)
}

/// The file `name` as this build of folio writes it.
fn file(root: &Path, name: &str) -> PathBuf {
    dir(root).join(format!("{name}-v{FORMAT}-{}.bin", env!("FOLIO_BUILD_ID")))
}

fn options() -> impl bincode::Options {
    bincode::DefaultOptions::new()
}

/// Reads the cache file `name`, or `None` when it is missing, from another
/// build of folio, or does not decode.
fn read<T: DeserializeOwned>(root: &Path, name: &str) -> Option<T> {
    use bincode::Options;
    let bytes = std::fs::read(file(root, name)).ok()?;
    // A corrupt length prefix must not make the decoder reserve more than
    // the file could hold.
    options()
        .with_limit(bytes.len() as u64)
        .deserialize(&bytes)
        .ok()
}

/// Writes the cache file `name` (atomically) and removes the same file
/// written by other builds of folio. Failing to write a cache is not an
/// error of the build: the cache is an optimisation.
fn write<T: Serialize>(root: &Path, name: &str, value: &T) {
    use bincode::Options;
    let Ok(dir) = ensure_dir(root) else {
        return;
    };
    let path = file(root, name);
    let tmp = path.with_extension("bin.tmp");
    // Streamed: a large cache is never held in memory as one buffer.
    let written = std::fs::File::create(&tmp).is_ok_and(|f| {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, f);
        options().serialize_into(&mut out, value).is_ok() && out.flush().is_ok()
    });
    if !written || std::fs::rename(&tmp, &path).is_err() {
        let _ = std::fs::remove_file(&tmp);
        return;
    }
    remove_stale(&dir, name, &path);
}

/// Makes the cache folder of the site at `root`, with its `.gitignore` and
/// `CACHEDIR.TAG`, if missing; returns its path.
pub fn ensure_dir(root: &Path) -> std::io::Result<PathBuf> {
    let dir = dir(root);
    std::fs::create_dir_all(&dir)?;
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        let _ = std::fs::write(&ignore, "# folio's build cache: safe to delete.\n*\n");
    }
    let tag = dir.join("CACHEDIR.TAG");
    if !tag.exists() {
        let _ = std::fs::write(
            &tag,
            "Signature: 8a477f597d28d172789f06886806bc55\n# folio's build cache; see https://bford.info/cachedir/\n",
        );
    }
    Ok(dir)
}

/// Removes `name` files of other builds of folio.
fn remove_stale(dir: &Path, name: &str, keep: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!("{name}-v");
    for entry in entries.flatten() {
        let path = entry.path();
        let file_name = entry.file_name();
        if file_name.to_string_lossy().starts_with(&prefix) && path != keep {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Removes the cache file `name` (e.g. a record about to become untrue).
fn remove(root: &Path, name: &str) {
    let _ = std::fs::remove_file(file(root, name));
}
