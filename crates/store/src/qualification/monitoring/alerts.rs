//! The agency's alerts: one open per listing and requirement while the
//! listing's certificates leave it unmet, closed on the day they meet it
//! again.

use crate::audit::AuditEntry;
use crate::outbox::enqueue;
use crate::read::{optional_date, parse_date};
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

/// The topic of an alert opened.
pub const ALERT_TOPIC: &str = "monitoring.alert";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alert {
    pub id: String,
    pub listing_id: String,
    /// The level whose requirement is unmet (QC1–QC4).
    pub level: String,
    /// The requirement's key (its alternatives' codes).
    pub requirement: String,
    /// The paragraph that states it.
    pub reference: String,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
}

/// A requirement unmet on the day of a sweep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub requirement: String,
    pub reference: String,
}

const COLUMNS: &str = "id, listing_id, level, requirement, reference, opened_on, closed_on";

impl Store {
    /// Brings the open alerts of `listing_id` in line with `gaps` on `on`:
    /// opens one (with its notification) for each gap without one, closes
    /// those whose requirement is met again. Returns the alerts opened.
    pub async fn sync_alerts(
        &self,
        (listing_id, provider_id, level): (&str, &str, &str),
        gaps: &[Gap],
        on: NaiveDate,
        at: Millis,
    ) -> Result<Vec<Alert>, StoreError> {
        let during = |e| StoreError::during("bring a listing's alerts up to date", e);
        let open: Vec<Alert> =
            self.listing_alerts(listing_id).await?.into_iter().filter(|a| a.closed_on.is_none()).collect();
        let to_close: Vec<&Alert> =
            open.iter().filter(|a| !gaps.iter().any(|g| g.requirement == a.requirement)).collect();
        let to_open: Vec<&Gap> = gaps.iter().filter(|g| !open.iter().any(|a| a.requirement == g.requirement)).collect();
        if to_close.is_empty() && to_open.is_empty() {
            return Ok(Vec::new());
        }
        let mut tx = self.begin_write().await?;
        for alert in &to_close {
            sqlx::query("UPDATE monitoring_alerts SET closed_on = $1 WHERE id = $2 AND closed_on IS NULL")
                .bind(on.to_string())
                .bind(&alert.id)
                .execute(tx.conn())
                .await
                .map_err(during)?;
        }
        let mut opened = Vec::new();
        for gap in to_open {
            let alert = Alert {
                id: uuid::Uuid::now_v7().to_string(),
                listing_id: listing_id.into(),
                level: level.into(),
                requirement: gap.requirement.clone(),
                reference: gap.reference.clone(),
                opened_on: on,
                closed_on: None,
            };
            let inserted = sqlx::query(sqlx::AssertSqlSafe(format!(
                "INSERT INTO monitoring_alerts ({COLUMNS}, at_ms) VALUES ($1, $2, $3, $4, $5, $6, NULL, $7) \
                 ON CONFLICT DO NOTHING"
            )))
            .bind(&alert.id)
            .bind(listing_id)
            .bind(level)
            .bind(&alert.requirement)
            .bind(&alert.reference)
            .bind(on.to_string())
            .bind(at)
            .execute(tx.conn())
            .await
            .map_err(during)?;
            if inserted.rows_affected() == 0 {
                continue;
            }
            let payload = json!({ "alert_id": alert.id, "listing_id": listing_id, "provider_id": provider_id,
                "level": level, "requirement": alert.requirement, "reference": alert.reference, "on": on });
            enqueue(tx.conn(), ALERT_TOPIC, &payload, at).await?;
            opened.push(alert);
        }
        let entry = AuditEntry {
            actor: &Actor::system(),
            action: "monitoring.alerts",
            subject: format!("listing:{listing_id}"),
            details: json!({ "opened": opened.iter().map(|a| &a.requirement).collect::<Vec<_>>(),
                "closed": to_close.iter().map(|a| &a.requirement).collect::<Vec<_>>(), "on": on }),
        };
        tx.commit(entry, at).await?;
        Ok(opened)
    }

    /// The alerts of a listing, the latest first.
    pub async fn listing_alerts(&self, listing_id: &str) -> Result<Vec<Alert>, StoreError> {
        let query = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM monitoring_alerts WHERE listing_id = $1 ORDER BY opened_on DESC, id DESC"
        )))
        .bind(listing_id);
        self.read_all(query, "list a listing's alerts", alert_from_row).await
    }

    /// Every open alert, the oldest first.
    pub async fn open_alerts(&self) -> Result<Vec<Alert>, StoreError> {
        let query = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM monitoring_alerts WHERE closed_on IS NULL ORDER BY opened_on, id"
        )));
        self.read_all(query, "list the open alerts", alert_from_row).await
    }

    pub async fn alert(&self, id: &str) -> Result<Option<Alert>, StoreError> {
        let query =
            sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM monitoring_alerts WHERE id = $1"))).bind(id);
        self.read_one(query, "read an alert", alert_from_row).await
    }
}

fn alert_from_row(r: &AnyRow) -> Result<Alert, StoreError> {
    let during = |e| StoreError::during("read an alert", e);
    Ok(Alert {
        id: r.try_get("id").map_err(during)?,
        listing_id: r.try_get("listing_id").map_err(during)?,
        level: r.try_get("level").map_err(during)?,
        requirement: r.try_get("requirement").map_err(during)?,
        reference: r.try_get("reference").map_err(during)?,
        opened_on: parse_date(&r.try_get::<String, _>("opened_on").map_err(during)?)?,
        closed_on: optional_date(r, "closed_on", during)?,
    })
}
