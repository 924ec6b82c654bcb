//! The jobs table: background work (delivering a notification, the hourly
//! sweep) that any process may run, each job by one worker at a time.
//!
//! A worker claims the oldest due job under a lease (`claimed_until_ms`) in
//! one short statement: on PostgreSQL the candidate row is locked with
//! `FOR UPDATE SKIP LOCKED`, so two workers never claim the same one; on
//! SQLite the claim runs in a write transaction, which only one process
//! holds at a time. The claim commits at once, so the job itself runs
//! outside any transaction (on SQLite a transaction held for the length of
//! an SMTP exchange would stop every writer). A finished job is kept (with
//! its unique key, a scheduled job runs once per period); a failed one is
//! tried again after the domain's back-off, then given up and listed for the
//! administrator. Jobs are bookkeeping, not changes of the record: they write
//! no audit entry. The rules (lease, back-off, attempts) are the domain's.

use crate::engine::Engine;
use crate::{Millis, Store, StoreError};
use cloudpa_domain::jobs::{LEASE_MS, gives_up, retry_delay_ms};
use cloudpa_domain::message::Message;
use sqlx::Row;
use sqlx::any::AnyRow;

/// A job a worker holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedJob {
    pub id: String,
    pub kind: String,
    pub payload: serde_json::Value,
    /// This attempt's number, from 1.
    pub attempt: i64,
}

/// A job as the administrator sees it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct JobRecord {
    pub id: String,
    pub kind: String,
    pub payload: String,
    pub attempts: i64,
    pub run_at_ms: Millis,
    pub last_error: Option<String>,
    pub failed_at_ms: Option<Millis>,
}

/// A job to add.
#[derive(Debug, Clone)]
pub struct NewJob<'a> {
    pub kind: &'a str,
    pub payload: serde_json::Value,
    /// At most one job ever holds a given key (a scheduled job's period).
    pub unique_key: Option<String>,
    pub run_at_ms: Millis,
}

/// Adds `job` within a transaction; with a key already taken, nothing.
pub(crate) async fn enqueue(conn: &mut sqlx::AnyConnection, job: &NewJob<'_>, at: Millis) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO jobs (id, kind, payload, unique_key, run_at_ms, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (unique_key) DO NOTHING",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(job.kind)
    .bind(job.payload.to_string())
    .bind(job.unique_key.as_deref())
    .bind(job.run_at_ms)
    .bind(at)
    .execute(conn)
    .await
    .map_err(|e| StoreError::during("add a job", e))?;
    Ok(())
}

const DUE: &str = "finished_at_ms IS NULL AND failed_at_ms IS NULL AND run_at_ms <= $3 \
     AND (claimed_until_ms IS NULL OR claimed_until_ms < $3)";

impl Store {
    /// Adds a job; with its key already taken, nothing.
    pub async fn enqueue_job(&self, job: &NewJob<'_>, at: Millis) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await.map_err(|e| StoreError::during("add a job", e))?;
        enqueue(&mut conn, job, at).await
    }

    /// Claims the oldest job due at `now` for `worker`, for the lease.
    pub async fn claim_job(&self, worker: &str, now: Millis) -> Result<Option<ClaimedJob>, StoreError> {
        let lock = if self.engine() == Engine::Postgres { "FOR UPDATE SKIP LOCKED" } else { "" };
        let sql = format!(
            "UPDATE jobs SET claimed_by = $1, claimed_until_ms = $2, attempts = attempts + 1 \
             WHERE id = (SELECT id FROM jobs WHERE {DUE} ORDER BY run_at_ms, id LIMIT 1 {lock}) \
             RETURNING id, kind, payload, attempts"
        );
        let during = |e| StoreError::during("claim a job", e);
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(worker)
            .bind(now + LEASE_MS)
            .bind(now)
            .fetch_optional(tx.conn())
            .await
            .map_err(during)?;
        tx.tx.commit().await.map_err(during)?;
        row.as_ref().map(claimed_from_row).transpose()
    }

    /// Records that `worker` finished `id`.
    pub async fn finish_job(&self, id: &str, worker: &str, now: Millis) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE jobs SET finished_at_ms = $1, claimed_by = NULL, claimed_until_ms = NULL, last_error = NULL \
             WHERE id = $2 AND claimed_by = $3",
        )
        .bind(now)
        .bind(id)
        .bind(worker)
        .execute(&self.pool)
        .await
        .map_err(|e| StoreError::during("finish a job", e))?;
        Ok(())
    }

    /// Records that attempt `attempt` of `id` failed with `error`: the job is
    /// tried again after the back-off, or given up after the last attempt.
    pub async fn fail_job(&self, job: &ClaimedJob, worker: &str, error: &str, now: Millis) -> Result<(), StoreError> {
        let (run_at, failed_at) =
            if gives_up(job.attempt) { (now, Some(now)) } else { (now + retry_delay_ms(job.attempt), None) };
        sqlx::query(
            "UPDATE jobs SET run_at_ms = $1, failed_at_ms = $2, last_error = $3, claimed_by = NULL, \
             claimed_until_ms = NULL WHERE id = $4 AND claimed_by = $5",
        )
        .bind(run_at)
        .bind(failed_at)
        .bind(error)
        .bind(&job.id)
        .bind(worker)
        .execute(&self.pool)
        .await
        .map_err(|e| StoreError::during("record a failed job", e))?;
        Ok(())
    }

    /// The jobs that have failed at least once and are not finished: given
    /// up, or waiting for their next attempt; newest first.
    pub async fn troubled_jobs(&self) -> Result<Vec<JobRecord>, StoreError> {
        let query = sqlx::query(
            "SELECT id, kind, payload, attempts, run_at_ms, last_error, failed_at_ms FROM jobs \
             WHERE finished_at_ms IS NULL AND last_error IS NOT NULL ORDER BY run_at_ms DESC, id DESC",
        );
        self.read_all(query, "list failed jobs", record_from_row).await
    }

    /// Puts a given-up job back in the queue, due at `now`, with its
    /// attempts counted afresh.
    pub async fn retry_job(&self, id: &str, now: Millis) -> Result<(), StoreError> {
        let retried = sqlx::query(
            "UPDATE jobs SET failed_at_ms = NULL, attempts = 0, run_at_ms = $1 \
             WHERE id = $2 AND failed_at_ms IS NOT NULL",
        )
        .bind(now)
        .bind(id)
        .execute(&self.pool)
        .await
        .map_err(|e| StoreError::during("retry a job", e))?;
        if retried.rows_affected() == 0 {
            return Err(StoreError::NotFound(Message::new("store-job-given-up").arg("id", id)));
        }
        Ok(())
    }

    /// Deletes the jobs finished before `before` that hold no period key a
    /// scheduler could still ask for.
    pub async fn purge_finished_jobs(&self, before: Millis) -> Result<u64, StoreError> {
        let purged = sqlx::query("DELETE FROM jobs WHERE finished_at_ms < $1")
            .bind(before)
            .execute(&self.pool)
            .await
            .map_err(|e| StoreError::during("purge finished jobs", e))?;
        Ok(purged.rows_affected())
    }
}

fn claimed_from_row(row: &AnyRow) -> Result<ClaimedJob, StoreError> {
    let during = |e| StoreError::during("read a claimed job", e);
    let payload: String = row.try_get("payload").map_err(during)?;
    Ok(ClaimedJob {
        id: row.try_get("id").map_err(during)?,
        kind: row.try_get("kind").map_err(during)?,
        payload: serde_json::from_str(&payload).map_err(|e| during(sqlx::Error::Decode(e.into())))?,
        attempt: row.try_get("attempts").map_err(during)?,
    })
}

fn record_from_row(row: &AnyRow) -> Result<JobRecord, StoreError> {
    let during = |e| StoreError::during("read a job", e);
    Ok(JobRecord {
        id: row.try_get("id").map_err(during)?,
        kind: row.try_get("kind").map_err(during)?,
        payload: row.try_get("payload").map_err(during)?,
        attempts: row.try_get("attempts").map_err(during)?,
        run_at_ms: row.try_get("run_at_ms").map_err(during)?,
        last_error: row.try_get("last_error").map_err(during)?,
        failed_at_ms: row.try_get("failed_at_ms").map_err(during)?,
    })
}
