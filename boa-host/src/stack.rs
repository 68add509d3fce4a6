//! The native stack: nothing a program does may overflow the stack of the
//! thread it runs on (an overflow aborts the whole process). Three things
//! recurse natively, each bounded here from the stack actually left
//! (`stacker::remaining_stack`):
//!
//! - Go → JS → Go nesting: the engine refuses a guest entry with less than
//!   its red zone left (a JS `RangeError`, as `Limits::max_nesting`);
//! - JS re-entering the VM through natives (`[1].map(f)` recursing): boa's
//!   recursion limit, sized at world creation from the stack left then
//!   ([`recursion_limit`]);
//! - boa's parser, which recurses per nesting level of the source without
//!   any bound of its own: every source gojs hands it (eval, preloads,
//!   scripts, and what JS compiles at run time: `eval` and `Function`,
//!   through boa's host hook, [`crate::hooks`])
//!   is first scanned for the stack parsing it needs
//!   ([`crate::source_depth`]); more than the stack left is a `RangeError:
//!   Maximum call stack size exceeded`, as V8 says for the same source.
//!
//! Measured on boa 0.22 (release build): a JS → JS call uses no native
//! stack, a native re-entry 1.3 KiB, a Go → JS → Go level 4.9 KiB.

use boa_engine::{JsNativeError, JsResult};

/// Stack kept free below every check: what the work between two checks may
/// use (a nesting level's glue, boa's own frames, error formatting). The
/// engine's, so that both sides keep the same margin.
pub(crate) const RED_ZONE: usize = gojs_engine::STACK_RED_ZONE;

/// Per native re-entry of boa's VM (measured 1.3 KiB; debug builds of the
/// glue use more).
const PER_REENTRY: usize = 4 << 10;

/// The stack left on this thread, if the platform tells.
pub(crate) fn remaining() -> Option<usize> {
    stacker::remaining_stack()
}

/// The `RangeError` a JS engine throws when its stack runs out.
pub(crate) fn overflow() -> boa_engine::JsError {
    JsNativeError::range()
        .with_message("Maximum call stack size exceeded")
        .into()
}

/// boa's recursion limit for a world created with `remaining` bytes of
/// stack left: enough for `max_nesting` Go → JS → Go levels (each counts
/// about two) and no more than the stack can hold.
pub(crate) fn recursion_limit(remaining: Option<usize>, max_nesting: u32) -> usize {
    let wanted = (max_nesting as usize)
        .saturating_mul(4)
        .saturating_add(1024);
    match remaining {
        Some(r) => wanted.min(r.saturating_sub(RED_ZONE) / PER_REENTRY).max(64),
        None => wanted,
    }
}

/// Refuses `source` if parsing it could use more stack than is left.
///
/// # Errors
///
/// `RangeError: Maximum call stack size exceeded`.
pub(crate) fn check_source(source: &str) -> JsResult<()> {
    let Some(left) = remaining() else {
        return Ok(());
    };
    if crate::source_depth::estimate(source).saturating_add(RED_ZONE) > left {
        return Err(overflow());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recursion_limit_follows_the_stack() {
        assert_eq!(recursion_limit(None, 10_000), 41_024);
        assert_eq!(recursion_limit(Some(1 << 30), 10_000), 41_024);
        let small = recursion_limit(Some(8 << 20), 10_000);
        assert!((1000..2100).contains(&small), "{small}");
    }
}
