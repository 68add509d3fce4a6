//! This tests that a [`Reactor`] keeps its instance between calls (state
//! carries over, `_initialize` ran once), refuses calls its module cannot
//! take without dying, and is ended by a trap or `proc_exit` — every later
//! call an error, never a call into a broken instance.

use gojs_wasip1::{Command, Reactor, RunError, Val, Wasip1Module};

const LIBRARY: &str = r#"(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (global $count (mut i32) (i32.const 0))
  (func (export "_initialize") (global.set $count (i32.const 100)))
  (func (export "next") (result i32)
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (global.get $count))
  (func (export "scale") (param i64 f64) (result f64)
    (f64.mul (f64.convert_i64_s (local.get 0)) (local.get 1)))
  (func (export "boom") unreachable)
  (func (export "quit") (param i32) (call $exit (local.get 0))))"#;

fn library() -> Reactor {
    let wasm = wat::parse_str(LIBRARY).unwrap();
    let module = Wasip1Module::reactor(&wasm, Default::default()).unwrap();
    Reactor::new(&module, Command::new(["lib.wasm"])).unwrap()
}

fn i32s(values: &[Val]) -> Vec<i32> {
    values.iter().filter_map(Val::i32).collect()
}

#[test]
fn the_instance_lives_between_calls() {
    let mut lib = library();
    assert_eq!(i32s(&lib.call("next", &[]).unwrap()), [101]);
    assert_eq!(i32s(&lib.call("next", &[]).unwrap()), [102]);
    let scaled = lib
        .call("scale", &[Val::I64(3), Val::F64(0.5.into())])
        .unwrap();
    assert_eq!(scaled.first().and_then(Val::f64).map(f64::from), Some(1.5));
}

#[test]
fn calls_the_module_cannot_take_leave_it_alive() {
    let mut lib = library();
    assert!(matches!(lib.call("nothing", &[]), Err(RunError::NoExport(name)) if name == "nothing"));
    match lib.call("scale", &[Val::I32(3)]) {
        Err(RunError::Arguments {
            expected, given, ..
        }) => {
            assert_eq!((expected.as_str(), given.as_str()), ("i64, f64", "i32"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(i32s(&lib.call("next", &[]).unwrap()), [101]);
}

#[test]
fn a_trap_or_an_exit_ends_it() {
    let mut lib = library();
    assert!(matches!(lib.call("boom", &[]), Err(RunError::Trap(_))));
    assert!(matches!(lib.call("next", &[]), Err(RunError::Ended(why)) if why.contains("trap")));
    let mut lib = library();
    assert!(matches!(
        lib.call("quit", &[Val::I32(4)]),
        Err(RunError::Exited(4))
    ));
    assert!(matches!(lib.call("next", &[]), Err(RunError::Ended(_))));
}

#[test]
fn commands_and_reactors_are_told_apart() {
    let reactor = wat::parse_str(LIBRARY).unwrap();
    let command =
        wat::parse_str(r#"(module (memory (export "memory") 1) (func (export "_start")))"#)
            .unwrap();
    assert!(Wasip1Module::new(&reactor, Default::default()).is_err());
    assert!(Wasip1Module::reactor(&command, Default::default()).is_err());
}
