//! Fuzz target: `folio::content::fuzzing::markdown` on arbitrary bytes, read
//! as a source file is read. It must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| folio::content::fuzzing::markdown(data));
