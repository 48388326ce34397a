//! Threads from Rust's std: 8 threads incrementing one `Mutex` counter, an
//! `mpsc` channel carrying 1000 messages in order, and `thread::sleep`.
//!
//! Together these need clone3 (or clone), futex wait and wake, mmap'd
//! stacks with guard pages, set_robust_list, rseq, and nanosleep or
//! clock_nanosleep: the system calls a kernel needs for threads.

use exo_testkit::Checks;
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const THREADS: usize = 8;
const INCREMENTS: u64 = 10_000;
const MESSAGES: u32 = 1000;

fn main() {
    let mut checks = Checks::new("threads");

    let counter = Arc::new(Mutex::new(0u64));
    let handles: Vec<_> = (0..THREADS)
        .map(|_| {
            let counter = Arc::clone(&counter);
            thread::spawn(move || {
                for _ in 0..INCREMENTS {
                    *counter.lock().unwrap() += 1;
                }
            })
        })
        .collect();
    let joined = handles.into_iter().map(|h| h.join()).filter(Result::is_ok).count();
    checks.check(joined == THREADS, format!("{joined} of {THREADS} threads joined"));
    let total = *counter.lock().unwrap();
    let expected = THREADS as u64 * INCREMENTS;
    checks.check(total == expected, format!("mutex counter = {total}, expected {expected}"));

    let (tx, rx) = mpsc::channel();
    let producer = thread::spawn(move || {
        for i in 0..MESSAGES {
            tx.send(i).unwrap();
        }
    });
    // The iterator ends when the producer drops its sender.
    let received: Vec<u32> = rx.iter().collect();
    checks.check(producer.join().is_ok(), "producer thread joined");
    let in_order = received.iter().copied().eq(0..MESSAGES);
    checks.check(in_order, format!("channel delivered {} of {MESSAGES} messages in order", received.len()));

    let start = Instant::now();
    thread::sleep(Duration::from_millis(10));
    let slept = start.elapsed();
    checks.check(slept >= Duration::from_millis(10), format!("sleep(10 ms) took {} us", slept.as_micros()));

    checks.finish();
}
