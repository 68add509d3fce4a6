//! [`MountFs`]: a namespace of mounted filesystems, some read-only.
//!
//! Owns what the namespace adds to its filesystems: routing a path to a
//! mount ([`route`]), the synthetic directories above the mounts, the
//! read-only refusals (`EROFS`, also on the files a read-only mount
//! opens) and the cross-mount ones (`EXDEV`). It does not resolve paths
//! inside a mount: the mounted filesystem does.

mod route;

#[cfg(test)]
mod tests;

use self::route::{Route, Table};
use crate::metadata::{S_IFDIR, next_dev};
use crate::path::{EntryOp, parse};
use crate::{Errno, File, FileSystem, Metadata, OpenOptions, Result};
use std::fmt;

/// A namespace of mounts: each guest directory given to
/// [`mount`](MountFs::mount) shows a filesystem, read-write or read-only.
///
/// A path is served by the mount with the longest matching point,
/// component-wise (`/data` serves `/data/x`, not `/database`). The
/// directories leading to mount points that no mount covers (`/` when
/// only `/data` is mounted) are *synthetic*: read-only (mode `0o555`,
/// owner 0), empty but for the names leading to mount points. Every
/// change on a read-only mount is `EROFS`; `rename` and `hard_link`
/// between two mounts are `EXDEV`; removing or renaming a mount point is
/// `EBUSY`.
///
/// Links and `..` inside a mount are resolved by that mount's filesystem,
/// within it: an absolute link target starts at the *mount's* root (each
/// mount is its own chroot, like a WASI preopen). `..` on the directories
/// above and at a mount point is exact, and leaves the mount.
///
/// ```
/// use gojs_vfs::{Errno, FileSystem, MemFs, MountFs};
/// let data = MemFs::new();
/// data.write_file("/input.txt", b"42")?;
/// let mut ns = MountFs::new();
/// ns.mount("/data", data, true)?.mount("/tmp", MemFs::new(), false)?;
/// assert_eq!(ns.read_dir("/")?, ["data", "tmp"]);
/// assert_eq!(ns.remove_file("/data/input.txt"), Err(Errno::EROFS));
/// assert_eq!(ns.rename("/data/input.txt", "/tmp/x"), Err(Errno::EXDEV));
/// # Ok::<(), Errno>(())
/// ```
pub struct MountFs {
    table: Table,
    dev: u64,
}

impl Default for MountFs {
    fn default() -> Self {
        MountFs::new()
    }
}

impl fmt::Debug for MountFs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let points = self.table.mounts.iter().map(|m| {
            let ro = if m.read_only { " (ro)" } else { "" };
            format!("/{}{ro}", m.point.join("/"))
        });
        f.debug_list().entries(points).finish()
    }
}

/// What a change of the existing `path` answers on a read-only mount:
/// Linux looks the path up first, so its error, else `EROFS`.
fn refused(fs: &dyn FileSystem, path: &str, follow: bool) -> Errno {
    match fs.metadata(path, follow) {
        Ok(_) => Errno::EROFS,
        Err(e) => e,
    }
}

/// What creating `path` answers on a read-only mount: `EEXIST` if it is
/// there, `EROFS` if it is missing, else the lookup's error.
fn refused_create(fs: &dyn FileSystem, path: &str) -> Errno {
    match fs.metadata(path, false) {
        Ok(_) => Errno::EEXIST,
        Err(Errno::ENOENT) => Errno::EROFS,
        Err(e) => e,
    }
}

/// The 64-bit FNV-1a hash: a stable inode number for a synthetic
/// directory.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl MountFs {
    /// An empty namespace: `/` is a synthetic, empty directory.
    pub fn new() -> MountFs {
        MountFs {
            table: Table::default(),
            dev: next_dev(),
        }
    }

    /// Mounts `fs` at the absolute guest directory `guest_dir` (`/` for
    /// the whole namespace), read-only if `read_only`.
    ///
    /// # Errors
    ///
    /// `EBUSY` if `guest_dir` is a mount point already; `EINVAL` if it is
    /// not absolute or has `.` or `..` components; `ENOENT` if it is
    /// empty.
    pub fn mount(
        &mut self,
        guest_dir: &str,
        fs: impl FileSystem + 'static,
        read_only: bool,
    ) -> Result<&mut Self> {
        self.table.add(guest_dir, Box::new(fs), read_only)?;
        Ok(self)
    }

    /// The status of the synthetic directory `dir`.
    fn synthetic(&self, dir: &[String]) -> Metadata {
        let path = format!("/{}", dir.join("/"));
        Metadata {
            dev: self.dev,
            ino: if dir.is_empty() {
                1
            } else {
                fnv1a(path.as_bytes())
            },
            mode: S_IFDIR | 0o555,
            nlink: 2 + self.table.children(dir).len() as u64,
            uid: 0,
            gid: 0,
            rdev: 0,
            size: 4096,
            blksize: 4096,
            blocks: 0,
            atime_ms: 0.0,
            mtime_ms: 0.0,
            ctime_ms: 0.0,
        }
    }

    /// Where an entry operation on `path` acts: after Linux's refusals of
    /// `/`, `.` and `..`, and of namespace directories (a mount point or a
    /// directory leading to one): `EEXIST` to create, `EISDIR` to unlink,
    /// `EBUSY` to remove or rename.
    fn entry_route(&self, path: &str, op: EntryOp) -> Result<Route> {
        parse(path)?.entry(op)?;
        match self.table.route(path)? {
            Route::Inner {
                namespace: Some(_), ..
            }
            | Route::Synthetic(_) => Err(match op {
                EntryOp::Create => Errno::EEXIST,
                EntryOp::Unlink => Errno::EISDIR,
                EntryOp::Rmdir | EntryOp::Rename => Errno::EBUSY,
            }),
            route => Ok(route),
        }
    }

    /// Runs a change of the existing `path`: on its mount, or refused.
    fn change(
        &self,
        path: &str,
        follow: bool,
        op: impl FnOnce(&dyn FileSystem, &str) -> Result<()>,
    ) -> Result<()> {
        match self.table.route(path)? {
            Route::Inner { index, path, .. } => {
                let m = &self.table.mounts[index];
                if m.read_only {
                    return Err(refused(&*m.fs, &path, follow));
                }
                op(&*m.fs, &path)
            }
            Route::Synthetic(_) => Err(Errno::EROFS),
            Route::Absent => Err(Errno::ENOENT),
        }
    }

    /// Runs an operation that makes `path`: on its mount, or refused.
    fn make(&self, path: &str, op: impl FnOnce(&dyn FileSystem, &str) -> Result<()>) -> Result<()> {
        match self.entry_route(path, EntryOp::Create)? {
            Route::Inner { index, path, .. } => {
                let m = &self.table.mounts[index];
                if m.read_only {
                    return Err(refused_create(&*m.fs, &path));
                }
                op(&*m.fs, &path)
            }
            _ => Err(Errno::EROFS),
        }
    }

    /// Runs an operation that removes `path`: on its mount, or refused.
    fn remove(
        &self,
        path: &str,
        op_kind: EntryOp,
        op: impl FnOnce(&dyn FileSystem, &str) -> Result<()>,
    ) -> Result<()> {
        match self.entry_route(path, op_kind)? {
            Route::Inner { index, path, .. } => {
                let m = &self.table.mounts[index];
                if m.read_only {
                    return Err(refused(&*m.fs, &path, false));
                }
                op(&*m.fs, &path)
            }
            _ => Err(Errno::ENOENT),
        }
    }

    /// The mount and mount paths of a two-path operation (`rename`,
    /// `hard_link`): both in one writable mount, or `EXDEV`/`EROFS`.
    fn pair(&self, from: Route, to: Route) -> Result<(&dyn FileSystem, String, String)> {
        let (a, from) = match from {
            Route::Inner { index, path, .. } => (index, path),
            _ => return Err(Errno::ENOENT),
        };
        let (b, to) = match to {
            Route::Inner { index, path, .. } => (index, path),
            _ => return Err(Errno::EXDEV),
        };
        if a != b {
            return Err(Errno::EXDEV);
        }
        let m = &self.table.mounts[a];
        if m.read_only {
            return Err(refused(&*m.fs, &from, false));
        }
        Ok((&*m.fs, from, to))
    }
}

/// A file opened (for reading) on a read-only mount: reads pass, changes
/// of the status are `EROFS`, writes `EBADF` (it is not open for writing).
struct ReadOnlyFile(Box<dyn File>);

impl File for ReadOnlyFile {
    fn read(&mut self, buf: &mut [u8], at: Option<u64>) -> Result<usize> {
        self.0.read(buf, at)
    }
    fn write(&mut self, _: &[u8], _: Option<u64>) -> Result<usize> {
        Err(Errno::EBADF)
    }
    fn metadata(&self) -> Result<Metadata> {
        self.0.metadata()
    }
    fn set_len(&mut self, _: u64) -> Result<()> {
        Err(Errno::EROFS)
    }
    fn sync(&mut self) -> Result<()> {
        self.0.sync()
    }
    fn set_mode(&mut self, _: u32) -> Result<()> {
        Err(Errno::EROFS)
    }
    fn set_owner(&mut self, _: u32, _: u32) -> Result<()> {
        Err(Errno::EROFS)
    }
    fn set_times(&mut self, _: f64, _: f64) -> Result<()> {
        Err(Errno::EROFS)
    }
}

/// A synthetic directory opened for reading (Go's `os.Open("/")` before
/// it lists `/`).
struct SyntheticDir(Metadata);

impl File for SyntheticDir {
    fn read(&mut self, _: &mut [u8], _: Option<u64>) -> Result<usize> {
        Err(Errno::EISDIR)
    }
    fn write(&mut self, _: &[u8], _: Option<u64>) -> Result<usize> {
        Err(Errno::EBADF)
    }
    fn metadata(&self) -> Result<Metadata> {
        Ok(self.0.clone())
    }
    fn set_len(&mut self, _: u64) -> Result<()> {
        Err(Errno::EINVAL)
    }
    fn sync(&mut self) -> Result<()> {
        Ok(())
    }
    fn set_mode(&mut self, _: u32) -> Result<()> {
        Err(Errno::EROFS)
    }
    fn set_owner(&mut self, _: u32, _: u32) -> Result<()> {
        Err(Errno::EROFS)
    }
    fn set_times(&mut self, _: f64, _: f64) -> Result<()> {
        Err(Errno::EROFS)
    }
}

impl FileSystem for MountFs {
    fn open(&self, path: &str, options: &OpenOptions, umask: u32) -> Result<Box<dyn File>> {
        options.validate()?;
        match self.table.route(path)? {
            Route::Inner { index, path, .. } => {
                let m = &self.table.mounts[index];
                if !m.read_only {
                    return m.fs.open(&path, options, umask);
                }
                if options.modifies() {
                    return Err(match m.fs.metadata(&path, options.follows_last()) {
                        Ok(_) if options.create_new => Errno::EEXIST,
                        Ok(_) => Errno::EROFS,
                        Err(Errno::ENOENT) if options.create || options.create_new => Errno::EROFS,
                        Err(e) => e,
                    });
                }
                Ok(Box::new(ReadOnlyFile(m.fs.open(&path, options, umask)?)))
            }
            Route::Synthetic(_) if options.create_new => Err(Errno::EEXIST),
            Route::Synthetic(_) if options.writes() || options.create => Err(Errno::EISDIR),
            Route::Synthetic(dir) => Ok(Box::new(SyntheticDir(self.synthetic(&dir)))),
            Route::Absent if options.create || options.create_new => Err(Errno::EROFS),
            Route::Absent => Err(Errno::ENOENT),
        }
    }

    fn metadata(&self, path: &str, follow_symlinks: bool) -> Result<Metadata> {
        match self.table.route(path)? {
            Route::Inner { index, path, .. } => {
                self.table.mounts[index].fs.metadata(&path, follow_symlinks)
            }
            Route::Synthetic(dir) => Ok(self.synthetic(&dir)),
            Route::Absent => Err(Errno::ENOENT),
        }
    }

    fn read_dir(&self, path: &str) -> Result<Vec<String>> {
        match self.table.route(path)? {
            Route::Inner {
                index,
                path,
                namespace,
            } => {
                let mut names = self.table.mounts[index].fs.read_dir(&path)?;
                for child in namespace.map_or_else(Vec::new, |dir| self.table.children(&dir)) {
                    if !names.contains(&child) {
                        names.push(child);
                    }
                }
                Ok(names)
            }
            Route::Synthetic(dir) => Ok(self.table.children(&dir)),
            Route::Absent => Err(Errno::ENOENT),
        }
    }

    fn create_dir(&self, path: &str, mode: u32, umask: u32) -> Result<()> {
        self.make(path, |fs, path| fs.create_dir(path, mode, umask))
    }

    fn remove_file(&self, path: &str) -> Result<()> {
        self.remove(path, EntryOp::Unlink, |fs, path| fs.remove_file(path))
    }

    fn remove_dir(&self, path: &str) -> Result<()> {
        self.remove(path, EntryOp::Rmdir, |fs, path| fs.remove_dir(path))
    }

    fn rename(&self, from: &str, to: &str) -> Result<()> {
        let from = self.entry_route(from, EntryOp::Rename)?;
        let to = self.entry_route(to, EntryOp::Rename)?;
        let (fs, from, to) = self.pair(from, to)?;
        fs.rename(&from, &to)
    }

    fn hard_link(&self, existing: &str, new: &str) -> Result<()> {
        let existing = match self.table.route(existing)? {
            Route::Synthetic(_) => return Err(Errno::EPERM),
            route => route,
        };
        let new = self.entry_route(new, EntryOp::Create)?;
        let (fs, existing, new) = self.pair(existing, new)?;
        fs.hard_link(&existing, &new)
    }

    fn symlink(&self, target: &str, link: &str) -> Result<()> {
        self.make(link, |fs, link| fs.symlink(target, link))
    }

    fn read_link(&self, path: &str) -> Result<String> {
        match self.table.route(path)? {
            Route::Inner { index, path, .. } => self.table.mounts[index].fs.read_link(&path),
            Route::Synthetic(_) => Err(Errno::EINVAL),
            Route::Absent => Err(Errno::ENOENT),
        }
    }

    fn set_mode(&self, path: &str, mode: u32) -> Result<()> {
        self.change(path, true, |fs, path| fs.set_mode(path, mode))
    }

    fn set_owner(&self, path: &str, uid: u32, gid: u32, follow_symlinks: bool) -> Result<()> {
        self.change(path, follow_symlinks, |fs, path| {
            fs.set_owner(path, uid, gid, follow_symlinks)
        })
    }

    fn set_len(&self, path: &str, len: u64) -> Result<()> {
        self.change(path, true, |fs, path| fs.set_len(path, len))
    }

    fn set_times(&self, path: &str, atime_ms: f64, mtime_ms: f64) -> Result<()> {
        self.change(path, true, |fs, path| {
            fs.set_times(path, atime_ms, mtime_ms)
        })
    }
}
