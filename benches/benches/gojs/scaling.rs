//! Scaling: a crossing's per-op cost must not grow with the number of live
//! reference-table slots (the table is O(1) per op) nor with how deeply
//! guest → JS → guest calls are nested.
//!
//! - `scaling/slots/<guest>/<live slots>`: `valueGet/object` (store + lookup +
//!   free of a slot) while 10² … 10⁶ other slots are live.
//! - `scaling/nesting/<guest>/<depth>`: a guest → JS → guest round trip made
//!   from inside 1 … 1000 nested round trips.
//!
//! Each criterion iteration here is [`BATCH`] guest ops: a sample is a whole
//! program run whose setup (filling 10⁶ slots, nesting 1000 deep) takes up to
//! seconds, and criterion plans its iteration counts from wall time, so with
//! one op per iteration it would time a handful of cold ops. Criterion's
//! figures for these groups are per 1000 ops; the table printed after the run
//! is per op, with each point's ratio to the first of its series (flat ≈
//! 1.0x), and is also written to `target/criterion/gojs-scaling.md`.

use criterion::{BenchmarkId, Criterion};
use gojs_benches::{
    guests::{Crossings, Kind},
    program_group_config, report,
};

/// Live slots per point; the Go guest stops at 10⁵ (filling 10⁶ slots costs
/// seconds of Go code per sample in the interpreter).
fn slot_counts(kind: Kind) -> &'static [u64] {
    match kind {
        Kind::Rust => &[100, 1_000, 10_000, 100_000, 1_000_000],
        Kind::Go => &[100, 1_000, 10_000, 100_000],
    }
}

const DEPTHS: &[u64] = &[1, 10, 100, 1000];

/// Guest ops per criterion iteration.
pub const BATCH: u64 = 1000;

fn series(c: &mut Criterion, guest: &Crossings, name: &str, op: &str, params: &[u64]) {
    let kind = guest.kind().name();
    let mut group = c.benchmark_group(format!("scaling/{name}/{kind}"));
    program_group_config(&mut group);
    for &param in params {
        let id = format!("scaling/{name}/{kind}/{param}");
        group.bench_with_input(BenchmarkId::from_parameter(param), &param, |b, &param| {
            b.iter_custom(|iters| {
                let t = guest.time(op, iters * BATCH, param);
                report::record(&id, iters * BATCH, t);
                t
            })
        });
    }
    group.finish();
}

/// Registers the scaling benches.
pub fn benches(c: &mut Criterion) {
    for kind in Kind::ALL {
        let guest = Crossings::load(kind);
        series(c, &guest, "slots", "scaling/slots", slot_counts(kind));
        series(c, &guest, "nesting", "scaling/nesting", DEPTHS);
    }
}

/// Prints (and writes) the scaling table.
pub fn publish() {
    if report::ran("scaling/") {
        report::publish("scaling", &report::series_table("scaling/"));
    }
}
