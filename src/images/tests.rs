use image::ImageFormat;

use super::derive::tests::picture;
use super::*;

fn site(page: &str, html: &str, files: &[(&str, Vec<u8>)]) -> Outputs {
    let mut out = Outputs::default();
    out.insert(page, html).expect("page");
    for (path, bytes) in files {
        out.insert(*path, bytes.clone()).expect("file");
    }
    out
}

fn page(out: &Outputs, path: &str) -> String {
    String::from_utf8(out.get(path).expect("page").to_vec()).expect("utf-8")
}

#[test]
fn an_article_image_gets_its_copies_srcset_sizes_and_size() {
    let chart = picture(1000, 500, ImageFormat::Png);
    let mut out = site(
        "articles/x/index.html",
        "<p><img src=\"chart.png\" alt=\"A chart\"></p>",
        &[("articles/x/chart.png", chart)],
    );
    let warnings = responsive(
        &mut out,
        &Store::new(std::path::Path::new("/nonexistent"), false),
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        page(&out, "articles/x/index.html"),
        "<p><img src=\"chart.png\" srcset=\"chart-320w.png 320w, chart-640w.png 640w, chart.png 1000w\" \
         sizes=\"(max-width: 704px) 100vw, 704px\" width=\"1000\" height=\"500\" alt=\"A chart\"></p>"
    );
    for (name, w) in [
        ("articles/x/chart-320w.png", 320),
        ("articles/x/chart-640w.png", 640),
    ] {
        let copy = image::load_from_memory(out.get(name).expect(name)).expect("decodes");
        assert_eq!(copy.width(), w);
    }
}

#[test]
fn a_size_the_page_gives_is_kept_and_sets_sizes() {
    let photo = picture(800, 800, ImageFormat::Jpeg);
    let mut out = site(
        "cv/index.html",
        "<img class=\"cv-photo\" src=\"../img/me.jpg\" alt=\"Ada\" width=\"112\" height=\"112\">",
        &[("img/me.jpg", photo)],
    );
    responsive(
        &mut out,
        &Store::new(std::path::Path::new("/nonexistent"), false),
    );
    assert_eq!(
        page(&out, "cv/index.html"),
        "<img class=\"cv-photo\" src=\"../img/me.jpg\" srcset=\"../img/me-320w.jpg 320w, \
         ../img/me-640w.jpg 640w, ../img/me.jpg 800w\" sizes=\"(max-width: 112px) 100vw, 112px\" \
         alt=\"Ada\" width=\"112\" height=\"112\">"
    );
}

#[test]
fn an_image_the_audience_does_not_have_an_svg_or_one_with_a_srcset_is_left_alone() {
    let html = "<img src=\"/private.jpg\" alt=\"\"><img src=\"d.svg\" alt=\"\">\
                <img src=\"p.png\" srcset=\"p.png 1x\" alt=\"\">";
    let mut out = site(
        "index.html",
        html,
        &[
            ("d.svg", b"<svg/>".to_vec()),
            ("p.png", picture(900, 90, ImageFormat::Png)),
        ],
    );
    let before = out.len();
    responsive(
        &mut out,
        &Store::new(std::path::Path::new("/nonexistent"), false),
    );
    assert_eq!(page(&out, "index.html"), html);
    assert_eq!(
        out.len(),
        before,
        "no copy is made of an image no page rewrites"
    );
}

#[test]
fn an_unreadable_image_is_a_warning_naming_the_file_and_the_page_keeps_its_img() {
    let html = "<img src=\"broken.jpg\" alt=\"\">";
    let mut out = site(
        "index.html",
        html,
        &[("broken.jpg", b"GIF89a nope".to_vec())],
    );
    let warnings = responsive(
        &mut out,
        &Store::new(std::path::Path::new("/nonexistent"), false),
    );
    assert_eq!(warnings.len(), 1);
    let w = &warnings[0];
    assert_eq!(w.path, std::path::Path::new("content/broken.jpg"));
    assert!(
        w.message.contains("not an image folio can read"),
        "{}",
        w.message
    );
    assert!(
        w.hint
            .as_deref()
            .is_some_and(|h| h.contains("export it again"))
    );
    assert_eq!(page(&out, "index.html"), html);
}

#[test]
fn copy_names_put_the_width_before_the_extension() {
    assert_eq!(copy_name("img/me.jpg", 320), "img/me-320w.jpg");
    assert_eq!(
        copy_name("../a.b/me.photo.PNG", 640),
        "../a.b/me.photo-640w.PNG"
    );
    assert_eq!(copy_name("noext", 320), "noext-320w");
}

#[test]
fn only_pages_with_an_img_tag_in_any_case_are_read() {
    assert!(super::may_have_img(b"<p>x</p><IMG src=a.png>"));
    assert!(super::may_have_img(b"<img"));
    assert!(!super::may_have_img(b"<p>image</p><im"));
}

/// A rebuild's images step gives the same outputs as a clean build's,
/// searches a page again only when its bytes are new, and never skips a
/// page that gained an `<img>`.
#[test]
fn a_rebuild_skips_only_pages_it_searched_in_these_very_bytes() {
    use crate::audience::Audience;
    use crate::cache::Cache;
    let store = Store::new(std::path::Path::new("/nonexistent"), false);
    let chart = picture(1000, 500, ImageFormat::Png);
    let files = [("articles/x/chart.png", chart)];
    let plain = "<p>no picture here</p>";
    let with_img = "<p><img src=\"chart.png\" alt=\"A chart\"></p>";
    let cache: Cache<()> = Cache::new();
    let mut clean = site("articles/x/index.html", with_img, &files);
    clean.insert("about/index.html", plain).expect("page");
    let mut first = clean.clone();
    responsive(&mut clean, &store);
    responsive_cached(&mut first, &store, &cache, Audience::Public);
    assert_eq!(first, clean, "the same outputs as a clean build");
    let remembered = cache.without_img(Audience::Public);
    assert_eq!(
        remembered.keys().collect::<Vec<_>>(),
        ["about/index.html"],
        "only the page without <img> is remembered"
    );
    drop(remembered);

    // The next render reuses the page's bytes (the same Arc): not searched;
    // new bytes with an <img> in the same place are searched again.
    let mut second = site("articles/x/index.html", with_img, &files);
    let kept = first.iter_shared().find(|(p, _)| *p == "about/index.html");
    let kept = std::sync::Arc::clone(kept.expect("page").1);
    second
        .insert_shared("about/index.html", kept)
        .expect("page");
    responsive_cached(&mut second, &store, &cache, Audience::Public);
    assert_eq!(second, clean);
    let mut third = site("articles/x/index.html", with_img, &files);
    third
        .insert(
            "about/index.html",
            "<p><img src=\"../articles/x/chart.png\"></p>",
        )
        .expect("page");
    responsive_cached(&mut third, &store, &cache, Audience::Public);
    assert!(
        page(&third, "about/index.html").contains("srcset="),
        "a page that gained an <img> is read again"
    );
    assert!(cache.without_img(Audience::Public).is_empty());
    assert!(
        cache.without_img(Audience::Private).is_empty(),
        "per audience"
    );

    // A disabled cache (a clean build) remembers nothing.
    let off: Cache<()> = Cache::disabled();
    let mut again = site("about/index.html", plain, &[]);
    responsive_cached(&mut again, &store, &off, Audience::Public);
    assert!(off.without_img(Audience::Public).is_empty());
}
