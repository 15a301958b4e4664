//! A memo of parsed lines of code. The same line of the same language,
//! reached in the same parser state, always parses to the same scope
//! operations and the same next state, so a line that repeats across code
//! blocks (a closing brace, an import, a blank line, a derive) is parsed
//! once per build instead of once per block.
//!
//! The memo is shared by the threads that render bodies: a line parsed on
//! one is not parsed again on another. Every line parsed is kept until the
//! memo holds [`KEEP_ALL`] parses (a site of a few thousand code lines);
//! past that, a line is kept only the second time it is seen, so the lines
//! that appear once (most of them, on a large site) cost a hash and nothing
//! more, and the memo stays bounded: at most [`MAX_ENTRIES`] parses (on
//! the peers' benchmark site at 1,000 pages it added 10 MB to a build's
//! peak memory, and nothing measurable at 10,000, where the peak comes
//! after the memo is freed).

use std::hash::{Hash, Hasher};
use std::sync::{Arc, LazyLock, PoisonError, RwLock};

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use syntect::parsing::{ParseState, ParsingError, ScopeStackOp, SyntaxReference, SyntaxSet};

/// The scope operations of one line, as syntect's parser gives them.
pub(super) type Ops = Arc<[(usize, ScopeStackOp)]>;

/// Parses kept whether or not their line was seen before.
const KEEP_ALL: usize = 12_000;
/// Parses kept; past it, lines are parsed without the memo.
const MAX_ENTRIES: usize = 24_000;
/// Parser states kept for one line (a `}` closes many different blocks).
const MAX_STATES: usize = 8;
/// Lines remembered as seen once; the set starts again past it.
const MAX_SEEN: usize = 250_000;

struct Entry {
    before: Kept,
    ops: Ops,
    /// `None` when the line leaves the state as it was (most lines).
    after: Option<Kept>,
}

/// A parser state kept in the memo, for any thread to compare and clone.
struct Kept(ParseState);

// SAFETY: a `ParseState` is neither `Send` nor `Sync` only because a level
// of its stack may hold the captures of a match: an oniguruma region, whose
// raw pointers own two heap arrays of offsets. A kept state is only
// compared and cloned (both read those arrays) and dropped (which frees
// them), never changed; none of that is tied to the thread that made it.
unsafe impl Send for Kept {}
// SAFETY: as above: shared kept states are only read.
unsafe impl Sync for Kept {}

/// Which syntax of which set a line was parsed with.
type SyntaxKey = (usize, usize);

struct Memo {
    /// Hashes of (syntax, line) seen at least once. The maps hash with
    /// rustc's Fx hash, not SipHash: every line of code is looked up here,
    /// and the keys are the site's own.
    seen: FxHashSet<u64>,
    /// Syntax → line → the parses of that line, by the state before it.
    lines: FxHashMap<SyntaxKey, FxHashMap<Box<str>, Vec<Entry>>>,
    entries: usize,
    /// [`KEEP_ALL`] and [`MAX_ENTRIES`], smaller in tests.
    keep_all: usize,
    max_entries: usize,
    /// Lines taken from the memo (for the tests).
    #[cfg(test)]
    hits: std::sync::atomic::AtomicUsize,
}

impl Default for Memo {
    fn default() -> Self {
        Memo::with_limits(KEEP_ALL, MAX_ENTRIES)
    }
}

static MEMO: LazyLock<RwLock<Memo>> = LazyLock::new(RwLock::default);

/// Parses `line` (with its newline) in `state`, as
/// [`ParseState::parse_line`] does, from the memo when the same line of the
/// same syntax was parsed in the same state before, on any thread.
pub(super) fn parse_line(
    syntax: &SyntaxReference,
    set: &SyntaxSet,
    state: &mut ParseState,
    line: &str,
) -> Result<Ops, ParsingError> {
    parse_line_in(&MEMO, syntax, set, state, line)
}

fn parse_line_in(
    memo: &RwLock<Memo>,
    syntax: &SyntaxReference,
    set: &SyntaxSet,
    state: &mut ParseState,
    line: &str,
) -> Result<Ops, ParsingError> {
    let key = (
        std::ptr::from_ref(set) as usize,
        std::ptr::from_ref(syntax) as usize,
    );
    let full = {
        let memo = memo.read().unwrap_or_else(PoisonError::into_inner);
        if let Some(ops) = memo.take(key, line, state) {
            return Ok(ops);
        }
        memo.entries >= memo.max_entries
    };
    if full {
        // No room: neither the state before the line nor the write lock
        // is needed.
        return Ok(state.parse_line(line, set)?.into());
    }
    let before = state.clone();
    let ops: Ops = state.parse_line(line, set)?.into();
    memo.write()
        .unwrap_or_else(PoisonError::into_inner)
        .keep(key, line, before, &ops, state);
    Ok(ops)
}

/// Empties the memo, giving its memory back.
pub(super) fn clear() {
    *MEMO.write().unwrap_or_else(PoisonError::into_inner) = Memo::default();
}

impl Memo {
    fn with_limits(keep_all: usize, max_entries: usize) -> Self {
        Memo {
            seen: FxHashSet::default(),
            lines: FxHashMap::default(),
            entries: 0,
            keep_all,
            max_entries,
            #[cfg(test)]
            hits: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// The ops of `line` parsed in `state`, moving `state` past the line,
    /// when the memo has them.
    fn take(&self, key: SyntaxKey, line: &str, state: &mut ParseState) -> Option<Ops> {
        let entry = self
            .lines
            .get(&key)?
            .get(line)?
            .iter()
            .find(|e| e.before.0 == *state)?;
        if let Some(after) = &entry.after {
            *state = after.0.clone();
        }
        #[cfg(test)]
        self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(Arc::clone(&entry.ops))
    }

    /// Keeps the parse of `line` from `before` to `after` if there is room
    /// and, once the memo is past [`KEEP_ALL`], the line was seen before.
    fn keep(
        &mut self,
        key: SyntaxKey,
        line: &str,
        before: ParseState,
        ops: &Ops,
        after: &ParseState,
    ) {
        if self.entries >= self.max_entries {
            return;
        }
        if !self.seen_before(key, line) && self.entries >= self.keep_all {
            return;
        }
        let entries = self
            .lines
            .entry(key)
            .or_default()
            .entry(line.into())
            .or_default();
        // Another thread may have kept the same parse meanwhile.
        if entries.len() < MAX_STATES && !entries.iter().any(|e| e.before.0 == before) {
            entries.push(Entry {
                after: (*after != before).then(|| Kept(after.clone())),
                before: Kept(before),
                ops: Arc::clone(ops),
            });
            self.entries += 1;
        }
    }

    /// Whether this line of this syntax was seen before; notes it if not.
    fn seen_before(&mut self, key: SyntaxKey, line: &str) -> bool {
        let mut h = FxHasher::default();
        (key, line).hash(&mut h);
        if self.seen.len() >= MAX_SEEN {
            self.seen.clear();
        }
        !self.seen.insert(h.finish())
    }
}

#[cfg(test)]
mod tests {
    use syntect::html::{ClassStyle, ClassedHTMLGenerator};
    use syntect::util::LinesWithEndings;

    use proptest::prelude::*;

    use super::super::spans::tests::read;
    use super::super::{Highlighted, highlight, syntaxes};
    use super::{Memo, parse_line_in};
    use std::sync::RwLock;
    use std::sync::atomic::Ordering;
    use syntect::parsing::ParseState;

    /// `ours` paints every character of `code` as syntect's own generator
    /// does, with no needless span.
    fn same_paint(code: &str, lang: &str) -> Result<(), String> {
        let (ours, needless) = read(&ours(code, lang));
        let (theirs, _) = read(&syntect_html(code, lang));
        if !needless.is_empty() {
            return Err(format!("{lang} {code:?}: needless spans {needless:?}"));
        }
        if ours != theirs {
            return Err(format!("{lang} {code:?}: painted differently"));
        }
        Ok(())
    }

    /// What syntect's own generator makes of `code`.
    fn syntect_html(code: &str, lang: &str) -> String {
        let set = syntaxes();
        let syntax = set.find_syntax_by_token(lang).expect("known language");
        let mut generator = ClassedHTMLGenerator::new_with_class_style(
            syntax,
            set,
            ClassStyle::SpacedPrefixed { prefix: "hl-" },
        );
        for line in LinesWithEndings::from(code) {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .expect("parses");
        }
        generator.finalize()
    }

    fn ours(code: &str, lang: &str) -> String {
        match highlight(code, lang) {
            Highlighted::Html(html) => html,
            _ => panic!("{lang} should highlight"),
        }
    }

    /// Blocks that share lines in different parser states: a `}` closing a
    /// function, a struct, a string that spans lines, a comment that does.
    const BLOCKS: &[(&str, &str)] = &[
        ("rust", "fn a() {\n    let s = \"x\n}\n\";\n}\n"),
        ("rust", "struct S {\n    a: u8,\n}\n/* open\n}\n*/\n}\n"),
        ("rust", "fn a() {\n    let s = \"x\n}\n\";\n}\n"),
        (
            "python",
            "def f():\n    \"\"\"doc\n}\n\"\"\"\n    return 1\n",
        ),
        ("python", "x = '''\ndef f():\n'''\ndef f():\n    return 1\n"),
        ("yaml", "a: |\n  }\n  b: c\nb: c\n"),
        ("rust", "struct S {\n    a: u8,\n}\n"),
        ("rust", ""),
        ("rust", "no newline at the end }"),
    ];

    /// The memo changes nothing: every block, in an order where each line
    /// was first seen in another state, paints each character as syntect's
    /// own generator does, first time and every time after.
    #[test]
    fn memoised_lines_highlight_as_syntect_does() {
        for round in 0..3 {
            for (lang, code) in BLOCKS {
                if let Err(e) = same_paint(code, lang) {
                    panic!("round {round}: {e}");
                }
            }
        }
    }

    /// Parses `code` as `lang` through `memo`, checking each line's ops
    /// and the state after it against syntect's own parse; gives how many
    /// lines came from the memo.
    fn parse_through(memo: &RwLock<Memo>, code: &str, lang: &str) -> usize {
        let set = syntaxes();
        let syntax = set.find_syntax_by_token(lang).expect("known language");
        let before = memo.read().expect("memo").hits.load(Ordering::Relaxed);
        let mut ours = ParseState::new(syntax);
        let mut theirs = ParseState::new(syntax);
        for line in LinesWithEndings::from(code) {
            let ops = parse_line_in(memo, syntax, set, &mut ours, line).expect("parses");
            let direct = theirs.parse_line(line, set).expect("parses");
            assert_eq!(&ops[..], &direct[..], "{lang} line {line:?}");
            assert!(ours == theirs, "{lang}: state after {line:?}");
        }
        memo.read().expect("memo").hits.load(Ordering::Relaxed) - before
    }

    const BLOCK: &str = "use std::fmt;\n\nfn main() {\n    let x = 1;\n}\n";

    /// A block's lines are kept the first time they are parsed: the same
    /// block again comes wholly from the memo.
    #[test]
    fn a_block_parsed_once_comes_from_the_memo_the_second_time() {
        let memo = RwLock::new(Memo::default());
        assert_eq!(parse_through(&memo, BLOCK, "rust"), 0);
        assert_eq!(parse_through(&memo, BLOCK, "rust"), 5);
    }

    /// The memo is the build's, not a thread's: a line parsed while
    /// rendering one page is not parsed again for a page on another thread.
    #[test]
    fn a_line_parsed_on_one_thread_is_reused_on_another() {
        let memo = RwLock::new(Memo::default());
        std::thread::scope(|s| {
            s.spawn(|| parse_through(&memo, BLOCK, "rust"));
        });
        assert_eq!(parse_through(&memo, BLOCK, "rust"), 5);
    }

    /// Past its first parses, the memo keeps only lines seen twice, and
    /// never more than its limit: a large site's one-off lines do not fill
    /// it.
    #[test]
    fn a_full_memo_keeps_only_repeated_lines_and_stops_at_its_limit() {
        let memo = RwLock::new(Memo::with_limits(2, 4));
        parse_through(&memo, "a = 1\nb = 2\n", "python");
        // Kept at first sight: the memo held fewer than 2 parses.
        assert_eq!(parse_through(&memo, "a = 1\nb = 2\n", "python"), 2);
        // Seen once, past the first 2: not kept.
        parse_through(&memo, "c = 3\n", "python");
        assert_eq!(parse_through(&memo, "d = 4\n", "python"), 0);
        assert_eq!(memo.read().expect("memo").entries, 2);
        // Seen twice: kept, up to the limit of 4.
        assert_eq!(parse_through(&memo, "c = 3\n", "python"), 0);
        assert_eq!(parse_through(&memo, "c = 3\n", "python"), 1);
        parse_through(&memo, "d = 4\ne = 5\ne = 5\nf = 6\nf = 6\n", "python");
        assert_eq!(memo.read().expect("memo").entries, 4);
        assert_eq!(parse_through(&memo, "f = 6\n", "python"), 0);
        // Full, it still serves what it kept, and parses the rest itself.
        assert_eq!(parse_through(&memo, "c = 3\nf = 6\n", "python"), 1);
        assert_eq!(memo.read().expect("memo").entries, 4);
    }

    /// A line kept in one parser state is parsed again in another, and
    /// each state gets its own parse (a `}` closing a function, or inside
    /// a string).
    #[test]
    fn the_same_line_in_another_state_is_parsed_again() {
        let memo = RwLock::new(Memo::default());
        let line = "    let x = 1; // }\n";
        let plain = format!("fn a() {{\n{line}}}\n");
        let in_string = format!("fn a() {{\n    let s = \"\n{line}\";\n}}\n");
        assert_eq!(parse_through(&memo, &plain, "rust"), 0);
        assert!(parse_through(&memo, &in_string, "rust") < 5);
        assert_eq!(parse_through(&memo, &plain, "rust"), 3);
        assert_eq!(parse_through(&memo, &in_string, "rust"), 5);
    }

    /// Lines that open and close every kind of nesting these grammars know
    /// (strings, block comments, brackets, heredoc-like blocks), in any
    /// order and any language: the memo and the span writer never change
    /// what any character looks like.
    fn line() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "}",
            "{",
            "fn a() {",
            "\"",
            "'''",
            "\"\"\"",
            "/*",
            "*/",
            "#",
            "//",
            "x = 1",
            "  b: c",
            "a: |",
            "- [",
            "]",
            "def f():",
            "    return 1",
            "",
            "<<EOF",
            "EOF",
            "`",
            "r#\"",
            "\"#",
            "\\",
        ])
        .prop_map(str::to_string)
    }

    proptest! {
        #[test]
        fn any_sequence_of_blocks_highlights_as_syntect_does(
            blocks in prop::collection::vec(
                (
                    prop::sample::select(vec!["rust", "python", "yaml", "sh", "js"]),
                    prop::collection::vec(line(), 0..12),
                ),
                1..8,
            )
        ) {
            for (lang, lines) in blocks {
                let code = lines.join("\n");
                prop_assert_eq!(same_paint(&code, lang), Ok(()));
            }
        }
    }
}
