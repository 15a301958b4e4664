//! What both benchmarks share: their command line, and a generated site in
//! a fresh folder with its output folders beside it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use crate::sitegen;

/// The seed of every benchmark site.
pub const SEED: u64 = 0x5EED;

/// The benchmark's arguments. `cargo test --all-targets` runs benches too,
/// without `--bench`: that is a smoke run, on a tiny site, so the suite
/// stays fast.
pub struct Args {
    args: Vec<String>,
    pub smoke: bool,
}

impl Args {
    pub fn parse() -> Args {
        let args: Vec<String> = std::env::args().collect();
        let smoke = !args.iter().any(|a| a == "--bench");
        Args { args, smoke }
    }

    /// The value after `flag`.
    pub fn value(&self, flag: &str) -> Option<String> {
        self.args
            .iter()
            .position(|a| a == flag)
            .and_then(|i| self.args.get(i + 1))
            .cloned()
    }

    /// `--pages 1000,10000`; by default 20 for a smoke run, else 1,000 and
    /// 10,000.
    pub fn sizes(&self) -> Vec<usize> {
        self.value("--pages")
            .map(|s| s.split(',').filter_map(|n| n.parse().ok()).collect())
            .unwrap_or_else(|| {
                if self.smoke {
                    vec![20]
                } else {
                    vec![1000, 10000]
                }
            })
    }

    /// The number after `flag`, else `smoke` or `full` by the kind of run.
    pub fn count(&self, flag: &str, smoke: usize, full: usize) -> usize {
        self.value(flag)
            .and_then(|s| s.parse().ok())
            .unwrap_or(if self.smoke { smoke } else { full })
    }
}

/// A generated `n`-page site in a fresh folder (removed on drop), on tmpfs
/// (/dev/shm) when there is one, as the peers were measured; FOLIO_BENCH_DIR
/// chooses another place.
pub struct Workspace {
    dir: tempfile::TempDir,
    pub site: PathBuf,
    pub public: PathBuf,
    pub private: PathBuf,
}

impl Workspace {
    pub fn new(n: usize) -> Workspace {
        Workspace::generated(|site| sitegen::generate(site, n, SEED))
    }

    /// A workspace whose site `generate` writes (into a folder it creates).
    pub fn generated(generate: impl FnOnce(&Path)) -> Workspace {
        let dir = tempfile::Builder::new()
            .prefix("folio-bench-")
            .tempdir_in(bench_dir())
            .expect("temp dir");
        let site = dir.path().join("site");
        generate(&site);
        Workspace {
            public: dir.path().join("public"),
            private: dir.path().join("private"),
            site,
            dir,
        }
    }

    /// The folder holding the site and its outputs.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

pub fn bench_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("FOLIO_BENCH_DIR") {
        return PathBuf::from(dir);
    }
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    }
}
