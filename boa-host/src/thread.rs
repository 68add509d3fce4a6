//! [`SessionThread`]: a session on a thread of its own, driven from any
//! thread.
//!
//! A [`Session`] cannot be `Send`: boa's values (and so the program's JS
//! world) are reference-counted without atomics and garbage-collected per
//! thread. A `SessionThread` owns the thread the session lives on and
//! forwards requests to it, so a handle can move between threads, and one
//! [`GoModule`](crate::GoModule) (which is `Send + Sync`) can run sessions
//! on any number of threads at once.

use crate::{
    Exit,
    convert::{FromJs, IntoJsArgs},
    error::Error,
    session::Session,
};
use gojs_engine::HostError;
use std::{
    sync::mpsc::{self, Sender},
    thread::JoinHandle,
};

/// Native stack reserved for a session thread: deep Go → JS → Go nesting
/// recurses natively (address space only; pages are touched as it grows).
const STACK_SIZE: usize = 1 << 30;

/// A request for the session thread; the slot is emptied by `close`.
type Request = Box<dyn FnOnce(&mut Option<Session>) + Send>;

/// A [`Session`] living on its own thread; `Send + Sync`, so it can be
/// shared or moved between threads. Requests run one at a time, in order.
///
/// ```no_run
/// use gojs_boa::{Compilation, GoModule, Program, SessionThread};
/// let module = GoModule::new(&std::fs::read("reactor.wasm")?, Compilation::Lazy)?;
/// let session = SessionThread::spawn(move || Program::new(&module).start())?;
/// let sum: f64 = session.call("goReactor.add", (2, 3))?;
/// std::thread::spawn(move || session.close()).join().unwrap()?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct SessionThread {
    requests: Option<Sender<Request>>,
    thread: Option<JoinHandle<()>>,
}

impl core::fmt::Debug for SessionThread {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SessionThread").finish_non_exhaustive()
    }
}

fn gone() -> Error {
    Error::Host(HostError::internal(
        "the session's thread is gone (a request panicked)",
    ))
}

impl SessionThread {
    /// Starts a thread, runs `start` on it (typically
    /// `Program::new(&module)…start()`, built there because a `Program` may
    /// hold values that cannot cross threads), and keeps the session there.
    ///
    /// # Errors
    ///
    /// What `start` returned, or [`Error::Setup`] if no thread could be made.
    pub fn spawn<F>(start: F) -> Result<Self, Error>
    where
        F: FnOnce() -> Result<Session, Error> + Send + 'static,
    {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (started_tx, started) = mpsc::channel::<Result<(), Error>>();
        let thread = std::thread::Builder::new()
            .name("gojs-session".into())
            .stack_size(STACK_SIZE)
            .spawn(move || {
                let mut session = match start() {
                    Ok(s) => {
                        let _ = started_tx.send(Ok(()));
                        Some(s)
                    }
                    Err(e) => {
                        let _ = started_tx.send(Err(e));
                        return;
                    }
                };
                for request in inbox {
                    request(&mut session);
                }
            })
            .map_err(|e| Error::Setup(format!("cannot start a session thread: {e}")))?;
        match started.recv() {
            Ok(Ok(())) => Ok(Self {
                requests: Some(requests),
                thread: Some(thread),
            }),
            Ok(Err(e)) => {
                let _ = thread.join();
                Err(e)
            }
            Err(_) => {
                let _ = thread.join();
                Err(gone())
            }
        }
    }

    /// Runs `f` on the session's thread and returns its result: anything a
    /// [`Session`] can do.
    ///
    /// # Errors
    ///
    /// [`Error::Host`] if the thread is gone (an earlier request panicked).
    pub fn with<R, F>(&self, f: F) -> Result<R, Error>
    where
        R: Send + 'static,
        F: FnOnce(&mut Session) -> R + Send + 'static,
    {
        let (reply, answer) = mpsc::channel();
        let request: Request = Box::new(move |session| {
            let _ = reply.send(session.as_mut().map(f));
        });
        self.requests
            .as_ref()
            .ok_or_else(gone)?
            .send(request)
            .map_err(|_| gone())?;
        answer.recv().ok().flatten().ok_or_else(gone)
    }

    /// [`Session::call`] on the session's thread: `callee` is a path from
    /// `globalThis`.
    ///
    /// # Errors
    ///
    /// As for [`Session::call`].
    pub fn call<R, A>(&self, callee: impl Into<String>, args: A) -> Result<R, Error>
    where
        R: FromJs + Send + 'static,
        A: IntoJsArgs + Send + 'static,
    {
        let callee = callee.into();
        self.with(move |s| s.call(&callee, args))?
    }

    /// [`Session::call_async`] on the session's thread.
    ///
    /// # Errors
    ///
    /// As for [`Session::call_async`].
    pub fn call_async<R, A>(&self, callee: impl Into<String>, args: A) -> Result<R, Error>
    where
        R: FromJs + Send + 'static,
        A: IntoJsArgs + Send + 'static,
    {
        let callee = callee.into();
        self.with(move |s| s.call_async(&callee, args))?
    }

    /// [`Session::eval`] on the session's thread.
    ///
    /// # Errors
    ///
    /// As for [`Session::eval`].
    pub fn eval<R: FromJs + Send + 'static>(&self, code: impl Into<String>) -> Result<R, Error> {
        let code = code.into();
        self.with(move |s| s.eval(&code))?
    }

    /// [`Session::close`] on the session's thread, which then ends.
    ///
    /// # Errors
    ///
    /// As for [`Session::close`].
    pub fn close(mut self) -> Result<Exit, Error> {
        let (reply, answer) = mpsc::channel();
        let requests = self.requests.take().ok_or_else(gone)?;
        // The thread's loop owns the session; this request takes it out.
        let request: Request = Box::new(move |session| {
            let _ = reply.send(session.take().map(Session::close));
        });
        requests.send(request).map_err(|_| gone())?;
        drop(requests);
        let exit = answer.recv().ok().flatten().ok_or_else(gone)?;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        exit
    }
}

impl Drop for SessionThread {
    fn drop(&mut self) {
        // Ending the inbox ends the thread's loop; the session is dropped
        // there, on its own thread.
        self.requests.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
