//! lead-sources.html: for the leads created in the newest period and in the last 12
//! periods, what became of each lead source and each score band. Every count and rate is
//! computed by `repcard_metrics::origins`; this only lays them out.

use super::Site;
use super::money::{count, percent};
use repcard_metrics::origins::{Funnel, last_periods};
use serde::Serialize;

/// How many periods the long view adds up.
pub(crate) const SPAN: usize = 12;

/// One row of a funnel table, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct FunnelRow {
    /// The source or the score band.
    pub name: String,
    /// Leads created.
    pub created: String,
    /// Qualified, and its share of created.
    pub qualified: String,
    /// Engaged, and its share of created.
    pub engaged: String,
    /// With a proposal, and its share of engaged.
    pub proposal: String,
    /// Won, and its share of those with a proposal.
    pub won: String,
    /// Won / created.
    pub overall: String,
    /// Won value.
    pub won_value: String,
    /// Won value per lead created.
    pub value_per_lead: String,
}

/// One table: its rows and the total row.
#[derive(Debug, Clone, Serialize)]
pub struct FunnelTable {
    /// Rows in the table's order.
    pub rows: Vec<FunnelRow>,
    /// The sum over the rows.
    pub total: FunnelRow,
}

fn with_share(n: u64, share: Option<rust_decimal::Decimal>) -> String {
    match share {
        Some(s) => format!("{} ({})", count(n), percent(s)),
        None => count(n),
    }
}

impl Site<'_> {
    fn funnel_row(&self, name: &str, f: &Funnel) -> FunnelRow {
        let r = f.rates();
        FunnelRow {
            name: name.to_string(),
            created: count(f.leads_created),
            qualified: with_share(f.leads_qualified, r.qualified),
            engaged: with_share(f.leads_engaged, r.engaged),
            proposal: with_share(f.leads_with_proposal, r.proposal),
            won: with_share(f.leads_won, r.won),
            overall: r.overall.map(percent).unwrap_or_default(),
            won_value: self.money(f.won_value),
            value_per_lead: r.value_per_lead.map(|v| self.money(v)).unwrap_or_default(),
        }
    }

    /// A table of the names with leads in `funnels` (in the given order) and their total.
    pub(super) fn funnel_table(&self, names: &[String], funnels: &[Funnel]) -> FunnelTable {
        let mut total = Funnel::default();
        let rows = names
            .iter()
            .zip(funnels)
            .filter(|(_, f)| f.leads_created > 0)
            .map(|(n, f)| {
                total.add(f);
                self.funnel_row(n, f)
            })
            .collect();
        FunnelTable {
            rows,
            total: self.funnel_row("All leads", &total),
        }
    }
}

/// Sources in the order a head of sales reads them: most won value per lead created over
/// the long view first (ties by name). Returns (names, period funnels, long-view funnels).
fn by_value(
    names: &[String],
    now: &[Funnel],
    long: &[Funnel],
) -> (Vec<String>, Vec<Funnel>, Vec<Funnel>) {
    let mut order: Vec<usize> = (0..names.len().min(now.len()).min(long.len())).collect();
    order.sort_by(|a, b| {
        let per_lead = |k: usize| long[k].rates().value_per_lead.unwrap_or_default();
        per_lead(*b)
            .cmp(&per_lead(*a))
            .then_with(|| names[*a].cmp(&names[*b]))
    });
    (
        order.iter().map(|&k| names[k].clone()).collect(),
        order.iter().map(|&k| now[k].clone()).collect(),
        order.iter().map(|&k| long[k].clone()).collect(),
    )
}

/// The four tables of a period: sources and bands, in the period and over the last
/// [`SPAN`] periods. Sources come most won value per lead first, bands lowest first.
/// `None` without lead rows or periods.
pub(super) fn tables(site: &Site, i: usize) -> Option<[FunnelTable; 4]> {
    let o = site.input.metrics.origins.as_ref()?;
    let (sources, bands) = (o.by_source.get(i)?, o.by_band.get(i)?);
    let (names, now, long) = by_value(&o.sources, sources, &last_periods(&o.by_source, i, SPAN));
    Some([
        site.funnel_table(&names, &now),
        site.funnel_table(&names, &long),
        site.funnel_table(&o.bands, bands),
        site.funnel_table(&o.bands, &last_periods(&o.by_band, i, SPAN)),
    ])
}

/// lead-sources.html for the newest period.
pub(super) fn lead_sources(site: &Site) -> tera::Context {
    let m = site.input.metrics;
    let (mut ctx, root) = site.context("Lead sources", 0);
    if let Some(i) = m.periods.len().checked_sub(1) {
        ctx.insert("period", &site.period_link(i, &root));
        let first = (i + 1).saturating_sub(SPAN);
        ctx.insert(
            "span_name",
            &format!("{} to {}", site.period_name(first), site.period_name(i)),
        );
        ctx.insert("span", &(i + 1 - first));
        if let Some([s, s_long, b, b_long]) = tables(site, i) {
            ctx.insert("sources", &s);
            ctx.insert("sources_long", &s_long);
            ctx.insert("bands", &b);
            ctx.insert("bands_long", &b_long);
        }
    }
    ctx.insert("not_available", &site.not_available());
    ctx
}
