//! repcard's vocabulary, shared by every stage: typed rows ([`model`]), periods and
//! calendars ([`period`]), the typed `repcard.toml` ([`config`]), the data contract's
//! schema ([`schema`]) and the one trait that crosses stages, [`ActivitySource`].
//!
//! Nothing here reads a data folder or computes a figure.

#![warn(unreachable_pub)]

pub mod config;
mod dense_ids;
pub mod diagnostic;
mod ids;
pub mod model;
mod narrow;
pub mod period;
pub mod rates;
pub mod schema;
mod score_bands;

pub use diagnostic::Diagnostic;
pub use ids::{IdTable, IdsFull};

use model::Activity;

/// The accepted activities, streamed (E(L) needs every meeting before any call can be
/// classified, so the meetings are streamed first, then everything): in batches, in any
/// order, possibly from several threads at once.
pub trait ActivitySource: Sync {
    /// Calls `visit` with every accepted activity exactly once.
    fn for_each_batch(&self, visit: &(dyn Fn(&[Activity]) + Sync)) -> anyhow::Result<()>;

    /// Calls `visit` with every accepted meeting exactly once (and nothing else).
    fn for_each_meeting_batch(&self, visit: &(dyn Fn(&[Activity]) + Sync)) -> anyhow::Result<()> {
        self.for_each_batch(&|batch: &[Activity]| {
            let meetings: Vec<Activity> = batch
                .iter()
                .filter(|a| a.kind == model::ActivityType::Meeting)
                .copied()
                .collect();
            if !meetings.is_empty() {
                visit(&meetings);
            }
        })
    }

    /// The earliest and the latest local date of the accepted activities, `None` when there
    /// are none.
    fn dates(&self) -> anyhow::Result<Option<(jiff::civil::Date, jiff::civil::Date)>> {
        let range = std::sync::Mutex::new(None);
        self.for_each_batch(&|batch: &[Activity]| {
            let mut range = range.lock().unwrap_or_else(|e| e.into_inner());
            for d in batch.iter().map(|a| a.at.date) {
                *range = Some(match *range {
                    None => (d, d),
                    Some((lo, hi)) => (std::cmp::min(lo, d), std::cmp::max(hi, d)),
                });
            }
        })?;
        Ok(range.into_inner().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Prints how long a phase took, to stderr, when `REPCARD_TIMINGS=1`, with the process's CPU
/// time so far and its peak resident memory so far where the system tells them (Linux).
pub fn timing(phase: &str, since: std::time::Instant) {
    if std::env::var_os("REPCARD_TIMINGS").is_some_and(|v| v == "1") {
        let peak = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("VmHWM:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            })
            .map(|kb| format!(" (peak RSS {} MB)", kb / 1024))
            .unwrap_or_default();
        // Fields 14 and 15 of /proc/self/stat (after the command name in parentheses): user
        // and system time in clock ticks, 100 per second on Linux.
        let cpu = std::fs::read_to_string("/proc/self/stat")
            .ok()
            .and_then(|s| {
                let rest = &s[s.rfind(')')? + 2..];
                let f: Vec<&str> = rest.split(' ').collect();
                let user = f.get(11)?.parse::<u64>().ok()?;
                let system = f.get(12)?.parse::<u64>().ok()?;
                Some(format!(
                    " (CPU so far {:.2} s)",
                    (user + system) as f64 / 100.0
                ))
            })
            .unwrap_or_default();
        eprintln!(
            "timing: {phase} {:.3} s{peak}{cpu}",
            since.elapsed().as_secs_f64()
        );
    }
}
