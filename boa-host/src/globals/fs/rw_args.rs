//! The arguments of `fs.read` and `fs.write`/`fs.writeSync`, checked as
//! node checks them (`validateOffsetLengthRead`, `validateOffsetLengthWrite`,
//! `validatePosition`, the binding's `IsSafeJsInt` for write positions):
//! the view, the window in it and the file position, each in range for the
//! Rust type it is returned as. What is read or written is
//! [`host_fs`](crate::globals::host_fs)'s business.

use super::args::{self, MAX_SAFE};
use crate::globals::host_fs::{arg, copy_out, view};
use boa_engine::{Context, JsResult, JsString, JsValue};

/// A checked `fs.read(fd, buffer, offset, length, position)`.
pub(crate) struct ReadArgs {
    pub fd: i32,
    /// The view read into.
    pub buffer: JsValue,
    /// Where in the view, and how many bytes (at least 1).
    pub offset: usize,
    pub length: usize,
    /// `None`: at the cursor.
    pub position: Option<u64>,
}

/// Checks `fs.read`'s arguments as node does; `None` when `length` is 0
/// (node then answers `(null, 0)` without reading).
pub(crate) fn checked_read(ctx: &mut Context, a: &[JsValue]) -> JsResult<Option<ReadArgs>> {
    let fd = args::fd(ctx, &arg(a, 0))?;
    let buffer = arg(a, 1);
    let (_, _, len) = view(&buffer, ctx)?;
    let offset = match arg(a, 2) {
        v if v.is_null_or_undefined() => 0,
        v => args::integer(ctx, &v, "offset", 0, MAX_SAFE)?,
    };
    // `length |= 0`.
    let length = i64::from(args::int32_or(ctx, &arg(a, 3))?);
    if length == 0 {
        return Ok(None);
    }
    if len == 0 {
        return Err(args::invalid_value(
            ctx,
            "buffer",
            "is empty and cannot be written",
            &buffer,
        ));
    }
    let len = i64::try_from(len).unwrap_or(MAX_SAFE);
    if length < 0 {
        return Err(args::out_of_range(
            ctx,
            "length",
            ">= 0",
            &JsValue::new(length),
        ));
    }
    if offset + length > len {
        let range = format!("<= {}", len - offset);
        return Err(args::out_of_range(
            ctx,
            "length",
            &range,
            &JsValue::new(length),
        ));
    }
    let position = position(ctx, &arg(a, 4))?;
    Ok(Some(ReadArgs {
        fd,
        buffer,
        // Both are within the view's length, a usize.
        offset: usize::try_from(offset).unwrap_or(0),
        length: usize::try_from(length).unwrap_or(0),
        position,
    }))
}

/// `validatePosition`: `null`/`undefined`/`-1` (and negative bigints) read
/// at the cursor; otherwise a safe integer, or a bigint below 2^63.
fn position(ctx: &mut Context, v: &JsValue) -> JsResult<Option<u64>> {
    if v.is_null_or_undefined() {
        return Ok(None);
    }
    if v.is_number() {
        let p = args::integer(ctx, v, "position", -1, MAX_SAFE)?;
        return Ok(u64::try_from(p).ok());
    }
    if let Some(b) = v.as_bigint() {
        return match b.to_string().parse::<i64>() {
            Ok(p) => Ok(u64::try_from(p).ok()),
            Err(_) => Err(args::out_of_range(
                ctx,
                "position",
                ">= -9223372036854775808 && <= 9223372036854775807",
                v,
            )),
        };
    }
    Err(args::invalid_type(
        ctx,
        "position",
        "of type bigint or integer",
        v,
    ))
}

/// [`checked_read`], as the arguments [`stdin`](crate::globals::stdin) reads: `None`
/// when there is nothing to read.
pub(crate) fn read_args(ctx: &mut Context, a: &[JsValue]) -> JsResult<Option<Vec<JsValue>>> {
    Ok(checked_read(ctx, a)?.map(|r| {
        vec![
            JsValue::new(r.fd),
            r.buffer,
            JsValue::new(r.offset as f64),
            JsValue::new(r.length as f64),
            JsValue::null(),
        ]
    }))
}

/// Where a write goes: `IsSafeJsInt(position) ? position : -1`, and
/// negative means the cursor (`None`).
fn safe_position(position: &JsValue) -> Option<u64> {
    position.as_number().and_then(|p| {
        let safe = p.is_finite() && p.fract() == 0.0 && (0.0..=MAX_SAFE as f64).contains(&p);
        // A non-negative safe integer: exact as u64.
        safe.then_some(p as u64)
    })
}

/// A checked `fs.write(fd, buffer, offset, length, position)` /
/// `fs.writeSync`: the bytes to write, and where.
pub(crate) struct WriteArgs {
    pub fd: i32,
    pub bytes: Vec<u8>,
    /// `None`: at the cursor (node: a position that is not a non-negative
    /// safe integer).
    pub at: Option<u64>,
}

/// Checks `fs.write`'s arguments as node does (`validateOffsetLengthWrite`).
/// A string is written as UTF-8 (node's default encoding, the only one
/// here): `write(fd, string[, position[, encoding]])`.
pub(crate) fn write_args(ctx: &mut Context, a: &[JsValue]) -> JsResult<WriteArgs> {
    let fd = args::fd(ctx, &arg(a, 0))?;
    let data = arg(a, 1);
    if let Some(text) = data.as_string() {
        return Ok(WriteArgs {
            fd,
            bytes: crate::world::utf8(text.as_str()),
            at: safe_position(&arg(a, 2)),
        });
    }
    let Ok((buffer, base, len)) = view(&data, ctx) else {
        return Err(args::invalid_type(
            ctx,
            "buffer",
            "of type string or an instance of Buffer, TypedArray, or DataView",
            &data,
        ));
    };
    // `write(fd, buffer, { offset, length, position })` (also `null`).
    let (offset, length, position) = match arg(a, 2) {
        v if (v.is_object() && !v.is_callable()) || v.is_null() => {
            let field = |name: &str, ctx: &mut Context| match v.as_object() {
                Some(o) => o.get(JsString::from(name), ctx),
                None => Ok(JsValue::undefined()),
            };
            (
                field("offset", ctx)?,
                field("length", ctx)?,
                field("position", ctx)?,
            )
        }
        v => (v, arg(a, 3), arg(a, 4)),
    };
    let offset = match offset {
        v if v.is_null_or_undefined() || v.is_callable() => 0,
        v => args::integer(ctx, &v, "offset", 0, MAX_SAFE)?,
    };
    let len = i64::try_from(len).unwrap_or(MAX_SAFE);
    let length = match length {
        v if v.is_number() => v,
        _ => JsValue::new(len - offset),
    };
    let n = length.as_number().unwrap_or(0.0);
    if offset > len {
        return Err(args::out_of_range(
            ctx,
            "offset",
            &format!("<= {len}"),
            &JsValue::new(offset),
        ));
    }
    if n > (len - offset) as f64 {
        return Err(args::out_of_range(
            ctx,
            "length",
            &format!("<= {}", len - offset),
            &length,
        ));
    }
    if n < 0.0 {
        return Err(args::out_of_range(ctx, "length", ">= 0", &length));
    }
    let length = args::integer(ctx, &length, "length", 0, i32::MAX.into())?;
    let at = safe_position(&position);
    let at_buffer = base.saturating_add(usize::try_from(offset).unwrap_or(usize::MAX));
    let bytes = copy_out(&buffer, at_buffer, usize::try_from(length).unwrap_or(0))?;
    Ok(WriteArgs { fd, bytes, at })
}
