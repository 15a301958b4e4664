//! Private-site encryption: turns the rendered private [`Outputs`] into the
//! form written to `private/` when `[private] encrypt = true`. Every HTML
//! page becomes a [`shell`] page holding the page as ciphertext; every
//! private-only file ([`assets`]: not in the public site byte for byte, e.g.
//! `progress.json` or a private image) becomes an [`cipher::Envelope`] at
//! its path, after the pages that embed it got it inlined. Files identical
//! to public ones (theme CSS, favicon, `static/`) and `robots.txt` stay as
//! they are.
//!
//! The key is derived once per build ([`Pending::derive`]); each file gets a
//! fresh nonce, so two builds never give the same bytes. `folio watch`
//! keeps a [`Sealer`] across rebuilds and reuses the ciphertext of files
//! whose plaintext did not change. `folio serve` never comes here.

pub mod assets;
pub mod cipher;
pub mod passphrase;
pub mod salt;
/// The `[private]` table lives with the config that reads it.
pub use crate::config::private as settings;
pub mod shell;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use zeroize::Zeroizing;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::output::Outputs;
use assets::Assets;
use cipher::Key;
use shell::ShellInfo;

/// What a key derivation needs, gathered before the (slow) derivation so a
/// build can derive while it renders.
pub struct Pending {
    passphrase: Zeroizing<String>,
    salt: Vec<u8>,
    info: ShellInfo,
    /// A note for the owner, e.g. that the salt file was just made.
    pub warnings: Vec<Diagnostic>,
}

impl Pending {
    /// `None` when the site is not encrypted. Reads (or makes) the salt file
    /// and obtains the passphrase, which may ask on the terminal.
    pub fn prepare(config: &Config) -> Result<Option<Pending>> {
        if !config.private.encrypt {
            return Ok(None);
        }
        // The passphrase first: a build that cannot run leaves no salt file.
        let passphrase = passphrase::obtain(&config.private.passphrase_env)?;
        let salt = salt::load_or_create(&config.root)?;
        let mut warnings = Vec::new();
        if salt.created {
            warnings.push(
                Diagnostic::warning(
                    "salt",
                    salt::SALT_FILE,
                    "made a new salt for the private site's encryption key",
                )
                .hint(format!(
                    "commit {} with site.toml: builds with the same salt and passphrase keep remembered devices unlocked",
                    salt::SALT_FILE
                )),
            );
        }
        Ok(Some(Pending {
            passphrase,
            salt: salt.bytes,
            info: shell_info(config),
            warnings,
        }))
    }

    /// Derives the key (PBKDF2, deliberately slow).
    pub fn derive(self) -> Sealer {
        Sealer {
            key: Key::derive(&self.passphrase, &self.salt),
            info: self.info,
            reuse: None,
        }
    }
}

fn shell_info(config: &Config) -> ShellInfo {
    ShellInfo {
        site_title: config.title.clone(),
        language: config.language.clone(),
    }
}

/// Output path → (hash of the plaintext sealed, the sealed bytes).
type Reused = HashMap<String, (u128, Arc<[u8]>)>;

/// Seals private sites with one key.
pub struct Sealer {
    key: Key,
    info: ShellInfo,
    /// For `folio watch`: each path's last plaintext hash and sealed bytes.
    reuse: Option<Mutex<Reused>>,
}

impl Sealer {
    /// A sealer for `config`'s site with a key derived already (the leak
    /// property seals thousands of sites with one cheap key).
    pub fn with_key(config: &Config, key: Key) -> Sealer {
        Sealer {
            key,
            info: shell_info(config),
            reuse: None,
        }
    }

    /// The sealed form of the `private` site; `public` tells which files
    /// need no sealing.
    pub fn seal(&self, public: &Outputs, private: &Outputs) -> Result<Outputs> {
        let assets = Assets::private_only(public, private);
        let previous = self
            .reuse
            .as_ref()
            .map(|m| std::mem::take(&mut *m.lock().unwrap_or_else(|p| p.into_inner())));
        type Sealed = (String, Arc<[u8]>, Option<u128>);
        let files: Vec<(&str, &Arc<[u8]>)> = private.iter_shared().collect();
        let sealed: Vec<Result<Sealed>> = files
            .par_iter()
            .map(|&(path, bytes)| {
                let Some(plain) = plaintext(path, bytes, &assets) else {
                    return Ok((path.to_string(), Arc::clone(bytes), None));
                };
                // Only `folio watch` reuses ciphertext; a build seals everything.
                let hash = previous
                    .as_ref()
                    .map(|_| xxhash_rust::xxh3::xxh3_128(&plain));
                if let Some((h, old)) = previous.as_ref().and_then(|p| p.get(path))
                    && Some(*h) == hash
                {
                    return Ok((path.to_string(), Arc::clone(old), hash));
                }
                let out = self.seal_file(path, &plain)?;
                Ok((path.to_string(), Arc::from(out), hash))
            })
            .collect();
        let mut out = Outputs::default();
        let mut kept = HashMap::new();
        for r in sealed {
            let (path, bytes, hash) = r?;
            if let Some(h) = hash {
                kept.insert(path.clone(), (h, Arc::clone(&bytes)));
            }
            out.insert_shared(path, bytes)?;
        }
        if let Some(m) = &self.reuse {
            *m.lock().unwrap_or_else(|p| p.into_inner()) = kept;
        }
        Ok(out)
    }

    /// One file's sealed bytes: a shell page, or an envelope as JSON.
    fn seal_file(&self, path: &str, plain: &[u8]) -> Result<Vec<u8>> {
        if assets::is_html(path) {
            let envelope = self.key.seal(plain, "text/html; charset=utf-8")?;
            Ok(shell::page(&self.info, &envelope).into_bytes())
        } else {
            let envelope = self.key.seal(plain, assets::media_type(path))?;
            let mut json = envelope.to_json();
            json.push('\n');
            Ok(json.into_bytes())
        }
    }
}

/// What is sealed for the file at `path`: a page with the private-only
/// files it embeds inlined, or a private-only file as it is; `None` for a
/// file that stays readable.
fn plaintext<'a>(path: &str, bytes: &'a [u8], assets: &Assets<'_>) -> Option<Cow<'a, [u8]>> {
    if assets::is_html(path) {
        let inlined = match std::str::from_utf8(bytes) {
            Ok(html) => match assets::inline(path, html, assets) {
                Cow::Owned(s) => Cow::Owned(s.into_bytes()),
                Cow::Borrowed(_) => Cow::Borrowed(bytes),
            },
            Err(_) => Cow::Borrowed(bytes),
        };
        Some(inlined)
    } else if assets.contains(path) {
        Some(Cow::Borrowed(bytes))
    } else {
        None
    }
}

/// Sealing across the rebuilds of `folio watch`: the key is derived again
/// only when the salt or the passphrase's variable change, and files whose
/// plaintext is unchanged keep their ciphertext, so only changed files are
/// rewritten.
#[derive(Default)]
pub struct WatchSealer {
    current: Option<(String, Vec<u8>, Sealer)>,
}

impl WatchSealer {
    /// Gets the key ready for `config` (asking for the passphrase if need
    /// be); warnings go to `warnings`.
    pub fn prepare(&mut self, config: &Config, warnings: &mut Vec<Diagnostic>) -> Result<()> {
        if !config.private.encrypt {
            self.current = None;
            return Ok(());
        }
        let env = &config.private.passphrase_env;
        let salt = salt::load(&config.root)?;
        let info = shell_info(config);
        match (&mut self.current, salt) {
            (Some((e, s, sealer)), Some(salt)) if e == env && *s == salt => {
                if sealer.info != info {
                    sealer.info = info;
                    sealer.reuse = Some(Mutex::default()); // every shell changes
                }
            }
            _ => {
                let Some(pending) = Pending::prepare(config)? else {
                    return Ok(());
                };
                warnings.extend(pending.warnings.iter().cloned());
                let identity = pending.salt.clone();
                let mut sealer = pending.derive();
                sealer.reuse = Some(Mutex::default());
                self.current = Some((env.clone(), identity, sealer));
            }
        }
        Ok(())
    }

    /// The private site as `folio watch` writes it for `config`.
    pub fn private_outputs(
        &mut self,
        config: &Config,
        public: &Outputs,
        private: &Outputs,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<Outputs> {
        self.prepare(config, warnings)?;
        match &self.current {
            Some((_, _, sealer)) => sealer.seal(public, private),
            None => Ok(private.clone()),
        }
    }
}
