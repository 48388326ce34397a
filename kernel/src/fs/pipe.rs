//! Pipes (pipe(7)): a 64 KiB ring buffer shared by a read end and a write
//! end, each an ordinary [`FileOps`] behind its own open file description.
//!
//! Design note: each end object counts as one reader or writer; the last
//! descriptor of an end dropping its `OpenFile` drops the end, which is
//! how the other side learns of the close (EOF for readers, EPIPE and
//! SIGPIPE for writers). Two wait queues carry every wake-up: `readable`
//! (data arrived or the last writer left) holds blocked readers and
//! pollers of the read end; `writable` (space freed or the last reader
//! left) those of the write end. Blocking goes through
//! `WaitQueue::wait_until`, whose readiness check runs with interrupts
//! off, so the buffer is copied inside it and no wake-up can be lost.
//! O_NONBLOCK reaches the pipe through `read_nonblock`/`write_nonblock`,
//! which the syscall layer picks from the description's flags.

use super::{mode, poll, FileOps, FileStat};
use crate::errno::{Errno, KResult};
use crate::sched::wait::WaitQueue;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicU64, Ordering};
use spin::Mutex;

/// Bytes a pipe holds (Linux's default pipe size, 16 pages).
pub const CAPACITY: usize = 64 * 1024;
/// Writes of at most this many bytes are atomic (never interleaved).
pub const PIPE_BUF: usize = 4096;
/// SIGPIPE: sent to a process writing to a pipe without readers.
const SIGPIPE: u32 = 13;
/// ioctl FIONREAD: bytes ready to read, as an `int`.
const FIONREAD: u64 = 0x541B;

/// Inode numbers for fstat, apart from tmpfs's (which start low).
static NEXT_INO: AtomicU64 = AtomicU64::new(1 << 32);

/// Bytes in transit: `len` bytes starting at `head`, wrapping around.
struct Ring {
    buf: Vec<u8>,
    head: usize,
    len: usize,
}

impl Ring {
    fn free(&self) -> usize {
        CAPACITY - self.len
    }

    /// Appends as much of `data` as fits; returns how much.
    fn push(&mut self, data: &[u8]) -> usize {
        let n = data.len().min(self.free());
        let tail = (self.head + self.len) % CAPACITY;
        let first = n.min(CAPACITY - tail);
        self.buf[tail..tail + first].copy_from_slice(&data[..first]);
        self.buf[..n - first].copy_from_slice(&data[first..n]);
        self.len += n;
        n
    }

    /// Takes up to `out.len()` bytes from the front; returns how many.
    fn pop(&mut self, out: &mut [u8]) -> usize {
        let n = out.len().min(self.len);
        let first = n.min(CAPACITY - self.head);
        out[..first].copy_from_slice(&self.buf[self.head..self.head + first]);
        out[first..n].copy_from_slice(&self.buf[..n - first]);
        self.head = (self.head + n) % CAPACITY;
        self.len -= n;
        n
    }
}

struct State {
    ring: Ring,
    readers: usize,
    writers: usize,
}

/// The buffer and queues both ends share.
struct Pipe {
    state: Mutex<State>,
    /// Readers and read-end pollers: data arrived, or no writer is left.
    readable: WaitQueue,
    /// Writers and write-end pollers: space freed, or no reader is left.
    writable: WaitQueue,
    ino: u64,
}

/// The read end of a pipe.
pub struct PipeReader(Arc<Pipe>);

/// The write end of a pipe.
pub struct PipeWriter(Arc<Pipe>);

/// A new pipe: its read end and its write end (`ENOMEM` if the buffer
/// cannot be allocated).
pub fn new() -> KResult<(Arc<PipeReader>, Arc<PipeWriter>)> {
    let mut buf = Vec::new();
    buf.try_reserve_exact(CAPACITY).map_err(|_| Errno::ENOMEM)?;
    buf.resize(CAPACITY, 0);
    let pipe = Arc::new(Pipe {
        state: Mutex::new(State { ring: Ring { buf, head: 0, len: 0 }, readers: 1, writers: 1 }),
        readable: WaitQueue::new(),
        writable: WaitQueue::new(),
        ino: NEXT_INO.fetch_add(1, Ordering::Relaxed),
    });
    Ok((Arc::new(PipeReader(pipe.clone())), Arc::new(PipeWriter(pipe))))
}

impl Pipe {
    /// Reads what is there (at least one byte), 0 once no writer is left;
    /// otherwise waits, or `EAGAIN` when `block` is false.
    fn read(&self, out: &mut [u8], block: bool) -> KResult<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        let mut result = Err(Errno::EINTR);
        let finished = self.readable.wait_until(|| {
            let mut s = self.state.lock();
            result = if s.ring.len > 0 {
                Ok(s.ring.pop(out))
            } else if s.writers == 0 {
                Ok(0)
            } else if !block {
                Err(Errno::EAGAIN)
            } else {
                return false;
            };
            true
        });
        if !finished {
            return Err(Errno::EINTR);
        }
        if matches!(result, Ok(n) if n > 0) {
            self.writable.wake_all();
        }
        result
    }

    /// Writes all of `data`, waiting for room (or as much as fits when
    /// `block` is false). Up to PIPE_BUF bytes go in at once or not at
    /// all. Without readers: SIGPIPE to the caller's process and `EPIPE`.
    /// After partial progress, errors become a short count.
    fn write(&self, data: &[u8], block: bool) -> KResult<usize> {
        if data.is_empty() {
            return Ok(0);
        }
        // Room needed before copying: all of an atomic write, else a byte.
        let need = if data.len() <= PIPE_BUF { data.len() } else { 1 };
        let mut done = 0;
        while done < data.len() {
            let mut outcome = Ok(());
            let before = done;
            let finished = self.writable.wait_until(|| {
                let mut s = self.state.lock();
                if s.readers == 0 {
                    outcome = Err(Errno::EPIPE);
                } else if s.ring.free() >= need {
                    done += s.ring.push(&data[done..]);
                } else if !block {
                    outcome = Err(Errno::EAGAIN);
                } else {
                    return false;
                }
                true
            });
            if done > before {
                self.readable.wake_all();
            }
            let error = if finished { outcome.err() } else { Some(Errno::EINTR) };
            if let Some(e) = error {
                if e == Errno::EPIPE {
                    if let Some(p) = crate::proc::current() {
                        crate::proc::signal_process(&p, SIGPIPE);
                    }
                }
                return if done > 0 { Ok(done) } else { Err(e) };
            }
        }
        Ok(done)
    }

    fn stat(&self) -> FileStat {
        FileStat { ino: self.ino, mode: mode::S_IFIFO | 0o600, nlink: 1, ..FileStat::default() }
    }

    fn ioctl(&self, request: u64, arg: u64) -> KResult<u64> {
        match request {
            FIONREAD => {
                let available = self.state.lock().ring.len as i32;
                crate::mm::uaccess::write_user(arg, &available)?;
                Ok(0)
            }
            _ => Err(Errno::ENOTTY),
        }
    }
}

impl FileOps for PipeReader {
    fn read(&self, _offset: &mut u64, buf: &mut [u8]) -> KResult<usize> {
        self.0.read(buf, true)
    }

    fn read_nonblock(&self, _offset: &mut u64, buf: &mut [u8]) -> KResult<usize> {
        self.0.read(buf, false)
    }

    fn write(&self, _offset: &mut u64, _buf: &[u8], _append: bool) -> KResult<usize> {
        Err(Errno::EBADF)
    }

    fn stat(&self) -> FileStat {
        self.0.stat()
    }

    fn seekable(&self) -> bool {
        false
    }

    /// POLLIN with data; POLLHUP once no writer is left.
    fn poll(&self) -> u16 {
        let s = self.0.state.lock();
        let mut events = 0;
        if s.ring.len > 0 {
            events |= poll::POLLIN;
        }
        if s.writers == 0 {
            events |= poll::POLLHUP;
        }
        events
    }

    fn poll_queue(&self) -> Option<&WaitQueue> {
        Some(&self.0.readable)
    }

    fn ioctl(&self, request: u64, arg: u64) -> KResult<u64> {
        self.0.ioctl(request, arg)
    }
}

impl Drop for PipeReader {
    fn drop(&mut self) {
        self.0.state.lock().readers -= 1;
        self.0.writable.wake_all();
    }
}

impl FileOps for PipeWriter {
    fn read(&self, _offset: &mut u64, _buf: &mut [u8]) -> KResult<usize> {
        Err(Errno::EBADF)
    }

    fn write(&self, _offset: &mut u64, buf: &[u8], _append: bool) -> KResult<usize> {
        self.0.write(buf, true)
    }

    fn write_nonblock(&self, _offset: &mut u64, buf: &[u8], _append: bool) -> KResult<usize> {
        self.0.write(buf, false)
    }

    fn stat(&self) -> FileStat {
        self.0.stat()
    }

    fn seekable(&self) -> bool {
        false
    }

    /// POLLOUT while an atomic write (PIPE_BUF bytes) fits; POLLERR once
    /// no reader is left.
    fn poll(&self) -> u16 {
        let s = self.0.state.lock();
        let mut events = 0;
        if s.ring.free() >= PIPE_BUF {
            events |= poll::POLLOUT;
        }
        if s.readers == 0 {
            events |= poll::POLLERR;
        }
        events
    }

    fn poll_queue(&self) -> Option<&WaitQueue> {
        Some(&self.0.writable)
    }

    fn ioctl(&self, request: u64, arg: u64) -> KResult<u64> {
        self.0.ioctl(request, arg)
    }
}

impl Drop for PipeWriter {
    fn drop(&mut self) {
        self.0.state.lock().writers -= 1;
        self.0.readable.wake_all();
    }
}
