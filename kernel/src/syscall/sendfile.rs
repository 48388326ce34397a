//! sendfile(2): copies between two open files inside the kernel.
//!
//! Design note: Linux splices page-cache pages; Exo-OS has no page cache
//! to share, so this is a read/write loop through one kernel buffer. Only
//! the first read may block (later pieces stop at what is ready, as a
//! read(2) would), and every byte read is written before the next read,
//! so a short write loses nothing from a seekable input: its offset is
//! moved back to just after the last byte written.

use super::{fd_arg, Args};
use crate::arch::traps::TrapFrame;
use crate::errno::{Errno, KResult};
use crate::fs::{oflags, OpenFile};
use crate::mm::uaccess::{read_user, write_user};
use alloc::sync::Arc;
use alloc::vec;

/// Largest single transfer (Linux MAX_RW_COUNT).
const MAX_RW_COUNT: usize = 0x7fff_f000;
/// Kernel buffer size.
const CHUNK_BYTES: usize = 64 * 1024;

fn file(fd: i32) -> KResult<Arc<OpenFile>> {
    crate::proc::current().ok_or(Errno::EBADF)?.fd_table().lock().get(fd)
}

/// sendfile(out_fd, in_fd, offset, count): copies up to `count` bytes from
/// `in_fd` to `out_fd`. With a non-NULL `offset` (a `loff_t *`), reads
/// start there and `*offset` is updated while `in_fd`'s file offset is
/// left alone (ESPIPE if `in_fd` is not seekable). Returns bytes copied.
pub fn sendfile(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let (out, input) = (file(fd_arg(a[0]))?, file(fd_arg(a[1]))?);
    if !input.readable() || !out.writable() {
        return Err(Errno::EBADF);
    }
    if out.flags() & oflags::O_APPEND != 0 {
        return Err(Errno::EINVAL);
    }
    let count = usize::try_from(a[3] as i64).map_err(|_| Errno::EINVAL)?.min(MAX_RW_COUNT);
    let offset_ptr = a[2];
    if offset_ptr != 0 {
        if !input.ops.seekable() {
            return Err(Errno::ESPIPE);
        }
        let mut pos = u64::try_from(read_user::<i64>(offset_ptr)?).map_err(|_| Errno::EINVAL)?;
        let result = copy(&input, &mut pos, &out, count);
        write_user(offset_ptr, &(pos as i64))?;
        return result.map(|n| n as u64);
    }
    let mut pos = *input.offset.lock();
    let result = copy(&input, &mut pos, &out, count);
    if input.ops.seekable() {
        *input.offset.lock() = pos;
    }
    result.map(|n| n as u64)
}

/// Copies up to `count` bytes from `input` at `*in_pos` to `out` at its
/// own offset; `*in_pos` ends just after the last byte written.
fn copy(input: &OpenFile, in_pos: &mut u64, out: &OpenFile, count: usize) -> KResult<usize> {
    let mut buf = vec![0u8; count.min(CHUNK_BYTES)];
    let mut out_pos = *out.offset.lock();
    let mut done = 0;
    let result = loop {
        if done == count {
            break Ok(done);
        }
        let want = (count - done).min(CHUNK_BYTES);
        let start = *in_pos;
        let read = if done == 0 && input.flags() & oflags::O_NONBLOCK == 0 {
            input.ops.read(in_pos, &mut buf[..want])
        } else {
            input.ops.read_nonblock(in_pos, &mut buf[..want])
        };
        let n = match read {
            Ok(0) => break Ok(done),
            Ok(n) => n,
            Err(_) if done > 0 => break Ok(done),
            Err(e) => break Err(e),
        };
        let written = write_all(out, &mut out_pos, &buf[..n]);
        let (wrote, error) = match written {
            Ok(w) => (w, None),
            Err((w, e)) => (w, Some(e)),
        };
        done += wrote;
        if wrote < n {
            // Unwritten bytes stay unread for the next call.
            *in_pos = start + wrote as u64;
            break match error {
                Some(e) if done == 0 => Err(e),
                _ => Ok(done),
            };
        }
        if n < want {
            break Ok(done);
        }
    };
    if out.ops.seekable() {
        *out.offset.lock() = out_pos;
    }
    result
}

/// Writes all of `buf` to `out` at `*pos`; on failure, the bytes written
/// before it and the error.
fn write_all(out: &OpenFile, pos: &mut u64, buf: &[u8]) -> Result<usize, (usize, Errno)> {
    let mut done = 0;
    while done < buf.len() {
        let r = if out.flags() & oflags::O_NONBLOCK == 0 {
            out.ops.write(pos, &buf[done..], false)
        } else {
            out.ops.write_nonblock(pos, &buf[done..], false)
        };
        match r {
            Ok(0) => return Err((done, Errno::EAGAIN)),
            Ok(n) => done += n,
            Err(e) => return Err((done, e)),
        }
    }
    Ok(done)
}
