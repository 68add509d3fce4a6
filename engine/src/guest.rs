//! Calls into the guest: the [`Guest`] implementation lent to the world, and
//! the bookkeeping every entry (`run`, `resume`, test exports) shares.

use crate::{
    error::Unwind,
    state::{Exports, HostState},
    table::TableStats,
    world::{ErrorKind, Guest, JsResult, World},
};
use wasmi::{AsContext, AsContextMut};

/// The guest as seen from JS: a handle on the store (at top level) or on the
/// caller of the import in progress (when nested).
pub(crate) struct GuestHandle<'a, C>(pub &'a mut C);

/// Enters the guest: refuses after exit and past the nesting limit, lends
/// `world` to the imports the guest will call, counts the entry, and turns
/// an unwinding error into an [`Unwind`].
pub(crate) fn call_into<C, W, T>(
    ctx: &mut C,
    world: &mut W,
    f: impl FnOnce(&mut C, &Exports) -> Result<T, wasmi::Error>,
) -> JsResult<T, W::Value>
where
    C: AsContextMut<Data = HostState<W>>,
    W: World,
{
    enter(ctx, world, true, f)
}

/// [`call_into`], optionally also after the program exited: JS may call a
/// wasm export whenever it likes (only the glue's `_resume` refuses).
pub(crate) fn enter<C, W, T>(
    ctx: &mut C,
    world: &mut W,
    refuse_after_exit: bool,
    f: impl FnOnce(&mut C, &Exports) -> Result<T, wasmi::Error>,
) -> JsResult<T, W::Value>
where
    C: AsContextMut<Data = HostState<W>>,
    W: World,
{
    let mut context = ctx.as_context_mut();
    let state = context.data_mut();
    if refuse_after_exit && state.exit_code.is_some() {
        // `_resume` of `wasm_exec.js` once `exited` is set.
        let e = world.error(ErrorKind::Plain, "Go program has already exited");
        return Err(Unwind::Throw(e));
    }
    if let Some(e) = state.interrupt.error() {
        return Err(Unwind::Host(e));
    }
    let stack_low = stacker::remaining_stack().is_some_and(|left| left < crate::STACK_RED_ZONE);
    if state.depth >= state.limits.max_nesting || stack_low {
        let e = world.error(ErrorKind::Range, "Maximum call stack size exceeded");
        return Err(Unwind::Throw(e));
    }
    let exports = state.exports()?;
    state.depth += 1;
    state.counters.entries += 1;
    let link = state.link.clone();
    let result = link.lend_world(world, || f(ctx, &exports));
    let mut context = ctx.as_context_mut();
    let state = context.data_mut();
    state.depth -= 1;
    result.map_err(|e| state.classify(e))
}

impl<C, W> Guest<W> for GuestHandle<'_, C>
where
    C: AsContextMut<Data = HostState<W>>,
    W: World,
{
    fn resume(&mut self, world: &mut W) -> JsResult<(), W::Value> {
        let tinygo = self.0.as_context().data().abi == crate::GoAbi::TinyGo;
        let resumed = call_into(self.0, world, |ctx, exports| match &exports.resume {
            Some(resume) => crate::metering::call(ctx, resume, ()),
            None => Err(wasmi::Error::new("the module does not export resume")),
        });
        match resumed {
            // TinyGo's `_resume` catches the `wasmExit` of `proc_exit`.
            Err(Unwind::Exit) if tinygo => Ok(()),
            other => other,
        }
    }

    fn exited(&self) -> bool {
        self.0.as_context().data().exit_code.is_some()
    }

    fn exit(&mut self, code: i32) {
        self.0.as_context_mut().data_mut().exit_code = Some(code);
    }

    fn table_stats(&self) -> TableStats {
        self.0.as_context().data().table.stats()
    }
}
