//! What the sandbox costs (issue 9): fuel metering and the deadline on
//! crossings and on compute, how long a program runs on after its deadline
//! or an interrupt, the in-memory filesystem next to the host's, and the
//! guard every built-in of the JS world is wrapped in.
//!
//! - [`Metering`]: the three ways a module can run — compiled without
//!   metering, metered with no budget (the library default), metered with a
//!   fuel budget and a deadline (what `gojs run --fuel … --timeout …` does).
//! - [`stop`]: one run of a program that never ends by itself, stopped by
//!   its deadline or by an [`Interrupt`] triggered from another thread; the
//!   time from the deadline or the trigger to [`Program::run`] returning.
//! - [`VfsOp`]: the filesystem operations the `fsbench` Go program times,
//!   done directly on a [`gojs_boa::vfs`] filesystem.
//! - [`Guard`]: a JS loop calling a built-in, in a bare boa context and in
//!   a program's world (whose built-ins are guarded).
//! - [`Rounds`]: the variants of a comparison run alternately, round after
//!   round, and compared round by round.

use crate::guests::{Kind, wasm_bytes};
use gojs_boa::{
    Compilation, Error, GoModule, HostErrorKind, HostFn, Interrupt, Limit, Limits, ModuleConfig,
    Output, Program, Session,
    boa_engine::{Context, JsObject, JsValue, Source},
    vfs::{FileSystem, HostFs, MemFs, OpenOptions, flags},
};
use std::{
    collections::BTreeMap,
    path::PathBuf,
    sync::Mutex,
    time::{Duration, Instant},
};

/// How a module is compiled and limited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metering {
    /// `ModuleConfig { metering: false }`: no fuel counted; a deadline or an
    /// interrupt is seen only at import calls.
    Off,
    /// `ModuleConfig::default()` (metering on), no budget, no deadline: the
    /// engine refuels every [`gojs_boa::FUEL_SLICE`] instructions and checks
    /// the interrupt.
    On,
    /// Metered, with a fuel budget ([`BUDGET_FUEL`], never reached) and a
    /// deadline ([`BUDGET_TIMEOUT`], never reached): the slices come out of
    /// the budget and a watchdog thread waits for the deadline.
    Budget,
}

/// The fuel budget of [`Metering::Budget`]: far more than any bench uses.
pub const BUDGET_FUEL: u64 = 1 << 50;

/// The deadline of [`Metering::Budget`]: far later than any bench ends.
pub const BUDGET_TIMEOUT: Duration = Duration::from_secs(3600);

impl Metering {
    /// All three, cheapest first.
    pub const ALL: [Metering; 3] = [Metering::Off, Metering::On, Metering::Budget];

    /// Its name in bench ids.
    pub fn name(self) -> &'static str {
        match self {
            Metering::Off => "unmetered",
            Metering::On => "metered",
            Metering::Budget => "fuel+timeout",
        }
    }

    /// How the module is compiled.
    pub fn module_config(self) -> ModuleConfig {
        ModuleConfig {
            compilation: Compilation::Lazy,
            metering: self != Metering::Off,
            ..ModuleConfig::default()
        }
    }

    /// The limits and deadline of a run.
    pub fn configure(self, program: Program<'_>) -> Program<'_> {
        match self {
            Metering::Off | Metering::On => program,
            Metering::Budget => program
                .limits(Limits {
                    fuel: Some(BUDGET_FUEL),
                    ..Limits::default()
                })
                .timeout(BUDGET_TIMEOUT),
        }
    }
}

/// A Go-shaped module (the exports and the import `wasm_exec.js` needs):
/// `run` is `run_body`; `$exit` ends the program with its operand.
fn go_shaped_wat(run_body: &str) -> Vec<u8> {
    let text = format!(
        r#"(module
  (import "gojs" "runtime.wasmExit" (func $wasm_exit (param i32)))
  (memory (export "mem") 1)
  (func $exit (param $code i32)
    (i32.store (i32.const 1032) (local.get $code))
    (call $wasm_exit (i32.const 1024)))
  (func (export "getsp") (result i32) (i32.const 1024))
  (func (export "resume"))
  (func (export "run") (param i32 i32) {run_body}))"#
    );
    wat::parse_str(text).expect("the bench modules are valid WAT")
}

/// What never ends by itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spinner {
    /// A wasm `loop br 0` as the whole `run` (no import call ever).
    WasmLoop,
    /// The Go `compute` program hashing 10⁶ MiB (hours): Go code with no
    /// import call inside its loop.
    GoCompute,
    /// A preload `while (true) { Math.max(1, 2) }` (before Go's hello
    /// world starts): JS calling a built-in, never crossing into wasm.
    JsBuiltins,
    /// No spinner: a wasm `run` that exits at once — the fixed cost of a run
    /// (world, instantiation, teardown) that the deadline figures include.
    ExitAtOnce,
}

impl Spinner {
    /// The three spinners.
    pub const ALL: [Spinner; 3] = [Spinner::WasmLoop, Spinner::GoCompute, Spinner::JsBuiltins];

    /// Its name in bench ids.
    pub fn name(self) -> &'static str {
        match self {
            Spinner::WasmLoop => "wasm-loop",
            Spinner::GoCompute => "go-compute",
            Spinner::JsBuiltins => "js-builtins",
            Spinner::ExitAtOnce => "exit-at-once",
        }
    }

    /// Its module, metered (the library default).
    pub fn module(self) -> GoModule {
        let config = Metering::On.module_config();
        let bytes = match self {
            Spinner::WasmLoop => go_shaped_wat("(loop $l (br $l))"),
            Spinner::ExitAtOnce => go_shaped_wat("(call $exit (i32.const 0))"),
            Spinner::GoCompute => wasm_bytes(Kind::Go, "compute"),
            Spinner::JsBuiltins => wasm_bytes(Kind::Go, "hello"),
        };
        GoModule::with_config(&bytes, config).expect("the spinner compiles")
    }

    fn args(self) -> Vec<String> {
        let args: &[&str] = match self {
            Spinner::WasmLoop | Spinner::ExitAtOnce => &["spin"],
            Spinner::GoCompute => &["compute", "sha256", "1000000"],
            Spinner::JsBuiltins => &["hello"],
        };
        args.iter().map(|a| a.to_string()).collect()
    }

    fn preload(self) -> &'static str {
        match self {
            Spinner::JsBuiltins => "__started(); while (true) { Math.max(1, 2); }",
            _ => "__started();",
        }
    }
}

/// How a spinner is stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// [`Program::timeout`]: the deadline is this long after the program's
    /// world is made (the watchdog starts then, before instantiation).
    Deadline(Duration),
    /// [`Interrupt::trigger`] from the bench thread, this long after the
    /// program's preload signalled that Go is about to start.
    Interrupt(Duration),
    /// Nothing: for [`Spinner::ExitAtOnce`].
    None,
}

impl Stop {
    /// Its name in bench ids.
    pub fn name(self) -> &'static str {
        match self {
            Stop::Deadline(_) => "deadline",
            Stop::Interrupt(_) => "interrupt",
            Stop::None => "run",
        }
    }
}

/// One stopped run.
#[derive(Clone, Copy, Debug)]
pub struct Stopped {
    /// [`Program::run`] called → returned.
    pub total: Duration,
    /// [`Stop::Deadline`]: `total` minus the timeout (what an embedder sees
    /// past the timeout it asked for; includes making the world, before the
    /// watchdog starts, and the teardown). [`Stop::Interrupt`]: trigger →
    /// `run` returned (includes the teardown). [`Stop::None`]: `total`.
    pub latency: Duration,
    /// [`Program::run`] called → the preload ran (making the world,
    /// instantiating the module, defining the host function): the start-up
    /// inside `total`. The deadline's watchdog starts after the world is
    /// made, before the module is instantiated.
    pub setup: Duration,
}

/// Runs `spinner` (its `module`) on a thread of its own and stops it with
/// `how`.
///
/// # Panics
///
/// If the program ends otherwise than by the limit `how` names.
pub fn stop(module: &GoModule, spinner: Spinner, how: Stop) -> Stopped {
    let interrupt = Interrupt::new();
    let guest_interrupt = interrupt.clone();
    let (started_tx, started_rx) = std::sync::mpsc::channel::<Instant>();
    std::thread::scope(|scope| {
        let guest = std::thread::Builder::new()
            .name("spinner".into())
            .stack_size(1 << 30)
            .spawn_scoped(scope, move || {
                let mut program = Program::new(module)
                    .args(spinner.args())
                    .stdout(Output::capture().0)
                    .stderr(Output::capture().0)
                    .host_fn(
                        "__started",
                        HostFn::new(move |(): ()| {
                            let _ = started_tx.send(Instant::now());
                            0.0
                        }),
                    )
                    .preload("started.js", spinner.preload());
                match how {
                    Stop::Deadline(t) => program = program.timeout(t),
                    Stop::Interrupt(_) => program = program.interrupt(guest_interrupt),
                    Stop::None => {}
                }
                let start = Instant::now();
                let result = program.run();
                let end = Instant::now();
                (result, start, end)
            })
            .expect("spawn the spinner thread");
        let mut started_at = None;
        let triggered = match how {
            Stop::Interrupt(after) => {
                started_at = Some(started_rx.recv().expect("the preload runs"));
                std::thread::sleep(after);
                let at = Instant::now();
                interrupt.trigger();
                Some(at)
            }
            _ => None,
        };
        let (result, start, end) = guest.join().expect("the spinner thread panicked");
        let want = match how {
            Stop::Deadline(_) => Some(Limit::Deadline),
            Stop::Interrupt(_) => Some(Limit::Interrupted),
            Stop::None => None,
        };
        let got = match &result {
            Err(Error::Host(e)) => match e.kind() {
                HostErrorKind::Limit { limit, .. } => Some(*limit),
                _ => None,
            },
            _ => None,
        };
        let ok = match want {
            Some(_) => got == want,
            None => matches!(result, Ok(ref exit) if exit.code == 0),
        };
        assert!(
            ok,
            "{} stopped by {}: {result:?}",
            spinner.name(),
            how.name()
        );
        let total = end - start;
        let latency = match (how, triggered) {
            (Stop::Deadline(t), _) => total.saturating_sub(t),
            (_, Some(at)) => end.saturating_duration_since(at),
            _ => total,
        };
        let started = match triggered {
            Some(_) => started_at.expect("the preload ran"),
            None => started_rx.try_recv().expect("the preload ran"),
        };
        Stopped {
            total,
            latency,
            setup: started.saturating_duration_since(start),
        }
    })
}

static SAMPLES: Mutex<BTreeMap<String, Vec<Duration>>> = Mutex::new(BTreeMap::new());

/// Keeps one latency of bench `id`, for [`distribution`].
pub fn record_latency(id: &str, latency: Duration) {
    let mut samples = SAMPLES.lock().unwrap_or_else(|e| e.into_inner());
    samples.entry(id.to_owned()).or_default().push(latency);
}

/// Runs, median and maximum of the latencies kept for `id`.
pub fn distribution(id: &str) -> Option<(usize, Duration, Duration)> {
    let samples = SAMPLES.lock().unwrap_or_else(|e| e.into_inner());
    let mut v = samples.get(id)?.clone();
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let median = if v.len() % 2 == 1 {
        v[v.len() / 2]
    } else {
        (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2
    };
    Some((v.len(), median, v[v.len() - 1]))
}

/// One way of doing the work being compared: `n` ops → their time.
type Variant<'a> = (String, Box<dyn FnMut(u64) -> Duration + 'a>);

/// Interleaved A/B(/C…) rounds: each round does the same `n` ops under every
/// variant, in an order rotated by one each round, and keeps each variant's
/// time per op. Comparing variants round by round (the median of the
/// per-round ratios, [`paired`]) cancels what drifts between benches run
/// one after the other — on a shared 2-core machine, other processes' load.
pub struct Rounds<'a> {
    id: String,
    n: u64,
    done: u64,
    variants: Vec<Variant<'a>>,
}

impl core::fmt::Debug for Rounds<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Rounds")
            .field("id", &self.id)
            .field("n", &self.n)
            .finish_non_exhaustive()
    }
}

static ROUNDS: Mutex<BTreeMap<String, Vec<f64>>> = Mutex::new(BTreeMap::new());
static OPS_PER_ROUND: Mutex<BTreeMap<String, u64>> = Mutex::new(BTreeMap::new());

impl<'a> Rounds<'a> {
    /// Rounds of bench `id`, `n` ops per variant per round.
    pub fn new(id: impl Into<String>, n: u64) -> Self {
        Self {
            id: id.into(),
            n,
            done: 0,
            variants: Vec::new(),
        }
    }

    /// Adds a variant (the first is what the others are compared to).
    #[must_use]
    pub fn variant(mut self, name: &str, f: impl FnMut(u64) -> Duration + 'a) -> Self {
        self.variants.push((name.to_owned(), Box::new(f)));
        self
    }

    /// Sets `n` so that the first variant takes about `target` per round:
    /// runs it with `n` (then 4n, 16n, … until it takes 5 ms or more),
    /// scales, runs it once more with the scaled `n` and scales again (one
    /// probe slowed down by another process would leave rounds far too
    /// short).
    pub fn calibrate(&mut self, target: Duration) {
        let f = &mut self.variants[0].1;
        let scale = |n: u64, t: Duration| {
            let scaled = n as f64 * target.as_secs_f64() / t.as_secs_f64().max(1e-9);
            (scaled.ceil() as u64).max(1)
        };
        let mut n = self.n.max(1);
        loop {
            let t = f(n);
            if t >= Duration::from_millis(5) || n >= 1 << 40 {
                n = scale(n, t);
                break;
            }
            n *= 4;
        }
        self.n = scale(n, f(n));
    }

    /// The ops per variant per round.
    pub fn n(&self) -> u64 {
        self.n
    }

    /// One round: every variant once; the time of all of them together.
    pub fn round(&mut self) -> Duration {
        let k = self.variants.len();
        let first = (self.done as usize) % k;
        self.done += 1;
        let mut total = Duration::ZERO;
        let mut per_op = vec![0.0; k];
        for i in (0..k).map(|i| (first + i) % k) {
            let t = (self.variants[i].1)(self.n);
            per_op[i] = t.as_nanos() as f64 / self.n as f64;
            crate::report::record(&format!("{}/{}", self.id, self.variants[i].0), self.n, t);
            total += t;
        }
        OPS_PER_ROUND
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(self.id.clone(), self.n);
        let mut rounds = ROUNDS.lock().unwrap_or_else(|e| e.into_inner());
        for (i, (name, _)) in self.variants.iter().enumerate() {
            rounds
                .entry(format!("{}/{name}", self.id))
                .or_default()
                .push(per_op[i]);
        }
        total
    }
}

fn quartiles(mut v: Vec<f64>) -> Option<[f64; 3]> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let at = |q: f64| {
        let x = q * (v.len() - 1) as f64;
        let (lo, hi) = (x.floor() as usize, x.ceil() as usize);
        v[lo] + (v[hi] - v[lo]) * (x - lo as f64)
    };
    Some([at(0.25), at(0.5), at(0.75)])
}

/// The ops per variant per round of bench `id`, if it ran.
pub fn ops_per_round(id: &str) -> Option<u64> {
    let n = OPS_PER_ROUND.lock().unwrap_or_else(|e| e.into_inner());
    n.get(id).copied()
}

/// The rounds kept for variant `variant` of bench `id`: how many, and the
/// median time per op (ns).
pub fn rounds_median(id: &str, variant: &str) -> Option<(usize, f64)> {
    let rounds = ROUNDS.lock().unwrap_or_else(|e| e.into_inner());
    let v = rounds.get(&format!("{id}/{variant}"))?.clone();
    drop(rounds);
    let n = v.len();
    quartiles(v).map(|[_, m, _]| (n, m))
}

/// Variant `b` against variant `a` of bench `id`, round by round:
/// `combine(a, b)` of each round (a ratio, a difference), and the first
/// quartile, median and third quartile of those.
pub fn paired(id: &str, a: &str, b: &str, combine: fn(f64, f64) -> f64) -> Option<[f64; 3]> {
    let rounds = ROUNDS.lock().unwrap_or_else(|e| e.into_inner());
    let (xs, ys) = (
        rounds.get(&format!("{id}/{a}"))?,
        rounds.get(&format!("{id}/{b}"))?,
    );
    let v: Vec<f64> = xs.iter().zip(ys).map(|(&x, &y)| combine(x, y)).collect();
    drop(rounds);
    quartiles(v)
}

/// A scratch directory of this process under the system's temp directory,
/// made empty.
pub fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gojs-bench-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("make a scratch directory");
    dir
}

/// One filesystem operation of the `fsbench` program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VfsOp {
    /// Create-or-truncate and write 1 MiB (over 8 names).
    Write1M,
    /// Open and read 1 MiB to its end (one of 8 files).
    Read1M,
    /// Create and write a new 1 KiB file.
    WriteSmall,
    /// Open and read a 1 KiB file to its end.
    ReadSmall,
}

impl VfsOp {
    /// All four.
    pub const ALL: [VfsOp; 4] = [
        VfsOp::Write1M,
        VfsOp::Read1M,
        VfsOp::WriteSmall,
        VfsOp::ReadSmall,
    ];

    /// The `fsbench` op name (and the bench id's last part).
    pub fn name(self) -> &'static str {
        match self {
            VfsOp::Write1M => "write1m",
            VfsOp::Read1M => "read1m",
            VfsOp::WriteSmall => "writesmall",
            VfsOp::ReadSmall => "readsmall",
        }
    }

    /// Bytes one op moves.
    pub fn bytes(self) -> usize {
        match self {
            VfsOp::Write1M | VfsOp::Read1M => 1 << 20,
            VfsOp::WriteSmall | VfsOp::ReadSmall => 1 << 10,
        }
    }
}

/// A filesystem of the vfs crate with a directory to work in.
pub struct VfsBench {
    fs: Box<dyn FileSystem>,
    dir: String,
}

impl core::fmt::Debug for VfsBench {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("VfsBench")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl VfsBench {
    /// An in-memory tree ([`MemFs`], no capacity), working in `/fsbench`.
    pub fn memory() -> Self {
        Self {
            fs: Box::new(MemFs::new()),
            dir: "/fsbench".into(),
        }
    }

    /// The host filesystem ([`HostFs`]), working in `dir/vfs`.
    pub fn host(dir: &std::path::Path) -> Self {
        Self {
            fs: Box::new(HostFs::new()),
            dir: dir.join("vfs").to_string_lossy().into_owned(),
        }
    }

    fn reset(&self) {
        if let Ok(names) = self.fs.read_dir(&self.dir) {
            for name in names {
                let _ = self.fs.remove_file(&format!("{}/{name}", self.dir));
            }
            let _ = self.fs.remove_dir(&self.dir);
        }
        self.fs
            .create_dir(&self.dir, 0o755, 0o022)
            .expect("make the bench directory");
    }

    fn write(&self, path: &str, bytes: &[u8]) {
        let options =
            OpenOptions::from_node_flags(flags::O_WRONLY | flags::O_CREAT | flags::O_TRUNC, 0o644)
                .expect("valid flags");
        let mut file = self.fs.open(path, &options, 0o022).expect("open to write");
        let mut at = 0;
        while at < bytes.len() {
            at += file.write(&bytes[at..], None).expect("write");
        }
    }

    fn read(&self, path: &str, buf: &mut [u8]) -> usize {
        let mut file = self
            .fs
            .open(path, &OpenOptions::read_only(), 0o022)
            .expect("open to read");
        let mut got = 0;
        loop {
            match file.read(&mut buf[got..], None).expect("read") {
                0 => return got,
                n => got += n,
            }
        }
    }

    /// Does `op` `n` times as `fsbench` does (setup outside the timing):
    /// the time of the `n` ops.
    ///
    /// # Panics
    ///
    /// If the filesystem fails.
    pub fn time(&self, op: VfsOp, n: u64) -> Duration {
        self.reset();
        let data: Vec<u8> = (0..op.bytes()).map(|i| i as u8).collect();
        let big = |i: u64| format!("{}/big{}", self.dir, i % 8);
        let small = |i: u64| format!("{}/s{i}", self.dir);
        // Go's ReadFile reads into a buffer of the size stat gave plus 512.
        let mut buf = vec![0u8; op.bytes() + 512];
        let mut got = 0;
        let start;
        match op {
            VfsOp::Write1M => {
                start = Instant::now();
                (0..n).for_each(|i| self.write(&big(i), &data));
            }
            VfsOp::Read1M => {
                (0..8).for_each(|i| self.write(&big(i), &data));
                start = Instant::now();
                (0..n).for_each(|i| got += self.read(&big(i), &mut buf));
            }
            VfsOp::WriteSmall => {
                start = Instant::now();
                (0..n).for_each(|i| self.write(&small(i), &data));
            }
            VfsOp::ReadSmall => {
                (0..n).for_each(|i| self.write(&small(i), &data));
                start = Instant::now();
                (0..n).for_each(|i| got += self.read(&small(i), &mut buf));
            }
        }
        let elapsed = start.elapsed();
        if matches!(op, VfsOp::Read1M | VfsOp::ReadSmall) {
            assert_eq!(got, n as usize * op.bytes(), "short read");
        }
        self.reset();
        elapsed
    }
}

/// The JS loops the guard benches time: `n` iterations of a body, `var`
/// bindings (a `let` loop allocates an environment per iteration, and the
/// collector's cost then depends on the world's heap), the callee in a
/// local.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guard {
    /// The loop alone.
    Empty,
    /// `max(i, 2)` with `max = Math.max`: a built-in (guarded in a
    /// program's world).
    MathMax,
    /// `f(i, 2)` of a JS function doing what `Math.max` does (never
    /// guarded): what a call costs in each world without the guard.
    JsFunction,
}

impl Guard {
    /// All three.
    pub const ALL: [Guard; 3] = [Guard::Empty, Guard::MathMax, Guard::JsFunction];

    /// Its name in bench ids.
    pub fn name(self) -> &'static str {
        match self {
            Guard::Empty => "empty",
            Guard::MathMax => "Math.max",
            Guard::JsFunction => "jsFunction",
        }
    }

    fn global(self) -> &'static str {
        match self {
            Guard::Empty => "__guardEmpty",
            Guard::MathMax => "__guardMathMax",
            Guard::JsFunction => "__guardJsFunction",
        }
    }
}

/// The loop functions, defined on `globalThis`.
const GUARD_JS: &str = r#"
globalThis.__guardEmpty = function (n) { var r = 0; for (var i = 0; i < n; i++) { r = i; } return r; };
globalThis.__guardMathMax = function (n) { var r = 0, max = Math.max; for (var i = 0; i < n; i++) { r = max(i, 2); } return r; };
globalThis.__guardJsFunction = function (n) {
  var r = 0, f = function (a, b) { return a > b ? a : b; };
  for (var i = 0; i < n; i++) { r = f(i, 2); }
  return r;
};
"#;

/// The same loops in a bare boa context: no guard.
pub struct BareBoa {
    ctx: Context,
    loops: Vec<(Guard, JsObject)>,
}

impl core::fmt::Debug for BareBoa {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("BareBoa").finish_non_exhaustive()
    }
}

impl Default for BareBoa {
    fn default() -> Self {
        Self::new()
    }
}

impl BareBoa {
    /// A `Context::default()` with the loops defined.
    ///
    /// # Panics
    ///
    /// If the loops do not evaluate (a bug in this file).
    pub fn new() -> Self {
        let mut ctx = Context::default();
        ctx.eval(Source::from_bytes(GUARD_JS))
            .expect("the loops evaluate");
        let loops = Guard::ALL
            .iter()
            .map(|&g| {
                let f = ctx
                    .global_object()
                    .get(gojs_boa::boa_engine::JsString::from(g.global()), &mut ctx)
                    .expect("the loop is defined");
                (g, f.as_object().expect("a function").clone())
            })
            .collect();
        Self { ctx, loops }
    }

    /// `n` iterations of `guard`'s loop; the wall time of the call.
    ///
    /// # Panics
    ///
    /// If the loop throws.
    pub fn time(&mut self, guard: Guard, n: u64) -> Duration {
        let f = &self
            .loops
            .iter()
            .find(|(g, _)| *g == guard)
            .expect("every loop")
            .1;
        let start = Instant::now();
        f.call(
            &JsValue::undefined(),
            &[JsValue::new(n as f64)],
            &mut self.ctx,
        )
        .expect("the loop runs");
        start.elapsed()
    }
}

/// A parked program's world with the loops defined (its built-ins guarded).
///
/// # Panics
///
/// If the reactor does not start.
pub fn guarded_session() -> Session {
    let module = crate::sessions::reactor_module(Kind::Rust);
    let mut session = crate::sessions::start(&module);
    let _: JsValue = session.eval(GUARD_JS).expect("the loops evaluate");
    session
}

/// `n` iterations of `guard`'s loop in `session`'s world; the wall time of
/// the call.
///
/// # Panics
///
/// If the loop throws.
pub fn time_guarded(session: &mut Session, guard: Guard, n: u64) -> Duration {
    let f: JsValue = session.get(guard.global()).expect("the loop is defined");
    let start = Instant::now();
    let _: f64 = session.call(&f, (n as f64,)).expect("the loop runs");
    start.elapsed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_interpolate() {
        assert_eq!(
            quartiles(vec![5.0, 1.0, 4.0, 2.0, 3.0]),
            Some([2.0, 3.0, 4.0])
        );
        assert_eq!(quartiles(vec![]), None);
    }

    #[test]
    fn rounds_pair_variants_round_by_round() {
        let mut rounds = Rounds::new("test/rounds", 10)
            .variant("a", Duration::from_nanos)
            .variant("b", |n| Duration::from_nanos(3 * n));
        for _ in 0..4 {
            assert_eq!(rounds.round(), Duration::from_nanos(40));
        }
        assert_eq!(rounds_median("test/rounds", "b"), Some((4, 3.0)));
        assert_eq!(ops_per_round("test/rounds"), Some(10));
        let ratio = paired("test/rounds", "a", "b", |a, b| b / a);
        assert_eq!(ratio, Some([3.0, 3.0, 3.0]));
    }

    #[test]
    fn every_vfs_op_runs_in_memory() {
        let bench = VfsBench::memory();
        for op in VfsOp::ALL {
            bench.time(op, 9);
        }
    }
}
