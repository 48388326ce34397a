//! Structure layouts: size and the offset of every field, against the values
//! the C compiler gives for the Linux uapi headers on x86_64 (measured with
//! `offsetof` on Debian's linux-libc-dev 6.1 headers; the `struct statx`
//! fields newer than 6.1 from the upstream 6.16+ header).

use abi::types::*;
use core::mem::{align_of, offset_of, size_of};

macro_rules! layout {
    ($t:ty, size $size:expr, { $($field:ident : $off:expr),* $(,)? }) => {{
        assert_eq!(size_of::<$t>(), $size, "size of {}", stringify!($t));
        $(assert_eq!(offset_of!($t, $field), $off, "{}::{}", stringify!($t), stringify!($field));)*
    }};
}

#[test]
fn time_types() {
    layout!(Timespec, size 16, { tv_sec: 0, tv_nsec: 8 });
    layout!(Timeval, size 16, { tv_sec: 0, tv_usec: 8 });
    layout!(Timezone, size 8, { tz_minuteswest: 0, tz_dsttime: 4 });
    layout!(ItimerVal, size 32, { it_interval: 0, it_value: 16 });
    layout!(Itimerspec, size 32, { it_interval: 0, it_value: 16 });
    layout!(Tms, size 32, { tms_utime: 0, tms_stime: 8, tms_cutime: 16, tms_cstime: 24 });
}

#[test]
fn stat() {
    layout!(Stat, size 144, {
        st_dev: 0, st_ino: 8, st_nlink: 16, st_mode: 24, st_uid: 28, st_gid: 32, __pad0: 36,
        st_rdev: 40, st_size: 48, st_blksize: 56, st_blocks: 64, st_atime: 72,
        st_atime_nsec: 80, st_mtime: 88, st_mtime_nsec: 96, st_ctime: 104,
        st_ctime_nsec: 112, __unused: 120,
    });
}

#[test]
fn statx() {
    layout!(StatxTimestamp, size 16, { tv_sec: 0, tv_nsec: 8, __reserved: 12 });
    layout!(Statx, size 256, {
        stx_mask: 0, stx_blksize: 4, stx_attributes: 8, stx_nlink: 16, stx_uid: 20,
        stx_gid: 24, stx_mode: 28, __spare0: 30, stx_ino: 32, stx_size: 40, stx_blocks: 48,
        stx_attributes_mask: 56, stx_atime: 64, stx_btime: 80, stx_ctime: 96, stx_mtime: 112,
        stx_rdev_major: 128, stx_rdev_minor: 132, stx_dev_major: 136, stx_dev_minor: 140,
        stx_mnt_id: 144, stx_dio_mem_align: 152, stx_dio_offset_align: 156,
        // Linux 6.10 .. 6.16 (spare space in 6.1).
        stx_subvol: 160, stx_atomic_write_unit_min: 168, stx_atomic_write_unit_max: 172,
        stx_atomic_write_segments_max: 176, stx_dio_read_offset_align: 180,
        stx_atomic_write_unit_max_opt: 184, __spare2: 188, __spare3: 192,
    });
}

#[test]
fn process_types() {
    layout!(Utsname, size 390, {
        sysname: 0, nodename: 65, release: 130, version: 195, machine: 260, domainname: 325,
    });
    layout!(Rlimit, size 16, { rlim_cur: 0, rlim_max: 8 });
    layout!(Rusage, size 144, {
        ru_utime: 0, ru_stime: 16, ru_maxrss: 32, ru_ixrss: 40, ru_idrss: 48, ru_isrss: 56,
        ru_minflt: 64, ru_majflt: 72, ru_nswap: 80, ru_inblock: 88, ru_oublock: 96,
        ru_msgsnd: 104, ru_msgrcv: 112, ru_nsignals: 120, ru_nvcsw: 128, ru_nivcsw: 136,
    });
    layout!(Sysinfo, size 112, {
        uptime: 0, loads: 8, totalram: 32, freeram: 40, sharedram: 48, bufferram: 56,
        totalswap: 64, freeswap: 72, procs: 80, pad: 82, __pad1: 84, totalhigh: 88,
        freehigh: 96, mem_unit: 104, __pad2: 108,
    });
    layout!(CloneArgs, size 88, {
        flags: 0, pidfd: 8, child_tid: 16, parent_tid: 24, exit_signal: 32, stack: 40,
        stack_size: 48, tls: 56, set_tid: 64, set_tid_size: 72, cgroup: 80,
    });
    assert_eq!(
        offset_of!(CloneArgs, set_tid),
        abi::flags::clone::CLONE_ARGS_SIZE_VER0
    );
    assert_eq!(
        offset_of!(CloneArgs, cgroup),
        abi::flags::clone::CLONE_ARGS_SIZE_VER1
    );
    assert_eq!(
        size_of::<CloneArgs>(),
        abi::flags::clone::CLONE_ARGS_SIZE_VER2
    );
    layout!(RobustListHead, size 24, { list: 0, futex_offset: 8, list_op_pending: 16 });
    layout!(AuxvEntry, size 16, { a_type: 0, a_val: 8 });
}

#[test]
fn io_types() {
    layout!(Iovec, size 16, { iov_base: 0, iov_len: 8 });
    layout!(Pollfd, size 8, { fd: 0, events: 4, revents: 6 });
    layout!(Dirent64Header, size 24, { d_ino: 0, d_off: 8, d_reclen: 16, d_type: 18 });
    assert_eq!(Dirent64Header::NAME_OFFSET, 19);
    assert_eq!(Dirent64Header::record_len(0), 24);
    assert_eq!(Dirent64Header::record_len(1), 24, "\".\" fits in 24 bytes");
    assert_eq!(Dirent64Header::record_len(4), 24);
    assert_eq!(Dirent64Header::record_len(5), 32);
    assert_eq!(Dirent64Header::record_len(255), 280);
    layout!(Statfs, size 120, {
        f_type: 0, f_bsize: 8, f_blocks: 16, f_bfree: 24, f_bavail: 32, f_files: 40,
        f_ffree: 48, f_fsid: 56, f_namelen: 64, f_frsize: 72, f_flags: 80, f_spare: 88,
    });
}

#[test]
fn terminal_types() {
    layout!(Termios, size 36, {
        c_iflag: 0, c_oflag: 4, c_cflag: 8, c_lflag: 12, c_line: 16, c_cc: 17,
    });
    assert_eq!(Termios::default().c_cc.len(), abi::flags::termios::NCCS);
    layout!(Winsize, size 8, { ws_row: 0, ws_col: 2, ws_xpixel: 4, ws_ypixel: 6 });
}

#[test]
fn signal_types() {
    layout!(Sigaction, size 32, { sa_handler: 0, sa_flags: 8, sa_restorer: 16, sa_mask: 24 });
    layout!(StackT, size 24, { ss_sp: 0, ss_flags: 8, __pad: 12, ss_size: 16 });
    assert_eq!(size_of::<Siginfo>(), 128);
    assert_eq!(align_of::<Siginfo>(), 8, "the C union holds pointers");
}

#[test]
fn siginfo_fields_at_linux_offsets() {
    // Offsets from offsetof(siginfo_t, ...): si_signo 0, si_errno 4, si_code 8,
    // si_pid 16, si_uid 20, si_status 24, si_addr 16.
    let mut info = Siginfo::new(
        abi::flags::signal::SIGCHLD,
        0,
        abi::flags::signal::CLD_EXITED,
    );
    info.set_si_errno(-2);
    info.set_si_pid(1234);
    info.set_si_uid(1000);
    info.set_si_status(42);
    let bytes = info.to_bytes();
    let word = |off: usize| i32::from_le_bytes(bytes[off..off + 4].try_into().unwrap());
    assert_eq!(word(0), 17);
    assert_eq!(word(4), -2);
    assert_eq!(word(8), 1);
    assert_eq!(word(16), 1234);
    assert_eq!(word(20), 1000);
    assert_eq!(word(24), 42);
    assert!(bytes[28..].iter().all(|&b| b == 0));
    assert_eq!(Siginfo::from_bytes(&bytes), info);
    assert_eq!(
        (
            info.si_signo(),
            info.si_errno(),
            info.si_code(),
            info.si_pid(),
            info.si_uid(),
            info.si_status()
        ),
        (17, -2, 1, 1234, 1000, 42)
    );

    let mut fault = Siginfo::new(
        abi::flags::signal::SIGSEGV,
        0,
        abi::flags::signal::SEGV_MAPERR,
    );
    fault.set_si_addr(0xdead_beef_0000_1000);
    assert_eq!(fault.si_addr(), 0xdead_beef_0000_1000);
    assert_eq!(
        fault.to_bytes()[16..24],
        0xdead_beef_0000_1000u64.to_le_bytes()
    );
    assert_eq!(
        fault.si_code(),
        1,
        "setting si_addr leaves the header alone"
    );
    fault.set_si_code(abi::flags::signal::SI_KERNEL);
    assert_eq!(fault.si_code(), 0x80);
    assert_eq!(fault.si_signo(), 11);
    assert_eq!(Siginfo::default().to_bytes(), [0; 128]);
}

#[test]
fn defaults_are_zero() {
    assert_eq!(Utsname::default().machine, [0; 65]);
    assert_eq!(Stat::default().__unused, [0; 3]);
    assert_eq!(Statx::default().__spare3, [0; 8]);
    assert_eq!(Sysinfo::default().__pad2, 0);
    assert_eq!(CloneArgs::default().cgroup, 0);
}
