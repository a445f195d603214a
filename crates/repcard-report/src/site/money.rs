//! Figures as people read them: money in the report currency with separators, counts with
//! separators, shares as whole percentages, signed changes.

use repcard_core::model::Money;
use rust_decimal::{Decimal, RoundingStrategy};

/// A non-breaking space, so that "58 %" and "CHF 12.00" never wrap apart.
const NBSP: char = '\u{a0}';

/// How a currency is written: symbol before the amount (or code and a space) and decimals.
fn currency_style(code: &str) -> (String, u32) {
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
        _ => return (format!("{code}{NBSP}"), 2),
    };
    let places = if matches!(code, "JPY" | "KRW") { 0 } else { 2 };
    (symbol.to_string(), places)
}

/// Groups the digits of a non-negative integer string with commas: `12500` → `12,500`.
fn group_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A decimal rounded half-up to `places`, with grouped digits and no sign: `12,500.00`.
fn grouped(v: Decimal, places: u32) -> String {
    let mut v = v
        .abs()
        .round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    v.rescale(places);
    let s = v.to_string();
    match s.split_once('.') {
        Some((int, frac)) => format!("{}.{frac}", group_digits(int)),
        None => group_digits(&s),
    }
}

fn is_negative(v: Decimal, places: u32) -> bool {
    v.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero) < Decimal::ZERO
}

/// Money in a currency: `$12,500.00`, `−$40.00`, `CHF 12.00`.
pub(crate) fn money(m: Money, currency: &str) -> String {
    let (symbol, places) = currency_style(currency);
    let sign = if is_negative(m, places) { "−" } else { "" };
    format!("{sign}{symbol}{}", grouped(m, places))
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
    group_digits(&n.to_string())
}

/// A change in a count, signed: `+12`, `−3`, `±0`.
pub(crate) fn signed_count(v: Decimal) -> String {
    format!("{}{}", sign(v, 0), grouped(v, 0))
}

/// A ratio as a whole percentage: `0.5833` → `58 %`.
pub(crate) fn percent(r: Decimal) -> String {
    format!("{}{NBSP}%", grouped(r * Decimal::ONE_HUNDRED, 0))
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

    #[test]
    fn counts_and_percentages() {
        assert_eq!(count(0), "0");
        assert_eq!(count(1234567), "1,234,567");
        assert_eq!(percent(d("0.5833")), "58\u{a0}%");
        assert_eq!(percent(d("0.005")), "1\u{a0}%");
        assert_eq!(percent(d("1.25")), "125\u{a0}%");
        assert_eq!(rate(d("2.45")), "2.5");
    }
}
