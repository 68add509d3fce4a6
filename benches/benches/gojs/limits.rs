//! What the sandbox costs (issue 9), every comparison within one run, and
//! most within one round: the variants of a comparison run alternately
//! ([`Rounds`]: each criterion iteration is one round, every variant once,
//! in rotating order), and the table printed after the run gives each
//! variant's median per op and the median (and quartiles) of the per-round
//! ratios — on a shared 2-core machine, what drifts between benches run one
//! after the other cancels out of those.
//!
//! - `limits/metering/crossing/{rust,go}/<op>` and
//!   `limits/metering/compute/<work>`: a subset of the crossings (timed by
//!   the guest around its own loop, as `crossing/…`), and runs of the Go
//!   `compute` program, under three variants: `unmetered` (module compiled
//!   without metering), `metered` (the library default, no budget) and
//!   `fuel+timeout` (metered, a fuel budget and a deadline, neither
//!   reached).
//! - `limits/stop_latency/<spinner>/{deadline,interrupt}`: a program that
//!   never ends by itself (a wasm `loop br 0`, Go hashing for hours, a JS
//!   loop calling `Math.max`) stopped by a 100 ms deadline, or by an
//!   interrupt triggered from the bench thread 50 ms after it started;
//!   `limits/stop_latency/exit-at-once/run` is a run that ends at once (its
//!   fixed cost). One run per iteration: criterion times whole runs; the
//!   table gives, per run, the overshoot past the deadline (`run` returned
//!   minus timeout) or the time from the trigger to `run` returning, median
//!   and maximum over every run criterion made.
//! - `limits/fs/go/<op>`: the `fsbench` Go program (`os.WriteFile` /
//!   `os.ReadFile` of 1 MiB and of 1 KiB files) under `Filesystem::Host`
//!   (cwd a scratch directory under the system's temp directory) and under
//!   `Filesystem::memory()`; `limits/fs/vfs/<op>`: the same operations
//!   straight on `gojs_vfs::HostFs` and `MemFs`, no wasm or JS.
//! - `limits/guard/<loop>`: a JS loop calling `Math.max` (or nothing, or a
//!   JS function) in a bare boa context and in a program's world, whose
//!   built-ins are wrapped by the guard (stack and interrupt check per call).

use criterion::{Criterion, SamplingMode};
use gojs_benches::{
    guests::{Crossings, Kind, time_program, wasm_bytes},
    limits::{self, BareBoa, Guard, Metering, Rounds, Spinner, Stop, VfsBench, VfsOp},
    program_group_config, report,
};
use gojs_boa::{Filesystem, GoModule};
use std::{fmt::Write as _, time::Duration};

/// The crossings measured under each metering: the loop alone, a property
/// get, a call, a string copy, a JS → guest callback (an export call per
/// op: a resumable call under metering).
const OPS: [&str; 5] = [
    "empty",
    "valueGet/number",
    "valueCall/0",
    "valueString/1KiB",
    "callback/jsToGuest",
];

/// The compute work: one program run per variant per round.
const COMPUTE: [(&str, &str); 3] = [("sha256", "2"), ("sort", "200000"), ("mapitoa", "200000")];

const DEADLINE: Duration = Duration::from_millis(100);
const INTERRUPT_AFTER: Duration = Duration::from_millis(50);

/// Criterion settings for interleaved rounds: each iteration is a round of
/// program runs (≈ 3 × 30 ms of guest time, more of wall time).
fn rounds_config<M: criterion::measurement::Measurement>(
    group: &mut criterion::BenchmarkGroup<'_, M>,
) {
    program_group_config(group);
    group.sampling_mode(SamplingMode::Flat);
}

/// Guest time per variant per round.
const ROUND_TARGET: Duration = Duration::from_millis(30);

fn bench_rounds(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    rounds: &mut Rounds<'_>,
) {
    group.bench_function(name, |b| {
        b.iter_custom(|iters| (0..iters).map(|_| rounds.round()).sum())
    });
}

fn metering(c: &mut Criterion) {
    for kind in Kind::ALL {
        let guests: Vec<(Metering, Crossings)> = Metering::ALL
            .iter()
            .map(|&m| (m, Crossings::load_with(kind, m.module_config())))
            .collect();
        let mut group = c.benchmark_group(format!("limits/metering/crossing/{}", kind.name()));
        rounds_config(&mut group);
        for op in OPS {
            let id = format!("limits/metering/crossing/{}/{op}", kind.name());
            let mut rounds = Rounds::new(&id, 1000);
            for (m, guest) in &guests {
                let m = *m;
                rounds = rounds.variant(m.name(), move |n| {
                    guest.time_with(op, n, 0, |p| m.configure(p))
                });
            }
            rounds.calibrate(ROUND_TARGET);
            bench_rounds(&mut group, op, &mut rounds);
        }
        group.finish();
    }

    let bytes = wasm_bytes(Kind::Go, "compute");
    let modules: Vec<(Metering, GoModule)> = Metering::ALL
        .iter()
        .map(|&m| {
            let module = GoModule::with_config(&bytes, m.module_config()).expect("compute.wasm");
            (m, module)
        })
        .collect();
    let mut group = c.benchmark_group("limits/metering/compute");
    rounds_config(&mut group);
    for (work, n) in COMPUTE {
        // One program run per variant per round: n = 1.
        let mut rounds = Rounds::new(format!("limits/metering/compute/{work}"), 1);
        let args = [work.to_string(), n.to_string()];
        for (m, module) in &modules {
            let m = *m;
            let args = args.clone();
            rounds = rounds.variant(m.name(), move |runs| {
                (0..runs)
                    .map(|_| time_program(module, "compute", Kind::Go, &args, |p| m.configure(p)))
                    .sum()
            });
        }
        bench_rounds(&mut group, work, &mut rounds);
    }
    group.finish();
}

fn stop_latency(c: &mut Criterion) {
    let mut group = c.benchmark_group("limits/stop_latency");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(if gojs_benches::quick() {
            1
        } else {
            3
        }));
    let cases = Spinner::ALL
        .into_iter()
        .flat_map(|s| {
            [
                (s, Stop::Deadline(DEADLINE)),
                (s, Stop::Interrupt(INTERRUPT_AFTER)),
            ]
        })
        .chain([(Spinner::ExitAtOnce, Stop::None)]);
    for (spinner, how) in cases {
        let module = spinner.module();
        let name = format!("{}/{}", spinner.name(), how.name());
        let id = format!("limits/stop_latency/{name}");
        group.bench_function(&name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let stopped = limits::stop(&module, spinner, how);
                    limits::record_latency(&id, stopped.latency);
                    limits::record_latency(&format!("{id}/setup"), stopped.setup);
                    total += stopped.total;
                }
                report::record(&id, iters, total);
                total
            })
        });
    }
    group.finish();
}

fn fs(c: &mut Criterion) {
    let go_dir = limits::scratch_dir("fs-go");
    let vfs_dir = limits::scratch_dir("fs-vfs");
    let module = GoModule::new(
        &wasm_bytes(Kind::Go, "fsbench"),
        gojs_boa::Compilation::Lazy,
    )
    .expect("fsbench.wasm");
    let mut group = c.benchmark_group("limits/fs");
    rounds_config(&mut group);
    for op in VfsOp::ALL {
        let go = |fs: &'static str| {
            let (module, dir) = (&module, go_dir.to_string_lossy().into_owned());
            move |n: u64| {
                let args = [op.name().to_string(), n.to_string()];
                time_program(module, "fsbench", Kind::Go, &args, |p| match fs {
                    "host" => p.filesystem(Filesystem::Host).cwd(dir.clone()),
                    _ => p.filesystem(Filesystem::memory()),
                })
            }
        };
        let mut rounds = Rounds::new(format!("limits/fs/go/{}", op.name()), 4)
            .variant("host", go("host"))
            .variant("memory", go("memory"));
        rounds.calibrate(ROUND_TARGET);
        bench_rounds(&mut group, &format!("go/{}", op.name()), &mut rounds);

        let (host, memory) = (VfsBench::host(&vfs_dir), VfsBench::memory());
        let mut rounds = Rounds::new(format!("limits/fs/vfs/{}", op.name()), 4)
            .variant("host", |n| host.time(op, n))
            .variant("memory", |n| memory.time(op, n));
        rounds.calibrate(ROUND_TARGET);
        bench_rounds(&mut group, &format!("vfs/{}", op.name()), &mut rounds);
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&go_dir);
    let _ = std::fs::remove_dir_all(&vfs_dir);
}

fn guard(c: &mut Criterion) {
    let mut bare = BareBoa::new();
    let mut session = limits::guarded_session();
    let mut group = c.benchmark_group("limits/guard");
    group
        .sample_size(20)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(if gojs_benches::quick() {
            1
        } else {
            3
        }));
    for g in Guard::ALL {
        let mut rounds = Rounds::new(format!("limits/guard/{}", g.name()), 1000)
            .variant("boa", |n| bare.time(g, n))
            .variant("gojs", |n| limits::time_guarded(&mut session, g, n));
        rounds.calibrate(Duration::from_millis(10));
        bench_rounds(&mut group, g.name(), &mut rounds);
    }
    group.finish();
}

/// Registers the sandbox benches.
pub fn benches(c: &mut Criterion) {
    metering(c);
    stop_latency(c);
    fs(c);
    guard(c);
}

fn fmt_ns(ns: Option<f64>) -> String {
    match ns {
        None => "—".into(),
        Some(ns) if ns >= 1e6 => format!("{:.2} ms", ns / 1e6),
        Some(ns) if ns >= 1e4 => format!("{:.1} µs", ns / 1e3),
        Some(ns) => format!("{ns:.1} ns"),
    }
}

fn fmt_ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn ratio(a: f64, b: f64) -> f64 {
    b / a
}

fn difference(a: f64, b: f64) -> f64 {
    b - a
}

fn fmt_paired(q: Option<[f64; 3]>) -> String {
    match q {
        Some([lo, mid, hi]) => format!("{mid:.3}x ({lo:.3}–{hi:.3})"),
        None => "—".into(),
    }
}

fn metering_table() -> String {
    let mut out = String::from(
        "| bench | n per run | rounds | unmetered | metered | fuel+timeout | metered / unmetered | fuel+timeout / unmetered |\n|---|---|---|---|---|---|---|---|\n",
    );
    let rows = Kind::ALL
        .iter()
        .flat_map(|k| {
            OPS.iter()
                .map(move |op| format!("limits/metering/crossing/{}/{op}", k.name()))
        })
        .chain(
            COMPUTE
                .iter()
                .map(|(work, _)| format!("limits/metering/compute/{work}")),
        );
    for id in rows {
        let [off, on, budget] = Metering::ALL.map(|m| limits::rounds_median(&id, m.name()));
        let Some((rounds, _)) = off else {
            continue;
        };
        let label = id.trim_start_matches("limits/metering/");
        let n = match COMPUTE.iter().find(|(w, _)| label.ends_with(w)) {
            Some((_, n)) => format!("{n} (per run: 1 run)"),
            None => limits::ops_per_round(&id).map_or("—".into(), |n| n.to_string()),
        };
        let cell = |v: Option<(usize, f64)>| fmt_ns(v.map(|(_, ns)| ns));
        let _ = writeln!(
            out,
            "| {label} | {n} | {rounds} | {} | {} | {} | {} | {} |",
            cell(off),
            cell(on),
            cell(budget),
            fmt_paired(limits::paired(&id, "unmetered", "metered", ratio)),
            fmt_paired(limits::paired(&id, "unmetered", "fuel+timeout", ratio)),
        );
    }
    out
}

fn stop_table() -> String {
    let mut out = String::from(
        "| case | stopped by | runs | latency median | latency max | setup median (run → preload) | whole run (criterion mean) |\n|---|---|---|---|---|---|---|\n",
    );
    let cases = Spinner::ALL
        .into_iter()
        .flat_map(|s| {
            [
                (s, Stop::Deadline(DEADLINE)),
                (s, Stop::Interrupt(INTERRUPT_AFTER)),
            ]
        })
        .chain([(Spinner::ExitAtOnce, Stop::None)]);
    for (spinner, how) in cases {
        let id = format!("limits/stop_latency/{}/{}", spinner.name(), how.name());
        let Some((runs, median, max)) = limits::distribution(&id) else {
            continue;
        };
        let what = match how {
            Stop::Deadline(t) => format!("deadline {} ms (run − timeout)", t.as_millis()),
            Stop::Interrupt(_) => "interrupt from another thread (trigger → run returns)".into(),
            Stop::None => "nothing: its whole run".into(),
        };
        let setup = match limits::distribution(&format!("{id}/setup")) {
            Some((_, median, _)) => fmt_ms(median),
            None => "—".into(),
        };
        let _ = writeln!(
            out,
            "| {} | {what} | {runs} | {} | {} | {setup} | {} |",
            spinner.name(),
            fmt_ms(median),
            fmt_ms(max),
            fmt_ns(report::per_op_ns(&id)),
        );
    }
    out
}

fn fs_table() -> String {
    let mut out = String::from(
        "| op (per file) | go host | go memory | go memory / host | vfs host | vfs memory | vfs memory / host | MB/s: go host, go memory, vfs host, vfs memory |\n|---|---|---|---|---|---|---|---|\n",
    );
    for op in VfsOp::ALL {
        let id = |via: &str| format!("limits/fs/{via}/{}", op.name());
        let ns = |via: &str, fs: &str| limits::rounds_median(&id(via), fs).map(|(_, ns)| ns);
        let mbs = |ns: Option<f64>| {
            ns.map_or("—".into(), |ns| {
                format!("{:.0}", op.bytes() as f64 / ns * 1e3)
            })
        };
        let (gh, gm, vh, vm) = (
            ns("go", "host"),
            ns("go", "memory"),
            ns("vfs", "host"),
            ns("vfs", "memory"),
        );
        if [gh, gm, vh, vm].iter().all(Option::is_none) {
            continue;
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {}, {}, {}, {} |",
            op.name(),
            fmt_ns(gh),
            fmt_ns(gm),
            fmt_paired(limits::paired(&id("go"), "host", "memory", ratio)),
            fmt_ns(vh),
            fmt_ns(vm),
            fmt_paired(limits::paired(&id("vfs"), "host", "memory", ratio)),
            mbs(gh),
            mbs(gm),
            mbs(vh),
            mbs(vm),
        );
    }
    out
}

fn guard_table() -> String {
    let mut out = String::from(
        "| loop body (per iteration) | rounds | bare boa | program's world (guarded) | world − bare, per round (median, quartiles) |\n|---|---|---|---|---|\n",
    );
    for g in Guard::ALL {
        let id = format!("limits/guard/{}", g.name());
        let (Some((rounds, bare)), Some((_, world))) = (
            limits::rounds_median(&id, "boa"),
            limits::rounds_median(&id, "gojs"),
        ) else {
            continue;
        };
        let diff = match limits::paired(&id, "boa", "gojs", difference) {
            Some([lo, mid, hi]) => format!("{mid:+.1} ns ({lo:+.1} … {hi:+.1})"),
            None => "—".into(),
        };
        let _ = writeln!(
            out,
            "| {} | {rounds} | {} | {} | {diff} |",
            g.name(),
            fmt_ns(Some(bare)),
            fmt_ns(Some(world)),
        );
    }
    out
}

/// Prints (and writes) the sandbox tables.
pub fn publish() {
    if !report::ran("limits/") {
        return;
    }
    let mut table = String::new();
    if report::ran("limits/metering/") {
        table += "### Metering (per op; compute: per run)\n\n";
        table += &metering_table();
    }
    if report::ran("limits/stop_latency/") {
        table += "\n### Stop latency\n\n";
        table += &stop_table();
    }
    if report::ran("limits/fs/") {
        table += "\n### Filesystem\n\n";
        table += &fs_table();
    }
    if report::ran("limits/guard/") {
        table += "\n### Guard\n\n";
        table += &guard_table();
    }
    report::publish("limits", &table);
}
