//! Error numbers: [`Errno`], the one error type of every filesystem call.
//!
//! Owns the Linux errno numbers, their names (the `code` node puts on a
//! system error, which Go's `syscall` package maps back through its
//! `errnoByCode` table) and their descriptions (the lowercase text node
//! prints: `ENOENT: no such file or directory, open 'x'`). It does not build
//! JS error objects: that is the `fs` global's job.
//!
//! # Which numbers
//!
//! The table holds exactly the Linux errno values whose name Go's
//! `src/syscall/tables_js.go` (`errnoByCode`) knows: an error code missing
//! there makes the Go program panic (`mapJSError`). Linux errnos Go does not
//! name (`ETXTBSY`, `ERESTART`, `EUCLEAN`, `EKEYEXPIRED`, …) are turned into
//! [`Errno::EIO`] by [`From<std::io::Error>`]; an `Errno` built by hand from
//! an unknown number is named `"UNKNOWN"` ("unknown error", libuv's words).
//!
//! Descriptions are libuv's (`UV_ERRNO_MAP` in `include/uv.h`) where libuv
//! has the error, otherwise glibc's `strerror` text in lowercase.

use std::fmt;
use std::io;

/// A Linux errno value: what a filesystem call failed with.
///
/// The number is the Linux one (`ENOENT` = 2); [`name`](Errno::name) is the
/// symbolic name node uses as `err.code`, [`description`](Errno::description)
/// the text of node's message. `Display` prints both, as node starts its
/// messages: `ENOENT: no such file or directory`.
///
/// ```
/// use gojs_vfs::Errno;
/// assert_eq!(Errno::ENOENT, Errno(2));
/// assert_eq!(Errno::ENOENT.name(), "ENOENT");
/// assert_eq!(Errno::EISDIR.to_string(), "EISDIR: illegal operation on a directory");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Errno(pub i32);

/// The result of a filesystem call.
pub type Result<T> = std::result::Result<T, Errno>;

/// Declares the `Errno` constants and the lookup table from one list, so
/// the two cannot disagree.
macro_rules! errnos {
    ($($number:literal $name:ident $description:literal,)*) => {
        impl Errno {
            $(
                #[doc = concat!("`", stringify!($name), "` (", stringify!($number), "): ", $description, ".")]
                pub const $name: Errno = Errno($number);
            )*
        }

        /// `(number, name, description)` for every errno Go's js/wasm
        /// `syscall` package knows by name.
        const TABLE: &[(i32, &str, &str)] = &[
            $(($number, stringify!($name), $description),)*
        ];
    };
}

errnos! {
    1 EPERM "operation not permitted",
    2 ENOENT "no such file or directory",
    3 ESRCH "no such process",
    4 EINTR "interrupted system call",
    5 EIO "i/o error",
    6 ENXIO "no such device or address",
    7 E2BIG "argument list too long",
    8 ENOEXEC "exec format error",
    9 EBADF "bad file descriptor",
    10 ECHILD "no child processes",
    11 EAGAIN "resource temporarily unavailable",
    12 ENOMEM "not enough memory",
    13 EACCES "permission denied",
    14 EFAULT "bad address in system call argument",
    16 EBUSY "resource busy or locked",
    17 EEXIST "file already exists",
    18 EXDEV "cross-device link not permitted",
    19 ENODEV "no such device",
    20 ENOTDIR "not a directory",
    21 EISDIR "illegal operation on a directory",
    22 EINVAL "invalid argument",
    23 ENFILE "file table overflow",
    24 EMFILE "too many open files",
    25 ENOTTY "inappropriate ioctl for device",
    27 EFBIG "file too large",
    28 ENOSPC "no space left on device",
    29 ESPIPE "invalid seek",
    30 EROFS "read-only file system",
    31 EMLINK "too many links",
    32 EPIPE "broken pipe",
    33 EDOM "numerical argument out of domain",
    34 ERANGE "result too large",
    35 EDEADLK "resource deadlock avoided",
    36 ENAMETOOLONG "name too long",
    37 ENOLCK "no locks available",
    38 ENOSYS "function not implemented",
    39 ENOTEMPTY "directory not empty",
    40 ELOOP "too many symbolic links encountered",
    42 ENOMSG "no message of desired type",
    43 EIDRM "identifier removed",
    44 ECHRNG "channel number out of range",
    45 EL2NSYNC "level 2 not synchronized",
    46 EL3HLT "level 3 halted",
    47 EL3RST "level 3 reset",
    48 ELNRNG "link number out of range",
    49 EUNATCH "protocol driver not attached",
    50 ENOCSI "no csi structure available",
    51 EL2HLT "level 2 halted",
    52 EBADE "invalid exchange",
    53 EBADR "invalid request descriptor",
    54 EXFULL "exchange full",
    55 ENOANO "no anode",
    56 EBADRQC "invalid request code",
    57 EBADSLT "invalid slot",
    59 EBFONT "bad font file format",
    60 ENOSTR "device not a stream",
    61 ENODATA "no data available",
    62 ETIME "timer expired",
    63 ENOSR "out of streams resources",
    64 ENONET "machine is not on the network",
    65 ENOPKG "package not installed",
    66 EREMOTE "object is remote",
    67 ENOLINK "link has been severed",
    68 EADV "advertise error",
    69 ESRMNT "srmount error",
    70 ECOMM "communication error on send",
    71 EPROTO "protocol error",
    72 EMULTIHOP "multihop attempted",
    73 EDOTDOT "rfs specific error",
    74 EBADMSG "bad message",
    75 EOVERFLOW "value too large for defined data type",
    76 ENOTUNIQ "name not unique on network",
    77 EBADFD "file descriptor in bad state",
    78 EREMCHG "remote address changed",
    79 ELIBACC "can not access a needed shared library",
    80 ELIBBAD "accessing a corrupted shared library",
    81 ELIBSCN ".lib section in a.out corrupted",
    82 ELIBMAX "attempting to link in too many shared libraries",
    83 ELIBEXEC "cannot exec a shared library directly",
    84 EILSEQ "illegal byte sequence",
    87 EUSERS "too many users",
    88 ENOTSOCK "socket operation on non-socket",
    89 EDESTADDRREQ "destination address required",
    90 EMSGSIZE "message too long",
    91 EPROTOTYPE "protocol wrong type for socket",
    92 ENOPROTOOPT "protocol not available",
    93 EPROTONOSUPPORT "protocol not supported",
    94 ESOCKTNOSUPPORT "socket type not supported",
    95 EOPNOTSUPP "operation not supported on socket",
    96 EPFNOSUPPORT "protocol family not supported",
    97 EAFNOSUPPORT "address family not supported",
    98 EADDRINUSE "address already in use",
    99 EADDRNOTAVAIL "address not available",
    100 ENETDOWN "network is down",
    101 ENETUNREACH "network is unreachable",
    102 ENETRESET "network dropped connection on reset",
    103 ECONNABORTED "software caused connection abort",
    104 ECONNRESET "connection reset by peer",
    105 ENOBUFS "no buffer space available",
    106 EISCONN "socket is already connected",
    107 ENOTCONN "socket is not connected",
    108 ESHUTDOWN "cannot send after transport endpoint shutdown",
    109 ETOOMANYREFS "too many references: cannot splice",
    110 ETIMEDOUT "connection timed out",
    111 ECONNREFUSED "connection refused",
    112 EHOSTDOWN "host is down",
    113 EHOSTUNREACH "host is unreachable",
    114 EALREADY "connection already in progress",
    115 EINPROGRESS "operation now in progress",
    116 ESTALE "stale file handle",
    122 EDQUOT "disk quota exceeded",
    123 ENOMEDIUM "no medium found",
    125 ECANCELED "operation canceled",
}

impl Errno {
    /// The symbolic name node gives the error as `err.code` (`"ENOENT"`),
    /// or `"UNKNOWN"` for a number this crate does not know.
    pub fn name(self) -> &'static str {
        self.entry().map_or("UNKNOWN", |(_, name, _)| name)
    }

    /// The lowercase description node prints after the name (`"no such
    /// file or directory"`), or `"unknown error"`.
    pub fn description(self) -> &'static str {
        self.entry().map_or("unknown error", |(_, _, text)| text)
    }

    /// The errno whose [`name`](Errno::name) is `name`, if it is known.
    pub fn from_name(name: &str) -> Option<Errno> {
        TABLE
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(number, _, _)| Errno(*number))
    }

    /// Whether the number is one of the errnos this crate (and Go) knows.
    pub fn is_known(self) -> bool {
        self.entry().is_some()
    }

    fn entry(self) -> Option<&'static (i32, &'static str, &'static str)> {
        TABLE.iter().find(|(number, _, _)| *number == self.0)
    }
}

impl fmt::Debug for Errno {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({})", self.name(), self.0)
    }
}

impl fmt::Display for Errno {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name(), self.description())
    }
}

impl std::error::Error for Errno {}

impl From<io::Error> for Errno {
    /// The OS error number when there is one and Go knows it; `EIO` for
    /// other numbers; for errors with no number (made by std itself), the
    /// errno matching their [`io::ErrorKind`], `EIO` if none does.
    fn from(e: io::Error) -> Errno {
        if let Some(number) = e.raw_os_error() {
            let errno = Errno(number);
            return if errno.is_known() { errno } else { Errno::EIO };
        }
        use io::ErrorKind as K;
        match e.kind() {
            K::NotFound => Errno::ENOENT,
            K::PermissionDenied => Errno::EACCES,
            K::AlreadyExists => Errno::EEXIST,
            K::InvalidInput | K::InvalidData => Errno::EINVAL,
            K::NotADirectory => Errno::ENOTDIR,
            K::IsADirectory => Errno::EISDIR,
            K::DirectoryNotEmpty => Errno::ENOTEMPTY,
            K::ReadOnlyFilesystem => Errno::EROFS,
            K::StorageFull => Errno::ENOSPC,
            K::FileTooLarge => Errno::EFBIG,
            K::CrossesDevices => Errno::EXDEV,
            K::InvalidFilename => Errno::ENAMETOOLONG,
            K::Unsupported => Errno::ENOSYS,
            K::OutOfMemory => Errno::ENOMEM,
            K::Interrupted => Errno::EINTR,
            K::WouldBlock => Errno::EAGAIN,
            K::BrokenPipe => Errno::EPIPE,
            K::TimedOut => Errno::ETIMEDOUT,
            _ => Errno::EIO,
        }
    }
}

impl From<Errno> for io::Error {
    /// An OS error with the same number, for callers speaking `io::Result`.
    fn from(e: Errno) -> io::Error {
        io::Error::from_raw_os_error(e.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_numbers_and_descriptions_agree() {
        assert_eq!(Errno::ENOENT.0, 2);
        assert_eq!(Errno::ENOTEMPTY.0, 39);
        assert_eq!(Errno::ELOOP.name(), "ELOOP");
        assert_eq!(Errno::EROFS.description(), "read-only file system");
        assert_eq!(
            Errno::ENOENT.to_string(),
            "ENOENT: no such file or directory"
        );
        assert_eq!(Errno::from_name("EXDEV"), Some(Errno::EXDEV));
        assert_eq!(Errno(26).name(), "UNKNOWN");
        assert_eq!(format!("{:?}", Errno::EBADF), "EBADF(9)");
    }

    #[test]
    fn table_has_no_duplicates_and_lowercase_texts() {
        for (i, (number, name, text)) in TABLE.iter().enumerate() {
            assert!(
                TABLE[i + 1..]
                    .iter()
                    .all(|(n, m, _)| n != number && m != name),
                "{name} twice"
            );
            assert_eq!(text.to_lowercase().as_str(), *text, "{name}");
        }
    }

    #[test]
    fn host_errors_keep_their_number_when_go_knows_it() {
        let e = io::Error::from_raw_os_error(2);
        assert_eq!(Errno::from(e), Errno::ENOENT);
        // ETXTBSY: Linux has it, Go's errnoByCode does not.
        assert_eq!(Errno::from(io::Error::from_raw_os_error(26)), Errno::EIO);
        let kind_only = io::Error::new(io::ErrorKind::InvalidInput, "nul byte");
        assert_eq!(Errno::from(kind_only), Errno::EINVAL);
        assert_eq!(io::Error::from(Errno::EEXIST).raw_os_error(), Some(17));
    }
}
