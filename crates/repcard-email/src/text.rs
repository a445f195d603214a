//! The email's plain-text part: the five metrics with changes, the headline questions, the
//! leaders and the reps to help, for clients (and people) that read no HTML.

use repcard_report::site::Digest;
use std::fmt::Write;

/// Lines are wrapped at this many characters where they can be.
const WIDTH: usize = 72;

/// Wraps `text` at word boundaries, every line after the first indented by `indent`.
fn wrap(text: &str, first: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split(' ') {
        let len = line.chars().count() + 1 + word.chars().count();
        if !empty && len > WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            line = indent.to_string();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

fn heading(out: &mut String, title: &str) {
    out.push('\n');
    out.push_str(title);
    out.push('\n');
    out.push_str(&"-".repeat(title.chars().count()));
    out.push('\n');
}

/// The plain-text report; `link` is the period's page on the published site; at most
/// `help_shown` reps to help are named.
pub(crate) fn plain(d: &Digest, link: Option<&str>, help_shown: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", d.title);
    let _ = writeln!(out, "{} ({}, {} reps)", d.name, d.dates, d.rep_count);
    if let Some(link) = link {
        let _ = writeln!(out, "Every rep's figures: {link}");
    }

    if !d.restated.is_empty() {
        heading(&mut out, "Restated since published");
        let names: Vec<&str> = d.restated.iter().map(|l| l.name.as_str()).collect();
        out.push_str(&wrap(
            &format!(
                "Figures of {} changed after they were archived; each period's page shows what changed, published -> now.",
                names.join(", ")
            ),
            "",
            "",
        ));
    }

    heading(&mut out, "The headline questions");
    for s in &d.sentences {
        out.push_str(&wrap(s, "* ", "  "));
    }

    heading(&mut out, "The five metrics");
    for c in &d.cards {
        let _ = writeln!(out, "{}: {}", c.label, c.value);
        out.push_str(&wrap(&c.detail, "  ", "  "));
        if c.changes.is_empty() {
            out.push_str("  No earlier period to compare with.\n");
        }
        for ch in &c.changes {
            out.push_str(&wrap(&format!("{} vs {}", ch.text, ch.against), "  ", "  "));
        }
    }

    heading(&mut out, "Leaders to reward");
    if d.leaders.is_empty() {
        let _ = writeln!(out, "Nothing was won in {}.", d.name);
    }
    for r in &d.leaders {
        let team = r
            .team
            .as_ref()
            .map(|t| format!(" ({})", t.name))
            .unwrap_or_default();
        let attainment = if r.attainment.is_empty() {
            String::new()
        } else {
            format!(", {} of quota", r.attainment)
        };
        out.push_str(&wrap(
            &format!(
                "{}{team}: won {}{attainment}, {} proposals",
                r.rep.name, r.won_value, r.proposals
            ),
            &format!("{}. ", r.rank),
            "   ",
        ));
    }

    heading(&mut out, "Reps to help");
    if d.help.is_empty() {
        let _ = writeln!(out, "No rep stands out against their team in {}.", d.name);
    }
    for h in d.help.iter().take(help_shown) {
        let _ = writeln!(out, "{} ({})", h.name, h.team);
        for r in &h.reasons {
            out.push_str(&wrap(r, "  - ", "    "));
        }
    }
    if d.help.len() > help_shown {
        let _ = writeln!(
            out,
            "… and {} more reps with coaching notes on their pages.",
            d.help.len() - help_shown
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_words_and_indents() {
        let text = "word ".repeat(30);
        let w = wrap(text.trim(), "* ", "  ");
        for line in w.lines() {
            assert!(line.chars().count() <= WIDTH, "{line:?}");
        }
        assert!(w.starts_with("* word"));
        assert!(w.lines().nth(1).unwrap().starts_with("  word"));
        assert_eq!(wrap("x", "", ""), "x\n");
    }
}
