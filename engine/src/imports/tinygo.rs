//! TinyGo's `js/wasm` glue: the `gojs` imports of TinyGo's own
//! `wasm_exec.js` (the copy TinyGo 0.42 ships, as vendored by sh-syntax
//! 0.7.0), and the few `wasi_snapshot_preview1` functions it gives for
//! output, exit and randomness.
//!
//! The `syscall/js` operations are Go's (the same reference table, the same
//! `Reflect` calls through the [`World`]); what differs is the calling
//! convention. Go's imports take one stack pointer and read a frame; TinyGo's
//! take their arguments directly — a ref as an `i64`, a string or slice as a
//! pointer and a length (and a capacity, unused) — and return a ref or a
//! number as the wasm result; a call that returns two values writes them at
//! a `ret_addr` first argument. Pointers arrive as signed `i32`s, as JS sees
//! them: a negative one is outside the buffer (`RangeError`).
//!
//! Deliberate mirrors of that glue, not of Go's:
//! - `fd_write` prints fd 1 through `console.log` a line at a time (carriage
//!   returns dropped, an unterminated last line never printed) and answers
//!   every other descriptor with `invalid file descriptor: N` on stderr;
//! - `runtime.sleepTicks` sets a timer that calls `go_scheduler`, which no
//!   one clears, and `proc_exit` ends the entry that called it (`run`,
//!   `_resume`, a timer) rather than every JS frame above it;
//! - `finalizeRef` of an id that was never counted prints TinyGo's
//!   `syscall/js.finalizeRef: unknown id Nn`.
//!
//! TinyGo before 0.29 imported the same functions from `env`; both modules
//! are linked. Releases whose `runtime.ticks` was an `f64` of milliseconds
//! are refused at load with a signature error.

use super::{Ctx, R, syscall_js};
use crate::{
    Unwind,
    backend::{ExternTy, FuncTy, Shape, ValTy},
    error::LoadError,
    instance::check_func,
    world::{ErrorKind, World},
};
pub(crate) use gojs_abi::IMPORT_MODULE;
use gojs_abi::Ref;

/// Where TinyGo's WASI imports come from.
pub(crate) const WASI_MODULE: &str = "wasi_snapshot_preview1";
/// TinyGo ≤ 0.28's name for the `gojs` module.
pub(crate) const OLD_MODULE: &str = "env";
/// TinyGo's memory export (Go's is `mem`).
pub(crate) const EXPORT_MEMORY: &str = "memory";
/// A TinyGo command's entry point.
pub(crate) const EXPORT_START: &str = "_start";
/// A TinyGo reactor's (`-buildmode=c-shared`) entry point.
pub(crate) const EXPORT_INITIALIZE: &str = "_initialize";
/// Runs TinyGo's scheduler once a `sleepTicks` timer fires.
pub(crate) const EXPORT_SCHEDULER: &str = "go_scheduler";

use ValTy::{I32, I64};

/// Every `gojs` import of TinyGo's glue with the type TinyGo declares it
/// with.
const GOJS: [(&str, &[ValTy], &[ValTy]); 19] = [
    ("runtime.ticks", &[], &[I64]),
    ("runtime.sleepTicks", &[I64], &[]),
    ("syscall/js.finalizeRef", &[I64], &[]),
    ("syscall/js.stringVal", &[I32, I32], &[I64]),
    ("syscall/js.valueGet", &[I64, I32, I32], &[I64]),
    ("syscall/js.valueSet", &[I64, I32, I32, I64], &[]),
    ("syscall/js.valueDelete", &[I64, I32, I32], &[]),
    ("syscall/js.valueIndex", &[I64, I32], &[I64]),
    ("syscall/js.valueSetIndex", &[I64, I32, I64], &[]),
    (
        "syscall/js.valueCall",
        &[I32, I64, I32, I32, I32, I32, I32],
        &[],
    ),
    ("syscall/js.valueInvoke", &[I32, I64, I32, I32, I32], &[]),
    ("syscall/js.valueNew", &[I32, I64, I32, I32, I32], &[]),
    ("syscall/js.valueLength", &[I64], &[I32]),
    ("syscall/js.valuePrepareString", &[I32, I64], &[]),
    ("syscall/js.valueLoadString", &[I64, I32, I32, I32], &[]),
    ("syscall/js.valueInstanceOf", &[I64, I64], &[I32]),
    ("syscall/js.copyBytesToGo", &[I32, I32, I32, I32, I64], &[]),
    ("syscall/js.copyBytesToJS", &[I32, I64, I32, I32, I32], &[]),
    ("debug", &[I32], &[]),
];

/// The WASI functions the glue implements for real.
const WASI: [(&str, &[ValTy], &[ValTy]); 3] = [
    ("fd_write", &[I32, I32, I32, I32], &[I32]),
    ("proc_exit", &[I32], &[]),
    ("random_get", &[I32, I32], &[I32]),
];

/// The WASI functions the glue stubs, with the errno each returns whatever
/// its arguments (`fd_prestat_get`'s `EBADF` is what wasi-libc needs to
/// see "no preopens").
const WASI_STUBS: [(&str, i32); 7] = [
    ("fd_read", ENOSYS),
    ("fd_close", ENOSYS),
    ("fd_fdstat_get", ENOSYS),
    ("fd_prestat_get", EBADF),
    ("fd_prestat_dir_name", ENOSYS),
    ("fd_seek", ENOSYS),
    ("path_open", ENOSYS),
];
const EBADF: i32 = 8;
const ENOSYS: i32 = 52;

/// Checks a TinyGo module's imports and exports against the glue (every
/// import one it provides, with its type; `memory` and `_start` or
/// `_initialize` exported) and returns its initial memory in bytes.
pub(crate) fn check_module(module: &Shape) -> Result<u64, LoadError> {
    for (import_module, import_name, import_ty) in &module.imports {
        let full = format!("{import_module}.{import_name}");
        let listed = |table: &[(&str, &'static [ValTy], &'static [ValTy])]| {
            table
                .iter()
                .find(|(name, ..)| name == import_name)
                .map(|&(_, p, r)| (p, r))
        };
        match import_module.as_str() {
            IMPORT_MODULE | OLD_MODULE => match listed(&GOJS) {
                Some((params, results)) => check_func(full, import_ty, params, results)?,
                None => return Err(unknown(import_module, import_name)),
            },
            WASI_MODULE => {
                if let Some((params, results)) = listed(&WASI) {
                    check_func(full, import_ty, params, results)?;
                } else if WASI_STUBS.iter().any(|(n, _)| n == import_name) {
                    // A JS function takes any arguments; its number result
                    // converts to an `i32` or is dropped.
                    match import_ty {
                        ExternTy::Func(f) if f.results.iter().all(|t| *t == I32) => {}
                        _ => {
                            return Err(LoadError::Signature {
                                name: full,
                                expected: "a function returning () or (i32)".into(),
                                found: format!("{import_ty:?}"),
                            });
                        }
                    }
                } else {
                    return Err(unknown(import_module, import_name));
                }
            }
            other => return Err(unknown(other, import_name)),
        }
    }
    let &ExternTy::Memory { min_pages } = module
        .export(EXPORT_MEMORY)
        .ok_or(LoadError::MissingExport(EXPORT_MEMORY))?
    else {
        return Err(LoadError::MissingExport(EXPORT_MEMORY));
    };
    let entry = [EXPORT_START, EXPORT_INITIALIZE]
        .into_iter()
        .find(|name| module.export(name).is_some())
        .ok_or(LoadError::MissingExport(EXPORT_START))?;
    for name in [entry, gojs_abi::names::EXPORT_RESUME, EXPORT_SCHEDULER] {
        if let Some(ty) = module.export(name) {
            check_func(name.into(), ty, &[], &[])?;
        }
    }
    Ok(min_pages.saturating_mul(1 << 16))
}

fn unknown(module: &str, name: &str) -> LoadError {
    LoadError::UnknownImport {
        module: module.into(),
        name: name.into(),
    }
}

/// Calls `$import!(module, name, function, (arg: type, …) -> result)` for
/// every import of the glue: each backend's `define` wraps `function` (a
/// `fn(&mut Ctx, arg, …) -> R<result>`) into its own host function.
macro_rules! for_each_import {
    ($import:ident) => {{
        use $crate::imports::tinygo as t;
        for m in [t::IMPORT_MODULE, t::OLD_MODULE] {
            $import!(m, "runtime.ticks", t::ticks, () -> i64);
            $import!(m, "runtime.sleepTicks", t::sleep_ticks, (timeout: i64) -> ());
            $import!(m, "syscall/js.finalizeRef", t::finalize_ref, (v: i64) -> ());
            $import!(m, "syscall/js.stringVal", t::string_val, (ptr: i32, len: i32) -> i64);
            $import!(m, "syscall/js.valueGet", t::value_get, (v: i64, p: i32, n: i32) -> i64);
            $import!(m, "syscall/js.valueSet", t::value_set, (v: i64, p: i32, n: i32, x: i64) -> ());
            $import!(m, "syscall/js.valueDelete", t::value_delete, (v: i64, p: i32, n: i32) -> ());
            $import!(m, "syscall/js.valueIndex", t::value_index, (v: i64, i: i32) -> i64);
            $import!(m, "syscall/js.valueSetIndex", t::value_set_index, (v: i64, i: i32, x: i64) -> ());
            $import!(m, "syscall/js.valueCall", t::value_call,
                (ret: i32, v: i64, mp: i32, mn: i32, ap: i32, an: i32, cap: i32) -> ());
            $import!(m, "syscall/js.valueInvoke", t::value_invoke,
                (ret: i32, v: i64, ap: i32, an: i32, cap: i32) -> ());
            $import!(m, "syscall/js.valueNew", t::value_new,
                (ret: i32, v: i64, ap: i32, an: i32, cap: i32) -> ());
            $import!(m, "syscall/js.valueLength", t::value_length, (v: i64) -> i32);
            $import!(m, "syscall/js.valuePrepareString", t::value_prepare_string, (ret: i32, v: i64) -> ());
            $import!(m, "syscall/js.valueLoadString", t::value_load_string,
                (v: i64, p: i32, n: i32, cap: i32) -> ());
            $import!(m, "syscall/js.valueInstanceOf", t::value_instance_of, (v: i64, c: i64) -> i32);
            $import!(m, "syscall/js.copyBytesToGo", t::copy_bytes_to_go,
                (ret: i32, p: i32, n: i32, cap: i32, src: i64) -> ());
            $import!(m, "syscall/js.copyBytesToJS", t::copy_bytes_to_js,
                (ret: i32, dst: i64, p: i32, n: i32, cap: i32) -> ());
            $import!(m, "debug", t::debug, (value: i32) -> ());
        }
        $import!(t::WASI_MODULE, "fd_write", t::fd_write,
            (fd: i32, iovs: i32, count: i32, written: i32) -> i32);
        $import!(t::WASI_MODULE, "proc_exit", t::proc_exit, (code: i32) -> ());
        $import!(t::WASI_MODULE, "random_get", t::random_get, (ptr: i32, len: i32) -> i32);
    }};
}
pub(crate) use for_each_import;

/// The WASI functions `shape` imports that the glue stubs: their names,
/// types, and the errno each returns whatever its arguments.
pub(crate) fn wasi_stubs(shape: &Shape) -> Vec<(String, FuncTy, i32)> {
    shape
        .imports
        .iter()
        .filter(|(m, ..)| m == WASI_MODULE)
        .filter_map(|(_, name, ty)| {
            let (_, errno) = WASI_STUBS.iter().find(|(n, _)| n == name)?;
            match ty {
                ExternTy::Func(f) => Some((name.clone(), f.clone(), *errno)),
                _ => None,
            }
        })
        .collect()
}

pub(crate) fn value_get<W: World>(cx: &mut Ctx<'_, W>, v: i64, p: i32, n: i32) -> R<i64, W> {
    let key = key(cx, p, n)?;
    let target = unbox(cx, v);
    let result = cx.js(|w| w.get(&target, &key))?;
    boxed(cx, result)
}

pub(crate) fn value_set<W: World>(cx: &mut Ctx<'_, W>, v: i64, p: i32, n: i32, x: i64) -> R<(), W> {
    let target = unbox(cx, v);
    let key = key(cx, p, n)?;
    let value = unbox(cx, x);
    cx.js(|w| w.set(&target, &key, value))
}

pub(crate) fn value_delete<W: World>(cx: &mut Ctx<'_, W>, v: i64, p: i32, n: i32) -> R<(), W> {
    let target = unbox(cx, v);
    let key = key(cx, p, n)?;
    cx.js(|w| w.delete(&target, &key))
}

pub(crate) fn value_index<W: World>(cx: &mut Ctx<'_, W>, v: i64, i: i32) -> R<i64, W> {
    let target = unbox(cx, v);
    let result = cx.js(|w| w.get_index(&target, i.into()))?;
    boxed(cx, result)
}

pub(crate) fn value_set_index<W: World>(cx: &mut Ctx<'_, W>, v: i64, i: i32, x: i64) -> R<(), W> {
    let target = unbox(cx, v);
    let value = unbox(cx, x);
    cx.js(|w| w.set_index(&target, i.into(), value))
}

#[allow(clippy::too_many_arguments, reason = "the import's own parameters")]
pub(crate) fn value_call<W: World>(
    cx: &mut Ctx<'_, W>,
    ret: i32,
    v: i64,
    mp: i32,
    mn: i32,
    ap: i32,
    an: i32,
    _cap: i32,
) -> R<(), W> {
    let target = unbox(cx, v);
    let name = key(cx, mp, mn)?;
    let args = values(cx, ap, an)?;
    let result = (|| {
        let method = cx.js(|w| w.get(&target, &name))?;
        cx.js(|w| w.apply(&method, &target, &args))
    })();
    finish_guarded(cx, result, ret)
}

pub(crate) fn value_invoke<W: World>(
    cx: &mut Ctx<'_, W>,
    ret: i32,
    v: i64,
    ap: i32,
    an: i32,
    _cap: i32,
) -> R<(), W> {
    // Everything is inside the glue's `try`, the loads included.
    let result = (|| {
        let f = unbox(cx, v);
        let args = values(cx, ap, an)?;
        let this = cx.world.undefined();
        cx.js(|w| w.apply(&f, &this, &args))
    })();
    finish_guarded(cx, result, ret)
}

pub(crate) fn value_new<W: World>(
    cx: &mut Ctx<'_, W>,
    ret: i32,
    v: i64,
    ap: i32,
    an: i32,
    _cap: i32,
) -> R<(), W> {
    let f = unbox(cx, v);
    let args = values(cx, ap, an)?;
    let result = cx.js(|w| w.construct(&f, &args));
    finish_guarded(cx, result, ret)
}

pub(crate) fn value_length<W: World>(cx: &mut Ctx<'_, W>, v: i64) -> R<i32, W> {
    let target = unbox(cx, v);
    let n = cx.js(|w| w.length_number(&target))?;
    Ok(super::to_uint32(n) as i32)
}

pub(crate) fn value_prepare_string<W: World>(cx: &mut Ctx<'_, W>, ret: i32, v: i64) -> R<(), W> {
    let target = unbox(cx, v);
    let bytes = cx.js(|w| w.to_string_utf8(&target))?;
    let len = bytes.len();
    let word = syscall_js::store_prepared(cx, bytes)?;
    cx.set_u64(addr(ret, 0), word.0)?;
    cx.set_u32(addr(ret, 8), super::to_uint32(len as f64))
}

pub(crate) fn value_load_string<W: World>(
    cx: &mut Ctx<'_, W>,
    v: i64,
    p: i32,
    n: i32,
    _cap: i32,
) -> R<(), W> {
    let dst = view(cx, p.into(), n, View::Uint8Array)?;
    syscall_js::load_string_into(cx, Ref(v as u64), dst)
}

pub(crate) fn value_instance_of<W: World>(cx: &mut Ctx<'_, W>, v: i64, t: i64) -> R<i32, W> {
    let value = unbox(cx, v);
    let class = unbox(cx, t);
    Ok(cx.js(|w| w.instance_of(&value, &class))?.into())
}

pub(crate) fn copy_bytes_to_go<W: World>(
    cx: &mut Ctx<'_, W>,
    ret: i32,
    p: i32,
    n: i32,
    _cap: i32,
    src: i64,
) -> R<(), W> {
    let dst = view(cx, p.into(), n, View::Uint8Array)?;
    let src = unbox(cx, src);
    let (memory, world) = cx.memory_and_world()?;
    let copied = world.copy_from_uint8_array(&src, &mut memory[dst]);
    finish_copy(cx, copied, ret)
}

pub(crate) fn copy_bytes_to_js<W: World>(
    cx: &mut Ctx<'_, W>,
    ret: i32,
    dst: i64,
    p: i32,
    n: i32,
    _cap: i32,
) -> R<(), W> {
    let dst = unbox(cx, dst);
    let src = view(cx, p.into(), n, View::Uint8Array)?;
    let (memory, world) = cx.memory_and_world()?;
    let copied = world.copy_to_uint8_array(&dst, &memory[src]);
    finish_copy(cx, copied, ret)
}

pub(crate) fn debug<W: World>(cx: &mut Ctx<'_, W>, value: i32) -> R<(), W> {
    cx.world.debug(value);
    Ok(())
}

/// `proc_exit(code)`: `this.exited = true; this.exitCode = code; throw
/// wasmExit`.
pub(crate) fn proc_exit<W: World>(cx: &mut Ctx<'_, W>, code: i32) -> R<(), W> {
    cx.host.state_mut().exit_code = Some(code);
    Err(Unwind::Exit)
}

/// `random_get(ptr, len)`: `crypto.getRandomValues` over the view.
pub(crate) fn random_get<W: World>(cx: &mut Ctx<'_, W>, ptr: i32, len: i32) -> R<i32, W> {
    let range = view(cx, ptr.into(), len, View::Uint8Array)?;
    let (memory, world) = cx.memory_and_world()?;
    super::runtime::random_fill(world, &mut memory[range])?;
    Ok(0)
}

/// Which constructor the glue builds over `memory.buffer` (their range
/// errors differ).
#[derive(Clone, Copy)]
enum View {
    /// `new DataView(buffer, ptr, len)` (`loadString`).
    DataView,
    /// `new Uint8Array(buffer, ptr, len)` (`loadSlice`).
    Uint8Array,
}

/// The guest bytes `ptr..ptr+len` of a view over linear memory, or the
/// `RangeError` V8 throws for it. Pointers and lengths are the wasm
/// arguments as JS sees them: signed.
fn view<W: World>(
    cx: &mut Ctx<'_, W>,
    ptr: i64,
    len: i32,
    kind: View,
) -> R<std::ops::Range<usize>, W> {
    let size = cx.memory_len()? as i64;
    let message = if ptr < 0 || ptr > size {
        format!("Start offset {ptr} is outside the bounds of the buffer")
    } else if len < 0 || ptr + i64::from(len) > size {
        match kind {
            View::DataView => format!("Invalid DataView length {len}"),
            View::Uint8Array => format!("Invalid typed array length: {len}"),
        }
    } else {
        return Ok(ptr as usize..(ptr + i64::from(len)) as usize);
    };
    Err(Unwind::Throw(cx.world.error(ErrorKind::Range, &message)))
}

/// `ptr + offset` as JS adds them: a negative address is outside memory.
fn addr(ptr: i32, offset: u32) -> u64 {
    u64::try_from(i64::from(ptr) + i64::from(offset)).unwrap_or(u64::MAX)
}

/// `unboxValue(v_ref)`.
fn unbox<W: World>(cx: &mut Ctx<'_, W>, v: i64) -> W::Value {
    cx.value_of(Ref(v as u64))
}

/// `boxValue(v)`: the ref returned as the import's `i64` result.
fn boxed<W: World>(cx: &mut Ctx<'_, W>, v: W::Value) -> R<i64, W> {
    Ok(cx.box_value(v)?.0 as i64)
}

/// `loadString(ptr, len)` used as a property name.
fn key<W: World>(cx: &mut Ctx<'_, W>, ptr: i32, len: i32) -> R<W::Key, W> {
    let range = view(cx, ptr.into(), len, View::DataView)?;
    cx.key_in(range)
}

/// `loadSliceOfValues(array, len)`: `new Array(len)`, then one
/// `getBigUint64` per element.
fn values<W: World>(cx: &mut Ctx<'_, W>, ptr: i32, len: i32) -> R<Vec<W::Value>, W> {
    if len < 0 {
        let e = cx.world.error(ErrorKind::Range, "Invalid array length");
        return Err(Unwind::Throw(e));
    }
    if len == 0 {
        return Ok(Vec::new());
    }
    cx.values_at(addr(ptr, 0), len as u64)
}

/// The glue's `try { storeValue(ret_addr, …); setUint8(ret_addr + 8, 1) }
/// catch (err) { storeValue(ret_addr, err); setUint8(ret_addr + 8, 0) }`.
/// An exit or a host error is not Go's to see: it keeps unwinding.
fn finish_guarded<W: World>(cx: &mut Ctx<'_, W>, result: R<W::Value, W>, ret: i32) -> R<(), W> {
    let (value, ok) = match result {
        Ok(v) => (v, 1),
        Err(Unwind::Throw(e)) => (e, 0),
        Err(other) => return Err(other),
    };
    cx.store_value(addr(ret, 0), value)?;
    cx.set_u8(addr(ret, 8), ok)
}

/// `(int, bool)` of the copies: the count at `ret_addr` (an `i32`) and the
/// status byte at `ret_addr + 4`; only the status when not a `Uint8Array`.
fn finish_copy<W: World>(cx: &mut Ctx<'_, W>, copied: Option<usize>, ret: i32) -> R<(), W> {
    match copied {
        Some(n) => {
            cx.set_u32(addr(ret, 0), super::to_uint32(n as f64))?;
            cx.set_u8(addr(ret, 4), 1)
        }
        None => cx.set_u8(addr(ret, 4), 0),
    }
}

/// `runtime.ticks() int64`: `BigInt((timeOrigin + performance.now()) * 1e6)`.
pub(crate) fn ticks<W: World>(cx: &mut Ctx<'_, W>) -> R<i64, W> {
    let ns = cx.world.monotonic_ms() * 1e6;
    if ns.fract() != 0.0 || !ns.is_finite() {
        let msg =
            format!("The number {ns} cannot be converted to a BigInt because it is not an integer");
        return Err(Unwind::Throw(cx.world.error(ErrorKind::Range, &msg)));
    }
    Ok(ns as i64)
}

/// `runtime.sleepTicks(timeout int64)`: `setTimeout(go_scheduler,
/// Number(timeout) / 1e6)`; the scheduler runs when it fires
/// ([`GoInstance::fire_timeout`](crate::GoInstance::fire_timeout)). Never
/// cleared, so not kept in the table of Go's timeouts.
pub(crate) fn sleep_ticks<W: World>(cx: &mut Ctx<'_, W>, timeout: i64) -> R<(), W> {
    let state = cx.host.state_mut();
    let id = state.next_timeout_id;
    state.next_timeout_id = state.next_timeout_id.wrapping_add(1);
    cx.world.set_go_timer(id, timeout as f64 / 1e6)?;
    Ok(())
}

/// `syscall/js.finalizeRef(v ref)`: one Go reference fewer; an id that was
/// never counted (a predefined one, or one never handed out) is reported.
pub(crate) fn finalize_ref<W: World>(cx: &mut Ctx<'_, W>, v: i64) -> R<(), W> {
    let id = v as u64 as u32;
    let table = &mut cx.host.state_mut().table;
    if table.is_counted(id) {
        table.finalize(id);
    } else {
        cx.world
            .warn(&format!("syscall/js.finalizeRef: unknown id {id}n"));
    }
    Ok(())
}

/// `syscall/js.stringVal(ptr, len) ref`: the pointer through `>>> 0`.
pub(crate) fn string_val<W: World>(cx: &mut Ctx<'_, W>, ptr: i32, len: i32) -> R<i64, W> {
    let range = view(cx, (ptr as u32).into(), len, View::DataView)?;
    let s = cx.string_in(range)?;
    boxed(cx, s)
}

/// `fd_write(fd, iovs, count, nwritten)` of the glue: fd 1 goes to
/// `console.log` a line at a time; anything else is reported and dropped
/// (still success, nothing written).
pub(crate) fn fd_write<W: World>(
    cx: &mut Ctx<'_, W>,
    fd: i32,
    iovs: i32,
    count: i32,
    written: i32,
) -> R<i32, W> {
    let mut total = 0f64;
    if fd == 1 {
        for i in 0..count.max(0) {
            let iov = addr(iovs, 0).saturating_add(u64::from(i as u32) * 8);
            let ptr = cx.u32(iov)?;
            let len = cx.u32(iov.saturating_add(4))?;
            total += f64::from(len);
            // `getUint8(ptr + i)` byte by byte: the bytes inside memory are
            // printed before the first one outside throws.
            let memory_len = cx.memory_len()? as u64;
            let end = u64::from(ptr) + u64::from(len);
            let range = u64::from(ptr).min(memory_len) as usize..end.min(memory_len) as usize;
            let (memory, state) = cx.memory_and_state()?;
            let mut lines = Vec::new();
            for &byte in &memory[range] {
                match byte {
                    b'\r' => {}
                    b'\n' => lines.push(std::mem::take(&mut state.log_line)),
                    _ => state.log_line.push(byte),
                }
            }
            for line in lines {
                let mut text = super::decode_utf8(&line).into_owned();
                text.push('\n');
                cx.world.write_sync(1.0, text.as_bytes())?;
            }
            if end > memory_len {
                let e = cx.world.error(
                    ErrorKind::Range,
                    "Offset is outside the bounds of the DataView",
                );
                return Err(Unwind::Throw(e));
            }
        }
    } else {
        let message = format!("invalid file descriptor: {fd}\n");
        cx.world.write_sync(2.0, message.as_bytes())?;
    }
    cx.set_u32(addr(written, 0), super::to_uint32(total))?;
    Ok(0)
}
