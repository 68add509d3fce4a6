//! One guest, many cases: `conformance_cases.wasm <case>` runs one case of the
//! `syscall/js` contract and prints deterministic results; without an argument
//! it lists the cases, one per line. `scripts/record-rust-goldens.sh` records
//! every case under node as a golden.
//!
//! Cases that end in a panic or an explicit exit say so in their doc comment.

use gojs_guest::{
    Error, Type, Value, copy_bytes_to_guest, copy_bytes_to_js, eprintln, exit, func_of, global,
    go_object, keep_alive, null, println, try_copy_bytes_to_guest, try_copy_bytes_to_js, undefined,
};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

/// Every case: name, what it pins, function.
const CASES: &[(&str, fn())] = &[
    ("get_missing", get_missing),
    ("call_throw", call_throw),
    ("call_throw_panic", call_throw_panic),
    ("call_errors", call_errors),
    ("not_a_function_panic", not_a_function_panic),
    ("get_on_non_object_panic", get_on_non_object_panic),
    ("extract_mismatch", extract_mismatch),
    ("int_mismatch_panic", int_mismatch_panic),
    ("float_mismatch_panic", float_mismatch_panic),
    ("bool_mismatch_panic", bool_mismatch_panic),
    ("null_for_none", null_for_none),
    ("int64", int64),
    ("bigint", bigint),
    ("released_func", released_func),
    ("object_ops", object_ops),
    ("type_and_truthy", type_and_truthy),
    ("string_of_non_strings", string_of_non_strings),
    ("unicode_strings", unicode_strings),
    ("string_interning", string_interning),
    ("collections", collections),
    ("copy_bytes", copy_bytes),
    (
        "copy_bytes_to_guest_wrong_type_panic",
        copy_bytes_to_guest_wrong_type_panic,
    ),
    (
        "copy_bytes_to_js_wrong_type_panic",
        copy_bytes_to_js_wrong_type_panic,
    ),
    ("uint8_clamped_array", uint8_clamped_array),
    ("nested_callbacks", nested_callbacks),
    ("callback_this_args_result", callback_this_args_result),
    ("timers", timers),
    ("memory_growth", memory_growth),
    ("table_slots", table_slots),
    ("args_env", args_env),
    ("stdout_stderr", stdout_stderr),
    ("large_output", large_output),
    (
        "large_output_after_console_log",
        large_output_after_console_log,
    ),
    ("exit_code_in_callback", exit_code_in_callback),
    ("panic_in_callback", panic_in_callback),
    (
        "main_returns_with_pending_timer",
        main_returns_with_pending_timer,
    ),
    ("idle_exit", idle_exit),
];

fn main() {
    let Some(name) = gojs_guest::args().get(1) else {
        for (name, _) in CASES {
            println!("{name}");
        }
        return;
    };
    match CASES.iter().find(|(n, _)| n == name) {
        Some((_, case)) => case(),
        None => {
            eprintln!("unknown case {name:?}");
            exit(64);
        }
    }
}

gojs_guest::main!(main);

// ---- helpers -------------------------------------------------------------

/// `new Function(...params, body)`.
fn js_function(params: &[&str], body: &str) -> Value {
    let mut parts: Vec<Value> = params.iter().map(|&p| Value::from(p)).collect();
    parts.push(body.into());
    global().get("Function").new(parts)
}

/// Evaluates a JavaScript expression.
fn js(expr: &str) -> Value {
    js_function(&[], &format!("return ({expr});")).invoke(())
}

fn json(v: &Value) -> String {
    global().get("JSON").call("stringify", (v,)).string()
}

fn result<T: std::fmt::Debug>(r: Result<T, impl std::fmt::Display>) -> String {
    match r {
        Ok(v) => format!("Ok({v:?})"),
        Err(e) => format!("Err({e})"),
    }
}

// ---- cases ---------------------------------------------------------------

/// `Get` of a missing property is `undefined`, not an error.
fn get_missing() {
    let obj = js("{a: 1}");
    let missing = obj.get("b");
    println!(
        "obj.b: {} type={} is_undefined={}",
        missing,
        missing.type_of(),
        missing.is_undefined()
    );
    println!("globalThis.noSuchGlobal: {}", global().get("noSuchGlobal"));
    println!("obj.a: {}", obj.get("a"));
    println!(
        "try_get on object: {:?}",
        obj.try_get("b").map(|v| v.is_undefined())
    );
}

/// A throwing call/invoke/new comes back as `Error::Js` from the `try_` forms.
fn call_throw() {
    let obj = js(
        "{ boom() { throw new TypeError('boom'); }, obj() { throw {message: 5}; }, str() { throw 'x'; } }",
    );
    for m in ["boom", "obj", "str"] {
        match obj.try_call(m, ()) {
            Err(Error::Js(e)) => println!("call {m}: {e} | message={}", e.message()),
            other => println!("call {m}: unexpected {other:?}"),
        }
    }
    let thrower = js_function(&[], "throw new RangeError('from invoke')");
    if let Err(Error::Js(e)) = thrower.try_invoke(()) {
        println!(
            "invoke: {e} | name={} | instanceof RangeError={}",
            e.value().get("name"),
            e.value().instance_of(&global().get("RangeError"))
        );
    }
    let ctor = js("class Bad { constructor(x) { throw new Error('no ' + x); } }");
    println!("new: {}", result(ctor.try_new((7,))));
}

/// A throwing call without `try_` panics: `panic: JavaScript error: boom`, exit 2.
fn call_throw_panic() {
    let obj = js("{ boom() { throw new Error('boom'); } }");
    println!("calling");
    obj.call("boom", ());
    println!("unreachable");
}

/// How a failed call is classified, with Go's messages.
fn call_errors() {
    println!(
        "call on undefined: {}",
        result(undefined().try_call("x", ()))
    );
    println!(
        "call on number: {}",
        result(Value::from(5).try_call("toFixed", (1,)).map(|v| v.string()))
    );
    println!(
        "call missing method: {}",
        result(global().try_call("nope", ()))
    );
    println!(
        "call non-function property: {}",
        result(js("{n: 1}").try_call("n", ()))
    );
    println!("invoke object: {}", result(js("{}").try_invoke(())));
    println!("invoke undefined: {}", result(undefined().try_invoke((1,))));
    println!("new number: {}", result(Value::from(3).try_new(())));
    println!("new arrow fn: {}", result(js("() => 1").try_new(())));
    let e = global().try_call("nope", ()).unwrap_err();
    println!(
        "std::error::Error source: {}",
        std::error::Error::source(&e)
            .map(|s| s.to_string())
            .unwrap_or_default()
    );
}

/// `panic: syscall/js: Value.Call: property nope is not a function, got undefined`, exit 2.
fn not_a_function_panic() {
    global().call("nope", ());
}

/// `panic: syscall/js: call of Value.Get on number`, exit 2.
fn get_on_non_object_panic() {
    Value::from(5).get("x");
}

/// `int`/`float`/`bool` on the wrong type, through the `try_` forms.
fn extract_mismatch() {
    let samples = [
        ("undefined", undefined()),
        ("null", null()),
        ("true", Value::from(true)),
        ("1.5", Value::from(1.5)),
        ("NaN", Value::from(f64::NAN)),
        ("'s'", Value::from("s")),
        ("{}", js("{}")),
        ("fn", js("() => 0")),
        ("symbol", js("Symbol('s')")),
    ];
    for (label, v) in &samples {
        println!(
            "{label}: int={} float={} bool={}",
            result(v.try_int()),
            result(v.try_float()),
            result(v.try_bool())
        );
    }
}

/// `panic: syscall/js: call of Value.Int on string`, exit 2.
fn int_mismatch_panic() {
    Value::from("s").int();
}

/// `panic: syscall/js: call of Value.Float on boolean`, exit 2.
fn float_mismatch_panic() {
    Value::from(true).float();
}

/// `panic: syscall/js: call of Value.Bool on number`, exit 2.
fn bool_mismatch_panic() {
    Value::from(1).bool();
}

/// `None` is `null`; `Some(x)` is `x`.
fn null_for_none() {
    let typeof_ = js_function(&["v"], "return v === null ? 'null' : typeof v");
    println!(
        "None::<i32>: {} {}",
        Value::from(None::<i32>),
        typeof_.invoke((None::<i32>,))
    );
    println!(
        "Some(5): {} {}",
        Value::from(Some(5)),
        typeof_.invoke((Some(5),))
    );
    println!("Some(\"s\"): {}", typeof_.invoke((Some("s"),)));
    println!("(): {}", typeof_.invoke(((),)));
    let obj = js("{}");
    obj.set("n", None::<Value>);
    println!("obj after set(None): {}", json(&obj));
}

/// 64-bit integers through `f64` lose precision exactly as in Go.
fn int64() {
    let cases: [(&str, Value); 7] = [
        ("2^53-1", Value::from(9007199254740991i64)),
        ("2^53", Value::from(9007199254740992i64)),
        ("2^53+1", Value::from(9007199254740993i64)),
        ("i64::MAX", Value::from(i64::MAX)),
        ("i64::MIN", Value::from(i64::MIN)),
        ("u64::MAX", Value::from(u64::MAX)),
        ("-(2^53+1)", Value::from(-9007199254740993i64)),
    ];
    for (label, v) in &cases {
        println!("{label}: {} -> int {}", v, v.int());
    }
    println!("1e300 -> int {}", Value::from(1e300).int());
    println!("-1e300 -> int {}", Value::from(-1e300).int());
    println!("NaN -> int {}", Value::from(f64::NAN).int());
    println!("-7.9 -> int {}", Value::from(-7.9).int());
    println!("u128::MAX: {}", Value::from(u128::MAX));
}

/// The lossless path Go lacks: BigInt from and to `i64`/`u64`.
fn bigint() {
    for n in [9007199254740993i64, i64::MAX, i64::MIN, 0, -1] {
        let b = Value::bigint_from_i64(n);
        println!("{n}: {} type={} back={}", b, b.type_of(), b.bigint_to_i64());
    }
    let big = Value::bigint_from_u64(u64::MAX);
    println!("u64::MAX: {} back={}", big, big.bigint_to_u64());
    println!("u64::MAX as i64: {}", result(big.try_bigint_to_i64()));
    println!(
        "-1 as u64: {}",
        result(Value::bigint_from_i64(-1).try_bigint_to_u64())
    );
    println!(
        "number as i64: {}",
        result(Value::from(5).try_bigint_to_i64())
    );
    let plus_one = js_function(&["b"], "return b + 1n");
    println!(
        "JS 2^63-1 + 1n: {}",
        plus_one.invoke((Value::bigint_from_i64(i64::MAX),))
    );
    println!(
        "truthy 0n={} 5n={}",
        Value::bigint_from_i64(0).truthy(),
        Value::bigint_from_i64(5).truthy()
    );
    println!(
        "typeof: {}",
        js_function(&["b"], "return typeof b").invoke((Value::bigint_from_i64(1),))
    );
}

/// A released function called from JavaScript logs `call to released
/// function` (console.error) and returns `undefined`.
fn released_func() {
    let f = func_of(|_this, _args| 42);
    let js_fn = f.value().clone();
    println!("before release: {}", js_fn.invoke(()));
    f.release();
    println!("after release: {}", js_fn.invoke(()));
    {
        let dropped = func_of(|_this, _args| 1);
        global().set("kept", &dropped);
    }
    println!("after drop: {}", js("globalThis.kept()"));
    let forgotten = func_of(|_this, _args| "still here").forget();
    println!("after forget: {}", forgotten.invoke(()));
    println!("live funcs: {}", gojs_guest::live_funcs());
}

/// set/delete/index/set_index/length/instance_of/equal/is_nan.
fn object_ops() {
    let obj = js("{}");
    obj.set("a", 1);
    obj.set("b", "two");
    obj.set("c", true);
    println!("after set: {}", json(&obj));
    obj.delete("b");
    obj.delete("missing");
    println!("after delete: {}", json(&obj));
    let arr = js("[10, 20, 30]");
    println!(
        "index 1: {} index 5: {} index -1: {}",
        arr.index(1),
        arr.index(5),
        arr.index(-1)
    );
    arr.set_index(1, "x");
    arr.set_index(4, 50);
    println!("after set_index: {} length={}", json(&arr), arr.length());
    println!(
        "length of {{}}: {} of {{length: -5}}: {} of fn(a,b): {}",
        js("{}").length(),
        js("{length: -5}").length(),
        js("(a, b) => 0").length()
    );
    println!(
        "length of string: {}",
        result(Value::from("abc").try_length())
    );
    let date = global().get("Date");
    let d = date.new((0,));
    println!(
        "instance_of: date/Date={} date/Object={} arr/Date={} 5/Number={}",
        d.instance_of(&date),
        d.instance_of(&global().get("Object")),
        arr.instance_of(&date),
        Value::from(5).instance_of(&global().get("Number"))
    );
    let other = js("{}");
    println!(
        "equal: obj/obj={} obj/other={} 1/1={} 0/-0={} NaN/NaN={} null/undefined={}",
        obj.equal(&obj.clone()),
        obj.equal(&other),
        Value::from(1).equal(&Value::from(1.0)),
        Value::from(0).equal(&Value::from(-0.0)),
        Value::from(f64::NAN).equal(&Value::from(f64::NAN)),
        null().equal(&undefined())
    );
    println!(
        "is_nan: NaN={} 0/0 from JS={} 1={} 'NaN'={}",
        Value::from(f64::NAN).is_nan(),
        js("0/0").is_nan(),
        Value::from(1).is_nan(),
        Value::from("NaN").is_nan()
    );
    println!("set on number: {}", result(Value::from(1).try_set("x", 1)));
    println!("delete on null: {}", result(null().try_delete("x")));
    println!(
        "index on string: {}",
        result(Value::from("abc").try_index(0))
    );
    println!(
        "set_index on bool: {}",
        result(Value::from(false).try_set_index(0, 1))
    );
}

/// `type_of`, `truthy`, `is_undefined`, `is_null` over every kind of value.
fn type_and_truthy() {
    let samples = [
        "undefined",
        "null",
        "true",
        "false",
        "0",
        "-0",
        "NaN",
        "1",
        "-Infinity",
        "''",
        "'a'",
        "Symbol()",
        "({})",
        "[]",
        "(() => 1)",
        "class {}",
        "10n",
        "0n",
        "new Number(0)",
    ];
    for src in samples {
        let v = js(src);
        println!(
            "{src}: type={} truthy={} undefined={} null={}",
            v.type_of(),
            v.truthy(),
            v.is_undefined(),
            v.is_null()
        );
    }
}

/// `string()` of non-strings is Go's `<type: value>` form.
fn string_of_non_strings() {
    for src in [
        "undefined",
        "null",
        "true",
        "false",
        "5",
        "-0",
        "1.5",
        "1e21",
        "1/3",
        "NaN",
        "-Infinity",
        "Symbol('s')",
        "({})",
        "(() => 0)",
        "12n",
        "'plain'",
        "''",
    ] {
        let v = js(src);
        println!("{src}: {:?} Display={} Debug={v:?}", v.string(), v);
    }
    for t in [
        Type::Undefined,
        Type::Null,
        Type::Boolean,
        Type::Number,
        Type::String,
        Type::Symbol,
        Type::Object,
        Type::Function,
        Type::BigInt,
    ] {
        print!("{t} ");
    }
    println!();
}

/// UTF-8 and UTF-16 strings both ways.
fn unicode_strings() {
    let samples = [
        "",
        "ascii",
        "héllo wörld",
        "日本語",
        "emoji 🎉",
        "nul\0inside",
        "tab\tnewline\n",
    ];
    let length = js_function(&["s"], "return s.length");
    let echo = js_function(&["s"], "return s");
    for s in samples {
        let v = Value::from(s);
        let back = echo.invoke((&v,)).string();
        println!(
            "{s:?}: utf16 length={} round trip={}",
            length.invoke((&v,)),
            back == s
        );
    }
    println!("lone surrogate: {:?}", js("'a\\uD800b'").string());
    println!("from char: {}", Value::from('ß'));
    let obj = js("{}");
    obj.set("ключ", "значение");
    println!("unicode key: {}", json(&obj));
}

/// Equal strings share one table slot: `equal` is true across separately
/// created values; objects compare by identity.
fn string_interning() {
    let a = Value::from("abc");
    let b = Value::from(String::from("abc"));
    let obj = js("{s: 'abc', o: {}}");
    println!("from/from: {}", a.equal(&b));
    println!("from/js: {}", a.equal(&obj.get("s")));
    println!("abc/abd: {}", a.equal(&Value::from("abd")));
    println!("same object twice: {}", obj.get("o").equal(&obj.get("o")));
    println!("two literals: {}", js("{}").equal(&js("{}")));
    let length_before = go_object().get("_values").length();
    let many: Vec<Value> = (0..100).map(|_| Value::from("interned")).collect();
    let length_after = go_object().get("_values").length();
    println!(
        "100 equal strings use {} new slot(s)",
        length_after - length_before
    );
    drop(many);
}

/// Vec, slices, arrays, maps, Option and nested values become JS arrays and objects.
fn collections() {
    println!("{}", json(&Value::from(vec![1, 2, 3])));
    println!("{}", json(&Value::from(&["a", "b"][..])));
    println!("{}", json(&Value::from([true, false])));
    println!(
        "{}",
        json(&Value::from(vec![
            Value::from(1),
            Value::from("x"),
            null(),
            Value::from(vec![2.5])
        ]))
    );
    let map = BTreeMap::from([
        ("z", Value::from(1)),
        ("a", Value::from("first")),
        ("m", Value::from(vec![1])),
    ]);
    println!("{}", json(&Value::from(map)));
    let hash = std::collections::HashMap::from([("only", 1)]);
    println!("{}", json(&Value::from(hash)));
    println!("{}", json(&Value::from(vec![Some(1), None])));
    println!("{}", json(&Value::from(Vec::<i32>::new())));
    println!(
        "array length 1 stays an array of one: {}",
        json(&Value::from(vec![7]))
    );
}

/// `copy_bytes_*` copy `min(len)` bytes and report the count.
fn copy_bytes() {
    let u8a = global().get("Uint8Array");
    let src = u8a.new((8,));
    for i in 0..8 {
        src.set_index(i, i * 10);
    }
    let mut short = [0u8; 3];
    println!(
        "to guest (dst 3, src 8): n={} {:?}",
        copy_bytes_to_guest(&mut short, &src),
        short
    );
    let mut long = [0xffu8; 10];
    println!(
        "to guest (dst 10, src 8): n={} {:?}",
        copy_bytes_to_guest(&mut long, &src),
        long
    );
    let dst = u8a.new((4,));
    println!(
        "to js (dst 4, src 6): n={} {}",
        copy_bytes_to_js(&dst, &[1, 2, 3, 4, 5, 6]),
        json(&global().get("Array").call("from", (&dst,)))
    );
    let dst = u8a.new((6,));
    println!(
        "to js (dst 6, src 2): n={} {}",
        copy_bytes_to_js(&dst, &[9, 9]),
        json(&global().get("Array").call("from", (&dst,)))
    );
    println!(
        "empty: n={} n={}",
        copy_bytes_to_guest(&mut [], &src),
        copy_bytes_to_js(&dst, &[])
    );
    let sub = src.call("subarray", (2, 5));
    let mut out = [0u8; 8];
    println!(
        "subarray(2,5): n={} {:?}",
        copy_bytes_to_guest(&mut out, &sub),
        &out[..3]
    );
    println!(
        "from array: {}",
        result(try_copy_bytes_to_guest(&mut out, &js("[1,2]")))
    );
    println!(
        "from Int8Array: {}",
        result(try_copy_bytes_to_guest(&mut out, &js("new Int8Array(2)")))
    );
    println!(
        "to Uint16Array: {}",
        result(try_copy_bytes_to_js(&js("new Uint16Array(2)"), &[1]))
    );
    println!(
        "to string: {}",
        result(try_copy_bytes_to_js(&Value::from("s"), &[1]))
    );
    println!(
        "uint8_array_from: {}",
        json(
            &global()
                .get("Array")
                .call("from", (gojs_guest::uint8_array_from(b"hi!"),))
        )
    );
}

/// `panic: syscall/js: CopyBytesToGo: expected src to be a Uint8Array or Uint8ClampedArray`, exit 2.
fn copy_bytes_to_guest_wrong_type_panic() {
    copy_bytes_to_guest(&mut [0; 4], &js("[1, 2]"));
}

/// `panic: syscall/js: CopyBytesToJS: expected dst to be a Uint8Array or Uint8ClampedArray`, exit 2.
fn copy_bytes_to_js_wrong_type_panic() {
    copy_bytes_to_js(&js("new ArrayBuffer(4)"), &[1, 2]);
}

/// `Uint8ClampedArray` is accepted both ways; no clamping happens on copy.
fn uint8_clamped_array() {
    let clamped = js("new Uint8ClampedArray([0, 128, 255, 300, -5])");
    let mut out = [0u8; 5];
    println!(
        "to guest: n={} {:?}",
        copy_bytes_to_guest(&mut out, &clamped),
        out
    );
    let n = copy_bytes_to_js(&clamped, &[255, 1, 2]);
    println!(
        "to js: n={} {}",
        n,
        json(&global().get("Array").call("from", (&clamped,)))
    );
}

/// Rust → JS → Rust, 1000 levels deep (or `args[2]`); every level's frame is
/// restored.
fn nested_callbacks() {
    let levels: i64 = gojs_guest::args()
        .get(2)
        .map_or(1000, |n| n.parse().expect("depth"));
    let depth = Rc::new(Cell::new(0));
    let max_depth = Rc::new(Cell::new(0));
    let apply = js_function(&["f", "n"], "return f(n)");
    let me: Rc<RefCell<Option<Value>>> = Rc::default();
    let f = {
        let (depth, max_depth, me, apply) =
            (depth.clone(), max_depth.clone(), me.clone(), apply.clone());
        func_of(move |_this, args| {
            let n = args[0].int();
            depth.set(depth.get() + 1);
            max_depth.set(max_depth.get().max(depth.get()));
            let r = if n == 0 {
                Value::from("bottom")
            } else {
                let me = me.borrow().clone().unwrap();
                // The result of an inner call is stored at this frame's sp.
                let inner = apply.invoke((&me, n - 1));
                Value::from(format!("{n}>{}", inner.string().len()))
            };
            depth.set(depth.get() - 1);
            r
        })
    };
    *me.borrow_mut() = Some(f.value().clone());
    let out = apply.invoke((&f, levels));
    println!(
        "result: {} max depth: {} depth after: {}",
        out,
        max_depth.get(),
        depth.get()
    );
    // The same, through call() with a string result at every level.
    let sum = func_of(|_this, args| {
        let n = args[0].int();
        if n == 0 {
            0
        } else {
            args[1].invoke((n - 1, &args[1])).int() + n
        }
    });
    println!(
        "sum 1..={levels} through JS: {}",
        sum.invoke((levels, &sum))
    );
    *me.borrow_mut() = None;
}

/// `this`, argument count, `arguments` of every type, and results of every type.
fn callback_this_args_result() {
    let inspect = func_of(|this, args| {
        let kinds: Vec<String> = args
            .iter()
            .map(|a| format!("{}:{}", a.type_of(), a))
            .collect();
        format!("this={} args=[{}]", this.type_of(), kinds.join(", "))
    });
    let call_with = js_function(
        &["f"],
        "return [f(), f.call({}, 1, 'a', null, undefined, true, [1], () => 0, 2n, Symbol.iterator), f.apply(5, [])]",
    );
    let out = call_with.invoke((&inspect,));
    for i in 0..out.length() {
        println!("{}", out.index(i));
    }
    let results = func_of(|_this, args| -> Value {
        match args[0].int() {
            0 => ().into(),
            1 => null(),
            2 => 42.into(),
            3 => "s".into(),
            4 => vec![1, 2].into(),
            _ => None::<i32>.into(),
        }
    });
    let describe = js_function(
        &["f"],
        "return [0,1,2,3,4,5].map(i => { const r = f(i); return r === null ? 'null' : typeof r + ':' + JSON.stringify(r); }).join(' ')",
    );
    println!("results: {}", describe.invoke((&results,)));
    let ctor = func_of(|this, _args| {
        this.set("made", true);
    });
    let made = js_function(&["F"], "const o = new F(); return JSON.stringify(o)").invoke((&ctor,));
    println!("as constructor: {made}");
}

/// Timers and microtasks run in JavaScript's order; the last exits explicitly
/// with code 0.
fn timers() {
    let log: Rc<RefCell<Vec<String>>> = Rc::default();
    let fired = Rc::new(Cell::new(0));
    let total = 7;
    let make = |label: &'static str| {
        let (log, fired) = (log.clone(), fired.clone());
        func_of(move |_this, _args| {
            log.borrow_mut().push(label.to_owned());
            println!("fired {label}");
            fired.set(fired.get() + 1);
            if fired.get() == total {
                println!("order: {}", log.borrow().join(" "));
                exit(0);
            }
        })
        .forget()
    };
    let set_timeout = |f: Value, ms: i32| {
        global().call("setTimeout", (f, ms));
    };
    set_timeout(make("timeout-150"), 150);
    set_timeout(make("timeout-30"), 30);
    set_timeout(make("timeout-80"), 80);
    set_timeout(make("timeout-0"), 0);
    global()
        .get("Promise")
        .call("resolve", ())
        .call("then", (make("promise-then"),));
    let chained = js_function(&["f", "g"], "Promise.resolve().then(f).then(g)");
    chained.invoke((make("promise-then-1"), make("promise-then-2")));
    println!("scheduled");
    keep_alive();
}

/// Grows linear memory past its initial size (the host must refresh its view:
/// `runtime.resetMemoryDataView`), then copies across and calls JS.
fn memory_growth() {
    let initial = pages();
    let size = 8 << 20;
    let data: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
    println!("grew: {}", pages() > initial);
    let array = gojs_guest::uint8_array_from(&data);
    let sum = js_function(
        &["a"],
        "let s = 0; for (const b of a) s = (s + b) % 1000003; return s",
    );
    let expected = data.iter().fold(0u64, |s, &b| (s + u64::from(b)) % 1000003);
    println!(
        "length {} sum js={} rust={}",
        array.length(),
        sum.invoke((&array,)),
        expected
    );
    // Grow again while JS holds the array, and inside a callback.
    let grow = func_of(|_this, args| {
        let more = vec![7u8; args[0].int() as usize];
        more.iter().map(|&b| u64::from(b)).sum::<u64>()
    });
    let before = pages();
    println!(
        "callback sum: {}",
        js_function(&["f"], "return f(16 << 20)").invoke((&grow,))
    );
    println!("grew in callback: {}", pages() > before);
    let mut back = vec![0u8; size];
    println!(
        "copied back: {} equal={}",
        copy_bytes_to_guest(&mut back, &array),
        back == data
    );
}

/// Linear memory size in 64 KiB pages.
fn pages() -> usize {
    #[cfg(target_arch = "wasm32")]
    {
        core::arch::wasm32::memory_size::<0>()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
    }
}

/// Temporaries give their table slots back: `go._values.length` does not grow.
fn table_slots() {
    let go = go_object();
    let values_len = || go.get("_values").length();
    let object = global().get("Object");
    let make_obj = js_function(&["i"], "return {i, s: 'v' + i}");
    let round = |i: i64| {
        let s = Value::from(format!("temp-{i}"));
        let o = object.new(());
        o.set("k", &s);
        let got = o.get("k");
        let made = make_obj.invoke((i,));
        let t = made.get("s");
        let c = t.clone();
        let _ = (got.string().len(), c.equal(&t));
        let f = func_of(|_this, _args| 1);
        let _ = f.invoke(()).int();
    };
    // Warm up: the first print caches `fs` and `Uint8Array` for good.
    println!("warm");
    round(0);
    let before = values_len();
    for i in 0..100_000 {
        round(i);
    }
    let after = values_len();
    println!(
        "_values.length before={before} after={after} grew={}",
        after > before
    );
    let pool = go.get("_idPool").length();
    println!("idPool holds {} free ids", pool);
    let kept: Vec<Value> = (0..1000)
        .map(|i| Value::from(format!("kept-{i}")))
        .collect();
    let with_kept = values_len();
    drop(kept);
    let after_drop = values_len();
    println!(
        "1000 kept: +{} then after drop stays {} (slots pooled, not shrunk)",
        with_kept - after,
        after_drop - after
    );
    println!("live funcs: {}", gojs_guest::live_funcs());
}

/// `args()` and `env()` as written by `run`; env values are not printed (they
/// depend on the machine).
fn args_env() {
    let args = gojs_guest::args();
    println!("argc={} args[1..]={:?}", args.len(), &args[1..]);
    println!("args[0] ends with .wasm: {}", args[0].ends_with(".wasm"));
    let keys: Vec<&str> = gojs_guest::env().iter().map(|(k, _)| k.as_str()).collect();
    println!("env keys: {keys:?}");
    println!(
        "PATH set: {} NO_SUCH set: {}",
        gojs_guest::env_var("PATH").is_some(),
        gojs_guest::env_var("NO_SUCH").is_some()
    );
    println!(
        "go.argv: {}",
        json(&go_object().get("argv").call("slice", (1,)))
    );
}

/// stdout and stderr through `fs.writeSync`, partial lines included.
fn stdout_stderr() {
    gojs_guest::print!("partial ");
    gojs_guest::print!("line");
    println!();
    gojs_guest::eprint!("to ");
    eprintln!("stderr");
    gojs_guest::write_fd(1, b"raw bytes\n");
    gojs_guest::write_fd(1, b"");
    println!("{}", "x".repeat(10));
    global().get("console").call("log", ("console.log",));
    global().get("console").call("error", ("console.error",));
}

/// 80 KiB of output in one write (more than a 64 KiB pipe buffer holds).
fn large_output() {
    let line = format!("{}\n", "0123456789abcdef".repeat(4));
    let text = line.repeat((80 << 10) / line.len());
    gojs_guest::print!("{text}");
    println!("total {}", text.len());
}

/// Like `large_output`, after `console.log` (which makes node switch a pipe on
/// fd 1 to non-blocking mode: `fs.writeSync` then writes short or throws
/// `EAGAIN`, and the SDK continues).
fn large_output_after_console_log() {
    global().get("console").call("log", ("console.log first",));
    large_output();
}

/// `exit(3)` from inside a callback nested in a JS call: nothing after it runs.
fn exit_code_in_callback() {
    let f = func_of(|_this, _args| -> Value {
        println!("exiting with 3");
        exit(3)
    });
    js_function(&["f"], "f(); throw new Error('not reached')").invoke((&f,));
    println!("unreachable");
}

/// A panic inside a callback: `panic: …`, exit 2.
fn panic_in_callback() {
    let f = func_of(|_this, args| args[0].int());
    println!("ok: {}", f.invoke((1,)));
    f.invoke(("not a number",));
    println!("unreachable");
}

/// `main` returns without `keep_alive`: exit 0 at once, the timer never fires
/// (like Go).
fn main_returns_with_pending_timer() {
    let f = func_of(|_this, _args| println!("timer fired (wrong)")).forget();
    global().call("setTimeout", (f, 0));
    println!("main returns");
}

/// `keep_alive`, one timer, then nothing left to do: node sends `{id: 0}` and
/// the guest exits 0.
fn idle_exit() {
    let f = func_of(|_this, _args| println!("timer fired; nothing left to do")).forget();
    global().call("setTimeout", (f, 5));
    keep_alive();
    println!("main returns");
}
