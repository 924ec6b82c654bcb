//! Reading calls files in the PA digitale 2026 open-data format.

use super::Rejection;
use super::records::{Records, invalid};
use crate::StoreError;
use crate::batch::Value;
use cloudpa_domain::programme::call::{COLUMNS, Call};
use cloudpa_domain::programme::call_row::CallRow;
use cloudpa_domain::programme::quality::Finding;
use cloudpa_i18n::Lang;
use std::collections::HashMap;

/// A call read from a line of a calls file, with the findings of its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadCall {
    pub line: u64,
    pub call: Call,
    pub findings: Vec<Finding>,
}

/// Reads a calls file in the PA digitale 2026 open-data format: every data
/// row becomes a call with its data-quality findings ([`CallRow::read`]), or
/// a rejection with its line number when it names no call or names the
/// call of an earlier line again. A file that is not CSV at all, or lacks a
/// column, is one error.
pub fn read_calls(bytes: &[u8]) -> Result<(Vec<ReadCall>, Vec<Rejection>), StoreError> {
    let mut calls = Vec::new();
    let mut rejections = Vec::new();
    let mut lines: HashMap<String, u64> = HashMap::new();
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
            let (call, findings) = row.read().map_err(|e| r.error(Lang::En.text(&e.message())))?;
            Ok(ReadCall { line: r.line, call, findings })
        },
        |result| match result {
            Ok(read) => match lines.get(&read.call.id) {
                Some(first) => rejections.push(Rejection {
                    line: read.line,
                    reason: format!("titolo: the call of line {first} has the same title (its id `{}`)", read.call.id),
                }),
                None => {
                    lines.insert(read.call.id.clone(), read.line);
                    calls.push(read);
                }
            },
            Err(StoreError::Reference { line, reason, .. }) => rejections.push(Rejection { line, reason }),
            Err(other) => rejections.push(Rejection { line: 0, reason: other.to_string() }),
        },
    );
    Ok((calls, rejections))
}

/// The shipped calls file as reference data: every call it names, whatever
/// its findings (a test keeps the shipped file free of them; a refreshed
/// official file goes through `cloudpa import calls`, which records them).
pub(super) fn parse_calls(name: &'static str, bytes: &[u8]) -> Result<Vec<Vec<Value>>, StoreError> {
    let (calls, rejections) = read_calls(bytes)?;
    if let Some(first) = rejections.into_iter().next() {
        return Err(invalid(name, first.line, first.reason));
    }
    Ok(calls.iter().map(|read| crate::programme::calls::call_values(&read.call)).collect())
}
