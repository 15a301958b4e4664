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
    // Versions of a file or tree are stored as deltas on one another:
    // keep the objects decoded last, so that the next version is one delta
    // away (gix sets this cache only with its `max-performance` feature).
    repo.objects
        .set_pack_cache(|| Box::<gix::odb::pack::cache::lru::StaticLinkedList<64>>::default());
    // No object cache: every object is read once (commits, the trees that
    // changed, each distinct blob).
    repo.object_cache_size(None);
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
///
/// Each commit is decoded once (its day, tree and first parent), then the
/// trees are peeled folder by folder, one buffer reused: a tree whose id
/// is the one met in the commit read before is not opened again, so only
/// the folders that changed are decoded. The trees are read in the order
/// their pack deltas run ([`oldest_first`]), each then one delta away
/// from a base in the pack cache.
pub fn commits(
    repo: &gix::Repository,
    head: gix::ObjectId,
    paths: &[String],
    stop: Option<gix::ObjectId>,
) -> Result<(Vec<Commit>, bool), String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    // The first-parent line: (day, root tree) of each commit, newest first.
    let mut line: Vec<(i64, gix::ObjectId)> = Vec::new();
    let mut met = false;
    let mut next = Some(head);
    while let Some(id) = next {
        if Some(id) == stop {
            met = true;
            break;
        }
        let commit = repo.find_commit(id).map_err(|e| err(&e))?;
        let c = commit.decode().map_err(|e| err(&e))?;
        let time = c
            .author()
            .map_err(|e| err(&e))?
            .time()
            .map_err(|e| err(&e))?;
        line.push((
            (time.seconds + i64::from(time.offset)).div_euclid(86_400),
            c.tree(),
        ));
        next = c.parents().next();
    }
    let oldest = oldest_first(repo, &line);
    Ok((trees(repo, &line, paths, oldest)?, met))
}

/// The blob of each of `paths` in each commit of `line` (day and root
/// tree, newest first), the trees read oldest first or newest first.
fn trees(
    repo: &gix::Repository,
    line: &[(i64, gix::ObjectId)],
    paths: &[String],
    oldest_first: bool,
) -> Result<Vec<Commit>, String> {
    // The paths by folder: each folder is peeled once per commit.
    let mut folders: Vec<Folder<'_>> = Vec::new();
    for (i, p) in paths.iter().enumerate() {
        let (folder, name) = p.rsplit_once('/').unwrap_or(("", p.as_str()));
        match folders.iter_mut().find(|f| f.path == folder) {
            Some(f) => f.files.push((i, name.as_bytes())),
            None => folders.push(Folder {
                path: folder,
                parts: folder
                    .split('/')
                    .filter(|c| !c.is_empty())
                    .map(str::as_bytes)
                    .collect(),
                files: vec![(i, name.as_bytes())],
                ids: Vec::new(),
            }),
        }
    }
    for f in &mut folders {
        f.ids = vec![None; f.parts.len() + 1];
    }
    let mut blobs: Vec<Option<gix::ObjectId>> = vec![None; paths.len()];
    let mut buf = Vec::new();
    let order: Box<dyn Iterator<Item = usize>> = if oldest_first {
        Box::new((0..line.len()).rev())
    } else {
        Box::new(0..line.len())
    };
    let mut read = vec![Vec::new(); line.len()];
    for n in order {
        let (_, root) = line[n];
        for f in &mut folders {
            // Peel the folder, stopping at the first tree already met in
            // the commit read before: the ids below it are its own.
            let mut id = Some(root);
            let mut level = 0;
            let changed = loop {
                if id == f.ids[level] {
                    break false;
                }
                f.ids[level] = id;
                if level == f.parts.len() {
                    break true;
                }
                id = match id {
                    Some(tree) => entry(repo, tree, f.parts[level], &mut buf)?
                        .filter(|e| e.0.is_tree())
                        .map(|e| e.1),
                    None => None,
                };
                level += 1;
            };
            if !changed {
                continue;
            }
            let folder = f.ids[f.parts.len()];
            for &(i, name) in &f.files {
                blobs[i] = match folder {
                    Some(tree) => entry(repo, tree, name, &mut buf)?
                        .filter(|e| e.0.is_blob())
                        .map(|e| e.1),
                    None => None,
                };
            }
        }
        read[n] = blobs.clone();
    }
    Ok(line
        .iter()
        .zip(read)
        .map(|(&(day, _), blobs)| Commit { day, blobs })
        .collect())
}

/// One folder holding some of the paths: its components, its files
/// (index in the paths, name) and the tree id at each depth in the commit
/// read last (`ids[0]`: the root tree).
struct Folder<'p> {
    path: &'p str,
    parts: Vec<&'p [u8]>,
    files: Vec<(usize, &'p [u8])>,
    ids: Vec<Option<gix::ObjectId>>,
}

/// The entry `name` of tree `tree`: its mode and id.
fn entry(
    repo: &gix::Repository,
    tree: gix::ObjectId,
    name: &[u8],
    buf: &mut Vec<u8>,
) -> Result<Option<(gix::objs::tree::EntryMode, gix::ObjectId)>, String> {
    use gix::prelude::FindExt;
    let iter = repo
        .objects
        .find_tree_iter(&tree, buf)
        .map_err(|e| e.to_string())?;
    for e in iter {
        let e = e.map_err(|e| e.to_string())?;
        if e.filename == name {
            return Ok(Some((e.mode, e.oid.to_owned())));
        }
    }
    Ok(None)
}

/// Whether the trees of `line` (newest first) are cheaper read oldest
/// first: whether, in the pack, a commit's root tree is mostly stored as
/// a delta on its parent's (as `git fast-import` writes them) rather than
/// the other way round (as `git gc` does). Judged from the delta depths
/// of the newest few trees, read from their pack entries' headers (no
/// tree is rebuilt); a tie reads newest first.
fn oldest_first(repo: &gix::Repository, line: &[(i64, gix::ObjectId)]) -> bool {
    let depth = |id: gix::ObjectId| match repo.find_header(id) {
        Ok(gix::odb::find::Header::Packed(o)) => Some(o.num_deltas),
        _ => None,
    };
    let depths: Vec<Option<u32>> = line.iter().take(9).map(|&(_, t)| depth(t)).collect();
    let (mut newer_deeper, mut older_deeper) = (0, 0);
    for w in depths.windows(2) {
        match (w[0], w[1]) {
            (Some(a), Some(b)) if a > b => newer_deeper += 1,
            (Some(a), Some(b)) if b > a => older_deeper += 1,
            _ => {}
        }
    }
    newer_deeper > older_deeper
}

/// The text of blob `id` (invalid UTF-8 replaced).
pub fn text(repo: &gix::Repository, id: gix::ObjectId) -> Result<String, String> {
    let object = repo.find_object(id).map_err(|e| e.to_string())?;
    let data = object.detach().data;
    // Valid UTF-8 (the usual case) is kept as is, without a copy.
    Ok(String::from_utf8(data)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;
    use std::process::{Command, Stdio};

    /// A repository whose commits move, remove, restore and retype the
    /// files and folders read (written with `git fast-import`).
    fn repo(dir: &Path) -> gix::Repository {
        let steps: &[&[&str]] = &[
            &[
                "M 100644 inline a/b/x.md\ndata 2\nx1",
                "M 100644 inline top.md\ndata 1\nt",
            ],
            &["M 100644 inline a/b/x.md\ndata 2\nx2"],
            &["M 100644 inline a/c/y.md\ndata 1\ny"],
            &["D a/b"],
            &["M 100644 inline a/b/x.md\ndata 2\nx1"],
            &["D a/b", "M 100644 inline a/b\ndata 1\nb"],
            &["D a/b", "M 100644 inline a/b/x.md/in\ndata 1\ni"],
            &["M 100644 inline top.md\ndata 2\nt2"],
            &["D a/b/x.md", "M 100644 inline a/b/x.md\ndata 2\nx2"],
        ];
        let mut stream = String::new();
        for (n, step) in steps.iter().enumerate() {
            stream.push_str(&format!(
                "commit refs/heads/main\nauthor A <a@b> {} +0100\ncommitter A <a@b> 0 +0000\ndata 1\nc\n",
                86_400 * n
            ));
            for op in *step {
                stream.push_str(op);
                stream.push('\n');
            }
        }
        let git = |args: &[&str], input: Option<&str>| {
            let mut child = Command::new("git")
                .args(args)
                .current_dir(dir)
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .spawn()
                .expect("git runs");
            if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
                stdin.write_all(input.as_bytes()).expect("git reads");
            }
            assert!(child.wait().expect("git ends").success(), "git {args:?}");
        };
        git(&["init", "-q", "-b", "main"], None);
        git(&["fast-import", "--quiet"], Some(&stream));
        gix::open(dir).expect("a repository")
    }

    /// Peeling the trees folder by folder, in either order, gives for
    /// every commit what a lookup of each whole path in the commit's tree
    /// gives.
    #[test]
    fn peeled_trees_give_what_whole_path_lookups_give() {
        let dir = tempfile::tempdir().expect("a folder");
        let repo = repo(dir.path());
        let head = repo.head_id().expect("a head").detach();
        let paths: Vec<String> = ["a/b/x.md", "top.md", "a/c/y.md", "missing/z.md", "a/b"]
            .map(String::from)
            .to_vec();
        let (commits, met) = commits(&repo, head, &paths, None).expect("read");
        assert!(!met);
        assert_eq!(commits.len(), 9);
        let mut line = Vec::new();
        let mut expected = Vec::new();
        let mut next = Some(head);
        while let Some(id) = next {
            let commit = repo.find_commit(id).expect("a commit");
            let tree = commit.tree().expect("a tree");
            line.push((0, tree.id));
            expected.push(
                paths
                    .iter()
                    .map(|p| {
                        tree.lookup_entry_by_path(p)
                            .expect("lookup")
                            .filter(|e| e.mode().is_blob())
                            .map(|e| e.object_id())
                    })
                    .collect::<Vec<_>>(),
            );
            next = commit.parent_ids().next().map(|p| p.detach());
        }
        let got: Vec<_> = commits.iter().map(|c| c.blobs.clone()).collect();
        assert_eq!(got, expected);
        for oldest in [true, false] {
            let got: Vec<_> = trees(&repo, &line, &paths, oldest)
                .expect("read")
                .into_iter()
                .map(|c| c.blobs)
                .collect();
            assert_eq!(got, expected, "oldest first: {oldest}");
        }
        // Days in the author's time zone, newest first.
        let days: Vec<i64> = commits.iter().map(|c| c.day).collect();
        assert_eq!(days, (0..9).rev().collect::<Vec<i64>>());
        // A stop commit ends the walk before it.
        let (some, met) = commits_from(&repo, head, &paths, 3);
        assert!(met);
        assert_eq!(some.len(), 3);
    }

    fn commits_from(
        repo: &gix::Repository,
        head: gix::ObjectId,
        paths: &[String],
        n: usize,
    ) -> (Vec<Commit>, bool) {
        let mut stop = head;
        for _ in 0..n {
            stop = repo
                .find_commit(stop)
                .expect("a commit")
                .parent_ids()
                .next()
                .expect("a parent")
                .detach();
        }
        commits(repo, head, paths, Some(stop)).expect("read")
    }
}
