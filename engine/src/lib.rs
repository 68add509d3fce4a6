//! # gojs-engine
//!
//! Runs WebAssembly programs that speak Go's `syscall/js` ABI (module
//! `gojs`, Go ≥ 1.21; `go`, Go ≤ 1.20; TinyGo's variant, see [`GoAbi`]) in
//! the [wasmi] interpreter — or, with the `jit` feature, in wasmtime with
//! Cranelift ([`Backend`]) — with the JavaScript side
//! supplied by any implementation of [`World`] (`gojs-boa` provides one on
//! the boa engine). This crate is the Rust port of everything in
//! `lib/wasm/wasm_exec.js` that is not JavaScript itself.
//!
//! ## Core concepts
//!
//! - [`GoModule`]: a parsed, checked module (function bodies validated up
//!   front or on first call, see [`Compilation`]). Checking imports and
//!   exports up front turns "not a Go program" into a [`LoadError`] instead
//!   of a failure halfway through. Cheap to clone and `Send + Sync`: one
//!   module starts programs on any number of threads.
//! - [`GoInstance`]: one program — linear memory, the [`RefTable`] of JS
//!   values Go holds, Go's pending timeouts. Lives until dropped; `run`
//!   starts it, JS re-enters it through [`Guest::resume`].
//! - [`World`]: the JS engine seen through the operations `wasm_exec.js`
//!   performs (`Reflect.get`, `Reflect.apply`, typed-array copies, clocks).
//! - [`Link`]: where the world's natives find the running program
//!   ([`Link::with_guest`]) and the program's imports find the world. The
//!   borrows it lends across each crossing are the workspace's only
//!   hand-written `unsafe` code (the private `reentry` module); its public
//!   API is safe.
//! - [`Backend`]: the wasm engine under the glue. The glue is written once
//!   against the private `backend::Host` trait (the guest's state, memory
//!   and exports, seen through a backend's store or caller); `backend/wasmi`
//!   implements it on the interpreter, `backend/jit.rs` on wasmtime.
//! - [`Unwind`]: how any crossing ends abruptly — a JS throw, the program's
//!   exit, or a [`HostError`] (a trap, a limit, an internal failure).
//!
//! A bad pointer or an unknown ref id from the guest becomes a JS exception
//! or a `null`/`undefined` exactly as in `wasm_exec.js` — never a host panic.

mod backend;
mod error;
mod guest;
mod imports;
pub mod inspect;
mod instance;
mod leaks;
mod limits;
mod name_cache;
mod reentry;
mod state;
pub mod table;
mod world;

pub use backend::{Backend, jit_cache_dir};
pub use error::{BoxError, HostError, HostErrorKind, Limit, LoadError, TrapCode, Unwind};
pub use gojs_abi as abi;
pub use imports::decode_utf8;
pub use instance::{Compilation, GoAbi, GoInstance, GoModule, ModuleConfig, START_FUEL, WasmVal};
pub use leaks::{FuncStats, FuncUse, LeakReport, LiveFunc};
pub use limits::{FUEL_SLICE, Interrupt, InterruptReason, Limits, STACK_RED_ZONE};
pub use reentry::Link;
pub use table::{LiveByKind, RefTable, SlotKind, TableStats};
pub use world::{ErrorKind, Guest, JsResult, ValueKind, World};
