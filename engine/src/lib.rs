//! # gojs-engine
//!
//! Runs WebAssembly programs that speak Go's `syscall/js` ABI (module
//! `gojs`, Go ≥ 1.21) in the [wasmi] interpreter, with the JavaScript side
//! supplied by any implementation of [`World`] (`gojs-boa` provides one on
//! the boa engine). This crate is the Rust port of everything in
//! `lib/wasm/wasm_exec.js` that is not JavaScript itself.
//!
//! ## Core concepts
//!
//! - [`GoModule`]: a parsed, checked module (function bodies validated up
//!   front or on first call, see [`Compilation`]). Checking imports and
//!   exports up front turns "not a Go program" into a [`LoadError`] instead
//!   of a failure halfway through.
//! - [`GoInstance`]: one program — linear memory, the [`RefTable`] of JS
//!   values Go holds, Go's pending timeouts. Lives until dropped; `run`
//!   starts it, JS re-enters it through [`Guest::resume`].
//! - [`World`]: the JS engine seen through the operations `wasm_exec.js`
//!   performs (`Reflect.get`, `Reflect.apply`, typed-array copies, clocks).
//! - [`Guest`]: the running program seen from JS (what a Go function wrapper
//!   calls). Handles are lent across each crossing by the [`lend`] module,
//!   the only `unsafe` code of the crate.
//!
//! A JS exception inside an import that `wasm_exec.js` does not guard,
//! `wasmExit`, and host limits unwind the guest as a [`GuestError`]; a bad
//! pointer or an unknown ref id from the guest becomes a JS exception or a
//! `null`/`undefined` exactly as in `wasm_exec.js` — never a host panic.

#![warn(missing_docs)]

mod error;
mod guest;
mod imports;
mod instance;
pub mod lend;
mod state;
pub mod table;
mod world;

pub use error::LoadError;
pub use gojs_abi as abi;
pub use imports::decode_utf8;
pub use instance::{Compilation, GoInstance, GoModule};
pub use state::{Counters, Limits};
pub use table::{LiveByKind, RefTable, SlotKind, TableStats};
pub use world::{Abrupt, ErrorKind, Guest, GuestError, JsResult, ValueKind, World};
