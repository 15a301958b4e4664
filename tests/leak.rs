//! The leak property: whatever mix of public and private content a site has,
//! no private word reaches a file of the public site.
//!
//! proptest generates small random sites (articles, pages, roadmaps with
//! task items, achievement logs and one-file entries, a CV whose work
//! entries the achievements name with `cv:`, links between them). Every
//! private item — and every part of a public item the public site must not
//! show (a public roadmap's prose, a log's preamble, a draft) — carries a
//! unique marker. Documents may be written under any markdown extension
//! (`.markdown`, `.mkd`…) and have files beside them that they show or link
//! by markdown or raw HTML (`src`, `srcset`, site-root `href`), or leave
//! unreferenced; private folders hold unreferenced files too. A body may
//! hold a fenced code block (highlighted into spans, in a language folio
//! does not know, or plain) with its secret inside; a secret body also holds
//! its secrets in a GitHub alert, an Obsidian callout and wikilinks. Front matter
//! is YAML, TOML (`+++`) or JSON, a draft may say `published: false`, and a
//! document may have an old URL (`aliases`, `redirect_from`), secret when
//! the document is. The site is
//! rendered in process (`render_site`, which also copies the assets, plus
//! the link check), built three more times with `folio::build::build`
//! (which writes each page as it renders): without the build cache, with it,
//! and again with the bodies read back from the pages the cache points at,
//! to check each wrote exactly those files, and
//! every public output is searched for
//! each marker in every encoding the output could carry it: plain,
//! HTML-escaped (named and numeric entities), percent-encoded (the marker
//! and its slug), JSON-escaped and base64; a PDF (`cv.pdf`) also in the
//! text `pdftotext` extracts from it. The private site is then sealed
//! as `[private] encrypt` does and every file of it searched the same way
//! (its addresses too, but for tag pages: see `check_sealed`). A public page
//! linking to a private one must instead fail the build with `private-link`.

mod support;

use std::fmt::Write as _;
use std::path::Path;

use folio::build::{Rendered, render_site};
use folio::config::{Config, Overrides};
use folio::date::Date;
use folio::error::Error;
use memchr::memmem;
use proptest::prelude::*;
use support::base64_forms;

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
    /// The front matter's language: YAML, TOML (`+++`) or JSON (`{…}`).
    form: Form,
    /// A YAML draft says so as Jekyll does, with `published: false`.
    jekyll_draft: bool,
    /// An old URL (`aliases` or `redirect_from`) that redirects here.
    alias: bool,
    /// A fenced code block in the body, in one of [`CODE_LANGUAGES`]
    /// (highlighted, unknown or plain): its text follows the body.
    code: Option<usize>,
}

/// Code fence languages: two that are highlighted (spans around the text),
/// one folio does not know (a warning, escaped text) and none.
const CODE_LANGUAGES: &[&str] = &["rust", "python", "klingon", ""];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Form {
    Yaml,
    Toml,
    Json,
}

/// A front-matter value.
enum Val {
    Str(String),
    Bool(bool),
    Int(usize),
    Date(String),
    List(Vec<String>),
}

/// `pairs` as front matter in `form`.
fn front_matter(form: Form, pairs: &[(&str, Val)]) -> String {
    let quoted = |s: &str| serde_json::to_string(s).expect("a JSON string");
    let value = |v: &Val| match v {
        Val::Str(s) => quoted(s),
        Val::Bool(b) => b.to_string(),
        Val::Int(n) => n.to_string(),
        Val::Date(d) if form == Form::Json => quoted(d),
        Val::Date(d) => d.clone(),
        Val::List(l) => format!(
            "[{}]",
            l.iter().map(|s| quoted(s)).collect::<Vec<_>>().join(", ")
        ),
    };
    let lines: Vec<String> = pairs
        .iter()
        .map(|(k, v)| match form {
            Form::Yaml => format!("{k}: {}", value(v)),
            Form::Toml => format!("{k} = {}", value(v)),
            Form::Json => format!("  {}: {}", quoted(k), value(v)),
        })
        .collect();
    match form {
        Form::Yaml => format!("---\n{}\n---\n", lines.join("\n")),
        Form::Toml => format!("+++\n{}\n+++\n", lines.join("\n")),
        Form::Json => format!("{{\n{}\n}}\n", lines.join(",\n")),
    }
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
    /// Per document (by index): its extension and the files beside it.
    beside: Vec<Beside>,
    /// An unreferenced file in the private `roadmaps/` folder.
    roadmap_stray: bool,
    /// Typeset `cv.pdf` (and search its text). Typesetting is the slowest
    /// step of a case, so only some cases do it; the others write
    /// `[cv] pdf = false`.
    pdf: bool,
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
        prop_oneof![Just(Form::Yaml), Just(Form::Toml), Just(Form::Json)],
        any::<bool>(),
        prop::bool::weighted(0.3),
        prop::option::weighted(0.5, 0..CODE_LANGUAGES.len()),
    )
        .prop_map(
            |(
                kind,
                private,
                draft,
                public_items,
                menu,
                tasks,
                links,
                form,
                jekyll_draft,
                alias,
                code,
            )| {
                Doc {
                    kind,
                    private,
                    draft,
                    public_items,
                    menu,
                    tasks,
                    links,
                    form,
                    jekyll_draft,
                    alias,
                    code,
                }
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
        prop::collection::vec(beside(), 9),
        any::<bool>(),
        prop::bool::weighted(PDF_SHARE),
    )
        .prop_map(
            |(docs, logs, work, salt, bad_link, beside, roadmap_stray, pdf)| SiteSpec {
                docs,
                logs,
                work,
                salt,
                bad_link,
                beside,
                roadmap_stray,
                pdf,
            },
        )
}

/// The share of cases that typeset PDFs (each takes about as long as the
/// rest of its case).
const PDF_SHARE: f64 = 0.15;

/// `[cv] pdf = false` for the cases that make no PDF.
fn pdf_toml(pdf: bool) -> &'static str {
    if pdf { "" } else { "[cv]\npdf = false\n" }
}

/// Markdown extensions a document may be written under.
const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkd", "mkdn"];

/// How a document uses a file beside it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum FileUse {
    MarkdownImage,
    MarkdownLink,
    /// `<img src="../f">`, relative to the page's URL.
    RawSrc,
    /// `<img srcset="../f 2x">`.
    RawSrcset,
    /// `<a href="/folder/f">`, from the site root.
    RawRoot,
    Unreferenced,
}

#[derive(Debug, Clone)]
struct Beside {
    /// Index into [`MARKDOWN_EXTENSIONS`] (weighted towards `.md`).
    ext: usize,
    files: Vec<FileUse>,
}

fn beside() -> impl Strategy<Value = Beside> {
    let file_use = prop_oneof![
        Just(FileUse::MarkdownImage),
        Just(FileUse::MarkdownLink),
        Just(FileUse::RawSrc),
        Just(FileUse::RawSrcset),
        Just(FileUse::RawRoot),
        Just(FileUse::Unreferenced),
    ];
    (
        prop_oneof![3 => Just(0usize), 1 => 1usize..MARKDOWN_EXTENSIONS.len()],
        prop::collection::vec(file_use, 0..3),
    )
        .prop_map(|(ext, files)| Beside { ext, files })
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
    /// Files public pages use: the public site must have them.
    must_be_public: Vec<String>,
    /// Old URLs of private pages and drafts: no public file or address may
    /// name them.
    hidden_addresses: Vec<String>,
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

/// [`doc_rel`] under the extension the spec gives document `i`.
fn doc_rel_ext(i: usize, d: &Doc, spec: &SiteSpec) -> String {
    let rel = doc_rel(i, d, &spec.salt);
    let ext = spec.beside.get(i).map_or(0, |b| b.ext);
    let stem = rel.strip_suffix(".md").unwrap_or(&rel);
    format!("{stem}.{}", MARKDOWN_EXTENSIONS[ext])
}

/// The files beside document `i` (at `rel`) and the references to them
/// its `body` gets. A file's content is secret when the public does not see
/// the page's body (private, draft, or any roadmap); the files a public,
/// published page uses are listed in `must_be_public`.
fn beside_files(
    g: &mut Gen,
    i: usize,
    d: &Doc,
    rel: &str,
    body: &mut String,
    files: &mut Vec<(String, String)>,
    must_be_public: &mut Vec<String>,
) {
    let Some(beside) = g.spec.beside.get(i) else {
        return;
    };
    let (folder, _) = rel.rsplit_once('/').unwrap_or(("", rel));
    let body_private = d.private || d.draft || d.kind == DocKind::Roadmap;
    let salt = g.spec.salt.clone();
    for (k, file_use) in beside.files.iter().enumerate() {
        let ext = if k % 2 == 0 { "svg" } else { "txt" };
        // A private page's file name (its URL) is a secret as well.
        let name = if d.private {
            format!("f{i}-{k}-{salt}.{ext}")
        } else {
            format!("f{i}-{k}.{ext}")
        };
        let text = if body_private {
            g.secret()
        } else {
            format!("public file {i}-{k}")
        };
        let reference = match file_use {
            FileUse::MarkdownImage => format!("![f]({name})"),
            FileUse::MarkdownLink => format!("[f]({name})"),
            FileUse::RawSrc => format!("<img alt=\"f\" src=\"../{name}\">"),
            FileUse::RawSrcset => format!("<img alt=\"f\" srcset=\"../{name} 2x\">"),
            FileUse::RawRoot => format!("<p><a href=\"/{folder}/{name}\">f</a></p>"),
            FileUse::Unreferenced => String::new(),
        };
        // A public roadmap may not link a file of the private `roadmaps/`
        // folder (`private-link`, although its body is never public).
        let public_roadmap = d.kind == DocKind::Roadmap && !d.private && !d.draft;
        if !reference.is_empty() && !public_roadmap {
            let _ = writeln!(body, "{reference}\n");
            if !body_private {
                must_be_public.push(format!("{folder}/{name}"));
            }
        }
        files.push((format!("{folder}/{name}"), format!("{text}\n")));
    }
}

/// An unreferenced file in the private `roadmaps/` folder, if the spec
/// has one.
fn roadmap_stray(g: &mut Gen, files: &mut Vec<(String, String)>) {
    if g.spec.roadmap_stray {
        let text = g.secret();
        let salt = &g.spec.salt;
        files.push((format!("roadmaps/stray-{salt}.txt"), format!("{text}\n")));
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
        .map(|(i, d)| doc_rel_ext(i, d, spec))
        .collect();
    let mut files = Vec::new();
    let mut must_be_public = Vec::new();
    let mut hidden_addresses = Vec::new();
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
        let mut fm = vec![("title", Val::Str(format!("Doc {i} {title_secret}")))];
        if d.private {
            fm.push(("visibility", Val::Str("private".into())));
        } else if d.kind == DocKind::Roadmap {
            fm.push(("visibility", Val::Str("public".into())));
        }
        if d.draft && d.jekyll_draft && d.form == Form::Yaml {
            fm.push(("published", Val::Bool(false)));
        } else if d.draft {
            fm.push(("draft", Val::Bool(true)));
        }
        if d.menu {
            fm.push(("menu", Val::Int(i + 1)));
        }
        if d.kind == DocKind::Article {
            fm.push(("date", Val::Date(format!("2025-03-{:02}", i + 1))));
        }
        if d.kind == DocKind::Roadmap {
            fm.push(("start", Val::Date("2025-01-01".into())));
            if d.public_items {
                fm.push(("public_items", Val::Bool(true)));
            }
        }
        // An old URL. A private page's is an address like its file name
        // (shown by a sealed private site, as documented): it holds the
        // salt, and no public file or address may hold it.
        if d.alias {
            let old = if d.private || d.draft {
                let name = format!("old-d{i}-{salt}");
                hidden_addresses.push(name.clone());
                format!("/{name}/")
            } else {
                if d.kind != DocKind::Roadmap {
                    must_be_public.push(format!("old-d{i}/index.html"));
                }
                format!("/old-d{i}/")
            };
            let key = if d.jekyll_draft {
                "redirect_from"
            } else {
                "aliases"
            };
            fm.push((key, Val::List(vec![old])));
        }
        let description = secret(&mut g);
        if !description.is_empty() {
            let tag = format!("t{}", g.markers.last().map_or("", |m| m.1.as_str()));
            fm.push(("description", Val::Str(description)));
            fm.push(("tags", Val::List(vec!["shared".into(), tag])));
        } else {
            fm.push(("tags", Val::List(vec!["shared".into()])));
        }
        let mut body = front_matter(d.form, &fm);
        // Prose: secret when the item is private, and always for roadmaps
        // (a public roadmap's prose never reaches the public site).
        let prose = if d.private || d.draft || d.kind == DocKind::Roadmap {
            g.secret()
        } else {
            String::new()
        };
        let _ = writeln!(body, "Intro {i} {prose}\n");
        if !prose.is_empty() {
            // The same secret in a GitHub alert, an Obsidian callout folio
            // shows as written, and a wikilink and an embed it shows as text.
            let (alert, callout, wiki) = (g.secret(), g.secret(), g.secret());
            let _ = writeln!(
                body,
                "> [!WARNING]\n> Alert {alert}\n\n> [!note] Callout {callout}\n\nSee [[{wiki}|doc]] and ![[{wiki}.png]].\n"
            );
        }
        if let Some(lang) = d.code {
            // The secret in a string, a comment and code itself, so the
            // highlighter splits the block into spans around it.
            let text = if prose.is_empty() {
                format!("public code {i}")
            } else {
                g.secret()
            };
            let lang = CODE_LANGUAGES[lang];
            let _ = writeln!(
                body,
                "```{lang}\nlet s = \"{text}\"; // {text}\nfn f() {{ {text} }}\n```\n"
            );
        }
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
        beside_files(
            &mut g,
            i,
            d,
            &rels[i],
            &mut body,
            &mut files,
            &mut must_be_public,
        );
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
    roadmap_stray(&mut g, &mut files);

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
                (d.kind == DocKind::Roadmap && !d.draft)
                    .then(|| rels[r].trim_start_matches("roadmaps/").to_string())
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
        must_be_public,
        hidden_addresses,
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

/// [`build`] with `toml` as `site.toml`.
fn build_with(root: &Path, g: &Generated, toml: &str) -> Result<Rendered, Error> {
    std::fs::write(root.join("site.toml"), toml).expect("write site.toml");
    for (rel, text) in &g.files {
        let path = root.join("content").join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write source");
    }
    let overrides = Overrides {
        today: Some(Date::parse("2025-06-01").expect("date")),
        ..Overrides::default()
    };
    let config = Config::parse(root, toml, &overrides)?;
    let rendered = render_site(config.clone())?;
    folio::links::refuse_errors(&rendered)?;
    // `folio build` writes each page as it renders, not from these outputs:
    // what it writes must be exactly what is searched below.
    let (public, private) = (config.output_dir.clone(), config.private_output_dir.clone());
    let written_as_searched = |what: &str| {
        for (dir, outputs) in [(&public, &rendered.public), (&private, &rendered.private)] {
            let searched: std::collections::BTreeMap<String, Vec<u8>> = outputs
                .iter()
                .map(|(p, b)| (p.to_string(), b.to_vec()))
                .collect();
            assert!(
                support::read_tree(dir) == searched,
                "{what}: {} differs from the outputs searched",
                dir.display()
            );
        }
    };
    folio::build::build(config.clone(), false)?;
    written_as_searched("--no-cache");
    // With the build cache: the first build keeps each body as its place in
    // a page it wrote, in either folder; the second (site.toml's bytes
    // changed, so it is a real build) reads every body back from there.
    // Neither may write anything but what was searched.
    folio::build::build(config.clone(), true)?;
    written_as_searched("cache written");
    let toml_path = root.join("site.toml");
    std::fs::write(&toml_path, format!("{toml}\n")).expect("touch site.toml");
    folio::build::build(config, true)?;
    written_as_searched("bodies read back from their places");
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
    forms.extend(base64_forms(marker));
    forms.extend(base64_forms(token));
    forms.retain(|f| !f.is_empty());
    forms
}

/// A cheap key to seal each case's private site with.
fn sealing_key() -> folio::crypt::cipher::Key {
    folio::crypt::cipher::Key::derive_with("leak property", b"0123456789abcdef", 1000)
}

/// A tag page (`tags/<tag>/…`, `achievements/tags/<tag>/…`), or one of
/// the CV case's image files (`img/…`), whose names hold their markers on
/// purpose: a file's name is its address, which an encrypted site shows.
fn is_tag_page(path: &str) -> bool {
    path.starts_with("tags/") || path.contains("/tags/") || path.starts_with("img/")
}

/// Seals the private site as `[private] encrypt` does and searches every
/// file of it for every form of every marker: what stays readable
/// (stylesheets, `robots.txt`, the shell around each page) must carry
/// none. Addresses are searched too, except tag pages': a tag's name is
/// its page's address, which an encrypted site shows (docs/encryption.md).
/// (Private page addresses hold the case's salt, not its markers: they too
/// are shown, as documented.)
fn check_sealed(rendered: &Rendered, forms: &Forms) -> Result<(), TestCaseError> {
    let sealer = folio::crypt::Sealer::with_key(&rendered.site.config, sealing_key());
    let sealed = sealer
        .seal(&rendered.public, &rendered.private)
        .map_err(|e| TestCaseError::fail(format!("sealing failed: {e}")))?;
    for (path, bytes) in sealed.iter() {
        if let Some((marker, form)) = forms.find(bytes) {
            return Err(TestCaseError::fail(format!(
                "sealed private {path} carries {form:?} (marker {marker:?})"
            )));
        }
        if let Some((marker, form)) = forms.find(path.as_bytes())
            && !is_tag_page(path)
        {
            return Err(TestCaseError::fail(format!(
                "sealed private address {path} carries {form:?} (marker {marker:?})"
            )));
        }
    }
    Ok(())
}

/// Every encoded form of every marker, searched in one pass.
struct Forms {
    /// (marker, form), in the automaton's pattern order.
    forms: Vec<(String, String)>,
    automaton: aho_corasick::AhoCorasick,
}

impl Forms {
    fn of(markers: &[(String, String)]) -> Forms {
        let forms: Vec<(String, String)> = markers
            .iter()
            .flat_map(|(m, t)| encodings(m, t).into_iter().map(move |f| (m.clone(), f)))
            .collect();
        let automaton = aho_corasick::AhoCorasick::new(forms.iter().map(|(_, f)| f.as_bytes()))
            .expect("an automaton of the marker forms");
        Forms { forms, automaton }
    }

    /// The first (marker, form) found in `bytes`.
    fn find(&self, bytes: &[u8]) -> Option<(&str, &str)> {
        let m = self.automaton.find(bytes)?;
        let (marker, form) = &self.forms[m.pattern().as_usize()];
        Some((marker, form))
    }
}

/// The rendered sites of a generated site that must build, or a failure
/// naming what went wrong and the files it was made of.
fn built(
    result: Result<Rendered, Error>,
    what: &str,
    files: &[(String, String)],
) -> Result<Rendered, TestCaseError> {
    result.map_err(|e| {
        let detail = match &e {
            Error::Content(d) => format!("{d:#?}"),
            other => other.to_string(),
        };
        TestCaseError::fail(format!(
            "{what} failed to build: {detail}\nfiles: {files:#?}"
        ))
    })
}

fn check(spec: &SiteSpec) -> Result<(), TestCaseError> {
    let g = generate(spec);
    let dir = tempfile::tempdir().expect("tempdir");
    let result = build_with(
        dir.path(),
        &g,
        &format!("{SITE_TOML}{}", pdf_toml(spec.pdf)),
    );
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
    let rendered = built(result, "valid site", &g.files)?;
    prop_assert!(rendered.public.pages() > 0);
    let forms = Forms::of(&g.markers);
    for (path, bytes) in rendered.public.iter() {
        for name in &g.hidden_addresses {
            prop_assert!(
                !path.contains(name.as_str()) && memmem::find(bytes, name.as_bytes()).is_none(),
                "public {path} names the private old URL {name}"
            );
        }
        let text = path.ends_with(".pdf").then(|| pdf_text(bytes));
        let found = forms
            .find(bytes)
            .or_else(|| forms.find(path.as_bytes()))
            .or_else(|| text.as_deref().and_then(|t| forms.find(t)));
        if let Some((marker, form)) = found {
            return Err(TestCaseError::fail(format!(
                "public {path} carries {form:?} (marker {marker:?})"
            )));
        }
    }
    for path in &g.must_be_public {
        prop_assert!(
            rendered.public.get(path).is_some(),
            "public/{path}, which a public page uses, is missing"
        );
    }
    check_sealed(&rendered, &forms)?;
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
// Entries and work highlights carry random `tags` and always `notes` (each a
// marker: notes are private to the owner's CV page), and the site has two
// CV variants, so `/cv/NAME/`, `resume-NAME.json` and `folio export …
// --variant NAME` are searched too; no `resume*.json`, not even the private
// site's, carries a note.

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
    /// Tags of the entries in turn (bit 0: `lead`, bit 1: `data`), cycled.
    tags: Vec<u8>,
    /// `basics.image`: None, not written; Some(true): named private.
    photo: Option<bool>,
    /// Typeset the PDFs (see [`SiteSpec::pdf`]).
    pdf: bool,
    salt: String,
}

/// Two CV variants: one with untagged entries, one tagged only.
const CV_SITE_TOML: &str = "title = \"Leak test\"\nbase_url = \"https://leak.example.org/\"\n\
                            author = \"Ada\"\nlanguage = \"en\"\n\
                            [cv.variants.lead]\ntags = [\"lead\"]\nlabel = \"Lead\"\n\
                            [cv.variants.data]\ntags = [\"data\"]\nonly_tagged = true\n";

/// The `tags:` line of the `n`th tagged thing, or nothing.
fn tags_line(spec: &CvSpec, n: usize, indent: &str) -> String {
    let bits = match spec.tags.len() {
        0 => 0,
        len => spec.tags[n % len],
    };
    let names: Vec<&str> = [(1, "lead"), (2, "data")]
        .iter()
        .filter(|(b, _)| bits & b != 0)
        .map(|(_, t)| *t)
        .collect();
    if names.is_empty() {
        String::new()
    } else {
        format!("{indent}tags: [{}]\n", names.join(", "))
    }
}

fn cv_strategy() -> impl Strategy<Value = CvSpec> {
    let vis = || prop::collection::vec(prop::option::of(any::<bool>()), 0..4);
    (
        prop::collection::vec(vis(), CV_SECTIONS.len()),
        prop::collection::vec(any::<bool>(), CV_BASICS.len()),
        vis(),
        prop::collection::vec(any::<usize>(), 0..4),
        prop::collection::vec(0u8..4, 0..6),
        prop::option::of(any::<bool>()),
        prop::bool::weighted(PDF_SHARE),
        "[a-z]{6}",
    )
        .prop_map(
            |(sections, private_basics, profiles, achievements, tags, photo, pdf, salt)| CvSpec {
                sections,
                private_basics,
                profiles,
                achievements,
                tags,
                photo,
                pdf,
                salt,
            },
        )
}

/// A CV case's files and markers.
struct CvGenerated {
    files: Vec<(String, String)>,
    /// Images (path under `content/`, bytes): the photo and project
    /// images, each named with its marker's token when private, so a
    /// resized copy of it (`…-320w.png`) carries the token too.
    images: Vec<(String, Vec<u8>)>,
    /// (marker, the bare token inside it).
    markers: Vec<(String, String)>,
    /// The tokens of the notes: in no `resume*.json` of either site.
    notes: Vec<String>,
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
    let mut images = Vec::new();
    if let Some(private) = spec.photo {
        let (_, token) = secret(private, "public".to_string());
        let path = format!("img/photo-{}.png", token.replace(' ', "-"));
        let _ = writeln!(cv, "  image: \"{path}\"");
        images.push((path, leak_picture()));
    }
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
    if let Some(p) = spec.photo {
        let _ = writeln!(cv, "    image: {}", if p { "private" } else { "public" });
    }
    let mut work_names = Vec::new();
    let mut tagged = 0;
    let mut notes = Vec::new();
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
            cv.push_str(&tags_line(spec, tagged, "    "));
            tagged += 1;
            let (note, note_token) = secret(true, String::new());
            notes.push(note_token);
            let _ = writeln!(cv, "    notes: \"{note}\"");
            match *section {
                "work" => {
                    work_names.push(name.clone());
                    let _ = writeln!(
                        cv,
                        "    summary: \"{summary}\"\n    url: \"https://example.org/w{k}/{}\"\n    startDate: 20{:02}-01",
                        token.replace(' ', "-"),
                        10 + k
                    );
                    let (note, note_token) = secret(true, String::new());
                    notes.push(note_token);
                    let _ = writeln!(
                        cv,
                        "    highlights:\n      - \"{summary}\"\n      - text: \"{summary}\"\n        notes: \"{note}\"\n{}",
                        tags_line(spec, tagged, "        ").trim_end()
                    );
                    tagged += 1;
                }
                "projects" => {
                    let _ = writeln!(cv, "    description: \"{summary}\"\n    featured: true");
                    let path = format!("img/project-{k}-{}.png", token.replace(' ', "-"));
                    let _ = writeln!(cv, "    image: \"{path}\"");
                    images.push((path, leak_picture()));
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
    CvGenerated {
        files,
        images,
        markers,
        notes,
    }
}

/// A 400-pixel-wide PNG: wide enough to get a resized copy.
fn leak_picture() -> Vec<u8> {
    static PNG: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    PNG.get_or_init(|| {
        let image = image::RgbImage::from_fn(400, 200, |x, y| image::Rgb([x as u8, y as u8, 7]));
        let mut out = Vec::new();
        image
            .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .expect("encode");
        out
    })
    .clone()
}

fn write_visibility(out: &mut String, indent: &str, v: Option<bool>) {
    if let Some(public) = v {
        let word = if public { "public" } else { "private" };
        let _ = writeln!(out, "{indent}visibility: {word}");
    }
}

fn check_cv(spec: &CvSpec) -> Result<(), TestCaseError> {
    let g = generate_cv(spec);
    let dir = tempfile::tempdir().expect("tempdir");
    for (rel, bytes) in &g.images {
        let path = dir.path().join("content").join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write image");
    }
    let generated = Generated {
        files: g.files.clone(),
        markers: g.markers.clone(),
        shown_privately: Vec::new(),
        expect_private_link: false,
        must_be_public: Vec::new(),
        hidden_addresses: Vec::new(),
    };
    let rendered = built(
        build_with(
            dir.path(),
            &generated,
            &format!("{CV_SITE_TOML}{}", pdf_toml(spec.pdf)),
        ),
        "valid CV site",
        &g.files,
    )?;
    let root = dir.path();
    let exports = [
        ("export json-resume", folio::export::json_resume(root, None)),
        ("export linkedin", folio::export::linkedin(root, None)),
        (
            "export json-resume --variant lead",
            folio::export::json_resume(root, Some("lead")),
        ),
        (
            "export json-resume --variant data",
            folio::export::json_resume(root, Some("data")),
        ),
        (
            "export linkedin --variant data",
            folio::export::linkedin(root, Some("data")),
        ),
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
    // A PDF's text is compressed: it is searched as pdftotext reads it.
    let pdfs: Vec<(String, Vec<u8>)> = public
        .iter()
        .filter(|(p, _)| p.ends_with(".pdf"))
        .map(|(p, b)| (format!("{p} (its text)"), pdf_text(b)))
        .collect();
    // cv.pdf and one PDF per variant, or none when the case turned them off.
    prop_assert_eq!(pdfs.len(), if spec.pdf { 3 } else { 0 }, "public PDFs");
    public.extend(pdfs);
    let forms = Forms::of(&g.markers);
    for (path, bytes) in &public {
        if let Some((marker, form)) = forms.find(bytes).or_else(|| forms.find(path.as_bytes())) {
            return Err(TestCaseError::fail(format!(
                "public {path} carries {form:?} (marker {marker:?})"
            )));
        }
        if path.ends_with(".json") || path.starts_with("export json-resume") {
            prop_assert!(
                memmem::find(bytes, b"\"visibility\"").is_none(),
                "public {path} carries a `visibility` key"
            );
        }
    }
    let note_forms = Forms::of(
        &g.markers
            .iter()
            .filter(|(_, t)| g.notes.contains(t))
            .cloned()
            .collect::<Vec<_>>(),
    );
    // Notes are for the private CV page only: not in any resume JSON nor
    // in any PDF, of either site.
    for (path, bytes) in rendered.private.iter() {
        let text = path.ends_with(".pdf").then(|| pdf_text(bytes));
        let found = if path.starts_with("resume") && path.ends_with(".json") {
            note_forms.find(bytes)
        } else {
            text.as_deref().and_then(|t| note_forms.find(t))
        };
        if let Some((marker, form)) = found {
            return Err(TestCaseError::fail(format!(
                "private {path} carries a note: {form:?} (marker {marker:?})"
            )));
        }
    }
    for variant in ["lead", "data"] {
        prop_assert!(
            rendered
                .public
                .iter()
                .any(|(p, _)| p == format!("resume-{variant}.json")),
            "no public resume-{variant}.json"
        );
    }
    // The private site has every private entry and field, so the search
    // above is not vacuous; its PDF has the private entries.
    let private_pdf = rendered.private.get("cv.pdf").map(pdf_text);
    prop_assert_eq!(private_pdf.is_some(), spec.pdf, "private cv.pdf");
    let private_pdf = private_pdf.unwrap_or_default();
    if spec.pdf && spec.sections.iter().flatten().any(|v| *v == Some(false)) {
        prop_assert!(
            g.markers
                .iter()
                .any(|(_, token)| memmem::find(&private_pdf, token.as_bytes()).is_some()),
            "the private cv.pdf shows no private entry"
        );
    }
    let private: Vec<&[u8]> = rendered.private.iter().map(|(_, b)| b).collect();
    for (_, token) in &g.markers {
        prop_assert!(
            private
                .iter()
                .any(|b| memmem::find(b, token.as_bytes()).is_some()),
            "CV marker {token:?} is in no private file either"
        );
    }
    check_sealed(&rendered, &forms)
}

/// The text of a PDF as `pdftotext` extracts it (poppler-utils;
/// `scripts/ensure-poppler.sh` installs it).
fn pdf_text(bytes: &[u8]) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cv.pdf");
    std::fs::write(&path, bytes).expect("write the PDF");
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (scripts/ensure-poppler.sh installs it)");
    assert!(out.status.success(), "pdftotext failed");
    out.stdout
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
