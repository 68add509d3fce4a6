//! [`Error`]: what can go wrong running a program or talking to it, and
//! [`JsException`]: a JS error as the embedder sees it.

use boa_engine::{Context, JsString, JsValue};
use gojs_engine::{HostError, LoadError};
use std::time::Duration;

/// What went wrong starting, running or calling into a program.
///
/// A program's own failures while it runs on its own (a Go panic, an
/// uncaught JS exception in a timer) are not errors: they end it with an
/// exit code, as under node ([`Exit`](crate::Exit)). Errors are what the
/// embedder's own request ran into.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The module cannot be run.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The JS world could not be set up.
    #[error("cannot set up the JS world: {0}")]
    Setup(String),
    /// The host ended the program: a trap, a limit, or a bug of gojs. The
    /// session is unusable afterwards; every later request returns this again.
    #[error(transparent)]
    Host(#[from] HostError),
    /// JS threw (a call, an eval, a preload), or an awaited promise was
    /// rejected.
    #[error("{0}")]
    Js(JsException),
    /// The program has exited, with this code: it cannot be called any more.
    #[error("the program exited with code {0}")]
    Exited(i32),
    /// An awaited promise did not settle within the time allowed.
    #[error("the promise did not settle within {0:?}")]
    Timeout(Duration),
    /// An awaited promise can never settle: nothing is left to run that
    /// could settle it (the program is idle).
    #[error("the promise can never settle: the program is idle")]
    Unsettled,
    /// A result did not have the shape the caller asked for.
    #[error("cannot convert the result: {0}")]
    Convert(String),
    /// A range of linear memory asked for is not inside it.
    #[error("{len} bytes at {addr} are outside the guest's linear memory")]
    Memory {
        /// Where the range starts.
        addr: u64,
        /// Its length in bytes.
        len: u64,
    },
}

/// A JS exception or rejection reason, as far as boa keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsException {
    /// The error's `name` (`TypeError`, …), when the value is an object
    /// with a string `name`; `None` for a thrown string, number, or a plain
    /// object.
    pub name: Option<String>,
    /// The value's `message` when it is an object with a string `message`
    /// (an error, or an error-like object such as the `{message, stack}` Go
    /// code rejects with); otherwise the thrown value shown as node's
    /// `console.log` shows it.
    pub message: String,
    /// The error's `stack`, when boa recorded one.
    pub stack: Option<String>,
}

impl core::fmt::Display for JsException {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match &self.name {
            Some(name) if self.message.is_empty() => f.write_str(name),
            Some(name) => write!(f, "{name}: {}", self.message),
            None => write!(f, "Uncaught {}", self.message),
        }
    }
}

impl JsException {
    /// Reads what an exception value says about itself. Reading must not
    /// run into further trouble, so getters that throw read as absent.
    pub(crate) fn from_value(value: &JsValue, ctx: &mut Context) -> Self {
        let string_prop = |name: &str, ctx: &mut Context| -> Option<String> {
            let object = value.as_object()?;
            let v = object.get(JsString::from(name), ctx).ok()?;
            v.as_string().map(|s| s.to_std_string_lossy())
        };
        let name = string_prop("name", ctx);
        let message = match string_prop("message", ctx) {
            Some(m) => m,
            None if name.is_some() => String::new(),
            None => crate::globals::console::inspect(value, ctx, 2)
                .unwrap_or_else(|_| "exception".into()),
        };
        Self {
            name,
            message,
            stack: string_prop("stack", ctx).filter(|s| !s.is_empty()),
        }
    }
}
