//! Memory mapping: `mmap`/`mprotect` protections (`PROT_*`), `mmap` flags
//! (`MAP_*`), `mremap` flags (`MREMAP_*`), `madvise` advice (`MADV_*`),
//! `msync` flags (`MS_*`) and `mlockall` flags (`MCL_*`).
//!
//! Sources: `include/uapi/asm-generic/mman-common.h`, `asm-generic/mman.h`,
//! `arch/x86/include/uapi/asm/mman.h` (`MAP_32BIT`), `include/uapi/linux/mman.h`.

/// Pages may not be accessed.
pub const PROT_NONE: u32 = 0x0;
/// Pages may be read.
pub const PROT_READ: u32 = 0x1;
/// Pages may be written.
pub const PROT_WRITE: u32 = 0x2;
/// Pages may be executed.
pub const PROT_EXEC: u32 = 0x4;
/// Pages may be used for atomic operations (no effect on x86_64).
pub const PROT_SEM: u32 = 0x8;
/// `mprotect`: extend the change down to the start of a grows-down mapping.
pub const PROT_GROWSDOWN: u32 = 0x0100_0000;
/// `mprotect`: extend the change up to the end of a grows-up mapping.
pub const PROT_GROWSUP: u32 = 0x0200_0000;

/// Changes are shared with other mappings of the object.
pub const MAP_SHARED: u32 = 0x01;
/// Changes are private (copy-on-write).
pub const MAP_PRIVATE: u32 = 0x02;
/// Like [`MAP_SHARED`], but unknown flags fail with `EOPNOTSUPP`.
pub const MAP_SHARED_VALIDATE: u32 = 0x03;
/// Mask of the mapping type bits.
pub const MAP_TYPE: u32 = 0x0f;
/// Place the mapping exactly at `addr`, replacing what is there.
pub const MAP_FIXED: u32 = 0x10;
/// Not backed by a file; contents are zero.
pub const MAP_ANONYMOUS: u32 = 0x20;
/// Same as [`MAP_ANONYMOUS`].
pub const MAP_ANON: u32 = MAP_ANONYMOUS;
/// Ignored compatibility flag (file-backed mapping).
pub const MAP_FILE: u32 = 0;
/// x86_64: place the mapping in the low 2 GiB.
pub const MAP_32BIT: u32 = 0x40;
/// Stack-like mapping that grows down on faults below it.
pub const MAP_GROWSDOWN: u32 = 0x0100;
/// Ignored (historically `ETXTBSY` protection).
pub const MAP_DENYWRITE: u32 = 0x0800;
/// Ignored (historically marked an executable mapping).
pub const MAP_EXECUTABLE: u32 = 0x1000;
/// Lock the pages in memory (like `mlock`).
pub const MAP_LOCKED: u32 = 0x2000;
/// Do not reserve swap space for the mapping.
pub const MAP_NORESERVE: u32 = 0x4000;
/// Prefault the page tables.
pub const MAP_POPULATE: u32 = 0x8000;
/// With [`MAP_POPULATE`]: do not block on I/O.
pub const MAP_NONBLOCK: u32 = 0x1_0000;
/// Address suited for a process or thread stack.
pub const MAP_STACK: u32 = 0x2_0000;
/// Use huge pages.
pub const MAP_HUGETLB: u32 = 0x4_0000;
/// Synchronous page faults (DAX), only with [`MAP_SHARED_VALIDATE`].
pub const MAP_SYNC: u32 = 0x8_0000;
/// Like [`MAP_FIXED`] but fail with `EEXIST` instead of replacing a mapping.
pub const MAP_FIXED_NOREPLACE: u32 = 0x10_0000;
/// Anonymous memory may be left uninitialised (embedded kernels only).
pub const MAP_UNINITIALIZED: u32 = 0x400_0000;
/// Shift of the huge page size (log2) encoded in the flags with [`MAP_HUGETLB`].
pub const MAP_HUGE_SHIFT: u32 = 26;
/// Mask (after shifting) of the encoded huge page size.
pub const MAP_HUGE_MASK: u32 = 0x3f;
/// Huge page size 2 MiB.
pub const MAP_HUGE_2MB: u32 = 21 << MAP_HUGE_SHIFT;
/// Huge page size 1 GiB.
pub const MAP_HUGE_1GB: u32 = 30 << MAP_HUGE_SHIFT;

/// The mapping may be moved to a new address.
pub const MREMAP_MAYMOVE: u32 = 1;
/// Move the mapping to `new_address` (requires [`MREMAP_MAYMOVE`]).
pub const MREMAP_FIXED: u32 = 2;
/// Move the pages but leave the old range mapped (empty).
pub const MREMAP_DONTUNMAP: u32 = 4;

/// No special treatment.
pub const MADV_NORMAL: u32 = 0;
/// Expect random page references.
pub const MADV_RANDOM: u32 = 1;
/// Expect sequential page references.
pub const MADV_SEQUENTIAL: u32 = 2;
/// Will need these pages soon.
pub const MADV_WILLNEED: u32 = 3;
/// Do not need these pages: private anonymous pages read back as zero.
pub const MADV_DONTNEED: u32 = 4;
/// Pages may be freed lazily under memory pressure.
pub const MADV_FREE: u32 = 8;
/// Remove the pages and their backing store.
pub const MADV_REMOVE: u32 = 9;
/// Do not inherit the range across `fork`.
pub const MADV_DONTFORK: u32 = 10;
/// Undo [`MADV_DONTFORK`].
pub const MADV_DOFORK: u32 = 11;
/// KSM may merge identical pages.
pub const MADV_MERGEABLE: u32 = 12;
/// Undo [`MADV_MERGEABLE`].
pub const MADV_UNMERGEABLE: u32 = 13;
/// Worth backing with transparent huge pages.
pub const MADV_HUGEPAGE: u32 = 14;
/// Not worth backing with transparent huge pages.
pub const MADV_NOHUGEPAGE: u32 = 15;
/// Exclude from core dumps.
pub const MADV_DONTDUMP: u32 = 16;
/// Undo [`MADV_DONTDUMP`].
pub const MADV_DODUMP: u32 = 17;
/// The child of a `fork` sees zero-filled memory in this range.
pub const MADV_WIPEONFORK: u32 = 18;
/// Undo [`MADV_WIPEONFORK`].
pub const MADV_KEEPONFORK: u32 = 19;
/// Deactivate the pages.
pub const MADV_COLD: u32 = 20;
/// Reclaim the pages.
pub const MADV_PAGEOUT: u32 = 21;
/// Prefault page tables readable.
pub const MADV_POPULATE_READ: u32 = 22;
/// Prefault page tables writable.
pub const MADV_POPULATE_WRITE: u32 = 23;
/// Like [`MADV_DONTNEED`], including locked pages.
pub const MADV_DONTNEED_LOCKED: u32 = 24;
/// Synchronous huge page collapse.
pub const MADV_COLLAPSE: u32 = 25;
/// Poison a page (testing).
pub const MADV_HWPOISON: u32 = 100;
/// Soft-offline a page (testing).
pub const MADV_SOFT_OFFLINE: u32 = 101;

/// `msync`: schedule the write-back, return at once.
pub const MS_ASYNC: u32 = 1;
/// `msync`: invalidate other mappings of the same file.
pub const MS_INVALIDATE: u32 = 2;
/// `msync`: write back and wait.
pub const MS_SYNC: u32 = 4;

/// `mlockall`: lock current mappings.
pub const MCL_CURRENT: u32 = 1;
/// `mlockall`: lock future mappings.
pub const MCL_FUTURE: u32 = 2;
/// `mlockall`: lock pages as they are faulted in.
pub const MCL_ONFAULT: u32 = 4;
