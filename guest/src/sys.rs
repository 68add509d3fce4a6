//! The only module with `unsafe`: the `gojs` imports, the hand-off of a
//! [`Frame`] to the host, the `getsp` bookkeeping, the memory-view refresh and
//! the one raw read of the argv area.
//!
//! Everything above this module is safe Rust: each import gets a typed wrapper
//! here that builds its frame from borrowed data, calls the import, and decodes
//! the results. It does not own reference counting ([`crate::value`]) or
//! callbacks ([`crate::func`]).
//!
//! # How a call crosses the boundary
//!
//! 1. The wrapper fills a zeroed [`Frame`] on the Rust stack (which lives in
//!    linear memory) with the arguments at [`gojs_abi::frame`] offsets.
//! 2. [`enter`] refreshes the host's memory view if memory grew, records the
//!    frame's address as the current `sp` (saving the outer one), calls the
//!    import with that address, and restores the outer `sp` afterwards.
//! 3. `valueGet`/`valueCall`/`valueInvoke`/`valueNew` may run guest code
//!    re-entrantly (a callback calls `resume`); that code pushes and pops its
//!    own frames the same way, so when the host re-reads `getsp()` before
//!    storing results it gets this frame back.
//!
//! On targets other than `wasm32` the imports are stubs that panic, so the
//! crate's pure logic can be unit-tested on the host.
#![allow(unsafe_code)]

use crate::frame::Frame;
use core::sync::atomic::{AtomicU32, Ordering::Relaxed};
use gojs_abi::{Ref, frame as off};

/// Declares the imports once: on wasm32 as `gojs` imports, elsewhere as stubs.
macro_rules! imports {
    (module $module:literal; $($name:literal => $f:ident;)*) => {
        #[cfg(target_arch = "wasm32")]
        #[link(wasm_import_module = $module)]
        unsafe extern "C" {
            $(
                #[link_name = $name]
                fn $f(sp: *mut u8);
            )*
        }

        $(
            #[cfg(not(target_arch = "wasm32"))]
            unsafe extern "C" fn $f(_sp: *mut u8) {
                panic!(concat!("gojs-guest: the import ", $name, " exists only on wasm32"));
            }
        )*

        /// The import module, as written in the `#[link]` attribute above.
        #[cfg(test)]
        pub(crate) const IMPORT_MODULE: &str = $module;
        /// Every import this crate declares, as written in the `#[link_name]`s above.
        #[cfg(test)]
        pub(crate) const IMPORT_NAMES: &[&str] = &[$($name),*];
    };
}

imports! {
    module "gojs";
    "runtime.wasmExit" => wasm_exit_import;
    "runtime.wasmWrite" => wasm_write_import;
    "runtime.resetMemoryDataView" => reset_memory_data_view_import;
    "syscall/js.finalizeRef" => finalize_ref_import;
    "syscall/js.stringVal" => string_val_import;
    "syscall/js.valueGet" => value_get_import;
    "syscall/js.valueSet" => value_set_import;
    "syscall/js.valueDelete" => value_delete_import;
    "syscall/js.valueIndex" => value_index_import;
    "syscall/js.valueSetIndex" => value_set_index_import;
    "syscall/js.valueCall" => value_call_import;
    "syscall/js.valueInvoke" => value_invoke_import;
    "syscall/js.valueNew" => value_new_import;
    "syscall/js.valueLength" => value_length_import;
    "syscall/js.valuePrepareString" => value_prepare_string_import;
    "syscall/js.valueLoadString" => value_load_string_import;
    "syscall/js.valueInstanceOf" => value_instance_of_import;
    "syscall/js.copyBytesToGo" => copy_bytes_to_go_import;
    "syscall/js.copyBytesToJS" => copy_bytes_to_js_import;
}

/// Address of the innermost frame whose import is in progress (0 when none):
/// what the `getsp` export returns.
static CURRENT_SP: AtomicU32 = AtomicU32::new(0);

/// Memory size, in pages, when the host's `DataView` was last refreshed (0: never).
static VIEWED_PAGES: AtomicU32 = AtomicU32::new(0);

/// `getsp()`: the frame of the innermost import call in progress.
pub(crate) fn current_sp() -> u32 {
    CURRENT_SP.load(Relaxed)
}

/// The guest address of a pointer, as the host reads it (a `u32` offset).
fn addr<T>(p: *const T) -> usize {
    p.expose_provenance()
}

#[cfg(target_arch = "wasm32")]
fn memory_pages() -> u32 {
    core::arch::wasm32::memory_size::<0>() as u32
}

#[cfg(not(target_arch = "wasm32"))]
fn memory_pages() -> u32 {
    1
}

/// Calls `runtime.resetMemoryDataView` if linear memory grew since the last call.
///
/// Growing a wasm memory detaches its old `ArrayBuffer`; `wasm_exec.js` reads
/// every import's arguments through `this.mem`, a `DataView` it refreshes only
/// in this import (Go calls it from its allocator). Rust's allocator does not, so
/// the SDK checks `memory.size` — one instruction — before every import and
/// before returning to JS from `run`/`resume`.
pub(crate) fn sync_memory_view() {
    let pages = memory_pages();
    if VIEWED_PAGES.swap(pages, Relaxed) != pages {
        let mut frame = Frame::new();
        // SAFETY: `resetMemoryDataView` reads nothing from its frame; `frame` is
        // a live, exclusive, 8-aligned Frame. Not routed through `enter` (which
        // would recurse into this function) and it never re-enters the guest.
        unsafe { reset_memory_data_view_import(frame.as_mut_ptr()) }
    }
}

/// Hands `frame` to `import` as `sp`, keeping `getsp` pointing at it meanwhile.
///
/// The closure `import` must only call one `*_import` function with the pointer
/// it is given.
#[inline(always)]
fn enter(frame: &mut Frame, import: impl FnOnce(*mut u8)) {
    sync_memory_view();
    let sp = frame.as_mut_ptr();
    let outer = CURRENT_SP.swap(addr(sp) as u32, Relaxed);
    import(sp);
    CURRENT_SP.store(outer, Relaxed);
}

// SAFETY (shared by every `unsafe { x_import(sp) }` below): `sp` comes from
// `enter`, so it points at a live, exclusively borrowed, 8-aligned `Frame` of
// `Frame::SIZE` bytes, which outlives the call. `wasm_exec.js` reads and writes
// that import's words only at the `gojs_abi::frame` offsets, all inside the
// frame (const-asserted in `frame.rs`), and at the string/slice addresses the
// wrapper wrote into it: each comes from a Rust borrow (`&str`, `&[Ref]`,
// `&[u8]`, `&mut [u8]`) held for the whole call, and the host writes only into
// the `&mut [u8]` ones (`valueLoadString`, `copyBytesToGo`), within their
// length. The pointers are exposed (`expose_provenance`), so the compiler
// assumes the opaque import may access them. Re-entrant guest code run during
// the call uses its own frames and never touches this one.

/// `syscall/js.finalizeRef`: drops one host reference count of `r`.
pub(crate) fn finalize_ref(r: Ref) {
    let mut frame = Frame::new();
    frame.put_ref(off::finalize_ref::REF, r);
    // SAFETY: see the shared comment above.
    enter(&mut frame, |sp| unsafe { finalize_ref_import(sp) });
}

/// `syscall/js.stringVal`: a JS string holding `s`.
pub(crate) fn string_val(s: &str) -> Ref {
    let mut frame = Frame::new();
    frame.put_string(off::string_val::STRING, addr(s.as_ptr()), s.len());
    // SAFETY: see the shared comment above.
    enter(&mut frame, |sp| unsafe { string_val_import(sp) });
    frame.ref_at(off::string_val::RESULT)
}

/// `syscall/js.valueGet`: `Reflect.get(v, p)`.
pub(crate) fn value_get(v: Ref, p: &str) -> Ref {
    let mut frame = Frame::new();
    frame.put_ref(off::value_get::TARGET, v);
    frame.put_string(off::value_get::NAME, addr(p.as_ptr()), p.len());
    // SAFETY: see the shared comment above.
    enter(&mut frame, |sp| unsafe { value_get_import(sp) });
    frame.ref_at(off::value_get::RESULT)
}

/// `syscall/js.valueSet`: `Reflect.set(v, p, x)`.
pub(crate) fn value_set(v: Ref, p: &str, x: Ref) {
    let mut frame = Frame::new();
    frame.put_ref(off::value_set::TARGET, v);
    frame.put_string(off::value_set::NAME, addr(p.as_ptr()), p.len());
    frame.put_ref(off::value_set::VALUE, x);
    // SAFETY: see the shared comment above.
    enter(&mut frame, |sp| unsafe { value_set_import(sp) });
}

/// `syscall/js.valueDelete`: `Reflect.deleteProperty(v, p)`.
pub(crate) fn value_delete(v: Ref, p: &str) {
    let mut frame = Frame::new();
    frame.put_ref(off::value_delete::TARGET, v);
    frame.put_string(off::value_delete::NAME, addr(p.as_ptr()), p.len());
    // SAFETY: see the shared comment above.
    enter(&mut frame, |sp| unsafe { value_delete_import(sp) });
}

/// `syscall/js.valueIndex`: `Reflect.get(v, i)`.
pub(crate) fn value_index(v: Ref, i: i64) -> Ref {
    let mut frame = Frame::new();
    frame.put_ref(off::value_index::TARGET, v);
    frame.put_i64(off::value_index::INDEX, i);
    // SAFETY: see the shared comment above.
    enter(&mut frame, |sp| unsafe { value_index_import(sp) });
    frame.ref_at(off::value_index::RESULT)
}

/// `syscall/js.valueSetIndex`: `Reflect.set(v, i, x)`.
pub(crate) fn value_set_index(v: Ref, i: i64, x: Ref) {
    let mut frame = Frame::new();
    frame.put_ref(off::value_set_index::TARGET, v);
    frame.put_i64(off::value_set_index::INDEX, i);
    frame.put_ref(off::value_set_index::VALUE, x);
    // SAFETY: see the shared comment above.
    enter(&mut frame, |sp| unsafe { value_set_index_import(sp) });
}

/// `syscall/js.valueCall`: `Reflect.apply(v[m], v, args)`; `(result, true)` or
/// `(thrown, false)`.
pub(crate) fn value_call(v: Ref, m: &str, args: &[Ref]) -> (Ref, bool) {
    let mut frame = Frame::new();
    frame.put_ref(off::value_call::TARGET, v);
    frame.put_string(off::value_call::METHOD, addr(m.as_ptr()), m.len());
    frame.put_slice(off::value_call::ARGS, addr(args.as_ptr()), args.len());
    // SAFETY: see the shared comment above.
    enter(&mut frame, |sp| unsafe { value_call_import(sp) });
    (
        frame.ref_at(off::value_call::RESULT),
        frame.bool_at(off::value_call::OK),
    )
}

/// `syscall/js.valueInvoke`: `Reflect.apply(v, undefined, args)`.
pub(crate) fn value_invoke(v: Ref, args: &[Ref]) -> (Ref, bool) {
    let mut frame = Frame::new();
    frame.put_ref(off::value_invoke::TARGET, v);
    frame.put_slice(off::value_invoke::ARGS, addr(args.as_ptr()), args.len());
    // SAFETY: see the shared comment above.
    enter(&mut frame, |sp| unsafe { value_invoke_import(sp) });
    (
        frame.ref_at(off::value_invoke::RESULT),
        frame.bool_at(off::value_invoke::OK),
    )
}

/// `syscall/js.valueNew`: `Reflect.construct(v, args)` (same layout as `valueInvoke`).
pub(crate) fn value_new(v: Ref, args: &[Ref]) -> (Ref, bool) {
    let mut frame = Frame::new();
    frame.put_ref(off::value_invoke::TARGET, v);
    frame.put_slice(off::value_invoke::ARGS, addr(args.as_ptr()), args.len());
    // SAFETY: see the shared comment above.
    enter(&mut frame, |sp| unsafe { value_new_import(sp) });
    (
        frame.ref_at(off::value_invoke::RESULT),
        frame.bool_at(off::value_invoke::OK),
    )
}

/// `syscall/js.valueLength`: `parseInt(v.length)` (0 for `NaN`).
pub(crate) fn value_length(v: Ref) -> i64 {
    let mut frame = Frame::new();
    frame.put_ref(off::value_length::TARGET, v);
    // SAFETY: see the shared comment above.
    enter(&mut frame, |sp| unsafe { value_length_import(sp) });
    frame.i64_at(off::value_length::RESULT)
}

/// `syscall/js.valuePrepareString`: `TextEncoder.encode(String(v))` as a table
/// ref, and its byte length.
pub(crate) fn value_prepare_string(v: Ref) -> (Ref, i64) {
    let mut frame = Frame::new();
    frame.put_ref(off::value_prepare_string::TARGET, v);
    // SAFETY: see the shared comment above.
    enter(&mut frame, |sp| unsafe { value_prepare_string_import(sp) });
    (
        frame.ref_at(off::value_prepare_string::RESULT_REF),
        frame.i64_at(off::value_prepare_string::RESULT_LEN),
    )
}

/// `syscall/js.valueLoadString`: copies the prepared bytes of `v` into `dst`.
pub(crate) fn value_load_string(v: Ref, dst: &mut [u8]) {
    let mut frame = Frame::new();
    frame.put_ref(off::value_load_string::TARGET, v);
    frame.put_slice(
        off::value_load_string::SLICE,
        addr(dst.as_mut_ptr()),
        dst.len(),
    );
    // SAFETY: see the shared comment above.
    enter(&mut frame, |sp| unsafe { value_load_string_import(sp) });
}

/// `syscall/js.valueInstanceOf`: `v instanceof t`.
pub(crate) fn value_instance_of(v: Ref, t: Ref) -> bool {
    let mut frame = Frame::new();
    frame.put_ref(off::value_instance_of::TARGET, v);
    frame.put_ref(off::value_instance_of::CLASS, t);
    // SAFETY: see the shared comment above.
    enter(&mut frame, |sp| unsafe { value_instance_of_import(sp) });
    frame.bool_at(off::value_instance_of::RESULT)
}

/// `syscall/js.copyBytesToGo`: `None` if `src` is not a `Uint8Array` or
/// `Uint8ClampedArray`, else the number of bytes copied into `dst`.
pub(crate) fn copy_bytes_to_go(dst: &mut [u8], src: Ref) -> Option<usize> {
    let mut frame = Frame::new();
    frame.put_slice(
        off::copy_bytes_to_go::DST_SLICE,
        addr(dst.as_mut_ptr()),
        dst.len(),
    );
    frame.put_ref(off::copy_bytes_to_go::SRC, src);
    // SAFETY: see the shared comment above.
    enter(&mut frame, |sp| unsafe { copy_bytes_to_go_import(sp) });
    frame
        .bool_at(off::copy_bytes_to_go::OK)
        .then(|| frame.i64_at(off::copy_bytes_to_go::RESULT_N) as usize)
}

/// `syscall/js.copyBytesToJS`: `None` if `dst` is not a `Uint8Array` or
/// `Uint8ClampedArray`, else the number of bytes copied from `src`.
pub(crate) fn copy_bytes_to_js(dst: Ref, src: &[u8]) -> Option<usize> {
    let mut frame = Frame::new();
    frame.put_ref(off::copy_bytes_to_js::DST, dst);
    frame.put_slice(
        off::copy_bytes_to_js::SRC_SLICE,
        addr(src.as_ptr()),
        src.len(),
    );
    // SAFETY: see the shared comment above.
    enter(&mut frame, |sp| unsafe { copy_bytes_to_js_import(sp) });
    frame
        .bool_at(off::copy_bytes_to_js::OK)
        .then(|| frame.i64_at(off::copy_bytes_to_js::RESULT_N) as usize)
}

/// `runtime.wasmWrite`: `fs.writeSync(fd, bytes)` on a view of guest memory.
pub(crate) fn wasm_write(fd: i64, bytes: &[u8]) {
    let mut frame = Frame::new();
    frame.put_i64(off::wasm_write::FD, fd);
    frame.put_i64(off::wasm_write::PTR, addr(bytes.as_ptr()) as i64);
    frame.put_i32(off::wasm_write::LEN, bytes.len() as i32);
    // SAFETY: see the shared comment above.
    enter(&mut frame, |sp| unsafe { wasm_write_import(sp) });
}

/// `runtime.wasmExit`: under node this ends the process (`process.exit`) and
/// never returns; a host whose `go.exit` returns (a browser) comes back here.
pub(crate) fn wasm_exit(code: i32) {
    let mut frame = Frame::new();
    frame.put_i32(off::wasm_exit::CODE, code);
    // SAFETY: see the shared comment above.
    enter(&mut frame, |sp| unsafe { wasm_exit_import(sp) });
}

/// Stops the guest at once with a wasm trap (`unreachable`).
pub(crate) fn trap() -> ! {
    #[cfg(target_arch = "wasm32")]
    {
        core::arch::wasm32::unreachable()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        panic!("gojs-guest: trap")
    }
}

/// The argv area `run` received: bytes `ARGV_OFFSET..WASM_MIN_DATA_ADDR` of
/// linear memory, copied out.
///
/// Called once, first thing in `run`, while the stack is still at its top (see
/// RATIONALE.md, "Why is the argv area safe from data and stack?").
pub(crate) fn argv_area() -> Vec<u8> {
    let start = gojs_abi::ARGV_OFFSET as usize;
    let len = (gojs_abi::WASM_MIN_DATA_ADDR - gojs_abi::ARGV_OFFSET) as usize;
    #[cfg(target_arch = "wasm32")]
    {
        let base = core::ptr::with_exposed_provenance::<u8>(start);
        // SAFETY: linear memory is at least 17 pages (the 1 MiB stack alone), so
        // `start..start + len` (4096..12288) is in bounds and readable. No Rust
        // object lives there: the linker puts static data at or above 1 MiB and
        // the stack, which grows down from 1 MiB, is a few hundred bytes deep
        // when `run` calls this. `wasm_exec.js` wrote the bytes before `run`
        // and nothing writes them while we copy. The slice is dropped before
        // this function returns.
        unsafe { core::slice::from_raw_parts(base, len) }.to_vec()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = start;
        vec![0; len]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_names_are_the_abi_names() {
        assert_eq!(IMPORT_MODULE, gojs_abi::IMPORT_MODULE);
        for name in IMPORT_NAMES {
            assert!(
                gojs_abi::names::SP_IMPORTS.contains(name),
                "{name} is not a gojs import"
            );
        }
    }

    #[test]
    fn imports_used_by_the_sdk_are_all_declared() {
        use gojs_abi::names::*;
        for name in [
            WASM_EXIT,
            WASM_WRITE,
            RESET_MEMORY_DATA_VIEW,
            FINALIZE_REF,
            STRING_VAL,
            VALUE_GET,
            VALUE_SET,
            VALUE_DELETE,
            VALUE_INDEX,
            VALUE_SET_INDEX,
            VALUE_CALL,
            VALUE_INVOKE,
            VALUE_NEW,
            VALUE_LENGTH,
            VALUE_PREPARE_STRING,
            VALUE_LOAD_STRING,
            VALUE_INSTANCE_OF,
            COPY_BYTES_TO_GO,
            COPY_BYTES_TO_JS,
        ] {
            assert!(IMPORT_NAMES.contains(&name), "{name} not declared");
        }
    }
}
