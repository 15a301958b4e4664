//! Syntax highlighting with syntect, as CSS classes (`hl-…`), so light and
//! dark colours come from one generated stylesheet.
//!
//! The syntax set is loaded once, from syntect's binary dump, the first time
//! a code block needs it; the theme set only when the stylesheet is made for
//! a site that has code. Highlighted blocks are memoized by a hash of their
//! language and text ([`memo`]), which the persisted build cache
//! ([`crate::build_cache`]) saves between builds.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, MutexGuard, OnceLock};

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

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

pub fn highlight(code: &str, lang: &str) -> Highlighted {
    let lang = lang.trim();
    if PLAIN.contains(&lang.to_ascii_lowercase().as_str()) {
        return Highlighted::Plain;
    }
    let key = crate::cache::hash_of(&(lang, code));
    if let Some(html) = memo::get(key) {
        return Highlighted::Html(html.to_string());
    }
    let set = syntaxes();
    let Some(syntax) = set
        .find_syntax_by_token(lang)
        .or_else(|| set.find_syntax_by_token(&lang.to_ascii_lowercase()))
    else {
        return Highlighted::UnknownLanguage;
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return Highlighted::UnknownLanguage;
        }
    }
    let html = generator.finalize();
    memo::put(key, &html);
    Highlighted::Html(html)
}

/// Highlighted blocks by a hash of (language, code). The memo lives as long
/// as the process (a watched site reuses it on every rebuild); entries not
/// used since the last [`memo::take`] are dropped then, so it never grows
/// past the blocks of one build.
pub mod memo {
    use super::*;

    /// Reads the blocks an earlier process highlighted.
    pub type Loader = Box<dyn FnOnce() -> Vec<(u64, String)> + Send>;

    #[derive(Default)]
    struct Memo {
        blocks: HashMap<u64, (Arc<str>, bool)>,
        /// A block was added since the last take.
        added: bool,
        /// Blocks of an earlier process, read at the first lookup that needs
        /// them (a build whose bodies all come from the cache never does).
        pending: Option<Loader>,
    }

    impl Memo {
        fn load_pending(&mut self) {
            if let Some(loader) = self.pending.take() {
                for (key, html) in loader() {
                    self.blocks.entry(key).or_insert((Arc::from(html), false));
                }
            }
        }
    }

    static MEMO: LazyLock<Mutex<Memo>> = LazyLock::new(Mutex::default);

    thread_local! {
        /// The blocks looked up on this thread inside [`recording`].
        static RECORDED: std::cell::RefCell<Option<Vec<u64>>> = const { std::cell::RefCell::new(None) };
    }

    /// Runs `f` (which renders one body, on this thread) and gives the keys
    /// of the blocks it highlighted, so a stored body can keep its blocks.
    pub fn recording<T>(f: impl FnOnce() -> T) -> (T, Vec<u64>) {
        let outer = RECORDED.with(|r| r.borrow_mut().replace(Vec::new()));
        let value = f();
        let keys = RECORDED.with(|r| std::mem::replace(&mut *r.borrow_mut(), outer));
        (value, keys.unwrap_or_default())
    }

    fn record(key: u64) {
        RECORDED.with(|r| {
            if let Some(keys) = r.borrow_mut().as_mut() {
                keys.push(key);
            }
        });
    }

    fn lock() -> MutexGuard<'static, Memo> {
        MEMO.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn get(key: u64) -> Option<Arc<str>> {
        record(key);
        let mut memo = lock();
        memo.load_pending();
        let (html, used) = memo.blocks.get_mut(&key)?;
        *used = true;
        Some(Arc::clone(html))
    }

    pub(super) fn put(key: u64, html: &str) {
        record(key);
        let mut memo = lock();
        memo.blocks.insert(key, (Arc::from(html), true));
        memo.added = true;
    }

    /// Adds the blocks highlighted by an earlier process, read by `loader`
    /// when a block is first looked up.
    pub fn load_later(loader: Loader) {
        lock().pending = Some(loader);
    }

    /// The blocks used since the last call or named in `keep`, sorted by
    /// key, and whether that set differs from what was there before (a
    /// block added or dropped). Other blocks are forgotten.
    pub fn take(keep: &std::collections::HashSet<u64>) -> (Vec<(u64, Arc<str>)>, bool) {
        let mut memo = lock();
        let before = memo.blocks.len();
        memo.blocks
            .retain(|key, (_, used)| *used || keep.contains(key));
        let changed = memo.added || memo.blocks.len() != before;
        memo.added = false;
        let mut used: Vec<(u64, Arc<str>)> = memo
            .blocks
            .iter_mut()
            .map(|(k, (html, used))| {
                *used = false;
                (*k, Arc::clone(html))
            })
            .collect();
        used.sort_by_key(|(k, _)| *k);
        (used, changed)
    }
}

/// The stylesheet for the `hl-` classes: `light` by default, `dark` under
/// `prefers-color-scheme: dark`. Errors name an unknown theme and list the
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
        css_for_theme_with_class_style(theme, STYLE).map_err(|e| e.to_string())
    };
    let light_css = css_of(light)?;
    let dark_css = css_of(dark)?;
    Ok(format!(
        "/* Code highlighting: {light} (light), {dark} (dark). Generated by folio. */\n{light_css}\n@media (prefers-color-scheme: dark) {{\n{dark_css}}}\n"
    ))
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
}
