//! The `theme` setting of `site.toml`: a theme's name (`theme = "name"`)
//! or a `[theme]` table with `name`, the accent colour `accent` and,
//! optionally, `accent_dark` for the dark scheme.
//!
//! The accent colours links, focus rings and the active navigation item, so
//! it is text: each colour is checked here, when the config is read,
//! against the default theme's page backgrounds of its scheme (WCAG AA,
//! 4.5:1). A failing pair is a warning naming both colours and the ratio,
//! with a colour of the same hue that passes; a colour that is not
//! `#rgb`/`#rrggbb` is an error at its line.

use std::path::Path;

use crate::diagnostic::{Diagnostic, closest};

const TABLE: &str = "theme";
const KNOWN_KEYS: &[&str] = &["name", "accent", "accent_dark"];

/// WCAG AA for normal text.
pub const MIN_RATIO: f64 = 4.5;

/// The default theme's page and surface backgrounds (style.css `--bg`,
/// `--surface`), per scheme: the accent is read on both.
pub const LIGHT_BACKGROUNDS: [(&str, [u8; 3]); 2] = [
    ("#ffffff", [0xff, 0xff, 0xff]),
    ("#f4f5f7", [0xf4, 0xf5, 0xf7]),
];
pub const DARK_BACKGROUNDS: [(&str, [u8; 3]); 2] = [
    ("#14161a", [0x14, 0x16, 0x1a]),
    ("#1d2026", [0x1d, 0x20, 0x26]),
];

/// The accent as the pages use it: `#rrggbb` for each scheme, and the
/// colour of text on an accent background.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Accent {
    pub light: String,
    pub dark: String,
    pub on_light: String,
    pub on_dark: String,
}

/// `theme` as validated.
#[derive(Debug, Clone, Default)]
pub struct ThemeSettings {
    pub name: Option<String>,
    pub accent: Option<Accent>,
    /// Contrast warnings for the accent colours.
    pub warnings: Vec<Diagnostic>,
}

impl ThemeSettings {
    /// Reads `theme` (absent: the defaults). Every problem is reported,
    /// each at its key's line in `text`.
    pub fn from_value(
        value: Option<&toml::Value>,
        text: &str,
        file: &Path,
    ) -> Result<ThemeSettings, Vec<Diagnostic>> {
        let mut settings = ThemeSettings::default();
        let table = match value {
            None => return Ok(settings),
            Some(toml::Value::String(name)) => {
                settings.name = Some(name.clone());
                return Ok(settings);
            }
            Some(toml::Value::Table(t)) => t,
            Some(other) => {
                let (line, col) = key_position(text, None);
                return Err(vec![
                    Diagnostic::error(
                        "config",
                        file,
                        format!(
                            "`theme` must be a name or a table, not {}",
                            other.type_str()
                        ),
                    )
                    .at_in(text, line, col)
                    .hint("write theme = \"name\", or a [theme] section with accent = \"#0b57b0\""),
                ]);
            }
        };
        let mut problems = Vec::new();
        let mut colours: [Option<([u8; 3], usize, usize)>; 2] = [None, None];
        for (key, value) in table {
            let (line, col) = key_position(text, Some(key));
            let error = |message: String, hint: &str| {
                Diagnostic::error("config", file, message)
                    .at_in(text, line, col)
                    .hint(hint)
            };
            match key.as_str() {
                "name" => match value.as_str() {
                    Some(name) => settings.name = Some(name.to_string()),
                    None => problems.push(error(
                        format!("`theme.name` must be a string, not {}", value.type_str()),
                        "write name = \"my-theme\" (a folder in themes/)",
                    )),
                },
                "accent" | "accent_dark" => {
                    let slot = usize::from(key == "accent_dark");
                    match value.as_str().map(|s| (s, parse_hex(s))) {
                        Some((_, Some(rgb))) => colours[slot] = Some((rgb, line, col)),
                        Some((s, None)) => problems.push(error(
                            format!("`theme.{key}` = {s:?} is not a colour"),
                            "write a hex colour with 3 or 6 digits, e.g. accent = \"#0b57b0\"",
                        )),
                        None => problems.push(error(
                            format!("`theme.{key}` must be a string, not {}", value.type_str()),
                            "write a quoted hex colour, e.g. accent = \"#0b57b0\"",
                        )),
                    }
                }
                other => {
                    let hint = match closest(other, KNOWN_KEYS.iter().copied()) {
                        Some(k) => format!("did you mean `{k}`?"),
                        None => format!("known keys in [theme]: {}", KNOWN_KEYS.join(", ")),
                    };
                    problems.push(error(format!("unknown key `{other}` in [theme]"), &hint));
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        if let [Some(light), dark] = colours {
            let dark = dark.unwrap_or(light);
            let mut warn = |(rgb, line, col): ([u8; 3], usize, usize), scheme: &str, key: &str| {
                let backgrounds = if scheme == "light" {
                    &LIGHT_BACKGROUNDS
                } else {
                    &DARK_BACKGROUNDS
                };
                if let Some(w) = check(rgb, scheme, key, backgrounds) {
                    settings.warnings.push(
                        Diagnostic::warning("config", file, w)
                            .at_in(text, line, col)
                            .hint(hint_for(rgb, scheme, key, backgrounds)),
                    );
                }
            };
            warn(light, "light", "accent");
            let dark_key = if colours[1].is_some() {
                "accent_dark"
            } else {
                "accent"
            };
            warn(dark, "dark", dark_key);
            settings.accent = Some(Accent {
                light: hex(light.0),
                dark: hex(dark.0),
                on_light: on(light.0),
                on_dark: on(dark.0),
            });
        } else if colours[1].is_some() {
            let (line, col) = key_position(text, Some("accent_dark"));
            return Err(vec![
                Diagnostic::error("config", file, "`theme.accent_dark` without `theme.accent`")
                    .at_in(text, line, col)
                    .hint("set accent = \"#…\" for the light scheme too"),
            ]);
        }
        Ok(settings)
    }
}

/// `#rgb` or `#rrggbb`.
pub fn parse_hex(s: &str) -> Option<[u8; 3]> {
    let digits = s.trim().strip_prefix('#')?;
    if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let nibble = |i: usize| u8::from_str_radix(&digits[i..=i], 16).ok();
    match digits.len() {
        3 => Some([nibble(0)? * 17, nibble(1)? * 17, nibble(2)? * 17]),
        6 => {
            let byte = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok();
            Some([byte(0)?, byte(2)?, byte(4)?])
        }
        _ => None,
    }
}

pub fn hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

fn luminance(c: [u8; 3]) -> f64 {
    let channel = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])
}

/// The WCAG 2 contrast ratio of two colours, 1 to 21.
pub fn ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// Text on an accent background: white or the dark page colour, whichever
/// reads better.
fn on(accent: [u8; 3]) -> String {
    let dark = DARK_BACKGROUNDS[0].1;
    if ratio(accent, [0xff; 3]) >= ratio(accent, dark) {
        "#ffffff".into()
    } else {
        hex(dark)
    }
}

/// The warning for `rgb` on the worst of `backgrounds`, if it fails.
fn check(rgb: [u8; 3], scheme: &str, key: &str, backgrounds: &[(&str, [u8; 3])]) -> Option<String> {
    let (name, r) = backgrounds
        .iter()
        .map(|(name, bg)| (name, ratio(rgb, *bg)))
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    (r < MIN_RATIO).then(|| {
        format!(
            "accent {} on the {scheme} background {name} reads at {:.2}:1, below {MIN_RATIO}:1 for text (`theme.{key}`)",
            hex(rgb),
            floor2(r)
        )
    })
}

/// Ratios are shown rounded down, so a shown 4.50 really passes.
fn floor2(r: f64) -> f64 {
    (r * 100.0).floor() / 100.0
}

fn hint_for(rgb: [u8; 3], scheme: &str, key: &str, backgrounds: &[(&str, [u8; 3])]) -> String {
    let fixed = passing(rgb, backgrounds);
    let worst = backgrounds
        .iter()
        .map(|(_, bg)| ratio(fixed, *bg))
        .fold(f64::INFINITY, f64::min);
    let set = if scheme == "dark" && key == "accent" {
        "accent_dark"
    } else {
        key
    };
    format!(
        "{} keeps the hue and reads at {:.2}:1; set {set} = \"{}\" in [theme]",
        hex(fixed),
        floor2(worst),
        hex(fixed)
    )
}

/// `rgb` mixed toward black (on light backgrounds) or white (on dark ones)
/// just enough to read at [`MIN_RATIO`] on every background.
pub fn passing(rgb: [u8; 3], backgrounds: &[(&str, [u8; 3])]) -> [u8; 3] {
    let worst = |c: [u8; 3]| {
        backgrounds
            .iter()
            .map(|(_, bg)| ratio(c, *bg))
            .fold(f64::INFINITY, f64::min)
    };
    let bg = backgrounds.first().map_or([0xff; 3], |b| b.1);
    let toward: u8 = if luminance(bg) > 0.5 { 0 } else { 0xff };
    let mut out = rgb;
    for step in 0..=100u32 {
        let t = f64::from(step) / 100.0;
        let mix = |v: u8| (f64::from(v) * (1.0 - t) + f64::from(toward) * t).round() as u8;
        out = [mix(rgb[0]), mix(rgb[1]), mix(rgb[2])];
        if worst(out) >= MIN_RATIO {
            break;
        }
    }
    out
}

/// Where `key` of the `[theme]` table is written (see
/// [`super::table_key_position`]).
fn key_position(text: &str, key: Option<&str>) -> (usize, usize) {
    super::table_key_position(text, TABLE, key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::testing::parse;
    use crate::error::Error;

    #[test]
    fn a_name_alone_still_names_the_theme() {
        let c = parse("theme = \"mine\"\n").unwrap();
        assert_eq!(c.theme.as_deref(), Some("mine"));
        assert_eq!(c.accent, None);
        let c = parse("[theme]\nname = \"mine\"\naccent = \"#0b57b0\"\n").unwrap();
        assert_eq!(c.theme.as_deref(), Some("mine"));
        assert_eq!(c.accent.map(|a| a.light).as_deref(), Some("#0b57b0"));
    }

    #[test]
    fn an_invalid_colour_is_an_error_at_its_line() {
        let Err(Error::Content(d)) = parse("[theme]\naccent = \"blue\"\n") else {
            panic!("expected an error");
        };
        assert_eq!((d[0].line, d[0].col), (4, 1));
        assert!(
            d[0].message.contains("\"blue\" is not a colour"),
            "{}",
            d[0].message
        );
        assert!(d[0].is_error());
    }

    #[test]
    fn a_failing_accent_warns_with_the_pair_the_ratio_and_a_passing_colour() {
        // Light grey-blue: fails on white, passes on the dark background.
        let c = parse("[theme]\naccent = \"#7fb3ff\"\n").unwrap();
        let w = &c.theme_warnings;
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!((w[0].line, w[0].col), (4, 1));
        assert!(
            w[0].message
                .contains("#7fb3ff on the light background #f4f5f7 reads at 1.96:1"),
            "{}",
            w[0].message
        );
        let hint = w[0].hint.clone().unwrap_or_default();
        let suggested = hint.split('"').nth(1).and_then(parse_hex).unwrap();
        for (_, bg) in LIGHT_BACKGROUNDS {
            assert!(ratio(suggested, bg) >= MIN_RATIO, "{hint}");
        }
    }

    #[test]
    fn one_dark_accent_warns_for_the_dark_scheme_and_names_accent_dark() {
        let c = parse("[theme]\naccent = \"#0b57b0\"\n").unwrap();
        let w = &c.theme_warnings;
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].message
                .contains("on the dark background #1d2026 reads at 2.33:1"),
            "{}",
            w[0].message
        );
        assert!(
            w[0].hint
                .as_deref()
                .unwrap_or_default()
                .contains("set accent_dark = \"#")
        );
        let c = parse("[theme]\naccent = \"#0b57b0\"\naccent_dark = \"#7fb3ff\"\n").unwrap();
        assert!(c.theme_warnings.is_empty(), "{:?}", c.theme_warnings);
        let a = c.accent.unwrap();
        assert_eq!((a.light.as_str(), a.dark.as_str()), ("#0b57b0", "#7fb3ff"));
        assert_eq!(
            (a.on_light.as_str(), a.on_dark.as_str()),
            ("#ffffff", "#14161a")
        );
    }

    #[test]
    fn short_hex_and_unknown_keys() {
        assert_eq!(parse_hex("#fa0"), Some([0xff, 0xaa, 0x00]));
        assert_eq!(parse_hex("#12345"), None);
        assert_eq!(parse_hex("0b57b0"), None);
        let Err(Error::Content(d)) = parse("[theme]\naccnet = \"#000\"\n") else {
            panic!("expected an error");
        };
        assert!(
            d[0].hint
                .as_deref()
                .unwrap_or_default()
                .contains("`accent`")
        );
    }
}
