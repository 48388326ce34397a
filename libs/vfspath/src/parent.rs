//! The parent directory and final name of a path, for the calls that
//! create, remove or rename that name.
//!
//! Design note: the final name is cut off the string (trailing slashes
//! dropped) and returned borrowed from it; the rest is resolved with
//! [`resolve`], following links. The order of the errors is Linux's
//! `filename_parentat` followed by the lookup of the last component: first
//! whatever resolving the parent gives, then `EEXIST` for `/`, then the
//! search permission on the parent (Linux's `may_lookup` runs before the
//! last component is even looked at), then `EEXIST` for a final `.` or
//! `..`, then NAME_MAX.

use crate::{resolve, Errno, Namespace, NAME_MAX, PATH_MAX};
use abi::errno::{EEXIST, ENAMETOOLONG, ENOENT, ENOTDIR};

/// Splits `path` into the directory that holds its final name (resolved
/// from `start`, following links) and that name, without trailing slashes:
/// `"a/b//"` gives (the node of `a`, `"b"`), `"b"` gives (`start`, `"b"`).
/// The name itself is not looked up. Whether a trailing slash is allowed is
/// the caller's business (mkdir allows it).
///
/// # Errors
/// - `ENOENT` for an empty path; `ENAMETOOLONG` for a path of [`PATH_MAX`]
///   bytes or more, or a final name longer than [`NAME_MAX`].
/// - What [`resolve`] says about the directory part; `ENOTDIR` if it (or
///   `start`, for a single name) is not a directory.
/// - `EEXIST` when the path is `/`; then what [`Namespace::may_search`]
///   says about the directory (`EACCES`); then `EEXIST` when the final
///   name is `.` or `..` (the callers map it as Linux does: rmdir gives
///   EINVAL or ENOTEMPTY).
pub fn resolve_parent<'p, N: Namespace>(ns: &N, start: &N::Node, path: &'p str) -> Result<(N::Node, &'p str), Errno> {
    if path.len() >= PATH_MAX {
        return Err(ENAMETOOLONG);
    }
    if path.is_empty() {
        return Err(ENOENT);
    }
    let trimmed = path.trim_end_matches('/');
    let (dir_part, name) = match trimmed.rfind('/') {
        Some(i) => (trimmed.get(..=i).unwrap_or("/"), trimmed.get(i + 1..).unwrap_or("")),
        None if trimmed.is_empty() => ("/", ""), // only slashes: the root
        None => ("", trimmed),
    };
    let dir = if dir_part.is_empty() { start.clone() } else { resolve(ns, start, dir_part, true)? };
    if !ns.is_dir(&dir) {
        return Err(ENOTDIR);
    }
    if name.is_empty() {
        return Err(EEXIST); // the root: no component, so no search check
    }
    ns.may_search(&dir)?;
    if matches!(name, "." | "..") {
        return Err(EEXIST);
    }
    if name.len() > NAME_MAX {
        return Err(ENAMETOOLONG);
    }
    Ok((dir, name))
}
