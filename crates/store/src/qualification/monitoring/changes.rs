//! Changes a provider notifies about a qualified service, and the agency's
//! triage of each.

use crate::audit::AuditEntry;
use crate::outbox::enqueue;
use crate::qualification::corrupt;
use crate::read::{optional_date, parse_date};
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::monitoring::changes::{ChangeKind, ChangeTriage};
use serde::Serialize;
use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

/// The topic of a change notified or triaged.
pub const CHANGE_TOPIC: &str = "monitoring.change";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotifiedChange {
    pub id: String,
    pub listing_id: String,
    pub kind: ChangeKind,
    pub summary: String,
    pub notified_on: NaiveDate,
    pub effective_on: NaiveDate,
    pub notified_by: String,
    pub triage: Option<ChangeTriage>,
    pub triage_motivation: Option<String>,
    pub triaged_by: Option<String>,
    pub triaged_on: Option<NaiveDate>,
}

const COLUMNS: &str = "id, listing_id, kind, summary, notified_on, effective_on, notified_by, triage, \
                       triage_motivation, triaged_by, triaged_on";

impl Store {
    /// Records a change notified by the provider of `listing_id`, with the
    /// agency's notification.
    pub async fn notify_change(
        &self,
        actor: &Actor,
        (listing_id, provider_id): (&str, &str),
        (kind, summary): (ChangeKind, &str),
        (notified_on, effective_on): (NaiveDate, NaiveDate),
        notified_by: &str,
        at: Millis,
    ) -> Result<NotifiedChange, StoreError> {
        let during = |e| StoreError::during("record a notified change", e);
        let id = uuid::Uuid::now_v7().to_string();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO monitoring_changes (id, listing_id, kind, summary, notified_on, effective_on, notified_by, \
             at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&id)
        .bind(listing_id)
        .bind(kind.code())
        .bind(summary)
        .bind(notified_on.to_string())
        .bind(effective_on.to_string())
        .bind(notified_by)
        .bind(at)
        .execute(tx.conn())
        .await
        .map_err(during)?;
        let payload = json!({ "change_id": id, "listing_id": listing_id, "provider_id": provider_id,
            "kind": kind.code(), "summary": summary, "effective_on": effective_on, "step": "notified" });
        enqueue(tx.conn(), CHANGE_TOPIC, &payload, at).await?;
        let entry = AuditEntry {
            actor,
            action: "monitoring.change",
            subject: format!("listing:{listing_id}"),
            details: json!({ "change": id, "kind": kind.code(), "summary": summary,
                "notified_on": notified_on, "effective_on": effective_on }),
        };
        tx.commit(entry, at).await?;
        self.notified_change(&id).await?.ok_or_else(|| StoreError::NotFound(Message::new("mon-no-change")))
    }

    /// Writes the agency's triage of change `id`, once (a second one is
    /// refused as frozen), with the provider's notification.
    pub async fn triage_change(
        &self,
        actor: &Actor,
        change: &NotifiedChange,
        provider_id: &str,
        (triage, motivation): (ChangeTriage, &str),
        (by, on): (&str, NaiveDate),
        at: Millis,
    ) -> Result<NotifiedChange, StoreError> {
        let during = |e| StoreError::during("triage a notified change", e);
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE monitoring_changes SET triage = $1, triage_motivation = $2, triaged_by = $3, triaged_on = $4 \
             WHERE id = $5 AND triage IS NULL",
        )
        .bind(triage.code())
        .bind(motivation)
        .bind(by)
        .bind(on.to_string())
        .bind(&change.id)
        .execute(tx.conn())
        .await
        .map_err(during)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Frozen(Message::new("mon-change-triaged")));
        }
        let payload = json!({ "change_id": change.id, "listing_id": change.listing_id, "provider_id": provider_id,
            "kind": change.kind.code(), "summary": change.summary, "triage": triage.code(), "step": "triaged" });
        enqueue(tx.conn(), CHANGE_TOPIC, &payload, at).await?;
        let entry = AuditEntry {
            actor,
            action: "monitoring.triage",
            subject: format!("listing:{}", change.listing_id),
            details: json!({ "change": change.id, "triage": triage.code(), "motivation": motivation }),
        };
        tx.commit(entry, at).await?;
        self.notified_change(&change.id).await?.ok_or_else(|| StoreError::NotFound(Message::new("mon-no-change")))
    }

    pub async fn notified_change(&self, id: &str) -> Result<Option<NotifiedChange>, StoreError> {
        let query = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM monitoring_changes WHERE id = $1")))
            .bind(id);
        self.read_one(query, "read a notified change", change_from_row).await
    }

    /// The changes notified for a listing, the latest first.
    pub async fn listing_changes(&self, listing_id: &str) -> Result<Vec<NotifiedChange>, StoreError> {
        let query = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM monitoring_changes WHERE listing_id = $1 ORDER BY notified_on DESC, id DESC"
        )))
        .bind(listing_id);
        self.read_all(query, "list a listing's notified changes", change_from_row).await
    }

    /// The changes the agency has not triaged yet, the oldest first.
    pub async fn untriaged_changes(&self) -> Result<Vec<NotifiedChange>, StoreError> {
        let query = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM monitoring_changes WHERE triage IS NULL ORDER BY notified_on, id"
        )));
        self.read_all(query, "list the changes to triage", change_from_row).await
    }
}

fn change_from_row(r: &AnyRow) -> Result<NotifiedChange, StoreError> {
    let during = |e| StoreError::during("read a notified change", e);
    let kind: String = r.try_get("kind").map_err(during)?;
    let triage: Option<String> = r.try_get("triage").map_err(during)?;
    Ok(NotifiedChange {
        id: r.try_get("id").map_err(during)?,
        listing_id: r.try_get("listing_id").map_err(during)?,
        kind: ChangeKind::parse(&kind).ok_or_else(|| corrupt("change kind", &kind))?,
        summary: r.try_get("summary").map_err(during)?,
        notified_on: parse_date(&r.try_get::<String, _>("notified_on").map_err(during)?)?,
        effective_on: parse_date(&r.try_get::<String, _>("effective_on").map_err(during)?)?,
        notified_by: r.try_get("notified_by").map_err(during)?,
        triage: triage.map(|t| ChangeTriage::parse(&t).ok_or_else(|| corrupt("triage", &t))).transpose()?,
        triage_motivation: r.try_get("triage_motivation").map_err(during)?,
        triaged_by: r.try_get("triaged_by").map_err(during)?,
        triaged_on: optional_date(r, "triaged_on", during)?,
    })
}
