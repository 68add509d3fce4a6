//! [`Program`]: how to run a Go (or Rust) guest — argv, environment,
//! stdio, clock, limits, preloads, host functions — and its two ways to
//! run: to its end ([`Program::run`]), or as a [`Session`] that stays alive
//! ([`Program::start`]).

use crate::{
    ClockMode, Filesystem, HostFn, Identity, Input, Output,
    error::Error,
    options::{Options, Script},
    session::Session,
};
use gojs_engine::{GoModule, Interrupt, LeakReport, Limits, TableStats};
use std::time::Duration;

/// How a program ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exit {
    /// The exit code, as `node wasm_exec_node.js` would return it: the
    /// program's own (`os.Exit`, 0 when `main` returns, 2 for a Go panic or
    /// deadlock), the code given to `process.exit`, or 1 for an uncaught JS
    /// exception.
    pub code: i32,
    /// The reference table when the program ended: what the guest still
    /// held (a guest that releases everything ends with `live_dynamic == 0`).
    pub table: TableStats,
    /// What the guest still held when it ended: the table's peaks and
    /// totals, and its live `js.Func`s (the data of `gojs run --leaks`).
    pub leaks: LeakReport,
}

/// The deadline of [`Program::sandbox`].
pub const SANDBOX_TIMEOUT: Duration = Duration::from_secs(60);

/// The JS loop bound of [`Program::sandbox`]: seconds of boa time, far more
/// than any loader's glue needs, and what stops a pure-JS infinite loop
/// that the deadline cannot (it has no crossing, task or builtin call).
pub const SANDBOX_JS_LOOP_ITERATIONS: u64 = 100_000_000;

/// A configured run of a module. Build with [`Program::new`], adjust, then
/// [`run`](Program::run) it to its end or [`start`](Program::start) a
/// [`Session`].
///
/// Deep Go → JS → Go nesting recurses on the native stack. Any thread is
/// safe: nesting, JS recursion and JS source depth are bounded by the stack
/// the thread has left (a `RangeError`, as in node, when it runs low). A
/// thread with a large stack (the `gojs` CLI and
/// [`SessionThread`](crate::SessionThread) reserve 1 GiB of address space)
/// lets programs that nest callbacks thousands deep run as deep as under node.
#[derive(Debug, Clone)]
pub struct Program<'m> {
    module: &'m GoModule,
    options: Options,
}

impl<'m> Program<'m> {
    /// A run of `module` with `argv = ["js"]` (as `wasm_exec.js` defaults),
    /// an empty environment, the host filesystem and outputs, no stdin, the
    /// real clock.
    pub fn new(module: &'m GoModule) -> Self {
        Self {
            module,
            options: Options::default(),
        }
    }

    /// `go.argv`: the program name first, as Go's `os.Args`.
    #[must_use]
    pub fn args<I: IntoIterator<Item = S>, S: Into<String>>(mut self, args: I) -> Self {
        self.options.args = args.into_iter().map(Into::into).collect();
        self
    }

    /// `go.env` (and `process.env`).
    #[must_use]
    pub fn env<I: IntoIterator<Item = (K, V)>, K: Into<String>, V: Into<String>>(
        mut self,
        env: I,
    ) -> Self {
        self.options.env = env.into_iter().map(|(k, v)| (k.into(), v.into())).collect();
        self
    }

    /// `process.argv` (default: `["gojs", ...args]`). Go does not read it;
    /// preloads and scripts may.
    #[must_use]
    pub fn process_argv<I: IntoIterator<Item = S>, S: Into<String>>(mut self, argv: I) -> Self {
        self.options.process_argv = Some(argv.into_iter().map(Into::into).collect());
        self
    }

    /// What `fs` may touch (default: the host filesystem, as node):
    /// [`Filesystem::Disabled`] for no files, or [`Filesystem::Mounts`] for a
    /// virtual namespace — in-memory trees, confined host directories, any
    /// [`gojs_vfs::FileSystem`](crate::vfs::FileSystem) — in which
    /// `process.cwd()` is a guest path (`/` unless [`cwd`](Self::cwd) names
    /// a directory of the namespace). The filesystem is built when the
    /// program starts; a mount that cannot be made (a missing host
    /// directory, two mounts at one point) is [`Error::Setup`].
    ///
    /// ```
    /// use gojs_boa::{Filesystem, Mount};
    /// # fn f(program: gojs_boa::Program<'_>) -> gojs_boa::Program<'_> {
    /// program
    ///     .filesystem(Filesystem::mounts([
    ///         Mount::memory("/").capacity(64 << 20),
    ///         Mount::host_dir("/data", "/srv/inputs").read_only(),
    ///     ]))
    ///     .cwd("/data")
    /// # }
    /// ```
    #[must_use]
    pub fn filesystem(mut self, filesystem: Filesystem) -> Self {
        self.options.filesystem = filesystem;
        self
    }

    /// Where fd 0 reads from (default: nothing, as `</dev/null`).
    #[must_use]
    pub fn stdin(mut self, input: Input) -> Self {
        self.options.stdin = input;
        self
    }

    /// Where fd 1 goes.
    #[must_use]
    pub fn stdout(mut self, out: Output) -> Self {
        self.options.stdout = out;
        self
    }

    /// Where fd 2 goes.
    #[must_use]
    pub fn stderr(mut self, out: Output) -> Self {
        self.options.stderr = out;
        self
    }

    /// Real or virtual time.
    #[must_use]
    pub fn clock(mut self, clock: ClockMode) -> Self {
        self.options.clock = clock;
        self
    }

    /// Seeds `crypto.getRandomValues` and Go's `getRandomData`.
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.options.seed = Some(seed);
        self
    }

    /// Strict released-function calls: besides Go's `console.error` line, the
    /// JS caller gets a thrown `Error("call to released function")` instead
    /// of `undefined`. Off by default (node's behaviour).
    #[must_use]
    pub fn strict_released_funcs(mut self, strict: bool) -> Self {
        self.options.strict_released_funcs = strict;
        self
    }

    /// Host limits (fuel, memory, references, timers, output, nesting).
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.options.limits = limits;
        self
    }

    /// A wall-clock deadline, from `start`, covering wasm, JS and waiting:
    /// when it passes the program is stopped as by
    /// [`interrupt`](Self::interrupt) with [`Limit::Deadline`](crate::Limit::Deadline).
    /// Wasm stops within one fuel slice if the module is metered; JS stops
    /// at its next crossing, task or timer (see `spec-notes/SANDBOX.md`
    /// for what JS cannot be stopped).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// Lets `interrupt` stop the program from another thread
    /// ([`Interrupt::trigger`]); a session makes its own otherwise
    /// ([`Session::interrupt`]).
    #[must_use]
    pub fn interrupt(mut self, interrupt: Interrupt) -> Self {
        self.options.interrupt = Some(interrupt);
        self
    }

    /// Bounds every JS loop to `iterations` (boa's loop-iteration limit; an
    /// uncatchable [`Limit::JsEngine`](crate::Limit::JsEngine) error past
    /// it): what stops a pure-JS infinite loop, which no interrupt can.
    #[must_use]
    pub fn js_loop_iterations(mut self, iterations: u64) -> Self {
        self.options.js_loop_iterations = Some(iterations);
        self
    }

    /// `process.cwd()` at start (default: the host's working directory).
    #[must_use]
    pub fn cwd(mut self, cwd: impl Into<String>) -> Self {
        self.options.cwd = Some(cwd.into());
        self
    }

    /// The pid, user and group ids and umask the program sees (default:
    /// the host process's, as node shows them).
    #[must_use]
    pub fn identity(mut self, identity: Identity) -> Self {
        self.options.identity = Some(identity);
        self
    }

    /// Confines the program, as `gojs run --sandbox`: nothing of the host
    /// is visible and every resource is bounded. It sets
    ///
    /// - the filesystem to [`Filesystem::sandbox`] (an empty in-memory
    ///   root, 256 MiB, with a writable `/tmp`) and the cwd to `/`;
    /// - an empty environment;
    /// - [`Identity::SANDBOX`] (pid 1, uid and gid 1000);
    /// - [`Limits::SANDBOX`] (1 GiB memory, 2^20 refs, 10 000 timers,
    ///   64 MiB per output stream), a 60 s [`timeout`](Self::timeout) and
    ///   10^8 [`js_loop_iterations`](Self::js_loop_iterations).
    ///
    /// Builder calls after it override any of these; the others (args,
    /// outputs, stdin, clock, preloads, host functions) are untouched. What
    /// the bounds guarantee, and what they cannot, is in
    /// `spec-notes/SANDBOX.md`.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # fn f(program: gojs_boa::Program<'_>) -> gojs_boa::Program<'_> {
    /// program
    ///     .sandbox()
    ///     .env([("LANG", "C")])
    ///     .timeout(Duration::from_secs(5))
    /// # }
    /// ```
    #[must_use]
    pub fn sandbox(mut self) -> Self {
        let options = &mut self.options;
        options.filesystem = Filesystem::sandbox();
        options.cwd = Some("/".into());
        options.env = Vec::new();
        options.identity = Some(Identity::SANDBOX);
        options.limits = Limits::SANDBOX;
        options.timeout = Some(SANDBOX_TIMEOUT);
        options.js_loop_iterations = Some(SANDBOX_JS_LOOP_ITERATIONS);
        self
    }

    /// JS `source` evaluated in the program's global scope after the world
    /// is set up and before Go starts (e.g. `globalThis.config = {…}`, as
    /// many loaders do before `go.run`); `name` is shown in errors. Preloads
    /// run in the order given.
    #[must_use]
    pub fn preload(mut self, name: impl Into<String>, source: impl Into<String>) -> Self {
        self.options.preload.push(Script {
            name: name.into(),
            source: source.into(),
        });
        self
    }

    /// Defines the host function `f` at `path` (dot-separated, from
    /// `globalThis`; missing objects are created) before preloads and Go run.
    #[must_use]
    pub fn host_fn(mut self, path: impl Into<String>, f: HostFn) -> Self {
        self.options.host_fns.push((path.into(), f));
        self
    }

    /// Starts the program and returns it as a [`Session`] once `main` has
    /// exited or parked.
    ///
    /// # Errors
    ///
    /// [`Error::Load`] or [`Error::Setup`] if it cannot start;
    /// [`Error::Js`] if a preload throws (Go does not start);
    /// [`Error::Host`] if the host ended it. A program that fails on its own
    /// (a Go panic, an uncaught exception) still gives a session, whose
    /// [`exit_code`](Session::exit_code) says how it ended.
    pub fn start(self) -> Result<Session, Error> {
        Session::start(self.module, self.options)
    }

    /// Runs the program to its end: [`start`](Self::start), then
    /// [`Session::close`] — the event loop runs dry and a parked program is
    /// told node has nothing left to do (Go then reports its deadlock).
    ///
    /// # Errors
    ///
    /// [`Error`] for failures of the host (setup, traps, limits). The
    /// program's own failures (Go panics, uncaught JS exceptions, a preload
    /// that throws) are an [`Exit`] with their exit code, as under node.
    pub fn run(self) -> Result<Exit, Error> {
        let stderr = self.options.stderr.clone();
        match self.start() {
            Ok(session) => session.close(),
            Err(Error::Exited(code)) => Ok(Exit {
                code,
                table: TableStats::default(),
                leaks: LeakReport::default(),
            }),
            Err(Error::Js(e)) => {
                let _ = stderr.write(2, format!("{e}\n").as_bytes());
                Ok(Exit {
                    code: 1,
                    table: TableStats::default(),
                    leaks: LeakReport::default(),
                })
            }
            Err(e) => Err(e),
        }
    }
}
