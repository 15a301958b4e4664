//! The house rule: folio is a one-way pipeline. This test reads every
//! `src/**/*.rs`, collects the modules each file names (`use crate::…`,
//! inline `crate::a::b` paths, `super::…` resolved, `pub use` re-exports, and
//! `folio::…` in the binary), and checks the graph of modules has no cycle
//! and never points from a lower floor to a higher one.
//!
//! A module is one entry of `src/` (a file or a folder), except that the
//! folders listed in [`SPLIT`] count each of their own entries as a module.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Folders whose entries are modules of their own in the graph.
const SPLIT: &[&str] = &["render"];

/// The floors, lowest first. A module may name modules on its own floor or
/// below, never above. Every module of `src/` must be on some floor.
const FLOORS: &[&[&str]] = &[
    // ground floor: small shared types and helpers with no folio imports
    // of their own beyond this floor
    &[
        "error",
        "diagnostic",
        "date",
        "calendar",
        "percent",
        "slug",
        "html",
        "yaml",
        "audience",
        "timings",
        "mojibake",
    ],
    &["config"],
    &[
        "highlight",
        "cache",
        "markdown",
        "build_cache",
        "content",
        "history",
    ],
    &["progress", "export", "output"],
    &[
        "render",
        "render::burnup",
        "render::career",
        "render::context",
        "render::dashboard",
        "render::feeds",
        "render::pdf",
        "render::progress_json",
        "render::redirects",
        "render::roadmap_ctx",
        "render::theme",
        "render::timeline",
    ],
    &["links", "crypt", "site_lock", "images"],
    &["build"],
    &["rebuild", "check", "watch", "serve", "scaffold"],
    &["cli"],
];

/// Imports known to point the wrong way, each excused here by name until it
/// is fixed (and [`known_wrong_way_imports_still_exist`] makes sure a fixed
/// one leaves this list). Anything not listed fails the tests below.
const KNOWN: &[(&str, &str, &str)] = &[];

type Graph = BTreeMap<String, BTreeSet<String>>;

#[test]
fn known_wrong_way_imports_still_exist() {
    let graph = graph_with_known();
    for (from, to, why) in KNOWN {
        assert!(
            graph.get(*from).is_some_and(|t| t.contains(*to)),
            "{from} no longer imports {to} ({why}): remove it from KNOWN"
        );
    }
}

#[test]
fn src_modules_form_no_import_cycle() {
    let graph = graph();
    let cycles = cycles(&graph);
    assert!(
        cycles.is_empty(),
        "import cycles among src/ modules:\n{}",
        cycles
            .iter()
            .map(|c| format!("  {}", c.join(" -> ")))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn lower_modules_never_import_higher_ones() {
    let graph = graph();
    let floor = |m: &str| FLOORS.iter().position(|f| f.contains(&m));
    let mut unplaced = BTreeSet::new();
    let mut upward = Vec::new();
    for (from, tos) in &graph {
        for to in std::iter::once(from).chain(tos) {
            if floor(to).is_none() {
                unplaced.insert(to.clone());
            }
        }
        for to in tos {
            if let (Some(a), Some(b)) = (floor(from), floor(to))
                && a < b
            {
                upward.push(format!("  {from} (floor {a}) imports {to} (floor {b})"));
            }
        }
    }
    assert!(
        unplaced.is_empty(),
        "modules on no floor of FLOORS: {unplaced:?}"
    );
    assert!(
        upward.is_empty(),
        "lower modules import higher ones:\n{}",
        upward.join("\n")
    );
}

/// `docs/architecture.md` is the map of the house: every module of `src/`
/// (each entry, and each entry of the [`SPLIT`] folders) is named there, so
/// a new module cannot land without saying what it owns.
#[test]
fn every_module_is_on_the_map() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let map = fs::read_to_string(root.join("docs/architecture.md")).expect("docs/architecture.md");
    let mut missing = Vec::new();
    let entries = |dir: &Path| -> Vec<(String, bool)> {
        let mut names: Vec<(String, bool)> = fs::read_dir(dir)
            .expect("read src")
            .map(|e| {
                let e = e.expect("entry");
                (
                    e.file_name().to_string_lossy().into_owned(),
                    e.path().is_dir(),
                )
            })
            .filter(|(name, is_dir)| *is_dir || name.ends_with(".rs"))
            .collect();
        names.sort();
        names
    };
    for (name, is_dir) in entries(&root.join("src")) {
        if name == "lib.rs" {
            continue;
        }
        let stem = name.trim_end_matches(".rs");
        // A folder beside a same-named file (`config.rs` + `config/`) is
        // that file's children: either may be named.
        let named = [format!("`src/{stem}.rs`"), format!("`src/{stem}/`")]
            .iter()
            .any(|n| map.contains(n.as_str()));
        if !named {
            missing.push(if is_dir {
                format!("src/{stem}/")
            } else {
                format!("src/{stem}.rs")
            });
        }
        if is_dir && SPLIT.contains(&stem) {
            for (sub, _) in entries(&root.join("src").join(stem)) {
                let sub = sub.trim_end_matches(".rs");
                if sub != "mod" && !map.contains(&format!("`{stem}::{sub}`")) {
                    missing.push(format!("{stem}::{sub}"));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/architecture.md does not name these modules: {}; add each with what it owns and what it may not do",
        missing.join(", ")
    );
}

#[test]
fn the_scanner_sees_paths_the_way_rustc_resolves_them() {
    let found = named_modules(
        &["content".to_string(), "view".to_string()],
        false,
        &BTreeSet::new(),
        "use crate::{config::Config, render::{career::x, context}};\n\
         use super::cv;\n\
         // use crate::build;\n\
         let s = \"crate::check\";\n\
         let x = crate::output::write(y);\n\
         pub use crate::cache::Stamp;\n\
         #[cfg(test)]\nmod tests {\n use super::*;\n use crate::links::Memo;\n}",
    );
    let found: Vec<_> = found.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        found,
        [
            "config::Config",
            "render::career::x",
            "render::context",
            "content::cv",
            "output::write",
            "cache::Stamp",
            "content::view",
            "links::Memo",
        ]
    );
}

/// The graph without the [`KNOWN`] wrong-way imports.
fn graph() -> Graph {
    let mut graph = graph_with_known();
    for (from, to, _) in KNOWN {
        if let Some(tos) = graph.get_mut(*from) {
            tos.remove(*to);
        }
    }
    graph
}

/// Every module's set of the other modules it names.
fn graph_with_known() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = Graph::new();
    for file in rust_files(&src) {
        let rel = file.strip_prefix(&src).expect("under src");
        let parts: Vec<String> = rel
            .with_extension("")
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let bin = parts[0] == "main" || parts[0] == "cli";
        let mut path = parts.clone();
        if matches!(
            path.last().map(String::as_str),
            Some("mod" | "lib" | "main")
        ) {
            path.pop();
        }
        let text = fs::read_to_string(&file).expect("readable source");
        let children = declared_children(&text);
        let from = if bin { "cli".to_string() } else { node(&path) };
        let entry = graph.entry(from.clone()).or_default();
        if from.is_empty() {
            continue; // lib.rs only declares the modules
        }
        for named in named_modules(&path, bin, &children, &text) {
            let to = if bin && named.first().map(String::as_str) == Some("cli") {
                "cli".to_string()
            } else {
                node(&named)
            };
            // A split folder's own `mod.rs` items are its front door: its
            // entries may use them (`super::Page`) without that being a cycle.
            let parent = from.split("::").next().unwrap_or_default();
            if !to.is_empty() && to != from && to != parent {
                entry.insert(to);
            }
        }
    }
    graph.remove("");
    graph
}

/// The graph node a module path belongs to.
fn node(path: &[String]) -> String {
    match path {
        [] => String::new(),
        [top, sub, ..] if SPLIT.contains(&top.as_str()) && is_submodule(top, sub) => {
            format!("{top}::{sub}")
        }
        [top, ..] => top.clone(),
    }
}

/// Whether `src/top/sub.rs` or `src/top/sub/` exists.
fn is_submodule(top: &str, sub: &str) -> bool {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(top);
    dir.join(format!("{sub}.rs")).is_file() || dir.join(sub).is_dir()
}

fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("readable src")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// Names of `mod x;` declared in a file (submodules in their own files).
fn declared_children(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("pub ").unwrap_or(l);
            let l = l.strip_prefix("pub(crate) ").unwrap_or(l);
            l.strip_prefix("mod ")?
                .strip_suffix(';')
                .map(str::to_string)
        })
        .collect()
}

/// The absolute module paths (`crate::` dropped) a file names. `module` is
/// the file's own path; `bin` says `folio::` is the library's root.
fn named_modules(
    module: &[String],
    bin: bool,
    children: &BTreeSet<String>,
    text: &str,
) -> Vec<Vec<String>> {
    let code = strip_comments_and_strings(text);
    let mut found = Vec::new();
    // Positions, not lines, so a multi-line `use crate::{…}` parses.
    let bytes: Vec<char> = code.chars().collect();
    let mut inside_inline = false;
    let mut i = 0;
    while i < bytes.len() {
        if starts_word(&bytes, i, "mod ") {
            let rest: String = bytes[i..].iter().take_while(|c| **c != '\n').collect();
            if rest.trim_end().ends_with('{') {
                inside_inline = true;
            }
        }
        let roots: [(&str, Option<Vec<String>>); 3] = [
            ("crate::", if bin { None } else { Some(vec![]) }),
            ("folio::", if bin { Some(vec![]) } else { None }),
            ("super::", Some(Vec::new())),
        ];
        let mut matched = false;
        for (word, base) in roots {
            let Some(mut base) = base else { continue };
            if !starts_word(&bytes, i, word) {
                continue;
            }
            let mut j = i + word.len();
            if word == "super::" {
                base = module.to_vec();
                if !inside_inline {
                    base.pop();
                }
                while starts_word(&bytes, j, "super::") {
                    base.pop();
                    j += "super::".len();
                }
            }
            let (paths, end) = use_tree(&bytes, j);
            for p in paths {
                let mut full = base.clone();
                full.extend(p.into_iter().filter(|s| s != "self"));
                if !full.is_empty() {
                    found.push(full);
                }
            }
            i = end;
            matched = true;
            break;
        }
        if matched {
            continue;
        }
        // `child::x` where `mod child;` is declared in this file.
        if i == 0 || !is_ident(bytes[i - 1]) && bytes[i - 1] != ':' {
            let word: String = bytes[i..].iter().take_while(|c| is_ident(**c)).collect();
            if !word.is_empty()
                && children.contains(&word)
                && starts_word(&bytes, i + word.len(), "::")
            {
                let (paths, end) = use_tree(&bytes, i);
                for p in paths {
                    let mut full = module.to_vec();
                    full.extend(p);
                    found.push(full);
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
    found
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `word` starts at `i`, not in the middle of an identifier or path.
fn starts_word(s: &[char], i: usize, word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    s.len() >= i + w.len()
        && s[i..i + w.len()] == w[..]
        && (i == 0 || !is_ident(s[i - 1]) && (word == "::" || s[i - 1] != ':'))
}

/// Parses a path or `use` tree at `i`: `a::b`, `a::{b, c::d}`, `*`. Returns
/// the leaf paths (at most two segments deep is all the graph needs, but
/// whole paths are kept) and where the tree ends.
fn use_tree(s: &[char], mut i: usize) -> (Vec<Vec<String>>, usize) {
    let skip_ws = |s: &[char], mut i: usize| {
        while i < s.len() && s[i].is_whitespace() {
            i += 1;
        }
        i
    };
    i = skip_ws(s, i);
    if i < s.len() && s[i] == '{' {
        let mut all = Vec::new();
        i += 1;
        loop {
            i = skip_ws(s, i);
            if i >= s.len() {
                return (all, i);
            }
            if s[i] == '}' {
                return (all, i + 1);
            }
            if s[i] == ',' {
                i += 1;
                continue;
            }
            let (paths, end) = use_tree(s, i);
            all.extend(paths);
            i = if end == i { i + 1 } else { end };
        }
    }
    let start = i;
    while i < s.len() && is_ident(s[i]) {
        i += 1;
    }
    if i == start {
        return (
            if i < s.len() && s[i] == '*' {
                vec![vec![]]
            } else {
                vec![]
            },
            i,
        );
    }
    let name: String = s[start..i].iter().collect();
    if s.len() > i + 1 && s[i] == ':' && s[i + 1] == ':' {
        let (rest, end) = use_tree(s, i + 2);
        let rest = if rest.is_empty() { vec![vec![]] } else { rest };
        let paths = rest
            .into_iter()
            .map(|mut p| {
                p.insert(0, name.clone());
                p
            })
            .collect();
        return (paths, end);
    }
    (vec![vec![name]], i)
}

/// The code with comments and string/char literals blanked, so a path in a
/// doc comment or a message is not an import. Newlines are kept.
fn strip_comments_and_strings(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < c.len() {
        if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if c[i] == '\n' {
                        out.push('\n');
                    }
                    i += 1;
                }
            }
        } else if c[i] == 'r'
            && (c.get(i + 1) == Some(&'"') || c.get(i + 1) == Some(&'#'))
            && (i == 0 || !is_ident(c[i - 1]))
        {
            // raw string r"…" / r#"…"#
            let mut j = i + 1;
            let mut hashes = 0;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            j += 1;
            while j < c.len() {
                if c[j] == '"' && (0..hashes).all(|k| c.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                if c[j] == '\n' {
                    out.push('\n');
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c[i] == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    i += 1;
                }
                if c.get(i) == Some(&'\n') {
                    out.push('\n');
                }
                i += 1;
            }
            out.push_str("\"\"");
            i += 1;
        } else if c[i] == '\'' && c.get(i + 2) == Some(&'\'') {
            out.push_str("' '");
            i += 3;
        } else if c[i] == '\'' && c.get(i + 1) == Some(&'\\') {
            let mut j = i + 2;
            while j < c.len() && c[j] != '\'' {
                j += 1;
            }
            out.push_str("' '");
            i = j + 1;
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// Every elementary cycle's representative: for each strongly connected
/// component with more than one module, the component's members in a cycle
/// order found by walking it.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    // Tarjan's strongly connected components.
    struct State<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        components: Vec<Vec<String>>,
    }
    fn visit<'a>(st: &mut State<'a>, v: &'a str) {
        let n = st.index.len();
        st.index.insert(v, n);
        st.low.insert(v, n);
        st.stack.push(v);
        st.on_stack.insert(v);
        for w in st.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !st.index.contains_key(w) {
                visit(st, w);
                let lw = st.low[w];
                let lv = st.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if st.on_stack.contains(w) {
                let iw = st.index[w];
                let lv = st.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if st.low[v] == st.index[v] {
            let mut component = Vec::new();
            while let Some(w) = st.stack.pop() {
                st.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                st.components.push(component);
            }
        }
    }
    let mut st = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        components: Vec::new(),
    };
    for v in graph.keys() {
        if !st.index.contains_key(v.as_str()) {
            visit(&mut st, v);
        }
    }
    // List each component with the edges that tie it, so the fix is visible.
    st.components
        .into_iter()
        .map(|comp| {
            let set: BTreeSet<&String> = comp.iter().collect();
            let mut edges = Vec::new();
            for a in &comp {
                for b in &graph[a] {
                    if set.contains(b) {
                        edges.push(format!("{a}→{b}"));
                    }
                }
            }
            vec![format!("{{{}}} via {}", comp.join(", "), edges.join(" "))]
        })
        .collect()
}
