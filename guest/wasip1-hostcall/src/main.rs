//! Times wasm-import host calls of a `wasm32-wasip1` command: the Rust twin
//! of the Go program `conformance/wasip1/hostcall` (same ops, same output),
//! used by the `wasip1/rust/<op>` benches in `benches/`.
//!
//! ```text
//! wasip1-hostcall <op> <n>   run <op> n times, print "<op> <n> <elapsed ns>"
//! ```
//!
//! Ops: `empty` (the loop alone), `wasmimport/noop` (`gojs_bench.noop()`),
//! `wasmimport/add` (`gojs_bench.add(i, 2) -> i32`, its result checked).
//! The host functions come from the embedder (`gojs_wasip1::Command::import`).
//! The loop is timed with `std::time::Instant` (WASI `clock_time_get`)
//! around it.
//!
//! Built for `wasm32-wasip1` by `scripts/build-rust-guests.sh`. On other
//! targets the two imports are local functions doing the same, so the guest
//! workspace's `cargo clippy`/`cargo test` (host and `wasm32-unknown-unknown`)
//! build it too.

use std::hint::black_box;
use std::process::exit;
use std::time::Instant;

#[cfg(target_family = "wasm")]
mod host {
    #[link(wasm_import_module = "gojs_bench")]
    unsafe extern "C" {
        #[link_name = "noop"]
        fn import_noop();
        #[link_name = "add"]
        fn import_add(a: i32, b: i32) -> i32;
    }

    /// `gojs_bench.noop()`.
    pub fn noop() {
        // SAFETY: a wasm import with no arguments and no results; the host
        // touches no guest memory.
        unsafe { import_noop() }
    }

    /// `gojs_bench.add(a, b)`.
    pub fn add(a: i32, b: i32) -> i32 {
        // SAFETY: a wasm import of two i32 to one i32; the host touches no
        // guest memory.
        unsafe { import_add(a, b) }
    }
}

#[cfg(not(target_family = "wasm"))]
mod host {
    /// What the host's `gojs_bench.noop` does: nothing.
    pub fn noop() {
        std::hint::black_box(());
    }

    /// What the host's `gojs_bench.add` does.
    pub fn add(a: i32, b: i32) -> i32 {
        std::hint::black_box(a.wrapping_add(b))
    }
}

/// Runs `op` `n` times; `None` for an unknown op.
fn run(op: &str, n: u64) -> Option<()> {
    match op {
        "empty" => {
            for i in 0..n {
                black_box(i);
            }
        }
        "wasmimport/noop" => {
            for _ in 0..n {
                host::noop();
            }
        }
        "wasmimport/add" => {
            for i in 0..n {
                let i = i as i32;
                if host::add(i, 2) != i.wrapping_add(2) {
                    eprintln!("wasip1-hostcall: add is wrong at {i}");
                    exit(1);
                }
            }
        }
        _ => return None,
    }
    Some(())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, op, n] = args.as_slice() else {
        eprintln!("usage: wasip1-hostcall <op> <n>");
        exit(64)
    };
    let Ok(n) = n.parse::<u64>() else {
        eprintln!("wasip1-hostcall: n must be a count");
        exit(64)
    };
    let start = Instant::now();
    if run(op, n).is_none() {
        eprintln!("wasip1-hostcall: unknown op {op}");
        exit(64);
    }
    println!("{op} {n} {}", start.elapsed().as_nanos());
}

#[cfg(test)]
mod tests {
    use super::run;

    #[test]
    fn ops_are_the_go_programs() {
        for op in ["empty", "wasmimport/noop", "wasmimport/add"] {
            assert_eq!(run(op, 3), Some(()), "{op}");
        }
        assert_eq!(run("nope", 1), None);
    }
}
