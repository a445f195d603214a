//! `sources.csv` and `score_bands.csv`: what became of the leads created in each period, by
//! lead source and by score band (repcard's additions to the contract's outputs).

use super::exports::csv_bytes;
use super::format::money;
use anyhow::Result;
use repcard_metrics::Metrics;
use repcard_metrics::origins::Funnel;

/// The header of `sources.csv`; `score_bands.csv` has `score_band` in second place.
pub(crate) const ORIGIN_COLUMNS: [&str; 8] = [
    "period",
    "source",
    "leads_created",
    "leads_qualified",
    "leads_engaged",
    "leads_with_proposal",
    "leads_won",
    "won_value",
];

/// One file: per period (oldest first) a row for each name that had leads created in it, in
/// the names' order.
fn funnel_csv(
    metrics: &Metrics,
    second: &str,
    names: &[String],
    rows: &[Vec<Funnel>],
) -> Result<Vec<u8>> {
    csv_bytes(|w| {
        let mut header = ORIGIN_COLUMNS;
        header[1] = second;
        w.write_record(header)?;
        for (p, funnels) in metrics.periods.iter().zip(rows) {
            for (name, f) in names.iter().zip(funnels) {
                if f.leads_created == 0 {
                    continue;
                }
                w.write_record([
                    p.label.as_str(),
                    name,
                    &f.leads_created.to_string(),
                    &f.leads_qualified.to_string(),
                    &f.leads_engaged.to_string(),
                    &f.leads_with_proposal.to_string(),
                    &f.leads_won.to_string(),
                    &money(f.won_value),
                ])?;
            }
        }
        Ok(())
    })
}

/// `sources.csv` and `score_bands.csv`; `None` when the figures came from a metrics file.
pub(crate) fn origin_csvs(metrics: &Metrics) -> Result<Option<(Vec<u8>, Vec<u8>)>> {
    let Some(o) = &metrics.origins else {
        return Ok(None);
    };
    Ok(Some((
        funnel_csv(metrics, "source", &o.sources, &o.by_source)?,
        funnel_csv(metrics, "score_band", &o.bands, &o.by_band)?,
    )))
}
