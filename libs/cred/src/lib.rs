//! Process credentials, as Linux's `struct cred` (include/linux/cred.h):
//! real, effective, saved and file-system user and group ids and the
//! supplementary groups, with the rules of the `set*id` calls
//! ([`ids`]) and of file access ([`perm`]).
//!
//! # Design
//!
//! Exo-OS has no capability sets yet, so the capabilities these rules
//! consult are derived from the ids the way a Linux process without file
//! capabilities gets them: an effective uid of 0 holds CAP_SETUID,
//! CAP_SETGID and CAP_KILL; a file-system uid of 0 holds the file
//! capabilities (CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH,
//! CAP_FOWNER, CAP_FSETID), which Linux also drops when fsuid leaves 0
//! (capabilities(7), "Effect of user ID changes on capabilities").
//! The crate is pure logic so that every rule is tested on the host.
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

pub mod ids;
pub mod perm;

use alloc::vec::Vec;

/// A user id.
pub type Uid = u32;
/// A group id.
pub type Gid = u32;

/// The id `(uid_t)-1`: "leave unchanged" for setreuid(2), setresuid(2),
/// chown(2) and their group forms; never a valid id.
pub const NO_ID: u32 = u32::MAX;

/// Most supplementary groups (Linux NGROUPS_MAX).
pub const NGROUPS_MAX: usize = 65536;

/// A process's credentials.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Credentials {
    /// Real user id.
    pub uid: Uid,
    /// Effective user id: what permission checks other than file access use.
    pub euid: Uid,
    /// Saved set-user-id.
    pub suid: Uid,
    /// File-system user id: what file access checks use (follows euid).
    pub fsuid: Uid,
    /// Real group id.
    pub gid: Gid,
    /// Effective group id.
    pub egid: Gid,
    /// Saved set-group-id.
    pub sgid: Gid,
    /// File-system group id.
    pub fsgid: Gid,
    /// Supplementary groups, sorted.
    pub groups: Vec<Gid>,
}

impl Credentials {
    /// Root's credentials (every id 0, no supplementary groups): init's.
    pub fn root() -> Credentials {
        Credentials::default()
    }

    /// Every user id `uid` and every group id `gid`, no supplementary
    /// groups: a process started as that user.
    pub fn user(uid: Uid, gid: Gid) -> Credentials {
        Credentials { uid, euid: uid, suid: uid, fsuid: uid, gid, egid: gid, sgid: gid, fsgid: gid, groups: Vec::new() }
    }

    /// CAP_SETUID, CAP_SETGID, CAP_KILL: effective uid 0.
    pub fn is_privileged(&self) -> bool {
        self.euid == 0
    }

    /// The file capabilities (CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_FOWNER,
    /// CAP_FSETID):
    /// file-system uid 0.
    pub fn fs_privileged(&self) -> bool {
        self.fsuid == 0
    }

    /// True if `gid` is the file-system group or a supplementary group
    /// (Linux `in_group_p`).
    pub fn in_group(&self, gid: Gid) -> bool {
        self.fsgid == gid || self.groups.binary_search(&gid).is_ok()
    }

    /// May this process send a signal to a process with credentials
    /// `target`? kill(2): privileged, or the sender's real or effective
    /// uid equals the target's real or saved uid.
    pub fn may_signal(&self, target: &Credentials) -> bool {
        self.is_privileged()
            || self.euid == target.suid
            || self.euid == target.uid
            || self.uid == target.suid
            || self.uid == target.uid
    }

    /// The credentials after execve(2) of a file with mode `mode` owned by
    /// `owner`: set-user-id gives the owner's uid as effective uid,
    /// set-group-id (with group execute) the group's; then the saved and
    /// file-system ids follow the effective ones (Linux `bprm_fill_uid`,
    /// `commit_creds`).
    pub fn exec(&mut self, mode: u32, owner: (Uid, Gid)) {
        use abi::flags::stat::{S_ISGID, S_ISUID};
        if mode & S_ISUID != 0 {
            self.euid = owner.0;
        }
        if mode & (S_ISGID | 0o010) == (S_ISGID | 0o010) {
            self.egid = owner.1;
        }
        self.suid = self.euid;
        self.fsuid = self.euid;
        self.sgid = self.egid;
        self.fsgid = self.egid;
    }
}
