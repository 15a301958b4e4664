//! Responsive images (issue 18): the CV photo, project images and article
//! images get resized copies, `srcset`/`sizes` and `width`/`height`; the
//! copies are cached by content hash (a rebuild does not decode an
//! unchanged image), are the same bytes on every build, and follow the
//! visibility of their source; a bad image is a warning, never a panic.

mod support;

use std::io::Cursor;
use std::time::{Duration, Instant};

use bincode::Options as _;
use image::{ImageFormat, Rgb, RgbImage};
use support::{Site, read_tree};

/// A `width`×`height` picture with some detail in it.
fn picture(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| {
        Rgb([
            (x * 3 % 256) as u8,
            (y * 2 % 256) as u8,
            ((x + y) % 256) as u8,
        ])
    });
    let mut out = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut out), format)
        .expect("encode");
    out
}

fn width_of(bytes: &[u8]) -> u32 {
    image::load_from_memory(bytes).expect("decodes").width()
}

/// The `identity` fixture with a 900-pixel photo, a 1000-pixel public
/// project image, a 1000-pixel private one and an article showing a
/// 1400×700 JPEG.
fn site() -> Site {
    let site = Site::copy("identity");
    site.write_bytes(
        "content/images/ada.png",
        &picture(900, 900, ImageFormat::Png),
    );
    site.write_bytes(
        "content/images/platform.png",
        &picture(1000, 560, ImageFormat::Png),
    );
    site.write_bytes(
        "content/images/secret.png",
        &picture(1000, 560, ImageFormat::Png),
    );
    site.write_bytes(
        "content/articles/chart.jpg",
        &picture(1400, 700, ImageFormat::Jpeg),
    );
    site.write(
        "content/articles/with-chart.md",
        "---\ntitle: With a chart\ndate: 2025-03-01\n---\n\nThe numbers:\n\n![Growth chart](chart.jpg)\n",
    );
    site
}

#[test]
fn photo_projects_and_article_images_get_copies_srcset_sizes_and_their_size() {
    let site = site();
    site.build(&[]).assert_ok();
    let article = site.read_public("articles/with-chart/index.html");
    assert!(
        article.contains(
            "srcset=\"../chart-320w.jpg 320w, ../chart-640w.jpg 640w, ../chart-1280w.jpg 1280w, ../chart.jpg 1400w\" \
             sizes=\"(max-width: 704px) 100vw, 704px\" width=\"1400\" height=\"700\""
        ),
        "{article}"
    );
    for (copy, w) in [
        ("articles/chart-320w.jpg", 320),
        ("articles/chart-1280w.jpg", 1280),
    ] {
        let bytes = std::fs::read(site.public(copy)).expect(copy);
        assert_eq!(width_of(&bytes), w, "{copy}");
    }
    assert!(
        !site.public("articles/chart-1400w.jpg").exists(),
        "never a copy as wide as the source"
    );

    let home = site.read_public("index.html");
    assert!(
        home.contains("src=\"./images/ada.png\" srcset=\"./images/ada-320w.png 320w, ./images/ada-640w.png 640w, ./images/ada.png 900w\" sizes=\"(max-width: 160px) 100vw, 160px\""),
        "{home}"
    );
    assert!(
        home.contains("src=\"./images/platform.png\" srcset=\"./images/platform-320w.png 320w")
    );
    let cv = site.read_public("cv/index.html");
    assert!(cv.contains("srcset=\"../images/ada-320w.png 320w"), "{cv}");
    assert!(site.public("images/platform-640w.png").exists());
}

#[test]
fn derived_images_of_private_sources_stay_out_of_public() {
    let site = site();
    // The photo private too.
    let cv = std::fs::read_to_string(site.path("content/cv.yaml")).unwrap();
    site.write(
        "content/cv.yaml",
        &cv.replacen("basics:\n", "basics:\n  visibility: {image: private}\n", 1),
    );
    site.build(&[]).assert_ok();
    let public = read_tree(&site.public_dir());
    for name in public.keys() {
        assert!(
            !name.contains("secret") && !name.contains("ada"),
            "public/{name} is derived from a private image"
        );
    }
    for (name, bytes) in &public {
        for needle in ["secret-320w", "ada-320w", "ada-640w"] {
            assert!(
                !String::from_utf8_lossy(bytes).contains(needle),
                "public/{name} names {needle}"
            );
        }
    }
    assert!(site.private("images/secret-320w.png").exists());
    assert!(site.private("images/ada-640w.png").exists());
    assert!(
        site.read_private("index.html")
            .contains("images/secret-640w.png 640w")
    );
}

#[test]
fn an_unchanged_image_is_not_decoded_again_on_the_next_build() {
    let site = site();
    site.build(&[]).assert_ok();
    // Every cached copy of the chart is replaced by other bytes: if the
    // next build decoded the chart again, it would write the real copies.
    let cache = site.path(".folio-cache/images");
    let mut replaced = 0;
    for entry in std::fs::read_dir(&cache).expect("the image cache exists") {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let Ok(mut derived) =
            bincode::DefaultOptions::new().deserialize::<folio::images::Derived>(&bytes)
        else {
            continue;
        };
        if derived.width == 1400 {
            derived.copies[0].bytes = b"from the cache".to_vec();
            std::fs::write(
                &path,
                bincode::DefaultOptions::new().serialize(&derived).unwrap(),
            )
            .unwrap();
            replaced += 1;
        }
    }
    assert_eq!(replaced, 1, "the chart is cached once, by its content");
    // Another page changes, so the build is not a nothing-changed one.
    site.write(
        "content/articles/another.md",
        "---\ntitle: Another\ndate: 2025-04-01\n---\n\nHi.\n",
    );
    site.build(&[]).assert_ok();
    assert_eq!(
        std::fs::read(site.public("articles/chart-320w.jpg")).unwrap(),
        b"from the cache"
    );
    // A changed image is made again.
    change_the_chart(&site);
    site.build(&[]).assert_ok();
    assert_eq!(
        width_of(&std::fs::read(site.public("articles/chart-320w.jpg")).unwrap()),
        320
    );
}

#[test]
fn two_clean_builds_write_the_same_image_bytes() {
    let (a, b) = (site(), site());
    a.build(&["--no-cache"]).assert_ok();
    b.build(&["--no-cache"]).assert_ok();
    let (a, b) = (read_tree(&a.public_dir()), read_tree(&b.public_dir()));
    let copies: Vec<&String> = a.keys().filter(|k| k.contains("-320w.")).collect();
    assert!(copies.len() >= 3, "{copies:?}");
    for name in copies {
        assert_eq!(a.get(name), b.get(name), "{name} differs between builds");
    }
}

#[test]
fn bad_images_are_warnings_naming_the_file_and_what_to_do() {
    let site = site();
    let jpeg = picture(900, 600, ImageFormat::Jpeg);
    site.write_bytes("content/articles/cut.jpg", &jpeg[..40]);
    site.write_bytes(
        "content/articles/notes.png",
        b"just some text, not a picture",
    );
    // A PNG whose header claims 60000×60000 pixels: a decompression bomb.
    let mut bomb = picture(8, 8, ImageFormat::Png);
    bomb[16..24].copy_from_slice(&[0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60]);
    let crc = crc32(&bomb[12..29]);
    bomb[29..33].copy_from_slice(&crc.to_be_bytes());
    site.write_bytes("content/articles/bomb.png", &bomb);
    site.write(
        "content/articles/bad.md",
        "---\ntitle: Bad pictures\ndate: 2025-03-02\n---\n\n![a](cut.jpg) ![b](notes.png) ![c](bomb.png)\n",
    );
    let start = Instant::now();
    let out = site.build(&[]);
    assert!(start.elapsed() < Duration::from_secs(60));
    out.assert_ok();
    let all = format!("{}{}", out.stdout, out.stderr);
    for file in ["cut.jpg", "notes.png"] {
        assert!(
            all.contains(&format!("content/articles/{file}"))
                && all.contains("export it again as JPEG or PNG"),
            "{file}: {all}"
        );
    }
    assert!(all.contains("content/articles/bomb.png"), "{all}");
    assert!(all.contains("60000×60000 pixels"), "{all}");
    assert!(all.contains("export a smaller copy"), "{all}");
    assert!(!all.contains("panicked"), "{all}");
    let page = site.read_public("articles/bad/index.html");
    assert!(page.contains("<img src=\"../cut.jpg\" alt=\"a\""), "{page}");
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn a_copy_name_that_is_already_a_file_keeps_the_file_and_leaves_that_width_out() {
    let site = site();
    // The author's own 320-pixel picture, under the name folio's copy would take.
    let own = picture(320, 100, ImageFormat::Jpeg);
    site.write_bytes("content/articles/chart-320w.jpg", &own);
    site.write(
        "content/articles/small.md",
        "---\ntitle: Small\ndate: 2025-03-02\n---\n\n![Mine](chart-320w.jpg)\n",
    );
    let out = site.build(&[]);
    out.assert_ok();
    assert_eq!(
        std::fs::read(site.public("articles/chart-320w.jpg")).unwrap(),
        own
    );
    let article = site.read_public("articles/with-chart/index.html");
    assert!(
        article.contains(
            "srcset=\"../chart-640w.jpg 640w, ../chart-1280w.jpg 1280w, ../chart.jpg 1400w\""
        ),
        "{article}"
    );
    assert!(
        out.stderr.contains("content/articles/chart.jpg: warning: a resized copy of this image would be written at articles/chart-320w.jpg"),
        "{}",
        out.stderr
    );
}

/// The names of the image copies in the cache folder.
fn cached_copies(site: &Site) -> std::collections::BTreeSet<String> {
    std::fs::read_dir(site.path(".folio-cache/images"))
        .expect("the image cache exists")
        .map(|e| e.unwrap().path())
        .filter(|path| path.is_file())
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".bin"))
        .collect()
}

/// The article's chart replaced by a smaller one.
fn change_the_chart(site: &Site) {
    site.write_bytes(
        "content/articles/chart.jpg",
        &picture(1300, 650, ImageFormat::Jpeg),
    );
}

/// A name the image cache could give a copy, for a key no image has.
const UNUSED_COPY: &str = "00000000000000000000000000000000.bin";

#[test]
fn the_image_cache_keeps_the_copies_of_the_images_the_site_shows_and_no_others() {
    let site = site();
    site.build(&[]).assert_ok();
    let first = cached_copies(&site);
    assert_eq!(
        first.len(),
        4,
        "photo, two project images, chart: {first:?}"
    );
    // What is not the store's stays; an unused copy stays through a build
    // with nothing changed (it asks for no image).
    let cache = site.path(".folio-cache/images");
    std::fs::write(cache.join(UNUSED_COPY), b"old").unwrap();
    std::fs::write(cache.join("notes.txt"), b"mine").unwrap();
    std::fs::create_dir(cache.join("11111111111111111111111111111111.bin")).unwrap();
    std::fs::write(cache.join("22222222222222222222222222222222.tmp77"), b"cut").unwrap();
    let kept = site.build(&[]);
    kept.assert_ok();
    assert!(kept.said_unchanged(), "{}", kept.stdout);
    assert!(
        cache.join(UNUSED_COPY).exists(),
        "pruned by a build that asked for no image"
    );

    // The chart changes: its old copies go, its new ones come.
    change_the_chart(&site);
    site.build(&[]).assert_ok();
    let second = cached_copies(&site);
    assert_eq!(second.len(), 4, "{second:?}");
    assert_eq!(first.difference(&second).count(), 1, "the old chart went");
    assert!(!cache.join(UNUSED_COPY).exists(), "an unused copy stayed");
    assert!(
        !cache
            .join("22222222222222222222222222222222.tmp77")
            .exists(),
        "an unfinished write stayed"
    );
    assert_eq!(std::fs::read(cache.join("notes.txt")).unwrap(), b"mine");
    assert!(cache.join("11111111111111111111111111111111.bin").is_dir());

    // The article and its chart go: so do the chart's copies.
    std::fs::remove_file(site.path("content/articles/with-chart.md")).unwrap();
    std::fs::remove_file(site.path("content/articles/chart.jpg")).unwrap();
    site.build(&[]).assert_ok();
    let third = cached_copies(&site);
    assert_eq!(third.len(), 3, "{third:?}");
    assert!(third.is_subset(&second));
}

#[test]
fn a_build_that_fails_leaves_the_image_cache_as_it_was() {
    let site = site();
    site.build(&[]).assert_ok();
    let before = cached_copies(&site);
    change_the_chart(&site);
    site.write(
        "content/articles/broken.md",
        "---\ntitle: Broken\ndate: 2025-05-01\n---\n\nSee [this](missing.md).\n",
    );
    site.build(&[]).assert_code(1);
    let after = cached_copies(&site);
    assert!(before.is_subset(&after), "{before:?} -> {after:?}");
}

/// The `identity` site with images, its private site encrypted.
#[test]
fn an_encrypted_build_keeps_the_copies_of_the_images_it_shows() {
    let site = site();
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        &format!("{toml}\n[private]\nencrypt = true\npassphrase_env = \"FOLIO_TEST_PASSPHRASE\"\n"),
    );
    let build = || {
        let mut cmd = site.build_command(&[]);
        cmd.env("FOLIO_TEST_PASSPHRASE", "correct horse battery staple");
        support::output_of(&mut cmd)
    };
    build().assert_ok();
    let first = cached_copies(&site);
    assert_eq!(first.len(), 4, "{first:?}");
    change_the_chart(&site);
    build().assert_ok();
    let second = cached_copies(&site);
    assert_eq!(second.len(), 4, "{second:?}");
    assert_eq!(first.difference(&second).count(), 1, "the old chart went");
}

/// Neither `.folio-cache/images` nor `.folio-cache` itself may lead the
/// pruning out of the site: a symlink in either place is left alone.
#[cfg(unix)]
#[test]
fn an_image_cache_reached_through_a_symlink_is_not_pruned() {
    for link in [".folio-cache/images", ".folio-cache"] {
        let site = site();
        let elsewhere = tempfile::tempdir().unwrap();
        let images = if link == ".folio-cache" {
            elsewhere.path().join("images")
        } else {
            elsewhere.path().to_path_buf()
        };
        std::fs::create_dir_all(&images).unwrap();
        std::fs::write(images.join(UNUSED_COPY), b"not folio's").unwrap();
        if link == ".folio-cache/images" {
            std::fs::create_dir_all(site.path(".folio-cache")).unwrap();
        }
        std::os::unix::fs::symlink(elsewhere.path(), site.path(link)).unwrap();
        site.build(&[]).assert_ok();
        assert_eq!(
            std::fs::read(images.join(UNUSED_COPY)).unwrap(),
            b"not folio's",
            "pruned through {link}"
        );
    }
}
