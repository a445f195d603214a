//! The parse floor for benchmarks: the `csv` crate reading every byte of every CSV file under
//! a folder and doing nothing else (one reused `ByteRecord`, files in parallel as repcard
//! reads them). `cargo run --release --example parse_floor -- DATA_DIR`

use rayon::prelude::*;
use std::path::PathBuf;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "data".into());
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
        .collect();
    let start = std::time::Instant::now();
    let (records, bytes): (u64, u64) = files
        .par_iter()
        .map(|path| {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_path(path)
                .expect("readable file");
            let mut record = csv::ByteRecord::new();
            let mut n = 0u64;
            while reader.read_byte_record(&mut record).expect("valid CSV") {
                n += 1;
            }
            (n, reader.position().byte())
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!(
        "{records} records, {bytes} bytes in {:.3} s",
        start.elapsed().as_secs_f64()
    );
}
