//! Errors as the owner meets them: every error of a site reported at once
//! (in `build`, `check` and `serve`), however the errors combine; inputs
//! nested deep enough to hang the YAML parser refused at once; and a
//! standard output or error closed early ending folio with exit code 2,
//! not a panic.

mod support;

use std::process::Stdio;

use support::{Site, folio, output_of};

/// Runs `cmd` with standard error (or output) connected to a pipe whose
/// reading end is already closed: every write to it fails. Returns the
/// exit code.
fn exit_code_with_closed(mut cmd: std::process::Command, stream: &str) -> i32 {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    cmd.stdin(Stdio::null());
    match stream {
        "stderr" => cmd.stdout(Stdio::null()).stderr(writer),
        _ => cmd.stdout(writer).stderr(Stdio::null()),
    };
    let status = cmd.status().expect("run folio");
    // A panic would be exit code 101.
    status.code().expect("an exit code, not a signal")
}

#[test]
fn closed_stderr_during_a_failing_build_exits_2_without_panicking() {
    let site = Site::copy("basic");
    site.write("content/articles/bad.md", "---\ntitle: [\n---\nbody\n");
    let code = exit_code_with_closed(site.build_command(&[]), "stderr");
    assert_eq!(code, 2);
}

#[test]
fn closed_stdout_during_an_export_exits_2_without_panicking() {
    let site = Site::copy("cv-sample");
    let root = site.root_string();
    let code = exit_code_with_closed(folio(&["export", "json-resume", "--root", &root]), "stdout");
    assert_eq!(code, 2);
}

#[test]
fn closed_stdout_during_check_exits_2_without_panicking() {
    let site = Site::copy("basic");
    site.write("content/articles/bad.md", "---\ntitle: [\n---\nbody\n");
    let root = site.root_string();
    let code = exit_code_with_closed(folio(&["check", "--root", &root]), "stdout");
    assert_eq!(code, 2);
}

/// `levels` block mappings, each key indented one more space, under `extra:`.
fn block_nested(levels: usize) -> String {
    let mut yaml = String::from("extra:\n");
    for level in 1..=levels {
        yaml.push_str(&format!("{}k{level}:\n", " ".repeat(level)));
    }
    yaml
}

/// 200 KB of `[` nesting: tens of seconds for the YAML parser unguarded.
fn flow_nested() -> String {
    format!("{}{}", "[".repeat(100_000), "]".repeat(100_000))
}

#[test]
fn check_refuses_front_matter_nested_too_deep_in_either_style() {
    let site = Site::copy("basic");
    site.write(
        "content/articles/flow.md",
        &format!("---\ntitle: Flow\nextra: {}\n---\nbody\n", flow_nested()),
    );
    site.write(
        "content/articles/block.md",
        &format!("---\ntitle: Block\n{}---\nbody\n", block_nested(300)),
    );
    let root = site.root_string();
    let out = output_of(&mut folio(&["check", "--root", &root, "--format", "json"]));
    out.assert_code(1);
    let rows = rows(&out.stdout);
    assert_eq!(
        rows,
        [
            "error yaml content/articles/block.md:104:102 invalid YAML: nested more than 100 levels deep",
            "error yaml content/articles/flow.md:3:108 invalid YAML: nested more than 100 levels deep",
        ]
    );
}

#[test]
fn a_cv_nested_too_deep_is_refused_by_build_and_export() {
    let site = Site::copy("basic");
    site.write(
        "content/cv.yaml",
        &format!("basics:\n  name: Ada\nwork: {}\n", flow_nested()),
    );
    let expected = "content/cv.yaml:3:107: error: invalid YAML: nested more than 100 levels deep";
    let out = site.build(&[]);
    out.assert_code(1);
    assert!(out.stderr.contains(expected), "{}", out.stderr);
    assert!(
        out.stderr.contains("hint: a CV is sections of entries of fields, a few levels deep: remove the deep nesting"),
        "{}",
        out.stderr
    );
    assert!(!site.public_dir().exists());

    site.write(
        "content/cv.yaml",
        &format!("basics:\n  name: Ada\n{}", block_nested(200)),
    );
    let root = site.root_string();
    let out = output_of(&mut folio(&["export", "json-resume", "--root", &root]));
    out.assert_code(1);
    assert!(
        out.stderr.contains(
            "content/cv.yaml:104:102: error: invalid YAML: nested more than 100 levels deep"
        ),
        "{}",
        out.stderr
    );
}

/// `severity code path:line:col message` per finding of a JSON report.
fn rows(stdout: &str) -> Vec<String> {
    let findings: serde_json::Value = serde_json::from_str(stdout).expect("a JSON array");
    findings
        .as_array()
        .expect("array")
        .iter()
        .map(|f| {
            format!(
                "{} {} {}:{}:{} {}",
                f["severity"].as_str().unwrap(),
                f["code"].as_str().unwrap(),
                f["path"].as_str().unwrap(),
                f["line"],
                f["col"],
                f["message"].as_str().unwrap(),
            )
        })
        .collect()
}
