//! Writing HTML: text escaped for content and attribute values, and the
//! relative URL from one page of a site to another. The markdown renderer,
//! the templates' helpers and [`super::rebase`] all write HTML with these.

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// [`escape`], appending to `out`.
pub fn escape_into(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(entity);
        last = i + 1;
    }
    out.push_str(&s[last..]);
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
