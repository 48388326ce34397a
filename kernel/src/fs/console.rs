//! The console as a file: writes go to the kernel console (serial and
//! screen). Reading needs the terminal driver, which does not exist yet:
//! reads return end of file.

use super::{mode, FileOps, FileStat};
use crate::errno::KResult;

/// The system console (`/dev/console`, fds 0-2 of init).
pub struct Console;

impl FileOps for Console {
    fn read(&self, _offset: &mut u64, _buf: &mut [u8]) -> KResult<usize> {
        Ok(0)
    }

    fn write(&self, _offset: &mut u64, buf: &[u8], _append: bool) -> KResult<usize> {
        crate::console::write_bytes(buf);
        Ok(buf.len())
    }

    fn stat(&self) -> FileStat {
        // Character device 5:1, as Linux's /dev/console.
        FileStat { ino: 1, mode: mode::S_IFCHR | 0o620, nlink: 1, rdev: (5 << 8) | 1, ..FileStat::default() }
    }

    fn seekable(&self) -> bool {
        false
    }

}
