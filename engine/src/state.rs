//! The engine's per-instance state, kept in the backend's store.

use crate::{
    Link,
    backend::GuestError,
    error::{HostError, Unwind},
    limits::{Interrupt, Limits},
    name_cache::NameCache,
    table::RefTable,
    world::World,
};
use rustc_hash::FxHashMap;

/// Fuel state of one program (kept in [`HostState`]).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Fuel {
    /// Whether the module is metered.
    pub metered: bool,
    /// Fuel not yet handed out, for a budget; `None`: no budget.
    pub unspent: Option<u64>,
}

impl Fuel {
    /// The next slice to hand out, taken from the budget; `None` when the
    /// budget is used up.
    pub(crate) fn next_slice(&mut self) -> Option<u64> {
        match &mut self.unspent {
            None => Some(crate::FUEL_SLICE),
            Some(0) => None,
            Some(left) => {
                let slice = crate::FUEL_SLICE.min(*left);
                *left -= slice;
                Some(slice)
            }
        }
    }
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
    /// The `js.Func` wrappers among the table's slots.
    pub funcs: crate::leaks::FuncTracker,
    /// The exit code once the program exited: the only place it is kept.
    pub exit_code: Option<i32>,
    /// What is unwinding the guest's stack while the backend's marker error
    /// travels through the engine.
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
    /// The lowest stack address guest code may use, when the backend bounds
    /// it below the thread's own stack (the JIT: wasmtime's
    /// `max_wasm_stack` counts from the outermost entry); 0 when unbounded.
    pub stack_floor: usize,
    pub limits: Limits,
    pub counters: Counters,
    /// Whether wasm is metered, and the fuel budget left to hand out.
    pub fuel: Fuel,
    /// Stops the program from another thread.
    pub interrupt: Interrupt,
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
            link,
            table,
            funcs: Default::default(),
            exit_code: None,
            unwinding: None,
            timeouts: FxHashMap::default(),
            next_timeout_id: 1,
            timeout_slack_ms: 0,
            abi: crate::GoAbi::default(),
            log_line: Vec::new(),
            depth: 0,
            stack_floor: 0,
            limits,
            counters: Counters::default(),
            names: NameCache::default(),
        }
    }

    /// Turns how a guest call ended abruptly into what the caller sees.
    pub fn classify(&mut self, error: GuestError) -> Unwind<W::Value> {
        match error {
            GuestError::Unwinding => self.unwinding.take().unwrap_or_else(|| {
                Unwind::Host(HostError::internal(
                    "the reason for unwinding the guest was lost",
                ))
            }),
            // A guest that traps right after `wasmExit` returned (what a Rust
            // guest does on a host where exit returns) has exited.
            GuestError::Host(_) if self.exit_code.is_some() => Unwind::Exit,
            GuestError::Host(e) => Unwind::Host(e),
        }
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
