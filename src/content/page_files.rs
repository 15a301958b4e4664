//! Which files under `content/` are pages: markdown under any of its
//! common extensions (`.md`, `.markdown`, `.mdown`, `.mkd`, `.mkdn`, in any
//! case). Everything else is an asset, copied as it is, except a file whose
//! first line opens front matter (`---` or `+++`): such a file was meant as
//! a page (it may say `visibility: private`), so folio refuses to copy it
//! rather than publish its front matter and body raw.

use std::io::Read as _;
use std::path::Path;

use crate::diagnostic::Diagnostic;

use crate::markdown::markdown_extension;
pub use crate::markdown::{MARKDOWN_EXTENSIONS, is_markdown};

/// `rel` without its markdown extension (`articles/x.markdown` →
/// `articles/x`); other paths are returned whole.
pub fn stem(rel: &str) -> &str {
    match markdown_extension(rel) {
        Some(ext) => &rel[..rel.len() - ext.len() - 1],
        None => rel,
    }
}

/// The front matter fence a text opens with: its first line (after a BOM,
/// trailing blanks ignored) is `---` or `+++`.
pub fn opening_fence(start: &[u8]) -> Option<&'static str> {
    let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start);
    let line = start.split(|&b| b == b'\n').next().unwrap_or(start);
    let end = line
        .iter()
        .rposition(|b| !b" \t\r".contains(b))
        .map_or(0, |i| i + 1);
    match &line[..end] {
        b"---" => Some("---"),
        b"+++" => Some("+++"),
        _ => None,
    }
}

/// Extensions whose `---` first line is a YAML document start, not front
/// matter: a YAML data file may open with one.
const YAML: &[&str] = &["yaml", "yml"];

/// The front matter fence the file at `abs` (shown as `display`) opens
/// with, unless it is a YAML file opening with a document start; `None`
/// for an ordinary file (or one that cannot be read: copying it will
/// report that).
fn front_matter_fence(abs: &Path, display: &Path) -> Option<&'static str> {
    let mut start = [0u8; 64];
    let mut file = std::fs::File::open(abs).ok()?;
    let mut len = 0;
    while len < start.len() {
        match file.read(&mut start[len..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => len += n,
        }
    }
    let fence = opening_fence(&start[..len])?;
    let ext = display
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if fence == "---" && ext.as_deref().is_some_and(|e| YAML.contains(&e)) {
        return None;
    }
    Some(fence)
}

/// The markdown extensions, as a hint lists them (`.md, .markdown, …`).
fn extension_list() -> String {
    MARKDOWN_EXTENSIONS
        .iter()
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An error for an asset at `abs` (shown as `display`) whose first line
/// opens front matter; `None` for an ordinary file.
pub fn refuse_front_matter_asset(abs: &Path, display: &Path) -> Option<Diagnostic> {
    let fence = front_matter_fence(abs, display)?;
    let kind = if fence == "+++" { "TOML " } else { "" };
    Some(
        Diagnostic::error(
            "not-a-page",
            display,
            format!(
                "this file opens with {kind}front matter (`{fence}`) but is not a markdown page; \
                 folio will not copy it to the site as it is, front matter and all"
            ),
        )
        .at(1, 1)
        .hint(format!(
            "to make it a page, give it a markdown extension ({}); \
             to publish it as a file, remove the front matter",
            extension_list()
        )),
    )
}

/// An error for a file under `static/` (copied as it is into both sites)
/// whose first line opens front matter: it was meant as a page, and may
/// say `visibility: private`, so folio will not publish it raw.
pub fn refuse_front_matter_static(abs: &Path, display: &Path) -> Option<Diagnostic> {
    let fence = front_matter_fence(abs, display)?;
    Some(
        Diagnostic::error(
            "not-a-page",
            display,
            format!(
                "files under static/ are published as they are, and this one opens with front matter (`{fence}`): \
                 folio will not publish its front matter and body raw"
            ),
        )
        .at(1, 1)
        .hint(format!(
            "to make it a page, move it under content/ (as {}); to publish it as a file, remove the front matter",
            extension_list()
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_common_markdown_extension_is_a_page() {
        for rel in [
            "a.md",
            "articles/plan.markdown",
            "x/y.mdown",
            "z.mkd",
            "w.mkdn",
            "LOUD.MD",
            "b.Markdown",
        ] {
            assert!(is_markdown(rel), "{rel}");
        }
        for rel in ["a.txt", "md", "articles/.md", "a.md.txt", "notes.mdx"] {
            assert!(!is_markdown(rel), "{rel}");
        }
        assert_eq!(stem("articles/plan.markdown"), "articles/plan");
        assert_eq!(stem("A.MD"), "A");
        assert_eq!(stem("img.png"), "img.png");
    }

    #[test]
    fn front_matter_fences_are_seen_on_the_first_line_only() {
        assert_eq!(opening_fence(b"---\ntitle: x\n"), Some("---"));
        assert_eq!(opening_fence(b"\xEF\xBB\xBF--- \r\n"), Some("---"));
        assert_eq!(opening_fence(b"+++\ntitle = 'x'\n"), Some("+++"));
        assert_eq!(opening_fence(b"---"), Some("---"));
        assert_eq!(opening_fence(b"----\n"), None);
        assert_eq!(opening_fence(b"text\n---\n"), None);
        assert_eq!(opening_fence(b"\x89PNG\r\n"), None);
    }
}
