//! Fuzz target: folio's link scan (`folio::html::scan`) against html5gum's
//! tokenizer used directly, on arbitrary text: the same URLs of the same
//! start tags, with positions at their values, and never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(html) = std::str::from_utf8(data) {
        folio::html::fuzzing::links_match_tokenizer(html);
    }
});
