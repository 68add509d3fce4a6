//! `JSON.stringify`, replacing boa's: ECMA-262 §25.5.2 step by step, with
//! the nesting bounded and the output built in one buffer.
//!
//! boa 0.22's own `JSON.stringify` recurses natively once per nesting level
//! with no bound, so `let o = {}; for (…1e6) o = {o}; JSON.stringify(o)`
//! overflows the thread's stack — which aborts the whole process — where
//! node throws a catchable `RangeError: Maximum call stack size exceeded`.
//! It also copies every member's text into its parent's at each level, so
//! its time grows with the square of the depth. This one:
//!
//! - checks, before each object or array it descends into, the native
//!   stack left ([`crate::stack`]) and the depth ([`MAX_DEPTH`]); either
//!   exhausted is that `RangeError`;
//! - appends everything to one growing `Vec<u16>`, so its time is linear in
//!   the output, and refuses output longer than V8's longest string
//!   ([`MAX_LENGTH`]) with node's `RangeError: Invalid string length`,
//!   before the allocation could fail;
//! - checks the program's interrupt every [`TICKS_PER_CHECK`] properties,
//!   so a huge array or a replacer array behind a proxy stops at the
//!   deadline.
//!
//! It owns only `JSON.stringify`: `JSON.parse`, `JSON.rawJSON` and
//! `JSON.isRawJSON` stay boa's. What the public boa API does not reach is
//! done through the original intrinsics, captured at install time before
//! any script runs: `Object.keys` (EnumerableOwnProperties for anything but
//! an ordinary object, so proxies see their traps in spec order),
//! `Array.isArray` (IsArray of a proxy), `Reflect.get` (GetV of a BigInt),
//! `JSON.isRawJSON` (the `[[IsRawJSON]]` slot).
//!
//! Deliberate differences: from boa, the error messages are node's
//! (`Converting circular structure to JSON`, `Do not know how to serialize
//! a BigInt`), and the two `RangeError`s above exist. From node 20, a
//! `JSON.rawJSON` object is serialized as its raw text, as boa does and the
//! JSON.parse source text access proposal says (node 20 has no
//! `JSON.rawJSON`), and node's message for a cycle has more lines (the
//! path that closes the circle).

use super::intrinsic;
use crate::{
    host::HostData,
    stack::{self, RED_ZONE},
};
use boa_engine::{
    Context, JsArgs, JsBigInt, JsNativeError, JsObject, JsResult, JsString, JsValue,
    NativeFunction,
    builtins::proxy::Proxy,
    gc::{Finalize, Trace},
    js_string,
    object::FunctionObjectBuilder,
    property::{PropertyDescriptor, PropertyKey},
    string::{JsStr, JsStrVariant},
    value::JsVariant,
};
use gojs_engine::{Interrupt, Unwind};
use rustc_hash::FxHashSet;
use std::rc::Rc;

/// Objects and arrays nested inside one another that one call serializes.
///
/// node 20 (x86-64, default 984 KiB stack, called from the top level)
/// stops at 4172 levels, of objects and of arrays alike; gojs allows a
/// little more, so that whatever node serializes serializes here too,
/// while the stack check still stops it earlier on a small thread.
pub(crate) const MAX_DEPTH: usize = 5000;

/// The longest output, in UTF-16 code units: V8's `String::kMaxLength` on
/// 64-bit targets (2²⁹ − 24), past which node throws `RangeError: Invalid
/// string length`.
pub(crate) const MAX_LENGTH: usize = (1 << 29) - 24;

/// Properties serialized (or replacer-array items read) between two looks
/// at the program's interrupt.
const TICKS_PER_CHECK: u32 = 4096;

/// The intrinsics `JSON.stringify` calls where boa's public API has no
/// direct way, as they were before any script could replace them.
#[derive(Trace, Finalize)]
struct Intrinsics {
    /// `Object.keys`: EnumerableOwnProperties(O, key).
    object_keys: JsObject,
    /// `Array.isArray`: IsArray, for a proxy.
    array_is_array: JsObject,
    /// `Reflect.get`: GetV for a BigInt primitive (`O.[[Get]](P, V)`).
    reflect_get: JsObject,
    /// `JSON.isRawJSON`: the `[[IsRawJSON]]` internal slot.
    is_raw_json: JsObject,
}

/// Replaces `JSON.stringify` by [`stringify`], with the original's
/// attributes (writable, configurable, not enumerable), `name` and
/// `length`. Run at world creation, before any script.
pub(crate) fn install(ctx: &mut Context) -> JsResult<()> {
    let object = ctx.intrinsics().constructors().object().constructor();
    let array = ctx.intrinsics().constructors().array().constructor();
    let reflect = ctx.intrinsics().objects().reflect();
    let json = ctx.intrinsics().objects().json();
    let intrinsics = Intrinsics {
        object_keys: intrinsic(&object, "keys", ctx)?,
        array_is_array: intrinsic(&array, "isArray", ctx)?,
        reflect_get: intrinsic(&reflect, "get", ctx)?,
        is_raw_json: intrinsic(&json, "isRawJSON", ctx)?,
    };
    let native = NativeFunction::from_copy_closure_with_captures(stringify, intrinsics);
    let function = FunctionObjectBuilder::new(ctx.realm(), native)
        .name(js_string!("stringify"))
        .length(3)
        .constructor(false)
        .build();
    json.define_property_or_throw(
        js_string!("stringify"),
        PropertyDescriptor::builder()
            .value(function.clone())
            .writable(true)
            .enumerable(false)
            .configurable(true),
        ctx,
    )?;
    ctx.insert_data(Installed(function.into()));
    Ok(())
}

/// The `JSON.stringify` [`install`] made, kept in the context for the host's
/// own use, whatever a script assigns to `JSON.stringify` later.
struct Installed(JsObject);

/// gojs's `JSON.stringify`, as installed (node's `util.format` calls its
/// primordial one for `%j` likewise); `None` before [`install`].
pub(crate) fn installed(ctx: &Context) -> Option<JsObject> {
    ctx.get_data::<Installed>().map(|f| f.0.clone())
}

/// `JSON.stringify ( value [ , replacer [ , space ] ] )` (§25.5.2).
fn stringify(
    _: &JsValue,
    args: &[JsValue],
    intrinsics: &Intrinsics,
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let mut state = State {
        intrinsics,
        replacer: None,
        property_list: None,
        gap: Vec::new(),
        stack: FxHashSet::default(),
        out: Output::default(),
        interrupt: ctx
            .get_data::<Rc<HostData>>()
            .map(|data| data.interrupt.clone()),
        ticks: 0,
        to_json: js_string!("toJSON").into(),
    };
    // 1–3. Let stack be a new empty List, indent the empty String, and
    // PropertyList and ReplacerFunction undefined.
    // 4. If replacer is an Object, then
    if let Some(replacer) = args.get_or_undefined(1).as_object() {
        if replacer.is_callable() {
            // a. If IsCallable(replacer), set ReplacerFunction to replacer.
            state.replacer = Some(replacer);
        } else if state.is_array(&replacer, ctx)? {
            // b. Else, if ? IsArray(replacer):
            state.property_list = Some(state.property_list(&replacer, ctx)?);
        }
    }
    // 5. If space is an Object, unwrap a Number or a String object.
    let mut space = args.get_or_undefined(2).clone();
    if let Some(object) = space.as_object() {
        if object.is::<f64>() {
            space = space.to_number(ctx)?.into();
        } else if object.is::<JsString>() {
            space = space.to_string(ctx)?.into();
        }
    }
    state.gap = if let Some(n) = space.as_number() {
        // 6. min(10, ToIntegerOrInfinity(space)) spaces, none below 1.
        let n = if n.is_nan() { 0.0 } else { n.trunc() };
        vec![u16::from(b' '); n.clamp(0.0, 10.0) as usize]
    } else if let Some(s) = space.as_string() {
        // 7. The first 10 code units of space.
        s.iter().take(10).collect()
    } else {
        // 8. Else, the empty String.
        Vec::new()
    };
    // 9–10. Let wrapper be OrdinaryObjectCreate(%Object.prototype%), with
    // wrapper[""] = value.
    let wrapper = JsObject::with_object_proto(ctx.intrinsics());
    wrapper.create_data_property_or_throw(js_string!(), args.get_or_undefined(0).clone(), ctx)?;
    // 11–12. Return ? SerializeJSONProperty(state, "", wrapper).
    if !state.serialize_property(&wrapper, &js_string!().into(), ctx)? {
        return Ok(JsValue::undefined());
    }
    Ok(state.out.finish()?.into())
}

/// The JSON Serialization Record (§25.5.2.1) that §25.5.2 step 11 makes,
/// plus the output and the bounds.
struct State<'a> {
    intrinsics: &'a Intrinsics,
    /// `[[ReplacerFunction]]`.
    replacer: Option<JsObject>,
    /// `[[PropertyList]]`: each name and its property key.
    property_list: Option<Rc<[(JsString, PropertyKey)]>>,
    /// `[[Gap]]`; `[[Indent]]` is the gap repeated `stack.len()` times.
    gap: Vec<u16>,
    /// `[[Stack]]`: the objects and arrays being serialized.
    stack: FxHashSet<JsObject>,
    out: Output,
    interrupt: Option<Interrupt>,
    ticks: u32,
    to_json: PropertyKey,
}

impl State<'_> {
    /// Counts a unit of work, and every [`TICKS_PER_CHECK`] looks at the
    /// program's interrupt: triggered, the program ends here, as at any
    /// guarded built-in.
    fn tick(&mut self, ctx: &Context) -> JsResult<()> {
        self.ticks = self.ticks.wrapping_add(1);
        if self.ticks.is_multiple_of(TICKS_PER_CHECK)
            && let Some(e) = self.interrupt.as_ref().and_then(Interrupt::error)
        {
            return Err(HostData::of(ctx)?.abort(Unwind::Host(e)));
        }
        Ok(())
    }

    /// `IsArray ( argument )`: an Array exotic object, or a proxy of one
    /// (through `Array.isArray`, which also throws for a revoked proxy).
    fn is_array(&self, object: &JsObject, ctx: &mut Context) -> JsResult<bool> {
        if object.is_array() {
            return Ok(true);
        }
        if object.is::<Proxy>() {
            let answer = self.intrinsics.array_is_array.call(
                &JsValue::undefined(),
                &[object.clone().into()],
                ctx,
            )?;
            return Ok(answer.to_boolean());
        }
        Ok(false)
    }

    /// §25.5.2 step 4.b.ii: the PropertyList of a replacer array — its
    /// strings, numbers and String or Number objects as strings, each once,
    /// in order.
    fn property_list(
        &mut self,
        replacer: &JsObject,
        ctx: &mut Context,
    ) -> JsResult<Rc<[(JsString, PropertyKey)]>> {
        let len = length_of_array_like(replacer, ctx)?;
        let mut seen = FxHashSet::default();
        let mut list = Vec::new();
        for k in 0..len {
            self.tick(ctx)?;
            let v = replacer.get(k, ctx)?;
            let item = match v.variant() {
                JsVariant::String(s) => Some(s),
                JsVariant::Float64(_) | JsVariant::Integer32(_) => Some(v.to_string(ctx)?),
                JsVariant::Object(o) if o.is::<JsString>() || o.is::<f64>() => {
                    Some(v.to_string(ctx)?)
                }
                _ => None,
            };
            if let Some(item) = item
                && seen.insert(item.clone())
            {
                list.push((item.clone(), item.into()));
            }
        }
        Ok(list.into())
    }

    /// `SerializeJSONProperty ( state, key, holder )` (§25.5.2.2): appends
    /// the serialization of `holder[key]`, or nothing and `false` when it is
    /// undefined (a function, a symbol, `undefined`).
    fn serialize_property(
        &mut self,
        holder: &JsObject,
        key: &PropertyKey,
        ctx: &mut Context,
    ) -> JsResult<bool> {
        self.tick(ctx)?;
        // 1. Let value be ? Get(holder, key).
        let mut value = holder.get(key.clone(), ctx)?;
        // 2. If value is an Object or a BigInt, let toJSON be ? GetV(value,
        // "toJSON"); if it is callable, value = ? Call(toJSON, value, « key »).
        let to_json = match value.variant() {
            JsVariant::Object(o) => Some(o.get(self.to_json.clone(), ctx)?),
            JsVariant::BigInt(_) => {
                let object = value.to_object(ctx)?;
                Some(self.intrinsics.reflect_get.call(
                    &JsValue::undefined(),
                    &[object.into(), js_string!("toJSON").into(), value.clone()],
                    ctx,
                )?)
            }
            _ => None,
        };
        if let Some(f) = to_json.as_ref().and_then(JsValue::as_callable) {
            value = f.call(&value, &[key_string(key).into()], ctx)?;
        }
        // 3. If there is a ReplacerFunction, value = ? Call(it, holder,
        // « key, value »).
        if let Some(replacer) = &self.replacer {
            value = replacer.call(
                &holder.clone().into(),
                &[key_string(key).into(), value],
                ctx,
            )?;
        }
        // 4. If value is an Object, unwrap a Number, String, Boolean or
        // BigInt object; a raw JSON object is its raw text.
        if let Some(object) = value.as_object() {
            if object.is::<f64>() {
                value = value.to_number(ctx)?.into();
            } else if object.is::<JsString>() {
                value = value.to_string(ctx)?.into();
            } else if let Some(b) = object.downcast_ref::<bool>() {
                value = (*b).into();
            } else if let Some(n) = object.downcast_ref::<JsBigInt>() {
                value = n.clone().into();
            } else if self.is_raw_json(&object, ctx)? {
                // boa: the `rawJSON` property, a string (the object is frozen).
                let raw = object.get(js_string!("rawJSON"), ctx)?;
                let Some(raw) = raw.as_string() else {
                    return Ok(false);
                };
                self.out.js_str(raw.as_str())?;
                return Ok(true);
            }
        }
        match value.variant() {
            // 5–7. null, true, false.
            JsVariant::Null => self.out.ascii(b"null")?,
            JsVariant::Boolean(true) => self.out.ascii(b"true")?,
            JsVariant::Boolean(false) => self.out.ascii(b"false")?,
            // 8. A String: QuoteJSONString(value).
            JsVariant::String(s) => self.out.quote(s.as_str())?,
            // 9. A Number: ToString(value) if finite, else "null".
            JsVariant::Integer32(i) => self.out.integer(i64::from(i))?,
            JsVariant::Float64(n) => self.number(n, ctx)?,
            // 10. A BigInt: a TypeError.
            JsVariant::BigInt(_) => {
                return Err(JsNativeError::typ()
                    .with_message("Do not know how to serialize a BigInt")
                    .into());
            }
            // 11. An Object that is not callable: an array or an object.
            JsVariant::Object(o) if !o.is_callable() => {
                if self.is_array(&o, ctx)? {
                    self.serialize_array(&o, ctx)?;
                } else {
                    self.serialize_object(&o, ctx)?;
                }
            }
            // 12. Else, undefined.
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Whether `object` has a `[[IsRawJSON]]` slot. Raw JSON objects are
    /// made with a null prototype and frozen, so only those with none are
    /// asked about.
    fn is_raw_json(&self, object: &JsObject, ctx: &mut Context) -> JsResult<bool> {
        if object.prototype().is_some() {
            return Ok(false);
        }
        let answer = self.intrinsics.is_raw_json.call(
            &JsValue::undefined(),
            &[object.clone().into()],
            ctx,
        )?;
        Ok(answer.to_boolean())
    }

    /// §25.5.2.2 step 9: a finite number as ToString gives it, else "null".
    fn number(&mut self, n: f64, ctx: &mut Context) -> JsResult<()> {
        if !n.is_finite() {
            return self.out.ascii(b"null");
        }
        // Integers below 2⁵³ print as their digits (-0 as "0").
        if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
            return self.out.integer(n as i64);
        }
        let s = JsValue::new(n).to_string(ctx)?;
        self.out.js_str(s.as_str())
    }

    /// SerializeJSONObject / SerializeJSONArray steps 1–4: refuses a cycle
    /// (a TypeError), too deep a nesting or too little stack left (a
    /// RangeError), and pushes `value` on the stack.
    fn enter(&mut self, value: &JsObject) -> JsResult<()> {
        if self.stack.contains(value) {
            return Err(JsNativeError::typ()
                .with_message("Converting circular structure to JSON")
                .into());
        }
        if self.stack.len() >= MAX_DEPTH || stack::remaining().is_some_and(|left| left < RED_ZONE) {
            return Err(stack::overflow());
        }
        self.stack.insert(value.clone());
        Ok(())
    }

    /// Step 11 of both: removes `value` from the stack.
    fn leave(&mut self, value: &JsObject) {
        self.stack.remove(value);
    }

    /// Starts a member or element: the separator, and with a gap a new
    /// line indented to the current depth.
    fn separate(&mut self, first: bool) -> JsResult<()> {
        if !first {
            self.out.ascii(b",")?;
        }
        if !self.gap.is_empty() {
            self.out.ascii(b"\n")?;
            self.out.repeat(&self.gap, self.stack.len())?;
        }
        Ok(())
    }

    /// Ends a non-empty object or array: with a gap, a new line indented to
    /// the enclosing depth (stepback).
    fn close(&mut self, last: u8) -> JsResult<()> {
        if !self.gap.is_empty() {
            self.out.ascii(b"\n")?;
            self.out
                .repeat(&self.gap, self.stack.len().saturating_sub(1))?;
        }
        self.out.ascii(&[last])
    }

    /// `SerializeJSONObject ( state, value )` (§25.5.2.5).
    fn serialize_object(&mut self, value: &JsObject, ctx: &mut Context) -> JsResult<()> {
        self.enter(value)?;
        // 5–6. K is the PropertyList, or ? EnumerableOwnProperties(value, key).
        let keys = match &self.property_list {
            Some(list) => list.clone(),
            None => self.enumerable_own_keys(value, ctx)?,
        };
        self.out.ascii(b"{")?;
        let mut empty = true;
        // 8. For each element P of K:
        for (name, key) in keys.iter() {
            // a–b. If strP = ? SerializeJSONProperty(state, P, value) is not
            // undefined, append QuoteJSONString(P) ":" [" "] strP.
            let mark = self.out.mark();
            self.separate(empty)?;
            self.out.quote(name.as_str())?;
            self.out
                .ascii(if self.gap.is_empty() { b":" } else { b": " })?;
            if self.serialize_property(value, key, ctx)? {
                empty = false;
            } else {
                self.out.truncate(mark);
            }
        }
        // 9–10. "{}", or the members between braces.
        if empty {
            self.out.ascii(b"}")?;
        } else {
            self.close(b'}')?;
        }
        self.leave(value);
        Ok(())
    }

    /// `EnumerableOwnProperties(value, key)`, as names and keys. An
    /// ordinary object's `[[OwnPropertyKeys]]` and `[[GetOwnProperty]]`
    /// have no side effects, so its property map is read directly; anything
    /// else (proxies, exotic objects) goes through `Object.keys`.
    fn enumerable_own_keys(
        &self,
        value: &JsObject,
        ctx: &mut Context,
    ) -> JsResult<Rc<[(JsString, PropertyKey)]>> {
        if value.is_ordinary() {
            let keys = value.own_property_keys(ctx)?;
            // (Never borrowed mutably while a native runs; if it were,
            // `Object.keys` would say so.)
            if let Ok(object) = value.try_borrow() {
                let properties = object.properties();
                let list: Vec<_> = keys
                    .into_iter()
                    .filter(|key| !matches!(key, PropertyKey::Symbol(_)))
                    .filter(|key| {
                        properties
                            .get(key)
                            .is_some_and(|d| d.enumerable() == Some(true))
                    })
                    .map(|key| (key_string(&key), key))
                    .collect();
                return Ok(list.into());
            }
        }
        let keys = self.intrinsics.object_keys.call(
            &JsValue::undefined(),
            &[value.clone().into()],
            ctx,
        )?;
        let Some(keys) = keys.as_object() else {
            return Ok(Rc::from([]));
        };
        let len = length_of_array_like(&keys, ctx)?;
        let mut list = Vec::new();
        for i in 0..len {
            if let Some(name) = keys.get(i, ctx)?.as_string() {
                list.push((name.clone(), name.into()));
            }
        }
        Ok(list.into())
    }

    /// `SerializeJSONArray ( state, value )` (§25.5.2.6).
    fn serialize_array(&mut self, value: &JsObject, ctx: &mut Context) -> JsResult<()> {
        self.enter(value)?;
        // 6. Let len be ? LengthOfArrayLike(value).
        let len = length_of_array_like(value, ctx)?;
        // Every element takes a unit and a separator at least: an array too
        // long for any output is the RangeError now, not after 2^32 holes
        // (`a.length = 2 ** 32 - 1`) have been written, as V8 knows at once.
        self.out.fits(len.saturating_mul(2).saturating_add(1))?;
        self.out.ascii(b"[")?;
        // 8. Each index's SerializeJSONProperty, or "null" for undefined.
        for index in 0..len {
            self.separate(index == 0)?;
            if !self.serialize_property(value, &index.into(), ctx)? {
                self.out.ascii(b"null")?;
            }
        }
        // 9–10. "[]", or the elements between brackets.
        if len == 0 {
            self.out.ascii(b"]")?;
        } else {
            self.close(b']')?;
        }
        self.leave(value);
        Ok(())
    }
}

/// `LengthOfArrayLike ( obj )`: ToLength(? Get(obj, "length")).
fn length_of_array_like(object: &JsObject, ctx: &mut Context) -> JsResult<u64> {
    object.get(js_string!("length"), ctx)?.to_length(ctx)
}

/// A property key as the string JS code sees (what toJSON and the replacer
/// are passed). Symbols never get here: EnumerableOwnProperties and the
/// PropertyList hold strings only.
fn key_string(key: &PropertyKey) -> JsString {
    match key {
        PropertyKey::String(s) => s.clone(),
        PropertyKey::Index(i) => JsString::from(i.get()),
        PropertyKey::Symbol(_) => JsString::default(),
    }
}

/// The output: UTF-16 code units, at most [`MAX_LENGTH`] of them. Every
/// append is checked, so an output too long is a `RangeError`, never an
/// allocation failure.
#[derive(Default)]
struct Output {
    units: Vec<u16>,
}

impl Output {
    /// Whether `n` more code units would fit (nothing is reserved).
    fn fits(&self, n: u64) -> JsResult<()> {
        let total = (self.units.len() as u64).saturating_add(n);
        if total > MAX_LENGTH as u64 {
            return Err(JsNativeError::range()
                .with_message("Invalid string length")
                .into());
        }
        Ok(())
    }

    /// Makes room for `n` more code units.
    fn reserve(&mut self, n: usize) -> JsResult<()> {
        let fits = self
            .units
            .len()
            .checked_add(n)
            .is_some_and(|total| total <= MAX_LENGTH);
        if !fits || self.units.try_reserve(n).is_err() {
            return Err(JsNativeError::range()
                .with_message("Invalid string length")
                .into());
        }
        Ok(())
    }

    fn ascii(&mut self, s: &[u8]) -> JsResult<()> {
        self.latin1(s)
    }

    fn latin1(&mut self, s: &[u8]) -> JsResult<()> {
        self.reserve(s.len())?;
        self.units.extend(s.iter().map(|&b| u16::from(b)));
        Ok(())
    }

    fn utf16(&mut self, s: &[u16]) -> JsResult<()> {
        self.reserve(s.len())?;
        self.units.extend_from_slice(s);
        Ok(())
    }

    fn js_str(&mut self, s: JsStr<'_>) -> JsResult<()> {
        match s.variant() {
            JsStrVariant::Latin1(s) => self.latin1(s),
            JsStrVariant::Utf16(s) => self.utf16(s),
        }
    }

    /// `s` `n` times (an indent).
    fn repeat(&mut self, s: &[u16], n: usize) -> JsResult<()> {
        self.reserve(s.len().saturating_mul(n))?;
        for _ in 0..n {
            self.units.extend_from_slice(s);
        }
        Ok(())
    }

    /// The decimal digits of `n`.
    fn integer(&mut self, n: i64) -> JsResult<()> {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = n.unsigned_abs();
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if n < 0 {
            self.ascii(b"-")?;
        }
        self.ascii(&digits[at..])
    }

    /// `QuoteJSONString ( value )` (§25.5.2.3): `"`, the code units with
    /// `"`, `\` and controls escaped and lone surrogates as `\udxxx`, `"`.
    fn quote(&mut self, s: JsStr<'_>) -> JsResult<()> {
        self.ascii(b"\"")?;
        match s.variant() {
            JsStrVariant::Latin1(s) => {
                let mut start = 0;
                for (i, &b) in s.iter().enumerate() {
                    if b < 0x20 || b == b'"' || b == b'\\' {
                        self.latin1(&s[start..i])?;
                        self.escape(u16::from(b))?;
                        start = i + 1;
                    }
                }
                self.latin1(&s[start..])?;
            }
            JsStrVariant::Utf16(s) => {
                let mut start = 0;
                let mut i = 0;
                while i < s.len() {
                    let u = s[i];
                    let plain = match u {
                        0xD800..=0xDBFF => {
                            // A lead surrogate is kept with its trail.
                            if s.get(i + 1).is_some_and(|t| (0xDC00..=0xDFFF).contains(t)) {
                                i += 2;
                                continue;
                            }
                            false
                        }
                        0xDC00..=0xDFFF => false,
                        _ => u >= 0x20 && u != u16::from(b'"') && u != u16::from(b'\\'),
                    };
                    if !plain {
                        self.utf16(&s[start..i])?;
                        self.escape(u)?;
                        start = i + 1;
                    }
                    i += 1;
                }
                self.utf16(&s[start..])?;
            }
        }
        self.ascii(b"\"")
    }

    /// One escaped code unit: its short form from the table of JSON
    /// single-character escapes, else `\uxxxx` in lowercase hex
    /// (UnicodeEscape, §25.5.2.4).
    fn escape(&mut self, u: u16) -> JsResult<()> {
        let short: &[u8] = match u {
            0x08 => b"\\b",
            0x09 => b"\\t",
            0x0A => b"\\n",
            0x0C => b"\\f",
            0x0D => b"\\r",
            0x22 => b"\\\"",
            0x5C => b"\\\\",
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let hex = |shift: u16| HEX[usize::from((u >> shift) & 0xF)];
                return self.ascii(&[b'\\', b'u', hex(12), hex(8), hex(4), hex(0)]);
            }
        };
        self.ascii(short)
    }

    /// Where the output ends now, to go back to with [`Output::truncate`].
    fn mark(&self) -> usize {
        self.units.len()
    }

    fn truncate(&mut self, mark: usize) {
        self.units.truncate(mark);
    }

    /// The output as a JS string: Latin-1 when every code unit fits, as
    /// node's one-byte strings.
    fn finish(self) -> JsResult<JsString> {
        if self.units.iter().all(|&u| u <= 0xFF) {
            let mut bytes = Vec::new();
            if bytes.try_reserve_exact(self.units.len()).is_err() {
                return Err(JsNativeError::range()
                    .with_message("Invalid string length")
                    .into());
            }
            bytes.extend(self.units.iter().map(|&u| u as u8));
            return Ok(JsString::from(JsStr::latin1(&bytes)));
        }
        Ok(JsString::from(&self.units[..]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use boa_engine::Source;
    use std::time::{Duration, Instant};

    /// Runs `f` on a thread with `stack` bytes of stack.
    fn on_thread<T: Send + 'static>(stack: usize, f: impl FnOnce() -> T + Send + 'static) -> T {
        std::thread::Builder::new()
            .stack_size(stack)
            .spawn(f)
            .expect("spawn a test thread")
            .join()
            .expect("the test thread")
    }

    /// A bare context with this `JSON.stringify` (boa's kept as
    /// `boaStringify`).
    fn context() -> Context {
        let mut ctx = Context::default();
        ctx.eval(Source::from_bytes(
            "globalThis.boaStringify = JSON.stringify",
        ))
        .expect("keep boa's stringify");
        install(&mut ctx).expect("install");
        ctx
    }

    fn eval(ctx: &mut Context, code: &str) -> String {
        match ctx.eval(Source::from_bytes(code)) {
            Ok(v) => match v.as_string() {
                Some(s) => s.to_std_string_escaped(),
                None => v.display().to_string(),
            },
            Err(e) => format!("uncaught {e}"),
        }
    }

    const NEST: &str = "
        const nest = (n, f, leaf) => { let v = leaf; for (let i = 0; i < n; i++) v = f(v); return v; };
        const caught = (f) => { try { return String(f()).length; } catch (e) { return e.name + ': ' + e.message; } };";

    #[test]
    fn deep_nesting_on_a_small_stack_is_a_range_error() {
        // 2 MiB, as a test thread: far less than 1e6 levels need (or the
        // depth bound allows), so the stack check must be what stops it.
        let got = on_thread(2 << 20, || {
            let mut ctx = context();
            eval(
                &mut ctx,
                &format!(
                    "{NEST} [caught(() => JSON.stringify(nest(1e6, (v) => ({{o: v}}), {{}}))),
                      caught(() => JSON.stringify(nest(1e6, (v) => [v], []), null, 2)),
                      caught(() => JSON.stringify(nest(1e5, (v) => ({{toJSON() {{ return [v]; }}}}), 0))),
                      JSON.stringify({{after: [1]}})].join(' / ')"
                ),
            )
        });
        let overflow = "RangeError: Maximum call stack size exceeded";
        assert_eq!(
            got,
            format!("{overflow} / {overflow} / {overflow} / {{\"after\":[1]}}")
        );
    }

    #[test]
    fn the_world_stops_deep_nesting_too() {
        let got = on_thread(2 << 20, || {
            let mut world =
                crate::globals::create_world(crate::options::Options::default()).expect("world");
            eval(
                world.context(),
                &format!("{NEST} caught(() => JSON.stringify(nest(1e6, (v) => ({{o: v}}), {{}})))"),
            )
        });
        assert_eq!(got, "RangeError: Maximum call stack size exceeded");
    }

    #[test]
    fn the_depth_is_bounded_where_the_stack_is_not() {
        let got = on_thread(1 << 30, || {
            let mut ctx = context();
            // `n` wrappings around a leaf object: n + 1 objects deep.
            eval(
                &mut ctx,
                &format!(
                    "{NEST} [caught(() => JSON.stringify(nest({}, (v) => ({{o: v}}), {{}}))),
                      caught(() => JSON.stringify(nest({}, (v) => [v], [])))].join(' / ')",
                    MAX_DEPTH - 1,
                    MAX_DEPTH
                ),
            )
        });
        let ok = 5 * (MAX_DEPTH - 1) + 2 + (MAX_DEPTH - 1);
        assert_eq!(
            got,
            format!("{ok} / RangeError: Maximum call stack size exceeded")
        );
    }

    #[test]
    fn raw_json_is_its_text() {
        let mut ctx = context();
        let got = eval(
            &mut ctx,
            r#"JSON.stringify({a: JSON.rawJSON("123456789012345678901234567890"), b: [JSON.rawJSON('"x"'), JSON.rawJSON("null")]},
                (k, v) => v, 1)"#,
        );
        assert_eq!(
            got,
            "{\n \"a\": 123456789012345678901234567890,\n \"b\": [\n  \"x\",\n  null\n ]\n}"
        );
        // A null-prototype object that is not raw JSON is an object.
        let got = eval(
            &mut ctx,
            "JSON.stringify(Object.create(null, {rawJSON: {value: '1', enumerable: true}}))",
        );
        assert_eq!(got, r#"{"rawJSON":"1"}"#);
    }

    #[test]
    fn output_past_the_longest_string_is_a_range_error() {
        let mut out = Output::default();
        assert!(out.reserve(MAX_LENGTH + 1).is_err());
        assert!(out.reserve(usize::MAX).is_err());
        assert!(out.repeat(&[0x20; 10], usize::MAX).is_err());
        out.ascii(b"ab").expect("fits");
        assert!(out.reserve(MAX_LENGTH - 1).is_err());
        assert_eq!(out.finish().expect("a string"), JsString::from("ab"));
    }

    #[test]
    fn output_is_latin1_when_it_can_be() {
        let mut ctx = context();
        let check = |ctx: &mut Context, code: &str| {
            let v = ctx.eval(Source::from_bytes(code)).expect("eval");
            v.as_string().expect("a string").as_str().is_latin1()
        };
        assert!(check(&mut ctx, r#"JSON.stringify({"é": ["ÿ", 1]})"#));
        assert!(!check(&mut ctx, r#"JSON.stringify(["€"])"#));
        // A wide key that ends up omitted leaves Latin-1 output.
        assert!(check(&mut ctx, r#"JSON.stringify({"€": undefined, a: 1})"#));
    }

    #[test]
    fn an_interrupt_stops_a_long_replacer_array() {
        let (got, elapsed) = on_thread(256 << 20, || {
            let interrupt = Interrupt::new();
            let options = crate::options::Options {
                interrupt: Some(interrupt.clone()),
                ..Default::default()
            };
            let mut world = crate::globals::create_world(options).expect("world");
            let trigger = std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(100));
                interrupt.trigger();
            });
            let start = Instant::now();
            // 2⁵³ − 1 items, each read through a JS trap: only the checks
            // between items can stop it.
            let got = eval(
                world.context(),
                r#"try {
                    JSON.stringify({}, new Proxy([], {get: (t, k) => k === "length" ? 2 ** 53 - 1 : undefined}));
                    "finished";
                } catch (e) { "caught " + e.name; }"#,
            );
            let _ = trigger.join();
            (got, start.elapsed())
        });
        assert!(
            got.starts_with("uncaught") && got.contains("interrupted"),
            "{got}"
        );
        assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    }

    /// Times this `JSON.stringify` against boa's on realistic inputs:
    /// `cargo test --release -p gojs-boa --lib globals::json::tests::bench -- --ignored --nocapture`
    #[test]
    #[ignore = "a measurement, not a check"]
    fn bench() {
        on_thread(1 << 30, || {
            let mut ctx = context();
            ctx.eval(Source::from_bytes(
                r#"
                globalThis.objects = Array.from({length: 1e5}, (_, i) =>
                    ({id: i, name: "item " + i, tags: ["a", "b"], score: i / 3, ok: i % 2 === 0, at: {x: i, y: -i}}));
                globalThis.ascii = "x".repeat(1e7 - 10) + "\n\"\\\t\u0001abcde";
                globalThis.wide = "€".repeat(1e7);
                globalThis.deep = (() => { let v = []; for (let i = 0; i < 4000; i++) v = [v]; return v; })();
                "#,
            ))
            .expect("inputs");
            let cases = [
                ("1e5 small objects", "objects", "undefined"),
                ("1e5 small objects, space 2", "objects", "2"),
                ("10 MB ASCII string", "ascii", "undefined"),
                ("1e7 '€' string", "wide", "undefined"),
                ("4000 nested arrays", "deep", "undefined"),
            ];
            for (label, input, space) in cases {
                let mut line = format!("{label:30}");
                for f in ["JSON.stringify", "boaStringify"] {
                    let code = format!("{f}({input}, null, {space}).length");
                    let start = Instant::now();
                    let runs = 5;
                    let mut len = String::new();
                    for _ in 0..runs {
                        len = eval(&mut ctx, &code);
                    }
                    let per = start.elapsed() / runs;
                    line += &format!("  {f}: {per:>10.2?} ({len} units)");
                }
                println!("{line}");
            }
        });
    }
}
