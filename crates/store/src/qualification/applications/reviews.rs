//! What the agency works from: the reviewers' queue and assignments, the
//! verdicts on each requirement, the decision records and the applications
//! the expiry sweep reads.

use super::rows::{APP_COLUMNS, DECISION_COLUMNS, application_from_row, decision_from_row, queue_item_from_row};
use super::{Application, Decision, QueueItem, Review};
use crate::audit::AuditEntry;
use crate::qualification::listings::parse_date;
use crate::qualification::{sql_in_list, sql_in_list_where};
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::qualification::effects::{expires, starts_the_term};
use cloudpa_domain::qualification::lifecycle::{DecisionKind, QualificationState};
use serde_json::json;
use sqlx::Row;

impl Store {
    /// The applications that expire (qualified or suspended) with the date
    /// of the decision their term runs from: the input of the expiry sweep.
    pub async fn qualified_applications(&self) -> Result<Vec<(Application, NaiveDate)>, StoreError> {
        let during = |e| StoreError::during("list the qualified applications", e);
        let term_starts = sql_in_list_where(&DecisionKind::ALL, starts_the_term, DecisionKind::code);
        let expiring = sql_in_list_where(&QualificationState::ALL, expires, QualificationState::code);
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {APP_COLUMNS}, MAX(d.decided_on) AS qualified_on FROM applications a \
             JOIN decisions d ON d.application_id = a.id AND d.kind IN ({term_starts}) \
             WHERE a.state IN ({expiring}) GROUP BY {APP_COLUMNS}"
        ));
        let rows = sqlx::query(sql).fetch_all(&self.pool).await.map_err(during)?;
        rows.iter()
            .map(|r| {
                let on: String = r.try_get("qualified_on").map_err(during)?;
                Ok((application_from_row(r)?, parse_date(&on)?))
            })
            .collect()
    }

    /// Applications waiting for the agency, oldest submission first.
    pub async fn review_queue(&self, states: &[QualificationState]) -> Result<Vec<QueueItem>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {APP_COLUMNS}, v.name AS listing_name, o.name AS provider_name FROM applications a \
             JOIN listing_versions v ON v.listing_id = a.listing_id AND v.version = a.listing_version \
             JOIN organisations o ON o.id = a.provider_id \
             WHERE a.state IN ({}) ORDER BY a.submitted_at_ms, a.id",
            sql_in_list(states.iter().map(|s| s.code()))
        ));
        let rows =
            sqlx::query(sql).fetch_all(&self.pool).await.map_err(|e| StoreError::during("read the review queue", e))?;
        rows.iter().map(queue_item_from_row).collect()
    }

    /// A provider's applications, newest first.
    pub async fn provider_applications(&self, provider_id: &str) -> Result<Vec<QueueItem>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {APP_COLUMNS}, v.name AS listing_name, o.name AS provider_name FROM applications a \
             JOIN listing_versions v ON v.listing_id = a.listing_id AND v.version = a.listing_version \
             JOIN organisations o ON o.id = a.provider_id \
             WHERE a.provider_id = $1 ORDER BY a.created_at_ms DESC, a.id DESC"
        ));
        let rows = sqlx::query(sql)
            .bind(provider_id)
            .fetch_all(&self.pool)
            .await
            .map_err(|e| StoreError::during("list a provider's applications", e))?;
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
            .await
            .map_err(|e| StoreError::during("assign an application", e))?
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
        .await
        .map_err(|e| StoreError::during("save a review", e))?;
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
        let during = |e| StoreError::during("read an application's reviews", e);
        let rows = sqlx::query(
            "SELECT requirement_id, verdict, note, reviewer_id, at_ms FROM reviews WHERE application_id = $1 \
             ORDER BY requirement_id",
        )
        .bind(application_id)
        .fetch_all(&self.pool)
        .await
        .map_err(during)?;
        rows.iter()
            .map(|r| -> Result<_, sqlx::Error> {
                Ok(Review {
                    requirement_id: r.try_get("requirement_id")?,
                    verdict: r.try_get("verdict")?,
                    note: r.try_get("note")?,
                    reviewer_id: r.try_get("reviewer_id")?,
                    at_ms: r.try_get("at_ms")?,
                })
            })
            .collect::<Result<_, _>>()
            .map_err(during)
    }

    /// A listing's decision records, oldest first.
    pub async fn listing_decisions(&self, listing_id: &str) -> Result<Vec<Decision>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {DECISION_COLUMNS} FROM decisions WHERE listing_id = $1 ORDER BY at_ms, id"
        ));
        let rows = sqlx::query(sql)
            .bind(listing_id)
            .fetch_all(&self.pool)
            .await
            .map_err(|e| StoreError::during("list a listing's decisions", e))?;
        rows.iter().map(decision_from_row).collect()
    }

    pub async fn decision(&self, id: &str) -> Result<Option<Decision>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("SELECT {DECISION_COLUMNS} FROM decisions WHERE id = $1"));
        let row = sqlx::query(sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| StoreError::during("read a decision", e))?;
        row.as_ref().map(decision_from_row).transpose()
    }
}
