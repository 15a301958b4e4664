//! Old URLs of a page (`aliases` in Hugo and Zola, `redirect_from` in
//! Jekyll): each is checked into a site path here and refused where it
//! would clash with a page or another alias. The redirect pages themselves
//! are written by `render::redirects`, in the sites that show the page.

use std::collections::BTreeMap;
use std::path::Path;

use super::Placed;
use crate::diagnostic::Diagnostic;

/// One old URL of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The site path it is served at: `old/path/` (written as
    /// `old/path/index.html`) or `old/page.html`.
    pub path: String,
    /// The front-matter line it was written on.
    pub line: usize,
}

impl Alias {
    /// The file the redirect page is written to.
    pub fn out_path(&self) -> String {
        if self.path.ends_with('/') {
            format!("{}index.html", self.path)
        } else {
            self.path.clone()
        }
    }
}

/// The site path of an alias as written (`/old/path/`, `/old/path`,
/// `/2019/01/post.html`), or why it cannot be one.
pub fn site_path(written: &str) -> Result<String, String> {
    let w = written.trim();
    if w.contains("://") || w.starts_with("//") {
        return Err(format!(
            "alias `{w}` is a full URL; an alias is an old path on this site"
        ));
    }
    let Some(rest) = w.strip_prefix('/') else {
        return Err(format!(
            "alias `{w}` does not start with `/`: Hugo reads such a path from the page's section, Jekyll and Zola from the site root"
        ));
    };
    if rest.contains(['?', '#', '\\']) {
        return Err(format!(
            "alias `{w}` has a query, a fragment or a backslash; an alias is a plain path"
        ));
    }
    let decoded = crate::percent::decode_lossy(rest);
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() {
        return Err(format!("alias `{w}` is the site's home page"));
    }
    if segments
        .iter()
        .any(|s| matches!(*s, "." | "..") || s.contains('\0'))
    {
        return Err(format!("alias `{w}` would leave the site folder"));
    }
    let joined = segments.join("/");
    let is_file = segments
        .last()
        .is_some_and(|s| s.ends_with(".html") || s.ends_with(".htm"));
    Ok(if is_file {
        joined
    } else {
        format!("{joined}/")
    })
}

/// Aliases that land on a page's URL, on another alias, or on a URL folio
/// makes itself: an error at the alias's front-matter line.
pub(super) fn clashes(items: &[Placed]) -> Vec<Diagnostic> {
    let pages: BTreeMap<&str, &Path> = items
        .iter()
        .map(|p| (p.item.path.as_str(), p.item.source.as_path()))
        .collect();
    let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
    let mut problems = Vec::new();
    for p in items {
        for alias in &p.item.aliases {
            let path = alias.path.as_str();
            let error = |message: String| {
                Diagnostic::error("duplicate-path", &p.item.source, message).at_in(
                    &p.text(),
                    alias.line,
                    1,
                )
            };
            let bare = path.trim_end_matches("index.html");
            if let Some(other) = pages.get(path).or_else(|| pages.get(bare)) {
                problems.push(
                    error(format!("alias /{path} is the URL of {}", other.display()))
                        .hint("remove the alias: that page is served there"),
                );
            } else if is_folios_own(path) {
                problems.push(
                    error(format!("alias /{path} is a URL folio makes itself"))
                        .hint("remove the alias"),
                );
            } else if let Some(other) = seen.insert(path, &p.item.source) {
                problems.push(
                    error(format!(
                        "alias /{path} is also an alias of {}",
                        other.display()
                    ))
                    .hint("keep the alias on one page only"),
                );
            }
        }
    }
    problems
}

/// Paths folio writes whatever the content: lists, tags, feeds, 404.
fn is_folios_own(path: &str) -> bool {
    matches!(
        path,
        "articles/" | "tags/" | "dashboard/" | "404.html" | "index.html"
    ) || path.starts_with("tags/")
        || path.starts_with("articles/page/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_paths_become_site_paths() {
        assert_eq!(site_path("/old/post/").unwrap(), "old/post/");
        assert_eq!(site_path("/old/post").unwrap(), "old/post/");
        assert_eq!(site_path(" /2019/01/a.html ").unwrap(), "2019/01/a.html");
        assert_eq!(site_path("/my%20post/").unwrap(), "my post/");
        assert!(site_path("//a//b/").unwrap_err().contains("full URL"));
    }

    #[test]
    fn paths_that_are_not_plain_site_paths_are_refused() {
        for bad in [
            "https://x.org/a/",
            "old/post/",
            "/",
            "/a/../../b/",
            "/a/%2e%2e/b",
            "/a?x=1",
            "/a#top",
            "/a\\b",
        ] {
            assert!(site_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn out_paths_are_index_files_or_the_html_file() {
        let a = |p: &str| Alias {
            path: p.into(),
            line: 2,
        };
        assert_eq!(a("old/").out_path(), "old/index.html");
        assert_eq!(a("old.html").out_path(), "old.html");
    }
}
