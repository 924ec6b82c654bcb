//! Calls (avvisi) as published in the PA digitale 2026 open data.

use crate::money::{AmountError, Cents, parse_euros};
use chrono::NaiveDate;
use serde::Serialize;

/// The tariff code of the Avviso 1.2 Comuni lump sum (DOMAIN.md §4).
pub const COMUNI_1_2_TARIFF: &str = "avviso-1.2-comuni";

/// A call, as listed in `padigitale2026_avvisi.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Call {
    pub id: String,
    pub title: String,
    pub measure: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub status: String,
    pub budget: Cents,
    pub measure_budget: Cents,
    pub targets: Vec<String>,
}

/// One row of the calls file, as text.
#[derive(Debug, Clone, Default)]
pub struct CallRow<'a> {
    pub title: &'a str,
    pub measure: &'a str,
    pub opens_on: &'a str,
    pub closes_on: &'a str,
    pub status: &'a str,
    pub budget: &'a str,
    pub measure_budget: &'a str,
    pub targets: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    #[error("field `{0}` is empty")]
    Missing(&'static str),
    #[error("field `{field}`: `{value}` is not a date (YYYY-MM-DD)")]
    Date { field: &'static str, value: String },
    #[error("field `{field}`: {source}")]
    Amount { field: &'static str, source: AmountError },
    #[error("the call closes ({closes_on}) before it opens ({opens_on})")]
    ClosesBeforeOpening { opens_on: NaiveDate, closes_on: NaiveDate },
}

impl Call {
    /// Validates one row of the open-data calls file.
    pub fn from_row(row: &CallRow<'_>) -> Result<Call, CallError> {
        let required = |field, value: &str| {
            let v = value.trim();
            if v.is_empty() { Err(CallError::Missing(field)) } else { Ok(v.to_owned()) }
        };
        let date = |field, value: &str| {
            NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
                .map_err(|_| CallError::Date { field, value: value.to_owned() })
        };
        let amount = |field, value: &str| parse_euros(value).map_err(|source| CallError::Amount { field, source });
        let title = required("titolo", row.title)?;
        let opens_on = date("data_inizio_bando", row.opens_on)?;
        let closes_on = date("data_fine_bando", row.closes_on)?;
        if closes_on < opens_on {
            return Err(CallError::ClosesBeforeOpening { opens_on, closes_on });
        }
        Ok(Call {
            id: slug(&title),
            measure: required("misura", row.measure)?,
            status: required("stato", row.status)?,
            budget: amount("totale_importo_stanziato", row.budget)?,
            measure_budget: amount("totale_importo_misura", row.measure_budget)?,
            targets: row.targets.split(';').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect(),
            title,
            opens_on,
            closes_on,
        })
    }

    /// The voucher tariff that applies to applications to this call, if any:
    /// every call of Misura 1.2 addressed to Comuni uses the lump-sum tariff.
    pub fn voucher_tariff(&self) -> Option<&'static str> {
        let is_1_2 = self.measure.starts_with("1.2 ");
        let for_comuni = self.targets.iter().any(|t| t == "Comuni");
        (is_1_2 && for_comuni).then_some(COMUNI_1_2_TARIFF)
    }
}

/// A stable, readable identifier from a title: lower-case ASCII letters and
/// digits joined by single dashes (`1.2 Abilitazione al Cloud - Comuni -
/// luglio 2025` → `1-2-abilitazione-al-cloud-comuni-luglio-2025`).
pub fn slug(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for ch in title.chars().flat_map(fold_accent) {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn fold_accent(ch: char) -> Option<char> {
    Some(match ch {
        'à' | 'á' | 'À' | 'Á' => 'a',
        'è' | 'é' | 'È' | 'É' => 'e',
        'ì' | 'í' | 'Ì' | 'Í' => 'i',
        'ò' | 'ó' | 'Ò' | 'Ó' => 'o',
        'ù' | 'ú' | 'Ù' | 'Ú' => 'u',
        '\'' | '’' => return None,
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> CallRow<'static> {
        CallRow {
            title: "1.2 Abilitazione al Cloud - Comuni - luglio 2025",
            measure: "1.2 Abilitazione e facilitazione migrazione al Cloud",
            opens_on: "2025-07-17",
            closes_on: "2025-09-12",
            status: "TERMINATO",
            budget: "11179383.0",
            measure_budget: "987000000.0",
            targets: "Comuni",
        }
    }

    #[test]
    fn reads_a_comuni_call_with_the_lump_sum_tariff() {
        let call = Call::from_row(&row()).unwrap();
        assert_eq!(call.id, "1-2-abilitazione-al-cloud-comuni-luglio-2025");
        assert_eq!(call.budget, Cents::from_euros(11_179_383));
        assert_eq!(call.voucher_tariff(), Some(COMUNI_1_2_TARIFF));
    }

    #[test]
    fn other_targets_and_measures_have_no_lump_sum() {
        let schools = Call::from_row(&CallRow { targets: "Scuole", ..row() }).unwrap();
        assert_eq!(schools.voucher_tariff(), None);
        let pdnd = Call::from_row(&CallRow { measure: "1.3.1 Piattaforma Digitale Nazionale Dati", ..row() }).unwrap();
        assert_eq!(pdnd.voucher_tariff(), None);
    }

    #[test]
    fn rejects_bad_rows_naming_the_field() {
        assert_eq!(Call::from_row(&CallRow { title: " ", ..row() }), Err(CallError::Missing("titolo")));
        assert!(matches!(
            Call::from_row(&CallRow { opens_on: "17/07/2025", ..row() }),
            Err(CallError::Date { field: "data_inizio_bando", .. })
        ));
        assert!(matches!(
            Call::from_row(&CallRow { budget: "11,2", ..row() }),
            Err(CallError::Amount { field: "totale_importo_stanziato", .. })
        ));
        assert!(matches!(
            Call::from_row(&CallRow { closes_on: "2025-01-01", ..row() }),
            Err(CallError::ClosesBeforeOpening { .. })
        ));
    }

    #[test]
    fn slugs_are_ascii_and_stable() {
        assert_eq!(
            slug("1.1 e 1.2 'Infrastrutture digitali' - ASL/AO -marzo 2023"),
            "1-1-e-1-2-infrastrutture-digitali-asl-ao-marzo-2023"
        );
        assert_eq!(slug("Identità digitale"), "identita-digitale");
    }
}
