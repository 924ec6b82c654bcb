//! The outbox: events written in the same transaction as the change that
//! caused them, then delivered (notifications, search refresh) by workers.
//!
//! Two kinds of reader: notifications are *delivered* (an event is pending
//! until `processed_at_ms` is set); the catalogue's change log is *followed*
//! by sequence number and kept as the public change feed, so its events are
//! written already processed and never wait for a delivery.

use crate::catalogue::changes::CatalogueChange;
use crate::{Millis, Store, StoreError};
use sqlx::Row;

/// An event waiting for delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEvent {
    pub id: i64,
    pub topic: String,
    pub payload: serde_json::Value,
    pub created_at_ms: Millis,
}

pub(crate) async fn enqueue(
    conn: &mut sqlx::AnyConnection,
    topic: &str,
    payload: &serde_json::Value,
    at: Millis,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO outbox (topic, payload, created_at_ms) VALUES ($1, $2, $3)")
        .bind(topic)
        .bind(payload.to_string())
        .bind(at)
        .execute(conn)
        .await?;
    Ok(())
}

/// The topic of the catalogue's change log.
pub const CATALOGUE_TOPIC: &str = "catalogue.change";

/// Appends a change to the catalogue's log.
pub(crate) async fn record_change(
    conn: &mut sqlx::AnyConnection,
    change: &CatalogueChange,
    at: Millis,
) -> Result<(), StoreError> {
    let payload = serde_json::to_string(change).map_err(|e| StoreError::Database(sqlx::Error::Encode(e.into())))?;
    sqlx::query("INSERT INTO outbox (topic, payload, created_at_ms, processed_at_ms) VALUES ($1, $2, $3, $3)")
        .bind(CATALOGUE_TOPIC)
        .bind(payload)
        .bind(at)
        .execute(conn)
        .await?;
    Ok(())
}

impl Store {
    /// The oldest undelivered events.
    pub async fn pending_events(&self, limit: i64) -> Result<Vec<OutboxEvent>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, topic, payload, created_at_ms FROM outbox WHERE processed_at_ms IS NULL ORDER BY id LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let payload: String = r.try_get(2)?;
                Ok(OutboxEvent {
                    id: r.try_get(0)?,
                    topic: r.try_get(1)?,
                    payload: serde_json::from_str(&payload)
                        .map_err(|e| StoreError::Database(sqlx::Error::Decode(e.into())))?,
                    created_at_ms: r.try_get(3)?,
                })
            })
            .collect()
    }

    /// Marks an event delivered. Delivery is bookkeeping, not a change of
    /// the record: it writes no audit entry.
    pub async fn mark_delivered(&self, id: i64, at: Millis) -> Result<(), StoreError> {
        sqlx::query("UPDATE outbox SET processed_at_ms = $1 WHERE id = $2")
            .bind(at)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
