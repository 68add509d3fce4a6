//! Guest memory access for the preview 1 functions: every pointer and
//! length a guest passes is checked against linear memory; out of bounds
//! is `EFAULT`, as wasmtime answers.

use crate::imports::{Errno, State};
use wasmi::Caller;

/// `EFAULT`: a pointer outside linear memory.
pub const EFAULT: Errno = 21;

/// The range `ptr..ptr + len` of linear memory, if it is inside it.
fn range(caller: &Caller<'_, State>, ptr: u32, len: u64) -> Result<std::ops::Range<usize>, Errno> {
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
