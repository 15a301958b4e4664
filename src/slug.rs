//! Turning titles, file names and tags into URL segments and element ids.

/// Lowercase letters and digits (any script), other runs become one `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// The URL segment of a tag (`tag` when the name has no letters or digits).
pub fn tag_slug(name: &str) -> String {
    let s = slugify(name);
    if s.is_empty() { "tag".into() } else { s }
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs_keep_words_and_drop_punctuation() {
        assert_eq!(slugify("Hello, World!"), "hello-world");
        assert_eq!(
            slugify("  1. Quantify Current Role Impact "),
            "1-quantify-current-role-impact"
        );
        assert_eq!(slugify("Café au lait"), "café-au-lait");
        assert_eq!(slugify("AI/ML & GenAI"), "ai-ml-genai");
        assert_eq!(slugify("📜 Story"), "story");
        assert_eq!(slugify("../../x"), "x");
    }
}
