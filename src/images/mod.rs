//! Responsive images: a step on one audience's rendered site. Every
//! `<img>` of its pages whose `src` is a JPEG or PNG file of that same site
//! gets smaller copies of the file beside it (`photo-320w.jpg`, …; see
//! [`derive`]), a `srcset` and `sizes` naming them, and `width`/`height`
//! (the file's own size, unless the page gave a size) so nothing shifts as
//! it loads. An `<img>` that already has a `srcset` is left as it is.
//!
//! Visibility needs no rule here: only files already in the audience's
//! outputs get copies, and `content::view` decided which those are.
//! A file that does not decode, or is too large to, is a warning naming it
//! and what to do; its page keeps the plain `<img>`. Copies come from the
//! [`store`], so an unchanged image is decoded once.

pub mod derive;
pub mod store;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::audience::Audience;
use crate::cache::Cache;
use crate::diagnostic::Diagnostic;
use crate::html::{resolve, start_tags};
use crate::output::Outputs;
pub use derive::Derived;
pub use store::Store;

/// The widest an image without a `width` is shown, in CSS pixels: the
/// default theme's reading column (`--measure: 44rem`).
const COLUMN: u32 = 704;

/// One `<img>` to rewrite: where in its page, and what it shows.
struct Img {
    /// The byte offset after the `src` attribute's value (and quote).
    after_src: usize,
    /// The `src` as written (still HTML-escaped).
    src: String,
    /// The site path it points to.
    target: String,
    /// The page's own `width`, if it gave both `width` and `height`.
    width: Option<u32>,
    /// Whether the page gave a `width` or `height` at all.
    sized: bool,
    has_sizes: bool,
}

/// Makes the images of `out`'s pages responsive (see the module
/// documentation); returns the warnings for files that could not be read.
pub fn responsive(out: &mut Outputs, store: &Store) -> Vec<Diagnostic> {
    responsive_cached(out, store, &Cache::<()>::disabled(), Audience::Public)
}

/// [`responsive`] in a rebuild: a page `cache` knows to have no `<img` tag
/// in these very bytes (reused unchanged from the last render) is not
/// searched again, and the pages found without one now are remembered.
pub fn responsive_cached<F: Clone>(
    out: &mut Outputs,
    store: &Store,
    cache: &Cache<F>,
    audience: Audience,
) -> Vec<Diagnostic> {
    let mut without_img = cache.without_img(audience);
    let remember = cache.enabled();
    let mut pages: Vec<(String, Vec<Img>)> = Vec::new();
    let mut html_pages = 0;
    for (path, bytes) in out.iter_shared().filter(|(p, _)| p.ends_with(".html")) {
        html_pages += 1;
        if without_img.get(path).is_some_and(|b| Arc::ptr_eq(b, bytes)) {
            continue;
        }
        if !may_have_img(bytes) {
            if remember {
                without_img.insert(path.to_string(), Arc::clone(bytes));
            }
            continue;
        }
        without_img.remove(path);
        let Ok(html) = std::str::from_utf8(bytes) else {
            continue;
        };
        let imgs = images_of(path, html, out);
        if !imgs.is_empty() {
            pages.push((path.to_string(), imgs));
        }
    }
    // Pages gone from the site are forgotten.
    if without_img.len() > html_pages {
        without_img.retain(|path, _| out.contains(path));
    }
    drop(without_img);
    let targets: BTreeSet<&str> = pages
        .iter()
        .flat_map(|(_, imgs)| imgs.iter().map(|i| i.target.as_str()))
        .collect();
    let made: Vec<(String, Result<Arc<Derived>, derive::Problem>)> = targets
        .into_par_iter()
        .filter_map(|target| {
            let format = derive::format_of(target)?;
            let bytes = out.get(target)?;
            Some((target.to_string(), store.get(bytes, format)))
        })
        .collect();
    let mut warnings = Vec::new();
    let mut derived: BTreeMap<String, Arc<Derived>> = BTreeMap::new();
    for (target, result) in made {
        match result {
            Ok(d) => {
                derived.insert(target, d);
            }
            Err(problem) => warnings.push(
                Diagnostic::warning(
                    "image",
                    format!("content/{target}"),
                    format!("this image {problem}, so it is shown at its full size"),
                )
                .hint(problem.hint()),
            ),
        }
    }
    // A copy's name may already be a file of the site (`me-320w.jpg` beside
    // `me.jpg`): that file stays, and the copy is left out of `srcset`, which
    // would otherwise offer a different picture under the copy's width.
    for (target, d) in derived.iter_mut() {
        let (free, taken): (Vec<_>, Vec<_>) = d
            .copies
            .iter()
            .partition(|c| !out.contains(&copy_name(target, c.width)));
        for copy in &free {
            let _ = out.insert(copy_name(target, copy.width), copy.bytes.clone());
        }
        if taken.is_empty() {
            continue;
        }
        let names: Vec<String> = taken.iter().map(|c| copy_name(target, c.width)).collect();
        warnings.push(
            Diagnostic::warning(
                "image-copy-name",
                format!("content/{target}"),
                format!(
                    "a resized copy of this image would be written at {}, which is already a file of the site; that width is left out of its srcset",
                    names.join(", ")
                ),
            )
            .hint("rename the other file, so folio can write every copy"),
        );
        let free: Vec<derive::Copy> = free.into_iter().cloned().collect();
        *d = Arc::new(Derived {
            width: d.width,
            height: d.height,
            copies: free,
        });
    }
    for (path, imgs) in pages {
        let Some(html) = out.get(&path).and_then(|b| std::str::from_utf8(b).ok()) else {
            continue;
        };
        if let Some(rewritten) = rewrite(html, &imgs, &derived) {
            let _ = out.insert(path, rewritten);
        }
    }
    warnings
}

/// Whether `html` has an `<img` tag in any letter case: most pages have
/// none, and this search is far cheaper than tokenizing them.
pub fn may_have_img(html: &[u8]) -> bool {
    memchr::memchr_iter(b'<', html).any(|i| {
        html.get(i + 1..i + 4)
            .is_some_and(|t| t.eq_ignore_ascii_case(b"img"))
    })
}

/// Adds each warning of `notes` (one list per audience) to `warnings`
/// once: both sites may show the same unreadable file.
pub fn merge_warnings(
    warnings: &mut Vec<Diagnostic>,
    notes: impl IntoIterator<Item = Vec<Diagnostic>>,
) {
    for note in notes.into_iter().flatten() {
        if !warnings.contains(&note) {
            warnings.push(note);
        }
    }
}

/// The `<img>` tags of the page at `page` that show a JPEG or PNG of `out`.
fn images_of(page: &str, html: &str, out: &Outputs) -> Vec<Img> {
    let mut found = Vec::new();
    start_tags(
        html,
        &["src", "srcset", "sizes", "width", "height"],
        |tag| {
            if tag.name != "img" || tag.attrs.iter().any(|a| a.key == "srcset") {
                return;
            }
            let Some(src) = tag.attrs.iter().find(|a| a.key == "src") else {
                return;
            };
            let written = &html[src.value.0..src.value.1];
            // A srcset candidate ends at a comma or space.
            if written.contains([',', ' ', '"', '\'']) {
                return;
            }
            let Some(target) = resolve(page, &src.decoded) else {
                return;
            };
            if derive::format_of(&target).is_none() || !out.contains(&target) {
                return;
            }
            let attr = |key: &str| tag.attrs.iter().find(|a| a.key == key);
            let (w, h) = (attr("width"), attr("height"));
            found.push(Img {
                after_src: src.quoted.1,
                src: written.to_string(),
                target,
                width: w
                    .zip(h)
                    .and_then(|(w, _)| w.decoded.trim().parse().ok())
                    .filter(|&w| w > 0),
                sized: w.is_some() || h.is_some(),
                has_sizes: attr("sizes").is_some(),
            });
        },
    );
    found
}

/// `html` with `srcset`, `sizes`, `width` and `height` added to each of
/// `imgs` that has copies; `None` when none has.
fn rewrite(html: &str, imgs: &[Img], derived: &BTreeMap<String, Arc<Derived>>) -> Option<String> {
    let mut out = String::with_capacity(html.len() + imgs.len() * 160);
    let mut at = 0;
    for img in imgs {
        let Some(d) = derived.get(&img.target).filter(|d| !d.copies.is_empty()) else {
            continue;
        };
        out.push_str(&html[at..img.after_src]);
        at = img.after_src;
        out.push_str(&attributes(img, d));
    }
    (at > 0).then(|| {
        out.push_str(&html[at..]);
        out
    })
}

/// The attributes added to `img`, each with its leading space.
fn attributes(img: &Img, d: &Derived) -> String {
    let mut candidates: Vec<String> = d
        .copies
        .iter()
        .map(|c| format!("{} {}w", copy_name(&img.src, c.width), c.width))
        .collect();
    candidates.push(format!("{} {}w", img.src, d.width));
    let mut attrs = format!(" srcset=\"{}\"", candidates.join(", "));
    if !img.has_sizes {
        let shown = img.width.unwrap_or(d.width.min(COLUMN));
        attrs.push_str(&format!(
            " sizes=\"(max-width: {shown}px) 100vw, {shown}px\""
        ));
    }
    if !img.sized {
        attrs.push_str(&format!(" width=\"{}\" height=\"{}\"", d.width, d.height));
    }
    attrs
}

/// The name of the `width`-wide copy of `path`: `-{width}w` before its
/// extension (`img/me.jpg` → `img/me-320w.jpg`).
pub fn copy_name(path: &str, width: u32) -> String {
    let name_at = path.rfind('/').map_or(0, |i| i + 1);
    match path[name_at..].rfind('.') {
        Some(dot) => {
            let dot = name_at + dot;
            format!("{}-{width}w{}", &path[..dot], &path[dot..])
        }
        None => format!("{path}-{width}w"),
    }
}

#[cfg(test)]
mod tests;
