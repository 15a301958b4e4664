//! The cryptography, all of it from RustCrypto crates: the key is derived
//! from the passphrase with PBKDF2-HMAC-SHA256 ([`ITERATIONS`] rounds, the
//! site's salt), and every file is sealed with AES-256-GCM under a fresh
//! random 96-bit nonce into an [`Envelope`], the JSON format documented in
//! `docs/encryption.md` and read by the shell page's script.
//!
//! Nothing here knows about pages or files; [`super`] decides what to seal.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// PBKDF2 rounds: OWASP's 2023 figure for PBKDF2-HMAC-SHA256.
pub const ITERATIONS: u32 = 600_000;
/// Length of the site's salt, in bytes.
pub const SALT_LEN: usize = 16;
/// Length of a nonce (AES-GCM's standard 96 bits), in bytes.
pub const NONCE_LEN: usize = 12;

/// The value of an envelope's `format` field.
pub const FORMAT: &str = "folio-encrypted";
/// The envelope format's version.
pub const VERSION: u32 = 1;

/// A 256-bit AES key derived from the passphrase, wiped from memory on drop.
pub struct Key {
    bytes: Zeroizing<[u8; 32]>,
    salt: Vec<u8>,
    iterations: u32,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key").finish_non_exhaustive()
    }
}

/// One sealed file, as written to disk (JSON) and embedded in shell pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
    pub version: u32,
    /// Always `AES-256-GCM`.
    pub cipher: String,
    /// Always `PBKDF2-HMAC-SHA256`.
    pub kdf: String,
    pub iterations: u32,
    /// The site's salt, base64.
    pub salt: String,
    /// This file's nonce, base64 (12 bytes).
    pub nonce: String,
    /// The media type of the plaintext.
    pub content_type: String,
    /// The ciphertext followed by the 16-byte GCM tag, base64.
    pub ciphertext: String,
}

/// Why an envelope did not open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// Not an envelope this version of folio can read.
    Format(String),
    /// Wrong key, or the envelope was changed after sealing.
    Authentication,
}

impl Key {
    /// Derives the key for `passphrase` (NFC-normalized, UTF-8) and `salt`.
    /// Slow by design: call it once per build.
    pub fn derive(passphrase: &str, salt: &[u8]) -> Key {
        Key::derive_with(passphrase, salt, ITERATIONS)
    }

    /// [`Key::derive`] with another number of rounds (tests only use fewer).
    pub fn derive_with(passphrase: &str, salt: &[u8], iterations: u32) -> Key {
        let normalized: Zeroizing<String> = Zeroizing::new(passphrase.nfc().collect());
        let mut bytes = Zeroizing::new([0u8; 32]);
        let recommended = pbkdf2::Params::RECOMMENDED;
        if recommended.rounds() == iterations {
            // Not generic, so compiled (and optimized) in the pbkdf2 crate
            // even in debug builds of folio.
            pbkdf2::pbkdf2_hmac_with_params(
                normalized.as_bytes(),
                salt,
                pbkdf2::Algorithm::Pbkdf2Sha256,
                recommended,
                bytes.as_mut_slice(),
            );
        } else {
            pbkdf2::pbkdf2_hmac::<Sha256>(
                normalized.as_bytes(),
                salt,
                iterations,
                bytes.as_mut_slice(),
            );
        }
        Key {
            bytes,
            salt: salt.to_vec(),
            iterations,
        }
    }

    /// The salt this key was derived with.
    pub fn salt(&self) -> &[u8] {
        &self.salt
    }

    /// Encrypts `plain` under a fresh random nonce.
    pub fn seal(&self, plain: &[u8], content_type: &str) -> Result<Envelope> {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|e| {
            Error::Usage(format!(
                "the operating system gave no random numbers for encryption: {e}"
            ))
        })?;
        let ciphertext = self
            .cipher()
            .encrypt(&Nonce::from(nonce), plain)
            .map_err(|_| Error::Usage("a file is too large to encrypt (64 GiB)".into()))?;
        Ok(Envelope {
            format: FORMAT.into(),
            version: VERSION,
            cipher: "AES-256-GCM".into(),
            kdf: "PBKDF2-HMAC-SHA256".into(),
            iterations: self.iterations,
            salt: BASE64.encode(&self.salt),
            nonce: BASE64.encode(nonce),
            content_type: content_type.into(),
            ciphertext: BASE64.encode(ciphertext),
        })
    }

    /// Decrypts an envelope sealed with this key.
    pub fn open(&self, envelope: &Envelope) -> std::result::Result<Vec<u8>, OpenError> {
        if envelope.format != FORMAT || envelope.version != VERSION {
            return Err(OpenError::Format(format!(
                "not a {FORMAT} version {VERSION} envelope"
            )));
        }
        let nonce: [u8; NONCE_LEN] = BASE64
            .decode(&envelope.nonce)
            .ok()
            .and_then(|n| n.try_into().ok())
            .ok_or_else(|| OpenError::Format("the nonce is not 12 bytes of base64".into()))?;
        let ciphertext = BASE64
            .decode(&envelope.ciphertext)
            .map_err(|_| OpenError::Format("the ciphertext is not base64".into()))?;
        self.cipher()
            .decrypt(&Nonce::from(nonce), ciphertext.as_slice())
            .map_err(|_| OpenError::Authentication)
    }

    fn cipher(&self) -> Aes256Gcm {
        Aes256Gcm::new(&(*self.bytes).into())
    }
}

impl Envelope {
    /// The envelope as one line of JSON. Only ASCII letters, digits and
    /// `+/=` appear in its values, so it is safe inside a `<script>` element.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &[u8]) -> std::result::Result<Envelope, OpenError> {
        serde_json::from_slice(text).map_err(|e| OpenError::Format(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Few rounds keep unit tests fast; the full count is tested once below.
    fn key(passphrase: &str) -> Key {
        Key::derive_with(passphrase, b"0123456789abcdef", 1_000)
    }

    #[test]
    fn seal_then_open_round_trips() {
        let k = key("correct horse battery staple");
        for plain in [&b""[..], b"x", "<p>Grüße 🎉</p>".as_bytes(), &[0u8; 5000]] {
            let env = k.seal(plain, "text/html; charset=utf-8").unwrap();
            let back = Envelope::from_json(env.to_json().as_bytes()).unwrap();
            assert_eq!(back, env);
            assert_eq!(k.open(&back).unwrap(), plain);
        }
    }

    #[test]
    fn every_seal_uses_a_fresh_nonce() {
        let k = key("correct horse battery staple");
        let a = k.seal(b"same text", "text/plain").unwrap();
        let b = k.seal(b"same text", "text/plain").unwrap();
        assert_ne!(a.nonce, b.nonce);
        assert_ne!(a.ciphertext, b.ciphertext);
        assert_eq!(BASE64.decode(&a.nonce).unwrap().len(), NONCE_LEN);
    }

    #[test]
    fn wrong_key_fails() {
        let env = key("correct horse battery staple")
            .seal(b"secret", "text/plain")
            .unwrap();
        assert_eq!(
            key("correct horse battery stapler").open(&env),
            Err(OpenError::Authentication)
        );
        let other_salt =
            Key::derive_with("correct horse battery staple", b"another salt 16b", 1_000);
        assert_eq!(other_salt.open(&env), Err(OpenError::Authentication));
    }

    #[test]
    fn tampered_ciphertext_tag_or_nonce_fails() {
        let k = key("correct horse battery staple");
        let env = k.seal(b"pay Ada 100", "text/plain").unwrap();
        let raw = BASE64.decode(&env.ciphertext).unwrap();
        for i in [0, raw.len() / 2, raw.len() - 1] {
            let mut bad = raw.clone();
            bad[i] ^= 1;
            let tampered = Envelope {
                ciphertext: BASE64.encode(&bad),
                ..env.clone()
            };
            assert_eq!(
                k.open(&tampered),
                Err(OpenError::Authentication),
                "byte {i}"
            );
        }
        let truncated = Envelope {
            ciphertext: BASE64.encode(&raw[..raw.len() - 1]),
            ..env.clone()
        };
        assert_eq!(k.open(&truncated), Err(OpenError::Authentication));
        let mut nonce = BASE64.decode(&env.nonce).unwrap();
        nonce[0] ^= 1;
        let renonced = Envelope {
            nonce: BASE64.encode(&nonce),
            ..env.clone()
        };
        assert_eq!(k.open(&renonced), Err(OpenError::Authentication));
        let garbled = Envelope {
            nonce: "short".into(),
            ..env
        };
        assert!(matches!(k.open(&garbled), Err(OpenError::Format(_))));
    }

    #[test]
    fn the_passphrase_is_normalized_before_derivation() {
        // "é" typed as one code point or as e + combining accent.
        let composed = key("caf\u{e9} au lait, s'il vous pla\u{ee}t");
        let decomposed = key("cafe\u{301} au lait, s'il vous plai\u{302}t");
        let env = composed.seal(b"ok", "text/plain").unwrap();
        assert_eq!(decomposed.open(&env).unwrap(), b"ok");
    }

    #[test]
    fn derivation_matches_the_pbkdf2_test_vector_at_full_strength() {
        // The vector in the pbkdf2 crate's documentation:
        // PBKDF2-HMAC-SHA256("password", "salt", 600000), first 20 bytes.
        let k = Key::derive("password", b"salt");
        assert_eq!(k.iterations, ITERATIONS);
        let hex: String = k.bytes[..20].iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "669cfe52482116fda1aa2cbe409b2f56c8e45637");
    }

    #[test]
    fn envelope_json_is_script_safe_and_names_its_parameters() {
        let env = key("correct horse battery staple")
            .seal(b"</script><!--", "application/json")
            .unwrap();
        let json = env.to_json();
        assert!(!json.contains('<') && !json.contains('&'), "{json}");
        assert!(json.starts_with(r#"{"format":"folio-encrypted","version":1,"cipher":"AES-256-GCM","kdf":"PBKDF2-HMAC-SHA256","iterations":1000,"#), "{json}");
    }
}
