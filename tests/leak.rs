//! The leak property: whatever mix of public and private content a site has,
//! no private word reaches a file of the public site.
//!
//! proptest generates small random sites (articles, pages, roadmaps with
//! task items, achievement logs and one-file entries, a CV whose work
//! entries the achievements name with `cv:`, links between them). Every
//! private item — and every part of a public item the public site must not
//! show (a public roadmap's prose, a log's preamble, a draft) — carries a
//! unique marker. The site is built in process (`render_site` plus the link
//! check `build` runs) and every public output is searched for each marker
//! in every encoding the output could carry it: plain, HTML-escaped (named
//! and numeric entities), percent-encoded (the marker and its slug), and
//! JSON-escaped. A public page linking to a private one must instead fail
//! the build with `private-link`.

use std::fmt::Write as _;
use std::path::Path;

use folio::build::{Rendered, render_site};
use folio::config::{Config, Overrides};
use folio::date::Date;
use folio::error::Error;
use memchr::memmem;
use proptest::prelude::*;

/// How many random sites to build (1,000 in CI; `PROPTEST_CASES` overrides).
const CASES: u32 = 1000;

#[derive(Debug, Clone, Copy, PartialEq)]
enum DocKind {
    Article,
    Page,
    Roadmap,
}

#[derive(Debug, Clone)]
struct Doc {
    kind: DocKind,
    private: bool,
    draft: bool,
    /// Roadmaps: a public one shows its objectives only with this.
    public_items: bool,
    menu: bool,
    tasks: Vec<u8>,
    /// Indexes into the document list (taken modulo its length).
    links: Vec<usize>,
}

#[derive(Debug, Clone)]
struct Entry {
    /// `Visibility:` of the entry: None, public or private.
    visibility: Option<bool>,
    /// Index of the CV work entry it names with `cv:`.
    cv: Option<usize>,
    /// Index of a roadmap it advances (whole roadmap).
    advances: Option<usize>,
}

#[derive(Debug, Clone)]
struct Log {
    /// `visibility: public` in the file's front matter.
    public_file: bool,
    /// One file per entry (front matter) rather than a `##` log.
    single: bool,
    entries: Vec<Entry>,
}

#[derive(Debug, Clone)]
struct SiteSpec {
    docs: Vec<Doc>,
    logs: Vec<Log>,
    work: usize,
    /// A random suffix that makes this case's markers unique.
    salt: String,
    /// Add one public → private link: the build must fail.
    bad_link: Option<(usize, usize)>,
}

fn doc() -> impl Strategy<Value = Doc> {
    (
        prop_oneof![
            Just(DocKind::Article),
            Just(DocKind::Page),
            Just(DocKind::Roadmap)
        ],
        any::<bool>(),
        prop::bool::weighted(0.1),
        any::<bool>(),
        prop::bool::weighted(0.2),
        prop::collection::vec(0u8..4, 0..4),
        prop::collection::vec(any::<usize>(), 0..3),
    )
        .prop_map(
            |(kind, private, draft, public_items, menu, tasks, links)| Doc {
                kind,
                private,
                draft,
                public_items,
                menu,
                tasks,
                links,
            },
        )
}

fn entry() -> impl Strategy<Value = Entry> {
    (
        prop::option::of(any::<bool>()),
        prop::option::of(0usize..3),
        prop::option::weighted(0.3, any::<usize>()),
    )
        .prop_map(|(visibility, cv, advances)| Entry {
            visibility,
            cv,
            advances,
        })
}

fn log() -> impl Strategy<Value = Log> {
    (
        any::<bool>(),
        prop::bool::weighted(0.3),
        prop::collection::vec(entry(), 1..4),
    )
        .prop_map(|(public_file, single, entries)| Log {
            public_file,
            single,
            entries,
        })
}

fn site() -> impl Strategy<Value = SiteSpec> {
    (
        prop::collection::vec(doc(), 2..9),
        prop::collection::vec(log(), 0..3),
        1usize..4,
        "[a-z]{6}",
        prop::option::weighted(0.15, (any::<usize>(), any::<usize>())),
    )
        .prop_map(|(docs, logs, work, salt, bad_link)| SiteSpec {
            docs,
            logs,
            work,
            salt,
            bad_link,
        })
}

/// The markers of one generated site, and its source files.
struct Generated {
    files: Vec<(String, String)>,
    /// (marker, the bare token inside it).
    markers: Vec<(String, String)>,
    /// Tokens the private site must show (not drafts, not log preambles).
    shown_privately: Vec<String>,
    /// Whether the site has a public page linking a private one.
    expect_private_link: bool,
}

struct Gen<'a> {
    spec: &'a SiteSpec,
    markers: Vec<(String, String)>,
    shown_privately: Vec<String>,
    /// Secrets made now are shown on no site (drafts, log preambles).
    hidden: bool,
}

impl Gen<'_> {
    /// A new secret: a token unique to this case, wrapped in characters that
    /// every encoding changes (`&`, `<`, a space, a non-ASCII letter).
    fn secret(&mut self) -> String {
        let token = format!("zq{}v{}", self.markers.len(), self.spec.salt);
        let marker = format!("{token} & <é>{token}");
        if !self.hidden {
            self.shown_privately.push(token.clone());
        }
        self.markers.push((marker.clone(), token));
        marker
    }
}

fn doc_rel(i: usize, d: &Doc, salt: &str) -> String {
    // A private item's file name (its URL) is a secret too: it holds the salt.
    let name = if d.private {
        format!("d{i}-{salt}")
    } else {
        format!("d{i}")
    };
    match d.kind {
        DocKind::Article => format!("articles/{name}.md"),
        DocKind::Page => format!("pages/{name}.md"),
        DocKind::Roadmap => format!("roadmaps/{name}.md"),
    }
}

fn is_public_target(d: &Doc) -> bool {
    !d.private && !d.draft
}

fn generate(spec: &SiteSpec) -> Generated {
    let mut g = Gen {
        spec,
        markers: Vec::new(),
        shown_privately: Vec::new(),
        hidden: false,
    };
    let salt = spec.salt.clone();
    let n = spec.docs.len();
    let rels: Vec<String> = spec
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| doc_rel(i, d, &salt))
        .collect();
    let mut files = Vec::new();
    // The bad link: from a public published document to a private one.
    let bad = spec.bad_link.and_then(|(a, b)| {
        let sources: Vec<usize> = (0..n)
            .filter(|&i| is_public_target(&spec.docs[i]))
            .collect();
        let targets: Vec<usize> = (0..n)
            .filter(|&i| spec.docs[i].private && !spec.docs[i].draft)
            .collect();
        if sources.is_empty() || targets.is_empty() {
            return None;
        }
        Some((sources[a % sources.len()], targets[b % targets.len()]))
    });

    for (i, d) in spec.docs.iter().enumerate() {
        g.hidden = d.draft;
        let secret = |g: &mut Gen| {
            if d.private || d.draft {
                g.secret()
            } else {
                String::new()
            }
        };
        let title_secret = secret(&mut g);
        let mut fm = format!("---\ntitle: \"Doc {i} {title_secret}\"\n");
        if d.private {
            fm.push_str("visibility: private\n");
        } else if d.kind == DocKind::Roadmap {
            fm.push_str("visibility: public\n");
        }
        if d.draft {
            fm.push_str("draft: true\n");
        }
        if d.menu {
            let _ = writeln!(fm, "menu: {}", i + 1);
        }
        if d.kind == DocKind::Article {
            let _ = writeln!(fm, "date: 2025-03-{:02}", i + 1);
        }
        if d.kind == DocKind::Roadmap {
            fm.push_str("start: 2025-01-01\n");
            if d.public_items {
                fm.push_str("public_items: true\n");
            }
        }
        let description = secret(&mut g);
        if !description.is_empty() {
            let _ = writeln!(fm, "description: \"{description}\"");
            let tag = format!("t{}", g.markers.last().map_or("", |m| m.1.as_str()));
            let _ = writeln!(fm, "tags: [shared, {tag}]");
        } else {
            fm.push_str("tags: [shared]\n");
        }
        fm.push_str("---\n");
        let mut body = fm;
        // Prose: secret when the item is private, and always for roadmaps
        // (a public roadmap's prose never reaches the public site).
        let prose = if d.private || d.draft || d.kind == DocKind::Roadmap {
            g.secret()
        } else {
            String::new()
        };
        let _ = writeln!(body, "Intro {i} {prose}\n");
        // Links, valid for the audience: a public page links public targets.
        for &l in &d.links {
            let t = l % n;
            let target = &spec.docs[t];
            if target.draft || t == i {
                continue;
            }
            if !d.private && !d.draft && target.private {
                continue;
            }
            let _ = writeln!(body, "See [doc {t}]({}).\n", relative(&rels[i], &rels[t]));
        }
        if bad.is_some_and(|(s, _)| s == i) {
            let (_, t) = bad.unwrap_or_default();
            let _ = writeln!(body, "Leak [doc {t}]({}).\n", relative(&rels[i], &rels[t]));
        }
        if d.kind == DocKind::Roadmap {
            // Objectives are secret unless the roadmap shows them publicly.
            let items_public = !d.private && !d.draft && d.public_items;
            let _ = writeln!(body, "## Section {i}\n");
            for (k, t) in d.tasks.iter().enumerate() {
                let text = if items_public {
                    format!("task {k}")
                } else {
                    format!("task {k} {}", g.secret())
                };
                let mark = [" ", "x", "/", "-"][usize::from(*t)];
                let _ = writeln!(body, "- [{mark}] {text}");
            }
            if d.private {
                // A private asset next to the roadmap: name and content.
                let asset = format!("roadmaps/a{i}-{salt}.txt");
                let text = g.secret();
                files.push((asset, format!("{text}\n")));
                let _ = writeln!(body, "\n[notes](a{i}-{salt}.txt)");
            }
        }
        files.push((rels[i].clone(), body));
    }
    g.hidden = false;

    // Achievements.
    let mut day = 1;
    for (f, log) in spec.logs.iter().enumerate() {
        let mut entry_text = |g: &mut Gen, e: &Entry, single: bool| -> (String, bool) {
            let public = e.visibility.unwrap_or(log.public_file);
            let secret = if public { String::new() } else { g.secret() };
            let date = format!("2025-02-{day:02}");
            day += 1;
            let tag = if public {
                "win".to_string()
            } else {
                format!("t{}", g.markers.last().map_or("", |m| m.1.as_str()))
            };
            let cv = e.cv.filter(|&w| w < spec.work).map(|w| format!("Acme {w}"));
            let advances = e.advances.map(|r| r % n).and_then(|r| {
                let d = &spec.docs[r];
                (d.kind == DocKind::Roadmap && !d.draft).then(|| {
                    rels[r]
                        .trim_start_matches("roadmaps/")
                        .trim_end_matches(".md")
                        .to_string()
                })
            });
            let vis = e.visibility.map(|p| if p { "public" } else { "private" });
            let mut out = String::new();
            if single {
                let _ = writeln!(out, "---\ntitle: \"Win {secret}\"\ndate: {date}");
                let _ = writeln!(out, "tags: [{tag}]\nimpact: [\"big {secret}\"]");
                let file_vis = vis.or(log.public_file.then_some("public"));
                if let Some(v) = file_vis {
                    let _ = writeln!(out, "visibility: {v}");
                }
                if let Some(cv) = &cv {
                    let _ = writeln!(out, "cv: {cv}");
                }
                if let Some(a) = &advances {
                    let _ = writeln!(out, "advances: {a}");
                }
                let _ = writeln!(out, "---\nWhat happened {secret}.");
            } else {
                let _ = writeln!(out, "## {date} — Win {secret}");
                let _ = writeln!(out, "Tags: {tag}\nImpact: big {secret}");
                if let Some(v) = vis {
                    let _ = writeln!(out, "Visibility: {v}");
                }
                if let Some(cv) = &cv {
                    let _ = writeln!(out, "CV: {cv}");
                }
                if let Some(a) = &advances {
                    let _ = writeln!(out, "Advances: {a}");
                }
                let _ = writeln!(out, "\nWhat happened {secret}.\n");
            }
            (out, public)
        };
        if log.single {
            for (k, e) in log.entries.iter().enumerate() {
                let (text, _) = entry_text(&mut g, e, true);
                files.push((format!("achievements/e{f}-{k}.md"), text));
            }
        } else {
            g.hidden = true;
            let preamble = g.secret();
            g.hidden = false;
            let mut text = String::from("---\ntitle: Log\n");
            if log.public_file {
                text.push_str("visibility: public\n");
            }
            let _ = writeln!(text, "---\nMy notes {preamble}\n");
            for e in &log.entries {
                text.push_str(&entry_text(&mut g, e, false).0);
            }
            files.push((format!("achievements/log{f}.md"), text));
        }
    }

    let mut cv = String::from("basics:\n  name: Ada Example\n  label: Engineer\nwork:\n");
    for w in 0..spec.work {
        let _ = writeln!(
            cv,
            "  - name: Acme {w}\n    position: Lead\n    startDate: 20{:02}-01-01",
            10 + w
        );
    }
    files.push(("cv.yaml".into(), cv));
    files.push(("_index.md".into(), "Welcome.\n".into()));
    Generated {
        files,
        markers: g.markers,
        shown_privately: g.shown_privately,
        expect_private_link: bad.is_some(),
    }
}

/// The relative link from one source file to another (`../roadmaps/x.md`).
fn relative(from: &str, to: &str) -> String {
    let from_dir = from.rsplit_once('/').map_or("", |(d, _)| d);
    let to_dir = to.rsplit_once('/').map_or("", |(d, _)| d);
    let name = to.rsplit_once('/').map_or(to, |(_, n)| n);
    if from_dir == to_dir {
        name.to_string()
    } else {
        format!("../{to}")
    }
}

const SITE_TOML: &str = "title = \"Leak test\"\nbase_url = \"https://leak.example.org/\"\n\
                         author = \"Ada\"\nlanguage = \"en\"\n";

fn build(root: &Path, g: &Generated) -> Result<Rendered, Error> {
    std::fs::write(root.join("site.toml"), SITE_TOML).expect("write site.toml");
    for (rel, text) in &g.files {
        let path = root.join("content").join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write source");
    }
    let overrides = Overrides {
        today: Some(Date::parse("2025-06-01").expect("date")),
        ..Overrides::default()
    };
    let config = Config::parse(root, SITE_TOML, &overrides)?;
    let rendered = render_site(config)?;
    folio::check::refuse_errors(&rendered)?;
    Ok(rendered)
}

/// Every form in which `marker` (and its bare `token`) could appear.
fn encodings(marker: &str, token: &str) -> Vec<String> {
    let mut forms = vec![token.to_string(), token.to_uppercase(), marker.to_string()];
    let html = |named: bool, hex: bool| -> String {
        marker
            .chars()
            .map(|c| match c {
                '&' if named => "&amp;".to_string(),
                '<' if named => "&lt;".to_string(),
                '>' if named => "&gt;".to_string(),
                c if c.is_ascii_alphanumeric() || c == ' ' => c.to_string(),
                c if hex => format!("&#x{:x};", u32::from(c)),
                c => format!("&#{};", u32::from(c)),
            })
            .collect()
    };
    forms.push(html(true, false));
    forms.push(html(true, true));
    forms.push(html(false, false));
    forms.push(html(false, true));
    // Every character as a numeric entity.
    forms.push(
        marker
            .chars()
            .map(|c| format!("&#{};", u32::from(c)))
            .collect(),
    );
    for text in [marker.to_string(), folio::slug::slugify(marker)] {
        for upper in [false, true] {
            let enc: String = text
                .bytes()
                .map(|b| {
                    if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                        char::from(b).to_string()
                    } else if upper {
                        format!("%{b:02X}")
                    } else {
                        format!("%{b:02x}")
                    }
                })
                .collect();
            forms.push(enc.clone());
            forms.push(enc.replace("%20", "+"));
        }
        forms.push(text);
    }
    let json = serde_json::to_string(marker).expect("json");
    forms.push(json.trim_matches('"').to_string());
    let escaped: String = marker
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == ' ' {
                c.to_string()
            } else {
                format!("\\u{:04x}", u32::from(c))
            }
        })
        .collect();
    forms.push(escaped.clone());
    forms.push(escaped.to_uppercase().replace("\\U", "\\u"));
    forms.retain(|f| !f.is_empty());
    forms
}

fn check(spec: &SiteSpec) -> Result<(), TestCaseError> {
    let g = generate(spec);
    let dir = tempfile::tempdir().expect("tempdir");
    let result = build(dir.path(), &g);
    if g.expect_private_link {
        let Err(Error::Content(diags)) = &result else {
            return Err(TestCaseError::fail(
                "a public page linking a private one must fail the build",
            ));
        };
        prop_assert!(
            diags.iter().any(|d| d.code == "private-link"),
            "expected private-link, got {diags:?}"
        );
        return Ok(());
    }
    let rendered = match result {
        Ok(r) => r,
        Err(e) => {
            let detail = match &e {
                Error::Content(d) => format!("{d:#?}"),
                other => other.to_string(),
            };
            return Err(TestCaseError::fail(format!(
                "valid site failed to build: {detail}\nfiles: {:#?}",
                g.files
            )));
        }
    };
    prop_assert!(rendered.public.pages() > 0);
    let forms: Vec<(String, String)> = g
        .markers
        .iter()
        .flat_map(|(m, t)| encodings(m, t).into_iter().map(move |f| (m.clone(), f)))
        .collect();
    for (path, bytes) in rendered.public.iter() {
        for (marker, form) in &forms {
            prop_assert!(
                memmem::find(bytes, form.as_bytes()).is_none()
                    && memmem::find(path.as_bytes(), form.as_bytes()).is_none(),
                "public {path} carries {form:?} (marker {marker:?})"
            );
        }
    }
    // The private site is the same content: every marker is there, so the
    // search above is not vacuous.
    let private: Vec<&[u8]> = rendered.private.iter().map(|(_, b)| b).collect();
    for token in &g.shown_privately {
        prop_assert!(
            private
                .iter()
                .any(|b| memmem::find(b, token.as_bytes()).is_some()),
            "marker {token:?} is in no private file either"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(CASES),
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_private_marker_reaches_the_public_site(spec in site()) {
        check(&spec)?;
    }
}

// ---- CV entries -------------------------------------------------------------
//
// A second property, for per-entry CV visibility: random CVs whose entries,
// in every JSON Resume section, are public, private or unmarked, whose
// `basics` fields are named private at random, and whose public achievements
// name private work entries with `CV:`. Every private entry and field
// carries a marker; no marker may reach a public file, `folio export
// json-resume` or `folio export linkedin`, in any encoding (those of
// [`encodings`], plus base64), and no public JSON carries a `visibility` key.

/// The list sections of the CV and the key that names an entry.
const CV_SECTIONS: &[(&str, &str)] = &[
    ("work", "name"),
    ("volunteer", "organization"),
    ("education", "institution"),
    ("awards", "title"),
    ("certificates", "name"),
    ("publications", "name"),
    ("skills", "name"),
    ("languages", "language"),
    ("interests", "name"),
    ("references", "name"),
    ("projects", "name"),
];

/// The `basics` fields a CV case may name private.
const CV_BASICS: &[&str] = &[
    "label",
    "email",
    "phone",
    "url",
    "summary",
    "location.address",
];

#[derive(Debug, Clone)]
struct CvSpec {
    /// Per section of [`CV_SECTIONS`]: each entry's `visibility:` (None:
    /// not written, so public; Some(false): private).
    sections: Vec<Vec<Option<bool>>>,
    /// Per field of [`CV_BASICS`]: whether it is named private.
    private_basics: Vec<bool>,
    /// `basics.profiles` entries, like a section's.
    profiles: Vec<Option<bool>>,
    /// Public achievements, each naming a work entry (modulo their count).
    achievements: Vec<usize>,
    salt: String,
}

fn cv_strategy() -> impl Strategy<Value = CvSpec> {
    let vis = || prop::collection::vec(prop::option::of(any::<bool>()), 0..4);
    (
        prop::collection::vec(vis(), CV_SECTIONS.len()),
        prop::collection::vec(any::<bool>(), CV_BASICS.len()),
        vis(),
        prop::collection::vec(any::<usize>(), 0..4),
        "[a-z]{6}",
    )
        .prop_map(
            |(sections, private_basics, profiles, achievements, salt)| CvSpec {
                sections,
                private_basics,
                profiles,
                achievements,
                salt,
            },
        )
}

/// A CV case's files and markers.
struct CvGenerated {
    files: Vec<(String, String)>,
    /// (marker, the bare token inside it).
    markers: Vec<(String, String)>,
}

fn generate_cv(spec: &CvSpec) -> CvGenerated {
    let mut markers: Vec<(String, String)> = Vec::new();
    let mut secret = |private: bool, public: String| -> (String, String) {
        if !private {
            return (public.clone(), public);
        }
        let token = format!("zc{}v{}", markers.len(), spec.salt);
        let marker = format!("{token} & <é>{token}");
        markers.push((marker.clone(), token.clone()));
        (marker, token)
    };
    let mut cv = String::from("basics:\n  name: Ada Example\n");
    let basics: Vec<(String, String)> = CV_BASICS
        .iter()
        .zip(&spec.private_basics)
        .map(|(f, &p)| secret(p, format!("public {f}")))
        .collect();
    let token_of = |i: usize| basics[i].1.replace(' ', "-");
    let _ = writeln!(cv, "  label: \"{}\"", basics[0].0);
    let _ = writeln!(cv, "  email: \"{}@example.org\"", token_of(1));
    let _ = writeln!(cv, "  phone: \"{}\"", basics[2].0);
    let _ = writeln!(cv, "  url: \"https://example.org/{}\"", token_of(3));
    let _ = writeln!(cv, "  summary: \"{}\"", basics[4].0);
    let _ = writeln!(
        cv,
        "  location:\n    address: \"{}\"\n    city: Lyon",
        basics[5].0
    );
    if !spec.profiles.is_empty() {
        cv.push_str("  profiles:\n");
        for (k, v) in spec.profiles.iter().enumerate() {
            let (text, token) = secret(*v == Some(false), format!("public profile {k}"));
            let _ = writeln!(cv, "    - network: \"{text}\"");
            let _ = writeln!(
                cv,
                "      url: \"https://example.org/p{k}/{}\"",
                token.replace(' ', "-")
            );
            write_visibility(&mut cv, "      ", *v);
        }
    }
    cv.push_str("  visibility:\n");
    for (f, &p) in CV_BASICS.iter().zip(&spec.private_basics) {
        let _ = writeln!(cv, "    {f}: {}", if p { "private" } else { "public" });
    }
    let mut work_names = Vec::new();
    for ((section, key), entries) in CV_SECTIONS.iter().zip(&spec.sections) {
        if entries.is_empty() {
            continue;
        }
        let _ = writeln!(cv, "{section}:");
        for (k, v) in entries.iter().enumerate() {
            let private = *v == Some(false);
            let (name, _) = secret(private, format!("public {section} {k}"));
            let (summary, token) = secret(private, format!("public summary {k}"));
            let _ = writeln!(cv, "  - {key}: \"{name}\"");
            match *section {
                "work" => {
                    work_names.push(name.clone());
                    let _ = writeln!(
                        cv,
                        "    summary: \"{summary}\"\n    highlights: [\"{summary}\"]\n    url: \"https://example.org/w{k}/{}\"\n    startDate: 20{:02}-01",
                        token.replace(' ', "-"),
                        10 + k
                    );
                }
                "projects" => {
                    let _ = writeln!(cv, "    description: \"{summary}\"\n    featured: true");
                }
                "references" => {
                    let _ = writeln!(cv, "    reference: \"{summary}\"");
                }
                "skills" | "interests" => {
                    let _ = writeln!(cv, "    keywords: [\"{summary}\"]");
                }
                "languages" => {
                    let _ = writeln!(cv, "    fluency: \"{summary}\"");
                }
                "education" => {
                    let _ = writeln!(cv, "    area: \"{summary}\"");
                }
                _ => {
                    let _ = writeln!(cv, "    summary: \"{summary}\"");
                }
            }
            write_visibility(&mut cv, "    ", *v);
        }
    }
    let mut files = vec![
        ("cv.yaml".to_string(), cv),
        ("_index.md".to_string(), "Welcome.\n".to_string()),
    ];
    if !work_names.is_empty() && !spec.achievements.is_empty() {
        let mut log = String::from("---\ntitle: Log\nvisibility: public\n---\n\n");
        for (k, w) in spec.achievements.iter().enumerate() {
            let _ = writeln!(
                log,
                "## 2025-02-{:02} — Win {k}\nCV: {}\n\nDone.\n",
                k + 1,
                work_names[w % work_names.len()]
            );
        }
        files.push(("achievements/log.md".to_string(), log));
    }
    CvGenerated { files, markers }
}

fn write_visibility(out: &mut String, indent: &str, v: Option<bool>) {
    if let Some(public) = v {
        let word = if public { "public" } else { "private" };
        let _ = writeln!(out, "{indent}visibility: {word}");
    }
}

/// `token` as it shows inside base64 text, at each of the three offsets it
/// can start at (only the characters that depend on the token alone).
fn base64_forms(token: &str) -> Vec<String> {
    use base64::Engine as _;
    let engine = base64::engine::general_purpose::STANDARD;
    (0..3)
        .map(|pad| {
            let mut bytes = vec![0u8; pad];
            bytes.extend_from_slice(token.as_bytes());
            let enc = engine.encode(&bytes);
            // Leading chars mix the padding; trailing ones the next bytes.
            let start = (pad * 8).div_ceil(6);
            let end = (bytes.len() * 8) / 6;
            enc[start..end].to_string()
        })
        .collect()
}

fn check_cv(spec: &CvSpec) -> Result<(), TestCaseError> {
    let g = generate_cv(spec);
    let dir = tempfile::tempdir().expect("tempdir");
    let generated = Generated {
        files: g.files.clone(),
        markers: g.markers.clone(),
        shown_privately: Vec::new(),
        expect_private_link: false,
    };
    let rendered = match build(dir.path(), &generated) {
        Ok(r) => r,
        Err(e) => {
            let detail = match &e {
                Error::Content(d) => format!("{d:#?}"),
                other => other.to_string(),
            };
            return Err(TestCaseError::fail(format!(
                "valid CV site failed to build: {detail}\nfiles: {:#?}",
                g.files
            )));
        }
    };
    let exports = [
        ("export json-resume", folio::export::json_resume(dir.path())),
        ("export linkedin", folio::export::linkedin(dir.path())),
    ];
    let mut public: Vec<(String, Vec<u8>)> = rendered
        .public
        .iter()
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect();
    for (name, export) in exports {
        match export {
            Ok(e) => public.push((name.to_string(), e.text.into_bytes())),
            Err(e) => return Err(TestCaseError::fail(format!("{name} failed: {e}"))),
        }
    }
    let forms: Vec<(String, String)> = g
        .markers
        .iter()
        .flat_map(|(m, t)| {
            encodings(m, t)
                .into_iter()
                .chain(base64_forms(t))
                .map(move |f| (m.clone(), f))
        })
        .collect();
    for (path, bytes) in &public {
        for (marker, form) in &forms {
            prop_assert!(
                memmem::find(bytes, form.as_bytes()).is_none()
                    && memmem::find(path.as_bytes(), form.as_bytes()).is_none(),
                "public {path} carries {form:?} (marker {marker:?})"
            );
        }
        if path.ends_with("resume.json") || path == "export json-resume" {
            prop_assert!(
                memmem::find(bytes, b"\"visibility\"").is_none(),
                "public {path} carries a `visibility` key"
            );
        }
    }
    // The private site has every private entry and field, so the search
    // above is not vacuous.
    let private: Vec<&[u8]> = rendered.private.iter().map(|(_, b)| b).collect();
    for (_, token) in &g.markers {
        prop_assert!(
            private
                .iter()
                .any(|b| memmem::find(b, token.as_bytes()).is_some()),
            "CV marker {token:?} is in no private file either"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(CASES),
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_private_cv_entry_or_field_reaches_a_public_output(spec in cv_strategy()) {
        check_cv(&spec)?;
    }
}
