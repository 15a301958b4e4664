//! Syntax highlighting with syntect, as CSS classes (`hl-…`), so light and
//! dark colours come from one generated stylesheet.
//!
//! The syntax set is loaded once, from syntect's binary dump, the first time
//! a code block needs it; the theme set only when the stylesheet is made for
//! a site that has code. A block already highlighted by an earlier render
//! of the same file is reused by the markdown renderer
//! ([`crate::markdown::Reuse`]), not here.
//!
//! Each scheme's rules sit in their own `@media (prefers-color-scheme: …)`
//! block, so no rule of the light theme applies in the dark scheme (or the
//! reverse), and each theme paints code blocks with its own background,
//! against which [`contrast`] makes every token colour readable.

mod contrast;

mod memo;
mod spans;

use std::sync::{Mutex, OnceLock};

use syntect::highlighting::{Color, Theme, ThemeSet};
use syntect::html::{ClassStyle, css_for_theme_with_class_style};
use syntect::parsing::{ParseState, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The class prefix of every scope's atoms (`hl-keyword hl-control`).
const PREFIX: &str = "hl-";
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: PREFIX };

/// The two schemes' media queries; they never match together. Paper gets
/// the light theme whatever the screen's scheme.
const LIGHT: &str = "@media print, (prefers-color-scheme: light)";
const DARK: &str = "@media screen and (prefers-color-scheme: dark)";
/// A scheme chosen with the theme's toggle (`data-scheme` on `<html>`)
/// wins over the system's: the system's rules are scoped to pages where
/// no other scheme was chosen, the chosen one's to pages that chose it.
const NOT_CHOSEN_DARK: &str = ":root:not([data-scheme=\"dark\"])";
const NOT_CHOSEN_LIGHT: &str = ":root:not([data-scheme=\"light\"])";
const CHOSEN_LIGHT: &str = ":root[data-scheme=\"light\"]";
const CHOSEN_DARK: &str = ":root[data-scheme=\"dark\"]";

/// Languages that mean "no highlighting, and that is fine".
const PLAIN: &[&str] = &[
    "",
    "text",
    "txt",
    "plain",
    "plaintext",
    "none",
    "console",
    "output",
];

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The outcome of highlighting one block.
pub enum Highlighted {
    /// Inner HTML of the `<code>` element, with `hl-` classes.
    Html(String),
    /// The language is unknown: the caller shows plain escaped code and warns.
    UnknownLanguage,
    /// Plain text on purpose (no language, or `text`).
    Plain,
}

/// Frees the memo of parsed lines: a build calls it once every body is
/// rendered (a watched site keeps it).
pub fn forget_lines() {
    memo::clear();
}

pub fn highlight(code: &str, lang: &str) -> Highlighted {
    let lang = lang.trim();
    if PLAIN.contains(&lang.to_ascii_lowercase().as_str()) {
        return Highlighted::Plain;
    }
    let set = syntaxes();
    let Some(syntax) = set
        .find_syntax_by_token(lang)
        .or_else(|| set.find_syntax_by_token(&lang.to_ascii_lowercase()))
    else {
        return Highlighted::UnknownLanguage;
    };
    // What syntect's `ClassedHTMLGenerator` does, with each line's parse
    // taken from the memo when the same line was parsed before in the same
    // state ([`memo`]), and no needless span ([`spans`]).
    let mut state = ParseState::new(syntax);
    let mut html = spans::Writer::new(code.len() * 3);
    for line in LinesWithEndings::from(code) {
        let Ok(ops) = memo::parse_line(syntax, set, &mut state, line) else {
            return Highlighted::UnknownLanguage;
        };
        if html.line(line, &ops).is_none() {
            return Highlighted::UnknownLanguage;
        }
    }
    Highlighted::Html(html.finish())
}

/// The stylesheet for the `hl-` classes: `light` under
/// `prefers-color-scheme: light` and on paper, `dark` on a screen under
/// `prefers-color-scheme: dark`, each with code blocks (`pre.code`) in its
/// own colours. Errors name an unknown theme and list the
/// known ones.
pub fn stylesheet(light: &str, dark: &str) -> Result<String, String> {
    // Made once per pair of themes in a process (a watched site rebuilds often).
    static MADE: Mutex<Vec<((String, String), String)>> = Mutex::new(Vec::new());
    let key = (light.to_string(), dark.to_string());
    let mut made = MADE.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, css)) = made.iter().find(|(k, _)| *k == key) {
        return Ok(css.clone());
    }
    let css = make_stylesheet(light, dark)?;
    made.push((key, css.clone()));
    Ok(css)
}

fn make_stylesheet(light: &str, dark: &str) -> Result<String, String> {
    let themes = ThemeSet::load_defaults();
    let css_of = |name: &str| {
        let theme = themes.themes.get(name).ok_or_else(|| {
            let known: Vec<&str> = themes.themes.keys().map(String::as_str).collect();
            format!(
                "unknown highlight theme `{name}`; known themes: {}",
                known.join(", ")
            )
        })?;
        scheme_css(&contrast::readable(theme))
    };
    let light_css = css_of(light)?;
    let dark_css = css_of(dark)?;
    Ok(format!(
        "/* Code highlighting: {light} (light), {dark} (dark). Generated by folio;\n   token colours are adjusted to at least {}:1 against the code background.\n   A scheme chosen with the toggle (data-scheme on <html>) wins over the\n   system's; paper is always light. */\n{LIGHT} {{\n{}}}\n{DARK} {{\n{}}}\n@media screen {{\n{}}}\n@media screen {{\n{}}}\n@media print {{\n{light_css}}}\n",
        contrast::MIN_RATIO,
        scoped(&light_css, NOT_CHOSEN_DARK),
        scoped(&dark_css, NOT_CHOSEN_LIGHT),
        scoped(&light_css, CHOSEN_LIGHT),
        scoped(&dark_css, CHOSEN_DARK),
    ))
}

/// `css` with `scope` put before every selector of every rule (a line
/// ending in `{` starts a rule in syntect's output and in [`scheme_css`]).
fn scoped(css: &str, scope: &str) -> String {
    let mut out = String::with_capacity(css.len() * 2);
    for line in css.lines() {
        match line.strip_suffix('{') {
            Some(selectors) if !line.trim_start().starts_with("/*") => {
                let list: Vec<String> = selectors
                    .split(',')
                    .map(|s| format!("{scope} {}", s.trim()))
                    .collect();
                out.push_str(&list.join(", "));
                out.push_str(" {");
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// One scheme's rules: code blocks in the theme's colours, then its tokens.
fn scheme_css(theme: &Theme) -> Result<String, String> {
    let hex = |c: Option<Color>| c.map(|c| format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b));
    let mut css = String::new();
    if let (Some(fg), Some(bg)) = (
        hex(theme.settings.foreground),
        hex(theme.settings.background),
    ) {
        css.push_str(&format!(
            "pre.code {{\n color: {fg};\n background-color: {bg};\n}}\n"
        ));
    }
    css.push_str(&css_for_theme_with_class_style(theme, STYLE).map_err(|e| e.to_string())?);
    Ok(css)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes() {
        let Highlighted::Html(html) = highlight("fn main() {}\n", "rust") else {
            panic!("rust should highlight")
        };
        assert!(html.contains("class=\"hl-"), "{html}");
    }

    #[test]
    fn unknown_and_plain_languages_are_told_apart() {
        assert!(matches!(
            highlight("x", "klingon"),
            Highlighted::UnknownLanguage
        ));
        assert!(matches!(highlight("x", "text"), Highlighted::Plain));
    }

    #[test]
    fn stylesheet_has_both_schemes_and_names_unknown_themes() {
        let css = stylesheet("InspiredGitHub", "base16-ocean.dark").unwrap();
        assert!(css.contains(".hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
        let err = stylesheet("Nope", "base16-ocean.dark").unwrap_err();
        assert!(err.contains("Nope") && err.contains("InspiredGitHub"));
    }

    /// Issue 18: light rules (`.hl-variable.hl-parameter { color: #323232 }`)
    /// stayed in force inside the dark block. Each scheme's block now stands
    /// alone: nothing outside the two `@media` blocks styles a token.
    #[test]
    fn every_rule_belongs_to_one_scheme() {
        let css = stylesheet("InspiredGitHub", "base16-ocean.dark").unwrap();
        let light = css.find(LIGHT).unwrap();
        let dark = css.find(DARK).unwrap();
        assert!(!css[..light].contains('{'), "a rule outside both schemes");
        assert!(light < dark);
        assert!(css[light..dark].contains("#323232"));
        let chosen_light = css.find(CHOSEN_LIGHT).unwrap();
        let chosen_dark = css.find(CHOSEN_DARK).unwrap();
        let paper = css.find("@media print {").unwrap();
        assert!(dark < chosen_light && chosen_light < chosen_dark && chosen_dark < paper);
        assert!(!css[dark..chosen_light].contains("#323232"), "system dark");
        assert!(!css[chosen_dark..paper].contains("#323232"), "chosen dark");
        assert!(css[chosen_light..chosen_dark].contains("#323232"));
    }

    /// Issue 18, the scheme toggle: each scheme's rules apply where the
    /// system asks for it and no other scheme was chosen, or where it was
    /// chosen; every selector of a rule gets the scope.
    #[test]
    fn a_chosen_scheme_scopes_every_selector() {
        let css = stylesheet("InspiredGitHub", "base16-ocean.dark").unwrap();
        let dark = &css[css.find(DARK).unwrap()..];
        assert!(
            dark.contains(":root:not([data-scheme=\"light\"]) .hl-keyword {"),
            "{dark}"
        );
        assert!(css.contains(":root[data-scheme=\"dark\"] pre.code {"));
        let rule = scoped(".a, .b .c {\n color: red;\n}\n/* x {\n", ":root[x]");
        assert_eq!(
            rule,
            ":root[x] .a, :root[x] .b .c {\n color: red;\n}\n/* x {\n"
        );
    }

    /// Every bundled theme, in either slot: each colour given to text is at
    /// least 4.5:1 against the background it is drawn on.
    #[test]
    fn every_bundled_theme_reads_at_wcag_aa() {
        let themes = ThemeSet::load_defaults();
        assert!(themes.themes.len() >= 7);
        for (name, theme) in &themes.themes {
            let fixed = contrast::readable(theme);
            let bg = fixed.settings.background.unwrap();
            let fg = fixed.settings.foreground.unwrap();
            assert!(
                contrast::ratio(fg, bg) >= contrast::MIN_RATIO,
                "{name}: text"
            );
            for item in &fixed.scopes {
                let under = item.style.background.unwrap_or(bg);
                let colour = item.style.foreground.unwrap_or(fg);
                let r = contrast::ratio(colour, under);
                assert!(
                    r >= contrast::MIN_RATIO,
                    "{name}: {:?} at {r:.2}:1",
                    item.scope
                );
            }
        }
    }

    /// base16-ocean.dark marks `invalid` tokens with a red background: that
    /// must not bleach the theme's other colours (its keywords stay purple).
    #[test]
    fn a_strong_token_background_leaves_other_colours_alone() {
        let css = stylesheet("InspiredGitHub", "base16-ocean.dark").unwrap();
        let dark = &css[css.find(DARK).unwrap()..];
        assert!(dark.contains(".hl-keyword {\n color: #b48ead;"), "{dark}");
    }
}
