//! `globalThis.fs`: what Go's `syscall` package (`fs_js.go`) calls.
//!
//! Writes to fd 1 and 2 go to the program's outputs as raw bytes, in order
//! (`writeSync` at once; `write` too, with its callback queued as completed
//! I/O, as node's asynchronous `fs.write` calls back from the event loop).
//! Every other operation fails with `ENOSYS`, as the polyfill in
//! `wasm_exec.js` does (Go maps `err.code` to `syscall.ENOSYS`); `fsync`
//! succeeds. A real filesystem is not provided (yet): this is a deliberate
//! difference from `wasm_exec_node.js`, which hands Go node's real `fs`.

use super::methods;
use crate::{event_loop::Callback, host::HostData};
use boa_engine::{
    Context, JsError, JsNativeError, JsResult, JsString, JsValue,
    object::{ObjectInitializer, builtins::JsTypedArray},
    property::Attribute,
};

/// `fs.constants` as node has them on Linux; Go reads `O_WRONLY`, `O_RDWR`,
/// `O_CREAT`, `O_TRUNC`, `O_APPEND`, `O_EXCL` and `O_DIRECTORY` at init
/// (`fs_js.go`) and would panic on a missing one.
const CONSTANTS: [(&str, i32); 7] = [
    ("O_WRONLY", 1),
    ("O_RDWR", 2),
    ("O_CREAT", 64),
    ("O_TRUNC", 512),
    ("O_APPEND", 1024),
    ("O_EXCL", 128),
    ("O_DIRECTORY", 65536),
];

/// Operations that answer `ENOSYS` through their callback (the last argument).
const UNSUPPORTED: [&str; 21] = [
    "chmod",
    "chown",
    "close",
    "fchmod",
    "fchown",
    "fstat",
    "ftruncate",
    "lchown",
    "link",
    "lstat",
    "mkdir",
    "open",
    "read",
    "readdir",
    "readlink",
    "rename",
    "rmdir",
    "stat",
    "symlink",
    "truncate",
    "unlink",
];

pub(crate) fn create(ctx: &mut Context) -> JsResult<JsValue> {
    let mut constants = ObjectInitializer::new(ctx);
    for (name, value) in CONSTANTS {
        constants.property(JsString::from(name), value, Attribute::all());
    }
    let constants = constants.build();
    let mut fs = ObjectInitializer::new(ctx);
    fs.property(JsString::from("constants"), constants, Attribute::all());
    methods(
        &mut fs,
        &[
            ("writeSync", write_sync, 2),
            ("write", write, 6),
            ("fsync", fsync, 2),
        ],
    );
    methods(&mut fs, &[("utimes", unsupported, 4)]);
    for name in UNSUPPORTED {
        methods(&mut fs, &[(name, unsupported, 2)]);
    }
    Ok(fs.build().into())
}

/// An `Error` like node's system errors: message `CODE: description, syscall`,
/// with `code`, `errno` and `syscall` properties.
pub(crate) fn node_error(ctx: &mut Context, e: &std::io::Error, syscall: &str) -> JsValue {
    let (code, errno) = match e.raw_os_error() {
        Some(9) => ("EBADF", -9),
        Some(32) => ("EPIPE", -32),
        Some(n) => ("EIO", -n),
        None => ("EIO", -5),
    };
    let description = e.to_string();
    let description = description
        .split(" (os error")
        .next()
        .unwrap_or("")
        .to_lowercase();
    let err = JsNativeError::error()
        .with_message(format!("{code}: {description}, {syscall}"))
        .into_opaque(ctx);
    let _ = err.set(JsString::from("code"), JsString::from(code), false, ctx);
    let _ = err.set(JsString::from("errno"), errno, false, ctx);
    let _ = err.set(
        JsString::from("syscall"),
        JsString::from(syscall),
        false,
        ctx,
    );
    err.into()
}

/// `new Error("not implemented")` with `code = "ENOSYS"` (the polyfill's `enosys()`).
pub(crate) fn enosys(ctx: &mut Context) -> JsValue {
    let err = JsNativeError::error()
        .with_message("not implemented")
        .into_opaque(ctx);
    let _ = err.set(JsString::from("code"), JsString::from("ENOSYS"), false, ctx);
    err.into()
}

/// The bytes of a `Uint8Array` (or any typed array) argument.
fn bytes_of(v: &JsValue, ctx: &mut Context) -> JsResult<Vec<u8>> {
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
    let buffer = boa_engine::object::builtins::JsArrayBuffer::from_object(
        buffer.as_object().expect("typed arrays have a buffer"),
    )?;
    let data = buffer
        .data()
        .ok_or_else(|| JsNativeError::typ().with_message("detached buffer"))?;
    Ok(data.get(offset..offset + length).unwrap_or(&[]).to_vec())
}

fn do_write(fd: &JsValue, bytes: &[u8], ctx: &mut Context) -> JsResult<usize> {
    let data = HostData::of(ctx);
    let result = match fd.as_number() {
        Some(1.0) => data.stdout.write(1, bytes),
        Some(2.0) => data.stderr.write(2, bytes),
        _ => Err(std::io::Error::from_raw_os_error(9)),
    };
    match result {
        Ok(()) => Ok(bytes.len()),
        Err(e) => Err(JsError::from_opaque(node_error(ctx, &e, "write"))),
    }
}

/// `fs.writeSync(fd, buffer)`: returns the byte count.
fn write_sync(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let fd = args.first().cloned().unwrap_or_default();
    let bytes = bytes_of(args.get(1).unwrap_or(&JsValue::undefined()), ctx)?;
    Ok(JsValue::new(do_write(&fd, &bytes, ctx)? as f64))
}

/// `fs.write(fd, buffer, offset, length, position, callback)`.
fn write(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
    let callback = arg(5);
    let bytes = bytes_of(&arg(1), ctx)?;
    let offset = arg(2).as_number().unwrap_or(0.0).max(0.0) as usize;
    let length = arg(3)
        .as_number()
        .map_or(bytes.len().saturating_sub(offset), |l| l.max(0.0) as usize);
    let outcome = if !arg(4).is_null_or_undefined() {
        vec![enosys(ctx)]
    } else {
        let chunk = bytes
            .get(offset..offset.saturating_add(length))
            .unwrap_or(&[]);
        match do_write(&arg(0), chunk, ctx) {
            Ok(n) => vec![JsValue::null(), JsValue::new(n as f64)],
            Err(e) => vec![e.into_opaque(ctx)?],
        }
    };
    queue_callback(ctx, callback, outcome);
    Ok(JsValue::undefined())
}

/// `fs.fsync(fd, callback)`: succeeds.
fn fsync(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let callback = args.get(1).cloned().unwrap_or_default();
    queue_callback(ctx, callback, vec![JsValue::null()]);
    Ok(JsValue::undefined())
}

/// Any other operation: `callback(enosys())`.
fn unsupported(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let callback = args
        .iter()
        .rev()
        .find(|a| a.is_callable())
        .cloned()
        .unwrap_or_default();
    let err = enosys(ctx);
    queue_callback(ctx, callback, vec![err]);
    Ok(JsValue::undefined())
}

fn queue_callback(ctx: &mut Context, callback: JsValue, args: Vec<JsValue>) {
    if callback.is_callable() {
        HostData::of(ctx)
            .event_loop
            .push_io(Callback { callback, args });
    }
}
