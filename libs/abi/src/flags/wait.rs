//! `wait4`/`waitid` options (`W*`) and `waitid` id types (`P_*`).
//!
//! Source: `include/uapi/linux/wait.h`.

/// Return at once if no child has changed state.
pub const WNOHANG: u32 = 0x0000_0001;
/// Also report stopped children.
pub const WUNTRACED: u32 = 0x0000_0002;
/// `waitid`: report stopped children (same bit as [`WUNTRACED`]).
pub const WSTOPPED: u32 = WUNTRACED;
/// `waitid`: report exited children.
pub const WEXITED: u32 = 0x0000_0004;
/// Also report children continued by `SIGCONT`.
pub const WCONTINUED: u32 = 0x0000_0008;
/// `waitid`: leave the child waitable (do not reap).
pub const WNOWAIT: u32 = 0x0100_0000;
/// Do not wait for children of other threads in the group.
pub const __WNOTHREAD: u32 = 0x2000_0000;
/// Wait for all children, whatever their exit signal.
pub const __WALL: u32 = 0x4000_0000;
/// Wait only for children whose exit signal is not `SIGCHLD`.
pub const __WCLONE: u32 = 0x8000_0000;

/// `waitid` id type: any child (id ignored).
pub const P_ALL: u32 = 0;
/// `waitid` id type: the child with process id `id`.
pub const P_PID: u32 = 1;
/// `waitid` id type: any child in process group `id`.
pub const P_PGID: u32 = 2;
/// `waitid` id type: the child referred to by pidfd `id`.
pub const P_PIDFD: u32 = 3;
