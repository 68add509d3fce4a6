//! `globalThis.crypto` (`getRandomValues`, which `wasm_exec.js` requires)
//! and `globalThis.performance` (`now`, likewise required).
//!
//! Randomness comes from the program's generator: seeded from the OS, or
//! from a fixed seed for reproducible runs.

use super::methods;
use crate::host::HostData;
use boa_engine::{
    Context, JsNativeError, JsResult, JsString, JsValue,
    object::{
        ObjectInitializer,
        builtins::{JsArrayBuffer, JsTypedArray},
    },
    property::Attribute,
};
use rand_core::RngCore;

pub(crate) fn create(ctx: &mut Context) -> JsResult<JsValue> {
    let mut c = ObjectInitializer::new(ctx);
    methods(&mut c, &[("getRandomValues", get_random_values, 1)]);
    Ok(c.build().into())
}

/// `crypto.getRandomValues(typedArray)`: fills its bytes, returns it.
fn get_random_values(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let target = args.first().cloned().unwrap_or_default();
    let array = target
        .as_object()
        .and_then(|o| JsTypedArray::from_object(o).ok())
        .ok_or_else(|| {
            JsNativeError::typ()
                .with_message("The data argument must be an integer-type TypedArray")
        })?;
    let offset = array.byte_offset(ctx)?;
    let length = array.byte_length(ctx)?;
    if length > 65536 {
        return Err(JsNativeError::error()
            .with_message(format!(
                "The ArrayBufferView's byte length ({length}) exceeds the number of bytes of entropy available via this API (65536)"
            ))
            .into());
    }
    let buffer = JsArrayBuffer::from_object(
        array
            .buffer(ctx)?
            .as_object()
            .expect("typed arrays have a buffer"),
    )?;
    if let Some(mut data) = buffer.data_mut()
        && let Some(bytes) = data.get_mut(offset..offset + length)
    {
        HostData::of(ctx)?.rng.borrow_mut().fill_bytes(bytes);
    }
    Ok(target)
}

pub(crate) fn create_performance(ctx: &mut Context) -> JsResult<JsValue> {
    let origin = HostData::of(ctx)?.clock.monotonic_ms() - HostData::of(ctx)?.clock.elapsed_ms();
    let mut p = ObjectInitializer::new(ctx);
    p.property(JsString::from("timeOrigin"), origin, Attribute::all());
    methods(&mut p, &[("now", now, 0)]);
    Ok(p.build().into())
}

/// `performance.now()`: milliseconds since the program started.
fn now(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    Ok(JsValue::new(HostData::of(ctx)?.clock.elapsed_ms()))
}
