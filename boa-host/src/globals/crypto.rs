//! `globalThis.crypto` (`getRandomValues`, which `wasm_exec.js` requires)
//! and `globalThis.performance` (`now`, likewise required).
//!
//! Randomness comes from the program's generator: seeded from the OS, or
//! from a fixed seed for reproducible runs.

use super::methods;
use crate::host::HostData;
use boa_engine::{
    Context, JsError, JsNativeError, JsResult, JsString, JsValue,
    builtins::typed_array::TypedArrayKind,
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
/// Refuses what node refuses, with node's errors: no argument (a
/// `TypeError`), anything but an integer typed array (`TypeMismatchError`),
/// more than 65536 bytes (`QuotaExceededError`).
fn get_random_values(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let Some(target) = args.first().cloned() else {
        let err = JsNativeError::typ()
            .with_message(
                "Failed to execute 'getRandomValues' on 'Crypto': 1 argument required, but only 0 present.",
            )
            .into_opaque(ctx);
        let _ = err.set(
            JsString::from("code"),
            JsString::from("ERR_MISSING_ARGS"),
            false,
            ctx,
        );
        return Err(JsError::from_opaque(err.into()));
    };
    let array = target
        .as_object()
        .and_then(|o| JsTypedArray::from_object(o).ok())
        .filter(|a| {
            use TypedArrayKind as K;
            a.kind().is_some_and(|k| {
                matches!(
                    k,
                    K::Int8
                        | K::Uint8
                        | K::Uint8Clamped
                        | K::Int16
                        | K::Uint16
                        | K::Int32
                        | K::Uint32
                        | K::BigInt64
                        | K::BigUint64
                )
            })
        });
    let Some(array) = array else {
        return Err(dom_exception(
            ctx,
            "TypeMismatchError",
            17,
            "The data argument must be an integer-type TypedArray",
        ));
    };
    let offset = array.byte_offset(ctx)?;
    let length = array.byte_length(ctx)?;
    if length > 65536 {
        return Err(dom_exception(
            ctx,
            "QuotaExceededError",
            22,
            "The requested length exceeds 65,536 bytes",
        ));
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

/// What node throws as a `DOMException` named `name` with the legacy
/// `code`: here an `Error` with that `name` and `code` (boa has no
/// `DOMException`), so `e.name`, `e.code`, `e.message` and `String(e)` read
/// as node's.
fn dom_exception(ctx: &mut Context, name: &str, code: u32, message: &'static str) -> JsError {
    let err = JsNativeError::error()
        .with_message(message)
        .into_opaque(ctx);
    let _ = err.set(JsString::from("name"), JsString::from(name), false, ctx);
    let _ = err.set(JsString::from("code"), code, false, ctx);
    JsError::from_opaque(err.into())
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
