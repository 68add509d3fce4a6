//! The JIT backend: wasmtime with Cranelift (cargo feature `jit`).
//!
//! The glue is the same as on wasmi (the imports take `&mut dyn Host`);
//! what differs is how limits are enforced:
//!
//! - **fuel**: wasmtime's, set once to the budget (it cannot hand out
//!   slices that come back to the host); running out is the fuel limit;
//! - **interrupts and deadlines**: epoch interruption. One ticker thread
//!   per process advances the epoch of every metered engine every
//!   [`EPOCH_TICK`]; at each tick running wasm calls back into the store,
//!   which stops it if its [`Interrupt`](crate::Interrupt) was triggered;
//! - **the native stack**: compiled wasm runs on the thread's stack, bounded
//!   by [`MAX_WASM_STACK`] from the outermost entry. An outermost entry with
//!   less stack left runs on a fresh segment (`stacker::grow`), so wasmtime's
//!   bound always lies inside the real stack.
//!
//! Compiled code is cached on disk by wasmtime's own cache (keyed by the
//! module's bytes, the wasmtime version and the compiler settings; written
//! atomically, so concurrent runs are safe; an unreadable entry is compiled
//! afresh) under [`jit_cache_dir`](crate::jit_cache_dir).

use super::{Entry, ExternTy, FuncTy, GuestError, Host, Shape, ValTy, missing};
use crate::{
    GoAbi, GoModule, ModuleConfig, START_FUEL, WasmVal,
    error::{HostError, Limit, LoadError, TrapCode, Unwind, Unwinding},
    imports,
    state::{HostState, MAX_TABLE_ELEMENTS, before_instantiation},
    world::World,
};
use gojs_abi::names;
use std::{
    sync::{Mutex, OnceLock},
    time::Duration,
};
use wasmtime::{
    AsContext, AsContextMut, Caller, Config, Engine, ExternType, Func, Linker, Memory, Module,
    Store, Trap, TypedFunc, UpdateDeadline, Val, ValType,
};

/// Bytes of native stack compiled wasm and the host frames between nested
/// entries may use, from the outermost entry. The JS engine's frames between
/// nested callbacks are large, so this is what the CLI's thread has, not
/// V8's ~1 MB: deep nesting ends in the engine's `RangeError` at the same
/// depth on both backends. Address space only: an outermost entry on a
/// thread with less stack runs on a fresh segment, whose pages are touched
/// only as it is used.
pub(crate) const MAX_WASM_STACK: usize = 256 << 20;

/// How often the ticker advances the epoch: the longest a triggered
/// interrupt waits before running wasm sees it.
pub(crate) const EPOCH_TICK: Duration = Duration::from_millis(10);

/// A module compiled by wasmtime.
#[derive(Clone)]
pub(crate) struct Compiled {
    engine: Engine,
    module: Module,
}

/// The exports the glue calls (see the wasmi backend's).
#[derive(Clone)]
struct Exports {
    instance: wasmtime::Instance,
    memory: Memory,
    run: Option<TypedFunc<(i32, i32), ()>>,
    resume: Option<TypedFunc<(), ()>>,
    getsp: Option<TypedFunc<(), i32>>,
    start: Option<TypedFunc<(), ()>>,
    scheduler: Option<TypedFunc<(), ()>>,
    test_export0: Option<TypedFunc<(), ()>>,
    test_export: Option<TypedFunc<(i32, i64), i64>>,
}

/// What the wasmtime `Store` holds.
pub(crate) struct Data<W: World> {
    host: HostState<W>,
    exports: Option<Exports>,
    limiter: wasmtime::StoreLimits,
}

/// One program's wasmtime store.
pub(crate) type StoreOf<W> = Store<Data<W>>;

/// One engine per (metered, cached) setting, shared by every module: the
/// cache and the epoch ticker belong to an engine.
fn engine(config: ModuleConfig) -> Result<Engine, LoadError> {
    /// `(metering, cache)` → the engine with those settings.
    type Engines = Vec<((bool, bool), Engine)>;
    static ENGINES: OnceLock<Mutex<Engines>> = OnceLock::new();
    let key = (config.metering, config.cache);
    let engines = ENGINES.get_or_init(Default::default);
    let mut engines = engines.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, e)) = engines.iter().find(|(k, _)| *k == key) {
        return Ok(e.clone());
    }
    let mut c = Config::new();
    c.strategy(wasmtime::Strategy::Cranelift);
    // (wasmtime checks the async stack against it even without async.)
    c.async_stack_size(MAX_WASM_STACK);
    c.max_wasm_stack(MAX_WASM_STACK);
    c.consume_fuel(config.metering);
    c.epoch_interruption(config.metering);
    if config.cache
        && let Some(dir) = super::jit_cache_dir()
    {
        let mut cache = wasmtime::CacheConfig::new();
        cache.with_directory(dir);
        // A cache that cannot be set up (a read-only home) only costs speed.
        if let Ok(cache) = wasmtime::Cache::new(cache) {
            c.cache(Some(cache));
        }
    }
    let engine = Engine::new(&c).map_err(|e| LoadError::InvalidWasm(e.into()))?;
    if config.metering {
        start_ticker(engine.weak());
    }
    engines.push((key, engine.clone()));
    Ok(engine)
}

/// Advances `engine`'s epoch every [`EPOCH_TICK`] for as long as it lives.
fn start_ticker(engine: wasmtime::EngineWeak) {
    let spawned = std::thread::Builder::new()
        .name("gojs-jit-epoch".into())
        .spawn(move || {
            while let Some(engine) = engine.upgrade() {
                engine.increment_epoch();
                drop(engine);
                std::thread::sleep(EPOCH_TICK);
            }
        });
    // Without the thread an interrupt reaches wasm only at its next import
    // call: degraded, not broken.
    drop(spawned);
}

fn val_ty(t: &ValType) -> ValTy {
    match t {
        ValType::I32 => ValTy::I32,
        ValType::I64 => ValTy::I64,
        ValType::F32 => ValTy::F32,
        ValType::F64 => ValTy::F64,
        ValType::V128 => ValTy::Other("v128"),
        ValType::Ref(r) if r.heap_type().is_func() => ValTy::Other("funcref"),
        ValType::Ref(_) => ValTy::Other("externref"),
    }
}

fn func_ty(f: &wasmtime::FuncType) -> FuncTy {
    FuncTy {
        params: f.params().map(|t| val_ty(&t)).collect(),
        results: f.results().map(|t| val_ty(&t)).collect(),
    }
}

fn extern_ty(t: &ExternType) -> ExternTy {
    match t {
        ExternType::Func(f) => ExternTy::Func(func_ty(f)),
        ExternType::Memory(m) => ExternTy::Memory {
            min_pages: m.minimum(),
        },
        other => ExternTy::Other(format!("{other:?}")),
    }
}

fn wasmtime_ty(t: ValTy) -> ValType {
    match t {
        ValTy::I32 => ValType::I32,
        ValTy::I64 => ValType::I64,
        ValTy::F32 => ValType::F32,
        ValTy::F64 => ValType::F64,
        ValTy::Other(_) => ValType::I32,
    }
}

/// Compiles `wasm` with Cranelift (or loads it from the cache).
pub(crate) fn compile(wasm: &[u8], config: ModuleConfig) -> Result<(Compiled, Shape), LoadError> {
    let engine = engine(config)?;
    let module = Module::new(&engine, wasm).map_err(|e| LoadError::InvalidWasm(e.into()))?;
    let shape = Shape {
        imports: module
            .imports()
            .map(|i| (i.module().into(), i.name().into(), extern_ty(&i.ty())))
            .collect(),
        exports: module
            .exports()
            .map(|e| (e.name().into(), extern_ty(&e.ty())))
            .collect(),
    };
    Ok((Compiled { engine, module }, shape))
}

/// Instantiates a checked module with `host` as its state.
pub(crate) fn instantiate<W: World>(
    compiled: &Compiled,
    module: &GoModule,
    host: HostState<W>,
) -> Result<StoreOf<W>, LoadError> {
    let mut limiter = wasmtime::StoreLimitsBuilder::new().table_elements(MAX_TABLE_ELEMENTS);
    if let Some(max) = host.limits.max_memory {
        limiter = limiter.memory_size(usize::try_from(max).unwrap_or(usize::MAX));
    }
    let metered = host.fuel.metered;
    let budget = host.fuel.unspent;
    let mut store = Store::new(
        &compiled.engine,
        Data {
            host,
            exports: None,
            limiter: limiter.build(),
        },
    );
    store.limiter(|data| &mut data.limiter);
    let start_fuel = budget.map_or(START_FUEL, |b| b.min(START_FUEL));
    if metered {
        // The start function gets a bounded amount (as on wasmi); the
        // budget, or no bound, once it has run.
        let _ = store.set_fuel(if module.has_start() { start_fuel } else { 0 });
        store.set_epoch_deadline(1);
        store.epoch_deadline_callback(|mut ctx| {
            let state = &mut ctx.data_mut().host;
            match state.interrupt.error() {
                Some(e) => {
                    imports::start_unwinding(state, Unwind::Host(e));
                    Err(wasmtime::Error::new(Unwinding))
                }
                None => Ok(UpdateDeadline::Continue(1)),
            }
        });
    }
    let instantiate_error = |e: wasmtime::Error| LoadError::Instantiate(e.into());
    let mut linker = Linker::<Data<W>>::new(&compiled.engine);
    match module.abi() {
        GoAbi::TinyGo => define_tinygo(&mut linker, module).map_err(instantiate_error)?,
        abi => define_gojs(&mut linker, abi).map_err(instantiate_error)?,
    }
    let instance = match linker.instantiate(&mut store, &compiled.module) {
        Ok(instance) => instance,
        Err(e) if e.downcast_ref::<Trap>() == Some(&Trap::OutOfFuel) => {
            return Err(LoadError::Limit(HostError::limit(
                Limit::Fuel,
                format!(
                    "the module's start function ran out of fuel (it may run at most \
                     {START_FUEL} instructions)"
                ),
            )));
        }
        Err(e) if e.downcast_ref::<Unwinding>().is_some() => {
            return Err(
                match store.data_mut().host.classify(GuestError::Unwinding) {
                    Unwind::Host(h) => LoadError::Start(h),
                    _ => LoadError::Start(before_instantiation()),
                },
            );
        }
        Err(e) => return Err(instantiate_error(e)),
    };
    if metered {
        let used = if module.has_start() {
            start_fuel.saturating_sub(store.get_fuel().unwrap_or(0))
        } else {
            0
        };
        let left = budget.map_or(u64::MAX, |b| b.saturating_sub(used));
        let _ = store.set_fuel(left);
    }
    fn typed<D: 'static, P: wasmtime::WasmParams, R: wasmtime::WasmResults>(
        store: &mut Store<D>,
        instance: wasmtime::Instance,
        name: &str,
    ) -> Option<TypedFunc<P, R>> {
        instance.get_typed_func(store, name).ok()
    }
    let required = |name: &'static str| LoadError::MissingExport(name);
    let memory_name = match module.abi() {
        GoAbi::TinyGo => imports::tinygo::EXPORT_MEMORY,
        GoAbi::Gojs | GoAbi::Go => names::EXPORT_MEMORY,
    };
    let memory = instance
        .get_memory(&mut store, memory_name)
        .ok_or(LoadError::MissingExport(memory_name))?;
    let s = &mut store;
    let exports = match module.abi() {
        GoAbi::TinyGo => Exports {
            instance,
            memory,
            run: None,
            getsp: None,
            resume: typed(s, instance, names::EXPORT_RESUME),
            start: typed(s, instance, imports::tinygo::EXPORT_START)
                .or_else(|| typed(s, instance, imports::tinygo::EXPORT_INITIALIZE)),
            scheduler: typed(s, instance, imports::tinygo::EXPORT_SCHEDULER),
            test_export0: None,
            test_export: None,
        },
        GoAbi::Gojs | GoAbi::Go => Exports {
            instance,
            memory,
            run: Some(
                typed(s, instance, names::EXPORT_RUN).ok_or_else(|| required(names::EXPORT_RUN))?,
            ),
            resume: Some(
                typed(s, instance, names::EXPORT_RESUME)
                    .ok_or_else(|| required(names::EXPORT_RESUME))?,
            ),
            getsp: Some(
                typed(s, instance, names::EXPORT_GETSP)
                    .ok_or_else(|| required(names::EXPORT_GETSP))?,
            ),
            start: None,
            scheduler: None,
            test_export0: typed(s, instance, names::EXPORT_TEST0),
            test_export: typed(s, instance, names::EXPORT_TEST),
        },
    };
    store.data_mut().exports = Some(exports);
    Ok(store)
}

fn marker(_: Unwinding) -> wasmtime::Error {
    wasmtime::Error::new(Unwinding)
}

/// The `gojs` and `_gotest` imports (see the wasmi backend's).
fn define_gojs<W: World>(linker: &mut Linker<Data<W>>, abi: GoAbi) -> wasmtime::Result<()> {
    let module = abi.import_module();
    for (name, import) in imports::sp_imports::<W>(abi) {
        linker.func_wrap(
            module,
            name,
            move |mut caller: Caller<'_, Data<W>>, sp: i32| -> wasmtime::Result<()> {
                imports::run_import(&mut caller, sp as u32, import).map_err(marker)
            },
        )?;
    }
    linker.func_wrap(
        module,
        names::DEBUG,
        |mut caller: Caller<'_, Data<W>>, value: i32| -> wasmtime::Result<()> {
            imports::debug(&mut caller, value).map_err(marker)
        },
    )?;
    linker.func_wrap(
        gojs_abi::GOTEST_MODULE,
        names::GOTEST_ADD,
        |a: i32, b: i32| a.wrapping_add(b),
    )?;
    linker.func_wrap(
        gojs_abi::GOTEST_MODULE,
        names::GOTEST_CALL_EXPORT,
        |mut caller: Caller<'_, Data<W>>, a: i32, b: i64| -> wasmtime::Result<i64> {
            imports::gotest_call_export(&mut caller, a, b).map_err(marker)
        },
    )?;
    Ok(())
}

/// TinyGo's glue (see the wasmi backend's).
fn define_tinygo<W: World>(
    linker: &mut Linker<Data<W>>,
    module: &GoModule,
) -> wasmtime::Result<()> {
    macro_rules! import {
        ($module:expr, $name:literal, $f:path, ($($arg:ident: $ty:ty),*) -> $ret:ty) => {
            linker.func_wrap(
                $module,
                $name,
                |mut caller: Caller<'_, Data<W>> $(, $arg: $ty)*| -> wasmtime::Result<$ret> {
                    imports::run_import(&mut caller, 0, move |cx| $f(cx $(, $arg)*))
                        .map_err(marker)
                },
            )?;
        };
    }
    imports::tinygo::for_each_import!(import);
    for (name, ty, errno) in module.wasi_stubs() {
        let errno = *errno;
        let ty = wasmtime::FuncType::new(
            &compiled_engine(linker),
            ty.params.iter().copied().map(wasmtime_ty),
            ty.results.iter().copied().map(wasmtime_ty),
        );
        linker.func_new(
            imports::tinygo::WASI_MODULE,
            name,
            ty,
            move |_: Caller<'_, Data<W>>, _: &[Val], results: &mut [Val]| {
                if let Some(result) = results.first_mut() {
                    *result = Val::I32(errno);
                }
                Ok(())
            },
        )?;
    }
    Ok(())
}

fn compiled_engine<T>(linker: &Linker<T>) -> Engine {
    linker.engine().clone()
}

/// The error for a wasmtime error that unwound a guest call.
fn guest_error(error: wasmtime::Error) -> GuestError {
    if error.downcast_ref::<Unwinding>().is_some() {
        return GuestError::Unwinding;
    }
    match error.downcast_ref::<Trap>() {
        Some(Trap::OutOfFuel) => GuestError::Host(HostError::limit(
            Limit::Fuel,
            "the program used up its fuel (its instruction budget)",
        )),
        Some(trap) => GuestError::Host(HostError::trap(trap_code(*trap), trap.to_string())),
        None => GuestError::Host(HostError::trap(None, format!("{error:#}"))),
    }
}

fn trap_code(trap: Trap) -> Option<TrapCode> {
    Some(match trap {
        Trap::UnreachableCodeReached => TrapCode::Unreachable,
        Trap::MemoryOutOfBounds => TrapCode::MemoryOutOfBounds,
        Trap::TableOutOfBounds => TrapCode::TableOutOfBounds,
        Trap::IndirectCallToNull => TrapCode::IndirectCallToNull,
        Trap::IntegerDivisionByZero => TrapCode::IntegerDivisionByZero,
        Trap::IntegerOverflow => TrapCode::IntegerOverflow,
        Trap::BadConversionToInteger => TrapCode::BadConversionToInteger,
        Trap::StackOverflow => TrapCode::StackOverflow,
        Trap::BadSignature => TrapCode::BadSignature,
        Trap::OutOfFuel => TrapCode::OutOfFuel,
        Trap::HeapMisaligned => TrapCode::MemoryOutOfBounds,
        _ => return None,
    })
}

fn to_val(v: WasmVal) -> Val {
    match v {
        WasmVal::I32(v) => Val::I32(v),
        WasmVal::I64(v) => Val::I64(v),
        WasmVal::F32(v) => Val::F32(v.to_bits()),
        WasmVal::F64(v) => Val::F64(v.to_bits()),
    }
}

fn from_val(v: &Val) -> Option<WasmVal> {
    Some(match v {
        Val::I32(v) => WasmVal::I32(*v),
        Val::I64(v) => WasmVal::I64(*v),
        Val::F32(v) => WasmVal::F32(f32::from_bits(*v)),
        Val::F64(v) => WasmVal::F64(f64::from_bits(*v)),
        _ => return None,
    })
}

/// Runs `f` with at least [`MAX_WASM_STACK`] of native stack beyond the red
/// zone when it is the outermost entry, and records in the state where
/// wasmtime's bound lies (nested entries share it: wasmtime counts from the
/// outermost entry), so that a nested entry too close to it throws the
/// nesting `RangeError` instead of trapping.
fn with_wasm_stack<W: World, T>(
    ctx: &mut wasmtime::StoreContextMut<'_, Data<W>>,
    outermost: bool,
    f: impl FnOnce(&mut wasmtime::StoreContextMut<'_, Data<W>>) -> T,
) -> T {
    if !outermost {
        return f(ctx);
    }
    let needed = MAX_WASM_STACK + 2 * crate::STACK_RED_ZONE;
    // The guest gets the stack the thread has (as on wasmi, where wasm
    // frames are the thread's too), at most wasmtime's bound; the segment
    // only makes sure wasmtime's bound lies inside real stack.
    let budget = stacker::remaining_stack()
        .unwrap_or(MAX_WASM_STACK)
        .min(MAX_WASM_STACK);
    stacker::maybe_grow(needed, needed + crate::STACK_RED_ZONE, || {
        // wasmtime's entry is a few frames below this one: the floor is
        // kept a little above its real bound.
        let floor = crate::guest::stack_address().saturating_sub(budget) + (64 << 10);
        let previous = std::mem::replace(&mut ctx.data_mut().host.stack_floor, floor);
        let result = f(ctx);
        ctx.data_mut().host.stack_floor = previous;
        result
    })
}

/// A guest function to call, taken out of the exports.
enum Target {
    Unit0(TypedFunc<(), ()>),
    Run(TypedFunc<(i32, i32), ()>, i32, i32),
    Getsp(TypedFunc<(), i32>),
    Test(TypedFunc<(i32, i64), i64>, i32, i64),
    Named(Func),
}

/// [`Host::call`] for a store or a caller.
fn call<W: World, C: AsContextMut<Data = Data<W>>>(
    ctx: &mut C,
    entry: Entry<'_>,
) -> Result<Option<WasmVal>, GuestError> {
    let data = ctx.as_context().data();
    let Some(exports) = &data.exports else {
        return Err(before_instantiation().into());
    };
    // No entry of this store below on the stack: wasmtime sets its bound now.
    let outermost = data.host.stack_floor == 0;
    let unit = |f: &Option<TypedFunc<(), ()>>, what: &str| {
        f.clone().map(Target::Unit0).ok_or_else(|| missing(what))
    };
    let (target, named) = match entry {
        Entry::Run(argc, argv) => (
            exports
                .run
                .clone()
                .map(|f| Target::Run(f, argc, argv))
                .ok_or_else(|| missing("run"))?,
            None,
        ),
        Entry::Resume => (unit(&exports.resume, "resume")?, None),
        Entry::Getsp => (
            exports
                .getsp
                .clone()
                .map(Target::Getsp)
                .ok_or_else(|| missing("getsp"))?,
            None,
        ),
        Entry::Start => (unit(&exports.start, "_start or _initialize")?, None),
        Entry::Scheduler => (unit(&exports.scheduler, "go_scheduler")?, None),
        Entry::TestExport0 => (unit(&exports.test_export0, "testExport0")?, None),
        Entry::TestExport(a, b) => (
            exports
                .test_export
                .clone()
                .map(|f| Target::Test(f, a, b))
                .ok_or_else(|| missing("testExport"))?,
            None,
        ),
        Entry::Named {
            name,
            params,
            results,
        } => {
            let instance = exports.instance;
            let func = instance
                .get_func(ctx.as_context_mut(), name)
                .ok_or_else(|| missing(name))?;
            (Target::Named(func), Some((params, results)))
        }
    };
    let mut ctx = ctx.as_context_mut();
    with_wasm_stack(&mut ctx, outermost, move |ctx| match target {
        Target::Unit0(f) => f.call(&mut *ctx, ()).map(|()| None).map_err(guest_error),
        Target::Run(f, argc, argv) => f
            .call(&mut *ctx, (argc, argv))
            .map(|()| None)
            .map_err(guest_error),
        Target::Getsp(f) => f
            .call(&mut *ctx, ())
            .map(|sp| Some(WasmVal::I32(sp)))
            .map_err(guest_error),
        Target::Test(f, a, b) => f
            .call(&mut *ctx, (a, b))
            .map(|v| Some(WasmVal::I64(v)))
            .map_err(guest_error),
        Target::Named(func) => {
            let Some((params, results)) = named else {
                return Ok(None);
            };
            let ty = func.ty(&*ctx);
            let inputs: Vec<Val> = params.iter().copied().map(to_val).collect();
            let mut outputs: Vec<Val> = ty
                .results()
                .map(|t| Val::default_for_ty(&t).unwrap_or(Val::I32(0)))
                .collect();
            func.call(&mut *ctx, &inputs, &mut outputs)
                .map_err(guest_error)?;
            results.extend(outputs.iter().filter_map(from_val));
            Ok(None)
        }
    })
}

fn export_type<W: World>(ctx: &impl AsContext<Data = Data<W>>, name: &str) -> Option<FuncTy> {
    let exports = ctx.as_context().data().exports.as_ref()?;
    let module = exports.instance.module(ctx);
    match module.get_export(name)? {
        ExternType::Func(f) => Some(func_ty(&f)),
        _ => None,
    }
}

/// [`Host`] for the wasmtime store and for the caller of an import.
macro_rules! impl_host {
    ($($t:ty),*) => {$(
        impl<W: World> Host<W> for $t {
            fn state(&self) -> &HostState<W> {
                &self.data().host
            }

            fn state_mut(&mut self) -> &mut HostState<W> {
                &mut self.data_mut().host
            }

            fn memory_and_state(&mut self) -> Option<(&mut [u8], &mut HostState<W>)> {
                let memory = self.data().exports.as_ref()?.memory;
                let (bytes, data) = memory.data_and_store_mut(&mut *self);
                Some((bytes, &mut data.host))
            }

            fn memory(&self) -> Option<&[u8]> {
                let memory = self.data().exports.as_ref()?.memory;
                Some(memory.data(self))
            }

            fn call(&mut self, entry: Entry<'_>) -> Result<Option<WasmVal>, GuestError> {
                call(self, entry)
            }

            fn export_type(&self, name: &str) -> Option<FuncTy> {
                export_type(self, name)
            }
        }
    )*};
}

impl_host!(Store<Data<W>>, Caller<'_, Data<W>>);
