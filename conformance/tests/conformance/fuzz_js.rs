//! This fuzzes the JS half of the host: seeded random programs call every
//! function of every global gojs implements — `fs`, `process`, `path`,
//! `crypto`, `performance`, `console`, the timers, `queueMicrotask`,
//! `TextEncoder`/`TextDecoder`, `atob`/`btoa`, `structuredClone`, `URL`,
//! `JSON`, the `go` object — with hostile arguments: NaN, ±Infinity, -0,
//! 2^53, 2^64, negative and fractional numbers, bigints, symbols, paths
//! like `""`, `"\0"`, `".."` and `/proc/self/fd/0`, very long strings,
//! objects whose getters, `valueOf` or `toString` throw (or detach, shrink
//! or re-enter), proxies whose traps throw, revoked proxies, typed arrays
//! of every kind (empty, huge, detached, out of bounds, shared), and
//! callbacks, so the asynchronous paths run and chain. Through the `go`
//! object the module's memory is written from JS buffers and read back
//! into them (`copyBytesToGo`/`copyBytesToJS` from a function wrapper).
//!
//! The functions are found at run time, from inside JS (the harness,
//! `fuzz_js.js`, which every program ends with): whatever the host adds to
//! `globalThis` is fuzzed, with its methods, accessors and prototypes; a
//! trial checks that the list still holds what we know is there. Each
//! program runs confined — an in-memory filesystem, never the host's — under
//! limits (deadline, output, timers, refs, loop iterations), on a thread of
//! 256 MiB or, one seed in four, of a default thread's 8 MiB (deep values
//! must be a `RangeError` there too), with stdin empty or some bytes.
//! Whatever it does, the run must end, with an exit code or a typed error:
//! an internal error (a caught panic), a panic of the thread, a setup error
//! or a run that does not end within 30 s fails, with the seed and the
//! program (written under `target/fuzz_js/`) that reproduce it.
//!
//! `GOJS_FUZZ_JS_RUNS` (default 100, some 7 s in a debug build) sets
//! how many programs run; `GOJS_FUZZ_SEED` picks the first seed (shared with
//! `fuzz.rs`; default fixed, so CI is reproducible); `GOJS_FUZZ_JS_FILE`
//! runs one program from a file instead (a reported failure, or a case being
//! minimised); `GOJS_FUZZ_JS_LAST=path` writes each seed there before it
//! runs, and `done` at the end (what `scripts/fuzz-js.sh` reads to tell a
//! process that died, an abort no harness can catch, from one that ended);
//! `GOJS_FUZZ_JS_TRACE` shows every call a program makes, and
//! `GOJS_FUZZ_VERBOSE` how each program ended, in how long, and how often
//! each function threw or called back with an error (what tells whether
//! the calls get past the argument checks).
//! `scripts/fuzz-js.sh` runs it for as long as you like. A crash it finds
//! becomes a named trial in [`REGRESSIONS`].

use crate::support::Rng;
use gojs_boa::{
    ClockMode, Compilation, Error, Exit, Filesystem, GoModule, HostErrorKind, Input, Limits, Mount,
    Output, Program,
};
use libtest_mimic::Trial;
use std::{
    fmt::Write as _,
    path::PathBuf,
    sync::{Arc, OnceLock, mpsc::RecvTimeoutError},
    time::Duration,
};

/// The harness every program ends with (see its header).
const HARNESS: &str = include_str!("fuzz_js.js");

/// The ids of `go._makeFuncWrapper(id)` steps: the module copies between
/// the call's arguments and its memory at `64 KiB + (id & 0xFF) * 256`,
/// `(id >> 8) & 0xFFFF` bytes; bit 24 moves the window out of memory, bit
/// 25 makes it 2^31 - 1 bytes long (both rare: they end the program).
fn wrapper_id(rng: &mut Rng) -> u32 {
    let mut id = 1 + rng.word() % 0xFF_FFFF;
    if rng.chance(2) {
        id |= 1 << 24;
    }
    if rng.chance(2) {
        id |= 1 << 25;
    }
    id
}

/// The generated part of program `seed`: `SEED`, `P` and `PRE` (see
/// `fuzz_js.js`).
fn steps(seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let n = 20 + rng.below(200);
    let mut out = String::new();
    let _ = write!(
        out,
        "// gojs fuzz_js seed {seed}\nconst SEED = {}, PRE = {}, P = [",
        rng.word(),
        rng.below(6)
    );
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        match rng.below(100) {
            0..=84 => {
                let f = rng.word();
                let t = if rng.chance(80) { 0 } else { 1 + rng.word() };
                let argc = match rng.below(10) {
                    0 => 0,
                    1..=7 => 1 + rng.below(4),
                    _ => 5 + rng.below(3),
                };
                let ks: Vec<String> = (0..argc).map(|_| rng.word().to_string()).collect();
                let mut flags = 0;
                if rng.chance(60) {
                    flags |= 1;
                }
                if rng.chance(4) {
                    flags |= 2;
                }
                if rng.chance(75) {
                    flags |= 4;
                }
                let _ = write!(out, "[0,{f},{t},[{}],{flags}]", ks.join(","));
            }
            85..=95 => {
                let id = wrapper_id(&mut rng);
                let _ = write!(out, "[1,{id},{},{}]", rng.word(), rng.word());
            }
            _ => {
                let _ = write!(out, "[2,{}]", rng.word());
            }
        }
    }
    out.push_str("];\n");
    out
}

/// The whole program of `seed`.
fn program(seed: u64) -> String {
    steps(seed) + HARNESS
}

const SP: u32 = 1024;
/// `Ref`s of `globalThis` and `go` (predefined ids 5 and 6, object flag).
const GLOBAL: u64 = 0x7FF8_0001_0000_0005;
const GO: u64 = 0x7FF8_0001_0000_0006;
/// The ref of the number 0 (predefined id 1): `{id: 0}` is node's exit event.
const ZERO: u64 = 0x7FF8_0000_0000_0001;

/// The module the programs run with: its `run` hands `go` to JS as
/// `globalThis.__go` and calls `__fuzz()`; its `resume` serves function
/// wrappers: it copies the bytes of the event's first argument into its
/// memory and its memory into the second (a window chosen by the event's
/// `id`), and answers the first. The exit event (`id` 0) exits with 0.
fn module() -> Result<Arc<GoModule>, String> {
    static MODULE: OnceLock<Result<Arc<GoModule>, String>> = OnceLock::new();
    MODULE
        .get_or_init(|| {
            let wat = format!(
                r#"(module
  (import "gojs" "runtime.wasmExit" (func $exit (param i32)))
  (import "gojs" "syscall/js.valueGet" (func $get (param i32)))
  (import "gojs" "syscall/js.valueSet" (func $set (param i32)))
  (import "gojs" "syscall/js.valueIndex" (func $index (param i32)))
  (import "gojs" "syscall/js.valueCall" (func $call (param i32)))
  (import "gojs" "syscall/js.copyBytesToGo" (func $to_go (param i32)))
  (import "gojs" "syscall/js.copyBytesToJS" (func $to_js (param i32)))
  (import "gojs" "syscall/js.finalizeRef" (func $finalize (param i32)))
  (memory (export "mem") 4)
  (data (i32.const 512) "_pendingEvent")
  (data (i32.const 528) "id")
  (data (i32.const 532) "args")
  (data (i32.const 540) "result")
  (data (i32.const 548) "__go")
  (data (i32.const 556) "__fuzz")
  (func (export "getsp") (result i32) (i32.const {SP}))
  (func $prop (param $v i64) (param $name i32) (param $len i32) (result i64)
    (i64.store (i32.const 1032) (local.get $v))
    (i64.store (i32.const 1040) (i64.extend_i32_u (local.get $name)))
    (i64.store (i32.const 1048) (i64.extend_i32_u (local.get $len)))
    (call $get (i32.const {SP}))
    (i64.load (i32.const 1056)))
  (func $at (param $v i64) (param $i i32) (result i64)
    (i64.store (i32.const 1032) (local.get $v))
    (i64.store (i32.const 1040) (i64.extend_i32_u (local.get $i)))
    (call $index (i32.const {SP}))
    (i64.load (i32.const 1048)))
  (func $put (param $v i64) (param $name i32) (param $len i32) (param $x i64)
    (i64.store (i32.const 1032) (local.get $v))
    (i64.store (i32.const 1040) (i64.extend_i32_u (local.get $name)))
    (i64.store (i32.const 1048) (i64.extend_i32_u (local.get $len)))
    (i64.store (i32.const 1056) (local.get $x))
    (call $set (i32.const {SP})))
  (func $release (param $v i64)
    (local $high i64)
    (local.set $high (i64.shr_u (local.get $v) (i64.const 32)))
    (if (i32.and
          (i64.eq (i64.and (local.get $high) (i64.const 0xFFFFFFF8)) (i64.const 0x7FF80000))
          (i32.and
            (i64.ne (i64.and (local.get $high) (i64.const 7)) (i64.const 0))
            (i64.ge_u (i64.and (local.get $v) (i64.const 0xFFFFFFFF)) (i64.const 7))))
      (then
        (i64.store (i32.const 1032) (local.get $v))
        (call $finalize (i32.const {SP})))))
  (func $number (param $v i64) (result f64)
    (local $f f64)
    (local.set $f (f64.reinterpret_i64 (local.get $v)))
    (select (local.get $f) (f64.const 0) (f64.eq (local.get $f) (local.get $f))))
  (func (export "run") (param i32 i32)
    (call $put (i64.const {GLOBAL}) (i32.const 548) (i32.const 4) (i64.const {GO}))
    (i64.store (i32.const 1032) (i64.const {GLOBAL}))
    (i64.store (i32.const 1040) (i64.const 556))
    (i64.store (i32.const 1048) (i64.const 6))
    (i64.store (i32.const 1056) (i64.const 2048))
    (i64.store (i32.const 1064) (i64.const 0))
    (i64.store (i32.const 1072) (i64.const 0))
    (call $call (i32.const {SP}))
    (call $release (i64.load (i32.const 1080))))
  (func (export "resume")
    (local $event i64) (local $id i64) (local $args i64) (local $a0 i64) (local $a1 i64)
    (local $n i32) (local $ptr i32) (local $len i32)
    (local.set $event (call $prop (i64.const {GO}) (i32.const 512) (i32.const 13)))
    (local.set $id (call $prop (local.get $event) (i32.const 528) (i32.const 2)))
    (if (i64.eq (local.get $id) (i64.const {ZERO}))
      (then
        (i32.store (i32.const 1032) (i32.const 0))
        (call $exit (i32.const {SP}))
        (return)))
    (local.set $n (i32.trunc_sat_f64_u (call $number (local.get $id))))
    (local.set $ptr (i32.add (i32.const 65536)
      (i32.shl (i32.and (local.get $n) (i32.const 0xFF)) (i32.const 8))))
    (local.set $len (i32.and (i32.shr_u (local.get $n) (i32.const 8)) (i32.const 0xFFFF)))
    (if (i32.and (local.get $n) (i32.const 0x1000000))
      (then (local.set $ptr (i32.const 0xFFFFF000))))
    (if (i32.and (local.get $n) (i32.const 0x2000000))
      (then (local.set $len (i32.const 0x7FFFFFFF))))
    (local.set $args (call $prop (local.get $event) (i32.const 532) (i32.const 4)))
    (local.set $a0 (call $at (local.get $args) (i32.const 0)))
    (local.set $a1 (call $at (local.get $args) (i32.const 1)))
    (i64.store (i32.const 1032) (i64.extend_i32_u (local.get $ptr)))
    (i64.store (i32.const 1040) (i64.extend_i32_u (local.get $len)))
    (i64.store (i32.const 1048) (i64.extend_i32_u (local.get $len)))
    (i64.store (i32.const 1056) (local.get $a0))
    (call $to_go (i32.const {SP}))
    (i64.store (i32.const 1032) (local.get $a1))
    (i64.store (i32.const 1040) (i64.extend_i32_u (local.get $ptr)))
    (i64.store (i32.const 1048) (i64.extend_i32_u (local.get $len)))
    (i64.store (i32.const 1056) (i64.extend_i32_u (local.get $len)))
    (call $to_js (i32.const {SP}))
    (call $put (local.get $event) (i32.const 540) (i32.const 6) (local.get $a0))
    (call $release (local.get $a1))
    (call $release (local.get $a0))
    (call $release (local.get $args))
    (call $release (local.get $id))
    (call $release (local.get $event))))"#
            );
            let wasm = wat::parse_str(&wat).map_err(|e| format!("bad WAT: {e}"))?;
            GoModule::new(&wasm, Compilation::Lazy)
                .map(Arc::new)
                .map_err(|e| e.to_string())
        })
        .clone()
}

/// The filesystem of a run: always in memory. Mostly a tree with files to
/// find (`/f`, `/d/g`, an empty `/e`, a read-only `/ro/r`), now and then
/// an empty [`Filesystem::memory`].
fn filesystem(seed: u64) -> Filesystem {
    if seed.is_multiple_of(5) {
        return Filesystem::memory();
    }
    Filesystem::mounts([
        Mount::memory("/")
            .capacity(64 << 20)
            .file("f", b"hello, fuzz\n".to_vec())
            .file("d/g", vec![0xA5; 5000])
            .dir("e")
            .dir("tmp"),
        Mount::memory("/ro")
            .read_only()
            .file("r", b"read only".to_vec()),
    ])
}

/// How a run ended, when it did.
struct Ran {
    result: Result<Exit, Error>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

/// Runs `source` as the preload of a program; `Err` for a host bug: an
/// internal error, a panic, a setup error, or no end within 30 s.
fn run_js(seed: u64, source: String) -> Result<Ran, String> {
    let module = module()?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name(format!("fuzz_js {seed}"))
        // Now and then the 8 MiB of a default thread: recursion must end
        // in a `RangeError` there too, never overflow it.
        .stack_size(if seed % 4 == 3 { 8 << 20 } else { 256 << 20 })
        .spawn(move || {
            let limits = Limits {
                fuel: Some(1_000_000_000),
                max_memory: Some(16 << 20),
                max_refs: Some(100_000),
                max_timers: Some(1000),
                max_output: Some(16 << 20),
                ..Limits::default()
            };
            let (stdout, out) = Output::capture();
            let (stderr, err) = Output::capture();
            let stdin = match seed % 3 {
                0 => Input::bytes(b"stdin bytes\n".repeat(100)),
                _ => Input::default(),
            };
            let started = std::time::Instant::now();
            let result = Program::new(&module)
                .args(["fuzz_js.wasm"])
                .stdout(stdout)
                .stderr(stderr)
                .stdin(stdin)
                .filesystem(filesystem(seed))
                // The seeded tree has `/d`; an empty one only `/`.
                .cwd(match seed % 10 {
                    1 | 3 | 7 | 9 => "/d",
                    _ => "/",
                })
                .clock(ClockMode::virtual_default())
                .seed(seed)
                .limits(limits)
                .timeout(Duration::from_secs(20))
                .js_loop_iterations(2_000_000)
                .preload("fuzz.js", source)
                .run();
            if std::env::var_os("GOJS_FUZZ_VERBOSE").is_some() {
                let end = result.as_ref().map(|e| e.code);
                let (out, err) = (out.text(), err.text());
                let last = |t: &str| {
                    t.lines()
                        .last()
                        .unwrap_or_default()
                        .chars()
                        .take(20_000)
                        .collect::<String>()
                };
                let elapsed = started.elapsed();
                eprintln!(
                    "seed {seed}: {end:?} {elapsed:?} {} | {}",
                    last(&out),
                    last(&err)
                );
            }
            let _ = tx.send(Ran {
                result,
                stdout: out.bytes(),
                stderr: err.bytes(),
            });
        })
        .map_err(|e| format!("cannot spawn: {e}"))?;
    let ran = match rx.recv_timeout(Duration::from_secs(30)) {
        Ok(ran) => ran,
        Err(RecvTimeoutError::Timeout) => return Err("did not end within 30 s".into()),
        Err(RecvTimeoutError::Disconnected) => return Err("the thread panicked".into()),
    };
    match &ran.result {
        Err(Error::Host(e)) if matches!(e.kind(), HostErrorKind::Internal(_)) => {
            Err(format!("internal error: {e}"))
        }
        Err(e @ (Error::Setup(_) | Error::Load(_))) => Err(format!("cannot run: {e}")),
        _ => Ok(ran),
    }
}

/// Where failing programs are written.
fn failures_dir() -> PathBuf {
    crate::support::root().join("target").join("fuzz_js")
}

/// Runs the program of `seed`; on failure writes it out and says how to
/// run it again.
fn run_seed(seed: u64) -> Result<(), String> {
    let mut source = program(seed);
    if std::env::var_os("GOJS_FUZZ_VERBOSE").is_some() {
        source.insert_str(0, "globalThis.__fuzz_stats = true;\n");
    }
    let tracing = std::env::var_os("GOJS_FUZZ_JS_TRACE").is_some();
    if tracing {
        source.insert_str(0, "globalThis.__fuzz_trace = true;\n");
    }
    let why = match run_js(seed, source.clone()) {
        Ok(ran) if tracing => {
            eprintln!("{}", String::from_utf8_lossy(&ran.stderr));
            eprintln!("seed {seed}: {:?}", ran.result.map(|e| e.code));
            return Ok(());
        }
        Ok(_) => return Ok(()),
        Err(why) => why,
    };
    let dir = failures_dir();
    let path = dir.join(format!("seed-{seed}.js"));
    let saved = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&path, &source))
        .map_or_else(
            |e| format!("(cannot save it: {e})"),
            |()| path.display().to_string(),
        );
    Err(format!(
        "seed {seed}: {why}\n  program: {saved}\n  again: GOJS_FUZZ_JS_RUNS=1 GOJS_FUZZ_SEED={seed} \
         cargo test -p gojs-conformance --test conformance -- fuzz_js::"
    ))
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn fuzz() -> Result<(), String> {
    if let Some(file) = std::env::var_os("GOJS_FUZZ_JS_FILE") {
        let source = std::fs::read_to_string(&file)
            .map_err(|e| format!("{}: {e}", PathBuf::from(&file).display()))?;
        let ran = run_js(env_u64("GOJS_FUZZ_SEED", 1), source)?;
        eprintln!("{}", String::from_utf8_lossy(&ran.stdout));
        eprintln!("{}", String::from_utf8_lossy(&ran.stderr));
        eprintln!("fuzz_js: {:?}", ran.result.map(|e| e.code));
        return Ok(());
    }
    let runs = env_u64("GOJS_FUZZ_JS_RUNS", 100);
    let first = env_u64("GOJS_FUZZ_SEED", 1);
    let last = std::env::var_os("GOJS_FUZZ_JS_LAST");
    let mut failures = Vec::new();
    for seed in first..first.saturating_add(runs) {
        if let Some(last) = &last {
            let _ = std::fs::write(last, seed.to_string());
        }
        if let Err(e) = run_seed(seed) {
            failures.push(e);
        }
    }
    if let Some(last) = &last {
        let _ = std::fs::write(last, "done");
    }
    match failures.is_empty() {
        true => Ok(()),
        false => Err(failures.join("\n")),
    }
}

/// Every function the harness must find (a sample of each global, and all
/// of `fs`'s and `process`'s): if the host's globals are renamed or the
/// walk breaks, the fuzzer would call nothing.
const EXPECTED: &[&str] = &[
    "fs.open",
    "fs.close",
    "fs.read",
    "fs.write",
    "fs.fstat",
    "fs.stat",
    "fs.lstat",
    "fs.readdir",
    "fs.mkdir",
    "fs.unlink",
    "fs.rmdir",
    "fs.rename",
    "fs.link",
    "fs.symlink",
    "fs.chmod",
    "fs.truncate",
    "fs.chown",
    "fs.lchown",
    "fs.utimes",
    "fs.futimes",
    "fs.readlink",
    "fs.fsync",
    "fs.fdatasync",
    "fs.ftruncate",
    "fs.fchmod",
    "fs.fchown",
    "fs.writeSync",
    "fs.readFileSync",
    "fs.writeFileSync",
    "fs.existsSync",
    "process.getuid",
    "process.geteuid",
    "process.getgid",
    "process.getegid",
    "process.getgroups",
    "process.umask",
    "process.cwd",
    "process.chdir",
    "process.exit",
    "path.resolve",
    "crypto.getRandomValues",
    "performance.now",
    "console.log",
    "console.error",
    "console.warn",
    "setTimeout",
    "clearTimeout",
    "setInterval",
    "clearInterval",
    "setImmediate",
    "queueMicrotask",
    "TextEncoder",
    "TextEncoder.prototype.encode",
    "TextDecoder",
    "TextDecoder.prototype.decode",
    "atob",
    "btoa",
    "structuredClone",
    "URL",
    "JSON.stringify",
    "JSON.parse",
    "go._makeFuncWrapper",
    "go._resume",
    "go.exited(get)",
    "go._values.length(get)",
];

fn enumerates_every_host_global() -> Result<(), String> {
    let source = format!("globalThis.__fuzz_list = true;\n{}", program(1));
    let ran = run_js(1, source)?;
    let out = String::from_utf8_lossy(&ran.stdout).into_owned();
    let found: Vec<&str> = out.lines().collect();
    let missing: Vec<&&str> = EXPECTED.iter().filter(|e| !found.contains(e)).collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("not found: {missing:?}\nfound:\n{out}"))
    }
}

/// A crash the fuzzer found, minimised: the program (run as the preload,
/// with the seed that picks its stack: `seed % 4 == 3` is a thread of
/// 8 MiB) must end without a host bug and print what node prints.
struct Regression {
    name: &'static str,
    seed: u64,
    source: &'static str,
    stdout: &'static str,
}

const REGRESSIONS: &[Regression] = &[
    Regression {
        // boa_runtime's UTF-16 decoders cast the bytes to `u16`s in place:
        // a panic for bytes at an odd address, and for no bytes in UTF-16BE.
        name: "text_decoder_utf16_of_unaligned_or_no_bytes",
        seed: 0,
        source: r#"
            const bytes = new Uint8Array([0x41, 0, 0x42, 0, 0x43, 0, 0x44]);
            const le = new TextDecoder("utf-16le"), be = new TextDecoder("utf-16be");
            console.log(JSON.stringify([
                le.decode(bytes.subarray(1)),
                le.decode(new DataView(bytes.buffer, 1, 4)),
                be.decode(bytes.subarray(1, 5)),
                be.decode(new Uint8Array(0)),
                le.decode(new Uint8Array(0)),
                new TextDecoder().decode(bytes.subarray(1, 3)),
            ]));
        "#,
        stdout: "[\"䈀䌀䐀\",\"䈀䌀\",\"BC\",\"\",\"\",\"\\u0000B\"]\n",
    },
    Regression {
        // boa_runtime's structuredClone recursed natively per level: a
        // stack overflow (a process abort) on an 8 MiB thread.
        name: "structured_clone_of_a_deep_value_is_a_range_error",
        seed: 3,
        source: r#"
            const deep = (wrap) => { let v = []; for (let i = 0; i < 200000; i++) v = wrap(v); return v; };
            for (const value of [deep((v) => [v]), deep((v) => ({ v })), { get x() { return deep((v) => new Map([[1, v]])); } }]) {
                try { structuredClone(value); console.log("cloned"); }
                catch (e) { console.log(e.name, e.message); }
            }
        "#,
        stdout: "RangeError Maximum call stack size exceeded\n\
                 RangeError Maximum call stack size exceeded\n\
                 RangeError Maximum call stack size exceeded\n",
    },
    Regression {
        // boa_runtime's structuredClone reserved room for every index up to
        // an array's length: 32 GiB for this one, a failed allocation (a
        // process abort).
        name: "structured_clone_of_a_huge_sparse_array",
        seed: 0,
        source: r#"
            const sparse = [];
            sparse.length = 2 ** 32 - 1;
            sparse[7] = "x";
            sparse.extra = 1;
            const copy = structuredClone(sparse);
            console.log(copy.length, copy[7], 6 in copy, copy.extra, Array.isArray(copy));
        "#,
        stdout: "4294967295 x false 1 true\n",
    },
    Regression {
        // console's `%j` went through boa's conversion to JSON, which
        // reserved room for every hole (a failed allocation of 300 GB, a
        // process abort) and recursed without bound; node's is `JSON.stringify`.
        name: "console_format_j_of_a_huge_sparse_array_or_a_deep_value",
        seed: 3,
        source: r#"
            const sparse = [];
            sparse.length = 2 ** 32 - 1;
            const cycle = {};
            cycle.self = cycle;
            let deep = [];
            for (let i = 0; i < 100000; i++) deep = [deep];
            for (const args of [["%j", sparse], ["%j %j %j", cycle, undefined, 1], ["%j", 1n], ["%j", deep], ["%j|%j", { a: [1, "x"] }, "s"]]) {
                try { console.log(...args); } catch (e) { console.log(String(e)); }
            }
        "#,
        stdout: "RangeError: Invalid string length\n\
                 [Circular] undefined 1\n\
                 TypeError: Do not know how to serialize a BigInt\n\
                 RangeError: Maximum call stack size exceeded\n\
                 {\"a\":[1,\"x\"]}|\"s\"\n",
    },
];

fn regression(case: &Regression) -> Result<(), String> {
    let ran = run_js(case.seed, case.source.to_owned())?;
    let stdout = String::from_utf8_lossy(&ran.stdout);
    match (&ran.result, stdout == case.stdout) {
        (Ok(exit), true) if exit.code == 0 => Ok(()),
        (result, _) => Err(format!(
            "{:?}\nstdout:\n{stdout}\nwanted:\n{}\nstderr:\n{}",
            result.as_ref().map(|e| e.code),
            case.stdout,
            String::from_utf8_lossy(&ran.stderr)
        )),
    }
}

pub fn trials() -> Vec<Trial> {
    let mut trials = vec![
        Trial::test(
            "fuzz_js::random_calls_of_every_js_global_never_break_the_host",
            || fuzz().map_err(Into::into),
        ),
        Trial::test("fuzz_js::enumerates_every_host_global", || {
            enumerates_every_host_global().map_err(Into::into)
        }),
    ];
    for case in REGRESSIONS {
        trials.push(Trial::test(
            format!("fuzz_js::regression::{}", case.name),
            move || regression(case).map_err(Into::into),
        ));
    }
    trials
}
