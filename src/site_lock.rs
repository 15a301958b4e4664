//! One writer per site at a time: an advisory lock on
//! `.folio-cache/build.lock` in the site (std's [`File::lock`], `flock` on
//! Unix), held by `folio build` for the whole build and by `folio watch`
//! while it writes. The holder writes its process id and command into the
//! file, so whoever waits can say who it waits for. The lock goes with the
//! process: a killed build never leaves a site locked.
//!
//! A site whose folder folio may not write to (a read-only checkout) is built
//! without the lock: there is no place to put it, and no cache either.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The lock file, relative to the site root.
pub const FILE: &str = "build.lock";

/// Held until dropped.
#[derive(Debug)]
pub struct SiteLock {
    _file: Option<File>,
}

/// What to do when another folio holds the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Wait for it, after saying so through `on_wait`.
    Yes,
    /// Fail at once (exit code 2).
    No,
}

/// The lock file of the site at `root`.
pub fn path(root: &Path) -> PathBuf {
    crate::build_cache::dir(root).join(FILE)
}

impl SiteLock {
    /// Takes the lock of the site at `root` for `what` (e.g. `folio build`).
    /// When another folio holds it, `wait` says whether to wait (calling
    /// `on_wait` once with a line naming the holder) or to fail.
    pub fn acquire(
        root: &Path,
        what: &str,
        wait: Wait,
        on_wait: &dyn Fn(&str),
    ) -> Result<SiteLock> {
        let Some(mut file) = open(root)? else {
            return Ok(SiteLock { _file: None });
        };
        let lock = path(root);
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let holder = holder(&mut file);
                if wait == Wait::No {
                    return Err(Error::Usage(format!(
                        "another folio is writing this site: {holder}; nothing was changed. Wait for it to finish, or run without --no-wait to wait for it"
                    )));
                }
                on_wait(&format!("waiting for {holder} to finish with this site..."));
                file.lock().map_err(|e| Error::io("locking", &lock, e))?;
            }
            Err(TryLockError::Error(e)) => return Err(Error::io("locking", &lock, e)),
        }
        // Ours now: say who holds it.
        let me = format!("{} {what}\n", std::process::id());
        let _ = file
            .set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(me.as_bytes()));
        Ok(SiteLock { _file: Some(file) })
    }

    /// Takes the lock only if no one holds it: `None` when someone does.
    pub fn try_acquire(root: &Path, what: &str) -> Result<Option<SiteLock>> {
        match SiteLock::acquire(root, what, Wait::No, &|_| {}) {
            Ok(lock) => Ok(Some(lock)),
            Err(Error::Usage(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// Opens (creating) the lock file; `None` when the site's folder may not be
/// written to.
fn open(root: &Path) -> Result<Option<File>> {
    use std::io::ErrorKind::{PermissionDenied, ReadOnlyFilesystem};
    let lock = path(root);
    let made = crate::build_cache::ensure_dir(root).and_then(|_| {
        OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock)
    });
    match made {
        Ok(file) => Ok(Some(file)),
        Err(e) if matches!(e.kind(), PermissionDenied | ReadOnlyFilesystem) => Ok(None),
        Err(e) => Err(Error::io("opening the site's lock", lock, e)),
    }
}

/// Who holds the lock, as its holder wrote it: "folio build (pid 42)".
fn holder(file: &mut File) -> String {
    let mut text = String::new();
    let _ = file.rewind().and_then(|()| file.read_to_string(&mut text));
    let mut parts = text.trim().splitn(2, ' ');
    match (parts.next().filter(|p| !p.is_empty()), parts.next()) {
        (Some(pid), Some(what)) => format!("{what} (pid {pid})"),
        (Some(pid), None) => format!("folio (pid {pid})"),
        _ => "another folio".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_taker_is_told_who_holds_the_lock() {
        let tmp = tempfile::tempdir().unwrap();
        let first = SiteLock::acquire(tmp.path(), "folio build", Wait::No, &|_| {}).unwrap();
        let e = SiteLock::acquire(tmp.path(), "folio watch", Wait::No, &|_| {}).unwrap_err();
        let pid = std::process::id();
        assert!(
            e.to_string().contains(&format!("folio build (pid {pid})")),
            "{e}"
        );
        assert!(SiteLock::try_acquire(tmp.path(), "x").unwrap().is_none());
        drop(first);
        assert!(SiteLock::try_acquire(tmp.path(), "x").unwrap().is_some());
    }
}
