//! Random small companies written as canonical CSV folders, shared by the property tests.

use proptest::prelude::*;
use std::path::Path;

/// One random company as CSV rows (without headers), ids unique so no duplicate competes.
#[derive(Debug, Clone)]
pub struct World {
    pub reps: Vec<String>,
    pub leads: Vec<String>,
    pub activities: Vec<String>,
    pub proposals: Vec<String>,
}

const REPS_HEADER: &str = "rep_id,name,team,monthly_quota";
const LEADS_HEADER: &str = "lead_id,rep_id,created_at,qualified";
const ACTIVITIES_HEADER: &str = "rep_id,lead_id,at,type";
const PROPOSALS_HEADER: &str = "proposal_id,rep_id,created_at,amount,status,closed_at";

fn stamp(day: u32, minute: u32) -> String {
    let date = jiff::civil::date(2026, 1, 1) + jiff::Span::new().days(i64::from(day));
    format!("{date} {:02}:{:02}", minute / 60 % 24, minute % 60)
}

pub fn world(valid_only: bool) -> impl Strategy<Value = World> {
    let rep_count = 1usize..4;
    (rep_count, 0usize..12, 0usize..40, 0usize..8).prop_flat_map(move |(nr, nl, na, np)| {
        let rep_ix = 0..nr + usize::from(!valid_only); // one index past the end = unknown rep
        let lead_ix = 0..nl.max(1) + usize::from(!valid_only);
        let kinds = if valid_only {
            prop::sample::select(vec!["call", "call", "meeting", "email"])
        } else {
            prop::sample::select(vec![
                "call", "call", "meeting", "email", "CALL", "visit", "",
            ])
        };
        let stamps = (0u32..200, 0u32..1440);
        let cent = 0i64..5_000_000;
        (
            Just(nr),
            prop::collection::vec((rep_ix.clone(), stamps.clone(), any::<bool>()), nl),
            prop::collection::vec((rep_ix.clone(), lead_ix, stamps.clone(), kinds), na),
            prop::collection::vec((rep_ix, stamps.clone(), cent, 0u8..3, 0u32..60), np),
            any::<bool>(),
        )
            .prop_map(move |(nr, leads, acts, props, garble)| {
                let rep_id = |i: usize| {
                    if i < nr {
                        format!("r{i}")
                    } else {
                        "nobody".into()
                    }
                };
                let reps = (0..nr)
                    .map(|i| format!("r{i},Rep {i},T{},{}", i % 2, 1000 * (i + 1)))
                    .collect();
                let leads_rows: Vec<String> = leads
                    .iter()
                    .enumerate()
                    .map(|(i, (r, (d, m), q))| {
                        format!("L{i},{},{},{}", rep_id(*r), stamp(*d, *m), q)
                    })
                    .collect();
                let n_leads = leads_rows.len();
                let activities = acts
                    .iter()
                    .enumerate()
                    .map(|(i, (r, l, (d, m), k))| {
                        let lead = if *l < n_leads {
                            format!("L{l}")
                        } else {
                            "ghost".into()
                        };
                        let at = if garble && !valid_only && i % 7 == 3 {
                            "2026-02-30".into()
                        } else {
                            stamp(*d, *m)
                        };
                        format!("{},{lead},{at},{k}", rep_id(*r))
                    })
                    .collect();
                let proposals = props
                    .iter()
                    .enumerate()
                    .map(|(i, (r, (d, m), cents, status, close_after))| {
                        let status = ["open", "won", "lost"][*status as usize];
                        let closed = if status == "open" {
                            String::new()
                        } else {
                            stamp(d + close_after, *m)
                        };
                        let amount = format!("{}.{:02}", cents / 100, cents % 100);
                        format!(
                            "P{i},{},{},{amount},{status},{closed}",
                            rep_id(*r),
                            stamp(*d, *m)
                        )
                    })
                    .collect();
                World {
                    reps,
                    leads: leads_rows,
                    activities,
                    proposals,
                }
            })
    })
}

fn write(dir: &Path, rel: &str, header: &str, rows: &[String]) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut text = String::from(header);
    text.push('\n');
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    std::fs::write(path, text).unwrap();
}

/// Writes the world with each table split into `parts` files (rows dealt round-robin after
/// rotating by `rotate`, which also shuffles their order across files).
pub fn write_world(dir: &Path, w: &World, parts: usize, rotate: usize) {
    let tables: [(&str, &str, &Vec<String>); 4] = [
        ("reps", REPS_HEADER, &w.reps),
        ("leads", LEADS_HEADER, &w.leads),
        ("activities", ACTIVITIES_HEADER, &w.activities),
        ("proposals", PROPOSALS_HEADER, &w.proposals),
    ];
    for (name, header, rows) in tables {
        let mut rows = rows.clone();
        if !rows.is_empty() {
            let k = rotate % rows.len();
            rows.rotate_left(k);
        }
        if parts <= 1 {
            write(dir, &format!("{name}.csv"), header, &rows);
        } else {
            for p in 0..parts {
                let chunk: Vec<String> = rows.iter().skip(p).step_by(parts).cloned().collect();
                write(dir, &format!("{name}/part-{p}.csv"), header, &chunk);
            }
        }
    }
}
