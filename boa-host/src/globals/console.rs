//! `globalThis.console`: `log`, `info`, `debug` write to stdout; `warn`,
//! `error`, `trace` to stderr; each call is one line, formatted like node's
//! `util.format` for the common cases (`%s %d %i %f %j %o %O %%`, strings
//! raw, other values inspected). Go itself writes here for
//! `call to released function` (`console.error`).
//!
//! Differences from node's inspector: no line wrapping of long objects, no
//! colours, errors print `Name: message` without a stack.

use super::methods;
use crate::host::HostData;
use boa_engine::{
    Context, JsObject, JsResult, JsString, JsValue, JsVariant,
    builtins::{error::Error as ErrorData, typed_array::TypedArrayKind},
    object::{ObjectInitializer, builtins::JsTypedArray},
    property::PropertyKey,
};

pub(crate) fn create(ctx: &mut Context) -> JsResult<JsValue> {
    let mut c = ObjectInitializer::new(ctx);
    methods(
        &mut c,
        &[
            ("log", log, 0),
            ("info", log, 0),
            ("debug", log, 0),
            ("warn", error, 0),
            ("error", error, 0),
            ("trace", error, 0),
        ],
    );
    Ok(c.build().into())
}

fn log(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let line = format(args, ctx)? + "\n";
    HostData::of(ctx)?.write_or_abort(1, line.as_bytes())?;
    Ok(JsValue::undefined())
}

fn error(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let line = format(args, ctx)? + "\n";
    HostData::of(ctx)?.write_or_abort(2, line.as_bytes())?;
    Ok(JsValue::undefined())
}

/// `util.format(...args)`.
pub(crate) fn format(args: &[JsValue], ctx: &mut Context) -> JsResult<String> {
    let mut out = String::new();
    let mut rest = args;
    if let Some(first) = args.first().and_then(JsValue::as_string) {
        let fmt = first.to_std_string_lossy();
        rest = &args[1..];
        let mut chars = fmt.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '%' {
                out.push(c);
                continue;
            }
            let Some(&spec) = chars.peek() else {
                out.push('%');
                break;
            };
            if spec == '%' {
                chars.next();
                out.push('%');
                continue;
            }
            if !"sdifjoOc".contains(spec) || rest.is_empty() {
                out.push('%');
                continue;
            }
            chars.next();
            let arg = &rest[0];
            rest = &rest[1..];
            match spec {
                's' => match arg.variant() {
                    JsVariant::String(s) => out.push_str(&s.to_std_string_lossy()),
                    JsVariant::Object(_) => out.push_str(&inspect(arg, ctx, 0)?),
                    _ => out.push_str(&inspect(arg, ctx, 0)?),
                },
                'd' | 'i' => {
                    let n = arg.to_number(ctx)?;
                    let n = if spec == 'i' { n.trunc() } else { n };
                    out.push_str(&JsValue::new(n).to_string(ctx)?.to_std_string_lossy());
                }
                'f' => out.push_str(
                    &JsValue::new(arg.to_number(ctx)?)
                        .to_string(ctx)?
                        .to_std_string_lossy(),
                ),
                'j' => out.push_str(&json(arg, ctx)?),
                'c' => {}
                _ => out.push_str(&inspect(arg, ctx, 2)?),
            }
        }
    } else if let Some(first) = args.first() {
        out.push_str(&inspect(first, ctx, 2)?);
        rest = &args[1..];
    }
    for arg in rest {
        out.push(' ');
        match arg.as_string() {
            Some(s) => out.push_str(&s.to_std_string_lossy()),
            None => out.push_str(&inspect(arg, ctx, 2)?),
        }
    }
    Ok(out)
}

/// `%j`: `JSON.stringify(arg)` (gojs's, bounded in depth and length, as
/// installed), `undefined` when it gives nothing, `[Circular]` for a cycle —
/// node's `tryStringify`. (boa's own conversion to JSON recursed without
/// bound and reserved room for every hole of a sparse array: process aborts.)
fn json(arg: &JsValue, ctx: &mut Context) -> JsResult<String> {
    let Some(stringify) = super::json::installed(ctx) else {
        return Err(boa_engine::JsNativeError::typ()
            .with_message("gojs: JSON.stringify is not installed")
            .into());
    };
    match stringify.call(&JsValue::undefined(), std::slice::from_ref(arg), ctx) {
        Ok(text) if text.is_undefined() => Ok("undefined".into()),
        Ok(text) => Ok(text.to_string(ctx)?.to_std_string_lossy()),
        Err(e)
            if e.as_native()
                .is_some_and(|n| n.message().contains("circular structure")) =>
        {
            Ok("[Circular]".into())
        }
        Err(e) => Err(e),
    }
}

/// `util.inspect(v, { depth })` for the common shapes: objects nested up to
/// `depth` levels below `v` are shown, deeper ones as `[Object]`,
/// `[Array]`, `[Uint8Array]` (node's default depth is 2; `%s` uses 0).
pub(crate) fn inspect(v: &JsValue, ctx: &mut Context, depth: i32) -> JsResult<String> {
    Ok(match v.variant() {
        JsVariant::Undefined => "undefined".into(),
        JsVariant::Null => "null".into(),
        JsVariant::Boolean(b) => b.to_string(),
        JsVariant::Float64(f) if f == 0.0 && f.is_sign_negative() => "-0".into(),
        JsVariant::Integer32(_) | JsVariant::Float64(_) => v.to_string(ctx)?.to_std_string_lossy(),
        JsVariant::BigInt(b) => format!("{b}n"),
        JsVariant::String(s) => quote(&s.to_std_string_lossy()),
        JsVariant::Symbol(s) => s.descriptive_string().to_std_string_lossy(),
        JsVariant::Object(o) => inspect_object(&o, ctx, depth)?,
    })
}

fn quote(s: &str) -> String {
    format!(
        "'{}'",
        s.replace('\\', "\\\\")
            .replace('\'', "\\'")
            .replace('\n', "\\n")
    )
}

fn inspect_object(o: &JsObject, ctx: &mut Context, depth: i32) -> JsResult<String> {
    if o.is::<ErrorData>() {
        let name = o
            .get(JsString::from("name"), ctx)?
            .to_string(ctx)?
            .to_std_string_lossy();
        let message = o
            .get(JsString::from("message"), ctx)?
            .to_string(ctx)?
            .to_std_string_lossy();
        return Ok(if message.is_empty() {
            name
        } else {
            format!("{name}: {message}")
        });
    }
    if o.is_callable() {
        let name = o.get(JsString::from("name"), ctx)?;
        let name = name
            .as_string()
            .map(|s| s.to_std_string_lossy())
            .unwrap_or_default();
        let class =
            if o.is_constructor() && !name.is_empty() && name.starts_with(char::is_uppercase) {
                "class"
            } else {
                "Function"
            };
        return Ok(if name.is_empty() {
            format!("[{class} (anonymous)]")
        } else {
            format!("[{class}: {name}]")
        });
    }
    if let Ok(array) = JsTypedArray::from_object(o.clone()) {
        let kind = array.kind().map_or("TypedArray", kind_name);
        if depth < 0 {
            return Ok(format!("[{kind}]"));
        }
        let len = array.length(ctx)?;
        let mut items = Vec::new();
        for i in 0..len.min(100) {
            items.push(inspect(&array.at(i as i64, ctx)?, ctx, 0)?);
        }
        if len > 100 {
            items.push(format!("... {} more items", len - 100));
        }
        return Ok(if items.is_empty() {
            format!("{kind}({len}) []")
        } else {
            format!("{kind}({len}) [ {} ]", items.join(", "))
        });
    }
    if o.is_array() {
        if depth < 0 {
            return Ok("[Array]".into());
        }
        let len = o.get(JsString::from("length"), ctx)?.to_length(ctx)?;
        let mut items = Vec::new();
        for i in 0..len.min(100) {
            items.push(inspect(&o.get(i, ctx)?, ctx, depth - 1)?);
        }
        return Ok(if items.is_empty() {
            "[]".into()
        } else {
            format!("[ {} ]", items.join(", "))
        });
    }
    if depth < 0 {
        return Ok("[Object]".into());
    }
    let mut items = Vec::new();
    for key in o.own_property_keys(ctx)? {
        let shown = match &key {
            PropertyKey::String(s) => {
                let s = s.to_std_string_lossy();
                if s.chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
                    && !s.is_empty()
                {
                    s
                } else {
                    quote(&s)
                }
            }
            PropertyKey::Index(i) => quote(&i.get().to_string()),
            PropertyKey::Symbol(s) => format!("[{}]", s.descriptive_string().to_std_string_lossy()),
        };
        let value = o.get(key, ctx)?;
        items.push(format!("{shown}: {}", inspect(&value, ctx, depth - 1)?));
    }
    Ok(if items.is_empty() {
        "{}".into()
    } else {
        format!("{{ {} }}", items.join(", "))
    })
}

fn kind_name(kind: TypedArrayKind) -> &'static str {
    match kind {
        TypedArrayKind::Int8 => "Int8Array",
        TypedArrayKind::Uint8 => "Uint8Array",
        TypedArrayKind::Uint8Clamped => "Uint8ClampedArray",
        TypedArrayKind::Int16 => "Int16Array",
        TypedArrayKind::Uint16 => "Uint16Array",
        TypedArrayKind::Int32 => "Int32Array",
        TypedArrayKind::Uint32 => "Uint32Array",
        TypedArrayKind::BigInt64 => "BigInt64Array",
        TypedArrayKind::BigUint64 => "BigUint64Array",
        TypedArrayKind::Float32 => "Float32Array",
        TypedArrayKind::Float64 => "Float64Array",
        #[allow(
            unreachable_patterns,
            reason = "TypedArrayKind may gain kinds (Float16)"
        )]
        _ => "TypedArray",
    }
}
