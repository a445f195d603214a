//! One test per rule of the data contract (`docs/contract.md`): each runs the real binary on
//! the fixture folder `contract/<test name>/data` and compares the output with the
//! hand-written files in `contract/<test name>/expected` (see `support/contract.rs`).

use crate::support::contract::{builds_as_expected, fails, fixture_names};

/// Every fixture folder is run by a test of the same name (so none is silently skipped).
#[test]
fn every_fixture_folder_has_a_test_of_its_name() {
    let source = include_str!("contract.rs");
    for name in fixture_names() {
        assert!(
            source.contains(&format!("fn {name}() {{")) && source.contains(&format!("\"{name}\"")),
            "tests/testsuite/contract/{name} has no test `fn {name}()` running it"
        );
    }
}

// §1, §6.1, §6.2: which table a file feeds.

/// `leads-2026-q3`, `Leads.extra`, `activities_2026`, `proposals 2026`: words split at `-` `_` `.`
/// space, lower-cased.
#[test]
fn table_is_named_by_the_first_word_of_the_file_stem() {
    builds_as_expected("table_is_named_by_the_first_word_of_the_file_stem");
}

/// `calls-…`/`meetings.…` feed activities; without a `type` column their rows are calls/meetings.
#[test]
fn calls_and_meetings_files_are_activities_with_implied_type() {
    builds_as_expected("calls_and_meetings_files_are_activities_with_implied_type");
}

/// `leads/october.csv`, `activities/2026/10.csv`; `leads/calls/extra.csv` is a calls file (nearest);
/// `meetings/leads-late.csv` is leads (the stem wins).
#[test]
fn table_is_named_by_the_nearest_matching_ancestor_folder() {
    builds_as_expected("table_is_named_by_the_nearest_matching_ancestor_folder");
}

/// `activity.csv` and `leadsheet.csv` match nothing: empty table and counts in files.csv, a
/// warning, rows not read.
#[test]
fn activity_csv_matches_no_table_and_is_reported() {
    builds_as_expected("activity_csv_matches_no_table_and_is_reported");
}

/// `Reps.CSV` and `leads.Csv` are read; `leads.csv.bak` and `leads.txt` are not CSV files.
#[test]
fn csv_extension_may_be_any_case() {
    builds_as_expected("csv_extension_may_be_any_case");
}

/// `.leads-old.csv`, `.archive/`, `archive/.calls.csv` are not read (their rows would add a
/// duplicate and other months).
#[test]
fn hidden_files_and_folders_are_skipped() {
    builds_as_expected("hidden_files_and_folders_are_skipped");
}

/// `leads/october.csv` sorts before `leads-2026-q3.csv`, so its L1 (Ann, October) wins.
#[test]
fn sorted_path_order_decides_which_duplicate_is_first() {
    builds_as_expected("sorted_path_order_decides_which_duplicate_is_first");
}

/// Markdown under `notes/` is not data; `notes/october.md` is not a period label and is reported.
#[test]
fn notes_are_not_tables_and_a_misnamed_note_is_reported() {
    builds_as_expected("notes_are_not_tables_and_a_misnamed_note_is_reported");
}

// §1, §6.15: repcard.toml.

/// Defaults: month periods, UTC, a 30-day window (a call exactly 30 days on is new, 1 s later
/// previous), target 5 (5 calls reach it).
#[test]
fn config_defaults_apply_without_repcard_toml() {
    builds_as_expected("config_defaults_apply_without_repcard_toml");
}

/// Mon 2026-02-09 and Sun 2026-02-15 23:59 are 2026-W07; Mon 2026-02-16 is 2026-W08.
#[test]
fn week_periods_are_iso_weeks_starting_monday() {
    builds_as_expected("week_periods_are_iso_weeks_starting_monday");
}

/// 2026 has 53 ISO weeks: 2026-12-28 and 2027-01-03 are 2026-W53; 2027-01-04 is 2027-W01.
#[test]
fn iso_week_53_spans_the_new_year() {
    builds_as_expected("iso_week_53_spans_the_new_year");
}

/// 2026-09-30 is 2026-Q3, 2026-10-01 is 2026-Q4; a quarter's quota is 3 × 1000.
#[test]
fn quarter_periods_are_labelled_year_q_n() {
    builds_as_expected("quarter_periods_are_labelled_year_q_n");
}

/// 2026-12-31 23:59:59 is 2026, 2027-01-01 is 2027; a year's quota is 12 × 1000.
#[test]
fn year_periods_are_labelled_by_the_year() {
    builds_as_expected("year_periods_are_labelled_by_the_year");
}

/// With `fiscal_year_start = 4`: March 2026 is FY2026-Q4, April 2026 FY2027-Q1, July 2026
/// FY2027-Q2.
#[test]
fn fiscal_quarters_are_named_after_the_year_the_fiscal_year_ends() {
    builds_as_expected("fiscal_quarters_are_named_after_the_year_the_fiscal_year_ends");
}

/// With `fiscal_year_start = 4`: 2026-03-31 is FY2026; 2026-04-01 to 2027-03-31 is FY2027.
#[test]
fn fiscal_years_are_named_after_the_year_they_end() {
    builds_as_expected("fiscal_years_are_named_after_the_year_they_end");
}

/// In New York, `2026-11-01T02:00Z` is October 31 and `2026-10-31T23:30-05:00` is November 1; times
/// without an offset are already local.
#[test]
fn offset_timestamps_are_converted_to_the_configured_timezone() {
    builds_as_expected("offset_timestamps_are_converted_to_the_configured_timezone");
}

/// A typo (`perod`) fails the run, naming the key.
#[test]
fn unknown_key_in_repcard_toml_fails_naming_the_key() {
    fails("unknown_key_in_repcard_toml_fails_naming_the_key", &[]);
}

/// `period = "fortnight"` fails the run.
#[test]
fn invalid_period_fails_the_run() {
    fails("invalid_period_fails_the_run", &[]);
}

/// `fiscal_year_start = 13` fails the run.
#[test]
fn invalid_fiscal_year_start_fails_the_run() {
    fails("invalid_fiscal_year_start_fails_the_run", &[]);
}

/// `timezone = "Mars/Olympus"` fails the run.
#[test]
fn invalid_timezone_fails_the_run() {
    fails("invalid_timezone_fails_the_run", &[]);
}

// §2: headers.

/// ` NAME , Rep_ID ,Phone` works; a reject names the contract's column (`created_at`), not the
/// header's spelling.
#[test]
fn headers_are_case_insensitive_trimmed_in_any_order_and_extra_columns_ignored() {
    builds_as_expected(
        "headers_are_case_insensitive_trimmed_in_any_order_and_extra_columns_ignored",
    );
}

/// A leads file without `created_at` fails the run, naming `leads.csv` and `created_at`.
#[test]
fn missing_required_column_fails_naming_file_and_column() {
    fails("missing_required_column_fails_naming_file_and_column", &[]);
}

/// `activities.csv` without a `type` column fails the run (only alias files may omit it).
#[test]
fn type_column_is_required_outside_alias_files() {
    fails("type_column_is_required_outside_alias_files", &[]);
}

/// A leads file with nothing but blank lines has no header row: the run fails.
#[test]
fn csv_without_a_header_row_fails_the_run() {
    fails("csv_without_a_header_row_fails_the_run", &[]);
}

// §3: the five metrics, quota and follow-up depth, per rep and period.

/// true/YES/1 are qualified; false/no/0/empty are not; Bob's November lead counts in November.
#[test]
fn leads_created_and_qualified_are_credited_to_the_owner_in_the_creation_period() {
    builds_as_expected(
        "leads_created_and_qualified_are_credited_to_the_owner_in_the_creation_period",
    );
}

/// Created 10-01 00:00: a call at 10-31 00:00:00 (exactly 30 × 24 h) is new, at 00:00:01 previous.
#[test]
fn call_exactly_at_window_end_counts_as_new() {
    builds_as_expected("call_exactly_at_window_end_counts_as_new");
}

/// Berlin, 1-day window, created 10-24 12:00 (+02): 10-25 11:00 (+01) is 24 h later (new), 12:00 is
/// 25 h (previous).
#[test]
fn new_lead_window_is_days_of_24_hours_across_a_dst_change() {
    builds_as_expected("new_lead_window_is_days_of_24_hours_across_a_dst_change");
}

/// Calls 40 and 9 days before creation are new (in their own periods) and touches: 2 reach a target
/// of 2.
#[test]
fn call_before_created_at_counts_as_new() {
    builds_as_expected("call_before_created_at_counts_as_new");
}

/// A call at the meeting's instant is engaged; one a second earlier is new.
#[test]
fn meeting_makes_same_instant_call_engaged() {
    builds_as_expected("meeting_makes_same_instant_call_engaged");
}

/// Bob's meeting engages Ann's lead: Ann's later call and Bob's are engaged, each credited to its
/// caller.
#[test]
fn meeting_by_another_rep_engages_the_lead() {
    builds_as_expected("meeting_by_another_rep_engages_the_lead");
}

/// Created 10-01: a call on 11-15 (before the first meeting on 11-20) is previous; 11-25 is
/// engaged, though before the 12-01 meeting.
#[test]
fn call_after_window_before_the_first_meeting_counts_as_previous() {
    builds_as_expected("call_after_window_before_the_first_meeting_counts_as_previous");
}

/// Meetings count where they happen; emails count nowhere, but the December email still dates the
/// range.
#[test]
fn meetings_count_in_their_period_and_emails_in_no_metric() {
    builds_as_expected("meetings_count_in_their_period_and_emails_in_no_metric");
}

/// October: 100.50 + 200 = 300.50 in 2 proposals; November: 19.99.
#[test]
fn proposals_count_and_value_in_their_creation_period() {
    builds_as_expected("proposals_count_and_value_in_their_creation_period");
}

/// Created in October, won in November: a proposal in October, won 1000 of 2000 (0.5000) in
/// November.
#[test]
fn won_proposal_counts_in_the_period_of_closed_at() {
    builds_as_expected("won_proposal_counts_in_the_period_of_closed_at");
}

/// Lost 500 and won 300, both created in October: 800 proposed, 300 won; November (the lost one's
/// closed_at) shows zeros.
#[test]
fn lost_proposal_counts_only_in_its_creation_period() {
    builds_as_expected("lost_proposal_counts_only_in_its_creation_period");
}

/// Open proposals with a December closed_at are accepted and counted in October; no December
/// period.
#[test]
fn open_proposal_with_closed_at_is_accepted_and_the_date_ignored() {
    builds_as_expected("open_proposal_with_closed_at_is_accepted_and_the_date_ignored");
}

/// Month: quota = monthly (1000.5 → 1000.50); 500.25 / 1000.50 = 0.5000; no won value gives 0.0000.
#[test]
fn quota_is_monthly_quota_times_months_in_the_period() {
    builds_as_expected("quota_is_monthly_quota_times_months_in_the_period");
}

/// 8125/10000 = 0.8125; 1/32 = 0.03125 → 0.0313 (half-up); 2/3 → 0.6667; 1500/1000 = 1.5000.
#[test]
fn quota_attainment_is_rounded_half_up_to_four_places() {
    builds_as_expected("quota_attainment_is_rounded_half_up_to_four_places");
}

/// 1000 → 230.77 (100 won: 0.4333); 0.065 → 0.015 → 0.02; 0.195 → 0.045 → 0.05 (half-up); 13 →
/// 3.00; 0.01 / 0.02 = 0.5000 uses the displayed quota.
#[test]
fn week_quota_is_twelve_fifty_seconds_of_the_monthly_quota_rounded_to_cents() {
    builds_as_expected("week_quota_is_twelve_fifty_seconds_of_the_monthly_quota_rounded_to_cents");
}

/// Quotas `0` and `0.00` show 0.00 with an empty attainment, won value or not.
#[test]
fn zero_quota_shows_zero_and_an_empty_attainment() {
    builds_as_expected("zero_quota_shows_zero_and_an_empty_attainment");
}

/// No monthly_quota: quota and attainment are empty even with a won proposal.
#[test]
fn rep_without_quota_has_empty_quota_and_attainment() {
    builds_as_expected("rep_without_quota_has_empty_quota_and_attainment");
}

/// Employed 10-20 to 11-05: the full 1000.00 in October and in November.
#[test]
fn quota_is_not_prorated_for_partial_employment() {
    builds_as_expected("quota_is_not_prorated_for_partial_employment");
}

/// Target 2. L1: Ann + Bob calls = 2 touches; L2: 1; L3: meeting in December, engaged; L4: 0; L5:
/// calls in September and November = 2. Ann's October: 1 engaged, 2 at target, distribution [1, 1,
/// 2].
#[test]
fn follow_up_depth_counts_touches_by_any_rep_at_any_time() {
    builds_as_expected("follow_up_depth_counts_touches_by_any_rep_at_any_time");
}

/// Ann (no dates) everywhere; Bob 10-15..11-10 in Oct/Nov; Cy (left 09-30) in September, and in
/// November (a lead) and December (a won proposal); Di (from 12-31) in December.
#[test]
fn rep_appears_in_periods_overlapping_employment_and_where_credited() {
    builds_as_expected("rep_appears_in_periods_overlapping_employment_and_where_credited");
}

/// Rows in October and December: November appears with zeros; the rep's 2026–2027 employment does
/// not widen the range.
#[test]
fn period_range_is_contiguous_and_empty_periods_show_zeros() {
    builds_as_expected("period_range_is_contiguous_and_empty_periods_show_zeros");
}

/// The only dated row is rejected (rep dates don't count): metrics.csv is the header, metrics.json
/// has no periods.
#[test]
fn no_dated_rows_give_a_header_only_metrics_csv() {
    builds_as_expected("no_dated_rows_give_a_header_only_metrics_csv");
}

/// Quota > 0: Ann (1000 of 1000, reached), Bob (999.99 of 1000), Ed (0 of 500); Cy (quota 0) and Di
/// (none) don't count: 1/3, East 1/2, West 0/1.
#[test]
fn headline_share_of_reps_with_a_quota_who_reached_it() {
    builds_as_expected("headline_share_of_reps_with_a_quota_who_reached_it");
}

/// Won 70, 10, 10, 10, 0: the top 2 reach 80 of 100, so 2 of 5 reps = 0.4000.
#[test]
fn headline_concentration_is_the_fewest_reps_reaching_80_percent_of_won_value() {
    builds_as_expected(
        "headline_concentration_is_the_fewest_reps_reaching_80_percent_of_won_value",
    );
}

/// Target 3, never-engaged A (3 touches), B (1), C (0), D (1): 1/4 at target, 2/4 with one touch; E
/// (engaged) is left out.
#[test]
fn headline_persistence_shares_of_never_engaged_leads() {
    builds_as_expected("headline_persistence_shares_of_never_engaged_leads");
}

// §4, §6.5, §6.6, §6.7: rejected rows, one reason code each.

/// Each required column left empty (or spaces only) in turn; the reject names that column.
#[test]
fn missing_value_rejects_a_row_with_an_empty_required_cell() {
    builds_as_expected("missing_value_rejects_a_row_with_an_empty_required_cell");
}

/// 2026-07-32, 25:00, 23:60, :60, 2026-02-29, fractional seconds, a `Z` after a date, `+0200`,
/// `9:30`, `05/10/2026`; and an unparsable closed_at, open or won.
#[test]
fn bad_timestamp_rejects_impossible_dates_times_and_other_layouts() {
    builds_as_expected("bad_timestamp_rejects_impossible_dates_times_and_other_layouts");
}

/// `1,000`, `1e3`, `$5`, `12.5.3`, `.5`, `5.`, `1 000` are bad numbers; `+100.25` is fine.
#[test]
fn bad_number_rejects_thousands_separators_exponents_and_symbols() {
    builds_as_expected("bad_number_rejects_thousands_separators_exponents_and_symbols");
}

/// `maybe`, `y`, `2` are not booleans; `No` is.
#[test]
fn bad_boolean_rejects_a_qualified_value_that_is_not_yes_or_no() {
    builds_as_expected("bad_boolean_rejects_a_qualified_value_that_is_not_yes_or_no");
}

/// `visit`, `calls`, `e-mail` are unknown types.
#[test]
fn unknown_type_rejects_an_activity_that_is_not_call_meeting_or_email() {
    builds_as_expected("unknown_type_rejects_an_activity_that_is_not_call_meeting_or_email");
}

/// `pending` and `closed` are unknown statuses.
#[test]
fn unknown_status_rejects_a_proposal_that_is_not_open_won_or_lost() {
    builds_as_expected("unknown_status_rejects_a_proposal_that_is_not_open_won_or_lost");
}

/// Amounts -5 and -0.01, and a monthly_quota of -100 (the engine's reading), are negative_amount.
#[test]
fn negative_amount_rejects_the_row() {
    builds_as_expected("negative_amount_rejects_the_row");
}

/// `-0` and `-0.00` amounts and a `-0` quota are zero: accepted, shown as 0.00.
#[test]
fn minus_zero_is_not_a_negative_amount() {
    builds_as_expected("minus_zero_is_not_a_negative_amount");
}

/// Won and LOST without closed_at are rejected; open without it is fine.
#[test]
fn missing_closed_at_rejects_won_and_lost_proposals() {
    builds_as_expected("missing_closed_at_rejects_won_and_lost_proposals");
}

/// R9 is no rep: its lead, activity and proposal are rejected.
#[test]
fn unknown_rep_rejects_a_row_naming_no_rep() {
    builds_as_expected("unknown_rep_rejects_a_row_naming_no_rep");
}

/// L9 is no lead: the activity and the proposal naming it are rejected; a proposal without lead_id
/// is fine.
#[test]
fn unknown_lead_rejects_an_activity_or_proposal_naming_no_lead() {
    builds_as_expected("unknown_lead_rejects_an_activity_or_proposal_naming_no_lead");
}

/// Later rep_id, lead_id (also `" L1 "`), activity_id and proposal_id duplicates point to the
/// first, `file:line`; `proposals/late.csv` is read before `proposals.csv`; `l1` is another lead,
/// empty activity_ids never clash.
#[test]
fn duplicate_id_rejects_later_rows_pointing_to_the_first() {
    builds_as_expected("duplicate_id_rejects_later_rows_pointing_to_the_first");
}

/// Rows breaking two or more rules get the first reason in §6.6 order (timestamp before number
/// before boolean).
#[test]
fn first_reason_wins_when_a_row_breaks_two_rules() {
    builds_as_expected("first_reason_wins_when_a_row_breaks_two_rules");
}

/// A rejected R1 or L1 row claims nothing, so the next R1/L1 is accepted; a second R2 is a
/// duplicate of reps.csv:4.
#[test]
fn only_accepted_rows_claim_ids() {
    builds_as_expected("only_accepted_rows_claim_ids");
}

/// `R1`/`r1` and `L1`/`l1` are different ids (and `aNN` keeps its case); ` R1 ` is R1; `R2` and
/// `l2` are unknown.
#[test]
fn ids_compare_exactly_and_keep_their_case() {
    builds_as_expected("ids_compare_exactly_and_keep_their_case");
}

/// `calls-2026.csv` sorts before the leads it names; `leads.csv` before `zz/reps-late.csv` that
/// holds its owner.
#[test]
fn references_are_checked_against_the_whole_table_whatever_the_file_order() {
    builds_as_expected("references_are_checked_against_the_whole_table_whatever_the_file_order");
}

/// R9's only row and L3's only row are rejected, so rows naming them are unknown_rep /
/// unknown_lead.
#[test]
fn reference_to_an_id_whose_only_row_was_rejected_is_unknown() {
    builds_as_expected("reference_to_an_id_whose_only_row_was_rejected_is_unknown");
}

/// With `--strict`, two rejected rows fail build and check (exit 1), listing both; the old output
/// stays.
#[test]
fn strict_mode_fails_on_a_rejected_row_and_writes_nothing() {
    fails(
        "strict_mode_fails_on_a_rejected_row_and_writes_nothing",
        &["--strict"],
    );
}

/// A cell that is not UTF-8 fails the run, naming `activities.csv:2`.
#[test]
fn unreadable_file_fails_the_run_naming_the_file() {
    fails("unreadable_file_fails_the_run_naming_the_file", &[]);
}

// §6.4, §6.8 – §6.11, §6.14: fine print.

/// In `calls.csv` empty types are calls and `meeting`/`Email` win; in `meetings/october.csv` empty
/// is a meeting; in `activities.csv` empty is missing.
#[test]
fn alias_file_implies_type_for_an_empty_cell_and_an_explicit_type_wins() {
    builds_as_expected("alias_file_implies_type_for_an_empty_cell_and_an_explicit_type_wins");
}

/// Spaces around every cell, quoted or not, are trimmed.
#[test]
fn cell_values_are_trimmed() {
    builds_as_expected("cell_values_are_trimmed");
}

/// `CALL`, `Meeting`, `eMail`, `WON`, `Lost`, `OPEN`, `TRUE`, `No`, `yEs` are all read.
#[test]
fn type_status_and_qualified_are_case_insensitive() {
    builds_as_expected("type_status_and_qualified_are_case_insensitive");
}

/// The second data row is line 3 in a file with a BOM and line 2 in one without.
#[test]
fn line_numbers_count_the_header_as_line_one_with_or_without_bom() {
    builds_as_expected("line_numbers_count_the_header_as_line_one_with_or_without_bom");
}

/// A quoted name and a quoted id spanning two lines push the next rows' line numbers down by one.
#[test]
fn quoted_newline_shifts_the_next_line_number() {
    builds_as_expected("quoted_newline_shifts_the_next_line_number");
}

/// Blank lines (also `,,` and spaces-only cells, LF or CRLF) are not rows but keep their line
/// numbers; a header-only file has 0 rows.
#[test]
fn blank_lines_are_skipped_and_not_counted() {
    builds_as_expected("blank_lines_are_skipped_and_not_counted");
}

/// A row without `qualified` is unqualified, one with extra cells is read, one without `created_at`
/// is missing_value.
#[test]
fn short_rows_have_empty_cells_and_extra_cells_are_ignored() {
    builds_as_expected("short_rows_have_empty_cells_and_extra_cells_are_ignored");
}

/// Every form of §6.10; in UTC `2026-10-31T23:30-01:00` is November and `2026-11-01T00:30+01:00`
/// October.
#[test]
fn every_timestamp_form_is_accepted() {
    builds_as_expected("every_timestamp_form_is_accepted");
}

/// Berlin 2026-03-29 02:30 does not exist: +01:00 (01:30Z), so a call at 04-28T01:30:00Z is exactly
/// 30 days on (new), 1 s later previous.
#[test]
fn local_time_in_a_dst_gap_takes_the_offset_before_the_transition() {
    builds_as_expected("local_time_in_a_dst_gap_takes_the_offset_before_the_transition");
}

/// Berlin 2026-10-25 02:30 happens twice: +02:00 (00:30Z), so a call at 11-24T00:30:00Z is exactly
/// 30 days on (new), 1 s later previous.
#[test]
fn local_time_in_a_dst_overlap_takes_the_earlier_offset() {
    builds_as_expected("local_time_in_a_dst_overlap_takes_the_earlier_offset");
}

/// In Auckland (+13), `2026-10-31T20:00Z` is November 1; `2026-10-31T10:59:59Z` and a local 20:00
/// stay in October.
#[test]
fn periods_use_the_local_date_in_the_configured_zone() {
    builds_as_expected("periods_use_the_local_date_in_the_configured_zone");
}

/// A quota `1,000` or `1e3`, a start_date 2026-02-30 or an end_date `someday` rejects the rep (and
/// its lead is unknown_rep); dates with a time are fine.
#[test]
fn bad_quota_or_employment_date_rejects_the_rep_row() {
    builds_as_expected("bad_quota_or_employment_date_rejects_the_rep_row");
}

/// From a CRLF file: names with a comma or quotes are quoted (`""` inside), `Zoë` and the rest are
/// not, lines end with `\n`.
#[test]
fn csv_output_is_utf8_without_bom_with_lf_and_minimal_quoting() {
    builds_as_expected("csv_output_is_utf8_without_bom_with_lf_and_minimal_quoting");
}

// Where the contract is loose: the readings these tests pin down.

/// Reading of §6.4: `calls/activities-export.csv` and `meetings/activities/october.csv` are alias
/// files (an empty or absent type is implied).
#[test]
fn file_under_a_calls_folder_implies_the_call_type() {
    builds_as_expected("file_under_a_calls_folder_implies_the_call_type");
}

/// Reading of §5: rejects list files in the path order of files.csv (`leads/october.csv` before
/// `leads-2026-q3.csv`), then by line.
#[test]
fn rejects_are_sorted_by_file_in_path_order_then_line() {
    builds_as_expected("rejects_are_sorted_by_file_in_path_order_then_line");
}

/// Target 1: the distribution's last bucket is `1+`, but the one-touch share counts exactly one
/// touch (A), not B's two.
#[test]
fn persistence_one_touch_share_counts_exactly_one_touch_when_the_target_is_one() {
    builds_as_expected(
        "persistence_one_touch_share_counts_exactly_one_touch_when_the_target_is_one",
    );
}

/// 3 × 0.335 = 1.005 exactly, shown 1.01 (no binary floating point, half-up); 0.1 + 0.2 = 0.30.
#[test]
fn money_is_exact_and_rounded_half_up_to_cents() {
    builds_as_expected("money_is_exact_and_rounded_half_up_to_cents");
}

// v1.1: `done` / `not_done`, `currency` / `[rates]` / `unknown_currency`.

/// §2, §6.6 (v1.1): `done` empty = true. Line 3 (meeting, `no`) and line 5 (meeting in
/// December, `false`) are `not_done`: L1 is never engaged and the range stays October. Line 7
/// `maybe` is `bad_boolean`; line 8 (rep R9, done 0) is `not_done` before `unknown_rep`; line 9
/// (`visit`, done 0) is `unknown_type` before `not_done`. Left: the calls of lines 2, 4, 6,
/// all within 30 days of 2026-10-01 and before any engagement: calls_new = 3, meetings = 0,
/// leads_engaged = 0; touches(L1) = 3 < 5, so leads_unengaged_at_target = 0.
#[test]
fn done_false_rejects_a_planned_or_cancelled_activity_as_not_done() {
    builds_as_expected("done_false_rejects_a_planned_or_cancelled_activity_as_not_done");
}

/// §6.17 (v1.1), `[rates]` EUR = "1.0825" and GBP = 1.27 (a TOML number, read as 1.27):
/// P1 100.00 (empty = USD) + P2 200.00 EUR × 1.0825 = 216.5000 + P3 10.01 GBP × 1.27 =
/// 12.7127 + P4 50 (`usd`, the report's) = 379.2127, written 379.21. Won: P1 + P2 = 316.50;
/// attainment 316.50 / 1000.00 = 0.3165. P5 CHF has no rate: `unknown_currency`; P6 (rep R9,
/// CHF) is `unknown_currency` before `unknown_rep`; P7 (-70 CHF) `negative_amount` first.
#[test]
fn currency_is_converted_with_rates_before_any_sum() {
    builds_as_expected("currency_is_converted_with_rates_before_any_sum");
}

/// §6.17 (v1.1): a rate must be positive, else the run fails naming it.
#[test]
fn invalid_rate_fails_the_run() {
    fails("invalid_rate_fails_the_run", &[]);
}
