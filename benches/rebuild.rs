//! Live-preview benchmark: how long from saving an article to its rebuilt
//! page being on disk, with `folio watch` on generated sites of 1,000 and
//! 10,000 pages (one code block each). Prints median and 95th percentile.
//! `--site peers` edits the site shape the peers were measured on
//! (`peersgen`, as `--bench peers` builds it) instead of folio's own.
//!
//!     cargo bench --bench rebuild                      # 1,000 and 10,000 pages
//!     cargo bench --bench rebuild -- --pages 1000 --edits 50
//!     cargo bench --bench rebuild -- --site peers --pages 1000,10000 --edits 20
//!
//! Sites and outputs go to /dev/shm when it exists (tmpfs), as the peers
//! were measured; set FOLIO_BENCH_DIR to choose another place.

mod common;
mod peersgen;
mod sitegen;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use common::{Args, SEED, Workspace};

fn main() {
    let args = Args::parse();
    let sizes = args.sizes();
    let edits = args.count("--edits", 2, 40);
    let peers = match args.value("--site").as_deref() {
        None | Some("folio") => false,
        Some("peers") => true,
        Some(other) => panic!("--site is `folio` or `peers`, not `{other}`"),
    };

    println!("| pages | edits | median | p95 | max |");
    println!("|---|---|---|---|---|");
    for n in sizes {
        let times = measure(n, edits, peers);
        let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
        println!(
            "| {n} | {edits} | {} | {} | {} |",
            ms(percentile(&times, 50)),
            ms(percentile(&times, 95)),
            ms(percentile(&times, 100))
        );
    }
}

fn measure(n: usize, edits: usize, peers: bool) -> Vec<Duration> {
    let peer_slugs = peers.then(|| peersgen::slugs(n, SEED));
    let work = if peers {
        Workspace::generated(|site| peersgen::generate(site, n, SEED, peersgen::Flavour::Folio))
    } else {
        Workspace::new(n)
    };
    let (site, public, private) = (&work.site, &work.public, &work.private);
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["watch", "--root"])
        .arg(site)
        .arg("--out")
        .arg(public)
        .arg("--private-out")
        .arg(private)
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
        // Where the article's page is written, and the text the edit puts there.
        let (slug, marker) = match &peer_slugs {
            Some(slugs) => (slugs[i].clone(), format!("(edit {e})")),
            None => (
                sitegen::slug(i),
                format!("Edit number {e} of this article."),
            ),
        };
        let page = public.join(format!("articles/{slug}/index.html"));
        let start = Instant::now();
        if peers {
            peersgen::edit(site, n, SEED, i, e);
        } else {
            sitegen::edit(site, n, SEED, i, e);
        }
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
