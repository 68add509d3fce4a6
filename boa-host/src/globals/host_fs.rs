//! The host filesystem behind `globalThis.fs`, as node's `fs` module gives
//! it to Go under `wasm_exec_node.js`: real files, real errors with node's
//! `code`s (Go maps them to `syscall.Errno`; an unknown code makes Go panic,
//! so every errno is named).
//!
//! Paths are resolved against the program's own `process.cwd()`. File
//! descriptors are the host's own numbers, kept in a per-program table so a
//! guest can only use descriptors it opened (plus 0, 1, 2).

use crate::host::HostData;
use boa_engine::{
    Context, JsNativeError, JsResult, JsString, JsValue,
    object::{
        ObjectInitializer,
        builtins::{JsArray, JsArrayBuffer, JsTypedArray},
    },
    property::Attribute,
};
use std::{
    fs::{self, File, OpenOptions},
    io::{self, Read, Write},
    os::fd::AsRawFd,
    os::unix::fs::{DirBuilderExt, FileExt, MetadataExt, OpenOptionsExt, PermissionsExt},
    path::PathBuf,
    time::{Duration, UNIX_EPOCH},
};

/// Linux errno numbers and their names, for node-style `err.code`.
const ERRNO: [(i32, &str); 37] = [
    (1, "EPERM"),
    (2, "ENOENT"),
    (3, "ESRCH"),
    (4, "EINTR"),
    (5, "EIO"),
    (6, "ENXIO"),
    (7, "E2BIG"),
    (9, "EBADF"),
    (11, "EAGAIN"),
    (12, "ENOMEM"),
    (13, "EACCES"),
    (14, "EFAULT"),
    (16, "EBUSY"),
    (17, "EEXIST"),
    (18, "EXDEV"),
    (19, "ENODEV"),
    (20, "ENOTDIR"),
    (21, "EISDIR"),
    (22, "EINVAL"),
    (23, "ENFILE"),
    (24, "EMFILE"),
    (25, "ENOTTY"),
    (26, "ETXTBSY"),
    (27, "EFBIG"),
    (28, "ENOSPC"),
    (29, "ESPIPE"),
    (30, "EROFS"),
    (31, "EMLINK"),
    (32, "EPIPE"),
    (36, "ENAMETOOLONG"),
    (38, "ENOSYS"),
    (39, "ENOTEMPTY"),
    (40, "ELOOP"),
    (61, "ENODATA"),
    (95, "EOPNOTSUPP"),
    (110, "ETIMEDOUT"),
    (122, "EDQUOT"),
];

/// A node system error: `CODE: description, syscall 'path'`.
pub(crate) fn system_error(
    ctx: &mut Context,
    e: &io::Error,
    syscall: &str,
    path: Option<&str>,
) -> JsValue {
    let errno = e.raw_os_error().unwrap_or(5);
    let code = ERRNO
        .iter()
        .find(|(n, _)| *n == errno)
        .map_or("EIO", |(_, c)| c);
    let description = e.to_string();
    let description = description
        .split(" (os error")
        .next()
        .unwrap_or("")
        .to_lowercase();
    let suffix = path.map(|p| format!(" '{p}'")).unwrap_or_default();
    let err = JsNativeError::error()
        .with_message(format!("{code}: {description}, {syscall}{suffix}"))
        .into_opaque(ctx);
    let _ = err.set(
        JsString::from("code"),
        JsString::from(code.to_string()),
        false,
        ctx,
    );
    let _ = err.set(JsString::from("errno"), -errno, false, ctx);
    let _ = err.set(
        JsString::from("syscall"),
        JsString::from(syscall),
        false,
        ctx,
    );
    if let Some(p) = path {
        let _ = err.set(JsString::from("path"), JsString::from(p), false, ctx);
    }
    err.into()
}

/// The arguments of one `fs` call, and how to answer it.
pub(crate) struct Call<'a> {
    pub args: &'a [JsValue],
}

impl Call<'_> {
    pub fn arg(&self, i: usize) -> JsValue {
        self.args.get(i).cloned().unwrap_or_default()
    }

    pub fn string(&self, i: usize, ctx: &mut Context) -> JsResult<String> {
        Ok(self.arg(i).to_string(ctx)?.to_std_string_lossy())
    }

    pub fn number(&self, i: usize) -> f64 {
        self.arg(i).as_number().unwrap_or(0.0)
    }

    /// A path argument, relative ones taken from the program's cwd. Not
    /// normalised: the OS resolves `..` after symlinks, as it does for node.
    pub fn path(&self, i: usize, ctx: &mut Context) -> JsResult<(String, PathBuf)> {
        let given = self.string(i, ctx)?;
        let path = if given.starts_with('/') {
            PathBuf::from(&given)
        } else {
            PathBuf::from(HostData::of(ctx)?.cwd.borrow().as_str()).join(&given)
        };
        Ok((given, path))
    }
}

/// Runs `op` and turns its result into callback arguments.
pub(crate) fn settle(
    ctx: &mut Context,
    syscall: &str,
    path: Option<&str>,
    result: io::Result<JsValue>,
) -> Vec<JsValue> {
    match result {
        Ok(v) if v.is_undefined() => vec![JsValue::null()],
        Ok(v) => vec![JsValue::null(), v],
        Err(e) => vec![system_error(ctx, &e, syscall, path)],
    }
}

fn bad_fd() -> io::Error {
    io::Error::from_raw_os_error(9)
}

/// Runs `f` on the open file `fd`.
fn with_file<T>(
    data: &HostData,
    fd: f64,
    f: impl FnOnce(&mut File) -> io::Result<T>,
) -> io::Result<T> {
    let mut files = data.files.borrow_mut();
    let file = files.get_mut(&(fd as i32)).ok_or_else(bad_fd)?;
    f(file)
}

/// `fs.open(path, flags, mode, cb)`: node's numeric flags (Linux values).
pub(crate) fn open(ctx: &mut Context, call: &Call<'_>) -> JsResult<Vec<JsValue>> {
    let (given, path) = call.path(0, ctx)?;
    let flags = call.number(1) as i32;
    let mode =
        call.arg(2).as_number().unwrap_or(0o666.into()) as u32 & !HostData::of(ctx)?.umask.get();
    let mut options = OpenOptions::new();
    match flags & 3 {
        1 => options.write(true),
        2 => options.read(true).write(true),
        _ => options.read(true),
    };
    options
        .append(flags & 1024 != 0)
        .truncate(flags & 512 != 0)
        .mode(mode)
        .custom_flags(flags & !(3 | 64 | 128 | 512 | 1024));
    if flags & 64 != 0 {
        if flags & 128 != 0 {
            options.create_new(true);
        } else {
            options.create(true);
        }
    }
    let data = HostData::of(ctx)?;
    let result = options.open(&path).map(|file| {
        let fd = file.as_raw_fd();
        data.files.borrow_mut().insert(fd, file);
        JsValue::new(fd)
    });
    Ok(settle(ctx, "open", Some(&given), result))
}

/// `fs.close(fd, cb)`.
pub(crate) fn close(ctx: &mut Context, call: &Call<'_>) -> JsResult<Vec<JsValue>> {
    let fd = call.number(0) as i32;
    let removed = HostData::of(ctx)?.files.borrow_mut().remove(&fd);
    let result = removed.map(|_| JsValue::undefined()).ok_or_else(bad_fd);
    Ok(settle(ctx, "close", None, result))
}

/// The bytes of a typed-array argument's view: `(buffer, offset, length)`.
pub(crate) fn view(v: &JsValue, ctx: &mut Context) -> JsResult<(JsArrayBuffer, usize, usize)> {
    let array = v
        .as_object()
        .and_then(|o| JsTypedArray::from_object(o).ok())
        .ok_or_else(|| {
            JsNativeError::typ().with_message(
                "The \"buffer\" argument must be an instance of Buffer, TypedArray, or DataView.",
            )
        })?;
    let offset = array.byte_offset(ctx)?;
    let length = array.byte_length(ctx)?;
    let buffer = array.buffer(ctx)?;
    let buffer =
        JsArrayBuffer::from_object(buffer.as_object().expect("typed arrays have a buffer"))?;
    Ok((buffer, offset, length))
}

/// The `(offset, length)` window of `fs.read`/`fs.write` inside a view:
/// integers that fit in it, or `EINVAL` (NaN, ±Infinity and fractions
/// included).
pub(crate) fn window(call: &Call<'_>, view_len: usize) -> io::Result<(usize, usize)> {
    let offset = call.arg(2).as_number().unwrap_or(0.0);
    let length = call.arg(3).as_number().unwrap_or(view_len as f64 - offset);
    let whole = |n: f64| n.is_finite() && n >= 0.0 && n.fract() == 0.0;
    if !whole(offset) || !whole(length) || offset + length > view_len as f64 {
        return Err(io::Error::from_raw_os_error(22));
    }
    Ok((offset as usize, length as usize))
}

/// `fs.read(fd, buffer, offset, length, position, cb)`.
pub(crate) fn read(ctx: &mut Context, call: &Call<'_>) -> JsResult<Vec<JsValue>> {
    let data = HostData::of(ctx)?;
    let fd = call.number(0);
    let (buffer, base, view_len) = view(&call.arg(1), ctx)?;
    let position = call.arg(4).as_number().filter(|p| *p >= 0.0);
    let result = window(call, view_len).and_then(|(offset, length)| {
        let mut chunk = vec![0u8; length];
        // fd 0 is read by `stdin::read`, off the event loop.
        let n = with_file(&data, fd, |f| match position {
            Some(p) => f.read_at(&mut chunk, p as u64),
            None => f.read(&mut chunk),
        })?;
        let at = base + offset;
        let copied = buffer.data_mut().and_then(|mut data| {
            data.get_mut(at..at + n)?.copy_from_slice(&chunk[..n]);
            Some(())
        });
        // The view's buffer is smaller than the view said (detached).
        copied.ok_or_else(|| io::Error::from_raw_os_error(14))?;
        Ok(JsValue::new(n as f64))
    });
    Ok(settle(ctx, "read", None, result))
}

/// `fs.write(fd, buffer, offset, length, position, cb)` and `fs.writeSync`.
pub(crate) fn write_bytes(
    data: &HostData,
    fd: f64,
    bytes: &[u8],
    position: Option<f64>,
) -> io::Result<usize> {
    match (fd, position) {
        (1.0, _) => data.options.stdout.write(1, bytes).map(|()| bytes.len()),
        (2.0, _) => data.options.stderr.write(2, bytes).map(|()| bytes.len()),
        (_, Some(p)) => with_file(data, fd, |f| f.write_at(bytes, p as u64)),
        (_, None) => with_file(data, fd, |f| f.write(bytes)),
    }
}

/// `fs.write(fd, buffer, offset, length, position, cb)`.
pub(crate) fn write(ctx: &mut Context, call: &Call<'_>) -> JsResult<Vec<JsValue>> {
    let data = HostData::of(ctx)?;
    let fd = call.number(0);
    let (buffer, base, view_len) = view(&call.arg(1), ctx)?;
    let position = call.arg(4).as_number().filter(|p| *p >= 0.0);
    let result = window(call, view_len).and_then(|(offset, length)| {
        let at = base + offset;
        let bytes = buffer
            .data()
            .and_then(|d| Some(d.get(at..at + length)?.to_vec()))
            .ok_or_else(|| io::Error::from_raw_os_error(14))?;
        write_bytes(&data, fd, &bytes, position).map(|n| JsValue::new(n as f64))
    });
    Ok(settle(ctx, "write", None, result))
}

/// A node `Stats` object: the fields Go's `setStat` reads, and `isDirectory()`.
fn stats(ctx: &mut Context, m: &fs::Metadata) -> JsValue {
    let ms = |secs: i64, nsecs: i64| secs as f64 * 1000.0 + (nsecs / 1_000_000) as f64;
    let is_dir = m.is_dir();
    let is_dir_fn = super::function(
        ctx,
        if is_dir { returns_true } else { returns_false },
        "isDirectory",
        0,
    );
    let mut o = ObjectInitializer::new(ctx);
    let fields: [(&str, f64); 13] = [
        ("dev", m.dev() as f64),
        ("ino", m.ino() as f64),
        ("mode", m.mode() as f64),
        ("nlink", m.nlink() as f64),
        ("uid", m.uid() as f64),
        ("gid", m.gid() as f64),
        ("rdev", m.rdev() as f64),
        ("size", m.size() as f64),
        ("blksize", m.blksize() as f64),
        ("blocks", m.blocks() as f64),
        ("atimeMs", ms(m.atime(), m.atime_nsec())),
        ("mtimeMs", ms(m.mtime(), m.mtime_nsec())),
        ("ctimeMs", ms(m.ctime(), m.ctime_nsec())),
    ];
    for (name, value) in fields {
        o.property(JsString::from(name), value, Attribute::all());
    }
    o.property(JsString::from("isDirectory"), is_dir_fn, Attribute::all());
    o.build().into()
}

fn returns_true(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(true.into())
}

fn returns_false(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(false.into())
}

/// `fs.fstat(fd, cb)`.
pub(crate) fn fstat(ctx: &mut Context, call: &Call<'_>) -> JsResult<Vec<JsValue>> {
    let data = HostData::of(ctx)?;
    let meta = match call.number(0) {
        fd @ (0.0 | 1.0 | 2.0) => {
            // SAFETY-free route to the std streams' metadata: /proc/self/fd.
            fs::metadata(format!("/proc/self/fd/{fd}"))
        }
        fd => with_file(&data, fd, |f| f.metadata()),
    };
    let result = meta.map(|m| stats(ctx, &m));
    Ok(settle(ctx, "fstat", None, result))
}

/// `fs.stat(path, cb)` / `fs.lstat(path, cb)`.
pub(crate) fn stat(ctx: &mut Context, call: &Call<'_>, follow: bool) -> JsResult<Vec<JsValue>> {
    let (given, path) = call.path(0, ctx)?;
    let meta = if follow {
        fs::metadata(&path)
    } else {
        fs::symlink_metadata(&path)
    };
    let result = meta.map(|m| stats(ctx, &m));
    Ok(settle(
        ctx,
        if follow { "stat" } else { "lstat" },
        Some(&given),
        result,
    ))
}

/// `fs.readdir(path, cb)`: entry names, without `.` and `..`.
pub(crate) fn readdir(ctx: &mut Context, call: &Call<'_>) -> JsResult<Vec<JsValue>> {
    let (given, path) = call.path(0, ctx)?;
    let names = fs::read_dir(&path).and_then(|entries| {
        entries
            .map(|e| {
                e.map(|e| JsValue::from(JsString::from(e.file_name().to_string_lossy().as_ref())))
            })
            .collect::<io::Result<Vec<_>>>()
    });
    let result = names.map(|names| JsArray::from_iter(names, ctx).into());
    Ok(settle(ctx, "scandir", Some(&given), result))
}

/// Path operations with no result: `mkdir`, `unlink`, `rmdir`, `rename`,
/// `link`, `symlink`, `chmod`, `truncate`, `chown`, `lchown`, `utimes`, `readlink`.
pub(crate) fn path_op(ctx: &mut Context, call: &Call<'_>, name: &str) -> JsResult<Vec<JsValue>> {
    let (given, path) = call.path(0, ctx)?;
    let second = match call.args.len() > 1 && matches!(name, "rename" | "link" | "symlink") {
        true => call.path(1, ctx)?.1,
        false => PathBuf::new(),
    };
    let target = call.string(0, ctx)?;
    let done = |r: io::Result<()>| r.map(|()| JsValue::undefined());
    let result = match name {
        "mkdir" => {
            let mode = call.arg(1).as_number().unwrap_or(0o777.into()) as u32
                & !HostData::of(ctx)?.umask.get();
            done(fs::DirBuilder::new().mode(mode).create(&path))
        }
        "unlink" => done(fs::remove_file(&path)),
        "rmdir" => done(fs::remove_dir(&path)),
        "rename" => done(fs::rename(&path, second.clone())),
        "link" => done(fs::hard_link(&path, second.clone())),
        "symlink" => {
            // `symlink(target, path)`: the target is stored as given.
            done(std::os::unix::fs::symlink(target, second.clone()))
        }
        "chmod" => done(fs::set_permissions(
            &path,
            fs::Permissions::from_mode(call.number(1) as u32),
        )),
        "truncate" => done(
            OpenOptions::new()
                .write(true)
                .open(&path)
                .and_then(|f| f.set_len(call.number(1) as u64)),
        ),
        "chown" => done(std::os::unix::fs::chown(
            &path,
            Some(call.number(1) as u32),
            Some(call.number(2) as u32),
        )),
        "lchown" => done(std::os::unix::fs::lchown(
            &path,
            Some(call.number(1) as u32),
            Some(call.number(2) as u32),
        )),
        "utimes" => {
            let at = |s: f64| UNIX_EPOCH + Duration::from_secs_f64(s.max(0.0));
            let times = fs::FileTimes::new()
                .set_accessed(at(call.number(1)))
                .set_modified(at(call.number(2)));
            done(
                File::options()
                    .write(true)
                    .open(&path)
                    .or_else(|_| File::open(&path))
                    .and_then(|f| f.set_times(times)),
            )
        }
        "readlink" => {
            fs::read_link(&path).map(|t| JsString::from(t.to_string_lossy().as_ref()).into())
        }
        _ => Err(io::Error::from_raw_os_error(38)),
    };
    Ok(settle(ctx, name, Some(&given), result))
}

/// Descriptor operations with no result: `fsync`, `ftruncate`, `fchmod`, `fchown`.
pub(crate) fn fd_op(ctx: &mut Context, call: &Call<'_>, name: &str) -> JsResult<Vec<JsValue>> {
    let data = HostData::of(ctx)?;
    let fd = call.number(0);
    let arg1 = call.number(1);
    let arg2 = call.number(2);
    let result = if fd <= 2.0 && name == "fsync" {
        Ok(())
    } else {
        with_file(&data, fd, |f| match name {
            "fsync" => f.sync_all(),
            "ftruncate" => f.set_len(arg1 as u64),
            "fchmod" => f.set_permissions(fs::Permissions::from_mode(arg1 as u32)),
            "fchown" => std::os::unix::fs::fchown(&*f, Some(arg1 as u32), Some(arg2 as u32)),
            _ => Err(io::Error::from_raw_os_error(38)),
        })
    };
    Ok(settle(
        ctx,
        name,
        None,
        result.map(|()| JsValue::undefined()),
    ))
}
