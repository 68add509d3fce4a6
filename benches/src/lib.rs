//! # gojs-benches
//!
//! The helper module of the gojs benchmarks (the bench targets are in
//! `benches/`): it owns everything the benches share, and no measurement
//! policy of its own beyond "time only the loop".
//!
//! - [`guests`]: builds the guest programs (the Go `crossings` program and the
//!   Rust `crossings` example, plus the hello worlds) into `target/bench-wasm/`
//!   with the repository's scripts, and runs one op of a guest through
//!   [`gojs_boa::Program`], returning the time the guest measured around its
//!   own loop (setup and program start-up excluded).
//! - [`floors`]: the same work with no glue at all — a wasmi wasm→host call of
//!   a no-op import, a host→wasm export call, the boa operation alone,
//!   `memcpy` of the same bytes.
//! - [`report`]: records what each bench measured and prints, after the run,
//!   every crossing with its floor and the ratio between them.
//! - [`sessions`]: calls into a parked reactor guest, from Rust and from JS,
//!   on one thread or several.
//! - [`limits`]: the sandbox's costs — metering, deadlines, stop latency,
//!   the in-memory filesystem, the guard on built-ins.
//!
//! ## How a crossing is measured
//!
//! A guest program takes `<op> <n> [param]`, sets the op up, reads the clock,
//! runs the op `n` times, reads the clock again and prints the elapsed
//! nanoseconds. Criterion's `iter_custom` asks for `iters` iterations; the
//! bench runs the program with `n = iters` and hands criterion the guest's own
//! measurement. Compiling the module happens once, outside every sample.

pub mod floors;
pub mod guests;
pub mod limits;
pub mod report;
pub mod sessions;

use std::time::Duration;

/// Whether criterion runs in `--quick` mode (it then samples until the
/// estimate is stable or the measurement time is up).
pub fn quick() -> bool {
    std::env::args().any(|a| a == "--quick")
}

/// Criterion settings for benches where each sample is one program run: few
/// samples (a run costs tens of milliseconds of start-up that is not
/// measured but still takes wall time), short warm-up; in `--quick` mode at
/// most one second per bench.
pub fn program_group_config<M: criterion::measurement::Measurement>(
    group: &mut criterion::BenchmarkGroup<'_, M>,
) {
    let measurement = if quick() {
        Duration::from_secs(1)
    } else {
        Duration::from_secs(3)
    };
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(measurement);
}
