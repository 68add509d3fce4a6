//! The seed's claim, on one engine: a wasip1 wasm-import host call against a
//! `syscall/js` crossing (a call of a no-op JS function), for both guest
//! kinds.
//!
//! - `wasip1/go/<op>`: an op of `conformance/wasip1/hostcall`, a Go
//!   `GOOS=wasip1` program calling `//go:wasmimport` functions;
//! - `wasip1/rust/<op>`: the same op of `guest/wasip1-hostcall`, its Rust
//!   twin for `wasm32-wasip1` (`#[link(wasm_import_module = "gojs_bench")]`).
//!
//! Ops (each timed by the guest around its own loop, as `crossing/…` is):
//! `empty`, `wasmimport/noop`, `wasmimport/add` (two `i32` in, one out). The
//! JS side of the comparison is `crossing/<kind>/valueCall/0`: Go's
//! `js.Value.Call` and the Rust SDK's `Value::call` of the same no-op JS
//! function (`crossings.rs`); no separate row here.
//!
//! After the run a table sets each next to `crossing/<kind>/valueCall/0` and
//! `crossing/<kind>/empty` when those ran too
//! (`-- '^(wasip1/|crossing/(go|rust)/(empty|valueCall/0)$)'`; unanchored,
//! the filter also picks the `limits/metering/crossing/…` rows); it is also
//! written to `target/criterion/gojs-wasip1.md`.

use criterion::Criterion;
use gojs_benches::{
    guests::{Kind, parse_timing, repo_root, target_dir, wasm_bytes},
    program_group_config, report,
};
use gojs_wasip1::{Command, Val, Wasip1Module};
use std::{
    io::Write,
    sync::{Arc, Mutex},
    time::Duration,
};

const OPS: [&str; 3] = ["empty", "wasmimport/noop", "wasmimport/add"];

/// Builds the wasip1 modules (scripts/build-inspect-modules.sh) and loads
/// the Go hostcall program.
fn load_go() -> Wasip1Module {
    let out = target_dir().join("bench-wasm").join("wasip1");
    let script = "scripts/build-inspect-modules.sh";
    if std::env::var_os("GOJS_BENCH_NO_BUILD").is_none() {
        let status = std::process::Command::new(repo_root().join(script))
            .arg(&out)
            .current_dir(repo_root())
            .stdout(std::process::Stdio::null())
            .status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!(
                "warning: {script} failed; using what is in {}",
                out.display()
            );
        }
    }
    let path = out.join("wasip1-hostcall.wasm");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}: run scripts/setup.sh, then {script} {}",
            path.display(),
            out.display()
        )
    });
    Wasip1Module::new(&bytes, Default::default()).expect("a wasip1 command")
}

/// Builds the Rust guests (scripts/build-rust-guests.sh, which builds
/// `guest/wasip1-hostcall` for `wasm32-wasip1`) and loads the Rust twin.
fn load_rust() -> Wasip1Module {
    // When the build left no module, panics naming the file and what to run
    // (scripts/setup.sh adds the wasm32-wasip1 target, then the script).
    let bytes = wasm_bytes(Kind::Rust, "wasip1-hostcall");
    Wasip1Module::new(&bytes, Default::default()).expect("a wasip1 command")
}

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("not poisoned").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs `op` `n` times in the guest; the time it measured.
fn time(module: &Wasip1Module, op: &str, n: u64) -> Duration {
    let out = Captured::default();
    let err = Captured::default();
    let code = Command::new(["hostcall.wasm".to_string(), op.to_string(), n.to_string()])
        .stdout(out.clone())
        .stderr(err.clone())
        .import("gojs_bench", "noop", |_, _| Ok(()))
        .import("gojs_bench", "add", |args, results| {
            if let ([Val::I32(a), Val::I32(b)], [r]) = (args, results) {
                *r = Val::I32(a.wrapping_add(*b));
            }
            Ok(())
        })
        .run(module)
        .expect("hostcall runs");
    let text =
        |c: &Captured| String::from_utf8_lossy(&c.0.lock().expect("not poisoned")).into_owned();
    let stdout = text(&out);
    assert_eq!(code, 0, "hostcall {op} {n}: {stdout}{}", text(&err));
    parse_timing(&stdout, op, n).unwrap_or_else(|| panic!("hostcall printed {stdout:?}"))
}

/// Registers the `wasip1/<kind>/<op>` benches of one guest kind.
fn group(c: &mut Criterion, kind: Kind, module: &Wasip1Module) {
    let mut group = c.benchmark_group(format!("wasip1/{}", kind.name()));
    program_group_config(&mut group);
    for op in OPS {
        let id = format!("wasip1/{}/{op}", kind.name());
        group.bench_function(op, |b| {
            b.iter_custom(|iters| {
                let t = time(module, op, iters);
                report::record(&id, iters, t);
                t
            })
        });
    }
    group.finish();
}

/// Registers the `wasip1/go/<op>` and `wasip1/rust/<op>` benches.
pub fn benches(c: &mut Criterion) {
    group(c, Kind::Go, &load_go());
    group(c, Kind::Rust, &load_rust());
}

/// Prints (and writes) the wasm-import-vs-syscall/js table.
pub fn publish() {
    if !report::ran("wasip1/") {
        return;
    }
    let ns = |id: String| {
        report::per_op_ns(&id)
            .map(|ns| format!("{ns:.1}"))
            .unwrap_or_else(|| "—".into())
    };
    let mut table = String::from(
        "| call | bench (`<kind>` = `go`, `rust`) | Go ns/op | Rust ns/op |\n|---|---|---|---|\n",
    );
    for (label, id) in [
        ("wasip1 loop alone", "wasip1/<kind>/empty"),
        ("wasm-import no-op", "wasip1/<kind>/wasmimport/noop"),
        (
            "wasm-import add(i32, i32) i32",
            "wasip1/<kind>/wasmimport/add",
        ),
        ("js/wasm loop alone", "crossing/<kind>/empty"),
        (
            "`syscall/js` call of a no-op JS function",
            "crossing/<kind>/valueCall/0",
        ),
    ] {
        let of = |kind: Kind| ns(id.replace("<kind>", kind.name()));
        table.push_str(&format!(
            "| {label} | `{id}` | {} | {} |\n",
            of(Kind::Go),
            of(Kind::Rust)
        ));
    }
    report::publish("wasip1", &table);
}
