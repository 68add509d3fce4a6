//! `globalThis.fs`: what Go's `syscall` package (`fs_js.go`) calls.
//!
//! With [`Filesystem::Host`] (the default, as `wasm_exec_node.js` hands Go
//! node's real `fs`), operations reach the host filesystem through
//! [`host_fs`](super::host_fs). With [`Filesystem::Disabled`], everything
//! but stdout/stderr fails with `ENOSYS`, exactly as the polyfill in
//! `wasm_exec.js` does (a sandbox with no files).
//!
//! Callbacks are queued as completed I/O and run by the event loop, as
//! node's asynchronous `fs` calls back: Go's goroutines interleave as under
//! node. Writes happen at call time, so output order is issue order. Reads
//! of fd 0 may wait off the loop ([`stdin`](super::stdin)).
//!
//! Beyond what Go calls, `readFileSync`, `writeFileSync` and `existsSync`
//! serve preloads and `gojs run --script` scripts, under the same
//! [`Filesystem`] policy as the program.

use super::host_fs::{self, Call};
use crate::{event_loop::Task, host::HostData};
use boa_engine::{
    Context, JsError, JsNativeError, JsResult, JsString, JsValue, NativeFunction,
    object::{ObjectInitializer, builtins::JsUint8Array},
    property::Attribute,
};
use std::os::unix::fs::OpenOptionsExt;

/// What `fs` may touch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Filesystem {
    /// The host filesystem, with the permissions of this process (node's behaviour).
    #[default]
    Host,
    /// No files: every operation except writes to fd 1 and 2 (and `fsync`)
    /// fails with `ENOSYS`, as `wasm_exec.js`'s browser polyfill does.
    Disabled,
}

/// `fs.constants` as node has them on Linux; Go reads `O_WRONLY`, `O_RDWR`,
/// `O_CREAT`, `O_TRUNC`, `O_APPEND`, `O_EXCL` and `O_DIRECTORY` at init
/// (`fs_js.go`) and would panic on a missing one.
const CONSTANTS: [(&str, i32); 8] = [
    ("O_RDONLY", 0),
    ("O_WRONLY", 1),
    ("O_RDWR", 2),
    ("O_CREAT", 64),
    ("O_TRUNC", 512),
    ("O_APPEND", 1024),
    ("O_EXCL", 128),
    ("O_DIRECTORY", 65536),
];

/// The callback-taking operations, by index (captured by each native).
const OPS: [&str; 25] = [
    "open",
    "close",
    "read",
    "write",
    "fstat",
    "stat",
    "lstat",
    "readdir",
    "mkdir",
    "unlink",
    "rmdir",
    "rename",
    "link",
    "symlink",
    "chmod",
    "truncate",
    "chown",
    "lchown",
    "utimes",
    "readlink",
    "fsync",
    "ftruncate",
    "fchmod",
    "fchown",
    "fdatasync",
];

pub(crate) fn create(ctx: &mut Context) -> JsResult<JsValue> {
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
    for (i, name) in OPS.iter().enumerate() {
        let f = NativeFunction::from_copy_closure_with_captures(
            |_, args, op: &u8, ctx| operation(OPS[*op as usize], args, ctx),
            i as u8,
        );
        fs.function(f, JsString::from(*name), 2);
    }
    Ok(fs.build().into())
}

/// Runs one operation and queues its callback (the last argument).
fn operation(name: &str, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let (callback, args) = match args.split_last() {
        Some((cb, rest)) if cb.is_callable() => (cb.clone(), rest),
        _ => {
            return Err(JsNativeError::typ()
                .with_message("The \"cb\" argument must be of type function.")
                .into());
        }
    };
    let call = Call { args };
    let data = HostData::of(ctx)?;
    let outcome = match (data.options.filesystem, name) {
        (_, "write") if matches!(call.number(0), 1.0 | 2.0) => host_fs::write(ctx, &call)?,
        (_, "fsync") if call.number(0) <= 2.0 => vec![JsValue::null()],
        (Filesystem::Disabled, _) => vec![enosys(ctx)],
        (Filesystem::Host, "read") if call.number(0) == 0.0 => {
            super::stdin::read(ctx, &call, callback)?;
            return Ok(JsValue::undefined());
        }
        (Filesystem::Host, op) => match op {
            "open" => host_fs::open(ctx, &call)?,
            "close" => host_fs::close(ctx, &call)?,
            "read" => host_fs::read(ctx, &call)?,
            "write" => host_fs::write(ctx, &call)?,
            "fstat" => host_fs::fstat(ctx, &call)?,
            "stat" => host_fs::stat(ctx, &call, true)?,
            "lstat" => host_fs::stat(ctx, &call, false)?,
            "readdir" => host_fs::readdir(ctx, &call)?,
            "fsync" | "fdatasync" | "ftruncate" | "fchmod" | "fchown" => {
                host_fs::fd_op(ctx, &call, op)?
            }
            _ => host_fs::path_op(ctx, &call, op)?,
        },
    };
    data.event_loop.push_io(Task::Call {
        callback,
        args: outcome,
    });
    Ok(JsValue::undefined())
}

/// `new Error("not implemented")` with `code = "ENOSYS"` (the polyfill's `enosys()`).
pub(crate) fn enosys(ctx: &mut Context) -> JsValue {
    let err = JsNativeError::error()
        .with_message("not implemented")
        .into_opaque(ctx);
    let _ = err.set(JsString::from("code"), JsString::from("ENOSYS"), false, ctx);
    err.into()
}

/// `fs.writeSync(fd, buffer)`: writes all of the view, returns the byte count.
fn write_sync(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let fd = args.first().and_then(JsValue::as_number).unwrap_or(-1.0);
    let bytes = view_bytes(&args.get(1).cloned().unwrap_or_default(), ctx)?;
    if HostData::of(ctx)?.options.filesystem == Filesystem::Disabled && fd > 2.0 {
        return Err(JsError::from_opaque(enosys(ctx)));
    }
    let data = HostData::of(ctx)?;
    match host_fs::write_bytes(&data, fd, &bytes, None) {
        Ok(n) => Ok(JsValue::new(n as f64)),
        Err(e) => Err(JsError::from_opaque(host_fs::system_error(
            ctx, &e, "write", None,
        ))),
    }
}

/// The bytes a typed array (or `DataView`) views, copied.
fn view_bytes(v: &JsValue, ctx: &mut Context) -> JsResult<Vec<u8>> {
    let (buffer, offset, length) = host_fs::view(v, ctx)?;
    let bytes = buffer
        .data()
        .and_then(|d| Some(d.get(offset..offset.checked_add(length)?)?.to_vec()));
    bytes.ok_or_else(|| {
        JsNativeError::typ()
            .with_message("Cannot perform operation on a detached ArrayBuffer")
            .into()
    })
}

/// Throws node's system error for `e`, or `ENOSYS` when files are disabled.
fn fail<T>(ctx: &mut Context, e: &std::io::Error, syscall: &str, path: &str) -> JsResult<T> {
    Err(JsError::from_opaque(host_fs::system_error(
        ctx,
        e,
        syscall,
        Some(path),
    )))
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

/// The file's bytes, or `FileTooLarge` past [`MAX_READ_FILE`].
fn read_bounded(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_READ_FILE + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_READ_FILE {
        return Err(std::io::ErrorKind::FileTooLarge.into());
    }
    Ok(bytes)
}

/// `fs.readFileSync(path[, "utf8" | { encoding: "utf8" }])`: the file's
/// text, or its bytes as a `Uint8Array` (node gives a `Buffer`).
fn read_file_sync(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let call = Call { args };
    let (given, path) = string_path(&call, ctx)?;
    if HostData::of(ctx)?.options.filesystem == Filesystem::Disabled {
        return Err(JsError::from_opaque(enosys(ctx)));
    }
    let bytes = match read_bounded(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => {
            return Err(JsNativeError::range()
                .with_message(format!(
                    "File size is greater than {} GiB: {given}",
                    MAX_READ_FILE >> 30
                ))
                .into());
        }
        Err(e) => return fail(ctx, &e, "open", &given),
    };
    if wants_text(&call.arg(1), ctx)? {
        let text = gojs_engine::decode_utf8(&bytes);
        return Ok(JsString::from(text.as_ref()).into());
    }
    Ok(JsUint8Array::from_iter(bytes, ctx)?.into())
}

/// `fs.writeFileSync(path, data)`: `data` a string (written as UTF-8) or a
/// typed array; the file is created (mode `0o666` less the umask) or
/// truncated.
fn write_file_sync(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let call = Call { args };
    let (given, path) = string_path(&call, ctx)?;
    let data = HostData::of(ctx)?;
    if data.options.filesystem == Filesystem::Disabled {
        return Err(JsError::from_opaque(enosys(ctx)));
    }
    let contents = call.arg(1);
    let bytes = match contents.as_string() {
        Some(s) => crate::world::utf8(s.as_str()),
        None => view_bytes(&contents, ctx)?,
    };
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o666 & !data.umask.get())
        .open(&path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, &bytes));
    match written {
        Ok(()) => Ok(JsValue::undefined()),
        Err(e) => fail(ctx, &e, "open", &given),
    }
}

/// `fs.existsSync(path)`: whether the path exists (following symlinks);
/// never throws. Always false when files are disabled.
fn exists_sync(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let call = Call { args };
    if HostData::of(ctx)?.options.filesystem == Filesystem::Disabled {
        return Ok(false.into());
    }
    // node's existsSync answers false for a path it cannot validate,
    // without converting it (no user `toString` runs).
    let exists = match string_path(&call, ctx) {
        Ok((_, path)) => path.exists(),
        Err(_) => false,
    };
    Ok(exists.into())
}

/// The path argument of the sync functions: a string (node also takes a
/// `Buffer` or a `URL`; there are none here), resolved against the cwd.
fn string_path(call: &Call<'_>, ctx: &mut Context) -> JsResult<(String, std::path::PathBuf)> {
    if !call.arg(0).is_string() {
        let got = crate::convert::describe(&call.arg(0));
        return Err(JsNativeError::typ()
            .with_message(format!(
                "The \"path\" argument must be of type string or an instance of Buffer or URL. Received {got}"
            ))
            .into());
    }
    call.path(0, ctx)
}
