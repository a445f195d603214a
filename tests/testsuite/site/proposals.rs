//! A rep's proposals on the site: the rep page lists those created or closed in the newest
//! period and the open ones, and links `proposals.csv`, which holds every proposal of the rep
//! with exact amounts and ids a spreadsheet cannot run as formulas.

use super::build;
use crate::support::{SITE_FIXTURE as FIXTURE, write};
use rust_decimal::Decimal;
use scraper::{Html, Selector};
use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

/// The rows of a CSV file, header first.
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// The proposal ids listed in a rep page's proposals table, in order.
fn listed_ids(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let cell = Selector::parse("section.block table.board tbody tr td:nth-child(2)").unwrap();
    doc.select(&cell)
        .map(|td| td.text().collect::<String>())
        .filter(|id| id.starts_with('P'))
        .collect()
}

#[test]
fn rep_page_lists_the_newest_periods_and_the_open_proposals_and_links_the_csv() {
    let (_tmp, out) = build(Path::new(FIXTURE), &[]);
    let html = std::fs::read_to_string(out.join("reps/r05/index.html")).unwrap();
    // r05's accepted proposals in fixtures/site/proposals.csv (P9002, line 82, is rejected:
    // won without closed_at); the newest period is October 2026:
    //   P0069 created 10-07, won 10-14     created in October  -> listed
    //   P0072 created 10-06, lost 10-27    created in October  -> listed
    //   P0070 created 10-04, open          created in October  -> listed
    //   P0074 created 09-28, open          open               -> listed
    //   P0071 created 09-08, open          open               -> listed
    //   P0075 created 08-12, open          open               -> listed
    //   P0073 created 09-05, lost 09-13    neither            -> only in the CSV
    //   P0076 created 08-28, won 09-16     neither            -> only in the CSV
    //   P0068 created 08-18, won 09-04     neither            -> only in the CSV
    // Newest first, as before.
    assert_eq!(
        listed_ids(&html),
        ["P0069", "P0072", "P0070", "P0074", "P0071", "P0075"]
    );
    let doc = Html::parse_document(&html);
    let lede = Selector::parse("section.block p.lede").unwrap();
    let sentence = doc
        .select(&lede)
        .map(|p| p.text().collect::<String>())
        .find(|t| t.contains("proposals.csv"))
        .expect("a sentence links the CSV");
    // 3 created or closed in October (P0069, P0072, P0070), 3 open from earlier periods
    // (P0074, P0071, P0075), 9 in all.
    assert!(
        sentence.contains("The 3 proposals created or closed in October 2026")
            && sentence.contains("the 3 still open from earlier periods")
            && sentence.contains("All 9 proposals"),
        "{sentence}"
    );
    let link = Selector::parse("a[href=\"proposals.csv\"]").unwrap();
    assert_eq!(doc.select(&link).count(), 1, "one link to the CSV");
    assert!(out.join("reps/r05/proposals.csv").is_file());
}

/// Accepted rows of the fixture's proposals table by rep: the input minus the lines
/// `rejects.csv` lists for it.
fn input_proposals(out: &Path) -> BTreeMap<String, Vec<Vec<String>>> {
    let rejected: Vec<usize> = csv_rows(&out.join("rejects.csv"))
        .into_iter()
        .skip(1)
        .filter(|r| r[0] == "proposals.csv")
        .map(|r| r[1].parse().unwrap())
        .collect();
    let mut by_rep: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    // Line 1 is the header; each record of the fixture is one line.
    for (i, row) in csv_rows(&Path::new(FIXTURE).join("proposals.csv"))
        .into_iter()
        .enumerate()
        .skip(1)
    {
        if !rejected.contains(&(i + 1)) {
            by_rep.entry(row[1].clone()).or_default().push(row);
        }
    }
    by_rep
}

#[test]
fn proposals_csv_holds_every_proposal_of_the_rep_with_exact_amounts() {
    let (_tmp, out) = build(Path::new(FIXTURE), &[]);
    // Amounts are in the report currency (USD in the fixture), as in metrics.csv.
    let input = input_proposals(&out);
    assert!(
        input.len() >= 5,
        "the fixture has proposals for several reps"
    );
    for (rep, rows) in &input {
        let csv = csv_rows(&out.join(format!("reps/{rep}/proposals.csv")));
        assert_eq!(
            csv[0],
            [
                "created",
                "proposal_id",
                "lead_id",
                "amount",
                "status",
                "closed"
            ]
        );
        assert_eq!(csv.len() - 1, rows.len(), "{rep}: one line per proposal");
        // Input columns: proposal_id,rep_id,lead_id,created_at,amount,status,closed_at.
        let mut expected: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                let amount = Decimal::from_str(&r[4]).unwrap();
                vec![
                    r[3][..10].to_string(),
                    r[0].clone(),
                    r[2].clone(),
                    format!("{amount:.2}"),
                    r[5].to_lowercase(),
                    if r[5].eq_ignore_ascii_case("open") {
                        String::new()
                    } else {
                        r[6].get(..10).unwrap_or("").to_string()
                    },
                ]
            })
            .collect();
        // The rep page's order: newest first, then by id.
        expected.sort_by(|a, b| b[0].cmp(&a[0]).then_with(|| a[1].cmp(&b[1])));
        assert_eq!(&csv[1..], &expected[..], "{rep}");
    }
    // r05 by hand: 8,500 + 6,000 + 4,500 + 30,750 + 12,000 + 4,250 + 6,000 + 12,500 + 60,000
    // = 144,500.00 over its 9 accepted proposals.
    let r05 = csv_rows(&out.join("reps/r05/proposals.csv"));
    let total: Decimal = r05[1..]
        .iter()
        .map(|r| Decimal::from_str(&r[3]).unwrap())
        .sum();
    assert_eq!((r05.len() - 1, total), (9, Decimal::new(14_450_000, 2)));
    let bytes = std::fs::read(out.join("reps/r05/proposals.csv")).unwrap();
    assert!(
        !bytes.contains(&b'\r') && bytes.ends_with(b"\n"),
        "\\n line ends"
    );
}

#[test]
fn an_injection_looking_proposal_id_is_neutralised_in_the_csv() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    write(&d.join("reps.csv"), "rep_id,name\nr1,Ann Lee\n");
    write(
        &d.join("leads.csv"),
        "lead_id,rep_id,created_at\n\"=cmd|' /C calc'!A0\",r1,2026-10-01\nL2,r1,2026-10-01\n",
    );
    write(
        &d.join("proposals.csv"),
        "proposal_id,rep_id,lead_id,created_at,amount,status,closed_at\n\
         \"=HYPERLINK(\"\"http://x.test\"\",\"\"y\"\")\",r1,\"=cmd|' /C calc'!A0\",2026-10-02,100,open,\n\
         +1,r1,L2,2026-10-03,200.5,won,2026-10-04\n\
         @SUM(A1),r1,L2,2026-10-04,0.10,lost,2026-10-05\n\
         -2,r1,L2,2026-10-05,3,open,\n\
         P-5,r1,L2,2026-10-06,4,open,\n",
    );
    let (_tmp, out) = build(d, &[]);
    let csv = csv_rows(&out.join("reps/r1/proposals.csv"));
    let ids: Vec<&str> = csv[1..].iter().map(|r| r[1].as_str()).collect();
    // Newest first; every id a spreadsheet would run gets a leading apostrophe, P-5 does not.
    assert_eq!(
        ids,
        [
            "P-5",
            "'-2",
            "'@SUM(A1)",
            "'+1",
            "'=HYPERLINK(\"http://x.test\",\"y\")"
        ]
    );
    assert_eq!(csv[5][2], "'=cmd|' /C calc'!A0", "the lead id too");
    // Amounts are ours and never start with a sign: 200.5 -> 200.50, 0.10, 3 -> 3.00.
    let amounts: Vec<&str> = csv[1..].iter().map(|r| r[3].as_str()).collect();
    assert_eq!(amounts, ["4.00", "3.00", "0.10", "200.50", "100.00"]);
    // The page shows the ids as they are (escaped HTML, not a spreadsheet).
    let html = std::fs::read_to_string(out.join("reps/r1/index.html")).unwrap();
    let shown = listed_ids_any(&html);
    assert!(shown.contains(&"=HYPERLINK(\"http://x.test\",\"y\")".to_string()));
}

/// Every proposal id in a rep page's table.
fn listed_ids_any(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let cell = Selector::parse("table.board tbody tr td:nth-child(2)").unwrap();
    doc.select(&cell)
        .map(|td| td.text().collect::<String>())
        .collect()
}
