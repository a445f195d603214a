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
