//! The shell page that replaces each private HTML page: a passphrase form,
//! the page's [`Envelope`] as JSON data, and one inline script
//! (`shell.js`) that decrypts it with the browser's Web Crypto API. No other
//! file is loaded, so a shell works on any static host and from any folder.
//!
//! A shell says which site it belongs to (the site's title is public
//! anyway) and nothing about the page it holds.

use super::cipher::Envelope;
use crate::markdown::escape;

const SCRIPT: &str = include_str!("shell.js");

/// Styles of the shell only; the decrypted page brings its own.
const STYLE: &str = "\
:root{color-scheme:light dark;font-family:system-ui,sans-serif;line-height:1.5}
body{margin:0;padding:2rem 1rem}
main{max-width:28rem;margin:10vh auto}
h1{font-size:1.5rem;margin:0 0 .5rem}
input[type=password]{box-sizing:border-box;width:100%;font:inherit;padding:.5rem;margin-top:.25rem}
button{font:inherit;padding:.4rem 1.2rem}
.folio-error{font-weight:600;color:#a4001d}
@media (prefers-color-scheme:dark){.folio-error{color:#ff9e9e}}
";

/// What every shell of a site says about the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ShellInfo {
    pub site_title: String,
    pub language: String,
}

/// The shell page holding `envelope`.
pub fn page(info: &ShellInfo, envelope: &Envelope) -> String {
    let title = escape(&info.site_title);
    let lang = escape(&info.language);
    let json = envelope.to_json();
    format!(
        r#"<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>Locked page · {title}</title>
<style>
{STYLE}</style>
</head>
<body>
<main>
<h1>Locked page</h1>
<p>This page of {title}’s private site is encrypted. It opens with the site’s passphrase.</p>
<noscript><p><strong>This page cannot be shown without JavaScript.</strong> It is decrypted in your browser, from the passphrase, by a small script on this page; nothing is sent anywhere. Turn JavaScript on for this site, then reload.</p></noscript>
<form id="folio-unlock" hidden>
<p><label for="folio-passphrase">Passphrase</label><br>
<input id="folio-passphrase" type="password" autocomplete="current-password" spellcheck="false"></p>
<p><input id="folio-remember" type="checkbox"> <label for="folio-remember">Remember me on this device</label></p>
<p><button id="folio-submit" type="submit">Unlock</button></p>
</form>
<p id="folio-status" role="status"></p>
<p id="folio-error" class="folio-error" role="alert" hidden></p>
</main>
<script type="application/json" id="folio-envelope">{json}</script>
<script>
{SCRIPT}</script>
</body>
</html>
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypt::cipher::Key;

    fn shell() -> String {
        let key = Key::derive_with("correct horse battery staple", b"0123456789abcdef", 1_000);
        let envelope = key
            .seal(b"<p>secret</p>", "text/html; charset=utf-8")
            .unwrap();
        let info = ShellInfo {
            site_title: "Ada <Example> & Co".into(),
            language: "en".into(),
        };
        page(&info, &envelope)
    }

    #[test]
    fn the_script_cannot_end_its_element_early() {
        assert!(!SCRIPT.to_ascii_lowercase().contains("</script"));
        assert!(!SCRIPT.contains("<!--"));
    }

    #[test]
    fn the_site_title_is_escaped_and_the_envelope_embedded() {
        let html = shell();
        assert!(html.contains("<title>Locked page · Ada &lt;Example&gt; &amp; Co</title>"));
        assert!(html.contains(
            r#"<script type="application/json" id="folio-envelope">{"format":"folio-encrypted","#
        ));
        assert!(!html.contains("secret"));
    }

    #[test]
    fn the_passphrase_field_is_never_submitted_with_the_form() {
        // Fields without a `name` are not part of a form submission, so even
        // a native submit could not put the passphrase into a URL.
        let html = shell();
        let form = &html[html.find("<form").unwrap()..html.find("</form>").unwrap()];
        assert!(!form.contains(" name="), "{form}");
        assert!(!form.contains("action="));
    }

    #[test]
    fn the_shell_loads_nothing_from_anywhere() {
        let html = shell();
        for needle in ["src=", "href=", "http://", "https://", "@import", "url("] {
            assert!(!html.contains(needle), "{needle}");
        }
    }
}
