//! A site written into its staging folder page by page, as it renders, so a
//! build never holds a whole site's pages in memory ([`Stream`]).
//!
//! The pages go where [`super::stage`] would put them, by the same rules (a
//! path must stay inside the folder; an unchanged file is hard-linked from
//! the previous output), and the rest of the site follows in
//! [`Stream::finish`]. [`Outputs`] keeps each written page's path, with the
//! [`super::written_elsewhere`] stand-in for its bytes.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{Outputs, Staged, is_safe_relative, owned, write_file, write_tree};
use crate::cache::{Stamp, lock};
use crate::error::{Error, Result};

/// A site being written into the staging folder beside its output folder.
pub struct Stream {
    staged: Staged,
    /// The output being replaced, to hard-link unchanged files from.
    previous: Option<PathBuf>,
    /// Folders of the staging folder made so far.
    folders: Mutex<HashSet<PathBuf>>,
    /// The files written so far, with their stamps.
    written: Mutex<Vec<(String, Stamp)>>,
}

impl Stream {
    /// Starts writing the site for the output folder `dir`, after the same
    /// refusals as [`super::stage`] ([`owned::check_replaceable`]); `None`
    /// when `dir` is a folder with files but without folio's marker: whether
    /// that folder may be replaced depends on every file of the new site, so
    /// that site is staged whole, once rendered.
    pub fn begin(dir: &Path) -> Result<Option<Stream>> {
        if owned::needs_whole_site(dir) {
            return Ok(None);
        }
        owned::check_replaceable(dir, &Outputs::default())?;
        let (staged, previous) = Staged::open(dir)?;
        Ok(Some(Stream {
            staged,
            previous,
            folders: Mutex::default(),
            written: Mutex::default(),
        }))
    }

    /// Writes the file `rel` of the site (any thread may call this).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        if !is_safe_relative(rel) {
            return Err(Error::Usage(format!(
                "refusing to write `{rel}`: it would leave the output folder"
            )));
        }
        let path = self.staged.tmp.join(rel);
        if let Some(folder) = path.parent() {
            let new = lock(&self.folders).insert(folder.to_path_buf());
            if new {
                std::fs::create_dir_all(folder).map_err(|e| Error::io("creating", folder, e))?;
            }
        }
        super::failure_point(&self.staged.dir, rel).map_err(|e| Error::io("writing", &path, e))?;
        let old = self.previous.as_ref().map(|p| p.join(rel));
        let stamp = write_file(&path, bytes, old.as_deref())?;
        lock(&self.written).push((rel.to_string(), stamp));
        Ok(())
    }

    /// The staging folder: a file [`Stream::write`] wrote is read back
    /// from here.
    pub fn folder(&self) -> &Path {
        &self.staged.tmp
    }

    /// Writes the files of `outputs` not written yet (all but the
    /// [`super::written_elsewhere`] ones): the site is then staged whole.
    pub fn finish(self, outputs: &Outputs) -> Result<Staged> {
        let Stream {
            mut staged,
            previous,
            written,
            ..
        } = self;
        match write_tree(&staged.tmp, outputs, previous.as_deref()) {
            Ok(rest) => {
                staged
                    .written
                    .extend(written.into_inner().unwrap_or_else(|e| e.into_inner()));
                staged.written.extend(rest);
                Ok(staged)
            }
            Err(e) => {
                staged.discard();
                Err(e)
            }
        }
    }

    /// Removes what was written; the previous output stays as it was.
    pub fn discard(self) {
        self.staged.discard();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build_cache::unchanged::{outputs_of, outputs_written};

    /// Names whose order differs between plain string order and the order
    /// of a walk (a folder, then what it holds): `a/…` before `a-b`, `a.txt`.
    const FILES: &[&str] = &[
        "a-b/index.html",
        "a.txt",
        "a/index.html",
        "a/b/c/index.html",
        "A/x.css",
        "é/ü.html",
        ".hidden",
        "index.html",
    ];

    /// Every file under `dir` (none when it is missing) with its bytes.
    fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        if !dir.exists() {
            return Vec::new();
        }
        walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.expect("walks"))
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().to_path_buf(),
                    std::fs::read(e.path()).expect("reads"),
                )
            })
            .collect()
    }

    #[test]
    fn the_stamps_of_what_was_written_hash_as_a_walk_of_the_folders_does() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let (public, private) = (tmp.path().join("public"), tmp.path().join("private"));
        let mut outputs = Outputs::default();
        for (i, rel) in FILES.iter().enumerate() {
            outputs.insert(*rel, vec![b'x'; i]).expect("safe path");
        }
        let mut before = Vec::new();
        // Twice: the second build hard-links unchanged files from the first.
        for (round, again) in FILES.iter().take(2).enumerate() {
            // Public: half the files as they render, the rest at the end.
            let stream = Stream::begin(&public).expect("begins").expect("streams");
            let mut rest = Outputs::default();
            for (i, (rel, bytes)) in outputs.iter().enumerate() {
                if i % 2 == round {
                    stream.write(rel, bytes).expect("written");
                    rest.insert_shared(rel, crate::output::written_elsewhere())
                        .expect("safe path");
                } else {
                    rest.insert(rel, bytes.to_vec()).expect("safe path");
                }
            }
            // A streamed page written again at the end (an asset or a
            // redirect at its path): what was written last counts.
            rest.insert(*again, b"written again at the end".to_vec())
                .expect("safe path");
            let mut public_staged = stream.finish(&rest).expect("finished");
            let mut private_staged = super::super::stage(&private, &outputs).expect("staged");
            // Writing a file again never writes through a hard link into
            // the output still in place.
            assert_eq!(tree(&public), before, "round {round}: the live output");
            let mut written = [
                (public.as_path(), public_staged.take_written()),
                (private.as_path(), private_staged.take_written()),
            ];
            public_staged
                .commit()
                .expect("in")
                .remove()
                .expect("removed");
            private_staged
                .commit()
                .expect("in")
                .remove()
                .expect("removed");
            // Once the previous output is gone (the hard links' stamps
            // changed with it).
            assert_eq!(
                outputs_written(&mut written),
                outputs_of(&[&public, &private]),
                "round {round}"
            );
            before = tree(&public);
        }
    }

    /// A file of one build in the property below: its index in `FILES`, a
    /// version of its bytes (few, so files often stay the same from one
    /// build to the next and are hard-linked), whether it is written as it
    /// renders, and whether it is written again at the end.
    type File = (usize, u8, bool, bool);

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Over any builds of any of the files, changed or not, written as
        /// they render or at the end, some twice: the output in place is
        /// never touched before the swap; afterwards each folder holds
        /// exactly what was written last; and the record of what was
        /// written, taken once the previous output is gone, hashes as a
        /// walk of the folders does.
        #[test]
        fn builds_never_touch_the_live_output_and_record_what_a_walk_sees(
            builds in proptest::collection::vec(
                proptest::collection::vec(
                    (0..FILES.len(), 0u8..3, proptest::bool::ANY, proptest::bool::ANY),
                    0..FILES.len(),
                ),
                1..4,
            )
        ) {
            let tmp = tempfile::tempdir().expect("temp dir");
            let (public, private) = (tmp.path().join("public"), tmp.path().join("private"));
            for (round, files) in builds.iter().enumerate() {
                let before = (tree(&public), tree(&private));
                // The last mention of a file counts.
                let files: std::collections::BTreeMap<&str, File> =
                    files.iter().map(|f| (FILES[f.0], *f)).collect();
                let stream = Stream::begin(&public).expect("begins").expect("streams");
                let mut rest = Outputs::default();
                let mut whole = Outputs::default();
                let mut wanted = std::collections::BTreeMap::new();
                for (rel, &(_, version, streamed, again)) in &files {
                    let bytes = format!("{rel} {version}").into_bytes();
                    if streamed {
                        stream.write(rel, &bytes).expect("written");
                        rest.insert_shared(*rel, crate::output::written_elsewhere())
                            .expect("safe path");
                    } else {
                        rest.insert(*rel, bytes.clone()).expect("safe path");
                    }
                    let last = if again {
                        let again = format!("{rel} again {version}").into_bytes();
                        rest.insert(*rel, again.clone()).expect("safe path");
                        again
                    } else {
                        bytes
                    };
                    whole.insert(*rel, last.clone()).expect("safe path");
                    wanted.insert(public.join(rel), last);
                }
                let mut public_staged = stream.finish(&rest).expect("finished");
                let mut private_staged = super::super::stage(&private, &whole).expect("staged");
                proptest::prop_assert_eq!(
                    &(tree(&public), tree(&private)),
                    &before,
                    "round {}: the outputs in place changed before the swap",
                    round
                );
                let mut written = [
                    (public.as_path(), public_staged.take_written()),
                    (private.as_path(), private_staged.take_written()),
                ];
                public_staged.commit().expect("in").remove().expect("removed");
                private_staged.commit().expect("in").remove().expect("removed");
                let held: std::collections::BTreeMap<PathBuf, Vec<u8>> = tree(&public)
                    .into_iter()
                    .filter(|(p, _)| !p.ends_with(super::owned::MARKER))
                    .collect();
                proptest::prop_assert_eq!(&held, &wanted, "round {}", round);
                proptest::prop_assert_eq!(
                    outputs_written(&mut written),
                    outputs_of(&[&public, &private]),
                    "round {}",
                    round
                );
            }
        }
    }
}
