//! Normalisation and validation of the fiscal code released by SPID and CIE.

use cloudpa_domain::fiscal_code::{FiscalCode, InvalidFiscalCode};

#[test]
fn good_inputs_normalise_to_the_sixteen_character_code() {
    let table = [
        ("TINIT-RSSMRA80A01H501U", "RSSMRA80A01H501U"),
        ("tinit-rssmra80a01h501u", "RSSMRA80A01H501U"),
        ("  TINIT-RSSMRA80A01H501U\n", "RSSMRA80A01H501U"),
        ("RSSMRA80A01H501U", "RSSMRA80A01H501U"),
        ("TINIT-VRDGPP85T41F205T", "VRDGPP85T41F205T"),
        // Omocodia: the last digit of the municipality code replaced by its letter (1 → M).
        ("TINIT-RSSMRA80A01H50MM", "RSSMRA80A01H50MM"),
    ];
    for (input, expected) in table {
        let code = FiscalCode::parse(input).unwrap_or_else(|err| panic!("{input:?}: {err}"));
        assert_eq!(code.as_str(), expected, "{input:?}");
    }
}

#[test]
fn bad_inputs_are_refused_with_a_reason() {
    let table = [
        ("", InvalidFiscalCode::Length),
        ("TINIT-", InvalidFiscalCode::Length),
        ("TINIT-RSSMRA80A01H501", InvalidFiscalCode::Length),
        ("TINIT-RSSMRA80A01H501UX", InvalidFiscalCode::Length),
        ("12345678901", InvalidFiscalCode::Length),
        ("VATIT-12345678901", InvalidFiscalCode::Length),
        ("TINIT-RSSMRA80A01H501V", InvalidFiscalCode::CheckLetter),
        ("TINIT-RSSMRAXXA01H501U", InvalidFiscalCode::Layout),
        ("TINIT-1SSMRA80A01H501U", InvalidFiscalCode::Layout),
        ("TINIT-RSSMRA80Z01H501U", InvalidFiscalCode::Month),
        ("TINIT-RSSMRA80A32H501U", InvalidFiscalCode::Day),
        ("TINIT-RSSMRA80A00H501U", InvalidFiscalCode::Day),
        ("TINIT-RSSMRA80A01H5-1U", InvalidFiscalCode::Layout),
        ("TINIT-RSSMRA80A01H501È", InvalidFiscalCode::Length),
    ];
    for (input, reason) in table {
        match FiscalCode::parse(input) {
            Err(invalid) => assert_eq!(invalid, reason, "{input:?}"),
            other => panic!("{input:?} should be refused, got {other:?}"),
        }
    }
}

#[test]
fn a_fiscal_code_deserialises_only_when_valid() {
    let code: FiscalCode = serde_json::from_str("\"TINIT-RSSMRA80A01H501U\"").expect("valid");
    assert_eq!(code.to_string(), "RSSMRA80A01H501U");
    assert!(serde_json::from_str::<FiscalCode>("\"RSSMRA80A01H501V\"").is_err());
}
