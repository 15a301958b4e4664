//! Percent-decoding of URL paths, in one place: strictly for request paths
//! and file names (a bad escape or non-UTF-8 result is refused), leniently
//! for links being checked or resolved (bad escapes are kept as written).
//! The decoding is the `percent-encoding` crate's; the strict shape check
//! (every `%` starts two hex digits) is folio's.

use std::borrow::Cow;

use percent_encoding::percent_decode_str;

/// Whether every `%` starts an escape of two hex digits.
fn escapes_well_formed(s: &str) -> bool {
    let bytes = s.as_bytes();
    memchr::memchr_iter(b'%', bytes).all(|i| {
        bytes
            .get(i + 1..i + 3)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    })
}

/// Decodes `%XX` escapes; `None` for a bad escape or a non-UTF-8 result.
pub fn decode_strict(s: &str) -> Option<String> {
    if !escapes_well_formed(s) {
        return None;
    }
    percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(Cow::into_owned)
}

/// Decodes `%XX` escapes; invalid ones are kept as written and invalid
/// UTF-8 becomes U+FFFD.
pub fn decode_lossy(s: &str) -> Cow<'_, str> {
    percent_decode_str(s).decode_utf8_lossy()
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

    #[test]
    fn invalid_escapes_and_truncated_utf8() {
        assert_eq!(decode_strict("%"), None);
        assert_eq!(decode_lossy("%"), "%");
        assert_eq!(decode_strict("a%"), None);
        assert_eq!(decode_lossy("100%"), "100%");
        assert_eq!(decode_strict("%e2%82%ac").as_deref(), Some("€"));
        // A truncated three-byte sequence: refused, or one U+FFFD.
        assert_eq!(decode_strict("%e2%82"), None);
        assert_eq!(decode_lossy("%e2%82"), "\u{FFFD}");
        assert_eq!(decode_lossy("%e2%82x"), "\u{FFFD}x");
        assert_eq!(decode_strict("%é"), None);
        assert_eq!(decode_lossy("%é"), "%é");
        assert_eq!(decode_lossy("%zz%41"), "%zzA");
        assert_eq!(decode_strict("é%20"), Some("é ".to_string()));
    }

    /// The old hand-written decoder parsed the two characters after `%`
    /// with `u8::from_str_radix`, which takes a leading `+`: `%+f` decoded
    /// to byte 0x0F. An escape is two hex digits (WHATWG URL), so `%+f` is
    /// now a bad escape like `%zz`.
    #[test]
    fn a_plus_sign_is_not_a_hex_digit() {
        assert_eq!(decode_strict("%+f"), None);
        assert_eq!(decode_lossy("%+f"), "%+f");
        assert_eq!(old::decode_strict("%+f").as_deref(), Some("\u{f}"));
    }

    /// The hand-written decoders this module had until issue 14, kept as
    /// the oracle the crate-backed ones are compared against.
    mod old {
        use std::borrow::Cow;

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
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// Same results as the old decoders on strings made mostly of
        /// escapes, good and bad (but for `%+`, see above).
        #[test]
        fn decoding_matches_the_old_decoder(
            s in "(%|[0-9a-fA-F]|[g-zG-Z]|[+ ./é€]|%[0-9a-fA-F]{2}|%[8-9a-fA-F][0-9a-fA-F]){0,12}"
        ) {
            proptest::prop_assume!(!s.contains("%+"));
            proptest::prop_assert_eq!(decode_strict(&s), old::decode_strict(&s));
            proptest::prop_assert_eq!(decode_lossy(&s), old::decode_lossy(&s));
        }
    }
}
