//! Building the guests, running them in-process, and comparing with goldens.

use gojs_boa::{Compilation, GoModule, Output, Program};
use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    process::Command,
    sync::{Arc, Mutex, OnceLock},
    time::Duration,
};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("conformance/ is in the repo")
        .to_path_buf()
}

fn run_script(script: &str, args: &[&str]) -> Result<String, String> {
    run_script_with(script, args, &[])
}

fn run_script_with(script: &str, args: &[&str], env: &[(&str, &str)]) -> Result<String, String> {
    let out = Command::new(root().join("scripts").join(script))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(root())
        .output()
        .map_err(|e| format!("cannot run {script}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{script} {args:?} failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Builds a set of guests once per test run.
fn built(
    cell: &'static OnceLock<Result<PathBuf, String>>,
    script: &str,
    dir: &str,
) -> Result<PathBuf, String> {
    cell.get_or_init(|| {
        let out = root().join(dir);
        run_script(script, &[out.to_str().expect("utf-8 path")])?;
        Ok(out)
    })
    .clone()
}

/// `conformance/build/go`, with `corpus.wasm` and `hello.wasm` built.
pub fn go_corpus() -> Result<PathBuf, String> {
    static CELL: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    built(&CELL, "build-go-corpus.sh", "conformance/build/go")
}

/// `conformance/build/go1.19`: `corpus.wasm` and `hello.wasm` built by
/// Debian's Go 1.19 (imports from `go`; `scripts/go119.sh` installs it).
pub fn go119_corpus() -> Result<PathBuf, String> {
    static CELL: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    CELL.get_or_init(|| {
        let out = root().join("conformance/build/go1.19");
        run_script_with(
            "build-go-corpus.sh",
            &[out.to_str().expect("utf-8 path")],
            &[("GOJS_GO_RELEASE", "1.19")],
        )?;
        Ok(out)
    })
    .clone()
}

/// `conformance/build/rust`, with every example guest built.
pub fn rust_guests() -> Result<PathBuf, String> {
    static CELL: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    built(&CELL, "build-rust-guests.sh", "conformance/build/rust")
}

/// `conformance/build/inspect`: the wasip1 command and reactor and the
/// stripped js/wasm hello (`scripts/build-inspect-modules.sh`).
pub fn inspect_modules() -> Result<PathBuf, String> {
    static CELL: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    built(
        &CELL,
        "build-inspect-modules.sh",
        "conformance/build/inspect",
    )
}

/// `.tools/npm`, with the pinned npm packages unpacked
/// (`scripts/fetch-npm-packages.sh`).
pub fn npm_packages() -> Result<PathBuf, String> {
    static CELL: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    CELL.get_or_init(|| {
        let out = run_script("fetch-npm-packages.sh", &[])?;
        Ok(PathBuf::from(out.lines().last().unwrap_or_default().trim()))
    })
    .clone()
}

/// Runs `f` on a thread with a large native stack (callbacks nest
/// natively), with a time limit.
pub fn on_big_stack<T: Send + 'static>(
    limit: Duration,
    f: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || {
            let _ = tx.send(f());
        })
        .map_err(|e| format!("cannot spawn: {e}"))?;
    rx.recv_timeout(limit)
        .map_err(|_| format!("no result within {limit:?}"))?
}

/// Builds `go test -c` of a std package; returns (wasm, package source dir).
pub fn go_test_binary(pkg: &str) -> Result<(PathBuf, PathBuf), String> {
    go_test_binary_of(None, pkg)
}

/// [`go_test_binary`] with another toolchain (`Some("1.19")`: Debian's,
/// `scripts/go119.sh`), its package sources and its `syscall/js`.
pub fn go_test_binary_of(release: Option<&str>, pkg: &str) -> Result<(PathBuf, PathBuf), String> {
    let out = root()
        .join("target/gosuites")
        .join(release.map_or_else(String::new, |r| format!("go{r}")))
        .join(format!("{}.test.wasm", pkg.replace('/', "_")));
    let env: Vec<(&str, &str)> = release
        .map(|r| ("GOJS_GO_RELEASE", r))
        .into_iter()
        .collect();
    let dir = run_script_with(
        "build-go-test.sh",
        &[pkg, out.to_str().expect("utf-8 path")],
        &env,
    )?;
    Ok((out, PathBuf::from(dir.trim())))
}

/// [`go_test_binary`] built for `GOOS=wasip1`.
pub fn go_wasip1_test_binary(pkg: &str) -> Result<(PathBuf, PathBuf), String> {
    let out = root()
        .join("target/gosuites/wasip1")
        .join(format!("{}.test.wasm", pkg.replace('/', "_")));
    let dir = run_script_with(
        "build-go-test.sh",
        &[pkg, out.to_str().expect("utf-8 path")],
        &[("GOJS_GOOS", "wasip1")],
    )?;
    Ok((out, PathBuf::from(dir.trim())))
}

/// Compiled modules, shared by every test that runs the same file.
pub fn module(path: &Path) -> Result<Arc<GoModule>, String> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Arc<GoModule>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(m) = cache.lock().unwrap().get(path) {
        return Ok(m.clone());
    }
    let wasm = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let m = Arc::new(
        GoModule::new(&wasm, Compilation::Lazy).map_err(|e| format!("{}: {e}", path.display()))?,
    );
    cache.lock().unwrap().insert(path.to_path_buf(), m.clone());
    Ok(m)
}

/// What a run produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub code: i32,
    /// The reference table at exit (not in goldens: node does not report it).
    pub table: gojs_boa::TableStats,
    /// The leak report at exit (likewise).
    pub leaks: gojs_boa::LeakReport,
}

/// How to run a guest.
#[derive(Clone, Default)]
pub struct Run {
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    pub cwd: Option<PathBuf>,
    pub strict: bool,
    pub virtual_clock: bool,
    pub seed: Option<u64>,
    pub limits: Option<gojs_boa::Limits>,
    pub filesystem: Option<gojs_boa::Filesystem>,
}

/// Runs `module` to its end on a thread with a large stack (deep callback
/// nesting recurses natively), with a time limit.
pub fn run(module: Arc<GoModule>, run: Run, limit: Duration) -> Result<Outcome, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || {
            let (stdout, out) = Output::capture();
            let (stderr, err) = Output::capture();
            let mut program = Program::new(&module)
                .args(run.args)
                .env(run.env)
                .stdout(stdout)
                .stderr(stderr)
                .strict_released_funcs(run.strict);
            if let Some(cwd) = run.cwd {
                program = program.cwd(cwd.to_string_lossy());
            }
            if let Some(limits) = run.limits {
                program = program.limits(limits);
            }
            if let Some(fs) = run.filesystem {
                program = program.filesystem(fs);
            }
            if let Some(seed) = run.seed {
                program = program.seed(seed);
            }
            if run.virtual_clock {
                program = program.clock(gojs_boa::ClockMode::virtual_default());
            }
            let result = program
                .run()
                .map(|exit| Outcome {
                    stdout: out.bytes(),
                    stderr: err.bytes(),
                    code: exit.code,
                    table: exit.table,
                    leaks: exit.leaks,
                })
                .map_err(|e| {
                    format!(
                        "host error: {e}\nstdout so far:\n{}\nstderr so far:\n{}",
                        out.text(),
                        err.text()
                    )
                });
            let _ = tx.send(result);
        })
        .map_err(|e| format!("cannot spawn: {e}"))?;
    rx.recv_timeout(limit)
        .map_err(|_| format!("no result within {limit:?}"))?
}

/// The recorded reference outcome `dir/name.{stdout,stderr,code}`.
pub fn golden(dir: &Path, name: &str) -> Result<Outcome, String> {
    let read = |ext: &str| {
        std::fs::read(dir.join(format!("{name}.{ext}"))).map_err(|e| format!("{name}.{ext}: {e}"))
    };
    let code = String::from_utf8_lossy(&read("code")?)
        .trim()
        .parse()
        .map_err(|e| format!("{name}.code: {e}"))?;
    Ok(Outcome {
        stdout: read("stdout")?,
        stderr: read("stderr")?,
        code,
        table: Default::default(),
        leaks: Default::default(),
    })
}

/// Lines of a golden list (`cases.txt`): `(first word, rest)`.
pub fn case_list(path: &Path) -> Vec<(String, Vec<String>)> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut words = l.split(' ').map(str::to_owned);
            let first = words.next().unwrap_or_default();
            (first, words.collect())
        })
        .collect()
}

/// A readable comparison of two byte streams.
pub fn expect_same(what: &str, got: &[u8], want: &[u8]) -> Result<(), String> {
    if got == want {
        return Ok(());
    }
    let (g, w) = (String::from_utf8_lossy(got), String::from_utf8_lossy(want));
    Err(format!(
        "{what} differs from node's:\n{}",
        pretty_assertions::StrComparison::new(&*w, &*g)
    ))
}

/// A tiny seeded generator (xorshift64*) for the fuzzers: a program is
/// reproducible from its seed alone.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn word(&mut self) -> u32 {
        (self.next() >> 32) as u32
    }
}
