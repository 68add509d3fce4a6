//! The in-memory tree: inodes, directory entries, link counts, and the
//! capacity account.
//!
//! Owns every structural change (create, link, unlink, free) and keeps the
//! invariants: a directory's `nlink` is 2 plus its subdirectories; an
//! inode lives while it has a name or an open handle; [`Tree::used`] is
//! exactly what the live inodes, entries and contents cost, so a tree
//! emptied again costs 0. It does not know paths: the
//! `Walk` impl lets the resolver walk it.

use super::data::{Data, MAX_FILE_SIZE};
use crate::metadata::{S_IFDIR, S_IFLNK, S_IFREG, checked_ms};
use crate::resolve::{Kind, Walk};
use crate::{Errno, Metadata, Result};
use std::collections::{BTreeMap, HashMap};

/// The inode number of the root directory.
pub(super) const ROOT: u64 = 1;
/// What an inode costs beyond its contents.
pub(super) const INODE_COST: u64 = 128;
/// What a directory entry costs beyond its name.
pub(super) const ENTRY_COST: u64 = 32;

/// What an inode is.
#[derive(Debug)]
pub(super) enum Body {
    /// A regular file.
    File(Data),
    /// A directory: names to inode numbers, in name order.
    Dir(BTreeMap<String, u64>),
    /// A symbolic link and its target, verbatim.
    Symlink(String),
}

impl Body {
    /// What the contents cost.
    fn cost(&self) -> u64 {
        match self {
            Body::File(data) => data.cost(),
            Body::Dir(_) => 0,
            Body::Symlink(target) => target.len() as u64,
        }
    }

    /// The `S_IFMT` bits.
    fn type_bits(&self) -> u32 {
        match self {
            Body::File(_) => S_IFREG,
            Body::Dir(_) => S_IFDIR,
            Body::Symlink(_) => S_IFLNK,
        }
    }
}

/// A file, directory or link.
#[derive(Debug)]
pub(super) struct Inode {
    pub(super) body: Body,
    /// Permission bits (`& 0o7777`).
    pub(super) mode: u32,
    pub(super) nlink: u64,
    /// Open handles ([`MemFile`](super::file::MemFile)s) on it.
    pub(super) open: u64,
    pub(super) atime: f64,
    pub(super) mtime: f64,
    pub(super) ctime: f64,
}

/// All inodes of one [`MemFs`](super::MemFs).
#[derive(Debug)]
pub(super) struct Tree {
    inodes: HashMap<u64, Inode>,
    next_ino: u64,
    used: u64,
    capacity: Option<u64>,
}

impl Tree {
    /// A tree with an empty root directory (mode `0o755`, free of charge).
    pub(super) fn new(capacity: Option<u64>, now: f64) -> Tree {
        let root = Inode {
            body: Body::Dir(BTreeMap::new()),
            mode: 0o755,
            nlink: 2,
            open: 0,
            atime: now,
            mtime: now,
            ctime: now,
        };
        Tree {
            inodes: HashMap::from([(ROOT, root)]),
            next_ino: ROOT + 1,
            used: 0,
            capacity,
        }
    }

    /// What the tree costs now (bytes).
    pub(super) fn used(&self) -> u64 {
        self.used
    }

    /// The capacity, if any.
    pub(super) fn capacity(&self) -> Option<u64> {
        self.capacity
    }

    /// The inode `ino`, which exists while anything refers to it.
    pub(super) fn inode(&self, ino: u64) -> &Inode {
        &self.inodes[&ino]
    }

    /// The inode `ino`, to change it.
    pub(super) fn inode_mut(&mut self, ino: u64) -> &mut Inode {
        self.inodes.get_mut(&ino).expect("live inode")
    }

    /// Takes `bytes` from the capacity.
    ///
    /// # Errors
    ///
    /// `ENOSPC` if they are not there; nothing is taken then.
    pub(super) fn charge(&mut self, bytes: u64) -> Result<()> {
        let after = self.used.checked_add(bytes).ok_or(Errno::ENOSPC)?;
        if self.capacity.is_some_and(|cap| after > cap) {
            return Err(Errno::ENOSPC);
        }
        self.used = after;
        Ok(())
    }

    /// Gives `bytes` back to the capacity.
    pub(super) fn release(&mut self, bytes: u64) {
        self.used -= bytes;
    }

    /// The entries of the directory `ino`.
    pub(super) fn entries(&self, ino: u64) -> Option<&BTreeMap<String, u64>> {
        match &self.inode(ino).body {
            Body::Dir(entries) => Some(entries),
            _ => None,
        }
    }

    /// The inode named `name` in the directory `dir`.
    pub(super) fn entry(&self, dir: u64, name: &str) -> Option<u64> {
        self.entries(dir)?.get(name).copied()
    }

    /// Creates an inode of `body` and names it `name` in `dir` (which has
    /// no such entry).
    ///
    /// # Errors
    ///
    /// `ENOSPC` if the inode, the entry and the contents do not fit.
    pub(super) fn create(
        &mut self,
        dir: u64,
        name: &str,
        body: Body,
        mode: u32,
        now: f64,
    ) -> Result<u64> {
        self.charge(INODE_COST + ENTRY_COST + name.len() as u64 + body.cost())?;
        let is_dir = matches!(body, Body::Dir(_));
        let ino = self.next_ino;
        self.next_ino += 1;
        self.inodes.insert(
            ino,
            Inode {
                body,
                mode: mode & 0o7777,
                nlink: if is_dir { 1 } else { 0 },
                open: 0,
                atime: now,
                mtime: now,
                ctime: now,
            },
        );
        self.attach(dir, name, ino, now);
        Ok(ino)
    }

    /// Adds the entry `name` → `ino` to `dir` (already charged for).
    pub(super) fn attach(&mut self, dir: u64, name: &str, ino: u64, now: f64) {
        let child = self.inode_mut(ino);
        child.nlink += 1;
        let child_is_dir = matches!(child.body, Body::Dir(_));
        let parent = self.inode_mut(dir);
        if let Body::Dir(entries) = &mut parent.body {
            entries.insert(name.to_string(), ino);
        }
        if child_is_dir {
            parent.nlink += 1;
        }
        parent.mtime = now;
        parent.ctime = now;
    }

    /// Removes the entry `name` from `dir` without freeing its inode;
    /// returns the inode. The entry's charge stays taken.
    pub(super) fn detach(&mut self, dir: u64, name: &str, now: f64) -> u64 {
        let parent = self.inode_mut(dir);
        let ino = match &mut parent.body {
            Body::Dir(entries) => entries.remove(name).expect("entry exists"),
            _ => unreachable!("detach from a directory"),
        };
        parent.mtime = now;
        parent.ctime = now;
        let child = self.inode_mut(ino);
        child.ctime = now;
        child.nlink -= 1;
        if matches!(child.body, Body::Dir(_)) {
            // The child's `..` counted as a link to `dir`.
            self.inode_mut(dir).nlink -= 1;
        }
        ino
    }

    /// Removes the entry `name` from `dir`, frees its charge, and the
    /// inode too if nothing else refers to it. A directory (empty: the
    /// caller checked) loses its `.` too.
    pub(super) fn unlink(&mut self, dir: u64, name: &str, now: f64) {
        let ino = self.detach(dir, name, now);
        self.release(ENTRY_COST + name.len() as u64);
        let child = self.inode_mut(ino);
        if matches!(child.body, Body::Dir(_)) {
            child.nlink = 0;
        }
        self.free_if_unused(ino);
    }

    /// Frees `ino` if it has no name and no open handle.
    pub(super) fn free_if_unused(&mut self, ino: u64) {
        let inode = self.inode(ino);
        if inode.nlink == 0 && inode.open == 0 && ino != ROOT {
            let inode = self.inodes.remove(&ino).expect("live inode");
            self.release(INODE_COST + inode.body.cost());
        }
    }

    /// Writes `bytes` at `offset` of the regular file `ino`; returns how
    /// many were written (fewer when the file reaches its largest size).
    ///
    /// # Errors
    ///
    /// `EFBIG` at or past [`MAX_FILE_SIZE`]; `ENOSPC` if the new bytes do
    /// not fit (nothing is written then); `EISDIR` for a directory.
    pub(super) fn write(&mut self, ino: u64, offset: u64, bytes: &[u8], now: f64) -> Result<usize> {
        let Body::File(data) = &self.inode(ino).body else {
            return Err(Errno::EISDIR);
        };
        if bytes.is_empty() {
            return Ok(0);
        }
        if offset >= MAX_FILE_SIZE {
            return Err(Errno::EFBIG);
        }
        let n = (MAX_FILE_SIZE - offset).min(bytes.len() as u64) as usize;
        let growth = data.growth(offset, n);
        self.charge(growth)?;
        let inode = self.inode_mut(ino);
        if let Body::File(data) = &mut inode.body {
            data.write_at(offset, &bytes[..n]);
        }
        inode.mtime = now;
        inode.ctime = now;
        Ok(n)
    }

    /// Truncates or extends the regular file `ino` to `len`.
    ///
    /// # Errors
    ///
    /// `EFBIG` past [`MAX_FILE_SIZE`]; `EISDIR` for a directory, `EINVAL`
    /// for a link.
    pub(super) fn set_len(&mut self, ino: u64, len: u64, now: f64) -> Result<()> {
        if len > MAX_FILE_SIZE {
            return Err(Errno::EFBIG);
        }
        let inode = self.inode_mut(ino);
        let freed = match &mut inode.body {
            Body::File(data) => data.set_len(len),
            Body::Dir(_) => return Err(Errno::EISDIR),
            Body::Symlink(_) => return Err(Errno::EINVAL),
        };
        inode.mtime = now;
        inode.ctime = now;
        self.release(freed);
        Ok(())
    }

    /// Sets the permission bits of `ino`.
    pub(super) fn set_mode(&mut self, ino: u64, mode: u32, now: f64) {
        let inode = self.inode_mut(ino);
        inode.mode = mode & 0o7777;
        inode.ctime = now;
    }

    /// Sets the access and modification times of `ino`.
    ///
    /// # Errors
    ///
    /// `EINVAL` for NaN or ±∞ (any finite value is kept as given).
    pub(super) fn set_times(&mut self, ino: u64, atime: f64, mtime: f64, now: f64) -> Result<()> {
        let (atime, mtime) = (checked_ms(atime)?, checked_ms(mtime)?);
        let inode = self.inode_mut(ino);
        inode.atime = atime;
        inode.mtime = mtime;
        inode.ctime = now;
        Ok(())
    }

    /// The status of `ino`.
    pub(super) fn metadata(&self, ino: u64, dev: u64, uid: u32, gid: u32) -> Metadata {
        let inode = self.inode(ino);
        let (size, blocks) = match &inode.body {
            Body::File(data) => (data.len(), data.stored().div_ceil(512)),
            Body::Dir(_) => (4096, 8),
            Body::Symlink(target) => (target.len() as u64, 0),
        };
        Metadata {
            dev,
            ino,
            mode: inode.body.type_bits() | inode.mode,
            nlink: inode.nlink,
            uid,
            gid,
            rdev: 0,
            size,
            blksize: 4096,
            blocks,
            atime_ms: inode.atime,
            mtime_ms: inode.mtime,
            ctime_ms: inode.ctime,
        }
    }
}

impl Walk for Tree {
    type Node = u64;

    fn root(&self) -> u64 {
        ROOT
    }

    fn child(&self, dir: &u64, name: &str) -> Result<Option<(u64, Kind)>> {
        let Some(ino) = self.entry(*dir, name) else {
            return Ok(None);
        };
        let kind = match &self.inode(ino).body {
            Body::Dir(_) => Kind::Dir,
            Body::Symlink(target) => Kind::Symlink(target.clone()),
            Body::File(_) => Kind::Other,
        };
        Ok(Some((ino, kind)))
    }
}
