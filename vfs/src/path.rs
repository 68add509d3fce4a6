//! Guest path syntax: checking a path string and splitting it into
//! components, and the errno of an entry operation on `/`, `.` or `..`.
//!
//! Owns the rules every [`FileSystem`](crate::FileSystem) applies before it
//! looks anything up (empty path, relative path, NUL, length limits). It
//! does not resolve anything: [`resolve`](crate::resolve) walks the
//! components.

use crate::{Errno, Result};

/// The longest path, in bytes, with its terminating NUL (Linux `PATH_MAX`).
pub(crate) const PATH_MAX: usize = 4096;
/// The longest component, in bytes (Linux `NAME_MAX`).
pub(crate) const NAME_MAX: usize = 255;
/// How many symbolic links one resolution follows (Linux's limit).
pub(crate) const MAX_HOPS: usize = 40;

/// An absolute guest path, split at `/`: the components (empty ones, from
/// `//`, dropped; `.` and `..` kept) and whether it ends with `/`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct GuestPath<'a> {
    pub(crate) components: Vec<&'a str>,
    pub(crate) trailing_slash: bool,
}

/// Checks `path` and splits it.
///
/// # Errors
///
/// `ENOENT` for `""`; `EINVAL` for a relative path or a NUL byte;
/// `ENAMETOOLONG` for a path of [`PATH_MAX`] bytes or more, or a component
/// over [`NAME_MAX`].
pub(crate) fn parse(path: &str) -> Result<GuestPath<'_>> {
    if path.is_empty() {
        return Err(Errno::ENOENT);
    }
    if path.contains('\0') || !path.starts_with('/') {
        return Err(Errno::EINVAL);
    }
    if path.len() >= PATH_MAX {
        return Err(Errno::ENAMETOOLONG);
    }
    let components: Vec<&str> = path.split('/').filter(|c| !c.is_empty()).collect();
    if components.iter().any(|c| c.len() > NAME_MAX) {
        return Err(Errno::ENAMETOOLONG);
    }
    let trailing_slash = path.len() > 1 && path.ends_with('/');
    Ok(GuestPath {
        components,
        trailing_slash,
    })
}

/// Checks the target of a new symbolic link: stored verbatim, so only
/// what no path may hold is refused.
///
/// # Errors
///
/// `ENOENT` for an empty target (as Linux); `EINVAL` for a NUL byte;
/// `ENAMETOOLONG` for [`PATH_MAX`] bytes or more.
pub(crate) fn check_target(target: &str) -> Result<()> {
    if target.is_empty() {
        return Err(Errno::ENOENT);
    }
    if target.contains('\0') {
        return Err(Errno::EINVAL);
    }
    if target.len() >= PATH_MAX {
        return Err(Errno::ENAMETOOLONG);
    }
    Ok(())
}

/// An operation on a directory entry (rather than on what a path names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EntryOp {
    /// `mkdir`, `symlink`'s link, `link`'s new name.
    Create,
    /// `unlink`.
    Unlink,
    /// `rmdir`.
    Rmdir,
    /// Either side of `rename`, `link`'s existing name.
    Rename,
}

impl EntryOp {
    /// The errno Linux gives when the last component is no name: `/`
    /// (`None`), `.` or `..` (`namei.c`'s `LAST_ROOT`, `LAST_DOT`,
    /// `LAST_DOTDOT`).
    fn refusal(self, last: Option<&str>) -> Errno {
        match (self, last) {
            (EntryOp::Create, _) => Errno::EEXIST,
            (EntryOp::Unlink, _) => Errno::EISDIR,
            (EntryOp::Rename, _) => Errno::EBUSY,
            (EntryOp::Rmdir, None) => Errno::EBUSY,
            (EntryOp::Rmdir, Some(".")) => Errno::EINVAL,
            (EntryOp::Rmdir, Some(_)) => Errno::ENOTEMPTY,
        }
    }
}

impl<'a> GuestPath<'a> {
    /// The entry `op` acts on: the components of its directory and its
    /// name.
    ///
    /// # Errors
    ///
    /// What Linux answers when the last component is `/`, `.` or `..`
    /// (see [`EntryOp`]).
    pub(crate) fn entry(&self, op: EntryOp) -> Result<(&[&'a str], &'a str)> {
        match self.components.split_last() {
            None => Err(op.refusal(None)),
            Some((&name, _)) if name == "." || name == ".." => Err(op.refusal(Some(name))),
            Some((&name, parent)) => Ok((parent, name)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_without_normalising() {
        let p = parse("/a//b/./../c/").unwrap();
        assert_eq!(p.components, ["a", "b", ".", "..", "c"]);
        assert!(p.trailing_slash);
        let root = parse("/").unwrap();
        assert!(root.components.is_empty() && !root.trailing_slash);
    }

    #[test]
    fn refuses_what_no_path_may_be() {
        assert_eq!(parse(""), Err(Errno::ENOENT));
        assert_eq!(parse("a/b"), Err(Errno::EINVAL));
        assert_eq!(parse("/a\0b"), Err(Errno::EINVAL));
        assert_eq!(
            parse(&format!("/{}", "x".repeat(256))),
            Err(Errno::ENAMETOOLONG)
        );
        assert_eq!(parse(&"/x".repeat(2048)), Err(Errno::ENAMETOOLONG));
        assert_eq!(check_target(""), Err(Errno::ENOENT));
    }

    #[test]
    fn entry_ops_on_dots_fail_as_linux() {
        let p = |s| parse(s).unwrap();
        assert_eq!(p("/a/b").entry(EntryOp::Unlink), Ok((&["a"][..], "b")));
        assert_eq!(p("/").entry(EntryOp::Rmdir), Err(Errno::EBUSY));
        assert_eq!(p("/a/.").entry(EntryOp::Rmdir), Err(Errno::EINVAL));
        assert_eq!(p("/a/..").entry(EntryOp::Rmdir), Err(Errno::ENOTEMPTY));
        assert_eq!(p("/a/.").entry(EntryOp::Create), Err(Errno::EEXIST));
        assert_eq!(p("/..").entry(EntryOp::Unlink), Err(Errno::EISDIR));
        assert_eq!(p("/").entry(EntryOp::Rename), Err(Errno::EBUSY));
    }
}
