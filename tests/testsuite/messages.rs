//! Messages a newcomer understands: every error says what happened, where (file, line,
//! key) and what to do next, in the shape `cargo` uses (`error:`, `  --> where`, `help:`).

use crate::support::{repcard, s, stderr};
use std::path::{Path, PathBuf};

/// A tiny valid data folder with `settings` as its `repcard.toml`.
fn data_with_settings(root: &Path, settings: &str) -> PathBuf {
    let data = root.join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("reps.csv"), "rep_id,name\nr1,Ann\n").unwrap();
    std::fs::write(data.join("repcard.toml"), settings).unwrap();
    data
}

#[test]
fn a_wrong_type_in_repcard_toml_names_the_key_the_line_and_what_to_write() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_with_settings(
        tmp.path(),
        "title = \"Acme\"\nfiscal_year_start = \"april\"\n",
    );
    let o = repcard(["check", s(&data)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("\"april\""), "{err}");
    assert!(
        err.contains("a month number from 1 (January) to 12 (December)"),
        "{err}"
    );
    assert!(
        err.contains("repcard.toml:2:21 (key `fiscal_year_start`)"),
        "{err}"
    );
    assert!(err.contains("help: "), "{err}");
    assert!(err.contains("fiscal_year_start = 4"), "{err}");
}

#[test]
fn a_bad_value_in_a_table_section_names_the_section_and_the_key() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_with_settings(
        tmp.path(),
        "[leads]\npreset = \"hubspot\"\ndelimiter = \":\"\n",
    );
    let o = repcard(["check", s(&data)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("\":\" is not a supported delimiter"), "{err}");
    assert!(
        err.contains("repcard.toml:3:13 (key `delimiter` in [leads])"),
        "{err}"
    );
    assert!(err.contains("help: "), "{err}");
}

#[test]
fn an_out_of_range_setting_names_its_range() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_with_settings(tmp.path(), "follow_up_target = 0\n");
    let o = repcard(["check", s(&data)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("expected a number of touches from 1 to 100"),
        "{err}"
    );
    assert!(
        err.contains("repcard.toml:1:20 (key `follow_up_target`)"),
        "{err}"
    );
}

#[test]
fn a_misspelled_key_is_named_with_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_with_settings(tmp.path(), "\ntitel = \"Acme\"\n");
    let o = repcard(["check", s(&data)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("unknown field `titel`"), "{err}");
    assert!(err.contains("repcard.toml:2:1 (key `titel`)"), "{err}");
    assert!(
        err.contains("help: remove the key or fix its spelling"),
        "{err}"
    );
}

/// An empty folder (or one whose exports sit a level deeper) would read as a quiet month.
#[test]
fn an_empty_data_folder_warns_what_where_and_what_to_do_and_strict_fails_it() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("empty");
    std::fs::create_dir_all(&data).unwrap();
    let o = repcard(["check", s(&data)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("warning: no CSV file found in DATA_DIR"),
        "{err}"
    );
    assert!(err.contains(&format!("--> {}", data.display())), "{err}");
    assert!(
        err.contains("help: put the exports there")
            && err.contains("or pass the folder that holds them"),
        "{err}"
    );
    let strict = repcard(["check", s(&data), "--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    let out = tmp.path().join("site");
    let build = repcard(["build", s(&data), "-o", s(&out), "--strict"]);
    assert_eq!(build.status.code(), Some(1), "{}", stderr(&build));
    assert!(
        stderr(&build).contains("no CSV file found"),
        "{}",
        stderr(&build)
    );
    assert!(!out.exists(), "a strict run that fails writes nothing");
}

/// A folder with a CSV file is not empty: no such warning.
#[test]
fn a_data_folder_with_a_table_file_does_not_warn_it_is_empty() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_with_settings(tmp.path(), "");
    let o = repcard(["check", s(&data), "--strict"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(!err.contains("no CSV file found"), "{err}");
}

/// A lead (or rep) rejected for a bad value leaves its calls and proposals `unknown_lead`
/// (`unknown_rep`); their rejects point to the row to fix first.
#[test]
fn an_unknown_lead_or_rep_points_to_its_own_rejected_row() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    // reps.csv:3 (r2) is rejected: its quota is not a number.
    std::fs::write(
        data.join("reps.csv"),
        "rep_id,name,monthly_quota\nr1,Ann,100\nr2,Bob,lots\n",
    )
    .unwrap();
    // leads.csv:3 (L7) is rejected: its date is not a date; leads.csv:4 is r2's.
    std::fs::write(
        data.join("leads.csv"),
        "lead_id,rep_id,created_at\nL1,r1,2026-10-01\nL7,r1,2026-13-45\nL8,r2,2026-10-02\n",
    )
    .unwrap();
    std::fs::write(
        data.join("calls.csv"),
        "rep_id,lead_id,at\nr1,L7,2026-10-03\nr1,L9,2026-10-03\n",
    )
    .unwrap();
    std::fs::write(
        data.join("proposals.csv"),
        "proposal_id,rep_id,created_at,amount,lead_id\nP1,r1,2026-10-04,10,L7\n",
    )
    .unwrap();
    let o = repcard(["check", s(&data)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let line = |prefix: &str| {
        err.lines()
            .find(|l| l.trim_start().starts_with(prefix))
            .unwrap_or_else(|| panic!("no reject {prefix}: {err}"))
            .to_string()
    };
    let call = line("calls.csv:2:");
    assert!(call.contains("unknown_lead"), "{call}");
    assert!(
        call.contains(
            "lead \"L7\" was rejected at leads.csv:3 (bad_timestamp); fix that row first"
        ),
        "{call}"
    );
    let proposal = line("proposals.csv:2:");
    assert!(
        proposal.contains("lead \"L7\" was rejected at leads.csv:3 (bad_timestamp)"),
        "{proposal}"
    );
    let lead = line("leads.csv:4:");
    assert!(
        lead.contains("rep \"r2\" was rejected at reps.csv:3 (bad_number)"),
        "{lead}"
    );
    // A lead that was never there says nothing about a rejected row.
    let never = line("calls.csv:3:");
    assert!(never.contains("unknown_lead"), "{never}");
    assert!(!never.contains("was rejected at"), "{never}");
}

/// A missing required header says how to map it, and never proposes an unrelated column.
#[test]
fn a_missing_header_says_how_to_map_it_and_proposes_no_unrelated_column() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_with_settings(tmp.path(), "[activities]\npreset = \"pipedrive\"\n");
    std::fs::write(
        data.join("leads.csv"),
        "lead_id,rep_id,created_at\nL1,r1,2026-10-01\n",
    )
    .unwrap();
    // A Pipedrive activities export without any lead, contact person or deal column.
    std::fs::write(
        data.join("activities.csv"),
        "Activity - Subject,Activity - Done,Activity - Type,Activity - Due date,Activity - Assigned to user\nHi,Done,Call,2026-10-02,r1\n",
    )
    .unwrap();
    let o = repcard(["check", s(&data)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("missing required column `lead_id`"), "{err}");
    assert!(err.contains("--> activities.csv:1"), "{err}");
    assert!(
        !err.contains("closest"),
        "no header resembles lead_id: {err}"
    );
    assert!(
        err.contains(
            "help: map it in repcard.toml: [activities.columns] lead_id = \"Your header\""
        ),
        "{err}"
    );
}

/// A root-level file that matches no table says how to make it read.
#[test]
fn an_unmatched_file_says_how_to_name_or_move_it() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_with_settings(tmp.path(), "");
    std::fs::write(
        data.join("october.csv"),
        "rep_id,lead_id,at\nr1,L1,2026-10-02\n",
    )
    .unwrap();
    let o = repcard(["check", s(&data)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("warning: the file matches no table"), "{err}");
    assert!(err.contains("--> october.csv"), "{err}");
    assert!(err.contains("`calls-october.csv`"), "{err}");
    assert!(
        err.contains("move it into a table's folder (`calls/`"),
        "{err}"
    );
}

/// A HubSpot contacts export in a table without `preset`: "did you mean preset = …".
#[test]
fn a_crm_export_without_a_preset_asks_whether_the_preset_was_meant() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_with_settings(tmp.path(), "");
    std::fs::write(
        data.join("leads.csv"),
        "Record ID,First Name,Contact owner,Create Date,Lifecycle Stage\n1,Bo,r1,2026-10-01,Lead\n",
    )
    .unwrap();
    let o = repcard(["check", s(&data)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("missing required column `lead_id`"), "{err}");
    assert!(
        err.contains("help: the headers look like a HubSpot export: did you mean `preset = \"hubspot\"` in [leads]"),
        "{err}"
    );
    // With the preset, the same file reads.
    std::fs::write(data.join("repcard.toml"), "[leads]\npreset = \"hubspot\"\n").unwrap();
    let o = repcard(["check", s(&data), "--strict"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// reps.csv keyed by ids while the calls name their rep by name: every unknown_rep value is
/// a rep's name, so one warning says to key the reps by name.
#[test]
fn reps_keyed_by_id_while_calls_name_reps_by_name_get_the_mapping_hint() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("reps.csv"),
        "rep_id,name\n101,Ann Lee\n102,Bob Ray\n",
    )
    .unwrap();
    std::fs::write(
        data.join("leads.csv"),
        "lead_id,rep_id,created_at\nL1,Ann Lee,2026-10-01\nL2,Bob Ray,2026-10-01\n",
    )
    .unwrap();
    let o = repcard(["check", s(&data)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("2 row(s) are unknown_rep because they name their rep by name"),
        "{err}"
    );
    assert!(
        err.contains("help: map rep_id to the name column: [reps.columns] rep_id = \"name\""),
        "{err}"
    );
    assert!(err.contains("it is the name of rep \"101\""), "{err}");
    // The hint's mapping makes the same files read.
    std::fs::write(
        data.join("repcard.toml"),
        "[reps.columns]\nrep_id = \"name\"\n",
    )
    .unwrap();
    let o = repcard(["check", s(&data), "--strict"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::remove_file(data.join("repcard.toml")).unwrap();
    // One unknown value that is no name: no such warning (the hint would be wrong for it).
    std::fs::write(
        data.join("leads.csv"),
        "lead_id,rep_id,created_at\nL1,Ann Lee,2026-10-01\nL2,Zed,2026-10-01\n",
    )
    .unwrap();
    let o = repcard(["check", s(&data)]);
    assert!(
        !stderr(&o).contains("map rep_id to the name column:"),
        "{}",
        stderr(&o)
    );
}

/// A small valid data folder (reps, leads, one call).
fn small_data(root: &Path) -> PathBuf {
    let data = root.join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("reps.csv"), "rep_id,name\nr1,Ann\n").unwrap();
    std::fs::write(
        data.join("leads.csv"),
        "lead_id,rep_id,created_at\nL1,r1,2026-10-01\nL2,r1,2026-10-32\n",
    )
    .unwrap();
    std::fs::write(
        data.join("activities.csv"),
        "rep_id,lead_id,at,type\nr1,L1,2026-10-02 10:00,call\n",
    )
    .unwrap();
    data
}

#[test]
fn summaries_go_to_stdout_and_quiet_silences_them_but_not_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let data = small_data(tmp.path());
    let site = tmp.path().join("site");
    let o = repcard(["build", s(&data), "-o", s(&site)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("periods: 1") && out.contains("wrote "),
        "{out}"
    );
    assert!(!stderr(&o).contains("wrote "), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("warning: 1 row(s) rejected"),
        "{}",
        stderr(&o)
    );

    let o = repcard(["--quiet", "build", s(&data), "-o", s(&site)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        o.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(
        stderr(&o).contains("warning: 1 row(s) rejected"),
        "{}",
        stderr(&o)
    );

    let company = tmp.path().join("generated");
    let o = repcard([
        "generate",
        s(&company),
        "--reps",
        "2",
        "--teams",
        "1",
        "--months",
        "2",
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty() && o.stderr.is_empty());
    let o = repcard(["templates", "export", s(&tmp.path().join("templates"))]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("wrote "));
}

#[test]
fn strict_failure_names_the_first_rejected_row_and_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let data = small_data(tmp.path());
    let o = repcard(["check", s(&data), "--strict"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: 1 row(s) rejected, and --strict allows none"),
        "{err}"
    );
    assert!(err.contains("  --> leads.csv:3"), "{err}");
    assert!(err.contains("help: fix the rows listed below"), "{err}");
    assert!(
        err.contains("leads.csv:3: column created_at: bad_timestamp"),
        "{err}"
    );
}

/// Every error the command line prints for a data folder names where it is: a file (with
/// its line where there is one), a key of `repcard.toml`, a folder or a flag.
#[test]
fn every_error_about_the_data_folder_names_a_location() {
    struct Case {
        name: &'static str,
        setup: fn(&Path) -> PathBuf,
        args: &'static [&'static str],
        location: &'static str,
    }
    fn with(data: PathBuf, file: &str, text: &str) -> PathBuf {
        std::fs::write(data.join(file), text).unwrap();
        data
    }
    let cases = [
        Case {
            name: "a bad setting",
            setup: |r| with(small_data(r), "repcard.toml", "period = \"fortnight\"\n"),
            args: &["check"],
            location: "repcard.toml:1:10 (key `period`)",
        },
        Case {
            name: "a csv without a header row",
            setup: |r| with(small_data(r), "proposals.csv", "\n\n"),
            args: &["check"],
            location: "proposals.csv",
        },
        Case {
            name: "a missing required column",
            setup: |r| {
                with(
                    small_data(r),
                    "proposals.csv",
                    "proposal_id,rep_id,created_at\n",
                )
            },
            args: &["check"],
            location: "proposals.csv",
        },
        Case {
            name: "a header that is not UTF-8",
            setup: |r| {
                let data = small_data(r);
                std::fs::write(data.join("proposals.csv"), b"proposal_id,\xff\n").unwrap();
                data
            },
            args: &["check"],
            location: "proposals.csv:1",
        },
        Case {
            name: "a rejected row under --strict",
            setup: small_data,
            args: &["check", "--strict"],
            location: "--> leads.csv:3",
        },
        Case {
            name: "a stray year",
            setup: |r| {
                with(
                    small_data(r),
                    "leads.csv",
                    "lead_id,rep_id,created_at\nL1,r1,2026-10-01\nL9,r1,1900-01-15\n",
                )
            },
            args: &["check"],
            location: "leads.csv:3",
        },
        Case {
            name: "the data folder as output",
            setup: small_data,
            args: &["build", "-o", "DATA"],
            location: "--> -o ",
        },
        Case {
            name: "a folder that does not exist",
            setup: |r| r.join("no-such-folder"),
            args: &["check"],
            location: "no-such-folder",
        },
    ];
    for case in cases {
        let tmp = tempfile::tempdir().unwrap();
        let data = (case.setup)(tmp.path());
        let mut args: Vec<&str> = vec![case.args[0], s(&data)];
        for a in &case.args[1..] {
            args.push(if *a == "DATA" { s(&data) } else { a });
        }
        let o = repcard(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{}: {err}", case.name);
        assert!(err.contains("error: "), "{}: {err}", case.name);
        assert!(
            err.contains(case.location),
            "{}: the error does not name {:?}:\n{err}",
            case.name,
            case.location
        );
    }
}
