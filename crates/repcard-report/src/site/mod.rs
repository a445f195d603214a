//! The HTML report site: an index with the newest period's headline and the archive, one
//! page per period, rep and team (each rep's proposals also as `proposals.csv` beside the
//! rep page), and a data-quality page. Pages render in parallel; the
//! output depends only on the inputs (no timestamps, sorted iteration).

pub mod charts;
mod digest;
mod index;
mod markdown;
pub(crate) mod money;
mod people;
mod period;
mod period_charts;
mod proposals;
mod quality;
mod slug;
mod sources;
pub mod templates;
mod trends;
mod views;

use super::ReportInput;
use crate::output::Staging;
use anyhow::{Context, Result};
pub use digest::{Digest, Help, digests};
pub use index::{Card, LeaderRow, TeamRow};
use rayon::prelude::*;
use repcard_core::model::RepIx;
use repcard_metrics::coaching::{Flag, period_flags};
pub use sources::{FunnelRow, FunnelTable};
use std::collections::BTreeMap;
pub use templates::Templates;
pub use views::{ChangeView, Link};

/// The pages of a site.
#[derive(Debug, Clone, Copy)]
enum Page {
    Index,
    Period(usize),
    Rep(RepIx),
    Team(usize),
    DataQuality,
    LeadSources,
}

/// What every page, the email and the wiki need, computed once: slugs, lookups, coaching
/// flags. No templates: the email and the wiki use it without parsing the pages' templates.
struct Site<'a> {
    input: &'a ReportInput<'a>,
    /// Page slug per rep, by `RepIx`.
    rep_slugs: Vec<String>,
    /// Team names, sorted, and their slugs.
    teams: Vec<(String, String)>,
    /// For each period, each rep's row index in `PeriodFigures::reps`.
    rows: Vec<Vec<Option<usize>>>,
    /// For each period, the coaching flags by rep.
    flags: Vec<BTreeMap<RepIx, Vec<Flag>>>,
    /// Each rep's proposals (indices into the dataset), by `RepIx`.
    proposals: Vec<Vec<usize>>,
    /// The proposals each rep page lists, by `RepIx`, in the page's order.
    shown: Vec<Vec<proposals::Shown>>,
}

impl<'a> Site<'a> {
    fn new(input: &'a ReportInput<'a>) -> Result<Site<'a>> {
        let data = &input.ingested.dataset;
        let metrics = input.metrics;
        let ids: Vec<&str> = data.reps.iter().map(|r| r.id.as_str()).collect();
        let rep_slugs = slug::slugs(&ids);
        let names: std::collections::BTreeSet<&str> =
            data.reps.iter().map(|r| r.team.as_str()).collect();
        let names: Vec<&str> = names.into_iter().collect();
        let for_slug: Vec<&str> = names
            .iter()
            .map(|n| if n.is_empty() { "no team" } else { n })
            .collect();
        let teams = names
            .iter()
            .map(|n| n.to_string())
            .zip(slug::slugs(&for_slug))
            .collect();
        let rows = metrics
            .periods
            .iter()
            .map(|p| {
                let mut row = vec![None; data.reps.len()];
                for (i, r) in p.reps.iter().enumerate() {
                    row[r.rep as usize] = Some(i);
                }
                row
            })
            .collect();
        let flags = metrics
            .periods
            .par_iter()
            .map(|p| period_flags(p, metrics.follow_up_target))
            .collect();
        // Each proposal's creation instant is copied beside its index, so the sort reads
        // neighbouring memory and looks a proposal up only to break a tie by id (the instant
        // orders moments alone: one instant has one local date). Lists are sized exactly.
        let mut per_rep = vec![0usize; data.reps.len()];
        for p in &data.proposals {
            per_rep[p.rep as usize] += 1;
        }
        let mut keyed: Vec<Vec<(i64, u32)>> =
            per_rep.iter().map(|&n| Vec::with_capacity(n)).collect();
        for (i, p) in data.proposals.iter().enumerate() {
            keyed[p.rep as usize].push((p.created.instant, i as u32));
        }
        let proposals = keyed
            .into_par_iter()
            .map(|mut list| {
                // Ids are unique, so the order is total and an unstable sort is reproducible.
                list.sort_unstable_by(|&(a_created, a), &(b_created, b)| {
                    b_created.cmp(&a_created).then_with(|| {
                        data.proposals[a as usize]
                            .id
                            .cmp(&data.proposals[b as usize].id)
                    })
                });
                list.into_iter().map(|(_, i)| i as usize).collect()
            })
            .collect();
        Ok(Site {
            input,
            rep_slugs,
            teams,
            rows,
            flags,
            proposals,
            shown: proposals::shown(input),
        })
    }

    fn pages(&self) -> Vec<Page> {
        let mut pages = vec![Page::Index, Page::DataQuality, Page::LeadSources];
        pages.extend((0..self.input.metrics.periods.len()).map(Page::Period));
        pages.extend((0..self.input.ingested.dataset.reps.len() as RepIx).map(Page::Rep));
        pages.extend((0..self.teams.len()).map(Page::Team));
        pages
    }

    /// The page's path in the output and its HTML.
    fn render(&self, tera: &tera::Tera, page: Page) -> Result<(String, String)> {
        let (path, template, ctx) = match page {
            Page::Index => ("index.html".to_string(), "index.html", index::index(self)),
            Page::DataQuality => (
                "data-quality.html".to_string(),
                "data-quality.html",
                quality::data_quality(self),
            ),
            Page::LeadSources => (
                "lead-sources.html".to_string(),
                "lead-sources.html",
                sources::lead_sources(self),
            ),
            Page::Period(i) => (self.period_path(i), "period.html", period::period(self, i)),
            Page::Rep(r) => (self.rep_path(r), "rep.html", people::rep(self, r)),
            Page::Team(t) => (self.team_path(t), "team.html", people::team(self, t)),
        };
        let html = tera.render(template, &ctx).map_err(|e| {
            anyhow::anyhow!(
                "cannot render {path} with template {template}: {}",
                templates::error_chain(&e)
            )
        })?;
        Ok((path, html))
    }

    fn period_path(&self, i: usize) -> String {
        format!("periods/{}/index.html", self.input.metrics.periods[i].label)
    }

    fn rep_path(&self, r: RepIx) -> String {
        self.rep_file(r, "index.html")
    }

    /// A file in a rep's folder (`reps/<slug>/<name>`).
    fn rep_file(&self, r: RepIx, name: &str) -> String {
        format!("reps/{}/{name}", self.rep_slugs[r as usize])
    }

    fn team_path(&self, t: usize) -> String {
        format!("teams/{}/index.html", self.teams[t].1)
    }

    /// The index of a team by name.
    fn team_index(&self, name: &str) -> Option<usize> {
        self.teams
            .binary_search_by(|(n, _)| n.as_str().cmp(name))
            .ok()
    }
}

/// Writes every page, each rep's `proposals.csv` (from rows) and the stylesheet into the
/// staging folder.
pub(crate) fn write_site(input: &ReportInput, templates: &Templates, out: &Staging) -> Result<()> {
    let tera = templates.tera()?;
    let site = Site::new(input)?;
    site.pages().into_par_iter().try_for_each(|page| {
        let (path, html) = site.render(&tera, page)?;
        out.write(&path, html.as_bytes())
            .with_context(|| format!("cannot write page {path}"))
    })?;
    if input.provenance.has_rows() {
        let rows = proposals::CsvRows::new(&site)?;
        let reps = 0..input.ingested.dataset.reps.len() as RepIx;
        reps.into_par_iter().try_for_each(|r| {
            let path = site.rep_file(r, proposals::CSV_NAME);
            out.write(&path, &rows.csv(&site, r))
                .with_context(|| format!("cannot write {path}"))
        })?;
    }
    out.write(templates::STYLESHEET, templates.stylesheet().as_bytes())
}
