//! Which site a command works on when no `--root` is given: the nearest of
//! the current folder and the folders above it that holds `site.toml`, the
//! way git finds its repository. So `folio new` works from
//! `content/articles/`. An explicit `--root` is taken as it is.

use std::path::{Path, PathBuf};

use super::CONFIG_FILE;

/// The site root for a command run in `cwd` (absolute): `.`, `..`,
/// `../..`… relative to `cwd`, so what folio prints stays relative to where
/// it was run. `.` when no folder up to the file-system root holds
/// `site.toml`, for the usual "no site.toml" message.
pub fn find(cwd: &Path) -> PathBuf {
    for (up, dir) in cwd.ancestors().enumerate() {
        if dir.join(CONFIG_FILE).is_file() {
            return match up {
                0 => PathBuf::from("."),
                n => std::iter::repeat_n("..", n).collect(),
            };
        }
    }
    PathBuf::from(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_folder_holding_site_toml_wins() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        let deep = site.join("content/articles");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(site.join(CONFIG_FILE), "").unwrap();
        assert_eq!(find(&site), PathBuf::from("."));
        assert_eq!(find(&deep), PathBuf::from("../.."));
        assert_eq!(
            crate::config::normalize(&deep.join(find(&deep))),
            site,
            "the relative root names the site's folder"
        );
        // A nested site is its own root.
        let inner = site.join("content/inner");
        std::fs::create_dir_all(inner.join("x")).unwrap();
        std::fs::write(inner.join(CONFIG_FILE), "").unwrap();
        assert_eq!(find(&inner.join("x")), PathBuf::from(".."));
        // A folder named site.toml is not a site.
        let odd = tmp.path().join("odd");
        std::fs::create_dir_all(odd.join(CONFIG_FILE)).unwrap();
        assert_eq!(find(&odd), PathBuf::from("."));
    }
}
