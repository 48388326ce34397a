//! File access rules: the mode-bit check of Linux's `generic_permission`
//! (fs/namei.c) with the file capabilities of a file-system uid 0, the
//! sticky-directory rule of `may_delete`, and the owner rules of chmod(2),
//! chown(2) and utimensat(2) (fs/attr.c, fs/utimes.c).

use crate::{Credentials, Gid, Uid, NO_ID};
use abi::errno::{EACCES, EPERM};
use abi::flags::stat::{S_IFDIR, S_IFMT, S_ISGID, S_ISUID, S_ISVTX};

/// Execute (files) or search (directories) permission.
pub const MAY_EXEC: u32 = 1;
/// Write permission.
pub const MAY_WRITE: u32 = 2;
/// Read permission.
pub const MAY_READ: u32 = 4;

/// The owner and mode of an inode, as the checks need them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Owner {
    /// `st_mode`: type and permission bits.
    pub mode: u32,
    /// Owner.
    pub uid: Uid,
    /// Group.
    pub gid: Gid,
}

impl Owner {
    fn is_dir(&self) -> bool {
        self.mode & S_IFMT == S_IFDIR
    }
}

/// What chown(2) changes: the new mode (set-id bits cleared) and ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chown {
    /// New `st_mode`.
    pub mode: u32,
    /// New owner.
    pub uid: Uid,
    /// New group.
    pub gid: Gid,
}

impl Credentials {
    /// May this process access a file as `mask` (MAY_READ | MAY_WRITE |
    /// MAY_EXEC)? The owner class applies if fsuid is the owner, else the
    /// group class if the file's group is one of ours, else the other
    /// class. With fsuid 0 (CAP_DAC_OVERRIDE) everything is allowed except
    /// executing a non-directory that has no execute bit. `Err(EACCES)`.
    pub fn may_access(&self, file: Owner, mask: u32) -> Result<(), i32> {
        let bits = if self.fsuid == file.uid {
            file.mode >> 6
        } else if self.in_group(file.gid) {
            file.mode >> 3
        } else {
            file.mode
        } & 7;
        if bits & mask == mask {
            return Ok(());
        }
        if self.fs_privileged() && (mask & MAY_EXEC == 0 || file.is_dir() || file.mode & 0o111 != 0) {
            return Ok(());
        }
        Err(EACCES)
    }

    /// The credentials access(2) and faccessat(2) without AT_EACCESS
    /// check with, for the path walk and the file alike: these, with the
    /// real ids as file-system ids (Linux `access_override_creds`).
    pub fn for_access(&self) -> Credentials {
        Credentials { fsuid: self.uid, fsgid: self.gid, ..self.clone() }
    }

    /// True if this process owns the file or has CAP_FOWNER
    /// (`inode_owner_or_capable`).
    pub fn owns(&self, file: Owner) -> bool {
        self.fsuid == file.uid || self.fs_privileged()
    }

    /// May this process remove or rename an entry for `victim` from the
    /// directory `dir`? Needs write and search permission on `dir`; in a
    /// sticky directory also to own `victim` or `dir` (or CAP_FOWNER).
    /// `Err(EACCES)` or `Err(EPERM)` (the sticky rule), as `may_delete`.
    pub fn may_delete(&self, dir: Owner, victim: Owner) -> Result<(), i32> {
        self.may_access(dir, MAY_WRITE | MAY_EXEC)?;
        if dir.mode & S_ISVTX != 0 && self.fsuid != victim.uid && self.fsuid != dir.uid && !self.fs_privileged() {
            return Err(EPERM);
        }
        Ok(())
    }

    /// The mode chmod(2) sets: only the owner (or CAP_FOWNER) may change
    /// it (`Err(EPERM)`); a caller outside the file's group without
    /// CAP_FSETID loses the set-group-id bit. `perm` holds the 12 low bits.
    pub fn chmod(&self, file: Owner, perm: u32) -> Result<u32, i32> {
        if !self.owns(file) {
            return Err(EPERM);
        }
        let mut perm = perm & 0o7777;
        if !self.in_group(file.gid) && !self.fs_privileged() {
            perm &= !S_ISGID;
        }
        Ok((file.mode & S_IFMT) | perm)
    }

    /// The result of chown(2) to `uid`, `gid` ([`NO_ID`]: unchanged).
    /// Changing the owner needs CAP_CHOWN (fsuid 0 here) unless it
    /// stays the same and we own the file; changing the group needs
    /// CAP_CHOWN, or owning the file and being in the new group
    /// (`Err(EPERM)`). On a non-directory the set-user-id bit is cleared,
    /// and the set-group-id bit when group execute is set, whoever asks.
    pub fn chown(&self, file: Owner, uid: Uid, gid: Gid) -> Result<Chown, i32> {
        let cap_chown = self.fs_privileged();
        if uid != NO_ID && !(cap_chown || (self.fsuid == file.uid && uid == file.uid)) {
            return Err(EPERM);
        }
        if gid != NO_ID && !(cap_chown || (self.fsuid == file.uid && (self.in_group(gid) || gid == file.gid))) {
            return Err(EPERM);
        }
        let mut mode = file.mode;
        if !file.is_dir() {
            mode &= !S_ISUID;
            if mode & (S_ISGID | 0o010) == (S_ISGID | 0o010) {
                mode &= !S_ISGID;
            }
        }
        Ok(Chown {
            mode,
            uid: if uid == NO_ID { file.uid } else { uid },
            gid: if gid == NO_ID { file.gid } else { gid },
        })
    }

    /// May this process set a file's times (utimensat(2))? To the current
    /// time (`to_now`): the owner, CAP_FOWNER or write permission
    /// (`Err(EACCES)`); to given times: the owner or CAP_FOWNER
    /// (`Err(EPERM)`).
    pub fn may_set_times(&self, file: Owner, to_now: bool) -> Result<(), i32> {
        if self.owns(file) {
            return Ok(());
        }
        if to_now {
            return self.may_access(file, MAY_WRITE);
        }
        Err(EPERM)
    }

    /// Owner, group and mode of a new inode made by this process in
    /// directory `dir` with permission bits `perm` (umask applied by the
    /// caller): owned by fsuid; in a set-group-id directory the group is
    /// the directory's and a new directory inherits the bit; otherwise the
    /// group is fsgid. A set-group-id bit (with group execute) on a new
    /// file whose group we are not in is dropped without CAP_FSETID
    /// (Linux 6.1 `inode_init_owner`, `mode_strip_sgid`).
    pub fn new_inode(&self, dir: Owner, kind: u32, perm: u32) -> Owner {
        let mut mode = kind | (perm & 0o7777);
        let gid = if dir.mode & S_ISGID != 0 {
            if kind == S_IFDIR {
                mode |= S_ISGID;
            }
            dir.gid
        } else {
            self.fsgid
        };
        let sgid_exec = S_ISGID | 0o010;
        if kind != S_IFDIR && mode & sgid_exec == sgid_exec && !self.in_group(gid) && !self.fs_privileged() {
            mode &= !S_ISGID;
        }
        Owner { mode, uid: self.fsuid, gid }
    }
}
