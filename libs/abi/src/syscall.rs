//! System call numbers of the Linux x86_64 ABI, and the Exo-OS extension range.
//!
//! The numbers are those of Linux's `arch/x86/entry/syscalls/syscall_64.tbl`
//! (ABIs `common` and `64`; the x32-only entries 512..=547 are left out, Exo-OS
//! does not support x32). Constant names are the Linux names upper-cased with a
//! `SYS_` prefix, as in glibc's `<sys/syscall.h>` (`_sysctl` gives `SYS__SYSCTL`).
//!
//! # Design
//!
//! The table covers *every* number Linux defines, including calls that Linux
//! itself never implemented (`tuxcall`, `afs_syscall`, ...) or removed
//! (`create_module`, `uselib`): a number is part of the ABI whether or not a
//! kernel implements it, and the dispatcher needs the name to log and to answer
//! `ENOSYS` for it.
//!
//! Source of the values: numbers 0..=334 and 424..=450 were generated from
//! Debian's `linux-libc-dev` 6.1 header `asm/unistd_64.h` (a test re-reads it
//! when it is installed); 335, 336 and 451..=470, added after Linux 6.1 (up
//! to 6.18), come from the upstream Linux 6.19 `syscall_64.tbl`. The highest
//! number is [`SYS_LISTNS`] = 470. 337..=423 are unassigned on x86_64: the
//! table reserves 387..=423 (used by 32-bit architectures for their 64-bit
//! time calls), and from 424 on new calls get the same number on every
//! architecture.
//!
//! Exo-OS's own calls live far above, from [`EXO_SYSCALL_BASE`].

/// Highest Linux system call number in this table ([`SYS_LISTNS`]).
pub const LINUX_SYSCALL_MAX: usize = SYS_LISTNS;

/// Bit 30 marks an x32-ABI system call on Linux (`__X32_SYSCALL_BIT`).
///
/// Exo-OS does not implement x32; the kernel should answer `ENOSYS` for any
/// number with this bit set.
pub const X32_SYSCALL_BIT: usize = 0x4000_0000;

/// First system call number of the Exo-OS extensions (FusionRing IPC,
/// capabilities, pledge, unveil). None are defined yet.
///
/// `0x1000_0000` (268 435 456) was chosen because it is:
/// * far above every Linux number (the x86_64 table ends below 512 and the
///   x32 table at 547; Linux grows by a few calls a year);
/// * clear of [`X32_SYSCALL_BIT`]: a number such as `0x4558_0000` would look
///   like an x32 call to Linux-side tools and seccomp filters, and a real Linux
///   kernel with x32 enabled would decode it as x32 call `0x0558_0000`;
/// * positive as a 32-bit `int`, which is how Linux reads `rax` (`-1` means
///   "no system call" to ptrace and seccomp).
///
/// On Linux the whole range returns `ENOSYS`, so a program can probe for
/// Exo-OS by trying one of these calls.
pub const EXO_SYSCALL_BASE: usize = 0x1000_0000;

/// Number of system call numbers reserved for Exo-OS, starting at
/// [`EXO_SYSCALL_BASE`].
pub const EXO_SYSCALL_COUNT: usize = 0x1_0000;

// The whole Exo-OS range is above Linux's x86_64 and x32 numbers, has the x32
// bit clear and is positive as an `int`.
const _: () = assert!(EXO_SYSCALL_BASE > 547 && EXO_SYSCALL_BASE > LINUX_SYSCALL_MAX);
const _: () = assert!((EXO_SYSCALL_BASE + EXO_SYSCALL_COUNT - 1) & X32_SYSCALL_BIT == 0);
const _: () = assert!(EXO_SYSCALL_BASE & X32_SYSCALL_BIT == 0);
const _: () = assert!(EXO_SYSCALL_BASE + EXO_SYSCALL_COUNT <= i32::MAX as usize);

/// True if `nr` lies in the Exo-OS extension range.
pub const fn is_exo(nr: usize) -> bool {
    nr >= EXO_SYSCALL_BASE && nr - EXO_SYSCALL_BASE < EXO_SYSCALL_COUNT
}

/// Linux name of system call `nr` (e.g. `name(0) == Some("read")`), or `None`
/// if Linux x86_64 defines no call with that number. O(log n).
pub fn name(nr: usize) -> Option<&'static str> {
    SYSCALL_NAMES
        .binary_search_by_key(&nr, |&(n, _)| n)
        .ok()
        .and_then(|i| SYSCALL_NAMES.get(i))
        .map(|&(_, s)| s)
}

/// System call number of the Linux call named `name` (e.g. `"openat"`), or
/// `None`. O(n): meant for tools and tests, not for the dispatch path.
pub fn number(name: &str) -> Option<usize> {
    SYSCALL_NAMES
        .iter()
        .find(|&&(_, s)| s == name)
        .map(|&(n, _)| n)
}

/// `read` (0).
pub const SYS_READ: usize = 0;
/// `write` (1).
pub const SYS_WRITE: usize = 1;
/// `open` (2).
pub const SYS_OPEN: usize = 2;
/// `close` (3).
pub const SYS_CLOSE: usize = 3;
/// `stat` (4).
pub const SYS_STAT: usize = 4;
/// `fstat` (5).
pub const SYS_FSTAT: usize = 5;
/// `lstat` (6).
pub const SYS_LSTAT: usize = 6;
/// `poll` (7).
pub const SYS_POLL: usize = 7;
/// `lseek` (8).
pub const SYS_LSEEK: usize = 8;
/// `mmap` (9).
pub const SYS_MMAP: usize = 9;
/// `mprotect` (10).
pub const SYS_MPROTECT: usize = 10;
/// `munmap` (11).
pub const SYS_MUNMAP: usize = 11;
/// `brk` (12).
pub const SYS_BRK: usize = 12;
/// `rt_sigaction` (13).
pub const SYS_RT_SIGACTION: usize = 13;
/// `rt_sigprocmask` (14).
pub const SYS_RT_SIGPROCMASK: usize = 14;
/// `rt_sigreturn` (15).
pub const SYS_RT_SIGRETURN: usize = 15;
/// `ioctl` (16).
pub const SYS_IOCTL: usize = 16;
/// `pread64` (17).
pub const SYS_PREAD64: usize = 17;
/// `pwrite64` (18).
pub const SYS_PWRITE64: usize = 18;
/// `readv` (19).
pub const SYS_READV: usize = 19;
/// `writev` (20).
pub const SYS_WRITEV: usize = 20;
/// `access` (21).
pub const SYS_ACCESS: usize = 21;
/// `pipe` (22).
pub const SYS_PIPE: usize = 22;
/// `select` (23).
pub const SYS_SELECT: usize = 23;
/// `sched_yield` (24).
pub const SYS_SCHED_YIELD: usize = 24;
/// `mremap` (25).
pub const SYS_MREMAP: usize = 25;
/// `msync` (26).
pub const SYS_MSYNC: usize = 26;
/// `mincore` (27).
pub const SYS_MINCORE: usize = 27;
/// `madvise` (28).
pub const SYS_MADVISE: usize = 28;
/// `shmget` (29).
pub const SYS_SHMGET: usize = 29;
/// `shmat` (30).
pub const SYS_SHMAT: usize = 30;
/// `shmctl` (31).
pub const SYS_SHMCTL: usize = 31;
/// `dup` (32).
pub const SYS_DUP: usize = 32;
/// `dup2` (33).
pub const SYS_DUP2: usize = 33;
/// `pause` (34).
pub const SYS_PAUSE: usize = 34;
/// `nanosleep` (35).
pub const SYS_NANOSLEEP: usize = 35;
/// `getitimer` (36).
pub const SYS_GETITIMER: usize = 36;
/// `alarm` (37).
pub const SYS_ALARM: usize = 37;
/// `setitimer` (38).
pub const SYS_SETITIMER: usize = 38;
/// `getpid` (39).
pub const SYS_GETPID: usize = 39;
/// `sendfile` (40).
pub const SYS_SENDFILE: usize = 40;
/// `socket` (41).
pub const SYS_SOCKET: usize = 41;
/// `connect` (42).
pub const SYS_CONNECT: usize = 42;
/// `accept` (43).
pub const SYS_ACCEPT: usize = 43;
/// `sendto` (44).
pub const SYS_SENDTO: usize = 44;
/// `recvfrom` (45).
pub const SYS_RECVFROM: usize = 45;
/// `sendmsg` (46).
pub const SYS_SENDMSG: usize = 46;
/// `recvmsg` (47).
pub const SYS_RECVMSG: usize = 47;
/// `shutdown` (48).
pub const SYS_SHUTDOWN: usize = 48;
/// `bind` (49).
pub const SYS_BIND: usize = 49;
/// `listen` (50).
pub const SYS_LISTEN: usize = 50;
/// `getsockname` (51).
pub const SYS_GETSOCKNAME: usize = 51;
/// `getpeername` (52).
pub const SYS_GETPEERNAME: usize = 52;
/// `socketpair` (53).
pub const SYS_SOCKETPAIR: usize = 53;
/// `setsockopt` (54).
pub const SYS_SETSOCKOPT: usize = 54;
/// `getsockopt` (55).
pub const SYS_GETSOCKOPT: usize = 55;
/// `clone` (56).
pub const SYS_CLONE: usize = 56;
/// `fork` (57).
pub const SYS_FORK: usize = 57;
/// `vfork` (58).
pub const SYS_VFORK: usize = 58;
/// `execve` (59).
pub const SYS_EXECVE: usize = 59;
/// `exit` (60).
pub const SYS_EXIT: usize = 60;
/// `wait4` (61).
pub const SYS_WAIT4: usize = 61;
/// `kill` (62).
pub const SYS_KILL: usize = 62;
/// `uname` (63).
pub const SYS_UNAME: usize = 63;
/// `semget` (64).
pub const SYS_SEMGET: usize = 64;
/// `semop` (65).
pub const SYS_SEMOP: usize = 65;
/// `semctl` (66).
pub const SYS_SEMCTL: usize = 66;
/// `shmdt` (67).
pub const SYS_SHMDT: usize = 67;
/// `msgget` (68).
pub const SYS_MSGGET: usize = 68;
/// `msgsnd` (69).
pub const SYS_MSGSND: usize = 69;
/// `msgrcv` (70).
pub const SYS_MSGRCV: usize = 70;
/// `msgctl` (71).
pub const SYS_MSGCTL: usize = 71;
/// `fcntl` (72).
pub const SYS_FCNTL: usize = 72;
/// `flock` (73).
pub const SYS_FLOCK: usize = 73;
/// `fsync` (74).
pub const SYS_FSYNC: usize = 74;
/// `fdatasync` (75).
pub const SYS_FDATASYNC: usize = 75;
/// `truncate` (76).
pub const SYS_TRUNCATE: usize = 76;
/// `ftruncate` (77).
pub const SYS_FTRUNCATE: usize = 77;
/// `getdents` (78).
pub const SYS_GETDENTS: usize = 78;
/// `getcwd` (79).
pub const SYS_GETCWD: usize = 79;
/// `chdir` (80).
pub const SYS_CHDIR: usize = 80;
/// `fchdir` (81).
pub const SYS_FCHDIR: usize = 81;
/// `rename` (82).
pub const SYS_RENAME: usize = 82;
/// `mkdir` (83).
pub const SYS_MKDIR: usize = 83;
/// `rmdir` (84).
pub const SYS_RMDIR: usize = 84;
/// `creat` (85).
pub const SYS_CREAT: usize = 85;
/// `link` (86).
pub const SYS_LINK: usize = 86;
/// `unlink` (87).
pub const SYS_UNLINK: usize = 87;
/// `symlink` (88).
pub const SYS_SYMLINK: usize = 88;
/// `readlink` (89).
pub const SYS_READLINK: usize = 89;
/// `chmod` (90).
pub const SYS_CHMOD: usize = 90;
/// `fchmod` (91).
pub const SYS_FCHMOD: usize = 91;
/// `chown` (92).
pub const SYS_CHOWN: usize = 92;
/// `fchown` (93).
pub const SYS_FCHOWN: usize = 93;
/// `lchown` (94).
pub const SYS_LCHOWN: usize = 94;
/// `umask` (95).
pub const SYS_UMASK: usize = 95;
/// `gettimeofday` (96).
pub const SYS_GETTIMEOFDAY: usize = 96;
/// `getrlimit` (97).
pub const SYS_GETRLIMIT: usize = 97;
/// `getrusage` (98).
pub const SYS_GETRUSAGE: usize = 98;
/// `sysinfo` (99).
pub const SYS_SYSINFO: usize = 99;
/// `times` (100).
pub const SYS_TIMES: usize = 100;
/// `ptrace` (101).
pub const SYS_PTRACE: usize = 101;
/// `getuid` (102).
pub const SYS_GETUID: usize = 102;
/// `syslog` (103).
pub const SYS_SYSLOG: usize = 103;
/// `getgid` (104).
pub const SYS_GETGID: usize = 104;
/// `setuid` (105).
pub const SYS_SETUID: usize = 105;
/// `setgid` (106).
pub const SYS_SETGID: usize = 106;
/// `geteuid` (107).
pub const SYS_GETEUID: usize = 107;
/// `getegid` (108).
pub const SYS_GETEGID: usize = 108;
/// `setpgid` (109).
pub const SYS_SETPGID: usize = 109;
/// `getppid` (110).
pub const SYS_GETPPID: usize = 110;
/// `getpgrp` (111).
pub const SYS_GETPGRP: usize = 111;
/// `setsid` (112).
pub const SYS_SETSID: usize = 112;
/// `setreuid` (113).
pub const SYS_SETREUID: usize = 113;
/// `setregid` (114).
pub const SYS_SETREGID: usize = 114;
/// `getgroups` (115).
pub const SYS_GETGROUPS: usize = 115;
/// `setgroups` (116).
pub const SYS_SETGROUPS: usize = 116;
/// `setresuid` (117).
pub const SYS_SETRESUID: usize = 117;
/// `getresuid` (118).
pub const SYS_GETRESUID: usize = 118;
/// `setresgid` (119).
pub const SYS_SETRESGID: usize = 119;
/// `getresgid` (120).
pub const SYS_GETRESGID: usize = 120;
/// `getpgid` (121).
pub const SYS_GETPGID: usize = 121;
/// `setfsuid` (122).
pub const SYS_SETFSUID: usize = 122;
/// `setfsgid` (123).
pub const SYS_SETFSGID: usize = 123;
/// `getsid` (124).
pub const SYS_GETSID: usize = 124;
/// `capget` (125).
pub const SYS_CAPGET: usize = 125;
/// `capset` (126).
pub const SYS_CAPSET: usize = 126;
/// `rt_sigpending` (127).
pub const SYS_RT_SIGPENDING: usize = 127;
/// `rt_sigtimedwait` (128).
pub const SYS_RT_SIGTIMEDWAIT: usize = 128;
/// `rt_sigqueueinfo` (129).
pub const SYS_RT_SIGQUEUEINFO: usize = 129;
/// `rt_sigsuspend` (130).
pub const SYS_RT_SIGSUSPEND: usize = 130;
/// `sigaltstack` (131).
pub const SYS_SIGALTSTACK: usize = 131;
/// `utime` (132).
pub const SYS_UTIME: usize = 132;
/// `mknod` (133).
pub const SYS_MKNOD: usize = 133;
/// `uselib` (134).
pub const SYS_USELIB: usize = 134;
/// `personality` (135).
pub const SYS_PERSONALITY: usize = 135;
/// `ustat` (136).
pub const SYS_USTAT: usize = 136;
/// `statfs` (137).
pub const SYS_STATFS: usize = 137;
/// `fstatfs` (138).
pub const SYS_FSTATFS: usize = 138;
/// `sysfs` (139).
pub const SYS_SYSFS: usize = 139;
/// `getpriority` (140).
pub const SYS_GETPRIORITY: usize = 140;
/// `setpriority` (141).
pub const SYS_SETPRIORITY: usize = 141;
/// `sched_setparam` (142).
pub const SYS_SCHED_SETPARAM: usize = 142;
/// `sched_getparam` (143).
pub const SYS_SCHED_GETPARAM: usize = 143;
/// `sched_setscheduler` (144).
pub const SYS_SCHED_SETSCHEDULER: usize = 144;
/// `sched_getscheduler` (145).
pub const SYS_SCHED_GETSCHEDULER: usize = 145;
/// `sched_get_priority_max` (146).
pub const SYS_SCHED_GET_PRIORITY_MAX: usize = 146;
/// `sched_get_priority_min` (147).
pub const SYS_SCHED_GET_PRIORITY_MIN: usize = 147;
/// `sched_rr_get_interval` (148).
pub const SYS_SCHED_RR_GET_INTERVAL: usize = 148;
/// `mlock` (149).
pub const SYS_MLOCK: usize = 149;
/// `munlock` (150).
pub const SYS_MUNLOCK: usize = 150;
/// `mlockall` (151).
pub const SYS_MLOCKALL: usize = 151;
/// `munlockall` (152).
pub const SYS_MUNLOCKALL: usize = 152;
/// `vhangup` (153).
pub const SYS_VHANGUP: usize = 153;
/// `modify_ldt` (154).
pub const SYS_MODIFY_LDT: usize = 154;
/// `pivot_root` (155).
pub const SYS_PIVOT_ROOT: usize = 155;
/// `_sysctl` (156).
pub const SYS__SYSCTL: usize = 156;
/// `prctl` (157).
pub const SYS_PRCTL: usize = 157;
/// `arch_prctl` (158).
pub const SYS_ARCH_PRCTL: usize = 158;
/// `adjtimex` (159).
pub const SYS_ADJTIMEX: usize = 159;
/// `setrlimit` (160).
pub const SYS_SETRLIMIT: usize = 160;
/// `chroot` (161).
pub const SYS_CHROOT: usize = 161;
/// `sync` (162).
pub const SYS_SYNC: usize = 162;
/// `acct` (163).
pub const SYS_ACCT: usize = 163;
/// `settimeofday` (164).
pub const SYS_SETTIMEOFDAY: usize = 164;
/// `mount` (165).
pub const SYS_MOUNT: usize = 165;
/// `umount2` (166).
pub const SYS_UMOUNT2: usize = 166;
/// `swapon` (167).
pub const SYS_SWAPON: usize = 167;
/// `swapoff` (168).
pub const SYS_SWAPOFF: usize = 168;
/// `reboot` (169).
pub const SYS_REBOOT: usize = 169;
/// `sethostname` (170).
pub const SYS_SETHOSTNAME: usize = 170;
/// `setdomainname` (171).
pub const SYS_SETDOMAINNAME: usize = 171;
/// `iopl` (172).
pub const SYS_IOPL: usize = 172;
/// `ioperm` (173).
pub const SYS_IOPERM: usize = 173;
/// `create_module` (174).
pub const SYS_CREATE_MODULE: usize = 174;
/// `init_module` (175).
pub const SYS_INIT_MODULE: usize = 175;
/// `delete_module` (176).
pub const SYS_DELETE_MODULE: usize = 176;
/// `get_kernel_syms` (177).
pub const SYS_GET_KERNEL_SYMS: usize = 177;
/// `query_module` (178).
pub const SYS_QUERY_MODULE: usize = 178;
/// `quotactl` (179).
pub const SYS_QUOTACTL: usize = 179;
/// `nfsservctl` (180).
pub const SYS_NFSSERVCTL: usize = 180;
/// `getpmsg` (181).
pub const SYS_GETPMSG: usize = 181;
/// `putpmsg` (182).
pub const SYS_PUTPMSG: usize = 182;
/// `afs_syscall` (183).
pub const SYS_AFS_SYSCALL: usize = 183;
/// `tuxcall` (184).
pub const SYS_TUXCALL: usize = 184;
/// `security` (185).
pub const SYS_SECURITY: usize = 185;
/// `gettid` (186).
pub const SYS_GETTID: usize = 186;
/// `readahead` (187).
pub const SYS_READAHEAD: usize = 187;
/// `setxattr` (188).
pub const SYS_SETXATTR: usize = 188;
/// `lsetxattr` (189).
pub const SYS_LSETXATTR: usize = 189;
/// `fsetxattr` (190).
pub const SYS_FSETXATTR: usize = 190;
/// `getxattr` (191).
pub const SYS_GETXATTR: usize = 191;
/// `lgetxattr` (192).
pub const SYS_LGETXATTR: usize = 192;
/// `fgetxattr` (193).
pub const SYS_FGETXATTR: usize = 193;
/// `listxattr` (194).
pub const SYS_LISTXATTR: usize = 194;
/// `llistxattr` (195).
pub const SYS_LLISTXATTR: usize = 195;
/// `flistxattr` (196).
pub const SYS_FLISTXATTR: usize = 196;
/// `removexattr` (197).
pub const SYS_REMOVEXATTR: usize = 197;
/// `lremovexattr` (198).
pub const SYS_LREMOVEXATTR: usize = 198;
/// `fremovexattr` (199).
pub const SYS_FREMOVEXATTR: usize = 199;
/// `tkill` (200).
pub const SYS_TKILL: usize = 200;
/// `time` (201).
pub const SYS_TIME: usize = 201;
/// `futex` (202).
pub const SYS_FUTEX: usize = 202;
/// `sched_setaffinity` (203).
pub const SYS_SCHED_SETAFFINITY: usize = 203;
/// `sched_getaffinity` (204).
pub const SYS_SCHED_GETAFFINITY: usize = 204;
/// `set_thread_area` (205).
pub const SYS_SET_THREAD_AREA: usize = 205;
/// `io_setup` (206).
pub const SYS_IO_SETUP: usize = 206;
/// `io_destroy` (207).
pub const SYS_IO_DESTROY: usize = 207;
/// `io_getevents` (208).
pub const SYS_IO_GETEVENTS: usize = 208;
/// `io_submit` (209).
pub const SYS_IO_SUBMIT: usize = 209;
/// `io_cancel` (210).
pub const SYS_IO_CANCEL: usize = 210;
/// `get_thread_area` (211).
pub const SYS_GET_THREAD_AREA: usize = 211;
/// `lookup_dcookie` (212).
pub const SYS_LOOKUP_DCOOKIE: usize = 212;
/// `epoll_create` (213).
pub const SYS_EPOLL_CREATE: usize = 213;
/// `epoll_ctl_old` (214).
pub const SYS_EPOLL_CTL_OLD: usize = 214;
/// `epoll_wait_old` (215).
pub const SYS_EPOLL_WAIT_OLD: usize = 215;
/// `remap_file_pages` (216).
pub const SYS_REMAP_FILE_PAGES: usize = 216;
/// `getdents64` (217).
pub const SYS_GETDENTS64: usize = 217;
/// `set_tid_address` (218).
pub const SYS_SET_TID_ADDRESS: usize = 218;
/// `restart_syscall` (219).
pub const SYS_RESTART_SYSCALL: usize = 219;
/// `semtimedop` (220).
pub const SYS_SEMTIMEDOP: usize = 220;
/// `fadvise64` (221).
pub const SYS_FADVISE64: usize = 221;
/// `timer_create` (222).
pub const SYS_TIMER_CREATE: usize = 222;
/// `timer_settime` (223).
pub const SYS_TIMER_SETTIME: usize = 223;
/// `timer_gettime` (224).
pub const SYS_TIMER_GETTIME: usize = 224;
/// `timer_getoverrun` (225).
pub const SYS_TIMER_GETOVERRUN: usize = 225;
/// `timer_delete` (226).
pub const SYS_TIMER_DELETE: usize = 226;
/// `clock_settime` (227).
pub const SYS_CLOCK_SETTIME: usize = 227;
/// `clock_gettime` (228).
pub const SYS_CLOCK_GETTIME: usize = 228;
/// `clock_getres` (229).
pub const SYS_CLOCK_GETRES: usize = 229;
/// `clock_nanosleep` (230).
pub const SYS_CLOCK_NANOSLEEP: usize = 230;
/// `exit_group` (231).
pub const SYS_EXIT_GROUP: usize = 231;
/// `epoll_wait` (232).
pub const SYS_EPOLL_WAIT: usize = 232;
/// `epoll_ctl` (233).
pub const SYS_EPOLL_CTL: usize = 233;
/// `tgkill` (234).
pub const SYS_TGKILL: usize = 234;
/// `utimes` (235).
pub const SYS_UTIMES: usize = 235;
/// `vserver` (236).
pub const SYS_VSERVER: usize = 236;
/// `mbind` (237).
pub const SYS_MBIND: usize = 237;
/// `set_mempolicy` (238).
pub const SYS_SET_MEMPOLICY: usize = 238;
/// `get_mempolicy` (239).
pub const SYS_GET_MEMPOLICY: usize = 239;
/// `mq_open` (240).
pub const SYS_MQ_OPEN: usize = 240;
/// `mq_unlink` (241).
pub const SYS_MQ_UNLINK: usize = 241;
/// `mq_timedsend` (242).
pub const SYS_MQ_TIMEDSEND: usize = 242;
/// `mq_timedreceive` (243).
pub const SYS_MQ_TIMEDRECEIVE: usize = 243;
/// `mq_notify` (244).
pub const SYS_MQ_NOTIFY: usize = 244;
/// `mq_getsetattr` (245).
pub const SYS_MQ_GETSETATTR: usize = 245;
/// `kexec_load` (246).
pub const SYS_KEXEC_LOAD: usize = 246;
/// `waitid` (247).
pub const SYS_WAITID: usize = 247;
/// `add_key` (248).
pub const SYS_ADD_KEY: usize = 248;
/// `request_key` (249).
pub const SYS_REQUEST_KEY: usize = 249;
/// `keyctl` (250).
pub const SYS_KEYCTL: usize = 250;
/// `ioprio_set` (251).
pub const SYS_IOPRIO_SET: usize = 251;
/// `ioprio_get` (252).
pub const SYS_IOPRIO_GET: usize = 252;
/// `inotify_init` (253).
pub const SYS_INOTIFY_INIT: usize = 253;
/// `inotify_add_watch` (254).
pub const SYS_INOTIFY_ADD_WATCH: usize = 254;
/// `inotify_rm_watch` (255).
pub const SYS_INOTIFY_RM_WATCH: usize = 255;
/// `migrate_pages` (256).
pub const SYS_MIGRATE_PAGES: usize = 256;
/// `openat` (257).
pub const SYS_OPENAT: usize = 257;
/// `mkdirat` (258).
pub const SYS_MKDIRAT: usize = 258;
/// `mknodat` (259).
pub const SYS_MKNODAT: usize = 259;
/// `fchownat` (260).
pub const SYS_FCHOWNAT: usize = 260;
/// `futimesat` (261).
pub const SYS_FUTIMESAT: usize = 261;
/// `newfstatat` (262).
pub const SYS_NEWFSTATAT: usize = 262;
/// `unlinkat` (263).
pub const SYS_UNLINKAT: usize = 263;
/// `renameat` (264).
pub const SYS_RENAMEAT: usize = 264;
/// `linkat` (265).
pub const SYS_LINKAT: usize = 265;
/// `symlinkat` (266).
pub const SYS_SYMLINKAT: usize = 266;
/// `readlinkat` (267).
pub const SYS_READLINKAT: usize = 267;
/// `fchmodat` (268).
pub const SYS_FCHMODAT: usize = 268;
/// `faccessat` (269).
pub const SYS_FACCESSAT: usize = 269;
/// `pselect6` (270).
pub const SYS_PSELECT6: usize = 270;
/// `ppoll` (271).
pub const SYS_PPOLL: usize = 271;
/// `unshare` (272).
pub const SYS_UNSHARE: usize = 272;
/// `set_robust_list` (273).
pub const SYS_SET_ROBUST_LIST: usize = 273;
/// `get_robust_list` (274).
pub const SYS_GET_ROBUST_LIST: usize = 274;
/// `splice` (275).
pub const SYS_SPLICE: usize = 275;
/// `tee` (276).
pub const SYS_TEE: usize = 276;
/// `sync_file_range` (277).
pub const SYS_SYNC_FILE_RANGE: usize = 277;
/// `vmsplice` (278).
pub const SYS_VMSPLICE: usize = 278;
/// `move_pages` (279).
pub const SYS_MOVE_PAGES: usize = 279;
/// `utimensat` (280).
pub const SYS_UTIMENSAT: usize = 280;
/// `epoll_pwait` (281).
pub const SYS_EPOLL_PWAIT: usize = 281;
/// `signalfd` (282).
pub const SYS_SIGNALFD: usize = 282;
/// `timerfd_create` (283).
pub const SYS_TIMERFD_CREATE: usize = 283;
/// `eventfd` (284).
pub const SYS_EVENTFD: usize = 284;
/// `fallocate` (285).
pub const SYS_FALLOCATE: usize = 285;
/// `timerfd_settime` (286).
pub const SYS_TIMERFD_SETTIME: usize = 286;
/// `timerfd_gettime` (287).
pub const SYS_TIMERFD_GETTIME: usize = 287;
/// `accept4` (288).
pub const SYS_ACCEPT4: usize = 288;
/// `signalfd4` (289).
pub const SYS_SIGNALFD4: usize = 289;
/// `eventfd2` (290).
pub const SYS_EVENTFD2: usize = 290;
/// `epoll_create1` (291).
pub const SYS_EPOLL_CREATE1: usize = 291;
/// `dup3` (292).
pub const SYS_DUP3: usize = 292;
/// `pipe2` (293).
pub const SYS_PIPE2: usize = 293;
/// `inotify_init1` (294).
pub const SYS_INOTIFY_INIT1: usize = 294;
/// `preadv` (295).
pub const SYS_PREADV: usize = 295;
/// `pwritev` (296).
pub const SYS_PWRITEV: usize = 296;
/// `rt_tgsigqueueinfo` (297).
pub const SYS_RT_TGSIGQUEUEINFO: usize = 297;
/// `perf_event_open` (298).
pub const SYS_PERF_EVENT_OPEN: usize = 298;
/// `recvmmsg` (299).
pub const SYS_RECVMMSG: usize = 299;
/// `fanotify_init` (300).
pub const SYS_FANOTIFY_INIT: usize = 300;
/// `fanotify_mark` (301).
pub const SYS_FANOTIFY_MARK: usize = 301;
/// `prlimit64` (302).
pub const SYS_PRLIMIT64: usize = 302;
/// `name_to_handle_at` (303).
pub const SYS_NAME_TO_HANDLE_AT: usize = 303;
/// `open_by_handle_at` (304).
pub const SYS_OPEN_BY_HANDLE_AT: usize = 304;
/// `clock_adjtime` (305).
pub const SYS_CLOCK_ADJTIME: usize = 305;
/// `syncfs` (306).
pub const SYS_SYNCFS: usize = 306;
/// `sendmmsg` (307).
pub const SYS_SENDMMSG: usize = 307;
/// `setns` (308).
pub const SYS_SETNS: usize = 308;
/// `getcpu` (309).
pub const SYS_GETCPU: usize = 309;
/// `process_vm_readv` (310).
pub const SYS_PROCESS_VM_READV: usize = 310;
/// `process_vm_writev` (311).
pub const SYS_PROCESS_VM_WRITEV: usize = 311;
/// `kcmp` (312).
pub const SYS_KCMP: usize = 312;
/// `finit_module` (313).
pub const SYS_FINIT_MODULE: usize = 313;
/// `sched_setattr` (314).
pub const SYS_SCHED_SETATTR: usize = 314;
/// `sched_getattr` (315).
pub const SYS_SCHED_GETATTR: usize = 315;
/// `renameat2` (316).
pub const SYS_RENAMEAT2: usize = 316;
/// `seccomp` (317).
pub const SYS_SECCOMP: usize = 317;
/// `getrandom` (318).
pub const SYS_GETRANDOM: usize = 318;
/// `memfd_create` (319).
pub const SYS_MEMFD_CREATE: usize = 319;
/// `kexec_file_load` (320).
pub const SYS_KEXEC_FILE_LOAD: usize = 320;
/// `bpf` (321).
pub const SYS_BPF: usize = 321;
/// `execveat` (322).
pub const SYS_EXECVEAT: usize = 322;
/// `userfaultfd` (323).
pub const SYS_USERFAULTFD: usize = 323;
/// `membarrier` (324).
pub const SYS_MEMBARRIER: usize = 324;
/// `mlock2` (325).
pub const SYS_MLOCK2: usize = 325;
/// `copy_file_range` (326).
pub const SYS_COPY_FILE_RANGE: usize = 326;
/// `preadv2` (327).
pub const SYS_PREADV2: usize = 327;
/// `pwritev2` (328).
pub const SYS_PWRITEV2: usize = 328;
/// `pkey_mprotect` (329).
pub const SYS_PKEY_MPROTECT: usize = 329;
/// `pkey_alloc` (330).
pub const SYS_PKEY_ALLOC: usize = 330;
/// `pkey_free` (331).
pub const SYS_PKEY_FREE: usize = 331;
/// `statx` (332).
pub const SYS_STATX: usize = 332;
/// `io_pgetevents` (333).
pub const SYS_IO_PGETEVENTS: usize = 333;
/// `rseq` (334).
pub const SYS_RSEQ: usize = 334;
/// `uretprobe` (335, Linux 6.11+).
pub const SYS_URETPROBE: usize = 335;
/// `uprobe` (336, newer than Linux 6.1).
pub const SYS_UPROBE: usize = 336;
/// `pidfd_send_signal` (424).
pub const SYS_PIDFD_SEND_SIGNAL: usize = 424;
/// `io_uring_setup` (425).
pub const SYS_IO_URING_SETUP: usize = 425;
/// `io_uring_enter` (426).
pub const SYS_IO_URING_ENTER: usize = 426;
/// `io_uring_register` (427).
pub const SYS_IO_URING_REGISTER: usize = 427;
/// `open_tree` (428).
pub const SYS_OPEN_TREE: usize = 428;
/// `move_mount` (429).
pub const SYS_MOVE_MOUNT: usize = 429;
/// `fsopen` (430).
pub const SYS_FSOPEN: usize = 430;
/// `fsconfig` (431).
pub const SYS_FSCONFIG: usize = 431;
/// `fsmount` (432).
pub const SYS_FSMOUNT: usize = 432;
/// `fspick` (433).
pub const SYS_FSPICK: usize = 433;
/// `pidfd_open` (434).
pub const SYS_PIDFD_OPEN: usize = 434;
/// `clone3` (435).
pub const SYS_CLONE3: usize = 435;
/// `close_range` (436).
pub const SYS_CLOSE_RANGE: usize = 436;
/// `openat2` (437).
pub const SYS_OPENAT2: usize = 437;
/// `pidfd_getfd` (438).
pub const SYS_PIDFD_GETFD: usize = 438;
/// `faccessat2` (439).
pub const SYS_FACCESSAT2: usize = 439;
/// `process_madvise` (440).
pub const SYS_PROCESS_MADVISE: usize = 440;
/// `epoll_pwait2` (441).
pub const SYS_EPOLL_PWAIT2: usize = 441;
/// `mount_setattr` (442).
pub const SYS_MOUNT_SETATTR: usize = 442;
/// `quotactl_fd` (443).
pub const SYS_QUOTACTL_FD: usize = 443;
/// `landlock_create_ruleset` (444).
pub const SYS_LANDLOCK_CREATE_RULESET: usize = 444;
/// `landlock_add_rule` (445).
pub const SYS_LANDLOCK_ADD_RULE: usize = 445;
/// `landlock_restrict_self` (446).
pub const SYS_LANDLOCK_RESTRICT_SELF: usize = 446;
/// `memfd_secret` (447).
pub const SYS_MEMFD_SECRET: usize = 447;
/// `process_mrelease` (448).
pub const SYS_PROCESS_MRELEASE: usize = 448;
/// `futex_waitv` (449).
pub const SYS_FUTEX_WAITV: usize = 449;
/// `set_mempolicy_home_node` (450).
pub const SYS_SET_MEMPOLICY_HOME_NODE: usize = 450;
/// `cachestat` (451, Linux 6.5+).
pub const SYS_CACHESTAT: usize = 451;
/// `fchmodat2` (452, Linux 6.6+).
pub const SYS_FCHMODAT2: usize = 452;
/// `map_shadow_stack` (453, Linux 6.6+).
pub const SYS_MAP_SHADOW_STACK: usize = 453;
/// `futex_wake` (454, Linux 6.7+).
pub const SYS_FUTEX_WAKE: usize = 454;
/// `futex_wait` (455, Linux 6.7+).
pub const SYS_FUTEX_WAIT: usize = 455;
/// `futex_requeue` (456, Linux 6.7+).
pub const SYS_FUTEX_REQUEUE: usize = 456;
/// `statmount` (457, Linux 6.8+).
pub const SYS_STATMOUNT: usize = 457;
/// `listmount` (458, Linux 6.8+).
pub const SYS_LISTMOUNT: usize = 458;
/// `lsm_get_self_attr` (459, Linux 6.8+).
pub const SYS_LSM_GET_SELF_ATTR: usize = 459;
/// `lsm_set_self_attr` (460, Linux 6.8+).
pub const SYS_LSM_SET_SELF_ATTR: usize = 460;
/// `lsm_list_modules` (461, Linux 6.8+).
pub const SYS_LSM_LIST_MODULES: usize = 461;
/// `mseal` (462, Linux 6.10+).
pub const SYS_MSEAL: usize = 462;
/// `setxattrat` (463, Linux 6.13+).
pub const SYS_SETXATTRAT: usize = 463;
/// `getxattrat` (464, Linux 6.13+).
pub const SYS_GETXATTRAT: usize = 464;
/// `listxattrat` (465, Linux 6.13+).
pub const SYS_LISTXATTRAT: usize = 465;
/// `removexattrat` (466, Linux 6.13+).
pub const SYS_REMOVEXATTRAT: usize = 466;
/// `open_tree_attr` (467, Linux 6.15+).
pub const SYS_OPEN_TREE_ATTR: usize = 467;
/// `file_getattr` (468, Linux 6.17+).
pub const SYS_FILE_GETATTR: usize = 468;
/// `file_setattr` (469, Linux 6.17+).
pub const SYS_FILE_SETATTR: usize = 469;
/// `listns` (470, Linux 6.18+).
pub const SYS_LISTNS: usize = 470;

/// Every Linux x86_64 system call as `(number, name)`, sorted by number, no duplicates.
pub const SYSCALL_NAMES: &[(usize, &str)] = &[
    (SYS_READ, "read"),
    (SYS_WRITE, "write"),
    (SYS_OPEN, "open"),
    (SYS_CLOSE, "close"),
    (SYS_STAT, "stat"),
    (SYS_FSTAT, "fstat"),
    (SYS_LSTAT, "lstat"),
    (SYS_POLL, "poll"),
    (SYS_LSEEK, "lseek"),
    (SYS_MMAP, "mmap"),
    (SYS_MPROTECT, "mprotect"),
    (SYS_MUNMAP, "munmap"),
    (SYS_BRK, "brk"),
    (SYS_RT_SIGACTION, "rt_sigaction"),
    (SYS_RT_SIGPROCMASK, "rt_sigprocmask"),
    (SYS_RT_SIGRETURN, "rt_sigreturn"),
    (SYS_IOCTL, "ioctl"),
    (SYS_PREAD64, "pread64"),
    (SYS_PWRITE64, "pwrite64"),
    (SYS_READV, "readv"),
    (SYS_WRITEV, "writev"),
    (SYS_ACCESS, "access"),
    (SYS_PIPE, "pipe"),
    (SYS_SELECT, "select"),
    (SYS_SCHED_YIELD, "sched_yield"),
    (SYS_MREMAP, "mremap"),
    (SYS_MSYNC, "msync"),
    (SYS_MINCORE, "mincore"),
    (SYS_MADVISE, "madvise"),
    (SYS_SHMGET, "shmget"),
    (SYS_SHMAT, "shmat"),
    (SYS_SHMCTL, "shmctl"),
    (SYS_DUP, "dup"),
    (SYS_DUP2, "dup2"),
    (SYS_PAUSE, "pause"),
    (SYS_NANOSLEEP, "nanosleep"),
    (SYS_GETITIMER, "getitimer"),
    (SYS_ALARM, "alarm"),
    (SYS_SETITIMER, "setitimer"),
    (SYS_GETPID, "getpid"),
    (SYS_SENDFILE, "sendfile"),
    (SYS_SOCKET, "socket"),
    (SYS_CONNECT, "connect"),
    (SYS_ACCEPT, "accept"),
    (SYS_SENDTO, "sendto"),
    (SYS_RECVFROM, "recvfrom"),
    (SYS_SENDMSG, "sendmsg"),
    (SYS_RECVMSG, "recvmsg"),
    (SYS_SHUTDOWN, "shutdown"),
    (SYS_BIND, "bind"),
    (SYS_LISTEN, "listen"),
    (SYS_GETSOCKNAME, "getsockname"),
    (SYS_GETPEERNAME, "getpeername"),
    (SYS_SOCKETPAIR, "socketpair"),
    (SYS_SETSOCKOPT, "setsockopt"),
    (SYS_GETSOCKOPT, "getsockopt"),
    (SYS_CLONE, "clone"),
    (SYS_FORK, "fork"),
    (SYS_VFORK, "vfork"),
    (SYS_EXECVE, "execve"),
    (SYS_EXIT, "exit"),
    (SYS_WAIT4, "wait4"),
    (SYS_KILL, "kill"),
    (SYS_UNAME, "uname"),
    (SYS_SEMGET, "semget"),
    (SYS_SEMOP, "semop"),
    (SYS_SEMCTL, "semctl"),
    (SYS_SHMDT, "shmdt"),
    (SYS_MSGGET, "msgget"),
    (SYS_MSGSND, "msgsnd"),
    (SYS_MSGRCV, "msgrcv"),
    (SYS_MSGCTL, "msgctl"),
    (SYS_FCNTL, "fcntl"),
    (SYS_FLOCK, "flock"),
    (SYS_FSYNC, "fsync"),
    (SYS_FDATASYNC, "fdatasync"),
    (SYS_TRUNCATE, "truncate"),
    (SYS_FTRUNCATE, "ftruncate"),
    (SYS_GETDENTS, "getdents"),
    (SYS_GETCWD, "getcwd"),
    (SYS_CHDIR, "chdir"),
    (SYS_FCHDIR, "fchdir"),
    (SYS_RENAME, "rename"),
    (SYS_MKDIR, "mkdir"),
    (SYS_RMDIR, "rmdir"),
    (SYS_CREAT, "creat"),
    (SYS_LINK, "link"),
    (SYS_UNLINK, "unlink"),
    (SYS_SYMLINK, "symlink"),
    (SYS_READLINK, "readlink"),
    (SYS_CHMOD, "chmod"),
    (SYS_FCHMOD, "fchmod"),
    (SYS_CHOWN, "chown"),
    (SYS_FCHOWN, "fchown"),
    (SYS_LCHOWN, "lchown"),
    (SYS_UMASK, "umask"),
    (SYS_GETTIMEOFDAY, "gettimeofday"),
    (SYS_GETRLIMIT, "getrlimit"),
    (SYS_GETRUSAGE, "getrusage"),
    (SYS_SYSINFO, "sysinfo"),
    (SYS_TIMES, "times"),
    (SYS_PTRACE, "ptrace"),
    (SYS_GETUID, "getuid"),
    (SYS_SYSLOG, "syslog"),
    (SYS_GETGID, "getgid"),
    (SYS_SETUID, "setuid"),
    (SYS_SETGID, "setgid"),
    (SYS_GETEUID, "geteuid"),
    (SYS_GETEGID, "getegid"),
    (SYS_SETPGID, "setpgid"),
    (SYS_GETPPID, "getppid"),
    (SYS_GETPGRP, "getpgrp"),
    (SYS_SETSID, "setsid"),
    (SYS_SETREUID, "setreuid"),
    (SYS_SETREGID, "setregid"),
    (SYS_GETGROUPS, "getgroups"),
    (SYS_SETGROUPS, "setgroups"),
    (SYS_SETRESUID, "setresuid"),
    (SYS_GETRESUID, "getresuid"),
    (SYS_SETRESGID, "setresgid"),
    (SYS_GETRESGID, "getresgid"),
    (SYS_GETPGID, "getpgid"),
    (SYS_SETFSUID, "setfsuid"),
    (SYS_SETFSGID, "setfsgid"),
    (SYS_GETSID, "getsid"),
    (SYS_CAPGET, "capget"),
    (SYS_CAPSET, "capset"),
    (SYS_RT_SIGPENDING, "rt_sigpending"),
    (SYS_RT_SIGTIMEDWAIT, "rt_sigtimedwait"),
    (SYS_RT_SIGQUEUEINFO, "rt_sigqueueinfo"),
    (SYS_RT_SIGSUSPEND, "rt_sigsuspend"),
    (SYS_SIGALTSTACK, "sigaltstack"),
    (SYS_UTIME, "utime"),
    (SYS_MKNOD, "mknod"),
    (SYS_USELIB, "uselib"),
    (SYS_PERSONALITY, "personality"),
    (SYS_USTAT, "ustat"),
    (SYS_STATFS, "statfs"),
    (SYS_FSTATFS, "fstatfs"),
    (SYS_SYSFS, "sysfs"),
    (SYS_GETPRIORITY, "getpriority"),
    (SYS_SETPRIORITY, "setpriority"),
    (SYS_SCHED_SETPARAM, "sched_setparam"),
    (SYS_SCHED_GETPARAM, "sched_getparam"),
    (SYS_SCHED_SETSCHEDULER, "sched_setscheduler"),
    (SYS_SCHED_GETSCHEDULER, "sched_getscheduler"),
    (SYS_SCHED_GET_PRIORITY_MAX, "sched_get_priority_max"),
    (SYS_SCHED_GET_PRIORITY_MIN, "sched_get_priority_min"),
    (SYS_SCHED_RR_GET_INTERVAL, "sched_rr_get_interval"),
    (SYS_MLOCK, "mlock"),
    (SYS_MUNLOCK, "munlock"),
    (SYS_MLOCKALL, "mlockall"),
    (SYS_MUNLOCKALL, "munlockall"),
    (SYS_VHANGUP, "vhangup"),
    (SYS_MODIFY_LDT, "modify_ldt"),
    (SYS_PIVOT_ROOT, "pivot_root"),
    (SYS__SYSCTL, "_sysctl"),
    (SYS_PRCTL, "prctl"),
    (SYS_ARCH_PRCTL, "arch_prctl"),
    (SYS_ADJTIMEX, "adjtimex"),
    (SYS_SETRLIMIT, "setrlimit"),
    (SYS_CHROOT, "chroot"),
    (SYS_SYNC, "sync"),
    (SYS_ACCT, "acct"),
    (SYS_SETTIMEOFDAY, "settimeofday"),
    (SYS_MOUNT, "mount"),
    (SYS_UMOUNT2, "umount2"),
    (SYS_SWAPON, "swapon"),
    (SYS_SWAPOFF, "swapoff"),
    (SYS_REBOOT, "reboot"),
    (SYS_SETHOSTNAME, "sethostname"),
    (SYS_SETDOMAINNAME, "setdomainname"),
    (SYS_IOPL, "iopl"),
    (SYS_IOPERM, "ioperm"),
    (SYS_CREATE_MODULE, "create_module"),
    (SYS_INIT_MODULE, "init_module"),
    (SYS_DELETE_MODULE, "delete_module"),
    (SYS_GET_KERNEL_SYMS, "get_kernel_syms"),
    (SYS_QUERY_MODULE, "query_module"),
    (SYS_QUOTACTL, "quotactl"),
    (SYS_NFSSERVCTL, "nfsservctl"),
    (SYS_GETPMSG, "getpmsg"),
    (SYS_PUTPMSG, "putpmsg"),
    (SYS_AFS_SYSCALL, "afs_syscall"),
    (SYS_TUXCALL, "tuxcall"),
    (SYS_SECURITY, "security"),
    (SYS_GETTID, "gettid"),
    (SYS_READAHEAD, "readahead"),
    (SYS_SETXATTR, "setxattr"),
    (SYS_LSETXATTR, "lsetxattr"),
    (SYS_FSETXATTR, "fsetxattr"),
    (SYS_GETXATTR, "getxattr"),
    (SYS_LGETXATTR, "lgetxattr"),
    (SYS_FGETXATTR, "fgetxattr"),
    (SYS_LISTXATTR, "listxattr"),
    (SYS_LLISTXATTR, "llistxattr"),
    (SYS_FLISTXATTR, "flistxattr"),
    (SYS_REMOVEXATTR, "removexattr"),
    (SYS_LREMOVEXATTR, "lremovexattr"),
    (SYS_FREMOVEXATTR, "fremovexattr"),
    (SYS_TKILL, "tkill"),
    (SYS_TIME, "time"),
    (SYS_FUTEX, "futex"),
    (SYS_SCHED_SETAFFINITY, "sched_setaffinity"),
    (SYS_SCHED_GETAFFINITY, "sched_getaffinity"),
    (SYS_SET_THREAD_AREA, "set_thread_area"),
    (SYS_IO_SETUP, "io_setup"),
    (SYS_IO_DESTROY, "io_destroy"),
    (SYS_IO_GETEVENTS, "io_getevents"),
    (SYS_IO_SUBMIT, "io_submit"),
    (SYS_IO_CANCEL, "io_cancel"),
    (SYS_GET_THREAD_AREA, "get_thread_area"),
    (SYS_LOOKUP_DCOOKIE, "lookup_dcookie"),
    (SYS_EPOLL_CREATE, "epoll_create"),
    (SYS_EPOLL_CTL_OLD, "epoll_ctl_old"),
    (SYS_EPOLL_WAIT_OLD, "epoll_wait_old"),
    (SYS_REMAP_FILE_PAGES, "remap_file_pages"),
    (SYS_GETDENTS64, "getdents64"),
    (SYS_SET_TID_ADDRESS, "set_tid_address"),
    (SYS_RESTART_SYSCALL, "restart_syscall"),
    (SYS_SEMTIMEDOP, "semtimedop"),
    (SYS_FADVISE64, "fadvise64"),
    (SYS_TIMER_CREATE, "timer_create"),
    (SYS_TIMER_SETTIME, "timer_settime"),
    (SYS_TIMER_GETTIME, "timer_gettime"),
    (SYS_TIMER_GETOVERRUN, "timer_getoverrun"),
    (SYS_TIMER_DELETE, "timer_delete"),
    (SYS_CLOCK_SETTIME, "clock_settime"),
    (SYS_CLOCK_GETTIME, "clock_gettime"),
    (SYS_CLOCK_GETRES, "clock_getres"),
    (SYS_CLOCK_NANOSLEEP, "clock_nanosleep"),
    (SYS_EXIT_GROUP, "exit_group"),
    (SYS_EPOLL_WAIT, "epoll_wait"),
    (SYS_EPOLL_CTL, "epoll_ctl"),
    (SYS_TGKILL, "tgkill"),
    (SYS_UTIMES, "utimes"),
    (SYS_VSERVER, "vserver"),
    (SYS_MBIND, "mbind"),
    (SYS_SET_MEMPOLICY, "set_mempolicy"),
    (SYS_GET_MEMPOLICY, "get_mempolicy"),
    (SYS_MQ_OPEN, "mq_open"),
    (SYS_MQ_UNLINK, "mq_unlink"),
    (SYS_MQ_TIMEDSEND, "mq_timedsend"),
    (SYS_MQ_TIMEDRECEIVE, "mq_timedreceive"),
    (SYS_MQ_NOTIFY, "mq_notify"),
    (SYS_MQ_GETSETATTR, "mq_getsetattr"),
    (SYS_KEXEC_LOAD, "kexec_load"),
    (SYS_WAITID, "waitid"),
    (SYS_ADD_KEY, "add_key"),
    (SYS_REQUEST_KEY, "request_key"),
    (SYS_KEYCTL, "keyctl"),
    (SYS_IOPRIO_SET, "ioprio_set"),
    (SYS_IOPRIO_GET, "ioprio_get"),
    (SYS_INOTIFY_INIT, "inotify_init"),
    (SYS_INOTIFY_ADD_WATCH, "inotify_add_watch"),
    (SYS_INOTIFY_RM_WATCH, "inotify_rm_watch"),
    (SYS_MIGRATE_PAGES, "migrate_pages"),
    (SYS_OPENAT, "openat"),
    (SYS_MKDIRAT, "mkdirat"),
    (SYS_MKNODAT, "mknodat"),
    (SYS_FCHOWNAT, "fchownat"),
    (SYS_FUTIMESAT, "futimesat"),
    (SYS_NEWFSTATAT, "newfstatat"),
    (SYS_UNLINKAT, "unlinkat"),
    (SYS_RENAMEAT, "renameat"),
    (SYS_LINKAT, "linkat"),
    (SYS_SYMLINKAT, "symlinkat"),
    (SYS_READLINKAT, "readlinkat"),
    (SYS_FCHMODAT, "fchmodat"),
    (SYS_FACCESSAT, "faccessat"),
    (SYS_PSELECT6, "pselect6"),
    (SYS_PPOLL, "ppoll"),
    (SYS_UNSHARE, "unshare"),
    (SYS_SET_ROBUST_LIST, "set_robust_list"),
    (SYS_GET_ROBUST_LIST, "get_robust_list"),
    (SYS_SPLICE, "splice"),
    (SYS_TEE, "tee"),
    (SYS_SYNC_FILE_RANGE, "sync_file_range"),
    (SYS_VMSPLICE, "vmsplice"),
    (SYS_MOVE_PAGES, "move_pages"),
    (SYS_UTIMENSAT, "utimensat"),
    (SYS_EPOLL_PWAIT, "epoll_pwait"),
    (SYS_SIGNALFD, "signalfd"),
    (SYS_TIMERFD_CREATE, "timerfd_create"),
    (SYS_EVENTFD, "eventfd"),
    (SYS_FALLOCATE, "fallocate"),
    (SYS_TIMERFD_SETTIME, "timerfd_settime"),
    (SYS_TIMERFD_GETTIME, "timerfd_gettime"),
    (SYS_ACCEPT4, "accept4"),
    (SYS_SIGNALFD4, "signalfd4"),
    (SYS_EVENTFD2, "eventfd2"),
    (SYS_EPOLL_CREATE1, "epoll_create1"),
    (SYS_DUP3, "dup3"),
    (SYS_PIPE2, "pipe2"),
    (SYS_INOTIFY_INIT1, "inotify_init1"),
    (SYS_PREADV, "preadv"),
    (SYS_PWRITEV, "pwritev"),
    (SYS_RT_TGSIGQUEUEINFO, "rt_tgsigqueueinfo"),
    (SYS_PERF_EVENT_OPEN, "perf_event_open"),
    (SYS_RECVMMSG, "recvmmsg"),
    (SYS_FANOTIFY_INIT, "fanotify_init"),
    (SYS_FANOTIFY_MARK, "fanotify_mark"),
    (SYS_PRLIMIT64, "prlimit64"),
    (SYS_NAME_TO_HANDLE_AT, "name_to_handle_at"),
    (SYS_OPEN_BY_HANDLE_AT, "open_by_handle_at"),
    (SYS_CLOCK_ADJTIME, "clock_adjtime"),
    (SYS_SYNCFS, "syncfs"),
    (SYS_SENDMMSG, "sendmmsg"),
    (SYS_SETNS, "setns"),
    (SYS_GETCPU, "getcpu"),
    (SYS_PROCESS_VM_READV, "process_vm_readv"),
    (SYS_PROCESS_VM_WRITEV, "process_vm_writev"),
    (SYS_KCMP, "kcmp"),
    (SYS_FINIT_MODULE, "finit_module"),
    (SYS_SCHED_SETATTR, "sched_setattr"),
    (SYS_SCHED_GETATTR, "sched_getattr"),
    (SYS_RENAMEAT2, "renameat2"),
    (SYS_SECCOMP, "seccomp"),
    (SYS_GETRANDOM, "getrandom"),
    (SYS_MEMFD_CREATE, "memfd_create"),
    (SYS_KEXEC_FILE_LOAD, "kexec_file_load"),
    (SYS_BPF, "bpf"),
    (SYS_EXECVEAT, "execveat"),
    (SYS_USERFAULTFD, "userfaultfd"),
    (SYS_MEMBARRIER, "membarrier"),
    (SYS_MLOCK2, "mlock2"),
    (SYS_COPY_FILE_RANGE, "copy_file_range"),
    (SYS_PREADV2, "preadv2"),
    (SYS_PWRITEV2, "pwritev2"),
    (SYS_PKEY_MPROTECT, "pkey_mprotect"),
    (SYS_PKEY_ALLOC, "pkey_alloc"),
    (SYS_PKEY_FREE, "pkey_free"),
    (SYS_STATX, "statx"),
    (SYS_IO_PGETEVENTS, "io_pgetevents"),
    (SYS_RSEQ, "rseq"),
    (SYS_URETPROBE, "uretprobe"),
    (SYS_UPROBE, "uprobe"),
    (SYS_PIDFD_SEND_SIGNAL, "pidfd_send_signal"),
    (SYS_IO_URING_SETUP, "io_uring_setup"),
    (SYS_IO_URING_ENTER, "io_uring_enter"),
    (SYS_IO_URING_REGISTER, "io_uring_register"),
    (SYS_OPEN_TREE, "open_tree"),
    (SYS_MOVE_MOUNT, "move_mount"),
    (SYS_FSOPEN, "fsopen"),
    (SYS_FSCONFIG, "fsconfig"),
    (SYS_FSMOUNT, "fsmount"),
    (SYS_FSPICK, "fspick"),
    (SYS_PIDFD_OPEN, "pidfd_open"),
    (SYS_CLONE3, "clone3"),
    (SYS_CLOSE_RANGE, "close_range"),
    (SYS_OPENAT2, "openat2"),
    (SYS_PIDFD_GETFD, "pidfd_getfd"),
    (SYS_FACCESSAT2, "faccessat2"),
    (SYS_PROCESS_MADVISE, "process_madvise"),
    (SYS_EPOLL_PWAIT2, "epoll_pwait2"),
    (SYS_MOUNT_SETATTR, "mount_setattr"),
    (SYS_QUOTACTL_FD, "quotactl_fd"),
    (SYS_LANDLOCK_CREATE_RULESET, "landlock_create_ruleset"),
    (SYS_LANDLOCK_ADD_RULE, "landlock_add_rule"),
    (SYS_LANDLOCK_RESTRICT_SELF, "landlock_restrict_self"),
    (SYS_MEMFD_SECRET, "memfd_secret"),
    (SYS_PROCESS_MRELEASE, "process_mrelease"),
    (SYS_FUTEX_WAITV, "futex_waitv"),
    (SYS_SET_MEMPOLICY_HOME_NODE, "set_mempolicy_home_node"),
    (SYS_CACHESTAT, "cachestat"),
    (SYS_FCHMODAT2, "fchmodat2"),
    (SYS_MAP_SHADOW_STACK, "map_shadow_stack"),
    (SYS_FUTEX_WAKE, "futex_wake"),
    (SYS_FUTEX_WAIT, "futex_wait"),
    (SYS_FUTEX_REQUEUE, "futex_requeue"),
    (SYS_STATMOUNT, "statmount"),
    (SYS_LISTMOUNT, "listmount"),
    (SYS_LSM_GET_SELF_ATTR, "lsm_get_self_attr"),
    (SYS_LSM_SET_SELF_ATTR, "lsm_set_self_attr"),
    (SYS_LSM_LIST_MODULES, "lsm_list_modules"),
    (SYS_MSEAL, "mseal"),
    (SYS_SETXATTRAT, "setxattrat"),
    (SYS_GETXATTRAT, "getxattrat"),
    (SYS_LISTXATTRAT, "listxattrat"),
    (SYS_REMOVEXATTRAT, "removexattrat"),
    (SYS_OPEN_TREE_ATTR, "open_tree_attr"),
    (SYS_FILE_GETATTR, "file_getattr"),
    (SYS_FILE_SETATTR, "file_setattr"),
    (SYS_LISTNS, "listns"),
];
