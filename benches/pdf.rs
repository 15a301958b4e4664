//! `cv.pdf` benchmark: the time to typeset the JSON Resume sample
//! (`tests/fixtures/sites/cv-sample`) with Typst, public and private, as
//! `FOLIO_TIMINGS=1 folio build` reports it (the `typeset cv.pdf` phases;
//! `.folio-cache/` is removed before each run, so every run typesets), and
//! the whole build's wall time; then a build after a page (not the CV)
//! changed, which reuses the cached PDFs. Prints medians.
//!
//!     cargo bench --bench pdf                 # 9 runs
//!     cargo bench --bench pdf -- --runs 21

mod common;
mod sitegen;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::Args;

fn main() {
    let args = Args::parse();
    let runs = args.count("--runs", 1, 9);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites/cv-sample");
    let dir = tempfile::tempdir().expect("tempdir");
    let site = dir.path().join("site");
    copy(&fixture, &site);
    let mut cold = Vec::new();
    let mut warm = Vec::new();
    for run in 0..runs {
        let _ = std::fs::remove_dir_all(site.join(".folio-cache"));
        let note = site.join("content/note.md");
        std::fs::write(&note, format!("---\ntitle: Note\n---\nRun {run}.\n")).expect("write");
        cold.push(build(&site, dir.path()));
        // A page changed, the CV did not: the PDFs come from the cache.
        std::fs::write(&note, format!("---\ntitle: Note\n---\nRun {run}, again.\n"))
            .expect("write");
        warm.push(build(&site, dir.path()));
    }
    let typeset = |runs: &[(Duration, f64)]| {
        let mut ms: Vec<f64> = runs.iter().map(|r| r.1).collect();
        ms.sort_by(f64::total_cmp);
        ms[ms.len() / 2]
    };
    let wall = |runs: &[(Duration, f64)]| {
        let mut w: Vec<Duration> = runs.iter().map(|r| r.0).collect();
        w.sort();
        w[w.len() / 2].as_secs_f64() * 1000.0
    };
    println!("| build of cv-sample | typesetting (public + private) | whole build |");
    println!("|---|---|---|");
    println!(
        "| CV changed (typeset) | {:.1} ms | {:.1} ms |",
        typeset(&cold),
        wall(&cold)
    );
    println!(
        "| CV unchanged (cached PDFs) | {:.1} ms | {:.1} ms |",
        typeset(&warm),
        wall(&warm)
    );
}

/// One `folio build`: its wall time and the sum of its
/// `typeset cv.pdf` phases in ms.
fn build(site: &Path, out: &Path) -> (Duration, f64) {
    let start = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", "-q", "--today", "2024-06-15", "--root"])
        .arg(site)
        .arg("--out")
        .arg(out.join("public"))
        .arg("--private-out")
        .arg(out.join("private"))
        .env("FOLIO_TIMINGS", "1")
        .output()
        .expect("start folio build");
    let wall = start.elapsed();
    assert!(output.status.success(), "folio build failed");
    let typeset = String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|l| l.contains("typeset cv.pdf"))
        .filter_map(|l| l.split_whitespace().rev().nth(4)?.parse::<f64>().ok())
        .sum();
    (wall, typeset)
}

fn copy(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk the fixture");
        let rel = entry.path().strip_prefix(from).expect("inside");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}
