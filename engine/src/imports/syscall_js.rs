//! The `syscall/js.*` imports: the reference table and the `Reflect`
//! operations behind `js.Value`.
//!
//! Each function implements the `wasm_exec.js` (Go 1.27.3) entry of the same
//! name and is used by the `js.go` method named in its doc. `valueGet`,
//! `valueSet`, `valueDelete`, `valueIndex`, `valueSetIndex`, `valueLength`,
//! `valuePrepareString` and `valueInstanceOf` do not catch: a JS exception
//! there unwinds the guest, as under node. `valueCall`, `valueInvoke` and
//! `valueNew` catch and hand the exception to Go (`js.Error`).

use super::{Ctx, R};
use crate::{
    FuncUse, Unwind,
    world::{ErrorKind, ValueKind, World},
};
use gojs_abi::{Ref, TypeFlag, frame};

/// `finalizeRef(v ref)`: a Go `Value` was garbage-collected (or a guest
/// dropped its handle). Unknown ids are ignored, as in JS.
pub(super) fn finalize_ref<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    let id = cx.u32(cx.at(frame::finalize_ref::REF))?;
    let state = cx.host.state_mut();
    if state.table.finalize(id) {
        state.funcs.freed(id);
    }
    Ok(())
}

/// `stringVal(value string) ref`, used by `js.ValueOf(string)`.
pub(super) fn string_val<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    let v = cx.string(cx.at(frame::string_val::STRING))?;
    cx.store_value(cx.at(frame::string_val::RESULT), v)
}

/// `valueGet(v ref, p string) ref`, used by `Value.Get`.
pub(super) fn value_get<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    let target = cx.load_value(cx.at(frame::value_get::TARGET))?;
    let name = cx.key(cx.at(frame::value_get::NAME))?;
    let result = cx.js(|w| w.get(&target, &name))?;
    cx.refresh_sp()?;
    cx.store_value(cx.at(frame::value_get::RESULT), result)
}

/// `valueSet(v ref, p string, x ref)`, used by `Value.Set`.
pub(super) fn value_set<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    let target = cx.load_value(cx.at(frame::value_set::TARGET))?;
    let name = cx.key(cx.at(frame::value_set::NAME))?;
    let value = cx.load_value(cx.at(frame::value_set::VALUE))?;
    if let Some(slot) = cx.wrapper_at(cx.at(frame::value_set::VALUE))? {
        let name = cx.name_at(cx.at(frame::value_set::NAME))?;
        let on_global = cx.ref_at(cx.at(frame::value_set::TARGET))? == Ref::GLOBAL;
        cx.state()
            .funcs
            .used(slot, || FuncUse::Property { name, on_global });
    }
    cx.js(|w| w.set(&target, &name, value))
}

/// `valueDelete(v ref, p string)`, used by `Value.Delete`.
pub(super) fn value_delete<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    let target = cx.load_value(cx.at(frame::value_delete::TARGET))?;
    let name = cx.key(cx.at(frame::value_delete::NAME))?;
    cx.js(|w| w.delete(&target, &name))
}

/// `valueIndex(v ref, i int) ref`, used by `Value.Index`.
pub(super) fn value_index<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    let target = cx.load_value(cx.at(frame::value_index::TARGET))?;
    let index = cx.int64(cx.at(frame::value_index::INDEX))?;
    let result = cx.js(|w| w.get_index(&target, index))?;
    cx.store_value(cx.at(frame::value_index::RESULT), result)
}

/// `valueSetIndex(v ref, i int, x ref)`, used by `Value.SetIndex`.
pub(super) fn value_set_index<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    let target = cx.load_value(cx.at(frame::value_set_index::TARGET))?;
    let index = cx.int64(cx.at(frame::value_set_index::INDEX))?;
    let value = cx.load_value(cx.at(frame::value_set_index::VALUE))?;
    if let Some(slot) = cx.wrapper_at(cx.at(frame::value_set_index::VALUE))? {
        cx.state()
            .funcs
            .used(slot, || FuncUse::Index(index.max(0.0) as u64));
    }
    cx.js(|w| w.set_index(&target, index, value))
}

/// Writes the `(ref, bool)` result of a guarded call at the re-read `sp`:
/// the value and `1`, or the exception and `0`. An exit or a host error is
/// not Go's to see: it keeps unwinding.
fn finish_guarded<W: World>(
    cx: &mut Ctx<'_, W>,
    result: R<W::Value, W>,
    value_at: u32,
    ok_at: u32,
) -> R<(), W> {
    let (value, ok) = match result {
        Ok(v) => (v, 1),
        Err(Unwind::Throw(e)) => (e, 0),
        Err(other) => return Err(other),
    };
    cx.refresh_sp()?;
    cx.store_value(cx.at(value_at), value)?;
    cx.set_u8(cx.at(ok_at), ok)
}

/// `valueCall(v ref, m string, args []ref) (ref, bool)`, used by `Value.Call`.
pub(super) fn value_call<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    use frame::value_call::*;
    let sp = cx.sp;
    // `go._makeFuncWrapper(id)` is `js.FuncOf`: its result is tracked.
    // (Reads for the report never throw: bad input is the call's to report,
    // in the order `wasm_exec.js` reads it.)
    let makes_wrapper = cx.ref_at(cx.at(TARGET)).is_ok_and(|r| r == Ref::GO)
        && cx
            .name_at(cx.at(METHOD))
            .is_ok_and(|m| m == "_makeFuncWrapper");
    let passed = cx.wrappers_in(cx.at(ARGS));
    if !passed.is_empty() {
        let method = cx.name_at(cx.at(METHOD)).unwrap_or_default();
        for slot in passed {
            cx.state()
                .funcs
                .used(slot, || FuncUse::Method(method.clone()));
        }
    }
    let mut func_id = None;
    let result = (|| {
        let target = cx.load_value(super::at(sp, TARGET))?;
        let name = cx.key(super::at(sp, METHOD))?;
        let method = cx.js(|w| w.get(&target, &name))?;
        let args = cx.load_values(super::at(sp, ARGS))?;
        if makes_wrapper && let Some(ValueKind::Number(n)) = args.first().map(|a| cx.world.kind(a))
        {
            func_id =
                (n.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&n)).then_some(n as u32);
        }
        cx.js(|w| w.apply(&method, &target, &args))
    })();
    finish_guarded(cx, result, RESULT, OK)?;
    if let Some(id) = func_id {
        track_wrapper(cx, id, RESULT, OK)?;
    }
    Ok(())
}

/// Records the wrapper `_makeFuncWrapper(id)` returned, now in the result
/// slot of the frame.
fn track_wrapper<W: World>(cx: &mut Ctx<'_, W>, id: u32, value_at: u32, ok_at: u32) -> R<(), W> {
    let ok = cx.bytes(cx.at(ok_at), 1)?[0] == 1;
    let word = cx.ref_at(cx.at(value_at))?;
    if let (true, gojs_abi::Decoded::Id(slot)) = (ok, word.decode()) {
        let state = cx.state();
        if state.table.kind(slot) == Some(crate::table::SlotKind::Function) {
            state.funcs.made(slot, id);
        }
    }
    Ok(())
}

/// Records that the wrappers among the arguments at `args_at` were passed
/// to a call.
fn note_passed<W: World>(cx: &mut Ctx<'_, W>, args_at: u32, how: FuncUse) {
    for slot in cx.wrappers_in(cx.at(args_at)) {
        cx.state().funcs.used(slot, || how.clone());
    }
}

/// `valueInvoke(v ref, args []ref) (ref, bool)`, used by `Value.Invoke`.
pub(super) fn value_invoke<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    use frame::value_invoke::*;
    let sp = cx.sp;
    note_passed(cx, ARGS, FuncUse::Call);
    let result = (|| {
        let f = cx.load_value(super::at(sp, TARGET))?;
        let args = cx.load_values(super::at(sp, ARGS))?;
        let this = cx.world.undefined();
        cx.js(|w| w.apply(&f, &this, &args))
    })();
    finish_guarded(cx, result, RESULT, OK)
}

/// `valueNew(v ref, args []ref) (ref, bool)`, used by `Value.New`.
pub(super) fn value_new<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    use frame::value_invoke::*;
    let sp = cx.sp;
    note_passed(cx, ARGS, FuncUse::New);
    let result = (|| {
        let f = cx.load_value(super::at(sp, TARGET))?;
        let args = cx.load_values(super::at(sp, ARGS))?;
        cx.js(|w| w.construct(&f, &args))
    })();
    finish_guarded(cx, result, RESULT, OK)
}

/// `valueLength(v ref) int`, used by `Value.Length`: `parseInt(v.length)`.
pub(super) fn value_length<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    let target = cx.load_value(cx.at(frame::value_length::TARGET))?;
    let n = cx.js(|w| w.length(&target))?;
    cx.set_int64(cx.at(frame::value_length::RESULT), n)
}

/// `valuePrepareString(v ref) (ref, int)`, used by `Value.String`:
/// `TextEncoder.encode(String(v))`, kept host-side until
/// `valueLoadString` copies it out (see [`crate::table::Slot::Bytes`]).
pub(super) fn value_prepare_string<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    use frame::value_prepare_string::*;
    let target = cx.load_value(cx.at(TARGET))?;
    let bytes = cx.js(|w| w.to_string_utf8(&target))?;
    let len = bytes.len();
    let word = store_prepared(cx, bytes)?;
    cx.set_u64(cx.at(RESULT_REF), word.0)?;
    cx.set_int64(cx.at(RESULT_LEN), len as f64)
}

/// Keeps `TextEncoder.encode(String(v))` host-side in a fresh slot: the
/// ref of the `Uint8Array` it stands for.
pub(super) fn store_prepared<W: World>(cx: &mut Ctx<'_, W>, bytes: Vec<u8>) -> R<Ref, W> {
    let id = cx
        .state()
        .table
        .store_bytes(bytes.into_boxed_slice())
        .ok_or_else(super::refs_full)?;
    Ok(Ref::boxed(id, TypeFlag::Object))
}

/// `valueLoadString(v ref, b []byte)`: `loadSlice(b).set(str)`.
pub(super) fn value_load_string<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    use frame::value_load_string::*;
    let word = Ref(u64::from_le_bytes(cx.array(cx.at(TARGET))?));
    let dst = cx.slice_range(cx.at(SLICE))?;
    load_string_into(cx, word, dst)
}

/// `dst.set(str)`: copies what `valuePrepareString` prepared (or any
/// `Uint8Array`) into the guest bytes `dst`.
pub(super) fn load_string_into<W: World>(
    cx: &mut Ctx<'_, W>,
    word: Ref,
    dst: std::ops::Range<usize>,
) -> R<(), W> {
    use crate::table::{Lookup, Slot};
    if let gojs_abi::Decoded::Id(id) = word.decode() {
        // Copy straight from the slot into memory (both live in the store).
        let (memory, state) = cx.memory_and_state()?;
        if let Lookup::Live(Slot::Bytes(bytes)) = state.table.get(id) {
            if bytes.len() > dst.len() {
                let e = cx.world.error(ErrorKind::Range, "offset is out of bounds");
                return Err(Unwind::Throw(e));
            }
            memory[dst.start..dst.start + bytes.len()].copy_from_slice(bytes);
            return Ok(());
        }
    }
    // A real JS value: `Uint8Array.prototype.set` of a typed array copies it.
    let src = cx.value_of(word);
    let (memory, world) = cx.memory_and_world()?;
    if world
        .copy_from_uint8_array(&src, &mut memory[dst])
        .is_none()
    {
        return Err(Unwind::Throw(cx.world.error(
            ErrorKind::Type,
            "valueLoadString: source is not a Uint8Array",
        )));
    }
    Ok(())
}

/// `valueInstanceOf(v ref, t ref) bool`, used by `Value.InstanceOf`.
pub(super) fn value_instance_of<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    use frame::value_instance_of::*;
    let v = cx.load_value(cx.at(TARGET))?;
    let t = cx.load_value(cx.at(CLASS))?;
    let yes = cx.js(|w| w.instance_of(&v, &t))?;
    cx.set_u8(cx.at(RESULT), yes as u8)
}

/// `copyBytesToGo(dst []byte, src ref) (int, bool)`, used by `js.CopyBytesToGo`.
pub(super) fn copy_bytes_to_go<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    use frame::copy_bytes_to_go::*;
    let dst = cx.slice_range(cx.at(DST_SLICE))?;
    let src = cx.load_value(cx.at(SRC))?;
    let (memory, world) = cx.memory_and_world()?;
    let copied = world.copy_from_uint8_array(&src, &mut memory[dst]);
    finish_copy(cx, copied, RESULT_N, OK)
}

/// `copyBytesToJS(dst ref, src []byte) (int, bool)`, used by `js.CopyBytesToJS`.
pub(super) fn copy_bytes_to_js<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    use frame::copy_bytes_to_js::*;
    let dst = cx.load_value(cx.at(DST))?;
    let src = cx.slice_range(cx.at(SRC_SLICE))?;
    let (memory, world) = cx.memory_and_world()?;
    let copied = world.copy_to_uint8_array(&dst, &memory[src]);
    finish_copy(cx, copied, RESULT_N, OK)
}

fn finish_copy<W: World>(
    cx: &mut Ctx<'_, W>,
    copied: Option<usize>,
    n_at: u32,
    ok_at: u32,
) -> R<(), W> {
    match copied {
        Some(n) => {
            cx.set_int64(cx.at(n_at), n as f64)?;
            cx.set_u8(cx.at(ok_at), 1)
        }
        None => cx.set_u8(cx.at(ok_at), 0),
    }
}
