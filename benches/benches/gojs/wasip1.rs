//! The seed's claim, on one engine: a Go `GOOS=wasip1` `//go:wasmimport`
//! host call against a Go `syscall/js` crossing (`js.Value.Call` of a
//! no-op JS function).
//!
//! - `wasip1/go/<op>`: an op of `conformance/wasip1/hostcall` (timed by the
//!   guest around its own loop, as `crossing/…` is): `empty`,
//!   `wasmimport/noop`, `wasmimport/add` (two `i32` in, one out).
//!
//! After the run a table sets each next to `crossing/go/valueCall/0` and
//! `crossing/go/empty` when those ran too (`-- 'wasip1/|crossing/go/'`); it
//! is also written to `target/criterion/gojs-wasip1.md`.

use criterion::Criterion;
use gojs_benches::{
    guests::{parse_timing, repo_root, target_dir},
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
/// the hostcall program.
fn load() -> Wasip1Module {
    let out = target_dir().join("bench-wasm").join("wasip1");
    if std::env::var_os("GOJS_BENCH_NO_BUILD").is_none() {
        let status =
            std::process::Command::new(repo_root().join("scripts/build-inspect-modules.sh"))
                .arg(&out)
                .current_dir(repo_root())
                .stdout(std::process::Stdio::null())
                .status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!(
                "warning: build-inspect-modules.sh failed; using what is in {}",
                out.display()
            );
        }
    }
    let bytes = std::fs::read(out.join("wasip1-hostcall.wasm")).expect("wasip1-hostcall.wasm");
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
    let code = Command::new(["hostcall.wasm".to_string(), op.to_string(), n.to_string()])
        .stdout(out.clone())
        .import("gojs_bench", "noop", |_, _| Ok(()))
        .import("gojs_bench", "add", |args, results| {
            if let ([Val::I32(a), Val::I32(b)], [r]) = (args, results) {
                *r = Val::I32(a.wrapping_add(*b));
            }
            Ok(())
        })
        .run(module)
        .expect("hostcall runs");
    let stdout = String::from_utf8_lossy(&out.0.lock().expect("not poisoned")).into_owned();
    assert_eq!(code, 0, "hostcall {op} {n}: {stdout}");
    parse_timing(&stdout, op, n).unwrap_or_else(|| panic!("hostcall printed {stdout:?}"))
}

/// Registers the `wasip1/go/<op>` benches.
pub fn benches(c: &mut Criterion) {
    let module = load();
    let mut group = c.benchmark_group("wasip1/go");
    program_group_config(&mut group);
    for op in OPS {
        let id = format!("wasip1/go/{op}");
        group.bench_function(op, |b| {
            b.iter_custom(|iters| {
                let t = time(&module, op, iters);
                report::record(&id, iters, t);
                t
            })
        });
    }
    group.finish();
}

/// Prints (and writes) the wasmimport-vs-syscall/js table.
pub fn publish() {
    if !report::ran("wasip1/") {
        return;
    }
    let row = |label: &str, id: &str| {
        report::per_op_ns(id).map(|ns| format!("| {label} | `{id}` | {ns:.1} |\n"))
    };
    let mut table = String::from("| call | bench | ns/op |\n|---|---|---|\n");
    for (label, id) in [
        ("wasip1 loop alone", "wasip1/go/empty"),
        ("`//go:wasmimport` no-op", "wasip1/go/wasmimport/noop"),
        (
            "`//go:wasmimport` add(i32, i32) i32",
            "wasip1/go/wasmimport/add",
        ),
        ("js/wasm loop alone", "crossing/go/empty"),
        (
            "`js.Value.Call` of a no-op JS function",
            "crossing/go/valueCall/0",
        ),
    ] {
        table.push_str(&row(label, id).unwrap_or_default());
    }
    report::publish("wasip1", &table);
}
