//! # gojs-boa
//!
//! Runs WebAssembly programs that use Go's `syscall/js` ABI — Go programs
//! built with `GOOS=js GOARCH=wasm`, or Rust guests built with
//! `gojs-guest` — inside this process: the wasm in the wasmi interpreter
//! (through [`gojs_engine`]), the JavaScript world on the boa engine. By
//! default a program behaves as under `node wasm_exec_node.js prog.wasm`:
//! same stdout, stderr and exit code.
//!
//! ```no_run
//! use gojs_boa::{GoModule, Output, Program, Compilation};
//!
//! let wasm = std::fs::read("hello.wasm")?;
//! let module = GoModule::new(&wasm, Compilation::Lazy)?;
//! let (stdout, captured) = Output::capture();
//! let exit = Program::new(&module)
//!     .args(["hello.wasm", "--name", "gopher"])
//!     .env([("HOME", "/tmp")])
//!     .stdout(stdout)
//!     .run()?;
//! println!("exit {}: {}", exit.code, captured.text());
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
