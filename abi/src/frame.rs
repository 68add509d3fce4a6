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
    pub const CODE: u32 = 8;
}
/// `wasmWrite(fd uintptr, p unsafe.Pointer, n int32)`.
pub mod wasm_write {
    pub const FD: u32 = 8;
    pub const PTR: u32 = 16;
    pub const LEN: u32 = 24;
}
/// `nanotime1() int64`.
pub mod nanotime1 {
    pub const RESULT: u32 = 8;
}
/// `walltime() (sec int64, nsec int32)`.
pub mod walltime {
    pub const SEC: u32 = 8;
    pub const NSEC: u32 = 16;
}
/// `scheduleTimeoutEvent(delay int64) int32`.
pub mod schedule_timeout_event {
    pub const DELAY_MS: u32 = 8;
    pub const RESULT_ID: u32 = 16;
}
/// `clearTimeoutEvent(id int32)`.
pub mod clear_timeout_event {
    pub const ID: u32 = 8;
}
/// `getRandomData(r []byte)`.
pub mod get_random_data {
    pub const SLICE: u32 = 8;
}
/// `finalizeRef(v ref)`: only the low word (the id) is read.
pub mod finalize_ref {
    pub const REF: u32 = 8;
}
/// `stringVal(value string) ref`.
pub mod string_val {
    pub const STRING: u32 = 8;
    pub const RESULT: u32 = 24;
}
/// `valueGet(v ref, p string) ref`.
pub mod value_get {
    pub const TARGET: u32 = 8;
    pub const NAME: u32 = 16;
    pub const RESULT: u32 = 32;
}
/// `valueSet(v ref, p string, x ref)`.
pub mod value_set {
    pub const TARGET: u32 = 8;
    pub const NAME: u32 = 16;
    pub const VALUE: u32 = 32;
}
/// `valueDelete(v ref, p string)`.
pub mod value_delete {
    pub const TARGET: u32 = 8;
    pub const NAME: u32 = 16;
}
/// `valueIndex(v ref, i int) ref`.
pub mod value_index {
    pub const TARGET: u32 = 8;
    pub const INDEX: u32 = 16;
    pub const RESULT: u32 = 24;
}
/// `valueSetIndex(v ref, i int, x ref)`.
pub mod value_set_index {
    pub const TARGET: u32 = 8;
    pub const INDEX: u32 = 16;
    pub const VALUE: u32 = 24;
}
/// `valueCall(v ref, m string, args []ref) (ref, bool)`.
pub mod value_call {
    pub const TARGET: u32 = 8;
    pub const METHOD: u32 = 16;
    pub const ARGS: u32 = 32;
    pub const RESULT: u32 = 56;
    pub const OK: u32 = 64;
}
/// `valueInvoke(v ref, args []ref) (ref, bool)` and `valueNew`, which share a layout.
pub mod value_invoke {
    pub const TARGET: u32 = 8;
    pub const ARGS: u32 = 16;
    pub const RESULT: u32 = 40;
    pub const OK: u32 = 48;
}
/// `valueLength(v ref) int`.
pub mod value_length {
    pub const TARGET: u32 = 8;
    pub const RESULT: u32 = 16;
}
/// `valuePrepareString(v ref) (ref, int)`.
pub mod value_prepare_string {
    pub const TARGET: u32 = 8;
    pub const RESULT_REF: u32 = 16;
    pub const RESULT_LEN: u32 = 24;
}
/// `valueLoadString(v ref, b []byte)`.
pub mod value_load_string {
    pub const TARGET: u32 = 8;
    pub const SLICE: u32 = 16;
}
/// `valueInstanceOf(v ref, t ref) bool`.
pub mod value_instance_of {
    pub const TARGET: u32 = 8;
    pub const CLASS: u32 = 16;
    pub const RESULT: u32 = 24;
}
/// `copyBytesToGo(dst []byte, src ref) (int, bool)`.
pub mod copy_bytes_to_go {
    pub const DST_SLICE: u32 = 8;
    pub const SRC: u32 = 32;
    pub const RESULT_N: u32 = 40;
    pub const OK: u32 = 48;
}
/// `copyBytesToJS(dst ref, src []byte) (int, bool)`.
pub mod copy_bytes_to_js {
    pub const DST: u32 = 8;
    pub const SRC_SLICE: u32 = 16;
    pub const RESULT_N: u32 = 40;
    pub const OK: u32 = 48;
}
