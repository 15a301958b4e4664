//! One source image to its smaller copies: decoded within limits (so a
//! truncated file, a file that is not an image, or a decompression bomb is
//! a typed error, never a panic or a long hang), turned upright by its EXIF
//! orientation, resized to each width of [`WIDTHS`] narrower than itself
//! (never wider), and encoded in its own format (JPEG at [`JPEG_QUALITY`],
//! PNG lossless). The same bytes in give the same bytes out. No WebP: the
//! `image` crate encodes it lossless only, five to six times the size of
//! JPEG q82 for a photo (1280 px: 526 kB against 95 kB).

use std::io::Cursor;

use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use serde::{Deserialize, Serialize};

/// The widths, in pixels, a source is resized to when it is wider.
pub const WIDTHS: &[u32] = &[320, 640, 1280];

/// JPEG quality of the resized copies of a JPEG.
pub const JPEG_QUALITY: u8 = 82;

/// Neither side may be longer than this many pixels.
pub const MAX_SIDE: u32 = 16_384;

/// No source may have more pixels than this (a 40-megapixel photo).
pub const MAX_PIXELS: u64 = 40_000_000;

/// What a source gives: its size (upright) and its smaller copies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Derived {
    pub width: u32,
    pub height: u32,
    /// Narrowest first; none when the source is no wider than [`WIDTHS`]'s first.
    pub copies: Vec<Copy>,
}

/// One resized copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Copy {
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// Why a source gives no copies.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum Problem {
    #[error("is not an image folio can read ({0})")]
    Unreadable(String),
    #[error("is {width}×{height} pixels, more than folio resizes ({limit})")]
    TooLarge {
        width: u32,
        height: u32,
        limit: String,
    },
}

impl Problem {
    /// What the author can do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            Problem::Unreadable(_) => {
                "open it in an image editor and export it again as JPEG or PNG, or remove the reference to it"
            }
            Problem::TooLarge { .. } => {
                "export a smaller copy (2560 pixels wide is plenty for a web page) and use that instead"
            }
        }
    }
}

/// The formats folio resizes, by file extension (lowercase).
pub fn format_of(path: &str) -> Option<ImageFormat> {
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" => Some(ImageFormat::Jpeg),
        "png" => Some(ImageFormat::Png),
        _ => None,
    }
}

/// Decodes `bytes` (a file named as `format`) and makes its copies.
pub fn derive(bytes: &[u8], format: ImageFormat) -> Result<Derived, Problem> {
    let image = decode(bytes, format)?;
    let (width, height) = (image.width(), image.height());
    let mut copies = Vec::new();
    let mut previous: Option<DynamicImage> = None;
    // Widest first, each from the one before: cheaper than each from the
    // source, and as sharp at these ratios.
    for &w in WIDTHS.iter().rev().filter(|&&w| w < width) {
        let h = scaled_height(width, height, w);
        let copy = previous
            .as_ref()
            .unwrap_or(&image)
            .resize_exact(w, h, FilterType::Lanczos3);
        copies.push(Copy {
            width: w,
            height: h,
            bytes: encode(&copy, format)?,
        });
        previous = Some(copy);
    }
    copies.reverse();
    Ok(Derived {
        width,
        height,
        copies,
    })
}

/// The height of a `w`-wide copy of a `width`×`height` image, rounded, at
/// least one pixel.
fn scaled_height(width: u32, height: u32, w: u32) -> u32 {
    let h = (u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(h).unwrap_or(u32::MAX).max(1)
}

fn unreadable(e: impl std::fmt::Display) -> Problem {
    Problem::Unreadable(e.to_string())
}

/// The image, upright, within the limits.
fn decode(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, Problem> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(unreadable)?;
    if reader.format().is_none() {
        reader.set_format(format);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 8);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| too_large_or(e, bytes))?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Problem::TooLarge {
            width,
            height,
            limit: format!("{} megapixels", MAX_PIXELS / 1_000_000),
        });
    }
    let orientation = decoder.orientation().map_err(unreadable)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| too_large_or(e, bytes))?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// A limit error as [`Problem::TooLarge`] (with the size when the header
/// gives it), anything else as unreadable.
fn too_large_or(e: image::ImageError, bytes: &[u8]) -> Problem {
    if !matches!(e, image::ImageError::Limits(_)) {
        return unreadable(e);
    }
    let (width, height) = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()
        .and_then(|r| {
            let mut r = r;
            r.no_limits();
            r.into_dimensions().ok()
        })
        .unwrap_or((0, 0));
    Problem::TooLarge {
        width,
        height,
        limit: format!("{MAX_SIDE} pixels a side"),
    }
}

fn encode(image: &DynamicImage, format: ImageFormat) -> Result<Vec<u8>, Problem> {
    let mut out = Vec::new();
    match format {
        ImageFormat::Jpeg => {
            let rgb = image.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
                .encode_image(&rgb)
                .map_err(unreadable)?;
        }
        _ => {
            let image = if image.color().has_alpha() {
                DynamicImage::ImageRgba8(image.to_rgba8())
            } else {
                DynamicImage::ImageRgb8(image.to_rgb8())
            };
            image
                .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
                .map_err(unreadable)?;
        }
    }
    Ok(out)
}

#[cfg(test)]
#[path = "derive_tests.rs"]
pub(crate) mod tests;
