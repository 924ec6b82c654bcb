//! Reminders of deadlines: each one (application, deadline, due date, days
//! before) is sent once — recorded with its notification in the outbox, in
//! the same transaction.

use crate::audit::AuditEntry;
use crate::outbox::enqueue;
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;

/// The topic of the reminders' notifications.
pub const REMINDER_TOPIC: &str = "programme.reminder";

/// A reminder owed (decided by the domain's `reminder_due`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reminder {
    pub application_id: String,
    pub organisation_id: String,
    pub call: String,
    /// `cup`, `contract` or `completion`.
    pub kind: String,
    pub due_on: NaiveDate,
    pub days_before: u64,
}

impl Store {
    /// Records the reminders not sent yet, each with its notification;
    /// returns how many were new. One audit entry covers the sweep.
    pub async fn record_reminders(&self, reminders: &[Reminder], at: Millis) -> Result<usize, StoreError> {
        let during = |e| StoreError::during("record reminders", e);
        let mut tx = self.begin_write().await?;
        let mut sent = Vec::new();
        for r in reminders {
            let done = sqlx::query(
                "INSERT INTO deadline_reminders (application_id, kind, due_on, days_before, sent_at_ms) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            )
            .bind(&r.application_id)
            .bind(&r.kind)
            .bind(r.due_on.to_string())
            .bind(r.days_before as i64)
            .bind(at)
            .execute(tx.conn())
            .await
            .map_err(during)?;
            if done.rows_affected() == 1 {
                let payload = serde_json::to_value(r).map_err(|e| during(sqlx::Error::Encode(e.into())))?;
                enqueue(tx.conn(), REMINDER_TOPIC, &payload, at).await?;
                sent.push(r);
            }
        }
        if sent.is_empty() {
            return Ok(0);
        }
        let entry = AuditEntry {
            actor: &Actor::system(),
            action: "programme.reminders",
            subject: "programme".into(),
            details: json!({ "sent": sent.iter().map(|r| json!({ "application": r.application_id,
                "kind": r.kind, "due_on": r.due_on, "days_before": r.days_before })).collect::<Vec<_>>() }),
        };
        tx.commit(entry, at).await?;
        Ok(sent.len())
    }
}
