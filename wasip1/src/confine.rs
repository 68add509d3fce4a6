//! Paths given to `path_*` functions: relative to a directory descriptor,
//! and confined beneath it, as wasmtime confines them (cap-std's
//! `open_beneath` rules).
//!
//! Owns [`beneath`]: the walk that turns `(directory, relative path)`
//! into the absolute path of the command's filesystem that the operation
//! acts on, refusing with `EPERM` — what wasmtime answers, cap-std's
//! "a path led outside of the filesystem" — every path that would leave
//! the directory: an absolute path, a `..` above it, a symbolic link
//! whose target is absolute or climbs above it. It does not perform the
//! operation: the caller hands the result to the [`FileSystem`].
//!
//! `gojs-vfs` alone would resolve such a path *inside* its tree (`..` at
//! the root stays there, an absolute link target starts at the root of
//! the mount); a Go program under wasmtime sees `EPERM` instead
//! (`os.ReadFile` of a link to `../x` is "operation not permitted"), so
//! the walk is done here, the way cap-std does it, before the filesystem
//! sees the path. The result names no symbolic link but maybe the last
//! component (when it is not to be followed), so the filesystem's own
//! resolution of it goes exactly where this walk went.

use crate::errno::{self, ELOOP, ENOENT, ENOTDIR, EPERM, Errno};
use gojs_vfs::{Errno as LinuxErrno, FileSystem};

/// How many symbolic links one walk follows (Linux's and cap-std's limit).
const MAX_HOPS: usize = 40;

/// The absolute path of `fs` that `path`, relative to the directory
/// `base` (an absolute path of `fs`), names; the last component is
/// followed if it is a symbolic link only when `follow` (or the path ends
/// with `/`).
///
/// A last component `.` or `..` is kept in the result (`/d/.`,
/// `/d/sub/..`), so that entry operations fail on it as Linux's do
/// (`rmdir` of `.` is `EINVAL`); a trailing `/` is kept too (it asks for
/// a directory).
///
/// # Errors
///
/// `EPERM` for a path that leaves `base`; `ENOENT` for an empty path or a
/// missing directory on the way; `ENOTDIR` for a non-directory on the
/// way; `ELOOP` past [`MAX_HOPS`] links; the filesystem's errors looking
/// components up.
pub fn beneath(fs: &dyn FileSystem, base: &str, path: &str, follow: bool) -> Result<String, Errno> {
    if path.is_empty() {
        return Err(ENOENT);
    }
    if path.starts_with('/') {
        return Err(EPERM);
    }
    let trailing_slash = path.ends_with('/');
    let follow_last = follow || trailing_slash;
    // The components still to walk, next one last.
    let mut pending: Vec<String> = components(path).rev().map(str::to_owned).collect();
    // The directories below `base` the walk is in.
    let mut below: Vec<String> = Vec::new();
    let mut tail = "";
    let mut hops = 0;
    while let Some(name) = pending.pop() {
        let last = pending.is_empty();
        match name.as_str() {
            "." if last => tail = "/.",
            "." => {}
            ".." if below.is_empty() => return Err(EPERM),
            ".." if last => tail = "/..",
            ".." => {
                below.pop();
            }
            _ if last && !follow_last => below.push(name),
            _ => {
                let here = join(base, &below, &name);
                match fs.metadata(&here, false) {
                    Err(LinuxErrno::ENOENT) if last => below.push(name),
                    Err(e) => return Err(errno::from_vfs(e)),
                    Ok(m) if m.is_symlink() => {
                        hops += 1;
                        if hops > MAX_HOPS {
                            return Err(ELOOP);
                        }
                        let target = fs.read_link(&here).map_err(errno::from_vfs)?;
                        if target.starts_with('/') {
                            return Err(EPERM);
                        }
                        if target.is_empty() {
                            return Err(ENOENT);
                        }
                        pending.extend(components(&target).rev().map(str::to_owned));
                        if target.ends_with('/') && last {
                            // `l -> d/`: what the link names must be a directory.
                            pending.insert(0, ".".to_owned());
                        }
                    }
                    Ok(m) if m.is_dir() || last => below.push(name),
                    Ok(_) => return Err(ENOTDIR),
                }
            }
        }
    }
    let mut resolved = join_all(base, &below);
    resolved.push_str(tail);
    if trailing_slash && tail.is_empty() && !resolved.ends_with('/') {
        resolved.push('/');
    }
    Ok(resolved)
}

/// The components of `path`, without the empty ones (`a//b/`).
fn components(path: &str) -> impl DoubleEndedIterator<Item = &str> {
    path.split('/').filter(|c| !c.is_empty())
}

fn join_all(base: &str, below: &[String]) -> String {
    let mut path = base.trim_end_matches('/').to_owned();
    for name in below {
        path.push('/');
        path.push_str(name);
    }
    if path.is_empty() {
        path.push('/');
    }
    path
}

fn join(base: &str, below: &[String], name: &str) -> String {
    let mut path = join_all(base, below);
    if !path.ends_with('/') {
        path.push('/');
    }
    path.push_str(name);
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use gojs_vfs::MemFs;

    fn tree() -> MemFs {
        let fs = MemFs::new();
        fs.create_dir_all("/d/sub").unwrap();
        fs.write_file("/d/sub/f", b"x").unwrap();
        fs.write_file("/outside", b"secret").unwrap();
        for (target, link) in [
            ("sub/f", "/d/in"),
            ("sub", "/d/subdir"),
            ("../outside", "/d/up"),
            ("sub/../../outside", "/d/sneaky"),
            ("/outside", "/d/abs"),
            ("loop", "/d/loop"),
            ("sub/", "/d/slash"),
            ("..", "/d/sub/parent"),
        ] {
            fs.symlink(target, link).unwrap();
        }
        fs
    }

    fn at(path: &str, follow: bool) -> Result<String, Errno> {
        beneath(&tree(), "/d", path, follow)
    }

    #[test]
    fn paths_inside_resolve_to_paths_without_links() {
        assert_eq!(at("sub/f", true).as_deref(), Ok("/d/sub/f"));
        assert_eq!(at("in", true).as_deref(), Ok("/d/sub/f"));
        assert_eq!(at("in", false).as_deref(), Ok("/d/in"));
        assert_eq!(at("subdir/f", false).as_deref(), Ok("/d/sub/f"));
        assert_eq!(at("./sub//./f", true).as_deref(), Ok("/d/sub/f"));
        assert_eq!(at("sub/parent/in", true).as_deref(), Ok("/d/sub/f"));
        assert_eq!(at("new", true).as_deref(), Ok("/d/new"));
        assert_eq!(at(".", true).as_deref(), Ok("/d/."));
        assert_eq!(at("sub/..", false).as_deref(), Ok("/d/sub/.."));
        assert_eq!(at("sub/", false).as_deref(), Ok("/d/sub/"));
        assert_eq!(at("slash", true).as_deref(), Ok("/d/sub/."));
        assert_eq!(
            beneath(&tree(), "/", "d/in", true).as_deref(),
            Ok("/d/sub/f")
        );
    }

    #[test]
    fn paths_leaving_the_directory_are_eperm() {
        for path in [
            "/d/sub",
            "..",
            "sub/../..",
            "up",
            "sneaky",
            "abs",
            "sub/parent/..",
        ] {
            assert_eq!(at(path, true), Err(EPERM), "{path}");
        }
        // Not followed, a link that leads out is only a name.
        assert_eq!(at("up", false).as_deref(), Ok("/d/up"));
        assert_eq!(beneath(&tree(), "/d/sub", "parent", true), Err(EPERM));
    }

    #[test]
    fn errors_on_the_way() {
        assert_eq!(at("", true), Err(ENOENT));
        assert_eq!(at("missing/x", true), Err(ENOENT));
        assert_eq!(at("sub/f/x", true), Err(ENOTDIR));
        assert_eq!(at("sub/f/.", true), Err(ENOTDIR));
        assert_eq!(at("loop", true), Err(ELOOP));
        assert_eq!(at("loop", false).as_deref(), Ok("/d/loop"));
    }
}
