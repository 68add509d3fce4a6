//! The guest programs the benches run: where their `.wasm` comes from and how
//! one op of them is timed.
//!
//! The `.wasm` files are built by the repository's own scripts into
//! `<target>/bench-wasm/{go,rust}/` the first time a bench process needs
//! them (the scripts are idempotent and cheap when nothing changed), so
//! `cargo bench` works on a fresh clone after `scripts/setup.sh`. Set
//! `GOJS_BENCH_NO_BUILD=1` to use the files already there.

use gojs_boa::{Compilation, GoModule, ModuleConfig, Output, Program};
use std::{
    path::{Path, PathBuf},
    process::Command,
    sync::OnceLock,
    time::{Duration, Instant},
};

/// Which kind of guest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A Rust guest built with `gojs-guest` (`guest/examples/*.rs`).
    Rust,
    /// A Go program built with `GOOS=js GOARCH=wasm` (`conformance/go/*/`).
    Go,
}

impl Kind {
    /// `rust` or `go`, as used in bench ids.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Rust => "rust",
            Kind::Go => "go",
        }
    }

    /// Both kinds, Rust first.
    pub const ALL: [Kind; 2] = [Kind::Rust, Kind::Go];
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("benches/ sits in the repository root")
        .to_path_buf()
}

/// The cargo target directory (`CARGO_TARGET_DIR`, else `<root>/target`).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => repo_root().join(dir),
        None => repo_root().join("target"),
    }
}

/// Where the benches keep the `.wasm` of `kind`.
pub fn wasm_dir(kind: Kind) -> PathBuf {
    target_dir().join("bench-wasm").join(kind.name())
}

/// The script that builds the `.wasm` files of `kind`.
fn build_script(kind: Kind) -> &'static str {
    match kind {
        Kind::Go => "scripts/build-go-corpus.sh",
        Kind::Rust => "scripts/build-rust-guests.sh",
    }
}

/// Runs the build script of `kind` once per process.
fn ensure_built(kind: Kind) {
    static GO: OnceLock<()> = OnceLock::new();
    static RUST: OnceLock<()> = OnceLock::new();
    let once = match kind {
        Kind::Go => &GO,
        Kind::Rust => &RUST,
    };
    let script = build_script(kind);
    once.get_or_init(|| {
        if std::env::var_os("GOJS_BENCH_NO_BUILD").is_some() {
            return;
        }
        let root = repo_root();
        let out = wasm_dir(kind);
        // The guest workspace must not inherit what cargo set for this one
        // (its own rustflags come from guest/.cargo/config.toml).
        let status = Command::new(root.join(script))
            .arg(&out)
            .current_dir(&root)
            .env_remove("CARGO_TARGET_DIR")
            .env_remove("CARGO_BUILD_TARGET_DIR")
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .env_remove("CARGO_BUILD_RUSTFLAGS")
            .stdout(std::process::Stdio::null())
            .status();
        match status {
            Ok(s) if s.success() => {}
            other => eprintln!(
                "warning: {script} {} failed ({other:?}); using the .wasm files already there",
                out.display()
            ),
        }
    });
}

/// The path of `<name>.wasm` of `kind`, built if needed.
///
/// # Panics
///
/// If the file is missing after the build step, saying what to run
/// (`scripts/setup.sh`, then the build script).
pub fn wasm_path(kind: Kind, name: &str) -> PathBuf {
    ensure_built(kind);
    let dir = wasm_dir(kind);
    let path = dir.join(format!("{name}.wasm"));
    assert!(
        path.is_file(),
        "{} is missing: run scripts/setup.sh, then {} {} (the benches run it \
         themselves unless GOJS_BENCH_NO_BUILD is set)",
        path.display(),
        build_script(kind),
        dir.display()
    );
    path
}

/// The bytes of `<name>.wasm` of `kind`.
pub fn wasm_bytes(kind: Kind, name: &str) -> Vec<u8> {
    let path = wasm_path(kind, name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct RunOutput {
    /// Exit code.
    pub code: i32,
    /// Stdout, as text.
    pub stdout: String,
    /// Stderr, as text.
    pub stderr: String,
}

/// Runs `module` with `args` (argv, program name first) on a thread with a
/// large stack (deep callback nesting recurses on the native stack, as in
/// the `gojs` CLI), capturing its output.
///
/// # Panics
///
/// If the host fails (setup, trap, limit).
pub fn run(module: &GoModule, args: &[String]) -> RunOutput {
    run_with(module, args, |p| p)
}

/// [`run`] with the program further configured by `configure` (limits, a
/// deadline, a filesystem, …) before it runs.
///
/// # Panics
///
/// If the host fails (setup, trap, limit).
pub fn run_with(
    module: &GoModule,
    args: &[String],
    configure: impl for<'m> FnOnce(Program<'m>) -> Program<'m> + Send,
) -> RunOutput {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("guest".into())
            .stack_size(1 << 30)
            .spawn_scoped(scope, || {
                let (stdout, out) = Output::capture();
                let (stderr, err) = Output::capture();
                let program = Program::new(module)
                    .args(args.iter().cloned())
                    .stdout(stdout)
                    .stderr(stderr);
                let exit = configure(program)
                    .run()
                    .unwrap_or_else(|e| panic!("{args:?}: host error: {e}"));
                RunOutput {
                    code: exit.code,
                    stdout: out.text(),
                    stderr: err.text(),
                }
            })
            .expect("spawn the guest thread")
            .join()
            .expect("the guest thread panicked")
    })
}

/// A compiled `crossings` program of one kind.
#[derive(Debug)]
pub struct Crossings {
    kind: Kind,
    module: GoModule,
}

impl Crossings {
    /// Builds (if needed) and compiles the `crossings` program of `kind`.
    pub fn load(kind: Kind) -> Self {
        Self::load_with(
            kind,
            ModuleConfig {
                compilation: Compilation::Lazy,
                ..ModuleConfig::default()
            },
        )
    }

    /// [`load`](Self::load) with every compile option (metering on or off).
    pub fn load_with(kind: Kind, config: ModuleConfig) -> Self {
        let module = GoModule::with_config(&wasm_bytes(kind, "crossings"), config)
            .unwrap_or_else(|e| panic!("crossings.wasm ({}): {e}", kind.name()));
        Self { kind, module }
    }

    /// The guest's kind.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Runs `op` `n` times after its setup with `param`, and returns the time
    /// the guest measured around the loop.
    ///
    /// # Panics
    ///
    /// If the program fails or prints something else than `<op> <n> <ns>`.
    pub fn time(&self, op: &str, n: u64, param: u64) -> Duration {
        self.time_with(op, n, param, |p| p)
    }

    /// [`time`](Self::time) with the program further configured by
    /// `configure` (limits, a deadline).
    ///
    /// # Panics
    ///
    /// As [`time`](Self::time).
    pub fn time_with(
        &self,
        op: &str,
        n: u64,
        param: u64,
        configure: impl for<'m> FnOnce(Program<'m>) -> Program<'m> + Send,
    ) -> Duration {
        let args = [op.to_string(), n.to_string(), param.to_string()];
        time_program(&self.module, "crossings", self.kind, &args, configure)
    }
}

/// Runs the program `name` (of `kind`, compiled as `module`) with `args`
/// after its name, `args[0]` an op and `args[1]` a count `n`, configured by
/// `configure`, and returns the time it printed as `<op> <n> <ns> …` on its
/// last line: the protocol of the `crossings`, `compute` and `fsbench`
/// programs.
///
/// # Panics
///
/// If the program fails or prints something else.
pub fn time_program(
    module: &GoModule,
    name: &str,
    kind: Kind,
    args: &[String],
    configure: impl for<'m> FnOnce(Program<'m>) -> Program<'m> + Send,
) -> Duration {
    let (op, n) = match args {
        [op, n, ..] => (op.as_str(), n.parse::<u64>().expect("args[1] is a count")),
        _ => panic!("{name}: args are <op> <n> …"),
    };
    let argv: Vec<String> = std::iter::once(format!("{name}.wasm"))
        .chain(args.iter().cloned())
        .collect();
    let out = run_with(module, &argv, configure);
    match (out.code, parse_timing(&out.stdout, op, n)) {
        (0, Some(d)) => d,
        _ => panic!(
            "{name} ({}) {}: exit {}\nstdout: {}\nstderr: {}",
            kind.name(),
            args.join(" "),
            out.code,
            out.stdout,
            out.stderr
        ),
    }
}

/// Parses the `<op> <n> <ns>` line a crossings program prints.
pub fn parse_timing(stdout: &str, op: &str, n: u64) -> Option<Duration> {
    let line = stdout.lines().rev().find(|l| !l.trim().is_empty())?;
    let mut words = line.split_whitespace();
    if words.next()? != op || words.next()?.parse::<u64>().ok()? != n {
        return None;
    }
    let ns = words.next()?.parse::<u64>().ok()?;
    Some(Duration::from_nanos(ns))
}

/// A hello world of one kind, for start-up: `hello.wasm` of the Go corpus or
/// of the Rust examples.
#[derive(Debug)]
pub struct Hello {
    bytes: Vec<u8>,
    module: GoModule,
}

impl Hello {
    /// Builds (if needed) and reads the hello world of `kind`.
    pub fn load(kind: Kind) -> Self {
        let bytes = wasm_bytes(kind, "hello");
        let module = GoModule::new(&bytes, Compilation::Lazy).expect("hello.wasm compiles");
        Self { bytes, module }
    }

    /// Compiles and runs the program to its exit, as `gojs run hello.wasm`
    /// does after reading the file; returns the wall time.
    pub fn compile_and_run(&self) -> Duration {
        let start = Instant::now();
        let module = GoModule::new(&self.bytes, Compilation::Lazy).expect("hello.wasm compiles");
        let out = run(&module, &["hello.wasm".into()]);
        let elapsed = start.elapsed();
        assert_eq!(out.code, 0, "hello: {}", out.stderr);
        elapsed
    }

    /// Runs the already compiled program to its exit; returns the wall time.
    pub fn run_precompiled(&self) -> Duration {
        let start = Instant::now();
        let out = run(&self.module, &["hello.wasm".into()]);
        let elapsed = start.elapsed();
        assert_eq!(out.code, 0, "hello: {}", out.stderr);
        elapsed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timing_lines_are_parsed_strictly() {
        let out = "noise\nvalueGet/number 1000 123456\n";
        assert_eq!(
            parse_timing(out, "valueGet/number", 1000),
            Some(Duration::from_nanos(123456))
        );
        assert_eq!(parse_timing(out, "valueGet/object", 1000), None);
        assert_eq!(parse_timing(out, "valueGet/number", 999), None);
        assert_eq!(parse_timing("", "x", 1), None);
    }
}
