use super::*;

fn genova() -> OpenDataRow {
    OpenDataRow {
        codice_ipa: "c_d969".into(),
        ente: "Comune di Genova".into(),
        comune: "Genova".into(),
        cod_comune: "010025".into(),
        importo_finanziamento: "4566860.0".into(),
        avviso: "1.2 Abilitazione al cloud - Comuni - Aprile 2022".into(),
        data_invio_candidatura: "2022-05-04T11:58:51.000+0000".into(),
        data_finanziamento: "2022-08-08".into(),
        codice_cup: "I71C22000110006".into(),
        numero_finestra_temporale: "1.0".into(),
        numero_di_protocollo: "28.0".into(),
        stato_candidatura: "E".into(),
        misura: "1.2 Abilitazione e facilitazione migrazione al Cloud".into(),
        tipologia_ente: "Comune".into(),
    }
}

#[test]
fn a_real_row_is_read_exactly() {
    let row = genova().validate().unwrap();
    assert_eq!(row.amount, Cents(456_686_000));
    assert_eq!(row.status, FundingStatus::Paid);
    assert_eq!(row.kind, EnteKind::Comune);
    assert_eq!(row.window, Some(1));
    assert_eq!(row.protocol.as_deref(), Some("28"));
    assert_eq!(row.submitted_at.unwrap().to_rfc3339(), "2022-05-04T11:58:51+00:00");
    assert_eq!(row.cup.as_deref(), Some("I71C22000110006"));
    assert_eq!(row.findings, []);
}

#[test]
fn each_status_letter_is_the_state_it_proves() {
    let cases = [
        ("A", CallApplicationState::Financed),
        ("R", CallApplicationState::Withdrawn),
        ("E", CallApplicationState::Paid),
    ];
    for (letter, state) in cases {
        let status = FundingStatus::parse(letter).unwrap();
        assert_eq!(status.state(), state, "{letter}");
        assert_eq!(state.funding_status(true), Some(status), "{letter}: the state shows its letter again");
    }
}

#[test]
fn a_row_that_cannot_be_identified_or_counted_is_refused_naming_its_column() {
    type Spoil = fn(&mut OpenDataRow);
    let cases: [(Spoil, &str); 7] = [
        (|r| r.importo_finanziamento = "dieci".into(), "importo_finanziamento"),
        (|r| r.importo_finanziamento = "-10.0".into(), "importo_finanziamento"),
        (|r| r.stato_candidatura = "X".into(), "stato_candidatura"),
        (|r| r.codice_ipa = " ".into(), "codice_ipa"),
        (|r| r.avviso = String::new(), "avviso"),
        (|r| r.ente = String::new(), "ente"),
        (|r| r.cod_comune = String::new(), "cod_comune"),
    ];
    for (spoil, column) in cases {
        let mut row = genova();
        spoil(&mut row);
        assert_eq!(row.validate().unwrap_err().column, column);
    }
}

#[test]
fn a_field_that_breaks_its_rule_is_kept_as_published_with_a_finding() {
    type Spoil = fn(&mut OpenDataRow);
    let cases: [(Spoil, &str, Rule, &str); 6] = [
        (|r| r.codice_cup = "I71CA2000110006".into(), "codice_cup", Rule::CupShape, "I71CA2000110006"),
        (|r| r.codice_cup = "I71C2200011000".into(), "codice_cup", Rule::CupShape, "I71C2200011000"),
        (|r| r.data_finanziamento = "08/08/2022".into(), "data_finanziamento", Rule::DateFormat, "08/08/2022"),
        (|r| r.data_invio_candidatura = "ieri".into(), "data_invio_candidatura", Rule::TimestampFormat, "ieri"),
        (|r| r.numero_di_protocollo = "28/A".into(), "numero_di_protocollo", Rule::WholeNumber, "28/A"),
        (|r| r.cod_comune = "10025".into(), "cod_comune", Rule::IstatLeadingZeros, "10025"),
    ];
    for (spoil, field, rule, value) in cases {
        let mut row = genova();
        spoil(&mut row);
        let read = row.validate().unwrap();
        assert_eq!(read.findings.len(), 1, "{field}: {:?}", read.findings);
        let finding = &read.findings[0];
        assert_eq!((finding.field, finding.rule, finding.value.as_str()), (field, rule, value));
    }
    let mut row = genova();
    row.codice_cup = "i71ca2000110006".into();
    row.cod_comune = "10025".into();
    let read = row.validate().unwrap();
    assert_eq!(read.cup.as_deref(), Some("I71CA2000110006"), "kept, upper-cased");
    assert_eq!(read.istat_code, "010025", "its leading zero restored");
    assert_eq!(read.amount, Cents(456_686_000));
}

#[test]
fn schools_and_other_enti_are_kinds_and_blank_optional_columns_are_none() {
    let mut row = genova();
    row.tipologia_ente = "Scuole".into();
    row.codice_cup = String::new();
    row.data_finanziamento = String::new();
    let read = row.validate().unwrap();
    assert_eq!((read.kind, read.cup, read.financed_on), (EnteKind::Scuola, None, None));
    row.tipologia_ente = "Altri Enti".into();
    assert_eq!(row.validate().unwrap().kind, EnteKind::AltroEnte);
    assert_eq!(Cents(0), OpenDataRow { importo_finanziamento: "0.0".into(), ..genova() }.validate().unwrap().amount);
}
