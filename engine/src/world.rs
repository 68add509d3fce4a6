//! The seam between the engine and a JS engine.
//!
//! [`World`] is everything the `gojs` imports need from JavaScript: value
//! classification, the `Reflect` operations, typed-array copies, clocks,
//! randomness and output. The engine never names a JS engine; `gojs-boa`
//! implements `World` on boa.
//!
//! [`Guest`] is the other direction: what JavaScript may do to the running
//! guest (call `resume`, read the table size, end the program). The engine
//! lends a `&mut dyn Guest` through the world's [`Link`] around every piece
//! of JS work it starts; the world's natives reach it with
//! [`Link::with_guest`].

use crate::{Link, Unwind, table::TableStats};
use core::hash::Hash;

/// How `storeValue` sees a value (`typeof`, plus the cases it special-cases).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ValueKind {
    /// `undefined`: stored as the all-zero word.
    Undefined,
    /// A number: stored inline (or as slot 0 / 1 for `NaN` / zero).
    Number(f64),
    /// `null`: predefined slot 2.
    Null,
    /// A boolean: predefined slot 3 or 4.
    Bool(bool),
    /// `typeof v === "object"` (not null).
    Object,
    /// A string.
    String,
    /// A symbol.
    Symbol,
    /// A function.
    Function,
    /// Anything else, e.g. a BigInt (type flag 0).
    Other,
}

/// Result of JS work: the value, or how it unwound.
pub type JsResult<T, V> = Result<T, Unwind<V>>;

/// Kinds of error the engine asks the world to create (as `wasm_exec.js`
/// would get them from the JS engine).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `RangeError`, e.g. a `DataView` access outside linear memory.
    Range,
    /// `TypeError`.
    Type,
    /// `Error`.
    Plain,
}

/// The JavaScript side of a guest.
///
/// Methods mirror the expressions `wasm_exec.js` evaluates; each doc names it.
/// Any method that runs user JS (getters, proxies, `toString`, calls) can
/// re-enter the guest through the [`Guest`] the engine lent to the
/// [`link`](Self::link).
pub trait World: Sized + 'static {
    /// A JS value. `Eq` + `Hash` must be SameValueZero for non-numbers (strings
    /// by content, objects and symbols by identity, BigInts by value).
    type Value: Clone + Eq + Hash + 'static;
    /// A property name, made once from guest UTF-8 by [`key`](Self::key) and
    /// passed to [`get`](Self::get), [`set`](Self::set) and
    /// [`delete`](Self::delete). The engine caches short names by their bytes,
    /// so a key must stand for its name alone (no realm, no object).
    type Key: Clone + 'static;

    /// The link through which this world's natives reach the guest while
    /// JS runs, and the guest's imports reach this world. The engine asks
    /// once, when it instantiates a program for this world.
    fn link(&self) -> Link<Self>;

    /// An exit or a host error that began unwinding through JS frames but
    /// was dropped on the way (a native that ignores its callee's errors),
    /// taken. The engine asks after every piece of JS work it runs, so such
    /// an unwind still ends the guest's call instead of being lost.
    fn take_pending_unwind(&mut self) -> Option<Unwind<Self::Value>>;

    /// The predefined slots 0..=6: `NaN, 0, null, true, false, globalThis, go`.
    fn predefined(&mut self) -> [Self::Value; 7];
    /// `undefined`.
    fn undefined(&mut self) -> Self::Value;
    /// A number.
    fn number(&mut self, n: f64) -> Self::Value;
    /// `typeof`-like classification, for `storeValue`.
    fn kind(&mut self, v: &Self::Value) -> ValueKind;
    /// A string decoded from guest UTF-8 (`TextDecoder("utf-8").decode`,
    /// already applied by the engine: BOM stripped, invalid bytes → U+FFFD).
    fn string(&mut self, s: &str) -> Self::Value;
    /// The property key for `name` (guest UTF-8, already decoded as for
    /// [`string`](Self::string)).
    fn key(&mut self, name: &str) -> Self::Key;
    /// A new `Uint8Array` holding `bytes`.
    fn uint8_array(&mut self, bytes: &[u8]) -> Self::Value;
    /// A new error object of `kind` with `message`.
    fn error(&mut self, kind: ErrorKind, message: &str) -> Self::Value;

    /// `Reflect.get(target, key)`.
    fn get(&mut self, target: &Self::Value, key: &Self::Key) -> JsResult<Self::Value, Self::Value>;
    /// `Reflect.set(target, key, value)`.
    fn set(
        &mut self,
        target: &Self::Value,
        key: &Self::Key,
        value: Self::Value,
    ) -> JsResult<(), Self::Value>;
    /// `Reflect.deleteProperty(target, key)`.
    fn delete(&mut self, target: &Self::Value, key: &Self::Key) -> JsResult<(), Self::Value>;
    /// `Reflect.get(target, index)`.
    fn get_index(&mut self, target: &Self::Value, index: f64)
    -> JsResult<Self::Value, Self::Value>;
    /// `Reflect.set(target, index, value)`.
    fn set_index(
        &mut self,
        target: &Self::Value,
        index: f64,
        value: Self::Value,
    ) -> JsResult<(), Self::Value>;
    /// `Reflect.apply(f, this, args)`.
    fn apply(
        &mut self,
        f: &Self::Value,
        this: &Self::Value,
        args: &[Self::Value],
    ) -> JsResult<Self::Value, Self::Value>;
    /// `Reflect.construct(f, args)`.
    fn construct(
        &mut self,
        f: &Self::Value,
        args: &[Self::Value],
    ) -> JsResult<Self::Value, Self::Value>;
    /// `parseInt(v.length)`.
    fn length(&mut self, v: &Self::Value) -> JsResult<f64, Self::Value>;
    /// `v.length` converted to a number (`ToNumber`), as TinyGo's
    /// `valueLength` returns it to wasm (which then applies `ToInt32`).
    fn length_number(&mut self, v: &Self::Value) -> JsResult<f64, Self::Value>;
    /// `String(v)`, as UTF-8 (`TextEncoder.encode`: lone surrogates → U+FFFD).
    fn to_string_utf8(&mut self, v: &Self::Value) -> JsResult<Vec<u8>, Self::Value>;
    /// `v instanceof t`.
    fn instance_of(&mut self, v: &Self::Value, t: &Self::Value) -> JsResult<bool, Self::Value>;
    /// If `src` is a `Uint8Array` or `Uint8ClampedArray`: copies
    /// `min(src.length, dst.len())` bytes into `dst` and returns the count.
    fn copy_from_uint8_array(&mut self, src: &Self::Value, dst: &mut [u8]) -> Option<usize>;
    /// If `dst` is a `Uint8Array` or `Uint8ClampedArray`: copies
    /// `min(dst.length, src.len())` bytes from `src` and returns the count.
    fn copy_to_uint8_array(&mut self, dst: &Self::Value, src: &[u8]) -> Option<usize>;

    /// `fs.writeSync(fd, bytes)` (`runtime.wasmWrite`).
    fn write_sync(&mut self, fd: f64, bytes: &[u8]) -> JsResult<(), Self::Value>;
    /// `timeOrigin + performance.now()`, in milliseconds (`runtime.nanotime1`).
    fn monotonic_ms(&mut self) -> f64;
    /// `new Date().getTime()` (`runtime.walltime`).
    fn wall_ms(&mut self) -> f64;
    /// `crypto.getRandomValues(buf)` (`runtime.getRandomData`).
    fn random_fill(&mut self, buf: &mut [u8]) -> JsResult<(), Self::Value>;
    /// `setTimeout(() => resume Go timer `go_id`, delay)`; returns a handle for
    /// [`clear_go_timer`](Self::clear_go_timer). When it fires, the world calls
    /// [`GoInstance::fire_timeout`](crate::GoInstance::fire_timeout).
    ///
    /// # Errors
    ///
    /// The [`Limits::max_timers`](crate::Limits::max_timers) limit.
    fn set_go_timer(&mut self, go_id: i32, delay_ms: f64) -> JsResult<u64, Self::Value>;
    /// `clearTimeout(handle)`.
    fn clear_go_timer(&mut self, handle: u64);
    /// `console.log(value)` for the `debug` import.
    fn debug(&mut self, value: i32);
    /// `console.warn(message)`.
    fn warn(&mut self, message: &str);
}

/// What JavaScript may do to the running guest; reached through
/// [`Link::with_guest`].
pub trait Guest<W: World> {
    /// `go._resume()`: runs the `resume` export (Go's `handleEvent` for
    /// `go._pendingEvent`), with `world` lent back to the guest's imports.
    ///
    /// # Errors
    ///
    /// How the guest unwound; after exit, a thrown
    /// `Error("Go program has already exited")` as `wasm_exec.js` throws.
    fn resume(&mut self, world: &mut W) -> JsResult<(), W::Value>;
    /// Whether the program has exited (`go.exited`).
    fn exited(&self) -> bool;
    /// Ends the program with `code` (`process.exit(code)`): later calls into
    /// the guest fail as after Go's own exit. Overrides an earlier code, as
    /// a second `process.exit` would.
    fn exit(&mut self, code: i32);
    /// Reference-table counts (`go._values.length` is `capacity`).
    fn table_stats(&self) -> TableStats;
}
