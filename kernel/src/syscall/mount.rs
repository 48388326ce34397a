//! mount(2), umount2(2), statfs(2), fstatfs(2).

use super::fs::{path_arg, start_dir};
use super::{fd_arg, Args};
use crate::arch::traps::TrapFrame;
use crate::errno::{Errno, KResult};
use crate::fs::tmpfs::{FsKind, Inode};
use crate::mm::uaccess::{copy_to_user, read_user_cstr};
use alloc::string::String;
use alloc::sync::Arc;

const AT_FDCWD: i32 = abi::flags::open::AT_FDCWD;
/// Flags a new mount accepts: MS_NOSUID, MS_NODEV and MS_NOEXEC are kept
/// and enforced (`fs::mount::MountFlags`); MS_SYNCHRONOUS, MS_NOATIME,
/// MS_NODIRATIME, MS_SILENT, MS_RELATIME, MS_STRICTATIME change nothing
/// for memory file systems; the magic number 0xC0ED in the top half is
/// ignored, as Linux does. MS_RDONLY and the rest give EINVAL.
const ACCEPTED: u64 = 0x2 | 0x4 | 0x8 | 0x10 | 0x400 | 0x800 | 0x8000 | 0x20_0000 | 0x100_0000 | 0xC0ED_0000;

/// mount(source, target, fstype, flags, data): new tmpfs, devtmpfs and
/// proc mounts; remounts, binds and moves give EINVAL. Errors in Linux's
/// order: EFAULT for the strings, the target's lookup errors, EINVAL for
/// flags, EPERM unless root, ENODEV for an unknown type.
pub fn mount(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let flags = a[3];
    let fstype = String::from_utf8(read_user_cstr(a[2], 255)?).map_err(|_| Errno::ENODEV)?;
    let source = if a[0] == 0 { String::from("none") } else { path_arg(a[0])? };
    let target = path_arg(a[1])?;
    let mountpoint = crate::fs::path::resolve(&start_dir(AT_FDCWD, &target)?, &target, true)?;
    if flags & !ACCEPTED != 0 {
        return Err(Errno::EINVAL);
    }
    super::cred::require_privilege()?;
    let kept = crate::fs::mount::MountFlags::from_bits(flags);
    crate::fs::mount::mount(mountpoint, &source, &fstype, kept)?;
    Ok(0)
}

/// umount2(target, flags): MNT_FORCE, MNT_DETACH and UMOUNT_NOFOLLOW
/// accepted. Errors in Linux's order: EINVAL for flags, the target's
/// lookup errors, EPERM unless root, EINVAL if not a mount point.
pub fn umount2(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    if a[1] & !0xf != 0 {
        return Err(Errno::EINVAL);
    }
    let target = path_arg(a[0])?;
    let root = crate::fs::path::resolve(&start_dir(AT_FDCWD, &target)?, &target, true)?;
    super::cred::require_privilege()?;
    crate::fs::mount::umount(&root)?;
    Ok(0)
}

/// Linux `struct statfs` (x86-64, 120 bytes) for the file system of `inode`.
fn statfs_bytes(inode: &Arc<Inode>) -> [u8; 120] {
    const TMPFS_MAGIC: u64 = 0x0102_1994;
    const PROC_SUPER_MAGIC: u64 = 0x9fa0;
    let stats = crate::mm::frame::stats();
    let (magic, blocks, free) = match inode.fs {
        FsKind::Proc => (PROC_SUPER_MAGIC, 0, 0),
        FsKind::Tmpfs | FsKind::Devtmpfs => (TMPFS_MAGIC, stats.managed_frames, stats.free_frames),
    };
    let mut b = [0u8; 120];
    let mut put = |off: usize, v: u64| b[off..off + 8].copy_from_slice(&v.to_le_bytes());
    put(0, magic); // f_type
    put(8, 4096); // f_bsize
    put(16, blocks); // f_blocks
    put(24, free); // f_bfree
    put(32, free); // f_bavail
    put(40, blocks); // f_files
    put(48, free); // f_ffree
    put(64, 255); // f_namelen
    put(72, 4096); // f_frsize
    b
}

/// statfs(path, buf)
pub fn statfs(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let inode = super::fs::lookup_at(AT_FDCWD, &path_arg(a[0])?, true)?;
    copy_to_user(a[1], &statfs_bytes(&inode))?;
    Ok(0)
}

/// fstatfs(fd, buf)
pub fn fstatfs(a: &Args, _: &mut TrapFrame) -> KResult<u64> {
    let f = crate::proc::current().ok_or(Errno::EBADF)?.fd_table().lock().get(fd_arg(a[0]))?;
    let inode = f.ops.inode().unwrap_or_else(crate::fs::tmpfs::root);
    copy_to_user(a[1], &statfs_bytes(&inode))?;
    Ok(0)
}
