use super::*;

fn lines_of(text: &str, section: Option<&str>) -> (String, Vec<usize>) {
    let c = convert(text, section).expect("converts");
    (c.text, c.lines)
}

#[test]
fn plain_bullets_of_every_marker_become_open_tasks() {
    let text = "# Plan\n\n- one\n* two\n+ three\n1. four\n2) five\n";
    let (out, lines) = lines_of(text, None);
    assert_eq!(
        out,
        "# Plan\n\n- [ ] one\n* [ ] two\n+ [ ] three\n1. [ ] four\n2) [ ] five\n"
    );
    assert_eq!(lines, vec![3, 4, 5, 6, 7]);
}

#[test]
fn tasks_of_any_status_code_and_front_matter_are_left_alone() {
    let text = "---\ntags:\n - a\n---\n# Plan\n\n- [x] done\n- [/] going\n- [>] later\n- new\n\n```\n- in code\n```\n\n    - indented code\n";
    let (out, lines) = lines_of(text, None);
    assert_eq!(out, text.replace("- new", "- [ ] new"));
    assert_eq!(lines, vec![10]);
}

#[test]
fn nested_bullets_and_crlf_keep_their_bytes() {
    let text = "# Plan\r\n\r\n- parent\r\n  - child\r\n    1.  deep\r\n";
    let (out, lines) = lines_of(text, None);
    assert_eq!(
        out,
        "# Plan\r\n\r\n- [ ] parent\r\n  - [ ] child\r\n    1.  [ ] deep\r\n"
    );
    assert_eq!(lines, vec![3, 4, 5]);
}

#[test]
fn a_section_means_it_and_its_subsections_only() {
    let text = "- before\n## Year 1 [/]\n- a\n### Detail\n- b\n## Year 2\n- c\n";
    let (out, lines) = lines_of(text, Some("year 1"));
    assert_eq!(
        out,
        "- before\n## Year 1 [/]\n- [ ] a\n### Detail\n- [ ] b\n## Year 2\n- c\n"
    );
    assert_eq!(lines, vec![3, 5]);
    // A unique part of the heading is enough.
    assert_eq!(lines_of(text, Some("ear 2")).1, vec![7]);
}

#[test]
fn an_unknown_or_ambiguous_section_is_a_usage_message() {
    let text = "## Year 1\n- a\n## Year 2\n- b\n";
    let none = convert(text, Some("Year 3")).unwrap_err();
    assert!(none.contains("no section \"Year 3\""), "{none}");
    assert!(none.contains("year 1") && none.contains("year 2"), "{none}");
    let many = convert(text, Some("year")).unwrap_err();
    assert!(many.contains("names 2 sections"), "{many}");
}

#[test]
fn empty_items_and_a_file_without_bullets_change_nothing() {
    let text = "# Plan\n\n-\n- \n\nText only.";
    let (out, lines) = lines_of(text, None);
    assert_eq!(out, text);
    assert!(lines.is_empty());
}

#[test]
fn the_diff_is_unified_with_context_and_hunks() {
    let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n- x\n- y";
    let c = convert(old, None).expect("converts");
    let diff = crate::scaffold::diff::unified("r.md", old, &c.text, &c.lines);
    assert_eq!(
        diff,
        "--- a/r.md\n+++ b/r.md\n@@ -8,5 +8,5 @@\n h\n i\n j\n-- x\n+- [ ] x\n-- y\n\\ No newline at end of file\n+- [ ] y\n\\ No newline at end of file\n"
    );
}
