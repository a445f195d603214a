//! `repcard generate`: a realistic synthetic company's CRM exports.

use anyhow::Result;
use repcard_generate::{Options, generate};
use std::path::PathBuf;

/// Arguments of `repcard generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// Folder to write the data into (created if missing).
    pub out_dir: PathBuf,
    /// Random seed; the same seed and options give the same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Number of reps.
    #[arg(long, default_value_t = 12)]
    pub reps: u32,
    /// Number of teams.
    #[arg(long, default_value_t = 3)]
    pub teams: u32,
    /// Number of months of history.
    #[arg(long, default_value_t = 18)]
    pub months: u32,
    /// Last month, YYYY-MM: the history runs up to it (the sample's last month by default).
    #[arg(long, default_value = "2026-10")]
    pub end: String,
    /// New leads per rep and month (on average).
    #[arg(long, default_value_t = 40)]
    pub leads_per_rep_month: u32,
    /// Write into a folder that already holds files (its leads/, activities/ and
    /// proposals/ folders are replaced).
    #[arg(long)]
    pub force: bool,
}

/// Runs `generate`; returns the exit code.
pub fn run(args: &GenerateArgs) -> Result<i32> {
    repcard_report::output::rules::refuse_risky(&args.out_dir, None)?;
    let options = Options {
        seed: args.seed,
        reps: args.reps,
        teams: args.teams,
        months: args.months,
        end: args.end.clone(),
        leads_per_rep_month: args.leads_per_rep_month,
    };
    let s = generate(&options, &args.out_dir, args.force)?;
    super::say::summary(format_args!(
        "wrote {}: {} files, {} to {}; reps {}, leads {}, activities {}, proposals {} ({} bad rows planted for the data-quality page)",
        args.out_dir.display(),
        s.files,
        s.first_month,
        s.last_month,
        s.reps,
        s.leads,
        s.activities,
        s.proposals,
        s.bad_rows
    ));
    Ok(0)
}

#[cfg(test)]
mod tests {
    use crate::cli::{Cli, Command};
    use clap::Parser;
    use repcard_generate::Options;

    #[test]
    fn defaults_are_twelve_reps_in_three_teams_over_eighteen_months_ending_2026_10() {
        let cli = Cli::try_parse_from(["repcard", "generate", "out"]).unwrap();
        let Command::Generate(args) = cli.command else {
            panic!("not generate")
        };
        assert_eq!((args.reps, args.teams, args.months), (12, 3, 18));
        let o = Options {
            seed: args.seed,
            reps: args.reps,
            teams: args.teams,
            months: args.months,
            end: args.end.clone(),
            leads_per_rep_month: args.leads_per_rep_month,
        };
        let months = o.validate().unwrap();
        assert_eq!(months.first().unwrap().label, "2025-05");
        assert_eq!(months.last().unwrap().label, "2026-10");
    }
}
