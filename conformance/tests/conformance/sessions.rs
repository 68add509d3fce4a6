//! This tests sessions: a Go reactor and a Rust reactor kept alive after
//! `main` parks and driven from Rust — the call list node drove
//! (`conformance/node/reactor-calls.json`) replayed through the session API
//! and compared with node's output line for line; promises resolved from
//! goroutines and timers, rejections as typed errors, host functions called
//! from Go (sync, and promises resolved from another Rust thread), preload,
//! eval, deadlines while awaiting, close after park, a session moved between
//! threads, and sessions of one module on several threads at once.

use crate::support;
use gojs_boa::{
    Error, Exit, GoModule, HostErrorKind, HostFn, JsException, Output, Program, Session,
    SessionThread, TrapCode, boa_engine::JsValue,
};
use libtest_mimic::Trial;
use std::{
    path::PathBuf,
    sync::Arc,
    time::{Duration, Instant},
};

/// A reactor guest: which module, and the name of its global object.
#[derive(Clone, Copy)]
struct Reactor {
    kind: &'static str,
    name: &'static str,
}

const GO: Reactor = Reactor {
    kind: "go",
    name: "goReactor",
};
const RUST: Reactor = Reactor {
    kind: "rust",
    name: "rustReactor",
};

impl Reactor {
    fn wasm(self) -> Result<PathBuf, String> {
        let dir = match self.kind {
            "go" => support::go_corpus()?,
            _ => support::rust_guests()?,
        };
        Ok(dir.join("reactor.wasm"))
    }

    fn module(self) -> Result<Arc<GoModule>, String> {
        support::module(&self.wasm()?)
    }
}

use support::on_big_stack;

fn err(e: Error) -> String {
    format!("session error: {e}")
}

/// The JS half of the replay: the same rendering and host setup as
/// `conformance/node/reactor-driver.mjs`, minus what the Rust side does
/// itself (the host functions `hostDouble` and `hostLater` are Rust
/// closures; the calls and their arguments come from Rust).
const PRELOAD: &str = r#"
globalThis.__show = function show(v) {
  if (v === undefined) return "undefined";
  if (v === null) return "null";
  switch (typeof v) {
    case "number": return Object.is(v, -0) ? "-0" : String(v);
    case "string": case "boolean": return JSON.stringify(v);
    case "bigint": return `${v}n`;
    case "function": return "function";
    case "symbol": return "symbol";
  }
  if (v instanceof Error) return show({ error: v.name, message: v.message });
  if (v instanceof Uint8Array) return show(Array.from(v));
  if (Array.isArray(v)) return `[${v.map(show).join(",")}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${show(v[k])}`).join(",")}}`;
};
globalThis.hostReject = (msg) => Promise.reject(new RangeError(msg));
globalThis[NAME + "Preload"] = { prefix: "pre:" };
globalThis[NAME + "Ready"] = (api) => {
  globalThis.__handshake = api;
  console.log(`handshake ${NAME}Ready(api): api.add(2, 3) => ${__show(api.add(2, 3))}; ` +
    `api.concat("hs") => ${__show(api.concat("hs"))}`);
};
"#;

/// One argument of the call list, decoded as the node driver decodes it.
enum Arg {
    Json(serde_json::Value),
    Bytes(Vec<u8>),
    Text(String),
}

impl gojs_boa::IntoJs for Arg {
    fn into_js(
        self,
        ctx: &mut gojs_boa::boa_engine::Context,
    ) -> gojs_boa::boa_engine::JsResult<JsValue> {
        match self {
            Arg::Json(v) => v.into_js(ctx),
            Arg::Bytes(b) => b.into_js(ctx),
            Arg::Text(s) => s.into_js(ctx),
        }
    }
}

fn decode(a: &serde_json::Value) -> Arg {
    if let Some(bytes) = a.get("$bytes").and_then(|b| b.as_array()) {
        let bytes = bytes
            .iter()
            .map(|b| b.as_u64().unwrap_or(0) as u8)
            .collect();
        return Arg::Bytes(bytes);
    }
    if let Some([s, n]) = a
        .get("$repeat")
        .and_then(|r| r.as_array())
        .map(|v| v.as_slice())
    {
        let s = s.as_str().unwrap_or_default();
        return Arg::Text(s.repeat(n.as_u64().unwrap_or(0) as usize));
    }
    Arg::Json(a.clone())
}

/// How the node driver shows an argument.
fn show_arg(session: &mut Session, a: &serde_json::Value) -> Result<String, String> {
    let show = |session: &mut Session, v: &serde_json::Value| -> Result<String, String> {
        session.call("__show", (v.clone(),)).map_err(err)
    };
    if let Some(bytes) = a.get("$bytes") {
        return Ok(format!("new Uint8Array({})", show(session, bytes)?));
    }
    if let Some([s, n]) = a
        .get("$repeat")
        .and_then(|r| r.as_array())
        .map(|v| v.as_slice())
    {
        return Ok(format!(
            "{}.repeat({})",
            show(session, s)?,
            show(session, n)?
        ));
    }
    show(session, a)
}

fn error_json(e: &JsException) -> String {
    serde_json::json!({ "error": e.name.clone().unwrap_or_default(), "message": e.message })
        .to_string()
}

/// Replays the call list through a session and returns what node's driver
/// would print, and the exit.
fn replay(reactor: Reactor) -> Result<(String, Exit), String> {
    let module = reactor.module()?;
    let calls: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(support::root().join("conformance/node/reactor-calls.json"))
            .map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    on_big_stack(Duration::from_secs(120), move || {
        let (stdout, captured) = Output::capture();
        let name = reactor.name;
        let mut session = Program::new(&module)
            .args(["reactor.wasm", "--handshake", &format!("{name}Ready")])
            .stdout(stdout)
            .host_fn("hostDouble", HostFn::new(|(x,): (f64,)| x * 2.0))
            .host_fn(
                "hostLater",
                // Resolved from another Rust thread, 5 ms later, as node's
                // `setTimeout(() => r(x + 1), 5)`.
                HostFn::promise(|(x,): (f64,), resolver| {
                    std::thread::spawn(move || {
                        std::thread::sleep(Duration::from_millis(5));
                        resolver.resolve(x + 1.0);
                    });
                }),
            )
            .preload(
                "reactor-preload.js",
                format!("const NAME = {name:?};{PRELOAD}"),
            )
            .start()
            .map_err(err)?;
        let print = |session: &mut Session, line: String| -> Result<(), String> {
            session.call("console.log", (line,)).map_err(err)
        };
        let after_run: String = session
            .eval(&format!(
                "`after run: typeof {name} => ${{__show(typeof {name})}}; \
                 {name} === handshake api => ${{__show({name} === __handshake)}}`"
            ))
            .map_err(err)?;
        print(&mut session, after_run)?;
        for call in &calls {
            let f = call["fn"].as_str().unwrap_or_default();
            let wait = call["await"].as_bool().unwrap_or(false);
            let raw_args = call["args"].as_array().cloned().unwrap_or_default();
            let shown = raw_args
                .iter()
                .map(|a| show_arg(&mut session, a))
                .collect::<Result<Vec<_>, _>>()?
                .join(", ");
            let expr = format!("{}{name}.{f}({shown})", if wait { "await " } else { "" });
            let args: Vec<Arg> = raw_args.iter().map(decode).collect();
            let args: Vec<JsValue> = session
                .with_context(|ctx| {
                    args.into_iter()
                        .map(|a| gojs_boa::IntoJs::into_js(a, ctx))
                        .collect()
                })
                .map_err(err)?;
            let result = session
                .call::<JsValue>(&format!("{name}.{f}"), args)
                .and_then(|v| {
                    if wait {
                        if v.as_promise().is_none() {
                            return Err(Error::Convert(format!("{expr}: not a promise")));
                        }
                        session.resolve::<JsValue>(v, Some(Duration::from_secs(30)))
                    } else {
                        Ok(v)
                    }
                });
            let line = match result {
                Ok(v) => {
                    let shown: String = session.call("__show", (v,)).map_err(err)?;
                    format!("{expr} => {shown}")
                }
                Err(Error::Js(e)) => format!("{expr} => {}", error_json(&e)),
                Err(Error::Exited(code)) => {
                    let mut text = captured.text();
                    text += &format!("{expr} => {{\"exit\":{code}}}\n");
                    return Ok((text, session.close().map_err(err)?));
                }
                Err(e) => return Err(format!("{expr}: {e}")),
            };
            print(&mut session, line)?;
        }
        let exit = session.close().map_err(err)?;
        Ok((captured.text(), exit))
    })
}

fn replay_matches_node(reactor: Reactor) -> Result<(), String> {
    let goldens = support::root().join("conformance/goldens/reactor");
    let read = |ext: &str| {
        let path = goldens.join(format!("{}.{ext}", reactor.kind));
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let (want, want_code) = (read("stdout")?, read("code")?);
    let (got, exit) = replay(reactor)?;
    support::expect_same(
        &format!("{} reactor replay", reactor.kind),
        got.as_bytes(),
        want.as_bytes(),
    )?;
    expect(
        exit.code.to_string() == want_code.trim(),
        format!("exit code {} (node: {})", exit.code, want_code.trim()),
    )
}

/// A session of `reactor` with a captured stderr, on a big stack.
fn with_session<T: Send + 'static>(
    reactor: Reactor,
    f: impl FnOnce(&mut Session, gojs_boa::Captured) -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    let module = reactor.module()?;
    on_big_stack(Duration::from_secs(120), move || {
        let (stderr, captured) = Output::capture();
        let mut session = Program::new(&module)
            .args(["reactor.wasm"])
            .stderr(stderr)
            .start()
            .map_err(err)?;
        f(&mut session, captured)
    })
}

fn expect(cond: bool, what: impl std::fmt::Display) -> Result<(), String> {
    if cond { Ok(()) } else { Err(what.to_string()) }
}

fn rejection_is_a_typed_error(reactor: Reactor) -> Result<(), String> {
    with_session(reactor, move |s, _| {
        let name = reactor.name;
        match s.call_async::<JsValue>(&format!("{name}.fail"), ("boom",)) {
            Err(Error::Js(e)) => expect(
                e.name.as_deref() == Some("Error") && e.message == "boom",
                format!("rejection: {e:?}"),
            ),
            other => Err(format!("expected a rejection, got {other:?}")),
        }
    })
}

fn a_deadline_ends_the_wait_not_the_session(reactor: Reactor) -> Result<(), String> {
    with_session(reactor, move |s, _| {
        let name = reactor.name;
        let slow: JsValue = s
            .call(&format!("{name}.later"), (60_000, "late"))
            .map_err(err)?;
        let started = Instant::now();
        match s.resolve::<JsValue>(slow, Some(Duration::from_millis(200))) {
            Err(Error::Timeout(_)) => {}
            other => return Err(format!("expected a timeout, got {other:?}")),
        }
        let waited = started.elapsed();
        expect(
            waited >= Duration::from_millis(200) && waited < Duration::from_secs(10),
            format!("waited {waited:?}"),
        )?;
        // The program is still alive and serving calls.
        let sum: f64 = s.call(&format!("{name}.add"), (1, 2)).map_err(err)?;
        expect(sum == 3.0, format!("add after the timeout: {sum}"))
    })
}

/// Closing a parked program: `report` is what its stderr must contain
/// (`None`: stderr must be empty).
fn close_after_park(
    reactor: Reactor,
    code: i32,
    report: Option<&'static str>,
) -> Result<(), String> {
    let module = reactor.module()?;
    on_big_stack(Duration::from_secs(60), move || {
        let (stderr, captured) = Output::capture();
        let session = Program::new(&module)
            .args(["reactor.wasm"])
            .stderr(stderr)
            .start()
            .map_err(err)?;
        expect(session.exit_code().is_none(), "the program parked")?;
        let exit = session.close().map_err(err)?;
        let text = captured.text();
        let stderr_ok = match report {
            Some(r) => text.contains(r),
            None => text.is_empty(),
        };
        expect(
            exit.code == code && stderr_ok,
            format!("exit {} with stderr {text:?}", exit.code),
        )
    })
}

fn an_exit_during_a_call_ends_the_program(reactor: Reactor) -> Result<(), String> {
    with_session(reactor, move |s, _| {
        let name = reactor.name;
        match s.call::<JsValue>(&format!("{name}.exit"), (3,)) {
            Err(Error::Exited(3)) => {}
            other => return Err(format!("expected Exited(3), got {other:?}")),
        }
        expect(s.exit_code() == Some(3), "exit code kept")?;
        // wasm_exec.js: calling into an exited program throws.
        match s.call::<JsValue>(&format!("{name}.add"), (1, 2)) {
            Err(Error::Js(e)) => expect(
                e.message == "Go program has already exited",
                format!("after exit: {e}"),
            )?,
            other => return Err(format!("expected a JS error, got {other:?}")),
        }
        // Plain JS still runs.
        let n: f64 = s.eval("6 * 7").map_err(err)?;
        expect(n == 42.0, "eval after exit")
    })
}

fn unsettled_promises_are_reported(reactor: Reactor) -> Result<(), String> {
    with_session(reactor, |s, _| {
        let never: JsValue = s.eval("new Promise(() => {})").map_err(err)?;
        match s.resolve::<JsValue>(never, Some(Duration::from_secs(30))) {
            Err(Error::Unsettled) => Ok(()),
            other => Err(format!("expected Unsettled, got {other:?}")),
        }
    })
}

fn results_are_converted_and_checked(reactor: Reactor) -> Result<(), String> {
    with_session(reactor, move |s, _| {
        let name = reactor.name;
        let bytes: Vec<u8> = s.call(&format!("{name}.bytes"), (4,)).map_err(err)?;
        expect(bytes == [0, 1, 2, 3], format!("bytes {bytes:?}"))?;
        let sum: f64 = s
            .call(&format!("{name}.sum"), (vec![7u8, 8, 9],))
            .map_err(err)?;
        expect(sum == 24.0, format!("sum {sum}"))?;
        let object: serde_json::Value = s.call(&format!("{name}.object"), ()).map_err(err)?;
        expect(object["nested"]["s"] == "ünï😀", format!("object {object}"))?;
        match s.call::<String>(&format!("{name}.add"), (1, 2)) {
            Err(Error::Convert(m)) => expect(
                m == "expected a string, got a number",
                format!("message {m:?}"),
            )?,
            other => return Err(format!("expected a conversion error, got {other:?}")),
        }
        match s.call::<JsValue>(&format!("{name}.nope"), ()) {
            Err(Error::Js(e)) => expect(
                e.message == format!("{name}.nope is not a function"),
                format!("missing function: {e}"),
            ),
            other => Err(format!("expected a TypeError, got {other:?}")),
        }
    })
}

/// Values a guest built are converted to serde values with the bounds of
/// gojs's `JSON.stringify`: too deep or too long is an error of that call,
/// on an ordinary 8 MiB thread (boa's own `to_json` recursed without a
/// bound, and reserved memory for the length of a sparse array).
fn deep_values_are_conversion_errors_on_a_small_stack() -> Result<(), String> {
    let module = GO.module()?;
    let run = move || -> Result<(), String> {
        let mut s = Program::new(&module)
            .args(["reactor.wasm"])
            .start()
            .map_err(err)?;
        let shallow: serde_json::Value = s
            .eval("let a = 1; for (let i = 0; i < 100; i++) a = [a]; a")
            .map_err(err)?;
        let mut depth = 0;
        let mut v = &shallow;
        while let Some(inner) = v.get(0) {
            depth += 1;
            v = inner;
        }
        expect(
            depth == 100 && *v == 1,
            format!("100 levels read as {depth}"),
        )?;
        for (what, source, name) in [
            (
                "10^6 levels",
                "let b = []; for (let i = 0; i < 1e6; i++) b = [b]; b",
                "Maximum call stack size exceeded",
            ),
            (
                "a sparse 2^32 - 1",
                "let c = []; c[2 ** 32 - 2] = 1; c",
                "Invalid string length",
            ),
            (
                "200 levels",
                "let d = 1; for (let i = 0; i < 200; i++) d = [d]; d",
                "recursion limit exceeded",
            ),
        ] {
            match s.eval::<serde_json::Value>(source) {
                Err(Error::Convert(m)) => expect(m.contains(name), format!("{what}: {m:?}"))?,
                other => return Err(format!("{what}: expected {name:?}, got {other:?}")),
            }
        }
        let after: f64 = s.eval("6 * 7").map_err(err)?;
        expect(after == 42.0, "the session goes on")
    };
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(run)
        .map_err(|e| e.to_string())?
        .join()
        .map_err(|_| "the session thread panicked".to_string())?
}

fn globals_are_read_and_written(reactor: Reactor) -> Result<(), String> {
    with_session(reactor, move |s, _| {
        s.set("config.mode", "fast").map_err(err)?;
        let mode: String = s.get("config.mode").map_err(err)?;
        expect(mode == "fast", "config.mode")?;
        let name = reactor.name;
        let f: JsValue = s.get(&format!("{name}.add")).map_err(err)?;
        let sum: f64 = s.call(f, (2, 2)).map_err(err)?;
        expect(sum == 4.0, "calling a function value")
    })
}

/// A session made on one thread, called from a second and closed from a third.
fn a_session_moves_between_threads() -> Result<(), String> {
    let module = GO.module()?;
    let session =
        SessionThread::spawn(move || Program::new(&module).args(["reactor.wasm"]).start())
            .map_err(err)?;
    let session = std::thread::spawn(move || -> Result<SessionThread, String> {
        let n: u32 = session.call("goReactor.counter", ()).map_err(err)?;
        let later: String = session
            .call_async("goReactor.later", (1, "from another thread"))
            .map_err(err)?;
        expect(
            n == 1 && later == "from another thread",
            format!("{n} {later}"),
        )?;
        Ok(session)
    })
    .join()
    .map_err(|_| "calling thread panicked".to_owned())??;
    let exit = std::thread::spawn(move || session.close())
        .join()
        .map_err(|_| "closing thread panicked".to_owned())?
        .map_err(err)?;
    expect(exit.code == 2, format!("exit {}", exit.code))
}

/// One module, a session per thread: each has its own state.
fn sessions_of_one_module_on_many_threads() -> Result<(), String> {
    let module = GO.module()?;
    let threads: Vec<_> = (0..4)
        .map(|i| {
            let module = module.clone();
            std::thread::Builder::new()
                .stack_size(1 << 30)
                .spawn(move || -> Result<Vec<u32>, String> {
                    let mut s = Program::new(&module)
                        .args(["reactor.wasm"])
                        .start()
                        .map_err(err)?;
                    let mut counts = Vec::new();
                    for _ in 0..=i {
                        counts.push(s.call::<u32>("goReactor.counter", ()).map_err(err)?);
                    }
                    let tick: u32 = s.call_async("goReactor.tick", (2, 1)).map_err(err)?;
                    counts.push(tick);
                    Ok(counts)
                })
                .map_err(|e| e.to_string())
        })
        .collect::<Result<_, _>>()?;
    for (i, t) in threads.into_iter().enumerate() {
        let counts = t
            .join()
            .map_err(|_| "session thread panicked".to_owned())??;
        let want: Vec<u32> = (1..=i as u32 + 1).chain([2]).collect();
        expect(counts == want, format!("thread {i}: {counts:?}"))?;
    }
    Ok(())
}

/// A guest that traps while serving a call: the session reports the trap,
/// with its code, and every later request gets the same error.
fn a_trap_poisons_the_session() -> Result<(), String> {
    // `run` stores the `go` object (ref 6) as `globalThis.goObj` through
    // `valueSet`, then returns (parks); `resume` traps.
    let wat = r#"(module
      (import "gojs" "syscall/js.valueSet" (func $set (param i32)))
      (memory (export "mem") 1)
      (data (i32.const 2048) "goObj")
      (func (export "getsp") (result i32) (i32.const 1024))
      (func (export "resume") unreachable)
      (func (export "run") (param i32 i32)
        (i64.store (i32.const 1032) (i64.const 0x7FF8000100000005)) ;; globalThis
        (i64.store (i32.const 1040) (i64.const 2048))               ;; name ptr
        (i64.store (i32.const 1048) (i64.const 5))                  ;; name len
        (i64.store (i32.const 1056) (i64.const 0x7FF8000100000006)) ;; the go object
        (call $set (i32.const 1024))))"#;
    let wasm = wat::parse_str(wat).map_err(|e| e.to_string())?;
    let module = GoModule::new(&wasm, gojs_boa::Compilation::Lazy).map_err(|e| e.to_string())?;
    let mut s = Program::new(&module).start().map_err(err)?;
    let trap = |r: Result<JsValue, Error>| match r {
        Err(Error::Host(e)) => match e.kind() {
            HostErrorKind::Trap { code, .. } => Ok(*code),
            other => Err(format!("expected a trap, got {other:?}")),
        },
        other => Err(format!("expected a host error, got {other:?}")),
    };
    let code = trap(s.eval("goObj._resume()"))?;
    expect(code == Some(TrapCode::Unreachable), format!("{code:?}"))?;
    // Poisoned: the same error, without running anything.
    trap(s.eval("1"))?;
    match s.close() {
        Err(Error::Host(_)) => Ok(()),
        other => Err(format!("close after a trap: {other:?}")),
    }
}

/// `start` returns once the program parks, even with a timer that fires for
/// ever (node's `go.run` returns there too); the timer then runs while the
/// session runs its loop.
fn start_returns_with_a_periodic_timer_pending() -> Result<(), String> {
    let module = GO.module()?;
    on_big_stack(Duration::from_secs(60), move || {
        let mut s = Program::new(&module)
            .args(["reactor.wasm"])
            .preload(
                "tick.js",
                "globalThis.ticks = 0; setInterval(() => ticks++, 2);",
            )
            .start()
            .map_err(err)?;
        match s.run_event_loop(Some(Duration::from_millis(100))) {
            Err(Error::Timeout(_)) => {}
            other => return Err(format!("expected a timeout, got {other:?}")),
        }
        let ticks: u32 = s.get("ticks").map_err(err)?;
        expect(ticks > 3, format!("{ticks} ticks"))
    })
}

/// A `process.exit` that a native swallows on the way (here an embedder's
/// host function ignoring the error of the JS it runs) still ends the
/// program at once: the guest does not run on after it (it would print
/// "after" and exit 0 through `wasmExit`).
fn a_swallowed_exit_still_ends_the_guest() -> Result<(), String> {
    // `run`: valueCall(globalThis, "swallow", []), then print "after", then exit 0.
    let wat = r#"(module
      (import "gojs" "syscall/js.valueCall" (func $call (param i32)))
      (import "gojs" "runtime.wasmWrite" (func $write (param i32)))
      (import "gojs" "runtime.wasmExit" (func $exit (param i32)))
      (memory (export "mem") 1)
      (data (i32.const 2048) "swallow")
      (data (i32.const 2064) "after\n")
      (func (export "getsp") (result i32) (i32.const 1024))
      (func (export "resume"))
      (func (export "run") (param i32 i32)
        (i64.store (i32.const 1032) (i64.const 0x7FF8000100000005)) ;; globalThis
        (i64.store (i32.const 1040) (i64.const 2048))               ;; method ptr
        (i64.store (i32.const 1048) (i64.const 7))                  ;; method len
        (i64.store (i32.const 1056) (i64.const 0))                  ;; args ptr
        (i64.store (i32.const 1064) (i64.const 0))                  ;; args len
        (i64.store (i32.const 1072) (i64.const 0))                  ;; args cap
        (call $call (i32.const 1024))
        (i64.store (i32.const 1032) (i64.const 1))                  ;; fd
        (i64.store (i32.const 1040) (i64.const 2064))               ;; p
        (i32.store (i32.const 1048) (i32.const 6))                  ;; n
        (call $write (i32.const 1024))
        (i32.store (i32.const 1032) (i32.const 0))
        (call $exit (i32.const 1024))))"#;
    let wasm = wat::parse_str(wat).map_err(|e| e.to_string())?;
    let module = GoModule::new(&wasm, gojs_boa::Compilation::Lazy).map_err(|e| e.to_string())?;
    let (stdout, captured) = Output::capture();
    let swallow = HostFn::raw(|_, _, ctx| {
        let _ignored = ctx.eval(gojs_boa::boa_engine::Source::from_bytes("process.exit(3)"));
        Ok(JsValue::undefined())
    });
    let exit = Program::new(&module)
        .stdout(stdout)
        .host_fn("swallow", swallow)
        .run()
        .map_err(err)?;
    expect(
        exit.code == 3 && captured.text().is_empty(),
        format!("exit {} with stdout {:?}", exit.code, captured.text()),
    )
}

/// A host function's JS function value used in another session's world is
/// a `TypeError` there, not a call of the wrong closure (or a panic).
fn a_host_function_belongs_to_its_program() -> Result<(), String> {
    let module = GO.module()?;
    on_big_stack(Duration::from_secs(60), move || {
        let mut a = Program::new(&module).start().map_err(err)?;
        let mut b = Program::new(&module)
            .host_fn("own", HostFn::new(|(): ()| "b's own"))
            .start()
            .map_err(err)?;
        let f = a
            .function("foreign", HostFn::new(|(): ()| "a's"))
            .map_err(err)?;
        b.set("foreign", f).map_err(err)?;
        match b.call::<String>("foreign", ()) {
            Err(Error::Js(e)) => expect(
                e.name.as_deref() == Some("TypeError"),
                format!("foreign call: {e}"),
            )?,
            other => return Err(format!("expected a TypeError, got {other:?}")),
        }
        let own: String = b.call("own", ()).map_err(err)?;
        expect(own == "b's own", own)
    })
}

/// A chain of I/O tasks (`setImmediate` queuing itself) does not starve a
/// timer that comes due (node runs timers every loop iteration).
fn io_does_not_starve_timers() -> Result<(), String> {
    let module = GO.module()?;
    on_big_stack(Duration::from_secs(60), move || {
        let mut s = Program::new(&module).start().map_err(err)?;
        let p: JsValue = s
            .eval(
                "new Promise((resolve) => {
                   let spins = 0;
                   (function spin() { if (!globalThis.stop) { spins++; setImmediate(spin); } })();
                   setTimeout(() => { globalThis.stop = true; resolve(spins > 0); }, 10);
                 })",
            )
            .map_err(err)?;
        let fired: bool = s.resolve(p, Some(Duration::from_secs(10))).map_err(err)?;
        expect(fired, "the timer fired while I/O was spinning")
    })
}

/// A named test of its own.
type Case = (&'static str, fn() -> Result<(), String>);

pub fn trials() -> Vec<Trial> {
    let mut all = Vec::new();
    for r in [GO, RUST] {
        let kind = r.kind;
        let t = |name: &str, f: fn(Reactor) -> Result<(), String>| {
            Trial::test(format!("sessions::{kind}/{name}"), move || {
                f(r).map_err(Into::into)
            })
        };
        all.push(t("replay_matches_node", replay_matches_node));
        all.push(t("rejection_is_a_typed_error", rejection_is_a_typed_error));
        all.push(t(
            "a_deadline_ends_the_wait_not_the_session",
            a_deadline_ends_the_wait_not_the_session,
        ));
        all.push(t(
            "an_exit_during_a_call_ends_the_program",
            an_exit_during_a_call_ends_the_program,
        ));
        all.push(t(
            "unsettled_promises_are_reported",
            unsettled_promises_are_reported,
        ));
        all.push(t(
            "results_are_converted_and_checked",
            results_are_converted_and_checked,
        ));
        all.push(t(
            "globals_are_read_and_written",
            globals_are_read_and_written,
        ));
    }
    all.push(Trial::test(
        "sessions::go/close_after_park_reports_the_deadlock",
        || {
            close_after_park(
                GO,
                2,
                Some("fatal error: all goroutines are asleep - deadlock!"),
            )
            .map_err(Into::into)
        },
    ));
    all.push(Trial::test(
        "sessions::rust/close_after_park_exits_0",
        || close_after_park(RUST, 0, None).map_err(Into::into),
    ));
    all.push(Trial::test(
        "sessions::a_session_moves_between_threads",
        || a_session_moves_between_threads().map_err(Into::into),
    ));
    all.push(Trial::test(
        "sessions::sessions_of_one_module_on_many_threads",
        || sessions_of_one_module_on_many_threads().map_err(Into::into),
    ));
    all.push(Trial::test(
        "sessions::deep_values_are_conversion_errors_on_a_small_stack",
        || deep_values_are_conversion_errors_on_a_small_stack().map_err(Into::into),
    ));
    all.push(Trial::test("sessions::a_trap_poisons_the_session", || {
        a_trap_poisons_the_session().map_err(Into::into)
    }));
    let more: [Case; 4] = [
        (
            "start_returns_with_a_periodic_timer_pending",
            start_returns_with_a_periodic_timer_pending,
        ),
        (
            "a_swallowed_exit_still_ends_the_guest",
            a_swallowed_exit_still_ends_the_guest,
        ),
        (
            "a_host_function_belongs_to_its_program",
            a_host_function_belongs_to_its_program,
        ),
        ("io_does_not_starve_timers", io_does_not_starve_timers),
    ];
    for (name, f) in more {
        all.push(Trial::test(format!("sessions::{name}"), move || {
            f().map_err(Into::into)
        }));
    }
    all
}
