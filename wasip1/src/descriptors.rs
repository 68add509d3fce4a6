//! The descriptor table: what each preview 1 `fd` number stands for.
//!
//! Owns the numbers (stdio at 0–2, the preopened directories at 3, 4, …
//! in the order given, then every `path_open`), how they are handed out
//! and taken back, and what each descriptor remembers (cursor, append
//! and non-blocking flags, read-only permission). It does not read or
//! write anything: `fs.rs` and `path.rs` do, through the [`File`]s kept
//! here.
//!
//! Numbers are handed out as wasmtime's preview 1 adapter does
//! (`crates/wasi/src/p1.rs`, `Descriptors::push`): the highest number
//! closed earlier first, else one past the highest in use. A Go program
//! sees them (`os.File.Fd`), so this is kept exactly.

use crate::errno::{EBADF, EMFILE, ESPIPE, Errno};
use gojs_vfs::File;
use std::collections::{BTreeMap, BTreeSet};

/// At most this many descriptors are open at once; past it `path_open`
/// is `EMFILE` (the guest could otherwise hold an unbounded number of
/// host files or host memory).
pub const MAX_OPEN: usize = 1 << 16;

/// An open directory: a preopen, or one `path_open` opened.
pub struct Dir {
    /// Its absolute path in the command's filesystem: `path_*` calls on
    /// the descriptor resolve beneath it.
    pub path: String,
    /// The name `fd_prestat_dir_name` reports, for a preopen.
    pub preopen: Option<String>,
    /// Opened beneath a read-only preopen: every change through it is
    /// `EPERM` (wasmtime's `DirPerms` without `MUTATE`).
    pub read_only: bool,
    /// The directory itself, for `fd_filestat_get`/`_set_times`.
    pub handle: Box<dyn File>,
}

/// An open file (anything `path_open` opened that is not a directory).
pub struct OpenFile {
    pub file: Box<dyn File>,
    /// The cursor of `fd_read`, `fd_write`, `fd_seek` and `fd_tell`.
    pub position: u64,
    /// `FDFLAGS_APPEND`: every write goes to the end.
    pub append: bool,
    /// `FDFLAGS_NONBLOCK`: remembered and reported, with no other effect
    /// (files never block; wasmtime ignores it for files too).
    pub nonblock: bool,
    /// Opened for reading, for writing (what `fd_fdstat_get` reports).
    pub readable: bool,
    pub writable: bool,
    /// Opened beneath a read-only preopen: size and times changes are
    /// `EPERM`.
    pub read_only: bool,
}

/// What a descriptor number stands for.
pub enum Descriptor {
    Stdin,
    Stdout,
    Stderr,
    Dir(Dir),
    File(OpenFile),
}

/// The descriptor table of one command.
pub struct Descriptors {
    used: BTreeMap<u32, Descriptor>,
    /// Numbers closed and not yet handed out again.
    free: BTreeSet<u32>,
}

impl Descriptors {
    /// stdin, stdout and stderr at 0, 1 and 2.
    pub fn new() -> Self {
        let used = BTreeMap::from([
            (0, Descriptor::Stdin),
            (1, Descriptor::Stdout),
            (2, Descriptor::Stderr),
        ]);
        Self {
            used,
            free: BTreeSet::new(),
        }
    }

    /// Adds `d` under the highest closed number, else one past the highest
    /// open one.
    ///
    /// # Errors
    ///
    /// `EMFILE` with [`MAX_OPEN`] descriptors open.
    pub fn push(&mut self, d: Descriptor) -> Result<u32, Errno> {
        if self.used.len() >= MAX_OPEN {
            return Err(EMFILE);
        }
        let fd = match self.free.pop_last() {
            Some(fd) => fd,
            None => match self.used.last_key_value() {
                Some((&last, _)) => last.checked_add(1).ok_or(EMFILE)?,
                None => 0,
            },
        };
        self.used.insert(fd, d);
        Ok(fd)
    }

    /// The descriptor `fd`; `EBADF` if it is not open.
    pub fn get(&self, fd: u32) -> Result<&Descriptor, Errno> {
        self.used.get(&fd).ok_or(EBADF)
    }

    /// The descriptor `fd`, to change; `EBADF` if it is not open.
    pub fn get_mut(&mut self, fd: u32) -> Result<&mut Descriptor, Errno> {
        self.used.get_mut(&fd).ok_or(EBADF)
    }

    /// The open file `fd`; `EBADF` for anything else.
    pub fn file(&mut self, fd: u32) -> Result<&mut OpenFile, Errno> {
        match self.used.get_mut(&fd) {
            Some(Descriptor::File(f)) => Ok(f),
            _ => Err(EBADF),
        }
    }

    /// The open file `fd`, for a call that moves or reads a cursor:
    /// `ESPIPE` for stdio, `EBADF` for anything else.
    pub fn seekable(&mut self, fd: u32) -> Result<&mut OpenFile, Errno> {
        match self.used.get_mut(&fd) {
            Some(Descriptor::File(f)) => Ok(f),
            Some(Descriptor::Stdin | Descriptor::Stdout | Descriptor::Stderr) => Err(ESPIPE),
            _ => Err(EBADF),
        }
    }

    /// The open directory `fd`; `EBADF` for anything else.
    pub fn dir(&self, fd: u32) -> Result<&Dir, Errno> {
        match self.used.get(&fd) {
            Some(Descriptor::Dir(d)) => Ok(d),
            _ => Err(EBADF),
        }
    }

    /// Closes `fd` (its file is dropped, which closes it).
    ///
    /// # Errors
    ///
    /// `EBADF` if it is not open.
    pub fn close(&mut self, fd: u32) -> Result<(), Errno> {
        self.used.remove(&fd).ok_or(EBADF)?;
        self.free.insert(fd);
        Ok(())
    }

    /// `fd_renumber`: `from` takes the number `to`, whose descriptor is
    /// closed.
    ///
    /// # Errors
    ///
    /// `EBADF` unless both are open.
    pub fn renumber(&mut self, from: u32, to: u32) -> Result<(), Errno> {
        if !self.used.contains_key(&from) || !self.used.contains_key(&to) {
            return Err(EBADF);
        }
        if from == to {
            return Ok(());
        }
        let d = self.used.remove(&from).ok_or(EBADF)?;
        self.used.insert(to, d);
        self.free.insert(from);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> Descriptor {
        Descriptor::Stdin
    }

    #[test]
    fn numbers_are_handed_out_as_wasmtime_does() {
        let mut t = Descriptors::new();
        assert_eq!(t.push(dir()), Ok(3));
        assert_eq!(t.push(dir()), Ok(4));
        assert_eq!(t.push(dir()), Ok(5));
        t.close(3).unwrap();
        t.close(4).unwrap();
        // The highest closed number first, then the next one.
        assert_eq!(t.push(dir()), Ok(4));
        assert_eq!(t.push(dir()), Ok(3));
        assert_eq!(t.push(dir()), Ok(6));
        assert_eq!(t.close(9), Err(EBADF));
        assert_eq!(t.close(3), Ok(()));
        assert_eq!(t.close(3), Err(EBADF));
        // Renumbering frees `from` and replaces `to`.
        assert_eq!(t.renumber(6, 1), Ok(()));
        assert!(t.get(6).is_err());
        assert_eq!(t.renumber(3, 1), Err(EBADF));
        assert_eq!(t.push(dir()), Ok(6));
    }

    #[test]
    fn the_table_is_bounded() {
        let mut t = Descriptors::new();
        for _ in 3..MAX_OPEN {
            t.push(dir()).unwrap();
        }
        assert_eq!(t.push(dir()), Err(EMFILE));
    }
}
