//! `futex` operations and flags (`FUTEX_*`).
//!
//! Source: `include/uapi/linux/futex.h`. The `op` argument is the operation
//! number ORed with [`FUTEX_PRIVATE_FLAG`] and/or [`FUTEX_CLOCK_REALTIME`];
//! [`FUTEX_CMD_MASK`] recovers the operation.

/// Sleep if `*uaddr == val`.
pub const FUTEX_WAIT: u32 = 0;
/// Wake up to `val` waiters.
pub const FUTEX_WAKE: u32 = 1;
/// Removed (Linux 2.6.26): create a file descriptor.
pub const FUTEX_FD: u32 = 2;
/// Wake `val` waiters, requeue the rest onto `uaddr2`.
pub const FUTEX_REQUEUE: u32 = 3;
/// Like [`FUTEX_REQUEUE`], if `*uaddr == val3`.
pub const FUTEX_CMP_REQUEUE: u32 = 4;
/// Modify `*uaddr2` and wake waiters on both words.
pub const FUTEX_WAKE_OP: u32 = 5;
/// Priority-inheritance lock.
pub const FUTEX_LOCK_PI: u32 = 6;
/// Priority-inheritance unlock.
pub const FUTEX_UNLOCK_PI: u32 = 7;
/// Priority-inheritance try-lock.
pub const FUTEX_TRYLOCK_PI: u32 = 8;
/// Like [`FUTEX_WAIT`] with a wake bitset in `val3`; absolute timeout.
pub const FUTEX_WAIT_BITSET: u32 = 9;
/// Like [`FUTEX_WAKE`], waking only waiters whose bitset intersects `val3`.
pub const FUTEX_WAKE_BITSET: u32 = 10;
/// Wait on a non-PI futex, to be requeued onto a PI futex.
pub const FUTEX_WAIT_REQUEUE_PI: u32 = 11;
/// Requeue waiters onto a PI futex.
pub const FUTEX_CMP_REQUEUE_PI: u32 = 12;
/// Priority-inheritance lock, timeout on any clock.
pub const FUTEX_LOCK_PI2: u32 = 13;

/// The futex is private to the process (no shared-memory lookup).
pub const FUTEX_PRIVATE_FLAG: u32 = 128;
/// The timeout is measured against `CLOCK_REALTIME` (default: monotonic).
pub const FUTEX_CLOCK_REALTIME: u32 = 256;
/// Mask that removes the flag bits from an `op`.
pub const FUTEX_CMD_MASK: u32 = !(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);

/// [`FUTEX_WAIT`] | [`FUTEX_PRIVATE_FLAG`].
pub const FUTEX_WAIT_PRIVATE: u32 = FUTEX_WAIT | FUTEX_PRIVATE_FLAG;
/// [`FUTEX_WAKE`] | [`FUTEX_PRIVATE_FLAG`].
pub const FUTEX_WAKE_PRIVATE: u32 = FUTEX_WAKE | FUTEX_PRIVATE_FLAG;
/// [`FUTEX_REQUEUE`] | [`FUTEX_PRIVATE_FLAG`].
pub const FUTEX_REQUEUE_PRIVATE: u32 = FUTEX_REQUEUE | FUTEX_PRIVATE_FLAG;
/// [`FUTEX_CMP_REQUEUE`] | [`FUTEX_PRIVATE_FLAG`].
pub const FUTEX_CMP_REQUEUE_PRIVATE: u32 = FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG;
/// [`FUTEX_WAKE_OP`] | [`FUTEX_PRIVATE_FLAG`].
pub const FUTEX_WAKE_OP_PRIVATE: u32 = FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG;
/// [`FUTEX_LOCK_PI`] | [`FUTEX_PRIVATE_FLAG`].
pub const FUTEX_LOCK_PI_PRIVATE: u32 = FUTEX_LOCK_PI | FUTEX_PRIVATE_FLAG;
/// [`FUTEX_LOCK_PI2`] | [`FUTEX_PRIVATE_FLAG`].
pub const FUTEX_LOCK_PI2_PRIVATE: u32 = FUTEX_LOCK_PI2 | FUTEX_PRIVATE_FLAG;
/// [`FUTEX_UNLOCK_PI`] | [`FUTEX_PRIVATE_FLAG`].
pub const FUTEX_UNLOCK_PI_PRIVATE: u32 = FUTEX_UNLOCK_PI | FUTEX_PRIVATE_FLAG;
/// [`FUTEX_TRYLOCK_PI`] | [`FUTEX_PRIVATE_FLAG`].
pub const FUTEX_TRYLOCK_PI_PRIVATE: u32 = FUTEX_TRYLOCK_PI | FUTEX_PRIVATE_FLAG;
/// [`FUTEX_WAIT_BITSET`] | [`FUTEX_PRIVATE_FLAG`].
pub const FUTEX_WAIT_BITSET_PRIVATE: u32 = FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG;
/// [`FUTEX_WAKE_BITSET`] | [`FUTEX_PRIVATE_FLAG`].
pub const FUTEX_WAKE_BITSET_PRIVATE: u32 = FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG;
/// [`FUTEX_WAIT_REQUEUE_PI`] | [`FUTEX_PRIVATE_FLAG`].
pub const FUTEX_WAIT_REQUEUE_PI_PRIVATE: u32 = FUTEX_WAIT_REQUEUE_PI | FUTEX_PRIVATE_FLAG;
/// [`FUTEX_CMP_REQUEUE_PI`] | [`FUTEX_PRIVATE_FLAG`].
pub const FUTEX_CMP_REQUEUE_PI_PRIVATE: u32 = FUTEX_CMP_REQUEUE_PI | FUTEX_PRIVATE_FLAG;

/// Bitset that matches every waiter (the bitset of plain `FUTEX_WAIT`).
pub const FUTEX_BITSET_MATCH_ANY: u32 = 0xffff_ffff;

/// PI futex word: there are waiters.
pub const FUTEX_WAITERS: u32 = 0x8000_0000;
/// PI / robust futex word: the owner died.
pub const FUTEX_OWNER_DIED: u32 = 0x4000_0000;
/// PI / robust futex word: mask of the owner TID.
pub const FUTEX_TID_MASK: u32 = 0x3fff_ffff;

/// `futex_waitv` flag: 32-bit futex.
pub const FUTEX_32: u32 = 2;
/// `futex_waitv`: maximum number of waiters.
pub const FUTEX_WAITV_MAX: u32 = 128;

/// `FUTEX_WAKE_OP` operation: `*uaddr2 = oparg`.
pub const FUTEX_OP_SET: u32 = 0;
/// `FUTEX_WAKE_OP` operation: `*uaddr2 += oparg`.
pub const FUTEX_OP_ADD: u32 = 1;
/// `FUTEX_WAKE_OP` operation: `*uaddr2 |= oparg`.
pub const FUTEX_OP_OR: u32 = 2;
/// `FUTEX_WAKE_OP` operation: `*uaddr2 &= !oparg`.
pub const FUTEX_OP_ANDN: u32 = 3;
/// `FUTEX_WAKE_OP` operation: `*uaddr2 ^= oparg`.
pub const FUTEX_OP_XOR: u32 = 4;
/// `FUTEX_WAKE_OP` operation flag: use `1 << oparg` as the operand.
pub const FUTEX_OP_OPARG_SHIFT: u32 = 8;
/// `FUTEX_WAKE_OP` comparison: wake if `oldval == cmparg`.
pub const FUTEX_OP_CMP_EQ: u32 = 0;
/// `FUTEX_WAKE_OP` comparison: wake if `oldval != cmparg`.
pub const FUTEX_OP_CMP_NE: u32 = 1;
/// `FUTEX_WAKE_OP` comparison: wake if `oldval < cmparg`.
pub const FUTEX_OP_CMP_LT: u32 = 2;
/// `FUTEX_WAKE_OP` comparison: wake if `oldval <= cmparg`.
pub const FUTEX_OP_CMP_LE: u32 = 3;
/// `FUTEX_WAKE_OP` comparison: wake if `oldval > cmparg`.
pub const FUTEX_OP_CMP_GT: u32 = 4;
/// `FUTEX_WAKE_OP` comparison: wake if `oldval >= cmparg`.
pub const FUTEX_OP_CMP_GE: u32 = 5;
