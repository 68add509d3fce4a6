//! Errors of the engine: loading a module ([`LoadError`]), how a crossing
//! unwinds ([`Unwind`]), and why the host ended a program ([`HostError`]).

use core::fmt;

/// Why a module cannot be run as a Go `js/wasm` program.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The bytes are not a valid WebAssembly module (truncated, corrupt,
    /// or using features the interpreter does not support).
    #[error("not a valid WebAssembly module: {0}")]
    InvalidWasm(#[source] BoxError),
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
    Instantiate(#[source] BoxError),
    /// `argv` and `env` do not fit below Go's data segment (4096..12288).
    #[error("total length of command line and environment variables exceeds limit")]
    ArgsTooLong,
    /// The module cannot start within the limits (e.g. it declares more
    /// linear memory than [`Limits::max_memory`](crate::Limits::max_memory)).
    #[error(transparent)]
    Limit(HostError),
    /// The host stopped the start function: it called an import before the
    /// module was instantiated (a trap without a code), or was interrupted.
    #[error(transparent)]
    Start(HostError),
    /// The backend asked for is not in this build (the JIT needs the `jit`
    /// cargo feature).
    #[error("the {} backend is not in this build (it needs the cargo feature `jit`)", .0.name())]
    Unavailable(crate::Backend),
}

/// The engine's own error behind a [`LoadError`] (wasmi's or wasmtime's).
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Why a crossing did not complete normally: the one way JS work, a call
/// into the guest and an import all unwind.
///
/// `V` is the JS world's value type ([`World::Value`](crate::World::Value)).
#[derive(Debug)]
pub enum Unwind<V> {
    /// JavaScript threw this value. JS may catch it; where `wasm_exec.js`
    /// catches (`valueCall`, `valueInvoke`, `valueNew`) Go receives it as a
    /// `js.Error`.
    Throw(V),
    /// The program has exited (`os.Exit`, `main` returning, a Go panic, or
    /// `process.exit` from JS); nothing may catch it. The exit code is kept
    /// by the instance ([`GoInstance::exit_code`](crate::GoInstance::exit_code)),
    /// nowhere else.
    Exit,
    /// The host ended the program; nothing may catch it.
    Host(HostError),
}

impl<V> From<HostError> for Unwind<V> {
    fn from(e: HostError) -> Self {
        Unwind::Host(e)
    }
}

/// Why the host ended a program: the guest trapped, a limit was reached, or
/// gojs itself failed. One pointer wide, so results carrying it stay small.
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[error(transparent)]
pub struct HostError(Box<HostErrorKind>);

impl HostError {
    /// What happened.
    pub fn kind(&self) -> &HostErrorKind {
        &self.0
    }

    /// A trap of the guest's wasm.
    pub fn trap(code: Option<TrapCode>, message: impl Into<String>) -> Self {
        Self(Box::new(HostErrorKind::Trap {
            code,
            message: message.into(),
        }))
    }

    /// A limit was reached.
    pub fn limit(limit: Limit, detail: impl Into<String>) -> Self {
        Self(Box::new(HostErrorKind::Limit {
            limit,
            detail: detail.into(),
        }))
    }

    /// gojs failed: a bug of the host, never of the guest.
    pub fn internal(message: impl Into<String>) -> Self {
        Self(Box::new(HostErrorKind::Internal(message.into())))
    }

    /// The internal error replacing a panic caught in `what` (a bug of gojs:
    /// nothing a guest does should panic the host).
    pub fn from_panic(panic: &(dyn std::any::Any + Send), what: &str) -> Self {
        let message = panic
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("(no message)");
        Self::internal(format!("gojs bug: {what} panicked: {message}"))
    }
}

impl fmt::Debug for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// What a [`HostError`] is about.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HostErrorKind {
    /// The guest trapped (`unreachable`, an out-of-bounds access, …), or did
    /// something no Go toolchain emits (called an import while instantiating);
    /// `code` is `None` for the latter.
    #[error("wasm trap: {message}")]
    Trap {
        /// The wasm trap code, when the trap came from the interpreter.
        code: Option<TrapCode>,
        /// The interpreter's description.
        message: String,
    },
    /// A limit was reached.
    #[error("{limit} limit reached: {detail}")]
    Limit {
        /// Which limit.
        limit: Limit,
        /// What reached it.
        detail: String,
    },
    /// gojs failed; a bug to report.
    #[error("internal error: {0}")]
    Internal(String),
}

/// The limits a guest can reach that end it (limits that JS code can catch,
/// such as [`Limits::max_nesting`](crate::Limits::max_nesting), throw a JS
/// error instead). Each names an option of [`Limits`](crate::Limits) or of
/// the host.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Limit {
    /// One of the JS engine's own runtime limits (stack size, recursion,
    /// loop iterations): these cannot be caught by JS.
    JsEngine,
    /// The fuel budget ([`Limits::fuel`](crate::Limits::fuel)) is used up.
    Fuel,
    /// The deadline passed.
    Deadline,
    /// The embedder triggered the [`Interrupt`](crate::Interrupt).
    Interrupted,
    /// Linear memory ([`Limits::max_memory`](crate::Limits::max_memory)).
    Memory,
    /// Live references ([`Limits::max_refs`](crate::Limits::max_refs)).
    Refs,
    /// Timers ([`Limits::max_timers`](crate::Limits::max_timers)).
    Timers,
    /// Output per stream ([`Limits::max_output`](crate::Limits::max_output)).
    Output,
    /// The native stack of the thread the program runs on.
    Stack,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Limit::JsEngine => "JS engine",
            Limit::Fuel => "fuel",
            Limit::Deadline => "deadline",
            Limit::Interrupted => "interrupt",
            Limit::Memory => "memory",
            Limit::Refs => "references",
            Limit::Timers => "timers",
            Limit::Output => "output",
            Limit::Stack => "native stack",
        })
    }
}

/// Why wasm trapped, independent of the interpreter that ran it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TrapCode {
    /// `unreachable` was executed.
    Unreachable,
    /// A load or store outside linear memory.
    MemoryOutOfBounds,
    /// A table access out of bounds.
    TableOutOfBounds,
    /// `call_indirect` of a null table entry.
    IndirectCallToNull,
    /// Integer division or remainder by zero.
    IntegerDivisionByZero,
    /// Integer overflow (e.g. `i32::MIN / -1`).
    IntegerOverflow,
    /// A float-to-integer conversion out of range.
    BadConversionToInteger,
    /// The wasm call stack is exhausted.
    StackOverflow,
    /// `call_indirect` with a mismatching signature.
    BadSignature,
    /// The fuel budget is used up.
    OutOfFuel,
    /// `memory.grow` or `table.grow` was refused by a limit.
    GrowthLimited,
    /// The host ran out of memory.
    OutOfSystemMemory,
}

impl From<wasmi::TrapCode> for TrapCode {
    fn from(code: wasmi::TrapCode) -> Self {
        use wasmi::TrapCode as W;
        match code {
            W::UnreachableCodeReached => TrapCode::Unreachable,
            W::MemoryOutOfBounds => TrapCode::MemoryOutOfBounds,
            W::TableOutOfBounds => TrapCode::TableOutOfBounds,
            W::IndirectCallToNull => TrapCode::IndirectCallToNull,
            W::IntegerDivisionByZero => TrapCode::IntegerDivisionByZero,
            W::IntegerOverflow => TrapCode::IntegerOverflow,
            W::BadConversionToInteger => TrapCode::BadConversionToInteger,
            W::StackOverflow => TrapCode::StackOverflow,
            W::BadSignature => TrapCode::BadSignature,
            W::OutOfFuel => TrapCode::OutOfFuel,
            W::GrowthOperationLimited => TrapCode::GrowthLimited,
            W::OutOfSystemMemory => TrapCode::OutOfSystemMemory,
        }
    }
}

/// The marker that travels through the engine while the guest's stack unwinds.
///
/// A thrown JS value is not `Send`, so what unwinds waits in the host state
/// (`HostState::unwinding`) and only this marker goes through the engine.
#[derive(Debug)]
pub(crate) struct Unwinding;

impl fmt::Display for Unwinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unwinding the guest (the reason is kept by the host)")
    }
}

impl std::error::Error for Unwinding {}

impl wasmi::errors::HostError for Unwinding {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_stay_one_or_two_words() {
        // Like wasmi's own `Error`, a host error is one pointer, so every
        // `Result` of a crossing stays small.
        assert_eq!(size_of::<HostError>(), size_of::<usize>());
        assert!(size_of::<Unwind<u64>>() <= 2 * size_of::<usize>());
    }

    #[test]
    fn trap_codes_keep_their_meaning() {
        let code = wasmi::TrapCode::UnreachableCodeReached;
        let e = HostError::trap(Some(code.into()), wasmi::Error::from(code).to_string());
        assert_eq!(
            e.kind(),
            &HostErrorKind::Trap {
                code: Some(TrapCode::Unreachable),
                message: "wasm `unreachable` instruction executed".into()
            }
        );
        assert_eq!(
            e.to_string(),
            "wasm trap: wasm `unreachable` instruction executed"
        );
        assert_eq!(
            HostError::limit(Limit::JsEngine, "stack").to_string(),
            "JS engine limit reached: stack"
        );
    }
}
