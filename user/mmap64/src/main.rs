//! A 64 MiB anonymous private mapping: every page is written once, every
//! page read back, then unmapped. A second 64 MiB mapping follows: each page
//! gets its last byte written (so it needs a real frame, likely one the
//! first mapping freed) and must otherwise read as zeros: recycled frames
//! must be cleared.
//!
//! 64 MiB is 16384 page faults. The kernel side can compare its free-frame
//! count before and after (nothing may leak); this program cannot see it.

use exo_testkit::Checks;

const LEN_BYTES: usize = 64 << 20;
const PAGE_BYTES: usize = 4096;
const PAGES: usize = LEN_BYTES / PAGE_BYTES;

fn mark(page: usize) -> u8 {
    (page % 251) as u8 + 1
}

/// mmap(NULL, LEN_BYTES, RW, PRIVATE|ANONYMOUS): the mapping, or None.
fn map() -> Option<&'static mut [u8]> {
    // SAFETY: a fresh anonymous mapping aliases nothing.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            LEN_BYTES,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        return None;
    }
    // SAFETY: the mapping is LEN_BYTES long, readable and writable, and
    // only this slice refers to it until `unmap`.
    Some(unsafe { std::slice::from_raw_parts_mut(p.cast::<u8>(), LEN_BYTES) })
}

fn unmap(mem: &'static mut [u8]) -> bool {
    // SAFETY: `mem` is a whole mapping from `map`, consumed here.
    unsafe { libc::munmap(mem.as_mut_ptr().cast(), mem.len()) == 0 }
}

fn main() {
    let mut checks = Checks::new("mmap64");
    let Some(mem) = map() else {
        checks.check(false, format!("mmap of {} MiB", LEN_BYTES >> 20));
        checks.finish();
    };
    checks.check(true, format!("mmap of {} MiB at {:p}", LEN_BYTES >> 20, mem.as_ptr()));
    let zero = mem[0] == 0 && mem[LEN_BYTES - 1] == 0;
    checks.check(zero, "first and last bytes read as zero before any write");
    for page in 0..PAGES {
        mem[page * PAGE_BYTES + page % PAGE_BYTES] = mark(page);
    }
    checks.check(true, format!("wrote one byte in each of {PAGES} pages"));
    let bad = (0..PAGES)
        .filter(|&page| {
            let start = page * PAGE_BYTES;
            let offset = page % PAGE_BYTES;
            let chunk = &mem[start..start + PAGE_BYTES];
            chunk.iter().enumerate().any(|(i, &b)| b != if i == offset { mark(page) } else { 0 })
        })
        .count();
    checks.check(bad == 0, format!("{} of {PAGES} pages read back as written", PAGES - bad));
    checks.check(unmap(mem), "munmap");

    match map() {
        Some(again) => {
            for page in again.chunks_mut(PAGE_BYTES) {
                page[PAGE_BYTES - 1] = 1;
            }
            let nonzero =
                again.chunks(PAGE_BYTES).filter(|page| page[..PAGE_BYTES - 1].iter().any(|&b| b != 0)).count();
            checks.check(nonzero == 0, format!("second mapping: {nonzero} pages not zero"));
            checks.check(unmap(again), "munmap of the second mapping");
        }
        None => {
            checks.check(false, "second mmap");
        }
    }
    checks.finish();
}
