//! Reading a repository with gitoxide (`gix`): where the site's repository
//! is, its HEAD, and every version of some files along HEAD's first-parent
//! line (the blob of each per commit, with the author date of the commit).

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

/// One commit on HEAD's first-parent line: its day (days since
/// 1970-01-01, in the author's time zone) and the blob of each path
/// (`None`: no such file in that commit).
pub struct Commit {
    pub day: i64,
    pub blobs: Vec<Option<gix::ObjectId>>,
}

/// The commits along HEAD's first parents, newest first, with the blob of
/// each of `paths` (relative to the work tree, `/`-separated). The walk
/// stops before `stop` when it meets it; the flag says whether it did
/// (`false`: the list goes back to the first commit).
pub fn commits(
    repo: &gix::Repository,
    head: gix::ObjectId,
    paths: &[String],
    stop: Option<gix::ObjectId>,
) -> Result<(Vec<Commit>, bool), String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let walk = repo
        .rev_walk([head])
        .first_parent_only()
        .all()
        .map_err(|e| err(&e))?;
    let mut commits = Vec::new();
    for info in walk {
        let info = info.map_err(|e| err(&e))?;
        if Some(info.id) == stop {
            return Ok((commits, true));
        }
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
        commits.push(Commit { day, blobs });
    }
    Ok((commits, false))
}

/// The text of blob `id` (invalid UTF-8 replaced).
pub fn text(repo: &gix::Repository, id: gix::ObjectId) -> Result<String, String> {
    let object = repo.find_object(id).map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&object.data).into_owned())
}
