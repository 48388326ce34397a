//! `getrandom` flags (`GRND_*`).
//!
//! Source: `include/uapi/linux/random.h`.

/// Fail with `EAGAIN` instead of blocking.
pub const GRND_NONBLOCK: u32 = 0x0001;
/// Use the (historical) blocking pool.
pub const GRND_RANDOM: u32 = 0x0002;
/// Return bytes even before the pool is initialised (Linux 5.6+).
pub const GRND_INSECURE: u32 = 0x0004;
