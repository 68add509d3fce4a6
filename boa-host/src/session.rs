//! [`Session`]: a program kept alive after `main` parks, called into from
//! Rust — its functions called, its promises awaited, JS evaluated in its
//! world, host functions given to it — and closed like node exits.

use crate::{
    Exit,
    convert::{FromJs, IntoJs, IntoJsArgs},
    error::{Error, JsException},
    event_loop::driver::{Driver, Stop, Until, deadline, top_level},
    globals,
    host_fn::HostFn,
    options::Options,
    world::BoaWorld,
};
use boa_engine::{
    Context, JsNativeError, JsObject, JsResult, JsString, JsValue, Source,
    builtins::promise::PromiseState,
};
use gojs_engine::{
    GoAbi, GoInstance, GoModule, HostError, Interrupt, LeakReport, LoadError, TableStats, Unwind,
    WasmVal, World,
};
use std::time::Duration;

/// A running program, kept alive between calls.
///
/// [`Program::start`](crate::Program::start) makes one: it instantiates the
/// module, evaluates the preloads, runs `main` and drives the event loop
/// until the program exits or *parks*: nothing is runnable now, and only a
/// call, a timer that is not due yet or an outside completion can wake it
/// (`select {}` in Go, `keep_alive` in a Rust guest; a ticker goroutine is
/// parked between its ticks). That is where a node loader's `go.run(…)`
/// returns and it starts using the program. From then on:
///
/// - [`call`](Self::call) calls a JS function (a Go `js.FuncOf`, a JS
///   function of the program's world) and returns its result converted
///   with [`FromJs`]; [`call_async`](Self::call_async) also awaits the
///   promise it returns; [`resolve`](Self::resolve) awaits any promise.
///   Awaiting drives the event loop (timers, I/O, microtasks, goroutines)
///   until the promise settles, the program exits, nothing is left that
///   could settle it, or a deadline passes. A rejection is [`Error::Js`].
/// - [`eval`](Self::eval) evaluates JS in the global scope;
///   [`get`](Self::get) and [`set`](Self::set) read and write globals by
///   path (`"d2.compile"`).
/// - [`host_fn`](Self::host_fn) defines a Rust function JS can call.
/// - [`close`](Self::close) ends it as node ends: the event loop runs dry,
///   then a still-parked Go program gets the `{id: 0}` event and reports
///   its deadlock (exit code 2), as `wasm_exec_node.js` makes it do.
///
/// Every request runs JS with the program reachable (a JS function may call
/// Go, which may call JS, …) and, unless the program exited or the host
/// ended it, ends by running the microtasks it queued; timers and other
/// macrotasks run only while the session awaits or runs its event loop
/// ([`run_event_loop`](Self::run_event_loop)).
///
/// A session is bound to its thread (boa's values are not `Send`); to use
/// one from other threads, run it in a [`SessionThread`](crate::SessionThread).
pub struct Session {
    world: BoaWorld,
    instance: GoInstance<BoaWorld>,
    /// Set once the host ended the program; every later request fails with it.
    failure: Option<HostError>,
    /// How long [`call_async`](Self::call_async) waits.
    await_timeout: Option<Duration>,
    /// Triggers the interrupt at the deadline; stopped when the session ends.
    _watchdog: Option<Watchdog>,
}

/// A thread that triggers an [`Interrupt`] when a deadline passes, unless it
/// is dropped first.
struct Watchdog {
    stop: std::sync::Arc<(std::sync::Mutex<bool>, std::sync::Condvar)>,
}

impl Watchdog {
    fn start(interrupt: Interrupt, timeout: Duration) -> Self {
        let stop = std::sync::Arc::new((std::sync::Mutex::new(false), std::sync::Condvar::new()));
        let watch = stop.clone();
        let deadline = std::time::Instant::now().checked_add(timeout);
        // If no thread can be made, the deadline is not enforced; the
        // interrupt handle still works.
        let _ = std::thread::Builder::new()
            .name("gojs-deadline".into())
            .spawn(move || {
                let (lock, wake) = &*watch;
                let mut stopped = lock
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                loop {
                    if *stopped {
                        return;
                    }
                    let left =
                        deadline.map(|d| d.saturating_duration_since(std::time::Instant::now()));
                    match left {
                        Some(left) if left.is_zero() => {
                            interrupt.trigger_deadline();
                            return;
                        }
                        Some(left) => {
                            stopped = wake
                                .wait_timeout(stopped, left)
                                .unwrap_or_else(std::sync::PoisonError::into_inner)
                                .0;
                        }
                        None => {
                            stopped = wake
                                .wait(stopped)
                                .unwrap_or_else(std::sync::PoisonError::into_inner);
                        }
                    }
                }
            });
        Self { stop }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        let (lock, wake) = &*self.stop;
        *lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = true;
        wake.notify_all();
    }
}

impl core::fmt::Debug for Session {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Session")
            .field("exit_code", &self.instance.exit_code())
            .field("failure", &self.failure)
            .finish_non_exhaustive()
    }
}

/// What to call: a dot-separated path of properties from `globalThis`
/// (`"goReactor.add"`, `"@astrojs/compiler.transform"`), called with the
/// object before the last property as `this`; or a function value, called
/// with `this = undefined`.
pub trait Callee {
    /// The function and its `this`.
    ///
    /// # Errors
    ///
    /// A `TypeError` when the path does not lead to a function.
    fn resolve(self, ctx: &mut Context) -> JsResult<(JsObject, JsValue)>;
}

impl Callee for &str {
    fn resolve(self, ctx: &mut Context) -> JsResult<(JsObject, JsValue)> {
        let (value, this) = lookup(self, ctx)?;
        match value.as_callable() {
            Some(f) => Ok((f, this)),
            None => Err(JsNativeError::typ()
                .with_message(format!("{self} is not a function"))
                .into()),
        }
    }
}

impl Callee for &String {
    fn resolve(self, ctx: &mut Context) -> JsResult<(JsObject, JsValue)> {
        self.as_str().resolve(ctx)
    }
}

impl Callee for &JsValue {
    fn resolve(self, _: &mut Context) -> JsResult<(JsObject, JsValue)> {
        match self.as_callable() {
            Some(f) => Ok((f, JsValue::undefined())),
            None => Err(JsNativeError::typ()
                .with_message("the value called is not a function")
                .into()),
        }
    }
}

impl Callee for JsValue {
    fn resolve(self, ctx: &mut Context) -> JsResult<(JsObject, JsValue)> {
        (&self).resolve(ctx)
    }
}

/// The value at `path` and the object holding it.
fn lookup(path: &str, ctx: &mut Context) -> JsResult<(JsValue, JsValue)> {
    let mut parent: JsValue = ctx.global_object().into();
    let mut value = parent.clone();
    for (i, name) in path.split('.').enumerate() {
        if i > 0 {
            parent = value;
        }
        let Some(object) = parent.as_object() else {
            return Err(JsNativeError::typ()
                .with_message(format!(
                    "Cannot read properties of {} (reading '{name}')",
                    parent.display()
                ))
                .into());
        };
        value = object.get(JsString::from(name), ctx)?;
    }
    Ok((value, parent))
}

/// The object at `path` (every segment but the last), creating missing
/// plain objects on the way; and the last segment.
fn parent_for_define<'p>(path: &'p str, ctx: &mut Context) -> JsResult<(JsObject, &'p str)> {
    let (dirs, name) = match path.rsplit_once('.') {
        Some((dirs, name)) => (Some(dirs), name),
        None => (None, path),
    };
    let mut object = ctx.global_object();
    for segment in dirs.into_iter().flat_map(|d| d.split('.')) {
        let key = JsString::from(segment);
        let next = object.get(key.clone(), ctx)?;
        object = match next.as_object() {
            Some(o) => o,
            None if next.is_undefined() => {
                let o = JsObject::with_object_proto(ctx.intrinsics());
                object.set(key, o.clone(), true, ctx)?;
                o
            }
            None => {
                return Err(JsNativeError::typ()
                    .with_message(format!("{segment} in {path} is not an object"))
                    .into());
            }
        };
    }
    Ok((object, name))
}

impl Session {
    /// Instantiates, preloads, runs `main` and drives until exit or park.
    pub(crate) fn start(module: &GoModule, mut options: Options) -> Result<Session, Error> {
        let limits = options.limits;
        let host_fns = std::mem::take(&mut options.host_fns);
        let preload = std::mem::take(&mut options.preload);
        let (args, env) = (options.args.clone(), options.env.clone());
        let timeout = options.timeout;
        let mut world = globals::create_world(options).map_err(|e| Error::Setup(e.to_string()))?;
        let interrupt = world.data().interrupt.clone();
        let watchdog = timeout.map(|t| Watchdog::start(interrupt.clone(), t));
        let instance = match GoInstance::new(module, &mut world, limits, interrupt) {
            Ok(i) => i,
            Err(LoadError::Limit(e) | LoadError::Start(e)) => return Err(Error::Host(e)),
            Err(e) => return Err(Error::Load(e)),
        };
        let mut session = Session {
            world,
            instance,
            failure: None,
            await_timeout: None,
            _watchdog: watchdog,
        };
        for (path, f) in host_fns {
            session.host_fn(&path, f)?;
        }
        for script in preload {
            match session.eval_source(&script.source, &script.name) {
                Ok(_) => {}
                // `process.exit` in a preload: the program never starts.
                Err(Error::Exited(_)) => return Ok(session),
                Err(e) => return Err(e),
            }
        }
        let ran = session.instance.run(&mut session.world, &args, &env);
        session.settle_top_level(ran)?;
        // A program that exited during `run` (`main` returned) is over even
        // with timers pending, as under node.
        if session.instance.exit_code().is_none() {
            session.drive(Until::Parked, None)?;
        }
        Ok(session)
    }

    /// Evaluates `code` as a script in the program's global scope (as a
    /// `<script>` would; `var`s become globals) and returns its completion
    /// value.
    ///
    /// # Errors
    ///
    /// [`Error::Js`] if it throws (a syntax error included); the others as
    /// for [`call`](Self::call).
    pub fn eval<R: FromJs>(&mut self, code: &str) -> Result<R, Error> {
        let value = self.eval_source(code, "eval")?;
        self.convert(&value)
    }

    fn eval_source(&mut self, code: &str, name: &str) -> Result<JsValue, Error> {
        let path = std::path::Path::new(name);
        self.js(|w| {
            crate::stack::check_source(code)?;
            w.context()
                .eval(Source::from_bytes(code.as_bytes()).with_path(path))
        })
    }

    /// Calls `callee` with `args` and returns its result.
    ///
    /// # Errors
    ///
    /// - [`Error::Js`]: the function threw (or the path is not a function);
    /// - [`Error::Exited`]: the program exited during the call;
    /// - [`Error::Convert`]: the result is not an `R`;
    /// - [`Error::Host`]: the host ended the program (now or before).
    pub fn call<R: FromJs>(
        &mut self,
        callee: impl Callee,
        args: impl IntoJsArgs,
    ) -> Result<R, Error> {
        let value = self.call_value(callee, args)?;
        self.convert(&value)
    }

    fn call_value(&mut self, callee: impl Callee, args: impl IntoJsArgs) -> Result<JsValue, Error> {
        self.js(|w| {
            let ctx = w.context();
            let (f, this) = callee.resolve(ctx)?;
            let args = args.into_js_args(ctx)?;
            f.call(&this, &args, ctx)
        })
    }

    /// Calls the wasm export `name` with `params`, as a package's own JS
    /// calls `instance.exports[name](…)` — how TinyGo modules are used
    /// (sh-syntax's `wasmAlloc`/`process`/`wasmFree`), and any guest's
    /// exported functions. The imports it makes reach JS as in any call;
    /// queued microtasks run afterwards.
    ///
    /// # Errors
    ///
    /// [`Error::Js`] with a `TypeError` if there is no such function or
    /// `params` do not match its type, or if the guest threw; the others
    /// as for [`call`](Self::call).
    pub fn call_export(&mut self, name: &str, params: &[WasmVal]) -> Result<Vec<WasmVal>, Error> {
        self.usable()?;
        let result = self.instance.call_export(&mut self.world, name, params);
        let result = match self.world.take_pending_unwind() {
            Some(unwind) => Err(unwind),
            None => result,
        };
        self.finish_request(result)
    }

    /// `len` bytes of the guest's linear memory at `addr`.
    ///
    /// # Errors
    ///
    /// [`Error::Memory`] if the range is not inside it.
    pub fn read_memory(&self, addr: u64, len: u64) -> Result<Vec<u8>, Error> {
        self.instance
            .read_memory(addr, len)
            .ok_or(Error::Memory { addr, len })
    }

    /// Writes `bytes` into the guest's linear memory at `addr`.
    ///
    /// # Errors
    ///
    /// [`Error::Memory`] if the range is not inside it (nothing is written).
    pub fn write_memory(&mut self, addr: u64, bytes: &[u8]) -> Result<(), Error> {
        match self.instance.write_memory(addr, bytes) {
            true => Ok(()),
            false => Err(Error::Memory {
                addr,
                len: bytes.len() as u64,
            }),
        }
    }

    /// [`call`](Self::call), then awaits the result if it is a promise, with
    /// the session's await timeout ([`set_await_timeout`](Self::set_await_timeout);
    /// none by default).
    ///
    /// # Errors
    ///
    /// As for [`call`](Self::call) and [`resolve`](Self::resolve).
    pub fn call_async<R: FromJs>(
        &mut self,
        callee: impl Callee,
        args: impl IntoJsArgs,
    ) -> Result<R, Error> {
        let value = self.call_value(callee, args)?;
        self.resolve(value, self.await_timeout)
    }

    /// Awaits `value`: a promise is driven to settlement by running the event
    /// loop; anything else is its own result.
    ///
    /// # Errors
    ///
    /// - [`Error::Js`]: the promise was rejected (with its reason);
    /// - [`Error::Timeout`]: it did not settle within `timeout`;
    /// - [`Error::Unsettled`]: the program went idle with it still pending;
    /// - [`Error::Exited`]: the program exited first;
    /// - [`Error::Convert`], [`Error::Host`]: as for [`call`](Self::call).
    pub fn resolve<R: FromJs>(
        &mut self,
        value: JsValue,
        timeout: Option<Duration>,
    ) -> Result<R, Error> {
        let Some(promise) = value.as_promise() else {
            return self.convert(&value);
        };
        self.usable()?;
        match self.drive(Until::Settled(&promise), deadline(timeout))? {
            Stop::Settled => {}
            Stop::Deadline => return Err(Error::Timeout(timeout.unwrap_or_default())),
            Stop::Idle => return Err(Error::Unsettled),
            Stop::Exited => return Err(self.exited()),
        }
        match promise.state() {
            PromiseState::Fulfilled(v) => self.convert(&v),
            PromiseState::Rejected(reason) => Err(Error::Js(self.exception(&reason))),
            PromiseState::Pending => Err(Error::Unsettled),
        }
    }

    /// The value at `path` (dot-separated properties from `globalThis`).
    ///
    /// # Errors
    ///
    /// [`Error::Js`] if a getter throws or a step is not an object;
    /// [`Error::Convert`] if the value is not an `R`.
    pub fn get<R: FromJs>(&mut self, path: &str) -> Result<R, Error> {
        let value = self.js(|w| lookup(path, w.context()).map(|(v, _)| v))?;
        self.convert(&value)
    }

    /// Sets the property at `path` to `value`, creating missing plain
    /// objects on the way (`set("config.mode", "fast")`).
    ///
    /// # Errors
    ///
    /// [`Error::Js`] if a setter throws or a step is not an object.
    pub fn set(&mut self, path: &str, value: impl IntoJs) -> Result<(), Error> {
        self.js(|w| {
            let ctx = w.context();
            let (object, name) = parent_for_define(path, ctx)?;
            let value = value.into_js(ctx)?;
            object.set(JsString::from(name), value, true, ctx).map(drop)
        })
    }

    /// Defines the host function `f` at `path` (creating missing objects on
    /// the way), so the program's JS — and Go through `js.Global()` — can
    /// call it.
    ///
    /// # Errors
    ///
    /// As for [`set`](Self::set).
    pub fn host_fn(&mut self, path: &str, f: HostFn) -> Result<(), Error> {
        self.js(|w| {
            let ctx = w.context();
            let (object, name) = parent_for_define(path, ctx)?;
            let function = f.into_function(name, ctx)?;
            object
                .set(JsString::from(name), function, true, ctx)
                .map(drop)
        })
    }

    /// The JS function for the host function `f`, named `name`, as a value
    /// to pass to the program (an option callback, an argument) rather than
    /// to define at a global path.
    ///
    /// # Errors
    ///
    /// [`Error::Host`] if the session is unusable.
    pub fn function(&mut self, name: &str, f: HostFn) -> Result<JsValue, Error> {
        self.js(|w| Ok(f.into_function(name, w.context())?.into()))
    }

    /// Runs the event loop until nothing is runnable (the program parks), it
    /// exits, or `timeout` passes.
    ///
    /// # Errors
    ///
    /// [`Error::Exited`] if the program exited; [`Error::Timeout`];
    /// [`Error::Host`].
    pub fn run_event_loop(&mut self, timeout: Option<Duration>) -> Result<(), Error> {
        self.usable()?;
        match self.drive(Until::Idle, deadline(timeout))? {
            // (`Settled` cannot happen: no promise was asked for.)
            Stop::Idle | Stop::Settled => Ok(()),
            Stop::Exited => Err(self.exited()),
            Stop::Deadline => Err(Error::Timeout(timeout.unwrap_or_default())),
        }
    }

    /// Runs `f` on the program's boa context, with the program reachable
    /// from the JS it runs, then the microtasks it queued: for whatever the
    /// typed methods cannot express.
    ///
    /// # Errors
    ///
    /// As for [`call`](Self::call).
    pub fn with_context<R>(
        &mut self,
        f: impl FnOnce(&mut Context) -> JsResult<R>,
    ) -> Result<R, Error> {
        self.js(|w| f(w.context()))
    }

    /// How long [`call_async`](Self::call_async) waits for a promise
    /// (`None`: as long as it takes).
    pub fn set_await_timeout(&mut self, timeout: Option<Duration>) {
        self.await_timeout = timeout;
    }

    /// A handle that stops this program from any thread
    /// ([`Interrupt::trigger`]): the running wasm stops within one fuel slice
    /// (metered modules), JS at its next crossing, task or timer; the
    /// session is then unusable (`Error::Host` with
    /// [`Limit::Interrupted`](crate::Limit::Interrupted)).
    pub fn interrupt(&self) -> Interrupt {
        self.world.data().interrupt.clone()
    }

    /// The exit code, once the program has exited.
    pub fn exit_code(&self) -> Option<i32> {
        self.instance.exit_code()
    }

    /// The reference table now: what the guest holds.
    pub fn table_stats(&self) -> TableStats {
        self.instance.table_stats()
    }

    /// The leak report now: live reference-table slots by kind with their
    /// peaks, slots created and freed, and the live `js.Func`s with what JS
    /// last did with each ([`LeakReport`]; printed by `gojs run --leaks`).
    pub fn leak_report(&self) -> LeakReport {
        self.instance.leak_report()
    }

    /// Ends the session as node ends a process: the event loop runs until
    /// nothing is runnable; then, if the program has not exited, it gets the
    /// `{id: 0}` event `wasm_exec_node.js` sends at node's exit, on which a
    /// parked Go program prints `fatal error: all goroutines are asleep -
    /// deadlock!` and exits 2 (a parked Rust guest exits 0).
    ///
    /// # Errors
    ///
    /// [`Error::Host`] if the host ended the program.
    pub fn close(mut self) -> Result<Exit, Error> {
        self.usable()?;
        if self.instance.exit_code().is_none() {
            self.drive(Until::Idle, None)?;
        }
        // (TinyGo's glue has no such exit hook: its program just ends.)
        if self.instance.exit_code().is_none() && self.instance.abi() != GoAbi::TinyGo {
            Driver {
                world: &mut self.world,
                instance: &mut self.instance,
            }
            .pending_event_zero()
            .map_err(|e| self.fail(e))?;
        }
        Ok(Exit {
            code: self.instance.exit_code().unwrap_or(0),
            table: self.instance.table_stats(),
            leaks: self.instance.leak_report(),
        })
    }

    /// The program's exit as an error.
    fn exited(&self) -> Error {
        Error::Exited(self.instance.exit_code().unwrap_or(0))
    }

    fn usable(&self) -> Result<(), Error> {
        match &self.failure {
            Some(e) => Err(Error::Host(e.clone())),
            None => Ok(()),
        }
    }

    fn fail(&mut self, e: HostError) -> Error {
        self.failure = Some(e.clone());
        Error::Host(e)
    }

    fn drive(
        &mut self,
        until: Until<'_>,
        deadline: Option<std::time::Instant>,
    ) -> Result<Stop, Error> {
        Driver {
            world: &mut self.world,
            instance: &mut self.instance,
        }
        .run(until, deadline)
        .map_err(|e| self.fail(e))
    }

    /// What the end of top-level work the embedder did not ask for (`run`,
    /// microtasks) means: an uncaught exception ends the program as under
    /// node (printed, exit code 1); a host error ends the session.
    fn settle_top_level(&mut self, result: Result<(), Unwind<JsValue>>) -> Result<(), Error> {
        // An exit or host error a native swallowed still counts.
        let result = match self.world.take_pending_unwind() {
            Some(unwind) => Err(unwind),
            None => result,
        };
        match result {
            Ok(()) | Err(Unwind::Exit) => Ok(()),
            Err(Unwind::Throw(v)) => {
                crate::event_loop::driver::report_uncaught(&mut self.world, &v);
                if self.instance.exit_code().is_none() {
                    self.instance.exit(1);
                }
                Ok(())
            }
            Err(Unwind::Host(e)) => Err(self.fail(e)),
        }
    }

    /// Runs one request's JS work, then the microtasks it queued.
    fn js<T>(&mut self, f: impl FnOnce(&mut BoaWorld) -> JsResult<T>) -> Result<T, Error> {
        self.usable()?;
        let result = top_level(&mut self.world, &mut self.instance, f);
        self.finish_request(result)
    }

    /// How a request's guest or JS work ended, as the embedder sees it,
    /// once the microtasks it queued have run.
    fn finish_request<T>(&mut self, result: Result<T, Unwind<JsValue>>) -> Result<T, Error> {
        let outcome = match result {
            Ok(v) => Ok(v),
            Err(Unwind::Throw(v)) => Err(Error::Js(self.exception(&v))),
            Err(Unwind::Exit) => return Err(self.exited()),
            Err(Unwind::Host(e)) => return Err(self.fail(e)),
        };
        self.microtasks()?;
        outcome
    }

    /// Runs the queued microtasks (as node does after each macrotask).
    fn microtasks(&mut self) -> Result<(), Error> {
        let data = self.world.data();
        let drained = top_level(&mut self.world, &mut self.instance, |w| {
            data.event_loop.jobs.drain(w.context())
        });
        self.settle_top_level(drained)
    }

    /// Converts a result, with the program reachable (a getter the
    /// conversion runs may call Go).
    fn convert<R: FromJs>(&mut self, value: &JsValue) -> Result<R, Error> {
        let converted = self
            .instance
            .enter(&mut self.world, |w| R::from_js(value, w.context()));
        if let Some(unwind) = self.world.take_pending_unwind() {
            return Err(match unwind {
                Unwind::Host(e) => self.fail(e),
                _ => self.exited(),
            });
        }
        converted.map_err(|e| {
            Error::Convert(match e.as_native() {
                Some(native) => native.message().to_string(),
                None => e.to_string(),
            })
        })
    }

    /// What an exception value says about itself, read with the program
    /// reachable (its getters may call Go).
    fn exception(&mut self, value: &JsValue) -> JsException {
        let e = self.instance.enter(&mut self.world, |w| {
            JsException::from_value(value, w.context())
        });
        // A getter that ended the program: the exit code is already kept,
        // a host error poisons the session for the requests after this one.
        if let Some(Unwind::Host(failure)) = self.world.take_pending_unwind() {
            self.failure = Some(failure);
        }
        e
    }

    /// Runs `body` as the body of an async function in the global scope
    /// (top-level `await` allowed; `name` is shown in errors) and awaits it:
    /// what `gojs run --script` does with its script.
    ///
    /// # Errors
    ///
    /// As for [`eval`](Self::eval) and [`resolve`](Self::resolve); a
    /// rejection is [`Error::Js`] with the reason.
    pub fn run_script<R: FromJs>(
        &mut self,
        body: &str,
        name: &str,
        timeout: Option<Duration>,
    ) -> Result<R, Error> {
        let wrapped = format!("(async function () {{\n{body}\n}})()");
        let promise = self.eval_source(&wrapped, name)?;
        self.resolve(promise, timeout)
    }
}
