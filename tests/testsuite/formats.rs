//! CRM exports as they come: presets for HubSpot, Salesforce and Pipedrive, encodings,
//! delimiters, decimal commas — each fixture folder with its hand-computed `metrics.csv`.

use crate::support::{repcard, s, testsuite_path};
use std::path::{Path, PathBuf};
use std::process::Output;

fn fixture(name: &str) -> PathBuf {
    testsuite_path("formats").join(name)
}

fn build(data: &Path, out: &Path) -> Output {
    repcard(["build", s(data), "-o", s(out), "--strict"])
}

/// Builds the fixture strictly (any reject fails) and compares `metrics.csv` byte for byte.
fn assert_fixture(name: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = build(&fixture(name).join("data"), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let expected = std::fs::read_to_string(fixture(name).join("expected/metrics.csv")).unwrap();
    let actual = std::fs::read_to_string(out.join("metrics.csv")).unwrap();
    assert_eq!(actual, expected);
    let files = std::fs::read_to_string(out.join("files.csv")).unwrap();
    for line in files.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        assert_ne!(
            cells[1], "",
            "{line}: every fixture file must match a table"
        );
        assert_eq!(cells[2], cells[3], "{line}: every row must be accepted");
    }
}

/// Builds the fixture (not strictly: it has rows the export itself marks as not counting),
/// compares `metrics.csv` byte for byte, and `rejects.csv`'s file, line, column and reason
/// with `expected/rejects.csv` (the same four columns).
fn assert_fixture_with_rejects(name: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let data = fixture(name).join("data");
    let o = repcard(["build", s(&data), "-o", s(&out)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let expected = std::fs::read_to_string(fixture(name).join("expected/metrics.csv")).unwrap();
    let actual = std::fs::read_to_string(out.join("metrics.csv")).unwrap();
    assert_eq!(actual, expected);
    let rejects = std::fs::read_to_string(out.join("rejects.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(rejects.as_bytes());
    let written: Vec<String> = reader
        .records()
        .map(|r| r.unwrap().iter().take(4).collect::<Vec<_>>().join(","))
        .collect();
    let expected = std::fs::read_to_string(fixture(name).join("expected/rejects.csv")).unwrap();
    let expected: Vec<&str> = expected.lines().skip(1).collect();
    assert_eq!(written, expected, "rejects.csv:\n{rejects}");
}

#[test]
fn hubspot_preset_reads_contacts_calls_meetings_and_deals() {
    assert_fixture("hubspot");
}

#[test]
fn salesforce_preset_reads_quoted_reports_and_drops_their_footer() {
    assert_fixture("salesforce");
}

#[test]
fn pipedrive_preset_reads_entity_field_headers_and_numbered_call_types() {
    assert_fixture("pipedrive");
}

#[test]
fn windows_1252_gbk_utf16_semicolons_and_decimal_commas_read_to_the_same_figures() {
    assert_fixture("encodings");
}

fn check(data: &Path) -> Output {
    repcard(["check", s(data)])
}

#[test]
fn check_explains_a_missing_header_with_the_closest_match() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path();
    std::fs::write(data.join("repcard.toml"), "[leads]\npreset = \"hubspot\"\n").unwrap();
    std::fs::write(data.join("reps.csv"), "rep_id,name\nAnn,Ann\n").unwrap();
    std::fs::write(
        data.join("leads.csv"),
        "Record ID,Contact owner,Create Dat,Lifecycle Stage\n1,Ann,2026-10-01,Lead\n",
    )
    .unwrap();
    let o = check(data);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    let line = err
        .lines()
        .find(|l| l.contains("leads.csv"))
        .unwrap_or_default();
    assert!(
        line.contains("missing required column `created_at`"),
        "{err}"
    );
    assert!(
        line.contains("\"create date\""),
        "expected header named: {err}"
    );
    assert!(
        line.contains("the file has: record id, contact owner, create dat, lifecycle stage"),
        "{err}"
    );
    assert!(line.contains("closest: \"create dat\""), "{err}");
}

#[test]
fn non_utf8_file_without_encoding_setting_fails_naming_file_line_and_the_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path();
    std::fs::write(data.join("reps.csv"), b"rep_id,name\nr1,Jos\xe9\n").unwrap();
    let o = check(data);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("reps.csv:2: column name: the value is not valid UTF-8"),
        "{err}"
    );
    assert!(err.contains("set `encoding`"), "{err}");
}

#[test]
fn unknown_column_in_a_table_section_is_an_error_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("repcard.toml"),
        "[leads.columns]\ncreated = \"Create Date\"\n",
    )
    .unwrap();
    let o = check(tmp.path());
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("\"created\" is not a column of the leads table"),
        "{err}"
    );
}

#[test]
fn explicit_column_and_value_mapping_and_date_format_from_repcard_toml() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("repcard.toml"),
        r#"
[activities]
date_format = "%d.%m.%Y %H:%M"
[activities.columns]
rep_id = "Mitarbeiter"
lead_id = "Kontakt"
at = "Datum"
type = "Art"
[activities.values.type]
"Anruf" = "call"
"Termin" = "meeting"
"#,
    )
    .unwrap();
    std::fs::write(data.join("reps.csv"), "rep_id,name\nr1,Ann\n").unwrap();
    std::fs::write(
        data.join("leads.csv"),
        "lead_id,rep_id,created_at\nL1,r1,2026-10-01\n",
    )
    .unwrap();
    std::fs::write(
        data.join("activities.csv"),
        "Mitarbeiter;Kontakt;Datum;Art\nr1;L1;02.10.2026 09:00;Anruf\nr1;L1;03.10.2026 09:00;Termin\nr1;L1;04.10.2026 09:00;call\n",
    )
    .unwrap();
    let out = tmp.path().join("site");
    let o = build(&data, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let metrics = std::fs::read_to_string(out.join("metrics.csv")).unwrap();
    assert_eq!(
        metrics.lines().nth(1).unwrap(),
        "2026-10,r1,Ann,,1,0,1,0,1,1,0,0.00,0,0.00,,,1,0"
    );
}

/// Issue 13, case 1 (HubSpot): meetings whose outcome is Canceled (line 2), No show (3),
/// Scheduled (5, a December booking) or Rescheduled (6) did not take place: `not_done`. Lead
/// 101 is then never engaged: Ann's calls on 10-02 and 10-06 (1 and 5 days after 10-01) are
/// both calls_new, meetings 0, and the range stays October. Bo's Completed meeting (10-05
/// 16:00) engages 102 after his Busy call on 10-03: calls_new 1, meetings 1, leads_engaged 1.
/// Every call outcome (Connected, No answer, Busy) is a call that was made.
#[test]
fn hubspot_meetings_that_did_not_take_place_count_nowhere() {
    assert_fixture_with_rejects("hubspot_meeting_outcomes");
}

/// Issue 13, cases 1, 4 and 9 (Salesforce "Tasks and Events" report): the event on line 3
/// leaves Task Subtype empty and has Event Subtype = Event: a meeting that engages 00Q1 on
/// 10/5 14:00, so Ann's call of 10/2 is calls_new and that of 10/6 calls_engaged. Tasks with
/// Status Not Started (line 5) and In Progress (line 7) are `not_done`. Bo: one Completed
/// call on 10/15 to 00Q2 (created 10/14): calls_new 1. The Classic footer (title, "Generated
/// By", company, confidentiality, copyright) and the leads' Lightning "Copyright ©" line are
/// not rows.
#[test]
fn salesforce_events_are_meetings_open_tasks_are_not_done_and_footers_are_dropped() {
    assert_fixture_with_rejects("salesforce_tasks_and_events");
}

/// Issue 13, case 5: an en_GB export with the preset alone. 21/08/2026 and 13/10/2026 prove
/// day first, so 05/10/2026 is 5 October (not 10 May) and 06/10/2026 14:30 is 6 October.
/// Ann: lead 00Q1 created 10-05, call 10-06 → calls_new 1 in October. Bo: lead 00Q2 created
/// 08-21 (Closed - Converted: qualified), call 10-13, 53 days later (> 30) → calls_previous 1.
/// Periods August to October, September all zeros.
#[test]
fn salesforce_day_first_dates_are_read_in_the_order_the_file_proves() {
    assert_fixture("salesforce_uk_dates");
}

fn data_folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = tmp.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    tmp
}

/// Issue 13, case 5: a file whose slash dates have no day above 12 cannot say whether
/// 05/10/2026 is May or October, and one with 21/08 and 08/21 proves both: each fails naming
/// the file and asking for `date_format`; with `date_format` set, it decides.
#[test]
fn slash_dates_that_prove_neither_or_both_orders_fail_asking_for_date_format() {
    let reps = ("reps.csv", "rep_id,name\nAnn,Ann\n");
    for (leads, expected) in [
        (
            "Lead ID,Lead Owner,Create Date\n1,Ann,05/10/2026\n2,Ann,01/02/2026\n",
            "leads.csv: cannot tell whether the slash dates are month or day first",
        ),
        (
            "Lead ID,Lead Owner,Create Date\n1,Ann,21/08/2026\n2,Ann,08/21/2026\n",
            "leads.csv: the file mixes date orders",
        ),
    ] {
        let tmp = data_folder(&[
            ("repcard.toml", "[leads]\npreset = \"salesforce\"\n"),
            reps,
            ("leads.csv", leads),
        ]);
        let o = check(tmp.path());
        assert_eq!(o.status.code(), Some(1));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(expected), "{err}");
        assert!(err.contains("date_format"), "{err}");
    }
    let tmp = data_folder(&[
        (
            "repcard.toml",
            "[leads]\npreset = \"salesforce\"\ndate_format = \"%d/%m/%Y\"\n",
        ),
        reps,
        (
            "leads.csv",
            "Lead ID,Lead Owner,Create Date\n1,Ann,05/10/2026\n",
        ),
    ]);
    let out = tmp.path().join("site");
    let o = build(tmp.path(), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let metrics = std::fs::read_to_string(out.join("metrics.csv")).unwrap();
    assert!(metrics.contains("\n2026-10,Ann,Ann,,1,"), "{metrics}");
}

/// Issue 13, case 3: with `decimal_separator = ","` and `thousands_separator = "."` those
/// rules read every amount: P1 12.500 = 12500 (won), P2 1.250,50 = 1250.50, P5 0,25 = 0.25;
/// P3 -1.000 = -1000 is negative_amount; P4 12.5 fits neither (a group of one digit) and is
/// bad_number. proposals 3, value 12500 + 1250.50 + 0.25 = 13750.75, won 12500.00.
#[test]
fn decimal_comma_and_dot_thousands_decide_every_amount() {
    assert_fixture_with_rejects("decimal_comma");
}

/// Issue 13, case 6 (Salesforce multi-currency org, `[rates]` EUR = "1.0825", report USD):
/// Ann: 006A EUR 980.25 × 1.0825 = 1061.120625 + 006B USD 1,000.00 = 2061.120625, shown
/// 2061.12, both won: attainment 2061.120625 / 10000 = 0.2061. Bo: 006C "EUR 2,000.00" with
/// no currency column value = 2165.00; 006D GBP (no rate) and 006E (currency USD but amount
/// in EUR: two readings) are `unknown_currency`.
#[test]
fn salesforce_amounts_in_other_currencies_are_converted_or_rejected() {
    assert_fixture_with_rejects("salesforce_currencies");
}

/// Issue 13, case 2: a HubSpot deals export saved as XLSX is read (first sheet, numbers and
/// Excel serial dates as the export shows them: 46302 = 2026-10-07, 46315.6875 = 2026-10-20
/// 16:30) and listed in files.csv. Ann: 5001 12500.5 won → 12500.50, attainment 12500.5 /
/// 10000 = 1.25005 → 1.2501. Bo: 5002 8000, open.
#[test]
fn xlsx_exports_are_read_like_csv() {
    assert_fixture("hubspot_xlsx");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = build(&fixture("hubspot_xlsx").join("data"), &out);
    assert!(o.status.success());
    let files = std::fs::read_to_string(out.join("files.csv")).unwrap();
    assert!(
        files.contains("proposals/hubspot-crm-exports-deals-2026-10.xlsx,proposals,2,2,0\n"),
        "{files}"
    );
}

/// Issue 13, case 2: a spreadsheet that cannot be read fails the run naming it.
#[test]
fn unreadable_spreadsheet_fails_naming_it() {
    let tmp = data_folder(&[
        ("reps.csv", "rep_id,name\nAnn,Ann\n"),
        ("proposals.xlsx", "this is not a workbook"),
    ]);
    let o = check(tmp.path());
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("proposals.xlsx: cannot read the spreadsheet"),
        "{err}"
    );
}
