//! Ids interned once: every id's bytes live in one buffer, looked up through a hash table of
//! indices, so millions of leads cost a few bytes each instead of a `String` apiece.
//! Sequential ids of one form skip the hash table and keep no bytes at all: their number and
//! the form give them back (see [`crate::dense_ids`]).

use crate::dense_ids::{DenseIds, Lookup};
use hashbrown::HashTable;
use std::borrow::Cow;
use std::hash::BuildHasher;

/// A set of distinct ids, each with its index in insertion order.
#[derive(Default)]
pub struct IdTable {
    /// The ids that are not dense, each as a LEB128 length and its bytes.
    bytes: Vec<u8>,
    /// Per index: `DENSE | number` for a dense id, else where its length starts in `bytes`.
    refs: Vec<u32>,
    table: HashTable<Slot>,
    dense: DenseIds,
    state: foldhash::fast::FixedState,
}

/// The bit of a [`IdTable::refs`] entry that marks a dense id.
const DENSE: u32 = 1 << 31;

/// Bytes of an id kept in its table slot, so that finding a short id touches one cache line.
const INLINE: usize = 11;

/// A table entry: the id's index, and the id itself when it is short.
#[derive(Clone, Copy)]
struct Slot {
    ix: u32,
    /// Length of the id if at most [`INLINE`], else `u8::MAX`.
    len: u8,
    inline: [u8; INLINE],
}

impl Slot {
    fn new(ix: u32, id: &[u8]) -> Slot {
        let mut inline = [0u8; INLINE];
        let len = if id.len() <= INLINE {
            inline[..id.len()].copy_from_slice(id);
            id.len() as u8
        } else {
            u8::MAX
        };
        Slot { ix, len, inline }
    }

    fn matches(&self, id: &[u8], bytes: &[u8], refs: &[u32]) -> bool {
        if self.len == u8::MAX {
            id.len() > INLINE && stored(bytes, refs[self.ix as usize]) == id
        } else {
            usize::from(self.len) == id.len() && self.inline[..id.len()] == *id
        }
    }
}

impl std::fmt::Debug for IdTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdTable").field("len", &self.len()).finish()
    }
}

/// The id buffer is full (more than 2 GiB of ids that are not dense).
#[derive(Debug)]
pub struct IdsFull;

/// The bytes of a stored (not dense) id whose length starts at `start`.
fn stored(bytes: &[u8], start: u32) -> &[u8] {
    let mut at = start as usize;
    let mut len = 0usize;
    let mut shift = 0;
    loop {
        let b = bytes[at];
        at += 1;
        len |= usize::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    &bytes[at..at + len]
}

impl IdTable {
    /// Number of ids.
    pub fn len(&self) -> usize {
        self.refs.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.refs.is_empty()
    }

    /// The index of `id`, if present.
    pub fn get(&self, id: &str) -> Option<u32> {
        let id = id.as_bytes();
        if let Lookup::Dense(found) = self.dense.get(id) {
            return found;
        }
        let hash = self.state.hash_one(id);
        self.table
            .find(hash, |slot| slot.matches(id, &self.bytes, &self.refs))
            .map(|slot| slot.ix)
    }

    /// Adds an id that is not present yet and returns its index.
    pub fn insert(&mut self, id: &str) -> Result<u32, IdsFull> {
        let ix = u32::try_from(self.refs.len()).map_err(|_| IdsFull)?;
        let dense = self.dense.insert(id.as_bytes(), ix, self.refs.len() + 1);
        if let Some(n) = dense
            && n < u64::from(DENSE)
        {
            self.refs.push(DENSE | n as u32);
            return Ok(ix);
        }
        let start = u32::try_from(self.bytes.len())
            .ok()
            .filter(|_| self.bytes.len() + id.len() + 10 < DENSE as usize)
            .ok_or(IdsFull)?;
        let mut len = id.len();
        loop {
            let low = (len & 0x7f) as u8;
            len >>= 7;
            if len == 0 {
                self.bytes.push(low);
                break;
            }
            self.bytes.push(low | 0x80);
        }
        self.bytes.extend_from_slice(id.as_bytes());
        self.refs.push(start);
        if dense.is_some() {
            // In the slots, but with a number too large for a ref: kept as bytes too.
            return Ok(ix);
        }
        let hash = self.state.hash_one(id.as_bytes());
        let (bytes, refs, state) = (&self.bytes, &self.refs, &self.state);
        self.table
            .insert_unique(hash, Slot::new(ix, id.as_bytes()), |slot| {
                state.hash_one(stored(bytes, refs[slot.ix as usize]))
            });
        Ok(ix)
    }

    /// The id at `ix`: borrowed when it is kept as written, rebuilt from its number when it
    /// is dense.
    pub fn id(&self, ix: u32) -> Cow<'_, str> {
        let r = self.refs[ix as usize];
        if r & DENSE != 0 {
            return Cow::Owned(self.dense.id(u64::from(r & !DENSE)));
        }
        String::from_utf8_lossy(stored(&self.bytes, r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_interned_in_order_and_found_exactly() {
        let mut t = IdTable::default();
        assert_eq!(t.insert("L1").unwrap(), 0);
        assert_eq!(t.insert("l1").unwrap(), 1);
        assert_eq!(t.insert("").unwrap(), 2);
        assert_eq!(t.get("L1"), Some(0));
        assert_eq!(t.get("l1"), Some(1));
        assert_eq!(t.get(""), Some(2));
        assert_eq!(t.get("L2"), None);
        assert_eq!(t.id(1), "l1");
        assert!(matches!(t.id(1), Cow::Borrowed(_)));
        for i in 0..10_000 {
            t.insert(&format!("id-{i}")).unwrap();
        }
        assert_eq!(t.get("id-9999"), Some(10_002));
        assert_eq!(t.id(3), "id-0");
        let long = "x".repeat(300);
        let ix = t.insert(&long).unwrap();
        assert_eq!(t.get(&long), Some(ix));
        assert_eq!(t.get(&long[..299]), None);
        assert_eq!(t.get("elevenchars"), None);
        let eleven = t.insert("elevenchars").unwrap();
        let twelve = t.insert("elevenchars!").unwrap();
        assert_eq!(
            (t.get("elevenchars"), t.get("elevenchars!")),
            (Some(eleven), Some(twelve))
        );
    }

    #[test]
    fn sequential_and_other_ids_mix_in_one_table() {
        let mut t = IdTable::default();
        // The first id sets the dense form "L" + 4 digits; the others are hashed.
        let ids = [
            "L0002", "L0001", "L1", "L00001", "x-17", "L0003", "L9999999",
        ];
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(t.insert(id).unwrap(), i as u32);
        }
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(t.get(id), Some(i as u32), "{id}");
            assert_eq!(t.id(i as u32), *id);
        }
        for absent in ["L0000", "L0004", "L9999", "L2", "L0002 ", "l0002", "L000O"] {
            assert_eq!(t.get(absent), None, "{absent}");
        }
        // Far-out numbers of the dense form spill to the hash table and are still found.
        let far = "L".to_string() + &"9".repeat(4);
        let mut t = IdTable::default();
        t.insert("L0001").unwrap();
        assert_eq!(t.insert(&far).unwrap(), 1);
        assert_eq!(
            (t.get(&far), t.get("L0001"), t.get("L0002")),
            (Some(1), Some(0), None)
        );
        let mut t = IdTable::default();
        t.insert("L000000001").unwrap();
        let far = "L999999999";
        assert_eq!(t.insert(far).unwrap(), 1);
        assert_eq!((t.get(far), t.get("L000000002")), (Some(1), None));
    }
}
