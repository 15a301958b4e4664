//! Errors as the owner meets them: every error of a site reported at once
//! (in `build`, `check` and `serve`), however the errors combine; inputs
//! nested deep enough to hang the YAML parser refused at once; and a
//! standard output or error closed early ending folio with exit code 2,
//! not a panic.

mod support;

use std::process::Stdio;

use support::{Site, folio};

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
