//! The engine's per-instance state, kept in the wasmi `Store`.

use crate::{
    Link,
    error::{HostError, Unwind, Unwinding},
    limits::{Interrupt, Limits},
    metering::Fuel,
    name_cache::NameCache,
    table::RefTable,
    world::World,
};
use rustc_hash::FxHashMap;
use wasmi::{Memory, TypedFunc};

/// The exports the glue calls: Go's (`run`, `resume`, `getsp`, always
/// there), TinyGo's (`_start` or `_initialize`, `resume`, `go_scheduler`),
/// and those of Go test binaries.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Exports {
    /// For [`GoInstance::call_export`](crate::GoInstance::call_export).
    pub instance: wasmi::Instance,
    pub memory: Memory,
    pub run: Option<TypedFunc<(i32, i32), ()>>,
    pub resume: Option<TypedFunc<(), ()>>,
    pub getsp: Option<TypedFunc<(), i32>>,
    /// TinyGo's `_start`, or `_initialize`.
    pub start: Option<TypedFunc<(), ()>>,
    /// TinyGo's `go_scheduler`.
    pub scheduler: Option<TypedFunc<(), ()>>,
    pub test_export0: Option<TypedFunc<(), ()>>,
    pub test_export: Option<TypedFunc<(i32, i64), i64>>,
}

/// How often each kind of crossing happened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Counters {
    /// Calls of guest exports (`run`, `resume`, test exports): host → guest.
    /// An import that sees this unchanged after its JS work knows Go did not
    /// run, so `sp` cannot have moved.
    pub entries: u64,
}

pub(crate) struct HostState<W: World> {
    /// Where the world is lent by whoever called into the guest, and where
    /// the guest is lent while JS runs.
    pub link: Link<W>,
    pub table: RefTable<W::Value>,
    /// `None` only between `Store` creation and the end of instantiation.
    pub exports: Option<Exports>,
    /// The exit code once the program exited: the only place it is kept.
    pub exit_code: Option<i32>,
    /// What is unwinding the guest's stack while the [`Unwinding`] marker
    /// travels through wasmi.
    pub unwinding: Option<Unwind<W::Value>>,
    /// `_scheduledTimeouts`: Go timeout id → world timer handle.
    pub timeouts: FxHashMap<i32, u64>,
    /// `_nextCallbackTimeoutID`.
    pub next_timeout_id: i32,
    /// Milliseconds `wasm_exec.js` adds to every timeout the guest asks
    /// for: 1 in Go ≤ 1.20's ("setTimeout has been seen to fire up to 1
    /// millisecond early"), 0 since.
    pub timeout_slack_ms: i64,
    /// Which glue the program speaks.
    pub abi: crate::GoAbi,
    /// TinyGo's `logLine`: bytes written to fd 1 since the last newline,
    /// printed by `console.log` when the newline comes.
    pub log_line: Vec<u8>,
    /// Guest entries in progress (JS → guest nesting).
    pub depth: u32,
    pub limits: Limits,
    pub counters: Counters,
    /// Whether wasm is metered, and the fuel budget left to hand out.
    pub fuel: Fuel,
    /// Stops the program from another thread.
    pub interrupt: Interrupt,
    /// Linear memory within [`Limits::max_memory`], tables within V8's
    /// maximum (so node and gojs refuse the same table bombs).
    pub limiter: wasmi::StoreLimits,
    /// Property names already made into keys, by their guest bytes (see
    /// [`NameCache`]).
    pub names: NameCache<W::Key>,
}

impl<W: World> HostState<W> {
    pub fn new(
        link: Link<W>,
        mut table: RefTable<W::Value>,
        limits: Limits,
        fuel: Fuel,
        interrupt: Interrupt,
    ) -> Self {
        table.set_max_live(limits.max_refs);
        Self {
            fuel,
            interrupt,
            limiter: {
                let mut b = wasmi::StoreLimitsBuilder::new().table_elements(MAX_TABLE_ELEMENTS);
                if let Some(max) = limits.max_memory {
                    b = b.memory_size(usize::try_from(max).unwrap_or(usize::MAX));
                }
                b.build()
            },
            link,
            table,
            exports: None,
            exit_code: None,
            unwinding: None,
            timeouts: FxHashMap::default(),
            next_timeout_id: 1,
            timeout_slack_ms: 0,
            abi: crate::GoAbi::default(),
            log_line: Vec::new(),
            depth: 0,
            limits,
            counters: Counters::default(),
            names: NameCache::default(),
        }
    }

    /// The exports, or a host error if an import runs before instantiation
    /// finished (only a hostile module's start function can do that).
    pub fn exports(&self) -> Result<Exports, HostError> {
        self.exports.ok_or_else(before_instantiation)
    }

    /// Makes `unwind` the reason the guest's stack unwinds, and returns the
    /// marker error to hand to wasmi.
    pub fn start_unwinding(&mut self, unwind: Unwind<W::Value>) -> wasmi::Error {
        self.unwinding = Some(unwind);
        wasmi::Error::host(Unwinding)
    }

    /// Turns a wasmi error that unwound a guest call into what the caller sees.
    pub fn classify(&mut self, error: wasmi::Error) -> Unwind<W::Value> {
        if error.downcast_ref::<Unwinding>().is_some() {
            return self.unwinding.take().unwrap_or_else(|| {
                Unwind::Host(HostError::internal(
                    "the reason for unwinding the guest was lost",
                ))
            });
        }
        // A guest that traps right after `wasmExit` returned (what a Rust
        // guest does on a host where exit returns) has exited.
        if self.exit_code.is_some() {
            return Unwind::Exit;
        }
        Unwind::Host(HostError::from_wasmi(&error))
    }
}

/// V8's `wasm_max_table_size`: node refuses larger tables.
pub(crate) const MAX_TABLE_ELEMENTS: usize = 10_000_000;

/// An import called by a module's start function, before the exports exist.
pub(crate) fn before_instantiation() -> HostError {
    HostError::trap(
        None,
        "an import was called before the module was instantiated",
    )
}
