//! Rust values into [`Value`]s (Go's `js.ValueOf`), and argument lists
//! ([`IntoArgs`]).
//!
//! | Rust                                        | JavaScript                        |
//! |---------------------------------------------|-----------------------------------|
//! | [`Value`], `&Value`, `&`[`Func`]            | that value / the function         |
//! | `bool`                                      | boolean                           |
//! | every integer and float type                | number (through `f64`, like Go)   |
//! | `&str`, `String`, `&String`, `char`         | string                            |
//! | `Option<T>`                                 | `None` → `null`, `Some(t)` → `t`  |
//! | `()`                                        | `undefined`                       |
//! | `Vec<T>`, `&[T]`, `[T; N]`                  | a new array (`new Array(n)` + `SetIndex`, like Go) |
//! | `BTreeMap<K, V>`, `HashMap<K, V>`, `K: AsRef<str>` | a new object (`new Object()` + `Set` in iteration order) |
//!
//! Go's `ValueOf` panics at run time on any other type; here there is simply no
//! `From` impl, so the compiler rejects it. Integers wider than 53 bits lose
//! precision exactly as in Go (`float64(x)`); [`Value::bigint_from_i64`] is the
//! lossless path. A byte slice becomes an array of numbers, not a
//! `Uint8Array`: use [`crate::uint8_array_from`] for bytes.
//!
//! [`Func`]: crate::Func

use crate::func::Func;
use crate::sys;
use crate::value::{Value, global, null, undefined};
use gojs_abi::Ref;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

impl From<&Value> for Value {
    fn from(v: &Value) -> Value {
        v.clone()
    }
}

impl From<&Func> for Value {
    /// The JavaScript function that calls the Rust closure.
    fn from(f: &Func) -> Value {
        f.value().clone()
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::inline(Ref::bool(b))
    }
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            /// A JavaScript number: `x as f64`, exactly Go's `float64(x)`.
            fn from(x: $t) -> Value {
                Value::number(x as f64)
            }
        }
    )*};
}

numbers!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64
);

impl From<&str> for Value {
    /// A JavaScript string (`syscall/js.stringVal`).
    fn from(s: &str) -> Value {
        Value::from_host(sys::string_val(s))
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::from(s.as_str())
    }
}

impl From<&String> for Value {
    fn from(s: &String) -> Value {
        Value::from(s.as_str())
    }
}

impl From<char> for Value {
    /// A one-character JavaScript string.
    fn from(c: char) -> Value {
        Value::from(c.encode_utf8(&mut [0; 4]) as &str)
    }
}

impl From<()> for Value {
    /// `undefined` (a Rust callback that returns nothing yields `undefined`;
    /// a Go callback returning `nil` yields `null`).
    fn from((): ()) -> Value {
        undefined()
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    /// `None` is `null` (Go's `ValueOf(nil)`).
    fn from(o: Option<T>) -> Value {
        o.map_or_else(null, Into::into)
    }
}

thread_local! {
    /// `Array` and `Object`, looked up once like Go's `arrayConstructor` and
    /// `objectConstructor`.
    static CONSTRUCTORS: (Value, Value) = (global().get("Array"), global().get("Object"));
}

fn new_array(items: impl ExactSizeIterator<Item = Value>) -> Value {
    let array = CONSTRUCTORS.with(|(array, _)| array.new((items.len(),)));
    for (i, item) in items.enumerate() {
        array.set_index(i as i64, item);
    }
    array
}

fn new_object<K: AsRef<str>>(entries: impl Iterator<Item = (K, Value)>) -> Value {
    let object = CONSTRUCTORS.with(|(_, object)| object.new(()));
    for (k, v) in entries {
        object.set(k.as_ref(), v);
    }
    object
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    /// A new array (Go's `ValueOf([]any)`).
    fn from(items: Vec<T>) -> Value {
        new_array(items.into_iter().map(Into::into))
    }
}

impl<T: Into<Value> + Clone> From<&[T]> for Value {
    /// A new array (Go's `ValueOf([]any)`).
    fn from(items: &[T]) -> Value {
        new_array(items.iter().cloned().map(Into::into))
    }
}

impl<T: Into<Value>, const N: usize> From<[T; N]> for Value {
    /// A new array (Go's `ValueOf([]any)`).
    fn from(items: [T; N]) -> Value {
        new_array(items.into_iter().map(Into::into))
    }
}

impl<K: AsRef<str>, V: Into<Value>> From<BTreeMap<K, V>> for Value {
    /// A new object with the entries set in key order (Go's
    /// `ValueOf(map[string]any)`, whose order is random).
    fn from(map: BTreeMap<K, V>) -> Value {
        new_object(map.into_iter().map(|(k, v)| (k, v.into())))
    }
}

impl<K: AsRef<str>, V: Into<Value>, S: BuildHasher> From<HashMap<K, V, S>> for Value {
    /// A new object with the entries set in the map's iteration order.
    fn from(map: HashMap<K, V, S>) -> Value {
        new_object(map.into_iter().map(|(k, v)| (k, v.into())))
    }
}

/// An argument list for [`Value::call`], [`Value::invoke`] and [`Value::new`]
/// (Go's `args ...any`).
///
/// Implemented for `()` (no arguments), tuples of up to 12 items that are each
/// `Into<Value>` (`(1, "a", &v)`; one argument is `(x,)`), and slices, arrays,
/// `Vec`s of [`Value`] (`&[a, b]`). To pass one array *as* an argument, wrap it:
/// `(vec,)`.
///
/// Arguments are converted in order before the call and released after it.
pub trait IntoArgs {
    /// Converts the arguments and hands their refs to `f`, keeping them alive
    /// for the duration of `f`.
    fn with_refs<R>(self, f: impl FnOnce(&[Ref]) -> R) -> R;
}

impl IntoArgs for () {
    fn with_refs<R>(self, f: impl FnOnce(&[Ref]) -> R) -> R {
        f(&[])
    }
}

impl IntoArgs for &[Value] {
    fn with_refs<R>(self, f: impl FnOnce(&[Ref]) -> R) -> R {
        // Go's `makeArgSlices` keeps up to 16 refs off the heap; so do we.
        const STACK_ARGS: usize = 16;
        if self.len() <= STACK_ARGS {
            let mut refs = [Ref::UNDEFINED; STACK_ARGS];
            for (slot, v) in refs.iter_mut().zip(self) {
                *slot = v.raw();
            }
            f(&refs[..self.len()])
        } else {
            let refs: Vec<Ref> = self.iter().map(Value::raw).collect();
            f(&refs)
        }
    }
}

impl IntoArgs for &Vec<Value> {
    fn with_refs<R>(self, f: impl FnOnce(&[Ref]) -> R) -> R {
        self.as_slice().with_refs(f)
    }
}

impl IntoArgs for Vec<Value> {
    fn with_refs<R>(self, f: impl FnOnce(&[Ref]) -> R) -> R {
        self.as_slice().with_refs(f)
    }
}

impl<const N: usize> IntoArgs for [Value; N] {
    fn with_refs<R>(self, f: impl FnOnce(&[Ref]) -> R) -> R {
        self.as_slice().with_refs(f)
    }
}

impl<const N: usize> IntoArgs for &[Value; N] {
    fn with_refs<R>(self, f: impl FnOnce(&[Ref]) -> R) -> R {
        self.as_slice().with_refs(f)
    }
}

macro_rules! tuple_args {
    ($($name:ident)+) => {
        impl<$($name: Into<Value>),+> IntoArgs for ($($name,)+) {
            #[allow(non_snake_case)]
            fn with_refs<R>(self, f: impl FnOnce(&[Ref]) -> R) -> R {
                let ($($name,)+) = self;
                let values = [$($name.into()),+];
                f(&values.each_ref().map(Value::raw))
            }
        }
    };
}

tuple_args!(A);
tuple_args!(A B);
tuple_args!(A B C);
tuple_args!(A B C D);
tuple_args!(A B C D E);
tuple_args!(A B C D E F);
tuple_args!(A B C D E F G);
tuple_args!(A B C D E F G H);
tuple_args!(A B C D E F G H I);
tuple_args!(A B C D E F G H I J);
tuple_args!(A B C D E F G H I J K);
tuple_args!(A B C D E F G H I J K L);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_convert_like_go_value_of() {
        assert_eq!(Value::from(true).raw(), Ref::TRUE);
        assert_eq!(Value::from(0u8).raw(), Ref::ZERO);
        assert_eq!(Value::from(-0.0f32).raw(), Ref::ZERO);
        assert_eq!(Value::from(f64::NAN).raw(), Ref::NAN);
        assert_eq!(Value::from(3i32).float(), 3.0);
        assert_eq!(Value::from(None::<i32>).raw(), Ref::NULL);
        assert_eq!(Value::from(Some(2u64)).int(), 2);
        assert_eq!(Value::from(()).raw(), Ref::UNDEFINED);
    }

    #[test]
    fn int64_goes_through_f64_like_go() {
        assert_eq!(Value::from(9007199254740993i64).int(), 9007199254740992);
        assert_eq!(Value::from(i64::MAX).float(), 9223372036854775808.0);
        assert_eq!(Value::from(u64::MAX).float(), 18446744073709551616.0);
    }

    #[test]
    fn tuple_args_keep_order() {
        let seen = (1, 2.5, false).with_refs(|refs| refs.to_vec());
        assert_eq!(seen, [Ref::number(1.0), Ref::number(2.5), Ref::FALSE]);
        let many: Vec<Value> = (0..20).map(Value::from).collect();
        let seen = many.with_refs(|refs| refs.len());
        assert_eq!(seen, 20);
    }
}
