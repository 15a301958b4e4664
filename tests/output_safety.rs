//! A build never destroys what is not its own: it replaces only a folder it
//! made, sees through symbolic links, swaps each folder in one step, cleans
//! up after a killed build, lets one folio at a time write a site, and a
//! build that cannot finish the swap leaves the previous outputs as they
//! were. Every destructive case runs on decoy folders in a temporary folder.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use support::{Output, Running, Site, Unprivileged, folio, output_of, read_tree};

const TODAY: &str = "2026-06-01";
const MARKER: &str = ".folio-output";

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A decoy of someone's folder: a thesis and a dotfile.
fn decoy(dir: &Path) {
    fs::create_dir_all(dir.join("work")).unwrap();
    fs::write(dir.join("work/thesis.txt"), "four years of work").unwrap();
    fs::write(dir.join(".bashrc"), "export EDITOR=vi").unwrap();
}

#[track_caller]
fn assert_decoy_intact(dir: &Path) {
    assert_eq!(
        fs::read_to_string(dir.join("work/thesis.txt")).unwrap(),
        "four years of work"
    );
    assert_eq!(names(dir), [".bashrc", "work"], "{}", dir.display());
}

#[track_caller]
fn assert_says(out: &Output, needle: &str) {
    assert!(
        out.stderr.contains(needle),
        "stderr lacks `{needle}`:\n{}",
        out.stderr
    );
}

// Item 4: only a folder folio made is replaced.

#[test]
fn a_home_folder_given_as_the_output_is_refused_and_kept() {
    let site = Site::copy("basic");
    let home = site.out_root().join("home");
    decoy(&home);
    let out =
        output_of(&mut site.build_command_into(&home, &site.private_dir(), &["--today", TODAY]));
    out.assert_code(2);
    assert_says(&out, "refusing to replace output folder");
    assert_says(&out, &home.display().to_string());
    assert_says(&out, "`.bashrc`");
    assert_says(&out, "Pick another output folder");
    assert_decoy_intact(&home);
    // Nothing was written anywhere: not the private site, no leftovers.
    assert_eq!(names(&site.out_root()), ["home"]);
}

#[test]
fn an_output_dir_in_site_toml_naming_a_sibling_folder_is_refused_and_kept() {
    let site = Site::copy("basic");
    let docs = site.root().parent().unwrap().join("docs");
    decoy(&docs);
    let config = fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", &format!("output_dir = \"../docs\"\n{config}"));
    let root = site.root_string();
    let private = site.private_dir();
    let out = output_of(
        folio(&["build", "--root", &root, "--today", TODAY])
            .arg("--private-out")
            .arg(&private),
    );
    out.assert_code(2);
    assert_says(&out, "refusing to replace output folder");
    assert_says(&out, "docs");
    assert_decoy_intact(&docs);
    assert!(!private.exists());
}

#[test]
fn every_output_carries_the_marker_and_an_empty_folder_is_taken() {
    let site = Site::copy("basic");
    fs::create_dir_all(site.public_dir()).unwrap();
    site.build(&["--today", TODAY]).assert_ok();
    for dir in [site.public_dir(), site.private_dir()] {
        let marker = fs::read_to_string(dir.join(MARKER)).unwrap();
        assert!(marker.contains("built by folio"), "{marker}");
    }
    assert!(site.public("index.html").exists());
}

#[test]
fn an_output_of_an_older_folio_without_the_marker_is_replaced() {
    let site = Site::copy("basic");
    site.build(&["--today", TODAY]).assert_ok();
    // Written page by page as it rendered, into folders that were missing.
    let streamed = [
        read_tree(&site.public_dir()),
        read_tree(&site.private_dir()),
    ];
    // What a folio from before the marker left: the same files, no marker.
    for dir in [site.public_dir(), site.private_dir()] {
        fs::remove_file(dir.join(MARKER)).unwrap();
    }
    site.build(&["--today", TODAY, "--no-cache"]).assert_ok();
    assert!(site.public(MARKER).exists() && site.private(MARKER).exists());
    // Such a folder is judged on the whole site, rendered before it is
    // written: the same bytes as written page by page.
    assert!(
        streamed
            == [
                read_tree(&site.public_dir()),
                read_tree(&site.private_dir())
            ]
    );
    // An older output with a file this build would not write is not
    // provably folio's: refused, and kept.
    fs::remove_file(site.public(MARKER)).unwrap();
    fs::write(site.public("notes.txt"), "mine").unwrap();
    let out = site.build(&["--today", TODAY, "--no-cache"]);
    out.assert_code(2);
    assert_says(&out, "`notes.txt`");
    assert_eq!(
        fs::read_to_string(site.public("notes.txt")).unwrap(),
        "mine"
    );
}

// Item 5: real paths are compared.

#[cfg(unix)]
#[test]
fn an_output_reached_through_a_symbolic_link_cannot_overlap_the_site() {
    let site = Site::copy("basic");
    let tmp = site.root().parent().unwrap().to_path_buf();
    let before = read_tree(&site.root());
    // A link to the site: the output lands in static/.
    let alias = tmp.join("alias");
    std::os::unix::fs::symlink(site.root(), &alias).unwrap();
    // A link to the site's parent: the output is the site itself.
    let parent = tmp.join("parent");
    std::os::unix::fs::symlink(&tmp, &parent).unwrap();
    for out_dir in [alias.join("static/built"), parent.join("site")] {
        let out = output_of(&mut site.build_command_into(
            &out_dir,
            &site.private_dir(),
            &["--today", TODAY],
        ));
        out.assert_code(2);
        assert_says(&out, "overlaps the site's sources");
        assert_says(&out, "really");
        assert!(read_tree(&site.root()) == before, "the site changed");
        assert!(site.path("site.toml").exists() && site.path("content").is_dir());
    }
    // The private output through a link into the public one.
    let out = output_of(&mut site.build_command_into(
        &site.public_dir(),
        &parent.join("out/public/private"),
        &["--today", TODAY],
    ));
    out.assert_code(2);
    assert_says(&out, "must be separate");
}

// Item 6: a crash between the two swaps.

#[test]
fn a_crash_between_the_two_swaps_leaves_whole_sites_and_the_next_build_repairs() {
    let site = Site::copy("basic");
    site.build(&["--today", TODAY]).assert_ok();
    let old_private = read_tree(&site.private_dir());
    let home = site.path("content/_index.md");
    let text = fs::read_to_string(&home).unwrap();
    site.write("content/_index.md", &format!("{text}\n\nAFTER-THE-CRASH\n"));
    let mut cmd = site.build_command(&["--today", TODAY]);
    cmd.env("FOLIO_TEST_ABORT_AT", "between-swaps");
    let out = output_of(&mut cmd);
    assert_ne!(out.code, 0, "the build was to abort between the swaps");
    // Neither folder is missing: the public one is new, the private one
    // still the previous site, whole.
    assert!(site.read_public("index.html").contains("AFTER-THE-CRASH"));
    assert!(read_tree(&site.private_dir()) == old_private);
    assert!(
        names(&site.out_root()).len() > 2,
        "the crash left the previous public and the staged private beside them: {:?}",
        names(&site.out_root())
    );
    // The next build writes both again and removes what the crash left.
    let out = site.build(&["--today", TODAY]);
    out.assert_ok();
    assert!(!out.said_unchanged(), "{}", out.stdout);
    assert!(site.read_public("index.html").contains("AFTER-THE-CRASH"));
    assert!(site.read_private("index.html").contains("AFTER-THE-CRASH"));
    assert_eq!(names(&site.out_root()), ["private", "public"]);
}

// A write that fails half-way through a site (a full disk), in the first
// site written and in the second, after the first was staged whole.

#[test]
fn a_page_that_cannot_be_written_half_way_leaves_the_previous_outputs_whole() {
    let site = Site::copy("basic");
    site.build(&["--today", TODAY]).assert_ok();
    let old_public = read_tree(&site.public_dir());
    let old_private = read_tree(&site.private_dir());
    let text = fs::read_to_string(site.path("content/_index.md")).unwrap();
    site.write("content/_index.md", &format!("{text}\n\nHALF-WAY\n"));
    for failing in [
        "private/articles/first/index.html",
        "public/articles/first/index.html",
    ] {
        let mut cmd = site.build_command(&["--today", TODAY]);
        cmd.env("FOLIO_TEST_FAIL_WRITE", failing);
        let out = output_of(&mut cmd);
        assert_ne!(out.code, 0, "{failing}: the build must fail");
        assert!(
            out.stderr.contains("articles/first/index.html")
                && out.stderr.contains("no space left on device"),
            "{failing}: the error names the file and the cause: {}",
            out.stderr
        );
        assert!(
            read_tree(&site.public_dir()) == old_public,
            "{failing}: public/ is the previous site"
        );
        assert!(
            read_tree(&site.private_dir()) == old_private,
            "{failing}: private/ is the previous site"
        );
        assert_eq!(
            names(&site.out_root()),
            ["private", "public"],
            "{failing}: nothing staged is left beside them"
        );
    }
    // The next build is a real one and writes the edit.
    let out = site.build(&["--today", TODAY]);
    out.assert_ok();
    assert!(!out.said_unchanged(), "{}", out.stdout);
    assert!(site.read_public("index.html").contains("HALF-WAY"));
    assert!(site.read_private("index.html").contains("HALF-WAY"));
}

// Item 7: leftovers.

#[test]
fn leftovers_of_a_killed_build_go_even_when_nothing_changed() {
    let site = Site::copy("basic");
    site.build(&["--today", TODAY]).assert_ok();
    for leftover in [".private.folio-old", ".public.folio-new"] {
        let dir = site.out_root().join(leftover);
        fs::create_dir_all(dir.join("cv")).unwrap();
        fs::write(dir.join("cv/index.html"), "the old private CV").unwrap();
    }
    let out = site.build(&["--today", TODAY]);
    out.assert_ok();
    assert!(out.said_unchanged(), "{}", out.stdout);
    assert_eq!(names(&site.out_root()), ["private", "public"]);
}

#[test]
fn inits_gitignore_covers_every_name_folio_may_leave() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    let dir_text = dir.to_string_lossy().into_owned();
    support::run_folio(&["init", &dir_text]).assert_ok();
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("git runs (this test needs git)")
    };
    assert!(git(&["init", "-q"]).status.success());
    let left = [
        "public/index.html",
        "private/index.html",
        ".public.folio-new/index.html",
        ".public.folio-old/index.html",
        ".private.folio-new/index.html",
        ".private.folio-old/index.html",
        ".folio-cache/build.lock",
    ];
    for rel in left {
        let p = dir.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, "x").unwrap();
    }
    for rel in left {
        let out = git(&["check-ignore", "-q", rel]);
        assert!(out.status.success(), "{rel} is not ignored");
    }
    assert!(
        !git(&["check-ignore", "-q", "content/_index.md"])
            .status
            .success()
    );
}

// Item 8: one build per site at a time.

/// Holds the site's lock as a folio `folio build` with pid 4242 would.
fn hold_lock(site: &Site) -> fs::File {
    let dir = site.path(".folio-cache");
    fs::create_dir_all(&dir).unwrap();
    let file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(dir.join("build.lock"))
        .unwrap();
    file.lock().unwrap();
    use std::io::Write;
    (&file).write_all(b"4242 folio build\n").unwrap();
    file
}

#[test]
fn a_second_build_names_the_first_and_fails_with_no_wait() {
    let site = Site::copy("basic");
    let lock = hold_lock(&site);
    let out = site.build(&["--today", TODAY, "--no-wait"]);
    out.assert_code(2);
    assert_says(&out, "folio build (pid 4242)");
    assert_says(&out, "nothing was changed");
    assert!(!site.public_dir().exists());
    drop(lock);
    site.build(&["--today", TODAY, "--no-wait"]).assert_ok();
}

#[test]
fn a_second_build_waits_for_the_first_saying_for_whom() {
    let site = Site::copy("basic");
    let lock = hold_lock(&site);
    let mut build = Running::spawn(site.build_command(&["--today", TODAY]));
    build.wait_for("waiting for folio build (pid 4242)");
    std::thread::sleep(Duration::from_millis(300));
    assert!(!site.public_dir().exists(), "built while the lock was held");
    drop(lock);
    build.wait_for("built ");
    assert!(site.public("index.html").exists());
}

#[test]
fn watch_waits_for_the_lock_before_writing() {
    let site = Site::copy("basic");
    let lock = hold_lock(&site);
    let root = site.root_string();
    let mut watch = Running::spawn({
        let mut cmd = folio(&["watch", "--root", &root]);
        cmd.arg("--out")
            .arg(site.public_dir())
            .arg("--private-out")
            .arg(site.private_dir());
        cmd
    });
    watch.wait_for("waiting for folio build (pid 4242)");
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        !site.public_dir().exists(),
        "written while the lock was held"
    );
    drop(lock);
    watch.wait_for("rebuilt (startup)");
    assert!(site.public("index.html").exists());
}

#[test]
fn concurrent_builds_of_one_site_all_succeed() {
    let site = Site::copy("basic");
    let clean = Site::copy("basic");
    clean.build(&["--today", TODAY, "--no-cache"]).assert_ok();
    for round in 0..3 {
        let children: Vec<_> = (0..4)
            .map(|_| {
                site.build_command(&["--today", TODAY, "--no-cache"])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_eq!(names(&site.out_root()), ["private", "public"]);
        assert!(read_tree(&site.public_dir()) == read_tree(&clean.public_dir()));
        assert!(read_tree(&site.private_dir()) == read_tree(&clean.private_dir()));
    }
}

// Item 9: a read-only output.

#[cfg(unix)]
#[test]
fn a_read_only_output_is_refused_and_both_outputs_stay_as_they_were() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let site = Site::copy("basic");
    let runner = Unprivileged::new(&site);
    runner.build(&site, &["--today", TODAY]).assert_ok();
    let (public, private) = (
        read_tree(&site.public_dir()),
        read_tree(&site.private_dir()),
    );
    let inode = |p: PathBuf| fs::metadata(p).unwrap().ino();
    let inodes = (
        inode(site.public_dir()),
        inode(site.private_dir()),
        inode(site.public("index.html")),
    );
    // A real build: something changed.
    let text = fs::read_to_string(site.path("content/_index.md")).unwrap();
    fs::write(site.path("content/_index.md"), format!("{text}\n\nNEW\n")).unwrap();
    fs::set_permissions(site.public_dir(), fs::Permissions::from_mode(0o555)).unwrap();
    let out = runner.build(&site, &["--today", TODAY]);
    fs::set_permissions(site.public_dir(), fs::Permissions::from_mode(0o755)).unwrap();
    out.assert_code(2);
    assert_says(&out, "cannot replace output folder");
    assert_says(&out, "chmod -R u+w");
    assert_says(&out, "nothing was changed");
    assert!(read_tree(&site.public_dir()) == public, "public/ changed");
    assert!(
        read_tree(&site.private_dir()) == private,
        "private/ changed"
    );
    assert_eq!(
        inodes,
        (
            inode(site.public_dir()),
            inode(site.private_dir()),
            inode(site.public("index.html"))
        ),
        "the outputs were swapped"
    );
    assert_eq!(names(&site.out_root()), ["private", "public"]);
    // Writable again: the next build goes through.
    runner.build(&site, &["--today", TODAY]).assert_ok();
    assert!(site.read_public("index.html").contains("NEW"));
}
