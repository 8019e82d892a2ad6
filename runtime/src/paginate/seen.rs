//! The items a paged stream has yielded, remembered by fingerprint, to tell a server that serves
//! them again (ignoring the offset, rotating a fixed set, or overlapping its pages).
//!
//! A fingerprint is a keyed hash (random keys per stream) of an item's JSON as the server sent
//! it. Memory is bounded: a fingerprint is 8 bytes, and at most [`FIRST`] fingerprints of the first
//! items and [`RECENT`] of the latest are kept, about 2 MiB in all however long the list. The first
//! catch a server that starts over or rotates; the latest catch pages that overlap.

use std::collections::{HashSet, VecDeque};
use std::hash::{BuildHasher, Hasher, RandomState};

use serde_json::value::RawValue;

/// Fingerprints kept of the first items of a stream.
pub(super) const FIRST: usize = 64 * 1024;
/// Fingerprints kept of the latest items.
pub(super) const RECENT: usize = 64 * 1024;

pub(super) struct Seen {
    first: HashSet<u64>,
    recent: HashSet<u64>,
    /// The order `recent` was filled in, to forget the oldest.
    order: VecDeque<u64>,
}

impl Seen {
    pub fn new() -> Self {
        Seen {
            first: HashSet::new(),
            recent: HashSet::new(),
            order: VecDeque::new(),
        }
    }

    /// Remembers an item by its fingerprint; `false` when it was yielded before.
    pub fn insert(&mut self, print: u64) -> bool {
        if self.first.contains(&print) || self.recent.contains(&print) {
            return false;
        }
        if self.first.len() < FIRST {
            self.first.insert(print);
            return true;
        }
        if self.order.len() == RECENT {
            if let Some(oldest) = self.order.pop_front() {
                self.recent.remove(&oldest);
            }
        }
        self.recent.insert(print);
        self.order.push_back(print);
        true
    }
}

/// A hash of each item of a JSON array, as sent, for the items that are objects: a list of plain
/// values (names, numbers) may hold the same value twice. `None` when the body is not an array.
pub(super) fn fingerprints(keys: &RandomState, body: &[u8]) -> Option<Vec<Option<u64>>> {
    let items: Vec<&RawValue> = serde_json::from_slice(body).ok()?;
    let print = |item: &RawValue| {
        let text = item.get();
        text.starts_with('{').then(|| {
            let mut hasher = keys.build_hasher();
            hasher.write(text.as_bytes());
            hasher.finish()
        })
    };
    Some(items.into_iter().map(print).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_are_fingerprinted_as_sent_and_plain_values_are_not() {
        let keys = RandomState::new();
        let prints = fingerprints(&keys, br#"[{"id":1}, "a", {"id":2}, {"id":1}]"#).unwrap();
        assert_eq!(prints.len(), 4);
        assert!(prints[0].is_some() && prints[1].is_none());
        assert_ne!(prints[0], prints[2]);
        assert_eq!(prints[0], prints[3]);
        assert_eq!(fingerprints(&keys, br#"{"items": []}"#), None);
    }

    #[test]
    fn memory_stays_bounded_and_the_first_and_latest_are_remembered() {
        let mut seen = Seen::new();
        let total = u64::try_from(FIRST + RECENT + 10_000).unwrap();
        for print in 0..total {
            assert!(seen.insert(print));
        }
        assert_eq!(seen.first.len(), FIRST);
        assert_eq!(seen.recent.len(), RECENT);
        assert_eq!(seen.order.len(), RECENT);
        assert!(!seen.insert(0), "a restart is caught");
        assert!(!seen.insert(total - 1), "an overlap is caught");
        assert!(seen.insert(total), "a new item is not");
    }
}
