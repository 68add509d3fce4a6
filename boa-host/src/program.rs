//! [`Program`]: one run of a Go (or Rust) guest, from instantiation to exit,
//! driving the event loop the way `wasm_exec_node.js` and node do.

use crate::{
    clock::ClockMode,
    event_loop::{Next, TimerTask},
    globals::{self, WorldOptions, console::inspect},
    host::{Abort, HostData, Strictness},
    output::Output,
    world::BoaWorld,
};
use boa_engine::{JsError, JsString, JsValue, object::ObjectInitializer, property::Attribute};
use gojs_engine::{GoInstance, GoModule, Guest, GuestError, Limits, LoadError, TableStats, World};

/// How a program ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exit {
    /// The exit code, as `node wasm_exec_node.js` would return it.
    pub code: i32,
    /// Why.
    pub reason: ExitReason,
    /// The reference table when the program ended: what the guest still
    /// held (a guest that releases everything ends with `live_dynamic == 0`).
    pub table: TableStats,
}

/// Why a program ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExitReason {
    /// The program exited (`os.Exit`, `main` returning, a Go panic, a Go
    /// deadlock report), or JS called `process.exit`.
    Exited,
    /// Nothing was left to do and the guest did not exit when told so
    /// (only Rust guests can end this way; Go reports a deadlock): exit 0.
    Idle,
    /// A JS exception escaped (printed on stderr, exit code 1, as node does).
    UncaughtException(String),
}

/// What went wrong on the host's side (never the program's own failure).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The module cannot be run.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The JS world could not be set up.
    #[error("cannot set up the JS world: {0}")]
    Setup(String),
    /// The guest trapped or the host hit a limit.
    #[error("{0}")]
    Fatal(String),
}

/// A configured run of a module. Build with [`Program::new`], adjust, then
/// [`run`](Program::run).
///
/// Deep Go → JS → Go nesting recurses on the native stack; run programs on a
/// thread with a large stack (the `gojs` CLI uses 1 GiB of reserved address
/// space) if they nest callbacks hundreds deep.
#[derive(Debug, Clone)]
pub struct Program<'m> {
    module: &'m GoModule,
    args: Vec<String>,
    env: Vec<(String, String)>,
    filesystem: crate::Filesystem,
    stdin: crate::output::Input,
    stdout: Output,
    stderr: Output,
    clock: ClockMode,
    seed: Option<u64>,
    strictness: Strictness,
    limits: Limits,
    cwd: Option<String>,
}

impl<'m> Program<'m> {
    /// A run of `module` with `argv = ["js"]` (as `wasm_exec.js` defaults),
    /// an empty environment, the host's stdout/stderr, the real clock.
    pub fn new(module: &'m GoModule) -> Self {
        Self {
            module,
            args: vec!["js".into()],
            env: Vec::new(),
            filesystem: crate::Filesystem::Host,
            stdin: crate::output::Input::Empty,
            stdout: Output::Inherit,
            stderr: Output::Inherit,
            clock: ClockMode::Real,
            seed: None,
            strictness: Strictness::default(),
            limits: Limits::default(),
            cwd: None,
        }
    }

    /// `go.argv`: the program name first, as Go's `os.Args`.
    pub fn args<I: IntoIterator<Item = S>, S: Into<String>>(mut self, args: I) -> Self {
        self.args = args.into_iter().map(Into::into).collect();
        self
    }

    /// `go.env` (and `process.env`).
    pub fn env<I: IntoIterator<Item = (K, V)>, K: Into<String>, V: Into<String>>(
        mut self,
        env: I,
    ) -> Self {
        self.env = env.into_iter().map(|(k, v)| (k.into(), v.into())).collect();
        self
    }

    /// What `fs` may touch (default: the host filesystem, as node).
    pub fn filesystem(mut self, filesystem: crate::Filesystem) -> Self {
        self.filesystem = filesystem;
        self
    }

    /// Where fd 0 reads from (default: nothing, as `</dev/null`).
    pub fn stdin(mut self, input: crate::output::Input) -> Self {
        self.stdin = input;
        self
    }

    /// Where fd 1 goes.
    pub fn stdout(mut self, out: Output) -> Self {
        self.stdout = out;
        self
    }

    /// Where fd 2 goes.
    pub fn stderr(mut self, out: Output) -> Self {
        self.stderr = out;
        self
    }

    /// Real or virtual time.
    pub fn clock(mut self, clock: ClockMode) -> Self {
        self.clock = clock;
        self
    }

    /// Seeds `crypto.getRandomValues` and Go's `getRandomData`.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Strict released-function calls: besides Go's `console.error` line, the
    /// JS caller gets a thrown `Error("call to released function")` instead
    /// of `undefined`. Off by default (node's behaviour).
    pub fn strict_released_funcs(mut self, strict: bool) -> Self {
        self.strictness.strict_released_funcs = strict;
        self
    }

    /// Host limits.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// `process.cwd()` at start (default: the host's working directory).
    pub fn cwd(mut self, cwd: impl Into<String>) -> Self {
        self.cwd = Some(cwd.into());
        self
    }

    /// Runs the program to its end.
    ///
    /// # Errors
    ///
    /// [`Error`] for failures of the host (setup, traps, limits). The
    /// program's own failures (Go panics, uncaught JS exceptions) are an
    /// [`Exit`] with their exit code, as under node.
    pub fn run(self) -> Result<Exit, Error> {
        let cwd = self.cwd.clone().unwrap_or_else(|| {
            std::env::current_dir()
                .map_or_else(|_| "/".into(), |p| p.to_string_lossy().into_owned())
        });
        let mut world = globals::create_world(WorldOptions {
            filesystem: self.filesystem,
            stdin: self.stdin,
            stdout: self.stdout,
            stderr: self.stderr,
            clock: self.clock,
            seed: self.seed,
            strictness: self.strictness,
            cwd,
            argv: self.args.clone(),
            env: self.env.clone(),
        })
        .map_err(|e| Error::Setup(e.to_string()))?;
        let mut instance = GoInstance::new(self.module, &mut world, self.limits)?;
        let started = instance.run(&mut world, &self.args, &self.env);
        let end = match settle_guest(&mut world, &instance, started)? {
            Some(end) => end,
            None => EventLoopRun {
                world: &mut world,
                instance: &mut instance,
            }
            .run()?,
        };
        Ok(Exit {
            table: instance.table_stats(),
            ..end
        })
    }
}

struct EventLoopRun<'a> {
    world: &'a mut BoaWorld,
    instance: &'a mut GoInstance<BoaWorld>,
}

impl EventLoopRun<'_> {
    fn run(mut self) -> Result<Exit, Error> {
        let data = self.world.data();
        loop {
            if let Some(end) = self.js(|w| {
                data.event_loop
                    .jobs
                    .drain(w.context())
                    .map(|()| JsValue::undefined())
            })? {
                return Ok(end);
            }
            if let Some(code) = self.instance.exit_code() {
                return Ok(exited(code));
            }
            match data.event_loop.next() {
                Next::Io(cb) => {
                    let end = self.js(|w| call(w, &cb.callback, &cb.args))?;
                    if let Some(end) = end {
                        return Ok(end);
                    }
                }
                Next::Timer {
                    handle,
                    due_ms,
                    task,
                } => {
                    data.clock.wait_until(due_ms);
                    let end = match task {
                        TimerTask::Go(id) => {
                            let r = self.instance.guest().fire_timeout(self.world, id);
                            settle_guest(self.world, self.instance, r)?
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
                                    .arm(handle, data.clock.elapsed_ms(), delay, task);
                            }
                            self.js(|w| call(w, &callback, &args))?
                        }
                    };
                    if let Some(end) = end {
                        return Ok(end);
                    }
                }
                Next::Idle => return self.idle(),
            }
        }
    }

    /// Runs top-level JS with the guest lent, so JS may call Go functions.
    fn js(
        &mut self,
        f: impl FnOnce(&mut BoaWorld) -> boa_engine::JsResult<JsValue>,
    ) -> Result<Option<Exit>, Error> {
        let mut guest = self.instance.guest();
        let result = self.world.enter(&mut guest, f);
        drop(guest);
        match result {
            Ok(_) => Ok(self.instance.exit_code().map(exited)),
            Err(e) => uncaught(self.world, e).map(Some),
        }
    }

    /// Nothing is scheduled. `wasm_exec_node.js` then (on node's `exit`
    /// event) sets `go._pendingEvent = { id: 0 }` and resumes, so Go reports
    /// its deadlock; a guest that still does not exit ends with code 0.
    fn idle(self) -> Result<Exit, Error> {
        let go = self.world.data().go.clone();
        let event = ObjectInitializer::new(self.world.context())
            .property(JsString::from("id"), 0, Attribute::all())
            .build();
        if let Err(e) = go.set(
            JsString::from("_pendingEvent"),
            event,
            true,
            self.world.context(),
        ) {
            return uncaught(self.world, e);
        }
        let r = self.instance.guest().resume(self.world);
        if let Some(end) = settle_guest(self.world, self.instance, r)? {
            return Ok(end);
        }
        Ok(Exit {
            code: 0,
            reason: ExitReason::Idle,
            table: TableStats::default(),
        })
    }
}

fn call(w: &mut BoaWorld, callback: &JsValue, args: &[JsValue]) -> boa_engine::JsResult<JsValue> {
    match callback.as_callable() {
        Some(f) => f.call(&JsValue::undefined(), args, w.context()),
        None => Ok(JsValue::undefined()),
    }
}

fn exited(code: i32) -> Exit {
    Exit {
        code,
        reason: ExitReason::Exited,
        table: TableStats::default(),
    }
}

/// What a call into the guest at top level means for the run.
fn settle_guest(
    world: &mut BoaWorld,
    instance: &GoInstance<BoaWorld>,
    result: Result<(), GuestError<JsValue>>,
) -> Result<Option<Exit>, Error> {
    match result {
        Ok(()) => Ok(instance.exit_code().map(exited)),
        Err(GuestError::Exit(code)) => Ok(Some(exited(code))),
        Err(GuestError::Throw(v)) => report_uncaught(world, &v).map(Some),
        Err(GuestError::Fatal(m)) => Err(Error::Fatal(m)),
        Err(GuestError::AlreadyExited) => Ok(Some(exited(instance.exit_code().unwrap_or(0)))),
    }
}

/// A JS error that reached the top: an exit or fatal error in disguise, or
/// an uncaught exception.
fn uncaught(world: &mut BoaWorld, e: JsError) -> Result<Exit, Error> {
    let abort = world.data().abort.borrow().clone();
    match abort {
        Some(Abort::Exit(code)) => Ok(exited(code)),
        Some(Abort::Fatal(m)) => Err(Error::Fatal(m)),
        None => match e.into_opaque(world.context()) {
            Ok(v) => report_uncaught(world, &v),
            Err(engine) => Err(Error::Fatal(format!("JS engine limit: {engine}"))),
        },
    }
}

/// Prints an uncaught exception like node's `console.error(err)` and ends
/// with exit code 1.
fn report_uncaught(world: &mut BoaWorld, v: &JsValue) -> Result<Exit, Error> {
    let shown = inspect(v, world.context(), 2).unwrap_or_else(|_| "Uncaught exception".into());
    let data = HostData::of(world.context());
    let _ = data.stderr.write(2, format!("{shown}\n").as_bytes());
    Ok(Exit {
        code: 1,
        reason: ExitReason::UncaughtException(shown),
        table: TableStats::default(),
    })
}
