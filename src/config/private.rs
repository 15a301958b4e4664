//! The `[private]` table of `site.toml`: whether the private site is
//! written encrypted, and which environment variable holds the passphrase.
//!
//! [`crate::config`] calls in here for this one table; reading the salt and
//! the passphrase happens at build time ([`crate::crypt::salt`],
//! [`crate::crypt::passphrase`]), not when the config is parsed.

use std::path::Path;

use crate::diagnostic::{Diagnostic, closest};

/// The environment variable read when `passphrase_env` is not set.
pub const DEFAULT_PASSPHRASE_ENV: &str = "FOLIO_PRIVATE_PASSPHRASE";

const TABLE: &str = "private";
const KNOWN_KEYS: &[&str] = &["encrypt", "passphrase_env"];

/// `[private]` as validated, with its defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateSettings {
    /// Write `private/` encrypted (`folio build`, `folio watch`).
    pub encrypt: bool,
    /// The environment variable holding the passphrase.
    pub passphrase_env: String,
}

impl Default for PrivateSettings {
    fn default() -> Self {
        PrivateSettings {
            encrypt: false,
            passphrase_env: DEFAULT_PASSPHRASE_ENV.to_string(),
        }
    }
}

impl PrivateSettings {
    /// Reads the `[private]` table (absent: the defaults). Every problem is
    /// reported, each at its key's line in `text`.
    pub fn from_table(
        table: Option<&toml::Value>,
        text: &str,
        file: &Path,
    ) -> Result<PrivateSettings, Vec<Diagnostic>> {
        let mut settings = PrivateSettings::default();
        let Some(value) = table else {
            return Ok(settings);
        };
        let Some(table) = value.as_table() else {
            let (line, col) = key_position(text, None);
            return Err(vec![
                Diagnostic::error("config", file, "`private` must be a table")
                    .at_in(text, line, col)
                    .hint("write it as a section: [private] on its own line, then encrypt = true"),
            ]);
        };
        let mut problems = Vec::new();
        let mut problem = |key: &str, message: String, hint: String| {
            let (line, col) = key_position(text, Some(key));
            problems.push(
                Diagnostic::error("config", file, message)
                    .at_in(text, line, col)
                    .hint(hint),
            );
        };
        for (key, value) in table {
            match key.as_str() {
                "encrypt" => match value.as_bool() {
                    Some(b) => settings.encrypt = b,
                    None => problem(
                        key,
                        format!(
                            "`private.encrypt` must be true or false, not {}",
                            value.type_str()
                        ),
                        "write encrypt = true (no quotes) to encrypt the private site".into(),
                    ),
                },
                "passphrase_env" => match value.as_str() {
                    Some(name) if is_env_name(name) => settings.passphrase_env = name.to_string(),
                    Some(name) => problem(
                        key,
                        format!(
                            "`private.passphrase_env` = {name:?} is not an environment variable name"
                        ),
                        format!(
                            "use letters, digits and `_`, not starting with a digit, e.g. {DEFAULT_PASSPHRASE_ENV}; the passphrase itself never goes in site.toml"
                        ),
                    ),
                    None => problem(
                        key,
                        format!(
                            "`private.passphrase_env` must be a string, not {}",
                            value.type_str()
                        ),
                        format!("write passphrase_env = \"{DEFAULT_PASSPHRASE_ENV}\""),
                    ),
                },
                other => {
                    let hint = if other.contains("pass") || other == "key" || other == "secret" {
                        format!(
                            "the passphrase never goes in site.toml: set the environment variable named by `passphrase_env` (default {DEFAULT_PASSPHRASE_ENV})"
                        )
                    } else {
                        match closest(other, KNOWN_KEYS.iter().copied()) {
                            Some(k) => format!("did you mean `{k}`?"),
                            None => format!("known keys in [private]: {}", KNOWN_KEYS.join(", ")),
                        }
                    };
                    problem(key, format!("unknown key `{other}` in [private]"), hint);
                }
            }
        }
        if problems.is_empty() {
            Ok(settings)
        } else {
            Err(problems)
        }
    }
}

/// A portable environment variable name.
fn is_env_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Where `key` of the `[private]` table is written (see
/// [`super::table_key_position`]).
fn key_position(text: &str, key: Option<&str>) -> (usize, usize) {
    super::table_key_position(text, TABLE, key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::testing::{errors, parse};

    #[test]
    fn off_by_default_with_the_default_variable() {
        let c = parse("").unwrap();
        assert_eq!(c.private, PrivateSettings::default());
        assert!(!c.private.encrypt);
        assert_eq!(c.private.passphrase_env, "FOLIO_PRIVATE_PASSPHRASE");
    }

    #[test]
    fn section_and_dotted_keys_are_read() {
        let c = parse("[private]\nencrypt = true\npassphrase_env = \"MY_PASS\"\n").unwrap();
        assert!(c.private.encrypt);
        assert_eq!(c.private.passphrase_env, "MY_PASS");
        let c = parse("private.encrypt = true\n").unwrap();
        assert!(c.private.encrypt);
        assert_eq!(c.private.passphrase_env, DEFAULT_PASSPHRASE_ENV);
    }

    #[test]
    fn unknown_key_inside_private_is_an_error_with_position_and_suggestion() {
        let d = errors("[private]\nencrypt = true\nencrpyt = true\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "unknown key `encrpyt` in [private]");
        assert_eq!((d[0].line, d[0].col), (5, 1));
        assert_eq!(d[0].hint.as_deref(), Some("did you mean `encrypt`?"));
    }

    #[test]
    fn a_passphrase_in_site_toml_is_refused_with_the_reason() {
        let d = errors("[private]\npassphrase = \"correct horse battery\"\n");
        assert_eq!(d[0].message, "unknown key `passphrase` in [private]");
        assert_eq!(d[0].line, 4);
        assert!(
            d[0].hint
                .as_deref()
                .unwrap()
                .contains("never goes in site.toml")
        );
    }

    #[test]
    fn wrong_types_and_bad_names_are_all_reported() {
        let d = errors("[private]\nencrypt = \"yes\"\npassphrase_env = \"MY PASS\"\n");
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(
            d[0].message,
            "`private.encrypt` must be true or false, not string"
        );
        assert_eq!(d[0].line, 4);
        assert!(d[1].message.contains("is not an environment variable name"));
        assert_eq!(d[1].line, 5);
        let d = errors("private = 3\n");
        assert_eq!(d[0].message, "`private` must be a table");
        assert_eq!(d[0].line, 3);
    }

    #[test]
    fn env_names() {
        for ok in ["A", "_X", "FOLIO_PRIVATE_PASSPHRASE", "a1"] {
            assert!(is_env_name(ok), "{ok}");
        }
        for bad in ["", "1A", "A-B", "A B", "A=B", "É"] {
            assert!(!is_env_name(bad), "{bad}");
        }
    }
}
