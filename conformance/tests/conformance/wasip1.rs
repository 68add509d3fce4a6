//! This tests that WASI preview 1 commands on gojs's engine behave as
//! under wasmtime: every case of the wasip1 corpus
//! (`conformance/wasip1/corpus`) gives the stdout, stderr and exit code
//! wasmtime gave (`scripts/record-wasip1-goldens.sh`); the file cases
//! (`fs-*`) do so twice, with their preopened directories (`/data`
//! read-write, `/ro` read-only, fresh copies of
//! `conformance/wasip1/fixture`, as recorded) confined host directories
//! and in-memory trees; and the limits of `js/wasm` programs hold for
//! them too.
//!
//! Everything that touches the host does so in a fresh scratch directory
//! under the system temp dir, removed afterwards.

use crate::support::{self, inspect_modules};
use gojs_boa::vfs::{FileSystem, HostDir, MemFs, MountFs};
use gojs_boa::{HostErrorKind, Interrupt, Limit, Limits, ModuleConfig};
use gojs_wasip1::{Command, RunError, Wasip1Module};
use libtest_mimic::Trial;
use std::{
    io::Write,
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// A `Write` whose bytes can be read back.
#[derive(Clone, Default)]
pub(crate) struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    pub(crate) fn bytes(&self) -> Vec<u8> {
        self.0.lock().unwrap().clone()
    }
}

fn module(metering: bool) -> Result<Wasip1Module, String> {
    let path = inspect_modules()?.join("wasip1-corpus.wasm");
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let config = ModuleConfig {
        metering,
        ..ModuleConfig::default()
    };
    Wasip1Module::new(&bytes, config).map_err(|e| e.to_string())
}

/// A fresh directory under the system temp dir, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch, String> {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("gojs-wasip1-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What the preopened directories of the file cases are.
#[derive(Clone, Copy, Debug)]
enum Backing {
    /// Confined host directories ([`HostDir`]) on copies of the fixture.
    HostDir,
    /// In-memory trees ([`MemFs`]) holding the fixture's files.
    Memory,
}

/// The files of `conformance/wasip1/fixture`: `(path relative to it,
/// bytes)`, directories as paths ending in `/`.
fn fixture() -> Result<Vec<(String, Vec<u8>)>, String> {
    fn walk(dir: &Path, rel: &str, out: &mut Vec<(String, Vec<u8>)>) -> Result<(), String> {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| e.to_string())?;
            let name = format!("{rel}{}", entry.file_name().to_string_lossy());
            let kind = entry.file_type().map_err(|e| e.to_string())?;
            if kind.is_dir() {
                out.push((format!("{name}/"), Vec::new()));
                walk(&entry.path(), &format!("{name}/"), out)?;
            } else {
                let bytes = std::fs::read(entry.path()).map_err(|e| e.to_string())?;
                out.push((name, bytes));
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(
        &support::root().join("conformance/wasip1/fixture"),
        "",
        &mut files,
    )?;
    files.sort();
    Ok(files)
}

/// The namespace the file cases run in: `/data` and `/ro` (read-only),
/// each a fresh copy of the fixture (`scratch` holds the host copies).
fn fixture_namespace(backing: Backing, scratch: &Scratch) -> Result<MountFs, String> {
    let files = fixture()?;
    let mut ns = MountFs::new();
    for (guest, read_only) in [("/data", false), ("/ro", true)] {
        let fs: Box<dyn FileSystem> = match backing {
            Backing::HostDir => {
                let dir = scratch.0.join(&guest[1..]);
                std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
                for (path, bytes) in &files {
                    let to = dir.join(path);
                    match path.ends_with('/') {
                        true => std::fs::create_dir_all(&to),
                        false => std::fs::write(&to, bytes),
                    }
                    .map_err(|e| format!("{}: {e}", to.display()))?;
                }
                Box::new(HostDir::new(&dir).map_err(|e| e.to_string())?)
            }
            Backing::Memory => {
                let mem = MemFs::new();
                for (path, bytes) in &files {
                    match path.strip_suffix('/') {
                        Some(dir) => mem.create_dir_all(&format!("/{dir}")),
                        None => mem.write_file(&format!("/{path}"), bytes),
                    }
                    .map_err(|e| format!("{path}: {e}"))?;
                }
                Box::new(mem)
            }
        };
        ns.mount(guest, fs, read_only)
            .map_err(|e| format!("{guest}: {e}"))?;
    }
    Ok(ns)
}

/// One case as recorded: argv[0] the path from the repo root, the one
/// environment entry, the stdin file.
fn command(case: &str, args: &[String]) -> Result<(Command, Captured, Captured), String> {
    let stdin = std::fs::read(support::root().join("conformance/wasip1/stdin.txt"))
        .map_err(|e| e.to_string())?;
    let mut argv = vec![
        "conformance/build/inspect/wasip1-corpus.wasm".to_string(),
        case.to_string(),
    ];
    argv.extend(args.iter().cloned());
    let (out, err) = (Captured::default(), Captured::default());
    let mut env = vec![("GOJS_WASIP1", "yes")];
    if case == "fs-pwd" {
        env.push(("PWD", "/data/sub"));
    }
    let command = Command::new(argv)
        .env(env)
        .stdin(std::io::Cursor::new(stdin))
        .stdout(out.clone())
        .stderr(err.clone());
    Ok((command, out, err))
}

/// A case against its golden; `deterministic`: with the virtual clock and
/// a fixed seed, which must give wasmtime's output too (the corpus prints
/// no times and no random values); `backing`: what the preopens of a file
/// case are.
fn case(
    name: &str,
    args: &[String],
    deterministic: bool,
    backing: Option<Backing>,
) -> Result<(), String> {
    let module = module(false)?;
    let (mut command, out, err) = command(name, args)?;
    if deterministic {
        command = command.virtual_clock(1_767_225_600_000_000_000).seed(1);
    }
    let scratch = Scratch::new()?;
    if let Some(backing) = backing {
        command = command
            .filesystem(fixture_namespace(backing, &scratch)?)
            .preopen("/data")
            .preopen_read_only("/ro");
    }
    let code = command.run(&module).map_err(|e| format!("{name}: {e}"))?;
    let want = support::golden(&support::root().join("conformance/goldens/wasip1"), name)?;
    support::expect_same(&format!("{name}: stdout"), &out.bytes(), &want.stdout)?;
    support::expect_same(&format!("{name}: stderr"), &err.bytes(), &want.stderr)?;
    if code != want.code {
        return Err(format!("{name}: exit {code} (wasmtime: {})", want.code));
    }
    Ok(())
}

/// The reactor (`conformance/wasip1/reactor`) called as recorded: its
/// `_initialize`, then each line of `reactor.calls` on the one instance,
/// each printed as `scripts/wasmtime-run.py --invoke` prints it, and the
/// same host function; stdout, stderr and exit code are wasmtime's. A
/// call after the one that exits is refused.
fn reactor_calls() -> Result<(), String> {
    use gojs_wasip1::{Reactor, Val, ValType};
    let goldens = support::root().join("conformance/goldens/wasip1");
    let path = inspect_modules()?.join("wasip1-reactor.wasm");
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let module =
        Wasip1Module::reactor(&bytes, ModuleConfig::default()).map_err(|e| e.to_string())?;
    let (out, err) = (Captured::default(), Captured::default());
    let command = Command::new(["conformance/build/inspect/wasip1-reactor.wasm"])
        .env([("GOJS_WASIP1", "yes")])
        .stdin(std::io::empty())
        .stdout(out.clone())
        .stderr(err.clone())
        .import("gojs_test", "double", |args, results| {
            match (args, results) {
                ([Val::I32(x)], [r]) => {
                    *r = Val::I32(x.wrapping_mul(2));
                    Ok(())
                }
                _ => Err(format!("double({args:?})")),
            }
        });
    let mut reactor = Reactor::new(&module, command).map_err(|e| e.to_string())?;
    let calls =
        std::fs::read_to_string(goldens.join("reactor.calls")).map_err(|e| e.to_string())?;
    let mut code = 0;
    for line in calls.lines() {
        let mut words = line.split(' ');
        let name = words.next().unwrap_or_default();
        let texts: Vec<&str> = words.collect();
        let ty = reactor.export_type(name).map_err(|e| e.to_string())?;
        let args = ty
            .params()
            .iter()
            .zip(&texts)
            .map(|(t, text)| {
                let bad = |e: &dyn std::fmt::Display| format!("{line}: {e}");
                Ok(match t {
                    ValType::I32 => Val::I32(text.parse().map_err(|e| bad(&e))?),
                    ValType::I64 => Val::I64(text.parse().map_err(|e| bad(&e))?),
                    ValType::F32 => Val::F32(text.parse::<f32>().map_err(|e| bad(&e))?.into()),
                    ValType::F64 => Val::F64(text.parse::<f64>().map_err(|e| bad(&e))?.into()),
                    other => return Err(format!("{line}: a {other:?} parameter")),
                })
            })
            .collect::<Result<Vec<Val>, String>>()?;
        let call = format!("{name}({})", texts.join(", "));
        match reactor.call(name, &args) {
            Ok(results) => {
                let shown: Vec<String> = results
                    .iter()
                    .map(|v| match v {
                        Val::I32(x) => x.to_string(),
                        Val::I64(x) => x.to_string(),
                        Val::F32(x) => format!("{:.6}", f32::from(*x)),
                        Val::F64(x) => format!("{:.6}", f64::from(*x)),
                        other => format!("{other:?}"),
                    })
                    .collect();
                writeln!(out.clone(), "{call} = [{}]", shown.join(", "))
                    .map_err(|e| e.to_string())?;
            }
            Err(RunError::Exited(exit)) => {
                writeln!(out.clone(), "{call} exited with {exit}").map_err(|e| e.to_string())?;
                code = exit;
                break;
            }
            Err(e) => return Err(format!("{call}: {e}")),
        }
    }
    let want = support::golden(&goldens, "reactor")?;
    support::expect_same("reactor: stdout", &out.bytes(), &want.stdout)?;
    support::expect_same("reactor: stderr", &err.bytes(), &want.stderr)?;
    if code != want.code {
        return Err(format!("reactor: exit {code} (wasmtime: {})", want.code));
    }
    match reactor.call("add", &[Val::I32(1), Val::I32(1)]) {
        Err(RunError::Ended(_)) => Ok(()),
        other => Err(format!("a call after the exit: {other:?}")),
    }
}

fn limit_of(result: Result<i32, RunError>) -> Result<Limit, String> {
    match result {
        Err(RunError::Host(e)) => match e.kind() {
            HostErrorKind::Limit { limit, .. } => Ok(*limit),
            other => Err(format!("not a limit: {other:?}")),
        },
        other => Err(format!("expected a limit, got {other:?}")),
    }
}

pub fn trials() -> Vec<Trial> {
    let cases = support::case_list(&support::root().join("conformance/goldens/wasip1/cases.txt"));
    let mut all: Vec<Trial> = Vec::new();
    for (prefix, deterministic) in [("wasip1", false), ("wasip1::deterministic", true)] {
        for (name, args) in &cases {
            // The file cases run on both kinds of preopens (as recorded:
            // scripts/record-wasip1-goldens.sh preopens them for `fs-*`).
            let backings: &[(&str, Option<Backing>)] = match name.starts_with("fs-") {
                true => &[
                    ("::host_dir", Some(Backing::HostDir)),
                    ("::memory", Some(Backing::Memory)),
                ],
                false => &[("", None)],
            };
            for &(suffix, backing) in backings {
                let (name, args) = (name.clone(), args.clone());
                all.push(Trial::test(
                    format!("{prefix}::{name}{suffix}"),
                    move || case(&name, &args, deterministic, backing).map_err(Into::into),
                ));
            }
        }
    }
    all.push(Trial::test(
        "wasip1::wasmimports_call_the_embedders_functions",
        || {
            let path = inspect_modules()?.join("wasip1-hostcall.wasm");
            let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
            let module =
                Wasip1Module::new(&bytes, ModuleConfig::default()).map_err(|e| e.to_string())?;
            let calls = Arc::new(std::sync::atomic::AtomicU64::new(0));
            let counted = calls.clone();
            let out = Captured::default();
            let code = Command::new(["hostcall.wasm", "wasmimport/add", "1000"])
                .stdout(out.clone())
                .import("gojs_bench", "noop", |_, _| Ok(()))
                .import("gojs_bench", "add", move |args, results| {
                    counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    match (args, results) {
                        ([gojs_wasip1::Val::I32(a), gojs_wasip1::Val::I32(b)], [r]) => {
                            *r = gojs_wasip1::Val::I32(a.wrapping_add(*b));
                            Ok(())
                        }
                        _ => Err(format!("add({args:?})")),
                    }
                })
                .run(&module)
                .map_err(|e| e.to_string())?;
            let printed = String::from_utf8_lossy(&out.bytes()).into_owned();
            let n = calls.load(std::sync::atomic::Ordering::Relaxed);
            if code != 0 || n != 1000 || !printed.starts_with("wasmimport/add 1000 ") {
                return Err(format!("exit {code}, {n} calls, printed {printed:?}").into());
            }
            // An import nobody gives is a load error naming it.
            match Command::new(["hostcall.wasm", "empty", "1"]).run(&module) {
                Err(RunError::Load(gojs_boa::LoadError::UnknownImport { module, .. }))
                    if module == "gojs_bench" =>
                {
                    Ok(())
                }
                other => Err(format!("without the imports: {other:?}").into()),
            }
        },
    ));
    all.push(Trial::test(
        "wasip1::reactor_calls_give_wasmtimes_results",
        || reactor_calls().map_err(Into::into),
    ));
    all.push(Trial::test("wasip1::fuel_ends_a_command", || {
        let module = module(true)?;
        let (command, _, _) = command("goroutines", &[])?;
        let limits = Limits {
            fuel: Some(100_000),
            ..Limits::default()
        };
        let limit = limit_of(command.limits(limits).run(&module))?;
        (limit == Limit::Fuel)
            .then_some(())
            .ok_or_else(|| format!("{limit:?}").into())
    }));
    all.push(Trial::test("wasip1::an_interrupt_ends_a_sleep", || {
        // `sleep` waits 20 ms in poll_oneoff; the interrupt comes during it
        // and ends the command there (checked every 10 ms).
        let module = module(false)?;
        let (command, _, _) = command("sleep", &[])?;
        let interrupt = Interrupt::new();
        let trigger = interrupt.clone();
        let start = Instant::now();
        let t = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(5));
            trigger.trigger();
        });
        let limit = limit_of(command.interrupt(interrupt).run(&module))?;
        t.join().unwrap();
        if limit != Limit::Interrupted || start.elapsed() > Duration::from_secs(2) {
            return Err(format!("{limit:?} after {:?}", start.elapsed()).into());
        }
        Ok(())
    }));
    all.push(Trial::test("wasip1::memory_is_capped", || {
        let module = module(false)?;
        let (command, _, err) = command("args", &[])?;
        let limits = Limits {
            max_memory: Some(1 << 20),
            ..Limits::default()
        };
        // Go's runtime cannot start in 1 MiB: it reports that it is out of
        // memory (and exits 2), or the module does not instantiate.
        match command.limits(limits).run(&module) {
            Ok(0) => Err(format!("ran in 1 MiB: {}", String::from_utf8_lossy(&err.bytes())).into()),
            _ => Ok(()),
        }
    }));
    all
}
