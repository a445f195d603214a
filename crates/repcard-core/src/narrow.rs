//! A column of small indices (a lead's owner, source, score) kept in two bytes apiece while
//! every value fits, widened to four bytes the first time one does not: millions of leads
//! rarely name more than 65 536 reps, sources or distinct scores, and then it costs half.

/// Indices in insertion order, two or four bytes each.
#[derive(Debug, Clone)]
pub(crate) enum Narrow {
    /// Every value so far fits in 16 bits.
    Short(Vec<u16>),
    /// Some value did not.
    Wide(Vec<u32>),
}

impl Default for Narrow {
    fn default() -> Self {
        Narrow::Short(Vec::new())
    }
}

impl Narrow {
    /// Appends `value`, widening the column when it needs more than 16 bits.
    pub(crate) fn push(&mut self, value: u32) {
        match self {
            Narrow::Short(v) => match u16::try_from(value) {
                Ok(short) => v.push(short),
                Err(_) => {
                    let mut wide: Vec<u32> = Vec::with_capacity(v.len() * 2 + 1);
                    wide.extend(v.iter().map(|&s| u32::from(s)));
                    wide.push(value);
                    *self = Narrow::Wide(wide);
                }
            },
            Narrow::Wide(v) => v.push(value),
        }
    }

    /// The value at `i`.
    #[inline]
    pub(crate) fn get(&self, i: usize) -> u32 {
        match self {
            Narrow::Short(v) => u32::from(v[i]),
            Narrow::Wide(v) => v[i],
        }
    }

    /// Number of values.
    pub(crate) fn len(&self) -> usize {
        match self {
            Narrow::Short(v) => v.len(),
            Narrow::Wide(v) => v.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_stay_two_bytes_until_one_needs_more_and_none_change() {
        let mut n = Narrow::default();
        let values = [0u32, 7, 65_535, 3];
        for v in values {
            n.push(v);
        }
        assert!(matches!(n, Narrow::Short(_)));
        n.push(65_536);
        n.push(9);
        n.push(u32::MAX);
        assert!(matches!(n, Narrow::Wide(_)));
        let all: Vec<u32> = (0..n.len()).map(|i| n.get(i)).collect();
        assert_eq!(all, [0, 7, 65_535, 3, 65_536, 9, u32::MAX]);
    }
}
