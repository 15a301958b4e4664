//! Build benchmark: `folio build` on generated sites of 1,000 and 10,000
//! articles (one code block each, each block different): a clean build, a
//! second build with nothing changed, and a build after one article is
//! edited (these three with the build cache, as `folio build` runs by
//! default); a build without the cache with 1, 2 and 4 writer threads
//! (`FOLIO_WRITERS`); and the floor, `cp -r` of the sources and of the
//! built public site. Prints medians of wall time and peak memory (max RSS
//! of the folio process).
//!
//!     cargo bench --bench build                        # 1,000 and 10,000 pages, 5 runs each
//!     cargo bench --bench build -- --pages 1000 --runs 7
//!     cargo bench --bench build -- --save benches/RESULTS-build.md
//!     cargo bench --bench build -- --generate /dev/shm/site --pages 10000   # only write the site (for profiling)
//!
//! Sites and outputs go to /dev/shm when it exists (tmpfs), as the peers
//! were measured; set FOLIO_BENCH_DIR to choose another place.

mod common;
mod sitegen;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{Args, SEED, Workspace};

struct Run {
    wall: Duration,
    max_rss_kb: i64,
}

fn main() {
    let args = Args::parse();
    let sizes = args.sizes();
    let runs = args.count("--runs", 1, 5);

    if let Some(dir) = args.value("--generate") {
        for n in &sizes {
            let site = Path::new(&dir).join(n.to_string());
            sitegen::generate(&site, *n, SEED);
            eprintln!("wrote a {n}-page site to {}", site.display());
        }
        return;
    }
    let mut table =
        String::from("| pages | build | median time | median peak memory |\n|---|---|---|---|\n");
    println!("{}", table.trim_end());
    for n in sizes {
        for (what, time, rss) in measure(n, runs) {
            let memory = if rss > 0 {
                format!("{} MB", rss / 1024)
            } else {
                "–".to_string()
            };
            let row = format!("| {n} | {what} | {:.3} s | {memory} |", time.as_secs_f64());
            println!("{row}");
            let _ = writeln!(table, "{row}");
        }
    }
    if let Some(path) = args.value("--save") {
        let text = format!(
            "# Build benchmark\n\n`cargo bench --bench build -- --runs {runs}` on a generated site \
             (one different code block per article), sources and outputs on tmpfs, median of \
             {runs} runs. The first three rows use the build cache (`.folio-cache/`), as \
             `folio build` does by default; the `--no-cache` rows render everything.\n\n{table}"
        );
        std::fs::write(&path, text).expect("write results");
        eprintln!("saved to {path}");
    }
}

/// (label, median wall time, median peak RSS in KB) for each kind of build,
/// and the floor: `cp -r` of the sources and of a built output.
fn measure(n: usize, runs: usize) -> Vec<(String, Duration, i64)> {
    let work = Workspace::new(n);
    let (site, public, private) = (&work.site, &work.public, &work.private);
    let clean = || {
        let _ = std::fs::remove_dir_all(public);
        let _ = std::fs::remove_dir_all(private);
        let _ = std::fs::remove_dir_all(site.join(".folio-cache"));
    };
    let build = |extra: &[&str], writers: usize| folio_build(site, public, private, extra, writers);
    let mut rows = Vec::new();
    let mut row = |label: String, list: &[Run]| {
        rows.push((
            label,
            median(list, |r| r.wall),
            median(list, |r| r.max_rss_kb),
        ));
    };

    let mut cold = Vec::new();
    for _ in 0..runs {
        clean();
        cold.push(build(&[], 1));
    }
    row("clean (no cache yet)".into(), &cold);
    let mut again = Vec::new();
    for _ in 0..runs {
        again.push(build(&[], 1));
    }
    row("nothing changed".into(), &again);
    let mut edited = Vec::new();
    for e in 0..runs {
        sitegen::edit(site, n, SEED, (e * 7919) % n, e);
        edited.push(build(&[], 1));
    }
    row("one article edited".into(), &edited);
    for writers in [1, 2, 4] {
        let mut uncached = Vec::new();
        for _ in 0..runs {
            uncached.push(build(&["--no-cache"], writers));
        }
        row(format!("--no-cache, {writers} writer thread(s)"), &uncached);
    }
    let floor = |from: &Path, label: &str| {
        let mut list = Vec::new();
        for _ in 0..runs {
            let to = work.path().join("copy");
            let _ = std::fs::remove_dir_all(&to);
            let start = Instant::now();
            let status = Command::new("cp").arg("-r").arg(from).arg(&to).status();
            assert!(status.is_ok_and(|s| s.success()), "cp -r failed");
            list.push(Run {
                wall: start.elapsed(),
                max_rss_kb: 0,
            });
        }
        (label.to_string(), median(&list, |r| r.wall), 0)
    };
    rows.push(floor(&site.join("content"), "floor: cp -r of the sources"));
    rows.push(floor(public, "floor: cp -r of the public output"));
    rows
}

/// Runs `folio build` (with `extra` arguments and `writers` writer
/// threads) and measures its wall time and peak memory.
fn folio_build(site: &Path, public: &Path, private: &Path, extra: &[&str], writers: usize) -> Run {
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("build")
        .arg("-q")
        .arg("--root")
        .arg(site)
        .arg("--out")
        .arg(public)
        .arg("--private-out")
        .arg(private)
        .args(extra)
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .env("FOLIO_WRITERS", writers.to_string())
        .spawn()
        .expect("start folio build");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for; both pointers are valid.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    assert_eq!(waited, pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "folio build failed"
    );
    std::mem::forget(child); // already reaped by wait4
    Run {
        wall,
        max_rss_kb: usage.ru_maxrss,
    }
}

fn median<T: Copy + Ord>(runs: &[Run], key: impl Fn(&Run) -> T) -> T {
    let mut values: Vec<T> = runs.iter().map(key).collect();
    values.sort();
    values[values.len() / 2]
}
