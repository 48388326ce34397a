//! File types and mode bits (`S_IF*`, permission bits), `statx` request mask
//! bits (`STATX_*`) and `getdents64` file types (`DT_*`).
//!
//! Sources: `include/uapi/linux/stat.h`; the `DT_*` values are those of
//! `include/linux/fs_types.h` (not exported in uapi; glibc's `<dirent.h>` has
//! the same numbers: `DT_* == S_IF* >> 12`).

/// Mask of the file type bits of a mode.
pub const S_IFMT: u32 = 0o170000;
/// Socket.
pub const S_IFSOCK: u32 = 0o140000;
/// Symbolic link.
pub const S_IFLNK: u32 = 0o120000;
/// Regular file.
pub const S_IFREG: u32 = 0o100000;
/// Block device.
pub const S_IFBLK: u32 = 0o060000;
/// Directory.
pub const S_IFDIR: u32 = 0o040000;
/// Character device.
pub const S_IFCHR: u32 = 0o020000;
/// FIFO (named pipe).
pub const S_IFIFO: u32 = 0o010000;
/// Set-user-id on execution.
pub const S_ISUID: u32 = 0o4000;
/// Set-group-id on execution.
pub const S_ISGID: u32 = 0o2000;
/// Sticky bit (restricted deletion in directories).
pub const S_ISVTX: u32 = 0o1000;
/// Owner: read, write, execute.
pub const S_IRWXU: u32 = 0o700;
/// Owner: read.
pub const S_IRUSR: u32 = 0o400;
/// Owner: write.
pub const S_IWUSR: u32 = 0o200;
/// Owner: execute / search.
pub const S_IXUSR: u32 = 0o100;
/// Group: read, write, execute.
pub const S_IRWXG: u32 = 0o070;
/// Group: read.
pub const S_IRGRP: u32 = 0o040;
/// Group: write.
pub const S_IWGRP: u32 = 0o020;
/// Group: execute / search.
pub const S_IXGRP: u32 = 0o010;
/// Others: read, write, execute.
pub const S_IRWXO: u32 = 0o007;
/// Others: read.
pub const S_IROTH: u32 = 0o004;
/// Others: write.
pub const S_IWOTH: u32 = 0o002;
/// Others: execute / search.
pub const S_IXOTH: u32 = 0o001;

/// `statx` mask: `stx_mode & S_IFMT`.
pub const STATX_TYPE: u32 = 0x0000_0001;
/// `statx` mask: `stx_mode & !S_IFMT`.
pub const STATX_MODE: u32 = 0x0000_0002;
/// `statx` mask: `stx_nlink`.
pub const STATX_NLINK: u32 = 0x0000_0004;
/// `statx` mask: `stx_uid`.
pub const STATX_UID: u32 = 0x0000_0008;
/// `statx` mask: `stx_gid`.
pub const STATX_GID: u32 = 0x0000_0010;
/// `statx` mask: `stx_atime`.
pub const STATX_ATIME: u32 = 0x0000_0020;
/// `statx` mask: `stx_mtime`.
pub const STATX_MTIME: u32 = 0x0000_0040;
/// `statx` mask: `stx_ctime`.
pub const STATX_CTIME: u32 = 0x0000_0080;
/// `statx` mask: `stx_ino`.
pub const STATX_INO: u32 = 0x0000_0100;
/// `statx` mask: `stx_size`.
pub const STATX_SIZE: u32 = 0x0000_0200;
/// `statx` mask: `stx_blocks`.
pub const STATX_BLOCKS: u32 = 0x0000_0400;
/// `statx` mask: everything in the classic `struct stat`.
pub const STATX_BASIC_STATS: u32 = 0x0000_07ff;
/// `statx` mask: `stx_btime`.
pub const STATX_BTIME: u32 = 0x0000_0800;
/// `statx` mask: `stx_mnt_id`.
pub const STATX_MNT_ID: u32 = 0x0000_1000;
/// `statx` mask: direct I/O alignment fields.
pub const STATX_DIOALIGN: u32 = 0x0000_2000;
/// `statx` mask: unique `stx_mnt_id` (Linux 6.8+).
pub const STATX_MNT_ID_UNIQUE: u32 = 0x0000_4000;
/// `statx` mask: `stx_subvol` (Linux 6.10+).
pub const STATX_SUBVOL: u32 = 0x0000_8000;
/// `statx` mask: atomic write limits (Linux 6.11+).
pub const STATX_WRITE_ATOMIC: u32 = 0x0001_0000;
/// `statx` mask: `stx_dio_read_offset_align` (Linux 6.14+).
pub const STATX_DIO_READ_ALIGN: u32 = 0x0002_0000;
/// `statx` mask bit reserved for future `struct statx` expansion.
pub const STATX__RESERVED: u32 = 0x8000_0000;

/// `d_type`: unknown.
pub const DT_UNKNOWN: u8 = 0;
/// `d_type`: FIFO.
pub const DT_FIFO: u8 = 1;
/// `d_type`: character device.
pub const DT_CHR: u8 = 2;
/// `d_type`: directory.
pub const DT_DIR: u8 = 4;
/// `d_type`: block device.
pub const DT_BLK: u8 = 6;
/// `d_type`: regular file.
pub const DT_REG: u8 = 8;
/// `d_type`: symbolic link.
pub const DT_LNK: u8 = 10;
/// `d_type`: socket.
pub const DT_SOCK: u8 = 12;
/// `d_type`: whiteout.
pub const DT_WHT: u8 = 14;
