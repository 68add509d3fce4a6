//! Times one kind of boundary crossing at a time: the Rust twin of the Go
//! program `conformance/go/crossings` (same ops, same arguments, same output),
//! used by the benches in `benches/`.
//!
//! ```text
//! crossings <op> <n> [param]   set up <op>, run it n times, print "<op> <n> <elapsed ns>"
//! crossings all [scale]        every op with its default n (times scale):
//!                              "<op> <n> <elapsed ns> <ns/op>" per line
//! crossings list               the op names
//! ```
//!
//! The loop is timed with `performance.now()` around it; setup (fixture,
//! strings, buffers, live slots) is outside. Not a conformance case: its
//! output holds timings.

use gojs_guest::{
    Func, Value, args, copy_bytes_to_guest, copy_bytes_to_js, exit, func_of, global, println,
};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::rc::Rc;

/// The body of the JS function that builds the objects every op works on;
/// the same text as `fixtureJS` in `conformance/go/crossings/main.go` (a test
/// in `benches/` checks both against the boa floors' copy).
const FIXTURE_JS: &str = r#"
return {
  num: 1.5,
  obj: {},
  o1: {},
  o2: {},
  f0: function () {},
  f1: function (a) {},
  f2: function (a, b) {},
  callN: function (f, n) { for (let i = 0; i < n; i++) f(); },
  apply: function (f) { return f(); },
  apply1: function (f, x) { return f(x); },
  str: function (n) { return "x".repeat(n); },
  bytes: function (n) { return new Uint8Array(n); },
};
"#;

const MIB: usize = 1 << 20;

thread_local! {
    /// Milliseconds a loop measured itself, replacing the time measured
    /// around it (for loops whose setup cannot be taken out of them).
    static SELF_TIMED: Cell<Option<f64>> = const { Cell::new(None) };
}

/// The timed loop of one op, made by its setup.
type Loop = Box<dyn FnOnce(u64)>;

/// An op: name, default n for `all`, setup (untimed) returning the loop.
struct Op {
    name: &'static str,
    default_n: u64,
    setup: fn(&Value, u64) -> Loop,
}

/// `for _ in 0..n { body() }` as a boxed loop.
fn repeat(body: impl Fn() + 'static) -> Loop {
    Box::new(move |n| {
        for _ in 0..n {
            body();
        }
    })
}

fn noop_func() -> Func {
    func_of(|_this, _args| ())
}

/// `v.string()` of a JS string of `SIZE` bytes.
fn string_op<const SIZE: usize>(fx: &Value, _: u64) -> Loop {
    let v = fx.call("str", (SIZE,));
    repeat(move || {
        black_box(v.string());
    })
}

const OPS: &[Op] = &[
    Op {
        name: "empty",
        default_n: 10_000_000,
        setup: |_, _| {
            Box::new(|n| {
                for i in 0..n {
                    black_box(i);
                }
            })
        },
    },
    Op {
        name: "valueGet/number",
        default_n: 500_000,
        setup: |fx, _| {
            let fx = fx.clone();
            repeat(move || {
                black_box(fx.get("num"));
            })
        },
    },
    Op {
        name: "valueGet/object",
        default_n: 500_000,
        setup: |fx, _| {
            let fx = fx.clone();
            repeat(move || {
                black_box(fx.get("obj"));
            })
        },
    },
    Op {
        name: "valueSet/number",
        default_n: 500_000,
        setup: |fx, _| {
            let fx = fx.clone();
            repeat(move || fx.set("num", 1.5))
        },
    },
    Op {
        name: "valueCall/0",
        default_n: 500_000,
        setup: |fx, _| {
            let fx = fx.clone();
            repeat(move || {
                black_box(fx.call("f0", ()));
            })
        },
    },
    Op {
        name: "valueCall/2numbers",
        default_n: 500_000,
        setup: |fx, _| {
            let fx = fx.clone();
            repeat(move || {
                black_box(fx.call("f2", (1, 2)));
            })
        },
    },
    Op {
        name: "valueCall/2objects",
        default_n: 500_000,
        setup: |fx, _| {
            let (o1, o2) = (fx.get("o1"), fx.get("o2"));
            let fx = fx.clone();
            repeat(move || {
                black_box(fx.call("f2", (&o1, &o2)));
            })
        },
    },
    Op {
        name: "valueCall/string32",
        default_n: 300_000,
        setup: |fx, _| {
            let fx = fx.clone();
            repeat(move || {
                black_box(fx.call("f1", ("0123456789abcdef0123456789abcdef",)));
            })
        },
    },
    Op {
        name: "valueInvoke/0",
        default_n: 500_000,
        setup: |fx, _| {
            let f0 = fx.get("f0");
            repeat(move || {
                black_box(f0.invoke(()));
            })
        },
    },
    Op {
        name: "valueNew/0",
        default_n: 300_000,
        setup: |_, _| {
            let object = global().get("Object");
            repeat(move || {
                black_box(object.new(()));
            })
        },
    },
    Op {
        name: "valueString/32",
        default_n: 300_000,
        setup: string_op::<32>,
    },
    Op {
        name: "valueString/1KiB",
        default_n: 100_000,
        setup: string_op::<1024>,
    },
    Op {
        name: "valueString/1MiB",
        default_n: 100,
        setup: string_op::<MIB>,
    },
    Op {
        name: "valueOf/map4",
        default_n: 100_000,
        setup: |_, _| {
            repeat(|| {
                black_box(Value::from(BTreeMap::from([
                    ("a", 1),
                    ("b", 2),
                    ("c", 3),
                    ("d", 4),
                ])));
            })
        },
    },
    Op {
        name: "callback/jsToGuest",
        default_n: 100_000,
        setup: |fx, _| {
            let fx = fx.clone();
            let f = noop_func();
            Box::new(move |n| {
                fx.call("callN", (&f, n as f64));
            })
        },
    },
    Op {
        name: "roundtrip/guestJsGuest",
        default_n: 100_000,
        setup: |fx, _| {
            let apply = fx.get("apply");
            let f = noop_func();
            repeat(move || {
                black_box(apply.invoke((&f,)));
            })
        },
    },
    Op {
        name: "copyBytes/toJS/16MiB",
        default_n: 50,
        setup: |fx, _| {
            let buf = vec![0u8; 16 * MIB];
            let dst = fx.call("bytes", (16 * MIB,));
            repeat(move || {
                black_box(copy_bytes_to_js(&dst, &buf));
            })
        },
    },
    Op {
        name: "copyBytes/toGuest/16MiB",
        default_n: 50,
        setup: |fx, _| {
            let buf = RefCell::new(vec![0u8; 16 * MIB]);
            let src = fx.call("bytes", (16 * MIB,));
            repeat(move || {
                black_box(copy_bytes_to_guest(&mut buf.borrow_mut(), &src));
            })
        },
    },
    Op {
        name: "valueSetIndex/byte",
        default_n: 500_000,
        setup: |fx, _| {
            let arr = fx.call("bytes", (MIB,));
            let i = Cell::new(0i64);
            repeat(move || {
                let k = i.get();
                arr.set_index(k & (MIB as i64 - 1), k & 255);
                i.set(k + 1);
            })
        },
    },
    Op {
        name: "valueIndex/byte",
        default_n: 500_000,
        setup: |fx, _| {
            let arr = fx.call("bytes", (MIB,));
            let i = Cell::new(0i64);
            repeat(move || {
                let k = i.get();
                black_box(arr.index(k & (MIB as i64 - 1)));
                i.set(k + 1);
            })
        },
    },
    Op {
        name: "churn/string",
        default_n: 300_000,
        setup: |_, _| {
            repeat(|| {
                black_box(Value::from("churn"));
            })
        },
    },
    // valueGet/object while `param` other table slots are live (distinct strings).
    Op {
        name: "scaling/slots",
        default_n: 300_000,
        setup: |fx, slots| {
            let keep: Vec<Value> = (0..slots).map(|i| Value::from(format!("s{i}"))).collect();
            let fx = fx.clone();
            Box::new(move |n| {
                for _ in 0..n {
                    black_box(fx.get("obj"));
                }
                // Releasing the live slots is not part of the measurement
                // (the program exits right after).
                std::mem::forget(keep);
            })
        },
    },
    // roundtrip/guestJsGuest from inside `param` nested guest→JS→guest calls;
    // the deepest callback times its own loop (the nesting itself is setup).
    Op {
        name: "scaling/nesting",
        default_n: 50_000,
        setup: |fx, depth| {
            let apply = fx.get("apply");
            let apply1 = fx.get("apply1");
            Box::new(move |n| {
                let leaf = noop_func();
                let round_trips = move || {
                    let performance = global().get("performance");
                    let start = now_ms(&performance);
                    for _ in 0..n {
                        black_box(apply.invoke((&leaf,)));
                    }
                    SELF_TIMED.set(Some(now_ms(&performance) - start));
                };
                if depth == 0 {
                    round_trips();
                    return;
                }
                let me: Rc<RefCell<Option<Value>>> = Rc::default();
                let nest = {
                    let (me, apply1) = (me.clone(), apply1.clone());
                    let round_trips = RefCell::new(Some(round_trips));
                    func_of(move |_this, args| {
                        let level = args[0].int() as u64;
                        if level < depth {
                            let f = me.borrow().clone().expect("nest is set");
                            apply1.invoke((&f, level + 1));
                        } else if let Some(run) = round_trips.borrow_mut().take() {
                            run();
                        }
                    })
                };
                *me.borrow_mut() = Some(nest.value().clone());
                apply1.invoke((&nest, 1));
                me.borrow_mut().take();
            })
        },
    },
];

fn now_ms(performance: &Value) -> f64 {
    performance.call("now", ()).float()
}

/// Runs `op`'s setup, then its loop of `n`; returns the loop's nanoseconds.
fn time_op(fx: &Value, op: &Op, n: u64, param: u64) -> u64 {
    let performance = global().get("performance");
    let run = (op.setup)(fx, param);
    SELF_TIMED.set(None);
    let start = now_ms(&performance);
    run(n);
    let ms = SELF_TIMED
        .take()
        .unwrap_or_else(|| now_ms(&performance) - start);
    (ms * 1e6).round() as u64
}

fn usage() -> ! {
    gojs_guest::eprintln!(
        "usage: crossings <op> <n> [param] | crossings all [scale] | crossings list"
    );
    exit(64)
}

fn main() {
    let argv = args();
    let Some(cmd) = argv.get(1) else { usage() };
    let fx = global().get("Function").new((FIXTURE_JS,)).invoke(());
    match cmd.as_str() {
        "list" => {
            for op in OPS {
                println!("{}", op.name);
            }
        }
        "all" => {
            let scale: f64 = match argv.get(2) {
                Some(s) => s.parse().unwrap_or_else(|_| usage()),
                None => 1.0,
            };
            for op in OPS {
                let param = match op.name {
                    "scaling/slots" => 1000,
                    "scaling/nesting" => 100,
                    _ => 0,
                };
                let n = ((op.default_n as f64 * scale) as u64).max(1);
                let ns = time_op(&fx, op, n, param);
                println!("{} {n} {ns} {:.1}", op.name, ns as f64 / n as f64);
            }
        }
        name => {
            let Some(op) = OPS.iter().find(|op| op.name == name) else {
                usage()
            };
            let Some(n) = argv.get(2).and_then(|s| s.parse::<u64>().ok()) else {
                usage()
            };
            let param = match argv.get(3) {
                Some(s) => s.parse().unwrap_or_else(|_| usage()),
                None => 0,
            };
            let ns = time_op(&fx, op, n, param);
            println!("{} {n} {ns}", op.name);
        }
    }
}

gojs_guest::main!(main);
