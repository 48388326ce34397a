//! System calls: one dispatch table from Linux x86-64 numbers to handlers,
//! grouped by area in the sibling modules.
//!
//! Handlers take the six argument registers (RDI, RSI, RDX, R10, R8, R9)
//! and the user register frame, and return a value or an errno; the
//! dispatcher returns `-errno` to user space as Linux does. Numbers
//! without a handler return `ENOSYS`. `docs/syscalls.md` lists them all;
//! a host test checks it against this table.

mod cred;
mod dir;
mod fs;
pub mod futex;
mod memory;
mod mount;
mod pipe;
mod poll;
mod process;
mod sendfile;
mod signal;
mod sigwait;
mod time;
mod timer;

use crate::arch::traps::TrapFrame;
use crate::errno::{Errno, KResult};
use abi::syscall::*;

/// Arguments of a system call, in ABI order.
pub type Args = [u64; 6];
/// A system-call handler.
pub type Handler = fn(&Args, &mut TrapFrame) -> KResult<u64>;

/// One past the highest Linux number with a slot in the table.
const TABLE_LEN: usize = 463;

/// The dispatch table. Each line names the Linux call it implements.
const TABLE: [Option<Handler>; TABLE_LEN] = {
    let mut t: [Option<Handler>; TABLE_LEN] = [None; TABLE_LEN];
    t[SYS_READ] = Some(fs::read);
    t[SYS_WRITE] = Some(fs::write);
    t[SYS_OPEN] = Some(fs::open);
    t[SYS_CLOSE] = Some(fs::close);
    t[SYS_STAT] = Some(fs::stat);
    t[SYS_FSTAT] = Some(fs::fstat);
    t[SYS_LSTAT] = Some(fs::lstat);
    t[SYS_POLL] = Some(poll::poll);
    t[SYS_PPOLL] = Some(poll::ppoll);
    t[SYS_SELECT] = Some(poll::select);
    t[SYS_PSELECT6] = Some(poll::pselect6);
    t[SYS_PIPE] = Some(pipe::pipe);
    t[SYS_PIPE2] = Some(pipe::pipe2);
    t[SYS_LSEEK] = Some(fs::lseek);
    t[SYS_MMAP] = Some(memory::mmap);
    t[SYS_MPROTECT] = Some(memory::mprotect);
    t[SYS_MUNMAP] = Some(memory::munmap);
    t[SYS_BRK] = Some(memory::brk);
    t[SYS_RT_SIGACTION] = Some(signal::rt_sigaction);
    t[SYS_RT_SIGPROCMASK] = Some(signal::rt_sigprocmask);
    t[SYS_RT_SIGRETURN] = Some(signal::rt_sigreturn);
    t[SYS_RT_SIGPENDING] = Some(signal::rt_sigpending);
    t[SYS_RT_SIGSUSPEND] = Some(signal::rt_sigsuspend);
    t[SYS_TKILL] = Some(process::tkill);
    t[SYS_SETPGID] = Some(process::setpgid);
    t[SYS_GETPGID] = Some(process::getpgid);
    t[SYS_GETPGRP] = Some(process::getpgrp);
    t[SYS_SETSID] = Some(process::setsid);
    t[SYS_GETSID] = Some(process::getsid);
    t[SYS_SETHOSTNAME] = Some(process::sethostname);
    t[SYS_REBOOT] = Some(process::reboot);
    t[SYS_SYSINFO] = Some(process::sysinfo);
    t[SYS_PRCTL] = Some(process::prctl);
    t[SYS_IOCTL] = Some(fs::ioctl);
    t[SYS_PREAD64] = Some(fs::pread64);
    t[SYS_PWRITE64] = Some(fs::pwrite64);
    t[SYS_READV] = Some(fs::readv);
    t[SYS_WRITEV] = Some(fs::writev);
    t[SYS_ACCESS] = Some(fs::access);
    t[SYS_SCHED_YIELD] = Some(time::sched_yield);
    t[SYS_MREMAP] = Some(memory::mremap);
    t[SYS_MADVISE] = Some(memory::madvise);
    t[SYS_MSYNC] = Some(memory::msync);
    t[SYS_DUP] = Some(fs::dup);
    t[SYS_DUP2] = Some(fs::dup2);
    t[SYS_NANOSLEEP] = Some(time::nanosleep);
    t[SYS_GETPID] = Some(process::getpid);
    t[SYS_CLONE] = Some(process::clone);
    t[SYS_FORK] = Some(process::fork);
    t[SYS_VFORK] = Some(process::vfork);
    t[SYS_EXECVE] = Some(process::execve);
    t[SYS_EXIT] = Some(process::exit);
    t[SYS_WAIT4] = Some(process::wait4);
    t[SYS_KILL] = Some(process::kill);
    t[SYS_UNAME] = Some(process::uname);
    t[SYS_FCNTL] = Some(fs::fcntl);
    t[SYS_GETCWD] = Some(fs::getcwd);
    t[SYS_GETTIMEOFDAY] = Some(time::gettimeofday);
    t[SYS_GETRLIMIT] = Some(process::getrlimit);
    t[SYS_GETUID] = Some(cred::getuid);
    t[SYS_GETGID] = Some(cred::getgid);
    t[SYS_GETEUID] = Some(cred::geteuid);
    t[SYS_GETEGID] = Some(cred::getegid);
    t[SYS_SETUID] = Some(cred::setuid);
    t[SYS_SETGID] = Some(cred::setgid);
    t[SYS_SETREUID] = Some(cred::setreuid);
    t[SYS_SETREGID] = Some(cred::setregid);
    t[SYS_SETRESUID] = Some(cred::setresuid);
    t[SYS_SETRESGID] = Some(cred::setresgid);
    t[SYS_GETRESUID] = Some(cred::getresuid);
    t[SYS_GETRESGID] = Some(cred::getresgid);
    t[SYS_SETFSUID] = Some(cred::setfsuid);
    t[SYS_SETFSGID] = Some(cred::setfsgid);
    t[SYS_GETGROUPS] = Some(cred::getgroups);
    t[SYS_SETGROUPS] = Some(cred::setgroups);
    t[SYS_SETRLIMIT] = Some(process::setrlimit);
    t[SYS_GETPPID] = Some(process::getppid);
    t[SYS_SIGALTSTACK] = Some(signal::sigaltstack);
    t[SYS_ARCH_PRCTL] = Some(process::arch_prctl);
    t[SYS_MLOCK] = Some(memory::mlock);
    t[SYS_MUNLOCK] = Some(memory::munlock);
    t[SYS_GETTID] = Some(process::gettid);
    t[SYS_TIME] = Some(time::time);
    t[SYS_FUTEX] = Some(futex::futex);
    t[SYS_SCHED_SETAFFINITY] = Some(process::sched_setaffinity);
    t[SYS_SCHED_GETAFFINITY] = Some(process::sched_getaffinity);
    t[SYS_SET_TID_ADDRESS] = Some(process::set_tid_address);
    t[SYS_CLOCK_GETTIME] = Some(time::clock_gettime);
    t[SYS_CLOCK_GETRES] = Some(time::clock_getres);
    t[SYS_CLOCK_NANOSLEEP] = Some(time::clock_nanosleep);
    t[SYS_EXIT_GROUP] = Some(process::exit_group);
    t[SYS_TGKILL] = Some(process::tgkill);
    t[SYS_WAITID] = Some(process::waitid);
    t[SYS_OPENAT] = Some(fs::openat);
    t[SYS_NEWFSTATAT] = Some(fs::newfstatat);
    t[SYS_READLINKAT] = Some(fs::readlinkat);
    t[SYS_READLINK] = Some(fs::readlink);
    t[SYS_FACCESSAT] = Some(fs::faccessat);
    t[SYS_SET_ROBUST_LIST] = Some(process::set_robust_list);
    t[SYS_DUP3] = Some(fs::dup3);
    t[SYS_PRLIMIT64] = Some(process::prlimit64);
    t[SYS_GETRANDOM] = Some(time::getrandom);
    t[SYS_CLONE3] = Some(process::clone3);
    t[SYS_CREAT] = Some(fs::creat);
    t[SYS_FACCESSAT2] = Some(fs::faccessat2);
    t[SYS_CHDIR] = Some(dir::chdir);
    t[SYS_FCHDIR] = Some(dir::fchdir);
    t[SYS_MKDIR] = Some(dir::mkdir);
    t[SYS_MKDIRAT] = Some(dir::mkdirat);
    t[SYS_RMDIR] = Some(dir::rmdir);
    t[SYS_UNLINK] = Some(dir::unlink);
    t[SYS_UNLINKAT] = Some(dir::unlinkat);
    t[SYS_RENAME] = Some(dir::rename);
    t[SYS_RENAMEAT] = Some(dir::renameat);
    t[SYS_RENAMEAT2] = Some(dir::renameat2);
    t[SYS_LINK] = Some(dir::link);
    t[SYS_LINKAT] = Some(dir::linkat);
    t[SYS_SYMLINK] = Some(dir::symlink);
    t[SYS_SYMLINKAT] = Some(dir::symlinkat);
    t[SYS_GETDENTS64] = Some(dir::getdents64);
    t[SYS_TRUNCATE] = Some(dir::truncate);
    t[SYS_FTRUNCATE] = Some(dir::ftruncate);
    t[SYS_UMASK] = Some(dir::umask);
    t[SYS_CHMOD] = Some(dir::chmod);
    t[SYS_FCHMOD] = Some(dir::fchmod);
    t[SYS_FCHMODAT] = Some(dir::fchmodat);
    t[SYS_CHOWN] = Some(dir::chown);
    t[SYS_FCHOWN] = Some(dir::fchown);
    t[SYS_LCHOWN] = Some(dir::lchown);
    t[SYS_FCHOWNAT] = Some(dir::fchownat);
    t[SYS_UTIMENSAT] = Some(dir::utimensat);
    t[SYS_FSYNC] = Some(dir::fsync);
    t[SYS_FDATASYNC] = Some(dir::fsync);
    t[SYS_SYNC] = Some(dir::sync);
    t[SYS_SYNCFS] = Some(dir::syncfs);
    t[SYS_STATX] = Some(dir::statx);
    t[SYS_MOUNT] = Some(mount::mount);
    t[SYS_UMOUNT2] = Some(mount::umount2);
    t[SYS_STATFS] = Some(mount::statfs);
    t[SYS_FSTATFS] = Some(mount::fstatfs);
    t[SYS_SENDFILE] = Some(sendfile::sendfile);
    t[SYS_PAUSE] = Some(sigwait::pause);
    t[SYS_RT_SIGTIMEDWAIT] = Some(sigwait::rt_sigtimedwait);
    t[SYS_ALARM] = Some(timer::alarm);
    t[SYS_GETITIMER] = Some(timer::getitimer);
    t[SYS_SETITIMER] = Some(timer::setitimer);
    t[SYS_TIMER_CREATE] = Some(timer::timer_create);
    t[SYS_TIMER_SETTIME] = Some(timer::timer_settime);
    t[SYS_TIMER_GETTIME] = Some(timer::timer_gettime);
    t[SYS_TIMER_GETOVERRUN] = Some(timer::timer_getoverrun);
    t[SYS_TIMER_DELETE] = Some(timer::timer_delete);
    t
};

/// Calls the handler for `nr`; returns the value for RAX (`-errno` on error).
pub fn dispatch(nr: u64, args: Args, frame: &mut TrapFrame) -> i64 {
    let handler = usize::try_from(nr).ok().and_then(|n| TABLE.get(n)).copied().flatten();
    let result = match handler {
        Some(h) => h(&args, frame),
        None => Err(Errno::ENOSYS),
    };
    match result {
        Ok(v) => v as i64,
        Err(e) => -i64::from(e.0),
    }
}

/// The argument as a file descriptor (the low 32 bits, as Linux's `int`).
fn fd_arg(v: u64) -> i32 {
    v as u32 as i32
}
