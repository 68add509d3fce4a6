//! A Rust "reactor": `main` registers functions on `globalThis.rustReactor` and
//! parks ([`keep_alive`]); JavaScript drives it from then on, as npm packages
//! built from Go wasm are used. The twin of `conformance/go/reactor/main.go`
//! (same API, same call list `conformance/node/reactor-calls.json`, driven by
//! `conformance/node/reactor-driver.mjs`; goldens in
//! `conformance/goldens/reactor/rust.*`).
//!
//! `globalThis.rustReactor`, every function a `func_of` kept for the program's
//! lifetime (`forget`):
//!
//! - `add(a, b)`: `a + b` (`f64`);
//! - `concat(...s)`: prefix + the arguments' `string()`s (prefix from
//!   `rustReactorPreload.prefix` when that global exists as `main` starts);
//! - `echo(v)`: `v` itself;
//! - `upper(s)`: `str::to_uppercase` (full Unicode mapping: `ß` → `SS`, where
//!   Go's `strings.ToUpper` keeps `ß`);
//! - `sum(u8)`: sum of a `Uint8Array`'s bytes (`copy_bytes_to_guest`);
//! - `bytes(n)`: `new Uint8Array(n)` holding `0..n-1 mod 256` (`copy_bytes_to_js`);
//! - `object()`: a plain object from a `BTreeMap` (keys in sorted order);
//! - `later(ms, v)`: `new Promise(executor)`, the executor a `func_of` run
//!   re-entrantly inside the `new`; resolved with `v` from a `setTimeout(ms)`
//!   callback (no goroutines: a JS timer plays the sleeping goroutine);
//! - `fail(msg)`: a Promise rejected with `new Error(msg)` from a
//!   `setTimeout(0)` callback;
//! - `throws(msg)`: throws `new TypeError(msg)` to its caller through a JS
//!   wrapper (a callback has no supported way to throw: `_makeFuncWrapper` returns
//!   only `event.result`, and a Rust panic ends the program);
//! - `callHost(name, ...a)`: `globalThis[name](...a)`;
//! - `callHostAsync(name, ...a)`: `r = globalThis[name](...a)`; if `r` is a
//!   Promise, a new Promise settled with `r`'s outcome by Rust `.then`
//!   callbacks; otherwise `r`;
//! - `counter()`: 1, 2, 3, … (guest state across calls);
//! - `tick(n, ms)`: a Promise resolved with `n` after `n` ticks of
//!   `setInterval(ms)`;
//! - `exit(code)`: [`exit`].
//!
//! With `--handshake NAME` in the arguments, `main` first calls
//! `globalThis[NAME](api)` with the same object (before `rustReactor` is set).
//! Nothing is printed: output is the driver's.

use gojs_guest::{
    Func, Value, args, copy_bytes_to_guest, exit, func_of, global, keep_alive, null,
    uint8_array_from, undefined,
};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

/// `args[i]`, or `undefined` when the caller passed fewer arguments.
fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_else(undefined)
}

/// `new Promise(executor)` and the `resolve`/`reject` the executor (a
/// `func_of`, run re-entrantly inside `new`, released right after) stored.
fn new_promise() -> (Value, Value, Value) {
    let slot: Rc<RefCell<Option<(Value, Value)>>> = Rc::default();
    let executor = {
        let slot = slot.clone();
        func_of(move |_this, args| {
            *slot.borrow_mut() = Some((arg(args, 0), arg(args, 1)));
        })
    };
    let promise = global().get("Promise").new((&executor,));
    drop(executor);
    let (resolve, reject) = slot.take().expect("the Promise executor runs inside `new`");
    (promise, resolve, reject)
}

/// A set of JS functions that release all of themselves together the first
/// time any one of them is called (after running `f` with that function's
/// index and arguments): one-shot timer callbacks and `then(onOk, onErr)`
/// pairs, of which only one is ever called.
fn one_shot<F: FnOnce(usize, &[Value]) + 'static>(count: usize, f: F) -> Vec<Value> {
    let funcs: Rc<RefCell<Vec<Func>>> = Rc::default();
    let body = Rc::new(RefCell::new(Some(f)));
    for index in 0..count {
        let (funcs_, body) = (funcs.clone(), body.clone());
        let func = func_of(move |_this, args| {
            let f = body.borrow_mut().take();
            // Released while running is allowed: this call finishes.
            let released = std::mem::take(&mut *funcs_.borrow_mut());
            drop(released);
            if let Some(f) = f {
                f(index, args);
            }
        });
        funcs.borrow_mut().push(func);
    }
    funcs.borrow().iter().map(|f| f.value().clone()).collect()
}

/// `setTimeout(once, ms)`, `f` run once by the timer.
fn set_timeout(ms: f64, f: impl FnOnce() + 'static) {
    let callback = one_shot(1, move |_, _| f());
    global().call("setTimeout", (&callback[0], ms));
}

/// `globalThis[args[0]](...args[1..])`.
fn call_host(args: &[Value]) -> Value {
    let rest = args.get(1..).unwrap_or_default();
    global().get(&arg(args, 0).string()).invoke(rest)
}

/// Registers `f` on `api` under `name`, for the program's lifetime.
fn export<R: Into<Value>>(api: &Value, name: &str, f: impl Fn(&[Value]) -> R + 'static) {
    api.set(name, func_of(move |_this, args| f(args)).forget());
}

fn main() {
    let preload = global().get("rustReactorPreload");
    let prefix = if preload.is_undefined() {
        String::new()
    } else {
        preload.get("prefix").string()
    };
    let count = Cell::new(0i64);

    let api = global().get("Object").new(());
    export(&api, "add", |a| arg(a, 0).float() + arg(a, 1).float());
    export(&api, "bytes", |a| {
        let n = arg(a, 0).int() as usize;
        let bytes: Vec<u8> = (0..n).map(|i| i as u8).collect();
        uint8_array_from(&bytes) // new Uint8Array(n) + copy_bytes_to_js
    });
    export(&api, "callHost", call_host);
    export(&api, "callHostAsync", |a| {
        let r = call_host(a);
        if !r.instance_of(&global().get("Promise")) {
            return r;
        }
        let (promise, resolve, reject) = new_promise();
        let handlers = one_shot(2, move |which, args| {
            let settle = if which == 0 { &resolve } else { &reject };
            settle.invoke((arg(args, 0),));
        });
        r.call("then", (&handlers[0], &handlers[1]));
        promise
    });
    export(&api, "concat", move |a| {
        let mut s = prefix.clone();
        for v in a {
            s += &v.string();
        }
        s
    });
    export(&api, "counter", move |_| {
        count.set(count.get() + 1);
        count.get()
    });
    export(&api, "echo", |a| arg(a, 0));
    export(&api, "exit", |a| -> Value { exit(arg(a, 0).int() as i32) });
    export(&api, "fail", |a| {
        let msg = arg(a, 0).string();
        let (promise, _, reject) = new_promise();
        set_timeout(0.0, move || {
            reject.invoke((global().get("Error").new((msg,)),));
        });
        promise
    });
    export(&api, "later", |a| {
        let (ms, value) = (arg(a, 0).float(), arg(a, 1));
        let (promise, resolve, _) = new_promise();
        set_timeout(ms, move || {
            resolve.invoke((value,));
        });
        promise
    });
    export(&api, "object", |_| {
        let nested = BTreeMap::from([
            ("deep", Value::from(BTreeMap::from([("x", -1)]))),
            ("empty", BTreeMap::<&str, Value>::new().into()),
            ("s", "ünï😀".into()),
        ]);
        Value::from(BTreeMap::from([
            ("name", Value::from("reactor")),
            ("count", 3.into()),
            ("ratio", 0.5.into()),
            ("ok", true.into()),
            ("none", null()),
            (
                "list",
                vec![
                    Value::from(1),
                    "two".into(),
                    false.into(),
                    null(),
                    vec![3.5].into(),
                ]
                .into(),
            ),
            ("nested", nested.into()),
        ]))
    });
    export(&api, "sum", |a| {
        let src = arg(a, 0);
        let mut buf = vec![0u8; src.length().max(0) as usize];
        copy_bytes_to_guest(&mut buf, &src);
        buf.iter().map(|&b| u64::from(b)).sum::<u64>()
    });
    export(&api, "tick", |a| {
        let (n, ms) = (arg(a, 0).int(), arg(a, 1).float());
        let (promise, resolve, _) = new_promise();
        if n <= 0 {
            resolve.invoke((0,));
            return promise;
        }
        let ticks = Cell::new(0i64);
        let interval = Rc::new(RefCell::new(undefined()));
        let slot: Rc<RefCell<Option<Func>>> = Rc::default();
        let on_tick = {
            let (interval, slot) = (interval.clone(), slot.clone());
            func_of(move |_this, _args| {
                ticks.set(ticks.get() + 1);
                if ticks.get() >= n {
                    global().call("clearInterval", (&*interval.borrow(),));
                    drop(slot.take()); // release this callback (it finishes)
                    resolve.invoke((ticks.get(),));
                }
            })
        };
        *interval.borrow_mut() = global().call("setInterval", (&on_tick, ms));
        *slot.borrow_mut() = Some(on_tick);
        promise
    });
    // throws: the Rust part returns the error, a JS wrapper throws it.
    let throws_impl = func_of(|_this, a| global().get("TypeError").new((arg(a, 0),))).forget();
    let thrower = global().get("Function").new((
        "impl",
        "return function throws(...args) { throw impl.apply(this, args); };",
    ));
    api.set("throws", thrower.invoke((throws_impl,)));
    export(&api, "upper", |a| arg(a, 0).string().to_uppercase());

    let argv = args();
    if let Some(i) = argv.iter().position(|a| a == "--handshake")
        && let Some(name) = argv.get(i + 1)
    {
        global().call(name, (&api,));
    }
    global().set("rustReactor", &api);
    keep_alive();
}

gojs_guest::main!(main);
