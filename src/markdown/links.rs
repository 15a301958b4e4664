//! Links between content files: a relative link to a content file becomes
//! the target page's URL relative to this page; a link to nowhere, out of
//! `content/`, to a draft or across the audience boundary is an error at
//! its line and column. It decides nothing about who sees what: the view
//! hands it that as [`Seen`](crate::audience::Seen) data. Links in rendered
//! HTML are checked later by [`crate::links`].

use pulldown_cmark::CowStr;

use super::{Renderer, is_markdown};
use crate::audience::Audience;
use crate::diagnostic::Diagnostic;
pub use crate::html::relative_url;

impl<'a> Renderer<'a, '_> {
    /// Turns a relative link to a content file into the target page's URL,
    /// relative to this page. Errors for links to nowhere or across the
    /// audience boundary.
    pub(super) fn resolve(&mut self, dest: CowStr<'a>, offset: usize) -> CowStr<'a> {
        let raw = dest.as_ref();
        if raw.is_empty() || raw.starts_with('#') || raw.starts_with('/') || has_scheme(raw) {
            return dest;
        }
        let (path_part, fragment) = match raw.find(['#', '?']) {
            Some(i) => raw.split_at(i),
            None => (raw, ""),
        };
        let decoded = crate::percent::decode_lossy(path_part);
        let is_markdown = is_markdown(&decoded);
        let Some(content_path) = join_relative(self.ctx.rel, &decoded) else {
            self.link_error(
                offset,
                format!("link `{raw}` leaves the content folder"),
                None,
            );
            return dest;
        };
        let Some(target) = self.ctx.targets.get(&content_path) else {
            if is_markdown {
                let nearest = crate::diagnostic::closest(
                    &content_path,
                    self.ctx.targets.keys().map(String::as_str),
                );
                let hint = match nearest {
                    Some(n) => format!("did you mean content/{n}?"),
                    None => "check the file name; links are relative to this file".to_string(),
                };
                self.link_error(
                    offset,
                    format!("link to `{raw}`: no such file content/{content_path}"),
                    Some(hint),
                );
            }
            return dest;
        };
        for audience in [Audience::Public, Audience::Private] {
            if self.ctx.seen.by(audience) && !target.seen.by(audience) {
                let (code, msg, hint) = if target.draft {
                    (
                        "draft-link",
                        format!("link to `{raw}`, which is a draft and is not published"),
                        "publish the target (remove `draft: true`), or remove the link",
                    )
                } else {
                    (
                        "private-link",
                        format!(
                            "public page links to private `{raw}`; the public site must not reveal it"
                        ),
                        "remove the link, make the target `visibility: public`, or make this page private",
                    )
                };
                self.link_error_coded(code, offset, msg, Some(hint.to_string()));
                return dest;
            }
        }
        let url = relative_url(self.ctx.page_path, &target.path);
        format!("{url}{fragment}").into()
    }

    fn link_error(&mut self, offset: usize, message: String, hint: Option<String>) {
        self.link_error_coded("broken-link", offset, message, hint);
    }

    fn link_error_coded(
        &mut self,
        code: &'static str,
        offset: usize,
        message: String,
        hint: Option<String>,
    ) {
        let (line, col) = self.ctx.position(self.body, offset);
        let mut d =
            Diagnostic::error(code, self.ctx.source, message).at_in(self.ctx.file_text, line, col);
        if let Some(h) = hint {
            d = d.hint(h);
        }
        self.diags.push(d);
    }
}

pub(super) fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(i) => {
            let scheme = &url[..i];
            !scheme.is_empty()
                && !url[..i].contains('/')
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// Resolves `link` against the folder of `from` (both relative to
/// `content/`); `None` when it climbs out.
pub(super) fn join_relative(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}
