//! Writing new sources: `folio init` (a whole ready site, from files embedded
//! in the binary under `src/scaffold/site/`) and `folio new` (one page with
//! its front matter filled in). Neither ever overwrites a file. `folio
//! tasks` ([`tasks`], with [`diff`] for its dry run) is the one edit of an
//! existing source, made only when asked.
//!
//! This is the one place besides `--today`-style overrides where folio reads
//! the clock: a new page is dated today ([`today`], in UTC) unless told
//! otherwise.

pub mod diff;
pub mod tasks;

use std::path::{Path, PathBuf};

use crate::date::Date;
use crate::error::{Error, Result};
use crate::slug::{ascii_slug, slugify};

/// The files of a new site: where they go, and their text. `{{today}}` and
/// `{{in_six_months}}` are replaced by dates.
const SITE: &[(&str, &str)] = &[
    ("site.toml", include_str!("site/site.toml")),
    ("content/_index.md", include_str!("site/_index.md")),
    (
        "content/articles/hello-world.md",
        include_str!("site/article.md"),
    ),
    (
        "content/roadmaps/growth-plan.md",
        include_str!("site/roadmap.md"),
    ),
    (
        "content/achievements/log.md",
        include_str!("site/achievements.md"),
    ),
    ("content/cv.yaml", include_str!("site/cv.yaml")),
    (".gitignore", include_str!("site/gitignore")),
    (
        ".github/workflows/pages.yml",
        include_str!("site/pages.yml"),
    ),
];

/// What `folio new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    Article,
    Achievement,
    Roadmap,
}

/// Creates a ready site in `dir` (made if missing). Refuses, before writing
/// anything, when any of its files already exists. Returns the files written,
/// relative to `dir`.
pub fn init(dir: &Path, today: Date) -> Result<Vec<PathBuf>> {
    let existing: Vec<String> = SITE
        .iter()
        .filter(|(rel, _)| dir.join(rel).symlink_metadata().is_ok())
        .map(|(rel, _)| rel.to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Error::Usage(format!(
            "refusing to overwrite {} in {}: run `folio init` in an empty folder, or move the files away",
            existing.join(", "),
            dir.display()
        )));
    }
    let in_six_months = crate::calendar::from_days(crate::calendar::days(today) + 182);
    let mut written = Vec::new();
    for (rel, text) in SITE {
        let text = text
            .replace("{{today}}", &today.to_string())
            .replace("{{in_six_months}}", &in_six_months.to_string());
        create_new(&dir.join(rel), &text)?;
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}

/// Writes a new page of `kind` titled `title` into the site at `root`, dated
/// `date`; returns its path (under `root`). Never overwrites.
pub fn new_page(root: &Path, kind: NewKind, title: &str, date: Date) -> Result<PathBuf> {
    if !root.join(crate::config::CONFIG_FILE).is_file() {
        return Err(Error::Usage(format!(
            "no site.toml in {}: run `folio new` in a site's folder, pass --root DIR, or create a site with `folio init`",
            root.display()
        )));
    }
    let title = title.trim();
    // ASCII file names, so the URL is the name; a script with no
    // transliteration keeps its letters, as URLs do elsewhere.
    let slug = match ascii_slug(title) {
        s if s.is_empty() => slugify(title),
        s => s,
    };
    if slug.is_empty() {
        return Err(Error::Usage(format!(
            "the title `{title}` has no letters or digits to make a file name from"
        )));
    }
    let quoted = serde_json::to_string(title)
        .map_err(|e| Error::Usage(format!("cannot write the title `{title}`: {e}")))?;
    let (rel, text) = match kind {
        NewKind::Article => (
            format!("content/articles/{slug}.md"),
            format!(
                "---\ntitle: {quoted}\ndate: {date}\ndescription: \"\"\ntags: []\ndraft: true\n---\n\n\
                 The opening paragraph: it is the summary shown in lists and in the feed.\n\n\
                 <!-- more -->\n\n\
                 The rest of the article. Remove `draft: true` above to publish it.\n"
            ),
        ),
        NewKind::Achievement => (
            format!("content/achievements/{date}-{slug}.md"),
            format!(
                "---\ntitle: {quoted}\ndate: {date}\ntags: []\n---\n\n\
                 What happened, what changed because of it, and a number if there is one.\n"
            ),
        ),
        NewKind::Roadmap => (
            format!("content/roadmaps/{slug}.md"),
            format!(
                "---\ntitle: {quoted}\ndate: {date}\n---\n\n\
                 What this roadmap is for, in a sentence or two.\n\n\
                 ## Next 6 months\n\n\
                 Priority: HIGH\n\n\
                 - [ ] A first objective\n"
            ),
        ),
    };
    let path = root.join(&rel);
    create_new(&path, &text)?;
    Ok(path)
}

/// Writes a file that must not exist yet (checked atomically by the OS).
fn create_new(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("creating", parent, e))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Usage(format!(
                    "{} already exists; folio never overwrites a file: pick another title or remove the file",
                    path.display()
                ))
            } else {
                Error::io("creating", path, e)
            }
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| Error::io("writing", path, e))
}

/// Today's date in UTC, from the system clock.
pub fn today() -> Date {
    crate::calendar::from_days(crate::calendar::clock_seconds() / 86_400)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn dates_and_day_numbers_round_trip() {
        assert_eq!(crate::calendar::from_days(0), date("1970-01-01"));
        assert_eq!(crate::calendar::days(date("2000-03-01")), 11_017);
        assert_eq!(crate::calendar::from_days(20_526), date("2026-03-14"));
        for s in ["1969-12-31", "2024-02-29", "2026-12-31", "2100-03-01"] {
            assert_eq!(
                crate::calendar::from_days(crate::calendar::days(date(s))),
                date(s),
                "{s}"
            );
        }
    }

    #[test]
    fn init_fills_in_dates_and_refuses_to_overwrite() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("site");
        let written = init(&dir, date("2026-03-14")).unwrap();
        assert_eq!(written.len(), SITE.len());
        let roadmap = std::fs::read_to_string(dir.join("content/roadmaps/growth-plan.md")).unwrap();
        assert!(roadmap.contains("✅ 2026-03-14"));
        assert!(roadmap.contains("📅 2026-09-12"));
        assert!(!roadmap.contains("{{"));
        let before = std::fs::read(dir.join("site.toml")).unwrap();
        std::fs::write(dir.join("content/cv.yaml"), "mine").unwrap();
        std::fs::remove_file(dir.join("site.toml")).unwrap();
        let err = init(&dir, date("2026-03-15")).unwrap_err().to_string();
        assert!(err.contains("content/cv.yaml"), "{err}");
        assert!(
            !dir.join("site.toml").exists(),
            "nothing written on refusal"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("content/cv.yaml")).unwrap(),
            "mine"
        );
        assert!(!before.is_empty());
    }

    #[test]
    fn new_pages_go_to_their_folder_with_front_matter() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(
            tmp.path().join("site.toml"),
            "base_url = \"https://x.org/\"\n",
        )
        .unwrap();
        let d = date("2026-03-14");
        let p = new_page(tmp.path(), NewKind::Article, "Hello: \"World\"", d).unwrap();
        assert_eq!(p, tmp.path().join("content/articles/hello-world.md"));
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.starts_with("---\ntitle: \"Hello: \\\"World\\\"\"\ndate: 2026-03-14\n"));
        let p = new_page(tmp.path(), NewKind::Achievement, "Spoke at QCon", d).unwrap();
        assert!(p.ends_with("content/achievements/2026-03-14-spoke-at-qcon.md"));
        let p = new_page(tmp.path(), NewKind::Roadmap, "Growth", d).unwrap();
        assert!(p.ends_with("content/roadmaps/growth.md"));
        assert!(new_page(tmp.path(), NewKind::Roadmap, "Growth", d).is_err());
        assert!(new_page(tmp.path(), NewKind::Roadmap, "!!!", d).is_err());
        let p = new_page(tmp.path(), NewKind::Article, "Café Über", d).unwrap();
        assert_eq!(p, tmp.path().join("content/articles/cafe-uber.md"));
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.starts_with("---\ntitle: \"Café Über\"\n"), "{text}");
    }
}
