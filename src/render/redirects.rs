//! Redirect pages at a page's old URLs (`aliases`, `redirect_from`): a
//! small HTML page with a canonical link and a meta refresh, as Hugo's
//! alias template and jekyll-redirect-from write them. Only the view's own
//! items get them, so a private page's old URLs exist only in `private/`.

use crate::content::view::SiteView;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::markdown::escape;
use crate::output::Outputs;

/// Adds every alias of the view's items to `out`, which already holds
/// everything else the site is made of: an alias landing on one of those
/// files is an error at its front-matter line.
pub fn add(view: &SiteView<'_>, out: &mut Outputs) -> Result<()> {
    let config = &view.site.config;
    let mut problems = Vec::new();
    for item in &view.items {
        for alias in &item.aliases {
            let file = alias.out_path();
            if out.contains(&file) {
                problems.push(
                    Diagnostic::error(
                        "duplicate-path",
                        &item.source,
                        format!(
                            "alias /{} is a file the site already has (/{file})",
                            alias.path
                        ),
                    )
                    .at(alias.line, 1)
                    .hint("remove the alias or move the file"),
                );
                continue;
            }
            let depth = file.matches('/').count();
            let target = format!("{}{}", "../".repeat(depth), item.path);
            let target = if target.is_empty() {
                "./".into()
            } else {
                target
            };
            let page = page(
                &config.language,
                &format!("{}{}", config.base_url, item.path),
                &target,
                &item.title,
            );
            out.insert(file, page)?;
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Content(problems))
    }
}

/// The redirect page: `canonical` is the target's full URL, `relative` the
/// same page from the alias's folder (so it works wherever the site is
/// served, `folio serve` included).
fn page(language: &str, canonical: &str, relative: &str, title: &str) -> String {
    let (lang, canonical, relative, title) = (
        escape(language),
        escape(canonical),
        escape(relative),
        escape(title),
    );
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n<link rel=\"canonical\" href=\"{canonical}\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={relative}\">\n</head>\n\
         <body><p>This page has moved to <a href=\"{relative}\">{title}</a>.</p></body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_refreshes_to_the_target_and_names_it_canonical() {
        let html = page(
            "en",
            "https://x.org/articles/new/",
            "../../articles/new/",
            "A & B",
        );
        assert!(html.contains("<link rel=\"canonical\" href=\"https://x.org/articles/new/\">"));
        assert!(html.contains("content=\"0; url=../../articles/new/\""));
        assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
        assert!(html.contains("<title>A &amp; B</title>"));
    }
}
