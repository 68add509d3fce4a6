//! Loading a Go `js/wasm` module and driving one instance of it.

use crate::{
    backend::{self, Backend, Compiled, Entry, ExternTy, Shape, Store, ValTy, signature},
    error::{HostError, Limit, LoadError, Unwind},
    guest::{GuestHandle, call_into},
    imports,
    limits::{Interrupt, Limits},
    state::{Fuel, HostState},
    table::{RefTable, TableStats},
    world::{Guest, JsResult, World},
};
use gojs_abi::{ARGV_OFFSET, WASM_MIN_DATA_ADDR, names};
use std::sync::Arc;

/// When the interpreter validates and translates a module's functions (the
/// JIT backend compiles everything up front whatever this says).
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
    /// Which engine runs the wasm. The default is [`Backend::from_env`]:
    /// wasmi unless `GOJS_ENGINE` names another backend (so a whole test
    /// suite, or `go test -exec 'gojs run'`, can be run on the JIT).
    pub backend: Backend,
    /// When functions are validated and translated (wasmi only).
    pub compilation: Compilation,
    /// Count fuel as wasm runs (wasmi fuel metering, a few percent slower):
    /// needed for [`Limits::fuel`], and for an [`Interrupt`] or a deadline
    /// to stop wasm that makes no import calls (a `loop br 0`). On by
    /// default; the `gojs` CLI turns it on only for the flags that need it.
    /// On the JIT backend: wasmtime fuel for a budget, and epoch
    /// interruption for an interrupt or a deadline.
    pub metering: bool,
    /// JIT only: keep compiled code in an on-disk cache, keyed by the
    /// module's hash, the wasmtime version and the compiler settings (see
    /// [`jit_cache_dir`](crate::jit_cache_dir)). On by default.
    pub cache: bool,
}

impl Default for ModuleConfig {
    fn default() -> Self {
        Self {
            backend: Backend::from_env(),
            compilation: Compilation::default(),
            metering: true,
            cache: true,
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
    compiled: Compiled,
    /// TinyGo's stubbed WASI imports: name, type, errno.
    wasi_stubs: Arc<[(String, backend::FuncTy, i32)]>,
    abi: GoAbi,
    metered: bool,
    /// Whether the module has a start function (Go never emits one).
    has_start: bool,
    /// The initial size of its linear memory, in bytes.
    initial_memory: u64,
}

/// Fuel a start function may use when the module is metered: it runs inside
/// instantiation, which cannot be suspended to check an interrupt,
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
    /// (`js/wasm` here, WASI preview 1 in `gojs-wasip1`) compiles with on
    /// the interpreter.
    pub fn engine(self) -> wasmi::Engine {
        backend::wasmi::engine_for(self)
    }
}

pub(crate) fn check_func(
    name: String,
    ty: &ExternTy,
    params: &[ValTy],
    results: &[ValTy],
) -> Result<(), LoadError> {
    let expected = signature(params, results);
    match ty {
        ExternTy::Func(f) if f.params == params && f.results == results => Ok(()),
        ExternTy::Func(f) => Err(LoadError::Signature {
            name,
            expected,
            found: f.to_string(),
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
        let (compiled, module) = backend::compile(wasm, config)?;
        // The import module decides the ABI (TinyGo's glue adds WASI and a
        // scheduler export); every import must then be that glue's.
        let imports_from = |m: &str| module.imports_from(m);
        let abi = if imports_from(gojs_abi::LEGACY_IMPORT_MODULE) {
            GoAbi::Go
        } else if imports_from(imports::tinygo::OLD_MODULE)
            || (imports_from(imports::tinygo::WASI_MODULE) && imports_from(gojs_abi::IMPORT_MODULE))
            || module.export(imports::tinygo::EXPORT_SCHEDULER).is_some()
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
        let wasi_stubs = match abi {
            GoAbi::TinyGo => imports::tinygo::wasi_stubs(&module),
            GoAbi::Gojs | GoAbi::Go => Vec::new(),
        };
        Ok(Self {
            compiled,
            wasi_stubs: wasi_stubs.into(),
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

    /// The engine that runs it.
    pub fn backend(&self) -> Backend {
        match self.compiled {
            Compiled::Wasmi(_) => Backend::Wasmi,
            #[cfg(feature = "jit")]
            Compiled::Jit(_) => Backend::Jit,
        }
    }

    pub(crate) fn wasi_stubs(&self) -> &[(String, backend::FuncTy, i32)] {
        &self.wasi_stubs
    }

    pub(crate) fn has_start(&self) -> bool {
        self.has_start
    }
}

/// Checks a Go module's imports and exports against `wasm_exec.js` (see
/// [`GoModule::new`]) and returns its initial memory in bytes.
fn check_go_module(module: &Shape, abi: GoAbi) -> Result<u64, LoadError> {
    use ValTy::{I32, I64};
    for (import_module, import_name, import_ty) in &module.imports {
        let full = format!("{import_module}.{import_name}");
        match (import_module.as_str(), import_name.as_str()) {
            (m, name)
                if m == abi.import_module() && (abi.is_sp_import(name) || name == names::DEBUG) =>
            {
                check_func(full, import_ty, &[I32], &[])?
            }
            (gojs_abi::GOTEST_MODULE, names::GOTEST_ADD) => {
                check_func(full, import_ty, &[I32, I32], &[I32])?
            }
            (gojs_abi::GOTEST_MODULE, names::GOTEST_CALL_EXPORT) => {
                check_func(full, import_ty, &[I32, I64], &[I64])?
            }
            (module, name) => {
                return Err(LoadError::UnknownImport {
                    module: module.into(),
                    name: name.into(),
                });
            }
        }
    }
    let export = |name: &'static str| module.export(name).ok_or(LoadError::MissingExport(name));
    check_func(
        names::EXPORT_RUN.into(),
        export(names::EXPORT_RUN)?,
        &[I32, I32],
        &[],
    )?;
    check_func(
        names::EXPORT_RESUME.into(),
        export(names::EXPORT_RESUME)?,
        &[],
        &[],
    )?;
    check_func(
        names::EXPORT_GETSP.into(),
        export(names::EXPORT_GETSP)?,
        &[],
        &[I32],
    )?;
    let &ExternTy::Memory { min_pages } = export(names::EXPORT_MEMORY)? else {
        return Err(LoadError::MissingExport(names::EXPORT_MEMORY));
    };
    let initial_memory = min_pages.saturating_mul(1 << 16);
    if let Some(ty) = module.export(names::EXPORT_TEST) {
        check_func(names::EXPORT_TEST.into(), ty, &[I32, I64], &[I64])?;
    }
    if let Some(ty) = module.export(names::EXPORT_TEST0) {
        check_func(names::EXPORT_TEST0.into(), ty, &[], &[])?;
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
    pub(crate) fn ty(&self) -> ValTy {
        match self {
            WasmVal::I32(_) => ValTy::I32,
            WasmVal::I64(_) => ValTy::I64,
            WasmVal::F32(_) => ValTy::F32,
            WasmVal::F64(_) => ValTy::F64,
        }
    }
}

/// One running Go program: its linear memory, reference table and timers.
///
/// The JS world is not owned: every call that can run guest code takes
/// `&mut W` and lends it to the imports for the duration of the call, and
/// every piece of JS work started here ([`enter`](Self::enter)) runs with
/// the program lent to the world's natives, through the world's [`Link`](crate::Link).
pub struct GoInstance<W: World> {
    store: Store<W>,
}

impl<W: World> core::fmt::Debug for GoInstance<W> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let state = self.state();
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
    /// [`LoadError::Instantiate`] if the engine cannot instantiate the
    /// module; [`LoadError::Limit`] if it cannot within the limits (more
    /// initial memory than allowed, a fuel budget on an unmetered module, a
    /// start function that runs out of fuel).
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
        let store = match &module.compiled {
            Compiled::Wasmi(c) => {
                Store::Wasmi(Box::new(backend::wasmi::instantiate(c, module, state)?))
            }
            #[cfg(feature = "jit")]
            Compiled::Jit(c) => Store::Jit(Box::new(backend::jit::instantiate(c, module, state)?)),
        };
        Ok(Self { store })
    }

    fn state(&self) -> &HostState<W> {
        self.store.host_ref().state()
    }

    fn state_mut(&mut self) -> &mut HostState<W> {
        self.store.host().state_mut()
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
        if self.abi() == GoAbi::TinyGo {
            // TinyGo's `go.run`: `_start()` (or `_initialize()` in a
            // reactor), catching the `wasmExit` that `proc_exit` throws.
            // Its glue passes no arguments or environment.
            return call_into(self.store.host(), world, |host| {
                host.call(Entry::Start).map(drop)
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
        call_into(self.store.host(), world, |host| {
            host.call(Entry::Run(argc, argv)).map(drop)
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
        let Some(ty) = self.store.host_ref().export_type(name) else {
            let msg = format!("instance.exports.{name} is not a function");
            return Err(Unwind::Throw(world.error(crate::ErrorKind::Type, &msg)));
        };
        let matches = ty.params.len() == params.len()
            && ty.params.iter().zip(params).all(|(t, p)| *t == p.ty());
        if !matches {
            let msg = format!(
                "instance.exports.{name} takes {ty}, not {}",
                signature(&params.iter().map(WasmVal::ty).collect::<Vec<_>>(), &[])
            );
            return Err(Unwind::Throw(world.error(crate::ErrorKind::Type, &msg)));
        }
        let mut results = Vec::with_capacity(ty.results.len());
        crate::guest::enter(self.store.host(), world, false, |host| {
            host.call(Entry::Named {
                name,
                params,
                results: &mut results,
            })
            .map(drop)
        })?;
        Ok(results)
    }

    /// `len` bytes of linear memory at `addr`, copied out; `None` when the
    /// range is not inside it.
    pub fn read_memory(&self, addr: u64, len: u64) -> Option<Vec<u8>> {
        let data = self.store.host_ref().memory()?;
        let end = addr.checked_add(len)?;
        let range = usize::try_from(addr).ok()?..usize::try_from(end).ok()?;
        data.get(range).map(<[u8]>::to_vec)
    }

    /// Copies `bytes` into linear memory at `addr`; `false` (and nothing
    /// written) when the range is not inside it.
    pub fn write_memory(&mut self, addr: u64, bytes: &[u8]) -> bool {
        let Some((data, _)) = self.store.host().memory_and_state() else {
            return false;
        };
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
        self.state().abi
    }

    fn write_args(
        &mut self,
        args: &[String],
        env: &[(String, String)],
    ) -> Result<(i32, i32), LoadError> {
        let (mem, _) = self
            .store
            .host()
            .memory_and_state()
            .ok_or(LoadError::MissingExport(names::EXPORT_MEMORY))?;
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
        let link = self.state().link.clone();
        let mut guest = GuestHandle(self.store.host());
        link.lend_guest(&mut guest, || f(world))
    }

    /// `go._resume()` from top level (e.g. for the `{id: 0}` event that
    /// `wasm_exec_node.js` sends when node's event loop is empty).
    ///
    /// # Errors
    ///
    /// How the guest unwound; see [`Guest::resume`].
    pub fn resume(&mut self, world: &mut W) -> JsResult<(), W::Value> {
        GuestHandle(self.store.host()).resume(world)
    }

    /// The timeout callback of `scheduleTimeoutEvent` for Go's timeout
    /// `go_id`: resumes, and resumes again (with a warning) while Go has not
    /// consumed the event, as `wasm_exec.js` does.
    ///
    /// # Errors
    ///
    /// How the guest unwound; see [`Guest::resume`].
    pub fn fire_timeout(&mut self, world: &mut W, go_id: i32) -> JsResult<(), W::Value> {
        if self.abi() == GoAbi::TinyGo {
            // `runtime.sleepTicks`'s callback: `if (this.exited) return;`,
            // then `go_scheduler()`, catching `wasmExit`.
            if self.exit_code().is_some() {
                return Ok(());
            }
            return call_into(self.store.host(), world, |host| {
                host.call(Entry::Scheduler).map(drop)
            })
            .or_else(exited_is_done);
        }
        self.resume(world)?;
        while self.state().timeouts.contains_key(&go_id) {
            // for some reason Go failed to register the timeout event, log and try again
            // (temporary workaround for https://github.com/golang/go/issues/28975)
            world.warn("scheduleTimeoutEvent: missed timeout event");
            self.resume(world)?;
        }
        Ok(())
    }

    /// The exit code, once the program has exited.
    pub fn exit_code(&self) -> Option<i32> {
        self.state().exit_code
    }

    /// Ends the program with `code` from outside (as `process.exit(code)`
    /// would): later calls into the guest fail as after Go's own exit.
    pub fn exit(&mut self, code: i32) {
        self.state_mut().exit_code = Some(code);
    }

    /// Reference-table counts, for leak checks.
    pub fn table_stats(&self) -> TableStats {
        self.state().table.stats()
    }

    /// What the guest holds now: live reference-table slots by kind with
    /// their peaks, slots created and freed, and the live `js.Func`
    /// wrappers with what JS last did with each (see [`LeakReport`]).
    pub fn leak_report(&self) -> crate::LeakReport {
        let state = self.state();
        crate::LeakReport {
            table: state.table.stats(),
            funcs: state.funcs.stats(),
        }
    }
}
