//! Transitions of a declaration: the new state, the decision record, the
//! infrastructure's status interval and level, in one transaction.

use super::{Declaration, DeclarationChange};
use crate::audit::AuditEntry;
use crate::catalogue::changes::{CatalogueChange, ChangeKind};
use crate::outbox::record_change;
use crate::write::last_number;
use crate::{Actor, Millis, Store, StoreError};
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::effects::dates_submission;
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::lifecycle::QualificationState;
use serde_json::json;
use sqlx::Row;

impl Store {
    /// Writes a transition the domain allowed, made to the version of
    /// `declaration` it was read at (refused as moved on otherwise).
    /// Accepting or reinstating a declaration gives the infrastructure the
    /// declared level, and the services that run on it are re-read by the
    /// catalogue. Returns the decision's id.
    pub async fn apply_declaration_transition(
        &self,
        actor: &Actor,
        declaration: &Declaration,
        change: DeclarationChange<'_>,
        at: Millis,
    ) -> Result<Option<String>, StoreError> {
        let during = |e| StoreError::during("apply a transition to a declaration", e);
        let mut tx = self.begin_write().await?;
        let updated = sqlx::query(
            "UPDATE infrastructure_declarations SET state = $1, updated_at_ms = $2, integration_deadline = $3, \
             submitted_at_ms = CASE WHEN $4 = 1 THEN $2 ELSE submitted_at_ms END, version = version + 1, \
             updated_by = $5 WHERE id = $6 AND state = $7 AND version = $8",
        )
        .bind(change.to.code())
        .bind(at)
        .bind(change.integration_deadline.map(|d| d.to_string()))
        .bind(i64::from(dates_submission(change.to)))
        .bind(actor.as_str())
        .bind(&declaration.id)
        .bind(declaration.state.code())
        .bind(declaration.version)
        .execute(tx.conn())
        .await
        .map_err(during)?
        .rows_affected();
        if updated == 0 {
            return Err(StoreError::Frozen(Message::new("store-declaration-moved").arg("id", declaration.id.as_str())));
        }
        if let Some(previous) = change.supersedes {
            let superseded = sqlx::query(
                "UPDATE infrastructure_declarations SET state = $1, updated_at_ms = $2, version = version + 1, \
                 updated_by = $3 WHERE id = $4 AND state IN ($5, $6)",
            )
            .bind(QualificationState::Superseded.code())
            .bind(at)
            .bind(actor.as_str())
            .bind(previous)
            .bind(QualificationState::Qualified.code())
            .bind(QualificationState::Suspended.code())
            .execute(tx.conn())
            .await
            .map_err(during)?
            .rows_affected();
            if superseded == 0 {
                return Err(StoreError::Conflict(Message::new("store-declaration-newer").arg("id", previous)));
            }
        }
        let decision_id = match &change.decision {
            Some((kind, motivation, details)) => {
                let id = uuid::Uuid::now_v7().to_string();
                sqlx::query(
                    "INSERT INTO infrastructure_decisions (id, declaration_id, infrastructure_id, kind, motivation, \
                     decided_on, decided_by, details, at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(&id)
                .bind(&declaration.id)
                .bind(&declaration.infrastructure_id)
                .bind(kind.code())
                .bind(*motivation)
                .bind(change.on.to_string())
                .bind(change.decided_by)
                .bind(details.to_string())
                .bind(at)
                .execute(tx.conn())
                .await
                .map_err(during)?;
                Some(id)
            }
            None => None,
        };
        if let Some(status) = change.status {
            open_interval(tx.conn(), declaration, status, change.on, decision_id.as_deref()).await.map_err(during)?;
            if status == ListingStatus::Qualified {
                sqlx::query("UPDATE infrastructures SET level = $1 WHERE id = $2")
                    .bind(declaration.level.code())
                    .bind(&declaration.infrastructure_id)
                    .execute(tx.conn())
                    .await
                    .map_err(during)?;
            }
            for (listing_id, version) in public_services_on(tx.conn(), &declaration.infrastructure_id).await? {
                // The services' cards show the data classes they may host,
                // which the infrastructure's level caps.
                let change = CatalogueChange {
                    listing_id,
                    change: ChangeKind::Details,
                    status: None,
                    on: Some(change.on),
                    decision_id: None,
                    version,
                };
                record_change(tx.conn(), &change, at).await?;
            }
        }
        let entry = AuditEntry {
            actor,
            action: "infrastructure.declaration.transition",
            subject: format!("infrastructure:{}", declaration.infrastructure_id),
            details: json!({ "declaration": declaration.id, "event": change.event, "from": declaration.state.code(),
                             "to": change.to.code(), "decision_id": decision_id, "status": change.status,
                             "level": declaration.level.code(), "on": change.on, "supersedes": change.supersedes }),
        };
        tx.commit(entry, at).await?;
        Ok(decision_id)
    }
}

async fn open_interval(
    conn: &mut sqlx::AnyConnection,
    declaration: &Declaration,
    status: ListingStatus,
    on: chrono::NaiveDate,
    decision_id: Option<&str>,
) -> Result<(), sqlx::Error> {
    let infrastructure = declaration.infrastructure_id.as_str();
    let last = last_number(conn, "infrastructure_status_intervals", "seq", "infrastructure_id", infrastructure).await?;
    if let Some(seq) = last {
        sqlx::query(
            "UPDATE infrastructure_status_intervals SET valid_to = $1 WHERE infrastructure_id = $2 AND seq = $3",
        )
        .bind(on.to_string())
        .bind(infrastructure)
        .bind(seq)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query(
        "INSERT INTO infrastructure_status_intervals (infrastructure_id, seq, status, level, valid_from, valid_to, \
         decision_id) VALUES ($1, $2, $3, $4, $5, NULL, $6)",
    )
    .bind(infrastructure)
    .bind(last.unwrap_or(0) + 1)
    .bind(status.code())
    .bind(declaration.level.code())
    .bind(on.to_string())
    .bind(decision_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The listings that have been public and whose current version runs on
/// `infrastructure`, with that version.
async fn public_services_on(
    conn: &mut sqlx::AnyConnection,
    infrastructure: &str,
) -> Result<Vec<(String, i64)>, StoreError> {
    let rows = sqlx::query(
        "SELECT l.id, l.current_version FROM listings l \
         JOIN listing_versions v ON v.listing_id = l.id AND v.version = l.current_version \
         WHERE v.runs_on = $1 AND EXISTS (SELECT 1 FROM listing_status_intervals s WHERE s.listing_id = l.id) \
         ORDER BY l.id",
    )
    .bind(infrastructure)
    .fetch_all(conn)
    .await
    .map_err(|e| StoreError::during("list the services on an infrastructure", e))?;
    rows.iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("current_version")?)))
        .collect::<Result<_, sqlx::Error>>()
        .map_err(|e| StoreError::during("list the services on an infrastructure", e))
}
