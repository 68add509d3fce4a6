//! A tour of every public item of `gojs-guest`, error paths included, printing
//! deterministic results (no times, no randomness, no machine-specific values).
//!
//! Ends with `keep_alive()` and a timer whose callback calls `exit(0)`.

use gojs_guest::{
    BigIntRangeError, CopyBytesError, Error, Func, JsError, NotAFunctionError, Type, Value,
    ValueError, copy_bytes_to_guest, copy_bytes_to_js, eprint, eprintln, exit, func_of, global,
    go_object, keep_alive, null, print, println, try_copy_bytes_to_guest, try_copy_bytes_to_js,
    uint8_array_from, undefined, write_fd,
};
use std::collections::{BTreeMap, HashMap};

fn section(name: &str) {
    println!("\n== {name}");
}

fn json(v: impl Into<Value>) -> String {
    global().get("JSON").call("stringify", (v,)).string()
}

fn main() {
    section("values");
    println!(
        "global: {} null: {} undefined: {} default: {}",
        global(),
        null(),
        undefined(),
        Value::default()
    );
    println!(
        "go object has _pendingEvent: {}",
        go_object().get("_pendingEvent").is_null()
    );
    println!(
        "globalThis === globalThis.globalThis: {}",
        global() == global().get("globalThis")
    );

    section("conversions (Go's ValueOf)");
    println!("bool: {} {}", Value::from(true), Value::from(false));
    println!(
        "ints: {} {} {} {} {} {} {} {} {} {} {} {}",
        Value::from(-8i8),
        Value::from(-16i16),
        Value::from(-32i32),
        Value::from(-64i64),
        Value::from(-128i128),
        Value::from(-1isize),
        Value::from(8u8),
        Value::from(16u16),
        Value::from(32u32),
        Value::from(64u64),
        Value::from(128u128),
        Value::from(7usize)
    );
    println!(
        "floats: {} {} {}",
        Value::from(1.5f32),
        Value::from(-2.25f64),
        Value::from(f64::INFINITY)
    );
    let owned = String::from("owned");
    println!(
        "strings: {} {} {} {}",
        Value::from("str"),
        Value::from(owned.clone()),
        Value::from(&owned),
        Value::from('c')
    );
    println!(
        "option: {} {}  unit: {}",
        Value::from(Some(1)),
        Value::from(None::<&str>),
        Value::from(())
    );
    println!(
        "vec {} slice {} array {}",
        json(vec![1, 2]),
        json(&["a", "b"][..]),
        json([true])
    );
    println!("btreemap {}", json(BTreeMap::from([("b", 2), ("a", 1)])));
    println!("hashmap {}", json(HashMap::from([("k", "v")])));
    let v = Value::from("shared");
    println!("&Value: {}", Value::from(&v));
    println!(
        "i64 above 2^53 goes through f64: {}",
        Value::from(9007199254740993i64)
    );
    println!(
        "lossless BigInt: {}",
        Value::bigint_from_i64(9007199254740993)
    );

    section("properties");
    let obj = Value::from(BTreeMap::from([("x", 1)]));
    obj.set("y", "two");
    println!(
        "get x={} y={} missing={}",
        obj.get("x"),
        obj.get("y"),
        obj.get("missing")
    );
    obj.delete("x");
    println!("after delete: {}", json(&obj));
    println!("try_get on null: {}", show(null().try_get("x")));
    println!("try_set on 1: {}", show(Value::from(1).try_set("x", 1)));
    println!(
        "try_delete on 'str': {}",
        show(Value::from("s").try_delete("x"))
    );
    let arr = Value::from(vec![10, 20]);
    arr.set_index(2, 30);
    println!(
        "index 0={} length={} {}",
        arr.index(0),
        arr.length(),
        json(&arr)
    );
    println!(
        "try_index on true: {}",
        show(Value::from(true).try_index(0))
    );
    println!(
        "try_set_index on undefined: {}",
        show(undefined().try_set_index(0, 1))
    );
    println!("try_length on 5: {}", show(Value::from(5).try_length()));

    section("calls (tuples, slices, arrays, Vecs as argument lists)");
    let math = global().get("Math");
    println!("call () {}", math.call("max", ()));
    println!("call tuple {}", math.call("max", (1, 2.5, 2u8)));
    println!(
        "call &[Value] {}",
        math.call("min", &[Value::from(4), Value::from(3)][..])
    );
    println!(
        "call [Value; 2] {}",
        math.call("min", [Value::from(9), Value::from(8)])
    );
    println!("call &[Value; 1] {}", math.call("abs", &[Value::from(-6)]));
    let list = vec![Value::from(5), Value::from(6)];
    println!(
        "call &Vec {} Vec {}",
        math.call("max", &list),
        math.call("max", list.clone())
    );
    println!(
        "one array as one argument: {}",
        global().get("Array").call("isArray", (list,))
    );
    let parse_int = global().get("parseInt");
    println!("invoke {}", parse_int.invoke(("ff", 16)));
    let date = global().get("Date").new((86_400_000,));
    println!(
        "new Date(86400000).toISOString() = {}",
        date.call("toISOString", ())
    );
    let thrower = global()
        .get("Function")
        .new(("throw new SyntaxError('bad')",));
    println!("try_invoke throwing: {}", show(thrower.try_invoke(())));
    println!("try_call missing: {}", show(math.try_call("nope", ())));
    println!("try_new on object: {}", show(math.try_new(())));

    section("types and predicates");
    let samples: Vec<(&str, Value)> = vec![
        ("undefined", undefined()),
        ("null", null()),
        ("false", false.into()),
        ("NaN", f64::NAN.into()),
        ("''", "".into()),
        ("Math", math.clone()),
        ("parseInt", parse_int.clone()),
        ("Symbol", global().get("Symbol").invoke(())),
        ("1n", Value::bigint_from_u64(1)),
    ];
    for (label, v) in &samples {
        let t = v.type_of();
        println!(
            "{label}: type={t} name={} is_object={} truthy={} undefined={} null={} nan={}",
            t.name(),
            t.is_object(),
            v.truthy(),
            v.is_undefined(),
            v.is_null(),
            v.is_nan()
        );
    }
    println!(
        "instance_of: date/Date={} obj/Date={}",
        date.instance_of(&global().get("Date")),
        obj.instance_of(&global().get("Date"))
    );
    println!(
        "equal: {} {} == {}",
        Value::from("a").equal(&Value::from("a")),
        Value::from(f64::NAN).equal(&Value::from(f64::NAN)),
        obj == obj.clone()
    );
    println!(
        "Value::from(1).type_of() == Type::Number: {}",
        Value::from(1).type_of() == Type::Number
    );

    section("extractors");
    println!(
        "int {} float {} bool {} string {:?}",
        Value::from(-3.9).int(),
        Value::from(0.5).float(),
        Value::from(true).bool(),
        Value::from("text").string()
    );
    println!(
        "string of non-strings: {} {} {}",
        Value::from(5).string(),
        obj.string(),
        parse_int.string()
    );
    println!("Debug: {:?} {:?}", Value::from("q"), Value::from(2));
    println!("try_int on 'x': {}", show(Value::from("x").try_int()));
    println!("try_float on null: {}", show(null().try_float()));
    println!("try_bool on 0: {}", show(Value::from(0).try_bool()));
    let big = Value::bigint_from_i64(-42);
    println!(
        "bigint_to_i64 {} bigint_to_u64 of 42n {}",
        big.bigint_to_i64(),
        Value::bigint_from_u64(42).bigint_to_u64()
    );
    println!(
        "try_bigint_to_u64 of -42n: {}",
        show(big.try_bigint_to_u64())
    );
    println!(
        "try_bigint_to_i64 of 'x': {}",
        show(Value::from("x").try_bigint_to_i64())
    );

    section("errors");
    let value_error: ValueError = Value::from("s").try_int().unwrap_err();
    println!(
        "ValueError method={} type={} | {}",
        value_error.method(),
        value_error.value_type(),
        value_error
    );
    let Err(Error::NotAFunction(not_fn)) = math.try_call("PI", ()) else {
        unreachable!()
    };
    let not_fn: NotAFunctionError = not_fn;
    println!(
        "NotAFunctionError property={} got={} | {}",
        not_fn.property(),
        not_fn.got(),
        not_fn
    );
    let Err(Error::Js(js_error)) = thrower.try_invoke(()) else {
        unreachable!()
    };
    let js_error: JsError = js_error;
    println!(
        "JsError message={:?} name={} | {}",
        js_error.message(),
        js_error.value().get("name"),
        js_error
    );
    let copy_error: CopyBytesError = try_copy_bytes_to_js(&obj, b"x").unwrap_err();
    println!("CopyBytesError {:?} | {}", copy_error, copy_error);
    let Err(Error::BigIntRange(range)) = Value::bigint_from_u64(u64::MAX).try_bigint_to_i64()
    else {
        unreachable!()
    };
    let range: BigIntRangeError = range;
    println!("BigIntRangeError digits={} | {}", range.digits(), range);
    let as_error: Error = value_error.into();
    println!(
        "Error::from(ValueError) source: {}",
        std::error::Error::source(&as_error).is_some()
    );

    section("byte copies");
    let u8a = uint8_array_from(&[1, 2, 3, 4]);
    let mut two = [0u8; 2];
    println!(
        "to guest: n={} {:?}",
        copy_bytes_to_guest(&mut two, &u8a),
        two
    );
    println!(
        "to js: n={} {}",
        copy_bytes_to_js(&u8a, &[9, 8, 7, 6, 5]),
        json(global().get("Array").call("from", (&u8a,)))
    );
    println!(
        "try to guest from Array: {}",
        show(try_copy_bytes_to_guest(&mut two, &arr))
    );

    section("functions");
    let add: Func = func_of(|_this, args| args[0].float() + args[1].float());
    println!("Func Debug: {add:?}");
    println!(
        "through Deref: {} typeof={}",
        add.invoke((1, 2)),
        add.type_of()
    );
    println!("through value(): {}", add.value().invoke((3, 4)));
    println!(
        "as argument: {}",
        global()
            .get("Array")
            .call("of", (1, 2, 3))
            .call("reduce", (&add, 0))
    );
    println!("as Value: {}", Value::from(&add).type_of());
    println!("live funcs: {}", gojs_guest::live_funcs());
    let kept = add.value().clone();
    add.release();
    println!(
        "released; JS still holds it: {} live funcs: {}",
        kept.type_of(),
        gojs_guest::live_funcs()
    );
    drop(func_of(|_this, _args| ()));
    println!("dropped one; live funcs: {}", gojs_guest::live_funcs());

    section("arguments and environment");
    let args = gojs_guest::args();
    println!("args after the program: {:?}", &args[1..]);
    println!("PATH is set: {}", gojs_guest::env_var("PATH").is_some());
    println!(
        "env is sorted: {}",
        gojs_guest::env().windows(2).all(|w| w[0].0 <= w[1].0)
    );

    section("output");
    print!("print! ");
    println!("then println!");
    eprint!("eprint! ");
    eprintln!("then eprintln!");
    write_fd(1, "write_fd(1, bytes) ünïcödé\n".as_bytes());
    write_fd(2, b"write_fd(2, bytes)\n");

    section("life cycle");
    let done = func_of(|_this, _args| -> Value {
        println!("timer callback: exit(0)");
        exit(0)
    });
    global().call("setTimeout", (done.forget(), 1));
    keep_alive();
    println!("main returns; keep_alive() keeps the guest for the timer");
}

/// `Ok(..)` / `Err(message)` with the value in Go's `String()` form.
fn show<T: ShowOk>(r: Result<T, impl std::fmt::Display>) -> String {
    match r {
        Ok(v) => format!("Ok({})", v.show()),
        Err(e) => format!("Err({e})"),
    }
}

trait ShowOk {
    fn show(&self) -> String;
}

impl ShowOk for Value {
    fn show(&self) -> String {
        self.string()
    }
}

macro_rules! show_debug {
    ($($t:ty),*) => {$(
        impl ShowOk for $t {
            fn show(&self) -> String {
                format!("{self:?}")
            }
        }
    )*};
}

show_debug!((), i64, u64, f64, bool, usize);

gojs_guest::main!(main);
