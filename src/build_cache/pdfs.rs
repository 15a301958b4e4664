//! Typeset PDFs (`cv.pdf` of each audience), each kept with the hash of
//! everything it was made from ([`crate::render::pdf`] computes it): a
//! build whose CV, highlights, template, paper and date are unchanged
//! reuses the bytes instead of typesetting again. One file per audience;
//! a file whose key differs is simply replaced.

use std::path::Path;

use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct Stored {
    key: u64,
    bytes: Vec<u8>,
}

/// The PDF stored under `name` if it was made from inputs hashing to `key`.
pub fn read(root: &Path, name: &str, key: u64) -> Option<Vec<u8>> {
    let stored: Stored = super::read(root, name)?;
    (stored.key == key).then_some(stored.bytes)
}

/// Stores `bytes` under `name` with `key`. Failing to write is not an error.
pub fn write(root: &Path, name: &str, key: u64, bytes: &[u8]) {
    super::write(
        root,
        name,
        &Stored {
            key,
            bytes: bytes.to_vec(),
        },
    );
}
