//! pipe and pipe2: a new pipe's two ends as the lowest free descriptors.
//!
//! Design note: each end gets its own open file description (O_RDONLY and
//! O_WRONLY, plus O_NONBLOCK if asked), as Linux does, so `fcntl(F_SETFL)`
//! on one end leaves the other alone.

use super::Args;
use crate::arch::traps::TrapFrame;
use crate::errno::{Errno, KResult};
use crate::fs::{oflags, pipe, OpenFile};
use crate::mm::uaccess::write_user;

/// pipe(fds): as pipe2 with no flags.
pub fn pipe(a: &Args, f: &mut TrapFrame) -> KResult<u64> {
    pipe2(&[a[0], 0, 0, 0, 0, 0], f)
}

/// pipe2(fds, flags): O_CLOEXEC and O_NONBLOCK; EINVAL for other flags.
pub fn pipe2(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let flags = u32::try_from(a[1]).map_err(|_| Errno::EINVAL)?;
    if flags & !(oflags::O_CLOEXEC | oflags::O_NONBLOCK) != 0 {
        return Err(Errno::EINVAL);
    }
    let cloexec = flags & oflags::O_CLOEXEC != 0;
    let status = flags & oflags::O_NONBLOCK;
    let (reader, writer) = pipe::new()?;
    let read_end = OpenFile::new(reader, oflags::O_RDONLY | status);
    let write_end = OpenFile::new(writer, oflags::O_WRONLY | status);
    let p = crate::proc::current().ok_or(Errno::EBADF)?;
    let table = p.fd_table();
    let mut t = table.lock();
    let rfd = t.install(read_end, cloexec, 0)?;
    let wfd = match t.install(write_end, cloexec, 0) {
        Ok(fd) => fd,
        Err(e) => {
            let _ = t.close(rfd);
            return Err(e);
        }
    };
    if let Err(e) = write_user(a[0], &[rfd, wfd]) {
        let _ = t.close(rfd);
        let _ = t.close(wfd);
        return Err(e);
    }
    Ok(0)
}
