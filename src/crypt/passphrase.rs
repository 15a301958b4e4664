//! Where the passphrase comes from: the environment variable named in
//! `[private] passphrase_env`, else a prompt without echo when a terminal is
//! attached, else a clear error. A passphrase is checked before use: at
//! least [`MIN_CHARS`] characters, and nothing a browser form cannot type.

use std::io::IsTerminal as _;

use unicode_normalization::UnicodeNormalization as _;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// The shortest passphrase accepted, in characters (after NFC).
pub const MIN_CHARS: usize = 12;

/// Reads the passphrase from `env_name`, or asks on the terminal.
pub fn obtain(env_name: &str) -> Result<Zeroizing<String>> {
    let value = std::env::var_os(env_name).map(|v| Zeroizing::new(v.into_encoded_bytes()));
    let terminal = std::io::stdin().is_terminal();
    match from_env(env_name, value.as_deref().map(Vec::as_slice), terminal)? {
        Some(p) => Ok(p),
        None => {
            let p = rpassword::prompt_password(format!(
                "Passphrase for the encrypted private site (or set {env_name}): "
            ))
            .map(Zeroizing::new)
            .map_err(|e| {
                Error::Usage(format!(
                    "could not read the passphrase from the terminal: {e}"
                ))
            })?;
            check(&p, "the passphrase typed")?;
            Ok(p)
        }
    }
}

/// The passphrase in the variable's `value`, checked; `None` when there is
/// none but a `terminal` can be asked; else the error that says why.
fn from_env(
    env_name: &str,
    value: Option<&[u8]>,
    terminal: bool,
) -> Result<Option<Zeroizing<String>>> {
    match value {
        Some(v) if !v.is_empty() => {
            let text = std::str::from_utf8(v).map_err(|_| {
                Error::Usage(format!(
                    "the environment variable {env_name} is not valid UTF-8; set it to the private site's passphrase as text"
                ))
            })?;
            check(text, &format!("the passphrase in {env_name}"))?;
            Ok(Some(Zeroizing::new(text.to_string())))
        }
        _ if terminal => Ok(None),
        _ => {
            let why = if value.is_some() {
                format!(
                    "{env_name} is set but empty (in CI, check that the secret exists and is passed to this step)"
                )
            } else {
                format!("{env_name} is not set and no terminal is attached to ask for one")
            };
            Err(Error::Usage(format!(
                "the private site is to be encrypted ([private] encrypt = true in site.toml) but there is no passphrase: {why}. Set {env_name} to a passphrase of at least {MIN_CHARS} characters, or run folio in a terminal to be asked for it"
            )))
        }
    }
}

/// Refuses passphrases that are too short or cannot be typed into the
/// browser's passphrase field. `what` names the passphrase in messages.
pub fn check(passphrase: &str, what: &str) -> Result<()> {
    if passphrase.chars().any(char::is_control) {
        return Err(Error::Usage(format!(
            "{what} contains a control character (a line break or tab?), which cannot be typed into the browser's passphrase field; remove it"
        )));
    }
    let chars = passphrase.nfc().count();
    if chars < MIN_CHARS {
        return Err(Error::Usage(format!(
            "{what} is {chars} characters long; it must have at least {MIN_CHARS}. The encrypted pages can be downloaded by anyone and guessed at offline, so the encryption is only as strong as the passphrase: a few random words make a good one"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_passphrases_are_refused_with_the_reason() {
        let Err(Error::Usage(msg)) = check("hunter2", "the passphrase in X") else {
            panic!("expected a usage error")
        };
        assert!(
            msg.starts_with("the passphrase in X is 7 characters long; it must have at least 12."),
            "{msg}"
        );
        assert!(msg.contains("only as strong as the passphrase"));
        assert!(check("eleven char", "p").is_err());
        assert!(check("twelve chars", "p").is_ok());
        // Characters, not bytes: 12 accented letters pass, 11 do not.
        assert!(check(&"é".repeat(12), "p").is_ok());
        assert!(check(&"é".repeat(11), "p").is_err());
    }

    #[test]
    fn line_breaks_and_tabs_are_refused() {
        for bad in ["correct horse battery\n", "correct\thorse battery"] {
            let Err(Error::Usage(msg)) = check(bad, "p") else {
                panic!("{bad:?} should fail")
            };
            assert!(msg.contains("control character"), "{msg}");
        }
        assert!(check("  spaces are fine  ", "p").is_ok());
    }

    #[test]
    fn env_value_is_used_and_checked() {
        let p = from_env("X", Some(b"a long enough passphrase"), false).unwrap();
        assert_eq!(p.unwrap().as_str(), "a long enough passphrase");
        let Err(Error::Usage(msg)) = from_env("X", Some(b"short"), true) else {
            panic!("a short passphrase must fail even with a terminal")
        };
        assert!(
            msg.starts_with("the passphrase in X is 5 characters long"),
            "{msg}"
        );
        assert!(
            matches!(from_env("X", Some(b"\xff not utf-8 at all"), false), Err(Error::Usage(m)) if m.contains("not valid UTF-8"))
        );
    }

    #[test]
    fn without_a_value_the_terminal_is_asked_else_the_error_says_why() {
        assert!(from_env("X", None, true).unwrap().is_none());
        assert!(from_env("X", Some(b""), true).unwrap().is_none());
        let Err(Error::Usage(unset)) = from_env("MY_PASS", None, false) else {
            panic!("expected an error")
        };
        assert!(
            unset.contains("MY_PASS is not set and no terminal is attached"),
            "{unset}"
        );
        assert!(unset.contains("[private] encrypt = true"), "{unset}");
        let Err(Error::Usage(empty)) = from_env("MY_PASS", Some(b""), false) else {
            panic!("expected an error")
        };
        assert!(empty.contains("MY_PASS is set but empty"), "{empty}");
    }
}
