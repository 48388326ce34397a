//! The rules of the calls that change ids: setuid(2), setgid(2),
//! setreuid(2), setregid(2), setresuid(2), setresgid(2), setfsuid(2),
//! setfsgid(2), setgroups(2), following Linux's kernel/sys.c and
//! kernel/groups.c. Each returns `Err(EPERM)` and leaves the credentials
//! unchanged when the caller may not make the change.

use crate::{Credentials, Gid, Uid, NGROUPS_MAX, NO_ID};
use abi::errno::{EINVAL, EPERM};
use alloc::vec::Vec;

/// The ids of one kind (user or group) as a quadruple, so that the rules
/// are written once for both: (real, effective, saved, file-system).
#[derive(Clone, Copy)]
struct Ids {
    real: u32,
    effective: u32,
    saved: u32,
    fs: u32,
}

/// setuid/setgid: privileged, all four become `id`; otherwise `id` must
/// be the real or saved id and becomes the effective (and fs) id.
/// `EINVAL` for -1.
fn set_one(ids: &mut Ids, id: u32, privileged: bool) -> Result<(), i32> {
    if id == NO_ID {
        return Err(EINVAL);
    }
    if privileged {
        ids.real = id;
        ids.saved = id;
    } else if id != ids.real && id != ids.saved {
        return Err(EPERM);
    }
    ids.effective = id;
    ids.fs = id;
    Ok(())
}

/// setreuid/setregid: the real id may become the real or effective id,
/// the effective id any of the three; setting the real id, or the
/// effective id to something other than the old real id, makes the
/// saved id the new effective id. -1 leaves an id as it is.
fn set_re(ids: &mut Ids, real: u32, effective: u32, privileged: bool) -> Result<(), i32> {
    let old = *ids;
    let mut new = old;
    if real != NO_ID {
        if !privileged && real != old.real && real != old.effective {
            return Err(EPERM);
        }
        new.real = real;
    }
    if effective != NO_ID {
        if !privileged && effective != old.real && effective != old.effective && effective != old.saved {
            return Err(EPERM);
        }
        new.effective = effective;
    }
    if real != NO_ID || (effective != NO_ID && effective != old.real) {
        new.saved = new.effective;
    }
    new.fs = new.effective;
    *ids = new;
    Ok(())
}

/// setresuid/setresgid: unprivileged, each id given must be one of the
/// old real, effective and saved ids. -1 leaves an id as it is.
fn set_res(ids: &mut Ids, real: u32, effective: u32, saved: u32, privileged: bool) -> Result<(), i32> {
    let old = *ids;
    let allowed = |id: u32| id == NO_ID || privileged || id == old.real || id == old.effective || id == old.saved;
    if !(allowed(real) && allowed(effective) && allowed(saved)) {
        return Err(EPERM);
    }
    let pick = |id: u32, was: u32| if id == NO_ID { was } else { id };
    *ids = Ids {
        real: pick(real, old.real),
        effective: pick(effective, old.effective),
        saved: pick(saved, old.saved),
        fs: pick(effective, old.effective),
    };
    Ok(())
}

/// setfsuid/setfsgid: the fs id may become any of the four ids (anything
/// when privileged); the old fs id is returned whether or not it changed.
fn set_fs(ids: &mut Ids, id: u32, privileged: bool) -> u32 {
    let old = ids.fs;
    if id != NO_ID && (privileged || [ids.real, ids.effective, ids.saved, ids.fs].contains(&id)) {
        ids.fs = id;
    }
    old
}

impl Credentials {
    fn user_ids(&self) -> Ids {
        Ids { real: self.uid, effective: self.euid, saved: self.suid, fs: self.fsuid }
    }

    fn set_user_ids(&mut self, ids: Ids) {
        (self.uid, self.euid, self.suid, self.fsuid) = (ids.real, ids.effective, ids.saved, ids.fs);
    }

    fn group_ids(&self) -> Ids {
        Ids { real: self.gid, effective: self.egid, saved: self.sgid, fs: self.fsgid }
    }

    fn set_group_ids(&mut self, ids: Ids) {
        (self.gid, self.egid, self.sgid, self.fsgid) = (ids.real, ids.effective, ids.saved, ids.fs);
    }

    fn change_users(&mut self, f: impl FnOnce(&mut Ids, bool) -> Result<(), i32>) -> Result<(), i32> {
        let mut ids = self.user_ids();
        f(&mut ids, self.is_privileged())?;
        self.set_user_ids(ids);
        Ok(())
    }

    fn change_groups(&mut self, f: impl FnOnce(&mut Ids, bool) -> Result<(), i32>) -> Result<(), i32> {
        let mut ids = self.group_ids();
        f(&mut ids, self.is_privileged())?;
        self.set_group_ids(ids);
        Ok(())
    }

    /// setuid(2). `Err(EINVAL)` for -1, `Err(EPERM)` if not allowed.
    pub fn setuid(&mut self, uid: Uid) -> Result<(), i32> {
        self.change_users(|ids, p| set_one(ids, uid, p))
    }

    /// setgid(2). `Err(EINVAL)` for -1, `Err(EPERM)` if not allowed.
    pub fn setgid(&mut self, gid: Gid) -> Result<(), i32> {
        self.change_groups(|ids, p| set_one(ids, gid, p))
    }

    /// setreuid(2); [`NO_ID`] leaves an id unchanged.
    pub fn setreuid(&mut self, ruid: Uid, euid: Uid) -> Result<(), i32> {
        self.change_users(|ids, p| set_re(ids, ruid, euid, p))
    }

    /// setregid(2); [`NO_ID`] leaves an id unchanged.
    pub fn setregid(&mut self, rgid: Gid, egid: Gid) -> Result<(), i32> {
        self.change_groups(|ids, p| set_re(ids, rgid, egid, p))
    }

    /// setresuid(2); [`NO_ID`] leaves an id unchanged.
    pub fn setresuid(&mut self, ruid: Uid, euid: Uid, suid: Uid) -> Result<(), i32> {
        self.change_users(|ids, p| set_res(ids, ruid, euid, suid, p))
    }

    /// setresgid(2); [`NO_ID`] leaves an id unchanged.
    pub fn setresgid(&mut self, rgid: Gid, egid: Gid, sgid: Gid) -> Result<(), i32> {
        self.change_groups(|ids, p| set_res(ids, rgid, egid, sgid, p))
    }

    /// setfsuid(2): returns the previous fsuid, changed or not.
    pub fn setfsuid(&mut self, fsuid: Uid) -> Uid {
        let privileged = self.is_privileged();
        let mut ids = self.user_ids();
        let old = set_fs(&mut ids, fsuid, privileged);
        self.set_user_ids(ids);
        old
    }

    /// setfsgid(2): returns the previous fsgid, changed or not.
    pub fn setfsgid(&mut self, fsgid: Gid) -> Gid {
        let privileged = self.is_privileged();
        let mut ids = self.group_ids();
        let old = set_fs(&mut ids, fsgid, privileged);
        self.set_group_ids(ids);
        old
    }

    /// setgroups(2): `Err(EPERM)` unless privileged (CAP_SETGID),
    /// `Err(EINVAL)` for more than [`NGROUPS_MAX`] groups. Kept sorted
    /// (duplicates stay, as in Linux's `groups_sort`).
    pub fn setgroups(&mut self, groups: &[Gid]) -> Result<(), i32> {
        if groups.len() > NGROUPS_MAX {
            return Err(EINVAL);
        }
        if !self.is_privileged() {
            return Err(EPERM);
        }
        let mut sorted: Vec<Gid> = groups.to_vec();
        sorted.sort_unstable();
        self.groups = sorted;
        Ok(())
    }
}
