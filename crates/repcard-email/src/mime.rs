//! The `.eml`: `multipart/alternative` of the plain text and a `multipart/related` HTML part
//! that carries the chart PNGs, with the headers a mail client and a mail server expect.
//!
//! The bytes depend only on the email and the headers given, except `Date` and
//! `Message-ID`, which come from [`Stamp`]: fixed under `SOURCE_DATE_EPOCH`, the current
//! time otherwise.

use super::Email;
use anyhow::{Context, Result};
use lettre::address::Envelope;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{Address, Message};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The sender when `--from` is not given.
pub const DEFAULT_FROM: &str = "repcard <repcard@localhost>";

/// When the message is dated and what makes its Message-ID unique.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// The `Date` header.
    pub time: SystemTime,
    /// Mixed into the Message-ID; 0 for a reproducible message.
    pub nonce: u64,
}

impl Stamp {
    /// `SOURCE_DATE_EPOCH` (seconds since 1970) when set, which makes the message
    /// reproducible; otherwise now, with the process id and the time's nanoseconds as nonce.
    pub fn from_env() -> Result<Stamp> {
        match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(v) => {
                let secs: u64 = v.trim().parse().with_context(|| {
                    format!("SOURCE_DATE_EPOCH={v:?} is not a number of seconds since 1970")
                })?;
                Ok(Stamp {
                    time: UNIX_EPOCH + Duration::from_secs(secs),
                    nonce: 0,
                })
            }
            Err(_) => {
                let time = SystemTime::now();
                let nanos = time
                    .duration_since(UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or_default();
                Ok(Stamp {
                    time,
                    nonce: nanos ^ (u64::from(std::process::id()) << 32),
                })
            }
        }
    }
}

/// Who the message is from and to.
#[derive(Debug, Clone)]
pub struct Addressing {
    /// `From`.
    pub from: Mailbox,
    /// `To`; empty writes `To: undisclosed-recipients:;` (a message that can't be sent).
    pub to: Vec<Mailbox>,
}

impl Addressing {
    /// Parses `--from` (default [`DEFAULT_FROM`]) and `--to` values, `Name <a@b>` or `a@b`.
    pub fn parse(from: Option<&str>, to: &[String]) -> Result<Addressing> {
        let mailbox = |flag: &str, s: &str| -> Result<Mailbox> {
            s.trim().parse::<Mailbox>().map_err(|e| {
                anyhow::anyhow!(
                    "{flag} {s:?} is not an email address ({e}); expected e.g. \"ann@example.com\" or \"Ann Lee <ann@example.com>\""
                )
            })
        };
        Ok(Addressing {
            from: mailbox("--from", from.unwrap_or(DEFAULT_FROM))?,
            to: to
                .iter()
                .map(|t| mailbox("--to", t))
                .collect::<Result<_>>()?,
        })
    }
}

/// FNV-1a, 64 bits: a stable fingerprint of the content for boundaries and the Message-ID.
fn fingerprint(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in *part {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The message, ready to write as `.eml` or to send.
pub fn message(email: &Email, label: &str, who: &Addressing, stamp: Stamp) -> Result<Message> {
    let mut parts: Vec<&[u8]> = vec![
        email.subject.as_bytes(),
        email.html.as_bytes(),
        email.text.as_bytes(),
    ];
    parts.extend(email.images.iter().map(|i| i.png.bytes.as_slice()));
    let print = fingerprint(&parts);
    let domain = who.from.email.domain().to_string();
    let id = format!(
        "<repcard.{label}.{print:016x}.{:016x}@{domain}>",
        stamp.nonce
    );

    let mut related = MultiPart::related()
        .boundary(format!("=_repcard-related-{print:016x}"))
        .singlepart(SinglePart::html(email.html.clone()));
    for image in &email.images {
        let name = format!("{}.png", image.cid.split('@').next().unwrap_or("chart"));
        related = related.singlepart(
            Attachment::new_inline_with_name(image.cid.clone(), name)
                .body(image.png.bytes.clone(), ContentType::parse("image/png")?),
        );
    }
    let body = MultiPart::alternative()
        .boundary(format!("=_repcard-alternative-{print:016x}"))
        .singlepart(SinglePart::plain(email.text.clone()))
        .multipart(related);

    let mut builder = Message::builder()
        .from(who.from.clone())
        .subject(email.subject.clone())
        .date(stamp.time)
        .message_id(Some(id));
    let recipients: Vec<Address> = if who.to.is_empty() {
        builder = builder.raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("To"),
            "undisclosed-recipients:;".to_string(),
        ));
        vec![who.from.email.clone()]
    } else {
        for to in &who.to {
            builder = builder.to(to.clone());
        }
        who.to.iter().map(|m| m.email.clone()).collect()
    };
    let envelope = Envelope::new(Some(who.from.email.clone()), recipients)
        .context("cannot address the message")?;
    builder
        .envelope(envelope)
        .multipart(body)
        .context("cannot build the email message")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_stable_and_separates_parts() {
        assert_eq!(fingerprint(&[b"ab"]), fingerprint(&[b"ab"]));
        assert_ne!(fingerprint(&[b"ab", b""]), fingerprint(&[b"a", b"b"]));
    }

    #[test]
    fn addresses_are_checked_with_a_helpful_message() {
        let ok =
            Addressing::parse(Some("Ops <ops@example.com>"), &["a@example.com".into()]).unwrap();
        assert_eq!(ok.to.len(), 1);
        assert_eq!(ok.from.email.domain(), "example.com");
        let e = Addressing::parse(None, &["not an address".into()])
            .unwrap_err()
            .to_string();
        assert!(e.contains("--to") && e.contains("not an address"), "{e}");
        assert_eq!(
            Addressing::parse(None, &[]).unwrap().from.email.to_string(),
            "repcard@localhost"
        );
    }
}
