//! Standard output and error: [`write_fd`] and the macros [`print!`],
//! [`println!`], [`eprint!`], [`eprintln!`].
//!
//! `std::println!` prints nothing on `wasm32-unknown-unknown` (std's stdout is a
//! sink there). These write through the JavaScript `fs` object instead, with
//! `globalThis.fs.writeSync(fd, uint8Array)`: under node that is node's own
//! synchronous `fs.writeSync` (bytes reach fd 1/2 before the call returns); on
//! other hosts it is `wasm_exec.js`'s polyfill or the host's `fs`. See
//! RATIONALE.md, "Why fs.writeSync and not Go's fs.write?".
//!
//! [`print!`]: crate::print!
//! [`println!`]: crate::println!
//! [`eprint!`]: crate::eprint!
//! [`eprintln!`]: crate::eprintln!

use crate::bytes::uint8_array_from;
use crate::error::{Error, JsError, or_panic};
use crate::value::{Value, global};
use std::fmt;

thread_local! {
    /// `globalThis.fs`, looked up once like Go's `syscall.jsFS`.
    static FS: Value = global().get("fs");
}

/// Writes all of `bytes` to file descriptor `fd` (1 stdout, 2 stderr) with
/// `fs.writeSync(fd, new Uint8Array(bytes))`.
///
/// Short writes are continued with the rest (`subarray`), and `EAGAIN` is
/// retried: node switches a pipe on fd 1/2 to non-blocking mode once anything
/// touches `process.stdout`/`process.stderr` (e.g. `console.log`), after which
/// `fs.writeSync` writes what fits and then throws `EAGAIN` until the reader
/// drains the pipe. The retry spins; it never happens with files or terminals.
///
/// # Panics
///
/// `JavaScript error: <message>` if `fs.writeSync` throws anything else (e.g.
/// `EBADF`), like any [`Value::call`].
pub fn write_fd(fd: i32, bytes: &[u8]) {
    if bytes.is_empty() {
        return;
    }
    let mut buf = uint8_array_from(bytes);
    let mut left = bytes.len() as i64;
    FS.with(|fs| {
        loop {
            let n = match fs.try_call("writeSync", (fd, &buf)) {
                Ok(n) => n.int(),
                Err(Error::Js(e)) if is_eagain(&e) => continue,
                Err(e) => or_panic(Err(e)),
            };
            if n <= 0 || n >= left {
                break;
            }
            left -= n;
            buf = buf.call("subarray", (n,));
        }
    });
}

fn is_eagain(e: &JsError) -> bool {
    let thrown = e.value();
    thrown.type_of().is_object() && thrown.get("code").string() == "EAGAIN"
}

#[doc(hidden)]
pub fn _print(fd: i32, args: fmt::Arguments<'_>) {
    match args.as_str() {
        Some(s) => write_fd(fd, s.as_bytes()),
        None => write_fd(fd, args.to_string().as_bytes()),
    }
}

/// Prints to standard output through `fs.writeSync(1, …)`, like
/// [`std::print!`] (which prints nothing on this target).
///
/// # Panics
///
/// If `fs.writeSync` throws; see [`write_fd`].
#[macro_export]
macro_rules! print {
    ($($arg:tt)*) => {
        $crate::io::_print(1, ::core::format_args!($($arg)*))
    };
}

/// Prints a line to standard output through `fs.writeSync(1, …)`, like
/// [`std::println!`]. One write per call, newline included.
///
/// # Panics
///
/// If `fs.writeSync` throws; see [`write_fd`].
#[macro_export]
macro_rules! println {
    () => {
        $crate::io::_print(1, ::core::format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::io::_print(1, ::core::format_args!("{}\n", ::core::format_args!($($arg)*)))
    };
}

/// Prints to standard error through `fs.writeSync(2, …)`, like [`std::eprint!`].
///
/// # Panics
///
/// If `fs.writeSync` throws; see [`write_fd`].
#[macro_export]
macro_rules! eprint {
    ($($arg:tt)*) => {
        $crate::io::_print(2, ::core::format_args!($($arg)*))
    };
}

/// Prints a line to standard error through `fs.writeSync(2, …)`, like
/// [`std::eprintln!`].
///
/// # Panics
///
/// If `fs.writeSync` throws; see [`write_fd`].
#[macro_export]
macro_rules! eprintln {
    () => {
        $crate::io::_print(2, ::core::format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::io::_print(2, ::core::format_args!("{}\n", ::core::format_args!($($arg)*)))
    };
}
