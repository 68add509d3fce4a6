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
//! A program kept alive after `main` parks — the usual shape of Go wasm
//! published as a library — is a [`Session`]: call its functions, await
//! the promises they return, evaluate JS next to it, give it host functions.
//!
//! ```
//! use gojs_boa::{Compilation, GoModule, HostFn, Program};
//! # let wasm = wat::parse_str(r#"(module
//! #   (import "gojs" "syscall/js.valueGet" (func $get (param i32)))
//! #   (memory (export "mem") 1)
//! #   (func (export "getsp") (result i32) (i32.const 1024))
//! #   (func (export "resume"))
//! #   (func (export "run") (param i32 i32)))"#)?;
//! let module = GoModule::new(&wasm, Compilation::Lazy)?;
//! let mut session = Program::new(&module)
//!     .host_fn("host.greet", HostFn::new(|(name,): (String,)| format!("hello, {name}")))
//!     .start()?; // `main` has returned to JS: the program is parked
//! let greeting: String = session.call("host.greet", ("gojs",))?;
//! assert_eq!(greeting, "hello, gojs");
//! let sum: f64 = session.eval("Promise.resolve(40).then(x => x + 2)")
//!     .and_then(|p| session.resolve(p, None))?;
//! assert_eq!(sum, 42.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Core concepts
//!
//! - [`GoModule`]: a compiled, checked module; reuse it for many runs, on
//!   any number of threads.
//! - [`Program`]: how to run it — argv, env, outputs, clock, seed, limits,
//!   preloads, host functions. Each run gets a fresh JS world (a boa
//!   `Context`) and a fresh instance; nothing leaks from one run to the next.
//! - [`Session`]: a started program, alive until closed; bound to its
//!   thread, or run on its own thread as a [`SessionThread`].
//! - [`IntoJs`] / [`FromJs`]: Rust ↔ JS conversions for calls and host
//!   functions ([`HostFn`]); [`Error`] and [`JsException`] for what fails.
//! - [`Output`] / [`Input`]: where stdout/stderr go (inherit, capture,
//!   discard, writer) and where stdin comes from. Writes are unbuffered and
//!   ordered: nothing is lost on exit or trap. Blocking reads wait off the
//!   event loop.
//! - [`ClockMode`]: real time (node's behaviour) or a virtual clock that
//!   jumps to the next timer, for fast, reproducible tests.
//!
//! What differs from node on purpose is listed in `spec-notes/DIFFERENCES.md`.

mod clock;
mod convert;
mod error;
mod event_loop;
mod globals;
mod guard;
mod hooks;
mod host;
mod host_fn;
mod identity;
mod options;
mod output;
mod program;
mod session;
mod source_depth;
mod stack;
mod thread;
mod world;

/// boa, whose values [`Session`] methods take and return.
pub use boa_engine;
pub use clock::ClockMode;
#[cfg(feature = "serde")]
pub use convert::Json;
pub use convert::{FromJs, FromJsArgs, IntoJs, IntoJsArgs, IntoJsResult};
pub use error::{Error, JsException};
pub use globals::fs::{Filesystem, Mount, MountSource};
/// What a module is, from its bytes alone (`gojs inspect`).
pub use gojs_engine::inspect;
pub use gojs_engine::{
    Backend, Compilation, FUEL_SLICE, FuncStats, FuncUse, GoAbi, GoModule, HostError,
    HostErrorKind, Interrupt, InterruptReason, LeakReport, Limit, Limits, LiveByKind, LiveFunc,
    LoadError, ModuleConfig, TableStats, TrapCode, WasmVal, jit_cache_dir,
};
/// The filesystems a program can be given ([`Filesystem::Mounts`],
/// [`Mount::custom`]).
pub use gojs_vfs as vfs;
pub use host_fn::{HostFn, Resolver};
pub use identity::Identity;
pub use output::{Captured, Input, Output};
pub use program::{Exit, Program, SANDBOX_JS_LOOP_ITERATIONS, SANDBOX_TIMEOUT};
pub use session::{Callee, Session};
pub use thread::SessionThread;
