//! `resolve` over the model tree: every rule and errno of the crate
//! documentation, one test each.

mod common;

use abi::errno::{EACCES, ELOOP, ENAMETOOLONG, ENOENT, ENOTDIR};
use common::Tree;
use vfspath::{resolve, MAX_SYMLINKS, NAME_MAX, PATH_MAX};

/// `/etc/passwd`, `/etc/sub/`, `/bin -> usr/bin`, `/usr/bin/sh`,
/// `/etc/sub/up -> ../passwd`, `/abs -> /etc`, `/dangling -> nowhere`,
/// `/filelink -> etc/passwd`.
struct Fixture {
    t: Tree,
    etc: usize,
    passwd: usize,
    sub: usize,
    usr_bin: usize,
    sh: usize,
    bin: usize,
    dangling: usize,
}

fn fixture() -> Fixture {
    let mut t = Tree::new();
    let etc = t.dir(0, "etc");
    let passwd = t.file(etc, "passwd");
    let sub = t.dir(etc, "sub");
    t.symlink(sub, "up", "../passwd");
    let usr = t.dir(0, "usr");
    let usr_bin = t.dir(usr, "bin");
    let sh = t.file(usr_bin, "sh");
    let bin = t.symlink(0, "bin", "usr/bin");
    t.symlink(0, "abs", "/etc");
    let dangling = t.symlink(0, "dangling", "nowhere");
    t.symlink(0, "filelink", "etc/passwd");
    Fixture { t, etc, passwd, sub, usr_bin, sh, bin, dangling }
}

#[test]
fn absolute_and_relative() {
    let f = fixture();
    assert_eq!(resolve(&f.t, &f.sub, "/etc/passwd", true), Ok(f.passwd));
    assert_eq!(resolve(&f.t, &f.etc, "passwd", true), Ok(f.passwd));
    assert_eq!(resolve(&f.t, &f.etc, "sub", true), Ok(f.sub));
    assert_eq!(resolve(&f.t, &f.sub, "/", true), Ok(0));
    assert_eq!(resolve(&f.t, &f.sub, "///", true), Ok(0));
    assert_eq!(resolve(&f.t, &f.sub, ".", true), Ok(f.sub));
}

#[test]
fn repeated_slashes_and_dots() {
    let f = fixture();
    assert_eq!(resolve(&f.t, &0, "//etc///./sub/../passwd", true), Ok(f.passwd));
    assert_eq!(resolve(&f.t, &0, "./etc/./.", true), Ok(f.etc));
}

#[test]
fn dotdot_of_the_root_is_the_root() {
    let f = fixture();
    assert_eq!(resolve(&f.t, &0, "..", true), Ok(0));
    assert_eq!(resolve(&f.t, &f.sub, "/../../..", true), Ok(0));
    assert_eq!(resolve(&f.t, &f.sub, "../../../../etc", true), Ok(f.etc));
}

#[test]
fn empty_path_is_enoent() {
    let f = fixture();
    assert_eq!(resolve(&f.t, &0, "", true), Err(ENOENT));
    assert_eq!(resolve(&f.t, &0, "missing", true), Err(ENOENT));
    assert_eq!(resolve(&f.t, &0, "etc/missing/passwd", true), Err(ENOENT));
}

#[test]
fn non_directory_in_the_middle_is_enotdir() {
    let f = fixture();
    assert_eq!(resolve(&f.t, &0, "etc/passwd/x", true), Err(ENOTDIR));
    assert_eq!(resolve(&f.t, &0, "etc/passwd/.", true), Err(ENOTDIR));
    assert_eq!(resolve(&f.t, &0, "etc/passwd/..", true), Err(ENOTDIR));
    assert_eq!(resolve(&f.t, &0, "filelink/x", false), Err(ENOTDIR));
    // A relative path from a start that is not a directory (a dirfd).
    assert_eq!(resolve(&f.t, &f.passwd, "x", true), Err(ENOTDIR));
    assert_eq!(resolve(&f.t, &f.passwd, ".", true), Err(ENOTDIR));
    // An absolute path ignores the start.
    assert_eq!(resolve(&f.t, &f.passwd, "/etc", true), Ok(f.etc));
}

#[test]
fn path_max() {
    let f = fixture();
    let long = |n: usize| format!("/etc{}", "/".repeat(n - 4));
    assert_eq!(long(PATH_MAX - 1).len(), PATH_MAX - 1);
    assert_eq!(resolve(&f.t, &0, &long(PATH_MAX - 1), true), Ok(f.etc));
    assert_eq!(resolve(&f.t, &0, &long(PATH_MAX), true), Err(ENAMETOOLONG));
    assert_eq!(resolve(&f.t, &0, &long(PATH_MAX + 100), true), Err(ENAMETOOLONG));
}

#[test]
fn name_max() {
    let f = fixture();
    let name = |n: usize| "n".repeat(n);
    assert_eq!(resolve(&f.t, &0, &name(NAME_MAX), true), Err(ENOENT));
    assert_eq!(resolve(&f.t, &0, &name(NAME_MAX + 1), true), Err(ENAMETOOLONG));
    assert_eq!(resolve(&f.t, &0, &format!("etc/{}/x", name(NAME_MAX + 1)), true), Err(ENAMETOOLONG));
    // The long name is never looked up: earlier errors win, as in Linux.
    assert_eq!(resolve(&f.t, &0, &format!("missing/{}", name(NAME_MAX + 1)), true), Err(ENOENT));
    assert_eq!(resolve(&f.t, &0, &format!("etc/passwd/{}", name(NAME_MAX + 1)), true), Err(ENOTDIR));
}

#[test]
fn symlinks_in_the_middle_are_followed() {
    let f = fixture();
    assert_eq!(resolve(&f.t, &0, "bin/sh", false), Ok(f.sh));
    assert_eq!(resolve(&f.t, &0, "abs/sub/up", true), Ok(f.passwd));
    assert_eq!(resolve(&f.t, &0, "abs/../usr", true).ok(), resolve(&f.t, &0, "usr", true).ok());
}

#[test]
fn final_symlink_follow_or_not() {
    let f = fixture();
    assert_eq!(resolve(&f.t, &0, "bin", true), Ok(f.usr_bin));
    assert_eq!(resolve(&f.t, &0, "bin", false), Ok(f.bin));
    // A relative target starts at the link's directory, not the start.
    assert_eq!(resolve(&f.t, &f.usr_bin, "/etc/sub/up", true), Ok(f.passwd));
    assert_eq!(resolve(&f.t, &f.sub, "up", true), Ok(f.passwd));
}

#[test]
fn dangling_links() {
    let f = fixture();
    assert_eq!(resolve(&f.t, &0, "dangling", true), Err(ENOENT));
    assert_eq!(resolve(&f.t, &0, "dangling", false), Ok(f.dangling));
    assert_eq!(resolve(&f.t, &0, "dangling/", false), Err(ENOENT));
    assert_eq!(resolve(&f.t, &0, "dangling/x", false), Err(ENOENT));
}

#[test]
fn trailing_slash_requires_a_directory_and_follows() {
    let f = fixture();
    assert_eq!(resolve(&f.t, &0, "etc/", false), Ok(f.etc));
    assert_eq!(resolve(&f.t, &0, "etc/passwd/", true), Err(ENOTDIR));
    assert_eq!(resolve(&f.t, &0, "bin/", false), Ok(f.usr_bin));
    assert_eq!(resolve(&f.t, &0, "bin//", false), Ok(f.usr_bin));
    assert_eq!(resolve(&f.t, &0, "filelink/", false), Err(ENOTDIR));
    assert_eq!(resolve(&f.t, &0, "missing/", false), Err(ENOENT));
}

#[test]
fn trailing_slash_in_a_link_target() {
    let mut f = fixture();
    let to_file = f.t.symlink(0, "to_file_slash", "etc/passwd/");
    f.t.symlink(0, "to_dir_slash", "etc/");
    assert_eq!(resolve(&f.t, &0, "to_file_slash", true), Err(ENOTDIR));
    assert_eq!(resolve(&f.t, &0, "to_file_slash", false), Ok(to_file));
    assert_eq!(resolve(&f.t, &0, "to_dir_slash", true), Ok(f.etc));
}

/// `/l0 -> l1`, ..., `/l{n-1} -> target`: `n` links to follow from `/l0`.
fn chain(t: &mut Tree, n: u32, target: &str) {
    for i in 0..n {
        let next = if i + 1 == n { target.to_string() } else { format!("l{}", i + 1) };
        t.symlink(0, &format!("l{i}"), &next);
    }
}

#[test]
fn forty_links_are_followed_the_41st_is_eloop() {
    let mut t = Tree::new();
    let file = t.file(0, "file");
    chain(&mut t, MAX_SYMLINKS, "file");
    assert_eq!(resolve(&t, &0, "l0", true), Ok(file));
    let mut t = Tree::new();
    t.file(0, "file");
    chain(&mut t, MAX_SYMLINKS + 1, "file");
    assert_eq!(resolve(&t, &0, "l0", true), Err(ELOOP));
    assert_eq!(resolve(&t, &0, "l1", true), Ok(1));
    // Not following the final link needs no budget.
    assert!(resolve(&t, &0, "l0", false).is_ok());
}

#[test]
fn nested_links_share_the_budget() {
    // a0 -> a1/x style nesting: each target has links in its middle.
    let mut t = Tree::new();
    let d = t.dir(0, "d");
    let file = t.file(d, "f");
    // m{i} -> m{i+1}/ ... ; m20 -> d ; 21 links to reach d, then "f".
    for i in 0..20 {
        t.symlink(0, &format!("m{i}"), &format!("m{}/", i + 1));
    }
    t.symlink(0, "m20", "d");
    assert_eq!(resolve(&t, &0, "m0/f", true), Ok(file));
    // Two such walks in one path: m{k}/back/f follows (21 - k) + 1 + 21.
    t.symlink(d, "back", "/m0");
    assert_eq!(resolve(&t, &0, "m3/back/f", true), Ok(file));
    assert_eq!(resolve(&t, &0, "m2/back/f", true), Err(ELOOP));
}

#[test]
fn loops_are_eloop() {
    let mut t = Tree::new();
    t.symlink(0, "self", "self");
    t.symlink(0, "a", "b");
    t.symlink(0, "b", "a");
    let d = t.dir(0, "d");
    t.symlink(d, "up", "../d/up");
    assert_eq!(resolve(&t, &0, "self", true), Err(ELOOP));
    assert_eq!(resolve(&t, &0, "self/x", false), Err(ELOOP));
    assert_eq!(resolve(&t, &0, "a", true), Err(ELOOP));
    assert_eq!(resolve(&t, &0, "d/up/", false), Err(ELOOP));
    assert_eq!(resolve(&t, &0, "self", false), Ok(1));
}

#[test]
fn mounts_are_stepped_onto_and_dotdot_leaves_them() {
    let mut t = Tree::new();
    let mnt = t.dir(0, "mnt");
    let hidden = t.file(mnt, "hidden");
    let _ = hidden;
    let root = t.mount(mnt);
    let inside = t.dir(root, "inside");
    assert_eq!(resolve(&t, &0, "/mnt", true), Ok(root));
    assert_eq!(resolve(&t, &0, "/mnt/hidden", true), Err(ENOENT));
    assert_eq!(resolve(&t, &0, "/mnt/inside", true), Ok(inside));
    assert_eq!(resolve(&t, &0, "/mnt/inside/../..", true), Ok(0));
    assert_eq!(resolve(&t, &inside, "../../mnt", true), Ok(root));
}

#[test]
fn a_mount_on_the_root_is_what_absolute_paths_see() {
    let mut t = Tree::new();
    t.file(0, "old");
    let top = t.mount(0);
    let new = t.file(top, "new");
    assert_eq!(resolve(&t, &0, "/new", true), Ok(new));
    assert_eq!(resolve(&t, &0, "/old", true), Err(ENOENT));
}

#[test]
fn may_search_is_asked_for_every_directory_walked() {
    let f = fixture();
    f.t.searched.borrow_mut().clear();
    assert_eq!(resolve(&f.t, &0, "etc/./sub/../passwd", true), Ok(f.passwd));
    assert_eq!(*f.t.searched.borrow(), vec![0, f.etc, f.etc, f.sub, f.etc]);
    // The final node is not searched, and link targets are walked too.
    f.t.searched.borrow_mut().clear();
    assert_eq!(resolve(&f.t, &0, "bin", true), Ok(f.usr_bin));
    let usr = 5;
    assert_eq!(*f.t.searched.borrow(), vec![0, 0, usr]);
}

#[test]
fn may_search_refusal_is_eacces() {
    let mut f = fixture();
    f.t.no_search.insert(f.etc);
    assert_eq!(resolve(&f.t, &0, "etc", true), Ok(f.etc));
    assert_eq!(resolve(&f.t, &0, "etc/passwd", true), Err(EACCES));
    assert_eq!(resolve(&f.t, &0, "etc/.", true), Err(EACCES));
    assert_eq!(resolve(&f.t, &0, "etc/..", true), Err(EACCES));
    assert_eq!(resolve(&f.t, &f.sub, "../passwd", true), Err(EACCES));
    assert_eq!(resolve(&f.t, &f.sub, "up", false), Ok(4));
    assert_eq!(resolve(&f.t, &f.sub, "up", true), Err(EACCES));
    assert_eq!(resolve(&f.t, &0, "abs/sub", true), Err(EACCES));
    // ENOTDIR is decided before the permission (Linux checks d_can_lookup).
    f.t.no_search.insert(0);
    assert_eq!(resolve(&f.t, &f.passwd, "x", true), Err(ENOTDIR));
    assert_eq!(resolve(&f.t, &0, "x", true), Err(EACCES));
}
