//! Findings become diagnostics: grouped so one mistake seen on many pages
//! is reported once, located in the content file or template that wrote
//! it, and given its code, message and hint. It does not find problems
//! (see `scan.rs`) nor search the sources itself (see
//! [`locate`](super::locate)).

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use super::{Finding, Problem, Sites};
use crate::content::view::Audience;
use crate::diagnostic::Diagnostic;
use crate::html::Use;

use super::locate::{Located, Locator};

/// Findings become diagnostics, located in the sources. The same problem
/// seen on several pages (a summary shown on list pages, a template link on
/// every page) is reported once: at the content file when one occurrence is
/// written there, else at the first page showing it.
pub(super) fn diagnose(
    findings: &[Finding],
    locator: &mut Locator,
    sites: &Sites,
) -> Vec<Diagnostic> {
    let mut groups: BTreeMap<(&str, &str), Vec<(&Finding, Located)>> = BTreeMap::new();
    for f in findings {
        let at = locate(locator, sites, f.audience, f.page, f.offset, &f.url);
        groups
            .entry((code(f), f.target.as_str()))
            .or_default()
            .push((f, at));
    }
    let mut out = Vec::new();
    for list in groups.values() {
        let in_content: Vec<_> = list.iter().filter(|(_, at)| at.in_content).collect();
        if in_content.is_empty() {
            let (f, at) = &list[0];
            let pages: HashSet<(Audience, &str)> =
                list.iter().map(|(f, _)| (f.audience, f.page)).collect();
            let mut d = at.apply(diagnostic(f, &f.url));
            match pages.len() {
                1 => {}
                2 => d.message.push_str(" (and on 1 more page)"),
                n => d
                    .message
                    .push_str(&format!(" (and on {} more pages)", n - 1)),
            }
            out.push(d.hint(
                "this link comes from a template (the site's templates/ or its theme), not from a content file: fix it there",
            ));
        } else {
            for (f, at) in in_content {
                let url = at.written.as_deref().unwrap_or(&f.url);
                out.push(at.apply(diagnostic(f, url)));
            }
        }
    }
    out
}

fn code(f: &Finding) -> &'static str {
    match (&f.problem, f.used_as) {
        (Problem::Missing | Problem::Outside, Use::Link) => "broken-link",
        (Problem::Missing | Problem::Outside, Use::Asset) => "missing-asset",
        (Problem::Anchor { .. }, _) => "broken-anchor",
        (Problem::Private, _) => "private-link",
        (Problem::Draft, _) => "draft-link",
    }
}

/// The diagnostic for `f`, naming the URL as `url` (as written where known).
fn diagnostic(f: &Finding, url: &str) -> Diagnostic {
    let d = |message: String| Diagnostic::error(code(f), PathBuf::new(), message);
    match &f.problem {
        Problem::Missing if f.used_as == Use::Asset => d(format!(
            "`{url}` does not exist in the built site"
        ))
        .hint("put the file next to the page in content/, or in static/, and check the spelling"),
        Problem::Missing => d(format!("link to `{url}`: no such page in the built site")).hint(
            "fix the address; between pages, link to the markdown file (e.g. `../about.md`) and folio writes the URL",
        ),
        Problem::Outside => d(format!("link `{url}` climbs out of the site's root folder"))
            .hint("remove a `../`, or write the full https:// address"),
        Problem::Anchor { page, closest } => {
            let page = page.strip_suffix("index.html").unwrap_or(page);
            let d = d(format!(
                "link to `{url}`: the page /{page} has no element with that id"
            ));
            match closest {
                Some(c) => d.hint(format!("did you mean `#{c}`?")),
                None => d.hint("heading ids come from the heading text: `## Next steps` is `#next-steps`"),
            }
        }
        Problem::Private => d(format!(
            "public page links to `{url}`, which exists only in the private site"
        ))
        .hint("remove the link, make the target `visibility: public`, or make this page private"),
        Problem::Draft => d(format!("link to `{url}`, a draft that is not published"))
            .hint("publish the target (remove `draft: true`), or remove the link"),
    }
}

/// Where the URL at `offset` of output `page` was written.
pub(super) fn locate(
    locator: &mut Locator,
    sites: &Sites,
    audience: Audience,
    page: &str,
    offset: usize,
    url: &str,
) -> Located {
    let config = &sites.site.config;
    let (outputs, dir) = match audience {
        Audience::Public => (sites.public, &config.output_dir),
        Audience::Private => (sites.private, &config.private_output_dir),
    };
    // Output folders are shown relative to the site when inside it.
    let dir = dir.strip_prefix(&config.root).unwrap_or(dir);
    locator.locate(audience, outputs, dir, page, offset, url)
}
