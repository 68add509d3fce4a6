//! Offsets, relative to `sp`, of every import's arguments and results.
//!
//! Go passes the arguments of a `gojs` import on its own stack: the word at
//! `sp+0` is the return address, arguments follow at `sp+8`, each aligned to
//! its size, and results follow the arguments. A Go `string` or slice is a
//! `(ptr i64, len i64[, cap i64])` pair or triple; a `ref` is one u64; a `bool`
//! is one byte. The offsets below are the ones `wasm_exec.js` (Go 1.27.3) uses.

/// Size of a Go string header (`ptr`, `len`).
pub const STRING: u32 = 16;
/// Size of a Go slice header (`ptr`, `len`, `cap`).
pub const SLICE: u32 = 24;

/// `wasmExit(code int32)`: `code` at `sp+8`.
pub mod wasm_exit {
    /// `sp + 8`: the exit code (`int32`).
    pub const CODE: u32 = 8;
}
/// `wasmWrite(fd uintptr, p unsafe.Pointer, n int32)`.
pub mod wasm_write {
    /// `sp + 8`: the file descriptor (`uintptr`).
    pub const FD: u32 = 8;
    /// `sp + 16`: the pointer to the bytes.
    pub const PTR: u32 = 16;
    /// `sp + 24`: the byte count (`int32`).
    pub const LEN: u32 = 24;
}
/// `nanotime1() int64`.
pub mod nanotime1 {
    /// `sp + 8`: the result.
    pub const RESULT: u32 = 8;
}
/// `walltime() (sec int64, nsec int32)`.
pub mod walltime {
    /// `sp + 8`: the seconds (`int64`).
    pub const SEC: u32 = 8;
    /// `sp + 16`: the nanoseconds (`int32`).
    pub const NSEC: u32 = 16;
}
/// `scheduleTimeoutEvent(delay int64) int32`.
pub mod schedule_timeout_event {
    /// `sp + 8`: the delay in milliseconds (`int64`).
    pub const DELAY_MS: u32 = 8;
    /// `sp + 16`: the timeout id returned (`int32`).
    pub const RESULT_ID: u32 = 16;
}
/// `clearTimeoutEvent(id int32)`.
pub mod clear_timeout_event {
    /// `sp + 8`: the timeout id (`int32`).
    pub const ID: u32 = 8;
}
/// `getRandomData(r []byte)`.
pub mod get_random_data {
    /// `sp + 8`: the slice header.
    pub const SLICE: u32 = 8;
}
/// `finalizeRef(v ref)`: only the low word (the id) is read.
pub mod finalize_ref {
    /// `sp + 8`: the ref.
    pub const REF: u32 = 8;
}
/// `stringVal(value string) ref`.
pub mod string_val {
    /// `sp + 8`: the string header.
    pub const STRING: u32 = 8;
    /// `sp + 24`: the result.
    pub const RESULT: u32 = 24;
}
/// `valueGet(v ref, p string) ref`.
pub mod value_get {
    /// `sp + 8`: the target value (`ref`).
    pub const TARGET: u32 = 8;
    /// `sp + 16`: the property name (string header).
    pub const NAME: u32 = 16;
    /// `sp + 32`: the result.
    pub const RESULT: u32 = 32;
}
/// `valueSet(v ref, p string, x ref)`.
pub mod value_set {
    /// `sp + 8`: the target value (`ref`).
    pub const TARGET: u32 = 8;
    /// `sp + 16`: the property name (string header).
    pub const NAME: u32 = 16;
    /// `sp + 32`: the value to store (`ref`).
    pub const VALUE: u32 = 32;
}
/// `valueDelete(v ref, p string)`.
pub mod value_delete {
    /// `sp + 8`: the target value (`ref`).
    pub const TARGET: u32 = 8;
    /// `sp + 16`: the property name (string header).
    pub const NAME: u32 = 16;
}
/// `valueIndex(v ref, i int) ref`.
pub mod value_index {
    /// `sp + 8`: the target value (`ref`).
    pub const TARGET: u32 = 8;
    /// `sp + 16`: the index (`int`).
    pub const INDEX: u32 = 16;
    /// `sp + 24`: the result.
    pub const RESULT: u32 = 24;
}
/// `valueSetIndex(v ref, i int, x ref)`.
pub mod value_set_index {
    /// `sp + 8`: the target value (`ref`).
    pub const TARGET: u32 = 8;
    /// `sp + 16`: the index (`int`).
    pub const INDEX: u32 = 16;
    /// `sp + 24`: the value to store (`ref`).
    pub const VALUE: u32 = 24;
}
/// `valueCall(v ref, m string, args []ref) (ref, bool)`.
pub mod value_call {
    /// `sp + 8`: the target value (`ref`).
    pub const TARGET: u32 = 8;
    /// `sp + 16`: the method name (string header).
    pub const METHOD: u32 = 16;
    /// `sp + 32`: the argument slice header (`[]ref`).
    pub const ARGS: u32 = 32;
    /// `sp + 56`: the result.
    pub const RESULT: u32 = 56;
    /// `sp + 64`: whether it succeeded (`bool`).
    pub const OK: u32 = 64;
}
/// `valueInvoke(v ref, args []ref) (ref, bool)` and `valueNew`, which share a layout.
pub mod value_invoke {
    /// `sp + 8`: the target value (`ref`).
    pub const TARGET: u32 = 8;
    /// `sp + 16`: the argument slice header (`[]ref`).
    pub const ARGS: u32 = 16;
    /// `sp + 40`: the result.
    pub const RESULT: u32 = 40;
    /// `sp + 48`: whether it succeeded (`bool`).
    pub const OK: u32 = 48;
}
/// `valueLength(v ref) int`.
pub mod value_length {
    /// `sp + 8`: the target value (`ref`).
    pub const TARGET: u32 = 8;
    /// `sp + 16`: the result.
    pub const RESULT: u32 = 16;
}
/// `valuePrepareString(v ref) (ref, int)`.
pub mod value_prepare_string {
    /// `sp + 8`: the target value (`ref`).
    pub const TARGET: u32 = 8;
    /// `sp + 16`: the ref of the prepared string.
    pub const RESULT_REF: u32 = 16;
    /// `sp + 24`: its length in bytes (`int`).
    pub const RESULT_LEN: u32 = 24;
}
/// `valueLoadString(v ref, b []byte)`.
pub mod value_load_string {
    /// `sp + 8`: the target value (`ref`).
    pub const TARGET: u32 = 8;
    /// `sp + 16`: the slice header.
    pub const SLICE: u32 = 16;
}
/// `valueInstanceOf(v ref, t ref) bool`.
pub mod value_instance_of {
    /// `sp + 8`: the target value (`ref`).
    pub const TARGET: u32 = 8;
    /// `sp + 16`: the constructor (`ref`).
    pub const CLASS: u32 = 16;
    /// `sp + 24`: the result.
    pub const RESULT: u32 = 24;
}
/// `copyBytesToGo(dst []byte, src ref) (int, bool)`.
pub mod copy_bytes_to_go {
    /// `sp + 8`: the destination slice header.
    pub const DST_SLICE: u32 = 8;
    /// `sp + 32`: the source (`ref`).
    pub const SRC: u32 = 32;
    /// `sp + 40`: the number of bytes copied (`int`).
    pub const RESULT_N: u32 = 40;
    /// `sp + 48`: whether it succeeded (`bool`).
    pub const OK: u32 = 48;
}
/// `copyBytesToJS(dst ref, src []byte) (int, bool)`.
pub mod copy_bytes_to_js {
    /// `sp + 8`: the destination (`ref`).
    pub const DST: u32 = 8;
    /// `sp + 16`: the source slice header.
    pub const SRC_SLICE: u32 = 16;
    /// `sp + 40`: the number of bytes copied (`int`).
    pub const RESULT_N: u32 = 40;
    /// `sp + 48`: whether it succeeded (`bool`).
    pub const OK: u32 = 48;
}
