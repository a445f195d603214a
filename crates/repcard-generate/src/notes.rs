//! The folder's `repcard.toml` and the manager's note on the last month, written from the
//! generated history's own numbers.

use super::clock::Month;
use super::company::RepProfile;
use super::rows::MonthText;
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// Won value per rep and month, and proposals sent per month: what the quotas and the note
/// are made from.
#[derive(Debug, Clone)]
pub(crate) struct History {
    months: usize,
    won: Vec<i64>,
    won_count: Vec<u64>,
    sent: Vec<(u64, i64)>,
}

impl History {
    /// An empty history for `reps` × `months`.
    pub(crate) fn new(reps: usize, months: usize) -> History {
        History {
            months,
            won: vec![0; reps * months],
            won_count: vec![0; reps * months],
            sent: vec![(0, 0); months],
        }
    }

    /// Adds what one creation month produced.
    pub(crate) fn add(&mut self, text: &MonthText) {
        for &(r, m, cents) in &text.won {
            self.won[r * self.months + m] += cents;
            self.won_count[r * self.months + m] += 1;
        }
        for &(m, cents) in &text.sent {
            self.sent[m].0 += 1;
            self.sent[m].1 += cents;
        }
    }

    /// Won value (cents) of rep `r` in every month.
    pub(crate) fn won_row(&self, r: usize) -> &[i64] {
        &self.won[r * self.months..(r + 1) * self.months]
    }

    /// Won value (cents) of rep `r` in month `m`.
    pub(crate) fn won(&self, r: usize, m: usize) -> i64 {
        self.won[r * self.months + m]
    }
}

/// `$1,234,567` from cents (whole dollars).
fn dollars(cents: i64) -> String {
    let whole = (cents / 100).to_string();
    let mut out = String::from("$");
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Writes `repcard.toml`.
pub(crate) fn write_settings(out_dir: &Path, company: &str) -> Result<()> {
    let path = out_dir.join(repcard_core::config::CONFIG_FILE);
    let text = format!(
        "# Settings for repcard (see the data contract for every key).\n\
         title = \"{company} — sales team report\"\n\
         currency = \"USD\"\n\
         period = \"month\"\n\
         timezone = \"America/Chicago\"\n\
         new_lead_window_days = 30\n\
         follow_up_target = 5\n"
    );
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// Writes `notes/<last month>.md`: a heading, a paragraph and a few bullets.
pub(crate) fn write_note(
    out_dir: &Path,
    reps: &[RepProfile],
    months: &[Month],
    history: &History,
) -> Result<()> {
    let Some(last) = months.len().checked_sub(1) else {
        return Ok(());
    };
    let month = &months[last];
    let name = month.label[5..]
        .parse::<usize>()
        .ok()
        .and_then(|m| repcard_core::period::MONTH_NAMES.get(m.wrapping_sub(1)))
        .copied()
        .unwrap_or("This month");
    let active: Vec<usize> = (0..reps.len())
        .filter(|&r| reps[r].employed_in(month))
        .collect();
    let won: i64 = active.iter().map(|&r| history.won(r, last)).sum();
    let deals: u64 = active
        .iter()
        .map(|&r| history.won_count[r * history.months + last])
        .sum();
    let quota: i64 = active.iter().filter_map(|&r| reps[r].quota_cents).sum();
    let at_quota = active
        .iter()
        .filter(|&&r| {
            reps[r]
                .quota_cents
                .is_some_and(|q| history.won(r, last) >= q)
        })
        .count();
    let top = active
        .iter()
        .copied()
        .max_by_key(|&r| (history.won(r, last), std::cmp::Reverse(r)));
    let mut teams: BTreeMap<&str, i64> = BTreeMap::new();
    for &r in &active {
        *teams.entry(reps[r].team.as_str()).or_default() += history.won(r, last);
    }
    let best_team = teams
        .iter()
        .max_by_key(|(name, v)| (**v, std::cmp::Reverse(**name)));
    let (sent, sent_value) = history.sent[last];

    let mut md = String::new();
    let year = &month.label[..4];
    let _ = writeln!(md, "# {name} {year}: notes from the sales floor\n");
    let attainment = if quota > 0 {
        format!(
            " ({:.0} % of the combined quota)",
            won as f64 * 100.0 / quota as f64
        )
    } else {
        String::new()
    };
    let _ = write!(
        md,
        "We closed {} across {deals} deals in {name}{attainment}. {at_quota} of {} reps reached \
         their quota.",
        dollars(won),
        active.len()
    );
    if let Some(r) = top.filter(|&r| history.won(r, last) > 0) {
        let _ = write!(
            md,
            " {} led the board with {} won",
            reps[r].name,
            dollars(history.won(r, last))
        );
        match best_team {
            Some((team, v)) if teams.len() > 1 => {
                let _ = write!(
                    md,
                    ", and the {team} team had the strongest month ({}).",
                    dollars(*v)
                );
            }
            _ => md.push('.'),
        }
    }
    md.push_str("\n\n");
    let _ = writeln!(
        md,
        "- Pipeline: {sent} proposals went out this month, worth {} in total.",
        dollars(sent_value)
    );
    let _ = writeln!(
        md,
        "- Follow-up: too many new leads still get one or two calls and are dropped; the target \
         is five touches before we let a lead go."
    );
    let _ = writeln!(
        md,
        "- Next month: chase proposals open for more than 30 days, and revisit dormant leads \
         from the spring campaigns."
    );
    let dir = out_dir.join("notes");
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join(format!("{}.md", month.label));
    std::fs::write(&path, md).with_context(|| format!("cannot write {}", path.display()))
}
