//! Helpers for the QEMU integration tests in `tests/`.
