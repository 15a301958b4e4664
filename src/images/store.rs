//! Where derived images are kept, by a hash of the source's bytes and of
//! the recipe ([`RECIPE`]): in memory for the life of the process (so
//! `serve` re-renders an unchanged image for nothing, and the public and
//! private sites share one decoding), and, for a build with its cache on,
//! in `.folio-cache/images/`, so a later build reads the copies back
//! without decoding the source. Failing to write the cache is not an error
//! of the build; a cache file that does not decode is ignored. A build
//! that finished removes the copies it did not use ([`prune`]), so the
//! folder holds the copies of the images the site shows, not of every
//! version of them ever built.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use image::ImageFormat;

use super::derive::{self, Derived, Problem};

/// Changes whenever what [`derive::derive`] makes of the same bytes would
/// change (widths, quality, encoder), so an old copy is never reused.
const RECIPE: &str = "folio-images-1 320,640,1280 q82 image-0.25 lanczos3";

type Slot = Arc<OnceLock<Result<Arc<Derived>, Problem>>>;

/// Every image derived by this process, by key.
static MEMO: LazyLock<Mutex<HashMap<u128, Slot>>> = LazyLock::new(Default::default);

/// The derived images of one site.
pub struct Store {
    /// `.folio-cache/images/`, when the build cache is on.
    dir: Option<PathBuf>,
}

impl Store {
    /// The store of the site at `root`; with `persistent`, backed by its
    /// build cache folder.
    pub fn new(root: &Path, persistent: bool) -> Store {
        Store {
            dir: persistent.then(|| crate::build_cache::dir(root).join("images")),
        }
    }

    /// The copies of the source `bytes` (a file named as `format`): from
    /// memory, else from the cache folder, else made (and kept in both).
    pub fn get(&self, bytes: &[u8], format: ImageFormat) -> Result<Arc<Derived>, Problem> {
        let key = key(bytes);
        let slot = {
            let mut memo = MEMO.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            memo.entry(key).or_default().clone()
        };
        slot.get_or_init(|| {
            if let Some(found) = self.read(key) {
                return Ok(Arc::new(found));
            }
            let derived = derive::derive(bytes, format)?;
            self.write(key, &derived);
            Ok(Arc::new(derived))
        })
        .clone()
    }

    fn file(&self, key: u128) -> Option<PathBuf> {
        Some(self.dir.as_ref()?.join(format!("{key:032x}.bin")))
    }

    fn read(&self, key: u128) -> Option<Derived> {
        use bincode::Options;
        let bytes = std::fs::read(self.file(key)?).ok()?;
        bincode::DefaultOptions::new()
            .with_limit(bytes.len() as u64)
            .deserialize(&bytes)
            .ok()
    }

    fn write(&self, key: u128, derived: &Derived) {
        use bincode::Options;
        let (Some(dir), Some(path)) = (&self.dir, self.file(key)) else {
            return;
        };
        let Some(root) = dir.parent().and_then(Path::parent) else {
            return;
        };
        if crate::build_cache::ensure_dir(root).is_err() || std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let Ok(bytes) = bincode::DefaultOptions::new().serialize(derived) else {
            return;
        };
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        if std::fs::write(&tmp, bytes).is_err() || std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

/// Removes from the image cache of the site at `root` every copy this
/// process did not ask for, and what an interrupted write left: for a
/// `folio build` that finished, whose pages asked for every image they show
/// (a build stops before this when it fails, and a build with nothing
/// changed asks for none and must not call it). Only files named as this
/// store names them are removed, and only when both `.folio-cache` and its
/// `images` are real folders (a symlink in either place is left alone).
pub fn prune(root: &Path) {
    let cache = crate::build_cache::dir(root);
    let dir = cache.join("images");
    let real = |d: &Path| std::fs::symlink_metadata(d).is_ok_and(|m| m.is_dir());
    if !real(&cache) || !real(&dir) {
        return;
    }
    let used: std::collections::HashSet<u128> = MEMO
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .keys()
        .copied()
        .collect();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = match entry.file_name().to_str().and_then(cache_name) {
            Some(CacheName::Copy(key)) => !used.contains(&key),
            Some(CacheName::Unfinished) => true,
            None => false,
        };
        if stale {
            // A folder of that name is not removed (`remove_file` refuses).
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A file name [`Store`] writes.
#[derive(Debug, PartialEq)]
enum CacheName {
    /// `<key>.bin`: the copies of one image.
    Copy(u128),
    /// `<key>.tmp<pid>`: a write not finished (the site's lock is held, so
    /// no other build is writing).
    Unfinished,
}

fn cache_name(name: &str) -> Option<CacheName> {
    let (hex, ext) = name.split_once('.')?;
    let lower_hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
    if hex.len() != 32 || !hex.bytes().all(lower_hex) {
        return None;
    }
    if ext == "bin" {
        return u128::from_str_radix(hex, 16).ok().map(CacheName::Copy);
    }
    let pid = ext.strip_prefix("tmp")?;
    (!pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())).then_some(CacheName::Unfinished)
}

/// The hash of `bytes` under [`RECIPE`].
fn key(bytes: &[u8]) -> u128 {
    let seed = xxhash_rust::xxh3::xxh3_64(RECIPE.as_bytes());
    xxhash_rust::xxh3::xxh3_128_with_seed(bytes, seed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_names_the_store_writes_are_its_own() {
        let key = 0x0123_4567_89ab_cdef_0123_4567_89ab_cdef_u128;
        assert_eq!(
            cache_name(&format!("{key:032x}.bin")),
            Some(CacheName::Copy(key))
        );
        assert_eq!(
            cache_name(&format!("{key:032x}.tmp4242")),
            Some(CacheName::Unfinished)
        );
        for name in [
            "notes.txt",
            ".gitignore",
            "CACHEDIR.TAG",
            "0123456789abcdef0123456789abcdef.bin.bak",
            "0123456789ABCDEF0123456789ABCDEF.bin",
            "0123456789abcdef0123456789abcde.bin",
            "0123456789abcdef0123456789abcdef0.bin",
            "0123456789abcdef0123456789abcdef.tmp",
            "0123456789abcdef0123456789abcdef.tmp12a",
            "0123456789abcdef0123456789abcdef.png",
            "0123456789abcdef0123456789abcdef",
        ] {
            assert_eq!(cache_name(name), None, "{name}");
        }
    }
}
