//! Front-matter keys neither folio nor the theme's templates know: a
//! warning at the key, with the closest known key. (YAML and type errors are
//! found by loading the site, exactly as a build finds them.)
//!
//! A key the templates read as `page.extra.<key>` (the default theme's
//! `toc` and `tagline`, say) counts as known, and so do an achievement
//! file's own fields (`impact`, `advances`, `cv`).

use std::collections::BTreeSet;

use crate::content::frontmatter::{self, KNOWN_KEYS, suggest_key};
use crate::content::{self, Kind, achievement};
use crate::diagnostic::Diagnostic;
use crate::render::Theme;

use super::sources::SourceText;

/// The `extra.<key>` names the theme's templates read.
pub fn template_keys(theme: &Theme) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for (_, text) in theme.template_texts() {
        for (i, _) in text.match_indices("extra.") {
            let key: String = text[i + "extra.".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !key.is_empty() {
                keys.insert(key);
            }
        }
    }
    keys
}

/// Warns about every unknown key of every page's front matter.
pub fn unknown_keys(files: &[SourceText], template_keys: &BTreeSet<String>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for file in files.iter().filter(|f| f.is_page) {
        let Ok(text) = std::str::from_utf8(&file.bytes) else {
            continue; // not UTF-8: reported by the encoding check
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let text = text.replace("\r\n", "\n");
        let Ok(split) = frontmatter::split(&file.display, &text) else {
            continue; // reported by loading the site
        };
        let Ok(entries) = frontmatter::entries(&file.display, &text, &split) else {
            continue; // reported by loading the site
        };
        let declared = entries
            .iter()
            .find(|e| e.key == "kind" && e.table.is_none())
            .and_then(|e| e.value.as_str());
        let rel = file
            .display
            .strip_prefix("content")
            .unwrap_or(&file.display);
        let achievement = content::kind_for(&rel.to_string_lossy(), declared) == Kind::Achievement;
        for entry in &entries {
            let key = entry.key.as_str();
            let known = match entry.table {
                Some("extra") => template_keys.contains(key),
                Some(_) => false,
                None => {
                    KNOWN_KEYS.contains(&key)
                        || frontmatter::hugo_dates::is_key(key)
                        || template_keys.contains(key)
                        || (achievement && achievement::FIELDS.contains(&key))
                }
            };
            if !known {
                out.push(unknown(&file.display, &text, entry));
            }
        }
    }
    out
}

/// The warning for one key nothing reads.
fn unknown(display: &std::path::Path, text: &str, entry: &frontmatter::Entry) -> Diagnostic {
    let key = entry.key.as_str();
    let warning = |message: String| {
        Diagnostic::warning("unknown-key", display, message).at_in(text, entry.line, 1)
    };
    match entry.table {
        Some("extra") => warning(format!("`[extra]` key `{key}` is not read by any template"))
            .hint(format!(
                "templates see it as `page.extra.{key}`; the theme's templates do not use it"
            )),
        Some(_) => warning(format!("taxonomy `{key}` is not shown"))
            .hint("folio groups pages by `tags` only: move these terms into `tags` to show them"),
        None if matches!(key.to_ascii_lowercase().as_str(), "expirydate" | "unpublishdate") => {
            warning(format!("`{key}` is not read: folio does not unpublish pages"))
                .hint("Hugo leaves the page out after this date; in folio, remove the page or make it a draft when it should go")
        }
        None if key == "categories" => warning("`categories` is not shown".to_string())
            .hint("folio groups pages by `tags` only: move these terms into `tags` to show them"),
        None => {
            let d = warning(format!("unknown front-matter key `{key}`"));
            match suggest_key(key) {
                Some(k) => d.hint(format!(
                    "did you mean `{k}`? (an unknown key is only passed to templates as `page.extra.{key}`)"
                )),
                None => d.hint(format!(
                    "folio does not use it and no template reads `page.extra.{key}`; known keys: {}",
                    KNOWN_KEYS.join(", ")
                )),
            }
        }
    }
}
