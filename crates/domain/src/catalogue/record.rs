//! One row of a catalogue file: a provider's service with its qualification
//! history, as the agency's catalogue lists it (DOMAIN.md §3: provider,
//! service, type, level, characteristics, service levels, pricing model,
//! procurement channel, infrastructure, data location).
//!
//! The history is written `qualified:2023-01-10;suspended:2024-03-01;…`: each
//! status with the date it took effect. It must read as a real history: it
//! starts with a qualification, dates never go back, nothing follows a
//! revocation, nothing is later than the date of the import.
//!
//! A row is taken when it identifies its listing and can place it (ADR 0013):
//! a provider's VAT number of 11 digits and name, the service's name, type,
//! level, infrastructure, data locations and history. A VAT number with a
//! wrong office code or check digit, or a service level that is not one, is
//! kept as published (the level left out) with a data-quality [`Finding`].

use crate::message::Message;
use crate::programme::quality::{Finding, Rule};
use crate::qualification::history::{History, ListingStatus};
use crate::qualification::levels::Level;
use crate::qualification::listing::DataLocation;
use crate::qualification::requirements::ServiceKind;
use crate::qualification::vat::{VatError, check_vat_number};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The columns of a catalogue file, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct RawRecord {
    pub provider_vat: String,
    pub provider_name: String,
    #[serde(default)]
    pub provider_pec: String,
    pub infrastructure: String,
    pub infrastructure_location: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub level: String,
    pub category: String,
    #[serde(default)]
    pub description: String,
    pub data_location: String,
    #[serde(default)]
    pub pricing_model: String,
    #[serde(default)]
    pub procurement_channel: String,
    #[serde(default)]
    pub service_levels: String,
    pub history: String,
}

/// A row that identifies its listing, with the findings of its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueRecord {
    pub provider_vat: String,
    pub provider_name: String,
    pub provider_pec: String,
    pub infrastructure: String,
    pub infrastructure_location: DataLocation,
    pub name: String,
    pub kind: ServiceKind,
    pub level: Level,
    pub category: String,
    pub description: String,
    pub data_location: DataLocation,
    pub pricing_model: String,
    pub procurement_channel: String,
    /// Objective per indicator code (`SLI1` → `99.9%`).
    pub service_levels: BTreeMap<String, String>,
    pub history: Vec<(ListingStatus, NaiveDate)>,
    /// The fields kept as published although they break their rule.
    pub findings: Vec<Finding>,
}

/// Why a row is refused: the column and the rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{column}: {rule}")]
pub struct RecordError {
    pub column: &'static str,
    pub rule: Message,
}

fn refuse(column: &'static str, rule: Message) -> RecordError {
    RecordError { column, rule }
}

fn required(column: &'static str, value: &str, max_chars: usize) -> Result<String, RecordError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(refuse(column, Message::new("qual-required")));
    }
    optional(column, value, max_chars)
}

fn optional(column: &'static str, value: &str, max_chars: usize) -> Result<String, RecordError> {
    let value = value.trim();
    if value.chars().count() > max_chars {
        return Err(refuse(column, Message::new("qual-too-long").arg("max", max_chars)));
    }
    Ok(value.to_owned())
}

fn location(column: &'static str, value: &str) -> Result<DataLocation, RecordError> {
    DataLocation::parse(value.trim()).ok_or_else(|| refuse(column, Message::new("qual-location")))
}

impl RawRecord {
    /// Checks the row against the rules of the catalogue; `as_of` is the
    /// date of the import (no status may start after it).
    pub fn validate(&self, as_of: NaiveDate) -> Result<CatalogueRecord, RecordError> {
        let mut findings = Vec::new();
        let provider_vat = vat_number(&self.provider_vat, &mut findings)?;
        let service_levels = service_levels(&self.service_levels, &mut findings);
        Ok(CatalogueRecord {
            provider_vat,
            provider_name: required("provider_name", &self.provider_name, 200)?,
            provider_pec: optional("provider_pec", &self.provider_pec, 200)?,
            infrastructure: required("infrastructure", &self.infrastructure, 200)?,
            infrastructure_location: location("infrastructure_location", &self.infrastructure_location)?,
            name: required("name", &self.name, 200)?,
            kind: ServiceKind::parse(self.kind.trim()).ok_or_else(|| refuse("type", Message::new("qual-kind")))?,
            level: self.level.parse().map_err(|_| refuse("level", Message::new("qual-level")))?,
            category: required("category", &self.category, 100)?,
            description: optional("description", &self.description, 4000)?,
            data_location: location("data_location", &self.data_location)?,
            pricing_model: optional("pricing_model", &self.pricing_model, 200)?,
            procurement_channel: optional("procurement_channel", &self.procurement_channel, 200)?,
            service_levels,
            history: history(&self.history, as_of)?,
            findings,
        })
    }
}

/// The VAT number's 11 digits (an `IT` prefix and spaces dropped): a number
/// of another length cannot name a provider; a wrong office code or check
/// digit is kept with a finding.
fn vat_number(text: &str, findings: &mut Vec<Finding>) -> Result<String, RecordError> {
    match check_vat_number(text) {
        Ok(digits) => Ok(digits),
        Err(VatError::Length) => Err(refuse("provider_vat", VatError::Length.message())),
        Err(_) => {
            let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            let digits = compact.strip_prefix("IT").unwrap_or(&compact).to_owned();
            findings.push(Finding::new("provider_vat", Rule::VatCheck, text.trim(), ""));
            Ok(digits)
        }
    }
}

/// `SLI1=99.9%;SLI4=4h`: indicator codes and objectives. A part that is not
/// a pair of a numbered code and an objective, or names a code twice, is
/// left out with a finding (whether a code is in the AgID table is checked
/// against the database).
fn service_levels(text: &str, findings: &mut Vec<Finding>) -> BTreeMap<String, String> {
    let mut levels = BTreeMap::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let pair = part.split_once('=').map(|(c, o)| (c.trim(), o.trim())).filter(|(c, o)| {
            let numbered =
                c.strip_prefix("SLI").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            numbered && !o.is_empty()
        });
        match pair {
            Some((code, objective)) if !levels.contains_key(code) => {
                levels.insert(code.to_owned(), objective.to_owned());
            }
            _ => findings.push(Finding::new("service_levels", Rule::ServiceLevel, part, "")),
        }
    }
    levels
}

/// Reads and checks a history (see the module documentation).
pub fn history(text: &str, as_of: NaiveDate) -> Result<Vec<(ListingStatus, NaiveDate)>, RecordError> {
    let mut steps = Vec::new();
    let mut chain = History::default();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (status, date) = part
            .split_once(':')
            .ok_or_else(|| refuse("history", Message::new("qual-record-step").arg("part", part)))?;
        let status = ListingStatus::parse(status.trim())
            .ok_or_else(|| refuse("history", Message::new("qual-record-status").arg("status", status.trim())))?;
        let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
            .map_err(|_| refuse("history", Message::new("qual-record-date").arg("date", date.trim())))?;
        if steps.is_empty() && status != ListingStatus::Qualified {
            return Err(refuse("history", Message::new("qual-record-first")));
        }
        if date > as_of {
            return Err(refuse(
                "history",
                Message::new("qual-record-after-import").arg("date", date).arg("as_of", as_of),
            ));
        }
        chain.open(status, date, None).map_err(|e| refuse("history", e.message()))?;
        steps.push((status, date));
    }
    if steps.is_empty() {
        return Err(refuse("history", Message::new("qual-required")));
    }
    Ok(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn row() -> RawRecord {
        RawRecord {
            provider_vat: "IT 12345670017".into(),
            provider_name: "Nuvola Srl".into(),
            infrastructure: "DC Milano".into(),
            infrastructure_location: "IT".into(),
            name: "Posta elettronica".into(),
            kind: "SaaS".into(),
            level: "QC2".into(),
            category: "Collaborazione".into(),
            data_location: "EU".into(),
            service_levels: "SLI1=99.9%; SLI4=4h".into(),
            history: "qualified:2023-01-10;suspended:2024-03-01;qualified:2024-05-02".into(),
            ..RawRecord::default()
        }
    }

    #[test]
    fn a_complete_row_is_accepted() {
        let record = row().validate(day("2026-01-01")).unwrap();
        assert_eq!(record.provider_vat, "12345670017");
        assert_eq!(record.level, Level::QC2);
        assert_eq!(record.service_levels["SLI4"], "4h");
        assert_eq!(record.history.len(), 3);
        assert_eq!(record.history[1], (ListingStatus::Suspended, day("2024-03-01")));
        assert!(record.findings.is_empty());
    }

    #[test]
    fn a_field_that_does_not_place_the_listing_is_kept_with_a_finding() {
        let mut raw = row();
        raw.provider_vat = "IT 12345670018".into();
        raw.service_levels = "SLI1=99.9%; uptime=99%; SLI1=98%; SLI4".into();
        let record = raw.validate(day("2026-01-01")).unwrap();
        assert_eq!(record.provider_vat, "12345670018");
        assert_eq!(record.service_levels.len(), 1);
        let found: Vec<(&str, Rule, &str)> =
            record.findings.iter().map(|f| (f.field, f.rule, f.value.as_str())).collect();
        assert_eq!(
            found,
            [
                ("provider_vat", Rule::VatCheck, "IT 12345670018"),
                ("service_levels", Rule::ServiceLevel, "uptime=99%"),
                ("service_levels", Rule::ServiceLevel, "SLI1=98%"),
                ("service_levels", Rule::ServiceLevel, "SLI4"),
            ]
        );
    }

    #[test]
    fn each_bad_column_is_named() {
        type Spoil = fn(&mut RawRecord);
        let cases: [(Spoil, &str); 6] = [
            (|r| r.provider_vat = "1234567001".into(), "provider_vat"),
            (|r| r.name = " ".into(), "name"),
            (|r| r.kind = "DaaS".into(), "type"),
            (|r| r.level = "QC5".into(), "level"),
            (|r| r.data_location = "US".into(), "data_location"),
            (|r| r.history = String::new(), "history"),
        ];
        for (spoil, column) in cases {
            let mut raw = row();
            spoil(&mut raw);
            assert_eq!(raw.validate(day("2026-01-01")).unwrap_err().column, column);
        }
    }

    #[test]
    fn a_history_must_read_as_one() {
        let as_of = day("2026-01-01");
        assert_eq!(history("suspended:2024-01-01", as_of).unwrap_err().rule, Message::new("qual-record-first"));
        assert!(history("qualified:2024-01-01;suspended:2023-01-01", as_of).is_err());
        assert!(history("qualified:2024-01-01;revoked:2024-02-01;qualified:2024-03-01", as_of).is_err());
        assert_eq!(
            history("qualified:2026-01-02", as_of).unwrap_err().rule,
            Message::new("qual-record-after-import").arg("date", day("2026-01-02")).arg("as_of", as_of)
        );
        assert!(history("qualified:2026-01-01", as_of).is_ok());
        assert_eq!(
            history("qualified:2024-13-01", as_of).unwrap_err().rule,
            Message::new("qual-record-date").arg("date", "2024-13-01")
        );
        assert!(history("approved:2024-01-01", as_of).is_err());
    }
}
