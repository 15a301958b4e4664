//! What a rebuild may reuse from the previous one: content files read and
//! placed, their rendered markdown, and rendered pages — each stored with a
//! key that hashes everything that went into it, so a stale entry can never
//! be reused — and which rendered pages had no `<img` tag (kept with the
//! very bytes looked at, so the images step skips only those same bytes).
//! A clean build uses [`Cache::disabled`], which stores nothing.
//!
//! Files are re-read when their size, modification time or inode changed,
//! or when the watcher reported them ([`Cache::mark_dirty`]). The listing of
//! the sources is kept too, and reused while every path the watcher
//! reported is one the loader knows did not add or remove a file
//! ([`Cache::listing`]); such a load trusts the watcher for edits too, and
//! reads only the files it reported ([`Cache::unreported`]), without a stat
//! of every other file.

use std::any::Any;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;

use rustc_hash::{FxHashMap, FxHashSet};
use xxhash_rust::xxh3::Xxh3;

use crate::audience::Audience;

/// How a file looked on disk when it was read. Besides the modification
/// time (which anyone can set back) it holds the inode's change time, which
/// only the system sets: an edit in place that keeps the size and puts the
/// modification time back still changes the stamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    modified: Option<SystemTime>,
    /// The inode change time (ctime), in seconds and nanoseconds.
    changed: (i64, i64),
    len: u64,
    inode: u64,
    /// How many names the file has: a hard link's stamp changes when
    /// another name of it goes.
    links: u64,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
        std::fs::metadata(path).ok().map(|m| Stamp::of_metadata(&m))
    }

    /// The stamp of a file whose metadata is at hand (of an open file).
    pub fn of_metadata(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let (inode, changed, links) = {
            use std::os::unix::fs::MetadataExt;
            (meta.ino(), (meta.ctime(), meta.ctime_nsec()), meta.nlink())
        };
        #[cfg(not(unix))]
        let (inode, changed, links) = (0, (0, 0), 1);
        Stamp {
            modified: meta.modified().ok(),
            changed,
            len: meta.len(),
            inode,
            links,
        }
    }

    /// The file has other names (a hard link): removing one of them
    /// changes its stamp.
    pub fn is_linked(&self) -> bool {
        self.links > 1
    }
}

/// Output path → (fingerprint of its inputs, bytes). FxHash: these maps
/// are looked up once per file or page on every rebuild, under a lock.
type PageMap = FxHashMap<String, (u64, Arc<[u8]>)>;

/// How many locks the rendered pages of one audience are spread over.
const PAGE_SHARDS: usize = 16;

/// Reusable results, shared between rebuilds of one site.
pub struct Cache<F> {
    enabled: bool,
    /// Shared entries: a lookup only bumps a count under the lock.
    files: Mutex<FxHashMap<String, (Stamp, Arc<F>)>>,
    dirty: Mutex<FxHashSet<PathBuf>>,
    /// Rendered pages by output path, one set of shards per audience: the
    /// workers look pages up one at a time, and one lock per audience had
    /// them waiting on each other.
    pages: [[Mutex<PageMap>; PAGE_SHARDS]; 2],
    /// Pages rendered (not reused) since the last [`Cache::take_rendered`].
    rendered: AtomicUsize,
    /// Pages found without an `<img` tag, by output path, with the bytes
    /// that were searched; one map per audience.
    without_img: [Mutex<HashMap<String, Arc<[u8]>>>; 2],
    /// The listing of the sources the last load walked (its type is the
    /// loader's business), reused while the watcher's reports say it holds.
    listing: Mutex<Option<Arc<dyn Any + Send + Sync>>>,
}

impl<F: Clone> Cache<F> {
    /// A cache that keeps results for the next rebuild.
    pub fn new() -> Self {
        Cache {
            enabled: true,
            files: Mutex::default(),
            dirty: Mutex::default(),
            pages: Default::default(),
            rendered: AtomicUsize::new(0),
            without_img: Default::default(),
            listing: Mutex::default(),
        }
    }

    /// A cache that stores nothing: every lookup misses (a clean build).
    pub fn disabled() -> Self {
        Cache {
            enabled: false,
            ..Cache::new()
        }
    }

    /// Whether this cache keeps anything (not a clean build's).
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Paths (absolute) the watcher saw change: re-read them whatever their
    /// stamps say.
    pub fn mark_dirty(&self, paths: impl IntoIterator<Item = PathBuf>) {
        lock(&self.dirty).extend(paths);
    }

    /// The cached entry for a file if it is unchanged on disk.
    pub fn file(&self, rel: &str, abs: &Path, stamp: Option<Stamp>) -> Option<Arc<F>> {
        if !self.enabled || lock(&self.dirty).contains(abs) {
            return None;
        }
        let stamp = stamp?;
        let files = lock(&self.files);
        let (cached, entry) = files.get(rel)?;
        (*cached == stamp).then(|| Arc::clone(entry))
    }

    /// The cached entries of `files` (relative and absolute paths) that the
    /// watcher did not report, whatever their stamps, under one lock; `None`
    /// for a reported or unknown file. Only for a load that knows the
    /// watcher reported every change since the last (the listing held).
    pub fn unreported<'p>(
        &self,
        files: impl Iterator<Item = (&'p str, &'p Path)>,
    ) -> Vec<Option<Arc<F>>> {
        if !self.enabled {
            return files.map(|_| None).collect();
        }
        let dirty = lock(&self.dirty);
        let entries = lock(&self.files);
        files
            .map(|(rel, abs)| {
                if dirty.contains(abs) {
                    return None;
                }
                entries.get(rel).map(|(_, e)| Arc::clone(e))
            })
            .collect()
    }

    /// The cached entry for a file, whatever its stamp (for results that
    /// carry their own key).
    pub fn entry(&self, rel: &str) -> Option<Arc<F>> {
        if !self.enabled {
            return None;
        }
        lock(&self.files).get(rel).map(|(_, e)| Arc::clone(e))
    }

    pub fn store_file(&self, rel: &str, stamp: Option<Stamp>, entry: F) {
        if let (true, Some(stamp)) = (self.enabled, stamp) {
            lock(&self.files).insert(rel.to_string(), (stamp, Arc::new(entry)));
        }
    }

    /// Updates a cached file entry in place (e.g. with its rendered markdown).
    pub fn update_file(&self, rel: &str, f: impl FnOnce(&mut F)) {
        if self.enabled
            && let Some((_, entry)) = lock(&self.files).get_mut(rel)
        {
            f(Arc::make_mut(entry));
        }
    }

    /// The listing stored by the last load, when `holds` says it is still
    /// right given the paths the watcher reported since (absolute). Never
    /// when the watcher reported nothing: a rebuild with no reported path
    /// (the first, or one asked for by hand) always walks.
    pub fn listing<L: Any + Send + Sync>(
        &self,
        holds: impl FnOnce(&L, &FxHashSet<PathBuf>) -> bool,
    ) -> Option<Arc<L>> {
        if !self.enabled {
            return None;
        }
        let dirty = lock(&self.dirty);
        if dirty.is_empty() {
            return None;
        }
        let listing = lock(&self.listing).clone()?.downcast::<L>().ok()?;
        holds(&listing, &dirty).then_some(listing)
    }

    /// Keeps the listing a load walked, for [`Cache::listing`].
    pub fn store_listing<L: Any + Send + Sync>(&self, listing: Arc<L>) {
        if self.enabled {
            *lock(&self.listing) = Some(listing);
        }
    }

    /// Forgets files that no longer exist and clears the dirty marks; called
    /// once a load has seen every file.
    pub fn finish_load(&self, seen: &HashSet<&str>) {
        if self.enabled {
            lock(&self.files).retain(|rel, _| seen.contains(rel.as_str()));
        }
        lock(&self.dirty).clear();
    }

    /// [`Cache::finish_load`] for a load whose listing held (the same
    /// files as the last load): only the dirty marks are cleared.
    pub fn finish_load_of_the_same_files(&self) {
        lock(&self.dirty).clear();
    }

    /// A page rendered earlier from inputs with the same fingerprint.
    pub fn page(&self, audience: Audience, path: &str, fingerprint: u64) -> Option<Arc<[u8]>> {
        if !self.enabled {
            return None;
        }
        let pages = lock(self.page_shard(audience, path));
        let (fp, bytes) = pages.get(path)?;
        (*fp == fingerprint).then(|| Arc::clone(bytes))
    }

    /// The shard of the page map that holds `path`.
    fn page_shard(&self, audience: Audience, path: &str) -> &Mutex<PageMap> {
        let shard = rustc_hash::FxBuildHasher.hash_one(path) as usize % PAGE_SHARDS;
        &self.pages[audience_index(audience)][shard]
    }

    /// Counts a page that had to be rendered.
    pub fn count_rendered(&self) {
        self.rendered.fetch_add(1, Ordering::Relaxed);
    }

    /// How many pages were rendered since the last call.
    pub fn take_rendered(&self) -> usize {
        self.rendered.swap(0, Ordering::Relaxed)
    }

    pub fn store_page(&self, audience: Audience, path: &str, fingerprint: u64, bytes: Arc<[u8]>) {
        if self.enabled {
            lock(self.page_shard(audience, path)).insert(path.to_string(), (fingerprint, bytes));
        }
    }

    /// The pages of one audience found without an `<img` tag, by output
    /// path, each with the bytes that were searched: a page whose bytes are
    /// still that same allocation ([`Arc::ptr_eq`]) needs no new search.
    /// Always empty in a disabled cache, and what is put in is forgotten.
    pub fn without_img(&self, audience: Audience) -> MutexGuard<'_, HashMap<String, Arc<[u8]>>> {
        let mut map = lock(&self.without_img[audience_index(audience)]);
        if !self.enabled {
            map.clear();
        }
        map
    }
}

impl<F: Clone> Default for Cache<F> {
    fn default() -> Self {
        Cache::new()
    }
}

fn audience_index(audience: Audience) -> usize {
    match audience {
        Audience::Public => 0,
        Audience::Private => 1,
    }
}

/// Locks `m`, also after a thread panicked holding it (the data is a cache).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// A fast 64-bit hash of anything hashable (not for security).
pub fn hash_of(value: &impl Hash) -> u64 {
    let mut h = Xxh3::new();
    value.hash(&mut h);
    h.finish()
}

/// A fast 64-bit hash of bytes.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_reused_only_while_unchanged() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("a.md");
        std::fs::write(&file, "one").unwrap();
        let cache: Cache<u32> = Cache::new();
        let stamp = Stamp::of(&file);
        cache.store_file("a.md", stamp, 1);
        assert_eq!(
            cache.file("a.md", &file, Stamp::of(&file)).as_deref(),
            Some(&1)
        );
        std::fs::write(&file, "longer").unwrap();
        assert_eq!(
            cache.file("a.md", &file, Stamp::of(&file)),
            None,
            "size changed"
        );
        cache.store_file("a.md", Stamp::of(&file), 2);
        cache.mark_dirty([file.clone()]);
        assert_eq!(
            cache.file("a.md", &file, Stamp::of(&file)),
            None,
            "watcher said it changed"
        );
        cache.finish_load(&HashSet::from(["a.md"]));
        assert_eq!(
            cache.file("a.md", &file, Stamp::of(&file)).as_deref(),
            Some(&2)
        );
        cache.finish_load(&HashSet::new());
        assert_eq!(
            cache.file("a.md", &file, Stamp::of(&file)),
            None,
            "forgotten when gone"
        );
    }

    #[test]
    fn a_listing_is_reused_only_on_reported_paths_it_accepts() {
        let cache: Cache<u32> = Cache::new();
        cache.store_listing(Arc::new(7u32));
        let accept = |_: &u32, _: &FxHashSet<PathBuf>| true;
        assert!(
            cache.listing(accept).is_none(),
            "nothing reported: always walk"
        );
        cache.mark_dirty([PathBuf::from("/site/content/a.md")]);
        assert_eq!(cache.listing(accept).as_deref(), Some(&7));
        assert!(
            cache
                .listing(|_: &u32, seen: &FxHashSet<PathBuf>| !seen
                    .contains(Path::new("/site/content/a.md")))
                .is_none(),
            "the loader refused it"
        );
        assert!(cache.listing::<String>(|_, _| true).is_none(), "other type");
        cache.finish_load(&HashSet::new());
        assert!(cache.listing(accept).is_none(), "reports cleared");
        let off: Cache<u32> = Cache::disabled();
        off.store_listing(Arc::new(7u32));
        off.mark_dirty([PathBuf::from("/site/content/a.md")]);
        assert!(off.listing(accept).is_none(), "a clean build keeps nothing");
    }

    #[test]
    fn disabled_cache_never_hits() {
        let cache: Cache<u32> = Cache::disabled();
        cache.store_page(Audience::Public, "index.html", 7, Arc::from(&b"x"[..]));
        assert!(cache.page(Audience::Public, "index.html", 7).is_none());
    }

    #[test]
    fn pages_need_the_same_fingerprint() {
        let cache: Cache<u32> = Cache::new();
        cache.store_page(Audience::Public, "index.html", 7, Arc::from(&b"x"[..]));
        assert!(cache.page(Audience::Public, "index.html", 7).is_some());
        assert!(cache.page(Audience::Public, "index.html", 8).is_none());
        assert!(cache.page(Audience::Private, "index.html", 7).is_none());
    }
}
