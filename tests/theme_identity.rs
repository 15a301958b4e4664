//! Integration tests for the default theme's identity (issue 18): the
//! `[theme] accent` of site.toml reaches every page in both schemes, a
//! failing contrast is a warning of `folio build` naming the pair, the
//! ratio and a colour that passes, and a bad colour stops the build at its
//! line; the home page's hero and project cards keep private things off
//! the public site.

mod support;

use support::Site;

#[test]
fn the_accent_reaches_every_page_for_both_schemes() {
    let site = Site::copy("identity");
    site.build(&[]).assert_ok();
    for page in [
        "index.html",
        "cv/index.html",
        "articles/code-tour/index.html",
    ] {
        let html = site.read_public(page);
        assert!(
            html.contains(":root{--accent:#8a3ffc;--link:#8a3ffc;"),
            "{page}"
        );
        assert!(
            html.contains(":root[data-scheme=\"dark\"]{--accent:#be95ff;"),
            "{page}"
        );
    }
}

#[test]
fn a_failing_accent_is_a_build_warning_with_the_pair_ratio_and_a_fix() {
    let site = Site::copy("identity");
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write(
        "site.toml",
        &toml.replace("accent_dark = \"#be95ff\"\n", "accent_dark = \"#8a3ffc\"\n"),
    );
    let out = site.build(&[]);
    out.assert_ok();
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(all.contains("site.toml:8:1"), "{all}");
    assert!(
        all.contains("accent #8a3ffc on the dark background #1d2026 reads at 3.26:1, below 4.5:1"),
        "{all}"
    );
    assert!(all.contains("set accent_dark = \"#"), "{all}");
}

#[test]
fn an_invalid_accent_stops_the_build_at_its_line() {
    let site = Site::copy("identity");
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", &toml.replace("\"#8a3ffc\"", "\"purple\""));
    let out = site.build(&[]);
    assert_ne!(out.code, 0);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(all.contains("site.toml:7:1"), "{all}");
    assert!(
        all.contains("`theme.accent` = \"purple\" is not a colour"),
        "{all}"
    );
    assert!(!site.public("index.html").exists());
}

#[test]
fn the_public_hero_and_cards_show_only_public_things() {
    let site = Site::copy("identity");
    site.build(&[]).assert_ok();
    let home = site.read_public("index.html");
    assert!(
        home.contains("<img class=\"hero-photo\" src=\"./images/ada.png\""),
        "{home}"
    );
    assert!(home.contains("class=\"icon icon-github\""));
    assert!(home.contains("src=\"./images/platform.png\""));
    assert!(!home.contains("Secret Prototype"));
    assert!(!site.public("images/secret.png").exists());
    assert!(site.read_private("index.html").contains("Secret Prototype"));

    // A private photo stays off the public home page and out of public/.
    let cv = std::fs::read_to_string(site.path("content/cv.yaml")).unwrap();
    site.write(
        "content/cv.yaml",
        &cv.replacen("basics:\n", "basics:\n  visibility: {image: private}\n", 1),
    );
    site.build(&[]).assert_ok();
    assert!(!site.read_public("index.html").contains("hero-photo"));
    assert!(!site.public("images/ada.png").exists());
    assert!(site.read_private("index.html").contains("hero-photo"));
}
