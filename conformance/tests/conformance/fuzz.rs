//! This fuzzes the host's whole guest-facing surface: seeded random
//! programs call every `gojs` import with random frames — ref ids real and
//! forged, every flavour of number (NaN, ±Infinity, -0, 2^64, …), pointers
//! and lengths in and out of bounds, random `sp` — and chain them (a result
//! ref becomes the next call's target), so JS globals (`fs`, `process`,
//! `crypto`, timers, `Reflect`, constructors…) are reached and called with
//! random arguments. Each program runs confined (`Program::sandbox`: an
//! in-memory filesystem, no host stdin or environment) under limits.
//! Whatever it does, the run must end with an exit code or a typed error:
//! an internal error (a caught panic) fails the test and prints the seed
//! that reproduces it.
//!
//! `GOJS_FUZZ_RUNS` (default 1000, a few seconds in CI) sets how many programs
//! run; `GOJS_FUZZ_SEED` picks the first seed (default: fixed, so CI is
//! reproducible). `scripts/fuzz.sh` runs it for as long as you like.

use crate::support::Rng;
use gojs_boa::{ClockMode, Compilation, Error, GoModule, HostErrorKind, Limits, Output, Program};
use libtest_mimic::Trial;
use std::{fmt::Write as _, sync::Arc, time::Duration};

/// The `sp` imports of the ABI, in the order the generated module imports
/// them (the dispatch index).
const IMPORTS: [&str; 24] = [
    "runtime.wasmExit",
    "runtime.wasmWrite",
    "runtime.resetMemoryDataView",
    "runtime.nanotime1",
    "runtime.walltime",
    "runtime.scheduleTimeoutEvent",
    "runtime.clearTimeoutEvent",
    "runtime.getRandomData",
    "syscall/js.finalizeRef",
    "syscall/js.stringVal",
    "syscall/js.valueGet",
    "syscall/js.valueSet",
    "syscall/js.valueDelete",
    "syscall/js.valueIndex",
    "syscall/js.valueSetIndex",
    "syscall/js.valueCall",
    "syscall/js.valueInvoke",
    "syscall/js.valueNew",
    "syscall/js.valueLength",
    "syscall/js.valuePrepareString",
    "syscall/js.valueLoadString",
    "syscall/js.valueInstanceOf",
    "syscall/js.copyBytesToGo",
    "syscall/js.copyBytesToJS",
];

/// Names a program may pass as property or method names (a table in its
/// memory): what reaches the interesting globals and their methods.
const NAMES: &[&str] = &[
    "Object",
    "Array",
    "Uint8Array",
    "Function",
    "Reflect",
    "Proxy",
    "Promise",
    "JSON",
    "Symbol",
    "Error",
    "Date",
    "Math",
    "fs",
    "process",
    "crypto",
    "console",
    "go",
    "eval",
    "setTimeout",
    "setInterval",
    "clearTimeout",
    "queueMicrotask",
    "TextEncoder",
    "TextDecoder",
    "structuredClone",
    "URL",
    "atob",
    "btoa",
    "performance",
    "constructor",
    "prototype",
    "__proto__",
    "toString",
    "valueOf",
    "length",
    "then",
    "bind",
    "call",
    "apply",
    "get",
    "set",
    "apply",
    "construct",
    "defineProperty",
    "getOwnPropertyDescriptor",
    "keys",
    "stringify",
    "parse",
    "fromCharCode",
    "repeat",
    "fill",
    "subarray",
    "buffer",
    "open",
    "close",
    "read",
    "write",
    "writeSync",
    "fstat",
    "stat",
    "lstat",
    "mkdir",
    "rmdir",
    "unlink",
    "rename",
    "readdir",
    "readlink",
    "symlink",
    "link",
    "truncate",
    "ftruncate",
    "chmod",
    "fchmod",
    "chown",
    "utimes",
    "futimes",
    "fsync",
    "readFileSync",
    "writeFileSync",
    "existsSync",
    "cwd",
    "chdir",
    "exit",
    "kill",
    "getuid",
    "getgid",
    "umask",
    "pid",
    "env",
    "argv",
    "getRandomValues",
    "now",
    "_makeFuncWrapper",
    "_pendingEvent",
    "_resume",
    "exited",
    "",
    "x",
    "/",
    "..",
    "/tmp",
    "\u{0}",
    "😀",
    "1e309",
    "-0",
    "NaN",
];

/// Where things live in the generated module's memory: the frame (at
/// `sp + 8`), an area for argument arrays, slots that keep results for
/// later calls (seeded with `globalThis` and `go`), bytes for slices, the
/// names, and the script.
const SP: u32 = 1024;
const FRAME: u32 = SP + 8;
const FRAME_WORDS: u8 = 16;
const ARGS_AREA: u32 = 8192;
const ARGS_WORDS: u8 = 32;
const SLOTS_AREA: u32 = 12288;
const SLOTS: u8 = 16;
const AREAS: u32 = 12800;
const PAIRS_AREA: u32 = 13312;
const NAMES_AREA: u32 = 16384;
const BYTES_AREA: u32 = 32768;
const BYTES_LEN: u32 = 4096;
const SCRIPT_AREA: u32 = 65536;

fn boxed(flag: u64, id: u64) -> u64 {
    ((0x7FF8_0000 | flag) << 32) | id
}

const GLOBAL: u64 = 0x7FF8_0001_0000_0005;
const GO: u64 = 0x7FF8_0001_0000_0006;

/// Where each name is in the names table, and the table's bytes.
fn names_table() -> (Vec<(u32, u32)>, Vec<u8>) {
    let mut bytes = Vec::new();
    let mut at = Vec::new();
    for n in NAMES {
        at.push((NAMES_AREA + bytes.len() as u32, n.len() as u32));
        bytes.extend_from_slice(n.as_bytes());
    }
    (at, bytes)
}

/// Any 8-byte word: a ref (predefined, dynamic, forged), a number of any
/// flavour, a pointer or a length.
fn word(rng: &mut Rng) -> u64 {
    match rng.below(10) {
        // Predefined values: NaN, 0, null, true, false, globalThis, go.
        0 | 1 => {
            let id = rng.below(7);
            let flag = [0, 0, 0, 0, 0, 1, 1][id as usize];
            boxed(flag, id)
        }
        // Dynamic ids a program may have been handed (or not).
        2 | 3 => boxed(rng.below(5), 7 + rng.below(40)),
        // Forged: any flag, any id.
        4 => boxed(rng.below(8), rng.next() & 0xFFFF_FFFF),
        // Numbers.
        5 | 6 => [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            18446744073709551616.0,
            9007199254740993.0,
            1e308,
            -2147483649.0,
            4294967296.0,
            65536.0,
            1e-310,
        ][rng.below(15) as usize]
            .to_bits(),
        // Pointers and lengths.
        7 => [
            0,
            1,
            8,
            200,
            4095,
            65535,
            65536,
            1 << 20,
            0xFFFF_FFFF,
            1 << 32,
            u64::MAX,
        ][rng.below(11) as usize],
        8 => u64::from(BYTES_AREA) + rng.below(u64::from(BYTES_LEN)),
        _ => rng.next(),
    }
}

/// What each word of an import's frame means, for well-formed calls.
#[derive(Clone, Copy)]
enum Part {
    /// A JS value: usually a kept result, `globalThis` or `go`.
    Value,
    /// A name: two words, (ptr, len).
    Name,
    /// A `[]js.Value` of arguments: three words, (ptr, len, cap).
    Args,
    /// A `[]byte`: three words.
    Bytes,
    /// A number (an index, a delay, an id).
    Number,
    /// Written by the import: kept in a slot afterwards.
    Result,
    /// 1 or 2: stdout or stderr.
    Fd,
}

/// The frame layout of each import (see `abi/src/frame.rs`), words from
/// `sp + 8`.
fn layout(op: usize) -> &'static [Part] {
    use Part::*;
    match IMPORTS[op] {
        "runtime.wasmWrite" => &[Fd, Bytes],
        "runtime.scheduleTimeoutEvent" => &[Number, Result],
        "runtime.clearTimeoutEvent" | "runtime.getRandomData" => &[Number, Bytes],
        "syscall/js.finalizeRef" | "syscall/js.valueLength" => &[Value, Result],
        "syscall/js.stringVal" => &[Name, Result],
        "syscall/js.valueGet" | "syscall/js.valueDelete" => &[Value, Name, Result],
        "syscall/js.valueSet" => &[Value, Name, Value],
        "syscall/js.valueIndex" => &[Value, Number, Result],
        "syscall/js.valueSetIndex" => &[Value, Number, Value],
        "syscall/js.valueCall" => &[Value, Name, Args, Result, Number],
        "syscall/js.valueInvoke" | "syscall/js.valueNew" => &[Value, Args, Result, Number],
        "syscall/js.valuePrepareString" => &[Value, Result, Number],
        "syscall/js.valueLoadString" => &[Value, Bytes],
        "syscall/js.valueInstanceOf" => &[Value, Value, Result],
        "syscall/js.copyBytesToGo" => &[Bytes, Value, Result, Number],
        "syscall/js.copyBytesToJS" => &[Value, Bytes, Result, Number],
        _ => &[Number, Number],
    }
}

/// Script records, interpreted by the module's `run`:
/// `0 op sp:u32` calls import `op` with `sp`; `1 area idx value:u64`
/// stores a word; `2 area idx area idx` copies a word; `3 idx name` writes
/// a name's (ptr, len) at frame words `idx`, `idx + 1`. Areas: 0 the frame,
/// 1 the arguments, 2 the slots.
struct Script {
    bytes: Vec<u8>,
    names: usize,
}

impl Script {
    fn set(&mut self, area: u8, idx: u8, value: u64) {
        self.bytes.extend_from_slice(&[1, area, idx]);
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }
    fn copy(&mut self, from: (u8, u8), to: (u8, u8)) {
        self.bytes
            .extend_from_slice(&[2, from.0, from.1, to.0, to.1]);
    }
    fn name(&mut self, idx: u8, name: u8) {
        self.bytes.extend_from_slice(&[3, idx, name]);
    }
    fn call(&mut self, op: u8, sp: u32) {
        self.bytes.extend_from_slice(&[0, op]);
        self.bytes.extend_from_slice(&sp.to_le_bytes());
    }

    /// A value into `to`: mostly a kept result, else `globalThis`, `go`
    /// or any word.
    fn value(&mut self, rng: &mut Rng, to: (u8, u8)) {
        match rng.below(10) {
            0..=5 => self.copy((2, rng.below(u64::from(SLOTS)) as u8), to),
            6 => self.set(to.0, to.1, GLOBAL),
            7 => self.set(to.0, to.1, GO),
            _ => self.set(to.0, to.1, word(rng)),
        }
    }

    /// One call of import `op`: mostly well-formed, some words random.
    fn well_formed_call(&mut self, rng: &mut Rng, op: usize) {
        let mut w = 0u8;
        for part in layout(op) {
            let wild = rng.chance(3);
            match part {
                Part::Value if !wild => self.value(rng, (0, w)),
                Part::Name if !wild => {
                    let name = rng.below(self.names as u64) as u8;
                    self.name(w, name);
                }
                Part::Args if !wild => {
                    let n = rng.below(5);
                    let first = rng.below(u64::from(ARGS_WORDS) - 5);
                    for a in 0..n {
                        self.value(rng, (1, (first + a) as u8));
                    }
                    self.set(0, w, u64::from(ARGS_AREA) + 8 * first);
                    self.set(0, w + 1, n);
                    self.set(0, w + 2, n);
                }
                Part::Bytes if !wild => {
                    let len = rng.below(64);
                    let at = u64::from(BYTES_AREA) + rng.below(u64::from(BYTES_LEN) - 64);
                    self.set(0, w, at);
                    self.set(0, w + 1, len);
                    self.set(0, w + 2, len);
                }
                Part::Number if !wild => self.set(0, w, (rng.below(8) as f64).to_bits()),
                Part::Fd if !wild => self.set(0, w, 1 + rng.below(2)),
                Part::Result => {}
                _ => self.set(0, w, word(rng)),
            }
            w += match part {
                Part::Name => 2,
                Part::Args | Part::Bytes => 3,
                _ => 1,
            };
        }
        let sp = if rng.chance(97) { SP } else { word(rng) as u32 };
        self.call(op as u8, sp);
        // Keep the result (where the layout has one) for later calls.
        let mut w = 0u8;
        for part in layout(op) {
            if matches!(part, Part::Result) && rng.chance(80) {
                self.copy((0, w), (2, rng.below(u64::from(SLOTS)) as u8));
            }
            w += match part {
                Part::Name => 2,
                Part::Args | Part::Bytes => 3,
                _ => 1,
            };
        }
    }
}

/// A random program.
fn script(rng: &mut Rng, names: usize) -> Vec<u8> {
    let mut s = Script {
        bytes: Vec::new(),
        names,
    };
    let steps = 20 + rng.below(200);
    for _ in 0..steps {
        // Mostly the calls that catch what JS throws (so the program goes
        // on: any other import that throws ends it) and property reads;
        // wasmExit rarely: it ends the program.
        let op = match rng.below(100) {
            0..=29 => 15,  // valueCall
            30..=44 => 10, // valueGet
            45..=54 => 17, // valueNew
            55..=62 => 16, // valueInvoke
            63 => 0,
            _ => 1 + rng.below(IMPORTS.len() as u64 - 1) as usize,
        };
        if rng.chance(90) {
            s.well_formed_call(rng, op);
        } else {
            for _ in 0..rng.below(4) {
                s.set(0, rng.below(u64::from(FRAME_WORDS)) as u8, word(rng));
            }
            s.call(op as u8, if rng.chance(80) { SP } else { word(rng) as u32 });
        }
    }
    s.bytes
}

fn data_string(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for b in bytes {
        let _ = write!(out, "\\{b:02x}");
    }
    out
}

/// The module: imports, its data (names, slots, bytes, script), and the
/// interpreter of the script.
fn module_wat(names: &[(u32, u32)], table: &[u8], script: &[u8], rng: &mut Rng) -> String {
    let mut imports = String::new();
    for (i, name) in IMPORTS.iter().enumerate() {
        let _ = writeln!(
            imports,
            r#"  (import "gojs" "{name}" (func $i{i} (param i32)))"#
        );
    }
    let pairs: Vec<u8> = names
        .iter()
        .flat_map(|&(p, l)| p.to_le_bytes().into_iter().chain(l.to_le_bytes()))
        .collect();
    let areas: Vec<u8> = [FRAME, ARGS_AREA, SLOTS_AREA]
        .iter()
        .flat_map(|a| a.to_le_bytes())
        .collect();
    let slots: Vec<u8> = (0..SLOTS)
        .flat_map(|i| if i % 2 == 0 { GLOBAL } else { GO }.to_le_bytes())
        .collect();
    let bytes: Vec<u8> = (0..BYTES_LEN).map(|_| rng.next() as u8).collect();
    let labels: Vec<String> = (0..IMPORTS.len()).map(|i| format!("$c{i}")).collect();
    let mut dispatch = String::new();
    for l in labels.iter().rev() {
        let _ = write!(dispatch, "(block {l} ");
    }
    let _ = write!(
        dispatch,
        "(br_table {} $c0 (local.get $op))",
        labels.join(" ")
    );
    for i in 0..IMPORTS.len() {
        let _ = write!(dispatch, ") (call $i{i} (local.get $sp)) (br $next)");
    }
    format!(
        r#"(module
{imports}
  (memory (export "mem") 4)
  (data (i32.const {AREAS}) "{areas}")
  (data (i32.const {SLOTS_AREA}) "{slots}")
  (data (i32.const {PAIRS_AREA}) "{pairs}")
  (data (i32.const {NAMES_AREA}) "{table}")
  (data (i32.const {BYTES_AREA}) "{bytes}")
  (data (i32.const {SCRIPT_AREA}) "{script_bytes}")
  (func (export "getsp") (result i32) (i32.const {SP}))
  (func (export "resume"))
  (func $at (param $area i32) (param $idx i32) (result i32)
    (i32.add (i32.load (i32.add (i32.const {AREAS}) (i32.shl (i32.rem_u (local.get $area) (i32.const 3)) (i32.const 2))))
      (i32.shl (i32.and (local.get $idx) (i32.const 31)) (i32.const 3))))
  (func (export "run") (param i32 i32)
    (local $p i32) (local $tag i32) (local $op i32) (local $sp i32) (local $pair i32)
    (local.set $p (i32.const {SCRIPT_AREA}))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (i32.const {script_end})))
        (local.set $tag (i32.load8_u (local.get $p)))
        (local.set $op (i32.load8_u offset=1 (local.get $p)))
        (if (i32.eqz (local.get $tag))
          (then
            (local.set $sp (i32.load offset=2 (local.get $p)))
            (local.set $p (i32.add (local.get $p) (i32.const 6)))
            {dispatch}))
        (if (i32.eq (local.get $tag) (i32.const 1))
          (then
            (i64.store (call $at (local.get $op) (i32.load8_u offset=2 (local.get $p)))
              (i64.load offset=3 (local.get $p)))
            (local.set $p (i32.add (local.get $p) (i32.const 11)))
            (br $next)))
        (if (i32.eq (local.get $tag) (i32.const 2))
          (then
            (i64.store (call $at (i32.load8_u offset=3 (local.get $p)) (i32.load8_u offset=4 (local.get $p)))
              (i64.load (call $at (local.get $op) (i32.load8_u offset=2 (local.get $p)))))
            (local.set $p (i32.add (local.get $p) (i32.const 5)))
            (br $next)))
        (local.set $pair (i32.add (i32.const {PAIRS_AREA}) (i32.shl (i32.load8_u offset=2 (local.get $p)) (i32.const 3))))
        (i64.store (call $at (i32.const 0) (local.get $op)) (i64.extend_i32_u (i32.load (local.get $pair))))
        (i64.store (call $at (i32.const 0) (i32.add (local.get $op) (i32.const 1))) (i64.extend_i32_u (i32.load offset=4 (local.get $pair))))
        (local.set $p (i32.add (local.get $p) (i32.const 3)))
        (br $next)))
    (i64.store (i32.const {FRAME}) (i64.const 0))
    (call $i0 (i32.const {SP}))))"#,
        areas = data_string(&areas),
        slots = data_string(&slots),
        pairs = data_string(&pairs),
        table = data_string(table),
        bytes = data_string(&bytes),
        script_bytes = data_string(script),
        script_end = SCRIPT_AREA as usize + script.len(),
    )
}

/// Runs the program of `seed`; `Err` only for a host bug (a caught panic)
/// or a run that did not end.
fn run_seed(seed: u64) -> Result<(), String> {
    let mut rng = Rng::new(seed);
    let (names, table) = names_table();
    let script = script(&mut rng, names.len());
    let wat = module_wat(&names, &table, &script, &mut rng);
    let wasm = wat::parse_str(&wat).map_err(|e| format!("seed {seed}: bad WAT: {e}"))?;
    let module =
        Arc::new(GoModule::new(&wasm, Compilation::Lazy).map_err(|e| format!("seed {seed}: {e}"))?);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let limits = Limits {
                fuel: Some(200_000_000),
                max_memory: Some(16 << 20),
                max_refs: Some(100_000),
                max_timers: Some(1000),
                max_output: Some(1 << 20),
                ..Limits::default()
            };
            let (stderr, err) = Output::capture();
            // The sandbox: fs calls reach a real (in-memory) filesystem
            // with files to find, and nothing of the host.
            let result = Program::new(&module)
                .sandbox()
                .args(["fuzz.wasm"])
                .stdout(Output::capture().0)
                .stderr(stderr)
                .clock(ClockMode::virtual_default())
                .seed(seed)
                .limits(limits)
                .timeout(Duration::from_secs(5))
                .js_loop_iterations(1_000_000)
                .run();
            if std::env::var_os("GOJS_FUZZ_VERBOSE").is_some() {
                let text = err.text();
                let first = text.lines().next().unwrap_or_default();
                let first: String = first.chars().take(100).collect();
                let end = result.as_ref().map(|e| (e.code, e.table.live_dynamic));
                eprintln!("seed {seed}: {end:?} {first}");
            }
            let _ = tx.send(result);
        })
        .map_err(|e| format!("cannot spawn: {e}"))?;
    match rx.recv_timeout(Duration::from_secs(30)) {
        Err(_) => Err(format!("seed {seed}: did not end within 30 s")),
        Ok(Err(Error::Host(e))) if matches!(e.kind(), HostErrorKind::Internal(_)) => {
            Err(format!("seed {seed}: {e}"))
        }
        Ok(_) => Ok(()),
    }
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub fn trials() -> Vec<Trial> {
    vec![Trial::test(
        "fuzz::random_import_frames_never_break_the_host",
        || {
            let runs = env_u64("GOJS_FUZZ_RUNS", 1000);
            let first = env_u64("GOJS_FUZZ_SEED", 1);
            let failures: Vec<String> = (first..first.saturating_add(runs))
                .filter_map(|seed| run_seed(seed).err())
                .collect();
            if failures.is_empty() {
                Ok(())
            } else {
                Err(failures.join("\n").into())
            }
        },
    )]
}
