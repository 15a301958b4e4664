//! Readable highlight themes: every colour a theme gives text is moved, if
//! it must be, until it meets WCAG AA (4.5:1) against the background it is
//! drawn on. Bundled themes such as Solarized or base16-ocean.dark have
//! comments at about 3:1; folio ships them at 4.5:1, keeping their hue.
//!
//! A colour that fails is mixed with black or white (whichever the
//! background contrasts with more) in small steps until it passes, so it
//! changes as little as it can.

use syntect::highlighting::{Color, Theme};

/// WCAG AA for normal text.
pub const MIN_RATIO: f64 = 4.5;

/// A token background this close to the theme's is a tint of it.
const TINT: f64 = 1.5;

const WHITE: Color = Color::WHITE;
const BLACK: Color = Color::BLACK;

/// The theme with its text colours made readable on its own background.
/// The theme's background and foreground default to white and black when
/// the theme does not name them; every colour comes out opaque.
pub fn readable(theme: &Theme) -> Theme {
    let mut theme = theme.clone();
    let bg = opaque(theme.settings.background.unwrap_or(WHITE), WHITE);
    let fg = theme.settings.foreground.unwrap_or(BLACK);
    let fg = enough(opaque(fg, bg), &[bg]);
    theme.settings.background = Some(bg);
    theme.settings.foreground = Some(fg);
    // A token inside one with a tinted background (a diff's `+` in an
    // inserted line) is drawn on that tint: a colour of its own must read
    // on every tint too. Strong backgrounds (`invalid`, in red) only hold
    // their own token, whose colour is made readable on them below.
    let mut behind = vec![bg];
    for item in &mut theme.scopes {
        if let Some(b) = item.style.background {
            let b = opaque(b, bg);
            item.style.background = Some(b);
            if ratio(b, bg) < TINT {
                behind.push(b);
            }
        }
    }
    for item in &mut theme.scopes {
        let style = &mut item.style;
        match (style.foreground, style.background) {
            (Some(colour), Some(under)) => {
                style.foreground = Some(enough(opaque(colour, under), &[under]));
            }
            (None, Some(under)) => style.foreground = Some(enough(fg, &[under])),
            (Some(colour), None) => {
                style.foreground = Some(enough(opaque(colour, bg), &behind));
            }
            (None, None) => {}
        }
    }
    theme
}

/// The contrast ratio of two opaque colours, 1 to 21 (WCAG 2).
pub fn ratio(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

fn luminance(c: Color) -> f64 {
    let channel = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

/// `c` drawn over `under`, as the opaque colour a reader sees.
fn opaque(c: Color, under: Color) -> Color {
    let a = f64::from(c.a) / 255.0;
    let mix =
        |top: u8, bottom: u8| (f64::from(top) * a + f64::from(bottom) * (1.0 - a)).round() as u8;
    Color {
        r: mix(c.r, under.r),
        g: mix(c.g, under.g),
        b: mix(c.b, under.b),
        a: 0xFF,
    }
}

/// `fg`, moved toward black or white until it reads at [`MIN_RATIO`] on
/// each of `behind` (the first is the main background: it sets the way).
fn enough(fg: Color, behind: &[Color]) -> Color {
    let worst = |c: Color| {
        behind
            .iter()
            .map(|&b| ratio(c, b))
            .fold(f64::INFINITY, f64::min)
    };
    if worst(fg) >= MIN_RATIO {
        return fg;
    }
    let bg = behind.first().copied().unwrap_or(WHITE);
    let toward = if ratio(WHITE, bg) >= ratio(BLACK, bg) {
        WHITE
    } else {
        BLACK
    };
    let mut out = fg;
    for step in 1..=100u8 {
        out = opaque(
            Color {
                a: (f64::from(step) * 2.55).round() as u8,
                ..toward
            },
            fg,
        );
        if worst(out) >= MIN_RATIO {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Color {
        let v = u32::from_str_radix(s, 16).unwrap();
        Color {
            r: (v >> 16) as u8,
            g: (v >> 8) as u8,
            b: v as u8,
            a: 0xFF,
        }
    }

    #[test]
    fn ratio_matches_wcag_reference_values() {
        assert!((ratio(WHITE, BLACK) - 21.0).abs() < 1e-9);
        // #323232 on #1d2026: the unreadable pair of issue 18.
        assert!((ratio(hex("323232"), hex("1d2026")) - 1.27).abs() < 0.01);
    }

    #[test]
    fn a_failing_colour_is_moved_just_enough_and_a_passing_one_kept() {
        let bg = hex("2b303b");
        let comment = hex("65737e");
        assert!(ratio(comment, bg) < MIN_RATIO);
        let fixed = enough(comment, &[bg]);
        assert!(ratio(fixed, bg) >= MIN_RATIO);
        assert!(ratio(fixed, bg) < MIN_RATIO + 0.3, "moved too far");
        assert!(fixed.r > comment.r, "lightened on a dark background");
        let fine = hex("c0c5ce");
        assert_eq!(enough(fine, &[bg]), fine);
    }
}
