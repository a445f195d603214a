//! Lead sources and score bands: `sources.csv`, `score_bands.csv`, the lead-sources page and
//! the email's section, on a company small enough to count by hand.

use crate::support::{repcard_ok, s, write};
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};

/// Two periods, five leads with sources and scores, their meetings and proposals.
///
/// | lead | created    | source  | score | qualified | meeting    | proposals                         |
/// |------|------------|---------|-------|-----------|------------|-----------------------------------|
/// | L1   | 2026-09-03 | web     | 80    | yes       | 2026-09-05 | P1 1,000.00 won (closed 10-02)    |
/// | L2   | 2026-09-10 | web     | 30    | no        | –          | –                                 |
/// | L3   | 2026-09-12 | (empty) | Hot   | yes       | 2026-09-20 | P2 500.00 lost                    |
/// | L4   | 2026-10-01 | event   | 55.5  | yes       | 2026-10-03 | P3 2,000.00 won, P4 250.00 won    |
/// | L5   | 2026-10-20 | web     |       | no        | –          | –                                 |
///
/// `score_bands = [50, 75]`: under 50, 50 to under 75, 75 and over.
fn company(root: &Path) -> PathBuf {
    let data = root.join("data");
    write(
        &data.join("repcard.toml"),
        "currency = \"USD\"\nscore_bands = [50, 75]\n",
    );
    write(
        &data.join("reps.csv"),
        "rep_id,name,team,monthly_quota\nr1,Ann,East,1000\n",
    );
    write(
        &data.join("leads.csv"),
        "lead_id,rep_id,created_at,qualified,source,score\n\
         L1,r1,2026-09-03,yes,web,80\n\
         L2,r1,2026-09-10,no,web,30\n\
         L3,r1,2026-09-12,yes,,Hot\n\
         L4,r1,2026-10-01,yes,event,55.5\n\
         L5,r1,2026-10-20,no,web,\n",
    );
    write(
        &data.join("activities.csv"),
        "rep_id,lead_id,at,type\n\
         r1,L1,2026-09-05 10:00,meeting\n\
         r1,L2,2026-09-11 10:00,call\n\
         r1,L3,2026-09-20 10:00,meeting\n\
         r1,L4,2026-10-03 10:00,meeting\n",
    );
    write(
        &data.join("proposals.csv"),
        "proposal_id,rep_id,lead_id,created_at,amount,status,closed_at\n\
         P1,r1,L1,2026-09-15,1000.00,won,2026-10-02\n\
         P2,r1,L3,2026-09-25,500.00,lost,2026-09-30\n\
         P3,r1,L4,2026-10-05,2000.00,won,2026-10-20\n\
         P4,r1,L4,2026-10-06,250.00,won,2026-10-21\n",
    );
    data
}

fn build(root: &Path) -> PathBuf {
    let data = company(root);
    let out = root.join("site");
    repcard_ok(["build", s(&data), "-o", s(&out)]);
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn sources_csv_counts_each_sources_leads_by_hand() {
    let tmp = tempfile::tempdir().unwrap();
    let out = build(tmp.path());
    // September: web has L1 (qualified, engaged, proposal, won 1,000.00 — won in October, but
    // counted with the lead's period) and L2 (nothing); the empty source has L3 (qualified,
    // engaged, a lost proposal). October: event has L4 (both proposals won: 2,250.00), web L5.
    assert_eq!(
        read(&out.join("sources.csv")),
        "period,source,leads_created,leads_qualified,leads_engaged,leads_with_proposal,leads_won,won_value\n\
         2026-09,(none),1,1,1,1,0,0.00\n\
         2026-09,web,2,1,1,1,1,1000.00\n\
         2026-10,event,1,1,1,1,1,2250.00\n\
         2026-10,web,1,0,0,0,0,0.00\n"
    );
    // leads_created per period sums to metrics.csv's: 3 in September, 2 in October.
    let metrics = read(&out.join("metrics.csv"));
    let created: Vec<&str> = metrics
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(4).unwrap())
        .collect();
    assert_eq!(created, ["3", "2"]);
}

#[test]
fn score_bands_csv_groups_leads_by_the_configured_bands_by_hand() {
    let tmp = tempfile::tempdir().unwrap();
    let out = build(tmp.path());
    // September: L2 (30) under 50, L1 (80) 75 and over, L3 ("Hot") not a number.
    // October: L4 (55.5) 50 to under 75 with 2,250.00 won, L5 without a score.
    assert_eq!(
        read(&out.join("score_bands.csv")),
        "period,score_band,leads_created,leads_qualified,leads_engaged,leads_with_proposal,leads_won,won_value\n\
         2026-09,under 50,1,0,0,0,0,0.00\n\
         2026-09,75 and over,1,1,1,1,1,1000.00\n\
         2026-09,(not a number),1,1,1,1,0,0.00\n\
         2026-10,50 to under 75,1,1,1,1,1,2250.00\n\
         2026-10,(no score),1,0,0,0,0,0.00\n"
    );
}

/// The text of every row of the table under the section whose heading starts with `heading`.
fn table_rows(html: &str, heading: &str) -> Vec<Vec<String>> {
    let doc = Html::parse_document(html);
    let section = Selector::parse("section.block").unwrap();
    let h2 = Selector::parse("h2").unwrap();
    let tr = Selector::parse("tbody tr").unwrap();
    let cell = Selector::parse("th, td").unwrap();
    let block = doc
        .select(&section)
        .find(|b| {
            b.select(&h2)
                .next()
                .is_some_and(|h| h.text().collect::<String>().starts_with(heading))
        })
        .unwrap_or_else(|| panic!("no section {heading:?}"));
    block
        .select(&tr)
        .map(|r| {
            r.select(&cell)
                .map(|c| c.text().collect::<String>().trim().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn lead_sources_page_shows_the_funnel_and_its_rates_for_the_last_twelve_periods() {
    let tmp = tempfile::tempdir().unwrap();
    let out = build(tmp.path());
    let html = read(&out.join("lead-sources.html"));
    // The long view covers up to 12 periods; this company has 2.
    let rows = table_rows(&html, "By source, last 2 periods");
    // Over both periods: event 1 lead, 2,250.00 won (2,250.00 a lead); web 3 leads, 1 won of
    // 1,000.00 (333.33 a lead; qualified 1 of 3 = 33 %, engaged 1 of 3, proposal 1 of 1
    // engaged, won 1 of 1); (none) 1 lead, nothing won. Most won value per lead first.
    let names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(names, ["event", "web", "(none)", "All leads"]);
    assert_eq!(
        rows[1],
        [
            "web",
            "3",
            "1 (33\u{a0}%)",
            "1 (33\u{a0}%)",
            "1 (100\u{a0}%)",
            "1 (100\u{a0}%)",
            "33\u{a0}%",
            "$1,000.00",
            "$333.33"
        ]
    );
    // All 5 leads: 3 qualified, 3 engaged, 3 with a proposal, 2 won, 3,250.00 (650.00 a lead).
    assert_eq!(
        rows[3],
        [
            "All leads",
            "5",
            "3 (60\u{a0}%)",
            "3 (60\u{a0}%)",
            "3 (100\u{a0}%)",
            "2 (67\u{a0}%)",
            "40\u{a0}%",
            "$3,250.00",
            "$650.00"
        ]
    );
    let bands = table_rows(&html, "By score band, last 2 periods");
    let names: Vec<&str> = bands.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        names,
        [
            "under 50",
            "50 to under 75",
            "75 and over",
            "(no score)",
            "(not a number)",
            "All leads"
        ]
    );
    // Every page links it, and the footer links both files.
    let index = read(&out.join("index.html"));
    assert!(index.contains("href=\"lead-sources.html\""), "nav link");
    assert!(index.contains("href=\"sources.csv\"") && index.contains("href=\"score_bands.csv\""));
}

#[cfg(feature = "email")]
#[test]
fn the_email_has_a_lead_sources_section() {
    let tmp = tempfile::tempdir().unwrap();
    let data = company(tmp.path());
    let out = tmp.path().join("site");
    repcard_ok(["email", s(&data), "-o", s(&out)]);
    let html: String = crate::support::files(&out.join("email"))
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .map(|(_, b)| String::from_utf8(b).unwrap())
        .next()
        .expect("the email's HTML");
    let at = html.find("Lead sources").expect("a Lead sources section");
    let section = &html[at..];
    let section = &section[..section.find("</table>").unwrap()];
    // October's email covers September and October: event, web, then (none), as on the page;
    // all 5 leads, 2 won, 3,250.00.
    let (event, web, none) = (
        section.find(">event<").unwrap(),
        section.find(">web<").unwrap(),
        section.find(">(none)<").unwrap(),
    );
    assert!(event < web && web < none, "{section}");
    assert!(section.contains("$3,250.00"), "{section}");
}
