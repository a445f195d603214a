//! The wiki pages: GitHub-flavoured Markdown (headings, tables, lists, relative image links)
//! that GitHub, GitLab and Wiki.js wikis render. `wiki/index.md` has the newest period and
//! the archive; `wiki/<label>.md` one period, with its charts as SVG files beside it.
//!
//! Page links leave out `.md` (`[October 2026](2026-10)`), the form all three wikis resolve.

use super::ReportInput;
use super::site::charts::{LIGHT_BACKGROUND, LIGHT_INK, standalone_svg};
use super::site::money::{count, money};
use super::site::{Digest, digests};
use super::site_base;
use crate::output::Staging;
use anyhow::{Context, Result};
use std::fmt::Write;

/// The wiki's folder inside the output.
pub(crate) const FOLDER: &str = "wiki";

/// Text with Markdown's special characters escaped, safe in a paragraph or a table cell.
/// `$` too: GitHub and GitLab read `$…$` as math, which would swallow money amounts.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A table from a header row, alignments (`true` = right) and rows of already-escaped cells.
fn table(out: &mut String, header: &[String], right: &[bool], rows: &[Vec<String>]) {
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let rule: Vec<&str> = right
        .iter()
        .map(|r| if *r { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "| {} |", rule.join(" | "));
    for r in rows {
        let cells: Vec<&str> = r
            .iter()
            .map(|c| if c.is_empty() { " " } else { c.as_str() })
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

/// The file name of a chart of a period: `2026-10-calls.svg`.
pub(crate) fn chart_file(label: &str, chart_id: &str) -> String {
    format!(
        "{label}-{}.svg",
        chart_id.strip_prefix("chart-").unwrap_or(chart_id)
    )
}

/// A note's Markdown with its headings moved two levels down, so they sit under the page's
/// own; fenced code is left alone.
fn demote_headings(markdown: &str) -> String {
    let mut out = String::new();
    let mut fence: Option<&str> = None;
    for line in markdown.lines() {
        let t = line.trim_start();
        for f in ["```", "~~~"] {
            if t.starts_with(f) {
                fence = match fence {
                    None => Some(f),
                    Some(open) if open == f => None,
                    other => other,
                };
            }
        }
        if fence.is_none() && t.starts_with('#') && line.len() - t.len() <= 3 {
            out.push_str("##");
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// One period's page.
pub(crate) fn period_page(d: &Digest, base: Option<&str>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}: {}\n", escape(&d.title), escape(&d.name));
    let _ = write!(
        out,
        "Period {}, {}, {} reps.",
        escape(&d.label),
        d.dates,
        count(d.rep_count as u64)
    );
    if let Some(b) = base {
        let _ = write!(
            out,
            " [Every rep's figures on the report site]({b}{})",
            d.page
        );
    }
    out.push_str(" [All periods](index)\n\n");

    out.push_str("## The headline questions\n\n");
    for s in &d.sentences {
        let _ = writeln!(out, "- {}", escape(s));
    }
    out.push('\n');

    out.push_str("## The five metrics\n\n");
    let against: Vec<String> = d
        .cards
        .first()
        .map(|c| {
            c.changes
                .iter()
                .map(|ch| format!("vs {}", ch.against))
                .collect()
        })
        .unwrap_or_default();
    let mut header = vec!["Metric".to_string(), escape(&d.name), "Detail".to_string()];
    header.extend(against.iter().map(|a| escape(a)));
    let mut right = vec![false, true, false];
    right.extend(against.iter().map(|_| true));
    let rows: Vec<Vec<String>> = d
        .cards
        .iter()
        .map(|c| {
            let mut row = vec![escape(&c.label), escape(&c.value), escape(&c.detail)];
            row.extend(c.changes.iter().map(|ch| escape(&ch.text)));
            row.resize(header.len(), String::new());
            row
        })
        .collect();
    table(&mut out, &header, &right, &rows);

    out.push_str("## Leaders to reward\n\n");
    if d.leaders.is_empty() {
        let _ = writeln!(out, "Nothing was won in {}.\n", escape(&d.name));
    } else {
        out.push_str("The top of the leaderboard: won value, then quota attainment, then proposal value.\n\n");
        let header: Vec<String> = [
            "#",
            "Rep",
            "Team",
            "Won value",
            "Attainment",
            "Proposals",
            "Calls",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let rows: Vec<Vec<String>> = d
            .leaders
            .iter()
            .map(|r| {
                vec![
                    r.rank.to_string(),
                    escape(&r.rep.name),
                    r.team.as_ref().map(|t| escape(&t.name)).unwrap_or_default(),
                    escape(&r.won_value),
                    escape(&r.attainment),
                    escape(&r.proposals),
                    escape(&r.calls),
                ]
            })
            .collect();
        table(
            &mut out,
            &header,
            &[true, false, false, true, true, true, true],
            &rows,
        );
    }

    out.push_str("## Reps to help\n\n");
    if d.help.is_empty() {
        let _ = writeln!(
            out,
            "No rep stands out against their team in {}.\n",
            escape(&d.name)
        );
    } else {
        out.push_str("Where a rep stands out against the median of their own team.\n\n");
        for h in &d.help {
            let _ = writeln!(out, "- **{}** ({})", escape(&h.name), escape(&h.team));
            for r in &h.reasons {
                let _ = writeln!(out, "  - {}", escape(r));
            }
        }
        out.push('\n');
    }

    if !d.teams.is_empty() {
        out.push_str("## Teams\n\n");
        let header: Vec<String> = [
            "Team",
            "Reps",
            "Won value",
            "Attainment",
            "Reached quota",
            "Never-engaged leads at target",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let rows: Vec<Vec<String>> = d
            .teams
            .iter()
            .map(|t| {
                vec![
                    t.team.as_ref().map(|l| escape(&l.name)).unwrap_or_default(),
                    escape(&t.reps),
                    escape(&t.won_value),
                    escape(&t.attainment),
                    escape(&t.quota_reached),
                    escape(&t.at_target),
                ]
            })
            .collect();
        table(
            &mut out,
            &header,
            &[false, true, true, true, true, true],
            &rows,
        );
    }

    out.push_str("## Charts\n\n");
    for c in &d.charts {
        let _ = writeln!(out, "### {}\n", escape(&c.title));
        match &c.empty {
            Some(sentence) => {
                let _ = writeln!(out, "{}\n", escape(sentence));
            }
            None => {
                let _ = writeln!(
                    out,
                    "{}\n\n![{}]({})\n",
                    escape(&c.desc),
                    escape(&c.title),
                    chart_file(&d.label, &c.id)
                );
            }
        }
    }

    if let Some(note) = &d.note {
        out.push_str("## Note\n\n");
        out.push_str(&demote_headings(note));
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// The wiki's front page: the newest period's headline and the archive.
fn index_page(input: &ReportInput, newest: Option<&Digest>, base: Option<&str>) -> String {
    let cur = &input.config.currency;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&input.config.title));
    match newest {
        Some(d) => {
            let _ = writeln!(
                out,
                "## Latest period: [{}]({})\n",
                escape(&d.name),
                d.label
            );
            for s in &d.sentences {
                let _ = writeln!(out, "- {}", escape(s));
            }
            out.push('\n');
            let rows: Vec<Vec<String>> = d
                .cards
                .iter()
                .map(|c| vec![escape(&c.label), escape(&c.value), escape(&c.detail)])
                .collect();
            table(
                &mut out,
                &["Metric".into(), escape(&d.name), "Detail".into()],
                &[false, true, false],
                &rows,
            );
        }
        None => out.push_str(
            "No accepted row in the data folder has a date, so there is no period to report.\n\n",
        ),
    }
    if let Some(b) = base {
        let _ = writeln!(out, "The full report: <{b}index.html>\n");
    }
    out.push_str("## Archive\n\nEvery period, newest first.\n\n");
    let rows: Vec<Vec<String>> = input
        .metrics
        .periods
        .iter()
        .rev()
        .map(|p| {
            let f = &p.company.figures;
            vec![
                format!(
                    "[{}]({})",
                    escape(&input.config.calendar.display_name(p.period)),
                    p.label
                ),
                count(f.leads_created),
                count(f.calls()),
                escape(&money(f.proposal_value, cur)),
                escape(&money(f.won_value, cur)),
            ]
        })
        .collect();
    table(
        &mut out,
        &[
            "Period".into(),
            "New leads".into(),
            "Calls".into(),
            "Proposal value".into(),
            "Won value".into(),
        ],
        &[false, true, true, true, true],
        &rows,
    );
    out
}

/// Writes `wiki/index.md`, one page per period and each period's chart SVGs.
pub(crate) fn write(input: &ReportInput, out: &Staging) -> Result<()> {
    let all: Vec<usize> = (0..input.metrics.periods.len()).collect();
    let pages = digests(input, &all)?;
    let base = site_base(input.config.base_url.as_deref());
    let base = base.as_deref();
    for d in &pages {
        let path = format!("{FOLDER}/{}.md", d.label);
        out.write(&path, period_page(d, base).as_bytes())
            .with_context(|| format!("cannot write the wiki page {path}"))?;
        for c in d.charts.iter().filter(|c| c.empty.is_none()) {
            let svg = standalone_svg(&c.svg, LIGHT_INK, LIGHT_BACKGROUND);
            out.write(
                &format!("{FOLDER}/{}", chart_file(&d.label, &c.id)),
                svg.as_bytes(),
            )?;
        }
    }
    out.write(
        &format!("{FOLDER}/index.md"),
        index_page(input, pages.last(), base).as_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_keeps_names_literal() {
        assert_eq!(escape("Ann | *Lee* <b>"), "Ann \\| \\*Lee\\* \\<b\\>");
        assert_eq!(escape("O'Neill_2"), "O'Neill\\_2");
        assert_eq!(escape("$1.00 and $2.00"), "\\$1.00 and \\$2.00");
    }

    #[test]
    fn an_escaped_name_stays_in_its_table_cell() {
        let mut md = String::new();
        table(
            &mut md,
            &["Rep".into(), "Won".into()],
            &[false, true],
            &[
                vec![escape("A|B *x*"), escape("$5")],
                vec![String::new(), "1".into()],
            ],
        );
        let mut html = String::new();
        let parser = pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_TABLES);
        pulldown_cmark::html::push_html(&mut html, parser);
        assert!(html.contains("<td>A|B *x*</td>"), "{html}");
        assert!(html.contains(">$5</td>"), "{html}");
        assert_eq!(html.matches("<td").count(), 4, "{html}");
    }

    #[test]
    fn note_headings_move_under_the_page_headings() {
        let md = "# Title\ntext\n```\n# not a heading\n```\n## Sub\n";
        assert_eq!(
            demote_headings(md),
            "### Title\ntext\n```\n# not a heading\n```\n#### Sub\n"
        );
    }

    #[test]
    fn chart_files_are_named_after_period_and_chart() {
        assert_eq!(chart_file("2026-10", "chart-calls"), "2026-10-calls.svg");
    }
}
