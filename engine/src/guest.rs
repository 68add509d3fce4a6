//! Calls into the guest: the [`Guest`] implementation lent to the world, and
//! the bookkeeping every entry (`run`, `resume`, test exports) shares.

use crate::{
    state::{Exports, HostState},
    table::TableStats,
    world::{ErrorKind, Guest, GuestError, World},
};
use wasmi::{AsContext, AsContextMut};

/// The guest as seen from JS: a handle on the store (at top level) or on the
/// caller of the import in progress (when nested).
pub(crate) struct GuestHandle<'a, C>(pub &'a mut C);

/// Enters the guest: refuses after exit and past the nesting limit, lends
/// `world` to the imports the guest will call, counts the entry, and turns
/// an unwinding error into a [`GuestError`].
pub(crate) fn call_into<C, W, T>(
    ctx: &mut C,
    world: &mut W,
    f: impl FnOnce(&mut C, &Exports) -> Result<T, wasmi::Error>,
) -> Result<T, GuestError<W::Value>>
where
    C: AsContextMut<Data = HostState<W>>,
    W: World,
{
    let mut context = ctx.as_context_mut();
    let state = context.data_mut();
    if state.exit_code.is_some() {
        return Err(GuestError::AlreadyExited);
    }
    if state.depth >= state.limits.max_nesting {
        let e = world.error(ErrorKind::Range, "Maximum call stack size exceeded");
        return Err(GuestError::Throw(e));
    }
    let exports = match state.exports() {
        Ok(e) => e,
        Err(trap) => return Err(GuestError::Fatal(trap.to_string())),
    };
    state.depth += 1;
    state.counters.entries += 1;
    state.counters.max_depth = state.counters.max_depth.max(state.depth);
    let slot = state.world.clone();
    let result = slot.lend(world, || f(ctx, &exports));
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
    fn resume(&mut self, world: &mut W) -> Result<(), GuestError<W::Value>> {
        call_into(self.0, world, |ctx, exports| exports.resume.call(ctx, ()))
    }

    fn fire_timeout(&mut self, world: &mut W, go_id: i32) -> Result<(), GuestError<W::Value>> {
        self.resume(world)?;
        while self.0.as_context().data().timeouts.contains_key(&go_id) {
            // for some reason Go failed to register the timeout event, log and try again
            // (temporary workaround for https://github.com/golang/go/issues/28975)
            world.warn("scheduleTimeoutEvent: missed timeout event");
            self.resume(world)?;
        }
        Ok(())
    }

    fn exited(&self) -> bool {
        self.0.as_context().data().exit_code.is_some()
    }

    fn table_stats(&self) -> TableStats {
        self.0.as_context().data().table.stats()
    }
}
