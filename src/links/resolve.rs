//! Where a URL found on a rendered page leads: a file of the same site (with
//! its anchor), an external address, or nowhere. Pure functions of the URL,
//! the page it is on and the base URL, so the link check can run them over
//! every page in parallel.

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::BuildHasher;

use crate::html;
use crate::output::Outputs;

use crate::percent::decode_lossy as percent_decode;

/// Where a URL in a page leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dest {
    /// A file of the site (path relative to its root, decoded) and anchor.
    Internal {
        path: String,
        fragment: Option<String>,
    },
    External(String),
    /// A relative link that climbs above the site root.
    Outside,
    /// `mailto:`, `tel:`, `data:`… and empty links.
    Ignored,
}

/// `#` and `#top` scroll to the top of any page.
pub fn is_implicit_anchor(fragment: &str) -> bool {
    fragment.is_empty() || fragment.eq_ignore_ascii_case("top") || fragment.starts_with(":~:")
}

/// The anchor `url` names on the page it is written on, decoded, when it
/// is only a fragment (`#part`).
pub fn own_anchor(url: &str) -> Option<Cow<'_, str>> {
    url.trim().strip_prefix('#').map(percent_decode)
}

/// Where `url`, found on output page `page`, leads.
pub fn classify(url: &str, page: &str, base_url: &str, base_path: &str) -> Dest {
    if let Some(fragment) = own_anchor(url) {
        return Dest::Internal {
            path: page.to_string(),
            fragment: Some(fragment.into_owned()),
        };
    }
    let url = url.trim();
    if url.is_empty() {
        return Dest::Ignored;
    }
    if let Some(rest) = url.strip_prefix(base_url) {
        return internal(rest);
    }
    if let Some(scheme) = scheme(url) {
        return match scheme.to_ascii_lowercase().as_str() {
            "http" | "https" => Dest::External(url.to_string()),
            _ => Dest::Ignored,
        };
    }
    if url.starts_with("//") {
        return Dest::External(format!("https:{url}"));
    }
    if let Some(rest) = url.strip_prefix(base_path) {
        return internal(rest);
    }
    if url.starts_with('/') {
        // Same host, outside the site's base path: another site.
        let origin = base_url.strip_suffix(base_path).unwrap_or(base_url);
        return Dest::External(format!("{origin}{url}"));
    }
    let dir = page.rfind('/').map_or("", |i| &page[..=i]);
    match html::join(dir, url) {
        Some(joined) => internal(&joined),
        None => Dest::Outside,
    }
}

/// A path relative to the site root, with its query and fragment.
fn internal(rest: &str) -> Dest {
    let (path, fragment) = match rest.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f).into_owned())),
        None => (rest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    Dest::Internal {
        path: percent_decode(path).into_owned(),
        fragment,
    }
}

fn scheme(url: &str) -> Option<&str> {
    let i = url.find(':')?;
    let s = &url[..i];
    let valid = s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(s)
}

/// The output file a site path names: a folder means its `index.html`.
pub fn wanted_file(path: &str) -> Cow<'_, str> {
    if path.is_empty() || path.ends_with('/') {
        Cow::Owned(format!("{path}index.html"))
    } else {
        Cow::Borrowed(path)
    }
}

/// The output files of a site, as the check looks them up: a set built
/// for one check, or the set a watched site's link memo keeps.
pub trait FileSet: Sync {
    /// `path` as the set holds it, if it holds it.
    fn get_file(&self, path: &str) -> Option<&str>;
}

impl<S: BuildHasher + Sync> FileSet for HashSet<&str, S> {
    fn get_file(&self, path: &str) -> Option<&str> {
        self.get(path).copied()
    }
}

impl FileSet for HashSet<String> {
    fn get_file(&self, path: &str) -> Option<&str> {
        self.get(path).map(String::as_str)
    }
}

/// The output file a site path resolves to, if it exists: `x/` and `x` both
/// find `x/index.html`.
pub fn find_file<'f, F: FileSet + ?Sized>(files: &'f F, path: &str) -> Option<&'f str> {
    if let Some(file) = files.get_file(wanted_file(path).as_ref()) {
        return Some(file);
    }
    if path.is_empty() || path.ends_with('/') {
        return None;
    }
    files.get_file(format!("{path}/index.html").as_str())
}

/// The paths of a site's files, for fast lookups.
pub fn file_set(outputs: &Outputs) -> HashSet<&str> {
    outputs.iter().map(|(path, _)| path).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://x.org/me/";

    fn dest(url: &str, page: &str) -> Dest {
        classify(url, page, BASE, "/me/")
    }

    fn internal_dest(path: &str, fragment: Option<&str>) -> Dest {
        Dest::Internal {
            path: path.into(),
            fragment: fragment.map(String::from),
        }
    }

    #[test]
    fn relative_links_resolve_from_the_page_folder() {
        let page = "articles/a/index.html";
        assert_eq!(dest("../b/", page), internal_dest("articles/b/", None));
        assert_eq!(dest("../../", page), internal_dest("", None));
        assert_eq!(
            dest("img%20x.png?v=1#top", page),
            internal_dest("articles/a/img x.png", Some("top"))
        );
        assert_eq!(dest("#part", page), internal_dest(page, Some("part")));
        assert_eq!(dest("../../../up/", page), Dest::Outside);
        assert_eq!(dest("./", page), internal_dest("articles/a/", None));
    }

    #[test]
    fn absolute_links_use_the_base_url_and_path() {
        let page = "404.html";
        assert_eq!(
            dest("/me/style.css", page),
            internal_dest("style.css", None)
        );
        assert_eq!(
            dest("https://x.org/me/articles/", page),
            internal_dest("articles/", None)
        );
        assert_eq!(
            dest("/other/", page),
            Dest::External("https://x.org/other/".into())
        );
        assert_eq!(
            dest("https://rust-lang.org/", page),
            Dest::External("https://rust-lang.org/".into())
        );
        assert_eq!(
            dest("//cdn.example/x.js", page),
            Dest::External("https://cdn.example/x.js".into())
        );
        for ignored in ["mailto:a@b.c", "tel:+1", "data:image/png;base64,xx", ""] {
            assert_eq!(dest(ignored, page), Dest::Ignored, "{ignored}");
        }
    }

    #[test]
    fn folders_find_their_index() {
        let mut outputs = Outputs::default();
        outputs.insert("a/index.html", "").unwrap();
        outputs.insert("s.css", "").unwrap();
        let o = file_set(&outputs);
        assert_eq!(find_file(&o, "a/"), Some("a/index.html"));
        assert_eq!(find_file(&o, "a"), Some("a/index.html"));
        assert_eq!(find_file(&o, "s.css"), Some("s.css"));
        assert_eq!(find_file(&o, "b/"), None);
        assert_eq!(find_file(&o, ""), None);
    }
}
