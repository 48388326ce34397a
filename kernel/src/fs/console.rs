//! The console as a file: the console terminal ([`super::tty`]). Reads
//! come from its line discipline, writes go through its output processing
//! to the kernel console (serial and screen).

use super::{mode, tty::Tty, FileOps, FileStat};
use crate::errno::KResult;
use crate::sched::wait::WaitQueue;

/// The system console (`/dev/console`, fds 0-2 of init).
pub struct Console;

impl FileOps for Console {
    fn read(&self, _offset: &mut u64, buf: &mut [u8]) -> KResult<usize> {
        super::tty::read(buf)
    }

    fn read_nonblock(&self, _offset: &mut u64, buf: &mut [u8]) -> KResult<usize> {
        Tty::read_nonblock(buf)
    }

    fn write(&self, _offset: &mut u64, buf: &[u8], _append: bool) -> KResult<usize> {
        Ok(Tty::write(buf))
    }

    fn stat(&self) -> FileStat {
        // Character device 5:1, as Linux's /dev/console.
        FileStat { ino: 1, mode: mode::S_IFCHR | 0o620, nlink: 1, rdev: (5 << 8) | 1, ..FileStat::default() }
    }

    fn seekable(&self) -> bool {
        false
    }

    fn poll(&self) -> u16 {
        Tty::poll()
    }

    fn poll_queue(&self) -> Option<&WaitQueue> {
        Some(Tty::poll_queue())
    }

    fn ioctl(&self, request: u64, arg: u64) -> KResult<u64> {
        Tty::ioctl(request, arg)
    }
}
