//! Writing HTML: text escaped for content and attribute values, and the
//! relative URL from one page of a site to another. The markdown renderer,
//! the templates' helpers and [`super::rebase`] all write HTML with these.

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The URL of site path `to` as seen from the page at site path `from_dir`
/// (a folder path ending in `/`, or empty for the root).
pub fn relative_url(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut url = "../".repeat(from.len() - common);
    url.push_str(&to_parts[common..].join("/"));
    if to.ends_with('/') && common < to_parts.len() {
        url.push('/');
    }
    if url.is_empty() {
        url.push_str("./");
    }
    url
}
