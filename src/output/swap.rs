//! Exchanging two folders in one step, so an output folder is never missing.
//!
//! On Linux, `renameat2(RENAME_EXCHANGE)` swaps the staged site and the live
//! one atomically: at every instant `public/` is either the whole previous
//! site or the whole new one. Elsewhere (and on Linux file systems without
//! the call, such as some network and FUSE mounts) [`exchange`] reports
//! [`Unsupported`](std::io::ErrorKind::Unsupported) and the caller falls back
//! to two renames, the live folder aside and then the new one in: a crash
//! between the two leaves the output folder missing (the previous site is
//! then beside it, as `.NAME.folio-old`, until the next build removes it).

use std::path::Path;

#[cfg(test)]
thread_local! {
    /// Set by a test to take the fallback path on this thread.
    pub static NO_EXCHANGE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Swaps the folders (or files) at `a` and `b`, both of which must exist.
#[cfg(target_os = "linux")]
pub fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(test)]
    if NO_EXCHANGE.with(|n| n.get()) {
        return Err(unsupported());
    }
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths for the whole call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        return Ok(());
    }
    let e = std::io::Error::last_os_error();
    match e.raw_os_error() {
        // The kernel or the file system has no exchange.
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => Err(unsupported()),
        _ => Err(e),
    }
}

/// No one-step exchange here: the caller falls back to two renames.
#[cfg(not(target_os = "linux"))]
pub fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(unsupported())
}

fn unsupported() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "no atomic folder exchange on this system",
    )
}

/// `e` says the exchange is not available (fall back), not that it failed.
pub fn is_unsupported(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::Unsupported
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn exchange_swaps_two_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(a.join("from-a"), "").unwrap();
        std::fs::write(b.join("from-b"), "").unwrap();
        match exchange(&a, &b) {
            Ok(()) => {
                assert!(a.join("from-b").exists() && b.join("from-a").exists());
            }
            // A temporary folder on a file system without the call.
            Err(e) => assert!(is_unsupported(&e), "{e}"),
        }
        let missing = tmp.path().join("missing");
        assert!(exchange(&a, &missing).is_err(), "both must exist");
    }
}
