//! What a guest may make the host do: [`Limits`] (numbers set before a
//! program starts) and [`Interrupt`] (a handle that stops it from another
//! thread, by hand or at a deadline).
//!
//! The engine enforces the limits on wasm and on the table: fuel (an
//! instruction budget, [`Limits::fuel`]), linear memory
//! ([`Limits::max_memory`]), live references ([`Limits::max_refs`]) and
//! nesting ([`Limits::max_nesting`]); the JS world enforces the rest
//! (timers, output) with the same [`Limit`](crate::Limit) kinds. An
//! interrupt is seen by wasm within one fuel slice ([`FUEL_SLICE`]
//! instructions: well under 100 ms) on wasmi, within one epoch tick (10 ms)
//! on the JIT, and by the host at every import call.

use std::sync::{
    Arc,
    atomic::{AtomicU8, Ordering},
};

/// Limits on what a guest may make the host do. The default is node's
/// behaviour: no limit but the nesting depth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// How deeply JS → guest re-entries may nest (a Go callback calling JS
    /// calling a Go callback …). Past it — or when the native stack of the
    /// thread runs low first — the innermost call throws a JS
    /// `RangeError("Maximum call stack size exceeded")`, as a JS engine does
    /// when its stack runs out.
    pub max_nesting: u32,
    /// Wasm instructions the program may run in all (the backend's fuel
    /// units: about one per instruction, weighted differently by wasmi and
    /// wasmtime), `None` for no budget. Needs a metered module
    /// ([`ModuleConfig::metering`](crate::ModuleConfig::metering)).
    pub fuel: Option<u64>,
    /// Bytes of linear memory: a module declaring more does not start, and
    /// `memory.grow` past it fails as the wasm spec allows (it returns -1;
    /// Go then reports that it is out of memory).
    pub max_memory: Option<u64>,
    /// Live reference-table slots beyond the predefined ones (prepared
    /// strings counted): what JS values the guest may hold at once.
    pub max_refs: Option<u32>,
    /// Timers (JS's and Go's) scheduled at once; enforced by the world.
    pub max_timers: Option<u32>,
    /// Bytes a program may write to each of stdout and stderr; enforced by
    /// the world.
    pub max_output: Option<u64>,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_nesting: 10_000,
            fuel: None,
            max_memory: None,
            max_refs: None,
            max_timers: None,
            max_output: None,
        }
    }
}

impl Limits {
    /// Finite bounds for a program nobody vouches for (what
    /// `gojs run --sandbox` and `Program::sandbox` use): 1 GiB of linear
    /// memory, 2^20 live references, 10 000 timers, 64 MiB per output
    /// stream; nesting as by default. No fuel budget: a deadline bounds
    /// time without the need of a metered module.
    pub const SANDBOX: Limits = Limits {
        max_nesting: 10_000,
        fuel: None,
        max_memory: Some(1 << 30),
        max_refs: Some(1 << 20),
        max_timers: Some(10_000),
        max_output: Some(64 << 20),
    };
}

/// Native stack kept free: a guest entry (a JS → guest call) with less left
/// on the thread throws the nesting `RangeError` instead of running, so deep
/// nesting cannot overflow the stack of whatever thread runs the program.
/// Also what the JS world keeps free below its own checks.
pub const STACK_RED_ZONE: usize = 256 << 10;

/// Fuel handed to wasm at a time when the module is metered: the engine
/// checks the [`Interrupt`] whenever a slice is used up. One slice is a few
/// milliseconds of interpretation.
pub const FUEL_SLICE: u64 = 1 << 20;

/// Stops a program from another thread: `Send + Sync`, cheap to clone (an
/// `Arc`). Once triggered it stays triggered: the running wasm stops within
/// one fuel slice, every import call and every guest entry fails with the
/// limit, and the JS world stops at its next task.
#[derive(Clone, Debug, Default)]
pub struct Interrupt {
    state: Arc<AtomicU8>,
}

/// Why an [`Interrupt`] was triggered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InterruptReason {
    /// The embedder called [`Interrupt::trigger`].
    Requested,
    /// The program's deadline passed.
    Deadline,
}

const NONE: u8 = 0;
const REQUESTED: u8 = 1;
const DEADLINE: u8 = 2;

impl Interrupt {
    /// A handle that has not been triggered.
    pub fn new() -> Self {
        Self::default()
    }

    /// Stops the program. Triggering again, or after the deadline, keeps the
    /// first reason.
    pub fn trigger(&self) {
        self.set(REQUESTED);
    }

    /// Stops the program because its deadline passed.
    pub fn trigger_deadline(&self) {
        self.set(DEADLINE);
    }

    fn set(&self, reason: u8) {
        let _ = self
            .state
            .compare_exchange(NONE, reason, Ordering::Relaxed, Ordering::Relaxed);
    }

    /// Why it was triggered, if it was.
    pub fn reason(&self) -> Option<InterruptReason> {
        match self.state.load(Ordering::Relaxed) {
            REQUESTED => Some(InterruptReason::Requested),
            DEADLINE => Some(InterruptReason::Deadline),
            _ => None,
        }
    }

    /// The host error for a triggered interrupt.
    pub fn error(&self) -> Option<crate::HostError> {
        self.reason().map(|reason| match reason {
            InterruptReason::Requested => crate::HostError::limit(
                crate::Limit::Interrupted,
                "the embedder interrupted the program",
            ),
            InterruptReason::Deadline => {
                crate::HostError::limit(crate::Limit::Deadline, "the program's deadline passed")
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_reason_sticks() {
        let i = Interrupt::new();
        assert_eq!(i.reason(), None);
        let other = i.clone();
        std::thread::spawn(move || other.trigger_deadline())
            .join()
            .unwrap();
        i.trigger();
        assert_eq!(i.reason(), Some(InterruptReason::Deadline));
    }
}
