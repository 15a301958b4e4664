//! Rendered markdown bodies, kept between builds.
//!
//! A body is stored only when it rendered without a diagnostic (a body with
//! warnings is rendered again, so its warnings are reported again), and not
//! for roadmaps, whose model is rebuilt from the body every time. A stored
//! body whose key no longer matches (its file or a link target changed) is
//! still useful: its highlighted code blocks are reused
//! ([`crate::markdown::Reuse`]).
//!
//! A body that `folio build` wrote verbatim into a page is stored as a
//! [`Place`] in that page (its file, offset, length and a hash of its
//! bytes), not copied: the cache stays small and writing it costs next to
//! nothing. A place whose bytes no longer hash the same (the page was
//! edited, rebuilt elsewhere or removed) is a miss, never a wrong body.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::cache::{hash_bytes, lock};
use crate::markdown::{Body, Rendered, Spill, TocEntry};

const BODIES: &str = "bodies";

/// Where a body sits in a file a build wrote: bytes `offset..offset + len`
/// of `file`, whose hash is `hash`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    file: PathBuf,
    offset: u64,
    len: u64,
    hash: u64,
}

impl Place {
    /// The bytes of `body` found in `page`, which will be the file `file`;
    /// `None` when `page` does not hold them verbatim.
    pub fn find(file: &Path, page: &[u8], body: &str) -> Option<Place> {
        let body = body.as_bytes();
        // Bodies too short to be worth a file read are stored whole.
        let head = body.get(..MIN_PLACED)?;
        let offset =
            memchr::memmem::find_iter(page, head).find(|&at| page[at..].starts_with(body))?;
        Some(Place {
            file: file.to_path_buf(),
            offset: offset as u64,
            len: body.len() as u64,
            hash: hash_bytes(body),
        })
    }

    /// The body read back, when the file still holds it.
    fn read(&self) -> Option<String> {
        let mut file = std::fs::File::open(&self.file).ok()?;
        // A corrupt cache must not make this reserve more than the file holds.
        let end = self.offset.checked_add(self.len)?;
        if end > file.metadata().ok()?.len() {
            return None;
        }
        file.seek(SeekFrom::Start(self.offset)).ok()?;
        let mut bytes = vec![0; usize::try_from(self.len).ok()?];
        file.read_exact(&mut bytes).ok()?;
        (hash_bytes(&bytes) == self.hash)
            .then(|| String::from_utf8(bytes).ok())
            .flatten()
    }
}

/// The shortest body stored as a [`Place`].
const MIN_PLACED: usize = 64;

/// A body as read back; [`BodyRef`] writes the same layout without copies.
#[derive(Deserialize)]
struct StoredBody {
    rel: String,
    key: u64,
    /// Empty when `at` says where the body is.
    html: String,
    at: Option<Place>,
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
    html: Cow<'a, str>,
    at: Option<&'a Place>,
    summary: &'a str,
    toc: Vec<(u8, &'a str, &'a str)>,
    word_count: usize,
    has_code: bool,
    blocks: &'a [u64],
}

impl<'a> BodyRef<'a> {
    fn of((rel, key, r): &'a Used, at: Option<&'a Place>) -> BodyRef<'a> {
        BodyRef {
            rel,
            key: *key,
            html: if at.is_some() {
                Cow::Borrowed("")
            } else {
                r.html.text()
            },
            at,
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
    /// The body, or `None` when its place no longer holds it.
    fn rendered(mut self) -> Option<Rendered> {
        if let Some(at) = &self.at {
            self.html = at.read()?;
        }
        Some(Rendered {
            html: self.html.into(),
            summary: Arc::new(self.summary),
            toc: self
                .toc
                .into_iter()
                .map(|(level, id, title)| TocEntry { level, id, title })
                .collect(),
            word_count: self.word_count,
            has_code: self.has_code,
            blocks: self.blocks.into(),
        })
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
    /// Where the bodies used were stored (by their file), and where this
    /// build wrote them ([`Bodies::found`]).
    places: Mutex<(HashMap<String, Place>, HashMap<String, Place>)>,
    /// A body was rendered anew, or a stored one went unused.
    changed: AtomicBool,
    /// This build looks for its bodies in the pages it writes
    /// ([`Bodies::look_in_pages`]): one it did not find is stored whole.
    /// Otherwise (`serve`, `watch`) a body keeps the place it was read from.
    looking: AtomicBool,
    /// Where the bodies of this build are kept until its pages are written
    /// (`folio build`: [`Bodies::spill_to`]); `None`: in memory.
    spill: Option<Arc<Spill>>,
}

impl Bodies {
    /// No cache: nothing is read or written.
    pub fn disabled() -> Bodies {
        Bodies {
            root: None,
            loaded: Mutex::default(),
            used: Mutex::default(),
            places: Mutex::default(),
            changed: AtomicBool::new(false),
            looking: AtomicBool::new(false),
            spill: None,
        }
    }

    /// Whether this build reads and writes the cache.
    pub fn enabled(&self) -> bool {
        self.root.is_some()
    }

    /// The cache of the site at `root`.
    pub fn open(root: &Path) -> Bodies {
        let stored: Vec<StoredBody> = super::read(root, BODIES).unwrap_or_default();
        Bodies {
            root: Some(root.to_path_buf()),
            loaded: Mutex::new(stored.into_iter().map(|b| (b.rel.clone(), b)).collect()),
            used: Mutex::default(),
            places: Mutex::default(),
            changed: AtomicBool::new(false),
            looking: AtomicBool::new(false),
            spill: None,
        }
    }

    /// The body of `rel` rendered with `key`, or a stale one.
    pub fn get(&self, rel: &str, key: u64) -> Lookup {
        let Some(stored) = lock(&self.loaded).remove(rel) else {
            return Lookup::Miss;
        };
        let stored_key = stored.key;
        let was = stored.at.clone();
        let Some(rendered) = stored.rendered() else {
            // Its place no longer holds it.
            self.changed.store(true, Ordering::Relaxed);
            return Lookup::Miss;
        };
        if stored_key != key {
            self.changed.store(true, Ordering::Relaxed);
            return Lookup::Stale(rendered);
        }
        // Only a hit is kept: a stale body lends its code blocks, in memory.
        let rendered = self.keep(rendered);
        if let Some(at) = was {
            lock(&self.places).0.insert(rel.to_string(), at);
        }
        lock(&self.used).push((rel.to_string(), key, rendered.clone()));
        Lookup::Hit(rendered)
    }

    /// Says that this build will report where it writes each body
    /// ([`Bodies::found`]).
    pub fn look_in_pages(&self) {
        self.looking.store(true, Ordering::Relaxed);
    }

    /// Whether this build already wrote the body of `rel` somewhere it
    /// found it: a body found in a page of the site written first is not
    /// searched for again in the other site's page.
    pub fn placed(&self, rel: &str) -> bool {
        lock(&self.places).1.contains_key(rel)
    }

    /// Notes that this build wrote the body of `rel` at `place` (the first
    /// place found is kept).
    pub fn found(&self, rel: &str, place: Place) {
        if self.root.is_some() {
            lock(&self.places).1.entry(rel.to_string()).or_insert(place);
        }
    }

    /// Keeps the bodies of this build in `spill` rather than in memory, from
    /// now on: those rendered ([`Bodies::keep`]) and those read back.
    pub fn spill_to(&mut self, spill: Spill) {
        self.spill = Some(Arc::new(spill));
    }

    /// `rendered`, its body spilled when this build spills.
    pub fn keep(&self, mut rendered: Rendered) -> Rendered {
        if let Some(spill) = &self.spill {
            rendered.html = spill.keep(rendered.html);
        }
        rendered
    }

    /// A content file's `text`, spilled when this build spills, until its
    /// body is rendered: the sources of a large site are not all held in
    /// memory between reading their front matter and rendering them.
    pub fn keep_source(&self, text: Body) -> Body {
        match &self.spill {
            Some(spill) => spill.keep(text),
            None => text,
        }
    }

    /// How many bytes of sources and bodies this build spilled; `None` when it keeps
    /// them in memory.
    pub fn spilled(&self) -> Option<u64> {
        self.spill.as_ref().map(|s| s.size())
    }

    /// Empties the spill file, for a test of a failed read
    /// (`FOLIO_TEST_LOSE_SPILL`).
    pub fn lose_spill(&self) {
        if let Some(spill) = &self.spill {
            spill.lose();
        }
    }

    /// The first read of a spilled body that failed, if any: a page
    /// written since may lack its body.
    pub fn spill_failure(&self) -> Option<std::io::Error> {
        self.spill.as_ref().and_then(|s| s.take_failure())
    }

    /// Keeps a body this build rendered (shared, not copied).
    pub fn put(&self, rel: &str, key: u64, rendered: &Rendered) {
        if self.root.is_some() {
            self.changed.store(true, Ordering::Relaxed);
            lock(&self.used).push((rel.to_string(), key, rendered.clone()));
        }
    }

    /// Writes what this build used, when it differs from what was read
    /// (once: a second call writes nothing). A body this build wrote into
    /// a page ([`Bodies::found`]) is stored as its place.
    pub fn save(&self) {
        let Some(root) = &self.root else {
            return;
        };
        let unused = !std::mem::take(&mut *lock(&self.loaded)).is_empty();
        let mut used = lock(&self.used);
        let (was, found) = std::mem::take(&mut *lock(&self.places));
        // Where each body is now: where this build wrote it, else (a build
        // that does not look, whose bodies were all read back) where it was.
        let now = if self.looking.swap(false, Ordering::Relaxed) {
            found
        } else {
            was.clone()
        };
        let moved = used.iter().any(|(rel, ..)| was.get(rel) != now.get(rel));
        if !(unused || moved || self.changed.swap(false, Ordering::Relaxed)) {
            return;
        }
        used.sort_by(|a, b| a.0.cmp(&b.0));
        let stored: Vec<BodyRef> = used.iter().map(|u| BodyRef::of(u, now.get(&u.0))).collect();
        // A body that could not be read back is not stored as empty.
        if self.spill.as_ref().is_some_and(|s| s.failed()) {
            return;
        }
        super::write(root, BODIES, &stored);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(html: &str) -> Rendered {
        Rendered {
            html: html.to_string().into(),
            summary: Arc::new("<p>sum</p>".to_string()),
            toc: Arc::from(vec![TocEntry {
                level: 2,
                id: "a".into(),
                title: "A".into(),
            }]),
            word_count: 7,
            has_code: false,
            blocks: Arc::from(vec![3u64]),
        }
    }

    const BODY: &str =
        "<p>A body long enough to be stored as its place in the page that shows it.</p>";

    /// A cache with `BODY` of `a.md` written into `page.html`, saved.
    fn saved_with_place(root: &Path) -> PathBuf {
        let page = root.join("page.html");
        let bytes = format!("<html><main>{BODY}</main><footer>{BODY}</footer></html>");
        std::fs::write(&page, &bytes).unwrap();
        let bodies = Bodies::open(root);
        bodies.look_in_pages();
        bodies.put("a.md", 1, &rendered(BODY));
        let place = Place::find(&page, bytes.as_bytes(), BODY).expect("found");
        assert_eq!(place.offset, "<html><main>".len() as u64, "the first copy");
        assert!(!bodies.placed("a.md"));
        bodies.found("a.md", place);
        assert!(bodies.placed("a.md"), "no other page is searched for it");
        assert!(!bodies.placed("b.md"));
        bodies.save();
        page
    }

    fn cache_bytes(root: &Path) -> Vec<u8> {
        std::fs::read(super::super::file(root, BODIES)).unwrap()
    }

    #[test]
    fn a_body_found_in_a_written_page_is_stored_as_its_place_and_read_back() {
        let tmp = tempfile::tempdir().unwrap();
        saved_with_place(tmp.path());
        let stored = cache_bytes(tmp.path());
        assert!(
            memchr::memmem::find(&stored, b"long enough").is_none(),
            "the body is not copied into the cache"
        );
        let Lookup::Hit(r) = Bodies::open(tmp.path()).get("a.md", 1) else {
            panic!("a hit")
        };
        assert_eq!(r.html.text(), BODY);
        assert_eq!(*r.summary, "<p>sum</p>");
        assert_eq!(r.toc[0].title, "A");
        assert_eq!((r.word_count, &*r.blocks), (7, &[3u64][..]));
        // A stale key still gives the body (for its code blocks).
        assert!(matches!(
            Bodies::open(tmp.path()).get("a.md", 2),
            Lookup::Stale(r) if r.html.text() == BODY
        ));
    }

    #[test]
    fn a_spilling_build_spills_a_hit_and_lends_a_stale_body_from_memory() {
        let tmp = tempfile::tempdir().unwrap();
        let long = BODY.repeat(8);
        let bodies = Bodies::open(tmp.path());
        bodies.put("a.md", 1, &rendered(&long));
        bodies.save();
        let open = || {
            let mut bodies = Bodies::open(tmp.path());
            bodies.spill_to(Spill::new().unwrap());
            bodies
        };
        let spilling = open();
        let Lookup::Hit(hit) = spilling.get("a.md", 1) else {
            panic!("a hit")
        };
        assert!(hit.html.in_memory().is_none(), "a hit waits in the file");
        assert_eq!(hit.html.text(), long);
        assert_eq!(spilling.spilled(), Some(long.len() as u64));
        // Reuse reads a stale body's code blocks from memory.
        let Lookup::Stale(stale) = open().get("a.md", 2) else {
            panic!("stale")
        };
        assert_eq!(stale.html.in_memory(), Some(long.as_str()));
    }

    #[test]
    fn a_place_that_no_longer_holds_the_body_is_a_miss() {
        let tmp = tempfile::tempdir().unwrap();
        let page = saved_with_place(tmp.path());
        // The same length, one byte changed: an attacker's or an editor's.
        let text = std::fs::read_to_string(&page).unwrap();
        std::fs::write(&page, text.replacen("long", "LONG", 1)).unwrap();
        assert!(matches!(
            Bodies::open(tmp.path()).get("a.md", 1),
            Lookup::Miss
        ));
        // Shorter than the place.
        std::fs::write(&page, "<html>").unwrap();
        assert!(matches!(
            Bodies::open(tmp.path()).get("a.md", 1),
            Lookup::Miss
        ));
        // A place whose length was corrupted to more than any file holds.
        let huge = Place {
            file: page.clone(),
            offset: 1,
            len: u64::MAX,
            hash: 0,
        };
        assert_eq!(huge.read(), None);
        let huge = Place {
            offset: u64::MAX,
            len: 1 << 40,
            ..huge
        };
        assert_eq!(huge.read(), None);
        std::fs::remove_file(&page).unwrap();
        assert!(matches!(
            Bodies::open(tmp.path()).get("a.md", 1),
            Lookup::Miss
        ));
    }

    #[test]
    fn a_body_not_found_in_a_page_is_stored_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let bodies = Bodies::open(tmp.path());
        bodies.look_in_pages();
        bodies.put("a.md", 1, &rendered(BODY));
        bodies.put("short.md", 1, &rendered("<p>short</p>"));
        assert!(Place::find(Path::new("p"), b"<p>short</p>", "<p>short</p>").is_none());
        assert!(Place::find(Path::new("p"), b"<html>other</html>", BODY).is_none());
        bodies.save();
        assert!(memchr::memmem::find(&cache_bytes(tmp.path()), b"long enough").is_some());
        let again = Bodies::open(tmp.path());
        assert!(matches!(again.get("a.md", 1), Lookup::Hit(r) if r.html.text() == BODY));
        assert!(
            matches!(again.get("short.md", 1), Lookup::Hit(r) if r.html.text() == "<p>short</p>")
        );
    }

    #[test]
    fn bodies_that_moved_in_their_pages_are_saved_again() {
        let tmp = tempfile::tempdir().unwrap();
        let page = saved_with_place(tmp.path());
        // A build that reads every body back and finds each where it was
        // writes nothing.
        let before = std::fs::metadata(super::super::file(tmp.path(), BODIES)).unwrap();
        let bodies = Bodies::open(tmp.path());
        bodies.look_in_pages();
        assert!(matches!(bodies.get("a.md", 1), Lookup::Hit(_)));
        let bytes = std::fs::read(&page).unwrap();
        bodies.found("a.md", Place::find(&page, &bytes, BODY).unwrap());
        bodies.save();
        let after = std::fs::metadata(super::super::file(tmp.path(), BODIES)).unwrap();
        assert_eq!(before.modified().unwrap(), after.modified().unwrap());
        // A template change moves the body within its page: the new place
        // is saved, and read back.
        let moved = format!("<html><header>new chrome</header><main>{BODY}</main></html>");
        std::fs::write(&page, &moved).unwrap();
        let bodies = Bodies::open(tmp.path());
        assert!(
            matches!(bodies.get("a.md", 1), Lookup::Miss),
            "the old place"
        );
        let bodies = Bodies::open(tmp.path());
        bodies.look_in_pages();
        bodies.put("a.md", 1, &rendered(BODY));
        bodies.found("a.md", Place::find(&page, moved.as_bytes(), BODY).unwrap());
        bodies.save();
        assert!(
            matches!(Bodies::open(tmp.path()).get("a.md", 1), Lookup::Hit(r) if r.html.text() == BODY)
        );
    }

    /// `serve` and `watch` read bodies back but write no pages: the places
    /// they read stay stored, and nothing is written when nothing changed.
    #[test]
    fn a_build_that_does_not_look_keeps_the_places_it_read() {
        let tmp = tempfile::tempdir().unwrap();
        saved_with_place(tmp.path());
        let file = super::super::file(tmp.path(), BODIES);
        let before = std::fs::read(&file).unwrap();
        let bodies = Bodies::open(tmp.path());
        assert!(matches!(bodies.get("a.md", 1), Lookup::Hit(_)));
        bodies.save();
        assert_eq!(std::fs::read(&file).unwrap(), before, "nothing changed");
        // Another body rendered anew: it is stored whole, the first keeps
        // its place.
        let bodies = Bodies::open(tmp.path());
        assert!(matches!(bodies.get("a.md", 1), Lookup::Hit(_)));
        bodies.put(
            "b.md",
            1,
            &rendered("<p>B, a second body that no page of this build was searched for.</p>"),
        );
        bodies.save();
        let stored = std::fs::read(&file).unwrap();
        assert!(memchr::memmem::find(&stored, b"long enough").is_none());
        assert!(memchr::memmem::find(&stored, b"a second body").is_some());
        let again = Bodies::open(tmp.path());
        assert!(matches!(again.get("a.md", 1), Lookup::Hit(r) if r.html.text() == BODY));
        assert!(matches!(again.get("b.md", 1), Lookup::Hit(_)));
    }
}
