//! The row rules of each table (§2, §4, §6): which cells are required, how they parse, which
//! reason rejects a row, and which row claims an id.

use super::amount::Amount;
use super::columns::Columns;
use super::dates::{DateOrder, Evidence};
use super::discover::{CsvFile, ImpliedType, Table};
use super::format::FileFormat;
use super::parse::{LocalZone, parse_bool};
use super::reader::{CsvReader, Row};
use super::reject::Reject;
use super::span::Extremes;
use super::unknown::Unknown;
use anyhow::Result;
use repcard_core::IdTable;
use repcard_core::config::Config;
use repcard_core::model::{
    Activity, ActivityType, Dataset, Lead, LeadIx, LeadScore, Leads, Moment, Money, Proposal,
    ProposalStatus, Rep, RepIx,
};
use repcard_core::schema::Reason;

const TIMESTAMP_FORMS: &str =
    "YYYY-MM-DD, optionally with ' HH:MM[:SS]' or 'THH:MM[:SS]' and then 'Z' or '±HH:MM'";

/// How a contract column's cell is found.
#[derive(Debug, Clone, Copy)]
enum Direct {
    /// In this one column of the file, with no value mapping.
    Column(usize),
    /// Nowhere: the file has no header for it (and no mapping gives it a value).
    Absent,
    /// Among several headers, or through a value mapping: see [`Ctx::cell`].
    Other,
}

/// Where a row is: the file's index in the sorted file list and its line.
pub(crate) type Origin = (u32, u64);

/// Ids claimed so far by accepted rows, per table, and where each claim was made.
pub(crate) struct Claims {
    /// Rep ids, indexed like `Dataset::reps`.
    pub reps: IdTable,
    rep_origins: Vec<Origin>,
    lead_lines: Vec<u32>,
    lead_files: Vec<(LeadIx, u32)>,
    proposals: IdTable,
    proposal_origins: Vec<Origin>,
    /// Rejected reps and leads and the reps' names, for unknown references.
    pub unknown: Unknown,
}

impl Default for Claims {
    fn default() -> Self {
        Claims::new()
    }
}

impl Claims {
    /// No claims yet.
    pub(crate) fn new() -> Claims {
        Claims {
            reps: IdTable::default(),
            rep_origins: Vec::new(),
            lead_lines: Vec::new(),
            lead_files: Vec::new(),
            proposals: IdTable::default(),
            proposal_origins: Vec::new(),
            unknown: Unknown::default(),
        }
    }

    /// The leads read from here on, from lead `first` on, come from file number `file`.
    pub(crate) fn start_leads_file(&mut self, first: LeadIx, file: u32) {
        self.lead_files.push((first, file));
    }

    /// Where the proposal at `ix` of `Dataset::proposals` was read.
    #[cfg(test)]
    pub(crate) fn proposal_origin(&self, ix: usize) -> Origin {
        self.proposal_origins[ix]
    }

    /// Where the accepted lead `ix` was read.
    pub(crate) fn lead_origin(&self, ix: LeadIx) -> Origin {
        let k = self.lead_files.partition_point(|(start, _)| *start <= ix);
        let file = self.lead_files.get(k.wrapping_sub(1)).map_or(0, |f| f.1);
        (file, u64::from(self.lead_lines[ix as usize]))
    }

    /// The earliest and the latest date of the accepted leads and proposals (§3: their
    /// `created_at`, and `closed_at` of won or lost proposals).
    /// Frees what only the claims of leads and proposals (and their [`Claims::extremes`])
    /// need, keeping the reps and the unknown references the activities are checked against:
    /// at 3.5 M leads and 560 k proposals, 28 MB less for the rest of the run.
    pub(crate) fn forget_lead_and_proposal_origins(&mut self) {
        self.lead_lines = Vec::new();
        self.lead_files = Vec::new();
        self.proposals = IdTable::default();
        self.proposal_origins = Vec::new();
    }

    pub(crate) fn extremes(&self, data: &Dataset) -> Extremes {
        let mut e = Extremes::default();
        // File by file: the leads of one file are one run of indices.
        for (k, &(start, file)) in self.lead_files.iter().enumerate() {
            let end = self
                .lead_files
                .get(k + 1)
                .map_or(data.leads.len() as LeadIx, |next| next.0);
            for ix in start..end {
                let line = u64::from(self.lead_lines[ix as usize]);
                e.see(data.leads.created_date(ix), (file, line), "created_at");
            }
        }
        for (p, at) in data.proposals.iter().zip(&self.proposal_origins) {
            e.see(p.created.date, *at, "created_at");
            if let Some(closed) = p.closed {
                e.see(closed.date, *at, "closed_at");
            }
        }
        e
    }
}

/// Per-file counts for `files.csv`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Non-blank data rows read.
    pub read: u64,
    /// Rows that passed every rule.
    pub accepted: u64,
    /// Rows rejected (each listed in the rejects).
    pub rejected: u64,
}

/// Why a row failed: the column, the reason code and the words for the user.
pub(crate) struct Bad {
    column: &'static str,
    reason: Reason,
    detail: String,
}

/// A rule's verdict on a row.
pub(crate) type Check<T> = std::result::Result<T, Bad>;

impl Bad {
    /// The reason code.
    pub(crate) fn reason(&self) -> Reason {
        self.reason
    }
}

fn bad(column: &'static str, reason: Reason, detail: String) -> Bad {
    Bad {
        column,
        reason,
        detail,
    }
}

fn require_all(cells: &[(&'static str, &str)]) -> Check<()> {
    match cells.iter().find(|(_, v)| v.is_empty()) {
        Some((column, _)) => Err(bad(
            column,
            Reason::MissingValue,
            format!("{column} is empty; a value is required"),
        )),
        None => Ok(()),
    }
}

/// What every row of one file is read with.
pub(crate) struct Ctx<'a> {
    format: &'a FileFormat,
    config: &'a Config,
    order: Option<DateOrder>,
    zone: LocalZone<'a>,
    files: &'a [CsvFile],
    file: usize,
    columns: Columns,
    /// Per contract column, how its cell is found when that is simple (read row after row).
    direct: Vec<Direct>,
    implied: Option<ImpliedType>,
    /// The last timestamp read and its moment: exports sorted by time repeat the same
    /// minute row after row, and reading it again would give the same moment.
    last_time: std::cell::RefCell<(String, Option<Moment>)>,
}

impl Ctx<'_> {
    /// Where a row of this file is.
    pub(crate) fn origin(&self, row: &Row) -> Origin {
        (self.file as u32, row.line)
    }

    /// The cell feeding contract column number `i`, after the value mapping.
    pub(crate) fn cell<'r>(&'r self, row: &'r Row, i: usize) -> &'r str {
        match self.direct.get(i) {
            Some(Direct::Column(c)) => return row.get(Some(*c)),
            Some(Direct::Absent) => return "",
            _ => {}
        }
        let raw = row.first(self.columns.of(i));
        match &self.format.values[i] {
            Some(map) => map.map(raw),
            None => raw,
        }
    }

    /// The cells feeding contract columns `0..N`, in order.
    fn cells<'r, const N: usize>(&'r self, row: &'r Row) -> [&'r str; N] {
        std::array::from_fn(|i| self.cell(row, i))
    }

    fn timestamp(&self, column: &'static str, value: &str) -> Check<Moment> {
        let mut last = self.last_time.borrow_mut();
        if let (true, Some(moment)) = (last.0 == value, last.1) {
            return Ok(moment);
        }
        let moment = timestamp(self.format, self.order, column, value, &self.zone)?;
        last.0.clear();
        last.0.push_str(value);
        last.1 = Some(moment);
        Ok(moment)
    }

    fn optional_timestamp(&self, column: &'static str, value: &str) -> Check<Option<Moment>> {
        if value.is_empty() {
            Ok(None)
        } else {
            self.timestamp(column, value).map(Some)
        }
    }

    fn money(&self, column: &'static str, value: &str) -> Check<Amount> {
        self.format.money(value).ok_or_else(|| {
            let expected = match self.format.money {
                None => "digits with an optional '.' and decimals, e.g. 12500.00".to_string(),
                Some(f) => format!(
                    "an amount with the decimal separator {:?}{}, e.g. {}",
                    f.decimal,
                    f.thousands
                        .map(|t| format!(" and thousands in groups of three after {t:?}"))
                        .unwrap_or_default(),
                    match (f.decimal, f.thousands) {
                        (',', Some(t)) => format!("12{t}500,00"),
                        (',', None) => "12500,00".into(),
                        (_, Some(t)) => format!("12{t}500.00"),
                        (_, None) => "12500.00".into(),
                    }
                ),
            };
            bad(
                column,
                Reason::BadNumber,
                format!("{value:?} is not a number; expected {expected}"),
            )
        })
    }

    /// An amount that must be in the report's currency (a quota).
    fn report_money(&self, column: &'static str, value: &str) -> Check<Money> {
        let amount = self.money(column, value)?;
        match amount.currency.map(|c| c.code(&self.config.currency)) {
            Some(code) if code != self.config.currency => Err(bad(
                column,
                Reason::BadNumber,
                format!(
                    "{value:?} is in {code}; expected an amount in the report's currency {}",
                    self.config.currency
                ),
            )),
            _ => Ok(amount.value),
        }
    }
}

fn timestamp(
    format: &FileFormat,
    order: Option<DateOrder>,
    column: &'static str,
    value: &str,
    zone: &LocalZone,
) -> Check<Moment> {
    format
        .timestamp(value, order)
        .and_then(|t| zone.moment(t))
        .ok_or_else(|| {
            bad(
                column,
                Reason::BadTimestamp,
                format!("{value:?} is not a valid timestamp; expected {TIMESTAMP_FORMS}"),
            )
        })
}

fn not_negative(column: &'static str, value: Money) -> Check<()> {
    if value < Money::ZERO {
        Err(bad(
            column,
            Reason::NegativeAmount,
            format!("\"{value}\" is negative; expected an amount of 0 or more"),
        ))
    } else {
        Ok(())
    }
}

fn rep_ref(reps: &IdTable, why: &Unknown, files: &[CsvFile], value: &str) -> Check<RepIx> {
    reps.get(value)
        .ok_or_else(|| bad("rep_id", Reason::UnknownRep, why.rep_detail(value, files)))
}

fn lead_ref(leads: &Leads, why: &Unknown, files: &[CsvFile], value: &str) -> Check<LeadIx> {
    leads.find(value).ok_or_else(|| {
        bad(
            "lead_id",
            Reason::UnknownLead,
            why.lead_detail(value, files),
        )
    })
}

/// The detail of a duplicate: the value and where its first accepted row is.
pub(crate) fn duplicate_detail(value: &str, files: &[CsvFile], first: Origin) -> String {
    let name = files.get(first.0 as usize).map_or("?", |f| f.name.as_str());
    format!(
        "{value:?} was already used by {name}:{}, which wins",
        first.1
    )
}

pub(crate) fn claimed(
    column: &'static str,
    value: &str,
    files: &[CsvFile],
    first: Option<Origin>,
) -> Check<()> {
    match first {
        Some(first) => Err(bad(
            column,
            Reason::DuplicateId,
            duplicate_detail(value, files, first),
        )),
        None => Ok(()),
    }
}

fn ids_full() -> Bad {
    bad(
        "",
        Reason::DuplicateId,
        "more than 2 GiB of ids that are not sequential".into(),
    )
}

/// The contract columns (indices into `contract_columns`) that hold timestamps.
fn timestamp_columns(table: Table) -> &'static [usize] {
    match table {
        Table::Reps => &[4, 5],
        Table::Leads | Table::Activities => &[2],
        Table::Proposals => &[2, 6],
    }
}

/// Reads one reps, leads or proposals file, adding accepted rows to `data` and rejected ones to
/// `rejects` (activities are read by `ingest::activities`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn read_file(
    files: &[CsvFile],
    file_index: usize,
    table: Table,
    format: &FileFormat,
    config: &Config,
    claims: &mut Claims,
    data: &mut Dataset,
    rejects: &mut Vec<Reject>,
) -> Result<Counts> {
    let file = &files[file_index];
    let (mut reader, ctx) = open(files, file_index, table, format, config)?;
    let mut counts = Counts::default();
    if table == Table::Leads {
        claims.start_leads_file(data.leads.len() as LeadIx, file_index as u32);
    }
    while let Some(row) = reader.next_row()? {
        counts.read += 1;
        let line = row.line;
        let outcome = match table {
            Table::Reps => rep_row(&row, &ctx, claims, data),
            Table::Leads => lead_row(&row, &ctx, claims, data),
            Table::Activities => unreachable!("activities are read by ingest::activities"),
            Table::Proposals => proposal_row(&row, &ctx, claims, data),
        };
        match outcome {
            Ok(()) => counts.accepted += 1,
            Err(b) => {
                counts.rejected += 1;
                if matches!(table, Table::Reps | Table::Leads) {
                    let id = ctx.cell(&row, 0);
                    claims
                        .unknown
                        .rejected(table, id, ctx.origin(&row), b.reason);
                }
                rejects.push(reject(file, line, b));
            }
        }
    }
    Ok(counts)
}

/// The day/month order a file's slash dates prove, read in a first pass over its timestamp
/// columns (only for a preset's slash dates without `date_format`).
fn date_order(
    file: &CsvFile,
    table: Table,
    format: &FileFormat,
    columns: &Columns,
) -> Result<Option<DateOrder>> {
    let mut reader = CsvReader::open(&file.path, &file.name, format)?;
    let mut evidence = Evidence::default();
    while let Some(row) = reader.next_row()? {
        for &i in timestamp_columns(table) {
            evidence.see(row.line, row.first(columns.of(i)));
        }
        if evidence.settled() {
            break;
        }
    }
    evidence.order(&file.name, table.name())
}

/// Opens a file and resolves its columns: the reader and what its rows are read with.
pub(crate) fn open<'a>(
    files: &'a [CsvFile],
    file_index: usize,
    table: Table,
    format: &'a FileFormat,
    config: &'a Config,
) -> Result<(CsvReader, Ctx<'a>)> {
    let file = &files[file_index];
    let reader = CsvReader::open(&file.path, &file.name, format)?;
    let columns = Columns::resolve(&reader, file, table, format, config)?;
    let order = if format.slash_dates {
        date_order(file, table, format, &columns)?
    } else {
        None
    };
    Ok((
        reader,
        Ctx {
            format,
            config,
            order,
            zone: LocalZone::new(&config.timezone),
            files,
            file: file_index,
            direct: (0..format.values.len().min(format.headers.len()))
                .map(|i| match (columns.of(i), &format.values[i]) {
                    ([one], None) => Direct::Column(*one),
                    ([], None) => Direct::Absent,
                    _ => Direct::Other,
                })
                .collect(),
            columns,
            implied: file.implied_type,
            last_time: Default::default(),
        },
    ))
}

fn rep_row(row: &Row, c: &Ctx, claims: &mut Claims, data: &mut Dataset) -> Check<()> {
    let [id, name, team, quota, start, end] = c.cells(row);
    require_all(&[("rep_id", id), ("name", name)])?;
    // Timestamps before numbers: the order of the reason codes (§6.6).
    let start_date = c.optional_timestamp("start_date", start)?.map(|m| m.date);
    let end_date = c.optional_timestamp("end_date", end)?.map(|m| m.date);
    let monthly_quota = if quota.is_empty() {
        None
    } else {
        Some(c.report_money("monthly_quota", quota)?)
    };
    if let Some(q) = monthly_quota {
        not_negative("monthly_quota", q)?;
    }
    let first = claims.reps.get(id).map(|i| claims.rep_origins[i as usize]);
    claimed("rep_id", id, c.files, first)?;
    claims.reps.insert(id).map_err(|_| ids_full())?;
    claims.rep_origins.push(c.origin(row));
    data.reps.push(Rep {
        id: id.to_string(),
        name: name.to_string(),
        team: team.to_string(),
        monthly_quota,
        start_date,
        end_date,
    });
    Ok(())
}

fn lead_row(row: &Row, c: &Ctx, claims: &mut Claims, data: &mut Dataset) -> Check<()> {
    let (id, source, lead) = check_lead(row, c, &claims.reps, &claims.unknown)?;
    claim_lead(id, source, lead, row.line, c.files, claims, data)
}

/// A lead row checked against every rule but its id's claim: its `lead_id`, its source as
/// written and the lead (whose `source` is left 0: sources are numbered as leads are
/// claimed, in order).
pub(crate) fn check_lead<'r>(
    row: &'r Row,
    c: &'r Ctx,
    reps: &IdTable,
    why: &Unknown,
) -> Check<(&'r str, &'r str, Lead)> {
    let [id, rep, created, qualified, source, score] = c.cells(row);
    require_all(&[("lead_id", id), ("rep_id", rep), ("created_at", created)])?;
    let created = c.timestamp("created_at", created)?;
    let qualified = parse_bool(qualified).ok_or_else(|| {
        bad(
            "qualified",
            Reason::BadBoolean,
            format!("{qualified:?} is not a yes/no value; expected true/false, yes/no or 1/0 (empty = false)"),
        )
    })?;
    let owner = rep_ref(reps, why, c.files, rep)?;
    Ok((
        id,
        source,
        Lead {
            owner,
            created,
            qualified,
            source: 0,
            score: LeadScore::parse(score),
        },
    ))
}

/// Claims a checked lead's id (§4: the first accepted row with an id wins) and keeps it.
fn claim_lead(
    id: &str,
    source: &str,
    lead: Lead,
    line: u64,
    files: &[CsvFile],
    claims: &mut Claims,
    data: &mut Dataset,
) -> Check<()> {
    let first = data.leads.find(id).map(|i| claims.lead_origin(i));
    claimed("lead_id", id, files, first)?;
    let source = data.leads.source(source);
    keep_lead(id, Lead { source, ..lead }, line, claims, data)
}

/// Keeps a lead whose id no earlier row claimed, read at `line`.
pub(crate) fn keep_lead(
    id: &str,
    lead: Lead,
    line: u64,
    claims: &mut Claims,
    data: &mut Dataset,
) -> Check<()> {
    data.leads.push(id, lead).ok_or_else(ids_full)?;
    claims
        .lead_lines
        .push(u32::try_from(line).unwrap_or(u32::MAX));
    Ok(())
}

/// An activity row checked against every rule but duplicate ids: the activity and its
/// `activity_id` (empty when not given). The second pass over the activities reads with this
/// too, so both passes agree on every row.
pub(crate) fn check_activity<'r>(
    row: &'r Row,
    c: &'r Ctx,
    reps: &IdTable,
    leads: &Leads,
    why: &Unknown,
) -> Check<(Activity, &'r str)> {
    let [rep, lead, at, kind, activity_id, _outcome, done] = c.cells(row);
    let implied_word = match c.implied {
        Some(ImpliedType::Call) => "call",
        Some(ImpliedType::Meeting) => "meeting",
        None => "",
    };
    // An explicit type wins over the one an alias file implies.
    let kind = if kind.is_empty() { implied_word } else { kind };
    require_all(&[
        ("rep_id", rep),
        ("lead_id", lead),
        ("at", at),
        ("type", kind),
    ])?;
    let at = c.timestamp("at", at)?;
    // v1.1: `done` empty = true; checked as a boolean before the type (§6.6).
    let done = if done.is_empty() {
        true
    } else {
        parse_bool(done).ok_or_else(|| {
            bad(
                "done",
                Reason::BadBoolean,
                format!("{done:?} is not a yes/no value; expected true/false, yes/no or 1/0 (empty = true), or map it in [activities.values.done] of repcard.toml"),
            )
        })?
    };
    let kind = if kind.eq_ignore_ascii_case("call") {
        ActivityType::Call
    } else if kind.eq_ignore_ascii_case("meeting") {
        ActivityType::Meeting
    } else if kind.eq_ignore_ascii_case("email") {
        ActivityType::Email
    } else {
        return Err(bad(
            "type",
            Reason::UnknownType,
            format!("{kind:?} is not an activity type; expected call, meeting or email"),
        ));
    };
    if !done {
        let written = row.first(c.columns.of(6));
        return Err(bad(
            "done",
            Reason::NotDone,
            format!(
                "{written:?}: the activity did not take place (planned, cancelled or a no-show), so it counts nowhere"
            ),
        ));
    }
    let rep = rep_ref(reps, why, c.files, rep)?;
    let lead = lead_ref(leads, why, c.files, lead)?;
    Ok((
        Activity {
            rep,
            lead,
            at,
            kind,
        },
        activity_id,
    ))
}

/// The reject entry for a row of `file` at `line`.
pub(crate) fn reject(file: &CsvFile, line: u64, b: Bad) -> Reject {
    Reject {
        file: file.name.clone(),
        line,
        column: b.column.to_string(),
        reason: b.reason,
        detail: b.detail,
    }
}

fn proposal_row(row: &Row, c: &Ctx, claims: &mut Claims, data: &mut Dataset) -> Check<()> {
    let proposal = check_proposal(row, c, &claims.reps, &data.leads, &claims.unknown)?;
    claim_proposal(proposal, c.origin(row), c.files, claims, data)
}

/// Checks a proposals row against every rule but its id's claim (§4), which
/// [`claim_proposal`] makes in path and line order.
pub(crate) fn check_proposal(
    row: &Row,
    c: &Ctx,
    reps: &IdTable,
    leads: &Leads,
    why: &Unknown,
) -> Check<Proposal> {
    let [id, rep, created, amount, lead, status, closed, currency] = c.cells(row);
    require_all(&[
        ("proposal_id", id),
        ("rep_id", rep),
        ("created_at", created),
        ("amount", amount),
    ])?;
    // Timestamps before numbers: the order of the reason codes (§6.6).
    let created = c.timestamp("created_at", created)?;
    let closed = c.optional_timestamp("closed_at", closed)?;
    let amount = c.money("amount", amount)?;
    let status = if status.is_empty() || status.eq_ignore_ascii_case("open") {
        ProposalStatus::Open
    } else if status.eq_ignore_ascii_case("won") {
        ProposalStatus::Won
    } else if status.eq_ignore_ascii_case("lost") {
        ProposalStatus::Lost
    } else {
        return Err(bad(
            "status",
            Reason::UnknownStatus,
            format!(
                "{status:?} is not a proposal status; expected open, won or lost (empty = open)"
            ),
        ));
    };
    not_negative("amount", amount.value)?;
    let closed = match status {
        ProposalStatus::Open => None,
        ProposalStatus::Won | ProposalStatus::Lost => Some(closed.ok_or_else(|| {
            bad(
                "closed_at",
                Reason::MissingClosedAt,
                format!(
                    "the proposal is {} but closed_at is empty; give the date it closed",
                    status.as_str()
                ),
            )
        })?),
    };
    let amount = convert(c, amount, currency)?;
    let rep = rep_ref(reps, why, c.files, rep)?;
    let lead = if lead.is_empty() {
        None
    } else {
        Some(lead_ref(leads, why, c.files, lead)?)
    };
    Ok(Proposal {
        id: id.into(),
        rep,
        lead,
        created,
        amount,
        status,
        closed,
    })
}

/// Keeps a checked proposal unless an earlier row claimed its id (§4).
pub(crate) fn claim_proposal(
    proposal: Proposal,
    at: Origin,
    files: &[CsvFile],
    claims: &mut Claims,
    data: &mut Dataset,
) -> Check<()> {
    let id = proposal.id.as_str();
    let first = claims
        .proposals
        .get(id)
        .map(|i| claims.proposal_origins[i as usize]);
    claimed("proposal_id", id, files, first)?;
    claims.proposals.insert(id).map_err(|_| ids_full())?;
    claims.proposal_origins.push(at);
    data.proposals.push(proposal);
    Ok(())
}

/// v1.1 (§6.17): the amount in the report's currency. The currency is the `currency` cell,
/// else the code or symbol written in the amount, else the report's; amount × rate exactly.
fn convert(c: &Ctx, amount: Amount, column: &str) -> Check<Money> {
    let report = c.config.currency.as_str();
    let written = amount.currency.map(|w| w.code(report));
    let from_column = (!column.is_empty()).then(|| column.trim().to_ascii_uppercase());
    let code = match (&from_column, &written) {
        (Some(col), Some(w)) if col != w => {
            return Err(bad(
                "currency",
                Reason::UnknownCurrency,
                format!(
                    "the amount is written in {w} but currency says {col}; the row could be read two ways"
                ),
            ));
        }
        (Some(code), _) | (None, Some(code)) => code.clone(),
        (None, None) => return Ok(amount.value),
    };
    if code == report {
        return Ok(amount.value);
    }
    match c.config.rates.get(&code) {
        Some(rate) => amount.value.checked_mul(rate).ok_or_else(|| {
            bad(
                "amount",
                Reason::BadNumber,
                format!(
                    "{} × {rate} ({code}) is too large to compute exactly",
                    amount.value
                ),
            )
        }),
        None => Err(bad(
            "currency",
            Reason::UnknownCurrency,
            format!(
                "{code:?} is not the report's currency {report} and [rates] in repcard.toml has no rate for it; add e.g. {code} = \"1.0825\" ({report} per {code})"
            ),
        )),
    }
}
