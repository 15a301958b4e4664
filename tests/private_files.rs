//! Files that must not reach the public site although no `visibility:`
//! line of theirs says so, driven through the real binary: markdown under
//! another extension than `.md`, text files that open with front matter,
//! and assets beside private pages (shown by markdown or raw HTML, or not
//! referenced at all). Also the files a public page uses, which stay public.

mod support;

use std::path::Path;

use support::{Site, read_tree};

const SITE_TOML: &str = "title = \"T\"\nbase_url = \"https://example.org/\"\n";

/// An empty site (home page only) in a temporary folder.
fn site() -> Site {
    let site = Site::copy("basic");
    std::fs::remove_dir_all(site.path("content")).expect("clear content");
    std::fs::remove_dir_all(site.path("static")).ok();
    site.write("site.toml", SITE_TOML);
    site.write("content/_index.md", "Welcome.\n");
    site
}

/// Every file under `dir` (relative paths) holding `needle` in its path or
/// its bytes.
fn files_with(dir: &Path, needle: &str) -> Vec<String> {
    read_tree(dir)
        .into_iter()
        .filter(|(path, bytes)| {
            path.contains(needle) || bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
        })
        .map(|(path, _)| path)
        .collect()
}

#[test]
fn private_markdown_under_other_extensions_is_a_page_not_a_raw_file() {
    let site = site();
    for ext in ["markdown", "mdown", "mkd", "mkdn", "MD"] {
        site.write(
            &format!("content/articles/plan-{ext}.{ext}"),
            &format!("---\ntitle: Plan\nvisibility: private\n---\nSECRET-{ext}\n"),
        );
        site.write(
            &format!("content/articles/wip-{ext}.{ext}"),
            &format!("---\ntitle: Wip\ndraft: true\n---\nDRAFT-{ext}\n"),
        );
    }
    site.write(
        "content/articles/open.markdown",
        "---\ntitle: Open\n---\nPUBLIC-MARKDOWN\n",
    );
    site.build(&[]).assert_ok();
    for ext in ["markdown", "mdown", "mkd", "mkdn", "MD"] {
        assert_eq!(
            files_with(&site.public_dir(), &format!("SECRET-{ext}")),
            [""; 0]
        );
        assert_eq!(
            files_with(&site.public_dir(), &format!("DRAFT-{ext}")),
            [""; 0]
        );
        let page = format!("articles/plan-{}/index.html", ext.to_lowercase());
        assert!(site.read_private(&page).contains(&format!("SECRET-{ext}")));
    }
    // A public page under `.markdown` is a page with a URL of its own.
    assert!(
        site.read_public("articles/open/index.html")
            .contains("PUBLIC-MARKDOWN")
    );
    assert!(!site.public("articles/open.markdown").exists());
}

#[test]
fn a_text_file_opening_with_front_matter_is_refused_and_named() {
    let site = site();
    site.write(
        "content/articles/notes.txt",
        "---\nvisibility: private\n---\nSECRET-TXT\n",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr
            .contains("content/articles/notes.txt:1:1: error:")
            && out.stderr.contains("front matter")
            && out.stderr.contains("give it a markdown extension"),
        "{}",
        out.stderr
    );
    assert!(!site.public_dir().exists(), "nothing is written");
    // TOML front matter in a text file, too.
    site.write(
        "content/articles/notes.txt",
        "+++\ndraft = true\n+++\nSECRET\n",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr.contains("TOML front matter (`+++`)"),
        "{}",
        out.stderr
    );
    // A YAML data file may open with a document start; a file without a
    // fence is copied as it is.
    site.write("content/articles/notes.txt", "plain --- text\n");
    site.write("content/data/people.yaml", "---\n- ada\n");
    site.build(&[]).assert_ok();
    assert_eq!(site.read_public("articles/notes.txt"), "plain --- text\n");
    assert_eq!(site.read_public("data/people.yaml"), "---\n- ada\n");
}

/// Every way Hugo, Zola and Jekyll say "not public yet" or "not public",
/// in each front-matter language: none of the bodies, titles or old URLs
/// may reach public/. The private ones are in private/.
#[test]
fn drafts_and_private_pages_in_toml_json_and_jekyll_forms_stay_out_of_public() {
    let site = site();
    let pages = [
        (
            "toml-draft",
            "+++\ntitle = \"T-toml-draft\"\ndraft = true\naliases = [\"/old-toml-draft/\"]\n+++\n",
        ),
        (
            "toml-private",
            "+++\ntitle = \"T-toml-private\"\nvisibility = \"private\"\naliases = [\"/old-toml-private/\"]\n\n[extra]\nmood = \"x\"\n+++\n",
        ),
        (
            "json-draft",
            "{\n  \"title\": \"T-json-draft\",\n  \"draft\": true,\n  \"aliases\": [\"/old-json-draft/\"]\n}\n",
        ),
        (
            "json-private",
            "{ \"visibility\": \"private\", \"title\": \"T-json-private\", \"aliases\": \"/old-json-private/\" }\n",
        ),
        (
            "jekyll-unpublished",
            "---\ntitle: T-jekyll-unpublished\npublished: false\nredirect_from: /old-jekyll-unpublished/\n---\n",
        ),
        (
            "2024-05-06-dated-private",
            "+++\nvisibility = \"private\"\nredirect_from = [\"/old-dated-private/\"]\n+++\n",
        ),
    ];
    for (name, front) in pages {
        site.write(
            &format!("content/articles/{name}.md"),
            &format!("{front}SECRET-{name}\n"),
        );
    }
    site.build(&[]).assert_ok();
    for (name, _) in pages {
        assert_eq!(
            files_with(&site.public_dir(), &format!("SECRET-{name}")),
            [""; 0]
        );
        assert_eq!(
            files_with(&site.public_dir(), &format!("T-{name}")),
            [""; 0]
        );
        assert_eq!(
            files_with(&site.public_dir(), &format!("old-{name}")),
            [""; 0]
        );
        assert!(!site.public(&format!("old-{name}")).exists(), "{name}");
    }
    // The private pages and their old URLs are in the private site; the
    // drafts are nowhere.
    for name in ["toml-private", "json-private"] {
        assert!(
            site.read_private(&format!("articles/{name}/index.html"))
                .contains(&format!("SECRET-{name}"))
        );
        assert!(
            site.read_private(&format!("old-{name}/index.html"))
                .contains(&format!("articles/{name}/"))
        );
    }
    assert!(
        site.read_private("articles/dated-private/index.html")
            .contains("SECRET-2024-05-06-dated-private")
    );
    assert!(site.private("old-dated-private/index.html").exists());
    for name in ["toml-draft", "json-draft", "jekyll-unpublished"] {
        assert_eq!(
            files_with(&site.private_dir(), &format!("SECRET-{name}")),
            [""; 0]
        );
    }
}

/// A privacy key folio would not read (under a TOML `[table]` line, or
/// capitalised as Hugo allows) stops the build rather than publish.
#[test]
fn a_privacy_key_folio_would_not_read_stops_the_build_at_its_line() {
    let site = site();
    site.write(
        "content/articles/plan.md",
        "+++\ntitle = \"Plan\"\n\n[extra]\nmood = \"x\"\ndraft = true\n+++\nSECRET-EXTRA\n",
    );
    site.write(
        "content/articles/hugo.md",
        "{\n  \"title\": \"Hugo\",\n  \"Draft\": true\n}\nSECRET-CASE\n",
    );
    let out = site.build(&[]);
    out.assert_code(1);
    for needle in [
        "content/articles/plan.md:6:1: error: `draft` is inside the `[extra]` table",
        "content/articles/hugo.md:3:1: error: `Draft` is not read: front-matter keys are lower case",
    ] {
        assert!(out.stderr.contains(needle), "{needle}\n{}", out.stderr);
    }
    assert!(!site.public_dir().exists(), "nothing is written");
}

#[test]
fn front_matter_whose_opening_line_has_trailing_blanks_is_still_front_matter() {
    let site = site();
    site.write(
        "content/articles/plan.md",
        "---  \ntitle: Plan\nvisibility: private\n---\nSECRET-BLANKS\n",
    );
    site.build(&[]).assert_ok();
    assert_eq!(files_with(&site.public_dir(), "SECRET-BLANKS"), [""; 0]);
    assert_eq!(files_with(&site.public_dir(), "visibility"), [""; 0]);
    assert!(
        site.read_private("articles/plan/index.html")
            .contains("SECRET-BLANKS")
    );
}

/// A private page in `notes/` showing a chart and linking a letter in
/// `media/` (a public folder without pages), by markdown and by raw HTML
/// (relative to the page, from the site root, and by full URL).
fn site_with_private_files() -> Site {
    let site = site();
    site.write(
        "content/notes/plan.md",
        "---\ntitle: Plan\nvisibility: private\n---\n\
         ![chart](../media/chart.svg) and [the offer](../media/offer.txt).\n\n\
         <img src=\"../../media/raw.svg\" srcset=\"../../media/raw-2x.svg 2x, /media/raw-3x.svg 3x\">\n\
         <video poster=\"https://example.org/media/poster.png\"></video>\n\
         <a href=\"../../media/letter.pdf\">letter</a>\n",
    );
    for (name, text) in FILES {
        site.write(&format!("content/media/{name}"), text);
    }
    site
}

const FILES: &[(&str, &str)] = &[
    ("chart.svg", "<svg>SECRET-CHART</svg>"),
    ("offer.txt", "SECRET-OFFER"),
    ("raw.svg", "<svg>SECRET-RAW</svg>"),
    ("raw-2x.svg", "<svg>SECRET-RAW2</svg>"),
    ("raw-3x.svg", "<svg>SECRET-RAW3</svg>"),
    ("poster.png", "SECRET-POSTER"),
    ("letter.pdf", "SECRET-LETTER"),
];

#[test]
fn files_a_private_page_uses_stay_out_of_the_public_site() {
    let site = site_with_private_files();
    site.build(&[]).assert_ok();
    let public = read_tree(&site.public_dir());
    for (name, _) in FILES {
        let path = format!("media/{name}");
        assert!(!public.contains_key(&path), "public/{path}");
        assert!(site.private(&path).exists(), "private/{path}");
    }
    assert_eq!(files_with(&site.public_dir(), "SECRET"), [""; 0]);
}

#[test]
fn files_a_private_page_uses_are_sealed_in_an_encrypted_private_site() {
    let site = site_with_private_files();
    let toml =
        format!("{SITE_TOML}[private]\nencrypt = true\npassphrase_env = \"FOLIO_TEST_PP\"\n");
    site.write("site.toml", &toml);
    let mut cmd = site.build_command(&[]);
    cmd.env("FOLIO_TEST_PP", "correct horse battery staple");
    support::output_of(&mut cmd).assert_ok();
    assert_eq!(files_with(&site.public_dir(), "SECRET"), [""; 0]);
    assert_eq!(files_with(&site.private_dir(), "SECRET"), [""; 0]);
    assert!(site.private("media/offer.txt").exists());
}

#[test]
fn a_file_a_public_page_uses_is_public_even_if_a_private_page_uses_it_too() {
    let site = site_with_private_files();
    site.write(
        "content/articles/open.md",
        "---\ntitle: Open\n---\n![chart](../media/chart.svg)\n\n<img src=\"/media/raw.svg\">\n",
    );
    site.build(&[]).assert_ok();
    assert_eq!(
        site.read_public("media/chart.svg"),
        "<svg>SECRET-CHART</svg>"
    );
    assert_eq!(site.read_public("media/raw.svg"), "<svg>SECRET-RAW</svg>");
    assert!(!site.public("media/offer.txt").exists());
}

#[test]
fn unreferenced_files_follow_their_folder_and_its_pages() {
    let site = site();
    // A public folder without private pages: public.
    site.write("content/about.md", "---\ntitle: About\n---\nHi.\n");
    site.write("content/cv.pdf", "PUBLIC-CV");
    site.write("content/docs/guide.txt", "PUBLIC-GUIDE");
    // Beside a private page, or a draft: private.
    site.write(
        "content/articles/plan.md",
        "---\ntitle: Plan\nvisibility: private\n---\nNo links.\n",
    );
    site.write("content/articles/stray.txt", "SECRET-STRAY");
    site.write(
        "content/notes/wip.mkd",
        "---\ntitle: Wip\ndraft: true\n---\nNo links.\n",
    );
    site.write("content/notes/todo.txt", "SECRET-TODO");
    // Below a private page bundle: private.
    site.write(
        "content/secret/_index.md",
        "---\ntitle: Secret\nvisibility: private\n---\nNo links.\n",
    );
    site.write("content/secret/img/photo.png", "SECRET-BUNDLE");
    // In a private folder: private.
    site.write("content/roadmaps/scan.txt", "SECRET-ROADMAP");
    site.build(&[]).assert_ok();
    assert_eq!(site.read_public("cv.pdf"), "PUBLIC-CV");
    assert_eq!(site.read_public("docs/guide.txt"), "PUBLIC-GUIDE");
    assert_eq!(files_with(&site.public_dir(), "SECRET"), [""; 0]);
    assert_eq!(site.read_private("secret/img/photo.png"), "SECRET-BUNDLE");
    assert_eq!(site.read_private("roadmaps/scan.txt"), "SECRET-ROADMAP");
}

#[test]
fn static_files_are_always_public() {
    let site = site();
    site.write(
        "content/articles/plan.md",
        "---\ntitle: Plan\nvisibility: private\n---\nNo links.\n",
    );
    site.write("static/articles/press-kit.zip", "PUBLIC-KIT");
    site.build(&[]).assert_ok();
    assert_eq!(site.read_public("articles/press-kit.zip"), "PUBLIC-KIT");
}

#[test]
fn a_cv_photo_marked_private_stays_out_of_the_public_site() {
    let site = site();
    site.write("content/photo.png", "PHOTO-BYTES");
    let cv = |visibility: &str| {
        format!(
            "basics:\n  name: Ada\n  image: photo.png\n{visibility}work:\n  - name: Acme\n    position: Engineer\n    startDate: 2020-01-01\n"
        )
    };
    // A private photo is used only by the private CV: the file is private.
    site.write(
        "content/cv.yaml",
        &cv("  visibility:\n    image: private\n"),
    );
    site.build(&[]).assert_ok();
    assert_eq!(files_with(&site.public_dir(), "PHOTO-BYTES"), [""; 0]);
    assert!(site.private("photo.png").exists());
    // The same photo, public: the public CV uses it, so it is public.
    site.write("content/cv.yaml", &cv(""));
    site.build(&[]).assert_ok();
    assert!(site.public("photo.png").exists());
}

#[test]
fn a_static_file_opening_with_front_matter_is_refused_not_published() {
    let site = site();
    site.write(
        "static/plan.md",
        "---\nvisibility: private\n---\nSECRET-STATIC\n",
    );
    // A YAML file may open with a document start: that is not front matter.
    site.write("static/data.yml", "---\nkey: value\n");
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(
        out.stderr.contains("static/plan.md:1:1: error:")
            && out.stderr.contains("move it under content/"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("data.yml"), "{}", out.stderr);
    assert!(!site.public_dir().exists(), "nothing is written");
    // `folio check` says the same.
    let check = site.run(&["check", "--root", &site.root_string()]);
    assert!(
        check.stderr.contains("static/plan.md:1:1: error:")
            || check.stdout.contains("static/plan.md:1:1: error:"),
        "{}{}",
        check.stdout,
        check.stderr
    );
    std::fs::remove_file(site.path("static/plan.md")).expect("remove");
    site.build(&[]).assert_ok();
    assert_eq!(site.read_public("data.yml"), "---\nkey: value\n");
}
