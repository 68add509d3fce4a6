//! This tests the limits a sandboxing embedder sets (`Limits`, deadlines,
//! interrupts, boa's loop limit) and the native-stack guards that hold
//! whatever the limits: each limit ends a program that passes it with that
//! limit's typed error — a wasm loop, a spinning start function, a program
//! waiting on a timer, a JS loop; memory past the cap fails as the wasm spec
//! allows; and recursion that would overflow the stack of a small (8 MiB)
//! thread — Go ↔ JS nesting, deeply nested sources, built-ins calling
//! built-ins — is a `RangeError`, never a process abort; and a panic (a
//! bug, or an embedder's host function) ends the program, not the process.
//!
//! No test asserts how fast a limit acts (that is a benchmark's job); the
//! generous bounds only catch a limit that never acts.

use crate::support;
use gojs_boa::{
    Error, Exit, GoModule, HostErrorKind, HostFn, Interrupt, Limit, Limits, ModuleConfig, Output,
    Program,
};
use libtest_mimic::Trial;
use std::{
    sync::Arc,
    time::{Duration, Instant},
};

/// A Go-shaped module: `run` is `run_body`, memory starts at `pages`
/// 64 KiB pages, `$exit` stores its operand as the exit code and calls
/// `runtime.wasmExit`; `start` (if any) is a start function's body.
fn wat(pages: u32, run_body: &str, start: Option<&str>) -> Vec<u8> {
    let start = start.map_or(String::new(), |body| {
        format!("(func $start {body}) (start $start)")
    });
    let text = format!(
        r#"(module
  (import "gojs" "runtime.wasmExit" (func $wasm_exit (param i32)))
  (memory (export "mem") {pages})
  (func $exit (param $code i32)
    (i32.store (i32.const 1032) (local.get $code))
    (call $wasm_exit (i32.const 1024)))
  {start}
  (func (export "getsp") (result i32) (i32.const 1024))
  (func (export "resume"))
  (func (export "run") (param i32 i32) {run_body}))"#
    );
    wat::parse_str(text).expect("test modules are valid WAT")
}

const SPIN: &str = "(loop $l (br $l))";

fn metered(wasm: &[u8]) -> Result<Arc<GoModule>, String> {
    GoModule::with_config(wasm, ModuleConfig::default())
        .map(Arc::new)
        .map_err(|e| e.to_string())
}

/// How one run ended, with what it wrote and how long it took.
struct Ran {
    result: Result<Exit, Error>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    elapsed: Duration,
}

impl Ran {
    fn limit(&self) -> Option<Limit> {
        match &self.result {
            Err(Error::Host(e)) => match e.kind() {
                HostErrorKind::Limit { limit, .. } => Some(*limit),
                _ => None,
            },
            _ => None,
        }
    }

    fn expect_limit(&self, want: Limit) -> Result<(), String> {
        match self.limit() {
            Some(l) if l == want => Ok(()),
            _ => Err(format!("wanted the {want} limit, got {}", self.describe())),
        }
    }

    fn describe(&self) -> String {
        format!(
            "{:?} after {:?}\nstdout: {}\nstderr: {}",
            self.result.as_ref().map(|e| e.code),
            self.elapsed,
            String::from_utf8_lossy(&self.stdout),
            String::from_utf8_lossy(&self.stderr)
        )
    }
}

/// Runs `module` with `args` on a fresh thread of `stack` bytes, configured
/// by `configure`; gives up (an error) after `limit`.
fn run_on(
    stack: usize,
    module: Arc<GoModule>,
    args: &[&str],
    limit: Duration,
    configure: impl for<'m> FnOnce(Program<'m>) -> Program<'m> + Send + 'static,
) -> Result<Ran, String> {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .stack_size(stack)
        .spawn(move || {
            let (stdout, out) = Output::capture();
            let (stderr, err) = Output::capture();
            let program = Program::new(&module)
                .args(args)
                .stdout(stdout)
                .stderr(stderr);
            let started = Instant::now();
            let result = configure(program).run();
            let _ = tx.send(Ran {
                result,
                stdout: out.bytes(),
                stderr: err.bytes(),
                elapsed: started.elapsed(),
            });
        })
        .map_err(|e| format!("cannot spawn: {e}"))?;
    rx.recv_timeout(limit)
        .map_err(|_| format!("no result within {limit:?}: a limit did not act"))
}

const BIG: usize = 1 << 30;
const SMALL: usize = 8 << 20;
const PATIENCE: Duration = Duration::from_secs(60);

fn run(
    module: Arc<GoModule>,
    args: &[&str],
    configure: impl for<'m> FnOnce(Program<'m>) -> Program<'m> + Send + 'static,
) -> Result<Ran, String> {
    run_on(BIG, module, args, PATIENCE, configure)
}

fn go(program: &str) -> Result<Arc<GoModule>, String> {
    support::module(&support::go_corpus()?.join(format!("{program}.wasm")))
}

fn limits(f: impl FnOnce(&mut Limits)) -> Limits {
    let mut l = Limits::default();
    f(&mut l);
    l
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn ensure(cond: bool, what: &str, ran: &Ran) -> Result<(), String> {
    if cond {
        Ok(())
    } else {
        Err(format!("{what}: {}", ran.describe()))
    }
}

type Case = (&'static str, fn() -> Result<(), String>);

const CASES: &[Case] = &[
    ("fuel_stops_a_wasm_loop", || {
        let m = metered(&wat(1, SPIN, None))?;
        let ran = run(m, &["spin"], |p| {
            p.limits(limits(|l| l.fuel = Some(5_000_000)))
        })?;
        ran.expect_limit(Limit::Fuel)
    }),
    ("enough_fuel_runs_a_go_program_to_its_end", || {
        let plenty = run(go("compute")?, &["compute", "sort", "20000"], |p| {
            p.limits(limits(|l| l.fuel = Some(100_000_000_000)))
        })?;
        ensure(
            matches!(plenty.result, Ok(Exit { code: 0, .. }))
                && text(&plenty.stdout).starts_with("sort 20000 "),
            "plenty of fuel",
            &plenty,
        )?;
        let short = run(go("compute")?, &["compute", "sort", "20000"], |p| {
            p.limits(limits(|l| l.fuel = Some(1_000_000)))
        })?;
        short.expect_limit(Limit::Fuel)
    }),
    ("fuel_needs_a_metered_module", || {
        let config = ModuleConfig {
            metering: false,
            ..ModuleConfig::default()
        };
        let m = Arc::new(
            GoModule::with_config(&wat(1, SPIN, None), config).map_err(|e| e.to_string())?,
        );
        let ran = run(m, &["spin"], |p| p.limits(limits(|l| l.fuel = Some(1000))))?;
        ran.expect_limit(Limit::Fuel)
    }),
    ("a_spinning_start_function_is_bounded", || {
        let m = metered(&wat(1, "", Some(SPIN)))?;
        run(m, &["start"], |p| p)?.expect_limit(Limit::Fuel)
    }),
    ("a_deadline_stops_a_wasm_loop", || {
        let m = metered(&wat(1, SPIN, None))?;
        let ran = run(m, &["spin"], |p| p.timeout(Duration::from_millis(200)))?;
        ran.expect_limit(Limit::Deadline)?;
        ensure(
            ran.elapsed >= Duration::from_millis(200),
            "stopped before the deadline",
            &ran,
        )
    }),
    ("a_deadline_stops_a_program_waiting_on_a_timer", || {
        // Go's first print waits for a write callback an hour away. (A
        // JS timer alone would not keep it alive: Go's exit ends the
        // program, as `wasm_exec_node.js` calls `process.exit`.)
        let ran = run(go("hello")?, &["hello"], |p| {
            p.preload(
                "slow-fs.js",
                "const write = fs.write; fs.write = (...a) => setTimeout(() => write(...a), 3600e3);",
            )
            .timeout(Duration::from_millis(300))
        })?;
        ran.expect_limit(Limit::Deadline)?;
        ensure(ran.stdout.is_empty(), "nothing written yet", &ran)
    }),
    (
        "a_deadline_stops_a_js_loop_that_calls_builtins_even_in_try",
        || {
            let ran = run(go("hello")?, &["hello"], |p| {
                p.preload(
                    "spin.js",
                    "while (true) { try { Math.max(1, 2) } catch (e) {} }",
                )
                .timeout(Duration::from_millis(300))
            })?;
            ran.expect_limit(Limit::Deadline)
        },
    ),
    ("an_interrupt_from_another_thread_stops_a_wasm_loop", || {
        let interrupt = Interrupt::default();
        let trigger = interrupt.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            trigger.trigger();
        });
        let m = metered(&wat(1, SPIN, None))?;
        run(m, &["spin"], move |p| p.interrupt(interrupt))?.expect_limit(Limit::Interrupted)
    }),
    ("initial_memory_past_the_limit_is_refused", || {
        // 32 pages = 2 MiB declared; 1 MiB allowed.
        let m = metered(&wat(32, "(call $exit (i32.const 0))", None))?;
        let ran = run(m, &["big"], |p| {
            p.limits(limits(|l| l.max_memory = Some(1 << 20)))
        })?;
        ran.expect_limit(Limit::Memory)
    }),
    ("memory_grow_past_the_limit_returns_minus_one", || {
        // Exit code: 1 if growing by 100 pages failed, + 2 if growing by
        // one page then worked: 3 is the spec's behaviour under the cap.
        let body = "(call $exit (i32.add
            (i32.eq (memory.grow (i32.const 100)) (i32.const -1))
            (i32.mul (i32.const 2) (i32.ne (memory.grow (i32.const 1)) (i32.const -1)))))";
        let m = metered(&wat(1, body, None))?;
        let ran = run(m, &["grow"], |p| {
            p.limits(limits(|l| l.max_memory = Some(2 << 20)))
        })?;
        ensure(matches!(ran.result, Ok(Exit { code: 3, .. })), "grow", &ran)
    }),
    (
        "a_go_program_past_the_memory_limit_fails_as_go_does",
        || {
            // 20M ints are 160 MB: Go's allocator gets -1 from memory.grow and
            // throws its own fatal error (exit 2).
            let ran = run(go("compute")?, &["compute", "sort", "20000000"], |p| {
                p.limits(limits(|l| l.max_memory = Some(64 << 20)))
            })?;
            ensure(
                matches!(ran.result, Ok(Exit { code: 2, .. }))
                    && text(&ran.stderr).contains("fatal error: out of memory"),
                "Go out of memory",
                &ran,
            )
        },
    ),
    ("refs_past_the_limit_end_the_program", || {
        // table_slots holds 1000 values at once.
        let m = support::module(&support::rust_guests()?.join("conformance_cases.wasm"))?;
        let ran = run(m, &["conformance_cases.wasm", "table_slots"], |p| {
            p.limits(limits(|l| l.max_refs = Some(200)))
        })?;
        ran.expect_limit(Limit::Refs)
    }),
    ("timers_past_the_limit_end_the_program", || {
        let ran = run(go("hello")?, &["hello"], |p| {
            p.preload(
                "timers.js",
                "for (let i = 0; i < 100; i++) setTimeout(() => {}, 10)",
            )
            .limits(limits(|l| l.max_timers = Some(10)))
        })?;
        ran.expect_limit(Limit::Timers)
    }),
    ("output_past_the_limit_is_cut_and_ends_the_program", || {
        let ran = run(go("hello")?, &["hello"], |p| {
            p.limits(limits(|l| l.max_output = Some(5)))
        })?;
        ran.expect_limit(Limit::Output)?;
        ensure(ran.stdout == b"Hello", "the first 5 bytes, exactly", &ran)
    }),
    ("the_js_loop_limit_ends_a_loop_that_calls_nothing", || {
        let ran = run(go("hello")?, &["hello"], |p| {
            p.preload("spin.js", "while (true) {}")
                .js_loop_iterations(100_000)
        })?;
        ran.expect_limit(Limit::JsEngine)
    }),
    (
        "a_panicking_host_function_ends_the_program_not_the_process",
        || {
            // An embedder's host function that panics, called by Go (under a
            // wasm import, where an unwinding panic would abort the process)
            // and by JS at the top level: both end the session with an internal
            // error; the process, and other sessions, go on.
            let module = support::module(&support::go_corpus()?.join("reactor.wasm"))?;
            support::on_big_stack(PATIENCE, move || {
                let start = || {
                    Program::new(&module)
                        .args(["reactor.wasm"])
                        .stderr(Output::capture().0)
                        .host_fn("boom", HostFn::new(|(): ()| -> f64 { panic!("boom") }))
                        .start()
                        .map_err(|e| e.to_string())
                };
                let internal = |r: Result<f64, Error>, what: &str| match r {
                    Err(Error::Host(e)) if matches!(e.kind(), HostErrorKind::Internal(m) if m.contains("panicked: boom")) => {
                        Ok(())
                    }
                    other => Err(format!("{what}: {other:?}")),
                };
                let mut under_go = start()?;
                internal(
                    under_go.call("goReactor.callHost", ("boom",)),
                    "called by Go",
                )?;
                internal(
                    under_go.call("goReactor.add", (1, 2)),
                    "the session after it",
                )?;
                let mut top = start()?;
                internal(top.eval("boom()"), "called by JS")?;
                let mut other = start()?;
                match other.call::<f64>("goReactor.add", (1, 2)) {
                    Ok(3.0) => Ok(()),
                    r => Err(format!("another session: {r:?}")),
                }
            })
        },
    ),
    (
        "deep_go_js_nesting_on_a_small_stack_is_a_range_error",
        || {
            // The nesting limit is far away: the stack check acts first.
            let ran = run_on(SMALL, go("deep")?, &["deep", "1000000"], PATIENCE, |p| {
                p.limits(limits(|l| l.max_nesting = 10_000_000))
            })?;
            ensure(
                matches!(ran.result, Ok(Exit { code: 2, .. }))
                    && text(&ran.stderr).contains("Maximum call stack size exceeded"),
                "Go panics with the JS RangeError",
                &ran,
            )
        },
    ),
    ("deep_sources_on_a_small_stack_are_a_range_error", || {
        let probe = r#"
            const deep = (n) => "(".repeat(n) + "1" + ")".repeat(n);
            for (const [name, f] of [
                ["eval", (s) => eval(s)],
                ["indirect eval", (s) => (0, eval)(s)],
                ["Function", (s) => Function("return " + s)],
                ["constructor of a function", (s) => (function () {}).constructor("return " + s)],
                ["async function constructor", (s) => Object.getPrototypeOf(async function () {}).constructor(s)],
            ]) {
                try { f(deep(100000)); console.log(name, "parsed"); }
                catch (e) { console.log(name, e.name); }
                console.log(name, "shallow", typeof f(deep(20)));
            }
        "#;
        let ran = run_on(SMALL, go("hello")?, &["hello"], PATIENCE, move |p| {
            p.preload("deep.js", probe)
        })?;
        let out = text(&ran.stdout);
        ensure(
            matches!(ran.result, Ok(Exit { code: 0, .. }))
                && out.matches(" RangeError\n").count() == 5
                && !out.contains("parsed"),
            "every deep source refused, every shallow one run",
            &ran,
        )?;
        // A preload that is itself too deep is refused the same way.
        let deep_preload = format!("{}1{}", "[".repeat(200_000), "]".repeat(200_000));
        let ran = run_on(SMALL, go("hello")?, &["hello"], PATIENCE, move |p| {
            p.preload("deep.js", deep_preload)
        })?;
        // As under node: an uncaught error in a preload, exit 1.
        ensure(
            matches!(ran.result, Ok(Exit { code: 1, .. }))
                && text(&ran.stderr).starts_with("RangeError: Maximum call stack size exceeded"),
            "deep preload",
            &ran,
        )
    }),
    (
        "builtins_calling_builtins_on_a_small_stack_are_a_range_error",
        || {
            // Each recurses inside boa's natives, never through a JS frame.
            let probe = r#"
            const cases = {
                "cyclic getter of a bound Reflect.get": () => {
                    const o = {};
                    Object.defineProperty(o, "x", { get: Reflect.get.bind(null, o, "x") });
                    return o.x;
                },
                "nested arrays' toLocaleString": () => {
                    let a = [];
                    for (let i = 0; i < 1e6; i++) a = [a];
                    return a.toLocaleString();
                },
                "errors as messages of errors": () => {
                    let e = new Error("x");
                    for (let i = 0; i < 1e6; i++) { const n = new Error("y"); n.message = e; e = n; }
                    return String(e);
                },
                "Reflect.apply of Reflect.apply": () => {
                    let args = [Math.max, null, [1]];
                    for (let i = 0; i < 1e6; i++) args = [Reflect.apply, null, args];
                    return Reflect.apply(...args);
                },
            };
            for (const [name, f] of Object.entries(cases)) {
                try { f(); console.log(name, "returned"); }
                catch (e) { console.log(name, e.name); }
            }
        "#;
            let ran = run_on(SMALL, go("hello")?, &["hello"], PATIENCE, move |p| {
                p.preload("natives.js", probe)
            })?;
            ensure(
                matches!(ran.result, Ok(Exit { code: 0, .. }))
                    && text(&ran.stdout).matches(" RangeError\n").count() == 4,
                "each a RangeError",
                &ran,
            )
        },
    ),
];

pub fn trials() -> Vec<Trial> {
    CASES
        .iter()
        .map(|&(name, f)| Trial::test(format!("limits::{name}"), move || f().map_err(Into::into)))
        .collect()
}
