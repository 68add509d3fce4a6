//! Lossless 64-bit integers through JavaScript `BigInt`, which Go's
//! `syscall/js` lacks: `Value::from(i64)` goes through `f64` like Go's
//! `ValueOf` and rounds above 2^53.
//!
//! Both directions go through decimal strings (`BigInt("…")` and
//! `String(bigint)`), so only the plain `syscall/js` imports are needed.

use crate::error::{BigIntRangeError, Error, ValueError, or_panic};
use crate::value::{Type, Value, global};

impl Value {
    /// A JavaScript BigInt equal to `n`: `BigInt("<n>")`. Exact for every
    /// `i64`, unlike `Value::from(n)`.
    pub fn bigint_from_i64(n: i64) -> Value {
        global().call("BigInt", (n.to_string(),))
    }

    /// A JavaScript BigInt equal to `n`: `BigInt("<n>")`.
    pub fn bigint_from_u64(n: u64) -> Value {
        global().call("BigInt", (n.to_string(),))
    }

    /// The BigInt as an `i64`.
    ///
    /// # Panics
    ///
    /// `syscall/js: call of Value.bigint_to_i64 on <type>` if the value is not
    /// a BigInt, `syscall/js: Value.bigint_to_i64: BigInt <n> out of range` if
    /// it does not fit; see [`Value::try_bigint_to_i64`].
    #[track_caller]
    pub fn bigint_to_i64(&self) -> i64 {
        or_panic(self.try_bigint_to_i64())
    }

    /// [`Value::bigint_to_i64`] without the panic.
    ///
    /// # Errors
    ///
    /// [`Error::Value`] if the value is not a BigInt, [`Error::BigIntRange`] if
    /// it does not fit an `i64`.
    pub fn try_bigint_to_i64(&self) -> Result<i64, Error> {
        let digits = self.bigint_digits("Value.bigint_to_i64")?;
        digits
            .parse()
            .map_err(|_| BigIntRangeError::new("Value.bigint_to_i64", digits).into())
    }

    /// The BigInt as a `u64`.
    ///
    /// # Panics
    ///
    /// `syscall/js: call of Value.bigint_to_u64 on <type>` if the value is not
    /// a BigInt, `syscall/js: Value.bigint_to_u64: BigInt <n> out of range` if
    /// it does not fit; see [`Value::try_bigint_to_u64`].
    #[track_caller]
    pub fn bigint_to_u64(&self) -> u64 {
        or_panic(self.try_bigint_to_u64())
    }

    /// [`Value::bigint_to_u64`] without the panic.
    ///
    /// # Errors
    ///
    /// [`Error::Value`] if the value is not a BigInt, [`Error::BigIntRange`] if
    /// it does not fit a `u64`.
    pub fn try_bigint_to_u64(&self) -> Result<u64, Error> {
        let digits = self.bigint_digits("Value.bigint_to_u64")?;
        digits
            .parse()
            .map_err(|_| BigIntRangeError::new("Value.bigint_to_u64", digits).into())
    }

    fn bigint_digits(&self, method: &'static str) -> Result<String, ValueError> {
        match self.type_of() {
            Type::BigInt => Ok(self.js_string()),
            ty => Err(ValueError::new(method, ty)),
        }
    }
}
