//! The [`FileSystem`] trait: every path operation node's `fs` module gives
//! Go (and WASI's `path_*` calls need).
//!
//! Owns the contract every implementation keeps: path syntax, what `.`,
//! `..` and symbolic links mean, which errno each refusal is. It does not
//! own descriptors or the program's working directory: callers join
//! relative paths with their cwd before calling.

use crate::{File, Metadata, OpenOptions, Result};
use std::rc::Rc;

/// A tree of directories, files and symbolic links, reached by path.
///
/// # Paths
///
/// Every path is an absolute guest path (`"/a/b"`), already joined with
/// the program's working directory by the caller, and *not* normalised:
/// `.` and `..` may appear, and are resolved component by component after
/// the symbolic links met before them, as the OS does (`/l/..` is the
/// parent of `l`'s target, not `/`). `..` at the root stays at the root.
/// A trailing `/` asks for a directory: the last component is followed if
/// it is a link and must then be a directory (`ENOTDIR` otherwise).
///
/// The empty path is `ENOENT` for every operation (libuv's behaviour:
/// `fs.rmdir('')` must never remove the working directory); a path not
/// starting with `/` is `EINVAL`; a NUL byte is `EINVAL`; a path of 4096
/// bytes or more, or a component over 255 bytes, is `ENAMETOOLONG`.
///
/// Symbolic links are followed for at most 40 hops (`ELOOP` past that).
/// Operations on a directory entry itself (`create_dir`, `remove_*`,
/// `rename`, `hard_link`'s new name, `symlink`'s link) never follow the
/// last component; on `/`, `.` or `..` as last component they fail as
/// Linux does: `EEXIST` (create), `EISDIR` (unlink), `EBUSY` (rename, and
/// rmdir of `/`), `EINVAL` (rmdir `.`), `ENOTEMPTY` (rmdir `..`).
///
/// # Modes
///
/// `mode` arguments are permission bits (`& 0o7777` is kept); a created
/// file or directory gets `mode & !umask`.
///
/// The trait is object safe: a [`MountFs`](crate::MountFs) holds
/// `Box<dyn FileSystem>`.
pub trait FileSystem {
    /// Opens (and maybe creates or truncates) the file at `path`.
    ///
    /// # Errors
    ///
    /// `ENOENT` if it is missing and not to be created; `EEXIST` for
    /// `create_new` on an existing path; `EISDIR` for write access to a
    /// directory; `ENOTDIR` for `directory` on a non-directory; `ELOOP` for
    /// `no_follow` on a symbolic link; `EINVAL` for the combinations
    /// [`OpenOptions::validate`] refuses; `EROFS` on a read-only mount.
    fn open(&self, path: &str, options: &OpenOptions, umask: u32) -> Result<Box<dyn File>>;

    /// The status of `path` (`stat`), or of the link itself when
    /// `follow_symlinks` is false and `path` is one (`lstat`).
    ///
    /// # Errors
    ///
    /// `ENOENT`, `ENOTDIR`, `ELOOP` from resolving `path`.
    fn metadata(&self, path: &str, follow_symlinks: bool) -> Result<Metadata>;

    /// The names in the directory `path`, without `.` and `..`.
    ///
    /// # Errors
    ///
    /// `ENOTDIR` if `path` is not a directory; `ENOENT` if it is missing.
    fn read_dir(&self, path: &str) -> Result<Vec<String>>;

    /// Creates the directory `path` with `mode & !umask` (`mkdir`).
    ///
    /// # Errors
    ///
    /// `EEXIST` if `path` exists (also as a dangling link); `ENOENT` if
    /// its parent is missing; `ENOSPC` when full; `EROFS` read-only.
    fn create_dir(&self, path: &str, mode: u32, umask: u32) -> Result<()>;

    /// Removes the non-directory entry `path` (`unlink`); a link is
    /// removed, not its target.
    ///
    /// # Errors
    ///
    /// `EISDIR` for a directory; `ENOENT` if missing; `EROFS` read-only.
    fn remove_file(&self, path: &str) -> Result<()>;

    /// Removes the empty directory `path` (`rmdir`).
    ///
    /// # Errors
    ///
    /// `ENOTEMPTY` if it has entries; `ENOTDIR` for a non-directory;
    /// `EBUSY` for `/` or a mount point; `EROFS` read-only.
    fn remove_dir(&self, path: &str) -> Result<()>;

    /// Moves the entry `from` to `to`, replacing a file, or an empty
    /// directory, at `to` (`rename`). A no-op when both name the same file.
    ///
    /// # Errors
    ///
    /// `EISDIR` moving a non-directory onto a directory; `ENOTDIR` moving a
    /// directory onto a non-directory; `ENOTEMPTY` onto a non-empty
    /// directory; `EINVAL` moving a directory into itself; `EXDEV` across
    /// mounts; `EROFS` read-only.
    fn rename(&self, from: &str, to: &str) -> Result<()>;

    /// Adds the name `new` for the file `existing` (`link`; a link named
    /// by `existing` is linked itself, not followed, as Linux's `link`).
    ///
    /// # Errors
    ///
    /// `EEXIST` if `new` exists; `EPERM` for a directory; `EXDEV` across
    /// mounts; `EROFS` read-only.
    fn hard_link(&self, existing: &str, new: &str) -> Result<()>;

    /// Creates the symbolic link `link` whose target is `target`, stored
    /// verbatim and resolved only when the link is followed.
    ///
    /// # Errors
    ///
    /// `EEXIST` if `link` exists; `ENOENT` for an empty target; `EROFS`
    /// read-only.
    fn symlink(&self, target: &str, link: &str) -> Result<()>;

    /// The target of the symbolic link `path`, as it was stored.
    ///
    /// # Errors
    ///
    /// `EINVAL` if `path` is not a symbolic link.
    fn read_link(&self, path: &str) -> Result<String>;

    /// Sets the permission bits of `path` (following links): `chmod`.
    ///
    /// # Errors
    ///
    /// `ENOENT` if missing; `EPERM` if the caller may not; `EROFS`
    /// read-only.
    fn set_mode(&self, path: &str, mode: u32) -> Result<()>;

    /// Sets the owner of `path` (`chown`, or `lchown` when
    /// `follow_symlinks` is false); `u32::MAX` leaves that id unchanged.
    ///
    /// # Errors
    ///
    /// `EPERM` if the caller may not; `EROFS` read-only.
    fn set_owner(&self, path: &str, uid: u32, gid: u32, follow_symlinks: bool) -> Result<()>;

    /// Truncates or extends the regular file `path` to `len` bytes.
    ///
    /// # Errors
    ///
    /// `EISDIR` for a directory; `EFBIG` past the largest file size;
    /// `EROFS` read-only.
    fn set_len(&self, path: &str, len: u64) -> Result<()>;

    /// Sets the access and modification times of `path` (following
    /// links), in ms since the epoch: `utimes`.
    ///
    /// # Errors
    ///
    /// `EINVAL` for NaN, ±∞ and times the storage cannot hold (each
    /// implementation says which); `EROFS` read-only.
    fn set_times(&self, path: &str, atime_ms: f64, mtime_ms: f64) -> Result<()>;
}

/// Forwards every call to the filesystem behind a pointer.
macro_rules! forward_filesystem {
    ($($pointer:ident),*) => {$(
        impl<F: FileSystem + ?Sized> FileSystem for $pointer<F> {
            fn open(&self, path: &str, options: &OpenOptions, umask: u32) -> Result<Box<dyn File>> {
                (**self).open(path, options, umask)
            }
            fn metadata(&self, path: &str, follow_symlinks: bool) -> Result<Metadata> {
                (**self).metadata(path, follow_symlinks)
            }
            fn read_dir(&self, path: &str) -> Result<Vec<String>> {
                (**self).read_dir(path)
            }
            fn create_dir(&self, path: &str, mode: u32, umask: u32) -> Result<()> {
                (**self).create_dir(path, mode, umask)
            }
            fn remove_file(&self, path: &str) -> Result<()> {
                (**self).remove_file(path)
            }
            fn remove_dir(&self, path: &str) -> Result<()> {
                (**self).remove_dir(path)
            }
            fn rename(&self, from: &str, to: &str) -> Result<()> {
                (**self).rename(from, to)
            }
            fn hard_link(&self, existing: &str, new: &str) -> Result<()> {
                (**self).hard_link(existing, new)
            }
            fn symlink(&self, target: &str, link: &str) -> Result<()> {
                (**self).symlink(target, link)
            }
            fn read_link(&self, path: &str) -> Result<String> {
                (**self).read_link(path)
            }
            fn set_mode(&self, path: &str, mode: u32) -> Result<()> {
                (**self).set_mode(path, mode)
            }
            fn set_owner(&self, path: &str, uid: u32, gid: u32, follow_symlinks: bool) -> Result<()> {
                (**self).set_owner(path, uid, gid, follow_symlinks)
            }
            fn set_len(&self, path: &str, len: u64) -> Result<()> {
                (**self).set_len(path, len)
            }
            fn set_times(&self, path: &str, atime_ms: f64, mtime_ms: f64) -> Result<()> {
                (**self).set_times(path, atime_ms, mtime_ms)
            }
        }
    )*};
}

forward_filesystem!(Box, Rc);
