//! The Italian fiscal code (codice fiscale), the key of a person's identity on cloudpa: an
//! organisation's administrator invites a member by it, and a SPID/CIE sign-in is matched by it.
//!
//! SPID and CIE release it in the claim `https://attributes.eid.gov.it/fiscal_number` as an
//! ETSI EN 319 412-1 identifier, `TINIT-` followed by the code (SPID OIDC guidelines, AgID
//! Avviso n. 41/2023, attribute table; CIE id OIDC, same claim). [`FiscalCode::parse`] strips
//! that prefix, upper-cases, and checks the layout of DM 23 December 1976 (six letters of name
//! and surname, year, month letter, day — plus 40 for women —, municipality code, check letter),
//! including the letters that replace digits in duplicate codes ("omocodia") and the check
//! letter. Temporary 11-digit codes are refused: people logging in through SPID/CIE have the
//! 16-character one.

use crate::message::Message;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a text is not a personal fiscal code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub enum InvalidFiscalCode {
    /// Not 16 characters, once the `TINIT-` prefix is stripped.
    Length,
    /// A letter where a digit goes, or the other way round.
    Layout,
    /// The ninth character is none of the month letters.
    Month,
    /// The day of birth is neither 1–31 nor 41–71.
    Day,
    /// The last letter is not the one computed from the first 15.
    CheckLetter,
}

impl InvalidFiscalCode {
    /// The rule broken, for people.
    pub fn message(&self) -> Message {
        match self {
            InvalidFiscalCode::Length => Message::new("acc-fiscal-code-length"),
            InvalidFiscalCode::Layout => Message::new("acc-fiscal-code-layout"),
            InvalidFiscalCode::Month => Message::new("acc-fiscal-code-month"),
            InvalidFiscalCode::Day => Message::new("acc-fiscal-code-day"),
            InvalidFiscalCode::CheckLetter => Message::new("acc-fiscal-code-check-letter"),
        }
    }
}

/// A validated, upper-case, 16-character personal fiscal code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct FiscalCode(String);

/// The prefix of the ETSI natural-person identifier for Italian tax numbers.
const ETSI_PREFIX: &str = "TINIT-";
const MONTH_LETTERS: &str = "ABCDEHLMPRST";
/// Letters that replace the digits 0–9 in duplicate codes.
const OMOCODIA_LETTERS: &[u8; 10] = b"LMNPQRSTUV";
/// Positions that hold a digit, or its omocodia letter.
const DIGIT_POSITIONS: [usize; 7] = [6, 7, 9, 10, 12, 13, 14];
/// Values of the characters in odd positions (1st, 3rd, …) for the check letter, A–Z / 0–9.
const ODD_VALUES: [u32; 26] =
    [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

impl FiscalCode {
    /// Normalises (`TINIT-` prefix, case, surrounding spaces) and validates a fiscal code.
    pub fn parse(raw: &str) -> Result<Self, InvalidFiscalCode> {
        let trimmed = raw.trim().to_ascii_uppercase();
        let code = trimmed.strip_prefix(ETSI_PREFIX).unwrap_or(&trimmed);
        let bytes = code.as_bytes();
        if bytes.len() != 16 {
            return Err(InvalidFiscalCode::Length);
        }
        for (position, &byte) in bytes.iter().enumerate() {
            let fits = if DIGIT_POSITIONS.contains(&position) {
                byte.is_ascii_digit() || OMOCODIA_LETTERS.contains(&byte)
            } else {
                byte.is_ascii_uppercase()
            };
            if !fits {
                return Err(InvalidFiscalCode::Layout);
            }
        }
        if !MONTH_LETTERS.as_bytes().contains(&bytes[8]) {
            return Err(InvalidFiscalCode::Month);
        }
        let day = digit_value(bytes[9]) * 10 + digit_value(bytes[10]);
        if !(1..=31).contains(&day) && !(41..=71).contains(&day) {
            return Err(InvalidFiscalCode::Day);
        }
        if check_letter(&bytes[..15]) != bytes[15] {
            return Err(InvalidFiscalCode::CheckLetter);
        }
        Ok(Self(code.to_owned()))
    }

    /// The 16 characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The value of a digit position, reading an omocodia letter as the digit it replaces.
fn digit_value(byte: u8) -> u32 {
    match OMOCODIA_LETTERS.iter().position(|&letter| letter == byte) {
        Some(index) => index as u32,
        None => u32::from(byte - b'0'),
    }
}

/// The check letter over the first 15 characters (already shape-checked).
fn check_letter(first15: &[u8]) -> u8 {
    let sum: u32 = first15
        .iter()
        .enumerate()
        .map(|(index, &byte)| {
            let ordinal = if byte.is_ascii_digit() { u32::from(byte - b'0') } else { u32::from(byte - b'A') };
            if index % 2 == 0 { ODD_VALUES[ordinal as usize] } else { ordinal }
        })
        .sum();
    b'A' + (sum % 26) as u8
}

impl TryFrom<String> for FiscalCode {
    type Error = InvalidFiscalCode;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<FiscalCode> for String {
    fn from(code: FiscalCode) -> Self {
        code.0
    }
}

impl fmt::Display for FiscalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
