//! The `_gotest` imports of `syscall/js` test binaries (`js_test.go`).
//!
//! `add: (a, b) => a + b` takes `i32`s and returns through `ToInt32`: each
//! backend defines it as a plain wrapping add.

use super::run_import;
use crate::{
    backend::{Entry, Host},
    error::Unwinding,
    world::World,
};

/// `callExport: (a, b) => { testExport0(); return testExport(a, b); }`.
pub(crate) fn call_export<W: World>(
    host: &mut dyn Host<W>,
    a: i32,
    b: i64,
) -> Result<i64, Unwinding> {
    run_import(host, 0, |cx| {
        cx.call_guest(|host| {
            host.call(Entry::TestExport0)?;
            match host.call(Entry::TestExport(a, b))? {
                Some(crate::WasmVal::I64(v)) => Ok(v),
                _ => Err(crate::HostError::internal("testExport returned no i64").into()),
            }
        })
    })
}
