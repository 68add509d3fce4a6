//! The event loop's queues: timers (`setTimeout` and Go's
//! `scheduleTimeoutEvent`), completed I/O (`fs` callbacks, `setImmediate`,
//! operations completed off the loop), and promise jobs (microtasks).
//!
//! The loop runs in rounds: the I/O tasks completed before the round began
//! (not those they queue), then the timers that are due; microtasks are
//! drained after each task, as node does after each macrotask. With nothing
//! ready it waits for the earliest timer on the clock, or for an outside
//! completion, whichever comes first. Timers due at the same time fire in
//! the order they were created. The loop itself is in [`driver`].

pub(crate) mod driver;
pub(crate) mod external;

use boa_engine::{
    Context, JsResult, JsValue,
    job::{Job, JobExecutor},
};
use external::{Arrival, External};
use std::{
    cell::{Cell, RefCell},
    collections::{BTreeMap, VecDeque},
    rc::Rc,
};

/// What a timer does when it fires.
#[derive(Debug)]
pub(crate) enum TimerTask {
    /// Resume Go for its timeout `id` (`scheduleTimeoutEvent`).
    Go(i32),
    /// Call a JS function with arguments (`setTimeout(f, d, ...args)`);
    /// with `interval`, re-armed under the same handle before each call.
    Js {
        callback: JsValue,
        args: Vec<JsValue>,
        interval: Option<f64>,
    },
}

/// A completed I/O task, run as its own macrotask.
#[derive(Debug)]
pub(crate) enum Task {
    /// Call a JS function (an `fs` callback, `setImmediate`).
    Call {
        callback: JsValue,
        args: Vec<JsValue>,
    },
    /// Finish an operation that completed off the loop.
    Arrival(Arrival),
}

/// Timer key: due time in milliseconds (as ordered bits of a non-negative
/// f64), then creation order.
type Key = (u64, u64);

#[derive(Debug, Default)]
pub(crate) struct EventLoop {
    timers: RefCell<BTreeMap<Key, (u64, TimerTask)>>,
    by_handle: RefCell<BTreeMap<u64, Key>>,
    next_handle: Cell<u64>,
    /// Completed I/O, with the sequence number it was queued under.
    io: RefCell<VecDeque<(u64, Task)>>,
    next_io: Cell<u64>,
    pub jobs: Rc<Jobs>,
    /// Operations completing off the loop (stdin reads, host promises).
    pub external: External,
}

/// A timer taken from the queue because it is the next one due.
#[derive(Debug)]
pub(crate) struct Due {
    pub handle: u64,
    pub task: TimerTask,
}

impl EventLoop {
    /// Timers scheduled and not yet fired or cleared.
    pub fn timer_count(&self) -> usize {
        self.timers.borrow().len()
    }

    /// Schedules `task` at `now_ms + delay` (node clamps delays below 1 ms,
    /// and non-numbers, to 1 ms). Returns the handle for [`clear`](Self::clear).
    pub fn set_timer(&self, now_ms: f64, delay_ms: f64, task: TimerTask) -> u64 {
        let handle = self.next_handle.get() + 1;
        self.next_handle.set(handle);
        self.arm(handle, now_ms, delay_ms, task);
        handle
    }

    /// Schedules `task` under an existing `handle` (an interval's next tick).
    pub fn arm(&self, handle: u64, now_ms: f64, delay_ms: f64, task: TimerTask) {
        let delay = if (1.0..=2147483647.0).contains(&delay_ms) {
            delay_ms.floor()
        } else {
            1.0
        };
        // Creation order among equal due times: a re-armed interval goes
        // after timers created before it, like a fresh timer would.
        let seq = self.next_handle.get() + 1;
        self.next_handle.set(seq);
        let key = ((now_ms + delay).to_bits(), seq);
        self.timers.borrow_mut().insert(key, (handle, task));
        self.by_handle.borrow_mut().insert(handle, key);
    }

    /// `clearTimeout(handle)`; unknown handles are ignored.
    pub fn clear(&self, handle: u64) {
        if let Some(key) = self.by_handle.borrow_mut().remove(&handle) {
            self.timers.borrow_mut().remove(&key);
        }
    }

    /// Queues a completed I/O task.
    pub fn push_io(&self, task: Task) {
        let seq = self.next_io.get();
        self.next_io.set(seq + 1);
        self.io.borrow_mut().push_back((seq, task));
    }

    /// The sequence number the next queued I/O task will get: a round that
    /// starts now runs the tasks queued before it.
    pub fn io_mark(&self) -> u64 {
        self.next_io.get()
    }

    /// Whether any completed I/O is queued.
    pub fn has_io(&self) -> bool {
        !self.io.borrow().is_empty()
    }

    /// Moves the outside completions that have arrived to the I/O queue.
    pub fn collect_arrivals(&self) {
        while let Some(arrival) = self.external.try_arrival() {
            self.push_io(Task::Arrival(arrival));
        }
    }

    /// The next completed I/O task queued before `mark`.
    pub fn pop_io_before(&self, mark: u64) -> Option<Task> {
        let mut io = self.io.borrow_mut();
        match io.front() {
            Some((seq, _)) if *seq < mark => io.pop_front().map(|(_, task)| task),
            _ => None,
        }
    }

    /// When the earliest timer is due (elapsed clock milliseconds).
    pub fn next_due_ms(&self) -> Option<f64> {
        let timers = self.timers.borrow();
        timers
            .first_key_value()
            .map(|((due, _), _)| f64::from_bits(*due))
    }

    /// Clears every timer Go scheduled (`scheduleTimeoutEvent`): once the
    /// program has exited nothing may resume it.
    pub fn drop_go_timers(&self) {
        let mut timers = self.timers.borrow_mut();
        let mut by_handle = self.by_handle.borrow_mut();
        timers.retain(|_, (handle, task)| {
            let keep = !matches!(task, TimerTask::Go(_));
            if !keep {
                by_handle.remove(handle);
            }
            keep
        });
    }

    /// Takes the earliest timer.
    pub fn pop_timer(&self) -> Option<Due> {
        let (_, (handle, task)) = self.timers.borrow_mut().pop_first()?;
        self.by_handle.borrow_mut().remove(&handle);
        Some(Due { handle, task })
    }
}

/// boa's job executor: promise jobs and other jobs become microtasks, run
/// by [`Jobs::drain`] at macrotask boundaries.
#[derive(Debug, Default)]
pub(crate) struct Jobs {
    queue: RefCell<VecDeque<Job>>,
}

impl Jobs {
    /// Pushes a JS callback as a microtask (`queueMicrotask`).
    pub fn push(&self, job: Job) {
        self.queue.borrow_mut().push_back(job);
    }

    /// Runs microtasks until none is left; stops at the first error.
    pub fn drain(&self, ctx: &mut Context) -> JsResult<()> {
        loop {
            let job = self.queue.borrow_mut().pop_front();
            let Some(job) = job else { return Ok(()) };
            match job {
                Job::PromiseJob(j) => {
                    j.call(ctx)?;
                }
                Job::GenericJob(j) => {
                    j.call(ctx)?;
                }
                Job::TimeoutJob(j) => {
                    j.call(ctx)?;
                }
                // Not produced by the features gojs enables (async module
                // loading, intervals from host hooks): dropped.
                _ => {}
            }
        }
    }
}

impl JobExecutor for Jobs {
    fn enqueue_job(self: Rc<Self>, job: Job, _: &mut Context) {
        self.queue.borrow_mut().push_back(job);
    }

    fn run_jobs(self: Rc<Self>, ctx: &mut Context) -> JsResult<()> {
        self.drain(ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn go(id: i32) -> TimerTask {
        TimerTask::Go(id)
    }

    fn order(l: &EventLoop) -> Vec<i32> {
        let mut out = vec![];
        while let Some(Due {
            task: TimerTask::Go(id),
            ..
        }) = l.pop_timer()
        {
            out.push(id);
        }
        out
    }

    #[test]
    fn timers_fire_by_due_time_then_creation_order() {
        let l = EventLoop::default();
        l.set_timer(0.0, 5.0, go(1));
        l.set_timer(0.0, 1.0, go(2));
        l.set_timer(0.0, 5.0, go(3));
        l.set_timer(0.0, 0.0, go(4)); // clamped to 1 ms, after 2
        assert_eq!(order(&l), [2, 4, 1, 3]);
    }

    #[test]
    fn cleared_timers_never_fire() {
        let l = EventLoop::default();
        let a = l.set_timer(0.0, 1.0, go(1));
        l.set_timer(0.0, 2.0, go(2));
        l.clear(a);
        l.clear(999);
        assert_eq!(order(&l), [2]);
    }
}
