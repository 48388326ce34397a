//! Copy-on-write after fork: the parent fills a 4 MiB buffer with a
//! pattern and forks; the child checks it sees the whole pattern, then
//! overwrites every byte and reads its writes back; the parent, after the
//! child has exited, checks its own copy is untouched.
//!
//! The child reports through its exit status: 0 fine, 1 it did not see the
//! pattern, 2 its writes did not stick. 4 MiB is above glibc's mmap
//! threshold, so the buffer is its own anonymous private mapping.

use exo_testkit::{describe_status, spawn_child, wait_for, Checks};

const LEN_BYTES: usize = 4 << 20;

fn pattern(i: usize) -> u8 {
    (i.wrapping_mul(7) ^ (i >> 12)) as u8
}

fn main() {
    let mut checks = Checks::new("cow");
    let mut buf: Vec<u8> = (0..LEN_BYTES).map(pattern).collect();
    checks.check(true, format!("parent filled {} MiB with the pattern", LEN_BYTES >> 20));

    let child = spawn_child(|| {
        if !buf.iter().enumerate().all(|(i, &b)| b == pattern(i)) {
            return 1;
        }
        for b in buf.iter_mut() {
            *b = !*b;
        }
        let stuck = buf.iter().enumerate().all(|(i, &b)| b == !pattern(i));
        // Keep the writes from being optimised away.
        std::hint::black_box(&buf);
        if stuck {
            0
        } else {
            2
        }
    });
    match child.and_then(wait_for) {
        Ok(status) => {
            let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
            checks.check(code != Some(1), "child saw the parent's pattern");
            checks.check(code != Some(2), "child's own writes read back");
            checks.check(code == Some(0), format!("child {}", describe_status(status)));
        }
        Err(e) => {
            checks.check(false, format!("fork or wait: {e}"));
        }
    }
    let untouched = buf.iter().enumerate().all(|(i, &b)| b == pattern(i));
    checks.check(untouched, "parent's copy is untouched by the child's writes");
    checks.finish();
}
