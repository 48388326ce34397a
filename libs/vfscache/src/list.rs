//! The recency list: entries in a slab of slots, threaded by a doubly
//! linked list from the most recently used (head) to the least (tail).
//!
//! Design note: slots are addressed by index, so links are plain `usize`
//! values (`NIL` for none) and the list needs no `unsafe` and no `Rc`.
//! A removed slot's index goes on a free list and is reused by the next
//! push, so the slab never grows past the most entries held at once.
//! Every operation is O(1). Indices come only from this module's own
//! `push_front`; a stale index is answered with `None`, never a panic.

use alloc::vec::Vec;

/// "No slot": the end of the list.
pub(crate) const NIL: usize = usize::MAX;

struct Slot<T> {
    item: T,
    /// Toward the head (more recently used).
    prev: usize,
    /// Toward the tail (less recently used).
    next: usize,
}

/// A slab-backed doubly linked list.
pub(crate) struct List<T> {
    slots: Vec<Option<Slot<T>>>,
    free: Vec<usize>,
    head: usize,
    tail: usize,
    len: usize,
}

impl<T> List<T> {
    /// An empty list.
    pub(crate) const fn new() -> Self {
        List { slots: Vec::new(), free: Vec::new(), head: NIL, tail: NIL, len: 0 }
    }

    /// Number of items.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The least recently used slot (`NIL` when empty).
    pub(crate) fn tail(&self) -> usize {
        self.tail
    }

    /// The most recently used slot (`NIL` when empty).
    pub(crate) fn head(&self) -> usize {
        self.head
    }

    /// The slot just more recent than `at` (`NIL` at the head).
    pub(crate) fn prev(&self, at: usize) -> usize {
        self.slot(at).map_or(NIL, |s| s.prev)
    }

    /// The slot just less recent than `at` (`NIL` at the tail).
    pub(crate) fn next(&self, at: usize) -> usize {
        self.slot(at).map_or(NIL, |s| s.next)
    }

    fn slot(&self, at: usize) -> Option<&Slot<T>> {
        self.slots.get(at).and_then(Option::as_ref)
    }

    /// The item in slot `at`.
    pub(crate) fn get(&self, at: usize) -> Option<&T> {
        self.slot(at).map(|s| &s.item)
    }

    /// The item in slot `at`, mutably.
    pub(crate) fn get_mut(&mut self, at: usize) -> Option<&mut T> {
        self.slots.get_mut(at).and_then(Option::as_mut).map(|s| &mut s.item)
    }

    /// Adds `item` as the most recent; returns its slot.
    pub(crate) fn push_front(&mut self, item: T) -> usize {
        let slot = Slot { item, prev: NIL, next: self.head };
        let at = match self.free.pop() {
            Some(at) => {
                if let Some(s) = self.slots.get_mut(at) {
                    *s = Some(slot);
                }
                at
            }
            None => {
                self.slots.push(Some(slot));
                self.slots.len() - 1
            }
        };
        self.set_prev(self.head, at);
        self.head = at;
        if self.tail == NIL {
            self.tail = at;
        }
        self.len += 1;
        at
    }

    /// Takes the item out of slot `at`.
    pub(crate) fn remove(&mut self, at: usize) -> Option<T> {
        let slot = self.slots.get_mut(at)?.take()?;
        self.unlink(slot.prev, slot.next);
        self.free.push(at);
        self.len -= 1;
        Some(slot.item)
    }

    /// Makes slot `at` the most recent.
    pub(crate) fn move_to_front(&mut self, at: usize) {
        if at == self.head {
            return;
        }
        let Some((prev, next)) = self.slot(at).map(|s| (s.prev, s.next)) else { return };
        self.unlink(prev, next);
        let old_head = self.head;
        if let Some(Some(s)) = self.slots.get_mut(at) {
            s.prev = NIL;
            s.next = old_head;
        }
        self.set_prev(old_head, at);
        self.head = at;
        if self.tail == NIL {
            self.tail = at;
        }
    }

    /// Joins `prev` and `next` around a slot leaving the list.
    fn unlink(&mut self, prev: usize, next: usize) {
        if prev == NIL {
            self.head = next;
        } else if let Some(Some(p)) = self.slots.get_mut(prev) {
            p.next = next;
        }
        if next == NIL {
            self.tail = prev;
        } else {
            self.set_prev(next, prev);
        }
    }

    fn set_prev(&mut self, at: usize, prev: usize) {
        if let Some(Some(s)) = self.slots.get_mut(at) {
            s.prev = prev;
        }
    }
}
