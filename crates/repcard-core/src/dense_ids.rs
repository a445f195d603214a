//! Sequential ids (`L0284322`, `R110`, `10493`) looked up without hashing: when the ids of a
//! table share one prefix and one number of digits, the number itself indexes an array of
//! slots. That array is 4 bytes per id instead of a hash-table slot of 16, and finding an id
//! touches one slot instead of a control group and a slot scattered over a large table (the
//! lead lookup of every activity was 40 % of a 10 M-activity run's cycles).
//!
//! The form (prefix and digit count) is the first id's; an id of exactly that form maps to
//! exactly one number and back, so a slot needs no copy of the id to be compared. Ids of
//! another form, and numbers too sparse for the array, are left to the caller's hash table.

/// The slots of the ids of one form: `slots[n]` is the index of the id whose number is `n`,
/// plus one (0 = no such id).
#[derive(Default, Clone)]
pub(crate) struct DenseIds {
    /// The form: the first id's, once there is one; `None` when it has no trailing digits.
    form: Option<Form>,
    /// Whether the form was taken from the first id yet.
    decided: bool,
    slots: Vec<u32>,
    /// Some id of the form was left to the hash table (its number was too far out).
    pub(crate) spilled: bool,
}

/// Any prefix, then a fixed count of ASCII digits.
#[derive(Clone)]
struct Form {
    prefix: Box<[u8]>,
    digits: usize,
}

/// The most digits a dense id may have (its number fits a `u64`).
const MAX_DIGITS: usize = 18;

/// Slots the array may always grow to, however few ids there are.
const MIN_SPAN: u64 = 1 << 16;

impl Form {
    /// The form of `id`: its trailing digits and what is before them.
    fn of(id: &[u8]) -> Option<Form> {
        let digits = id.iter().rev().take_while(|b| b.is_ascii_digit()).count();
        (1..=MAX_DIGITS).contains(&digits).then(|| Form {
            prefix: id[..id.len() - digits].into(),
            digits,
        })
    }

    /// The number of `id` when it has this form.
    fn number(&self, id: &[u8]) -> Option<u64> {
        // Compared byte by byte: prefixes are a few bytes, shorter than a call to `memcmp`.
        if id.len() != self.prefix.len() + self.digits
            || !self.prefix.iter().zip(id).all(|(p, b)| p == b)
        {
            return None;
        }
        let mut n = 0u64;
        for &b in &id[self.prefix.len()..] {
            if !b.is_ascii_digit() {
                return None;
            }
            n = n * 10 + u64::from(b - b'0');
        }
        Some(n)
    }
}

/// Where an id is to be found.
pub(crate) enum Lookup {
    /// In the slots: the index, if present.
    Dense(Option<u32>),
    /// Not of the dense form (or maybe spilled): ask the hash table.
    Hashed,
}

impl DenseIds {
    /// Finds `id` among the dense ids.
    #[inline]
    pub(crate) fn get(&self, id: &[u8]) -> Lookup {
        let Some(n) = self.form.as_ref().and_then(|f| f.number(id)) else {
            return Lookup::Hashed;
        };
        match self.slots.get(n as usize).copied() {
            Some(s) if s != 0 => Lookup::Dense(Some(s - 1)),
            _ if self.spilled => Lookup::Hashed,
            _ => Lookup::Dense(None),
        }
    }

    /// Records the new id `id` (not present yet) at index `ix`, given that `count` ids are
    /// known in all: its number, or `None` when it is left to the hash table.
    pub(crate) fn insert(&mut self, id: &[u8], ix: u32, count: usize) -> Option<u64> {
        if !self.decided {
            self.decided = true;
            self.form = Form::of(id);
        }
        let n = self.form.as_ref().and_then(|f| f.number(id))?;
        let slot = ix.checked_add(1)?;
        // The array stays at most a few slots per id: sparse numbers go to the hash table.
        let limit = (count as u64).saturating_mul(4).max(MIN_SPAN);
        if n >= limit {
            self.spilled = true;
            return None;
        }
        let i = n as usize;
        if i >= self.slots.len() {
            // Vec's own doubling reserves ahead; only slots up to `n` are written.
            self.slots.resize(i + 1, 0);
        }
        self.slots[i] = slot;
        Some(n)
    }

    /// The id of the form whose number is `n` (one that [`DenseIds::insert`] took).
    pub(crate) fn id(&self, n: u64) -> String {
        let Some(form) = &self.form else {
            return String::new();
        };
        format!(
            "{}{n:0width$}",
            String::from_utf8_lossy(&form.prefix),
            width = form.digits
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(d: &DenseIds, id: &str) -> Option<Option<u32>> {
        match d.get(id.as_bytes()) {
            Lookup::Dense(ix) => Some(ix),
            Lookup::Hashed => None,
        }
    }

    #[test]
    fn the_first_id_sets_the_form_and_only_that_form_is_dense() {
        let mut d = DenseIds::default();
        assert_eq!(d.insert(b"L0000007", 0, 1), Some(7));
        assert_eq!(d.insert(b"L0000003", 1, 2), Some(3));
        assert_eq!((d.id(7), d.id(3)), ("L0000007".into(), "L0000003".into()));
        // Other digit counts, prefixes or trailing letters are the hash table's.
        assert_eq!(d.insert(b"L7", 2, 3), None);
        assert_eq!(d.insert(b"l0000009", 3, 4), None);
        assert_eq!(d.insert(b"L000000X", 4, 5), None);
        assert_eq!(found(&d, "L0000007"), Some(Some(0)));
        assert_eq!(found(&d, "L0000003"), Some(Some(1)));
        // Same form, never inserted: definitely absent.
        assert_eq!(found(&d, "L0000004"), Some(None));
        assert_eq!(found(&d, "L9999999"), Some(None));
        assert_eq!(found(&d, "L7"), None);
        assert_eq!(found(&d, "L00000007"), None);
    }

    #[test]
    fn sparse_numbers_spill_and_then_misses_ask_the_hash_table() {
        let mut d = DenseIds::default();
        // 10^12 with two ids known: far too sparse for the array.
        assert_eq!(d.insert(b"000000000001", 0, 1), Some(1));
        assert_eq!(d.insert(b"999999999999", 1, 2), None);
        assert!(d.spilled);
        assert_eq!(found(&d, "000000000001"), Some(Some(0)));
        assert_eq!(found(&d, "999999999999"), None);
        assert_eq!(found(&d, "000000000002"), None);
    }

    #[test]
    fn ids_without_trailing_digits_are_never_dense() {
        let mut d = DenseIds::default();
        assert_eq!(d.insert(b"alpha", 0, 1), None);
        assert_eq!(d.insert(b"beta", 1, 2), None);
        assert_eq!(found(&d, "alpha"), None);
        // The first id decides: one with too many digits leaves every later id hashed,
        // even one that would have a form of its own.
        let mut d = DenseIds::default();
        assert_eq!(d.insert(b"1234567890123456789", 0, 1), None);
        assert_eq!(d.insert(b"L1", 1, 2), None);
        assert_eq!(found(&d, "1234567890123456789"), None);
    }
}
