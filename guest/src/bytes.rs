//! Bulk byte copies between guest memory and JavaScript typed arrays (Go's
//! `js.CopyBytesToGo` / `js.CopyBytesToJS`).
//!
//! Each copy is one import call: the host copies
//! `min(dst.length, src.length)` bytes straight from or to linear memory.

use crate::error::{CopyBytesError, or_panic};
use crate::sys;
use crate::value::{Value, global};

/// Copies bytes from the JavaScript `Uint8Array` or `Uint8ClampedArray` `src`
/// into `dst` (Go's `js.CopyBytesToGo`). Returns the number of bytes copied,
/// `min(dst.len(), src.length)`.
///
/// # Panics
///
/// `syscall/js: CopyBytesToGo: expected src to be a Uint8Array or
/// Uint8ClampedArray` if `src` is neither; see [`try_copy_bytes_to_guest`].
#[track_caller]
pub fn copy_bytes_to_guest(dst: &mut [u8], src: &Value) -> usize {
    or_panic(try_copy_bytes_to_guest(dst, src))
}

/// [`copy_bytes_to_guest`] without the panic.
///
/// # Errors
///
/// [`CopyBytesError::ToGuestSource`] if `src` is not a `Uint8Array` or
/// `Uint8ClampedArray`; `dst` is then untouched.
pub fn try_copy_bytes_to_guest(dst: &mut [u8], src: &Value) -> Result<usize, CopyBytesError> {
    sys::copy_bytes_to_go(dst, src.raw()).ok_or(CopyBytesError::ToGuestSource)
}

/// Copies `src` into the JavaScript `Uint8Array` or `Uint8ClampedArray` `dst`
/// (Go's `js.CopyBytesToJS`). Returns the number of bytes copied,
/// `min(dst.length, src.len())`.
///
/// # Panics
///
/// `syscall/js: CopyBytesToJS: expected dst to be a Uint8Array or
/// Uint8ClampedArray` if `dst` is neither; see [`try_copy_bytes_to_js`].
#[track_caller]
pub fn copy_bytes_to_js(dst: &Value, src: &[u8]) -> usize {
    or_panic(try_copy_bytes_to_js(dst, src))
}

/// [`copy_bytes_to_js`] without the panic.
///
/// # Errors
///
/// [`CopyBytesError::ToJsDestination`] if `dst` is not a `Uint8Array` or
/// `Uint8ClampedArray`.
pub fn try_copy_bytes_to_js(dst: &Value, src: &[u8]) -> Result<usize, CopyBytesError> {
    sys::copy_bytes_to_js(dst.raw(), src).ok_or(CopyBytesError::ToJsDestination)
}

thread_local! {
    static UINT8_ARRAY: Value = global().get("Uint8Array");
}

/// A new JavaScript `Uint8Array` holding a copy of `bytes`:
/// `new Uint8Array(bytes.len())` and one [`copy_bytes_to_js`].
pub fn uint8_array_from(bytes: &[u8]) -> Value {
    let array = UINT8_ARRAY.with(|class| class.new((bytes.len(),)));
    copy_bytes_to_js(&array, bytes);
    array
}
