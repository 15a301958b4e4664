//! Image benchmark: what responsive images cost a build. A site of 20
//! articles, each showing its own 2400×1600 JPEG, and a CV photo (a
//! 1200×1200 PNG): a build with no image cache (every image decoded,
//! resized to 320, 640 and 1280 px and encoded), a build after one article
//! is edited (every image read back from `.folio-cache/images/`), and, as
//! the baseline, the same site with 300-pixel images (no copies to make).
//! Prints medians of wall time.
//!
//!     cargo bench --bench images
//!     cargo bench --bench images -- --runs 3
//!
//! Under `cargo test --all-targets` (no `--bench`) it is a smoke run: two
//! articles, one run.

use std::io::Cursor;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use image::{ImageFormat, Rgb, RgbImage};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let smoke = !args.iter().any(|a| a == "--bench");
    let articles = if smoke { 2 } else { 20 };
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(if smoke { 1 } else { 5 });
    println!("| site | build | median time |\n|---|---|---|");
    for big in [true, false] {
        let label = if big {
            format!("{articles} × 2400 px JPEG + photo")
        } else {
            "same, 300 px images".to_string()
        };
        let dir = tempfile::tempdir().expect("tempdir");
        generate(dir.path(), big, articles);
        let cache = dir.path().join(".folio-cache");
        let mut cold = Vec::new();
        for _ in 0..runs {
            let _ = std::fs::remove_dir_all(&cache);
            cold.push(build(dir.path()));
        }
        println!(
            "| {label} | clean (no cache) | {:.3} s |",
            median(cold).as_secs_f64()
        );
        let mut edited = Vec::new();
        for r in 0..runs {
            let page = dir.path().join("content/articles/a0.md");
            let text = std::fs::read_to_string(&page).expect("read");
            std::fs::write(&page, format!("{text}\nEdit {r}.\n")).expect("edit");
            edited.push(build(dir.path()));
        }
        println!(
            "| {label} | one article edited | {:.3} s |",
            median(edited).as_secs_f64()
        );
    }
}

fn generate(root: &Path, big: bool, articles: usize) {
    let write = |rel: &str, bytes: &[u8]| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    };
    write(
        "site.toml",
        b"title = \"Bench\"\nbase_url = \"https://bench.example.org/\"\nauthor = \"Ada\"\nlanguage = \"en\"\n",
    );
    let side = |n: u32| if big { n } else { 300 };
    write(
        "content/cv.yaml",
        b"basics:\n  name: Ada Example\n  image: img/ada.png\n",
    );
    write(
        "content/img/ada.png",
        &picture(side(1200), side(1200), 0, ImageFormat::Png),
    );
    for i in 0..articles {
        write(
            &format!("content/articles/a{i}.md"),
            format!(
                "---\ntitle: Article {i}\ndate: 2025-01-{:02}\n---\n\n![Photo {i}](a{i}.jpg)\n",
                i + 1
            )
            .as_bytes(),
        );
        let (w, h) = if big { (2400, 1600) } else { (300, 200) };
        write(
            &format!("content/articles/a{i}.jpg"),
            &picture(w, h, i as u32, ImageFormat::Jpeg),
        );
    }
}

/// A photo-like picture: smooth gradients with noise, different per `seed`.
fn picture(width: u32, height: u32, seed: u32, format: ImageFormat) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| {
        let noise = (x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503) ^ seed) % 24;
        Rgb([
            ((x * 255 / width) + noise) as u8,
            ((y * 255 / height) + noise) as u8,
            ((seed * 37 + noise) % 256) as u8,
        ])
    });
    let mut out = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut out), format)
        .expect("encode");
    out
}

fn build(root: &Path) -> Duration {
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", "-q", "--root"])
        .arg(root)
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .status()
        .expect("run folio");
    assert!(status.success(), "folio build failed");
    start.elapsed()
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}
