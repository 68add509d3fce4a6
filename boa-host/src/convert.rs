//! Conversions between Rust values and the program's JS values: what a
//! session's calls take and return, and what host functions receive.
//!
//! - [`IntoJs`]: scalars, strings, `Option`, byte buffers (`Vec<u8>`,
//!   `&[u8]` → a `Uint8Array`, copied in one piece), `Vec<T>`/`&[T]` → an
//!   array, string-keyed maps → a plain object, and with the `serde`
//!   feature `serde_json::Value` and any `Serialize` type through [`Json`].
//! - [`FromJs`]: the same shapes back, checked: a value of the wrong type is
//!   a `TypeError` naming what was expected and what came; a number that is
//!   not an integer, or out of range, is not an integer.
//!
//! `u8` is not a scalar here, so that `Vec<u8>` can be the byte buffer it
//! is in every Go and JS API: use `u32` or `i32` for small numbers.

use boa_engine::{
    Context, JsNativeError, JsObject, JsResult, JsString, JsValue, JsVariant,
    builtins::typed_array::TypedArrayKind,
    object::builtins::{JsArray, JsArrayBuffer, JsTypedArray, JsUint8Array},
};
use std::collections::{BTreeMap, HashMap};

/// A Rust value that can become a JS value in a program's world.
pub trait IntoJs {
    /// Makes the JS value.
    ///
    /// # Errors
    ///
    /// What JS threw while building it (e.g. out of memory for a buffer).
    fn into_js(self, ctx: &mut Context) -> JsResult<JsValue>;
}

/// A Rust value that can be read from a JS value.
pub trait FromJs: Sized {
    /// Reads `value`.
    ///
    /// # Errors
    ///
    /// A `TypeError` if `value` does not have the expected shape, or what
    /// JS threw while reading it (a getter, a proxy).
    fn from_js(value: &JsValue, ctx: &mut Context) -> JsResult<Self>;
}

/// A list of Rust values that can become the arguments of a JS call: a
/// tuple (`()`, `(a,)`, `(a, b)`, … up to eight) or a `Vec<JsValue>`.
pub trait IntoJsArgs {
    /// Makes the argument list.
    ///
    /// # Errors
    ///
    /// What converting an argument threw.
    fn into_js_args(self, ctx: &mut Context) -> JsResult<Vec<JsValue>>;
}

/// The arguments of a host function, read as Rust values: a tuple of
/// [`FromJs`] types (missing arguments read as `undefined`, so use `Option`
/// for optional ones) or `Vec<JsValue>` for all of them as they came.
pub trait FromJsArgs: Sized {
    /// Reads the argument list.
    ///
    /// # Errors
    ///
    /// A `TypeError` for an argument of the wrong shape.
    fn from_js_args(args: &[JsValue], ctx: &mut Context) -> JsResult<Self>;
}

/// What a host function returns: a value, or `Result<value, error>` whose
/// error becomes a thrown JS `Error` with the error's text as message.
pub trait IntoJsResult {
    /// Makes the completion.
    ///
    /// # Errors
    ///
    /// The thrown error.
    fn into_js_result(self, ctx: &mut Context) -> JsResult<JsValue>;
}

impl<T: IntoJs> IntoJsResult for T {
    fn into_js_result(self, ctx: &mut Context) -> JsResult<JsValue> {
        self.into_js(ctx)
    }
}

impl<T: IntoJs, E: core::fmt::Display> IntoJsResult for Result<T, E> {
    fn into_js_result(self, ctx: &mut Context) -> JsResult<JsValue> {
        match self {
            Ok(v) => v.into_js(ctx),
            Err(e) => Err(JsNativeError::error().with_message(e.to_string()).into()),
        }
    }
}

/// How a value is named in "expected …, got …" messages.
pub(crate) fn describe(value: &JsValue) -> String {
    match value.variant() {
        JsVariant::Undefined => "undefined".into(),
        JsVariant::Null => "null".into(),
        JsVariant::Boolean(_) => "a boolean".into(),
        JsVariant::Integer32(_) | JsVariant::Float64(_) => "a number".into(),
        JsVariant::String(_) => "a string".into(),
        JsVariant::Symbol(_) => "a symbol".into(),
        JsVariant::BigInt(_) => "a bigint".into(),
        JsVariant::Object(o) if o.is_callable() => "a function".into(),
        JsVariant::Object(o) if o.is_array() => "an array".into(),
        JsVariant::Object(o) if JsTypedArray::from_object(o.clone()).is_ok() => {
            "a typed array".into()
        }
        JsVariant::Object(_) => "an object".into(),
    }
}

fn mismatch(expected: &str, value: &JsValue) -> boa_engine::JsError {
    JsNativeError::typ()
        .with_message(format!("expected {expected}, got {}", describe(value)))
        .into()
}

// ---- Into JS ----

impl IntoJs for JsValue {
    fn into_js(self, _: &mut Context) -> JsResult<JsValue> {
        Ok(self)
    }
}

impl IntoJs for &JsValue {
    fn into_js(self, _: &mut Context) -> JsResult<JsValue> {
        Ok(self.clone())
    }
}

impl IntoJs for JsObject {
    fn into_js(self, _: &mut Context) -> JsResult<JsValue> {
        Ok(self.into())
    }
}

impl IntoJs for JsString {
    fn into_js(self, _: &mut Context) -> JsResult<JsValue> {
        Ok(self.into())
    }
}

impl IntoJs for () {
    fn into_js(self, _: &mut Context) -> JsResult<JsValue> {
        Ok(JsValue::undefined())
    }
}

impl IntoJs for bool {
    fn into_js(self, _: &mut Context) -> JsResult<JsValue> {
        Ok(self.into())
    }
}

macro_rules! number_into_js {
    ($($t:ty),*) => {$(
        impl IntoJs for $t {
            /// A JS number (exact up to 2^53; above, rounded as JS rounds).
            fn into_js(self, _: &mut Context) -> JsResult<JsValue> {
                Ok(JsValue::new(self as f64))
            }
        }
    )*};
}
number_into_js!(i8, i16, i32, i64, isize, u16, u32, u64, usize, f32, f64);

impl IntoJs for char {
    fn into_js(self, ctx: &mut Context) -> JsResult<JsValue> {
        self.to_string().into_js(ctx)
    }
}

impl IntoJs for &str {
    fn into_js(self, _: &mut Context) -> JsResult<JsValue> {
        Ok(JsString::from(self).into())
    }
}

impl IntoJs for String {
    fn into_js(self, ctx: &mut Context) -> JsResult<JsValue> {
        self.as_str().into_js(ctx)
    }
}

impl IntoJs for &String {
    fn into_js(self, ctx: &mut Context) -> JsResult<JsValue> {
        self.as_str().into_js(ctx)
    }
}

impl<T: IntoJs> IntoJs for Option<T> {
    /// `None` is `undefined`.
    fn into_js(self, ctx: &mut Context) -> JsResult<JsValue> {
        match self {
            Some(v) => v.into_js(ctx),
            None => Ok(JsValue::undefined()),
        }
    }
}

impl IntoJs for &[u8] {
    /// A new `Uint8Array` holding a copy of the bytes.
    fn into_js(self, ctx: &mut Context) -> JsResult<JsValue> {
        let buffer = JsArrayBuffer::new(self.len(), ctx)?;
        if let Some(mut data) = buffer.data_mut() {
            data.copy_from_slice(self);
        }
        Ok(JsUint8Array::from_array_buffer(buffer, ctx)?.into())
    }
}

impl IntoJs for Vec<u8> {
    /// A new `Uint8Array` holding the bytes.
    fn into_js(self, ctx: &mut Context) -> JsResult<JsValue> {
        self.as_slice().into_js(ctx)
    }
}

impl<T: IntoJs> IntoJs for Vec<T> {
    /// A new array.
    fn into_js(self, ctx: &mut Context) -> JsResult<JsValue> {
        let items = self
            .into_iter()
            .map(|v| v.into_js(ctx))
            .collect::<JsResult<Vec<_>>>()?;
        Ok(JsArray::from_iter(items, ctx).into())
    }
}

impl<T: IntoJs + Clone> IntoJs for &[T] {
    /// A new array.
    fn into_js(self, ctx: &mut Context) -> JsResult<JsValue> {
        self.to_vec().into_js(ctx)
    }
}

fn object_from<K: AsRef<str>, V: IntoJs>(
    entries: impl IntoIterator<Item = (K, V)>,
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let object = JsObject::with_object_proto(ctx.intrinsics());
    for (k, v) in entries {
        let v = v.into_js(ctx)?;
        object.create_data_property_or_throw(JsString::from(k.as_ref()), v, ctx)?;
    }
    Ok(object.into())
}

impl<K: AsRef<str>, V: IntoJs, S> IntoJs for HashMap<K, V, S> {
    /// A plain object (keys in the map's iteration order).
    fn into_js(self, ctx: &mut Context) -> JsResult<JsValue> {
        object_from(self, ctx)
    }
}

impl<K: AsRef<str>, V: IntoJs> IntoJs for BTreeMap<K, V> {
    /// A plain object (keys in order).
    fn into_js(self, ctx: &mut Context) -> JsResult<JsValue> {
        object_from(self, ctx)
    }
}

// ---- From JS ----

impl FromJs for JsValue {
    fn from_js(value: &JsValue, _: &mut Context) -> JsResult<Self> {
        Ok(value.clone())
    }
}

impl FromJs for JsObject {
    fn from_js(value: &JsValue, _: &mut Context) -> JsResult<Self> {
        value
            .as_object()
            .ok_or_else(|| mismatch("an object", value))
    }
}

impl FromJs for () {
    /// Accepts anything (the value is dropped).
    fn from_js(_: &JsValue, _: &mut Context) -> JsResult<Self> {
        Ok(())
    }
}

impl FromJs for bool {
    fn from_js(value: &JsValue, _: &mut Context) -> JsResult<Self> {
        value
            .as_boolean()
            .ok_or_else(|| mismatch("a boolean", value))
    }
}

impl FromJs for f64 {
    fn from_js(value: &JsValue, _: &mut Context) -> JsResult<Self> {
        value.as_number().ok_or_else(|| mismatch("a number", value))
    }
}

impl FromJs for f32 {
    /// The number, rounded to `f32`.
    fn from_js(value: &JsValue, ctx: &mut Context) -> JsResult<Self> {
        f64::from_js(value, ctx).map(|n| n as f32)
    }
}

macro_rules! integer_from_js {
    ($($t:ty),*) => {$(
        impl FromJs for $t {
            /// An integral number within the type's range (`-0` reads as 0).
            fn from_js(value: &JsValue, ctx: &mut Context) -> JsResult<Self> {
                let n = f64::from_js(value, ctx)?;
                // `MIN` and `MAX + 1` are powers of two (or 0): exact as f64.
                let (min, end) = (<$t>::MIN as f64, (<$t>::MAX as f64) + 1.0);
                if n.fract() != 0.0 || !(min..end).contains(&n) {
                    return Err(JsNativeError::typ()
                        .with_message(format!(
                            "expected an integer in {}..={}, got {n}",
                            <$t>::MIN,
                            <$t>::MAX
                        ))
                        .into());
                }
                Ok(n as $t)
            }
        }
    )*};
}
integer_from_js!(i8, i16, i32, i64, isize, u16, u32, u64, usize);

impl FromJs for String {
    fn from_js(value: &JsValue, _: &mut Context) -> JsResult<Self> {
        match value.as_string() {
            Some(s) => Ok(s.to_std_string_lossy()),
            None => Err(mismatch("a string", value)),
        }
    }
}

impl<T: FromJs> FromJs for Option<T> {
    /// `undefined` and `null` are `None`.
    fn from_js(value: &JsValue, ctx: &mut Context) -> JsResult<Self> {
        if value.is_null_or_undefined() {
            return Ok(None);
        }
        T::from_js(value, ctx).map(Some)
    }
}

impl FromJs for Vec<u8> {
    /// The bytes of a `Uint8Array`, `Uint8ClampedArray` or `ArrayBuffer`,
    /// copied in one piece.
    fn from_js(value: &JsValue, ctx: &mut Context) -> JsResult<Self> {
        let bytes = value.as_object().and_then(|o| {
            if let Ok(buffer) = JsArrayBuffer::from_object(o.clone()) {
                return Some(buffer.data().map(|d| d.to_vec()).unwrap_or_default());
            }
            let array = JsTypedArray::from_object(o).ok()?;
            if !matches!(
                array.kind()?,
                TypedArrayKind::Uint8 | TypedArrayKind::Uint8Clamped
            ) {
                return None;
            }
            let offset = array.byte_offset(ctx).ok()?;
            let length = array.byte_length(ctx).ok()?;
            let buffer = JsArrayBuffer::from_object(array.buffer(ctx).ok()?.as_object()?).ok()?;
            let data = buffer.data()?;
            Some(data.get(offset..offset.checked_add(length)?)?.to_vec())
        });
        bytes.ok_or_else(|| mismatch("a Uint8Array or ArrayBuffer", value))
    }
}

/// The most elements an array may have to be read into a `Vec`: a JS array
/// (or a proxy) can claim up to 2^53 - 1, which no host could allocate.
pub const MAX_ARRAY_LENGTH: u64 = 1 << 26;

impl<T: FromJs> FromJs for Vec<T> {
    /// The elements of an array (at most [`MAX_ARRAY_LENGTH`]; longer is a
    /// `RangeError`).
    fn from_js(value: &JsValue, ctx: &mut Context) -> JsResult<Self> {
        let array = value
            .as_object()
            .filter(JsObject::is_array)
            .ok_or_else(|| mismatch("an array", value))?;
        let length = array.get(JsString::from("length"), ctx)?.to_length(ctx)?;
        if length > MAX_ARRAY_LENGTH {
            return Err(JsNativeError::range()
                .with_message(format!(
                    "an array of {length} elements is too long to read (at most {MAX_ARRAY_LENGTH})"
                ))
                .into());
        }
        (0..length)
            .map(|i| {
                let item = array.get(i, ctx)?;
                T::from_js(&item, ctx)
            })
            .collect()
    }
}

/// The own enumerable string-keyed properties of an object, in
/// `Object.keys` order (through the realm's original `Object.keys`).
fn entries<V: FromJs>(value: &JsValue, ctx: &mut Context) -> JsResult<Vec<(String, V)>> {
    let object = value
        .as_object()
        .filter(|o| !o.is_callable())
        .ok_or_else(|| mismatch("an object", value))?;
    let object_ctor = ctx.intrinsics().constructors().object().constructor();
    let keys_fn = object_ctor.get(JsString::from("keys"), ctx)?;
    let keys = match keys_fn.as_callable() {
        Some(f) => f.call(&JsValue::undefined(), std::slice::from_ref(value), ctx)?,
        None => return Err(mismatch("Object.keys to be a function", &keys_fn)),
    };
    let mut out = Vec::new();
    for name in Vec::<String>::from_js(&keys, ctx)? {
        let v = object.get(JsString::from(name.as_str()), ctx)?;
        out.push((name, V::from_js(&v, ctx)?));
    }
    Ok(out)
}

impl<V: FromJs, S: core::hash::BuildHasher + Default> FromJs for HashMap<String, V, S> {
    /// An object's own enumerable string-keyed properties.
    fn from_js(value: &JsValue, ctx: &mut Context) -> JsResult<Self> {
        Ok(entries(value, ctx)?.into_iter().collect())
    }
}

impl<V: FromJs> FromJs for BTreeMap<String, V> {
    /// An object's own enumerable string-keyed properties.
    fn from_js(value: &JsValue, ctx: &mut Context) -> JsResult<Self> {
        Ok(entries(value, ctx)?.into_iter().collect())
    }
}

// ---- Argument lists ----

impl IntoJsArgs for Vec<JsValue> {
    fn into_js_args(self, _: &mut Context) -> JsResult<Vec<JsValue>> {
        Ok(self)
    }
}

impl FromJsArgs for Vec<JsValue> {
    fn from_js_args(args: &[JsValue], _: &mut Context) -> JsResult<Self> {
        Ok(args.to_vec())
    }
}

macro_rules! tuple_args {
    ($($name:ident $index:tt),*) => {
        impl<$($name: IntoJs),*> IntoJsArgs for ($($name,)*) {
            #[allow(unused_variables, reason = "the empty tuple uses no context")]
            fn into_js_args(self, ctx: &mut Context) -> JsResult<Vec<JsValue>> {
                Ok(vec![$(self.$index.into_js(ctx)?),*])
            }
        }
        impl<$($name: FromJs),*> FromJsArgs for ($($name,)*) {
            #[allow(unused_variables, reason = "the empty tuple reads no argument")]
            fn from_js_args(args: &[JsValue], ctx: &mut Context) -> JsResult<Self> {
                Ok(($(
                    $name::from_js(args.get($index).unwrap_or(&JsValue::undefined()), ctx)
                        .map_err(|e| argument_error($index, e))?,
                )*))
            }
        }
    };
}
tuple_args!();
tuple_args!(A 0);
tuple_args!(A 0, B 1);
tuple_args!(A 0, B 1, C 2);
tuple_args!(A 0, B 1, C 2, D 3);
tuple_args!(A 0, B 1, C 2, D 3, E 4);
tuple_args!(A 0, B 1, C 2, D 3, E 4, F 5);
tuple_args!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_args!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);

/// Names the argument in a conversion error ("argument 2: expected …").
fn argument_error(index: usize, e: boa_engine::JsError) -> boa_engine::JsError {
    match e.as_native() {
        Some(native) => JsNativeError::typ()
            .with_message(format!("argument {}: {}", index + 1, native.message()))
            .into(),
        None => e,
    }
}

// ---- serde ----

/// A serde value carried as JSON-shaped JS data: `Json(value)` becomes what
/// `JSON.parse(JSON.stringify(value))` would give, and `Json<T>` reads
/// anything `JSON.stringify` accepts into a `T`.
#[cfg(feature = "serde")]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Json<T>(pub T);

#[cfg(feature = "serde")]
impl IntoJs for serde_json::Value {
    fn into_js(self, ctx: &mut Context) -> JsResult<JsValue> {
        JsValue::from_json(&self, ctx)
    }
}

#[cfg(feature = "serde")]
impl FromJs for serde_json::Value {
    /// `JSON.stringify`, then parse: `undefined` becomes `null`.
    ///
    /// Through gojs's own `JSON.stringify` (bounded by the stack and V8's
    /// longest string, a `RangeError` past them) rather than boa's
    /// `to_json`, which recurses without a bound (a deeply nested value
    /// from a guest would overflow the embedder's stack and abort it).
    /// serde_json's parser refuses nesting past 128 levels: a `TypeError`.
    fn from_js(value: &JsValue, ctx: &mut Context) -> JsResult<Self> {
        let Some(stringify) = crate::globals::json::installed(ctx) else {
            return Ok(value.to_json(ctx)?.unwrap_or(serde_json::Value::Null));
        };
        let text = stringify.call(&JsValue::undefined(), std::slice::from_ref(value), ctx)?;
        let Some(text) = text.as_string() else {
            return Ok(serde_json::Value::Null);
        };
        serde_json::from_str(&text.to_std_string_lossy())
            .map_err(|e| JsNativeError::typ().with_message(e.to_string()).into())
    }
}

#[cfg(feature = "serde")]
impl<T: serde::Serialize> IntoJs for Json<T> {
    fn into_js(self, ctx: &mut Context) -> JsResult<JsValue> {
        let value = serde_json::to_value(&self.0)
            .map_err(|e| JsNativeError::typ().with_message(e.to_string()))?;
        value.into_js(ctx)
    }
}

#[cfg(feature = "serde")]
impl<T: serde::de::DeserializeOwned> FromJs for Json<T> {
    fn from_js(value: &JsValue, ctx: &mut Context) -> JsResult<Self> {
        let json = serde_json::Value::from_js(value, ctx)?;
        serde_json::from_value(json)
            .map(Json)
            .map_err(|e| JsNativeError::typ().with_message(e.to_string()).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T: IntoJs + FromJs + PartialEq + core::fmt::Debug + Clone>(v: T) {
        let mut ctx = Context::default();
        let js = v.clone().into_js(&mut ctx).unwrap();
        assert_eq!(T::from_js(&js, &mut ctx).unwrap(), v);
    }

    #[test]
    fn values_survive_a_round_trip() {
        round_trip(true);
        round_trip(-7i32);
        round_trip(u32::MAX);
        round_trip(2.5f64);
        round_trip("ünï😀".to_owned());
        round_trip(Some(3u16));
        round_trip(None::<String>);
        round_trip(vec![0u8, 1, 255]);
        round_trip(vec![vec![1i32, 2], vec![]]);
        round_trip(BTreeMap::from([
            ("a".to_owned(), 1i64),
            ("b".to_owned(), 2),
        ]));
    }

    #[test]
    fn bytes_are_a_uint8array_and_arrays_are_arrays() {
        let mut ctx = Context::default();
        let bytes = vec![1u8, 2, 3].into_js(&mut ctx).unwrap();
        assert_eq!(describe(&bytes), "a typed array");
        let array = vec![1u32, 2, 3].into_js(&mut ctx).unwrap();
        assert_eq!(describe(&array), "an array");
        assert!(Vec::<u8>::from_js(&array, &mut ctx).is_err());
    }

    #[test]
    fn mismatches_and_inexact_integers_are_type_errors() {
        let mut ctx = Context::default();
        let err = |r: JsResult<()>| r.unwrap_err().as_native().unwrap().message().to_string();
        assert_eq!(
            err(String::from_js(&JsValue::new(1), &mut ctx).map(drop)),
            "expected a string, got a number"
        );
        assert_eq!(
            err(i32::from_js(&JsValue::new(1.5), &mut ctx).map(drop)),
            "expected an integer in -2147483648..=2147483647, got 1.5"
        );
        assert!(u32::from_js(&JsValue::new(-1), &mut ctx).is_err());
        assert!(u64::from_js(&JsValue::new(f64::NAN), &mut ctx).is_err());
        assert!(i64::from_js(&JsValue::new(9.3e18), &mut ctx).is_err());
        assert_eq!(i32::from_js(&JsValue::new(-0.0), &mut ctx).unwrap(), 0);
        let args = <(String, Option<u32>)>::from_js_args(&[JsValue::new(1)], &mut ctx);
        assert_eq!(
            err(args.map(drop)),
            "argument 1: expected a string, got a number"
        );
        let args = <(String, Option<u32>)>::from_js_args(&[JsString::from("x").into()], &mut ctx);
        assert_eq!(args.unwrap(), ("x".to_owned(), None));
    }

    #[test]
    fn a_huge_claimed_length_is_refused_before_reading() {
        let mut ctx = Context::default();
        let fake = ctx
            .eval(boa_engine::Source::from_bytes(
                "Object.assign([], { length: 2 ** 32 - 1 })",
            ))
            .unwrap();
        let e = Vec::<Option<f64>>::from_js(&fake, &mut ctx).unwrap_err();
        assert!(e.as_native().unwrap().message().contains("too long"));
    }

    #[test]
    fn host_results_turn_errors_into_throws() {
        let mut ctx = Context::default();
        let ok: Result<u32, String> = Ok(1);
        assert_eq!(ok.into_js_result(&mut ctx).unwrap(), JsValue::new(1));
        let bad: Result<u32, String> = Err("nope".into());
        let e = bad.into_js_result(&mut ctx).unwrap_err();
        assert_eq!(e.as_native().unwrap().message(), "nope");
    }
}
