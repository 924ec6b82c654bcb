//! Applications for qualification: answers, reviews, transitions with their
//! decision records and listing status intervals, and the reviewers' queue.

use super::corrupt;
use super::listings::parse_date;
use crate::audit::AuditEntry;
use crate::catalogue::changes::{CatalogueChange, ChangeKind};
use crate::outbox::{enqueue, record_change};
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::lifecycle::{ApplicationState, DecisionKind};
use cloudpa_domain::qualification::requirements::RequirementSet;
use cloudpa_domain::qualification::triage::{Answer, Triage};
use serde::Serialize;
use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Application {
    pub id: String,
    pub listing_id: String,
    pub listing_version: i64,
    pub provider_id: String,
    pub requirement_set: String,
    pub requirement_version: String,
    pub state: ApplicationState,
    /// The automatic triage at the last submission, as JSON.
    pub triage: Option<serde_json::Value>,
    pub assigned_to: Option<String>,
    pub integration_deadline: Option<NaiveDate>,
    pub renewal_of: Option<String>,
    pub submitted_at_ms: Option<Millis>,
    pub created_at_ms: Millis,
    pub updated_at_ms: Millis,
}

/// A reviewer's verdict on one requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Review {
    pub requirement_id: String,
    pub verdict: String,
    pub note: String,
    pub reviewer_id: String,
    pub at_ms: Millis,
}

/// A decision record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub id: String,
    pub application_id: String,
    pub listing_id: String,
    pub kind: String,
    pub motivation: String,
    pub decided_on: NaiveDate,
    pub decided_by: String,
    pub details: serde_json::Value,
}

/// A decision to record with a transition.
#[derive(Debug, Clone)]
pub struct NewDecision<'a> {
    pub kind: DecisionKind,
    pub motivation: &'a str,
    pub decided_by: &'a str,
    pub details: serde_json::Value,
}

/// What a transition the domain allowed writes, all in one transaction.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    pub to: ApplicationState,
    /// A past participle for the audit log (`submitted`, `qualified`, …).
    pub event: &'a str,
    pub on: NaiveDate,
    pub triage: Option<&'a Triage>,
    pub integration_deadline: Option<NaiveDate>,
    pub decision: Option<NewDecision<'a>>,
    pub listing_status: Option<ListingStatus>,
    /// The application this one replaces at the head of the listing (a
    /// renewal or re-review being qualified), moved to `superseded`.
    pub supersedes: Option<&'a str>,
}

/// A draft application for a listing version.
#[derive(Debug, Clone, Copy)]
pub struct NewApplication<'a> {
    pub listing_id: &'a str,
    pub listing_version: i64,
    pub provider_id: &'a str,
    pub set: &'a RequirementSet,
    /// The qualified application this one renews.
    pub renewal_of: Option<&'a str>,
    /// The application whose answers this one starts from.
    pub prefill_from: Option<&'a str>,
}

/// A row of the reviewers' queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueItem {
    pub application: Application,
    pub listing_name: String,
    pub provider_name: String,
}

const APP_COLUMNS: &str = "a.id, a.listing_id, a.listing_version, a.provider_id, a.requirement_set, \
    a.requirement_version, a.state, a.triage, a.assigned_to, a.integration_deadline, a.renewal_of, \
    a.submitted_at_ms, a.created_at_ms, a.updated_at_ms";

impl Store {
    /// The newest version of a requirement set (versions are ISO dates).
    pub async fn requirement_set(&self, id: &str, version: Option<&str>) -> Result<Option<RequirementSet>, StoreError> {
        let row = match version {
            Some(v) => {
                sqlx::query("SELECT content FROM requirement_sets WHERE id = $1 AND version = $2")
                    .bind(id)
                    .bind(v)
                    .fetch_optional(&self.pool)
                    .await?
            }
            None => {
                sqlx::query("SELECT content FROM requirement_sets WHERE id = $1 ORDER BY version DESC LIMIT 1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?
            }
        };
        let Some(row) = row else { return Ok(None) };
        let content: String = row.try_get(0)?;
        RequirementSet::parse(&content).map(Some).map_err(|e| corrupt("requirement set", &e.to_string()))
    }

    /// Every requirement set, newest version of each.
    pub async fn requirement_sets(&self) -> Result<Vec<RequirementSet>, StoreError> {
        let rows = sqlx::query("SELECT DISTINCT id FROM requirement_sets ORDER BY id").fetch_all(&self.pool).await?;
        let mut sets = Vec::with_capacity(rows.len());
        for r in &rows {
            let id: String = r.try_get(0)?;
            sets.extend(self.requirement_set(&id, None).await?);
        }
        Ok(sets)
    }

    /// Opens a draft application for a listing version; a renewal or a
    /// re-review starts from the answers of `prefill_from`.
    pub async fn create_application(
        &self,
        actor: &Actor,
        new: &NewApplication<'_>,
        at: Millis,
    ) -> Result<Application, StoreError> {
        let NewApplication { listing_id, listing_version, provider_id, set, renewal_of, prefill_from } = *new;
        let id = uuid::Uuid::now_v7().to_string();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO applications (id, listing_id, listing_version, provider_id, requirement_set, \
             requirement_version, state, renewal_of, created_at_ms, updated_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
        )
        .bind(&id)
        .bind(listing_id)
        .bind(listing_version)
        .bind(provider_id)
        .bind(&set.id)
        .bind(&set.version)
        .bind(ApplicationState::Draft.code())
        .bind(renewal_of)
        .bind(at)
        .execute(tx.conn())
        .await?;
        if let Some(source) = prefill_from {
            sqlx::query(
                "INSERT INTO answers (application_id, requirement_id, answer, updated_at_ms) \
                 SELECT $1, requirement_id, answer, $2 FROM answers WHERE application_id = $3",
            )
            .bind(&id)
            .bind(at)
            .bind(source)
            .execute(tx.conn())
            .await?;
        }
        let entry = AuditEntry {
            actor,
            action: "application.create",
            subject: format!("application:{id}"),
            details: json!({ "listing_id": listing_id, "listing_version": listing_version,
                             "requirement_set": set.id, "requirement_version": set.version,
                             "renewal_of": renewal_of, "prefilled_from": prefill_from }),
        };
        tx.commit(entry, at).await?;
        self.application(&id).await?.ok_or_else(|| StoreError::NotFound(format!("application {id}")))
    }

    pub async fn application(&self, id: &str) -> Result<Option<Application>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("SELECT {APP_COLUMNS} FROM applications a WHERE a.id = $1"));
        let row = sqlx::query(sql).bind(id).fetch_optional(&self.pool).await?;
        row.as_ref().map(application_from_row).transpose()
    }

    /// A listing's applications, newest first.
    pub async fn listing_applications(&self, listing_id: &str) -> Result<Vec<Application>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {APP_COLUMNS} FROM applications a WHERE a.listing_id = $1 ORDER BY a.created_at_ms DESC, a.id DESC"
        ));
        let rows = sqlx::query(sql).bind(listing_id).fetch_all(&self.pool).await?;
        rows.iter().map(application_from_row).collect()
    }

    pub async fn answers(&self, application_id: &str) -> Result<BTreeMap<String, Answer>, StoreError> {
        let rows = sqlx::query("SELECT requirement_id, answer FROM answers WHERE application_id = $1")
            .bind(application_id)
            .fetch_all(&self.pool)
            .await?;
        let mut answers = BTreeMap::new();
        for r in &rows {
            let id: String = r.try_get(0)?;
            let text: String = r.try_get(1)?;
            let answer = serde_json::from_str(&text).map_err(|_| corrupt("answer", &text))?;
            answers.insert(id, answer);
        }
        Ok(answers)
    }

    /// Stores (or replaces) one answer, checked by the domain beforehand.
    pub async fn save_answer(
        &self,
        actor: &Actor,
        application_id: &str,
        requirement_id: &str,
        answer: &Answer,
        at: Millis,
    ) -> Result<(), StoreError> {
        let text = serde_json::to_string(answer).map_err(|e| StoreError::Database(sqlx::Error::Encode(e.into())))?;
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO answers (application_id, requirement_id, answer, updated_at_ms) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (application_id, requirement_id) DO UPDATE SET answer = excluded.answer, \
             updated_at_ms = excluded.updated_at_ms",
        )
        .bind(application_id)
        .bind(requirement_id)
        .bind(&text)
        .bind(at)
        .execute(tx.conn())
        .await?;
        let entry = AuditEntry {
            actor,
            action: "application.answer",
            subject: format!("application:{application_id}"),
            details: json!({ "requirement_id": requirement_id, "answer": answer }),
        };
        tx.commit(entry, at).await?;
        Ok(())
    }

    /// Writes a transition the domain allowed: the new state, the decision
    /// record, the listing's status interval, the notification event and the
    /// audit entry, in one transaction. Fails with `Conflict` when the
    /// application left `app.state` meanwhile. Returns the decision's id.
    pub async fn apply_transition(
        &self,
        actor: &Actor,
        app: &Application,
        change: Change<'_>,
        at: Millis,
    ) -> Result<Option<String>, StoreError> {
        let mut tx = self.begin_write().await?;
        let triage = change.triage.map(|t| json!(t).to_string());
        let submitted = matches!(change.to, ApplicationState::Submitted | ApplicationState::Resubmitted);
        let updated = sqlx::query(
            "UPDATE applications SET state = $1, updated_at_ms = $2, triage = COALESCE($3, triage), \
             integration_deadline = $4, submitted_at_ms = CASE WHEN $5 = 1 THEN $2 ELSE submitted_at_ms END \
             WHERE id = $6 AND state = $7",
        )
        .bind(change.to.code())
        .bind(at)
        .bind(triage)
        .bind(change.integration_deadline.map(|d| d.to_string()))
        .bind(i64::from(submitted))
        .bind(&app.id)
        .bind(app.state.code())
        .execute(tx.conn())
        .await?
        .rows_affected();
        if updated == 0 {
            return Err(StoreError::Conflict(format!("a newer change to application {}", app.id)));
        }
        if let Some(previous) = change.supersedes {
            let superseded = sqlx::query(
                "UPDATE applications SET state = $1, updated_at_ms = $2 WHERE id = $3 AND state IN ($4, $5)",
            )
            .bind(ApplicationState::Superseded.code())
            .bind(at)
            .bind(previous)
            .bind(ApplicationState::Qualified.code())
            .bind(ApplicationState::Suspended.code())
            .execute(tx.conn())
            .await?
            .rows_affected();
            if superseded == 0 {
                return Err(StoreError::Conflict(format!("a newer change to application {previous}")));
            }
        }
        let decision_id = match &change.decision {
            Some(d) => Some(insert_decision(tx.conn(), app, d, change.on, at).await?),
            None => None,
        };
        if let Some(status) = change.listing_status {
            open_interval(tx.conn(), app, status, change.on, decision_id.as_deref(), at).await?;
        }
        if change.listing_status == Some(ListingStatus::Qualified) {
            sqlx::query("UPDATE listings SET current_version = $1 WHERE id = $2")
                .bind(app.listing_version)
                .bind(&app.listing_id)
                .execute(tx.conn())
                .await?;
        }
        let event = json!({
            "application_id": app.id, "listing_id": app.listing_id, "provider_id": app.provider_id,
            "assigned_to": app.assigned_to, "from": app.state.code(), "to": change.to.code(),
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

    /// Qualified or suspended applications with the date of the decision that
    /// qualified them: the input of the expiry sweep.
    pub async fn qualified_applications(&self) -> Result<Vec<(Application, NaiveDate)>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {APP_COLUMNS}, MAX(d.decided_on) FROM applications a \
             JOIN decisions d ON d.application_id = a.id AND d.kind = 'qualification' \
             WHERE a.state IN ('qualified', 'suspended') GROUP BY {APP_COLUMNS}"
        ));
        let rows = sqlx::query(sql).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                let on: String = r.try_get(14)?;
                Ok((application_from_row(r)?, parse_date(&on)?))
            })
            .collect()
    }

    /// Applications waiting for the agency, oldest submission first.
    pub async fn review_queue(&self, states: &[ApplicationState]) -> Result<Vec<QueueItem>, StoreError> {
        let codes: Vec<String> = states.iter().map(|s| format!("'{}'", s.code())).collect();
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {APP_COLUMNS}, v.name, o.name FROM applications a \
             JOIN listing_versions v ON v.listing_id = a.listing_id AND v.version = a.listing_version \
             JOIN organisations o ON o.id = a.provider_id \
             WHERE a.state IN ({}) ORDER BY a.submitted_at_ms, a.id",
            codes.join(", ")
        ));
        let rows = sqlx::query(sql).fetch_all(&self.pool).await?;
        rows.iter().map(queue_item_from_row).collect()
    }

    /// A provider's applications, newest first.
    pub async fn provider_applications(&self, provider_id: &str) -> Result<Vec<QueueItem>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {APP_COLUMNS}, v.name, o.name FROM applications a \
             JOIN listing_versions v ON v.listing_id = a.listing_id AND v.version = a.listing_version \
             JOIN organisations o ON o.id = a.provider_id \
             WHERE a.provider_id = $1 ORDER BY a.created_at_ms DESC, a.id DESC"
        ));
        let rows = sqlx::query(sql).bind(provider_id).fetch_all(&self.pool).await?;
        rows.iter().map(queue_item_from_row).collect()
    }

    /// Assigns an application to a reviewer.
    pub async fn assign_application(
        &self,
        actor: &Actor,
        application_id: &str,
        reviewer_id: &str,
        at: Millis,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let updated = sqlx::query("UPDATE applications SET assigned_to = $1, updated_at_ms = $2 WHERE id = $3")
            .bind(reviewer_id)
            .bind(at)
            .bind(application_id)
            .execute(tx.conn())
            .await?
            .rows_affected();
        if updated == 0 {
            return Err(StoreError::NotFound(format!("application {application_id}")));
        }
        let entry = AuditEntry {
            actor,
            action: "application.assign",
            subject: format!("application:{application_id}"),
            details: json!({ "reviewer_id": reviewer_id }),
        };
        tx.commit(entry, at).await?;
        Ok(())
    }

    /// Records a reviewer's verdict and note on one requirement.
    pub async fn save_review(
        &self,
        actor: &Actor,
        application_id: &str,
        review: &Review,
        at: Millis,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO reviews (application_id, requirement_id, verdict, note, reviewer_id, at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (application_id, requirement_id) DO UPDATE SET \
             verdict = excluded.verdict, note = excluded.note, reviewer_id = excluded.reviewer_id, at_ms = excluded.at_ms",
        )
        .bind(application_id)
        .bind(&review.requirement_id)
        .bind(&review.verdict)
        .bind(&review.note)
        .bind(&review.reviewer_id)
        .bind(at)
        .execute(tx.conn())
        .await?;
        let entry = AuditEntry {
            actor,
            action: "application.review",
            subject: format!("application:{application_id}"),
            details: json!({ "requirement_id": review.requirement_id, "verdict": review.verdict, "note": review.note }),
        };
        tx.commit(entry, at).await?;
        Ok(())
    }

    pub async fn reviews(&self, application_id: &str) -> Result<Vec<Review>, StoreError> {
        let rows = sqlx::query(
            "SELECT requirement_id, verdict, note, reviewer_id, at_ms FROM reviews WHERE application_id = $1 \
             ORDER BY requirement_id",
        )
        .bind(application_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| -> Result<_, sqlx::Error> {
                Ok(Review {
                    requirement_id: r.try_get(0)?,
                    verdict: r.try_get(1)?,
                    note: r.try_get(2)?,
                    reviewer_id: r.try_get(3)?,
                    at_ms: r.try_get(4)?,
                })
            })
            .collect::<Result<_, _>>()?)
    }

    /// A listing's decision records, oldest first.
    pub async fn listing_decisions(&self, listing_id: &str) -> Result<Vec<Decision>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, application_id, listing_id, kind, motivation, decided_on, decided_by, details \
             FROM decisions WHERE listing_id = $1 ORDER BY at_ms, id",
        )
        .bind(listing_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(decision_from_row).collect()
    }

    pub async fn decision(&self, id: &str) -> Result<Option<Decision>, StoreError> {
        let row = sqlx::query(
            "SELECT id, application_id, listing_id, kind, motivation, decided_on, decided_by, details \
             FROM decisions WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(decision_from_row).transpose()
    }
}

async fn insert_decision(
    conn: &mut sqlx::AnyConnection,
    app: &Application,
    d: &NewDecision<'_>,
    on: NaiveDate,
    at: Millis,
) -> Result<String, StoreError> {
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO decisions (id, application_id, listing_id, kind, motivation, decided_on, decided_by, details, at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(&app.id)
    .bind(&app.listing_id)
    .bind(decision_code(d.kind))
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
    let last: Option<i64> = sqlx::query("SELECT MAX(seq) FROM listing_status_intervals WHERE listing_id = $1")
        .bind(&app.listing_id)
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?;
    if let Some(seq) = last {
        sqlx::query("UPDATE listing_status_intervals SET valid_to = $1 WHERE listing_id = $2 AND seq = $3")
            .bind(on.to_string())
            .bind(&app.listing_id)
            .bind(seq)
            .execute(&mut *conn)
            .await?;
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
    .await?;
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

pub fn decision_code(kind: DecisionKind) -> &'static str {
    match kind {
        DecisionKind::Qualification => "qualification",
        DecisionKind::Rejection => "rejection",
        DecisionKind::Suspension => "suspension",
        DecisionKind::Reinstatement => "reinstatement",
        DecisionKind::Revocation => "revocation",
    }
}

fn application_from_row(r: &AnyRow) -> Result<Application, StoreError> {
    let state: String = r.try_get(6)?;
    let triage: Option<String> = r.try_get(7)?;
    let deadline: Option<String> = r.try_get(9)?;
    Ok(Application {
        id: r.try_get(0)?,
        listing_id: r.try_get(1)?,
        listing_version: r.try_get(2)?,
        provider_id: r.try_get(3)?,
        requirement_set: r.try_get(4)?,
        requirement_version: r.try_get(5)?,
        state: ApplicationState::parse(&state).ok_or_else(|| corrupt("state", &state))?,
        triage: triage.map(|t| serde_json::from_str(&t).map_err(|_| corrupt("triage", &t))).transpose()?,
        assigned_to: r.try_get(8)?,
        integration_deadline: deadline.as_deref().map(parse_date).transpose()?,
        renewal_of: r.try_get(10)?,
        submitted_at_ms: r.try_get(11)?,
        created_at_ms: r.try_get(12)?,
        updated_at_ms: r.try_get(13)?,
    })
}

/// A row of `APP_COLUMNS` followed by the listing's and the provider's names.
fn queue_item_from_row(r: &AnyRow) -> Result<QueueItem, StoreError> {
    Ok(QueueItem { application: application_from_row(r)?, listing_name: r.try_get(14)?, provider_name: r.try_get(15)? })
}

fn decision_from_row(r: &AnyRow) -> Result<Decision, StoreError> {
    let on: String = r.try_get(5)?;
    let details: String = r.try_get(7)?;
    Ok(Decision {
        id: r.try_get(0)?,
        application_id: r.try_get(1)?,
        listing_id: r.try_get(2)?,
        kind: r.try_get(3)?,
        motivation: r.try_get(4)?,
        decided_on: parse_date(&on)?,
        decided_by: r.try_get(6)?,
        details: serde_json::from_str(&details).map_err(|_| corrupt("details", &details))?,
    })
}
