//! The catalogue's change log: one event per status a listing enters and per
//! published change of its details, written in the transaction that makes
//! the change (topic `catalogue.change` of the outbox). The search index
//! follows it by sequence number; the public change feed and the Atom feed
//! read it by time.

use crate::outbox::CATALOGUE_TOPIC;
use crate::read::parse_date;
use crate::{Millis, Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::qualification::history::ListingStatus;
use serde::{Deserialize, Serialize};
use sqlx::Row;

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The listing entered a status (qualified, suspended, revoked, expired).
    Status,
    /// A new version of its details was published without a new review.
    Details,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueChange {
    pub listing_id: String,
    pub change: ChangeKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ListingStatus>,
    /// The date the status took effect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision_id: Option<String>,
    pub version: i64,
}

/// A change with its place in the log and the moment it was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordedChange {
    pub seq: i64,
    pub recorded_at_ms: Millis,
    #[serde(flatten)]
    pub change: CatalogueChange,
}

/// A status a listing entered, with the listing's name and provider: a line
/// of the "what changed" page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusChange {
    pub listing_id: String,
    pub name: String,
    pub provider_id: String,
    pub provider_name: String,
    pub status: ListingStatus,
    pub on: NaiveDate,
    pub decision_id: Option<String>,
}

impl Store {
    /// Changes recorded after sequence number `after`, oldest first.
    pub async fn catalogue_changes_after(&self, after: i64, limit: i64) -> Result<Vec<RecordedChange>, StoreError> {
        let query = sqlx::query(
            "SELECT id, created_at_ms, payload FROM outbox WHERE topic = $1 AND id > $2 ORDER BY id LIMIT $3",
        )
        .bind(CATALOGUE_TOPIC)
        .bind(after)
        .bind(limit);
        self.read_all(query, "read the catalogue's changes after a sequence number", recorded).await
    }

    /// Changes recorded at or after `since`, oldest first.
    pub async fn catalogue_changes_since(&self, since: Millis, limit: i64) -> Result<Vec<RecordedChange>, StoreError> {
        let query = sqlx::query(
            "SELECT id, created_at_ms, payload FROM outbox WHERE topic = $1 AND created_at_ms >= $2 \
             ORDER BY id LIMIT $3",
        )
        .bind(CATALOGUE_TOPIC)
        .bind(since)
        .bind(limit);
        self.read_all(query, "read the catalogue's changes since an instant", recorded).await
    }

    /// The newest changes, newest first.
    pub async fn latest_catalogue_changes(&self, limit: i64) -> Result<Vec<RecordedChange>, StoreError> {
        let query =
            sqlx::query("SELECT id, created_at_ms, payload FROM outbox WHERE topic = $1 ORDER BY id DESC LIMIT $2")
                .bind(CATALOGUE_TOPIC)
                .bind(limit);
        self.read_all(query, "read the catalogue's latest changes", recorded).await
    }

    /// The sequence number of the newest change (0 when there is none).
    pub async fn last_catalogue_change(&self) -> Result<i64, StoreError> {
        let during = |e| StoreError::during("read the catalogue's last change", e);
        let row = sqlx::query("SELECT MAX(id) AS last_seq FROM outbox WHERE topic = $1")
            .bind(CATALOGUE_TOPIC)
            .fetch_one(&self.pool)
            .await
            .map_err(during)?;
        Ok(row.try_get::<Option<i64>, _>("last_seq").map_err(during)?.unwrap_or(0))
    }

    /// The statuses listings entered with effect in `[from, to]`, by date then name.
    pub async fn status_changes_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<StatusChange>, StoreError> {
        let operation = "read the statuses listings entered";
        let during = |e| StoreError::during(operation, e);
        let query = sqlx::query(
            "SELECT i.listing_id, v.name, l.provider_id, o.name AS provider_name, i.status, i.valid_from, \
             i.decision_id \
             FROM listing_status_intervals i JOIN listings l ON l.id = i.listing_id \
             JOIN listing_versions v ON v.listing_id = i.listing_id AND v.version = i.listing_version \
             JOIN organisations o ON o.id = l.provider_id \
             WHERE i.valid_from >= $1 AND i.valid_from <= $2 ORDER BY i.valid_from DESC, v.name, i.listing_id",
        )
        .bind(from.to_string())
        .bind(to.to_string());
        self.read_all(query, operation, |r| -> Result<_, StoreError> {
            let status: String = r.try_get("status").map_err(during)?;
            let on: String = r.try_get("valid_from").map_err(during)?;
            Ok(StatusChange {
                listing_id: r.try_get("listing_id").map_err(during)?,
                name: r.try_get("name").map_err(during)?,
                provider_id: r.try_get("provider_id").map_err(during)?,
                provider_name: r.try_get("provider_name").map_err(during)?,
                status: ListingStatus::parse(&status)
                    .ok_or_else(|| crate::qualification::corrupt("status", &status))?,
                on: parse_date(&on)?,
                decision_id: r.try_get("decision_id").map_err(during)?,
            })
        })
        .await
    }
}

fn recorded(r: &sqlx::any::AnyRow) -> Result<RecordedChange, StoreError> {
    let during = |e| StoreError::during("read a catalogue change", e);
    let payload: String = r.try_get("payload").map_err(during)?;
    Ok(RecordedChange {
        seq: r.try_get("id").map_err(during)?,
        recorded_at_ms: r.try_get("created_at_ms").map_err(during)?,
        change: serde_json::from_str(&payload).map_err(|e| during(sqlx::Error::Decode(e.into())))?,
    })
}
