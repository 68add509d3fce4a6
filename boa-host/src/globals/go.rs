//! The `go` object: `this` of the `Go` class in `wasm_exec.js`, predefined
//! ref 6. Go's `syscall/js` reads and writes `_pendingEvent` and calls
//! `_makeFuncWrapper`; `_values.length` is read by Go's own tests.
//!
//! Provided: `_pendingEvent`, `_makeFuncWrapper(id)`, `_resume()`,
//! `_values` and `_idPool` (only `length`: the table lives in Rust),
//! `exited`, `argv`, `env`. Not provided (nothing in Go reads them): `importObject`, `mem`,
//! `_inst`, `_goRefCounts`, `_ids`, `_idPool`, `run`.

use super::function;
use crate::host::HostData;
use boa_engine::{
    Context, JsObject, JsResult, JsString, JsValue, NativeFunction, Source,
    object::{FunctionObjectBuilder, ObjectInitializer, builtins::JsArray},
    property::PropertyDescriptor,
};

/// `_makeFuncWrapper` exactly as `wasm_exec.js` writes it (strict code, a
/// plain `function`, so `this`, `arguments` and `new` behave as under node),
/// plus the opt-in strict released-function check: Go's `handleEvent` sets
/// `result` for every function it still knows (nil → null), so an event
/// that comes back without one was for a released function.
const MAKE_FUNC_WRAPPER: &[u8] = br#"(function (go, strictReleased) {
  "use strict";
  go._makeFuncWrapper = function (id) {
    return function () {
      const event = { id: id, this: this, args: arguments };
      go._pendingEvent = event;
      go._resume();
      if (strictReleased && !("result" in event)) {
        throw new Error("call to released function");
      }
      return event.result;
    };
  };
})"#;

pub(crate) fn install(
    ctx: &mut Context,
    go: &JsObject,
    argv: &[String],
    env: &[(String, String)],
) -> JsResult<()> {
    go.set(JsString::from("_pendingEvent"), JsValue::null(), true, ctx)?;
    let strict = HostData::of(ctx)?.options.strict_released_funcs;
    let install = ctx.eval(Source::from_bytes(MAKE_FUNC_WRAPPER))?;
    install
        .as_callable()
        .expect("MAKE_FUNC_WRAPPER evaluates to a function")
        .call(
            &JsValue::undefined(),
            &[go.clone().into(), strict.into()],
            ctx,
        )?;
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
    let pool_length = getter(ctx, id_pool_length, "length");
    let pool = ObjectInitializer::new(ctx).build();
    pool.define_property_or_throw(
        JsString::from("length"),
        PropertyDescriptor::builder()
            .get(pool_length)
            .enumerable(false)
            .configurable(true),
        ctx,
    )?;
    go.set(JsString::from("_idPool"), pool, true, ctx)?;

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
    let data = HostData::of(ctx)?;
    let n = data
        .link
        .with_guest(|g| g.table_stats().capacity)
        .unwrap_or(0);
    Ok(JsValue::new(n as f64))
}

/// `go._idPool.length`: freed ids waiting for reuse.
fn id_pool_length(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let data = HostData::of(ctx)?;
    let n = data
        .link
        .with_guest(|g| g.table_stats().pooled)
        .unwrap_or(0);
    Ok(JsValue::new(n as f64))
}

/// `go.exited`.
fn exited(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let data = HostData::of(ctx)?;
    let exited = data.link.with_guest(|g| g.exited()).unwrap_or(false);
    Ok(JsValue::new(exited))
}

/// `go._resume()`: runs Go's handler for `go._pendingEvent`.
fn resume(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let data = HostData::of(ctx)?;
    data.with_guest(ctx, |guest, world| guest.resume(world))?;
    Ok(JsValue::undefined())
}
