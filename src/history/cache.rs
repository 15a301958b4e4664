//! What history read, kept in `.folio-cache/history.json`: the HEAD commit
//! it was read at, the files it was read for, the task statuses it read
//! them with, and what each file's commits say up to that HEAD. A build at
//! the same HEAD reads no commit; a build at a later HEAD goes on from it.
//! A cache written by another version of this format, for other files or
//! with other task statuses is not used.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use super::Committed;
use crate::config::tasks::TaskStatuses;

const FILE: &str = "history.json";
/// Bumped when what the cache holds, or how tasks are followed, changes.
const FORMAT: u32 = 2;

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Cache {
    #[serde(default)]
    format: u32,
    #[serde(default)]
    statuses: u64,
    pub head: String,
    paths: Vec<String>,
    pub files: Vec<Committed>,
}

fn file(root: &Path) -> PathBuf {
    root.join(crate::config::CACHE_DIR).join(FILE)
}

fn fingerprint(statuses: &TaskStatuses) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    statuses.hash(&mut h);
    h.finish()
}

/// The cache of the site at `root`, when it was read for `paths` with
/// `statuses`.
pub fn read(root: &Path, paths: &[String], statuses: &TaskStatuses) -> Option<Cache> {
    let bytes = std::fs::read(file(root)).ok()?;
    serde_json::from_slice::<Cache>(&bytes).ok().filter(|c| {
        c.format == FORMAT
            && c.statuses == fingerprint(statuses)
            && c.paths == paths
            && c.files.len() == paths.len()
    })
}

/// Keeps what was read at `head`. The cache is an optimisation: a failed
/// write only costs time.
pub fn write(
    root: &Path,
    head: &str,
    paths: &[String],
    statuses: &TaskStatuses,
    files: &[Committed],
) {
    let cache = Cache {
        format: FORMAT,
        statuses: fingerprint(statuses),
        head: head.to_owned(),
        paths: paths.to_vec(),
        files: files.to_vec(),
    };
    let file = file(root);
    if let Ok(bytes) = serde_json::to_vec(&cache)
        && file
            .parent()
            .is_some_and(|d| std::fs::create_dir_all(d).is_ok())
    {
        let _ = std::fs::write(&file, bytes);
    }
}
