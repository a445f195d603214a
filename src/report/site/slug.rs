//! Safe, unique, stable path segments for reps and teams.

use std::collections::{BTreeMap, BTreeSet};

/// Longest slug before any disambiguating suffix.
const MAX_LEN: usize = 40;

/// The readable part: lower-case ASCII letters and digits, other runs become one `-`.
fn base(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= MAX_LEN {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "x".to_string()
    } else {
        out.to_string()
    }
}

/// FNV-1a of the exact id: a short, stable tag that tells apart ids with the same base.
fn tag(id: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in id.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{:06x}", h & 0x00ff_ffff)
}

/// One slug per id, in the same order: `[a-z0-9-]`, never empty, at most 40 characters plus
/// a suffix. Ids whose readable parts collide (e.g. differ only by case or punctuation) all
/// get a tag from their exact text, so a slug doesn't change when another id comes or goes.
pub fn slugs(ids: &[&str]) -> Vec<String> {
    let bases: Vec<String> = ids.iter().map(|id| base(id)).collect();
    let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
    for b in &bases {
        *uses.entry(b.as_str()).or_default() += 1;
    }
    let mut taken = BTreeSet::new();
    let mut out = Vec::with_capacity(ids.len());
    for (id, b) in ids.iter().zip(&bases) {
        let mut slug = if uses[b.as_str()] > 1 {
            format!("{b}-{}", tag(id))
        } else {
            b.clone()
        };
        let mut n = 2;
        while taken.contains(&slug) {
            slug = format!("{b}-{}-{n}", tag(id));
            n += 1;
        }
        taken.insert(slug.clone());
        out.push(slug);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> bool {
        !s.is_empty()
            && s.len() <= MAX_LEN + 12
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
    }

    #[test]
    fn readable_ids_keep_their_text() {
        assert_eq!(
            slugs(&["r-001", "Ann Lee", "Zoë Østergaard"]),
            ["r-001", "ann-lee", "zo-stergaard"]
        );
    }

    #[test]
    fn ids_differing_only_by_case_get_distinct_tagged_slugs() {
        let s = slugs(&["AB", "ab", "cd"]);
        assert_ne!(s[0], s[1]);
        assert!(s[0].starts_with("ab-") && s[1].starts_with("ab-"));
        assert_eq!(s[2], "cd");
    }

    #[test]
    fn hostile_ids_become_safe_bounded_segments() {
        let long = "a".repeat(500);
        let ids = [
            "..",
            "../../etc/passwd",
            "/",
            "",
            "<script>alert(1)</script>",
            long.as_str(),
            "日本",
        ];
        let s = slugs(&ids);
        for x in &s {
            assert!(ok(x), "{x:?}");
        }
        let unique: BTreeSet<&String> = s.iter().collect();
        assert_eq!(unique.len(), s.len());
        assert_eq!(s[1], "etc-passwd");
    }

    #[test]
    fn a_tagged_slug_cannot_collide_with_a_plain_one() {
        let t = format!("ab-{}", tag("AB"));
        let s = slugs(&["AB", "ab", &t]);
        let unique: BTreeSet<&String> = s.iter().collect();
        assert_eq!(unique.len(), 3);
    }
}
