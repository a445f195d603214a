//! Ids interned once: every id's bytes live in one buffer, looked up through a hash table of
//! indices, so millions of leads cost a few bytes each instead of a `String` apiece.

use hashbrown::HashTable;
use std::hash::BuildHasher;

/// A set of distinct ids, each with its index in insertion order.
#[derive(Default)]
pub struct IdTable {
    bytes: Vec<u8>,
    ends: Vec<u32>,
    table: HashTable<u32>,
    state: foldhash::fast::FixedState,
}

impl std::fmt::Debug for IdTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdTable").field("len", &self.len()).finish()
    }
}

/// The id buffer is full (more than 4 GiB of ids).
#[derive(Debug)]
pub struct IdsFull;

fn slice<'a>(bytes: &'a [u8], ends: &[u32], ix: u32) -> &'a [u8] {
    let i = ix as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    &bytes[start..ends[i] as usize]
}

impl IdTable {
    /// Number of ids.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The index of `id`, if present.
    pub fn get(&self, id: &str) -> Option<u32> {
        let hash = self.state.hash_one(id.as_bytes());
        self.table
            .find(hash, |&ix| {
                slice(&self.bytes, &self.ends, ix) == id.as_bytes()
            })
            .copied()
    }

    /// Adds an id that is not present yet and returns its index.
    pub fn insert(&mut self, id: &str) -> Result<u32, IdsFull> {
        let end = u32::try_from(self.bytes.len() + id.len()).map_err(|_| IdsFull)?;
        let ix = self.ends.len() as u32;
        self.bytes.extend_from_slice(id.as_bytes());
        self.ends.push(end);
        let hash = self.state.hash_one(id.as_bytes());
        let (bytes, ends, state) = (&self.bytes, &self.ends, &self.state);
        self.table
            .insert_unique(hash, ix, |&i| state.hash_one(slice(bytes, ends, i)));
        Ok(ix)
    }

    /// The id at `ix`.
    pub fn id(&self, ix: u32) -> &str {
        std::str::from_utf8(slice(&self.bytes, &self.ends, ix)).unwrap_or("")
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
        for i in 0..10_000 {
            t.insert(&format!("id-{i}")).unwrap();
        }
        assert_eq!(t.get("id-9999"), Some(10_002));
        assert_eq!(t.id(3), "id-0");
    }
}
