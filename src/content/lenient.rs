//! Standing in for a file whose front matter or encoding is broken, so that
//! `folio check` (with `Config::keep_going`) can go on rendering the rest of
//! the site and find every other problem: links to the file still resolve
//! and its body is still checked.
//!
//! The stand-in has default front matter (no title, date or tags; the
//! folder's visibility). It only ever reaches `check`, which writes nothing;
//! a build stops on the file's errors before this module is asked.

use std::path::Path;

use super::place::{title_from_file, url_path};
use super::source::SourceFile;
use super::{Item, Placed, frontmatter, kind_for};
use crate::error::{Error, Result};

/// The file as a page with empty front matter; `None` when even its name
/// cannot be placed (that problem is already reported).
pub(super) fn placeholder(root: &Path, file: &SourceFile) -> Result<Option<Placed>> {
    let display = file
        .abs
        .strip_prefix(root)
        .unwrap_or(&file.abs)
        .to_path_buf();
    let bytes = std::fs::read(&file.abs).map_err(|e| Error::io("reading", &file.abs, e))?;
    let text = lossy_text(&bytes);
    let (body_start, body_line) = match frontmatter::split(&display, &text) {
        Ok(s) => (text.len() - s.body.len(), s.body_line),
        Err(_) => (0, 1),
    };
    let kind = kind_for(&file.rel, None);
    let Ok(path) = url_path(&file.rel, kind, None) else {
        return Ok(None);
    };
    let item = Item {
        source: display,
        ..Item::new(kind, &file.rel, path, title_from_file(&file.rel))
    };
    Ok(Some(Placed {
        item,
        text_hash: crate::cache::hash_bytes(text.as_bytes()),
        text: crate::markdown::Body::from(text),
        roadmap: Default::default(),
        body_start,
        body_line,
    }))
}

/// Like `source::decode`, but bad bytes become U+FFFD instead of an error.
fn lossy_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = String::from_utf8_lossy(bytes);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.into_owned()
    }
}
