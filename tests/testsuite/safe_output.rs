//! The output folder rules: what `-o` may never point at, the `.repcard` marker, one build
//! per output folder at a time, failures (disk full, read-only parent) that leave the
//! previous site whole, and the `max_years` guard. Every test works inside a temporary
//! folder it made.

use crate::support::{command, files as tree, s, stderr};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// `repcard ARGS` run in `cwd`.
fn repcard_in(cwd: &Path, args: &[&str]) -> Output {
    command(args)
        .current_dir(cwd)
        .output()
        .expect("run repcard")
}

/// A small synthetic company in `dir` (two months, two reps).
fn small_company(dir: &Path) {
    let o = repcard_in(
        Path::new("."),
        &[
            "generate",
            s(dir),
            "--months",
            "2",
            "--reps",
            "2",
            "--teams",
            "1",
            "--leads-per-rep-month",
            "5",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Names in `dir` that a build stages or retires beside its output.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".staging-") || n.contains(".old-"))
        .collect()
}

fn assert_refused(o: &Output, why: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    // The reason in one line, then where and what to do (the shape of every message).
    let first = err.lines().next().unwrap_or("");
    assert!(first.starts_with("error: refusing"), "{err}");
    assert!(first.contains(why), "{err}");
    assert!(err.lines().any(|l| l.starts_with("help: ")), "{err}");
}

#[test]
fn build_refuses_the_data_folder_as_output() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("d");
    small_company(&d);
    let before = tree(&d);
    let absolute = s(&d).to_string();
    for out in ["d", "d/", "./d", &absolute, "d/x/.."] {
        let o = repcard_in(tmp.path(), &["build", "d", "-o", out]);
        assert_refused(&o, "it is the data folder");
        assert_eq!(tree(&d), before, "-o {out} changed the data folder");
    }
    #[cfg(feature = "email")]
    {
        let o = repcard_in(tmp.path(), &["email", "d", "-o", "d"]);
        assert_refused(&o, "it is the data folder");
        assert_eq!(tree(&d), before);
    }
}

#[test]
fn build_refuses_a_folder_that_contains_the_data_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let wrap = tmp.path().join("wrap");
    let data = wrap.join("data");
    small_company(&data);
    std::fs::write(wrap.join("other.txt"), "someone else's file").unwrap();
    let before = tree(tmp.path());
    let o = repcard_in(tmp.path(), &["build", "wrap/data", "-o", "wrap"]);
    assert_refused(&o, "it contains the data folder");
    // From inside the wrapping folder, its parent contains it too.
    let o = repcard_in(&wrap, &["build", "data", "-o", s(tmp.path())]);
    assert_refused(&o, "it contains the data folder");
    assert_eq!(tree(tmp.path()), before);
}

#[test]
fn build_refuses_the_current_folder_its_parents_home_and_root() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    small_company(&data);
    let work = tmp.path().join("work");
    std::fs::create_dir_all(work.join("sub")).unwrap();
    let before = tree(tmp.path());
    let cwd = work.join("sub");
    let d = s(&data);
    assert_refused(
        &repcard_in(&cwd, &["build", d, "-o", "."]),
        "it is the current folder",
    );
    assert_refused(
        &repcard_in(&cwd, &["build", d, "-o", ".."]),
        "it contains the current folder",
    );
    assert_refused(
        &repcard_in(&cwd, &["build", d, "-o", "/"]),
        "it is the root folder",
    );
    let home = tmp.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let o = command(["build", d, "-o", s(&home)])
        .env("HOME", &home)
        .current_dir(&cwd)
        .output()
        .unwrap();
    assert_refused(&o, "it is your home folder");
    // The other commands that write follow the same rules.
    assert_refused(
        &repcard_in(&cwd, &["generate", "."]),
        "it is the current folder",
    );
    assert_refused(
        &repcard_in(&cwd, &["templates", "export", ".."]),
        "it contains the current folder",
    );
    std::fs::remove_dir(&home).unwrap();
    assert_eq!(tree(tmp.path()), before);
}

#[test]
fn an_output_folder_inside_the_data_folder_is_allowed() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    small_company(&data);
    let o = repcard_in(tmp.path(), &["build", "data", "-o", "data/site"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(data.join("site/metrics.csv").is_file());
    assert!(data.join("site/.repcard").is_file());
}

#[test]
fn a_folder_repcard_did_not_write_is_refused_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    small_company(&tmp.path().join("data"));
    let mine = tmp.path().join("reports");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("q3.xlsx"), "the user's own file").unwrap();
    let o = repcard_in(tmp.path(), &["build", "data", "-o", "reports"]);
    assert_refused(&o, "reports: it holds files that repcard did not write");
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(mine.join("q3.xlsx")).unwrap(),
        b"the user's own file"
    );
    assert!(
        !tmp.path().join(".reports.lock").exists(),
        "a refusal writes nothing"
    );
    // An empty folder is fine, and what a build writes is marked as its own.
    std::fs::create_dir(tmp.path().join("empty")).unwrap();
    let o = repcard_in(tmp.path(), &["build", "data", "-o", "empty"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(tmp.path().join("empty/.repcard").is_file());
    // --force replaces the foreign folder on purpose.
    let o = repcard_in(tmp.path(), &["build", "data", "-o", "reports", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!mine.join("q3.xlsx").exists());
    assert!(mine.join(".repcard").is_file());
}

#[test]
fn a_second_build_fails_naming_the_first_ones_pid() {
    let tmp = tempfile::tempdir().unwrap();
    small_company(&tmp.path().join("data"));
    let lock = tmp.path().join(".site.lock");
    std::fs::write(&lock, "4242").unwrap();
    // Another holder of the lock: util-linux's flock(1) on the same file.
    let Ok(mut holder) = Command::new("flock")
        .args([s(&lock), "sleep", "30"])
        .spawn()
    else {
        eprintln!("skipped: flock(1) is not installed");
        return;
    };
    // Wait until it holds the lock (a probe with -n fails at once while it does).
    let mut held = false;
    for _ in 0..100 {
        let probe = Command::new("flock")
            .args(["-n", s(&lock), "true"])
            .status()
            .unwrap();
        if !probe.success() {
            held = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let o = repcard_in(tmp.path(), &["build", "data", "-o", "site"]);
    holder.kill().unwrap();
    holder.wait().unwrap();
    assert!(held, "flock(1) never took the lock");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("another repcard build is writing site (pid 4242)"),
        "{}",
        stderr(&o)
    );
    assert!(!tmp.path().join("site").exists());
    assert!(leftovers(tmp.path()).is_empty());
}

#[test]
fn concurrent_builds_leave_one_complete_site() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    small_company(&data);
    let reference = tmp.path().join("reference");
    let o = repcard_in(tmp.path(), &["build", "data", "-o", "reference"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let complete = tree(&reference);
    let site = tmp.path().join("site");
    let mut refused = 0;
    for trial in 0..20 {
        let start = || {
            command(["build", "data", "-o", "site"])
                .current_dir(tmp.path())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (start(), start());
        for run in [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()] {
            if !run.status.success() {
                refused += 1;
                assert!(
                    stderr(&run).contains("another repcard build is writing site (pid "),
                    "trial {trial}: {}",
                    stderr(&run)
                );
            }
        }
        assert_eq!(
            tree(&site),
            complete,
            "trial {trial}: the site is not complete"
        );
        assert!(leftovers(tmp.path()).is_empty(), "trial {trial}");
    }
    eprintln!("{refused} of 40 builds found the folder locked");
}

/// A small tmpfs mounted on a folder of our own, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(dir).unwrap();
        let ok = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size}"),
                "tmpfs",
                s(dir),
            ])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|st| st.success());
        ok.then(|| Tmpfs(dir.to_path_buf()))
    }

    fn remount_read_only(&self) {
        let st = Command::new("mount")
            .args(["-o", "remount,ro", s(&self.0)])
            .status()
            .unwrap();
        assert!(
            st.success(),
            "cannot remount {} read-only",
            self.0.display()
        );
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn disk_full_keeps_the_previous_site() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(disk) = Tmpfs::mount(&tmp.path().join("disk"), "1m") else {
        eprintln!("skipped: mounting a tmpfs is not permitted here");
        return;
    };
    small_company(&tmp.path().join("small"));
    let o = repcard_in(
        tmp.path(),
        &[
            "generate", "big", "--months", "12", "--reps", "6", "--teams", "2",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let site = disk.0.join("site");
    let o = repcard_in(tmp.path(), &["build", "small", "-o", s(&site)]);
    assert!(o.status.success(), "the small site fits: {}", stderr(&o));
    let before = tree(&site);
    // The big company's site (well over 1 MB) does not fit beside it.
    let o = repcard_in(tmp.path(), &["build", "big", "-o", s(&site)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("No space left on device"),
        "{}",
        stderr(&o)
    );
    assert_eq!(tree(&site), before, "the previous site changed");
    assert!(leftovers(&disk.0).is_empty(), "{:?}", leftovers(&disk.0));
}

#[test]
fn read_only_parent_fails_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(disk) = Tmpfs::mount(&tmp.path().join("disk"), "4m") else {
        eprintln!("skipped: mounting a tmpfs is not permitted here");
        return;
    };
    small_company(&tmp.path().join("data"));
    let site = disk.0.join("site");
    let o = repcard_in(tmp.path(), &["build", "data", "-o", s(&site)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = tree(&site);
    // Root ignores permission bits; a read-only mount stops root too.
    disk.remount_read_only();
    let o = repcard_in(tmp.path(), &["build", "data", "-o", s(&site)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("Read-only file system"), "{err}");
    assert!(
        err.contains(s(&disk.0)),
        "the error names the folder: {err}"
    );
    assert_eq!(tree(&site), before);
    assert!(leftovers(&disk.0).is_empty());
}

#[test]
fn a_stray_1900_date_fails_naming_its_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(data.join("reps.csv"), "rep_id,name\nr1,Ann\n").unwrap();
    std::fs::write(
        data.join("leads.csv"),
        "lead_id,rep_id,created_at\nL1,r1,2026-10-01\nL2,r1,1900-01-15\nL3,r1,2026-10-20\n",
    )
    .unwrap();
    std::fs::write(
        data.join("activities.csv"),
        "rep_id,lead_id,at,type\nr1,L1,2026-10-02 10:00,call\nr1,L3,2026-10-31 09:00,call\n",
    )
    .unwrap();
    for (command, extra) in [("build", vec!["-o", "site"]), ("check", vec![])] {
        let mut args = vec![command, "data"];
        args.extend(extra);
        let o = repcard_in(tmp.path(), &args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{command}: {err}");
        assert!(err.contains("leads.csv:3 (created_at 1900-01-15)"), "{err}");
        assert!(err.contains("activities.csv:3 (at 2026-10-31)"), "{err}");
        assert!(err.contains("max_years"), "{err}");
    }
    let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "the failed build wrote nothing");
    // The key lifts the limit.
    std::fs::write(data.join("repcard.toml"), "max_years = 200\n").unwrap();
    let o = repcard_in(tmp.path(), &["check", "data"]);
    assert!(o.status.success(), "{}", stderr(&o));
}
