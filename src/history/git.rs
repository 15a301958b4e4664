//! Reading a repository with gitoxide (`gix`): where the site's repository
//! is, its HEAD, and every version of some files along HEAD's first-parent
//! line, each with the author date of the commit that made it.

use std::path::{Path, PathBuf};

/// The repository around a site, as far as history needs it.
pub enum Repo {
    /// The site is in no repository.
    None,
    /// A shallow clone: its history is cut off.
    Shallow,
    /// No commit yet.
    Unborn,
    Found {
        repo: Box<gix::Repository>,
        head: gix::ObjectId,
        workdir: PathBuf,
    },
}

pub fn open(site_root: &Path) -> Result<Repo, String> {
    use gix::discover::upwards::Error as Upwards;
    if let Err(e) = gix::discover::upwards(site_root) {
        return match e.downcast_any_ref::<Upwards>() {
            Some(
                Upwards::NoGitRepository { .. }
                | Upwards::NoGitRepositoryWithinCeiling { .. }
                | Upwards::NoGitRepositoryWithinFs { .. },
            ) => Ok(Repo::None),
            _ => Err(e.to_string()),
        };
    }
    let mut repo = gix::discover(site_root).map_err(|e| e.to_string())?;
    // Trees repeat from commit to commit: decode each once.
    repo.object_cache_size_if_unset(16 << 20);
    let Some(workdir) = repo.workdir().map(Path::to_path_buf) else {
        return Ok(Repo::None);
    };
    if repo.is_shallow().map_err(|e| e.to_string())? {
        return Ok(Repo::Shallow);
    }
    let head = match repo.head_id() {
        Ok(id) => id.detach(),
        Err(_) => return Ok(Repo::Unborn),
    };
    let workdir = workdir.canonicalize().map_err(|e| e.to_string())?;
    Ok(Repo::Found {
        repo: Box::new(repo),
        head,
        workdir,
    })
}

/// One version of one file: the day (days since 1970-01-01, in the
/// author's time zone) and the text (`None`: the file was removed).
pub type Version = (i64, Option<String>);

/// Every version of each of `paths` (relative to the work tree,
/// `/`-separated), oldest first, along HEAD's first parents.
pub fn versions(
    repo: &gix::Repository,
    head: gix::ObjectId,
    paths: &[String],
) -> Result<Vec<Vec<Version>>, String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let walk = repo
        .rev_walk([head])
        .first_parent_only()
        .all()
        .map_err(|e| err(&e))?;
    // Newest first: (day, blob of each path).
    let mut commits: Vec<(i64, Vec<Option<gix::ObjectId>>)> = Vec::new();
    for info in walk {
        let info = info.map_err(|e| err(&e))?;
        let commit = info.object().map_err(|e| err(&e))?;
        let time = commit
            .author()
            .map_err(|e| err(&e))?
            .time()
            .map_err(|e| err(&e))?;
        let day = (time.seconds + i64::from(time.offset)).div_euclid(86_400);
        let tree = commit.tree().map_err(|e| err(&e))?;
        let mut blobs = Vec::with_capacity(paths.len());
        for p in paths {
            let entry = tree.lookup_entry_by_path(p).map_err(|e| err(&e))?;
            blobs.push(entry.filter(|e| e.mode().is_blob()).map(|e| e.object_id()));
        }
        commits.push((day, blobs));
    }
    let mut out: Vec<Vec<Version>> = vec![Vec::new(); paths.len()];
    let mut last: Vec<Option<gix::ObjectId>> = vec![None; paths.len()];
    for (day, blobs) in commits.into_iter().rev() {
        for (i, blob) in blobs.into_iter().enumerate() {
            if blob == last[i] {
                continue;
            }
            let text = match blob {
                Some(id) => {
                    let object = repo.find_object(id).map_err(|e| err(&e))?;
                    Some(String::from_utf8_lossy(&object.data).into_owned())
                }
                None => None,
            };
            out[i].push((day, text));
            last[i] = blob;
        }
    }
    Ok(out)
}
