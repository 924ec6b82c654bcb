//! Money as integer euro cents: never a float, from parsing to display.

use crate::message::Message;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount in euro cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Cents(pub i64);

impl Cents {
    pub const fn from_euros(euros: i64) -> Self {
        Cents(euros * 100)
    }

    /// `euros` in cents, when it fits.
    pub const fn checked_from_euros(euros: i64) -> Option<Self> {
        match euros.checked_mul(100) {
            Some(cents) => Some(Cents(cents)),
            None => None,
        }
    }

    /// Whole euros, when the amount has no cents.
    pub fn whole_euros(self) -> Option<i64> {
        (self.0 % 100 == 0).then_some(self.0 / 100)
    }

    pub fn checked_add(self, other: Cents) -> Option<Cents> {
        self.0.checked_add(other.0).map(Cents)
    }

    pub fn checked_mul(self, factor: i64) -> Option<Cents> {
        self.0.checked_mul(factor).map(Cents)
    }
}

/// Why a decimal amount could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("{}", self.message())]
    Empty,
    #[error("{}", self.message())]
    Malformed(String),
    #[error("{}", self.message())]
    SubCent(String),
    #[error("{}", self.message())]
    Overflow(String),
}

impl AmountError {
    pub fn message(&self) -> Message {
        match self {
            AmountError::Empty => Message::new("prog-amount-empty"),
            AmountError::Malformed(text) => Message::new("prog-amount-malformed").arg("amount", text),
            AmountError::SubCent(text) => Message::new("prog-amount-sub-cent").arg("amount", text),
            AmountError::Overflow(text) => Message::new("prog-amount-overflow").arg("amount", text),
        }
    }
}

/// Reads a decimal amount of euros as written in the open data (`4566860.0`,
/// `4058598.4`, `12`) exactly, without going through a float.
pub fn parse_euros(text: &str) -> Result<Cents, AmountError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AmountError::Empty);
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int_part, frac_part) = body.split_once('.').unwrap_or((body, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int_part.is_empty() || !all_digits(int_part) || !all_digits(frac_part) {
        return Err(AmountError::Malformed(text.to_owned()));
    }
    let significant = frac_part.trim_end_matches('0');
    if significant.len() > 2 {
        return Err(AmountError::SubCent(text.to_owned()));
    }
    let cents_digits = format!("{significant:0<2}");
    let overflow = || AmountError::Overflow(text.to_owned());
    let euros: i64 = int_part.parse().map_err(|_| overflow())?;
    let cents: i64 = cents_digits.parse().map_err(|_| overflow())?;
    let total = euros.checked_mul(100).and_then(|e| e.checked_add(cents)).ok_or_else(overflow)?;
    Ok(Cents(if negative { -total } else { total }))
}

/// Italian display: `1.234.567,89 €` (DOMAIN.md §7).
impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let euros = (abs / 100).to_string();
        let mut grouped = String::with_capacity(euros.len() + euros.len() / 3);
        for (i, ch) in euros.chars().enumerate() {
            if i > 0 && (euros.len() - i).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(ch);
        }
        write!(f, "{sign}{grouped},{:02} €", abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euros_beyond_the_range_of_cents_do_not_fit() {
        assert_eq!(Cents::checked_from_euros(3_500_000), Some(Cents(350_000_000)));
        assert_eq!(Cents::checked_from_euros(i64::MAX / 100 + 1), None, "found by the hostile-input run of CI");
        assert_eq!(Cents::checked_from_euros(i64::MIN / 100 - 1), None);
    }

    #[test]
    fn parses_open_data_amounts_exactly() {
        assert_eq!(parse_euros("4566860.0"), Ok(Cents(456_686_000)));
        assert_eq!(parse_euros("4058598.4"), Ok(Cents(405_859_840)));
        assert_eq!(parse_euros("12"), Ok(Cents(1200)));
        assert_eq!(parse_euros("0.05"), Ok(Cents(5)));
        assert_eq!(parse_euros("1.100"), Ok(Cents(110)));
        assert_eq!(parse_euros("-3.5"), Ok(Cents(-350)));
    }

    #[test]
    fn rejects_what_is_not_an_amount() {
        assert_eq!(parse_euros(""), Err(AmountError::Empty));
        assert!(matches!(parse_euros("1,5"), Err(AmountError::Malformed(_))));
        assert!(matches!(parse_euros(".5"), Err(AmountError::Malformed(_))));
        assert!(matches!(parse_euros("1e6"), Err(AmountError::Malformed(_))));
        assert!(matches!(parse_euros("0.001"), Err(AmountError::SubCent(_))));
        assert!(matches!(parse_euros("99999999999999999999"), Err(AmountError::Overflow(_))));
    }

    #[test]
    fn displays_the_italian_way() {
        assert_eq!(Cents(456_686_000).to_string(), "4.566.860,00 €");
        assert_eq!(Cents(123_456).to_string(), "1.234,56 €");
        assert_eq!(Cents(5).to_string(), "0,05 €");
        assert_eq!(Cents(-100_000).to_string(), "-1.000,00 €");
    }
}
