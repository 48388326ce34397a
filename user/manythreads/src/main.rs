//! 128 threads alive at the same time: each waits on a `Barrier` of 129
//! (the threads and the main thread), so none can exit before all exist;
//! each then returns its index, and the joins check every value and the sum.
//!
//! Stacks are 256 KiB (std's default is 2 MiB) so that 128 of them fit
//! comfortably in a small QEMU machine even if a kernel maps them eagerly.

use exo_testkit::Checks;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;

const THREADS: usize = 128;
const STACK_BYTES: usize = 256 * 1024;

fn main() {
    let mut checks = Checks::new("manythreads");
    let barrier = Arc::new(Barrier::new(THREADS + 1));
    let started = Arc::new(AtomicUsize::new(0));
    let mut handles = Vec::with_capacity(THREADS);
    for index in 0..THREADS {
        let barrier = Arc::clone(&barrier);
        let started = Arc::clone(&started);
        let spawned = thread::Builder::new().stack_size(STACK_BYTES).spawn(move || {
            started.fetch_add(1, Ordering::SeqCst);
            barrier.wait();
            index
        });
        match spawned {
            Ok(handle) => handles.push(handle),
            Err(e) => {
                checks.check(false, format!("spawn thread {index}: {e}"));
                checks.finish();
            }
        }
    }
    checks.check(true, format!("spawned {THREADS} threads"));
    barrier.wait();
    let alive = started.load(Ordering::SeqCst);
    checks.check(alive == THREADS, format!("{alive} threads reached the barrier together"));

    let mut sum = 0;
    let mut wrong = 0;
    for (index, handle) in handles.into_iter().enumerate() {
        match handle.join() {
            Ok(value) if value == index => sum += value,
            _ => wrong += 1,
        }
    }
    checks.check(wrong == 0, format!("{} threads returned their index", THREADS - wrong));
    let expected = THREADS * (THREADS - 1) / 2;
    checks.check(sum == expected, format!("sum of returned indices = {sum}, expected {expected}"));
    checks.finish();
}
