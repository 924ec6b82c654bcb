//! The attestor's records: assignments of projects to attestor
//! organisations, verdicts per item, requests for documents with the
//! ente's answers, and the sample controls drawn after payment.

use crate::audit::AuditEntry;
use crate::programme::applications::{CallApplication, FIELDS, FROM, application_from_row};
use crate::read::parse_date;
use crate::write::Refusal;
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::attestation::verification::Verdict;
use cloudpa_domain::message::Message;
use serde::Serialize;
use serde_json::json;
use sqlx::{AssertSqlSafe, Row};

/// A verdict given to an item of a project (position 0) or of a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredVerdict {
    pub position: i64,
    pub item: String,
    pub verdict: Verdict,
    pub note: String,
    pub decided_at_ms: Millis,
    /// 1 when first given, one more at each change.
    pub version: i64,
}

/// A request for documents and, once given, the ente's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentRequest {
    pub id: String,
    pub application_id: String,
    pub position: i64,
    pub text: String,
    pub due_on: NaiveDate,
    pub asked_at_ms: Millis,
    pub answer: Option<String>,
    /// Ids of the files the ente attached.
    pub answer_files: Vec<String>,
    pub answered_at_ms: Option<Millis>,
}

/// A verdict as the attestor gives it (checked by the caller).
#[derive(Debug, Clone, Copy)]
pub struct GivenVerdict<'a> {
    pub position: i64,
    pub item: &'a str,
    pub verdict: Verdict,
    pub note: &'a str,
}

/// A request for documents about a service (or, position 0, the project).
#[derive(Debug, Clone, Copy)]
pub struct NewRequest<'a> {
    pub position: i64,
    pub text: &'a str,
    pub due_on: NaiveDate,
}

fn verdict_from_row(r: &sqlx::any::AnyRow) -> Result<StoredVerdict, StoreError> {
    let during = |e| StoreError::during("read a verdict", e);
    let code: String = r.try_get("verdict").map_err(during)?;
    Ok(StoredVerdict {
        position: r.try_get("position").map_err(during)?,
        item: r.try_get("item").map_err(during)?,
        verdict: Verdict::parse(&code).ok_or_else(|| crate::qualification::corrupt("verdict", &code))?,
        note: r.try_get("note").map_err(during)?,
        decided_at_ms: r.try_get("decided_at_ms").map_err(during)?,
        version: r.try_get("version").map_err(during)?,
    })
}

fn request_from_row(r: &sqlx::any::AnyRow) -> Result<DocumentRequest, StoreError> {
    let during = |e| StoreError::during("read a request for documents", e);
    let due: String = r.try_get("due_on").map_err(during)?;
    let files: Option<String> = r.try_get("answer_files").map_err(during)?;
    Ok(DocumentRequest {
        id: r.try_get("id").map_err(during)?,
        application_id: r.try_get("application_id").map_err(during)?,
        position: r.try_get("position").map_err(during)?,
        text: r.try_get("text").map_err(during)?,
        due_on: parse_date(&due)?,
        asked_at_ms: r.try_get("asked_at_ms").map_err(during)?,
        answer: r.try_get("answer").map_err(during)?,
        answer_files: files
            .map_or_else(|| Ok(Vec::new()), |f| serde_json::from_str(&f))
            .map_err(|_| crate::qualification::corrupt("answer files", "not a JSON list"))?,
        answered_at_ms: r.try_get("answered_at_ms").map_err(during)?,
    })
}

impl Store {
    /// The attestor organisation assigned to a project, if any.
    pub async fn attestor_of(&self, application_id: &str) -> Result<Option<String>, StoreError> {
        let query = sqlx::query("SELECT attestor_id FROM attestation_assignments WHERE application_id = $1");
        self.read_one(query.bind(application_id), "read a project's attestor", |r| r.try_get("attestor_id")).await
    }

    /// Assigns a project to an attestor organisation (replacing another).
    pub async fn assign_attestor(
        &self,
        actor: &Actor,
        application_id: &str,
        attestor_id: &str,
        assigned_by: &str,
        at: Millis,
    ) -> Result<(), StoreError> {
        let statement = sqlx::query(
            "INSERT INTO attestation_assignments (application_id, attestor_id, assigned_by, assigned_at_ms) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (application_id) DO UPDATE SET attestor_id = excluded.attestor_id, \
             assigned_by = excluded.assigned_by, assigned_at_ms = excluded.assigned_at_ms",
        )
        .bind(application_id)
        .bind(attestor_id)
        .bind(assigned_by)
        .bind(at);
        let entry = AuditEntry {
            actor,
            action: "attestation.assign",
            subject: format!("call_application:{application_id}"),
            details: json!({ "attestor": attestor_id }),
        };
        self.write_one(statement, |e| StoreError::during("assign an attestor", e), entry, at).await
    }

    /// The projects assigned to an attestor organisation, by id.
    pub async fn projects_of_attestor(&self, attestor_id: &str) -> Result<Vec<CallApplication>, StoreError> {
        let sql = format!(
            "SELECT {FIELDS} {FROM} JOIN attestation_assignments x ON x.application_id = a.id \
             WHERE x.attestor_id = $1 ORDER BY a.id"
        );
        let query = sqlx::query(AssertSqlSafe(sql)).bind(attestor_id);
        self.read_all(query, "list an attestor's projects", application_from_row).await
    }

    pub async fn verdicts(&self, application_id: &str) -> Result<Vec<StoredVerdict>, StoreError> {
        let query = sqlx::query(
            "SELECT position, item, verdict, note, decided_at_ms, version FROM attestation_verdicts \
             WHERE application_id = $1 ORDER BY position, item",
        )
        .bind(application_id);
        self.read_all(query, "read a project's verdicts", verdict_from_row).await
    }

    /// Records (or changes) the verdict on an item and answers its new
    /// version; with `expected` (the version it was given to, 0 before the
    /// first), fails with `Stale` when another verdict came first.
    pub async fn save_verdict(
        &self,
        actor: &Actor,
        application_id: &str,
        (given, expected): (&GivenVerdict<'_>, Option<i64>),
        decided_by: &str,
        at: Millis,
    ) -> Result<i64, StoreError> {
        let GivenVerdict { position, item, verdict, note } = *given;
        let statement = sqlx::query(
            "INSERT INTO attestation_verdicts (application_id, position, item, verdict, note, decided_by, \
             decided_at_ms, version) VALUES ($1, $2, $3, $4, $5, $6, $7, 1) \
             ON CONFLICT (application_id, position, item) DO UPDATE SET \
             verdict = excluded.verdict, note = excluded.note, decided_by = excluded.decided_by, \
             decided_at_ms = excluded.decided_at_ms, version = attestation_verdicts.version + 1 \
             WHERE $8 < 0 OR attestation_verdicts.version = $8 RETURNING version",
        )
        .bind(application_id)
        .bind(position)
        .bind(item)
        .bind(verdict.code())
        .bind(note)
        .bind(decided_by)
        .bind(at)
        .bind(expected.unwrap_or(-1));
        let entry = AuditEntry {
            actor,
            action: "attestation.verdict",
            subject: format!("call_application:{application_id}"),
            details: json!({ "position": position, "item": item, "verdict": verdict.code(), "note": note }),
        };
        let current = sqlx::query(
            "SELECT CAST(0 AS BIGINT) AS frozen, v.version, COALESCE(u.display_name, v.decided_by) AS changed_by, \
             v.decided_at_ms AS changed_at_ms FROM attestation_verdicts v LEFT JOIN users u ON u.id = v.decided_by \
             WHERE v.application_id = $1 AND v.position = $2 AND v.item = $3",
        )
        .bind(application_id)
        .bind(position)
        .bind(item);
        let what = Message::new("store-verdict").arg("item", item).arg("position", position);
        let frozen = Message::new("error-verdict-frozen").arg("what", what.clone());
        let refused = Refusal { query: current, frozen, what };
        self.write_versioned(statement, |e| StoreError::during("record a verdict", e), refused, entry, at).await
    }

    pub async fn document_requests(&self, application_id: &str) -> Result<Vec<DocumentRequest>, StoreError> {
        let query = sqlx::query(
            "SELECT id, application_id, position, text, due_on, asked_at_ms, answer, answer_files, answered_at_ms \
             FROM attestation_requests WHERE application_id = $1 ORDER BY asked_at_ms, id",
        )
        .bind(application_id);
        self.read_all(query, "read a project's requests", request_from_row).await
    }

    /// Sends the ente a request for documents; returns its id.
    pub async fn add_document_request(
        &self,
        actor: &Actor,
        application_id: &str,
        request: &NewRequest<'_>,
        asked_by: &str,
        at: Millis,
    ) -> Result<String, StoreError> {
        let NewRequest { position, text, due_on } = *request;
        let id = uuid::Uuid::now_v7().to_string();
        let statement = sqlx::query(
            "INSERT INTO attestation_requests (id, application_id, position, text, due_on, asked_by, asked_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(application_id)
        .bind(position)
        .bind(text)
        .bind(due_on.to_string())
        .bind(asked_by)
        .bind(at);
        let entry = AuditEntry {
            actor,
            action: "attestation.request",
            subject: format!("call_application:{application_id}"),
            details: json!({ "request": id, "position": position, "due_on": due_on }),
        };
        self.write_one(statement, |e| StoreError::during("send a request for documents", e), entry, at).await?;
        Ok(id)
    }

    /// Records the ente's answer to a request not yet answered.
    pub async fn answer_document_request(
        &self,
        actor: &Actor,
        request: &DocumentRequest,
        answer: &str,
        files: &[String],
        answered_by: &str,
        at: Millis,
    ) -> Result<(), StoreError> {
        let statement = sqlx::query(
            "UPDATE attestation_requests SET answer = $1, answer_files = $2, answered_by = $3, answered_at_ms = $4 \
             WHERE id = $5 AND answered_at_ms IS NULL",
        )
        .bind(answer)
        .bind(json!(files).to_string())
        .bind(answered_by)
        .bind(at)
        .bind(&request.id);
        let entry = AuditEntry {
            actor,
            action: "attestation.answer",
            subject: format!("call_application:{}", request.application_id),
            details: json!({ "request": request.id, "files": files }),
        };
        let failed = |e| StoreError::during("answer a request for documents", e);
        let answered = || StoreError::Conflict(Message::new("store-request-answer").arg("id", request.id.as_str()));
        self.write_one_changing(statement, failed, answered, entry, at).await
    }
}
