//! [`HostFs`]: the host's own filesystem, as node gives it to Go — and
//! [`HostFile`], the open host file both host filesystems return.
//!
//! Owns the translation of each operation to `std::fs` /
//! `std::os::unix::fs` and of `io::Error`s to [`Errno`]s. It confines
//! nothing: a guest path is the host path (node parity, the default mode).
//! [`HostDir`](crate::HostDir) is the confined variant.
//!
//! The created modes are `mode & !umask` as given; the host process's own
//! umask applies on top (as it does for node), so it can only remove bits.

use crate::metadata::ms_to_system_time;
use crate::path::{check_target, parse};
use crate::{Errno, File, FileSystem, Metadata, OpenOptions, Result};
use std::fs::{self, FileTimes};
use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, FileExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// Open flags std has no method for, with their values on the Linux
/// architectures this crate builds for.
pub(crate) mod sys {
    #[cfg(not(any(
        target_arch = "x86",
        target_arch = "x86_64",
        target_arch = "arm",
        target_arch = "aarch64",
        target_arch = "riscv32",
        target_arch = "riscv64",
        target_arch = "powerpc",
        target_arch = "powerpc64",
        target_arch = "s390x",
        target_arch = "loongarch64"
    )))]
    compile_error!(
        "gojs-vfs knows the Linux open flags of x86, arm, riscv, powerpc, s390x and loongarch only"
    );

    /// `O_NONBLOCK`: opening a FIFO to change its times must not wait.
    pub(crate) const O_NONBLOCK: i32 = 0o4000;
    /// `O_DIRECTORY` (`<asm-generic/fcntl.h>`; arm and powerpc differ).
    #[cfg(not(any(
        target_arch = "arm",
        target_arch = "aarch64",
        target_arch = "powerpc",
        target_arch = "powerpc64"
    )))]
    pub(crate) const O_DIRECTORY: i32 = 0o200000;
    /// `O_NOFOLLOW` (`<asm-generic/fcntl.h>`; arm and powerpc differ).
    #[cfg(not(any(
        target_arch = "arm",
        target_arch = "aarch64",
        target_arch = "powerpc",
        target_arch = "powerpc64"
    )))]
    pub(crate) const O_NOFOLLOW: i32 = 0o400000;
    /// `O_DIRECTORY` on arm and powerpc.
    #[cfg(any(
        target_arch = "arm",
        target_arch = "aarch64",
        target_arch = "powerpc",
        target_arch = "powerpc64"
    ))]
    pub(crate) const O_DIRECTORY: i32 = 0o40000;
    /// `O_NOFOLLOW` on arm and powerpc.
    #[cfg(any(
        target_arch = "arm",
        target_arch = "aarch64",
        target_arch = "powerpc",
        target_arch = "powerpc64"
    ))]
    pub(crate) const O_NOFOLLOW: i32 = 0o100000;
    /// `O_CREAT`, the same on every architecture above.
    pub(crate) const O_CREAT: i32 = 0o100;
    /// `O_EXCL`, likewise.
    pub(crate) const O_EXCL: i32 = 0o200;
    /// `O_TRUNC`, likewise.
    pub(crate) const O_TRUNC: i32 = 0o1000;
}

/// The host filesystem as is: guest path = host path.
///
/// What node does under `wasm_exec_node.js`, and so the default mode for
/// running trusted programs. Errors are the host's own errnos (those Go
/// does not know by name become `EIO`, see [`Errno`]).
///
/// `open` hands the flags to the kernel as they are, so the combinations
/// std's `OpenOptions` refuses but Linux (and so node) accepts —
/// `O_RDONLY | O_CREAT`, `O_TRUNC | O_APPEND`, `O_RDONLY | O_TRUNC` — do
/// what they do under node; [`OpenOptions::validate`] is not applied.
#[derive(Clone, Copy, Debug, Default)]
pub struct HostFs;

impl HostFs {
    /// The host filesystem.
    pub fn new() -> HostFs {
        HostFs
    }
}

/// An open host file.
#[derive(Debug)]
pub(crate) struct HostFile {
    file: fs::File,
}

impl HostFile {
    /// Wraps an open file.
    pub(crate) fn new(file: fs::File) -> HostFile {
        HostFile { file }
    }
}

impl File for HostFile {
    fn read(&mut self, buf: &mut [u8], at: Option<u64>) -> Result<usize> {
        match at {
            Some(offset) => self.file.read_at(buf, offset),
            None => self.file.read(buf),
        }
        .map_err(Errno::from)
    }

    fn write(&mut self, buf: &[u8], at: Option<u64>) -> Result<usize> {
        match at {
            Some(offset) => self.file.write_at(buf, offset),
            None => self.file.write(buf),
        }
        .map_err(Errno::from)
    }

    fn metadata(&self) -> Result<Metadata> {
        Ok(Metadata::from(&self.file.metadata()?))
    }

    fn set_len(&mut self, len: u64) -> Result<()> {
        Ok(self.file.set_len(len)?)
    }

    fn sync(&mut self) -> Result<()> {
        Ok(self.file.sync_all()?)
    }

    fn set_mode(&mut self, mode: u32) -> Result<()> {
        Ok(self.file.set_permissions(permissions(mode))?)
    }

    fn set_owner(&mut self, uid: u32, gid: u32) -> Result<()> {
        Ok(std::os::unix::fs::fchown(&self.file, id(uid), id(gid))?)
    }

    fn set_times(&mut self, atime_ms: f64, mtime_ms: f64) -> Result<()> {
        Ok(self.file.set_times(file_times(atime_ms, mtime_ms)?)?)
    }
}

/// The permission bits `mode & 0o7777` as std's `Permissions`.
pub(crate) fn permissions(mode: u32) -> fs::Permissions {
    fs::Permissions::from_mode(mode & 0o7777)
}

/// An id for `chown`: `u32::MAX` (node's `-1`) is "leave unchanged".
pub(crate) fn id(id: u32) -> Option<u32> {
    (id != u32::MAX).then_some(id)
}

/// Access and modification times for `futimens`.
///
/// # Errors
///
/// `EINVAL` for NaN, ±∞ and times the host cannot hold.
pub(crate) fn file_times(atime_ms: f64, mtime_ms: f64) -> Result<FileTimes> {
    Ok(FileTimes::new()
        .set_accessed(ms_to_system_time(atime_ms)?)
        .set_modified(ms_to_system_time(mtime_ms)?))
}

/// std's open options for `options`, without the creation flags when
/// `create` is false (the caller then knows the file exists).
pub(crate) fn std_options(options: &OpenOptions, umask: u32, extra_flags: i32) -> fs::OpenOptions {
    let mut o = fs::OpenOptions::new();
    o.read(options.read)
        .write(options.write)
        .append(options.append)
        .truncate(options.truncate)
        .mode(options.mode & !umask & 0o7777);
    if options.create_new {
        o.create_new(true);
    } else if options.create {
        o.create(true);
    }
    let mut flags = extra_flags;
    if options.directory {
        flags |= sys::O_DIRECTORY;
    }
    if options.no_follow {
        flags |= sys::O_NOFOLLOW;
    }
    o.custom_flags(flags);
    o
}

/// std's open options passing `options` to the kernel as `open(2)` flags:
/// only the access mode goes through std's methods (std checks the
/// creation flags against it; Linux does not).
///
/// # Errors
///
/// `EINVAL` when neither reading nor writing is asked.
fn kernel_options(options: &OpenOptions, umask: u32) -> Result<fs::OpenOptions> {
    if !options.read && !options.writes() {
        return Err(Errno::EINVAL);
    }
    let mut o = fs::OpenOptions::new();
    o.read(options.read)
        .write(options.write)
        .append(options.append)
        .mode(options.mode & !umask & 0o7777);
    let wanted = [
        (options.create || options.create_new, sys::O_CREAT),
        (options.create_new, sys::O_EXCL),
        (options.truncate, sys::O_TRUNC),
        (options.directory, sys::O_DIRECTORY),
        (options.no_follow, sys::O_NOFOLLOW),
    ];
    let flags = wanted
        .iter()
        .filter(|(on, _)| *on)
        .fold(0, |f, (_, bit)| f | bit);
    o.custom_flags(flags);
    Ok(o)
}

/// Opens the file at `path` (following links) without blocking, to change
/// its times: read-only, or write-only if it may not be read.
pub(crate) fn open_for_times(path: &Path, extra_flags: i32) -> std::io::Result<fs::File> {
    let flags = sys::O_NONBLOCK | extra_flags;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(path)
        .or_else(|_| {
            fs::OpenOptions::new()
                .write(true)
                .custom_flags(flags)
                .open(path)
        })
}

/// The names in the host directory `dir`, in the host's order
/// (non-UTF-8 names lossily converted).
pub(crate) fn list(dir: &Path) -> Result<Vec<String>> {
    fs::read_dir(dir)?
        .map(|entry| Ok(entry?.file_name().to_string_lossy().into_owned()))
        .collect()
}

/// A host path for the guest path `path`, checked as every path is.
fn host(path: &str) -> Result<&Path> {
    parse(path)?;
    Ok(Path::new(path))
}

impl FileSystem for HostFs {
    fn open(&self, path: &str, options: &OpenOptions, umask: u32) -> Result<Box<dyn File>> {
        let file = kernel_options(options, umask)?.open(host(path)?)?;
        Ok(Box::new(HostFile::new(file)))
    }

    fn metadata(&self, path: &str, follow_symlinks: bool) -> Result<Metadata> {
        let path = host(path)?;
        let meta = match follow_symlinks {
            true => fs::metadata(path)?,
            false => fs::symlink_metadata(path)?,
        };
        Ok(Metadata::from(&meta))
    }

    fn read_dir(&self, path: &str) -> Result<Vec<String>> {
        list(host(path)?)
    }

    fn create_dir(&self, path: &str, mode: u32, umask: u32) -> Result<()> {
        let mut builder = fs::DirBuilder::new();
        builder.mode(mode & !umask & 0o7777);
        Ok(builder.create(host(path)?)?)
    }

    fn remove_file(&self, path: &str) -> Result<()> {
        Ok(fs::remove_file(host(path)?)?)
    }

    fn remove_dir(&self, path: &str) -> Result<()> {
        Ok(fs::remove_dir(host(path)?)?)
    }

    fn rename(&self, from: &str, to: &str) -> Result<()> {
        Ok(fs::rename(host(from)?, host(to)?)?)
    }

    fn hard_link(&self, existing: &str, new: &str) -> Result<()> {
        Ok(fs::hard_link(host(existing)?, host(new)?)?)
    }

    fn symlink(&self, target: &str, link: &str) -> Result<()> {
        check_target(target)?;
        Ok(std::os::unix::fs::symlink(target, host(link)?)?)
    }

    fn read_link(&self, path: &str) -> Result<String> {
        let target = fs::read_link(host(path)?)?;
        Ok(target.to_string_lossy().into_owned())
    }

    fn set_mode(&self, path: &str, mode: u32) -> Result<()> {
        Ok(fs::set_permissions(host(path)?, permissions(mode))?)
    }

    fn set_owner(&self, path: &str, uid: u32, gid: u32, follow_symlinks: bool) -> Result<()> {
        let path = host(path)?;
        match follow_symlinks {
            true => std::os::unix::fs::chown(path, id(uid), id(gid))?,
            false => std::os::unix::fs::lchown(path, id(uid), id(gid))?,
        }
        Ok(())
    }

    fn set_len(&self, path: &str, len: u64) -> Result<()> {
        let file = fs::OpenOptions::new().write(true).open(host(path)?)?;
        Ok(file.set_len(len)?)
    }

    /// Opens the file (read-only, else write-only; non-blocking) and sets
    /// its times: NaN, ±∞ and times beyond what the host holds are
    /// `EINVAL`; negative times are before 1970.
    fn set_times(&self, path: &str, atime_ms: f64, mtime_ms: f64) -> Result<()> {
        let times = file_times(atime_ms, mtime_ms)?;
        Ok(open_for_times(host(path)?, 0)?.set_times(times)?)
    }
}

#[cfg(test)]
mod tests {
    //! This tests that [`HostFs`] passes operations to the host as they are,
    //! with the host's errnos, inside a scratch directory.

    use super::*;
    use crate::flags::*;
    use crate::scratch::Scratch;

    fn opts(flags: i32, mode: u32) -> OpenOptions {
        OpenOptions::from_node_flags(flags, mode).unwrap()
    }

    #[test]
    fn host_operations_in_a_scratch_directory() {
        let dir = Scratch::new("hostfs");
        let fs = HostFs::new();
        let p = |name: &str| dir.guest(name);

        let mut f = fs
            .open(&p("f"), &opts(O_RDWR | O_CREAT | O_EXCL, 0o666), 0o077)
            .unwrap();
        assert_eq!(f.write(b"hello", None), Ok(5));
        assert_eq!(f.write(b"J", Some(0)), Ok(1));
        let mut buf = [0; 5];
        assert_eq!(f.read(&mut buf, Some(0)), Ok(5));
        assert_eq!(&buf, b"Jello");
        let meta = f.metadata().unwrap();
        assert!(meta.is_file());
        assert_eq!((meta.size, meta.permissions()), (5, 0o600));
        drop(f);
        assert_eq!(std::fs::read(dir.join("f")).unwrap(), b"Jello");

        fs.create_dir(&p("d"), 0o777, 0o077).unwrap();
        assert_eq!(fs.metadata(&p("d"), true).unwrap().permissions(), 0o700);
        fs.symlink("f", &p("l")).unwrap();
        assert_eq!(fs.read_link(&p("l")).unwrap(), "f");
        assert!(fs.metadata(&p("l"), false).unwrap().is_symlink());
        assert!(fs.metadata(&p("l"), true).unwrap().is_file());
        fs.hard_link(&p("f"), &p("d/h")).unwrap();
        assert_eq!(fs.metadata(&p("f"), true).unwrap().nlink, 2);
        let mut names = fs.read_dir(dir.path().to_str().unwrap()).unwrap();
        names.sort();
        assert_eq!(names, ["d", "f", "l"]);

        fs.set_mode(&p("f"), 0o640).unwrap();
        assert_eq!(fs.metadata(&p("f"), true).unwrap().permissions(), 0o640);
        fs.set_len(&p("f"), 2).unwrap();
        fs.set_times(&p("f"), 1_000_000.5, 2_000_000.0).unwrap();
        let meta = fs.metadata(&p("f"), true).unwrap();
        assert_eq!(
            (meta.size, meta.atime_ms, meta.mtime_ms),
            (2, 1_000_000.5, 2_000_000.0)
        );
        assert_eq!(fs.set_times(&p("f"), f64::NAN, 0.0), Err(Errno::EINVAL));
        assert_eq!(
            fs.set_times(&p("f"), 0.0, f64::INFINITY),
            Err(Errno::EINVAL)
        );
        let (uid, gid) = (meta.uid, meta.gid);
        fs.set_owner(&p("l"), uid, gid, false).unwrap();
        fs.set_owner(&p("f"), u32::MAX, u32::MAX, true).unwrap();

        fs.rename(&p("d/h"), &p("h2")).unwrap();
        assert_eq!(fs.remove_dir(&p("d")), Ok(()));
        assert_eq!(fs.remove_dir(&p("f")), Err(Errno::ENOTDIR));
        assert_eq!(fs.remove_file(&p("missing")), Err(Errno::ENOENT));
        assert_eq!(fs.create_dir(&p("f"), 0o777, 0), Err(Errno::EEXIST));
        fs.remove_file(&p("h2")).unwrap();
        fs.remove_file(&p("l")).unwrap();
    }

    #[test]
    fn flags_std_has_no_method_for_reach_the_host() {
        let dir = Scratch::new("hostflags");
        let fs = HostFs::new();
        std::fs::write(dir.join("f"), b"x").unwrap();
        std::os::unix::fs::symlink("f", dir.join("l")).unwrap();
        // These check the per-architecture O_NOFOLLOW and O_DIRECTORY values.
        let nofollow = opts(O_RDONLY | O_NOFOLLOW, 0);
        assert_eq!(
            fs.open(&dir.guest("l"), &nofollow, 0).err(),
            Some(Errno::ELOOP)
        );
        let directory = opts(O_RDONLY | O_DIRECTORY, 0);
        assert_eq!(
            fs.open(&dir.guest("f"), &directory, 0).err(),
            Some(Errno::ENOTDIR)
        );
        assert!(fs.open(&dir.guest(""), &directory, 0).is_ok());
        let mut d = fs
            .open(&dir.guest(""), &OpenOptions::read_only(), 0)
            .unwrap();
        assert_eq!(d.read(&mut [0; 4], None), Err(Errno::EISDIR));
    }

    #[test]
    fn flag_combinations_std_refuses_reach_the_kernel() {
        let dir = Scratch::new("hostcombos");
        let fs = HostFs::new();
        // O_RDONLY | O_CREAT creates the file, as under node.
        let f = fs.open(&dir.guest("c"), &opts(O_RDONLY | O_CREAT, 0o600), 0);
        assert!(f.is_ok());
        assert_eq!(std::fs::metadata(dir.join("c")).unwrap().len(), 0);
        std::fs::write(dir.join("t"), b"old").unwrap();
        let mut f = fs
            .open(&dir.guest("t"), &opts(O_WRONLY | O_APPEND | O_TRUNC, 0), 0)
            .unwrap();
        assert_eq!(f.write(b"new", Some(0)), Ok(3));
        assert_eq!(std::fs::read(dir.join("t")).unwrap(), b"new");
        let excl = opts(O_RDONLY | O_CREAT | O_EXCL, 0o600);
        assert_eq!(
            fs.open(&dir.guest("t"), &excl, 0).err(),
            Some(Errno::EEXIST)
        );
    }

    #[test]
    fn bad_paths_are_refused_before_the_host_sees_them() {
        let fs = HostFs::new();
        assert_eq!(fs.metadata("", true), Err(Errno::ENOENT));
        assert_eq!(fs.remove_dir(""), Err(Errno::ENOENT));
        assert_eq!(fs.rename("", "/x"), Err(Errno::ENOENT));
        assert_eq!(fs.metadata("relative/path", true), Err(Errno::EINVAL));
        assert_eq!(fs.metadata("/a\0b", true), Err(Errno::EINVAL));
        assert_eq!(fs.symlink("", "/never-created"), Err(Errno::ENOENT));
    }
}
