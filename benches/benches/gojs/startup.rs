//! Start-up: a hello world run to its exit, in process.
//!
//! - `startup/<guest>/hello`: compile the module (lazy translation) and run
//!   it to exit — what `gojs run hello.wasm` does after reading the file,
//!   minus process start (scripts/bench-vs-node.sh times fresh processes).
//! - `startup/<guest>/hello-precompiled`: the run alone, module compiled once.

use criterion::Criterion;
use gojs_benches::{
    guests::{Hello, Kind},
    program_group_config, report,
};
use std::time::Duration;

/// One way of running the hello world; returns the wall time.
type Run = fn(&Hello) -> Duration;

/// Registers the start-up benches.
pub fn benches(c: &mut Criterion) {
    for kind in Kind::ALL {
        let hello = Hello::load(kind);
        let mut group = c.benchmark_group(format!("startup/{}", kind.name()));
        program_group_config(&mut group);
        let cases: [(&str, Run); 2] = [
            ("hello", Hello::compile_and_run),
            ("hello-precompiled", Hello::run_precompiled),
        ];
        for (name, run) in cases {
            let id = format!("startup/{}/{name}", kind.name());
            group.bench_function(name, |b| {
                b.iter_custom(|iters| {
                    let t: Duration = (0..iters).map(|_| run(&hello)).sum();
                    report::record(&id, iters, t);
                    t
                })
            });
        }
        group.finish();
    }
}

/// Prints (and writes) the start-up table.
pub fn publish() {
    if report::ran("startup/") {
        report::publish("startup", &report::series_table("startup/"));
    }
}
