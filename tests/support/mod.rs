//! Helpers for the integration tests: copy a fixture site into a temporary
//! folder, run the real `folio` binary on it, and read what it wrote.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// A `folio build` that found nothing changed since the last one said
    /// so (and wrote nothing).
    pub fn said_unchanged(&self) -> bool {
        self.stdout.contains("nothing changed since the last build")
    }

    #[track_caller]
    pub fn assert_ok(&self) {
        assert_eq!(
            self.code, 0,
            "folio failed:\n{}\n{}",
            self.stdout, self.stderr
        );
    }

    #[track_caller]
    pub fn assert_code(&self, code: i32) {
        assert_eq!(
            self.code, code,
            "unexpected exit code:\n{}\n{}",
            self.stdout, self.stderr
        );
    }
}

/// The `folio` binary with `args` and colour off, not yet run: for a test
/// to set up further (environment, user) before [`output_of`].
pub fn folio(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_folio"));
    cmd.args(args).env("NO_COLOR", "1");
    cmd
}

/// Runs `cmd` to its end (no input) and keeps its exit code and output.
pub fn output_of(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run folio");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn run_folio(args: &[&str]) -> Output {
    output_of(&mut folio(args))
}

/// A fixture site copied into a temporary folder (`<tmp>/site`), with its
/// outputs at `<tmp>/out/public` and `<tmp>/out/private`.
pub struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    pub fn copy(fixture: &str) -> Site {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/sites")
            .join(fixture);
        let dir = tempfile::tempdir().expect("tempdir");
        copy_dir(&src, &dir.path().join("site"));
        std::fs::create_dir_all(dir.path().join("out")).unwrap();
        Site { dir }
    }

    /// The owner's site (this repository's `site.toml`, `content/` and
    /// `themes/`) copied into a temporary folder in no git repository.
    pub fn owners() -> Site {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().expect("tempdir");
        let site = dir.path().join("site");
        std::fs::create_dir_all(&site).unwrap();
        std::fs::copy(src.join("site.toml"), site.join("site.toml")).unwrap();
        for sub in ["content", "themes"] {
            if src.join(sub).is_dir() {
                copy_dir(&src.join(sub), &site.join(sub));
            }
        }
        std::fs::create_dir_all(dir.path().join("out")).unwrap();
        Site { dir }
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    pub fn root_string(&self) -> String {
        self.root().to_str().expect("utf-8 temp path").to_string()
    }

    pub fn out_root(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    pub fn public_dir(&self) -> PathBuf {
        self.out_root().join("public")
    }

    pub fn private_dir(&self) -> PathBuf {
        self.out_root().join("private")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    pub fn public(&self, rel: &str) -> PathBuf {
        self.public_dir().join(rel)
    }

    pub fn private(&self, rel: &str) -> PathBuf {
        self.private_dir().join(rel)
    }

    pub fn read_public(&self, rel: &str) -> String {
        std::fs::read_to_string(self.public(rel)).unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }

    pub fn read_private(&self, rel: &str) -> String {
        std::fs::read_to_string(self.private(rel)).unwrap_or_else(|e| panic!("private/{rel}: {e}"))
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    /// `folio build` into `public` and `private`, plus `extra`, not yet run.
    pub fn build_command_into(&self, public: &Path, private: &Path, extra: &[&str]) -> Command {
        let root = self.root_string();
        let mut cmd = folio(&["build", "--root", &root]);
        cmd.arg("--out")
            .arg(public)
            .arg("--private-out")
            .arg(private)
            .args(extra);
        cmd
    }

    /// [`Site::build_command_into`] the temporary folder's outputs.
    pub fn build_command(&self, extra: &[&str]) -> Command {
        self.build_command_into(&self.public_dir(), &self.private_dir(), extra)
    }

    /// `folio build` with the outputs in the temporary folder, plus `extra`.
    pub fn build(&self, extra: &[&str]) -> Output {
        output_of(&mut self.build_command(extra))
    }

    pub fn run(&self, args: &[&str]) -> Output {
        run_folio(args)
    }
}

/// A running `folio` (serve, watch) whose output is read line by line;
/// killed on drop.
pub struct Running {
    child: Child,
    lines: Receiver<String>,
    /// Every line read so far.
    pub seen: Vec<String>,
}

impl Running {
    /// Starts `folio` with `args`.
    pub fn start(args: &[&str]) -> Running {
        Running::spawn(folio(args))
    }

    /// Starts `cmd` (from [`folio`], set up further by the caller).
    pub fn spawn(mut cmd: Command) -> Running {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start folio");
        let (tx, rx) = channel();
        let streams: [Box<dyn Read + Send>; 2] = [
            Box::new(child.stdout.take().expect("stdout")),
            Box::new(child.stderr.take().expect("stderr")),
        ];
        for stream in streams {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        Running {
            child,
            lines: rx,
            seen: Vec::new(),
        }
    }

    /// Waits (up to 30 s) for the next line containing `needle`.
    #[track_caller]
    pub fn wait_for(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => break,
            }
        }
        panic!("no line with `{needle}`; saw:\n{}", self.seen.join("\n"));
    }

    /// The process id, to read its memory use from `/proc`.
    /// Waits for `folio serve`'s "serving http://HOST:PORT/" line and
    /// returns the port.
    pub fn wait_for_port(&mut self) -> u16 {
        let line = self.wait_for("serving http://");
        line.split("http://")
            .nth(1)
            .and_then(|s| s.split('/').next())
            .and_then(|hostport| hostport.rsplit(':').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in `{line}`"))
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits until no line has come for `quiet`.
    pub fn settle(&mut self, quiet: Duration) {
        while let Ok(line) = self.lines.recv_timeout(quiet) {
            self.seen.push(line);
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Every file under `dir` but folio's marker, by `/`-separated relative path.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        // folio's marker of an output folder is not part of the site.
        let marker = entry.depth() == 1 && entry.file_name() == ".folio-output";
        if entry.file_type().is_file() && !marker {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

fn copy_dir(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(src).unwrap();
        let target = dst.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs `folio build` of `site` as a user the file permissions apply to:
/// `nobody` (uid 65534) when the tests run as root (CI does; root ignores
/// `chmod`), else the current user. The whole temporary folder is handed to
/// that user, and the binary copied where it can reach it.
pub struct Unprivileged {
    program: PathBuf,
    as_root: bool,
    _bin: tempfile::TempDir,
}

const NOBODY: u32 = 65534;

impl Unprivileged {
    #[cfg(unix)]
    pub fn new(site: &Site) -> Unprivileged {
        let as_root = unsafe { libc::geteuid() } == 0;
        let bin = tempfile::tempdir().unwrap();
        let program = bin.path().join("folio");
        std::fs::copy(env!("CARGO_BIN_EXE_folio"), &program).unwrap();
        if as_root {
            let tmp = site.root().parent().unwrap().to_path_buf();
            for entry in walkdir::WalkDir::new(&tmp)
                .into_iter()
                .chain(walkdir::WalkDir::new(bin.path()))
            {
                let entry = entry.unwrap();
                std::os::unix::fs::lchown(entry.path(), Some(NOBODY), Some(NOBODY)).unwrap();
            }
        }
        Unprivileged {
            program,
            as_root,
            _bin: bin,
        }
    }

    #[cfg(unix)]
    pub fn build(&self, site: &Site, extra: &[&str]) -> Output {
        use std::os::unix::process::CommandExt;
        let mut cmd = std::process::Command::new(&self.program);
        cmd.args(site.build_command(extra).get_args())
            .env("NO_COLOR", "1");
        if self.as_root {
            // SAFETY: only async-signal-safe calls between fork and exec.
            unsafe {
                cmd.pre_exec(|| {
                    if libc::setgroups(0, std::ptr::null()) != 0
                        || libc::setgid(NOBODY) != 0
                        || libc::setuid(NOBODY) != 0
                    {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        output_of(&mut cmd)
    }
}

/// `marker` in base64 (standard and URL-safe), at each of the three
/// alignments it can start at within an encoded stream: the characters
/// that depend on the marker's bytes alone. A secret that reached a file
/// base64-encoded (an inlined image, a data URL) shows as one of these.
pub fn base64_forms(marker: &str) -> Vec<String> {
    use base64::Engine as _;
    use base64::engine::general_purpose::{STANDARD, URL_SAFE};
    let mut forms = Vec::new();
    for shift in 0..3 {
        let mut bytes = vec![0u8; shift];
        bytes.extend_from_slice(marker.as_bytes());
        let whole = bytes.len() / 3 * 4;
        let skip = if shift == 0 { 0 } else { 4 };
        for engine in [&STANDARD, &URL_SAFE] {
            forms.push(engine.encode(&bytes)[skip..whole].to_string());
        }
    }
    forms
}

/// `tool args… file` (a poppler-utils program: `pdftotext`, `pdfinfo`) and
/// its standard output; `pdftotext` writes to standard output.
pub fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!("{tool} did not run ({e}): run scripts/ensure-poppler.sh to install it")
        });
    assert!(out.status.success(), "{tool} failed on {}", pdf.display());
    String::from_utf8(out.stdout).expect("utf-8")
}
