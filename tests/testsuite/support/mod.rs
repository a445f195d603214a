//! What the tests share: running the repcard binary, where the fixtures are, and the
//! harnesses for the outside programs some tests drive (Chromium, an SMTP server, DuckDB).

pub mod chromium;
pub mod company;
pub mod contract;
pub mod image;
pub mod pipeline;
pub mod reference_sql;
#[cfg(feature = "email")]
pub mod smtp;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fmt::Debug;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The environment variables repcard reads. Every run starts without them, so that a
/// variable set in the shell running `cargo test` cannot change what a test sees; a test
/// that needs one sets it on the [`command`].
const REPCARD_ENV: [&str; 4] = [
    "SOURCE_DATE_EPOCH",
    "REPCARD_SMTP_USER",
    "REPCARD_SMTP_PASSWORD",
    "REPCARD_TIMINGS",
];

fn without_repcard_env(mut cmd: Command) -> Command {
    for var in REPCARD_ENV {
        cmd.env_remove(var);
    }
    cmd
}

/// `repcard ARGS`, not yet run: set environment variables, the current directory or the
/// standard streams on it, or spawn it.
pub fn command<I, S>(args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = without_repcard_env(Command::new(env!("CARGO_BIN_EXE_repcard")));
    cmd.args(args);
    cmd
}

/// Runs `repcard ARGS` and returns its exit status and output, whatever they are.
pub fn repcard<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    command(args).output().expect("run repcard")
}

/// Runs `repcard ARGS` and fails the test unless it exits 0.
#[track_caller]
pub fn repcard_ok<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr> + Debug,
{
    let args: Vec<S> = args.into_iter().collect();
    let out = repcard(&args);
    assert!(
        out.status.success(),
        "repcard {args:?} failed:\n{}",
        stderr(&out)
    );
    out
}

/// Fails the test unless a run exited 0, showing what it printed on stderr.
#[track_caller]
pub fn assert_success(out: &Output) {
    assert!(
        out.status.success(),
        "repcard failed ({}):\n{}",
        out.status,
        stderr(out)
    );
}

/// Runs `repcard ARGS` under a 1 GiB address-space limit (`ulimit -v`) and fails the test
/// if it runs longer than 60 s: for inputs that could make it hang or eat memory.
pub fn repcard_bounded<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr> + Debug,
{
    let args: Vec<S> = args.into_iter().collect();
    let mut cmd = without_repcard_env(Command::new("sh"));
    let mut child = cmd
        .args(["-c", "ulimit -v 1048576; exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_repcard"))
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("repcard {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// What a run printed on stderr.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A path as `&str`, to put in an argument list with other strings (the tests' temporary
/// folders and the checkout's paths are UTF-8).
pub fn s(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// A path under the package's root folder (`CARGO_MANIFEST_DIR`), wherever the tests run.
pub fn manifest_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// A path under `tests/testsuite/`, where the fixtures, snapshots and scripts are.
pub fn testsuite_path(relative: &str) -> PathBuf {
    manifest_path("tests/testsuite").join(relative)
}

/// The fixture company (`fixtures/site`) whose report the site, browser, email and wiki
/// tests check.
pub const SITE_FIXTURE: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/testsuite/fixtures/site");

/// Every file under `dir` by its path relative to `dir`, with its bytes: to compare a folder
/// before and after a run, or two folders.
pub fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Writes `text` to `path`, creating the folders it needs.
pub fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}
