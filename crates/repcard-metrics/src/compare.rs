//! Changes between periods: a period's figures against the previous period and a year earlier.

use super::figures::ratio;
use super::{Figures, Metrics, PeriodFigures};
use repcard_core::period::Calendar;
use rust_decimal::Decimal;

/// A figure that the report compares between periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Measure {
    /// Metric 1: leads created.
    LeadsCreated,
    /// Metric 1: of those, qualified.
    LeadsQualified,
    /// Metric 2: calls to new leads.
    CallsNew,
    /// Metric 3: calls to previous leads.
    CallsPrevious,
    /// Metric 4: follow-up calls to engaged prospects.
    CallsEngaged,
    /// Metric 5: proposals created.
    Proposals,
    /// Metric 5: their value.
    ProposalValue,
    /// Won value (supporting figure).
    WonValue,
}

impl Measure {
    /// The figure's value in a set of figures (counts as whole decimals).
    pub fn value(self, f: &Figures) -> Decimal {
        match self {
            Measure::LeadsCreated => f.leads_created.into(),
            Measure::LeadsQualified => f.leads_qualified.into(),
            Measure::CallsNew => f.calls_new.into(),
            Measure::CallsPrevious => f.calls_previous.into(),
            Measure::CallsEngaged => f.calls_engaged.into(),
            Measure::Proposals => f.proposals.into(),
            Measure::ProposalValue => f.proposal_value,
            Measure::WonValue => f.won_value,
        }
    }

    /// Whether the figure is an amount of money (otherwise a count).
    pub fn is_money(self) -> bool {
        matches!(self, Measure::ProposalValue | Measure::WonValue)
    }
}

/// How a figure moved from a baseline period to the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// The baseline's value.
    pub then: Decimal,
    /// Current minus baseline.
    pub change: Decimal,
    /// `change / then`, four places; `None` when the baseline is zero.
    pub relative: Option<Decimal>,
}

/// The change of `measure` from `then` to `now`.
pub fn change(measure: Measure, now: &Figures, then: &Figures) -> Change {
    let (a, b) = (measure.value(now), measure.value(then));
    Change {
        then: b,
        change: a - b,
        relative: ratio(a - b, b),
    }
}

/// The periods a period is compared with: the one before it and the same one a year
/// earlier, each when it is in the data's range.
#[derive(Debug, Clone, Copy)]
pub struct Baselines<'a> {
    /// The previous period.
    pub previous: Option<&'a PeriodFigures>,
    /// The same period a year earlier.
    pub year_earlier: Option<&'a PeriodFigures>,
}

/// The baselines of `current` within `metrics`.
pub fn baselines<'a>(
    metrics: &'a Metrics,
    calendar: &Calendar,
    current: &PeriodFigures,
) -> Baselines<'a> {
    let previous = metrics.period(repcard_core::period::Period {
        index: current.period.index - 1,
    });
    let year_earlier = calendar
        .year_earlier(current.period)
        .and_then(|p| metrics.period(p));
    Baselines {
        previous,
        year_earlier,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Rules;
    use crate::in_memory::compute_in_memory;
    use repcard_core::config::Config;
    use repcard_core::model::{Dataset, Lead, Leads, Moment, Rep};
    use std::str::FromStr;

    fn figures(leads: u64, value: &str) -> Figures {
        Figures {
            leads_created: leads,
            proposal_value: Decimal::from_str(value).unwrap(),
            ..Figures::new(5)
        }
    }

    #[test]
    fn change_is_difference_and_share_of_baseline() {
        let c = change(Measure::LeadsCreated, &figures(12, "0"), &figures(8, "0"));
        assert_eq!(c.then, Decimal::from(8));
        assert_eq!(c.change, Decimal::from(4));
        assert_eq!(c.relative, Some(Decimal::new(5, 1)));
        let c = change(
            Measure::ProposalValue,
            &figures(0, "100.50"),
            &figures(0, "0"),
        );
        assert_eq!(c.change.to_string(), "100.50");
        assert_eq!(c.relative, None, "no relative change from zero");
    }

    fn dataset(dates: &[(i16, i8)]) -> Dataset {
        let rep = Rep {
            id: "r1".into(),
            name: "Ann".into(),
            team: String::new(),
            monthly_quota: None,
            start_date: None,
            end_date: None,
        };
        let mut leads = Leads::default();
        for (i, (y, m)) in dates.iter().enumerate() {
            let lead = Lead {
                owner: 0,
                created: Moment {
                    instant: 0,
                    date: jiff::civil::date(*y, *m, 1),
                },
                qualified: false,
                source: 0,
                score: repcard_core::model::LeadScore::Missing,
            };
            leads.push(&format!("l{i}"), lead).unwrap();
        }
        Dataset {
            reps: vec![rep],
            leads,
            ..Dataset::default()
        }
    }

    #[test]
    fn baselines_are_previous_period_and_year_earlier_when_in_range() {
        let config = Config::default();
        let m = compute_in_memory(
            &dataset(&[(2025, 10), (2026, 9), (2026, 10), (2026, 10)]),
            &[],
            &Rules::from(&config),
        );
        let last = m.periods.last().unwrap();
        let b = baselines(&m, &config.calendar, last);
        assert_eq!(b.previous.unwrap().label, "2026-09");
        assert_eq!(b.year_earlier.unwrap().label, "2025-10");
        let first = m.periods.first().unwrap();
        let b = baselines(&m, &config.calendar, first);
        assert!(b.previous.is_none() && b.year_earlier.is_none());
    }
}
