//! Hostile input: links that loop, files that are not CSV, giant records, garbage rows.
//! Never a panic or a hang, memory bounded, and every row counted or rejected.

use crate::support::{repcard_bounded, s, stderr};
use std::path::Path;
use std::process::Command;

fn minimal(data: &Path) {
    std::fs::create_dir_all(data).unwrap();
    std::fs::write(data.join("reps.csv"), "rep_id,name\nr1,Ann\n").unwrap();
    std::fs::write(
        data.join("leads.csv"),
        "lead_id,rep_id,created_at\nL1,r1,2026-10-01\n",
    )
    .unwrap();
}

#[test]
fn symlink_loop_and_broken_link_are_skipped_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    minimal(&data);
    std::fs::create_dir_all(data.join("activities")).unwrap();
    std::os::unix::fs::symlink("..", data.join("activities/loop")).unwrap();
    std::os::unix::fs::symlink("nowhere.csv", data.join("proposals.csv")).unwrap();
    let o = repcard_bounded(["check", s(&data)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("activities/loop: skipped: a symbolic link loop"),
        "{err}"
    );
    assert!(err.contains("proposals.csv: skipped"), "{err}");
}

#[test]
fn fifo_named_csv_is_skipped_not_waited_on() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    minimal(&data);
    let fifo = data.join("activities.csv");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let o = repcard_bounded(["check", s(&data)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("activities.csv: skipped: not a regular file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn binary_file_named_csv_fails_clearly_without_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    minimal(&data);
    let mut bytes: Vec<u8> = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend((0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8));
    std::fs::write(data.join("proposals.csv"), bytes).unwrap();
    for strict in [false, true] {
        let mut args = vec!["build", s(&data), "-o"];
        let site = tmp.path().join("site");
        args.push(s(&site));
        if strict {
            args.push("--strict");
        }
        let o = repcard_bounded(&args);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("proposals.csv"), "{err}");
        assert!(err.contains("not valid UTF-8"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(!site.exists());
    }
}

#[test]
fn gigabyte_file_without_newline_fails_with_bounded_memory() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    minimal(&data);
    // A sparse 1 GiB file of zero bytes: no line break anywhere. repcard runs under a 1 GiB
    // address-space limit, so reading it whole would abort instead of failing cleanly.
    let f = std::fs::File::create(data.join("activities.csv")).unwrap();
    f.set_len(1 << 30).unwrap();
    let o = repcard_bounded(["check", s(&data)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("activities.csv"), "{err}");
    assert!(err.contains("longer than 64 MiB"), "{err}");
}

#[test]
fn garbage_rows_are_each_counted_or_rejected_in_both_modes() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    minimal(&data);
    let long_id = "x".repeat(300);
    let rows = [
        "r1,L1,2026-10-02,call".to_string(),
        "r1,L1,2026-10-02,<script>alert(1)</script>".into(),
        "<img src=x onerror=alert(1)>,L1,2026-10-02,call".into(),
        "r1,javascript:alert(1),2026-10-02,call".into(),
        format!("r1,{long_id},2026-10-02,call"),
        "r1,L1,\u{1F600},call".into(),
        "r1,L1,2026-10-02T10:00:00.123Z,call".into(),
        "\"r1\",\"L1\",\"2026-10-03\",\"meeting\",\"extra\",\"cells\"".into(),
        "r1".into(),
        "\"unterminated,L1,2026-10-02,call".into(),
    ];
    let mut text = String::from("rep_id,lead_id,at,type\n");
    for r in &rows {
        text += r;
        text += "\n";
    }
    std::fs::write(data.join("activities.csv"), text).unwrap();
    let site = tmp.path().join("site");
    let o = repcard_bounded(["build", s(&data), "-o", s(&site)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let files = std::fs::read_to_string(site.join("files.csv")).unwrap();
    for line in files.lines().skip(1) {
        let c: Vec<&str> = line.split(',').collect();
        let (read, acc, rej): (u64, u64, u64) = (
            c[2].parse().unwrap(),
            c[3].parse().unwrap(),
            c[4].parse().unwrap(),
        );
        assert_eq!(read, acc + rej, "{line}");
    }
    assert!(files.contains("activities.csv,activities,"), "{files}");
    let rejects = std::fs::read_to_string(site.join("rejects.csv")).unwrap();
    assert!(rejects.contains(",unknown_type,"), "{rejects}");
    assert!(rejects.contains(",unknown_rep,"), "{rejects}");
    assert!(rejects.contains(",unknown_lead,"), "{rejects}");
    assert!(rejects.contains(",bad_timestamp,"), "{rejects}");
    assert!(rejects.contains(",missing_value,"), "{rejects}");

    let strict = tmp.path().join("strict-site");
    let o = repcard_bounded(["build", s(&data), "-o", s(&strict), "--strict"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!strict.exists());
}

#[test]
fn unreadable_file_fails_clearly_naming_it_even_as_root() {
    // /proc/self/mem is a regular file that no process can read from offset 0 (EIO), so it
    // stands in for an unreadable export whatever the user's rights.
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    minimal(&data);
    std::os::unix::fs::symlink("/proc/self/mem", data.join("proposals.csv")).unwrap();
    for strict in [false, true] {
        let site = tmp.path().join("site");
        let mut args = vec!["build", s(&data), "-o", s(&site)];
        if strict {
            args.push("--strict");
        }
        let o = repcard_bounded(&args);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("proposals.csv"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(!site.exists());
    }
}
