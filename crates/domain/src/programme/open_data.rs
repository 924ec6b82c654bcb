//! One row of the PA digitale 2026 open data of financed applications
//! (`candidature_finanziate`): what it must hold to be imported.
//!
//! Source: DOMAIN.md §6 (the columns, a real sample of 400 rows) and §4
//! (status of a candidatura: A assegnato, R rinuncia, E erogato; CUP of 15
//! characters). Amounts are written like `4566860.0` and kept exact in cents.

use super::application::CallApplicationState;
use super::cup::Cup;
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

    fn from_open_data(text: &str) -> EnteKind {
        match text.trim().to_lowercase().as_str() {
            "comune" | "comuni" => EnteKind::Comune,
            "scuola" | "scuole" => EnteKind::Scuola,
            _ => EnteKind::AltroEnte,
        }
    }
}

/// A row that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinancedApplication {
    pub ipa_code: String,
    pub ente: String,
    pub kind: EnteKind,
    /// The municipality (ISTAT code) the ente is in — the ente itself for a Comune.
    pub istat_code: String,
    pub call: String,
    pub measure: String,
    pub amount: Cents,
    pub submitted_at: Option<DateTime<Utc>>,
    pub financed_on: Option<NaiveDate>,
    pub cup: Option<Cup>,
    pub window: Option<u32>,
    pub protocol: Option<String>,
    pub status: FundingStatus,
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

/// `1.0` → 1: the open data writes whole numbers as decimals.
fn whole(column: &'static str, value: &str) -> Result<Option<u32>, RowError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let digits = value.strip_suffix(".0").unwrap_or(value);
    digits.parse().map(Some).map_err(|_| refuse(column, format!("`{value}` is not a whole number")))
}

impl OpenDataRow {
    pub fn validate(&self) -> Result<FinancedApplication, RowError> {
        let istat_code = self.cod_comune.trim();
        if istat_code.len() != 6 || !istat_code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(refuse("cod_comune", format!("`{istat_code}` is not an ISTAT code of 6 digits")));
        }
        let amount =
            parse_euros(&self.importo_finanziamento).map_err(|e| refuse("importo_finanziamento", e.to_string()))?;
        if amount.0 < 0 {
            return Err(refuse("importo_finanziamento", format!("{} is negative", self.importo_finanziamento.trim())));
        }
        let submitted_at = match self.data_invio_candidatura.trim() {
            "" => None,
            text => Some(
                DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.3f%z")
                    .or_else(|_| DateTime::parse_from_rfc3339(text))
                    .map_err(|_| refuse("data_invio_candidatura", format!("`{text}` is not a timestamp")))?
                    .with_timezone(&Utc),
            ),
        };
        let financed_on = match self.data_finanziamento.trim() {
            "" => None,
            text => Some(
                NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map_err(|_| refuse("data_finanziamento", format!("`{text}` is not a date YYYY-MM-DD")))?,
            ),
        };
        let cup = match self.codice_cup.trim() {
            "" => None,
            text => Some(Cup::parse(text).map_err(|e| refuse("codice_cup", e.to_string()))?),
        };
        let protocol = whole("numero_di_protocollo", &self.numero_di_protocollo)?.map(|n| n.to_string());
        Ok(FinancedApplication {
            ipa_code: required("codice_ipa", &self.codice_ipa)?,
            ente: required("ente", &self.ente)?,
            kind: EnteKind::from_open_data(&self.tipologia_ente),
            istat_code: istat_code.to_owned(),
            call: required("avviso", &self.avviso)?,
            measure: required("misura", &self.misura)?,
            amount,
            submitted_at,
            financed_on,
            cup,
            window: whole("numero_finestra_temporale", &self.numero_finestra_temporale)?,
            protocol,
            status: FundingStatus::parse(&self.stato_candidatura)
                .ok_or_else(|| refuse("stato_candidatura", "must be A (assegnato), R (rinuncia) or E (erogato)"))?,
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
        assert_eq!(row.cup.unwrap().as_str(), "I71C22000110006");
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
    fn each_broken_column_is_named() {
        type Spoil = fn(&mut OpenDataRow);
        let cases: [(Spoil, &str); 7] = [
            (|r| r.importo_finanziamento = "-10.0".into(), "importo_finanziamento"),
            (|r| r.importo_finanziamento = "dieci".into(), "importo_finanziamento"),
            (|r| r.cod_comune = "10025".into(), "cod_comune"),
            (|r| r.stato_candidatura = "X".into(), "stato_candidatura"),
            (|r| r.codice_cup = "I71C2200011000".into(), "codice_cup"),
            (|r| r.data_finanziamento = "08/08/2022".into(), "data_finanziamento"),
            (|r| r.codice_ipa = " ".into(), "codice_ipa"),
        ];
        for (spoil, column) in cases {
            let mut row = genova();
            spoil(&mut row);
            assert_eq!(row.validate().unwrap_err().column, column);
        }
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
