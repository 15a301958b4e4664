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
    // The paths by folder: each folder is looked up once per commit, and
    // not opened when its tree is the one of the commit read before.
    let mut folders: Vec<(&str, Vec<(usize, &str)>)> = Vec::new();
    for (i, p) in paths.iter().enumerate() {
        let (folder, name) = p.rsplit_once('/').unwrap_or(("", p.as_str()));
        match folders.iter_mut().find(|f| f.0 == folder) {
            Some(f) => f.1.push((i, name)),
            None => folders.push((folder, vec![(i, name)])),
        }
    }
    let mut last_folder: Vec<Option<gix::ObjectId>> = vec![None; folders.len()];
    let mut blobs: Vec<Option<gix::ObjectId>> = vec![None; paths.len()];
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
        for (f, (folder, files)) in folders.iter().enumerate() {
            let id = if folder.is_empty() {
                Some(tree.id)
            } else {
                let entry = tree.lookup_entry_by_path(folder).map_err(|e| err(&e))?;
                entry.filter(|e| e.mode().is_tree()).map(|e| e.object_id())
            };
            if id == last_folder[f] {
                continue;
            }
            last_folder[f] = id;
            let folder = match id {
                Some(id) => Some(
                    repo.find_object(id)
                        .map_err(|e| err(&e))?
                        .try_into_tree()
                        .map_err(|e| err(&e))?,
                ),
                None => None,
            };
            for &(i, name) in files {
                blobs[i] = folder.as_ref().and_then(|t| {
                    t.find_entry(name)
                        .filter(|e| e.mode().is_blob())
                        .map(|e| e.object_id())
                });
            }
        }
        commits.push(Commit {
            day,
            blobs: blobs.clone(),
        });
    }
    Ok((commits, false))
}

/// The text of blob `id` (invalid UTF-8 replaced).
pub fn text(repo: &gix::Repository, id: gix::ObjectId) -> Result<String, String> {
    let object = repo.find_object(id).map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&object.data).into_owned())
}
