//! One row of the PA digitale 2026 open data of financed applications
//! (`candidature_finanziate`): what it must hold to be imported, and the
//! data-quality findings of the fields kept as published.
//!
//! Source: DOMAIN.md §6 (the columns, a real sample of 400 rows) and §4
//! (status of a candidatura: A assegnato, R rinuncia, E erogato; CUP of 15
//! characters). Amounts are written like `4566860.0` and kept exact in cents.
//!
//! A row is refused only when it cannot be identified (no IPA code, no call)
//! or cannot be counted (no amount or a negative one, no status); any other
//! field that breaks its rule is kept as published with a [`Finding`].

use super::application::CallApplicationState;
use super::cup::Cup;
use super::quality::{Finding, Rule};
use crate::money::{Cents, parse_euros};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The columns of the open-data file, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct OpenDataRow {
    pub codice_ipa: String,
    pub ente: String,
    #[serde(default)]
    pub comune: String,
    pub cod_comune: String,
    pub importo_finanziamento: String,
    pub avviso: String,
    #[serde(default)]
    pub data_invio_candidatura: String,
    #[serde(default)]
    pub data_finanziamento: String,
    #[serde(default)]
    pub codice_cup: String,
    #[serde(default)]
    pub numero_finestra_temporale: String,
    #[serde(default)]
    pub numero_di_protocollo: String,
    pub stato_candidatura: String,
    pub misura: String,
    pub tipologia_ente: String,
}

/// The status of a financed application in the open data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FundingStatus {
    /// A — assegnato: financed.
    Assigned,
    /// R — rinuncia: the ente withdrew.
    Withdrawn,
    /// E — erogato: paid.
    Paid,
}

impl FundingStatus {
    pub const ALL: [FundingStatus; 3] = [FundingStatus::Assigned, FundingStatus::Withdrawn, FundingStatus::Paid];

    /// The letter of the open data.
    pub fn code(self) -> &'static str {
        match self {
            FundingStatus::Assigned => "A",
            FundingStatus::Withdrawn => "R",
            FundingStatus::Paid => "E",
        }
    }

    pub fn parse(code: &str) -> Option<FundingStatus> {
        FundingStatus::ALL.into_iter().find(|s| s.code() == code.trim())
    }

    /// The state of a project the open data lists with this status, the
    /// furthest its letter proves (DOMAIN.md §4: A assegnato, R rinuncia, E
    /// erogato; the file lists financed applications only): A is financed,
    /// R withdrawn after the decree, E paid. The inverse of
    /// [`CallApplicationState::funding_status`] for a financed application.
    pub fn state(self) -> CallApplicationState {
        match self {
            FundingStatus::Assigned => CallApplicationState::Financed,
            FundingStatus::Withdrawn => CallApplicationState::Withdrawn,
            FundingStatus::Paid => CallApplicationState::Paid,
        }
    }
}

/// The kind of ente, from `tipologia_ente` (`Comune`, `Scuole`, anything else).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnteKind {
    Comune,
    Scuola,
    AltroEnte,
}

impl EnteKind {
    pub const ALL: [EnteKind; 3] = [EnteKind::Comune, EnteKind::Scuola, EnteKind::AltroEnte];

    pub fn code(self) -> &'static str {
        match self {
            EnteKind::Comune => "comune",
            EnteKind::Scuola => "scuola",
            EnteKind::AltroEnte => "altro_ente",
        }
    }

    pub fn parse(code: &str) -> Option<EnteKind> {
        EnteKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The term of the published file for this kind, for a record that
    /// came without one (made on cloudpa): the file's own for Comuni and
    /// schools.
    pub fn published(self) -> &'static str {
        match self {
            EnteKind::Comune => "Comune",
            EnteKind::Scuola => "Scuole",
            EnteKind::AltroEnte => "Altri enti",
        }
    }

    fn from_open_data(text: &str) -> EnteKind {
        match text.trim().to_lowercase().as_str() {
            "comune" | "comuni" => EnteKind::Comune,
            "scuola" | "scuole" => EnteKind::Scuola,
            _ => EnteKind::AltroEnte,
        }
    }
}

/// A row that identifies its record, with the findings of its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinancedApplication {
    pub ipa_code: String,
    pub ente: String,
    pub kind: EnteKind,
    /// `tipologia_ente` as published (`Comune`, `Scuole`, …), written back
    /// as it came.
    pub kind_as_published: String,
    /// The municipality (ISTAT code) the ente is in — the ente itself for a
    /// Comune — as published, its leading zeros restored; the import places
    /// it in today's territory.
    pub istat_code: String,
    pub call: String,
    pub measure: String,
    pub amount: Cents,
    pub submitted_at: Option<DateTime<Utc>>,
    pub financed_on: Option<NaiveDate>,
    /// The CUP as published (upper-cased), whether or not it has a CUP's shape.
    pub cup: Option<String>,
    pub window: Option<u32>,
    pub protocol: Option<String>,
    pub status: FundingStatus,
    pub findings: Vec<Finding>,
}

/// Why a row is refused: the column and the rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{column}: {rule}")]
pub struct RowError {
    pub column: &'static str,
    pub rule: String,
}

fn refuse(column: &'static str, rule: impl Into<String>) -> RowError {
    RowError { column, rule: rule.into() }
}

fn required(column: &'static str, value: &str) -> Result<String, RowError> {
    match value.trim() {
        "" => Err(refuse(column, "is required")),
        v => Ok(v.to_owned()),
    }
}

/// `1.0` → 1: the open data writes whole numbers as decimals. Anything else
/// is kept out with a finding.
fn whole(column: &'static str, value: &str, findings: &mut Vec<Finding>) -> Option<u32> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let digits = value.strip_suffix(".0").unwrap_or(value);
    let read = digits.parse().ok();
    if read.is_none() {
        findings.push(Finding::new(column, Rule::WholeNumber, value, "not a whole number"));
    }
    read
}

/// The ISTAT code with the leading zeros a spreadsheet dropped (`10025` →
/// `010025`), with a finding; any other code as published, for the import to
/// place.
fn istat(value: &str, findings: &mut Vec<Finding>) -> String {
    let value = value.trim();
    if (1..6).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit()) {
        let padded = format!("{value:0>6}");
        findings.push(Finding::new("cod_comune", Rule::IstatLeadingZeros, value, padded.clone()));
        return padded;
    }
    value.to_owned()
}

fn timestamp(value: &str, findings: &mut Vec<Finding>) -> Option<DateTime<Utc>> {
    let text = value.trim();
    if text.is_empty() {
        return None;
    }
    let read =
        DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.3f%z").or_else(|_| DateTime::parse_from_rfc3339(text));
    match read {
        Ok(t) => Some(t.with_timezone(&Utc)),
        Err(_) => {
            findings.push(Finding::new("data_invio_candidatura", Rule::TimestampFormat, text, "not a timestamp"));
            None
        }
    }
}

fn date(value: &str, findings: &mut Vec<Finding>) -> Option<NaiveDate> {
    let text = value.trim();
    if text.is_empty() {
        return None;
    }
    let read = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    if read.is_none() {
        findings.push(Finding::new("data_finanziamento", Rule::DateFormat, text, "not a date YYYY-MM-DD"));
    }
    read
}

fn cup(value: &str, findings: &mut Vec<Finding>) -> Option<String> {
    let text = value.trim();
    if text.is_empty() {
        return None;
    }
    if let Err(e) = Cup::parse(text) {
        findings.push(Finding::new("codice_cup", Rule::CupShape, text, e.to_string()));
    }
    Some(text.to_ascii_uppercase())
}

impl OpenDataRow {
    pub fn validate(&self) -> Result<FinancedApplication, RowError> {
        let mut findings = Vec::new();
        let amount =
            parse_euros(&self.importo_finanziamento).map_err(|e| refuse("importo_finanziamento", e.to_string()))?;
        // A negative amount financed would subtract from every total.
        if amount.0 < 0 {
            return Err(refuse("importo_finanziamento", format!("{} is negative", self.importo_finanziamento.trim())));
        }
        let status = FundingStatus::parse(&self.stato_candidatura)
            .ok_or_else(|| refuse("stato_candidatura", "must be A (assegnato), R (rinuncia) or E (erogato)"))?;
        let (ipa_code, call) = (required("codice_ipa", &self.codice_ipa)?, required("avviso", &self.avviso)?);
        let (ente, measure) = (required("ente", &self.ente)?, required("misura", &self.misura)?);
        if required("cod_comune", &self.cod_comune).is_err() {
            return Err(refuse("cod_comune", "is required: the ente cannot be placed without it"));
        }
        let istat_code = istat(&self.cod_comune, &mut findings);
        let submitted_at = timestamp(&self.data_invio_candidatura, &mut findings);
        let financed_on = date(&self.data_finanziamento, &mut findings);
        let cup = cup(&self.codice_cup, &mut findings);
        let window = whole("numero_finestra_temporale", &self.numero_finestra_temporale, &mut findings);
        let protocol = whole("numero_di_protocollo", &self.numero_di_protocollo, &mut findings).map(|n| n.to_string());
        Ok(FinancedApplication {
            ipa_code,
            ente,
            kind: EnteKind::from_open_data(&self.tipologia_ente),
            kind_as_published: self.tipologia_ente.trim().to_owned(),
            istat_code,
            call,
            measure,
            amount,
            submitted_at,
            financed_on,
            cup,
            window,
            protocol,
            status,
            findings,
        })
    }
}

#[cfg(test)]
mod tests {
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
        assert_eq!(
            Cents(0),
            OpenDataRow { importo_finanziamento: "0.0".into(), ..genova() }.validate().unwrap().amount
        );
    }
}
