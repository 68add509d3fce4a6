//! Calls into the guest: the [`Guest`] implementation lent to the world, and
//! the bookkeeping every entry (`run`, `resume`, test exports) shares.

use crate::{
    backend::{Entry, GuestError, Host},
    error::Unwind,
    table::TableStats,
    world::{ErrorKind, Guest, JsResult, World},
};

/// The guest as seen from JS: a backend's store (at top level) or the
/// caller of the import in progress (when nested).
pub(crate) struct GuestHandle<'a, W: World>(pub &'a mut dyn Host<W>);

/// Enters the guest: refuses after exit and past the nesting limit, lends
/// `world` to the imports the guest will call, counts the entry, and turns
/// an unwinding error into an [`Unwind`].
pub(crate) fn call_into<W: World, T>(
    host: &mut dyn Host<W>,
    world: &mut W,
    f: impl FnOnce(&mut dyn Host<W>) -> Result<T, GuestError>,
) -> JsResult<T, W::Value> {
    enter(host, world, true, f)
}

/// [`call_into`], optionally also after the program exited: JS may call a
/// wasm export whenever it likes (only the glue's `_resume` refuses).
pub(crate) fn enter<W: World, T>(
    host: &mut dyn Host<W>,
    world: &mut W,
    refuse_after_exit: bool,
    f: impl FnOnce(&mut dyn Host<W>) -> Result<T, GuestError>,
) -> JsResult<T, W::Value> {
    let state = host.state_mut();
    if refuse_after_exit && state.exit_code.is_some() {
        // `_resume` of `wasm_exec.js` once `exited` is set.
        let e = world.error(ErrorKind::Plain, "Go program has already exited");
        return Err(Unwind::Throw(e));
    }
    if let Some(e) = state.interrupt.error() {
        return Err(Unwind::Host(e));
    }
    let stack_low = stacker::remaining_stack().is_some_and(|left| left < crate::STACK_RED_ZONE)
        || (state.stack_floor != 0
            && stack_address().saturating_sub(state.stack_floor) < crate::STACK_RED_ZONE);
    if state.depth >= state.limits.max_nesting || stack_low {
        let e = world.error(ErrorKind::Range, "Maximum call stack size exceeded");
        return Err(Unwind::Throw(e));
    }
    state.depth += 1;
    state.counters.entries += 1;
    let link = state.link.clone();
    let result = link.lend_world(world, || f(&mut *host));
    let state = host.state_mut();
    state.depth -= 1;
    result.map_err(|e| state.classify(e))
}

/// About where the stack pointer is: the address of a local of this frame.
#[inline(never)]
pub(crate) fn stack_address() -> usize {
    let marker = 0u8;
    core::ptr::addr_of!(marker) as usize
}

impl<W: World> Guest<W> for GuestHandle<'_, W> {
    fn resume(&mut self, world: &mut W) -> JsResult<(), W::Value> {
        let tinygo = self.0.state().abi == crate::GoAbi::TinyGo;
        let resumed = call_into(&mut *self.0, world, |host| {
            host.call(Entry::Resume).map(drop)
        });
        match resumed {
            // TinyGo's `_resume` catches the `wasmExit` of `proc_exit`.
            Err(Unwind::Exit) if tinygo => Ok(()),
            other => other,
        }
    }

    fn exited(&self) -> bool {
        self.0.state().exit_code.is_some()
    }

    fn exit(&mut self, code: i32) {
        self.0.state_mut().exit_code = Some(code);
    }

    fn table_stats(&self) -> TableStats {
        self.0.state().table.stats()
    }
}
