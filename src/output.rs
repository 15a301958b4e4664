//! Build outputs and the only code that writes them to disk.
//!
//! [`Outputs`] is a sorted map of relative path → bytes; every path is
//! checked to stay inside its folder. [`write_atomic`] builds a sibling
//! temporary folder and swaps it in, so a failed build leaves the previous
//! output untouched and stale files never survive.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Outputs {
    files: BTreeMap<String, Vec<u8>>,
}

impl Outputs {
    /// Adds a file; a path that could leave the output folder is refused.
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Result<()> {
        let path = path.into();
        if !is_safe_relative(&path) {
            return Err(Error::Usage(format!(
                "refusing to write `{path}`: it would leave the output folder"
            )));
        }
        self.files.insert(path, bytes.into());
        Ok(())
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// How many HTML pages.
    pub fn pages(&self) -> usize {
        self.files.keys().filter(|k| k.ends_with(".html")).count()
    }
}

fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && !path.contains('\0')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Writes `outputs` as the whole content of `dir`, atomically: into a
/// temporary sibling folder first, then swapped in.
pub fn write_atomic(dir: &Path, outputs: &Outputs) -> Result<()> {
    let parent = dir.parent().ok_or_else(|| {
        Error::Usage(format!(
            "output folder {} has no parent folder",
            dir.display()
        ))
    })?;
    let name = dir
        .file_name()
        .ok_or_else(|| Error::Usage(format!("output folder {} has no name", dir.display())))?
        .to_string_lossy()
        .into_owned();
    std::fs::create_dir_all(parent).map_err(|e| Error::io("creating", parent, e))?;
    let tmp = parent.join(format!(".{name}.folio-new"));
    let old = parent.join(format!(".{name}.folio-old"));
    remove_if_exists(&tmp)?;
    remove_if_exists(&old)?;

    if let Err(e) = write_tree(&tmp, outputs) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if dir.exists() {
        if !dir.is_dir() {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(Error::Usage(format!(
                "output path {} exists and is not a folder",
                dir.display()
            )));
        }
        std::fs::rename(dir, &old).map_err(|e| Error::io("moving aside", dir, e))?;
        if let Err(e) = std::fs::rename(&tmp, dir) {
            // Put the previous output back before reporting.
            let _ = std::fs::rename(&old, dir);
            return Err(Error::io("moving into place", dir, e));
        }
        std::fs::remove_dir_all(&old).map_err(|e| Error::io("removing", &old, e))?;
    } else {
        std::fs::rename(&tmp, dir).map_err(|e| Error::io("moving into place", dir, e))?;
    }
    Ok(())
}

fn write_tree(root: &Path, outputs: &Outputs) -> Result<()> {
    std::fs::create_dir_all(root).map_err(|e| Error::io("creating", root, e))?;
    let mut made: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    for (rel, bytes) in outputs.iter() {
        let path = root.join(rel);
        if let Some(dir) = path.parent()
            && !made.contains(dir)
        {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("creating", dir, e))?;
            made.insert(dir.to_path_buf());
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io("writing", &path, e))?;
    }
    Ok(())
}

fn remove_if_exists(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io("removing", path, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_folder_are_refused() {
        let mut o = Outputs::default();
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "a\\b", "./a"] {
            assert!(o.insert(bad, "x").is_err(), "{bad}");
        }
        assert!(o.insert("a/b/index.html", "x").is_ok());
    }

    #[test]
    fn atomic_write_replaces_everything() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let mut first = Outputs::default();
        first.insert("old.html", "old").unwrap();
        first.insert("a/index.html", "a").unwrap();
        write_atomic(&dir, &first).unwrap();
        let mut second = Outputs::default();
        second.insert("a/index.html", "b").unwrap();
        write_atomic(&dir, &second).unwrap();
        assert!(!dir.join("old.html").exists());
        assert_eq!(
            std::fs::read_to_string(dir.join("a/index.html")).unwrap(),
            "b"
        );
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary folders left behind");
    }
}
