//! The theme: templates and static files, from the default theme embedded in
//! the binary, overridden file by file by the site's `themes/<name>/` and then
//! its own `templates/` and `static/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use include_dir::{Dir, include_dir};

use crate::config::Config;
use crate::content::{page_files, source};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a static file's bytes come from.
#[derive(Debug, Clone)]
pub enum StaticSource {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

impl StaticSource {
    pub fn read(&self) -> Result<Vec<u8>> {
        match self {
            StaticSource::Embedded(b) => Ok(b.to_vec()),
            StaticSource::Disk(p) => std::fs::read(p).map_err(|e| Error::io("reading", p, e)),
        }
    }
}

pub struct Theme {
    pub tera: tera::Tera,
    /// Template name → its file (relative to the site root, or under
    /// `themes/default` when embedded) and text, for error messages.
    origins: BTreeMap<String, (PathBuf, String)>,
    /// Output path → source, theme files first, overridden by the site's.
    pub statics: BTreeMap<String, StaticSource>,
    /// Typst templates (`templates/*.typ`, e.g. `cv.typ` for `cv.pdf`):
    /// name → file and text, kept apart from tera's HTML templates.
    typst: Sources,
    /// Template name → the longest page it rendered so far: a page starts
    /// with that much room, so a long page is not copied each time its
    /// buffer grows (tera's own guess is the template's text).
    longest: BTreeMap<String, AtomicUsize>,
}

/// The most room a page starts with ([`Theme::longest`]).
const MOST_ROOM: usize = 1 << 20;

/// [`Theme::longest`], nothing rendered yet.
fn longest(templates: &Sources) -> BTreeMap<String, AtomicUsize> {
    templates
        .keys()
        .map(|name| (name.clone(), AtomicUsize::new(0)))
        .collect()
}

impl Theme {
    pub fn load(config: &Config, warnings: &mut Vec<Diagnostic>) -> Result<Theme> {
        let mut templates: Sources = BTreeMap::new();
        let mut statics = BTreeMap::new();
        collect_embedded(&DEFAULT_THEME, &mut templates, &mut statics);

        let mut layers = Vec::new();
        if let Some(name) = &config.theme {
            let dir = config.root.join("themes").join(name);
            if !dir.is_dir() {
                return Err(Diagnostic::error(
                    "config",
                    crate::config::CONFIG_FILE,
                    format!("theme `{name}` not found: there is no folder themes/{name}/"),
                )
                .hint("create the folder, or remove `theme` to use the default theme")
                .into());
            }
            layers.push((dir.join("templates"), dir.join("static")));
        }
        layers.push((config.root.join("templates"), config.root.join("static")));

        // Every problem of every file is collected before any is reported.
        let mut problems = Vec::new();
        for (tpl_dir, static_dir) in layers {
            let mut found = Vec::new();
            let template_files = source::walk(&config.root, &tpl_dir, &mut found)?;
            let static_files = source::walk(&config.root, &static_dir, &mut found)?;
            for d in found {
                if d.is_error() {
                    problems.push(d);
                } else {
                    warnings.push(d);
                }
            }
            for f in template_files {
                let display = f
                    .abs
                    .strip_prefix(&config.root)
                    .unwrap_or(&f.abs)
                    .to_path_buf();
                let bytes = std::fs::read(&f.abs).map_err(|e| Error::io("reading", &f.abs, e))?;
                match source::decode(&display, bytes) {
                    Ok(text) => {
                        templates.insert(f.rel, (display, text));
                    }
                    Err(d) => problems.push(d),
                }
            }
            for f in static_files {
                let display = f.abs.strip_prefix(&config.root).unwrap_or(&f.abs);
                match page_files::refuse_front_matter_static(&f.abs, display) {
                    Some(d) => problems.push(d),
                    None => {
                        if let Some(d) = shadows_a_made_file(config, &f.rel, display) {
                            warnings.push(d);
                        }
                        statics.insert(f.rel, StaticSource::Disk(f.abs));
                    }
                }
            }
        }

        let typst: Sources = templates
            .iter()
            .filter(|(name, _)| name.ends_with(".typ"))
            .map(|(n, t)| (n.clone(), t.clone()))
            .collect();
        templates.retain(|name, _| !name.ends_with(".typ"));
        let version = sources_version(&templates);
        if let (Some(tera), true) = (parsed(version), problems.is_empty()) {
            return Ok(Theme {
                tera,
                longest: longest(&templates),
                origins: templates,
                statics,
                typst,
            });
        }
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".htm", ".xml"]);
        let result =
            tera.add_raw_templates(templates.iter().map(|(n, (_, t))| (n.as_str(), t.as_str())));
        let theme = Theme {
            tera,
            longest: longest(&templates),
            origins: templates,
            statics,
            typst,
        };
        match result {
            Ok(()) if problems.is_empty() => {
                remember_parsed(version, &theme.tera);
                Ok(theme)
            }
            Ok(()) => Err(Error::Content(problems)),
            Err(e) => {
                // tera stops at the first template that does not parse:
                // each is parsed alone to find every one that does not.
                let mut errors = theme.syntax_errors();
                if errors.is_empty() {
                    errors = theme.error(&e);
                }
                problems.extend(errors);
                Err(Error::Content(problems))
            }
        }
    }

    /// The syntax errors of every template, each parsed on its own (a
    /// template that extends or includes another is not checked against
    /// it here).
    fn syntax_errors(&self) -> Vec<Diagnostic> {
        self.origins
            .iter()
            .filter_map(|(name, (_, text))| {
                let e = tera::Tera::default().add_raw_template(name, text).err()?;
                matches!(e.kind(), tera::ErrorKind::SyntaxError(_)).then(|| self.error(&e))
            })
            .flatten()
            .collect()
    }

    /// A hash of every template's name and text: pages rendered with another
    /// version of the theme are never reused.
    pub fn version(&self) -> u64 {
        sources_version(&self.origins)
    }

    /// The Typst template `name` (`cv.typ`): its file and text.
    pub fn typst_template(&self, name: &str) -> Option<(&Path, &str)> {
        self.typst
            .get(name)
            .map(|(path, text)| (path.as_path(), text.as_str()))
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.origins.contains_key(name)
    }

    /// Every template's name and text, for checks that read what the
    /// templates use (e.g. which `extra` keys).
    pub fn template_texts(&self) -> impl Iterator<Item = (&str, &str)> {
        self.origins
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_str()))
    }

    /// Renders `template`, turning tera's errors into a diagnostic at the
    /// template's file, line and column.
    pub fn render(&self, template: &str, ctx: &tera::Context) -> Result<String, Vec<Diagnostic>> {
        let longest = self.longest.get(template);
        let room = longest.map_or(0, |l| l.load(Ordering::Relaxed));
        // One huge page must not make every later one reserve as much.
        let mut page = Vec::with_capacity(room.min(MOST_ROOM));
        self.tera
            .render_to(template, ctx, &mut page)
            .map_err(|e| self.error(&e))?;
        if let Some(longest) = longest {
            longest.fetch_max(page.len(), Ordering::Relaxed);
        }
        String::from_utf8(page).map_err(|e| self.error(&e.into()))
    }

    fn error(&self, e: &tera::Error) -> Vec<Diagnostic> {
        match e.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
                let span = r.span();
                vec![self.at(
                    r.filename(),
                    r.message(),
                    span.start_line,
                    span.start_col + 1,
                )]
            }
            tera::ErrorKind::Msg(text) if text.contains("\n") && text.contains("--> ") => {
                // Validation errors arrive as formatted reports: parse them
                // back into positions.
                text.split("\n\n")
                    .filter_map(|report| self.parse_report(report))
                    .collect()
            }
            kind => {
                let mut msg = kind.to_string();
                let mut cause = std::error::Error::source(e);
                while let Some(c) = cause {
                    msg.push_str(": ");
                    msg.push_str(&c.to_string());
                    cause = c.source();
                }
                vec![
                    Diagnostic::error("template", "templates", msg)
                        .hint("check the template names used in extends and include"),
                ]
            }
        }
    }

    /// Reads `error: MESSAGE\n --> NAME:LINE:COL ...` as printed by tera.
    fn parse_report(&self, report: &str) -> Option<Diagnostic> {
        let mut lines = report.lines().map(str::trim);
        let message = lines.next()?.strip_prefix("error: ")?;
        let locus = lines.find_map(|l| l.strip_prefix("--> "))?;
        let mut parts = locus.rsplitn(3, ':');
        let col: usize = parts.next()?.parse().ok()?;
        let line: usize = parts.next()?.parse().ok()?;
        let name = parts.next()?;
        Some(self.at(name, message, line, col))
    }

    fn at(&self, name: &str, message: &str, line: usize, col: usize) -> Diagnostic {
        let message = format!("template `{name}`: {message}");
        let Some((path, text)) = self.origins.get(name) else {
            return Diagnostic::error("template", Path::new("templates").join(name), message)
                .at(line, col);
        };
        let d = Diagnostic::error("template", path, message).at_in(text, line, col);
        if path.starts_with("themes/default") {
            d.hint("this is the embedded default theme: a site template it includes or extends may be missing a variable")
        } else {
            d.hint(
                "fix the template; the variables a template gets are listed in docs/templates.md",
            )
        }
    }
}

type Sources = BTreeMap<String, (PathBuf, String)>;

fn sources_version(templates: &Sources) -> u64 {
    crate::cache::hash_of(
        &templates
            .iter()
            .map(|(n, (_, t))| (n, t))
            .collect::<Vec<_>>(),
    )
}

/// The last set of templates parsed in this process, by version: a watched
/// site rebuilds many times with the same templates, and parsing them is
/// most of a theme's load.
static PARSED: std::sync::Mutex<Option<(u64, tera::Tera)>> = std::sync::Mutex::new(None);

fn parsed(version: u64) -> Option<tera::Tera> {
    let last = PARSED.lock().unwrap_or_else(|p| p.into_inner());
    last.as_ref()
        .filter(|(v, _)| *v == version)
        .map(|(_, t)| t.clone())
}

fn remember_parsed(version: u64, tera: &tera::Tera) {
    *PARSED.lock().unwrap_or_else(|p| p.into_inner()) = Some((version, tera.clone()));
}

fn collect_embedded(
    dir: &'static Dir<'static>,
    templates: &mut BTreeMap<String, (PathBuf, String)>,
    statics: &mut BTreeMap<String, StaticSource>,
) {
    for entry in dir.entries() {
        if let Some(sub) = entry.as_dir() {
            collect_embedded(sub, templates, statics);
        } else if let Some(file) = entry.as_file() {
            let path = file.path();
            let rel = |prefix: &str| {
                path.strip_prefix(prefix)
                    .ok()
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
            };
            if let Some(name) = rel("templates") {
                if let Some(text) = file.contents_utf8() {
                    templates.insert(
                        name,
                        (Path::new("themes/default").join(path), text.to_string()),
                    );
                }
            } else if let Some(name) = rel("static") {
                statics.insert(name, StaticSource::Embedded(file.contents()));
            }
        }
    }
}

/// A warning when a static file takes the place of a file folio makes from
/// the sources: a PDF it typesets (`cv.pdf`, `cv-NAME.pdf`), the CV as
/// JSON Resume (`resume.json`, `resume-NAME.json`, when the site has a CV),
/// the feed or the sitemap. The static file is published, as it always
/// was, but never silently: a copy left there would go stale as the
/// sources change. (`robots.txt` and the stylesheets are the site's to
/// replace.)
fn shadows_a_made_file(config: &Config, rel: &str, display: &Path) -> Option<Diagnostic> {
    // `PREFIX-NAME.EXT` for a CV variant `NAME`.
    let variant = |prefix: &str, ext: &str| {
        let name = rel
            .strip_prefix(prefix)
            .and_then(|r| r.strip_prefix('-'))
            .and_then(|r| r.strip_suffix(ext))
            .and_then(|r| r.strip_suffix('.'));
        name.is_some_and(|n| config.cv_variants.iter().any(|v| v.name == n))
    };
    let has_cv = || {
        crate::content::DATA_FILES
            .iter()
            .any(|f| config.root.join("content").join(f).is_file())
    };
    if config.cv.pdf && (rel == "cv.pdf" || variant("cv", "pdf")) {
        return Some(
            Diagnostic::warning(
                "static-shadows-pdf",
                display,
                format!("`{}` is published at /{rel} instead of the CV folio typesets there", display.display()),
            )
            .hint("remove the file to publish the typeset CV, or write `pdf = false` under [cv] in site.toml to keep yours and silence this"),
        );
    }
    let made = match rel {
        "atom.xml" => "the feed folio makes from your articles",
        "sitemap.xml" => "the sitemap folio makes of your pages",
        _ if (rel == "resume.json" || variant("resume", "json")) && has_cv() => {
            "the JSON Resume folio makes from your CV"
        }
        _ => return None,
    };
    Some(
        Diagnostic::warning(
            "static-shadows-file",
            display,
            format!("`{}` is published at /{rel} instead of {made}", display.display()),
        )
        .hint("remove the file: folio writes it from your sources on every build, so it never goes stale"),
    )
}
