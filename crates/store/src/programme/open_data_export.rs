//! The financed applications as the PA digitale 2026 open data publishes
//! them: one row per ente and call, in the published file's columns and
//! formats ([`cloudpa_domain::programme::open_data_format`]), the ente where
//! its municipality is today. What this writes, the import reads back as the
//! same records.

use crate::{Store, StoreError};
use chrono::DateTime;
use cloudpa_domain::money::Cents;
use cloudpa_domain::programme::open_data::{EnteKind, FundingStatus};
use cloudpa_domain::programme::open_data_format::{amount, submitted_at, whole};
use sqlx::Row;

/// The rows of both kinds of financed application: imported, and made on
/// cloudpa once the decree gave them a status.
const ROWS: &str = "SELECT o.ipa_code, o.name AS ente_name, m.name AS municipality, m.istat_code, m.province_code, \
     m.region, m.region_code, a.amount_cents, a.call_title, a.submitted_at, a.financed_on, a.cup, a.time_window, \
     a.protocol, a.status, a.measure, a.published_kind, e.kind \
     FROM (SELECT organisation_id, amount_cents, call_title, submitted_at, financed_on, cup, time_window, protocol, \
                  status, measure, published_kind FROM financed_applications \
           UNION ALL \
           SELECT organisation_id, amount_cents, call_title, submitted_at, financed_on, cup, time_window, \
                  NULL AS protocol, status, measure, NULL AS published_kind \
           FROM call_applications WHERE status IS NOT NULL) a \
     JOIN organisations o ON o.id = a.organisation_id JOIN enti e ON e.organisation_id = a.organisation_id \
     JOIN municipalities m ON m.istat_code = e.istat_code \
     ORDER BY o.ipa_code, a.call_title";

fn published(r: &sqlx::any::AnyRow) -> Result<Vec<String>, StoreError> {
    let during = |e| StoreError::during("write the open data", e);
    let text = |column: &str| r.try_get::<Option<String>, _>(column).map(Option::unwrap_or_default).map_err(during);
    let istat = text("istat_code")?;
    let kind = text("kind")?;
    let status = text("status")?;
    let submitted = text("submitted_at")?;
    let submitted = match DateTime::parse_from_rfc3339(&submitted) {
        Ok(at) => submitted_at(at.to_utc()),
        Err(_) => submitted,
    };
    let number = |column: &str| -> Result<String, StoreError> {
        let n: Option<i64> = r.try_get(column).map_err(during)?;
        Ok(n.and_then(|n| u32::try_from(n).ok()).map(whole).unwrap_or_default())
    };
    let protocol = text("protocol")?;
    let protocol = protocol.parse::<u32>().map(whole).unwrap_or(protocol);
    let published_kind = match text("published_kind")? {
        k if k.is_empty() => EnteKind::parse(&kind).map(EnteKind::published).unwrap_or_default().to_owned(),
        k => k,
    };
    Ok(vec![
        text("ipa_code")?,
        text("ente_name")?,
        text("municipality")?,
        istat.clone(),
        text("province_code")?,
        istat.get(..3).unwrap_or_default().to_owned(),
        text("region")?,
        text("region_code")?,
        amount(Cents(r.try_get("amount_cents").map_err(during)?)),
        text("call_title")?,
        submitted,
        text("financed_on")?,
        text("cup")?,
        number("time_window")?,
        protocol,
        FundingStatus::parse(&status).map_or(status, |s| s.code().to_owned()),
        text("measure")?,
        published_kind,
    ])
}

impl Store {
    /// Every financed application, a row each in the published file's columns.
    pub async fn open_data_rows(&self) -> Result<Vec<Vec<String>>, StoreError> {
        self.read_all(sqlx::query(ROWS), "write the open data", published).await
    }
}
