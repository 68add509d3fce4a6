//! State of the JS world that lives outside boa's heap: the program's
//! options, the link to the running guest, the unwind in progress, the
//! clock, randomness, open files and the event-loop queues.
//!
//! It is stored once in the boa `Context` (as `Rc<HostData>`) so native
//! functions, which only receive `&mut Context`, can reach it.

use crate::{
    clock::HostClock, event_loop::EventLoop, globals::stdin::Stdin, options::Options,
    world::BoaWorld,
};
use boa_engine::{Context, JsError, JsNativeError, JsObject, JsValue, error::PanicError};
use gojs_engine::{Guest, HostError, Interrupt, JsResult, Limit, Link, Unwind};
use rand_chacha::ChaCha8Rng;
use std::{
    cell::{Cell, RefCell},
    rc::Rc,
};

/// A Rust function exposed to JS; see [`crate::HostFn`].
pub(crate) type NativeFn =
    Rc<dyn Fn(&JsValue, &[JsValue], &mut Context) -> boa_engine::JsResult<JsValue>>;

pub(crate) struct HostData {
    /// Tells this program's world from others (host functions check it).
    pub id: u32,
    /// What the embedder asked for; never changed after start.
    pub options: Options,
    /// Where the running guest is lent while JS runs.
    pub link: Link<BoaWorld>,
    /// An exit or a host error unwinding through JS frames, which JS must not
    /// catch (see [`HostData::abort`]); taken by whoever converts the
    /// uncatchable error back ([`BoaWorld::unwind`]).
    pub aborting: RefCell<Option<Unwind<JsValue>>>,
    /// `process.umask()`, applied to files and directories this program creates.
    pub umask: Cell<u32>,
    /// The program's filesystem and the files it opened, by descriptor.
    pub files: crate::globals::fs::files::Files,
    /// Reads of fd 0 in progress.
    pub stdin: Stdin,
    pub clock: Rc<HostClock>,
    pub rng: RefCell<ChaCha8Rng>,
    pub event_loop: EventLoop,
    pub go: JsObject,
    /// `process.cwd()`: a per-program working directory (see `process.chdir`).
    /// Empty when there is none: the host's was deleted before the program
    /// started. Then, as in node, `process.cwd()` throws `ENOENT` and
    /// relative paths resolve in the deleted directory (through
    /// `/proc/self/cwd`, see `host_fs::guest_path`) until a `chdir` to an
    /// absolute path.
    pub cwd: RefCell<String>,
    /// `Reflect.deleteProperty`, taken before user code can replace it.
    pub reflect_delete: JsObject,
    /// `Function.prototype.toString`, likewise (for error messages).
    pub function_to_string: JsObject,
    /// Host functions the embedder defined, by the index their JS wrapper holds.
    pub host_fns: RefCell<Vec<NativeFn>>,
    /// Stops the program (by hand or at the deadline).
    pub interrupt: Interrupt,
    /// Bytes written to stdout and stderr so far (for `Limits::max_output`).
    pub written: [Cell<u64>; 2],
}

/// Why a write to stdout or stderr failed.
#[derive(Debug)]
pub(crate) enum WriteError {
    /// The destination failed.
    Io(std::io::Error),
    /// The stream's output limit is reached; what fitted was written.
    Limit(HostError),
}

impl HostData {
    /// A fresh world id (wraps after 2^32 worlds; ids only need to differ
    /// between worlds alive at once, in practice).
    pub fn next_id() -> u32 {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }

    /// The `HostData` of `ctx`, for a native of gojs's world: a `TypeError`
    /// if the native was called from a context gojs did not make (its
    /// function object passed to an embedder's own boa context).
    pub fn of(ctx: &Context) -> boa_engine::JsResult<Rc<HostData>> {
        match ctx.get_data::<Rc<HostData>>() {
            Some(data) => Ok(data.clone()),
            None => Err(JsNativeError::typ()
                .with_message("a gojs function was called from a context of another program")
                .into()),
        }
    }

    /// Writes `bytes` to fd 1 or 2 (`fd` 1 is stdout, anything else stderr),
    /// within `Limits::max_output`: past the limit only the part that fits is
    /// written and the write fails with the limit.
    pub fn write_stream(&self, fd: u8, bytes: &[u8]) -> Result<(), WriteError> {
        let (out, written) = match fd {
            1 => (&self.options.stdout, &self.written[0]),
            _ => (&self.options.stderr, &self.written[1]),
        };
        let (allowed, over) = match self.options.limits.max_output {
            Some(max) => {
                let room = max.saturating_sub(written.get());
                let fits = usize::try_from(room).map_or(bytes.len(), |r| r.min(bytes.len()));
                (&bytes[..fits], fits < bytes.len())
            }
            None => (bytes, false),
        };
        written.set(written.get().saturating_add(allowed.len() as u64));
        if !allowed.is_empty() {
            out.write(fd, allowed).map_err(WriteError::Io)?;
        }
        if over {
            let stream = if fd == 1 { "stdout" } else { "stderr" };
            return Err(WriteError::Limit(HostError::limit(
                Limit::Output,
                format!("the program wrote as much to {stream} as it may"),
            )));
        }
        Ok(())
    }

    /// [`write_stream`](Self::write_stream) from a native: an I/O error is
    /// ignored (as `console.log` ignores a closed stdout), the limit unwinds.
    pub fn write_or_abort(&self, fd: u8, bytes: &[u8]) -> Result<(), JsError> {
        match self.write_stream(fd, bytes) {
            Ok(()) | Err(WriteError::Io(_)) => Ok(()),
            Err(WriteError::Limit(e)) => Err(self.abort(Unwind::Host(e))),
        }
    }

    /// The limit error if one more timer would pass `Limits::max_timers`.
    pub fn timer_room(&self) -> Result<(), HostError> {
        match self.options.limits.max_timers {
            Some(max) if self.event_loop.timer_count() >= max as usize => Err(HostError::limit(
                Limit::Timers,
                format!("the program has {max} timers pending, as many as it may"),
            )),
            _ => Ok(()),
        }
    }

    /// Records `unwind` (an exit or a host error) and returns the uncatchable
    /// error that carries it up through JS frames. The first one recorded
    /// wins until it is taken.
    pub fn abort(&self, unwind: Unwind<JsValue>) -> JsError {
        let message = match &unwind {
            Unwind::Exit => "gojs: the program exited".to_owned(),
            Unwind::Host(e) => format!("gojs: {e}"),
            Unwind::Throw(_) => "gojs: internal error: a throw recorded as an abort".to_owned(),
        };
        self.aborting.borrow_mut().get_or_insert(unwind);
        PanicError::new(message).into()
    }

    /// Runs `f` with the guest that is currently lent, converting how it
    /// unwinds into a JS completion: a JS exception is rethrown (catchable),
    /// an exit or a host error unwinds uncatchably.
    pub fn with_guest<T>(
        &self,
        ctx: &mut Context,
        f: impl FnOnce(&mut dyn Guest<BoaWorld>, &mut BoaWorld) -> JsResult<T, JsValue>,
    ) -> Result<T, JsError> {
        let result = self
            .link
            .with_guest(|guest| f(guest, BoaWorld::from_context(ctx)));
        match result {
            // The program is not reachable from here: JS runs outside any
            // program (before it was instantiated, or from an embedder's own
            // use of the context).
            None => Err(JsNativeError::error()
                .with_message("the Go program is not running")
                .into()),
            Some(Ok(v)) => Ok(v),
            Some(Err(Unwind::Throw(v))) => Err(JsError::from_opaque(v)),
            Some(Err(unwind)) => Err(self.abort(unwind)),
        }
    }
}
