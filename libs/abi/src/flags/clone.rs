//! `clone`/`clone3`/`unshare` flags (`CLONE_*`) and the `struct clone_args`
//! size versions.
//!
//! Source: `include/uapi/linux/sched.h`. The flags are `u64` because `clone3`
//! takes a 64-bit flag word ([`CLONE_CLEAR_SIGHAND`] and [`CLONE_INTO_CGROUP`]
//! are above bit 31 and only valid with `clone3`). With the legacy `clone`,
//! the low byte ([`CSIGNAL`]) is the exit signal.

/// Mask of the exit signal in the legacy `clone` flags.
pub const CSIGNAL: u64 = 0x0000_00ff;
/// New time namespace.
pub const CLONE_NEWTIME: u64 = 0x0000_0080;
/// Share the address space.
pub const CLONE_VM: u64 = 0x0000_0100;
/// Share root, cwd and umask.
pub const CLONE_FS: u64 = 0x0000_0200;
/// Share the file descriptor table.
pub const CLONE_FILES: u64 = 0x0000_0400;
/// Share signal handlers.
pub const CLONE_SIGHAND: u64 = 0x0000_0800;
/// Return a pidfd for the child to the parent.
pub const CLONE_PIDFD: u64 = 0x0000_1000;
/// Trace the child too.
pub const CLONE_PTRACE: u64 = 0x0000_2000;
/// Suspend the parent until the child execs or exits.
pub const CLONE_VFORK: u64 = 0x0000_4000;
/// The child gets the caller's parent.
pub const CLONE_PARENT: u64 = 0x0000_8000;
/// Same thread group (a thread).
pub const CLONE_THREAD: u64 = 0x0001_0000;
/// New mount namespace.
pub const CLONE_NEWNS: u64 = 0x0002_0000;
/// Share System V semaphore undo lists.
pub const CLONE_SYSVSEM: u64 = 0x0004_0000;
/// Set the child's TLS (FS base on x86_64).
pub const CLONE_SETTLS: u64 = 0x0008_0000;
/// Store the child TID at `parent_tid` in the parent.
pub const CLONE_PARENT_SETTID: u64 = 0x0010_0000;
/// Clear (and futex-wake) `child_tid` when the child exits.
pub const CLONE_CHILD_CLEARTID: u64 = 0x0020_0000;
/// Unused, ignored.
pub const CLONE_DETACHED: u64 = 0x0040_0000;
/// A tracer cannot force [`CLONE_PTRACE`].
pub const CLONE_UNTRACED: u64 = 0x0080_0000;
/// Store the child TID at `child_tid` in the child.
pub const CLONE_CHILD_SETTID: u64 = 0x0100_0000;
/// New cgroup namespace.
pub const CLONE_NEWCGROUP: u64 = 0x0200_0000;
/// New UTS namespace.
pub const CLONE_NEWUTS: u64 = 0x0400_0000;
/// New IPC namespace.
pub const CLONE_NEWIPC: u64 = 0x0800_0000;
/// New user namespace.
pub const CLONE_NEWUSER: u64 = 0x1000_0000;
/// New PID namespace.
pub const CLONE_NEWPID: u64 = 0x2000_0000;
/// New network namespace.
pub const CLONE_NEWNET: u64 = 0x4000_0000;
/// Share the I/O context.
pub const CLONE_IO: u64 = 0x8000_0000;
/// `clone3` only: reset all signal handlers to `SIG_DFL` in the child.
pub const CLONE_CLEAR_SIGHAND: u64 = 0x1_0000_0000;
/// `clone3` only: place the child in the cgroup given by `cgroup`.
pub const CLONE_INTO_CGROUP: u64 = 0x2_0000_0000;

/// Size of the first published `struct clone_args` (up to `tls`).
pub const CLONE_ARGS_SIZE_VER0: usize = 64;
/// Size with `set_tid` and `set_tid_size`.
pub const CLONE_ARGS_SIZE_VER1: usize = 80;
/// Size with `cgroup` ([`crate::types::CloneArgs`]).
pub const CLONE_ARGS_SIZE_VER2: usize = 88;
