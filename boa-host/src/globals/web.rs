//! The web globals real Go wasm loaders expect besides what `wasm_exec.js`
//! reads: `TextEncoder`/`TextDecoder`, `atob`/`btoa` and `URL` — boa's own
//! implementations from `boa_runtime`, registered as they come but for
//! `TextDecoder.prototype.decode`, wrapped so that no input can make it
//! panic ([`guard_text_decoder`]) — and `structuredClone`, gojs's own
//! ([`clone`]: boa_runtime's overflows the stack on deep values and
//! allocates for the holes of sparse arrays, both process aborts).
//! `queueMicrotask` is gojs's own (in [`timers`](super::timers)),
//! because it must queue on the same microtask queue as promise jobs, in
//! order, with node's error for a non-function argument.

use boa_engine::{
    Context, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction,
    gc::{Finalize, Trace},
    object::{
        FunctionObjectBuilder,
        builtins::{JsArrayBuffer, JsDataView, JsTypedArray, JsUint8Array},
    },
    property::PropertyDescriptor,
};
use boa_runtime::extensions::{Base64Extension, EncodingExtension, UrlExtension};

mod clone;

pub(crate) fn install(ctx: &mut Context) -> JsResult<()> {
    boa_runtime::register_extensions(
        (EncodingExtension, Base64Extension, UrlExtension),
        None,
        ctx,
    )?;
    clone::install(ctx)?;
    guard_text_decoder(ctx)
}

/// `TextDecoder.prototype.decode` as `boa_runtime` has it, wrapped.
#[derive(Trace, Finalize)]
struct Decode {
    original: JsObject,
}

/// boa_runtime's UTF-16 decoders view the bytes as `u16`s in place
/// (`bytemuck::cast_slice`), which panics when they start at an odd
/// address — a view at an odd `byteOffset` (UTF-16LE) — or when there are
/// none (UTF-16BE copies them first, and an empty copy's pointer is
/// dangling): a host panic from `new TextDecoder("utf-16le").decode(bytes.subarray(1))`.
/// So `decode` gets what it can take: no bytes are decoded as `undefined`
/// (`""`, as node decodes them in every encoding), bytes at an odd address
/// are first copied to a fresh buffer (boa aligns its buffers). Everything
/// else, and every error, is the original's.
fn guard_text_decoder(ctx: &mut Context) -> JsResult<()> {
    let missing =
        || JsNativeError::typ().with_message("gojs: TextDecoder.prototype.decode is missing");
    let class = ctx
        .global_object()
        .get(JsString::from("TextDecoder"), ctx)?
        .as_object()
        .ok_or_else(missing)?;
    let prototype = class
        .get(JsString::from("prototype"), ctx)?
        .as_object()
        .ok_or_else(missing)?;
    let key = JsString::from("decode");
    let descriptor = prototype.borrow().properties().get(&key.clone().into());
    let Some(descriptor) = descriptor else {
        return Err(missing().into());
    };
    let original = descriptor
        .value()
        .and_then(JsValue::as_object)
        .ok_or_else(missing)?;
    let length = original.get(JsString::from("length"), ctx)?;
    let native = NativeFunction::from_copy_closure_with_captures(decode, Decode { original });
    let wrapper = FunctionObjectBuilder::new(ctx.realm(), native)
        .name(key.clone())
        .length(length.as_number().map_or(1, |n| n as usize))
        .constructor(false)
        .build();
    prototype.define_property_or_throw(
        key,
        PropertyDescriptor::builder()
            .value(wrapper)
            .writable(descriptor.writable().unwrap_or(true))
            .enumerable(descriptor.enumerable().unwrap_or(false))
            .configurable(descriptor.configurable().unwrap_or(true)),
        ctx,
    )?;
    Ok(())
}

/// The wrapper of `decode` (see [`guard_text_decoder`]).
fn decode(this: &JsValue, args: &[JsValue], d: &Decode, ctx: &mut Context) -> JsResult<JsValue> {
    let input = args.first().cloned().unwrap_or_default();
    let replaced = match bytes_of(&input, ctx) {
        Some(Bytes::Empty) => Some(JsValue::undefined()),
        Some(Bytes::Unaligned(bytes)) => Some(JsUint8Array::from_iter(bytes, ctx)?.into()),
        None => None,
    };
    match replaced {
        Some(input) => d.original.call(this, &[input], ctx),
        None => d.original.call(this, args, ctx),
    }
}

/// What `decode` must not be given as it is.
enum Bytes {
    /// A view of no bytes (not detached).
    Empty,
    /// The bytes of a view that starts at an odd address, copied.
    Unaligned(Vec<u8>),
}

/// Looks at `input` as boa_runtime's `decode` does (an `ArrayBuffer`, a
/// typed array, a `DataView`), without running any JS; `None` when it can
/// be passed on as it is (including whatever the original rejects).
fn bytes_of(input: &JsValue, ctx: &mut Context) -> Option<Bytes> {
    let object = input.as_object()?;
    let (buffer, offset, length) = if let Ok(buffer) = JsArrayBuffer::from_object(object.clone()) {
        let length = buffer.data()?.len();
        (buffer, 0, length)
    } else if let Ok(array) = JsTypedArray::from_object(object.clone()) {
        let buffer = JsArrayBuffer::from_object(array.buffer(ctx).ok()?.as_object()?).ok()?;
        (
            buffer,
            array.byte_offset(ctx).ok()?,
            array.byte_length(ctx).ok()?,
        )
    } else {
        let view = JsDataView::from_object(object).ok()?;
        let buffer = JsArrayBuffer::from_object(view.buffer(ctx).ok()?.as_object()?).ok()?;
        let offset = usize::try_from(view.byte_offset(ctx).ok()?).ok()?;
        let length = usize::try_from(view.byte_length(ctx).ok()?).ok()?;
        (buffer, offset, length)
    };
    let data = buffer.data()?;
    let bytes = data.get(offset..offset.checked_add(length)?)?;
    if bytes.is_empty() {
        Some(Bytes::Empty)
    } else if bytes.as_ptr().align_offset(2) != 0 {
        Some(Bytes::Unaligned(bytes.to_vec()))
    } else {
        None
    }
}
