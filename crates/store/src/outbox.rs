//! The outbox: events written in the same transaction as the change that
//! caused them, then delivered (notifications, search refresh) by workers.
//!
//! Two kinds of reader: notifications are *delivered* (an event is pending
//! until `processed_at_ms` is set); the catalogue's change log is *followed*
//! by sequence number and kept as the public change feed, so its events are
//! written already processed and never wait for a delivery.

use crate::catalogue::changes::CatalogueChange;
use crate::jobs::NewJob;
use crate::{Millis, Store, StoreError};
use serde_json::json;
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
    let row = sqlx::query("INSERT INTO outbox (topic, payload, created_at_ms) VALUES ($1, $2, $3) RETURNING id")
        .bind(topic)
        .bind(payload.to_string())
        .bind(at)
        .fetch_one(&mut *conn)
        .await
        .map_err(|e| StoreError::during("add an event to the outbox", e))?;
    let event_id: i64 = row.try_get("id").map_err(|e| StoreError::during("add an event to the outbox", e))?;
    let job = NewJob { kind: DELIVER_EVENT, payload: json!({ "event_id": event_id }), unique_key: None, run_at_ms: at };
    crate::jobs::enqueue(conn, &job, at).await
}

/// The kind of job that delivers one outbox event's notifications.
pub const DELIVER_EVENT: &str = "deliver_event";

/// The topic of the catalogue's change log.
pub const CATALOGUE_TOPIC: &str = "catalogue.change";

/// Appends a change to the catalogue's log.
pub(crate) async fn record_change(
    conn: &mut sqlx::AnyConnection,
    change: &CatalogueChange,
    at: Millis,
) -> Result<(), StoreError> {
    let during = |e| StoreError::during("record a catalogue change", e);
    let payload = serde_json::to_string(change).map_err(|e| during(sqlx::Error::Encode(e.into())))?;
    sqlx::query("INSERT INTO outbox (topic, payload, created_at_ms, processed_at_ms) VALUES ($1, $2, $3, $3)")
        .bind(CATALOGUE_TOPIC)
        .bind(payload)
        .bind(at)
        .execute(conn)
        .await
        .map_err(during)?;
    Ok(())
}

impl Store {
    /// The event `id`.
    pub async fn outbox_event(&self, id: i64) -> Result<Option<OutboxEvent>, StoreError> {
        let query = sqlx::query("SELECT id, topic, payload, created_at_ms FROM outbox WHERE id = $1").bind(id);
        self.read_one(query, "read an outbox event", |r| -> Result<_, sqlx::Error> {
            let payload: String = r.try_get("payload")?;
            Ok(OutboxEvent {
                id: r.try_get("id")?,
                topic: r.try_get("topic")?,
                payload: serde_json::from_str(&payload).map_err(|e| sqlx::Error::Decode(e.into()))?,
                created_at_ms: r.try_get("created_at_ms")?,
            })
        })
        .await
    }

    /// Marks an event delivered. Delivery is bookkeeping, not a change of
    /// the record: it writes no audit entry.
    pub async fn mark_delivered(&self, id: i64, at: Millis) -> Result<(), StoreError> {
        sqlx::query("UPDATE outbox SET processed_at_ms = $1 WHERE id = $2")
            .bind(at)
            .bind(id)
            .execute(&self.pool)
            .await
            .map_err(|e| StoreError::during("mark an event delivered", e))?;
        Ok(())
    }
}
