//! Loading a whole site: walk `content/`, read the data files, place every
//! markdown file, gather link targets, then render each body once (or take
//! it from the in-memory cache or the on-disk body store), and assemble the
//! [`Site`]. It does not decide where a file goes or what kind it is (see
//! `place.rs`), nor who sees it (see [`view`](super::view)).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::dated::undated;
use super::place::{duplicate_paths, place_all};
use super::{
    Asset, DATA_FILES, Item, Kind, Placed, Site, SiteCache, achievement, cv, kind_for, lenient,
    page_files, roadmap, source, view,
};
use crate::build_cache::bodies::{Bodies, Lookup};
use crate::cache::hash_of;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::markdown::{self, LinkTarget, Reuse};
use crate::timings;

/// Loads the whole site. Every problem found is returned at once.
pub fn load(config: Config) -> Result<Site> {
    load_cached(config, &SiteCache::disabled(), &Bodies::disabled())
}

/// Loads the site, reusing what `cache` holds for unchanged files (in
/// memory, between rebuilds) and what `bodies` holds (on disk, between
/// builds).
pub fn load_cached(config: Config, cache: &SiteCache, bodies: &Bodies) -> Result<Site> {
    let root = config.root.clone();
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        return Err(Diagnostic::error("no-content", "content", "the content/ folder is missing")
            .hint("create content/ with an _index.md for the home page, or start a new site with `folio init`")
            .into());
    }
    let mut warnings = Vec::new();
    let mut problems = Vec::new();
    let (files, listed_again) = timings::phase("walk", || {
        walk_cached(&root, &content_dir, cache, &mut warnings)
    })?;
    // File names that cannot be used are errors; the other files go on.
    let (name_errors, walk_warnings): (Vec<_>, Vec<_>) =
        warnings.drain(..).partition(Diagnostic::is_error);
    problems.extend(name_errors);
    warnings.extend(walk_warnings);

    let (markdown, others): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|f| page_files::is_markdown(&f.rel));
    let (cv, cv_diags) = cv::load(&root, &others)?;
    let others: Vec<_> = others
        .into_iter()
        .filter(|f| !DATA_FILES.contains(&f.rel.as_str()))
        .collect();
    // A file meant as a page but not read as one is never copied raw.
    let refused: Vec<Diagnostic> = others
        .iter()
        .filter_map(|f| {
            let display = f.abs.strip_prefix(&root).unwrap_or(&f.abs);
            page_files::refuse_front_matter_asset(&f.abs, display)
        })
        .collect();
    let assets: Vec<Asset> = others
        .into_iter()
        .map(|f| Asset {
            visibility: kind_for(&f.rel, None).default_visibility(),
            rel: f.rel,
            abs: f.abs,
        })
        .collect();

    // When the last listing holds, the watcher reported every change since
    // (else the listing is walked again): only the files it reported are
    // read, the others are taken from the cache without a look at the disk.
    let placed = timings::phase("read front matter", || {
        place_all(&root, &markdown, cache, bodies, !listed_again)
    })?;
    if listed_again {
        cache.finish_load(&markdown.iter().map(|f| f.rel.as_str()).collect());
    } else {
        // The same files as the last load: none to forget.
        cache.finish_load_of_the_same_files();
    }
    // `FOLIO_TEST_LOSE_SPILL=sources`: the spill file loses the sources
    // before their bodies are rendered (see `build.rs`).
    if cfg!(debug_assertions)
        && std::env::var_os("FOLIO_TEST_LOSE_SPILL").is_some_and(|v| v == "sources")
    {
        bodies.lose_spill();
    }
    problems.extend(refused);
    let mut items = Vec::new();
    // Each file read, with its bytes' hash: the listing's paths, moved.
    let mut read = Vec::with_capacity(markdown.len());
    for (p, file) in placed.into_iter().zip(markdown) {
        match p {
            Ok(p) => {
                read.push((file.abs, p.text_hash));
                warnings.extend(undated(&p));
                items.push(p);
            }
            Err(d) => {
                problems.extend(d);
                if config.keep_going {
                    items.extend(lenient::placeholder(&root, &file)?);
                }
            }
        }
    }
    let (cv_errors, cv_warnings): (Vec<_>, Vec<_>) =
        cv_diags.into_iter().partition(Diagnostic::is_error);
    problems.extend(cv_errors);
    warnings.extend(cv_warnings);
    let (logs, items): (Vec<_>, Vec<_>) = items
        .into_iter()
        .partition(|p| p.item.kind == Kind::Achievement);
    problems.extend(achievement::path_clashes(
        &items,
        cv.is_some(),
        !logs.is_empty(),
    ));
    problems.extend(duplicate_paths(&items));
    problems.extend(super::aliases::clashes(&items));
    if !problems.is_empty() && !config.keep_going {
        return Err(Error::Content(problems));
    }

    let targets: Vec<(String, LinkTarget)> = items
        .iter()
        .map(|p| {
            let target = LinkTarget {
                path: p.item.path.clone(),
                seen: view::seen(p.item.visibility, p.item.draft, config.drafts),
                draft: p.item.draft,
            };
            (p.item.rel.clone(), target)
        })
        .chain(achievement::link_targets(&logs, config.drafts))
        .chain(assets.iter().map(|a| {
            // Assets are link targets too: `![](diagram.svg)` beside a page
            // must point from the page's URL to the copied file.
            let target = LinkTarget {
                path: a.rel.clone(),
                seen: view::seen(a.visibility, false, config.drafts),
                draft: false,
            };
            (a.rel.clone(), target)
        }))
        .collect();
    // Every link target, in the walk's order (deterministic, sorted by
    // name): a change to any of them may change how a body's links render.
    // Only what a body's links read: a renamed article leaves the other
    // bodies as they were.
    let targets_version = hash_of(
        &targets
            .iter()
            .map(|(rel, t)| (rel, &t.path, t.seen, t.draft))
            .collect::<Vec<_>>(),
    );
    let targets: HashMap<String, LinkTarget> = targets.into_iter().collect();
    let stores = Stores { cache, bodies };
    let results: Vec<(Item, Vec<Diagnostic>)> = timings::phase("render markdown", || {
        items
            .into_par_iter()
            .map(|p| render_body(p, &config, &targets, targets_version, &stores))
            .collect()
    });
    let mut items = Vec::with_capacity(results.len());
    for (item, diags) in results {
        for d in diags {
            if d.is_error() {
                problems.push(d);
            } else {
                warnings.push(d);
            }
        }
        items.push(item);
    }
    let (achievements, diags) =
        achievement::load(&logs, &targets, &items, cv.as_ref(), config.drafts);
    for d in diags {
        if d.is_error() {
            problems.push(d);
        } else {
            warnings.push(d);
        }
    }
    warnings.extend(cv::unknown_variant_tags(
        &config.cv_variants,
        cv.as_ref(),
        achievements
            .iter()
            .flat_map(|a| a.tags.iter().map(String::as_str)),
    ));
    if config.keep_going {
        warnings.append(&mut problems);
    }
    if !problems.is_empty() {
        problems.extend(warnings);
        return Err(Error::Content(problems));
    }
    items.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(Site {
        config,
        items,
        assets,
        warnings,
        cv,
        achievements,
        achievement_files: logs.iter().map(achievement::LogFile::of).collect(),
        read,
        public_assets: std::sync::OnceLock::new(),
    })
}

/// The files of `content/` as the last walk found them, with that walk's
/// diagnostics: kept in the cache between rebuilds of a watched site.
struct Listing {
    root: PathBuf,
    content_dir: PathBuf,
    files: Vec<source::SourceFile>,
    /// The files' absolute paths.
    known: HashSet<PathBuf>,
    diagnostics: Vec<Diagnostic>,
}

/// [`source::walk`], or the last walk's listing when every path the
/// watcher reported since is either a file the listing holds and that is
/// still a plain file, or outside `content/` in the same site: such an edit
/// adds and removes no file. Anything else (a new, removed or renamed file,
/// a folder, a symlink, or no report at all) walks again.
/// Also says whether `content/` was walked (`true`) or the listing reused.
fn walk_cached(
    root: &Path,
    content_dir: &Path,
    cache: &SiteCache,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(Vec<source::SourceFile>, bool)> {
    let holds = |l: &Listing, reported: &rustc_hash::FxHashSet<PathBuf>| {
        l.root == root
            && l.content_dir == content_dir
            && reported.iter().all(|p| {
                if l.known.contains(p) {
                    std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_file())
                } else {
                    p.starts_with(root) && !p.starts_with(content_dir)
                }
            })
    };
    if let Some(listing) = cache.listing(holds) {
        warnings.extend(listing.diagnostics.iter().cloned());
        return Ok((listing.files.clone(), false));
    }
    let mut diagnostics = Vec::new();
    let files = source::walk(root, content_dir, &mut diagnostics)?;
    if cache.enabled() {
        cache.store_listing(Arc::new(Listing {
            root: root.to_path_buf(),
            content_dir: content_dir.to_path_buf(),
            known: files.iter().map(|f| f.abs.clone()).collect(),
            files: files.clone(),
            diagnostics: diagnostics.clone(),
        }));
    }
    warnings.extend(diagnostics);
    Ok((files, true))
}

/// Where a rendered body may come from besides rendering it.
struct Stores<'a> {
    /// In memory, between rebuilds of a watched site.
    cache: &'a SiteCache,
    /// On disk, between builds.
    bodies: &'a Bodies,
}

/// Renders one placed file's body (or reuses it), giving the finished item
/// and the body's diagnostics.
fn render_body(
    mut p: Placed,
    config: &Config,
    targets: &HashMap<String, LinkTarget>,
    targets_version: u64,
    stores: &Stores,
) -> (Item, Vec<Diagnostic>) {
    // Everything the rendered body depends on.
    // (Roadmaps also depend on "today", for overdue objectives.)
    let key = hash_of(&(
        p.text_hash,
        &p.item.rel,
        targets_version,
        config.drafts,
        config.today,
        &config.task_statuses,
    ));
    p.item.version = key;
    // The previous render of this file, if any: reused whole when its key
    // matches, else for its highlighted code blocks.
    let mut previous = None;
    if let Some(entry) = stores.cache.entry(&p.item.rel)
        && let Some((k, rendered, diags, roadmap)) = &entry.markdown
    {
        if *k == key {
            p.item.rendered = rendered.clone();
            p.item.roadmap = roadmap.clone();
            return (p.item, diags.clone());
        }
        previous = Some(rendered.clone());
    }
    // Roadmaps are never stored on disk: their model is rebuilt from the body.
    let storable = p.item.kind != Kind::Roadmap;
    if storable {
        match stores.bodies.get(&p.item.rel, key) {
            Lookup::Hit(rendered) => {
                stores.cache.update_file(&p.item.rel, |entry| {
                    entry.markdown = Some((key, rendered.clone(), Vec::new(), None));
                });
                p.item.rendered = rendered;
                return (p.item, Vec::new());
            }
            Lookup::Stale(stale) => previous = previous.or(Some(stale)),
            Lookup::Miss => {}
        }
    }
    let reuse = previous.as_ref().map(Reuse::of);
    // Read back once when it was spilled (`p.text`, not `p.text()`: the
    // item is changed below while the text is borrowed).
    let text = p.text.text();
    let ctx = markdown::Context {
        source: &p.item.source,
        rel: &p.item.rel,
        page_path: &p.item.path,
        seen: view::seen(p.item.visibility, p.item.draft, config.drafts),
        file_text: &text,
        body_line: p.body_line,
        targets,
        reuse: reuse.as_ref(),
    };
    // A text that could not be read back is empty (the build then fails
    // with that error before anything is swapped in).
    let body = text.get(p.body_start..).unwrap_or_default();
    let (rendered, diags) = if p.item.kind == Kind::Roadmap {
        let (model, rendered, diags) =
            roadmap::load(body, &ctx, &p.roadmap, &config.task_statuses, config.today);
        p.item.roadmap = Some(Box::new(model));
        (rendered, diags)
    } else {
        markdown::render(body, &ctx)
    };
    let rendered = stores.bodies.keep(rendered);
    stores.cache.update_file(&p.item.rel, |entry| {
        entry.markdown = Some((key, rendered.clone(), diags.clone(), p.item.roadmap.clone()));
    });
    if storable && diags.is_empty() {
        stores.bodies.put(&p.item.rel, key, &rendered);
    }
    p.item.rendered = rendered;
    (p.item, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(files: &[source::SourceFile]) -> Vec<&str> {
        files.iter().map(|f| f.rel.as_str()).collect()
    }

    /// With the listing reused, the files the watcher reported are read
    /// again and the others are taken from the cache without a stat; when
    /// the watcher reports the folder (it dropped events), every file is
    /// looked at again.
    #[test]
    fn a_reused_listing_reads_the_reported_files_and_a_walk_reads_every_changed_one() {
        let site = tempfile::tempdir().expect("temp dir");
        let root = std::path::absolute(site.path()).expect("absolute");
        let content = root.join("content");
        std::fs::create_dir_all(content.join("articles")).expect("content/");
        std::fs::write(
            root.join("site.toml"),
            "title = \"T\"\nbase_url = \"https://example.org/\"\n",
        )
        .expect("site.toml");
        std::fs::write(content.join("_index.md"), "# Home\n").expect("_index.md");
        let a = content.join("articles/a.md");
        let b = content.join("articles/b.md");
        let article = |title: &str| format!("---\ntitle: {title}\ndate: 2026-01-01\n---\nBody.\n");
        std::fs::write(&a, article("A1")).expect("a.md");
        std::fs::write(&b, article("B1")).expect("b.md");
        let config = || Config::load(&root, &Default::default()).expect("config");
        let cache = SiteCache::new();
        let titles = |cache: &SiteCache| {
            let site = load_cached(config(), cache, &Bodies::disabled()).expect("loads");
            site.items_of(Kind::Article)
                .map(|i| i.title.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(titles(&cache), ["A1", "B1"]);
        // Both change on disk (b.md with a different length, so a stat would
        // see it); the watcher reports a.md only.
        std::fs::write(&a, article("A2")).expect("a.md");
        std::fs::write(&b, article("B2 longer")).expect("b.md");
        cache.mark_dirty([a.clone()]);
        assert_eq!(titles(&cache), ["A2", "B1"]);
        // Dropped events: the watcher reports the folder, every file is
        // looked at again.
        cache.mark_dirty([content.clone()]);
        assert_eq!(titles(&cache), ["A2", "B2 longer"]);
    }

    /// A body depends on where its links point, not on the titles of the
    /// pages it links to: renaming an article keeps every other body (and
    /// so every page that shows only those) as it was, while moving it
    /// renders the bodies that link to it again.
    #[test]
    fn renaming_an_article_keeps_the_other_bodies_and_moving_it_does_not() {
        let site = tempfile::tempdir().expect("temp dir");
        let root = std::path::absolute(site.path()).expect("absolute");
        let articles = root.join("content/articles");
        std::fs::create_dir_all(&articles).expect("content/articles");
        std::fs::write(
            root.join("site.toml"),
            "title = \"T\"\nbase_url = \"https://example.org/\"\n",
        )
        .expect("site.toml");
        let a = |front: &str| {
            std::fs::write(
                articles.join("a.md"),
                format!("---\n{front}date: 2026-01-01\n---\nBody.\n"),
            )
            .expect("a.md")
        };
        a("title: A\n");
        std::fs::write(
            articles.join("b.md"),
            "---\ntitle: B\ndate: 2026-01-02\n---\nSee [a](a.md).\n",
        )
        .expect("b.md");
        let versions = || {
            let site =
                load(Config::load(&root, &Default::default()).expect("config")).expect("loads");
            let version = |rel: &str| {
                site.items_of(Kind::Article)
                    .find(|i| i.rel == rel)
                    .map(|i| (i.version, i.rendered.html.text().into_owned()))
                    .expect("the article")
            };
            (version("articles/a.md"), version("articles/b.md"))
        };
        let (a1, b1) = versions();
        a("title: A renamed\n");
        let (a2, b2) = versions();
        assert_ne!(a1.0, a2.0, "a's own version follows its file");
        assert_eq!(b1, b2, "b does not show a's title");
        a("title: A renamed\nslug: moved\n");
        let (_, b3) = versions();
        assert_ne!(b2.0, b3.0, "b's link now points elsewhere");
        assert!(b3.1.contains("moved"), "b links to a's new place: {}", b3.1);
    }

    #[test]
    fn a_listing_is_walked_again_when_the_content_folder_itself_is_reported() {
        let site = tempfile::tempdir().expect("temp dir");
        let root = std::path::absolute(site.path()).expect("absolute");
        let content = root.join("content");
        std::fs::create_dir_all(&content).expect("content/");
        std::fs::write(content.join("a.md"), "# A\n").expect("a.md");
        let cache = SiteCache::new();
        let walk = |cache: &SiteCache| {
            let (files, _) = walk_cached(&root, &content, cache, &mut Vec::new()).expect("walks");
            cache.finish_load(&HashSet::new());
            files
        };
        assert_eq!(names(&walk(&cache)), ["a.md"]);
        // A file the watcher never reported (its event was lost).
        std::fs::write(content.join("b.md"), "# B\n").expect("b.md");
        // An edit to a known file keeps the listing.
        cache.mark_dirty([content.join("a.md")]);
        assert_eq!(names(&walk(&cache)), ["a.md"]);
        // What `watch` reports when the system dropped events: the folder.
        cache.mark_dirty([content.clone()]);
        assert_eq!(names(&walk(&cache)), ["a.md", "b.md"]);
    }
}
