//! The `runtime.*` imports: exit, output, clocks, timers, randomness.
//!
//! Each function implements the `wasm_exec.js` (Go 1.27.3) entry of the same
//! name; the Go side is in `src/runtime/{sys_wasm.go,os_js.go,lock_js.go}`.

use super::{Ctx, R};
use crate::{Unwind, world::World};
use gojs_abi::frame;

/// `runtime.wasmExit(code int32)`, called by `os.Exit` and when `main`
/// returns. Under node, `go.exit` is `process.exit`: nothing after it runs,
/// so the guest unwinds at once.
pub(super) fn wasm_exit<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    let code = cx.i32(cx.at(frame::wasm_exit::CODE))?;
    cx.host.state_mut().exit_code = Some(code);
    Err(Unwind::Exit)
}

/// `runtime.wasmWrite(fd uintptr, p unsafe.Pointer, n int32)`: the runtime's
/// own writes (`println`, panic messages) via `fs.writeSync(fd, bytes)`.
pub(super) fn wasm_write<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    let fd = cx.int64(cx.at(frame::wasm_write::FD))?;
    let ptr = cx.int64(cx.at(frame::wasm_write::PTR))?;
    let n = cx.i32(cx.at(frame::wasm_write::LEN))?;
    if ptr < 0.0 || n < 0 {
        let msg = format!("Invalid typed array length: {n}");
        return Err(Unwind::Throw(cx.world.error(crate::ErrorKind::Range, &msg)));
    }
    let bytes = cx.bytes(ptr as u64, n as u64)?.to_vec();
    cx.world.write_sync(fd, &bytes)
}

/// `runtime.resetMemoryDataView()`: `wasm_exec.js` rebuilds its `DataView`
/// after `memory.grow`; the engine reads memory afresh on every access, so
/// there is nothing to do.
pub(super) fn reset_memory_data_view<W: World>(_: &mut Ctx<'_, W>) -> R<(), W> {
    Ok(())
}

/// `runtime.nanotime1() int64`: `(timeOrigin + performance.now()) * 1e6`.
pub(super) fn nanotime1<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    let ms = cx.world.monotonic_ms();
    cx.set_int64(cx.at(frame::nanotime1::RESULT), ms * 1_000_000.0)
}

/// `runtime.walltime() (sec int64, nsec int32)`.
pub(super) fn walltime<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    let msec = cx.world.wall_ms();
    cx.set_int64(cx.at(frame::walltime::SEC), msec / 1000.0)?;
    let nsec = (msec % 1000.0) * 1_000_000.0;
    cx.set_u32(cx.at(frame::walltime::NSEC), super::to_uint32(nsec))
}

/// `runtime.scheduleTimeoutEvent(delay int64) int32`: the wake-up Go asks for
/// when every goroutine sleeps.
pub(super) fn schedule_timeout_event<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    let delay = cx.int64(cx.at(frame::schedule_timeout_event::DELAY_MS))?;
    let state = cx.host.state_mut();
    // (`getInt64(sp + 8) + 1` in Go ≤ 1.20's glue: a JS number sum.)
    let delay = delay + state.timeout_slack_ms as f64;
    let id = state.next_timeout_id;
    state.next_timeout_id = state.next_timeout_id.wrapping_add(1);
    let handle = cx.world.set_go_timer(id, delay)?;
    cx.host.state_mut().timeouts.insert(id, handle);
    cx.set_u32(cx.at(frame::schedule_timeout_event::RESULT_ID), id as u32)
}

/// `runtime.clearTimeoutEvent(id int32)`.
pub(super) fn clear_timeout_event<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    let id = cx.i32(cx.at(frame::clear_timeout_event::ID))?;
    if let Some(handle) = cx.host.state_mut().timeouts.remove(&id) {
        cx.world.clear_go_timer(handle);
    }
    Ok(())
}

/// `runtime.getRandomData(r []byte)`: `crypto.getRandomValues(slice)`.
pub(super) fn get_random_data<W: World>(cx: &mut Ctx<'_, W>) -> R<(), W> {
    let range = cx.slice_range(cx.at(frame::get_random_data::SLICE))?;
    let (memory, world) = cx.memory_and_world()?;
    random_fill(world, &mut memory[range])
}

/// `crypto.getRandomValues(buf)`, which throws a QuotaExceededError above
/// 65536 bytes.
pub(super) fn random_fill<W: World>(world: &mut W, buf: &mut [u8]) -> R<(), W> {
    if buf.len() > 65536 {
        let msg = format!(
            "The ArrayBufferView's byte length ({}) exceeds the number of bytes of entropy available via this API (65536)",
            buf.len()
        );
        return Err(Unwind::Throw(world.error(crate::ErrorKind::Plain, &msg)));
    }
    world.random_fill(buf)
}
