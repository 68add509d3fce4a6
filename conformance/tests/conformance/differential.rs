//! This tests that gojs produces the stdout, stderr and exit code that
//! `node wasm_exec_node.js` produced (goldens recorded by
//! `scripts/record-{go,rust}-goldens.sh`) for every case of the Go corpus
//! and every Rust example guest.

use crate::support::{self, Outcome, Run};
use libtest_mimic::Trial;
use std::time::Duration;

/// Cases whose output cannot match node's byte for byte, and why.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[(
    "rust/call_errors",
    "V8 names a non-constructor by its source text (`() => 1 is not a constructor`); boa keeps no source text for functions",
)];

/// Compares everything; for an unguarded JS exception (`jserrors-*`), node's
/// stderr is a V8 stack trace with absolute paths, so only our first line
/// (`Name: message`) must appear among node's lines.
fn compare(name: &str, got: &Outcome, want: &Outcome, js_error: bool) -> Result<(), String> {
    support::expect_same(&format!("{name}: stdout"), &got.stdout, &want.stdout)?;
    if got.code != want.code {
        return Err(format!(
            "{name}: exit code {} (node: {})\nstderr:\n{}",
            got.code,
            want.code,
            String::from_utf8_lossy(&got.stderr)
        ));
    }
    if js_error && !want.stderr.is_empty() {
        let ours = String::from_utf8_lossy(&got.stderr);
        let first = ours.lines().next().unwrap_or_default();
        let theirs = String::from_utf8_lossy(&want.stderr);
        if first.is_empty() || !theirs.lines().any(|l| l == first) {
            return Err(format!(
                "{name}: our error line {first:?} is not in node's stderr:\n{theirs}"
            ));
        }
        return Ok(());
    }
    support::expect_same(&format!("{name}: stderr"), &got.stderr, &want.stderr)
}

fn trial(
    prefix: &str,
    name: String,
    f: impl FnOnce() -> Result<(), String> + Send + 'static,
) -> Trial {
    let known = KNOWN_DIFFERENCES.iter().find(|(n, _)| *n == name);
    Trial::test(format!("{prefix}::{name}"), move || f().map_err(Into::into))
        .with_ignored_flag(known.is_some())
}

/// Every case twice: with the real clock (as node runs it), and
/// deterministically with the virtual clock and a fixed seed — which must
/// give node's output too, since the corpus prints orders, never times.
pub fn trials() -> Vec<Trial> {
    let mut all = cases("differential", false);
    all.extend(cases("deterministic", true));
    all
}

fn cases(prefix: &'static str, virtual_clock: bool) -> Vec<Trial> {
    let root = support::root();
    let mut trials = Vec::new();
    // The corpus as the pinned Go builds it (imports `gojs`) and as Debian's
    // Go 1.19 does (imports `go`: Go <= 1.20's ABI), each against node with
    // its own toolchain's glue. The second only with the real clock: the
    // virtual one is the same code either way.
    let releases: &[(&str, Build)] = if virtual_clock {
        &[("go", support::go_corpus)]
    } else {
        &[
            ("go", support::go_corpus),
            ("go1.19", support::go119_corpus),
        ]
    };
    for &(release, build) in releases {
        trials.extend(go_cases(prefix, release, build, virtual_clock));
    }

    let rust_goldens = root.join("conformance/goldens/rust");
    for (wasm, rest) in support::case_list(&rust_goldens.join("cases.txt")) {
        let Some((name, args)) = rest.split_first() else {
            continue;
        };
        let (name, args) = (name.clone(), args.to_vec());
        let goldens = rust_goldens.clone();
        trials.push(trial(prefix, format!("rust/{name}"), move || {
            let dir = support::rust_guests()?;
            let module = support::module(&dir.join(&wasm))?;
            let mut argv = vec![wasm.clone()];
            argv.extend(args);
            let run = Run {
                args: argv,
                env: vec![
                    ("PATH".into(), "/usr/bin:/bin".into()),
                    ("TMPDIR".into(), "/tmp".into()),
                ],
                cwd: Some(dir.clone()),
                virtual_clock,
                seed: Some(1),
                ..Run::default()
            };
            let got = support::run(module, run, Duration::from_secs(120))?;
            let want = support::golden(&goldens, &name)?;
            compare(&name, &got, &want, false)
        }));
    }
    trials
}

/// Builds a toolchain's corpus, once, and says where.
type Build = fn() -> Result<std::path::PathBuf, String>;

/// The Go corpus cases of one toolchain: goldens in
/// `conformance/goldens/<release>`, modules in `conformance/build/<release>`.
fn go_cases(
    prefix: &'static str,
    release: &'static str,
    build: Build,
    virtual_clock: bool,
) -> Vec<Trial> {
    let go_goldens = support::root().join("conformance/goldens").join(release);
    let corpus_cases = support::case_list(&go_goldens.join("cases.txt"))
        .into_iter()
        .map(|(case, args)| ("corpus".to_owned(), case, args));
    let programs = support::case_list(&go_goldens.join("programs.txt"))
        .into_iter()
        .map(|(program, args)| (program.clone(), program, args));
    let mut trials = Vec::new();
    for (program, case, args) in corpus_cases.chain(programs) {
        let goldens = go_goldens.clone();
        trials.push(trial(prefix, format!("{release}/{case}"), move || {
            let dir = build()?;
            let module = support::module(&dir.join(format!("{program}.wasm")))?;
            // As recorded: from the repo root, argv[0] as given to node,
            // the environment wasm_exec_node.js builds from `env -i ...`.
            let mut argv = vec![format!("conformance/build/{release}/{program}.wasm")];
            if program == "corpus" {
                argv.push(case.clone());
            }
            argv.extend(args);
            let run = Run {
                args: argv,
                env: vec![
                    ("TMPDIR".into(), "/tmp".into()),
                    ("GOJS_CORPUS_VAR".into(), "hello".into()),
                    ("GOJS_CORPUS_EMPTY".into(), String::new()),
                ],
                cwd: Some(support::root()),
                virtual_clock,
                seed: Some(1),
                ..Run::default()
            };
            let got = support::run(module, run, Duration::from_secs(120))?;
            let want = support::golden(&goldens, &case)?;
            compare(&case, &got, &want, case.starts_with("jserrors-"))
        }));
    }
    trials
}
