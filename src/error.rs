//! The library's error type: either the user's sources have problems (a list
//! of [`Diagnostic`]s, exit code 1) or folio could not do its job (I/O on a
//! named path, bad usage, exit code 2). The CLI edge renders both.

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in the user's sources; every one is reported.
    #[error("{} in the site's sources", count(.0.iter().filter(|d| d.is_error()).count(), "error"))]
    Content(Vec<Diagnostic>),
    /// An I/O failure on a path folio had to read or write.
    #[error("{action} {}: {source}", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The command line or the environment makes the job impossible.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    /// The process exit code for this error: 1 for content, 2 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Content(_) => 1,
            Error::Io { .. } | Error::Usage(_) => 2,
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Content(vec![d])
    }
}

/// `1 error`, `2 errors`: a count with its noun, singular for one.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_counts_read_as_english() {
        let one = Error::Content(vec![Diagnostic::error("x", "a.md", "bad")]);
        assert_eq!(one.to_string(), "1 error in the site's sources");
        let two = Error::Content(vec![
            Diagnostic::error("x", "a.md", "bad"),
            Diagnostic::error("x", "b.md", "bad"),
        ]);
        assert_eq!(two.to_string(), "2 errors in the site's sources");
        assert_eq!(count(0, "warning"), "0 warnings");
        assert_eq!(count(1, "draft"), "1 draft");
    }
}
