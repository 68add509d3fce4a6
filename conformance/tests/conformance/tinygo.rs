//! TinyGo's `js/wasm` glue: each TinyGo-shaped module in
//! `conformance/tinygo/*.wat` pins one part of TinyGo's `wasm_exec.js`
//! (output through `fd_write`, the scheduler's timers, `_makeFuncWrapper`
//! callbacks into `resume`, the reference table, exceptions) and must give
//! the stdout, stderr and exit code node gave with the glue sh-syntax 0.7.0
//! ships (`scripts/record-tinygo-goldens.sh`), in the default clock and in
//! deterministic mode. The real TinyGo program, sh-syntax itself, is in
//! `npm.rs`.

use crate::support::{self, Run};
use gojs_boa::{Compilation, GoAbi, GoModule};
use libtest_mimic::Trial;
use std::{path::Path, sync::Arc, time::Duration};

/// Runs `base.wat` (with `GOJS_TINYGO_CASE=n` for a numbered case) and
/// compares it with the golden `name`.
fn case(base: &str, number: Option<u32>, virtual_clock: bool) -> Result<(), String> {
    let root = support::root();
    let name = &match number {
        Some(n) => format!("{base}-{n}"),
        None => base.to_string(),
    };
    let wat = root.join("conformance/tinygo").join(format!("{base}.wat"));
    let wasm = wat::parse_file(&wat).map_err(|e| format!("{}: {e}", wat.display()))?;
    let module = GoModule::new(&wasm, Compilation::ValidateFirst).map_err(|e| e.to_string())?;
    if module.abi() != GoAbi::TinyGo {
        return Err(format!("{name} loaded as {:?}, not TinyGo", module.abi()));
    }
    let run = Run {
        virtual_clock,
        env: vec![(
            "GOJS_TINYGO_CASE".into(),
            number.unwrap_or_default().to_string(),
        )],
        ..Run::default()
    };
    let got = support::run(Arc::new(module), run, Duration::from_secs(60))?;
    let goldens = root.join("conformance/goldens/tinygo");
    let want = support::golden(&goldens, name)?;
    support::expect_same(&format!("{name}: stdout"), &got.stdout, &want.stdout)?;
    let stack_traces =
        std::fs::read_to_string(goldens.join("stack-traces.txt")).unwrap_or_default();
    let stderr = if stack_traces.lines().any(|l| l == name) {
        // Node's stack trace is not ours: the error line must match.
        let first = got.stderr.split(|&b| b == b'\n').next().unwrap_or_default();
        [first, b"\n"].concat()
    } else {
        got.stderr
    };
    support::expect_same(&format!("{name}: stderr"), &stderr, &want.stderr)?;
    if got.code != want.code {
        return Err(format!(
            "{name}: exit code {}, node's {}",
            got.code, want.code
        ));
    }
    Ok(())
}

pub fn trials() -> Vec<Trial> {
    let dir = support::root().join("conformance/tinygo");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| {
                    let path = e.path();
                    (path.extension()? == "wat").then(|| stem(&path))
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut trials = Vec::new();
    for base in names {
        // `;; cases: N`: the module runs as N cases (the recorder's rule).
        let source = std::fs::read_to_string(dir.join(format!("{base}.wat"))).unwrap_or_default();
        let count = source
            .lines()
            .find_map(|l| l.strip_prefix(";; cases: ")?.trim().parse::<u32>().ok());
        let numbers: Vec<Option<u32>> = match count {
            Some(n) => (1..=n).map(Some).collect(),
            None => vec![None],
        };
        for number in numbers {
            for (mode, virtual_clock) in [("", false), ("deterministic/", true)] {
                let base = base.clone();
                let shown = match number {
                    Some(n) => format!("{base}-{n}"),
                    None => base.clone(),
                };
                trials.push(Trial::test(format!("tinygo::{mode}{shown}"), move || {
                    case(&base, number, virtual_clock).map_err(Into::into)
                }));
            }
        }
    }
    trials
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
