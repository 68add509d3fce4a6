//! The argument frame of one `gojs` import call, encoded exactly as Go lays out
//! its stack for `wasm_exec.js`.
//!
//! A [`Frame`] is plain bytes: this module only encodes and decodes words at the
//! offsets of [`gojs_abi::frame`]. Handing the frame to the host (and keeping
//! `getsp` pointing at it) is [`crate::sys`]'s job; nothing here is `unsafe`,
//! so the encoding is unit-tested on any target.
//!
//! # Encoding (as read by `wasm_exec.js`)
//!
//! | Go type            | bytes at `off`                                   | JS reader            |
//! |--------------------|--------------------------------------------------|----------------------|
//! | `ref`              | the NaN-boxed `u64`, little-endian               | `loadValue`          |
//! | `int` / `int64`    | `i64` little-endian                              | `getInt64`           |
//! | `int32`            | `i32` little-endian                              | `getInt32`           |
//! | `string`           | `ptr: i64`, `len: i64`                           | `loadString`         |
//! | `[]byte` / `[]ref` | `ptr: i64`, `len: i64`, `cap: i64`               | `loadSlice(OfValues)`|
//! | `bool` (result)    | one byte, `1` for true                           | `setUint8`           |

use gojs_abi::{Ref, frame as off};

/// One import call's stack frame: `sp` is its address.
///
/// 8-aligned like Go's stack, zero-initialised so no stale word is ever read as
/// an argument. [`Frame::SIZE`] covers the largest import (`valueCall`, whose
/// `ok` byte sits at `sp+64`).
#[repr(C, align(8))]
pub(crate) struct Frame {
    bytes: [u8; Frame::SIZE],
}

// Every offset the host touches lies inside the frame.
const _: () = {
    assert!(off::value_call::OK < Frame::SIZE as u32);
    assert!(off::value_call::RESULT + 8 <= Frame::SIZE as u32);
    assert!(off::value_invoke::OK < Frame::SIZE as u32);
    assert!(off::copy_bytes_to_go::OK < Frame::SIZE as u32);
    assert!(off::copy_bytes_to_js::OK < Frame::SIZE as u32);
    assert!(off::value_set::VALUE + 8 <= Frame::SIZE as u32);
    assert!(off::value_get::RESULT + 8 <= Frame::SIZE as u32);
};

impl Frame {
    /// Bytes in a frame: the largest import reaches `sp+64`, rounded up to a word.
    pub(crate) const SIZE: usize = 72;

    /// A zeroed frame.
    pub(crate) const fn new() -> Frame {
        Frame {
            bytes: [0; Frame::SIZE],
        }
    }

    /// The frame's first byte: the `sp` passed to the import.
    pub(crate) fn as_mut_ptr(&mut self) -> *mut u8 {
        self.bytes.as_mut_ptr()
    }

    fn put(&mut self, at: u32, word: &[u8]) {
        let at = at as usize;
        self.bytes[at..at + word.len()].copy_from_slice(word);
    }

    fn word(&self, at: u32) -> [u8; 8] {
        let at = at as usize;
        let mut w = [0; 8];
        w.copy_from_slice(&self.bytes[at..at + 8]);
        w
    }

    /// Writes a NaN-boxed ref.
    pub(crate) fn put_ref(&mut self, at: u32, r: Ref) {
        self.put(at, &r.0.to_le_bytes());
    }

    /// Writes a Go `int` (64-bit on `js/wasm`).
    pub(crate) fn put_i64(&mut self, at: u32, v: i64) {
        self.put(at, &v.to_le_bytes());
    }

    /// Writes a Go `int32`.
    pub(crate) fn put_i32(&mut self, at: u32, v: i32) {
        self.put(at, &v.to_le_bytes());
    }

    /// Writes a Go string header for `len` bytes at guest address `ptr`.
    pub(crate) fn put_string(&mut self, at: u32, ptr: usize, len: usize) {
        self.put_i64(at, ptr as i64);
        self.put_i64(at + 8, len as i64);
    }

    /// Writes a Go slice header (`cap == len`) for `len` elements at `ptr`.
    pub(crate) fn put_slice(&mut self, at: u32, ptr: usize, len: usize) {
        self.put_string(at, ptr, len);
        self.put_i64(at + 16, len as i64);
    }

    /// Reads a NaN-boxed ref written by `storeValue`.
    pub(crate) fn ref_at(&self, at: u32) -> Ref {
        Ref(u64::from_le_bytes(self.word(at)))
    }

    /// Reads a Go `int` written by `setInt64`.
    pub(crate) fn i64_at(&self, at: u32) -> i64 {
        i64::from_le_bytes(self.word(at))
    }

    /// Reads a `bool` written by `setUint8`.
    pub(crate) fn bool_at(&self, at: u32) -> bool {
        self.bytes[at as usize] != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `getInt64` in `wasm_exec.js`: `low + high * 2^32`, `high` signed.
    fn js_get_int64(f: &Frame, at: u32) -> f64 {
        let w = f.word(at);
        let low = u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
        let high = i32::from_le_bytes([w[4], w[5], w[6], w[7]]);
        f64::from(low) + f64::from(high) * 4294967296.0
    }

    /// `setInt64` in `wasm_exec.js`: `setUint32(low, v)`, `setUint32(high, floor(v / 2^32))`.
    fn js_set_int64(f: &mut Frame, at: u32, v: f64) {
        let low = (v.rem_euclid(4294967296.0)) as u32;
        let high = (v / 4294967296.0).floor() as i64 as u32;
        f.put(at, &low.to_le_bytes());
        f.put(at + 4, &high.to_le_bytes());
    }

    #[test]
    fn frame_is_word_aligned_and_big_enough() {
        assert_eq!(core::mem::align_of::<Frame>(), 8);
        assert_eq!(core::mem::size_of::<Frame>(), Frame::SIZE);
    }

    #[test]
    fn string_header_is_ptr_then_len_as_js_reads_it() {
        let mut f = Frame::new();
        f.put_string(off::value_get::NAME, 0x1234, 5);
        assert_eq!(js_get_int64(&f, off::value_get::NAME), 4660.0);
        assert_eq!(js_get_int64(&f, off::value_get::NAME + 8), 5.0);
    }

    #[test]
    fn slice_header_has_cap_equal_to_len() {
        let mut f = Frame::new();
        f.put_slice(off::value_call::ARGS, 0x10_0000, 3);
        assert_eq!(js_get_int64(&f, off::value_call::ARGS), 1048576.0);
        assert_eq!(js_get_int64(&f, off::value_call::ARGS + 8), 3.0);
        assert_eq!(js_get_int64(&f, off::value_call::ARGS + 16), 3.0);
    }

    #[test]
    fn negative_ints_round_trip_through_js_int64() {
        let mut f = Frame::new();
        f.put_i64(off::value_index::INDEX, -5);
        assert_eq!(js_get_int64(&f, off::value_index::INDEX), -5.0);
        js_set_int64(&mut f, off::value_length::RESULT, -5.0);
        assert_eq!(f.i64_at(off::value_length::RESULT), -5);
        js_set_int64(&mut f, off::value_length::RESULT, 9007199254740991.0);
        assert_eq!(f.i64_at(off::value_length::RESULT), 9007199254740991);
    }

    #[test]
    fn refs_and_bools_are_read_back_verbatim() {
        let mut f = Frame::new();
        f.put_ref(off::value_call::RESULT, Ref::GLOBAL);
        assert_eq!(f.ref_at(off::value_call::RESULT), Ref::GLOBAL);
        assert!(!f.bool_at(off::value_call::OK));
        f.put(off::value_call::OK, &[1]);
        assert!(f.bool_at(off::value_call::OK));
        f.put_i32(off::wasm_exit::CODE, -2);
        assert_eq!(f.i64_at(off::wasm_exit::CODE) as u32, (-2i32) as u32);
    }
}
