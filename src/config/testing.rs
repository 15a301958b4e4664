//! Test helpers for the `site.toml` readers: a `site.toml` made of the two
//! required keys and a table under test, parsed as `Config::parse` does.

use std::path::Path;

use crate::config::{Config, Overrides};
use crate::diagnostic::Diagnostic;
use crate::error::Error;

/// `extra` after a minimal `site.toml` (its first two lines), parsed.
pub fn parse(extra: &str) -> crate::error::Result<Config> {
    let text = format!("title = \"T\"\nbase_url = \"https://x.org/\"\n{extra}");
    Config::parse(Path::new("/site"), &text, &Overrides::default())
}

/// The diagnostics of a `site.toml` that must not parse.
pub fn errors(extra: &str) -> Vec<Diagnostic> {
    match parse(extra) {
        Err(Error::Content(d)) => d,
        other => panic!("expected content errors, got {other:?}"),
    }
}
