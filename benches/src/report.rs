//! What the crossing benches measure, what each crossing's floor is made of,
//! and the table printed after a run: every crossing next to its floor and
//! the ratio between them.
//!
//! Every bench records `(iterations, total time)` of each sample through
//! [`record`]; the per-op figure of a bench is `Σ time / Σ iterations` over
//! its samples (dominated by the largest samples, as criterion's slope is).

use crate::floors::{Floor, size_name};
use crate::guests::Kind;
use std::{collections::BTreeMap, fmt::Write as _, sync::Mutex, time::Duration};

/// One kind of crossing: a `crossings` op, and the floor of one run of it.
#[derive(Clone, Copy, Debug)]
pub struct Crossing {
    /// The op name of the `crossings` programs; the bench id is
    /// `crossing/<guest>/<op>`.
    pub op: &'static str,
    /// The JS work and copies one op needs at the very least, with how many
    /// times each occurs (beyond the wasm↔host transitions).
    pub js: &'static [(Floor, u32)],
    /// wasm→host import calls and host→wasm export calls per op, for the
    /// Rust guest and for the Go guest, counted with the engine's
    /// `GoInstance::counters`: a run of 20 000 ops minus a run of 0. Go
    /// guests make no `finalizeRef` inside these loops: Go finalizers run on
    /// a goroutine that a loop that never blocks does not let run.
    pub calls: [Calls; 2],
}

/// Transitions per op.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Calls {
    /// wasm → host (`gojs` imports).
    pub imports: f64,
    /// host → wasm (`resume`, `getsp`).
    pub exports: f64,
}

const fn calls(imports: f64, exports: f64) -> Calls {
    Calls { imports, exports }
}

use Floor::*;

/// The callback protocol of `wasm_exec.js`, per JS→guest call: JS calls the
/// wrapper (`call0`), which allocates the event (`newObject`), sets
/// `go._pendingEvent` and calls `go._resume` (`call0`); the guest reads
/// `_pendingEvent`, `id`, `this`, `args`, `args.length` and sets
/// `_pendingEvent` and `result`; the wrapper reads `event.result`.
const CALLBACK_JS: &[(Floor, u32)] = &[(BoaCall0, 2), (BoaNew, 1), (BoaGet, 6), (BoaSet, 3)];

/// Every crossing, in report order.
pub const CROSSINGS: &[Crossing] = &[
    Crossing {
        op: "valueGet/number",
        js: &[(BoaGet, 1)],
        calls: [calls(1.0, 0.0), calls(1.0, 0.0)],
    },
    Crossing {
        op: "valueGet/object",
        js: &[(BoaGet, 1)],
        calls: [calls(2.0, 0.0), calls(1.0, 0.0)],
    },
    Crossing {
        op: "valueSet/number",
        js: &[(BoaSet, 1)],
        calls: [calls(1.0, 0.0), calls(1.0, 0.0)],
    },
    Crossing {
        op: "valueCall/0",
        js: &[(BoaGet, 1), (BoaCall0, 1)],
        calls: [calls(1.0, 0.0), calls(1.0, 0.0)],
    },
    Crossing {
        op: "valueCall/2numbers",
        js: &[(BoaGet, 1), (BoaCall2, 1)],
        calls: [calls(1.0, 0.0), calls(1.0, 0.0)],
    },
    Crossing {
        op: "valueCall/2objects",
        js: &[(BoaGet, 1), (BoaCall2, 1)],
        calls: [calls(1.0, 0.0), calls(1.0, 0.0)],
    },
    Crossing {
        op: "valueCall/string32",
        js: &[(BoaStringFromUtf8(32), 1), (BoaGet, 1), (BoaCall1, 1)],
        calls: [calls(3.0, 0.0), calls(2.0, 0.0)],
    },
    Crossing {
        op: "valueInvoke/0",
        js: &[(BoaCall0, 1)],
        calls: [calls(1.0, 0.0), calls(1.0, 0.0)],
    },
    Crossing {
        op: "valueNew/0",
        js: &[(BoaNew, 1)],
        calls: [calls(2.0, 0.0), calls(1.0, 0.0)],
    },
    Crossing {
        op: "valueString/32",
        js: &[(BoaStringToUtf8(32), 1), (Memcpy(32), 1)],
        calls: [calls(3.0, 0.0), calls(3.0, 0.0)],
    },
    Crossing {
        op: "valueString/1KiB",
        js: &[(BoaStringToUtf8(1 << 10), 1), (Memcpy(1 << 10), 1)],
        calls: [calls(3.0, 0.0), calls(3.01, 0.0)],
    },
    Crossing {
        op: "valueString/1MiB",
        js: &[(BoaStringToUtf8(1 << 20), 1), (Memcpy(1 << 20), 1)],
        calls: [calls(3.05, 0.0), calls(17.05, 0.0)],
    },
    Crossing {
        op: "valueOf/map4",
        js: &[(BoaNew, 1), (BoaSet, 4)],
        calls: [calls(6.0, 0.0), calls(5.0, 0.0)],
    },
    Crossing {
        op: "callback/jsToGuest",
        js: CALLBACK_JS,
        calls: [calls(9.0, 1.0), calls(10.25, 1.0)],
    },
    Crossing {
        op: "roundtrip/guestJsGuest",
        js: &[
            (BoaCall1, 1),
            (BoaCall0, 2),
            (BoaNew, 1),
            (BoaGet, 6),
            (BoaSet, 3),
        ],
        calls: [calls(10.0, 1.0), calls(11.25, 1.0)],
    },
    Crossing {
        op: "copyBytes/toJS/16MiB",
        js: &[(Memcpy(16 << 20), 1)],
        calls: [calls(1.0, 0.0), calls(1.0, 0.0)],
    },
    Crossing {
        op: "copyBytes/toGuest/16MiB",
        js: &[(Memcpy(16 << 20), 1)],
        calls: [calls(1.0, 0.0), calls(1.0, 0.0)],
    },
    Crossing {
        op: "valueSetIndex/byte",
        js: &[(BoaIndexSet, 1)],
        calls: [calls(1.0, 0.0), calls(1.0, 0.0)],
    },
    Crossing {
        op: "valueIndex/byte",
        js: &[(BoaIndexGet, 1)],
        calls: [calls(1.0, 0.0), calls(1.0, 0.0)],
    },
    Crossing {
        op: "churn/string",
        js: &[(BoaStringFromUtf8(5), 1)],
        calls: [calls(2.0, 0.0), calls(1.0, 0.0)],
    },
];

/// The guest's own loop with no crossing, for reference.
pub const EMPTY_OP: &str = "empty";

impl Crossing {
    /// The bench id of this crossing on `kind`.
    pub fn id(&self, kind: Kind) -> String {
        format!("crossing/{}/{}", kind.name(), self.op)
    }

    /// The transitions per op on `kind`.
    pub fn calls(&self, kind: Kind) -> Calls {
        self.calls[kind as usize]
    }

    /// The floors this crossing's floor is made of, with counts.
    pub fn floor_parts(&self, kind: Kind) -> Vec<(Floor, f64)> {
        let c = self.calls(kind);
        let mut parts = vec![(Floor::ImportCall, c.imports)];
        if c.exports > 0.0 {
            parts.push((Floor::ExportCall, c.exports));
        }
        parts.extend(self.js.iter().map(|&(f, n)| (f, f64::from(n))));
        parts
    }

    /// Bytes one op moves, for the copies (to report bytes/s).
    pub fn bytes(&self) -> Option<usize> {
        self.js.iter().find_map(|&(f, _)| match (self.op, f) {
            (op, Memcpy(n)) if op.starts_with("copyBytes") => Some(n),
            _ => None,
        })
    }
}

/// The bench id of a floor.
pub fn floor_id(floor: Floor) -> String {
    format!("floor/{}", floor.id())
}

static RESULTS: Mutex<BTreeMap<String, (u128, u128)>> = Mutex::new(BTreeMap::new());

/// Records one sample of bench `id`: `iters` iterations took `time`.
pub fn record(id: &str, iters: u64, time: Duration) {
    let mut results = RESULTS.lock().unwrap_or_else(|e| e.into_inner());
    let entry = results.entry(id.to_owned()).or_default();
    entry.0 += u128::from(iters);
    entry.1 += time.as_nanos();
}

/// Nanoseconds per iteration of bench `id`, if it ran.
pub fn per_op_ns(id: &str) -> Option<f64> {
    let results = RESULTS.lock().unwrap_or_else(|e| e.into_inner());
    let &(iters, nanos) = results.get(id)?;
    (iters > 0).then(|| nanos as f64 / iters as f64)
}

/// The floor of `crossing` on `kind` in nanoseconds, if every part ran.
pub fn floor_ns(crossing: &Crossing, kind: Kind) -> Option<f64> {
    crossing
        .floor_parts(kind)
        .iter()
        .map(|&(f, n)| per_op_ns(&floor_id(f)).map(|ns| ns * n))
        .sum()
}

fn fmt_ns(ns: Option<f64>) -> String {
    match ns {
        None => "—".into(),
        Some(ns) if ns >= 1e6 => format!("{:.2} ms", ns / 1e6),
        Some(ns) if ns >= 1e4 => format!("{:.1} µs", ns / 1e3),
        Some(ns) => format!("{ns:.0} ns"),
    }
}

fn fmt_ratio(r: Option<f64>) -> String {
    r.map_or_else(|| "—".into(), |r| format!("{r:.2}x"))
}

fn describe_parts(parts: &[(Floor, f64)]) -> String {
    parts
        .iter()
        .filter(|(_, n)| *n > 0.0)
        .map(|(f, n)| {
            if *n == 1.0 {
                f.id()
            } else {
                format!("{n}×{}", f.id())
            }
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// The crossings table (markdown): per op, each guest's time, its floor and
/// the ratio, plus the Go/Rust ratio. Only what ran this time is filled in.
pub fn crossings_table() -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| crossing | rust | rust floor | rust/floor | go | go floor | go/floor | go/rust | floor parts (rust) |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|---|");
    let empty = |k: Kind| per_op_ns(&format!("crossing/{}/{EMPTY_OP}", k.name()));
    if empty(Kind::Rust).is_some() || empty(Kind::Go).is_some() {
        let _ = writeln!(
            out,
            "| {EMPTY_OP} (guest loop alone) | {} | | | {} | | | | |",
            fmt_ns(empty(Kind::Rust)),
            fmt_ns(empty(Kind::Go))
        );
    }
    for c in CROSSINGS {
        let t = |k: Kind| per_op_ns(&c.id(k));
        let f = |k: Kind| floor_ns(c, k);
        let ratio = |a: Option<f64>, b: Option<f64>| Some(a? / b?);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            c.op,
            fmt_ns(t(Kind::Rust)),
            fmt_ns(f(Kind::Rust)),
            fmt_ratio(ratio(t(Kind::Rust), f(Kind::Rust))),
            fmt_ns(t(Kind::Go)),
            fmt_ns(f(Kind::Go)),
            fmt_ratio(ratio(t(Kind::Go), f(Kind::Go))),
            fmt_ratio(ratio(t(Kind::Go), t(Kind::Rust))),
            describe_parts(&c.floor_parts(Kind::Rust)),
        );
    }
    let copies: Vec<String> = CROSSINGS
        .iter()
        .filter_map(|c| Some((c, c.bytes()?)))
        .flat_map(|(c, bytes)| {
            Kind::ALL.into_iter().filter_map(move |k| {
                let ns = per_op_ns(&c.id(k))?;
                Some(format!(
                    "{} {}: {:.0} MB/s",
                    c.op,
                    k.name(),
                    bytes as f64 / ns * 1e3
                ))
            })
        })
        .collect();
    if !copies.is_empty() {
        let memcpy = per_op_ns(&floor_id(Memcpy(16 << 20)))
            .map(|ns| format!("; memcpy: {:.0} MB/s", (16 << 20) as f64 / ns * 1e3))
            .unwrap_or_default();
        let _ = writeln!(out, "\nCopy throughput: {}{memcpy}", copies.join(", "));
    }
    let per_byte: Vec<String> = Kind::ALL
        .into_iter()
        .filter_map(|k| {
            let set = per_op_ns(&format!("crossing/{}/valueSetIndex/byte", k.name()))?;
            let copy = per_op_ns(&format!("crossing/{}/copyBytes/toJS/16MiB", k.name()))?;
            Some(format!(
                "{}: a {} SetIndex loop would take {:.0}x the CopyBytesToJS",
                k.name(),
                size_name(16 << 20),
                set * (16 << 20) as f64 / copy
            ))
        })
        .collect();
    if !per_byte.is_empty() {
        let _ = writeln!(out, "{}", per_byte.join("; "));
    }
    out
}

/// The floors table (markdown).
pub fn floors_table() -> String {
    let mut out = String::from("| floor | time |\n|---|---|\n");
    for &f in Floor::ALL {
        let _ = writeln!(
            out,
            "| {} | {} |",
            floor_id(f),
            fmt_ns(per_op_ns(&floor_id(f)))
        );
    }
    out
}

/// A table of the benches whose id starts with `prefix`, with each one's
/// per-op time and its ratio to the first (for scaling: flat means ≈1x).
pub fn series_table(prefix: &str) -> String {
    let results = RESULTS.lock().unwrap_or_else(|e| e.into_inner());
    let rows: Vec<(String, f64)> = results
        .iter()
        .filter(|(id, _)| id.starts_with(prefix))
        .filter(|(_, (iters, _))| *iters > 0)
        .map(|(id, &(iters, nanos))| (id.clone(), nanos as f64 / iters as f64))
        .collect();
    drop(results);
    let mut rows = rows;
    // Numeric order of the last path segment (100 < 1000 < 10000 …).
    rows.sort_by_key(|(id, _)| {
        let (head, last) = id.rsplit_once('/').unwrap_or((id, ""));
        (head.to_owned(), last.parse::<u64>().unwrap_or(u64::MAX))
    });
    let mut out = String::from("| bench | per op | vs first of its series |\n|---|---|---|\n");
    let mut first: Option<(String, f64)> = None;
    for (id, ns) in rows {
        let head = id
            .rsplit_once('/')
            .map_or(id.as_str(), |(h, _)| h)
            .to_owned();
        let base = match &first {
            Some((h, b)) if *h == head => *b,
            _ => {
                first = Some((head, ns));
                ns
            }
        };
        let _ = writeln!(out, "| {id} | {} | {:.2}x |", fmt_ns(Some(ns)), ns / base);
    }
    out
}

/// Whether any bench whose id starts with `prefix` ran.
pub fn ran(prefix: &str) -> bool {
    let results = RESULTS.lock().unwrap_or_else(|e| e.into_inner());
    results.keys().any(|id| id.starts_with(prefix))
}

/// Prints `title` and `table` on stdout and writes them to
/// `<target>/criterion/gojs-<title>.md`.
pub fn publish(title: &str, table: &str) {
    println!("\n## {title}\n\n{table}");
    let dir = crate::guests::target_dir().join("criterion");
    let path = dir.join(format!(
        "gojs-{}.md",
        title.to_lowercase().replace([' ', '/'], "-")
    ));
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(&path, format!("## {title}\n\n{table}"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floors_add_up_from_recorded_parts() {
        let c = &CROSSINGS[0];
        record(&floor_id(Floor::ImportCall), 10, Duration::from_nanos(300));
        record(&floor_id(Floor::BoaGet), 10, Duration::from_nanos(900));
        assert_eq!(floor_ns(c, Kind::Rust), Some(120.0));
        assert!(floor_ns(&CROSSINGS[2], Kind::Rust).is_none());
    }

    #[test]
    fn ops_are_unique() {
        let mut ops: Vec<_> = CROSSINGS.iter().map(|c| c.op).collect();
        ops.sort_unstable();
        ops.dedup();
        assert_eq!(ops.len(), CROSSINGS.len());
    }
}
