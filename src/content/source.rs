//! Finding and reading source files: the walk over `content/` (and
//! `static/`), the symlink policy, and decoding a file's bytes into text
//! (UTF-8 only, BOM stripped, CRLF normalized).
//!
//! Nothing outside the site root is ever read: a symlink whose target leaves
//! the root is skipped with a warning; symlinked folders are not followed.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};

/// A file found under a source folder.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Absolute path.
    pub abs: PathBuf,
    /// Path relative to the walked folder, with `/` separators.
    pub rel: String,
}

/// The files of `dir` (sorted, deterministic), skipping hidden and editor
/// temporary files. Missing `dir` gives no files. Symlink warnings and
/// file-name errors (a file whose name cannot be used, left out) go to
/// `diagnostics`.
pub fn walk(root: &Path, dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Result<Vec<SourceFile>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let canonical_root = root
        .canonicalize()
        .map_err(|e| Error::io("resolving", root, e))?;
    let mut files = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.into());
                let io = e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("walk failed"));
                return Err(Error::io("reading folder", path, io));
            }
        };
        let path = entry.path();
        // Only for diagnostics: most files have none.
        let display = || path.strip_prefix(root).unwrap_or(path).to_path_buf();
        if entry.path_is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) => {
                    if target.is_dir() {
                        diagnostics.push(
                            Diagnostic::warning(
                                "symlink",
                                display(),
                                "symlinked folder not followed",
                            )
                            .hint("link the files themselves, or move the folder into the site"),
                        );
                        continue;
                    }
                    if !target.is_file() {
                        diagnostics.push(not_a_file(display()));
                        continue;
                    }
                }
                Ok(target) => {
                    diagnostics.push(
                        Diagnostic::warning(
                            "symlink",
                            display(),
                            format!(
                                "skipped: symlink points outside the site ({})",
                                target.display()
                            ),
                        )
                        .hint("folio never reads files outside the site root; copy the file in instead"),
                    );
                    continue;
                }
                Err(_) => {
                    diagnostics.push(Diagnostic::warning(
                        "symlink",
                        display(),
                        "skipped: broken symlink (its target does not exist or loops)",
                    ));
                    continue;
                }
            }
        } else if entry.file_type().is_dir() {
            continue;
        } else if !entry.file_type().is_file() {
            // Never opened: reading a FIFO would wait for a writer forever.
            diagnostics.push(not_a_file(display()));
            continue;
        }
        let rel = path.strip_prefix(dir).unwrap_or(path);
        // A bad file name is an error on that file alone: it is left out
        // and the walk goes on, so the other files' problems are found too.
        let Some(rel) = rel.to_str() else {
            diagnostics.push(
                Diagnostic::error("file-name", display(), "file name is not valid UTF-8")
                    .hint("rename the file"),
            );
            continue;
        };
        if rel.chars().any(char::is_control) {
            diagnostics.push(control_in_name(root, path));
            continue;
        }
        if let Some(name) = backslash_in_name(rel) {
            diagnostics.push(
                Diagnostic::error(
                    "file-name",
                    display(),
                    format!("the name \"{name}\" contains a backslash (\\), which would become a folder in its URL"),
                )
                .hint("rename it without the backslash (a `-` works)"),
            );
            continue;
        }
        files.push(SourceFile {
            abs: path.to_path_buf(),
            rel: rel.replace('\\', "/"),
        });
    }
    Ok(files)
}

/// A FIFO, socket or device file: skipped, with a warning so that a file
/// that vanished from the site does not go unexplained.
fn not_a_file(display: PathBuf) -> Diagnostic {
    Diagnostic::warning(
        "special-file",
        display,
        "skipped: not a regular file (a FIFO, a socket or a device)",
    )
    .hint("folio reads only regular files; move it out of the site, or replace it with a file")
}

/// The first file or folder name in `rel` (a path relative to the walked
/// folder) that contains a backslash. Legal on Linux and macOS, a backslash
/// is a separator on Windows and in many URL parsers.
fn backslash_in_name(rel: &str) -> Option<&str> {
    Path::new(rel)
        .components()
        .filter_map(|c| c.as_os_str().to_str())
        .find(|name| name.contains('\\'))
}

/// A file name with a line break or another control character would put
/// it into URLs, the sitemap and the feed: the diagnostic names the folder
/// (a path with a line break in it would split the message) and the file
/// name escaped.
fn control_in_name(root: &Path, path: &Path) -> Diagnostic {
    let folder = path.parent().unwrap_or(path);
    let folder = folder.strip_prefix(root).unwrap_or(folder);
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    Diagnostic::error(
        "file-name",
        folder,
        format!("file name {name:?} contains a control character (a line break, a tab…)"),
    )
    .hint("rename the file: a file name becomes part of a URL")
}

/// A source file that exists but cannot be read (permissions, an I/O
/// error): a diagnostic on the file, so that the build reports it with the
/// others and keeps the last good output.
pub fn unreadable(display: &Path, e: &std::io::Error) -> Diagnostic {
    use std::io::ErrorKind;
    let (why, hint) = match e.kind() {
        ErrorKind::PermissionDenied => (
            "permission denied".to_string(),
            "give yourself read access (chmod u+r), or move the file out of the site",
        ),
        ErrorKind::OutOfMemory => (
            "not enough memory to hold it".to_string(),
            "the file is too large to read: make it smaller, or move it out of the site",
        ),
        _ => (
            e.to_string(),
            "check the file and the disk it is on, or move the file out of the site",
        ),
    };
    Diagnostic::error(
        "unreadable",
        display,
        format!("cannot read the file: {why}"),
    )
    .hint(hint)
}

/// Hidden files, editor swap/backup files and OS litter.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "Thumbs.db"
}

/// Decodes a source file: UTF-8 required (an error names the file and the
/// position of the first bad byte), a BOM is dropped and CRLF becomes LF.
pub fn decode(display: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let before = String::from_utf8_lossy(&bytes[..valid]);
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Diagnostic::error(
            "encoding",
            display,
            format!("file is not valid UTF-8 (byte 0x{:02X})", bytes[valid]),
        )
        .at(line, col)
        .hint("save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)")
    })?;
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_strips_bom_and_crlf() {
        let t = decode(
            Path::new("a.md"),
            b"\xEF\xBB\xBF---\r\ntitle: x\r\n---\r\nhi\r\n".to_vec(),
        )
        .unwrap();
        assert_eq!(t, "---\ntitle: x\n---\nhi\n");
    }

    #[test]
    fn decode_names_the_first_bad_byte() {
        let d = decode(Path::new("a.md"), b"ok\nab\xFFc".to_vec()).unwrap_err();
        assert_eq!((d.line, d.col), (2, 3));
        assert!(d.message.contains("0xFF"));
    }

    #[test]
    fn unreadable_gives_the_real_cause_and_the_chmod_hint_only_for_permissions() {
        let oom = unreadable(
            Path::new("content/big.md"),
            &std::io::Error::from(std::io::ErrorKind::OutOfMemory),
        );
        assert!(oom.message.contains("not enough memory"), "{}", oom.message);
        let text = oom.to_string();
        assert!(!text.contains("chmod"), "{text}");
        assert!(text.contains("too large"), "{text}");

        let denied = unreadable(
            Path::new("content/a.md"),
            &std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        );
        assert!(denied.message.contains("permission denied"));
        assert!(denied.to_string().contains("chmod u+r"));

        let io = unreadable(
            Path::new("content/a.md"),
            &std::io::Error::other("Input/output error"),
        );
        assert!(io.message.contains("Input/output error"), "{}", io.message);
        assert!(!io.to_string().contains("chmod"));
    }

    #[test]
    #[cfg(unix)]
    fn backslashes_in_names_are_found() {
        assert_eq!(backslash_in_name("articles/a\\b.md"), Some("a\\b.md"));
        assert_eq!(backslash_in_name("a\\b/x.md"), Some("a\\b"));
        assert_eq!(backslash_in_name("articles/ab.md"), None);
    }

    #[test]
    fn editor_files_are_ignored() {
        for n in [".a.md.swp", "a.md~", "#a.md#", ".git", "x.tmp"] {
            assert!(is_ignored(n), "{n}");
        }
        assert!(!is_ignored("a.md"));
    }
}
