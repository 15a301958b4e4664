use std::time::{Duration, Instant};

use image::{ImageFormat, Rgb, RgbImage};

use super::*;

/// A `width`×`height` PNG or JPEG with some detail in it.
pub(crate) fn picture(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| {
        Rgb([
            (x * 7 % 256) as u8,
            (y * 5 % 256) as u8,
            ((x ^ y) % 256) as u8,
        ])
    });
    let mut out = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut out), format)
        .expect("encode test picture");
    out
}

fn size_of(bytes: &[u8]) -> (u32, u32) {
    let image = image::load_from_memory(bytes).expect("a copy decodes");
    (image.width(), image.height())
}

#[test]
fn copies_are_made_at_each_width_narrower_than_the_source_and_never_wider() {
    let d = derive(&picture(1000, 500, ImageFormat::Png), ImageFormat::Png).expect("derives");
    assert_eq!((d.width, d.height), (1000, 500));
    let widths: Vec<(u32, u32)> = d.copies.iter().map(|c| (c.width, c.height)).collect();
    assert_eq!(widths, [(320, 160), (640, 320)]);
    for c in &d.copies {
        assert_eq!(size_of(&c.bytes), (c.width, c.height));
        assert!(c.bytes.starts_with(b"\x89PNG"), "a PNG gives PNG copies");
    }
}

#[test]
fn a_jpeg_gives_jpeg_copies_and_a_small_source_none() {
    let d = derive(&picture(700, 300, ImageFormat::Jpeg), ImageFormat::Jpeg).expect("derives");
    assert_eq!(d.copies.len(), 2);
    assert!(d.copies.iter().all(|c| c.bytes.starts_with(&[0xFF, 0xD8])));
    let small = derive(&picture(320, 200, ImageFormat::Jpeg), ImageFormat::Jpeg).expect("derives");
    assert_eq!(
        (small.width, small.height, small.copies.len()),
        (320, 200, 0)
    );
}

#[test]
fn the_same_source_gives_the_same_bytes() {
    let source = picture(1400, 900, ImageFormat::Jpeg);
    assert_eq!(
        derive(&source, ImageFormat::Jpeg),
        derive(&source, ImageFormat::Jpeg)
    );
}

#[test]
fn a_truncated_file_or_one_that_is_no_image_is_unreadable_not_a_panic() {
    let whole = picture(800, 600, ImageFormat::Png);
    let cut = &whole[..whole.len() / 2];
    assert!(matches!(
        derive(cut, ImageFormat::Png),
        Err(Problem::Unreadable(_))
    ));
    let jpeg = picture(800, 600, ImageFormat::Jpeg);
    assert!(matches!(
        derive(&jpeg[..jpeg.len() / 3], ImageFormat::Jpeg),
        Err(Problem::Unreadable(_)) | Ok(_)
    ));
    assert!(matches!(
        derive(b"not an image at all", ImageFormat::Jpeg),
        Err(Problem::Unreadable(_))
    ));
}

/// A PNG whose header claims `width`×`height` pixels, with a tiny body: a
/// decompression bomb's shape.
fn claimed_png(width: u32, height: u32) -> Vec<u8> {
    let mut png = picture(8, 8, ImageFormat::Png);
    // IHDR data starts after the 8-byte signature, length and type.
    png[16..20].copy_from_slice(&width.to_be_bytes());
    png[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
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
fn an_enormous_image_is_refused_quickly_with_its_size() {
    for (w, h) in [(100_000, 100_000), (10_000, 10_000)] {
        let start = Instant::now();
        let got = derive(&claimed_png(w, h), ImageFormat::Png);
        assert!(
            matches!(got, Err(Problem::TooLarge { width, height, .. }) if (width, height) == (w, h)),
            "{w}×{h}: {got:?}"
        );
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "{w}×{h} took {:?}",
            start.elapsed()
        );
    }
}
