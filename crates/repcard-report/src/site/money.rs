//! Figures as people read them: money in the report currency with separators, counts with
//! separators, shares as whole percentages, signed changes.

use repcard_core::model::Money;
use rust_decimal::{Decimal, RoundingStrategy};
use std::borrow::Cow;

/// A non-breaking space, so that "58 %" and "CHF 12.00" never wrap apart.
const NBSP: char = '\u{a0}';

/// How a currency is written: symbol before the amount (or code and a space) and decimals.
fn currency_style(code: &str) -> (Cow<'static, str>, u32) {
    let symbol = match code {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "INR" => "₹",
        "CAD" => "CA$",
        "AUD" => "A$",
        "NZD" => "NZ$",
        "CNY" => "CN¥",
        "KRW" => "₩",
        "BRL" => "R$",
        _ => return (format!("{code}{NBSP}").into(), 2),
    };
    let places = if matches!(code, "JPY" | "KRW") { 0 } else { 2 };
    (symbol.into(), places)
}

/// Pushes ASCII digits grouped with commas: `12500` → `12,500`.
fn push_grouped(out: &mut String, digits: &[u8]) {
    let n = digits.len();
    for (i, d) in digits.iter().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(',');
        }
        out.push(char::from(*d));
    }
}

/// `v` rounded half-up (away from zero) to `places`.
fn rounded(v: Decimal, places: u32) -> Decimal {
    v.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
}

/// Pushes `r` (already [`rounded`] to `places`) without its sign, with grouped digits and
/// exactly `places` decimals, as `Decimal`'s `Display` writes it rescaled: `12,500.00`.
fn push_rounded(out: &mut String, r: Decimal, places: u32) {
    let mut r = r.abs();
    r.rescale(places);
    if r.scale() != places {
        // Too large to carry `places` decimals (near 7.9 × 10^28): Decimal's own text.
        let s = r.to_string();
        match s.split_once('.') {
            Some((int, frac)) => {
                push_grouped(out, int.as_bytes());
                out.push('.');
                out.push_str(frac);
            }
            None => push_grouped(out, s.as_bytes()),
        }
        return;
    }
    let mut buf = itoa::Buffer::new();
    let all = buf.format(r.mantissa().unsigned_abs()).as_bytes();
    let places = places as usize;
    if all.len() > places {
        let (int, frac) = all.split_at(all.len() - places);
        push_grouped(out, int);
        if places > 0 {
            out.push('.');
            frac.iter().for_each(|d| out.push(char::from(*d)));
        }
    } else {
        // Below one: `0.05`.
        out.push('0');
        out.push('.');
        (all.len()..places).for_each(|_| out.push('0'));
        all.iter().for_each(|d| out.push(char::from(*d)));
    }
}

/// A decimal rounded half-up to `places`, with grouped digits and no sign: `12,500.00`.
fn grouped(v: Decimal, places: u32) -> String {
    let mut out = String::with_capacity(24);
    push_rounded(&mut out, rounded(v, places), places);
    out
}

/// Money in a currency: `$12,500.00`, `−$40.00`, `CHF 12.00`.
pub(crate) fn money(m: Money, currency: &str) -> String {
    let mut out = String::with_capacity(24);
    push_money(&mut out, m, currency);
    out
}

/// [`money`] pushed onto `out`.
pub(crate) fn push_money(out: &mut String, m: Money, currency: &str) {
    let (symbol, places) = currency_style(currency);
    let r = rounded(m, places);
    if r < Decimal::ZERO {
        out.push('−');
    }
    out.push_str(&symbol);
    push_rounded(out, r, places);
}

/// A change in money with its sign always shown: `+$1,200.00`, `−$40.00`, `±$0.00`.
pub(crate) fn signed_money(m: Money, currency: &str) -> String {
    let (symbol, places) = currency_style(currency);
    format!("{}{symbol}{}", sign(m, places), grouped(m, places))
}

/// Money for chart axes and bar labels, short: `$950`, `$12.5k`, `$1.2M`.
pub(crate) fn short_money(m: Money, currency: &str) -> String {
    let (symbol, _) = currency_style(currency);
    let abs = m.abs();
    let sign = if m < Decimal::ZERO { "−" } else { "" };
    let (v, unit) = if abs >= Decimal::from(1_000_000) {
        (abs / Decimal::from(1_000_000), "M")
    } else if abs >= Decimal::from(1_000) {
        (abs / Decimal::from(1_000), "k")
    } else {
        return format!("{sign}{symbol}{}", grouped(abs, 0));
    };
    let places = if v < Decimal::from(10) { 1 } else { 0 };
    let mut s = grouped(v, places);
    if s.ends_with(".0") {
        s.truncate(s.len() - 2);
    }
    format!("{sign}{symbol}{s}{unit}")
}

fn sign(v: Decimal, places: u32) -> &'static str {
    let r = v.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    if r > Decimal::ZERO {
        "+"
    } else if r < Decimal::ZERO {
        "−"
    } else {
        "±"
    }
}

/// A count with separators: `12,500`.
pub(crate) fn count(n: u64) -> String {
    let mut out = String::with_capacity(26);
    push_count(&mut out, n);
    out
}

/// [`count`] pushed onto `out`.
pub(crate) fn push_count(out: &mut String, n: u64) {
    push_grouped(out, itoa::Buffer::new().format(n).as_bytes());
}

/// A change in a count, signed: `+12`, `−3`, `±0`.
pub(crate) fn signed_count(v: Decimal) -> String {
    format!("{}{}", sign(v, 0), grouped(v, 0))
}

/// A ratio as a whole percentage: `0.5833` → `58 %`.
pub(crate) fn percent(r: Decimal) -> String {
    let mut out = String::with_capacity(12);
    push_percent(&mut out, r);
    out
}

/// [`percent`] pushed onto `out`.
pub(crate) fn push_percent(out: &mut String, r: Decimal) {
    let p = r * Decimal::ONE_HUNDRED;
    push_rounded(out, rounded(p, 0), 0);
    out.push(NBSP);
    out.push('%');
}

/// A relative change as a signed whole percentage: `+18 %`, `−4 %`; below one percent
/// with a decimal (`−0.3 %`, `+<0.1 %`), so a real change never reads as `±0 %`.
pub(crate) fn signed_percent(r: Decimal) -> String {
    let p = r * Decimal::ONE_HUNDRED;
    let tenth = Decimal::new(5, 2);
    if p.is_zero() || p.abs() >= Decimal::new(995, 3) {
        format!("{}{}{NBSP}%", sign(p, 0), grouped(p, 0))
    } else if p.abs() < tenth {
        format!("{}<0.1{NBSP}%", if p > Decimal::ZERO { "+" } else { "−" })
    } else {
        format!("{}{}{NBSP}%", sign(p, 1), grouped(p, 1))
    }
}

/// A rate with one decimal: `2.5`.
pub(crate) fn rate(r: Decimal) -> String {
    grouped(r, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn money_has_symbol_separators_and_cents() {
        assert_eq!(money(d("12500"), "USD"), "$12,500.00");
        assert_eq!(money(d("1234567.895"), "USD"), "$1,234,567.90");
        assert_eq!(money(d("0"), "EUR"), "€0.00");
        assert_eq!(money(d("-40"), "GBP"), "−£40.00");
        assert_eq!(money(d("-0.001"), "USD"), "$0.00");
        assert_eq!(money(d("12.5"), "CHF"), "CHF\u{a0}12.50");
        assert_eq!(money(d("1500.5"), "JPY"), "¥1,501");
        assert_eq!(money(d("999"), "USD"), "$999.00");
    }

    #[test]
    fn signed_values_always_show_their_sign() {
        assert_eq!(signed_money(d("1200"), "USD"), "+$1,200.00");
        assert_eq!(signed_money(d("-40"), "USD"), "−$40.00");
        assert_eq!(signed_money(d("0"), "USD"), "±$0.00");
        assert_eq!(signed_count(d("12")), "+12");
        assert_eq!(signed_count(d("-3")), "−3");
        assert_eq!(signed_percent(d("0.175")), "+18\u{a0}%");
        assert_eq!(signed_percent(d("-0.04")), "−4\u{a0}%");
        assert_eq!(signed_percent(d("-0.0025")), "−0.3\u{a0}%");
        assert_eq!(signed_percent(d("0.0001")), "+<0.1\u{a0}%");
        assert_eq!(signed_percent(d("0")), "±0\u{a0}%");
        assert_eq!(signed_percent(d("0.00996")), "+1\u{a0}%");
    }

    #[test]
    fn short_money_for_charts() {
        assert_eq!(short_money(d("950"), "USD"), "$950");
        assert_eq!(short_money(d("12500"), "USD"), "$13k");
        assert_eq!(short_money(d("1500"), "USD"), "$1.5k");
        assert_eq!(short_money(d("2000"), "USD"), "$2k");
        assert_eq!(short_money(d("1250000"), "EUR"), "€1.3M");
    }

    /// The digits as `Decimal`'s `Display` writes them after rounding and rescaling,
    /// grouped by hand: what [`grouped`] writes without the intermediate strings.
    fn grouped_by_display(v: Decimal, places: u32) -> String {
        let mut r = rounded(v.abs(), places);
        r.rescale(places);
        let s = r.to_string();
        let (int, frac) = s
            .split_once('.')
            .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
        let n = int.len();
        let mut out: String = int
            .chars()
            .enumerate()
            .flat_map(|(i, c)| {
                (i > 0 && (n - i) % 3 == 0)
                    .then_some(',')
                    .into_iter()
                    .chain([c])
            })
            .collect();
        if let Some(f) = frac {
            out.push('.');
            out.push_str(f);
        }
        out
    }

    #[test]
    fn grouped_digits_are_those_decimal_displays() {
        for v in [
            "0",
            "0.001",
            "0.005",
            "0.05",
            "0.5",
            "0.994",
            "0.995",
            "1",
            "9.999",
            "12.5",
            "999.995",
            "1000",
            "12500",
            "-40",
            "-0.004",
            "-0.005",
            "1234567.895",
            "123456789012345678.126",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "7922816251426433759354395033.5",
        ] {
            for places in 0..=3 {
                assert_eq!(
                    grouped(d(v), places),
                    grouped_by_display(d(v), places),
                    "{v} {places}"
                );
            }
        }
    }

    #[test]
    fn counts_and_percentages() {
        assert_eq!(count(0), "0");
        assert_eq!(count(1234567), "1,234,567");
        assert_eq!(count(u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(percent(d("0.5833")), "58\u{a0}%");
        assert_eq!(percent(d("0.005")), "1\u{a0}%");
        assert_eq!(percent(d("1.25")), "125\u{a0}%");
        assert_eq!(rate(d("2.45")), "2.5");
    }
}
