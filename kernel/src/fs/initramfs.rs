//! Unpacks the initramfs (cpio newc or ustar, parsed by the `initramfs`
//! crate) into the tmpfs root, as Linux's populate_rootfs does.

use super::filedata::FileData;
use super::tmpfs::{self, Inode, Node};
use alloc::collections::BTreeMap;
use alloc::string::ToString;
use alloc::sync::Arc;
use initramfs::Kind;
use spin::Mutex;

/// Creates every directory, file, symlink and hard link of `archive`.
/// Bad entries are reported and skipped; a corrupt archive stops the
/// unpacking where the corruption starts.
pub fn unpack(archive: &[u8]) {
    let mut entries = match initramfs::entries(archive) {
        Ok(e) => e,
        Err(e) => {
            log::error!("initramfs: unreadable ({e})");
            return;
        }
    };
    let (mut files, mut bytes) = (0u64, 0u64);
    // cpio hard links: entries sharing an inode number (within one
    // archive of a concatenation) share one tmpfs inode.
    let mut by_ino: BTreeMap<(u32, u64), Arc<Inode>> = BTreeMap::new();
    let mut path_buf = [0u8; super::path::PATH_MAX];
    let root = tmpfs::root();
    while let Some(entry) = entries.next() {
        let archive_index = entries.archive_index();
        let e = match entry {
            Ok(e) => e,
            Err(err) => {
                log::error!("initramfs: stopped at a bad entry ({err})");
                break;
            }
        };
        let Some(path) = e.path.copy_to(&mut path_buf) else {
            log::warn!("initramfs: {}: path too long", e.path);
            continue;
        };
        let inode = match e.kind {
            Kind::Directory => {
                if super::path::resolve(&root, path, true).is_ok_and(|i| i.is_dir()) {
                    continue;
                }
                Inode::new_dir(e.mode)
            }
            Kind::File => {
                let shared = (e.nlink > 1 && e.ino != 0).then(|| by_ino.get(&(archive_index, e.ino)).cloned()).flatten();
                match shared {
                    Some(inode) => {
                        if let Node::File(d) = &inode.node {
                            if !e.data.is_empty() {
                                match FileData::from_bytes(e.data) {
                                    Ok(data) => *d.lock() = data,
                                    Err(_) => log::error!("initramfs: {path}: out of memory"),
                                }
                            }
                        }
                        inode.nlink.fetch_add(1, core::sync::atomic::Ordering::Relaxed);
                        inode
                    }
                    None => {
                        files += 1;
                        bytes += e.data.len() as u64;
                        let Ok(data) = FileData::from_bytes(e.data) else {
                            log::error!("initramfs: {path}: out of memory");
                            continue;
                        };
                        let inode = Inode::new(Node::File(Mutex::new(data)), e.mode);
                        if e.nlink > 1 && e.ino != 0 {
                            by_ino.insert((archive_index, e.ino), inode.clone());
                        }
                        inode
                    }
                }
            }
            Kind::Symlink => {
                let target = core::str::from_utf8(e.data).unwrap_or("").to_string();
                Inode::new(Node::Symlink(target), 0o777)
            }
            Kind::HardLink => match e.link_target.map(|t| super::path::resolve(&root, t, false)) {
                Some(Ok(target)) => {
                    target.nlink.fetch_add(1, core::sync::atomic::Ordering::Relaxed);
                    target
                }
                _ => {
                    log::warn!("initramfs: {path}: hard link to a missing file");
                    continue;
                }
            },
            _ => {
                log::debug!("initramfs: {path}: device nodes and fifos are not supported yet");
                continue;
            }
        };
        if !matches!(e.kind, Kind::HardLink) {
            // The owner and modification time the archive records, as
            // Linux's initramfs unpacker sets them (entries of one cpio
            // hard-link group share an inode and carry the same values).
            *inode.uid_gid.lock() = (e.uid, e.gid);
            inode.mtime_ns.store(e.mtime.saturating_mul(1_000_000_000), core::sync::atomic::Ordering::Relaxed);
        }
        let result = super::path::resolve_parent(&root, path).and_then(|(dir, name)| super::path::link(&dir, &name, inode));
        if let Err(err) = result {
            log::warn!("initramfs: {path}: {err:?}");
        }
    }
    log::info!(
        "initramfs: {files} files, {} KiB unpacked, file frames allocated: {}",
        bytes >> 10,
        crate::mm::address_space::file_frames()
    );
}
