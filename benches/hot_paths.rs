//! Criterion benchmarks of the hot paths: `cargo bench`. The end-to-end comparison with DuckDB
//! and the parse floor is `bench/compare.sh` (numbers in BENCHMARKS.md).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use repcard_core::IdTable;
use repcard_core::schema::Table;
use repcard_ingest::format::FileFormat;
use repcard_ingest::parse::{LocalZone, parse_money, parse_timestamp};
use repcard_ingest::reader::CsvReader;
use repcard_metrics::calls::classify_call;
use std::hint::black_box;

fn timestamps(c: &mut Criterion) {
    let forms = [
        "2026-10-05",
        "2026-10-05 09:30",
        "2026-10-05T09:30:15Z",
        "2026-10-05 09:30+02:00",
    ];
    let mut g = c.benchmark_group("timestamp");
    g.throughput(Throughput::Elements(forms.len() as u64));
    g.bench_function("parse", |b| {
        b.iter(|| {
            forms
                .iter()
                .map(|f| parse_timestamp(black_box(f)).is_some() as u32)
                .sum::<u32>()
        })
    });
    let tz = jiff::tz::TimeZone::get("America/Chicago").unwrap();
    let zone = LocalZone::new(&tz);
    let local = parse_timestamp("2026-10-05 09:30").unwrap();
    g.bench_function("to_instant_chicago_memo", |b| {
        b.iter(|| zone.moment(black_box(local)))
    });
    g.finish();
}

fn money(c: &mut Criterion) {
    c.bench_function("money/parse", |b| {
        b.iter(|| parse_money(black_box("12500.00")))
    });
}

fn ids(c: &mut Criterion) {
    let mut table = IdTable::default();
    let ids: Vec<String> = (0..200_000).map(|i| format!("L{i:07}")).collect();
    for id in &ids {
        table.insert(id).unwrap();
    }
    let mut g = c.benchmark_group("ids");
    g.throughput(Throughput::Elements(1000));
    g.bench_function("get_200k_table", |b| {
        b.iter(|| {
            (0..1000usize)
                .map(|i| table.get(&ids[(i * 7919) % ids.len()]).unwrap_or(0))
                .sum::<u32>()
        })
    });
    g.finish();
}

fn reader(c: &mut Criterion) {
    let mut csv = String::from("activity_id,rep_id,lead_id,at,type,outcome\n");
    for i in 0..20_000 {
        csv += &format!(
            "A{i:08},R{:03},L{:07},2026-10-{:02} 09:{:02},call,Connected\n",
            i % 500,
            i * 13 % 100_000,
            1 + i % 28,
            i % 60
        );
    }
    let bytes = csv.into_bytes();
    let mut g = c.benchmark_group("reader");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("records_20k", |b| {
        b.iter(|| {
            let source = Box::new(std::io::Cursor::new(bytes.clone()));
            let mut r = CsvReader::from_reader(
                source,
                "bench.csv",
                &FileFormat::canonical(Table::Activities),
            )
            .unwrap();
            let mut n = 0u64;
            while let Some(row) = r.next_row().unwrap() {
                n += row.get(Some(2)).len() as u64;
            }
            n
        })
    });
    g.finish();
}

fn calls(c: &mut Criterion) {
    c.bench_function("classify_call", |b| {
        b.iter(|| {
            classify_call(
                black_box(40 * 86_400),
                black_box(0),
                black_box(Some(50 * 86_400)),
                30 * 86_400,
            )
        })
    });
}

fn whole_folder(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_repcard"))
        .args([
            "generate",
            data.to_str().unwrap(),
            "--reps",
            "20",
            "--months",
            "6",
        ])
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let mut g = c.benchmark_group("analyse");
    g.sample_size(10);
    g.bench_function("generated_20_reps_6_months", |b| {
        b.iter(|| {
            let config = repcard_core::config::Config::load(&data).unwrap();
            let ingested = repcard_ingest::ingest(&data, &config, None).unwrap();
            let rules = repcard_metrics::Rules::from(&config);
            repcard_metrics::compute(&ingested.dataset, &ingested.activities, &rules)
                .unwrap()
                .periods
                .len()
        })
    });
    g.finish();
}

criterion_group!(benches, timestamps, money, ids, reader, calls, whole_folder);
criterion_main!(benches);
