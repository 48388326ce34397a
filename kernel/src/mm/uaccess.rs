//! Copies between kernel memory and user memory that turn a bad user
//! pointer into `EFAULT` instead of a kernel fault.
//!
//! Design note: the range check rejects kernel addresses up front; the
//! copy itself (`copy_user` in entry.S) is listed in the exception-fixup
//! table, so a fault the page-fault handler cannot resolve (no vma, wrong
//! permission) resumes at the fixup, which reports how much was left.
//! Callers must not hold the address-space lock: a fault on a valid but
//! not yet present page is resolved by the page-fault handler, which takes it.

use super::address_space::USER_END;
use crate::errno::{Errno, KResult};
use alloc::vec::Vec;

/// `EFAULT` unless [addr, addr + len) lies entirely in the user half.
pub fn check_range(addr: u64, len: usize) -> KResult<()> {
    match addr.checked_add(len as u64) {
        Some(end) if end <= USER_END => Ok(()),
        _ => Err(Errno::EFAULT),
    }
}

/// Copies `dst.len()` bytes from user address `src`.
pub fn copy_from_user(dst: &mut [u8], src: u64) -> KResult<()> {
    check_range(src, dst.len())?;
    match crate::arch::copy_user(dst.as_mut_ptr(), src as *const u8, dst.len()) {
        0 => Ok(()),
        _ => Err(Errno::EFAULT),
    }
}

/// Copies `src` to user address `dst`.
pub fn copy_to_user(dst: u64, src: &[u8]) -> KResult<()> {
    check_range(dst, src.len())?;
    match crate::arch::copy_user(dst as *mut u8, src.as_ptr(), src.len()) {
        0 => Ok(()),
        _ => Err(Errno::EFAULT),
    }
}

/// The part of [addr, addr + len) below USER_END, as a length.
fn user_half_prefix(addr: u64, len: usize) -> usize {
    if addr >= USER_END {
        return 0;
    }
    len.min((USER_END - addr) as usize)
}

/// Copies as much of `src` to user address `dst` as the user mapping
/// takes; returns the bytes copied (fewer than `src.len()` at the first
/// fault, to within the 8-byte copy unit). read(2) reports such a short
/// copy as a short count, as Linux's copy_to_user does.
pub fn copy_to_user_partial(dst: u64, src: &[u8]) -> usize {
    let n = user_half_prefix(dst, src.len());
    n - crate::arch::copy_user(dst as *mut u8, src.as_ptr(), n)
}

/// Copies as many bytes from user address `src` into `dst` as are
/// readable; returns the bytes copied (see `copy_to_user_partial`).
pub fn copy_from_user_partial(dst: &mut [u8], src: u64) -> usize {
    let n = user_half_prefix(src, dst.len());
    n - crate::arch::copy_user(dst.as_mut_ptr(), src as *const u8, n)
}

/// How many bytes of [addr, addr + len) the calling process could
/// receive: the writable prefix of its mappings (0 without a process).
/// A read from a stream (a pipe, a terminal) takes no more than this, so
/// that bytes are never taken from the stream and then lost to a fault.
pub fn writable_prefix(addr: u64, len: usize) -> usize {
    let len = user_half_prefix(addr, len);
    match crate::proc::current() {
        Some(p) => p.address_space().lock().writable_prefix(addr, len as u64) as usize,
        None => 0,
    }
}

/// Plain data that may be copied to or from user memory byte for byte.
///
/// # Safety
/// Every bit pattern must be a valid value (no references, bools, enums
/// or padding that matters).
pub unsafe trait UserData: Copy {}

// SAFETY: integers and arrays of them accept every bit pattern.
unsafe impl UserData for u8 {}
// SAFETY: as above.
unsafe impl UserData for u16 {}
// SAFETY: as above.
unsafe impl UserData for u32 {}
// SAFETY: as above.
unsafe impl UserData for u64 {}
// SAFETY: as above.
unsafe impl UserData for i32 {}
// SAFETY: as above.
unsafe impl UserData for i64 {}
// SAFETY: as above.
unsafe impl<T: UserData, const N: usize> UserData for [T; N] {}

/// Reads a `T` from user address `addr`.
pub fn read_user<T: UserData>(addr: u64) -> KResult<T> {
    let mut value = core::mem::MaybeUninit::<T>::uninit();
    // SAFETY: the slice covers exactly the MaybeUninit's bytes.
    let bytes = unsafe { core::slice::from_raw_parts_mut(value.as_mut_ptr() as *mut u8, core::mem::size_of::<T>()) };
    copy_from_user(bytes, addr)?;
    // SAFETY: every byte was written and any bit pattern is a valid T.
    Ok(unsafe { value.assume_init() })
}

/// Writes `value` to user address `addr`.
pub fn write_user<T: UserData>(addr: u64, value: &T) -> KResult<()> {
    // SAFETY: T is plain data; viewing it as bytes is sound.
    let bytes = unsafe { core::slice::from_raw_parts(value as *const T as *const u8, core::mem::size_of::<T>()) };
    copy_to_user(addr, bytes)
}

/// Reads a NUL-terminated string of at most `max` bytes (NUL excluded)
/// from user address `addr`: `Err(ENAMETOOLONG)` past `max`, `EFAULT` on
/// a bad pointer.
pub fn read_user_cstr(addr: u64, max: usize) -> KResult<Vec<u8>> {
    let mut out = Vec::new();
    let mut at = addr;
    loop {
        // Copy up to the end of the page so a string ending just before
        // an unmapped page is still read.
        let chunk = (paging::PAGE_SIZE - at % paging::PAGE_SIZE) as usize;
        let mut buf = [0u8; 256];
        let n = chunk.min(buf.len());
        copy_from_user(&mut buf[..n], at)?;
        if let Some(end) = buf[..n].iter().position(|&b| b == 0) {
            out.extend_from_slice(&buf[..end]);
            return if out.len() > max { Err(Errno::ENAMETOOLONG) } else { Ok(out) };
        }
        out.extend_from_slice(&buf[..n]);
        if out.len() > max {
            return Err(Errno::ENAMETOOLONG);
        }
        at += n as u64;
    }
}
