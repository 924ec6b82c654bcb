//! Transitions of an application: the new state, the decision record, the
//! listing's status interval and the notification, in one transaction.

use super::{Application, Change, NewDecision};
use crate::audit::AuditEntry;
use crate::catalogue::changes::{CatalogueChange, ChangeKind};
use crate::outbox::{enqueue, record_change};
use crate::qualification::sql_in_list_where;
use crate::read::Query;
use crate::write::last_number;
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::effects::{
    dates_submission, is_superseded_by_a_new_qualification, makes_version_current,
};
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::lifecycle::QualificationState;
use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

impl Store {
    /// The refusal of a change made to a version of `application` that is
    /// no longer its latest: `Stale`, naming who made the latest change and
    /// when; `NotFound` when there is no such application.
    pub async fn application_moved_on(&self, application: &str) -> StoreError {
        match self.read_one(latest_change(application), "read an application's latest change", changed_meanwhile).await
        {
            Ok(Some(refusal)) => refusal,
            Ok(None) => StoreError::NotFound(Message::new("store-application").arg("id", application)),
            Err(error) => error,
        }
    }

    /// Writes a transition the domain allowed: the new state, the decision
    /// record, the listing's status interval, the notification event and the
    /// audit entry, in one transaction. Fails with `Stale` when the
    /// application moved on from `app.version` meanwhile, naming who moved
    /// it. Returns the decision's id.
    pub async fn apply_transition(
        &self,
        actor: &Actor,
        app: &Application,
        change: Change<'_>,
        at: Millis,
    ) -> Result<Option<String>, StoreError> {
        let during = |e| StoreError::during("apply a transition to an application", e);
        let mut tx = self.begin_write().await?;
        let triage = change.triage.map(|t| json!(t).to_string());
        let submitted = dates_submission(change.to);
        let updated = sqlx::query(
            "UPDATE applications SET state = $1, updated_at_ms = $2, triage = COALESCE($3, triage), \
             integration_deadline = $4, submitted_at_ms = CASE WHEN $5 = 1 THEN $2 ELSE submitted_at_ms END, \
             version = version + 1, updated_by = $8, assigned_to = COALESCE($10, assigned_to) \
             WHERE id = $6 AND state = $7 AND version = $9",
        )
        .bind(change.to.code())
        .bind(at)
        .bind(triage)
        .bind(change.integration_deadline.map(|d| d.to_string()))
        .bind(i64::from(submitted))
        .bind(&app.id)
        .bind(app.state.code())
        .bind(actor.as_str())
        .bind(app.version)
        .bind(change.reviewer)
        .execute(tx.conn())
        .await
        .map_err(during)?
        .rows_affected();
        if updated == 0 {
            let latest = latest_change(&app.id).fetch_optional(tx.conn()).await.map_err(during)?;
            return Err(match latest {
                Some(row) => changed_meanwhile(&row).map_err(during)?,
                None => StoreError::NotFound(Message::new("store-application").arg("id", app.id.as_str())),
            });
        }
        if let Some(previous) = change.supersedes {
            let supersedable = sql_in_list_where(
                &QualificationState::ALL,
                is_superseded_by_a_new_qualification,
                QualificationState::code,
            );
            let sql = format!(
                "UPDATE applications SET state = $1, updated_at_ms = $2, version = version + 1, updated_by = $4 \
                 WHERE id = $3 AND state IN ({supersedable})"
            );
            let superseded = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(QualificationState::Superseded.code())
                .bind(at)
                .bind(previous)
                .bind(actor.as_str())
                .execute(tx.conn())
                .await
                .map_err(during)?
                .rows_affected();
            if superseded == 0 {
                return Err(StoreError::Conflict(Message::new("store-newer-change").arg("id", previous)));
            }
        }
        let decision_id = match &change.decision {
            Some(d) => Some(insert_decision(tx.conn(), app, d, change.on, at).await.map_err(during)?),
            None => None,
        };
        if let Some(status) = change.listing_status {
            open_interval(tx.conn(), app, status, change.on, decision_id.as_deref(), at).await?;
        }
        if change.listing_status.is_some_and(makes_version_current) {
            sqlx::query("UPDATE listings SET current_version = $1 WHERE id = $2")
                .bind(app.listing_version)
                .bind(&app.listing_id)
                .execute(tx.conn())
                .await
                .map_err(during)?;
        }
        let event = json!({
            "application_id": app.id, "listing_id": app.listing_id, "provider_id": app.provider_id,
            "assigned_to": change.reviewer.or(app.assigned_to.as_deref()), "from": app.state.code(), "to": change.to.code(),
            "decision_id": decision_id, "on": change.on,
        });
        enqueue(tx.conn(), "application.state", &event, at).await?;
        let entry = AuditEntry {
            actor,
            action: "application.transition",
            subject: format!("application:{}", app.id),
            details: json!({ "event": change.event, "from": app.state.code(), "to": change.to.code(),
                             "decision_id": decision_id, "listing_status": change.listing_status, "on": change.on,
                             "supersedes": change.supersedes }),
        };
        tx.commit(entry, at).await?;
        Ok(decision_id)
    }
}

/// Who made the latest change of `application`'s state (a user's or a
/// token's owner's name; `system` for the platform) and when, read with
/// [`changed_meanwhile`]; none when there is no such application.
fn latest_change(application: &str) -> Query<'_> {
    sqlx::query(
        "SELECT a.id, a.version, COALESCE(u.display_name, tu.display_name, a.updated_by, '') AS changed_by, \
         a.updated_at_ms AS changed_at_ms FROM applications a \
         LEFT JOIN users u ON a.updated_by = 'user:' || u.id \
         LEFT JOIN api_tokens t ON a.updated_by = 'token:' || t.id \
         LEFT JOIN users tu ON tu.id = t.created_by \
         WHERE a.id = $1",
    )
    .bind(application)
}

/// Why a change of the application of [`latest_change`]'s row was held
/// back: it is no longer at the version the change was made to.
fn changed_meanwhile(row: &AnyRow) -> Result<StoreError, sqlx::Error> {
    Ok(StoreError::Stale {
        what: Message::new("store-application").arg("id", row.try_get::<String, _>("id")?),
        version: row.try_get("version")?,
        changed_by: row.try_get("changed_by")?,
        changed_at_ms: row.try_get("changed_at_ms")?,
    })
}

async fn insert_decision(
    conn: &mut sqlx::AnyConnection,
    app: &Application,
    d: &NewDecision<'_>,
    on: NaiveDate,
    at: Millis,
) -> Result<String, sqlx::Error> {
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO decisions (id, application_id, listing_id, kind, motivation, decided_on, decided_by, details, at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(&app.id)
    .bind(&app.listing_id)
    .bind(d.kind.code())
    .bind(d.motivation)
    .bind(on.to_string())
    .bind(d.decided_by)
    .bind(d.details.to_string())
    .bind(at)
    .execute(conn)
    .await?;
    Ok(id)
}

async fn open_interval(
    conn: &mut sqlx::AnyConnection,
    app: &Application,
    status: ListingStatus,
    on: NaiveDate,
    decision_id: Option<&str>,
    at: Millis,
) -> Result<(), StoreError> {
    let during = |e| StoreError::during("open a listing's status interval", e);
    let last =
        last_number(conn, "listing_status_intervals", "seq", "listing_id", &app.listing_id).await.map_err(during)?;
    if let Some(seq) = last {
        sqlx::query("UPDATE listing_status_intervals SET valid_to = $1 WHERE listing_id = $2 AND seq = $3")
            .bind(on.to_string())
            .bind(&app.listing_id)
            .bind(seq)
            .execute(&mut *conn)
            .await
            .map_err(during)?;
    }
    sqlx::query(
        "INSERT INTO listing_status_intervals (listing_id, seq, status, valid_from, valid_to, decision_id, listing_version) \
         VALUES ($1, $2, $3, $4, NULL, $5, $6)",
    )
    .bind(&app.listing_id)
    .bind(last.unwrap_or(0) + 1)
    .bind(status.code())
    .bind(on.to_string())
    .bind(decision_id)
    .bind(app.listing_version)
    .execute(&mut *conn)
    .await
    .map_err(during)?;
    let change = CatalogueChange {
        listing_id: app.listing_id.clone(),
        change: ChangeKind::Status,
        status: Some(status),
        on: Some(on),
        decision_id: decision_id.map(str::to_owned),
        version: app.listing_version,
    };
    record_change(conn, &change, at).await
}
