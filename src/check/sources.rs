//! The text files `check` reads itself, gathered once: everything folio
//! reads as text (markdown and data files under `content/`, `site.toml`,
//! the site's templates and themes). Assets are not text folio reads, so
//! they are left out.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{CONFIG_FILE, Config};
use crate::content::source;
use crate::error::{Error, Result};

/// Extensions of the files under `content/` that folio reads as text.
const CONTENT_TEXT: &[&str] = &["yaml", "yml", "json", "toml"];
/// Extensions of template files.
const TEMPLATE_TEXT: &[&str] = &["html", "htm", "xml", "txt"];

/// One text file of the site, as bytes on disk.
pub struct SourceText {
    /// Relative to the site root, for diagnostics.
    pub display: PathBuf,
    pub abs: PathBuf,
    pub bytes: Vec<u8>,
    /// A markdown page under `content/`.
    pub is_page: bool,
}

/// Reads every text file of the site at `config.root`.
pub fn collect(config: &Config) -> Result<Vec<SourceText>> {
    let root = &config.root;
    let mut found: Vec<(PathBuf, bool)> = vec![(root.join(CONFIG_FILE), false)];
    // The walk's own warnings (symlinks) are reported by the build itself.
    let mut ignored = Vec::new();
    for f in source::walk(root, &root.join("content"), &mut ignored)? {
        let is_page = crate::content::page_files::is_markdown(&f.rel);
        if is_page || CONTENT_TEXT.contains(&extension(&f.rel)) {
            found.push((f.abs, is_page));
        }
    }
    for dir in ["templates", "themes"] {
        for f in source::walk(root, &root.join(dir), &mut ignored)? {
            let in_templates = dir == "templates" || f.rel.split('/').nth(1) == Some("templates");
            if in_templates && TEMPLATE_TEXT.contains(&extension(&f.rel)) {
                found.push((f.abs, false));
            }
        }
    }
    found
        .into_par_iter()
        .map(|(abs, is_page)| {
            let bytes = std::fs::read(&abs).map_err(|e| Error::io("reading", &abs, e))?;
            Ok(SourceText {
                display: display(root, &abs),
                abs,
                bytes,
                is_page,
            })
        })
        .collect()
}

fn extension(rel: &str) -> &str {
    rel.rsplit_once('.').map_or("", |(_, e)| e)
}

fn display(root: &Path, abs: &Path) -> PathBuf {
    abs.strip_prefix(root).unwrap_or(abs).to_path_buf()
}
