//! `cv.pdf`: the CV typeset with Typst, embedded as a library.
//!
//! The theme's `cv.typ` template is the only Typst source; the CV reaches
//! it as data, never as markup: the same view the CV page gets
//! (`render::career::cv::CvCtx`, handed in by `render::career`) is serialised to JSON and handed to the
//! template as the virtual file `cv.json` ([`world`]), so nothing a user
//! writes in the CV can become Typst code. The document's date is the
//! build's "today" and its identifier is fixed, so the same sources give
//! the same bytes. A PDF whose inputs are unchanged is not typeset again
//! ([`crate::build_cache::pdfs`]). Engine errors become diagnostics at the
//! template's line, with the Typst message, never an engine trace.

pub mod world;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::Smart;
use typst::syntax::DiagSpanKind;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::audience::Audience;
use crate::cache::hash_of;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use world::CvWorld;

/// The template a theme may override (`templates/cv.typ`).
pub const TEMPLATE: &str = "cv.typ";

/// What the template finds in `cv.json`: the document's metadata and the
/// CV page's view of the CV.
#[derive(Serialize)]
struct Data<'a, C: Serialize> {
    meta: Meta,
    cv: &'a C,
}

#[derive(Serialize)]
struct Meta {
    /// `CV of <name>`: the PDF's title.
    title: String,
    /// The CV's name, else the site's author: the PDF's author.
    author: String,
    /// ISO 639 language (`en`) and optional region (`GB`) of the site.
    lang: String,
    region: Option<String>,
    /// Typst's paper name (`a4`, `us-letter`).
    paper: &'static str,
    /// `public` or `private`.
    audience: &'static str,
}

/// A template: its file (for diagnostics) and text.
pub struct Template<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

/// A PDF to write: its file name in the site and its bytes.
pub type Pdf = (String, Arc<[u8]>);

/// The CV of one audience as a PDF, from the cache when nothing it is made
/// from changed. `cv` is the CV page's view of the CV, `name` the name on
/// it.
pub fn cv_pdf(
    config: &Config,
    audience: Audience,
    stem: &str,
    cv: &impl Serialize,
    name: &str,
    template: &Template<'_>,
) -> Result<Arc<[u8]>, Vec<Diagnostic>> {
    let data = data(config, audience, cv, name);
    let key = hash_of(&(
        env!("FOLIO_BUILD_ID"),
        &data,
        template.text,
        config.today,
        audience_name(audience),
        stem,
    ));
    // One slot per PDF: `pdf-public-cv`, `pdf-private-cv-lead`, …
    let slot = format!("pdf-{}-{stem}", audience_name(audience));
    if let Some(bytes) = remembered(&slot, key) {
        return Ok(bytes);
    }
    let stored = config
        .pdf_cache
        .then(|| crate::build_cache::pdfs::read(&config.root, &slot, key))
        .flatten();
    if let Some(bytes) = stored {
        let bytes: Arc<[u8]> = Arc::from(bytes);
        remember(&slot, key, &bytes);
        return Ok(bytes);
    }
    let phase = if stem == "cv" {
        format!("typeset cv.pdf {}", audience_name(audience))
    } else {
        format!("typeset {stem}.pdf {}", audience_name(audience))
    };
    let ident = format!("folio-{stem}-{}", audience_name(audience));
    let bytes = crate::timings::phase(&phase, || typeset(template, data, config, ident))?;
    let bytes: Arc<[u8]> = Arc::from(bytes);
    if config.pdf_cache {
        crate::build_cache::pdfs::write(&config.root, &slot, key, &bytes);
    }
    remember(&slot, key, &bytes);
    Ok(bytes)
}

fn audience_name(audience: Audience) -> &'static str {
    match audience {
        Audience::Public => "public",
        Audience::Private => "private",
    }
}

fn data(config: &Config, audience: Audience, cv: &impl Serialize, name: &str) -> Vec<u8> {
    let name = if name.is_empty() {
        config.author.clone()
    } else {
        name.to_string()
    };
    let title = if name.is_empty() {
        "CV".to_string()
    } else {
        format!("CV of {name}")
    };
    let mut parts = config.language.split(['-', '_']);
    let lang = parts
        .next()
        .filter(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphabetic()))
        .unwrap_or("en")
        .to_ascii_lowercase();
    let region = parts
        .next()
        .filter(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_uppercase);
    let data = Data {
        meta: Meta {
            title,
            author: name,
            lang,
            region,
            paper: config.cv.paper.typst(),
            audience: audience_name(audience),
        },
        cv,
    };
    serde_json::to_vec(&data).unwrap_or_default()
}

/// The last PDF typeset or read in this process for each slot (audience
/// and file): a watched site rebuilds many times with the same CV.
static LAST: Mutex<BTreeMap<String, Keyed>> = Mutex::new(BTreeMap::new());

/// A PDF and the hash of what it was made from.
type Keyed = (u64, Arc<[u8]>);

fn remembered(slot: &str, key: u64) -> Option<Arc<[u8]>> {
    let last = LAST.lock().unwrap_or_else(|p| p.into_inner());
    last.get(slot)
        .filter(|(k, _)| *k == key)
        .map(|(_, b)| Arc::clone(b))
}

fn remember(slot: &str, key: u64, bytes: &Arc<[u8]>) {
    let mut last = LAST.lock().unwrap_or_else(|p| p.into_inner());
    last.insert(slot.to_string(), (key, Arc::clone(bytes)));
}

/// Typesets `template` over `data` (the JSON of `cv.json`).
fn typeset(
    template: &Template<'_>,
    data: Vec<u8>,
    config: &Config,
    ident: String,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let Some(world) = CvWorld::new(template.text, data, config.today) else {
        return Err(vec![engine_error(
            template,
            "the template's name is not valid",
        )]);
    };
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| diagnostics(&world, template, &errors))?;
    let options = PdfOptions {
        ident: Smart::Custom(ident),
        creator: Smart::Custom(Some("folio".to_string())),
        timestamp: world::datetime(config.today).map(Timestamp::new_utc),
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| diagnostics(&world, template, &errors))
}

/// Typst's errors as diagnostics at the template's line and column.
fn diagnostics(
    world: &CvWorld,
    template: &Template<'_>,
    errors: &[SourceDiagnostic],
) -> Vec<Diagnostic> {
    errors
        .iter()
        .filter(|e| e.severity == Severity::Error)
        .map(|e| {
            let source = world.main_source();
            let in_template = match e.span.get() {
                DiagSpanKind::Number { id, .. } | DiagSpanKind::Range { id, .. } => {
                    id == source.id()
                }
                DiagSpanKind::Detached => false,
            };
            let at = world
                .range(e.span)
                .filter(|_| in_template)
                .and_then(|r| source.lines().byte_to_line_column(r.start));
            let mut d = engine_error(template, &e.message);
            if let Some((line, col)) = at {
                d = d.at_in(template.text, line + 1, col + 1);
            }
            let hints: Vec<&str> = e.hints.iter().map(|h| h.v.as_str()).collect();
            if !hints.is_empty() {
                d = d.hint(format!(
                    "{}; the CV reaches the template as data (`cv.json`), see docs/pdf.md",
                    hints.join("; ")
                ));
            }
            d
        })
        .collect()
}

fn engine_error(template: &Template<'_>, message: &str) -> Diagnostic {
    Diagnostic::error(
        "pdf",
        template.path,
        format!("typesetting cv.pdf: {message}"),
    )
    .hint("fix the template; the CV reaches it as data (`cv.json`), see docs/pdf.md")
}
