//! The globals a Go program reads through `syscall/js`, installed on a fresh
//! boa `Context`, and the `go` object.
//!
//! What exists is what `wasm_exec.js` + `wasm_exec_node.js` give a program
//! and Go's standard library reads — `fs`, `process`, `path`, `crypto`,
//! `performance`, `console`, timers, `queueMicrotask` — plus the web globals
//! real loaders expect (see [`web`]). boa itself provides the language
//! builtins (`Date`, `Uint8Array`, `Promise`, `eval`, …).

pub(crate) mod console;
pub(crate) mod crypto;
pub(crate) mod fs;
pub(crate) mod go;
pub(crate) mod host_fs;
pub(crate) mod json;
pub(crate) mod path;
pub(crate) mod process;
pub(crate) mod stdin;
pub(crate) mod timers;
pub(crate) mod web;

use crate::{
    clock::{BoaClock, HostClock},
    event_loop::EventLoop,
    host::HostData,
    options::Options,
    world::BoaWorld,
};
use boa_engine::{
    Context, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction,
    object::{FunctionObjectBuilder, ObjectInitializer},
    property::Attribute,
};
use rand_chacha::ChaCha8Rng;
use rand_core::SeedableRng;
use std::{cell::RefCell, rc::Rc};

/// A native function pointer as a JS function value.
pub(crate) fn function(
    ctx: &mut Context,
    f: boa_engine::native_function::NativeFunctionPointer,
    name: &str,
    length: usize,
) -> JsValue {
    FunctionObjectBuilder::new(ctx.realm(), NativeFunction::from_fn_ptr(f))
        .name(JsString::from(name))
        .length(length)
        .build()
        .into()
}

/// `object[name]`, which must be a function: an intrinsic a native keeps
/// (looked up at world creation, before any script could replace it).
pub(crate) fn intrinsic(object: &JsObject, name: &str, ctx: &mut Context) -> JsResult<JsObject> {
    object
        .get(JsString::from(name), ctx)?
        .as_callable()
        .ok_or_else(|| {
            JsNativeError::typ()
                .with_message(format!("gojs: intrinsic {name} is not a function"))
                .into()
        })
}

/// Adds methods to an object being built.
pub(crate) fn methods(
    init: &mut ObjectInitializer<'_>,
    list: &[(
        &str,
        boa_engine::native_function::NativeFunctionPointer,
        usize,
    )],
) {
    for &(name, f, length) in list {
        init.function(NativeFunction::from_fn_ptr(f), JsString::from(name), length);
    }
}

/// Creates the world: a context with gojs's job executor and clock, its
/// `HostData` (which keeps `options`), the globals and the `go` object.
pub(crate) fn create_world(options: Options) -> JsResult<BoaWorld> {
    let clock = Rc::new(HostClock::new(options.clock));
    let event_loop = EventLoop::default();
    let mut ctx = Context::builder()
        .job_executor(event_loop.jobs.clone())
        .clock(Rc::new(BoaClock(clock.clone())))
        .host_hooks(Rc::new(crate::hooks::Hooks))
        .build()?;
    // Deep Go → JS → Go nesting is bounded by the engine's own limit
    // (`Limits::max_nesting`), so boa's must not trip first; but it must
    // stop JS re-entering the VM natively before the stack of this thread
    // runs out.
    let recursion =
        crate::stack::recursion_limit(crate::stack::remaining(), options.limits.max_nesting);
    ctx.runtime_limits_mut().set_recursion_limit(recursion);
    ctx.runtime_limits_mut().set_stack_size_limit(1 << 24);
    if let Some(iterations) = options.js_loop_iterations {
        ctx.runtime_limits_mut()
            .set_loop_iteration_limit(iterations);
    }

    let reflect = ctx.intrinsics().objects().reflect();
    let reflect_delete = reflect
        .get(JsString::from("deleteProperty"), &mut ctx)?
        .as_object()
        .expect("Reflect.deleteProperty is a builtin function");
    let function_to_string = ctx
        .intrinsics()
        .constructors()
        .function()
        .prototype()
        .get(JsString::from("toString"), &mut ctx)?
        .as_object()
        .expect("Function.prototype.toString is a builtin function");
    let go = JsObject::with_object_proto(ctx.intrinsics());
    let rng = match options.seed {
        Some(seed) => ChaCha8Rng::seed_from_u64(seed),
        None => ChaCha8Rng::from_os_rng(),
    };
    // No host cwd (it was deleted): none for the program either, never `/`.
    let cwd = options.cwd.clone().unwrap_or_else(|| {
        std::env::current_dir().map_or_else(|_| String::new(), |p| p.to_string_lossy().into_owned())
    });
    let interrupt = options.interrupt.clone().unwrap_or_default();
    let data = Rc::new(HostData {
        id: HostData::next_id(),
        link: Default::default(),
        aborting: RefCell::new(None),
        files: Default::default(),
        umask: std::cell::Cell::new(process::initial_umask(options.identity)),
        stdin: Default::default(),
        clock,
        rng: RefCell::new(rng),
        event_loop,
        go: go.clone(),
        cwd: RefCell::new(cwd),
        reflect_delete,
        function_to_string,
        host_fns: Default::default(),
        interrupt: interrupt.clone(),
        written: Default::default(),
        options,
    });
    ctx.insert_data(data.clone());

    go::install(&mut ctx, &go, &data.options.args, &data.options.env)?;
    type Create = fn(&mut Context) -> JsResult<JsValue>;
    let globals: [(&str, Create); 6] = [
        ("fs", fs::create),
        ("process", process::create),
        ("path", path::create),
        ("crypto", crypto::create),
        ("performance", crypto::create_performance),
        ("console", console::create),
    ];
    for (name, create) in globals {
        let value = create(&mut ctx)?;
        ctx.register_global_property(JsString::from(name), value, Attribute::all())?;
    }
    timers::install(&mut ctx)?;
    web::install(&mut ctx)?;
    json::install(&mut ctx)?;
    // Last: it wraps every built-in installed above.
    crate::guard::install(&mut ctx, &interrupt)?;
    Ok(BoaWorld::new(ctx))
}
