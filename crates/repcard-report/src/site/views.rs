//! What pages share: links, the figures table's cells, headline sentences, coaching flags
//! and changes in plain words. Formatting only: every number comes from `metrics`.

use super::Site;
use super::money::{
    count, money, percent, push_count, push_money, push_percent, rate, signed_count, signed_money,
    signed_percent,
};
use crate::{NOT_AVAILABLE, Provenance};
use repcard_core::model::{Money, RepIx};
use repcard_metrics::coaching::{Flag, FlagKind};
use repcard_metrics::compare::{Change, Measure};
use repcard_metrics::{Figures, Headline};
use rust_decimal::Decimal;
use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};

/// A link with its text, relative to the page it is on.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Link text.
    pub name: String,
    /// Relative URL.
    pub href: String,
}

/// What the layout shows on every page.
#[derive(Debug, Serialize)]
struct Common {
    /// The report's title.
    title: String,
    /// This page's title.
    page_title: String,
    /// Relative path to the site root (`""` or `"../../"`).
    root: String,
    /// The newest period's page, if any.
    latest: Option<Link>,
    /// Rejected rows, for the data-quality link.
    rejects: usize,
    /// The metrics file the figures came from (`build --metrics`), if any.
    metrics_file: Option<String>,
}

/// The headers of the figures table, after its first (name) column: what a head of sales
/// reads first (won value, attainment) on the left, the activity behind it to the right.
pub(super) const FIGURE_COLUMNS: [&str; 15] = [
    "Won value",
    "Attainment",
    "Quota",
    "Won",
    "Proposals",
    "Proposal value",
    "Average proposal",
    "New leads",
    "Qualified",
    "Leads engaged",
    "Never engaged, at target",
    "Calls to new leads",
    "Calls to previous leads",
    "Follow-up calls (engaged)",
    "Meetings",
];

/// A row of a figures table: a name cell (linked or not) and the figure cells.
#[derive(Serialize)]
pub(super) struct FigureRow<'a> {
    /// `rep`, `team` or `company` (for styling).
    pub kind: &'static str,
    /// First cell.
    pub name: String,
    /// Link for the first cell.
    pub href: Option<String>,
    /// Second cell (team or period), optional.
    pub sub: Option<Link>,
    /// The figures, formatted, in [`FIGURE_COLUMNS`] order.
    pub cells: Cells<'a>,
}

/// The figure cells of a rep, team or company in [`FIGURE_COLUMNS`] order: each is
/// formatted into one buffer and written straight into the page's context when the row is
/// serialized (no vector of owned strings first).
pub(super) struct Cells<'a> {
    site: &'a Site<'a>,
    figures: &'a Figures,
    quota: Option<Money>,
    attainment: Option<Decimal>,
}

impl Serialize for Cells<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (f, currency) = (self.figures, &self.site.input.config.currency);
        let mut cell = String::with_capacity(32);
        let mut seq = s.serialize_seq(Some(FIGURE_COLUMNS.len()))?;
        let mut push = |write: &dyn Fn(&mut String)| {
            cell.clear();
            write(&mut cell);
            seq.serialize_element(cell.as_str())
        };
        push(&|c| push_money(c, f.won_value, currency))?;
        push(&|c| {
            if let Some(a) = self.attainment {
                push_percent(c, a);
            }
        })?;
        push(&|c| {
            if let Some(q) = self.quota {
                push_money(c, q, currency);
            }
        })?;
        push(&|c| push_count(c, f.won_count))?;
        push(&|c| push_count(c, f.proposals))?;
        push(&|c| push_money(c, f.proposal_value, currency))?;
        push(&|c| {
            if let Some(m) = f.average_proposal() {
                push_money(c, m, currency);
            }
        })?;
        push(&|c| push_count(c, f.leads_created))?;
        push(&|c| push_count(c, f.leads_qualified))?;
        push(&|c| push_count(c, f.leads_engaged))?;
        push(&|c| push_count(c, f.leads_unengaged_at_target))?;
        push(&|c| push_count(c, f.calls_new))?;
        push(&|c| push_count(c, f.calls_previous))?;
        push(&|c| push_count(c, f.calls_engaged))?;
        push(&|c| push_count(c, f.meetings))?;
        seq.end()
    }
}

/// A change against a baseline period, in words.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    /// The baseline's name ("September 2026").
    pub against: String,
    /// "+12 (+18 %)".
    pub text: String,
    /// `up`, `down` or `flat`.
    pub direction: &'static str,
}

impl Site<'_> {
    /// The page context with the shared layout values; `depth` is how many folders down the
    /// page is.
    pub(super) fn context(&self, page_title: &str, depth: usize) -> (tera::Context, String) {
        let root = "../".repeat(depth);
        let metrics = self.input.metrics;
        let common = Common {
            title: self.input.config.title.clone(),
            page_title: page_title.to_string(),
            latest: metrics.periods.len().checked_sub(1).map(|i| Link {
                name: self.period_name(i),
                href: format!("{root}{}", self.period_path(i)),
            }),
            rejects: self.input.ingested.rejects.len(),
            root: root.clone(),
            metrics_file: match self.input.provenance {
                Provenance::Rows => None,
                Provenance::MetricsFile { name, .. } => Some(name.clone()),
            },
        };
        let mut ctx = tera::Context::new();
        ctx.insert("site", &common);
        (ctx, root)
    }

    /// What a page says where it needs row-level detail; `None` when the figures came from rows.
    pub(super) fn not_available(&self) -> Option<&'static str> {
        (!self.input.provenance.has_rows()).then_some(NOT_AVAILABLE)
    }

    /// Money in the report currency.
    pub(super) fn money(&self, m: Money) -> String {
        money(m, &self.input.config.currency)
    }

    /// A period's readable name by position.
    pub(super) fn period_name(&self, i: usize) -> String {
        self.input
            .config
            .calendar
            .display_name(self.input.metrics.periods[i].period)
    }

    /// A rep's display name (the id when the name is empty).
    pub(super) fn rep_name(&self, r: RepIx) -> &str {
        let rep = &self.input.ingested.dataset.reps[r as usize];
        if rep.name.is_empty() {
            &rep.id
        } else {
            &rep.name
        }
    }

    /// A link to a rep's page.
    pub(super) fn rep_link(&self, r: RepIx, root: &str) -> Link {
        Link {
            name: self.rep_name(r).to_string(),
            href: format!("{root}{}", self.rep_path(r)),
        }
    }

    /// A link to a team's page by name.
    pub(super) fn team_link(&self, name: &str, root: &str) -> Option<Link> {
        self.team_index(name).map(|t| Link {
            name: team_name(name).to_string(),
            href: format!("{root}{}", self.team_path(t)),
        })
    }

    /// A link to a period's page by position.
    pub(super) fn period_link(&self, i: usize, root: &str) -> Link {
        Link {
            name: self.period_name(i),
            href: format!("{root}{}", self.period_path(i)),
        }
    }

    /// The figure cells of a rep, team or company.
    pub(super) fn cells<'a>(
        &'a self,
        figures: &'a Figures,
        quota: Option<Money>,
        attainment: Option<Decimal>,
    ) -> Cells<'a> {
        Cells {
            site: self,
            figures,
            quota,
            attainment,
        }
    }

    /// The three headline questions as sentences.
    pub(super) fn headline_sentences(&self, h: &Headline, period: &str) -> Vec<String> {
        let target = self.input.metrics.follow_up_target;
        let mut out = Vec::new();
        out.push(match h.quota_reached_share {
            Some(s) => format!(
                "{} of {} {} with a quota ({}) reached quota in {period}.",
                count(h.reps_at_quota),
                count(h.reps_with_quota),
                plural(h.reps_with_quota, "rep", "reps"),
                percent(s)
            ),
            None => format!("No rep had a quota in {period}."),
        });
        out.push(match (h.concentration_reps, h.concentration_share) {
            (Some(k), Some(s)) => format!(
                "{} {} ({} of {}) made 80\u{a0}% of won value.",
                count(k),
                plural(k, "rep", "reps"),
                percent(s),
                count(h.reps)
            ),
            _ => format!("Nothing was won in {period}."),
        });
        out.push(match (h.persistence_at_target_share, h.persistence_one_touch_share) {
            _ if self.not_available().is_some() => format!(
                "How many calls the never-engaged leads created in {period} got is {}",
                NOT_AVAILABLE.replacen("Not available", "not available", 1)
            ),
            (Some(at), Some(one)) => format!(
                "{} of never-engaged leads created in {period} got {target} or more calls; {} got exactly one ({} leads).",
                percent(at),
                percent(one),
                count(h.unengaged_leads)
            ),
            _ => format!("No lead created in {period} is still unengaged."),
        });
        out
    }

    /// A change against a baseline, in words.
    pub(super) fn change(&self, m: Measure, c: &Change, against: String) -> ChangeView {
        let abs = if m.is_money() {
            signed_money(c.change, &self.input.config.currency)
        } else {
            signed_count(c.change)
        };
        let text = match c.relative {
            Some(r) => format!("{abs} ({})", signed_percent(r)),
            None => abs,
        };
        ChangeView {
            against,
            text,
            direction: direction(c),
        }
    }
}

/// `up`, `down` or `flat`: a change within ±1 % of the baseline reads as flat (■), so that
/// noise never gets a red ▼ or a green ▲.
pub(super) fn direction(c: &Change) -> &'static str {
    let within_one_percent = c.relative.is_some_and(|r| r.abs() < Decimal::new(1, 2));
    if within_one_percent || c.change.is_zero() {
        "flat"
    } else if c.change > Decimal::ZERO {
        "up"
    } else {
        "down"
    }
}

/// A team's display name ("No team" for reps without one).
pub(super) fn team_name(name: &str) -> &str {
    if name.is_empty() { "No team" } else { name }
}

/// The singular or plural noun for a count.
pub(super) fn plural(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// A coaching flag in plain words.
pub(super) fn flag_sentence(f: &Flag, period: &str) -> String {
    match f.kind {
        FlagKind::ShallowFollowUp { max_touches } => format!(
            "Stopped after {} on {} of the {} never-engaged leads created in {period}; team median {}.",
            if max_touches >= 2 {
                "one or two calls"
            } else {
                "one call"
            },
            percent(f.rep_value),
            count(f.base),
            percent(f.team_median)
        ),
        FlagKind::FewCallsPerNewLead => format!(
            "Made {} calls to new leads per lead created in {period} ({} leads); team median {}.",
            rate(f.rep_value),
            count(f.base),
            rate(f.team_median)
        ),
        FlagKind::LowAttainment => format!(
            "Reached {} of quota in {period}; team median {}.",
            percent(f.rep_value),
            percent(f.team_median)
        ),
        FlagKind::FewProposals => format!(
            "Made {} {} in {period}; team median {}.",
            count(f.base),
            plural(f.base, "proposal", "proposals"),
            rate(f.team_median).trim_end_matches(".0")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(change: i64, relative: Option<Decimal>) -> Change {
        Change {
            then: Decimal::from(1000),
            change: Decimal::from(change),
            relative,
        }
    }

    #[test]
    fn changes_within_one_percent_are_flat() {
        // −3 on 1,000 is −0.3 %: flat, not a red ▼.
        assert_eq!(direction(&change(-3, Some(Decimal::new(-30, 4)))), "flat");
        assert_eq!(direction(&change(9, Some(Decimal::new(99, 4)))), "flat");
        assert_eq!(direction(&change(10, Some(Decimal::new(100, 4)))), "up");
        assert_eq!(direction(&change(-12, Some(Decimal::new(-120, 4)))), "down");
        // No baseline to compare with (from zero): the sign decides.
        assert_eq!(direction(&change(5, None)), "up");
        assert_eq!(direction(&change(0, None)), "flat");
    }
}
