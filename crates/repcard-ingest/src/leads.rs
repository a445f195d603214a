//! The leads files, read in parallel and claimed in order: each file's rows are checked on a
//! worker thread against every rule but the id's claim (§4), then, file after file in path
//! order and line after line, the ids are claimed on one thread, exactly as if the files
//! were read one after another: the same first row wins, the same rows are rejected, and
//! source names are numbered in the same first-seen order.

use super::discover::{CsvFile, Table};
use super::format::FileFormat;
use super::ordered::read_in_order_reusing;
use super::reject::Reject;
use super::tables::{self, Bad, Claims, Counts};
use super::unknown::Unknown;
use anyhow::Result;
use repcard_core::IdTable;
use repcard_core::config::Config;
use repcard_core::model::{Dataset, Lead, LeadIx};

/// One file's rows, checked but not claimed yet; its buffers are reused for a later file (see
/// [`read_in_order_reusing`]).
#[derive(Default)]
struct Checked {
    read: u64,
    rows: Vec<Row>,
    /// The ids, one after another (`Row::id_end` marks where each ends).
    ids: String,
    /// Source names as written, numbered in the file's first-seen order.
    sources: Vec<String>,
}

enum Row {
    /// Passed every rule but the claim; `lead.source` numbers `Checked::sources`.
    Passed {
        line: u64,
        id_end: usize,
        lead: Lead,
    },
    /// Rejected: the line, the id as written (for unknown references to it) and the reason;
    /// boxed, as rare, to keep the rows that pass small.
    Rejected(Box<(u64, String, Bad)>),
}

/// Checks every row of one leads file against `reps`.
fn check_file(
    files: &[CsvFile],
    file: usize,
    format: &FileFormat,
    config: &Config,
    reps: &IdTable,
    why: &Unknown,
    mut out: Checked,
) -> Result<Checked> {
    let (mut reader, ctx) = tables::open(files, file, Table::Leads, format, config)?;
    out.read = 0;
    out.rows.clear();
    out.ids.clear();
    out.sources.clear();
    // A fast hash: one lookup per row, keys from the user's own file.
    let mut source_ix: hashbrown::HashMap<String, u32, foldhash::fast::FixedState> =
        Default::default();
    while let Some(row) = reader.next_row()? {
        out.read += 1;
        let line = row.line;
        match tables::check_lead(&row, &ctx, reps, why) {
            Ok((id, source, lead)) => {
                let source = match source_ix.get(source) {
                    Some(&ix) => ix,
                    None => {
                        let ix = out.sources.len() as u32;
                        out.sources.push(source.to_string());
                        source_ix.insert(source.to_string(), ix);
                        ix
                    }
                };
                out.ids.push_str(id);
                out.rows.push(Row::Passed {
                    line,
                    id_end: out.ids.len(),
                    lead: Lead { source, ..lead },
                });
            }
            Err(bad) => out.rows.push(Row::Rejected(Box::new((
                line,
                ctx.cell(&row, 0).to_string(),
                bad,
            )))),
        }
    }
    Ok(out)
}

/// Reads the leads files `leads` (indices into `files`, in path order) on `workers` threads,
/// adding accepted leads to `data` and rejected rows to `rejects`; per file its counts, or
/// the error that stopped it.
#[allow(clippy::too_many_arguments)]
pub(crate) fn read_leads(
    files: &[CsvFile],
    leads: &[usize],
    format: &FileFormat,
    config: &Config,
    workers: usize,
    claims: &mut Claims,
    data: &mut Dataset,
    rejects: &mut Vec<Reject>,
) -> Vec<(usize, Result<Counts>)> {
    let mut out = Vec::with_capacity(leads.len());
    // The workers read the reps and the rejected reps; the merge adds rejected leads.
    let reps = std::mem::take(&mut claims.reps);
    let why = std::mem::take(&mut claims.unknown);
    let mut rejected_leads = Unknown::default();
    read_in_order_reusing(
        leads,
        workers,
        |&file, buffers| check_file(files, file, format, config, &reps, &why, buffers),
        |&file, checked| {
            let counts = checked
                .map(|c| claim_file(files, file, c, claims, &mut rejected_leads, data, rejects));
            out.push((file, counts));
        },
    );
    claims.reps = reps;
    claims.unknown = why;
    claims.unknown.take_rejected_leads(rejected_leads);
    out
}

/// Claims one file's checked rows, in line order.
fn claim_file(
    files: &[CsvFile],
    file: usize,
    checked: &mut Checked,
    claims: &mut Claims,
    rejected: &mut Unknown,
    data: &mut Dataset,
    rejects: &mut Vec<Reject>,
) -> Counts {
    claims.start_leads_file(data.leads.len() as LeadIx, file as u32);
    let mut counts = Counts {
        read: checked.read,
        ..Counts::default()
    };
    // The file's source numbers → the data's, given when a lead with that source is kept.
    let mut sources: Vec<Option<u32>> = vec![None; checked.sources.len()];
    let mut id_start = 0;
    let mut reject = |line: u64, id: &str, bad: Bad, rejects: &mut Vec<Reject>| {
        rejected.rejected(Table::Leads, id, (file as u32, line), bad.reason());
        rejects.push(tables::reject(&files[file], line, bad));
    };
    for row in checked.rows.drain(..) {
        match row {
            Row::Passed { line, id_end, lead } => {
                let id = &checked.ids[id_start..id_end];
                id_start = id_end;
                let local = lead.source as usize;
                let first = data.leads.find(id).map(|i| claims.lead_origin(i));
                if let Err(bad) = tables::claimed("lead_id", id, files, first) {
                    counts.rejected += 1;
                    reject(line, id, bad, rejects);
                    continue;
                }
                let source = *sources[local]
                    .get_or_insert_with(|| data.leads.source(&checked.sources[local]));
                match tables::keep_lead(id, Lead { source, ..lead }, line, claims, data) {
                    Ok(()) => counts.accepted += 1,
                    Err(bad) => {
                        counts.rejected += 1;
                        reject(line, id, bad, rejects);
                    }
                }
            }
            Row::Rejected(rejected) => {
                let (line, id, bad) = *rejected;
                counts.rejected += 1;
                reject(line, &id, bad, rejects);
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::discover;

    /// Reads the leads of a folder with `workers` threads: (lead ids kept, sources, rejects as
    /// "file:line reason detail", counts per file).
    fn read_with(
        dir: &std::path::Path,
        workers: usize,
    ) -> (Vec<String>, Vec<String>, Vec<String>, Vec<Counts>) {
        let config = Config::default();
        let found = discover(dir, None).unwrap();
        let files = found.csv_files;
        let format = FileFormat::resolve(Table::Reps, None);
        let (mut claims, mut data, mut rejects) = (Claims::new(), Dataset::default(), Vec::new());
        let reps: Vec<usize> = (0..files.len())
            .filter(|&i| files[i].table == Some(Table::Reps))
            .collect();
        for &i in &reps {
            tables::read_file(
                &files,
                i,
                Table::Reps,
                &format,
                &config,
                &mut claims,
                &mut data,
                &mut rejects,
            )
            .unwrap();
        }
        let leads: Vec<usize> = (0..files.len())
            .filter(|&i| files[i].table == Some(Table::Leads))
            .collect();
        let format = FileFormat::resolve(Table::Leads, None);
        // 0 workers: the row-by-row reader the other tables use, as the reference.
        let counts = if workers == 0 {
            leads
                .iter()
                .map(|&i| {
                    tables::read_file(
                        &files,
                        i,
                        Table::Leads,
                        &format,
                        &config,
                        &mut claims,
                        &mut data,
                        &mut rejects,
                    )
                    .unwrap()
                })
                .collect()
        } else {
            read_leads(
                &files,
                &leads,
                &format,
                &config,
                workers,
                &mut claims,
                &mut data,
                &mut rejects,
            )
            .into_iter()
            .map(|(_, c)| c.unwrap())
            .collect()
        };
        let ids = (0..data.leads.len() as LeadIx)
            .map(|i| {
                let (file, line) = claims.lead_origin(i);
                format!("{} {}:{line}", data.leads.id(i), files[file as usize].name)
            })
            .collect();
        let rejects = rejects
            .iter()
            .map(|r| format!("{}:{} {} {}", r.file, r.line, r.reason.code(), r.detail))
            .collect();
        (ids, data.leads.sources().to_vec(), rejects, counts)
    }

    #[test]
    fn parallel_checking_claims_ids_as_reading_file_after_file_does() {
        let dir = tempfile::tempdir().unwrap();
        let w = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        w("reps.csv", "rep_id,name\nR1,Ann\nR2,Bo\n");
        let header = "lead_id,rep_id,created_at,qualified,source\n";
        // L1 is first in a.csv line 2; b.csv's L1 (line 3) and c.csv's L1 lose to it. L2's
        // first row in a.csv is rejected (unknown rep), so b.csv line 2 claims L2 and c.csv's
        // L2 loses to b.csv. Sources are numbered as kept leads first name them.
        w(
            "leads/a.csv",
            &format!("{header}L1,R1,2026-01-05,true,web\nL2,R9,2026-01-06,false,fair\n"),
        );
        w(
            "leads/b.csv",
            &format!(
                "{header}L2,R2,2026-02-01,no,fair\nL1,R2,2026-02-02,yes,mail\n\nL3,R1,2026-02-03,,\n"
            ),
        );
        w(
            "leads/c.csv",
            &format!(
                "{header}L2,R1,2026-03-01,1,web\nL4,R1,2026-03-02,0,mail\nL1,R1,2026-03-03,1,x\n"
            ),
        );
        let one = read_with(dir.path(), 0);
        for workers in [1, 2, 3] {
            assert_eq!(read_with(dir.path(), workers), one, "{workers} workers");
        }
        let (ids, sources, rejects, counts) = one;
        assert_eq!(
            ids,
            [
                "L1 leads/a.csv:2",
                "L2 leads/b.csv:2",
                "L3 leads/b.csv:5",
                "L4 leads/c.csv:3"
            ]
        );
        assert_eq!(sources, ["", "web", "fair", "mail"]);
        assert_eq!(rejects.len(), 4);
        assert!(
            rejects[0].starts_with("leads/a.csv:3 unknown_rep"),
            "{}",
            rejects[0]
        );
        assert!(
            rejects[1]
                .starts_with("leads/b.csv:3 duplicate_id \"L1\" was already used by leads/a.csv:2"),
            "{}",
            rejects[1]
        );
        assert!(
            rejects[2]
                .starts_with("leads/c.csv:2 duplicate_id \"L2\" was already used by leads/b.csv:2"),
            "{}",
            rejects[2]
        );
        assert!(
            rejects[3]
                .starts_with("leads/c.csv:4 duplicate_id \"L1\" was already used by leads/a.csv:2"),
            "{}",
            rejects[3]
        );
        let per_file: Vec<(u64, u64, u64)> = counts
            .iter()
            .map(|c| (c.read, c.accepted, c.rejected))
            .collect();
        assert_eq!(per_file, [(2, 1, 1), (3, 2, 1), (3, 1, 2)]);
    }
}
