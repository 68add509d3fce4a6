//! Errors of the engine: loading a module, and host traps that unwind wasm.

use core::fmt;

/// Why a module cannot be run as a Go `js/wasm` program.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The bytes are not a valid WebAssembly module (truncated, corrupt,
    /// or using features the interpreter does not support).
    #[error("not a valid WebAssembly module: {0}")]
    InvalidWasm(#[source] wasmi::Error),
    /// The module imports from `go`: built by Go ≤ 1.20, whose ABI gojs does not speak.
    #[error(
        "module imports from \"go\" (Go 1.20 or older); gojs runs Go 1.21+ modules, which import from \"gojs\""
    )]
    LegacyGoModule,
    /// The module lacks an export every Go `js/wasm` program has.
    #[error("not a Go js/wasm module: missing export `{0}`")]
    MissingExport(&'static str),
    /// The module imports something no `wasm_exec.js` provides.
    #[error("not a Go js/wasm module: unknown import `{module}.{name}`")]
    UnknownImport {
        /// Import module.
        module: String,
        /// Import name.
        name: String,
    },
    /// An import or export has a different signature than Go's.
    #[error("`{name}` has signature {found}, expected {expected}")]
    Signature {
        /// `module.name` of the import, or the export name.
        name: String,
        /// What Go's ABI requires.
        expected: String,
        /// What the module declares.
        found: String,
    },
    /// Instantiation failed (e.g. data segments out of bounds, start function trapped).
    #[error("cannot instantiate module: {0}")]
    Instantiate(#[source] wasmi::Error),
    /// `argv` and `env` do not fit below Go's data segment (4096..12288).
    #[error("total length of command line and environment variables exceeds limit")]
    ArgsTooLong,
}

/// A host-side reason to unwind the wasm stack, carried inside a `wasmi::Error`.
///
/// A thrown JS value is not `Send`, so it waits in the host state
/// (`pending_throw`) and only the marker travels through wasmi.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HostTrap {
    /// `wasmExit` or `process.exit`.
    Exit(i32),
    /// A JS exception from an import that `wasm_exec.js` does not guard.
    Throw,
    /// A host limit or a nested trap.
    Fatal(String),
}

impl fmt::Display for HostTrap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostTrap::Exit(code) => write!(f, "exit({code})"),
            HostTrap::Throw => f.write_str("uncaught JavaScript exception"),
            HostTrap::Fatal(m) => f.write_str(m),
        }
    }
}

impl wasmi::errors::HostError for HostTrap {}
