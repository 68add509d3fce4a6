//! Path resolution as `namei` does it: component by component, following
//! symbolic links, `..` applied to where the walk *is* (after links), at
//! most [`MAX_HOPS`] links.
//!
//! Owns the walk, shared by [`MemFs`](crate::MemFs) (nodes are inode
//! numbers) and [`HostDir`](crate::HostDir) (nodes are host paths under
//! the root). It does not read directories: a [`Walk`] answers "what is
//! `name` in this directory?".
//!
//! The walk keeps the stack of directories from the root to where it is:
//! `..` pops it (never past the root, which is how `..` at `/` stays at
//! `/` and how a confined tree is a chroot), an absolute link target
//! cuts it back to the root, a relative one continues from the link's
//! directory. Because every node on the stack was reached as a child of
//! the one below it, a walk can never name anything outside the tree.

use crate::path::{EntryOp, GuestPath, MAX_HOPS, NAME_MAX};
use crate::{Errno, Result};

/// What kind of entry a [`Walk`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A directory: the walk can descend into it.
    Dir,
    /// A symbolic link, with its target.
    Symlink(String),
    /// Anything else (regular file, device, FIFO, socket).
    Other,
}

/// A tree the resolver can walk.
pub(crate) trait Walk {
    /// A directory or entry of the tree.
    type Node: Clone;

    /// The root directory.
    fn root(&self) -> Self::Node;

    /// The entry `name` (never `.` or `..`) of the directory `dir`.
    ///
    /// # Errors
    ///
    /// Whatever reading `dir` fails with; a missing entry is `Ok(None)`.
    fn child(&self, dir: &Self::Node, name: &str) -> Result<Option<(Self::Node, Kind)>>;
}

/// An entry the walk found.
#[derive(Debug)]
pub(crate) struct Found<N> {
    /// The entry.
    pub(crate) node: N,
    /// Its kind (a link only when the last link was not to be followed).
    pub(crate) kind: Kind,
    /// The directories from the root to the entry's parent (empty for the
    /// root itself).
    pub(crate) ancestors: Vec<N>,
}

/// The end of a walk.
#[derive(Debug)]
pub(crate) enum Lookup<N> {
    /// The path names an entry.
    Found(Found<N>),
    /// Everything but the last component exists: `name` is missing from
    /// the last directory of `dirs` (which starts at the root).
    Missing {
        /// The directories from the root to the one that lacks `name`.
        dirs: Vec<N>,
        /// The missing name (maybe taken from a link target).
        name: String,
    },
}

/// Walks `components` from the root; the last one is followed if it is a
/// link only when `follow_last`.
///
/// # Errors
///
/// `ENOENT` for a missing directory on the way (or an empty link target),
/// `ENOTDIR` for a non-directory on the way, `ELOOP` past [`MAX_HOPS`]
/// links, `ENAMETOOLONG` for a link target component over `NAME_MAX`.
pub(crate) fn resolve<W: Walk>(
    walk: &W,
    components: &[&str],
    follow_last: bool,
) -> Result<Lookup<W::Node>> {
    let mut dirs = vec![walk.root()];
    // The components still to walk, next one last.
    let mut pending: Vec<String> = components.iter().rev().map(|c| c.to_string()).collect();
    let mut hops = 0;
    while let Some(name) = pending.pop() {
        let last = pending.is_empty();
        if name == "." || name == ".." {
            if name == ".." && dirs.len() > 1 {
                dirs.pop();
            }
            if last {
                return Ok(Lookup::Found(found_dir(dirs)));
            }
            continue;
        }
        if name.len() > NAME_MAX {
            return Err(Errno::ENAMETOOLONG);
        }
        let dir = dirs.last().expect("the root is never popped");
        match walk.child(dir, &name)? {
            None if last => return Ok(Lookup::Missing { dirs, name }),
            None => return Err(Errno::ENOENT),
            Some((node, Kind::Dir)) => {
                dirs.push(node);
                if last {
                    return Ok(Lookup::Found(found_dir(dirs)));
                }
            }
            Some((node, Kind::Symlink(target))) => {
                if last && !follow_last {
                    let kind = Kind::Symlink(target);
                    return Ok(Lookup::Found(Found {
                        node,
                        kind,
                        ancestors: dirs,
                    }));
                }
                hops += 1;
                if hops > MAX_HOPS {
                    return Err(Errno::ELOOP);
                }
                if target.is_empty() {
                    return Err(Errno::ENOENT);
                }
                if target.starts_with('/') {
                    dirs.truncate(1);
                }
                let parts = target.split('/').filter(|c| !c.is_empty());
                pending.extend(parts.rev().map(str::to_string));
                if pending.is_empty() {
                    // The target was `/` and nothing followed the link.
                    return Ok(Lookup::Found(found_dir(dirs)));
                }
            }
            Some((node, Kind::Other)) if last => {
                return Ok(Lookup::Found(Found {
                    node,
                    kind: Kind::Other,
                    ancestors: dirs,
                }));
            }
            Some((_, Kind::Other)) => return Err(Errno::ENOTDIR),
        }
    }
    Ok(Lookup::Found(found_dir(dirs)))
}

/// The directory on top of `dirs`, found.
fn found_dir<N>(mut dirs: Vec<N>) -> Found<N> {
    let node = dirs.pop().expect("the root is never popped");
    Found {
        node,
        kind: Kind::Dir,
        ancestors: dirs,
    }
}

/// The entry `path` names, which must exist; a trailing `/` follows the
/// last link and requires a directory.
///
/// # Errors
///
/// Those of [`resolve`]; `ENOENT` if the entry is missing; `ENOTDIR` for a
/// trailing `/` on a non-directory.
pub(crate) fn find<W: Walk>(
    walk: &W,
    path: &GuestPath<'_>,
    follow: bool,
) -> Result<Found<W::Node>> {
    let follow = follow || path.trailing_slash;
    match resolve(walk, &path.components, follow)? {
        Lookup::Missing { .. } => Err(Errno::ENOENT),
        Lookup::Found(found) if path.trailing_slash && found.kind != Kind::Dir => {
            Err(Errno::ENOTDIR)
        }
        Lookup::Found(found) => Ok(found),
    }
}

/// The directory an entry operation acts in, and the entry's name: the
/// directories from the root to that directory (it last).
///
/// # Errors
///
/// The refusals of [`GuestPath::entry`]; those of [`resolve`]; `ENOENT`
/// if the directory is missing, `ENOTDIR` if it is not one.
pub(crate) fn entry_dir<'p, W: Walk>(
    walk: &W,
    path: &GuestPath<'p>,
    op: EntryOp,
) -> Result<(Vec<W::Node>, &'p str)> {
    let (parent, name) = path.entry(op)?;
    match resolve(walk, parent, true)? {
        Lookup::Missing { .. } => Err(Errno::ENOENT),
        Lookup::Found(Found {
            node,
            kind: Kind::Dir,
            mut ancestors,
        }) => {
            ancestors.push(node);
            Ok((ancestors, name))
        }
        Lookup::Found(_) => Err(Errno::ENOTDIR),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path::parse;
    use std::collections::HashMap;

    /// A tree of absolute paths: `"/a"` → kind.
    struct Paths(HashMap<String, Kind>);

    impl Walk for Paths {
        type Node = String;
        fn root(&self) -> String {
            String::new()
        }
        fn child(&self, dir: &String, name: &str) -> Result<Option<(String, Kind)>> {
            let path = format!("{dir}/{name}");
            Ok(self.0.get(&path).map(|kind| (path, kind.clone())))
        }
    }

    fn tree() -> Paths {
        let link = |t: &str| Kind::Symlink(t.to_string());
        Paths(HashMap::from([
            ("/a".into(), Kind::Dir),
            ("/a/b".into(), Kind::Dir),
            ("/a/f".into(), Kind::Other),
            ("/up".into(), link("a/b")),
            ("/abs".into(), link("/a")),
            ("/loop".into(), link("loop")),
            ("/root".into(), link("/")),
        ]))
    }

    fn found(path: &str, follow: bool) -> Result<String> {
        find(&tree(), &parse(path).unwrap(), follow).map(|f| f.node)
    }

    #[test]
    fn dot_dot_applies_after_links() {
        // `/up` is `/a/b`, so `/up/..` is `/a`, not `/`.
        assert_eq!(found("/up/..", true).as_deref(), Ok("/a"));
        assert_eq!(found("/../../a/./b", true).as_deref(), Ok("/a/b"));
        assert_eq!(found("/abs/f", true).as_deref(), Ok("/a/f"));
        assert_eq!(found("/root/a", true).as_deref(), Ok("/a"));
        assert_eq!(found("/root", true).as_deref(), Ok(""));
    }

    #[test]
    fn errors_on_the_way() {
        assert_eq!(found("/loop", true), Err(Errno::ELOOP));
        assert_eq!(found("/loop", false).as_deref(), Ok("/loop"));
        assert_eq!(found("/a/f/x", true), Err(Errno::ENOTDIR));
        assert_eq!(found("/a/f/", true), Err(Errno::ENOTDIR));
        assert_eq!(found("/nope/x", true), Err(Errno::ENOENT));
        let (dirs, name) = entry_dir(&tree(), &parse("/up/new").unwrap(), EntryOp::Create).unwrap();
        assert_eq!(
            (dirs.last().map(String::as_str), name),
            (Some("/a/b"), "new")
        );
    }
}
