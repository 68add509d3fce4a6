//! Loading a Go `js/wasm` module and driving one instance of it.

use crate::{
    error::{LoadError, Unwind},
    guest::{GuestHandle, call_into},
    imports,
    state::{Exports, HostState, Limits},
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

/// A parsed and checked Go `js/wasm` module, ready to instantiate any number of times.
///
/// Compiling costs tens of milliseconds for a typical 2–3 MB Go binary;
/// instantiate as often as needed from one `GoModule`.
#[derive(Clone, Debug)]
pub struct GoModule {
    engine: Engine,
    module: Module,
}

fn engine_for(compilation: Compilation) -> Engine {
    let mut config = Config::default();
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

fn check_func(
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
    /// Parses `wasm` (validating every function body now, or on its first
    /// call with [`Compilation::Lazy`]) and checks that it is a Go ≥ 1.21
    /// `js/wasm` program:
    /// every import is one `wasm_exec.js` provides, with Go's signature, and
    /// the exports `run`, `resume`, `getsp` and `mem` exist.
    ///
    /// # Errors
    ///
    /// [`LoadError`] saying what is wrong with the bytes.
    pub fn new(wasm: &[u8], compilation: Compilation) -> Result<Self, LoadError> {
        let engine = engine_for(compilation);
        let module = Module::new(&engine, wasm).map_err(LoadError::InvalidWasm)?;
        use ValType::{I32, I64};
        for import in module.imports() {
            let full = format!("{}.{}", import.module(), import.name());
            match (import.module(), import.name()) {
                (gojs_abi::LEGACY_IMPORT_MODULE, _) => return Err(LoadError::LegacyGoModule),
                (gojs_abi::IMPORT_MODULE, name)
                    if imports::is_sp_import(name) || name == names::DEBUG =>
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
        if !matches!(export(names::EXPORT_MEMORY)?, ExternType::Memory(_)) {
            return Err(LoadError::MissingExport(names::EXPORT_MEMORY));
        }
        if let Some(ty) = module.get_export(names::EXPORT_TEST) {
            check_func(names::EXPORT_TEST.into(), &ty, &[I32, I64], &[I64])?;
        }
        if let Some(ty) = module.get_export(names::EXPORT_TEST0) {
            check_func(names::EXPORT_TEST0.into(), &ty, &[], &[])?;
        }
        Ok(Self { engine, module })
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
    /// Instantiates `module`; `world` supplies the predefined values
    /// (`globalThis`, the `go` object, …) of the reference table and the
    /// [`Link`](crate::Link) its natives reach the program through.
    ///
    /// # Errors
    ///
    /// [`LoadError::Instantiate`] if wasmi cannot instantiate the module.
    pub fn new(module: &GoModule, world: &mut W, limits: Limits) -> Result<Self, LoadError> {
        let [nan, zero, null, t, f, global, go] = world.predefined();
        let table = RefTable::new([
            (nan, false),
            (zero, true),
            (null, true),
            (t, true),
            (f, true),
            (global, true),
            (go, true),
        ]);
        let state = HostState::new(world.link(), table, limits);
        let mut store = Store::new(&module.engine, state);
        let mut linker = Linker::<HostState<W>>::new(&module.engine);
        imports::define_gojs(&mut linker).map_err(LoadError::Instantiate)?;
        imports::define_gotest(&mut linker).map_err(LoadError::Instantiate)?;
        let instance = linker
            .instantiate_and_start(&mut store, &module.module)
            .map_err(LoadError::Instantiate)?;
        let func = |name| instance.get_func(&store, name);
        let typed = |name: &'static str| -> Result<wasmi::Func, LoadError> {
            func(name).ok_or(LoadError::MissingExport(name))
        };
        let exports = Exports {
            memory: instance
                .get_memory(&store, names::EXPORT_MEMORY)
                .ok_or(LoadError::MissingExport(names::EXPORT_MEMORY))?,
            run: typed(names::EXPORT_RUN)?
                .typed(&store)
                .map_err(LoadError::Instantiate)?,
            resume: typed(names::EXPORT_RESUME)?
                .typed(&store)
                .map_err(LoadError::Instantiate)?,
            getsp: typed(names::EXPORT_GETSP)?
                .typed(&store)
                .map_err(LoadError::Instantiate)?,
            test_export0: func(names::EXPORT_TEST0).and_then(|f| f.typed(&store).ok()),
            test_export: func(names::EXPORT_TEST).and_then(|f| f.typed(&store).ok()),
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
        let (argc, argv) = match self.write_args(args, env) {
            Ok(p) => p,
            // `run` throws this Error before starting the program.
            Err(e) => {
                let error = world.error(crate::ErrorKind::Plain, &e.to_string());
                return Err(Unwind::Throw(error));
            }
        };
        call_into(&mut self.store, world, |store, exports| {
            exports.run.call(store, (argc, argv))
        })
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
