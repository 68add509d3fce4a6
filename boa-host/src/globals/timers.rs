//! `setTimeout`/`clearTimeout`, `setInterval`/`clearInterval`, `setImmediate` and `queueMicrotask`, on the program's
//! [`EventLoop`](crate::event_loop::EventLoop).
//!
//! Timer ids are numbers (node returns `Timeout` objects; only their
//! identity matters to `clearTimeout`).

use crate::{
    event_loop::{Task, TimerTask},
    host::HostData,
};
use boa_engine::{
    Context, JsResult, JsString, JsValue,
    job::{Job, PromiseJob},
    property::Attribute,
};

pub(crate) fn install(ctx: &mut Context) -> JsResult<()> {
    let list: [(
        &str,
        boa_engine::native_function::NativeFunctionPointer,
        usize,
    ); 6] = [
        ("setTimeout", set_timeout, 2),
        ("clearTimeout", clear_timeout, 1),
        ("setInterval", set_interval, 2),
        ("clearInterval", clear_timeout, 1),
        ("setImmediate", set_immediate, 1),
        ("queueMicrotask", queue_microtask, 1),
    ];
    for (name, f, len) in list {
        let func = super::function(ctx, f, name, len);
        ctx.register_global_property(
            JsString::from(name),
            func,
            Attribute::WRITABLE | Attribute::CONFIGURABLE,
        )?;
    }
    Ok(())
}

/// The callback argument, or node's `ERR_INVALID_ARG_TYPE`.
fn callable(args: &[JsValue], what: &str, ctx: &mut Context) -> JsResult<JsValue> {
    match args.first() {
        Some(f) if f.is_callable() => Ok(f.clone()),
        other => {
            let got = other.cloned().unwrap_or_default();
            Err(super::fs::args::invalid_type(
                ctx,
                what,
                "of type function",
                &got,
            ))
        }
    }
}

fn schedule(args: &[JsValue], ctx: &mut Context, repeat: bool) -> JsResult<JsValue> {
    let callback = callable(args, "callback", ctx)?;
    let delay = match args.get(1) {
        Some(d) => d.to_number(ctx)?,
        None => 1.0,
    };
    let args = args.get(2..).unwrap_or(&[]).to_vec();
    let data = HostData::of(ctx)?;
    if let Err(e) = data.timer_room() {
        return Err(data.abort(gojs_engine::Unwind::Host(e)));
    }
    let now = data.clock.elapsed_ms();
    let interval = repeat.then_some(delay);
    let handle = data.event_loop.set_timer(
        now,
        delay,
        TimerTask::Js {
            callback,
            args,
            interval,
        },
    );
    Ok(JsValue::new(handle as f64))
}

/// `setTimeout(callback, delay, ...args)`.
fn set_timeout(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    schedule(args, ctx, false)
}

/// `setInterval(callback, delay, ...args)`.
fn set_interval(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    schedule(args, ctx, true)
}

/// `clearTimeout(handle)` / `clearInterval(handle)`.
fn clear_timeout(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    if let Some(n) = args.first().and_then(JsValue::as_number)
        && n >= 1.0
        && n.fract() == 0.0
    {
        HostData::of(ctx)?.event_loop.clear(n as u64);
    }
    Ok(JsValue::undefined())
}

/// `setImmediate(callback, ...args)`: runs as the next macrotask.
fn set_immediate(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let callback = callable(args, "callback", ctx)?;
    let rest = args.get(1..).unwrap_or(&[]).to_vec();
    HostData::of(ctx)?.event_loop.push_io(Task::Call {
        callback,
        args: rest,
    });
    Ok(JsValue::undefined())
}

/// `queueMicrotask(callback)`.
fn queue_microtask(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let callback = callable(args, "callback", ctx)?;
    let job = PromiseJob::new(move |ctx| {
        callback
            .as_callable()
            .expect("checked when queued")
            .call(&JsValue::undefined(), &[], ctx)
    });
    HostData::of(ctx)?
        .event_loop
        .jobs
        .push(Job::PromiseJob(job));
    Ok(JsValue::undefined())
}
