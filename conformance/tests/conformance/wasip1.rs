//! WASI preview 1 commands on gojs's engine: every case of the wasip1
//! corpus (`conformance/wasip1/corpus`) gives the stdout, stderr and exit
//! code wasmtime gave (`scripts/record-wasip1-goldens.sh`), and the limits
//! of `js/wasm` programs hold for them too.

use crate::support::{self, inspect_modules};
use gojs_boa::{HostErrorKind, Interrupt, Limit, Limits, ModuleConfig};
use gojs_wasip1::{Command, RunError, Wasip1Module};
use libtest_mimic::Trial;
use std::{
    io::Write,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// A `Write` whose bytes can be read back.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

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
    fn bytes(&self) -> Vec<u8> {
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
    let command = Command::new(argv)
        .env([("GOJS_WASIP1", "yes")])
        .stdin(std::io::Cursor::new(stdin))
        .stdout(out.clone())
        .stderr(err.clone());
    Ok((command, out, err))
}

/// A case against its golden; `deterministic`: with the virtual clock and
/// a fixed seed, which must give wasmtime's output too (the corpus prints
/// no times and no random values).
fn case(name: &str, args: &[String], deterministic: bool) -> Result<(), String> {
    let module = module(false)?;
    let (mut command, out, err) = command(name, args)?;
    if deterministic {
        command = command.virtual_clock(1_767_225_600_000_000_000).seed(1);
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
            let (name, args) = (name.clone(), args.clone());
            all.push(Trial::test(format!("{prefix}::{name}"), move || {
                case(&name, &args, deterministic).map_err(Into::into)
            }));
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
