//! The text the tokenizer reads, with a faster search than `html5gum`'s own
//! string reader. The tokenizer asks for the next of a few bytes (the end
//! of a run of text, of a tag name, of a quoted value); its reader tries
//! each byte against each of them, most of the scan's time. Here `memchr`
//! finds them, and a text without NUL or CR (the usual page: folio writes
//! LF) is not searched for those two, which leaves at most three bytes to
//! look for in the longest runs.

use std::convert::Infallible;

use html5gum::Reader;

pub struct Input<'h> {
    bytes: &'h [u8],
    at: usize,
    /// The text holds no NUL and no CR.
    clean: bool,
}

impl<'h> Input<'h> {
    pub fn new(bytes: &'h [u8]) -> Self {
        Input {
            bytes,
            at: 0,
            clean: memchr::memchr2(b'\0', b'\r', bytes).is_none(),
        }
    }
}

impl Reader for Input<'_> {
    type Error = Infallible;

    #[inline(always)]
    fn read_byte(&mut self) -> Result<Option<u8>, Infallible> {
        let b = self.bytes.get(self.at).copied();
        if b.is_some() {
            self.at += 1;
        }
        Ok(b)
    }

    #[inline(always)]
    fn try_read_string(&mut self, s: &[u8], case_sensitive: bool) -> Result<bool, Infallible> {
        let end = (self.at + s.len()).min(self.bytes.len());
        let here = &self.bytes[self.at..end];
        let found = here == s || (!case_sensitive && here.eq_ignore_ascii_case(s));
        if found {
            self.at = end;
        }
        Ok(found)
    }

    #[inline(always)]
    fn read_until<'b>(
        &'b mut self,
        needle: &[u8],
        _char_buf: &'b mut [u8; 4],
    ) -> Result<Option<&'b [u8]>, Infallible> {
        let rest = &self.bytes[self.at..];
        if rest.is_empty() {
            return Ok(None);
        }
        let len = match find(needle, rest, self.clean) {
            Some(0) => 1,
            Some(n) => n,
            None => rest.len(),
        };
        self.at += len;
        Ok(Some(&rest[..len]))
    }
}

/// Where the first byte of `needle` is in `hay`; `clean`: `hay` holds no
/// NUL and no CR, so those need not be looked for.
#[inline(always)]
fn find(needle: &[u8], hay: &[u8], clean: bool) -> Option<usize> {
    let mut wanted = [0u8; 16];
    let mut n = 0;
    for &b in needle {
        if !(clean && matches!(b, b'\0' | b'\r')) && n < wanted.len() {
            wanted[n] = b;
            n += 1;
        }
    }
    match wanted[..n] {
        [] => None,
        [a] => memchr::memchr(a, hay),
        [a, b] => memchr::memchr2(a, b, hay),
        [a, b, c] => memchr::memchr3(a, b, c, hay),
        ref many => hay.iter().position(|b| many.contains(b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_end_at_any_byte_of_the_needle_nul_and_cr_included_when_present() {
        let mut buf = [0; 4];
        let mut input = Input::new(b"ab<c&");
        assert_eq!(input.read_until(b"<&\0\r", &mut buf), Ok(Some(&b"ab"[..])));
        assert_eq!(input.read_until(b"<&\0\r", &mut buf), Ok(Some(&b"<"[..])));
        assert_eq!(input.read_until(b"<&\0\r", &mut buf), Ok(Some(&b"c"[..])));
        assert_eq!(input.read_until(b"<&\0\r", &mut buf), Ok(Some(&b"&"[..])));
        assert_eq!(input.read_until(b"<&\0\r", &mut buf), Ok(None));
        let mut input = Input::new(b"a\r\nb\0");
        assert_eq!(input.read_until(b"<&\0\r", &mut buf), Ok(Some(&b"a"[..])));
        assert_eq!(input.read_byte(), Ok(Some(b'\r')));
        assert_eq!(input.read_until(b"<&\0\r", &mut buf), Ok(Some(&b"\nb"[..])));
        assert_eq!(input.read_until(b"x\0", &mut buf), Ok(Some(&b"\0"[..])));
        assert_eq!(find(b"\t\n\x0C />\0\r", b"abc>", true), Some(3));
    }
}
