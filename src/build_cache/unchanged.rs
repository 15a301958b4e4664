//! "Nothing changed" detection: the record of the last successful build.
//!
//! A build hashes the path and bytes of every file it may read —
//! `site.toml`, `content/`, `static/`, `templates/`, `themes/` — with the
//! whole configuration and this build of folio. Bytes, not modification
//! times: two edits within one tick of the file-system clock must not look
//! like none. When that hash and a hash of what the output folders hold now
//! (names, sizes, inodes, link counts, modification and change times: only
//! folio writes there) both equal the record's, the outputs are already what
//! a build would write:
//! [`check`] returns the record's page counts and warnings, and nothing is
//! rendered or written. When the output folders alone already differ (a
//! clean build), the markdown is hashed from the bytes the build reads
//! rather than read twice ([`Inputs::Pending`]). Any symlink among the
//! inputs, or an encrypted private site (its passphrase is not a file),
//! turns this off.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use walkdir::WalkDir;
use xxhash_rust::xxh3::Xxh3;

use rayon::prelude::*;

use crate::cache::{Stamp, hash_bytes};
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::{Diagnostic, Severity};
use crate::markdown::is_markdown;

const RECORD: &str = "last-build";

/// The folders and files of a site that a build reads.
const SOURCES: &[&str] = &["content", "static", "templates", "themes"];

#[derive(Serialize, Deserialize)]
struct Record {
    inputs: u64,
    outputs: u64,
    public_pages: usize,
    private_pages: usize,
    drafts: usize,
    warnings: Vec<StoredDiagnostic>,
}

#[derive(Serialize, Deserialize)]
struct StoredDiagnostic {
    severity: u8,
    code: String,
    path: PathBuf,
    line: usize,
    col: usize,
    message: String,
    hint: Option<String>,
    source_line: Option<String>,
}

impl StoredDiagnostic {
    fn of(d: &Diagnostic) -> StoredDiagnostic {
        StoredDiagnostic {
            severity: match d.severity {
                Severity::Note => 0,
                Severity::Warning => 1,
                Severity::Error => 2,
            },
            code: d.code.to_string(),
            path: d.path.clone(),
            line: d.line,
            col: d.col,
            message: d.message.clone(),
            hint: d.hint.clone(),
            source_line: d.source_line.clone(),
        }
    }

    fn diagnostic(self) -> Diagnostic {
        Diagnostic {
            severity: match self.severity {
                0 => Severity::Note,
                1 => Severity::Warning,
                _ => Severity::Error,
            },
            // Codes are a small fixed set; the few bytes live for the process.
            code: Box::leak(self.code.into_boxed_str()),
            path: self.path,
            line: self.line,
            col: self.col,
            message: self.message,
            hint: self.hint,
            source_line: self.source_line,
        }
    }
}

/// What the last build reported, when nothing changed since.
pub struct Previous {
    pub public_pages: usize,
    pub private_pages: usize,
    pub drafts: usize,
    pub warnings: Vec<Diagnostic>,
}

/// What a build knows before it starts: nothing changed (the last build's
/// report), or what it will record of its inputs once it has written.
pub enum Check {
    Unchanged(Previous),
    /// `None`: the inputs cannot be told from the files (a symlink, an
    /// unreadable file, encryption); no record is written.
    Build(Option<Inputs>),
}

/// The hash of a build's inputs, as far as it is known before the build.
pub enum Inputs {
    /// Every input hashed before anything was read.
    Hashed(u64),
    /// The names hashed and every file but `content/`'s markdown: those are
    /// hashed as the build reads them ([`Inputs::finish`]).
    Pending(Box<Pending>),
}

/// [`Inputs::Pending`]: the hash so far and every file in order, with its
/// bytes' hash when it is known.
pub struct Pending {
    h: Xxh3,
    files: Vec<(PathBuf, Option<u64>)>,
}

/// Tells whether anything changed since the last build of `config`.
///
/// The output folders are looked at first: when they no longer hold what
/// the last build wrote (or there is no record, as in a clean build),
/// something must be built whatever the inputs say, and the markdown files
/// are hashed from the bytes the build reads ([`Inputs::Pending`]) instead
/// of being read twice. Otherwise every input is hashed now, before the
/// build reads anything, so an edit made while it runs is seen next time.
pub fn check(config: &Config) -> Check {
    if config.private.encrypt {
        return Check::Build(None);
    }
    let record: Option<Record> = super::read(&config.root, RECORD);
    let record = record.filter(|r| outputs(config) == Some(r.outputs));
    let Some(record) = record else {
        return Check::Build(pending(config).map(|p| Inputs::Pending(Box::new(p))));
    };
    let Some(inputs) = pending(config).and_then(|p| p.finish(&[])) else {
        return Check::Build(None);
    };
    if inputs != record.inputs {
        return Check::Build(Some(Inputs::Hashed(inputs)));
    }
    Check::Unchanged(Previous {
        public_pages: record.public_pages,
        private_pages: record.private_pages,
        drafts: record.drafts,
        warnings: record
            .warnings
            .into_iter()
            .map(StoredDiagnostic::diagnostic)
            .collect(),
    })
}

impl Inputs {
    /// The inputs' hash, given each markdown file the build read with the
    /// hash of its bytes (`content::Site::read`). A file it did not read is
    /// read now.
    pub fn finish(self, read: &[(PathBuf, u64)]) -> Option<u64> {
        match self {
            Inputs::Hashed(h) => Some(h),
            Inputs::Pending(p) => p.finish(read),
        }
    }
}

impl Pending {
    fn finish(self, read: &[(PathBuf, u64)]) -> Option<u64> {
        let Pending { mut h, files } = self;
        let read: HashMap<&Path, u64> = read.iter().map(|(f, h)| (f.as_path(), *h)).collect();
        let hashes: Vec<Option<u64>> = files
            .par_iter()
            .map(|(f, known)| {
                known
                    .or_else(|| read.get(f.as_path()).copied())
                    .or_else(|| hash_file(f))
            })
            .collect();
        for ((file, _), hash) in files.iter().zip(hashes) {
            file.hash(&mut h);
            hash?.hash(&mut h);
        }
        Some(h.finish())
    }
}

/// The names and types of everything a build of `config` may read —
/// `site.toml`, `content/`, `static/`, `templates/`, `themes/` — with the
/// whole configuration and this build of folio, and the bytes of every file
/// but `content/`'s markdown. `None` for a symlink or a folder that cannot
/// be read.
fn pending(config: &Config) -> Option<Pending> {
    let root = &config.root;
    let mut files = vec![root.join(CONFIG_FILE)];
    let mut h = Xxh3::new();
    env!("FOLIO_BUILD_ID").hash(&mut h);
    format!("{config:?}").hash(&mut h);
    for dir in SOURCES {
        let dir = root.join(dir);
        if dir.exists() {
            list_tree(&dir, &mut h, &mut files)?;
        }
    }
    let content = root.join("content");
    // A file that cannot be read makes the whole hash unknown.
    let files = files
        .into_par_iter()
        .map(|f| {
            let markdown = f
                .strip_prefix(&content)
                .ok()
                .and_then(Path::to_str)
                .is_some_and(is_markdown);
            if markdown {
                Some((f, None))
            } else {
                hash_file(&f).map(|hash| (f, Some(hash)))
            }
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Pending { h, files })
}

/// The hash of a file's bytes; 0 for a missing file (`site.toml` is the
/// one input that may be missing); `None` when it cannot be read.
fn hash_file(f: &Path) -> Option<u64> {
    match std::fs::read(f) {
        Ok(bytes) => Some(hash_bytes(&bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(0),
        Err(_) => None,
    }
}

/// A hash of what the output folders of `config` hold now.
fn outputs(config: &Config) -> Option<u64> {
    outputs_of(&[&config.output_dir, &config.private_output_dir])
}

/// A hash of what the folders `dirs` hold now: the name and type of every
/// entry and the stamp of every file. The folders are walked side by side
/// and their files' stamps read in parallel: a build with nothing changed
/// spends most of its time here.
pub fn outputs_of(dirs: &[&Path]) -> Option<u64> {
    let folders: Vec<Option<u64>> = dirs.par_iter().map(|dir| folder_now(dir)).collect();
    let mut h = Xxh3::new();
    for folder in folders {
        folder?.hash(&mut h);
    }
    Some(h.finish())
}

/// [`outputs_of`] one folder: each entry by its path inside `dir`.
fn folder_now(dir: &Path) -> Option<u64> {
    let mut h = Xxh3::new();
    dir.hash(&mut h);
    let mut files = Vec::new();
    let root = dir.as_os_str().as_encoded_bytes();
    for entry in WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .min_depth(1)
    {
        let entry = entry.ok()?;
        let file_type = entry.file_type();
        if file_type.is_symlink() {
            return None;
        }
        // Every path of the walk is `dir` joined with the entry's path
        // inside it, so the bytes past `dir` and its separator are that.
        let path = entry.path().as_os_str().as_encoded_bytes();
        let inside = path.get(root.len()..)?;
        let inside = inside.strip_prefix(b"/").unwrap_or(inside);
        hash_entry(&mut h, inside, file_type.is_dir());
        if file_type.is_file() {
            files.push(entry.into_path());
        }
    }
    let stamps: Vec<Option<Stamp>> = files.par_iter().map(|f| Stamp::of(f)).collect();
    for stamp in stamps {
        stamp?.hash(&mut h);
    }
    Some(h.finish())
}

/// One entry of a folder's hash: its path inside the folder and its type.
fn hash_entry(h: &mut Xxh3, inside: &[u8], is_dir: bool) {
    h.update(&(inside.len() as u64).to_le_bytes());
    h.update(inside);
    h.update(&[u8::from(is_dir)]);
}

/// [`outputs`] of output folders as a build just wrote them: each folder
/// with every file in it (relative path, and the stamp it was written
/// with). The same hash as walking the folders, without walking them all:
/// the entries are taken in the walk's order (a folder, then what it
/// holds, by name), every folder a file is in included. Only the files
/// written as hard links of the previous output are looked at again, so
/// this is called once that output is removed (which changed their
/// stamps); `None` when one of them is gone.
pub fn outputs_written(folders: &mut [(&Path, Vec<(String, Stamp)>)]) -> Option<u64> {
    for (dir, files) in folders.iter_mut() {
        files
            .par_iter_mut()
            .filter(|(_, stamp)| stamp.is_linked())
            .try_for_each(|(rel, stamp)| {
                *stamp = Stamp::of(&dir.join(rel.as_str()))?;
                Some(())
            })?;
    }
    let mut h = Xxh3::new();
    for (dir, files) in folders.iter() {
        // Each entry keyed by its relative path with `/` as a zero byte,
        // which no name holds: sorting the keys as bytes then gives the
        // walk's order (a folder before what it holds, siblings by name),
        // without comparing paths component by component.
        let mut entries: Vec<(Vec<u8>, &str, Option<Stamp>)> = Vec::with_capacity(files.len() * 2);
        let mut folders = std::collections::HashSet::new();
        for (rel, stamp) in files.iter() {
            entries.push((walk_key(rel), rel, Some(*stamp)));
            let mut folder = rel.as_str();
            while let Some(end) = folder.rfind('/') {
                folder = &folder[..end];
                if !folders.insert(folder) {
                    break;
                }
                entries.push((walk_key(folder), folder, None));
            }
        }
        // A path written twice holds what was written last (stable sort).
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.2 = later.2;
            }
            same
        });
        let mut folder = Xxh3::new();
        dir.hash(&mut folder);
        for (_, rel, stamp) in &entries {
            hash_entry(&mut folder, rel.as_bytes(), stamp.is_none());
        }
        for (_, _, stamp) in &entries {
            if let Some(stamp) = stamp {
                stamp.hash(&mut folder);
            }
        }
        folder.finish().hash(&mut h);
    }
    Some(h.finish())
}

/// `rel` as a key that sorts in the walk's order ([`outputs_written`]).
fn walk_key(rel: &str) -> Vec<u8> {
    rel.bytes().map(|b| if b == b'/' { 0 } else { b }).collect()
}

/// Hashes the name and type of every entry under `dir` in order, and lists
/// its files. `None` for a symlink or a folder that cannot be read.
fn list_tree(dir: &Path, h: &mut Xxh3, files: &mut Vec<PathBuf>) -> Option<()> {
    for entry in WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let entry = entry.ok()?;
        let file_type = entry.file_type();
        if file_type.is_symlink() {
            return None;
        }
        entry.path().hash(h);
        file_type.is_dir().hash(h);
        if file_type.is_file() {
            files.push(entry.into_path());
        }
    }
    Some(())
}

/// Forgets the record: called before the outputs are replaced, so a build
/// that stops half-way never leaves a record that looks true.
pub fn forget(config: &Config) {
    super::remove(&config.root, RECORD);
}

/// Records a build that read `inputs` and has just written `outputs`
/// ([`outputs_written`]).
pub fn remember(
    config: &Config,
    (inputs, outputs): (u64, u64),
    public_pages: usize,
    private_pages: usize,
    drafts: usize,
    warnings: &[Diagnostic],
) {
    let record = Record {
        inputs,
        outputs,
        public_pages,
        private_pages,
        drafts,
        warnings: warnings.iter().map(StoredDiagnostic::of).collect(),
    };
    super::write(&config.root, RECORD, &record);
}
