//! [`HostDir`]: a host directory as a confined tree — a chroot done by
//! path resolution.
//!
//! Owns the resolution of guest paths under the host root: every
//! component is looked up by this crate ([`resolve`](crate::resolve)),
//! `.` is skipped, `..` never goes above the root, each symbolic link met
//! is read with `std::fs::read_link` and followed *within* the tree
//! (absolute targets from the root, relative ones from the link's
//! directory), at most 40 hops. Only the resulting host path — the root
//! followed by real directory names, none a link at the time it was
//! looked up — is handed to `std::fs`. It does not give access to
//! anything else of the host: `/proc`, `/etc` and the rest exist only if
//! they exist under the root.
//!
//! # The window left open, and what closes it
//!
//! Resolution and use are separate system calls, so something running
//! *beside* the program — a host process, or a second guest sharing the
//! directory — that replaces a directory already resolved by a symbolic
//! link, between the two, can make the use follow it out of the root. (The
//! program itself cannot: each call runs to completion before the next.)
//! What this std-only version does about it:
//!
//! * `open`, `read_dir`, `set_len`, `set_times` and `set_mode` act
//!   through a descriptor opened with `O_NOFOLLOW` (a last component
//!   turned into a link fails with `ELOOP`), and refuse, with `EXDEV` as
//!   `openat2` would, a descriptor whose `/proc/self/fd/N` names a file
//!   outside the root. When `/proc` is not mounted (checked once, at
//!   construction) that check is skipped; `set_mode` on a file it can
//!   open neither for reading nor for writing falls back to the path.
//! * `metadata` uses `lstat`, and `set_owner` `lchown`, on the resolved
//!   path: a swapped last component is never followed.
//! * Entry operations (`create_dir`, `remove_*`, `rename`, `hard_link`,
//!   `symlink`), `metadata` and `set_owner` still act on a path whose
//!   *parent* directories could be swapped in the window.
//!
//! A version built on `openat2(2)` with `RESOLVE_BENEATH |
//! RESOLVE_NO_MAGICLINKS` (Linux ≥ 5.6), holding a descriptor of the root
//! and using the `*at` calls (`mkdirat`, `unlinkat`, `renameat2`,
//! `linkat`, `symlinkat`, `fchmodat`, `utimensat`) relative to a
//! descriptor of the resolved parent, would close the window for every
//! operation: the kernel then resolves under the root atomically, and
//! refuses any escape with `EXDEV`. That needs `libc` (or `rustix`) and
//! `unsafe`-free wrappers this crate does not depend on.
//!
//! Symbolic links the guest creates are stored verbatim on the host: this
//! crate confines them, but a *host* program following such a link (a
//! backup tool, say) sees the target as a host path.

use crate::host::{self, HostFile, list, permissions, std_options, sys};
use crate::path::{EntryOp, check_target, parse};
use crate::resolve::{Kind, Lookup, Walk, entry_dir, find, resolve};
use crate::{Errno, File, FileSystem, Metadata, OpenOptions, Result};
use std::fs;
use std::io;
use std::os::fd::AsRawFd;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// A host directory mounted as a whole tree: guest `/` is the host root,
/// and no guest path names anything outside it (see the module docs for
/// the one race a host process could exploit).
///
/// ```no_run
/// use gojs_vfs::{FileSystem, HostDir};
/// let data = HostDir::new("/srv/data")?;
/// // `..` stops at the root, and links resolve inside it.
/// let names = data.read_dir("/../..")?; // the entries of /srv/data
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct HostDir {
    root: PathBuf,
    /// Whether `/proc/self/fd` can name this process's descriptors.
    proc_fd: bool,
}

impl HostDir {
    /// Confines guest paths to `host_root`, canonicalised now (so later
    /// changes to the links leading to it do not move it).
    ///
    /// # Errors
    ///
    /// The `io::Error` of canonicalising `host_root` (it must exist), or
    /// `NotADirectory` if it is not a directory.
    pub fn new(host_root: impl Into<PathBuf>) -> io::Result<HostDir> {
        let root = fs::canonicalize(host_root.into())?;
        let dir = fs::File::open(&root)?;
        if !dir.metadata()?.is_dir() {
            return Err(io::Error::from(io::ErrorKind::NotADirectory));
        }
        let proc_fd = fs::read_link(proc_path(&dir)).is_ok_and(|target| target == root);
        Ok(HostDir { root, proc_fd })
    }

    /// The canonical host root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn walk(&self) -> RootWalk<'_> {
        RootWalk { root: &self.root }
    }

    /// Refuses a descriptor whose file is not under the root.
    fn confined(&self, file: fs::File) -> Result<fs::File> {
        if !self.proc_fd {
            return Ok(file);
        }
        match fs::read_link(proc_path(&file)) {
            Ok(target) if target.starts_with(&self.root) => Ok(file),
            // What openat2's RESOLVE_BENEATH answers to an escape.
            _ => Err(Errno::EXDEV),
        }
    }

    /// Opens the resolved `node` (`O_NOFOLLOW`: it must still not be a
    /// link) without blocking, for an operation through a descriptor.
    fn open_node(&self, node: &Path, write: bool) -> Result<fs::File> {
        let flags = sys::O_NOFOLLOW | sys::O_NONBLOCK;
        let file = match write {
            true => fs::OpenOptions::new()
                .write(true)
                .custom_flags(flags)
                .open(node)?,
            false => host::open_for_times(node, sys::O_NOFOLLOW)?,
        };
        self.confined(file)
    }

    /// The resolved host path `path` names.
    fn node(&self, path: &str, follow: bool) -> Result<(PathBuf, Kind)> {
        let found = find(&self.walk(), &parse(path)?, follow)?;
        Ok((found.node, found.kind))
    }

    /// The host path of the entry an entry operation on `path` acts on.
    fn entry(&self, path: &str, op: EntryOp) -> Result<(PathBuf, bool)> {
        let p = parse(path)?;
        let (dirs, name) = entry_dir(&self.walk(), &p, op)?;
        let dir = dirs.last().expect("the root is there");
        Ok((dir.join(name), p.trailing_slash))
    }
}

/// `/proc/self/fd/N` for the descriptor of `file`.
fn proc_path(file: &fs::File) -> PathBuf {
    PathBuf::from(format!("/proc/self/fd/{}", file.as_raw_fd()))
}

/// The host tree under a root, for the resolver: nodes are host paths.
struct RootWalk<'a> {
    root: &'a Path,
}

impl Walk for RootWalk<'_> {
    type Node = PathBuf;

    fn root(&self) -> PathBuf {
        self.root.to_path_buf()
    }

    fn child(&self, dir: &PathBuf, name: &str) -> Result<Option<(PathBuf, Kind)>> {
        let path = dir.join(name);
        let meta = match fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let kind = if meta.is_dir() {
            Kind::Dir
        } else if meta.is_symlink() {
            let target = fs::read_link(&path)?;
            Kind::Symlink(target.to_string_lossy().into_owned())
        } else {
            Kind::Other
        };
        Ok(Some((path, kind)))
    }
}

impl FileSystem for HostDir {
    fn open(&self, path: &str, options: &OpenOptions, umask: u32) -> Result<Box<dyn File>> {
        options.validate()?;
        let p = parse(path)?;
        let follow = options.follows_last() || p.trailing_slash;
        let (node, create) = match resolve(&self.walk(), &p.components, follow)? {
            Lookup::Found(_) if options.create_new => return Err(Errno::EEXIST),
            Lookup::Found(found) => match found.kind {
                Kind::Symlink(_) => return Err(Errno::ELOOP),
                Kind::Other if p.trailing_slash => return Err(Errno::ENOTDIR),
                Kind::Dir if options.create => return Err(Errno::EISDIR),
                _ => (found.node, false),
            },
            Lookup::Missing { .. } if !(options.create || options.create_new) => {
                return Err(Errno::ENOENT);
            }
            Lookup::Missing { .. } if p.trailing_slash => return Err(Errno::EISDIR),
            Lookup::Missing { dirs, name } => {
                let dir = dirs.last().expect("the root is there");
                (dir.join(name), true)
            }
        };
        // A file found is opened as is; a missing one is created with
        // O_EXCL, which never follows a link planted meanwhile.
        let options = OpenOptions {
            create: false,
            create_new: create,
            no_follow: true,
            ..options.clone()
        };
        let file = std_options(&options, umask, 0).open(&node)?;
        Ok(Box::new(HostFile::new(self.confined(file)?)))
    }

    fn metadata(&self, path: &str, follow_symlinks: bool) -> Result<Metadata> {
        let (node, _) = self.node(path, follow_symlinks)?;
        Ok(Metadata::from(&fs::symlink_metadata(node)?))
    }

    fn read_dir(&self, path: &str) -> Result<Vec<String>> {
        let (node, kind) = self.node(path, true)?;
        if kind != Kind::Dir {
            return Err(Errno::ENOTDIR);
        }
        if !self.proc_fd {
            return list(&node);
        }
        let dir = fs::OpenOptions::new()
            .read(true)
            .custom_flags(sys::O_DIRECTORY | sys::O_NOFOLLOW)
            .open(&node)?;
        let dir = self.confined(dir)?;
        list(&proc_path(&dir))
    }

    fn create_dir(&self, path: &str, mode: u32, umask: u32) -> Result<()> {
        let (host, _) = self.entry(path, EntryOp::Create)?;
        let mut builder = fs::DirBuilder::new();
        builder.mode(mode & !umask & 0o7777);
        Ok(builder.create(host)?)
    }

    fn remove_file(&self, path: &str) -> Result<()> {
        let (host, trailing_slash) = self.entry(path, EntryOp::Unlink)?;
        if trailing_slash && !fs::symlink_metadata(&host)?.is_dir() {
            return Err(Errno::ENOTDIR);
        }
        Ok(fs::remove_file(host)?)
    }

    fn remove_dir(&self, path: &str) -> Result<()> {
        let (host, _) = self.entry(path, EntryOp::Rmdir)?;
        Ok(fs::remove_dir(host)?)
    }

    fn rename(&self, from: &str, to: &str) -> Result<()> {
        let (src, src_slash) = self.entry(from, EntryOp::Rename)?;
        let (dst, dst_slash) = self.entry(to, EntryOp::Rename)?;
        if (src_slash || dst_slash) && !fs::symlink_metadata(&src)?.is_dir() {
            return Err(Errno::ENOTDIR);
        }
        Ok(fs::rename(src, dst)?)
    }

    fn hard_link(&self, existing: &str, new: &str) -> Result<()> {
        let (src, kind) = self.node(existing, false)?;
        if kind == Kind::Dir {
            return Err(Errno::EPERM);
        }
        let (dst, _) = self.entry(new, EntryOp::Create)?;
        Ok(fs::hard_link(src, dst)?)
    }

    fn symlink(&self, target: &str, link: &str) -> Result<()> {
        check_target(target)?;
        let (host, _) = self.entry(link, EntryOp::Create)?;
        Ok(std::os::unix::fs::symlink(target, host)?)
    }

    fn read_link(&self, path: &str) -> Result<String> {
        match self.node(path, false)? {
            (_, Kind::Symlink(target)) => Ok(target),
            _ => Err(Errno::EINVAL),
        }
    }

    fn set_mode(&self, path: &str, mode: u32) -> Result<()> {
        let (node, _) = self.node(path, true)?;
        match self.open_node(&node, false) {
            Ok(file) => Ok(file.set_permissions(permissions(mode))?),
            // Mode 0 and not ours to open: by path (the window of the
            // module docs), as the owner may chmod what it cannot read.
            Err(Errno::EACCES) => Ok(fs::set_permissions(node, permissions(mode))?),
            Err(e) => Err(e),
        }
    }

    fn set_owner(&self, path: &str, uid: u32, gid: u32, follow_symlinks: bool) -> Result<()> {
        let (node, _) = self.node(path, follow_symlinks)?;
        // Resolved already: the last component is followed by us, not the OS.
        Ok(std::os::unix::fs::lchown(
            node,
            host::id(uid),
            host::id(gid),
        )?)
    }

    fn set_len(&self, path: &str, len: u64) -> Result<()> {
        let (node, kind) = self.node(path, true)?;
        if kind == Kind::Dir {
            return Err(Errno::EISDIR);
        }
        Ok(self.open_node(&node, true)?.set_len(len)?)
    }

    /// As [`HostFs`](crate::HostFs): NaN, ±∞ and times beyond what the
    /// host holds are `EINVAL`.
    fn set_times(&self, path: &str, atime_ms: f64, mtime_ms: f64) -> Result<()> {
        let times = host::file_times(atime_ms, mtime_ms)?;
        let (node, _) = self.node(path, true)?;
        Ok(self.open_node(&node, false)?.set_times(times)?)
    }
}

#[cfg(test)]
mod tests;
