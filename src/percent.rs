//! Percent-decoding of URL paths, in one place: strictly for request paths
//! and file names (a bad escape or non-UTF-8 result is refused), leniently
//! for links being checked or resolved (bad escapes are kept as written).

use std::borrow::Cow;

/// Decodes `%XX` escapes; `None` for a bad escape or a non-UTF-8 result.
pub fn decode_strict(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_string());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Decodes `%XX` escapes; invalid ones are kept as written and invalid
/// UTF-8 becomes U+FFFD.
pub fn decode_lossy(s: &str) -> Cow<'_, str> {
    if !s.contains('%') {
        return Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_refuses_what_lossy_keeps() {
        assert_eq!(decode_strict("a%20b").as_deref(), Some("a b"));
        assert_eq!(decode_strict("%2e%2E").as_deref(), Some(".."));
        assert_eq!(decode_strict("%zz"), None);
        assert_eq!(decode_strict("%ff"), None);
        assert_eq!(decode_strict("%4"), None);
        assert_eq!(decode_lossy("a%20b"), "a b");
        assert_eq!(decode_lossy("%zz"), "%zz");
        assert_eq!(decode_lossy("plain"), "plain");
    }
}
