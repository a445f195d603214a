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
