//! Text encoding: a file that is not UTF-8 at all is an error (as in a
//! build); mojibake (UTF-8 once read as Windows-1252) is a warning at its
//! position, and with `--fix` is repaired in place, changing nothing else in
//! the file (line endings and a BOM stay as they were).

use std::path::PathBuf;

use crate::content::source;
use crate::diagnostic::{Diagnostic, line_col};
use crate::error::{Error, Result};

use super::mojibake;
use super::sources::SourceText;

/// A file `--fix` repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub path: PathBuf,
    /// How many runs of mojibake were replaced.
    pub runs: usize,
}

/// Checks (and with `fix`, repairs) every file; repaired files are updated
/// in `files` too, so later checks see the fixed text.
pub fn check(files: &mut [SourceText], fix: bool) -> Result<(Vec<Diagnostic>, Vec<Fixed>)> {
    let mut diagnostics = Vec::new();
    let mut fixed = Vec::new();
    for file in files.iter_mut() {
        let (bom, rest) = match file.bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => (true, rest),
            None => (false, file.bytes.as_slice()),
        };
        let Ok(text) = std::str::from_utf8(rest) else {
            if let Err(d) = source::decode(&file.display, file.bytes.clone()) {
                diagnostics.push(d);
            }
            continue;
        };
        let runs = mojibake::find(text);
        if runs.is_empty() {
            continue;
        }
        if fix {
            let Some(repaired) = mojibake::repair(text) else {
                continue;
            };
            let mut bytes = Vec::with_capacity(repaired.len() + 3);
            if bom {
                bytes.extend_from_slice(b"\xEF\xBB\xBF");
            }
            bytes.extend_from_slice(repaired.as_bytes());
            std::fs::write(&file.abs, &bytes).map_err(|e| Error::io("writing", &file.abs, e))?;
            fixed.push(Fixed {
                path: file.display.clone(),
                runs: runs.len(),
            });
            file.bytes = bytes;
            continue;
        }
        for run in runs {
            let (line, col) = line_col(text, run.range.start);
            let garbled = &text[run.range.clone()];
            diagnostics.push(
                Diagnostic::warning(
                    "mojibake",
                    &file.display,
                    format!(
                        "mojibake `{}`: UTF-8 text once read as Windows-1252; it should read `{}`",
                        visible(garbled),
                        run.fixed
                    ),
                )
                .at_in(text, line, col)
                .hint("run `folio check --fix` to repair it in place; nothing else in the file changes"),
            );
        }
    }
    Ok((diagnostics, fixed))
}

/// Shows invisible control characters (the undefined Windows-1252 bytes
/// survive as U+0081 and the like) as `\u{81}`.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                format!("\\u{{{:x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}
