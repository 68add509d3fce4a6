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
                let stdout = String::from_utf8_lossy(&got.stdout);
                let passed = stdout.lines().filter(|l| l.starts_with("--- PASS")).count();
                let failed: Vec<&str> = stdout.lines().filter(|l| l.contains("--- FAIL")).collect();
                if got.code != 0 || !failed.is_empty() || stdout.lines().last() != Some("PASS") {
                    let tail: Vec<&str> = stdout.lines().rev().take(40).collect();
                    return Err(format!(
                        "{pkg}: exit {}, failed {failed:?}\n...\n{}\nstderr:\n{}",
                        got.code,
                        tail.into_iter().rev().collect::<Vec<_>>().join("\n"),
                        String::from_utf8_lossy(&got.stderr)
                    )
                    .into());
                }
                if expected != 0 && passed != expected {
                    return Err(format!("{pkg}: {passed} tests passed, expected {expected}").into());
                }
                Ok(())
            })
        })
        .collect()
}
