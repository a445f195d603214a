//! One test per rule of the data contract (`data-contract.md`): each runs the real binary on
//! the fixture folder `tests/contract/<test name>/data` and compares the output with the
//! hand-written files in `tests/contract/<test name>/expected` (see `contract/support.rs`).

#[path = "contract/support.rs"]
mod support;

use support::{builds_as_expected, fails};

// §1, §6.1, §6.2: which table a file feeds.

#[test]
fn table_is_named_by_the_first_word_of_the_file_stem() {
    builds_as_expected("table_is_named_by_the_first_word_of_the_file_stem");
}

#[test]
fn calls_and_meetings_files_are_activities_with_implied_type() {
    builds_as_expected("calls_and_meetings_files_are_activities_with_implied_type");
}

#[test]
fn table_is_named_by_the_nearest_matching_ancestor_folder() {
    builds_as_expected("table_is_named_by_the_nearest_matching_ancestor_folder");
}

#[test]
fn activity_csv_matches_no_table_and_is_reported() {
    builds_as_expected("activity_csv_matches_no_table_and_is_reported");
}

#[test]
fn csv_extension_may_be_any_case() {
    builds_as_expected("csv_extension_may_be_any_case");
}

#[test]
fn hidden_files_and_folders_are_skipped() {
    builds_as_expected("hidden_files_and_folders_are_skipped");
}

#[test]
fn sorted_path_order_decides_which_duplicate_is_first() {
    builds_as_expected("sorted_path_order_decides_which_duplicate_is_first");
}

#[test]
fn notes_are_not_tables_and_a_misnamed_note_is_reported() {
    builds_as_expected("notes_are_not_tables_and_a_misnamed_note_is_reported");
}

// §1, §6.15: repcard.toml.

#[test]
fn config_defaults_apply_without_repcard_toml() {
    builds_as_expected("config_defaults_apply_without_repcard_toml");
}

#[test]
fn week_periods_are_iso_weeks_starting_monday() {
    builds_as_expected("week_periods_are_iso_weeks_starting_monday");
}

#[test]
fn iso_week_53_spans_the_new_year() {
    builds_as_expected("iso_week_53_spans_the_new_year");
}

#[test]
fn quarter_periods_are_labelled_year_q_n() {
    builds_as_expected("quarter_periods_are_labelled_year_q_n");
}

#[test]
fn year_periods_are_labelled_by_the_year() {
    builds_as_expected("year_periods_are_labelled_by_the_year");
}

#[test]
fn fiscal_quarters_are_named_after_the_year_the_fiscal_year_ends() {
    builds_as_expected("fiscal_quarters_are_named_after_the_year_the_fiscal_year_ends");
}

#[test]
fn fiscal_years_are_named_after_the_year_they_end() {
    builds_as_expected("fiscal_years_are_named_after_the_year_they_end");
}

#[test]
fn offset_timestamps_are_converted_to_the_configured_timezone() {
    builds_as_expected("offset_timestamps_are_converted_to_the_configured_timezone");
}

#[test]
fn unknown_key_in_repcard_toml_fails_naming_the_key() {
    fails("unknown_key_in_repcard_toml_fails_naming_the_key", &[]);
}

#[test]
fn invalid_period_fails_the_run() {
    fails("invalid_period_fails_the_run", &[]);
}

#[test]
fn invalid_fiscal_year_start_fails_the_run() {
    fails("invalid_fiscal_year_start_fails_the_run", &[]);
}

#[test]
fn invalid_timezone_fails_the_run() {
    fails("invalid_timezone_fails_the_run", &[]);
}

// §2: headers.

#[test]
fn headers_are_case_insensitive_trimmed_in_any_order_and_extra_columns_ignored() {
    builds_as_expected(
        "headers_are_case_insensitive_trimmed_in_any_order_and_extra_columns_ignored",
    );
}

#[test]
fn missing_required_column_fails_naming_file_and_column() {
    fails("missing_required_column_fails_naming_file_and_column", &[]);
}

#[test]
fn type_column_is_required_outside_alias_files() {
    fails("type_column_is_required_outside_alias_files", &[]);
}

#[test]
fn csv_without_a_header_row_fails_the_run() {
    fails("csv_without_a_header_row_fails_the_run", &[]);
}
