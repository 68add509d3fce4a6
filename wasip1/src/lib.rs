//! WASI preview 1 commands — `GOOS=wasip1 GOARCH=wasm` programs and any
//! other `_start` module of `wasi_snapshot_preview1` — on the same wasmi
//! engine as gojs's `js/wasm` programs, with the same [`Limits`] (fuel in
//! resumable slices, linear memory) and [`Interrupt`] (by hand or at a
//! deadline).
//!
//! What a command gets is what `wasmtime run [--dir HOST::GUEST]…
//! prog.wasm [args…]` gives one: its arguments and environment, stdin,
//! stdout and stderr, the clocks, random bytes, `poll_oneoff` sleeps and
//! `proc_exit`, and the directories preopened for it — any
//! [`gojs_vfs::FileSystem`] (a confined host directory, an in-memory
//! tree, a namespace of both), each [`Command::preopen`] a descriptor
//! (3, 4, … in order) that the `fd_*` and `path_*` functions work
//! beneath, with wasmtime's answers: a path that leaves its directory
//! (`..`, an absolute or climbing symbolic link) is `EPERM`, every change
//! beneath a [read-only](Command::preopen_read_only) preopen too. Without
//! preopens every call on a descriptor other than stdio fails as there
//! (`EBADF`). The socket functions answer `EBADF`, anything else a
//! module imports from preview 1 and this crate lacks `ENOSYS`. Guest
//! pointers are checked: an access outside linear memory is `EFAULT`,
//! never a host panic.
//!
//! ```no_run
//! use gojs_wasip1::vfs::{HostDir, MemFs, MountFs};
//! use gojs_wasip1::{Command, Wasip1Module};
//! let module = Wasip1Module::new(&std::fs::read("prog.wasm")?, Default::default())?;
//! // `wasmtime run --dir ./data::/data prog.wasm`, plus a scratch /tmp.
//! let mut ns = MountFs::new();
//! ns.mount("/data", HostDir::new("./data")?, false)?;
//! ns.mount("/tmp", MemFs::builder().capacity(16 << 20).build(), false)?;
//! let code = Command::new(["prog.wasm"])
//!     .filesystem(ns)
//!     .preopen("/data")
//!     .preopen("/tmp")
//!     .run(&module)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Core concepts
//!
//! - [`Wasip1Module`]: a parsed, checked command (or reactor); cheap to
//!   clone, run as often as needed.
//! - [`Command`]: one run's arguments, environment, stdio, filesystem and
//!   preopens, limits; consumed by [`Command::run`]. It lives on the
//!   thread that runs it (stdio and filesystem need not be `Send`: a
//!   [`MemFs`](gojs_vfs::MemFs) is single-threaded).
//! - [`Reactor`]: a library module (Go's `-buildmode=c-shared`, parsed
//!   with [`Wasip1Module::reactor`]) instantiated with a `Command`'s
//!   state, its `_initialize` run once, then its `//go:wasmexport`
//!   functions called as often as needed on the one instance, until a
//!   call ends it.
//! - The descriptor table (private): stdio at 0–2, the preopens, then
//!   what `path_open` opens, numbered as wasmtime numbers them; at most
//!   65 536 open at once (`EMFILE`).
//!
//! The deliberate differences from wasmtime, and why, are in
//! `RATIONALE.md` next to this crate's `Cargo.toml`.

mod confine;
mod descriptors;
mod errno;
mod fs;
mod imports;
mod memory;
mod path;
mod reactor;
mod records;

/// The filesystems a command's preopens are directories of.
pub use gojs_vfs as vfs;
pub use reactor::Reactor;

use gojs_engine::{HostError, Interrupt, Limit, Limits, LoadError, ModuleConfig};
use gojs_vfs::FileSystem;
use std::{
    io::{Read, Write},
    time::Duration,
};
use wasmi::{Engine, Linker, Module, ResumableCall, Store};
pub use wasmi::{FuncType, Val, ValType};

/// The import module of WASI preview 1.
pub const MODULE: &str = "wasi_snapshot_preview1";

/// Instructions run between two checks of the interrupt and the budget.
const FUEL_SLICE: u64 = gojs_engine::FUEL_SLICE;

/// A parsed and checked WASI preview 1 command.
#[derive(Clone, Debug)]
pub struct Wasip1Module {
    engine: Engine,
    module: Module,
    metered: bool,
}

impl Wasip1Module {
    /// Parses `wasm` and checks that it is a preview 1 command: exports
    /// `_start` and `memory`. Imports from modules other than [`MODULE`]
    /// (Go's `//go:wasmimport`) must be given by [`Command::import`].
    ///
    /// # Errors
    ///
    /// [`LoadError`] saying what is wrong with the bytes.
    pub fn new(wasm: &[u8], config: ModuleConfig) -> Result<Self, LoadError> {
        let engine = config.engine();
        let module = Module::new(&engine, wasm).map_err(|e| LoadError::InvalidWasm(e.into()))?;
        for export in ["_start", "memory"] {
            if module.get_export(export).is_none() {
                return Err(LoadError::MissingExport(export));
            }
        }
        Ok(Self {
            engine,
            module,
            metered: config.metering,
        })
    }

    /// Parses `wasm` and checks that it is a preview 1 reactor (a library
    /// module, Go's `-buildmode=c-shared`): exports `memory` and no
    /// `_start`; its `_initialize`, if it has one, runs when a
    /// [`Reactor`] is made of it.
    ///
    /// # Errors
    ///
    /// [`LoadError`] saying what is wrong with the bytes;
    /// [`LoadError::MissingExport`] of `_initialize` for a command (it has
    /// `_start`: run it with [`Command::run`]).
    pub fn reactor(wasm: &[u8], config: ModuleConfig) -> Result<Self, LoadError> {
        let engine = config.engine();
        let module = Module::new(&engine, wasm).map_err(|e| LoadError::InvalidWasm(e.into()))?;
        if module.get_export("memory").is_none() {
            return Err(LoadError::MissingExport("memory"));
        }
        if module.get_export("_start").is_some() {
            return Err(LoadError::MissingExport("_initialize"));
        }
        Ok(Self {
            engine,
            module,
            metered: config.metering,
        })
    }
}

/// Why a command did not exit by itself.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// A limit ended it, or the interrupt.
    #[error(transparent)]
    Host(#[from] HostError),
    /// The module trapped (or could not be instantiated).
    #[error("wasm trap: {0}")]
    Trap(String),
    /// The module could not be started.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A [`Reactor`] was asked to call a function its module does not
    /// export.
    #[error("the module exports no function `{0}`")]
    NoExport(String),
    /// A [`Reactor`] was asked to call a function with arguments of other
    /// types than it takes.
    #[error("`{name}` takes ({expected}), not ({given})")]
    Arguments {
        /// The export.
        name: String,
        /// The types it takes.
        expected: String,
        /// The types of the values given.
        given: String,
    },
    /// A [`Reactor`]'s module called `proc_exit` (Go's `os.Exit`) with this
    /// code; the reactor can be called no more.
    #[error("the module exited with code {0}")]
    Exited(i32),
    /// A [`Reactor`] is called after a call ended it (a trap, a limit, the
    /// interrupt, `proc_exit`); the message is how that call ended.
    #[error("the reactor was ended by an earlier call: {0}")]
    Ended(String),
    /// A [preopen](Command::preopen) could not be opened when the command
    /// started: it is not a directory of the filesystem (`ENOENT`,
    /// `ENOTDIR`, …), or no filesystem was given (`ENOENT`).
    #[error("cannot preopen {dir:?}: {errno}")]
    Preopen {
        /// The preopen's name, as given.
        dir: String,
        /// Why it could not be opened.
        errno: gojs_vfs::Errno,
    },
}

/// A host function a command imports (`//go:wasmimport module name`): it
/// gets the arguments and fills the results, both as the import declares
/// them. An `Err` ends the run (a [`RunError::Trap`] with that message).
pub type HostFn = Box<dyn Fn(&[Val], &mut [Val]) -> Result<(), String> + Send + Sync>;

/// A preopened directory: its name, and whether it is read-only.
pub(crate) struct Preopen {
    pub(crate) name: String,
    pub(crate) read_only: bool,
}

/// How to run a command: arguments, environment, stdio, filesystem and
/// preopened directories, seed, limits.
pub struct Command {
    pub(crate) host_fns: Vec<(String, String, HostFn)>,
    pub(crate) args: Vec<String>,
    pub(crate) env: Vec<(String, String)>,
    pub(crate) stdin: Box<dyn Read>,
    pub(crate) stdout: Box<dyn Write>,
    pub(crate) stderr: Box<dyn Write>,
    pub(crate) fs: Option<Box<dyn FileSystem>>,
    pub(crate) preopens: Vec<Preopen>,
    pub(crate) seed: Option<u64>,
    pub(crate) virtual_start_ns: Option<u64>,
    pub(crate) limits: Limits,
    pub(crate) interrupt: Interrupt,
    pub(crate) timeout: Option<Duration>,
}

impl Command {
    /// A command with these arguments (`args[0]` is the program's name, as
    /// `wasmtime run` passes it), no environment, the process's stdio.
    pub fn new<S: Into<String>>(args: impl IntoIterator<Item = S>) -> Self {
        Self {
            host_fns: Vec::new(),
            args: args.into_iter().map(Into::into).collect(),
            env: Vec::new(),
            stdin: Box::new(std::io::stdin()),
            stdout: Box::new(std::io::stdout()),
            stderr: Box::new(std::io::stderr()),
            fs: None,
            preopens: Vec::new(),
            seed: None,
            virtual_start_ns: None,
            limits: Limits::default(),
            interrupt: Interrupt::new(),
            timeout: None,
        }
    }

    /// Gives the import `module.name` (a `//go:wasmimport`) as `f`.
    pub fn import(
        mut self,
        module: impl Into<String>,
        name: impl Into<String>,
        f: impl Fn(&[Val], &mut [Val]) -> Result<(), String> + Send + Sync + 'static,
    ) -> Self {
        self.host_fns
            .push((module.into(), name.into(), Box::new(f)));
        self
    }

    /// The environment, in order.
    pub fn env<K: Into<String>, V: Into<String>>(
        mut self,
        env: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.env = env.into_iter().map(|(k, v)| (k.into(), v.into())).collect();
        self
    }

    /// Where fd 0 reads from.
    pub fn stdin(mut self, stdin: impl Read + 'static) -> Self {
        self.stdin = Box::new(stdin);
        self
    }

    /// Where fd 1 writes to.
    pub fn stdout(mut self, stdout: impl Write + 'static) -> Self {
        self.stdout = Box::new(stdout);
        self
    }

    /// Where fd 2 writes to.
    pub fn stderr(mut self, stderr: impl Write + 'static) -> Self {
        self.stderr = Box::new(stderr);
        self
    }

    /// The filesystem the [preopens](Command::preopen) are directories of:
    /// any [`FileSystem`] — a [`MountFs`](gojs_vfs::MountFs) of
    /// [`HostDir`](gojs_vfs::HostDir)s and [`MemFs`](gojs_vfs::MemFs)s, as
    /// `gojs run --dir` builds it. Nothing of it is visible but what is
    /// beneath a preopen.
    pub fn filesystem(mut self, fs: impl FileSystem + 'static) -> Self {
        self.fs = Some(Box::new(fs));
        self
    }

    /// Preopens the directory `dir` of the [filesystem](Command::filesystem)
    /// as the next descriptor (3 for the first, then 4, …), named `dir`:
    /// what `wasmtime run --dir HOST::dir` gives the guest. Go's runtime
    /// finds the preopens at start (`fd_prestat_get`), serves absolute
    /// paths from the one whose name is their longest prefix, and starts
    /// in the first one (unless `PWD` is in the environment).
    ///
    /// The name is reported as given; the directory is `dir` cleaned as
    /// an absolute path by [`preopen_path`] (`.` is `/`, `data` is
    /// `/data`), so a relative name — what `--dir data` gives under
    /// wasmtime — works too.
    ///
    /// The run fails with [`RunError::Preopen`] if that is not a directory
    /// of the filesystem.
    ///
    /// ```
    /// use gojs_wasip1::{Command, vfs::MemFs};
    /// let tree = MemFs::new();
    /// tree.create_dir_all("/data")?;
    /// let command = Command::new(["prog.wasm"]).filesystem(tree).preopen("/data");
    /// # Ok::<(), gojs_wasip1::vfs::Errno>(())
    /// ```
    pub fn preopen(mut self, dir: impl Into<String>) -> Self {
        self.preopens.push(Preopen {
            name: dir.into(),
            read_only: false,
        });
        self
    }

    /// Like [`preopen`](Command::preopen), read-only as wasmtime's
    /// preopens without `fs_mutable`: every change beneath it — creating,
    /// writing, truncating, removing, renaming, linking, setting times —
    /// is `EPERM`, refused before the path is looked at.
    pub fn preopen_read_only(mut self, dir: impl Into<String>) -> Self {
        self.preopens.push(Preopen {
            name: dir.into(),
            read_only: true,
        });
        self
    }

    /// Seeds `random_get` (reproducible runs); by default it is the
    /// operating system's randomness.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// A virtual clock starting at `start_epoch_ns` (nanoseconds since the
    /// Unix epoch): the clocks read it, and a `poll_oneoff` sleep advances
    /// it at once instead of waiting (gojs's deterministic mode).
    pub fn virtual_clock(mut self, start_epoch_ns: u64) -> Self {
        self.virtual_start_ns = Some(start_epoch_ns);
        self
    }

    /// Fuel and memory limits (the others are for `js/wasm` programs).
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The handle that stops the command from another thread.
    pub fn interrupt(mut self, interrupt: Interrupt) -> Self {
        self.interrupt = interrupt;
        self
    }

    /// A wall-clock deadline for the whole run (triggers the interrupt).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Runs `_start` to its end: the exit code (`proc_exit`'s, or 0 when
    /// `_start` returns).
    ///
    /// # Errors
    ///
    /// [`RunError`]: a limit, the interrupt, or a trap.
    pub fn run(self, module: &Wasip1Module) -> Result<i32, RunError> {
        let (interrupt, timeout) = (self.interrupt.clone(), self.timeout);
        with_deadline(&interrupt, timeout, || {
            let mut instance = Instance::new(self, module)?;
            let start = instance.export("_start")?;
            match instance.call(&start, &[], &mut [])? {
                Ended::Exit(code) => Ok(code),
                Ended::Returned => Ok(0),
            }
        })
    }
}

/// Runs `f`, triggering `interrupt` if it is still running after
/// `timeout`.
pub(crate) fn with_deadline<R>(
    interrupt: &Interrupt,
    timeout: Option<Duration>,
    f: impl FnOnce() -> R,
) -> R {
    let (done, finished) = std::sync::mpsc::channel::<()>();
    let watchdog = timeout.map(|timeout| {
        let interrupt = interrupt.clone();
        std::thread::spawn(move || {
            if finished.recv_timeout(timeout).is_err() {
                interrupt.trigger_deadline();
            }
        })
    });
    let result = f();
    drop(done);
    if let Some(w) = watchdog {
        let _ = w.join();
    }
    result
}

/// How a call into the module ended, when it did not fail.
pub(crate) enum Ended {
    /// The function returned.
    Returned,
    /// It called `proc_exit` with this code.
    Exit(i32),
}

/// A module instantiated with a command's state: what [`Command::run`]
/// runs `_start` of and a [`Reactor`] calls exports of.
pub(crate) struct Instance {
    store: Store<imports::State>,
    instance: wasmi::Instance,
    metered: bool,
}

impl Instance {
    /// Instantiates `module` with the preview 1 functions, the command's
    /// host functions and its state (preopens opened).
    pub(crate) fn new(command: Command, module: &Wasip1Module) -> Result<Self, RunError> {
        let limits = command.limits;
        let interrupt = command.interrupt.clone();
        let mut command = command;
        let host_fns = std::mem::take(&mut command.host_fns);
        let state = imports::State::new(command, module.metered, limits, interrupt)?;
        let mut store = Store::new(&module.engine, state);
        store.limiter(|state| &mut state.limiter);
        let mut linker = Linker::new(&module.engine);
        imports::define(&mut linker, &module.module).map_err(|e| RunError::Trap(e.to_string()))?;
        imports::define_host(&mut linker, &module.module, host_fns)?;
        let instance = linker
            .instantiate_and_start(&mut store, &module.module)
            .map_err(|e| RunError::Trap(e.to_string()))?;
        let memory = instance
            .get_memory(&store, "memory")
            .ok_or(LoadError::MissingExport("memory"))?;
        store.data_mut().memory = Some(memory);
        Ok(Self {
            store,
            instance,
            metered: module.metered,
        })
    }

    /// The exported function `name`.
    pub(crate) fn export(&self, name: &str) -> Result<wasmi::Func, RunError> {
        self.instance
            .get_func(&self.store, name)
            .ok_or_else(|| RunError::NoExport(name.to_owned()))
    }

    /// The parameter and result types of `func`.
    pub(crate) fn signature(&self, func: &wasmi::Func) -> wasmi::FuncType {
        func.ty(&self.store)
    }

    /// Calls `func` (metered when the module is), flushes stdout and
    /// stderr, and says how it ended.
    ///
    /// # Errors
    ///
    /// [`RunError::Host`] for a limit or the interrupt, [`RunError::Trap`]
    /// for a trap.
    pub(crate) fn call(
        &mut self,
        func: &wasmi::Func,
        args: &[Val],
        results: &mut [Val],
    ) -> Result<Ended, RunError> {
        let outcome = match self.metered {
            true => call_metered(&mut self.store, func, args, results),
            false => func.call(&mut self.store, args, results),
        };
        let state = self.store.data_mut();
        let _ = state.stdout.flush();
        let _ = state.stderr.flush();
        if let Some(end) = state.ended.take() {
            return match end {
                imports::End::Exit(code) => Ok(Ended::Exit(code)),
                imports::End::Host(e) => Err(RunError::Host(e)),
            };
        }
        match outcome {
            Ok(()) => Ok(Ended::Returned),
            Err(e) => Err(RunError::Trap(e.to_string())),
        }
    }
}

/// Calls `func` handing out fuel a slice at a time, checking the
/// interrupt and the budget between slices.
fn call_metered(
    store: &mut Store<imports::State>,
    func: &wasmi::Func,
    args: &[Val],
    results: &mut [Val],
) -> Result<(), wasmi::Error> {
    let refuel = |store: &mut Store<imports::State>| -> Result<(), wasmi::Error> {
        let state = store.data_mut();
        if let Some(e) = state.interrupt.error() {
            state.ended = Some(imports::End::Host(e));
            return Err(wasmi::Error::new("interrupted"));
        }
        let slice = match &mut state.unspent {
            None => FUEL_SLICE,
            Some(0) => {
                state.ended = Some(imports::End::Host(HostError::limit(
                    Limit::Fuel,
                    "the program used up its fuel (its instruction budget)",
                )));
                return Err(wasmi::Error::new("out of fuel"));
            }
            Some(left) => {
                let slice = FUEL_SLICE.min(*left);
                *left -= slice;
                slice
            }
        };
        let left = store.get_fuel().unwrap_or(0);
        let _ = store.set_fuel(left.saturating_add(slice));
        Ok(())
    };
    refuel(store)?;
    let mut call = func.call_resumable(&mut *store, args, results)?;
    loop {
        match call {
            ResumableCall::Finished => return Ok(()),
            ResumableCall::HostTrap(trap) => {
                return Err(wasmi::Error::new(trap.host_error().to_string()));
            }
            ResumableCall::OutOfFuel(suspended) => {
                refuel(store)?;
                call = suspended.resume(&mut *store, results)?;
            }
        }
    }
}

/// The directory of the [filesystem](Command::filesystem) a preopen
/// named `name` is: `name` cleaned as an absolute path (`.` and empty
/// components dropped, `..` applied, never above `/`). Where to mount
/// what a preopen of that name should show:
///
/// ```
/// assert_eq!(gojs_wasip1::preopen_path("/data/"), "/data");
/// assert_eq!(gojs_wasip1::preopen_path("."), "/");
/// assert_eq!(gojs_wasip1::preopen_path("conformance/tmp"), "/conformance/tmp");
/// ```
pub fn preopen_path(name: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in name.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    format!("/{}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs a command whose `_start` is `body` (with the preview 1 imports
    /// below) and returns its exit code.
    fn exit_code(body: &str) -> i32 {
        exit_code_with(body, |c| c)
    }

    fn exit_code_with(body: &str, configure: impl FnOnce(Command) -> Command) -> i32 {
        let wat = format!(
            r#"(module
                 (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
                 (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
                 (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
                 (import "wasi_snapshot_preview1" "random_get" (func $random (param i32 i32) (result i32)))
                 (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
                 (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
                 (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                 (import "wasi_snapshot_preview1" "clock_time_get" (func $clock (param i32 i64 i32) (result i32)))
                 (memory (export "memory") 1)
                 (func (export "_start") {body}))"#
        );
        let module =
            Wasip1Module::new(&wat::parse_str(wat).unwrap(), ModuleConfig::default()).unwrap();
        configure(Command::new(["t.wasm", "arg"]).stdout(std::io::sink()))
            .run(&module)
            .unwrap()
    }

    #[test]
    fn a_panicking_host_function_ends_the_run_instead_of_aborting() {
        let wat = r#"(module
            (import "host" "boom" (func $boom))
            (memory (export "memory") 1)
            (func (export "_start") (call $boom)))"#;
        let module =
            Wasip1Module::new(&wat::parse_str(wat).unwrap(), ModuleConfig::default()).unwrap();
        let err = Command::new(["t.wasm"])
            .import("host", "boom", |_, _| {
                panic!("a bug in the embedder's function")
            })
            .run(&module)
            .unwrap_err();
        let RunError::Host(e) = err else {
            panic!("not a host error: {err}");
        };
        assert!(
            e.to_string().contains("a bug in the embedder's function"),
            "{e}"
        );
    }

    #[test]
    fn guest_pointers_out_of_memory_are_efault() {
        // An iovec array past the end of memory, and one whose buffer is.
        assert_eq!(
            exit_code(
                "(call $exit (call $fd_write (i32.const 1) (i32.const 0xfffffff0) (i32.const 1) (i32.const 0)))"
            ),
            21
        );
        assert_eq!(
            exit_code(
                "(i32.store (i32.const 0) (i32.const 0xffff0000)) (i32.store (i32.const 4) (i32.const 16))
                 (call $exit (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))"
            ),
            21
        );
        // 2^32 - 1 iovecs: the byte count overflows before anything is read.
        assert_eq!(
            exit_code(
                "(call $exit (call $fd_write (i32.const 1) (i32.const 0) (i32.const -1) (i32.const 8)))"
            ),
            21
        );
        assert_eq!(
            exit_code("(call $exit (call $args_get (i32.const 65532) (i32.const 100)))"),
            21
        );
        assert_eq!(
            exit_code("(call $exit (call $random (i32.const 65000) (i32.const 1000)))"),
            21
        );
        assert_eq!(
            exit_code(
                "(call $exit (call $poll (i32.const 0) (i32.const 100) (i32.const -1) (i32.const 8)))"
            ),
            21
        );
    }

    #[test]
    fn what_is_not_open_is_ebadf_and_zero_subscriptions_einval() {
        assert_eq!(
            exit_code(
                "(call $exit (call $fd_write (i32.const 7) (i32.const 0) (i32.const 0) (i32.const 8)))"
            ),
            8
        );
        assert_eq!(
            exit_code(
                "(call $exit (call $path_open (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i64.const 0) (i64.const 0) (i32.const 0) (i32.const 0)))"
            ),
            8
        );
        assert_eq!(
            exit_code(
                "(call $exit (call $poll (i32.const 0) (i32.const 100) (i32.const 0) (i32.const 8)))"
            ),
            28
        );
        // A written iovec of 0 bytes succeeds, and `_start` returning is exit 0.
        assert_eq!(
            exit_code(
                "(drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 8)))"
            ),
            0
        );
    }

    #[test]
    fn a_virtual_clock_starts_where_asked_and_sleeps_advance_it() {
        let start: u64 = 1_767_225_600_000_000_000;
        // Realtime is the start; after a 1000 s relative clock subscription,
        // monotonic time is 1000 s past its start (1 ms: Go refuses 0) and
        // realtime the start plus 1000 s.
        let body = format!(
            "(drop (call $clock (i32.const 0) (i64.const 0) (i32.const 200)))
             (if (i64.ne (i64.load (i32.const 200)) (i64.const {start})) (then (call $exit (i32.const 1))))
             (i32.store8 (i32.const 8) (i32.const 0))
             (i64.store (i32.const 24) (i64.const 1000000000000))
             (if (call $poll (i32.const 0) (i32.const 100) (i32.const 1) (i32.const 300))
               (then (call $exit (i32.const 2))))
             (drop (call $clock (i32.const 1) (i64.const 0) (i32.const 200)))
             (if (i64.ne (i64.load (i32.const 200)) (i64.const 1000001000000)) (then (call $exit (i32.const 3))))
             (drop (call $clock (i32.const 0) (i64.const 0) (i32.const 200)))
             (if (i64.ne (i64.load (i32.const 200)) (i64.const {})) (then (call $exit (i32.const 4))))
             (call $exit (i32.const 0))",
            start + 1_000_000_000_000
        );
        assert_eq!(exit_code_with(&body, |c| c.virtual_clock(start)), 0);
    }

    #[test]
    fn guest_lengths_of_4_gib_are_refused_before_anything_is_allocated() {
        assert_eq!(
            exit_code("(call $exit (call $random (i32.const 0) (i32.const -1)))"),
            21
        );
        // One iovec of 2^32 - 1 bytes at address 0, read from stdin.
        let body = "(i32.store (i32.const 16) (i32.const 0)) (i32.store (i32.const 20) (i32.const -1))
                    (call $exit (call $fd_read (i32.const 0) (i32.const 16) (i32.const 1) (i32.const 8)))";
        assert_eq!(exit_code_with(body, |c| c.stdin(std::io::empty())), 21);
    }
}
