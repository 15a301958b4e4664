//! What `folio serve` answers at the address of a draft: a 404, as for any
//! page that is not on the site, but one that says the page is a draft and
//! how to see it. `folio new` writes articles as drafts, so a new user's
//! first page is one; a bare "not found" there looks like a bug.
//!
//! Only `serve` says this: a built site never names its drafts.

use std::collections::HashMap;

use crate::audience::Audience;
use crate::content::Site;
use crate::markdown::escape;

use super::paths::SiteKind;

/// A draft page, as its 404 names it.
#[derive(Debug, Clone)]
struct Draft {
    title: String,
    /// Relative to the site root (`content/articles/x.md`).
    source: String,
    /// Whether the public site would show it once published.
    public: bool,
}

/// The skipped drafts of the last good build, by URL path (`articles/x/`).
#[derive(Debug, Default)]
pub struct Drafts {
    by_path: HashMap<String, Draft>,
}

impl Drafts {
    pub fn of(site: &Site) -> Drafts {
        let by_path = site
            .skipped_draft_pages()
            .map(|(item, seen)| {
                let draft = Draft {
                    title: item.title.clone(),
                    source: item.source.to_string_lossy().replace('\\', "/"),
                    public: seen.by(Audience::Public),
                };
                (item.path.clone(), draft)
            })
            .collect();
        Drafts { by_path }
    }

    /// The 404 page for `request_path` (as sent, `/articles/x/` or
    /// `/_private/articles/x`) when it is a draft's address on `kind`'s site.
    pub fn page_for(&self, kind: SiteKind, request_path: &str) -> Option<Vec<u8>> {
        let rest = match kind {
            SiteKind::Private => request_path.strip_prefix(super::PRIVATE_PREFIX)?,
            SiteKind::Public => request_path.strip_prefix('/')?,
        };
        let decoded = crate::percent::decode_strict(rest)?;
        let dir = decoded.strip_suffix("index.html").unwrap_or(&decoded);
        let key = format!("{}/", dir.trim_end_matches('/'));
        let draft = self.by_path.get(&key)?;
        if kind == SiteKind::Public && !draft.public {
            return None;
        }
        Some(page(draft))
    }
}

fn page(d: &Draft) -> Vec<u8> {
    let title = escape(&d.title);
    let source = escape(&d.source);
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Draft: {title} (folio serve)</title>
<style>:root{{color-scheme:light dark}}body{{font:17px/1.6 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}}h1{{line-height:1.2}}code{{font-size:.9em}}.cmd{{white-space:nowrap}}</style>
</head>
<body>
<main>
<h1>This page is a draft</h1>
<p>“{title}” (<code>{source}</code>) has <code>draft: true</code> in its front matter, so folio leaves it out of both sites.</p>
<ul>
<li>To publish it, delete the <code class="cmd">draft: true</code> line and save: this page reloads by itself.</li>
<li>To preview every draft, stop this server (Ctrl+C) and run <code class="cmd">folio serve --drafts</code>.</li>
</ul>
<p>Only <code>folio serve</code> says this: a built site answers with its own 404 page.</p>
</main>
</body>
</html>
"#
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drafts() -> Drafts {
        let mut by_path = HashMap::new();
        for (path, public) in [("articles/a-b/", true), ("roadmaps/plan/", false)] {
            by_path.insert(
                path.to_string(),
                Draft {
                    title: "A <b>".into(),
                    source: format!("content/{}.md", path.trim_end_matches('/')),
                    public,
                },
            );
        }
        Drafts { by_path }
    }

    #[test]
    fn a_draft_address_in_any_spelling_gets_the_draft_page() {
        let d = drafts();
        for path in [
            "/articles/a-b/",
            "/articles/a-b",
            "/articles/a-b/index.html",
            "/articles/a%2Db/",
        ] {
            let page = d.page_for(SiteKind::Public, path).expect(path);
            let text = String::from_utf8(page).unwrap();
            assert!(text.contains("This page is a draft"), "{path}");
            assert!(text.contains("“A &lt;b&gt;” (<code>content/articles/a-b.md</code>)"));
            assert!(text.contains("folio serve --drafts"));
        }
        assert!(
            d.page_for(SiteKind::Private, "/_private/articles/a-b/")
                .is_some()
        );
        // A private draft is not announced at its public address.
        assert!(d.page_for(SiteKind::Public, "/roadmaps/plan/").is_none());
        assert!(
            d.page_for(SiteKind::Private, "/_private/roadmaps/plan/")
                .is_some()
        );
        assert!(d.page_for(SiteKind::Public, "/articles/other/").is_none());
        assert!(d.page_for(SiteKind::Public, "/").is_none());
    }
}
