//! The persisted build cache (`.folio-cache/`): a build that reads it writes
//! exactly the bytes a clean build writes, after every kind of change, and a
//! build with nothing changed leaves the outputs alone.

mod support;

use std::collections::BTreeMap;

use support::{Output, Site, output_of, read_tree, run_folio};

const TODAY: &str = "2026-06-01";

type Tree = BTreeMap<String, Vec<u8>>;

/// A named change to a site's sources.
type Change = (&'static str, Box<dyn Fn(&Site)>);

/// Builds the site with the cache, into its usual outputs.
fn cached_build(site: &Site) -> Output {
    let out = site.build(&["--today", TODAY]);
    out.assert_ok();
    out
}

/// Builds the site without reading or writing any cache, into fresh folders.
fn clean_build(site: &Site) -> (Tree, Tree) {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    let private = tmp.path().join("private");
    output_of(&mut site.build_command_into(&public, &private, &["--today", TODAY, "--no-cache"]))
        .assert_ok();
    (read_tree(&public), read_tree(&private))
}

/// The cached build's outputs equal a clean build's, byte for byte.
#[track_caller]
fn assert_same_as_clean(site: &Site, what: &str) {
    let (public, private) = clean_build(site);
    for (name, cached, clean) in [
        ("public", read_tree(&site.public_dir()), public),
        ("private", read_tree(&site.private_dir()), private),
    ] {
        let cached_paths: Vec<&String> = cached.keys().collect();
        let clean_paths: Vec<&String> = clean.keys().collect();
        assert_eq!(
            cached_paths, clean_paths,
            "{what}: {name}/ holds other files"
        );
        for (path, bytes) in &clean {
            assert!(
                cached[path] == *bytes,
                "{what}: {name}/{path} differs from a clean build"
            );
        }
    }
}

fn cache_files(site: &Site) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.path(".folio-cache"))
        .map(|dir| {
            dir.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn edit(site: &Site, rel: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(site.path(rel)).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`");
    site.write(rel, &text.replacen(from, to, 1));
}

/// A change to `rel` that changes no output: the next build is a real one.
fn append_newline(site: &Site, rel: &str) {
    let text = std::fs::read_to_string(site.path(rel)).unwrap();
    site.write(rel, &format!("{text}\n"));
}

#[test]
fn builds_from_the_cache_equal_clean_builds_after_every_kind_of_change() {
    let site = Site::copy("basic");
    let first = cached_build(&site);
    assert!(!first.said_unchanged());
    assert_same_as_clean(&site, "first build");
    let files = cache_files(&site);
    assert!(
        files.iter().any(|f| f.starts_with("bodies-")),
        "bodies are stored: {files:?}"
    );
    assert!(files.contains(&".gitignore".to_string()));

    // Each change, then a build from the cache compared with a clean build.
    let changes: Vec<Change> = vec![
        (
            "an article's text",
            Box::new(|s| {
                edit(
                    s,
                    "content/articles/first.md",
                    "The opening",
                    "The very opening",
                )
            }),
        ),
        (
            "a code block",
            Box::new(|s| {
                edit(
                    s,
                    "content/articles/first.md",
                    "println!(\"hello\")",
                    "println!(\"bye\")",
                )
            }),
        ),
        (
            // No body shows another's title: only this body is rendered
            // again, and the pages that list it.
            "a title other pages link to",
            Box::new(|s| edit(s, "content/articles/second.md", "title:", "title: Renamed")),
        ),
        (
            "a roadmap",
            Box::new(|s| edit(s, "content/roadmaps/plan.md", "- [ ]", "- [x]")),
        ),
        (
            "a new article",
            Box::new(|s| {
                s.write(
                    "content/articles/third.md",
                    "---\ntitle: Third\ndate: 2026-05-01\n---\nLinks to [the first](first.md).\n\n```python\nprint('x')\n```\n",
                )
            }),
        ),
        (
            "a removed article",
            Box::new(|s| std::fs::remove_file(s.path("content/articles/third.md")).unwrap()),
        ),
        (
            "a template",
            Box::new(|s| {
                s.write(
                    "templates/page.html",
                    "{% extends \"base.html\" %}\n{% block content %}<p class=\"custom\">{{ page.title }}</p>{% endblock content %}\n",
                )
            }),
        ),
        (
            "a static file",
            Box::new(|s| s.write("static/robots-extra.txt", "hello\n")),
        ),
        (
            "the config",
            Box::new(|s| edit(s, "site.toml", "Basic Fixture", "Basic Fixture Renamed")),
        ),
        (
            "a same-length edit made at once",
            Box::new(|s| edit(s, "content/about.md", "a", "b")),
        ),
    ];
    for (what, change) in &changes {
        change(&site);
        let out = cached_build(&site);
        assert!(!out.said_unchanged(), "{what}: the change was not seen");
        assert_same_as_clean(&site, what);
    }
}

#[test]
fn nothing_changed_leaves_the_outputs_alone_and_repeats_the_warnings() {
    let site = Site::copy("basic");
    // A warning the second build must repeat: an unknown code language.
    site.write(
        "content/articles/klingon.md",
        "---\ntitle: Klingon\ndate: 2026-01-01\n---\n```klingon\nQapla'\n```\n",
    );
    let first = cached_build(&site);
    assert!(first.stderr.contains("klingon"), "{}", first.stderr);
    let before = std::fs::metadata(site.public("index.html")).unwrap();
    let second = cached_build(&site);
    assert!(second.said_unchanged(), "{}", second.stdout);
    assert_eq!(second.stderr, first.stderr, "the same warnings, again");
    let pages = |o: &Output| o.stdout.split(" in ").next().unwrap().to_string();
    assert_eq!(pages(&second), pages(&first));
    let after = std::fs::metadata(site.public("index.html")).unwrap();
    assert_eq!(
        before.modified().unwrap(),
        after.modified().unwrap(),
        "not rewritten"
    );
    assert_same_as_clean(&site, "nothing changed");
}

/// Each change by hand to an output folder, alone, makes the next build a
/// real one that puts back what a clean build writes: the record of what
/// the outputs hold must notice every kind of entry added, removed or
/// rewritten, in either folder.
#[test]
fn outputs_changed_by_hand_are_rebuilt() {
    let changes: Vec<Change> = vec![
        (
            "a page removed",
            Box::new(|s| std::fs::remove_file(s.public("about/index.html")).unwrap()),
        ),
        (
            "a page rewritten",
            Box::new(|s| std::fs::write(s.private("index.html"), "tampered").unwrap()),
        ),
        (
            "a stray file",
            Box::new(|s| std::fs::write(s.public("stray.html"), "left by hand").unwrap()),
        ),
        (
            "a page rewritten in place, same size, modification time put back",
            Box::new(|s| rewrite_in_place(&s.public("about/index.html"))),
        ),
        (
            "an empty stray folder",
            Box::new(|s| std::fs::create_dir(s.private("stray")).unwrap()),
        ),
        (
            "a stray file in a new folder",
            Box::new(|s| {
                std::fs::create_dir(s.public("stray")).unwrap();
                std::fs::write(s.public("stray/index.html"), "left by hand").unwrap();
            }),
        ),
        (
            "a folder removed",
            Box::new(|s| std::fs::remove_dir_all(s.public("about")).unwrap()),
        ),
    ];
    let site = Site::copy("basic");
    cached_build(&site);
    for (what, change) in &changes {
        assert!(cached_build(&site).said_unchanged(), "{what}: before");
        change(&site);
        let out = cached_build(&site);
        assert!(!out.said_unchanged(), "{what}: not noticed");
        assert_same_as_clean(&site, what);
    }
}

/// Overwrites the start of the file at `path` with as many other bytes,
/// through the same inode, and sets its modification time back: its
/// name, size, inode and modification time are what they were.
fn rewrite_in_place(path: &std::path::Path) {
    use std::io::Write;
    let modified = std::fs::metadata(path).unwrap().modified().unwrap();
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.write_all(b"<!-- tampered -->").unwrap();
    file.set_modified(modified).unwrap();
}

/// An output folder named with a trailing `/` is the same folder: a second
/// build with nothing changed says so.
#[test]
fn nothing_changed_is_seen_with_output_folders_named_with_a_trailing_slash() {
    let site = Site::copy("basic");
    let tmp = tempfile::tempdir().unwrap();
    let public = std::path::PathBuf::from(format!("{}/", tmp.path().join("www").display()));
    let private = std::path::PathBuf::from(format!("{}/", tmp.path().join("own").display()));
    let build = || {
        let out = output_of(&mut site.build_command_into(&public, &private, &["--today", TODAY]));
        out.assert_ok();
        out
    };
    assert!(!build().said_unchanged());
    assert!(build().said_unchanged(), "the second build");
    std::fs::write(public.join("stray.html"), "left by hand").unwrap();
    assert!(!build().said_unchanged(), "a stray file is still noticed");
    assert!(!public.join("stray.html").exists());
}

/// The cache keeps a body that `folio build` wrote into a page as where it
/// is in that page, not as a copy. A page changed by hand (even to bytes of
/// the same length), moved or removed must never give a body back.
#[test]
fn bodies_are_kept_as_places_in_the_written_pages_and_never_read_back_changed() {
    let site = Site::copy("basic");
    cached_build(&site);
    let cache: Vec<u8> = cache_files(&site)
        .iter()
        .filter(|f| f.starts_with("bodies-"))
        .flat_map(|f| std::fs::read(site.path(".folio-cache").join(f)).unwrap())
        .collect();
    assert!(!cache.is_empty(), "a bodies cache was written");
    let text = String::from_utf8_lossy(&cache);
    assert!(
        !text.contains("After the fold"),
        "the article's body is not copied into the cache"
    );

    // The same length, other words, in every page that shows the body,
    // and a change to another file so that the build is a real one.
    for page in [
        site.public("articles/first/index.html"),
        site.private("articles/first/index.html"),
    ] {
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(html.contains("After the fold"), "{}", page.display());
        std::fs::write(&page, html.replace("After the fold", "INJECTED TEXT!")).unwrap();
    }
    append_newline(&site, "content/about.md");
    let out = cached_build(&site);
    assert!(!out.said_unchanged());
    assert_same_as_clean(&site, "pages changed by hand");

    // Both output folders removed: every body is rendered again.
    std::fs::remove_dir_all(site.public_dir()).unwrap();
    std::fs::remove_dir_all(site.private_dir()).unwrap();
    append_newline(&site, "content/about.md");
    cached_build(&site);
    assert_same_as_clean(&site, "outputs removed");

    // Built into other folders: the places of the last build are still
    // read (they hold the same bytes), and a later edit is picked up.
    let tmp = tempfile::tempdir().unwrap();
    let (public, private) = (tmp.path().join("p"), tmp.path().join("q"));
    output_of(&mut site.build_command_into(&public, &private, &["--today", TODAY])).assert_ok();
    let (clean_public, _) = clean_build(&site);
    assert_eq!(read_tree(&public), clean_public, "built elsewhere");
    edit(
        &site,
        "content/articles/first.md",
        "After the fold",
        "Past the fold",
    );
    output_of(&mut site.build_command_into(&public, &private, &["--today", TODAY])).assert_ok();
    let (clean_public, _) = clean_build(&site);
    assert_eq!(
        read_tree(&public),
        clean_public,
        "an edit after building elsewhere"
    );
}

/// A build with no record (a clean one) hashes `content/`'s markdown from
/// the bytes it read, the rest before it starts: that hash must equal the
/// one a later build takes of every input before reading any, whatever the
/// files hold (a byte-order mark and CRLF line ends, which the loader
/// decodes away; a markdown file it does not read; an asset beside a page).
#[test]
fn a_clean_build_records_its_inputs_as_a_later_build_hashes_them() {
    let site = Site::copy("basic");
    site.write_bytes(
        "content/articles/windows.md",
        b"\xEF\xBB\xBF---\r\ntitle: Windows\r\ndate: 2026-01-02\r\n---\r\nSaved on Windows.\r\n",
    );
    site.write(
        "content/articles/.unlisted.md",
        "# Not read by the loader\n",
    );
    site.write(
        "content/articles/later.md",
        "---\ntitle: Later\ndate: 2026-01-03\n---\nPublic for now.\n",
    );
    site.write_bytes(
        "content/articles/diagram.svg",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let _ = std::fs::remove_dir_all(site.path(".folio-cache"));
    assert!(!cached_build(&site).said_unchanged());
    assert!(cached_build(&site).said_unchanged(), "the record's inputs");
    // An article made private against that record: built at once, and out
    // of the public site (a record that missed it would leave it there).
    assert!(site.public("articles/later/index.html").exists());
    let feed = || std::fs::read_to_string(site.public("atom.xml")).unwrap();
    assert!(feed().contains("Public for now"));
    edit(
        &site,
        "content/articles/later.md",
        "date: 2026-01-03\n",
        "date: 2026-01-03\nvisibility: private\n",
    );
    assert!(!cached_build(&site).said_unchanged(), "made private");
    assert!(!site.public("articles/later/index.html").exists());
    assert!(!feed().contains("Public for now"));
    assert_same_as_clean(&site, "made private after a clean build");
    assert!(cached_build(&site).said_unchanged());
    // The file the loader never read is an input all the same.
    site.write("content/articles/.unlisted.md", "# Changed\n");
    assert!(
        !cached_build(&site).said_unchanged(),
        "an unread file changed"
    );
    assert!(cached_build(&site).said_unchanged());
}

/// An edit saved while a build runs, after the build read the file, makes
/// the next build a real one, both when the build hashed its inputs before
/// reading (a record whose outputs still stand) and when it hashed the
/// markdown as it read it (no record). Needs the debug build's hook.
#[test]
fn an_edit_saved_during_a_build_is_built_next_time() {
    let site = Site::copy("basic");
    let article = site.path("content/articles/first.md");
    for record in [false, true] {
        if record {
            // A record whose outputs stand, and a change to build.
            cached_build(&site);
            append_newline(&site, "content/about.md");
        } else {
            let _ = std::fs::remove_dir_all(site.path(".folio-cache"));
        }
        let out = output_of(
            site.build_command(&["--today", TODAY])
                .env("FOLIO_TEST_EDIT_AFTER_LOAD", &article),
        );
        out.assert_ok();
        assert!(!out.said_unchanged());
        let next = cached_build(&site);
        assert!(
            !next.said_unchanged(),
            "record {record}: the edit made during the build was not seen"
        );
        assert!(
            std::fs::read_to_string(site.public("articles/first/index.html"))
                .unwrap()
                .contains("Edited while the build ran."),
            "record {record}"
        );
        assert_same_as_clean(&site, "after an edit during a build");
    }
}

#[test]
fn a_corrupt_or_deleted_cache_is_ignored() {
    let site = Site::copy("basic");
    cached_build(&site);
    let dir = site.path(".folio-cache");
    for name in cache_files(&site) {
        if name.ends_with(".bin") {
            std::fs::write(
                dir.join(&name),
                b"\xff\xff\xff\xff\xff\xff\xff\xff\xffgarbage",
            )
            .unwrap();
        }
    }
    edit(
        &site,
        "content/articles/first.md",
        "The opening",
        "An opening",
    );
    cached_build(&site);
    assert_same_as_clean(&site, "corrupt cache");

    std::fs::remove_dir_all(&dir).unwrap();
    let out = cached_build(&site);
    assert!(!out.said_unchanged(), "no record: a real build");
    assert_same_as_clean(&site, "deleted cache");
}

#[cfg(unix)]
#[test]
fn a_symlink_among_the_sources_turns_the_shortcut_off() {
    // A symlink's target can change without the link itself changing.
    let site = Site::copy("basic");
    std::os::unix::fs::symlink("about.md", site.path("content/about-link.md")).unwrap();
    cached_build(&site);
    let again = cached_build(&site);
    assert!(!again.said_unchanged(), "{}", again.stdout);
    assert_same_as_clean(&site, "symlinked source");
}

#[test]
fn an_encrypted_site_is_always_built() {
    // The passphrase is not a file: a build cannot tell it did not change.
    let site = Site::copy("encrypted");
    let build = || {
        let mut cmd = site.build_command(&["--today", TODAY]);
        cmd.env("FOLIO_TEST_PASSPHRASE", "correct horse battery staple");
        let out = output_of(&mut cmd);
        out.assert_ok();
        out
    };
    build();
    let again = build();
    assert!(again.stdout.contains("(encrypted)"), "{}", again.stdout);
    assert!(!again.said_unchanged(), "{}", again.stdout);
}

#[test]
fn no_cache_neither_reads_nor_writes_it() {
    let site = Site::copy("basic");
    let out = site.build(&["--today", TODAY, "--no-cache"]);
    out.assert_ok();
    // The folder holds the site's lock, which is not the cache: no cache
    // file is written.
    let cache = site.path(".folio-cache");
    let mut names: Vec<String> = std::fs::read_dir(&cache)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    assert_eq!(names, [".gitignore", "CACHEDIR.TAG", "build.lock"]);
}

#[test]
fn the_cache_folder_cannot_be_an_output() {
    let site = Site::copy("basic");
    let cache = site.path(".folio-cache");
    let out = run_folio(&[
        "build",
        "--root",
        &site.root_string(),
        "--out",
        cache.to_str().unwrap(),
    ]);
    out.assert_code(2);
    assert!(
        out.stderr.contains("overlaps the site's sources"),
        "{}",
        out.stderr
    );
}
