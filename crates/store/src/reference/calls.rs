//! Reading calls files in the PA digitale 2026 open-data format.

use super::Rejection;
use super::records::{Records, invalid};
use crate::StoreError;
use crate::batch::Value;
use cloudpa_domain::programme::call::{COLUMNS, Call, CallRow};
use cloudpa_i18n::Lang;

/// Reads a calls file in the PA digitale 2026 open-data format: every data
/// row becomes a call or a rejection with its line number. A file that is
/// not CSV at all, or lacks a column, is one error.
pub fn read_calls(bytes: &[u8]) -> Result<(Vec<Call>, Vec<Rejection>), StoreError> {
    let mut calls = Vec::new();
    let mut rejections = Vec::new();
    let records = Records::new("calls", bytes)?;
    for column in COLUMNS {
        if !records.headers.iter().any(|h| h == column) {
            return Err(invalid("calls", 1, format!("column `{column}` is missing")));
        }
    }
    records.for_each_lenient(
        |r| {
            let row = CallRow {
                title: r.get("titolo")?,
                measure: r.get("misura")?,
                opens_on: r.get("data_inizio_bando")?,
                closes_on: r.get("data_fine_bando")?,
                status: r.get("stato")?,
                budget: r.get("totale_importo_stanziato")?,
                measure_budget: r.get("totale_importo_misura")?,
                targets: r.get("soggetti_destinatari")?,
            };
            Call::from_row(&row).map_err(|e| r.error(Lang::En.text(&e.message())))
        },
        |result| match result {
            Ok(call) => calls.push(call),
            Err(StoreError::Reference { line, reason, .. }) => rejections.push(Rejection { line, reason }),
            Err(other) => rejections.push(Rejection { line: 0, reason: other.to_string() }),
        },
    );
    Ok((calls, rejections))
}

pub(super) fn parse_calls(name: &'static str, bytes: &[u8]) -> Result<Vec<Vec<Value>>, StoreError> {
    let (calls, rejections) = read_calls(bytes)?;
    if let Some(first) = rejections.into_iter().next() {
        return Err(invalid(name, first.line, first.reason));
    }
    Ok(calls.iter().map(crate::programme::calls::call_values).collect())
}
