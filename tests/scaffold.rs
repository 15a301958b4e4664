//! `folio init`, `folio new`, completions and help: a new site builds and
//! checks clean at once, nothing is ever overwritten, every command has an
//! example in its help.

mod support;

use std::path::Path;

use support::run_folio;

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

#[test]
fn init_gives_a_site_that_builds_and_checks_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("career");
    let out = run_folio(&["init", path_str(&site), "--date", "2026-03-14"]);
    out.assert_ok();
    assert!(
        out.stdout.contains("created a new folio site"),
        "{}",
        out.stdout
    );
    for file in [
        "site.toml",
        "content/_index.md",
        "content/articles/hello-world.md",
        "content/roadmaps/growth-plan.md",
        "content/achievements/log.md",
        "content/cv.yaml",
        ".gitignore",
        ".github/workflows/pages.yml",
    ] {
        assert!(site.join(file).is_file(), "{file} missing");
    }
    let workflow = std::fs::read_to_string(site.join(".github/workflows/pages.yml")).unwrap();
    assert!(
        workflow.contains("fetch-depth: 0"),
        "the Pages workflow checks out full history, for dates from git: {workflow}"
    );
    let gitignore = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    assert!(gitignore.contains("/public/") && gitignore.contains("/private/"));

    let public = tmp.path().join("out/public");
    let private = tmp.path().join("out/private");
    let built = run_folio(&[
        "build",
        "--root",
        path_str(&site),
        "--out",
        path_str(&public),
        "--private-out",
        path_str(&private),
        "-v",
    ]);
    built.assert_ok();
    assert!(
        built
            .stdout
            .contains(&format!("public site: {}", path_str(&public))),
        "-v names the folders written: {}",
        built.stdout
    );
    let article = std::fs::read_to_string(public.join("articles/hello-world/index.html")).unwrap();
    assert!(article.contains("<time datetime=\"2026-03-14\">"));
    assert!(private.join("roadmaps/growth-plan/index.html").is_file());
    assert!(
        !public.join("roadmaps").exists(),
        "the roadmap stays private"
    );

    let check = run_folio(&["check", "--root", path_str(&site)]);
    check.assert_ok();
    assert_eq!(check.stdout, "no problems found\n");
}

#[test]
fn init_refuses_to_overwrite_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("content")).unwrap();
    std::fs::write(tmp.path().join("content/cv.yaml"), "mine\n").unwrap();
    let out = run_folio(&["init", path_str(tmp.path())]);
    out.assert_code(2);
    assert!(
        out.stderr.contains("refusing to overwrite content/cv.yaml"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("content/cv.yaml")).unwrap(),
        "mine\n"
    );
    assert!(!tmp.path().join("site.toml").exists());
}

#[test]
fn new_writes_each_kind_at_its_place_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("s");
    run_folio(&["init", path_str(&site), "-q"]).assert_ok();
    let root = path_str(&site);
    let cases = [
        (
            "article",
            "What I learned shipping RAG",
            "content/articles/what-i-learned-shipping-rag.md",
        ),
        (
            "achievement",
            "Spoke at QCon",
            "content/achievements/2026-03-14-spoke-at-qcon.md",
        ),
        (
            "roadmap",
            "Staff Engineer",
            "content/roadmaps/staff-engineer.md",
        ),
    ];
    for (kind, title, rel) in cases {
        let out = run_folio(&["new", kind, title, "--root", root, "--date", "2026-03-14"]);
        out.assert_ok();
        let path = site.join(rel);
        assert_eq!(out.stdout.trim(), path_str(&path));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with(&format!("---\ntitle: \"{title}\"\ndate: 2026-03-14\n")),
            "{text}"
        );
    }
    let article = site.join(cases[0].2);
    std::fs::write(&article, "edited\n").unwrap();
    let again = run_folio(&[
        "new",
        "article",
        "What I learned shipping RAG",
        "--root",
        root,
    ]);
    again.assert_code(2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&article).unwrap(), "edited\n");
    // The new pages build: the draft article is left out, the rest is clean.
    let check = run_folio(&["check", "--root", root]);
    check.assert_ok();
}

#[test]
fn new_outside_a_site_or_with_an_empty_title_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run_folio(&["new", "article", "Hi", "--root", path_str(tmp.path())]);
    out.assert_code(2);
    assert!(out.stderr.contains("no site.toml"));
    std::fs::write(
        tmp.path().join("site.toml"),
        "base_url = \"https://x.org/\"\n",
    )
    .unwrap();
    run_folio(&["new", "article", "???", "--root", path_str(tmp.path())]).assert_code(2);
    run_folio(&["new", "poem", "Hi", "--root", path_str(tmp.path())]).assert_code(2);
}

#[test]
fn completions_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _folio"),
        ("zsh", "#compdef folio"),
        ("fish", "complete -c folio"),
    ] {
        let out = run_folio(&["completions", shell]);
        out.assert_ok();
        assert!(out.stdout.contains(marker), "{shell}: {}", out.stdout);
        assert!(
            out.stdout.contains("check"),
            "{shell} completes subcommands"
        );
    }
}

#[test]
fn every_help_has_the_same_layout() {
    let commands: &[&[&str]] = &[
        &[],
        &["build"],
        &["serve"],
        &["watch"],
        &["check"],
        &["init"],
        &["new"],
        &["export"],
        &["export", "json-resume"],
        &["export", "linkedin"],
        &["completions"],
    ];
    let mut root_help = std::collections::BTreeSet::new();
    for cmd in commands {
        let mut args = cmd.to_vec();
        args.push("--help");
        let out = run_folio(&args);
        out.assert_ok();
        let help = &out.stdout;
        // A one-line about, then the usage.
        let mut lines = help.lines();
        let about = lines.next().unwrap_or_default();
        assert!(
            !about.is_empty() && about.len() <= 80 && !about.ends_with('.'),
            "{cmd:?}: about `{about}`"
        );
        assert_eq!(lines.next(), Some(""), "{cmd:?}");
        assert!(
            lines.next().unwrap_or_default().starts_with("Usage: folio"),
            "{cmd:?}"
        );
        // Options in the short layout: one line each, -q/-v grouped apart.
        assert!(
            help.contains(
                "\nGlobal options:\n  -q, --quiet    Print only errors\n  -v, --verbose  "
            ),
            "{cmd:?}: {help}"
        );
        assert!(
            !help.contains("Possible values:") && !help.contains("\n          "),
            "{cmd:?} is in clap's long layout: {help}"
        );
        // Examples last.
        let last = help.trim_end().rsplit("\n\n").next().unwrap_or_default();
        assert!(
            last.starts_with("Example:\n  folio ") || last.starts_with("Examples:\n  folio "),
            "{cmd:?} ends with its examples: {help}"
        );
        if let Some(line) = help.lines().find(|l| l.contains("--root <DIR>")) {
            root_help.insert(
                line.split("--root <DIR>")
                    .nth(1)
                    .unwrap()
                    .trim()
                    .to_string(),
            );
        }
    }
    assert_eq!(
        root_help.len(),
        1,
        "--root reads the same everywhere: {root_help:?}"
    );
}
