//! The same tree in the model and in a temporary directory of the host,
//! and lookups done by both: the crate over the model, the host's Linux
//! kernel through openat2(2) with RESOLVE_IN_ROOT, which makes the
//! directory the root for absolute paths, absolute link targets and `..`
//! (as chroot would, without privileges or a process of its own).

use super::{Kind, Tree};
use std::collections::HashMap;
use std::ffi::CString;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use vfspath::Errno;

/// `struct open_how` of openat2(2) (libc's cannot be built outside libc).
#[repr(C)]
struct OpenHow {
    flags: u64,
    mode: u64,
    resolve: u64,
}

/// A model tree and its copy under a temporary directory.
pub struct Twin {
    /// The model.
    pub tree: Tree,
    dir: PathBuf,
    root_fd: OwnedFd,
    /// Host inode number to model node.
    by_ino: HashMap<u64, usize>,
}

impl Twin {
    /// Copies `tree` under a fresh temporary directory named after `tag`.
    pub fn new(tree: Tree, tag: &str) -> Twin {
        let dir = std::env::temp_dir().join(format!("vfspath-{}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir(&dir).expect("create the temporary directory");
        let mut by_ino = HashMap::new();
        by_ino.insert(std::fs::metadata(&dir).expect("stat").ino(), 0);
        copy(&tree, 0, &dir, &mut by_ino);
        let root_fd = std::fs::File::open(&dir).expect("open the temporary directory").into();
        Twin { tree, dir, root_fd, by_ino }
    }

    /// The model node `path` names from node `start` (by the crate).
    pub fn model(&self, start: usize, path: &str, follow: bool) -> Result<usize, Errno> {
        vfspath::resolve(&self.tree, &start, path, follow)
    }

    /// The model node `path` names from the root, by the host kernel.
    pub fn host(&self, path: &str, follow: bool) -> Result<usize, Errno> {
        let c_path = CString::new(path).expect("paths have no NUL");
        let mut flags = libc::O_PATH | libc::O_CLOEXEC;
        if !follow {
            flags |= libc::O_NOFOLLOW;
        }
        let how = OpenHow { flags: flags as u64, mode: 0, resolve: libc::RESOLVE_IN_ROOT };
        // SAFETY: openat2 reads the NUL-terminated path and `how`, both
        // alive for the call, and `size_of::<open_how>()` bytes of `how`.
        let fd = unsafe {
            libc::syscall(libc::SYS_openat2, self.root_fd.as_raw_fd(), c_path.as_ptr(), &how, size_of::<OpenHow>())
        };
        if fd < 0 {
            return Err(std::io::Error::last_os_error().raw_os_error().unwrap_or(0));
        }
        // SAFETY: the system call just returned this descriptor, which
        // nothing else owns.
        let fd = unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd as i32) };
        let meta = std::fs::File::from(fd).metadata().expect("fstat an O_PATH descriptor");
        Ok(*self.by_ino.get(&meta.ino()).unwrap_or_else(|| panic!("{path:?} led outside the tree")))
    }

    /// The path of directory `node` from the root ("." for the root).
    pub fn path_of(&self, node: usize) -> String {
        let mut names = Vec::new();
        let mut at = node;
        while at != 0 {
            let Some(Kind::Dir { parent, .. }) = self.tree.nodes.get(at) else { panic!("{at} is not a directory") };
            let name = self.tree.entries(*parent).into_iter().find(|&(_, i)| i == at).expect("linked").0;
            names.push(name);
            at = *parent;
        }
        if names.is_empty() {
            return ".".into();
        }
        names.reverse();
        names.join("/")
    }

    /// Compares the crate and the host for `path` from directory `start`,
    /// both ways of treating a final link; the message names the case.
    pub fn check(&self, start: usize, path: &str) -> Result<(), String> {
        // The host walks from the root: put the start's path in front.
        let host_path = if start == 0 || path.is_empty() || path.starts_with('/') {
            path.to_string()
        } else {
            format!("{}/{path}", self.path_of(start))
        };
        if host_path.len() >= vfspath::PATH_MAX && path.len() < vfspath::PATH_MAX {
            return Ok(()); // the prefix changed the outcome
        }
        for follow in [true, false] {
            let (ours, linux) = (self.model(start, path, follow), self.host(&host_path, follow));
            if ours != linux {
                return Err(format!(
                    "path {:?} from {:?} (follow {follow}): vfspath {ours:?}, Linux {linux:?}\ntree: {:?}",
                    shorten(path),
                    self.path_of(start),
                    self.tree.nodes
                ));
            }
        }
        Ok(())
    }
}

impl Drop for Twin {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn copy(tree: &Tree, dir: usize, at: &Path, by_ino: &mut HashMap<u64, usize>) {
    for (name, node) in tree.entries(dir) {
        let path = at.join(&name);
        match tree.nodes.get(node) {
            Some(Kind::Dir { .. }) => std::fs::create_dir(&path).expect("mkdir"),
            Some(Kind::File) => drop(std::fs::File::create(&path).expect("create")),
            Some(Kind::Symlink(target)) => std::os::unix::fs::symlink(target, &path).expect("symlink"),
            None => unreachable!(),
        }
        by_ino.insert(std::fs::symlink_metadata(&path).expect("lstat").ino(), node);
        copy(tree, node, &path, by_ino);
    }
}

/// `path` with long runs of one character written as `x*300`, for messages.
pub fn shorten(path: &str) -> String {
    let mut out = String::new();
    let bytes: Vec<char> = path.chars().collect();
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        let run = bytes[i..].iter().take_while(|&&d| d == c).count();
        if run > 8 {
            out.push_str(&format!("[{c}*{run}]"));
        } else {
            out.extend(std::iter::repeat_n(c, run));
        }
        i += run;
    }
    out
}

impl Twin {
    /// What mkdir(2) of each `(start directory, path)` gives on the host,
    /// the tree's directory being the root: a forked child chroots into
    /// it, and every directory made is removed again. Root only (chroot);
    /// `None` if the child could not chroot.
    pub fn host_mkdir(&self, cases: &[(usize, String)]) -> Option<Vec<Result<(), Errno>>> {
        let dir = CString::new(self.dir.as_os_str().as_encoded_bytes()).expect("no NUL");
        let prepared: Vec<(CString, CString)> = cases
            .iter()
            .map(|(start, path)| {
                let start = CString::new(format!("/{}", self.path_of(*start))).expect("no NUL");
                (start, CString::new(path.as_str()).expect("no NUL"))
            })
            .collect();
        let mut results = vec![0i32; cases.len()];
        let mut fds = [0i32; 2];
        // SAFETY: `fds` has room for the two descriptors pipe writes.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        // SAFETY: the child only makes system calls on memory prepared
        // before the fork (no allocation, no locks) and ends with _exit.
        let pid = unsafe { libc::fork() };
        if pid == 0 {
            // SAFETY: (child) every pointer is to a live NUL-terminated
            // string or to `results`, allocated before the fork.
            unsafe {
                if libc::chroot(dir.as_ptr()) != 0 {
                    libc::_exit(1);
                }
                for ((start, path), out) in prepared.iter().zip(results.iter_mut()) {
                    if libc::chdir(start.as_ptr()) != 0 {
                        libc::_exit(2);
                    }
                    *out = if libc::mkdir(path.as_ptr(), 0o755) == 0 {
                        libc::rmdir(path.as_ptr());
                        0
                    } else {
                        *libc::__errno_location()
                    };
                }
                let bytes = results.len() * 4;
                let written = libc::write(fds[1], results.as_ptr().cast(), bytes);
                libc::_exit(if written == bytes as isize { 0 } else { 3 });
            }
        }
        // SAFETY: (parent) closes its copy of the write end.
        unsafe { libc::close(fds[1]) };
        let mut reader = std::fs::File::from(
            // SAFETY: the read end is ours alone.
            unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fds[0]) },
        );
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut reader, &mut bytes).expect("read the results");
        let mut status = 0;
        // SAFETY: waits for the child forked above.
        unsafe { libc::waitpid(pid, &mut status, 0) };
        if bytes.len() != cases.len() * 4 {
            return None;
        }
        let errnos = bytes.chunks_exact(4).map(|c| i32::from_ne_bytes([c[0], c[1], c[2], c[3]]));
        Some(errnos.map(|e| if e == 0 { Ok(()) } else { Err(e) }).collect())
    }

    /// What mkdir of `path` from `start` gives by the crate: the parent
    /// and name from `resolve_parent`, then EEXIST if the name is taken.
    pub fn model_mkdir(&self, start: usize, path: &str) -> Result<(), Errno> {
        let (dir, name) = vfspath::resolve_parent(&self.tree, &start, path)?;
        match vfspath::Namespace::lookup(&self.tree, &dir, name) {
            Ok(_) => Err(abi::errno::EEXIST),
            Err(_) => Ok(()),
        }
    }
}
