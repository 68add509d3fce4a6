//! What `stat` answers: [`Metadata`], the file type bits, and times as
//! milliseconds.
//!
//! Owns the shape of a stat result — node's `Stats` fields, the ones Go's
//! `syscall.setStat` reads — and the conversions between host times and
//! milliseconds since the epoch. It does not build the JS `Stats` object.

use crate::{Errno, Result};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The file type bits of [`Metadata::mode`].
pub const S_IFMT: u32 = 0o170000;
/// File type: socket.
pub const S_IFSOCK: u32 = 0o140000;
/// File type: symbolic link.
pub const S_IFLNK: u32 = 0o120000;
/// File type: regular file.
pub const S_IFREG: u32 = 0o100000;
/// File type: block device.
pub const S_IFBLK: u32 = 0o060000;
/// File type: directory.
pub const S_IFDIR: u32 = 0o040000;
/// File type: character device.
pub const S_IFCHR: u32 = 0o020000;
/// File type: FIFO.
pub const S_IFIFO: u32 = 0o010000;

/// A file's status, as `stat(2)` gives it and node's `fs.Stats` carries it.
///
/// Times are milliseconds since the Unix epoch, with a fraction (node's
/// `atimeMs`: `sec * 1e3 + nsec / 1e6`).
#[derive(Clone, Debug, PartialEq)]
pub struct Metadata {
    /// The device (filesystem) the file lives on.
    pub dev: u64,
    /// The inode number: equal for hard links to one file on one `dev`.
    pub ino: u64,
    /// `st_mode`: the type bits ([`S_IFMT`]) and the permission bits.
    pub mode: u32,
    /// How many directory entries name the file (for a directory: 2 plus
    /// its subdirectories).
    pub nlink: u64,
    /// The owner's user id.
    pub uid: u32,
    /// The owner's group id.
    pub gid: u32,
    /// The device a device file stands for (0 otherwise).
    pub rdev: u64,
    /// The size in bytes (for a symbolic link: its target's length).
    pub size: u64,
    /// The preferred I/O block size.
    pub blksize: u64,
    /// The number of 512-byte blocks allocated.
    pub blocks: u64,
    /// Last access time, ms since the epoch.
    pub atime_ms: f64,
    /// Last modification of the contents, ms since the epoch.
    pub mtime_ms: f64,
    /// Last change of the contents or the status, ms since the epoch.
    pub ctime_ms: f64,
}

impl Metadata {
    /// `S_ISDIR(mode)`: a directory.
    pub fn is_dir(&self) -> bool {
        self.mode & S_IFMT == S_IFDIR
    }

    /// `S_ISREG(mode)`: a regular file.
    pub fn is_file(&self) -> bool {
        self.mode & S_IFMT == S_IFREG
    }

    /// `S_ISLNK(mode)`: a symbolic link (only `lstat` says so).
    pub fn is_symlink(&self) -> bool {
        self.mode & S_IFMT == S_IFLNK
    }

    /// The permission bits, `mode & 0o7777`.
    pub fn permissions(&self) -> u32 {
        self.mode & 0o7777
    }
}

impl From<&std::fs::Metadata> for Metadata {
    fn from(m: &std::fs::Metadata) -> Metadata {
        use std::os::unix::fs::MetadataExt;
        let ms = |sec: i64, nsec: i64| sec as f64 * 1e3 + nsec as f64 / 1e6;
        Metadata {
            dev: m.dev(),
            ino: m.ino(),
            mode: m.mode(),
            nlink: m.nlink(),
            uid: m.uid(),
            gid: m.gid(),
            rdev: m.rdev(),
            size: m.size(),
            blksize: m.blksize(),
            blocks: m.blocks(),
            atime_ms: ms(m.atime(), m.atime_nsec()),
            mtime_ms: ms(m.mtime(), m.mtime_nsec()),
            ctime_ms: ms(m.ctime(), m.ctime_nsec()),
        }
    }
}

/// Device numbers of virtual filesystems: one per [`MemFs`](crate::MemFs)
/// or [`MountFs`](crate::MountFs) made, far from real devices' numbers.
static NEXT_DEV: AtomicU64 = AtomicU64::new(0x7666_7300_0000_0000);

/// A device number no other virtual filesystem of this process has.
pub(crate) fn next_dev() -> u64 {
    NEXT_DEV.fetch_add(1, Ordering::Relaxed)
}

/// `now` as ms since the epoch (negative before it).
pub(crate) fn system_time_ms(now: SystemTime) -> f64 {
    // node's formula: `sec * 1e3 + nsec / 1e6`.
    let ms = |d: Duration| d.as_secs() as f64 * 1e3 + f64::from(d.subsec_nanos()) / 1e6;
    match now.duration_since(UNIX_EPOCH) {
        Ok(after) => ms(after),
        Err(before) => -ms(before.duration()),
    }
}

/// A time given in ms since the epoch, checked to be a time.
///
/// # Errors
///
/// `EINVAL` for NaN and ±∞: they name no time.
pub(crate) fn checked_ms(ms: f64) -> Result<f64> {
    if ms.is_finite() {
        Ok(ms)
    } else {
        Err(Errno::EINVAL)
    }
}

/// The host time `ms` milliseconds after (or, negative, before) the epoch.
///
/// # Errors
///
/// `EINVAL` for NaN, ±∞ and times `SystemTime` cannot hold.
pub(crate) fn ms_to_system_time(ms: f64) -> Result<SystemTime> {
    let ms = checked_ms(ms)?;
    let abs = ms.abs();
    // Whole milliseconds, then the fraction as nanoseconds: 0.5 ms is
    // 500000 ns exactly, where seconds as f64 would round it.
    if abs >= u64::MAX as f64 {
        return Err(Errno::EINVAL);
    }
    let whole = abs.trunc();
    let nanos = ((abs - whole) * 1e6).round() as u64;
    let span = Duration::from_millis(whole as u64)
        .checked_add(Duration::from_nanos(nanos))
        .ok_or(Errno::EINVAL)?;
    let time = if ms >= 0.0 {
        UNIX_EPOCH.checked_add(span)
    } else {
        UNIX_EPOCH.checked_sub(span)
    };
    time.ok_or(Errno::EINVAL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_bits() {
        let mut m = Metadata {
            dev: 1,
            ino: 2,
            mode: S_IFDIR | 0o755,
            nlink: 2,
            uid: 0,
            gid: 0,
            rdev: 0,
            size: 0,
            blksize: 4096,
            blocks: 0,
            atime_ms: 0.0,
            mtime_ms: 0.0,
            ctime_ms: 0.0,
        };
        assert!(m.is_dir() && !m.is_file() && !m.is_symlink());
        assert_eq!(m.permissions(), 0o755);
        m.mode = S_IFLNK | 0o777;
        assert!(m.is_symlink() && !m.is_dir());
    }

    #[test]
    fn times_round_trip_and_bad_times_are_einval() {
        for ms in [0.0, 1_700_000_000_123.0, 1_000_000.5, -86_400_000.0, -0.25] {
            let t = ms_to_system_time(ms).unwrap();
            assert_eq!(system_time_ms(t), ms);
        }
        for bad in [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            -f64::MAX,
        ] {
            assert_eq!(ms_to_system_time(bad), Err(Errno::EINVAL), "{bad}");
        }
    }
}
