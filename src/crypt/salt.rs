//! The site's salt: random bytes kept in [`SALT_FILE`] beside `site.toml`,
//! made on the first encrypted build. The same salt and passphrase give the
//! same key, so rebuilds keep remembered devices unlocked; a new salt logs
//! every device out. The salt is not secret: it is in every encrypted file.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::cipher::SALT_LEN;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};

/// The salt's file name, in the site's folder.
pub const SALT_FILE: &str = "private.salt";

const HEADER: &str = "\
# folio: the salt of the private site's encryption key (not a secret).
# Commit this file with site.toml. Deleting or changing it gives a new key:
# every device that remembered the passphrase will ask for it again.
";

/// The salt, and whether it was just made.
pub struct Salt {
    pub bytes: Vec<u8>,
    pub created: bool,
}

/// Reads the salt of the site at `root`, making the file when it is missing.
pub fn load_or_create(root: &Path) -> Result<Salt> {
    match load(root)? {
        Some(bytes) => Ok(Salt {
            bytes,
            created: false,
        }),
        None => create(&root.join(SALT_FILE)),
    }
}

/// Reads the salt of the site at `root`; `None` when there is no salt file.
pub fn load(root: &Path) -> Result<Option<Vec<u8>>> {
    let path = root.join(SALT_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&text).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
            Err(
                Diagnostic::error("salt", SALT_FILE, "the salt file is not UTF-8 text")
                    .hint(delete_hint())
                    .into(),
            )
        }
        Err(e) => Err(Error::io("reading", path, e)),
    }
}

fn create(path: &PathBuf) -> Result<Salt> {
    let mut bytes = vec![0u8; SALT_LEN];
    getrandom::fill(&mut bytes).map_err(|e| {
        Error::Usage(format!(
            "the operating system gave no random numbers for the salt: {e}"
        ))
    })?;
    let text = format!("{HEADER}{}\n", BASE64.encode(&bytes));
    // `create_new`: two builds starting at once must not both write a salt.
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    match file {
        Ok(mut f) => {
            f.write_all(text.as_bytes())
                .and_then(|()| f.sync_all())
                .map_err(|e| Error::io("writing", path, e))?;
            Ok(Salt {
                bytes,
                created: true,
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io("reading", path, e))?;
            Ok(Salt {
                bytes: parse(&text)?,
                created: false,
            })
        }
        Err(e) => Err(Error::io("creating", path, e)),
    }
}

/// The salt in the file's text: one line of base64 (at least 16 bytes);
/// lines starting with `#` and blank lines are ignored.
pub fn parse(text: &str) -> Result<Vec<u8>> {
    let mut found: Option<(usize, &str)> = None;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if found.is_some() {
            return Err(problem(text, i + 1, "the salt file has more than one salt line").into());
        }
        found = Some((i + 1, line));
    }
    let Some((line, b64)) = found else {
        return Err(problem(text, 0, "the salt file holds no salt").into());
    };
    let bytes = BASE64
        .decode(b64)
        .map_err(|e| problem(text, line, &format!("the salt is not valid base64 ({e})")))?;
    if bytes.len() < SALT_LEN {
        return Err(problem(
            text,
            line,
            &format!(
                "the salt is {} bytes long; it must have at least {SALT_LEN}",
                bytes.len()
            ),
        )
        .into());
    }
    Ok(bytes)
}

fn problem(text: &str, line: usize, message: &str) -> Diagnostic {
    let d = Diagnostic::error("salt", SALT_FILE, message).hint(delete_hint());
    if line == 0 { d } else { d.at_in(text, line, 1) }
}

fn delete_hint() -> String {
    format!(
        "restore {SALT_FILE} from version control, or delete it to make a new one (every device that remembered the passphrase will ask again)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_once_then_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let first = load_or_create(dir.path()).unwrap();
        assert!(first.created);
        assert_eq!(first.bytes.len(), SALT_LEN);
        let text = std::fs::read_to_string(dir.path().join(SALT_FILE)).unwrap();
        assert!(text.starts_with("# folio: the salt"), "{text}");
        let second = load_or_create(dir.path()).unwrap();
        assert!(!second.created);
        assert_eq!(second.bytes, first.bytes);
        let other = tempfile::tempdir().unwrap();
        assert_ne!(load_or_create(other.path()).unwrap().bytes, first.bytes);
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let b = parse("# note\n\n  AAECAwQFBgcICQoLDA0ODw==  \n").unwrap();
        assert_eq!(b, (0u8..16).collect::<Vec<_>>());
    }

    #[test]
    fn bad_files_are_errors_at_their_line() {
        let cases = [
            ("# only a comment\n", 0, "the salt file holds no salt"),
            ("# c\nnot base64!\n", 2, "the salt is not valid base64"),
            (
                "AAEC\n",
                1,
                "the salt is 3 bytes long; it must have at least 16",
            ),
            (
                "AAECAwQFBgcICQoLDA0ODw==\nAAECAwQFBgcICQoLDA0ODw==\n",
                2,
                "the salt file has more than one salt line",
            ),
        ];
        for (text, line, message) in cases {
            let Err(Error::Content(d)) = parse(text) else {
                panic!("{text:?} should fail")
            };
            assert_eq!(d[0].line, line, "{text:?}");
            assert!(d[0].message.starts_with(message), "{}", d[0].message);
            assert!(d[0].hint.as_deref().unwrap().contains("delete it"));
        }
    }
}
