//! The walk: one path, component by component, following symbolic links.
//!
//! Design note: the components are taken from a `split('/')` iterator as
//! the walk goes (empty ones, from repeated or trailing slashes, are
//! skipped), and a peek tells whether the current one is the last. A
//! symlink's target is walked by a recursive call that starts at the
//! link's directory and shares the symlink budget, as Linux's
//! `nd->total_link_count` does; the budget bounds the recursion depth.
//! The order of the checks for each component is Linux's
//! `link_path_walk`: the directory must be one (ENOTDIR), then searchable
//! (`may_search`), then the name is looked at (`.`, `..`, NAME_MAX, the
//! lookup itself).

use crate::{Errno, Namespace, MAX_SYMLINKS, NAME_MAX, PATH_MAX};
use abi::errno::{ELOOP, ENAMETOOLONG, ENOENT, ENOTDIR};

/// The node that `path` names, from `start` (ignored for an absolute
/// path), following a final symbolic link if `follow` (always when the path
/// ends in `/`). See the crate documentation for the rules.
///
/// # Errors
/// - `ENOENT`: `path` is empty, or a component (or a link target) does not
///   exist.
/// - `ENAMETOOLONG`: `path` is [`PATH_MAX`] bytes or longer, or a component
///   looked up in a directory is longer than [`NAME_MAX`].
/// - `ENOTDIR`: a component other than the last, `start` for a relative
///   path, or the result of a path ending in `/`, is not a directory.
/// - `ELOOP`: more than [`MAX_SYMLINKS`] links to follow.
/// - Whatever [`Namespace::lookup`] or [`Namespace::may_search`] returns
///   (`EACCES`).
pub fn resolve<N: Namespace>(ns: &N, start: &N::Node, path: &str, follow: bool) -> Result<N::Node, Errno> {
    if path.len() >= PATH_MAX {
        return Err(ENAMETOOLONG);
    }
    let mut budget = MAX_SYMLINKS;
    walk(ns, start, path, follow, &mut budget)
}

/// Resolves `path` from `start`; `budget` is what is left of the symlinks
/// this lookup may still follow.
fn walk<N: Namespace>(ns: &N, start: &N::Node, path: &str, follow: bool, budget: &mut u32) -> Result<N::Node, Errno> {
    if path.is_empty() {
        return Err(ENOENT);
    }
    let must_be_dir = path.ends_with('/');
    let follow_last = follow || must_be_dir;
    let mut at = if path.starts_with('/') { ns.root() } else { start.clone() };
    let mut names = path.split('/').filter(|name| !name.is_empty()).peekable();
    while let Some(name) = names.next() {
        if !ns.is_dir(&at) {
            return Err(ENOTDIR);
        }
        ns.may_search(&at)?;
        let follow = follow_last || names.peek().is_some();
        at = step(ns, &at, name, follow, budget)?;
    }
    if must_be_dir && !ns.is_dir(&at) {
        return Err(ENOTDIR);
    }
    Ok(at)
}

/// The node `name` leads to from directory `dir` (which the caller has
/// checked is a searchable directory), following it if it is a symlink and
/// `follow`.
fn step<N: Namespace>(ns: &N, dir: &N::Node, name: &str, follow: bool, budget: &mut u32) -> Result<N::Node, Errno> {
    match name {
        "." => return Ok(dir.clone()),
        ".." => return Ok(ns.parent(dir)),
        _ if name.len() > NAME_MAX => return Err(ENAMETOOLONG),
        _ => {}
    }
    let child = ns.follow_mounts(ns.lookup(dir, name)?);
    if !follow {
        return Ok(child);
    }
    let Some(target) = ns.symlink_target(&child) else { return Ok(child) };
    if *budget == 0 {
        return Err(ELOOP);
    }
    *budget -= 1;
    walk(ns, dir, target, true, budget)
}
