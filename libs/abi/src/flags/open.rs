//! File descriptor flags: `open` flags (`O_*`), `*at()` flags (`AT_*`),
//! `fcntl` commands (`F_*`, `FD_CLOEXEC`), `lseek` whence (`SEEK_*`) and
//! `renameat2` flags.
//!
//! Sources: `include/uapi/asm-generic/fcntl.h` (x86_64 uses the generic
//! values), `include/uapi/linux/fcntl.h`, `include/uapi/linux/fs.h`.
//!
//! Octal literals are kept where Linux writes them in octal, so they can be
//! compared with the headers at a glance.

// ---- open(2) flags ----

/// Mask of the access mode bits (`O_RDONLY`, `O_WRONLY`, `O_RDWR`).
pub const O_ACCMODE: u32 = 0o3;
/// Open for reading only.
pub const O_RDONLY: u32 = 0o0;
/// Open for writing only.
pub const O_WRONLY: u32 = 0o1;
/// Open for reading and writing.
pub const O_RDWR: u32 = 0o2;
/// Create the file if it does not exist.
pub const O_CREAT: u32 = 0o100;
/// With `O_CREAT`: fail with `EEXIST` if the file exists.
pub const O_EXCL: u32 = 0o200;
/// Do not make a terminal the controlling terminal.
pub const O_NOCTTY: u32 = 0o400;
/// Truncate a regular file to length 0.
pub const O_TRUNC: u32 = 0o1000;
/// Every write appends at the end of the file.
pub const O_APPEND: u32 = 0o2000;
/// Non-blocking I/O.
pub const O_NONBLOCK: u32 = 0o4000;
/// Same as [`O_NONBLOCK`].
pub const O_NDELAY: u32 = O_NONBLOCK;
/// Synchronised data integrity writes.
pub const O_DSYNC: u32 = 0o10000;
/// Signal-driven I/O (`FASYNC`).
pub const O_ASYNC: u32 = 0o20000;
/// Direct I/O hint (bypass the page cache).
pub const O_DIRECT: u32 = 0o40000;
/// Large file offsets. On x86_64 the kernel sets it itself on every open
/// (`force_o_largefile`); glibc passes 0.
pub const O_LARGEFILE: u32 = 0o100000;
/// Fail with `ENOTDIR` unless the path names a directory.
pub const O_DIRECTORY: u32 = 0o200000;
/// Fail with `ELOOP` if the last path component is a symbolic link.
pub const O_NOFOLLOW: u32 = 0o400000;
/// Do not update the access time.
pub const O_NOATIME: u32 = 0o1000000;
/// Set close-on-exec on the new descriptor.
pub const O_CLOEXEC: u32 = 0o2000000;
/// Internal bit of [`O_SYNC`].
pub const __O_SYNC: u32 = 0o4000000;
/// Synchronised file integrity writes.
pub const O_SYNC: u32 = __O_SYNC | O_DSYNC;
/// Descriptor that only names a path (no I/O).
pub const O_PATH: u32 = 0o10000000;
/// Internal bit of [`O_TMPFILE`].
pub const __O_TMPFILE: u32 = 0o20000000;
/// Create an unnamed temporary file in the given directory.
pub const O_TMPFILE: u32 = __O_TMPFILE | O_DIRECTORY;

// ---- *at() flags ----

/// Directory fd meaning "the current working directory" (an `int`).
pub const AT_FDCWD: i32 = -100;
/// Do not follow a final symbolic link.
pub const AT_SYMLINK_NOFOLLOW: u32 = 0x100;
/// `faccessat`: check with the effective ids.
pub const AT_EACCESS: u32 = 0x200;
/// `unlinkat`: remove a directory (same bit as [`AT_EACCESS`]).
pub const AT_REMOVEDIR: u32 = 0x200;
/// `linkat`: follow a final symbolic link.
pub const AT_SYMLINK_FOLLOW: u32 = 0x400;
/// Do not trigger an automount on the final component.
pub const AT_NO_AUTOMOUNT: u32 = 0x800;
/// Operate on the directory fd itself if the path is empty.
pub const AT_EMPTY_PATH: u32 = 0x1000;
/// `statx`: mask of the synchronisation type bits.
pub const AT_STATX_SYNC_TYPE: u32 = 0x6000;
/// `statx`: do what `stat` does.
pub const AT_STATX_SYNC_AS_STAT: u32 = 0x0000;
/// `statx`: force attributes to be synchronised with the server.
pub const AT_STATX_FORCE_SYNC: u32 = 0x2000;
/// `statx`: do not synchronise attributes with the server.
pub const AT_STATX_DONT_SYNC: u32 = 0x4000;
/// Apply to the entire subtree (`open_tree`, `mount_setattr`).
pub const AT_RECURSIVE: u32 = 0x8000;

// ---- renameat2 flags ----

/// Fail with `EEXIST` instead of replacing the target.
pub const RENAME_NOREPLACE: u32 = 1 << 0;
/// Atomically exchange source and target.
pub const RENAME_EXCHANGE: u32 = 1 << 1;
/// Leave a whiteout at the source (overlay file systems).
pub const RENAME_WHITEOUT: u32 = 1 << 2;

// ---- fcntl(2) commands ----

/// Duplicate to the lowest free fd >= arg.
pub const F_DUPFD: u32 = 0;
/// Get the descriptor flags ([`FD_CLOEXEC`]).
pub const F_GETFD: u32 = 1;
/// Set the descriptor flags ([`FD_CLOEXEC`]).
pub const F_SETFD: u32 = 2;
/// Get the file status flags (`O_*`).
pub const F_GETFL: u32 = 3;
/// Set the file status flags (`O_APPEND`, `O_NONBLOCK`, ...).
pub const F_SETFL: u32 = 4;
/// Test a POSIX record lock (`struct flock`).
pub const F_GETLK: u32 = 5;
/// Set a POSIX record lock, non-blocking.
pub const F_SETLK: u32 = 6;
/// Set a POSIX record lock, waiting.
pub const F_SETLKW: u32 = 7;
/// Set the process or group receiving `SIGIO`/`SIGURG`.
pub const F_SETOWN: u32 = 8;
/// Get the process or group receiving `SIGIO`/`SIGURG`.
pub const F_GETOWN: u32 = 9;
/// Set the signal sent for I/O readiness.
pub const F_SETSIG: u32 = 10;
/// Get the signal sent for I/O readiness.
pub const F_GETSIG: u32 = 11;
/// Set the owner (`struct f_owner_ex`).
pub const F_SETOWN_EX: u32 = 15;
/// Get the owner (`struct f_owner_ex`).
pub const F_GETOWN_EX: u32 = 16;
/// Get the owner uids.
pub const F_GETOWNER_UIDS: u32 = 17;
/// Test an open-file-description lock.
pub const F_OFD_GETLK: u32 = 36;
/// Set an open-file-description lock, non-blocking.
pub const F_OFD_SETLK: u32 = 37;
/// Set an open-file-description lock, waiting.
pub const F_OFD_SETLKW: u32 = 38;
/// Base of the Linux-specific commands.
pub const F_LINUX_SPECIFIC_BASE: u32 = 1024;
/// Set a lease.
pub const F_SETLEASE: u32 = F_LINUX_SPECIFIC_BASE;
/// Get the lease type.
pub const F_GETLEASE: u32 = F_LINUX_SPECIFIC_BASE + 1;
/// Directory change notification (dnotify).
pub const F_NOTIFY: u32 = F_LINUX_SPECIFIC_BASE + 2;
/// Cancel a blocked lock request.
pub const F_CANCELLK: u32 = F_LINUX_SPECIFIC_BASE + 5;
/// Like [`F_DUPFD`], and set close-on-exec on the new fd.
pub const F_DUPFD_CLOEXEC: u32 = F_LINUX_SPECIFIC_BASE + 6;
/// Set the capacity of a pipe in bytes.
pub const F_SETPIPE_SZ: u32 = F_LINUX_SPECIFIC_BASE + 7;
/// Get the capacity of a pipe in bytes.
pub const F_GETPIPE_SZ: u32 = F_LINUX_SPECIFIC_BASE + 8;
/// Add file seals (memfd).
pub const F_ADD_SEALS: u32 = F_LINUX_SPECIFIC_BASE + 9;
/// Get file seals (memfd).
pub const F_GET_SEALS: u32 = F_LINUX_SPECIFIC_BASE + 10;

/// Descriptor flag: close the fd on `execve`.
pub const FD_CLOEXEC: u32 = 1;

/// `struct flock` type: shared (read) lock.
pub const F_RDLCK: u32 = 0;
/// `struct flock` type: exclusive (write) lock.
pub const F_WRLCK: u32 = 1;
/// `struct flock` type: unlock.
pub const F_UNLCK: u32 = 2;

/// Seal: prevent further seals.
pub const F_SEAL_SEAL: u32 = 0x0001;
/// Seal: prevent shrinking.
pub const F_SEAL_SHRINK: u32 = 0x0002;
/// Seal: prevent growing.
pub const F_SEAL_GROW: u32 = 0x0004;
/// Seal: prevent writes.
pub const F_SEAL_WRITE: u32 = 0x0008;
/// Seal: prevent future writes while mapped.
pub const F_SEAL_FUTURE_WRITE: u32 = 0x0010;

// ---- lseek(2) whence ----

/// Offset from the start of the file.
pub const SEEK_SET: u32 = 0;
/// Offset from the current position.
pub const SEEK_CUR: u32 = 1;
/// Offset from the end of the file.
pub const SEEK_END: u32 = 2;
/// Next data at or after the offset.
pub const SEEK_DATA: u32 = 3;
/// Next hole at or after the offset.
pub const SEEK_HOLE: u32 = 4;
/// Largest valid whence.
pub const SEEK_MAX: u32 = SEEK_HOLE;
