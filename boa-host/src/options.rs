//! [`Options`]: everything that shapes one run of a program, written once.
//!
//! [`Program`](crate::Program) fills it through its builder methods, the
//! session starts from it, and the JS world keeps it (in `HostData`) for
//! the natives that read it: nothing is copied field by field in between.

use crate::{ClockMode, Filesystem, HostFn, Identity, Input, Output};
use gojs_engine::{Interrupt, Limits};
use std::time::Duration;

/// JS source evaluated in the program's global scope before Go starts.
#[derive(Clone, Debug)]
pub(crate) struct Script {
    /// Shown in errors (a file path, or a name the embedder chose).
    pub name: String,
    pub source: String,
}

#[derive(Clone, Debug)]
pub(crate) struct Options {
    /// `go.argv`: the program name first, as Go's `os.Args`.
    pub args: Vec<String>,
    /// `go.env` and `process.env`.
    pub env: Vec<(String, String)>,
    /// `process.argv`; `None`: `["gojs", ...args]`.
    pub process_argv: Option<Vec<String>>,
    /// What `fs` may touch: the host (default), nothing, or a namespace of
    /// mounts. Only a description: the `gojs_vfs::FileSystem` it stands for
    /// is built when the world is created, on the thread that runs the
    /// program (`globals::fs`).
    pub filesystem: Filesystem,
    pub stdin: Input,
    pub stdout: Output,
    pub stderr: Output,
    pub clock: ClockMode,
    pub seed: Option<u64>,
    /// Calling a released Go function also throws `Error("call to released function")`.
    pub strict_released_funcs: bool,
    pub limits: Limits,
    /// Stops the program from another thread; also what the deadline
    /// triggers. `None`: the session makes its own.
    pub interrupt: Option<Interrupt>,
    /// Wall-clock time the program may run, from `start`.
    pub timeout: Option<Duration>,
    /// boa's loop-iteration limit (iterations of any one JS loop); `None`:
    /// no limit (node's behaviour).
    pub js_loop_iterations: Option<u64>,
    /// `process.cwd()` at start; `None`: the host's working directory.
    pub cwd: Option<String>,
    /// The pid, ids and umask the program sees; `None`: the host's.
    pub identity: Option<Identity>,
    pub preload: Vec<Script>,
    /// Host functions to define before the program starts, by global path.
    pub host_fns: Vec<(String, HostFn)>,
}

impl Default for Options {
    /// What `wasm_exec.js` gives a program by default: `argv = ["js"]`, an
    /// empty environment, the host filesystem and outputs, no stdin, the real
    /// clock.
    fn default() -> Self {
        Self {
            args: vec!["js".into()],
            env: Vec::new(),
            process_argv: None,
            filesystem: Filesystem::Host,
            stdin: Input::Empty,
            stdout: Output::Inherit,
            stderr: Output::Inherit,
            clock: ClockMode::Real,
            seed: None,
            strict_released_funcs: false,
            limits: Limits::default(),
            interrupt: None,
            timeout: None,
            js_loop_iterations: None,
            cwd: None,
            identity: None,
            preload: Vec::new(),
            host_fns: Vec::new(),
        }
    }
}

impl Options {
    /// `process.argv` as the program will see it.
    pub fn process_argv(&self) -> Vec<String> {
        self.process_argv.clone().unwrap_or_else(|| {
            std::iter::once("gojs".to_owned())
                .chain(self.args.iter().cloned())
                .collect()
        })
    }
}
