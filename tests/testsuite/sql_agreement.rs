//! The warehouse path agrees with repcard byte for byte: the query `repcard sql` prints, run
//! by real engines — DuckDB through `sql/run_duckdb.py`, Spark through `sql/run_spark.py` on
//! PySpark (`local[2]`) — gives the same `metrics.csv` as `repcard build`, for the sample
//! company and for generated and random companies under every calendar: months in UTC,
//! fiscal quarters and years in zones with daylight saving time, ISO weeks; timestamps in
//! every form the contract allows, with offsets, and local times in DST gaps and overlaps.
//! Every company is first accepted by `repcard check --strict`, as the query requires.
//!
//! Needs python3 with `duckdb`, and `pyspark` with a Java runtime (`.ci/run` installs them);
//! without them these tests print a note and pass, except under CI, where they fail.

use crate::support::company::{world, write_world};
use crate::support::reference_sql::{
    copy_dir, drop_rejected_lines, duckdb_available, runner, runner_ok, spark_available,
};
use crate::support::{manifest_path, repcard, s, testsuite_path};
use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};
use proptest::prelude::*;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Output;

fn ok(what: &str, out: &Output) {
    runner_ok(what, out);
}

/// Settings written to a company's repcard.toml.
#[derive(Debug, Clone, Copy)]
struct Settings {
    period: &'static str,
    fiscal_year_start: u8,
    timezone: &'static str,
    window: u32,
    target: u32,
    currency: &'static str,
    /// `[rates]` lines (`EUR = "1.0825"`).
    rates: &'static [&'static str],
}

impl Settings {
    fn toml(&self) -> String {
        let mut t = format!(
            "title = \"SQL agreement\"\ncurrency = \"{}\"\nperiod = \"{}\"\nfiscal_year_start = {}\ntimezone = \"{}\"\nnew_lead_window_days = {}\nfollow_up_target = {}\n",
            self.currency,
            self.period,
            self.fiscal_year_start,
            self.timezone,
            self.window,
            self.target
        );
        if !self.rates.is_empty() {
            t.push_str("[rates]\n");
            for r in self.rates {
                t.push_str(r);
                t.push('\n');
            }
        }
        t
    }
}

const MONTH_UTC: Settings = Settings {
    period: "month",
    fiscal_year_start: 1,
    timezone: "UTC",
    window: 30,
    target: 5,
    currency: "USD",
    rates: &[],
};

/// One company to compare: its folder and what repcard wrote for it.
struct Case {
    name: String,
    dir: PathBuf,
    expected: Vec<u8>,
}

/// Whether `repcard check --strict` accepts the folder.
fn strict_ok(dir: &Path) -> bool {
    repcard(["check", s(dir), "--strict"]).status.success()
}

/// Checks the folder with `repcard check --strict`, builds it, and keeps its metrics.csv.
fn case(root: &Path, name: &str, dir: PathBuf) -> Case {
    ok(
        &format!("repcard check --strict {name}"),
        &repcard(["check", s(&dir), "--strict"]),
    );
    let site = root.join(format!("{name}-site"));
    ok(
        &format!("repcard build {name}"),
        &repcard(["build", s(&dir), "-o", s(&site)]),
    );
    Case {
        name: name.to_string(),
        expected: std::fs::read(site.join("metrics.csv")).unwrap(),
        dir,
    }
}

/// A company from `repcard generate` with these settings, its planted bad rows taken out.
fn generated(root: &Path, name: &str, seed: u64, st: Settings) -> Case {
    let dir = root.join(name);
    let seed = seed.to_string();
    ok(
        "repcard generate",
        &repcard([
            "generate",
            s(&dir),
            "--seed",
            &seed,
            "--reps",
            "6",
            "--months",
            "14",
            "--end",
            "2026-12",
            "--leads-per-rep-month",
            "6",
        ]),
    );
    std::fs::write(dir.join("repcard.toml"), st.toml()).unwrap();
    // Notes are named for months; other calendars would only warn about them.
    let _ = std::fs::remove_dir_all(dir.join("notes"));
    drop_rejected_lines(&dir);
    case(root, name, dir)
}

/// A small deterministic random number generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<T: Clone>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize].clone()
    }
    fn percent(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
}

/// Timestamps for one company: instants in a range around two new years (ISO week 53 of
/// 2026) written in every form, and local times right at the zone's clock changes.
struct Stamps {
    tz: TimeZone,
    from: i64,
    to: i64,
    /// Local wall-clock times in and around the gaps and overlaps of the range.
    dst_local: Vec<DateTime>,
}

impl Stamps {
    fn new(zone: &str, from: &str, to: &str) -> Stamps {
        let tz = TimeZone::get(zone).unwrap();
        let from: Timestamp = from.parse().unwrap();
        let to: Timestamp = to.parse().unwrap();
        let mut dst_local = Vec::new();
        let mut before = tz.to_offset(from);
        for t in tz.following(from).take_while(|t| t.timestamp() < to) {
            for o in [before, t.offset()] {
                for minutes in [-1i64, 0, 1, 30, 59, 60] {
                    let ts = t.timestamp() + jiff::SignedDuration::from_secs(minutes * 60);
                    dst_local.push(o.to_datetime(ts));
                }
            }
            before = t.offset();
        }
        Stamps {
            tz,
            from: from.as_second(),
            to: to.as_second(),
            dst_local,
        }
    }

    fn instant(&self, rng: &mut Rng) -> i64 {
        self.from + rng.below((self.to - self.from) as u64) as i64
    }

    /// An instant written in one of the contract's forms (§6.10).
    fn write(&self, instant: i64, rng: &mut Rng) -> String {
        let ts = Timestamp::from_second(instant).unwrap();
        let local = self.tz.to_datetime(ts);
        let with_offset = |secs: i32, suffix: &str, seconds: bool| {
            let dt = Offset::from_seconds(secs).unwrap().to_datetime(ts);
            let time = if seconds { "%H:%M:%S" } else { "%H:%M" };
            format!("{}{suffix}", dt.strftime(&format!("%Y-%m-%dT{time}")))
        };
        match rng.below(10) {
            0 => local.strftime("%Y-%m-%d").to_string(),
            1 | 2 => local.strftime("%Y-%m-%d %H:%M").to_string(),
            3 => local.strftime("%Y-%m-%dT%H:%M:%S").to_string(),
            4 => local.strftime("%Y-%m-%d %H:%M:%S").to_string(),
            5 => with_offset(0, "Z", rng.percent(50)),
            6 => with_offset(19_800, "+05:30", rng.percent(50)),
            7 => with_offset(-10_800, "-03:00", true),
            8 => with_offset(0, if rng.percent(50) { "+00:00" } else { "-00:00" }, false),
            _ => match self.dst_local.is_empty() {
                true => local.strftime("%Y-%m-%dT%H:%M").to_string(),
                // A local time at a clock change: in the gap, in the overlap, or just around.
                false => {
                    let dt = self.dst_local[rng.below(self.dst_local.len() as u64) as usize];
                    dt.strftime("%Y-%m-%d %H:%M").to_string()
                }
            },
        }
    }

    /// A random timestamp.
    fn any(&self, rng: &mut Rng) -> String {
        let i = self.instant(rng);
        self.write(i, rng)
    }
}

/// One table's rows as CSV text: the columns in a random order with an extra column, cells
/// sometimes with spaces around them, quoted where needed, sometimes with CRLF line ends, a
/// byte-order mark, blank and all-empty lines.
fn table_text(header: &[&str], rows: &[Vec<String>], rng: &mut Rng) -> Vec<u8> {
    let mut order: Vec<usize> = (0..header.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let crlf = rng.percent(30);
    let mut w = csv::WriterBuilder::new()
        .terminator(if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(Vec::new());
    let mut head: Vec<&str> = order.iter().map(|&i| header[i]).collect();
    head.push("Notes");
    w.write_record(&head).unwrap();
    for (n, r) in rows.iter().enumerate() {
        let mut cells: Vec<String> = order
            .iter()
            .map(|&i| match rng.below(40) {
                // Cells are trimmed (§6.8): some come with spaces around them.
                0 => format!(" {}", r[i]),
                1 => format!("{}  ", r[i]),
                _ => r[i].clone(),
            })
            .collect();
        cells.push(format!("note {n}, with a comma"));
        w.write_record(&cells).unwrap();
        if rng.percent(5) {
            let empty = vec![String::new(); cells.len()];
            w.write_record(&empty).unwrap();
        }
    }
    let mut bytes = w.into_inner().unwrap();
    if rng.percent(20) {
        bytes.splice(0..0, [0xEF, 0xBB, 0xBF]);
    }
    bytes
}

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A random company that `repcard check --strict` accepts, meant to catch every way the SQL
/// could read a row differently from repcard: all timestamp forms and clock changes, the
/// new-lead window's end, calls before creation and at the instant of a meeting, emails only,
/// reps outside their employment, quotas of 0 and with many decimals, amounts with signs and
/// ten decimals, values in any case, alias files and folders, split files with their columns
/// in any order, names that need quoting, ids that sort by bytes.
fn edge_company(root: &Path, name: &str, seed: u64, settings: Settings) -> Case {
    let dir = root.join(name);
    let mut rng = Rng(seed);
    let st = Stamps::new(settings.timezone, "2025-12-15T00:00Z", "2027-01-20T00:00Z");
    let ids = ["R1", "R10", "R2", "ann", "Ann", "Zoë", "r-7", "R 3"];
    let names = [
        "Ann Lee",
        "Bo, Jr.",
        "Cé \"the closer\" Dupont",
        "Łukasz",
        "Dana",
        "Eve",
        "Fay",
        "Gus",
    ];
    let teams = ["North", "South", "", "East, Inc."];
    let quotas = [
        "",
        "0",
        "1000",
        "1234.567",
        "3333.3333333333",
        "12500.00",
        "+65",
    ];
    let nreps = 2 + rng.below(5) as usize;
    let reps: Vec<String> = ids[..nreps]
        .to_vec()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let rep_rows: Vec<Vec<String>> = reps
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let date = |rng: &mut Rng| {
                if rng.percent(60) {
                    String::new()
                } else {
                    st.any(rng)
                }
            };
            vec![
                id.clone(),
                names[i].to_string(),
                rng.pick(&teams).to_string(),
                rng.pick(&quotas).to_string(),
                date(&mut rng),
                date(&mut rng),
            ]
        })
        .collect();

    // Leads, with the instant each was created at.
    let nleads = rng.below(30) as usize;
    let mut leads: Vec<(String, i64)> = Vec::new();
    let mut lead_rows = Vec::new();
    for i in 0..nleads {
        let created = st.instant(&mut rng);
        // Lead instants are written in UTC here, so that calls can sit exactly at the end of
        // the window; other timestamps take every form.
        let text = if rng.percent(50) {
            st.write(created, &mut rng)
        } else {
            Offset::UTC
                .to_datetime(Timestamp::from_second(created).unwrap())
                .strftime("%Y-%m-%dT%H:%M:%SZ")
                .to_string()
        };
        let id = format!("L{i}");
        lead_rows.push(vec![
            id.clone(),
            rng.pick(&reps[..]),
            text,
            rng.pick(&["true", "FALSE", "yes", "No", "1", "0", "", "True"])
                .to_string(),
        ]);
        leads.push((id, created));
    }

    // Activities: (rep, lead, at, type) with the file each goes to.
    let window = i64::from(settings.window) * 86_400;
    let mut acts: Vec<(Vec<String>, &str)> = Vec::new();
    if !leads.is_empty() {
        for _ in 0..rng.below(90) {
            let (lead, created) = leads[rng.below(leads.len() as u64) as usize].clone();
            let at = match rng.below(8) {
                0 => created + window,
                1 => created + window + 1,
                2 => created - 86_400,
                _ => st.instant(&mut rng),
            };
            let exact = at == created + window || at == created + window + 1;
            let text = if exact {
                Offset::UTC
                    .to_datetime(Timestamp::from_second(at).unwrap())
                    .strftime("%Y-%m-%dT%H:%M:%SZ")
                    .to_string()
            } else {
                st.write(at, &mut rng)
            };
            let kind = rng.pick(&[
                "call", "call", "Call", "CALL", "meeting", "Meeting", "email",
            ]);
            let rep = rng.pick(&reps[..]);
            let lower = kind.to_lowercase();
            let file = match lower.as_str() {
                "call" if rng.percent(40) => "calls/activities-export.csv",
                "meeting" if rng.percent(40) => "meetings-2026.csv",
                _ if rng.percent(50) => "activities/part-1.csv",
                _ => "activities-2026 b.csv",
            };
            acts.push((
                vec![rep.clone(), lead.clone(), text.clone(), kind.to_string()],
                file,
            ));
            if lower == "call" && rng.percent(15) {
                // A meeting at the very instant of the call engages the lead then.
                acts.push((
                    vec![rep, lead, text, "meeting".into()],
                    "activities/part-1.csv",
                ));
            }
        }
    }

    // Local times at a clock change decide figures: a meeting there engages its lead at one
    // of the two readings of the time, and a lead created there starts its window at one;
    // calls written with `Z` one second around either reading tell which one was taken.
    let zulu = |i: i64| {
        Offset::UTC
            .to_datetime(Timestamp::from_second(i).unwrap())
            .strftime("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    };
    for k in 0..st.dst_local.len().min(6) {
        let dt = st.dst_local[rng.below(st.dst_local.len() as u64) as usize];
        let local = dt.strftime("%Y-%m-%d %H:%M:%S").to_string();
        let amb = st.tz.to_ambiguous_timestamp(dt);
        let readings = [amb.earlier(), amb.later()].map(|t| t.unwrap().as_second());
        let around: Vec<i64> = readings.iter().flat_map(|r| [r - 1, *r, r + 1]).collect();
        let rep = rng.pick(&reps[..]);
        // A lead engaged at the local time, created ten days before.
        let id = format!("LD{k}");
        lead_rows.push(vec![
            id.clone(),
            rep.clone(),
            zulu(readings[0] - 10 * 86_400),
            "no".into(),
        ]);
        acts.push((
            vec![rep.clone(), id.clone(), local.clone(), "meeting".into()],
            "activities/part-1.csv",
        ));
        for &i in &around {
            acts.push((
                vec![rep.clone(), id.clone(), zulu(i), "call".into()],
                "activities/part-1.csv",
            ));
        }
        // A lead created at the local time, called at the end of its window.
        let id = format!("LW{k}");
        lead_rows.push(vec![id.clone(), rep.clone(), local, "yes".into()]);
        for &i in &around {
            acts.push((
                vec![rep.clone(), id.clone(), zulu(i + window), "call".into()],
                "activities-2026 b.csv",
            ));
        }
    }

    let amounts = [
        "1000",
        "+250.5",
        "-0",
        "0.0000000001",
        "99999.995",
        "123.456789",
        "0.005",
        "12500.00",
        "7",
    ];
    // A proposal's currency: empty (the report's), the report's own in any case, or one with
    // a rate.
    let mut currencies: Vec<String> = vec![
        String::new(),
        settings.currency.to_lowercase(),
        format!(" {} ", settings.currency),
    ];
    for r in settings.rates {
        let code = r.split('=').next().unwrap().trim();
        currencies.extend([code.to_string(), code.to_uppercase()]);
    }
    let mut proposal_rows = Vec::new();
    for i in 0..rng.below(14) {
        let created = st.instant(&mut rng);
        let status = rng.pick(&["open", "won", "lost", "", "WON", "Lost", "won"]);
        let closed = match status.to_lowercase().as_str() {
            "won" | "lost" => {
                let at = created + rng.below(90 * 86_400) as i64;
                st.write(at, &mut rng)
            }
            _ if rng.percent(30) => st.any(&mut rng),
            _ => String::new(),
        };
        let lead = if leads.is_empty() || rng.percent(30) {
            String::new()
        } else {
            leads[rng.below(leads.len() as u64) as usize].0.clone()
        };
        proposal_rows.push(vec![
            format!("P{i}"),
            rng.pick(&reps[..]),
            st.write(created, &mut rng),
            rng.pick(&amounts).to_string(),
            lead,
            status.to_string(),
            closed,
            rng.pick(&currencies),
        ]);
    }

    write(&dir, "repcard.toml", settings.toml().as_bytes());
    write(
        &dir,
        "reps.csv",
        &table_text(
            &[
                "rep_id",
                "name",
                "team",
                "monthly_quota",
                "start_date",
                "end_date",
            ],
            &rep_rows,
            &mut rng,
        ),
    );
    let (first, second): (Vec<_>, Vec<_>) = lead_rows
        .into_iter()
        .enumerate()
        .partition(|(i, _)| i % 2 == 0);
    let strip = |v: Vec<(usize, Vec<String>)>| v.into_iter().map(|(_, r)| r).collect::<Vec<_>>();
    let lead_header = ["lead_id", "rep_id", "created_at", "qualified"];
    write(
        &dir,
        "leads/october.csv",
        &table_text(&lead_header, &strip(first), &mut rng),
    );
    write(
        &dir,
        "leads-2026-q3.csv",
        &table_text(&lead_header, &strip(second), &mut rng),
    );
    for file in [
        "calls/activities-export.csv",
        "meetings-2026.csv",
        "activities/part-1.csv",
        "activities-2026 b.csv",
    ] {
        let rows: Vec<Vec<String>> = acts
            .iter()
            .filter(|(_, f)| *f == file)
            .map(|(r, _)| r.clone())
            .collect();
        let alias = file.starts_with("calls") || file.starts_with("meetings");
        if alias && rng.percent(50) {
            // An alias file without a type column: every row takes the implied type, so
            // only rows of that type may go here.
            let implied = if file.starts_with("calls") {
                "call"
            } else {
                "meeting"
            };
            let rows: Vec<Vec<String>> = rows
                .into_iter()
                .filter(|r| r[3].eq_ignore_ascii_case(implied))
                .map(|r| r[..3].to_vec())
                .collect();
            write(
                &dir,
                file,
                &table_text(&["rep_id", "lead_id", "at"], &rows, &mut rng),
            );
        } else {
            let rows: Vec<Vec<String>> = rows
                .into_iter()
                .map(|mut r| {
                    // In an alias file an empty type is the implied one.
                    if alias && rng.percent(50) {
                        let implied = if file.starts_with("calls") {
                            "call"
                        } else {
                            "meeting"
                        };
                        if r[3].eq_ignore_ascii_case(implied) {
                            r[3] = String::new();
                        }
                    }
                    // v1.1's `done`: every row here took place (a `false` is a reject).
                    r.push(
                        rng.pick(&["", "true", "yes", "1", "TRUE", "Yes"])
                            .to_string(),
                    );
                    r
                })
                .collect();
            write(
                &dir,
                file,
                &table_text(
                    &["rep_id", "lead_id", "at", "type", "done"],
                    &rows,
                    &mut rng,
                ),
            );
        }
    }
    write(
        &dir,
        "proposals/all.csv",
        &table_text(
            &[
                "proposal_id",
                "rep_id",
                "created_at",
                "amount",
                "lead_id",
                "status",
                "closed_at",
                "currency",
            ],
            &proposal_rows,
            &mut rng,
        ),
    );
    // Files neither side reads: hidden, and a CSV that names no table.
    write(
        &dir,
        ".backup/leads.csv",
        b"lead_id,rep_id,created_at\nX,nobody,never\n",
    );
    write(
        &dir,
        "misc/export-log.csv",
        b"when,what\n2026-01-01,nothing\n",
    );
    case(root, name, dir)
}

/// The companies every engine is checked on: the sample (its planted bad rows taken out),
/// `repcard generate` under each calendar, and random edge companies in zones with and
/// without clock changes, some in two currencies.
fn cases(root: &Path, edge_seeds: std::ops::Range<u64>) -> Vec<Case> {
    let sample = root.join("sample");
    copy_dir(&manifest_path("data"), &sample);
    assert!(
        drop_rejected_lines(&sample) > 0,
        "the sample plants bad rows"
    );
    let mut out = vec![case(root, "sample", sample)];
    out.push(generated(root, "generated-month-utc", 3, MONTH_UTC));
    out.push(generated(
        root,
        "generated-fiscal-quarter-berlin",
        4,
        Settings {
            period: "quarter",
            fiscal_year_start: 4,
            timezone: "Europe/Berlin",
            window: 14,
            target: 3,
            ..MONTH_UTC
        },
    ));
    out.push(generated(
        root,
        "generated-week-new-york",
        5,
        Settings {
            period: "week",
            timezone: "America/New_York",
            window: 7,
            target: 2,
            ..MONTH_UTC
        },
    ));
    out.push(generated(
        root,
        "generated-fiscal-year-sydney",
        6,
        Settings {
            period: "year",
            fiscal_year_start: 7,
            timezone: "Australia/Sydney",
            window: 45,
            target: 1,
            ..MONTH_UTC
        },
    ));
    let calendars = [
        ("month", 1),
        ("quarter", 1),
        ("quarter", 10),
        ("week", 1),
        ("year", 1),
        ("year", 4),
    ];
    let zones = [
        "Europe/Berlin",
        "America/New_York",
        "UTC",
        "Australia/Lord_Howe",
        "America/Sao_Paulo",
        "Asia/Kolkata",
        "Pacific/Chatham",
    ];
    // The report's currency and [rates]: none; rates of every shape (one for the report's own
    // currency, never applied); a report in euros.
    let money: [(&str, &[&str]); 3] = [
        ("USD", &[]),
        (
            "USD",
            &[
                "EUR = \"1.0825\"",
                "gbp = 1.27",
                "JPY = \"0.0067\"",
                "IDR = \"0.0000625\"",
                "KWD = 3",
                "USD = \"9.99\"",
            ],
        ),
        ("EUR", &["USD = \"0.9238\"", "CHF = \"1.05\""]),
    ];
    for seed in edge_seeds {
        let mut rng = Rng(seed * 7919);
        let (period, fys) = calendars[seed as usize % calendars.len()];
        let (currency, rates) = money[seed as usize % money.len()];
        let st = Settings {
            period,
            fiscal_year_start: fys,
            timezone: zones[seed as usize % zones.len()],
            window: rng.pick(&[0, 1, 30, 45]),
            target: rng.pick(&[1, 2, 5]),
            currency,
            rates,
        };
        out.push(edge_company(root, &format!("edge-{seed}"), seed, st));
    }
    out
}

/// Runs a runner over every case in one process; returns its outputs in order.
fn run_engine(script: &str, extra: &[&str], root: &Path, cases: &[Case]) -> Vec<Vec<u8>> {
    let mut cmd = runner(&manifest_path(script));
    let mut outs = Vec::new();
    for c in cases {
        let out = root.join(format!("{}-{}.csv", c.name, script.replace('/', "-")));
        cmd.arg(&c.dir).arg(&out);
        outs.push(out);
    }
    cmd.args(extra);
    ok(script, &cmd.output().expect("run python3"));
    outs.iter().map(|o| std::fs::read(o).unwrap()).collect()
}

fn assert_same(engine: &str, cases: &[Case], outputs: &[Vec<u8>]) {
    for (c, got) in cases.iter().zip(outputs) {
        assert!(
            c.expected.split(|&b| b == b'\n').count() > 2 || c.name.starts_with("edge"),
            "{}: the company should have rows",
            c.name
        );
        if &c.expected != got {
            let (e, g) = (
                String::from_utf8_lossy(&c.expected),
                String::from_utf8_lossy(got),
            );
            let mut diff = String::new();
            for (n, (a, b)) in e.lines().zip(g.lines()).enumerate() {
                if a != b {
                    let _ = writeln!(diff, "line {}:\n  repcard: {a}\n  {engine}: {b}", n + 1);
                }
            }
            panic!(
                "{engine} differs from repcard on {} ({}; {} vs {} lines):\n{diff}",
                c.name,
                c.dir.display(),
                e.lines().count(),
                g.lines().count()
            );
        }
    }
}

#[test]
fn sql_metrics_sql_is_what_repcard_sql_prints_for_the_defaults() {
    let empty = tempfile::tempdir().unwrap();
    let out = repcard(["sql", s(empty.path()), "--dialect", "duckdb"]);
    ok("repcard sql", &out);
    let file = std::fs::read_to_string(manifest_path("sql/metrics.sql")).unwrap();
    assert!(
        String::from_utf8(out.stdout).unwrap() == file,
        "sql/metrics.sql is out of date: regenerate it with `repcard sql EMPTY_DIR --dialect duckdb > sql/metrics.sql`"
    );
}

#[test]
fn repcard_sql_reads_only_the_settings_and_names_what_it_cannot_follow() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nope");
    let out = repcard(["sql", s(&missing)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
    let toml = tmp.path().join("repcard.toml");
    std::fs::write(&toml, "timezone = \"Mars/Olympus\"\n").unwrap();
    let out = repcard(["sql", s(tmp.path())]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Mars/Olympus"));
    std::fs::write(&toml, "[rates]\nEUR = \"1.082512345678901234\"\n").unwrap();
    let out = repcard(["sql", s(tmp.path())]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("round the rates"));
    std::fs::write(&toml, "[leads]\npreset = \"hubspot\"\n").unwrap();
    let out = repcard(["sql", s(tmp.path())]);
    ok("repcard sql with an export format", &out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("export format ([leads])"));
    std::fs::write(&toml, "period = \"week\"\ntimezone = \"Europe/Berlin\"\n").unwrap();
    let out = repcard(["sql", s(tmp.path()), "--dialect", "spark"]);
    ok("repcard sql --dialect spark", &out);
    let q = String::from_utf8(out.stdout).unwrap();
    assert!(q.contains("period = \"week\""));
    assert!(q.contains("zone AS") && q.contains("explode(sequence("));
    let out = repcard(["sql", s(tmp.path()), "--dialect", "trino"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn duckdb_agrees_with_repcard_on_every_calendar() {
    if !duckdb_available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let cases = cases(tmp.path(), 0..24);
    let outputs = run_engine("sql/run_duckdb.py", &[], tmp.path(), &cases);
    assert_same("DuckDB", &cases, &outputs);
    // The saved query, sql/metrics.sql, is the one for the defaults.
    let defaults = &cases[1];
    let saved = run_engine(
        "sql/run_duckdb.py",
        &["--sql", s(&manifest_path("sql/metrics.sql"))],
        tmp.path(),
        std::slice::from_ref(defaults),
    );
    assert_same(
        "DuckDB (sql/metrics.sql)",
        std::slice::from_ref(defaults),
        &saved,
    );
}

#[test]
fn spark_agrees_with_repcard_on_every_calendar() {
    if !spark_available() {
        return;
    }
    let started = std::time::Instant::now();
    let tmp = tempfile::tempdir().unwrap();
    let cases = cases(tmp.path(), 0..3);
    // One Spark session for everything (support/spark_cases.py): every case through
    // run_spark.py's command line, the data folder of one as a file:// URI (read through
    // Spark's file systems), and one company again from typed catalog tables with --tables.
    let mut cmd = runner(&testsuite_path("support/spark_cases.py"));
    cmd.arg(manifest_path("sql/run_spark.py"));
    // Small data: the JVM's quick compiler alone warms up sooner (a third off the run).
    cmd.env(
        "PYSPARK_SUBMIT_ARGS",
        "--driver-java-options \"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC\" pyspark-shell",
    );
    let mut outs = Vec::new();
    for (i, c) in cases.iter().enumerate() {
        let out = tmp.path().join(format!("{}-spark.csv", c.name));
        if i == 1 {
            cmd.arg(format!("file://{}", c.dir.display()));
        } else {
            cmd.arg(&c.dir);
        }
        cmd.arg(&out);
        outs.push(out);
    }
    let tables_case = &cases[2];
    let tables_out = tmp.path().join("tables-spark.csv");
    cmd.arg("--tables-case")
        .arg(&tables_case.dir)
        .arg(&tables_out);
    ok("Spark", &cmd.output().expect("run python3"));
    let outputs: Vec<Vec<u8>> = outs.iter().map(|o| std::fs::read(o).unwrap()).collect();
    assert_same("Spark", &cases, &outputs);
    assert_same(
        "Spark (--tables, typed columns)",
        std::slice::from_ref(tables_case),
        &[std::fs::read(&tables_out).unwrap()],
    );
    eprintln!(
        "spark: {} queries in {:.0} s",
        cases.len() + 1,
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn a_date_past_the_zone_table_fails_the_query_instead_of_taking_a_wrong_offset() {
    if !duckdb_available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(data.join("repcard.toml"), "timezone = \"Europe/Berlin\"\n").unwrap();
    std::fs::write(data.join("reps.csv"), "rep_id,name\nR1,Ann\n").unwrap();
    std::fs::write(
        data.join("leads.csv"),
        "lead_id,rep_id,created_at\nL1,R1,2100-03-01 10:00\n",
    )
    .unwrap();
    assert!(strict_ok(&data));
    let out = runner(&manifest_path("sql/run_duckdb.py"))
        .arg(&data)
        .arg(tmp.path().join("out.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a date after 2099; the query carries the clock changes of Europe/Berlin up to 2099 only"),
        "{err}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Random small companies from the property tests' generator, under random settings.
    #[test]
    fn duckdb_agrees_on_random_valid_companies(
        w in world(true),
        period in prop::sample::select(vec!["week", "month", "quarter", "year"]),
        fiscal_year_start in 1u8..=12,
        timezone in prop::sample::select(vec!["UTC", "Europe/Berlin", "America/Chicago", "Asia/Tokyo"]),
        window in 0u32..60,
        target in 1u32..6,
    ) {
        if !duckdb_available() {
            return Ok(());
        }
        let root = tempfile::tempdir().unwrap();
        let data = root.path().join("world");
        write_world(&data, &w, 2, 3);
        let st = Settings { period, fiscal_year_start, timezone, window, target, ..MONTH_UTC };
        std::fs::write(data.join("repcard.toml"), st.toml()).unwrap();
        prop_assume!(strict_ok(&data));
        let c = case(root.path(), "world", data);
        let out = run_engine("sql/run_duckdb.py", &[], root.path(), std::slice::from_ref(&c));
        prop_assert!(c.expected == out[0], "DuckDB differs under {st:?}:\n{}\n---\n{}",
            String::from_utf8_lossy(&c.expected), String::from_utf8_lossy(&out[0]));
    }
}
