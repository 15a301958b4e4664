//! History benchmark (issue 16): what reading git history adds to a build.
//! A site with three roadmaps in a repository of 1,000 commits, each of
//! which ticks a box in a roadmap or adds a task to one (written with
//! `git fast-import`). Measured with `FOLIO_TIMINGS=1`: the `history`
//! phase of a clean build (no `.folio-cache/`), of a build whose history
//! is cached (same HEAD), of a build one commit past the cached HEAD, and
//! the wall time of a clean build, of the same site outside any
//! repository, and of a build with nothing changed.
//!
//!     cargo bench --bench history                      # 1,000 commits, 7 runs
//!     cargo bench --bench history -- --commits 5000 --runs 5
//!
//! The repository goes to /dev/shm when it exists; FOLIO_BENCH_DIR chooses
//! another place.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ROADMAPS: usize = 3;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let smoke = !args.iter().any(|a| a == "--bench");
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<usize>().ok())
    };
    let commits = value("--commits").unwrap_or(if smoke { 20 } else { 1000 });
    let runs = value("--runs").unwrap_or(if smoke { 1 } else { 7 });
    let base = std::env::var_os("FOLIO_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            if Path::new("/dev/shm").is_dir() {
                PathBuf::from("/dev/shm")
            } else {
                std::env::temp_dir()
            }
        });
    let dir = tempfile::Builder::new()
        .prefix("folio-history-bench")
        .tempdir_in(base)
        .expect("bench folder");
    let repo = dir.path().join("repo");
    let texts = write_repo(&repo, commits);
    // The same site at HEAD, outside any repository.
    let plain = dir.path().join("plain");
    for (rel, text) in &texts {
        let p = plain.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let out = dir.path().join("out");
    let cache = repo.join(".folio-cache");

    let mut cold = Vec::new();
    let mut warm = Vec::new();
    let mut extended = Vec::new();
    let mut clean = Vec::new();
    let mut clean_plain = Vec::new();
    let mut unchanged = Vec::new();
    for _ in 0..runs {
        let _ = std::fs::remove_dir_all(&cache);
        let (wall, history) = build(&repo, &out);
        clean.push(wall);
        cold.push(history.expect("a history phase"));
        let (wall, history) = build(&repo, &out);
        unchanged.push(wall);
        assert!(history.is_none(), "a no-change build reads no history");
        // Everything but the history cache goes: a clean build of the
        // same HEAD.
        for e in std::fs::read_dir(&cache).unwrap().flatten() {
            if e.file_name() != "history.json" {
                let _ =
                    std::fs::remove_dir_all(e.path()).or_else(|_| std::fs::remove_file(e.path()));
            }
        }
        let (_, history) = build(&repo, &out);
        warm.push(history.expect("a history phase"));
        // One more commit on top of the cached HEAD: only it is read.
        let plan0 = repo.join("content/roadmaps/plan0.md");
        let text = std::fs::read_to_string(&plan0).unwrap();
        std::fs::write(&plan0, text.replacen("- [ ]", "- [x]", 1)).unwrap();
        git(
            &repo,
            &["commit", "-qam", "tick", "--date", "2026-05-01T12:00:00Z"],
            None,
        );
        let (_, history) = build(&repo, &out);
        extended.push(history.expect("a history phase"));
        git(&repo, &["reset", "-q", "--hard", "HEAD~1"], None);
        let _ = std::fs::remove_dir_all(plain.join(".folio-cache"));
        clean_plain.push(build(&plain, &out).0);
    }
    let ms = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2].as_secs_f64() * 1000.0
    };
    let mut table = format!(
        "{commits} commits touching {ROADMAPS} roadmaps, median of {runs} runs\n\n| measure | ms |\n|---|---|\n"
    );
    for (what, v) in [
        ("history phase, clean build (no cache)", &mut cold),
        ("history phase, history cached at HEAD", &mut warm),
        (
            "history phase, one commit on top of the cached HEAD",
            &mut extended,
        ),
        ("clean build, in the repository", &mut clean),
        ("clean build, same site in no repository", &mut clean_plain),
        ("no-change build (history not read)", &mut unchanged),
    ] {
        let _ = writeln!(table, "| {what} | {:.1} |", ms(v));
    }
    print!("{table}");
}

/// A repository of `commits` commits at `repo`; returns the files at HEAD.
fn write_repo(repo: &Path, commits: usize) -> Vec<(String, String)> {
    std::fs::create_dir_all(repo).unwrap();
    git(repo, &["init", "-q", "-b", "main"], None);
    let mut files: Vec<(String, String)> = vec![
        (
            "site.toml".into(),
            "title = \"Bench\"\nbase_url = \"https://example.org/\"\nauthor = \"Ada\"\n".into(),
        ),
        (
            "content/_index.md".into(),
            "---\ntitle: Ada\n---\nHello.\n".into(),
        ),
        (".gitignore".into(), ".folio-cache/\n".into()),
    ];
    let mut plans: Vec<Vec<(bool, String)>> = (0..ROADMAPS)
        .map(|r| {
            (0..20)
                .map(|t| (false, format!("Task {t} of plan {r}")))
                .collect()
        })
        .collect();
    let render = |plan: &[(bool, String)], r: usize| {
        let mut s = format!("---\ntitle: Plan {r}\n---\n\n## Months 0-6\n\n");
        for (done, text) in plan {
            let _ = writeln!(s, "- [{}] {text}", if *done { 'x' } else { ' ' });
        }
        s
    };
    let mut stream = String::new();
    let day0: i64 = 1_735_732_800; // 2025-01-01 12:00 UTC
    for c in 0..commits {
        let r = c % ROADMAPS;
        let plan = &mut plans[r];
        if let Some(t) = plan
            .iter_mut()
            .find(|(done, _)| !*done)
            .filter(|_| c % 3 != 0)
        {
            t.0 = true;
        } else {
            let n = plan.len();
            plan.push((false, format!("Task {n} of plan {r}, added later")));
        }
        let when = day0 + (c as i64) * 6 * 3600;
        let _ = write!(
            stream,
            "commit refs/heads/main\ncommitter Ada <ada@example.org> {when} +0000\ndata 7\ncommit\n"
        );
        let mut touched: Vec<(String, String)> =
            vec![(format!("content/roadmaps/plan{r}.md"), render(plan, r))];
        if c == 0 {
            touched.extend(files.iter().cloned());
            for (i, p) in plans.iter().enumerate().skip(1) {
                touched.push((format!("content/roadmaps/plan{i}.md"), render(p, i)));
            }
        }
        for (path, text) in touched {
            let _ = write!(
                stream,
                "M 100644 inline {path}\ndata {}\n{text}\n",
                text.len()
            );
        }
    }
    git(repo, &["fast-import", "--quiet"], Some(&stream));
    git(repo, &["reset", "-q", "--hard"], None);
    for (r, plan) in plans.iter().enumerate() {
        files.push((format!("content/roadmaps/plan{r}.md"), render(plan, r)));
    }
    files
}

fn git(dir: &Path, args: &[&str], stdin: Option<&str>) {
    let mut child = Command::new("git")
        .args(["-c", "user.name=Ada", "-c", "user.email=ada@example.org"])
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .spawn()
        .expect("git runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    assert!(child.wait().unwrap().success(), "git {args:?}");
}

/// `folio build` of `site`: wall time and the `history` phase, if any.
fn build(site: &Path, out: &Path) -> (Duration, Option<Duration>) {
    let start = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("build")
        .arg("--root")
        .arg(site)
        .arg("--out")
        .arg(out.join("public"))
        .arg("--private-out")
        .arg(out.join("private"))
        .args(["--today", "2026-06-01"])
        .env("FOLIO_TIMINGS", "1")
        .output()
        .expect("folio runs");
    let wall = start.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    if std::env::var_os("FOLIO_BENCH_VERBOSE").is_some() {
        for l in stderr
            .lines()
            .filter(|l| l.starts_with("folio timing: history"))
        {
            eprintln!("{l}");
        }
    }
    let history = stderr.lines().find_map(|l| {
        let rest = l.strip_prefix("folio timing: history")?;
        let ms: f64 = rest.split_whitespace().next()?.parse().ok()?;
        Some(Duration::from_secs_f64(ms / 1000.0))
    });
    (wall, history)
}
