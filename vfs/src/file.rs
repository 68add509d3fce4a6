//! An open file: the [`File`] trait, what a descriptor table holds.
//!
//! Owns the operations on an open file (node's `fs.read`, `fs.write`,
//! `fs.fstat`, `fs.ftruncate`, `fs.fsync`, `fs.fchmod`, `fs.fchown`, and
//! WASI's `fd_filestat_set_times`). It does not own descriptor numbers:
//! the caller's table maps them to `Box<dyn File>`.

use crate::{Metadata, Result};

/// An open file or directory, as [`FileSystem::open`](crate::FileSystem::open)
/// returns it. Closing it is dropping it.
///
/// A file has a cursor: `read` and `write` with `at: None` use it and move
/// it; with `at: Some(offset)` (`pread`/`pwrite`) they neither use nor move
/// it. A file opened with `append` writes at its end whatever `at` says, as
/// Linux does for `pwrite` on an `O_APPEND` descriptor.
pub trait File {
    /// Reads up to `buf.len()` bytes into `buf`, at the cursor or at `at`;
    /// `Ok(0)` at or past the end.
    ///
    /// # Errors
    ///
    /// `EBADF` if the file was not opened for reading, `EISDIR` for a
    /// directory.
    fn read(&mut self, buf: &mut [u8], at: Option<u64>) -> Result<usize>;

    /// Writes bytes of `buf`, at the cursor, at `at`, or (append) at the
    /// end; returns how many were written, which may be fewer than
    /// `buf.len()` (a file reaching its size limit).
    ///
    /// # Errors
    ///
    /// `EBADF` if the file was not opened for writing; `EFBIG` past the
    /// largest file size; `ENOSPC` when the filesystem is full.
    fn write(&mut self, buf: &[u8], at: Option<u64>) -> Result<usize>;

    /// The file's status (`fstat`).
    ///
    /// # Errors
    ///
    /// Whatever the filesystem reports (for the host: `EIO` and the like).
    fn metadata(&self) -> Result<Metadata>;

    /// Truncates or extends the file to `len` bytes (`ftruncate`); bytes
    /// added read as zeros.
    ///
    /// # Errors
    ///
    /// `EINVAL` if the file was not opened for writing or is not a regular
    /// file; `EFBIG` past the largest file size; `EROFS` on a read-only
    /// mount.
    fn set_len(&mut self, len: u64) -> Result<()>;

    /// Flushes the file to its storage (`fsync`); a no-op in memory.
    ///
    /// # Errors
    ///
    /// Whatever the storage reports.
    fn sync(&mut self) -> Result<()>;

    /// Sets the permission bits, `mode & 0o7777` (`fchmod`).
    ///
    /// # Errors
    ///
    /// `EPERM` if the caller may not; `EROFS` on a read-only mount.
    fn set_mode(&mut self, mode: u32) -> Result<()>;

    /// Sets the owner (`fchown`); `u32::MAX` (node's `-1`) leaves that id
    /// unchanged.
    ///
    /// # Errors
    ///
    /// `EPERM` if the caller may not; `EROFS` on a read-only mount.
    fn set_owner(&mut self, uid: u32, gid: u32) -> Result<()>;

    /// Sets the access and modification times, ms since the epoch
    /// (`futimens`).
    ///
    /// # Errors
    ///
    /// `EINVAL` for NaN, ±∞ or a time the storage cannot hold; `EROFS` on
    /// a read-only mount.
    fn set_times(&mut self, atime_ms: f64, mtime_ms: f64) -> Result<()>;
}

impl<F: File + ?Sized> File for Box<F> {
    fn read(&mut self, buf: &mut [u8], at: Option<u64>) -> Result<usize> {
        (**self).read(buf, at)
    }
    fn write(&mut self, buf: &[u8], at: Option<u64>) -> Result<usize> {
        (**self).write(buf, at)
    }
    fn metadata(&self) -> Result<Metadata> {
        (**self).metadata()
    }
    fn set_len(&mut self, len: u64) -> Result<()> {
        (**self).set_len(len)
    }
    fn sync(&mut self) -> Result<()> {
        (**self).sync()
    }
    fn set_mode(&mut self, mode: u32) -> Result<()> {
        (**self).set_mode(mode)
    }
    fn set_owner(&mut self, uid: u32, gid: u32) -> Result<()> {
        (**self).set_owner(uid, gid)
    }
    fn set_times(&mut self, atime_ms: f64, mtime_ms: f64) -> Result<()> {
        (**self).set_times(atime_ms, mtime_ms)
    }
}
