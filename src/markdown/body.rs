//! A rendered body's HTML, or a content file's text: in memory, or spilled
//! to an unlinked temporary file while `folio build` writes both sites
//! ([`Spill`]), so neither the sources nor the bodies of a large site are
//! all kept in memory until the last page is written.
//!
//! A body read back from the spill file is the bytes written there, checked
//! to be UTF-8. A read that fails is recorded in the [`Spill`] (and yields
//! an empty body): the build asks [`Spill::failure`] before it swaps its
//! output in, so a failed read fails the build instead of shipping a page
//! with an empty body.

use std::borrow::Cow;
use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::cache::lock;

/// The HTML of one rendered body; cheap to clone (shared, never copied).
#[derive(Clone)]
pub enum Body {
    Memory(Arc<String>),
    /// Bytes `offset..offset + len` of `spill`'s file.
    Spilled {
        spill: Arc<Spill>,
        offset: u64,
        len: usize,
    },
}

impl Default for Body {
    fn default() -> Self {
        Body::Memory(Arc::default())
    }
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Body::Memory(html) => f.debug_tuple("Memory").field(html).finish(),
            Body::Spilled { offset, len, .. } => f
                .debug_struct("Spilled")
                .field("offset", offset)
                .field("len", len)
                .finish(),
        }
    }
}

impl From<String> for Body {
    fn from(html: String) -> Self {
        Body::Memory(Arc::new(html))
    }
}

impl Body {
    /// The HTML, read back from the spill file when it was spilled (empty,
    /// with the failure recorded in the spill, when that read fails).
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Body::Memory(html) => Cow::Borrowed(html.as_str()),
            Body::Spilled { spill, offset, len } => Cow::Owned(spill.read(*offset, *len)),
        }
    }

    /// The HTML when it is in memory.
    pub fn in_memory(&self) -> Option<&str> {
        match self {
            Body::Memory(html) => Some(html),
            Body::Spilled { .. } => None,
        }
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        match self {
            Body::Memory(html) => html.len(),
            Body::Spilled { len, .. } => *len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// An unlinked temporary file (in `$TMPDIR`) that bodies are appended to
/// from any thread; it is gone with its last handle, even after a crash.
pub struct Spill {
    file: File,
    /// Where the next body goes.
    end: AtomicU64,
    /// The first read that failed.
    failed: Mutex<Option<io::Error>>,
    /// Set by [`Spill::lose`]: writes fail from then on.
    lost: AtomicBool,
}

impl Spill {
    pub fn new() -> io::Result<Spill> {
        Ok(Spill {
            file: tempfile::tempfile()?,
            end: AtomicU64::new(0),
            failed: Mutex::new(None),
            lost: AtomicBool::new(false),
        })
    }

    /// `body` spilled, or kept in memory when the write fails (the build
    /// then only uses more memory).
    pub fn keep(self: &Arc<Self>, body: Body) -> Body {
        let Body::Memory(html) = &body else {
            return body;
        };
        // Short bodies cost more to read back than to keep.
        if html.len() < MIN_SPILLED || self.lost.load(Ordering::Relaxed) {
            return body;
        }
        let len = html.len();
        let offset = self.end.fetch_add(len as u64, Ordering::Relaxed);
        match self.file.write_all_at(html.as_bytes(), offset) {
            Ok(()) => Body::Spilled {
                spill: Arc::clone(self),
                offset,
                len,
            },
            Err(_) => body,
        }
    }

    fn read(&self, offset: u64, len: usize) -> String {
        let mut bytes = vec![0; len];
        let read = self.file.read_exact_at(&mut bytes, offset).and_then(|()| {
            String::from_utf8(bytes)
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8"))
        });
        match read {
            Ok(text) => text,
            Err(e) => {
                lock(&self.failed).get_or_insert(e);
                String::new()
            }
        }
    }

    /// How many bytes were spilled.
    pub fn size(&self) -> u64 {
        self.end.load(Ordering::Relaxed)
    }

    /// Empties the file, as a failing disk might: every later read of what
    /// was spilled fails, and nothing more is written (which would leave a
    /// hole that reads as zeros where the lost bytes were).
    pub fn lose(&self) {
        self.lost.store(true, Ordering::Relaxed);
        let _ = self.file.set_len(0);
    }

    /// Whether a read back failed.
    pub fn failed(&self) -> bool {
        lock(&self.failed).is_some()
    }

    /// The first read back that failed, if any (taken): the pages rendered
    /// since may lack their body.
    pub fn take_failure(&self) -> Option<io::Error> {
        lock(&self.failed).take()
    }
}

/// The shortest body spilled.
const MIN_SPILLED: usize = 256;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spilled_body_reads_back_as_written_from_any_thread() {
        let spill = Arc::new(Spill::new().unwrap());
        let bodies: Vec<String> = (0..64)
            .map(|i| format!("<p>body {i} é</p>").repeat(40 + i))
            .collect();
        let kept: Vec<Body> = std::thread::scope(|s| {
            let handles: Vec<_> = bodies
                .iter()
                .map(|b| {
                    let spill = &spill;
                    s.spawn(move || spill.keep(Body::from(b.clone())))
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for (body, kept) in bodies.iter().zip(&kept) {
            assert!(matches!(kept, Body::Spilled { .. }), "spilled");
            assert_eq!(kept.len(), body.len());
            assert_eq!(kept.text(), body.as_str());
        }
        assert!(!spill.failed());
    }

    #[test]
    fn a_short_body_stays_in_memory() {
        let spill = Arc::new(Spill::new().unwrap());
        let kept = spill.keep(Body::from("<p>short</p>".to_string()));
        assert_eq!(kept.in_memory(), Some("<p>short</p>"));
    }

    #[test]
    fn a_read_that_fails_is_recorded_not_passed_off_as_a_body() {
        let spill = Arc::new(Spill::new().unwrap());
        let body = "<p>x</p>".repeat(100);
        let kept = spill.keep(Body::from(body.clone()));
        // The file loses the body's bytes (as a full disk or a truncated
        // file would).
        spill.lose();
        assert_eq!(kept.text(), "", "nothing made up");
        assert!(spill.failed());
        let failure = spill.take_failure().expect("the failure is kept");
        assert_eq!(failure.kind(), io::ErrorKind::UnexpectedEof);
    }
}
