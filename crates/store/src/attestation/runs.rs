//! The runs of the bulk pre-check the programme office starts: each is a
//! job of the jobs table (kind [`PRECHECK_RUN`]) and a row here with its
//! progress and, once done, its CSV report's file (owned by the office's
//! organisation) or the error that stopped it.

use crate::audit::AuditEntry;
use crate::jobs::{NewJob, enqueue};
use crate::{Actor, Millis, Store, StoreError};
use serde::Serialize;
use serde_json::json;
use sqlx::Row;

/// The kind of the job that runs a bulk pre-check.
pub const PRECHECK_RUN: &str = "attest_precheck";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrecheckRun {
    pub id: String,
    pub call_id: Option<String>,
    pub owner_id: String,
    pub requested_by: String,
    pub requested_at_ms: Millis,
    pub started_at_ms: Option<Millis>,
    pub projects_total: Option<i64>,
    pub projects_done: i64,
    pub forms: Option<i64>,
    pub rows_total: Option<i64>,
    pub rows_failed: Option<i64>,
    pub result_file: Option<String>,
    pub error: Option<String>,
    pub finished_at_ms: Option<Millis>,
}

impl PrecheckRun {
    /// Neither finished nor stopped by an error (its job tries a failed
    /// run again, but the office may start another meanwhile).
    pub fn running(&self) -> bool {
        self.finished_at_ms.is_none() && self.error.is_none()
    }
}

fn run_from_row(r: &sqlx::any::AnyRow) -> Result<PrecheckRun, StoreError> {
    let during = |e| StoreError::during("read a pre-check run", e);
    Ok(PrecheckRun {
        id: r.try_get("id").map_err(during)?,
        call_id: r.try_get("call_id").map_err(during)?,
        owner_id: r.try_get("owner_id").map_err(during)?,
        requested_by: r.try_get("requested_by").map_err(during)?,
        requested_at_ms: r.try_get("requested_at_ms").map_err(during)?,
        started_at_ms: r.try_get("started_at_ms").map_err(during)?,
        projects_total: r.try_get("projects_total").map_err(during)?,
        projects_done: r.try_get("projects_done").map_err(during)?,
        forms: r.try_get("forms").map_err(during)?,
        rows_total: r.try_get("rows_total").map_err(during)?,
        rows_failed: r.try_get("rows_failed").map_err(during)?,
        result_file: r.try_get("result_file").map_err(during)?,
        error: r.try_get("error").map_err(during)?,
        finished_at_ms: r.try_get("finished_at_ms").map_err(during)?,
    })
}

const SELECT: &str = "SELECT id, call_id, owner_id, requested_by, requested_at_ms, started_at_ms, projects_total, \
    projects_done, forms, rows_total, rows_failed, result_file, error, finished_at_ms FROM precheck_runs";

/// What a finished run found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunResult<'a> {
    pub forms: i64,
    pub rows_total: i64,
    pub rows_failed: i64,
    pub result_file: &'a str,
}

impl Store {
    /// Records a run and its job, in one transaction.
    pub async fn start_precheck_run(&self, actor: &Actor, run: &PrecheckRun) -> Result<(), StoreError> {
        let during = |e| StoreError::during("start a pre-check run", e);
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO precheck_runs (id, call_id, owner_id, requested_by, requested_at_ms) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&run.id)
        .bind(run.call_id.as_deref())
        .bind(&run.owner_id)
        .bind(&run.requested_by)
        .bind(run.requested_at_ms)
        .execute(tx.conn())
        .await
        .map_err(during)?;
        let job = NewJob {
            kind: PRECHECK_RUN,
            payload: json!({ "run_id": run.id }),
            unique_key: Some(format!("{PRECHECK_RUN}:{}", run.id)),
            run_at_ms: run.requested_at_ms,
        };
        enqueue(tx.conn(), &job, run.requested_at_ms).await?;
        let entry = AuditEntry {
            actor,
            action: "attestation.precheck_run",
            subject: format!("precheck_run:{}", run.id),
            details: json!({ "call_id": run.call_id }),
        };
        tx.commit(entry, run.requested_at_ms).await.map(|_| ())
    }

    pub async fn precheck_run(&self, id: &str) -> Result<Option<PrecheckRun>, StoreError> {
        let query = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE id = $1"))).bind(id);
        self.read_one(query, "read a pre-check run", run_from_row).await
    }

    /// The latest `limit` runs, newest first.
    pub async fn precheck_runs(&self, limit: i64) -> Result<Vec<PrecheckRun>, StoreError> {
        let sql = format!("{SELECT} ORDER BY requested_at_ms DESC, id DESC LIMIT $1");
        self.read_all(sqlx::query(sqlx::AssertSqlSafe(sql)).bind(limit), "list the pre-check runs", run_from_row).await
    }

    /// Records how far a run has gone (bookkeeping: no audit entry).
    pub async fn precheck_progress(&self, id: &str, done: i64, total: i64, at: Millis) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE precheck_runs SET projects_done = $1, projects_total = $2, \
             started_at_ms = COALESCE(started_at_ms, $3), error = NULL WHERE id = $4",
        )
        .bind(done)
        .bind(total)
        .bind(at)
        .bind(id)
        .execute(&self.pool)
        .await
        .map_err(|e| StoreError::during("record a pre-check run's progress", e))?;
        Ok(())
    }

    /// Records a run's report.
    pub async fn finish_precheck_run(&self, id: &str, result: RunResult<'_>, at: Millis) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE precheck_runs SET forms = $1, rows_total = $2, rows_failed = $3, result_file = $4, \
             finished_at_ms = $5 WHERE id = $6",
        )
        .bind(result.forms)
        .bind(result.rows_total)
        .bind(result.rows_failed)
        .bind(result.result_file)
        .bind(at)
        .bind(id)
        .execute(&self.pool)
        .await
        .map_err(|e| StoreError::during("finish a pre-check run", e))?;
        Ok(())
    }

    /// Records why an attempt of a run failed (the job tries again).
    pub async fn precheck_run_failed(&self, id: &str, error: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE precheck_runs SET error = $1 WHERE id = $2")
            .bind(error)
            .bind(id)
            .execute(&self.pool)
            .await
            .map_err(|e| StoreError::during("record a pre-check run's failure", e))?;
        Ok(())
    }
}
