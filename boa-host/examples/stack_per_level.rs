//! Runs one JS source on a thread of a given stack size, with plain boa
//! (no gojs guards), and prints whether it completed: a stack overflow
//! aborts the process instead. `scripts/boa-stack-per-level.sh` bisects
//! with it how much native stack boa spends per level of a shape — the
//! figures `source_depth.rs`, `guard.rs` and `stack.rs` budget with.
//!
//! `stack_per_level SOURCE N STACK_KIB`: `NNN` in SOURCE is replaced by N.

use boa_engine::{Context, Source};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, source, n, kib] = args.as_slice() else {
        eprintln!("usage: stack_per_level SOURCE N STACK_KIB (NNN in SOURCE becomes N)");
        std::process::exit(2);
    };
    let source = source.replace("NNN", n);
    let Ok(kib) = kib.parse::<usize>() else {
        eprintln!("stack_per_level: STACK_KIB must be a number, not {kib:?}");
        std::process::exit(2);
    };
    let completed = std::thread::Builder::new()
        .stack_size(kib << 10)
        .spawn(move || Context::default().eval(Source::from_bytes(&source)).is_ok())
        .expect("spawning the probe thread")
        .join()
        .expect("the probe thread");
    println!("{completed}");
}
