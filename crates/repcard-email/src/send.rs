//! Sending over SMTP with lettre (rustls, no OpenSSL).
//!
//! `smtps://host[:port]` (TLS from the first byte, port 465 by default) or
//! `smtp://host[:port]` (STARTTLS required, port 587 by default); `?tls=opportunistic` uses
//! STARTTLS only when the server offers it and `?tls=none` never encrypts (a relay on the
//! same machine, a test server). Credentials come from `REPCARD_SMTP_USER` and
//! `REPCARD_SMTP_PASSWORD`, never from the URL, so they stay out of shell history.

use anyhow::{Result, bail};
use lettre::address::Envelope;
pub use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{SmtpTransport, Transport};
use repcard_core::Diagnostic;
use std::time::Duration;

/// The environment variable holding the SMTP user name.
pub(crate) const USER_VAR: &str = "REPCARD_SMTP_USER";
/// The environment variable holding the SMTP password.
pub(crate) const PASSWORD_VAR: &str = "REPCARD_SMTP_PASSWORD";
/// How long to wait for the server at each step.
const TIMEOUT: Duration = Duration::from_secs(30);

/// How the connection is encrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encryption {
    /// TLS from the start (`smtps://`).
    Wrapper,
    /// STARTTLS, refusing to go on without it (`smtp://`).
    Required,
    /// STARTTLS when offered (`smtp://…?tls=opportunistic`).
    Opportunistic,
    /// None (`smtp://…?tls=none`).
    None,
}

/// A parsed `--smtp` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    /// Host name or address (without brackets for IPv6).
    pub host: String,
    /// Port.
    pub port: u16,
    /// Encryption.
    pub encryption: Encryption,
}

impl std::fmt::Display for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

const URL_HELP: &str = "expected smtp://HOST[:PORT] (STARTTLS), smtps://HOST[:PORT] (TLS), optionally with ?tls=opportunistic or ?tls=none";

/// Parses `smtp://host[:port][?tls=required|opportunistic|none]` or `smtps://host[:port]`.
pub fn parse_url(url: &str) -> Result<Server> {
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| anyhow::anyhow!("--smtp {url:?}: no scheme; {URL_HELP}"))?;
    let (authority, query) = match rest.split_once('?') {
        Some((a, q)) => (a, Some(q)),
        None => (rest, None),
    };
    let authority = authority.trim_end_matches('/');
    if authority.contains('@') {
        bail!(
            "--smtp {url:?}: put the user name and password in {USER_VAR} and {PASSWORD_VAR}, not in the URL"
        );
    }
    let (mut encryption, default_port) = match scheme.to_ascii_lowercase().as_str() {
        "smtp" => (Encryption::Required, 587),
        "smtps" => (Encryption::Wrapper, 465),
        other => bail!("--smtp {url:?}: unknown scheme {other:?}; {URL_HELP}"),
    };
    if let Some(q) = query {
        for pair in q.split('&').filter(|p| !p.is_empty()) {
            match pair.split_once('=') {
                Some(("tls", v)) if encryption != Encryption::Wrapper => {
                    encryption = match v {
                        "required" => Encryption::Required,
                        "opportunistic" => Encryption::Opportunistic,
                        "none" => Encryption::None,
                        _ => bail!("--smtp {url:?}: tls={v:?}; {URL_HELP}"),
                    }
                }
                _ => bail!("--smtp {url:?}: unknown parameter {pair:?}; {URL_HELP}"),
            }
        }
    }
    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        let (h, after) = inner
            .split_once(']')
            .ok_or_else(|| anyhow::anyhow!("--smtp {url:?}: unclosed '['; {URL_HELP}"))?;
        (h, after.strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        bail!("--smtp {url:?}: no host; {URL_HELP}");
    }
    let port = match port {
        Some(p) => p.parse::<u16>().map_err(|_| {
            anyhow::anyhow!("--smtp {url:?}: port {p:?} is not a number from 1 to 65535")
        })?,
        None => default_port,
    };
    Ok(Server {
        host: host.to_string(),
        port,
        encryption,
    })
}

/// Whether the host is this machine, where an unencrypted connection never leaves it.
fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The SMTP user name and password from the environment, if both are set. A password is
/// only sent over a connection that is sure to be encrypted, or to this machine.
pub fn credentials_from_env(server: &Server) -> Result<Option<Credentials>> {
    let user = std::env::var(USER_VAR).ok().filter(|v| !v.is_empty());
    let password = std::env::var(PASSWORD_VAR).ok();
    let credentials = match (user, password) {
        (Some(u), Some(p)) => Credentials::new(u, p),
        (None, None) => return Ok(None),
        (Some(_), None) => {
            bail!("{USER_VAR} is set but {PASSWORD_VAR} is not; set both or neither")
        }
        (None, Some(_)) => {
            bail!("{PASSWORD_VAR} is set but {USER_VAR} is not; set both or neither")
        }
    };
    let encrypted = matches!(
        server.encryption,
        Encryption::Wrapper | Encryption::Required
    );
    if !encrypted && !is_loopback(&server.host) {
        bail!(
            "{USER_VAR} is set, but the connection to {server} may not be encrypted and the password would travel in the clear; use smtps:// or smtp:// without ?tls="
        );
    }
    Ok(Some(credentials))
}

/// The error and its causes on one line.
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let c = cause.to_string();
        if !s.contains(&c) {
            s.push_str(": ");
            s.push_str(&c);
        }
        source = cause.source();
    }
    s
}

/// Sends the message's bytes to the envelope's recipients through `server`.
pub fn send(
    server: &Server,
    credentials: Option<Credentials>,
    envelope: &Envelope,
    bytes: &[u8],
) -> Result<()> {
    let params = || {
        TlsParameters::new(server.host.clone())
            .map_err(|e| anyhow::anyhow!("cannot set up TLS for {server}: {}", chain(&e)))
    };
    let tls = match server.encryption {
        Encryption::Wrapper => Tls::Wrapper(params()?),
        Encryption::Required => Tls::Required(params()?),
        Encryption::Opportunistic => Tls::Opportunistic(params()?),
        Encryption::None => Tls::None,
    };
    let mut builder = SmtpTransport::builder_dangerous(server.host.clone())
        .port(server.port)
        .tls(tls)
        .timeout(Some(TIMEOUT));
    if let Some(c) = credentials {
        builder = builder.credentials(c);
    }
    let transport = builder.build();
    match transport.send_raw(envelope, bytes) {
        Ok(_) => Ok(()),
        Err(e) if e.is_permanent() || e.is_transient() => bail!(
            "the mail server at {server} refused the message{}: {}",
            if e.is_transient() {
                " for now (try again later)"
            } else {
                ""
            },
            chain(&e)
        ),
        Err(e) => Err(failure_diagnostic(server, &chain(&e)).into()),
    }
}

/// A failure to talk to the server, with the one thing to do about it when the cause is
/// known: no STARTTLS offered, no AUTH offered, or anything else.
fn failure_diagnostic(server: &Server, cause: &str) -> Diagnostic {
    let d = Diagnostic::new(format!("cannot send through {server}: {cause}"))
        .at(format!("--smtp {server}"));
    if cause.contains("STARTTLS is not supported") {
        d.help(format!(
            "the server offers no STARTTLS; if it is a relay on this machine or a trusted network, use smtp://{}:{}?tls=opportunistic (encrypt when offered) or ?tls=none (never encrypt, and send no password)",
            server.host, server.port
        ))
    } else if cause.contains("No compatible authentication mechanism") {
        d.help(format!(
            "the server offers no login (no AUTH) to {}; unset {USER_VAR} and {PASSWORD_VAR} if it relays without one, or use the server's submission port",
            server.host
        ))
    } else {
        d.help("check the host and port, and that the server accepts connections from this machine")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_without_starttls_gets_a_hint_to_relax_tls() {
        let server = parse_url("smtp://relay.local:2525").unwrap();
        let d = failure_diagnostic(&server, "internal client error: STARTTLS is not supported");
        let help = d.help.unwrap();
        assert!(help.contains("?tls=opportunistic"), "{help}");
        assert!(help.contains("?tls=none"), "{help}");
        assert!(d.location.unwrap().contains("relay.local:2525"));
    }

    #[test]
    fn a_server_without_auth_gets_a_hint_about_the_credentials() {
        let server = parse_url("smtps://mail.example.com").unwrap();
        let d = failure_diagnostic(&server, "No compatible authentication mechanism was found");
        let help = d.help.unwrap();
        assert!(
            help.contains(USER_VAR) && help.contains(PASSWORD_VAR),
            "{help}"
        );
    }

    #[test]
    fn urls_name_scheme_host_port_and_encryption() {
        let s = parse_url("smtp://mail.example.com").unwrap();
        assert_eq!(
            (s.host.as_str(), s.port, s.encryption),
            ("mail.example.com", 587, Encryption::Required)
        );
        let s = parse_url("smtps://mail.example.com:2465").unwrap();
        assert_eq!((s.port, s.encryption), (2465, Encryption::Wrapper));
        let s = parse_url("smtp://127.0.0.1:2525?tls=none").unwrap();
        assert_eq!(
            (s.host.as_str(), s.port, s.encryption),
            ("127.0.0.1", 2525, Encryption::None)
        );
        let s = parse_url("smtp://[::1]:25?tls=opportunistic").unwrap();
        assert_eq!(
            (s.host.as_str(), s.port, s.encryption),
            ("::1", 25, Encryption::Opportunistic)
        );
        assert_eq!(s.to_string(), "[::1]:25");
    }

    #[test]
    fn bad_urls_say_what_is_expected() {
        for (url, says) in [
            ("mail.example.com", "no scheme"),
            ("http://x", "unknown scheme"),
            ("smtp://u:p@x", REPCARD_USER_HINT),
            ("smtp://x:99999", "port"),
            ("smtp://x?tls=maybe", "tls="),
            ("smtp://:25", "no host"),
        ] {
            let e = parse_url(url).unwrap_err().to_string();
            assert!(e.contains(says), "{url}: {e}");
        }
    }

    const REPCARD_USER_HINT: &str = USER_VAR;

    #[test]
    fn only_this_machine_counts_as_loopback() {
        assert!(is_loopback("localhost") && is_loopback("127.0.0.1") && is_loopback("::1"));
        assert!(!is_loopback("mail.example.com") && !is_loopback("10.0.0.1"));
    }
}
