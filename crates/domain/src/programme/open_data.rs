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
use super::quality::{Finding, Rule, read_date};
use crate::message::Message;
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
#[error("{}", self.message())]
pub struct RowError {
    pub column: &'static str,
    pub rule: Message,
}

impl RowError {
    pub fn message(&self) -> Message {
        Message::new("prog-row").arg("column", self.column).arg("rule", self.rule.clone())
    }
}

fn refuse(column: &'static str, rule: Message) -> RowError {
    RowError { column, rule }
}

fn required(column: &'static str, value: &str) -> Result<String, RowError> {
    match value.trim() {
        "" => Err(refuse(column, Message::new("prog-row-required"))),
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
        findings.push(Finding::new(column, Rule::WholeNumber, value, ""));
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
            findings.push(Finding::new("data_invio_candidatura", Rule::TimestampFormat, text, ""));
            None
        }
    }
}

fn cup(value: &str, findings: &mut Vec<Finding>) -> Option<String> {
    let text = value.trim();
    if text.is_empty() {
        return None;
    }
    if Cup::parse(text).is_err() {
        findings.push(Finding::new("codice_cup", Rule::CupShape, text, ""));
    }
    Some(text.to_ascii_uppercase())
}

impl OpenDataRow {
    pub fn validate(&self) -> Result<FinancedApplication, RowError> {
        let mut findings = Vec::new();
        let amount =
            parse_euros(&self.importo_finanziamento).map_err(|e| refuse("importo_finanziamento", e.message()))?;
        // A negative amount financed would subtract from every total.
        if amount.0 < 0 {
            let rule = Message::new("prog-row-negative").arg("amount", self.importo_finanziamento.trim());
            return Err(refuse("importo_finanziamento", rule));
        }
        let status = FundingStatus::parse(&self.stato_candidatura)
            .ok_or_else(|| refuse("stato_candidatura", Message::new("prog-row-status")))?;
        let (ipa_code, call) = (required("codice_ipa", &self.codice_ipa)?, required("avviso", &self.avviso)?);
        let (ente, measure) = (required("ente", &self.ente)?, required("misura", &self.misura)?);
        if required("cod_comune", &self.cod_comune).is_err() {
            return Err(refuse("cod_comune", Message::new("prog-row-istat-required")));
        }
        let istat_code = istat(&self.cod_comune, &mut findings);
        let submitted_at = timestamp(&self.data_invio_candidatura, &mut findings);
        let financed_on = read_date("data_finanziamento", &self.data_finanziamento, &mut findings);
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
mod tests;
