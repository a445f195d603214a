//! One test per rule of the data contract (`data-contract.md`): each runs the real binary on
//! the fixture folder `tests/contract/<test name>/data` and compares the output with the
//! hand-written files in `tests/contract/<test name>/expected` (see `contract/support.rs`).

#[path = "contract/support.rs"]
mod support;

use support::{builds_as_expected, fails, fixture_names};

/// Every fixture folder is run by a test of the same name (so none is silently skipped).
#[test]
fn every_fixture_folder_has_a_test_of_its_name() {
    let source = include_str!("contract.rs");
    for name in fixture_names() {
        assert!(
            source.contains(&format!("fn {name}() {{")) && source.contains(&format!("\"{name}\"")),
            "tests/contract/{name} has no test `fn {name}()` running it"
        );
    }
}

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

// §3: the five metrics, quota and follow-up depth, per rep and period.

#[test]
fn leads_created_and_qualified_are_credited_to_the_owner_in_the_creation_period() {
    builds_as_expected(
        "leads_created_and_qualified_are_credited_to_the_owner_in_the_creation_period",
    );
}

#[test]
fn call_exactly_at_window_end_counts_as_new() {
    builds_as_expected("call_exactly_at_window_end_counts_as_new");
}

#[test]
fn new_lead_window_is_days_of_24_hours_across_a_dst_change() {
    builds_as_expected("new_lead_window_is_days_of_24_hours_across_a_dst_change");
}

#[test]
fn call_before_created_at_counts_as_new() {
    builds_as_expected("call_before_created_at_counts_as_new");
}

#[test]
fn meeting_makes_same_instant_call_engaged() {
    builds_as_expected("meeting_makes_same_instant_call_engaged");
}

#[test]
fn meeting_by_another_rep_engages_the_lead() {
    builds_as_expected("meeting_by_another_rep_engages_the_lead");
}

#[test]
fn call_after_window_before_the_first_meeting_counts_as_previous() {
    builds_as_expected("call_after_window_before_the_first_meeting_counts_as_previous");
}

#[test]
fn meetings_count_in_their_period_and_emails_in_no_metric() {
    builds_as_expected("meetings_count_in_their_period_and_emails_in_no_metric");
}

#[test]
fn proposals_count_and_value_in_their_creation_period() {
    builds_as_expected("proposals_count_and_value_in_their_creation_period");
}

#[test]
fn won_proposal_counts_in_the_period_of_closed_at() {
    builds_as_expected("won_proposal_counts_in_the_period_of_closed_at");
}

#[test]
fn lost_proposal_counts_only_in_its_creation_period() {
    builds_as_expected("lost_proposal_counts_only_in_its_creation_period");
}

#[test]
fn open_proposal_with_closed_at_is_accepted_and_the_date_ignored() {
    builds_as_expected("open_proposal_with_closed_at_is_accepted_and_the_date_ignored");
}

#[test]
fn quota_is_monthly_quota_times_months_in_the_period() {
    builds_as_expected("quota_is_monthly_quota_times_months_in_the_period");
}

#[test]
fn quota_attainment_is_rounded_half_up_to_four_places() {
    builds_as_expected("quota_attainment_is_rounded_half_up_to_four_places");
}

#[test]
fn week_quota_is_twelve_fifty_seconds_of_the_monthly_quota_rounded_to_cents() {
    builds_as_expected("week_quota_is_twelve_fifty_seconds_of_the_monthly_quota_rounded_to_cents");
}

#[test]
fn zero_quota_shows_zero_and_an_empty_attainment() {
    builds_as_expected("zero_quota_shows_zero_and_an_empty_attainment");
}

#[test]
fn rep_without_quota_has_empty_quota_and_attainment() {
    builds_as_expected("rep_without_quota_has_empty_quota_and_attainment");
}

#[test]
fn quota_is_not_prorated_for_partial_employment() {
    builds_as_expected("quota_is_not_prorated_for_partial_employment");
}

#[test]
fn follow_up_depth_counts_touches_by_any_rep_at_any_time() {
    builds_as_expected("follow_up_depth_counts_touches_by_any_rep_at_any_time");
}

#[test]
fn rep_appears_in_periods_overlapping_employment_and_where_credited() {
    builds_as_expected("rep_appears_in_periods_overlapping_employment_and_where_credited");
}

#[test]
fn period_range_is_contiguous_and_empty_periods_show_zeros() {
    builds_as_expected("period_range_is_contiguous_and_empty_periods_show_zeros");
}

#[test]
fn no_dated_rows_give_a_header_only_metrics_csv() {
    builds_as_expected("no_dated_rows_give_a_header_only_metrics_csv");
}

#[test]
fn headline_share_of_reps_with_a_quota_who_reached_it() {
    builds_as_expected("headline_share_of_reps_with_a_quota_who_reached_it");
}

#[test]
fn headline_concentration_is_the_fewest_reps_reaching_80_percent_of_won_value() {
    builds_as_expected(
        "headline_concentration_is_the_fewest_reps_reaching_80_percent_of_won_value",
    );
}

#[test]
fn headline_persistence_shares_of_never_engaged_leads() {
    builds_as_expected("headline_persistence_shares_of_never_engaged_leads");
}

// §4, §6.5, §6.6, §6.7: rejected rows, one reason code each.

#[test]
fn missing_value_rejects_a_row_with_an_empty_required_cell() {
    builds_as_expected("missing_value_rejects_a_row_with_an_empty_required_cell");
}

#[test]
fn bad_timestamp_rejects_impossible_dates_times_and_other_layouts() {
    builds_as_expected("bad_timestamp_rejects_impossible_dates_times_and_other_layouts");
}

#[test]
fn bad_number_rejects_thousands_separators_exponents_and_symbols() {
    builds_as_expected("bad_number_rejects_thousands_separators_exponents_and_symbols");
}

#[test]
fn bad_boolean_rejects_a_qualified_value_that_is_not_yes_or_no() {
    builds_as_expected("bad_boolean_rejects_a_qualified_value_that_is_not_yes_or_no");
}

#[test]
fn unknown_type_rejects_an_activity_that_is_not_call_meeting_or_email() {
    builds_as_expected("unknown_type_rejects_an_activity_that_is_not_call_meeting_or_email");
}

#[test]
fn unknown_status_rejects_a_proposal_that_is_not_open_won_or_lost() {
    builds_as_expected("unknown_status_rejects_a_proposal_that_is_not_open_won_or_lost");
}

#[test]
fn negative_amount_rejects_the_row() {
    builds_as_expected("negative_amount_rejects_the_row");
}

#[test]
fn minus_zero_is_not_a_negative_amount() {
    builds_as_expected("minus_zero_is_not_a_negative_amount");
}

#[test]
fn missing_closed_at_rejects_won_and_lost_proposals() {
    builds_as_expected("missing_closed_at_rejects_won_and_lost_proposals");
}

#[test]
fn unknown_rep_rejects_a_row_naming_no_rep() {
    builds_as_expected("unknown_rep_rejects_a_row_naming_no_rep");
}

#[test]
fn unknown_lead_rejects_an_activity_or_proposal_naming_no_lead() {
    builds_as_expected("unknown_lead_rejects_an_activity_or_proposal_naming_no_lead");
}

#[test]
fn duplicate_id_rejects_later_rows_pointing_to_the_first() {
    builds_as_expected("duplicate_id_rejects_later_rows_pointing_to_the_first");
}

#[test]
fn first_reason_wins_when_a_row_breaks_two_rules() {
    builds_as_expected("first_reason_wins_when_a_row_breaks_two_rules");
}

#[test]
fn only_accepted_rows_claim_ids() {
    builds_as_expected("only_accepted_rows_claim_ids");
}

#[test]
fn ids_compare_exactly_and_keep_their_case() {
    builds_as_expected("ids_compare_exactly_and_keep_their_case");
}

#[test]
fn references_are_checked_against_the_whole_table_whatever_the_file_order() {
    builds_as_expected("references_are_checked_against_the_whole_table_whatever_the_file_order");
}

#[test]
fn reference_to_an_id_whose_only_row_was_rejected_is_unknown() {
    builds_as_expected("reference_to_an_id_whose_only_row_was_rejected_is_unknown");
}

#[test]
fn strict_mode_fails_on_a_rejected_row_and_writes_nothing() {
    fails(
        "strict_mode_fails_on_a_rejected_row_and_writes_nothing",
        &["--strict"],
    );
}

#[test]
fn unreadable_file_fails_the_run_naming_the_file() {
    fails("unreadable_file_fails_the_run_naming_the_file", &[]);
}

// §6.4, §6.8 – §6.11, §6.14: fine print.

#[test]
fn alias_file_implies_type_for_an_empty_cell_and_an_explicit_type_wins() {
    builds_as_expected("alias_file_implies_type_for_an_empty_cell_and_an_explicit_type_wins");
}

#[test]
fn cell_values_are_trimmed() {
    builds_as_expected("cell_values_are_trimmed");
}

#[test]
fn type_status_and_qualified_are_case_insensitive() {
    builds_as_expected("type_status_and_qualified_are_case_insensitive");
}

#[test]
fn line_numbers_count_the_header_as_line_one_with_or_without_bom() {
    builds_as_expected("line_numbers_count_the_header_as_line_one_with_or_without_bom");
}

#[test]
fn quoted_newline_shifts_the_next_line_number() {
    builds_as_expected("quoted_newline_shifts_the_next_line_number");
}

#[test]
fn blank_lines_are_skipped_and_not_counted() {
    builds_as_expected("blank_lines_are_skipped_and_not_counted");
}

#[test]
fn short_rows_have_empty_cells_and_extra_cells_are_ignored() {
    builds_as_expected("short_rows_have_empty_cells_and_extra_cells_are_ignored");
}

#[test]
fn every_timestamp_form_is_accepted() {
    builds_as_expected("every_timestamp_form_is_accepted");
}

#[test]
fn local_time_in_a_dst_gap_takes_the_offset_before_the_transition() {
    builds_as_expected("local_time_in_a_dst_gap_takes_the_offset_before_the_transition");
}

#[test]
fn local_time_in_a_dst_overlap_takes_the_earlier_offset() {
    builds_as_expected("local_time_in_a_dst_overlap_takes_the_earlier_offset");
}

#[test]
fn periods_use_the_local_date_in_the_configured_zone() {
    builds_as_expected("periods_use_the_local_date_in_the_configured_zone");
}

#[test]
fn bad_quota_or_employment_date_rejects_the_rep_row() {
    builds_as_expected("bad_quota_or_employment_date_rejects_the_rep_row");
}

#[test]
fn csv_output_is_utf8_without_bom_with_lf_and_minimal_quoting() {
    builds_as_expected("csv_output_is_utf8_without_bom_with_lf_and_minimal_quoting");
}

// Where the contract is loose: the readings these tests pin down.

#[test]
fn file_under_a_calls_folder_implies_the_call_type() {
    builds_as_expected("file_under_a_calls_folder_implies_the_call_type");
}

#[test]
fn rejects_are_sorted_by_file_in_path_order_then_line() {
    builds_as_expected("rejects_are_sorted_by_file_in_path_order_then_line");
}

#[test]
fn persistence_one_touch_share_counts_exactly_one_touch_when_the_target_is_one() {
    builds_as_expected(
        "persistence_one_touch_share_counts_exactly_one_touch_when_the_target_is_one",
    );
}

#[test]
fn money_is_exact_and_rounded_half_up_to_cents() {
    builds_as_expected("money_is_exact_and_rounded_half_up_to_cents");
}
