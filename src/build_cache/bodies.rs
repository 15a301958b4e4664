//! Rendered markdown bodies, kept between builds.
//!
//! A body is stored only when it rendered without a diagnostic (a body with
//! warnings is rendered again, so its warnings are reported again), and not
//! for roadmaps, whose model is rebuilt from the body every time. A stored
//! body whose key no longer matches (its file or a link target changed) is
//! still useful: its highlighted code blocks are reused
//! ([`crate::markdown::Reuse`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::cache::lock;
use crate::markdown::{Rendered, TocEntry};

const BODIES: &str = "bodies";

/// A body as read back; [`BodyRef`] writes the same layout without copies.
#[derive(Deserialize)]
struct StoredBody {
    rel: String,
    key: u64,
    html: String,
    summary: String,
    toc: Vec<(u8, String, String)>,
    word_count: usize,
    has_code: bool,
    blocks: Vec<u64>,
}

#[derive(Serialize)]
struct BodyRef<'a> {
    rel: &'a str,
    key: u64,
    html: &'a str,
    summary: &'a str,
    toc: Vec<(u8, &'a str, &'a str)>,
    word_count: usize,
    has_code: bool,
    blocks: &'a [u64],
}

impl<'a> BodyRef<'a> {
    fn of((rel, key, r): &'a Used) -> BodyRef<'a> {
        BodyRef {
            rel,
            key: *key,
            html: &r.html,
            summary: &r.summary,
            toc: r
                .toc
                .iter()
                .map(|t| (t.level, t.id.as_str(), t.title.as_str()))
                .collect(),
            word_count: r.word_count,
            has_code: r.has_code,
            blocks: &r.blocks,
        }
    }
}

/// A body this build used: its file, key and result.
type Used = (String, u64, Rendered);

impl StoredBody {
    fn rendered(self) -> Rendered {
        Rendered {
            html: Arc::new(self.html),
            summary: Arc::new(self.summary),
            toc: self
                .toc
                .into_iter()
                .map(|(level, id, title)| TocEntry { level, id, title })
                .collect(),
            word_count: self.word_count,
            has_code: self.has_code,
            blocks: self.blocks.into(),
        }
    }
}

/// What the cache holds for one file.
pub enum Lookup {
    /// The body, rendered from the same inputs.
    Hit(Rendered),
    /// A body rendered from other inputs: only its code blocks may be reused.
    Stale(Rendered),
    Miss,
}

/// The bodies of one build: those read from the cache, and those this build
/// used (to be written back).
pub struct Bodies {
    /// `None`: the cache is off (a plain in-memory render).
    root: Option<PathBuf>,
    loaded: Mutex<HashMap<String, StoredBody>>,
    used: Mutex<Vec<Used>>,
    /// A body was rendered anew, or a stored one went unused.
    changed: AtomicBool,
}

impl Bodies {
    /// No cache: nothing is read or written.
    pub fn disabled() -> Bodies {
        Bodies {
            root: None,
            loaded: Mutex::default(),
            used: Mutex::default(),
            changed: AtomicBool::new(false),
        }
    }

    /// Whether this cache is read and written (not [`Bodies::disabled`]).
    pub fn is_enabled(&self) -> bool {
        self.root.is_some()
    }

    /// The cache of the site at `root`.
    pub fn open(root: &Path) -> Bodies {
        let stored: Vec<StoredBody> = super::read(root, BODIES).unwrap_or_default();
        Bodies {
            root: Some(root.to_path_buf()),
            loaded: Mutex::new(stored.into_iter().map(|b| (b.rel.clone(), b)).collect()),
            used: Mutex::default(),
            changed: AtomicBool::new(false),
        }
    }

    /// The body of `rel` rendered with `key`, or a stale one.
    pub fn get(&self, rel: &str, key: u64) -> Lookup {
        let Some(stored) = lock(&self.loaded).remove(rel) else {
            return Lookup::Miss;
        };
        if stored.key != key {
            self.changed.store(true, Ordering::Relaxed);
            return Lookup::Stale(stored.rendered());
        }
        let rendered = stored.rendered();
        lock(&self.used).push((rel.to_string(), key, rendered.clone()));
        Lookup::Hit(rendered)
    }

    /// Keeps a body this build rendered (shared, not copied).
    pub fn put(&self, rel: &str, key: u64, rendered: &Rendered) {
        if self.root.is_some() {
            self.changed.store(true, Ordering::Relaxed);
            lock(&self.used).push((rel.to_string(), key, rendered.clone()));
        }
    }

    /// Writes what this build used, when it differs from what was read
    /// (once: a second call writes nothing).
    pub fn save(&self) {
        let Some(root) = &self.root else {
            return;
        };
        let unused = !std::mem::take(&mut *lock(&self.loaded)).is_empty();
        if !(unused || self.changed.swap(false, Ordering::Relaxed)) {
            return;
        }
        let mut used = lock(&self.used);
        used.sort_by(|a, b| a.0.cmp(&b.0));
        let stored: Vec<BodyRef> = used.iter().map(BodyRef::of).collect();
        super::write(root, BODIES, &stored);
    }
}
