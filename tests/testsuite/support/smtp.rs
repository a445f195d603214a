//! A local SMTP server for the email tests: `smtp_server.py` beside this file, run by
//! Python's aiosmtpd on a free port of 127.0.0.1.

use super::testsuite_path;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// Whether Python's aiosmtpd is importable; panics under CI when it is not.
pub fn have_aiosmtpd() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var_os("CI").is_some() {
            panic!("python3 with aiosmtpd is missing; .ci/run must pip-install aiosmtpd");
        }
        eprintln!("note: aiosmtpd not found; skipping the SMTP test (pip install aiosmtpd)");
    }
    found
}

/// A local aiosmtpd server, stopped when dropped.
pub struct SmtpServer {
    child: Child,
    /// The port it listens on.
    pub port: u16,
    /// Where it writes the messages it accepts.
    pub maildir: PathBuf,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A TCP port of 127.0.0.1 that nothing listens on (at the time of asking).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts a server that writes what it receives to `maildir` as `1.eml`, `2.eml`, … (`mode`
/// "accept") or refuses every recipient with 550 ("reject"); returns once it listens.
pub fn start_smtp(maildir: &Path, mode: &str) -> SmtpServer {
    let port = free_port();
    let mut child = Command::new("python3")
        .arg(testsuite_path("support/smtp_server.py"))
        .arg(port.to_string())
        .arg(maildir)
        .arg(mode)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the SMTP server");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "ready", "the SMTP server did not start");
    SmtpServer {
        child,
        port,
        maildir: maildir.to_path_buf(),
    }
}
