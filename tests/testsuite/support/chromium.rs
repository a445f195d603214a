//! Headless Chromium for the browser tests: finding it, and running it with the flags this
//! machine needs (no sandbox as root, no background network traffic) and a fresh profile.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The browser (`REPCARD_CHROMIUM`, else `chromium`/`chromium-browser`/`google-chrome` on the
/// PATH). Without one a test fails when `CI` is set, and is skipped with a note otherwise.
pub fn browser() -> Option<PathBuf> {
    let found = std::env::var_os("REPCARD_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| {
            let path = std::env::var_os("PATH")?;
            std::env::split_paths(&path)
                .flat_map(|d| {
                    ["chromium", "chromium-browser", "google-chrome"].map(move |n| d.join(n))
                })
                .find(|p| p.is_file())
        });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is not installed; CI must install Debian's chromium package"
        );
        eprintln!("note: chromium not found; skipping the browser test (set CI to make this fail)");
    }
    found
}

/// Runs the browser headless on `url` with `extra` flags; fails the test if it fails.
pub fn run(browser: &Path, url: &str, extra: &[String]) -> Output {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "chromium failed on {url}:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}
