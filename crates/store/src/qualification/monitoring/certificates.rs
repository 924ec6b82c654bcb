//! Certificates of a listing and the reminders sent before each ends.

use crate::audit::AuditEntry;
use crate::outbox::enqueue;
use crate::qualification::corrupt;
use crate::read::parse_date;
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::qualification::monitoring::certificates::{Certificate, Held, Standard};
use serde::Serialize;
use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

/// The topic of a reminder that a certificate ends soon.
pub const REMINDER_TOPIC: &str = "monitoring.certificate_reminder";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredCertificate {
    pub id: String,
    pub listing_id: String,
    pub standard: Standard,
    pub issuer: String,
    pub accreditation: String,
    pub number: String,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub recorded_by: String,
    pub recorded_at_ms: Millis,
}

impl StoredCertificate {
    /// What the domain's rules read of it.
    pub fn held(&self) -> Held {
        Held { standard: self.standard, valid_from: self.valid_from, valid_until: self.valid_until }
    }
}

/// A reminder owed (decided by the domain's `reminder_due`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertificateReminder {
    pub certificate_id: String,
    pub listing_id: String,
    pub provider_id: String,
    pub standard: Standard,
    pub valid_until: NaiveDate,
    pub days_before: u64,
}

const COLUMNS: &str = "id, listing_id, standard, issuer, accreditation, number, valid_from, valid_until, \
                       recorded_by, recorded_at_ms";

impl Store {
    /// Records a certificate of `listing_id`.
    pub async fn add_certificate(
        &self,
        actor: &Actor,
        listing_id: &str,
        c: &Certificate,
        recorded_by: &str,
        at: Millis,
    ) -> Result<StoredCertificate, StoreError> {
        let id = uuid::Uuid::now_v7().to_string();
        let statement = sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO certificates ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        )))
        .bind(&id)
        .bind(listing_id)
        .bind(c.standard.code())
        .bind(&c.issuer)
        .bind(&c.accreditation)
        .bind(&c.number)
        .bind(c.valid_from.to_string())
        .bind(c.valid_until.to_string())
        .bind(recorded_by)
        .bind(at);
        let entry = AuditEntry {
            actor,
            action: "certificate.add",
            subject: format!("listing:{listing_id}"),
            details: json!({ "certificate": id, "standard": c.standard.code(), "issuer": c.issuer,
                "accreditation": c.accreditation, "number": c.number, "valid_from": c.valid_from,
                "valid_until": c.valid_until }),
        };
        self.write_one(statement, |e| StoreError::during("record a certificate", e), entry, at).await?;
        Ok(StoredCertificate {
            id,
            listing_id: listing_id.into(),
            standard: c.standard,
            issuer: c.issuer.clone(),
            accreditation: c.accreditation.clone(),
            number: c.number.clone(),
            valid_from: c.valid_from,
            valid_until: c.valid_until,
            recorded_by: recorded_by.into(),
            recorded_at_ms: at,
        })
    }

    /// The certificates of a listing, the latest ending first.
    pub async fn listing_certificates(&self, listing_id: &str) -> Result<Vec<StoredCertificate>, StoreError> {
        let query = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM certificates WHERE listing_id = $1 ORDER BY valid_until DESC, id"
        )))
        .bind(listing_id);
        self.read_all(query, "list a listing's certificates", certificate_from_row).await
    }

    /// Every certificate, by listing (for the sweep).
    pub async fn all_certificates(&self) -> Result<Vec<StoredCertificate>, StoreError> {
        let query = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM certificates ORDER BY listing_id, valid_until DESC, id"
        )));
        self.read_all(query, "list the certificates", certificate_from_row).await
    }

    /// Records the reminders not sent yet, each with its notification;
    /// returns how many were new. One audit entry covers the sweep.
    pub async fn record_certificate_reminders(
        &self,
        reminders: &[CertificateReminder],
        at: Millis,
    ) -> Result<usize, StoreError> {
        let during = |e| StoreError::during("record certificate reminders", e);
        let mut tx = self.begin_write().await?;
        let mut sent = Vec::new();
        for r in reminders {
            let done = sqlx::query(
                "INSERT INTO certificate_reminders (certificate_id, days_before, sent_at_ms) VALUES ($1, $2, $3) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(&r.certificate_id)
            .bind(r.days_before as i64)
            .bind(at)
            .execute(tx.conn())
            .await
            .map_err(during)?;
            if done.rows_affected() == 1 {
                let payload = serde_json::to_value(r).map_err(|e| during(sqlx::Error::Encode(e.into())))?;
                enqueue(tx.conn(), REMINDER_TOPIC, &payload, at).await?;
                sent.push(json!({ "certificate": r.certificate_id, "days_before": r.days_before }));
            }
        }
        if sent.is_empty() {
            return Ok(0);
        }
        let count = sent.len();
        let entry = AuditEntry {
            actor: &Actor::system(),
            action: "certificate.reminders",
            subject: "monitoring".into(),
            details: json!({ "sent": sent }),
        };
        tx.commit(entry, at).await?;
        Ok(count)
    }
}

fn certificate_from_row(r: &AnyRow) -> Result<StoredCertificate, StoreError> {
    let during = |e| StoreError::during("read a certificate", e);
    let standard: String = r.try_get("standard").map_err(during)?;
    Ok(StoredCertificate {
        id: r.try_get("id").map_err(during)?,
        listing_id: r.try_get("listing_id").map_err(during)?,
        standard: Standard::parse(&standard).ok_or_else(|| corrupt("standard", &standard))?,
        issuer: r.try_get("issuer").map_err(during)?,
        accreditation: r.try_get("accreditation").map_err(during)?,
        number: r.try_get("number").map_err(during)?,
        valid_from: parse_date(&r.try_get::<String, _>("valid_from").map_err(during)?)?,
        valid_until: parse_date(&r.try_get::<String, _>("valid_until").map_err(during)?)?,
        recorded_by: r.try_get("recorded_by").map_err(during)?,
        recorded_at_ms: r.try_get("recorded_at_ms").map_err(during)?,
    })
}
