//! The Italian VAT number (partita IVA): 11 digits, the last a check digit.
//!
//! Source: DM 23 dicembre 1976 (art. 2), Agenzia delle Entrate: the check
//! digit is computed like Luhn's — digits in odd positions are summed as they
//! are, digits in even positions are doubled (minus 9 when above 9), and the
//! check digit brings the total to a multiple of 10.

use crate::message::Message;

/// Why a VAT number is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub enum VatError {
    Length,
    CheckDigit { expected: u32 },
    Office,
}

impl VatError {
    pub fn message(&self) -> Message {
        match self {
            VatError::Length => Message::new("qual-vat-length"),
            VatError::CheckDigit { expected } => Message::new("qual-vat-check-digit").arg("expected", *expected),
            VatError::Office => Message::new("qual-vat-office"),
        }
    }
}

/// Checks a partita IVA, accepting an optional `IT` prefix and spaces.
pub fn check_vat_number(text: &str) -> Result<String, VatError> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = compact.strip_prefix("IT").unwrap_or(&compact);
    if digits.len() != 11 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(VatError::Length);
    }
    let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    let office = d[7] * 100 + d[8] * 10 + d[9];
    if !((1..=100).contains(&office) || [120, 121, 888, 999].contains(&office)) {
        return Err(VatError::Office);
    }
    let expected = check_digit(&d[..10]);
    if d[10] != expected {
        return Err(VatError::CheckDigit { expected });
    }
    Ok(digits.to_owned())
}

/// The eleventh digit of a partita IVA from the first ten (Luhn, DM 23/12/1976).
pub fn check_digit(first_ten: &[u32]) -> u32 {
    let sum: u32 =
        first_ten.iter().enumerate().map(|(i, &digit)| if i % 2 == 0 { digit } else { doubled(digit) }).sum();
    (10 - sum % 10) % 10
}

fn doubled(digit: u32) -> u32 {
    let twice = digit * 2;
    if twice > 9 { twice - 9 } else { twice }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_numbers() {
        // Published VAT numbers of public companies.
        for vat in ["00488410010", "IT00905811006", "06363391001", "00743110157"] {
            assert!(check_vat_number(vat).is_ok(), "{vat}");
        }
        assert_eq!(check_vat_number("IT 00488410010").unwrap(), "00488410010");
    }

    #[test]
    fn a_wrong_check_digit_names_the_expected_one() {
        assert_eq!(check_vat_number("00488410011"), Err(VatError::CheckDigit { expected: 0 }));
        assert_eq!(check_vat_number("0048841001"), Err(VatError::Length));
        assert_eq!(check_vat_number("0048841001A"), Err(VatError::Length));
        assert_eq!(check_vat_number("00000000000"), Err(VatError::Office));
    }
}
