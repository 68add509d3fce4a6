//! # gojs-vfs
//!
//! The filesystems a gojs program sees: what the `fs` global (node's `fs`
//! module, as Go's `syscall/fs_js.go` calls it) and a WASI host answer
//! with. No JS and no wasm here — only paths, files and [`Errno`]s — so
//! both hosts share one implementation of the semantics.
//!
//! ```
//! use gojs_vfs::{Errno, FileSystem, MemFs, MountFs, OpenOptions, flags};
//!
//! // A read-only input directory and a scratch area of at most 1 MiB.
//! let input = MemFs::new();
//! input.write_file("/greeting.txt", b"hello")?;
//! let tmp = MemFs::builder().capacity(1 << 20).build();
//! let mut ns = MountFs::new();
//! ns.mount("/input", input, true)?.mount("/tmp", tmp.clone(), false)?;
//!
//! // What `fs.open(path, O_WRONLY|O_CREAT|O_TRUNC, 0o666)` does, umask 022.
//! let wanted = flags::O_WRONLY | flags::O_CREAT | flags::O_TRUNC;
//! let options = OpenOptions::from_node_flags(wanted, 0o666)?;
//! let mut out = ns.open("/tmp/../tmp/out.txt", &options, 0o022)?;
//! out.write(b"bye", None)?;
//! assert_eq!(ns.metadata("/tmp/out.txt", true)?.permissions(), 0o644);
//! assert_eq!(tmp.read_file("/out.txt")?, b"bye");
//!
//! // Errors are errnos, with node's codes and texts.
//! let err = ns.open("/input/greeting.txt", &options, 0o022).err().unwrap();
//! assert_eq!(err, Errno::EROFS);
//! assert_eq!(format!("{err}, open '/input/greeting.txt'"),
//!            "EROFS: read-only file system, open '/input/greeting.txt'");
//! # Ok::<(), Errno>(())
//! ```
//!
//! # Core concepts
//!
//! - [`FileSystem`]: the path operations (open, stat, readdir, mkdir,
//!   unlink, rmdir, rename, link, symlink, readlink, chmod, chown,
//!   truncate, utimes). Paths are absolute guest paths, already joined
//!   with the program's cwd by the caller, resolved as Linux resolves
//!   them (`..` after links); the empty path is always `ENOENT`. Object
//!   safe; every call is synchronous.
//! - [`File`]: an open file, with a cursor; what a descriptor table holds
//!   as `Box<dyn File>`. Closing is dropping.
//! - [`Errno`]: the one error type, a Linux errno whose name Go's
//!   `syscall` package knows. [`Metadata`] is a stat result, times in ms.
//! - [`HostFs`]: the host filesystem as is — node parity, the default.
//!   Costs one system call per operation.
//! - [`MemFs`]: an in-memory tree (one thread; clones share it) with an
//!   optional capacity, so a guest cannot fill the host's memory. Lives
//!   as long as its last clone or open file.
//! - [`HostDir`]: a host directory as a confined tree (chroot by path
//!   resolution, done by this crate). One `lstat` per path component.
//! - [`MountFs`]: a namespace of the above (or any [`FileSystem`]),
//!   mounts read-only or read-write; `EROFS` and `EXDEV` as Linux.
//!
//! The design choices are in `RATIONALE.md`, next to this crate's
//! `Cargo.toml`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod errno;
mod file;
mod filesystem;
mod host;
mod host_dir;
mod mem;
mod metadata;
mod mount;
mod options;
mod path;
mod resolve;

#[cfg(test)]
mod scratch;

pub use errno::{Errno, Result};
pub use file::File;
pub use filesystem::FileSystem;
pub use host::HostFs;
pub use host_dir::HostDir;
pub use mem::{MemFs, MemFsBuilder};
pub use metadata::{
    Metadata, S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG, S_IFSOCK,
};
pub use mount::MountFs;
pub use options::{OpenOptions, flags};

#[cfg(test)]
mod tests {
    use super::*;

    /// The public types are what hosts store: small and object safe.
    #[test]
    fn sizes_and_object_safety() {
        assert_eq!(size_of::<Errno>(), 4);
        assert_eq!(size_of::<Result<()>>(), 8);
        let _boxed: Vec<Box<dyn FileSystem>> = vec![
            Box::new(HostFs::new()),
            Box::new(MemFs::new()),
            Box::new(MountFs::new()),
        ];
    }
}
