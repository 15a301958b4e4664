//! Request paths to output files: which site, which key, or a redirect or a
//! 404. Pure functions, so every traversal trick is a table test.

/// The Content-Type of an output file is the output's to say.
pub use crate::output::content_type;

/// The two mounted sites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteKind {
    Public,
    Private,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    File(SiteKind, String),
    /// A folder asked for without its trailing slash.
    Redirect(String),
    NotFound(SiteKind),
}

/// Resolves a request path. `exists(site, key)` says whether an output file
/// exists. Percent-encoding is decoded once; any `.`/`..` segment, empty
/// segment, backslash or NUL is a 404, never a file.
pub fn lookup(raw: &str, exists: impl Fn(SiteKind, &str) -> bool) -> Lookup {
    let (kind, prefix, rest) = if raw == "/_private" {
        return Lookup::Redirect("/_private/".into());
    } else if let Some(rest) = raw.strip_prefix("/_private/") {
        (SiteKind::Private, "/_private/", rest)
    } else if let Some(rest) = raw.strip_prefix('/') {
        (SiteKind::Public, "/", rest)
    } else {
        return Lookup::NotFound(SiteKind::Public);
    };
    let Some(decoded) = crate::percent::decode_strict(rest) else {
        return Lookup::NotFound(kind);
    };
    let is_dir = decoded.is_empty() || decoded.ends_with('/');
    let trimmed = decoded.strip_suffix('/').unwrap_or(&decoded);
    if !trimmed.is_empty() {
        let bad = trimmed
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == ".." || s.contains(['\\', '\0']));
        if bad {
            return Lookup::NotFound(kind);
        }
    }
    let key = if is_dir {
        format!("{decoded}index.html")
    } else {
        decoded.clone()
    };
    if exists(kind, &key) {
        return Lookup::File(kind, key);
    }
    if !is_dir && exists(kind, &format!("{decoded}/index.html")) {
        return Lookup::Redirect(format!("{prefix}{rest}/"));
    }
    Lookup::NotFound(kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use SiteKind::*;

    fn exists(kind: SiteKind, key: &str) -> bool {
        let public = [
            "index.html",
            "articles/a/index.html",
            "style.css",
            "a b.txt",
        ];
        let private = ["index.html", "roadmaps/x/index.html"];
        match kind {
            Public => public.contains(&key),
            Private => private.contains(&key),
        }
    }

    #[test]
    fn maps_paths_to_files_redirects_and_404s() {
        let cases: &[(&str, Lookup)] = &[
            ("/", Lookup::File(Public, "index.html".into())),
            (
                "/articles/a/",
                Lookup::File(Public, "articles/a/index.html".into()),
            ),
            ("/articles/a", Lookup::Redirect("/articles/a/".into())),
            ("/style.css", Lookup::File(Public, "style.css".into())),
            ("/a%20b.txt", Lookup::File(Public, "a b.txt".into())),
            ("/nope", Lookup::NotFound(Public)),
            ("/_private", Lookup::Redirect("/_private/".into())),
            ("/_private/", Lookup::File(Private, "index.html".into())),
            (
                "/_private/roadmaps/x/",
                Lookup::File(Private, "roadmaps/x/index.html".into()),
            ),
            ("/_private/style.css", Lookup::NotFound(Private)),
        ];
        for (path, want) in cases {
            assert_eq!(&lookup(path, exists), want, "{path}");
        }
    }

    #[test]
    fn traversal_attempts_never_name_a_file() {
        for path in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/_private/../../etc/passwd",
            "/_private/%2e%2e/index.html",
            "/articles/../index.html",
            "/./index.html",
            "//etc/passwd",
            "/..%2findex.html",
            "/%5c..%5cindex.html",
            "/index.html%00",
            "/%zz",
            "/%ff",
            "etc/passwd",
        ] {
            assert!(
                matches!(lookup(path, |_, _| true), Lookup::NotFound(_)),
                "{path} must be a 404"
            );
        }
    }

    #[test]
    fn content_types_follow_extensions() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("atom.xml"), "application/atom+xml");
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("x.SVG"), "image/svg+xml");
        assert_eq!(content_type("CNAME"), "application/octet-stream");
    }
}
