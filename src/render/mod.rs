//! Rendering: a pure function from one audience's [`SiteView`] and a
//! [`Theme`] to [`Outputs`] (relative path → bytes). Pages render in
//! parallel; shared data (the site, article lists) is serialized once.

pub mod context;
pub mod feeds;
pub mod theme;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::json;
use tera::Value;

use crate::content::view::SiteView;
use crate::content::{Item, Kind};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::output::Outputs;
use context::{ItemCtx, Meta, SiteCtx, TagCtx, json_ld, tag_slug};
pub use theme::Theme;

/// How many articles the home page lists.
const HOME_LATEST: usize = 5;

/// One HTML page to render.
struct Page {
    /// Site path of the page (`articles/x/`, `` for home, `404.html`).
    path: String,
    template: String,
    title: Option<String>,
    description: String,
    og_type: &'static str,
    json_ld: Option<String>,
    /// Template-specific variables.
    vars: Vec<(&'static str, Value)>,
}

impl Page {
    fn new(path: impl Into<String>, template: impl Into<String>, title: Option<String>) -> Self {
        Page {
            path: path.into(),
            template: template.into(),
            title,
            description: String::new(),
            og_type: "website",
            json_ld: None,
            vars: Vec::new(),
        }
    }

    fn var(mut self, key: &'static str, value: Value) -> Self {
        self.vars.push((key, value));
        self
    }

    /// Where the page is written.
    fn out_path(&self) -> String {
        if self.path.ends_with(".html") {
            self.path.clone()
        } else {
            format!("{}index.html", self.path)
        }
    }
}

/// Renders the whole site for the view's audience.
pub fn render(view: &SiteView<'_>, theme: &Theme, syntax_css: &str) -> Result<Outputs> {
    let config = &view.site.config;
    let base = config.base_url.as_str();
    let articles = view.articles();
    let tags = collect_tags(&articles);
    let site_value = Value::from_serializable(&SiteCtx::new(view, !tags.is_empty()));
    let summaries = |list: &[&Item], page: &str| {
        let ctxs: Vec<ItemCtx> = list
            .iter()
            .map(|i| ItemCtx::new(i, base, false).listed_on(i, page))
            .collect();
        Value::from_serializable(&ctxs)
    };

    let mut pages = Vec::new();

    // Home.
    let home = view.home();
    let latest = &articles[..articles.len().min(HOME_LATEST)];
    let private_pages: Vec<&Item> = if view.is_private() {
        view.items
            .iter()
            .copied()
            .filter(|i| {
                matches!(i.kind, Kind::Roadmap | Kind::Achievement)
                    || (i.kind == Kind::Page && i.visibility == crate::content::Visibility::Private)
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut home_page = Page::new("", "index.html", None)
        .var(
            "intro",
            home.map_or(Value::none(), |h| {
                Value::from_serializable(&ItemCtx::new(h, base, true))
            }),
        )
        .var("latest", summaries(latest, ""))
        .var("private_pages", summaries(&private_pages, ""));
    home_page.description = home
        .map(|h| h.description.clone())
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| config.description.clone());
    home_page.json_ld = Some(json_ld(&json!({
        "@context": "https://schema.org",
        "@type": "Person",
        "name": if config.author.is_empty() { &config.title } else { &config.author },
        "url": base,
        "description": home_page.description,
    })));
    pages.push(home_page);

    // Articles, with their neighbours.
    for (i, a) in articles.iter().enumerate() {
        let next = i.checked_sub(1).map(|j| articles[j]);
        let prev = articles.get(i + 1).copied();
        let neighbour = |n: Option<&Item>| {
            n.map_or(Value::none(), |n| {
                Value::from_serializable(&ItemCtx::new(n, base, false).listed_on(n, &a.path))
            })
        };
        let mut p = item_page(a, base, "article.html")
            .var("prev", neighbour(prev))
            .var("next", neighbour(next));
        p.og_type = "article";
        pages.push(p);
    }
    pages.push(
        Page::new("articles/", "articles.html", Some("Articles".into()))
            .var("articles", summaries(&articles, "articles/")),
    );

    // Tags.
    if !tags.is_empty() {
        let tag_list: Vec<&TagCtx> = tags.values().map(|(t, _)| t).collect();
        pages.push(
            Page::new("tags/", "tags.html", Some("Tags".into()))
                .var("tags", Value::from_serializable(&tag_list)),
        );
        for (tag, items) in tags.values() {
            pages.push(
                Page::new(
                    tag.path.clone(),
                    "tag.html",
                    Some(format!("Tagged “{}”", tag.name)),
                )
                .var("tag", Value::from_serializable(tag))
                .var("articles", summaries(items, &tag.path)),
            );
        }
    }

    // Every other page.
    for item in view
        .items
        .iter()
        .filter(|i| !matches!(i.kind, Kind::Home | Kind::Article))
    {
        pages.push(item_page(item, base, "page.html"));
    }
    pages.push(Page::new(
        "404.html",
        "404.html",
        Some("Page not found".into()),
    ));

    for p in &pages {
        if !theme.has_template(&p.template) {
            return Err(Diagnostic::error(
                "template",
                "templates",
                format!(
                    "template `{}` not found (wanted by /{})",
                    p.template, p.path
                ),
            )
            .hint("add the template to templates/, or fix `template:` in the page's front matter")
            .into());
        }
    }

    let rendered: Vec<std::result::Result<(String, String), Vec<Diagnostic>>> = pages
        .par_iter()
        .map(|p| {
            let ctx = page_context(view, p, &site_value);
            theme
                .render(&p.template, &ctx)
                .map(|html| (p.out_path(), html))
        })
        .collect();
    let mut out = Outputs::default();
    let mut problems = Vec::new();
    for r in rendered {
        match r {
            Ok((path, html)) => out.insert(path, html)?,
            Err(diags) => {
                for d in diags {
                    if !problems.contains(&d) {
                        problems.push(d);
                    }
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(Error::Content(problems));
    }

    // Site files.
    out.insert("robots.txt", feeds::robots(config, view.is_private()))?;
    if !view.is_private() {
        out.insert("atom.xml", feeds::atom(config, &articles))?;
        let mut listed: Vec<(String, Option<Date>)> = pages
            .iter()
            .filter(|p| !p.path.ends_with(".html"))
            .map(|p| {
                let lastmod = view
                    .items
                    .iter()
                    .find(|i| i.path == p.path)
                    .and_then(|i| i.updated.max(i.date));
                (p.path.clone(), lastmod)
            })
            .collect();
        listed.sort();
        out.insert("sitemap.xml", feeds::sitemap(config, &listed))?;
    }

    // Static files and content assets.
    out.insert("syntax.css", syntax_css)?;
    for (rel, src) in &theme.statics {
        out.insert(rel.clone(), src.read()?)?;
    }
    for asset in &view.assets {
        let bytes = std::fs::read(&asset.abs).map_err(|e| Error::io("reading", &asset.abs, e))?;
        out.insert(asset.rel.clone(), bytes)?;
    }
    Ok(out)
}

fn item_page(item: &Item, base: &str, default_template: &str) -> Page {
    let template = item
        .template
        .clone()
        .unwrap_or_else(|| default_template.to_string());
    let mut p = Page::new(item.path.clone(), template, Some(item.title.clone())).var(
        "page",
        Value::from_serializable(&ItemCtx::new(item, base, true)),
    );
    p.description = if item.description.is_empty() {
        plain_text(&item.rendered.summary, 200)
    } else {
        item.description.clone()
    };
    p
}

/// The variables every template gets, plus the page's own.
fn page_context(view: &SiteView<'_>, page: &Page, site: &Value) -> tera::Context {
    let config = &view.site.config;
    let root = if page.path == "404.html" {
        config.base_path().to_string()
    } else {
        let depth = page.path.matches('/').count();
        if depth == 0 {
            "./".to_string()
        } else {
            "../".repeat(depth)
        }
    };
    let permalink = format!("{}{}", config.base_url, page.path);
    let title = match &page.title {
        Some(t) => format!("{t} · {}", config.title),
        None => config.title.clone(),
    };
    let description = if page.description.is_empty() {
        config.description.clone()
    } else {
        page.description.clone()
    };
    let meta = Meta {
        title,
        description,
        og_type: page.og_type,
        noindex: view.is_private(),
        json_ld: page.json_ld.clone(),
    };
    let mut ctx = tera::Context::new();
    ctx.insert_value("site", site.clone());
    ctx.insert("root", &root);
    ctx.insert("path", &page.path);
    ctx.insert("permalink", &permalink);
    ctx.insert("meta", &meta);
    for (k, v) in &page.vars {
        ctx.insert_value(*k, v.clone());
    }
    ctx
}

/// Tags of the visible articles: slug → (tag, its articles newest first).
fn collect_tags<'a>(articles: &[&'a Item]) -> BTreeMap<String, (TagCtx, Vec<&'a Item>)> {
    let mut tags: BTreeMap<String, (TagCtx, Vec<&Item>)> = BTreeMap::new();
    for a in articles {
        for name in &a.tags {
            let slug = tag_slug(name);
            let entry = tags.entry(slug.clone()).or_insert_with(|| {
                (
                    TagCtx {
                        name: name.clone(),
                        path: format!("tags/{slug}/"),
                        slug,
                        count: 0,
                    },
                    Vec::new(),
                )
            });
            if !entry.1.iter().any(|i| std::ptr::eq(*i, *a)) {
                entry.0.count += 1;
                entry.1.push(a);
            }
        }
    }
    tags
}

/// Text content of an HTML fragment, cut at a word boundary.
fn plain_text(html: &str, max: usize) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    match cut.rfind(' ') {
        Some(i) => format!("{}…", &cut[..i]),
        None => format!("{cut}…"),
    }
}
