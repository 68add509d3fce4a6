//! The errors of the `try_*` methods, one type per way a call can fail, and
//! [`Error`], their union.
//!
//! Every `Display` is the text of the panic Go's `syscall/js` raises for the
//! same failure, so the panicking methods are `try_*` + `panic!("{err}")`.

use crate::value::{Type, Value};
use std::fmt;

/// A [`Value`] method was called on a value of the wrong type (Go's
/// `*js.ValueError`).
///
/// Displays as `syscall/js: call of <method> on <type>`, e.g.
/// `syscall/js: call of Value.Int on string`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueError {
    method: &'static str,
    ty: Type,
}

impl ValueError {
    pub(crate) fn new(method: &'static str, ty: Type) -> ValueError {
        ValueError { method, ty }
    }

    /// Go's method name, e.g. `Value.Int`.
    pub fn method(&self) -> &'static str {
        self.method
    }

    /// The type of the value the method was called on.
    pub fn value_type(&self) -> Type {
        self.ty
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "syscall/js: call of {} on {}", self.method, self.ty)
    }
}

impl std::error::Error for ValueError {}

/// [`Value::call`]'s target property is not a function.
///
/// Displays as Go's panic text:
/// `syscall/js: Value.Call: property <name> is not a function, got <type>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotAFunctionError {
    property: String,
    got: Type,
}

impl NotAFunctionError {
    pub(crate) fn new(property: &str, got: Type) -> NotAFunctionError {
        NotAFunctionError {
            property: property.to_owned(),
            got,
        }
    }

    /// The method name that was called.
    pub fn property(&self) -> &str {
        &self.property
    }

    /// The type the property had instead.
    pub fn got(&self) -> Type {
        self.got
    }
}

impl fmt::Display for NotAFunctionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "syscall/js: Value.Call: property {} is not a function, got {}",
            self.property, self.got
        )
    }
}

impl std::error::Error for NotAFunctionError {}

/// A JavaScript exception thrown by [`Value::call`], [`Value::invoke`] or
/// [`Value::new`] (Go's `js.Error`).
///
/// Displays as `JavaScript error: <message>` where `<message>` is
/// `thrown.message` in Go's [`Value::string`] form. Displaying calls the host.
///
/// Go reads `message` with `Value.Get`, which panics when the thrown value is
/// not an object (`throw "x"`), so Go dies with `fatal error: panic while
/// printing panic value`. Here such a value is shown as [`Value::string`]
/// shows it: `JavaScript error: x`.
#[derive(Clone, Debug, PartialEq)]
pub struct JsError {
    thrown: Value,
}

impl JsError {
    pub(crate) fn new(thrown: Value) -> JsError {
        JsError { thrown }
    }

    /// The thrown JavaScript value (usually an `Error` object).
    pub fn value(&self) -> &Value {
        &self.thrown
    }

    /// The thrown value's `message` in [`Value::string`] form (the thrown value
    /// itself when it is not an object).
    pub fn message(&self) -> String {
        if self.thrown.type_of().is_object() {
            self.thrown.get("message").string()
        } else {
            self.thrown.string()
        }
    }
}

impl fmt::Display for JsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "JavaScript error: {}", self.message())
    }
}

impl std::error::Error for JsError {}

/// The source or destination of a byte copy is not a `Uint8Array` or
/// `Uint8ClampedArray`.
///
/// Displays as Go's panic text, e.g. `syscall/js: CopyBytesToGo: expected src
/// to be a Uint8Array or Uint8ClampedArray`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyBytesError {
    /// [`crate::copy_bytes_to_guest`]'s `src` (Go's `CopyBytesToGo`).
    ToGuestSource,
    /// [`crate::copy_bytes_to_js`]'s `dst` (Go's `CopyBytesToJS`).
    ToJsDestination,
}

impl fmt::Display for CopyBytesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CopyBytesError::ToGuestSource => {
                "syscall/js: CopyBytesToGo: expected src to be a Uint8Array or Uint8ClampedArray"
            }
            CopyBytesError::ToJsDestination => {
                "syscall/js: CopyBytesToJS: expected dst to be a Uint8Array or Uint8ClampedArray"
            }
        })
    }
}

impl std::error::Error for CopyBytesError {}

/// A BigInt does not fit the requested Rust integer (see
/// [`Value::bigint_to_i64`]).
///
/// Displays as `syscall/js: <method>: BigInt <digits> out of range`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BigIntRangeError {
    method: &'static str,
    digits: String,
}

impl BigIntRangeError {
    pub(crate) fn new(method: &'static str, digits: String) -> BigIntRangeError {
        BigIntRangeError { method, digits }
    }

    /// The BigInt in decimal.
    pub fn digits(&self) -> &str {
        &self.digits
    }
}

impl fmt::Display for BigIntRangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "syscall/js: {}: BigInt {} out of range",
            self.method, self.digits
        )
    }
}

impl std::error::Error for BigIntRangeError {}

/// Any failure of this crate's `try_*` functions.
///
/// Each variant wraps the specific error type; `Display` is the variant's.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// A method called on a value of the wrong type.
    Value(ValueError),
    /// [`Value::call`] on a property that is not a function.
    NotAFunction(NotAFunctionError),
    /// JavaScript threw.
    Js(JsError),
    /// A byte copy with a wrong typed array.
    CopyBytes(CopyBytesError),
    /// A BigInt out of range.
    BigIntRange(BigIntRangeError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Value(e) => e.fmt(f),
            Error::NotAFunction(e) => e.fmt(f),
            Error::Js(e) => e.fmt(f),
            Error::CopyBytes(e) => e.fmt(f),
            Error::BigIntRange(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Value(e) => Some(e),
            Error::NotAFunction(e) => Some(e),
            Error::Js(e) => Some(e),
            Error::CopyBytes(e) => Some(e),
            Error::BigIntRange(e) => Some(e),
        }
    }
}

macro_rules! into_error {
    ($($ty:ident => $variant:ident),*) => {$(
        impl From<$ty> for Error {
            fn from(e: $ty) -> Error {
                Error::$variant(e)
            }
        }
    )*};
}

into_error!(
    ValueError => Value,
    NotAFunctionError => NotAFunction,
    JsError => Js,
    CopyBytesError => CopyBytes,
    BigIntRangeError => BigIntRange
);

/// The value of `r`, or a panic with the error's `Display`, as Go panics with
/// the error value.
///
/// The message is formatted before panicking, so the panic hook never calls
/// the host to format it.
#[track_caller]
pub(crate) fn or_panic<T, E: fmt::Display>(r: Result<T, E>) -> T {
    match r {
        Ok(v) => v,
        Err(e) => {
            let message = e.to_string();
            panic!("{message}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_gos() {
        assert_eq!(
            ValueError::new("Value.Call", Type::Undefined).to_string(),
            "syscall/js: call of Value.Call on undefined"
        );
        assert_eq!(
            NotAFunctionError::new("nope", Type::Undefined).to_string(),
            "syscall/js: Value.Call: property nope is not a function, got undefined"
        );
        assert_eq!(
            Error::from(CopyBytesError::ToJsDestination).to_string(),
            "syscall/js: CopyBytesToJS: expected dst to be a Uint8Array or Uint8ClampedArray"
        );
    }

    #[test]
    fn errors_stay_small() {
        assert!(core::mem::size_of::<Error>() <= 40);
    }
}
