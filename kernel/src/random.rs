//! Kernel random numbers for getrandom(2) and AT_RANDOM: a ChaCha20
//! stream (RFC 8439 block function) keyed at boot from RDSEED/RDRAND when
//! the CPU has them, mixed with TSC readings, and re-keyed from its own
//! output after every request (fast key erasure).
//!
//! Design note: without RDRAND the seed is only TSC timing jitter, which
//! is weak; the boot log says which source was used.

use spin::Mutex;

struct ChaCha {
    key: [u32; 8],
    counter: u64,
}

static STATE: Mutex<Option<ChaCha>> = Mutex::new(None);

fn quarter(s: &mut [u32; 16], a: usize, b: usize, c: usize, d: usize) {
    s[a] = s[a].wrapping_add(s[b]);
    s[d] = (s[d] ^ s[a]).rotate_left(16);
    s[c] = s[c].wrapping_add(s[d]);
    s[b] = (s[b] ^ s[c]).rotate_left(12);
    s[a] = s[a].wrapping_add(s[b]);
    s[d] = (s[d] ^ s[a]).rotate_left(8);
    s[c] = s[c].wrapping_add(s[d]);
    s[b] = (s[b] ^ s[c]).rotate_left(7);
}

/// One 64-byte ChaCha20 block for `key` and block `counter` (nonce 0).
fn block(key: &[u32; 8], counter: u64) -> [u8; 64] {
    let mut init = [0u32; 16];
    init[..4].copy_from_slice(&[0x6170_7865, 0x3320_646e, 0x7962_2d32, 0x6b20_6574]);
    init[4..12].copy_from_slice(key);
    init[12] = counter as u32;
    init[13] = (counter >> 32) as u32;
    let mut s = init;
    for _ in 0..10 {
        quarter(&mut s, 0, 4, 8, 12);
        quarter(&mut s, 1, 5, 9, 13);
        quarter(&mut s, 2, 6, 10, 14);
        quarter(&mut s, 3, 7, 11, 15);
        quarter(&mut s, 0, 5, 10, 15);
        quarter(&mut s, 1, 6, 11, 12);
        quarter(&mut s, 2, 7, 8, 13);
        quarter(&mut s, 3, 4, 9, 14);
    }
    let mut out = [0u8; 64];
    for (i, w) in s.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&w.wrapping_add(init[i]).to_le_bytes());
    }
    out
}

/// Seeds the generator; logs the entropy source.
pub fn init() {
    let mut key = [0u32; 8];
    let hw = crate::arch::hardware_random_u64().is_some();
    for (i, k) in key.iter_mut().enumerate() {
        let mut v = crate::arch::read_tsc().rotate_left(i as u32 * 7);
        if let Some(r) = crate::arch::hardware_random_u64() {
            v ^= r;
        }
        for _ in 0..64 {
            v = v.rotate_left(5) ^ crate::arch::read_tsc();
        }
        *k = (v ^ (v >> 32)) as u32;
    }
    *STATE.lock() = Some(ChaCha { key, counter: 0 });
    log::info!("random: ChaCha20 seeded from {}", if hw { "RDRAND and the TSC" } else { "TSC jitter only (no RDRAND)" });
}

/// Fills `buf` with random bytes.
pub fn fill(buf: &mut [u8]) {
    crate::arch::without_interrupts(|| {
        let mut guard = STATE.lock();
        let Some(st) = guard.as_mut() else { return };
        for chunk in buf.chunks_mut(64) {
            st.counter += 1;
            let b = block(&st.key, st.counter);
            chunk.copy_from_slice(&b[..chunk.len()]);
        }
        // Fast key erasure: the next key comes from the stream itself.
        st.counter += 1;
        let next = block(&st.key, st.counter);
        for (i, k) in st.key.iter_mut().enumerate() {
            *k = u32::from_le_bytes([next[i * 4], next[i * 4 + 1], next[i * 4 + 2], next[i * 4 + 3]]);
        }
    });
}
