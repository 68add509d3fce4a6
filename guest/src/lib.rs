//! `gojs-guest`: write `wasm32-unknown-unknown` programs in Rust that speak Go's
//! `syscall/js` ABI, so they run unmodified under
//! `node $(go env GOROOT)/lib/wasm/wasm_exec_node.js guest.wasm` — and under any
//! host that implements `wasm_exec.js`, such as gojs.
//!
//! The API mirrors Go's `syscall/js` (same semantics, same panic messages),
//! with Rust types where Go checks at run time.
//!
//! ```no_run
//! use gojs_guest::{global, println, Value};
//!
//! fn main() {
//!     let math = global().get("Math");
//!     let max = math.call("max", (3, 7.5, -1));
//!     println!("Math.max = {}", max.float());
//!     global().get("console").call("log", ("from", "JS"));
//! }
//!
//! gojs_guest::main!(main);
//! ```
//!
//! Build it as a `cdylib` for `wasm32-unknown-unknown` with the link flags in
//! this crate's `.cargo/config.toml` (memory exported as `mem`); see README.md.
//!
//! # Core concepts
//!
//! **[`Value`]** is a handle to a JavaScript value. Numbers, booleans,
//! `undefined`, `null` and `globalThis` are carried inline: free to copy. Strings,
//! objects, functions, symbols and BigInts live in the host's reference table;
//! the `Value` owns one host reference count, shared by its clones through an
//! `Rc`, and gives it back (`syscall/js.finalizeRef`) when the last clone drops.
//! Release is deterministic, not left to a garbage collector as in Go: a loop of
//! a million temporaries leaves the table as it found it. Every property access
//! or call is one import call into the host (≈ a JS property access plus a few
//! memory reads and writes), so cache values you use often.
//!
//! **Conversions**: anything `Into<Value>` — `bool`, every number type, `&str`,
//! `String`, `Option<T>` (`None` is `null`), `Vec`/slices, `BTreeMap`/`HashMap`
//! with string keys — can be passed to [`Value::set`] or as an argument. Go's
//! `ValueOf` panics at run time on other types; Rust rejects them at compile
//! time. See [`convert`].
//!
//! **Errors**: each method that can fail comes twice. `get`, `call`, `int`…
//! panic exactly like Go (`syscall/js: call of Value.Int on string`,
//! `JavaScript error: boom`); `try_get`, `try_call`, `try_int`… return a typed
//! error ([`ValueError`], [`JsError`], [`Error`], …) whose `Display` is that
//! same text. A panic prints `panic: <message>` on stderr and exits with code 2,
//! as Go does.
//!
//! **[`Func`]** wraps a Rust closure as a JavaScript function ([`func_of`]).
//! JavaScript calls it synchronously, nested inside whatever JavaScript was
//! running (possibly inside a call the guest made). It lives until dropped:
//! dropping releases it, [`Func::forget`] keeps it for the program's lifetime.
//!
//! **Life cycle**: [`main!`] defines the `run`, `resume` and `getsp` exports.
//! `run` calls your `main`; when it returns the program exits with code 0
//! (like Go), unless `main` called [`keep_alive`]: then the guest keeps serving
//! callbacks until one calls [`exit`] or the host has nothing left to do
//! (exit 0). [`args()`] and [`env()`] hold what the host passed to `run`.
//!
//! **Output**: [`println!`] and friends write with JavaScript's
//! `fs.writeSync(fd, Uint8Array)`; `std::println!` prints nothing on this target.
//!
//! **Threads**: none. `Value` and `Func` are `!Send`; all state is per guest.
#![deny(missing_docs)]
#![deny(unsafe_code)]
#![warn(clippy::undocumented_unsafe_blocks)]

mod bigint;
mod bytes;
pub mod convert;
mod error;
mod frame;
mod func;
#[doc(hidden)]
pub mod io;
mod runtime;
mod sys;
mod value;

pub use bytes::{
    copy_bytes_to_guest, copy_bytes_to_js, try_copy_bytes_to_guest, try_copy_bytes_to_js,
    uint8_array_from,
};
pub use convert::IntoArgs;
pub use error::{BigIntRangeError, CopyBytesError, Error, JsError, NotAFunctionError, ValueError};
pub use func::{Func, func_of, live_funcs};
pub use io::write_fd;
pub use runtime::{args, env, env_var, exit, keep_alive};
pub use value::{Type, Value, global, go_object, null, undefined};

/// Defines the guest's exports — `run`, `resume`, `getsp` — around a
/// `fn()` that plays the role of Go's `main`.
///
/// ```no_run
/// fn start() {
///     gojs_guest::println!("hello from {}", gojs_guest::args()[0]);
/// }
/// gojs_guest::main!(start);
/// ```
///
/// `run` copies the arguments and environment, installs the panic hook (a
/// panic prints `panic: <message>` on stderr and exits 2), calls the function,
/// and then exits 0 unless [`keep_alive`] was called. Use it once per
/// `cdylib`.
#[macro_export]
macro_rules! main {
    ($main:path) => {
        /// The `run(argc, argv)` export `wasm_exec.js` calls to start the program.
        #[unsafe(no_mangle)]
        pub extern "C" fn run(argc: i32, argv: i32) {
            $crate::__private::run(argc, argv, $main)
        }

        /// The `resume()` export: handles `go._pendingEvent` (a callback).
        #[unsafe(no_mangle)]
        pub extern "C" fn resume() {
            $crate::__private::resume()
        }

        /// The `getsp()` export: the frame of the import call in progress.
        #[unsafe(no_mangle)]
        pub extern "C" fn getsp() -> i32 {
            $crate::__private::getsp()
        }
    };
}

#[doc(hidden)]
pub mod __private {
    //! What [`main!`](crate::main!) expands to; not a stable API.
    pub use crate::runtime::{getsp, resume, run};
}
