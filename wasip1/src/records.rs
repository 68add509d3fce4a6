//! The preview 1 records the file functions write into guest memory, as
//! bytes, and the flag bits they read.
//!
//! Owns the layouts of the witx (`wasi_snapshot_preview1.witx`,
//! little-endian, C alignment): `filestat` 64 bytes, `fdstat` 24,
//! `prestat` 8, `dirent` 24 (then the name, not NUL-terminated), and the
//! conversion of `gojs-vfs`'s [`Metadata`] (times as f64 milliseconds,
//! node's representation) into nanoseconds. Go's twins are the structs of
//! `src/syscall/fs_wasip1.go` (`Stat_t`, `fdstat`, `prestat`) and
//! `src/os/dirent_wasip1.go`.

use gojs_vfs::{Metadata, S_IFBLK, S_IFCHR, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, S_IFSOCK};

/// `filetype`: what a descriptor or a path is.
pub mod filetype {
    pub const UNKNOWN: u8 = 0;
    pub const BLOCK_DEVICE: u8 = 1;
    pub const CHARACTER_DEVICE: u8 = 2;
    pub const DIRECTORY: u8 = 3;
    pub const REGULAR_FILE: u8 = 4;
    pub const SOCKET_STREAM: u8 = 6;
    pub const SYMBOLIC_LINK: u8 = 7;
}

/// `rights`, the bits `fd_fdstat_get` reports (nothing checks them: as in
/// wasmtime, what a descriptor may do follows from how it was opened).
pub mod rights {
    pub const FD_DATASYNC: u64 = 1 << 0;
    pub const FD_READ: u64 = 1 << 1;
    pub const FD_SEEK: u64 = 1 << 2;
    pub const FD_FDSTAT_SET_FLAGS: u64 = 1 << 3;
    pub const FD_SYNC: u64 = 1 << 4;
    pub const FD_TELL: u64 = 1 << 5;
    pub const FD_WRITE: u64 = 1 << 6;
    pub const FD_ADVISE: u64 = 1 << 7;
    pub const FD_ALLOCATE: u64 = 1 << 8;
    pub const PATH_CREATE_DIRECTORY: u64 = 1 << 9;
    pub const PATH_CREATE_FILE: u64 = 1 << 10;
    pub const PATH_LINK_SOURCE: u64 = 1 << 11;
    pub const PATH_LINK_TARGET: u64 = 1 << 12;
    pub const PATH_OPEN: u64 = 1 << 13;
    pub const FD_READDIR: u64 = 1 << 14;
    pub const PATH_READLINK: u64 = 1 << 15;
    pub const PATH_RENAME_SOURCE: u64 = 1 << 16;
    pub const PATH_RENAME_TARGET: u64 = 1 << 17;
    pub const PATH_FILESTAT_GET: u64 = 1 << 18;
    pub const PATH_FILESTAT_SET_SIZE: u64 = 1 << 19;
    pub const PATH_FILESTAT_SET_TIMES: u64 = 1 << 20;
    pub const FD_FILESTAT_GET: u64 = 1 << 21;
    pub const FD_FILESTAT_SET_SIZE: u64 = 1 << 22;
    pub const FD_FILESTAT_SET_TIMES: u64 = 1 << 23;
    pub const PATH_SYMLINK: u64 = 1 << 24;
    pub const PATH_REMOVE_DIRECTORY: u64 = 1 << 25;
    pub const PATH_UNLINK_FILE: u64 = 1 << 26;
    pub const POLL_FD_READWRITE: u64 = 1 << 27;
    /// Every right of the witx (through `SOCK_ACCEPT`, bit 29).
    pub const ALL: u64 = (1 << 30) - 1;

    /// What wasmtime reports for a preopened directory (a fixed set
    /// "expected by many userlands", `p1.rs`'s `fd_fdstat_get`).
    pub const PREOPEN: u64 = PATH_CREATE_DIRECTORY
        | PATH_CREATE_FILE
        | PATH_LINK_SOURCE
        | PATH_LINK_TARGET
        | PATH_OPEN
        | FD_READDIR
        | PATH_READLINK
        | PATH_RENAME_SOURCE
        | PATH_RENAME_TARGET
        | PATH_SYMLINK
        | PATH_REMOVE_DIRECTORY
        | PATH_UNLINK_FILE
        | PATH_FILESTAT_GET
        | PATH_FILESTAT_SET_TIMES
        | FD_FILESTAT_GET
        | FD_FILESTAT_SET_TIMES;

    /// What files and directories opened beneath a preopen inherit, as
    /// wasmtime reports it.
    pub const PREOPEN_INHERITING: u64 = PREOPEN
        | FD_DATASYNC
        | FD_READ
        | FD_SEEK
        | FD_FDSTAT_SET_FLAGS
        | FD_SYNC
        | FD_TELL
        | FD_WRITE
        | FD_ADVISE
        | FD_ALLOCATE
        | FD_FILESTAT_GET
        | FD_FILESTAT_SET_SIZE
        | FD_FILESTAT_SET_TIMES
        | POLL_FD_READWRITE;
}

/// `fdflags`.
pub mod fdflags {
    pub const APPEND: u32 = 1 << 0;
    pub const DSYNC: u32 = 1 << 1;
    pub const NONBLOCK: u32 = 1 << 2;
    pub const RSYNC: u32 = 1 << 3;
    pub const SYNC: u32 = 1 << 4;
}

/// `oflags` of `path_open`.
pub mod oflags {
    pub const CREAT: u32 = 1 << 0;
    pub const DIRECTORY: u32 = 1 << 1;
    pub const EXCL: u32 = 1 << 2;
    pub const TRUNC: u32 = 1 << 3;
}

/// `lookupflags`: follow a symbolic link in the last component.
pub const LOOKUP_SYMLINK_FOLLOW: u32 = 1;

/// `fstflags` of the `*_set_times` functions.
pub mod fstflags {
    pub const ATIM: u32 = 1 << 0;
    pub const ATIM_NOW: u32 = 1 << 1;
    pub const MTIM: u32 = 1 << 2;
    pub const MTIM_NOW: u32 = 1 << 3;
}

/// The size of a `dirent` header.
pub const DIRENT_SIZE: usize = 24;

/// The preview 1 `filetype` of a `st_mode`. A FIFO is `unknown` (preview
/// 1 has no FIFO type; wasmtime answers the same); a socket is
/// `socket_stream` (wasmtime traps on one).
pub fn filetype_of(mode: u32) -> u8 {
    match mode & S_IFMT {
        S_IFDIR => filetype::DIRECTORY,
        S_IFREG => filetype::REGULAR_FILE,
        S_IFLNK => filetype::SYMBOLIC_LINK,
        S_IFCHR => filetype::CHARACTER_DEVICE,
        S_IFBLK => filetype::BLOCK_DEVICE,
        S_IFSOCK => filetype::SOCKET_STREAM,
        _ => filetype::UNKNOWN,
    }
}

/// Milliseconds since the epoch (f64, as `gojs-vfs` keeps times) as
/// nanoseconds; times before the epoch (which preview 1's unsigned
/// timestamps cannot hold) and NaN are 0.
pub fn ms_to_ns(ms: f64) -> u64 {
    if ms.is_nan() || ms <= 0.0 {
        return 0;
    }
    let whole = ms.trunc();
    let fraction = ((ms - whole) * 1e6).round() as u64;
    (whole as u64)
        .saturating_mul(1_000_000)
        .saturating_add(fraction)
}

/// Nanoseconds since the epoch as f64 milliseconds: whole milliseconds
/// plus the fraction, so that [`ms_to_ns`] gives back what f64 can hold
/// (about 0.2 µs of resolution for present-day times).
pub fn ns_to_ms(ns: u64) -> f64 {
    (ns / 1_000_000) as f64 + (ns % 1_000_000) as f64 / 1e6
}

/// A `filestat`: dev, ino, filetype, nlink, size, atim, mtim, ctim.
pub fn filestat(m: &Metadata) -> [u8; 64] {
    let mut b = [0u8; 64];
    b[0..8].copy_from_slice(&m.dev.to_le_bytes());
    b[8..16].copy_from_slice(&m.ino.to_le_bytes());
    b[16] = filetype_of(m.mode);
    b[24..32].copy_from_slice(&m.nlink.to_le_bytes());
    b[32..40].copy_from_slice(&m.size.to_le_bytes());
    b[40..48].copy_from_slice(&ms_to_ns(m.atime_ms).to_le_bytes());
    b[48..56].copy_from_slice(&ms_to_ns(m.mtime_ms).to_le_bytes());
    b[56..64].copy_from_slice(&ms_to_ns(m.ctime_ms).to_le_bytes());
    b
}

/// The `filestat` of stdio: all zeros but the type (wasmtime's).
pub fn stdio_filestat() -> [u8; 64] {
    let mut b = [0u8; 64];
    b[16] = filetype::UNKNOWN;
    b
}

/// An `fdstat`: filetype, flags (a `u16` at offset 2), rights.
pub fn fdstat(filetype: u8, flags: u16, base: u64, inheriting: u64) -> [u8; 24] {
    let mut b = [0u8; 24];
    b[0] = filetype;
    b[2..4].copy_from_slice(&flags.to_le_bytes());
    b[8..16].copy_from_slice(&base.to_le_bytes());
    b[16..24].copy_from_slice(&inheriting.to_le_bytes());
    b
}

/// A `prestat` of a directory (tag 0) whose name is `name_len` bytes.
pub fn prestat(name_len: u32) -> [u8; 8] {
    let mut b = [0u8; 8];
    b[4..8].copy_from_slice(&name_len.to_le_bytes());
    b
}

/// A `dirent` header: the next entry's cookie, the inode, the name's
/// length, the type.
pub fn dirent(next: u64, ino: u64, name_len: u32, filetype: u8) -> [u8; DIRENT_SIZE] {
    let mut b = [0u8; DIRENT_SIZE];
    b[0..8].copy_from_slice(&next.to_le_bytes());
    b[8..16].copy_from_slice(&ino.to_le_bytes());
    b[16..20].copy_from_slice(&name_len.to_le_bytes());
    b[20] = filetype;
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_trip_through_milliseconds() {
        for ns in [
            0,
            1_000_000_000_000_000_000,
            2_000_000_000_500_000_000,
            1_000_000,
        ] {
            assert_eq!(ms_to_ns(ns_to_ms(ns)), ns);
        }
        // Past what f64 milliseconds hold, the error stays below 0.25 µs.
        let ns = 1_234_567_890_123_456_789u64;
        assert!(ms_to_ns(ns_to_ms(ns)).abs_diff(ns) < 250);
        assert_eq!(ms_to_ns(-5.0), 0);
        assert_eq!(ms_to_ns(f64::NAN), 0);
        assert_eq!(ms_to_ns(f64::INFINITY), u64::MAX);
    }

    #[test]
    fn layouts_are_the_witx_ones() {
        let d = dirent(3, 0x1122, 5, filetype::DIRECTORY);
        assert_eq!(&d[0..8], &3u64.to_le_bytes());
        assert_eq!(&d[16..20], &5u32.to_le_bytes());
        assert_eq!(d[20], 3);
        let s = fdstat(
            filetype::REGULAR_FILE,
            fdflags::APPEND as u16,
            rights::ALL,
            0,
        );
        assert_eq!((s[0], s[2]), (4, 1));
        assert_eq!(prestat(7), [0, 0, 0, 0, 7, 0, 0, 0]);
        assert_eq!(rights::ALL >> 29, 1);
    }
}
