//! Calling into the guest under metering: fuel handed out a slice at a time,
//! so that the engine regains control every [`FUEL_SLICE`] instructions to
//! check the [`Interrupt`](crate::Interrupt) and the fuel budget, and
//! resumes the call when both allow.
//!
//! wasmi counts fuel per store; every entry into the guest — the outermost
//! `run`, or a `resume` nested in an import — is a *resumable* call that
//! comes back here when the store's fuel runs out. A host error (an import
//! unwinding the guest) ends a resumable call as it ends a plain one.

use super::Data;
use crate::{
    error::{HostError, Limit, Unwinding},
    world::World,
};
use wasmi::{
    AsContext, AsContextMut, Func, ResumableCall, TypedFunc, TypedResumableCall, Val, WasmParams,
    WasmResults,
};

/// Tops the store's fuel up with the next slice.
///
/// # Errors
///
/// The limit that forbids running on: the interrupt, or the budget.
pub(crate) fn refuel<W: World>(
    ctx: &mut impl AsContextMut<Data = Data<W>>,
) -> Result<(), HostError> {
    let mut context = ctx.as_context_mut();
    let state = &mut context.data_mut().host;
    if let Some(e) = state.interrupt.error() {
        return Err(e);
    }
    let slice = state.fuel.next_slice().ok_or_else(|| {
        HostError::limit(
            Limit::Fuel,
            "the program used up its fuel (its instruction budget)",
        )
    })?;
    let left = context.get_fuel().unwrap_or(0);
    // Fuel is on: `set_fuel` only fails on an unmetered store.
    let _ = context.set_fuel(left.saturating_add(slice));
    Ok(())
}

/// Calls `func` with `params`, refuelling (and checking the interrupt and
/// the budget) each time the store's fuel runs out. Unmetered modules are
/// called plainly.
pub(crate) fn call<W, C, P, R>(
    ctx: &mut C,
    func: &TypedFunc<P, R>,
    params: P,
) -> Result<R, wasmi::Error>
where
    W: World,
    C: AsContextMut<Data = Data<W>>,
    P: WasmParams,
    R: WasmResults,
{
    if !ctx.as_context().data().host.fuel.metered {
        return func.call(ctx, params);
    }
    if ctx.as_context().get_fuel().unwrap_or(0) == 0 {
        refuel(ctx).map_err(|e| ctx.as_context_mut().data_mut().start_unwinding(e.into()))?;
    }
    let mut invocation = func.call_resumable(&mut *ctx, params)?;
    loop {
        match invocation {
            TypedResumableCall::Finished(results) => return Ok(results),
            // An import unwound the guest: its reason waits in the host
            // state; the suspended call is dropped, as a trap would drop it.
            TypedResumableCall::HostTrap(trap) => {
                return Err(if trap.host_error().downcast_ref::<Unwinding>().is_some() {
                    wasmi::Error::host(Unwinding)
                } else {
                    wasmi::Error::new(trap.host_error().to_string())
                });
            }
            TypedResumableCall::OutOfFuel(suspended) => {
                refuel(ctx)
                    .map_err(|e| ctx.as_context_mut().data_mut().start_unwinding(e.into()))?;
                invocation = suspended.resume(&mut *ctx)?;
            }
        }
    }
}

/// [`call`] for a function whose type is known only at run time (an
/// export called by name).
pub(crate) fn call_func<W, C>(
    ctx: &mut C,
    func: &Func,
    params: &[Val],
    results: &mut [Val],
) -> Result<(), wasmi::Error>
where
    W: World,
    C: AsContextMut<Data = Data<W>>,
{
    if !ctx.as_context().data().host.fuel.metered {
        return func.call(ctx, params, results);
    }
    if ctx.as_context().get_fuel().unwrap_or(0) == 0 {
        refuel(ctx).map_err(|e| ctx.as_context_mut().data_mut().start_unwinding(e.into()))?;
    }
    let mut invocation = func.call_resumable(&mut *ctx, params, results)?;
    loop {
        match invocation {
            ResumableCall::Finished => return Ok(()),
            ResumableCall::HostTrap(trap) => {
                return Err(if trap.host_error().downcast_ref::<Unwinding>().is_some() {
                    wasmi::Error::host(Unwinding)
                } else {
                    wasmi::Error::new(trap.host_error().to_string())
                });
            }
            ResumableCall::OutOfFuel(suspended) => {
                refuel(ctx)
                    .map_err(|e| ctx.as_context_mut().data_mut().start_unwinding(e.into()))?;
                invocation = suspended.resume(&mut *ctx, results)?;
            }
        }
    }
}
