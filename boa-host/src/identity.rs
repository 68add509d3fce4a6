//! [`Identity`]: who the program is told it runs as.

/// What `process.pid`, `ppid`, `getuid()`/`geteuid()`, `getgid()`/
/// `getegid()`, `getgroups()` and the initial `umask()` report, and who
/// owns the files of in-memory trees.
///
/// By default ([`Program::identity`](crate::Program::identity) unset) these
/// are the host process's, as under node. A sandboxed program gets [`Identity::SANDBOX`] instead, so it learns
/// nothing of the host from them (and its files in memory are its own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Identity {
    /// `process.pid`.
    pub pid: u32,
    /// `process.ppid`.
    pub ppid: u32,
    /// Real and effective user id.
    pub uid: u32,
    /// Real and effective group id; also the only supplementary group.
    pub gid: u32,
    /// The file mode creation mask a program starts with.
    pub umask: u32,
}

impl Identity {
    /// The identity of [`Program::sandbox`](crate::Program::sandbox): pid 1
    /// (as the first process of a container), parent 0, an unprivileged
    /// user and group 1000, umask `0o022`.
    pub const SANDBOX: Identity = Identity {
        pid: 1,
        ppid: 0,
        uid: 1000,
        gid: 1000,
        umask: 0o022,
    };
}
