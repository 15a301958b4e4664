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
use crate::error::{Error, Result};

/// A site being written into the staging folder beside its output folder.
pub struct Stream {
    staged: Staged,
    /// The output being replaced, to hard-link unchanged files from.
    previous: Option<PathBuf>,
    /// Folders of the staging folder made so far.
    folders: Mutex<HashSet<PathBuf>>,
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
            let new = crate::cache::lock(&self.folders).insert(folder.to_path_buf());
            if new {
                std::fs::create_dir_all(folder).map_err(|e| Error::io("creating", folder, e))?;
            }
        }
        let old = self.previous.as_ref().map(|p| p.join(rel));
        write_file(&path, bytes, old.as_deref())
    }

    /// The staging folder: a file [`Stream::write`] wrote is read back
    /// from here.
    pub fn folder(&self) -> &Path {
        &self.staged.tmp
    }

    /// Writes the files of `outputs` not written yet (all but the
    /// [`super::written_elsewhere`] ones): the site is then staged whole.
    pub fn finish(self, outputs: &Outputs) -> Result<Staged> {
        match write_tree(&self.staged.tmp, outputs, self.previous.as_deref()) {
            Ok(()) => Ok(self.staged),
            Err(e) => {
                self.staged.discard();
                Err(e)
            }
        }
    }

    /// Removes what was written; the previous output stays as it was.
    pub fn discard(self) {
        self.staged.discard();
    }
}
