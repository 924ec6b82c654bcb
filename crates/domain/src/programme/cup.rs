//! The CUP (Codice Unico di Progetto) of a financed application and its
//! deadline.
//!
//! Sources: the CUP is "una stringa alfanumerica di 15 caratteri" (DIPE,
//! opencup.gov.it, "Cos'è il CUP"; delibere CIPE 143/2002 and 24/2004);
//! DOMAIN.md §4: the ente gives its CUP within 5 days of admission. No
//! official description of the positions was found, so only the shape shared
//! by every CUP seen is checked — a letter, two letters or digits, a letter,
//! then the two digits of the year (`G17H03000130001` in the DIPE user manual
//! of the CUP system, `C11G06000000001` in the Wikipedia article, and the 400
//! real CUPs of `data/samples/candidature_finanziate_12_campione.csv`, one of
//! which, `DC1C22002790006`, has a letter in position 2). The check
//! character, if any, is not known and not verified.

use crate::message::Message;
use chrono::{Days, NaiveDate};
use serde::Serialize;
use std::fmt;

/// Days the ente has, after admission, to give its CUP (DOMAIN.md §4).
pub const CUP_DAYS: u64 = 5;

const LENGTH: usize = 15;

/// A CUP in its canonical form: 15 upper-case ASCII letters and digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Cup(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CupError {
    #[error("{}", self.message())]
    Length { found: usize },
    #[error("{}", self.message())]
    Character { position: usize, found: char },
    #[error("{}", self.message())]
    Shape { position: usize, found: char, expected: CupPart },
}

/// What a position of a CUP holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CupPart {
    Letter,
    /// A digit of the year.
    YearDigit,
}

impl CupError {
    pub fn message(&self) -> Message {
        match self {
            CupError::Length { found } => Message::new("prog-cup-length").arg("found", *found),
            CupError::Character { position, found } => {
                Message::new("prog-cup-character").arg("position", *position).arg("found", found.to_string())
            }
            CupError::Shape { position, found, expected } => {
                let expected = match expected {
                    CupPart::Letter => Message::new("prog-cup-letter"),
                    CupPart::YearDigit => Message::new("prog-cup-year-digit"),
                };
                Message::new("prog-cup-shape")
                    .arg("position", *position)
                    .arg("found", found.to_string())
                    .arg("expected", expected)
            }
        }
    }
}

impl Cup {
    /// Reads a CUP as typed: surrounding spaces are ignored and lower-case
    /// letters are taken as upper-case.
    pub fn parse(text: &str) -> Result<Cup, CupError> {
        let code = text.trim().to_ascii_uppercase();
        let found = code.chars().count();
        if found != LENGTH {
            return Err(CupError::Length { found });
        }
        for (i, ch) in code.chars().enumerate() {
            let position = i + 1;
            if !(ch.is_ascii_uppercase() || ch.is_ascii_digit()) {
                return Err(CupError::Character { position, found: ch });
            }
            let shape = match position {
                1 | 4 => Some((CupPart::Letter, ch.is_ascii_uppercase())),
                5 | 6 => Some((CupPart::YearDigit, ch.is_ascii_digit())),
                _ => None,
            };
            if let Some((expected, false)) = shape {
                return Err(CupError::Shape { position, found: ch, expected });
            }
        }
        Ok(Cup(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Cup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The last day to give the CUP: 5 calendar days after admission (the day of
/// admission is not counted, as for terms in days under art. 2963 c.c.).
pub fn cup_due_on(admitted_on: NaiveDate) -> NaiveDate {
    admitted_on.checked_add_days(Days::new(CUP_DAYS)).unwrap_or(NaiveDate::MAX)
}

/// Days from `as_of` to `due`: positive before, 0 on the due day, negative
/// once overdue.
pub fn days_left(due: NaiveDate, as_of: NaiveDate) -> i64 {
    (due - as_of).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn published_examples_are_valid() {
        for cup in ["G17H03000130001", "C11G06000000001"] {
            assert_eq!(Cup::parse(cup).unwrap().as_str(), cup);
        }
        assert_eq!(Cup::parse("  g17h03000130001 ").unwrap().to_string(), "G17H03000130001");
    }

    #[test]
    fn length_is_exactly_15() {
        assert_eq!(Cup::parse("G17H0300013000"), Err(CupError::Length { found: 14 }));
        assert!(Cup::parse("G17H03000130001").is_ok());
        assert_eq!(Cup::parse("G17H030001300011"), Err(CupError::Length { found: 16 }));
        assert_eq!(Cup::parse(""), Err(CupError::Length { found: 0 }));
    }

    #[test]
    fn characters_and_shape() {
        assert_eq!(Cup::parse("G17H0300013000-"), Err(CupError::Character { position: 15, found: '-' }));
        assert_eq!(Cup::parse("G17H 3000130001"), Err(CupError::Character { position: 5, found: ' ' }));
        assert_eq!(Cup::parse("G17H0300013000È"), Err(CupError::Character { position: 15, found: 'È' }));
        let shape = |position, found, expected| Err(CupError::Shape { position, found, expected });
        assert_eq!(Cup::parse("717H03000130001"), shape(1, '7', CupPart::Letter));
        assert!(Cup::parse("DC1C22002790006").is_ok(), "a real CUP with a letter in position 2");
        assert_eq!(Cup::parse("G17003000130001"), shape(4, '0', CupPart::Letter));
        assert_eq!(Cup::parse("G17HA3000130001"), shape(5, 'A', CupPart::YearDigit));
        assert_eq!(Cup::parse("G17H0B000130001"), shape(6, 'B', CupPart::YearDigit));
        assert!(Cup::parse("G17H03AB0130001").is_ok());
    }

    #[test]
    fn due_five_days_after_admission_with_a_countdown() {
        let admitted = day("2022-12-29");
        let due = cup_due_on(admitted);
        assert_eq!(due, day("2023-01-03"));
        assert_eq!(days_left(due, admitted), 5);
        assert_eq!(days_left(due, day("2023-01-02")), 1);
        assert_eq!(days_left(due, due), 0);
        assert_eq!(days_left(due, day("2023-01-04")), -1);
        assert_eq!(cup_due_on(NaiveDate::MAX), NaiveDate::MAX);
    }
}
