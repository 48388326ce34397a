//! Path resolution as path_resolution(7) describes it, over any name space.
//!
//! A name space is whatever implements [`Namespace`]: the kernel's tmpfs
//! inodes (with mounts and procfs), or the in-memory model tree of this
//! crate's tests. [`resolve`] turns a path into the node it names;
//! [`resolve_parent`] gives the directory and final name that calls which
//! create or remove a name (mkdir, unlink, rename, symlink, link, open with
//! O_CREAT) work on.
//!
//! ```
//! # use vfspath::{Namespace, Errno};
//! # #[derive(Clone, Copy, PartialEq, Debug)] enum N { Root, Etc, Passwd }
//! # struct Ns;
//! # impl Namespace for Ns {
//! #     type Node = N;
//! #     fn root(&self) -> N { N::Root }
//! #     fn is_dir(&self, n: &N) -> bool { *n != N::Passwd }
//! #     fn lookup(&self, d: &N, name: &str) -> Result<N, Errno> {
//! #         match (d, name) { (N::Root, "etc") => Ok(N::Etc), (N::Etc, "passwd") => Ok(N::Passwd),
//! #                           _ => Err(abi::errno::ENOENT) }
//! #     }
//! #     fn symlink_target<'a>(&'a self, _: &'a N) -> Option<&'a str> { None }
//! #     fn parent(&self, d: &N) -> N { if *d == N::Passwd { N::Etc } else { N::Root } }
//! # }
//! let ns = Ns; // a Namespace with /etc/passwd
//! assert_eq!(vfspath::resolve(&ns, &N::Root, "/etc//./passwd", true), Ok(N::Passwd));
//! assert_eq!(vfspath::resolve(&ns, &N::Root, "etc/passwd/", true), Err(abi::errno::ENOTDIR));
//! assert_eq!(vfspath::resolve_parent(&ns, &N::Root, "/etc/shadow"), Ok((N::Etc, "shadow")));
//! ```
//!
//! # Rules (Linux's, checked against the host kernel by the tests)
//!
//! - An absolute path starts at [`Namespace::root`], a relative one at the
//!   caller's start node (working directory or dirfd). Repeated slashes
//!   count as one. The empty path is `ENOENT`.
//! - A path of [`PATH_MAX`] bytes or more is `ENAMETOOLONG`; so is a
//!   component longer than [`NAME_MAX`] that is looked up in a directory.
//! - Before each component, the directory it is looked up in must be a
//!   directory (`ENOTDIR`) that the caller may search
//!   ([`Namespace::may_search`], Linux's `may_lookup`), `.` and `..`
//!   included.
//! - `.` is the directory itself; `..` its parent ([`Namespace::parent`]:
//!   the root's is the root, a mounted root's is its mount point's parent).
//! - A symbolic link is followed when it is not the final component, when
//!   the caller asks to follow a final one, and when the path ends in `/`.
//!   A relative target starts at the link's directory, an absolute one at
//!   the root. At most [`MAX_SYMLINKS`] links are followed in one lookup,
//!   nested ones included; the next is `ELOOP`.
//! - A path (or a link target) ending in `/` must name a directory
//!   (`ENOTDIR`).
//!
//! # Design
//!
//! The walk iterates over the components of the string without collecting
//! them, and recurses only into symlink targets, at most [`MAX_SYMLINKS`]
//! deep, so a lookup allocates nothing itself (the name space may). The
//! name space returns link targets borrowed from the node, so a target is
//! not copied either. Errors are Linux errno values from `abi::errno`, so
//! the kernel passes them on unchanged. Permission checks stay outside the
//! crate: [`Namespace::may_search`] is the hook where the kernel's
//! credentials say `EACCES`.
#![no_std]
#![forbid(unsafe_code)]

mod parent;
mod walk;

pub use parent::resolve_parent;
pub use walk::resolve;

/// A positive Linux errno value (one of the `abi::errno` constants).
pub type Errno = i32;

/// Longest path accepted, the terminating NUL included (Linux PATH_MAX):
/// a path of `PATH_MAX` bytes or more is `ENAMETOOLONG`.
pub const PATH_MAX: usize = 4096;

/// Longest file name in bytes (Linux NAME_MAX).
pub const NAME_MAX: usize = 255;

/// Symbolic links followed in one lookup before `ELOOP` (Linux
/// MAXSYMLINKS): the 41st is refused.
pub const MAX_SYMLINKS: u32 = 40;

/// A tree of named nodes that paths are resolved in.
///
/// Implementations answer questions about single nodes; the crate does the
/// walking. Nodes are handles (`Arc<Inode>` in the kernel, an index in the
/// tests), cloned as the walk moves on.
pub trait Namespace {
    /// A handle to one node (file, directory, symlink, device...).
    type Node: Clone;

    /// The root directory that absolute paths and absolute link targets
    /// start from, with whatever is mounted on it already stepped onto.
    fn root(&self) -> Self::Node;

    /// True if `node` is a directory (it has entries and `..`).
    fn is_dir(&self, node: &Self::Node) -> bool;

    /// The entry `name` of directory `dir`; never called for `.` or `..`
    /// or for names longer than [`NAME_MAX`].
    ///
    /// # Errors
    /// `ENOENT` if there is no such entry; anything else the name space
    /// has to say (a computed directory may fail).
    fn lookup(&self, dir: &Self::Node, name: &str) -> Result<Self::Node, Errno>;

    /// The target of `node` if it is a symbolic link, `None` otherwise,
    /// borrowed from the node or from the name space.
    fn symlink_target<'a>(&'a self, node: &'a Self::Node) -> Option<&'a str>;

    /// The directory that `..` of directory `dir` leads to: its parent, or
    /// `dir` itself for the root. For the root of a mounted file system,
    /// the parent of the directory it is mounted on.
    fn parent(&self, dir: &Self::Node) -> Self::Node;

    /// What a lookup that reached `node` sees: the root of a file system
    /// mounted on it (the topmost of stacked mounts), or `node` itself.
    fn follow_mounts(&self, node: Self::Node) -> Self::Node {
        node
    }

    /// Whether the caller may search directory `dir` (execute permission),
    /// asked before each component is looked up in it, `.` and `..`
    /// included.
    ///
    /// # Errors
    /// `EACCES` when it may not; the default allows everything.
    fn may_search(&self, dir: &Self::Node) -> Result<(), Errno> {
        let _ = dir;
        Ok(())
    }
}
