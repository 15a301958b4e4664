//! A deterministic synthetic site for the benchmarks: N articles of about 750
//! words with YAML front matter, headings, lists, a task list, a table, links
//! to other articles, tags and one ~15-line code block each. Same seed and
//! size, same bytes.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

pub const WORDS: &[&str] = &[
    "ability",
    "abstract",
    "access",
    "account",
    "action",
    "adapter",
    "address",
    "agent",
    "algorithm",
    "allocation",
    "analysis",
    "anchor",
    "archive",
    "array",
    "asset",
    "atomic",
    "audit",
    "backend",
    "balance",
    "baseline",
    "batch",
    "benchmark",
    "binary",
    "block",
    "boundary",
    "branch",
    "broker",
    "buffer",
    "build",
    "bundle",
    "cache",
    "callback",
    "capacity",
    "catalog",
    "channel",
    "checkpoint",
    "chunk",
    "client",
    "cluster",
    "codec",
    "column",
    "commit",
    "compiler",
    "component",
    "config",
    "consensus",
    "consumer",
    "container",
    "context",
    "control",
    "cursor",
    "daemon",
    "dashboard",
    "data",
    "deadline",
    "debug",
    "decoder",
    "delta",
    "deploy",
    "design",
    "device",
    "digest",
    "dispatch",
    "document",
    "domain",
    "driver",
    "durable",
    "edge",
    "editor",
    "element",
    "endpoint",
    "engine",
    "entry",
    "error",
    "event",
    "executor",
    "export",
    "feature",
    "fetch",
    "field",
    "filter",
    "fixture",
    "format",
    "fragment",
    "frame",
    "function",
    "gateway",
    "graph",
    "guard",
    "handler",
    "hash",
    "header",
    "heap",
    "hook",
    "host",
    "identity",
    "image",
    "index",
    "input",
    "instance",
    "interface",
    "interval",
    "iterator",
    "journal",
    "kernel",
    "label",
    "latency",
    "layer",
    "layout",
    "lease",
    "ledger",
    "library",
    "limit",
    "linker",
    "listener",
    "loader",
    "lock",
    "logger",
    "lookup",
    "manifest",
    "mapping",
    "marker",
    "memory",
    "merge",
    "message",
    "metric",
    "migration",
    "model",
    "module",
    "monitor",
    "mutex",
    "network",
    "node",
    "object",
    "offset",
    "operator",
    "order",
    "origin",
    "output",
    "owner",
    "package",
    "packet",
    "parser",
    "partition",
    "patch",
    "payload",
    "peer",
    "pipeline",
    "platform",
    "plugin",
    "pointer",
    "policy",
    "pool",
    "probe",
    "process",
    "producer",
    "profile",
    "program",
    "protocol",
    "proxy",
    "query",
    "queue",
    "quota",
    "record",
    "reducer",
    "registry",
    "release",
    "replica",
    "request",
    "resource",
    "router",
    "runtime",
    "sample",
    "scheduler",
    "schema",
    "scope",
    "segment",
    "server",
    "service",
    "session",
    "shard",
    "signal",
    "snapshot",
    "socket",
    "source",
    "stack",
    "storage",
    "stream",
    "switch",
    "symbol",
    "syntax",
    "table",
    "target",
    "task",
    "template",
    "tenant",
    "thread",
    "token",
    "trace",
    "tracker",
    "tree",
    "value",
    "vector",
    "version",
    "window",
    "worker",
    "zone",
];
const TAGS: &[&str] = &[
    "rust",
    "python",
    "leadership",
    "career",
    "architecture",
    "testing",
    "observability",
    "linux",
    "concurrency",
    "databases",
    "security",
    "performance",
    "mentoring",
    "hiring",
    "strategy",
    "ml",
];

/// A small deterministic generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }

    fn words(&mut self, n: usize) -> String {
        (0..n).map(|_| self.word()).collect::<Vec<_>>().join(" ")
    }

    fn sentence(&mut self) -> String {
        let n = 8 + self.below(10);
        let mut s = self.words(n);
        if let Some(first) = s.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        s.push('.');
        s
    }

    fn paragraph(&mut self) -> String {
        let n = 3 + self.below(3);
        (0..n)
            .map(|_| self.sentence())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

pub fn slug(i: usize) -> String {
    format!("post-{i:05}")
}

const CODE: [(&str, &str); 3] = [
    (
        "rust",
        "use std::collections::HashMap;\n\n/// Counts NAME words.\npub fn count_NAME(text: &str) -> HashMap<&str, usize> {\n    let mut counts = HashMap::new();\n    for word in text.split_whitespace() {\n        *counts.entry(word).or_insert(0) += 1;\n    }\n    counts\n}\n\n#[test]\nfn counts() {\n    assert_eq!(count_NAME(\"a a b\")[\"a\"], NUM);\n}\n",
    ),
    (
        "python",
        "import collections\n\n\ndef count_NAME(text: str) -> dict[str, int]:\n    \"\"\"Counts NAME words.\"\"\"\n    counts = collections.Counter()\n    for word in text.split():\n        counts[word] += 1\n    return dict(counts)\n\n\nif __name__ == \"__main__\":\n    print(count_NAME(\"a a b\"))\n    assert count_NAME(\"a a b\")[\"a\"] == NUM\n",
    ),
    (
        "yaml",
        "service:\n  name: NAME\n  replicas: NUM\n  resources:\n    cpu: 500m\n    memory: 256Mi\n  probes:\n    liveness: /healthz\n    readiness: /ready\n  env:\n    - name: LOG_LEVEL\n      value: info\n    - name: REGION\n      value: eu-west-1\n",
    ),
];

/// The text of article `i` of an `n`-page site.
pub fn article(rng: &mut Rng, i: usize, n: usize, edit: Option<usize>) -> String {
    let mut s = String::with_capacity(6000);
    let title = rng.words(4);
    let year = 2018 + i % 8;
    let month = 1 + i % 12;
    let day = 1 + i % 28;
    let tags: Vec<&str> = (0..3).map(|_| TAGS[rng.below(TAGS.len())]).collect();
    let _ = writeln!(
        s,
        "---\ntitle: \"{title} {i}\"\ndate: {year}-{month:02}-{day:02}"
    );
    let _ = writeln!(s, "description: \"{}\"", rng.words(10));
    let _ = writeln!(s, "tags: [{}]\n---\n", tags.join(", "));
    if let Some(e) = edit {
        let _ = writeln!(s, "Edit number {e} of this article.\n");
    }
    for section in 0..4 {
        let _ = writeln!(s, "## {} {section}\n", rng.words(3));
        let _ = writeln!(s, "{}\n", rng.paragraph());
        let other = rng.below(n);
        let _ = writeln!(
            s,
            "{} See [{}]({}.md) and [the docs](https://example.org/{}).\n",
            rng.paragraph(),
            rng.words(2),
            slug(other),
            rng.word()
        );
        match section {
            0 => {
                for _ in 0..5 {
                    let _ = writeln!(s, "- {}", rng.words(6));
                }
                s.push('\n');
            }
            1 => {
                for k in 0..4 {
                    let mark = if k % 2 == 0 { "x" } else { " " };
                    let _ = writeln!(s, "- [{mark}] {}", rng.words(5));
                }
                s.push('\n');
            }
            2 => {
                s.push_str("| name | value | note |\n|---|---|---|\n");
                for _ in 0..4 {
                    let _ = writeln!(
                        s,
                        "| {} | {} | {} |",
                        rng.word(),
                        rng.below(1000),
                        rng.words(3)
                    );
                }
                s.push('\n');
            }
            _ => {
                // Each page's block differs, as on a real site (and as in
                // the corpus the peers were measured on).
                let (lang, code) = CODE[i % CODE.len()];
                let code = code
                    .replace("NAME", &format!("{}_{i}", rng.word()))
                    .replace("NUM", &rng.below(512).to_string());
                let _ = writeln!(s, "```{lang}\n{code}```\n");
            }
        }
        let _ = writeln!(s, "### {}\n\n{}\n", rng.words(2), rng.paragraph());
    }
    s
}

/// Writes an `n`-article site into `dir` (which must be empty).
pub fn generate(dir: &Path, n: usize, seed: u64) {
    let articles = dir.join("content/articles");
    std::fs::create_dir_all(&articles).expect("create content/articles");
    std::fs::write(
        dir.join("site.toml"),
        "title = \"Benchmark\"\nbase_url = \"https://bench.example.org/\"\nauthor = \"Bench\"\n",
    )
    .expect("write site.toml");
    std::fs::write(
        dir.join("content/_index.md"),
        "---\ntitle: Benchmark\n---\nA generated site.\n",
    )
    .expect("write _index.md");
    for i in 0..n {
        let mut rng = Rng::new(seed ^ (i as u64 + 1));
        std::fs::write(
            articles.join(format!("{}.md", slug(i))),
            article(&mut rng, i, n, None),
        )
        .expect("write article");
    }
}

/// Rewrites article `i` as edit number `edit` (same seed, new first line).
pub fn edit(dir: &Path, n: usize, seed: u64, i: usize, edit: usize) {
    let mut rng = Rng::new(seed ^ (i as u64 + 1));
    let path = dir.join("content/articles").join(format!("{}.md", slug(i)));
    std::fs::write(path, article(&mut rng, i, n, Some(edit))).expect("edit article");
}
