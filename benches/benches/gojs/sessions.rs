//! Calls into a parked program (a session), per call:
//!
//! - `session/{rust,go}/<call>/fromRust`: `Session::call` of the reactor's
//!   function (`call0`: `counter()`; `string1KiB`: `concat(s)` with 1 KiB in
//!   and out), the function value looked up once;
//! - `session/{rust,go}/<call>/fromJs`: the same call in a JS loop in the
//!   program's world;
//! - `session/noop/<call>/{fromRust,fromJs}`: the same on a JS function that
//!   does nothing (the session path with no guest behind it);
//! - `session/threads/go/string1KiB/{1,2}`: throughput of sessions of one
//!   module on one and on two threads (per call, all threads together).
//!
//! The floor of a call into the guest is the floor of a JS → guest call,
//! `callback/jsToGuest`'s (the `wasm_exec.js` protocol: the wrapper call,
//! the event object, the reads and writes of `_pendingEvent`, plus the
//! export and import calls; from the floor benches of the same run); the
//! 1 KiB string's copies come on top. node's figure for the same calls from
//! JS comes from `scripts/bench-sessions-vs-node.sh`.

use criterion::Criterion;
use gojs_benches::{
    guests::Kind,
    report,
    sessions::{self, Call},
};
use std::time::Duration;

type Measure = fn(&mut gojs_boa::Session, Option<Kind>, Call, u64) -> Duration;

const FROM: [(&str, Measure); 2] = [
    ("fromRust", sessions::from_rust),
    ("fromJs", sessions::from_js),
];

fn group_config<M: criterion::measurement::Measurement>(g: &mut criterion::BenchmarkGroup<'_, M>) {
    let measurement = if gojs_benches::quick() { 1 } else { 3 };
    g.warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(measurement));
}

/// Registers the session benches.
pub fn benches(c: &mut Criterion) {
    let mut noop_session = sessions::start(&sessions::reactor_module(Kind::Rust));
    let mut group = c.benchmark_group("session/noop");
    group_config(&mut group);
    for call in Call::ALL {
        for (from, measure) in FROM {
            let id = format!("session/noop/{}/{from}", call.name());
            group.bench_function(format!("{}/{from}", call.name()), |b| {
                b.iter_custom(|iters| {
                    let t = measure(&mut noop_session, None, call, iters);
                    report::record(&id, iters, t);
                    t
                })
            });
        }
    }
    group.finish();
    drop(noop_session);

    for kind in Kind::ALL {
        let module = sessions::reactor_module(kind);
        let mut session = sessions::start(&module);
        let mut group = c.benchmark_group(format!("session/{}", kind.name()));
        group_config(&mut group);
        for call in Call::ALL {
            for (from, measure) in FROM {
                let id = format!("session/{}/{}/{from}", kind.name(), call.name());
                group.bench_function(format!("{}/{from}", call.name()), |b| {
                    b.iter_custom(|iters| {
                        let t = measure(&mut session, Some(kind), call, iters);
                        report::record(&id, iters, t);
                        t
                    })
                });
            }
        }
        group.finish();
    }

    let module = sessions::reactor_module(Kind::Go);
    let mut group = c.benchmark_group("session/threads/go/string1KiB");
    group.sample_size(10);
    group_config(&mut group);
    for threads in [1u64, 2] {
        let id = format!("session/threads/go/string1KiB/{threads}");
        group.bench_function(threads.to_string(), |b| {
            b.iter_custom(|iters| {
                // At least 2000 calls a sample, so session start-up (outside
                // the timing) does not dominate the sample's wall time.
                let n = iters.max(2000).next_multiple_of(threads);
                let t = sessions::threads(&module, Kind::Go, Call::String1KiB, threads, n);
                report::record(&id, n, t);
                t.mul_f64(iters as f64 / n as f64)
            })
        });
    }
    group.finish();
}

/// Prints (and writes) the sessions table.
pub fn publish() {
    if !report::ran("session/") {
        return;
    }
    let callback = report::CROSSINGS
        .iter()
        .find(|c| c.op == "callback/jsToGuest")
        .expect("the callback crossing is listed");
    let ns = |id: String| report::per_op_ns(&id);
    let fmt = |v: Option<f64>| match v {
        None => "—".to_owned(),
        Some(v) if v >= 1e4 => format!("{:.1} µs", v / 1e3),
        Some(v) => format!("{v:.0} ns"),
    };
    let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.2}x", a / b),
        _ => "—".to_owned(),
    };
    let mut table = String::from(
        "| call | guest | from Rust | from JS | JS no-op from Rust | JS no-op from JS | floor (JS → guest call) | from Rust / floor |\n|---|---|---|---|---|---|---|---|\n",
    );
    for call in Call::ALL {
        for kind in Kind::ALL {
            let floor = report::floor_ns(callback, kind);
            let rust = ns(format!("session/{}/{}/fromRust", kind.name(), call.name()));
            let js = ns(format!("session/{}/{}/fromJs", kind.name(), call.name()));
            table += &format!(
                "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
                call.name(),
                kind.name(),
                fmt(rust),
                fmt(js),
                fmt(ns(format!("session/noop/{}/fromRust", call.name()))),
                fmt(ns(format!("session/noop/{}/fromJs", call.name()))),
                fmt(floor),
                ratio(rust, floor),
            );
        }
    }
    let one = ns("session/threads/go/string1KiB/1".into());
    let two = ns("session/threads/go/string1KiB/2".into());
    table += &format!(
        "\nThroughput, Go `concat(1KiB)` from Rust, sessions of one module: 1 thread {} per call, 2 threads {} per call: **{}** the throughput of one.\n",
        fmt(one),
        fmt(two),
        ratio(one, two),
    );
    report::publish("sessions", &table);
}
