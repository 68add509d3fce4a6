//! The event-loop driver: runs a program's JS world as node's event loop
//! does between `go.run` and exit, until the program exits, parks (nothing
//! runnable: only a callback or a timer could wake it), a promise settles,
//! or a deadline passes. [`Session`](crate::Session) drives with it; so does
//! [`Program::run`](crate::Program::run), through the session.

use super::{Task, TimerTask};
use crate::{globals::console::inspect, host::HostData, world::BoaWorld};
use boa_engine::{
    JsObject, JsString, JsValue, builtins::promise::PromiseState, object::ObjectInitializer,
    object::builtins::JsPromise, property::Attribute,
};
use gojs_engine::{GoInstance, HostError, Unwind, World};
use std::time::{Duration, Instant};

/// How long the loop waits at most before it looks at the interrupt again.
const INTERRUPT_POLL: Duration = Duration::from_millis(20);

/// What to drive the loop for.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Until<'p> {
    /// Until nothing is runnable now: what is left can only be woken by a
    /// timer that is not due yet, an outside completion, or a call (the
    /// program has *parked*). Never waits.
    Parked,
    /// Until nothing is left that could run, waiting for timers and outside
    /// completions (what keeps node's process alive).
    Idle,
    /// Until this promise is fulfilled or rejected.
    Settled(&'p JsPromise),
}

/// Why the driver stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stop {
    /// As asked by [`Until::Parked`] or [`Until::Idle`].
    Idle,
    /// The program exited while driving (or an uncaught exception ended it).
    Exited,
    /// The awaited promise settled.
    Settled,
    /// The deadline passed first.
    Deadline,
}

/// One program's world and instance, borrowed for driving.
pub(crate) struct Driver<'a> {
    pub world: &'a mut BoaWorld,
    pub instance: &'a mut GoInstance<BoaWorld>,
}

impl Driver<'_> {
    /// Runs microtasks, I/O tasks and timers in node's order until `until`
    /// holds, the program exits, or `deadline` passes.
    ///
    /// # Errors
    ///
    /// A [`HostError`] that ended the program (a trap, a limit).
    pub fn run(&mut self, until: Until<'_>, deadline: Option<Instant>) -> Result<Stop, HostError> {
        let data = self.world.data();
        // After the program exited, JS may still run (an embedder's promise
        // of its own): stop on an exit only if it happens now.
        let exited_before = self.instance.exit_code().is_some();
        let mut go_timers_dropped = false;
        let mut round = data.event_loop.io_mark();
        loop {
            if let Some(e) = data.interrupt.error() {
                return Err(e);
            }
            if let Some(stop) = self.task(|w| data.event_loop.jobs.drain(w.context()))? {
                return Ok(stop);
            }
            if self.instance.exit_code().is_some() {
                if !exited_before {
                    return Ok(Stop::Exited);
                }
                // Go's timers die with the program; JS's live on.
                if !go_timers_dropped {
                    data.event_loop.drop_go_timers();
                    go_timers_dropped = true;
                }
            }
            if let Until::Settled(p) = until
                && p.state() != PromiseState::Pending
            {
                return Ok(Stop::Settled);
            }
            let left = match deadline {
                Some(d) => match d.checked_duration_since(Instant::now()) {
                    Some(left) if !left.is_zero() => Some(left),
                    _ => return Ok(Stop::Deadline),
                },
                None => None,
            };
            data.event_loop.collect_arrivals();
            // This round's I/O, then the timers that are due.
            if let Some(task) = data.event_loop.pop_io_before(round) {
                if let Some(stop) = self.io(&data, task)? {
                    return Ok(stop);
                }
                continue;
            }
            let due = data.event_loop.next_due_ms();
            if due.is_some_and(|due| due <= data.clock.elapsed_ms()) {
                if let Some(stop) = self.timer()? {
                    return Ok(stop);
                }
                continue;
            }
            round = data.event_loop.io_mark();
            if data.event_loop.has_io() {
                continue;
            }
            // Nothing is ready: wait for the earliest timer or an outside
            // completion, unless only the runnable work was asked for.
            let pending = data.event_loop.external.pending() > 0;
            if matches!(until, Until::Parked) || (due.is_none() && !pending) {
                return Ok(Stop::Idle);
            }
            let wait = due.map(|due| data.clock.time_until(due));
            let wait = match (wait, left) {
                (Some(w), Some(l)) => Some(w.min(l)),
                (w, l) => w.or(l),
            };
            // Wake up now and then to see an interrupt.
            let wait = Some(wait.map_or(INTERRUPT_POLL, |w| w.min(INTERRUPT_POLL)));
            if pending {
                if let Some(arrival) = data.event_loop.external.wait(wait) {
                    data.event_loop.push_io(Task::Arrival(arrival));
                }
            } else if let Some(wait) = wait {
                std::thread::sleep(wait);
            }
        }
    }

    /// Runs one completed I/O task.
    fn io(&mut self, data: &HostData, task: Task) -> Result<Option<Stop>, HostError> {
        match task {
            Task::Call { callback, args } => self.task(|w| call(w, &callback, &args).map(drop)),
            Task::Arrival(arrival) => {
                self.task(|w| data.event_loop.external.finish(arrival, w.context()))
            }
        }
    }

    /// Fires the earliest timer (its time has come).
    fn timer(&mut self) -> Result<Option<Stop>, HostError> {
        let data = self.world.data();
        let Some(due) = data.event_loop.pop_timer() else {
            return Ok(None);
        };
        match due.task {
            TimerTask::Go(id) => {
                let fired = self.instance.fire_timeout(self.world, id);
                self.settle(fired)
            }
            TimerTask::Js {
                callback,
                args,
                interval,
            } => {
                if let Some(delay) = interval {
                    let task = TimerTask::Js {
                        callback: callback.clone(),
                        args: args.clone(),
                        interval,
                    };
                    data.event_loop
                        .arm(due.handle, data.clock.elapsed_ms(), delay, task);
                }
                self.task(|w| call(w, &callback, &args).map(drop))
            }
        }
    }

    /// Runs top-level JS work and says whether it ended the run.
    fn task(
        &mut self,
        f: impl FnOnce(&mut BoaWorld) -> boa_engine::JsResult<()>,
    ) -> Result<Option<Stop>, HostError> {
        let outcome = top_level(self.world, self.instance, f);
        self.settle(outcome)
    }

    /// What the way a top-level task ended means for the run: an exit or an
    /// uncaught exception (printed as node prints it, exit code 1 unless the
    /// program had already exited with its own) ends it.
    fn settle(&mut self, outcome: Result<(), Unwind<JsValue>>) -> Result<Option<Stop>, HostError> {
        // An exit or host error a native swallowed still counts.
        let outcome = match self.world.take_pending_unwind() {
            Some(unwind) => Err(unwind),
            None => outcome,
        };
        match outcome {
            Ok(()) => Ok(None),
            Err(Unwind::Exit) => Ok(Some(Stop::Exited)),
            Err(Unwind::Throw(v)) => {
                report_uncaught(self.world, &v);
                if self.instance.exit_code().is_none() {
                    self.instance.exit(1);
                }
                Ok(Some(Stop::Exited))
            }
            Err(Unwind::Host(e)) => Err(e),
        }
    }

    /// The `{id: 0}` event: what `wasm_exec_node.js` does on node's `exit`
    /// event when the program has not exited (`go._pendingEvent = { id: 0 };
    /// go._resume()`), so that Go reports its deadlock.
    pub fn pending_event_zero(&mut self) -> Result<(), HostError> {
        let go = self.world.data().go.clone();
        let set = top_level(self.world, self.instance, |w| {
            set_pending_event_zero(&go, w)
        });
        if self.settle(set)?.is_some() {
            return Ok(());
        }
        let resumed = self.instance.resume(self.world);
        self.settle(resumed).map(drop)
    }
}

fn set_pending_event_zero(go: &JsObject, w: &mut BoaWorld) -> boa_engine::JsResult<()> {
    let event = ObjectInitializer::new(w.context())
        .property(JsString::from("id"), 0, Attribute::all())
        .build();
    go.set(JsString::from("_pendingEvent"), event, true, w.context())
        .map(drop)
}

fn call(w: &mut BoaWorld, callback: &JsValue, args: &[JsValue]) -> boa_engine::JsResult<JsValue> {
    match callback.as_callable() {
        Some(f) => f.call(&JsValue::undefined(), args, w.context()),
        None => Ok(JsValue::undefined()),
    }
}

/// Runs top-level JS work with the program lent to the world's natives, and
/// says how it ended. An exit that happens during `f` ends it even if some
/// native swallowed the uncatchable error on the way.
pub(crate) fn top_level<T>(
    world: &mut BoaWorld,
    instance: &mut GoInstance<BoaWorld>,
    f: impl FnOnce(&mut BoaWorld) -> boa_engine::JsResult<T>,
) -> Result<T, Unwind<JsValue>> {
    let exited_before = instance.exit_code().is_some();
    // Nothing gojs does on guest data should panic; should it still, the
    // program ends with an internal error rather than unwinding into the
    // embedder's stack (imports under wasm catch theirs the same way).
    let entered =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| instance.enter(world, f)));
    let result = match entered {
        Ok(r) => r.map_err(|e| world.unwind(e)),
        Err(panic) => {
            return Err(Unwind::Host(gojs_engine::HostError::from_panic(
                &*panic, "JS work",
            )));
        }
    };
    if let Some(unwind) = world.take_pending_unwind() {
        return Err(unwind);
    }
    match result {
        Ok(_) if !exited_before && instance.exit_code().is_some() => Err(Unwind::Exit),
        other => other,
    }
}

/// Prints an uncaught exception as node's first line of it (`Name:
/// message`) on the program's stderr, and returns that text.
pub(crate) fn report_uncaught(world: &mut BoaWorld, v: &JsValue) -> String {
    let shown = inspect(v, world.context(), 2).unwrap_or_else(|_| "Uncaught exception".into());
    let _ = world
        .data()
        .write_stream(2, format!("{shown}\n").as_bytes());
    shown
}

/// The deadline `timeout` from now (`None`: no deadline; a timeout too large
/// to add is no deadline either).
pub(crate) fn deadline(timeout: Option<Duration>) -> Option<Instant> {
    timeout.and_then(|t| Instant::now().checked_add(t))
}
