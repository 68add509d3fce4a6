//! The seam between the glue and the wasm engine that runs the guest.
//!
//! Everything `wasm_exec.js` does — the imports, the reference table, frame
//! decoding, the run/resume lifecycle — is written once, against [`Host`]:
//! the guest's linear memory, the engine's per-program state, and the
//! guest's exports, as seen from inside an import (the engine's `Caller`) or
//! from the embedder (its `Store`). Each engine implements it:
//!
//! - [`wasmi`](self::wasmi): the interpreter, always built, the default;
//! - `jit` (cargo feature `jit`): wasmtime with Cranelift.
//!
//! A backend supplies compilation, instantiation, the calling convention of
//! host functions, metering (fuel and interrupts) and the memory limiter;
//! it never sees a JS value except as the opaque `W::Value` the state holds.

#[cfg(feature = "jit")]
pub(crate) mod jit;
pub(crate) mod wasmi;

use crate::{HostError, LoadError, instance::WasmVal, state::HostState, world::World};

/// Which engine runs a module's wasm.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Backend {
    /// The wasmi interpreter: no code generation at run time, the fastest
    /// start, the smallest build. Always available.
    #[default]
    Wasmi,
    /// wasmtime with the Cranelift compiler: native code, several times
    /// faster once running; compiling a large module takes seconds (cached
    /// on disk, see [`ModuleConfig::cache`](crate::ModuleConfig::cache)).
    /// Only in builds with the `jit` cargo feature
    /// ([`Backend::available`]).
    Jit,
}

impl Backend {
    /// The backends this build has.
    pub fn available() -> &'static [Backend] {
        #[cfg(feature = "jit")]
        {
            &[Backend::Wasmi, Backend::Jit]
        }
        #[cfg(not(feature = "jit"))]
        {
            &[Backend::Wasmi]
        }
    }

    /// The name `gojs run --engine` takes: `wasmi` or `jit`.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Wasmi => "wasmi",
            Backend::Jit => "jit",
        }
    }

    /// The backend called `name` ([`name`](Self::name)), available or not.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "wasmi" => Some(Backend::Wasmi),
            "jit" => Some(Backend::Jit),
            _ => None,
        }
    }

    /// The backend the `GOJS_ENGINE` environment variable names (`wasmi`
    /// or `jit`), else [`Backend::Wasmi`]. A name that is not a backend is
    /// ignored; one not in this build fails at load
    /// ([`LoadError::Unavailable`]).
    pub fn from_env() -> Self {
        std::env::var("GOJS_ENGINE")
            .ok()
            .and_then(|name| Self::from_name(&name))
            .unwrap_or_default()
    }

    /// A one-line description of the engine behind it, with its version.
    pub fn describe(self) -> &'static str {
        match self {
            Backend::Wasmi => "wasmi 2 (interpreter)",
            Backend::Jit => "wasmtime 48 (Cranelift JIT)",
        }
    }
}

/// Where compiled code is cached: `$GOJS_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/gojs/jit`, else `$HOME/.cache/gojs/jit`; `None` when
/// none is set (then nothing is cached).
pub fn jit_cache_dir() -> Option<std::path::PathBuf> {
    if let Some(dir) = std::env::var_os("GOJS_CACHE_DIR") {
        return Some(dir.into());
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cache")))?;
    Some(base.join("gojs").join("jit"))
}

/// A guest export the glue calls.
pub(crate) enum Entry<'a> {
    /// Go's `run(argc, argv)`.
    Run(i32, i32),
    /// Go's and TinyGo's `resume()`.
    Resume,
    /// Go's `getsp() -> i32`.
    Getsp,
    /// TinyGo's `_start()` or `_initialize()`.
    Start,
    /// TinyGo's `go_scheduler()`.
    Scheduler,
    /// `testExport0()` of Go's `syscall/js` test binary.
    TestExport0,
    /// `testExport(a, b) -> i64` of the same.
    TestExport(i32, i64),
    /// Any function export by name, type already checked
    /// ([`Host::export_type`]); results are pushed onto `results`.
    Named {
        name: &'a str,
        params: &'a [WasmVal],
        results: &'a mut Vec<WasmVal>,
    },
}

/// How a call into the guest ended abruptly, as a backend reports it.
#[derive(Debug)]
pub(crate) enum GuestError {
    /// An import unwound the guest; the reason waits in
    /// [`HostState::unwinding`].
    Unwinding,
    /// The guest trapped, a limit stopped it, or the export is missing.
    Host(HostError),
}

impl From<HostError> for GuestError {
    fn from(e: HostError) -> Self {
        GuestError::Host(e)
    }
}

/// The error for an entry the module does not export.
pub(crate) fn missing(what: &str) -> GuestError {
    GuestError::Host(HostError::trap(
        None,
        format!("the module does not export {what}"),
    ))
}

/// A wasm value type, as the module checks and messages name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ValTy {
    I32,
    I64,
    F32,
    F64,
    /// A type no Go ABI uses (`v128`, a reference type), by name.
    Other(&'static str),
}

impl ValTy {
    pub(crate) fn name(self) -> &'static str {
        match self {
            ValTy::I32 => "i32",
            ValTy::I64 => "i64",
            ValTy::F32 => "f32",
            ValTy::F64 => "f64",
            ValTy::Other(name) => name,
        }
    }
}

/// A function type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FuncTy {
    pub params: Vec<ValTy>,
    pub results: Vec<ValTy>,
}

impl core::fmt::Display for FuncTy {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}", signature(&self.params, &self.results))
    }
}

/// `(i32, i64) -> (i64)`.
pub(crate) fn signature(params: &[ValTy], results: &[ValTy]) -> String {
    let list = |tys: &[ValTy]| tys.iter().map(|t| t.name()).collect::<Vec<_>>().join(", ");
    format!("({}) -> ({})", list(params), list(results))
}

/// What an import or export is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ExternTy {
    Func(FuncTy),
    /// A memory of at least `min_pages` 64 KiB pages.
    Memory {
        min_pages: u64,
    },
    /// A table or a global, described.
    Other(String),
}

/// The imports and exports of a compiled module, whatever compiled it: what
/// the ABI checks read.
#[derive(Clone, Debug, Default)]
pub(crate) struct Shape {
    /// `(module, name, type)` in declaration order.
    pub imports: Vec<(String, String, ExternTy)>,
    pub exports: Vec<(String, ExternTy)>,
}

impl Shape {
    pub(crate) fn export(&self, name: &str) -> Option<&ExternTy> {
        self.exports.iter().find(|(n, _)| n == name).map(|(_, t)| t)
    }

    pub(crate) fn imports_from(&self, module: &str) -> bool {
        self.imports.iter().any(|(m, ..)| m == module)
    }
}

/// The guest as the glue sees it: its state, its memory and its exports,
/// through a backend's store (from the embedder) or caller (inside an
/// import). Object-safe: imports take `&mut dyn Host<W>`, so the glue is
/// compiled once for every backend.
pub(crate) trait Host<W: World> {
    /// The engine's per-program state.
    fn state(&self) -> &HostState<W>;
    /// The same, mutably.
    fn state_mut(&mut self) -> &mut HostState<W>;
    /// Linear memory and the state at once; `None` while the module is
    /// being instantiated (only a hostile start function can see that).
    /// Taken afresh for every access: the guest may grow memory whenever it
    /// runs.
    fn memory_and_state(&mut self) -> Option<(&mut [u8], &mut HostState<W>)>;
    /// Linear memory, read-only.
    fn memory(&self) -> Option<&[u8]>;
    /// Calls `entry` under the meter. Returns the single result of `getsp`
    /// and `testExport`.
    fn call(&mut self, entry: Entry<'_>) -> Result<Option<WasmVal>, GuestError>;
    /// The type of the function export `name`, if there is one.
    fn export_type(&self, name: &str) -> Option<FuncTy>;
}

/// A compiled module of either backend.
#[derive(Clone)]
pub(crate) enum Compiled {
    Wasmi(self::wasmi::Compiled),
    #[cfg(feature = "jit")]
    Jit(self::jit::Compiled),
}

impl core::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Compiled::Wasmi(_) => f.write_str("Compiled::Wasmi"),
            #[cfg(feature = "jit")]
            Compiled::Jit(_) => f.write_str("Compiled::Jit"),
        }
    }
}

/// One program's store in either backend.
pub(crate) enum Store<W: World> {
    Wasmi(Box<self::wasmi::StoreOf<W>>),
    #[cfg(feature = "jit")]
    Jit(Box<self::jit::StoreOf<W>>),
}

impl<W: World> Store<W> {
    pub(crate) fn host(&mut self) -> &mut dyn Host<W> {
        match self {
            Store::Wasmi(s) => &mut **s,
            #[cfg(feature = "jit")]
            Store::Jit(s) => &mut **s,
        }
    }

    pub(crate) fn host_ref(&self) -> &dyn Host<W> {
        match self {
            Store::Wasmi(s) => &**s,
            #[cfg(feature = "jit")]
            Store::Jit(s) => &**s,
        }
    }
}

/// Compiles `wasm` with the backend `config` names.
pub(crate) fn compile(
    wasm: &[u8],
    config: crate::ModuleConfig,
) -> Result<(Compiled, Shape), LoadError> {
    match config.backend {
        Backend::Wasmi => {
            let (c, shape) = self::wasmi::compile(wasm, config)?;
            Ok((Compiled::Wasmi(c), shape))
        }
        #[cfg(feature = "jit")]
        Backend::Jit => {
            let (c, shape) = self::jit::compile(wasm, config)?;
            Ok((Compiled::Jit(c), shape))
        }
        #[cfg(not(feature = "jit"))]
        Backend::Jit => Err(LoadError::Unavailable(Backend::Jit)),
    }
}
