//! The wasmi backend: the interpreter, metered by fuel slices that come
//! back to the host (see [`metering`]).

mod metering;

use super::{Entry, ExternTy, FuncTy, GuestError, Host, Shape, ValTy, missing};
use crate::{
    Compilation, GoAbi, GoModule, ModuleConfig, START_FUEL, WasmVal,
    error::{HostError, Limit, LoadError, TrapCode, Unwind, Unwinding},
    imports,
    state::{HostState, MAX_TABLE_ELEMENTS, before_instantiation},
    world::World,
};
use gojs_abi::names;
use wasmi::{
    AsContext, AsContextMut, Caller, CompilationMode, Config, Engine, ExternType, Func, Linker,
    Memory, Module, Store, TypedFunc, Val, ValType,
};

/// A module compiled by wasmi.
#[derive(Clone)]
pub(crate) struct Compiled {
    engine: Engine,
    module: Module,
}

/// The exports the glue calls: Go's (`run`, `resume`, `getsp`, always
/// there), TinyGo's (`_start` or `_initialize`, `resume`, `go_scheduler`),
/// and those of Go test binaries.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Exports {
    /// For [`Entry::Named`].
    instance: wasmi::Instance,
    memory: Memory,
    run: Option<TypedFunc<(i32, i32), ()>>,
    resume: Option<TypedFunc<(), ()>>,
    getsp: Option<TypedFunc<(), i32>>,
    /// TinyGo's `_start`, or `_initialize`.
    start: Option<TypedFunc<(), ()>>,
    /// TinyGo's `go_scheduler`.
    scheduler: Option<TypedFunc<(), ()>>,
    test_export0: Option<TypedFunc<(), ()>>,
    test_export: Option<TypedFunc<(i32, i64), i64>>,
}

/// What the wasmi `Store` holds: the glue's state, the exports once
/// instantiated, and the limiter.
pub(crate) struct Data<W: World> {
    pub host: HostState<W>,
    /// `None` only between `Store` creation and the end of instantiation.
    exports: Option<Exports>,
    /// Linear memory within [`Limits::max_memory`](crate::Limits::max_memory),
    /// tables within V8's maximum (so node and gojs refuse the same table
    /// bombs).
    limiter: wasmi::StoreLimits,
}

impl<W: World> Data<W> {
    /// Makes `unwind` the reason the guest's stack unwinds, and returns the
    /// marker error to hand to wasmi.
    pub(crate) fn start_unwinding(&mut self, unwind: Unwind<W::Value>) -> wasmi::Error {
        imports::start_unwinding(&mut self.host, unwind);
        wasmi::Error::host(Unwinding)
    }
}

/// One program's wasmi store.
pub(crate) type StoreOf<W> = Store<Data<W>>;

/// The wasmi engine `config` makes.
pub(crate) fn engine_for(config_in: ModuleConfig) -> Engine {
    let compilation = config_in.compilation;
    let mut config = Config::default();
    config.consume_fuel(config_in.metering);
    // Translating and validating a function lazily costs no fuel: that is
    // host work bounded by the module's size, and wasmi cannot suspend a
    // call that runs out of fuel while compiling (it errors instead).
    // Copies (`memory.copy`/`fill`/`grow`) cost wasmi's default.
    config.fuel_cost(wasmi::CustomFuelCosts {
        bytes_copied_per_fuel: 64,
        fuel_per_bytes_translated: 0,
        fuel_per_bytes_validated: 0,
    });
    config.compilation_mode(match compilation {
        Compilation::Lazy => CompilationMode::Lazy,
        Compilation::ValidateFirst => CompilationMode::LazyTranslation,
        Compilation::Eager => CompilationMode::Eager,
    });
    // Go calls are wasm calls: deep Go recursion is deep wasm recursion. The
    // value stack is on the heap; these bounds only stop runaway guests.
    config.set_max_recursion_depth(1 << 20);
    config.set_max_stack_height(1 << 28);
    Engine::new(&config)
}

fn val_ty(t: &ValType) -> ValTy {
    match t {
        ValType::I32 => ValTy::I32,
        ValType::I64 => ValTy::I64,
        ValType::F32 => ValTy::F32,
        ValType::F64 => ValTy::F64,
        ValType::V128 => ValTy::Other("v128"),
        ValType::FuncRef => ValTy::Other("funcref"),
        ValType::ExternRef => ValTy::Other("externref"),
    }
}

fn func_ty(f: &wasmi::FuncType) -> FuncTy {
    FuncTy {
        params: f.params().iter().map(val_ty).collect(),
        results: f.results().iter().map(val_ty).collect(),
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

fn wasmi_ty(t: ValTy) -> ValType {
    match t {
        ValTy::I32 => ValType::I32,
        ValTy::I64 => ValType::I64,
        ValTy::F32 => ValType::F32,
        ValTy::F64 => ValType::F64,
        // Only Go's types reach here (WASI stubs of a checked module).
        ValTy::Other(_) => ValType::I32,
    }
}

/// Parses `wasm` (validating per [`Compilation`]).
pub(crate) fn compile(wasm: &[u8], config: ModuleConfig) -> Result<(Compiled, Shape), LoadError> {
    let engine = engine_for(config);
    let module = Module::new(&engine, wasm).map_err(|e| LoadError::InvalidWasm(e.into()))?;
    let shape = Shape {
        imports: module
            .imports()
            .map(|i| (i.module().into(), i.name().into(), extern_ty(i.ty())))
            .collect(),
        exports: module
            .exports()
            .map(|e| (e.name().into(), extern_ty(e.ty())))
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
    let limiter = {
        let mut b = wasmi::StoreLimitsBuilder::new().table_elements(MAX_TABLE_ELEMENTS);
        if let Some(max) = host.limits.max_memory {
            b = b.memory_size(usize::try_from(max).unwrap_or(usize::MAX));
        }
        b.build()
    };
    let metered = host.fuel.metered;
    let mut store = Store::new(
        &compiled.engine,
        Data {
            host,
            exports: None,
            limiter,
        },
    );
    store.limiter(|data| &mut data.limiter);
    if metered {
        // The start function (if any) cannot be suspended: it gets a
        // bounded amount, within the budget; `run` starts afresh.
        let has_start = module.has_start();
        let budget = store.data().host.fuel.unspent;
        let start = budget.map_or(START_FUEL, |b| b.min(START_FUEL));
        let _ = store.set_fuel(if has_start { start } else { 0 });
        if let Some(b) = &mut store.data_mut().host.fuel.unspent {
            *b -= start.min(*b) * u64::from(has_start);
        }
    }
    let instantiate_error = |e: wasmi::Error| LoadError::Instantiate(e.into());
    let mut linker = Linker::<Data<W>>::new(&compiled.engine);
    match module.abi() {
        GoAbi::TinyGo => define_tinygo(&mut linker, module).map_err(instantiate_error)?,
        abi => define_gojs(&mut linker, abi).map_err(instantiate_error)?,
    }
    let instance = match linker.instantiate_and_start(&mut store, &compiled.module) {
        Ok(instance) => instance,
        Err(e) if e.as_trap_code() == Some(wasmi::TrapCode::OutOfFuel) => {
            return Err(LoadError::Limit(HostError::limit(
                Limit::Fuel,
                format!(
                    "the module's start function ran out of fuel (it may run at most \
                     {START_FUEL} instructions)"
                ),
            )));
        }
        // An import refused the start function: the reason it gave,
        // not wasmi's wrapper of the unwinding marker.
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
    // What the start function left goes back to the budget.
    if metered {
        let left = store.get_fuel().unwrap_or(0);
        let _ = store.set_fuel(0);
        if let Some(b) = &mut store.data_mut().host.fuel.unspent {
            *b = b.saturating_add(left);
        }
    }
    // Types were checked when the module was: a mismatch here is a bug.
    fn typed<D, P: wasmi::WasmParams, R: wasmi::WasmResults>(
        store: &Store<D>,
        instance: wasmi::Instance,
        name: &str,
    ) -> Option<TypedFunc<P, R>> {
        instance
            .get_func(store, name)
            .and_then(|f| f.typed(store).ok())
    }
    let required = |name: &'static str| LoadError::MissingExport(name);
    let memory = |name: &'static str| {
        instance
            .get_memory(&store, name)
            .ok_or(LoadError::MissingExport(name))
    };
    let exports = match module.abi() {
        GoAbi::TinyGo => Exports {
            instance,
            memory: memory(imports::tinygo::EXPORT_MEMORY)?,
            run: None,
            getsp: None,
            resume: typed(&store, instance, names::EXPORT_RESUME),
            start: typed(&store, instance, imports::tinygo::EXPORT_START)
                .or_else(|| typed(&store, instance, imports::tinygo::EXPORT_INITIALIZE)),
            scheduler: typed(&store, instance, imports::tinygo::EXPORT_SCHEDULER),
            test_export0: None,
            test_export: None,
        },
        GoAbi::Gojs | GoAbi::Go => Exports {
            instance,
            memory: memory(names::EXPORT_MEMORY)?,
            run: Some(
                typed(&store, instance, names::EXPORT_RUN)
                    .ok_or_else(|| required(names::EXPORT_RUN))?,
            ),
            resume: Some(
                typed(&store, instance, names::EXPORT_RESUME)
                    .ok_or_else(|| required(names::EXPORT_RESUME))?,
            ),
            getsp: Some(
                typed(&store, instance, names::EXPORT_GETSP)
                    .ok_or_else(|| required(names::EXPORT_GETSP))?,
            ),
            start: None,
            scheduler: None,
            test_export0: typed(&store, instance, names::EXPORT_TEST0),
            test_export: typed(&store, instance, names::EXPORT_TEST),
        },
    };
    store.data_mut().exports = Some(exports);
    Ok(store)
}

/// Defines every `gojs` import on `linker`, under the import module the
/// program uses (`gojs`, or Go ≤ 1.20's `go` with its older aliases), and
/// the `_gotest` imports of `syscall/js` test binaries.
fn define_gojs<W: World>(linker: &mut Linker<Data<W>>, abi: GoAbi) -> Result<(), wasmi::Error> {
    let module = abi.import_module();
    for (name, import) in imports::sp_imports::<W>(abi) {
        linker.func_wrap(
            module,
            name,
            move |mut caller: Caller<'_, Data<W>>, sp: i32| -> Result<(), wasmi::Error> {
                imports::run_import(&mut caller, sp as u32, import).map_err(wasmi::Error::host)
            },
        )?;
    }
    linker.func_wrap(
        module,
        names::DEBUG,
        |mut caller: Caller<'_, Data<W>>, value: i32| -> Result<(), wasmi::Error> {
            imports::debug(&mut caller, value).map_err(wasmi::Error::host)
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
        |mut caller: Caller<'_, Data<W>>, a: i32, b: i64| -> Result<i64, wasmi::Error> {
            imports::gotest_call_export(&mut caller, a, b).map_err(wasmi::Error::host)
        },
    )?;
    Ok(())
}

/// Defines TinyGo's glue on `linker` (the WASI stubs with the types the
/// module declares them with).
fn define_tinygo<W: World>(
    linker: &mut Linker<Data<W>>,
    module: &GoModule,
) -> Result<(), wasmi::Error> {
    macro_rules! import {
        ($module:expr, $name:literal, $f:path, ($($arg:ident: $ty:ty),*) -> $ret:ty) => {
            linker.func_wrap(
                $module,
                $name,
                |mut caller: Caller<'_, Data<W>> $(, $arg: $ty)*| -> Result<$ret, wasmi::Error> {
                    imports::run_import(&mut caller, 0, move |cx| $f(cx $(, $arg)*))
                        .map_err(wasmi::Error::host)
                },
            )?;
        };
    }
    imports::tinygo::for_each_import!(import);
    for (name, ty, errno) in module.wasi_stubs() {
        let errno = *errno;
        let ty = wasmi::FuncType::new(
            ty.params.iter().copied().map(wasmi_ty),
            ty.results.iter().copied().map(wasmi_ty),
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

/// The error for a wasmi error that unwound a guest call.
fn guest_error(error: wasmi::Error) -> GuestError {
    if error.downcast_ref::<Unwinding>().is_some() {
        return GuestError::Unwinding;
    }
    GuestError::Host(HostError::trap(
        error.as_trap_code().map(TrapCode::from),
        error.to_string(),
    ))
}

fn to_val(v: WasmVal) -> Val {
    match v {
        WasmVal::I32(v) => Val::I32(v),
        WasmVal::I64(v) => Val::I64(v),
        WasmVal::F32(v) => Val::F32(v.into()),
        WasmVal::F64(v) => Val::F64(v.into()),
    }
}

/// The value, if it is a number (reference results are dropped).
fn from_val(v: &Val) -> Option<WasmVal> {
    Some(match v {
        Val::I32(v) => WasmVal::I32(*v),
        Val::I64(v) => WasmVal::I64(*v),
        Val::F32(v) => WasmVal::F32(f32::from(*v)),
        Val::F64(v) => WasmVal::F64(f64::from(*v)),
        _ => return None,
    })
}

/// [`Host::call`] for a store or a caller.
fn call<W: World, C: AsContextMut<Data = Data<W>>>(
    ctx: &mut C,
    entry: Entry<'_>,
) -> Result<Option<WasmVal>, GuestError> {
    let Some(exports) = ctx.as_context().data().exports else {
        return Err(before_instantiation().into());
    };
    let unit = |r: Result<(), wasmi::Error>| r.map(|()| None).map_err(guest_error);
    match entry {
        Entry::Resume => {
            let resume = exports.resume.ok_or_else(|| missing("resume"))?;
            unit(metering::call(ctx, &resume, ()))
        }
        Entry::Getsp => {
            let getsp = exports.getsp.ok_or_else(|| missing("getsp"))?;
            metering::call(ctx, &getsp, ())
                .map(|sp| Some(WasmVal::I32(sp)))
                .map_err(guest_error)
        }
        Entry::Run(argc, argv) => {
            let run = exports.run.ok_or_else(|| missing("run"))?;
            unit(metering::call(ctx, &run, (argc, argv)))
        }
        Entry::Start => {
            let start = exports
                .start
                .ok_or_else(|| missing("_start or _initialize"))?;
            unit(metering::call(ctx, &start, ()))
        }
        Entry::Scheduler => {
            let scheduler = exports.scheduler.ok_or_else(|| missing("go_scheduler"))?;
            unit(metering::call(ctx, &scheduler, ()))
        }
        Entry::TestExport0 => {
            let f = exports.test_export0.ok_or_else(|| missing("testExport0"))?;
            unit(metering::call(ctx, &f, ()))
        }
        Entry::TestExport(a, b) => {
            let f = exports.test_export.ok_or_else(|| missing("testExport"))?;
            metering::call(ctx, &f, (a, b))
                .map(|v| Some(WasmVal::I64(v)))
                .map_err(guest_error)
        }
        Entry::Named {
            name,
            params,
            results,
        } => {
            let instance = exports.instance;
            let func: Func = instance
                .get_func(&*ctx, name)
                .ok_or_else(|| missing(name))?;
            let ty = func.ty(&*ctx);
            let inputs: Vec<Val> = params.iter().copied().map(to_val).collect();
            let mut outputs: Vec<Val> = ty
                .results()
                .iter()
                .map(|t| Val::default_for_ty(*t))
                .collect();
            metering::call_func(ctx, &func, &inputs, &mut outputs).map_err(guest_error)?;
            results.extend(outputs.iter().filter_map(from_val));
            Ok(None)
        }
    }
}

fn export_type<W: World>(ctx: &impl AsContext<Data = Data<W>>, name: &str) -> Option<FuncTy> {
    let exports = ctx.as_context().data().exports?;
    let func = exports.instance.get_func(ctx, name)?;
    Some(func_ty(&func.ty(ctx)))
}

/// [`Host`] for the wasmi store (`$t`) and for the caller of an import.
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
