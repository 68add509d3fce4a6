//! [`MemFs`]: a filesystem held in memory, with a capacity.
//!
//! Owns a tree of directories, regular files, symbolic links and hard
//! links (inode numbers, link counts), with modes, one fixed owner, and
//! times from a clock the host chooses. It does not enforce permission
//! bits (the guest is the only user; a read-only view is a
//! [`MountFs`](crate::MountFs) mount) and keeps no atime on reads (as a
//! `noatime` mount).
//!
//! Cost: every call borrows the tree once (`Rc<RefCell<…>>`: a `MemFs` is
//! for one thread, the one running the program; clones share one tree).
//! Resolution is a map lookup per component. A file's bytes are sparse
//! chunks ([`data`]), so holes cost nothing.

mod data;
mod file;
mod tree;

#[cfg(test)]
mod tests;

use self::data::Data;
use self::file::MemFile;
use self::tree::{Body, ENTRY_COST, Tree};
use crate::metadata::{next_dev, system_time_ms};
use crate::path::{EntryOp, check_target, parse};
use crate::resolve::{Kind, Lookup, entry_dir, find, resolve};
use crate::{Errno, File, FileSystem, Metadata, OpenOptions, Result};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;
use std::time::SystemTime;

/// A clock: milliseconds since the epoch.
type Clock = Box<dyn Fn() -> f64>;

/// What all clones of one [`MemFs`] and its open files share.
struct Shared {
    tree: RefCell<Tree>,
    /// Called before the tree is borrowed, so it may not call back in.
    clock: Clock,
    uid: u32,
    gid: u32,
    dev: u64,
}

impl Shared {
    fn now(&self) -> f64 {
        (self.clock)()
    }

    fn metadata(&self, ino: u64) -> Metadata {
        self.tree
            .borrow()
            .metadata(ino, self.dev, self.uid, self.gid)
    }

    /// `chown` with a fixed owner: only to that owner (or `u32::MAX`,
    /// "unchanged").
    fn set_owner(&self, ino: u64, uid: u32, gid: u32) -> Result<()> {
        let keeps = |asked: u32, owner: u32| asked == u32::MAX || asked == owner;
        if !keeps(uid, self.uid) || !keeps(gid, self.gid) {
            return Err(Errno::EPERM);
        }
        let now = self.now();
        self.tree.borrow_mut().inode_mut(ino).ctime = now;
        Ok(())
    }
}

/// An in-memory filesystem: a tree that lives as long as its last clone
/// (or open file).
///
/// Clones share the tree, so the host can keep one to fill it before the
/// program runs and read it after. Every file and directory belongs to
/// the owner given at construction; `chown` to anyone else is `EPERM`.
/// Permission bits are kept and reported, not enforced.
///
/// With a [capacity](MemFsBuilder::capacity) the tree refuses, with
/// `ENOSPC`, whatever would make it cost more: file bytes (in chunks of
/// 64 KiB, holes free), link targets, names, and a fixed 128 bytes per
/// inode and 32 per directory entry. Files are at most 1 TiB (`EFBIG`).
///
/// ```
/// use gojs_vfs::{FileSystem, MemFs, OpenOptions};
/// let fs = MemFs::builder().capacity(1 << 20).build();
/// fs.create_dir_all("/etc/app")?;
/// fs.write_file("/etc/app/config", b"debug = true\n")?;
/// let meta = fs.metadata("/etc/app/config", true)?;
/// assert_eq!((meta.size, meta.permissions()), (13, 0o644));
/// let mut file = fs.open("/etc/app/config", &OpenOptions::read_only(), 0o022)?;
/// let mut buf = [0; 5];
/// assert_eq!(file.read(&mut buf, None)?, 5);
/// assert_eq!(&buf, b"debug");
/// # Ok::<(), gojs_vfs::Errno>(())
/// ```
#[derive(Clone)]
pub struct MemFs {
    shared: Rc<Shared>,
}

/// The settings of a new [`MemFs`]: owner, capacity, clock.
pub struct MemFsBuilder {
    uid: u32,
    gid: u32,
    capacity: Option<u64>,
    clock: Option<Clock>,
}

impl MemFsBuilder {
    /// The owner of every file (default 1000/1000).
    pub fn owner(mut self, uid: u32, gid: u32) -> Self {
        self.uid = uid;
        self.gid = gid;
        self
    }

    /// The most the tree may cost, in bytes (default: unlimited — give
    /// one whenever the guest is not trusted with the host's memory).
    pub fn capacity(mut self, bytes: u64) -> Self {
        self.capacity = Some(bytes);
        self
    }

    /// The clock that stamps times, in ms since the epoch (default: the
    /// system clock). It must not call into this filesystem.
    pub fn clock(mut self, clock: impl Fn() -> f64 + 'static) -> Self {
        self.clock = Some(Box::new(clock));
        self
    }

    /// A filesystem with just an empty root directory (mode `0o755`).
    pub fn build(self) -> MemFs {
        let clock = self
            .clock
            .unwrap_or_else(|| Box::new(|| system_time_ms(SystemTime::now())));
        let tree = Tree::new(self.capacity, clock());
        MemFs {
            shared: Rc::new(Shared {
                tree: RefCell::new(tree),
                clock,
                uid: self.uid,
                gid: self.gid,
                dev: next_dev(),
            }),
        }
    }
}

impl Default for MemFs {
    fn default() -> Self {
        MemFs::new()
    }
}

impl fmt::Debug for MemFs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemFs")
            .field("dev", &self.shared.dev)
            .field("used", &self.used())
            .field("capacity", &self.capacity())
            .finish_non_exhaustive()
    }
}

impl MemFs {
    /// An empty filesystem with the default settings (see [`MemFsBuilder`]).
    pub fn new() -> MemFs {
        MemFs::builder().build()
    }

    /// Settings for a new filesystem.
    pub fn builder() -> MemFsBuilder {
        MemFsBuilder {
            uid: 1000,
            gid: 1000,
            capacity: None,
            clock: None,
        }
    }

    /// What the tree costs now, in bytes; 0 for an empty tree.
    pub fn used(&self) -> u64 {
        self.shared.tree.borrow().used()
    }

    /// The capacity given at construction.
    pub fn capacity(&self) -> Option<u64> {
        self.shared.tree.borrow().capacity()
    }

    /// Creates `path` and its missing parents (mode `0o755`), as
    /// `mkdir -p`.
    ///
    /// # Errors
    ///
    /// `ENOTDIR`/`EEXIST` if a component is not a directory; `ENOSPC`.
    pub fn create_dir_all(&self, path: &str) -> Result<()> {
        let mut prefix = String::new();
        for component in parse(path)?.components {
            prefix.push('/');
            prefix.push_str(component);
            match self.create_dir(&prefix, 0o755, 0) {
                Err(Errno::EEXIST) if self.metadata(&prefix, true)?.is_dir() => {}
                other => other?,
            }
        }
        Ok(())
    }

    /// Creates or replaces the file `path` (mode `0o644` when created)
    /// with `bytes`.
    ///
    /// # Errors
    ///
    /// Those of [`FileSystem::open`] and [`File::write`].
    pub fn write_file(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let options = OpenOptions {
            write: true,
            create: true,
            truncate: true,
            mode: 0o644,
            ..OpenOptions::default()
        };
        let mut file = self.open(path, &options, 0)?;
        let mut written = 0;
        while written < bytes.len() {
            match file.write(&bytes[written..], None)? {
                0 => return Err(Errno::EIO),
                n => written += n,
            }
        }
        Ok(())
    }

    /// The contents of the file `path`.
    ///
    /// # Errors
    ///
    /// Those of [`FileSystem::open`]; `EISDIR` for a directory; `ENOMEM`
    /// if the host cannot hold the file (a sparse file can be far larger
    /// than what it costs).
    pub fn read_file(&self, path: &str) -> Result<Vec<u8>> {
        let mut file = self.open(path, &OpenOptions::read_only(), 0)?;
        let size = usize::try_from(file.metadata()?.size).map_err(|_| Errno::ENOMEM)?;
        let mut bytes = Vec::new();
        bytes.try_reserve_exact(size).map_err(|_| Errno::ENOMEM)?;
        bytes.resize(size, 0);
        let n = file.read(&mut bytes, Some(0))?;
        bytes.truncate(n);
        Ok(bytes)
    }

    /// Runs `f` on the tree, with the time read before it is borrowed.
    fn with_tree<T>(&self, f: impl FnOnce(&mut Tree, f64) -> Result<T>) -> Result<T> {
        let now = self.shared.now();
        f(&mut self.shared.tree.borrow_mut(), now)
    }

    /// The inode `path` names.
    fn find_ino(&self, path: &str, follow: bool) -> Result<u64> {
        let path = parse(path)?;
        Ok(find(&*self.shared.tree.borrow(), &path, follow)?.node)
    }
}

/// Opens the existing entry `ino` (of `kind`) for `options`: the checks,
/// and truncation.
fn open_existing(
    tree: &mut Tree,
    ino: u64,
    kind: &Kind,
    options: &OpenOptions,
    trailing_slash: bool,
    now: f64,
) -> Result<()> {
    if options.create_new {
        return Err(Errno::EEXIST);
    }
    match kind {
        Kind::Symlink(_) => Err(Errno::ELOOP),
        // Linux: O_CREAT on an existing directory is EISDIR too.
        Kind::Dir if options.writes() || options.create => Err(Errno::EISDIR),
        Kind::Dir => Ok(()),
        Kind::Other if options.directory || trailing_slash => Err(Errno::ENOTDIR),
        Kind::Other if options.truncate => tree.set_len(ino, 0, now),
        Kind::Other => Ok(()),
    }
}

impl FileSystem for MemFs {
    fn open(&self, path: &str, options: &OpenOptions, umask: u32) -> Result<Box<dyn File>> {
        options.validate()?;
        let p = parse(path)?;
        let ino = self.with_tree(|tree, now| {
            let follow = options.follows_last() || p.trailing_slash;
            match resolve(&*tree, &p.components, follow)? {
                Lookup::Found(found) => {
                    open_existing(
                        tree,
                        found.node,
                        &found.kind,
                        options,
                        p.trailing_slash,
                        now,
                    )?;
                    Ok(found.node)
                }
                Lookup::Missing { .. } if !(options.create || options.create_new) => {
                    Err(Errno::ENOENT)
                }
                Lookup::Missing { .. } if p.trailing_slash => Err(Errno::EISDIR),
                Lookup::Missing { dirs, name } => {
                    let dir = *dirs.last().expect("the root is there");
                    let body = Body::File(Data::default());
                    tree.create(dir, &name, body, options.mode & !umask, now)
                }
            }
        })?;
        let (read, write) = (options.read, options.writes());
        let file = MemFile::new(self.shared.clone(), ino, read, write, options.append);
        Ok(Box::new(file))
    }

    fn metadata(&self, path: &str, follow_symlinks: bool) -> Result<Metadata> {
        let ino = self.find_ino(path, follow_symlinks)?;
        Ok(self.shared.metadata(ino))
    }

    fn read_dir(&self, path: &str) -> Result<Vec<String>> {
        let ino = self.find_ino(path, true)?;
        let tree = self.shared.tree.borrow();
        let entries = tree.entries(ino).ok_or(Errno::ENOTDIR)?;
        Ok(entries.keys().cloned().collect())
    }

    fn create_dir(&self, path: &str, mode: u32, umask: u32) -> Result<()> {
        let p = parse(path)?;
        self.with_tree(|tree, now| {
            let (dirs, name) = entry_dir(&*tree, &p, EntryOp::Create)?;
            let dir = *dirs.last().expect("the root is there");
            if tree.entry(dir, name).is_some() {
                return Err(Errno::EEXIST);
            }
            let body = Body::Dir(BTreeMap::new());
            tree.create(dir, name, body, mode & !umask, now).map(drop)
        })
    }

    fn remove_file(&self, path: &str) -> Result<()> {
        let p = parse(path)?;
        self.with_tree(|tree, now| {
            let (dirs, name) = entry_dir(&*tree, &p, EntryOp::Unlink)?;
            let dir = *dirs.last().expect("the root is there");
            let ino = tree.entry(dir, name).ok_or(Errno::ENOENT)?;
            if tree.entries(ino).is_some() {
                return Err(Errno::EISDIR);
            }
            if p.trailing_slash {
                return Err(Errno::ENOTDIR);
            }
            tree.unlink(dir, name, now);
            Ok(())
        })
    }

    fn remove_dir(&self, path: &str) -> Result<()> {
        let p = parse(path)?;
        self.with_tree(|tree, now| {
            let (dirs, name) = entry_dir(&*tree, &p, EntryOp::Rmdir)?;
            let dir = *dirs.last().expect("the root is there");
            let ino = tree.entry(dir, name).ok_or(Errno::ENOENT)?;
            match tree.entries(ino) {
                None => Err(Errno::ENOTDIR),
                Some(entries) if !entries.is_empty() => Err(Errno::ENOTEMPTY),
                Some(_) => {
                    tree.unlink(dir, name, now);
                    Ok(())
                }
            }
        })
    }

    fn rename(&self, from: &str, to: &str) -> Result<()> {
        let (pf, pt) = (parse(from)?, parse(to)?);
        self.with_tree(|tree, now| {
            let (src_dirs, src_name) = entry_dir(&*tree, &pf, EntryOp::Rename)?;
            let (dst_dirs, dst_name) = entry_dir(&*tree, &pt, EntryOp::Rename)?;
            let src_dir = *src_dirs.last().expect("the root is there");
            let dst_dir = *dst_dirs.last().expect("the root is there");
            let src = tree.entry(src_dir, src_name).ok_or(Errno::ENOENT)?;
            let src_is_dir = tree.entries(src).is_some();
            if (pf.trailing_slash || pt.trailing_slash) && !src_is_dir {
                return Err(Errno::ENOTDIR);
            }
            if src_is_dir && dst_dirs.contains(&src) {
                // The destination is inside the directory being moved.
                return Err(Errno::EINVAL);
            }
            if let Some(dst) = tree.entry(dst_dir, dst_name) {
                if dst == src {
                    return Ok(());
                }
                match (src_is_dir, tree.entries(dst)) {
                    (true, None) => return Err(Errno::ENOTDIR),
                    (false, Some(_)) => return Err(Errno::EISDIR),
                    (true, Some(entries)) if !entries.is_empty() => {
                        return Err(Errno::ENOTEMPTY);
                    }
                    _ => tree.unlink(dst_dir, dst_name, now),
                }
            }
            // After replacing, this takes back what the unlink gave.
            tree.charge(ENTRY_COST + dst_name.len() as u64)?;
            let ino = tree.detach(src_dir, src_name, now);
            tree.release(ENTRY_COST + src_name.len() as u64);
            tree.attach(dst_dir, dst_name, ino, now);
            Ok(())
        })
    }

    fn hard_link(&self, existing: &str, new: &str) -> Result<()> {
        let (pe, pn) = (parse(existing)?, parse(new)?);
        self.with_tree(|tree, now| {
            let found = find(&*tree, &pe, false)?;
            if found.kind == Kind::Dir {
                return Err(Errno::EPERM);
            }
            let (dirs, name) = entry_dir(&*tree, &pn, EntryOp::Create)?;
            let dir = *dirs.last().expect("the root is there");
            if tree.entry(dir, name).is_some() {
                return Err(Errno::EEXIST);
            }
            if pn.trailing_slash {
                return Err(Errno::ENOENT);
            }
            tree.charge(ENTRY_COST + name.len() as u64)?;
            tree.attach(dir, name, found.node, now);
            tree.inode_mut(found.node).ctime = now;
            Ok(())
        })
    }

    fn symlink(&self, target: &str, link: &str) -> Result<()> {
        check_target(target)?;
        let p = parse(link)?;
        self.with_tree(|tree, now| {
            let (dirs, name) = entry_dir(&*tree, &p, EntryOp::Create)?;
            let dir = *dirs.last().expect("the root is there");
            if tree.entry(dir, name).is_some() {
                return Err(Errno::EEXIST);
            }
            if p.trailing_slash {
                return Err(Errno::ENOENT);
            }
            let body = Body::Symlink(target.to_string());
            tree.create(dir, name, body, 0o777, now).map(drop)
        })
    }

    fn read_link(&self, path: &str) -> Result<String> {
        let p = parse(path)?;
        match find(&*self.shared.tree.borrow(), &p, false)?.kind {
            Kind::Symlink(target) => Ok(target),
            _ => Err(Errno::EINVAL),
        }
    }

    fn set_mode(&self, path: &str, mode: u32) -> Result<()> {
        let ino = self.find_ino(path, true)?;
        self.with_tree(|tree, now| {
            tree.set_mode(ino, mode, now);
            Ok(())
        })
    }

    fn set_owner(&self, path: &str, uid: u32, gid: u32, follow_symlinks: bool) -> Result<()> {
        let ino = self.find_ino(path, follow_symlinks)?;
        self.shared.set_owner(ino, uid, gid)
    }

    fn set_len(&self, path: &str, len: u64) -> Result<()> {
        let ino = self.find_ino(path, true)?;
        self.with_tree(|tree, now| tree.set_len(ino, len, now))
    }

    /// Any finite time is kept as given (negative: before 1970); NaN and
    /// ±∞ are `EINVAL`.
    fn set_times(&self, path: &str, atime_ms: f64, mtime_ms: f64) -> Result<()> {
        let ino = self.find_ino(path, true)?;
        self.with_tree(|tree, now| tree.set_times(ino, atime_ms, mtime_ms, now))
    }
}
