//! State of the JS world that lives outside boa's heap: the lent guest, the
//! pending abort, outputs, the clock, randomness and the event-loop queues.
//!
//! It is stored once in the boa `Context` (as `Rc<HostData>`) so native
//! functions, which only receive `&mut Context`, can reach it.

use crate::{clock::HostClock, event_loop::EventLoop, output::Output, world::BoaWorld};
use boa_engine::{Context, JsError, JsObject, JsValue, error::PanicError};
use gojs_engine::{Guest, GuestError, lend::ErasedLendSlot};
use rand_chacha::ChaCha8Rng;
use std::{cell::RefCell, rc::Rc};

/// Why JS execution is being torn down without a chance to catch it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Abort {
    /// The program exits with this code.
    Exit(i32),
    /// The host gave up.
    Fatal(String),
}

/// Options that change behaviour away from node's (all off by default).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Strictness {
    /// Calling a released Go function also throws `Error("call to released function")`.
    pub strict_released_funcs: bool,
}

pub(crate) struct HostData {
    pub guest: ErasedLendSlot<dyn Guest<BoaWorld>>,
    pub abort: RefCell<Option<Abort>>,
    pub filesystem: crate::globals::fs::Filesystem,
    /// `process.umask()`, applied to files and directories this program creates.
    pub umask: std::cell::Cell<u32>,
    /// Files the program opened, by host descriptor.
    pub files: RefCell<std::collections::HashMap<i32, std::fs::File>>,
    pub stdin: crate::output::Input,
    pub stdout: Output,
    pub stderr: Output,
    pub clock: Rc<HostClock>,
    pub rng: RefCell<ChaCha8Rng>,
    pub event_loop: EventLoop,
    pub go: JsObject,
    pub strictness: Strictness,
    /// `process.cwd()`: a per-program working directory (see `process.chdir`).
    pub cwd: RefCell<String>,
    /// `Reflect.deleteProperty`, taken before user code can replace it.
    pub reflect_delete: JsObject,
}

impl HostData {
    /// The `HostData` of `ctx`.
    pub fn of(ctx: &Context) -> Rc<HostData> {
        ctx.get_data::<Rc<HostData>>()
            .expect("every gojs Context is created with its HostData")
            .clone()
    }

    /// Records an abort and returns the uncatchable error that carries it up
    /// through JS frames.
    pub fn abort(&self, abort: Abort) -> JsError {
        let message = match &abort {
            Abort::Exit(code) => format!("gojs: program exited with code {code}"),
            Abort::Fatal(m) => format!("gojs: {m}"),
        };
        self.abort.borrow_mut().get_or_insert(abort);
        PanicError::new(message).into()
    }

    /// Runs `f` with the guest that is currently lent, converting what the
    /// guest reports into JS completions: a JS exception is rethrown
    /// (catchable), an exit or a fatal error unwinds uncatchably.
    pub fn with_guest<T>(
        &self,
        ctx: &mut Context,
        f: impl FnOnce(&mut dyn Guest<BoaWorld>, &mut BoaWorld) -> Result<T, GuestError<JsValue>>,
    ) -> Result<T, JsError> {
        let world = BoaWorld::from_context(ctx);
        let result = self.guest.borrow(|guest| f(guest, world));
        match result {
            None => Err(self.abort(Abort::Fatal(
                "a Go function was called while the program is not running (re-entrant borrow of the guest)".into(),
            ))),
            Some(Ok(v)) => Ok(v),
            Some(Err(GuestError::Throw(v))) => Err(JsError::from_opaque(v)),
            Some(Err(GuestError::Exit(code))) => Err(self.abort(Abort::Exit(code))),
            Some(Err(GuestError::Fatal(m))) => Err(self.abort(Abort::Fatal(m))),
            Some(Err(GuestError::AlreadyExited)) => Err(boa_engine::JsNativeError::error()
                .with_message("Go program has already exited")
                .into()),
        }
    }
}
