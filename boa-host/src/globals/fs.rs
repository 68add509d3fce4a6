//! `globalThis.fs`: what Go's `syscall` package (`fs_js.go`) calls, and
//! [`Filesystem`], what those calls may touch.
//!
//! Every operation goes through one [`gojs_vfs::FileSystem`], built when
//! the program's world is created (on the thread that runs it):
//! [`HostFs`](gojs_vfs::HostFs) for [`Filesystem::Host`] (the default, as
//! `wasm_exec_node.js` hands Go node's real `fs`), a
//! [`MountFs`](gojs_vfs::MountFs) of the mounts for [`Filesystem::Mounts`].
//! With [`Filesystem::Disabled`] there is none: everything but
//! stdout/stderr fails with `ENOSYS`, exactly as the polyfill in
//! `wasm_exec.js` does (a sandbox with no files). The operations themselves
//! are in [`host_fs`](super::host_fs), the descriptor table in [`files`],
//! node's argument checks in [`args`] and [`rw_args`].
//!
//! Callbacks are queued as completed I/O and run by the event loop, as
//! node's asynchronous `fs` calls back: Go's goroutines interleave as under
//! node. Writes happen at call time, so output order is issue order. Reads
//! of fd 0 may wait off the loop ([`stdin`](super::stdin)), whatever the
//! filesystem.
//!
//! Beyond what Go calls, `readFileSync`, `writeFileSync` and `existsSync`
//! serve preloads and `gojs run --script` scripts, under the same
//! [`Filesystem`] as the program.

pub(crate) mod args;
pub(crate) mod files;
pub(crate) mod rw_args;

use super::host_fs::{self, Op};
use crate::{clock::HostClock, event_loop::Task, host::HostData};
use boa_engine::{
    Context, JsError, JsNativeError, JsResult, JsString, JsValue, NativeFunction,
    object::{ObjectInitializer, builtins::JsUint8Array},
    property::Attribute,
};
use gojs_vfs::{Errno, FileSystem, HostDir, HostFs, MemFs, MountFs};
use std::{fmt, path::PathBuf, rc::Rc, sync::Arc};

/// What `fs` may touch: the files a program sees.
///
/// Travels with the program's options to the thread that runs it; the
/// filesystem itself is built there, when the program's JS world is
/// created, so in-memory trees live on that thread and die with the world.
///
/// ```
/// use gojs_boa::{Filesystem, Mount};
/// // An empty in-memory tree as the whole filesystem.
/// let scratch = Filesystem::memory();
/// // A project directory to read, and 16 MiB of scratch space.
/// let sandbox = Filesystem::mounts([
///     Mount::host_dir("/src", "/home/me/project").read_only(),
///     Mount::memory("/tmp").capacity(16 << 20),
/// ]);
/// # let _ = (scratch, sandbox);
/// ```
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub enum Filesystem {
    /// The host filesystem, with the permissions of this process (node's
    /// behaviour). Relative paths are taken from the program's cwd (the
    /// host's by default).
    #[default]
    Host,
    /// No files: every operation except writes to fd 1 and 2 (and `fsync`)
    /// fails with `ENOSYS`, as `wasm_exec.js`'s browser polyfill does;
    /// `process.chdir` too.
    Disabled,
    /// A virtual namespace of mounts, and nothing of the host but what they
    /// show: paths are guest paths, `process.cwd()` is one (`/` unless
    /// [`Program::cwd`](crate::Program::cwd) says otherwise, and it must
    /// then be a directory of the namespace), and `process.chdir` accepts
    /// only directories of the namespace. The directories above mount
    /// points that no mount covers are read-only and empty but for the
    /// names leading to the mounts (see [`gojs_vfs::MountFs`]).
    Mounts(Vec<Mount>),
}

impl Filesystem {
    /// An empty in-memory tree as the whole filesystem, with no capacity
    /// limit: `Filesystem::mounts([Mount::memory("/")])`.
    pub fn memory() -> Filesystem {
        Filesystem::mounts([Mount::memory("/")])
    }

    /// The filesystem of [`Program::sandbox`](crate::Program::sandbox): an
    /// empty in-memory root of at most 256 MiB with an empty `/tmp`.
    pub fn sandbox() -> Filesystem {
        Filesystem::mounts([Mount::memory("/").capacity(256 << 20).dir("/tmp")])
    }

    /// The namespace of `mounts` (later mounts at the same point are an
    /// error when the program starts).
    pub fn mounts(mounts: impl IntoIterator<Item = Mount>) -> Filesystem {
        Filesystem::Mounts(mounts.into_iter().collect())
    }

    /// Whether paths are guest paths (the namespace of [`Filesystem::Mounts`]).
    pub(crate) fn is_virtual(&self) -> bool {
        matches!(self, Filesystem::Mounts(_))
    }

    /// The filesystem for a program: `None` when files are disabled.
    /// In-memory trees stamp times with `clock` and belong to `owner`.
    ///
    /// # Errors
    ///
    /// A mount that cannot be made: a missing host directory, two mounts
    /// at one point, a relative mount point, files that do not fit.
    pub(crate) fn build(
        &self,
        clock: &Rc<HostClock>,
        owner: (u32, u32),
    ) -> Result<Option<Rc<dyn FileSystem>>, String> {
        let mounts = match self {
            Filesystem::Host => return Ok(Some(Rc::new(HostFs::new()))),
            Filesystem::Disabled => return Ok(None),
            Filesystem::Mounts(mounts) => mounts,
        };
        let mut namespace = MountFs::new();
        for mount in mounts {
            let fs = mount.source.build(clock, owner).map_err(|e| {
                format!("cannot mount {:?} at {:?}: {e}", mount.source, mount.guest)
            })?;
            namespace
                .mount(&mount.guest, fs, mount.read_only)
                .map_err(|e| format!("cannot mount at {:?}: {e}", mount.guest))?;
        }
        Ok(Some(Rc::new(namespace)))
    }
}

/// One mount of a [`Filesystem::Mounts`] namespace: a guest directory and
/// what it shows.
///
/// Each mount is its own root: `..` and symbolic links inside it never
/// lead out of it (an absolute link target starts at the mount's root).
/// Moving or linking files between mounts is `EXDEV`, as between Linux
/// filesystems.
#[derive(Clone, Debug)]
pub struct Mount {
    /// The absolute guest directory (`/` for the whole namespace), without
    /// `.` or `..` components.
    pub guest: String,
    /// What the directory shows.
    pub source: MountSource,
    /// Every change is refused with `EROFS` (`syscall.EROFS` in Go).
    pub read_only: bool,
}

impl Mount {
    /// The host directory `host` (which must exist when the program starts)
    /// at `guest`, confined: no guest path, `..` or link leads outside it
    /// ([`gojs_vfs::HostDir`]). The host's permission checks apply.
    pub fn host_dir(guest: impl Into<String>, host: impl Into<PathBuf>) -> Mount {
        Mount::new(guest, MountSource::HostDir(host.into()))
    }

    /// An empty in-memory tree at `guest` ([`gojs_vfs::MemFs`]), created
    /// when the program starts and dropped when it ends; no capacity limit
    /// unless [`capacity`](Mount::capacity) sets one.
    pub fn memory(guest: impl Into<String>) -> Mount {
        Mount::new(
            guest,
            MountSource::Memory {
                capacity: None,
                files: Vec::new(),
            },
        )
    }

    /// The filesystem `factory` makes at `guest`: called once per run, on
    /// the thread that runs the program, when it starts.
    pub fn custom(
        guest: impl Into<String>,
        factory: impl Fn() -> Box<dyn FileSystem> + Send + Sync + 'static,
    ) -> Mount {
        Mount::new(guest, MountSource::Custom(Arc::new(factory)))
    }

    /// `source` at `guest`, read-write.
    pub fn new(guest: impl Into<String>, source: MountSource) -> Mount {
        Mount {
            guest: guest.into(),
            source,
            read_only: false,
        }
    }

    /// The same mount, read-only: every change is `EROFS`.
    #[must_use]
    pub fn read_only(mut self) -> Mount {
        self.read_only = true;
        self
    }

    /// For a memory mount: the most its tree may cost, in bytes (file
    /// contents plus bookkeeping, see [`gojs_vfs::MemFs`]); past it writes
    /// fail with `ENOSPC`. No effect on other mounts.
    #[must_use]
    pub fn capacity(mut self, bytes: u64) -> Mount {
        if let MountSource::Memory { capacity, .. } = &mut self.source {
            *capacity = Some(bytes);
        }
        self
    }

    /// For a memory mount: the file `path` (relative to the mount, parent
    /// directories created) holds `bytes` when the program starts. No
    /// effect on other mounts.
    #[must_use]
    pub fn file(mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Mount {
        if let MountSource::Memory { files, .. } = &mut self.source {
            files.push((path.into(), bytes.into()));
        }
        self
    }

    /// For a memory mount: the directory `path` (relative to the mount,
    /// parents created) exists when the program starts. No effect on other
    /// mounts.
    #[must_use]
    pub fn dir(self, path: impl Into<String>) -> Mount {
        let mut path = path.into();
        path.push('/');
        self.file(path, Vec::new())
    }
}

/// What a [`Mount`] shows.
#[derive(Clone)]
#[non_exhaustive]
pub enum MountSource {
    /// A host directory, confined ([`gojs_vfs::HostDir`]).
    HostDir(PathBuf),
    /// A fresh in-memory tree per run ([`gojs_vfs::MemFs`]), owned by this
    /// process's user, its times from the program's clock (so the virtual
    /// clock makes them reproducible).
    Memory {
        /// The most the tree may cost, in bytes; `None`: unlimited.
        capacity: Option<u64>,
        /// Its contents at start: `(path, bytes)`, paths relative to the
        /// mount; a path ending in `/` is a directory (its bytes ignored).
        files: Vec<(String, Vec<u8>)>,
    },
    /// Whatever the factory makes, once per run, on the program's thread.
    Custom(Arc<dyn Fn() -> Box<dyn FileSystem> + Send + Sync>),
}

impl fmt::Debug for MountSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MountSource::HostDir(path) => f.debug_tuple("HostDir").field(path).finish(),
            MountSource::Memory { capacity, files } => f
                .debug_struct("Memory")
                .field("capacity", capacity)
                .field("files", &files.len())
                .finish(),
            MountSource::Custom(_) => f.write_str("Custom(..)"),
        }
    }
}

impl MountSource {
    /// The filesystem this source stands for.
    fn build(
        &self,
        clock: &Rc<HostClock>,
        owner: (u32, u32),
    ) -> Result<Box<dyn FileSystem>, String> {
        match self {
            MountSource::HostDir(path) => {
                Ok(Box::new(HostDir::new(path).map_err(|e| e.to_string())?))
            }
            MountSource::Memory { capacity, files } => {
                let clock = clock.clone();
                let mut builder = MemFs::builder()
                    .owner(owner.0, owner.1)
                    .clock(move || clock.wall_ms());
                if let Some(bytes) = capacity {
                    builder = builder.capacity(*bytes);
                }
                let tree = builder.build();
                for (path, bytes) in files {
                    fill(&tree, path, bytes).map_err(|e| format!("{path}: {e}"))?;
                }
                Ok(Box::new(tree))
            }
            MountSource::Custom(factory) => Ok(factory()),
        }
    }
}

/// Creates the file (or, ending in `/`, the directory) `path` of `tree`,
/// with its parents.
fn fill(tree: &MemFs, path: &str, bytes: &[u8]) -> Result<(), Errno> {
    let absolute = format!("/{}", path.trim_start_matches('/'));
    let (dir, file) = match absolute.strip_suffix('/') {
        Some(dir) => (dir, None),
        None => absolute
            .rsplit_once('/')
            .map_or(("", None), |(d, _)| (d, Some(&absolute))),
    };
    if !dir.is_empty() {
        tree.create_dir_all(dir)?;
    }
    match file {
        Some(file) => tree.write_file(file, bytes),
        None => Ok(()),
    }
}

/// The user and group that own in-memory trees: the ones
/// `process.geteuid()`/`getegid()` report (the program's identity, or this
/// process's), so a program finds it owns its files; 1000/1000 where
/// `/proc` is missing.
fn owner(identity: Option<crate::Identity>) -> (u32, u32) {
    use std::os::unix::fs::MetadataExt;
    match identity {
        Some(me) => (me.uid, me.gid),
        None => std::fs::metadata("/proc/self").map_or((1000, 1000), |m| (m.uid(), m.gid())),
    }
}

/// Builds the program's filesystem into its descriptor table and, for a
/// virtual one, makes the cwd a guest directory (`/` by default).
fn install(ctx: &mut Context) -> JsResult<()> {
    let data = HostData::of(ctx)?;
    let setup = |message: String| JsNativeError::error().with_message(message);
    let fs = data
        .options
        .filesystem
        .build(&data.clock, owner(data.options.identity))
        .map_err(setup)?;
    if data.options.filesystem.is_virtual()
        && let Some(fs) = &fs
    {
        let cwd = data.options.cwd.as_deref().unwrap_or("/");
        let cwd = super::path::resolve_from("/", &[cwd.to_owned()]);
        if !fs.metadata(&cwd, true).is_ok_and(|m| m.is_dir()) {
            return Err(setup(format!(
                "the working directory {cwd:?} is not a directory of the program's filesystem"
            ))
            .into());
        }
        *data.cwd.borrow_mut() = cwd;
    }
    data.files.install(fs);
    Ok(())
}

/// `fs.constants` as node has them on Linux; Go reads `O_WRONLY`, `O_RDWR`,
/// `O_CREAT`, `O_TRUNC`, `O_APPEND`, `O_EXCL` and `O_DIRECTORY` at init
/// (`fs_js.go`) and would panic on a missing one. The values are
/// [`gojs_vfs::flags`]', which decode them.
const CONSTANTS: [(&str, i32); 8] = {
    use gojs_vfs::flags::*;
    [
        ("O_RDONLY", O_RDONLY),
        ("O_WRONLY", O_WRONLY),
        ("O_RDWR", O_RDWR),
        ("O_CREAT", O_CREAT),
        ("O_TRUNC", O_TRUNC),
        ("O_APPEND", O_APPEND),
        ("O_EXCL", O_EXCL),
        ("O_DIRECTORY", O_DIRECTORY),
    ]
};

pub(crate) fn create(ctx: &mut Context) -> JsResult<JsValue> {
    install(ctx)?;
    let mut constants = ObjectInitializer::new(ctx);
    for (name, value) in CONSTANTS {
        constants.property(JsString::from(name), value, Attribute::all());
    }
    let constants = constants.build();
    let mut fs = ObjectInitializer::new(ctx);
    fs.property(JsString::from("constants"), constants, Attribute::all());
    super::methods(
        &mut fs,
        &[
            ("writeSync", write_sync, 2),
            ("readFileSync", read_file_sync, 2),
            ("writeFileSync", write_file_sync, 3),
            ("existsSync", exists_sync, 1),
        ],
    );
    for (i, (name, _)) in host_fs::OPS.iter().enumerate() {
        let f = NativeFunction::from_copy_closure_with_captures(
            |_, args, op: &usize, ctx| operation(host_fs::OPS[*op].1, args, ctx),
            i,
        );
        fs.function(f, JsString::from(*name), 2);
    }
    Ok(fs.build().into())
}

/// Runs one operation and queues its callback (the last argument).
fn operation(op: Op, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let (callback, args) = match args.split_last() {
        Some((cb, rest)) if cb.is_callable() => (cb.clone(), rest),
        _ => {
            let got = callback_slot(op, args);
            return Err(args::invalid_type(ctx, "cb", "of type function", &got));
        }
    };
    let data = HostData::of(ctx)?;
    let is_fd = |n: f64| args.first().and_then(JsValue::as_number) == Some(n);
    let outcome = match (data.files.filesystem(), op) {
        (_, Op::Write) if is_fd(1.0) || is_fd(2.0) => host_fs::write(ctx, &data, args)?,
        (_, Op::Fsync) if is_fd(0.0) || is_fd(1.0) || is_fd(2.0) => vec![JsValue::null()],
        (None, _) => vec![enosys(ctx)],
        (Some(_), Op::Read) if is_fd(0.0) => {
            // Checked (and normalised) as for any read, then read off the loop.
            match rw_args::read_args(ctx, args)? {
                None => vec![JsValue::null(), JsValue::new(0)],
                Some(normalised) => {
                    let call = host_fs::Call { args: &normalised };
                    super::stdin::read(ctx, &call, callback)?;
                    return Ok(JsValue::undefined());
                }
            }
        }
        (Some(fs), op) => host_fs::run(ctx, &data, &*fs, op, args)?,
    };
    data.event_loop.push_io(Task::Call {
        callback,
        args: outcome,
    });
    Ok(JsValue::undefined())
}

/// What node takes for the callback of `op` when the last argument is not
/// a function (what its `ERR_INVALID_ARG_TYPE` shows): the argument in the
/// callback's place of node's signature (`undefined` if the call has fewer
/// arguments), the last one for `symlink`, and for `open` with fewer than
/// three the second.
fn callback_slot(op: Op, args: &[JsValue]) -> JsValue {
    let place = match op {
        Op::Symlink => return args.last().cloned().unwrap_or_default(),
        Op::Open if args.len() < 3 => 1,
        Op::Close | Op::Unlink | Op::Fsync | Op::Fdatasync => 1,
        Op::Fstat
        | Op::Stat
        | Op::Lstat
        | Op::Readdir
        | Op::Mkdir
        | Op::Rmdir
        | Op::Rename
        | Op::Link
        | Op::Chmod
        | Op::Truncate
        | Op::Readlink
        | Op::Ftruncate
        | Op::Fchmod => 2,
        Op::Open | Op::Chown | Op::Lchown | Op::Utimes | Op::Futimes | Op::Fchown => 3,
        Op::Read | Op::Write => 5,
    };
    args.get(place).cloned().unwrap_or_default()
}

/// `new Error("not implemented")` with `code = "ENOSYS"` (the polyfill's `enosys()`).
pub(crate) fn enosys(ctx: &mut Context) -> JsValue {
    let err = JsNativeError::error()
        .with_message("not implemented")
        .into_opaque(ctx);
    let _ = err.set(JsString::from("code"), JsString::from("ENOSYS"), false, ctx);
    err.into()
}

/// `fs.writeSync(fd, buffer[, offset[, length[, position]]])`: writes the
/// window of the view, returns the byte count; `fs.writeSync(fd, string[,
/// position])`: writes the string as UTF-8 (node's default encoding, the
/// only one here).
fn write_sync(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let write = rw_args::write_args(ctx, args)?;
    let data = HostData::of(ctx)?;
    if data.files.filesystem().is_none() && write.fd > 2 {
        return Err(JsError::from_opaque(enosys(ctx)));
    }
    match host_fs::write_fd(&data, write.fd, &write.bytes, write.at) {
        Ok(n) => Ok(JsValue::new(n as f64)),
        Err(crate::host::WriteError::Io(e)) => Err(JsError::from_opaque(host_fs::system_error(
            ctx, &e, "write", None,
        ))),
        Err(crate::host::WriteError::Limit(e)) => Err(data.abort(gojs_engine::Unwind::Host(e))),
    }
}

/// Whether `options` (a string, or `{ encoding }`) asks for UTF-8 text.
fn wants_text(options: &JsValue, ctx: &mut Context) -> JsResult<bool> {
    let encoding = match options.as_object() {
        Some(o) => o.get(JsString::from("encoding"), ctx)?,
        None => options.clone(),
    };
    Ok(encoding.as_string().is_some_and(|s| {
        matches!(
            s.to_std_string_lossy().to_ascii_lowercase().as_str(),
            "utf8" | "utf-8"
        )
    }))
}

/// The most `readFileSync` reads (node's limit is the largest `Buffer`, also
/// in the GiBs); a file that keeps giving (`/dev/zero`) stops there.
const MAX_READ_FILE: u64 = 1 << 30;

/// Throws node's system error for `errno`.
fn throw<T>(ctx: &mut Context, errno: Errno, syscall: &str, path: Option<&str>) -> JsResult<T> {
    Err(JsError::from_opaque(host_fs::node_error(
        ctx, errno, syscall, path, None,
    )))
}

/// `fs.readFileSync(path[, "utf8" | { encoding: "utf8" }])`: the file's
/// text, or its bytes as a `Uint8Array` (node gives a `Buffer`).
fn read_file_sync(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let given = string_path(args, ctx)?;
    let data = HostData::of(ctx)?;
    let Some(fs) = data.files.filesystem() else {
        return Err(JsError::from_opaque(enosys(ctx)));
    };
    let path = host_fs::guest_path(&data, &given);
    let bytes = match host_fs::read_whole(&*fs, &path, MAX_READ_FILE) {
        Ok(Some(b)) => b,
        Ok(None) => {
            return Err(JsNativeError::range()
                .with_message(format!(
                    "File size is greater than {} GiB: {given}",
                    MAX_READ_FILE >> 30
                ))
                .into());
        }
        Err((errno, "open")) => return throw(ctx, errno, "open", Some(&given)),
        Err((errno, syscall)) => return throw(ctx, errno, syscall, None),
    };
    if wants_text(&args.get(1).cloned().unwrap_or_default(), ctx)? {
        let text = gojs_engine::decode_utf8(&bytes);
        return Ok(JsString::from(text.as_ref()).into());
    }
    Ok(JsUint8Array::from_iter(bytes, ctx)?.into())
}

/// `fs.writeFileSync(path, data)`: `data` a string (written as UTF-8) or a
/// typed array; the file is created (mode `0o666` less the umask) or
/// truncated.
fn write_file_sync(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let given = string_path(args, ctx)?;
    let data = HostData::of(ctx)?;
    let Some(fs) = data.files.filesystem() else {
        return Err(JsError::from_opaque(enosys(ctx)));
    };
    let contents = args.get(1).cloned().unwrap_or_default();
    let bytes = match contents.as_string() {
        Some(s) => crate::world::utf8(s.as_str()),
        None if host_fs::view(&contents, ctx).is_err() => {
            return Err(args::invalid_type(
                ctx,
                "data",
                "of type string or an instance of Buffer, TypedArray, or DataView",
                &contents,
            ));
        }
        None => host_fs::view_bytes(&contents, ctx)?,
    };
    let path = host_fs::guest_path(&data, &given);
    match host_fs::write_whole(&*fs, &path, &bytes, data.umask.get()) {
        Ok(()) => Ok(JsValue::undefined()),
        Err((errno, "open")) => throw(ctx, errno, "open", Some(&given)),
        Err((errno, syscall)) => throw(ctx, errno, syscall, None),
    }
}

/// `fs.existsSync(path)`: whether the path exists (following symlinks);
/// never throws. Always false when files are disabled.
fn exists_sync(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let data = HostData::of(ctx)?;
    let Some(fs) = data.files.filesystem() else {
        return Ok(false.into());
    };
    // node's existsSync answers false for a path it cannot validate,
    // without converting it (no user `toString` runs).
    let exists = match string_path(args, ctx) {
        Ok(given) => fs
            .metadata(&host_fs::guest_path(&data, &given), true)
            .is_ok(),
        Err(_) => false,
    };
    Ok(exists.into())
}

/// The path argument of the sync functions: a string (node also takes a
/// `Buffer` or a `URL`; there are none here), without NUL bytes.
fn string_path(args: &[JsValue], ctx: &mut Context) -> JsResult<String> {
    let value = args.first().cloned().unwrap_or_default();
    if !value.is_string() {
        return Err(args::invalid_type(
            ctx,
            "path",
            "of type string or an instance of Buffer or URL",
            &value,
        ));
    }
    args::path(ctx, &value, "path")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_mounts_are_filled_at_build() {
        let clock = Rc::new(HostClock::new(crate::ClockMode::virtual_default()));
        let fs = Filesystem::mounts([
            Mount::memory("/")
                .file("a/b.txt", b"hi".to_vec())
                .dir("/empty")
                .file("/top", b"x".to_vec()),
            Mount::memory("/ro").read_only().file("f", b"1".to_vec()),
        ])
        .build(&clock, (1, 2))
        .unwrap()
        .unwrap();
        let meta = fs.metadata("/a/b.txt", true).unwrap();
        assert_eq!((meta.size, meta.uid, meta.gid), (2, 1, 2));
        assert!(fs.metadata("/empty", true).unwrap().is_dir());
        assert_eq!(fs.metadata("/top", true).unwrap().size, 1);
        assert_eq!(fs.remove_file("/ro/f"), Err(Errno::EROFS));
    }

    #[test]
    fn bad_mounts_are_setup_errors() {
        let clock = Rc::new(HostClock::new(crate::ClockMode::Real));
        let twice = Filesystem::mounts([Mount::memory("/"), Mount::memory("/")]);
        assert!(twice.build(&clock, (0, 0)).is_err());
        let relative = Filesystem::mounts([Mount::memory("tmp")]);
        assert!(relative.build(&clock, (0, 0)).is_err());
        let missing = Filesystem::mounts([Mount::host_dir("/", "/gojs-no-such-dir")]);
        let err = missing.build(&clock, (0, 0)).err().unwrap();
        assert!(err.contains("/gojs-no-such-dir"), "{err}");
        let full = Filesystem::mounts([Mount::memory("/").capacity(10).file("f", vec![0; 100])]);
        assert!(full.build(&clock, (0, 0)).err().unwrap().contains("ENOSPC"));
        assert!(
            Filesystem::Disabled
                .build(&clock, (0, 0))
                .unwrap()
                .is_none()
        );
    }
}
