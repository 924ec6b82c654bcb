//! What the agency works from: the reviewers' queue and assignments, the
//! verdicts on each requirement, the decision records and the applications
//! the expiry sweep reads.

use super::rows::{
    APP_COLUMNS, DECISION_COLUMNS, application_from_row, decision_from_row, queue_item_from_row, select_queue_items,
};
use super::{Application, Decision, QueueItem, Review};
use crate::audit::AuditEntry;
use crate::qualification::{sql_in_list, sql_in_list_where};
use crate::read::parse_date;
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::effects::{expires, starts_the_term};
use cloudpa_domain::qualification::lifecycle::{DecisionKind, QualificationState};
use serde_json::json;
use sqlx::Row;

impl Store {
    /// The applications that expire (qualified or suspended) with the date
    /// of the decision their term runs from: the input of the expiry sweep.
    pub async fn qualified_applications(&self) -> Result<Vec<(Application, NaiveDate)>, StoreError> {
        let operation = "list the qualified applications";
        let term_starts = sql_in_list_where(&DecisionKind::ALL, starts_the_term, DecisionKind::code);
        let expiring = sql_in_list_where(&QualificationState::ALL, expires, QualificationState::code);
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {APP_COLUMNS}, MAX(d.decided_on) AS qualified_on FROM applications a \
             JOIN decisions d ON d.application_id = a.id AND d.kind IN ({term_starts}) \
             WHERE a.state IN ({expiring}) GROUP BY {APP_COLUMNS}"
        ));
        self.read_all(sqlx::query(sql), operation, |r| -> Result<_, StoreError> {
            let on: String = r.try_get("qualified_on").map_err(|e| StoreError::during(operation, e))?;
            Ok((application_from_row(r)?, parse_date(&on)?))
        })
        .await
    }

    /// Applications waiting for the agency, oldest submission first.
    pub async fn review_queue(&self, states: &[QualificationState]) -> Result<Vec<QueueItem>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{} WHERE a.state IN ({}) ORDER BY a.submitted_at_ms, a.id",
            select_queue_items(),
            sql_in_list(states.iter().map(|s| s.code()))
        ));
        self.read_all(sqlx::query(sql), "read the review queue", queue_item_from_row).await
    }

    /// A provider's applications, newest first.
    pub async fn provider_applications(&self, provider_id: &str) -> Result<Vec<QueueItem>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{} WHERE a.provider_id = $1 ORDER BY a.created_at_ms DESC, a.id DESC",
            select_queue_items()
        ));
        self.read_all(sqlx::query(sql).bind(provider_id), "list a provider's applications", queue_item_from_row).await
    }

    /// Assigns an application to a reviewer.
    pub async fn assign_application(
        &self,
        actor: &Actor,
        application_id: &str,
        reviewer_id: &str,
        at: Millis,
    ) -> Result<(), StoreError> {
        let statement = sqlx::query("UPDATE applications SET assigned_to = $1, updated_at_ms = $2 WHERE id = $3")
            .bind(reviewer_id)
            .bind(at)
            .bind(application_id);
        let failed = |e| StoreError::during("assign an application", e);
        let unchanged = || StoreError::NotFound(Message::new("store-application").arg("id", application_id));
        let entry = AuditEntry {
            actor,
            action: "application.assign",
            subject: format!("application:{application_id}"),
            details: json!({ "reviewer_id": reviewer_id }),
        };
        self.write_one_changing(statement, failed, unchanged, entry, at).await
    }

    /// Records a reviewer's verdict and note on one requirement.
    pub async fn save_review(
        &self,
        actor: &Actor,
        application_id: &str,
        review: &Review,
        at: Millis,
    ) -> Result<(), StoreError> {
        let statement = sqlx::query(
            "INSERT INTO reviews (application_id, requirement_id, verdict, note, reviewer_id, at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (application_id, requirement_id) DO UPDATE SET \
             verdict = excluded.verdict, note = excluded.note, reviewer_id = excluded.reviewer_id, at_ms = excluded.at_ms",
        )
        .bind(application_id)
        .bind(&review.requirement_id)
        .bind(&review.verdict)
        .bind(&review.note)
        .bind(&review.reviewer_id)
        .bind(at);
        let entry = AuditEntry {
            actor,
            action: "application.review",
            subject: format!("application:{application_id}"),
            details: json!({ "requirement_id": review.requirement_id, "verdict": review.verdict, "note": review.note }),
        };
        self.write_one(statement, |e| StoreError::during("save a review", e), entry, at).await
    }

    pub async fn reviews(&self, application_id: &str) -> Result<Vec<Review>, StoreError> {
        let query = sqlx::query(
            "SELECT requirement_id, verdict, note, reviewer_id, at_ms FROM reviews WHERE application_id = $1 \
             ORDER BY requirement_id",
        )
        .bind(application_id);
        self.read_all(query, "read an application's reviews", |r| -> Result<_, sqlx::Error> {
            Ok(Review {
                requirement_id: r.try_get("requirement_id")?,
                verdict: r.try_get("verdict")?,
                note: r.try_get("note")?,
                reviewer_id: r.try_get("reviewer_id")?,
                at_ms: r.try_get("at_ms")?,
            })
        })
        .await
    }

    /// A listing's decision records, oldest first.
    pub async fn listing_decisions(&self, listing_id: &str) -> Result<Vec<Decision>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {DECISION_COLUMNS} FROM decisions WHERE listing_id = $1 ORDER BY at_ms, id"
        ));
        self.read_all(sqlx::query(sql).bind(listing_id), "list a listing's decisions", decision_from_row).await
    }

    pub async fn decision(&self, id: &str) -> Result<Option<Decision>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("SELECT {DECISION_COLUMNS} FROM decisions WHERE id = $1"));
        self.read_one(sqlx::query(sql).bind(id), "read a decision", decision_from_row).await
    }
}
