//! Structures exchanged with user space, with the exact Linux x86_64 layouts.
//!
//! # Design
//!
//! Every structure is `#[repr(C)]` with the field names, order and widths of
//! the Linux uapi header named in its docs; a `const` assertion pins the size
//! of each, and the tests pin the offset of every field against values taken
//! from the C headers.
//!
//! * **No implicit padding.** Where C inserts padding, an explicit
//!   `__pad*`/`__unused` field (public, so struct literals work, and zero by
//!   [`Default`]) takes its place. A value built in safe Rust therefore has no
//!   uninitialised bytes, so the kernel can copy it to user space without
//!   leaking kernel memory. The one exception is [`Dirent64Header`], whose
//!   trailing padding is overlapped by the file name and is never copied.
//! * **User pointers are `u64`.** These types describe user memory as seen
//!   by the kernel; an address is a number until the kernel validates it.
//! * **Kernel, not libc, layouts.** Where the C library's type differs from
//!   the kernel's (`struct termios`, `struct sigaction`, `sigset_t`), the
//!   kernel layout is given, since that is what system calls transfer.

/// `struct timespec` (`include/uapi/linux/time_types.h`, `__kernel_timespec`):
/// seconds and nanoseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Timespec {
    /// Seconds.
    pub tv_sec: i64,
    /// Nanoseconds, `0..1_000_000_000`.
    pub tv_nsec: i64,
}

/// `struct timeval` (`include/uapi/linux/time.h`): seconds and microseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Timeval {
    /// Seconds.
    pub tv_sec: i64,
    /// Microseconds, `0..1_000_000`.
    pub tv_usec: i64,
}

/// `struct timezone` (`include/uapi/linux/time.h`), for `gettimeofday`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Timezone {
    /// Minutes west of Greenwich.
    pub tz_minuteswest: i32,
    /// Type of daylight saving correction (obsolete, 0).
    pub tz_dsttime: i32,
}

/// `struct stat` of x86_64 (`arch/x86/include/uapi/asm/stat.h`), filled by
/// `stat`, `fstat`, `lstat` and `newfstatat`. 144 bytes.
///
/// Field types follow the kernel header (times are `unsigned long` there;
/// C libraries read them as signed `time_t`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Stat {
    /// Device containing the file.
    pub st_dev: u64,
    /// Inode number.
    pub st_ino: u64,
    /// Number of hard links (64-bit and before `st_mode` on x86_64).
    pub st_nlink: u64,
    /// File type and mode (`S_IF*` and permission bits).
    pub st_mode: u32,
    /// Owner user id.
    pub st_uid: u32,
    /// Owner group id.
    pub st_gid: u32,
    /// Padding.
    pub __pad0: u32,
    /// Device number, for device files.
    pub st_rdev: u64,
    /// Size in bytes.
    pub st_size: i64,
    /// Preferred I/O block size in bytes.
    pub st_blksize: i64,
    /// Allocated 512-byte blocks.
    pub st_blocks: i64,
    /// Last access time, seconds.
    pub st_atime: u64,
    /// Last access time, nanoseconds.
    pub st_atime_nsec: u64,
    /// Last modification time, seconds.
    pub st_mtime: u64,
    /// Last modification time, nanoseconds.
    pub st_mtime_nsec: u64,
    /// Last status change time, seconds.
    pub st_ctime: u64,
    /// Last status change time, nanoseconds.
    pub st_ctime_nsec: u64,
    /// Reserved.
    pub __unused: [i64; 3],
}

/// `struct statx_timestamp` (`include/uapi/linux/stat.h`). 16 bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct StatxTimestamp {
    /// Seconds since the epoch.
    pub tv_sec: i64,
    /// Nanoseconds.
    pub tv_nsec: u32,
    /// Reserved.
    pub __reserved: i32,
}

/// `struct statx` (`include/uapi/linux/stat.h`, layout of Linux 6.16+; the
/// fields after `stx_dio_offset_align` were spare space before and read as 0
/// on older kernels). 256 bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Statx {
    /// Which fields are filled (`STATX_*`).
    pub stx_mask: u32,
    /// Preferred I/O block size in bytes.
    pub stx_blksize: u32,
    /// File attributes (`STATX_ATTR_*`).
    pub stx_attributes: u64,
    /// Number of hard links.
    pub stx_nlink: u32,
    /// Owner user id.
    pub stx_uid: u32,
    /// Owner group id.
    pub stx_gid: u32,
    /// File type and mode.
    pub stx_mode: u16,
    /// Spare.
    pub __spare0: [u16; 1],
    /// Inode number.
    pub stx_ino: u64,
    /// Size in bytes.
    pub stx_size: u64,
    /// Allocated 512-byte blocks.
    pub stx_blocks: u64,
    /// Which `stx_attributes` bits are supported.
    pub stx_attributes_mask: u64,
    /// Last access time.
    pub stx_atime: StatxTimestamp,
    /// Creation time.
    pub stx_btime: StatxTimestamp,
    /// Last status change time.
    pub stx_ctime: StatxTimestamp,
    /// Last modification time.
    pub stx_mtime: StatxTimestamp,
    /// Device number major, for device files.
    pub stx_rdev_major: u32,
    /// Device number minor, for device files.
    pub stx_rdev_minor: u32,
    /// Major of the device containing the file.
    pub stx_dev_major: u32,
    /// Minor of the device containing the file.
    pub stx_dev_minor: u32,
    /// Mount id.
    pub stx_mnt_id: u64,
    /// Direct I/O memory buffer alignment.
    pub stx_dio_mem_align: u32,
    /// Direct I/O file offset alignment.
    pub stx_dio_offset_align: u32,
    /// Subvolume id (Linux 6.10+).
    pub stx_subvol: u64,
    /// Minimum atomic write unit in bytes (Linux 6.11+).
    pub stx_atomic_write_unit_min: u32,
    /// Maximum atomic write unit in bytes (Linux 6.11+).
    pub stx_atomic_write_unit_max: u32,
    /// Maximum atomic write segments (Linux 6.11+).
    pub stx_atomic_write_segments_max: u32,
    /// Direct I/O read offset alignment (Linux 6.14+).
    pub stx_dio_read_offset_align: u32,
    /// Optimised maximum atomic write unit in bytes (Linux 6.16+).
    pub stx_atomic_write_unit_max_opt: u32,
    /// Spare.
    pub __spare2: [u32; 1],
    /// Spare space for future expansion.
    pub __spare3: [u64; 8],
}

/// Length of each field of [`Utsname`], including the terminating NUL.
pub const UTSNAME_FIELD_LEN: usize = 65;

/// `struct new_utsname` (`include/uapi/linux/utsname.h`), filled by `uname`:
/// six NUL-terminated strings of 65 bytes. 390 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub struct Utsname {
    /// Operating system name (`"Linux"` on Linux).
    pub sysname: [u8; UTSNAME_FIELD_LEN],
    /// Host name.
    pub nodename: [u8; UTSNAME_FIELD_LEN],
    /// Kernel release (C libraries parse its leading version number).
    pub release: [u8; UTSNAME_FIELD_LEN],
    /// Kernel version string.
    pub version: [u8; UTSNAME_FIELD_LEN],
    /// Hardware name (`"x86_64"`).
    pub machine: [u8; UTSNAME_FIELD_LEN],
    /// NIS domain name.
    pub domainname: [u8; UTSNAME_FIELD_LEN],
}

impl Default for Utsname {
    fn default() -> Self {
        let empty = [0; UTSNAME_FIELD_LEN];
        Utsname {
            sysname: empty,
            nodename: empty,
            release: empty,
            version: empty,
            machine: empty,
            domainname: empty,
        }
    }
}

/// `struct rlimit` (`include/uapi/linux/resource.h`), as used by
/// `getrlimit`, `setrlimit` and `prlimit64` (`struct rlimit64` has the same
/// layout on x86_64).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Rlimit {
    /// Soft limit (`RLIM_INFINITY` for none).
    pub rlim_cur: u64,
    /// Hard limit (`RLIM_INFINITY` for none).
    pub rlim_max: u64,
}

/// `struct rusage` (`include/uapi/linux/resource.h`), for `getrusage` and
/// `wait4`. 144 bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Rusage {
    /// User CPU time.
    pub ru_utime: Timeval,
    /// System CPU time.
    pub ru_stime: Timeval,
    /// Maximum resident set size in KiB.
    pub ru_maxrss: i64,
    /// Integral shared memory size (unused).
    pub ru_ixrss: i64,
    /// Integral unshared data size (unused).
    pub ru_idrss: i64,
    /// Integral unshared stack size (unused).
    pub ru_isrss: i64,
    /// Minor page faults (no I/O).
    pub ru_minflt: i64,
    /// Major page faults (I/O).
    pub ru_majflt: i64,
    /// Swaps (unused).
    pub ru_nswap: i64,
    /// Block input operations.
    pub ru_inblock: i64,
    /// Block output operations.
    pub ru_oublock: i64,
    /// IPC messages sent (unused).
    pub ru_msgsnd: i64,
    /// IPC messages received (unused).
    pub ru_msgrcv: i64,
    /// Signals received (unused).
    pub ru_nsignals: i64,
    /// Voluntary context switches.
    pub ru_nvcsw: i64,
    /// Involuntary context switches.
    pub ru_nivcsw: i64,
}

/// `struct sysinfo` (`include/uapi/linux/sysinfo.h`), for `sysinfo`. 112
/// bytes; the C padding after `pad` and at the end is explicit here, and
/// the zero-length `_f` tail of 64-bit kernels is left out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Sysinfo {
    /// Seconds since boot.
    pub uptime: i64,
    /// 1, 5 and 15 minute load averages, scaled by `1 << 16`.
    pub loads: [u64; 3],
    /// Total usable main memory, in `mem_unit`s.
    pub totalram: u64,
    /// Available memory, in `mem_unit`s.
    pub freeram: u64,
    /// Shared memory, in `mem_unit`s.
    pub sharedram: u64,
    /// Memory used by buffers, in `mem_unit`s.
    pub bufferram: u64,
    /// Total swap space, in `mem_unit`s.
    pub totalswap: u64,
    /// Free swap space, in `mem_unit`s.
    pub freeswap: u64,
    /// Number of current processes.
    pub procs: u16,
    /// Padding (named `pad` in C).
    pub pad: u16,
    /// Padding (implicit in C).
    pub __pad1: u32,
    /// Total high memory, in `mem_unit`s (0 on x86_64).
    pub totalhigh: u64,
    /// Free high memory, in `mem_unit`s (0 on x86_64).
    pub freehigh: u64,
    /// Size in bytes of the memory unit of the fields above.
    pub mem_unit: u32,
    /// Padding (implicit in C).
    pub __pad2: u32,
}

/// `struct clone_args` (`include/uapi/linux/sched.h`), argument of `clone3`.
/// This is version 2 (88 bytes, with `cgroup`); older callers pass 64
/// (`CLONE_ARGS_SIZE_VER0`) or 80 bytes and the rest reads as zero.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct CloneArgs {
    /// `CLONE_*` flags (without the exit signal).
    pub flags: u64,
    /// With `CLONE_PIDFD`: where to store the pidfd (`int *`).
    pub pidfd: u64,
    /// With `CLONE_CHILD_SETTID`/`CLONE_CHILD_CLEARTID`: the child's TID word.
    pub child_tid: u64,
    /// With `CLONE_PARENT_SETTID`: where to store the child's TID.
    pub parent_tid: u64,
    /// Signal sent to the parent when the child exits.
    pub exit_signal: u64,
    /// Lowest address of the child's stack.
    pub stack: u64,
    /// Size of the child's stack in bytes.
    pub stack_size: u64,
    /// With `CLONE_SETTLS`: the child's FS base.
    pub tls: u64,
    /// Array of TIDs to use in each PID namespace (`pid_t *`).
    pub set_tid: u64,
    /// Number of elements in `set_tid`.
    pub set_tid_size: u64,
    /// With `CLONE_INTO_CGROUP`: cgroup directory fd.
    pub cgroup: u64,
}

/// `struct iovec` (`include/uapi/linux/uio.h`), for `readv`/`writev`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Iovec {
    /// Start address of the buffer.
    pub iov_base: u64,
    /// Length of the buffer in bytes.
    pub iov_len: u64,
}

/// `struct pollfd` (`include/uapi/asm-generic/poll.h`), for `poll`/`ppoll`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Pollfd {
    /// File descriptor (negative: ignored).
    pub fd: i32,
    /// Requested events (`POLL*`).
    pub events: i16,
    /// Returned events (`POLL*`).
    pub revents: i16,
}

/// Fixed header of `struct linux_dirent64` (`include/linux/dirent.h`), the
/// records `getdents64` writes. The NUL-terminated name follows at byte
/// [`Dirent64Header::NAME_OFFSET`] (19), *not* at `size_of::<Self>()` (24,
/// which includes trailing alignment padding); `d_reclen` is the whole
/// record length, rounded up to a multiple of 8.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Dirent64Header {
    /// Inode number.
    pub d_ino: u64,
    /// Opaque offset of the next record (for `lseek`).
    pub d_off: i64,
    /// Length of this record in bytes, name and padding included.
    pub d_reclen: u16,
    /// File type (`DT_*`).
    pub d_type: u8,
}

impl Dirent64Header {
    /// Byte offset of `d_name` in a record.
    pub const NAME_OFFSET: usize = 19;

    /// Record length for a name of `name_len_bytes` bytes (without the NUL):
    /// header, name, NUL, rounded up to 8.
    pub const fn record_len(name_len_bytes: usize) -> usize {
        (Self::NAME_OFFSET + name_len_bytes + 1).next_multiple_of(8)
    }
}

/// Kernel `struct sigaction` of x86_64 (`include/linux/signal_types.h`,
/// `struct sigaction` with `SA_RESTORER`), as `rt_sigaction` reads and
/// writes it. glibc's `struct sigaction` has a different field order and a
/// 128-byte mask. 32 bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Sigaction {
    /// Handler address, or `SIG_DFL` / `SIG_IGN`.
    pub sa_handler: u64,
    /// `SA_*` flags.
    pub sa_flags: u64,
    /// Return trampoline (calls `rt_sigreturn`), valid with `SA_RESTORER`.
    pub sa_restorer: u64,
    /// Signals blocked while the handler runs (bit `sig - 1`).
    pub sa_mask: u64,
}

/// `siginfo_t` (`include/uapi/asm-generic/siginfo.h`): 128 bytes, kept opaque
/// with accessors for the common header and the most used union fields.
///
/// Layout on x86_64: `si_signo` at 0, `si_errno` at 4, `si_code` at 8, the
/// union at 16. Union members used here: kill/`SIGCHLD`/rt signals `si_pid`
/// at 16 and `si_uid` at 20; `SIGCHLD` `si_status` at 24; faults `si_addr`
/// at 16.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Siginfo {
    words: [u64; 16],
}

impl Siginfo {
    /// Size in bytes (`SI_MAX_SIZE`).
    pub const SIZE: usize = 128;
    const SIGNO: usize = 0;
    const ERRNO: usize = 4;
    const CODE: usize = 8;
    const PID: usize = 16;
    const UID: usize = 20;
    const STATUS: usize = 24;
    const ADDR: usize = 16;

    /// A siginfo with the three header fields set and the rest zero.
    pub const fn new(signo: i32, errno: i32, code: i32) -> Self {
        let mut info = Siginfo { words: [0; 16] };
        info.set_u32(Self::SIGNO, signo as u32);
        info.set_u32(Self::ERRNO, errno as u32);
        info.set_u32(Self::CODE, code as u32);
        info
    }

    /// Builds a siginfo from its 128 bytes as found in user memory.
    pub fn from_bytes(bytes: &[u8; Self::SIZE]) -> Self {
        let mut words = [0u64; 16];
        for (word, chunk) in words.iter_mut().zip(bytes.chunks_exact(8)) {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            *word = u64::from_le_bytes(b);
        }
        Siginfo { words }
    }

    /// The 128 bytes as they must appear in user memory.
    pub fn to_bytes(&self) -> [u8; Self::SIZE] {
        let mut bytes = [0u8; Self::SIZE];
        for (chunk, word) in bytes.chunks_exact_mut(8).zip(self.words.iter()) {
            chunk.copy_from_slice(&word.to_le_bytes());
        }
        bytes
    }

    /// Signal number.
    pub const fn si_signo(&self) -> i32 {
        self.get_u32(Self::SIGNO) as i32
    }
    /// Errno value associated with the signal (usually 0).
    pub const fn si_errno(&self) -> i32 {
        self.get_u32(Self::ERRNO) as i32
    }
    /// Signal code (`SI_*`, `CLD_*`, `SEGV_*`, ...).
    pub const fn si_code(&self) -> i32 {
        self.get_u32(Self::CODE) as i32
    }
    /// Sending process id (kill, `SIGCHLD`, real-time signals).
    pub const fn si_pid(&self) -> i32 {
        self.get_u32(Self::PID) as i32
    }
    /// Real user id of the sender (kill, `SIGCHLD`, real-time signals).
    pub const fn si_uid(&self) -> u32 {
        self.get_u32(Self::UID)
    }
    /// `SIGCHLD`: exit status or signal number.
    pub const fn si_status(&self) -> i32 {
        self.get_u32(Self::STATUS) as i32
    }
    /// Faulting address (`SIGSEGV`, `SIGBUS`, `SIGILL`, `SIGFPE`, `SIGTRAP`).
    pub const fn si_addr(&self) -> u64 {
        self.words[Self::ADDR / 8]
    }

    /// Sets [`si_signo`](Self::si_signo).
    pub const fn set_si_signo(&mut self, v: i32) {
        self.set_u32(Self::SIGNO, v as u32);
    }
    /// Sets [`si_errno`](Self::si_errno).
    pub const fn set_si_errno(&mut self, v: i32) {
        self.set_u32(Self::ERRNO, v as u32);
    }
    /// Sets [`si_code`](Self::si_code).
    pub const fn set_si_code(&mut self, v: i32) {
        self.set_u32(Self::CODE, v as u32);
    }
    /// Sets [`si_pid`](Self::si_pid).
    pub const fn set_si_pid(&mut self, v: i32) {
        self.set_u32(Self::PID, v as u32);
    }
    /// Sets [`si_uid`](Self::si_uid).
    pub const fn set_si_uid(&mut self, v: u32) {
        self.set_u32(Self::UID, v);
    }
    /// Sets [`si_status`](Self::si_status).
    pub const fn set_si_status(&mut self, v: i32) {
        self.set_u32(Self::STATUS, v as u32);
    }
    /// Sets [`si_addr`](Self::si_addr) (overlaps `si_pid` and `si_uid`).
    pub const fn set_si_addr(&mut self, v: u64) {
        self.words[Self::ADDR / 8] = v;
    }

    /// Reads the little-endian `u32` at byte `offset` (a multiple of 4 below
    /// 128; only called with the constants above).
    const fn get_u32(&self, offset: usize) -> u32 {
        let word = self.words[offset / 8];
        (word >> ((offset % 8) * 8)) as u32
    }

    /// Writes the little-endian `u32` at byte `offset` (as for `get_u32`).
    const fn set_u32(&mut self, offset: usize, v: u32) {
        let shift = (offset % 8) * 8;
        let word = &mut self.words[offset / 8];
        *word = (*word & !(0xffff_ffff_u64 << shift)) | ((v as u64) << shift);
    }
}

/// `stack_t` (`include/uapi/asm-generic/signal.h`), for `sigaltstack`. 24
/// bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct StackT {
    /// Lowest address of the stack.
    pub ss_sp: u64,
    /// `SS_ONSTACK`, `SS_DISABLE`, `SS_AUTODISARM`.
    pub ss_flags: i32,
    /// Padding (implicit in C).
    pub __pad: i32,
    /// Size of the stack in bytes.
    pub ss_size: u64,
}

/// Kernel `struct termios` (`include/uapi/asm-generic/termbits.h`), as
/// `TCGETS`/`TCSETS*` transfer it. glibc's `struct termios` is larger
/// (`NCCS` 32 plus speed fields) and is converted by the C library. 36 bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Termios {
    /// Input modes.
    pub c_iflag: u32,
    /// Output modes.
    pub c_oflag: u32,
    /// Control modes.
    pub c_cflag: u32,
    /// Local modes.
    pub c_lflag: u32,
    /// Line discipline (0 = N_TTY).
    pub c_line: u8,
    /// Control characters, indexed by `V*`.
    pub c_cc: [u8; crate::flags::termios::NCCS],
}

/// `struct winsize` (`include/uapi/asm-generic/termios.h`), for
/// `TIOCGWINSZ`/`TIOCSWINSZ`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Winsize {
    /// Rows, in characters.
    pub ws_row: u16,
    /// Columns, in characters.
    pub ws_col: u16,
    /// Width in pixels (unused).
    pub ws_xpixel: u16,
    /// Height in pixels (unused).
    pub ws_ypixel: u16,
}

/// `struct itimerval` (`include/uapi/linux/time.h`), for `setitimer`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct ItimerVal {
    /// Reload value (0: one-shot).
    pub it_interval: Timeval,
    /// Time to the next expiry (0: disarmed).
    pub it_value: Timeval,
}

/// `struct itimerspec` (`include/uapi/linux/time_types.h`,
/// `__kernel_itimerspec`), for `timer_settime` and `timerfd_settime`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Itimerspec {
    /// Reload value (0: one-shot).
    pub it_interval: Timespec,
    /// Time to the next expiry (0: disarmed).
    pub it_value: Timespec,
}

/// `struct robust_list` (`include/uapi/linux/futex.h`): one link of a
/// thread's list of held robust futexes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct RobustList {
    /// Address of the next entry (the head itself ends the list).
    pub next: u64,
}

/// `struct robust_list_head` (`include/uapi/linux/futex.h`), registered
/// with `set_robust_list`. 24 bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct RobustListHead {
    /// First entry; the list is circular through this head.
    pub list: RobustList,
    /// Offset in bytes from a list entry to its futex word.
    pub futex_offset: i64,
    /// Entry being added or removed (covers a thread dying mid-operation).
    pub list_op_pending: u64,
}

/// `struct tms` (`include/uapi/linux/times.h`), for `times`; in clock ticks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Tms {
    /// User CPU time.
    pub tms_utime: i64,
    /// System CPU time.
    pub tms_stime: i64,
    /// User CPU time of reaped children.
    pub tms_cutime: i64,
    /// System CPU time of reaped children.
    pub tms_cstime: i64,
}

/// `struct statfs` of x86_64 (`include/uapi/asm-generic/statfs.h` with
/// 64-bit words), for `statfs`/`fstatfs`. 120 bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Statfs {
    /// File system magic number.
    pub f_type: i64,
    /// Optimal transfer block size.
    pub f_bsize: i64,
    /// Total data blocks, in `f_frsize` units.
    pub f_blocks: u64,
    /// Free blocks.
    pub f_bfree: u64,
    /// Free blocks available to unprivileged users.
    pub f_bavail: u64,
    /// Total inodes.
    pub f_files: u64,
    /// Free inodes.
    pub f_ffree: u64,
    /// File system id.
    pub f_fsid: [i32; 2],
    /// Maximum file name length.
    pub f_namelen: i64,
    /// Fragment size.
    pub f_frsize: i64,
    /// Mount flags (`ST_*`).
    pub f_flags: i64,
    /// Spare.
    pub f_spare: [i64; 4],
}

/// One entry of the ELF auxiliary vector (`Elf64_auxv_t`, `<elf.h>`;
/// keys in [`crate::flags::auxv`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct AuxvEntry {
    /// Key (`AT_*`).
    pub a_type: u64,
    /// Value: a number or an address.
    pub a_val: u64,
}

const _: () = assert!(core::mem::size_of::<Timespec>() == 16);
const _: () = assert!(core::mem::size_of::<Timeval>() == 16);
const _: () = assert!(core::mem::size_of::<Timezone>() == 8);
const _: () = assert!(core::mem::size_of::<Stat>() == 144);
const _: () = assert!(core::mem::size_of::<StatxTimestamp>() == 16);
const _: () = assert!(core::mem::size_of::<Statx>() == 256);
const _: () = assert!(core::mem::size_of::<Utsname>() == 390);
const _: () = assert!(core::mem::size_of::<Rlimit>() == 16);
const _: () = assert!(core::mem::size_of::<Rusage>() == 144);
const _: () = assert!(core::mem::size_of::<Sysinfo>() == 112);
const _: () = assert!(core::mem::size_of::<CloneArgs>() == 88);
const _: () = assert!(core::mem::size_of::<Iovec>() == 16);
const _: () = assert!(core::mem::size_of::<Pollfd>() == 8);
const _: () = assert!(core::mem::size_of::<Dirent64Header>() == 24);
const _: () =
    assert!(core::mem::offset_of!(Dirent64Header, d_type) + 1 == Dirent64Header::NAME_OFFSET);
const _: () = assert!(core::mem::size_of::<Sigaction>() == 32);
const _: () = assert!(core::mem::size_of::<Siginfo>() == Siginfo::SIZE);
const _: () = assert!(core::mem::size_of::<StackT>() == 24);
const _: () = assert!(core::mem::size_of::<Termios>() == 36);
const _: () = assert!(core::mem::size_of::<Winsize>() == 8);
const _: () = assert!(core::mem::size_of::<ItimerVal>() == 32);
const _: () = assert!(core::mem::size_of::<Itimerspec>() == 32);
const _: () = assert!(core::mem::size_of::<RobustListHead>() == 24);
const _: () = assert!(core::mem::size_of::<Tms>() == 32);
const _: () = assert!(core::mem::size_of::<Statfs>() == 120);
const _: () = assert!(core::mem::size_of::<AuxvEntry>() == 16);
