//! The web globals real Go wasm loaders expect besides what `wasm_exec.js`
//! reads: `TextEncoder`/`TextDecoder`, `atob`/`btoa`, `structuredClone` and
//! `URL` — boa's own implementations from `boa_runtime`, registered as they
//! come. `queueMicrotask` is gojs's own (in [`timers`](super::timers)),
//! because it must queue on the same microtask queue as promise jobs, in
//! order, with node's error for a non-function argument.

use boa_engine::{Context, JsResult};
use boa_runtime::extensions::{
    Base64Extension, EncodingExtension, StructuredCloneExtension, UrlExtension,
};

pub(crate) fn install(ctx: &mut Context) -> JsResult<()> {
    boa_runtime::register_extensions(
        (
            EncodingExtension,
            Base64Extension,
            StructuredCloneExtension,
            UrlExtension,
        ),
        None,
        ctx,
    )
}
