//! A deterministic site in the shape the peers (Hugo, Zola) were measured
//! on: N articles under `content/articles/`, each with front matter
//! (`title`, `date`, `description`, two to five `tags` out of forty) and a
//! body of 600–900 words: an opening paragraph, four to six `##` sections
//! (some with a `###` subsection), prose with emphasis, strong text, inline
//! code, links to other articles (`/articles/<slug>/`) and now and then an
//! external link, one bulleted list, one task list, one pipe table and one
//! ~15-line fenced code block (rust, python or yaml), spread over the
//! sections. Slugs are `NNNNN-word-word-word`.
//!
//! Three flavours share every article's body byte for byte: `Folio` adds a
//! `site.toml`, `Hugo` a `config.toml`, a section `_index.md` and Go
//! templates doing the same work as the peers' benchmark (a page, a list
//! per section and term, a home page and an RSS feed of every article), with
//! code fences highlighted inline; `Zola` the same in Zola's terms (Tera
//! templates, syntect highlighting as Zola 0.21 and earlier configure it),
//! with the tags under `taxonomies:` in the front matter, where Zola reads
//! them. Same seed and size, same bytes.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

use crate::sitegen::{Rng, WORDS};

/// Which tool the site is for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Flavour {
    Folio,
    Hugo,
    Zola,
}

const ADJECTIVES: &[&str] = &[
    "quick", "steady", "brittle", "careful", "plain", "tangled", "sturdy", "lean", "eager", "lazy",
    "explicit", "implicit", "portable", "layered", "shared", "local", "remote", "minimal",
    "verbose", "silent", "strict", "lenient", "linear", "parallel", "serial", "gradual", "cold",
    "warm", "frozen", "typed", "bounded", "exact", "rough", "tidy", "noisy", "small", "vast",
    "safe", "risky", "stale", "fresh",
];

const VERBS: &[&str] = &[
    "builds",
    "caches",
    "checks",
    "gathers",
    "compiles",
    "counts",
    "copies",
    "decodes",
    "defers",
    "drops",
    "derives",
    "emits",
    "encodes",
    "weighs",
    "expands",
    "exports",
    "fetches",
    "filters",
    "flushes",
    "formats",
    "groups",
    "hashes",
    "indexes",
    "inlines",
    "loads",
    "locks",
    "maps",
    "measures",
    "merges",
    "moves",
    "parses",
    "patches",
    "prints",
    "probes",
    "reads",
    "records",
    "reduces",
    "renders",
    "replays",
    "resolves",
    "retries",
    "returns",
    "rewrites",
    "routes",
    "samples",
    "scans",
    "schedules",
    "sends",
    "shards",
    "sorts",
    "splits",
    "streams",
    "tracks",
    "validates",
    "walks",
    "watches",
    "writes",
];

const OPENERS: &[&str] = &[
    "Still,",
    "In practice,",
    "So,",
    "For instance,",
    "Meanwhile,",
    "Put simply,",
    "Instead,",
    "Later,",
    "At scale,",
    "Usually,",
    "Then again,",
];

/// Forty tags, as many as the peers' site has.
const TAGS: &[&str] = &[
    "rust",
    "python",
    "yaml",
    "performance",
    "testing",
    "tooling",
    "architecture",
    "databases",
    "networking",
    "security",
    "observability",
    "deployment",
    "caching",
    "concurrency",
    "parsing",
    "compilers",
    "web",
    "cli",
    "design",
    "refactoring",
    "career",
    "leadership",
    "mentoring",
    "open-source",
    "documentation",
    "accessibility",
    "frontend",
    "backend",
    "devops",
    "cloud",
    "linux",
    "embedded",
    "data",
    "ml",
    "algorithms",
    "debugging",
    "profiling",
    "api",
    "releases",
    "hiring",
];

const LANGUAGES: [&str; 3] = ["rust", "python", "yaml"];

/// The slug of every article of an `n`-page site.
pub fn slugs(n: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed ^ 0x51_u64.rotate_left(40));
    (0..n)
        .map(|i| {
            let w: Vec<&str> = (0..3).map(|_| WORDS[rng.below(WORDS.len())]).collect();
            format!("{i:05}-{}-{}-{}", w[0], w[1], w[2])
        })
        .collect()
}

/// One article being written: its own generator (so its bytes depend only
/// on the seed and its index) and the words written so far.
struct Writer<'a> {
    rng: Rng,
    slugs: &'a [String],
    index: usize,
    words: usize,
}

fn pick<'s>(rng: &mut Rng, list: &[&'s str]) -> &'s str {
    list[rng.below(list.len())]
}

fn capitalise(word: &str) -> String {
    let mut out = word.to_string();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
}

impl Writer<'_> {
    fn chance(&mut self, percent: usize) -> bool {
        self.rng.below(100) < percent
    }

    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.rng.below(high - low + 1)
    }

    fn sentence(&mut self) -> String {
        let count = self.between(8, 18);
        let mut words: Vec<String> = (0..count)
            .map(|k| {
                let w = if k == 1 && self.chance(50) {
                    pick(&mut self.rng, VERBS)
                } else if self.chance(18) {
                    pick(&mut self.rng, ADJECTIVES)
                } else {
                    pick(&mut self.rng, WORDS)
                };
                w.to_string()
            })
            .collect();
        self.words += count;
        let at = 1 + self.rng.below(count - 1);
        match self.rng.below(100) {
            0..15 => words[at] = format!("*{}*", words[at]),
            15..27 => words[at] = format!("**{}**", words[at]),
            27..37 => words[at] = format!("`{}_{}()`", words[at], pick(&mut self.rng, WORDS)),
            37..50 => {
                let end = count.min(at + self.between(1, 3));
                let text = words[at..end].join(" ");
                let target = &self.slugs[self.rng.below(self.slugs.len())];
                words.splice(at..end, [format!("[{text}](/articles/{target}/)")]);
            }
            50..53 => {
                let (a, b) = (pick(&mut self.rng, WORDS), pick(&mut self.rng, WORDS));
                words[at] = format!("[{}](https://example.com/{a}/{b})", words[at]);
            }
            _ => {}
        }
        if self.chance(20) {
            words.insert(0, pick(&mut self.rng, OPENERS).to_string());
        }
        let end = [".", ".", ".", ".", "?", "!"][self.rng.below(6)];
        format!("{}{end}", capitalise(&words.join(" ")))
    }

    fn paragraph(&mut self) -> String {
        let n = self.between(3, 5);
        (0..n)
            .map(|_| self.sentence())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// `lo..=hi` words, the first capitalised.
    fn phrase(&mut self, lo: usize, hi: usize) -> Vec<String> {
        let n = self.between(lo, hi);
        self.words += n;
        let mut words: Vec<String> = (0..n)
            .map(|_| {
                if self.chance(20) {
                    pick(&mut self.rng, ADJECTIVES).to_string()
                } else {
                    pick(&mut self.rng, WORDS).to_string()
                }
            })
            .collect();
        words[0] = capitalise(&words[0]);
        words
    }

    fn heading(&mut self, level: usize) -> String {
        let words: Vec<String> = self.phrase(2, 5).iter().map(|w| capitalise(w)).collect();
        format!("{} {}", "#".repeat(level), words.join(" "))
    }

    fn list(&mut self) -> String {
        let n = self.between(3, 6);
        let mut lines = Vec::new();
        for _ in 0..n {
            let mut words = self.phrase(4, 10);
            if self.chance(30) {
                let last = words.len() - 1;
                words[last] = format!("*{}*", words[last]);
            }
            lines.push(format!("- {}", words.join(" ")));
        }
        lines.join("\n")
    }

    fn tasks(&mut self) -> String {
        let n = self.between(3, 5);
        let mut lines = Vec::new();
        for _ in 0..n {
            let words = self.phrase(3, 8);
            let mark = if self.chance(50) { 'x' } else { ' ' };
            lines.push(format!("- [{mark}] {}", words.join(" ")));
        }
        lines.join("\n")
    }

    fn table(&mut self) -> String {
        let mut out =
            String::from("| Part | Owner | Latency (ms) | State |\n| --- | --- | ---: | :---: |");
        let n = self.between(4, 6);
        for _ in 0..n {
            let state = ["ok", "slow", "**down**", "*pending*", "retired"][self.rng.below(5)];
            let _ = write!(
                out,
                "\n| `{}` | {} | {}.{} | {state} |",
                pick(&mut self.rng, WORDS),
                capitalise(pick(&mut self.rng, WORDS)),
                self.rng.below(900),
                self.rng.below(10)
            );
            self.words += 4;
        }
        out
    }

    /// A ~15-line block, different on every page.
    fn code(&mut self) -> String {
        let language = if self.chance(70) {
            LANGUAGES[self.index % 3]
        } else {
            LANGUAGES[self.rng.below(3)]
        };
        let [a, b, c, d] = [(); 4].map(|_| pick(&mut self.rng, WORDS));
        let num = self.between(2, 512);
        let (ta, tb) = (capitalise(a), capitalise(b));
        let body = match language {
            "rust" => format!(
                "use std::collections::BTreeMap;\n\n/// Keeps a {a} count for every {b}.\n\
                 #[derive(Debug, Default, Clone)]\npub struct {ta}{tb} {{\n    {c}: BTreeMap<String, u64>,\n    \
                 cap: usize,\n}}\n\nimpl {ta}{tb} {{\n    pub fn {d}(&mut self, name: &str) -> Option<u64> {{\n        \
                 let slot = self.{c}.entry(name.to_string()).or_default();\n        *slot += {num};\n        \
                 (self.{c}.len() <= self.cap).then_some(*slot)\n    }}\n}}"
            ),
            "python" => format!(
                "from collections import Counter\nfrom dataclasses import dataclass, field\n\n\n\
                 @dataclass\nclass {ta}{tb}:\n    \"\"\"Counts {c} per {d}.\"\"\"\n\n    \
                 {c}: Counter = field(default_factory=Counter)\n    cap: int = {num}\n\n    \
                 def {d}(self, name: str) -> int:\n        self.{c}[name] += 1\n        \
                 if len(self.{c}) > self.cap:\n            raise KeyError(f\"over the cap: {{name!r}}\")\n        \
                 return self.{c}[name]\n\n    def total(self) -> int:\n        return sum(self.{c}.values())"
            ),
            _ => format!(
                "# settings of the {a} {b}\n{c}:\n  id: \"{c}-{d}\"\n  active: yes\n  count: {num}\n  \
                 resources:\n    cpu: \"{}m\"\n    memory: {}Mi\n  labels: [{a}, {b}, {d}]\n  routes:\n    \
                 - prefix: /{a}\n      deadline: {}s\n    - prefix: /{a}/{b}\n      deadline: {}s\n  \
                 comment: |\n    {a} then {c} then {d}",
                num * 10,
                num * 4,
                self.between(1, 60),
                self.between(1, 60)
            ),
        };
        format!("```{language}\n{body}\n```")
    }

    fn body(&mut self) -> String {
        let target = self.between(580, 800);
        let mut blocks = vec![self.paragraph()];
        let sections = self.between(4, 6);
        // The four special blocks go to four distinct sections, in a
        // shuffled order.
        let mut kinds = ["list", "tasks", "table", "code"];
        for k in (1..kinds.len()).rev() {
            kinds.swap(k, self.rng.below(k + 1));
        }
        let mut slots: Vec<usize> = (0..sections).collect();
        for k in (1..slots.len()).rev() {
            slots.swap(k, self.rng.below(k + 1));
        }
        slots.truncate(4);
        slots.sort_unstable();
        for section in 0..sections {
            blocks.push(self.heading(2));
            blocks.push(self.paragraph());
            if let Some(slot) = slots.iter().position(|&s| s == section) {
                let block = match kinds[slot] {
                    "list" => self.list(),
                    "tasks" => self.tasks(),
                    "table" => self.table(),
                    _ => self.code(),
                };
                blocks.push(block);
            }
            if self.chance(35) {
                blocks.push(self.heading(3));
                blocks.push(self.paragraph());
            }
        }
        while self.words < target {
            if self.chance(25) {
                blocks.push(self.heading(3));
            }
            blocks.push(self.paragraph());
        }
        blocks.join("\n\n") + "\n"
    }

    fn front_matter(&mut self, edit: Option<usize>) -> String {
        let title: Vec<String> = self.phrase(3, 7).iter().map(|w| capitalise(w)).collect();
        // A day in the ten years from 2015 (28-day months keep it valid).
        let day = self.rng.below(3650);
        let date = format!(
            "{}-{:02}-{:02}",
            2015 + day / 365,
            1 + day % 365 / 31 % 12,
            1 + day % 28
        );
        let mut tags: Vec<&str> = Vec::new();
        let count = self.between(2, 5);
        while tags.len() < count {
            let t = pick(&mut self.rng, TAGS);
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        let description = capitalise(&self.phrase(12, 22).join(" ").to_lowercase());
        let edited = edit.map_or(String::new(), |e| format!(" (edit {e})"));
        format!(
            "---\ntitle: \"{}{edited}\"\ndate: {date}\ndescription: \"{description}.\"\ntags: [{}]\n---\n\n",
            title.join(" "),
            tags.join(", ")
        )
    }
}

/// The text of article `index` (front matter and body); `edit` changes
/// its title, for the edit benchmarks.
pub fn article(slugs: &[String], index: usize, seed: u64, edit: Option<usize>) -> String {
    let mut writer = Writer {
        rng: Rng::new(seed ^ (index as u64 + 1).wrapping_mul(0x1000_0001)),
        slugs,
        index,
        words: 0,
    };
    let front = writer.front_matter(edit);
    writer.words = 0;
    front + &writer.body()
}

/// Writes an `n`-article site of `flavour` into `dir` (created if missing;
/// must not hold another site).
pub fn generate(dir: &Path, n: usize, seed: u64, flavour: Flavour) {
    let articles = dir.join("content/articles");
    std::fs::create_dir_all(&articles).expect("create content/articles");
    let slugs = slugs(n, seed);
    for (i, slug) in slugs.iter().enumerate() {
        let text = article(&slugs, i, seed, None);
        let text = match flavour {
            Flavour::Folio | Flavour::Hugo => text,
            Flavour::Zola => zola_front_matter(&text),
        };
        std::fs::write(articles.join(format!("{slug}.md")), text).expect("write article");
    }
    let files: &[(&str, &str)] = match flavour {
        Flavour::Folio => &[(
            "site.toml",
            "title = \"Generated Portfolio\"\nbase_url = \"https://example.org/\"\n\
             author = \"Bench\"\nlanguage = \"en\"\n",
        )],
        Flavour::Hugo => &[
            ("config.toml", HUGO_CONFIG),
            (
                "content/articles/_index.md",
                "---\ntitle: \"Articles\"\n---\n",
            ),
            ("layouts/_default/baseof.html", HUGO_BASE),
            ("layouts/_default/single.html", HUGO_SINGLE),
            ("layouts/_default/list.html", HUGO_LIST),
            ("layouts/index.html", HUGO_HOME),
            ("layouts/index.rss.xml", HUGO_RSS),
        ],
        Flavour::Zola => &[
            ("config.toml", ZOLA_CONFIG),
            (
                "content/articles/_index.md",
                "---\ntitle: \"Articles\"\nsort_by: date\n---\n",
            ),
            ("templates/base.html", ZOLA_BASE),
            ("templates/page.html", ZOLA_PAGE),
            ("templates/section.html", ZOLA_SECTION),
            ("templates/index.html", ZOLA_HOME),
            ("templates/tags/list.html", ZOLA_TAGS),
            ("templates/tags/single.html", ZOLA_TAG),
            ("templates/rss.xml", ZOLA_RSS),
        ],
    };
    for (path, text) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(path, text).expect("write site file");
    }
}

/// Rewrites article `index` of a generated site as edit number `edit`.
pub fn edit(dir: &Path, n: usize, seed: u64, index: usize, edit: usize) {
    let slugs = slugs(n, seed);
    let path = dir
        .join("content/articles")
        .join(format!("{}.md", slugs[index]));
    std::fs::write(path, article(&slugs, index, seed, Some(edit))).expect("edit article");
}

/// The article with its `tags: [...]` line moved under `taxonomies:`, the
/// one front-matter key Zola spells differently.
fn zola_front_matter(text: &str) -> String {
    let (front, body) = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .expect("a generated article opens with front matter");
    let front: Vec<String> = front
        .lines()
        .map(|line| match line.strip_prefix("tags: ") {
            Some(list) => format!("taxonomies:\n  tags: {list}"),
            None => line.to_string(),
        })
        .collect();
    format!("---\n{}\n---\n{body}", front.join("\n"))
}

const HUGO_CONFIG: &str = r#"baseURL = "https://example.org/"
title = "Generated Portfolio"
languageCode = "en"
enableRobotsTXT = false

[taxonomies]
  tag = "tags"

[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]

[services.rss]
  limit = -1

[markup.highlight]
  codeFences = true
  noClasses = true
  style = "monokai"
  guessSyntax = false
"#;

const HUGO_BASE: &str = r#"<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ .Site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
</head>
<body>
{{ block "main" . }}{{ end }}
</body>
</html>
"#;

const HUGO_SINGLE: &str = r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ range .Params.tags }} <a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a>{{ end }}</p>
{{ .Content }}
</article>
<nav><a href="{{ "articles/" | relURL }}">Every article</a></nav>
{{ end }}
"#;

const HUGO_LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ul>
{{ end }}
"#;

const HUGO_HOME: &str = r#"{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<nav><a href="{{ "articles/" | relURL }}">Articles</a> · <a href="{{ "tags/" | relURL }}">Tags</a></nav>
{{ end }}
"#;

const HUGO_RSS: &str = r#"{{ printf "<?xml version=%q encoding=%q?>" "1.0" "utf-8" | safeHTML }}
<rss version="2.0"><channel>
<title>{{ .Site.Title }}</title><link>{{ .Permalink }}</link><description>Every article of {{ .Site.Title }}</description>
{{ range where .Site.RegularPages "Section" "articles" }}<item><title>{{ .Title }}</title><link>{{ .Permalink }}</link><guid>{{ .Permalink }}</guid><pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate><description>{{ .Description }}</description></item>
{{ end }}</channel></rss>
"#;

// Zola 0.21 and earlier: syntect highlighting with inline styles when a
// theme is named; every article in the feed, as Hugo's `limit = -1`.
const ZOLA_CONFIG: &str = r#"base_url = "https://example.org/"
title = "Generated Portfolio"
default_language = "en"
compile_sass = false
build_search_index = false
generate_feeds = true
feed_filenames = ["rss.xml"]
taxonomies = [{ name = "tags" }]

[markdown]
highlight_code = true
highlight_theme = "monokai"
"#;

const ZOLA_BASE: &str = r#"<!DOCTYPE html>
<html lang="{{ config.default_language }}">
<head>
<meta charset="utf-8">
<title>{% block title %}{{ config.title }}{% endblock %}</title>
{% block description %}{% endblock %}
</head>
<body>
{% block main %}{% endblock %}
</body>
</html>
"#;

const ZOLA_PAGE: &str = r#"{% extends "base.html" %}
{% block title %}{{ page.title }} | {{ config.title }}{% endblock %}
{% block description %}{% if page.description %}<meta name="description" content="{{ page.description }}">{% endif %}{% endblock %}
{% block main %}<article>
<h1>{{ page.title }}</h1>
<p class="meta"><time datetime="{{ page.date | date(format="%Y-%m-%d") }}">{{ page.date | date(format="%-d %B %Y") }}</time>
{% for tag in page.taxonomies.tags %} <a href="{{ get_taxonomy_url(kind="tags", name=tag) | safe }}">{{ tag }}</a>{% endfor %}</p>
{{ page.content | safe }}
</article>
<nav><a href="{{ get_url(path="@/articles/_index.md") | safe }}">Every article</a></nav>
{% endblock %}
"#;

const ZOLA_SECTION: &str = r#"{% extends "base.html" %}
{% block title %}{{ section.title }} | {{ config.title }}{% endblock %}
{% block main %}<h1>{{ section.title }}</h1>
<ul>
{% for p in section.pages %}<li><a href="{{ p.permalink | safe }}">{{ p.title }}</a> <time>{{ p.date | date(format="%Y-%m-%d") }}</time></li>
{% endfor %}</ul>
{% endblock %}
"#;

const ZOLA_HOME: &str = r#"{% extends "base.html" %}
{% block main %}<h1>{{ config.title }}</h1>
<nav><a href="{{ get_url(path="@/articles/_index.md") | safe }}">Articles</a> · <a href="{{ get_url(path="tags") | safe }}">Tags</a></nav>
{% endblock %}
"#;

const ZOLA_TAGS: &str = r#"{% extends "base.html" %}
{% block title %}Tags | {{ config.title }}{% endblock %}
{% block main %}<h1>Tags</h1>
<ul>
{% for term in terms %}<li><a href="{{ term.permalink | safe }}">{{ term.name }}</a> ({{ term.page_count }})</li>
{% endfor %}</ul>
{% endblock %}
"#;

const ZOLA_TAG: &str = r#"{% extends "base.html" %}
{% block title %}{{ term.name }} | {{ config.title }}{% endblock %}
{% block main %}<h1>{{ term.name }}</h1>
<ul>
{% for p in term.pages %}<li><a href="{{ p.permalink | safe }}">{{ p.title }}</a> <time>{{ p.date | date(format="%Y-%m-%d") }}</time></li>
{% endfor %}</ul>
{% endblock %}
"#;

const ZOLA_RSS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>{{ config.title }}</title><link>{{ config.base_url | safe }}</link><description>Every article of {{ config.title }}</description>
{% for p in pages %}<item><title>{{ p.title }}</title><link>{{ p.permalink | safe }}</link><guid>{{ p.permalink | safe }}</guid><pubDate>{{ p.date | date(format="%a, %d %b %Y %H:%M:%S %z") }}</pubDate><description>{{ p.description }}</description></item>
{% endfor %}</channel></rss>
"#;

/// Checks that an article has the peers' shape (the smoke run calls this):
/// the four front-matter keys with two to five tags, 550–1,000 words, one
/// fenced code block of 12–20 lines, one table, one task list, a bulleted
/// list and at least one link to another article.
pub fn check_shape(text: &str) -> Result<(), String> {
    let rest = text.strip_prefix("---\n").ok_or("no front matter")?;
    let (front, body) = rest
        .split_once("\n---\n")
        .ok_or("front matter not closed")?;
    for key in ["title: ", "date: ", "description: ", "tags: ["] {
        if !front.lines().any(|l| l.starts_with(key)) {
            return Err(format!("front matter lacks `{key}`"));
        }
    }
    let tags = front
        .lines()
        .find_map(|l| l.strip_prefix("tags: ["))
        .map_or(0, |t| t.split(',').count());
    if !(2..=5).contains(&tags) {
        return Err(format!("{tags} tags"));
    }
    let fences: Vec<usize> = body
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("```"))
        .map(|(i, _)| i)
        .collect();
    let [open, close] = fences[..] else {
        return Err(format!("{} fence lines, not 2", fences.len()));
    };
    if !(12..=20).contains(&(close - open - 1)) {
        return Err(format!("a code block of {} lines", close - open - 1));
    }
    let prose: usize = body
        .lines()
        .filter(|l| !l.starts_with("```") && !l.starts_with("|"))
        .map(|l| l.split_whitespace().count())
        .sum();
    if !(550..=1000).contains(&prose) {
        return Err(format!("{prose} words"));
    }
    let count = |prefix: &str| body.lines().filter(|l| l.starts_with(prefix)).count();
    if count("| --- |") != 1 {
        return Err("not one table".into());
    }
    if count("- [") < 3 || count("- ") - count("- [") < 3 {
        return Err("no task list or no bulleted list".into());
    }
    Ok(())
}

/// Whether `text` links to another article. Each sentence gets such a link
/// by chance (13 %), as in the peers' generator, so now and then an article
/// has none: the corpus as a whole is checked, not each article.
pub fn links_to_an_article(text: &str) -> bool {
    text.contains("](/articles/")
}
