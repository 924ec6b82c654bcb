//! Live verifications of SaaS migrations: the slots the attestor schedules
//! and what each found.

use crate::audit::AuditEntry;
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDateTime;
use cloudpa_domain::attestation::live::{LiveMode, LiveOutcome};
use cloudpa_domain::message::Message;
use serde::Serialize;
use serde_json::json;
use sqlx::{AssertSqlSafe, Row};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiveVerification {
    pub id: String,
    pub application_id: String,
    pub ente_name: String,
    pub position: i64,
    /// Wall-clock time in Rome.
    pub starts_at: NaiveDateTime,
    pub mode: LiveMode,
    /// The link of the call, or the address of the visit.
    pub details: String,
    pub outcome: Option<LiveOutcome>,
    pub notes: Option<String>,
}

/// A slot as the attestor books it (checked by the caller).
#[derive(Debug, Clone, Copy)]
pub struct NewLive<'a> {
    pub position: i64,
    pub starts_at: NaiveDateTime,
    pub mode: LiveMode,
    pub details: &'a str,
}

const SELECT: &str = "SELECT l.id, l.application_id, o.name AS ente_name, l.position, l.starts_at, l.mode, l.details, \
    l.outcome, l.notes FROM live_verifications l JOIN call_applications a ON a.id = l.application_id \
    JOIN organisations o ON o.id = a.organisation_id";

fn live_from_row(r: &sqlx::any::AnyRow) -> Result<LiveVerification, StoreError> {
    let during = |e| StoreError::during("read a live verification", e);
    let corrupt = crate::qualification::corrupt;
    let starts: String = r.try_get("starts_at").map_err(during)?;
    let mode: String = r.try_get("mode").map_err(during)?;
    let outcome: Option<String> = r.try_get("outcome").map_err(during)?;
    Ok(LiveVerification {
        id: r.try_get("id").map_err(during)?,
        application_id: r.try_get("application_id").map_err(during)?,
        ente_name: r.try_get("ente_name").map_err(during)?,
        position: r.try_get("position").map_err(during)?,
        starts_at: starts.parse().map_err(|_| corrupt("slot", &starts))?,
        mode: LiveMode::parse(&mode).ok_or_else(|| corrupt("live mode", &mode))?,
        details: r.try_get("details").map_err(during)?,
        outcome: outcome
            .as_deref()
            .map(|o| LiveOutcome::parse(o).ok_or_else(|| corrupt("live outcome", o)))
            .transpose()?,
        notes: r.try_get("notes").map_err(during)?,
    })
}

impl Store {
    /// A project's live verifications, by slot.
    pub async fn live_verifications(&self, application_id: &str) -> Result<Vec<LiveVerification>, StoreError> {
        let sql = format!("{SELECT} WHERE l.application_id = $1 ORDER BY l.starts_at, l.id");
        let query = sqlx::query(AssertSqlSafe(sql)).bind(application_id);
        self.read_all(query, "read a project's live verifications", live_from_row).await
    }

    /// The slots of an attestor's projects still to record, by slot: its calendar.
    pub async fn attestor_calendar(&self, attestor_id: &str) -> Result<Vec<LiveVerification>, StoreError> {
        let sql = format!(
            "{SELECT} JOIN attestation_assignments x ON x.application_id = l.application_id \
             WHERE x.attestor_id = $1 AND l.outcome IS NULL ORDER BY l.starts_at, l.id"
        );
        let query = sqlx::query(AssertSqlSafe(sql)).bind(attestor_id);
        self.read_all(query, "read an attestor's calendar", live_from_row).await
    }

    /// Books a slot; returns its id.
    pub async fn schedule_live(
        &self,
        actor: &Actor,
        application_id: &str,
        new: &NewLive<'_>,
        scheduled_by: &str,
        at: Millis,
    ) -> Result<String, StoreError> {
        let id = uuid::Uuid::now_v7().to_string();
        let statement = sqlx::query(
            "INSERT INTO live_verifications (id, application_id, position, starts_at, mode, details, scheduled_by, \
             scheduled_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&id)
        .bind(application_id)
        .bind(new.position)
        .bind(new.starts_at.format("%Y-%m-%dT%H:%M:%S").to_string())
        .bind(new.mode.code())
        .bind(new.details)
        .bind(scheduled_by)
        .bind(at);
        let entry = AuditEntry {
            actor,
            action: "attestation.live_schedule",
            subject: format!("call_application:{application_id}"),
            details: json!({ "live": id, "position": new.position, "starts_at": new.starts_at, "mode": new.mode }),
        };
        self.write_one(statement, |e| StoreError::during("schedule a live verification", e), entry, at).await?;
        Ok(id)
    }

    /// Records what a verification found, once.
    pub async fn record_live(
        &self,
        actor: &Actor,
        live: &LiveVerification,
        outcome: LiveOutcome,
        notes: &str,
        at: Millis,
    ) -> Result<(), StoreError> {
        let statement = sqlx::query(
            "UPDATE live_verifications SET outcome = $1, notes = $2, recorded_at_ms = $3 WHERE id = $4 AND outcome IS NULL",
        )
        .bind(outcome.code())
        .bind(notes)
        .bind(at)
        .bind(&live.id);
        let entry = AuditEntry {
            actor,
            action: "attestation.live_outcome",
            subject: format!("call_application:{}", live.application_id),
            details: json!({ "live": live.id, "outcome": outcome, "notes": notes }),
        };
        let failed = |e| StoreError::during("record a live verification", e);
        let recorded = || StoreError::Conflict(Message::new("store-live-outcome").arg("id", live.id.as_str()));
        self.write_one_changing(statement, failed, recorded, entry, at).await
    }
}
