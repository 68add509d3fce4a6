//! Boundary crossings of both guest kinds, and their floors.
//!
//! - `floor/…`: the parts with no glue (see `gojs_benches::floors`).
//! - `crossing/rust/<op>`, `crossing/go/<op>`: one op of the `crossings`
//!   program of each guest kind, timed by the guest around its own loop.
//!
//! After the run a table shows every crossing next to its floor (the sum of
//! the floors of its parts) and the ratio; it is also written to
//! `target/criterion/gojs-crossings.md`.

use criterion::Criterion;
use gojs_benches::{
    floors::{Floor, Floors},
    guests::{Crossings, Kind},
    program_group_config,
    report::{self, CROSSINGS, EMPTY_OP},
};
use std::time::Duration;

fn floors(c: &mut Criterion) {
    let mut floors = Floors::new();
    let mut group = c.benchmark_group("floor");
    group
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    for &floor in Floor::ALL {
        let id = floor.id();
        let full = report::floor_id(floor);
        group.bench_function(&id, |b| {
            b.iter_custom(|iters| {
                let t = floors.time(floor, iters);
                report::record(&full, iters, t);
                t
            })
        });
    }
    group.finish();
}

fn crossings(c: &mut Criterion, kind: Kind) {
    let guest = Crossings::load(kind);
    let mut group = c.benchmark_group(format!("crossing/{}", kind.name()));
    program_group_config(&mut group);
    let ops = std::iter::once(EMPTY_OP).chain(CROSSINGS.iter().map(|c| c.op));
    for op in ops {
        let id = format!("crossing/{}/{op}", kind.name());
        group.bench_function(op, |b| {
            b.iter_custom(|iters| {
                let t = guest.time(op, iters, 0);
                report::record(&id, iters, t);
                t
            })
        });
    }
    group.finish();
}

/// Registers the floor and crossing benches.
pub fn benches(c: &mut Criterion) {
    floors(c);
    for kind in Kind::ALL {
        crossings(c, kind);
    }
}

/// Prints (and writes) the floors and crossings tables.
pub fn publish() {
    if report::ran("floor/") {
        report::publish("floors", &report::floors_table());
    }
    if report::ran("crossing/") {
        report::publish("crossings", &report::crossings_table());
    }
}
