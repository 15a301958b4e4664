//! A memo of parsed lines of code. The same line of the same language,
//! reached in the same parser state, always parses to the same scope
//! operations and the same next state, so a line that repeats across code
//! blocks (a closing brace, an import, a blank line, a derive) is parsed
//! once per thread instead of once per block.
//!
//! A line is kept only the second time it is seen, so lines that appear
//! once (most of them) cost a hash and nothing more, and the memo stays
//! small: at most [`MAX_ENTRIES`] parses per thread.

use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use syntect::parsing::{ParseState, ParsingError, ScopeStackOp, SyntaxReference, SyntaxSet};

/// The scope operations of one line, as syntect's parser gives them.
pub(super) type Ops = Arc<[(usize, ScopeStackOp)]>;

/// Parses kept per thread; past it, lines are parsed without the memo.
const MAX_ENTRIES: usize = 20_000;
/// Parser states kept for one line (a `}` closes many different blocks).
const MAX_STATES: usize = 8;
/// Lines remembered as seen once; the set starts again past it.
const MAX_SEEN: usize = 500_000;

struct Entry {
    before: ParseState,
    ops: Ops,
    after: ParseState,
}

#[derive(Default)]
struct Memo {
    /// Hashes of (syntax, line) seen at least once. The maps hash with
    /// rustc's Fx hash, not SipHash: every line of code is looked up here,
    /// and the keys are the site's own.
    seen: FxHashSet<u64>,
    /// Syntax → line → the parses of that line, by the state before it.
    lines: FxHashMap<(usize, usize), FxHashMap<Box<str>, Vec<Entry>>>,
    entries: usize,
    /// Lines taken from the memo (for the tests).
    #[cfg(test)]
    hits: usize,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::default();
}

/// Parses `line` (with its newline) in `state`, as
/// [`ParseState::parse_line`] does, from the memo when this thread parsed
/// the same line of the same syntax in the same state before.
pub(super) fn parse_line(
    syntax: &SyntaxReference,
    set: &SyntaxSet,
    state: &mut ParseState,
    line: &str,
) -> Result<Ops, ParsingError> {
    let key = (
        std::ptr::from_ref(set) as usize,
        std::ptr::from_ref(syntax) as usize,
    );
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        if let Some(entry) = memo
            .lines
            .get(&key)
            .and_then(|lines| lines.get(line))
            .and_then(|entries| entries.iter().find(|e| e.before == *state))
        {
            *state = entry.after.clone();
            let ops = Arc::clone(&entry.ops);
            #[cfg(test)]
            {
                memo.hits += 1;
            }
            return Ok(ops);
        }
        let before = state.clone();
        let ops: Ops = state.parse_line(line, set)?.into();
        if memo.entries < MAX_ENTRIES && memo.seen_before(key, line) {
            let entries = memo
                .lines
                .entry(key)
                .or_default()
                .entry(line.into())
                .or_default();
            if entries.len() < MAX_STATES {
                entries.push(Entry {
                    before,
                    ops: Arc::clone(&ops),
                    after: state.clone(),
                });
                memo.entries += 1;
            }
        }
        Ok(ops)
    })
}

/// Empties this thread's memo, giving its memory back.
pub(super) fn clear() {
    MEMO.with(|memo| *memo.borrow_mut() = Memo::default());
}

/// How many lines this thread took from the memo.
#[cfg(test)]
fn hits() -> usize {
    MEMO.with(|memo| memo.borrow().hits)
}

impl Memo {
    /// Whether this line of this syntax was seen before; notes it if not.
    fn seen_before(&mut self, key: (usize, usize), line: &str) -> bool {
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
    use super::hits;

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

    /// A line seen twice is kept, and a third block reusing it in another
    /// state still gets that state's parse.
    #[test]
    fn the_same_line_in_another_state_is_parsed_again() {
        let line = "    let x = 1; // }\n";
        let plain = format!("fn a() {{\n{line}}}\n");
        let in_string = format!("fn a() {{\n    let s = \"\n{line}\";\n}}\n");
        let before = hits();
        for code in [&plain, &plain, &in_string, &plain, &in_string] {
            if let Err(e) = same_paint(code, "rust") {
                panic!("{e}");
            }
        }
        assert!(hits() > before, "the repeated lines came from the memo");
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
