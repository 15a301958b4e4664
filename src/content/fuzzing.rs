//! Entry points for the fuzz targets in `fuzz/` and their regression tests:
//! each takes arbitrary bytes, decodes them as a source file is decoded
//! (UTF-8, BOM dropped, CRLF to LF) and runs one parser of user input on the
//! text the way a build does, in memory. None may panic, whatever the text; that is all
//! they promise (their results are dropped).
//!
//! Hidden from the docs: this is a test seam, not an API.

use std::collections::HashMap;
use std::path::Path;

use super::place::place_text;
use super::{Visibility, achievement, roadmap, view};
use crate::date::Date;
use crate::markdown::{self, LinkTarget};

/// The text of a source file, as a build reads it; `None` when a build
/// would stop at its encoding.
fn decode(bytes: &[u8]) -> Option<String> {
    super::source::decode(Path::new("content/fuzz.md"), bytes.to_vec()).ok()
}

/// A build's fixed "today" for roadmaps (deterministic, like `--today`).
fn today() -> Date {
    Date::parse("2026-03-14").expect("a valid constant date")
}

fn context<'a>(
    source: &'a Path,
    rel: &'a str,
    page_path: &'a str,
    file_text: &'a str,
    body_line: usize,
    targets: &'a HashMap<String, LinkTarget>,
) -> markdown::Context<'a> {
    markdown::Context {
        source,
        rel,
        page_path,
        seen: view::seen(Visibility::Public, false, false),
        file_text,
        body_line,
        targets,
        reuse: None,
    }
}

/// Splits `text` at its front matter and parses the YAML.
pub fn front_matter(bytes: &[u8]) {
    let Some(text) = decode(bytes) else {
        return;
    };
    let text = text.as_str();
    let path = Path::new("content/fuzz.md");
    if let Ok(split) = super::frontmatter::split(path, text) {
        let _ = super::frontmatter::parse(path, text, &split);
    }
}

/// Renders `text` as an article body (links resolve against one page).
pub fn markdown(bytes: &[u8]) {
    let Some(text) = decode(bytes) else {
        return;
    };
    let text = text.as_str();
    let mut targets = HashMap::new();
    targets.insert(
        "articles/other.md".to_string(),
        LinkTarget {
            path: "articles/other/".into(),
            seen: view::seen(Visibility::Public, false, false),
            draft: false,
        },
    );
    let source = Path::new("content/articles/fuzz.md");
    let ctx = context(
        source,
        "articles/fuzz.md",
        "articles/fuzz/",
        text,
        1,
        &targets,
    );
    let _ = markdown::render(text, &ctx);
}

/// Reads `text` as a whole roadmap file: front matter, then the body's
/// model and decorated page.
pub fn roadmap(bytes: &[u8]) {
    let Some(text) = decode(bytes) else {
        return;
    };
    let text = text.as_str();
    let Ok(placed) = place_text(
        "content/roadmaps/fuzz.md".into(),
        "roadmaps/fuzz.md",
        text.into(),
        crate::cache::hash_bytes(text.as_bytes()),
    ) else {
        return;
    };
    let targets = HashMap::new();
    let text = placed.text();
    let body = &text[placed.body_start..];
    let ctx = context(
        &placed.item.source,
        &placed.item.rel,
        &placed.item.path,
        &text,
        placed.body_line,
        &targets,
    );
    let _ = roadmap::load(
        body,
        &ctx,
        &placed.roadmap,
        &crate::config::tasks::TaskStatuses::default(),
        today(),
    );
}

/// Reads `text` as an achievement file: one entry when its front matter
/// has a `date`, else a log of `## date — title` entries.
pub fn achievement_log(bytes: &[u8]) {
    let Some(text) = decode(bytes) else {
        return;
    };
    let text = text.as_str();
    let Ok(placed) = place_text(
        "content/achievements/fuzz.md".into(),
        "achievements/fuzz.md",
        text.into(),
        crate::cache::hash_bytes(text.as_bytes()),
    ) else {
        return;
    };
    let _ = achievement::load(&[placed], &HashMap::new(), &[], None, false);
}

/// Finds and repairs mojibake in `text`.
pub fn mojibake(bytes: &[u8]) {
    let Some(text) = decode(bytes) else {
        return;
    };
    let text = text.as_str();
    let _ = crate::mojibake::find(text);
    let _ = crate::mojibake::repair(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_point_takes_ordinary_input() {
        let text = b"---\ntitle: T\n---\n## 2026-01-02 \xE2\x80\x94 Spoke\nTags: a, b\n\n- [x] done\n\nCaf\xC3\x83\xC2\xA9 [o](other.md)\n";
        front_matter(text);
        markdown(text);
        roadmap(text);
        achievement_log(text);
        mojibake(text);
    }
}
