//! Resource limits (`RLIMIT_*`, `RLIM_INFINITY`), `getrusage` targets
//! (`RUSAGE_*`) and `getpriority` targets (`PRIO_*`).
//!
//! Sources: `include/uapi/asm-generic/resource.h` (x86_64 uses the generic
//! numbering), `include/uapi/linux/resource.h`.

/// CPU time in seconds.
pub const RLIMIT_CPU: u32 = 0;
/// Largest file size in bytes.
pub const RLIMIT_FSIZE: u32 = 1;
/// Largest data segment (heap) in bytes.
pub const RLIMIT_DATA: u32 = 2;
/// Largest stack in bytes.
pub const RLIMIT_STACK: u32 = 3;
/// Largest core file in bytes.
pub const RLIMIT_CORE: u32 = 4;
/// Largest resident set in bytes (no effect since Linux 2.6).
pub const RLIMIT_RSS: u32 = 5;
/// Number of processes of the real user.
pub const RLIMIT_NPROC: u32 = 6;
/// One more than the largest file descriptor number.
pub const RLIMIT_NOFILE: u32 = 7;
/// Locked memory in bytes.
pub const RLIMIT_MEMLOCK: u32 = 8;
/// Address space size in bytes.
pub const RLIMIT_AS: u32 = 9;
/// Number of file locks.
pub const RLIMIT_LOCKS: u32 = 10;
/// Number of pending signals.
pub const RLIMIT_SIGPENDING: u32 = 11;
/// Bytes in POSIX message queues.
pub const RLIMIT_MSGQUEUE: u32 = 12;
/// Ceiling of the nice value (`20 - limit`).
pub const RLIMIT_NICE: u32 = 13;
/// Ceiling of the real-time priority.
pub const RLIMIT_RTPRIO: u32 = 14;
/// Real-time CPU time without blocking, in microseconds.
pub const RLIMIT_RTTIME: u32 = 15;
/// Number of resource limits.
pub const RLIM_NLIMITS: u32 = 16;
/// "No limit" value of `rlim_cur` / `rlim_max`.
pub const RLIM_INFINITY: u64 = !0;

/// `getrusage`: the calling process.
pub const RUSAGE_SELF: i32 = 0;
/// `getrusage`: reaped children.
pub const RUSAGE_CHILDREN: i32 = -1;
/// `getrusage`: the calling thread.
pub const RUSAGE_THREAD: i32 = 1;

/// `getpriority`: `who` is a process id.
pub const PRIO_PROCESS: u32 = 0;
/// `getpriority`: `who` is a process group id.
pub const PRIO_PGRP: u32 = 1;
/// `getpriority`: `who` is a user id.
pub const PRIO_USER: u32 = 2;
