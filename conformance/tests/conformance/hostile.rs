//! This tests that bad input gets a clear answer and never a host panic:
//! modules that are not wasm, not Go, or have wrong signatures fail to load
//! with a typed error; a guest that passes out-of-bounds pointers or
//! unknown ref ids gets the JS exception `wasm_exec.js` would raise (or the
//! `null`/`undefined` it would read), and the host keeps its state.

use crate::support::{self, Run};
use gojs_boa::{Compilation, GoModule, LoadError};
use libtest_mimic::Trial;
use std::{sync::Arc, time::Duration};

fn load(wat: &str) -> Result<GoModule, LoadError> {
    let wasm = wat::parse_str(wat).expect("test modules are valid WAT");
    GoModule::new(&wasm, Compilation::Lazy)
}

/// A Go-shaped module whose `run` body is `body`, with `sp` = 1024 and the
/// imports `$exit`, `$get`, `$call`, `$finalize`, `$write` bound.
fn guest(body: &str) -> String {
    format!(
        r#"(module
  (import "gojs" "runtime.wasmExit" (func $exit (param i32)))
  (import "gojs" "runtime.wasmWrite" (func $write (param i32)))
  (import "gojs" "syscall/js.valueGet" (func $get (param i32)))
  (import "gojs" "syscall/js.valueCall" (func $call (param i32)))
  (import "gojs" "syscall/js.finalizeRef" (func $finalize (param i32)))
  (import "gojs" "syscall/js.valueGet" (func $get_again (param i32)))
  (memory (export "mem") 1)
  (data (i32.const 2048) "Object")
  (func (export "getsp") (result i32) (i32.const 1024))
  (func (export "resume"))
  (func (export "run") (param i32 i32) {body})
)"#
    )
}

/// Stores the exit code at sp+8 and calls `wasmExit`.
fn exit(code_expr: &str) -> String {
    format!("(i32.store (i32.const 1032) {code_expr}) (call $exit (i32.const 1024))")
}

/// [`guest`] plus a function `$bad` whose body does not validate (it
/// returns an i64 where it declares an i32).
fn guest_with_invalid_function(body: &str) -> String {
    guest(body).replace(
        r#"(func (export "resume"))"#,
        r#"(func (export "resume")) (func $bad (result i32) (i64.const 0))"#,
    )
}

fn run_wat(wat: &str) -> Result<support::Outcome, String> {
    let module = Arc::new(load(wat).map_err(|e| e.to_string())?);
    support::run(
        module,
        Run {
            args: vec!["hostile.wasm".into()],
            ..Run::default()
        },
        Duration::from_secs(30),
    )
}

fn expect_load_error(
    wat_or_bytes: Result<&str, &[u8]>,
    check: fn(&LoadError) -> bool,
) -> Result<(), String> {
    let result = match wat_or_bytes {
        Ok(wat) => load(wat),
        Err(bytes) => GoModule::new(bytes, Compilation::Lazy),
    };
    match result {
        Err(e) if check(&e) => Ok(()),
        Err(e) => Err(format!("unexpected error: {e:?}")),
        Ok(_) => Err("module loaded".into()),
    }
}

fn stderr_starts(out: &support::Outcome, prefix: &str) -> Result<(), String> {
    let e = String::from_utf8_lossy(&out.stderr);
    if e.starts_with(prefix) {
        Ok(())
    } else {
        Err(format!("stderr {e:?} does not start with {prefix:?}"))
    }
}

type Case = (&'static str, fn() -> Result<(), String>);

const CASES: &[Case] = &[
    ("empty_bytes_are_not_wasm", || {
        expect_load_error(Err(b""), |e| matches!(e, LoadError::InvalidWasm(_)))
    }),
    ("truncated_go_module_is_not_wasm", || {
        let wasm =
            std::fs::read(support::go_corpus()?.join("hello.wasm")).map_err(|e| e.to_string())?;
        expect_load_error(Err(&wasm[..wasm.len() / 2]), |e| {
            matches!(e, LoadError::InvalidWasm(_))
        })
    }),
    ("random_bytes_are_not_wasm", || {
        let junk: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        expect_load_error(Err(&junk), |e| matches!(e, LoadError::InvalidWasm(_)))
    }),
    ("go_1_20_modules_are_named", || {
        let wat = r#"(module (import "go" "debug" (func (param i32))) (memory (export "mem") 1))"#;
        expect_load_error(Ok(wat), |e| matches!(e, LoadError::LegacyGoModule))
    }),
    ("unknown_imports_are_named", || {
        let wat = r#"(module (import "env" "abort" (func)) (memory (export "mem") 1))"#;
        expect_load_error(
            Ok(wat),
            |e| matches!(e, LoadError::UnknownImport { module, name } if module == "env" && name == "abort"),
        )
    }),
    ("wrong_import_signatures_are_named", || {
        let wat = r#"(module (import "gojs" "syscall/js.valueGet" (func (param i64))) (memory (export "mem") 1))"#;
        expect_load_error(
            Ok(wat),
            |e| matches!(e, LoadError::Signature { name, .. } if name == "gojs.syscall/js.valueGet"),
        )
    }),
    ("missing_exports_are_named", || {
        let wat = r#"(module (memory (export "mem") 1) (func (export "resume")) (func (export "getsp") (result i32) (i32.const 0)))"#;
        expect_load_error(Ok(wat), |e| matches!(e, LoadError::MissingExport("run")))
    }),
    ("duplicate_imports_are_tolerated", || {
        // `guest` imports valueGet twice, as some Go builds do.
        let out = run_wat(&guest(&exit("(i32.const 5)")))?;
        if out.code == 5 {
            Ok(())
        } else {
            Err(format!("exit {}", out.code))
        }
    }),
    ("out_of_bounds_sp_is_a_range_error", || {
        // valueGet reads its frame at sp+8..sp+40: past the end of memory.
        let out = run_wat(&guest("(call $get (i32.const 65530))"))?;
        stderr_starts(&out, "RangeError")?;
        if out.code == 1 {
            Ok(())
        } else {
            Err(format!("exit {}", out.code))
        }
    }),
    ("out_of_bounds_write_is_a_range_error", || {
        // wasmWrite(fd=1, p=0, n=1<<30).
        let body = "(i64.store (i32.const 1032) (i64.const 1)) (i64.store (i32.const 1040) (i64.const 0)) (i32.store (i32.const 1048) (i32.const 1073741824)) (call $write (i32.const 1024))";
        let out = run_wat(&guest(body))?;
        stderr_starts(&out, "RangeError")?;
        if out.code == 1 && out.stdout.is_empty() {
            Ok(())
        } else {
            Err(format!("exit {}", out.code))
        }
    }),
    ("unknown_ref_ids_read_as_undefined", || {
        // valueGet(ref id 999999, "Object"): Reflect.get(undefined, ...) throws.
        let body = "(i64.store (i32.const 1032) (i64.const 0x7FF80001000F423F)) (i64.store (i32.const 1040) (i64.const 2048)) (i64.store (i32.const 1048) (i64.const 6)) (call $get (i32.const 1024))";
        let out = run_wat(&guest(body))?;
        stderr_starts(&out, "TypeError: Reflect.get called on non-object")?;
        if out.code == 1 {
            Ok(())
        } else {
            Err(format!("exit {}", out.code))
        }
    }),
    (
        "guarded_call_with_bad_args_hands_the_error_to_the_guest",
        || {
            // valueCall(globalThis, "Object", args = (ptr 0xFFFFFF00, len 1000)):
            // the RangeError is caught; the guest then exits 40 + ok-flag.
            let body = format!(
                "(i64.store (i32.const 1032) (i64.const 0x7FF8000100000005)) (i64.store (i32.const 1040) (i64.const 2048)) (i64.store (i32.const 1048) (i64.const 6)) (i64.store (i32.const 1056) (i64.const 0xFFFFFF00)) (i64.store (i32.const 1064) (i64.const 1000)) (call $call (i32.const 1024)) {}",
                exit("(i32.add (i32.const 40) (i32.load8_u (i32.const 1088)))")
            );
            let out = run_wat(&guest(&body))?;
            if out.code == 40 {
                Ok(())
            } else {
                Err(format!(
                    "exit {} stderr {}",
                    out.code,
                    String::from_utf8_lossy(&out.stderr)
                ))
            }
        },
    ),
    ("finalizing_unknown_and_predefined_ids_is_a_no_op", || {
        let body = format!(
            "(i64.store (i32.const 1032) (i64.const 0x7FF800010000FFFF)) (call $finalize (i32.const 1024)) (i64.store (i32.const 1032) (i64.const 0x7FF8000100000005)) (call $finalize (i32.const 1024)) (call $finalize (i32.const 1024)) {}",
            exit("(i32.const 7)")
        );
        let out = run_wat(&guest(&body))?;
        if out.code == 7 && out.stderr.is_empty() {
            Ok(())
        } else {
            Err(format!("exit {}", out.code))
        }
    }),
    (
        "an_invalid_function_is_a_load_error_when_validating_first",
        || {
            let wasm = wat::parse_str(guest_with_invalid_function(&exit("(i32.const 0)")))
                .expect("WAT encodes without type checking");
            match GoModule::new(&wasm, Compilation::ValidateFirst) {
                Err(LoadError::InvalidWasm(_)) => Ok(()),
                other => Err(format!("{other:?}")),
            }
        },
    ),
    ("an_invalid_function_is_refused_lazily_when_called", || {
        // Never called: the program runs to its exit code.
        let out = run_wat(&guest_with_invalid_function(&exit("(i32.const 3)")))?;
        if out.code != 3 {
            return Err(format!("uncalled invalid function: {out:?}"));
        }
        // Called: the run ends with a host error, never a panic.
        let body = format!("(drop (call $bad)) {}", exit("(i32.const 0)"));
        match run_wat(&guest_with_invalid_function(&body)) {
            Err(e) if e.contains("wasm trap") => Ok(()),
            other => Err(format!("{other:?}")),
        }
    }),
    ("a_trap_is_a_host_error_not_a_panic", || {
        let module = Arc::new(load(&guest("unreachable")).map_err(|e| e.to_string())?);
        match support::run(module, Run::default(), Duration::from_secs(30)) {
            Err(e) if e.contains("wasm trap") => Ok(()),
            other => Err(format!("{other:?}")),
        }
    }),
];

pub fn trials() -> Vec<Trial> {
    CASES
        .iter()
        .map(|&(name, f)| Trial::test(format!("hostile::{name}"), move || f().map_err(Into::into)))
        .collect()
}
