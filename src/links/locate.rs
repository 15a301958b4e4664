//! Where a URL found in the rendered HTML was written: in a content file
//! (file, line and column of the `[link](…)`, `![image](…)` or raw HTML
//! attribute) when it lies in the body of the page's own markdown file, else
//! in the rendered page itself (the link then comes from a template).
//!
//! Sources are read again only for pages that have findings, once each.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag};

use crate::content::view::Audience;
use crate::content::{Item, Site, frontmatter};
use crate::diagnostic::{Diagnostic, line_col};
use crate::output::Outputs;

use crate::html;

/// A position to report a finding at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// Relative to the site root where possible.
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub source_line: Option<String>,
    /// In a content file, rather than in a page made by a template.
    pub in_content: bool,
    /// The URL as written in the content file, when found there.
    pub written: Option<String>,
}

impl Located {
    /// Puts this position on `d`.
    pub fn apply(&self, mut d: Diagnostic) -> Diagnostic {
        d.path = self.path.clone();
        d.line = self.line;
        d.col = self.col;
        d.source_line = self.source_line.clone();
        d
    }
}

/// A URL written in a markdown source, and its byte offset in the file.
struct Written {
    dest: String,
    offset: usize,
}

struct Source {
    text: String,
    written: Vec<Written>,
    /// Written URLs already matched, per site (each site shows the body).
    used: HashSet<(Audience, usize)>,
}

pub struct Locator<'a> {
    site: &'a Site,
    /// Output path of each item's own page.
    items: HashMap<String, &'a Item>,
    bodies: HashMap<(Audience, String), Option<Range<usize>>>,
    sources: HashMap<String, Option<Source>>,
}

impl<'a> Locator<'a> {
    pub fn new(site: &'a Site) -> Self {
        let items = site
            .items
            .iter()
            .map(|i| (format!("{}index.html", i.path), i))
            .collect();
        Locator {
            site,
            items,
            bodies: HashMap::new(),
            sources: HashMap::new(),
        }
    }

    /// Where the `url` at byte `offset` of output `page` was written.
    pub fn locate(
        &mut self,
        audience: Audience,
        outputs: &Outputs,
        out_dir: &Path,
        page: &str,
        offset: usize,
        url: &str,
    ) -> Located {
        let html = outputs
            .get(page)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("");
        if let Some(item) = self.items.get(page).copied() {
            let body = self
                .bodies
                .entry((audience, page.to_string()))
                .or_insert_with(|| {
                    let body = item.rendered.html.text();
                    (!body.is_empty())
                        .then(|| html.find(&*body).map(|s| s..s + body.len()))
                        .flatten()
                });
            if body.as_ref().is_some_and(|r| r.contains(&offset)) {
                return self.in_source(audience, item, url);
            }
        }
        let (line, col) = line_col(html, offset);
        Located {
            path: out_dir.join(page),
            line,
            col,
            source_line: line_text(html, line),
            in_content: false,
            written: None,
        }
    }

    fn in_source(&mut self, audience: Audience, item: &Item, url: &str) -> Located {
        let root = &self.site.config.root;
        let source = self
            .sources
            .entry(item.rel.clone())
            .or_insert_with(|| read_source(&root.join(&item.source)));
        let whole_file = Located {
            path: item.source.clone(),
            line: 0,
            col: 0,
            source_line: None,
            in_content: true,
            written: None,
        };
        let Some(source) = source else {
            return whole_file;
        };
        let used = &source.used;
        let Some(i) = best_match(&source.written, |i| used.contains(&(audience, i)), url) else {
            return whole_file;
        };
        source.used.insert((audience, i));
        let (line, col) = line_col(&source.text, source.written[i].offset);
        Located {
            line,
            col,
            source_line: line_text(&source.text, line),
            written: Some(source.written[i].dest.clone()),
            ..whole_file
        }
    }
}

/// The first unused written URL that became `url`: the same text, else a
/// `.md` link with the same anchor when `url` is a page's URL (folio
/// rewrote the link).
fn best_match(written: &[Written], used: impl Fn(usize) -> bool, url: &str) -> Option<usize> {
    let url = crate::percent::decode_lossy(url);
    let (url_path, url_fragment) = split_fragment(&url);
    let unused = || written.iter().enumerate().filter(|(i, _)| !used(*i));
    if let Some((i, _)) = unused().find(|(_, w)| crate::percent::decode_lossy(&w.dest) == url) {
        return Some(i);
    }
    if !(url_path.is_empty() || url_path.ends_with('/')) {
        return None;
    }
    unused()
        .find(|(_, w)| {
            let dest = crate::percent::decode_lossy(&w.dest);
            let (path, fragment) = split_fragment(&dest);
            let path = path.split('?').next().unwrap_or(path);
            crate::content::page_files::is_markdown(path) && fragment == url_fragment
        })
        .map(|(i, _)| i)
}

fn line_text(text: &str, line: usize) -> Option<String> {
    text.lines()
        .nth(line.saturating_sub(1))
        .map(|l| l.trim_end_matches('\r').to_string())
}

fn split_fragment(url: &str) -> (&str, Option<&str>) {
    match url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (url, None),
    }
}

/// Every URL written in a markdown file, with its offset in the text the
/// build reads (BOM dropped, CRLF made LF), as the markdown renderer sees it.
fn read_source(path: &Path) -> Option<Source> {
    let bytes = std::fs::read(path).ok()?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = String::from_utf8_lossy(bytes);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.into_owned()
    };
    let body_start = frontmatter::split(path, &text).map_or(0, |s| text.len() - s.body.len());
    let body = &text[body_start..];
    let mut written = Vec::new();
    for (event, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        let at = body_start + range.start;
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                written.push(Written {
                    dest: dest_url.to_string(),
                    offset: at,
                });
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                for u in html::scan(&h).urls {
                    written.push(Written {
                        dest: u.url.into_owned(),
                        offset: (at + u.offset).min(text.len()),
                    });
                }
            }
            _ => {}
        }
    }
    Some(Source {
        text,
        written,
        used: HashSet::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(dests: &[&str]) -> Vec<Written> {
        dests
            .iter()
            .enumerate()
            .map(|(i, d)| Written {
                dest: d.to_string(),
                offset: i,
            })
            .collect()
    }

    #[test]
    fn matches_the_same_url_first_then_a_rewritten_md_link() {
        let w = written(&["other.md#nope", "img.png", "a%20b.png", "../up.md"]);
        let none = |_| false;
        assert_eq!(best_match(&w, none, "img.png"), Some(1));
        assert_eq!(best_match(&w, none, "../other/#nope"), Some(0));
        assert_eq!(best_match(&w, none, "a b.png"), Some(2));
        assert_eq!(best_match(&w, none, "../../up/"), Some(3));
        assert_eq!(best_match(&w, none, "../other/#else"), None);
        assert_eq!(best_match(&w, none, "chart.png"), None, "not a page URL");
    }

    #[test]
    fn used_urls_are_not_matched_twice() {
        let w = written(&["x.png", "x.png"]);
        assert_eq!(best_match(&w, |i| i == 0, "x.png"), Some(1));
    }
}
