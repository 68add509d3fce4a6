//! The arguments of `fs` calls, checked as node 20 checks them, before any
//! of them is used as a number.
//!
//! Owns node's validators (`validateInteger`, `validateInt32`,
//! `validateUint32`, `parseFileMode`, `getValidatedFd`,
//! `getValidatedPath`, `toUnixTimestamp`, `stringToFlags`) and the errors
//! they throw — `RangeError`/`TypeError` with node's `code`
//! (`ERR_OUT_OF_RANGE`, `ERR_INVALID_ARG_TYPE`, `ERR_INVALID_ARG_VALUE`) and
//! node's message. Every value a checker returns is in range for the Rust
//! type it is returned as: callers cast nothing. It does not own what the
//! operations do with the values ([`host_fs`](super::super::host_fs)).
//!
//! Node throws these synchronously, from the `fs` call itself: a Go program
//! that passes such a value (`ReadAt` at an offset past 2^53) panics with a
//! `js.Error` under node, and so it does here.

use crate::globals::console;
use boa_engine::{
    Context, JsError, JsNativeError, JsResult, JsString, JsValue, JsVariant,
    object::builtins::{JsDate, JsTypedArray},
};

/// `Number.MAX_SAFE_INTEGER`.
pub(crate) const MAX_SAFE: i64 = (1 << 53) - 1;

/// A node error (`RangeError` or `TypeError`) with `code`.
fn coded(ctx: &mut Context, error: JsNativeError, code: &str, message: String) -> JsError {
    let err = error.with_message(message).into_opaque(ctx);
    let _ = err.set(JsString::from("code"), JsString::from(code), false, ctx);
    JsError::from_opaque(err.into())
}

/// `inspect(value)` as node's error messages show it.
fn inspect(value: &JsValue, ctx: &mut Context) -> String {
    match value.as_string() {
        Some(s) => quote(&s.to_std_string_lossy()),
        None => console::inspect(value, ctx, 0).unwrap_or_else(|_| "[value]".into()),
    }
}

/// A string as `util.inspect` quotes it: single quotes, escapes for the
/// quote, the backslash and control characters.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// `addNumericalSeparator`: `1_099_511_627_776`.
fn separated(digits: &str) -> String {
    let start = usize::from(digits.starts_with('-'));
    let mut end = digits.len();
    let mut groups = Vec::new();
    while end >= start + 4 {
        groups.push(&digits[end - 3..end]);
        end -= 3;
    }
    let mut out = digits[..end].to_owned();
    for group in groups.iter().rev() {
        out.push('_');
        out.push_str(group);
    }
    out
}

/// `determineSpecificType(value)`: what `ERR_INVALID_ARG_TYPE` says it
/// received.
fn specific_type(value: &JsValue, ctx: &mut Context) -> String {
    match value.variant() {
        JsVariant::Undefined => "undefined".into(),
        JsVariant::Null => "null".into(),
        JsVariant::Object(o) => {
            let name = |ctx: &mut Context| -> Option<String> {
                let named = if o.is_callable() {
                    o.clone()
                } else {
                    o.get(JsString::from("constructor"), ctx)
                        .ok()?
                        .as_object()?
                };
                let name = named.get(JsString::from("name"), ctx).ok()?;
                let name = name.as_string()?.to_std_string_lossy();
                (!name.is_empty()).then_some(name)
            };
            match (o.is_callable(), name(ctx)) {
                (true, Some(n)) => format!("function {n}"),
                (false, Some(n)) => format!("an instance of {n}"),
                (_, None) => inspect(value, ctx),
            }
        }
        _ => {
            let kind = value.type_of();
            let mut shown = inspect(value, ctx);
            if shown.chars().count() > 28 {
                shown = shown.chars().take(25).collect::<String>() + "...";
            }
            format!("type {kind} ({shown})")
        }
    }
}

/// `length |= 0`: a number's `ToInt32`, with V8's error for a bigint.
pub(crate) fn int32_or(ctx: &mut Context, value: &JsValue) -> JsResult<i32> {
    if value.is_bigint() {
        return Err(JsNativeError::typ()
            .with_message("Cannot mix BigInt and other types, use explicit conversions")
            .into());
    }
    value.to_i32(ctx)
}

/// `ERR_OUT_OF_RANGE`: `The value of "name" is out of range. It must be
/// range. Received value`.
pub(crate) fn out_of_range(ctx: &mut Context, name: &str, range: &str, value: &JsValue) -> JsError {
    let received = match value.variant() {
        JsVariant::Integer32(_) | JsVariant::Float64(_) => {
            let n = value.as_number().unwrap_or(f64::NAN);
            if n.is_finite() && n.fract() == 0.0 && n.abs() > 4_294_967_296.0 {
                let digits = value
                    .to_string(ctx)
                    .map_or_else(|_| n.to_string(), |s| s.to_std_string_lossy());
                separated(&digits)
            } else {
                inspect(value, ctx)
            }
        }
        JsVariant::BigInt(b) => {
            let digits = b.to_string();
            let big = digits
                .parse::<i128>()
                .map_or(true, |v| v.unsigned_abs() > 1 << 32);
            format!("{}n", if big { separated(&digits) } else { digits })
        }
        _ => inspect(value, ctx),
    };
    coded(
        ctx,
        JsNativeError::range(),
        "ERR_OUT_OF_RANGE",
        format!("The value of \"{name}\" is out of range. It must be {range}. Received {received}"),
    )
}

/// `ERR_INVALID_ARG_TYPE`: `The "name" argument must be expected.
/// Received …` (`property` for a dotted name such as `options.recursive`,
/// as node says).
pub(crate) fn invalid_type(
    ctx: &mut Context,
    name: &str,
    expected: &str,
    value: &JsValue,
) -> JsError {
    let received = specific_type(value, ctx);
    let what = if name.contains('.') {
        "property"
    } else {
        "argument"
    };
    coded(
        ctx,
        JsNativeError::typ(),
        "ERR_INVALID_ARG_TYPE",
        format!("The \"{name}\" {what} must be {expected}. Received {received}"),
    )
}

/// `ERR_INVALID_ARG_VALUE`: `The argument 'name' reason. Received …`.
pub(crate) fn invalid_value(
    ctx: &mut Context,
    name: &str,
    reason: &str,
    value: &JsValue,
) -> JsError {
    let received = inspect(value, ctx);
    coded(
        ctx,
        JsNativeError::typ(),
        "ERR_INVALID_ARG_VALUE",
        format!("The argument '{name}' {reason}. Received {received}"),
    )
}

/// `validateInteger(value, name, min, max)` (also `validateInt32` and
/// `validateUint32`, which differ only in bounds): a number that is an
/// integer in `min..=max`.
pub(crate) fn integer(
    ctx: &mut Context,
    value: &JsValue,
    name: &str,
    min: i64,
    max: i64,
) -> JsResult<i64> {
    let Some(n) = value.as_number() else {
        return Err(invalid_type(ctx, name, "of type number", value));
    };
    if !n.is_finite() || n.fract() != 0.0 {
        return Err(out_of_range(ctx, name, "an integer", value));
    }
    // `min`/`max` are at most 2^53 in magnitude: exact as f64.
    if n < min as f64 || n > max as f64 {
        let range = format!(">= {min} && <= {max}");
        return Err(out_of_range(ctx, name, &range, value));
    }
    // In range and integral, so the conversion is exact.
    Ok(n as i64)
}

/// `getValidatedFd(fd)` (node's JS side: `read`, `write`, `writeSync`):
/// an integer in `0..=2^31-1` (`-0` is 0).
pub(crate) fn fd(ctx: &mut Context, value: &JsValue) -> JsResult<i32> {
    let n = integer(ctx, value, "fd", 0, i32::MAX.into())?;
    Ok(i32::try_from(n).unwrap_or(i32::MAX))
}

/// The descriptor check of node's C++ binding (`close`, `fstat`, `fsync`,
/// `fdatasync`, `ftruncate`, `fchmod`, `fchown`, `futimes`): the same
/// values pass as for [`fd`], the messages differ (a range before
/// "integer", numbers without separators, bigints without `n`).
pub(crate) fn native_fd(ctx: &mut Context, value: &JsValue) -> JsResult<i32> {
    let Some(n) = value.as_number() else {
        let received = match value.as_bigint() {
            Some(b) => format!("type bigint ({b})"),
            None => specific_type(value, ctx),
        };
        return Err(coded(
            ctx,
            JsNativeError::typ(),
            "ERR_INVALID_ARG_TYPE",
            format!("The \"fd\" argument must be of type number. Received {received}"),
        ));
    };
    let outside = n < 0.0 || n > f64::from(i32::MAX);
    if outside || !n.is_finite() || n.fract() != 0.0 {
        let range = match outside && !n.is_infinite() {
            true => ">= 0 && <= 2147483647",
            false => "an integer",
        };
        let received = value.to_string(ctx)?.to_std_string_lossy();
        return Err(coded(
            ctx,
            JsNativeError::range(),
            "ERR_OUT_OF_RANGE",
            format!("The value of \"fd\" is out of range. It must be {range}. Received {received}"),
        ));
    }
    // An integer in 0..=2^31-1: exact as i32.
    Ok(n as i32)
}

/// `validateUint32(value, name)`.
fn uint32(ctx: &mut Context, value: &JsValue, name: &str) -> JsResult<u32> {
    let n = integer(ctx, value, name, 0, u32::MAX.into())?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// `parseFileMode(value, name, default)`: a `uint32`, or an octal string;
/// `undefined`/`null` is `default` (and a `TypeError` without one).
pub(crate) fn mode(
    ctx: &mut Context,
    value: &JsValue,
    name: &str,
    default: Option<u32>,
) -> JsResult<u32> {
    if value.is_null_or_undefined() {
        // `value ??= default`: with none, node reports `undefined`.
        return match default {
            Some(default) => Ok(default),
            None => Err(invalid_type(
                ctx,
                name,
                "of type number",
                &JsValue::undefined(),
            )),
        };
    }
    if let Some(s) = value.as_string() {
        let s = s.to_std_string_lossy();
        let octal = !s.is_empty() && s.bytes().all(|b| (b'0'..=b'7').contains(&b));
        let reason = "must be a 32-bit unsigned integer or an octal string";
        return match u64::from_str_radix(&s, 8) {
            Ok(n) if octal => match u32::try_from(n) {
                Ok(n) => Ok(n),
                Err(_) => Err(out_of_range(
                    ctx,
                    name,
                    ">= 0 && <= 4294967295",
                    &JsValue::new(n as f64),
                )),
            },
            _ => Err(invalid_value(ctx, name, reason, value)),
        };
    }
    uint32(ctx, value, name)
}

/// A `uid`/`gid` (`validateInteger(id, name, -1, 2^32-1)`); `-1`, "leave
/// unchanged", is `u32::MAX`, which the kernel reads the same way.
pub(crate) fn owner_id(ctx: &mut Context, value: &JsValue, name: &str) -> JsResult<u32> {
    let n = integer(ctx, value, name, -1, u32::MAX.into())?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// The `len` of `ftruncate`/`truncate`: `undefined` is 0, then a safe
/// integer; negative lengths are 0 (`MathMax(0, len)`).
pub(crate) fn length(ctx: &mut Context, value: &JsValue) -> JsResult<u64> {
    if value.is_undefined() {
        return Ok(0);
    }
    let n = integer(ctx, value, "len", -MAX_SAFE, MAX_SAFE)?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// `stringToFlags(flags)` followed by the binding's `int32` check: a
/// number, `null`/`undefined` (`O_RDONLY`), or one of node's flag strings.
pub(crate) fn open_flags(ctx: &mut Context, value: &JsValue) -> JsResult<i32> {
    use gojs_vfs::flags::*;
    if value.is_null_or_undefined() {
        return Ok(O_RDONLY);
    }
    if value.is_number() {
        let n = integer(ctx, value, "flags", i32::MIN.into(), i32::MAX.into())?;
        return Ok(i32::try_from(n).unwrap_or(-1));
    }
    let named = value.as_string().and_then(|s| {
        let (w, a, x, s_) = (O_TRUNC | O_CREAT, O_APPEND | O_CREAT, O_EXCL, O_SYNC);
        Some(match s.to_std_string_lossy().as_str() {
            "r" => O_RDONLY,
            "rs" | "sr" => O_RDONLY | s_,
            "r+" => O_RDWR,
            "rs+" | "sr+" => O_RDWR | s_,
            "w" => O_WRONLY | w,
            "wx" | "xw" => O_WRONLY | w | x,
            "w+" => O_RDWR | w,
            "wx+" | "xw+" => O_RDWR | w | x,
            "a" => O_WRONLY | a,
            "ax" | "xa" => O_WRONLY | a | x,
            "as" | "sa" => O_WRONLY | a | s_,
            "a+" => O_RDWR | a,
            "ax+" | "xa+" => O_RDWR | a | x,
            "as+" | "sa+" => O_RDWR | a | s_,
            _ => return None,
        })
    });
    named.ok_or_else(|| invalid_value(ctx, "flags", "is invalid", value))
}

/// `toUnixTimestamp(time)`: seconds since the epoch, from a number, a
/// numeric string (taken as is) or a `Date`; negative numbers mean now
/// (node's rule). The result may still be one no file can hold (a string
/// `"Infinity"`, a huge number): the filesystem answers `EINVAL` for those.
///
/// # Errors
///
/// `ERR_INVALID_ARG_TYPE` for NaN, ±∞ and anything else.
pub(crate) fn unix_time(
    ctx: &mut Context,
    value: &JsValue,
    name: &str,
    now_ms: f64,
) -> JsResult<f64> {
    if value.is_string() {
        // `+time == time` holds for every string whose number is not NaN.
        let n = value.to_number(ctx)?;
        if !n.is_nan() {
            return Ok(n);
        }
    }
    if let Some(s) = value.as_number().filter(|s| s.is_finite()) {
        return Ok(if s < 0.0 { now_ms / 1000.0 } else { s });
    }
    if let Some(date) = value.as_object().and_then(|o| JsDate::from_object(o).ok()) {
        let ms = date.get_time(ctx)?.as_number().unwrap_or(f64::NAN);
        return Ok(ms / 1000.0);
    }
    Err(invalid_type(
        ctx,
        name,
        "an instance of Date or an Time in seconds",
        value,
    ))
}

/// `getValidatedPath(path, name)`: a string (or the bytes of a
/// `Uint8Array`, as node takes a `Buffer`), without NUL bytes.
pub(crate) fn path(ctx: &mut Context, value: &JsValue, name: &str) -> JsResult<String> {
    let text = if let Some(s) = value.as_string() {
        s.to_std_string_lossy()
    } else if let Some(bytes) = uint8_bytes(value, ctx)? {
        String::from_utf8_lossy(&bytes).into_owned()
    } else {
        return Err(invalid_type(
            ctx,
            name,
            "of type string or an instance of Buffer or URL",
            value,
        ));
    };
    if text.contains('\0') {
        return Err(invalid_value(
            ctx,
            name,
            "must be a string, Uint8Array, or URL without null bytes",
            value,
        ));
    }
    Ok(text)
}

/// The bytes of a `Uint8Array`, or `None` for any other value.
fn uint8_bytes(value: &JsValue, ctx: &mut Context) -> JsResult<Option<Vec<u8>>> {
    let Some(array) = value
        .as_object()
        .and_then(|o| JsTypedArray::from_object(o).ok())
    else {
        return Ok(None);
    };
    if array.kind() != Some(boa_engine::builtins::typed_array::TypedArrayKind::Uint8) {
        return Ok(None);
    }
    let (buffer, offset, length) = super::super::host_fs::view(value, ctx)?;
    let bytes = buffer
        .data()
        .and_then(|d| Some(d.get(offset..offset.checked_add(length)?)?.to_vec()));
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_separated_like_node() {
        assert_eq!(separated("1099511627776"), "1_099_511_627_776");
        assert_eq!(separated("-4294967297"), "-4_294_967_297");
        assert_eq!(separated("1234"), "1_234");
        assert_eq!(separated("123"), "123");
        assert_eq!(separated("-123"), "-123");
    }

    #[test]
    fn strings_are_quoted_like_inspect() {
        assert_eq!(quote("a\0b"), "'a\\x00b'");
        assert_eq!(quote("it's"), "'it\\'s'");
    }

    /// Runs `f` in a bare boa context.
    fn with_ctx(f: impl FnOnce(&mut Context)) {
        f(&mut Context::default());
    }

    fn message(ctx: &mut Context, e: JsError) -> (String, String) {
        let v = e.into_opaque(ctx).unwrap();
        let o = v.as_object().unwrap();
        let get = |k: &str, ctx: &mut Context| {
            o.get(JsString::from(k), ctx)
                .unwrap()
                .to_string(ctx)
                .unwrap()
                .to_std_string_lossy()
        };
        (get("code", ctx), get("message", ctx))
    }

    #[test]
    fn bad_numbers_get_node_errors_and_never_a_cast() {
        with_ctx(|ctx| {
            let cases: [(JsValue, &str); 7] = [
                (
                    JsValue::new(f64::NAN),
                    "It must be an integer. Received NaN",
                ),
                (
                    JsValue::new(f64::INFINITY),
                    "It must be an integer. Received Infinity",
                ),
                (JsValue::new(1.5), "It must be an integer. Received 1.5"),
                (
                    JsValue::new(-1),
                    "It must be >= 0 && <= 2147483647. Received -1",
                ),
                (
                    JsValue::new(2f64.powi(64)),
                    "It must be >= 0 && <= 2147483647. Received 18_446_744_073_709_552_000",
                ),
                (
                    JsValue::new(2f64.powi(31)),
                    "It must be >= 0 && <= 2147483647. Received 2147483648",
                ),
                (
                    JsValue::new(-2f64.powi(40)),
                    "It must be >= 0 && <= 2147483647. Received -1_099_511_627_776",
                ),
            ];
            for (value, tail) in cases {
                let e = fd(ctx, &value).unwrap_err();
                let (code, msg) = message(ctx, e);
                assert_eq!(code, "ERR_OUT_OF_RANGE");
                assert_eq!(msg, format!("The value of \"fd\" is out of range. {tail}"));
            }
            assert_eq!(fd(ctx, &JsValue::new(-0.0)).unwrap(), 0);
            let e = fd(ctx, &JsValue::from(JsString::from("3"))).unwrap_err();
            assert_eq!(
                message(ctx, e),
                (
                    "ERR_INVALID_ARG_TYPE".into(),
                    "The \"fd\" argument must be of type number. Received type string ('3')".into()
                )
            );
            assert_eq!(owner_id(ctx, &JsValue::new(-1), "uid").unwrap(), u32::MAX);
            assert!(owner_id(ctx, &JsValue::new(-2), "uid").is_err());
            assert_eq!(length(ctx, &JsValue::new(-5)).unwrap(), 0);
            assert!(length(ctx, &JsValue::new(2f64.powi(64))).is_err());
            assert_eq!(
                mode(ctx, &JsValue::undefined(), "mode", Some(0o666)).unwrap(),
                0o666
            );
            assert_eq!(
                mode(ctx, &JsString::from("755").into(), "mode", None).unwrap(),
                0o755
            );
            assert!(mode(ctx, &JsValue::new(-1), "mode", None).is_err());
            assert!(mode(ctx, &JsValue::undefined(), "mode", None).is_err());
            assert_eq!(
                open_flags(ctx, &JsString::from("w").into()).unwrap(),
                0o1101
            );
            assert!(open_flags(ctx, &JsValue::new(2f64.powi(40))).is_err());
            for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
                let e = unix_time(ctx, &JsValue::new(bad), "time", 0.0).unwrap_err();
                assert_eq!(message(ctx, e).0, "ERR_INVALID_ARG_TYPE");
            }
            assert_eq!(
                unix_time(ctx, &JsValue::new(-1), "time", 5000.0).unwrap(),
                5.0
            );
            assert_eq!(
                unix_time(ctx, &JsValue::new(1e300), "time", 0.0).unwrap(),
                1e300
            );
            let e = path(ctx, &JsString::from("a\0b").into(), "path").unwrap_err();
            assert_eq!(
                message(ctx, e).1,
                "The argument 'path' must be a string, Uint8Array, or URL without null bytes. Received 'a\\x00b'"
            );
        });
    }
}
