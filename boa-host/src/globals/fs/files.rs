//! [`Files`]: a program's filesystem and its descriptor table.
//!
//! Owns which descriptor numbers a program has and what they stand for:
//! a guest can only use descriptors it opened, plus 0, 1 and 2 (its
//! standard streams, never in the table). It does not own what is done
//! with the files ([`host_fs`](crate::globals::host_fs)).

use gojs_vfs::{Errno, File, FileSystem};
use std::{
    cell::{Cell, RefCell},
    cmp::Reverse,
    collections::{BinaryHeap, HashMap},
    rc::Rc,
};

/// The most descriptors a program may have open at once (`EMFILE` past
/// it): an in-memory file costs the host memory per open descriptor.
const MAX_OPEN: usize = 1 << 16;

/// A program's filesystem and its open files, by guest descriptor.
///
/// Descriptors are the lowest free numbers from 3, as POSIX hands them
/// out; 0, 1 and 2 are the program's standard streams, never in the table.
#[derive(Default)]
pub(crate) struct Files {
    /// `None` until the world installs it, and for ever when files are
    /// disabled.
    fs: RefCell<Option<Rc<dyn FileSystem>>>,
    open: RefCell<HashMap<i32, Box<dyn File>>>,
    /// Closed descriptors, lowest first.
    free: RefCell<BinaryHeap<Reverse<i32>>>,
    /// The lowest descriptor never handed out.
    next: Cell<i32>,
}

impl Files {
    /// Sets the program's filesystem (at world creation).
    pub(crate) fn install(&self, fs: Option<Rc<dyn FileSystem>>) {
        *self.fs.borrow_mut() = fs;
    }

    /// The program's filesystem, `None` when files are disabled.
    pub(crate) fn filesystem(&self) -> Option<Rc<dyn FileSystem>> {
        self.fs.borrow().clone()
    }

    /// A descriptor for `file`.
    pub(crate) fn insert(&self, file: Box<dyn File>) -> Result<i32, Errno> {
        let mut open = self.open.borrow_mut();
        if open.len() >= MAX_OPEN {
            return Err(Errno::EMFILE);
        }
        let fd = match self.free.borrow_mut().pop() {
            Some(Reverse(fd)) => fd,
            None => {
                let fd = self.next.get().max(3);
                self.next.set(fd + 1);
                fd
            }
        };
        open.insert(fd, file);
        Ok(fd)
    }

    /// Closes `fd`.
    pub(crate) fn close(&self, fd: i32) -> Result<(), Errno> {
        let file = self.open.borrow_mut().remove(&fd).ok_or(Errno::EBADF)?;
        self.free.borrow_mut().push(Reverse(fd));
        drop(file);
        Ok(())
    }

    /// Runs `f` on the open file `fd`.
    pub(crate) fn with<T>(
        &self,
        fd: i32,
        f: impl FnOnce(&mut dyn File) -> Result<T, Errno>,
    ) -> Result<T, Errno> {
        let mut open = self.open.borrow_mut();
        let file = open.get_mut(&fd).ok_or(Errno::EBADF)?;
        f(&mut **file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gojs_vfs::{MemFs, OpenOptions};

    #[test]
    fn descriptors_are_the_lowest_free_from_3() {
        let files = Files::default();
        let fs = MemFs::new();
        fs.write_file("/f", b"x").unwrap();
        let open = || fs.open("/f", &OpenOptions::read_only(), 0).unwrap();
        assert_eq!(files.insert(open()), Ok(3));
        assert_eq!(files.insert(open()), Ok(4));
        assert_eq!(files.insert(open()), Ok(5));
        assert_eq!(files.close(4), Ok(()));
        assert_eq!(files.close(4), Err(Errno::EBADF));
        assert_eq!(files.insert(open()), Ok(4));
        assert_eq!(files.insert(open()), Ok(6));
        assert_eq!(files.close(1), Err(Errno::EBADF));
        assert_eq!(files.with(0, |f| f.sync()), Err(Errno::EBADF));
    }
}
