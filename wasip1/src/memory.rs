//! Guest memory access for the preview 1 functions: every pointer and
//! length a guest passes is checked against linear memory; out of bounds
//! is `EFAULT`, as wasmtime answers.

use crate::errno::{EFAULT, EILSEQ, ENAMETOOLONG, Errno};
use crate::imports::State;
use wasmi::Caller;

/// The longest path a `path_*` function accepts, in bytes (Linux's
/// `PATH_MAX`, which counts the terminating NUL, as `gojs-vfs` does).
const PATH_MAX: u32 = 4096;

/// The range `ptr..ptr + len` of linear memory, if it is inside it.
pub fn range(
    caller: &Caller<'_, State>,
    ptr: u32,
    len: u64,
) -> Result<std::ops::Range<usize>, Errno> {
    let memory = caller.data().memory.ok_or(EFAULT)?;
    let size = memory.data(caller).len() as u64;
    let end = u64::from(ptr).checked_add(len).ok_or(EFAULT)?;
    if end > size {
        return Err(EFAULT);
    }
    Ok(ptr as usize..end as usize)
}

/// Checks that `ptr..ptr + len` is inside linear memory, before anything
/// of that size is allocated for it (a guest length may be 4 GiB).
pub fn check(caller: &Caller<'_, State>, ptr: u32, len: u32) -> Result<(), Errno> {
    range(caller, ptr, u64::from(len)).map(drop)
}

/// Copies `len` guest bytes at `ptr` out.
pub fn read(caller: &Caller<'_, State>, ptr: u32, len: u32) -> Result<Vec<u8>, Errno> {
    let r = range(caller, ptr, u64::from(len))?;
    let memory = caller.data().memory.ok_or(EFAULT)?;
    Ok(memory.data(caller)[r].to_vec())
}

/// Writes `bytes` at guest address `ptr`.
pub fn write(caller: &mut Caller<'_, State>, ptr: u32, bytes: &[u8]) -> Result<(), Errno> {
    let r = range(caller, ptr, bytes.len() as u64)?;
    let memory = caller.data().memory.ok_or(EFAULT)?;
    memory.data_mut(caller)[r].copy_from_slice(bytes);
    Ok(())
}

pub fn write_u32(caller: &mut Caller<'_, State>, ptr: u32, v: u32) -> Result<(), Errno> {
    write(caller, ptr, &v.to_le_bytes())
}

pub fn write_u64(caller: &mut Caller<'_, State>, ptr: u32, v: u64) -> Result<(), Errno> {
    write(caller, ptr, &v.to_le_bytes())
}

/// The guest bytes at `ptr..ptr + len` and the state, borrowed together:
/// a file reads into (or writes from) guest memory without a copy.
pub fn slice_and_state<'a>(
    caller: &'a mut Caller<'_, State>,
    ptr: u32,
    len: u32,
) -> Result<(&'a mut [u8], &'a mut State), Errno> {
    let r = range(caller, ptr, u64::from(len))?;
    let memory = caller.data().memory.ok_or(EFAULT)?;
    let (bytes, state) = memory.data_and_store_mut(caller);
    Ok((&mut bytes[r], state))
}

/// The first `(buf, len)` of an iovec array with a non-zero length, or
/// `(0, 0)`: the one buffer wasmtime's preview 1 reads into or writes
/// from (a short transfer, which every caller must expect). The whole
/// array must be in memory.
pub fn first_iovec(caller: &Caller<'_, State>, ptr: u32, count: u32) -> Result<(u32, u32), Errno> {
    let r = range(caller, ptr, u64::from(count) * 8)?;
    let memory = caller.data().memory.ok_or(EFAULT)?;
    let found = memory.data(caller)[r].chunks_exact(8).find_map(|c| {
        let buf = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        let len = u32::from_le_bytes([c[4], c[5], c[6], c[7]]);
        (len != 0).then_some((buf, len))
    });
    Ok(found.unwrap_or((0, 0)))
}

/// The path of `len` bytes at `ptr`, as a string.
///
/// # Errors
///
/// `EFAULT` outside memory; `ENAMETOOLONG` for [`PATH_MAX`] bytes or
/// more (checked before anything is copied); `EILSEQ` for bytes that
/// are not UTF-8 (wasmtime's answer: preview 1 strings are UTF-8).
pub fn path(caller: &Caller<'_, State>, ptr: u32, len: u32) -> Result<String, Errno> {
    check(caller, ptr, len)?;
    if len >= PATH_MAX {
        return Err(ENAMETOOLONG);
    }
    String::from_utf8(read(caller, ptr, len)?).map_err(|_| EILSEQ)
}

/// The `(buf, len)` pairs of an iovec array of `count` entries at `ptr`.
pub fn iovecs(caller: &Caller<'_, State>, ptr: u32, count: u32) -> Result<Vec<(u32, u32)>, Errno> {
    let bytes = read(caller, ptr, count.checked_mul(8).ok_or(EFAULT)?)?;
    Ok(bytes
        .chunks_exact(8)
        .map(|c| {
            (
                u32::from_le_bytes([c[0], c[1], c[2], c[3]]),
                u32::from_le_bytes([c[4], c[5], c[6], c[7]]),
            )
        })
        .collect())
}
