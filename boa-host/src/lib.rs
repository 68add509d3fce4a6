//! # gojs-boa
//!
//! Runs WebAssembly programs that use Go's `syscall/js` ABI — Go programs
//! built with `GOOS=js GOARCH=wasm`, or Rust guests built with
//! `gojs-guest` — inside this process: the wasm in the wasmi interpreter
//! (through [`gojs_engine`]), the JavaScript world on the boa engine. By
//! default a program behaves as under `node wasm_exec_node.js prog.wasm`:
//! same stdout, stderr and exit code.
//!
//! ```
//! use gojs_boa::{Compilation, GoModule, Output, Program};
//!
//! // Any module built with GOOS=js GOARCH=wasm (or with gojs-guest) works;
//! // to stay self-contained this one is hand-written: `run` writes "hi\n"
//! // to fd 1 through `runtime.wasmWrite`, then calls `runtime.wasmExit(3)`.
//! let wasm = wat::parse_str(r#"(module
//!   (import "gojs" "runtime.wasmWrite" (func $write (param i32)))
//!   (import "gojs" "runtime.wasmExit" (func $exit (param i32)))
//!   (memory (export "mem") 1)
//!   (data (i32.const 2048) "hi\n")
//!   (func (export "getsp") (result i32) (i32.const 1024))
//!   (func (export "resume"))
//!   (func (export "run") (param i32 i32)
//!     (i64.store (i32.const 1032) (i64.const 1))     ;; fd
//!     (i64.store (i32.const 1040) (i64.const 2048))  ;; p
//!     (i32.store (i32.const 1048) (i32.const 3))     ;; n
//!     (call $write (i32.const 1024))
//!     (i32.store (i32.const 1032) (i32.const 3))     ;; exit code
//!     (call $exit (i32.const 1024))))"#)?;
//!
//! let module = GoModule::new(&wasm, Compilation::Lazy)?;
//! let (stdout, captured) = Output::capture();
//! let exit = Program::new(&module)
//!     .args(["prog.wasm", "--flag"])
//!     .env([("HOME", "/tmp")])
//!     .stdout(stdout)
//!     .run()?;
//! assert_eq!((exit.code, captured.text().as_str()), (3, "hi\n"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Core concepts
//!
//! - [`GoModule`]: a compiled, checked module; reuse it for many runs.
//! - [`Program`]: one run — argv, env, outputs, clock, seed, limits. Each
//!   run gets a fresh JS world (a boa `Context`) and a fresh instance;
//!   nothing leaks from one run to the next.
//! - [`Output`]: where stdout/stderr go (inherit, capture, discard, writer).
//!   Writes are unbuffered and ordered: nothing is lost on exit or trap.
//! - [`ClockMode`]: real time (node's behaviour) or a virtual clock that
//!   jumps to the next timer, for fast, reproducible tests.
//!
//! What differs from node on purpose is listed in `spec-notes/DIFFERENCES.md`.

#![warn(missing_docs)]

mod clock;
mod event_loop;
mod globals;
mod host;
mod output;
mod program;
mod world;

pub use clock::ClockMode;
pub use globals::fs::Filesystem;
pub use gojs_engine::{Compilation, GoModule, Limits, LiveByKind, LoadError, TableStats};
pub use output::{Captured, Input, Output};
pub use program::{Error, Exit, ExitReason, Program};
pub use world::BoaWorld;
