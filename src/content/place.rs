//! Placing one markdown file: read and decode it, split its front matter,
//! decide its [`Kind`] (from its folder or `type:`), its title and its URL
//! path, and refuse two files on one URL. It does not render markdown (see
//! `load.rs`) nor decide who sees the file (see [`view`](super::view)).

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::dated::dated_name;
use super::{CachedFile, Item, Kind, Placed, SiteCache, frontmatter, page_files, roadmap, source};
use crate::build_cache::bodies::Bodies;
use crate::cache::{Stamp, hash_bytes};
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::markdown::{Body, Rendered};
use crate::slug::slugify;

/// Reads and places every markdown file (in parallel), reusing unchanged ones.
///
/// With `reported_only` (the watcher reported every change since the last
/// load), a file it did not report is taken from the cache without a stat.
pub(super) fn place_all(
    root: &Path,
    markdown: &[source::SourceFile],
    cache: &SiteCache,
    bodies: &Bodies,
    reported_only: bool,
) -> Result<Vec<std::result::Result<Placed, Vec<Diagnostic>>>> {
    let unreported = if reported_only {
        cache.unreported(markdown.iter().map(|f| (f.rel.as_str(), f.abs.as_path())))
    } else {
        Vec::new()
    };
    markdown
        .par_iter()
        .enumerate()
        .map(|(i, f)| {
            // A build without the watch cache neither stats nor keeps, and
            // the text of a file whose body it renders later waits in the
            // spill (an achievement log is read whole, and at once).
            if !cache.enabled() {
                return Ok(place(root, f)?.map(|mut p| {
                    if p.item.kind != Kind::Achievement {
                        p.text = bodies.keep_source(p.text);
                    }
                    p
                }));
            }
            if let Some(Some(entry)) = unreported.get(i) {
                return Ok(entry.placed.clone());
            }
            let stamp = Stamp::of(&f.abs);
            if let Some(entry) = cache.file(&f.rel, &f.abs, stamp) {
                return Ok(entry.placed.clone());
            }
            let placed = place(root, f)?;
            let entry = CachedFile {
                placed: placed.clone(),
                markdown: None,
            };
            cache.store_file(&f.rel, stamp, entry);
            Ok(placed)
        })
        .collect()
}

pub(crate) fn kind_for(rel: &str, declared: Option<&str>) -> Kind {
    match declared {
        Some("roadmap") => return Kind::Roadmap,
        Some("achievement" | "achievements") => return Kind::Achievement,
        Some("article") => return Kind::Article,
        Some("page") => return Kind::Page,
        _ => {}
    }
    if matches!(page_files::stem(rel), "_index" | "index") {
        return Kind::Home;
    }
    match rel.split('/').next() {
        Some("articles") if rel.contains('/') => Kind::Article,
        Some("roadmaps") if rel.contains('/') => Kind::Roadmap,
        Some("achievements") if rel.contains('/') => Kind::Achievement,
        _ => Kind::Page,
    }
}

/// Reads one markdown file, its front matter, and its place in the site.
fn place(
    root: &Path,
    file: &source::SourceFile,
) -> Result<std::result::Result<Placed, Vec<Diagnostic>>> {
    let display = file
        .abs
        .strip_prefix(root)
        .unwrap_or(&file.abs)
        .to_path_buf();
    let bytes = match std::fs::read(&file.abs) {
        Ok(b) => b,
        Err(e) => return Ok(Err(vec![source::unreadable(&display, &e)])),
    };
    let text_hash = hash_bytes(&bytes);
    let text = match source::decode(&display, bytes) {
        Ok(t) => t,
        Err(d) => return Ok(Err(vec![d])),
    };
    Ok(place_text(display, &file.rel, text, text_hash))
}

/// [`place`] for a file already read and decoded, whose bytes hash to
/// `text_hash`.
pub(super) fn place_text(
    display: PathBuf,
    rel: &str,
    text: String,
    text_hash: u64,
) -> std::result::Result<Placed, Vec<Diagnostic>> {
    let split = match frontmatter::split(&display, &text) {
        Ok(s) => s,
        Err(d) => return Err(vec![d]),
    };
    let mut fm = frontmatter::parse(&display, &text, &split)?;
    let mut body_start = text.len() - split.body.len();
    let mut body_line = split.body_line;
    let kind = kind_for(rel, fm.kind.as_deref());
    let mut problems = Vec::new();
    // Jekyll's `_posts/2026-03-14-title.md` (and Zola's): the date the
    // file name starts with, unless front matter gives one.
    if let Some((named, _)) = dated_name(rel, kind) {
        match named {
            Ok(d) => fm.date = fm.date.or(Some(d)),
            Err(msg) => problems.push(
                Diagnostic::error("date", &display, format!("the file name's date {msg}"))
                    .at(1, 1)
                    .hint("rename the file with a real date (YYYY-MM-DD-title.md)"),
            ),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let roadmap = roadmap::Settings {
        start: fm.start,
        date: fm.date,
        public_items: fm.public_items,
        priority: fm.priority.clone(),
    };
    let path = match url_path(rel, kind, fm.slug.as_ref()) {
        Ok(p) => p,
        Err(msg) => {
            let line = fm.slug.as_ref().map_or(1, |(_, l)| *l);
            return Err(vec![
                Diagnostic::error("slug", &display, msg)
                    .at_in(&text, line, 1)
                    .hint("a slug is one path segment of letters, digits and dashes, e.g. slug: my-page"),
            ]);
        }
    };
    // A leading `# Title` is the page's title, shown by the template: it is
    // not repeated in the body unless the front matter names another title.
    let leading = leading_h1(split.body);
    let title = match (fm.title.clone(), leading) {
        (Some(t), Some((h1, skip))) if same_title(&t, &h1) => {
            body_start += skip;
            body_line += split.body[..skip].matches('\n').count();
            t
        }
        (Some(t), _) => t,
        (None, Some((h1, skip))) => {
            body_start += skip;
            body_line += split.body[..skip].matches('\n').count();
            h1
        }
        (None, None) => title_from_file(dated_name(rel, kind).map_or(rel, |(_, rest)| rest)),
    };
    // A tag written twice (or as `Rust` and `rust`) is one tag, shown once.
    let mut tags = Vec::new();
    let mut tag_slugs = Vec::new();
    for tag in fm.tags {
        let slug = crate::slug::tag_slug(&tag);
        if !tag_slugs.contains(&slug) {
            tag_slugs.push(slug);
            tags.push(tag);
        }
    }
    let item = Item {
        kind,
        rel: rel.to_string(),
        source: display,
        path,
        title,
        date: fm.date,
        updated: fm.updated,
        description: fm.description.unwrap_or_default(),
        tag_slugs,
        tags,
        draft: fm.draft,
        visibility: fm.visibility.unwrap_or_else(|| kind.default_visibility()),
        template: fm.template,
        menu: fm.menu,
        extra: fm.extra,
        rendered: Rendered::default(),
        version: 0,
        roadmap: None,
        aliases: fm.aliases,
    };
    Ok(Placed {
        item,
        text_hash,
        text: Body::from(text),
        body_start,
        body_line,
        roadmap,
    })
}

/// The URL path of a content file: `articles/x.md` → `articles/x/`,
/// `about/_index.md` → `about/`, with `slug` replacing the last segment.
pub(super) fn url_path(
    rel: &str,
    kind: Kind,
    slug: Option<&(String, usize)>,
) -> std::result::Result<String, String> {
    if kind == Kind::Home && slug.is_none() {
        return Ok(String::new());
    }
    let stem = page_files::stem(rel);
    let mut segments: Vec<String> = stem.split('/').map(slugify).collect();
    let last_is_index = matches!(stem.rsplit('/').next(), Some("_index" | "index"));
    if last_is_index {
        segments.pop();
    }
    // A `YYYY-MM-DD-` prefix is the page's date, not part of its URL.
    if let (Some((_, rest)), Some(last)) = (dated_name(rel, kind), segments.last_mut()) {
        *last = slugify(rest);
    }
    if let Some((slug, _)) = slug {
        let s = slug.trim();
        if s.is_empty()
            || s.contains(['/', '\\'])
            || s.split('.').all(str::is_empty)
            || s.contains("..")
        {
            return Err(format!(
                "slug `{slug}` is not a single path segment (it would leave its folder)"
            ));
        }
        let s = slugify(s);
        if s.is_empty() {
            return Err(format!("slug `{slug}` has no letters or digits"));
        }
        match segments.last_mut() {
            Some(last) if !last_is_index => *last = s,
            _ => segments.push(s),
        }
    }
    if segments.iter().any(String::is_empty) {
        return Err(format!("the file name `{rel}` gives an empty URL segment"));
    }
    Ok(segments.iter().map(|s| format!("{s}/")).collect())
}

pub(super) fn duplicate_paths(items: &[Placed]) -> Vec<Diagnostic> {
    let reserved = ["articles/", "tags/", "dashboard/"];
    // Looked up once per page: a hash map (the problems keep the items' order).
    let mut seen: rustc_hash::FxHashMap<&str, &Path> = Default::default();
    let mut problems = Vec::new();
    for p in items {
        let path = p.item.path.as_str();
        if reserved.contains(&path)
            || path.starts_with("tags/")
            || path.starts_with("articles/page/")
        {
            problems.push(
                Diagnostic::error(
                    "duplicate-path",
                    &p.item.source,
                    format!("the URL /{path} is made by folio itself"),
                )
                .hint("rename the file or give it another slug"),
            );
        } else if let Some(other) = seen.insert(path, &p.item.source) {
            problems.push(
                Diagnostic::error(
                    "duplicate-path",
                    &p.item.source,
                    format!("same URL /{path} as {}", other.display()),
                )
                .hint("rename one of the files or give it a `slug:`"),
            );
        }
    }
    problems
}

/// A `# Heading` opening the body (after blank lines): its text, and how
/// many bytes of the body it spans.
fn leading_h1(body: &str) -> Option<(String, usize)> {
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let text = trimmed.strip_prefix("# ")?.trim().trim_matches('*').trim();
        return (!text.is_empty()).then(|| (text.to_string(), offset));
    }
    None
}

fn same_title(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

pub(super) fn title_from_file(rel: &str) -> String {
    let stem = rel.rsplit('/').next().unwrap_or(rel);
    let stem = page_files::stem(stem);
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "Untitled".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_folders_or_front_matter() {
        assert_eq!(kind_for("_index.md", None), Kind::Home);
        assert_eq!(kind_for("articles/a.md", None), Kind::Article);
        assert_eq!(kind_for("roadmaps/a.md", None), Kind::Roadmap);
        assert_eq!(kind_for("achievements/log.md", None), Kind::Achievement);
        assert_eq!(kind_for("about.md", None), Kind::Page);
        assert_eq!(kind_for("notes/plan.md", Some("roadmap")), Kind::Roadmap);
    }

    #[test]
    fn url_paths_follow_files_and_slugs() {
        assert_eq!(
            url_path("articles/My Post.md", Kind::Article, None).unwrap(),
            "articles/my-post/"
        );
        assert_eq!(
            url_path("about/_index.md", Kind::Page, None).unwrap(),
            "about/"
        );
        assert_eq!(url_path("_index.md", Kind::Home, None).unwrap(), "");
        let slug = ("Hello World".to_string(), 2);
        assert_eq!(
            url_path("articles/x.md", Kind::Article, Some(&slug)).unwrap(),
            "articles/hello-world/"
        );
    }

    #[test]
    fn slugs_that_leave_their_folder_are_refused() {
        for bad in ["../../x", "a/b", "..", ".", "", "..\\x"] {
            let slug = (bad.to_string(), 2);
            assert!(
                url_path("articles/x.md", Kind::Article, Some(&slug)).is_err(),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn titles_fall_back_to_heading_then_file_name() {
        assert_eq!(
            leading_h1("\n# **The Plan**\nbody\n"),
            Some(("The Plan".to_string(), 16))
        );
        assert_eq!(leading_h1("intro\n# Later\n"), None);
        assert_eq!(title_from_file("roadmaps/growth-plan.md"), "Growth plan");
    }
}
