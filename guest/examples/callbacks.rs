//! Callbacks: Rust closures called by JavaScript synchronously (inside a call
//! the guest made) and later from `setTimeout`; a callback that releases
//! itself; a call to a released function; an explicit exit from a timer.
//!
//! Expected (stdout): the lines printed below, in order; stderr gets
//! `call to released function` from the stale call; exit code 0.

use gojs_guest::{Func, Value, exit, func_of, global, keep_alive, println};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

/// `new Function(...params, body)`.
fn js_function(params: &[&str], body: &str) -> Value {
    let mut parts: Vec<Value> = params.iter().map(|&p| Value::from(p)).collect();
    parts.push(body.into());
    global().get("Function").new(parts)
}

fn main() {
    // 1. Synchronous: Array.prototype.map calls the closure during our `call`.
    let double = func_of(|_this, args| args[0].int() * 2);
    let doubled = Value::from(vec![1, 2, 3]).call("map", (&double,));
    println!("[1,2,3].map(double) = [{}]", doubled.call("join", (",",)));

    // 2. `this` and arguments, through a method call on a JS object.
    let describe =
        func_of(|this, args| format!("this.name={} argc={}", this.get("name"), args.len()));
    let obj = Value::from(BTreeMap::from([("name", "obj")]));
    obj.set("describe", &describe);
    println!("{}", obj.call("describe", (1, "two", 3.0)));

    // 3. JS calling Rust calling JS: a JS function that calls its argument.
    let apply = js_function(&["f", "x"], "return f(x) + 1");
    println!("apply(double, 20) = {}", apply.invoke((&double, 20)).int());

    // 4. A one-shot timer callback that releases itself.
    let ticks = Rc::new(Cell::new(0));
    let slot: Rc<RefCell<Option<Func>>> = Rc::default();
    let once = {
        let (slot, ticks) = (slot.clone(), ticks.clone());
        func_of(move |_this, args| {
            ticks.set(ticks.get() + 1);
            println!("timer fired with {:?}", args[0].string());
            // Releasing while running is allowed: this call finishes.
            if let Some(me) = slot.borrow_mut().take() {
                me.release();
            }
        })
    };
    let stale = once.value().clone();
    *slot.borrow_mut() = Some(once);
    global().call("setTimeout", (&stale, 10, "payload"));

    // 5. A later timer: call the released function (Go logs `call to released
    //    function` and the call returns undefined), then exit explicitly.
    // A closure that only diverges needs its return type spelled out.
    let finish = func_of(move |_this, _args| -> Value {
        println!("ticks = {}", ticks.get());
        let r = stale.invoke(());
        println!("stale call returned {r}");
        println!("live funcs = {}", gojs_guest::live_funcs());
        exit(0)
    });
    global().call("setTimeout", (finish.forget(), 30));

    // `double` and `describe` drop (and are released) when main returns; the
    // timers keep the program alive.
    keep_alive();
    println!("main returns");
}

gojs_guest::main!(main);
