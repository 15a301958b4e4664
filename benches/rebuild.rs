//! Live-preview benchmark: how long from saving an article to its rebuilt
//! page being on disk, with `folio watch` on generated sites of 1,000 and
//! 10,000 pages (one code block each). Prints median and 95th percentile.
//!
//!     cargo bench --bench rebuild                      # 1,000 and 10,000 pages
//!     cargo bench --bench rebuild -- --pages 1000 --edits 50
//!
//! Sites and outputs go to /dev/shm when it exists (tmpfs), as the peers
//! were measured; set FOLIO_BENCH_DIR to choose another place.

mod sitegen;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

const SEED: u64 = 0x5EED;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // `cargo test --all-targets` runs benches too, without `--bench`: then
    // only a quick smoke run on a tiny site, so the suite stays fast.
    let smoke = !args.iter().any(|a| a == "--bench");
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let sizes: Vec<usize> = value("--pages")
        .map(|s| s.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_else(|| if smoke { vec![20] } else { vec![1000, 10000] });
    let edits: usize = value("--edits")
        .and_then(|s| s.parse().ok())
        .unwrap_or(if smoke { 2 } else { 40 });

    println!("| pages | edits | median | p95 | max |");
    println!("|---|---|---|---|---|");
    for n in sizes {
        let times = measure(n, edits);
        let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
        println!(
            "| {n} | {edits} | {} | {} | {} |",
            ms(percentile(&times, 50)),
            ms(percentile(&times, 95)),
            ms(percentile(&times, 100))
        );
    }
}

fn bench_dir() -> PathBuf {
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

fn measure(n: usize, edits: usize) -> Vec<Duration> {
    let tmp = tempfile::Builder::new()
        .prefix("folio-bench-")
        .tempdir_in(bench_dir())
        .expect("temp dir");
    let site = tmp.path().join("site");
    sitegen::generate(&site, n, SEED);
    let public = tmp.path().join("public");
    let private = tmp.path().join("private");
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["watch", "--root"])
        .arg(&site)
        .arg("--out")
        .arg(&public)
        .arg("--private-out")
        .arg(&private)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(if std::env::var_os("FOLIO_TIMINGS").is_some() {
            Stdio::inherit()
        } else {
            Stdio::null()
        })
        .spawn()
        .expect("start folio watch");
    let (tx, rx) = channel();
    let stdout = child.stdout.take().expect("stdout");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let wait_line = |what: &str| loop {
        match rx.recv_timeout(Duration::from_secs(600)) {
            Ok(line) if line.contains(what) => return line,
            Ok(_) => {}
            Err(_) => panic!("folio watch did not print `{what}`"),
        }
    };
    let startup = wait_line("rebuilt (startup)");
    eprintln!("{n} pages: {startup}");

    let mut rng = sitegen::Rng::new(SEED ^ 0xED17);
    let mut times = Vec::with_capacity(edits);
    for e in 0..edits {
        let i = rng.below(n);
        let page = public.join(format!("articles/{}/index.html", sitegen::slug(i)));
        let marker = format!("Edit number {e} of this article.");
        let start = Instant::now();
        sitegen::edit(&site, n, SEED, i, e);
        loop {
            if std::fs::read_to_string(&page).is_ok_and(|t| t.contains(&marker)) {
                break;
            }
            if start.elapsed() > Duration::from_secs(60) {
                panic!("edit {e} never reached {}", page.display());
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        times.push(start.elapsed());
        // Let the loop finish (it writes the lists and feeds too) before the next edit.
        wait_line("rebuilt (content/articles/");
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    times
}

fn percentile(times: &[Duration], p: usize) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    let idx = ((sorted.len() * p).div_ceil(100)).clamp(1, sorted.len()) - 1;
    sorted[idx]
}
