//! Calls into a parked program: the reactor guests (`conformance/go/reactor`,
//! `guest/examples/reactor.rs`) started once as a [`Session`] per thread,
//! then one of their functions called `n` times — from Rust through the
//! session API, or from JS in a loop evaluated in the program's world — and
//! the same calls made on a JS function that does nothing, the floor of the
//! path with no guest behind it.

use crate::guests::{Kind, wasm_bytes};
use gojs_boa::{Compilation, GoModule, Program, Session, boa_engine::JsValue};
use std::time::{Duration, Instant};

/// A call the benches make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Call {
    /// `counter()`: no argument, a number back.
    NoArgs,
    /// `concat(s)` with a 1 KiB ASCII string: the string into the guest
    /// (`Value.String()`) and a 1 KiB string back (`js.ValueOf(string)`).
    String1KiB,
}

impl Call {
    /// Both calls.
    pub const ALL: [Call; 2] = [Call::NoArgs, Call::String1KiB];

    /// Its name in bench ids.
    pub fn name(self) -> &'static str {
        match self {
            Call::NoArgs => "call0",
            Call::String1KiB => "string1KiB",
        }
    }

    /// The guest function called (a property of the reactor's global).
    fn function(self) -> &'static str {
        match self {
            Call::NoArgs => "counter",
            Call::String1KiB => "concat",
        }
    }

    /// The JS no-op with the same signature: the floor.
    fn noop(self) -> &'static str {
        match self {
            Call::NoArgs => "() => 0",
            Call::String1KiB => "(s) => s",
        }
    }
}

/// The 1 KiB argument.
pub fn kib() -> String {
    "gojs-1KiB-".repeat(103)[..1024].to_owned()
}

/// The reactor module of `kind`, compiled once.
pub fn reactor_module(kind: Kind) -> GoModule {
    GoModule::new(&wasm_bytes(kind, "reactor"), Compilation::Lazy)
        .unwrap_or_else(|e| panic!("reactor.wasm ({}): {e}", kind.name()))
}

/// The global the reactor of `kind` registers.
pub fn global(kind: Kind) -> &'static str {
    match kind {
        Kind::Go => "goReactor",
        Kind::Rust => "rustReactor",
    }
}

/// A started reactor session with the floor functions defined
/// (`__noop0`, `__noop1`).
///
/// # Panics
///
/// If the program does not start.
pub fn start(module: &GoModule) -> Session {
    Program::new(module)
        .args(["reactor.wasm"])
        .preload(
            "floors.js",
            format!(
                "globalThis.__noop0 = {}; globalThis.__noop1 = {};",
                Call::NoArgs.noop(),
                Call::String1KiB.noop()
            ),
        )
        .start()
        .unwrap_or_else(|e| panic!("reactor: {e}"))
}

fn path(kind: Option<Kind>, call: Call) -> String {
    match kind {
        Some(kind) => format!("{}.{}", global(kind), call.function()),
        None => match call {
            Call::NoArgs => "__noop0".into(),
            Call::String1KiB => "__noop1".into(),
        },
    }
}

/// `n` calls from Rust of the guest function of `kind` (`None`: the JS
/// no-op), with the function value looked up once; the wall time.
///
/// # Panics
///
/// If a call fails or returns something else than expected.
pub fn from_rust(session: &mut Session, kind: Option<Kind>, call: Call, n: u64) -> Duration {
    let f: JsValue = session
        .get(&path(kind, call))
        .unwrap_or_else(|e| panic!("{}: {e}", path(kind, call)));
    let arg = kib();
    let start = Instant::now();
    for _ in 0..n {
        match call {
            Call::NoArgs => {
                let _: f64 = session.call(&f, ()).expect("counter()");
            }
            Call::String1KiB => {
                let s: String = session.call(&f, (arg.as_str(),)).expect("concat(s)");
                assert_eq!(s.len(), 1024);
            }
        }
    }
    start.elapsed()
}

/// `n` calls made by a JS loop in the program's world (timed in JS with
/// `performance.now()`, so the eval itself is not counted).
///
/// # Panics
///
/// If the loop throws.
pub fn from_js(session: &mut Session, kind: Option<Kind>, call: Call, n: u64) -> Duration {
    let args = match call {
        Call::NoArgs => "",
        Call::String1KiB => "s",
    };
    let code = format!(
        "(() => {{ const f = {f}; const s = {s:?}; let r;
            const t0 = performance.now();
            for (let i = 0; i < {n}; i++) r = f({args});
            return performance.now() - t0; }})()",
        f = path(kind, call),
        s = kib(),
    );
    let ms: f64 = session.eval(&code).expect("the JS loop runs");
    Duration::from_secs_f64(ms / 1000.0)
}

/// `n` calls of `call` from Rust spread over `threads` threads, each with
/// its own session of the one `module`, started before a common start
/// signal; the time until the last thread is done with its calls (its
/// session's teardown not counted).
///
/// # Panics
///
/// If a thread fails.
pub fn threads(module: &GoModule, kind: Kind, call: Call, threads: u64, n: u64) -> Duration {
    let barrier = std::sync::Barrier::new(threads as usize + 1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let barrier = &barrier;
                std::thread::Builder::new()
                    .stack_size(1 << 28)
                    .spawn_scoped(scope, move || {
                        let mut session = start(module);
                        barrier.wait();
                        from_rust(&mut session, Some(kind), call, n / threads)
                    })
                    .expect("spawn a session thread")
            })
            .collect();
        barrier.wait();
        workers
            .into_iter()
            .map(|w| w.join().expect("a session thread panicked"))
            .max()
            .unwrap_or_default()
    })
}
