//! The `go` object: `this` of the `Go` class in `wasm_exec.js`, predefined
//! ref 6. Go's `syscall/js` reads and writes `_pendingEvent` and calls
//! `_makeFuncWrapper`; `_values.length` is read by Go's own tests.
//!
//! Provided: `_pendingEvent`, `_makeFuncWrapper(id)`, `_resume()`,
//! `_values` (only `length`: the table lives in Rust), `exited`, `argv`,
//! `env`. Not provided (nothing in Go reads them): `importObject`, `mem`,
//! `_inst`, `_goRefCounts`, `_ids`, `_idPool`, `run`.

use super::function;
use crate::host::HostData;
use boa_engine::{
    Context, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction,
    object::{FunctionObjectBuilder, ObjectInitializer, builtins::JsArray},
    property::{Attribute, PropertyDescriptor},
};

pub(crate) fn install(
    ctx: &mut Context,
    go: &JsObject,
    argv: &[String],
    env: &[(String, String)],
) -> JsResult<()> {
    go.set(JsString::from("_pendingEvent"), JsValue::null(), true, ctx)?;
    let make = function(ctx, make_func_wrapper, "_makeFuncWrapper", 1);
    go.set(JsString::from("_makeFuncWrapper"), make, true, ctx)?;
    let resume = function(ctx, resume, "_resume", 0);
    go.set(JsString::from("_resume"), resume, true, ctx)?;

    let length = getter(ctx, values_length, "length");
    let values = ObjectInitializer::new(ctx).build();
    values.define_property_or_throw(
        JsString::from("length"),
        PropertyDescriptor::builder()
            .get(length)
            .enumerable(false)
            .configurable(true),
        ctx,
    )?;
    go.set(JsString::from("_values"), values, true, ctx)?;

    let exited = getter(ctx, exited, "exited");
    go.define_property_or_throw(
        JsString::from("exited"),
        PropertyDescriptor::builder()
            .get(exited)
            .enumerable(true)
            .configurable(true),
        ctx,
    )?;
    let argv = JsArray::from_iter(
        argv.iter()
            .map(|a| JsValue::from(JsString::from(a.as_str()))),
        ctx,
    );
    go.set(JsString::from("argv"), argv, true, ctx)?;
    let env_obj = ObjectInitializer::new(ctx).build();
    for (k, v) in env {
        env_obj.set(
            JsString::from(k.as_str()),
            JsString::from(v.as_str()),
            true,
            ctx,
        )?;
    }
    go.set(JsString::from("env"), env_obj, true, ctx)?;
    let _ = Attribute::all();
    Ok(())
}

fn getter(
    ctx: &mut Context,
    f: boa_engine::native_function::NativeFunctionPointer,
    name: &str,
) -> JsObject {
    FunctionObjectBuilder::new(ctx.realm(), NativeFunction::from_fn_ptr(f))
        .name(JsString::from(format!("get {name}")))
        .build()
        .into()
}

/// `go._values.length`: slots ever allocated in the reference table.
fn values_length(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let data = HostData::of(ctx);
    let n = data.guest.borrow(|g| g.table_stats().capacity).unwrap_or(0);
    Ok(JsValue::new(n as f64))
}

/// `go.exited`.
fn exited(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let data = HostData::of(ctx);
    let lent = data.guest.borrow(|g| g.exited());
    Ok(JsValue::new(lent.unwrap_or(data.abort.borrow().is_some())))
}

/// `go._resume()`: runs Go's handler for `go._pendingEvent`.
fn resume(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let data = HostData::of(ctx);
    data.with_guest(ctx, |guest, world| guest.resume(world))?;
    Ok(JsValue::undefined())
}

/// `go._makeFuncWrapper(id)`: the JS function behind a `js.Func`.
fn make_func_wrapper(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let id = args.first().cloned().unwrap_or_default();
    let wrapper = NativeFunction::from_copy_closure_with_captures(call_func, id);
    Ok(FunctionObjectBuilder::new(ctx.realm(), wrapper)
        .length(0)
        .build()
        .into())
}

/// The wrapper: `event = {id, this, args}; go._pendingEvent = event;
/// go._resume(); return event.result`.
fn call_func(
    this: &JsValue,
    args: &[JsValue],
    id: &JsValue,
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let data = HostData::of(ctx);
    let arguments = JsArray::from_iter(args.iter().cloned(), ctx);
    let event = ObjectInitializer::new(ctx)
        .property(JsString::from("id"), id.clone(), Attribute::all())
        .property(JsString::from("this"), this.clone(), Attribute::all())
        .property(JsString::from("args"), arguments, Attribute::all())
        .build();
    data.go
        .set(JsString::from("_pendingEvent"), event.clone(), true, ctx)?;
    data.with_guest(ctx, |guest, world| guest.resume(world))?;
    let result_key = JsString::from("result");
    if data.strictness.strict_released_funcs && !event.has_own_property(result_key.clone(), ctx)? {
        // Go's handleEvent sets `result` for every function it still knows
        // (nil → null); no result means the id was released.
        return Err(JsNativeError::error()
            .with_message("call to released function")
            .into());
    }
    event.get(result_key, ctx)
}
