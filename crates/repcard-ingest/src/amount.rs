//! Amounts as exports write them: with the table's decimal and thousands separators and a
//! currency code or symbol before or after the number (`USD 20,000.00`, `12.500,00 €`).
//! When a table sets its separators, they decide every amount in it: a value that fits them
//! in no way is `None` (the row is `bad_number`), never a guess.

use super::parse::parse_money;
use repcard_core::model::Money;

/// How amounts are written when not canonical.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MoneyFormat {
    /// The decimal separator.
    pub decimal: char,
    /// The thousands separator, if any.
    pub thousands: Option<char>,
}

/// A currency as an amount writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WrittenCurrency {
    /// A three-letter ISO code, upper-case (`EUR`).
    Code([u8; 3]),
    /// A symbol that names one currency (`€` → EUR, `£` → GBP, `₹` → INR, …).
    Symbol(&'static str),
    /// `$`: a dollar, which one the report's currency decides (USD when it is no dollar).
    Dollar,
    /// `¥`: yen or yuan, which one the report's currency decides (JPY when it is neither).
    YenOrYuan,
}

const DOLLARS: &[&str] = &[
    "USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "TWD", "BRL", "CLP", "COP", "ARS",
];

impl WrittenCurrency {
    /// The ISO code this currency stands for in a report kept in `report` currency.
    pub fn code(self, report: &str) -> String {
        match self {
            WrittenCurrency::Code(c) => String::from_utf8_lossy(&c).into_owned(),
            WrittenCurrency::Symbol(code) => code.to_string(),
            WrittenCurrency::Dollar if DOLLARS.contains(&report) => report.to_string(),
            WrittenCurrency::Dollar => "USD".into(),
            WrittenCurrency::YenOrYuan if report == "JPY" || report == "CNY" => report.to_string(),
            WrittenCurrency::YenOrYuan => "JPY".into(),
        }
    }
}

/// An amount read from a cell, with the currency it was written in, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    /// The exact value.
    pub value: Money,
    /// The currency written in the cell.
    pub currency: Option<WrittenCurrency>,
}

fn symbol(c: char) -> Option<WrittenCurrency> {
    Some(match c {
        '$' => WrittenCurrency::Dollar,
        '¥' => WrittenCurrency::YenOrYuan,
        '€' => WrittenCurrency::Symbol("EUR"),
        '£' => WrittenCurrency::Symbol("GBP"),
        '₹' => WrittenCurrency::Symbol("INR"),
        '₩' => WrittenCurrency::Symbol("KRW"),
        '₽' => WrittenCurrency::Symbol("RUB"),
        '₺' => WrittenCurrency::Symbol("TRY"),
        '₪' => WrittenCurrency::Symbol("ILS"),
        _ => return None,
    })
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}' || c == '\u{202f}' || c == '\t'
}

/// Takes a currency code or symbol off the start (`at_start`) or the end of `s`.
fn take_currency(s: &str, at_start: bool) -> Option<(WrittenCurrency, &str)> {
    let c = if at_start {
        s.chars().next()?
    } else {
        s.chars().next_back()?
    };
    if let Some(cur) = symbol(c) {
        let rest = if at_start {
            &s[c.len_utf8()..]
        } else {
            &s[..s.len() - c.len_utf8()]
        };
        return Some((cur, rest));
    }
    let b = s.as_bytes();
    if b.len() < 3 {
        return None;
    }
    let (code, next) = if at_start {
        (&b[..3], b.get(3))
    } else {
        (&b[b.len() - 3..], b.len().checked_sub(4).map(|i| &b[i]))
    };
    // A code is three capitals standing alone: not part of a longer word. Checked before
    // slicing, so the cut falls between ASCII bytes, never inside a character.
    if !code.iter().all(u8::is_ascii_uppercase) || next.is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let rest = if at_start { &s[3..] } else { &s[..s.len() - 3] };
    Some((WrittenCurrency::Code([code[0], code[1], code[2]]), rest))
}

/// Reads `s` with the separators of `f` and at most one currency code or symbol, before or
/// after the number (a sign may stand on either side of a leading currency). Thousands
/// groups must have three digits each; `None` for anything else.
pub fn read_amount(s: &str, f: MoneyFormat) -> Option<Amount> {
    let mut rest = s.trim_matches(is_space);
    let mut currency = None;
    let mut sign = "";
    if let Some(r) = rest.strip_prefix(['-', '+']) {
        sign = &rest[..1];
        rest = r.trim_start_matches(is_space);
    }
    if let Some((cur, r)) = take_currency(rest, true) {
        currency = Some(cur);
        rest = r.trim_start_matches(is_space);
    } else if let Some((cur, r)) = take_currency(rest, false) {
        currency = Some(cur);
        rest = r.trim_end_matches(is_space);
    }
    if sign.is_empty()
        && let Some(r) = rest.strip_prefix(['-', '+'])
    {
        sign = &rest[..1];
        rest = r;
    }
    let (int, frac) = match rest.split_once(f.decimal) {
        Some((i, fr)) => (i, Some(fr)),
        None => (rest, None),
    };
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if frac.is_some_and(|fr| !all_digits(fr)) {
        return None;
    }
    let mut digits = String::with_capacity(rest.len() + 2);
    digits.push_str(sign);
    let groups: Vec<&str> = match f.thousands {
        Some(t) if is_space(t) => int.split(is_space).collect(),
        Some(t) => int.split(t).collect(),
        None => vec![int],
    };
    for (i, g) in groups.iter().enumerate() {
        let ok = all_digits(g)
            && (groups.len() == 1 || if i == 0 { g.len() <= 3 } else { g.len() == 3 });
        if !ok {
            return None;
        }
        digits.push_str(g);
    }
    if let Some(fr) = frac {
        digits.push('.');
        digits.push_str(fr);
    }
    Some(Amount {
        value: parse_money(&digits)?,
        currency,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multibyte_character_where_a_currency_code_could_be_is_no_panic() {
        // Found by the fuzzer: "-" then U+0422 then two bytes; the three bytes after the
        // sign end inside a character.
        let f = MoneyFormat {
            decimal: '.',
            thousands: Some(','),
        };
        assert_eq!(read_amount("-\u{422}\u{5}\u{0}", f), None);
        assert_eq!(read_amount("12\u{422}", f), None);
        assert_eq!(read_amount("\u{422}12", f), None);
    }

    fn read(s: &str, decimal: char, thousands: Option<char>) -> Option<(String, Option<String>)> {
        read_amount(s, MoneyFormat { decimal, thousands })
            .map(|a| (a.value.to_string(), a.currency.map(|c| c.code("USD"))))
    }

    fn value(s: &str, decimal: char, thousands: Option<char>) -> Option<String> {
        read(s, decimal, thousands).map(|r| r.0)
    }

    #[test]
    fn decimal_comma_with_dot_thousands_reads_every_amount_that_way() {
        // The case: 12.500 is twelve thousand five hundred, -1.000 is minus one thousand.
        assert_eq!(value("12.500", ',', Some('.')).as_deref(), Some("12500"));
        assert_eq!(value("-1.000", ',', Some('.')).as_deref(), Some("-1000"));
        assert_eq!(value("12,50", ',', Some('.')).as_deref(), Some("12.50"));
        assert_eq!(
            value("12.500,00 €", ',', Some('.')).as_deref(),
            Some("12500.00")
        );
        assert_eq!(
            value("1.234.567,8", ',', Some('.')).as_deref(),
            Some("1234567.8")
        );
        // Fits neither reading: a dot that is no thousands group, two decimal commas.
        assert_eq!(value("12.5", ',', Some('.')), None);
        assert_eq!(value("1.00", ',', Some('.')), None);
        assert_eq!(value("12,5,0", ',', None), None);
        assert_eq!(value("1.000", ',', None), None);
    }

    #[test]
    fn dot_decimal_with_comma_thousands_and_spaces() {
        assert_eq!(
            value("$12,500.00", '.', Some(',')).as_deref(),
            Some("12500.00")
        );
        assert_eq!(
            value("12500.00", '.', Some(',')).as_deref(),
            Some("12500.00")
        );
        assert_eq!(value("1 234,5", ',', Some(' ')).as_deref(), Some("1234.5"));
        assert_eq!(
            value("1\u{a0}234,5", ',', Some(' ')).as_deref(),
            Some("1234.5")
        );
        assert_eq!(value("12,50", '.', Some(',')), None);
        assert_eq!(value("ten", '.', Some(',')), None);
        assert_eq!(value("", '.', Some(',')), None);
        assert_eq!(value("1.2.3", '.', Some(',')), None);
    }

    #[test]
    fn currency_codes_and_symbols_are_kept_not_dropped() {
        assert_eq!(
            read("EUR 980.25", '.', Some(',')),
            Some(("980.25".into(), Some("EUR".into())))
        );
        assert_eq!(
            read("980.25 GBP", '.', Some(',')),
            Some(("980.25".into(), Some("GBP".into())))
        );
        assert_eq!(
            read("USD 20,000.00", '.', Some(',')),
            Some(("20000.00".into(), Some("USD".into())))
        );
        assert_eq!(
            read("-€5", '.', None),
            Some(("-5".into(), Some("EUR".into())))
        );
        assert_eq!(read("99", '.', None), Some(("99".into(), None)));
        // Not a code: lower case, too long, two of them, letters inside the number.
        assert_eq!(read("eur 5", '.', None), None);
        assert_eq!(read("EURO 5", '.', None), None);
        assert_eq!(read("EUR 5 USD", '.', None), None);
        assert_eq!(read("5E3", '.', None), None);
    }

    #[test]
    fn dollar_and_yen_signs_follow_the_report_currency() {
        let dollar = WrittenCurrency::Dollar;
        assert_eq!(dollar.code("CAD"), "CAD");
        assert_eq!(dollar.code("EUR"), "USD");
        assert_eq!(WrittenCurrency::YenOrYuan.code("CNY"), "CNY");
        assert_eq!(WrittenCurrency::YenOrYuan.code("USD"), "JPY");
    }
}
