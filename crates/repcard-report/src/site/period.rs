//! The period pages: every rep's figures by team, the note and the charts.

use super::Site;
use super::markdown;
use super::views::{FIGURE_COLUMNS, FigureRow, team_name};
use repcard_metrics::{Group, PeriodFigures};
/// The rows of a period's table: reps grouped by team, each team's subtotal, the company.
fn period_rows<'a>(
    site: &'a Site<'a>,
    p: &'a PeriodFigures,
    root: &str,
    i: usize,
) -> Vec<FigureRow<'a>> {
    let mut rows = Vec::new();
    for g in &p.teams {
        for ix in &g.reps {
            if let Some(k) = site.rows[i][*ix as usize] {
                let r = &p.reps[k];
                let link = site.rep_link(r.rep, root);
                rows.push(FigureRow {
                    kind: "rep",
                    name: link.name,
                    href: Some(link.href),
                    sub: None,
                    cells: site.cells(&r.figures, r.quota, r.quota_attainment),
                });
            }
        }
        rows.push(group_row(site, g, "team", root));
    }
    rows.push(group_row(site, &p.company, "company", root));
    rows
}

fn group_row<'a>(
    site: &'a Site<'a>,
    g: &'a Group,
    kind: &'static str,
    root: &str,
) -> FigureRow<'a> {
    let (name, href) = if kind == "company" {
        ("Company total".to_string(), None)
    } else {
        let link = site.team_link(&g.name, root);
        (
            format!("{} total", team_name(&g.name)),
            link.map(|l| l.href),
        )
    };
    FigureRow {
        kind,
        name,
        href,
        sub: None,
        cells: site.cells(&g.figures, g.quota, g.quota_attainment),
    }
}

/// periods/<label>/index.html: every rep's figures, the note and the charts.
pub(super) fn period(site: &Site, i: usize) -> tera::Context {
    let p = &site.input.metrics.periods[i];
    let name = site.period_name(i);
    let (mut ctx, root) = site.context(&name, 2);
    ctx.insert("name", &name);
    ctx.insert("label", &p.label);
    let cal = &site.input.config.calendar;
    ctx.insert(
        "dates",
        &format!("{} to {}", cal.first_day(p.period), cal.last_day(p.period)),
    );
    ctx.insert(
        "previous",
        &i.checked_sub(1).map(|j| site.period_link(j, &root)),
    );
    ctx.insert(
        "next",
        &(i + 1 < site.input.metrics.periods.len()).then(|| site.period_link(i + 1, &root)),
    );
    ctx.insert(
        "sentences",
        &site.headline_sentences(&p.company.headline, &name),
    );
    ctx.insert("columns", &FIGURE_COLUMNS);
    ctx.insert("rows", &period_rows(site, p, &root, i));
    ctx.insert(
        "note",
        &site
            .input
            .ingested
            .notes
            .get(&p.period)
            .map(|n| markdown::render(&n.markdown)),
    );
    ctx.insert(
        "charts",
        &super::period_charts::period_charts(site, p, &name),
    );
    ctx.insert("target", &site.input.metrics.follow_up_target);
    ctx.insert("restated", &site.input.archive.restated(&p.label));
    ctx
}
