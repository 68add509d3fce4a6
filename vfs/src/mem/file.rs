//! An open in-memory file: [`MemFile`], a handle on one inode.
//!
//! Owns the handle's access mode and cursor, and its share in the inode's
//! life: an inode unlinked while open lives until its last handle is
//! dropped (POSIX), then its bytes go back to the capacity. It does not
//! resolve paths.

use super::Shared;
use super::tree::Body;
use crate::{Errno, File, Metadata, Result};
use std::rc::Rc;

/// A handle on an inode of a [`MemFs`](super::MemFs).
pub(super) struct MemFile {
    shared: Rc<Shared>,
    ino: u64,
    readable: bool,
    writable: bool,
    append: bool,
    cursor: u64,
}

impl MemFile {
    /// A handle on `ino`, counted among its open handles.
    pub(super) fn new(
        shared: Rc<Shared>,
        ino: u64,
        readable: bool,
        writable: bool,
        append: bool,
    ) -> MemFile {
        shared.tree.borrow_mut().inode_mut(ino).open += 1;
        MemFile {
            shared,
            ino,
            readable,
            writable,
            append,
            cursor: 0,
        }
    }
}

impl File for MemFile {
    fn read(&mut self, buf: &mut [u8], at: Option<u64>) -> Result<usize> {
        if !self.readable {
            return Err(Errno::EBADF);
        }
        let tree = self.shared.tree.borrow();
        let Body::File(data) = &tree.inode(self.ino).body else {
            return Err(Errno::EISDIR);
        };
        let n = data.read_at(at.unwrap_or(self.cursor), buf);
        if at.is_none() {
            self.cursor += n as u64;
        }
        Ok(n)
    }

    fn write(&mut self, buf: &[u8], at: Option<u64>) -> Result<usize> {
        if !self.writable {
            return Err(Errno::EBADF);
        }
        let now = self.shared.now();
        let mut tree = self.shared.tree.borrow_mut();
        let offset = match (self.append, &tree.inode(self.ino).body) {
            (true, Body::File(data)) => data.len(),
            _ => at.unwrap_or(self.cursor),
        };
        let n = tree.write(self.ino, offset, buf, now)?;
        if at.is_none() {
            self.cursor = offset + n as u64;
        }
        Ok(n)
    }

    fn metadata(&self) -> Result<Metadata> {
        Ok(self.shared.metadata(self.ino))
    }

    fn set_len(&mut self, len: u64) -> Result<()> {
        if !self.writable {
            return Err(Errno::EINVAL);
        }
        let now = self.shared.now();
        self.shared.tree.borrow_mut().set_len(self.ino, len, now)
    }

    fn sync(&mut self) -> Result<()> {
        Ok(())
    }

    fn set_mode(&mut self, mode: u32) -> Result<()> {
        let now = self.shared.now();
        self.shared.tree.borrow_mut().set_mode(self.ino, mode, now);
        Ok(())
    }

    fn set_owner(&mut self, uid: u32, gid: u32) -> Result<()> {
        self.shared.set_owner(self.ino, uid, gid)
    }

    fn set_times(&mut self, atime_ms: f64, mtime_ms: f64) -> Result<()> {
        let now = self.shared.now();
        let mut tree = self.shared.tree.borrow_mut();
        tree.set_times(self.ino, atime_ms, mtime_ms, now)
    }
}

impl Drop for MemFile {
    fn drop(&mut self) {
        // The tree is never borrowed while a handle drops (handles are
        // dropped by their owner, outside every MemFs call); should it be,
        // the inode is kept rather than the drop panicking.
        if let Ok(mut tree) = self.shared.tree.try_borrow_mut() {
            tree.inode_mut(self.ino).open -= 1;
            tree.free_if_unused(self.ino);
        }
    }
}
