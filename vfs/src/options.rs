//! How to open a file: [`OpenOptions`], and node's numeric `open` flags.
//!
//! Owns the meaning of the flags Go passes to `fs.open` (the Linux values
//! the `fs.constants` object publishes, defined once here in [`flags`] so
//! the `fs` global can publish these very constants). It does not open
//! anything: each [`FileSystem`](crate::FileSystem) does.

use crate::{Errno, Result};

/// node's `fs.constants` open flags, with their Linux x86-64 values.
///
/// Go's `syscall/fs_js.go` reads `O_WRONLY`, `O_RDWR`, `O_CREAT`, `O_TRUNC`,
/// `O_APPEND`, `O_EXCL` and `O_DIRECTORY` from `fs.constants` at init and
/// builds the `flags` argument of `fs.open` from them. Because Go takes the
/// numbers from that object, they only have to agree with what the `fs`
/// global publishes, not with the host architecture (node on aarch64 has
/// other values for `O_DIRECTORY` and `O_NOFOLLOW`): the global should
/// publish these constants rather than copies of them.
pub mod flags {
    /// Open for reading only (the access mode when no other is given).
    pub const O_RDONLY: i32 = 0;
    /// Open for writing only.
    pub const O_WRONLY: i32 = 1;
    /// Open for reading and writing.
    pub const O_RDWR: i32 = 2;
    /// Create the file if it does not exist.
    pub const O_CREAT: i32 = 0o100;
    /// With `O_CREAT`: fail with `EEXIST` if the path exists.
    pub const O_EXCL: i32 = 0o200;
    /// No controlling terminal: accepted and ignored.
    pub const O_NOCTTY: i32 = 0o400;
    /// Truncate an existing regular file to length 0.
    pub const O_TRUNC: i32 = 0o1000;
    /// Every write goes to the end of the file.
    pub const O_APPEND: i32 = 0o2000;
    /// Non-blocking I/O: accepted and ignored.
    pub const O_NONBLOCK: i32 = 0o4000;
    /// Synchronised data writes: accepted and ignored.
    pub const O_DSYNC: i32 = 0o10000;
    /// Direct I/O: accepted and ignored.
    pub const O_DIRECT: i32 = 0o40000;
    /// Fail with `ENOTDIR` unless the path is a directory.
    pub const O_DIRECTORY: i32 = 0o200000;
    /// Fail with `ELOOP` if the last component is a symbolic link.
    pub const O_NOFOLLOW: i32 = 0o400000;
    /// Do not update the access time: accepted and ignored.
    pub const O_NOATIME: i32 = 0o1000000;
    /// Close on exec: accepted and ignored (there is no exec).
    pub const O_CLOEXEC: i32 = 0o2000000;
    /// Synchronised writes (includes `O_DSYNC`): accepted and ignored.
    pub const O_SYNC: i32 = 0o4010000;

    /// The mask of the access mode bits (`O_RDONLY`/`O_WRONLY`/`O_RDWR`).
    pub const O_ACCMODE: i32 = 3;

    /// Every bit [`OpenOptions::from_node_flags`](crate::OpenOptions::from_node_flags)
    /// accepts.
    pub const KNOWN: i32 = O_ACCMODE
        | O_CREAT
        | O_EXCL
        | O_NOCTTY
        | O_TRUNC
        | O_APPEND
        | O_NONBLOCK
        | O_DSYNC
        | O_DIRECT
        | O_DIRECTORY
        | O_NOFOLLOW
        | O_NOATIME
        | O_CLOEXEC
        | O_SYNC;
}

/// How [`FileSystem::open`](crate::FileSystem::open) opens a path: the
/// access wanted, whether to create or truncate, and the mode of a file it
/// creates.
///
/// The fields mirror `open(2)`'s flags. `Default` is "nothing": set `read`
/// and/or `write` (or use [`OpenOptions::read_only`] /
/// [`OpenOptions::from_node_flags`]).
///
/// ```
/// use gojs_vfs::{OpenOptions, flags};
/// let o = OpenOptions::from_node_flags(flags::O_WRONLY | flags::O_CREAT | flags::O_TRUNC, 0o644)?;
/// assert!(o.write && o.create && o.truncate && !o.read);
/// # Ok::<(), gojs_vfs::Errno>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenOptions {
    /// Open for reading.
    pub read: bool,
    /// Open for writing.
    pub write: bool,
    /// Every write goes to the end of the file (implies `write`).
    pub append: bool,
    /// Create the file if it is missing (`O_CREAT`).
    pub create: bool,
    /// Create the file, failing with `EEXIST` if the path exists — even as
    /// a dangling symbolic link (`O_CREAT | O_EXCL`).
    pub create_new: bool,
    /// Truncate an existing regular file to length 0 (`O_TRUNC`; needs
    /// `write` or `append`).
    pub truncate: bool,
    /// Fail with `ENOTDIR` unless the path is a directory (`O_DIRECTORY`).
    pub directory: bool,
    /// Fail with `ELOOP` if the last component is a symbolic link
    /// (`O_NOFOLLOW`; WASI's `path_open` without `symlink_follow`).
    pub no_follow: bool,
    /// The permission bits of a created file, before the umask
    /// (`0o666` is what node passes when the program gives none).
    pub mode: u32,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            read: false,
            write: false,
            append: false,
            create: false,
            create_new: false,
            truncate: false,
            directory: false,
            no_follow: false,
            mode: 0o666,
        }
    }
}

impl OpenOptions {
    /// Reading an existing file or directory: `O_RDONLY`.
    pub fn read_only() -> Self {
        OpenOptions {
            read: true,
            ..OpenOptions::default()
        }
    }

    /// The options node's `fs.open(path, flags, mode)` means, `flags` with
    /// the Linux values of [`flags`].
    ///
    /// Flags with no effect on a virtual file (`O_NOCTTY`, `O_NONBLOCK`,
    /// `O_DSYNC`, `O_SYNC`, `O_DIRECT`, `O_NOATIME`, `O_CLOEXEC`) are
    /// accepted and ignored.
    ///
    /// # Errors
    ///
    /// `EINVAL` for an access mode of 3 or for any bit outside
    /// [`flags::KNOWN`] (Linux would ignore unknown bits; a virtual
    /// filesystem cannot honour a flag it does not know, so it says so).
    pub fn from_node_flags(node_flags: i32, mode: u32) -> Result<Self> {
        use flags::*;
        if node_flags & !KNOWN != 0 {
            return Err(Errno::EINVAL);
        }
        let (read, write) = match node_flags & O_ACCMODE {
            O_RDONLY => (true, false),
            O_WRONLY => (false, true),
            O_RDWR => (true, true),
            _ => return Err(Errno::EINVAL),
        };
        let create = node_flags & O_CREAT != 0;
        Ok(OpenOptions {
            read,
            write,
            append: node_flags & O_APPEND != 0,
            create,
            create_new: create && node_flags & O_EXCL != 0,
            truncate: node_flags & O_TRUNC != 0,
            directory: node_flags & O_DIRECTORY != 0,
            no_follow: node_flags & O_NOFOLLOW != 0,
            mode,
        })
    }

    /// Whether the file is opened for writing (`write` or `append`).
    pub fn writes(&self) -> bool {
        self.write || self.append
    }

    /// Whether opening with these options can change the filesystem:
    /// writing, creating or truncating. A read-only mount refuses those.
    pub fn modifies(&self) -> bool {
        self.writes() || self.create || self.create_new || self.truncate
    }

    /// Whether the path must not be followed if it is a symbolic link:
    /// `no_follow`, or `create_new` (`O_EXCL` never follows, as in Linux).
    pub fn follows_last(&self) -> bool {
        !(self.no_follow || self.create_new)
    }

    /// The combinations every filesystem refuses the same way.
    ///
    /// # Errors
    ///
    /// `EINVAL` when neither reading nor writing is asked, when `truncate`
    /// comes without write access (as std refuses it), or when a
    /// directory is to be created by `open` (`O_CREAT | O_DIRECTORY`, as
    /// Linux ≥ 6.4 refuses it).
    pub fn validate(&self) -> Result<()> {
        if !self.read && !self.writes() {
            return Err(Errno::EINVAL);
        }
        if self.truncate && !self.writes() {
            return Err(Errno::EINVAL);
        }
        if self.directory && (self.create || self.create_new) {
            return Err(Errno::EINVAL);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::flags::*;
    use super::*;

    #[test]
    fn node_flags_map_to_fields() {
        let o = OpenOptions::from_node_flags(O_RDWR | O_CREAT | O_EXCL, 0o600).unwrap();
        assert!(o.read && o.write && o.create && o.create_new && !o.truncate);
        assert_eq!(o.mode, 0o600);
        let o = OpenOptions::from_node_flags(O_WRONLY | O_APPEND | O_CLOEXEC, 0).unwrap();
        assert!(!o.read && o.append && o.writes());
        let o = OpenOptions::from_node_flags(O_RDONLY | O_DIRECTORY, 0).unwrap();
        assert!(o.read && o.directory && o.validate().is_ok());
        // O_EXCL without O_CREAT means nothing (as in Linux).
        let o = OpenOptions::from_node_flags(O_EXCL, 0).unwrap();
        assert!(!o.create_new);
    }

    #[test]
    fn bad_flags_are_einval() {
        assert_eq!(OpenOptions::from_node_flags(3, 0), Err(Errno::EINVAL));
        assert_eq!(OpenOptions::from_node_flags(1 << 30, 0), Err(Errno::EINVAL));
        let truncating_reader = OpenOptions {
            truncate: true,
            ..OpenOptions::read_only()
        };
        assert_eq!(truncating_reader.validate(), Err(Errno::EINVAL));
        assert_eq!(OpenOptions::default().validate(), Err(Errno::EINVAL));
    }

    #[test]
    fn the_values_are_the_ones_go_reads_from_fs_constants() {
        // Linux x86-64's <fcntl.h>, which boa-host's fs.constants copies.
        let published = [
            (O_RDONLY, 0),
            (O_WRONLY, 1),
            (O_RDWR, 2),
            (O_CREAT, 64),
            (O_TRUNC, 512),
            (O_APPEND, 1024),
            (O_EXCL, 128),
            (O_DIRECTORY, 65536),
        ];
        for (ours, node) in published {
            assert_eq!(ours, node);
        }
    }
}
