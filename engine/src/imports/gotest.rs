//! The `_gotest` imports of `syscall/js` test binaries (`js_test.go`).

use super::run_import;
use crate::state::HostState;
use crate::world::World;
use wasmi::{Caller, Linker};

/// Defines `_gotest.add` and `_gotest.callExport`.
pub(crate) fn define<W: World>(linker: &mut Linker<HostState<W>>) -> Result<(), wasmi::Error> {
    // `add: (a, b) => a + b`: i32 arguments, result back through ToInt32.
    linker.func_wrap(
        gojs_abi::GOTEST_MODULE,
        gojs_abi::names::GOTEST_ADD,
        |a: i32, b: i32| a.wrapping_add(b),
    )?;
    // `callExport: (a, b) => { testExport0(); return testExport(a, b); }`
    linker.func_wrap(
        gojs_abi::GOTEST_MODULE,
        gojs_abi::names::GOTEST_CALL_EXPORT,
        |mut caller: Caller<'_, HostState<W>>, a: i32, b: i64| -> Result<i64, wasmi::Error> {
            run_import(&mut caller, 0, |cx| {
                cx.call_guest(|caller, exports| {
                    let missing =
                        || wasmi::Error::new("module does not export testExport/testExport0");
                    let test0 = exports.test_export0.ok_or_else(missing)?;
                    crate::metering::call(&mut *caller, &test0, ())?;
                    let test = exports.test_export.ok_or_else(missing)?;
                    crate::metering::call(&mut *caller, &test, (a, b))
                })
            })
        },
    )?;
    Ok(())
}
