//! `structuredClone(value[, { transfer }])`, replacing boa_runtime's.
//!
//! boa_runtime 0.22's (boa_wintertc's) recurses natively once per nesting
//! level with no bound, so `structuredClone` of a deeply nested value
//! overflows the thread's stack — which aborts the whole process — where
//! node throws a catchable `RangeError: Maximum call stack size exceeded`;
//! and it reserves room for every index of an array up to its `length`, so
//! a sparse array (`a.length = 2 ** 32 - 1`) asks for 32 GiB and the failed
//! allocation aborts the process too (node clones it in no time). This one
//! follows the HTML structured clone algorithm as node does:
//!
//! - it serializes first (getters run, in order, as in node), checking
//!   before each object or array it descends into the native stack left
//!   ([`crate::stack`]) and the depth ([`MAX_DEPTH`]), either exhausted being
//!   that `RangeError`, and the program's interrupt now and then; then
//!   detaches the transferred buffers; then builds the clone without
//!   recursion;
//! - arrays are their `length` and their own enumerable properties (holes
//!   stay holes, no room is reserved for them); plain objects their own
//!   enumerable string-keyed properties; typed arrays and `DataView`s keep
//!   their offset and length in their (cloned or transferred) buffer; `Date`,
//!   `RegExp`, `Map`, `Set`, `ArrayBuffer`, `SharedArrayBuffer`, errors and
//!   `Boolean`/`Number`/`String`/`BigInt` objects are cloned as node clones
//!   them; functions, symbols, proxies, `WeakMap`s, `WeakSet`s, promises and
//!   detached buffers are a `DataCloneError`.
//!
//! gojs has no `DOMException`: a `DataCloneError` is an `Error` whose
//! message starts with `DataCloneError: ` and whose `code` is 25, node's
//! (see `spec-notes/DIFFERENCES.md`). Deliberate differences from node:
//! buffers are cloned fixed-length (node keeps them resizable), and objects
//! of other built-in classes with no own enumerable properties
//! (`TextDecoder`, `URL`) are cloned as empty objects, as node clones its
//! JS classes.

use crate::globals::intrinsic;
use crate::{
    host::HostData,
    stack::{self, RED_ZONE},
};
use boa_engine::{
    Context, JsBigInt, JsError, JsNativeError, JsObject, JsResult, JsString, JsSymbol, JsValue,
    JsVariant, NativeFunction,
    builtins::{
        array_buffer::AlignedVec, error::Error as ErrorData, promise::Promise, proxy::Proxy,
        typed_array::TypedArrayKind,
    },
    gc::{Finalize, Trace},
    js_string,
    object::{
        FunctionObjectBuilder,
        builtins::{
            JsArray, JsArrayBuffer, JsDataView, JsDate, JsMap, JsRegExp, JsSet,
            JsSharedArrayBuffer, JsTypedArray, JsWeakMap, JsWeakSet,
        },
    },
    property::{Attribute, PropertyKey},
};
use gojs_engine::{Interrupt, Unwind};
use rustc_hash::FxHashMap;
use std::rc::Rc;

/// Objects and arrays nested inside one another that one call clones.
/// node 20 stops at 3292 nested arrays and 1955 nested objects (its stack
/// runs out); gojs allows as many as `JSON.stringify` does, while the stack
/// check still stops it earlier on a small thread.
pub(crate) const MAX_DEPTH: usize = crate::globals::json::MAX_DEPTH;

/// Properties (or entries) read between two looks at the program's
/// interrupt.
const TICKS_PER_CHECK: u32 = 4096;

/// The intrinsics the clone calls, as they were before any script could
/// replace them.
#[derive(Trace, Finalize)]
struct Intrinsics {
    /// `Object.keys`: EnumerableOwnProperties(O, key).
    object_keys: JsObject,
    /// `Array.from`: the values of the transfer list (an iterable).
    array_from: JsObject,
}

/// Defines the global `structuredClone` (writable, enumerable,
/// configurable, as node's). Run at world creation, before any script.
pub(crate) fn install(ctx: &mut Context) -> JsResult<()> {
    let object = ctx.intrinsics().constructors().object().constructor();
    let array = ctx.intrinsics().constructors().array().constructor();
    let intrinsics = Intrinsics {
        object_keys: intrinsic(&object, "keys", ctx)?,
        array_from: intrinsic(&array, "from", ctx)?,
    };
    let native = NativeFunction::from_copy_closure_with_captures(structured_clone, intrinsics);
    let function = FunctionObjectBuilder::new(ctx.realm(), native)
        .name(js_string!("structuredClone"))
        .length(0)
        .constructor(false)
        .build();
    ctx.register_global_property(js_string!("structuredClone"), function, Attribute::all())
}

/// node's `DataCloneError` (a `DOMException` there): `message`, code 25.
fn data_clone_error(ctx: &mut Context, message: &str) -> JsError {
    let error = JsNativeError::error()
        .with_message(format!("DataCloneError: {message}"))
        .into_opaque(ctx);
    let _ = error.set(js_string!("code"), 25, false, ctx);
    JsError::from_opaque(error.into())
}

/// A `TypeError` with node's `code`.
fn coded_type_error(ctx: &mut Context, code: &str, message: &str) -> JsError {
    let error = JsNativeError::typ()
        .with_message(message.to_owned())
        .into_opaque(ctx);
    let _ = error.set(js_string!("code"), JsString::from(code), false, ctx);
    JsError::from_opaque(error.into())
}

/// One object of the value, as serialized.
enum Node {
    /// Being serialized (only while it is).
    Pending,
    /// A plain object: its own enumerable string-keyed properties.
    Object(Vec<(JsString, Slot)>),
    /// An array: its length and own enumerable properties.
    Array(u32, Vec<(JsString, Slot)>),
    Date(f64),
    RegExp(JsString, JsString),
    Map(Vec<(Slot, Slot)>),
    Set(Vec<Slot>),
    /// A copy of an `ArrayBuffer`'s bytes.
    Buffer(Vec<u8>),
    /// A buffer of the transfer list: detached once serialized, its bytes
    /// moving to the clone.
    Transfer(JsArrayBuffer),
    Transferred(Option<AlignedVec<u8>>),
    Shared(JsSharedArrayBuffer),
    /// A typed array (`kind`, `length` in elements) or a `DataView` (no kind,
    /// `length` in bytes) on the buffer node `buffer`.
    View {
        kind: Option<TypedArrayKind>,
        buffer: usize,
        offset: usize,
        length: usize,
    },
    /// An error: the constructor its `name` picks, its own `message`.
    Error(ErrorName, Option<JsString>),
    /// A `Boolean`, `Number`, `String` or `BigInt` object: its primitive.
    Wrapper(JsValue),
}

/// A serialized value: a primitive as it is, or an object's node.
enum Slot {
    Value(JsValue),
    Node(usize),
}

/// The error constructors a clone can have (V8's `WriteJSError`).
#[derive(Clone, Copy)]
enum ErrorName {
    Error,
    Eval,
    Range,
    Reference,
    Syntax,
    Type,
    Uri,
}

/// `structuredClone(value, options)`.
fn structured_clone(
    _: &JsValue,
    args: &[JsValue],
    intrinsics: &Intrinsics,
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let value = args.first().cloned().unwrap_or_default();
    let options = args.get(1).cloned().unwrap_or_default();
    let mut state = Serializer {
        intrinsics,
        memory: FxHashMap::default(),
        nodes: Vec::new(),
        interrupt: ctx
            .get_data::<Rc<HostData>>()
            .map(|data| data.interrupt.clone()),
        ticks: 0,
    };
    state.transfer_list(&options, ctx)?;
    let root = state.value(&value, 0, ctx)?;
    // The value is serialized: the transferred buffers are detached now.
    for node in &mut state.nodes {
        if let Node::Transfer(buffer) = node {
            let bytes = buffer.detach(&JsValue::undefined())?;
            *node = Node::Transferred(Some(bytes));
        }
    }
    deserialize(state.nodes, root, ctx)
}

/// The serialization in progress.
struct Serializer<'a> {
    intrinsics: &'a Intrinsics,
    /// The objects seen, by node (cycles and shared objects stay so).
    memory: FxHashMap<JsObject, usize>,
    nodes: Vec<Node>,
    interrupt: Option<Interrupt>,
    ticks: u32,
}

impl Serializer<'_> {
    /// Counts a unit of work; every [`TICKS_PER_CHECK`] looks at the
    /// program's interrupt (triggered, the program ends here).
    fn tick(&mut self, ctx: &Context) -> JsResult<()> {
        self.ticks = self.ticks.wrapping_add(1);
        if self.ticks.is_multiple_of(TICKS_PER_CHECK)
            && let Some(e) = self.interrupt.as_ref().and_then(Interrupt::error)
        {
            return Err(HostData::of(ctx)?.abort(Unwind::Host(e)));
        }
        Ok(())
    }

    /// `options.transfer`, as node reads it: each buffer gets its node
    /// first, so the value's references to it are to the transferred one.
    fn transfer_list(&mut self, options: &JsValue, ctx: &mut Context) -> JsResult<()> {
        if options.is_null_or_undefined() {
            return Ok(());
        }
        let Some(options) = options.as_object() else {
            let message = "The options argument must be either an object or undefined";
            return Err(coded_type_error(ctx, "ERR_INVALID_ARG_TYPE", message));
        };
        let list = options.get(js_string!("transfer"), ctx)?;
        if list.is_undefined() {
            return Ok(());
        }
        let iterable = match list.as_object() {
            Some(o) => o.get(JsSymbol::iterator(), ctx)?.is_callable(),
            None => false,
        };
        if !iterable {
            let message = "Optional transferList argument must be an iterable";
            return Err(coded_type_error(ctx, "ERR_INVALID_ARG_TYPE", message));
        }
        let items = self
            .intrinsics
            .array_from
            .call(&JsValue::undefined(), &[list], ctx)?;
        let items = items.as_object().ok_or_else(|| {
            JsError::from_native(
                JsNativeError::typ().with_message("gojs: Array.from gave no array"),
            )
        })?;
        let length = JsArray::from_object(items.clone())?.length(ctx)?;
        for i in 0..length {
            self.tick(ctx)?;
            let item = items.get(i, ctx)?;
            let buffer = item
                .as_object()
                .and_then(|o| JsArrayBuffer::from_object(o.clone()).ok());
            let Some(buffer) = buffer else {
                let message = "Found invalid object in transferList";
                return Err(coded_type_error(
                    ctx,
                    "ERR_INVALID_TRANSFER_OBJECT",
                    message,
                ));
            };
            let object = JsObject::from(buffer.clone());
            if self.memory.contains_key(&object) {
                let message = "Transfer list contains duplicate ArrayBuffer";
                return Err(data_clone_error(ctx, message));
            }
            // A detached buffer is left out (as node does): cloning it is
            // then an error.
            if buffer.data().is_some() {
                self.memory.insert(object, self.nodes.len());
                self.nodes.push(Node::Transfer(buffer));
            }
        }
        Ok(())
    }

    fn value(&mut self, value: &JsValue, depth: usize, ctx: &mut Context) -> JsResult<Slot> {
        match value.variant() {
            JsVariant::Object(o) => Ok(Slot::Node(self.object(&o, depth, ctx)?)),
            JsVariant::Symbol(s) => {
                let shown = s.descriptive_string().to_std_string_lossy();
                Err(data_clone_error(
                    ctx,
                    &format!("{shown} could not be cloned."),
                ))
            }
            _ => Ok(Slot::Value(value.clone())),
        }
    }

    /// The node of `object`, serialized if it is new.
    fn object(&mut self, object: &JsObject, depth: usize, ctx: &mut Context) -> JsResult<usize> {
        if let Some(&id) = self.memory.get(object) {
            return Ok(id);
        }
        self.tick(ctx)?;
        if depth >= MAX_DEPTH || stack::remaining().is_some_and(|left| left < RED_ZONE) {
            return Err(stack::overflow());
        }
        let id = self.nodes.len();
        self.nodes.push(Node::Pending);
        self.memory.insert(object.clone(), id);
        let node = self.serialize(object, depth, ctx)?;
        self.nodes[id] = node;
        Ok(id)
    }

    fn serialize(&mut self, o: &JsObject, depth: usize, ctx: &mut Context) -> JsResult<Node> {
        if o.is_callable() || o.is::<Proxy>() {
            let shown = if o.is_callable() {
                "function"
            } else {
                "#<Object>"
            };
            return Err(data_clone_error(
                ctx,
                &format!("{shown} could not be cloned."),
            ));
        }
        let weak_map = JsWeakMap::from_object(o.clone()).is_ok();
        let weak_set = JsWeakSet::from_object(o.clone()).is_ok();
        if weak_map || weak_set || o.is::<Promise>() {
            let class = match (weak_map, weak_set) {
                (true, _) => "WeakMap",
                (_, true) => "WeakSet",
                _ => "Promise",
            };
            return Err(data_clone_error(
                ctx,
                &format!("#<{class}> could not be cloned."),
            ));
        }
        if o.is::<JsSymbol>() {
            return Err(data_clone_error(
                ctx,
                "[object Symbol] could not be cloned.",
            ));
        }
        if o.is::<bool>() || o.is::<f64>() || o.is::<JsString>() || o.is::<JsBigInt>() {
            // Its [[BooleanData]], [[NumberData]], [[StringData]] or
            // [[BigIntData]], read by the intrinsic `valueOf` of its class.
            let primitive = if let Some(b) = o.downcast_ref::<bool>() {
                JsValue::new(*b)
            } else if let Some(n) = o.downcast_ref::<f64>() {
                JsValue::new(*n)
            } else if let Some(s) = o.downcast_ref::<JsString>() {
                JsValue::new(s.clone())
            } else if let Some(b) = o.downcast_ref::<JsBigInt>() {
                JsValue::new(b.clone())
            } else {
                JsValue::undefined()
            };
            return Ok(Node::Wrapper(primitive));
        }
        if o.is_array() {
            let length = o.get(js_string!("length"), ctx)?.to_u32(ctx)?;
            return Ok(Node::Array(length, self.properties(o, depth, ctx)?));
        }
        if let Ok(date) = JsDate::from_object(o.clone()) {
            let time = date.get_time(ctx)?.as_number().unwrap_or(f64::NAN);
            return Ok(Node::Date(time));
        }
        if let Ok(regexp) = JsRegExp::from_object(o.clone()) {
            let source = JsString::from(regexp.source(ctx)?);
            let flags = JsString::from(regexp.flags(ctx)?);
            return Ok(Node::RegExp(source, flags));
        }
        if let Ok(buffer) = JsArrayBuffer::from_object(o.clone()) {
            return match buffer.data() {
                Some(bytes) => Ok(Node::Buffer(bytes.to_vec())),
                None => Err(data_clone_error(
                    ctx,
                    "An ArrayBuffer is detached and could not be cloned.",
                )),
            };
        }
        if let Ok(shared) = JsSharedArrayBuffer::from_object(o.clone()) {
            return Ok(Node::Shared(shared));
        }
        if let Ok(array) = JsTypedArray::from_object(o.clone()) {
            let Some(kind) = array.kind() else {
                return Err(data_clone_error(ctx, "#<TypedArray> could not be cloned."));
            };
            let offset = array.byte_offset(ctx)?;
            let length = array.length(ctx)?;
            let buffer = array.buffer(ctx)?;
            let buffer = self.value(&buffer, depth + 1, ctx)?;
            return view(Some(kind), buffer, offset, length, ctx);
        }
        if let Ok(view_object) = JsDataView::from_object(o.clone()) {
            let offset = view_object.byte_offset(ctx)?;
            let length = view_object.byte_length(ctx)?;
            let buffer = view_object.buffer(ctx)?;
            let buffer = self.value(&buffer, depth + 1, ctx)?;
            let (offset, length) = match (usize::try_from(offset), usize::try_from(length)) {
                (Ok(offset), Ok(length)) => (offset, length),
                _ => return Err(data_clone_error(ctx, "#<DataView> could not be cloned.")),
            };
            return view(None, buffer, offset, length, ctx);
        }
        if let Ok(map) = JsMap::from_object(o.clone()) {
            // The entries as they are now; then each is serialized (and may
            // run getters that change the map).
            let mut entries = Vec::new();
            map.for_each_native(|k, v| {
                entries.push((k, v));
                Ok(())
            })?;
            let mut out = Vec::with_capacity(entries.len());
            for (k, v) in entries {
                self.tick(ctx)?;
                let k = self.value(&k, depth + 1, ctx)?;
                let v = self.value(&v, depth + 1, ctx)?;
                out.push((k, v));
            }
            return Ok(Node::Map(out));
        }
        if let Ok(set) = JsSet::from_object(o.clone()) {
            let mut values = Vec::new();
            set.for_each_native(|v| {
                values.push(v);
                Ok(())
            })?;
            let mut out = Vec::with_capacity(values.len());
            for v in values {
                self.tick(ctx)?;
                out.push(self.value(&v, depth + 1, ctx)?);
            }
            return Ok(Node::Set(out));
        }
        if o.is::<ErrorData>() {
            let name = o.get(js_string!("name"), ctx)?;
            let name = match name.as_string().map(|s| s.to_std_string_lossy()).as_deref() {
                Some("EvalError") => ErrorName::Eval,
                Some("RangeError") => ErrorName::Range,
                Some("ReferenceError") => ErrorName::Reference,
                Some("SyntaxError") => ErrorName::Syntax,
                Some("TypeError") => ErrorName::Type,
                Some("URIError") => ErrorName::Uri,
                _ => ErrorName::Error,
            };
            let message = match o.has_own_property(js_string!("message"), ctx)? {
                true => Some(o.get(js_string!("message"), ctx)?.to_string(ctx)?),
                false => None,
            };
            return Ok(Node::Error(name, message));
        }
        Ok(Node::Object(self.properties(o, depth, ctx)?))
    }

    /// The own enumerable string-keyed properties of `o`, each read (its
    /// getter run) and serialized in turn, skipping those deleted meanwhile.
    fn properties(
        &mut self,
        o: &JsObject,
        depth: usize,
        ctx: &mut Context,
    ) -> JsResult<Vec<(JsString, Slot)>> {
        let keys =
            self.intrinsics
                .object_keys
                .call(&JsValue::undefined(), &[o.clone().into()], ctx)?;
        let keys = JsArray::from_object(keys.as_object().ok_or_else(|| {
            JsError::from_native(
                JsNativeError::typ().with_message("gojs: Object.keys gave no array"),
            )
        })?)?;
        let count = keys.length(ctx)?;
        let mut out = Vec::new();
        for i in 0..count {
            self.tick(ctx)?;
            let key = keys.get(i, ctx)?.to_string(ctx)?;
            let key_property = PropertyKey::from(key.clone());
            if !o.has_own_property(key_property.clone(), ctx)? {
                continue;
            }
            let value = o.get(key_property, ctx)?;
            out.push((key, self.value(&value, depth + 1, ctx)?));
        }
        Ok(out)
    }
}

/// A view's node, its buffer being the node `buffer`.
fn view(
    kind: Option<TypedArrayKind>,
    buffer: Slot,
    offset: usize,
    length: usize,
    ctx: &mut Context,
) -> JsResult<Node> {
    match buffer {
        Slot::Node(buffer) => Ok(Node::View {
            kind,
            buffer,
            offset,
            length,
        }),
        Slot::Value(_) => Err(data_clone_error(
            ctx,
            "a view without a buffer could not be cloned.",
        )),
    }
}

/// The constructor of a typed array of `kind` (`None` for a kind this
/// build of boa has no constructor for).
fn typed_array_constructor(kind: TypedArrayKind, ctx: &Context) -> Option<JsObject> {
    let c = ctx.intrinsics().constructors();
    #[allow(
        unreachable_patterns,
        reason = "TypedArrayKind may gain kinds (Float16)"
    )]
    let constructor = match kind {
        TypedArrayKind::Int8 => c.typed_int8_array(),
        TypedArrayKind::Uint8 => c.typed_uint8_array(),
        TypedArrayKind::Uint8Clamped => c.typed_uint8clamped_array(),
        TypedArrayKind::Int16 => c.typed_int16_array(),
        TypedArrayKind::Uint16 => c.typed_uint16_array(),
        TypedArrayKind::Int32 => c.typed_int32_array(),
        TypedArrayKind::Uint32 => c.typed_uint32_array(),
        TypedArrayKind::BigInt64 => c.typed_bigint64_array(),
        TypedArrayKind::BigUint64 => c.typed_biguint64_array(),
        TypedArrayKind::Float32 => c.typed_float32_array(),
        TypedArrayKind::Float64 => c.typed_float64_array(),
        _ => return None,
    };
    Some(constructor.constructor())
}

/// Builds the clone of `nodes` without recursion: every object first (the
/// buffers before the views on them), then their contents.
fn deserialize(mut nodes: Vec<Node>, root: Slot, ctx: &mut Context) -> JsResult<JsValue> {
    let mut objects: Vec<Option<JsObject>> = vec![None; nodes.len()];
    for (id, node) in nodes.iter_mut().enumerate() {
        let object: JsObject = match node {
            Node::Object(_) => JsObject::with_object_proto(ctx.intrinsics()),
            Node::Array(..) => JsArray::new(ctx)?.into(),
            Node::Date(time) => {
                let date = JsDate::new(ctx);
                date.set_time(*time, ctx)?;
                date.into()
            }
            Node::RegExp(source, flags) => {
                JsRegExp::new(source.clone(), flags.clone(), ctx)?.into()
            }
            Node::Map(_) => JsMap::new(ctx).into(),
            Node::Set(_) => JsSet::new(ctx).into(),
            Node::Buffer(bytes) => {
                JsArrayBuffer::from_byte_block(AlignedVec::from_slice(0, bytes), ctx)?.into()
            }
            Node::Transferred(bytes) => match bytes.take() {
                Some(bytes) => JsArrayBuffer::from_byte_block(bytes, ctx)?.into(),
                None => continue,
            },
            Node::Shared(shared) => JsSharedArrayBuffer::from_buffer(shared.inner(), ctx).into(),
            Node::Error(name, message) => {
                let c = ctx.intrinsics().constructors();
                let constructor = match name {
                    ErrorName::Error => c.error(),
                    ErrorName::Eval => c.eval_error(),
                    ErrorName::Range => c.range_error(),
                    ErrorName::Reference => c.reference_error(),
                    ErrorName::Syntax => c.syntax_error(),
                    ErrorName::Type => c.type_error(),
                    ErrorName::Uri => c.uri_error(),
                }
                .constructor();
                let args: Vec<JsValue> = message.iter().cloned().map(Into::into).collect();
                constructor.construct(&args, None, ctx)?
            }
            Node::Wrapper(primitive) => primitive.to_object(ctx)?,
            Node::View { .. } | Node::Pending | Node::Transfer(_) => continue,
        };
        objects[id] = Some(object);
    }
    let target = |objects: &[Option<JsObject>], id: usize| -> JsResult<JsObject> {
        objects.get(id).cloned().flatten().ok_or_else(|| {
            JsNativeError::error()
                .with_message("gojs: structuredClone lost an object")
                .into()
        })
    };
    for (id, node) in nodes.iter().enumerate() {
        if let Node::View {
            kind,
            buffer,
            offset,
            length,
        } = node
        {
            let buffer = target(&objects, *buffer)?;
            let object: JsObject = match kind {
                Some(kind) => {
                    let Some(constructor) = typed_array_constructor(*kind, ctx) else {
                        return Err(data_clone_error(ctx, "#<TypedArray> could not be cloned."));
                    };
                    let args = [
                        buffer.into(),
                        JsValue::new(*offset as f64),
                        JsValue::new(*length as f64),
                    ];
                    constructor.construct(&args, None, ctx)?
                }
                None => JsDataView::from_js_array_buffer(
                    JsArrayBuffer::from_object(buffer)?,
                    Some(*offset as u64),
                    Some(*length as u64),
                    ctx,
                )?
                .into(),
            };
            objects[id] = Some(object);
        }
    }
    let value = |objects: &[Option<JsObject>], slot: &Slot| -> JsResult<JsValue> {
        match slot {
            Slot::Value(v) => Ok(v.clone()),
            Slot::Node(id) => target(objects, *id).map(Into::into),
        }
    };
    for (id, node) in nodes.iter().enumerate() {
        match node {
            Node::Object(properties) | Node::Array(_, properties) => {
                let object = target(&objects, id)?;
                if let Node::Array(length, _) = node {
                    object.set(js_string!("length"), *length, true, ctx)?;
                }
                for (key, slot) in properties {
                    let v = value(&objects, slot)?;
                    object.create_data_property_or_throw(key.clone(), v, ctx)?;
                }
            }
            Node::Map(entries) => {
                let map = JsMap::from_object(target(&objects, id)?)?;
                for (k, v) in entries {
                    map.set(value(&objects, k)?, value(&objects, v)?, ctx)?;
                }
            }
            Node::Set(values) => {
                let Ok(set) = JsSet::from_object(target(&objects, id)?) else {
                    continue;
                };
                for v in values {
                    set.add(value(&objects, v)?, ctx)?;
                }
            }
            _ => {}
        }
    }
    value(&objects, &root)
}
