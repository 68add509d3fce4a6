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

pub fn trials() -> Vec<Trial> {
    SUITES
        .iter()
        .map(|&(pkg, expected)| {
            Trial::test(format!("go_suites::{pkg}"), move || {
                let (wasm, dir) = support::go_test_binary(pkg)?;
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
