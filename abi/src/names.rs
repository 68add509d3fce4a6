//! Import and export names, exactly as they appear in a Go `js/wasm` module and
//! as keys of `importObject.gojs` in `wasm_exec.js`.

/// `func wasmExit(code int32)`
pub const WASM_EXIT: &str = "runtime.wasmExit";
/// `func wasmWrite(fd uintptr, p unsafe.Pointer, n int32)`
pub const WASM_WRITE: &str = "runtime.wasmWrite";
/// `func resetMemoryDataView()`
pub const RESET_MEMORY_DATA_VIEW: &str = "runtime.resetMemoryDataView";
/// `func nanotime1() int64`
pub const NANOTIME1: &str = "runtime.nanotime1";
/// `func walltime() (sec int64, nsec int32)`
pub const WALLTIME: &str = "runtime.walltime";
/// `func scheduleTimeoutEvent(delay int64) int32`
pub const SCHEDULE_TIMEOUT_EVENT: &str = "runtime.scheduleTimeoutEvent";
/// `func clearTimeoutEvent(id int32)`
pub const CLEAR_TIMEOUT_EVENT: &str = "runtime.clearTimeoutEvent";
/// `func getRandomData(r []byte)`
pub const GET_RANDOM_DATA: &str = "runtime.getRandomData";
/// `func finalizeRef(v ref)`
pub const FINALIZE_REF: &str = "syscall/js.finalizeRef";
/// `func stringVal(value string) ref`
pub const STRING_VAL: &str = "syscall/js.stringVal";
/// `func valueGet(v ref, p string) ref`
pub const VALUE_GET: &str = "syscall/js.valueGet";
/// `func valueSet(v ref, p string, x ref)`
pub const VALUE_SET: &str = "syscall/js.valueSet";
/// `func valueDelete(v ref, p string)`
pub const VALUE_DELETE: &str = "syscall/js.valueDelete";
/// `func valueIndex(v ref, i int) ref`
pub const VALUE_INDEX: &str = "syscall/js.valueIndex";
/// `func valueSetIndex(v ref, i int, x ref)`
pub const VALUE_SET_INDEX: &str = "syscall/js.valueSetIndex";
/// `func valueCall(v ref, m string, args []ref) (ref, bool)`
pub const VALUE_CALL: &str = "syscall/js.valueCall";
/// `func valueInvoke(v ref, args []ref) (ref, bool)`
pub const VALUE_INVOKE: &str = "syscall/js.valueInvoke";
/// `func valueNew(v ref, args []ref) (ref, bool)`
pub const VALUE_NEW: &str = "syscall/js.valueNew";
/// `func valueLength(v ref) int`
pub const VALUE_LENGTH: &str = "syscall/js.valueLength";
/// `func valuePrepareString(v ref) (ref, int)`
pub const VALUE_PREPARE_STRING: &str = "syscall/js.valuePrepareString";
/// `func valueLoadString(v ref, b []byte)`
pub const VALUE_LOAD_STRING: &str = "syscall/js.valueLoadString";
/// `func valueInstanceOf(v ref, t ref) bool`
pub const VALUE_INSTANCE_OF: &str = "syscall/js.valueInstanceOf";
/// `func copyBytesToGo(dst []byte, src ref) (int, bool)`
pub const COPY_BYTES_TO_GO: &str = "syscall/js.copyBytesToGo";
/// `func copyBytesToJS(dst ref, src []byte) (int, bool)`
pub const COPY_BYTES_TO_JS: &str = "syscall/js.copyBytesToJS";
/// `func walltime1() (sec int64, nsec int32)`: Go 1.14–1.16's name for
/// [`WALLTIME`], same frame.
pub const WALLTIME1: &str = "runtime.walltime1";
/// `func nanotime() int64`: Go 1.13's name for [`NANOTIME1`], same frame.
pub const NANOTIME: &str = "runtime.nanotime";

/// Names older releases' `wasm_exec.js` gave imports of module `go`, each
/// with the current name whose frame it shares.
pub const LEGACY_ALIASES: [(&str, &str); 2] = [(WALLTIME1, WALLTIME), (NANOTIME, NANOTIME1)];

/// `debug(value)`: the one import that takes its argument as a plain `i32`, not `sp`.
pub const DEBUG: &str = "debug";

/// Every `sp`-taking import of module `gojs`, in `wasm_exec.js` order (24 names).
pub const SP_IMPORTS: [&str; 24] = [
    WASM_EXIT,
    WASM_WRITE,
    RESET_MEMORY_DATA_VIEW,
    NANOTIME1,
    WALLTIME,
    SCHEDULE_TIMEOUT_EVENT,
    CLEAR_TIMEOUT_EVENT,
    GET_RANDOM_DATA,
    FINALIZE_REF,
    STRING_VAL,
    VALUE_GET,
    VALUE_SET,
    VALUE_DELETE,
    VALUE_INDEX,
    VALUE_SET_INDEX,
    VALUE_CALL,
    VALUE_INVOKE,
    VALUE_NEW,
    VALUE_LENGTH,
    VALUE_PREPARE_STRING,
    VALUE_LOAD_STRING,
    VALUE_INSTANCE_OF,
    COPY_BYTES_TO_GO,
    COPY_BYTES_TO_JS,
];

/// `_gotest.add(a, b int32) int32`, imported by `syscall/js` test binaries.
pub const GOTEST_ADD: &str = "add";
/// `_gotest.callExport(a int32, b int64) int64`: calls `testExport0()` then `testExport(a, b)`.
pub const GOTEST_CALL_EXPORT: &str = "callExport";

/// `run(argc, argv i32)`: starts the program.
pub const EXPORT_RUN: &str = "run";
/// `resume()`: handles `go._pendingEvent`.
pub const EXPORT_RESUME: &str = "resume";
/// `getsp() i32`: the current Go stack pointer.
pub const EXPORT_GETSP: &str = "getsp";
/// The exported linear memory.
pub const EXPORT_MEMORY: &str = "mem";
/// `testExport0()`, exported by `syscall/js` test binaries.
pub const EXPORT_TEST0: &str = "testExport0";
/// `testExport(a int32, b int64) int64`, exported by `syscall/js` test binaries.
pub const EXPORT_TEST: &str = "testExport";
