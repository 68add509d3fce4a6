//! [`Func`]: Rust closures callable from JavaScript (Go's `js.FuncOf`), and the
//! event handler that runs them when JavaScript calls back (`resume`).
//!
//! A closure is stored in a per-guest registry under a numeric id; JavaScript
//! holds a wrapper made by `go._makeFuncWrapper(id)`. Calling the wrapper sets
//! `go._pendingEvent = {id, this, args}` and calls the guest's `resume` export,
//! which lands in [`handle_event`]. This module does not own the exports
//! themselves ([`crate::runtime`]).

use crate::runtime;
use crate::value::{Value, global, go_object, null};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Deref;
use std::rc::Rc;

type Callback = Rc<dyn Fn(Value, &[Value]) -> Value>;

thread_local! {
    /// Live closures by id (Go's `funcs`).
    static FUNCS: RefCell<BTreeMap<u32, Callback>> = const { RefCell::new(BTreeMap::new()) };
    /// The next id (Go's `nextFuncID`); 0 is the deadlock event, never a function.
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// A Rust closure wrapped as a JavaScript function (Go's `js.Func`).
///
/// `Func` dereferences to the JavaScript function [`Value`], so it can be
/// passed as an argument (`&func`), stored (`obj.set("cb", &func)`) or called
/// (`func.invoke(())`).
///
/// # Lifetime
///
/// Dropping a `Func` releases it, like wasm-bindgen's `Closure` and unlike Go
/// (where forgetting `Release` leaks): the closure is removed and its table
/// slot given back. JavaScript may still hold the function; calling it then
/// prints `call to released function` with `console.error` and returns
/// `undefined`, exactly as Go does. Keep the `Func` alive as long as
/// JavaScript may call it, or call [`Func::forget`] for a callback that lives
/// as long as the program.
///
/// Releasing while the closure is running is allowed (the running call
/// finishes).
#[must_use = "dropping a Func releases it: JavaScript calls then log `call to released function`"]
pub struct Func {
    value: Value,
    id: u32,
}

/// Wraps `f` as a JavaScript function (Go's `js.FuncOf`).
///
/// `f` receives JavaScript's `this` and the call's arguments; its result goes
/// back to the JavaScript caller (`()` becomes `undefined`; return [`null()`]
/// or `None::<Value>` to mirror a Go callback returning `nil`).
///
/// The closure runs synchronously on the guest's only thread, nested inside
/// whatever JavaScript called it, and may itself call JavaScript, which may
/// call it again: it is `Fn`, not `FnMut`; use `Cell`/`RefCell` for state.
///
/// A panic in `f` ends the program with exit code 2, like a Go panic.
///
/// # Panics
///
/// If 2³² − 1 functions have already been created in this program (ids are
/// never reused, as in Go).
pub fn func_of<F, R>(f: F) -> Func
where
    F: Fn(Value, &[Value]) -> R + 'static,
    R: Into<Value>,
{
    let id = NEXT_ID.get();
    NEXT_ID.set(id.checked_add(1).expect("gojs-guest: out of function ids"));
    let callback: Callback = Rc::new(move |this, args| f(this, args).into());
    FUNCS.with_borrow_mut(|funcs| funcs.insert(id, callback));
    let value = go_object().call("_makeFuncWrapper", (id,));
    Func { value, id }
}

impl Func {
    /// The JavaScript function.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// Releases the function now (Go's `Func.Release`); same as dropping it.
    pub fn release(self) {
        drop(self);
    }

    /// Keeps the closure registered for the rest of the program and returns
    /// the JavaScript function. Use it for callbacks that live as long as the
    /// program (`addEventListener`, a `setInterval` tick): it is the explicit,
    /// named leak.
    pub fn forget(self) -> Value {
        let this = std::mem::ManuallyDrop::new(self);
        this.value.clone()
    }
}

impl Drop for Func {
    fn drop(&mut self) {
        // The closure is moved out before it is dropped, so a closure whose
        // captures release other Funcs never re-borrows the registry.
        let closure = FUNCS.with_borrow_mut(|funcs| funcs.remove(&self.id));
        drop(closure);
    }
}

impl Deref for Func {
    type Target = Value;

    fn deref(&self) -> &Value {
        &self.value
    }
}

impl fmt::Debug for Func {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Func").field("id", &self.id).finish()
    }
}

/// How many closures are registered (and not released or dropped).
pub fn live_funcs() -> usize {
    FUNCS.with_borrow(BTreeMap::len)
}

/// Handles `go._pendingEvent` (Go's `handleEvent`), called by `resume`.
pub(crate) fn handle_event() {
    let go = go_object();
    let event = go.get("_pendingEvent");
    if event.is_null() || event.is_undefined() {
        return;
    }
    go.set("_pendingEvent", null());

    let id = event.get("id").int() as u32;
    if id == 0 {
        // wasm_exec_node.js: node's event loop is empty and the guest is alive.
        runtime::idle();
    }

    let Some(callback) = FUNCS.with_borrow(|funcs| funcs.get(&id).cloned()) else {
        global()
            .get("console")
            .call("error", ("call to released function",));
        return;
    };

    let this = event.get("this");
    let args_obj = event.get("args");
    let args: Vec<Value> = (0..args_obj.length()).map(|i| args_obj.index(i)).collect();
    let result = callback(this, &args);
    event.set("result", result);
}
