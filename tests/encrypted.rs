//! The encrypted private site (`[private] encrypt = true`), driven through
//! the real binary: no private text survives in any encoding, every sealed
//! file decrypts back to the plain build, the public site is untouched, and
//! the passphrase and salt problems are clear errors. `folio watch` writes
//! the sealed form and rewrites only what changed.

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use folio::crypt::cipher::{Envelope, Key};
use folio::crypt::salt;
use support::{Output, Running, Site, folio, output_of, read_tree};

/// The passphrase of the `encrypted` fixture (its site.toml says where from).
const PASSPHRASE: &str = "correct horse battery staple";
const ENV: &str = "FOLIO_TEST_PASSPHRASE";

/// Private text of the `encrypted` fixture, including characters that HTML
/// and JSON escape.
const MARKERS: &[&str] = &[
    "PRIVATE-TITLE-9e77",
    "PRIVATE-MARKER-DASHBOARD-5b1d",
    "PRIVATE-MARKER-ROADMAP-3c2a",
    "PRIVATE-ESC-\"Q\"&<T>'s-42",
    "PRIVATE-UNICODE-Grüße-✓",
    "PRIVATE-MARKER-ASSET-a11e",
    "PRIVATE-MARKER-JSON-77aa",
    "PRIVATE-MARKER-JOURNAL-0c3f",
    "Speak at a conference",
];

/// Files of the encrypted fixture's private site that stay readable.
const PLAIN_FILES: &[&str] = &[
    "articles/dot.svg",
    "favicon.svg",
    "robots.txt",
    "style.css",
    "syntax.css",
];

fn build_with(site: &Site, passphrase: Option<&str>, extra: &[&str]) -> Output {
    build_into(
        site,
        passphrase,
        &site.public_dir(),
        &site.private_dir(),
        extra,
    )
}

fn build_into(
    site: &Site,
    passphrase: Option<&str>,
    public: &Path,
    private: &Path,
    extra: &[&str],
) -> Output {
    let mut cmd = site.build_command_into(public, private, extra);
    cmd.env_remove(ENV).env_remove("FOLIO_PRIVATE_PASSPHRASE");
    if let Some(p) = passphrase {
        cmd.env(ENV, p);
    }
    output_of(&mut cmd)
}

fn build(site: &Site) {
    build_with(site, Some(PASSPHRASE), &[]).assert_ok();
}

/// Every form a page could carry `marker` in: as is, HTML-escaped,
/// JSON-escaped, and base64 (standard and URL-safe, at each of the three
/// alignments the marker can start at within an encoded stream).
fn encodings(marker: &str) -> Vec<String> {
    let mut forms = vec![marker.to_string()];
    let html = marker
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    for dq in ["\"", "&quot;", "&#34;"] {
        for sq in ["'", "&#39;", "&#x27;", "&apos;"] {
            forms.push(html.replace('"', dq).replace('\'', sq));
        }
    }
    let json = serde_json::to_string(marker).unwrap();
    let json = &json[1..json.len() - 1];
    forms.push(json.to_string());
    forms.push(
        json.replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026"),
    );
    let ascii_json: String = marker
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                c.encode_utf16(&mut [0; 2])
                    .iter()
                    .map(|u| format!("\\u{u:04x}"))
                    .collect()
            }
        })
        .collect();
    forms.push(ascii_json);
    forms.extend(support::base64_forms(marker));
    forms.sort();
    forms.dedup();
    forms
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// The key of the site at `root`, from its salt file.
fn key_of(root: &Path) -> Key {
    let salt = salt::load(root).unwrap().expect("a salt file");
    Key::derive(PASSPHRASE, &salt)
}

/// The envelope a sealed file holds: a shell page's embedded one, or the
/// file itself.
fn envelope_of(bytes: &[u8]) -> Envelope {
    let text = std::str::from_utf8(bytes).unwrap();
    let json = match text.find("<script type=\"application/json\" id=\"folio-envelope\">") {
        Some(start) => {
            let rest = &text[start..];
            let open = rest.find('>').unwrap() + 1;
            &rest[open..rest.find("</script>").unwrap()]
        }
        None => text,
    };
    Envelope::from_json(json.as_bytes()).expect("an envelope")
}

/// Decrypts every sealed file of a private tree; plain files are kept.
fn decrypt_tree(tree: &BTreeMap<String, Vec<u8>>, key: &Key) -> BTreeMap<String, Vec<u8>> {
    tree.iter()
        .map(|(path, bytes)| {
            let plain = if PLAIN_FILES.contains(&path.as_str()) {
                bytes.clone()
            } else {
                key.open(&envelope_of(bytes))
                    .unwrap_or_else(|e| panic!("{path} does not decrypt: {e:?}"))
            };
            (path.clone(), plain)
        })
        .collect()
}

#[test]
fn no_private_text_survives_in_any_encoding() {
    let site = Site::copy("encrypted");
    build(&site);
    let private = read_tree(&site.private_dir());
    assert!(private.len() >= 12, "{:?}", private.keys());
    for (path, bytes) in &private {
        for marker in MARKERS {
            for form in encodings(marker) {
                assert!(
                    !contains(bytes, &form),
                    "private/{path} carries `{marker}` as `{form}`"
                );
            }
        }
    }
    // The markers are really there, inside the ciphertext.
    let plain = decrypt_tree(&private, &key_of(&site.root()));
    for marker in MARKERS {
        let found = plain
            .values()
            .any(|b| encodings(marker).iter().any(|form| contains(b, form)));
        assert!(found, "`{marker}` is in no decrypted file");
    }
}

#[test]
fn every_page_is_a_shell_and_every_private_file_an_envelope() {
    let site = Site::copy("encrypted");
    build(&site);
    let public = read_tree(&site.public_dir());
    for (path, bytes) in read_tree(&site.private_dir()) {
        let text = String::from_utf8(bytes.clone()).unwrap();
        if path.ends_with(".html") {
            assert!(
                text.contains("<title>Locked page · Encrypted Fixture</title>"),
                "{path}"
            );
            assert!(text.contains("id=\"folio-envelope\""), "{path}");
            assert!(text.contains("<noscript>"), "{path}");
        } else if PLAIN_FILES.contains(&path.as_str()) {
            if path != "robots.txt" {
                assert_eq!(public.get(&path), Some(&bytes), "{path} is the public file");
            }
        } else {
            let env = envelope_of(&bytes);
            assert_eq!(env.format, "folio-encrypted");
            assert_eq!(env.iterations, 600_000);
            assert!(text.ends_with("}\n"), "{path}");
        }
    }
    assert_eq!(
        site.read_private("robots.txt"),
        "User-agent: *\nDisallow: /\n"
    );
    let data = envelope_of(site.read_private("roadmaps/data.json").as_bytes());
    assert_eq!(data.content_type, "application/json");
}

#[test]
fn decrypted_pages_are_the_plain_build_with_private_files_inlined() {
    let site = Site::copy("encrypted");
    build(&site);
    let sealed = decrypt_tree(&read_tree(&site.private_dir()), &key_of(&site.root()));
    // The same site, unencrypted, into other folders.
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        &toml.replace("encrypt = true", "encrypt = false"),
    );
    let plain_dir = site.out_root().join("plain");
    let public_dir = site.out_root().join("plain-public");
    build_into(&site, None, &public_dir, &plain_dir, &[]).assert_ok();
    let plain = read_tree(&plain_dir);
    assert_eq!(
        sealed.keys().collect::<Vec<_>>(),
        plain.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &plain {
        if path == "roadmaps/plan/index.html" {
            continue;
        }
        assert!(sealed[path] == *bytes, "{path} differs once decrypted");
    }
    let plan = String::from_utf8(sealed["roadmaps/plan/index.html"].clone()).unwrap();
    let chart = STANDARD.encode(&plain["roadmaps/chart.svg"]);
    assert!(
        plan.contains(&format!("src=\"data:image/svg+xml;base64,{chart}\"")),
        "chart inlined"
    );
    assert!(plan.contains("href=\"../data.json\" data-folio-encrypted=\"application/json\""));
    let unmarked = plan
        .replace(
            &format!("data:image/svg+xml;base64,{chart}"),
            "../chart.svg",
        )
        .replace(" data-folio-encrypted=\"application/json\"", "");
    assert_eq!(unmarked.as_bytes(), &plain["roadmaps/plan/index.html"][..]);
}

#[test]
fn the_public_site_is_the_same_with_or_without_encryption() {
    let site = Site::copy("encrypted");
    build(&site);
    let encrypted = read_tree(&site.public_dir());
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        &toml.replace("encrypt = true", "encrypt = false"),
    );
    build_with(&site, None, &[]).assert_ok();
    assert!(encrypted == read_tree(&site.public_dir()));
}

#[test]
fn each_build_seals_with_fresh_nonces_under_the_same_key() {
    let site = Site::copy("encrypted");
    build(&site);
    let first = read_tree(&site.private_dir());
    let salt_before = std::fs::read(site.path("private.salt")).unwrap();
    build(&site);
    let second = read_tree(&site.private_dir());
    assert_eq!(
        std::fs::read(site.path("private.salt")).unwrap(),
        salt_before
    );
    for (path, bytes) in &first {
        if PLAIN_FILES.contains(&path.as_str()) {
            assert_eq!(&second[path], bytes, "{path}");
        } else {
            assert_ne!(&second[path], bytes, "{path} sealed again with a new nonce");
            assert_ne!(envelope_of(&second[path]).nonce, envelope_of(bytes).nonce);
        }
    }
    let key = key_of(&site.root());
    assert!(decrypt_tree(&first, &key) == decrypt_tree(&second, &key));
}

#[test]
fn the_basic_fixture_encrypted_leaks_none_of_its_markers() {
    let site = Site::copy("basic");
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        &format!("{toml}\n[private]\nencrypt = true\npassphrase_env = \"{ENV}\"\n"),
    );
    let out = build_with(&site, Some(PASSPHRASE), &["--drafts"]);
    out.assert_ok();
    assert!(out.stderr.contains("made a new salt"), "{}", out.stderr);
    let markers = [
        "PRIVATE-MARKER-ARTICLE-91c2",
        "PRIVATE-TITLE-2b8c",
        "PRIVATE-MARKER-ROADMAP-7f3a",
        "PRIVATE-TITLE-ROADMAP",
        "PRIVATE-MARKER-NOTE-44aa",
        "PRIVATE-MARKER-ASSET-c0de",
        "DRAFT-MARKER-5d1e",
        "secret-tag-x",
    ];
    let private = read_tree(&site.private_dir());
    assert!(private.contains_key("roadmaps/diagram.svg"));
    for (path, bytes) in &private {
        for marker in markers {
            for form in encodings(marker) {
                assert!(!contains(bytes, &form), "private/{path} carries `{form}`");
            }
        }
    }
}

#[test]
fn without_a_passphrase_the_build_fails_and_writes_nothing() {
    let site = Site::copy("encrypted");
    std::fs::remove_file(site.path("private.salt")).unwrap();
    let out = build_with(&site, None, &[]);
    out.assert_code(2);
    assert!(
        out.stderr.contains(
            "there is no passphrase: FOLIO_TEST_PASSPHRASE is not set and no terminal is attached"
        ),
        "{}",
        out.stderr
    );
    assert!(!site.private_dir().exists() && !site.public_dir().exists());
    assert!(
        !site.path("private.salt").exists(),
        "no salt from a failed build"
    );
    let out = build_with(&site, Some(""), &[]);
    out.assert_code(2);
    assert!(
        out.stderr
            .contains("FOLIO_TEST_PASSPHRASE is set but empty"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_short_passphrase_is_an_error_that_says_why() {
    let site = Site::copy("encrypted");
    let out = build_with(&site, Some("hunter2hunt"), &[]);
    out.assert_code(2);
    assert!(
        out.stderr.contains(
            "the passphrase in FOLIO_TEST_PASSPHRASE is 11 characters long; it must have at least 12"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("only as strong as the passphrase"));
    assert!(!site.private_dir().exists());
}

#[test]
fn a_missing_salt_is_made_once_and_kept() {
    let site = Site::copy("encrypted");
    std::fs::remove_file(site.path("private.salt")).unwrap();
    let out = build_with(&site, Some(PASSPHRASE), &[]);
    out.assert_ok();
    assert!(
        out.stderr.contains(
            "private.salt: warning: made a new salt for the private site's encryption key"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("commit private.salt with site.toml"));
    assert!(
        out.stdout
            .starts_with("built 4 public and 7 private pages (encrypted) in "),
        "{}",
        out.stdout
    );
    let salt = std::fs::read(site.path("private.salt")).unwrap();
    let out = build_with(&site, Some(PASSPHRASE), &[]);
    out.assert_ok();
    assert!(!out.stderr.contains("new salt"), "{}", out.stderr);
    assert_eq!(std::fs::read(site.path("private.salt")).unwrap(), salt);
    // The pages are sealed under that salt.
    let home = read_tree(&site.private_dir())["index.html"].clone();
    assert!(key_of(&site.root()).open(&envelope_of(&home)).is_ok());
}

#[test]
fn a_damaged_salt_file_is_an_error_at_its_line() {
    let site = Site::copy("encrypted");
    site.write("private.salt", "# salt\nnot base64!\n");
    let out = build_with(&site, Some(PASSPHRASE), &[]);
    out.assert_code(1);
    assert!(
        out.stderr
            .contains("private.salt:2:1: error: the salt is not valid base64"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("delete it to make a new one"));
}

#[test]
fn an_unknown_key_in_private_is_an_error() {
    let site = Site::copy("encrypted");
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", &format!("{toml}encyrpt = true\n"));
    let out = build_with(&site, Some(PASSPHRASE), &[]);
    out.assert_code(1);
    assert!(
        out.stderr
            .contains("site.toml:11:1: error: unknown key `encyrpt` in [private]"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("did you mean `encrypt`?"));
}

/// `folio watch` on `site` with the passphrase set.
fn watch(site: &Site) -> Running {
    let (root, public, private) = (
        site.root_string(),
        site.public_dir().to_string_lossy().into_owned(),
        site.private_dir().to_string_lossy().into_owned(),
    );
    let mut cmd = folio(&[
        "watch",
        "--root",
        &root,
        "--out",
        &public,
        "--private-out",
        &private,
    ]);
    cmd.env(ENV, PASSPHRASE);
    Running::spawn(cmd)
}

#[test]
fn watch_writes_the_sealed_site_and_reseals_only_what_changed() {
    let site = Site::copy("encrypted");
    let mut watch = watch(&site);
    watch.wait_for("rebuilt (startup)");
    let key = key_of(&site.root());
    let before = read_tree(&site.private_dir());
    assert!(
        !before
            .values()
            .any(|b| contains(b, "PRIVATE-MARKER-JOURNAL-0c3f"))
    );

    site.write(
        "content/notes/journal.md",
        "---\ntitle: Journal\nvisibility: private\n---\nPRIVATE-MARKER-EDITED-1d9b, rewritten.\n",
    );
    watch.wait_for("rebuilt (content/notes/journal.md)");
    let after = read_tree(&site.private_dir());
    assert!(
        !after
            .values()
            .any(|b| contains(b, "PRIVATE-MARKER-EDITED-1d9b"))
    );

    // A file's bytes changed exactly when its plaintext did.
    let (plain_before, plain_after) = (decrypt_tree(&before, &key), decrypt_tree(&after, &key));
    for (path, bytes) in &after {
        let same_plain = plain_before.get(path) == plain_after.get(path);
        assert_eq!(before.get(path) == Some(bytes), same_plain, "{path}");
    }
    assert_ne!(
        before["notes/journal/index.html"],
        after["notes/journal/index.html"]
    );
    assert_eq!(
        before["roadmaps/plan/index.html"],
        after["roadmaps/plan/index.html"]
    );
    assert!(contains(
        &plain_after["notes/journal/index.html"],
        "PRIVATE-MARKER-EDITED-1d9b"
    ));

    // Decrypted, the watched output is what a clean build gives.
    drop(watch);
    let clean = Site::copy("encrypted");
    clean.write(
        "content/notes/journal.md",
        "---\ntitle: Journal\nvisibility: private\n---\nPRIVATE-MARKER-EDITED-1d9b, rewritten.\n",
    );
    build(&clean);
    let clean_plain = decrypt_tree(&read_tree(&clean.private_dir()), &key_of(&clean.root()));
    assert!(
        clean_plain == plain_after,
        "watch and build disagree once decrypted"
    );
}
