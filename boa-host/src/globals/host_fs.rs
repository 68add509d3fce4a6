//! The glue between `globalThis.fs` and [`gojs_vfs`]: each node `fs`
//! operation Go's `syscall/fs_js.go` calls, done on the program's
//! [`FileSystem`], answered as node answers — results, or errors with
//! node's `code`/`errno`/`syscall`/`path`/`dest` (Go maps `code` back to a
//! `syscall.Errno`, and panics on a code it does not know, so only
//! [`Errno`]s Go names ever reach it).
//!
//! Owns the operations on the program's descriptor table
//! ([`Files`](super::fs::files::Files)), the joining of relative paths
//! with the program's `process.cwd()` (not normalised: the filesystem
//! resolves `..` after links, as the OS does for node), and node's `Stats`
//! objects. Arguments are checked first, by [`args`](super::fs::args) and
//! [`rw_args`](super::fs::rw_args). The choice of filesystem is
//! [`fs`](super::fs)'s; reads of fd 0 are [`stdin`](super::stdin)'s;
//! writes to fd 1 and 2 go to the program's outputs, within their limits.

use super::fs::args::{self, MAX_SAFE};
use super::fs::rw_args::{checked_read, write_args};
use crate::host::{HostData, WriteError};
use boa_engine::{
    Context, JsNativeError, JsResult, JsString, JsValue,
    object::{
        ObjectInitializer,
        builtins::{JsArray, JsArrayBuffer, JsDataView, JsTypedArray},
    },
    property::Attribute,
};
use gojs_vfs::{Errno, FileSystem, Metadata, OpenOptions, S_IFCHR, flags};
use std::io;

/// The callback-taking operations of `fs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Open,
    Close,
    Read,
    Write,
    Fstat,
    Stat,
    Lstat,
    Readdir,
    Mkdir,
    Unlink,
    Rmdir,
    Rename,
    Link,
    Symlink,
    Chmod,
    Truncate,
    Chown,
    Lchown,
    Utimes,
    Futimes,
    Readlink,
    Fsync,
    Fdatasync,
    Ftruncate,
    Fchmod,
    Fchown,
}

/// The name of each operation on the `fs` object.
pub(crate) const OPS: [(&str, Op); 26] = [
    ("open", Op::Open),
    ("close", Op::Close),
    ("read", Op::Read),
    ("write", Op::Write),
    ("fstat", Op::Fstat),
    ("stat", Op::Stat),
    ("lstat", Op::Lstat),
    ("readdir", Op::Readdir),
    ("mkdir", Op::Mkdir),
    ("unlink", Op::Unlink),
    ("rmdir", Op::Rmdir),
    ("rename", Op::Rename),
    ("link", Op::Link),
    ("symlink", Op::Symlink),
    ("chmod", Op::Chmod),
    ("truncate", Op::Truncate),
    ("chown", Op::Chown),
    ("lchown", Op::Lchown),
    ("utimes", Op::Utimes),
    ("futimes", Op::Futimes),
    ("readlink", Op::Readlink),
    ("fsync", Op::Fsync),
    ("fdatasync", Op::Fdatasync),
    ("ftruncate", Op::Ftruncate),
    ("fchmod", Op::Fchmod),
    ("fchown", Op::Fchown),
];

/// A node system error: `CODE: description, syscall 'path' -> 'dest'`,
/// with `code`, `errno` (negative, as node's), `syscall`, `path`, `dest`.
pub(crate) fn node_error(
    ctx: &mut Context,
    errno: Errno,
    syscall: &str,
    path: Option<&str>,
    dest: Option<&str>,
) -> JsValue {
    // Go panics on a code it does not know: only named errnos go out.
    let errno = if errno.is_known() { errno } else { Errno::EIO };
    let mut message = format!("{errno}, {syscall}");
    if let Some(p) = path {
        message.push_str(&format!(" '{p}'"));
    }
    if let Some(d) = dest {
        message.push_str(&format!(" -> '{d}'"));
    }
    let err = JsNativeError::error()
        .with_message(message)
        .into_opaque(ctx);
    let _ = err.set(
        JsString::from("code"),
        JsString::from(errno.name()),
        false,
        ctx,
    );
    let _ = err.set(JsString::from("errno"), -errno.0, false, ctx);
    let _ = err.set(
        JsString::from("syscall"),
        JsString::from(syscall),
        false,
        ctx,
    );
    for (key, value) in [("path", path), ("dest", dest)] {
        if let Some(v) = value {
            let _ = err.set(JsString::from(key), JsString::from(v), false, ctx);
        }
    }
    err.into()
}

/// The errno of a host I/O error (`EIO` for errors Go has no name for).
fn errno_of(e: &io::Error) -> Errno {
    match e.raw_os_error() {
        Some(n) => Errno::from(io::Error::from_raw_os_error(n)),
        None => Errno::from(io::Error::from(e.kind())),
    }
}

/// [`node_error`] for an `io::Error` (stdin reads, the engine's writes).
pub(crate) fn system_error(
    ctx: &mut Context,
    e: &io::Error,
    syscall: &str,
    path: Option<&str>,
) -> JsValue {
    node_error(ctx, errno_of(e), syscall, path, None)
}

/// The arguments of one `fs` call (what [`stdin`](super::stdin) reads).
pub(crate) struct Call<'a> {
    pub args: &'a [JsValue],
}

impl Call<'_> {
    pub fn arg(&self, i: usize) -> JsValue {
        self.args.get(i).cloned().unwrap_or_default()
    }
}

/// `args[i]`, `undefined` past the end.
pub(crate) fn arg(args: &[JsValue], i: usize) -> JsValue {
    args.get(i).cloned().unwrap_or_default()
}

/// The path the filesystem gets for the path `given` by the program: as
/// is when absolute or empty (the empty path is `ENOENT`, never the cwd),
/// else joined with the program's cwd. Without a cwd (the host's was
/// deleted before the program started; only the host filesystem has no
/// default) a relative path is taken from `/proc/self/cwd`, the deleted
/// directory itself, as node's are by the kernel: `stat(".")` works,
/// creating a file is `ENOENT`.
pub(crate) fn guest_path(data: &HostData, given: &str) -> String {
    if given.is_empty() || given.starts_with('/') {
        return given.to_owned();
    }
    let cwd = data.cwd.borrow();
    if cwd.is_empty() {
        return format!("/proc/self/cwd/{given}");
    }
    match cwd.ends_with('/') {
        true => format!("{cwd}{given}"),
        false => format!("{cwd}/{given}"),
    }
}

/// The bytes of a typed-array or `DataView` argument's view: `(buffer,
/// offset, length)`.
pub(crate) fn view(v: &JsValue, ctx: &mut Context) -> JsResult<(JsArrayBuffer, usize, usize)> {
    let object = v.as_object();
    let (offset, length, buffer) = match object
        .as_ref()
        .and_then(|o| JsTypedArray::from_object(o.clone()).ok())
    {
        Some(array) => (
            array.byte_offset(ctx)?,
            array.byte_length(ctx)?,
            array.buffer(ctx)?,
        ),
        None => match object.and_then(|o| JsDataView::from_object(o).ok()) {
            Some(view) => {
                // Within a buffer's length: fits in usize.
                let size = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
                (
                    size(view.byte_offset(ctx)?),
                    size(view.byte_length(ctx)?),
                    view.buffer(ctx)?,
                )
            }
            None => {
                return Err(args::invalid_type(
                    ctx,
                    "buffer",
                    "an instance of Buffer, TypedArray, or DataView",
                    v,
                ));
            }
        },
    };
    let buffer =
        JsArrayBuffer::from_object(buffer.as_object().expect("typed arrays have a buffer"))?;
    Ok((buffer, offset, length))
}

/// The bytes a typed array views, copied.
pub(crate) fn view_bytes(v: &JsValue, ctx: &mut Context) -> JsResult<Vec<u8>> {
    let (buffer, offset, length) = view(v, ctx)?;
    copy_out(&buffer, offset, length)
}

/// `length` bytes of `buffer` from `at`.
pub(crate) fn copy_out(buffer: &JsArrayBuffer, at: usize, length: usize) -> JsResult<Vec<u8>> {
    let bytes = buffer
        .data()
        .and_then(|d| Some(d.get(at..at.checked_add(length)?)?.to_vec()));
    bytes.ok_or_else(|| {
        JsNativeError::typ()
            .with_message("Cannot perform operation on a detached ArrayBuffer")
            .into()
    })
}

/// The `(offset, length)` window of a read of fd 0 inside a view (its
/// arguments already checked by
/// [`read_args`](super::fs::rw_args::read_args)); `EINVAL` if it does not fit.
pub(crate) fn window(call: &Call<'_>, view_len: usize) -> io::Result<(usize, usize)> {
    let offset = call.arg(2).as_number().unwrap_or(0.0);
    let length = call.arg(3).as_number().unwrap_or(view_len as f64 - offset);
    let whole = |n: f64| n.is_finite() && n >= 0.0 && n.fract() == 0.0;
    if !whole(offset) || !whole(length) || offset + length > view_len as f64 {
        return Err(io::Error::from_raw_os_error(22));
    }
    // Whole, non-negative and within the view: exact as usize.
    Ok((offset as usize, length as usize))
}

/// Writes `bytes` to `fd`: fd 1 and 2 to the program's outputs (within
/// their limits), others to the open file, at `at` or the cursor.
pub(crate) fn write_fd(
    data: &HostData,
    fd: i32,
    bytes: &[u8],
    at: Option<u64>,
) -> Result<usize, WriteError> {
    match fd {
        1 | 2 => data
            .write_stream(if fd == 1 { 1 } else { 2 }, bytes)
            .map(|()| bytes.len()),
        _ => data
            .files
            .with(fd, |f| f.write(bytes, at))
            .map_err(|e| WriteError::Io(e.into())),
    }
}

/// [`write_fd`] for the engine's `runtime.wasmWrite` and `fs.writeSync`
/// callers that hold a JS number: a descriptor that is not an integer in
/// range is `EBADF`, a position that is not a non-negative safe integer
/// the cursor.
pub(crate) fn write_bytes(
    data: &HostData,
    fd: f64,
    bytes: &[u8],
    position: Option<f64>,
) -> Result<usize, WriteError> {
    let whole = |n: f64, max: f64| n.is_finite() && n.fract() == 0.0 && (0.0..=max).contains(&n);
    if !whole(fd, f64::from(i32::MAX)) {
        return Err(WriteError::Io(Errno::EBADF.into()));
    }
    // Checked just above: whole numbers in range.
    let at = position
        .filter(|p| whole(*p, MAX_SAFE as f64))
        .map(|p| p as u64);
    write_fd(data, fd as i32, bytes, at)
}

/// A node `Stats` object: the fields Go's `setStat` reads, and
/// `isDirectory()`, `isFile()`, `isSymbolicLink()`.
fn stats(ctx: &mut Context, m: &Metadata) -> JsValue {
    let tests: [(&str, bool); 3] = [
        ("isDirectory", m.is_dir()),
        ("isFile", m.is_file()),
        ("isSymbolicLink", m.is_symlink()),
    ];
    let tests = tests.map(|(name, yes)| {
        let f = if yes { returns_true } else { returns_false };
        (name, super::function(ctx, f, name, 0))
    });
    let mut o = ObjectInitializer::new(ctx);
    // Numbers past 2^53 (device numbers of virtual filesystems) round, as
    // they do in node.
    let fields: [(&str, f64); 13] = [
        ("dev", m.dev as f64),
        ("ino", m.ino as f64),
        ("mode", f64::from(m.mode)),
        ("nlink", m.nlink as f64),
        ("uid", f64::from(m.uid)),
        ("gid", f64::from(m.gid)),
        ("rdev", m.rdev as f64),
        ("size", m.size as f64),
        ("blksize", m.blksize as f64),
        ("blocks", m.blocks as f64),
        // `+ 0.0`: a time of -0 (kept by an in-memory tree) reads as 0, as
        // from the kernel.
        ("atimeMs", m.atime_ms + 0.0),
        ("mtimeMs", m.mtime_ms + 0.0),
        ("ctimeMs", m.ctime_ms + 0.0),
    ];
    for (name, value) in fields {
        o.property(JsString::from(name), value, Attribute::all());
    }
    for (name, f) in tests {
        o.property(JsString::from(name), f, Attribute::all());
    }
    o.build().into()
}

fn returns_true(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(true.into())
}

fn returns_false(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(false.into())
}

/// `fstat` of fd 0, 1 or 2: on the host, the process's own streams (as
/// node reports them); in a virtual namespace, a character device like
/// `/dev/null`, owned by the program, with times at the epoch — nothing of
/// the host shows through.
fn std_stream(data: &HostData, fs: &dyn FileSystem, fd: i32) -> Result<Metadata, Errno> {
    if !data.options.filesystem.is_virtual() {
        return fs.metadata(&format!("/proc/self/fd/{fd}"), true);
    }
    let root = fs.metadata("/", true)?;
    Ok(Metadata {
        dev: 0,
        ino: u64::try_from(fd).unwrap_or(0) + 1,
        mode: S_IFCHR | 0o666,
        nlink: 1,
        uid: root.uid,
        gid: root.gid,
        rdev: 0,
        size: 0,
        blksize: 4096,
        blocks: 0,
        atime_ms: 0.0,
        mtime_ms: 0.0,
        ctime_ms: 0.0,
    })
}

/// What one operation answers: its result, or the errno and where node
/// says it came from.
struct Answer {
    result: Result<JsValue, Errno>,
    syscall: &'static str,
    path: Option<String>,
    dest: Option<String>,
}

impl Answer {
    fn new(result: Result<JsValue, Errno>, syscall: &'static str) -> Answer {
        Answer {
            result,
            syscall,
            path: None,
            dest: None,
        }
    }

    fn done(result: Result<(), Errno>, syscall: &'static str) -> Answer {
        Answer::new(result.map(|()| JsValue::undefined()), syscall)
    }

    fn path(mut self, path: &str) -> Answer {
        self.path = Some(path.to_owned());
        self
    }

    fn dest(mut self, dest: &str) -> Answer {
        self.dest = Some(dest.to_owned());
        self
    }

    /// The callback's arguments: `(null[, value])` or `(error)`.
    fn settle(self, ctx: &mut Context) -> Vec<JsValue> {
        match self.result {
            Ok(v) if v.is_undefined() => vec![JsValue::null()],
            Ok(v) => vec![JsValue::null(), v],
            Err(e) => vec![node_error(
                ctx,
                e,
                self.syscall,
                self.path.as_deref(),
                self.dest.as_deref(),
            )],
        }
    }
}

/// A path argument: `(as given, as the filesystem gets it)`.
fn path_arg(
    ctx: &mut Context,
    data: &HostData,
    a: &[JsValue],
    i: usize,
    name: &str,
) -> JsResult<(String, String)> {
    let given = args::path(ctx, &arg(a, i), name)?;
    let path = guest_path(data, &given);
    Ok((given, path))
}

/// `fs.write(fd, buffer, offset, length, position, cb)`.
pub(crate) fn write(ctx: &mut Context, data: &HostData, a: &[JsValue]) -> JsResult<Vec<JsValue>> {
    let w = write_args(ctx, a)?;
    let result = match write_fd(data, w.fd, &w.bytes, w.at) {
        Ok(n) => Ok(JsValue::new(n as f64)),
        Err(WriteError::Io(e)) => Err(errno_of(&e)),
        Err(WriteError::Limit(e)) => return Err(data.abort(gojs_engine::Unwind::Host(e))),
    };
    Ok(Answer::new(result, "write").settle(ctx))
}

/// `fs.read(fd, buffer, offset, length, position, cb)` of a file.
fn read(ctx: &mut Context, data: &HostData, a: &[JsValue]) -> JsResult<Vec<JsValue>> {
    let Some(r) = checked_read(ctx, a)? else {
        return Ok(vec![JsValue::null(), JsValue::new(0)]);
    };
    let (buffer, base, _) = view(&r.buffer, ctx)?;
    let mut chunk = vec![0u8; r.length];
    let result = data.files.with(r.fd, |f| f.read(&mut chunk, r.position));
    let result = result.and_then(|n| {
        let at = base + r.offset;
        let mut bytes = buffer.data_mut().ok_or(Errno::EFAULT)?;
        let dst = bytes.get_mut(at..at + n).ok_or(Errno::EFAULT)?;
        dst.copy_from_slice(&chunk[..n]);
        Ok(JsValue::new(n as f64))
    });
    Ok(Answer::new(result, "read").settle(ctx))
}

/// `fs.mkdir(path[, mode | { mode, recursive }], cb)`; a recursive mkdir
/// answers the first directory it created (`undefined` if none).
fn mkdir(
    ctx: &mut Context,
    data: &HostData,
    fs: &dyn FileSystem,
    a: &[JsValue],
) -> JsResult<Answer> {
    // A number or string is the mode; anything else truthy is read for
    // `mode` and `recursive` (node: `else if (options)`).
    let options = arg(a, 1);
    let (mode, recursive) = if options.is_number() || options.is_string() {
        (options, JsValue::new(false))
    } else if options.to_boolean() && !options.is_callable() {
        let o = options.to_object(ctx)?;
        let mode = o.get(JsString::from("mode"), ctx)?;
        let recursive = o.get(JsString::from("recursive"), ctx)?;
        (mode, recursive)
    } else {
        (JsValue::undefined(), JsValue::new(false))
    };
    let (given, path) = path_arg(ctx, data, a, 0, "path")?;
    let recursive = match recursive.as_boolean() {
        Some(r) => r,
        None if recursive.is_undefined() => false,
        None => {
            let name = "options.recursive";
            return Err(args::invalid_type(ctx, name, "of type boolean", &recursive));
        }
    };
    // As Linux's mkdir(2), which ignores the set-user-ID and set-group-ID
    // bits (every filesystem, virtual ones too).
    let mode = args::mode(ctx, &mode, "mode", Some(0o777))? & !0o6000;
    let umask = data.umask.get();
    if !recursive || path.is_empty() {
        return Ok(Answer::done(fs.create_dir(&path, mode, umask), "mkdir").path(&given));
    }
    let mut first = None;
    let mut prefix = String::new();
    let mut parts = path.split('/').filter(|p| !p.is_empty()).peekable();
    while let Some(part) = parts.next() {
        prefix.push('/');
        prefix.push_str(part);
        match fs.create_dir(&prefix, mode, umask) {
            Ok(()) => {
                first.get_or_insert_with(|| prefix.clone());
            }
            Err(Errno::EEXIST) if fs.metadata(&prefix, true).is_ok_and(|m| m.is_dir()) => {}
            // A file on the way is not a directory (node: ENOTDIR); only
            // the last name existing as a file is EEXIST.
            Err(Errno::EEXIST) if parts.peek().is_some() => {
                return Ok(Answer::new(Err(Errno::ENOTDIR), "mkdir").path(&given));
            }
            Err(e) => return Ok(Answer::new(Err(e), "mkdir").path(&given)),
        }
    }
    let first = first.map_or(JsValue::undefined(), |p| JsString::from(p).into());
    Ok(Answer::new(Ok(first), "mkdir").path(&given))
}

/// `fs.truncate(path, len, cb)`: as node, `open(path, 'r+')` then
/// `ftruncate` (so errors say which of the two failed).
fn truncate(
    ctx: &mut Context,
    data: &HostData,
    fs: &dyn FileSystem,
    a: &[JsValue],
) -> JsResult<Answer> {
    if arg(a, 0).is_number() {
        // Deprecated in node, and still served: `fs.ftruncate`.
        return run_fd(ctx, data, Op::Ftruncate, a);
    }
    let len = args::length(ctx, &arg(a, 1))?;
    let (given, path) = path_arg(ctx, data, a, 0, "path")?;
    let options = OpenOptions::from_node_flags(flags::O_RDWR, 0o666);
    let mut file = match options.and_then(|o| fs.open(&path, &o, data.umask.get())) {
        Ok(f) => f,
        Err(e) => return Ok(Answer::new(Err(e), "open").path(&given)),
    };
    Ok(Answer::done(file.set_len(len), "ftruncate"))
}

/// The operations on a descriptor: `close`, `fstat`, `fsync`,
/// `fdatasync`, `ftruncate`, `fchmod`, `fchown`, `futimes` (`read` and
/// `write` check more and are apart).
fn run_fd(ctx: &mut Context, data: &HostData, op: Op, a: &[JsValue]) -> JsResult<Answer> {
    let files = &data.files;
    Ok(match op {
        Op::Close => Answer::done(files.close(args::native_fd(ctx, &arg(a, 0))?), "close"),
        Op::Fstat => {
            let fd = args::native_fd(ctx, &arg(a, 0))?;
            let meta = match (fd, files.filesystem()) {
                (0..=2, Some(fs)) => std_stream(data, &*fs, fd),
                _ => files.with(fd, |f| f.metadata()),
            };
            Answer::new(meta.map(|m| stats(ctx, &m)), "fstat")
        }
        Op::Fsync | Op::Fdatasync => {
            let fd = args::native_fd(ctx, &arg(a, 0))?;
            let name = if op == Op::Fsync {
                "fsync"
            } else {
                "fdatasync"
            };
            Answer::done(files.with(fd, |f| f.sync()), name)
        }
        Op::Ftruncate => {
            let len = args::length(ctx, &arg(a, 1))?;
            let fd = args::native_fd(ctx, &arg(a, 0))?;
            Answer::done(files.with(fd, |f| f.set_len(len)), "ftruncate")
        }
        Op::Fchmod => {
            let mode = args::mode(ctx, &arg(a, 1), "mode", None)?;
            let fd = args::native_fd(ctx, &arg(a, 0))?;
            Answer::done(files.with(fd, |f| f.set_mode(mode)), "fchmod")
        }
        Op::Fchown => {
            let uid = args::owner_id(ctx, &arg(a, 1), "uid")?;
            let gid = args::owner_id(ctx, &arg(a, 2), "gid")?;
            let fd = args::native_fd(ctx, &arg(a, 0))?;
            Answer::done(files.with(fd, |f| f.set_owner(uid, gid)), "fchown")
        }
        Op::Futimes => {
            let fd = args::native_fd(ctx, &arg(a, 0))?;
            let now = data.clock.wall_ms();
            let atime = args::unix_time(ctx, &arg(a, 1), "atime", now)?;
            let mtime = args::unix_time(ctx, &arg(a, 2), "mtime", now)?;
            let set = files.with(fd, |f| f.set_times(atime * 1000.0, mtime * 1000.0));
            Answer::done(set, "futime")
        }
        _ => Answer::new(Err(Errno::ENOSYS), "fs"),
    })
}

/// Runs the operation `op` (not a read of fd 0) on `fs` and answers with
/// the callback's arguments; throws, as node does, for bad arguments.
pub(crate) fn run(
    ctx: &mut Context,
    data: &HostData,
    fs: &dyn FileSystem,
    op: Op,
    a: &[JsValue],
) -> JsResult<Vec<JsValue>> {
    let umask = data.umask.get();
    let answer = match op {
        Op::Read => return read(ctx, data, a),
        Op::Write => return write(ctx, data, a),
        Op::Open => {
            let (given, path) = path_arg(ctx, data, a, 0, "path")?;
            let (node_flags, mode) = match a.len() {
                0 | 1 => (flags::O_RDONLY, 0o666),
                _ => {
                    let mode = args::mode(ctx, &arg(a, 2), "mode", Some(0o666))?;
                    (args::open_flags(ctx, &arg(a, 1))?, mode)
                }
            };
            let fd = OpenOptions::from_node_flags(node_flags, mode)
                .and_then(|o| fs.open(&path, &o, umask))
                .and_then(|file| data.files.insert(file));
            Answer::new(fd.map(JsValue::new), "open").path(&given)
        }
        Op::Stat | Op::Lstat => {
            let (given, path) = path_arg(ctx, data, a, 0, "path")?;
            let follow = op == Op::Stat;
            let meta = fs.metadata(&path, follow).map(|m| stats(ctx, &m));
            Answer::new(meta, if follow { "stat" } else { "lstat" }).path(&given)
        }
        Op::Readdir => {
            let (given, path) = path_arg(ctx, data, a, 0, "path")?;
            let names = fs.read_dir(&path).map(|names| {
                let names = names.into_iter().map(|n| JsValue::from(JsString::from(n)));
                JsArray::from_iter(names, ctx).into()
            });
            Answer::new(names, "scandir").path(&given)
        }
        Op::Mkdir => mkdir(ctx, data, fs, a)?,
        Op::Unlink | Op::Rmdir | Op::Readlink => {
            let name = if op == Op::Readlink {
                "oldPath"
            } else {
                "path"
            };
            let (given, path) = path_arg(ctx, data, a, 0, name)?;
            let answer = match op {
                Op::Unlink => Answer::done(fs.remove_file(&path), "unlink"),
                Op::Rmdir => Answer::done(fs.remove_dir(&path), "rmdir"),
                _ => {
                    let target = fs.read_link(&path).map(|t| JsString::from(t).into());
                    Answer::new(target, "readlink")
                }
            };
            answer.path(&given)
        }
        Op::Rename | Op::Link => {
            let first = if op == Op::Rename {
                "oldPath"
            } else {
                "existingPath"
            };
            let (from_given, from) = path_arg(ctx, data, a, 0, first)?;
            let (to_given, to) = path_arg(ctx, data, a, 1, "newPath")?;
            let answer = match op {
                Op::Rename => Answer::done(fs.rename(&from, &to), "rename"),
                _ => Answer::done(fs.hard_link(&from, &to), "link"),
            };
            answer.path(&from_given).dest(&to_given)
        }
        Op::Symlink => {
            // `symlink(target, path)`: the target is stored as given.
            let target = args::path(ctx, &arg(a, 0), "target")?;
            let (link_given, link) = path_arg(ctx, data, a, 1, "path")?;
            Answer::done(fs.symlink(&target, &link), "symlink")
                .path(&target)
                .dest(&link_given)
        }
        Op::Chmod => {
            let (given, path) = path_arg(ctx, data, a, 0, "path")?;
            let mode = args::mode(ctx, &arg(a, 1), "mode", None)?;
            Answer::done(fs.set_mode(&path, mode), "chmod").path(&given)
        }
        Op::Truncate => truncate(ctx, data, fs, a)?,
        Op::Chown | Op::Lchown => {
            let (given, path) = path_arg(ctx, data, a, 0, "path")?;
            let uid = args::owner_id(ctx, &arg(a, 1), "uid")?;
            let gid = args::owner_id(ctx, &arg(a, 2), "gid")?;
            let follow = op == Op::Chown;
            let name = if follow { "chown" } else { "lchown" };
            Answer::done(fs.set_owner(&path, uid, gid, follow), name).path(&given)
        }
        Op::Utimes => {
            let (given, path) = path_arg(ctx, data, a, 0, "path")?;
            let now = data.clock.wall_ms();
            let atime = args::unix_time(ctx, &arg(a, 1), "time", now)?;
            let mtime = args::unix_time(ctx, &arg(a, 2), "time", now)?;
            let set = fs.set_times(&path, atime * 1000.0, mtime * 1000.0);
            Answer::done(set, "utime").path(&given)
        }
        Op::Close
        | Op::Fstat
        | Op::Fsync
        | Op::Fdatasync
        | Op::Ftruncate
        | Op::Fchmod
        | Op::Fchown
        | Op::Futimes => run_fd(ctx, data, op, a)?,
    };
    Ok(answer.settle(ctx))
}

/// The whole file `path`, at most `max` bytes (`Ok(None)` past that);
/// errors with the syscall that failed (`open`, `fstat` or `read`).
pub(crate) fn read_whole(
    fs: &dyn FileSystem,
    path: &str,
    max: u64,
) -> Result<Option<Vec<u8>>, (Errno, &'static str)> {
    let mut file = fs
        .open(path, &OpenOptions::read_only(), 0)
        .map_err(|e| (e, "open"))?;
    // As node, only a regular file's size counts.
    let meta = file.metadata().map_err(|e| (e, "fstat"))?;
    if meta.is_file() && meta.size > max {
        return Ok(None);
    }
    // The size is a hint (files in /proc say 0): read until the end, or
    // one byte past the limit.
    let limit = usize::try_from(max + 1).unwrap_or(usize::MAX);
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 64 << 10];
    while bytes.len() < limit {
        let want = chunk.len().min(limit - bytes.len());
        match file.read(&mut chunk[..want], None) {
            Ok(0) => return Ok(Some(bytes)),
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
            Err(Errno::EINTR) => {}
            Err(e) => return Err((e, "read")),
        }
    }
    Ok(None)
}

/// Creates or truncates `path` (mode `0o666` less `umask`) and writes
/// `bytes`; errors with the syscall that failed (`open` or `write`).
pub(crate) fn write_whole(
    fs: &dyn FileSystem,
    path: &str,
    bytes: &[u8],
    umask: u32,
) -> Result<(), (Errno, &'static str)> {
    let options =
        OpenOptions::from_node_flags(flags::O_WRONLY | flags::O_CREAT | flags::O_TRUNC, 0o666)
            .map_err(|e| (e, "open"))?;
    let mut file = fs.open(path, &options, umask).map_err(|e| (e, "open"))?;
    let mut written = 0;
    while written < bytes.len() {
        match file.write(&bytes[written..], None) {
            Ok(0) => return Err((Errno::EIO, "write")),
            Ok(n) => written += n,
            Err(Errno::EINTR) => {}
            Err(e) => return Err((e, "write")),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use gojs_vfs::MemFs;

    #[test]
    fn errors_have_node_messages() {
        let mut ctx = Context::default();
        let ctx = &mut ctx;
        let get = |v: &JsValue, k: &str, ctx: &mut Context| {
            let o = v.as_object().unwrap();
            o.get(JsString::from(k), ctx)
                .unwrap()
                .to_string(ctx)
                .unwrap()
                .to_std_string_lossy()
        };
        let e = node_error(ctx, Errno::ENOENT, "rename", Some("a"), Some("b"));
        assert_eq!(
            get(&e, "message", ctx),
            "ENOENT: no such file or directory, rename 'a' -> 'b'"
        );
        assert_eq!(get(&e, "errno", ctx), "-2");
        let e = node_error(ctx, Errno(26), "open", Some("x"), None);
        assert_eq!(get(&e, "code", ctx), "EIO");
        assert_eq!(get(&e, "message", ctx), "EIO: i/o error, open 'x'");
        let e = node_error(ctx, Errno::EBADF, "close", None, None);
        assert_eq!(get(&e, "message", ctx), "EBADF: bad file descriptor, close");
    }

    #[test]
    fn whole_file_reads_stop_at_the_limit() {
        let fs = MemFs::new();
        fs.write_file("/f", &[7; 100]).unwrap();
        assert_eq!(read_whole(&fs, "/f", 100).unwrap().unwrap().len(), 100);
        assert_eq!(read_whole(&fs, "/f", 99).unwrap(), None);
        assert_eq!(read_whole(&fs, "", 99).err(), Some((Errno::ENOENT, "open")));
        fs.create_dir("/d", 0o755, 0).unwrap();
        assert_eq!(
            read_whole(&fs, "/d", 99).err(),
            Some((Errno::EISDIR, "read"))
        );
        write_whole(&fs, "/g", b"abc", 0o022).unwrap();
        assert_eq!(fs.read_file("/g").unwrap(), b"abc");
        assert_eq!(fs.metadata("/g", true).unwrap().permissions(), 0o644);
    }
}
