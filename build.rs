//! Build script: rebuild folio when a file of the embedded default theme is
//! added, removed or changed (`include_dir!` alone does not tell cargo about
//! new files), and stamp the binary with a hash of its own sources
//! (`FOLIO_BUILD_ID`), so a persisted build cache made by another build of
//! folio is never reused.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let mut hasher = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    for dir in ["src", "themes/default"] {
        hash_tree(Path::new(dir), &mut hasher);
    }
    if let Ok(lock) = std::fs::read("Cargo.lock") {
        lock.hash(&mut hasher);
    }
    println!("cargo:rustc-env=FOLIO_BUILD_ID={:016x}", hasher.finish());
}

/// Hashes every file's path and bytes under `dir`, in sorted order.
fn hash_tree(dir: &Path, hasher: &mut DefaultHasher) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            hash_tree(&path, hasher);
        } else if let Ok(bytes) = std::fs::read(&path) {
            path.to_string_lossy().hash(hasher);
            bytes.hash(hasher);
        }
    }
}
