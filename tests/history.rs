//! Dates from version control (issue 16): small real git repositories with
//! fixed commit dates, built with `folio build`, read back from
//! `progress.json`. Start dates, done dates, scope added later, a reworded
//! and moved task, uncommitted changes, a shallow clone, no repository,
//! and the cache in `.folio-cache/history.json`.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::{folio, output_of};

/// A repository at `<tmp>/repo` holding a site at `<tmp>/repo/site`.
struct Repo {
    dir: tempfile::TempDir,
}

const SITE_TOML: &str =
    "title = \"History\"\nbase_url = \"https://example.org/\"\nauthor = \"Ada\"\n";

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().expect("tempdir");
        let r = Repo { dir };
        std::fs::create_dir_all(r.site()).unwrap();
        r.git(&["init", "-q", "-b", "main"], "2026-01-01");
        std::fs::write(r.repo().join(".gitignore"), ".folio-cache/\n").unwrap();
        r.write("site.toml", SITE_TOML);
        r.write("content/_index.md", "---\ntitle: Ada\n---\nHello.\n");
        r
    }

    fn repo(&self) -> PathBuf {
        self.dir.path().join("repo")
    }

    fn site(&self) -> PathBuf {
        self.repo().join("site")
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.site().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn git(&self, args: &[&str], date: &str) {
        git_in(&self.repo(), args, date);
    }

    /// Writes the roadmap and commits everything on `date` (noon UTC).
    fn commit_plan(&self, date: &str, plan: &str) {
        self.write("content/roadmaps/plan.md", plan);
        self.git(&["add", "-A"], date);
        self.git(&["commit", "-q", "-m", date], date);
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    fn head(&self) -> String {
        let out = Command::new("git")
            .args(["rev-parse", "HEAD"])
            .current_dir(self.repo())
            .output()
            .expect("git runs");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn cache(&self) -> PathBuf {
        self.site().join(".folio-cache/history.json")
    }
}

fn git_in(dir: &Path, args: &[&str], date: &str) {
    std::fs::create_dir_all(dir).unwrap();
    let stamp = format!("{date}T12:00:00Z");
    let out = Command::new("git")
        .args(["-c", "user.name=Ada", "-c", "user.email=ada@example.org"])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", &stamp)
        .env("GIT_COMMITTER_DATE", &stamp)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `folio build` of the site at `site` on `today`: its `progress.json`'s
/// first roadmap, and stderr.
fn build(site: &Path, out: &Path, today: &str) -> (serde_json::Value, String) {
    let mut cmd = folio(&["build", "--root"]);
    cmd.arg(site)
        .arg("--out")
        .arg(out.join("public"))
        .arg("--private-out")
        .arg(out.join("private"))
        .args(["--today", today]);
    let output = output_of(&mut cmd);
    output.assert_ok();
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("private/progress.json")).expect("progress.json"),
    )
    .expect("valid JSON");
    (json["roadmaps"][0].clone(), output.stderr.clone())
}

/// Each task item's text with its done and created dates.
fn items(roadmap: &serde_json::Value) -> Vec<(String, Option<String>, Option<String>)> {
    roadmap["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["task"] == true)
        .map(|i| {
            (
                i["text"].as_str().unwrap_or("").to_string(),
                i["done"].as_str().map(String::from),
                i["created"].as_str().map(String::from),
            )
        })
        .collect()
}

fn item(
    text: &str,
    done: Option<&str>,
    created: Option<&str>,
) -> (String, Option<String>, Option<String>) {
    (
        text.into(),
        done.map(String::from),
        created.map(String::from),
    )
}

const V1: &str =
    "---\ntitle: Plan\n---\n\n## Year 1\n\n- [ ] Write the parser\n- [ ] Ship release one\n";

#[test]
fn start_is_the_day_of_the_commit_that_added_the_roadmap() {
    let r = Repo::new();
    r.commit_plan("2026-01-10", V1);
    r.commit_plan("2026-02-01", &V1.replace("[ ] Ship", "[x] Ship"));
    let (roadmap, stderr) = build(&r.site(), &r.out(), "2026-06-01");
    assert_eq!(roadmap["start"], "2026-01-10");
    assert_eq!(roadmap["start_from"], "history");
    assert!(
        !stderr.contains("history"),
        "no note in a full repository: {stderr}"
    );
}

#[test]
fn front_matter_start_and_done_dates_win_over_history() {
    let r = Repo::new();
    let plan = "---\ntitle: Plan\nstart: 2025-12-01\n---\n\n- [ ] A\n- [ ] B\n";
    r.commit_plan("2026-01-10", plan);
    r.commit_plan(
        "2026-02-01",
        &plan
            .replace("[ ] A", "[x] A ✅ 2026-01-20")
            .replace("[ ] B", "[x] B"),
    );
    let (roadmap, _) = build(&r.site(), &r.out(), "2026-06-01");
    assert_eq!(roadmap["start"], "2025-12-01");
    assert_eq!(roadmap["start_from"], "start");
    assert_eq!(
        items(&roadmap),
        [
            item("A", Some("2026-01-20"), None),
            item("B", Some("2026-02-01"), None),
        ]
    );
}

#[test]
fn done_date_is_the_commit_that_ticked_the_box_and_later_tasks_widen_the_scope() {
    let r = Repo::new();
    r.commit_plan("2026-01-10", V1);
    let v2 = V1.replace("[ ] Write", "[x] Write");
    r.commit_plan("2026-02-03", &v2);
    let v3 = format!("{v2}- [ ] Write the docs\n");
    r.commit_plan("2026-03-05", &v3);
    let (roadmap, _) = build(&r.site(), &r.out(), "2026-06-01");
    assert_eq!(
        items(&roadmap),
        [
            item("Write the parser", Some("2026-02-03"), None),
            item("Ship release one", None, None),
            item("Write the docs", None, Some("2026-03-05")),
        ]
    );
    let burnup: Vec<(String, u64, u64)> = roadmap["burnup"]
        .as_array()
        .expect("a burn-up")
        .iter()
        .map(|p| {
            (
                p["date"].as_str().unwrap().to_string(),
                p["scope"].as_u64().unwrap(),
                p["done"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        burnup,
        [
            ("2026-01-10".to_string(), 2, 0),
            ("2026-02-03".to_string(), 2, 1),
            ("2026-03-05".to_string(), 3, 1),
        ]
    );
}

#[test]
fn a_task_already_ticked_in_the_first_commit_gets_no_invented_done_day() {
    let r = Repo::new();
    // Ticked before the roadmap was ever committed: git does not know when.
    let v1 = V1.replace("[ ] Ship", "[x] Ship");
    r.commit_plan("2026-01-10", &v1);
    let v2 = v1.replace("[ ] Write", "[x] Write");
    r.commit_plan("2026-02-03", &v2);
    let (roadmap, _) = build(&r.site(), &r.out(), "2026-02-10");
    assert_eq!(
        items(&roadmap),
        [
            item("Write the parser", Some("2026-02-03"), None),
            item("Ship release one", None, None),
        ]
    );
}

#[test]
fn a_reworded_task_moved_to_another_section_keeps_its_dates() {
    let r = Repo::new();
    r.commit_plan("2026-01-10", V1);
    r.commit_plan("2026-01-20", &V1.replace("[ ] Write", "[x] Write"));
    let moved = "---\ntitle: Plan\n---\n\n## Year 1\n\n- [ ] Ship release one\n\n## Done\n\n- [x] Write the new parser\n";
    r.commit_plan("2026-02-15", moved);
    let (roadmap, _) = build(&r.site(), &r.out(), "2026-06-01");
    assert_eq!(
        items(&roadmap),
        [
            item("Ship release one", None, None),
            item("Write the new parser", Some("2026-01-20"), None),
        ]
    );
}

#[test]
fn uncommitted_changes_count_as_of_today() {
    let r = Repo::new();
    r.commit_plan("2026-01-10", V1);
    r.write(
        "content/roadmaps/plan.md",
        &format!(
            "{}- [ ] Not committed yet\n",
            V1.replace("[ ] Ship", "[x] Ship")
        ),
    );
    let (roadmap, _) = build(&r.site(), &r.out(), "2026-06-01");
    assert_eq!(
        items(&roadmap),
        [
            item("Write the parser", None, None),
            item("Ship release one", Some("2026-06-01"), None),
            item("Not committed yet", None, Some("2026-06-01")),
        ]
    );
}

#[test]
fn a_roadmap_never_committed_starts_today() {
    let r = Repo::new();
    r.git(
        &["commit", "-q", "--allow-empty", "-m", "empty"],
        "2026-01-10",
    );
    r.write("content/roadmaps/plan.md", V1);
    let (roadmap, _) = build(&r.site(), &r.out(), "2026-06-01");
    assert_eq!(roadmap["start"], "2026-06-01");
}

#[test]
fn a_shallow_clone_builds_as_without_history_with_a_note() {
    let r = Repo::new();
    r.commit_plan("2026-01-10", V1);
    r.commit_plan("2026-02-01", &V1.replace("[ ] Ship", "[x] Ship"));
    let clone = r.dir.path().join("clone");
    let url = format!("file://{}", r.repo().display());
    git_in(
        r.dir.path(),
        &["clone", "-q", "--depth", "1", &url, "clone"],
        "2026-03-01",
    );
    let (roadmap, stderr) = build(
        &clone.join("site"),
        &r.dir.path().join("out2"),
        "2026-06-01",
    );
    assert_eq!(roadmap["start"], serde_json::Value::Null);
    assert_eq!(
        items(&roadmap),
        [
            item("Write the parser", None, None),
            item("Ship release one", None, None),
        ]
    );
    let notes: Vec<&str> = stderr.lines().filter(|l| l.contains("shallow")).collect();
    assert_eq!(notes.len(), 1, "one note: {stderr}");
    assert!(notes[0].contains("note"), "{stderr}");
    assert!(notes[0].contains("fetch-depth: 0"), "{stderr}");
}

#[test]
fn a_site_in_no_repository_builds_as_before_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("content/roadmaps")).unwrap();
    std::fs::write(site.join("site.toml"), SITE_TOML).unwrap();
    std::fs::write(
        site.join("content/_index.md"),
        "---\ntitle: Ada\n---\nHi.\n",
    )
    .unwrap();
    std::fs::write(
        site.join("content/roadmaps/plan.md"),
        V1.replace("[ ] Ship", "[x] Ship"),
    )
    .unwrap();
    let (roadmap, stderr) = build(&site, &dir.path().join("out"), "2026-06-01");
    assert_eq!(roadmap["start"], serde_json::Value::Null);
    assert_eq!(items(&roadmap)[1], item("Ship release one", None, None));
    let notes: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("not in a git repository"))
        .collect();
    assert_eq!(notes.len(), 1, "one note: {stderr}");
    // Nothing answers the missing start: its warning stays.
    assert!(
        stderr.contains("warning: horizon `Year 1` has no dates"),
        "{stderr}"
    );
}

#[test]
fn history_is_cached_by_head_and_read_again_after_a_commit() {
    let r = Repo::new();
    r.commit_plan("2026-01-10", V1);
    let (first, _) = build(&r.site(), &r.out(), "2026-06-01");
    let cache = r.site().join(".folio-cache/history.json");
    let cached = std::fs::read_to_string(&cache).expect("history cached");
    assert!(cached.contains(&r.head()), "keyed by HEAD: {cached}");
    // A cached read gives the same dates.
    r.write("content/_index.md", "---\ntitle: Ada\n---\nHello again.\n");
    let (again, _) = build(&r.site(), &r.out(), "2026-06-01");
    assert_eq!(first, again);
    // A new commit is read.
    r.commit_plan("2026-02-01", &V1.replace("[ ] Ship", "[x] Ship"));
    let (after, _) = build(&r.site(), &r.out(), "2026-06-01");
    assert_eq!(
        items(&after)[1],
        item("Ship release one", Some("2026-02-01"), None)
    );
}

#[test]
fn no_note_when_history_would_add_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("content/roadmaps")).unwrap();
    std::fs::write(site.join("site.toml"), SITE_TOML).unwrap();
    std::fs::write(
        site.join("content/_index.md"),
        "---\ntitle: Ada\n---\nHi.\n",
    )
    .unwrap();
    std::fs::write(
        site.join("content/roadmaps/plan.md"),
        "---\ntitle: Plan\nstart: 2026-01-01\n---\n\n- [x] A ✅ 2026-02-01\n- [ ] B\n",
    )
    .unwrap();
    let (roadmap, stderr) = build(&site, &dir.path().join("out"), "2026-06-01");
    assert_eq!(roadmap["start"], "2026-01-01");
    assert!(!stderr.contains("git"), "{stderr}");
}

#[test]
fn no_start_warning_when_history_gives_the_start() {
    let r = Repo::new();
    r.commit_plan("2026-01-10", V1);
    let (roadmap, stderr) = build(&r.site(), &r.out(), "2026-06-01");
    assert_eq!(roadmap["start_from"], "history");
    assert!(!stderr.contains("has no dates"), "{stderr}");
    let mut cmd = folio(&["check", "--root"]);
    cmd.arg(r.site());
    let check = output_of(&mut cmd);
    check.assert_ok();
    assert!(
        !check.stdout.contains("has no dates") && !check.stderr.contains("has no dates"),
        "check agrees with build: {}{}",
        check.stdout,
        check.stderr
    );
}

#[test]
fn a_new_commit_on_a_cached_head_reads_only_the_new_commits() {
    let r = Repo::new();
    r.commit_plan("2026-01-10", V1);
    let (first, _) = build(&r.site(), &r.out(), "2026-06-01");
    assert_eq!(first["start"], "2026-01-10");
    // Mark the cached start (2026-01-10 is day 20463) as 2026-01-01: a
    // read from the first commit would not keep the mark, a read that
    // goes on from the cache does.
    let cached = std::fs::read_to_string(r.cache()).expect("history cached");
    let marked = cached.replacen(
        "\"added\":20463,\"head_hash\"",
        "\"added\":20454,\"head_hash\"",
        1,
    );
    assert_ne!(
        marked, cached,
        "the file's first day is in the cache: {cached}"
    );
    std::fs::write(r.cache(), marked).unwrap();
    r.commit_plan("2026-02-01", &V1.replace("[ ] Ship", "[x] Ship"));
    let (after, _) = build(&r.site(), &r.out(), "2026-06-01");
    assert_eq!(after["start"], "2026-01-01", "went on from the cache");
    // The tasks keep their cached day (after the marked start, so they
    // count from it); the new commit ticked one.
    assert_eq!(
        items(&after),
        [
            item("Write the parser", None, Some("2026-01-10")),
            item("Ship release one", Some("2026-02-01"), Some("2026-01-10")),
        ]
    );
    let cached = std::fs::read_to_string(r.cache()).unwrap();
    assert!(cached.contains(&r.head()), "the cache moved to HEAD");
}

#[test]
fn a_rewritten_history_is_read_again_whole() {
    let r = Repo::new();
    r.commit_plan("2026-01-10", V1);
    r.commit_plan("2026-02-01", &V1.replace("[ ] Ship", "[x] Ship"));
    build(&r.site(), &r.out(), "2026-06-01");
    // The cached HEAD is no longer on HEAD's line.
    r.git(&["reset", "-q", "--hard", "HEAD~1"], "2026-03-01");
    r.commit_plan("2026-03-01", &V1.replace("[ ] Write", "[x] Write"));
    let (after, _) = build(&r.site(), &r.out(), "2026-06-01");
    assert_eq!(after["start"], "2026-01-10");
    assert_eq!(
        items(&after),
        [
            item("Write the parser", Some("2026-03-01"), None),
            item("Ship release one", None, None),
        ]
    );
}

/// The owner's site (this repository's content) in a repository of its
/// own, committed on a fixed day: the same with a full, a shallow or no
/// checkout of this repository. (`tests/roadmap.rs` builds it with none.)
#[test]
fn the_owners_site_takes_its_start_dates_from_history() {
    let site = support::Site::owners();
    git_in(&site.root(), &["init", "-q", "-b", "main"], "2026-03-01");
    git_in(&site.root(), &["add", "-A"], "2026-03-01");
    git_in(&site.root(), &["commit", "-q", "-m", "site"], "2026-03-01");
    let out = site.build(&["--today", "2026-09-01"]);
    out.assert_ok();
    assert!(
        !out.stderr.contains("has no dates"),
        "history answers the start warnings: {}",
        out.stderr
    );
    let json: serde_json::Value =
        serde_json::from_str(&site.read_private("progress.json")).unwrap();
    let roadmaps = json["roadmaps"].as_array().unwrap();
    assert_eq!(roadmaps.len(), 3);
    for r in roadmaps {
        assert_eq!(r["start_from"], "history", "{}", r["title"]);
        assert_eq!(r["start"], "2026-03-01", "{}", r["title"]);
    }
    assert!(json["burnup"].is_array(), "a burn-up from history");
    let dashboard = site.read_private("dashboard/index.html");
    assert!(!dashboard.contains("No burn-up chart yet"));
    assert!(!dashboard.contains("have no start date"), "{dashboard}");
}
