//! Architecture support. Everything specific to a CPU family lives below
//! this module; the rest of the kernel uses only what is re-exported here.

mod x86_64;

pub use self::x86_64::*;
