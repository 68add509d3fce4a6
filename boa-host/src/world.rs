//! [`BoaWorld`]: the [`World`] of `gojs-engine` on a boa [`Context`].
//!
//! Each method is the JS expression `wasm_exec.js` evaluates, done with
//! boa's object operations rather than by running JS source. Where V8's
//! messages are visible to Go programs (a `js.Error` prints its message),
//! the TypeErrors we raise ourselves use V8's wording.

use crate::host::HostData;
use boa_engine::{
    Context, JsError, JsNativeError, JsObject, JsStr, JsString, JsValue, JsVariant,
    builtins::typed_array::TypedArrayKind,
    js_string,
    object::builtins::{JsArrayBuffer, JsTypedArray, JsUint8Array},
    property::PropertyKey,
};
use gojs_engine::{ErrorKind, HostError, JsResult, Limit, Link, Unwind, ValueKind, World};
use rand_core::RngCore;
use ref_cast::RefCast;

/// The JS world of one program: a boa `Context` with gojs's globals.
///
/// `repr(transparent)` over `Context` so that a native function, which only
/// receives `&mut Context`, can get back the `&mut BoaWorld` it must lend to
/// the guest ([`BoaWorld::from_context`]).
#[derive(RefCast)]
#[repr(transparent)]
pub(crate) struct BoaWorld {
    ctx: Context,
}

impl core::fmt::Debug for BoaWorld {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("BoaWorld").finish_non_exhaustive()
    }
}

impl BoaWorld {
    pub(crate) fn new(ctx: Context) -> Self {
        Self { ctx }
    }

    /// The world around a context created by gojs.
    pub(crate) fn from_context(ctx: &mut Context) -> &mut BoaWorld {
        BoaWorld::ref_cast_mut(ctx)
    }

    /// The boa context, e.g. to evaluate JS in the program's realm.
    pub fn context(&mut self) -> &mut Context {
        &mut self.ctx
    }

    pub(crate) fn data(&self) -> std::rc::Rc<HostData> {
        // A `BoaWorld` is only ever made by `create_world`, which inserts it.
        HostData::of(&self.ctx).expect("every gojs world is created with its HostData")
    }

    /// Converts a boa error into how the engine unwinds: a thrown value, or
    /// the exit or host error that an uncatchable error was carrying up
    /// through JS frames (taken: the next boundary records it again).
    pub(crate) fn unwind(&mut self, e: JsError) -> Unwind<JsValue> {
        if let Some(unwind) = self.data().aborting.borrow_mut().take() {
            return unwind;
        }
        match e.into_opaque(&mut self.ctx) {
            Ok(v) => Unwind::Throw(v),
            // boa's own runtime limits (stack size, recursion, loop
            // iterations) raise errors no JS can catch. Their display ends
            // with a JS backtrace: the first line says what happened.
            Err(engine_error) => {
                let text = engine_error.to_string();
                let first = text.lines().next().unwrap_or_default();
                Unwind::Host(HostError::limit(Limit::JsEngine, first.trim_end()))
            }
        }
    }

    fn type_error(&mut self, message: String) -> Unwind<JsValue> {
        Unwind::Throw(self.error(ErrorKind::Type, &message))
    }

    fn js<T>(&mut self, r: boa_engine::JsResult<T>) -> JsResult<T, JsValue> {
        r.map_err(|e| self.unwind(e))
    }

    fn object(&mut self, target: &JsValue, what: &str) -> JsResult<JsObject, JsValue> {
        match target.as_object() {
            Some(o) => Ok(o),
            None => Err(self.type_error(format!("{what} called on non-object"))),
        }
    }

    /// `ToPropertyKey(index)`. Array indices (the only indices Go passes:
    /// `getInt64` yields integers) become an index key directly; formatting
    /// them as decimal strings first was two thirds of a `valueIndex`.
    fn index_key(&mut self, index: f64) -> JsResult<PropertyKey, JsValue> {
        if (0.0..u32::MAX as f64).contains(&index) && index.fract() == 0.0 {
            return Ok(PropertyKey::from(index as u32));
        }
        let r = JsValue::new(index).to_property_key(&mut self.ctx);
        self.js(r)
    }

    /// A `Uint8Array` or `Uint8ClampedArray`'s `(buffer, offset, length)`.
    /// `v.length`, as a property access (primitives are boxed; `null`
    /// and `undefined` throw V8's `TypeError`).
    fn length_property(&mut self, v: &JsValue) -> JsResult<JsValue, JsValue> {
        if v.is_null_or_undefined() {
            let shown = v.display().to_string();
            return Err(self.type_error(format!(
                "Cannot read properties of {shown} (reading 'length')"
            )));
        }
        let o = {
            let r = v.to_object(&mut self.ctx);
            self.js(r)
        }?;
        let r = o.get(js_string!("length"), &mut self.ctx);
        self.js(r)
    }

    fn uint8_view(&mut self, v: &JsValue) -> Option<(JsArrayBuffer, usize, usize)> {
        let array = JsTypedArray::from_object(v.as_object()?).ok()?;
        if !matches!(
            array.kind()?,
            TypedArrayKind::Uint8 | TypedArrayKind::Uint8Clamped
        ) {
            return None;
        }
        let offset = array.byte_offset(&mut self.ctx).ok()?;
        let length = array.length(&mut self.ctx).ok()?;
        let buffer =
            JsArrayBuffer::from_object(array.buffer(&mut self.ctx).ok()?.as_object()?).ok()?;
        Some((buffer, offset, length))
    }
}

/// How V8 names a value in "X is not a function"-style messages. V8 shows
/// a function's source text: taken with the realm's original
/// `Function.prototype.toString`, so no user code (an overridden
/// `toString`) runs while an error message is made.
pub(crate) fn describe(v: &JsValue, ctx: &mut Context) -> String {
    match v.variant() {
        JsVariant::String(s) => s.to_std_string_lossy(),
        JsVariant::Object(o) if o.is_callable() => {
            let to_string = HostData::of(ctx).map(|d| d.function_to_string.clone());
            to_string
                .and_then(|f| f.call(v, &[], ctx))
                .ok()
                .and_then(|s| s.as_string().map(|s| s.to_std_string_lossy()))
                .unwrap_or_else(|| "function".into())
        }
        JsVariant::Object(_) => "#<Object>".into(),
        _ => v.display().to_string(),
    }
}

impl World for BoaWorld {
    type Value = JsValue;
    type Key = PropertyKey;

    fn link(&self) -> Link<Self> {
        self.data().link.clone()
    }

    fn take_pending_unwind(&mut self) -> Option<Unwind<JsValue>> {
        self.data().aborting.borrow_mut().take()
    }

    fn predefined(&mut self) -> [JsValue; 7] {
        let go = self.data().go.clone();
        [
            JsValue::nan(),
            JsValue::new(0),
            JsValue::null(),
            JsValue::new(true),
            JsValue::new(false),
            self.ctx.global_object().into(),
            go.into(),
        ]
    }

    fn undefined(&mut self) -> JsValue {
        JsValue::undefined()
    }

    fn number(&mut self, n: f64) -> JsValue {
        JsValue::new(n)
    }

    fn kind(&mut self, v: &JsValue) -> ValueKind {
        match v.variant() {
            JsVariant::Undefined => ValueKind::Undefined,
            JsVariant::Null => ValueKind::Null,
            JsVariant::Boolean(b) => ValueKind::Bool(b),
            JsVariant::Integer32(i) => ValueKind::Number(i as f64),
            JsVariant::Float64(f) => ValueKind::Number(f),
            JsVariant::String(_) => ValueKind::String,
            JsVariant::Symbol(_) => ValueKind::Symbol,
            JsVariant::BigInt(_) => ValueKind::Other,
            JsVariant::Object(o) if o.is_callable() => ValueKind::Function,
            JsVariant::Object(_) => ValueKind::Object,
        }
    }

    fn string(&mut self, s: &str) -> JsValue {
        JsString::from(s).into()
    }

    fn key(&mut self, name: &str) -> PropertyKey {
        JsString::from(name).into()
    }

    fn uint8_array(&mut self, bytes: &[u8]) -> JsValue {
        let made = (|| {
            let buffer = JsArrayBuffer::new(bytes.len(), &mut self.ctx)?;
            if let Some(mut data) = buffer.data_mut() {
                data.copy_from_slice(bytes);
            }
            JsUint8Array::from_array_buffer(buffer, &mut self.ctx)
        })();
        made.map_or(JsValue::undefined(), JsValue::from)
    }

    fn error(&mut self, kind: ErrorKind, message: &str) -> JsValue {
        let native = match kind {
            ErrorKind::Range => JsNativeError::range(),
            ErrorKind::Type => JsNativeError::typ(),
            ErrorKind::Plain => JsNativeError::error(),
        };
        native
            .with_message(message.to_owned())
            .into_opaque(&mut self.ctx)
            .into()
    }

    fn get(&mut self, target: &JsValue, key: &PropertyKey) -> JsResult<JsValue, JsValue> {
        let o = self.object(target, "Reflect.get")?;
        let r = o.get(key.clone(), &mut self.ctx);
        self.js(r)
    }

    fn set(
        &mut self,
        target: &JsValue,
        key: &PropertyKey,
        value: JsValue,
    ) -> JsResult<(), JsValue> {
        let o = self.object(target, "Reflect.set")?;
        let r = o.set(key.clone(), value, false, &mut self.ctx);
        self.js(r).map(drop)
    }

    fn delete(&mut self, target: &JsValue, key: &PropertyKey) -> JsResult<(), JsValue> {
        let reflect_delete = self.data().reflect_delete.clone();
        let r = reflect_delete.call(
            &JsValue::undefined(),
            &[target.clone(), key.into()],
            &mut self.ctx,
        );
        self.js(r).map(drop)
    }

    fn get_index(&mut self, target: &JsValue, index: f64) -> JsResult<JsValue, JsValue> {
        let o = self.object(target, "Reflect.get")?;
        let key = self.index_key(index)?;
        let r = o.get(key, &mut self.ctx);
        self.js(r)
    }

    fn set_index(&mut self, target: &JsValue, index: f64, value: JsValue) -> JsResult<(), JsValue> {
        let o = self.object(target, "Reflect.set")?;
        let key = self.index_key(index)?;
        let r = o.set(key, value, false, &mut self.ctx);
        self.js(r).map(drop)
    }

    fn apply(
        &mut self,
        f: &JsValue,
        this: &JsValue,
        args: &[JsValue],
    ) -> JsResult<JsValue, JsValue> {
        match f.as_callable() {
            Some(callable) => {
                let r = callable.call(this, args, &mut self.ctx);
                self.js(r)
            }
            None => {
                let shown = describe(f, &mut self.ctx);
                let ty = f.type_of();
                Err(self.type_error(format!(
                    "Function.prototype.apply was called on {shown}, which is {} {ty} and not a function",
                    if ty.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
                )))
            }
        }
    }

    fn construct(&mut self, f: &JsValue, args: &[JsValue]) -> JsResult<JsValue, JsValue> {
        match f.as_constructor() {
            Some(ctor) => {
                let r = ctor.construct(args, None, &mut self.ctx);
                self.js(r).map(JsValue::from)
            }
            None => {
                let shown = describe(f, &mut self.ctx);
                Err(self.type_error(format!("{shown} is not a constructor")))
            }
        }
    }

    fn length(&mut self, v: &JsValue) -> JsResult<f64, JsValue> {
        let length = self.length_property(v)?;
        if let Some(n) = integral_number(&length) {
            return Ok(n);
        }
        let s = {
            let r = length.to_string(&mut self.ctx);
            self.js(r)
        }?;
        Ok(parse_int(&s.to_std_string_lossy()))
    }

    fn length_number(&mut self, v: &JsValue) -> JsResult<f64, JsValue> {
        let length = self.length_property(v)?;
        let r = length.to_number(&mut self.ctx);
        self.js(r)
    }

    fn to_string_utf8(&mut self, v: &JsValue) -> JsResult<Vec<u8>, JsValue> {
        // `String(v)`: like ToString, except that symbols are described.
        let s = match v.as_symbol() {
            Some(sym) => sym.descriptive_string(),
            None => {
                let r = v.to_string(&mut self.ctx);
                self.js(r)?
            }
        };
        Ok(utf8(s.as_str()))
    }

    fn instance_of(&mut self, v: &JsValue, t: &JsValue) -> JsResult<bool, JsValue> {
        let r = v.instance_of(t, &mut self.ctx);
        self.js(r)
    }

    fn copy_from_uint8_array(&mut self, src: &JsValue, dst: &mut [u8]) -> Option<usize> {
        let (buffer, offset, length) = self.uint8_view(src)?;
        let n = length.min(dst.len());
        let data = buffer.data()?;
        dst[..n].copy_from_slice(data.get(offset..offset + n)?);
        Some(n)
    }

    fn copy_to_uint8_array(&mut self, dst: &JsValue, src: &[u8]) -> Option<usize> {
        let (buffer, offset, length) = self.uint8_view(dst)?;
        let n = length.min(src.len());
        let mut data = buffer.data_mut()?;
        data.get_mut(offset..offset + n)?.copy_from_slice(&src[..n]);
        Some(n)
    }

    fn write_sync(&mut self, fd: f64, bytes: &[u8]) -> JsResult<(), JsValue> {
        match crate::globals::host_fs::write_bytes(&self.data(), fd, bytes, None) {
            Ok(_) => Ok(()),
            Err(crate::host::WriteError::Io(e)) => {
                let err = crate::globals::host_fs::system_error(&mut self.ctx, &e, "write", None);
                Err(Unwind::Throw(err))
            }
            Err(crate::host::WriteError::Limit(e)) => Err(Unwind::Host(e)),
        }
    }

    fn monotonic_ms(&mut self) -> f64 {
        self.data().clock.monotonic_ms()
    }

    fn wall_ms(&mut self) -> f64 {
        self.data().clock.wall_ms()
    }

    fn random_fill(&mut self, buf: &mut [u8]) -> JsResult<(), JsValue> {
        self.data().rng.borrow_mut().fill_bytes(buf);
        Ok(())
    }

    fn set_go_timer(&mut self, go_id: i32, delay_ms: f64) -> JsResult<u64, JsValue> {
        let data = self.data();
        data.timer_room()?;
        let now = data.clock.elapsed_ms();
        Ok(data
            .event_loop
            .set_timer(now, delay_ms, crate::event_loop::TimerTask::Go(go_id)))
    }

    fn clear_go_timer(&mut self, handle: u64) {
        self.data().event_loop.clear(handle);
    }

    fn debug(&mut self, value: i32) {
        let _ = self
            .data()
            .options
            .stdout
            .write(1, format!("{value}\n").as_bytes());
    }

    fn warn(&mut self, message: &str) {
        let _ = self
            .data()
            .write_stream(2, format!("{message}\n").as_bytes());
    }
}

/// `TextEncoder.encode(s)`: UTF-8, lone surrogates as U+FFFD. Latin-1
/// strings (boa's compact form, the usual case) are encoded byte by byte.
pub(crate) fn utf8(s: JsStr<'_>) -> Vec<u8> {
    let Some(bytes) = s.as_latin1() else {
        return s.code_points_lossy().collect::<String>().into_bytes();
    };
    if bytes.is_ascii() {
        return bytes.to_vec();
    }
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    let mut out = Vec::with_capacity(bytes.len() + high);
    for &b in bytes {
        if b < 0x80 {
            out.push(b);
        } else {
            out.extend_from_slice(&[0xC0 | (b >> 6), 0x80 | (b & 0x3F)]);
        }
    }
    out
}

/// `parseInt(String(v))` without the string, for an integral number below
/// 1e21 (the usual `length`): `String` writes those in plain decimal, so
/// `parseInt` gives the number back (`-0` as `0`). Anything else: `None`.
fn integral_number(v: &JsValue) -> Option<f64> {
    match v.variant() {
        JsVariant::Integer32(i) => Some(i as f64),
        JsVariant::Float64(f) if f.fract() == 0.0 && f.abs() < 1e21 => Some(f + 0.0),
        _ => None,
    }
}

/// `parseInt(s)` with radix 10 (or 16 after a `0x` prefix), as a number.
pub(crate) fn parse_int(s: &str) -> f64 {
    let s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let (negative, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (radix, digits) = match s.get(..2) {
        Some("0x" | "0X") => (16, &s[2..]),
        _ => (10, s),
    };
    let end = digits
        .find(|c: char| !c.is_digit(radix))
        .unwrap_or(digits.len());
    if end == 0 {
        return f64::NAN;
    }
    let value = digits[..end].chars().fold(0.0f64, |acc, c| {
        acc * radix as f64 + c.to_digit(radix).unwrap_or(0) as f64
    });
    if negative { -value } else { value }
}

#[cfg(test)]
mod tests {
    use super::{integral_number, parse_int, utf8};
    use boa_engine::JsString;

    #[test]
    fn utf8_encodes_like_text_encoder() {
        let cases: [(&[u16], &[u8]); 5] = [
            (&[0x61, 0x62], b"ab"),
            (&[0xE9, 0x41], b"\xC3\xA9A"),
            (&[0xFF], b"\xC3\xBF"),
            (&[0x20AC, 0xD83D, 0xDE00], "\u{20AC}\u{1F600}".as_bytes()),
            (&[0x61, 0xD800, 0x62], "a\u{FFFD}b".as_bytes()),
        ];
        for (units, want) in cases {
            // JsString::from(&[u16]) picks the Latin-1 form when it can.
            let s = JsString::from(units);
            assert_eq!(utf8(s.as_str()), want, "{units:x?}");
        }
    }

    #[test]
    fn integral_lengths_skip_the_string_round_trip() {
        let mut ctx = boa_engine::Context::default();
        let values = [
            0.0,
            -0.0,
            5.0,
            -7.0,
            2147483648.0,
            9007199254740993.0,
            1e20,
            1e21,
            3.7,
            -3.7,
            1e-7,
            f64::NAN,
            f64::INFINITY,
        ];
        for v in values {
            let v = boa_engine::JsValue::new(v);
            let slow = parse_int(&v.to_string(&mut ctx).unwrap().to_std_string_lossy());
            if let Some(fast) = integral_number(&v) {
                assert_eq!(fast.to_bits(), slow.to_bits(), "{v:?}");
            }
        }
        assert_eq!(integral_number(&boa_engine::JsValue::new(3)), Some(3.0));
        assert_eq!(integral_number(&boa_engine::JsValue::new(3.5)), None);
        assert_eq!(integral_number(&boa_engine::JsValue::new(1e21)), None);
    }

    #[test]
    fn parse_int_matches_javascript() {
        assert_eq!(parse_int("42"), 42.0);
        assert_eq!(parse_int("3.9"), 3.0);
        assert_eq!(parse_int("  -7px"), -7.0);
        assert_eq!(parse_int("0x1F"), 31.0);
        assert_eq!(parse_int("1e+21"), 1.0);
        assert!(parse_int("undefined").is_nan());
        assert!(parse_int("").is_nan());
    }
}
