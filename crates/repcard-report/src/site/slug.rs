//! Safe, unique, stable path segments for reps and teams.

use std::collections::{BTreeMap, BTreeSet};

/// Longest slug before any disambiguating suffix.
const MAX_LEN: usize = 40;

/// The readable part: lower-case ASCII letters and digits, other runs become one `-`; empty
/// when the id has no ASCII letter or digit.
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
    out.trim_end_matches('-').to_string()
}

/// Windows refuses these as a file or folder name in any case (`con`, `Com1`), so a site
/// copied to a Windows share would lose the page; they always get a tag.
fn reserved_on_windows(base: &str) -> bool {
    match base {
        "con" | "prn" | "aux" | "nul" => true,
        _ => {
            let (head, digit) = base.split_at(base.len().min(3));
            (head == "com" || head == "lpt")
                && digit.len() == 1
                && digit.as_bytes()[0].is_ascii_digit()
        }
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
/// get a tag from their exact text, so a slug doesn't change when another id comes or goes;
/// so do ids with no readable part and ids whose readable part is a name Windows reserves
/// (`CON`, `nul`, `COM1`).
pub(super) fn slugs(ids: &[&str]) -> Vec<String> {
    let bases: Vec<String> = ids.iter().map(|id| base(id)).collect();
    let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
    for b in &bases {
        *uses.entry(b.as_str()).or_default() += 1;
    }
    let mut taken = BTreeSet::new();
    let mut out = Vec::with_capacity(ids.len());
    for (id, b) in ids.iter().zip(&bases) {
        let needs_tag = b.is_empty() || uses[b.as_str()] > 1 || reserved_on_windows(b);
        // Nothing readable (`..`, `😀`): `x` and the tag, never an empty segment.
        let b = if b.is_empty() { "x" } else { b.as_str() };
        let mut slug = if needs_tag {
            format!("{b}-{}", tag(id))
        } else {
            b.to_string()
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
    fn windows_reserved_names_get_a_tag() {
        let ids = [
            "CON", "prn", "Aux", "NUL", "COM1", "com9", "LPT1", "lpt9", "COM0", "LPT0",
        ];
        for (id, s) in ids.iter().zip(slugs(&ids)) {
            assert!(ok(&s), "{s:?}");
            assert!(!reserved_on_windows(&s), "{id} -> {s}");
            assert_eq!(s, format!("{}-{}", id.to_lowercase(), tag(id)));
        }
    }

    #[test]
    fn near_reserved_names_stay_readable() {
        assert_eq!(
            slugs(&["console", "com10", "com", "lpt", "AUX.txt", "nul-1"]),
            ["console", "com10", "com", "lpt", "aux-txt", "nul-1"]
        );
    }

    #[test]
    fn every_hostile_id_of_issue_6_gets_its_own_safe_slug() {
        let long = "é".repeat(300);
        let ids = [
            "../../etc",
            "CON",
            "NUL",
            "a/b",
            "a\\b",
            "\u{1F600}",
            "\u{1F680}\u{1F680}",
            long.as_str(),
            "Ann",
            "ann",
            "..",
            ".",
            "!!!",
            "Ann Lee",
            "ann-lee",
            " ",
        ];
        let s = slugs(&ids);
        for (id, x) in ids.iter().zip(&s) {
            assert!(ok(x), "{id:?} -> {x:?}");
            assert!(!reserved_on_windows(x), "{id:?} -> {x:?}");
        }
        let unique: BTreeSet<&String> = s.iter().collect();
        assert_eq!(unique.len(), s.len(), "{s:?}");
        // Stable: the same ids give the same slugs, and so does each id alone or in another
        // order, unless it collides with another.
        assert_eq!(slugs(&ids), s);
        let mut reversed = ids;
        reversed.reverse();
        let mut back = slugs(&reversed);
        back.reverse();
        assert_eq!(back, s);
        assert_eq!(slugs(&["../../etc"]), ["etc"]);
        assert_eq!(slugs(&[".."]), [format!("x-{}", tag(".."))]);
        assert_eq!(slugs(&["x"]), ["x"]);
    }

    #[test]
    fn a_tagged_slug_cannot_collide_with_a_plain_one() {
        let t = format!("ab-{}", tag("AB"));
        let s = slugs(&["AB", "ab", &t]);
        let unique: BTreeSet<&String> = s.iter().collect();
        assert_eq!(unique.len(), 3);
    }
}
