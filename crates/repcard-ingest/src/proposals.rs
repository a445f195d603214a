//! The proposals files, read in parallel and claimed in order, like the leads (see
//! [`super::leads`]): each file's rows are checked on a worker thread against every rule but
//! the id's claim (§4), then the ids are claimed file after file in path order and line after
//! line, so the same first row wins and the same rows are rejected as in a serial read.

use super::discover::{CsvFile, Table};
use super::format::FileFormat;
use super::ordered::read_in_order_reusing;
use super::reject::Reject;
use super::tables::{self, Check, Claims, Counts};
use anyhow::Result;
use repcard_core::config::Config;
use repcard_core::model::{Dataset, Proposal};

/// One file's rows, checked but not claimed yet; its buffer is reused for a later file (see
/// [`read_in_order_reusing`]).
#[derive(Default)]
struct Checked {
    read: u64,
    rows: Vec<(u64, Check<Proposal>)>,
}

/// Reads the proposals files `proposals` (indices into `files`, in path order) on `workers`
/// threads, adding accepted proposals to `data` and rejected rows to `rejects`; per file its
/// counts, or the error that stopped it. Needs every rep and lead read.
#[allow(clippy::too_many_arguments)]
pub(crate) fn read_proposals(
    files: &[CsvFile],
    proposals: &[usize],
    format: &FileFormat,
    config: &Config,
    workers: usize,
    claims: &mut Claims,
    data: &mut Dataset,
    rejects: &mut Vec<Reject>,
) -> Vec<(usize, Result<Counts>)> {
    let mut out = Vec::with_capacity(proposals.len());
    // The workers read the reps, the leads and the rejected ones; the merge claims ids.
    let reps = std::mem::take(&mut claims.reps);
    let why = std::mem::take(&mut claims.unknown);
    let leads = std::mem::take(&mut data.leads);
    read_in_order_reusing(
        proposals,
        workers,
        |&file, mut checked: Checked| {
            let (mut reader, ctx) = tables::open(files, file, Table::Proposals, format, config)?;
            checked.read = 0;
            checked.rows.clear();
            while let Some(row) = reader.next_row()? {
                checked.read += 1;
                let proposal = tables::check_proposal(&row, &ctx, &reps, &leads, &why);
                checked.rows.push((row.line, proposal));
            }
            Ok(checked)
        },
        |&file, checked| {
            let counts = checked.map(|checked| {
                let mut counts = Counts {
                    read: checked.read,
                    ..Counts::default()
                };
                for (line, proposal) in checked.rows.drain(..) {
                    let kept = proposal.and_then(|p| {
                        tables::claim_proposal(p, (file as u32, line), files, claims, data)
                    });
                    match kept {
                        Ok(()) => counts.accepted += 1,
                        Err(bad) => {
                            counts.rejected += 1;
                            rejects.push(tables::reject(&files[file], line, bad));
                        }
                    }
                }
                counts
            });
            out.push((file, counts));
        },
    );
    claims.reps = reps;
    claims.unknown = why;
    data.leads = leads;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::discover;

    /// Reads a folder's reps, leads and then its proposals with `workers` threads (0: the
    /// row-by-row reader, as the reference): (proposals kept as "id rep lead file:line",
    /// rejects as "file:line reason detail", counts per proposals file).
    fn read_with(dir: &std::path::Path, workers: usize) -> (Vec<String>, Vec<String>, Vec<Counts>) {
        let config = Config::default();
        let files = discover(dir, None).unwrap().csv_files;
        let (mut claims, mut data, mut rejects) = (Claims::new(), Dataset::default(), Vec::new());
        let of = |table: Table| -> Vec<usize> {
            (0..files.len())
                .filter(|&i| files[i].table == Some(table))
                .collect()
        };
        for table in [Table::Reps, Table::Leads] {
            let format = FileFormat::resolve(table, None);
            for i in of(table) {
                tables::read_file(
                    &files,
                    i,
                    table,
                    &format,
                    &config,
                    &mut claims,
                    &mut data,
                    &mut rejects,
                )
                .unwrap();
            }
        }
        let format = FileFormat::resolve(Table::Proposals, None);
        let counts = if workers == 0 {
            of(Table::Proposals)
                .into_iter()
                .map(|i| {
                    tables::read_file(
                        &files,
                        i,
                        Table::Proposals,
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
            read_proposals(
                &files,
                &of(Table::Proposals),
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
        let kept = data
            .proposals
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let (file, line) = claims.proposal_origin(i);
                let lead = p.lead.map(|l| data.leads.id(l).into_owned());
                format!(
                    "{} {} {} {}:{line}",
                    p.id,
                    data.reps[p.rep as usize].id,
                    lead.unwrap_or_default(),
                    files[file as usize].name
                )
            })
            .collect();
        let rejects = rejects
            .iter()
            .map(|r| format!("{}:{} {} {}", r.file, r.line, r.reason.code(), r.detail))
            .collect();
        (kept, rejects, counts)
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
        w(
            "leads.csv",
            "lead_id,rep_id,created_at\nL1,R1,2026-01-02\nL2,R2,2026-01-03\n",
        );
        let header = "proposal_id,rep_id,lead_id,created_at,amount,status,closed_at\n";
        // P1 is first in a.csv line 2; b.csv's P1 and c.csv's P1 lose to it. P2's first row
        // (a.csv line 3) is rejected (unknown lead), so b.csv line 2 claims P2 and c.csv's P2
        // loses to b.csv. A bad amount is rejected before any claim.
        w(
            "proposals/a.csv",
            &format!("{header}P1,R1,L1,2026-01-05,100,,\nP2,R1,L9,2026-01-06,5,,\n"),
        );
        w(
            "proposals/b.csv",
            &format!(
                "{header}P2,R2,L2,2026-02-01,7.50,won,2026-02-09\nP1,R2,,2026-02-02,1,,\n\nP3,R1,,2026-02-03,abc,,\n"
            ),
        );
        w(
            "proposals/c.csv",
            &format!(
                "{header}P2,R1,L1,2026-03-01,1,,\nP4,R2,L1,2026-03-02,2,lost,2026-03-05\nP1,R1,L2,2026-03-03,3,,\n"
            ),
        );
        let one = read_with(dir.path(), 0);
        for workers in [1, 2, 3] {
            assert_eq!(read_with(dir.path(), workers), one, "{workers} workers");
        }
        let (kept, rejects, counts) = one;
        assert_eq!(
            kept,
            [
                "P1 R1 L1 proposals/a.csv:2",
                "P2 R2 L2 proposals/b.csv:2",
                "P4 R2 L1 proposals/c.csv:3"
            ]
        );
        let expected = [
            "proposals/a.csv:3 unknown_lead ",
            "proposals/b.csv:3 duplicate_id \"P1\" was already used by proposals/a.csv:2",
            "proposals/b.csv:5 bad_number ",
            "proposals/c.csv:2 duplicate_id \"P2\" was already used by proposals/b.csv:2",
            "proposals/c.csv:4 duplicate_id \"P1\" was already used by proposals/a.csv:2",
        ];
        assert_eq!(rejects.len(), expected.len(), "{rejects:#?}");
        for (reject, start) in rejects.iter().zip(expected) {
            assert!(reject.starts_with(start), "{reject}");
        }
        let per_file: Vec<(u64, u64, u64)> = counts
            .iter()
            .map(|c| (c.read, c.accepted, c.rejected))
            .collect();
        assert_eq!(per_file, [(2, 1, 1), (3, 1, 2), (3, 1, 2)]);
    }
}
