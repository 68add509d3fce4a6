//! [`Reactor`]: a preview 1 library module (Go's `-buildmode=c-shared`
//! with `//go:wasmexport` functions) kept alive between calls.
//!
//! Owns the lifetime of such an instance: `_initialize` once (Go's
//! runtime and package initialisation), then any number of calls of its
//! exports, with one store — so the module's globals, goroutines,
//! descriptors and fuel budget carry over from call to call — until a
//! call ends it (`proc_exit`, a trap, a limit or the interrupt). It does
//! not own the imports or the state (`imports.rs`), nor how a call is
//! metered (`Instance::call`).

use crate::{Command, Ended, Instance, RunError, Val, Wasip1Module, with_deadline};
use gojs_engine::Interrupt;
use std::time::Duration;

/// A preview 1 reactor, instantiated and initialised, whose exports can be
/// called repeatedly.
///
/// It is made from a [`Command`] (the same arguments, environment, stdio,
/// filesystem and preopens, host functions and limits as a command gets)
/// and a module parsed with [`Wasip1Module::reactor`]. The instance lives
/// as long as the `Reactor`; the fuel budget is one for all calls; the
/// [`Command::timeout`] applies to each call (and to `_initialize`).
///
/// ```no_run
/// use gojs_wasip1::{Command, Reactor, Val, Wasip1Module};
/// let module = Wasip1Module::reactor(&std::fs::read("lib.wasm")?, Default::default())?;
/// let mut lib = Reactor::new(&module, Command::new(["lib.wasm"]))?;
/// // `//go:wasmexport add` of `func add(a, b int32) int32`.
/// let sum = lib.call("add", &[Val::I32(2), Val::I32(3)])?;
/// assert!(matches!(sum[..], [Val::I32(5)]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Reactor {
    instance: Instance,
    interrupt: Interrupt,
    timeout: Option<Duration>,
    /// Why it can be called no more.
    ended: Option<String>,
}

impl Reactor {
    /// Instantiates `module` for `command` and runs its `_initialize`.
    ///
    /// # Errors
    ///
    /// [`RunError`]: the module cannot be instantiated (an import nobody
    /// gives, a preopen that is no directory), or `_initialize` trapped,
    /// hit a limit or exited ([`RunError::Exited`]).
    pub fn new(module: &Wasip1Module, command: Command) -> Result<Self, RunError> {
        let (interrupt, timeout) = (command.interrupt.clone(), command.timeout);
        let mut reactor = with_deadline(&interrupt, timeout, || {
            Instance::new(command, module).map(|instance| Self {
                instance,
                interrupt: interrupt.clone(),
                timeout,
                ended: None,
            })
        })?;
        if let Ok(init) = reactor.instance.export("_initialize") {
            reactor.run(&init, &[], &mut [])?;
        }
        Ok(reactor)
    }

    /// The parameter and result types of the export `name`.
    ///
    /// # Errors
    ///
    /// [`RunError::NoExport`] if there is no such function.
    pub fn export_type(&self, name: &str) -> Result<wasmi::FuncType, RunError> {
        let func = self.instance.export(name)?;
        Ok(self.instance.signature(&func))
    }

    /// Calls the export `name` with `args`; its results.
    ///
    /// # Errors
    ///
    /// [`RunError::NoExport`] and [`RunError::Arguments`] for a call the
    /// module cannot take (the reactor lives on); [`RunError::Exited`] if
    /// the module called `proc_exit`, [`RunError::Trap`] or
    /// [`RunError::Host`] if it trapped or was stopped — these end the
    /// reactor, and every later call is [`RunError::Ended`].
    pub fn call(&mut self, name: &str, args: &[Val]) -> Result<Vec<Val>, RunError> {
        if let Some(why) = &self.ended {
            return Err(RunError::Ended(why.clone()));
        }
        let func = self.instance.export(name)?;
        let ty = self.instance.signature(&func);
        let types = |t: &mut dyn Iterator<Item = wasmi::ValType>| {
            t.map(|t| format!("{t:?}").to_lowercase())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let given: Vec<wasmi::ValType> = args.iter().map(Val::ty).collect();
        if ty.params() != given {
            return Err(RunError::Arguments {
                name: name.to_owned(),
                expected: types(&mut ty.params().iter().copied()),
                given: types(&mut given.into_iter()),
            });
        }
        let mut results: Vec<Val> = ty
            .results()
            .iter()
            .map(|t| Val::default_for_ty(*t))
            .collect();
        self.run(&func, args, &mut results)?;
        Ok(results)
    }

    /// Calls `func` under the deadline; an end that is no return ends the
    /// reactor.
    fn run(
        &mut self,
        func: &wasmi::Func,
        args: &[Val],
        results: &mut [Val],
    ) -> Result<(), RunError> {
        let (interrupt, timeout) = (self.interrupt.clone(), self.timeout);
        let outcome = with_deadline(&interrupt, timeout, || {
            self.instance.call(func, args, results)
        });
        let error = match outcome {
            Ok(Ended::Returned) => return Ok(()),
            Ok(Ended::Exit(code)) => RunError::Exited(code),
            Err(e) => e,
        };
        self.ended = Some(error.to_string());
        Err(error)
    }
}
