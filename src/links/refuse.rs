//! The gate a build passes before writing: the link errors on both rendered
//! sites, with any error a lenient load let through, refuse the build
//! (`Err` lists every error, then the warnings).

use std::collections::HashSet;
use std::path::Path;

use super::{LINK_CODES, LinkMemo, check, check_incremental};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::render::Rendered;

/// The checks a build runs on rendered sites before writing them: errors
/// let through by a `keep_going` load, and the link checks. `Err` lists
/// every error, then the warnings.
pub fn refuse_errors(rendered: &Rendered) -> Result<()> {
    refuse(check(rendered, false).diagnostics, &rendered.warnings)
}

/// The link errors on both rendered sites that loading them has not
/// already reported: what a build adds to the errors of a site loaded past
/// them ([`crate::config::Config::keep_going`]).
pub fn link_errors(rendered: &Rendered) -> Vec<Diagnostic> {
    let found: Vec<Diagnostic> = rendered
        .warnings
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    not_reported_yet(check(rendered, false).diagnostics, &found)
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}

/// [`refuse_errors`] for a rebuild of a watched site: the link check reuses
/// what `memo` kept from the previous rebuild, and looks only at the files
/// `changes` names when given ([`check_incremental`]).
pub fn refuse_errors_incremental(
    rendered: &Rendered,
    memo: &mut LinkMemo,
    changes: Option<[&crate::output::Diff; 2]>,
) -> Result<()> {
    refuse(
        check_incremental(rendered, memo, changes),
        &rendered.warnings,
    )
}

/// Fails with every error — the link errors and any error among `warnings`
/// — followed by the warnings, when there is an error.
pub fn refuse(link_errors: Vec<Diagnostic>, warnings: &[Diagnostic]) -> Result<()> {
    let mut errors: Vec<Diagnostic> = warnings.iter().filter(|d| d.is_error()).cloned().collect();
    errors.extend(link_errors);
    if errors.is_empty() {
        return Ok(());
    }
    let mut all = sorted_unique(errors);
    all.extend(warnings.iter().filter(|d| !d.is_error()).cloned());
    Err(Error::Content(all))
}

/// Drops link findings on the rendered HTML that loading the site already
/// reported at the same place (a `.md` link to nowhere is left as written,
/// so the HTML check finds it again).
pub(crate) fn not_reported_yet(new: Vec<Diagnostic>, found: &[Diagnostic]) -> Vec<Diagnostic> {
    let seen: HashSet<(&Path, usize, usize)> = found
        .iter()
        .filter(|d| LINK_CODES.contains(&d.code))
        .map(|d| (d.path.as_path(), d.line, d.col))
        .collect();
    new.into_iter()
        .filter(|d| !seen.contains(&(d.path.as_path(), d.line, d.col)))
        .collect()
}

/// The diagnostics in report order, each once.
pub(crate) fn sorted_unique(mut list: Vec<Diagnostic>) -> Vec<Diagnostic> {
    list.sort_by(|a, b| {
        (&a.path, a.line, a.col, b.severity, a.code, &a.message)
            .cmp(&(&b.path, b.line, b.col, a.severity, b.code, &b.message))
    });
    list.dedup_by(|a, b| {
        (&a.path, a.line, a.col, a.code, &a.message) == (&b.path, b.line, b.col, b.code, &b.message)
    });
    list
}
