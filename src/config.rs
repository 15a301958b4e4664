//! `site.toml`: reading, validating and defaulting the site settings.
//!
//! Unknown keys are errors naming the closest known key, so a typo never
//! silently does nothing. Command-line overrides are applied by the caller
//! through [`Overrides`].

pub mod cv;
pub mod cv_variants;
pub mod private;
pub mod root;
pub mod tasks;
#[cfg(test)]
pub(crate) mod testing;
pub mod theme;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::date::Date;
use crate::diagnostic::{Diagnostic, closest, line_col};
use crate::error::{Error, Result};
use cv::CvSettings;
use private::PrivateSettings;
use tasks::TaskStatuses;
use theme::ThemeSettings;

/// The folder of the build cache in a site root ([`crate::build_cache`]);
/// named here because sources and outputs must stay clear of it.
pub const CACHE_DIR: &str = ".folio-cache";

pub const CONFIG_FILE: &str = "site.toml";

const KNOWN_KEYS: &[&str] = &[
    "title",
    "base_url",
    "description",
    "author",
    "language",
    "output_dir",
    "private_output_dir",
    "theme",
    "highlight_theme",
    "highlight_theme_dark",
    "paginate",
    "extra",
    "private",
    "task_statuses",
    "cv",
];

/// `site.toml` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    base_url: Option<String>,
    description: Option<String>,
    author: Option<String>,
    language: Option<String>,
    output_dir: Option<PathBuf>,
    private_output_dir: Option<PathBuf>,
    theme: Option<toml::Value>,
    highlight_theme: Option<String>,
    highlight_theme_dark: Option<String>,
    paginate: Option<usize>,
    #[serde(default)]
    extra: toml::Table,
    private: Option<toml::Value>,
    task_statuses: Option<toml::Value>,
    cv: Option<toml::Value>,
}

/// Validated settings, with every default filled in.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site root (the folder holding `site.toml`), absolute.
    pub root: PathBuf,
    pub title: String,
    /// Always ends with `/`.
    pub base_url: String,
    pub description: String,
    pub author: String,
    pub language: String,
    /// Absolute output folders.
    pub output_dir: PathBuf,
    pub private_output_dir: PathBuf,
    pub theme: Option<String>,
    /// `[theme] accent` (and `accent_dark`), checked for contrast.
    pub accent: Option<theme::Accent>,
    /// The accent's contrast warnings ([`theme`]).
    pub theme_warnings: Vec<Diagnostic>,
    pub highlight_theme: String,
    pub highlight_theme_dark: String,
    /// Articles per list page (articles and tag pages); 0 puts all on one.
    pub paginate: usize,
    pub extra: toml::Table,
    pub drafts: bool,
    /// Where the private site is mounted, for pages that cannot use relative
    /// links (404.html): the base URL's path for a build, `/_private/` under
    /// `folio serve`.
    pub private_base_path: String,
    /// "Today" for overdue objectives: see [`crate::calendar::today`].
    pub today: Date,
    /// Load and render past content errors, handing them back with the
    /// warnings instead of stopping (`folio check`). Never set when output
    /// is written: [`crate::build::build`] refuses a site with errors.
    pub keep_going: bool,
    /// The `[private]` table: encryption of the private site.
    pub private: PrivateSettings,
    /// The `[task_statuses]` table: what each task checkbox symbol means.
    pub task_statuses: TaskStatuses,
    /// The `[cv.variants.NAME]` tables, in name order.
    pub cv_variants: Vec<cv_variants::CvVariant>,
    /// The `[cv]` table: the paper the CV is set on.
    pub cv: CvSettings,
    /// Typeset PDFs may be read from and written to `.folio-cache/`
    /// (`folio build --no-cache` turns it off).
    pub pdf_cache: bool,
}

/// What the command line may override.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub base_url: Option<String>,
    pub output_dir: Option<PathBuf>,
    pub private_output_dir: Option<PathBuf>,
    pub drafts: bool,
    /// `--today YYYY-MM-DD`.
    pub today: Option<Date>,
}

impl Config {
    /// Reads `site.toml` in `root` and applies `overrides`.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config> {
        let root = absolute(root)?;
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::Usage(format!(
                    "no {CONFIG_FILE} in {}: run folio in a site's folder (or any folder inside it), pass --root DIR, or create one with `folio init`",
                    root.display()
                )));
            }
            Err(e) => return Err(Error::io("reading", path, e)),
        };
        Config::parse(&root, &text, overrides)
    }

    /// Parses the text of `site.toml` for the site at `root` (absolute).
    pub fn parse(root: &Path, text: &str, overrides: &Overrides) -> Result<Config> {
        let file = PathBuf::from(CONFIG_FILE);
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let (line, col) = e.span().map_or((0, 0), |s| line_col(text, s.start));
            Diagnostic::error("config", &file, e.message().to_string()).at_in(text, line, col)
        })?;
        // Every problem of the file is collected before any is reported.
        let (raw, mut problems) = read_keys(table, text, &file);
        let base_url = match overrides.base_url.clone().or(raw.base_url) {
            None => {
                problems.push(
                    Diagnostic::error("config", &file, "`base_url` is missing")
                        .hint("add a line like base_url = \"https://example.org/\""),
                );
                None
            }
            Some(url) => match normalize_base_url(&url) {
                Ok(url) => Some(url),
                Err(msg) => {
                    let (line, col) = key_position(text, "base_url");
                    problems.push(
                        Diagnostic::error("config", &file, msg)
                            .at_in(text, line, col)
                            .hint("use an absolute http(s) URL such as https://example.org/ or https://example.org/me/"),
                    );
                    None
                }
            },
        };
        let private = match PrivateSettings::from_table(raw.private.as_ref(), text, &file) {
            Ok(private) => Some(private),
            Err(d) => {
                problems.extend(d);
                None
            }
        };
        let task_statuses = match TaskStatuses::from_table(raw.task_statuses.as_ref(), text, &file)
        {
            Ok(statuses) => Some(statuses),
            Err(d) => {
                problems.extend(d);
                None
            }
        };
        let theme = match ThemeSettings::from_value(raw.theme.as_ref(), text, &file) {
            Ok(theme) => Some(theme),
            Err(d) => {
                problems.extend(d);
                None
            }
        };
        let cv_variants =
            cv_variants::from_table(raw.cv.as_ref(), text, &file).unwrap_or_else(|d| {
                problems.extend(d);
                Vec::new()
            });
        let cv = match CvSettings::from_table(raw.cv.as_ref(), text, &file) {
            Ok(cv) => Some(cv),
            Err(d) => {
                problems.extend(d);
                None
            }
        };
        let (Some(base_url), Some(private), Some(task_statuses), Some(theme), Some(cv), true) = (
            base_url,
            private,
            task_statuses,
            theme,
            cv,
            problems.is_empty(),
        ) else {
            return Err(Error::Content(problems));
        };

        let output_dir = resolve(
            root,
            overrides
                .output_dir
                .clone()
                .or(raw.output_dir)
                .unwrap_or_else(|| "public".into()),
        );
        let private_output_dir = resolve(
            root,
            overrides
                .private_output_dir
                .clone()
                .or(raw.private_output_dir)
                .unwrap_or_else(|| "private".into()),
        );
        let mut config = Config {
            root: root.to_path_buf(),
            title: raw.title.unwrap_or_else(|| "Portfolio".into()),
            base_url,
            description: raw.description.unwrap_or_default(),
            author: raw.author.unwrap_or_default(),
            language: raw.language.unwrap_or_else(|| "en".into()),
            output_dir,
            private_output_dir,
            theme: theme.name,
            accent: theme.accent,
            theme_warnings: theme.warnings,
            highlight_theme: raw
                .highlight_theme
                .unwrap_or_else(|| "InspiredGitHub".into()),
            highlight_theme_dark: raw
                .highlight_theme_dark
                .unwrap_or_else(|| "base16-ocean.dark".into()),
            paginate: raw.paginate.unwrap_or(20),
            extra: raw.extra,
            drafts: overrides.drafts,
            // Same place as the public site unless `folio serve` mounts it
            // elsewhere; replaced below once the base URL is known.
            private_base_path: String::new(),
            today: crate::calendar::today(overrides.today).map_err(Error::Usage)?,
            keep_going: false,
            private,
            task_statuses,
            cv_variants,
            cv,
            pdf_cache: true,
        };
        config.private_base_path = config.base_path().to_string();
        config.check_output_dirs()?;
        Ok(config)
    }

    /// The output folders must not overlap the sources or each other, so a
    /// build can never overwrite or delete what the owner wrote. Checked on
    /// the paths as written and again on the real paths (symbolic links
    /// resolved, for a folder that does not exist yet through its nearest
    /// existing parent), so no link leads an output into the site.
    fn check_output_dirs(&self) -> Result<()> {
        let outs = [&self.output_dir, &self.private_output_dir];
        overlap(&self.root, outs, |p| p.to_path_buf())?;
        overlap(&self.root, outs, real_path)
    }
    /// The path part of the base URL (`/` or `/me/`).
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.find("://").map_or(0, |i| i + 3);
        let rest = &self.base_url[after_scheme..];
        rest.find('/').map_or("/", |i| &rest[i..])
    }
}

/// Refuses outputs that overlap the site at `root`, its sources or each
/// other, comparing the paths as `view` gives them.
fn overlap(root: &Path, outs: [&PathBuf; 2], view: impl Fn(&Path) -> PathBuf) -> Result<()> {
    let sources = ["content", "static", "themes", "templates", CACHE_DIR];
    let real_root = view(root);
    let shown = |out: &Path, seen: &Path| {
        if out == seen {
            out.display().to_string()
        } else {
            format!("{} (really {})", out.display(), seen.display())
        }
    };
    for out in outs {
        let seen = view(out);
        let bad = real_root.starts_with(&seen)
            || sources.iter().any(|s| {
                seen.starts_with(view(&root.join(s))) || seen.starts_with(real_root.join(s))
            })
            || seen == view(&root.join(CONFIG_FILE));
        if bad {
            return Err(Error::Usage(format!(
                "output folder {} overlaps the site's sources; choose a folder outside content/, static/, themes/ and templates/ that does not contain the site",
                shown(out, &seen)
            )));
        }
    }
    let (public, private) = (view(outs[0]), view(outs[1]));
    if public.starts_with(&private) || private.starts_with(&public) {
        return Err(Error::Usage(format!(
            "the public ({}) and private ({}) output folders must be separate, neither inside the other",
            shown(outs[0], &public),
            shown(outs[1], &private)
        )));
    }
    Ok(())
}

/// `path` with every symbolic link resolved: the canonical path of its
/// nearest existing ancestor, followed by the parts that do not exist yet.
pub fn real_path(path: &Path) -> PathBuf {
    let mut missing = Vec::new();
    let mut existing = path;
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return missing
                .iter()
                .rev()
                .fold(real, |acc: PathBuf, part| acc.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_os_string());
                existing = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

fn normalize_base_url(url: &str) -> std::result::Result<String, String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("base_url `{url}` is not an absolute http(s) URL"))?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() {
        return Err(format!("base_url `{url}` has no host"));
    }
    if url.contains(['?', '#', ' ']) {
        return Err(format!(
            "base_url `{url}` must not contain a query, a fragment or spaces"
        ));
    }
    let mut url = url.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

/// The settings of `table`, and a diagnostic for each key that is unknown
/// or whose value has the wrong type (each left out of the settings).
fn read_keys(mut table: toml::Table, text: &str, file: &Path) -> (RawConfig, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let keys: Vec<String> = table.keys().cloned().collect();
    for key in keys {
        let (line, col) = key_position(text, &key);
        if !KNOWN_KEYS.contains(&key.as_str()) {
            let d = Diagnostic::error("config", file, format!("unknown key `{key}`"))
                .at_in(text, line, col);
            problems.push(match closest(&key, KNOWN_KEYS.iter().copied()) {
                Some(k) => d.hint(format!("did you mean `{k}`?")),
                None => d.hint(format!("known keys: {}", KNOWN_KEYS.join(", "))),
            });
            table.remove(&key);
            continue;
        }
        // Each key read on its own, so that every wrong type is found.
        let Some(value) = table.remove(&key) else {
            continue;
        };
        let alone = toml::Table::from_iter([(key.clone(), value.clone())]);
        match toml::Table::try_into::<RawConfig>(alone) {
            Ok(_) => {
                table.insert(key, value);
            }
            Err(e) => problems.push(
                Diagnostic::error("config", file, format!("`{key}`: {}", e.message()))
                    .at_in(text, line, col)
                    .hint("the README's `site.toml` section shows each setting with a value of its type"),
            ),
        }
    }
    // Every key left reads on its own, so together they read too.
    let raw = toml::Table::try_into(table).unwrap_or_default();
    (raw, problems)
}

/// Where a top-level key is written in the TOML text (1-based), or (0, 0).
fn key_position(text: &str, key: &str) -> (usize, usize) {
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let bare = trimmed.trim_start_matches(['"', '\'']);
        if let Some(after) = bare.strip_prefix(key) {
            let after = after.trim_start_matches(['"', '\'']).trim_start();
            if after.starts_with('=') || trimmed.starts_with('[') {
                return (i + 1, line.len() - trimmed.len() + 1);
            }
        }
        if trimmed == format!("[{key}]") {
            return (i + 1, line.len() - trimmed.len() + 1);
        }
    }
    (0, 0)
}

fn absolute(path: &Path) -> Result<PathBuf> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io("reading the current folder", ".", e))?
            .join(path)
    };
    Ok(normalize(&abs))
}

fn resolve(root: &Path, dir: PathBuf) -> PathBuf {
    let joined = if dir.is_absolute() {
        dir
    } else {
        root.join(dir)
    };
    normalize(&joined)
}

/// Lexically removes `.` and `..` components (the folders may not exist yet).
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Where `key` of the table `[table]` is written in `site.toml` (1-based),
/// as a line in that section or as `table.key = …`; the table's own
/// position for `None`; (0, 0) when not found. The sub-modules that read a
/// table (`[theme]`, `[private]`) place their diagnostics with it.
fn table_key_position(text: &str, table: &str, key: Option<&str>) -> (usize, usize) {
    let mut in_section = false;
    let mut section_at = (0, 0);
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let col = line.len() - trimmed.len() + 1;
        if trimmed.starts_with('[') {
            let header: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
            in_section = header.starts_with(&format!("[{table}]"));
            if in_section {
                section_at = (i + 1, col);
            }
            continue;
        }
        let Some((lhs, _)) = trimmed.split_once('=') else {
            continue;
        };
        let lhs: String = lhs
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '"' && *c != '\'')
            .collect();
        let wanted = match key {
            Some(k) if in_section => lhs == k,
            Some(k) => lhs == format!("{table}.{k}"),
            None => !in_section && (lhs == table || lhs.starts_with(&format!("{table}."))),
        };
        if wanted {
            return (i + 1, col);
        }
    }
    section_at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(Path::new("/site"), text, &Overrides::default())
    }

    #[test]
    fn defaults_fill_in_and_base_url_gets_a_slash() {
        let c = parse("title = \"T\"\nbase_url = \"https://x.org/me\"\n").unwrap();
        assert_eq!(c.base_url, "https://x.org/me/");
        assert_eq!(c.base_path(), "/me/");
        assert_eq!(c.output_dir, PathBuf::from("/site/public"));
        assert_eq!(c.private_output_dir, PathBuf::from("/site/private"));
        assert_eq!(c.language, "en");
    }

    #[test]
    fn unknown_key_names_key_position_and_suggestion() {
        let Err(Error::Content(d)) =
            parse("title = \"T\"\nbase_url = \"https://x.org/\"\ntitel = 1\n")
        else {
            panic!("expected a content error")
        };
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "unknown key `titel`");
        assert_eq!((d[0].line, d[0].col), (3, 1));
        assert_eq!(d[0].hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn toml_syntax_error_has_a_position() {
        let Err(Error::Content(d)) = parse("title = \"T\nbase_url = 1\n") else {
            panic!("expected a content error")
        };
        assert_eq!(d[0].line, 1);
    }

    #[test]
    fn relative_base_url_is_refused() {
        assert!(matches!(
            parse("base_url = \"/me/\"\n"),
            Err(Error::Content(_))
        ));
    }

    #[test]
    fn output_inside_content_is_refused() {
        let r = parse("base_url = \"https://x.org/\"\noutput_dir = \"content/out\"\n");
        assert!(matches!(r, Err(Error::Usage(_))));
        let r = parse("base_url = \"https://x.org/\"\noutput_dir = \"..\"\n");
        assert!(matches!(r, Err(Error::Usage(_))));
    }
}
