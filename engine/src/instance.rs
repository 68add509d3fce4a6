//! Loading a Go `js/wasm` module and driving one instance of it.

use crate::{
    error::{HostError, Limit, LoadError, Unwind, Unwinding},
    guest::{GuestHandle, call_into},
    imports,
    limits::{Interrupt, Limits},
    metering::{self, Fuel},
    state::{Exports, HostState, before_instantiation},
    table::{RefTable, TableStats},
    world::{Guest, JsResult, World},
};
use gojs_abi::{ARGV_OFFSET, WASM_MIN_DATA_ADDR, names};
use wasmi::{CompilationMode, Config, Engine, ExternType, Linker, Module, Store, ValType};

/// How the interpreter compiles a module.
///
/// Every mode validates a function before it runs; they differ in when.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Compilation {
    /// Validate and translate each function on its first call: the fastest
    /// start (a Go program calls a fraction of its functions; validating the
    /// rest is ~20% of a hello world's start-up). A function with an invalid
    /// body is refused when first called — the run ends with a trap-like host
    /// error — rather than at load as under node.
    #[default]
    Lazy,
    /// Validate the whole module up front, translate each function on first
    /// call: any invalid module is a [`LoadError`], as node's
    /// `WebAssembly.compile` rejects it.
    ValidateFirst,
    /// Validate and translate everything up front: slowest start, steadier
    /// long runs.
    Eager,
}

/// How a module is compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModuleConfig {
    /// When functions are validated and translated.
    pub compilation: Compilation,
    /// Count fuel as wasm runs (wasmi fuel metering, a few percent slower):
    /// needed for [`Limits::fuel`], and for an [`Interrupt`] or a deadline
    /// to stop wasm that makes no import calls (a `loop br 0`). On by
    /// default; the `gojs` CLI turns it on only for the flags that need it.
    pub metering: bool,
}

impl Default for ModuleConfig {
    fn default() -> Self {
        Self {
            compilation: Compilation::default(),
            metering: true,
        }
    }
}

/// Which `wasm_exec.js` a Go program was built against, as its import
/// module tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum GoAbi {
    /// Go 1.21 and later: imports from `gojs`.
    #[default]
    Gojs,
    /// Go 1.20 and earlier: imports from `go`. The same imports and frames
    /// (older releases named two differently: `runtime.walltime1` in Go
    /// 1.14–1.16, `runtime.nanotime` in 1.13, accepted as aliases), and
    /// that glue adds 1 ms to every timeout Go schedules.
    Go,
    /// TinyGo's `wasm_exec.js`: `gojs` (or, before TinyGo 0.29, `env`)
    /// imports that take their arguments directly (refs as `i64`, strings
    /// as pointer and length) and return their results, output through a
    /// few `wasi_snapshot_preview1` functions, `_start` (or `_initialize`)
    /// instead of `run`, and the `go_scheduler` export for timers. See
    /// `imports/tinygo.rs`.
    TinyGo,
}

impl GoAbi {
    /// The import module: `gojs` or `go`.
    pub fn import_module(self) -> &'static str {
        match self {
            GoAbi::Gojs | GoAbi::TinyGo => gojs_abi::IMPORT_MODULE,
            GoAbi::Go => gojs_abi::LEGACY_IMPORT_MODULE,
        }
    }

    /// Milliseconds this ABI's `wasm_exec.js` adds to a timeout.
    fn timeout_slack_ms(self) -> i64 {
        match self {
            GoAbi::Gojs | GoAbi::TinyGo => 0,
            GoAbi::Go => 1,
        }
    }

    /// Whether `name` is an import of this ABI's module taking `sp`.
    fn is_sp_import(self, name: &str) -> bool {
        imports::is_sp_import(name)
            || (self == GoAbi::Go
                && names::LEGACY_ALIASES
                    .iter()
                    .any(|&(alias, _)| alias == name))
    }
}

/// A parsed and checked Go `js/wasm` module, ready to instantiate any number of times.
///
/// Compiling costs tens of milliseconds for a typical 2–3 MB Go binary;
/// instantiate as often as needed from one `GoModule`, on any thread (it is
/// `Send + Sync`; cloning is cheap).
#[derive(Clone, Debug)]
pub struct GoModule {
    engine: Engine,
    module: Module,
    abi: GoAbi,
    metered: bool,
    /// Whether the module has a start function (Go never emits one).
    has_start: bool,
    /// The initial size of its linear memory, in bytes.
    initial_memory: u64,
}

/// Fuel a start function may use when the module is metered: it runs inside
/// wasmi's instantiation, which cannot be suspended to check an interrupt,
/// so it gets a bound instead: about 0.3 s of interpretation. Go, TinyGo
/// and Rust guests have no start section (Go's runtime starts in `run`);
/// one that spins is hostile.
pub const START_FUEL: u64 = 1 << 28;

/// Whether `wasm` has a start section (section id 8). `wasm` is already
/// known to be a valid module; a truncated section list just ends the scan.
fn has_start_section(wasm: &[u8]) -> bool {
    let mut at = 8; // magic + version
    let uleb = |at: &mut usize| -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *wasm.get(*at)?;
            *at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    };
    while let Some(&id) = wasm.get(at) {
        at += 1;
        let Some(size) = uleb(&mut at) else {
            return false;
        };
        if id == 8 {
            return true;
        }
        let Some(next) = usize::try_from(size).ok().and_then(|s| at.checked_add(s)) else {
            return false;
        };
        at = next;
    }
    false
}

impl ModuleConfig {
    /// The wasmi engine these options make: what every guest ABI of gojs
    /// (`js/wasm` here, WASI preview 1 in `gojs-wasip1`) compiles with.
    pub fn engine(self) -> Engine {
        engine_for(self)
    }
}

fn engine_for(config_in: ModuleConfig) -> Engine {
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

fn signature(params: &[ValType], results: &[ValType]) -> String {
    let list = |tys: &[ValType]| {
        tys.iter()
            .map(|t| format!("{t:?}").to_lowercase())
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!("({}) -> ({})", list(params), list(results))
}

pub(crate) fn check_func(
    name: String,
    ty: &ExternType,
    params: &[ValType],
    results: &[ValType],
) -> Result<(), LoadError> {
    let expected = signature(params, results);
    match ty {
        ExternType::Func(f) if f.params() == params && f.results() == results => Ok(()),
        ExternType::Func(f) => Err(LoadError::Signature {
            name,
            expected,
            found: signature(f.params(), f.results()),
        }),
        other => Err(LoadError::Signature {
            name,
            expected,
            found: format!("{other:?}"),
        }),
    }
}

impl GoModule {
    /// Which `wasm_exec.js` the program was built against.
    pub fn abi(&self) -> GoAbi {
        self.abi
    }

    /// Parses `wasm` (validating every function body now, or on its first
    /// call with [`Compilation::Lazy`]) and checks that it is a Go
    /// `js/wasm` program ([`GoAbi`]: `gojs` imports, Go ≤ 1.20's `go`, or
    /// TinyGo's): every import is one that `wasm_exec.js` provides, with its
    /// signature, and the exports it calls exist (Go's `run`, `resume`,
    /// `getsp` and `mem`; TinyGo's `memory` and `_start` or `_initialize`).
    ///
    /// # Errors
    ///
    /// [`LoadError`] saying what is wrong with the bytes.
    pub fn new(wasm: &[u8], compilation: Compilation) -> Result<Self, LoadError> {
        Self::with_config(
            wasm,
            ModuleConfig {
                compilation,
                ..ModuleConfig::default()
            },
        )
    }

    /// [`new`](Self::new) with every compile option.
    ///
    /// # Errors
    ///
    /// [`LoadError`] saying what is wrong with the bytes.
    pub fn with_config(wasm: &[u8], config: ModuleConfig) -> Result<Self, LoadError> {
        let engine = engine_for(config);
        let module = Module::new(&engine, wasm).map_err(LoadError::InvalidWasm)?;
        // The import module decides the ABI (TinyGo's glue adds WASI and a
        // scheduler export); every import must then be that glue's.
        let imports_from = |m: &str| module.imports().any(|i| i.module() == m);
        let abi = if imports_from(gojs_abi::LEGACY_IMPORT_MODULE) {
            GoAbi::Go
        } else if imports_from(imports::tinygo::OLD_MODULE)
            || (imports_from(imports::tinygo::WASI_MODULE) && imports_from(gojs_abi::IMPORT_MODULE))
            || module
                .get_export(imports::tinygo::EXPORT_SCHEDULER)
                .is_some()
        {
            // (A WASI module alone is a wasip1 program: `gojs-wasip1`.)
            GoAbi::TinyGo
        } else {
            GoAbi::Gojs
        };
        let initial_memory = match abi {
            GoAbi::TinyGo => imports::tinygo::check_module(&module)?,
            GoAbi::Gojs | GoAbi::Go => check_go_module(&module, abi)?,
        };
        Ok(Self {
            engine,
            module,
            abi,
            metered: config.metering,
            has_start: has_start_section(wasm),
            initial_memory,
        })
    }

    /// Whether the module counts fuel ([`ModuleConfig::metering`]).
    pub fn metered(&self) -> bool {
        self.metered
    }
}

/// Checks a Go module's imports and exports against `wasm_exec.js` (see
/// [`GoModule::new`]) and returns its initial memory in bytes.
fn check_go_module(module: &Module, abi: GoAbi) -> Result<u64, LoadError> {
    use ValType::{I32, I64};
    for import in module.imports() {
        let full = format!("{}.{}", import.module(), import.name());
        match (import.module(), import.name()) {
            (m, name)
                if m == abi.import_module() && (abi.is_sp_import(name) || name == names::DEBUG) =>
            {
                check_func(full, import.ty(), &[I32], &[])?
            }
            (gojs_abi::GOTEST_MODULE, names::GOTEST_ADD) => {
                check_func(full, import.ty(), &[I32, I32], &[I32])?
            }
            (gojs_abi::GOTEST_MODULE, names::GOTEST_CALL_EXPORT) => {
                check_func(full, import.ty(), &[I32, I64], &[I64])?
            }
            (module, name) => {
                return Err(LoadError::UnknownImport {
                    module: module.into(),
                    name: name.into(),
                });
            }
        }
    }
    let export = |name: &'static str| {
        module
            .get_export(name)
            .ok_or(LoadError::MissingExport(name))
    };
    check_func(
        names::EXPORT_RUN.into(),
        &export(names::EXPORT_RUN)?,
        &[I32, I32],
        &[],
    )?;
    check_func(
        names::EXPORT_RESUME.into(),
        &export(names::EXPORT_RESUME)?,
        &[],
        &[],
    )?;
    check_func(
        names::EXPORT_GETSP.into(),
        &export(names::EXPORT_GETSP)?,
        &[],
        &[I32],
    )?;
    let ExternType::Memory(memory) = export(names::EXPORT_MEMORY)? else {
        return Err(LoadError::MissingExport(names::EXPORT_MEMORY));
    };
    let initial_memory = memory.minimum().saturating_mul(1 << 16);
    if let Some(ty) = module.get_export(names::EXPORT_TEST) {
        check_func(names::EXPORT_TEST.into(), &ty, &[I32, I64], &[I64])?;
    }
    if let Some(ty) = module.get_export(names::EXPORT_TEST0) {
        check_func(names::EXPORT_TEST0.into(), &ty, &[], &[])?;
    }
    Ok(initial_memory)
}

/// TinyGo's glue catches the `wasmExit` that `proc_exit` throws where it
/// entered the guest (`run`, `_resume`, the scheduler's timer): the exit
/// ends that entry normally.
fn exited_is_done<V>(unwind: Unwind<V>) -> JsResult<(), V> {
    match unwind {
        Unwind::Exit => Ok(()),
        other => Err(other),
    }
}

/// A wasm value passed to or returned by [`GoInstance::call_export`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WasmVal {
    /// An `i32`.
    I32(i32),
    /// An `i64`.
    I64(i64),
    /// An `f32`.
    F32(f32),
    /// An `f64`.
    F64(f64),
}

impl WasmVal {
    fn ty(&self) -> ValType {
        match self {
            WasmVal::I32(_) => ValType::I32,
            WasmVal::I64(_) => ValType::I64,
            WasmVal::F32(_) => ValType::F32,
            WasmVal::F64(_) => ValType::F64,
        }
    }

    fn to_wasmi(self) -> wasmi::Val {
        match self {
            WasmVal::I32(v) => wasmi::Val::I32(v),
            WasmVal::I64(v) => wasmi::Val::I64(v),
            WasmVal::F32(v) => wasmi::Val::F32(v.into()),
            WasmVal::F64(v) => wasmi::Val::F64(v.into()),
        }
    }

    /// The value, if it is a number (reference results are dropped).
    fn from_wasmi(v: &wasmi::Val) -> Option<Self> {
        Some(match v {
            wasmi::Val::I32(v) => WasmVal::I32(*v),
            wasmi::Val::I64(v) => WasmVal::I64(*v),
            wasmi::Val::F32(v) => WasmVal::F32(f32::from(*v)),
            wasmi::Val::F64(v) => WasmVal::F64(f64::from(*v)),
            _ => return None,
        })
    }
}

/// One running Go program: its linear memory, reference table and timers.
///
/// The JS world is not owned: every call that can run guest code takes
/// `&mut W` and lends it to the imports for the duration of the call, and
/// every piece of JS work started here ([`enter`](Self::enter)) runs with
/// the program lent to the world's natives, through the world's [`Link`](crate::Link).
pub struct GoInstance<W: World> {
    store: Store<HostState<W>>,
}

impl<W: World> core::fmt::Debug for GoInstance<W> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let state = self.store.data();
        f.debug_struct("GoInstance")
            .field("exit_code", &state.exit_code)
            .field("table", &state.table.stats())
            .finish_non_exhaustive()
    }
}

impl<W: World> GoInstance<W> {
    /// Instantiates `module` within `limits`, stoppable through
    /// `interrupt`; `world` supplies the predefined values (`globalThis`, the
    /// `go` object, …) of the reference table and the
    /// [`Link`](crate::Link) its natives reach the program through.
    ///
    /// # Errors
    ///
    /// [`LoadError::Instantiate`] if wasmi cannot instantiate the module;
    /// [`LoadError::Limit`] if it cannot within the limits (more initial
    /// memory than allowed, a fuel budget on an unmetered module, a start
    /// function that runs out of fuel).
    pub fn new(
        module: &GoModule,
        world: &mut W,
        limits: Limits,
        interrupt: Interrupt,
    ) -> Result<Self, LoadError> {
        if let Some(max) = limits.max_memory
            && module.initial_memory > max
        {
            return Err(LoadError::Limit(HostError::limit(
                Limit::Memory,
                format!(
                    "the module declares {} bytes of linear memory; the limit is {max}",
                    module.initial_memory
                ),
            )));
        }
        if limits.fuel.is_some() && !module.metered {
            return Err(LoadError::Limit(HostError::limit(
                Limit::Fuel,
                "a fuel budget needs a metered module (ModuleConfig::metering)",
            )));
        }
        let [nan, zero, null, t, f, global, go] = world.predefined();
        // Go's glue finds the predefined values by identity (`this._ids`
        // starts with them); TinyGo's starts empty, so `globalThis` met as
        // a value gets a fresh id there.
        let interned = module.abi != GoAbi::TinyGo;
        let table = RefTable::new([
            (nan, false),
            (zero, interned),
            (null, interned),
            (t, interned),
            (f, interned),
            (global, interned),
            (go, interned),
        ]);
        let fuel = Fuel {
            metered: module.metered,
            unspent: limits.fuel,
        };
        let mut state = HostState::new(world.link(), table, limits, fuel, interrupt);
        state.timeout_slack_ms = module.abi.timeout_slack_ms();
        state.abi = module.abi;
        let mut store = Store::new(&module.engine, state);
        store.limiter(|state| &mut state.limiter);
        if module.metered {
            // The start function (if any) cannot be suspended: it gets a
            // bounded amount, within the budget; `run` starts afresh.
            let budget = store.data().fuel.unspent;
            let start = budget.map_or(START_FUEL, |b| b.min(START_FUEL));
            let _ = store.set_fuel(if module.has_start { start } else { 0 });
            if let Some(b) = &mut store.data_mut().fuel.unspent {
                *b -= start.min(*b) * u64::from(module.has_start);
            }
        }
        let mut linker = Linker::<HostState<W>>::new(&module.engine);
        match module.abi {
            GoAbi::TinyGo => imports::tinygo::define(&mut linker, &module.module)
                .map_err(LoadError::Instantiate)?,
            abi => {
                imports::define_gojs(&mut linker, abi).map_err(LoadError::Instantiate)?;
                imports::define_gotest(&mut linker).map_err(LoadError::Instantiate)?;
            }
        }
        let instance = match linker.instantiate_and_start(&mut store, &module.module) {
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
                return Err(match store.data_mut().classify(e) {
                    Unwind::Host(h) => LoadError::Start(h),
                    _ => LoadError::Start(before_instantiation()),
                });
            }
            Err(e) => return Err(LoadError::Instantiate(e)),
        };
        // What the start function left goes back to the budget.
        if module.metered {
            let left = store.get_fuel().unwrap_or(0);
            let _ = store.set_fuel(0);
            if let Some(b) = &mut store.data_mut().fuel.unspent {
                *b = b.saturating_add(left);
            }
        }
        let func = |name| instance.get_func(&store, name);
        let typed = |name: &'static str| -> Result<wasmi::Func, LoadError> {
            func(name).ok_or(LoadError::MissingExport(name))
        };
        // Types were checked when the module was: a mismatch here is a bug.
        let optional = |name: &str| {
            instance
                .get_func(&store, name)
                .and_then(|f| f.typed(&store).ok())
        };
        let exports = match module.abi {
            GoAbi::TinyGo => Exports {
                instance,
                memory: instance
                    .get_memory(&store, imports::tinygo::EXPORT_MEMORY)
                    .ok_or(LoadError::MissingExport(imports::tinygo::EXPORT_MEMORY))?,
                run: None,
                getsp: None,
                resume: optional(names::EXPORT_RESUME),
                start: optional(imports::tinygo::EXPORT_START)
                    .or_else(|| optional(imports::tinygo::EXPORT_INITIALIZE)),
                scheduler: optional(imports::tinygo::EXPORT_SCHEDULER),
                test_export0: None,
                test_export: None,
            },
            GoAbi::Gojs | GoAbi::Go => Exports {
                instance,
                memory: instance
                    .get_memory(&store, names::EXPORT_MEMORY)
                    .ok_or(LoadError::MissingExport(names::EXPORT_MEMORY))?,
                run: Some(
                    typed(names::EXPORT_RUN)?
                        .typed(&store)
                        .map_err(LoadError::Instantiate)?,
                ),
                resume: Some(
                    typed(names::EXPORT_RESUME)?
                        .typed(&store)
                        .map_err(LoadError::Instantiate)?,
                ),
                getsp: Some(
                    typed(names::EXPORT_GETSP)?
                        .typed(&store)
                        .map_err(LoadError::Instantiate)?,
                ),
                start: None,
                scheduler: None,
                test_export0: optional(names::EXPORT_TEST0),
                test_export: func(names::EXPORT_TEST).and_then(|f| f.typed(&store).ok()),
            },
        };
        store.data_mut().exports = Some(exports);
        Ok(Self { store })
    }

    /// `go.run(instance)`: writes `args` and `env` at 4096 as `wasm_exec.js`
    /// does (env sorted by key) and calls the `run` export, which returns
    /// when `main` returns, the program exits, or every goroutine is asleep
    /// waiting for an event.
    ///
    /// # Errors
    ///
    /// [`Unwind::Exit`] when the program exited during `run` (the usual
    /// way for `main` to end); the other variants for abrupt ends.
    pub fn run(
        &mut self,
        world: &mut W,
        args: &[String],
        env: &[(String, String)],
    ) -> JsResult<(), W::Value> {
        if self.store.data().abi == GoAbi::TinyGo {
            // TinyGo's `go.run`: `_start()` (or `_initialize()` in a
            // reactor), catching the `wasmExit` that `proc_exit` throws.
            // Its glue passes no arguments or environment.
            return call_into(&mut self.store, world, |store, exports| {
                match &exports.start {
                    Some(start) => metering::call(store, start, ()),
                    None => Err(wasmi::Error::new(
                        "the module exports neither _start nor _initialize",
                    )),
                }
            })
            .or_else(exited_is_done);
        }
        let (argc, argv) = match self.write_args(args, env) {
            Ok(p) => p,
            // `run` throws this Error before starting the program.
            Err(e) => {
                let error = world.error(crate::ErrorKind::Plain, &e.to_string());
                return Err(Unwind::Throw(error));
            }
        };
        call_into(&mut self.store, world, |store, exports| {
            match &exports.run {
                Some(run) => metering::call(store, run, (argc, argv)),
                None => Err(wasmi::Error::new("the module does not export run")),
            }
        })
    }

    /// Calls the export `name` with `params`, as JS calls
    /// `instance.exports[name](…params)`: what a package's own JS does with
    /// a TinyGo module's `//export` functions (e.g. sh-syntax's `process`),
    /// or with any export of a gojs guest. The world is lent to the imports
    /// the call makes, as for [`run`](Self::run).
    ///
    /// # Errors
    ///
    /// A thrown `TypeError` if there is no such function export or the
    /// parameters do not match its type (as node's call of an export with
    /// the wrong arguments would fail); otherwise how the guest unwound.
    /// Unlike [`resume`](Self::resume), this works after the program
    /// exited, as `instance.exports` does under node (a TinyGo `_start`
    /// may exit before its exports are used).
    pub fn call_export(
        &mut self,
        world: &mut W,
        name: &str,
        params: &[WasmVal],
    ) -> JsResult<Vec<WasmVal>, W::Value> {
        let Some(func) = self
            .store
            .data()
            .exports
            .and_then(|e| e.instance.get_func(&self.store, name))
        else {
            let msg = format!("instance.exports.{name} is not a function");
            return Err(Unwind::Throw(world.error(crate::ErrorKind::Type, &msg)));
        };
        let ty = func.ty(&self.store);
        let wanted = ty.params();
        let matches =
            wanted.len() == params.len() && wanted.iter().zip(params).all(|(t, p)| *t == p.ty());
        if !matches {
            let msg = format!(
                "instance.exports.{name} takes {}, not {}",
                signature(wanted, ty.results()),
                signature(&params.iter().map(WasmVal::ty).collect::<Vec<_>>(), &[])
            );
            return Err(Unwind::Throw(world.error(crate::ErrorKind::Type, &msg)));
        }
        let inputs: Vec<wasmi::Val> = params.iter().map(|p| p.to_wasmi()).collect();
        let mut outputs: Vec<wasmi::Val> = ty
            .results()
            .iter()
            .map(|t| wasmi::Val::default_for_ty(*t))
            .collect();
        crate::guest::enter(&mut self.store, world, false, |store, _| {
            metering::call_func(store, &func, &inputs, &mut outputs)
        })?;
        Ok(outputs.iter().filter_map(WasmVal::from_wasmi).collect())
    }

    /// `len` bytes of linear memory at `addr`, copied out; `None` when the
    /// range is not inside it.
    pub fn read_memory(&self, addr: u64, len: u64) -> Option<Vec<u8>> {
        let memory = self.store.data().exports?.memory;
        let data = memory.data(&self.store);
        let end = addr.checked_add(len)?;
        let range = usize::try_from(addr).ok()?..usize::try_from(end).ok()?;
        data.get(range).map(<[u8]>::to_vec)
    }

    /// Copies `bytes` into linear memory at `addr`; `false` (and nothing
    /// written) when the range is not inside it.
    pub fn write_memory(&mut self, addr: u64, bytes: &[u8]) -> bool {
        let Some(memory) = self.store.data().exports.map(|e| e.memory) else {
            return false;
        };
        let data = memory.data_mut(&mut self.store);
        let Some(end) = addr.checked_add(bytes.len() as u64) else {
            return false;
        };
        let (Ok(start), Ok(end)) = (usize::try_from(addr), usize::try_from(end)) else {
            return false;
        };
        match data.get_mut(start..end) {
            Some(dst) => {
                dst.copy_from_slice(bytes);
                true
            }
            None => false,
        }
    }

    /// Which glue the program speaks.
    pub fn abi(&self) -> GoAbi {
        self.store.data().abi
    }

    fn write_args(
        &mut self,
        args: &[String],
        env: &[(String, String)],
    ) -> Result<(i32, i32), LoadError> {
        let memory = self
            .store
            .data()
            .exports()
            .map_err(|_| LoadError::MissingExport(names::EXPORT_MEMORY))?
            .memory;
        let mem = memory.data_mut(&mut self.store);
        let mut offset = ARGV_OFFSET as usize;
        let mut put = |bytes: &[u8], offset: &mut usize| -> Result<(), LoadError> {
            let end = *offset + bytes.len();
            if end >= WASM_MIN_DATA_ADDR as usize || end > mem.len() {
                return Err(LoadError::ArgsTooLong);
            }
            mem[*offset..end].copy_from_slice(bytes);
            *offset = end;
            Ok(())
        };
        let mut ptrs = Vec::new();
        let mut str_ptr = |s: &str, offset: &mut usize| -> Result<u32, LoadError> {
            let ptr = *offset as u32;
            put(s.as_bytes(), offset)?;
            put(&[0], offset)?;
            *offset = offset.next_multiple_of(8);
            Ok(ptr)
        };
        for arg in args {
            ptrs.push(str_ptr(arg, &mut offset)?);
        }
        ptrs.push(0);
        // `Object.keys(this.env).sort()`: later duplicates win, UTF-16 order.
        let mut vars: Vec<(&str, &str)> = Vec::new();
        for (k, v) in env {
            match vars.iter_mut().find(|(key, _)| key == k) {
                Some(slot) => slot.1 = v,
                None => vars.push((k, v)),
            }
        }
        vars.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
        for (k, v) in vars {
            ptrs.push(str_ptr(&format!("{k}={v}"), &mut offset)?);
        }
        ptrs.push(0);
        let argv = offset;
        for ptr in ptrs {
            let mut word = [0u8; 8];
            word[..4].copy_from_slice(&ptr.to_le_bytes());
            put(&word, &mut offset)?;
        }
        Ok((args.len() as i32, argv as i32))
    }

    /// Runs top-level JS work `f` (a timer callback, a promise job, an
    /// embedder's call) with this program reachable from the world's natives,
    /// so the JS may call Go functions. The caller checks
    /// [`World::take_pending_unwind`] afterwards (as the imports do).
    pub fn enter<R>(&mut self, world: &mut W, f: impl FnOnce(&mut W) -> R) -> R {
        let link = self.store.data().link.clone();
        let mut guest = GuestHandle(&mut self.store);
        link.lend_guest(&mut guest, || f(world))
    }

    /// `go._resume()` from top level (e.g. for the `{id: 0}` event that
    /// `wasm_exec_node.js` sends when node's event loop is empty).
    ///
    /// # Errors
    ///
    /// How the guest unwound; see [`Guest::resume`].
    pub fn resume(&mut self, world: &mut W) -> JsResult<(), W::Value> {
        GuestHandle(&mut self.store).resume(world)
    }

    /// The timeout callback of `scheduleTimeoutEvent` for Go's timeout
    /// `go_id`: resumes, and resumes again (with a warning) while Go has not
    /// consumed the event, as `wasm_exec.js` does.
    ///
    /// # Errors
    ///
    /// How the guest unwound; see [`Guest::resume`].
    pub fn fire_timeout(&mut self, world: &mut W, go_id: i32) -> JsResult<(), W::Value> {
        if self.store.data().abi == GoAbi::TinyGo {
            // `runtime.sleepTicks`'s callback: `if (this.exited) return;`,
            // then `go_scheduler()`, catching `wasmExit`.
            if self.exit_code().is_some() {
                return Ok(());
            }
            return call_into(&mut self.store, world, |store, exports| {
                match &exports.scheduler {
                    Some(scheduler) => metering::call(store, scheduler, ()),
                    None => Err(wasmi::Error::new("the module does not export go_scheduler")),
                }
            })
            .or_else(exited_is_done);
        }
        self.resume(world)?;
        while self.store.data().timeouts.contains_key(&go_id) {
            // for some reason Go failed to register the timeout event, log and try again
            // (temporary workaround for https://github.com/golang/go/issues/28975)
            world.warn("scheduleTimeoutEvent: missed timeout event");
            self.resume(world)?;
        }
        Ok(())
    }

    /// The exit code, once the program has exited.
    pub fn exit_code(&self) -> Option<i32> {
        self.store.data().exit_code
    }

    /// Ends the program with `code` from outside (as `process.exit(code)`
    /// would): later calls into the guest fail as after Go's own exit.
    pub fn exit(&mut self, code: i32) {
        self.store.data_mut().exit_code = Some(code);
    }

    /// Reference-table counts, for leak checks.
    pub fn table_stats(&self) -> TableStats {
        self.store.data().table.stats()
    }
}
