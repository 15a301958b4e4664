//! Mojibake: UTF-8 text that was once decoded as Windows-1252 (or Latin-1)
//! and saved again, so `—` became `â€”` and `📜` became `ðŸ“œ`. This module
//! finds such runs in a text and repairs them; it never touches anything
//! else, and knows nothing of files or diagnostics (`folio check` reports
//! and repairs what it finds: `check::encoding`).
//!
//! A run is found by mapping each character back to the single byte the
//! wrong decoding made it from and checking that the bytes form valid UTF-8.
//! The five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90,
//! 0x9D) survive such a round trip as the control characters U+0081 etc.,
//! and are mapped back like every other C1 control.

use std::ops::Range;

/// One run of mojibake in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Byte range of the garbled characters in the text.
    pub range: Range<usize>,
    /// What the run should read.
    pub fixed: String,
}

/// Windows-1252 bytes 0x80..=0x9F by the character they decode to; the
/// undefined ones decode to the C1 control of the same value.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// The byte a Windows-1252 (or Latin-1) decoder turned into `c`, if any.
fn byte_of(c: char) -> Option<u8> {
    let code = u32::from(c);
    if code <= 0xFF {
        // Latin-1 range, including C1 controls: the undefined Windows-1252
        // bytes, and Latin-1 misreadings of the others.
        return u8::try_from(code).ok();
    }
    CP1252_HIGH
        .iter()
        .position(|&x| x == c)
        .and_then(|i| u8::try_from(0x80 + i).ok())
}

/// How many continuation bytes follow a UTF-8 lead byte, for the leads that
/// can start a valid multi-byte sequence.
fn continuation_count(lead: u8) -> Option<usize> {
    match lead {
        0xC2..=0xDF => Some(1),
        0xE0..=0xEF => Some(2),
        0xF0..=0xF4 => Some(3),
        _ => None,
    }
}

/// The mojibake sequence for one character starting at byte `start`: its
/// byte length in `text` and the character it stands for.
fn sequence_at(text: &str, start: usize) -> Option<(usize, char)> {
    let mut chars = text[start..].chars();
    let lead_char = chars.next()?;
    let lead = byte_of(lead_char)?;
    let n = continuation_count(lead)?;
    let mut bytes = vec![lead];
    let mut len = lead_char.len_utf8();
    for _ in 0..n {
        let c = chars.next()?;
        let b = byte_of(c).filter(|b| (0x80..=0xBF).contains(b))?;
        bytes.push(b);
        len += c.len_utf8();
    }
    let decoded = std::str::from_utf8(&bytes).ok()?.chars().next()?;
    // A C1 control is never what someone meant to write.
    (u32::from(decoded) >= 0xA0).then_some((len, decoded))
}

/// Every run of mojibake in `text`, in order. Adjacent garbled characters
/// form one run; doubly garbled text is repaired all the way.
pub fn find(text: &str) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for (range, c) in find_single_layer(text) {
        match runs.last_mut() {
            Some(run) if run.range.end == range.start => {
                run.range.end = range.end;
                run.fixed.push(c);
            }
            _ => runs.push(Run {
                range,
                fixed: c.to_string(),
            }),
        }
    }
    for run in &mut runs {
        // Text garbled twice decodes to mojibake again: keep going.
        for _ in 0..3 {
            match repair_once(&run.fixed) {
                Some(again) => run.fixed = again,
                None => break,
            }
        }
    }
    runs
}

/// `text` with every run replaced, or `None` when there is nothing to fix.
pub fn repair(text: &str) -> Option<String> {
    let runs = find(text);
    if runs.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for run in &runs {
        out.push_str(&text[last..run.range.start]);
        out.push_str(&run.fixed);
        last = run.range.end;
    }
    out.push_str(&text[last..]);
    Some(out)
}

fn repair_once(text: &str) -> Option<String> {
    let runs = find_single_layer(text);
    if runs.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (range, c) in runs {
        out.push_str(&text[last..range.start]);
        out.push(c);
        last = range.end;
    }
    out.push_str(&text[last..]);
    Some(out)
}

fn find_single_layer(text: &str) -> Vec<(Range<usize>, char)> {
    let mut found = Vec::new();
    if text.is_ascii() {
        return found;
    }
    let mut i = 0;
    while i < text.len() {
        match sequence_at(text, i) {
            Some((len, c)) => {
                found.push((i..i + len, c));
                i += len;
            }
            None => i += text[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Garbles `s` the way a Windows-1252 reader does.
    fn garble(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
                b => char::from(b),
            })
            .collect()
    }

    #[test]
    fn finds_the_owner_documents_runs() {
        let text = "## ðŸ“œ Story\nDeep Tech â†’ Startup â€” done";
        let runs = find(text);
        let fixed: Vec<&str> = runs.iter().map(|r| r.fixed.as_str()).collect();
        assert_eq!(fixed, ["📜", "→", "—"]);
        assert_eq!(&text[runs[0].range.clone()], "ðŸ“œ");
        assert_eq!(
            repair(text).unwrap(),
            "## 📜 Story\nDeep Tech → Startup — done"
        );
    }

    #[test]
    fn repairs_the_bytes_windows_1252_leaves_undefined() {
        // 🔍 is F0 9F 94 8D, Á is C3 81, ő is C5 91, ĝ is C4 9D, Đ is C4 90.
        for s in ["🔍", "Á", "ĝ", "Đ", "ʏ"] {
            let garbled = garble(s);
            assert_ne!(garbled, s);
            assert_eq!(repair(&garbled).as_deref(), Some(s), "{garbled:?}");
        }
        assert_eq!(garble("🔍"), "ðŸ”\u{8d}");
    }

    #[test]
    fn adjacent_characters_form_one_run() {
        let runs = find(&garble("x 🟢🟡 y"));
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].fixed, "🟢🟡");
    }

    #[test]
    fn doubly_garbled_text_is_repaired_fully() {
        let twice = garble(&garble("—"));
        assert_eq!(repair(&twice).as_deref(), Some("—"));
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for s in [
            "café, naïve, Zürich, Ærø, São Paulo — “quotes” … 📜",
            "price: 5 € or £4",
            "Ã alone, Â then space",
            "",
        ] {
            assert!(find(s).is_empty(), "{s}");
            assert_eq!(repair(s), None);
        }
    }
}
