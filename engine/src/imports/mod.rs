//! The `gojs` (and `_gotest`) import functions, and [`Ctx`]: what each import
//! works with while it runs — the caller, the lent world, and `sp`.
//!
//! Every guest-supplied address and length is bounds-checked: an access
//! outside linear memory becomes a JS `RangeError`, as the `DataView` and
//! `Uint8Array` constructors of `wasm_exec.js` throw — never a host panic.

mod gotest;
mod runtime;
mod syscall_js;
pub(crate) mod tinygo;

pub(crate) use gotest::call_export as gotest_call_export;

use crate::{
    backend::{Entry, GuestError, Host},
    error::{Unwind, Unwinding},
    guest::{GuestHandle, call_into},
    state::{HostState, before_instantiation},
    table::{Lookup, Slot},
    world::{ErrorKind, JsResult, ValueKind, World},
};
use gojs_abi::{Decoded, Ref, TypeFlag};
use std::{borrow::Cow, ops::Range};

/// The names of all `gojs` imports gojs provides, with how they are called.
pub(crate) fn is_sp_import(name: &str) -> bool {
    gojs_abi::names::SP_IMPORTS.contains(&name)
}

/// A `gojs` import taking `sp`.
pub(crate) type Import<W> = for<'a> fn(&mut Ctx<'a, W>) -> JsResult<(), <W as World>::Value>;

/// Every `gojs` import taking `sp`, under the names the program's ABI uses
/// (Go ≤ 1.20's older aliases included); each backend defines them in the
/// import module [`GoAbi::import_module`](crate::GoAbi::import_module)
/// names, beside [`debug`].
pub(crate) fn sp_imports<W: World>(abi: crate::GoAbi) -> Vec<(&'static str, Import<W>)> {
    use gojs_abi::names::*;
    let table: [(&str, Import<W>); 24] = [
        (WASM_EXIT, runtime::wasm_exit),
        (WASM_WRITE, runtime::wasm_write),
        (RESET_MEMORY_DATA_VIEW, runtime::reset_memory_data_view),
        (NANOTIME1, runtime::nanotime1),
        (WALLTIME, runtime::walltime),
        (SCHEDULE_TIMEOUT_EVENT, runtime::schedule_timeout_event),
        (CLEAR_TIMEOUT_EVENT, runtime::clear_timeout_event),
        (GET_RANDOM_DATA, runtime::get_random_data),
        (FINALIZE_REF, syscall_js::finalize_ref),
        (STRING_VAL, syscall_js::string_val),
        (VALUE_GET, syscall_js::value_get),
        (VALUE_SET, syscall_js::value_set),
        (VALUE_DELETE, syscall_js::value_delete),
        (VALUE_INDEX, syscall_js::value_index),
        (VALUE_SET_INDEX, syscall_js::value_set_index),
        (VALUE_CALL, syscall_js::value_call),
        (VALUE_INVOKE, syscall_js::value_invoke),
        (VALUE_NEW, syscall_js::value_new),
        (VALUE_LENGTH, syscall_js::value_length),
        (VALUE_PREPARE_STRING, syscall_js::value_prepare_string),
        (VALUE_LOAD_STRING, syscall_js::value_load_string),
        (VALUE_INSTANCE_OF, syscall_js::value_instance_of),
        (COPY_BYTES_TO_GO, syscall_js::copy_bytes_to_go),
        (COPY_BYTES_TO_JS, syscall_js::copy_bytes_to_js),
    ];
    let aliases = match abi {
        crate::GoAbi::Gojs | crate::GoAbi::TinyGo => &[][..],
        crate::GoAbi::Go => &LEGACY_ALIASES[..],
    };
    let aliased: Vec<_> = aliases
        .iter()
        .filter_map(|&(alias, current)| {
            table
                .iter()
                .find(|(name, _)| *name == current)
                .map(|&(_, import)| (alias, import))
        })
        .collect();
    table.into_iter().chain(aliased).collect()
}

/// `debug(value)`: the `gojs.debug` import, which takes its argument
/// directly.
pub(crate) fn debug<W: World>(host: &mut dyn Host<W>, value: i32) -> Result<(), Unwinding> {
    let link = host.state().link.clone();
    link.with_world(|world| world.debug(value))
        .ok_or_else(|| start_unwinding(host.state_mut(), no_world()))
}

/// Makes `unwind` the reason the guest's stack unwinds; the backend turns
/// the returned marker into its own error type.
pub(crate) fn start_unwinding<W: World>(
    state: &mut HostState<W>,
    unwind: Unwind<W::Value>,
) -> Unwinding {
    state.unwinding = Some(unwind);
    Unwinding
}

/// An import called while no world is lent: only a module's start function,
/// which runs while the module is instantiated, can do that.
fn no_world<V>() -> Unwind<V> {
    Unwind::Host(before_instantiation())
}

/// Runs one import: borrows the lent world, builds the [`Ctx`], and turns an
/// abrupt completion into the marker that unwinds the guest (its reason
/// kept in the state).
pub(crate) fn run_import<W: World, T>(
    host: &mut dyn Host<W>,
    sp: u32,
    import: impl for<'a> FnOnce(&mut Ctx<'a, W>) -> R<T, W>,
) -> Result<T, Unwinding> {
    let state = host.state();
    if let Some(e) = state.interrupt.error() {
        return Err(start_unwinding(host.state_mut(), Unwind::Host(e)));
    }
    let link = state.link.clone();
    let entries = state.counters.entries;
    let result = link
        .with_world(|world| {
            let mut cx = Ctx {
                host: &mut *host,
                world,
                sp,
                entries,
            };
            // The last line of defence: a panic must not unwind into the
            // engine (wasmi's host-call path cannot unwind: the process
            // would abort). Every computation on guest data is checked;
            // should one still panic, the program ends with an internal
            // host error.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| import(&mut cx)))
                .unwrap_or_else(|panic| {
                    Err(Unwind::Host(crate::HostError::from_panic(
                        &*panic,
                        "an import",
                    )))
                })
        })
        .unwrap_or_else(|| Err(no_world()));
    result.map_err(|unwind| start_unwinding(host.state_mut(), unwind))
}

/// `sp + offset` as the 64-bit address JS computes it (`wasm_exec.js` adds
/// with floats, so an address past 4 GiB is not wrapped: it is out of
/// bounds and the access throws a `RangeError`).
pub(crate) fn at(sp: u32, offset: u32) -> u64 {
    u64::from(sp) + u64::from(offset)
}

/// What an import works with.
pub(crate) struct Ctx<'a, W: World> {
    pub host: &'a mut dyn Host<W>,
    pub world: &'a mut W,
    /// `sp`, as passed or as re-read by [`refresh_sp`](Self::refresh_sp).
    pub sp: u32,
    /// Guest entries when the import started: if unchanged, Go did not run
    /// and `sp` cannot have moved.
    entries: u64,
}

type R<T, W> = JsResult<T, <W as World>::Value>;

impl<W: World> Ctx<'_, W> {
    /// The address of the frame field at `offset` from `sp`.
    pub fn at(&self, offset: u32) -> u64 {
        at(self.sp, offset)
    }

    pub fn state(&mut self) -> &mut HostState<W> {
        self.host.state_mut()
    }

    /// Linear memory and the world at once (for copies that need both).
    fn memory_and_world(&mut self) -> R<(&mut [u8], &mut W), W> {
        let (memory, _, world) = self.memory_state_world()?;
        Ok((memory, world))
    }

    /// Linear memory and the engine state at once (both live in the store).
    fn memory_and_state(&mut self) -> R<(&mut [u8], &mut HostState<W>), W> {
        self.host
            .memory_and_state()
            .ok_or_else(|| before_instantiation().into())
    }

    /// Linear memory, the engine state and the world at once.
    fn memory_state_world(&mut self) -> R<(&mut [u8], &mut HostState<W>, &mut W), W> {
        let (memory, state) = self
            .host
            .memory_and_state()
            .ok_or_else(|| Unwind::from(before_instantiation()))?;
        Ok((memory, state, &mut *self.world))
    }

    /// The bytes at `addr..addr+len`, bounds-checked.
    pub fn bytes(&mut self, addr: u64, len: u64) -> R<&mut [u8], W> {
        let (memory, world) = self.memory_and_world()?;
        match span(memory, addr, len) {
            Ok(range) => Ok(&mut memory[range]),
            Err(bad) => Err(refuse(world, bad)),
        }
    }

    fn array<const N: usize>(&mut self, addr: u64) -> R<[u8; N], W> {
        let b = self.bytes(addr, N as u64)?;
        Ok(b.try_into().expect("length checked"))
    }

    fn put<const N: usize>(&mut self, addr: u64, bytes: [u8; N]) -> R<(), W> {
        self.bytes(addr, N as u64)?.copy_from_slice(&bytes);
        Ok(())
    }

    /// `getUint32(addr, true)`.
    pub fn u32(&mut self, addr: u64) -> R<u32, W> {
        Ok(u32::from_le_bytes(self.array(addr)?))
    }
    /// `getInt32(addr, true)`.
    pub fn i32(&mut self, addr: u64) -> R<i32, W> {
        Ok(i32::from_le_bytes(self.array(addr)?))
    }
    /// `getInt64(addr)` of `wasm_exec.js`: `low + high * 2^32` as a JS number
    /// (exact below 2^53, rounded above, as in JS).
    pub fn int64(&mut self, addr: u64) -> R<f64, W> {
        Ok(int64_le(self.array(addr)?))
    }
    /// `(getInt64(addr), getInt64(addr + 8))`: a slice's pointer and length,
    /// read at once.
    fn int64_pair(&mut self, addr: u64) -> R<(f64, f64), W> {
        let (memory, world) = self.memory_and_world()?;
        int64_pair(memory, addr).map_err(|bad| refuse(world, bad))
    }
    /// `setInt64(addr, v)` of `wasm_exec.js`: both halves through `ToUint32`.
    pub fn set_int64(&mut self, addr: u64, v: f64) -> R<(), W> {
        let low = to_uint32(v).to_le_bytes();
        let high = to_uint32((v / 4294967296.0).floor()).to_le_bytes();
        let mut b = [0; 8];
        b[..4].copy_from_slice(&low);
        b[4..].copy_from_slice(&high);
        self.put(addr, b)
    }
    /// `setInt32(addr, v, true)` / `setUint32`.
    pub fn set_u32(&mut self, addr: u64, v: u32) -> R<(), W> {
        self.put(addr, v.to_le_bytes())
    }
    /// Two `setUint32(addr, …, true)` of the halves of a 64-bit word.
    pub fn set_u64(&mut self, addr: u64, v: u64) -> R<(), W> {
        self.put(addr, v.to_le_bytes())
    }
    /// `setUint8(addr, v)`.
    pub fn set_u8(&mut self, addr: u64, v: u8) -> R<(), W> {
        self.put(addr, [v])
    }

    /// `loadSlice(addr)`: the guest memory range of a Go slice or string.
    pub fn slice_range(&mut self, addr: u64) -> R<Range<usize>, W> {
        let (memory, world) = self.memory_and_world()?;
        slice_at(memory, addr).map_err(|bad| refuse(world, bad))
    }

    /// `loadString(addr)` made into a JS string: `TextDecoder("utf-8").decode`
    /// of a Go string, decoded in place.
    pub fn string(&mut self, addr: u64) -> R<W::Value, W> {
        let (memory, world) = self.memory_and_world()?;
        let range = slice_at(memory, addr).map_err(|bad| refuse(world, bad))?;
        Ok(world.string(&decode_utf8(&memory[range])))
    }

    /// `loadString(addr)` used as a property name, through the name cache.
    pub fn key(&mut self, addr: u64) -> R<W::Key, W> {
        let (memory, state, world) = self.memory_state_world()?;
        let range = slice_at(memory, addr).map_err(|bad| refuse(world, bad))?;
        Ok(state
            .names
            .get_or_make(&memory[range], |name| world.key(&decode_utf8(name))))
    }

    /// The size of linear memory in bytes, now.
    pub fn memory_len(&mut self) -> R<usize, W> {
        Ok(self.memory_and_world()?.0.len())
    }

    /// A JS string decoded from the guest bytes at `range`.
    pub fn string_in(&mut self, range: Range<usize>) -> R<W::Value, W> {
        let (memory, world) = self.memory_and_world()?;
        Ok(world.string(&decode_utf8(&memory[range])))
    }

    /// The guest bytes at `range` used as a property name, through the
    /// name cache.
    pub fn key_in(&mut self, range: Range<usize>) -> R<W::Key, W> {
        let (memory, state, world) = self.memory_state_world()?;
        Ok(state
            .names
            .get_or_make(&memory[range], |name| world.key(&decode_utf8(name))))
    }

    /// `loadValue(addr)`.
    pub fn load_value(&mut self, addr: u64) -> R<W::Value, W> {
        let word = Ref(u64::from_le_bytes(self.array(addr)?));
        Ok(self.value_of(word))
    }

    /// The JS value a ref designates (`this._values[id]`; freed → `null`,
    /// unknown → `undefined`, as in JS).
    pub fn value_of(&mut self, word: Ref) -> W::Value {
        resolve(self.host.state_mut(), self.world, word)
    }

    /// `storeValue(addr, v)`.
    pub fn store_value(&mut self, addr: u64, v: W::Value) -> R<(), W> {
        let word = self.box_value(v)?;
        self.put(addr, word.0.to_le_bytes())
    }

    /// The ref for `v`, storing it in the table if it is not inline.
    ///
    /// # Errors
    ///
    /// The [`Limits::max_refs`](crate::Limits::max_refs) limit, when the
    /// table is full.
    pub fn box_value(&mut self, v: W::Value) -> R<Ref, W> {
        use crate::table::SlotKind;
        let (flag, kind) = match self.world.kind(&v) {
            ValueKind::Undefined => return Ok(Ref::UNDEFINED),
            ValueKind::Number(n) => return Ok(Ref::number(n)),
            ValueKind::Null => return Ok(Ref::NULL),
            ValueKind::Bool(b) => return Ok(Ref::bool(b)),
            ValueKind::Object => (TypeFlag::Object, SlotKind::Object),
            ValueKind::String => (TypeFlag::String, SlotKind::String),
            ValueKind::Symbol => (TypeFlag::Symbol, SlotKind::Symbol),
            ValueKind::Function => (TypeFlag::Function, SlotKind::Function),
            ValueKind::Other => (TypeFlag::Other, SlotKind::Other),
        };
        let id = self.state().table.store(v, kind).ok_or_else(refs_full)?;
        Ok(Ref::boxed(id, flag))
    }

    /// The ref word at `addr`, as the guest wrote it.
    pub fn ref_at(&mut self, addr: u64) -> R<Ref, W> {
        Ok(Ref(u64::from_le_bytes(self.array(addr)?)))
    }

    /// `loadString(addr)` as a Rust string (lossy), for reports.
    pub fn name_at(&mut self, addr: u64) -> R<String, W> {
        let range = self.slice_range(addr)?;
        let (memory, _) = self.memory_and_world()?;
        Ok(decode_utf8(&memory[range]).into_owned())
    }

    /// The slot of the `js.Func` wrapper the ref at `addr` designates, if it
    /// is one (for the leak report).
    pub fn wrapper_at(&mut self, addr: u64) -> R<Option<u32>, W> {
        if self.host.state().funcs.is_empty() {
            return Ok(None);
        }
        Ok(match self.ref_at(addr)?.decode() {
            Decoded::Id(id) if self.host.state().funcs.is_wrapper(id) => Some(id),
            _ => None,
        })
    }

    /// The slots of the `js.Func` wrappers among the refs of the Go slice
    /// at `addr` (the arguments of a call). Never fails: a bad slice is
    /// left for the call itself to report, where `wasm_exec.js` does.
    pub fn wrappers_in(&mut self, addr: u64) -> Vec<u32> {
        if self.host.state().funcs.is_empty() {
            return Vec::new();
        }
        let Ok((memory, state, _)) = self.memory_state_world() else {
            return Vec::new();
        };
        let Ok((ptr, len)) = int64_pair(memory, addr) else {
            return Vec::new();
        };
        if !(0.0..=u32::MAX as f64).contains(&len) || ptr < 0.0 {
            return Vec::new();
        }
        let Ok(range) = span(memory, ptr as u64, len as u64 * 8) else {
            return Vec::new();
        };
        memory[range]
            .chunks_exact(8)
            .filter_map(|word| {
                let word = Ref(u64::from_le_bytes(word.try_into().expect("8 bytes")));
                match word.decode() {
                    Decoded::Id(id) if state.funcs.is_wrapper(id) => Some(id),
                    _ => None,
                }
            })
            .collect()
    }

    /// `loadSliceOfValues(addr)`.
    pub fn load_values(&mut self, addr: u64) -> R<Vec<W::Value>, W> {
        let (ptr, len) = self.int64_pair(addr)?;
        if !(0.0..=u32::MAX as f64).contains(&len) || ptr < 0.0 {
            let msg = format!("Invalid array length: {len}");
            return Err(Unwind::Throw(self.world.error(ErrorKind::Range, &msg)));
        }
        self.values_at(ptr as u64, len as u64)
    }

    /// The `len` values whose refs are at `ptr` (`loadSliceOfValues` once
    /// the slice is known).
    pub fn values_at(&mut self, ptr: u64, len: u64) -> R<Vec<W::Value>, W> {
        // Check the whole array first, so a huge bogus length fails fast
        // instead of allocating; then read it in one access.
        let range = {
            let (memory, world) = self.memory_and_world()?;
            span(memory, ptr, len * 8).map_err(|bad| refuse(world, bad))?
        };
        let (memory, state, world) = self.memory_state_world()?;
        Ok(memory[range]
            .chunks_exact(8)
            .map(|word| {
                let word = Ref(u64::from_le_bytes(word.try_into().expect("8 bytes")));
                resolve(state, world, word)
            })
            .collect())
    }

    /// `sp = this._inst.exports.getsp() >>> 0`, skipped when no guest code
    /// ran since the import started (then `sp` cannot have moved).
    pub fn refresh_sp(&mut self) -> R<(), W> {
        if self.host.state().counters.entries == self.entries {
            return Ok(());
        }
        // Through the meter like every entry: the store's fuel may be spent
        // to exactly zero by the guest code that just ran.
        match self.host.call(Entry::Getsp) {
            Ok(Some(crate::WasmVal::I32(sp))) => {
                self.sp = sp as u32;
                Ok(())
            }
            Ok(_) => Err(Unwind::Host(crate::HostError::internal(
                "getsp returned no i32",
            ))),
            Err(e) => Err(self.host.state_mut().classify(e)),
        }
    }

    /// Runs JS work with the guest lent to the world's natives, so JS may
    /// re-enter it. An exit or host error that a native swallowed on the way
    /// still ends the work ([`World::take_pending_unwind`]).
    pub fn js<T>(&mut self, f: impl FnOnce(&mut W) -> R<T, W>) -> R<T, W> {
        let link = self.host.state().link.clone();
        let mut guest = GuestHandle(&mut *self.host);
        let result = link.lend_guest(&mut guest, || f(self.world));
        match self.world.take_pending_unwind() {
            Some(unwind) => Err(unwind),
            None => result,
        }
    }

    /// Calls into the guest from an import (`_gotest.callExport`).
    pub fn call_guest<T>(
        &mut self,
        f: impl FnOnce(&mut dyn Host<W>) -> Result<T, GuestError>,
    ) -> R<T, W> {
        call_into(&mut *self.host, self.world, f)
    }
}

/// The JS value a ref designates (`this._values[id]`; freed → `null`,
/// unknown → `undefined`, as in JS).
fn resolve<W: World>(state: &mut HostState<W>, world: &mut W, word: Ref) -> W::Value {
    match word.decode() {
        Decoded::Undefined => world.undefined(),
        Decoded::Number(n) => world.number(n),
        Decoded::Id(id) => match state.table.get(id) {
            Lookup::Live(Slot::Value(v)) => v.clone(),
            Lookup::Live(Slot::Bytes(b)) => {
                let b = b.clone();
                let v = world.uint8_array(&b);
                state.table.materialize(id, v.clone());
                v
            }
            Lookup::Freed => match state.table.get(gojs_abi::PredefinedId::Null as u32) {
                Lookup::Live(Slot::Value(v)) => v.clone(),
                _ => world.undefined(),
            },
            Lookup::OutOfRange => world.undefined(),
        },
    }
}

/// The limit error of a full reference table.
pub(crate) fn refs_full<V>() -> Unwind<V> {
    Unwind::Host(crate::HostError::limit(
        crate::Limit::Refs,
        "the program holds as many JS values as it may",
    ))
}

/// `getInt64` of `wasm_exec.js` on little-endian bytes.
fn int64_le(b: [u8; 8]) -> f64 {
    let low = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    let high = i32::from_le_bytes([b[4], b[5], b[6], b[7]]);
    low as f64 + high as f64 * 4294967296.0
}

/// Why a guest-supplied address or length was refused.
#[derive(Clone, Copy, Debug, PartialEq)]
enum BadAccess {
    /// `addr..addr+len` is not inside linear memory.
    Bounds { addr: u64, len: u64 },
    /// A slice header with a negative pointer or length.
    Length(f64),
}

/// The `RangeError` JS would throw for `bad` (the `DataView` / `Uint8Array`
/// accessors of `wasm_exec.js`).
fn refuse<W: World>(world: &mut W, bad: BadAccess) -> Unwind<W::Value> {
    let msg = match bad {
        // V8's text for a `DataView` get or set out of bounds (the glue's
        // `mem().getUint32(…)`); slices out of bounds get it too.
        BadAccess::Bounds { .. } => "Offset is outside the bounds of the DataView".to_string(),
        BadAccess::Length(len) => format!("Invalid typed array length: {len}"),
    };
    Unwind::Throw(world.error(ErrorKind::Range, &msg))
}

/// `addr..addr+len` if it lies inside `memory`.
fn span(memory: &[u8], addr: u64, len: u64) -> Result<Range<usize>, BadAccess> {
    match addr.checked_add(len) {
        Some(end) if end <= memory.len() as u64 => Ok(addr as usize..end as usize),
        _ => Err(BadAccess::Bounds { addr, len }),
    }
}

/// `(getInt64(addr), getInt64(addr + 8))`: a slice header's pointer and
/// length, read at once.
fn int64_pair(memory: &[u8], addr: u64) -> Result<(f64, f64), BadAccess> {
    let header = &memory[span(memory, addr, 16)?];
    let (ptr, len) = header.split_at(8);
    Ok((
        int64_le(ptr.try_into().expect("8 bytes")),
        int64_le(len.try_into().expect("8 bytes")),
    ))
}

/// `loadSlice(addr)`: the range of the Go slice or string whose header is
/// at `addr`, checked against `memory`.
fn slice_at(memory: &[u8], addr: u64) -> Result<Range<usize>, BadAccess> {
    let (ptr, len) = int64_pair(memory, addr)?;
    if ptr < 0.0 || len < 0.0 {
        return Err(BadAccess::Length(len));
    }
    span(memory, ptr as u64, len as u64)
}

/// `ToUint32` of ECMAScript, as `DataView.setUint32` applies it.
pub(crate) fn to_uint32(v: f64) -> u32 {
    if !v.is_finite() {
        return 0;
    }
    v.trunc().rem_euclid(4294967296.0) as u32
}

/// `TextDecoder("utf-8").decode(bytes)`: a leading BOM is dropped, invalid
/// sequences become U+FFFD (maximal subparts, as `from_utf8_lossy` does).
pub fn decode_utf8(bytes: &[u8]) -> Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8_lossy(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 64-byte memory with the slice header `(ptr, len)` at 0.
    fn memory_with_header(ptr: i64, len: i64) -> Vec<u8> {
        let mut m = vec![0u8; 64];
        m[..8].copy_from_slice(&ptr.to_le_bytes());
        m[8..16].copy_from_slice(&len.to_le_bytes());
        m
    }

    #[test]
    fn slices_are_checked_against_memory() {
        assert_eq!(slice_at(&memory_with_header(16, 48), 0), Ok(16..64));
        assert_eq!(slice_at(&memory_with_header(64, 0), 0), Ok(64..64));
        assert_eq!(
            slice_at(&memory_with_header(16, 49), 0),
            Err(BadAccess::Bounds { addr: 16, len: 49 })
        );
        assert_eq!(
            slice_at(&memory_with_header(-1, 4), 0),
            Err(BadAccess::Length(4.0))
        );
        assert_eq!(
            slice_at(&memory_with_header(0, -2), 0),
            Err(BadAccess::Length(-2.0))
        );
        // The header itself must be inside memory.
        assert_eq!(
            slice_at(&memory_with_header(0, 0), 56),
            Err(BadAccess::Bounds { addr: 56, len: 16 })
        );
        assert_eq!(
            span(&[0; 8], u64::MAX, 2),
            Err(BadAccess::Bounds {
                addr: u64::MAX,
                len: 2
            })
        );
    }

    #[test]
    fn to_uint32_wraps_like_ecmascript() {
        assert_eq!(to_uint32(-1.0), u32::MAX);
        assert_eq!(to_uint32(4294967296.0 + 5.0), 5);
        assert_eq!(to_uint32(f64::NAN), 0);
        assert_eq!(to_uint32(3.9), 3);
        assert_eq!(to_uint32(-3.9), u32::MAX - 2);
    }

    #[test]
    fn decode_drops_bom_and_replaces_invalid_bytes() {
        assert_eq!(decode_utf8(b"\xEF\xBB\xBFa"), "a");
        assert_eq!(decode_utf8(b"a\xEF\xBB\xBF"), "a\u{FEFF}");
        assert_eq!(decode_utf8(b"\xF0\x9F\x98"), "\u{FFFD}");
        assert_eq!(decode_utf8(b"\xFFx"), "\u{FFFD}x");
    }
}
