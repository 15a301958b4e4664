//! Side by side with Hugo, and with Zola where one is at hand, on the site
//! shape the peers were measured on (`peersgen`: ~750 words, tags, links, a
//! task list, a table and one code block per article): the same articles
//! are generated for each tool, and each run builds them with folio (with
//! the cache, from clean), folio again with nothing changed, folio
//! `--no-cache` (first in every other run), Hugo and Zola (from clean),
//! alternating tool by tool so a busy machine slows them alike;
//! then `cp -r content`, the floor of a no-change build. Prints medians of
//! wall time and peak memory (max RSS of the process) and the folio/Hugo
//! and folio/Zola ratios.
//!
//!     cargo bench --bench peers                        # 1,000 and 10,000 pages, 5 runs
//!     cargo bench --bench peers -- --pages 1000 --runs 3
//!     cargo bench --bench peers -- --generate /dev/shm/peers --pages 10000   # only write the sites
//!
//! Hugo is Debian's (`scripts/ensure-hugo.sh` installs it when missing);
//! HUGO chooses another binary. Zola has no Debian package and no release
//! on the registries this project installs from, so it is measured only
//! when ZOLA names a binary or `zola` is on PATH (the site is configured as
//! Zola 0.21 and earlier read it: syntect highlighting, as folio's). Sites and outputs go to /dev/shm (tmpfs)
//! when it exists; FOLIO_BENCH_DIR chooses another place. A smoke run
//! (`cargo test --all-targets`, no `--bench`) builds 20 pages once and
//! leaves Hugo out when it is not installed.

mod common;
mod peersgen;
mod sitegen;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Args, SEED};
use peersgen::Flavour;

#[derive(Clone, Copy)]
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
            for (flavour, name) in [
                (Flavour::Folio, "folio"),
                (Flavour::Hugo, "hugo"),
                (Flavour::Zola, "zola"),
            ] {
                let site = Path::new(&dir).join(format!("{n}-{name}"));
                peersgen::generate(&site, *n, SEED, flavour);
                eprintln!("wrote a {n}-page {name} site to {}", site.display());
            }
        }
        return;
    }
    let hugo = find_hugo(args.smoke);
    let zola = find_zola();
    for (peer, arg) in [(&hugo, "version"), (&zola, "--version")] {
        if let Some(Ok(out)) = peer.as_ref().map(|p| Command::new(p).arg(arg).output()) {
            println!("{}", String::from_utf8_lossy(&out.stdout).trim());
        }
    }
    if zola.is_none() {
        println!("Zola: not measured (set ZOLA to its binary, or put `zola` on PATH)");
    }
    println!("| pages | build | median time | median peak memory |\n|---|---|---|---|");
    for n in sizes {
        measure(n, runs, hugo.as_deref(), zola.as_deref());
    }
}

/// Zola's path: ZOLA, else `zola` on PATH.
fn find_zola() -> Option<PathBuf> {
    if let Some(z) = std::env::var_os("ZOLA") {
        return Some(PathBuf::from(z));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("zola"))
        .find(|z| z.is_file())
}

/// Hugo's path: HUGO, else what `scripts/ensure-hugo.sh` finds or
/// installs. A smoke run does not install it.
fn find_hugo(smoke: bool) -> Option<PathBuf> {
    if let Some(h) = std::env::var_os("HUGO") {
        return Some(PathBuf::from(h));
    }
    if smoke {
        let system = Path::new("/usr/bin/hugo");
        return system.exists().then(|| system.to_path_buf());
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/ensure-hugo.sh");
    let out = Command::new(script)
        .stderr(Stdio::inherit())
        .output()
        .expect("run scripts/ensure-hugo.sh");
    assert!(out.status.success(), "scripts/ensure-hugo.sh failed");
    Some(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

fn measure(n: usize, runs: usize, hugo: Option<&Path>, zola: Option<&Path>) {
    let dir = tempfile::Builder::new()
        .prefix("folio-peers-")
        .tempdir_in(common::bench_dir())
        .expect("temp dir");
    let folio_site = dir.path().join("folio");
    let hugo_site = dir.path().join("hugo");
    peersgen::generate(&folio_site, n, SEED, Flavour::Folio);
    peersgen::generate(&hugo_site, n, SEED, Flavour::Hugo);
    let zola_site = dir.path().join("zola");
    if zola.is_some() {
        peersgen::generate(&zola_site, n, SEED, Flavour::Zola);
    }
    let slugs = peersgen::slugs(n, SEED);
    let mut linking = 0;
    for (i, slug) in slugs.iter().enumerate() {
        let text = peersgen::article(&slugs, i, SEED, None);
        if let Err(e) = peersgen::check_shape(&text) {
            panic!("article {slug} is not in the peers' shape: {e}");
        }
        linking += usize::from(peersgen::links_to_an_article(&text));
    }
    assert!(
        linking * 10 >= n * 9,
        "only {linking} of {n} articles link to another article"
    );
    let public = dir.path().join("public");
    let private = dir.path().join("private");
    let hugo_out = dir.path().join("hugo-public");
    let zola_out = dir.path().join("zola-public");
    let remove = |paths: &[&Path]| {
        for p in paths {
            let _ = std::fs::remove_dir_all(p);
        }
    };
    let folio = |extra: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_folio"));
        cmd.arg("build")
            .arg("-q")
            .arg("--root")
            .arg(&folio_site)
            .arg("--out")
            .arg(&public)
            .arg("--private-out")
            .arg(&private)
            .args(extra)
            .env("SOURCE_DATE_EPOCH", "1767225600");
        timed(cmd, "folio build")
    };
    let (mut cached, mut again, mut uncached, mut peer, mut zolas, mut copy) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    for run in 0..runs {
        // Which clean build goes first alternates: the first after Hugo's
        // run was measured slower than the second (up to 10 % at 10,000
        // pages), whichever it was.
        let with_cache = |cached: &mut Vec<Run>, again: &mut Vec<Run>| {
            remove(&[&public, &private, &folio_site.join(".folio-cache")]);
            cached.push(folio(&[]));
            again.push(folio(&[]));
        };
        let without = |uncached: &mut Vec<Run>| {
            remove(&[&public, &private]);
            uncached.push(folio(&["--no-cache"]));
        };
        if run % 2 == 0 {
            with_cache(&mut cached, &mut again);
            without(&mut uncached);
        } else {
            without(&mut uncached);
            with_cache(&mut cached, &mut again);
        }
        if let Some(hugo) = hugo {
            remove(&[&hugo_out, &hugo_site.join("resources")]);
            let mut cmd = Command::new(hugo);
            cmd.arg("--quiet")
                .arg("--source")
                .arg(&hugo_site)
                .arg("--destination")
                .arg(&hugo_out);
            peer.push(timed(cmd, "hugo"));
        }
        if let Some(zola) = zola {
            remove(&[&zola_out]);
            let mut cmd = Command::new(zola);
            cmd.arg("--root")
                .arg(&zola_site)
                .arg("build")
                .arg("--output-dir")
                .arg(&zola_out);
            zolas.push(timed(cmd, "zola"));
        }
        let to = dir.path().join("copy");
        remove(&[&to]);
        let mut cmd = Command::new("cp");
        cmd.arg("-r").arg(folio_site.join("content")).arg(&to);
        copy.push(timed(cmd, "cp -r"));
    }
    // Both tools built the same pages.
    for slug in &slugs {
        let page = format!("articles/{slug}/index.html");
        assert!(public.join(&page).is_file(), "folio did not write {page}");
        if hugo.is_some() {
            assert!(hugo_out.join(&page).is_file(), "Hugo did not write {page}");
        }
        if zola.is_some() {
            assert!(zola_out.join(&page).is_file(), "Zola did not write {page}");
        }
    }
    let rows = [
        ("folio, clean (cache on)", &cached),
        ("folio, clean `--no-cache`", &uncached),
        ("folio, nothing changed", &again),
        ("Hugo, clean", &peer),
        ("Zola, clean", &zolas),
        ("floor: `cp -r content`", &copy),
    ];
    for (label, list) in rows {
        if let Some(run) = median(list) {
            println!(
                "| {n} | {label} | {:.3} s | {} MB |",
                run.wall.as_secs_f64(),
                run.max_rss_kb / 1024
            );
        }
    }
    let ratio = |a: &[Run], b: &[Run]| match (median(a), median(b)) {
        (Some(a), Some(b)) => format!(
            "{:.2}× time, {:.2}× memory",
            a.wall.as_secs_f64() / b.wall.as_secs_f64(),
            a.max_rss_kb as f64 / b.max_rss_kb.max(1) as f64
        ),
        _ => "–".to_string(),
    };
    println!(
        "| {n} | ratio folio (cache) / Hugo | {} | |",
        ratio(&cached, &peer)
    );
    println!(
        "| {n} | ratio folio `--no-cache` / Hugo | {} | |",
        ratio(&uncached, &peer)
    );
    if zola.is_some() {
        println!(
            "| {n} | ratio folio (cache) / Zola | {} | |",
            ratio(&cached, &zolas)
        );
        println!(
            "| {n} | ratio folio `--no-cache` / Zola | {} | |",
            ratio(&uncached, &zolas)
        );
    }
    println!(
        "| {n} | ratio folio cache / `--no-cache` | {} | |",
        ratio(&cached, &uncached)
    );
    if let (Some(a), Some(c)) = (median(&again), median(&copy)) {
        println!(
            "| {n} | ratio nothing changed / `cp -r content` | {:.2}× | |",
            a.wall.as_secs_f64() / c.wall.as_secs_f64()
        );
    }
}

/// Runs `cmd` (output discarded) and measures its wall time and peak RSS.
fn timed(mut cmd: Command, what: &str) -> Run {
    let start = Instant::now();
    let child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("start {what}: {e}"));
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
        "{what} failed"
    );
    std::mem::forget(child); // already reaped by wait4
    Run {
        wall,
        max_rss_kb: usage.ru_maxrss,
    }
}

/// The run with the median wall time, and the median peak memory.
fn median(runs: &[Run]) -> Option<Run> {
    if runs.is_empty() {
        return None;
    }
    let mut walls: Vec<Duration> = runs.iter().map(|r| r.wall).collect();
    let mut rss: Vec<i64> = runs.iter().map(|r| r.max_rss_kb).collect();
    walls.sort();
    rss.sort();
    Some(Run {
        wall: walls[walls.len() / 2],
        max_rss_kb: rss[rss.len() / 2],
    })
}
