//! Time for the JS world and the guest: node's clocks, or a virtual clock.
//!
//! With [`ClockMode::Real`], `performance.now()`, `Date.now()` and Go's
//! `nanotime1`/`walltime` read the system clocks and timers wait for real.
//! With [`ClockMode::Virtual`], time starts at a fixed instant and only moves
//! when the event loop jumps to the next due timer: `time.Sleep(time.Hour)`
//! returns at once, and every run of a program sees the same times.

use boa_engine::context::{Clock, time::JsInstant};
use std::{
    cell::Cell,
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

/// How time passes for a program.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum ClockMode {
    /// System time; timers wait for real (node's behaviour).
    #[default]
    Real,
    /// Deterministic time starting at `start_epoch_ms` (milliseconds since the
    /// Unix epoch); waiting for a timer advances it instantly.
    Virtual {
        /// Wall-clock time at start.
        start_epoch_ms: f64,
    },
}

impl ClockMode {
    /// A virtual clock starting at 2026-01-01T00:00:00Z (recent enough that
    /// programs checking the date for sanity accept it).
    pub const fn virtual_default() -> Self {
        ClockMode::Virtual {
            start_epoch_ms: 1_767_225_600_000.0,
        }
    }
}

/// The clock of one program.
#[derive(Debug)]
pub(crate) struct HostClock {
    mode: ClockMode,
    start: Instant,
    /// Wall-clock milliseconds at start (`timeOrigin`).
    origin_ms: f64,
    /// Virtual milliseconds elapsed since start.
    virtual_elapsed: Cell<f64>,
}

impl HostClock {
    pub fn new(mode: ClockMode) -> Self {
        let origin_ms = match mode {
            ClockMode::Real => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0.0, |d| d.as_secs_f64() * 1000.0),
            ClockMode::Virtual { start_epoch_ms } => start_epoch_ms,
        };
        Self {
            mode,
            start: Instant::now(),
            origin_ms,
            virtual_elapsed: Cell::new(0.0),
        }
    }

    /// `performance.now()`: milliseconds since start.
    pub fn elapsed_ms(&self) -> f64 {
        match self.mode {
            ClockMode::Real => self.start.elapsed().as_secs_f64() * 1000.0,
            ClockMode::Virtual { .. } => self.virtual_elapsed.get(),
        }
    }

    /// `timeOrigin + performance.now()`.
    pub fn monotonic_ms(&self) -> f64 {
        self.origin_ms + self.elapsed_ms()
    }

    /// `Date.now()`.
    pub fn wall_ms(&self) -> f64 {
        match self.mode {
            ClockMode::Real => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0.0, |d| d.as_millis() as f64),
            ClockMode::Virtual { .. } => (self.origin_ms + self.virtual_elapsed.get()).floor(),
        }
    }

    /// How long, in real time, until `elapsed_ms() >= target_ms`. A virtual
    /// clock jumps there at once and answers zero.
    pub fn time_until(&self, target_ms: f64) -> Duration {
        match self.mode {
            ClockMode::Real => {
                let left = (target_ms - self.elapsed_ms()) / 1000.0;
                // Timer delays are clamped to 2^31 ms, so `left` is finite.
                Duration::try_from_secs_f64(left).unwrap_or(Duration::ZERO)
            }
            ClockMode::Virtual { .. } => {
                if target_ms > self.virtual_elapsed.get() {
                    self.virtual_elapsed.set(target_ms);
                }
                Duration::ZERO
            }
        }
    }
}

/// boa's clock (for `Date`), reading the same time as the guest.
#[derive(Debug)]
pub(crate) struct BoaClock(pub std::rc::Rc<HostClock>);

impl Clock for BoaClock {
    fn now(&self) -> JsInstant {
        let ms = self.0.elapsed_ms();
        JsInstant::new((ms / 1000.0) as u64, ((ms % 1000.0) * 1e6) as u32)
    }

    fn system_time_millis(&self) -> i64 {
        self.0.wall_ms() as i64
    }
}
