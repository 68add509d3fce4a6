//! Operations that complete off the event loop's thread: a read of stdin
//! waiting on a background thread, a promise a host function resolves from
//! another thread.
//!
//! The loop side registers what to do on completion ([`External::expect`])
//! and gets a [`Ticket`], which is `Send`: whoever holds it completes the
//! operation from any thread ([`Ticket::complete`]); dropping it unfinished
//! completes it with `None`. Completions arrive on a channel the event loop
//! waits on while nothing else is runnable; while any ticket is out, the
//! program is not idle (as a pending read keeps node alive).

use boa_engine::{Context, JsResult};
use rustc_hash::FxHashMap;
use std::{
    any::Any,
    cell::{Cell, RefCell},
    marker::PhantomData,
    sync::mpsc::{self, Receiver, Sender},
    time::Duration,
};

type Payload = Box<dyn Any + Send>;
type Finish = Box<dyn FnOnce(&mut Context, Option<Payload>) -> JsResult<()>>;

/// A completion on its way to the loop.
pub(crate) struct Arrival {
    id: u64,
    payload: Option<Payload>,
}

impl core::fmt::Debug for Arrival {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Arrival")
            .field("id", &self.id)
            .field("completed", &self.payload.is_some())
            .finish()
    }
}

/// The loop side: what to do when each outstanding operation completes.
pub(crate) struct External {
    sender: Sender<Arrival>,
    receiver: Receiver<Arrival>,
    waiting: RefCell<FxHashMap<u64, Finish>>,
    next_id: Cell<u64>,
}

impl Default for External {
    fn default() -> Self {
        let (sender, receiver) = mpsc::channel();
        Self {
            sender,
            receiver,
            waiting: RefCell::default(),
            next_id: Cell::new(0),
        }
    }
}

impl core::fmt::Debug for External {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("External")
            .field("pending", &self.pending())
            .finish()
    }
}

impl External {
    /// Registers an operation: `finish` runs on the loop's thread with the
    /// value the ticket is completed with (`None` if it was dropped).
    pub fn register<T: Send + 'static>(
        &self,
        finish: impl FnOnce(&mut Context, Option<T>) -> JsResult<()> + 'static,
    ) -> Ticket<T> {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        let finish: Finish = Box::new(move |ctx, payload| {
            // The ticket of this id only ever sends a `T`.
            let value = payload.and_then(|p| p.downcast::<T>().ok()).map(|b| *b);
            finish(ctx, value)
        });
        self.waiting.borrow_mut().insert(id, finish);
        Ticket {
            id,
            sender: Some(self.sender.clone()),
            _value: PhantomData,
        }
    }

    /// Operations registered and not yet finished.
    pub fn pending(&self) -> usize {
        self.waiting.borrow().len()
    }

    /// A completion that has already arrived, if any.
    pub fn try_arrival(&self) -> Option<Arrival> {
        self.receiver.try_recv().ok()
    }

    /// Waits up to `timeout` (forever with `None`) for a completion.
    pub fn wait(&self, timeout: Option<Duration>) -> Option<Arrival> {
        match timeout {
            None => self.receiver.recv().ok(),
            Some(t) => self.receiver.recv_timeout(t).ok(),
        }
    }

    /// Runs what was registered for `arrival`'s operation.
    pub fn finish(&self, arrival: Arrival, ctx: &mut Context) -> JsResult<()> {
        let finish = self.waiting.borrow_mut().remove(&arrival.id);
        match finish {
            Some(finish) => finish(ctx, arrival.payload),
            None => Ok(()),
        }
    }
}

/// The right to complete one outstanding operation, from any thread.
pub(crate) struct Ticket<T> {
    id: u64,
    /// `None` once sent.
    sender: Option<Sender<Arrival>>,
    _value: PhantomData<fn(T)>,
}

impl<T> core::fmt::Debug for Ticket<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Ticket").field("id", &self.id).finish()
    }
}

impl<T: Send + 'static> Ticket<T> {
    /// Completes the operation with `value`. If the program is gone, the
    /// value is dropped.
    pub fn complete(mut self, value: T) {
        if let Some(sender) = self.sender.take() {
            let _ = sender.send(Arrival {
                id: self.id,
                payload: Some(Box::new(value)),
            });
        }
    }
}

impl<T> Drop for Ticket<T> {
    fn drop(&mut self) {
        if let Some(sender) = self.sender.take() {
            let _ = sender.send(Arrival {
                id: self.id,
                payload: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    #[test]
    fn a_completion_from_another_thread_reaches_its_finisher() {
        let mut ctx = Context::default();
        let external = External::default();
        let got = Rc::new(Cell::new(0));
        let seen = got.clone();
        let ticket = external.register(move |_, v: Option<u32>| {
            seen.set(v.unwrap_or(0));
            Ok(())
        });
        assert_eq!(external.pending(), 1);
        std::thread::spawn(move || ticket.complete(7))
            .join()
            .unwrap();
        let arrival = external.wait(Some(Duration::from_secs(5))).unwrap();
        external.finish(arrival, &mut ctx).unwrap();
        assert_eq!((got.get(), external.pending()), (7, 0));
    }

    #[test]
    fn a_dropped_ticket_finishes_with_none() {
        let mut ctx = Context::default();
        let external = External::default();
        let got = Rc::new(Cell::new(Some(1)));
        let seen = got.clone();
        drop(external.register(move |_, v: Option<u32>| {
            seen.set(v);
            Ok(())
        }));
        let arrival = external.try_arrival().unwrap();
        external.finish(arrival, &mut ctx).unwrap();
        assert_eq!(got.get(), None);
        assert!(external.try_arrival().is_none());
    }
}
