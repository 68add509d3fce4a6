//! [`Value`], the guest's handle to a JavaScript value, and [`Type`].
//!
//! This module owns reference ownership (one host reference count per ref the
//! host handed out, released by `finalizeRef` when the last clone drops) and the
//! methods of Go's `js.Value`. Conversions into `Value` live in
//! [`crate::convert`], errors in [`crate::error`], callbacks in [`crate::func`].

use crate::convert::IntoArgs;
use crate::error::{Error, JsError, NotAFunctionError, ValueError, or_panic};
use crate::sys;
use gojs_abi::{Decoded, PredefinedId, Ref, TypeFlag};
use std::fmt;
use std::rc::Rc;

/// A JavaScript value, like Go's `js.Value`.
///
/// Numbers (except `0` and `NaN`), `undefined`, `null`, booleans, `globalThis`
/// and the `go` object are carried inline and cost nothing to clone or drop.
/// Every other value (strings, objects, functions, symbols, BigInts) occupies a
/// slot of the host's reference table: the `Value` holds one host reference
/// count, shared by its clones through an [`Rc`], and gives it back with
/// `syscall/js.finalizeRef` when the last clone is dropped. So a loop that
/// creates a million temporary values leaves the table as it found it.
///
/// `Value` is neither `Send` nor `Sync`: a guest has one thread.
///
/// Equality (`==`) is JavaScript's `===`, as [`Value::equal`].
#[derive(Clone)]
pub struct Value {
    repr: Repr,
}

#[derive(Clone)]
enum Repr {
    /// Not a counted table reference: a number, `undefined`, or a predefined id.
    Inline(Ref),
    /// A table reference the host counted once for us.
    Counted(Rc<CountedRef>),
}

/// One host reference count; dropping it calls `finalizeRef` exactly once.
struct CountedRef(Ref);

impl Drop for CountedRef {
    fn drop(&mut self) {
        sys::finalize_ref(self.0);
    }
}

/// The type of a [`Value`], as Go's `js.Type` (JavaScript's `typeof`, except
/// that `null` is [`Type::Null`]).
///
/// `Display` prints Go's names (`undefined`, `null`, `boolean`, `number`,
/// `string`, `symbol`, `object`, `function`). [`Type::BigInt`] (`bigint`) is
/// an addition: Go's `Value.Type` panics with `bad type flag` on a BigInt.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Type {
    /// `undefined`.
    Undefined,
    /// `null`.
    Null,
    /// `true` or `false`.
    Boolean,
    /// A number, including `NaN` and the infinities.
    Number,
    /// A string.
    String,
    /// A symbol.
    Symbol,
    /// An object that is not callable (`typeof v === "object" && v !== null`).
    Object,
    /// A callable object.
    Function,
    /// A BigInt (not in Go; see the type's docs).
    BigInt,
}

impl Type {
    /// Go's name for the type (`typeof` spelling; `bigint` for [`Type::BigInt`]).
    pub fn name(self) -> &'static str {
        match self {
            Type::Undefined => "undefined",
            Type::Null => "null",
            Type::Boolean => "boolean",
            Type::Number => "number",
            Type::String => "string",
            Type::Symbol => "symbol",
            Type::Object => "object",
            Type::Function => "function",
            Type::BigInt => "bigint",
        }
    }

    /// Whether the type has properties Go lets you `Get`/`Set`: object or function.
    pub fn is_object(self) -> bool {
        matches!(self, Type::Object | Type::Function)
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The JavaScript global object, `globalThis` (Go's `js.Global()`).
pub fn global() -> Value {
    Value::inline(Ref::GLOBAL)
}

/// The JavaScript value `null` (Go's `js.Null()`).
pub fn null() -> Value {
    Value::inline(Ref::NULL)
}

/// The JavaScript value `undefined` (Go's `js.Undefined()`; also `Value::default()`).
pub fn undefined() -> Value {
    Value::inline(Ref::UNDEFINED)
}

/// The `go` object of `wasm_exec.js` (reference id 6): the instance of its `Go`
/// class that runs this guest, with `_values`, `_pendingEvent`, `argv`, `env`…
pub fn go_object() -> Value {
    Value::inline(Ref::GO)
}

impl Default for Value {
    /// `undefined`, like Go's zero `js.Value`.
    fn default() -> Value {
        undefined()
    }
}

impl Value {
    pub(crate) const fn inline(r: Ref) -> Value {
        Value {
            repr: Repr::Inline(r),
        }
    }

    /// Takes ownership of one host reference count of `r`, as returned by an import.
    ///
    /// Predefined ids (0..=6) are never finalized: their counts are `Infinity`
    /// in `wasm_exec.js`. Numbers and `undefined` are not table refs at all.
    pub(crate) fn from_host(r: Ref) -> Value {
        match r.decode() {
            Decoded::Id(id) if id >= PredefinedId::COUNT => Value {
                repr: Repr::Counted(Rc::new(CountedRef(r))),
            },
            _ => Value::inline(r),
        }
    }

    /// A number (Go's `floatValue`: `0` and `-0` are ref 1, `NaN` is ref 0).
    pub(crate) fn number(n: f64) -> Value {
        Value::inline(Ref::number(n))
    }

    /// The NaN-boxed ref that represents this value on the wire.
    pub(crate) fn raw(&self) -> Ref {
        match &self.repr {
            Repr::Inline(r) => *r,
            Repr::Counted(c) => c.0,
        }
    }

    /// Go's `isNumber`: zero, `NaN`, or an inline float.
    fn is_number(&self) -> bool {
        let r = self.raw();
        r == Ref::ZERO || r == Ref::NAN || matches!(r.decode(), Decoded::Number(_))
    }

    /// The type of the value (Go's `Value.Type`): `typeof`, with `null` apart.
    ///
    /// # Panics
    ///
    /// With Go's message `bad type flag` if the ref carries a type flag
    /// `wasm_exec.js` never writes (5..=7): a broken host.
    pub fn type_of(&self) -> Type {
        let r = self.raw();
        if r == Ref::UNDEFINED {
            return Type::Undefined;
        }
        if r == Ref::NULL {
            return Type::Null;
        }
        if r == Ref::TRUE || r == Ref::FALSE {
            return Type::Boolean;
        }
        if self.is_number() {
            return Type::Number;
        }
        match r.type_flag_bits() {
            f if f == TypeFlag::Object as u32 => Type::Object,
            f if f == TypeFlag::String as u32 => Type::String,
            f if f == TypeFlag::Symbol as u32 => Type::Symbol,
            f if f == TypeFlag::Function as u32 => Type::Function,
            // Flag 0 with a dynamic id: `storeValue` gives flag 0 to every
            // typeof that is not object/string/symbol/function; numbers,
            // booleans, null and undefined never reach the table that way, so
            // only a BigInt is left.
            f if f == TypeFlag::Other as u32 => Type::BigInt,
            _ => panic!("bad type flag"),
        }
    }

    fn expect_object(&self, method: &'static str) -> Result<(), ValueError> {
        let ty = self.type_of();
        if ty.is_object() {
            Ok(())
        } else {
            Err(ValueError::new(method, ty))
        }
    }

    /// Whether the value is `undefined`.
    pub fn is_undefined(&self) -> bool {
        self.raw() == Ref::UNDEFINED
    }

    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        self.raw() == Ref::NULL
    }

    /// Whether the value is `NaN`.
    pub fn is_nan(&self) -> bool {
        self.raw() == Ref::NAN
    }

    /// JavaScript's `===` (Go's `Value.Equal`): same ref, and not `NaN`.
    ///
    /// Objects compare by identity and strings by content (the host interns
    /// equal strings into one table slot while a reference to it is alive).
    pub fn equal(&self, other: &Value) -> bool {
        let (a, b) = (self.raw(), other.raw());
        a == b && a != Ref::NAN
    }

    /// JavaScript property `self[p]` (Go's `Value.Get`). A missing property is
    /// `undefined`, not an error.
    ///
    /// A getter that throws is not caught by `wasm_exec.js`: the exception
    /// unwinds through the guest and ends the program (node exits 1).
    ///
    /// # Panics
    ///
    /// `syscall/js: call of Value.Get on <type>` if the value is not an object
    /// or function; see [`Value::try_get`].
    #[track_caller]
    pub fn get(&self, p: &str) -> Value {
        or_panic(self.try_get(p))
    }

    /// [`Value::get`] without the panic.
    ///
    /// # Errors
    ///
    /// [`ValueError`] if the value is not an object or function.
    pub fn try_get(&self, p: &str) -> Result<Value, ValueError> {
        self.expect_object("Value.Get")?;
        Ok(Value::from_host(sys::value_get(self.raw(), p)))
    }

    /// Sets JavaScript property `self[p] = x` (Go's `Value.Set`).
    ///
    /// # Panics
    ///
    /// `syscall/js: call of Value.Set on <type>` if the value is not an object
    /// or function; see [`Value::try_set`].
    #[track_caller]
    pub fn set(&self, p: &str, x: impl Into<Value>) {
        or_panic(self.try_set(p, x))
    }

    /// [`Value::set`] without the panic.
    ///
    /// # Errors
    ///
    /// [`ValueError`] if the value is not an object or function.
    pub fn try_set(&self, p: &str, x: impl Into<Value>) -> Result<(), ValueError> {
        self.expect_object("Value.Set")?;
        let x = x.into();
        sys::value_set(self.raw(), p, x.raw());
        Ok(())
    }

    /// Deletes JavaScript property `p` (Go's `Value.Delete`).
    ///
    /// # Panics
    ///
    /// `syscall/js: call of Value.Delete on <type>` if the value is not an
    /// object or function; see [`Value::try_delete`].
    #[track_caller]
    pub fn delete(&self, p: &str) {
        or_panic(self.try_delete(p))
    }

    /// [`Value::delete`] without the panic.
    ///
    /// # Errors
    ///
    /// [`ValueError`] if the value is not an object or function.
    pub fn try_delete(&self, p: &str) -> Result<(), ValueError> {
        self.expect_object("Value.Delete")?;
        sys::value_delete(self.raw(), p);
        Ok(())
    }

    /// JavaScript `self[i]` (Go's `Value.Index`; `i` is Go's 64-bit `int`).
    ///
    /// # Panics
    ///
    /// `syscall/js: call of Value.Index on <type>` if the value is not an
    /// object or function; see [`Value::try_index`].
    #[track_caller]
    pub fn index(&self, i: i64) -> Value {
        or_panic(self.try_index(i))
    }

    /// [`Value::index`] without the panic.
    ///
    /// # Errors
    ///
    /// [`ValueError`] if the value is not an object or function.
    pub fn try_index(&self, i: i64) -> Result<Value, ValueError> {
        self.expect_object("Value.Index")?;
        Ok(Value::from_host(sys::value_index(self.raw(), i)))
    }

    /// Sets JavaScript `self[i] = x` (Go's `Value.SetIndex`).
    ///
    /// # Panics
    ///
    /// `syscall/js: call of Value.SetIndex on <type>` if the value is not an
    /// object or function; see [`Value::try_set_index`].
    #[track_caller]
    pub fn set_index(&self, i: i64, x: impl Into<Value>) {
        or_panic(self.try_set_index(i, x))
    }

    /// [`Value::set_index`] without the panic.
    ///
    /// # Errors
    ///
    /// [`ValueError`] if the value is not an object or function.
    pub fn try_set_index(&self, i: i64, x: impl Into<Value>) -> Result<(), ValueError> {
        self.expect_object("Value.SetIndex")?;
        let x = x.into();
        sys::value_set_index(self.raw(), i, x.raw());
        Ok(())
    }

    /// JavaScript `parseInt(self.length)` (Go's `Value.Length`); `0` when that
    /// is `NaN`.
    ///
    /// # Panics
    ///
    /// `syscall/js: call of Value.Length on <type>` if the value is not an
    /// object or function (a JS string is not an object); see
    /// [`Value::try_length`].
    #[track_caller]
    pub fn length(&self) -> i64 {
        or_panic(self.try_length())
    }

    /// [`Value::length`] without the panic.
    ///
    /// # Errors
    ///
    /// [`ValueError`] if the value is not an object or function.
    pub fn try_length(&self) -> Result<i64, ValueError> {
        self.expect_object("Value.Length")?;
        Ok(sys::value_length(self.raw()))
    }

    /// Calls method `m` of the value: JavaScript `self[m](...args)` (Go's
    /// `Value.Call`).
    ///
    /// `args` is a tuple of anything `Into<Value>` (`(1, "a", &v)`, `()` for
    /// none) or a slice, array or `Vec` of [`Value`]s; see [`IntoArgs`].
    ///
    /// # Panics
    ///
    /// With Go's messages, when [`Value::try_call`] would fail:
    /// `syscall/js: call of Value.Call on <type>`,
    /// `syscall/js: Value.Call: property <m> is not a function, got <type>`, or
    /// `JavaScript error: <message>` if the call threw.
    #[track_caller]
    pub fn call(&self, m: &str, args: impl IntoArgs) -> Value {
        or_panic(self.try_call(m, args))
    }

    /// [`Value::call`] without the panic.
    ///
    /// # Errors
    ///
    /// When JavaScript throws, classified as Go does after the fact:
    /// [`Error::Value`] if the value is not an object or function,
    /// [`Error::NotAFunction`] if `self[m]` is not a function, else
    /// [`Error::Js`] carrying the thrown value.
    pub fn try_call(&self, m: &str, args: impl IntoArgs) -> Result<Value, Error> {
        let (result, ok) = args.with_refs(|refs| sys::value_call(self.raw(), m, refs));
        let result = Value::from_host(result);
        if ok {
            return Ok(result);
        }
        self.expect_object("Value.Call")?;
        let got = self.get(m).type_of();
        if got != Type::Function {
            return Err(NotAFunctionError::new(m, got).into());
        }
        Err(JsError::new(result).into())
    }

    /// Calls the value as a function with `this` undefined: JavaScript
    /// `self(...args)` (Go's `Value.Invoke`).
    ///
    /// # Panics
    ///
    /// `syscall/js: call of Value.Invoke on <type>` if the call failed and the
    /// value is not a function, else `JavaScript error: <message>`; see
    /// [`Value::try_invoke`].
    #[track_caller]
    pub fn invoke(&self, args: impl IntoArgs) -> Value {
        or_panic(self.try_invoke(args))
    }

    /// [`Value::invoke`] without the panic.
    ///
    /// # Errors
    ///
    /// [`Error::Value`] if the call failed and the value is not a function,
    /// else [`Error::Js`] carrying the thrown value.
    pub fn try_invoke(&self, args: impl IntoArgs) -> Result<Value, Error> {
        let (result, ok) = args.with_refs(|refs| sys::value_invoke(self.raw(), refs));
        self.finish_apply("Value.Invoke", result, ok)
    }

    /// JavaScript `new self(...args)` (Go's `Value.New`).
    ///
    /// # Panics
    ///
    /// `syscall/js: call of Value.New on <type>` if construction failed and the
    /// value is not a function, else `JavaScript error: <message>`; see
    /// [`Value::try_new`].
    #[track_caller]
    pub fn new(&self, args: impl IntoArgs) -> Value {
        or_panic(self.try_new(args))
    }

    /// [`Value::new`] without the panic.
    ///
    /// # Errors
    ///
    /// [`Error::Value`] if construction failed and the value is not a function,
    /// else [`Error::Js`] carrying the thrown value.
    pub fn try_new(&self, args: impl IntoArgs) -> Result<Value, Error> {
        let (result, ok) = args.with_refs(|refs| sys::value_new(self.raw(), refs));
        self.finish_apply("Value.New", result, ok)
    }

    fn finish_apply(&self, method: &'static str, result: Ref, ok: bool) -> Result<Value, Error> {
        let result = Value::from_host(result);
        if ok {
            return Ok(result);
        }
        let ty = self.type_of();
        if ty != Type::Function {
            return Err(ValueError::new(method, ty).into());
        }
        Err(JsError::new(result).into())
    }

    /// JavaScript `self instanceof t` (Go's `Value.InstanceOf`).
    ///
    /// When `t` is not callable JavaScript throws a `TypeError`, which
    /// `wasm_exec.js` does not catch: the program ends (node exits 1).
    pub fn instance_of(&self, t: &Value) -> bool {
        sys::value_instance_of(self.raw(), t.raw())
    }

    fn float_for(&self, method: &'static str) -> Result<f64, ValueError> {
        if !self.is_number() {
            return Err(ValueError::new(method, self.type_of()));
        }
        let r = self.raw();
        Ok(if r == Ref::ZERO {
            0.0
        } else if r == Ref::NAN {
            f64::NAN
        } else {
            f64::from_bits(r.0)
        })
    }

    /// The number as an `f64` (Go's `Value.Float`).
    ///
    /// # Panics
    ///
    /// `syscall/js: call of Value.Float on <type>` if the value is not a
    /// number; see [`Value::try_float`].
    #[track_caller]
    pub fn float(&self) -> f64 {
        or_panic(self.try_float())
    }

    /// [`Value::float`] without the panic.
    ///
    /// # Errors
    ///
    /// [`ValueError`] if the value is not a number.
    pub fn try_float(&self) -> Result<f64, ValueError> {
        self.float_for("Value.Float")
    }

    /// The number truncated to Go's 64-bit `int` (Go's `Value.Int`): `NaN` is
    /// 0, out-of-range values saturate (as Go does on wasm).
    ///
    /// # Panics
    ///
    /// `syscall/js: call of Value.Int on <type>` if the value is not a number;
    /// see [`Value::try_int`].
    #[track_caller]
    pub fn int(&self) -> i64 {
        or_panic(self.try_int())
    }

    /// [`Value::int`] without the panic.
    ///
    /// # Errors
    ///
    /// [`ValueError`] if the value is not a number.
    pub fn try_int(&self) -> Result<i64, ValueError> {
        self.float_for("Value.Int").map(|f| f as i64)
    }

    /// The boolean (Go's `Value.Bool`). Not JavaScript truthiness: see
    /// [`Value::truthy`].
    ///
    /// # Panics
    ///
    /// `syscall/js: call of Value.Bool on <type>` if the value is not a
    /// boolean; see [`Value::try_bool`].
    #[track_caller]
    pub fn bool(&self) -> bool {
        or_panic(self.try_bool())
    }

    /// [`Value::bool`] without the panic.
    ///
    /// # Errors
    ///
    /// [`ValueError`] if the value is not a boolean.
    pub fn try_bool(&self) -> Result<bool, ValueError> {
        match self.raw() {
            Ref::TRUE => Ok(true),
            Ref::FALSE => Ok(false),
            _ => Err(ValueError::new("Value.Bool", self.type_of())),
        }
    }

    /// JavaScript truthiness (Go's `Value.Truthy`): `false`, `0`, `NaN`, `""`,
    /// `null`, `undefined` (and, here, `0n`) are falsy; everything else is truthy.
    pub fn truthy(&self) -> bool {
        match self.type_of() {
            Type::Undefined | Type::Null => false,
            Type::Boolean => self.raw() == Ref::TRUE,
            Type::Number => self.raw() != Ref::NAN && self.raw() != Ref::ZERO,
            Type::String => !self.js_string().is_empty(),
            Type::BigInt => self.js_string() != "0",
            Type::Symbol | Type::Function | Type::Object => true,
        }
    }

    /// The value as a Rust string (Go's `Value.String`). Never fails: a string
    /// is returned as is, anything else as `<undefined>`, `<null>`,
    /// `<boolean: true>`, `<number: 5>`, `<symbol>`, `<object>`, `<function>`
    /// (and `<bigint: 12>`), exactly as Go formats it. `Display` prints the same.
    ///
    /// JavaScript strings are UTF-16: lone surrogates arrive as U+FFFD (the
    /// host encodes with `TextEncoder`).
    pub fn string(&self) -> String {
        match self.type_of() {
            Type::String => self.js_string(),
            Type::Undefined => "<undefined>".to_owned(),
            Type::Null => "<null>".to_owned(),
            Type::Boolean => format!("<boolean: {}>", self.js_string()),
            Type::Number => format!("<number: {}>", self.js_string()),
            Type::BigInt => format!("<bigint: {}>", self.js_string()),
            Type::Symbol => "<symbol>".to_owned(),
            Type::Object => "<object>".to_owned(),
            Type::Function => "<function>".to_owned(),
        }
    }

    /// JavaScript `String(self)` through `valuePrepareString`/`valueLoadString`
    /// (Go's `jsString`).
    pub(crate) fn js_string(&self) -> String {
        let (bytes_ref, len) = sys::value_prepare_string(self.raw());
        let bytes_value = Value::from_host(bytes_ref);
        let mut bytes = vec![0u8; usize::try_from(len).unwrap_or(0)];
        sys::value_load_string(bytes_value.raw(), &mut bytes);
        drop(bytes_value);
        match String::from_utf8(bytes) {
            Ok(s) => s,
            // `TextEncoder` output is always UTF-8; stay total on a broken host.
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }
    }
}

impl PartialEq for Value {
    /// JavaScript `===`; see [`Value::equal`].
    fn eq(&self, other: &Value) -> bool {
        self.equal(other)
    }
}

impl fmt::Display for Value {
    /// Go's `Value.String` form; see [`Value::string`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.string())
    }
}

impl fmt::Debug for Value {
    /// `Value(<number: 5>)`, or `Value("text")` for a string. Calls the host.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.type_of() == Type::String {
            write!(f, "Value({:?})", self.js_string())
        } else {
            write!(f, "Value({})", self.string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_of_inline_and_predefined_refs() {
        assert_eq!(undefined().type_of(), Type::Undefined);
        assert_eq!(null().type_of(), Type::Null);
        assert_eq!(Value::inline(Ref::TRUE).type_of(), Type::Boolean);
        assert_eq!(Value::number(0.0).type_of(), Type::Number);
        assert_eq!(Value::number(f64::NAN).type_of(), Type::Number);
        assert_eq!(Value::number(-2.5).type_of(), Type::Number);
        assert_eq!(Value::number(f64::INFINITY).type_of(), Type::Number);
        assert_eq!(global().type_of(), Type::Object);
        assert_eq!(go_object().type_of(), Type::Object);
    }

    #[test]
    fn types_of_table_refs_follow_the_flag() {
        let t = |flag| Value::inline(Ref::boxed(9, flag)).type_of();
        assert_eq!(t(TypeFlag::Object), Type::Object);
        assert_eq!(t(TypeFlag::String), Type::String);
        assert_eq!(t(TypeFlag::Symbol), Type::Symbol);
        assert_eq!(t(TypeFlag::Function), Type::Function);
        assert_eq!(t(TypeFlag::Other), Type::BigInt);
    }

    #[test]
    fn type_names_are_gos() {
        let names: Vec<_> = [
            Type::Undefined,
            Type::Null,
            Type::Boolean,
            Type::Number,
            Type::String,
            Type::Symbol,
            Type::Object,
            Type::Function,
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        assert_eq!(
            names,
            [
                "undefined",
                "null",
                "boolean",
                "number",
                "string",
                "symbol",
                "object",
                "function"
            ]
        );
    }

    #[test]
    fn extractors_decode_inline_numbers_like_go() {
        assert_eq!(Value::number(0.0).float(), 0.0);
        assert_eq!(Value::number(-0.0).int(), 0);
        assert!(Value::number(f64::NAN).float().is_nan());
        assert_eq!(Value::number(f64::NAN).int(), 0);
        assert_eq!(Value::number(-7.9).int(), -7);
        assert_eq!(Value::number(1e300).int(), i64::MAX);
        assert_eq!(Value::number(-1e300).int(), i64::MIN);
        assert!(Value::inline(Ref::TRUE).bool());
    }

    #[test]
    fn extractor_errors_carry_gos_messages() {
        let e = null().try_int().unwrap_err();
        assert_eq!(e.to_string(), "syscall/js: call of Value.Int on null");
        let e = Value::number(1.0).try_bool().unwrap_err();
        assert_eq!(e.to_string(), "syscall/js: call of Value.Bool on number");
        let e = Value::number(1.0).try_get("x").unwrap_err();
        assert_eq!(e.to_string(), "syscall/js: call of Value.Get on number");
    }

    #[test]
    fn equality_is_triple_equals() {
        assert!(Value::number(1.5).equal(&Value::number(1.5)));
        assert!(Value::number(0.0).equal(&Value::number(-0.0)));
        assert!(!Value::number(f64::NAN).equal(&Value::number(f64::NAN)));
        assert!(null() != undefined());
        assert!(Value::number(f64::NAN).is_nan());
    }

    #[test]
    fn inline_truthiness_needs_no_host() {
        assert!(!undefined().truthy());
        assert!(!null().truthy());
        assert!(!Value::number(0.0).truthy());
        assert!(!Value::number(f64::NAN).truthy());
        assert!(Value::number(-1.0).truthy());
        assert!(global().truthy());
    }

    #[test]
    fn predefined_and_inline_refs_are_never_counted() {
        for r in [
            Ref::UNDEFINED,
            Ref::NAN,
            Ref::ZERO,
            Ref::NULL,
            Ref::GLOBAL,
            Ref::GO,
        ] {
            assert!(matches!(Value::from_host(r).repr, Repr::Inline(_)));
        }
        assert!(matches!(
            Value::from_host(Ref::number(3.0)).repr,
            Repr::Inline(_)
        ));
    }
}
