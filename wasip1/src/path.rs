//! The `path_*` functions: operations on a path relative to a directory
//! descriptor.
//!
//! Owns, for each function, the order of its checks as wasmtime makes
//! them (`crates/wasi/src/p1.rs` and `filesystem.rs`): the directory
//! descriptor (`EBADF`; `ENOTDIR` for a file given to `path_open`), the
//! guest strings (`EFAULT`, `EILSEQ`), the flags (`EINVAL`, `ENOTSUP`),
//! the read-only permission of a preopen (`EPERM`, before the path is
//! looked at), then the path itself, confined beneath the directory
//! ([`confine::beneath`]), and the operation on the command's
//! [`FileSystem`](gojs_vfs::FileSystem). It does not own descriptors
//! (`descriptors.rs`) or what is done with an opened file (`fs.rs`).

use crate::confine;
use crate::descriptors::{Descriptor, Dir, OpenFile};
use crate::errno::{self, EBADF, EINVAL, ENOTDIR, ENOTSUP, EPERM, Errno};
use crate::fs::{Times, filesystem};
use crate::imports::{C, State};
use crate::memory;
use crate::records::{self, LOOKUP_SYMLINK_FOLLOW, fdflags, oflags, rights};
use gojs_vfs::OpenOptions;

/// The umask applied to the files and directories a command creates
/// (what a host process usually has; preview 1 has no modes).
const UMASK: u32 = 0o022;

/// The directory `fd` and the path (`len` bytes at `ptr`) relative to it.
fn dir_and_path(c: &C<'_>, fd: u32, ptr: u32, len: u32) -> Result<(String, bool, String), Errno> {
    let (base, read_only) = {
        let d = c.data().fds.dir(fd)?;
        (d.path.clone(), d.read_only)
    };
    let path = memory::path(c, ptr, len)?;
    Ok((base, read_only, path))
}

/// `path` beneath `base`, in the command's filesystem.
fn beneath(state: &State, base: &str, path: &str, follow: bool) -> Result<String, Errno> {
    confine::beneath(filesystem(state)?, base, path, follow)
}

/// `path_open`: a file or a directory beneath the directory `fd`, as a new
/// descriptor.
///
/// As in wasmtime, the file is opened for writing when the rights ask for
/// `FD_WRITE` or the flags create or truncate, for reading when the
/// rights ask for `FD_READ` or do not ask for writing; the sync flags are
/// `ENOTSUP`; `DIRECTORY` with `CREAT`, `EXCL` or `TRUNC` is `EINVAL`;
/// writing beneath a read-only preopen is `EPERM`. A directory opens as a
/// directory whatever `DIRECTORY` says (Go's `os.Open` of a directory
/// asks for file rights).
#[allow(clippy::too_many_arguments, reason = "the preview 1 signature")]
pub fn path_open(
    c: &mut C<'_>,
    fd: u32,
    dirflags: u32,
    path: u32,
    path_len: u32,
    oflag_bits: u32,
    rights_base: u64,
    fdflag_bits: u32,
    opened: u32,
) -> Result<(), Errno> {
    let path = memory::path(c, path, path_len)?;
    memory::check(c, opened, 4)?;
    let state = c.data_mut();
    let (base, read_only) = match state.fds.get(fd)? {
        Descriptor::Dir(d) => (d.path.clone(), d.read_only),
        Descriptor::File(_) => return Err(ENOTDIR),
        _ => return Err(EBADF),
    };
    let has = |bits: u32, flag: u32| bits & flag != 0;
    let create = has(oflag_bits, oflags::CREAT);
    let exclusive = has(oflag_bits, oflags::EXCL);
    let truncate = has(oflag_bits, oflags::TRUNC);
    let directory = has(oflag_bits, oflags::DIRECTORY);
    let wants_write = rights_base & rights::FD_WRITE != 0;
    let write = create || truncate || wants_write;
    let read = rights_base & rights::FD_READ != 0 || !wants_write;
    if has(fdflag_bits, fdflags::SYNC | fdflags::DSYNC | fdflags::RSYNC) {
        return Err(ENOTSUP);
    }
    if directory && (create || exclusive || truncate) {
        return Err(EINVAL);
    }
    if read_only && write {
        return Err(EPERM);
    }
    let follow = dirflags & LOOKUP_SYMLINK_FOLLOW != 0;
    let resolved = beneath(state, &base, &path, follow)?;
    let options = OpenOptions {
        read,
        write,
        append: false,
        create: create && !exclusive,
        create_new: create && exclusive,
        truncate,
        directory,
        no_follow: !follow,
        mode: 0o666,
    };
    let fs = filesystem(state)?;
    let file = fs
        .open(&resolved, &options, UMASK)
        .map_err(errno::from_vfs)?;
    let is_dir = file.metadata().map_err(errno::from_vfs)?.is_dir();
    let descriptor = if is_dir {
        Descriptor::Dir(Dir {
            path: normalise(&resolved),
            preopen: None,
            read_only,
            handle: file,
        })
    } else {
        Descriptor::File(OpenFile {
            file,
            position: 0,
            append: has(fdflag_bits, fdflags::APPEND),
            nonblock: has(fdflag_bits, fdflags::NONBLOCK),
            readable: read,
            writable: write,
            read_only,
        })
    };
    let fd = state.fds.push(descriptor)?;
    memory::write_u32(c, opened, fd)
}

/// The absolute path `path` without `.`, `..` and empty components:
/// exact for the result of [`confine::beneath`], whose components are
/// real directories (no links), but for the last.
fn normalise(path: &str) -> String {
    crate::preopen_path(path)
}

/// `path_filestat_get`: the status of a path (of a link itself without
/// `SYMLINK_FOLLOW`).
pub fn path_filestat_get(
    c: &mut C<'_>,
    fd: u32,
    flags: u32,
    path: u32,
    len: u32,
    out: u32,
) -> Result<(), Errno> {
    let (base, _, path) = dir_and_path(c, fd, path, len)?;
    let follow = flags & LOOKUP_SYMLINK_FOLLOW != 0;
    let state = c.data();
    let resolved = beneath(state, &base, &path, follow)?;
    let meta = filesystem(state)?
        .metadata(&resolved, follow)
        .map_err(errno::from_vfs)?;
    memory::write(c, out, &records::filestat(&meta))
}

/// `path_filestat_set_times`: the times of a path; `EPERM` beneath a
/// read-only preopen. Without `SYMLINK_FOLLOW`, on a link, `ENOTSUP`:
/// `gojs-vfs` cannot set a link's own times (Go's `os.Chtimes` always
/// follows).
#[allow(clippy::too_many_arguments, reason = "the preview 1 signature")]
pub fn path_filestat_set_times(
    c: &mut C<'_>,
    fd: u32,
    flags: u32,
    path: u32,
    len: u32,
    atim: u64,
    mtim: u64,
    fst_flags: u32,
) -> Result<(), Errno> {
    let times = Times::new(atim, mtim, fst_flags)?;
    let (base, read_only, path) = dir_and_path(c, fd, path, len)?;
    if read_only {
        return Err(EPERM);
    }
    let follow = flags & LOOKUP_SYMLINK_FOLLOW != 0;
    let state = c.data();
    let resolved = beneath(state, &base, &path, follow)?;
    let fs = filesystem(state)?;
    if !follow && fs.metadata(&resolved, false).is_ok_and(|m| m.is_symlink()) {
        return Err(ENOTSUP);
    }
    let now = crate::imports::now(state, 0)?;
    let (atime, mtime) = times.resolve(now, || fs.metadata(&resolved, true))?;
    fs.set_times(&resolved, atime, mtime)
        .map_err(errno::from_vfs)
}

/// `path_create_directory`.
pub fn path_create_directory(c: &mut C<'_>, fd: u32, path: u32, len: u32) -> Result<(), Errno> {
    change(c, fd, path, len, |fs, path| {
        fs.create_dir(path, 0o777, UMASK)
    })
}

/// `path_unlink_file`: a file or link (`EISDIR` for a directory).
pub fn path_unlink_file(c: &mut C<'_>, fd: u32, path: u32, len: u32) -> Result<(), Errno> {
    change(c, fd, path, len, |fs, path| fs.remove_file(path))
}

/// `path_remove_directory`: an empty directory.
pub fn path_remove_directory(c: &mut C<'_>, fd: u32, path: u32, len: u32) -> Result<(), Errno> {
    change(c, fd, path, len, |fs, path| fs.remove_dir(path))
}

/// An operation on the entry `path` names beneath `fd` (its last
/// component not followed): `EPERM` beneath a read-only preopen.
fn change(
    c: &mut C<'_>,
    fd: u32,
    path: u32,
    len: u32,
    op: impl FnOnce(&dyn gojs_vfs::FileSystem, &str) -> gojs_vfs::Result<()>,
) -> Result<(), Errno> {
    let (base, read_only, path) = dir_and_path(c, fd, path, len)?;
    if read_only {
        return Err(EPERM);
    }
    let state = c.data();
    let resolved = beneath(state, &base, &path, false)?;
    op(filesystem(state)?, &resolved).map_err(errno::from_vfs)
}

/// `path_symlink`: the link `new_path` beneath `fd`, to `target` stored
/// as given. An absolute target is `EPERM` (cap-std refuses to make
/// one, so that no link beneath a preopen leads out of it).
pub fn path_symlink(
    c: &mut C<'_>,
    target: u32,
    target_len: u32,
    fd: u32,
    path: u32,
    len: u32,
) -> Result<(), Errno> {
    c.data().fds.dir(fd)?;
    let target = memory::path(c, target, target_len)?;
    let (base, read_only, path) = dir_and_path(c, fd, path, len)?;
    if read_only || target.starts_with('/') {
        return Err(EPERM);
    }
    let state = c.data();
    let resolved = beneath(state, &base, &path, false)?;
    filesystem(state)?
        .symlink(&target, &resolved)
        .map_err(errno::from_vfs)
}

/// `path_readlink`: a link's target, cut to the buffer's length (the
/// count says how much was written; Go's `os.Readlink` grows its buffer
/// while the count fills it).
pub fn path_readlink(
    c: &mut C<'_>,
    fd: u32,
    path: u32,
    len: u32,
    buf: u32,
    buf_len: u32,
    used: u32,
) -> Result<(), Errno> {
    let (base, _, path) = dir_and_path(c, fd, path, len)?;
    let state = c.data();
    let resolved = beneath(state, &base, &path, false)?;
    let target = filesystem(state)?
        .read_link(&resolved)
        .map_err(errno::from_vfs)?;
    let bytes = &target.as_bytes()[..target.len().min(buf_len as usize)];
    memory::write(c, buf, bytes)?;
    memory::write_u32(c, used, bytes.len() as u32)
}

/// `path_rename`: `from` beneath `fd` to `to` beneath `to_fd`; `EPERM`
/// if either directory is beneath a read-only preopen.
pub fn path_rename(
    c: &mut C<'_>,
    fd: u32,
    from: u32,
    from_len: u32,
    to_fd: u32,
    to: u32,
    to_len: u32,
) -> Result<(), Errno> {
    let (from_base, from_ro, from) = dir_and_path(c, fd, from, from_len)?;
    let (to_base, to_ro, to) = dir_and_path(c, to_fd, to, to_len)?;
    if from_ro || to_ro {
        return Err(EPERM);
    }
    let state = c.data();
    let from = beneath(state, &from_base, &from, false)?;
    let to = beneath(state, &to_base, &to, false)?;
    filesystem(state)?
        .rename(&from, &to)
        .map_err(errno::from_vfs)
}

/// `path_link`: the new name `to` beneath `to_fd` for `from` beneath
/// `fd`; `EPERM` beneath a read-only preopen; `SYMLINK_FOLLOW` is
/// `EINVAL` (wasmtime links the link itself, never its target).
#[allow(clippy::too_many_arguments, reason = "the preview 1 signature")]
pub fn path_link(
    c: &mut C<'_>,
    fd: u32,
    flags: u32,
    from: u32,
    from_len: u32,
    to_fd: u32,
    to: u32,
    to_len: u32,
) -> Result<(), Errno> {
    let (from_base, from_ro, from) = dir_and_path(c, fd, from, from_len)?;
    let (to_base, to_ro, to) = dir_and_path(c, to_fd, to, to_len)?;
    if from_ro || to_ro {
        return Err(EPERM);
    }
    if flags & LOOKUP_SYMLINK_FOLLOW != 0 {
        return Err(EINVAL);
    }
    let state = c.data();
    let from = beneath(state, &from_base, &from, false)?;
    let to = beneath(state, &to_base, &to, false)?;
    filesystem(state)?
        .hard_link(&from, &to)
        .map_err(errno::from_vfs)
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn normalising_drops_dots() {
        assert_eq!(normalise("/d/."), "/d");
        assert_eq!(normalise("/d/sub/.."), "/d");
        assert_eq!(normalise("/d/sub/"), "/d/sub");
        assert_eq!(normalise("/"), "/");
        assert_eq!(normalise("/d/.."), "/");
    }
}
