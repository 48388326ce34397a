//! The set*id and permission rules against the cases their man pages and
//! Linux's fs/namei.c and kernel/sys.c spell out.

use abi::errno::{EACCES, EINVAL, EPERM};
use cred::perm::{Owner, MAY_EXEC, MAY_READ, MAY_WRITE};
use cred::{Credentials, NO_ID};

const DIR: u32 = 0o040000;
const REG: u32 = 0o100000;

fn file(mode: u32, uid: u32, gid: u32) -> Owner {
    Owner { mode: REG | mode, uid, gid }
}

fn dir(mode: u32, uid: u32, gid: u32) -> Owner {
    Owner { mode: DIR | mode, uid, gid }
}

#[test]
fn root_setuid_drops_every_id_and_cannot_come_back() {
    let mut c = Credentials::root();
    c.setuid(1000).unwrap();
    assert_eq!((c.uid, c.euid, c.suid, c.fsuid), (1000, 1000, 1000, 1000));
    assert_eq!(c.setuid(0), Err(EPERM));
    assert_eq!(c.setuid(NO_ID), Err(EINVAL));
}

#[test]
fn saved_uid_allows_switching_back_and_forth() {
    let mut c = Credentials::root();
    c.setresuid(1000, 1000, 0).unwrap();
    assert!(!c.is_privileged());
    c.setuid(0).unwrap(); // the saved uid: only euid and fsuid change
    assert_eq!((c.uid, c.euid, c.suid, c.fsuid), (1000, 0, 0, 0));
    c.setreuid(NO_ID, 1000).unwrap(); // euid back to the real uid: suid kept
    assert_eq!((c.uid, c.euid, c.suid), (1000, 1000, 0));
    c.setreuid(NO_ID, 0).unwrap();
    assert_eq!(c.euid, 0);
}

#[test]
fn setreuid_rules() {
    let mut c = Credentials::user(1000, 1000);
    assert_eq!(c.setreuid(2000, NO_ID), Err(EPERM));
    assert_eq!(c.setreuid(NO_ID, 2000), Err(EPERM));
    let mut r = Credentials::root();
    r.setreuid(1000, 2000).unwrap();
    assert_eq!((r.uid, r.euid, r.suid, r.fsuid), (1000, 2000, 2000, 2000));
    // Swapping real and effective is allowed without privilege.
    r.setreuid(2000, 1000).unwrap();
    assert_eq!((r.uid, r.euid, r.suid), (2000, 1000, 1000));
}

#[test]
fn setresuid_unprivileged_may_only_permute() {
    let mut c = Credentials::root();
    c.setresuid(1, 2, 3).unwrap();
    c.setresuid(3, 1, 2).unwrap();
    assert_eq!((c.uid, c.euid, c.suid, c.fsuid), (3, 1, 2, 1));
    assert_eq!(c.setresuid(4, NO_ID, NO_ID), Err(EPERM));
    assert_eq!((c.uid, c.euid, c.suid), (3, 1, 2), "unchanged after EPERM");
}

#[test]
fn group_calls_follow_the_same_rules() {
    let mut c = Credentials::root();
    c.setgroups(&[30, 10, 20]).unwrap();
    assert_eq!(c.groups, [10, 20, 30]);
    c.setresgid(100, 100, 200).unwrap();
    c.setuid(1000).unwrap();
    assert_eq!(c.setgroups(&[]), Err(EPERM));
    c.setgid(200).unwrap();
    assert_eq!((c.gid, c.egid, c.sgid, c.fsgid), (100, 200, 200, 200));
    assert_eq!(c.setgid(300), Err(EPERM));
    assert_eq!(c.setregid(NO_ID, 300), Err(EPERM));
}

#[test]
fn setfsuid_returns_the_old_value_even_when_refused() {
    let mut c = Credentials::root();
    c.setresuid(1000, 1000, 1000).unwrap();
    assert_eq!(c.setfsuid(0), 1000);
    assert_eq!(c.fsuid, 1000);
    assert_eq!(c.setfsuid(NO_ID), 1000);
    let mut r = Credentials::root();
    assert_eq!(r.setfsuid(5), 0);
    assert_eq!((r.euid, r.fsuid), (0, 5));
    assert!(!r.fs_privileged());
    assert_eq!(r.setfsgid(7), 0);
    assert_eq!(r.fsgid, 7);
}

#[test]
fn mode_classes_are_exclusive() {
    let me = Credentials::user(1000, 100);
    // Owner class applies even when it gives less than the others.
    assert_eq!(me.may_access(file(0o077, 1000, 100), MAY_READ), Err(EACCES));
    assert_eq!(me.may_access(file(0o407, 2000, 100), MAY_READ), Err(EACCES));
    assert!(me.may_access(file(0o040, 2000, 100), MAY_READ).is_ok());
    assert!(me.may_access(file(0o004, 2000, 200), MAY_READ).is_ok());
    assert_eq!(me.may_access(file(0o644, 2000, 200), MAY_WRITE), Err(EACCES));
    assert_eq!(me.may_access(file(0o644, 2000, 200), MAY_READ | MAY_WRITE), Err(EACCES));
    let mut member = me.clone();
    member.groups = vec![200];
    assert!(member.may_access(file(0o060, 2000, 200), MAY_READ | MAY_WRITE).is_ok());
}

#[test]
fn root_overrides_all_but_execute_without_any_x_bit() {
    let root = Credentials::root();
    assert!(root.may_access(file(0o000, 1000, 1000), MAY_READ | MAY_WRITE).is_ok());
    assert_eq!(root.may_access(file(0o644, 1000, 1000), MAY_EXEC), Err(EACCES));
    assert!(root.may_access(file(0o001, 1000, 1000), MAY_EXEC).is_ok());
    assert!(root.may_access(dir(0o000, 1000, 1000), MAY_EXEC | MAY_WRITE).is_ok());
}

#[test]
fn access_uses_the_real_ids() {
    let mut c = Credentials::user(1000, 1000);
    assert_eq!(c.setresuid(1000, 0, 0), Err(EPERM));
    let mut setuid_root = Credentials::user(1000, 1000);
    setuid_root.exec(REG | 0o4755, (0, 0));
    assert_eq!((setuid_root.uid, setuid_root.euid, setuid_root.suid), (1000, 0, 0));
    let secret = file(0o600, 0, 0);
    assert!(setuid_root.may_access(secret, MAY_READ).is_ok());
    assert_eq!(setuid_root.for_access().may_access(secret, MAY_READ), Err(EACCES));
}

#[test]
fn exec_set_group_id_needs_group_execute() {
    let mut c = Credentials::user(1000, 1000);
    c.exec(REG | 0o2744, (0, 50));
    assert_eq!(c.egid, 1000);
    c.exec(REG | 0o2754, (0, 50));
    assert_eq!((c.gid, c.egid, c.sgid, c.fsgid), (1000, 50, 50, 50));
}

#[test]
fn sticky_directories_protect_other_users_files() {
    let me = Credentials::user(1000, 1000);
    let tmp = dir(0o1777, 0, 0);
    assert_eq!(me.may_delete(tmp, file(0o644, 2000, 2000)), Err(EPERM));
    assert!(me.may_delete(tmp, file(0o644, 1000, 1000)).is_ok());
    assert!(me.may_delete(dir(0o1777, 1000, 0), file(0o644, 2000, 2000)).is_ok());
    assert!(me.may_delete(dir(0o777, 0, 0), file(0o644, 2000, 2000)).is_ok());
    assert_eq!(me.may_delete(dir(0o755, 0, 0), file(0o644, 1000, 1000)), Err(EACCES));
    assert!(Credentials::root().may_delete(tmp, file(0o644, 2000, 2000)).is_ok());
}

#[test]
fn chmod_by_owner_only_and_sgid_dropped_outside_the_group() {
    let me = Credentials::user(1000, 1000);
    assert_eq!(me.chmod(file(0o644, 2000, 1000), 0o600), Err(EPERM));
    assert_eq!(me.chmod(file(0o644, 1000, 1000), 0o2755), Ok(REG | 0o2755));
    assert_eq!(me.chmod(file(0o644, 1000, 50), 0o2755), Ok(REG | 0o755));
    assert_eq!(Credentials::root().chmod(file(0o644, 1000, 50), 0o2755), Ok(REG | 0o2755));
}

#[test]
fn chown_rules() {
    let mut me = Credentials::user(1000, 1000);
    me.groups = vec![1000, 50];
    let mine = file(0o4755, 1000, 1000);
    assert_eq!(me.chown(mine, 2000, NO_ID), Err(EPERM));
    assert_eq!(me.chown(mine, NO_ID, 60), Err(EPERM));
    let c = me.chown(mine, 1000, 50).unwrap();
    assert_eq!((c.uid, c.gid, c.mode), (1000, 50, REG | 0o755), "set-user-id cleared");
    assert_eq!(me.chown(file(0o644, 2000, 1000), NO_ID, 50), Err(EPERM));
    let r = Credentials::root().chown(file(0o2775, 1000, 1000), 3000, 3000).unwrap();
    assert_eq!((r.uid, r.gid, r.mode), (3000, 3000, REG | 0o775));
    let d = Credentials::root().chown(dir(0o2775, 1000, 1000), 3000, NO_ID).unwrap();
    assert_eq!(d.mode, DIR | 0o2775, "directories keep their set-id bits");
}

#[test]
fn utimes_rules() {
    let me = Credentials::user(1000, 1000);
    let writable = file(0o666, 2000, 2000);
    assert!(me.may_set_times(writable, true).is_ok());
    assert_eq!(me.may_set_times(writable, false), Err(EPERM));
    assert_eq!(me.may_set_times(file(0o644, 2000, 2000), true), Err(EACCES));
    assert!(me.may_set_times(file(0o444, 1000, 2000), false).is_ok());
}

#[test]
fn new_inodes_take_fsuid_and_the_set_group_id_directory_group() {
    let mut me = Credentials::user(1000, 1000);
    let plain = me.new_inode(dir(0o755, 0, 0), REG, 0o644);
    assert_eq!(plain, Owner { mode: REG | 0o644, uid: 1000, gid: 1000 });
    let shared = dir(0o2775, 0, 50);
    assert_eq!(me.new_inode(shared, DIR, 0o755), Owner { mode: DIR | 0o2755, uid: 1000, gid: 50 });
    assert_eq!(me.new_inode(shared, REG, 0o2755).mode, REG | 0o755, "not in group 50");
    me.groups = vec![50];
    assert_eq!(me.new_inode(shared, REG, 0o2755).mode, REG | 0o2755);
}

#[test]
fn signals_need_a_matching_uid() {
    let me = Credentials::user(1000, 1000);
    assert!(me.may_signal(&Credentials::user(1000, 5)));
    assert!(!me.may_signal(&Credentials::user(2000, 5)));
    assert!(!me.may_signal(&Credentials::root()));
    let mut t = Credentials::root();
    t.setresuid(2000, 0, 1000).unwrap();
    assert!(me.may_signal(&t), "target's saved uid matches");
    assert!(Credentials::root().may_signal(&me));
}
