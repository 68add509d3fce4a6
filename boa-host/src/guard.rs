//! Every built-in function of the JS world, guarded.
//!
//! boa's natives call one another in Rust: a getter that is a bound
//! `Reflect.get`, `Array.prototype.join` calling each element's
//! `toString`, `Error.prototype.toString` on a `message` that is itself an
//! error. boa counts only JS frames against its recursion limit, so a deep
//! or cyclic structure of such calls recurses natively until the thread's
//! stack overflows — and a stack overflow aborts the whole process.
//!
//! So at world creation every native, non-constructor function reachable
//! from `globalThis` (methods, getters and setters, on every prototype on
//! the way) is replaced by a native that first
//!
//! - checks the native stack: with less than [`RED_ZONE`] left it throws
//!   the `RangeError` V8 throws when its stack runs out (catchable, as
//!   there);
//! - checks the program's [`Interrupt`]: once triggered (by hand or at the
//!   deadline) the program ends there, uncatchably — so a JS loop that
//!   calls any built-in stops at a deadline even when it never crosses into
//!   the guest;
//!
//! and then calls the original; `String.prototype.repeat`, `padStart`,
//! `padEnd` and `Array.prototype.join` first check that the string they
//! would build is no longer than V8 allows (its `RangeError: Invalid string
//! length`, where boa would try the allocation and abort);
//! `Array.prototype.flat` bounds its depth by the stack left
//! ([`flat_bounded`]). One wrapper per
//! original: functions that
//! are the same object under two names (`Array.prototype.values` and
//! `[Symbol.iterator]`) stay the same object.
//!
//! Left as they are: constructors (`[].constructor === Array`, subclassing
//! and species lookups depend on their identity), the global `eval` (a
//! direct `eval` is one whose callee is the realm's own `eval`; its source
//! is checked by [`crate::hooks`] instead), and non-configurable
//! properties. Recursion inside one native (a chain of built-in
//! constructors only, `JSON.stringify` — replaced by
//! [`json`](crate::globals::json)) is not seen by this guard.

use crate::{host::HostData, stack::RED_ZONE};
use boa_engine::{
    Context, JsObject, JsResult, JsString, JsValue, NativeFunction,
    gc::{Finalize, Trace},
    native_function::NativeFunctionObject,
    object::FunctionObjectBuilder,
    property::PropertyDescriptor,
    value::IntegerOrInfinity,
};
use gojs_engine::{Interrupt, Unwind};
use rustc_hash::{FxHashMap, FxHashSet};

/// What a wrapper holds: the function it guards, the program's interrupt
/// (an `Arc`, nothing the collector needs to see), and for a few built-ins
/// a check of the size of what they would build.
#[derive(Trace, Finalize)]
struct Guarded {
    original: JsObject,
    #[unsafe_ignore_trace]
    interrupt: Interrupt,
    #[unsafe_ignore_trace]
    size_check: Option<SizeCheck>,
    /// For `Array.prototype.flat`: the original `Array.isArray`, to tell
    /// whether a flattening stopped short (see [`flat_bounded`]).
    flat_is_array: Option<JsObject>,
}

/// V8's longest string (2^29 - 24 UTF-16 units): longer is its `RangeError:
/// Invalid string length`. boa has no such bound and would try to allocate
/// (`"x".repeat(2 ** 30)` asks for 24 GiB) — and a failed allocation
/// aborts the process.
const MAX_STRING_LENGTH: f64 = ((1u64 << 29) - 24) as f64;

/// Checks the arguments of a built-in that builds a string of a size known
/// from them; only primitives are looked at (nothing JS could observe).
type SizeCheck = fn(&JsValue, &[JsValue]) -> JsResult<()>;

fn invalid_string_length() -> boa_engine::JsError {
    boa_engine::JsNativeError::range()
        .with_message("Invalid string length")
        .into()
}

/// `"s".repeat(n)`: `s.length * n` units.
fn repeat_size(this: &JsValue, args: &[JsValue]) -> JsResult<()> {
    match (this.as_string(), args.first().and_then(JsValue::as_number)) {
        (Some(s), Some(n))
            if !s.is_empty() && n.is_finite() && s.len() as f64 * n.trunc() > MAX_STRING_LENGTH =>
        {
            Err(invalid_string_length())
        }
        _ => Ok(()),
    }
}

/// `"s".padStart(n, fill)` / `padEnd`: `n` units (when `s` is shorter and
/// the filler is not empty).
fn pad_size(this: &JsValue, args: &[JsValue]) -> JsResult<()> {
    let filler_empty = args
        .get(1)
        .and_then(JsValue::as_string)
        .is_some_and(|f| f.is_empty());
    match (this.as_string(), args.first().and_then(JsValue::as_number)) {
        (Some(s), Some(n)) if !filler_empty && n > MAX_STRING_LENGTH && (s.len() as f64) < n => {
            Err(invalid_string_length())
        }
        _ => Ok(()),
    }
}

/// `array.join(sep)`: at least `(length - 1) * sep.length` units plus the
/// lengths of its string elements, for a plain array and a string
/// separator.
fn join_size(this: &JsValue, args: &[JsValue]) -> JsResult<()> {
    let Some(array) = this.as_object().filter(JsObject::is_array) else {
        return Ok(());
    };
    let separator = match args.first() {
        None => 1.0,
        Some(v) if v.is_undefined() => 1.0,
        Some(v) => match v.as_string() {
            Some(s) => s.len() as f64,
            None => return Ok(()),
        },
    };
    let length = array
        .borrow()
        .properties()
        .get(&boa_engine::js_string!("length").into())
        .and_then(|d| d.value().and_then(JsValue::as_number))
        .unwrap_or(0.0);
    let mut size = (length - 1.0).max(0.0) * separator;
    // Plus the string elements that are plain data (no getter runs here).
    let array = array.borrow();
    let properties = array.properties();
    let mut index: u32 = 0;
    // At most 2^22 elements are looked at (a few ms), so a sparse array
    // of length 2^32 - 1 costs no more here than in `join` itself.
    while f64::from(index) < length.min(f64::from(1 << 22)) && size <= MAX_STRING_LENGTH {
        let element = properties.get(&boa_engine::property::PropertyKey::from(index));
        if let Some(s) = element.and_then(|d| d.value().and_then(JsValue::as_string)) {
            size += s.len() as f64;
        }
        index = match index.checked_add(1) {
            Some(next) => next,
            None => break,
        };
    }
    if size > MAX_STRING_LENGTH {
        return Err(invalid_string_length());
    }
    Ok(())
}

/// Native stack boa's `FlattenIntoArray` uses per level, as budgeted
/// (measured 304 bytes on boa 0.22, release, by
/// `scripts/boa-stack-per-level.sh`).
const PER_FLAT_LEVEL: usize = 512;

/// `array.flat(depth)` with the depth bounded by the stack left.
///
/// boa's `FlattenIntoArray` recurses natively once per level of nesting it
/// flattens, without a check, so `a.flat(Infinity)` of an array nested 10^6
/// deep overflows the stack (node throws `RangeError: Maximum call stack
/// size exceeded` from about 10^4 levels). So a depth deeper than the stack
/// can hold is lowered to what it can; if the flattened array (when it is a
/// plain array, nothing JS could observe being read) still holds an array,
/// the source was nested deeper and the answer is V8's `RangeError`.
///
/// A deliberate difference: a `depth` that is not a number is converted
/// (its `valueOf` runs) before `this.length` is read, not after.
fn flat_bounded(
    this: &JsValue,
    args: &[JsValue],
    g: &Guarded,
    is_array: &JsObject,
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let Some(depth) = args.first().filter(|d| !d.is_undefined()) else {
        return g.original.call(this, args, ctx);
    };
    let depth = match depth.to_integer_or_infinity(ctx)? {
        IntegerOrInfinity::Integer(n) => n.max(0) as f64,
        IntegerOrInfinity::PositiveInfinity => f64::INFINITY,
        IntegerOrInfinity::NegativeInfinity => 0.0,
    };
    let Some(left) = crate::stack::remaining() else {
        return g.original.call(this, &[depth.into()], ctx);
    };
    let levels = (left.saturating_sub(RED_ZONE) / PER_FLAT_LEVEL) as f64;
    if depth <= levels {
        return g.original.call(this, &[depth.into()], ctx);
    }
    let flat = g.original.call(this, &[levels.into()], ctx)?;
    if let Some(array) = flat.as_object().filter(JsObject::is_array) {
        let elements: Vec<JsValue> = array
            .borrow()
            .properties()
            .index_property_values()
            .filter_map(|d| d.value().cloned())
            .collect();
        for element in elements {
            if element.is_object()
                && is_array
                    .call(&JsValue::undefined(), &[element], ctx)?
                    .to_boolean()
            {
                return Err(crate::stack::overflow());
            }
        }
    }
    Ok(flat)
}

/// The wrapper's body.
fn guarded(this: &JsValue, args: &[JsValue], g: &Guarded, ctx: &mut Context) -> JsResult<JsValue> {
    if crate::stack::remaining().is_some_and(|left| left < RED_ZONE) {
        return Err(crate::stack::overflow());
    }
    if let Some(e) = g.interrupt.error() {
        return Err(HostData::of(ctx)?.abort(Unwind::Host(e)));
    }
    if let Some(check) = g.size_check {
        check(this, args)?;
    }
    if let Some(is_array) = &g.flat_is_array {
        return flat_bounded(this, args, g, is_array, ctx);
    }
    g.original.call(this, args, ctx)
}

/// Whether `o` is a built-in function this module wraps.
fn wrappable(o: &JsObject) -> bool {
    o.is::<NativeFunctionObject>() && !o.is_constructor()
}

/// Replaces the built-in functions reachable from `globalThis` by guarded
/// ones (see the module docs). Run once, after every global is installed.
pub(crate) fn install(ctx: &mut Context, interrupt: &Interrupt) -> JsResult<()> {
    let eval = ctx.intrinsics().objects().eval();
    let string_prototype = ctx.intrinsics().constructors().string().prototype();
    let array_prototype = ctx.intrinsics().constructors().array().prototype();
    let mut size_checks: FxHashMap<JsObject, SizeCheck> = FxHashMap::default();
    for (proto, name, check) in [
        (&string_prototype, "repeat", repeat_size as SizeCheck),
        (&string_prototype, "padStart", pad_size),
        (&string_prototype, "padEnd", pad_size),
        (&array_prototype, "join", join_size),
    ] {
        if let Some(f) = proto.get(JsString::from(name), ctx)?.as_object() {
            size_checks.insert(f.clone(), check);
        }
    }
    let flat = array_prototype
        .get(JsString::from("flat"), ctx)?
        .as_object();
    let is_array = ctx
        .intrinsics()
        .constructors()
        .array()
        .constructor()
        .get(JsString::from("isArray"), ctx)?
        .as_object();
    let mut wrappers: FxHashMap<JsObject, JsObject> = FxHashMap::default();
    let mut wrap = |f: &JsObject, ctx: &mut Context| -> JsResult<JsObject> {
        if let Some(w) = wrappers.get(f) {
            return Ok(w.clone());
        }
        let name = f.get(boa_engine::js_string!("name"), ctx)?;
        let length = f.get(boa_engine::js_string!("length"), ctx)?;
        let native = NativeFunction::from_copy_closure_with_captures(
            guarded,
            Guarded {
                original: f.clone(),
                interrupt: interrupt.clone(),
                size_check: size_checks.get(f).copied(),
                flat_is_array: is_array.clone().filter(|_| flat.as_ref() == Some(f)),
            },
        );
        let w = FunctionObjectBuilder::new(ctx.realm(), native)
            .name(name.as_string().unwrap_or_default())
            .length(length.as_number().map_or(0, |n| n as usize))
            .constructor(false)
            .build();
        let w: JsObject = w.into();
        wrappers.insert(f.clone(), w.clone());
        Ok(w)
    };

    let mut seen: FxHashSet<JsObject> = FxHashSet::default();
    let mut queue = vec![ctx.global_object()];
    while let Some(o) = queue.pop() {
        if !seen.insert(o.clone()) {
            continue;
        }
        if let Some(proto) = o.prototype() {
            queue.push(proto);
        }
        for key in o.own_property_keys(ctx)? {
            let Some(desc) = o.borrow().properties().get(&key) else {
                continue;
            };
            // Walk on through everything (`Error.prototype` hangs off a
            // non-configurable property), but replace only what may be.
            for part in [desc.value(), desc.get(), desc.set()].into_iter().flatten() {
                if let Some(next) = part.as_object() {
                    queue.push(next.clone());
                }
            }
            if desc.configurable() != Some(true) {
                continue;
            }
            if let Some(value) = desc.value() {
                let Some(f) = value.as_object() else {
                    continue;
                };
                if !wrappable(&f) || f == *eval {
                    continue;
                }
                let w = wrap(&f, ctx)?;
                let replaced = PropertyDescriptor::builder()
                    .value(w)
                    .writable(desc.writable().unwrap_or(false))
                    .enumerable(desc.enumerable().unwrap_or(false))
                    .configurable(true);
                o.define_property_or_throw(key, replaced, ctx)?;
            } else {
                let mut replaced = PropertyDescriptor::builder()
                    .enumerable(desc.enumerable().unwrap_or(false))
                    .configurable(true);
                let mut changed = false;
                for (accessor, is_get) in [(desc.get(), true), (desc.set(), false)] {
                    let Some(f) = accessor.and_then(JsValue::as_object) else {
                        continue;
                    };
                    let f = if wrappable(&f) {
                        changed = true;
                        wrap(&f, ctx)?
                    } else {
                        f.clone()
                    };
                    replaced = if is_get {
                        replaced.get(f)
                    } else {
                        replaced.set(f)
                    };
                }
                if changed {
                    o.define_property_or_throw(key, replaced, ctx)?;
                }
            }
        }
    }
    Ok(())
}
