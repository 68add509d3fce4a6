//! The `fd_*` functions: what a command does with a descriptor —
//! stdio, a preopened or opened directory, an open file.
//!
//! Owns the semantics of each function as wasmtime's preview 1
//! implementation gives them (`crates/wasi/src/p1.rs`, the reference the
//! conformance corpus is recorded with): which descriptors each accepts
//! (`fd_sync` only files, `fd_seek` `ESPIPE` on stdio, …), cursors kept
//! here and never in the file (every read and write is positioned), the
//! append flag applied here (so `fd_fdstat_set_flags` can change it),
//! one buffer per read or write (the first non-empty iovec). It does not
//! resolve paths (`path.rs`) nor hand out numbers (`descriptors.rs`).

use crate::descriptors::{Descriptor, OpenFile};
use crate::errno::{
    self, EBADF, EINVAL, EIO, ENAMETOOLONG, ENOTDIR, ENOTSUP, EOVERFLOW, EPERM, Errno,
};
use crate::imports::{C, State};
use crate::memory;
use crate::records::{self, fdflags, filetype, fstflags, rights};
use gojs_vfs::{File, FileSystem, Metadata};
use std::io::{Read, Write};

/// The command's filesystem (there is one whenever a directory is open).
pub fn filesystem(state: &State) -> Result<&dyn FileSystem, Errno> {
    state.fs.as_deref().ok_or(EBADF)
}

/// `fd_write`: stdout and stderr get every buffer of the iovec array, a
/// file the first non-empty one, at its cursor (or its end, appending).
pub fn fd_write(c: &mut C<'_>, fd: u32, iovs: u32, count: u32, written: u32) -> Result<(), Errno> {
    match c.data().fds.get(fd)? {
        Descriptor::Stdout | Descriptor::Stderr => {}
        Descriptor::File(_) => return write_file(c, fd, iovs, count, None, written),
        _ => return Err(EBADF),
    }
    let mut data = Vec::new();
    for (buf, len) in memory::iovecs(c, iovs, count)? {
        data.extend(memory::read(c, buf, len)?);
    }
    let state = c.data_mut();
    let out = match state.fds.get(fd)? {
        Descriptor::Stdout => &mut state.stdout,
        _ => &mut state.stderr,
    };
    out.write_all(&data).map_err(|_| EIO)?;
    memory::write_u32(c, written, data.len() as u32)
}

/// `fd_pwrite`: a file only (`ESPIPE` for stdio); the cursor stays.
pub fn fd_pwrite(
    c: &mut C<'_>,
    fd: u32,
    iovs: u32,
    count: u32,
    offset: u64,
    written: u32,
) -> Result<(), Errno> {
    c.data_mut().fds.seekable(fd)?;
    write_file(c, fd, iovs, count, Some(offset), written)
}

/// Writes the first non-empty buffer to the file `fd`: at `at`, or at the
/// cursor (which then moves past it). With the append flag the bytes go
/// to the end of the file whatever `at` says (Linux's `pwrite` on an
/// `O_APPEND` descriptor, and wasmtime's).
fn write_file(
    c: &mut C<'_>,
    fd: u32,
    iovs: u32,
    count: u32,
    at: Option<u64>,
    written: u32,
) -> Result<(), Errno> {
    let (buf, len) = memory::first_iovec(c, iovs, count)?;
    memory::check(c, written, 4)?;
    let (bytes, state) = memory::slice_and_state(c, buf, len)?;
    let f = state.fds.file(fd)?;
    let offset = match (f.append, at) {
        (true, _) => f.file.metadata().map_err(errno::from_vfs)?.size,
        (false, Some(at)) => at,
        (false, None) => f.position,
    };
    let n = f.file.write(bytes, Some(offset)).map_err(errno::from_vfs)?;
    if at.is_none() {
        f.position = offset.checked_add(n as u64).ok_or(EOVERFLOW)?;
    }
    memory::write_u32(c, written, n as u32)
}

/// `fd_read`: stdin fills the buffers in turn until one is not filled; a
/// file fills the first non-empty one, from its cursor.
pub fn fd_read(c: &mut C<'_>, fd: u32, iovs: u32, count: u32, read: u32) -> Result<(), Errno> {
    match c.data().fds.get(fd)? {
        Descriptor::Stdin => {}
        Descriptor::File(_) => return read_file(c, fd, iovs, count, None, read),
        _ => return Err(EBADF),
    }
    let mut total = 0u32;
    for (buf, len) in memory::iovecs(c, iovs, count)? {
        let (bytes, state) = memory::slice_and_state(c, buf, len)?;
        let n = state.stdin.read(bytes).map_err(|_| EIO)?;
        total = total.saturating_add(n as u32);
        if n < len as usize {
            break;
        }
    }
    memory::write_u32(c, read, total)
}

/// `fd_pread`: a file only (`ESPIPE` for stdio); the cursor stays.
pub fn fd_pread(
    c: &mut C<'_>,
    fd: u32,
    iovs: u32,
    count: u32,
    offset: u64,
    read: u32,
) -> Result<(), Errno> {
    c.data_mut().fds.seekable(fd)?;
    read_file(c, fd, iovs, count, Some(offset), read)
}

/// Reads into the first non-empty buffer from the file `fd`, at `at` or
/// at the cursor (which then moves past what was read).
fn read_file(
    c: &mut C<'_>,
    fd: u32,
    iovs: u32,
    count: u32,
    at: Option<u64>,
    read: u32,
) -> Result<(), Errno> {
    let (buf, len) = memory::first_iovec(c, iovs, count)?;
    memory::check(c, read, 4)?;
    let (bytes, state) = memory::slice_and_state(c, buf, len)?;
    let f = state.fds.file(fd)?;
    let offset = at.unwrap_or(f.position);
    let n = f.file.read(bytes, Some(offset)).map_err(errno::from_vfs)?;
    if at.is_none() {
        f.position = offset.checked_add(n as u64).ok_or(EOVERFLOW)?;
    }
    memory::write_u32(c, read, n as u32)
}

/// `fd_seek`: files only (`ESPIPE` for stdio, `EBADF` for directories);
/// a position before 0 is `EINVAL`.
pub fn fd_seek(c: &mut C<'_>, fd: u32, offset: i64, whence: u32, out: u32) -> Result<(), Errno> {
    memory::check(c, out, 8)?;
    let f = c.data_mut().fds.seekable(fd)?;
    let position = match whence {
        0 => u64::try_from(offset).map_err(|_| EINVAL)?,
        1 => f.position.checked_add_signed(offset).ok_or(EINVAL)?,
        2 => {
            let size = f.file.metadata().map_err(errno::from_vfs)?.size;
            size.checked_add_signed(offset).ok_or(EINVAL)?
        }
        _ => return Err(EINVAL),
    };
    f.position = position;
    memory::write_u64(c, out, position)
}

/// `fd_tell`: the cursor of a file.
pub fn fd_tell(c: &mut C<'_>, fd: u32, out: u32) -> Result<(), Errno> {
    let position = c.data_mut().fds.seekable(fd)?.position;
    memory::write_u64(c, out, position)
}

/// `fd_close`: any descriptor, stdio included (later calls on it are
/// `EBADF`).
pub fn fd_close(c: &mut C<'_>, fd: u32) -> Result<(), Errno> {
    c.data_mut().fds.close(fd)
}

/// `fd_renumber`: `from` becomes `to` (closing what `to` was).
pub fn fd_renumber(c: &mut C<'_>, from: u32, to: u32) -> Result<(), Errno> {
    c.data_mut().fds.renumber(from, to)
}

/// `fd_sync` and `fd_datasync`: files only (`EBADF` for a directory, as
/// wasmtime).
pub fn fd_sync(c: &mut C<'_>, fd: u32) -> Result<(), Errno> {
    c.data_mut()
        .fds
        .file(fd)?
        .file
        .sync()
        .map_err(errno::from_vfs)
}

/// `fd_advise`: files only; advice is accepted and ignored.
pub fn fd_advise(c: &mut C<'_>, fd: u32) -> Result<(), Errno> {
    c.data_mut().fds.file(fd).map(drop)
}

/// `fd_allocate`: files only; `ENOTSUP`, as wasmtime.
pub fn fd_allocate(c: &mut C<'_>, fd: u32) -> Result<(), Errno> {
    c.data_mut().fds.file(fd)?;
    Err(ENOTSUP)
}

/// `fd_fdstat_get`: type, flags and rights, as wasmtime reports them.
///
/// stdio is of unknown type (wasmtime's answer when it is not a
/// terminal: an embedder's reader and writers never are), stdin with the
/// right to read, stdout and stderr to write; a preopen has wasmtime's
/// fixed rights; anything else all rights, less those its type or its
/// opening rule out.
pub fn fd_fdstat_get(c: &mut C<'_>, fd: u32, out: u32) -> Result<(), Errno> {
    let stat = match c.data().fds.get(fd)? {
        Descriptor::Stdin => {
            records::fdstat(filetype::UNKNOWN, 0, rights::FD_READ, rights::FD_READ)
        }
        Descriptor::Stdout | Descriptor::Stderr => {
            records::fdstat(filetype::UNKNOWN, 0, rights::FD_WRITE, rights::FD_WRITE)
        }
        Descriptor::Dir(d) if d.preopen.is_some() => records::fdstat(
            filetype::DIRECTORY,
            0,
            rights::PREOPEN,
            rights::PREOPEN_INHERITING,
        ),
        Descriptor::Dir(_) => {
            let base = rights::ALL
                & !(rights::FD_SEEK
                    | rights::FD_FILESTAT_SET_SIZE
                    | rights::PATH_FILESTAT_SET_SIZE
                    | rights::FD_WRITE);
            records::fdstat(filetype::DIRECTORY, 0, base, base)
        }
        Descriptor::File(f) => {
            let mut base = rights::ALL;
            if !f.readable {
                base &= !(rights::FD_READ | rights::FD_READDIR);
            }
            if !f.writable {
                base &= !rights::FD_WRITE;
            }
            let mut flags = 0;
            if f.append {
                flags |= fdflags::APPEND;
            }
            if f.nonblock {
                flags |= fdflags::NONBLOCK;
            }
            let ty = f
                .file
                .metadata()
                .map_or(filetype::UNKNOWN, |m| records::filetype_of(m.mode));
            records::fdstat(ty, flags as u16, base, base)
        }
    };
    memory::write(c, out, &stat)
}

/// `fd_fdstat_set_flags`: files only (stdio is `EBADF`, as wasmtime);
/// sets `APPEND` and `NONBLOCK`, refuses the sync flags with `EINVAL`.
pub fn fd_fdstat_set_flags(c: &mut C<'_>, fd: u32, flags: u32) -> Result<(), Errno> {
    let f = c.data_mut().fds.file(fd)?;
    if flags & (fdflags::DSYNC | fdflags::SYNC | fdflags::RSYNC) != 0 {
        return Err(EINVAL);
    }
    f.append = flags & fdflags::APPEND != 0;
    f.nonblock = flags & fdflags::NONBLOCK != 0;
    Ok(())
}

/// `fd_fdstat_set_rights`: `ENOTSUP` for a file or directory (rights
/// cannot be dropped, as in wasmtime), `EBADF` for the rest.
pub fn fd_fdstat_set_rights(c: &mut C<'_>, fd: u32) -> Result<(), Errno> {
    match c.data().fds.get(fd)? {
        Descriptor::Dir(_) | Descriptor::File(_) => Err(ENOTSUP),
        _ => Err(EBADF),
    }
}

/// `fd_filestat_get`: the status of an open file or directory; all
/// zeros for stdio (wasmtime's answer).
pub fn fd_filestat_get(c: &mut C<'_>, fd: u32, out: u32) -> Result<(), Errno> {
    let stat = match c.data().fds.get(fd)? {
        Descriptor::File(f) => records::filestat(&f.file.metadata().map_err(errno::from_vfs)?),
        Descriptor::Dir(d) => records::filestat(&d.handle.metadata().map_err(errno::from_vfs)?),
        _ => records::stdio_filestat(),
    };
    memory::write(c, out, &stat)
}

/// `fd_filestat_set_size`: files only; `EPERM` beneath a read-only
/// preopen; `EINVAL` for a file not opened for writing (the host's
/// `ftruncate` answer).
pub fn fd_filestat_set_size(c: &mut C<'_>, fd: u32, size: u64) -> Result<(), Errno> {
    let f = c.data_mut().fds.file(fd)?;
    if f.read_only {
        return Err(EPERM);
    }
    f.file.set_len(size).map_err(errno::from_vfs)
}

/// `fd_filestat_set_times`: an open file or directory; `EPERM` beneath a
/// read-only preopen.
pub fn fd_filestat_set_times(
    c: &mut C<'_>,
    fd: u32,
    atim: u64,
    mtim: u64,
    flags: u32,
) -> Result<(), Errno> {
    let times = Times::new(atim, mtim, flags)?;
    let now = crate::imports::now(c.data(), 0)?;
    let (file, read_only): (&mut Box<dyn File>, bool) = match c.data_mut().fds.get_mut(fd)? {
        Descriptor::File(OpenFile {
            file, read_only, ..
        }) => (file, *read_only),
        Descriptor::Dir(d) => (&mut d.handle, d.read_only),
        _ => return Err(EBADF),
    };
    if read_only {
        return Err(EPERM);
    }
    let (atime, mtime) = times.resolve(now, || file.metadata())?;
    file.set_times(atime, mtime).map_err(errno::from_vfs)
}

/// `fd_prestat_get`: the length of a preopen's name; `EBADF` for any
/// other descriptor (the end of the scan Go's runtime does at start).
pub fn fd_prestat_get(c: &mut C<'_>, fd: u32, out: u32) -> Result<(), Errno> {
    let name_len = match c.data().fds.get(fd)? {
        Descriptor::Dir(d) => d.preopen.as_ref().map(String::len).ok_or(EBADF)?,
        _ => return Err(EBADF),
    };
    let name_len = u32::try_from(name_len).map_err(|_| EOVERFLOW)?;
    memory::write(c, out, &records::prestat(name_len))
}

/// `fd_prestat_dir_name`: a preopen's name, which must fit in `len`
/// bytes (`ENAMETOOLONG`); `ENOTDIR` for an open descriptor that is no
/// preopen (as wasmtime).
pub fn fd_prestat_dir_name(c: &mut C<'_>, fd: u32, path: u32, len: u32) -> Result<(), Errno> {
    let name = match c.data().fds.get(fd)? {
        Descriptor::Dir(d) => d.preopen.clone().ok_or(ENOTDIR)?,
        _ => return Err(ENOTDIR),
    };
    if name.len() > len as usize {
        return Err(ENAMETOOLONG);
    }
    memory::write(c, path, name.as_bytes())
}

/// `fd_readdir`: the entries of a directory as `dirent`s from `cookie`
/// on, as wasmtime lays them out — `.` and `..` first (cookies 1 and 2),
/// then the names, each entry's `d_next` its position plus one; the last
/// entry cut at the end of the buffer (the caller sees a full buffer and
/// asks again from the last whole entry's cookie).
///
/// The names come in byte order (wasmtime gives the host's order, which
/// is no order at all); only the entries written are looked up for
/// their type and inode, so a large directory read a buffer at a time
/// costs one listing per call, not one lookup per entry per call.
pub fn fd_readdir(
    c: &mut C<'_>,
    fd: u32,
    buf: u32,
    len: u32,
    cookie: u64,
    used: u32,
) -> Result<(), Errno> {
    let out = {
        let state = c.data();
        let dir = state.fds.dir(fd)?;
        let fs = filesystem(state)?;
        let mut names = fs.read_dir(&dir.path).map_err(errno::from_vfs)?;
        names.sort();
        let dir_ino = dir.handle.metadata().map_or(0, |m| m.ino);
        let skip = usize::try_from(cookie).map_err(|_| EOVERFLOW)?;
        let dots = [".", ".."].map(|n| (n.to_owned(), Some((dir_ino, filetype::DIRECTORY))));
        let entries = dots.into_iter().chain(names.into_iter().map(|n| (n, None)));
        let cap = len as usize;
        let mut out = Vec::new();
        for (i, (name, known)) in entries.enumerate().skip(skip) {
            let (ino, ty) = known.unwrap_or_else(|| {
                let path = format!("{}/{name}", dir.path.trim_end_matches('/'));
                fs.metadata(&path, false)
                    .map_or((0, filetype::UNKNOWN), |m| {
                        (m.ino, records::filetype_of(m.mode))
                    })
            });
            let name_len = u32::try_from(name.len()).map_err(|_| EOVERFLOW)?;
            let header = records::dirent(i as u64 + 1, ino, name_len, ty);
            let room = cap - out.len();
            if room <= header.len() {
                out.extend_from_slice(&header[..room]);
                break;
            }
            out.extend_from_slice(&header);
            let room = cap - out.len();
            if name.len() >= room {
                out.extend_from_slice(&name.as_bytes()[..room]);
                break;
            }
            out.extend_from_slice(name.as_bytes());
        }
        out
    };
    memory::write(c, buf, &out)?;
    memory::write_u32(c, used, out.len() as u32)
}

/// The times a `*_set_times` call asks for: each given, now, or kept.
#[derive(Clone, Copy)]
pub struct Times {
    atime: Option<Option<u64>>,
    mtime: Option<Option<u64>>,
}

impl Times {
    /// From `fstflags`: `ATIM` (`atim`), `ATIM_NOW`, neither (unchanged),
    /// and the same for `MTIM`.
    ///
    /// # Errors
    ///
    /// `EINVAL` for a time both given and now.
    pub fn new(atim: u64, mtim: u64, flags: u32) -> Result<Self, Errno> {
        let one = |set: u32, now: u32, value: u64| match (flags & set != 0, flags & now != 0) {
            (true, true) => Err(EINVAL),
            (true, false) => Ok(Some(Some(value))),
            (false, true) => Ok(Some(None)),
            (false, false) => Ok(None),
        };
        Ok(Self {
            atime: one(fstflags::ATIM, fstflags::ATIM_NOW, atim)?,
            mtime: one(fstflags::MTIM, fstflags::MTIM_NOW, mtim)?,
        })
    }

    /// The access and modification times to set, in ms: `now_ns` for
    /// "now", the current ones (from `current`, asked only then) for
    /// "unchanged".
    pub fn resolve(
        self,
        now_ns: u64,
        current: impl FnOnce() -> gojs_vfs::Result<Metadata>,
    ) -> Result<(f64, f64), Errno> {
        let kept = match (self.atime, self.mtime) {
            (Some(_), Some(_)) => None,
            _ => Some(current().map_err(errno::from_vfs)?),
        };
        let pick = |asked: Option<Option<u64>>, old: fn(&Metadata) -> f64| match asked {
            Some(Some(ns)) => records::ns_to_ms(ns),
            Some(None) => records::ns_to_ms(now_ns),
            None => kept.as_ref().map_or(0.0, old),
        };
        Ok((
            pick(self.atime, |m| m.atime_ms),
            pick(self.mtime, |m| m.mtime_ms),
        ))
    }
}
