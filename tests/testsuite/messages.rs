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
