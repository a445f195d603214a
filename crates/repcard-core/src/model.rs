//! Typed rows: what ingest hands to metrics. Nothing here is a string that should be a date.

use crate::IdTable;
use crate::narrow::Narrow;
use jiff::civil::Date;
use rust_decimal::Decimal;

/// An exact amount of money in the report currency.
pub type Money = Decimal;

/// Index of a rep in [`Dataset::reps`].
pub type RepIx = u32;
/// Index of a lead in [`Dataset::leads`].
pub type LeadIx = u32;

/// When something happened: the absolute instant (for durations and ordering) and the
/// local wall-clock date in the configured zone (for periods).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub instant: i64,
    /// Local calendar date in the configured zone.
    pub date: Date,
}

/// A sales rep, from the `reps` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rep {
    /// `rep_id` as written (trimmed, case kept).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Team name; empty when not given.
    pub team: String,
    /// Quota per calendar month, when the rep has one.
    pub monthly_quota: Option<Money>,
    /// First day of employment.
    pub start_date: Option<Date>,
    /// Last day of employment.
    pub end_date: Option<Date>,
}

/// A lead, from the `leads` table (without its id, which lives in [`Leads`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lead {
    /// The owner, credited with the lead's creation.
    pub owner: RepIx,
    /// When the lead was created.
    pub created: Moment,
    /// Whether the lead is qualified (empty = false).
    pub qualified: bool,
    /// Where the lead came from: an index into [`Leads::sources`] (0 = not given).
    pub source: SourceIx,
    /// The lead's score as written.
    pub score: LeadScore,
}

/// Index of a source name in [`Leads::sources`].
pub type SourceIx = u32;

/// A lead's `score` cell: not given, a number, or text that is not a number (e.g. "Hot").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LeadScore {
    /// The cell is empty.
    #[default]
    Missing,
    /// A number, e.g. `72` or `61.5`.
    Number(Decimal),
    /// Something else; no rule rejects it, but it is in no score band.
    NotANumber,
}

impl LeadScore {
    /// Reads a trimmed `score` cell.
    pub fn parse(cell: &str) -> LeadScore {
        let cell = cell.trim();
        if cell.is_empty() {
            return LeadScore::Missing;
        }
        match cell.parse::<Decimal>() {
            Ok(d) => LeadScore::Number(d),
            Err(_) => LeadScore::NotANumber,
        }
    }
}

/// Every accepted lead: ids interned once, the rest column by column (19 bytes a lead), so
/// that millions of leads fit in little memory. Source names and scores are interned too.
#[derive(Debug)]
pub struct Leads {
    ids: IdTable,
    owners: Narrow,
    instants: Vec<i64>,
    dates: Vec<Date>,
    qualified: Vec<bool>,
    source_of: Narrow,
    score_of: Narrow,
    /// Source names in first-seen order; index 0 is the empty source.
    sources: Vec<String>,
    source_ix: FastMap<String, SourceIx>,
    /// Distinct scores in first-seen order (as written: `61.5` and `61.50` are two).
    scores: Vec<LeadScore>,
    score_ix: FastMap<ScoreKey, u32>,
}

/// A hash map with a fast hash: its keys come from the user's own rows (one lookup per lead),
/// not from anyone who could pick colliding keys against repcard.
type FastMap<K, V> = hashbrown::HashMap<K, V, foldhash::fast::FixedState>;

/// A score told apart exactly, scale included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum ScoreKey {
    Missing,
    Number([u8; 16]),
    NotANumber,
}

impl From<LeadScore> for ScoreKey {
    fn from(s: LeadScore) -> ScoreKey {
        match s {
            LeadScore::Missing => ScoreKey::Missing,
            LeadScore::Number(d) => ScoreKey::Number(d.serialize()),
            LeadScore::NotANumber => ScoreKey::NotANumber,
        }
    }
}

impl Default for Leads {
    fn default() -> Self {
        Leads {
            ids: IdTable::default(),
            owners: Narrow::default(),
            instants: Vec::new(),
            dates: Vec::new(),
            qualified: Vec::new(),
            source_of: Narrow::default(),
            score_of: Narrow::default(),
            sources: vec![String::new()],
            source_ix: FastMap::from_iter([(String::new(), 0)]),
            scores: Vec::new(),
            score_ix: FastMap::default(),
        }
    }
}

impl Leads {
    /// Number of leads.
    pub fn len(&self) -> usize {
        self.owners.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.owners.len() == 0
    }

    /// The lead at `ix`.
    pub fn get(&self, ix: LeadIx) -> Lead {
        let i = ix as usize;
        Lead {
            owner: self.owners.get(i),
            created: Moment {
                instant: self.instants[i],
                date: self.dates[i],
            },
            qualified: self.qualified[i],
            source: self.source_of.get(i),
            score: self.scores[self.score_of.get(i) as usize],
        }
    }

    /// The instant the lead at `ix` was created (one column: the per-activity lookup).
    pub fn created_instant(&self, ix: LeadIx) -> i64 {
        self.instants[ix as usize]
    }

    /// The local date the lead at `ix` was created.
    pub fn created_date(&self, ix: LeadIx) -> Date {
        self.dates[ix as usize]
    }

    /// The `lead_id` of the lead at `ix` (rebuilt from its number when the ids are
    /// sequential, see [`IdTable::id`]).
    pub fn id(&self, ix: LeadIx) -> std::borrow::Cow<'_, str> {
        self.ids.id(ix)
    }

    /// The index of the lead with `lead_id` `id`.
    pub fn find(&self, id: &str) -> Option<LeadIx> {
        self.ids.get(id)
    }

    /// The distinct scores, indexed by [`Leads::score_ix`].
    pub fn scores(&self) -> &[LeadScore] {
        &self.scores
    }

    /// The index of the score of the lead at `ix` in [`Leads::scores`].
    pub fn score_ix(&self, ix: LeadIx) -> usize {
        self.score_of.get(ix as usize) as usize
    }

    /// Every lead in first-seen order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Lead> + '_ {
        (0..self.len() as LeadIx).map(|ix| self.get(ix))
    }

    /// Source names by [`SourceIx`]; index 0 is `""` (no source given).
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// The index of a source name (trimmed), adding it when new.
    pub fn source(&mut self, name: &str) -> SourceIx {
        let name = name.trim();
        if let Some(&ix) = self.source_ix.get(name) {
            return ix;
        }
        let ix = self.sources.len() as SourceIx;
        self.sources.push(name.to_string());
        self.source_ix.insert(name.to_string(), ix);
        ix
    }

    /// Adds a lead whose id is not present yet; `None` when the id buffer is full.
    pub fn push(&mut self, id: &str, lead: Lead) -> Option<LeadIx> {
        let ix = self.ids.insert(id).ok()?;
        let next = self.scores.len() as u32;
        let score = *self.score_ix.entry(lead.score.into()).or_insert(next);
        if score == next {
            self.scores.push(lead.score);
        }
        self.owners.push(lead.owner);
        self.instants.push(lead.created.instant);
        self.dates.push(lead.created.date);
        self.qualified.push(lead.qualified);
        self.source_of.push(lead.source);
        self.score_of.push(score);
        Some(ix)
    }
}

impl PartialEq for Leads {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self.iter().eq(other.iter())
            && self.sources == other.sources
            && (0..self.len() as u32).all(|i| self.id(i) == other.id(i))
    }
}

impl Eq for Leads {}

/// What kind of activity a row records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActivityType {
    /// A call: the unit of metrics 2, 3 and 4.
    Call,
    /// A meeting: its earliest one on a lead engages the lead.
    Meeting,
    /// An email: accepted and counted in the files, but in no metric.
    Email,
}

/// One activity row, from the `activities` table (or its `calls`/`meetings` aliases).
/// Activities are never all in memory at once: they stream past the metrics twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Activity {
    /// The rep on the row, who gets the credit.
    pub rep: RepIx,
    /// The lead the activity was about.
    pub lead: LeadIx,
    /// When it happened.
    pub at: Moment,
    /// Call, meeting or email.
    pub kind: ActivityType,
}

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProposalStatus {
    /// Not decided yet (the default).
    Open,
    /// Closed won: counts in `won_count`/`won_value` of the period it closed in.
    Won,
    /// Closed lost.
    Lost,
}

impl ProposalStatus {
    /// Lower-case name as written in the CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalStatus::Open => "open",
            ProposalStatus::Won => "won",
            ProposalStatus::Lost => "lost",
        }
    }
}

/// One proposal, from the `proposals` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// `proposal_id` as written (inline up to 24 bytes: no allocation per proposal).
    pub id: compact_str::CompactString,
    /// The rep credited with it.
    pub rep: RepIx,
    /// The lead it was made to, when given.
    pub lead: Option<LeadIx>,
    /// When it was created.
    pub created: Moment,
    /// Its amount, non-negative.
    pub amount: Money,
    /// Open, won or lost.
    pub status: ProposalStatus,
    /// When it was won or lost (`None` for open proposals, whose `closed_at` is ignored).
    pub closed: Option<Moment>,
}

/// Every accepted rep, lead and proposal of a data folder, with references resolved to
/// indices. Activities are not kept: they are read as a stream (see `ingest::activities`).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Dataset {
    /// Reps in first-seen order.
    pub reps: Vec<Rep>,
    /// Leads in first-seen order.
    pub leads: Leads,
    /// Proposals in file order.
    pub proposals: Vec<Proposal>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leads_come_back_column_by_column_as_pushed_with_scores_exact() {
        let mut leads = Leads::default();
        let lead = |owner, day, score: &str| Lead {
            owner,
            created: Moment {
                instant: i64::from(day) * 86_400,
                date: jiff::civil::date(2026, 1, day),
            },
            qualified: day % 2 == 0,
            source: 0,
            score: LeadScore::parse(score),
        };
        let pushed = [
            lead(3, 1, "61.5"),
            lead(4, 2, "61.50"),
            lead(3, 3, "61.5"),
            lead(5, 4, "Hot"),
            lead(6, 5, ""),
        ];
        for (i, l) in pushed.iter().enumerate() {
            assert_eq!(leads.push(&format!("L{i}"), *l), Some(i as LeadIx));
        }
        assert_eq!(leads.iter().collect::<Vec<_>>(), pushed);
        // 61.5 and 61.50 are equal numbers but stay as written.
        let LeadScore::Number(two) = leads.get(1).score else {
            panic!("a number")
        };
        assert_eq!(two.to_string(), "61.50");
        assert_eq!(leads.created_instant(2), 3 * 86_400);
        assert_eq!(leads.created_date(4), jiff::civil::date(2026, 1, 5));
        assert_eq!(leads.find("L3"), Some(3));
    }
}
